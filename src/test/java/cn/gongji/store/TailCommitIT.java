package cn.gongji.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.gongji.support.ServiceIT;
import cn.gongji.support.StatementCounter;
import cn.gongji.support.TestStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction committed in the round trip of its last statement (issue 9, {@link TailCommit}): the
 * commit is durable when the statement returns, a failing statement commits nothing, a statement
 * run after the committing one is refused and rolled back, and a transaction not begun for it
 * commits (or rolls back) as before.
 */
@ServiceIT
class TailCommitIT {

    @Autowired
    TailCommit tail;

    @Autowired
    JdbcClient db;

    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void probeTable() {
        assumeTrue(TestStore.shards() == 0, "sharded nodes commit as before (gongji.store.tail-commit is off there)");
        db.sql("create table if not exists tail_commit_probe (id int primary key)").update();
        db.sql("truncate tail_commit_probe").update();
    }

    /** Read by another connection: only what is committed. */
    private long committedRows(int id) {
        return CompletableFuture.supplyAsync(() -> db.sql("select count(*) from tail_commit_probe where id = :id")
                .param("id", id).query(Long.class).single()).join();
    }

    private void insertPlain(int id) {
        db.sql("insert into tail_commit_probe values (:id)").param("id", id).update();
    }

    @Test
    void the_last_statement_commits_its_transaction_in_its_own_round_trip() {
        long[] seenBeforeSpringCommits = new long[1];
        StatementCounter.Count count = StatementCounter.capture(() -> tail.inTransaction(status -> {
            assertThat(tail.committing()).isTrue();
            insertPlain(1);
            List<Integer> ids = tail.query("insert into tail_commit_probe values (?) returning id", (rs, i) -> rs.getInt(1), 2);
            assertThat(ids).containsExactly(2);
            seenBeforeSpringCommits[0] = committedRows(1) + committedRows(2);
            return null;
        }));
        assertThat(seenBeforeSpringCommits[0]).as("both rows committed when the statement returned").isEqualTo(2);
        assertThat(count.statements()).as("the two inserts, and the check's two reads on another connection").isEqualTo(4);
        assertThat(count.commits()).as("no COMMIT of its own: the driver finds the connection idle").isZero();
    }

    @Test
    void a_named_statement_commits_too() {
        tail.inTransaction(status -> {
            tail.update("insert into tail_commit_probe values (:id)", Map.of("id", 3));
            assertThat(committedRows(3)).isEqualTo(1);
            return null;
        });
    }

    @Test
    void a_failing_last_statement_commits_nothing() {
        insertPlain(1);
        assertThatThrownBy(() -> tail.inTransaction(status -> {
            insertPlain(4);
            return tail.query("insert into tail_commit_probe values (?) returning id", (rs, i) -> rs.getInt(1), 1);
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(committedRows(4)).as("the statement before the failing one rolled back").isZero();
    }

    @Test
    void a_statement_after_the_committing_one_is_refused_and_rolled_back() {
        assertThatThrownBy(() -> tail.inTransaction(status -> {
            tail.update("insert into tail_commit_probe values (:id)", Map.of("id", 5));
            insertPlain(6);   // a mistake: it would run in a transaction of its own
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("ran after the statement that committed");
        assertThat(committedRows(5)).isEqualTo(1);
        assertThat(committedRows(6)).isZero();
    }

    @Test
    void a_second_committing_statement_is_refused() {
        assertThatThrownBy(() -> tail.inTransaction(status -> {
            tail.update("insert into tail_commit_probe values (:id)", Map.of("id", 7));
            return tail.query("select 1", (rs, i) -> 1);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("committed by its last statement already");
        assertThat(committedRows(7)).isEqualTo(1);
    }

    @Test
    void a_transaction_not_begun_for_it_commits_and_rolls_back_as_before() {
        tx.executeWithoutResult(status -> {
            assertThat(tail.committing()).isFalse();
            tail.update("insert into tail_commit_probe values (:id)", Map.of("id", 8));
            assertThat(committedRows(8)).as("not committed by the statement").isZero();
            status.setRollbackOnly();
        });
        assertThat(committedRows(8)).isZero();
        tail.update("insert into tail_commit_probe values (:id)", Map.of("id", 9));   // no transaction: autocommit
        assertThat(committedRows(9)).isEqualTo(1);
    }
}
