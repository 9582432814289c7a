#!/usr/bin/env bash
# The issue-9 reference run, in one go on this machine (docs/performance.md):
#   (a) starts Gongji on its embedded PostgreSQL in a scratch data dir (synchronous commit on),
#   (b) runs pgbench with a settlement-shaped transaction against THE SAME PostgreSQL instance
#       (lock one of 100,000 accumulator rows, update it, insert a settlement and five lines),
#       8, 16 and 32 clients, 20 s each,
#   (c) runs ./gongji simulate against Gongji: 2207-only (settle flow) with 8, 16 and 32 clients,
#       full visits (2201 + 2204 with 5 lines + 2207), and 2207 open loop at 1,000/s offered,
#       after a warm-up of full visits that is not counted (the JIT compiles the service's hot paths
#       for about 80 s of load; a counter's service runs warm all day),
# then prints both and the ratio 2207 rate / pgbench rate. Bounded: about 8-10 minutes.
#
#   scripts/reference-run.sh            everything
#   REF_SECONDS=5 scripts/reference-run.sh   shorter phases (a smoke run of the script itself)
# The service accepts care dates back to 1 January (max-backdate P366D): the generator spreads visits
# over the year, as ordinary care is (docs/performance.md, "Traffic like ordinary care").
# Environment: REF_SECONDS (20) phase length, REF_PERSONS (10000), REF_PREPARE (45000 visits
#   prepared for the three settle phases), REF_RATE (1000), REF_WARMUP (90 s of
#   full visits before the measured phases; 0 skips it), REF_HTTP_PORT (18180), REF_PG_PORT (15532),
#   REF_KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

SECONDS_PER_PHASE=${REF_SECONDS:-20}
PERSONS=${REF_PERSONS:-10000}
PREPARE=${REF_PREPARE:-45000}
RATE=${REF_RATE:-1000}
WARMUP=${REF_WARMUP:-90}
HTTP_PORT=${REF_HTTP_PORT:-18180}
PG_PORT=${REF_PG_PORT:-15532}
CLIENTS=(8 16 32)

SCRIPT=reference-run
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

# --- prerequisites ---------------------------------------------------------------------------
command -v pgbench >/dev/null || die "pgbench not found: apt-get install -y postgresql-client (Debian; pgbench is in it)"
command -v psql >/dev/null || die "psql not found: apt-get install -y postgresql-client"
require_python3_and_curl
require_free_ports "REF_HTTP_PORT / REF_PG_PORT" "$HTTP_PORT" "$PG_PORT"
require_positive_numbers "$SECONDS_PER_PHASE" "$PERSONS" "$PREPARE" "$RATE"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "REF_WARMUP is not a whole number of seconds: '$WARMUP'"

WORK=$(mktemp -d /tmp/gongji-ref.XXXXXX)
TOKEN=ref-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
SERVER_PID=""
cleanup() {
  local rc=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "reference-run: stopping the service (pid $SERVER_PID) ..." >&2
  fi
  stop_service_and_store "$SERVER_PID" "$WORK/data"
  keep_or_remove_work "$rc" "$WORK" "${REF_KEEP:-0}"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- machine ---------------------------------------------------------------------------------
say "machine"
machine_info
echo "pgbench: $(pgbench --version)"

# --- (a) the service -------------------------------------------------------------------------
say "building (when stale) and starting Gongji on the embedded PostgreSQL (port $PG_PORT) in $WORK"
build_when_stale
start_ns=$(date +%s%N)
./gongji serve --server.port="$HTTP_PORT" --gongji.data-dir="$WORK/data" --gongji.admin-token="$TOKEN" \
  --gongji.embedded.port="$PG_PORT" --gongji.settlement.max-backdate=P366D >"$WORK/service.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 1 240); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/service.log" >&2; die "the service exited while starting"; }
  if curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" 2>/dev/null | grep -q UP; then
    ready=$(( ($(date +%s%N) - start_ns) / 1000000 )); break
  fi
  sleep 0.25
