package cn.gongji.supervision.run;

import cn.gongji.supervision.db.IndicatorRun;
import cn.gongji.supervision.db.Scanner;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The after-the-fact jobs of the service: each night the scan of the last
 * {@code gongji.supervision.scan-days} days of care (default 8: a settlement may be backdated up to
 * 7 days), and on the 2nd of each month the indicators of the month before. "-" disables a cron.
 * Both are idempotent, so several instances or a manual run create nothing twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class SupervisionSchedule {

    private static final Logger log = LoggerFactory.getLogger(SupervisionSchedule.class);

    private final Scanner scanner;
    private final IndicatorRun indicators;
    private final Clock clock;
    private final int scanDays;

    SupervisionSchedule(Scanner scanner, IndicatorRun indicators, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${gongji.supervision.scan-days:8}") int scanDays) {
        this.scanner = scanner;
        this.indicators = indicators;
        this.clock = clock;
        this.scanDays = scanDays;
    }

    @Scheduled(cron = "${gongji.supervision.scan-cron:0 30 2 * * *}", zone = "${gongji.zone:Asia/Shanghai}")
    void scanRecentDays() {
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        log.info(scanner.scan(yesterday.minusDays(scanDays - 1L), yesterday, log::info).describe());
    }

    @Scheduled(cron = "${gongji.supervision.indicator-cron:0 0 3 2 * *}", zone = "${gongji.zone:Asia/Shanghai}")
    void indicatorsOfLastMonth() {
        log.info(indicators.run(YearMonth.now(clock).minusMonths(1)).describe());
    }
}
