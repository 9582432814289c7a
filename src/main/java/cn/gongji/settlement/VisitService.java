package cn.gongji.settlement;

import static cn.gongji.store.SqlNullable.text;

import cn.gongji.common.Money;
import cn.gongji.policy.PolicyBook;
import cn.gongji.policy.db.PolicyStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Outpatient visits: register (2201), cancel the registration (2202), visit information (2203). */
@Service
public class VisitService {

    /** HIS clocks drift: a begntime up to this far ahead of ours is not "in the future". */
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(60);

    private final JdbcClient db;
    private final Ids ids;
    private final PolicyStore policies;
    private final Clock clock;
    private final Duration maxBackdate;

    public VisitService(JdbcClient db, Ids ids, PolicyStore policies, Clock clock,
            @Value("${gongji.settlement.max-backdate:P7D}") Duration maxBackdate) {
        this.db = db;
        this.ids = ids;
        this.policies = policies;
        this.clock = clock;
        this.maxBackdate = maxBackdate;
    }

    public Visit register(Institution inst, Person person, Registration r) {
        if (!inst.hospital()) {
            throw new HisBusinessException("KIND", "定点药店不能办理门诊挂号，请使用2101–2103 / a pharmacy cannot register outpatient visits");
        }
        checkDateOfCare(person, r.begntime());
        return db.sql(INSERT_VISIT + "values (" + VISIT_VALUES + ")\nreturning " + VISIT_COLUMNS)
                .params(registrationParams(inst, person.psnNo(), r))
                .query(VisitService::visit).single();
    }

    /**
     * 2201 in ONE statement when everything is in order: the visit is inserted from the person's row,
     * under the conditions {@link #register} checks one by one (the person exists, is insured in
     * {@code insuplcAdmdvs} when given, and was insured on the date of care), and returned. Empty when
     * any check would fail, without writing anything: the caller then takes the step-by-step path,
     * which answers the exact refusal (or registers, if the person changed in between).
     */
    public Optional<Visit> registerWhenValid(Institution inst, String psnNo, String insuplcAdmdvs, Registration r) {
        if (!inst.hospital() || !dateOfCareAcceptable(r.begntime())) {
            return Optional.empty();
        }
        return db.sql(INSERT_VISIT_FROM_PERSON + "\nreturning " + VISIT_COLUMNS)
                .params(inOrderParams(inst, psnNo, insuplcAdmdvs, r))
                .query(VisitService::visit).optional();
    }

    /**
     * 2201 in ONE round trip: {@link #registerWhenValid}'s insert and the message's stored answer
     * (his_message) in one statement, which the caller runs outside any transaction, so that it
     * commits by itself. {@code answer} renders the answer for the id the visit gets, before the
     * insert. False when any check would fail, without writing anything; a msgid already stored
     * fails the whole statement (DuplicateKeyException), and nothing is written either.
     */
    public boolean registerAnswered(Institution inst, String insuplcAdmdvs, Registration r,
            Function<String, StoredAnswer> answer) {
        if (!inst.hospital() || !dateOfCareAcceptable(r.begntime())) {
            return false;
        }
        Map<String, Object> params = inOrderParams(inst, r.psnNo(), insuplcAdmdvs, r);
        StoredAnswer a = answer.apply((String) params.get("id"));
        // the answer is inserted only with the visit (select … from v)
        return a.bind(db.sql(REGISTER_ANSWERED))
                .params(params)
                .query(Integer.class).single() == 1;
    }

    /** The parameters of {@link #INSERT_VISIT_FROM_PERSON}. */
    private Map<String, Object> inOrderParams(Institution inst, String psnNo, String insuplcAdmdvs, Registration r) {
        Map<String, Object> p = registrationParams(inst, psnNo, r);
        p.put("careDate", r.begntime().toLocalDate());
        p.put("insuplc", text(insuplcAdmdvs));
        return p;
    }

