package cn.gongji.registry;

import cn.gongji.benefit.StatusChange;
import cn.gongji.benefit.StatusHistory;
import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyBook;
import cn.gongji.policy.db.PolicyStore;
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

/** Read-only view of a person's pooling usage in a year against the annual limit. */
@Service
public class LedgerQueries {

    private final JdbcClient db;
    private final PersonService persons;
    private final PolicyStore policies;
    private final Clock clock;

    public LedgerQueries(JdbcClient db, PersonService persons, PolicyStore policies, Clock clock) {
        this.db = db;
        this.persons = persons;
        this.policies = policies;
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
        PersonStatus status = statusOn(persons.statusHistory(psnNo), on);
        Money paid = db.sql("select pool_paid from year_accumulator where psn_no = :p and year = :y")
                .param("p", psnNo).param("y", year)
                .query(BigDecimal.class).optional().map(Money::of).orElse(Money.ZERO);
        Money limit = annualLimit(status, on);
        return new Accumulators(year, paid.amount(), limit.amount(), limit.minus(paid).atLeastZero().amount(),
                status.code(), on);
    }

    /** The status in force on a date, by the one rule of {@link StatusHistory} (next-month rule). */
    static PersonStatus statusOn(List<StatusEntry> history, LocalDate d) {
        List<StatusChange> changes = history.stream()
                .map(e -> new StatusChange(PersonStatus.fromCode(e.status()), e.processedDate(), e.seq() == 0))
                .toList();
        return StatusHistory.statusOn(changes, d);
    }

    /** No outpatient pooling before the first policy version (2022-07-01): the limit is then 0. */
    private Money annualLimit(PersonStatus status, LocalDate on) {
        try {
            return policies.book().inForceOn(on).annualLimit(status);
        } catch (PolicyBook.NoPolicyInForce e) {
            return Money.ZERO;
        }
    }

    public static void checkYear(int year) {
        if (year < 2000 || year > 2100) {
            throw AgencyProblem.invalid("year", "应为 2000 到 2100 之间的年份", "must be a year from 2000 to 2100");
        }
    }
}
