package cn.gongji.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gongji.support.ServiceIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

@ServiceIT
class ImportCommandIT {

    @Autowired
    ImportCommand command;

    @Autowired
    JdbcClient db;

    @Autowired
    Environment env;

    @Autowired
    ApplicationContext context;

    @TempDir
    Path dir;

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Path copy(String sample) throws Exception {
        Path p = dir.resolve(sample);
        Files.copy(Path.of("samples", sample), p);
        return p;
    }

    private long count(String sql) {
        return db.sql(sql).query(Long.class).single();
    }

    @Test
    void the_samples_import_cleanly_and_a_rerun_skips_every_row() throws Exception {
        Path inst = copy("institutions.csv");
        var s1 = command.run("institutions", inst, false, out);
        assertThat(s1.failed()).as(output()).isZero();
        assertThat(s1.imported()).isEqualTo(12);
        assertThat(Files.readAllLines(inst.resolveSibling("institutions.csv.secrets.csv"))).hasSize(13);
        assertThat(db.sql("select level from institution where fixmedins_code = 'H41130290105'").query(String.class).single())
                .isEqualTo("L3");

        var p1 = command.run("persons", copy("persons.csv"), false, out);
        assertThat(p1.failed()).as(output()).isZero();
        assertThat(p1.imported()).isEqualTo(12);
        assertThat(count("select count(*) from person where card_no like 'SAMPLE-CARD-%'")).isEqualTo(12);
        assertThat(count("select count(*) from account a join person p using (psn_no) where p.card_no like 'SAMPLE-CARD-%'"))
                .isEqualTo(12);

        var c1 = command.run("catalog", copy("catalog.csv"), false, out);
        assertThat(c1.failed()).as(output()).isZero();
        assertThat(c1.imported()).isEqualTo(12);
        assertThat(db.sql("select name from catalog_item where med_list_codg = 'SC00000111'").query(String.class).single())
                .isEqualTo("一次性输液器, 带针");

        var s2 = command.run("institutions", inst, false, out);
        var p2 = command.run("persons", dir.resolve("persons.csv"), false, out);
        var c2 = command.run("catalog", dir.resolve("catalog.csv"), false, out);
        assertThat(s2.skipped()).isEqualTo(12);
        assertThat(p2.skipped()).isEqualTo(12);
        assertThat(c2.skipped()).isEqualTo(12);
        assertThat(s2.exitCode() + p2.exitCode() + c2.exitCode()).isZero();
    }

