package cn.gongji.bench.sim;

import cn.gongji.bench.sim.Population.Person;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays one visit of a flow: the messages in order, each answer recorded; a visit stops at its first
 * failed message. Open loop: the first message's latency counts from the scheduled start, so time
 * spent waiting behind a slow server is not hidden (coordinated omission).
 */
final class VisitPlayer {

    private final SimOptions o;
    private final Population pop;
    private final HisClient his;
    private final Visits visits;
    private final Ledger ledger;
    private final CareCalendar calendar;
    private final AtomicBoolean pharmacySupported = new AtomicBoolean(true);
    private final java.util.Map<String, String> psnByCertno = new java.util.concurrent.ConcurrentHashMap<>();

    VisitPlayer(SimOptions o, Population pop, HisClient his, Visits visits, Ledger ledger, CareCalendar calendar) {
        this.o = o;
        this.calendar = calendar;
        this.pop = pop;
        this.his = his;
        this.visits = visits;
        this.ledger = ledger;
    }

    /** A small call context: the phase's stats and the time the visit was meant to start. */
    private static final class Ctx {
        final Stats stats;
        long startNanos;
        boolean first = true;

        Ctx(Stats stats, long startNanos) {
            this.stats = stats;
            this.startNanos = startNanos;
        }
    }

    private HisClient.Answer call(Ctx c, Institution inst, String infno, ObjectNode input) {
        HisClient.Answer a = his.call(inst, infno, input);
        long latency = c.first ? (System.nanoTime() - c.startNanos) / 1000 : a.micros();
        c.first = false;
        c.stats.record(infno, a, latency);
        return a;
    }

    /** One visit of the full or visit flow; returns whether every message succeeded. */
    boolean play(Random r, Stats stats, long scheduledNanos) {
        Ctx c = new Ctx(stats, scheduledNanos);
        int who = personIndex(r);
        Person p = pop.persons().get(who);
        if (o.flow() == SimOptions.Flow.INFO) {
            Institution h = pop.hospitals().get(r.nextInt(pop.hospitals().size()));
            return call(c, h, "1101", visits.personInfo(p)).ok();
        }
        if (o.flow() == SimOptions.Flow.FULL && r.nextDouble() < o.pharmacyShare() && !pop.pharmacies().isEmpty()
                && pharmacySupported.get()) {
            return pharmacySale(r, c, p, who);
        }
        Institution h = pop.hospitals().get(r.nextInt(pop.hospitals().size()));
        boolean full = o.flow() == SimOptions.Flow.FULL;
        if (full) {
            HisClient.Answer info = call(c, h, "1101", visits.personInfo(p));
            if (!info.ok()) {
                return false;
            }
            p = adopt(p, info);
        }
        Visits.Open v = open(r, c, h, p, who);
        if (v == null) {
            return false;
        }
        long n = visits.nextSerial();
        if (full) {
            HisClient.Answer pre = call(c, h, "2206", visits.settle(v, false, n));
            if (!pre.ok()) {
                return false;
            }
            JsonNode s = pre.output().path("setlinfo");
            v = new Visits.Open(h, p, v.mdtrtId(), v.chrgBchno(), v.begntime(), Amounts.orZero(s.path("medfee_sumamt")),
                    Amounts.orZero(s.path("fulamt_ownpay_amt")), Amounts.orZero(s.path("overlmt_selfpay")),
                    Amounts.orZero(s.path("preselfpay_amt")), Amounts.orZero(s.path("inscp_scp_amt")));
        }
        return settle(r, c, v, n, full && r.nextDouble() < o.cancelShare());
    }

    /** 2201 + 2204 of person number {@code who} with the split sums of the 2204 answer; null when either failed. */
    Visits.Open open(Random r, Stats stats, Institution h, int who) {
        return open(r, new Ctx(stats, System.nanoTime()), h, pop.persons().get(who), who);
    }

    private Visits.Open open(Random r, Ctx c, Institution h, Person p, int who) {
        p = resolve(c, h, p);
        if (p == null) {
            return null;
        }
        String begntime = Visits.begntime(careTime(who));
        HisClient.Answer reg = call(c, h, "2201", visits.register(p, begntime, visits.nextSerial()));
        String mdtrtId = reg.ok() ? Amounts.text(reg.output().path("data").path("mdtrt_id")) : null;
        if (mdtrtId == null) {
            return null;
        }
        String bch = "B" + visits.nextSerial();
        int count = o.minLines() + r.nextInt(o.maxLines() - o.minLines() + 1);
        ArrayNode lines = visits.lines(r, count, mdtrtId, p, bch, begntime);
        HisClient.Answer fee = call(c, h, "2204", visits.feeUpload(lines));
        if (!fee.ok()) {
            return null;
        }
        JsonNode res = fee.output().path("result");
        return new Visits.Open(h, p, mdtrtId, bch, begntime, Amounts.sum(lines, "det_item_fee_sumamt"),
                Amounts.sum(res, "fulamt_ownpay_amt"), Amounts.sum(res, "overlmt_amt"),
                Amounts.sum(res, "preselfpay_amt"), Amounts.sum(res, "inscp_scp_amt"));
    }

    /** 2207 of a prepared visit (the settle flow), latency from scheduledNanos. */
    boolean settlePrepared(Stats stats, Visits.Open v, long scheduledNanos) {
        return settle(null, new Ctx(stats, scheduledNanos), v, visits.nextSerial(), false);
    }

