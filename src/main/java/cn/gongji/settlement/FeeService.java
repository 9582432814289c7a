package cn.gongji.settlement;

import cn.gongji.store.Sharding;
import static cn.gongji.store.SqlNullable.decimal;
import static cn.gongji.store.SqlNullable.text;

import cn.gongji.common.TtlCache;
import cn.gongji.catalog.CatalogChanged;
import cn.gongji.common.Money;
import cn.gongji.pricing.CatalogEntry;
import cn.gongji.pricing.FeeLine;
import cn.gongji.pricing.ItemClass;
import cn.gongji.pricing.LinePricer;
import cn.gongji.pricing.LinePricing;
import cn.gongji.store.SqlArrays;
import cn.gongji.store.TailCommit;
import cn.gongji.supervision.SettlementChecks;
import cn.gongji.supervision.SettlementFacts;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/** Fee detail upload (2204) and cancel (2205). A batch is accepted or refused as a whole. */
@Service
public class FeeService {

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TailCommit tail;
    private final VisitService visits;
    private final ReferenceData ref;
    private final SettlementChecks checks;
    private final Clock clock;

    private final TtlCache<String, CatalogEntry> catalog;

    /** The usual 2204 locks and reads in one call (V022); not on sharded nodes (docs/scale-out.md). */
    private final boolean lockReadsHolds;

    public FeeService(JdbcClient db, JdbcTemplate jdbc, TailCommit tail, VisitService visits, ReferenceData ref,
            SettlementChecks checks, Clock clock, @Value("${gongji.cache.reference-ttl:PT5S}") Duration referenceTtl,
            Environment env) {
        this.tail = tail;
        this.catalog = new TtlCache<>(referenceTtl, System::nanoTime);
        this.lockReadsHolds = !Sharding.sharded(env);
        this.db = db;
        this.jdbc = jdbc;
        this.visits = visits;
        this.ref = ref;
        this.checks = checks;
        this.clock = clock;
    }

    /**
     * 2204: checks, prices and stores a batch of lines. The persons the lines name are read and each
     * checked by {@code personCheck} (insured area) as it is read; per visit: the lock, then ONE read
     * of what the visit holds (a live settlement? its live lines: duplicates, and the open ones the
     * quantity rule adds). The usual upload — one visit, one person — locks the visit and reads the
     * person and what the visit holds with ONE call (V022; on sharded nodes the lock with the person,
     * then the read); any other, or a visit or person not found, reads and locks one by one, so every
     * refusal is the one it always was. When {@code answer} is given it renders the
     * message's answer from the lines as they will be stored (line id 0), just before the insert,
     * which writes that answer too (one round trip less).
     */
    public List<FeeLineRow> upload(Institution inst, String msgid, List<LineInput> lines, Consumer<Person> personCheck,
            Function<List<FeeLineRow>, StoredAnswer> answer) {
        Map<String, Visit> lockedAlready = new HashMap<>();
        Map<String, Person> persons = new HashMap<>();
        Map<String, Holds> readAlready = new HashMap<>();
        if (!lines.isEmpty() && lines.stream().allMatch(l -> l.mdtrtId().equals(lines.getFirst().mdtrtId())
                && l.psnNo().equals(lines.getFirst().psnNo()))) {
            String mdtrtId = lines.getFirst().mdtrtId();
            String psnNo = lines.getFirst().psnNo();
            if (lockReadsHolds) {
                lockWithHolds(mdtrtId, psnNo).ifPresent(vp -> {
                    lockedAlready.put(mdtrtId, vp.visit());
                    persons.put(psnNo, vp.person());
                    readAlready.put(mdtrtId, vp.holds());
                });
            } else {
                lockWithPerson(mdtrtId, psnNo).ifPresent(vp -> {
                    lockedAlready.put(mdtrtId, vp.visit());
                    persons.put(psnNo, vp.person());
                });
            }
        }
        Set<String> checked = new HashSet<>();
        for (LineInput l : lines) {   // each person in the order the lines name them: read (unless read above), checked
            if (checked.add(l.psnNo())) {
                personCheck.accept(persons.computeIfAbsent(l.psnNo(), ref::requirePerson));
            }
        }
        return upload(inst, msgid, lines, persons, lockedAlready, readAlready, answer);
    }

    private record VisitAndPerson(Visit visit, Person person) {}

