package cn.gongji.clearing.db;

import cn.gongji.clearing.ClearingRefused;
import com.fasterxml.jackson.annotation.JsonProperty;
import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.PeriodRule;
import cn.gongji.clearing.Statement;
import cn.gongji.store.PersonShards;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Closes periods: each (institution, clr_type, month) in its own transaction — the statement is
 * computed, frozen as JSON, and the rows and recoveries it took are recorded, so they can never land
 * anywhere else. What commits after the close lands in the next open period.
 */
@Service
public class PeriodCloser {

    public record Closed(@JsonProperty("fixmedins_code") String fixmedinsCode, @JsonProperty("clr_type") String clrType,
            String month, java.math.BigDecimal payable, long rows) {
        static Closed of(PeriodKey p, java.math.BigDecimal payable, long rows) {
            return new Closed(p.fixmedinsCode(), p.clrType(), p.month().toString(), payable, rows);
        }

        public String period() {
            return fixmedinsCode + "/" + clrType + "/" + month;
        }
    }

    public record Failed(@JsonProperty("fixmedins_code") String fixmedinsCode, @JsonProperty("clr_type") String clrType,
            String reason) {
        public String period() {
            return fixmedinsCode + "/" + clrType;
        }
    }

    public record Summary(String month, List<Closed> closed, @JsonProperty("already_closed") int alreadyClosed,
            List<Failed> failed) {
        public String describe() {
            java.math.BigDecimal total = closed.stream().map(Closed::payable).reduce(java.math.BigDecimal.ZERO,
                    java.math.BigDecimal::add);
            return "清算期 " + month + "：关闭 " + closed.size() + " 个，已关闭 " + alreadyClosed + " 个，失败 " + failed.size()
                    + " 个，本次关闭应付合计 " + total + " / period " + month + ": closed " + closed.size() + ", already closed "
                    + alreadyClosed + ", failed " + failed.size() + ", payable of those closed now " + total;
        }
    }

    private final StatementService statements;
    private final ItemStore items;
    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final PersonShards shards;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public PeriodCloser(StatementService statements, ItemStore items, JdbcClient db, JdbcTemplate jdbc,
            PersonShards shards, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.shards = shards;
        this.statements = statements;
        this.items = items;
        this.db = db;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The periods of a month to close: each institution's own clearing type, and any other type it has
     * rows of. The statement reads institution (reference data, on every node) and settlement, so it
     * runs on every node holding persons; the union of the answers is the list.
     */
    public List<PeriodKey> periodsOf(YearMonth month, String onlyInstitution) {
        Map<String, Object> params = new HashMap<>();
        params.put("only", onlyInstitution);
        params.put("to", ItemStore.ts(items.start(month.plusMonths(1))));
        Set<List<String>> keys = new TreeSet<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        keys.addAll(shards.query("""
                select i.fixmedins_code, c.clr_type from institution i
                cross join (values ('11'), ('41')) c (clr_type)
                where (cast(:only as text) is null or i.fixmedins_code = :only)
                  and (c.clr_type = case i.kind when 'pharmacy' then '41' else '11' end
                       or exists (select 1 from settlement s where s.fixmedins_code = i.fixmedins_code
                                  and s.clr_type = c.clr_type and s.setl_time < :to))
                """, params, (rs, n) -> List.of(rs.getString(1), rs.getString(2))));
        return keys.stream().map(k -> new PeriodKey(k.get(0), k.get(1), month)).toList();
    }

    public Summary closeMonth(YearMonth month, String onlyInstitution, String actor, Consumer<String> progress) {
        refuseIfNotEnded(month);
        if (onlyInstitution != null && statements.name(onlyInstitution) == null) {
            throw new ClearingRefused("institution", "fixmedins_code", "定点机构 " + onlyInstitution + " 不存在",
                    "institution " + onlyInstitution + " does not exist");
        }
        List<PeriodKey> periods = periodsOf(month, onlyInstitution);
        List<Closed> closed = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        int already = 0;
        int n = 0;
        for (PeriodKey p : periods) {
            n++;
            try {
                Closed c = close(p, actor);
                if (c == null) {
                    already++;
                } else {
                    closed.add(c);
                }
            } catch (ClearingRefused e) {
                failed.add(new Failed(p.fixmedinsCode(), p.clrType(), e.getMessage()));
            } catch (DuplicateKeyException e) {
                already++;
            }
            if (n % 100 == 0 || n == periods.size()) {
                progress.accept("  " + n + "/" + periods.size() + " periods");
            }
        }
        return new Summary(month.toString(), List.copyOf(closed), already, List.copyOf(failed));
    }

    void refuseIfNotEnded(YearMonth month) {
        PeriodRule.whyNotClosable(month, LocalDate.now(clock)).ifPresent(why -> {
            throw new ClearingRefused("not-ended", "month", why.substring(0, why.indexOf(" / ")),
                    why.substring(why.indexOf(" / ") + 3));
        });
    }

    /** Closes one period; null when it was closed already. */
    public Closed close(PeriodKey p, String actor) {
        refuseIfNotEnded(p.month());
        return tx.execute(s -> {
            if (items.closedMonths(p.fixmedinsCode(), p.clrType()).contains(p.month())) {
                return null;
            }
            Statement st = statements.compute(p, true);
            Instant now = clock.instant();
            String frozen = json.writeValueAsString(
                    StatementJson.render(json, st, statements.name(p.fixmedinsCode()), now, items.zone()));
            db.sql("""
                    insert into clearing_period (fixmedins_code, clr_type, month, closed_at, closed_by, payable, statement)
                    values (:i, :c, :m, :at, :by, :p, cast(:s as json))
                    """).param("i", p.fixmedinsCode()).param("c", p.clrType()).param("m", p.month().atDay(1))
                    .param("at", ItemStore.ts(now)).param("by", actor).param("p", st.payable().amount())
                    .param("s", frozen).update();
            // JDBC batches of plain inserts: ShardingSphere cannot bind an insert … select from unnest(…) as x (…)
            java.sql.Date month = java.sql.Date.valueOf(p.month().atDay(1));
            jdbc.batchUpdate("""
                    insert into clearing_item (setl_id, fixmedins_code, clr_type, month, category) values (?, ?, ?, ?, ?)
                    """,
                    st.items().stream().map(l -> new Object[] {l.item().setlId(), p.fixmedinsCode(), p.clrType(), month,
                            l.category().code()}).toList());
            jdbc.batchUpdate("""
                    insert into clearing_deduction (recovery_id, fixmedins_code, clr_type, month) values (?, ?, ?, ?)
                    """,
                    st.recoveries().stream().map(r -> new Object[] {r.recoveryId(), p.fixmedinsCode(), p.clrType(), month})
                            .toList());
            return Closed.of(p, st.payable().amount(), st.items().size());
        });
    }
}
