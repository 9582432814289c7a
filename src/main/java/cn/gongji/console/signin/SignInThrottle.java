package cn.gongji.console.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import cn.gongji.ops.pii.PiiCrypto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per realm in the database (so every instance of the service and a restart see
 * the same count), by typed name and by remote address: {@value #MAX_FAILURES} failures of one name
 * within {@link #WINDOW} lock that name, and {@value #MAX_FAILURES_PER_ADDRESS} failures from one address,
 * whatever names were typed, lock sign-in from that address, until the oldest of them leaves the window.
 * The first stops guessing one person's password; the second stops trying one password across many
 * names (which the first cannot see). A success clears the name's failures.
 */
@Component
public class SignInThrottle {

    public static final int MAX_FAILURES = 5;
    /** Enough for an office behind one address to mistype now and then; far too few to spray a password. */
    public static final int MAX_FAILURES_PER_ADDRESS = 20;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient db;
    private final Clock clock;
    private final PiiCrypto crypto;

    public SignInThrottle(JdbcClient db, Clock clock, PiiCrypto crypto) {
        this.db = db;
        this.clock = clock;
        this.crypto = crypto;
    }

    /**
     * What is stored for a typed name: insured persons type their ID number, which is kept only as
     * its keyed hash (the table must not become a plaintext copy of ID numbers); staff names as typed.
     */
    private String stored(String realm, String typed) {
        return realm.equals("insured") ? "hmac:" + crypto.hash(subject(typed)) : subject(typed);
    }

    /** The typed name as it is counted: trimmed, lower case, at most 64 characters. */
    public static String subject(String typed) {
        String s = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** Whether a sign-in as {@code typed} from {@code remoteAddr} (null when unknown) is refused unchecked. */
    public boolean locked(String realm, String typed, String remoteAddr) {
        OffsetDateTime since = at(clock.instant().minus(WINDOW));
        long byName = db.sql("""
                select count(*) from sign_in_failure where realm = :r and subject = :s and failed_at > :since
                """).param("r", realm).param("s", stored(realm, typed)).param("since", since)
                .query(Long.class).single();
        if (byName >= MAX_FAILURES || remoteAddr == null) {
            return byName >= MAX_FAILURES;
        }
        long byAddress = db.sql("""
                select count(*) from sign_in_failure where realm = :r and remote_addr = :a and failed_at > :since
                """).param("r", realm).param("a", remoteAddr).param("since", since).query(Long.class).single();
        return byAddress >= MAX_FAILURES_PER_ADDRESS;
    }

    public void failed(String realm, String typed, String remoteAddr) {
        db.sql("insert into sign_in_failure (realm, subject, failed_at, remote_addr) values (:r, :s, :t, :a)")
                .param("r", realm).param("s", stored(realm, typed)).param("t", at(clock.instant())).param("a", remoteAddr)
                .update();
    }

    public void succeeded(String realm, String typed) {
        db.sql("delete from sign_in_failure where realm = :r and subject = :s")
                .param("r", realm).param("s", stored(realm, typed)).update();
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
