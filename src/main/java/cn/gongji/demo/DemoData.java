package cn.gongji.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the synthetic demo data when {@code gongji.demo=true} and no person is registered yet.
 * Runs once all beans exist (so Flyway has migrated) and before the web server starts taking
 * requests, in one transaction: a failed load leaves nothing behind.
 */
@Component
@ConditionalOnBooleanProperty("gongji.demo")
public class DemoData implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long seed;
    private final int persons;
    private final cn.gongji.ops.pii.PiiCrypto crypto;

    public DemoData(JdbcTemplate jdbc, TransactionTemplate tx, cn.gongji.ops.pii.PiiCrypto crypto,
            @Value("${gongji.demo-seed:20220701}") long seed,
            @Value("${gongji.demo-persons:" + DemoGenerator.DEFAULT_PERSONS + "}") int persons) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.crypto = crypto;
        this.seed = seed;
        this.persons = persons;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Long existing = jdbc.queryForObject("select count(*) from person", Long.class);
        if (existing != null && existing > 0) {
            log.info("gongji.demo=true but {} persons are registered already: demo data not loaded", existing);
            return;
        }
        long t0 = System.nanoTime();
        DemoSet set = DemoGenerator.generate(seed, persons);
        DemoLoader.Summary s = tx.execute(status -> new DemoLoader(jdbc, crypto).load(set));
        String line = s + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms (seed " + seed + ")";
        log.info(line);
        System.out.println(line);
    }
}
