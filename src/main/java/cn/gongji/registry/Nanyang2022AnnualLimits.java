package cn.gongji.registry;

import cn.gongji.common.Money;
import java.time.LocalDate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Stand-in until PolicyBook is merged: POLICY.md §3, in force from 2022-07-01 — in-service
 * 1500.00, retired 2000.00. Before that date there was no outpatient pooling benefit (limit 0).
 */
@Configuration(proxyBeanMethods = false)
class Nanyang2022AnnualLimits {

    static final LocalDate IN_FORCE_FROM = LocalDate.of(2022, 7, 1);

    @Bean
    AnnualLimits annualLimits() {
        return (status, on) -> on.isBefore(IN_FORCE_FROM) ? Money.ZERO
                : switch (status) {
                    case IN_SERVICE -> Money.of("1500.00");
                    case RETIRED -> Money.of("2000.00");
                };
    }
}
