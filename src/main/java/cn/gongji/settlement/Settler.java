package cn.gongji.settlement;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountSplit;
import cn.gongji.benefit.BenefitRequest;
import cn.gongji.benefit.BenefitResult;
import cn.gongji.benefit.Coverage;
import cn.gongji.benefit.EpisodeRule;
import cn.gongji.benefit.EpisodeState;
import cn.gongji.benefit.OutpatientBenefit;
import cn.gongji.benefit.StatusHistory;
import cn.gongji.benefit.TraceStep;
import cn.gongji.common.Money;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.policy.PolicyBook;
import cn.gongji.policy.PolicyVersion;
import cn.gongji.policy.db.PolicyStore;
import cn.gongji.pricing.LineTotals;
import cn.gongji.store.Sharding;
import cn.gongji.supervision.SettlementChecks;
import cn.gongji.supervision.SettlementFacts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Pre-settlement (2206) and settlement (2207) of an outpatient visit: load state → compute with the
 * pure core → persist every effect in the caller's transaction (ARCHITECTURE.md "Shape").
 */
@Service
public class Settler {

    private final ReferenceData ref;
    private final VisitService visits;
    private final SettlementStore store;
    private final AccountLedger ledger;
    private final PolicyStore policies;
    private final Ids ids;
    private final CoverageRules coverageRules;
    private final SettlementChecks checks;
    private final Clock clock;
    /** A settlement locks its visit and reads its state in one call (V024); not on sharded nodes (docs/scale-out.md). */
    private final boolean lockAndReadInOneCall;

    public Settler(ReferenceData ref, VisitService visits, SettlementStore store, AccountLedger ledger,
            PolicyStore policies, Ids ids, CoverageRules coverageRules, SettlementChecks checks, Clock clock,
            Environment env) {
        // sharded nodes: the one-call lock and read names no person ShardingSphere could route by
        this.lockAndReadInOneCall = !Sharding.sharded(env);
        this.coverageRules = coverageRules;
        this.checks = checks;
        this.ref = ref;
        this.visits = visits;
        this.store = store;
        this.ledger = ledger;
        this.policies = policies;
        this.ids = ids;
        this.clock = clock;
    }

    /** A settlement (or pre-settlement), the visit it is of and the person, for the answer. */
    public record Outcome(SettlementRow row, Visit visit, Person person) {}

    /** What a settlement would be now; nothing is written, setl_id is null. {@code person} is r's, already read. */
    public Outcome preSettle(Institution inst, SettleRequest r, Person person) {
        Visit v = visits.find(r.mdtrtId()).orElseThrow(() -> noVisit(r.mdtrtId()));
        VisitService.checkOwner(v, inst, r.psnNo());
        Loaded loaded = load(inst, v);
        if (loaded.state().liveSetlId() != null) {
            throw new HisBusinessException("VISIT_SETTLED", "就诊 " + v.mdtrtId() + " 已结算（结算ID " + loaded.state().liveSetlId()
                    + "） / the visit is already settled");
        }
        Computation c = compute(inst, v, r, person, store.accumulator(v.psnNo(), v.begntime().getYear()), loaded);
        SettlementChecks.Checked checked = checks.check(facts(null, inst, v, r, c));
        List<AccountSource> sources = ledger.sources(v.psnNo(), false);
        return new Outcome(row(null, inst, v, r, c, split(c, r, sources), sources, null, OffsetDateTime.now(clock), checked), v,
                person);
    }

    /**
     * Settles the visit: one live settlement per visit, so a visit already settled answers with that
     * settlement when the request's total matches. The caller stores the answer in the same transaction.
     * The person is read with the rest of the state; {@code personCheck} refuses one the request may not
     * settle for (e.g. another insured area than the envelope's).
     */
    public Outcome settle(Institution inst, SettleRequest r, Consumer<Person> personCheck) {
        return settle(inst, r, personCheck, null);
    }

