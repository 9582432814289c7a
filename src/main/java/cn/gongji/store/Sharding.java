package cn.gongji.store;

import org.springframework.core.env.PropertyResolver;

/**
 * Whether this service runs on sharded PostgreSQL nodes ({@code gongji.sharding.nodes}, docs/scale-out.md).
 * The store's configuration and every path that is off on sharded nodes (batches, the commit sent with
 * the last statement, the one-call lock-and-read functions) decide by this one test.
 */
public final class Sharding {

    /** The setting that lists the nodes. */
    public static final String NODES = "gongji.sharding.nodes";

    private Sharding() {}

    /** Sharded: {@code gongji.sharding.nodes} is set and not blank. */
    public static boolean sharded(PropertyResolver env) {
        String nodes = env.getProperty(NODES);
        return nodes != null && !nodes.isBlank();
    }
}
