#!/usr/bin/env bash
# Where PostgreSQL's time and WAL go per full visit (2201 + 2204 with 5 lines + 2207), in one bounded
# run (docs/performance.md, "eighth pass"): the service on a fresh embedded PostgreSQL with
# pg_stat_statements (nested statements too, track = all) and WAL I/O timing on,
# `./gongji simulate --flow visit` at PP_CLIENTS clients, and, in a window after the warm-up,
#   - the statements by total execution time, with calls, time and WAL records per visit
#     (statements inside the PL/pgSQL functions are listed apart, "nested");
#   - WAL per visit: records, bytes, full-page images, and the WAL syncs (fsyncs) per visit;
#   - WAL per visit by relation (table or index), from pg_walinspect over the window's WAL;
#   - with PP_PERF=1 and `perf` installed: the machine's CPU samples over PP_PERF_SECONDS by
#     process (PostgreSQL, the service, the load generator, the rest), from `perf record -a`.
# pg_stat_statements costs some time of its own, so rates here are lower than in visit-cost.sh;
# compare the shares, not the rates. Bounded: about 3 minutes.
#
#   scripts/pg-profile.sh                        the current build (target/gongji.jar, built when stale)
#   PP_JAR=/tmp/old.jar scripts/pg-profile.sh    another build
# Environment: PP_JAR, PP_CLIENTS (16), PP_WARMUP (70 s after the population is ready), PP_WINDOW
#   (20 s), PP_PERSONS (5000), PP_TOP (30 statements), PP_PERF (0), PP_PERF_SECONDS (12),
#   PP_HTTP_PORT (18385), PP_PG_PORT (15737), PP_KEEP=1 keeps the scratch dir.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

CLIENTS=${PP_CLIENTS:-16}
WARMUP=${PP_WARMUP:-70}
WINDOW=${PP_WINDOW:-20}
PERSONS=${PP_PERSONS:-5000}
TOP=${PP_TOP:-30}
PERF=${PP_PERF:-0}
PERF_SECONDS=${PP_PERF_SECONDS:-12}
HTTP_PORT=${PP_HTTP_PORT:-18385}
PG_PORT=${PP_PG_PORT:-15737}

SCRIPT=pg-profile
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

require_python3_and_curl
require_positive_numbers "$CLIENTS" "$WARMUP" "$WINDOW" "$PERSONS" "$TOP" "$PERF_SECONDS"
require_free_ports "PP_HTTP_PORT / PP_PG_PORT" "$HTTP_PORT" "$PG_PORT"
command -v psql >/dev/null || die "psql is needed (Debian: apt-get install postgresql-client)"
if [ "$PERF" = 1 ]; then command -v perf >/dev/null || die "PP_PERF=1 needs perf (Debian: apt-get install linux-perf)"; fi

say "machine"
machine_info
say "building (when stale)"
build_when_stale
JAR=${PP_JAR:-target/gongji.jar}
[ -f "$JAR" ] || die "no such jar: $JAR"
JAVA="$(./gongji java-home)/bin/java"

start_scratch pg-profile "${PP_KEEP:-0}"

say "service ($JAR) with pg_stat_statements"
# shellcheck disable=SC2086
"$JAVA" ${GONGJI_JAVA_OPTS:--Xmx768m -Xmn200m -XX:+UseG1GC} -jar "$JAR" \
  --server.port="$HTTP_PORT" --gongji.data-dir="$DATA" --gongji.admin-token="$TOKEN" \
  --gongji.embedded.port="$PG_PORT" --gongji.settlement.max-backdate=P366D \
  "--gongji.embedded.server-config=shared_preload_libraries=pg_stat_statements;pg_stat_statements.track=all;track_wal_io_timing=on" \
  >"$WORK/service.log" 2>&1 &
