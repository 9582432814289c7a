package cn.gongji.clearing.db;

import cn.gongji.clearing.ClearingRefused;
import cn.gongji.clearing.Totals;
import cn.gongji.common.Money;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 3203 清算申请: for a whole month that has ended (an application shuts the month, so one made while it
 * was open would leave its later settlements without one), recorded only after a reconciliation of
 * exactly that range agreed, only while our figures are still the ones it agreed on, and when every
 * figure applied for (fund_appy_sum, and medfee_sumamt, acct_pay, cash_payamt where given) is ours.
 */
@Service
public class ApplicationService {

    /**
     * @param medfeeSumamt the application's medfee_sumamt; {@code acctPay} and {@code cashPayamt} null when not given
     * @param figures      the application's input as sent, stored with it
     */
    public record Application(String inst, String clrType, YearMonth setlym, LocalDate from, LocalDate to,
            Money fundAppySum, Money medfeeSumamt, Money acctPay, Money cashPayamt, JsonNode figures) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final ReconciliationService recon;
    private final JdbcClient db;
    private final ObjectMapper json;
    private final Clock clock;

    public ApplicationService(ReconciliationService recon, JdbcClient db, ObjectMapper json, Clock clock) {
        this.recon = recon;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    private record Recon(long id, boolean agreed, String clrType, String ours) {}

    public String apply(Application a, String msgid) {
        YearMonth ym = a.setlym();
        if (!ym.isBefore(YearMonth.now(clock))) {
            throw new ClearingRefused("month-open", "setlym", "清算年月 " + ym + " 尚未结束，最早可于 "
                    + ym.plusMonths(1).atDay(1) + " 申请清算", "setlym " + ym + " has not ended: apply from "
                    + ym.plusMonths(1).atDay(1));
        }
        if (!a.from().equals(ym.atDay(1)) || !a.to().equals(ym.atEndOfMonth())) {
            throw new ClearingRefused("partial-month", "begndate", "清算申请应覆盖整个清算年月：begndate " + ym.atDay(1)
                    + "，enddate " + ym.atEndOfMonth(), "an application covers its whole month: begndate " + ym.atDay(1)
                    + ", enddate " + ym.atEndOfMonth());
        }
        String prior = db.sql("""
                select clr_appy_evt_id from clearing_application where fixmedins_code = :i and clr_type = :c and setlym = :m
                """).param("i", a.inst()).param("c", a.clrType()).param("m", a.setlym().atDay(1)).query(String.class)
                .optional().orElse(null);
        if (prior != null) {
            throw new ClearingRefused("applied", "setlym", a.setlym() + " 清算类别 " + a.clrType() + " 已申请清算（" + prior + "）",
                    "a clearing application for " + a.setlym() + " exists: " + prior, true);
        }
        Recon r = db.sql("""
                select recon_id, agreed, clr_type, ours from clearing_reconciliation
                where fixmedins_code = :i and begndate = :f and enddate = :t and (clr_type = :c or clr_type is null)
                order by recon_id desc limit 1
                """).param("i", a.inst()).param("f", a.from()).param("t", a.to()).param("c", a.clrType())
                .query((rs, n) -> new Recon(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4))).optional()
                .orElseThrow(() -> new ClearingRefused("not-reconciled", "begndate", a.from() + " 至 " + a.to()
                        + " 尚未对账（请先 3201 对总账或 3202 对明细账）", "the range has not been reconciled: use 3201 or 3202 first"));
        if (!r.agreed()) {
            throw new ClearingRefused("disagreed", "begndate", "最近一次对账（" + r.id() + "）结果不一致，不能申请清算",
                    "the latest reconciliation (" + r.id() + ") disagreed: no clearing application");
        }
        Totals now = recon.ours(new ReconciliationService.Range(a.inst(), r.clrType(), a.from(), a.to()));
        if (!same(json.readTree(r.ours()), now)) {
            throw new ClearingRefused("stale", "begndate", "对账后该期间结算数据已变化，请重新对账",
                    "settlements of the range changed after the reconciliation: reconcile again");
        }
        Totals ours = r.clrType() == null
                ? recon.ours(new ReconciliationService.Range(a.inst(), a.clrType(), a.from(), a.to()))
                : now;
        Money fund = ours.fundPaySumamt();
        if (a.fundAppySum().compareTo(fund) != 0) {
            throw new ClearingRefused("amount", "fund_appy_sum", "申请金额 fund_appy_sum " + a.fundAppySum()
                    + " 与对账一致的基金支付 " + fund + " 不符", "fund_appy_sum " + a.fundAppySum()
                    + " differs from the reconciled fund share " + fund);
        }
        figure("medfee_sumamt", a.medfeeSumamt(), ours.medfeeSumamt(), "医疗费总额");
        figure("acct_pay", a.acctPay(), ours.acctPay(), "个人账户支付");
        figure("cash_payamt", a.cashPayamt(), ours.psnCashPay(), "现金支付");
        long n = db.sql("select nextval('clearing_seq')").query(Long.class).single();
        String id = "C" + LocalDateTime.now(clock).format(STAMP) + String.format("%08d", n % 100_000_000L);
        db.sql("""
                insert into clearing_application (clr_appy_evt_id, fixmedins_code, clr_type, setlym, begndate, enddate,
                    figures, recon_id, msgid, created_at)
                values (:id, :i, :c, :m, :f, :t, cast(:fig as json), :r, :msg, :at)
                """).param("id", id).param("i", a.inst()).param("c", a.clrType()).param("m", a.setlym().atDay(1))
                .param("f", a.from()).param("t", a.to()).param("fig", json.writeValueAsString(a.figures()))
                .param("r", r.id()).param("msg", msgid).param("at", ItemStore.ts(clock.instant())).update();
        return id;
    }

    /** A figure of the application, when given, must be ours for the range (the reconciliation agreed on them). */
    private static void figure(String field, Money given, Money ours, String zh) {
        if (given != null && given.compareTo(ours) != 0) {
            throw new ClearingRefused("figure", field, zh + " " + field + " " + given + " 与对账一致的 " + ours + " 不符",
                    field + " " + given + " differs from the reconciled " + ours);
        }
    }

    private static boolean same(JsonNode stored, Totals now) {
        return stored.path("count").asLong() == now.count()
                && stored.path("medfee_sumamt").decimalValue().compareTo(now.medfeeSumamt().amount()) == 0
                && stored.path("fund_pay_sumamt").decimalValue().compareTo(now.fundPaySumamt().amount()) == 0
                && stored.path("acct_pay").decimalValue().compareTo(now.acctPay().amount()) == 0
                && stored.path("psn_cash_pay").decimalValue().compareTo(now.psnCashPay().amount()) == 0;
    }
}
