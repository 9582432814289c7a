package cn.gongji.supervision.db;

import cn.gongji.common.Money;
import cn.gongji.store.PersonShards;
import cn.gongji.supervision.AccountActivity;
import cn.gongji.supervision.CashOutRule;
import cn.gongji.supervision.Claim;
import cn.gongji.supervision.Finding;
import cn.gongji.supervision.Params;
import cn.gongji.supervision.RuleEngine;
import cn.gongji.supervision.RuleSettings;
import cn.gongji.supervision.Stage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 事后: runs the rules over a period's live settlements, day by day (one transaction per day), and
 * the account rule R11 over the period's pharmacy payments. Idempotent: a warning's key is its
 * rule and subject, so a rescan adds only what is new.
 */
@Service
public class Scanner {

    public record Summary(LocalDate from, LocalDate to, int settlements, int findings, int newWarnings,
            Map<String, Integer> byRule) {

        public String describe() {
            return "supervision scan " + from + " .. " + to + ": " + settlements + " settlements, " + findings + " findings, "
                    + newWarnings + " new warnings; by rule " + byRule;
        }
    }

    /** Settlement ids per account-entry lookup: keeps one statement's parameter bounded on a busy period. */
    private static final int REF_CHUNK = 5_000;

    private final ClaimLoader loader;
    private final RuleStore rules;
    private final WarningStore warnings;
    private final ReviewService review;
    private final PersonShards shards;
    private final TransactionTemplate tx;
    private final Clock clock;

    public Scanner(ClaimLoader loader, RuleStore rules, WarningStore warnings, ReviewService review, PersonShards shards,
            TransactionTemplate tx, Clock clock) {
        this.loader = loader;
        this.rules = rules;
        this.warnings = warnings;
        this.review = review;
        this.shards = shards;
        this.tx = tx;
        this.clock = clock;
    }

    public Summary scan(LocalDate from, LocalDate to, Consumer<String> progress) {
        RuleSettings settings = rules.settings();
        int[] counts = new int[3];
        Map<String, Integer> byRule = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            LocalDate day = d;
            tx.executeWithoutResult(s -> {
                OffsetDateTime now = OffsetDateTime.now(clock);
                List<Claim> claims = loader.claimsOn(day, settings.historyDays());
                counts[0] += claims.size();
                for (Claim c : claims) {
                    for (Finding f : RuleEngine.evaluate(c, Stage.AFTER, settings)) {
                        count(f, byRule, counts);
                        if (warnings.record(f, new WarningStore.Subject("scan", c.encounter().setlId(), c.encounter().mdtrtId(),
                                c.patient().psnNo(), c.provider().code(), c.careDate(), null), now, review.firstDue(now))) {
                            counts[2]++;
                        }
                    }
                }
            });
            if (day.getDayOfMonth() == 1 || day.equals(to)) {
                progress.accept("scanned up to " + day + ": " + counts[0] + " settlements, " + counts[2] + " new warnings");
            }
        }
        if (settings.enabled(CashOutRule.DEF.id())) {
            tx.executeWithoutResult(s -> cashOut(from, to, settings.paramsOf(CashOutRule.DEF), byRule, counts));
        }
        return new Summary(from, to, counts[0], counts[1], counts[2], byRule);
    }

    private static void count(Finding f, Map<String, Integer> byRule, int[] counts) {
        counts[1]++;
        byRule.merge(f.rule().id(), 1, Integer::sum);
    }

    /**
     * R11 over account payments at pharmacies; the window before {@code from} fills but does not
     * trigger. The paying account may be a family holder's on another node than the member's
     * settlement, so the settlements and the account entries that paid them are two reads, joined
     * here by setl_id.
     */
    private void cashOut(LocalDate from, LocalDate to, Params p, Map<String, Integer> byRule, int[] counts) {
        record Sale(String setlId, String fixmedinsCode, LocalDateTime at) {}
        record Paid(String payer, Sale sale, String beneficiary, Money amount) {}
        Map<String, Sale> sales = new HashMap<>();
        shards.query("""
                select s.setl_id, s.fixmedins_code, v.begntime
                from settlement s
                join visit v on v.mdtrt_id = s.mdtrt_id
                join institution i on i.fixmedins_code = s.fixmedins_code
                where i.kind = 'pharmacy' and s.refd_setl_id is null and s.cancelled_at is null
                  and s.care_date >= :from and s.care_date <= :to
                """, Map.of("from", from.minusDays(p.whole("window_days")), "to", to), (rs, i) -> new Sale(rs.getString(1),
                rs.getString(2), rs.getObject(3, LocalDateTime.class))).forEach(x -> sales.put(x.setlId(), x));
        if (sales.isEmpty()) {
            return;
        }
        List<Paid> paid = new ArrayList<>();
        List<String> ids = new ArrayList<>(sales.keySet());
        for (int at = 0; at < ids.size(); at += REF_CHUNK) {
            paid.addAll(shards.query("""
                    select e.psn_no, e.ref, coalesce(e.counterparty_psn_no, e.psn_no), -e.amount
                    from account_entry e
                    where e.kind in ('payment', 'family_payment') and e.ref = any(:ids)
                    """, Map.of("ids", ids.subList(at, Math.min(ids.size(), at + REF_CHUNK)).toArray(String[]::new)),
                    (rs, i) -> new Paid(rs.getString(1), sales.get(rs.getString(2)), rs.getString(3),
                            Money.of(rs.getBigDecimal(4)))));
        }
        Map<String, List<AccountActivity.Payment>> byPayer = new LinkedHashMap<>();
        paid.stream().sorted(Comparator.comparing(Paid::payer).thenComparing(x -> x.sale().at())
                        .thenComparing(x -> x.sale().setlId()))
                .forEach(x -> byPayer.computeIfAbsent(x.payer(), k -> new ArrayList<>()).add(new AccountActivity.Payment(
                        x.sale().setlId(), x.beneficiary(), x.sale().fixmedinsCode(), x.sale().at(), x.amount())));
        OffsetDateTime now = OffsetDateTime.now(clock);
        byPayer.forEach((payer, payments) -> {
            for (Finding f : CashOutRule.check(new AccountActivity(payer, payments), p, from.atStartOfDay())) {
                count(f, byRule, counts);
                AccountActivity.Payment trigger = payments.stream()
                        .filter(x -> x.setlId().equals(f.items().getLast())).findFirst().orElseThrow();
                if (warnings.record(f, new WarningStore.Subject("scan", trigger.setlId(), null, payer, trigger.fixmedinsCode(),
                        trigger.at().toLocalDate(), null), now, review.firstDue(now))) {
                    counts[2]++;
                }
            }
        });
    }
}
