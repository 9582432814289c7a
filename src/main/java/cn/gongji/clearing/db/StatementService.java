package cn.gongji.clearing.db;

import cn.gongji.clearing.Item;
import cn.gongji.clearing.MethodEffect;
import cn.gongji.clearing.PaymentMethod;
import cn.gongji.clearing.PeriodKey;
import cn.gongji.clearing.PeriodRule;
import cn.gongji.clearing.RecoveryLine;
import cn.gongji.clearing.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.ObjectMapper;

/** Statements: a closed period's frozen snapshot as stored, an open period's computed from the rows now. */
@Service
public class StatementService {

    private final ItemStore items;
    private final MethodEffects methods;
    private final JdbcClient db;
    private final ObjectMapper json;

    public StatementService(ItemStore items, MethodEffects methods, JdbcClient db, ObjectMapper json) {
        this.items = items;
        this.methods = methods;
        this.db = db;
        this.json = json;
    }

    public Optional<String> frozen(PeriodKey p) {
        return db.sql("select statement from clearing_period where fixmedins_code = :i and clr_type = :c and month = :m")
                .param("i", p.fixmedinsCode()).param("c", p.clrType()).param("m", p.month().atDay(1))
                .query(String.class).optional();
    }

    /** The statement as the API shows it: stored text when closed, computed when open. */
    public String json(PeriodKey p) {
        return frozen(p).orElseGet(() -> json.writeValueAsString(
                StatementJson.render(json, compute(p, false), name(p.fixmedinsCode()), null, items.zone())));
    }

    /** The rows an open period takes now: its own month's and late ones from the closed months just before it. */
    public List<Item> openItems(PeriodKey p, Set<YearMonth> closed) {
        YearMonth from = PeriodRule.earliestLandingIn(p.month(), closed);
        return items.unassigned(p.fixmedinsCode(), p.clrType(), from, p.month());
    }

    public List<RecoveryLine> openRecoveries(PeriodKey p, Set<YearMonth> closed) {
        YearMonth from = PeriodRule.earliestLandingIn(p.month(), closed);
        return items.pendingRecoveries(p.fixmedinsCode(), p.clrType(), from, p.month());
    }

    /** Rows of an outpatient period of the month, closed or open (a scheme's total points). */
    List<Item> itemsOf(String inst, YearMonth month) {
        PeriodKey p = new PeriodKey(inst, "11", month);
        Set<YearMonth> closed = items.closedMonths(inst, "11");
        return closed.contains(month) ? items.frozen(p) : openItems(p, closed);
    }

    /** Computes an open period's statement; {@code closing} fixes point values and refuses what cannot close. */
    public Statement compute(PeriodKey p, boolean closing) {
        Set<YearMonth> closed = items.closedMonths(p.fixmedinsCode(), p.clrType());
        List<Item> rows = openItems(p, closed);
        PaymentMethod method = methods.methodFor(p);
        List<MethodEffect> effects = methods.effects(p, method, rows, inst -> itemsOf(inst, p.month()), closing);
        return Statement.build(p, method.code(), rows, effects, openRecoveries(p, closed));
    }

    public String name(String inst) {
        return db.sql("select fixmedins_name from institution where fixmedins_code = :c").param("c", inst)
                .query(String.class).optional().orElse(null);
    }

    public ItemStore items() {
        return items;
    }
}
