package cn.gongji.console.person;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Console reads of one person that the registry and account services do not already answer. */
@Service
public class PersonQueries {

    public record Holder(String psnNo, String name, String certno) {}

    public record Family(long bindingId, String holder, String holderName, String member, String memberName,
            String relation, java.time.OffsetDateTime boundAt, java.time.OffsetDateTime unboundAt) {

        /** The binding with both names masked ({@link cn.gongji.console.Mask#name}). */
        public Family masked() {
            return new Family(bindingId, holder, cn.gongji.console.Mask.name(holderName), member,
                    cn.gongji.console.Mask.name(memberName), relation, boundAt, unboundAt);
        }
    }

    private final JdbcClient db;
    private final cn.gongji.ops.pii.PiiCrypto crypto;

    public PersonQueries(JdbcClient db, cn.gongji.ops.pii.PiiCrypto crypto) {
        this.crypto = crypto;
        this.db = db;
    }

    /** A psn_no (20 digits) or an ID number (18 characters, a trailing x in either case). */
    public Optional<String> find(String q) {
        String s = q == null ? "" : q.strip().toUpperCase(Locale.ROOT);
        if (s.matches("\\d{20}")) {
            return db.sql("select psn_no from person where psn_no = :p").param("p", s).query(String.class).optional();
        }
        if (s.matches("\\d{17}[\\dX]")) {
            return db.sql("select psn_no from person where certno_hash = :c").param("c", crypto.hash(s))
                    .query(String.class).optional();
        }
        return Optional.empty();
    }

    public static boolean wellFormed(String q) {
        String s = q == null ? "" : q.strip().toUpperCase(Locale.ROOT);
        return s.matches("\\d{20}") || s.matches("\\d{17}[\\dX]");
    }

    public Optional<Holder> holder(String psnNo) {
        return db.sql("select psn_no, psn_name, certno_enc from person where psn_no = :p").param("p", psnNo)
                .query((rs, i) -> new Holder(rs.getString(1), rs.getString(2), crypto.decrypt(rs.getString(3)))).optional();
    }

    /** Bindings where the person is the account holder or the member, with both names; current first. */
    public List<Family> family(String psnNo) {
        return db.sql("""
                select b.binding_id, b.psn_no, h.psn_name, b.member_psn_no, m.psn_name, b.relation, b.bound_at, b.unbound_at
                from family_binding b join person h on h.psn_no = b.psn_no join person m on m.psn_no = b.member_psn_no
                where b.psn_no = :p or b.member_psn_no = :p
                order by b.unbound_at is not null, b.binding_id
                """).param("p", psnNo)
                .query((rs, i) -> new Family(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, java.time.OffsetDateTime.class),
                        rs.getObject(8, java.time.OffsetDateTime.class)))
                .list();
    }

    /** The person's latest settlements and reversals, newest first, each with its fee lines. */
    @Transactional(readOnly = true)
    public List<SettlementView> settlements(String psnNo, int limit) {
        return withLines(db.sql("""
                select s.*, i.fixmedins_name from settlement s
                left join institution i on i.fixmedins_code = s.fixmedins_code
                where s.psn_no = :p order by s.setl_time desc, s.setl_id desc limit :n
                """).param("p", psnNo).param("n", limit).query(PersonQueries::view).list());
    }

    /** One settlement (or reversal) with its fee lines, e.g. the one a supervision warning names. */
    @Transactional(readOnly = true)
    public java.util.Optional<SettlementView> settlement(String setlId) {
        return withLines(db.sql("""
                select s.*, i.fixmedins_name from settlement s
                left join institution i on i.fixmedins_code = s.fixmedins_code
                where s.setl_id = :s
                """).param("s", setlId).query(PersonQueries::view).list()).stream().findFirst();
    }

    private static SettlementView view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new SettlementView(rs.getString("setl_id"), rs.getString("refd_setl_id"),
                rs.getString("mdtrt_id"), rs.getString("psn_no"), rs.getString("fixmedins_code"),
                rs.getString("fixmedins_name"), rs.getObject("setl_time", java.time.OffsetDateTime.class),
                rs.getObject("care_date", java.time.LocalDate.class), rs.getString("policy_version"),
                rs.getString("psn_type"), rs.getString("level"), rs.getBigDecimal("medfee_sumamt"),
                rs.getBigDecimal("fulamt_ownpay_amt"), rs.getBigDecimal("overlmt_selfpay"),
                rs.getBigDecimal("preselfpay_amt"), rs.getBigDecimal("inscp_scp_amt"),
                rs.getBigDecimal("act_pay_dedc"), rs.getBigDecimal("hifp_pay"),
                rs.getBigDecimal("pool_prop_selfpay"), rs.getBigDecimal("psn_part_amt"),
                rs.getBigDecimal("acct_pay"), rs.getBigDecimal("acct_mulaid_pay"),
                rs.getBigDecimal("psn_cash_pay"), rs.getBigDecimal("balc"),
                rs.getBigDecimal("crt_payb_lmt_amt"), rs.getString("trace"),
                rs.getObject("cancelled_at", java.time.OffsetDateTime.class), List.of());
    }

    private List<SettlementView> withLines(List<SettlementView> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<SettlementView.Line>> lines = new HashMap<>();
        db.sql("""
                select sl.setl_id, f.med_list_codg, c.name, f.chrgitm_lv, f.pric, f.cnt, sl.det_item_fee_sumamt,
                       sl.fulamt_ownpay_amt, sl.overlmt_amt, sl.preselfpay_amt, sl.inscp_scp_amt
                from settlement_line sl join fee_line f on f.line_id = sl.line_id
                left join catalog_item c on c.med_list_codg = f.med_list_codg
                where sl.setl_id = any(:ids) order by sl.setl_id, f.line_id
                """).param("ids", rows.stream().map(SettlementView::setlId).toArray(String[]::new))
                .query(rs -> {
                    lines.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new SettlementView.Line(
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getBigDecimal(6),
                            rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                            rs.getBigDecimal(11)));
                });
        return rows.stream().map(r -> r.withLines(lines.getOrDefault(r.setlId(), List.of()))).toList();
    }
}
