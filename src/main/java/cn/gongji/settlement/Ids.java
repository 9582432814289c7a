package cn.gongji.settlement;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Identifiers handed to institutions: a letter, the local time {@code yyyyMMddHHmmss} and 8 digits
 * of a database sequence. Unique because the sequence never repeats; time-ordered within a second's
 * resolution, which helps humans and range scans.
 *
 * <p>The sequences step by {@link #BLOCK} (V011): one {@code nextval} reserves the numbers
 * n .. n+BLOCK-1 for this instance, handed out from memory, so a settlement needs no round trip
 * for its id. Another instance or a restart takes another block; unused numbers are skipped.
 */
@Component
public class Ids {

    static final int BLOCK = 100;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final JdbcClient db;
    private final Clock clock;
    private final Block mdtrt = new Block("mdtrt_seq");
    private final Block setl = new Block("setl_seq");
    private final Block sign = new Block("sign_seq");

    public Ids(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public String mdtrtId() {
        return format("M", mdtrt.next());
    }

    public String setlId() {
        return format("S", setl.next());
    }

    public String signNo() {
        return format("N", sign.next());
    }

    private String format(String prefix, long n) {
        return prefix + LocalDateTime.now(clock).format(STAMP) + eightDigits(n % 100_000_000L);
    }

    /** {@code String.format("%08d", v)} without parsing a format per id (one per settlement). */
    static String eightDigits(long v) {
        if (v < 0) {
            return String.format("%08d", v);
        }
        String d = Long.toString(v);
        return d.length() >= 8 ? d : "00000000".substring(d.length()) + d;
    }

    /** The numbers of one sequence reserved by this instance and not yet handed out. */
    private final class Block {
        private final String sequence;
        private final ReentrantLock lock = new ReentrantLock();   // not synchronized: virtual threads wait here
        private long next;
        private long end;

        Block(String sequence) {
            this.sequence = sequence;
        }

        long next() {
            lock.lock();
            try {
                if (next == end) {
                    next = db.sql("select nextval('" + sequence + "')").query(Long.class).single();
                    end = next + BLOCK;
                }
                return next++;
            } finally {
                lock.unlock();
            }
        }
    }
}
