package cn.gongji.ops.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiKeysTest {

    @Test
    void the_key_file_is_made_once_owner_only_and_read_back_at_the_next_start(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("pii.key");
        String first = PiiKeys.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PiiKeys.loadOrCreate(file)).isEqualTo(first);
        PiiCrypto c = PiiCrypto.fromBase64(first);
        assertThat(c.decrypt(c.encrypt("410102199001011234"))).isEqualTo("410102199001011234");
    }

    @Test
    void a_key_file_others_can_read_is_refused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pii.key");
        PiiKeys.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PiiKeys.loadOrCreate(file)).hasMessageContaining("chmod 600");
    }
}
