package cn.gongji.registry;

import cn.gongji.common.Money;
import cn.gongji.registry.Views.Accumulators;
import cn.gongji.registry.Views.StatusEntry;
import cn.gongji.web.AgencyProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read-only views of a person's money: the personal account and the year's pooling usage. */
@Service
public class LedgerQueries {

    private final JdbcClient db;
    private final PersonService persons;
    private final AnnualLimits limits;
    private final Clock clock;

    public LedgerQueries(JdbcClient db, PersonService persons, AnnualLimits limits, Clock clock) {
        this.db = db;
        this.persons = persons;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * The limit is the one of the status in force on Dec 31 of the year, or today for the current
     * (and any later) year: min(today, Dec 31).
     */
    @Transactional(readOnly = true)
    public Accumulators accumulators(String psnNo, int year) {
        persons.requirePerson(psnNo);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = LocalDate.of(year, 12, 31);
        if (today.isBefore(on)) {
            on = today;
        }
        Status status = statusOn(persons.statusHistory(psnNo), on);
        Money paid = db.sql("select pool_paid from year_accumulator where psn_no = :p and year = :y")
                .param("p", psnNo).param("y", year)
                .query(BigDecimal.class).optional().map(Money::of).orElse(Money.ZERO);
        Money limit = limits.annualLimit(status, on);
        return new Accumulators(year, paid.amount(), limit.amount(), limit.minus(paid).atLeastZero().amount(),
                status.code, on);
    }

    static Status statusOn(List<StatusEntry> history, LocalDate d) {
        String code = history.getFirst().status();
        for (StatusEntry e : history) {
            if (e.inForceFrom() == null || !e.inForceFrom().isAfter(d)) {
                code = e.status();
            }
        }
        return Status.ofCode(code).orElseThrow();
    }

    public static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw AgencyProblem.invalid("year", "应为 2000 到 2100 之间的年份", "must be a year from 2000 to 2100");
        }
    }
}
