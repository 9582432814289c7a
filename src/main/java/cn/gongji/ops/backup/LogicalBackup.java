package cn.gongji.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import tools.jackson.databind.ObjectMapper;

/**
 * A logical backup of the store: every table copied out with {@code COPY ... TO STDOUT} inside ONE
 * read-only repeatable-read transaction (a consistent snapshot: a settlement and its account
 * entries are either both in the file or neither), zipped with a manifest of row counts and
 * SHA-256 checksums. Used for the embedded store, whose zonky binaries carry no pg_dump; an
 * external PostgreSQL is backed up with its own tools (docs/operations.md). The file is written
 * beside the target, readable by its owner only, and moved into place only when complete.
 */
public final class LogicalBackup {

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public LogicalBackup(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    public BackupManifest write(Path out, java.util.function.Consumer<String> progress) {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                // every person's data and every institution's signing secret: readable by its owner only
                Files.deleteIfExists(partial);
                if (partial.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                BackupManifest m = write(c, partial, progress);
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return m;
            } finally {
                c.rollback();
            }
        } catch (SQLException | IOException e) {
            throw new BackupFailed("备份失败 / backup failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial file is named as such; a later run replaces it
            }
        }
    }

    private BackupManifest write(Connection c, Path file, java.util.function.Consumer<String> progress)
            throws SQLException, IOException {
        String version = StoreTables.schemaVersion(c);
        if (version == null) {
            throw new BackupFailed("数据库尚未初始化（无 Flyway 迁移记录） / the store has no schema yet");
        }
        List<BackupManifest.Table> tables = new ArrayList<>();
        List<BackupManifest.Sequence> sequences = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String t : StoreTables.tables(c)) {
                String entry = "data/" + t + ".copy";
                zip.putNextEntry(new ZipEntry(entry));
                MessageDigest sha = sha256();
                OutputStream guarded = new NonClosing(new DigestOutputStream(zip, sha));
                long rows = c.unwrap(PGConnection.class).getCopyAPI()
                        .copyOut("copy " + StoreTables.quote(t) + " to stdout", guarded);
                zip.closeEntry();
                tables.add(new BackupManifest.Table(t, rows, HexFormat.of().formatHex(sha.digest()), entry));
                progress.accept(String.format("  %-28s %,12d 行 rows", t, rows));
            }
            for (String s : StoreTables.sequences(c)) {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("select last_value, is_called from " + StoreTables.quote(s))) {
                    rs.next();
                    sequences.add(new BackupManifest.Sequence(s, rs.getLong(1), rs.getBoolean(2)));
                }
            }
            BackupManifest m = new BackupManifest(BackupManifest.FORMAT, OffsetDateTime.now(clock).toString(), version,
                    tables, sequences);
            zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST));
            zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            zip.closeEntry();
            zip.finish();
            return m;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** COPY closes nothing, but be sure the zip stream outlives each table. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
