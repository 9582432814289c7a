package cn.gongji.supervision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules, indicators and review flow (package cn.gongji.supervision itself, not its adapters) stay plain Java. */
class SupervisionCoreIsPureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.gongji.supervision");

    @Test
    void the_rules_use_no_spring_sql_http_json_or_settlement_adapter() {
        noClasses().that().resideInAPackage("cn.gongji.supervision")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "java.sql..", "javax.sql..",
                        "jakarta..", "tools.jackson..", "com.fasterxml..", "java.net..", "cn.gongji.settlement..",
                        "cn.gongji.supervision.db..", "cn.gongji.supervision.web..", "cn.gongji.supervision.his..",
                        "cn.gongji.supervision.hook..", "cn.gongji.supervision.run..", "cn.gongji.supervision.gen..")
                .check(CLASSES);
    }

    @Test
    void the_rules_never_read_the_clock_nor_compute_with_floating_point() {
        noClasses().that().resideInAPackage("cn.gongji.supervision")
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.math.BigDecimal.class, "valueOf", double.class)
                .orShould().callMethod(java.math.BigDecimal.class, "doubleValue")
                .check(CLASSES);
    }
}
