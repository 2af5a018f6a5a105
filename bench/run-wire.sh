#!/usr/bin/env bash
# Over-the-wire benchmark: WrongoDB against mongo-java-server 1.47.0 (memory and H2 backends), driven by the
# official Java driver in the same run. Per server: DOCS inserts of 1 KB documents, then SECONDS_PER_READ of point reads by
# _id and SECONDS_PER_READ of 10-document range queries on an indexed field, with THREADS client threads; ROUNDS rounds, the
# report takes the median. Writes its section of docs/benchmarks.md (a partial run, with any variable set, writes
# bench/target/wire-report.md instead). About 4 minutes with the defaults on 2 cores.
#
# Usage: [DOCS=N] [SECONDS_PER_READ=N] [THREADS=N] [ROUNDS=N] [BENCH_NOTE="..."] bench/run-wire.sh
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
partial=${DOCS+x}${SECONDS_PER_READ+x}${THREADS+x}${ROUNDS+x}
docs=${DOCS:-20000}
seconds=${SECONDS_PER_READ:-15}
threads=${THREADS:-4}
rounds=${ROUNDS:-3}
data="${WRONGODB_BENCH_DIR:-$root/bench/target/wire-data}"

./mvnw -q -B -pl bench -am package -DskipTests -Dspotless.check.skip=true -P 'bench-jar,!install-mongosh'
rm -rf "$data"

report=docs/benchmarks.md
command="bench/run-wire.sh"
if [ -n "$partial" ]; then
  report=bench/target/wire-report.md
  command="DOCS=$docs SECONDS_PER_READ=$seconds THREADS=$threads ROUNDS=$rounds bench/run-wire.sh"
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
java -Xms1g -Xmx4g -cp bench/target/benchmarks.jar io.wrongodb.bench.wire.WireBench \
  "$report" "$data" "$docs" "$seconds" "$threads" "$rounds" \
  --command "$command" --note "${BENCH_NOTE:-load average before the run: $load_before}"
rm -rf "$data"
echo "report written to $report"
