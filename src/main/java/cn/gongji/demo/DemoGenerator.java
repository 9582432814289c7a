package cn.gongji.demo;

import cn.gongji.common.Money;
import cn.gongji.registry.CertNo;
import cn.gongji.registry.NewPerson;
import cn.gongji.registry.PersonStore.Registered;
import cn.gongji.registry.PsnNo;
import cn.gongji.registry.Status;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates the synthetic demo population from a seed: the same seed gives the same data, byte for
 * byte (secrets of non-handle institutions excepted: they are random at load time).
 */
public final class DemoGenerator {

    public static final int DEFAULT_PERSONS = 10_000;

    private DemoGenerator() {}

    public static DemoSet generate(long seed, int persons) {
        // independent streams, so changing one list does not shift the others
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom instRnd = root.split();
        SplittableRandom personRnd = root.split();
        SplittableRandom bindRnd = root.split();
        SplittableRandom catRnd = root.split();

        List<Registered> people = new ArrayList<>(persons);
        List<Money> balances = new ArrayList<>(persons);
        people.add(new Registered(PsnNo.format(1), handle1()));
        balances.add(Money.of("500.00"));
        people.add(new Registered(PsnNo.format(2), handle2()));
        balances.add(Money.of("800.00"));
        Set<String> certnos = new HashSet<>();
        people.forEach(r -> certnos.add(r.person().certno().value()));
        for (int i = 3; i <= persons; i++) {
            NewPerson p = person(personRnd, i, certnos);
            people.add(new Registered(PsnNo.format(i), p));
            int maxFen = p.status() == Status.RETIRED ? 500_000 : 300_000;
            balances.add(Money.ofFen(personRnd.nextInt(maxFen)));
        }
        return new DemoSet(DemoInstitutions.generate(instRnd), people, balances, bindings(bindRnd, people),
                DemoCatalog.generate(catRnd));
    }

    /** The in-service demo handle: psn_no 41130000000000000001, born 1980-01-01, male. */
    static NewPerson handle1() {
        return new NewPerson(CertNo.complete("41130219800101123"), "张伟", "1", LocalDate.of(1980, 1, 1), "411302",
                "南阳市第一人民医院", Status.IN_SERVICE, LocalDate.of(2005, 7, 1), Money.of("6000.00"),
                "demo-card-0001", "demo-evoucher-0001");
    }

    /** The retired demo handle: psn_no 41130000000000000002, born 1958-03-15, female. */
    static NewPerson handle2() {
        return new NewPerson(CertNo.complete("41130319580315124"), "王秀兰", "2", LocalDate.of(1958, 3, 15), "411303",
                "南阳市自来水有限公司", Status.RETIRED, LocalDate.of(1998, 1, 1), null,
                "demo-card-0002", "demo-evoucher-0002");
    }

    private static NewPerson person(SplittableRandom rnd, int i, Set<String> certnos) {
        boolean retired = rnd.nextInt(100) < 28;
        boolean male = rnd.nextBoolean();
        String area = DemoNames.AREAS.get(rnd.nextInt(DemoNames.AREAS.size()));
        // in-service born 1963–2002, retired 1935–1967
        int year = retired ? 1935 + rnd.nextInt(33) : 1963 + rnd.nextInt(40);
        LocalDate brdy = LocalDate.of(year, 1, 1).plusDays(rnd.nextInt(365));
        CertNo certno;
        do {
            int seq = rnd.nextInt(500) * 2 + (male ? 1 : 0);
            certno = CertNo.complete(area + brdy.toString().replace("-", "") + "%03d".formatted(seq));
        } while (!certnos.add(certno.value()));
        LocalDate start = brdy.plusYears(20).isBefore(LocalDate.of(1995, 1, 1)) ? LocalDate.of(1995, 1, 1) : brdy.plusYears(20);
        LocalDate insuDate = start.plusDays(rnd.nextInt(2000));
        if (insuDate.isAfter(LocalDate.of(2022, 6, 30))) {
            insuDate = LocalDate.of(2022, 6, 1).minusDays(rnd.nextInt(300));
        }
        Money base = retired ? null : Money.ofFen((3000 + rnd.nextInt(901) * 10) * 100L);
        byte[] token = new byte[16];
        for (int b = 0; b < token.length; b++) {
            token[b] = (byte) rnd.nextInt(256);
        }
        return new NewPerson(certno, name(rnd, male), male ? "1" : "2", brdy, area,
                DemoNames.EMPLOYERS.get(rnd.nextInt(DemoNames.EMPLOYERS.size())),
                retired ? Status.RETIRED : Status.IN_SERVICE, insuDate, base,
                "NY%08d".formatted(i), "EV" + HexFormat.of().formatHex(token));
    }

    private static String name(SplittableRandom rnd, boolean male) {
        List<String> given = male ? DemoNames.MALE_GIVEN : DemoNames.FEMALE_GIVEN;
        String s = DemoNames.SURNAMES.get(rnd.nextInt(DemoNames.SURNAMES.size()));
        String g = given.get(rnd.nextInt(given.size()));
        if (rnd.nextInt(100) < 70) {
            g += given.get(rnd.nextInt(given.size()));
        }
        return s + g;
    }

    /** About 15% of persons hold a binding to another person (spouse, parent or child). */
    private static List<DemoSet.Binding> bindings(SplittableRandom rnd, List<Registered> people) {
        List<DemoSet.Binding> out = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        out.add(new DemoSet.Binding(PsnNo.format(1), PsnNo.format(2), "parent"));
        pairs.add(PsnNo.format(1) + ">" + PsnNo.format(2));
        for (int i = 2; i < people.size(); i++) {
            if (rnd.nextInt(100) >= 15) {
                continue;
            }
            String holder = people.get(i).psnNo();
            String member = people.get(2 + rnd.nextInt(people.size() - 2)).psnNo();
            int r = rnd.nextInt(4);
            String relation = r < 2 ? "spouse" : r == 2 ? "parent" : "child";
            if (!holder.equals(member) && pairs.add(holder + ">" + member)) {
                out.add(new DemoSet.Binding(holder, member, relation));
            }
        }
        return out;
    }
}