    /**
     * {@link #settle}, and the message's answer, made from the outcome before the write, written by
     * the same statement as the settlement (one round trip less) when {@code answer} is given and the
     * visit is settled now (a visit already settled writes nothing, and its answer is the caller's).
     */
    public Outcome settle(Institution inst, SettleRequest r, Consumer<Person> personCheck,
            Function<Outcome, StoredAnswer> answer) {
        return settle(inst, r, personCheck, answer, expectedEpisodeWindow());
    }

    /**
     * {@link #settle(Institution, SettleRequest, Consumer, Function)}, its state read assuming this
     * episode window (a test makes it wrong on purpose). Not on sharded nodes, the visit is locked with
     * its person's accumulator (created for the first settlement of the year) and its state read in
     * ONE call, as a batch does for each of its visits; a visit whose policy has another window is
     * read again with its own. A refusal rolls the transaction back, and with it an accumulator the
     * call created. On sharded nodes, or when the visit is not found, the lock, then the state read.
     */
    Outcome settle(Institution inst, SettleRequest r, Consumer<Person> personCheck, Function<Outcome, StoredAnswer> answer,
            Duration window) {
        int historyDays = checks.historyDays();
        SettlementStore.LockedRead read = lockAndReadInOneCall
                ? store.lockAndReadForSettlement(List.of(r.mdtrtId()), window, historyDays).get(r.mdtrtId()) : null;
        VisitService.Locked locked = read != null ? read.locked()
                : visits.lockWithAccumulator(r.mdtrtId(), r.psnNo()).orElseGet(() -> {
                    Visit visit = visits.lock(r.mdtrtId());
                    return new VisitService.Locked(visit, store.lockAccumulator(visit.psnNo(), visit.begntime().getYear()));
                });
        VisitService.checkOwner(locked.visit(), inst, r.psnNo());
        Pending pending = pending(inst, locked.visit());
        Loaded loaded = read != null && pending.readWith(window, historyDays) ? pending.with(read.state()) : guardedRead(pending);
        Prepared p = prepare(inst, r, personCheck, locked, loaded);
        if (p.write() == null) {
            return p.outcome();
        }
        return p.written(store.settle(p.write(), answer == null ? null : answer.apply(p.outcome())));
    }

    /**
     * One visit of a {@link #settleBatch batch}: who asks, the request, the check of the person the
     * request may settle for, and the answer to store with the settlement (made from its outcome).
     */
    public record BatchItem(Institution inst, SettleRequest request, Consumer<Person> personCheck,
            Function<Outcome, StoredAnswer> answer) {}

    /**
     * Settles visits of DISTINCT persons together in the caller's transaction (issue 9, batching): ONE
     * call locks every visit with its person's accumulator (in psn_no order, so two batches never wait
     * on each other in a cycle) and then reads every visit's state
     * ({@link SettlementStore#lockAndReadForSettlement}), the pure core computes each
     * settlement exactly as {@link #settle} does, and one call writes them all and stores their answers
     * ({@code gongji_settle_many}). A person's first settlement of the year creates the accumulator
     * here (and a refusal removes it again). Only the plain case is settled: a visit paid in cash, not
     * settled yet, and not refused. For any other item the result is empty and NOTHING was written
     * for it: the caller settles it one by one ({@link #settle}), which answers retries, refusals and
     * account payments (their postings and family reservations are per payer). The write of the
     * settlements is the last statement: in a transaction begun by {@code TailCommit.inTransaction}
     * it commits that transaction.
     */
    public List<Optional<Outcome>> settleBatch(List<BatchItem> items) {
        return settleBatch(items, expectedEpisodeWindow());
    }

