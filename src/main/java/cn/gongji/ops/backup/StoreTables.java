package cn.gongji.ops.backup;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The application's tables and sequences in schema {@code public} (Flyway's own history excluded), read from the catalog. */
final class StoreTables {

    static final String HISTORY = "flyway_schema_history";

    private StoreTables() {}

    static List<String> tables(Connection c) throws SQLException {
        return strings(c, """
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                order by table_name""");
    }

    static List<String> sequences(Connection c) throws SQLException {
        return strings(c, "select sequence_name from information_schema.sequences where sequence_schema = 'public' order by 1");
    }

    /** The last successfully applied migration, e.g. "9"; null when the store was never migrated. */
    static String schemaVersion(Connection c) throws SQLException {
        List<String> v = strings(c, """
                select version from flyway_schema_history where success and version is not null
                order by installed_rank desc limit 1""");
        return v.isEmpty() ? null : v.getFirst();
    }

    static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
