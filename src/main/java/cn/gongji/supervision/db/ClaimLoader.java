package cn.gongji.supervision.db;

import cn.gongji.catalog.CatalogChanged;
import cn.gongji.common.Money;
import cn.gongji.common.TtlCache;
import cn.gongji.store.PersonShards;
import cn.gongji.supervision.Claim;
import cn.gongji.supervision.SettlementFacts;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns what a settler has in hand into the rules' {@link Claim}: the catalog limits of the visit's
 * items (held for {@code gongji.cache.reference-ttl} like the settlement path's catalog entries, and
 * evicted at once when the agency API changes an item), and the person's recorded death with their
 * settled visits in the history window (one query on indexes). The scan's day of claims
 * ({@link #claimsOn}) reads every node that holds persons ({@link PersonShards}); a person's rows are
 * all on one node, so each claim is whole.
 */
@Component
public class ClaimLoader {

    private final JdbcClient db;
    private final PersonShards shards;
    private final TtlCache<String, Claim.ItemLimits> limits;

    public ClaimLoader(JdbcClient db, PersonShards shards,
            @Value("${gongji.cache.reference-ttl:PT5S}") Duration referenceTtl) {
        this.db = db;
        this.shards = shards;
        this.limits = new TtlCache<>(referenceTtl, System::nanoTime);
    }

    /** The catalog changed through the agency API or an import: read those items afresh (after the change committed). */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged changed) {
        changed.codes().forEach(limits::evict);
    }

    public Claim claim(SettlementFacts f, int historyDays) {
        Map<String, Claim.ItemLimits> limits = limits(f.lines().stream().map(SettlementFacts.Line::medListCodg).toList());
        SettlementFacts.History read = f.history() != null ? f.history() : history(f, historyDays);
        List<Claim.Charge> charges = new ArrayList<>();
        for (SettlementFacts.Line l : f.lines()) {
            charges.add(new Claim.Charge(l.feedetlSn(), l.medListCodg(), l.pric(), l.cnt(), l.total(), l.medChrgitmType(),
                    l.inCatalog(), limits.getOrDefault(l.medListCodg(), Claim.ItemLimits.NONE)));
        }
        return new Claim(new Claim.Patient(f.psnNo(), f.gend(), f.brdy(), f.insuDate(), f.pausInsuDate(), read.diedOn(),
                f.insuplcAdmdvs()),
                new Claim.Provider(f.fixmedinsCode(), f.kind(), f.level(), f.internetOf()),
                new Claim.Encounter(f.mdtrtId(), f.setlId(), f.begntime(), f.medType(), f.areaAdmvs(), f.episodeInstitution()),
                charges, read.visits());
    }

    /** The person's recorded death and settled visits in the window (one query on indexes). */
    private SettlementFacts.History history(SettlementFacts f, int historyDays) {
        LocalDate[] died = new LocalDate[1];
        List<Claim.PriorVisit> visits = new ArrayList<>();
        db.sql("""
                select d.died_on, h.mdtrt_id, h.fixmedins_code, h.episode_fixmedins, h.begntime, h.medfee_sumamt
                from (select 1) one
                left join person_death d on d.psn_no = :p
                left join lateral (
                    select v.mdtrt_id, v.fixmedins_code, v.episode_fixmedins, v.begntime, s.medfee_sumamt
                    from settlement s join visit v on v.mdtrt_id = s.mdtrt_id
                    where s.psn_no = :p and s.refd_setl_id is null and s.cancelled_at is null
                      and v.begntime >= :from and v.begntime < :to and s.mdtrt_id <> :m
                ) h on true
                """).param("p", f.psnNo()).param("from", f.begntime().minusDays(historyDays))
                .param("to", f.begntime().toLocalDate().plusDays(1).atStartOfDay()).param("m", f.mdtrtId())
                .query((rs, i) -> {
                    died[0] = rs.getObject(1, LocalDate.class);
                    if (rs.getString(2) != null) {
                        visits.add(prior(rs, 2));
                    }
                    return null;
                }).list();
        return new SettlementFacts.History(died[0], visits);
    }

    /** Without the person's history (fee upload: only the item rules run); one query, the catalog limits. */
    public Claim itemsOnly(SettlementFacts f) {
        Map<String, Claim.ItemLimits> limits = limits(f.lines().stream().map(SettlementFacts.Line::medListCodg).toList());
        List<Claim.Charge> charges = new ArrayList<>();
        for (SettlementFacts.Line l : f.lines()) {
            charges.add(new Claim.Charge(l.feedetlSn(), l.medListCodg(), l.pric(), l.cnt(), l.total(), l.medChrgitmType(),
                    l.inCatalog(), limits.getOrDefault(l.medListCodg(), Claim.ItemLimits.NONE)));
        }
        return new Claim(new Claim.Patient(f.psnNo(), f.gend(), f.brdy(), f.insuDate(), f.pausInsuDate(), null, f.insuplcAdmdvs()),
                new Claim.Provider(f.fixmedinsCode(), f.kind(), f.level(), f.internetOf()),
                new Claim.Encounter(f.mdtrtId(), f.setlId(), f.begntime(), f.medType(), f.areaAdmvs(), f.episodeInstitution()),
                charges, List.of());
    }

    /** The catalog limits of the given items (unknown codes are absent); one query for those not held. */
    public Map<String, Claim.ItemLimits> limits(Collection<String> codes) {
        Map<String, Claim.ItemLimits> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String code : codes) {
            Claim.ItemLimits held = limits.get(code);
            if (held != null) {
                out.put(code, held);
            } else if (!missing.contains(code)) {
                missing.add(code);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        db.sql("""
                select med_list_codg, name, list_type, gender_limit, min_age, max_age, max_qty_per_visit, min_level, pay_std
                from catalog_item where med_list_codg = any(:c)
                """).param("c", missing.toArray(String[]::new)).query((rs, i) -> {
            Claim.ItemLimits l = new Claim.ItemLimits(rs.getString(2), rs.getString(3), rs.getString(4),
                    (Integer) rs.getObject(5), (Integer) rs.getObject(6), rs.getBigDecimal(7), rs.getString(8), rs.getBigDecimal(9));
            out.put(rs.getString(1), l);
            limits.put(rs.getString(1), l);
            return null;
        }).list();
        return out;
    }

    static Claim.PriorVisit prior(ResultSet rs, int first) throws SQLException {
        return new Claim.PriorVisit(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
                rs.getObject(first + 3, LocalDateTime.class), Money.of(rs.getBigDecimal(first + 4)));
    }

    /** The live settlements with care on {@code day}, as claims (the scan's unit of work). */
    public List<Claim> claimsOn(LocalDate day, int historyDays) {
        record Head(String setlId, String mdtrtId, String psnNo, String inst, LocalDateTime begntime, String medType, String area,
                String episodeInst, String gend, LocalDate brdy, LocalDate insuDate, LocalDate paus, String insuplc, LocalDate died,
                String kind, String level, String internetOf) {}
        List<Head> heads = new ArrayList<>(shards.query("""
                select s.setl_id, s.mdtrt_id, s.psn_no, s.fixmedins_code, v.begntime, coalesce(s.med_type, v.med_type),
                       v.mdtrtarea_admvs, v.episode_fixmedins, p.gend, p.brdy, p.insu_date, p.paus_insu_date, p.insuplc_admdvs,
                       d.died_on, i.kind, coalesce(ei.level, i.level), i.internet_of
                from settlement s
                join visit v on v.mdtrt_id = s.mdtrt_id
                join person p on p.psn_no = s.psn_no
                join institution i on i.fixmedins_code = s.fixmedins_code
                left join institution ei on ei.fixmedins_code = v.episode_fixmedins
                left join person_death d on d.psn_no = s.psn_no
                where s.care_date = :d and s.refd_setl_id is null and s.cancelled_at is null
                """, Map.of("d", day), (rs, i) -> new Head(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5, LocalDateTime.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, LocalDate.class), rs.getObject(11, LocalDate.class), rs.getObject(12, LocalDate.class),
                rs.getString(13), rs.getObject(14, LocalDate.class), rs.getString(15), rs.getString(16), rs.getString(17))));
        heads.sort(Comparator.comparing(Head::setlId));
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<String, List<Claim.Charge>> lines = new HashMap<>();
        List<Object[]> rows = shards.query("""
                select sl.setl_id, f.feedetl_sn, f.med_list_codg, f.pric, f.cnt, f.det_item_fee_sumamt, f.med_chrgitm_type, f.memo
                from settlement_line sl join fee_line f on f.line_id = sl.line_id
                where sl.setl_id = any(:ids) order by sl.setl_id, f.line_id
                """, Map.of("ids", heads.stream().map(Head::setlId).toArray(String[]::new)),
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7), rs.getString(8)});
        Map<String, Claim.ItemLimits> limits = limits(rows.stream().map(r -> (String) r[2]).toList());
        for (Object[] r : rows) {
            String code = (String) r[2];
            lines.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Claim.Charge((String) r[1], code,
                    (BigDecimal) r[3], (BigDecimal) r[4], Money.of((BigDecimal) r[5]), (String) r[6], !"目录外项目".equals(r[7]),
                    limits.getOrDefault(code, Claim.ItemLimits.NONE)));
        }
        Map<String, List<Claim.PriorVisit>> history = new HashMap<>();
        shards.query("""
                select s.psn_no, v.mdtrt_id, v.fixmedins_code, v.episode_fixmedins, v.begntime, s.medfee_sumamt
                from settlement s join visit v on v.mdtrt_id = s.mdtrt_id
                where s.psn_no = any(:ps) and s.refd_setl_id is null and s.cancelled_at is null
                  and v.begntime >= :from and v.begntime < :to
                order by s.psn_no, v.begntime, v.mdtrt_id
                """, Map.of("ps", heads.stream().map(Head::psnNo).distinct().toArray(String[]::new),
                        "from", day.minusDays(historyDays).atStartOfDay(), "to", day.plusDays(1).atStartOfDay()),
                (rs, i) -> {
                    history.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(prior(rs, 2));
                    return null;
                });
        List<Claim> out = new ArrayList<>();
        for (Head h : heads) {
            List<Claim.PriorVisit> hist = history.getOrDefault(h.psnNo(), List.of()).stream()
                    .filter(v -> !v.mdtrtId().equals(h.mdtrtId()) && !v.begntime().isBefore(h.begntime().minusDays(historyDays)))
                    .toList();
            out.add(new Claim(new Claim.Patient(h.psnNo(), h.gend(), h.brdy(), h.insuDate(), h.paus(), h.died(), h.insuplc()),
                    new Claim.Provider(h.inst(), h.kind(), "pharmacy".equals(h.kind()) ? null : h.level(), h.internetOf()),
                    new Claim.Encounter(h.mdtrtId(), h.setlId(), h.begntime(), h.medType(), h.area(),
                            h.episodeInst() == null ? h.inst() : h.episodeInst()),
                    lines.getOrDefault(h.setlId(), List.of()), hist));
        }
        return out;
    }
}