    /** {@link VisitService#lock} of the visit, and the person read by the same statement; empty when either is missing. */
    private Optional<VisitAndPerson> lockWithPerson(String mdtrtId, String psnNo) {
        return db.sql(LOCK_WITH_PERSON).param("m", mdtrtId).param("p", psnNo)
                .query((rs, i) -> new VisitAndPerson(VisitService.visit(rs, i), ref.person(rs, "person_")))
                .optional().filter(vp -> vp.person() != null);
    }

    private record VisitPersonHolds(Visit visit, Person person, Holds holds) {}

    /**
     * {@link #lockWithPerson} and {@link #holds} in ONE call ({@code gongji_lock_visits_for_upload}
     * with one visit, migration V023: the read after the lock takes a snapshot of its own, so it sees
     * every settlement committed before the lock was granted); empty when the visit or the person is
     * missing.
     */
    private Optional<VisitPersonHolds> lockWithHolds(String mdtrtId, String psnNo) {
        return Optional.ofNullable(lockManyWithHolds(new String[] {mdtrtId}, new String[] {psnNo}).get(mdtrtId))
                .filter(vp -> vp.person() != null);
    }

    private static final String PERSON_COLUMNS = ReferenceData.personColumns("p", "person_");

    // The statements of every upload are made once: a text built per call is hashed and compared in
    // full by the named-parameter cache on every call, and was the largest allocation of a 2204.

    private static final String LOCK_WITH_PERSON = "select " + VisitService.VISIT_COLUMNS_OF_V + ", " + PERSON_COLUMNS + """

            from visit v
            left join person p on p.psn_no = :p
            where v.mdtrt_id = :m
            for update of v
            """;

    /** The line columns {@link #held} reads (label {@code line_settled}: the line is in a settlement). */
    private static final String HELD_COLUMNS = """
            f.feedetl_sn, f.med_list_codg, f.pric, f.cnt, f.det_item_fee_sumamt, f.med_chrgitm_type, f.memo,
            f.setl_id is not null as line_settled""";

    /**
     * One 2204 of a {@link #uploadBatch batch}: who sends it, its msgid, its lines (all of ONE visit and
     * ONE person), the check of the person, and the answer to store with its lines.
     */
    public record BatchUpload(Institution inst, String msgid, List<LineInput> lines, Consumer<Person> personCheck,
            Function<List<FeeLineRow>, StoredAnswer> answer) {
        public BatchUpload {
            if (lines.isEmpty() || lines.stream().anyMatch(l -> !l.mdtrtId().equals(lines.getFirst().mdtrtId())
                    || !l.psnNo().equals(lines.getFirst().psnNo()))) {
                throw new IllegalArgumentException("a batched upload has lines of one visit and one person");
            }
        }

        String mdtrtId() {
            return lines.getFirst().mdtrtId();
        }

        String psnNo() {
            return lines.getFirst().psnNo();
        }
    }

    /**
     * Uploads to DISTINCT visits together in the caller's transaction (issue 9, batching): ONE call
     * locks every visit (in psn_no order, as a settlement batch does, so two batches never wait on
     * each other in a cycle) and then reads each one's person and what it holds
     * ({@code gongji_lock_visits_for_upload}, migration V023: the read after the locks sees every
     * settlement and line committed before they were granted); each upload is checked and priced
     * exactly as {@link #upload} does; ONE statement inserts the lines of all of them and stores
     * their answers, and in a transaction begun by {@link TailCommit#inTransaction} it commits that
     * transaction. An upload that is refused, or whose visit or person is missing, answers empty and
     * NOTHING was written for it: the caller uploads it one by one, which gives it its refusal.
     */
    public List<Optional<List<FeeLineRow>>> uploadBatch(List<BatchUpload> items) {
        Map<String, VisitPersonHolds> read = lockManyWithHolds(items.stream().map(BatchUpload::mdtrtId).toArray(String[]::new),
                items.stream().map(BatchUpload::psnNo).toArray(String[]::new));
        List<Integer> readyAt = new ArrayList<>();
        List<Prepared> ready = new ArrayList<>();
        for (int k = 0; k < items.size(); k++) {
            BatchUpload it = items.get(k);
            VisitPersonHolds vp = read.get(it.mdtrtId());
            if (vp == null || vp.person() == null) {
                continue;   // no such visit or person: one by one, which refuses it
            }
            try {
                it.personCheck().accept(vp.person());
                ready.add(prepare(it.inst(), it.lines(), Map.of(it.psnNo(), vp.person()), Map.of(it.mdtrtId(), vp.visit()),
                        Map.of(it.mdtrtId(), vp.holds()), it.answer()));
                readyAt.add(k);
            } catch (HisBusinessException e) {
                // refused before anything of it was written: one by one, which answers the refusal
            }
        }
        List<Optional<List<FeeLineRow>>> out = new ArrayList<>(Collections.nCopies(items.size(), Optional.empty()));
        if (ready.isEmpty()) {
            return out;
        }
        List<List<FeeLineRow>> stored = insertBatch(ready, readyAt.stream().map(k -> items.get(k).msgid()).toList());
        for (int j = 0; j < ready.size(); j++) {
            out.set(readyAt.get(j), Optional.of(stored.get(j)));
        }
        return out;
    }

