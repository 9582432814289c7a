package cn.gongji.supervision.gen;

import cn.gongji.common.Money;
import cn.gongji.pricing.CatalogEntry;
import cn.gongji.pricing.FeeLine;
import cn.gongji.pricing.ItemClass;
import cn.gongji.pricing.LinePricer;
import cn.gongji.pricing.LinePricing;
import cn.gongji.pricing.LineTotals;
import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.Scanner;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a {@link Plan} into the database as settled visits (visit, fee_line, settlement,
 * settlement_line, accumulators, account entries for pharmacy purchases — every ARCHITECTURE.md
 * invariant holds), then scans, computes the indicators and scores the warnings against the plan's
 * truth. Writing is skipped when the seed's institutions exist already, so a rerun only rescans.
 * Synthetic settlements are priced with the real line pricer; the fund pays 60 % of the in-scope
 * amount (no deductible, no episode) — the rules under test do not look at the benefit.
 */
@Component
public class AnomalyGenerator {

    private static final BigDecimal RATIO = new BigDecimal("0.6");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Scanner scanner;
    private final IndicatorRun indicators;
    private final cn.gongji.ops.pii.PiiCrypto crypto;

    public AnomalyGenerator(JdbcTemplate jdbc, TransactionTemplate tx, Scanner scanner, IndicatorRun indicators,
            cn.gongji.ops.pii.PiiCrypto crypto) {
        this.crypto = crypto;
        this.jdbc = jdbc;
        this.tx = tx;
        this.scanner = scanner;
        this.indicators = indicators;
    }

    public Evaluation generateScanAndEvaluate(YearMonth month, long seed, Consumer<String> progress) {
        Plan plan = new Plan(seed, month);
        write(plan, progress);
        LocalDate from = month.minusMonths(3).atDay(1);
        progress.accept(scanner.scan(from, month.atEndOfMonth(), progress).describe());
        progress.accept(indicators.run(month.minusMonths(1)).describe());
        progress.accept(indicators.run(month).describe());
        return Evaluation.of(plan, jdbc);
    }

    public boolean write(Plan plan, Consumer<String> progress) {
        Integer exists = jdbc.queryForObject("select count(*) from institution where fixmedins_code = ?", Integer.class,
                plan.institutions().getFirst().code());
        if (exists != null && exists > 0) {
            progress.accept("seed " + plan.tag() + ": synthetic data present, not written again");
            return false;
        }
        tx.executeWithoutResult(s -> {
            reference(plan);
            visits(plan);
        });
        progress.accept("seed " + plan.tag() + ": wrote " + plan.visits().size() + " settled visits, " + plan.persons().size()
                + " persons, " + plan.truth().size() + " injected anomalies");
        return true;
    }

    private void reference(Plan plan) {
        jdbc.batchUpdate("""
                insert into institution (fixmedins_code, fixmedins_name, kind, level, admdvs, secret)
                values (?, ?, ?, ?, '411300', ?)""", plan.institutions(), 100, (ps, i) -> {
            ps.setString(1, i.code());
            ps.setString(2, "合成" + ("pharmacy".equals(i.kind()) ? "药店" : "医院") + i.code());
            ps.setString(3, i.kind());
            ps.setString(4, i.level());
            ps.setString(5, "synthetic-" + i.code());
        });
        jdbc.batchUpdate("""
                insert into catalog_item (med_list_codg, name, list_type, chrgitm_lv, selfpay_prop, pay_std, med_chrgitm_type,
                    gender_limit, max_age, max_qty_per_visit, min_level)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (med_list_codg) do nothing""",
                plan.items().stream().filter(Plan.Item::inCatalog).toList(), 100, (ps, it) -> {
                    ps.setString(1, it.code());
                    ps.setString(2, it.name());
                    ps.setString(3, it.listType());
                    ps.setString(4, it.lv());
                    ps.setBigDecimal(5, new BigDecimal(it.selfpay()));
                    ps.setBigDecimal(6, it.payStd() == null ? null : new BigDecimal(it.payStd()));
                    ps.setString(7, it.chrgType());
                    ps.setString(8, it.gender());
                    ps.setObject(9, it.maxAge());
                    ps.setBigDecimal(10, it.maxQty() == null ? null : new BigDecimal(it.maxQty()));
                    ps.setString(11, it.minLevel());
                });
        jdbc.batchUpdate("""
                insert into person (psn_no, certno_enc, certno_hash, psn_name, gend, brdy, insuplc_admdvs, emp_name,
                                    insu_date, paus_insu_date)
                values (?, ?, ?, ?, ?, ?, '411300', '合成单位', ?, ?)""", plan.persons(), 1000, (ps, p) -> {
            ps.setString(1, p.psnNo());
            ps.setString(2, crypto.encrypt("G" + p.psnNo()));
            ps.setString(3, crypto.hash("G" + p.psnNo()));
            ps.setString(4, "合成" + p.psnNo().substring(12));
            ps.setString(5, p.gend());
            ps.setObject(6, p.brdy());
            ps.setObject(7, p.insuDate());
            ps.setObject(8, p.pausInsuDate());
        });
        jdbc.batchUpdate("insert into person_status (psn_no, seq, status, processed_date) values (?, 0, 'in_service', date '2010-01-01')",
                plan.persons(), 1000, (ps, p) -> ps.setString(1, p.psnNo()));
        jdbc.batchUpdate("insert into account (psn_no) values (?)", plan.persons(), 1000, (ps, p) -> ps.setString(1, p.psnNo()));
        jdbc.batchUpdate("insert into person_death (psn_no, died_on, source) values (?, ?, 'synthetic')",
                plan.persons().stream().filter(p -> p.diedOn() != null).toList(), 100, (ps, p) -> {
                    ps.setString(1, p.psnNo());
                    ps.setObject(2, p.diedOn());
                });
    }

