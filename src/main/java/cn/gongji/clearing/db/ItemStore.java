package cn.gongji.clearing.db;

import cn.gongji.clearing.Item;
import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.RecoveryLine;
import cn.gongji.common.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads settlement rows and recoveries as clearing sees them. Months are Asia/Shanghai (the clock's zone). */
@Component
public class ItemStore {

    private static final String ITEM_COLUMNS = """
            s.setl_id, s.refd_setl_id, s.mdtrt_id, s.psn_no, s.setl_time, s.medfee_sumamt, s.fund_pay_sumamt,
            s.acct_pay, s.psn_cash_pay, (o.setl_id is not null) origin_frozen, v.dise_codg
            """;

    private final JdbcClient db;
    private final ZoneId zone;

    public ItemStore(JdbcClient db, Clock clock) {
        this.db = db;
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
        return db.sql("select " + ITEM_COLUMNS + """
                from settlement s
                join visit v on v.mdtrt_id = s.mdtrt_id
                left join clearing_item o on o.setl_id = s.refd_setl_id
                where s.fixmedins_code = :i and s.clr_type = :c and s.setl_time >= :from and s.setl_time < :to
                  and not exists (select 1 from clearing_item t where t.setl_id = s.setl_id)
                order by s.setl_time, s.setl_id
                """).param("i", inst).param("c", clrType).param("from", ts(start(from)))
                .param("to", ts(start(to.plusMonths(1)))).query(this::item).list();
    }

    /** The rows a closed statement took. */
    public List<Item> frozen(PeriodKey p) {
        return db.sql("select " + ITEM_COLUMNS + """
                from clearing_item t
                join settlement s on s.setl_id = t.setl_id
                join visit v on v.mdtrt_id = s.mdtrt_id
                left join clearing_item o on o.setl_id = s.refd_setl_id and o.month < t.month
                where t.fixmedins_code = :i and t.clr_type = :c and t.month = :m
                order by s.setl_time, s.setl_id
                """).param("i", p.fixmedinsCode()).param("c", p.clrType()).param("m", p.month().atDay(1))
                .query(this::item).list();
    }

    /** Every row of the institution in [from, to] (dates inclusive), whatever its clearing: for reconciliation. */
    public List<Item> inRange(String inst, String clrType, LocalDate from, LocalDate to) {
        return db.sql("select " + ITEM_COLUMNS + """
                from settlement s
                join visit v on v.mdtrt_id = s.mdtrt_id
                left join clearing_item o on o.setl_id = s.refd_setl_id
                where s.fixmedins_code = :i and (cast(:c as text) is null or s.clr_type = :c)
                  and s.setl_time >= :from and s.setl_time < :to
                order by s.setl_time, s.setl_id
                """).param("i", inst).param("c", clrType).param("from", ts(start(from)))
                .param("to", ts(start(to.plusDays(1)))).query(this::item).list();
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

    private Item item(ResultSet rs, int n) throws SQLException {
        Instant t = rs.getTimestamp("setl_time").toInstant();
        return new Item(rs.getString("setl_id"), rs.getString("refd_setl_id"), rs.getString("mdtrt_id"),
                rs.getString("psn_no"), t, YearMonth.from(t.atZone(zone)), money(rs, "medfee_sumamt"),
                money(rs, "fund_pay_sumamt"), money(rs, "acct_pay"), money(rs, "psn_cash_pay"),
                rs.getBoolean("origin_frozen"), rs.getString("dise_codg"));
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
