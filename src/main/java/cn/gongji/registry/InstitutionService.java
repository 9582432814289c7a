package cn.gongji.registry;

import cn.gongji.web.AgencyProblem;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Designated institutions (定点医药机构) and their secrets for the HIS protocol signature. */
@Service
public class InstitutionService {

    private final JdbcClient db;
    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher events;

    /** Without events: for loaders that run before anything could have cached an institution. */
    public InstitutionService(JdbcClient db, JdbcTemplate jdbc) {
        this(db, jdbc, e -> { });
    }

    @Autowired
    public InstitutionService(JdbcClient db, JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.events = events;
        this.db = db;
        this.jdbc = jdbc;
    }

    public record Institution(
            @JsonProperty("fixmedins_code") String code,
            @JsonProperty("fixmedins_name") String name,
            String kind,
            String level,
            String admdvs,
            @JsonProperty("dual_channel") boolean dualChannel,
            @JsonProperty("external_rx") boolean externalRx,
            @JsonProperty("internet_of") String internetOf,
            boolean active) {}

    public record SecretAnswer(@JsonProperty("fixmedins_code") String code, String secret) {}

    @Transactional
    public SecretAnswer register(NewInstitution n) {
        if (find(n.code()).isPresent()) {
            throw AgencyProblem.conflict("fixmedins_code", "该机构编码已登记", "an institution with this code is already registered");
        }
        NewInstitution ready = resolve(n, this::find)
                .orElseThrow(() -> AgencyProblem.invalid("internet_of", "应为已登记的实体医院编码",
                        "must be the code of a registered physical hospital"));
        insert(List.of(ready));
        return new SecretAnswer(ready.code(), ready.secret());
    }

    /**
     * Checks internet_of against {@code lookup}, fills in the inherited level and a new secret when
     * none was given; empty when internet_of does not name a physical hospital.
     */
    public static Optional<NewInstitution> resolve(NewInstitution n, java.util.function.Function<String, Optional<Institution>> lookup) {
        String level = n.level();
        if (n.internetOf() != null) {
            Optional<Institution> parent = lookup.apply(n.internetOf());
            if (parent.isEmpty() || !parent.get().kind().equals("hospital") || parent.get().internetOf() != null) {
                return Optional.empty();
            }
            if (level == null) {
                level = parent.get().level();
            }
        }
        return Optional.of(n.withLevelAndSecret(level, n.secret() != null ? n.secret() : Secrets.newSecret()));
    }

    public void insert(List<NewInstitution> rows) {
        jdbc.batchUpdate("""
                insert into institution (fixmedins_code, fixmedins_name, kind, level, admdvs, dual_channel, external_rx,
                                         internet_of, secret)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, rows, 1000, (ps, n) -> {
            ps.setString(1, n.code());
            ps.setString(2, n.name());
            ps.setString(3, n.kind());
            ps.setString(4, n.level());
            ps.setString(5, n.admdvs());
            ps.setBoolean(6, n.dualChannel());
            ps.setBoolean(7, n.externalRx());
            ps.setString(8, n.internetOf());
            ps.setString(9, n.secret());
        });
    }

    public Optional<Institution> find(String code) {
        return db.sql("""
                select fixmedins_code, fixmedins_name, kind, level, admdvs, dual_channel, external_rx, internet_of, active
                from institution where fixmedins_code = :c
                """).param("c", code)
                .query((rs, i) -> new Institution(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBoolean(7), rs.getString(8), rs.getBoolean(9)))
                .optional();
    }

    public Institution get(String code) {
        return find(code).orElseThrow(() -> AgencyProblem.notFound("机构 institution", code));
    }

    @Transactional
    public SecretAnswer rotateSecret(String code) {
        String secret = Secrets.newSecret();
        int n = db.sql("update institution set secret = :s where fixmedins_code = :c").param("s", secret).param("c", code).update();
        if (n == 0) {
            throw AgencyProblem.notFound("机构 institution", code);
        }
        events.publishEvent(new InstitutionChanged(code));
        return new SecretAnswer(code, secret);
    }

    @Transactional
    public Institution setActive(String code, boolean active) {
        int n = db.sql("update institution set active = :a where fixmedins_code = :c").param("a", active).param("c", code).update();
        if (n == 0) {
            throw AgencyProblem.notFound("机构 institution", code);
        }
        events.publishEvent(new InstitutionChanged(code));
        return get(code);
    }
}
