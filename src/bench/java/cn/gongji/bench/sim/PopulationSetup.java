package cn.gongji.bench.sim;

import cn.gongji.bench.sim.Population.Person;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the population through the agency API (institutions, persons, the catalog), many requests
 * in parallel, or reuses it from a state file so a second run does not pay for it again.
 */
public final class PopulationSetup {

    private static final int PARALLEL = 32;
    private static final String[] AREAS = {"411302", "411303", "411321", "411322", "411323", "411325", "411381"};

    private final AgencyClient agency;
    private final JsonMapper json;
    private final String admdvs;

    public PopulationSetup(AgencyClient agency, JsonMapper json, String admdvs) {
        this.agency = agency;
        this.json = json;
        this.admdvs = admdvs;
    }

    public Population prepare(SimOptions o, Catalog catalog) {
        var cat = agency.post("/api/admin/catalog/items", catalog.body());
        if (!cat.ok()) {
            throw new SimulationException("catalog upload refused: " + cat.describe());
        }
        Population have = o.reuse() != null && Files.exists(o.reuse()) ? load(o.reuse()) : null;
        if (have != null && !have.persons().isEmpty() && o.personsCsv() == null) {
            String first = have.persons().getFirst().psnNo();
            if (!agency.get("/api/admin/persons/" + first).ok()) {
                throw new SimulationException("state file " + o.reuse() + " names person " + first
                        + " whom this server does not know: delete the file or point --url at the server it was made for");
            }
            System.out.printf("reusing %s: %d hospitals, %d pharmacies, %d persons%n", o.reuse(),
                    have.hospitals().size(), have.pharmacies().size(), have.persons().size());
        }
        String tag = runTag();
        List<Institution> hospitals = more(have == null ? List.of() : have.hospitals(), o.institutions(), "H", tag, false);
        List<Institution> pharmacies = more(have == null ? List.of() : have.pharmacies(), o.pharmacies(), "P", tag, true);
        List<Person> persons = o.personsCsv() != null ? PersonsCsv.read(o.personsCsv(), o.persons())
                : morePersons(have == null ? List.of() : have.persons(), o.persons(), new Random(o.seed()));
        if (o.reuse() != null) { // persons from a CSV are not copied into the state file
            save(o.reuse(), new Population(hospitals, pharmacies,
                    o.personsCsv() != null ? have == null ? List.of() : have.persons() : persons));
        }
        return new Population(hospitals.subList(0, o.institutions()), pharmacies.subList(0, o.pharmacies()),
                persons.subList(0, o.persons()));
    }

    private List<Institution> more(List<Institution> have, int want, String kind, String tag, boolean pharmacy) {
        List<Institution> out = new ArrayList<>(have);
        for (int i = out.size(); i < want; i++) {
            String code = kind + tag + String.format("%06d", i + 1);
            ObjectNode b = json.createObjectNode();
            b.put("fixmedins_code", code);
            b.put("fixmedins_name", (pharmacy ? "模拟药店 " : "模拟医院 ") + code);
            b.put("kind", pharmacy ? "pharmacy" : "hospital");
            if (!pharmacy) {
                b.put("level", "L" + (1 + i % 3));
            }
            b.put("admdvs", admdvs);
            b.put("dual_channel", pharmacy);
            b.put("external_rx", pharmacy);
            var r = agency.post("/api/admin/institutions", b);
            String secret = r.body().path("secret").isString() ? r.body().path("secret").stringValue() : null;
            if (!r.ok() || secret == null) {
                throw new SimulationException("registering institution " + code + " refused: " + r.describe());
            }
            out.add(new Institution(code, secret, pharmacy));
        }
        return out;
    }

