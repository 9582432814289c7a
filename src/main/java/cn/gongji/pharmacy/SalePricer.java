package cn.gongji.pharmacy;

import cn.gongji.benefit.BenefitRequest;
import cn.gongji.benefit.BenefitResult;
import cn.gongji.benefit.Coverage;
import cn.gongji.benefit.EpisodeRule;
import cn.gongji.benefit.EpisodeState;
import cn.gongji.benefit.OutpatientBenefit;
import cn.gongji.benefit.StatusHistory;
import cn.gongji.common.Money;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.pricing.LinePricing;
import cn.gongji.pricing.LineTotals;
import cn.gongji.settlement.CoverageRules;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.LineSums;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.LineInput;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettlementStore;
import cn.gongji.settlement.VisitService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Loads what a pharmacy sale depends on and prices it with the pure core: line pricing (POLICY.md
 * §2), the sale plan ({@link SaleRules}), the prescriber's level, episode and deductible, coverage
 * (insurance status, off-site) and the annual limit. Writes nothing; refusals are -2.
 */
@Component
class SalePricer {

    static final String PHARMACY_PURCHASE = "PHARMACY_PURCHASE";

    private final ReferenceData ref;
    private final VisitService visits;
    private final FeeService fees;
    private final SettlementStore store;
    private final SaleStore sales;
    private final RxFills fills;
    private final CoverageRules coverageRules;
    private final PolicyStore policies;

    SalePricer(ReferenceData ref, VisitService visits, FeeService fees, SettlementStore store, SaleStore sales,
            RxFills fills, CoverageRules coverageRules, PolicyStore policies) {
        this.ref = ref;
        this.visits = visits;
        this.fees = fees;
        this.store = store;
        this.sales = sales;
        this.fills = fills;
        this.coverageRules = coverageRules;
        this.policies = policies;
    }

    /** @param used what the fund already paid the person this year (read under the accumulator lock when settling) */
    Sale price(Institution pharmacy, SaleRequest r, Money used) {
        Person person = ref.requirePerson(r.psnNo());
        visits.checkDateOfCare(person, r.begntime());
        List<FeeService.Priced> priced = fees.price(r.lines());
        SaleRules.Plan plan = plan(pharmacy, r.lines());
        Optional<Institution> prescriber = plan.prescriber().map(this::prescriber);
        prescriber.ifPresent(p -> refuseFilled(p, plan));
        LineTotals all = LineTotals.of(priced.stream().map(FeeService.Priced::pricing).toList());
        checkSums(r, all);
        LocalDate careDate = r.begntime().toLocalDate();
        PolicyVersion policy = policies.book().inForceOn(careDate);
        PersonStatus status = StatusHistory.statusOn(ref.statusHistory(person.psnNo()), careDate);
        if (prescriber.isEmpty()) {
            Coverage notPooled = new Coverage.NotPooled(PHARMACY_PURCHASE, "定点药店普通购药（med_type 41，无外配处方），"
                    + "统筹基金不予支付，由个人账户或现金支付（细则第13条，POLICY.md §4） / an ordinary pharmacy purchase is not pooled");
            BenefitResult b = OutpatientBenefit.compute(new BenefitRequest(policy, null, status, all, Money.ZERO, used, notPooled));
            return new Sale(person, policy, status, priced, plan, prescriber, null, Optional.empty(), notPooled, all,
                    LineTotals.of(List.of()), b);
        }
        Institution p = prescriber.get();
        Institution episodeInst = p.code().equals(p.episodeInstitution()) ? p : ref.requireInstitution(p.episodeInstitution());
        Optional<EpisodeState> episode = EpisodeRule.find(store.episodes(person.psnNo(), episodeInst.code(), r.begntime(),
                policy.episodeWindow()), r.begntime(), policy.episodeWindow());
        Coverage coverage = coverageRules.coverageAt(person, r.mdtrtareaAdmvs(), pharmacy.admdvs(), "41", careDate);
        if (coverage instanceof Coverage.Pooled) {
            Coverage there = atPrescriber(person, p, careDate);
            coverage = there instanceof Coverage.Pooled(String note) && note == null ? coverage : there;
        }
        List<LinePricing> pooledLines = plan.pooled().stream().map(i -> priced.get(i).pricing()).toList();
        LineTotals pooled = LineTotals.of(pooledLines);
        BenefitResult b = OutpatientBenefit.compute(new BenefitRequest(policy, episodeInst.level(), status, pooled,
                episode.map(EpisodeState::deductibleMet).orElse(Money.ZERO), used, coverage));
        return new Sale(person, policy, status, priced, plan, prescriber, episodeInst, episode, coverage, all, pooled, b);
    }

