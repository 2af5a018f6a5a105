#!/usr/bin/env bash
# Builds the bench module and runs the storage-engine benchmarks: WrongoDB's engine against LMDB, RocksDB and
# H2 MVStore, in one run. Writes JMH's JSON results to bench/target/jmh-storage/ and the results table (with
# WrongoDB's ratios and the issue's targets) to docs/benchmarks.md. Takes about 11 minutes on 2 cores.
#
# Usage, from anywhere:  [ENGINES="..."] [VALUE_SIZES="..."] bench/run-storage.sh [extra JMH options]
#   e.g. a quick smoke run: bench/run-storage.sh -p records=20000 -wi 0 -i 1 -r 1
#        two engines only:  ENGINES="wrongodb lmdb" bench/run-storage.sh
# A partial run (extra options, ENGINES or VALUE_SIZES) writes its report to bench/target/storage-report.md
# instead, so it never replaces the full results in docs/benchmarks.md.
# Data sets go to $WRONGODB_BENCH_DIR (default bench/target/bench-data): at most about 25 GB at a time.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
jar=bench/target/benchmarks.jar
results=bench/target/jmh-storage
export WRONGODB_BENCH_DIR="${WRONGODB_BENCH_DIR:-$root/bench/target/bench-data}"
partial=${ENGINES+x}${VALUE_SIZES+x}
engines=${ENGINES:-wrongodb lmdb rocksdb mvstore}
value_sizes=${VALUE_SIZES:-100 1000}

load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
start=$(date +%s)

./mvnw -q -B -pl bench -am package -DskipTests -Dspotless.check.skip=true -P 'bench-jar,!install-mongosh'
built=$(date +%s)

rm -rf "$WRONGODB_BENCH_DIR" "$results"
mkdir -p "$results"
# One engine and value size at a time: its loads, whose last one is kept as the data set, then its reads of that
# data set, which is then deleted. Data sets never pile up, so none is pushed out of the OS page cache by the next.
for size in $value_sizes; do
  for engine in $engines; do
    java -jar "$jar" 'io\.wrongodb\.bench\.StorageLoad\.' -p engine="$engine" -p valueSize="$size" \
      -rf json -rff "$results/load-$engine-$size.json" "$@"
    java -jar "$jar" 'io\.wrongodb\.bench\.StorageRead\.' -p engine="$engine" -p valueSize="$size" \
      -rf json -rff "$results/read-$engine-$size.json" "$@"
    rm -rf "$WRONGODB_BENCH_DIR"
  done
done

finished=$(date +%s)
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

command="bench/run-storage.sh"
report=docs/benchmarks.md
if [ $# -gt 0 ] || [ -n "$partial" ]; then
  command="${ENGINES+ENGINES=\"$ENGINES\" }${VALUE_SIZES+VALUE_SIZES=\"$VALUE_SIZES\" }$command $*"
  report=bench/target/storage-report.md
fi
java -cp "$jar" io.wrongodb.bench.StorageReport "$report" "$results"/*.json \
  --command "$command" \
  --build-seconds $((built - start)) \
  --bench-seconds $((finished - built)) \
  --load-before "$load_before" \
  --load-after "$load_after"
