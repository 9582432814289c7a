package cn.gongji.console.me;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Family mutual aid as the insured person sees it, from both sides of the ledger. */
@Service
public class MeQueries {

    /**
     * One family mutual-aid entry: {@code amount} is negative for a payment and positive for its
     * refund; {@code other} is the family member on the other side.
     */
    public record FamilyUse(OffsetDateTime at, String kind, BigDecimal amount, String otherPsnNo, String otherName,
            String ref) {}

    private final JdbcClient db;
    private final cn.gongji.ops.pii.PiiCrypto crypto;

    public MeQueries(JdbcClient db, cn.gongji.ops.pii.PiiCrypto crypto) {
        this.crypto = crypto;
        this.db = db;
    }

    /** My account paying for bound family members (entries family_payment / family_refund on my account). */
    public List<FamilyUse> paidForOthers(String psnNo, int limit) {
        return db.sql("""
                select e.created_at as at, e.kind, e.amount, e.counterparty_psn_no as other_psn_no, p.psn_name as other_name, e.ref
                from account_entry e left join person p on p.psn_no = e.counterparty_psn_no
                where e.psn_no = :p and e.kind in ('family_payment', 'family_refund')
                order by e.created_at desc, e.entry_id desc limit :n
                """).param("p", psnNo).param("n", limit).query(FamilyUse.class).list();
    }

    /** Family members' accounts paying for me (their entries naming me as the counterparty). */
    public List<FamilyUse> paidForMe(String psnNo, int limit) {
        return db.sql("""
                select e.created_at as at, e.kind, e.amount, e.psn_no as other_psn_no, p.psn_name as other_name, e.ref
                from account_entry e join person p on p.psn_no = e.psn_no
                where e.counterparty_psn_no = :p and e.kind in ('family_payment', 'family_refund')
                order by e.created_at desc, e.entry_id desc limit :n
                """).param("p", psnNo).param("n", limit).query(FamilyUse.class).list();
    }

    public String name(String psnNo) {
        return db.sql("select psn_name from person where psn_no = :p").param("p", psnNo).query(String.class).single();
    }

    public String certno(String psnNo) {
        return crypto.decrypt(db.sql("select certno_enc from person where psn_no = :p").param("p", psnNo)
                .query(String.class).single());
    }
}
