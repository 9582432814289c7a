package cn.gongji.clearing.db;

import cn.gongji.clearing.Item;
import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.RecoveryLine;
import cn.gongji.common.Money;
import cn.gongji.store.PersonShards;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads settlement rows and recoveries as clearing sees them. Months are Asia/Shanghai (the clock's zone). */
@Component
public class ItemStore {

    /**
     * The settlement rows, read on every node that holds persons ({@link PersonShards}); whether a row
     * (or its original) was taken by a closed statement is a second statement on the home node's
     * clearing_item, joined in Java. On one node that is the same two statements.
     */
    private static final String ROWS = """
            select s.setl_id, s.refd_setl_id, s.mdtrt_id, s.psn_no, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,
                   s.acct_pay, s.psn_cash_pay, v.dise_codg
            from settlement s
            join visit v on v.mdtrt_id = s.mdtrt_id
            """;

    private static final Comparator<Item> BY_TIME = Comparator.comparing(Item::setlTime).thenComparing(Item::setlId);

    private final JdbcClient db;
    private final PersonShards shards;
    private final ZoneId zone;

    public ItemStore(JdbcClient db, PersonShards shards, Clock clock) {
        this.db = db;
        this.shards = shards;
        this.zone = clock.getZone();
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant start(YearMonth m) {
        return m.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant start(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }

    public Set<YearMonth> closedMonths(String inst, String clrType) {
        return new TreeSet<>(db.sql("select month from clearing_period where fixmedins_code = :i and clr_type = :c")
                .param("i", inst).param("c", clrType)
                .query((rs, n) -> YearMonth.from(rs.getObject(1, LocalDate.class))).list());
    }

    /** Rows not taken by any closed statement whose time lies in [from, to] (months inclusive). */
    public List<Item> unassigned(String inst, String clrType, YearMonth from, YearMonth to) {
        List<Item> rows = rows(ROWS + """
                where s.fixmedins_code = :i and s.clr_type = :c and s.setl_time >= :from and s.setl_time < :to
                """, Map.of("i", inst, "c", clrType, "from", ts(start(from)), "to", ts(start(to.plusMonths(1)))));
        Map<String, YearMonth> taken = takenIn(rows);
        return rows.stream().filter(r -> !taken.containsKey(r.setlId()))
                .map(r -> originFrozen(r, taken, null)).sorted(BY_TIME).toList();
    }

    /** The rows a closed statement took. */
    public List<Item> frozen(PeriodKey p) {
        List<String> ids = db.sql("""
                select setl_id from clearing_item where fixmedins_code = :i and clr_type = :c and month = :m
                """).param("i", p.fixmedinsCode()).param("c", p.clrType()).param("m", p.month().atDay(1))
                .query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Item> rows = rows(ROWS + "where s.setl_id = any(:ids)\n", Map.of("ids", ids.toArray(String[]::new)));
        Map<String, YearMonth> taken = takenIn(rows);
        return rows.stream().map(r -> originFrozen(r, taken, p.month())).sorted(BY_TIME).toList();
    }

    /** Every row of the institution in [from, to] (dates inclusive), whatever its clearing: for reconciliation. */
    public List<Item> inRange(String inst, String clrType, LocalDate from, LocalDate to) {
        Map<String, Object> params = new HashMap<>(Map.of("i", inst, "from", ts(start(from)),
                "to", ts(start(to.plusDays(1)))));
        params.put("c", clrType);
        List<Item> rows = rows(ROWS + """
                where s.fixmedins_code = :i and (cast(:c as text) is null or s.clr_type = :c)
                  and s.setl_time >= :from and s.setl_time < :to
                """, params);
        Map<String, YearMonth> taken = takenIn(rows);
        return rows.stream().map(r -> originFrozen(r, taken, null)).sorted(BY_TIME).toList();
    }

    private List<Item> rows(String sql, Map<String, ?> params) {
        return shards.query(sql, params, this::item);
    }

    /** The month of the closed statement that took each of these rows or their originals (home node). */
    private Map<String, YearMonth> takenIn(List<Item> rows) {
        Set<String> ids = new HashSet<>();
        for (Item r : rows) {
            ids.add(r.setlId());
            if (r.refdSetlId() != null) {
                ids.add(r.refdSetlId());
            }
        }
        Map<String, YearMonth> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        db.sql("select setl_id, month from clearing_item where setl_id = any(:ids)")
                .param("ids", ids.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), YearMonth.from(rs.getObject(2, LocalDate.class)))).list();
        return out;
    }

    /** A reversal whose original a closed statement took ({@code before}: in a month before that one). */
    private static Item originFrozen(Item r, Map<String, YearMonth> taken, YearMonth before) {
        YearMonth origin = r.refdSetlId() == null ? null : taken.get(r.refdSetlId());
        boolean frozen = origin != null && (before == null || origin.isBefore(before));
        return new Item(r.setlId(), r.refdSetlId(), r.mdtrtId(), r.psnNo(), r.setlTime(), r.naturalMonth(), r.medfeeSumamt(),
                r.fundPaySumamt(), r.acctPay(), r.psnCashPay(), frozen, r.diseCodg());
    }

    /** Recoveries not deducted by any closed statement, entered in [from, to] (months inclusive). */
    public List<RecoveryLine> pendingRecoveries(String inst, String clrType, YearMonth from, YearMonth to) {
        return db.sql("""
                select r.recovery_id, r.setl_id, r.amount, r.reason, r.source, r.created_at from clearing_recovery r
                where r.fixmedins_code = :i and r.clr_type = :c and r.created_at >= :from and r.created_at < :to
                  and not exists (select 1 from clearing_deduction d where d.recovery_id = r.recovery_id)
                order by r.recovery_id
                """).param("i", inst).param("c", clrType).param("from", ts(start(from)))
                .param("to", ts(start(to.plusMonths(1)))).query(ItemStore::recovery).list();
    }

    public List<RecoveryLine> deducted(PeriodKey p) {
        return db.sql("""
                select r.recovery_id, r.setl_id, r.amount, r.reason, r.source, r.created_at from clearing_recovery r
                join clearing_deduction d on d.recovery_id = r.recovery_id
                where d.fixmedins_code = :i and d.clr_type = :c and d.month = :m
                order by r.recovery_id
                """).param("i", p.fixmedinsCode()).param("c", p.clrType()).param("m", p.month().atDay(1))
                .query(ItemStore::recovery).list();
    }

    /** A row as read; {@code originFrozen} is filled in from the home node afterwards. */
    private Item item(ResultSet rs, int n) throws SQLException {
        Instant t = rs.getTimestamp("setl_time").toInstant();
        return new Item(rs.getString("setl_id"), rs.getString("refd_setl_id"), rs.getString("mdtrt_id"),
                rs.getString("psn_no"), t, YearMonth.from(t.atZone(zone)), money(rs, "medfee_sumamt"),
                money(rs, "fund_pay_sumamt"), money(rs, "acct_pay"), money(rs, "psn_cash_pay"),
                false, rs.getString("dise_codg"));
    }

    private static RecoveryLine recovery(ResultSet rs, int n) throws SQLException {
        return new RecoveryLine(rs.getLong(1), rs.getString(2), Money.of(rs.getBigDecimal(3)), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant());
    }

    private static Money money(ResultSet rs, String col) throws SQLException {
        return Money.of(rs.getBigDecimal(col));
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
