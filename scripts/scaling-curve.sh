#!/usr/bin/env bash
# The issue-9 scaling curve (must-have 5), in one bounded go on this machine (docs/performance.md):
# 2207 throughput and p99 for 1, 4, 16 and 64 concurrent clients, for populations of 10^4, 10^5
# and 10^6 persons. For each population, in a fresh scratch data dir:
#   (a) the generator writes N valid persons to a CSV and `./gongji import persons` loads them
#       (timed: the import is part of the record), with the service stopped (embedded store);
#   (b) the service starts on its embedded PostgreSQL (synchronous commit on), accepting care dates
#       back to 1 January (the generator spreads visits over the year);
#   (c) `./gongji simulate --flow settle --lines 5-5 --clients 1,4,16,64`: CURVE_PREPARE visits are
#       opened (2201 + 2204; each person's psn_no learnt by one 1101 on first use) before the clock,
#       then each phase sends only 2207 for CURVE_SECONDS;
#   (d) the service is stopped and the scratch dir removed.
# Then one table: rows = clients, columns = populations, cells = 2207/s and p99.
# Bounded: about 12-15 minutes with the defaults (each phase stops at its deadline or when its share
# of the prepared visits runs out; the generator gives stragglers 35 s at most).
#
#   scripts/scaling-curve.sh                 everything
#   CURVE_POPULATIONS="300 1000" CURVE_CLIENTS="1 4" CURVE_SECONDS=3 CURVE_PREPARE=400 scripts/scaling-curve.sh
#                                            a smoke run of the script itself (about a minute)
# Environment: CURVE_POPULATIONS ("10000 100000 1000000"), CURVE_CLIENTS ("1 4 16 64"),
#   CURVE_SECONDS (20) per phase, CURVE_PREPARE (48000 visits prepared per population, split evenly
#   between the phases), CURVE_INSTITUTIONS (16), CURVE_HTTP_PORT (18280), CURVE_PG_PORT (15632),
#   CURVE_KEEP=1 keeps the scratch dirs and logs.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

read -r -a POPULATIONS <<<"${CURVE_POPULATIONS:-10000 100000 1000000}"
read -r -a CLIENTS <<<"${CURVE_CLIENTS:-1 4 16 64}"
SECONDS_PER_PHASE=${CURVE_SECONDS:-20}
PREPARE=${CURVE_PREPARE:-48000}
INSTITUTIONS=${CURVE_INSTITUTIONS:-16}
HTTP_PORT=${CURVE_HTTP_PORT:-18280}
PG_PORT=${CURVE_PG_PORT:-15632}

SCRIPT=scaling-curve
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

require_python3_and_curl
require_positive_numbers "${POPULATIONS[@]}" "${CLIENTS[@]}" "$SECONDS_PER_PHASE" "$PREPARE" "$INSTITUTIONS"
require_free_ports "CURVE_HTTP_PORT / CURVE_PG_PORT" "$HTTP_PORT" "$PG_PORT"

