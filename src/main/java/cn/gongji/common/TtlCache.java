package cn.gongji.common;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A small in-memory cache of reference rows (institutions, catalog entries and limits) for the HIS paths:
 * an entry lives {@code ttl} (setting {@code gongji.cache.reference-ttl}); this instance evicts it
 * at once when the agency API changes the row, other instances see the change within the ttl
 * (docs/decisions.md). Only rows found are kept: a code registered a moment
 * ago is never answered "unknown" from the cache. A ttl of zero turns caching off.
 */
public final class TtlCache<K, V> {

    private static final int MAX_ENTRIES = 200_000;

    private record Held<V>(V value, long expiresAt) {}

    private final Map<K, Held<V>> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoTime;

    public TtlCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The value held and not expired, or null. */
    public V get(K key) {
        Held<V> h = entries.get(key);
        if (h == null) {
            return null;
        }
        if (nanoTime.getAsLong() - h.expiresAt() >= 0) {
            entries.remove(key, h);
            return null;
        }
        return h.value();
    }

    public void put(K key, V value) {
        if (ttlNanos <= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Held<>(value, nanoTime.getAsLong() + ttlNanos));
    }

    public void evict(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }
}