    /**
     * The visits locked (in psn_no, mdtrt_id order), each with the person named beside it (null when
     * there is none) and what the visit holds; keyed by mdtrt_id (a visit not found is absent).
     */
    private Map<String, VisitPersonHolds> lockManyWithHolds(String[] mdtrtIds, String[] psnNos) {
        Map<Integer, VisitPersonHolds> byOrd = new TreeMap<>();
        Map<Integer, List<Held>> lines = new HashMap<>();
        db.sql(LOCK_MANY_WITH_HOLDS).param("m", SqlArrays.text(mdtrtIds)).param("p", SqlArrays.text(psnNos))
                .query((rs, i) -> {
                    int ord = rs.getInt("ord");
                    if (!byOrd.containsKey(ord)) {
                        byOrd.put(ord, new VisitPersonHolds(VisitService.visit(rs, i), ref.person(rs, "person_"),
                                new Holds(rs.getBoolean("settled"), List.of())));
                    }
                    lines.computeIfAbsent(ord, o -> new ArrayList<>()).addAll(held(rs));
                    return null;
                }).list();
        Map<String, VisitPersonHolds> out = new HashMap<>();
        byOrd.forEach((ord, vp) -> out.put(vp.visit().mdtrtId(), new VisitPersonHolds(vp.visit(), vp.person(),
                new Holds(vp.holds().settled(), List.copyOf(lines.get(ord))))));
        return out;
    }

    /** The visit's columns first: {@link VisitService#visit} reads them by position. */
    private static final String LOCK_MANY_WITH_HOLDS = "select " + VisitService.VISIT_COLUMNS_OF_V + ", "
            + PERSON_COLUMNS + ", s.settled, " + HELD_COLUMNS + ", s.ord" + """

            from gongji_lock_visits_for_upload(:m, :p) s
            cross join lateral (select (s.visit_row).*) v
            cross join lateral (select (s.person_row).*) p
            cross join lateral (select (s.line_row).*) f
            """;

    private List<FeeLineRow> upload(Institution inst, String msgid, List<LineInput> lines, Map<String, Person> persons,
            Map<String, Visit> lockedAlready, Map<String, Holds> readAlready, Function<List<FeeLineRow>, StoredAnswer> answer) {
        Prepared p = prepare(inst, lines, persons, lockedAlready, readAlready, answer);
        return insertAll(p.priced(), msgid, p.answer());
    }

    /** An upload checked and priced under its visits' locks, with its answer (null when none): what to insert. */
    private record Prepared(List<Priced> priced, StoredAnswer answer) {}

    /**
     * Everything of an upload after the locks, up to the insert: the checks (each refusal thrown),
     * the visits locked and read here unless given, pricing, the supervision hook, the answer.
     */
    private Prepared prepare(Institution inst, List<LineInput> lines, Map<String, Person> persons,
            Map<String, Visit> lockedAlready, Map<String, Holds> readAlready, Function<List<FeeLineRow>, StoredAnswer> answer) {
        checkLines(lines);
        Map<String, String> personOfVisit = new HashMap<>();
        for (LineInput l : lines) {
            String prior = personOfVisit.putIfAbsent(l.mdtrtId(), l.psnNo());
            if (prior != null && !prior.equals(l.psnNo())) {
                throw new HisBusinessException("VISIT_OTHER_PERSON", l.path() + "：同一就诊 " + l.mdtrtId()
                        + " 的明细参保人不一致 / lines of one visit name different persons");
            }
        }
        Map<String, Visit> locked = new HashMap<>();
        Map<String, List<SettlementFacts.Line>> open = new HashMap<>();
        // visits locked in the order of every path that locks several: psn_no, then mdtrt_id (the batches'
        // functions, V023 and V027), so a 2204 naming several visits never waits in a cycle with a batch
        List<Map.Entry<String, String>> inLockOrder = personOfVisit.entrySet().stream()
                .sorted(Map.Entry.<String, String>comparingByValue().thenComparing(Map.Entry.comparingByKey())).toList();
        for (var e : inLockOrder) {
            Visit v = lockedAlready.containsKey(e.getKey()) ? lockedAlready.get(e.getKey()) : visits.lock(e.getKey());
            locked.put(v.mdtrtId(), v);
            VisitService.checkOwner(v, inst, e.getValue());
            Holds holds = readAlready.containsKey(v.mdtrtId()) ? readAlready.get(v.mdtrtId()) : holds(v);
            open.put(v.mdtrtId(), openLinesOrRefuse(v, holds, lines));
        }
        List<Priced> priced = price(lines);
        List<LinePricing> pricings = priced.stream().map(Priced::pricing).toList();
        Map<String, Optional<CatalogEntry>> catalog = new HashMap<>();
        priced.forEach(p -> catalog.putIfAbsent(p.input().medListCodg(), p.item()));
        for (Visit v : locked.values()) {
            Person p = persons.get(v.psnNo());
            checks.checkUpload(uploadFacts(inst, v, p != null ? p : ref.requirePerson(v.psnNo()), open.get(v.mdtrtId()),
                    lines, pricings, catalog));
        }
        StoredAnswer stored = answer == null ? null
                : answer.apply(priced.stream().map(p -> p.unsaved(p.input().mdtrtId(), p.input().psnNo())).toList());
        return new Prepared(priced, stored);
    }

