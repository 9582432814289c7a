package cn.gongji.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the test database: {@code GONGJI_TEST_DB_URL} (+ _USER, _PASSWORD) for an external
 * PostgreSQL; {@code GONGJI_TEST_SHARDS=n} (build with {@code -Psharding}) for the sharded store
 * over n embedded PostgreSQL nodes started once per JVM; else the embedded one in a temporary data
 * directory made once per JVM.
 */
public class TestStore implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The embedded PostgreSQL's data of this JVM, removed when it ends ({@link TempDirs}). */
    private static final Path DATA_DIR = TempDirs.removedAtExit("gongji-it-");

    /** The JDBC URLs of the physical nodes when the tests run sharded ({@code GONGJI_TEST_SHARDS=n}), node 0 first; else empty. */
    public static java.util.List<String> shardUrls() {
        String shards = System.getenv("GONGJI_TEST_SHARDS");
        if (shards == null || shards.isBlank()) {
            return java.util.List.of();
        }
        return java.util.List.of(ShardNodes.urls(Integer.parseInt(shards.trim())).split(","));
    }

    /** The number of sharded test nodes ({@code GONGJI_TEST_SHARDS}), 0 for the single-node store. */
    public static int shards() {
        String shards = System.getenv("GONGJI_TEST_SHARDS");
        return shards == null || shards.isBlank() ? 0 : Integer.parseInt(shards.trim());
    }

    @Override
    public void initialize(ConfigurableApplicationContext ctx) {
        Map<String, Object> props = new HashMap<>();
        String url = System.getenv("GONGJI_TEST_DB_URL");
        if (shards() > 0) {
            props.put("gongji.sharding.nodes", ShardNodes.urls(shards()));
            props.put("gongji.data-dir", DATA_DIR.toString());
        } else if (url != null && !url.isBlank()) {
            props.put("spring.datasource.url", url);
            props.put("spring.datasource.username", System.getenv().getOrDefault("GONGJI_TEST_DB_USER", "postgres"));
            props.put("spring.datasource.password", System.getenv().getOrDefault("GONGJI_TEST_DB_PASSWORD", ""));
            props.put("spring.flyway.clean-disabled", "false");
        } else {
            props.put("gongji.data-dir", DATA_DIR.toString());
        }
        ctx.getEnvironment().getPropertySources().addFirst(new MapPropertySource("gongji-test-store", props));
        ctx.getBeanFactory().addBeanPostProcessor(new StatementCounter());
    }
}
