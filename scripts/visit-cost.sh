#!/usr/bin/env bash
# What one full visit (2201 + 2204 with 5 lines + 2207) costs the service, in one bounded run
# (docs/performance.md, "fifth pass"): the service on a fresh embedded PostgreSQL with its GC logged,
# `./gongji simulate --flow visit` at VC_CLIENTS clients, and, in a window after the warm-up,
#   - visits per second,
#   - CPU per visit: the whole machine (/proc/stat), the service's process and the load generator's
#     (/proc/PID/stat), and the rest (PostgreSQL and the kernel),
#   - garbage per visit: what the young collections in the window found allocated (GC log),
#     divided by the visits in it, and the collections' pauses.
# Throughput and CPU move with the machine (a shared virtual one: ±15 % between runs); garbage per
# visit does not, so it is the figure to compare two builds by. Bounded: about 3 minutes.
#
#   scripts/visit-cost.sh                          the current build (target/gongji.jar, built when stale)
#   VC_JAR=/tmp/old.jar scripts/visit-cost.sh      another build of the service, for an A/B
#   VC_FLOW=info scripts/visit-cost.sh             the protocol's floor: each "visit" one 1101 (HTTP, signature,
#                                                  JSON, one small read), what every message costs at least
# Environment: VC_JAR, VC_FLOW (visit; or info, or full), VC_CLIENTS (16), VC_WARMUP (90 s after the population is ready:
#   the JIT compiles the hot paths for about 80 s of load, and CPU per visit measured earlier counts
#   the compiler's work), VC_WINDOW
#   (20 s), VC_PERSONS (5000), VC_HTTP_PORT (18380), VC_PG_PORT (15732), VC_KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

CLIENTS=${VC_CLIENTS:-16}
FLOW=${VC_FLOW:-visit}
case "$FLOW" in visit|info|full) ;; *) echo "visit-cost: VC_FLOW must be visit, info or full (got $FLOW)" >&2; exit 2;; esac
WARMUP=${VC_WARMUP:-90}
WINDOW=${VC_WINDOW:-20}
PERSONS=${VC_PERSONS:-5000}
HTTP_PORT=${VC_HTTP_PORT:-18380}
PG_PORT=${VC_PG_PORT:-15732}

SCRIPT=visit-cost
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

require_python3_and_curl
require_positive_numbers "$CLIENTS" "$WARMUP" "$WINDOW" "$PERSONS"
require_free_ports "VC_HTTP_PORT / VC_PG_PORT" "$HTTP_PORT" "$PG_PORT"

say "machine"
machine_info
say "building (when stale)"
build_when_stale
JAR=${VC_JAR:-target/gongji.jar}
[ -f "$JAR" ] || die "no such jar: $JAR"
JAVA="$(./gongji java-home)/bin/java"

start_scratch visit-cost "${VC_KEEP:-0}"

say "service ($JAR) with its GC logged"
# the JVM options of ./gongji run, and the GC log
# shellcheck disable=SC2086
"$JAVA" ${GONGJI_JAVA_OPTS:--Xmx768m -Xmn200m -XX:+UseG1GC} "-Xlog:gc:file=$WORK/gc.log:uptime" -jar "$JAR" \
  --server.port="$HTTP_PORT" --gongji.data-dir="$DATA" --gongji.admin-token="$TOKEN" \
  --gongji.embedded.port="$PG_PORT" --gongji.settlement.max-backdate=P366D >"$WORK/service.log" 2>&1 &
SERVER_PID=$!
wait_until_ready "$SERVER_PID" "$HTTP_PORT" "$WORK/service.log"

say "$FLOW flow, $CLIENTS clients; window of ${WINDOW} s after ${WARMUP} s of warm-up"
echo "\$ ./gongji simulate --persons $PERSONS --institutions 16 --lines 5-5 --flow $FLOW --hot-persons 0 --clients $CLIENTS --duration $((WARMUP + WINDOW + 10))s --seed 42"
./gongji simulate --url "http://127.0.0.1:$HTTP_PORT" --admin-token "$TOKEN" --seed 42 --persons "$PERSONS" \
  --institutions 16 --lines 5-5 --flow "$FLOW" --hot-persons 0 --clients "$CLIENTS" \
  --duration "$((WARMUP + WINDOW + 10))s" --out "$WORK/sim.json" >"$WORK/sim.log" 2>&1 &