    /** What a locked visit holds: a live settlement, and its live lines (in line order). */
    private record Holds(boolean settled, List<Held> lines) {}

    /** One live line of a visit, as {@link #openLinesOrRefuse} needs it. */
    private record Held(String feedetlSn, SettlementFacts.Line line, boolean settled) {}

    /** A row's line read with {@link #HELD_COLUMNS}, or none when the row has no line. */
    private static List<Held> held(ResultSet rs) throws SQLException {
        String sn = rs.getString("feedetl_sn");
        if (sn == null) {
            return List.of();
        }
        return List.of(new Held(sn, new SettlementFacts.Line(sn, rs.getString("med_list_codg"), rs.getBigDecimal("pric"),
                rs.getBigDecimal("cnt"), Money.of(rs.getBigDecimal("det_item_fee_sumamt")), rs.getString("med_chrgitm_type"),
                !FeeLineRow.MEMO_NOT_IN_CATALOG.equals(rs.getString("memo"))), rs.getBoolean("line_settled")));
    }

    /** What a locked visit holds, read in one statement (after the lock, so a settlement just committed is seen). */
    private Holds holds(Visit v) {
        boolean[] settledVisit = {false};
        List<Held> held = new ArrayList<>();
        db.sql("""
                select exists (select 1 from settlement s where s.mdtrt_id = :m and s.psn_no = :p
                                 and s.refd_setl_id is null and s.cancelled_at is null) as settled,
                """ + HELD_COLUMNS + """

                from (select 1) one
                left join fee_line f on f.mdtrt_id = :m and f.psn_no = :p and f.cancelled_at is null
                order by f.line_id
                """).param("m", v.mdtrtId()).param("p", v.psnNo()).query((rs, i) -> {
                    settledVisit[0] = rs.getBoolean("settled");
                    held.addAll(held(rs));
                    return null;
                }).list();
        return new Holds(settledVisit[0], held);
    }

    /**
     * Refuses a visit already settled and serials already uploaded (live); answers the visit's open
     * (unsettled) lines for the quantity rule of {@link SettlementChecks#checkUpload}.
     */
    private static List<SettlementFacts.Line> openLinesOrRefuse(Visit v, Holds holds, List<LineInput> lines) {
        if (holds.settled()) {
            throw new HisBusinessException("VISIT_SETTLED", "就诊 " + v.mdtrtId()
                    + " 已结算，不能再上传费用明细（如需修改请先撤销结算2208） / the visit is settled");
        }
        Set<String> sns = new HashSet<>();
        lines.stream().filter(l -> l.mdtrtId().equals(v.mdtrtId())).forEach(l -> sns.add(l.feedetlSn()));
        List<String> dup = holds.lines().stream().map(Held::feedetlSn).filter(sns::contains).toList();
        if (!dup.isEmpty()) {
            throw new HisBusinessException("FEEDETL_SN", "明细流水号 feedetl_sn " + String.join("、", dup) + " 已上传（就诊 "
                    + v.mdtrtId() + "），如需重传请先撤销（2205） / feedetl_sn already uploaded for this visit");
        }
        return holds.lines().stream().filter(h -> !h.settled()).map(Held::line).toList();
    }

