package cn.gongji.clearing.db;

import cn.gongji.clearing.PaymentMethod;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of agreements, enrolments and score schemes: what a period's payment method needs. */
@Component
public class MethodStore {

    private final JdbcClient db;
    private final Clock clock;

    public MethodStore(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The method in force for the institution in the month; fee-for-service without an agreement. */
    public PaymentMethod methodFor(String inst, YearMonth month) {
        return db.sql("""
                select method, capita_amount, surplus_keep_rate, overspend_share_rate, scheme_code
                from clearing_agreement
                where fixmedins_code = :i and valid_from <= :m and (valid_to is null or valid_to >= :m)
                order by agreement_id desc limit 1
                """).param("i", inst).param("m", month.atDay(1)).query((rs, n) -> switch (rs.getString(1)) {
                    case "capitation" -> (PaymentMethod) new PaymentMethod.Capitation(Money.of(rs.getBigDecimal(2)),
                            rs.getBigDecimal(3), rs.getBigDecimal(4));
                    case "disease_score" -> new PaymentMethod.DiseaseScore(rs.getString(5));
                    default -> new PaymentMethod.FeeForService();
                }).optional().orElse(new PaymentMethod.FeeForService());
    }

    public Set<String> enrolled(String inst, YearMonth month) {
        return new HashSet<>(db.sql("""
                select psn_no from clearing_enrolment
                where fixmedins_code = :i and begin_month <= :m and (end_month is null or end_month >= :m)
                """).param("i", inst).param("m", month.atDay(1)).query(String.class).list());
    }

    public Map<String, BigDecimal> scores(String scheme) {
        Map<String, BigDecimal> m = new HashMap<>();
        db.sql("select dise_codg, score from score_scheme_disease where scheme_code = :s").param("s", scheme)
                .query((rs, n) -> m.put(rs.getString(1), rs.getBigDecimal(2))).list();
        return m;
    }

    public Optional<Money> budget(String scheme, YearMonth month) {
        return db.sql("select budget from score_scheme_budget where scheme_code = :s and month = :m")
                .param("s", scheme).param("m", month.atDay(1)).query(BigDecimal.class).optional().map(Money::of);
    }

    public record FixedValue(Money budget, BigDecimal totalPoints, BigDecimal pointValue) {}

    public Optional<FixedValue> fixedPointValue(String scheme, YearMonth month) {
        return db.sql("select budget, total_points, point_value from score_point_value where scheme_code = :s and month = :m")
                .param("s", scheme).param("m", month.atDay(1))
                .query((rs, n) -> new FixedValue(Money.of(rs.getBigDecimal(1)), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .optional();
    }

    /**
     * Share-locks the scheme's row before a close reads the budget it fixes the point value with:
     * {@link AgreementService#setBudget} locks it for update, so a budget change waits for the
     * close (and then finds the value fixed), or the close reads the new budget. Two closes share it.
     */
    public void lockSchemeForFixing(String scheme) {
        db.sql("select 1 from score_scheme where scheme_code = :s for share").param("s", scheme).query(Integer.class).list();
    }

    /** Fixes the point value unless a concurrent close fixed it first; answers the one that holds. */
    public FixedValue fixPointValue(String scheme, YearMonth month, FixedValue v) {
        db.sql("""
                insert into score_point_value (scheme_code, month, budget, total_points, point_value, fixed_at)
                values (:s, :m, :b, :t, :v, :at) on conflict (scheme_code, month) do nothing
                """).param("s", scheme).param("m", month.atDay(1)).param("b", v.budget().amount())
                .param("t", v.totalPoints()).param("v", v.pointValue()).param("at", OffsetDateTime.now(clock)).update();
        return fixedPointValue(scheme, month).orElseThrow();
    }

    /** Hospitals whose agreement for the month is the scheme. */
    public List<String> institutionsOf(String scheme, YearMonth month) {
        return db.sql("""
                select distinct a.fixmedins_code from clearing_agreement a
                where a.method = 'disease_score' and a.scheme_code = :s and a.valid_from <= :m
                  and (a.valid_to is null or a.valid_to >= :m)
                  and a.agreement_id = (select max(b.agreement_id) from clearing_agreement b
                                        where b.fixmedins_code = a.fixmedins_code and b.valid_from <= :m
                                          and (b.valid_to is null or b.valid_to >= :m))
                order by 1
                """).param("s", scheme).param("m", month.atDay(1)).query(String.class).list();
    }

    public List<String> schemes() {
        return db.sql("select scheme_code from score_scheme order by 1").query(String.class).list();
    }

    static LocalDate first(YearMonth m) {
        return m.atDay(1);
    }
}
