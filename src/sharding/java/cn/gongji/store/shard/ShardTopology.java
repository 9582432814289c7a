package cn.gongji.store.shard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every table of the schema lives in a sharded deployment (issue 10). Pure: the names and the
 * ShardingSphere YAML that follows from them.
 *
 * <ul>
 *   <li>{@link #BY_PERSON}: sharded by psn_no (ARCHITECTURE.md "Partitioning"); all of them are one
 *       binding group, so a join between them (on setl_id, mdtrt_id, psn_no) runs on each node
 *       alone: every row of one person is on that person's node.
 *   <li>{@link #BROADCAST}: reference data with natural keys, a full copy on every node, written
 *       to all, read from one.
 *   <li>{@link #HOME}: institution-side work tables (clearing, supervision, sign-ins, audit) kept on
 *       the home node ds_0 only; many have bigserial keys, which a broadcast copy could not keep
 *       equal on every node.
 * </ul>
 * A table of the schema in none of the three is refused at startup ({@link #unclassified}).
 */
public final class ShardTopology {

    public static final List<String> BY_PERSON = List.of(
            "person", "person_status", "family_binding", "offsite_registration", "account", "account_entry",
            "contribution_base", "insurance_status_change", "person_death", "insured_credential",
            "his_message", "visit", "fee_line", "episode", "settlement", "settlement_line", "year_accumulator",
            "rx_fill", "clearing_enrolment", "account_reservation", "family_draw");

    public static final List<String> BROADCAST = List.of(
            "policy_version", "institution", "catalog_item", "staff",
            "score_scheme", "score_scheme_disease", "score_scheme_budget", "score_point_value",
            "supervision_rule", "supervision_rule_param");

    public static final List<String> HOME = List.of(
            "sign_in", "sign_in_failure", "audit_log", "staff_api_token", "job_lock", "clearing_agreement",
            "clearing_period", "clearing_item", "clearing_recovery", "clearing_deduction", "clearing_file",
            "clearing_reconciliation", "clearing_application",
            "supervision_warning", "supervision_warning_event", "supervision_recovery", "supervision_indicator_month");

    private ShardTopology() {}

    /** Tables of the migrated schema that this topology does not place (Flyway's own history aside). */
    public static Set<String> unclassified(Iterable<String> schemaTables) {
        Set<String> out = new TreeSet<>();
        for (String t : schemaTables) {
            if (!t.equals("flyway_schema_history") && !BY_PERSON.contains(t) && !BROADCAST.contains(t) && !HOME.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Whether a foreign key from {@code table} to {@code referenced} would have to look on another
     * node: the referenced rows are by person (on the person's node) or on the home node, and the
     * referencing table is placed otherwise (a home-node clearing_item naming a settlement). Such a
     * key cannot hold and is dropped; the code reads the referenced row before it writes the
     * reference. References to broadcast tables hold everywhere.
     */
    public static boolean crossesNodes(String table, String referenced) {
        if (BY_PERSON.contains(referenced)) {
            return !BY_PERSON.contains(table);
        }
        return HOME.contains(referenced) && !HOME.contains(table);
    }

    public static String dataSourceName(int node) {
        return "ds_" + node;
    }

    /** The ShardingSphere-JDBC YAML for {@code nodes} physical nodes ds_0..ds_{n-1}. */
    public static String yaml(int nodes) {
        return yaml(nodes, "gongji");
    }

    /**
     * The same under another logical database name: ShardingSphere's Standalone mode keeps its
     * metadata per name in one in-memory repository per JVM, so a second DataSource over other nodes
     * in the same JVM (a test) needs a name of its own.
     */
    public static String yaml(int nodes, String databaseName) {
        StringBuilder y = new StringBuilder();
        y.append("databaseName: ").append(databaseName).append('\n');
        y.append("mode:\n  type: Standalone\n");
        y.append("rules:\n");
        y.append("- !SHARDING\n  tables:\n");
        for (String t : BY_PERSON) {
            List<String> dataNodes = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                dataNodes.add(dataSourceName(i) + "." + t);
            }
            y.append("    ").append(t).append(":\n");
            // <LITERAL>: the list is explicit; the default Groovy inline parser would compile a script per table
            y.append("      actualDataNodes: <LITERAL>").append(String.join(",", dataNodes)).append('\n');
            y.append("      databaseStrategy:\n        standard:\n          shardingColumn: psn_no\n")
                    .append("          shardingAlgorithmName: psn_hash\n");
        }
        y.append("  bindingTables:\n    - ").append(String.join(",", BY_PERSON)).append('\n');
        y.append("  shardingAlgorithms:\n    psn_hash:\n      type: ").append(PsnHashSharding.TYPE)
                .append("\n      props:\n        nodes: ").append(nodes).append('\n');
        y.append("- !BROADCAST\n  tables:\n");
        for (String t : BROADCAST) {
            y.append("    - ").append(t).append('\n');
        }
        y.append("- !SINGLE\n  tables:\n");
        for (String t : HOME) {
            y.append("    - ").append(dataSourceName(0)).append('.').append(t).append('\n');
        }
        y.append("  defaultDataSource: ").append(dataSourceName(0)).append('\n');
        // start-up (docs/scale-out.md): without the system schemas (pg_catalog, information_schema) Standalone mode
        // does not build and persist the metadata of some hundred catalogue tables into its H2 repository
        y.append("props:\n  sql-show: false\n  system-schema-metadata-assembly-enabled: false\n");
        return y.toString();
    }
}