    /** A line read from a message, priced (POLICY.md §2) but not stored: the pharmacy sale prices before it stores. */
    public record Priced(LineInput input, LinePricing pricing, Optional<CatalogEntry> item) {
        String memo() {
            return item.isEmpty() ? FeeLineRow.MEMO_NOT_IN_CATALOG : (pricing.acctPayable() ? null : "个人账户不可支付");
        }

        /** The line as 2204 would answer it, before it is stored (line_id 0). */
        public FeeLineRow unsaved(String mdtrtId, String psnNo) {
            LineInput l = input;
            LinePricing p = pricing;
            return new FeeLineRow(0, mdtrtId, psnNo, l.feedetlSn(), l.chrgBchno(), l.medListCodg(), l.medinsListCodg(),
                    l.pric(), l.cnt(), p.total(), p.itemClass().chrgitmLv(), item.map(CatalogEntry::medChrgitmType).orElse(null),
                    p.selfpayProp(), p.payStd(), p.ownpay(), p.over(), p.prepay(), p.inScope(), p.acctPayable(), memo(), null);
        }
    }

    /** Checks and prices a batch of lines with the catalog (one query for the batch); writes nothing. */
    public List<Priced> price(List<LineInput> lines) {
        checkLines(lines);
        Map<String, CatalogEntry> catalog = catalogEntries(lines.stream().map(LineInput::medListCodg).distinct().toList());
        List<Priced> out = new ArrayList<>();
        for (LineInput l : lines) {
            Optional<CatalogEntry> item = Optional.ofNullable(catalog.get(l.medListCodg()));
            out.add(new Priced(l, LinePricer.price(new FeeLine(l.feedetlSn(), l.medListCodg(), l.pric(), l.cnt()), item), item));
        }
        return out;
    }

    /**
     * The supervision hook's view of one visit (事前, issue 6): its open lines already uploaded, then
     * the batch's; clear violations refuse the batch.
     */
    private SettlementFacts uploadFacts(Institution inst, Visit v, Person p, List<SettlementFacts.Line> open,
            List<LineInput> lines, List<LinePricing> priced, Map<String, Optional<CatalogEntry>> catalog) {
        Institution levelled = inst.code().equals(v.episodeFixmedins()) ? inst : ref.requireInstitution(v.episodeFixmedins());
        List<SettlementFacts.Line> mine = new ArrayList<>(open);
        for (int i = 0; i < lines.size(); i++) {
            LineInput l = lines.get(i);
            if (l.mdtrtId().equals(v.mdtrtId())) {
                mine.add(new SettlementFacts.Line(l.feedetlSn(), l.medListCodg(), l.pric(), l.cnt(), priced.get(i).total(),
                        catalog.get(l.medListCodg()).map(CatalogEntry::medChrgitmType).orElse(null), priced.get(i).inCatalog()));
            }
        }
        return new SettlementFacts(null, p.psnNo(), p.gend(), p.brdy(), p.insuDate(), p.pausInsuDate(), p.insuplcAdmdvs(),
                inst.code(), inst.kind(), levelled.level() == null ? null : levelled.level().name(), inst.internetOf(),
                v.mdtrtId(), v.begntime(), v.medType(), v.mdtrtareaAdmvs(), v.episodeFixmedins(), mine);
    }

    /** Per-line rules that need no database: positive quantity, price, total to the fen, unique serials in the batch. */
    private static void checkLines(List<LineInput> lines) {
        Set<String> seen = new HashSet<>();
        for (LineInput l : lines) {
            if (l.cnt().signum() <= 0) {
                throw new HisBusinessException("CNT", "字段 " + l.path() + ".cnt 数量必须大于 0，收到 " + l.cnt().toPlainString()
                        + " / field " + l.path() + ".cnt must be greater than 0");
            }
            if (l.pric().signum() < 0) {
                throw new HisBusinessException("PRIC", "字段 " + l.path() + ".pric 单价不能为负，收到 " + l.pric().toPlainString()
                        + " / field " + l.path() + ".pric must not be negative");
            }
            Money expected = Money.rounded(l.pric().multiply(l.cnt()), RoundingMode.HALF_UP);
            if (!expected.equals(l.detItemFeeSumamt())) {
                throw new HisBusinessException("SUMAMT", "字段 " + l.path() + ".det_item_fee_sumamt 明细金额 " + l.detItemFeeSumamt()
                        + " 与 单价 × 数量 = " + expected + " 不符 / det_item_fee_sumamt must equal pric × cnt rounded to the fen ("
                        + expected + ")");
            }
            if (!seen.add(l.mdtrtId() + "\u0000" + l.feedetlSn())) {
                throw new HisBusinessException("FEEDETL_SN", "字段 " + l.path() + ".feedetl_sn 明细流水号 " + l.feedetlSn()
                        + " 在本批次中重复 / duplicate feedetl_sn in the batch");
            }
        }
    }

