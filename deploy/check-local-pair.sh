#!/usr/bin/env bash
# Checks the README's run command end to end: starts the pair in the background, talks to both nodes with
# mongosh (installed by `npm ci` in tests/mongosh), and stops them. Used by .ci/run.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
mongosh="$repo/tests/mongosh/node_modules/.bin/mongosh"
export WRONGODB_DATA_DIR="$(mktemp -d)"
export HOME="$WRONGODB_DATA_DIR"   # mongosh keeps its history and logs under HOME
trap '"$repo/deploy/local-pair.sh" stop >/dev/null; rm -rf "$WRONGODB_DATA_DIR"' EXIT

"$repo/deploy/local-pair.sh" start --background

ping="$("$mongosh" --quiet mongodb://localhost:27017 --eval 'db.runCommand({ping:1})')"
echo "primary ping: $ping"
[[ "$ping" == *"ok: 1"* ]] || { echo "FAIL: ping did not print ok: 1" >&2; exit 1; }

"$mongosh" --quiet mongodb://localhost:27017 --eval 'show dbs' --eval 'print("show dbs: done")' | grep -q 'show dbs: done' \
  || { echo "FAIL: show dbs" >&2; exit 1; }

role="$("$mongosh" --quiet 'mongodb://localhost:27018/?directConnection=true' --eval 'db.hello().secondary')"
[[ "$role" == "true" ]] || { echo "FAIL: the node on 27018 is not a secondary (hello.secondary=$role)" >&2; exit 1; }

primary="$("$mongosh" --quiet 'mongodb://localhost:27018/?directConnection=true' --eval 'db.hello().primary')"
[[ "$primary" == "localhost:27017" ]] || { echo "FAIL: the secondary names $primary as primary" >&2; exit 1; }

echo "local-pair: 4 passed, 0 failed"