    private record Priced(Plan.Visit v, List<LinePricing> lines, LineTotals totals, Money hifp) {}

    private void visits(Plan plan) {
        List<Priced> priced = new ArrayList<>();
        for (Plan.Visit v : plan.visits()) {
            List<LinePricing> lines = new ArrayList<>();
            int sn = 0;
            for (Plan.Line l : v.lines()) {
                Plan.Item it = l.item();
                Optional<CatalogEntry> entry = it.inCatalog() ? Optional.of(new CatalogEntry(it.code(), it.name(),
                        ItemClass.fromChrgitmLv(it.lv()), new BigDecimal(it.selfpay()), it.payStd() == null ? null : new BigDecimal(it.payStd()),
                        it.chrgType(), true)) : Optional.empty();
                lines.add(LinePricer.price(new FeeLine(String.valueOf(++sn), it.code(), new BigDecimal(l.price()), new BigDecimal(l.cnt())),
                        entry));
            }
            LineTotals t = LineTotals.of(lines);
            Money hifp = v.payer() != null ? Money.ZERO : t.inScope().times(RATIO, RoundingMode.HALF_UP);
            priced.add(new Priced(v, lines, t, hifp));
        }
        jdbc.batchUpdate("""
                insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime, mdtrtarea_admvs, msgid)
                values (?, ?, ?, ?, '310', ?, ?, '411300', ?)""", priced, 1000, (ps, p) -> {
            ps.setString(1, p.v().mdtrtId());
            ps.setString(2, p.v().person().psnNo());
            ps.setString(3, p.v().inst().code());
            ps.setString(4, p.v().inst().code());
            ps.setString(5, p.v().payer() != null ? "41" : "11");
            ps.setTimestamp(6, Timestamp.valueOf(p.v().begntime()));
            ps.setString(7, "GEN" + p.v().mdtrtId());
        });
        List<Object[]> lineRows = new ArrayList<>();
        for (Priced p : priced) {
            for (int i = 0; i < p.lines().size(); i++) {
                LinePricing l = p.lines().get(i);
                Plan.Line src = p.v().lines().get(i);
                lineRows.add(new Object[] {p.v().mdtrtId(), p.v().person().psnNo(), l.feedetlSn(), l.itemCode(),
                        new BigDecimal(src.price()), new BigDecimal(src.cnt()), l.total().amount(), l.itemClass().chrgitmLv(),
                        src.item().chrgType(), l.selfpayProp(), l.payStd(), l.ownpay().amount(), l.over().amount(),
                        l.prepay().amount(), l.inScope().amount(), l.inCatalog() ? null : "目录外项目", p.v().setlId(),
                        Timestamp.valueOf(p.v().begntime())});
            }
        }
        jdbc.batchUpdate("""
                insert into fee_line (mdtrt_id, psn_no, feedetl_sn, chrg_bchno, med_list_codg, pric, cnt, det_item_fee_sumamt,
                    chrgitm_lv, med_chrgitm_type, selfpay_prop, pric_uplmt_amt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt,
                    inscp_scp_amt, acct_payable, memo, setl_id, fee_ocur_time)
                values (?, ?, ?, '1', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?)""", lineRows);
        jdbc.batchUpdate("""
                insert into settlement (setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, setl_time, care_date, year,
                    policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, preselfpay_amt,
                    inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, fund_pay_sumamt, psn_part_amt, acct_pay,
                    acct_mulaid_pay, psn_cash_pay, balc, crt_payb_lmt_amt, trace, msgid)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'synthetic', '1101', ?, ?, ?, ?, ?, ?, ?, 0, ?, 0.6, ?, ?, ?, ?, ?, 0, 1500, ?, ?)
                """, priced, 1000, (ps, p) -> {
            Plan.Visit v = p.v();
            boolean pharmacy = v.payer() != null;
            Money total = p.totals().total();
            Money personal = total.minus(p.hifp());
            ps.setString(1, v.setlId());
            ps.setString(2, v.mdtrtId());
            ps.setString(3, v.person().psnNo());
            ps.setString(4, v.inst().code());
            ps.setString(5, pharmacy ? "41" : "11");
            ps.setTimestamp(6, Timestamp.valueOf(v.begntime().plusMinutes(20)));
            ps.setObject(7, v.begntime().toLocalDate());
            ps.setInt(8, v.begntime().getYear());
            ps.setString(9, v.inst().level());
            ps.setString(10, pharmacy ? "41" : "11");
            ps.setBigDecimal(11, total.amount());
            ps.setBigDecimal(12, p.totals().ownpay().amount());
            ps.setBigDecimal(13, p.totals().over().amount());
            ps.setBigDecimal(14, p.totals().prepay().amount());
            ps.setBigDecimal(15, p.totals().inScope().amount());
            ps.setBigDecimal(16, p.hifp().amount());
            ps.setBigDecimal(17, p.hifp().amount());
            ps.setBigDecimal(18, personal.amount());
            ps.setBigDecimal(19, pharmacy ? personal.amount() : BigDecimal.ZERO);
            ps.setBigDecimal(20, pharmacy && !v.payer().equals(v.person().psnNo()) ? personal.amount() : BigDecimal.ZERO);
            ps.setBigDecimal(21, pharmacy ? BigDecimal.ZERO : personal.amount());
            ps.setString(22, "合成数据（监管异常生成器 seed " + plan.tag() + "）");
            ps.setString(23, "GEN" + v.setlId());
        });
        jdbc.update("""
                insert into settlement_line (setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt,
                    preselfpay_amt, inscp_scp_amt)
                select f.setl_id, f.line_id, f.psn_no, f.det_item_fee_sumamt, f.fulamt_ownpay_amt, f.overlmt_amt, f.preselfpay_amt,
                       f.inscp_scp_amt
                from fee_line f join settlement s on s.setl_id = f.setl_id where s.trace like '合成数据%' and f.mdtrt_id like ?
                on conflict do nothing""", "MSG" + plan.tag() + "%");
        Map<String, Money> accumulators = new HashMap<>();
        priced.forEach(p -> accumulators.merge(p.v().person().psnNo() + "|" + p.v().begntime().getYear(), p.hifp(), Money::plus));
        jdbc.batchUpdate("""
                insert into year_accumulator (psn_no, year, pool_paid) values (?, ?, ?)
                on conflict (psn_no, year) do update set pool_paid = year_accumulator.pool_paid + excluded.pool_paid""",
                new ArrayList<>(accumulators.entrySet()), 1000, (ps, e) -> {
                    String[] k = e.getKey().split("\\|");
                    ps.setString(1, k[0]);
                    ps.setInt(2, Integer.parseInt(k[1]));
                    ps.setBigDecimal(3, e.getValue().amount());
                });
        accounts(priced);
    }

