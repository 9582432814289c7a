package cn.gongji.ops.pii;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Migration 13.1 (after V013 added the columns): encrypts and hashes the ID number of every person
 * whose {@code certno_hash} is still null, then drops the plaintext column {@code certno} and makes
 * the two new columns required. A Java migration because SQL cannot know {@code gongji.pii.key};
 * one transaction, so a failure leaves the store at version 13 and the next start does it again.
 */
@Component
public class CertnoEncryption implements JavaMigration {

    private static final Logger log = LoggerFactory.getLogger(CertnoEncryption.class);

    private final PiiCrypto crypto;

    public CertnoEncryption(PiiCrypto crypto) {
        this.crypto = crypto;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("13.1");
    }

    @Override
    public String getDescription() {
        return "encrypt certno";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        int n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select psn_no, certno from person where certno_hash is null");
                PreparedStatement u = c.prepareStatement(
                        "update person set certno_enc = ?, certno_hash = ? where psn_no = ?")) {
            while (rs.next()) {
                String certno = rs.getString(2);
                u.setString(1, crypto.encrypt(certno));
                u.setString(2, crypto.hash(certno));
                u.setString(3, rs.getString(1));
                u.addBatch();
                if (++n % 1000 == 0) {
                    u.executeBatch();
                }
            }
            u.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("alter table person drop column certno");
            s.execute("alter table person alter column certno_enc set not null, alter column certno_hash set not null");
        }
        log.info("ID numbers of {} persons encrypted; plaintext column person.certno dropped", n);
    }
}
