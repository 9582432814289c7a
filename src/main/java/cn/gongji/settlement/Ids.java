package cn.gongji.settlement;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Identifiers handed to institutions: a letter, the local time {@code yyyyMMddHHmmss} and 8 digits
 * of a database sequence. Unique because the sequence never repeats; time-ordered within a second's
 * resolution, which helps humans and range scans.
 */
@Component
public class Ids {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final JdbcClient db;
    private final Clock clock;

    public Ids(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public String mdtrtId() {
        return next("M", "mdtrt_seq");
    }

    public String setlId() {
        return next("S", "setl_seq");
    }

    public String signNo() {
        return next("N", "sign_seq");
    }

    private String next(String prefix, String sequence) {
        long n = db.sql("select nextval('" + sequence + "')").query(Long.class).single();
        return prefix + LocalDateTime.now(clock).format(STAMP) + String.format("%08d", n % 100_000_000L);
    }
}
