package cn.gongji.pharmacy;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The rx_fill table: a prescription (prescriber + rxno) is filled at most once while its fill is live. */
@Component
public class RxFills {

    public record Fill(String rxno, String setlId, String pharmacy, OffsetDateTime filledAt) {}

    private final JdbcClient db;

    public RxFills(JdbcClient db) {
        this.db = db;
    }

    /** The live fills of these prescriptions of the prescriber. */
    public List<Fill> live(String prescriber, List<String> rxnos) {
        return db.sql("""
                select rxno, setl_id, fixmedins_code, filled_at from rx_fill
                where rx_fixmedins_code = :i and rxno = any(:r) and released_at is null order by rxno
                """).param("i", prescriber).param("r", rxnos.toArray(String[]::new))
                .query((rs, n) -> new Fill(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    /**
     * Records the fills; answers the rxnos that were already filled by a concurrent sale (the unique
     * index rx_fill_live decides, after waiting for that sale's transaction).
     */
    public List<String> fill(String prescriber, List<String> rxnos, String setlId, String psnNo, String pharmacy,
            OffsetDateTime at) {
        return rxnos.stream().filter(rxno -> db.sql("""
                insert into rx_fill (rx_fixmedins_code, rxno, setl_id, psn_no, fixmedins_code, filled_at)
                values (:i, :r, :s, :p, :ph, :at)
                on conflict (rx_fixmedins_code, rxno) where released_at is null do nothing
                """).param("i", prescriber).param("r", rxno).param("s", setlId).param("p", psnNo).param("ph", pharmacy)
                .param("at", at).update() == 0).toList();
    }

    /** A cancelled sale frees its prescriptions; the fill rows stay as history. */
    public void release(String setlId, OffsetDateTime at) {
        db.sql("update rx_fill set released_at = :at where setl_id = :s and released_at is null")
                .param("at", at).param("s", setlId).update();
    }
}
