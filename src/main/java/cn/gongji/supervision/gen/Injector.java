package cn.gongji.supervision.gen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/** Puts anomalies of every kind into the plan's target month and records each in the plan's truth. */
final class Injector {

    private final Plan plan;
    private final Random rnd;
    private final YearMonth m;

    Injector(Plan plan, Random rnd) {
        this.plan = plan;
        this.rnd = rnd;
        this.m = plan.month();
    }

    void inject() {
        indicators();
        lineAnomalies();
        historyAnomalies();
        cashOut();
        deathAndPeriod();
    }

    private Plan.Person ordinary() {
        return plan.persons.get(rnd.nextInt(400));
    }

    private Plan.Inst hospital() {
        return plan.hospitals.get(rnd.nextInt(plan.hospitals.size()));
    }

    private void single(String rule, Plan.Person p, Plan.Inst h, LocalDateTime at, List<Plan.Line> lines) {
        Plan.Visit v = plan.add(plan.visit(p, h, at, lines, null));
        plan.truth.add(new Plan.Truth(rule, Set.of(v.setlId()), h.code()));
    }

    /** Eight visits per item rule, each with one offending line among ordinary ones. */
    private void lineAnomalies() {
        for (int i = 0; i < 8; i++) {
            Plan.Person p = ordinary();
            Plan.Inst h = hospital();
            List<Plan.Line> dup = new ArrayList<>(List.of(plan.line("S1", 1), plan.line("D3", 1), plan.line("D3", 1)));
            single("R01", p, h, plan.time(m), dup);
            single("R02", ordinary(), hospital(), plan.time(m), with(plan.line("Q1", 15)));
            single("R03", male(), hospital(), plan.time(m), with(plan.line("F1", 1)));
            single("R04", ordinary(), hospital(), plan.time(m), with(plan.line("K1", 1)));
            Plan.Inst low = plan.hospitals.get(rnd.nextInt(12));
            single("R05", ordinary(), low, plan.time(m), with(plan.line("L3", 1)));
            Plan.Item ds = plan.items.get("DS");
            single("R06", ordinary(), hospital(), plan.time(m), with(new Plan.Line(ds, "20.00", "2")));
            List<Plan.Line> big = new ArrayList<>(List.of(plan.line("S1", 1)));
            for (int d = 1; d <= 7; d++) {
                big.add(plan.line("D" + d, 1));
            }
            single("R10", ordinary(), hospital(), plan.time(m), big);
        }
    }

    private List<Plan.Line> with(Plan.Line extra) {
        List<Plan.Line> l = new ArrayList<>(List.of(plan.line("S1", 1), plan.line("D1", 1)));
        l.add(extra);
        return l;
    }

    private Plan.Person male() {
        Plan.Person p;
        do {
            p = ordinary();
        } while (!"1".equals(p.gend()));
        return p;
    }

    /** R07 six visits in five days; R08 three hospitals in one day; R09 back 24 h 40 min later. Six new persons each. */
    private void historyAnomalies() {
        for (int i = 0; i < 6; i++) {
            Plan.Person p = plan.newPerson(null, null);
            LocalDate d = m.atDay(2 + rnd.nextInt(20));
            List<Plan.Inst> distinct = distinctHospitals(6);
            Set<String> setls = new java.util.TreeSet<>();
            for (int k = 0; k < 6; k++) {
                LocalDateTime at = d.plusDays(k == 5 ? 4 : k).atTime(k == 5 ? 16 : 9, 0);
                setls.add(plan.add(plan.visit(p, distinct.get(k), at, plan.ordinaryLines(p, distinct.get(k)), null)).setlId());
            }
            plan.truth.add(new Plan.Truth("R07", setls, null));

            Plan.Person q = plan.newPerson(null, null);
            LocalDate e = m.atDay(2 + rnd.nextInt(25));
            List<Plan.Inst> three = distinctHospitals(3);
            Set<String> same = new java.util.TreeSet<>();
            for (int k = 0; k < 3; k++) {
                same.add(plan.add(plan.visit(q, three.get(k), e.atTime(9 + 3 * k, 0), plan.ordinaryLines(q, three.get(k)), null))
                        .setlId());
            }
            plan.truth.add(new Plan.Truth("R08", same, null));

            Plan.Person s = plan.newPerson(null, null);
            Plan.Inst h = hospital();
            LocalDateTime t = m.atDay(2 + rnd.nextInt(25)).atTime(9, 0);
            String first = plan.add(plan.visit(s, h, t, plan.ordinaryLines(s, h), null)).setlId();
            String second = plan.add(plan.visit(s, h, t.plusHours(24).plusMinutes(40), plan.ordinaryLines(s, h), null)).setlId();
            plan.truth.add(new Plan.Truth("R09", Set.of(first, second), h.code()));
        }
    }

