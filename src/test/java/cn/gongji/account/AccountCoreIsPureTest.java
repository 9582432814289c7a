package cn.gongji.account;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The account rules (package cn.gongji.account itself, not its adapters) stay plain Java. */
class AccountCoreIsPureTest {

    @Test
    void the_account_rules_use_no_spring_sql_http_or_json() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.gongji.account");
        noClasses().that().resideInAPackage("cn.gongji.account")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "jakarta..", "tools.jackson..",
                        "com.fasterxml..", "cn.gongji.account.db..", "cn.gongji.account.web..", "cn.gongji.account.run..")
                .check(classes);
    }

    @Test
    void the_account_rules_never_read_the_clock() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.gongji.account");
        noClasses().that().resideInAPackage("cn.gongji.account")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.YearMonth.class, "now")
                .check(classes);
    }
}
