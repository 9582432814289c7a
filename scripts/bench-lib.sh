# Shared by the benchmark scripts (reference-run.sh, scaling-curve.sh, visit-cost.sh, pg-profile.sh): sourced, not run.
# The caller sets SCRIPT (its name, for messages) before sourcing.

say() { printf '\n== %s\n' "$*"; }
die() { echo "${SCRIPT:-bench}: $*" >&2; exit 2; }

# refuses ports something already listens on; $1 = the variables that move them (for the message)
require_free_ports() {
  local hint=$1; shift
  local p
  for p in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "port $p is in use (set $hint)"; fi
  done
}

machine_info() {
  echo "cores: $(nproc); memory: $(free -h | awk '/^Mem:/{print $2}'); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# the load generator and the service jar, built when a source is newer than the jar
build_when_stale() {
  ./gongji simulate --help >/dev/null 2>&1 || die "load generator build failed (try ./gongji simulate --help)"
  # the jar, extracted, with its start-up cache (so that a measured start does not record it)
  ./gongji build >&2 || die "build failed"
}

# stop_service_and_store PID DATA_DIR: shared with the launcher
# shellcheck source=scripts/stop-service.sh
. scripts/stop-service.sh

# at exit: keeps the scratch dir $2 when $3 = 1 or the run failed ($1 = its exit code), else removes it
keep_or_remove_work() {
  local rc=$1 work=$2 keep=$3
  if [ "$keep" = 1 ] || [ "$rc" -ne 0 ]; then
    echo "${SCRIPT:-bench}: scratch dir kept: $work" >&2
  else
    rm -rf "$work"
  fi
}

# dies unless every argument is a positive whole number (the scripts' numeric settings)
require_positive_numbers() {
  local n
  for n in "$@"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "not a positive whole number: '$n'"
  done
}

# waits up to 60 s for the service $1 on port $2 to answer readiness UP; dies (showing its log $3)
# when it exits first or is not ready in time
wait_until_ready() {
  local pid=$1 port=$2 log=$3
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$log" >&2; die "the service exited while starting"; }
    if curl -fs "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then return 0; fi
    sleep 0.25
  done
  die "the service was not ready within 60 s (log: $log)"
}

# dies unless python3 (the scripts read the generator's JSON with it) and curl (readiness) are installed
require_python3_and_curl() {
  command -v python3 >/dev/null || die "python3 not found (reads the generator's JSON): apt-get install -y python3"
  command -v curl >/dev/null || die "curl not found: apt-get install -y curl"
}

# start_scratch NAME KEEP: the scratch dir of a run that starts its own service and load generator.
# Sets WORK (/tmp/gongji-NAME.*), DATA, TOKEN, SERVER_PID and GEN_PID (the caller fills the pids);
# at exit the generator, the service and its store are stopped and the dir is removed (kept when
# the run failed or KEEP is 1).
start_scratch() {
  WORK=$(mktemp -d "/tmp/gongji-$1.XXXXXX")
  DATA="$WORK/data"
  TOKEN=$1-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  SERVER_PID=""
  GEN_PID=""
  SCRATCH_KEEP=$2
  trap scratch_cleanup EXIT
  trap 'exit 130' INT TERM
}

scratch_cleanup() {
  local rc=$?
  [ -n "$GEN_PID" ] && kill "$GEN_PID" 2>/dev/null || true
  stop_service_and_store "$SERVER_PID" "$DATA"
  keep_or_remove_work "$rc" "$WORK" "$SCRATCH_KEEP"
  exit $rc
}
