package cn.gongji.catalog;

import java.sql.Types;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

    /** Inserts new items and updates changed ones; returns how many rows were written (unchanged ones are not). */
    public int upsert(List<CatalogItem> items) {
        int[][] counts = jdbc.batchUpdate("""
                insert into catalog_item (med_list_codg, name, list_type, chrgitm_lv, selfpay_prop, pay_std,
                    med_chrgitm_type, acct_payable, dual_channel, gender_limit, min_age, max_age, max_qty_per_visit)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (med_list_codg) do update set
                    name = excluded.name, list_type = excluded.list_type, chrgitm_lv = excluded.chrgitm_lv,
                    selfpay_prop = excluded.selfpay_prop, pay_std = excluded.pay_std,
                    med_chrgitm_type = excluded.med_chrgitm_type, acct_payable = excluded.acct_payable,
                    dual_channel = excluded.dual_channel, gender_limit = excluded.gender_limit,
                    min_age = excluded.min_age, max_age = excluded.max_age,
                    max_qty_per_visit = excluded.max_qty_per_visit, updated_at = now()
                where (catalog_item.name, catalog_item.list_type, catalog_item.chrgitm_lv, catalog_item.selfpay_prop,
                       catalog_item.pay_std, catalog_item.med_chrgitm_type, catalog_item.acct_payable,
                       catalog_item.dual_channel, catalog_item.gender_limit, catalog_item.min_age, catalog_item.max_age,
                       catalog_item.max_qty_per_visit)
                      is distinct from
                      (excluded.name, excluded.list_type, excluded.chrgitm_lv, excluded.selfpay_prop, excluded.pay_std,
                       excluded.med_chrgitm_type, excluded.acct_payable, excluded.dual_channel, excluded.gender_limit,
                       excluded.min_age, excluded.max_age, excluded.max_qty_per_visit)
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
        });
        events.publishEvent(new CatalogChanged(items.stream().map(CatalogItem::medListCodg).toList()));
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(c -> c > 0 ? 1 : (c < 0 ? 1 : 0)).sum();
    }
}
