package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 3202 对明细账: each of the institution's rows against ours by setl_id, and ours they lack. */
public final class DetailMatch {

    private DetailMatch() {}

    public enum Outcome {
        AGREES("0", "一致 / agrees"),
        MISSING_OURS("1", "中心无此结算 / not in our records for the range"),
        MISSING_THEIRS("2", "机构文件无此结算 / missing from the institution's file"),
        DIFFERS("3", "金额或标志不一致 / amounts or flag differ");

        private final String code;
        private final String text;

        Outcome(String code, String text) {
            this.code = code;
            this.text = text;
        }

        public String code() {
            return code;
        }

        public String text() {
            return text;
        }
    }

    /** One result row: either side may be absent; {@code fields} names what differs. */
    public record Result(String setlId, String mdtrtId, String psnNo, Outcome outcome, DetailRow theirs, Item ours,
            List<String> fields) {}

    public record Report(List<Result> results, long agreed, long missingOurs, long missingTheirs, long differs) {
        public boolean agrees() {
            return missingOurs == 0 && missingTheirs == 0 && differs == 0;
        }
    }

    public static Report compare(List<DetailRow> theirs, List<Item> ours) {
        Map<String, Item> byId = new LinkedHashMap<>();
        ours.forEach(i -> byId.put(i.setlId(), i));
        List<Result> out = new ArrayList<>();
        long[] n = new long[4];
        for (DetailRow t : theirs) {
            Item o = byId.remove(t.setlId());
            Result r = o == null ? new Result(t.setlId(), t.mdtrtId(), t.psnNo(), Outcome.MISSING_OURS, t, null, List.of())
                    : against(t, o);
            n[r.outcome().ordinal()]++;
            out.add(r);
        }
        for (Item o : byId.values()) {
            out.add(new Result(o.setlId(), o.mdtrtId(), o.psnNo(), Outcome.MISSING_THEIRS, null, o, List.of()));
            n[Outcome.MISSING_THEIRS.ordinal()]++;
        }
        return new Report(List.copyOf(out), n[0], n[1], n[2], n[3]);
    }

    private static Result against(DetailRow t, Item o) {
        List<String> f = new ArrayList<>();
        if (!t.mdtrtId().equals(o.mdtrtId())) {
            f.add("mdtrt_id");
        }
        if (!t.psnNo().equals(o.psnNo())) {
            f.add("psn_no");
        }
        differs(f, "medfee_sumamt", t.medfeeSumamt(), o.medfeeSumamt());
        differs(f, "fund_pay_sumamt", t.fundPaySumamt(), o.fundPaySumamt());
        differs(f, "acct_pay", t.acctPay(), o.acctPay());
        if (t.refdSetlFlag() != o.reversal()) {
            f.add("refd_setl_flag");
        }
        return new Result(t.setlId(), t.mdtrtId(), t.psnNo(), f.isEmpty() ? Outcome.AGREES : Outcome.DIFFERS, t, o,
                List.copyOf(f));
    }

    private static void differs(List<String> f, String name, Money a, Money b) {
        if (a.compareTo(b) != 0) {
            f.add(name);
        }
    }

    public static final List<String> RESULT_COLUMNS = List.of("setl_id", "mdtrt_id", "psn_no", "stmt_rslt",
            "stmt_rslt_dscr", "medfee_sumamt_fixmedins", "medfee_sumamt_center", "fund_pay_sumamt_fixmedins",
            "fund_pay_sumamt_center", "acct_pay_fixmedins", "acct_pay_center", "refd_setl_flag_fixmedins",
            "refd_setl_flag_center");

    /** The result file fetched with 9102: tab-separated, UTF-8, a header line, one line per result. */
    public static String resultFile(Report report) {
        StringBuilder sb = new StringBuilder(String.join("\t", RESULT_COLUMNS)).append('\n');
        for (Result r : report.results()) {
            DetailRow t = r.theirs();
            Item o = r.ours();
            String dscr = r.outcome().text() + (r.fields().isEmpty() ? "" : "：" + String.join(",", r.fields()));
            sb.append(String.join("\t", r.setlId(), r.mdtrtId(), r.psnNo(), r.outcome().code(), dscr,
                    t == null ? "" : t.medfeeSumamt().toString(), o == null ? "" : o.medfeeSumamt().toString(),
                    t == null ? "" : t.fundPaySumamt().toString(), o == null ? "" : o.fundPaySumamt().toString(),
                    t == null ? "" : t.acctPay().toString(), o == null ? "" : o.acctPay().toString(),
                    t == null ? "" : t.refdSetlFlag() ? "1" : "0", o == null ? "" : o.reversal() ? "1" : "0"))
                    .append('\n');
        }
        return sb.toString();
    }
}
