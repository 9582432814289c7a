package cn.gongji.settlement;

import cn.gongji.common.TtlCache;
import cn.gongji.benefit.StatusChange;
import cn.gongji.common.Money;
import cn.gongji.ops.pii.PiiCrypto;
import cn.gongji.policy.Level;
import cn.gongji.policy.PersonStatus;
import cn.gongji.registry.InstitutionChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Reads the registry tables (institutions, persons, status history, accounts) that settlement depends on. */
@Component
public class ReferenceData {

    private static final String PERSON_COLUMNS = """
            psn_no, certno_enc, psn_cert_type, psn_name, gend, naty, brdy, insuplc_admdvs, emp_name, insutype,
            insu_date, paus_insu_date, card_no, card_sn""";

    /** The person read by each key {@link #personBy} takes (an ID number by its keyed hash), made once. */
    private static final Map<String, String> PERSON_BY = Map.of(
            "psn_no", "select " + PERSON_COLUMNS + " from person where psn_no = :v",
            "certno", "select " + PERSON_COLUMNS + " from person where certno_hash = :v",
            "card_no", "select " + PERSON_COLUMNS + " from person where card_no = :v",
            "evoucher_token", "select " + PERSON_COLUMNS + " from person where evoucher_token = :v");

    private final JdbcClient db;
    private final TtlCache<String, Institution> institutions;
    private final PiiCrypto crypto;

    public ReferenceData(JdbcClient db, PiiCrypto crypto, @Value("${gongji.cache.reference-ttl:PT5S}") Duration referenceTtl) {
        this.db = db;
        this.crypto = crypto;
        this.institutions = new TtlCache<>(referenceTtl, System::nanoTime);
    }

    /** Cached for {@code gongji.cache.reference-ttl} (every HIS message authenticates with it). */
    public Optional<Institution> institution(String code) {
        Institution held = institutions.get(code);
        if (held != null) {
            return Optional.of(held);
        }
        Optional<Institution> read = readInstitution(code);
        read.ifPresent(i -> institutions.put(code, i));
        return read;
    }

    /** The agency API changed the institution: read it afresh (after the change committed). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(InstitutionChanged changed) {
        institutions.evict(changed.code());
    }

    private Optional<Institution> readInstitution(String code) {
        return db.sql("""
                select fixmedins_code, fixmedins_name, kind, level, admdvs, internet_of, secret, active
                from institution where fixmedins_code = :code
                """)
                .param("code", code)
                .query((rs, i) -> new Institution(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : Level.valueOf(rs.getString(4)), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getBoolean(8)))
                .optional();
    }

    /**
     * An internet hospital is designated through its physical institution (POLICY.md §4: its service is
     * priced as that institution's): false when that institution is deactivated or gone. True for any
     * other institution.
     */
    public boolean physicalActive(Institution inst) {
        return inst.internetOf() == null || institution(inst.internetOf()).map(Institution::active).orElse(false);
    }

    public Institution requireInstitution(String code) {
        return institution(code).orElseThrow(() -> new HisBusinessException("INSTITUTION",
                "定点机构 " + code + " 未登记 / institution " + code + " is not registered"));
    }

    /** By psn_no, ID number (found by its keyed hash), social security card number or e-voucher token. */
    public Optional<Person> personBy(String column, String value) {
        String select = PERSON_BY.get(column);
        if (select == null) {
            throw new IllegalArgumentException(column);
        }
        boolean certno = column.equals("certno");
        return db.sql(select)
                .param("v", certno ? crypto.hash(value) : value)
                .query(this::person)
                .optional();
    }

    public Person requirePerson(String psnNo) {
        return personBy("psn_no", psnNo).orElseThrow(() -> new HisBusinessException("PERSON",
                "参保人 " + psnNo + " 不存在 / insured person " + psnNo + " not found"));
    }

    public List<StatusChange> statusHistory(String psnNo) {
        return db.sql("select status, processed_date, seq from person_status where psn_no = :p order by seq")
                .param("p", psnNo)
                .query((rs, i) -> new StatusChange(PersonStatus.fromCode(rs.getString(1)),
                        rs.getObject(2, LocalDate.class), i == 0))
                .list();
    }

    /** The balance of the person's own open account; zero when there is none. */
    public Money ownBalance(String psnNo) {
        return db.sql("select balance from account where psn_no = :p and status = 'open'")
                .param("p", psnNo)
                .query((rs, i) -> Money.of(rs.getBigDecimal(1)))
                .optional()
                .orElse(Money.ZERO);
    }

    /** An off-site registration (异地就医备案) of the person covering the date and the city of care (any of its districts). */
    public boolean offsiteRegistered(String psnNo, String admdvs, LocalDate date) {
        return db.sql("""
                select count(*) from offsite_registration
                where psn_no = :p and left(admdvs, 4) = left(:a, 4) and ended_at is null
                  and begndate <= :d and (enddate is null or enddate >= :d)
                """)
                .param("p", psnNo).param("a", admdvs).param("d", date)
                .query(Long.class).single() > 0;
    }

    private Person person(ResultSet rs, int i) throws SQLException {
        return person(rs, "");
    }

    /** The person columns as read by {@link #person(ResultSet, String)}: {@code alias.column as prefix_column}. */
    static String personColumns(String alias, String prefix) {
        return java.util.Arrays.stream(PERSON_COLUMNS.split(","))
                .map(String::strip)
                .map(c -> alias + "." + c + " as " + prefix + c)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A person read with {@link #personColumns}; null when the person columns are null (no such person). */
    Person person(ResultSet rs, String prefix) throws SQLException {
        String psnNo = rs.getString(prefix + "psn_no");
        if (psnNo == null) {
            return null;
        }
        return new Person(psnNo, crypto.decrypt(rs.getString(prefix + "certno_enc")), rs.getString(prefix + "psn_cert_type"),
                rs.getString(prefix + "psn_name"), rs.getString(prefix + "gend"), rs.getString(prefix + "naty"),
                rs.getObject(prefix + "brdy", LocalDate.class), rs.getString(prefix + "insuplc_admdvs"),
                rs.getString(prefix + "emp_name"), rs.getString(prefix + "insutype"),
                rs.getObject(prefix + "insu_date", LocalDate.class), rs.getObject(prefix + "paus_insu_date", LocalDate.class),
                rs.getString(prefix + "card_no"), rs.getString(prefix + "card_sn"));
    }
}
