package cn.gongji.bench;

import cn.gongji.GongjiApplication;
import cn.gongji.account.db.CreditRun;
import cn.gongji.account.db.CreditSummary;
import java.time.YearMonth;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Benchmark of the monthly account credit (not a test): seeds N persons with status and
 * contribution base into the store of a scratch data directory, credits one month twice (the
 * second run must credit nothing) and prints the timings. Run it with scripts/bench-credit.sh.
 *
 * <p>args: dataDir [persons=100000] [month=2026-11]
 */
public final class CreditRunBench {

    public static void main(String[] args) {
        String dataDir = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        YearMonth month = YearMonth.parse(args.length > 2 ? args[2] : "2026-11");
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GongjiApplication.class)
                .web(WebApplicationType.NONE)
                // as arguments, so they override application.yml (builder properties are only defaults)
                .run("--gongji.data-dir=" + dataDir, "--logging.level.root=WARN")) {
            JdbcClient db = ctx.getBean(JdbcClient.class);
            CreditRun run = ctx.getBean(CreditRun.class);
            long t0 = System.nanoTime();
            seed(db, n, ctx.getBean(cn.gongji.ops.pii.PiiCrypto.class).encrypt("110101197001010000"));
            System.out.printf("seeded %,d persons in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            for (int i = 1; i <= 2; i++) {
                long t = System.nanoTime();
                CreditSummary s = run.run(month, "bench", System.out::println);
                System.out.printf("run %d: %.2f s — %s%n", i, (System.nanoTime() - t) / 1e9, s.describe());
            }
            String check = db.sql("""
                    select count(*) || ' accounts off' from account a
                    where balance <> (select coalesce(sum(amount), 0) from account_entry e where e.psn_no = a.psn_no)
                    """).query(String.class).single();
            System.out.println("balance = sum of entries: " + check);
        }
    }

    /** Persons 4119…: a quarter retired, the rest in service with bases from 3,000 to 7,999.37. */
    static void seed(JdbcClient db, int n, String certnoEnc) {
        db.sql("""
                insert into person (psn_no, certno_enc, certno_hash, psn_name, gend, brdy, insuplc_admdvs, insu_date)
                -- one real ciphertext for every bench person (the start-up key check can open it); the
                -- credit run never reads the ID number; the lookup hash only has to be unique
                select '4119' || lpad(g::text, 16, '0'), :enc, 'bench-' || g, '测试' || g, '1',
                       date '1970-01-01', '411302', date '2015-01-01'
                from generate_series(1, :n) g
                on conflict do nothing
                """).param("n", n).param("enc", certnoEnc).update();
        db.sql("""
                insert into person_status (psn_no, seq, status, processed_date)
                select '4119' || lpad(g::text, 16, '0'), 0,
                       case when g % 4 = 0 then 'retired' else 'in_service' end, date '2015-01-01'
                from generate_series(1, :n) g
                on conflict do nothing
                """).param("n", n).update();
        db.sql("""
                insert into contribution_base (psn_no, effective_month, amount)
                select '4119' || lpad(g::text, 16, '0'), date '2015-01-01', 3000 + (g % 5000) + 0.37
                from generate_series(1, :n) g
                on conflict do nothing
                """).param("n", n).update();
        db.sql("""
                insert into account (psn_no, balance)
                select '4119' || lpad(g::text, 16, '0'), 0 from generate_series(1, :n) g
                on conflict do nothing
                """).param("n", n).update();
        db.sql("analyze").update();
    }
}
