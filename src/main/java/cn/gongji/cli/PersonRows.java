package cn.gongji.cli;

import cn.gongji.common.Money;
import cn.gongji.registry.NewPerson;
import cn.gongji.registry.PersonStore;
import cn.gongji.registry.PersonStore.Registered;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * persons.csv: the columns of POST /api/admin/persons, and {@code account_balance}: the balance a person's
 * account had in the system Gongji replaces, booked as the new account's opening balance (docs/import.md).
 * Key: certno (registered already → skipped, its account untouched).
 */
final class PersonRows implements RowImporter {

    private final PersonStore store;
    private final TransactionTemplate tx;
    private final LocalDate today;
    private final Map<String, Integer> certnos = new HashMap<>();
    private final Map<String, Integer> cards = new HashMap<>();
    private final Map<String, Integer> tokens = new HashMap<>();

    PersonRows(PersonStore store, TransactionTemplate tx, LocalDate today) {
        this.today = today;
        this.store = store;
        this.tx = tx;
    }

    @Override
    public Set<String> columns() {
        return Set.of("certno", "psn_name", "gend", "brdy", "insuplc_admdvs", "emp_name", "status", "insu_date",
                "contribution_base", "card_no", "evoucher_token", "account_balance");
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("certno", "psn_name", "insuplc_admdvs", "status", "insu_date");
    }

    private record Candidate(int line, NewPerson person, Money opening) {}

    /** The largest balance taken over: far above any real account, below the column's limit. */
    static final Money MAX_OPENING = Money.of("1000000.00");

    /** Where a taken-over balance comes from, on its ledger entry. */
    static final PersonStore.OpeningSource TAKEN_OVER = new PersonStore.OpeningSource("import-opening", "taken_over",
            "import", "原系统结转的个人账户余额 / balance taken over from the previous system");

    @Override
    public void importChunk(List<CsvRow> rows, ImportReport report, boolean dryRun) {
        List<Candidate> valid = new ArrayList<>();
        for (CsvRow row : rows) {
            FieldReader r = new FieldReader(Input.of(row.values()));
            NewPerson p = NewPerson.read(r, today);
            Money opening = r.money("account_balance", false);
            if (opening != null && opening.compareTo(MAX_OPENING) > 0) {
                r.problem("account_balance", "超出范围（最多 1000000）", "is out of range (at most 1000000)");
            }
            if (p == null || !r.ok()) {
                report.fail(row.line(), r.problems());
                continue;
            }
            Integer dup = certnos.putIfAbsent(p.certno().value(), row.line());
            if (dup != null) {
                report.fail(row.line(), "certno", "与第 " + dup + " 行重复", "duplicates row " + dup);
                continue;
            }
            if (p.cardNo() != null && (dup = cards.putIfAbsent(p.cardNo(), row.line())) != null) {
                report.fail(row.line(), "card_no", "与第 " + dup + " 行重复", "duplicates row " + dup);
                continue;
            }
            if (p.evoucherToken() != null && (dup = tokens.putIfAbsent(p.evoucherToken(), row.line())) != null) {
                report.fail(row.line(), "evoucher_token", "与第 " + dup + " 行重复", "duplicates row " + dup);
                continue;
            }
            valid.add(new Candidate(row.line(), p, opening));
        }
        Set<String> known = store.existing("certno", valid.stream().map(c -> c.person().certno().value()).toList());
        Set<String> usedCards = store.existing("card_no", valid.stream().map(c -> c.person().cardNo()).filter(v -> v != null).toList());
        Set<String> usedTokens = store.existing("evoucher_token",
                valid.stream().map(c -> c.person().evoucherToken()).filter(v -> v != null).toList());
        List<Candidate> fresh = new ArrayList<>();
        for (Candidate c : valid) {
            if (known.contains(c.person().certno().value())) {
                report.skipped++;
            } else if (c.person().cardNo() != null && usedCards.contains(c.person().cardNo())) {
                report.fail(c.line(), "card_no", "已被其他参保人使用", "belongs to another person already registered");
            } else if (c.person().evoucherToken() != null && usedTokens.contains(c.person().evoucherToken())) {
                report.fail(c.line(), "evoucher_token", "已被其他参保人使用", "belongs to another person already registered");
            } else {
                fresh.add(c);
            }
        }
        if (!dryRun && !fresh.isEmpty()) {
            tx.executeWithoutResult(s -> {
                List<String> psnNos = store.nextPsnNos(fresh.size());
                List<Registered> rowsToWrite = new ArrayList<>(fresh.size());
                Map<String, Money> openings = new HashMap<>();
                for (int i = 0; i < fresh.size(); i++) {
                    rowsToWrite.add(new Registered(psnNos.get(i), fresh.get(i).person()));
                    if (fresh.get(i).opening() != null) {
                        openings.put(psnNos.get(i), fresh.get(i).opening());
                    }
                }
                store.insert(rowsToWrite, openings, TAKEN_OVER);
            });
        }
        report.imported += fresh.size();
    }
}
