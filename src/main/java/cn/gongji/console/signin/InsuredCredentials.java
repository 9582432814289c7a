package cn.gongji.console.signin;

import cn.gongji.ops.pii.PiiCrypto;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;

/** The /me sign-in password of an insured person, set by staff (table insured_credential, V008). */
@Repository
public class InsuredCredentials {

    public static final int MIN_PASSWORD = 8;

    private final JdbcClient db;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final PiiCrypto crypto;

    public InsuredCredentials(JdbcClient db, PasswordEncoder encoder, SignInThrottle throttle, PiiCrypto crypto) {
        this.db = db;
        this.encoder = encoder;
        this.throttle = throttle;
        this.crypto = crypto;
    }

    /** Sets or replaces the password; the person's failed sign-ins are forgotten with the old one. */
    public void set(String psnNo, String password, String by) {
        db.sql("""
                insert into insured_credential (psn_no, password_hash, set_by) values (:p, :h, :by)
                on conflict (psn_no) do update set password_hash = excluded.password_hash, set_by = excluded.set_by,
                    set_at = now()
                """).param("p", psnNo).param("h", encoder.encode(password)).param("by", by).update();
        db.sql("select certno_enc from person where psn_no = :p").param("p", psnNo).query(String.class).optional()
                .ifPresent(enc -> throttle.succeeded("insured", crypto.decrypt(enc)));
    }

    /**
     * When and by whom the password was last set, if ever; the time in {@code zone} (the business
     * zone), not in the database session's zone.
     */
    public Optional<String> setInfo(String psnNo, ZoneId zone) {
        return db.sql("""
                select set_by || ' ' || to_char(set_at at time zone :zone, 'YYYY-MM-DD HH24:MI')
                from insured_credential where psn_no = :p
                """).param("zone", zone.getId()).param("p", psnNo).query(String.class).optional();
    }

    /** Whether the person has a password at all. */
    public boolean isSet(String psnNo) {
        return db.sql("select count(*) from insured_credential where psn_no = :p").param("p", psnNo)
                .query(Long.class).single() > 0;
    }
}