    private List<Plan.Inst> distinctHospitals(int n) {
        List<Plan.Inst> all = new ArrayList<>(plan.hospitals);
        java.util.Collections.shuffle(all, rnd);
        return all.subList(0, n);
    }

    /** R11: three accounts each paying at pharmacies for five persons within ten days. */
    private void cashOut() {
        for (int i = 0; i < 3; i++) {
            Plan.Person payer = plan.newPerson(null, null);
            LocalDate d = m.atDay(3 + rnd.nextInt(15));
            Set<String> setls = new java.util.TreeSet<>();
            for (int k = 0; k < 5; k++) {
                Plan.Person beneficiary = k == 0 ? payer : plan.newPerson(null, null);
                Plan.Inst ph = plan.pharmacies.get(rnd.nextInt(plan.pharmacies.size()));
                setls.add(plan.add(plan.visit(beneficiary, ph, d.plusDays(2L * k).atTime(10, 0),
                        List.of(plan.line("D5", 3)), payer.psnNo())).setlId());
            }
            plan.truth.add(new Plan.Truth("R11", setls, null));
        }
    }

    /** R12 charges after a recorded death; R13 charges after the insurance was suspended. Six new persons each. */
    private void deathAndPeriod() {
        for (int i = 0; i < 6; i++) {
            Plan.Person dead = plan.newPerson(null, m.atDay(3));
            Plan.Inst h = hospital();
            single("R12", dead, h, m.atDay(10 + rnd.nextInt(10)).atTime(10, 0), plan.ordinaryLines(dead, h));
            Plan.Person lapsed = plan.newPerson(m.atDay(1).minusDays(20), null);
            Plan.Inst g = hospital();
            single("R13", lapsed, g, m.atDay(5 + rnd.nextInt(20)).atTime(10, 0), plan.ordinaryLines(lapsed, g));
        }
    }

    /**
     * Indicators of the target month: L2 #0 adds a 400.00 treatment to every visit (cost per visit and
     * growth month on month and year on year); L1 #0 replaces drugs by tests (exam+test share); L3 #0 by an item outside the catalog
     * (outside-catalog share, and self-pay with it); L2 #1 by a class-C item (self-pay share).
     */
    private void indicators() {
        transform(plan.hospitals.get(6), lines -> {
            List<Plan.Line> l = new ArrayList<>(lines);
            l.add(plan.line("H1", 1));
            return l;
        }, "I03", "I01", "I02");
        transform(plan.hospitals.get(0), lines -> replaceDrugs(lines, List.of(plan.line("T1", 1), plan.line("T2", 1))), "I05");
        transform(plan.hospitals.get(12), lines -> replaceDrugs(lines, List.of(plan.line("X1", 1))), "I06", "I04");
        transform(plan.hospitals.get(7), lines -> replaceDrugs(lines, List.of(plan.line("C1", 1))), "I04");
    }

    private static List<Plan.Line> replaceDrugs(List<Plan.Line> lines, List<Plan.Line> by) {
        Set<String> added = by.stream().map(x -> x.item().code()).collect(java.util.stream.Collectors.toSet());
        List<Plan.Line> l = new ArrayList<>(lines.stream().filter(x -> !x.item().listType().startsWith("10"))
                .filter(x -> !added.contains(x.item().code())).toList());
        l.addAll(by);
        return l;
    }

    private void transform(Plan.Inst inst, Function<List<Plan.Line>, List<Plan.Line>> f, String... indicators) {
        for (int i = 0; i < plan.visits.size(); i++) {
            Plan.Visit v = plan.visits.get(i);
            if (v.inst().equals(inst) && YearMonth.from(v.begntime()).equals(m)) {
                plan.visits.set(i, new Plan.Visit(v.mdtrtId(), v.setlId(), v.person(), v.inst(), v.begntime(), f.apply(v.lines()),
                        v.payer()));
            }
        }
        for (String ind : indicators) {
            plan.truth.add(new Plan.Truth(ind, Set.of(), inst.code()));
        }
    }
}
