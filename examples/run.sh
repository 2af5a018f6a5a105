#!/usr/bin/env bash
# Builds the examples and runs one: examples/run.sh CheckpointWatch [data-dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
name="${1:?usage: examples/run.sh <Example> [args...]   (examples: CheckpointWatch, CrashReplay)}"
shift
(cd "$repo" && ./mvnw -q -B -pl examples -am package -DskipTests -Dspotless.check.skip=true -P '!install-mongosh')
exec java -cp "$repo/examples/target/classes:$(cat "$repo/examples/target/classpath.txt")" "io.wrongodb.examples.$name" "$@"
