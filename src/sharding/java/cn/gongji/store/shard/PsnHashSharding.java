package cn.gongji.store.shard;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * The node of a person: CRC-32 of the person number modulo the node count (stable across JVMs and
 * languages, unlike String.hashCode). A row without a person (a HIS message that names none) lives
 * on the home node ds_0. Ranges cannot be routed by a hash: they go to every node.
 */
public final class PsnHashSharding implements StandardShardingAlgorithm<Comparable<?>> {

    public static final String TYPE = "GONGJI_PSN_HASH";

    private int nodes;

    @Override
    public void init(Properties props) {
        nodes = Integer.parseInt(props.getProperty("nodes"));
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be at least 1");
        }
    }

    public static int nodeOf(String psnNo, int nodes) {
        if (psnNo == null) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(psnNo.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % nodes);
    }

    @Override
    public String doSharding(Collection<String> targets, PreciseShardingValue<Comparable<?>> value) {
        Object v = value.getValue();
        String suffix = "_" + nodeOf(v == null ? null : v.toString(), nodes);
        for (String t : targets) {
            if (t.endsWith(suffix)) {
                return t;
            }
        }
        throw new IllegalStateException("no node " + suffix + " among " + targets);
    }

    @Override
    public Collection<String> doSharding(Collection<String> targets, RangeShardingValue<Comparable<?>> value) {
        return List.copyOf(targets);
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
