package cn.gongji.catalog;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Upserts catalog items by med_list_codg. */
@Repository
public class CatalogStore {

    private final JdbcClient db;
    private final JdbcTemplate jdbc;

    private final ApplicationEventPublisher events;

    /** Without events: for loaders that run before anything could have cached the catalog. */
    public CatalogStore(JdbcClient db, JdbcTemplate jdbc) {
        this(db, jdbc, e -> { });
    }

    @Autowired
    public CatalogStore(JdbcClient db, JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.db = db;
        this.jdbc = jdbc;
        this.events = events;
    }

    public Set<String> existing(List<String> codes) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.sql("select med_list_codg from catalog_item where med_list_codg = any(:c)")
                .param("c", codes.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * Inserts new items and updates changed ones; returns how many of the items' rows were written
     * (unchanged ones are not). Products of one generic name share one payment standard (POLICY.md §2):
     * an item given without pay_std takes its generic name's standard, and a standard given for one
     * product is set on every product of its name (the caller refuses an upload whose items of one name
     * disagree, {@link CatalogItem.GenericStandards}). Runs in the caller's transaction.
     */
    public int upsert(List<CatalogItem> given) {
        List<CatalogItem> items = withGroupStandards(given);
        int[][] counts = jdbc.batchUpdate("""
                insert into catalog_item (med_list_codg, name, list_type, chrgitm_lv, selfpay_prop, pay_std,
                    med_chrgitm_type, acct_payable, dual_channel, gender_limit, min_age, max_age, max_qty_per_visit,
                    generic_name)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (med_list_codg) do update set
                    name = excluded.name, list_type = excluded.list_type, chrgitm_lv = excluded.chrgitm_lv,
                    selfpay_prop = excluded.selfpay_prop, pay_std = excluded.pay_std,
                    med_chrgitm_type = excluded.med_chrgitm_type, acct_payable = excluded.acct_payable,
                    dual_channel = excluded.dual_channel, gender_limit = excluded.gender_limit,
                    min_age = excluded.min_age, max_age = excluded.max_age,
                    max_qty_per_visit = excluded.max_qty_per_visit, generic_name = excluded.generic_name,
                    updated_at = now()
                where (catalog_item.name, catalog_item.list_type, catalog_item.chrgitm_lv, catalog_item.selfpay_prop,
                       catalog_item.pay_std, catalog_item.med_chrgitm_type, catalog_item.acct_payable,
                       catalog_item.dual_channel, catalog_item.gender_limit, catalog_item.min_age, catalog_item.max_age,
                       catalog_item.max_qty_per_visit, catalog_item.generic_name)
                      is distinct from
                      (excluded.name, excluded.list_type, excluded.chrgitm_lv, excluded.selfpay_prop, excluded.pay_std,
                       excluded.med_chrgitm_type, excluded.acct_payable, excluded.dual_channel, excluded.gender_limit,
                       excluded.min_age, excluded.max_age, excluded.max_qty_per_visit, excluded.generic_name)
                """, items, 1000, (ps, it) -> {
            ps.setString(1, it.medListCodg());
            ps.setString(2, it.name());
            ps.setString(3, it.listType());
            ps.setString(4, it.chrgitmLv());
            ps.setBigDecimal(5, it.selfpayProp());
            ps.setBigDecimal(6, it.payStd());
            ps.setString(7, it.medChrgitmType());
            ps.setBoolean(8, it.acctPayable());
            ps.setBoolean(9, it.dualChannel());
            ps.setString(10, it.genderLimit());
            if (it.minAge() == null) ps.setNull(11, Types.INTEGER); else ps.setInt(11, it.minAge());
            if (it.maxAge() == null) ps.setNull(12, Types.INTEGER); else ps.setInt(12, it.maxAge());
            ps.setBigDecimal(13, it.maxQtyPerVisit());
            ps.setString(14, it.genericName());
        });
        List<String> changed = new ArrayList<>(items.stream().map(CatalogItem::medListCodg).toList());
        changed.addAll(shareStandards(items));
        events.publishEvent(new CatalogChanged(changed));
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(c -> c > 0 ? 1 : (c < 0 ? 1 : 0)).sum();
    }

    /** Items of a generic name given without pay_std, with the standard the upload or the catalog has for the name. */
    private List<CatalogItem> withGroupStandards(List<CatalogItem> items) {
        Map<String, BigDecimal> given = new HashMap<>();
        items.stream().filter(i -> i.genericName() != null && i.payStd() != null)
                .forEach(i -> given.putIfAbsent(i.genericName(), i.payStd()));
        List<String> missing = items.stream().filter(i -> i.genericName() != null && i.payStd() == null)
                .map(CatalogItem::genericName).filter(g -> !given.containsKey(g)).distinct().toList();
        if (!missing.isEmpty()) {
            db.sql("""
                    select distinct on (generic_name) generic_name, pay_std from catalog_item
                    where generic_name = any(:g) and pay_std is not null order by generic_name, updated_at desc
                    """).param("g", missing.toArray(String[]::new))
                    .query((rs, n) -> given.put(rs.getString(1), rs.getBigDecimal(2))).list();
        }
        return items.stream().map(i -> i.genericName() != null && i.payStd() == null && given.containsKey(i.genericName())
                ? i.withPayStd(given.get(i.genericName())) : i).toList();
    }

    /** Sets each generic name's standard given in the upload on the name's other products; returns the codes changed. */
    private List<String> shareStandards(List<CatalogItem> items) {
        Map<String, BigDecimal> standards = new HashMap<>();
        items.stream().filter(i -> i.genericName() != null && i.payStd() != null)
                .forEach(i -> standards.putIfAbsent(i.genericName(), i.payStd()));
        List<String> changed = new ArrayList<>();
        standards.forEach((generic, std) -> changed.addAll(db.sql("""
                update catalog_item set pay_std = :s, updated_at = now()
                where generic_name = :g and pay_std is distinct from :s returning med_list_codg
                """).param("s", std).param("g", generic).query(String.class).list()));
        return changed;
    }
}
