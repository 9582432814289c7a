package cn.gongji.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The default store: a real PostgreSQL 17 started from Maven artifacts, its data kept in
 * {@code gongji.data-dir}/pg across restarts. Used whenever {@code spring.datasource.url} is not set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedStoreCondition.class)
public class EmbeddedStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Environment env) throws IOException {
        Path dataDir = Path.of(env.getProperty("gongji.data-dir", "./data")).toAbsolutePath().normalize();
        Path pgDir = dataDir.resolve("pg");
        Files.createDirectories(pgDir);
        StalePostmaster.refuseIfInUse(pgDir);
        StalePostmaster.stopIfRunning(pgDir);
        int port = env.getProperty("gongji.embedded.port", Integer.class, 0);
        log.info("starting embedded PostgreSQL in {}", pgDir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgDir)
                .setCleanDataDirectory(false)
                // a new cluster compares text by code point with memcmp (PostgreSQL 17's builtin C.UTF-8):
                // the libc collation of the environment (C.UTF-8, en_US.UTF-8, ...) sent every comparison
                // of an index on psn_no, mdtrt_id or msgid, every sort and every ANALYZE through strcoll,
                // and a libc locale disables abbreviated sort keys. Code-point order is what glibc's
                // C.UTF-8 gave. A cluster that exists keeps the collation it was made with
                // (docs/decisions.md, "Settlement performance").
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                // durability is not traded for speed: an answered settlement survives kill -9
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("max_connections", "200")
                // fewer checkpoints, so fewer full-page images in the WAL under a steady settlement load
                // (crash safety is unchanged: recovery replays more WAL, bounded by max_wal_size)
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("checkpoint_timeout", "15min")
                // a fresh database has no statistics and its empty partial indexes look free to the
                // planner, so the first settlements can be planned on the wrong index until the first
                // auto-analyze: look every 5 s instead of every minute (docs/operations.md)
                .setServerConfig("autovacuum_naptime", "5s")
                .setServerConfig("shared_buffers", env.getProperty("gongji.embedded.shared-buffers", "256MB"))
                .setPGStartupWait(java.time.Duration.ofSeconds(60));
        if (port > 0) {
            builder.setPort(port);
        }
        // operator's extra settings, "name=value;name=value" (e.g. shared_preload_libraries=pg_stat_statements
        // to see where the database's time goes); durability settings above cannot be turned off here
        for (String setting : env.getProperty("gongji.embedded.server-config", "").split(";")) {
            if (setting.isBlank()) continue;
            int eq = setting.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(
                    "gongji.embedded.server-config: expected name=value, got '" + setting.strip() + "'");
            String name = setting.substring(0, eq).strip();
            if (name.equals("synchronous_commit") || name.equals("fsync") || name.equals("full_page_writes"))
                throw new IllegalArgumentException("gongji.embedded.server-config may not change " + name
                        + ": an answered settlement must survive a crash");
            builder.setServerConfig(name, setting.substring(eq + 1).strip());
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, Environment env) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("gongji-embedded");
        cfg.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
        cfg.setUsername("postgres");
        cfg.setMaximumPoolSize(env.getProperty("gongji.db.pool-size", Integer.class, 24));
        cfg.setAutoCommit(true);
        return new HikariDataSource(cfg);
    }
}
