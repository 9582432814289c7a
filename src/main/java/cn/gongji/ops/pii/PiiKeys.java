package cn.gongji.ops.pii;

import cn.gongji.store.Sharding;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Where the PII key comes from (docs/security.md, "Keys and secrets"):
 * <ol>
 *   <li>{@code gongji.pii.key} (32 bytes, base64; environment {@code GONGJI_PII_KEY}) when set;</li>
 *   <li>else, on the embedded store only, the file {@code <gongji.data-dir>/pii.key}: made once with
 *       owner-only permissions (0600) at the first start, read at every later start; a file others
 *       can read is refused;</li>
 *   <li>else (an external PostgreSQL without a key) the service does not start.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class PiiKeys {

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);
    static final String FILE = "pii.key";

    @Bean
    PiiCrypto piiCrypto(Environment env) {
        String key = env.getProperty("gongji.pii.key", "");
        if (!key.isBlank()) {
            return PiiCrypto.fromBase64(key);
        }
        if (!env.getProperty("spring.datasource.url", "").isBlank() || Sharding.sharded(env)) {
            throw new IllegalStateException("gongji.pii.key 未设置：使用外部 PostgreSQL 时必须配置 / "
                    + "gongji.pii.key is not set: it is required with an external PostgreSQL (or sharded nodes) "
                    + "(32 random bytes, base64: openssl rand -base64 32; e.g. environment GONGJI_PII_KEY)");
        }
        Path dataDir = Path.of(env.getProperty("gongji.data-dir", "./data")).toAbsolutePath().normalize();
        return PiiCrypto.fromBase64(loadOrCreate(dataDir.resolve(FILE)));
    }

    /** The base64 key in {@code file}, made (0600) when absent. */
    static String loadOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                String key = Base64.getEncoder().encodeToString(raw);
                try {
                    if (posix(file.getParent())) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, key + "\n");
                    log.warn("generated the PII key {} (owner-only): keep a copy outside this machine; "
                            + "without it the stored ID numbers cannot be read", file);
                    return key;
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: read it below
                }
            }
            if (posix(file)) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
                if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
                        || p.contains(PosixFilePermission.GROUP_WRITE) || p.contains(PosixFilePermission.OTHERS_WRITE)) {
                    throw new IllegalStateException("PII 密钥文件权限过宽 / the PII key file " + file + " is accessible to "
                            + "other users (" + PosixFilePermissions.toString(p) + "): chmod 600 it");
                }
            }
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new IllegalStateException("PII 密钥文件不可读写 / cannot read or create the PII key file " + file, e);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
