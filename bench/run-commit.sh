#!/usr/bin/env bash
# Builds the bench module and runs the durable-commit benchmarks in one run: SYNC commits per second of WrongoDB
# and of RocksDB (sync=true) at 1, 16 and 64 threads, the machine's own fsync rate, and WrongoDB's recovery time
# per 100 MB of write-ahead log (a child JVM killed with SIGKILL, then Connection.open timed). Writes JMH's JSON to
# bench/target/jmh-commit/ and the results table (with the issue's targets) to docs/benchmarks.md. Takes about
# 5 minutes on 2 cores.
#
# Usage, from anywhere:
#   [THREADS="..."] [ROUNDS=N] [RECOVERY_MB=N] [BENCH_NOTE="..."] bench/run-commit.sh [extra JMH options]
#   e.g. a quick smoke run: THREADS="1 4" ROUNDS=1 RECOVERY_MB=10 bench/run-commit.sh -wi 0 -i 1 -r 1
# fsync-bound figures swing with whatever else uses the disk, so the run goes in ROUNDS (default 2): each round
# measures the fsync rate, then both engines at each thread count, and the report pools the rounds.
# A partial run (extra options, THREADS, ROUNDS or RECOVERY_MB) writes its report to bench/target/commit-report.md
# instead, so it never replaces the full results in docs/benchmarks.md. BENCH_NOTE is printed in the report as is
# (say what else the machine was doing).
# Data goes to $WRONGODB_BENCH_DIR (default bench/target/bench-data): about 250 MB at most.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
jar=bench/target/benchmarks.jar
results=bench/target/jmh-commit
export WRONGODB_BENCH_DIR="${WRONGODB_BENCH_DIR:-$root/bench/target/bench-data}"
export WRONGODB_BENCH_RESULTS="$root/$results"
partial=${THREADS+x}${ROUNDS+x}${RECOVERY_MB+x}
threads=${THREADS:-1 16 64}
rounds=${ROUNDS:-2}
recovery_mb=${RECOVERY_MB:-100}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
start=$(date +%s)

./mvnw -q -B -pl bench -am package -DskipTests -Dspotless.check.skip=true -P 'bench-jar,!install-mongosh'
built=$(date +%s)

rm -rf "$WRONGODB_BENCH_DIR" "$results"
mkdir -p "$results"

# The 1-minute load average every 5 s while the benchmarks run, to show how much else shared the cores.
(while true; do cut -d' ' -f1 /proc/loadavg 2>/dev/null || true; sleep 5; done) >"$results/loadavg.txt" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null || true' EXIT

# Each round: the machine's fsync rate, then each thread count (both engines, one fork each). Then recovery.
for round in $(seq 1 "$rounds"); do
  java -jar "$jar" 'io\.wrongodb\.bench\.FsyncRate\.' -rf json -rff "$results/fsync-r$round.json" "$@"
  for t in $threads; do
    java -jar "$jar" 'io\.wrongodb\.bench\.SyncCommit\.' -t "$t" \
      -rf json -rff "$results/commit-$t-r$round.json" "$@"
  done
done
java -Xms2g -Xmx2g -cp "$jar" io.wrongodb.bench.RecoveryTime "$recovery_mb"
rm -rf "$WRONGODB_BENCH_DIR"

finished=$(date +%s)
kill "$sampler" 2>/dev/null || true
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
load_during=$(awk '{ s += $1; if ($1 > m) m = $1; n++ } END { if (n) printf "mean %.2f, max %.2f (%d samples)", s / n, m, n; else print "?" }' "$results/loadavg.txt")

command="bench/run-commit.sh"
report=docs/benchmarks.md
if [ $# -gt 0 ] || [ -n "$partial" ]; then
  command="${THREADS+THREADS=\"$THREADS\" }${ROUNDS+ROUNDS=$ROUNDS }${RECOVERY_MB+RECOVERY_MB=$RECOVERY_MB }$command $*"
  report=bench/target/commit-report.md
fi
note_args=()
if [ -n "${BENCH_NOTE:-}" ]; then
  note_args=(--note "$BENCH_NOTE")
fi
java -cp "$jar" io.wrongodb.bench.CommitReport "$report" "$results"/*.json \
  --results "$results" \
  --command "$command" \
  --build-seconds $((built - start)) \
  --bench-seconds $((finished - built)) \
  --load-before "$load_before" \
  --load-during "$load_during" \
  --load-after "$load_after" \
  "${note_args[@]}"
