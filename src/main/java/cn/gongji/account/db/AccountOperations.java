package cn.gongji.account.db;

import cn.gongji.account.EntryKind;
import cn.gongji.account.Posting;
import cn.gongji.common.Money;
import cn.gongji.registry.PersonStore;
import cn.gongji.web.AgencyProblem;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The agency's account operations (Art. 9(3), Art. 12): contributions, transfers, payouts and
 * corrections. Each checks what only the database knows (the person, the binding), then posts
 * through the {@link Ledger} in one transaction; a refusal rolls everything back.
 */
@Service
public class AccountOperations {

    /** Contribution kinds (Art. 9(3)); the code is the entry's reason. */
    public enum ContributionKind {
        /** a bound family member's resident medical insurance (城乡居民基本医疗保险) */
        RESIDENT_INSURANCE("resident_insurance"),
        /** the holder's own large-amount medical insurance (职工大额医疗保险) */
        LARGE_AMOUNT("large_amount");

        public final String code;

        ContributionKind(String code) {
            this.code = code;
        }
    }

    /** Why a balance is paid out once (Art. 12). */
    public static final java.util.Set<String> PAYOUT_REASONS = java.util.Set.of("death", "emigration", "withdrawal");

    private final JdbcClient db;
    private final Ledger ledger;
    private final PersonStore persons;

    public AccountOperations(JdbcClient db, Ledger ledger, PersonStore persons) {
        this.db = db;
        this.ledger = ledger;
        this.persons = persons;
    }

    @Transactional
    public Ledger.Result contribute(String holder, ContributionKind kind, String memberPsnNo, Money amount, int year,
            String ref, String actor) {
        requirePerson(holder);
        if (kind == ContributionKind.RESIDENT_INSURANCE) {
            if (!HolderBinding.active(db, holder, memberPsnNo, true)) {
                throw AgencyProblem.invalid("member_psn_no", "不是本账户已绑定的家庭成员",
                        "is not a family member actively bound to this account");
            }
        }
        String memo = year + " " + (kind == ContributionKind.RESIDENT_INSURANCE
                ? "城乡居民医保个人缴费 / resident insurance contribution"
                : "职工大额医疗保险个人缴费 / large-amount insurance contribution");
        return ledger.post(new Posting(holder, EntryKind.CONTRIBUTION, amount.negate(), ref, kind.code, actor,
                memberPsnNo, memo));
    }

    @Transactional
    public Ledger.Result transferOut(String psnNo, String ref, String toAdmdvs, String actor) {
        requirePerson(psnNo);
        return ledger.post(Posting.wholeBalance(psnNo, EntryKind.TRANSFER_OUT, ref, "relation_transfer", actor,
                "医保关系转出至 / transferred out to " + toAdmdvs));
    }

    @Transactional
    public Ledger.Result transferIn(String psnNo, Money amount, String ref, String fromAdmdvs, String actor) {
        requirePerson(psnNo);
        return ledger.post(new Posting(psnNo, EntryKind.TRANSFER_IN, amount, ref, "relation_transfer", actor, null,
                "医保关系转入自 / transferred in from " + fromAdmdvs));
    }

    /**
     * Pays the whole balance out once and closes the account (Art. 12). A payout on death also records the
     * death in the same transaction, so that the account's closing and the refusal of later charges (rule R12)
     * come together or not at all: {@code diedOn} when given (it replaces a date on record), else the death
     * already on record (reported by 民政/公安 through the supervision API); with neither it is refused.
     */
    @Transactional
    public Ledger.Result payout(String psnNo, String reason, LocalDate diedOn, String payeeName, String payeeAccount,
            String ref, String actor) {
        requirePerson(psnNo);
        boolean death = "death".equals(reason);
        if (death && diedOn == null && persons.deathOnRecord(psnNo).isEmpty()) {
            throw AgencyProblem.invalid("died_on", "因死亡一次性支付须填写死亡日期（尚无该参保人的死亡登记）",
                    "a payout on death needs the date of death (no death is on record for the person)");
        }
        Ledger.Result paid = ledger.post(Posting.wholeBalance(psnNo, EntryKind.PAYOUT, ref, reason, actor,
                "一次性支付 / one-time payout to " + payeeName + ", account " + payeeAccount));
        if (death && diedOn != null) {
            persons.recordDeath(psnNo, diedOn, "payout " + ref);
        }
        return paid;
    }

    @Transactional
    public Ledger.Result correct(String psnNo, Money amount, String reason, String ref, String actor) {
        requirePerson(psnNo);
        return ledger.post(new Posting(psnNo, EntryKind.CORRECTION, amount, ref, "correction", actor, null, reason));
    }

    void requirePerson(String psnNo) {
        boolean exists = db.sql("select exists(select 1 from person where psn_no = :p)").param("p", psnNo)
                .query(Boolean.class).single();
        if (!exists) {
            throw AgencyProblem.notFound("参保人 person", psnNo);
        }
    }
}
