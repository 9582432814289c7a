package cn.gongji.ops.backup;

import java.util.List;

/**
 * What a backup file holds, written as {@code manifest.json} beside one COPY-text file per table:
 * the schema version it was taken at (Flyway), and per table its row count and the SHA-256 of its
 * data, per sequence its position. A restore checks every checksum before it changes anything.
 */
public record BackupManifest(
        String format,
        String createdAt,
        String schemaVersion,
        List<Table> tables,
        List<Sequence> sequences) {

    public static final String FORMAT = "gongji-logical-backup/1";
    public static final String MANIFEST = "manifest.json";

    public record Table(String name, long rows, String sha256, String entry) {}

    public record Sequence(String name, long lastValue, boolean called) {}

    public long rows() {
        return tables.stream().mapToLong(Table::rows).sum();
    }
}
