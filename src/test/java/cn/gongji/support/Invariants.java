package cn.gongji.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md invariants checked over the whole database after every settlement test:
 * the accumulator equals the sum of hifp_pay per person-year (2, 4); an episode's deductible met
 * equals the sum of act_pay_dedc (4); an account balance equals the sum of its entries and is not
 * negative (5); every settlement row satisfies the amount identities of PROTOCOL.md §3 (1); the
 * account money of a settlement is its acct_pay, and family mutual aid's two sides agree (4, 5).
 * Each SQL check reads one person's rows at a time, so it holds on a sharded store as on one node.
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
            // per person (one node when sharded): the patient's own entries under the setl_id, plus
            // what holders paid (family_draw on the patient's side), less what a cancel gave back to them
            new String[] {"account entries of a settlement = its acct_pay", """
                select 'entries of ' || s.setl_id || ' ' || (coalesce(-e.total, 0) + coalesce(f.total, 0) - coalesce(r.total, 0))
                       || ' <> acct_pay ' || s.acct_pay || ' (mutual aid ' || s.acct_mulaid_pay || ')'
                from settlement s
                left join (select psn_no, ref, sum(amount) total from account_entry group by psn_no, ref) e
                  on e.psn_no = s.psn_no and e.ref = s.setl_id
                left join (select psn_no, setl_id, sum(amount) total from family_draw where outcome = 'settled'
                           group by psn_no, setl_id) f
                  on f.psn_no = s.psn_no and f.setl_id = s.setl_id
                left join (select psn_no, reversal_setl_id, sum(amount) total from family_draw
                           where reversal_setl_id is not null group by psn_no, reversal_setl_id) r
                  on r.psn_no = s.psn_no and r.reversal_setl_id = s.setl_id
                where s.acct_pay <> coalesce(-e.total, 0) + coalesce(f.total, 0) - coalesce(r.total, 0)
                   or s.acct_mulaid_pay <> coalesce(f.total, 0) - coalesce(r.total, 0)
                """});

    public static void check(JdbcClient db) {
        for (String[] c : CHECKS) {
            assertThat(rows(db, c[1])).as(c[0]).isEmpty();
        }
        assertThat(family(db)).as(FAMILY).isEmpty();
    }

    private static final String FAMILY = "family mutual aid: the holder's side = the member's side";

    /**
     * The two sides of every family draw, read separately (they may be on two nodes) and compared:
     * a reservation confirmed has a settled draw and its family_payment; one released has a void
     * draw, its family_payment and the family_refund that gave it back; a settled draw has its
     * family_payment; a cancel's refund booked (refunded_at) has its family_refund under the reversal.
     */
    static List<String> family(JdbcClient db) {
        record Draw(String member, String setl, String holder, java.math.BigDecimal amount, String outcome, String reversal,
                boolean refunded) {}
        record Res(String holder, String ref, String member, java.math.BigDecimal amount, String state) {}
        java.util.Map<String, Draw> draws = new java.util.HashMap<>();
        db.sql("select psn_no, setl_id, holder_psn_no, amount, outcome, reversal_setl_id, refunded_at is not null from family_draw")
                .query((rs, i) -> new Draw(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getString(6), rs.getBoolean(7)))
                .list().forEach(d -> draws.put(d.holder() + "/" + d.setl(), d));
        java.util.Map<String, java.math.BigDecimal> entries = new java.util.HashMap<>();
        db.sql("""
                select psn_no, kind, ref, sum(amount) from account_entry
                where kind in ('family_payment', 'family_refund') group by psn_no, kind, ref
                """).query((rs, i) -> new Object[] {rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getBigDecimal(4)})
                .list().forEach(r -> entries.put((String) r[0], (java.math.BigDecimal) r[1]));
        List<String> out = new java.util.ArrayList<>();
        java.util.function.BiConsumer<String, java.math.BigDecimal> expect = (key, amount) -> {
            java.math.BigDecimal got = entries.get(key);
            if (got == null || got.compareTo(amount) != 0) {
                out.add("entry " + key + " is " + got + ", expected " + amount);
            }
        };
        for (Res r : db.sql("select psn_no, ref, member_psn_no, amount, state from account_reservation")
                .query((rs, i) -> new Res(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getString(5)))
                .list()) {
            Draw d = draws.get(r.holder() + "/" + r.ref());
            String key = r.holder() + "/" + r.ref();
            expect.accept(r.holder() + "/family_payment/" + r.ref(), r.amount().negate());
            switch (r.state()) {
                case "confirmed" -> {
                    if (d == null || !d.outcome().equals("settled") || d.amount().compareTo(r.amount()) != 0) {
                        out.add("reservation " + key + " confirmed, member's draw " + d);
                    }
                }
                case "released" -> {
                    if (d == null || !d.outcome().equals("void")) {
                        out.add("reservation " + key + " released, member's draw " + d);
                    }
                    expect.accept(r.holder() + "/family_refund/" + r.ref(), r.amount());
                }
                default -> {
                    if (d != null && d.outcome().equals("void")) {
                        out.add("reservation " + key + " still open though its draw is void");
                    }
                }
            }
        }
        for (Draw d : draws.values()) {
            if (d.outcome().equals("settled")) {
                expect.accept(d.holder() + "/family_payment/" + d.setl(), d.amount().negate());
            }
            if (d.refunded()) {
                expect.accept(d.holder() + "/family_refund/" + d.reversal(), d.amount());
            }
        }
        return out;
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
        family(db).forEach(r -> out.add(FAMILY + ": " + r));
        return out;
    }

    private static List<String> rows(JdbcClient db, String sql) {
        return db.sql(sql).query(String.class).list();
    }
}
