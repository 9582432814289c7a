package cn.gongji.clearing.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.clearing.db.FundTotals;
import cn.gongji.clearing.db.PeriodCloser;
import cn.gongji.support.RefData;
import cn.gongji.support.ServiceIT;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class ClearingCommandIT {

    @Autowired
    PeriodCloser closer;

    @Autowired
    FundTotals totals;

    @Autowired
    JdbcClient db;

    @TempDir
    Path dir;

    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    final YearMonth m1 = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    ClearingCommand command() {
        return new ClearingCommand(closer, totals, new PrintStream(buf, true, StandardCharsets.UTF_8), code -> {});
    }

    String text() {
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** One settlement of 45.67 fund share last month, written as 2207 would (amount identities kept). */
    String institutionWithOneSettlement() {
        RefData ref = new RefData(db);
        String inst = ref.hospital("L2").code();
        String psn = ref.person("in_service");
        var when = Timestamp.from(m1.atDay(2).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant());
        String id = "SCMD" + System.nanoTime();
        db.sql("insert into visit (mdtrt_id, psn_no, fixmedins_code, episode_fixmedins, insutype, med_type, begntime) values (:m, :p, :i, :i, '310', '11', now())")
                .param("m", "M" + id).param("p", psn).param("i", inst).update();
        db.sql("""
                insert into settlement (setl_id, mdtrt_id, psn_no, fixmedins_code, clr_type, setl_time, care_date, year,
                    policy_version, psn_type, level, med_type, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay,
                    preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, fund_pay_sumamt,
                    psn_part_amt, acct_pay, acct_mulaid_pay, psn_cash_pay, balc, crt_payb_lmt_amt, trace, msgid)
                values (:s, :m, :p, :i, '11', :t, :d, :y, 'NY-2022-07', '1101', 'L2', '11', 91.34, 0, 0, 0, 91.34, 0,
                    45.67, 0.55, 45.67, 45.67, 0, 0, 45.67, 0, 0, 'fixture', 'fixture')
                """).param("s", id).param("m", "M" + id).param("p", psn).param("i", inst).param("t", when)
                .param("d", m1.atDay(2)).param("y", m1.getYear()).update();
        db.sql("insert into year_accumulator (psn_no, year, pool_paid) values (:p, :y, 45.67)").param("p", psn)
                .param("y", m1.getYear()).update();
        return inst;
    }

    @Test
    void close_prints_progress_and_summary_then_export_writes_csv_and_an_xlsx_that_opens() throws Exception {
        String inst = institutionWithOneSettlement();
        assertThat(command().execute(List.of("--gongji.command=clearing", "close", "--month", m1.toString(),
                "--institution", inst))).isZero();
        assertThat(text()).contains("closed " + inst + "/11/" + m1).contains("payable 45.67").contains("fund total " + m1);

        assertThat(command().execute(List.of("export", "--month=" + m1, "--institution", inst, "--format", "csv",
                "--out", dir.toString()))).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("clearing-" + m1 + "-" + inst + ".csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith(inst + ",").contains(",closed,fee_for_service,1,45.67,").endsWith(",45.67");
        assertThat(csv.get(2)).startsWith("合计 total").endsWith(",45.67");
        assertThat(Files.readString(dir.resolve("clearing-" + m1 + "-" + inst + "-detail.csv"))).contains(",settlement,SCMD");

        assertThat(command().execute(List.of("export", "--month", m1.toString(), "--institution", inst, "--format", "xlsx",
                "--out", dir.toString()))).isZero();
        try (InputStream in = Files.newInputStream(dir.resolve("clearing-" + m1 + "-" + inst + ".xlsx"));
                XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            Sheet summary = wb.getSheetAt(0);
            assertThat(summary.getRow(0).getCell(15).getStringCellValue()).isEqualTo("acct_share");
            assertThat(summary.getRow(0).getCell(16).getStringCellValue()).isEqualTo("payable");
            assertThat(summary.getRow(1).getCell(0).getStringCellValue()).isEqualTo(inst);
            assertThat(BigDecimal.valueOf(summary.getRow(1).getCell(16).getNumericCellValue())).isEqualByComparingTo("45.67");
            assertThat(wb.getSheetAt(1).getRow(1).getCell(3).getStringCellValue()).isEqualTo("settlement");
        }
    }

    @Test
    void usage_errors_exit_two_and_say_how_to_call() {
        assertThat(command().execute(List.of("close"))).isEqualTo(2);
        assertThat(command().execute(List.of("close", "--month", "2026-13"))).isEqualTo(2);
        assertThat(command().execute(List.of("export", "--month", "2026-01", "--format", "pdf", "--out", "x"))).isEqualTo(2);
        assertThat(command().execute(List.of("reopen", "--month", "2026-01"))).isEqualTo(2);
        assertThat(command().execute(List.of("close", "--month", YearMonth.now(ZoneId.of("Asia/Shanghai")).toString())))
                .as("the current month has not ended").isEqualTo(2);
        assertThat(text()).contains("usage: ./gongji clearing close --month yyyy-MM").contains("尚未结束");
    }

    @Test
    void a_misspelt_option_is_a_usage_error_not_a_close_of_every_institution() {
        YearMonth m = YearMonth.of(2019, 5);
        assertThat(command().execute(List.of("close", "--month", m.toString(), "--instituton", "H41130200001"))).isEqualTo(2);
        assertThat(command().execute(List.of("close", "--month", m.toString(), "H41130200001"))).isEqualTo(2);
        assertThat(text()).contains("unknown option --instituton").contains("unexpected argument H41130200001")
                .doesNotContain("closing clearing periods");
    }
}