WORK=$(mktemp -d /tmp/gongji-curve.XXXXXX)
TOKEN=curve-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
SERVER_PID=""
DATA=""
stop_service() {
  stop_service_and_store "$SERVER_PID" "$DATA"
  SERVER_PID=""
}
cleanup() {
  local rc=$?
  stop_service
  keep_or_remove_work "$rc" "$WORK" "${CURVE_KEEP:-0}"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "machine"
machine_info

say "building (when stale)"
build_when_stale

CLIENT_LIST=$(IFS=,; echo "${CLIENTS[*]}")
for n in "${POPULATIONS[@]}"; do
  DATA="$WORK/data-$n"
  csv="$WORK/persons-$n.csv"
  say "population $n: CSV, import, service"
  t0=$(date +%s%N)
  ./gongji simulate --admin-token "$TOKEN" --seed 42 --persons "$n" --persons-csv "$csv" >"$WORK/csv-$n.log" 2>&1 \
    || { cat "$WORK/csv-$n.log" >&2; die "writing the CSV of $n persons failed"; }
  t1=$(date +%s%N)
  ./gongji import persons "$csv" --gongji.data-dir="$DATA" --gongji.embedded.port="$PG_PORT" >"$WORK/import-$n.log" 2>&1 \
    || { tail -20 "$WORK/import-$n.log" >&2; die "importing $n persons failed"; }
  t2=$(date +%s%N)
  summary=$(grep -E 'rows: imported' "$WORK/import-$n.log" | tail -1 || true)
  [ -n "$summary" ] || { tail -20 "$WORK/import-$n.log" >&2; die "the import of $n persons printed no summary"; }
  echo "$summary"
  printf 'CSV written in %.1f s; ./gongji import %.1f s wall (JVM start, fresh embedded store and migrations included)\n' \
    "$(( (t1 - t0) / 1000000 ))e-3" "$(( (t2 - t1) / 1000000 ))e-3"
  echo "$(( (t2 - t1) / 1000000 )) $summary" >"$WORK/import-$n"

  ./gongji serve --server.port="$HTTP_PORT" --gongji.data-dir="$DATA" --gongji.admin-token="$TOKEN" \
    --gongji.embedded.port="$PG_PORT" --gongji.settlement.max-backdate=P366D >"$WORK/service-$n.log" 2>&1 &
  SERVER_PID=$!
  wait_until_ready "$SERVER_PID" "$HTTP_PORT" "$WORK/service-$n.log"

  cmd=(./gongji simulate --url "http://127.0.0.1:$HTTP_PORT" --admin-token "$TOKEN" --seed 42 --persons "$n"
       --persons-csv "$csv" --institutions "$INSTITUTIONS" --flow settle --hot-persons 0 --lines 5-5 --clients "$CLIENT_LIST"
       --duration "${SECONDS_PER_PHASE}s" --prepare "$PREPARE" --out "$WORK/curve-$n.json")
  echo "\$ ./gongji simulate --persons $n --persons-csv FILE --institutions $INSTITUTIONS --flow settle --hot-persons 0 --lines 5-5 --clients $CLIENT_LIST --duration ${SECONDS_PER_PHASE}s --prepare $PREPARE --seed 42"
  "${cmd[@]}" >"$WORK/simulate-$n.log" 2>&1 || { tail -40 "$WORK/simulate-$n.log" >&2; die "simulate ($n persons) failed"; }
  sed -n '/^== /,$p' "$WORK/simulate-$n.log"
  stop_service
  if [ "${CURVE_KEEP:-0}" != 1 ]; then rm -rf "$DATA" "$csv"; fi
  DATA=""
done

say "scaling curve: 2207 (settle flow, 5 lines, closed loop) by clients and population ($(nproc) cores, synchronous commit on)"
python3 - "$WORK" "${POPULATIONS[*]}" "${CLIENTS[*]}" <<'PY'
import json, sys
work, pops, clients = sys.argv[1], [int(p) for p in sys.argv[2].split()], [int(c) for c in sys.argv[3].split()]
runs = {n: json.load(open(f"{work}/curve-{n}.json")) for n in pops}
head = f"{'clients':>7}" + "".join(f"{f'{n:,} persons: 2207/s, p99 ms':>34}" for n in pops)
print(head)
for c in clients:
    row = f"{c:>7}"
    for n in pops:
        ph = next((p for p in runs[n]["phases"] if p["clients"] == c), None)
        s = (ph or {}).get("infno", {}).get("2207", {})
        if not s:
            row += f"{'-':>34}"; continue
        rate = s["ok"] / ph["elapsed_s"]
        cell = f"{rate:,.0f}/s, {s.get('p99_ms', 0):.1f}" + (" *" if ph["pool_exhausted"] else "") + \
               (f" ({s['failed']} failed)" if s.get("failed", 0) else "")
        row += f"{cell:>34}"
    print(row)
print("* the phase's prepared visits ran out before its deadline: rated over the time it ran")
for n in pops:
    wall_ms, summary = open(f"{work}/import-{n}").read().split(" ", 1)
    took = summary.rsplit("took", 1)[-1].strip(" )）\n") if "took" in summary else "?"
    v = runs[n].get("verify", {})
    check = f"verify: skipped ({v['skipped']})" if "skipped" in v else \
        f"verify: {v.get('compared', 0)} persons compared, {len(v.get('mismatches', []))} mismatches"
    print(f"{n:>9,} persons: import took {took} ({int(wall_ms) / 1000:.1f} s wall with start-up); {check}")
PY
