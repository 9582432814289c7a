package cn.gongji.console.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per realm and typed name in the database (so every instance of the service
 * and a restart see the same count): {@value #MAX_FAILURES} failures within {@link #WINDOW} lock
 * that name until the oldest of them leaves the window. A success clears the name's failures.
 */
@Component
public class SignInThrottle {

    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient db;
    private final Clock clock;

    public SignInThrottle(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The typed name as it is counted: trimmed, lower case, at most 64 characters. */
    public static String subject(String typed) {
        String s = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    public boolean locked(String realm, String typed) {
        long recent = db.sql("""
                select count(*) from sign_in_failure where realm = :r and subject = :s and failed_at > :since
                """).param("r", realm).param("s", subject(typed)).param("since", at(clock.instant().minus(WINDOW)))
                .query(Long.class).single();
        return recent >= MAX_FAILURES;
    }

    public void failed(String realm, String typed, String remoteAddr) {
        db.sql("insert into sign_in_failure (realm, subject, failed_at, remote_addr) values (:r, :s, :t, :a)")
                .param("r", realm).param("s", subject(typed)).param("t", at(clock.instant())).param("a", remoteAddr)
                .update();
    }

    public void succeeded(String realm, String typed) {
        db.sql("delete from sign_in_failure where realm = :r and subject = :s")
                .param("r", realm).param("s", subject(typed)).update();
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
