package cn.gongji.account.db;

import cn.gongji.account.Entry;
import cn.gongji.account.EntryKind;
import cn.gongji.common.Money;
import cn.gongji.web.AgencyProblem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read side of the ledger: the account with its entries, a statement over a period, the figures of
 * a calendar year. Periods are by the entry's booking time ({@code created_at}) in the business
 * zone; balances at a boundary are sums of entries (so opening + movements = closing exactly).
 * A balance taken over from a previous system ({@code opening_balance}, docs/accounts.md) is the
 * account's opening, not a movement: a period in which it was booked opens with it, in the statement
 * and in the year figures alike, and lists no movement for it (decisions A8).
 */
@Service
public class AccountQueries {

    public record AccountHead(String psnNo, Money balance, String status, String closedReason) {}

    public record Statement(String psnNo, LocalDate from, LocalDate to, Money opening, List<Entry> entries, Money closing) {}

    /** A calendar year of one account; "spent" figures are net of refunds, positive = money out. */
    public record YearFigures(
            String psnNo,
            int year,
            Money openingBalance,
            Money credited,
            Money spentSelf,
            Money spentForFamily,
            Money spentOnPersonByFamily,
            Money contributions,
            Money transferredIn,
            Money transferredOut,
            Money paidOut,
            Money corrections,
            Money balance) {}

    private final JdbcClient db;
    private final Clock clock;

    public AccountQueries(JdbcClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public AccountHead head(String psnNo) {
        requirePerson(psnNo);
        return db.sql("select balance, status, closed_reason from account where psn_no = :p").param("p", psnNo)
                .query((rs, i) -> new AccountHead(psnNo, Money.of(rs.getBigDecimal(1)), rs.getString(2), rs.getString(3)))
                .optional()
                .orElse(new AccountHead(psnNo, Money.ZERO, "none", null));
    }

    @Transactional(readOnly = true)
    public List<Entry> entries(String psnNo) {
        return db.sql("select " + Ledger.COLUMNS + " from account_entry where psn_no = :p order by entry_id")
                .param("p", psnNo).query((rs, i) -> Ledger.entry(rs)).list();
    }

    /** Entries booked from {@code from} 00:00 to the end of {@code to}, with the balances around them. */
    @Transactional(readOnly = true)
    public Statement statement(String psnNo, LocalDate from, LocalDate to) {
        requirePerson(psnNo);
        OffsetDateTime a = startOf(from);
        OffsetDateTime b = startOf(to.plusDays(1));
        List<Entry> booked = db.sql("select " + Ledger.COLUMNS + """
                 from account_entry
                where psn_no = :p and created_at >= :a and created_at < :b order by entry_id
                """).param("p", psnNo).param("a", a).param("b", b)
                .query((rs, i) -> Ledger.entry(rs)).list();
        Money opening = booked.stream().filter(e -> e.kind() == EntryKind.OPENING_BALANCE).map(Entry::amount)
                .reduce(sumBefore(psnNo, a), Money::plus);
        List<Entry> entries = booked.stream().filter(e -> e.kind() != EntryKind.OPENING_BALANCE).toList();
        Money closing = entries.stream().map(Entry::amount).reduce(opening, Money::plus);
        return new Statement(psnNo, from, to, opening, entries, closing);
    }

    @Transactional(readOnly = true)
    public YearFigures year(String psnNo, int year) {
        requirePerson(psnNo);
        OffsetDateTime a = startOf(LocalDate.of(year, 1, 1));
        OffsetDateTime b = startOf(LocalDate.of(year + 1, 1, 1));
        Map<String, Money> byKind = new HashMap<>();
        db.sql("""
                select kind, sum(amount) from account_entry
                where psn_no = :p and created_at >= :a and created_at < :b group by kind
                """).param("p", psnNo).param("a", a).param("b", b)
                .query(rs -> {
                    byKind.put(rs.getString(1), Money.of(rs.getBigDecimal(2)));
                });
        // entries on the holders' accounts, which a sharded store keeps on the holders' nodes: a bare sum(), which
        // ShardingSphere adds up over the nodes (a coalesce(sum(…), 0) would come back once per node); null when none
        Money byFamily = db.sql("""
                select sum(amount) from account_entry
                where counterparty_psn_no = :p and kind in ('family_payment', 'family_refund')
                  and created_at >= :a and created_at < :b
                """).param("p", psnNo).param("a", a).param("b", b).query(BigDecimal.class).optional()
                .map(Money::of).orElse(Money.ZERO).negate();
        Money before = sumBefore(psnNo, a);
        Money opening = before.plus(k(byKind, "opening_balance"));
        Money moved = byKind.values().stream().reduce(Money.ZERO, Money::plus);
        return new YearFigures(psnNo, year, opening,
                k(byKind, "credit"),
                k(byKind, "payment").plus(k(byKind, "refund")).negate(),
                k(byKind, "family_payment").plus(k(byKind, "family_refund")).negate(),
                byFamily,
                k(byKind, "contribution").negate(),
                k(byKind, "transfer_in"),
                k(byKind, "transfer_out").negate(),
                k(byKind, "payout").negate(),
                k(byKind, "correction"),
                before.plus(moved));
    }

    private static Money k(Map<String, Money> byKind, String kind) {
        return byKind.getOrDefault(kind, Money.ZERO);
    }

    private Money sumBefore(String psnNo, OffsetDateTime t) {
        return Money.of(db.sql("select coalesce(sum(amount), 0) from account_entry where psn_no = :p and created_at < :t")
                .param("p", psnNo).param("t", t).query(BigDecimal.class).single());
    }

    private OffsetDateTime startOf(LocalDate d) {
        return d.atStartOfDay(clock.getZone()).toOffsetDateTime();
    }

    private void requirePerson(String psnNo) {
        boolean exists = db.sql("select exists(select 1 from person where psn_no = :p)").param("p", psnNo)
                .query(Boolean.class).single();
        if (!exists) {
            throw AgencyProblem.notFound("参保人 person", psnNo);
        }
    }
}
