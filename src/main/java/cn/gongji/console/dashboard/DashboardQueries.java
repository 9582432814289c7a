package cn.gongji.console.dashboard;

import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyBook;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.store.PersonShards;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboard's figures, each aggregated from the settlement rows when asked (never from a
 * shared running total, ARCHITECTURE.md). Days are business-zone days of {@code setl_time}; a
 * cancellation counts on the day it happened, with its negative amounts (so a day's fund payment is
 * what left the fund that day, net). Every figure is read on each node that holds persons
 * ({@link PersonShards}) and the nodes' answers are added here, so one node and N nodes agree.
 */
@Service
public class DashboardQueries {

    public record Day(LocalDate date, long settlements, long cancellations, BigDecimal fundPay, BigDecimal medfee,
            BigDecimal acctPay) {

        Day plus(Day o) {
            return new Day(date, settlements + o.settlements, cancellations + o.cancellations, fundPay.add(o.fundPay),
                    medfee.add(o.medfee), acctPay.add(o.acctPay));
        }
    }

    public record Group(String key, String name, long settlements, BigDecimal fundPay, BigDecimal medfee) {

        Group plus(Group o) {
            return new Group(key, name, settlements + o.settlements, fundPay.add(o.fundPay), medfee.add(o.medfee));
        }
    }

    public record Bucket(String key, long persons) {}

    private final PersonShards shards;
    private final Clock clock;
    private final PolicyStore policies;

    public DashboardQueries(PersonShards shards, Clock clock, PolicyStore policies) {
        this.shards = shards;
        this.clock = clock;
        this.policies = policies;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private OffsetDateTime startOf(LocalDate d) {
        return d.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    /** The last {@code days} days up to today, every day present (zeros where nothing happened). */
    @Transactional(readOnly = true)
    public List<Day> byDay(int days) {
        LocalDate last = today();
        LocalDate first = last.minusDays(days - 1L);
        Map<LocalDate, Day> found = new LinkedHashMap<>();
        shards.query("""
                select (setl_time at time zone :zone)::date as d,
                       count(*) filter (where refd_setl_id is null), count(*) filter (where refd_setl_id is not null),
                       coalesce(sum(hifp_pay), 0), coalesce(sum(medfee_sumamt), 0), coalesce(sum(acct_pay), 0)
                from settlement where setl_time >= :a and setl_time < :b
                group by 1
                """, Map.of("zone", clock.getZone().getId(), "a", startOf(first), "b", startOf(last.plusDays(1))),
                (rs, i) -> new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)))
                .forEach(d -> found.merge(d.date(), d, Day::plus));
        List<Day> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            out.add(found.getOrDefault(d, new Day(d, 0, 0, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2))));
        }
        return out;
    }

    /** By the level the settlement was priced at (L1..L3), pharmacies and unpooled settlements apart. */
    @Transactional(readOnly = true)
    public List<Group> byLevel(int days) {
        Map<String, Group> out = new TreeMap<>();
        shards.query("""
                select coalesce(s.level, case when i.kind = 'pharmacy' then 'pharmacy' else 'none' end) as k,
                       count(*) filter (where s.refd_setl_id is null), coalesce(sum(s.hifp_pay), 0),
                       coalesce(sum(s.medfee_sumamt), 0)
                from settlement s join institution i on i.fixmedins_code = s.fixmedins_code
                where s.setl_time >= :a
                group by 1
                """, Map.of("a", startOf(today().minusDays(days - 1L))),
                (rs, i) -> new Group(rs.getString(1), rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)))
                .forEach(g -> out.merge(g.key(), g, Group::plus));
        return List.copyOf(out.values());
    }

    /** Each node sums its own rows per institution; the top n are chosen after adding the nodes' sums. */
    @Transactional(readOnly = true)
    public List<Group> topInstitutions(int days, int n) {
        Map<String, Group> all = new LinkedHashMap<>();
        shards.query("""
                select s.fixmedins_code, i.fixmedins_name, count(*) filter (where s.refd_setl_id is null),
                       coalesce(sum(s.hifp_pay), 0), coalesce(sum(s.medfee_sumamt), 0)
                from settlement s join institution i on i.fixmedins_code = s.fixmedins_code
                where s.setl_time >= :a
                group by s.fixmedins_code, i.fixmedins_name
                """, Map.of("a", startOf(today().minusDays(days - 1L))),
                (rs, i) -> new Group(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5)))
                .forEach(g -> all.merge(g.key(), g, Group::plus));
        return all.values().stream().sorted(Comparator.comparing(Group::fundPay).reversed().thenComparing(Group::key))
                .limit(n).toList();
    }

    /**
     * How much of this year's annual limit persons have used, in tenths: "none" (nothing paid by
     * the fund this year, including persons without an accumulator row), "0".."9" (0–10 %, ...,
     * 90–100 %) and "full". The limit is the one of the status in force today; the SQL reads the
     * status history with the rule of {@link cn.gongji.benefit.StatusHistory} (a change processed in
     * a month is in force from the first day of the next month; seq 0 from the start).
     */
    @Transactional(readOnly = true)
    public List<Bucket> limitUsage() {
        LocalDate today = today();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("none", 0L);
        for (int i = 0; i < 10; i++) {
            counts.put(String.valueOf(i), 0L);
        }
        counts.put("full", 0L);
        PolicyVersion policy;
        try {
            policy = policies.book().inForceOn(today);
        } catch (PolicyBook.NoPolicyInForce e) {
            return counts.entrySet().stream().map(x -> new Bucket(x.getKey(), x.getValue())).toList();
        }
        long persons = shards.query("select count(*) from person", Map.of(), (rs, i) -> rs.getLong(1)).stream()
                .mapToLong(Long::longValue).sum();
        long used = 0;
        List<Bucket> rows = shards.query("""
                with st as (
                    select distinct on (ps.psn_no) ps.psn_no, ps.status
                    from person_status ps
                    join year_accumulator a on a.psn_no = ps.psn_no and a.year = :y and a.pool_paid > 0
                    where ps.seq = 0 or ps.processed_date < :month_start
                    order by ps.psn_no, ps.seq desc
                ), u as (
                    select a.pool_paid / nullif(case st.status when 'retired' then :lr else :li end, 0) as share
                    from year_accumulator a join st on st.psn_no = a.psn_no
                    where a.year = :y and a.pool_paid > 0
                )
                select case when share is null or share >= 1 then 'full' else floor(share * 10)::int::text end, count(*)
                from u group by 1
                """, Map.of("y", today.getYear(), "month_start", today.withDayOfMonth(1),
                        "lr", policy.annualLimit(PersonStatus.RETIRED).amount(),
                        "li", policy.annualLimit(PersonStatus.IN_SERVICE).amount()),
                (rs, i) -> new Bucket(rs.getString(1), rs.getLong(2)));
        for (Bucket b : rows) {
            counts.merge(b.key(), b.persons(), Long::sum);
            used += b.persons();
        }
        counts.put("none", Math.max(0, persons - used));
        return counts.entrySet().stream().map(x -> new Bucket(x.getKey(), x.getValue())).toList();
    }
}
