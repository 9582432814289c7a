package cn.gongji.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md invariants checked over the whole database after every settlement test:
 * the accumulator equals the sum of hifp_pay per person-year (2, 4); an episode's deductible met
 * equals the sum of act_pay_dedc (4); an account balance equals the sum of its entries and is not
 * negative (5); every settlement row satisfies the amount identities of PROTOCOL.md §3 (1).
 */
public final class Invariants {

    private Invariants() {}

    private static final List<String[]> CHECKS = List.of(
            new String[] {"accumulator = sum of hifp_pay per person-year", """
                select coalesce(a.psn_no, s.psn_no) || '/' || coalesce(a.year, s.year) || ' accumulator ' || coalesce(a.pool_paid, 0)
                       || ' <> settlements ' || coalesce(s.total, 0)
                from year_accumulator a
                full outer join (select psn_no, year, sum(hifp_pay) total from settlement group by psn_no, year) s
                  on s.psn_no = a.psn_no and s.year = a.year
                where coalesce(a.pool_paid, 0) <> coalesce(s.total, 0)
                """},
            new String[] {"episode.deductible_met = sum of act_pay_dedc", """
                select 'episode ' || e.episode_id || ' met ' || e.deductible_met || ' <> ' || coalesce(x.total, 0)
                from episode e
                left join (select episode_id, sum(act_pay_dedc) total from settlement where episode_id is not null group by episode_id) x
                  on x.episode_id = e.episode_id
                where e.deductible_met <> coalesce(x.total, 0)
                """},
            new String[] {"account balance = sum of entries >= 0", """
                select 'account ' || a.psn_no || ' balance ' || a.balance || ' <> entries ' || coalesce(x.total, 0)
                from account a
                left join (select psn_no, sum(amount) total from account_entry group by psn_no) x on x.psn_no = a.psn_no
                where a.balance <> coalesce(x.total, 0) or a.balance < 0
                """},
            new String[] {"settlement amount identities", """
                select 'settlement ' || setl_id from settlement
                where medfee_sumamt <> fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt
                   or medfee_sumamt <> fund_pay_sumamt + psn_part_amt + hosp_part_amt
                   or psn_part_amt <> acct_pay + psn_cash_pay
                   or fund_pay_sumamt <> hifp_pay
                   or scale(medfee_sumamt) <> 2 or scale(hifp_pay) <> 2
                """},
            new String[] {"account entries of a settlement = its acct_pay", """
                select 'entries of ' || setl_id || ' ' || paid || ' <> acct_pay ' || acct_pay from (
                    select s.setl_id, s.acct_pay, coalesce(-sum(e.amount), 0) paid
                    from settlement s left join account_entry e on e.ref = s.setl_id
                    group by s.setl_id, s.acct_pay) x
                where paid <> acct_pay
                """});

    public static void check(JdbcClient db) {
        for (String[] c : CHECKS) {
            assertThat(rows(db, c[1])).as(c[0]).isEmpty();
        }
    }

    /**
     * Every violation, labelled with its check. For tests sharing the database with tests whose
     * fixtures write rows a check objects to (registry.PersonApiIT sets year_accumulator directly):
     * take them before and after, and fail on new ones only.
     */
    public static List<String> violations(JdbcClient db) {
        List<String> out = new java.util.ArrayList<>();
        for (String[] c : CHECKS) {
            rows(db, c[1]).forEach(r -> out.add(c[0] + ": " + r));
        }
        return out;
    }

    private static List<String> rows(JdbcClient db, String sql) {
        return db.sql(sql).query(String.class).list();
    }
}