SERVER_PID=$!
wait_until_ready "$SERVER_PID" "$HTTP_PORT" "$WORK/service.log"
pg() { psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
pg -c 'create extension if not exists pg_stat_statements; create extension if not exists pg_walinspect' >/dev/null

say "visit flow, $CLIENTS clients; window of ${WINDOW} s after ${WARMUP} s of warm-up"
echo "\$ ./gongji simulate --persons $PERSONS --institutions 16 --lines 5-5 --flow visit --hot-persons 0 --clients $CLIENTS --duration $((WARMUP + WINDOW + PERF_SECONDS + 15))s --seed 42"
./gongji simulate --url "http://127.0.0.1:$HTTP_PORT" --admin-token "$TOKEN" --seed 42 --persons "$PERSONS" \
  --institutions 16 --lines 5-5 --flow visit --hot-persons 0 --clients "$CLIENTS" \
  --duration "$((WARMUP + WINDOW + PERF_SECONDS + 15))s" --verify false --out "$WORK/sim.json" >"$WORK/sim.log" 2>&1 &
GEN_PID=$!
for _ in $(seq 1 600); do
  grep -q "population ready" "$WORK/sim.log" && break
  kill -0 "$GEN_PID" 2>/dev/null || { tail -20 "$WORK/sim.log" >&2; die "the generator exited before its population was ready"; }
  sleep 0.2
done
sleep "$WARMUP"
visits() { grep -a 'visits  ' "$WORK/sim.log" | tail -1 | awk '{print $4}' | tr -d ,; }
pg -c 'select pg_stat_statements_reset(); select pg_stat_reset_shared($$wal$$); select pg_stat_reset_shared($$io$$)' >/dev/null
V0=$(visits)
L0=$(pg -A -t -c 'select pg_current_wal_lsn()')
sleep "$WINDOW"
V1=$(visits)
L1=$(pg -A -t -c 'select pg_current_wal_lsn()')
N=$((V1 - V0))
[ "$N" -gt 0 ] || die "no visit completed in the window"
echo "$N visits in the window of $WINDOW s ($((N / WINDOW))/s)"

say "statements by total execution time (per visit: calls, ms, WAL records; nested = inside a PL/pgSQL function)"
pg -P pager=off -P footer=off -c "
  select round(calls::numeric / $N, 2) as calls_per_visit,
         round((total_exec_time / $N)::numeric, 3) as ms_per_visit,
         round((total_exec_time / greatest(calls, 1))::numeric, 3) as ms_per_call,
         round(wal_records::numeric / $N, 1) as wal_records_per_visit,
         case when toplevel then '' else 'nested' end as level,
         left(regexp_replace(query, '\s+', ' ', 'g'), 110) as statement
  from pg_stat_statements where calls > 0
  order by total_exec_time desc limit $TOP"

say "WAL per visit"
pg -P pager=off -P footer=off -c "
  select round(wal_records::numeric / $N, 1) as records, round(wal_bytes::numeric / $N) as bytes,
         round(wal_fpi::numeric / $N, 2) as full_page_images, round(wal_sync::numeric / $N, 2) as syncs,
         round((wal_sync_time / greatest(wal_sync, 1))::numeric, 3) as ms_per_sync
  from pg_stat_wal"

say "WAL per visit by relation (pg_walinspect over the window; a row lock is a FOR UPDATE or a foreign key's check)"
pg -P pager=off -P footer=off -c "
  with r as (select record_length, resource_manager || '/' || record_type as kind,
                    (regexp_match(block_ref, 'rel \\d+/\\d+/(\\d+)'))[1]::oid as relfile
             from pg_get_wal_records_info('$L0', '$L1'))
  select coalesce(c.relname, '(no relation: commits, ...)') as relation, round(count(*)::numeric / $N, 2) as records,
         round(sum(record_length)::numeric / $N) as bytes,
         round((count(*) filter (where kind = 'Heap/LOCK'))::numeric / $N, 2) as of_them_row_locks
  from r left join pg_class c on c.relfilenode = r.relfile
  group by 1 order by 3 desc limit 20"

say "buffer writes and evictions per visit, by process kind (pg_stat_io; a backend that evicts a dirty page first flushes the WAL up to it)"
pg -P pager=off -P footer=off -c "
  select backend_type, object, context, round(sum(evictions)::numeric / $N, 3) as evictions,
         round(sum(writes)::numeric / $N, 3) as writes, round(sum(fsyncs)::numeric / $N, 3) as fsyncs
  from pg_stat_io where coalesce(evictions, 0) + coalesce(writes, 0) + coalesce(fsyncs, 0) > 0
  group by 1, 2, 3 order by 1, 2, 3"
pg -A -t -c "select 'database size at the end of the window: ' || pg_size_pretty(pg_database_size('postgres'))
             || ', shared_buffers ' || current_setting('shared_buffers')"

if [ "$PERF" = 1 ]; then
  say "CPU samples of the whole machine over $PERF_SECONDS s, by process"
  perf record -a -F 499 -o "$WORK/perf.data" -- sleep "$PERF_SECONDS" >/dev/null 2>&1 || die "perf record failed"
  perf report -i "$WORK/perf.data" --no-children --sort pid -g none --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' \
    | python3 -c '
import re, sys
service, generator = sys.argv[1], sys.argv[2]
share = {"PostgreSQL": 0.0, "the service": 0.0, "the load generator": 0.0, "the rest (kernel threads, idle)": 0.0}
for line in sys.stdin:
    m = re.match(r"\s*([\d.]+)%\s+(\d+):", line)
    if not m:
        continue
    pct, tid = float(m.group(1)), m.group(2)
    pid, cmd = tid, ""
    try:   # perf names threads: their process is the Tgid
        pid = re.search(r"^Tgid:\s*(\d+)", open(f"/proc/{tid}/status").read(), re.M).group(1)
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except (OSError, AttributeError):
        pass
    if pid == service:
        share["the service"] += pct
    elif pid == generator:
        share["the load generator"] += pct
    elif "postgres" in cmd:
        share["PostgreSQL"] += pct
    else:
        share["the rest (kernel threads, idle)"] += pct
for k, v in share.items():
    print(f"{v:6.1f} %  {k}")
' "$SERVER_PID" "$GEN_PID"
fi
wait "$GEN_PID" || { tail -20 "$WORK/sim.log" >&2; die "the generator failed"; }
GEN_PID=""
