package cn.gongji.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.settlement.HisBusinessException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void a_full_bucket_allows_its_burst_then_one_token_per_refill_interval() {
        TokenBucket b = new TokenBucket(10, 3, 0);
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.tryTake(99_000_000L)).as("0.99 tokens after 99 ms").isFalse();
        assertThat(b.tryTake(100_000_000L)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).isTrue();
        assertThat(b.tryTake(10_000_000_000L)).as("never more than the burst").isFalse();
    }

    @Test
    void institutions_have_their_own_buckets_and_the_refusal_says_why_in_chinese_and_english() {
        AtomicLong now = new AtomicLong();
        HisRateLimit limit = new HisRateLimit(1, 1, now::get);
        limit.admit("A");
        limit.admit("B");
        assertThatThrownBy(() -> limit.admit("A")).isInstanceOf(HisBusinessException.class)
                .hasMessageContaining("请求过于频繁").hasMessageContaining("too many requests");
        now.addAndGet(1_000_000_000L);
        limit.admit("A");
    }

    @Test
    void a_rate_of_zero_turns_the_limit_off() {
        HisRateLimit limit = new HisRateLimit(0, 0, () -> 0L);
        for (int i = 0; i < 10_000; i++) {
            limit.admit("A");
        }
    }
}
