package cn.gongji.account.run;

import cn.gongji.account.db.FamilyAid;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The recovery of family mutual aid (docs/accounts.md "Family mutual aid across shards"): at
 * start-up and then every {@code gongji.accounts.family.sweep-every} (default 30 s), reservations
 * still open after {@code gongji.accounts.family.recovery-after} (default 1 min) are confirmed or
 * released as their settlement ended, and unbooked holder refunds of cancels are booked. Every
 * instance may run it; it does nothing twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class FamilyRecoverySchedule {

    private static final Logger log = LoggerFactory.getLogger(FamilyRecoverySchedule.class);

    private final FamilyAid family;
    private final Clock clock;

    FamilyRecoverySchedule(FamilyAid family, Clock clock) {
        this.family = family;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT0S", fixedDelayString = "${gongji.accounts.family.sweep-every:PT30S}")
    void sweep() {
        try {
            FamilyAid.Sweep s = family.sweep(clock.instant());
            if (s.total() > 0 || s.failed() > 0) {
                log.warn("family mutual aid recovery: {} reservations confirmed, {} released, {} cancel refunds booked, {} failed"
                        + " (left open by a crash or a lost connection)", s.confirmed(), s.released(), s.refunded(), s.failed());
            }
        } catch (RuntimeException e) {
            log.warn("family mutual aid recovery sweep failed, next run in the usual interval: {}", e.toString());
        }
    }
}