    private List<Person> morePersons(List<Person> have, int want, Random seedRandom) {
        int missing = want - have.size();
        if (missing <= 0) {
            return have;
        }
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        Semaphore slots = new Semaphore(PARALLEL);
        List<Future<Person>> futures = new ArrayList<>(missing);
        long base = seedRandom.nextLong() ^ System.nanoTime(); // distinct certnos on a shared server
        var failed = new java.util.concurrent.atomic.AtomicBoolean();
        try (var progress = Progress.every(1, () -> System.out.printf("  persons %,d / %,d%n", done.get(), missing));
                ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < missing && !failed.get(); i++) {
                slots.acquireUninterruptibly();
                Random r = new Random(base + i * 0x9E3779B97F4A7C15L);
                futures.add(ex.submit(() -> {
                    try {
                        return createPerson(r);
                    } catch (RuntimeException e) {
                        failed.set(true); // stop submitting: the first refusal is reported below
                        throw e;
                    } finally {
                        done.incrementAndGet();
                        slots.release();
                    }
                }));
            }
        }
        List<Person> out = new ArrayList<>(have);
        for (Future<Person> f : futures) {
            out.add(Progress.join(f));
        }
        System.out.printf("created %,d persons in %.1f s%n", missing, (System.nanoTime() - t0) / 1e9);
        return out;
    }

    private Person createPerson(Random r) {
        for (int attempt = 0; ; attempt++) {
            LocalDate birth = LocalDate.of(1955, 1, 1).plusDays(r.nextInt(45 * 365));
            String first17 = AREAS[r.nextInt(AREAS.length)] + birth.toString().replace("-", "")
                    + String.format("%03d", r.nextInt(1000));
            String certno = first17 + checkChar(first17);
            ObjectNode b = json.createObjectNode();
            b.put("certno", certno);
            b.put("psn_name", "模拟" + Integer.toString(r.nextInt(1_000_000), 36));
            b.put("insuplc_admdvs", admdvs);
            b.put("emp_name", "模拟单位");
            b.put("status", birth.getYear() < 1964 && r.nextBoolean() ? "retired" : "in_service");
            b.put("insu_date", "2015-01-01");
            b.put("contribution_base", 3000 + r.nextInt(7000));
            b.put("card_no", "C" + certno);
            b.put("evoucher_token", "T" + Long.toHexString(r.nextLong()));
            var reply = agency.post("/api/admin/persons", b);
            JsonNode psn = reply.body().path("psn_no");
            if (reply.ok() && psn.isString()) {
                return new Person(psn.stringValue(), certno);
            }
            if (reply.status() != 409 || attempt >= 5) { // 409: that certno exists already, draw another
                throw new SimulationException("registering a person refused: " + reply.describe());
            }
        }
    }

    /** GB 11643 check character (ISO 7064 MOD 11-2). */
    static char checkChar(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    /** Five base-36 characters from the clock: institution codes of two runs never collide. */
    private static String runTag() {
        long s = System.currentTimeMillis() / 1000 % (36L * 36 * 36 * 36 * 36);
        String t = Long.toString(s, 36).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(5 - t.length()) + t;
    }

    private Population load(Path file) {
        JsonNode root = json.readTree(file);
        List<Institution> h = new ArrayList<>();
        List<Institution> ph = new ArrayList<>();
        for (JsonNode n : root.path("institutions")) {
            boolean pharmacy = n.path("pharmacy").asBoolean(false);
            (pharmacy ? ph : h).add(new Institution(n.path("code").stringValue(), n.path("secret").stringValue(), pharmacy));
        }
        List<Person> persons = new ArrayList<>();
        for (JsonNode n : root.path("persons")) {
            persons.add(new Person(n.path("psn_no").stringValue(), n.path("certno").stringValue()));
        }
        return new Population(h, ph, persons);
    }

    private void save(Path file, Population p) {
        ObjectNode root = json.createObjectNode();
        ArrayNode inst = root.putArray("institutions");
        for (Institution i : concat(p.hospitals(), p.pharmacies())) {
            inst.addObject().put("code", i.code()).put("secret", i.secret()).put("pharmacy", i.pharmacy());
        }
        ArrayNode persons = root.putArray("persons");
        for (Person x : p.persons()) {
            persons.addObject().put("psn_no", x.psnNo()).put("certno", x.certno());
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            json.writeValue(file, root);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SimulationException("cannot write state file " + file + ": " + e);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
