package cn.gongji.settlement.his;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces seen within the signature window. A nonce is remembered until its request's timestamp
 * plus the window: after that the timestamp check alone refuses a replay. In memory, so it guards
 * one service instance; several instances behind a balancer would need a shared store (e.g. a
 * table with a unique key) — documented in docs/protocol.md.
 *
 * <p>Expired nonces are swept at most once per {@link #SWEEP_EVERY_SECONDS}, by whichever request
 * comes first after that: the sweep reads the whole map (every nonce of the window, ~rate × 300 s),
 * so sweeping by request count made each request pay a share that grew with the rate.
 */
final class NonceStore {

    static final long SWEEP_EVERY_SECONDS = 10;

    private final Map<String, Long> expiry = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    /** True the first time (institution, nonce) is used before it expires. */
    boolean useOnce(String institution, String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        long due = nextSweep.get();
        if (nowEpochSecond >= due && nextSweep.compareAndSet(due, nowEpochSecond + SWEEP_EVERY_SECONDS)) {
            expiry.values().removeIf(e -> e < nowEpochSecond);
        }
        String key = institution + '\u0000' + nonce;
        Long prior = expiry.putIfAbsent(key, expiresAtEpochSecond);
        if (prior == null) {
            return true;
        }
        if (prior < nowEpochSecond) {
            return expiry.replace(key, prior, expiresAtEpochSecond);
        }
        return false;
    }

    /** Nonces remembered (expired ones not yet swept included). */
    int size() {
        return expiry.size();
    }
}
