package cn.gongji;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.account.AccountDraw;
import cn.gongji.account.AccountSource;
import cn.gongji.account.AccountSplit;
import cn.gongji.pharmacy.SaleRules;
import cn.gongji.pricing.violation.ImpurePricing;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pure core (ARCHITECTURE.md "Shape", STYLE.md habit 2): policy arithmetic takes values and
 * returns values — no framework, no SQL, no JSON, no network, no clock, no floating point.
 */
class PureCoreArchitectureTest {

    /** pricing, benefit, common, the policy model (not policy.db) and the account split model. */
    static final DescribedPredicate<JavaClass> PURE_CORE =
            resideInAnyPackage("cn.gongji.pricing..", "cn.gongji.benefit..", "cn.gongji.common..")
                    .or(resideInAPackage("cn.gongji.policy"))
                    .or(belongToAnyOf(AccountSource.class, AccountDraw.class, AccountSplit.class, SaleRules.class))
                    .as("the pure core");

    static final ArchRule NO_FRAMEWORK_SQL_JSON_OR_NETWORK = noClasses().that(PURE_CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "java.sql..", "javax.sql..", "tools.jackson..",
                    "com.fasterxml.jackson..", "java.net..", "jakarta..", "java.nio.file..")
            .because("the core takes values and returns values; adapters do I/O");

    static final ArchRule NO_CLOCK_READS = noClasses().that(PURE_CORE)
            .should().callMethodWhere(readsTheClock())
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "system", ZoneId.class)
            .orShould().callConstructor(Date.class)
            .because("dates and times are inputs of the core; only adapters read a clock");

    static final ArchRule NO_FLOATING_POINT_FIELDS = noFields().that().areDeclaredInClassesThat(PURE_CORE)
            .should().haveRawType(double.class)
            .orShould().haveRawType(float.class)
            .orShould().haveRawType(Double.class)
            .orShould().haveRawType(Float.class)
            .because("money and ratios are exact decimals");

    static final ArchRule NO_BIG_DECIMAL_FROM_DOUBLE = noClasses().that(PURE_CORE)
            .should().callConstructor(BigDecimal.class, double.class)
            .orShould().callMethod(BigDecimal.class, "valueOf", double.class)
            .orShould().callMethod(BigDecimal.class, "doubleValue")
            .orShould().callMethod(BigDecimal.class, "floatValue")
            .because("a double cannot hold 0.1 exactly");

    static final List<ArchRule> RULES =
            List.of(NO_FRAMEWORK_SQL_JSON_OR_NETWORK, NO_CLOCK_READS, NO_FLOATING_POINT_FIELDS, NO_BIG_DECIMAL_FROM_DOUBLE);

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.gongji");

    /** Any {@code now(...)} of java.time: LocalDate, LocalDateTime, Instant, ZonedDateTime, ... */
    private static DescribedPredicate<JavaCall<?>> readsTheClock() {
        return DescribedPredicate.describe("a java.time now(..)",
                call -> call.getName().equals("now") && call.getTargetOwner().getPackageName().equals("java.time"));
    }

    @Test
    void the_core_does_not_depend_on_spring_sql_json_or_the_network() {
        NO_FRAMEWORK_SQL_JSON_OR_NETWORK.check(MAIN);
    }

    @Test
    void the_core_never_reads_the_clock() {
        NO_CLOCK_READS.check(MAIN);
    }

    @Test
    void the_core_has_no_double_or_float_fields() {
        NO_FLOATING_POINT_FIELDS.check(MAIN);
    }

    @Test
    void the_core_never_makes_a_big_decimal_from_a_double() {
        NO_BIG_DECIMAL_FROM_DOUBLE.check(MAIN);
    }

    @Test
    void the_core_selection_holds_the_model_and_leaves_out_the_adapters() {
        List<String> core = MAIN.stream().filter(PURE_CORE).map(JavaClass::getSimpleName).toList();

        assertThat(core).contains("Money", "LinePricer", "OutpatientBenefit", "EpisodeRule", "StatusHistory",
                "PolicyBook", "PolicyVersion", "AccountSplit", "AccountSource", "AccountDraw");
        assertThat(core).doesNotContain("PolicyJson", "PolicyStore", "GongjiApplication", "EmbeddedStoreConfig");
    }

    @Test
    void every_rule_catches_a_deliberate_violation() {
        JavaClasses impure = new ClassFileImporter().importClasses(ImpurePricing.class);

        for (ArchRule rule : RULES) {
            assertThat(rule.evaluate(impure).hasViolation()).as(rule.getDescription()).isTrue();
        }
        String clockReport = NO_CLOCK_READS.evaluate(impure).getFailureReport().toString();
        assertThat(clockReport).contains("LocalDate.now()", "Instant.now()", "System.currentTimeMillis()",
                "Clock.systemDefaultZone()", "LocalDateTime.now(");
        String depReport = NO_FRAMEWORK_SQL_JSON_OR_NETWORK.evaluate(impure).getFailureReport().toString();
        assertThat(depReport).contains("org.springframework", "tools.jackson", "java.net.URI", "javax.sql.DataSource",
                "java.sql.Connection");
        String fieldReport = NO_FLOATING_POINT_FIELDS.evaluate(impure).getFailureReport().toString();
        assertThat(fieldReport).contains("ratio", "share");
    }
}