    private Map<String, Object> registrationParams(Institution inst, String psnNo, Registration r) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", ids.mdtrtId());
        p.put("psn", psnNo);
        p.put("inst", inst.code());
        p.put("epi", inst.episodeInstitution());
        p.put("insutype", r.insutype());
        p.put("med", r.medType());
        p.put("begn", r.begntime());
        // the optional fields bound typed (SqlNullable): one parameter signature, one server-side prepare
        p.put("ipt", text(r.iptOtpNo()));
        p.put("certType", text(r.mdtrtCertType()));
        p.put("certNo", text(r.mdtrtCertNo()));
        p.put("atddr", text(r.atddrNo()));
        p.put("dr", text(r.drName()));
        p.put("dept", text(r.deptCode()));
        p.put("deptName", text(r.deptName()));
        p.put("caty", text(r.caty()));
        p.put("area", r.mdtrtareaAdmvs() != null ? r.mdtrtareaAdmvs() : inst.admdvs());
        p.put("msgid", r.msgid());
        return p;
    }

    private static final String INSERT_VISIT = """
            insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime,
                ipt_otp_no, mdtrt_cert_type, mdtrt_cert_no, atddr_no, dr_name, dept_code, dept_name, caty,
                mdtrtarea_admvs, msgid)
            """;

    private static final String VISIT_VALUES = """
            :id, :psn, :inst, :epi, :insutype, :med, :begn, :ipt, :certType, :certNo, :atddr, :dr,
                :dept, :deptName, :caty, :area, :msgid""";

    /**
     * The visit inserted from the person's row, under the conditions {@link #register} checks one by
     * one: the person exists, was insured on the date of care, and in {@code :insuplc} when given.
     */
    private static final String INSERT_VISIT_FROM_PERSON = INSERT_VISIT + "select " + VISIT_VALUES + """

            from person p
            where p.psn_no = :psn and p.insu_date <= :careDate
              and (cast(:insuplc as varchar) is null or p.insuplc_admdvs = :insuplc)""";

    /** {@link #registerAnswered}'s one statement, made once. */
    private static final String REGISTER_ANSWERED = "with v as (\n" + INSERT_VISIT_FROM_PERSON + "\nreturning psn_no\n), m as (\n"
            + StoredAnswer.INSERT_INTO + "\nselect " + StoredAnswer.VALUES + " from v\nreturning 1\n)\n"
            + "select count(*) from m";

    /** The checks of {@link #checkDateOfCare} that need no person: not in the future, not too old, a policy in force. */
    private boolean dateOfCareAcceptable(LocalDateTime begntime) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (begntime.isAfter(now.plus(CLOCK_TOLERANCE)) || begntime.isBefore(now.minus(maxBackdate))) {
            return false;
        }
        try {
            policies.book().inForceOn(begntime.toLocalDate());
            return true;
        } catch (PolicyBook.NoPolicyInForce e) {
            return false;
        }
    }

    /** POLICY.md §3 / PROTOCOL.md §3: not in the future, not older than the backdate setting, within a policy and the insurance. */
    public void checkDateOfCare(Person person, LocalDateTime begntime) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (begntime.isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw new HisBusinessException("BEGNTIME_FUTURE", "就诊时间 begntime " + begntime.format(Formats.DATE_TIME)
                    + " 晚于当前时间，不能登记未来的就诊 / begntime lies in the future");
        }
        if (begntime.isBefore(now.minus(maxBackdate))) {
            throw new HisBusinessException("BEGNTIME_TOO_OLD", "就诊时间 begntime " + begntime.format(Formats.DATE_TIME)
                    + " 早于允许的补登期限（" + readable(maxBackdate) + "，即 " + now.minus(maxBackdate).format(Formats.DATE_TIME)
                    + " 之后） / begntime is older than the allowed backdate " + maxBackdate);
        }
        try {
            policies.book().inForceOn(begntime.toLocalDate());
        } catch (PolicyBook.NoPolicyInForce e) {
            throw new HisBusinessException("NO_POLICY", "就诊日期 " + e.date() + " 无在施行的门诊共济政策（自 " + e.earliest()
                    + " 起施行） / no policy in force on " + e.date());
        }
        // a suspended or ended insurance is not refused here: the visit settles without pooling
        // (CoverageRules), and the personal account stays usable (issue 4 item 6)
        if (begntime.toLocalDate().isBefore(person.insuDate())) {
            throw new HisBusinessException("NOT_INSURED", "参保人 " + person.psnNo() + " 的参保日期为 " + person.insuDate()
                    + "，就诊日期 " + begntime.toLocalDate() + " 尚未参保 / the person was not yet insured on the date of care");
        }
    }

    private static String readable(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + " 天" : d.toString();
    }

    public Optional<Visit> find(String mdtrtId) {
        return db.sql(VISIT_SELECT + " where mdtrt_id = :id").param("id", mdtrtId).query(VisitService::visit).optional();
    }

    /** Locks the visit row: fee uploads, settlement and registration cancel of one visit are serialised. */
    public Visit lock(String mdtrtId) {
        return db.sql(VISIT_SELECT + " where mdtrt_id = :id for update").param("id", mdtrtId)
                .query(VisitService::visit).optional()
                .orElseThrow(() -> new HisBusinessException("VISIT", "就诊 mdtrt_id " + mdtrtId + " 不存在 / visit not found"));
    }

    /** A visit locked for settlement, and what the fund already paid its person in the year of care. */
    public record Locked(Visit visit, Money poolPaid) {}

    /**
     * Locks the visit row and the person's accumulator row for the year of care, in that order (the
     * order {@link #lock} and {@link SettlementStore#lockAccumulator} take them one after the other),
     * and returns what the fund already paid: every settlement of the person waits here, so the
     * annual limit is checked against what every earlier settlement left (a row lock waited for
     * returns the row as that settlement committed it).
     *
     * <p>One plain {@code select … for update} of the visit joined to its person's accumulator, for the
     * usual case: the visit is the named person's and the accumulator exists. It names psn_no, so a
     * sharded deployment sends it to the person's node only. Empty otherwise — the first settlement of
     * the person in the year, a visit that is someone else's or none at all: then the caller locks the
     * visit alone and creates the accumulator ({@link SettlementStore#lockAccumulator}).
     */
    public Optional<Locked> lockWithAccumulator(String mdtrtId, String psnNo) {
        return db.sql("""
                select v.mdtrt_id, v.psn_no, v.fixmedins_code, v.episode_fixmedins, v.insutype, v.med_type, v.begntime,
                       v.ipt_otp_no, v.mdtrt_cert_type, v.mdtrtarea_admvs, v.status, a.pool_paid
                from visit v
                join year_accumulator a on a.psn_no = v.psn_no and a.year = cast(extract(year from v.begntime) as int)
                where v.mdtrt_id = :id and v.psn_no = :p
                for update
                """).param("id", mdtrtId).param("p", psnNo)
                .query((rs, i) -> new Locked(visit(rs, i), Money.of(rs.getBigDecimal("pool_paid")))).optional();
    }

    /** The visit must be this institution's and this person's, and not cancelled. */
    public static void checkOwner(Visit v, Institution inst, String psnNo) {
        if (!v.fixmedinsCode().equals(inst.code())) {
            throw new HisBusinessException("VISIT_OTHER_INSTITUTION", "就诊 " + v.mdtrtId() + " 不是本机构登记的 / the visit belongs to another institution");
        }
        if (psnNo != null && !v.psnNo().equals(psnNo)) {
            throw new HisBusinessException("VISIT_OTHER_PERSON", "就诊 " + v.mdtrtId() + " 不属于参保人 " + psnNo + " / the visit belongs to another person");
        }
        if (v.cancelled()) {
            throw new HisBusinessException("VISIT_CANCELLED", "就诊 " + v.mdtrtId() + " 已撤销挂号 / the visit registration was cancelled");
        }
    }

    public boolean hasLiveSettlement(String mdtrtId) {
        return db.sql("select count(*) from settlement where mdtrt_id = :id and refd_setl_id is null and cancelled_at is null")
                .param("id", mdtrtId).query(Long.class).single() > 0;
    }

    /** 2202: only an unsettled visit; its unsettled lines are cancelled with it. */
    public void cancelRegistration(Institution inst, String psnNo, String mdtrtId) {
        Visit v = lock(mdtrtId);
        checkOwner(v, inst, psnNo);
        if (hasLiveSettlement(mdtrtId)) {
            throw new HisBusinessException("VISIT_SETTLED", "就诊 " + mdtrtId + " 已结算，请先撤销结算（2208） / settled: cancel the settlement first");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        db.sql("update visit set status = 'cancelled' where mdtrt_id = :id").param("id", mdtrtId).update();
        db.sql("update fee_line set cancelled_at = :now where mdtrt_id = :id and cancelled_at is null and setl_id is null")
                .param("now", now).param("id", mdtrtId).update();
    }

    /** 2203: medical type and diagnosis; the date of care stays the 2201 begntime. */
    public void updateInfo(Institution inst, String psnNo, String mdtrtId, String medType, String mainCond,
            String diseCodg, String diseName) {
        Visit v = lock(mdtrtId);
        checkOwner(v, inst, psnNo);
        if (hasLiveSettlement(mdtrtId)) {
            throw new HisBusinessException("VISIT_SETTLED", "就诊 " + mdtrtId + " 已结算，不能修改就诊信息 / the visit is settled");
        }
        db.sql("""
                update visit set med_type = coalesce(:med, med_type), main_cond_dscr = coalesce(:cond, main_cond_dscr),
                    dise_codg = coalesce(:dc, dise_codg), dise_name = coalesce(:dn, dise_name)
                where mdtrt_id = :id
                """)
                .param("med", medType).param("cond", mainCond).param("dc", diseCodg).param("dn", diseName)
                .param("id", mdtrtId).update();
    }

    private static final String VISIT_COLUMNS = """
            mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime, ipt_otp_no,
                   mdtrt_cert_type, mdtrtarea_admvs, status""";

    private static final String VISIT_SELECT = "select " + VISIT_COLUMNS + "\nfrom visit";

    /** {@link #VISIT_COLUMNS} of the visit aliased {@code v}, for statements that join it: read with {@link #visit}. */
    static final String VISIT_COLUMNS_OF_V = Arrays.stream(VISIT_COLUMNS.split(","))
            .map(c -> "v." + c.strip()).collect(Collectors.joining(", "));

    /** A visit read with {@link #VISIT_COLUMNS} (or {@link #VISIT_COLUMNS_OF_V}) first in the row. */
    static Visit visit(ResultSet rs, int i) throws SQLException {
        return new Visit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, LocalDateTime.class), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11));
    }
}
