package cn.gongji.pharmacy;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountSplit;
import cn.gongji.benefit.EpisodeState;
import cn.gongji.common.Money;
import cn.gongji.pricing.CatalogEntry;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.settlement.AccountLedger;
import cn.gongji.settlement.EpisodeYears;
import cn.gongji.settlement.FeeService;
import cn.gongji.settlement.HisBusinessException;
import cn.gongji.settlement.Ids;
import cn.gongji.settlement.Institution;
import cn.gongji.settlement.LineInput;
import cn.gongji.settlement.Person;
import cn.gongji.settlement.ReferenceData;
import cn.gongji.settlement.SettlementRow;
import cn.gongji.settlement.SettlementStore;
import cn.gongji.supervision.SettlementChecks;
import cn.gongji.supervision.SettlementFacts;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Pharmacy pre-settlement (2101) and settlement (2102): load → price with the pure core
 * ({@link SalePricer}) → persist every effect in the caller's one transaction. The sale becomes one
 * visit row (med_type 41) with its lines and one settlement row (clr_type 41), so 2103/2208, 2601,
 * 5203 and 5204 treat it like a settled hospital visit. Lock order as the hospital flow: the
 * person's year accumulator, then account rows (docs/decisions.md 5).
 */
@Service
public class PharmacySettler {

    private final SalePricer pricer;
    private final SettlementStore store;
    private final SaleStore sales;
    private final RxFills fills;
    private final FeeService fees;
    private final AccountLedger ledger;
    private final ReferenceData ref;
    private final Ids ids;
    private final SettlementChecks checks;
    private final PolicyStore policies;
    private final Clock clock;

    PharmacySettler(SalePricer pricer, SettlementStore store, SaleStore sales, RxFills fills, FeeService fees,
            AccountLedger ledger, ReferenceData ref, Ids ids, SettlementChecks checks, PolicyStore policies, Clock clock) {
        this.checks = checks;
        this.policies = policies;
        this.pricer = pricer;
        this.store = store;
        this.sales = sales;
        this.fills = fills;
        this.fees = fees;
        this.ledger = ledger;
        this.ref = ref;
        this.ids = ids;
        this.clock = clock;
    }

    /** A settled (or, with a null setl_id and mdtrt_id, pre-settled) sale and its priced lines. */
    public record Result(SettlementRow settlement, List<FeeService.Priced> lines) {}

    /** What the sale would be now; nothing is written. */
    public Result preSettle(Institution pharmacy, SaleRequest r) {
        Sale sale = pricer.price(pharmacy, r, store.accumulator(r.psnNo(), r.begntime().getYear()));
        SettlementChecks.Checked checked = checks.check(facts(null, null, pharmacy, r, sale));
        List<AccountSource> sources = ledger.sources(r.psnNo(), false);
        AccountSplit split = split(sale, r, sources);
        return new Result(SaleRows.row(null, null, pharmacy, r, sale, split, ownBefore(r, sources), null,
                OffsetDateTime.now(clock)).withTraceLines(checked.procInfo()), sale.lines());
    }

    public Result settle(Institution pharmacy, SaleRequest r) {
        Money used = store.lockAccumulator(r.psnNo(), r.begntime().getYear());
        // the prescriber's episode, read and written below, may be shared with a visit of the other
        // side of a New Year: that year's guard, as a 2207 takes it (EpisodeYears)
        store.lockEpisodeYears(r.psnNo(), EpisodeYears.around(r.begntime(),
                policies.book().inForceOn(r.begntime().toLocalDate()).episodeWindow()));
        Sale sale = pricer.price(pharmacy, r, used);
        String mdtrtId = ids.mdtrtId();
        String setlId = ids.setlId();
        // 事中 supervision before anything is written: a clear violation refuses the sale
        SettlementChecks.Checked checked = checks.check(facts(setlId, mdtrtId, pharmacy, r, sale));
        List<AccountSource> sources = r.useAccount() ? ledger.sources(r.psnNo(), true) : List.of();
        AccountSplit split = split(sale, r, sources);
        Long episodeId = episode(sale, r);
        OffsetDateTime now = OffsetDateTime.now(clock);
        sales.insertVisit(mdtrtId, r.psnNo(), pharmacy.code(),
                sale.episodeInstitution() == null ? pharmacy.code() : sale.episodeInstitution().code(), r.begntime(),
                r.mdtrtCertType(), r.mdtrtCertNo(), r.mdtrtareaAdmvs(),
                r.msgid());
        fees.insertAll(sale.lines().stream()
                .map(p -> new FeeService.Priced(onVisit(p.input(), mdtrtId, r.psnNo()), p.pricing(), p.item())).toList(), r.msgid());
        split = ledger.drawNew(setlId, r.psnNo(), split, sources, pharmacy.code(), "药店购药 " + mdtrtId);
        SettlementRow s = SaleRows.row(setlId, mdtrtId, pharmacy, r, sale, split, ownBefore(r, sources), episodeId, now)
                .withTraceLines(checked.procInfo());
        store.insert(s);
        store.settleLines(setlId, mdtrtId);
        if (s.hifpPay().isPositive()) {
            store.addToAccumulator(r.psnNo(), s.year(), s.hifpPay());
        }
        sale.prescriber().ifPresent(p -> fill(p, sale, setlId, r, pharmacy, now));
        return new Result(s, sale.lines());
    }

