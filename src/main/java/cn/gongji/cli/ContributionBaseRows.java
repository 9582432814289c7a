package cn.gongji.cli;

import cn.gongji.common.Money;
import cn.gongji.web.FieldReader;
import cn.gongji.web.Input;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * contribution-bases.csv: psn_no, effective_month (yyyy-MM), amount. Key (psn_no,
 * effective_month): present already → skipped (a correction is a new month, not an overwrite).
 */
final class ContributionBaseRows implements RowImporter {

    private final JdbcTemplate jdbc;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final Set<String> seen = new HashSet<>();

    ContributionBaseRows(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.db = JdbcClient.create(jdbc);
        this.tx = tx;
    }

    @Override
    public Set<String> columns() {
        return Set.of("psn_no", "effective_month", "amount");
    }

    @Override
    public Set<String> requiredColumns() {
        return columns();
    }

    private record Base(int line, String psnNo, LocalDate month, BigDecimal amount) {
        String key() {
            return psnNo + "/" + month;
        }
    }

    @Override
    public void importChunk(List<CsvRow> rows, ImportReport report, boolean dryRun) {
        List<Base> valid = new ArrayList<>();
        for (CsvRow row : rows) {
            FieldReader r = new FieldReader(Input.of(row.values()));
            String psnNo = r.text("psn_no", 30);
            String m = r.text("effective_month", 10);
            var amount = r.money("amount", true);
            if (amount != null && amount.compareTo(Money.of("1000000")) > 0) {
                // the limit of a person's contribution_base (NewPerson); a larger number overflowed the column
                r.problem("amount", "超出合理范围（最大 1000000）", "is out of range (at most 1000000)");
            }
            LocalDate month = null;
            if (m != null) {
                try {
                    month = YearMonth.parse(m.length() == 10 && m.endsWith("-01") ? m.substring(0, 7) : m).atDay(1);
                } catch (DateTimeParseException e) {
                    r.problem("effective_month", "应为月份 yyyy-MM", "must be a month yyyy-MM");
                }
            }
            if (!r.ok()) {
                report.fail(row.line(), r.problems());
                continue;
            }
            Base b = new Base(row.line(), psnNo, month, amount.amount());
            if (!seen.add(b.key())) {
                report.fail(row.line(), "effective_month", "该参保人该月在文件中重复", "appears twice in the file for this person");
                continue;
            }
            valid.add(b);
        }
        String[] psnNos = valid.stream().map(Base::psnNo).distinct().toArray(String[]::new);
        Set<String> persons = new HashSet<>(db.sql("select psn_no from person where psn_no = any(:p)")
                .param("p", psnNos).query(String.class).list());
        Set<String> existing = new HashSet<>(db.sql(
                "select psn_no || '/' || effective_month from contribution_base where psn_no = any(:p)")
                .param("p", psnNos).query(String.class).list());
        List<Base> fresh = new ArrayList<>();
        for (Base b : valid) {
            if (!persons.contains(b.psnNo())) {
                report.fail(b.line(), "psn_no", "参保人不存在", "no such insured person");
            } else if (existing.contains(b.key())) {
                report.skipped++;
            } else {
                fresh.add(b);
            }
        }
        if (!dryRun && !fresh.isEmpty()) {
            tx.executeWithoutResult(s -> jdbc.batchUpdate(
                    "insert into contribution_base (psn_no, effective_month, amount) values (?, ?, ?)",
                    fresh, 1000, (ps, b) -> {
                        ps.setString(1, b.psnNo());
                        ps.setDate(2, Date.valueOf(b.month()));
                        ps.setBigDecimal(3, b.amount());
                    }));
        }
        report.imported += fresh.size();
    }
}
