package cn.gongji.account.web;

import cn.gongji.account.Entry;
import cn.gongji.account.db.AccountQueries;
import cn.gongji.account.db.Ledger;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The agency API's JSON shapes for accounts (snake_case, amounts as numbers with 2 decimals). */
final class AccountViews {

    private AccountViews() {}

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    record EntryView(
            @JsonProperty("entry_id") long entryId,
            @JsonProperty("psn_no") String psnNo,
            String kind,
            BigDecimal amount,
            String ref,
            String reason,
            @JsonProperty("counterparty_psn_no") String counterpartyPsnNo,
            @JsonProperty("balance_after") BigDecimal balanceAfter,
            String actor,
            String memo,
            @JsonProperty("created_at") String createdAt) {

        static EntryView of(Entry e, ZoneId zone) {
            return new EntryView(e.entryId(), e.psnNo(), e.kind().code(), e.amount().amount(), e.ref(), e.reason(),
                    e.counterpartyPsnNo(), e.balanceAfter().amount(), e.actor(), e.memo(),
                    e.createdAt().atZone(zone).format(TS));
        }
    }

    /** A posting's answer: the entry, and whether it had been made before (a repeated request). */
    record PostingView(EntryView entry, boolean replayed, BigDecimal balance) {
        static PostingView of(Ledger.Result r, ZoneId zone) {
            return new PostingView(EntryView.of(r.entry(), zone), r.replayed(), r.entry().balanceAfter().amount());
        }
    }

    record AccountView(
            @JsonProperty("psn_no") String psnNo,
            BigDecimal balance,
            String status,
            @JsonProperty("closed_reason") String closedReason,
            List<EntryView> entries) {}

    record StatementView(
            @JsonProperty("psn_no") String psnNo,
            LocalDate from,
            LocalDate to,
            @JsonProperty("opening_balance") BigDecimal openingBalance,
            List<EntryView> entries,
            @JsonProperty("closing_balance") BigDecimal closingBalance) {}

    record YearView(
            @JsonProperty("psn_no") String psnNo,
            int year,
            @JsonProperty("opening_balance") BigDecimal openingBalance,
            BigDecimal credited,
            @JsonProperty("spent_self") BigDecimal spentSelf,
            @JsonProperty("spent_for_family") BigDecimal spentForFamily,
            @JsonProperty("spent_by_family_for_person") BigDecimal spentByFamilyForPerson,
            BigDecimal contributions,
            @JsonProperty("transferred_in") BigDecimal transferredIn,
            @JsonProperty("transferred_out") BigDecimal transferredOut,
            @JsonProperty("paid_out") BigDecimal paidOut,
            BigDecimal corrections,
            BigDecimal balance) {

        static YearView of(AccountQueries.YearFigures y) {
            return new YearView(y.psnNo(), y.year(), y.openingBalance().amount(), y.credited().amount(),
                    y.spentSelf().amount(), y.spentForFamily().amount(), y.spentOnPersonByFamily().amount(),
                    y.contributions().amount(), y.transferredIn().amount(), y.transferredOut().amount(),
                    y.paidOut().amount(), y.corrections().amount(), y.balance().amount());
        }
    }
}
