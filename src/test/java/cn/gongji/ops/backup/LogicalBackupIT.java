package cn.gongji.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.support.ServiceIT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/** The backup file itself and the refusals of a restore; the commands end to end are BackupRestoreIT. */
@ServiceIT
class LogicalBackupIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    ObjectMapper json;

    @Test
    void the_backup_file_is_readable_by_its_owner_only(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gongji.zip");
        Files.writeString(file, "an older backup of the same name, readable by all");
        new LogicalBackup(dataSource, json, Clock.systemUTC()).write(file, line -> {});
        assertThat(Files.getPosixFilePermissions(file))
                .as("every institution's signing secret is in it").containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
        assertThat(dir.resolve("gongji.zip.partial")).doesNotExist();
    }

    @Test
    void a_truncated_file_or_an_incomplete_manifest_is_refused_in_words_and_changes_nothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gongji.zip");
        new LogicalBackup(dataSource, json, Clock.systemUTC()).write(file, line -> {});
        byte[] whole = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(whole, whole.length / 2));
        Path incomplete = dir.resolve("incomplete.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(incomplete))) {
            zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST));
            zip.write(("{\"format\":\"" + BackupManifest.FORMAT + "\"}").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        JdbcClient db = JdbcClient.create(dataSource);
        long institutions = db.sql("select count(*) from institution").query(Long.class).single();
        LogicalRestore restore = new LogicalRestore(dataSource, json);
        assertThatThrownBy(() -> restore.restore(truncated, true, line -> {})).isInstanceOf(BackupFailed.class)
                .hasMessageContaining("not a complete backup file").hasMessageContaining("nothing was changed");
        assertThatThrownBy(() -> restore.restore(incomplete, true, line -> {})).isInstanceOf(BackupFailed.class)
                .hasMessageContaining("manifest.json is incomplete");
        assertThat(db.sql("select count(*) from institution").query(Long.class).single()).isEqualTo(institutions);
    }
}
