package cn.gongji.ops;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}. Time comes in as
 * nanoseconds from the caller, so the arithmetic is plain and testable. Thread-safe.
 */
public final class TokenBucket {

    private final double perNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(double perSecond, double burst, long nowNanos) {
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryTake(long nowNanos) {
        if (nowNanos > last) {
            tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
