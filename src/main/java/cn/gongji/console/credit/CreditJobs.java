package cn.gongji.console.credit;

import cn.gongji.account.db.CreditRun;
import cn.gongji.account.db.CreditSummary;
import cn.gongji.account.EntryKind;
import cn.gongji.account.MonthlyCredit;
import cn.gongji.policy.PolicyBook;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monthly credit runs started from the console, one at a time per service instance, on a virtual
 * thread. Progress is read while it runs: the persons registered, the credits of the month already
 * committed (each chunk of {@link CreditRun} commits on its own, so this grows as it goes), and the
 * run's own progress lines. The run itself is exactly-once per person-month, so a second run on
 * another instance, or from the command line, credits nobody twice.
 */
@Component
public class CreditJobs {

    private static final Logger log = LoggerFactory.getLogger(CreditJobs.class);

    public enum State { RUNNING, DONE, FAILED }

    public record Job(long id, String month, String startedBy, Instant startedAt, long persons, State state,
            List<String> lines, CreditSummary summary, String error, Instant finishedAt) {}

    /** What the progress endpoint answers. */
    public record Progress(long id, String month, String startedBy, Instant startedAt, State state, long persons,
            long creditedSoFar, List<String> lines, CreditSummary summary, String error, Instant finishedAt) {}

    public sealed interface Start permits Started, AlreadyRunning, NoPolicy, NotBegun {}

    public record Started(long id) implements Start {}

    public record AlreadyRunning(String month) implements Start {}

    public record NoPolicy(String earliest) implements Start {}

    /** The month has not begun (the current month named). */
    public record NotBegun(String current) implements Start {}

    private final CreditRun run;
    private final JdbcClient db;
    private final Clock clock;
    private final AtomicReference<Job> current = new AtomicReference<>();
    private long nextId = 1;

    public CreditJobs(CreditRun run, JdbcClient db, Clock clock) {
        this.run = run;
        this.db = db;
        this.clock = clock;
    }

    public synchronized Start start(YearMonth month, String actor) {
        Job j = current.get();
        if (j != null && j.state() == State.RUNNING) {
            return new AlreadyRunning(j.month());
        }
        try {
            run.checkMonth(month);
        } catch (CreditRun.MonthNotBegun e) {
            return new NotBegun(e.current().toString());
        } catch (PolicyBook.NoPolicyInForce e) {
            return new NoPolicy(e.earliest().toString());
        }
        long persons = db.sql("select count(*) from person").query(Long.class).single();
        long id = nextId++;
        Job job = new Job(id, month.toString(), actor, clock.instant(), persons, State.RUNNING, List.of(), null, null, null);
        current.set(job);
        Thread.ofVirtual().name("console-credit-" + month).start(() -> execute(job, month, actor));
        return new Started(id);
    }

    private void execute(Job job, YearMonth month, String actor) {
        List<String> lines = new ArrayList<>();
        try {
            CreditSummary s = run.run(month, "console:" + actor, line -> {
                synchronized (lines) {
                    lines.add(line);
                }
                current.updateAndGet(j -> j.id() == job.id() ? withLines(j, lines) : j);
            });
            log.info("console: {} by {}", s.describe(), actor);
            current.updateAndGet(j -> j.id() == job.id() ? new Job(j.id(), j.month(), j.startedBy(), j.startedAt(),
                    j.persons(), State.DONE, j.lines(), s, null, clock.instant()) : j);
        } catch (RuntimeException e) {
            log.error("console: credit {} failed", month, e);
            current.updateAndGet(j -> j.id() == job.id() ? new Job(j.id(), j.month(), j.startedBy(), j.startedAt(),
                    j.persons(), State.FAILED, j.lines(), null, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    clock.instant()) : j);
        }
    }

    private static Job withLines(Job j, List<String> lines) {
        synchronized (lines) {
            return new Job(j.id(), j.month(), j.startedBy(), j.startedAt(), j.persons(), j.state(), List.copyOf(lines),
                    j.summary(), j.error(), j.finishedAt());
        }
    }

    /** The latest job started here (running or finished), with the committed credits of its month. */
    public Optional<Progress> latest() {
        Job j = current.get();
        if (j == null) {
            return Optional.empty();
        }
        long credited = db.sql("select count(*) from account_entry where kind = :k and ref = :m")
                .param("k", EntryKind.CREDIT.code()).param("m", MonthlyCredit.ref(YearMonth.parse(j.month())))
                .query(Long.class).single();
        return Optional.of(new Progress(j.id(), j.month(), j.startedBy(), j.startedAt(), j.state(), j.persons(), credited,
                j.lines(), j.summary(), j.error(), j.finishedAt()));
    }
}