    /** {@link #settleBatch(List)}, its state read assuming this episode window (a test makes it wrong on purpose). */
    List<Optional<Outcome>> settleBatch(List<BatchItem> items, Duration window) {
        List<String> cash = items.stream().filter(it -> !it.request().useAccount()).map(it -> it.request().mdtrtId()).toList();
        int historyDays = checks.historyDays();
        Map<String, SettlementStore.LockedRead> read = store.lockAndReadForSettlement(cash, window, historyDays);
        List<Visit> created = read.values().stream().filter(SettlementStore.LockedRead::created)
                .map(r -> r.locked().visit()).toList();
        /** An item that passed the checks before the state read: its place in {@code items}, its lock, its state. */
        record Candidate(int index, BatchItem item, VisitService.Locked locked, Pending pending, SettleState state) {}
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            BatchItem it = items.get(k);
            SettlementStore.LockedRead r = read.get(it.request().mdtrtId());
            if (r == null) {
                continue;   // an account payment, or no such visit: one by one
            }
            try {
                VisitService.checkOwner(r.locked().visit(), it.inst(), it.request().psnNo());
                Pending pending = pending(it.inst(), r.locked().visit());
                candidates.add(new Candidate(k, it, r.locked(), pending, pending.readWith(window, historyDays) ? r.state() : null));
            } catch (HisBusinessException | PolicyBook.NoPolicyInForce e) {
                // refused: settled one by one, which gives the refusal its answer
            }
        }
        // a visit under a policy whose episode window is not today's: read again with its own keys
        List<Integer> reread = new ArrayList<>();
        for (int j = 0; j < candidates.size(); j++) {
            if (candidates.get(j).state() == null) {
                reread.add(j);
            }
        }
        if (!reread.isEmpty()) {
            List<SettlementStore.StateKey> keys = reread.stream().map(j -> candidates.get(j).pending().key()).toList();
            // the call guarded the New Years of today's window; these visits' own windows may reach others
            keys.stream().sorted(Comparator.comparing(SettlementStore.StateKey::psnNo))
                    .forEach(k -> store.lockEpisodeYears(k.psnNo(), EpisodeYears.around(k.at(), k.window())));
            List<SettleState> states = store.settleStates(keys);
            for (int r = 0; r < reread.size(); r++) {
                Candidate c = candidates.get(reread.get(r));
                candidates.set(reread.get(r), new Candidate(c.index(), c.item(), c.locked(), c.pending(), states.get(r)));
            }
        }
        /** A settlement ready to be written, and its answer. */
        record Ready(int index, Prepared prepared, StoredAnswer answer) {}
        List<Ready> ready = new ArrayList<>();
        for (int j = 0; j < candidates.size(); j++) {
            Candidate c = candidates.get(j);
            try {
                Prepared p = prepare(c.item().inst(), c.item().request(), c.item().personCheck(), c.locked(),
                        c.pending().with(c.state()));
                if (p.write() != null) {
                    ready.add(new Ready(c.index(), p, c.item().answer().apply(p.outcome())));
                }
            } catch (HisBusinessException e) {
                // refused before anything of it was written: in the cash path every refusal comes before
                // the supervision hook (which may record a warning); what follows it cannot refuse
            }
        }
        if (!created.isEmpty()) {
            Set<String> settled = new HashSet<>();
            ready.forEach(r -> settled.add(r.prepared().write().row().psnNo()));
            store.dropUnusedAccumulators(created.stream().filter(v -> !settled.contains(v.psnNo())).toList());
        }
        // the last statement: it may commit the caller's transaction (TailCommit)
        List<Long> countedIn = store.settleMany(ready.stream().map(r -> r.prepared().write()).toList(),
                ready.stream().map(Ready::answer).toList());
        List<Optional<Outcome>> results = new ArrayList<>(Collections.nCopies(items.size(), Optional.empty()));
        for (int j = 0; j < ready.size(); j++) {
            results.set(ready.get(j).index(), Optional.of(ready.get(j).prepared().written(countedIn.get(j))));
        }
        return results;
    }

    /**
     * A settlement computed under its locks and ready to be written ({@code write}), or, when the visit
     * is already settled with the same total (a retry), that settlement ({@code write} null).
     */
    private record Prepared(Outcome outcome, SettlementStore.SettleWrite write) {
        Outcome written(Long countedIn) {
            return new Outcome(outcome.row().withEpisode(countedIn), outcome.visit(), outcome.person());
        }
    }

    /** Everything of a settlement after the locks and the state read: checks, the pure core, the supervision hook, the account draws. */
    private Prepared prepare(Institution inst, SettleRequest r, Consumer<Person> personCheck, VisitService.Locked locked,
            Loaded loaded) {
        Visit v = locked.visit();
        Person person = loaded.state().person().orElseThrow(() -> new HisBusinessException("PERSON",
                "参保人 " + v.psnNo() + " 不存在 / insured person " + v.psnNo() + " not found"));
        personCheck.accept(person);
        if (loaded.state().liveSetlId() != null) {
            SettlementRow live = store.find(loaded.state().liveSetlId()).orElseThrow();
            if (live.medfeeSumamt().equals(r.medfeeSumamt())) {
                return new Prepared(new Outcome(live, v, person), null);
            }
            throw new HisBusinessException("VISIT_SETTLED", "就诊 " + v.mdtrtId() + " 已结算（结算ID " + live.setlId()
                    + "，医疗费总额 " + live.medfeeSumamt() + "），本次 medfee_sumamt " + r.medfeeSumamt()
                    + " 不符 / the visit is already settled with another total");
        }
        Computation c = compute(inst, v, r, person, locked.poolPaid(), loaded);
        String setlId = ids.setlId();
        SettlementChecks.Checked checked = checks.check(facts(setlId, inst, v, r, c));
        List<AccountSource> sources = r.useAccount() ? ledger.sources(v.psnNo(), true) : List.of();
        AccountSplit split = split(c, r, sources);
        Long episodeId = null;
        String newEpisodeAt = null;
        Money deductible = Money.ZERO;
        if (c.pooled()) {
            episodeId = c.episode().map(EpisodeState::id).orElse(null);
            newEpisodeAt = episodeId == null ? c.episodeInstitution().code() : null;
            deductible = c.benefit().deductible();
        }
        split = ledger.drawNew(setlId, v.psnNo(), split, sources, inst.code(), "门诊结算 " + v.mdtrtId());
        SettlementRow s = row(setlId, inst, v, r, c, split, sources, episodeId, OffsetDateTime.now(clock), checked);
        return new Prepared(new Outcome(s, v, person),
                new SettlementStore.SettleWrite(s, newEpisodeAt, v.begntime(), deductible));
    }

    /** The policy in force on the date of care, the institution whose episode the visit counts in, and the state read. */
    private record Loaded(PolicyVersion policy, Institution episodeInstitution, SettleState state) {}

    private Loaded load(Institution inst, Visit v) {
        return read(pending(inst, v));
    }

    /** The state read of a visit whose policy and keys are known. */
    private Loaded read(Pending p) {
        return p.with(store.settleState(p.key()));
    }

    /**
     * {@link #read} for a settlement, under the locks: first the person's guard of a New Year the
     * visit's episode window reaches across ({@link EpisodeYears}; none for most visits, and then no
     * round trip), so that a settlement on the other side of midnight is read as it committed.
     */
    private Loaded guardedRead(Pending p) {
        store.lockEpisodeYears(p.key().psnNo(), EpisodeYears.around(p.key().at(), p.key().window()));
        return read(p);
    }

    /**
     * The episode window a batch's state read assumes: that of the policy in force today. Each visit's
     * own (the policy in force on its day) is checked after the read, and read again when it differs.
     */
    private Duration expectedEpisodeWindow() {
        try {
            return policies.book().inForceOn(LocalDate.now(clock)).episodeWindow();
        } catch (PolicyBook.NoPolicyInForce e) {
            return Duration.ofHours(24);
        }
    }

    /** What is known before the state read: the policy, the episode institution and what to read. */
    private record Pending(PolicyVersion policy, Institution episodeInstitution, SettlementStore.StateKey key) {
        Loaded with(SettleState state) {
            return new Loaded(policy, episodeInstitution, state);
        }

        /** Whether a state read with this episode window and these history days is this visit's. */
        boolean readWith(Duration window, int historyDays) {
            return key.window().equals(window) && key.historyDays() == historyDays;
        }
    }

    private Pending pending(Institution inst, Visit v) {
        PolicyVersion policy = policies.book().inForceOn(v.begntime().toLocalDate());
        Institution episodeInst = inst.code().equals(v.episodeFixmedins()) ? inst : ref.requireInstitution(v.episodeFixmedins());
        return new Pending(policy, episodeInst, new SettlementStore.StateKey(v.mdtrtId(), v.psnNo(), episodeInst.code(),
                v.begntime(), policy.episodeWindow(), checks.historyDays()));
    }

    /** Everything the pure core needs, loaded, and its result. */
    record Computation(PolicyVersion policy, PersonStatus status, Institution episodeInstitution, Level level,
            Optional<EpisodeState> episode, Coverage coverage, LineTotals totals, BenefitResult benefit, Person person,
            List<FeeLineRow> lines, Money ownBalance, SettlementFacts.History history) {
        boolean pooled() {
            return coverage instanceof Coverage.Pooled;
        }
    }

    private Computation compute(Institution inst, Visit v, SettleRequest r, Person person, Money used, Loaded loaded) {
        List<FeeLineRow> rows = loaded.state().openLines();
        List<cn.gongji.pricing.LinePricing> lines = rows.stream().map(FeeLineRow::pricing).toList();
        if (lines.isEmpty()) {
            throw new HisBusinessException("NO_LINES", "就诊 " + v.mdtrtId() + " 没有未结算的费用明细，请先上传（2204） / no fee lines to settle");
        }
        LineTotals totals = LineTotals.of(lines);
        checkSums(r, totals);
        LocalDate careDate = v.begntime().toLocalDate();
        PolicyVersion policy = loaded.policy();
        PersonStatus status = StatusHistory.statusOn(loaded.state().statusHistory(), careDate);
        Institution episodeInst = loaded.episodeInstitution();
        Optional<EpisodeState> episode = EpisodeRule.find(loaded.state().episodes(), v.begntime(), policy.episodeWindow());
        String area = r.mdtrtareaAdmvs() != null ? r.mdtrtareaAdmvs() : v.mdtrtareaAdmvs();
        Coverage coverage = coverageRules.coverageAt(person, area, inst.admdvs(), medType(v, r), careDate,
                loaded.state().insuranceChange());
        BenefitResult b = OutpatientBenefit.compute(new BenefitRequest(policy, episodeInst.level(), status, totals,
                episode.map(EpisodeState::deductibleMet).orElse(Money.ZERO), used, coverage));
        return new Computation(policy, status, episodeInst, episodeInst.level(), episode, coverage, totals, b, person, rows,
                loaded.state().ownBalance(), loaded.state().history());
    }

    private static void checkSums(SettleRequest r, LineTotals t) {
        LineSums.check(LineSums.UPLOADED, t, r.medfeeSumamt(), r.fulamtOwnpayAmt(), r.overlmtSelfpay(), r.preselfpayAmt(),
                r.inscpScpAmt());
    }

    private static String medType(Visit v, SettleRequest r) {
        return r.medType() != null ? r.medType() : (v.medType() != null ? v.medType() : "11");
    }

    /** What the supervision hook is handed (issue 6): the person, the institution, the visit and its lines. */
    private static SettlementFacts facts(String setlId, Institution inst, Visit v, SettleRequest r, Computation c) {
        Person p = c.person();
        List<SettlementFacts.Line> lines = c.lines().stream().map(l -> new SettlementFacts.Line(l.feedetlSn(), l.medListCodg(),
                l.pric(), l.cnt(), l.detItemFeeSumamt(), l.medChrgitmType(), l.pricing().inCatalog())).toList();
        return new SettlementFacts(setlId, p.psnNo(), p.gend(), p.brdy(), p.insuDate(), p.pausInsuDate(), p.insuplcAdmdvs(),
                inst.code(), inst.kind(), c.level() == null ? null : c.level().name(), inst.internetOf(), v.mdtrtId(),
                v.begntime(), medType(v, r), r.mdtrtareaAdmvs() != null ? r.mdtrtareaAdmvs() : v.mdtrtareaAdmvs(),
                c.episodeInstitution().code(), lines, c.history());
    }

    private static AccountSplit split(Computation c, SettleRequest r, List<AccountSource> sources) {
        Money personal = c.benefit().personalShare();
        return AccountSplit.split(personal, c.totals().notAcctPayable().min(personal), r.useAccount(), sources);
    }

    private SettlementRow row(String setlId, Institution inst, Visit v, SettleRequest r, Computation c, AccountSplit split,
            List<AccountSource> sources, Long episodeId, OffsetDateTime at, SettlementChecks.Checked checked) {
        BenefitResult b = c.benefit();
        LineTotals t = c.totals();
        Money ownBefore = sources.stream().filter(AccountSource::own).map(AccountSource::available).findFirst()
                .orElse(Money.ZERO);
        if (sources.isEmpty()) {
            ownBefore = c.ownBalance();
        }
        Money ownDraw = split.draws().stream().filter(AccountDraw::own).map(AccountDraw::amount).reduce(Money.ZERO, Money::plus);
        return new SettlementRow(setlId, null, v.mdtrtId(), v.psnNo(), inst.code(), "11", episodeId, at,
                v.begntime().toLocalDate(), v.begntime().getYear(), c.policy().versionId(), c.status().psnType(),
                c.level() == null ? null : c.level().name(), medType(v, r), t.total(), t.ownpay(), t.over(), t.prepay(),
                t.inScope(), b.deductible(), b.fundPay(), b.ratio(), b.fundPay(), b.personalShare(), split.acctPay(),
                split.mulaidPay(), split.cash(), Money.ZERO, ownBefore.minus(ownDraw), b.remainingBefore(),
                trace(inst, v, c, split, checked.procInfo()), r.msgid(), null);
    }

    private static String trace(Institution inst, Visit v, Computation c, AccountSplit split, List<String> supervision) {
        List<String> out = new ArrayList<>();
        out.add("就诊 " + v.mdtrtId() + "，就诊时间 " + v.begntime().format(Formats.DATE_TIME) + "，人员状态 " + c.status().label()
                + "（" + c.status().psnType() + "）");
        String where = "定点机构 " + c.episodeInstitution().code() + "（" + c.episodeInstitution().name() + "，"
                + (c.level() == null ? "无级别" : c.level().label()) + "）";
        if (!inst.code().equals(c.episodeInstitution().code())) {
            where += "；互联网医院 " + inst.code() + " 按实体机构计";
        }
        out.add(where);
        if (c.pooled()) {
            out.add(c.episode().map(e -> "就诊周期：并入 " + e.startedAt().format(Formats.DATE_TIME) + " 开始的就诊周期（"
                    + c.policy().episodeWindow().toHours() + " 小时内同一机构只计一次起付标准）")
                    .orElse("就诊周期：新就诊周期始于 " + v.begntime().format(Formats.DATE_TIME)));
        }
        for (TraceStep s : c.benefit().trace()) {
            out.add(s.text());
        }
        out.add(accountText(split));
        out.addAll(supervision);
        return String.join("\n", out);
    }

    /** How the personal share was paid, in words (shared with the pharmacy sale). */
    public static String accountText(AccountSplit split) {
        if (split.draws().isEmpty()) {
            return "个人账户支付 0.00；现金支付 " + split.cash();
        }
        List<String> parts = new ArrayList<>();
        for (AccountDraw d : split.draws()) {
            parts.add((d.own() ? "本人账户 " : "家庭共济账户 ") + d.psnNo() + " 支付 " + d.amount());
        }
        return "个人账户支付 " + split.acctPay() + "（" + String.join("；", parts) + "），其中家庭共济 " + split.mulaidPay()
                + "；现金支付 " + split.cash();
    }

    private static HisBusinessException noVisit(String mdtrtId) {
        return new HisBusinessException("VISIT", "就诊 mdtrt_id " + mdtrtId + " 不存在 / visit not found");
    }
}
