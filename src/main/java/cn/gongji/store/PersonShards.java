package cn.gongji.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Institution-side reads of the by-person tables (settlement, visit, fee_line, account_entry, ...):
 * ARCHITECTURE.md "institution-side views are aggregates over all shards". The statement runs on
 * every node that holds person rows, each node answers for its own persons, and the caller adds the
 * answers up in Java. On one node that is one statement on the service's own connection (so it
 * joins the caller's transaction); sharded, it is one statement per node on the node's own pool.
 *
 * <p>Rule for the SQL: it may read by-person tables and reference (broadcast) tables only, never a
 * home-node table (clearing_*, supervision_warning*, audit_log, ...), and it must not join two
 * persons' rows (a family holder's account entry with the member's settlement): each node sees only
 * its own persons. Combine with home-node data in a second statement. The sharded implementation
 * refuses a statement that names a home-node table.
 */
public interface PersonShards {

    /** How many nodes answer a {@link #query}; 1 unless sharded. */
    int nodes();

    /** The rows of {@code sql} from every node, node by node (ds_0 first); order them in Java if it matters. */
    <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> rows);

    /** The single-node store: the service's own {@link JdbcClient}. */
    static PersonShards single(JdbcClient db) {
        return new PersonShards() {
            @Override
            public int nodes() {
                return 1;
            }

            @Override
            public <T> List<T> query(String sql, Map<String, ?> params, RowMapper<T> rows) {
                return new ArrayList<>(db.sql(sql).params(params).query(rows).list());
            }
        };
    }
}
