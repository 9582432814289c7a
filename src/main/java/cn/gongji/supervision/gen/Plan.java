package cn.gongji.supervision.gen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic scheme, deterministic from a seed: 18 hospitals (6 per level) and 3 pharmacies, 400
 * ordinary persons, a catalog of 21 items, three months of ordinary traffic before the target month
 * and the target month itself, into which anomalies of every rule and indicator are injected.
 * Every injected anomaly is listed in {@link #truth()}, so a scan can be scored against it.
 */
public final class Plan {

    public record Item(String code, String name, String listType, String lv, String selfpay, String chrgType, String payStd,
            String gender, Integer maxAge, String maxQty, String minLevel, String price, boolean inCatalog) {}

    public record Inst(String code, String kind, String level) {}

    public record Person(String psnNo, String gend, LocalDate brdy, LocalDate insuDate, LocalDate pausInsuDate, LocalDate diedOn) {}

    public record Line(Item item, String price, String cnt) {}

    /** @param payer for a pharmacy purchase, whose account paid (null: a hospital visit, fund and cash) */
    public record Visit(String mdtrtId, String setlId, Person person, Inst inst, LocalDateTime begntime, List<Line> lines,
            String payer) {}

    /** One injected anomaly: a rule and what a correct warning names (settlements, or an institution for indicators). */
    public record Truth(String ruleId, Set<String> setlIds, String fixmedinsCode) {}

    private final String tag;
    private final Random rnd;
    private final YearMonth month;
    final Map<String, Item> items = new LinkedHashMap<>();
    final List<Inst> hospitals = new ArrayList<>();
    final List<Inst> pharmacies = new ArrayList<>();
    final List<Person> persons = new ArrayList<>();
    final List<Visit> visits = new ArrayList<>();
    final List<Truth> truth = new ArrayList<>();
    private int personSeq;
    private int visitSeq;

    public Plan(long seed, YearMonth month) {
        this.tag = String.format("%03d", Math.floorMod(seed, 1000));
        this.rnd = new Random(seed);
        this.month = month;
        catalog();
        for (String level : List.of("L1", "L2", "L3")) {
            for (int i = 0; i < 6; i++) {
                hospitals.add(new Inst("SGH" + tag + level + i, "hospital", level));
            }
        }
        for (int i = 0; i < 3; i++) {
            pharmacies.add(new Inst("SGP" + tag + "0" + i, "pharmacy", null));
        }
        for (int i = 0; i < 400; i++) {
            persons.add(person(null, null));
        }
        ordinaryMonth(month.minusMonths(12));
        for (int k = 3; k >= 0; k--) {
            ordinaryMonth(month.minusMonths(k));
        }
        new Injector(this, rnd).inject();
    }

    public String tag() {
        return tag;
    }

    public YearMonth month() {
        return month;
    }

    public List<Item> items() {
        return List.copyOf(items.values());
    }

    public List<Inst> institutions() {
        List<Inst> all = new ArrayList<>(hospitals);
        all.addAll(pharmacies);
        return all;
    }

    public List<Person> persons() {
        return List.copyOf(persons);
    }

    public List<Visit> visits() {
        return List.copyOf(visits);
    }

    public List<Truth> truth() {
        return List.copyOf(truth);
    }

    private void catalog() {
        item("D1", "阿莫西林胶囊", "101", "01", "0", "09", null, null, null, null, null, "12.00");
        item("D2", "布洛芬缓释胶囊", "101", "02", "0.1", "09", null, null, null, null, null, "23.50");
        item("D3", "氨氯地平片", "101", "01", "0", "09", null, null, null, null, null, "18.00");
        item("D4", "二甲双胍片", "101", "01", "0", "09", null, null, null, null, null, "9.80");
        item("D5", "阿托伐他汀钙片", "101", "02", "0.1", "09", null, null, null, null, null, "36.00");
        item("D6", "奥美拉唑肠溶胶囊", "101", "01", "0", "09", null, null, null, null, null, "15.60");
        item("D7", "复方丹参滴丸", "101", "02", "0.05", "11", null, null, null, null, null, "28.00");
        item("D8", "头孢克肟分散片", "101", "01", "0", "09", null, null, null, null, null, "22.40");
        item("DS", "集采药品（支付标准9.50）", "101", "01", "0", "09", "9.50", null, null, null, null, "9.50");
        item("S1", "普通门诊诊查费", "201", "01", "0", "02", null, null, null, null, null, "10.00");
        item("E1", "CT检查", "201", "01", "0", "03", null, null, null, null, null, "150.00");
        item("T1", "血常规", "201", "01", "0", "04", null, null, null, null, null, "25.00");
        item("T2", "尿常规", "201", "01", "0", "04", null, null, null, null, null, "15.00");
        item("F1", "HPV检测（限女性）", "201", "02", "0.1", "04", null, "2", null, null, null, "120.00");
        item("K1", "小儿氨酚黄那敏颗粒（限14岁及以下）", "101", "01", "0", "09", null, null, 14, null, null, "18.00");
        item("L3", "冠脉CTA（限三级医院）", "201", "02", "0.1", "03", null, null, null, null, "L3", "600.00");
        item("Q1", "胰岛素注射笔针头（每次限10支）", "301", "01", "0", "08", null, null, null, "10", null, "1.50");
        item("C1", "营养补充剂（丙类）", "101", "03", "0", "09", null, null, null, null, null, "40.00");
        item("H1", "高值治疗项目", "201", "01", "0", "05", null, null, null, null, null, "400.00");
        item("X1", "目录外理疗", "201", "03", "0", "05", null, null, null, null, null, "40.00");
        items.put("X1", withCatalog(items.get("X1"), false));
    }

    private void item(String key, String name, String list, String lv, String selfpay, String chrg, String payStd, String gender,
            Integer maxAge, String maxQty, String minLevel, String price) {
        items.put(key, new Item("SGI" + tag + key, name, list, lv, selfpay, chrg, payStd, gender, maxAge, maxQty, minLevel, price,
                true));
    }

    private static Item withCatalog(Item i, boolean in) {
        return new Item(i.code(), i.name(), i.listType(), i.lv(), i.selfpay(), i.chrgType(), i.payStd(), i.gender(), i.maxAge(),
                i.maxQty(), i.minLevel(), i.price(), in);
    }

    Person person(LocalDate paus, LocalDate died) {
        int n = ++personSeq;
        String psnNo = "41139" + tag + String.format("%012d", n);
        LocalDate brdy = LocalDate.of(1950 + rnd.nextInt(50), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        return new Person(psnNo, n % 2 == 0 ? "2" : "1", brdy, LocalDate.of(2010, 1, 1), paus, died);
    }

    Person newPerson(LocalDate paus, LocalDate died) {
        Person p = person(paus, died);
        persons.add(p);
        return p;
    }

    /** Ordinary care: every hospital sees 40 (L1), 50 (L2) or 60 (L3) visits; pharmacies sell 30. */
    private void ordinaryMonth(YearMonth m) {
        for (Inst h : hospitals) {
            int n = switch (h.level()) {
                case "L1" -> 40;
                case "L2" -> 50;
                default -> 60;
            };
            for (int i = 0; i < n; i++) {
                Person p = persons.get(rnd.nextInt(400));
                visits.add(visit(p, h, time(m), ordinaryLines(p, h), null));
            }
        }
        for (Inst ph : pharmacies) {
            for (int i = 0; i < 30; i++) {
                Person p = persons.get(rnd.nextInt(400));
                visits.add(visit(p, ph, time(m), List.of(line("D" + (1 + rnd.nextInt(8)), 1 + rnd.nextInt(2))), p.psnNo()));
            }
        }
    }

    List<Line> ordinaryLines(Person p, Inst h) {
        List<Line> lines = new ArrayList<>();
        lines.add(line("S1", 1));
        int drugs = 1 + rnd.nextInt(2);
        List<String> picked = new ArrayList<>();
        while (picked.size() < drugs) {
            String d = "D" + (1 + rnd.nextInt(8));
            if (!picked.contains(d)) {
                picked.add(d);
                lines.add(line(d, 1 + rnd.nextInt(3)));
            }
        }
        double r = rnd.nextDouble();
        if (r < 0.3) {
            lines.add(line(rnd.nextBoolean() ? "T1" : "T2", 1));
        } else if (r < 0.4) {
            lines.add(line("E1", 1));
        }
        if ("2".equals(p.gend()) && rnd.nextDouble() < 0.05) {
            lines.add(line("F1", 1));
        }
        if ("L3".equals(h.level()) && rnd.nextDouble() < 0.05) {
            lines.add(line("L3", 1));
        }
        if (rnd.nextDouble() < 0.1) {
            lines.add(line("Q1", 2 + rnd.nextInt(7)));
        }
        if (rnd.nextDouble() < 0.05) {
            lines.add(line("DS", 1 + rnd.nextInt(3)));
        }
        if (rnd.nextDouble() < 0.03) {
            lines.add(line("X1", 1));
        }
        if (rnd.nextDouble() < 0.05) {
            lines.add(line("C1", 1));
        }
        return lines;
    }

    Line line(String key, int cnt) {
        Item i = items.get(key);
        return new Line(i, i.price(), String.valueOf(cnt));
    }

    LocalDateTime time(YearMonth m) {
        return m.atDay(1 + rnd.nextInt(m.lengthOfMonth())).atTime(8 + rnd.nextInt(10), rnd.nextInt(60));
    }

    Visit visit(Person p, Inst inst, LocalDateTime at, List<Line> lines, String payer) {
        String n = String.format("%07d", ++visitSeq);
        return new Visit("MSG" + tag + n, "SSG" + tag + n, p, inst, at, lines, payer);
    }

    Visit add(Visit v) {
        visits.add(v);
        return v;
    }

    static BigDecimal dec(String s) {
        return new BigDecimal(s);
    }
}
