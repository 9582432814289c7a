package cn.gongji.settlement;

import cn.gongji.benefit.EpisodeState;
import cn.gongji.common.Money;
import cn.gongji.benefit.StatusChange;
import cn.gongji.policy.PersonStatus;
import cn.gongji.supervision.Claim;
import cn.gongji.store.SqlArrays;
import cn.gongji.store.TailCommit;
import cn.gongji.supervision.SettlementFacts;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** SQL of settlements, their lines and the year accumulator. */
@Component
public class SettlementStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LINE_COLUMNS = FeeLineRow.COLUMNS.replaceAll("(\\w+)", "f.$1");

    private static final String PERSON_COLUMNS = ReferenceData.personColumns("p", "person_");

    private final JdbcClient db;
    private final TailCommit tail;
    private final ReferenceData ref;

    public SettlementStore(JdbcClient db, TailCommit tail, ReferenceData ref) {
        this.db = db;
        this.tail = tail;
        this.ref = ref;
    }

    /**
     * What a settlement of the visit reads besides the locked visit and accumulator, in ONE statement
     * (issue 9): the person, the visit's open fee lines (one row each), and — computed once per statement, as
     * uncorrelated sub-queries — the live settlement of the visit, the person's status history, the
     * latest insurance status change in force on the date of care, and the episodes at the episode
     * institution that could cover the visit, the own account's balance, and for supervision the
     * person's recorded death and other settled visits from {@code historyDays} before the visit to
     * the end of its day. Read after the locks were taken, so it sees what earlier settlements of
     * the person committed. Each sub-query leaves the planner one obvious index even when the
     * statistics are stale (a burst of settlements on a fresh database): the prior visits are found
     * from visit (psn_no, begntime) and each one's settlement by mdtrt_id.
     */
    public SettleState settleState(StateKey key) {
        List<FeeLineRow> lines = new ArrayList<>();
        SettleState[] head = new SettleState[1];
        db.sql(STATE_READ).params(key.params())
                .query((rs, i) -> {
                    if (i == 0) {
                        head[0] = stateOf(rs, Optional.ofNullable(ref.person(rs, "person_")));
                    }
                    rs.getLong("line_id");
                    if (!rs.wasNull()) {
                        lines.add(FeeLineRow.map(rs, i));
                    }
                    return null;
                }).list();
        return head[0].withLines(List.copyOf(lines));
    }

    /**
     * What a settlement reads about its visit (see {@link #settleState}): the visit and person, the
     * window of episodes that could cover it ({@code window} before {@code at}), and supervision's
     * history ({@code historyDays} before the visit to the end of its day).
     */
    public record StateKey(String mdtrtId, String psnNo, String episodeInst, LocalDateTime at, Duration window,
            int historyDays) {
        Map<String, Object> params() {
            return Map.of("m", mdtrtId, "p", psnNo, "d", at.toLocalDate(), "i", episodeInst, "efrom", at.minus(window),
                    "at", at, "hfrom", at.minusDays(historyDays), "hto", at.toLocalDate().plusDays(1).atStartOfDay());
        }
    }

    /** The per-visit part of the state read: scalar sub-queries on the parameters of {@link StateKey#params}. */
    private static final String STATE_SUBQUERIES = """
              (select setl_id from settlement
                where mdtrt_id = :m and refd_setl_id is null and cancelled_at is null) as live_setl_id,
              array(select status from person_status where psn_no = :p order by seq) as status_codes,
              array(select processed_date from person_status where psn_no = :p order by seq) as status_dates,
              (select status from insurance_status_change where psn_no = :p and effective_date <= :d
                order by effective_date desc, change_id desc limit 1) as insurance_status,
              (select effective_date from insurance_status_change where psn_no = :p and effective_date <= :d
                order by effective_date desc, change_id desc limit 1) as insurance_from,
              array(select episode_id from episode
                where psn_no = :p and fixmedins_code = :i and started_at > :efrom and started_at < :at + (:at - :efrom)
                order by started_at, episode_id) as episode_ids,
              array(select started_at from episode
                where psn_no = :p and fixmedins_code = :i and started_at > :efrom and started_at < :at + (:at - :efrom)
                order by started_at, episode_id) as episode_starts,
              array(select deductible_met from episode
                where psn_no = :p and fixmedins_code = :i and started_at > :efrom and started_at < :at + (:at - :efrom)
                order by started_at, episode_id) as episode_deductibles,
              (select balance from account where psn_no = :p and status = 'open') as own_balance,
              (select max(died_on) from person_death where psn_no = :p) as died_on,
              array(select array[v.mdtrt_id, v.fixmedins_code, v.episode_fixmedins, v.begntime::text,
                                 s.medfee_sumamt::text]
                from visit v
                join lateral (select medfee_sumamt from settlement
                              where mdtrt_id = v.mdtrt_id and refd_setl_id is null and cancelled_at is null) s on true
                where v.psn_no = :p and v.begntime >= :hfrom and v.begntime < :hto and v.mdtrt_id <> :m
                order by v.begntime, v.mdtrt_id) as prior_visits
            """;
    // The state reads are made once (a text built per call is hashed and compared in full by the
    // named-parameter cache on every call; the batch's also ran a regular expression over it).

    /** {@link #settleState}: the person, the open lines and {@link #STATE_SUBQUERIES} of one visit. */
    private static final String STATE_READ = "select " + PERSON_COLUMNS + ", " + LINE_COLUMNS + ",\n" + STATE_SUBQUERIES + """
            from (select 1) one
            left join person p on p.psn_no = :p
            left join fee_line f on f.mdtrt_id = :m and f.psn_no = :p and f.cancelled_at is null and f.setl_id is null
            order by f.line_id
            """;

    /** {@link #settleStates}: {@link #STATE_READ} for every visit of a batch, its parameters as arrays. */
    private static final String STATES_READ = "with k as materialized (select k.ord, k.m, k.p,\n"
            + STATE_SUBQUERIES.replaceAll("(?<!:):(\\w+)", "k.$1") + """
            from unnest(cast(:m as text[]), cast(:p as text[]), cast(:i as text[]), cast(:d as date[]),
                        cast(:efrom as timestamp[]), cast(:at as timestamp[]), cast(:hfrom as timestamp[]),
                        cast(:hto as timestamp[])) with ordinality as k(m, p, i, d, efrom, at, hfrom, hto, ord))
            select k.*,""" + " " + PERSON_COLUMNS + ", " + LINE_COLUMNS + """

            from k
            left join person p on p.psn_no = k.p
            left join fee_line f on f.mdtrt_id = k.m and f.psn_no = k.p and f.cancelled_at is null and f.setl_id is null
            order by k.ord, f.line_id
            """;


    /**
     * {@link #settleState} of several visits in ONE statement (a settlement batch): the same sub-queries,
     * evaluated once per visit in a materialized CTE over the keys, then the person and the open lines
     * joined to each. The states come back in the order of the keys.
     */
    public List<SettleState> settleStates(List<StateKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        int n = keys.size();
        String[] m = new String[n], p = new String[n], i = new String[n], d = new String[n], efrom = new String[n],
                at = new String[n], hfrom = new String[n], hto = new String[n];
        for (int k = 0; k < n; k++) {
            Map<String, Object> kp = keys.get(k).params();
            m[k] = (String) kp.get("m");
            p[k] = (String) kp.get("p");
            i[k] = (String) kp.get("i");
            d[k] = kp.get("d").toString();
            efrom[k] = kp.get("efrom").toString();
            at[k] = kp.get("at").toString();
            hfrom[k] = kp.get("hfrom").toString();
            hto[k] = kp.get("hto").toString();
        }
        List<List<FeeLineRow>> lines = new ArrayList<>();
        List<SettleState> heads = new ArrayList<>();
        db.sql(STATES_READ).param("m", SqlArrays.text(m)).param("p", SqlArrays.text(p)).param("i", SqlArrays.text(i))
                .param("d", SqlArrays.text(d)).param("efrom", SqlArrays.text(efrom)).param("at", SqlArrays.text(at))
                .param("hfrom", SqlArrays.text(hfrom)).param("hto", SqlArrays.text(hto))
                .query((rs, row) -> {
                    int ord = rs.getInt("ord");
                    if (ord > heads.size()) {
                        heads.add(stateOf(rs, Optional.ofNullable(ref.person(rs, "person_"))));
                        lines.add(new ArrayList<>());
                    }
                    rs.getLong("line_id");
                    if (!rs.wasNull()) {
                        lines.getLast().add(FeeLineRow.map(rs, row));
                    }
                    return null;
                }).list();
        if (heads.size() != n) {
            throw new IllegalStateException("state read of " + n + " visits returned " + heads.size());
        }
        List<SettleState> states = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            states.add(heads.get(k).withLines(List.copyOf(lines.get(k))));
        }
        return states;
    }

    /**
     * One visit of a settlement batch after {@link #lockAndReadForSettlement}: the visit locked with its
     * person's accumulator, whether that accumulator was created by the call (the person's first
     * settlement of the year), and the visit's state read with the keys of the window it was given.
     */
    public record LockedRead(VisitService.Locked locked, boolean created, SettleState state) {}

    /** The visit's columns first: {@link VisitService#visit} reads them by position. */
    private static final String LOCK_AND_READ = "select " + VisitService.VISIT_COLUMNS_OF_V + ", s.pool_paid, s.created, "
            + PERSON_COLUMNS + """
            , s.live_setl_id, s.status_codes, s.status_dates, s.insurance_status, s.insurance_from, s.episode_ids,
              s.episode_starts, s.episode_deductibles, s.own_balance, s.died_on, s.prior_visits,\s""" + LINE_COLUMNS + """
            , s.ord
            from gongji_lock_and_read_for_settlement(cast(:m as text[]), cast(:w as bigint) * interval '1 second', :h) s
            cross join lateral (select (s.visit_row).*) v
            cross join lateral (select (s.person_row).*) p
            cross join lateral (select (s.line_row).*) f
            """;

    /**
     * The first call of a settlement batch and of a 2207 one by one ({@code
     * gongji_lock_and_read_for_settlement}, migrations V024 and V027): locks these visits with their
     * persons' accumulators of the visit's year, in psn_no, mdtrt_id order, creating the accumulators
     * that do not exist yet, and then reads each visit's state as {@link #settleStates} does for the
     * key made of the visit with this episode {@code window} and {@code historyDays}, in a statement
     * of its own (it sees everything committed before the locks were granted). Keyed by mdtrt_id; a
     * visit that does not exist is absent, and so would be one whose accumulator the call could not
     * lock (V027 reads only the visits it locked; none is expected, as no accumulator is deleted once
     * committed).
     */
    public Map<String, LockedRead> lockAndReadForSettlement(List<String> mdtrtIds, Duration window, int historyDays) {
        if (mdtrtIds.isEmpty()) {
            return Map.of();
        }
        Map<Integer, LockedRead> heads = new TreeMap<>();
        Map<Integer, List<FeeLineRow>> lines = new HashMap<>();
        db.sql(LOCK_AND_READ).param("m", SqlArrays.text(mdtrtIds)).param("w", window.toSeconds()).param("h", historyDays)
                .query((rs, i) -> {
                    int ord = rs.getInt("ord");
                    if (!heads.containsKey(ord)) {
                        heads.put(ord, new LockedRead(new VisitService.Locked(VisitService.visit(rs, i),
                                Money.of(rs.getBigDecimal("pool_paid"))), rs.getBoolean("created"),
                                stateOf(rs, Optional.ofNullable(ref.person(rs, "person_")))));
                        lines.put(ord, new ArrayList<>());
                    }
                    rs.getLong("line_id");
                    if (!rs.wasNull()) {
                        lines.get(ord).add(FeeLineRow.map(rs, i));
                    }
                    return null;
                }).list();
        Map<String, LockedRead> out = new HashMap<>();
        heads.forEach((ord, r) -> out.put(r.locked().visit().mdtrtId(),
                new LockedRead(r.locked(), r.created(), r.state().withLines(List.copyOf(lines.get(ord))))));
        return out;
    }

    private static SettleState stateOf(ResultSet rs, Optional<Person> person) throws SQLException {
        String[] codes = (String[]) array(rs, "status_codes");
        Object[] dates = (Object[]) array(rs, "status_dates");
        List<StatusChange> history = new ArrayList<>();
        for (int k = 0; k < codes.length; k++) {
            history.add(new StatusChange(PersonStatus.fromCode(codes[k]), ((java.sql.Date) dates[k]).toLocalDate(), k == 0));
        }
        String insuranceStatus = rs.getString("insurance_status");
        Optional<CoverageRules.InsuranceChange> insurance = insuranceStatus == null ? Optional.empty()
                : Optional.of(new CoverageRules.InsuranceChange(insuranceStatus, rs.getObject("insurance_from", LocalDate.class)));
        Long[] ids = (Long[]) array(rs, "episode_ids");
        Object[] starts = (Object[]) array(rs, "episode_starts");
        BigDecimal[] met = (BigDecimal[]) array(rs, "episode_deductibles");
        List<EpisodeState> episodes = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            episodes.add(new EpisodeState(ids[k], ((java.sql.Timestamp) starts[k]).toLocalDateTime(), Money.of(met[k])));
        }
        BigDecimal own = rs.getBigDecimal("own_balance");
        List<Claim.PriorVisit> prior = new ArrayList<>();
        for (Object o : (Object[]) array(rs, "prior_visits")) {
            String[] v = (String[]) o;
            prior.add(new Claim.PriorVisit(v[0], v[1], v[2], LocalDateTime.parse(v[3].replace(' ', 'T')),
                    Money.of(new BigDecimal(v[4]))));
        }
        return new SettleState(person, rs.getString("live_setl_id"), history, insurance, episodes,
                own == null ? Money.ZERO : Money.of(own),
                new SettlementFacts.History(rs.getObject("died_on", LocalDate.class), prior), List.of());
    }

    private static Object array(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a.getArray();
    }

    /**
     * A computed settlement to record: the row, a new episode to open first when {@code newEpisodeInst}
     * is set (starting at {@code newEpisodeStart}), and the deductible the settlement met in its episode.
     */
    public record SettleWrite(SettlementRow row, String newEpisodeInst, LocalDateTime newEpisodeStart, Money deductible) {}

    private static final String SETTLE = """
            select gongji_settle(cast(:doc as jsonb), :inst, :start, :deductible)
            from year_accumulator where psn_no = :p and year = :y
            """;

    private static final String SETTLE_WITH_ANSWER = "with s as (\n" + SETTLE + "), m as (\n" + StoredAnswer.INSERT
            + "\n)\nselect * from s";

    /**
     * Records a computed settlement in ONE round trip ({@code gongji_settle}, migration V017): a new
     * episode when {@code newEpisodeInst} is set, the deductible it met, the settlement row, the fee
     * lines it covered and the fund payment on the year accumulator (locked by the caller).
     * Returns the episode id the settlement counts in (null when not pooled). {@code answer}, when
     * not null, is inserted into his_message by the same statement.
     */
    public Long settle(SettleWrite w, StoredAnswer answer) {
        SettlementRow s = w.row();
        Map<String, Object> params = new HashMap<>();
        params.put("doc", JSON.writeValueAsString(doc(s)));
        params.put("inst", w.newEpisodeInst());
        params.put("start", w.newEpisodeStart());
        params.put("deductible", w.deductible().amount());
        params.put("p", s.psnNo());
        params.put("y", s.year());
        RowMapper<Optional<Long>> counted = (rs, i) -> Optional.ofNullable(rs.getObject(1, Long.class));
        List<Optional<Long>> rows;
        if (answer == null) {
            rows = db.sql(SETTLE).params(params).query(counted).list();
        } else {
            answer.params(params);
            rows = tail.query(SETTLE_WITH_ANSWER, counted, params);   // the message's last statement (TailCommit)
        }
        return rows.stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no year accumulator row for " + s.psnNo() + " " + s.year()
                        + ": the settlement must lock it first"))
                .orElse(null);
    }

    /**
     * {@link #settle} of several settlements of DISTINCT persons in ONE round trip
     * ({@code gongji_settle_many}, migration V019), with set-based statements, storing their HIS
     * answers in his_message in the same call. Returns, in the order given, the episode id each
     * settlement counts in (null when not pooled).
     */
    public List<Long> settleMany(List<SettleWrite> writes, List<StoredAnswer> answers) {
        if (writes.isEmpty()) {
            return List.of();
        }
        ArrayNode docs = JSON.createArrayNode();
        for (SettleWrite w : writes) {
            docs.add(doc(w.row()).put("new_episode_inst", w.newEpisodeInst())
                    .put("new_episode_start", w.newEpisodeInst() == null ? null : w.newEpisodeStart().toString())
                    .put("deductible", w.deductible().amount()));
        }
        Map<String, Long> counted = new HashMap<>();
        ArrayNode stored = JSON.createArrayNode();
        for (StoredAnswer a : answers) {
            stored.addObject().put("fixmedins_code", a.fixmedinsCode()).put("msgid", a.msgid()).put("infno", a.infno())
                    .put("body_sha256", a.bodySha256()).put("psn_no", a.psnNo()).put("response", a.response());
        }
        // the batch's last statement, which commits it when the batch allows it (TailCommit)
        tail.query("select settled_setl_id, counted_episode_id from gongji_settle_many(cast(:docs as jsonb), cast(:answers as jsonb))",
                (rs, i) -> counted.put(rs.getString(1), rs.getObject(2, Long.class)),
                Map.of("docs", JSON.writeValueAsString(docs), "answers", JSON.writeValueAsString(stored)));
        List<Long> out = new ArrayList<>(writes.size());
        for (SettleWrite w : writes) {
            if (!counted.containsKey(w.row().setlId())) {
                throw new IllegalStateException("gongji_settle_many did not record " + w.row().setlId());
            }
            out.add(counted.get(w.row().setlId()));
        }
        return out;
    }

    /** The settlement row's columns by name, for {@code jsonb_populate_record} (amounts as JSON numbers: exact). */
    private static ObjectNode doc(SettlementRow s) {
        return JSON.createObjectNode()
                .put("setl_id", s.setlId()).put("refd_setl_id", s.refdSetlId()).put("mdtrt_id", s.mdtrtId())
                .put("psn_no", s.psnNo()).put("fixmedins_code", s.fixmedinsCode()).put("clr_type", s.clrType())
                .put("episode_id", s.episodeId()).put("setl_time", s.setlTime().toString())
                .put("care_date", s.careDate().toString()).put("year", s.year()).put("policy_version", s.policyVersion())
                .put("psn_type", s.psnType()).put("level", s.level()).put("med_type", s.medType())
                .put("medfee_sumamt", s.medfeeSumamt().amount()).put("fulamt_ownpay_amt", s.fulamtOwnpayAmt().amount())
                .put("overlmt_selfpay", s.overlmtSelfpay().amount()).put("preselfpay_amt", s.preselfpayAmt().amount())
                .put("inscp_scp_amt", s.inscpScpAmt().amount()).put("act_pay_dedc", s.actPayDedc().amount())
                .put("hifp_pay", s.hifpPay().amount()).put("pool_prop_selfpay", s.poolPropSelfpay())
                .put("fund_pay_sumamt", s.fundPaySumamt().amount()).put("psn_part_amt", s.psnPartAmt().amount())
                .put("acct_pay", s.acctPay().amount()).put("acct_mulaid_pay", s.acctMulaidPay().amount())
                .put("psn_cash_pay", s.psnCashPay().amount()).put("hosp_part_amt", s.hospPartAmt().amount())
                .put("balc", s.balc().amount()).put("crt_payb_lmt_amt", s.crtPaybLmtAmt().amount())
                .put("trace", s.trace()).put("msgid", s.msgid());
    }

    /**
     * Locks the person's accumulator row for the year in one round trip (creating it at zero) and
     * returns what the fund already paid: every settlement of the person waits here, so the annual
     * limit is re-checked under the lock (ARCHITECTURE.md invariant 2).
     */
    public Money lockAccumulator(String psnNo, int year) {
        return Money.of(db.sql("""
                insert into year_accumulator (psn_no, year) values (:p, :y)
                on conflict (psn_no, year) do update set pool_paid = year_accumulator.pool_paid
                returning pool_paid
                """).param("p", psnNo).param("y", year).query(BigDecimal.class).single());
    }

    /**
     * Takes the person's guard of each of these New Years ({@link EpisodeYears}), in ascending order,
     * until the transaction ends: a transaction-level advisory lock keyed (year, hashtext(psn_no)), the
     * key {@code gongji_lock_and_read_for_settlement} takes (migration V028; the two-integer advisory
     * keys are used for nothing else). Taken after the accumulator, before the state read. No round
     * trip when {@code years} is empty, as it is for every visit but those near a New Year (one per
     * year otherwise: one, unless the window is longer than a year). The statement names the person's
     * row, so a sharded deployment sends it to the person's node.
     */
    public void lockEpisodeYears(String psnNo, List<Integer> years) {
        for (int year : years.stream().sorted().toList()) {
            db.sql("select pg_advisory_xact_lock(:y, hashtext(psn_no)) from person where psn_no = :p")
                    .param("y", year).param("p", psnNo).query((rs, i) -> null).list();
        }
    }

    /**
     * Removes the accumulator rows {@link #lockAndReadForSettlement} made in this transaction for the
     * persons of these visits, not settled after all: each person's row of the year of the visit, and
     * only while nothing was added to it (a row of another year, even at zero, is not this call's).
     */
    public void dropUnusedAccumulators(List<Visit> visits) {
        if (visits.isEmpty()) {
            return;
        }
        db.sql("""
                delete from year_accumulator a
                using unnest(cast(:p as text[]), cast(:y as int[])) made(psn_no, year)
                where a.psn_no = made.psn_no and a.year = made.year and a.pool_paid = 0
                """)
                .param("p", SqlArrays.text(visits.stream().map(Visit::psnNo).toList()))
                .param("y", SqlArrays.ints(visits.stream().map(v -> v.begntime().getYear()).toList())).update();
    }

    /** Without a lock, for pre-settlement and queries. */
    public Money accumulator(String psnNo, int year) {
        return Money.of(db.sql("select coalesce(max(pool_paid), 0) from year_accumulator where psn_no = :p and year = :y")
                .param("p", psnNo).param("y", year).query(BigDecimal.class).single());
    }

    public void addToAccumulator(String psnNo, int year, Money amount) {
        db.sql("update year_accumulator set pool_paid = pool_paid + :a where psn_no = :p and year = :y")
                .param("a", amount.amount()).param("p", psnNo).param("y", year).update();
    }

    public Optional<SettlementRow> find(String setlId) {
        return db.sql("select " + SettlementRow.COLUMNS + " from settlement where setl_id = :id")
                .param("id", setlId).query(SettlementRow::map).optional();
    }

    public Optional<SettlementRow> liveFor(String mdtrtId) {
        return db.sql("select " + SettlementRow.COLUMNS
                        + " from settlement where mdtrt_id = :id and refd_setl_id is null and cancelled_at is null")
                .param("id", mdtrtId).query(SettlementRow::map).optional();
    }

    public Optional<SettlementRow> reversalOf(String setlId) {
        return db.sql("select " + SettlementRow.COLUMNS + " from settlement where refd_setl_id = :id")
                .param("id", setlId).query(SettlementRow::map).optional();
    }

    public void insert(SettlementRow s) {
        db.sql("insert into settlement (" + SettlementRow.COLUMNS + """
                ) values (:setl_id, :refd, :mdtrt, :psn, :inst, :clr, :episode, :time, :care, :year, :policy, :psn_type,
                  :level, :med, :medfee, :ownpay, :over, :prepay, :inscp, :dedc, :hifp, :ratio, :fund, :psn_part, :acct,
                  :mulaid, :cash, :hosp, :balc, :lmt, :trace, :msgid, null)
                """)
                .param("setl_id", s.setlId()).param("refd", s.refdSetlId()).param("mdtrt", s.mdtrtId())
                .param("psn", s.psnNo()).param("inst", s.fixmedinsCode()).param("clr", s.clrType())
                .param("episode", s.episodeId()).param("time", s.setlTime()).param("care", s.careDate())
                .param("year", s.year()).param("policy", s.policyVersion()).param("psn_type", s.psnType())
                .param("level", s.level()).param("med", s.medType()).param("medfee", s.medfeeSumamt().amount())
                .param("ownpay", s.fulamtOwnpayAmt().amount()).param("over", s.overlmtSelfpay().amount())
                .param("prepay", s.preselfpayAmt().amount()).param("inscp", s.inscpScpAmt().amount())
                .param("dedc", s.actPayDedc().amount()).param("hifp", s.hifpPay().amount())
                .param("ratio", s.poolPropSelfpay()).param("fund", s.fundPaySumamt().amount())
                .param("psn_part", s.psnPartAmt().amount()).param("acct", s.acctPay().amount())
                .param("mulaid", s.acctMulaidPay().amount()).param("cash", s.psnCashPay().amount())
                .param("hosp", s.hospPartAmt().amount()).param("balc", s.balc().amount())
                .param("lmt", s.crtPaybLmtAmt().amount()).param("trace", s.trace()).param("msgid", s.msgid())
                .update();
    }

    /** Records which lines the settlement covered and marks them settled (the visit row is locked by the caller). */
    public void settleLines(String setlId, String mdtrtId) {
        db.sql("""
                insert into settlement_line (setl_id, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt,
                    overlmt_amt, preselfpay_amt, inscp_scp_amt)
                select :s, line_id, psn_no, det_item_fee_sumamt, fulamt_ownpay_amt, overlmt_amt, preselfpay_amt,
                       inscp_scp_amt
                from fee_line where mdtrt_id = :m and cancelled_at is null and setl_id is null
                """).param("s", setlId).param("m", mdtrtId).update();
        db.sql("update fee_line set setl_id = :s where mdtrt_id = :m and cancelled_at is null and setl_id is null")
                .param("s", setlId).param("m", mdtrtId).update();
    }

    public void releaseLines(String setlId) {
        db.sql("""
                update fee_line set setl_id = null
                where line_id in (select line_id from settlement_line where setl_id = :s) and setl_id = :s
                """).param("s", setlId).update();
    }

    /**
     * The settlement, its row locked for a cancel (after the person's accumulator): a recovery of its
     * fund share (clearing's {@code RecoveryService}) locks the same row, so a cancel and a recovery of
     * one settlement never both go through (clearing's {@code RecoveredCancelGuard} refuses the cancel
     * of a recovered one). Named with the person too, which routes it on sharded nodes.
     */
    public SettlementRow lockForCancel(String setlId, String psnNo) {
        return db.sql("select " + SettlementRow.COLUMNS + " from settlement where setl_id = :id and psn_no = :p for update")
                .param("id", setlId).param("p", psnNo).query(SettlementRow::map).single();
    }

    public void stampCancelled(String setlId, OffsetDateTime at) {
        db.sql("update settlement set cancelled_at = :at where setl_id = :s").param("at", at).param("s", setlId).update();
    }

    public long newEpisode(String psnNo, String fixmedinsCode, LocalDateTime startedAt) {
        return db.sql("insert into episode (psn_no, fixmedins_code, started_at) values (:p, :i, :t) returning episode_id")
                .param("p", psnNo).param("i", fixmedinsCode).param("t", startedAt).query(Long.class).single();
    }

    public void addToEpisode(long episodeId, Money deductible) {
        db.sql("update episode set deductible_met = deductible_met + :d where episode_id = :e")
                .param("d", deductible.amount()).param("e", episodeId).update();
    }

    /**
     * After a cancel: an episode starts at the care time of its first visit (POLICY.md §3 step 2), so
     * when no live settlement's visit begins at its start any more, the start moves to the earliest
     * visit still settled in it, or becomes null when none is left (V033: a null start is in no
     * range, so the episode is not found again). A start that still has its visit stays, also when
     * a late visit before it joined the episode (docs/decisions.md D2).
     */
    public void reanchorEpisode(long episodeId, String psnNo) {
        // one read of the start and the care times of the live settlements in it, joined on psn_no, and
        // the write only when the start moves: plain statements, which sharded nodes route (docs/scale-out.md)
        record Row(LocalDateTime start, LocalDateTime live) {}
        List<Row> rows = db.sql("""
                select e.started_at, v.begntime from episode e
                left join settlement s on s.episode_id = e.episode_id and s.psn_no = e.psn_no
                                      and s.refd_setl_id is null and s.cancelled_at is null
                left join visit v on v.mdtrt_id = s.mdtrt_id and v.psn_no = s.psn_no
                where e.episode_id = :e and e.psn_no = :p
                """).param("e", episodeId).param("p", psnNo)
                .query((rs, i) -> new Row(rs.getObject(1, LocalDateTime.class), rs.getObject(2, LocalDateTime.class)))
                .list();
        LocalDateTime start = rows.isEmpty() ? null : rows.get(0).start();
        if (start == null || rows.stream().anyMatch(r -> start.equals(r.live()))) {
            return;
        }
        LocalDateTime earliest = rows.stream().map(Row::live).filter(t -> t != null).min(Comparator.naturalOrder()).orElse(null);
        db.sql("update episode set started_at = :t where episode_id = :e and psn_no = :p")
                .param("t", earliest, java.sql.Types.TIMESTAMP).param("e", episodeId).param("p", psnNo).update();
    }

    /**
     * Episodes of the person at the institution that a visit at {@code at} could count in: started
     * within the window before it, or (for a visit registered late) within the window after it
     * ({@link cn.gongji.benefit.EpisodeRule#find} chooses).
     */
    public List<EpisodeState> episodes(String psnNo, String fixmedinsCode,
            LocalDateTime at, Duration window) {
        return db.sql("""
                select episode_id, started_at, deductible_met from episode
                where psn_no = :p and fixmedins_code = :i and started_at > :from and started_at < :to
                """).param("p", psnNo).param("i", fixmedinsCode).param("from", at.minus(window)).param("to", at.plus(window))
                .query((rs, i) -> new EpisodeState(rs.getLong(1),
                        rs.getObject(2, LocalDateTime.class), Money.of(rs.getBigDecimal(3))))
                .list();
    }
}
