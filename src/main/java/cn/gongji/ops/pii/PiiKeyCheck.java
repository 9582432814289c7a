package cn.gongji.ops.pii;

import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the migrations, before anything reads the store: the configured key must open the stored
 * ID numbers. One row is decrypted; a wrong key (another installation's, a typo, a lost key file
 * replaced by a new one) stops the start with a clear message instead of failing every 1101 later
 * or, worse, writing rows under two keys.
 */
@Configuration(proxyBeanMethods = false)
public class PiiKeyCheck {

    @Bean
    FlywayMigrationStrategy migrateThenCheckPiiKey(PiiCrypto crypto, DataSource dataSource) {
        return flyway -> {
            flyway.migrate();
            check(crypto, JdbcClient.create(dataSource));
        };
    }

    /** Public for the sharded store, which checks every node. */
    public static void check(PiiCrypto crypto, JdbcClient db) {
        db.sql("select certno_enc from person order by psn_no limit 1").query(String.class).optional().ifPresent(enc -> {
            try {
                crypto.decrypt(enc);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("gongji.pii.key 与已存储的身份证号不匹配，服务不启动 / gongji.pii.key does "
                        + "not open the stored ID numbers (wrong key, or the key of another installation): the "
                        + "service does not start. Configure the key these rows were encrypted with.", e);
            }
        });
    }
}
