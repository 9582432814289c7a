package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.ops.pii.CertnoEncryption;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration 13.1 on a store that has persons from before: in a scratch schema migrated to V013, a
 * person with a plaintext ID number; after 13.1 the number is encrypted and hashed and the plaintext
 * column is gone. A second run (the migration already applied) changes nothing.
 */
@ServiceIT
class CertnoBackfillIT {

    @Autowired
    DataSource dataSource;

    @Test
    void existing_rows_are_encrypted_and_hashed_and_the_plaintext_column_is_dropped() {
        String schema = "pii_backfill_" + System.nanoTime();
        try {
            Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                    .locations("classpath:db/migration").target("13").load().migrate();
            JdbcClient db = JdbcClient.create(dataSource);
            db.sql("""
                    insert into %s.person (psn_no, certno, psn_name, gend, brdy, insuplc_admdvs, insu_date)
                    values ('41130000000000000777', '41130219800301001X', '老数据', '1', date '1980-03-01', '411302', date '2010-01-01')
                    """.formatted(schema)).update();

            Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
                    .javaMigrations(new CertnoEncryption(RefData.CRYPTO)).load();
            flyway.migrate();
            flyway.migrate();

            assertThat(db.sql("select count(*) from information_schema.columns where table_schema = :s and table_name = 'person' and column_name = 'certno'")
                    .param("s", schema).query(Long.class).single()).isZero();
            var row = db.sql("select certno_enc, certno_hash from %s.person".formatted(schema))
                    .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).single();
            assertThat(RefData.CRYPTO.decrypt(row[0])).isEqualTo("41130219800301001X");
            assertThat(row[1]).isEqualTo(RefData.CRYPTO.hash("41130219800301001x"));
        } finally {
            JdbcClient.create(dataSource).sql("drop schema if exists " + schema + " cascade").update();
        }
    }
}
