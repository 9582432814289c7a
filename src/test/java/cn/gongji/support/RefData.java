package cn.gongji.support;

import cn.gongji.ops.pii.PiiCrypto;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reference data for the settlement tests: institutions (with their secret), persons (status,
 * account, bindings, off-site registrations) and catalog items, inserted directly with SQL. The one
 * class to switch to the agency API once it lands. Every call makes new, unique rows, so tests
 * sharing one database do not see each other's people.
 */
public final class RefData {

    public static final String AREA = "411300";
    private static final AtomicLong SEQ = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000L) * 1000);

    public record Inst(String code, String secret) {}

    /** The PII key every test service runs with ({@link ServiceIT}, {@code ops/ServiceProcess}). */
    public static final String PII_KEY = "Z29uZ2ppLXRlc3QtcGlpLWtleS0zMi1ieXRlcy0hISE=";
    public static final PiiCrypto CRYPTO = PiiCrypto.fromBase64(PII_KEY);

    private final JdbcClient db;

    public RefData(JdbcClient db) {
        this.db = db;
    }

    private static long next() {
        return SEQ.incrementAndGet();
    }

    public Inst hospital(String level) {
        return institution("hospital", level, null);
    }

    /** A hospital registered in another place than {@link #AREA} (off-site care: another city). */
    public Inst hospitalIn(String level, String admdvs) {
        return institution("hospital", level, null, false, false, admdvs);
    }

    /** A pharmacy registered in another place than {@link #AREA}. */
    public Inst pharmacyIn(boolean externalRx, boolean dualChannel, String admdvs) {
        return institution("pharmacy", null, null, externalRx, dualChannel, admdvs);
    }

    /** An internet hospital (互联网+) run by a physical institution. */
    public Inst internetHospitalOf(String physical) {
        return institution("hospital", "L1", physical);
    }

    private Inst institution(String kind, String level, String internetOf) {
        return institution(kind, level, internetOf, false, false);
    }

    /** A designated retail pharmacy, qualified or not for external prescriptions and the dual channel. */
    public Inst pharmacy(boolean externalRx, boolean dualChannel) {
        return institution("pharmacy", null, null, externalRx, dualChannel);
    }

    private Inst institution(String kind, String level, String internetOf, boolean externalRx, boolean dualChannel) {
        return institution(kind, level, internetOf, externalRx, dualChannel, AREA);
    }

    private Inst institution(String kind, String level, String internetOf, boolean externalRx, boolean dualChannel,
            String admdvs) {
        String code = (kind.equals("pharmacy") ? "P" : "H") + String.format("%011d", next());
        String secret = UUID.randomUUID().toString().replace("-", "");
        db.sql("""
                insert into institution (fixmedins_code, fixmedins_name, kind, level, admdvs, internet_of, secret,
                    external_rx, dual_channel)
                values (:c, :n, :k, :l, :a, :i, :s, :rx, :dual)
                """).param("c", code).param("n", (kind.equals("pharmacy") ? "测试药店" : "测试医院") + code.substring(8))
                .param("k", kind).param("l", level).param("a", admdvs).param("i", internetOf).param("s", secret)
                .param("rx", externalRx).param("dual", dualChannel).update();
        return new Inst(code, secret);
    }

    public void deactivate(String code) {
        db.sql("update institution set active = false where fixmedins_code = :c").param("c", code).update();
    }

    /** An insured person with an open account at zero; status {@code in_service} or {@code retired}. */
    public String person(String status) {
        long n = next();
        String psnNo = "4113" + String.format("%016d", n);
        String certno = "9" + String.format("%017d", n);   // unique; not a real ID number
        db.sql("""
                insert into person (psn_no, certno_enc, certno_hash, psn_name, gend, brdy, insuplc_admdvs, emp_name,
                    insu_date, card_no, card_sn, evoucher_token)
                values (:p, :c, :h, :name, '1', date '1970-01-01', :a, '南阳测试单位', date '2000-01-01', :card, 'SN1', :tok)
                """).param("p", psnNo).param("c", CRYPTO.encrypt(certno)).param("h", CRYPTO.hash(certno)).param("name", "测试" + (n % 1000)).param("a", AREA)
                .param("card", "K" + n).param("tok", "EV" + n).update();
        db.sql("insert into person_status (psn_no, seq, status, processed_date) values (:p, 0, :s, date '2000-01-01')")
                .param("p", psnNo).param("s", status).update();
        db.sql("insert into account (psn_no) values (:p)").param("p", psnNo).update();
        return psnNo;
    }

    public String certno(String psnNo) {
        return CRYPTO.decrypt(db.sql("select certno_enc from person where psn_no = :p").param("p", psnNo)
                .query(String.class).single());
    }

    public void statusChange(String psnNo, String status, LocalDate processed) {
        // two statements, not a sub-select inside VALUES: ShardingSphere miscounts its parameters (docs/scale-out.md)
        int seq = db.sql("select max(seq) + 1 from person_status where psn_no = :p").param("p", psnNo).query(Integer.class).single();
        db.sql("insert into person_status (psn_no, seq, status, processed_date) values (:p, :q, :s, :d)")
                .param("p", psnNo).param("q", seq).param("s", status).param("d", processed).update();
    }

    /** Credits the account as the monthly job would: an entry and the balance beside it. */
    public void credit(String psnNo, String amount) {
        BigDecimal after = db.sql("update account set balance = balance + :a where psn_no = :p returning balance")
                .param("a", new BigDecimal(amount)).param("p", psnNo).query(BigDecimal.class).single();
        db.sql("""
                insert into account_entry (psn_no, amount, kind, ref, balance_after, actor)
                values (:p, :a, 'credit', :r, :after, 'test')
                """).param("p", psnNo).param("a", new BigDecimal(amount)).param("r", "T" + next())
                .param("after", after).update();
    }

    public long bind(String holder, String member, String relation) {
        return db.sql("insert into family_binding (psn_no, member_psn_no, relation) values (:h, :m, :r) returning binding_id")
                .param("h", holder).param("m", member).param("r", relation).query(Long.class).single();
    }

    public void offsite(String psnNo, String admdvs, LocalDate from, LocalDate to) {
        db.sql("insert into offsite_registration (psn_no, admdvs, category, begndate, enddate) values (:p, :a, '1', :f, :t)")
                .param("p", psnNo).param("a", admdvs).param("f", from).param("t", to).update();
    }

    /** A catalog item: class 01/02/03, pre-pay share, payment standard (null: none), account-payable flag. */
    public String item(String chrgitmLv, String selfpayProp, String payStd, boolean acctPayable) {
        String code = "X" + String.format("%011d", next());
        db.sql("""
                insert into catalog_item (med_list_codg, name, list_type, chrgitm_lv, selfpay_prop, pay_std, med_chrgitm_type, acct_payable)
                values (:c, :n, '101', :lv, :s, :std, '09', :acct)
                """).param("c", code).param("n", "测试药品" + code).param("lv", chrgitmLv).param("s", new BigDecimal(selfpayProp))
                .param("std", payStd == null ? null : new BigDecimal(payStd)).param("acct", acctPayable).update();
        return code;
    }

    /** A class A dual-channel negotiated drug (catalog dual_channel = true). */
    public String dualChannelDrug() {
        String code = classA();
        db.sql("update catalog_item set dual_channel = true where med_list_codg = :c").param("c", code).update();
        return code;
    }

    /** Insurance suspended (or ended) from the date: person.paus_insu_date, as an import would set it. */
    public void pauseInsurance(String psnNo, LocalDate from) {
        db.sql("update person set paus_insu_date = :d where psn_no = :p").param("d", from).param("p", psnNo).update();
    }

    public String classA() {
        return item("01", "0", null, true);
    }

    public long count(String table) {
        return db.sql("select count(*) from " + table).query(Long.class).single();
    }
}
