package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.store.shard.PsnHashSharding;
import cn.gongji.store.shard.ShardTopology;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ARCHITECTURE.md invariant 6 on the sharded deployment (issue 10): {@link CrashRestartIT}'s signed
 * traffic and repeated SIGKILLs of the service process, here with the service on two PostgreSQL
 * nodes of its own. The nodes stay up (only the service dies, as with an external PostgreSQL).
 * Afterwards the answered settlements and cancels are counted on each node and must add up to
 * exactly once, the invariants hold on every node read directly, and every by-person row is on the
 * node of its person: a retry after a crash did not land a second copy elsewhere.
 */
class ShardedCrashRestartIT {

    private static final int NODES = 2;

    @Test
    void settlements_answered_before_repeated_sigkills_are_all_there_exactly_once_on_their_persons_nodes(@TempDir Path dir)
            throws Exception {
        List<EmbeddedPostgres> pgs = new ArrayList<>();
        ServiceProcess service = null;
        DataSource sharded = null;
        try {
            for (int i = 0; i < NODES; i++) {
                pgs.add(EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start());
            }
            String urls = String.join(",", pgs.stream().map(pg -> pg.getJdbcUrl("postgres", "postgres")).toList());
            service = ServiceProcess.sharded(dir, urls, "postgres", "");
            long t0 = System.nanoTime();
            service.start(CrashRestartIT.READY);   // migrates and adjusts every node before ShardingSphere reads them
            Map<String, DataSource> nodes = new LinkedHashMap<>();
            List<JdbcClient> nodeDbs = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.put(ShardTopology.dataSourceName(i), pgs.get(i).getPostgresDatabase());
                nodeDbs.add(JdbcClient.create(pgs.get(i).getPostgresDatabase()));
            }
            // the test's own view of the store for the reference data, the way the service routes it
            sharded = YamlShardingSphereDataSourceFactory.createDataSource(nodes,
                    ShardTopology.yaml(NODES, "gongji_crash_test").getBytes(StandardCharsets.UTF_8));
            CrashRestartIT.crashAndVerify(service, JdbcClient.create(sharded), nodeDbs, NODES + " sharded nodes",
                    cycle -> "service", t0);
            for (int i = 0; i < NODES; i++) {
                assertThat(misplaced(nodeDbs.get(i), i)).as("rows of persons of another node on ds_%d", i).isEmpty();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (sharded instanceof AutoCloseable c) {
                c.close();
            }
            for (EmbeddedPostgres pg : pgs) {
                pg.close();
            }
        }
    }

    /** By-person rows on node {@code node} whose person the shard function sends elsewhere (a null psn_no belongs on ds_0). */
    private static List<String> misplaced(JdbcClient db, int node) {
        List<String> out = new ArrayList<>();
        for (String table : ShardTopology.BY_PERSON) {
            for (String psn : db.sql("select distinct psn_no from " + table).query(String.class).list()) {
                if (PsnHashSharding.nodeOf(psn, NODES) != node) {
                    out.add(table + "." + psn);
                }
            }
        }
        return out;
    }
}