done
[ -n "$ready" ] || die "the service was not ready within 60 s (log: $WORK/service.log)"
echo "ready in ${ready} ms (from process start to readiness UP, fresh data dir)"

rss_max=0
sample_rss() { # records the service's peak resident set (java process only; PostgreSQL is apart)
  local r; r=$(ps -o rss= -p "$SERVER_PID" 2>/dev/null | tr -d ' ' || true)
  if [ -n "$r" ] && [ "$r" -gt "$rss_max" ]; then rss_max=$r; fi
}

# --- (b) pgbench against the same PostgreSQL --------------------------------------------------
say "pgbench: settlement-shaped transaction on the service's own PostgreSQL, schema pgbench_settle"
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres PGDATABASE=postgres PGOPTIONS="-c client_min_messages=warning"
psql -q -v ON_ERROR_STOP=1 <<'SQL'
drop schema if exists pgbench_settle cascade;
create schema pgbench_settle;
create table pgbench_settle.accumulator (psn_id int primary key, year int not null,
  pool_paid numeric(14,2) not null default 0, visits int not null default 0);
insert into pgbench_settle.accumulator (psn_id, year) select g, 2026 from generate_series(1, 100000) g;
create table pgbench_settle.settlement (setl_id bigserial primary key, psn_id int not null, medfee numeric(14,2) not null,
  fund_pay numeric(14,2) not null, msgid varchar(30) not null, created_at timestamptz not null default now());
create index on pgbench_settle.settlement (psn_id);
create table pgbench_settle.settlement_line (setl_id bigint not null, line_no int not null, med_list_codg varchar(50) not null,
  amount numeric(14,2) not null, primary key (setl_id, line_no));
vacuum analyze pgbench_settle.accumulator;
SQL
cat >"$WORK/settle.sql" <<'SQL'
\set p random(1, 100000)
\set fee random(100, 50000)
BEGIN;
SELECT pool_paid FROM pgbench_settle.accumulator WHERE psn_id = :p AND year = 2026 FOR UPDATE;
UPDATE pgbench_settle.accumulator SET pool_paid = pool_paid + :fee / 200.0, visits = visits + 1 WHERE psn_id = :p AND year = 2026;
INSERT INTO pgbench_settle.settlement (psn_id, medfee, fund_pay, msgid) VALUES (:p, :fee / 100.0, :fee / 200.0, 'H41130200001' || :client_id || :p) RETURNING setl_id \gset
INSERT INTO pgbench_settle.settlement_line VALUES (:setl_id, 1, 'SIM-01-001', :fee / 500.0);
INSERT INTO pgbench_settle.settlement_line VALUES (:setl_id, 2, 'SIM-01-002', :fee / 500.0);
INSERT INTO pgbench_settle.settlement_line VALUES (:setl_id, 3, 'SIM-02-021', :fee / 500.0);
INSERT INTO pgbench_settle.settlement_line VALUES (:setl_id, 4, 'SIM-02-022', :fee / 500.0);
INSERT INTO pgbench_settle.settlement_line VALUES (:setl_id, 5, 'SIM-03-041', :fee / 500.0);
COMMIT;
SQL
echo "synchronous_commit = $(psql -Atc 'show synchronous_commit'), fsync = $(psql -Atc 'show fsync'), server $(psql -Atc 'show server_version')"
declare -A PGB
for c in "${CLIENTS[@]}"; do
  cmd="pgbench -n -M prepared -c $c -j 2 -T $SECONDS_PER_PHASE -f $WORK/settle.sql"
  echo "\$ $cmd"
  $cmd >"$WORK/pgbench-$c.log" 2>&1 || { cat "$WORK/pgbench-$c.log" >&2; die "pgbench failed"; }
  PGB[$c]=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$WORK/pgbench-$c.log" | head -1)
  lat=$(sed -n 's/^latency average = \(.*\)$/\1/p' "$WORK/pgbench-$c.log")
  printf '  %2d clients: %8.0f tx/s  (latency average %s)\n' "$c" "${PGB[$c]}" "$lat"
