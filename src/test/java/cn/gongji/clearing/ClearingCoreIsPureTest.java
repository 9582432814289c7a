package cn.gongji.clearing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The clearing rules (package cn.gongji.clearing itself, not its adapters) stay plain Java. */
class ClearingCoreIsPureTest {

    private static final com.tngtech.archunit.core.domain.JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.gongji.clearing");

    @Test
    void the_clearing_rules_use_no_spring_sql_http_json_or_adapter() {
        noClasses().that().resideInAPackage("cn.gongji.clearing")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                        "jakarta..", "tools.jackson..", "com.fasterxml..", "org.apache.poi..", "java.net..",
                        "java.nio.file..", "cn.gongji.clearing.db..", "cn.gongji.clearing.web..",
                        "cn.gongji.clearing.his..", "cn.gongji.clearing.run..", "cn.gongji.clearing.export..")
                .check(CLASSES);
    }

    @Test
    void the_clearing_rules_never_read_the_clock() {
        noClasses().that().resideInAPackage("cn.gongji.clearing")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.YearMonth.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .check(CLASSES);
    }
}
