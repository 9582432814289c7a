package cn.gongji.bench.sim;

import java.time.LocalDateTime;

/**
 * A simulated hospital or pharmacy: its 12-character code, the secret the agency issued, and the
 * msgid sequence. PROTOCOL.md §1: msgid = code (12) + yyyyMMddHHmmss + 4-digit sequence, unique per
 * institution; the sequence restarts every second and a caller waits for the next second rather than
 * reuse a number (so at most 10,000 messages per second per institution).
 */
public final class Institution {

    private final String code;
    private final String secret;
    private final boolean pharmacy;
    private long second = -1;
    private int seq;

    public Institution(String code, String secret, boolean pharmacy) {
        if (code.length() != 12) {
            throw new IllegalArgumentException("institution code must have 12 characters: " + code);
        }
        this.code = code;
        this.secret = secret;
        this.pharmacy = pharmacy;
    }

    public String code() {
        return code;
    }

    public String secret() {
        return secret;
    }

    public boolean pharmacy() {
        return pharmacy;
    }

    synchronized String nextMsgid(LocalDateTime now) {
        LocalDateTime t = now;
        long s = t.toEpochSecond(java.time.ZoneOffset.UTC);
        if (s < second) { // the wall clock stepped back: keep counting in the second we were in
            s = second;
            t = LocalDateTime.ofEpochSecond(second, 0, java.time.ZoneOffset.UTC);
        }
        if (s != second) {
            second = s;
            seq = 0;
        }
        while (seq >= 10_000) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the next msgid second");
            }
            t = LocalDateTime.now(HisClient.ZONE);
            long n = t.toEpochSecond(java.time.ZoneOffset.UTC);
            if (n > second) {
                second = n;
                seq = 0;
            }
        }
        return code + HisClient.MSGID_TIME.format(t) + String.format("%04d", seq++);
    }
}