    private boolean settle(Random r, Ctx c, Visits.Open v, long n, boolean cancel) {
        String psn = v.person().psnNo();
        HisClient.Answer setl = call(c, v.inst(), "2207", visits.settle(v, true, n));
        if (!setl.ok()) {
            uncertainIfUnknown(setl, psn);
            return false;
        }
        JsonNode s = setl.output().path("setlinfo");
        BigDecimal fund = Amounts.orZero(s.path("hifp_pay"));
        ledger.add(psn, fund);
        if (!cancel) {
            return true;
        }
        HisClient.Answer back = call(c, v.inst(), "2208",
                visits.cancel(Amounts.text(s.path("setl_id")), v.mdtrtId(), psn));
        if (back.ok()) {
            ledger.add(psn, fund.negate());
        } else {
            uncertainIfUnknown(back, psn);
        }
        return back.ok();
    }

    private boolean pharmacySale(Random r, Ctx c, Person p, int who) {
        Institution ph = pop.pharmacies().get(r.nextInt(pop.pharmacies().size()));
        p = resolve(c, ph, p);
        if (p == null) {
            return false;
        }
        String begntime = Visits.begntime(careTime(who));
        String bch = "R" + visits.nextSerial();
        int count = o.minLines() + r.nextInt(o.maxLines() - o.minLines() + 1);
        ArrayNode lines = visits.lines(r, count, null, p, bch, begntime);
        BigDecimal medfee = Amounts.sum(lines, "det_item_fee_sumamt");
        HisClient.Answer pre = call(c, ph, "2101", visits.pharmacy(p, begntime, lines, medfee, null));
        if (unsupported(pre, c.stats)) {
            return false;
        }
        if (!pre.ok()) {
            return false;
        }
        JsonNode s = pre.output().path("setlinfo");
        HisClient.Answer sale = call(c, ph, "2102", visits.pharmacy(p, begntime, lines,
                Amounts.orZero(s.path("medfee_sumamt")), s));
        if (sale.ok()) {
            ledger.add(p.psnNo(), Amounts.orZero(sale.output().path("setlinfo").path("hifp_pay")));
        } else {
            uncertainIfUnknown(sale, p.psnNo());
        }
        return sale.ok();
    }

    /** A server without pharmacy sales answers "unknown infno": counted, and not tried again. */
    private boolean unsupported(HisClient.Answer a, Stats stats) {
        if (a.ok() || a.failure() != null) {
            return false;
        }
        String m = a.errMsg() == null ? "" : a.errMsg().toLowerCase(Locale.ROOT);
        boolean unknown = a.http() == 404 || m.contains("infno") || m.contains("unsupported")
                || m.contains("不支持") || m.contains("未知");
        if (unknown) {
            stats.unsupported.increment();
            pharmacySupported.set(false);
        }
        return unknown;
    }

    private void uncertainIfUnknown(HisClient.Answer a, String psn) {
        if (a.failure() != null || a.infcode() == null || a.infcode() == -1) {
            ledger.uncertain(psn);
        }
    }

    /** A person with a psn_no: as known, cached, or asked with 1101 by certno (recorded like any 1101). */
    private Person resolve(Ctx c, Institution inst, Person p) {
        if (p.psnNo() != null) {
            return p;
        }
        String known = psnByCertno.get(p.certno());
        if (known != null) {
            return new Person(known, p.certno());
        }
        HisClient.Answer info = call(c, inst, "1101", visits.personInfo(p));
        Person x = info.ok() ? adopt(p, info) : null;
        return x != null && x.psnNo() != null ? x : null;
    }

    private Person adopt(Person p, HisClient.Answer info) {
        String psn = Amounts.text(info.output().path("baseinfo").path("psn_no"));
        if (psn == null || p.psnNo() != null) {
            return p;
        }
        psnByCertno.put(p.certno(), psn);
        return new Person(psn, p.certno());
    }

    /**
     * Whether the service registers care at {@code at}: one 2201 of the first person at the first
     * hospital, cancelled at once with 2202 (outside any phase). Null when accepted (or when no
     * person could be resolved: the run will tell), else the refusal's message.
     */
    String probeRegistration(java.time.LocalDateTime at) {
        Institution h = pop.hospitals().getFirst();
        Person p = resolve(new Ctx(new Stats(), System.nanoTime()), h, pop.persons().getFirst());
        if (p == null) {
            return null;
        }
        HisClient.Answer reg = his.call(h, "2201", visits.register(p, Visits.begntime(at), visits.nextSerial()));
        if (!reg.ok()) {
            return reg.errMsg() == null ? reg.code() : reg.errMsg();
        }
        String mdtrtId = Amounts.text(reg.output().path("data").path("mdtrt_id"));
        his.call(h, "2202", visits.cancelRegistration(p.psnNo(), mdtrtId));
        return null;
    }

    /** The psn_no of a person, asking 1101 outside any phase when it is not known yet (verification). */
    String psnNoOf(Person p) {
        Person x = resolve(new Ctx(new Stats(), System.nanoTime()), pop.hospitals().getFirst(), p);
        return x == null ? null : x.psnNo();
    }

    /** Which person visits: one of the hot persons for --hot-share of the visits, else anyone. */
    int personIndex(Random r) {
        int k = o.hotPersons();
        if (k > 0 && r.nextDouble() < o.hotShare()) {
            return r.nextInt(k);
        }
        return r.nextInt(pop.persons().size());
    }

    /**
     * The hot persons (the first --hot-persons of the population) are seen a minute ago, all at once:
     * they are there to contend for their locks (and may well draw warnings); everyone else's visits
     * follow the care calendar.
     */
    private java.time.LocalDateTime careTime(int who) {
        if (who < o.hotPersons()) {
            return java.time.LocalDateTime.now(HisClient.ZONE).minusMinutes(1);
        }
        return calendar.next(who);
    }

    boolean pharmacySupported() {
        return pharmacySupported.get();
    }
}
