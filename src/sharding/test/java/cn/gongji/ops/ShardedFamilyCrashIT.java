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
 * {@link FamilyCrashIT} on the sharded deployment (issue 10): the service as its own process on two
 * PostgreSQL nodes of its own, halted right after the reservation on the holder's node committed and
 * right after the settlement on the member's node committed, then restarted. The holder is made on
 * the other node than the member, so the reservation and the draw really are two local transactions
 * on two nodes. Afterwards, read on each node directly: the reservations only on the holder's node,
 * the draws and settlements only on the member's, and no open reservation anywhere.
 */
class ShardedFamilyCrashIT {

    private static final int NODES = 2;

    @Test
    void a_service_killed_between_the_steps_on_two_nodes_ends_with_the_money_released_or_settled_and_confirmed(
            @TempDir Path dir) throws Exception {
        List<EmbeddedPostgres> pgs = new ArrayList<>();
        ServiceProcess service = null;
        DataSource sharded = null;
        try {
            for (int i = 0; i < NODES; i++) {
                pgs.add(EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start());
            }
            String urls = String.join(",", pgs.stream().map(pg -> pg.getJdbcUrl("postgres", "postgres")).toList());
            service = ServiceProcess.sharded(dir, urls, "postgres", "");
            Map<String, DataSource> nodes = new LinkedHashMap<>();
            List<JdbcClient> nodeDbs = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                nodes.put(ShardTopology.dataSourceName(i), pgs.get(i).getPostgresDatabase());
                nodeDbs.add(JdbcClient.create(pgs.get(i).getPostgresDatabase()));
            }
            DataSource[] view = new DataSource[1];
            FamilyCrashIT.Family family = FamilyCrashIT.crashAndVerify(service, started -> {
                // after the first start: the service has migrated and adjusted every node
                try {
                    view[0] = YamlShardingSphereDataSourceFactory.createDataSource(nodes,
                            ShardTopology.yaml(NODES, "gongji_family_crash_test").getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return JdbcClient.create(view[0]);
            }, (ref, patient) -> {
                while (true) {
                    String p = ref.person("in_service");
                    if (PsnHashSharding.nodeOf(p, NODES) != PsnHashSharding.nodeOf(patient, NODES)) {
                        return p;
                    }
                }
            });
            sharded = view[0];
            int h = PsnHashSharding.nodeOf(family.holder(), NODES);
            int m = PsnHashSharding.nodeOf(family.patient(), NODES);
            assertThat(h).as("holder and member on two nodes").isNotEqualTo(m);
            assertThat(count(nodeDbs.get(h), "select count(*) from account_reservation where psn_no = ?", family.holder()))
                    .as("reservations on the holder's node ds_%d: released, confirmed, confirmed", h).isEqualTo(3);
            assertThat(count(nodeDbs.get(m), "select count(*) from account_reservation")).isZero();
            assertThat(count(nodeDbs.get(m), "select count(*) from family_draw where psn_no = ? and holder_psn_no = ?",
                    family.patient(), family.holder())).as("draws on the member's node ds_%d: one void, two settled", m)
                    .isEqualTo(3);
            assertThat(count(nodeDbs.get(h), "select count(*) from family_draw")).isZero();
            assertThat(count(nodeDbs.get(m), "select count(*) from settlement where psn_no = ?", family.patient())).isEqualTo(2);
            assertThat(count(nodeDbs.get(h), "select count(*) from settlement")).isZero();
            for (JdbcClient node : nodeDbs) {
                assertThat(count(node, "select count(*) from account_reservation where state = 'reserved'")).isZero();
            }
        } finally {
            if (service != null) {
                service.stop();
                service.stopOrphans();
            }
            if (sharded instanceof AutoCloseable c) {
                c.close();
            }
            for (EmbeddedPostgres pg : pgs) {
                pg.close();
            }
        }
    }

    private static long count(JdbcClient db, String sql, Object... args) {
        var spec = db.sql(sql);
        if (args != null) {
            for (Object a : args) {
                spec = spec.param(a);
            }
        }
        return spec.query(Long.class).single();
    }
}
