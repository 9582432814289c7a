package cn.gongji.pharmacy;

import cn.gongji.account.AccountSplit;
import cn.gongji.benefit.BenefitResult;
import cn.gongji.benefit.TraceStep;
import cn.gongji.common.Money;
import cn.gongji.pricing.LineTotals;
import cn.gongji.settlement.Formats;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.Settler;
import cn.gongji.settlement.SettlementRow;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The settlement row of a pharmacy sale (clr_type 41, med_type 41) and its trace (setl_proc_info). */
final class SaleRows {

    static final String CLR_TYPE = "41";
    static final String MED_TYPE = "41";

    private SaleRows() {}

    static SettlementRow row(String setlId, String mdtrtId, Institution pharmacy, SaleRequest r, Sale sale, AccountSplit split,
            Money ownBefore, Long episodeId, OffsetDateTime at) {
        BenefitResult b = sale.benefit();
        LineTotals t = sale.all();
        String level = sale.episodeInstitution() == null ? null : sale.episodeInstitution().level().name();
        return new SettlementRow(setlId, null, mdtrtId, r.psnNo(), pharmacy.code(), CLR_TYPE, episodeId, at,
                r.begntime().toLocalDate(), r.begntime().getYear(), sale.policy().versionId(), sale.status().psnType(), level,
                MED_TYPE, t.total(), t.ownpay(), t.over(), t.prepay(), t.inScope(), b.deductible(), b.fundPay(), b.ratio(),
                b.fundPay(), sale.personalShare(), split.acctPay(), split.mulaidPay(), split.cash(), Money.ZERO,
                ownBefore.minus(PharmacySettler.ownDraw(split)), b.remainingBefore(), trace(pharmacy, r, sale, split),
                r.msgid(), null);
    }

    private static String trace(Institution pharmacy, SaleRequest r, Sale sale, AccountSplit split) {
        List<String> out = new ArrayList<>();
        out.add("定点药店 " + pharmacy.code() + "（" + pharmacy.name() + "）购药，购药时间 " + r.begntime().format(Formats.DATE_TIME)
                + "，人员状态 " + sale.status().label() + "（" + sale.status().psnType() + "）");
        sale.prescriber().ifPresent(p -> out.add(prescriptionText(sale)));
        if (sale.pooled()) {
            out.add(sale.episode().map(e -> "就诊周期：并入开方机构 " + sale.episodeInstitution().code() + " 于 "
                    + e.startedAt().format(Formats.DATE_TIME) + " 开始的就诊周期（" + sale.policy().episodeWindow().toHours()
                    + " 小时内同一机构只计一次起付标准）")
                    .orElse("就诊周期：开方机构 " + sale.episodeInstitution().code() + " 的新就诊周期始于 "
                            + r.begntime().format(Formats.DATE_TIME)));
        }
        for (TraceStep s : sale.benefit().trace()) {
            out.add(s.text());
        }
        if (sale.plan().hasPrescriptions() && !sale.plan().personal().isEmpty()) {
            Money ordinary = sale.all().total().minus(sale.pooledLines().total());
            out.add("普通购药（无处方）明细 " + sale.plan().personal().size() + " 条，金额 " + ordinary
                    + "：统筹基金不予支付，计入个人负担；本单个人负担合计 " + sale.all().total() + " − " + sale.fundPay() + " = "
                    + sale.personalShare());
        }
        out.add(Settler.accountText(split));
        return String.join("\n", out);
    }

    private static String prescriptionText(Sale sale) {
        Institution p = sale.prescriber().orElseThrow();
        Institution e = sale.episodeInstitution();
        List<String> rxnos = new ArrayList<>(sale.plan().rxnos());
        rxnos.sort(null);
        String text = "外配处方 " + String.join("、", rxnos) + "，开方机构 " + p.code() + "（" + p.name() + "，" + e.level().label()
                + "）：处方药品明细 " + sale.plan().pooled().size() + " 条，金额 " + sale.pooledLines().total()
                + "，按开方机构的级别、就诊周期和起付标准计算统筹支付（线上线下药保同等支付，POLICY.md §4）";
        if (!p.code().equals(e.code())) {
            text += "；互联网医院 " + p.code() + " 按实体机构 " + e.code() + " 计";
        }
        return text;
    }
}
