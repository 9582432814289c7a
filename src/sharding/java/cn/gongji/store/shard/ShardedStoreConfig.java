package cn.gongji.store.shard;

import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.ops.pii.PiiKeyCheck;
import cn.gongji.store.PersonShards;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sharded store (issue 10), chosen by configuration only: {@code gongji.sharding.nodes} lists
 * the JDBC URLs of N PostgreSQL nodes (ds_0 first, the home node). Every node is migrated by Flyway
 * on its own, adjusted for sharding ({@link #adjust}), and only then wrapped in one ShardingSphere
 * DataSource that the whole service uses as its {@code dataSource}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("gongji.sharding.nodes")
public class ShardedStoreConfig {

    private static final Logger log = LoggerFactory.getLogger(ShardedStoreConfig.class);

    /** Sequences step by this on every node, node k handing out values ≡ k: ids stay unique across nodes. */
    static final int ID_STRIDE = 64;

    /** The physical nodes, ds_0 first, each migrated and adjusted; ShardingSphere's DataSource wraps them. */
    record Nodes(Map<String, DataSource> byName) implements AutoCloseable {
        /** Hikari's close is idempotent, so it does not matter whether ShardingSphere closed them already. */
        @Override
        public void close() {
            byName.values().forEach(ds -> ((HikariDataSource) ds).close());
        }
    }

    /** The Java migrations of db/migration (13.1 encrypts ID numbers with the PII key), which Boot would add to its own run. */
    @Bean
    Nodes shardNodes(Environment env, List<JavaMigration> javaMigrations) throws SQLException {
        List<String> urls = new ArrayList<>();
        for (String u : env.getRequiredProperty("gongji.sharding.nodes").split(",")) {
            if (!u.isBlank()) {
                urls.add(u.trim());
            }
        }
        if (urls.size() < 1 || urls.size() > ID_STRIDE) {
            throw new IllegalStateException("gongji.sharding.nodes 须列出 1 至 " + ID_STRIDE + " 个节点 / must list 1 to "
                    + ID_STRIDE + " PostgreSQL nodes, got " + urls.size());
        }
        Map<String, DataSource> nodes = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            HikariDataSource ds = node(env, i, urls.get(i));
            Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                    .javaMigrations(javaMigrations.toArray(JavaMigration[]::new)).load().migrate();
            adjust(ds, i);
            nodes.put(ShardTopology.dataSourceName(i), ds);
        }
        try (Connection c = nodes.get(ShardTopology.dataSourceName(0)).getConnection()) {
            Set<String> missing = ShardTopology.unclassified(tables(c));
            if (!missing.isEmpty()) {
                throw new IllegalStateException("分片拓扑未安置这些表 / the shard topology does not place these tables: "
                        + missing + " (add them to cn.gongji.store.shard.ShardTopology)");
            }
        }
        log.info("sharded store: {} PostgreSQL nodes, {} tables by psn_no, {} broadcast, {} on the home node",
                urls.size(), ShardTopology.BY_PERSON.size(), ShardTopology.BROADCAST.size(), ShardTopology.HOME.size());
        return new Nodes(nodes);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(Nodes nodes) throws SQLException, java.io.IOException {
        return YamlShardingSphereDataSourceFactory.createDataSource(new LinkedHashMap<>(nodes.byName()),
                ShardTopology.yaml(nodes.byName().size()).getBytes(StandardCharsets.UTF_8));
    }

    /** Institution-side reads of by-person tables, node by node (ARCHITECTURE.md "Partitioning"). */
    @Bean
    PersonShards personShards(Nodes nodes) {
        return new NodeReads(List.copyOf(nodes.byName().values()));
    }

    /**
     * Every node was migrated above, one by one; Spring Boot's own Flyway run must not touch the
     * sharded DataSource. Primary over the single-node strategy ({@link PiiKeyCheck}), whose check of
     * the PII key runs here on every node instead.
     */
    @Bean
    @Primary
    FlywayMigrationStrategy nodesAlreadyMigrated(Nodes nodes, PiiCrypto crypto) {
        return flyway -> nodes.byName().values().forEach(ds -> PiiKeyCheck.check(crypto, JdbcClient.create(ds)));
    }

    private static HikariDataSource node(Environment env, int i, String url) {
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("gongji-" + ShardTopology.dataSourceName(i));
        cfg.setJdbcUrl(url);
        String user = env.getProperty("gongji.sharding.username");
        if (user != null) {
            cfg.setUsername(user);
            cfg.setPassword(env.getProperty("gongji.sharding.password", ""));
        }
        cfg.setMaximumPoolSize(env.getProperty("gongji.db.pool-size", Integer.class, 24));
        cfg.setAutoCommit(true);
        return new HikariDataSource(cfg);
    }

    /**
     * What the single-node schema needs to be shardable, applied after Flyway on each node and
     * idempotent: (1) family_binding.member_psn_no may name a person of another node, so its
     * foreign key goes, and so does every foreign key from a table of one placement to a by-person or
     * home-node table of another ({@link ShardTopology#crossesNodes}); (2) every sequence gets
     * {@link #ID_STRIDE} times its own step, node k starting at k times that step, so mdtrt_id,
     * setl_id, psn_no and bigserial keys never repeat across nodes. The own step matters: the id
     * sequences step by 100 (V011) because one {@code nextval} reserves a block of 100 numbers
     * ({@code Ids}); their blocks interleave as 6400·j + 100·k .. +99. Each adjusted sequence
     * carries a comment naming its own step, so a restart leaves it alone and a later migration
     * that changes the step gets it adjusted again.
     */
    static void adjust(DataSource ds, int node) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table family_binding drop constraint if exists family_binding_member_psn_no_fkey");
            List<String[]> crossing = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    select conrelid::regclass::text, conname, confrelid::regclass::text from pg_constraint
                    where contype = 'f' and connamespace = 'public'::regnamespace
                    """)) {
                while (rs.next()) {
                    if (ShardTopology.crossesNodes(rs.getString(1), rs.getString(3))) {
                        crossing.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            for (String[] fk : crossing) {
                log.info("node {}: dropping foreign key {}.{} → {} (the rows it joins live on different nodes)", node, fk[0],
                        fk[1], fk[2]);
                st.execute("alter table " + fk[0] + " drop constraint if exists " + fk[1]);
            }
            List<String[]> seqs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    select s.sequencename, s.increment_by, coalesce(s.last_value, 0),
                           coalesce(obj_description(format('%I.%I', s.schemaname, s.sequencename)::regclass, 'pg_class'), '')
                    from pg_sequences s where s.schemaname = 'public'
                    """)) {
                while (rs.next()) {
                    seqs.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            for (String[] s : seqs) {
                long increment = Long.parseLong(s[1]);
                Long marked = markedStep(s[3], node);
                if (marked != null && increment == marked * ID_STRIDE) {
                    continue;
                }
                long step = increment;
                long stride = step * ID_STRIDE;
                long next = (Long.parseLong(s[2]) / stride + 1) * stride + node * step;
                st.execute("alter sequence " + s[0] + " increment by " + stride);
                st.execute("select setval('" + s[0] + "', " + next + ", false)");
                st.execute("comment on sequence " + s[0] + " is '" + marker(step, node) + "'");
            }
        }
    }

    static String marker(long step, int node) {
        return "gongji shard: step " + step + ", node " + node + " of stride " + ID_STRIDE;
    }

    /** The own step recorded by {@link #marker} for this node, or null if the sequence was not adjusted for it. */
    static Long markedStep(String comment, int node) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("gongji shard: step (\\d+), node (\\d+) of stride (\\d+)")
                .matcher(comment);
        if (!m.matches() || Integer.parseInt(m.group(2)) != node || Integer.parseInt(m.group(3)) != ID_STRIDE) {
            return null;
        }
        return Long.parseLong(m.group(1));
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
