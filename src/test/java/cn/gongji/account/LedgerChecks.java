package cn.gongji.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Invariant checks run after the integration tests (ARCHITECTURE.md invariant 5). */
public final class LedgerChecks {

    private LedgerChecks() {}

    /** Every account's balance equals the sum of its entries, and each entry's balance_after is the running sum. */
    public static void assertConsistent(JdbcClient db) {
        List<String> off = db.sql("""
                select a.psn_no from account a
                left join (select psn_no, sum(amount) s from account_entry group by psn_no) e on e.psn_no = a.psn_no
                where a.balance <> coalesce(e.s, 0)
                """).query(String.class).list();
        assertThat(off).as("accounts whose balance is not the sum of their entries").isEmpty();
        List<Long> chain = db.sql("""
                select entry_id from (
                    select entry_id, balance_after,
                           sum(amount) over (partition by psn_no order by entry_id) running
                    from account_entry) x
                where balance_after <> running
                """).query(Long.class).list();
        assertThat(chain).as("entries whose balance_after is not the running sum").isEmpty();
        assertThat(db.sql("select count(*) from account where balance < 0").query(Long.class).single()).isZero();
    }
}
