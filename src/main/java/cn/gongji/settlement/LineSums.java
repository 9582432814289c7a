package cn.gongji.settlement;

import cn.gongji.common.Money;
import cn.gongji.pricing.LineTotals;

/**
 * The totals a settlement request states (2206/2207, 2101/2102) must agree with the lines they
 * settle: medfee_sumamt always, the four parts of it when sent. One check for both flows.
 */
public final class LineSums {

    /** Where the lines came from, for the message: e.g. "已上传费用明细" / "the uploaded lines". */
    public record Source(String fieldPrefix, String zh, String en, String hint) {}

    public static final Source UPLOADED = new Source("", "已上传费用明细", "the uploaded lines", "，请核对明细（2204/2205）");

    private LineSums() {}

    public static void check(Source source, LineTotals t, Money medfee, Money ownpay, Money over, Money prepay, Money inScope) {
        same(source, "medfee_sumamt", "医疗费总额", medfee, t.total());
        same(source, "fulamt_ownpay_amt", "全自费金额", ownpay, t.ownpay());
        same(source, "overlmt_selfpay", "超限价自费金额", over, t.over());
        same(source, "preselfpay_amt", "先行自付金额", prepay, t.prepay());
        same(source, "inscp_scp_amt", "符合政策范围金额", inScope, t.inScope());
    }

    private static void same(Source source, String field, String label, Money sent, Money computed) {
        if (sent != null && !sent.equals(computed)) {
            throw new HisBusinessException("SUM_MISMATCH", label + " " + source.fieldPrefix() + field + " " + sent + " 与"
                    + source.zh() + "合计 " + computed + " 不符" + source.hint() + " / " + field + " " + sent + " differs from "
                    + source.en() + "' total " + computed);
        }
    }
}