    /** Pharmacy purchases are paid by accounts: a credit first, then one entry per purchase, balances kept equal to the entries. */
    private void accounts(List<Priced> priced) {
        Map<String, List<Priced>> byPayer = new java.util.TreeMap<>();
        priced.stream().filter(p -> p.v().payer() != null).forEach(p -> byPayer.computeIfAbsent(p.v().payer(), k -> new ArrayList<>()).add(p));
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> balances = new ArrayList<>();
        List<Object[]> familyDraws = new ArrayList<>();
        byPayer.forEach((payer, ps) -> {
            ps.sort(java.util.Comparator.comparing((Priced p) -> p.v().begntime()));
            Money spend = ps.stream().map(p -> p.totals().total()).reduce(Money.ZERO, Money::plus);
            Money balance = spend.plus(Money.of("100.00"));
            entries.add(new Object[] {payer, balance.amount(), "credit", "GEN-CREDIT-" + payer, null, balance.amount(), "monthly_credit_in_service"});
            for (Priced p : ps) {
                balance = balance.minus(p.totals().total());
                boolean own = payer.equals(p.v().person().psnNo());
                entries.add(new Object[] {payer, p.totals().total().negate().amount(), own ? "payment" : "family_payment", p.v().setlId(),
                        own ? null : p.v().person().psnNo(), balance.amount(), "settlement"});
                if (!own) {
                    // the member's side of family mutual aid, as the settlement writes it (account.db.FamilyAid)
                    familyDraws.add(new Object[] {p.v().person().psnNo(), p.v().setlId(), payer, p.totals().total().amount()});
                }
            }
            balances.add(new Object[] {balance.amount(), payer});
        });
        jdbc.batchUpdate("""
                insert into account_entry (psn_no, amount, kind, ref, counterparty_psn_no, balance_after, actor, reason)
                values (?, ?, ?, ?, ?, ?, 'synthetic', ?)""", entries);
        jdbc.batchUpdate("update account set balance = ? where psn_no = ?", balances);
        jdbc.batchUpdate("""
                insert into family_draw (psn_no, setl_id, holder_psn_no, amount, outcome, created_at)
                values (?, ?, ?, ?, 'settled', now())""", familyDraws);
    }
}
