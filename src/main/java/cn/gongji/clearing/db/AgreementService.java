package cn.gongji.clearing.db;

import cn.gongji.clearing.Agreements;
import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.PaymentMethod;
import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Payment-method agreements, capitation enrolments and per-disease score schemes (agency API). */
@Service
public class AgreementService {

    private final JdbcClient db;
    private final TransactionTemplate tx;

    public AgreementService(JdbcClient db, TransactionTemplate tx) {
        this.db = db;
        this.tx = tx;
    }

    public long createAgreement(String inst, PaymentMethod method, YearMonth from, YearMonth to, String actor) {
        return tx.execute(s -> {
            String kind = db.sql("select kind from institution where fixmedins_code = :c for update").param("c", inst)
                    .query(String.class).optional().orElseThrow(() -> new ClearingRefused("institution", "fixmedins_code",
                            "定点机构 " + inst + " 不存在", "institution " + inst + " does not exist"));
            if (!kind.equals("hospital") && !(method instanceof PaymentMethod.FeeForService)) {
                throw new ClearingRefused("pharmacy", "method", "药店按项目结算，不适用 " + method.code(),
                        "pharmacies are paid fee-for-service: " + method.code() + " does not apply");
            }
            if (method instanceof PaymentMethod.Capitation && !primaryCare(inst)) {
                throw new ClearingRefused("not-primary-care", "method", "按人头付费适用于基层（一级及以下）医疗机构，"
                        + inst + " 不是", "capitation is for primary care (level L1 hospitals): " + inst + " is not one");
            }
            if (method instanceof PaymentMethod.DiseaseScore d && !exists("score_scheme", "scheme_code", d.schemeCode())) {
                throw new ClearingRefused("scheme", "scheme_code", "病种分值方案 " + d.schemeCode() + " 不存在",
                        "score scheme " + d.schemeCode() + " does not exist");
            }
            for (Period p : periods(inst)) {
                if (Agreements.overlap(from, to, p.from(), p.to())) {
                    throw new ClearingRefused("overlap", "valid_from", "与协议 " + p.id() + "（" + p.from() + " 至 "
                            + (p.to() == null ? "长期" : p.to()) + "）期间重叠", "overlaps agreement " + p.id(), true);
                }
            }
            BigDecimal amount = null, keep = null, share = null;
            String scheme = null;
            if (method instanceof PaymentMethod.Capitation c) {
                amount = c.perPersonMonthly().amount();
                keep = c.surplusKeepRate();
                share = c.overspendShareRate();
            } else if (method instanceof PaymentMethod.DiseaseScore d) {
                scheme = d.schemeCode();
            }
            return db.sql("""
                    insert into clearing_agreement (fixmedins_code, method, valid_from, valid_to, capita_amount,
                        surplus_keep_rate, overspend_share_rate, scheme_code, actor)
                    values (:i, :m, :f, :t, :a, :k, :s, :sc, :actor) returning agreement_id
                    """).param("i", inst).param("m", method.code()).param("f", from.atDay(1))
                    .param("t", to == null ? null : to.atDay(1)).param("a", amount).param("k", keep).param("s", share)
                    .param("sc", scheme).param("actor", actor).query(Long.class).single();
        });
    }

    /** POLICY.md §6: capitation is for primary care, here a level L1 hospital (an unrated clinic is L1, D1). */
    private boolean primaryCare(String inst) {
        return db.sql("select kind = 'hospital' and level = 'L1' from institution where fixmedins_code = :c")
                .param("c", inst).query(Boolean.class).optional().orElse(false);
    }

    private record Period(long id, YearMonth from, YearMonth to) {}

    private List<Period> periods(String inst) {
        return db.sql("select agreement_id, valid_from, valid_to from clearing_agreement where fixmedins_code = :i")
                .param("i", inst).query((rs, n) -> new Period(rs.getLong(1), YearMonth.from(rs.getObject(2, LocalDate.class)),
                        rs.getObject(3, LocalDate.class) == null ? null : YearMonth.from(rs.getObject(3, LocalDate.class))))
                .list();
    }

