package cn.gongji.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** n embedded PostgreSQL nodes for the sharded test deployment, started once per JVM, stopped with it. */
final class ShardNodes {

    private static List<EmbeddedPostgres> nodes;

    private ShardNodes() {}

    static synchronized String urls(int n) {
        if (nodes == null) {
            nodes = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    nodes.add(EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> nodes.forEach(ShardNodes::close)));
        }
        return String.join(",", nodes.stream().map(pg -> pg.getJdbcUrl("postgres", "postgres")).toList());
    }

    private static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is ending; the node's temporary directory goes with it
        }
    }
}
