package cn.gongji.store.shard;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.GongjiApplication;
import cn.gongji.clearing.PaymentMethod;
import cn.gongji.clearing.TotalsCheck;
import cn.gongji.clearing.Totals;
import cn.gongji.clearing.db.AgreementService;
import cn.gongji.clearing.db.ApplicationService;
import cn.gongji.clearing.db.FundTotals;
import cn.gongji.clearing.db.ItemStore;
import cn.gongji.clearing.db.PeriodCloser;
import cn.gongji.clearing.db.ReconciliationService;
import cn.gongji.clearing.db.RecoveryService;
import cn.gongji.common.Money;
import cn.gongji.console.dashboard.DashboardQueries;
import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.Scanner;
import cn.gongji.supervision.gen.AnomalyGenerator;
import cn.gongji.supervision.gen.Plan;
import cn.gongji.support.RefData;
import cn.gongji.support.TempDirs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * Issue 10, must-have 3: institution-side work gives the same answers on two nodes as on one. The
 * same data (the supervision generator's synthetic months: 18 hospitals, 3 pharmacies, ~500
 * persons, ~5,000 settlements, family payments at pharmacies; plus diagnoses for a disease-score
 * scheme, capitation enrolments, cancellations, a late posting and recoveries) is loaded into the
 * ordinary single-node deployment and into a deployment sharded over two PostgreSQL nodes, the same
 * work runs on both, and every answer is compared: closing summaries, every statement of five
 * months and the fund totals, 3201 / 3202 answers with their result files and 3203, the scan and
 * indicator summaries, the warnings and indicator rows written, and the dashboard's figures.
 * Generated keys (recovery_id, warning_id, file and application numbers) and database write times
 * are left out: they come from each deployment's own sequences.
 *
 * <p>The two deployments run one after the other in this JVM, on a fixed clock (2023-04-10).
 * Run: {@code ./mvnw -Psharding test -Dtest=InstitutionSideOnShardsIT}.
 */
class InstitutionSideOnShardsIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2023, 4, 10, 10, 0).atZone(ZONE).toInstant(), ZONE);
    private static final YearMonth MONTH = YearMonth.of(2023, 3);
    private static final long SEED = 20240301L;
    private static final List<YearMonth> MONTHS = List.of(YearMonth.of(2022, 12), YearMonth.of(2023, 1),
            YearMonth.of(2023, 2), YearMonth.of(2023, 3), YearMonth.of(2023, 4));

    @Test
    void clearing_reconciliation_indicators_and_scans_answer_the_same_on_two_nodes_as_on_one() throws Exception {
        Map<String, String> one;
        Path oneDir = TempDirs.create("gongji-one-");
        try (ConfigurableApplicationContext ctx = start("--gongji.data-dir=" + oneDir)) {
            one = work(ctx);
        } finally {
            TempDirs.remove(oneDir);
        }
        Map<String, String> two;
        List<EmbeddedPostgres> nodes = List.of(EmbeddedPostgres.builder().start(), EmbeddedPostgres.builder().start());
        Path twoDir = TempDirs.create("gongji-two-");
        try (ConfigurableApplicationContext ctx = start("--gongji.data-dir=" + twoDir,
                "--gongji.sharding.nodes=" + nodes.stream().map(n -> n.getJdbcUrl("postgres", "postgres"))
                        .collect(Collectors.joining(",")))) {
            two = work(ctx);
            spreadOverBothNodes(ctx);
        } finally {
            for (EmbeddedPostgres n : nodes) {
                n.close();
            }
            TempDirs.remove(twoDir);
        }
        assertThat(one.get("scan")).as("the scan found cash-out (R11, family payments)").contains("R11=");
        assertThat(one.get("statements 2023-03")).as("a disease-score and a capitation statement")
                .contains("disease_score").contains("capitation").contains("\"adjustment\"").contains("\"cancellation\"");
        assertThat(one.get("statements 2023-04")).as("the recoveries land in April").contains("item substitution");
        assertThat(two.keySet()).isEqualTo(one.keySet());
        for (String k : one.keySet()) {
            assertThat(two.get(k)).as(k).isEqualTo(one.get(k));
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--gongji.admin-token=test-admin-token",
                "--gongji.pii.key=" + RefData.PII_KEY, "--gongji.supervision.scan-cron=-",
                "--gongji.supervision.indicator-cron=-", "--gongji.accounts.credit-cron=-"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(GongjiApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(all.toArray(String[]::new));
    }

    /** Both nodes hold settlements, and some family payments cross nodes (holder and member apart). */
    private static void spreadOverBothNodes(ConfigurableApplicationContext ctx) {
        var nodes = ctx.getBean(ShardedStoreConfig.Nodes.class).byName();
        assertThat(nodes).hasSize(2);
        for (var n : nodes.values()) {
            assertThat(JdbcClient.create(n).sql("select count(*) from settlement").query(Long.class).single())
                    .as("settlements on each node").isGreaterThan(1000);
        }
        long crossing = JdbcClient.create(ctx.getBean(javax.sql.DataSource.class)).sql("""
                select psn_no, counterparty_psn_no from account_entry where kind = 'family_payment'
                """).query((rs, i) -> PsnHashSharding.nodeOf(rs.getString(1), 2) != PsnHashSharding.nodeOf(rs.getString(2), 2))
                .list().stream().filter(b -> b).count();
        assertThat(crossing).as("family payments whose holder and member live on different nodes").isPositive();
    }

    /** Loads the data and does the institution-side work; every answer as text, by name. */
    private static Map<String, String> work(ConfigurableApplicationContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ObjectMapper json = ctx.getBean(ObjectMapper.class);
        JdbcClient db = ctx.getBean(JdbcClient.class);
        Plan plan = new Plan(SEED, MONTH);
        ctx.getBean(AnomalyGenerator.class).write(plan, s -> {});
        Data data = new Data(db, plan);
        data.diagnoses();
        methods(ctx.getBean(AgreementService.class), plan);

        PeriodCloser closer = ctx.getBean(PeriodCloser.class);
        for (YearMonth m : MONTHS.subList(0, 3)) {
            out.put("close " + m, json.writeValueAsString(closer.closeMonth(m, null, "test", s -> {})));
        }
        data.cancellationsAndLatePosting();
        RecoveryService recoveries = ctx.getBean(RecoveryService.class);
        for (String setl : data.recoverable()) {
            recoveries.record(setl, Money.of("1.23"), "串换项目 / item substitution", RecoveryService.Source.STAFF, "test");
        }
        out.put("close " + MONTH, json.writeValueAsString(closer.closeMonth(MONTH, null, "test", s -> {})));

        FundTotals totals = ctx.getBean(FundTotals.class);
        for (YearMonth m : MONTHS) {
            out.put("statements " + m, withoutKeys(json.writeValueAsString(totals.statementsOf(m, null))));
            out.put("fund total " + m, json.writeValueAsString(totals.total(m)));
        }
        reconciliation(ctx, plan, out);

        Scanner.Summary scan = ctx.getBean(Scanner.class).scan(MONTH.minusMonths(3).atDay(1), MONTH.atEndOfMonth(), s -> {});
        out.put("scan", scan.describe());
        IndicatorRun indicators = ctx.getBean(IndicatorRun.class);
        out.put("indicators " + MONTH.minusMonths(1), indicators.run(MONTH.minusMonths(1)).toString());
        out.put("indicators " + MONTH, indicators.run(MONTH).toString());
        out.put("warnings", rows(db, "select * from supervision_warning", "dedup_key"));
        out.put("indicator months", rows(db, "select * from supervision_indicator_month", "fixmedins_code", "month"));
        out.put("recoveries", rows(db, "select * from clearing_recovery", "setl_id", "amount"));
        DashboardQueries dashboard = ctx.getBean(DashboardQueries.class);
        out.put("dashboard days", dashboard.byDay(70).toString());
        out.put("dashboard levels", dashboard.byLevel(130).toString());
        out.put("dashboard top", dashboard.topInstitutions(130, 8).toString());
        out.put("dashboard limit usage", dashboard.limitUsage().toString());
        return out;
    }

    /** A disease-score scheme for three L2 hospitals and capitation for two L1 hospitals, from February. */
    private static void methods(AgreementService agreements, Plan plan) {
        agreements.createScheme("SHD" + plan.tag(), "合成病种分值", Map.of("D01", new BigDecimal("10"), "D02",
                new BigDecimal("25.5"), "D03", new BigDecimal("40")));
        agreements.setBudget("SHD" + plan.tag(), YearMonth.of(2023, 2), Money.of("30000.00"));
        agreements.setBudget("SHD" + plan.tag(), MONTH, Money.of("28000.00"));
        List<Plan.Inst> l1 = hospitals(plan, "L1");
        List<Plan.Inst> l2 = hospitals(plan, "L2");
        for (int i = 0; i < 3; i++) {
            agreements.createAgreement(l2.get(i).code(), new PaymentMethod.DiseaseScore("SHD" + plan.tag()),
                    YearMonth.of(2023, 2), null, "test");
        }
        for (int i = 0; i < 2; i++) {
            agreements.createAgreement(l1.get(i).code(), new PaymentMethod.Capitation(Money.of("20.00"), new BigDecimal("0.5"),
                    new BigDecimal("0.6")), YearMonth.of(2023, 2), null, "test");
        }
        List<Plan.Person> persons = plan.persons();
        for (int i = 0; i < persons.size(); i += 5) {
            agreements.enrol(persons.get(i).psnNo(), l1.get((i / 5) % 2).code(), YearMonth.of(2023, 1), null);
        }
    }

    private static List<Plan.Inst> hospitals(Plan plan, String level) {
        return plan.institutions().stream().filter(i -> level.equals(i.level())).toList();
    }

    /** 3201 (agreeing and not), 3202 with an uploaded file that lacks a row and differs in another, 3203. */
    private static void reconciliation(ConfigurableApplicationContext ctx, Plan plan, Map<String, String> out) {
        ReconciliationService recon = ctx.getBean(ReconciliationService.class);
        ApplicationService apps = ctx.getBean(ApplicationService.class);
        ObjectMapper json = ctx.getBean(ObjectMapper.class);
        LocalDate from = MONTH.atDay(1);
        LocalDate to = MONTH.atEndOfMonth();
        List<Plan.Inst> some = List.of(hospitals(plan, "L1").get(0), hospitals(plan, "L2").get(1), hospitals(plan, "L3").get(2),
                plan.institutions().stream().filter(i -> "pharmacy".equals(i.kind())).findFirst().orElseThrow());
        for (Plan.Inst inst : some) {
            String clr = "pharmacy".equals(inst.kind()) ? "41" : "11";
            var range = new ReconciliationService.Range(inst.code(), clr, from, to);
            Totals ours = recon.ours(range);
            out.put("3201 ours " + inst.code(), ours.toString());
            var agree = recon.totals(range, new TotalsCheck.Theirs(ours.count(), ours.medfeeSumamt(), ours.fundPaySumamt(),
                    ours.acctPay(), null), "M1" + inst.code());
            var differ = recon.totals(range, new TotalsCheck.Theirs(ours.count() + 1, ours.medfeeSumamt(),
                    ours.fundPaySumamt().plus(Money.of("0.01")), ours.acctPay(), null), "M2" + inst.code());
            out.put("3201 " + inst.code(), agree.verdict() + " | " + differ.verdict());
            String file = uploadFile(ctx.getBean(ItemStore.class).inRange(inst.code(), clr, from, to));
            String upload = recon.store(inst.code(), "up.txt", file.getBytes(StandardCharsets.UTF_8), "upload");
            var detail = recon.detail(range, new TotalsCheck.Theirs(null, null, null, null, null), upload, "M3" + inst.code());
            out.put("3202 " + inst.code(), detail.agrees() + " " + detail.description() + " " + detail.report() + "\n"
                    + new String(recon.file(inst.code(), detail.resultFile(), "result").content(), StandardCharsets.UTF_8));
            recon.totals(range, new TotalsCheck.Theirs(ours.count(), ours.medfeeSumamt(), ours.fundPaySumamt(), ours.acctPay(),
                    null), "M4" + inst.code());
            String applied = apps.apply(new ApplicationService.Application(inst.code(), clr, MONTH, from, to,
                    ours.fundPaySumamt(), ours.medfeeSumamt(), ours.acctPay(), ours.psnCashPay(), json.createObjectNode()),
                    "M5" + inst.code());
            out.put("3203 " + inst.code(), rows(ctx.getBean(JdbcClient.class),
                    "select * from clearing_application where clr_appy_evt_id = '" + applied + "'", "fixmedins_code"));
        }
    }

    /** The institution's rows as a 9101 upload: the first one missing, the second with another fund share. */
    private static String uploadFile(List<cn.gongji.clearing.Item> items) {
        assertThat(items).hasSizeGreaterThan(3);
        StringBuilder sb = new StringBuilder("setl_id\tmdtrt_id\tpsn_no\tmedfee_sumamt\tfund_pay_sumamt\tacct_pay\trefd_setl_flag\n");
        for (int i = 1; i < items.size(); i++) {
            var it = items.get(i);
            Money fund = i == 1 ? it.fundPaySumamt().plus(Money.of("1.00")) : it.fundPaySumamt();
            sb.append(it.setlId()).append('\t').append(it.mdtrtId()).append('\t').append(it.psnNo()).append('\t')
                    .append(it.medfeeSumamt()).append('\t').append(fund).append('\t').append(it.acctPay()).append('\t')
                    .append(it.reversal() ? "1" : "0").append('\n');
        }
        return sb.toString();
    }

    /** Rows of a table, ordered by {@code keys}, without generated keys and write times (each deployment has its own). */
    private static String rows(JdbcClient db, String sql, String... keys) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : db.sql(sql).query().listOfRows()) {
            Map<String, Object> m = new TreeMap<>(r);
            m.keySet().removeIf(k -> k.endsWith("_id") && !k.equals("setl_id") && !k.equals("mdtrt_id") && !k.equals("rule_id")
                    || k.equals("computed_at") || k.equals("created_at") || k.equals("updated_at"));
            m.replaceAll((k, v) -> v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(v));
            rows.add(m);
        }
        Comparator<Map<String, Object>> order = Comparator.comparing(m -> String.valueOf(m.get(keys[0])));
        for (int i = 1; i < keys.length; i++) {
            String k = keys[i];
            order = order.thenComparing(m -> String.valueOf(m.get(k)));
        }
        rows.sort(order);
        assertThat(rows).as(sql).isNotEmpty();
        return rows.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }

    /** recovery_id comes from each deployment's own sequence. */
    private static String withoutKeys(String statements) {
        return statements.replaceAll("\"recovery_id\":\\d+", "\"recovery_id\":0");
    }

    /** Extra rows written the same way into both deployments, with fixed keys. */
    private record Data(JdbcClient db, Plan plan) {

        private static final String[] DISEASES = {"D01", "D02", "D03", "X99"};

        /** Every third visit at an L2 hospital gets a diagnosis (X99 is in no scheme). */
        void diagnoses() {
            int n = 0;
            for (Plan.Visit v : plan.visits()) {
                if ("L2".equals(v.inst().level()) && n++ % 3 == 0) {
                    db.sql("update visit set dise_codg = :d where psn_no = :p and mdtrt_id = :m")
                            .param("d", DISEASES[(n / 3) % DISEASES.length]).param("p", v.person().psnNo())
                            .param("m", v.mdtrtId()).update();
                }
            }
        }

        private List<Plan.Visit> hospitalVisitsIn(YearMonth m) {
            return plan.visits().stream().filter(v -> v.payer() == null && YearMonth.from(v.begntime()).equals(m))
                    .sorted(Comparator.comparing(Plan.Visit::setlId)).toList();
        }

        /** Cancellations in March of February rows (frozen: adjustments) and of March rows; a late February row. */
        void cancellationsAndLatePosting() {
            List<Plan.Visit> feb = hospitalVisitsIn(MONTH.minusMonths(1));
            List<Plan.Visit> mar = hospitalVisitsIn(MONTH);
            for (int i = 0; i < feb.size(); i += 23) {
                cancel(feb.get(i), MONTH.atDay(5).atTime(9, 0));
            }
            for (int i = 1; i < mar.size(); i += 29) {
                cancel(mar.get(i), mar.get(i).begntime().plusHours(2));
            }
            Plan.Visit late = feb.get(1);
            db.sql("""
                    insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime, dise_codg)
                    values (:m, :p, :i, :i, '310', '11', :t, 'D02')
                    """).param("m", "LATE" + plan.tag()).param("p", late.person().psnNo()).param("i", late.inst().code())
                    .param("t", LocalDateTime.of(2023, 2, 27, 9, 0)).update();
            insert("LATE" + plan.tag(), null, "LATE" + plan.tag(), late.person().psnNo(), late.inst().code(),
                    LocalDateTime.of(2023, 2, 27, 9, 30), new BigDecimal("88.00"), new BigDecimal("44.00"), BigDecimal.ZERO,
                    new BigDecimal("44.00"));
        }

        /** Rows a recovery may name: a live February original (frozen in its closed month) and a live March one. */
        List<String> recoverable() {
            return List.of(hospitalVisitsIn(MONTH.minusMonths(1)).get(5).setlId(), hospitalVisitsIn(MONTH).get(7).setlId());
        }

        private void cancel(Plan.Visit v, LocalDateTime at) {
            var o = db.sql("""
                    select medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay from settlement where psn_no = :p and setl_id = :s
                    """).param("p", v.person().psnNo()).param("s", v.setlId()).query().singleRow();
            insert("R" + v.setlId(), v.setlId(), v.mdtrtId(), v.person().psnNo(), v.inst().code(), at,
                    ((BigDecimal) o.get("medfee_sumamt")).negate(), ((BigDecimal) o.get("fund_pay_sumamt")).negate(),
                    ((BigDecimal) o.get("acct_pay")).negate(), ((BigDecimal) o.get("psn_cash_pay")).negate());
            db.sql("update settlement set cancelled_at = :t where psn_no = :p and setl_id = :s")
                    .param("t", Timestamp.from(at.atZone(ZONE).toInstant())).param("p", v.person().psnNo()).param("s", v.setlId()).update();
        }

        private void insert(String setl, String refd, String mdtrt, String psn, String inst, LocalDateTime at, BigDecimal medfee,
                BigDecimal fund, BigDecimal acct, BigDecimal cash) {
            db.sql("""
                    insert into settlement (setl_id, refd_setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, setl_time,
                        care_date, year, policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt,
                        overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay,
                        fund_pay_sumamt, psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay, hosp_part_amt, balc,
                        crt_payb_lmt_amt, trace, msgid)
                    values (:s, :r, :m, :p, :i, '11', :t, :d, :y, 'synthetic', '1101', 'L1', '11', :medfee, 0, 0, 0, :medfee,
                        0, :fund, 0.5000, :fund, :personal, :acct, 0, :cash, 0, 0, 0, 'shard comparison', 'shard comparison')
                    """).param("s", setl).param("r", refd).param("m", mdtrt).param("p", psn).param("i", inst)
                    .param("t", Timestamp.from(at.atZone(ZONE).toInstant())).param("d", at.toLocalDate()).param("y", at.getYear())
                    .param("medfee", medfee).param("fund", fund).param("personal", medfee.subtract(fund)).param("acct", acct)
                    .param("cash", cash).update();
        }
    }
}
