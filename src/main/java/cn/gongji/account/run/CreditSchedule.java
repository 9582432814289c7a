package cn.gongji.account.run;

import cn.gongji.account.db.CreditRun;
import cn.gongji.account.db.CreditSummary;
import cn.gongji.policy.PolicyBook;
import java.time.Clock;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The monthly credit as a scheduled job of the service (not of command-line runs): by default at
 * 01:00 on the 1st, crediting the month that begins (setting {@code gongji.accounts.credit-cron},
 * "-" disables it). Running it on several instances, or again by hand, credits nothing twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class CreditSchedule {

    private static final Logger log = LoggerFactory.getLogger(CreditSchedule.class);

    private final CreditRun run;
    private final Clock clock;

    CreditSchedule(CreditRun run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    @Scheduled(cron = "${gongji.accounts.credit-cron:0 0 1 1 * *}", zone = "${gongji.zone:Asia/Shanghai}")
    void creditTheNewMonth() {
        YearMonth month = YearMonth.now(clock);
        try {
            CreditSummary s = run.run(month, "scheduler", log::info);
            log.info(s.describe());
            if (s.failed() > 0) {
                log.warn("credit {}: {} persons failed, first: {}", month, s.failed(), s.failures());
            }
        } catch (PolicyBook.NoPolicyInForce e) {
            log.error("credit {} not run: {}", month, e.getMessage());
        }
    }
}
