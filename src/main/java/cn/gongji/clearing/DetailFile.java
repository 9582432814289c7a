package cn.gongji.clearing;

import cn.gongji.common.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The tab-separated detail file an institution uploads with 9101 for 3202: UTF-8, one settlement row
 * per line, columns setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay,
 * refd_setl_flag; an optional header line starting with {@code setl_id}; blank lines ignored.
 */
public final class DetailFile {

    public static final List<String> COLUMNS =
            List.of("setl_id", "mdtrt_id", "psn_no", "medfee_sumamt", "fund_pay_sumamt", "acct_pay", "refd_setl_flag");

    private DetailFile() {}

    /** A line of the file that cannot be read; nothing was reconciled. */
    public static final class Malformed extends RuntimeException {
        public Malformed(int lineNo, String zh, String en) {
            super("对明细文件第 " + lineNo + " 行：" + zh + " / detail file line " + lineNo + ": " + en, null, false, false);
        }
    }

    public static List<DetailRow> parse(String text) {
        List<DetailRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank() || (i == 0 && line.startsWith("setl_id"))) {
                continue;
            }
            DetailRow r = row(i + 1, line.split("\t", -1));
            if (!seen.add(r.setlId())) {
                throw new Malformed(i + 1, "结算ID " + r.setlId() + " 重复", "setl_id " + r.setlId() + " appears twice");
            }
            rows.add(r);
        }
        return rows;
    }

    private static DetailRow row(int n, String[] f) {
        if (f.length != COLUMNS.size()) {
            throw new Malformed(n, "应有 7 列（以制表符分隔：" + String.join("、", COLUMNS) + "），实有 " + f.length + " 列",
                    "7 tab-separated columns expected (" + String.join(", ", COLUMNS) + "), found " + f.length);
        }
        for (int c = 0; c < 3; c++) {
            if (f[c].isBlank()) {
                throw new Malformed(n, COLUMNS.get(c) + " 为空", COLUMNS.get(c) + " is empty");
            }
        }
        String flag = f[6].strip();
        if (!flag.equals("0") && !flag.equals("1")) {
            throw new Malformed(n, "refd_setl_flag 只能是 0 或 1，收到 " + flag, "refd_setl_flag must be 0 or 1");
        }
        return new DetailRow(n, f[0].strip(), f[1].strip(), f[2].strip(), money(n, 3, f[3]), money(n, 4, f[4]),
                money(n, 5, f[5]), flag.equals("1"));
    }

    private static Money money(int n, int c, String s) {
        try {
            BigDecimal d = new BigDecimal(s.strip());
            if (d.stripTrailingZeros().scale() > 2) {
                throw new Malformed(n, COLUMNS.get(c) + " 最多两位小数：" + s, COLUMNS.get(c) + " allows at most 2 decimals");
            }
            return Money.of(d.setScale(2));
        } catch (NumberFormatException e) {
            throw new Malformed(n, COLUMNS.get(c) + " 应为金额，收到 " + s, COLUMNS.get(c) + " must be an amount");
        }
    }

    /** A detail file of our rows, in the upload format (for tests, samples and staff). */
    public static String write(List<Item> items) {
        StringBuilder sb = new StringBuilder(String.join("\t", COLUMNS)).append('\n');
        for (Item i : items) {
            sb.append(i.setlId()).append('\t').append(i.mdtrtId()).append('\t').append(i.psnNo()).append('\t')
                    .append(i.medfeeSumamt()).append('\t').append(i.fundPaySumamt()).append('\t').append(i.acctPay())
                    .append('\t').append(i.reversal() ? "1" : "0").append('\n');
        }
        return sb.toString();
    }
}
