# Sourced by the launcher (./gongji, its start-up cache recording) and by scripts/bench-lib.sh: not run.

# stops the service process $1 (TERM, then KILL after 30 s), then the embedded postmaster of data dir $2
# that a service killed hard leaves behind (exactly that one, by its pid file)
stop_service_and_store() {
  local pid=$1 data=$2
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  if [ -n "$data" ] && [ -f "$data/pg/postmaster.pid" ]; then
    local pm; pm=$(head -1 "$data/pg/postmaster.pid")
    if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then kill "$pm" 2>/dev/null || true; sleep 2; fi
  fi
}