    /** What the supervision hook is handed for a sale (scene 购药): the person, the pharmacy, the lines. */
    private SettlementFacts facts(String setlId, String mdtrtId, Institution pharmacy, SaleRequest r, Sale sale) {
        Person p = sale.person();
        List<SettlementFacts.Line> lines = sale.lines().stream().map(l -> new SettlementFacts.Line(l.input().feedetlSn(),
                l.input().medListCodg(), l.input().pric(), l.input().cnt(), l.pricing().total(),
                l.item().map(CatalogEntry::medChrgitmType).orElse(null), l.pricing().inCatalog())).toList();
        Institution prescriber = sale.episodeInstitution();
        return new SettlementFacts(setlId, p.psnNo(), p.gend(), p.brdy(), p.insuDate(), p.pausInsuDate(), p.insuplcAdmdvs(),
                pharmacy.code(), pharmacy.kind(), prescriber == null || prescriber.level() == null ? null : prescriber.level().name(),
                pharmacy.internetOf(), mdtrtId, r.begntime(), "41",
                r.mdtrtareaAdmvs(),
                prescriber == null ? pharmacy.code() : prescriber.code(), lines);
    }

    /** The prescriber's episode takes the deductible, exactly as a visit there would (shared with its visits). */
    private Long episode(Sale sale, SaleRequest r) {
        if (!sale.pooled()) {
            return null;
        }
        long id = sale.episode().map(EpisodeState::id)
                .orElseGet(() -> store.newEpisode(r.psnNo(), sale.episodeInstitution().code(), r.begntime()));
        if (sale.benefit().deductible().isPositive()) {
            store.addToEpisode(id, sale.benefit().deductible());
        }
        return id;
    }

    private void fill(Institution prescriber, Sale sale, String setlId, SaleRequest r, Institution pharmacy,
            OffsetDateTime now) {
        List<String> taken = fills.fill(prescriber.code(), List.copyOf(sale.plan().rxnos()), setlId, r.psnNo(),
                pharmacy.code(), now);
        if (!taken.isEmpty()) {
            throw new HisBusinessException("RX_FILLED", "处方 " + String.join("、", taken) + "（开方机构 " + prescriber.code()
                    + "）刚由另一笔结算配药，本次未做任何处理 / the prescription was just filled by another sale: nothing was changed");
        }
    }

    private static AccountSplit split(Sale sale, SaleRequest r, List<AccountSource> sources) {
        Money personal = sale.personalShare();
        return AccountSplit.split(personal, sale.all().notAcctPayable().min(personal), r.useAccount(), sources);
    }

    private Money ownBefore(SaleRequest r, List<AccountSource> sources) {
        return sources.stream().filter(AccountSource::own).map(AccountSource::available).findFirst()
                .orElseGet(() -> ref.ownBalance(r.psnNo()));
    }

    static Money ownDraw(AccountSplit split) {
        return split.draws().stream().filter(AccountDraw::own).map(AccountDraw::amount).reduce(Money.ZERO, Money::plus);
    }

    private static LineInput onVisit(LineInput l, String mdtrtId, String psnNo) {
        return new LineInput(l.path(), l.feedetlSn(), mdtrtId, psnNo, l.chrgBchno(), l.rxno(), l.rxCircFlag(),
                l.rxFixmedinsCode(), l.feeOcurTime(), l.medListCodg(), l.medinsListCodg(), l.pric(), l.cnt(),
                l.detItemFeeSumamt(), l.bilgDeptCodg(), l.bilgDeptName(), l.bilgDrCodg(), l.bilgDrName(), l.hospApprFlag());
    }
}
