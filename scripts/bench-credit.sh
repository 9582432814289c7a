#!/usr/bin/env bash
# Benchmark of the monthly personal-account credit on the embedded store (docs/performance.md).
#   scripts/bench-credit.sh [persons=100000] [month=2026-11]
# Seeds the persons into a scratch data directory (removed afterwards; KEEP=1 keeps it), credits
# the month twice and prints the timings. Not a test: numbers go to docs/performance.md.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
export JAVA_HOME="$("$(dirname "$0")/../gongji" java-home)"  # the launcher picks a JDK >= 21
persons="${1:-100000}"
month="${2:-2026-11}"

./mvnw -q -B -Pbench -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
  -Dmdep.includeScope=runtime >&2
cp="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
"$JAVA_HOME/bin/javac" -q -release 21 -d target/bench-classes -cp "$cp" $(find src/bench/java -name '*.java') 2>/dev/null \
  || "$JAVA_HOME/bin/javac" --release 21 -d target/bench-classes -cp "$cp" $(find src/bench/java -name '*.java')

data="$(mktemp -d /tmp/gongji-bench-XXXXXX)"
trap '[ "${KEEP:-0}" = 1 ] || rm -rf "$data"' EXIT
echo "data dir $data, $persons persons, month $month, $(nproc) cores" >&2
"$JAVA_HOME/bin/java" -Xmx1g -cp "target/bench-classes:$cp" cn.gongji.bench.CreditRunBench "$data" "$persons" "$month"
