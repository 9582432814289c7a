package cn.gongji.pharmacy;

import cn.gongji.settlement.FeeLineRow;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SQL of a pharmacy sale outside the shared settlement tables: the sale's visit row (so 5203, 5204
 * and 2601 treat it like any settled visit), the pharmacy's qualifications, dual-channel catalog
 * flags, and the lines of a settled sale with their prescription fields.
 */
@Component
public class SaleStore {

    /** A settled line with the prescription fields FeeLineRow does not carry. */
    public record SoldLine(FeeLineRow row, String rxno, String rxCircFlag, String rxFixmedinsCode) {}

    private final JdbcClient db;

    public SaleStore(JdbcClient db) {
        this.db = db;
    }

    public record Qualification(boolean externalRx, boolean dualChannel) {}

    public Qualification qualification(String fixmedinsCode) {
        return db.sql("select external_rx, dual_channel from institution where fixmedins_code = :c")
                .param("c", fixmedinsCode)
                .query((rs, i) -> new Qualification(rs.getBoolean(1), rs.getBoolean(2))).single();
    }

    /** The codes among these that the catalog marks as dual-channel negotiated drugs. */
    public List<String> dualChannel(List<String> codes) {
        return db.sql("select med_list_codg from catalog_item where dual_channel and med_list_codg = any(:c)")
                .param("c", codes.toArray(String[]::new)).query(String.class).list();
    }

    /** The sale's visit: med_type 41, the date of care is druginfo.begntime; episode_fixmedins is the prescriber's (or the pharmacy). */
    public void insertVisit(String mdtrtId, String psnNo, String pharmacy, String episodeFixmedins, LocalDateTime begntime,
            String certType, String certNo, String area, String msgid) {
        db.sql("""
                insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime,
                    mdtrt_cert_type, mdtrt_cert_no, mdtrtarea_admvs, msgid)
                values (:id, :psn, :inst, :epi, '310', '41', :begn, :certType, :certNo, :area, :msgid)
                """).param("id", mdtrtId).param("psn", psnNo).param("inst", pharmacy).param("epi", episodeFixmedins)
                .param("begn", begntime).param("certType", certType).param("certNo", certNo).param("area", area)
                .param("msgid", msgid).update();
    }

    /** After a cancel: the sale is over; its lines (released by the cancel) and its visit are cancelled, never re-settled. */
    public void closeSale(String mdtrtId, OffsetDateTime at) {
        db.sql("update fee_line set cancelled_at = :at where mdtrt_id = :m and cancelled_at is null and setl_id is null")
                .param("at", at).param("m", mdtrtId).update();
        db.sql("update visit set status = 'cancelled' where mdtrt_id = :m").param("m", mdtrtId).update();
    }

    public List<SoldLine> lines(String setlId) {
        return db.sql("""
                select f.* from fee_line f join settlement_line l on l.line_id = f.line_id
                where l.setl_id = :s order by f.line_id
                """).param("s", setlId)
                .query((rs, i) -> new SoldLine(FeeLineRow.map(rs, i), rs.getString("rxno"), rs.getString("rx_circ_flag"),
                        rs.getString("rx_fixmedins_code")))
                .list();
    }

    public Optional<String> clrType(String setlId) {
        return db.sql("select clr_type from settlement where setl_id = :s").param("s", setlId).query(String.class).optional();
    }
}
