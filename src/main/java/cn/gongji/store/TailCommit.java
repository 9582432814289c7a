package cn.gongji.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Commits a transaction in the round trip of its last statement (issue 9): that statement goes to
 * PostgreSQL with a {@code COMMIT} after it, in one extended-protocol exchange (one Sync), instead of
 * the statement and then a COMMIT of its own: one round trip less per transaction, the same durable
 * commit (synchronous commit stays on; the caller hears of success only after the COMMIT returned).
 *
 * <p>Only a transaction begun with {@link #inTransaction} may be committed so: its owner (the HIS
 * processor, a settlement batch) knows that the statement that stores the message's answer is the
 * last thing it writes. A store calls {@link #query} or {@link #update} for that statement; anywhere
 * else (a test's transaction, a console job, a sharded node, or with
 * {@code gongji.store.tail-commit=false}) they run the plain statement and the transaction commits
 * as usual.
 *
 * <p>Afterwards Spring's commit finds the connection idle and the driver sends nothing (pgjdbc
 * commits, and rolls back, only a connection that is in a transaction). When the statement fails,
 * PostgreSQL skips the COMMIT (it discards what follows an error up to the Sync) and the transaction
 * rolls back as before. A statement run after the committing one would start a transaction of its
 * own: {@link Guard} refuses to commit that (the commit fails, the stray statement is rolled back),
 * so such a mistake shows in every test that goes through the path.
 */
@Component
public class TailCommit {

    /** Appended to the last statement: the driver sends both in one exchange. */
    static final String COMMIT = ";\ncommit";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;
    private final boolean enabled;

    public TailCommit(JdbcTemplate jdbc, TransactionTemplate tx, Environment env) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.tx = tx;
        // ShardingSphere routes one statement to one node and knows nothing of a COMMIT inside it
        this.enabled = env.getProperty("gongji.store.tail-commit", Boolean.class,
                !Sharding.sharded(env));
    }

    /** The mark of a transaction begun by {@link #inTransaction}: its last statement may commit it. */
    private static final class Mark {
        boolean committed;
    }

    /** Runs {@code work} in a new transaction whose last statement may commit it ({@link #query}). */
    public <T> T inTransaction(TransactionCallback<T> work) {
        return tx.execute(status -> {
            Mark mark = new Mark();
            TransactionSynchronizationManager.bindResource(this, mark);
            try {
                return work.doInTransaction(status);
            } finally {
                TransactionSynchronizationManager.unbindResource(this);
            }
        });
    }

    /**
     * Runs the statement with positional parameters and answers its rows; when the transaction was
     * begun by {@link #inTransaction}, commits it in the same round trip. Nothing may run in that
     * transaction afterwards.
     */
    public <T> List<T> query(String sql, RowMapper<T> rows, Object... args) {
        Mark mark = markOrNull();
        if (mark == null) {
            return jdbc.query(sql, rows, args);
        }
        return committed(mark, jdbc.execute(sql + COMMIT, (PreparedStatementCallback<List<T>>) ps -> {
            new ArgumentPreparedStatementSetter(args).setValues(ps);
            return rowsThenCommit(ps, rows);
        }));
    }

    /** {@link #query} with named parameters. */
    public <T> List<T> query(String sql, RowMapper<T> rows, Map<String, ?> params) {
        Mark mark = markOrNull();
        if (mark == null) {
            return named.query(sql, params, rows);
        }
        return committed(mark, named.execute(sql + COMMIT, new MapSqlParameterSource(params),
                (PreparedStatementCallback<List<T>>) ps -> rowsThenCommit(ps, rows)));
    }

    /** {@link #query} of a statement that answers no rows (an insert without {@code returning}). */
    public void update(String sql, Map<String, ?> params) {
        Mark mark = markOrNull();
        if (mark == null) {
            named.update(sql, params);
            return;
        }
        committed(mark, named.execute(sql + COMMIT, new MapSqlParameterSource(params),
                (PreparedStatementCallback<List<Object>>) ps -> rowsThenCommit(ps, (rs, i) -> null)));
    }

    /** Whether the current transaction's last statement commits it (tests, and the round-trip count). */
    public boolean committing() {
        return markOrNull() != null;
    }

    private Mark markOrNull() {
        if (!enabled || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Mark mark = (Mark) TransactionSynchronizationManager.getResource(this);
        if (mark == null) {
            return null;
        }
        if (mark.committed) {
            throw new IllegalStateException("the transaction was committed by its last statement already");
        }
        return mark;
    }

    private <T> T committed(Mark mark, T result) {
        mark.committed = true;
        TransactionSynchronizationManager.registerSynchronization(new Guard(jdbc));
        return result;
    }

    private static <T> List<T> rowsThenCommit(PreparedStatement ps, RowMapper<T> rows) throws SQLException {
        List<T> out = new ArrayList<>();
        if (ps.execute()) {   // the statement's rows; the driver has read the COMMIT's answer too
            try (ResultSet rs = ps.getResultSet()) {
                int i = 0;
                while (rs.next()) {
                    out.add(rows.mapRow(rs, i++));
                }
            }
        }
        if (state(ps.getConnection()) != TransactionState.IDLE) {
            throw new IllegalStateException("the statement's COMMIT did not end the transaction");
        }
        return out;
    }

    private static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    /** Refuses Spring's commit when a statement ran after the committing one (it opened a transaction of its own). */
    private static final class Guard implements TransactionSynchronization {
        private final JdbcTemplate jdbc;

        Guard(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            TransactionState s = jdbc.execute((Connection c) -> state(c));
            if (s != TransactionState.IDLE) {
                throw new IllegalStateException("a statement ran after the statement that committed the transaction;"
                        + " it is rolled back");
            }
        }
    }
}
