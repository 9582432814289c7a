package cn.gongji.clearing.export;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The two tables of a month's clearing export, built from statement JSON (closed ones as frozen):
 * one line per statement with a total line, and one line per row, method effect and recovery, so
 * that the amount_payable column of the detail (a row's fund share and account share, a method's
 * effect, a recovery's deduction) adds up to the payable of the summary. Money is written with two
 * decimals (JSON numbers lose trailing zeros).
 */
public record Table(String name, List<String> headers, List<List<Object>> rows) {

    public static final List<String> SUMMARY = List.of("fixmedins_code", "fixmedins_name", "clr_type", "month",
            "status", "method", "settlement_cnt", "settlement_fund", "cancellation_cnt", "cancellation_fund",
            "adjustment_cnt", "adjustment_fund", "fund_share", "method_effect", "recovered", "acct_share", "payable");

    public static final List<String> DETAIL = List.of("fixmedins_code", "clr_type", "month", "category", "setl_id",
            "refd_setl_id", "mdtrt_id", "psn_no", "setl_time", "medfee_sumamt", "fund_pay_sumamt", "acct_pay",
            "psn_cash_pay", "amount_payable", "memo");

    public static Table summary(List<JsonNode> statements) {
        List<List<Object>> rows = new ArrayList<>();
        BigDecimal[] sums = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        String[] keys = {"settlements", "cancellations", "adjustments"};
        for (JsonNode s : statements) {
            List<Object> r = new ArrayList<>(List.of(s.path("fixmedins_code").asString(), s.path("fixmedins_name").asString(""),
                    s.path("clr_type").asString(), s.path("month").asString(), s.path("status").asString(),
                    s.path("method").asString()));
            for (int i = 0; i < 3; i++) {
                r.add(s.path(keys[i]).path("count").asLong());
                BigDecimal f = yuan(s.path(keys[i]).path("fund_pay_sumamt"));
                r.add(f);
                sums[i] = sums[i].add(f);
            }
            String[] totals = {"fund_share", "method_effect", "recovered", "acct_share", "payable"};
            for (int i = 0; i < totals.length; i++) {
                BigDecimal v = yuan(s.path(totals[i]));
                r.add(v);
                sums[3 + i] = sums[3 + i].add(v);
            }
            rows.add(r);
        }
        rows.add(List.of("合计 total", "", "", statements.isEmpty() ? "" : statements.getFirst().path("month").asString(),
                "", "", "", sums[0], "", sums[1], "", sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]));
        return new Table("汇总 summary", SUMMARY, rows);
    }

    public static Table detail(List<JsonNode> statements) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode s : statements) {
            String inst = s.path("fixmedins_code").asString();
            String clr = s.path("clr_type").asString();
            String month = s.path("month").asString();
            for (JsonNode i : s.path("items")) {
                BigDecimal fund = yuan(i.path("fund_pay_sumamt"));
                // the account share is owed only by statements that carry it (frozen ones before did not)
                BigDecimal acct = yuan(i.path("acct_pay"));
                BigDecimal owed = s.has("acct_share") ? fund.add(acct) : fund;
                rows.add(List.of(inst, clr, month, i.path("category").asString(), i.path("setl_id").asString(),
                        i.path("refd_setl_id").asString(""), i.path("mdtrt_id").asString(), i.path("psn_no").asString(),
                        i.path("setl_time").asString(), yuan(i.path("medfee_sumamt")), fund, acct,
                        yuan(i.path("psn_cash_pay")), owed, ""));
            }
            for (JsonNode e : s.path("method_effects")) {
                rows.add(List.of(inst, clr, month, "method_effect", "", "", "", "", "", "", "", "", "",
                        yuan(e.path("amount")), e.path("explanation").asString()));
            }
            for (JsonNode r : s.path("recoveries")) {
                String setl = r.path("setl_id").isNull() || r.path("setl_id").isMissingNode() ? "" : r.path("setl_id").asString();
                rows.add(List.of(inst, clr, month, "recovery", setl, "", "", "",
                        r.path("created_at").asString(), "", "", "", "", yuan(r.path("amount")).negate(),
                        "追回 " + r.path("recovery_id").asLong() + "：" + r.path("reason").asString()));
            }
        }
        return new Table("明细 detail", DETAIL, rows);
    }

    /** Yuan with two decimals; an absent figure (a statement frozen before it existed) is 0.00. */
    static BigDecimal yuan(JsonNode n) {
        return (n.isMissingNode() || n.isNull() ? BigDecimal.ZERO : n.decimalValue()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
