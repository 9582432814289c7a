package cn.gongji.bench.sim;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@code ./gongji simulate}. Every run is bounded (a duration or a visit count) and only
 * ever talks to a loopback address.
 */
public record SimOptions(
        URI url,
        String adminToken,
        List<Integer> clients,
        Duration duration,
        long visits,
        double rate,
        long seed,
        int persons,
        int institutions,
        int pharmacies,
        int minLines,
        int maxLines,
        double cancelShare,
        double pharmacyShare,
        int hotPersons,
        double hotShare,
        Flow flow,
        int prepare,
        Path reuse,
        Path personsCsv,
        int careDays,
        boolean verify,
        Path out,
        List<String> commandLine) {

    /** What one simulated visit sends. */
    public enum Flow {
        /** 1101 → 2201 → 2204 → 2206 → 2207, a share of 2208, and pharmacy sales. */
        FULL,
        /** 2201 → 2204 → 2207: the "full visit" of the issue-9 target, no 1101/2206/2208/pharmacy. */
        VISIT,
        /** Visits prepared (2201 + 2204) before the clock starts; the timed phase sends only 2207. */
        SETTLE,
        /**
         * One 1101 (person information) per "visit": the protocol's envelope (HTTP, signature, JSON, the stored
         * answer) around the smallest read, the floor under every other message's cost.
         */
        INFO
    }

    public static final String USAGE = """
            ./gongji simulate [options]   plays hospitals and pharmacies against a running Gongji

              --url URL               loopback only (default http://127.0.0.1:8080)
              --admin-token T         agency API token (default $GONGJI_ADMIN_TOKEN)
              --clients N[,N...]      concurrent clients; a list runs one phase per entry (default 8)
              --duration 30s | --visits N   when to stop each phase (default 30s)
              --rate R                offered load in visits/s, open loop (default: closed loop)
              --flow full|visit|settle|info   see docs/performance.md (default full)
              --prepare N             settle flow: visits prepared before the clock (default: visits x phases, or 20000)
              --seed S                workload seed (default 1)
              --persons N --institutions N --pharmacies N   population created through the agency API
              --lines A-B             fee lines per visit (default 1-8)
              --cancel-share F        share of settlements cancelled with 2208 (default 0.05)
              --pharmacy-share F      share of visits that are pharmacy sales 2101 → 2102 (default 0.1)
              --hot-persons K --hot-share F   F of the visits go to K persons (default 10, 0.1)
              --reuse FILE            keep/reuse the created population in FILE
              --persons-csv FILE      persons from a CSV imported with ./gongji import persons (for 10^6):
                                      written with --persons valid rows when FILE does not exist
              --care-days N           visits spread over the last N days (default: 1 January of this year up
                                      to now when the service accepts care that old, i.e. it was started
                                      with --gongji.settlement.max-backdate=P366D; else its backdate window,
                                      found with one 2201 cancelled at once)
              --verify true|false     compare accumulators with the fund pay seen (default true)
              --out FILE              summary JSON (default target/simulate-<timestamp>.json)
            """;

    public static SimOptions parse(String[] args) {
        var b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else {
                if (a.equals("--help") || a.equals("-h")) {
                    throw new UsageException("");
                }
                if (i + 1 >= args.length) {
                    throw new UsageException("option " + a + " needs a value");
                }
                v = args[++i];
            }
            b.set(a, v);
        }
        return b.build(List.of(args));
    }

    /** A wrong command line: the message, then the usage. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    private static final class Builder {
        String url = "http://127.0.0.1:8080";
        String token = System.getenv("GONGJI_ADMIN_TOKEN");
        List<Integer> clients = List.of(8);
        Duration duration;
        long visits;
        double rate;
        long seed = 1;
        int persons = 1000;
        int institutions = 4;
        int pharmacies = -1;
        int minLines = 1;
        int maxLines = 8;
        double cancelShare = 0.05;
        double pharmacyShare = 0.1;
        int hotPersons = 10;
        double hotShare = 0.1;
        Flow flow = Flow.FULL;
        int prepare = -1;
        Path reuse;
        Path personsCsv;
        int careDays;
        boolean verify = true;
        Path out;

        void set(String name, String v) {
            switch (name) {
                case "--url" -> url = v;
                case "--admin-token" -> token = v;
                case "--clients" -> clients = intList(v);
                case "--duration" -> duration = duration(v);
                case "--visits" -> visits = positiveLong(name, v);
                case "--rate" -> rate = share(name, v, Double.MAX_VALUE);
                case "--seed" -> seed = Long.parseLong(v);
                case "--persons" -> persons = (int) positiveLong(name, v);
                case "--institutions" -> institutions = (int) positiveLong(name, v);
                case "--pharmacies" -> pharmacies = (int) positiveLong(name, v);
                case "--lines" -> lines(v);
                case "--cancel-share" -> cancelShare = share(name, v, 1);
                case "--pharmacy-share" -> pharmacyShare = share(name, v, 1);
                case "--hot-persons" -> hotPersons = Integer.parseInt(v);
                case "--hot-share" -> hotShare = share(name, v, 1);
                case "--flow" -> flow = flow(v);
                case "--prepare" -> prepare = (int) positiveLong(name, v);
                case "--reuse" -> reuse = Path.of(v);
                case "--persons-csv" -> personsCsv = Path.of(v);
                case "--care-days" -> careDays = (int) Math.min(366, positiveLong(name, v));
                case "--verify" -> verify = Boolean.parseBoolean(v);
                case "--out" -> out = Path.of(v);
                default -> throw new UsageException("unknown option " + name);
            }
        }

        SimOptions build(List<String> commandLine) {
            if (token == null || token.isBlank()) {
                throw new UsageException("--admin-token (or GONGJI_ADMIN_TOKEN) is required");
            }
            if (duration == null && visits == 0) {
                duration = Duration.ofSeconds(30);
            }
            if (hotPersons > persons) {
                hotPersons = persons;
            }
            int prep = prepare > 0 ? prepare : visits > 0 ? (int) Math.min(visits * clients.size(), 10_000_000) : 20_000;
            int pharm = pharmacies >= 0 ? pharmacies : Math.max(1, institutions / 4);
            return new SimOptions(loopback(url), token, clients, duration, visits, rate, seed, persons,
                    institutions, pharm, minLines, maxLines, cancelShare, pharmacyShare, hotPersons, hotShare,
                    flow, prep, reuse, personsCsv, careDays, verify, out, commandLine);
        }

        private void lines(String v) {
            String[] p = v.split("-");
            minLines = Integer.parseInt(p[0]);
            maxLines = p.length > 1 ? Integer.parseInt(p[1]) : minLines;
            if (minLines < 1 || maxLines < minLines || maxLines > 50) {
                throw new UsageException("--lines must be A-B with 1 <= A <= B <= 50");
            }
        }
    }

    /** Refuses anything but a loopback target: the generator must never load a real system. */
    static URI loopback(String url) {
        URI u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(u.getScheme()) || u.getHost() == null) {
            throw new UsageException("--url must be http://127.0.0.1:PORT (got " + url + ")");
        }
        try {
            String host = u.getHost().replace("[", "").replace("]", "");
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new UsageException("--url must be a loopback address; refusing " + url);
            }
        } catch (UnknownHostException e) {
            throw new UsageException("--url host unknown: " + url);
        }
        return u;
    }

    static Duration duration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new UsageException("--duration must look like 30s, 2m or 500ms (got " + v + ")");
        }
    }

    private static List<Integer> intList(String v) {
        List<Integer> out = new ArrayList<>();
        for (String p : v.split(",")) {
            out.add((int) positiveLong("--clients", p.trim()));
        }
        return List.copyOf(out);
    }

    private static long positiveLong(String name, String v) {
        try {
            long n = Long.parseLong(v.replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException(name + " must be a positive integer (got " + v + ")");
    }

    private static double share(String name, String v, double max) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number (got " + v + ")");
        }
        if (d < 0 || d > max) {
            throw new UsageException(name + " out of range (got " + v + ")");
        }
        return d;
    }

    private static Flow flow(String v) {
        try {
            return Flow.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--flow must be full, visit, settle or info (got " + v + ")");
        }
    }
}