GEN_PID=$!
for _ in $(seq 1 600); do
  grep -q "population ready" "$WORK/sim.log" && break
  kill -0 "$GEN_PID" 2>/dev/null || { tail -20 "$WORK/sim.log" >&2; die "the generator exited before its population was ready"; }
  sleep 0.2
done
sleep "$WARMUP"
visits() { grep -a 'visits  ' "$WORK/sim.log" | tail -1 | awk '{print $4}' | tr -d ,; }
uptime_s() { "$(dirname "$JAVA")/jcmd" "$SERVER_PID" VM.uptime | tail -1 | awk '{print $1}'; }
cpu_of() { awk '{print $14+$15}' "/proc/$1/stat"; }
jit_cpu_of() { # the CPU ticks of the JVM's JIT compiler threads (C1, C2)
  local t sum=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in C1\ Compiler*|C2\ Compiler*) sum=$((sum + $(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0)));; esac
  done
  echo "$sum"
}
snapshot() { echo "$(visits) $(date +%s.%N) $(uptime_s) $(head -1 /proc/stat | cut -d' ' -f2-) | $(cpu_of "$SERVER_PID") $(cpu_of "$GEN_PID") $(jit_cpu_of "$SERVER_PID")"; }
A=$(snapshot)
sleep "$WINDOW"
B=$(snapshot)
wait "$GEN_PID" || { tail -20 "$WORK/sim.log" >&2; die "the generator failed"; }
GEN_PID=""
sed -n '/^== /,$p' "$WORK/sim.log" | grep -E '^(== |infno|visit|1101|2201|2204|2207|verify)' || true

say "cost per visit in the window"
python3 - "$WORK/gc.log" "$A" "$B" "$(getconf CLK_TCK)" <<'PY'
import re, sys
gc_log, a, b, hz = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def parse(s):
    left, procs = s.split("|")
    f = left.split()
    svc, gen, jit = (int(x) for x in procs.split())
    return int(f[0]), float(f[1]), float(f[2]), [int(x) for x in f[3:]], svc, gen, jit
v0, t0, u0, cpu0, s0, g0, j0 = parse(a)
v1, t1, u1, cpu1, s1, g1, j1 = parse(b)
visits, secs = v1 - v0, t1 - t0
d = [y - x for x, y in zip(cpu0, cpu1)]
busy = d[0] + d[1] + d[2] + d[5] + d[6]
ms = 1000 / hz
print(f"{visits:,} visits in {secs:.1f} s: {visits / secs:,.0f} visits/s")
svc, gen = (s1 - s0) * ms / visits, (g1 - g0) * ms / visits
print(f"CPU per visit: machine {busy * ms / visits:.2f} ms (idle {100 * (d[3] + d[4]) / sum(d[:8]):.0f} %): "
      f"service process {svc:.2f} ms (of it its JIT compiler {(j1 - j0) * ms / visits:.2f} ms), load generator {gen:.2f} ms, the rest (PostgreSQL, the kernel) "
      f"{busy * ms / visits - svc - gen:.2f} ms")
young = []
for line in open(gc_log):
    m = re.search(r"\[([\d.]+)s\].*Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms", line)
    if m:
        young.append((float(m.group(1)), int(m.group(2)), int(m.group(3)), float(m.group(4))))
w = [g for g in young if u0 <= g[0] <= u1]
if len(w) < 2:
    print("garbage per visit: fewer than two young collections in the window (lengthen VC_WINDOW)")
else:
    mb = sum(w[i][1] - w[i - 1][2] for i in range(1, len(w)))
    span = w[-1][0] - w[0][0]
    per_visit_kb = mb * 1024 / span / (visits / secs)
    pauses = [g[3] for g in w]
    print(f"garbage per visit: {per_visit_kb:,.0f} KB ({mb / span:,.0f} MB/s); {len(w)} young collections, "
          f"pause avg {sum(pauses) / len(pauses):.1f} ms, max {max(pauses):.1f} ms")
PY