    public long enrol(String psnNo, String inst, YearMonth from, YearMonth to) {
        return tx.execute(s -> {
            if (!exists("institution", "fixmedins_code", inst)) {
                throw new ClearingRefused("institution", "fixmedins_code", "定点机构 " + inst + " 不存在",
                        "institution " + inst + " does not exist");
            }
            if (!primaryCare(inst)) {
                throw new ClearingRefused("not-primary-care", "fixmedins_code", "签约（按人头付费）只能在基层（一级及以下）医疗机构，"
                        + inst + " 不是", "enrolment (capitation) is with a primary-care (level L1) hospital: " + inst + " is not one");
            }
            if (db.sql("select 1 from person where psn_no = :p for update").param("p", psnNo).query(Integer.class)
                    .optional().isEmpty()) {
                throw new ClearingRefused("person", "psn_no", "人员 " + psnNo + " 不存在", "person " + psnNo + " does not exist");
            }
            List<Period> mine = db.sql("select enrolment_id, begin_month, end_month from clearing_enrolment where psn_no = :p")
                    .param("p", psnNo).query((rs, n) -> new Period(rs.getLong(1), YearMonth.from(rs.getObject(2, LocalDate.class)),
                            rs.getObject(3, LocalDate.class) == null ? null : YearMonth.from(rs.getObject(3, LocalDate.class))))
                    .list();
            for (Period p : mine) {
                if (Agreements.overlap(from, to, p.from(), p.to())) {
                    throw new ClearingRefused("overlap", "begin_month", "该人员已有签约 " + p.id() + "（" + p.from() + " 起），期间重叠",
                            "the person is already enrolled (enrolment " + p.id() + ") for an overlapping period", true);
                }
            }
            return db.sql("""
                    insert into clearing_enrolment (psn_no, fixmedins_code, begin_month, end_month)
                    values (:p, :i, :f, :t) returning enrolment_id
                    """).param("p", psnNo).param("i", inst).param("f", from.atDay(1))
                    .param("t", to == null ? null : to.atDay(1)).query(Long.class).single();
        });
    }

    public void createScheme(String code, String name, Map<String, BigDecimal> scores) {
        tx.executeWithoutResult(s -> {
            if (exists("score_scheme", "scheme_code", code)) {
                throw new ClearingRefused("exists", "scheme_code", "病种分值方案 " + code + " 已存在（分值表不可修改，请建新方案）",
                        "score scheme " + code + " exists: its table cannot change, create a new scheme", true);
            }
            db.sql("insert into score_scheme (scheme_code, name) values (:c, :n)").param("c", code).param("n", name).update();
            scores.forEach((d, score) -> db.sql("insert into score_scheme_disease (scheme_code, dise_codg, score) values (:c, :d, :s)")
                    .param("c", code).param("d", d).param("s", score).update());
        });
    }

    /**
     * Sets a month's budget of a score scheme while its point value is not fixed. The scheme's row is
     * locked first; a period close that fixes the point value holds it too ({@link
     * MethodStore#lockSchemeForFixing}), so the check below cannot pass just before a close fixes
     * the value on the old budget (the budget would then differ from the one the statements used).
     */
    public void setBudget(String code, YearMonth month, Money budget) {
        tx.executeWithoutResult(s -> {
            if (db.sql("select 1 from score_scheme where scheme_code = :c for update").param("c", code).query(Integer.class)
                    .optional().isEmpty()) {
                throw new ClearingRefused("scheme", "scheme_code", "病种分值方案 " + code + " 不存在",
                        "score scheme " + code + " does not exist");
            }
            if (db.sql("select 1 from score_point_value where scheme_code = :c and month = :m").param("c", code)
                    .param("m", month.atDay(1)).query(Integer.class).optional().isPresent()) {
                throw new ClearingRefused("fixed", "month", month + " 的点值已随清算期关闭而确定，预算不可再改",
                        "the point value of " + month + " was fixed when a period closed: the budget cannot change", true);
            }
            db.sql("""
                    insert into score_scheme_budget (scheme_code, month, budget) values (:c, :m, :b)
                    on conflict (scheme_code, month) do update set budget = excluded.budget
                    """).param("c", code).param("m", month.atDay(1)).param("b", budget.amount()).update();
        });
    }

    private boolean exists(String table, String column, String value) {
        return db.sql("select 1 from " + table + " where " + column + " = :v").param("v", value).query(Integer.class)
                .optional().isPresent();
    }
}