done
# the same transaction at the rate the 2207 p99 target is set for, to show what latency the
# database itself gives at that rate on this machine: latency per transaction from its SCHEDULED
# start (pgbench's time + schedule lag: no coordinated omission, as the generator's open loop)
cmd="pgbench -n -M prepared -c 32 -j 2 -R $RATE -T $SECONDS_PER_PHASE -f $WORK/settle.sql -l --log-prefix=$WORK/pgbench-rate"
echo "\$ $cmd"
$cmd >"$WORK/pgbench-at-rate.log" 2>&1 || { cat "$WORK/pgbench-at-rate.log" >&2; die "pgbench (rate) failed"; }
PGB_RATE=$(cat "$WORK"/pgbench-rate.* 2>/dev/null | python3 -c '
import sys
lat = sorted((int(f[2]) + int(f[6] if len(f) > 6 else 0)) / 1000 for f in (l.split() for l in sys.stdin) if len(f) >= 6)
if not lat: print("none"); sys.exit()
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"{len(lat) / '"$SECONDS_PER_PHASE"':.0f} {q(0.50):.2f} {q(0.95):.2f} {q(0.99):.2f} {lat[-1]:.2f}")')
read -r PGB_RATE_TPS PGB_RATE_P50 PGB_RATE_P95 PGB_RATE_P99 PGB_RATE_MAX <<<"$PGB_RATE"
printf '  %s tx/s offered, 32 clients: %s tx/s, latency from the scheduled start p50 %s ms, p95 %s ms, p99 %s ms, max %s ms\n' \
  "$RATE" "$PGB_RATE_TPS" "$PGB_RATE_P50" "$PGB_RATE_P95" "$PGB_RATE_P99" "$PGB_RATE_MAX"
psql -q -c 'drop schema pgbench_settle cascade'

# --- (c) the load generator against Gongji ----------------------------------------------------
# Persons are drawn uniformly, as pgbench draws its accumulator rows (--hot-persons 0); the contention
# phase at the end sends 10 % of the visits to 10 persons instead.
SIM=(./gongji simulate --url "http://127.0.0.1:$HTTP_PORT" --admin-token "$TOKEN" --seed 42
     --persons "$PERSONS" --institutions 16 --reuse "$WORK/population.json" --lines 5-5)
run_sim() { # $1 = name; the rest = options
  local name=$1; shift
  echo "\$ ./gongji simulate ${*}  (plus --url, --admin-token, --persons $PERSONS --institutions 16 --lines 5-5 --seed 42)"
  "${SIM[@]}" "$@" --out "$WORK/$name.json" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do sample_rss; sleep 1; done
  wait "$pid" || { tail -40 "$WORK/$name.log" >&2; die "simulate ($name) failed (log kept in $WORK)"; }
  sed -n '/^== /,$p' "$WORK/$name.log"
}
if [ "$WARMUP" -gt 0 ]; then
  say "Gongji, warm-up: full visits, 16 clients, ${WARMUP} s (not counted: the JIT compiles the hot paths)"
  run_sim warmup --flow visit --hot-persons 0 --clients 16 --duration "${WARMUP}s" --verify false >"$WORK/warmup.out"
  grep -E '^(== |visit )' "$WORK/warmup.out" || true