    @Test
    void bad_rows_are_reported_by_line_and_good_rows_still_import() throws Exception {
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, """
                certno,psn_name,insuplc_admdvs,status,insu_date
                110105194912310021,坏校验,411302,in_service,2010-01-01
                11010519491231002X,好人甲,411302,retired,2010-01-01
                110105195001010012,日期错,411302,in_service,2010-02-30
                only,two
                """);
        var s = command.run("persons", f, false, out);
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(3);
        assertThat(s.exitCode()).isEqualTo(1);
        assertThat(output()).contains("第 2 行 certno: 校验位错误 / row 2 certno: check digit is wrong");
        assertThat(output()).contains("row 4 insu_date").contains("row 5");
        assertThat(output().lines().filter(l -> l.startsWith("第 ")).map(l -> l.substring(0, 5)).toList())
                .as("failures in the order of the file").containsExactly("第 2 行", "第 4 行", "第 5 行");
    }

    @Test
    void rows_before_a_broken_quote_are_processed_as_the_message_says() throws Exception {
        Path f = dir.resolve("broken.csv");
        Files.writeString(f, """
                med_list_codg,name,list_type,chrgitm_lv
                QUOTE001,引号之前,201,01
                QUOTE002,"未闭合,201,01
                """);
        assertThatThrownBy(() -> command.run("catalog", f, false, out))
                .isInstanceOf(ImportCommand.UsageException.class).hasMessageContaining("row 3 is not valid CSV")
                .hasMessageContaining("rows before it were processed");
        assertThat(count("select count(*) from catalog_item where med_list_codg = 'QUOTE001'")).isEqualTo(1);
        assertThat(output()).contains("1 rows: imported 1");
    }

    @Test
    void a_dry_run_writes_nothing() throws Exception {
        Path f = dir.resolve("dry.csv");
        Files.writeString(f, """
                med_list_codg,name,list_type,chrgitm_lv
                DRY0001,演练项目,201,01
                """);
        var s = command.run("catalog", f, true, out);
        assertThat(s.imported()).isEqualTo(1);
        assertThat(count("select count(*) from catalog_item where med_list_codg = 'DRY0001'")).isZero();
    }

    @Test
    void a_missing_required_column_or_unknown_kind_stops_the_command() throws Exception {
        Path f = dir.resolve("nohdr.csv");
        Files.writeString(f, "certno,psn_name\n1,2\n");
        assertThatThrownBy(() -> command.run("persons", f, false, out))
                .isInstanceOf(ImportCommand.UsageException.class).hasMessageContaining("insu_date");
        assertThatThrownBy(() -> command.run("animals", f, false, out))
                .isInstanceOf(ImportCommand.UsageException.class);
    }

    @Test
    void a_balance_taken_over_from_the_previous_system_opens_the_new_account() throws Exception {
        // a go-live: the persons of the old system with their account balances, booked as opening balances
        String serial = String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
        String a = cn.gongji.registry.CertNo.complete("41130319700101" + serial.substring(1)).value();
        String b = cn.gongji.registry.CertNo.complete("41130319710101" + serial.substring(1)).value();
        String c = cn.gongji.registry.CertNo.complete("41130319720101" + serial.substring(1)).value();
        String d = cn.gongji.registry.CertNo.complete("41130319730101" + serial.substring(1)).value();
        Path f = dir.resolve("golive.csv");
        Files.writeString(f, "certno,psn_name,insuplc_admdvs,status,insu_date,account_balance\n"
                + a + ",甲,411303,in_service,2010-01-01,1234.56\n"
                + b + ",乙,411303,retired,2010-01-01,\n"
                + c + ",丙,411303,in_service,2010-01-01,-5\n"
                + d + ",丁,411303,in_service,2010-01-01,1000000.01\n");
        var s = command.run("persons", f, false, out);
        assertThat(s.imported()).as(output()).isEqualTo(2);
        assertThat(s.failed()).isEqualTo(2);
        assertThat(output()).contains("account_balance");
        String psnA = psnOf(a);
        assertThat(db.sql("select balance from account where psn_no = :p").param("p", psnA).query(java.math.BigDecimal.class)
                .single()).isEqualByComparingTo("1234.56");
        assertThat(db.sql("select kind || ' ' || amount || ' ' || balance_after || ' ' || reason from account_entry where psn_no = :p")
                .param("p", psnA).query(String.class).list()).containsExactly("opening_balance 1234.56 1234.56 taken_over");
        assertThat(db.sql("select count(*) from account_entry where psn_no = :p").param("p", psnOf(b)).query(Long.class).single())
                .as("no balance given: an empty account").isZero();
        cn.gongji.account.LedgerChecks.assertConsistent(db);
        assertThat(command.run("persons", f, false, out).skipped()).as("a rerun leaves the accounts alone").isEqualTo(2);
        assertThat(db.sql("select count(*) from account_entry where psn_no = :p").param("p", psnA).query(Long.class).single())
                .isEqualTo(1);
    }

    private String psnOf(String certno) {
        return db.sql("select psn_no from person where certno_hash = :h").param("h", context.getBean(cn.gongji.ops.pii.PiiCrypto.class)
                .hash(certno)).query(String.class).single();
    }

    /**
     * A registered person of the test's own (not from samples/persons.csv: the samples test expects to import
     * every row of it, whatever order the tests run in).
     */
    private String aPerson() {
        return new cn.gongji.support.RefData(db).person("in_service");
    }

    @Test
    void contribution_bases_import_for_known_persons() throws Exception {
        String psnNo = aPerson();
        Path f = dir.resolve("bases.csv");
        Files.writeString(f, "psn_no,effective_month,amount\n" + psnNo + ",2024-01,6100.00\n41139999999999999999,2024-01,1\n");
        var s = command.run("contribution-bases", f, false, out);
        assertThat(s.imported()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(command.run("contribution-bases", f, false, out).skipped()).isEqualTo(1);
    }

    @Test
    void a_contribution_base_too_large_for_the_column_fails_its_row_and_the_others_import() throws Exception {
        String psnNo = aPerson();
        Path f = dir.resolve("huge.csv");
        Files.writeString(f, "psn_no,effective_month,amount\n" + psnNo + ",2019-03,1E+20\n" + psnNo + ",2019-04,6200.00\n");
        var s = command.run("contribution-bases", f, false, out);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.imported()).isEqualTo(1);
        assertThat(output()).contains("row 2 amount: is out of range (at most 1000000)");
    }

    @Test
    void a_catalog_dry_run_counts_as_the_real_run_does() throws Exception {
        Path f = dir.resolve("cat.csv");
        Files.writeString(f, """
                med_list_codg,name,list_type,chrgitm_lv
                DRY0101,演练项目甲,201,01
                DRY0102,演练项目乙,201,01
                """);
        command.run("catalog", f, false, out);
        Files.writeString(f, """
                med_list_codg,name,list_type,chrgitm_lv
                DRY0101,演练项目甲,201,01
                DRY0102,演练项目乙（改）,201,01
                DRY0103,演练项目丙,201,01
                """);
        var dry = command.run("catalog", f, true, out);
        assertThat(List.of(dry.imported(), dry.updated(), dry.skipped())).containsExactly(1, 1, 1);
        assertThat(db.sql("select name from catalog_item where med_list_codg = 'DRY0102'").query(String.class).single())
                .isEqualTo("演练项目乙");
        assertThat(count("select count(*) from catalog_item where med_list_codg = 'DRY0103'")).isZero();
        var real = command.run("catalog", f, false, out);
        assertThat(List.of(real.imported(), real.updated(), real.skipped())).containsExactly(1, 1, 1);
    }

    @Test
    void a_second_institution_import_keeps_the_secrets_of_the_first() throws Exception {
        Path f = dir.resolve("inst.csv");
        String header = "fixmedins_code,fixmedins_name,kind,level,admdvs\n";
        Files.writeString(f, header + "H41130309801,秘一医院,hospital,L1,411303\n");
        command.run("institutions", f, false, out);
        Files.writeString(f, header + "H41130309801,秘一医院,hospital,L1,411303\nH41130309802,秘二医院,hospital,L1,411303\n");
        command.run("institutions", f, false, out);
        List<String> lines = Files.readAllLines(dir.resolve("inst.csv.secrets.csv"));
        assertThat(lines).filteredOn(l -> l.startsWith("H4113030980")).hasSize(2);
        assertThat(lines.stream().filter(l -> l.startsWith("fixmedins_code")).count()).isEqualTo(1);
    }

    @Test
    void a_misspelt_dry_run_or_a_word_too_many_stops_the_command_before_any_row_is_written() throws Exception {
        Path f = dir.resolve("typo.csv");
        Files.writeString(f, """
                med_list_codg,name,list_type,chrgitm_lv
                TYPO0001,拼错选项,201,01
                """);
        ImportRunner runner = new ImportRunner(command, env, context);
        assertThat(runner.execute(new DefaultApplicationArguments("--gongji.command=import", "catalog", f.toString(), "--dryrun")))
                .isEqualTo(2);
        assertThat(runner.execute(new DefaultApplicationArguments("catalog", f.toString(), "dry-run"))).isEqualTo(2);
        assertThat(count("select count(*) from catalog_item where med_list_codg = 'TYPO0001'")).isZero();
        assertThat(runner.execute(new DefaultApplicationArguments("catalog", f.toString(), "--dry-run"))).isZero();
        assertThat(count("select count(*) from catalog_item where med_list_codg = 'TYPO0001'")).isZero();
    }
}
