package cn.gongji.registry;

import cn.gongji.common.Admdvs;
import cn.gongji.registry.Views.Binding;
import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.web.AgencyProblem;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Family bindings (家庭共济) and off-site registrations (异地就医备案) of a person. */
@Service
public class LinkService {

    public static final Set<String> RELATIONS = Set.of("spouse", "parent", "child");

    private final JdbcClient db;
    private final PersonService persons;
    private final Clock clock;
    private final PiiCrypto crypto;

    public LinkService(JdbcClient db, PersonService persons, Clock clock, PiiCrypto crypto) {
        this.crypto = crypto;
        this.db = db;
        this.persons = persons;
        this.clock = clock;
    }

    /** memberPsnNo or memberCertno (one of them, validated by the caller) names the member. */
    @Transactional
    public long bind(String holder, String memberPsnNo, String memberCertno, String relation) {
        persons.lockPerson(holder);
        String member = memberPsnNo != null ? memberPsnNo : byCertno(memberCertno);
        String field = memberPsnNo != null ? "member_psn_no" : "member_certno";
        if (member == null || (memberPsnNo != null && !exists(memberPsnNo))) {
            throw AgencyProblem.invalid(field, "被绑定的参保人不存在", "no such insured person to bind");
        }
        if (memberCertno != null && memberPsnNo != null && !member.equals(byCertno(memberCertno))) {
            throw AgencyProblem.invalid("member_certno", "与 member_psn_no 不是同一人", "names a different person than member_psn_no");
        }
        if (member.equals(holder)) {
            throw AgencyProblem.invalid(field, "不能绑定本人", "a person cannot bind themself");
        }
        boolean active = db.sql("""
                select exists(select 1 from family_binding
                              where psn_no = :h and member_psn_no = :m and unbound_at is null)
                """).param("h", holder).param("m", member).query(Boolean.class).single();
        if (active) {
            throw AgencyProblem.conflict(field, "已存在有效的绑定", "an active binding to this member already exists");
        }
        return db.sql("""
                insert into family_binding (psn_no, member_psn_no, relation, bound_at)
                values (:h, :m, :r, :t) returning binding_id
                """).param("h", holder).param("m", member).param("r", relation)
                .param("t", Timestamp.from(clock.instant()))
                .query(Long.class).single();
    }

    /** Ends a binding; history is kept. Ending an already ended binding answers it unchanged. */
    @Transactional
    public Binding unbind(String holder, long bindingId) {
        persons.lockPerson(holder);
        db.sql("update family_binding set unbound_at = :t where binding_id = :b and psn_no = :h and unbound_at is null")
                .param("t", Timestamp.from(clock.instant())).param("b", bindingId).param("h", holder)
                .update();
        return db.sql("select * from family_binding where binding_id = :b and psn_no = :h")
                .param("b", bindingId).param("h", holder)
                .query((rs, i) -> persons.binding(rs))
                .optional()
                .orElseThrow(() -> AgencyProblem.notFound("绑定 binding", String.valueOf(bindingId)));
    }

    @Transactional
    public long registerOffsite(String psnNo, String admdvs, OffsiteCategory category, LocalDate begn, LocalDate end) {
        persons.lockPerson(psnNo);
        String insuplc = db.sql("select insuplc_admdvs from person where psn_no = :p").param("p", psnNo)
                .query(String.class).single();
        // 异地 means outside the insured city (统筹区): same first four digits = same city
        if (Admdvs.sameCity(admdvs, insuplc)) {
            throw AgencyProblem.invalid("admdvs", "就医地与参保地属同一统筹区，无需异地备案",
                    "is in the insured place's own city; off-site registration is for other cities");
        }
        return db.sql("""
                insert into offsite_registration (psn_no, admdvs, category, begndate, enddate)
                values (:p, :a, :c, :b, :e) returning registration_id
                """).param("p", psnNo).param("a", admdvs).param("c", category.code).param("b", begn).param("e", end)
                .query(Long.class).single();
    }

    private String byCertno(String certno) {
        if (certno == null) {
            return null;
        }
        return db.sql("select psn_no from person where certno_hash = :c").param("c", crypto.hash(certno))
                .query(String.class).optional().orElse(null);
    }

    private boolean exists(String psnNo) {
        return db.sql("select exists(select 1 from person where psn_no = :p)").param("p", psnNo)
                .query(Boolean.class).single();
    }
}