fi
say "Gongji, 2207 only (settle flow: $PREPARE visits prepared with 2201 + 2204, then only 2207 timed)"
run_sim settle --flow settle --hot-persons 0 --prepare "$PREPARE" --clients 8,16,32 --duration "${SECONDS_PER_PHASE}s"
say "Gongji, full visits (2201 + 2204 with 5 lines + 2207), 16 clients, closed loop"
run_sim visit --flow visit --hot-persons 0 --clients 16 --duration "${SECONDS_PER_PHASE}s"
say "Gongji, 2207 open loop at $RATE/s offered (p99 target: under 25 ms)"
run_sim open --flow settle --hot-persons 0 --rate "$RATE" --clients 512 --duration "${SECONDS_PER_PHASE}s" \
  --prepare $(( RATE * SECONDS_PER_PHASE + RATE ))
say "Gongji, 2207 under contention: 16 clients, 10 % of the visits to 10 persons"
run_sim hot --flow settle --hot-persons 10 --hot-share 0.1 --clients 16 --duration "${SECONDS_PER_PHASE}s" \
  --prepare $(( PREPARE / 3 ))

# --- summary ---------------------------------------------------------------------------------
say "reference run: pgbench vs Gongji on the same PostgreSQL ($(nproc) cores, synchronous commit on)"
python3 - "$WORK" "${PGB[8]}" "${PGB[16]}" "${PGB[32]}" "$ready" "$rss_max" "${PGB_RATE_P99:-none}" <<'PY'
import json, sys
work, p8, p16, p32, ready, rss, pgb_p99 = sys.argv[1:]
pgb = {8: float(p8), 16: float(p16), 32: float(p32)}
def load(n): return json.load(open(f"{work}/{n}.json"))
settle, visit, open_, hot = load("settle"), load("visit"), load("open"), load("hot")
print(f"{'clients':>7} {'pgbench tx/s':>13} {'2207/s':>9} {'ratio':>7} {'2207 p99 ms':>12} {'target':>8}")
for ph in settle["phases"]:
    c = ph["clients"]; s = ph["infno"].get("2207", {})
    rate = s.get("per_s", 0.0) if s.get("failed", 0) == 0 else s.get("ok", 0) / ph["elapsed_s"]
    ratio = rate / pgb[c] if pgb.get(c) else float("nan")
    print(f"{c:>7} {pgb[c]:>13.0f} {rate:>9.0f} {ratio:>7.2f} {s.get('p99_ms', 0):>12.2f} {'>= 0.60':>8}"
          + ("" if s.get("failed", 0) == 0 else f"  ({s['failed']} failed 2207 not counted)")
          + ("  (prepared visits ran out early)" if ph["pool_exhausted"] else ""))
v = visit["phases"][0]
print(f"full visits (2201+2204x5+2207), 16 clients: {v['visit']['ok'] / v['elapsed_s']:.0f} visits/s (target >= 1000), "
      f"{v['visit']['failed']} failed")
o = open_["phases"][0]; s = o["infno"].get("2207", {})
print(f"2207 open loop, {o['offered_rate']:.0f}/s offered: achieved {s.get('per_s', 0):.0f}/s, "
      f"p50 {s.get('p50_ms', 0):.2f} ms, p99 {s.get('p99_ms', 0):.2f} ms (target < 25 ms), {s.get('failed', 0)} failed; "
      f"pgbench at the same rate: p99 {pgb_p99} ms")
h = hot["phases"][0]; s = h["infno"].get("2207", {})
print(f"2207 with 10 % of visits on 10 persons, 16 clients: {s.get('per_s', 0):.0f}/s, p99 {s.get('p99_ms', 0):.2f} ms, "
      f"{s.get('failed', 0)} failed")
print(f"service resident memory, peak during the runs: {int(rss) / 1024:.0f} MiB (target < 1024)")
print(f"ready after start: {int(ready) / 1000:.1f} s (target < 10 s)")
for n, d in (("settle", settle), ("visit", visit), ("open", open_), ("hot", hot)):
    vf = d.get("verify", {})
    if "skipped" in vf: print(f"verify ({n}): skipped: {vf['skipped']}")
    else: print(f"verify ({n}): {vf.get('compared', 0)} persons compared, {len(vf.get('mismatches', []))} mismatches")
PY