    /**
     * A prescription is priced as if dispensed where it was written (POLICY.md §4), so one written
     * off-site needs, like a visit there, an off-site registration covering that city and the date:
     * else the pooling fund pays nothing, wherever the pharmacy is.
     */
    private Coverage atPrescriber(Person person, Institution prescriber, LocalDate careDate) {
        return switch (coverageRules.coverage(person, prescriber.admdvs(), "41", careDate)) {
            case Coverage.NotPooled no -> new Coverage.NotPooled(no.code(), "外配处方开方机构 " + prescriber.code()
                    + " 位于异地，" + no.reason());
            case Coverage c -> c;
        };
    }

    private SaleRules.Plan plan(Institution pharmacy, List<LineInput> lines) {
        SaleStore.Qualification q = sales.qualification(pharmacy.code());
        Set<String> dual = new HashSet<>(sales.dualChannel(lines.stream().map(LineInput::medListCodg).distinct().toList()));
        List<SaleRules.Line> rules = new ArrayList<>();
        for (LineInput l : lines) {
            rules.add(new SaleRules.Line(l.path(), l.medListCodg(), "1".equals(l.rxCircFlag()), l.rxno(), l.rxFixmedinsCode(),
                    dual.contains(l.medListCodg())));
        }
        return switch (SaleRules.plan(rules, new SaleRules.Pharmacy(pharmacy.code(), q.externalRx(), q.dualChannel()))) {
            case SaleRules.Plan plan -> plan;
            case SaleRules.Refusal no -> throw new HisBusinessException(no.code(), no.message());
        };
    }

    /** A designated medical institution (never a pharmacy), registered and active. */
    private Institution prescriber(String code) {
        Institution p = ref.institution(code).orElseThrow(() -> new HisBusinessException("RX_PRESCRIBER", "开方机构 rx_fixmedins_code "
                + code + " 不是登记的定点医疗机构 / the prescribing institution is not a registered designated institution"));
        if (!p.hospital()) {
            throw new HisBusinessException("RX_PRESCRIBER", "开方机构 rx_fixmedins_code " + code
                    + " 是定点药店，外配处方须由定点医疗机构开具 / a prescription must come from a designated medical institution, not a pharmacy");
        }
        if (!p.active()) {
            throw new HisBusinessException("RX_PRESCRIBER", "开方机构 rx_fixmedins_code " + code
                    + " 已停用，不能按其处方结算 / the prescribing institution is deactivated");
        }
        if (!ref.physicalActive(p)) {
            throw new HisBusinessException("RX_PRESCRIBER", "开方机构 rx_fixmedins_code " + code + " 是互联网医院，其实体机构 "
                    + p.internetOf() + " 已停用，不能按其处方结算 / the internet hospital's physical institution is deactivated");
        }
        return p;
    }

    private void refuseFilled(Institution prescriber, SaleRules.Plan plan) {
        List<RxFills.Fill> filled = fills.live(prescriber.code(), List.copyOf(plan.rxnos()));
        if (!filled.isEmpty()) {
            RxFills.Fill f = filled.getFirst();
            throw new HisBusinessException("RX_FILLED", "处方 " + f.rxno() + "（开方机构 " + prescriber.code() + "）已于定点药店 "
                    + f.pharmacy() + " 结算（结算ID " + f.setlId() + "），不能重复配药；如需重配请先撤销该结算（2103） / "
                    + "the prescription was already filled (settlement " + f.setlId() + ")");
        }
    }

    private static final LineSums.Source DRUGDETAIL = new LineSums.Source("input.druginfo.", "药品明细 drugdetail ",
            "the drugdetail lines", "");

    private static void checkSums(SaleRequest r, LineTotals t) {
        LineSums.check(DRUGDETAIL, t, r.medfeeSumamt(), r.fulamtOwnpayAmt(), r.overlmtSelfpay(), r.preselfpayAmt(),
                r.inscpScpAmt());
    }
}
