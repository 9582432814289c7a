package cn.gongji.ops;

import cn.gongji.settlement.HisBusinessException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-institution rate limit of the HIS endpoint (one token bucket per authenticated institution,
 * in memory): {@code gongji.his.rate-limit.per-second} (default 2,000) and {@code .burst} (default
 * twice that); 0 turns it off. Checked after authentication, so an unauthenticated caller cannot
 * fill the table with buckets. Over the limit the message is refused with -2 and changes nothing;
 * the HIS retries later (a refused message is not stored, so the same msgid is processed afresh).
 */
@Component
public class HisRateLimit {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanos;
    private volatile double perSecond;
    private volatile double burst;

    @Autowired
    public HisRateLimit(@Value("${gongji.his.rate-limit.per-second:2000}") double perSecond,
            @Value("${gongji.his.rate-limit.burst:0}") double burst) {
        this(perSecond, burst, System::nanoTime);
    }

    HisRateLimit(double perSecond, double burst, LongSupplier nanos) {
        this.nanos = nanos;
        configure(perSecond, burst);
    }

    /** New limits for every institution from now on (buckets start full). burst 0 = twice the rate. */
    public void configure(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst > 0 ? burst : Math.max(1, 2 * perSecond);
        buckets.clear();
    }

    public void admit(String fixmedinsCode) {
        if (perSecond <= 0) {
            return;
        }
        long now = nanos.getAsLong();
        TokenBucket b = buckets.computeIfAbsent(fixmedinsCode, k -> new TokenBucket(perSecond, burst, now));
        if (!b.tryTake(now)) {
            throw new HisBusinessException("RATE_LIMIT", "请求过于频繁（本机构上限每秒 " + Math.round(perSecond)
                    + " 笔），本次未做任何处理，请稍后重试 / too many requests (limit " + Math.round(perSecond)
                    + "/s per institution): nothing was changed, retry later");
        }
    }
}
