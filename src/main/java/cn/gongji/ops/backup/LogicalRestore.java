package cn.gongji.ops.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import tools.jackson.databind.ObjectMapper;

/**
 * Loads a {@link LogicalBackup} file into a store migrated to the same schema version. First every
 * checksum and the table list are checked against the file and the store; then, in ONE
 * transaction, the tables are emptied and copied in ({@code COPY ... FROM STDIN}, foreign keys and
 * triggers held off with {@code session_replication_role = replica}, so a superuser is needed: the
 * embedded store's user is one), the sequences set, and the row counts compared with the manifest.
 * Any failure rolls back the whole restore. A store holding data is refused unless {@code force}.
 */
public final class LogicalRestore {

    /** Rows in these tables alone do not make a store "in use": the service or its migrations write them at first start. */
    private static final Set<String> SEEDED = Set.of("policy_version", "supervision_rule", "supervision_rule_param", "job_lock");

    private final DataSource dataSource;
    private final ObjectMapper json;

    public LogicalRestore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public BackupManifest restore(Path in, boolean force, Consumer<String> progress) {
        try (ZipFile zip = new ZipFile(in.toFile()); Connection c = dataSource.getConnection()) {
            BackupManifest m = manifest(zip);
            verifyChecksums(zip, m);
            checkSchema(c, m);
            c.setAutoCommit(false);
            try {
                load(c, zip, m, force, progress);
                c.commit();
                return m;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (ZipException e) {
            throw new BackupFailed("不是完整的备份文件（zip 无法读取，可能被截断），数据库未做任何更改 / not a complete backup file"
                    + " (the zip cannot be read: truncated?), nothing was changed: " + e.getMessage(), e);
        } catch (SQLException | IOException e) {
            throw new BackupFailed("恢复失败，数据库未做任何更改 / restore failed, nothing was changed: " + e.getMessage(), e);
        }
    }

    private BackupManifest manifest(ZipFile zip) throws IOException {
        ZipEntry e = zip.getEntry(BackupManifest.MANIFEST);
        if (e == null) {
            throw new BackupFailed("不是 Gongji 备份文件（缺少 manifest.json） / not a Gongji backup (no manifest.json)");
        }
        BackupManifest m;
        try (InputStream in = zip.getInputStream(e)) {
            m = json.readValue(in, BackupManifest.class);
        } catch (RuntimeException ex) {
            throw new BackupFailed("manifest.json 无法读取 / manifest.json is unreadable: " + ex.getMessage());
        }
        if (!BackupManifest.FORMAT.equals(m.format())) {
            throw new BackupFailed("不支持的备份格式 " + m.format() + "，应为 " + BackupManifest.FORMAT + " / unsupported backup format");
        }
        if (m.schemaVersion() == null || m.tables() == null || m.sequences() == null
                || m.tables().stream().anyMatch(t -> t == null || t.name() == null || t.entry() == null || t.sha256() == null)
                || m.sequences().stream().anyMatch(q -> q == null || q.name() == null)) {
            throw new BackupFailed("manifest.json 不完整（缺少版本、表或序列）/ manifest.json is incomplete (schema version, tables or sequences missing)");
        }
        return m;
    }

    private static void verifyChecksums(ZipFile zip, BackupManifest m) throws IOException {
        for (BackupManifest.Table t : m.tables()) {
            ZipEntry e = zip.getEntry(t.entry());
            if (e == null) {
                throw new BackupFailed("备份文件缺少 " + t.entry() + " / the backup lacks " + t.entry());
            }
            MessageDigest sha = LogicalBackup.sha256();
            try (InputStream in = new DigestInputStream(zip.getInputStream(e), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (!HexFormat.of().formatHex(sha.digest()).equals(t.sha256())) {
                throw new BackupFailed("表 " + t.name() + " 的校验和不符，备份文件已损坏 / checksum mismatch for table "
                        + t.name() + ": the backup file is damaged");
            }
        }
    }

    private static void checkSchema(Connection c, BackupManifest m) throws SQLException {
        String version = StoreTables.schemaVersion(c);
        if (!m.schemaVersion().equals(version)) {
            throw new BackupFailed("备份的数据库版本 V" + m.schemaVersion() + " 与本程序的 V" + version
                    + " 不同，请用生成备份的版本恢复 / the backup is of schema V" + m.schemaVersion() + ", this store is V" + version
                    + ": restore with the release that made the backup");
        }
        Set<String> inStore = new TreeSet<>(StoreTables.tables(c));
        Set<String> inFile = new TreeSet<>(m.tables().stream().map(BackupManifest.Table::name).toList());
        if (!inStore.equals(inFile)) {
            throw new BackupFailed("表清单不一致 / the tables differ: store " + inStore + ", backup " + inFile);
        }
    }

    private static void load(Connection c, ZipFile zip, BackupManifest m, boolean force, Consumer<String> progress)
            throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("set local session_replication_role = replica");
        }
        if (!force) {
            List<String> used = new ArrayList<>();
            for (BackupManifest.Table t : m.tables()) {
                if (!SEEDED.contains(t.name()) && StoreTables.count(c, t.name()) > 0) {
                    used.add(t.name());
                }
            }
            if (!used.isEmpty()) {
                throw new BackupFailed("目标数据库已有数据（" + String.join(", ", used) + "），未做任何更改；确认覆盖请加 --force"
                        + " / the store already holds data (" + String.join(", ", used) + "): nothing was changed; add --force to replace it");
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("truncate " + String.join(", ", m.tables().stream().map(t -> StoreTables.quote(t.name())).toList()));
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (BackupManifest.Table t : m.tables()) {
            long rows;
            try (InputStream in = zip.getInputStream(zip.getEntry(t.entry()))) {
                rows = copy.copyIn("copy " + StoreTables.quote(t.name()) + " from stdin", in);
            }
            if (rows != t.rows() || StoreTables.count(c, t.name()) != t.rows()) {
                throw new BackupFailed("表 " + t.name() + " 载入 " + rows + " 行，备份记录 " + t.rows() + " 行 / table " + t.name()
                        + " loaded " + rows + " rows, the manifest says " + t.rows());
            }
            progress.accept(String.format("  %-28s %,12d 行 rows", t.name(), rows));
        }
        for (BackupManifest.Sequence q : m.sequences()) {
            try (PreparedStatement ps = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                ps.setString(1, StoreTables.quote(q.name()));
                ps.setLong(2, q.lastValue());
                ps.setBoolean(3, q.called());
                ps.execute();
            }
        }
    }
}
