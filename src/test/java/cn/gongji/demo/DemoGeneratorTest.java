package cn.gongji.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gongji.catalog.CatalogItem;
import cn.gongji.registry.CertNo;
import cn.gongji.registry.NewInstitution;
import cn.gongji.registry.PersonStore.Registered;
import cn.gongji.registry.Status;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DemoGeneratorTest {

    static final DemoSet SET = DemoGenerator.generate(20220701L, DemoGenerator.DEFAULT_PERSONS);

    private static <T> double share(List<T> list, Predicate<T> p) {
        return (double) list.stream().filter(p).count() / list.size();
    }

    @Test
    void the_same_seed_gives_the_same_data() {
        DemoSet again = DemoGenerator.generate(20220701L, DemoGenerator.DEFAULT_PERSONS);
        assertThat(again.persons()).isEqualTo(SET.persons());
        assertThat(again.bindings()).isEqualTo(SET.bindings());
        assertThat(again.catalog()).isEqualTo(SET.catalog());
        assertThat(again.openingBalances()).isEqualTo(SET.openingBalances());
        assertThat(again.institutions().stream().map(i -> i.withLevelAndSecret(i.level(), null)).toList())
                .isEqualTo(SET.institutions().stream().map(i -> i.withLevelAndSecret(i.level(), null)).toList());
        assertThat(DemoGenerator.generate(7L, 100).persons()).isNotEqualTo(DemoGenerator.generate(8L, 100).persons());
    }

    @Test
    void persons_are_about_72_percent_in_service_with_valid_certnos_and_matching_genders() {
        List<Registered> persons = SET.persons();
        assertThat(persons).hasSize(10_000);
        assertThat(share(persons, r -> r.person().status() == Status.RETIRED)).isBetween(0.25, 0.31);
        for (Registered r : persons) {
            String c = r.person().certno().value();
            assertThat(CertNo.defect(c)).as(c).isEmpty();
            assertThat(c).startsWith("4113");
            assertThat(r.person().gend()).isEqualTo(r.person().certno().gender());
            assertThat(r.person().brdy()).isEqualTo(r.person().certno().birthDate());
            assertThat(r.psnNo()).matches("4113\\d{16}");
        }
        assertThat(persons.stream().map(r -> r.person().certno()).distinct().count()).isEqualTo(10_000);
        assertThat(persons.stream().filter(r -> r.person().contributionBase() != null)
                .allMatch(r -> r.person().contributionBase().amount().intValue() >= 3000
                        && r.person().contributionBase().amount().intValue() <= 12000)).isTrue();
    }

    @Test
    void the_demo_handles_are_fixed() {
        Registered first = SET.persons().get(0);
        assertThat(first.psnNo()).isEqualTo("41130000000000000001");
        assertThat(first.person().certno().value()).startsWith("41130219800101123");
        assertThat(first.person().evoucherToken()).isEqualTo("demo-evoucher-0001");
        assertThat(first.person().cardNo()).isEqualTo("demo-card-0001");
        assertThat(SET.openingBalances().get(0).toString()).isEqualTo("500.00");
        assertThat(SET.persons().get(1).psnNo()).isEqualTo("41130000000000000002");
        assertThat(SET.persons().get(1).person().status()).isEqualTo(Status.RETIRED);
        NewInstitution h = SET.institutions().stream().filter(i -> i.code().equals("H41130200001")).findFirst().orElseThrow();
        assertThat(h.name()).isEqualTo("南阳市第一人民医院");
        assertThat(h.level()).isEqualTo("L3");
        assertThat(h.secret()).isEqualTo("demo-secret-H41130200001");
        NewInstitution p = SET.institutions().stream().filter(i -> i.code().equals("P41130200001")).findFirst().orElseThrow();
        assertThat(p.secret()).isEqualTo("demo-secret-P41130200001");
    }

    @Test
    void institutions_have_the_planned_mix() {
        List<NewInstitution> inst = SET.institutions();
        assertThat(inst).hasSize(50);
        assertThat(inst.stream().filter(i -> "L3".equals(i.level()) && i.internetOf() == null)).hasSize(5);
        assertThat(inst.stream().filter(i -> "L2".equals(i.level()))).hasSize(10);
        assertThat(inst.stream().filter(i -> "L1".equals(i.level()))).hasSize(15);
        assertThat(inst.stream().filter(i -> i.internetOf() != null)).hasSize(2);
        assertThat(inst.stream().filter(i -> i.kind().equals("pharmacy"))).hasSize(18);
        assertThat(inst.stream().filter(NewInstitution::dualChannel)).isNotEmpty();
        assertThat(inst.stream().map(NewInstitution::code).distinct()).hasSize(50);
    }

    @Test
    void the_catalog_has_over_500_items_with_the_planned_class_mix() {
        List<CatalogItem> cat = SET.catalog();
        assertThat(cat.size()).isGreaterThanOrEqualTo(500);
        assertThat(cat.stream().map(CatalogItem::medListCodg).distinct().count()).isEqualTo(cat.size());
        assertThat(share(cat, i -> i.chrgitmLv().equals("01"))).isBetween(0.38, 0.52);
        assertThat(share(cat, i -> i.chrgitmLv().equals("02"))).isBetween(0.28, 0.42);
        assertThat(share(cat, i -> i.chrgitmLv().equals("03"))).isBetween(0.14, 0.27);
        assertThat(cat.stream().filter(i -> i.chrgitmLv().equals("02")).allMatch(i ->
                i.selfpayProp().doubleValue() >= 0.05 && i.selfpayProp().doubleValue() <= 0.20)).isTrue();
        List<CatalogItem> drugs = cat.stream().filter(i -> i.listType().equals("101")).toList();
        assertThat(share(drugs, i -> i.payStd() != null)).isBetween(0.18, 0.32);
        assertThat(cat.stream().filter(i -> !i.acctPayable())).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void about_15_percent_of_persons_hold_a_family_binding() {
        assertThat((double) SET.bindings().size() / SET.persons().size()).isBetween(0.12, 0.18);
        assertThat(SET.bindings()).allMatch(b -> !b.holder().equals(b.member()));
    }
}
