package cn.gongji.store.shard;

import cn.gongji.store.PersonShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link PersonShards} over the physical nodes, past ShardingSphere: the statement runs on each
 * node's own pool, so every PostgreSQL feature works (lateral joins, window functions, group by on
 * expressions) and each node aggregates its own persons exactly as one node would. The home-node
 * tables exist (empty) on the other nodes too, because every node runs the same migrations: a
 * statement naming one would silently read nothing there, so it is refused.
 */
final class NodeReads implements PersonShards {

    private static final Pattern HOME_TABLE = Pattern.compile("\\b(?:from|join)\\s+(" + String.join("|", ShardTopology.HOME)
            + ")\\b", Pattern.CASE_INSENSITIVE);

    private final List<JdbcClient> nodes;

    NodeReads(List<DataSource> nodes) {
        this.nodes = nodes.stream().map(JdbcClient::create).toList();
    }

    @Override
    public int nodes() {
        return nodes.size();
    }

    @Override
    public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> rows) {
        refuseHomeTables(sql);
        List<T> out = new ArrayList<>();
        for (JdbcClient node : nodes) {
            out.addAll(node.sql(sql).params(params).query(rows).list());
        }
        return out;
    }

    static void refuseHomeTables(String sql) {
        Matcher m = HOME_TABLE.matcher(sql);
        if (m.find()) {
            throw new IllegalArgumentException("a per-node read must not name the home-node table " + m.group(1)
                    + " (it is empty on the other nodes): read it in a second statement. SQL: " + sql);
        }
    }
}
