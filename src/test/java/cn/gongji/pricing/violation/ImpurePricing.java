package cn.gongji.pricing.violation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Breaks every pure-core rule on purpose. It sits in the {@code cn.gongji.pricing..} namespace but
 * under test sources, so only {@code PureCoreArchitectureTest}'s canary imports it: each rule must
 * report it, which proves the rules would catch the same thing in main code.
 */
public class ImpurePricing {

    double ratio = 0.5;
    Float share;
    JdbcClient db;
    tools.jackson.databind.JsonNode json;
    java.net.URI uri;
    javax.sql.DataSource dataSource;
    java.sql.Connection connection;

    long stamp() {
        return System.currentTimeMillis() + Instant.now().getEpochSecond();
    }

    LocalDate today() {
        return LocalDate.now();
    }

    LocalDateTime clockTime() {
        return LocalDateTime.now(Clock.systemDefaultZone());
    }

    BigDecimal fromDouble() {
        return new BigDecimal(0.1).add(BigDecimal.valueOf(0.2));
    }
}
