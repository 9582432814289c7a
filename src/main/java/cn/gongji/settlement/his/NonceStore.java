package cn.gongji.settlement.his;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Nonces seen within the signature window. A nonce is remembered until its request's timestamp
 * plus the window: after that the timestamp check alone refuses a replay. In memory, so it guards
 * one service instance; several instances behind a balancer would need a shared store (e.g. a
 * table with a unique key) — documented in docs/protocol.md.
 */
final class NonceStore {

    private static final int SWEEP_EVERY = 1024;

    private final Map<String, Long> expiry = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** True the first time (institution, nonce) is used before it expires. */
    boolean useOnce(String institution, String nonce, long expiresAtEpochSecond, long nowEpochSecond) {
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
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
}
