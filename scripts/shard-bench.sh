#!/usr/bin/env bash
# 2207 throughput of the sharded deployment on N local PostgreSQL nodes (docs/scale-out.md, "Measured:
# one node against two"). Builds the service with -Psharding into target/sharded/, starts N clusters
# from the embedded PostgreSQL 17 binaries (ports 15901..), the service on them, then the settle flow
# with uniformly drawn persons; stops everything. Bounded: a few minutes.
#   scripts/shard-bench.sh 1      ShardingSphere over one node
#   scripts/shard-bench.sh 2      over two nodes
# Environment: SHARD_SECONDS (15), SHARD_PREPARE (18000), SHARD_CLIENTS (16), SHARD_HTTP_PORT (18481).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
N=${1:?usage: scripts/shard-bench.sh NODES}
SECS=${SHARD_SECONDS:-15}; PREP=${SHARD_PREPARE:-18000}; CLIENTS=${SHARD_CLIENTS:-16}; PORT=${SHARD_HTTP_PORT:-18481}
JAVA_HOME="$(./gongji java-home)"; export JAVA_HOME
BIN=$(ls -d /tmp/embedded-pg/PG-*/bin 2>/dev/null | head -1 || true)
[ -n "$BIN" ] || { echo "shard-bench: no embedded PostgreSQL binaries yet: run ./gongji run (or any test) once" >&2; exit 2; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
echo "== building the sharded service (target/sharded/gongji.jar), then the usual jar again"
./mvnw -q -B -Psharding -DskipTests package
mkdir -p target/sharded; JAR=target/sharded/gongji.jar; cp target/gongji.jar "$JAR"
./mvnw -q -B -DskipTests package
W=$(mktemp -d /tmp/gongji-shard.XXXXXX); chmod 755 "$W"; urls=""
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  for k in $(seq 1 "$N"); do [ -d "$W/n$k" ] && as_pg "$BIN/pg_ctl" -D "$W/n$k" stop -m fast >/dev/null 2>&1 || true; done
  rm -rf "$W"
}
trap cleanup EXIT
for k in $(seq 1 "$N"); do
  port=$((15900 + k)); d="$W/n$k"; mkdir -p "$d"
  [ "$(id -u)" = 0 ] && chown postgres "$d"
  as_pg "$BIN/initdb" -U postgres -A trust -D "$d" >/dev/null
  as_pg "$BIN/pg_ctl" -D "$d" -l "$d.log" -o "-p $port -c synchronous_commit=on -c fsync=on -c max_connections=200 \
    -c shared_buffers=$((256 / N))MB -c max_wal_size=4GB -c checkpoint_timeout=15min -c autovacuum_naptime=5s" start >/dev/null
  urls="$urls${urls:+,}jdbc:postgresql://127.0.0.1:$port/postgres"
done
echo "== $N node(s): $urls"
"$JAVA_HOME/bin/java" -Xmx768m -Xmn200m -XX:+UseG1GC -jar "$JAR" --server.port="$PORT" --gongji.sharding.nodes="$urls" \
  --gongji.sharding.username=postgres --gongji.pii.key="$(head -c 32 /dev/urandom | base64)" --gongji.admin-token=T \
  --gongji.settlement.max-backdate=P366D --gongji.data-dir="$W/data" >"$W/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 400); do curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q UP && break; sleep 0.5; done
./gongji simulate --url "http://127.0.0.1:$PORT" --admin-token T --flow settle --hot-persons 0 --clients "$CLIENTS" \
  --duration "${SECS}s" --prepare "$PREP" --persons 3000 --lines 5-5 --seed 42 --out "$W/sim.json" >"$W/sim.log" 2>&1 \
  || { tail -30 "$W/sim.log" >&2; exit 1; }
sed -n '/^== /,$p' "$W/sim.log"