    /** The catalog entries of the codes found: cached for {@code gongji.cache.reference-ttl}, the rest in one query. */
    private Map<String, CatalogEntry> catalogEntries(List<String> codes) {
        Map<String, CatalogEntry> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            CatalogEntry held = catalog.get(code);
            if (held != null) {
                out.put(code, held);
            } else {
                missing.add(code);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        db.sql("""
                select med_list_codg, name, chrgitm_lv, selfpay_prop, pay_std, med_chrgitm_type, acct_payable
                from catalog_item where med_list_codg = any(:c)
                """).param("c", missing.toArray(String[]::new))
                .query((rs, i) -> new CatalogEntry(rs.getString(1), rs.getString(2), ItemClass.fromChrgitmLv(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getString(6), rs.getBoolean(7)))
                .list().forEach(e -> {
                    out.put(e.code(), e);
                    catalog.put(e.code(), e);
                });
        return out;
    }

    /** The catalog changed through the agency API or an import: read those items afresh (after the change committed). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged changed) {
        changed.codes().forEach(catalog::evict);
    }

    /** Stores a priced line under its visit (the caller holds the visit). */
    public FeeLineRow insert(Priced priced, String msgid) {
        return insertAll(List.of(priced), msgid).getFirst();
    }

    /**
     * Stores priced lines under their visits (the caller holds the visits) in ONE multi-row insert;
     * the rows come back in the order given (matched by visit and feedetl_sn, unique in a batch).
     */
    public List<FeeLineRow> insertAll(List<Priced> lines, String msgid) {
        return insertAll(lines, msgid, null);
    }

    /**
     * {@link #insertAll}, and {@code answer} (when not null) inserted into his_message by the same
     * statement: the message's last, which commits its transaction when that allows it
     * ({@link TailCommit}).
     */
    private List<FeeLineRow> insertAll(List<Priced> lines, String msgid, StoredAnswer answer) {
        if (lines.size() > MAX_ROWS_PER_INSERT) {   // PostgreSQL takes at most 65,535 parameters per statement
            List<FeeLineRow> out = new ArrayList<>(insertAll(lines.subList(0, MAX_ROWS_PER_INSERT), msgid, null));
            out.addAll(insertAll(lines.subList(MAX_ROWS_PER_INSERT, lines.size()), msgid, answer));   // the answer last
            return out;
        }
        Object[] values = new Object[lines.size() * FEE_LINE_PARAMS + (answer == null ? 0 : StoredAnswer.PARAMS)];
        int at = 0;
        for (Priced line : lines) {
            at = lineValues(values, at, line, msgid);
        }
        if (answer != null) {
            answer.values(values, at);
        }
        String sql = insertStatement(lines.size(), answer != null);
        List<FeeLineRow> rows = answer != null ? tail.query(sql, FeeLineRow::map, values) : jdbc.query(sql, FeeLineRow::map, values);
        Map<String, FeeLineRow> stored = new HashMap<>();
        rows.forEach(r -> stored.put(r.mdtrtId() + "\u0000" + r.feedetlSn(), r));
        return lines.stream().map(p -> stored.get(p.input().mdtrtId() + "\u0000" + p.input().feedetlSn())).toList();
    }

    /**
     * The lines of several prepared uploads (each with its msgid) and their answers, in ONE statement:
     * the batch's last, which commits its transaction when that allows it ({@link TailCommit}).
     * Answers each upload's stored rows, in the order given.
     */
    private List<List<FeeLineRow>> insertBatch(List<Prepared> uploads, List<String> msgids) {
        int rows = uploads.stream().mapToInt(u -> u.priced().size()).sum();
        if (rows > MAX_ROWS_PER_INSERT) {
            throw new IllegalArgumentException("a batch inserts at most " + MAX_ROWS_PER_INSERT + " lines, not " + rows);
        }
        Object[] values = new Object[rows * FEE_LINE_PARAMS + uploads.size() * StoredAnswer.PARAMS];
        int at = 0;
        for (int k = 0; k < uploads.size(); k++) {
            for (Priced line : uploads.get(k).priced()) {
                at = lineValues(values, at, line, msgids.get(k));
            }
        }
        for (Prepared u : uploads) {
            u.answer().values(values, at);
            at += StoredAnswer.PARAMS;
        }
        String sql = rows <= KEPT_STATEMENT_ROWS
                ? BATCH_STATEMENTS.computeIfAbsent(rows * 1000 + uploads.size(), k -> makeBatchStatement(rows, uploads.size()))
                : makeBatchStatement(rows, uploads.size());
        Map<String, FeeLineRow> stored = new HashMap<>();
        tail.query(sql, FeeLineRow::map, values).forEach(r -> stored.put(r.mdtrtId() + "\u0000" + r.feedetlSn(), r));
        return uploads.stream().map(u -> u.priced().stream()
                .map(p -> stored.get(p.input().mdtrtId() + "\u0000" + p.input().feedetlSn())).toList()).toList();
    }

    /** The batch inserts of up to {@link #KEPT_STATEMENT_ROWS} lines, by lines and answers. */
    private static final Map<Integer, String> BATCH_STATEMENTS = new ConcurrentHashMap<>();

    private static String makeBatchStatement(int rows, int answers) {
        return "with f as (\n" + INSERT_FEE_LINES + String.join(",\n", Collections.nCopies(rows, FEE_LINE_ROW))
                + "\nreturning " + FeeLineRow.COLUMNS + "\n), m as (\n" + StoredAnswer.insertPositional(answers)
                + "\n)\nselect * from f";
    }

    private static final int MAX_ROWS_PER_INSERT = 1000;

    private static final String INSERT_FEE_LINES = """
            insert into fee_line (mdtrt_id, psn_no, feedetl_sn, chrg_bchno, rxno, rx_circ_flag, rx_fixmedins_code,
                fee_ocur_time, med_list_codg, medins_list_codg, pric, cnt, det_item_fee_sumamt, bilg_dept_codg,
                bilg_dept_name, bilg_dr_codg, bilg_dr_name, hosp_appr_flag, chrgitm_lv, med_chrgitm_type,
                selfpay_prop, pric_uplmt_amt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt, inscp_scp_amt,
                acct_payable, memo, msgid)
            values
            """;

    /** The parameters of one row of {@link #INSERT_FEE_LINES}: one per column. */
    private static final int FEE_LINE_PARAMS = 29;

    /**
     * One row of {@link #INSERT_FEE_LINES}, its values bound by {@link #lineValues} in the column order.
     * Positional and through JdbcTemplate, not named: the named form made Spring build a parameter
     * list and rewrite the SQL on every call (145 parameters for 5 lines), and JdbcClient's positional
     * form names every parameter; either was the largest single source of garbage of a visit
     * (docs/performance.md, fifth pass).
     */
    private static final String FEE_LINE_ROW = "(" + String.join(", ", Collections.nCopies(FEE_LINE_PARAMS, "?")) + ")";

    /** The insert statements of up to this many lines are made once and kept (a HIS sends a few lines at a time). */
    private static final int KEPT_STATEMENT_ROWS = 64;

    private static final Map<Integer, String> INSERT_STATEMENTS = new ConcurrentHashMap<>();

    /** The insert of {@code rows} lines, with the answer's insert in a WITH when {@code withAnswer}. */
    private static String insertStatement(int rows, boolean withAnswer) {
        if (rows > KEPT_STATEMENT_ROWS) {
            return makeInsertStatement(rows, withAnswer);
        }
        return INSERT_STATEMENTS.computeIfAbsent(withAnswer ? -rows : rows, k -> makeInsertStatement(rows, withAnswer));
    }

    private static String makeInsertStatement(int rows, boolean withAnswer) {
        String insert = INSERT_FEE_LINES + String.join(",\n", Collections.nCopies(rows, FEE_LINE_ROW))
                + "\nreturning " + FeeLineRow.COLUMNS;
        return withAnswer ? "with f as (\n" + insert + "\n), m as (\n" + StoredAnswer.INSERT_POSITIONAL + "\n)\nselect * from f"
                : insert;
    }

    /** Puts the values of one {@link #FEE_LINE_ROW} into {@code into} from {@code at}; answers the next free index. */
    private static int lineValues(Object[] into, int at, Priced priced, String msgid) {
        LineInput l = priced.input();
        LinePricing p = priced.pricing();
        // what may be null is bound typed (SqlNullable): one parameter signature, one server-side prepare
        Object[] row = {l.mdtrtId(), l.psnNo(), l.feedetlSn(), l.chrgBchno(), text(l.rxno()), text(l.rxCircFlag()),
                text(l.rxFixmedinsCode()), l.feeOcurTime(), l.medListCodg(), text(l.medinsListCodg()), l.pric(), l.cnt(),
                p.total().amount(), text(l.bilgDeptCodg()), text(l.bilgDeptName()), text(l.bilgDrCodg()),
                text(l.bilgDrName()), text(l.hospApprFlag()), p.itemClass().chrgitmLv(),
                text(priced.item().map(CatalogEntry::medChrgitmType).orElse(null)), p.selfpayProp(), decimal(p.payStd()),
                p.ownpay().amount(), p.over().amount(), p.prepay().amount(), p.inScope().amount(), p.acctPayable(),
                text(priced.memo()), msgid};
        System.arraycopy(row, 0, into, at, FEE_LINE_PARAMS);
        return at + FEE_LINE_PARAMS;
    }

    /** 2205: chrg_bchno "0000" cancels every unsettled line of the visit; settled lines are never cancelled. */
    public int cancel(Institution inst, String psnNo, String mdtrtId, String chrgBchno) {
        Visit v = visits.lock(mdtrtId);
        VisitService.checkOwner(v, inst, psnNo);
        boolean all = "0000".equals(chrgBchno);
        List<FeeLineRow> target = db.sql("select " + FeeLineRow.COLUMNS + """
                 from fee_line where mdtrt_id = :m and cancelled_at is null and (:all or chrg_bchno = :b)
                """).param("m", mdtrtId).param("all", all).param("b", chrgBchno).query(FeeLineRow::map).list();
        if (!all && target.stream().anyMatch(l -> l.setlId() != null)) {
            throw new HisBusinessException("LINES_SETTLED", "收费批次 " + chrgBchno + " 的明细已结算，不能撤销（请先撤销结算2208） / settled lines cannot be cancelled");
        }
        long[] ids = target.stream().filter(l -> l.setlId() == null).mapToLong(FeeLineRow::lineId).toArray();
        if (ids.length == 0) {
            throw new HisBusinessException("NO_LINES", "就诊 " + mdtrtId + " 没有可撤销的未结算费用明细 / no unsettled lines to cancel");
        }
        return cancelLines(ids);
    }

    int cancelLines(long[] lineIds) {
        return db.sql("update fee_line set cancelled_at = :now where line_id = any(:ids) and cancelled_at is null and setl_id is null")
                .param("now", OffsetDateTime.now(clock)).param("ids", lineIds).update();
    }

    /**
     * 2601 of a 2204: cancels the unsettled lines that message uploaded. The visits they belong to are
     * locked first, one by one in psn_no, mdtrt_id order, as every writer of a visit's lines locks
     * them: a 2207 that has read those lines as open holds the visit until it has marked them
     * settled, and the update below, a statement after the locks, then sees the mark and leaves them
     * (without the lock, the reversal cancelled lines a settlement had just paid for). Every visit the
     * message uploaded to is locked, whatever its lines' state now (a 2208 may reopen them); the set
     * cannot grow, as only that 2204, already committed, uploaded under this msgid. The
     * institution's visits are a sub-select, not {@code update … from visit}: ShardingSphere refuses
     * an UPDATE naming two sharded tables (docs/scale-out.md).
     */
    public int cancelMessageLines(String msgid, String fixmedinsCode) {
        List<String> uploadedTo = db.sql("""
                select mdtrt_id from fee_line
                where msgid = :msgid and mdtrt_id in (select mdtrt_id from visit where fixmedins_code = :inst)
                group by psn_no, mdtrt_id order by psn_no, mdtrt_id
                """).param("msgid", msgid).param("inst", fixmedinsCode).query(String.class).list();
        for (String mdtrtId : uploadedTo) {
            visits.lock(mdtrtId);
        }
        return db.sql("""
                update fee_line set cancelled_at = :now
                where msgid = :msgid and cancelled_at is null and setl_id is null
                  and mdtrt_id in (select mdtrt_id from visit where fixmedins_code = :inst)
                """).param("now", OffsetDateTime.now(clock)).param("inst", fixmedinsCode).param("msgid", msgid).update();
    }

    /** The live lines of a visit, settled or not (5204). */
    public List<FeeLineRow> liveLines(String mdtrtId) {
        return db.sql("select " + FeeLineRow.COLUMNS + " from fee_line where mdtrt_id = :m and cancelled_at is null order by line_id")
                .param("m", mdtrtId).query(FeeLineRow::map).list();
    }
}
