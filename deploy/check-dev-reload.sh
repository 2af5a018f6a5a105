#!/usr/bin/env bash
# Checks Quarkus dev mode hot reload of a command class, in a scratch copy of this checkout:
#   1. starts `./mvnw -pl primary-node -am quarkus:dev` on spare ports,
#   2. pings it with mongosh,
#   3. edits PingCommand to add a field, and triggers the reload with one HTTP request (the wire server is not
#      HTTP, so, as in any non-HTTP Quarkus app, a request or the `s` key triggers it),
#   4. pings again on the same port: the new field proves the new class answers, and the same port proves the
#      old wire server released it on shutdown.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
mongosh="$repo/tests/mongosh/node_modules/.bin/mongosh"
scratch="$(mktemp -d)"
wire_port=27117 http_port=8180
export HOME="$scratch"

(cd "$repo" && git ls-files --cached --others --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$scratch"
cd "$scratch"
./mvnw -q -B install -DskipTests -Dspotless.check.skip=true -P '!install-mongosh'

./mvnw -B -pl primary-node -am quarkus:dev -P '!install-mongosh' -Ddebug=false -Dquarkus.console.enabled=false \
    -Dwrongodb.port=$wire_port -Dquarkus.http.port=$http_port -Dwrongodb.db-path="$scratch/data" \
    >"$scratch/dev.log" 2>&1 </dev/null &
dev_pid=$!
cleanup() { kill "$dev_pid" 2>/dev/null || true; wait "$dev_pid" 2>/dev/null || true; rm -rf "$scratch"; }
trap cleanup EXIT

http_get() { (exec 3<>"/dev/tcp/127.0.0.1/$http_port" && printf 'GET %s HTTP/1.0\r\n\r\n' "$1" >&3 && cat <&3) 2>/dev/null; }
ping() { "$mongosh" --quiet "mongodb://localhost:$wire_port/?directConnection=true" --eval 'JSON.stringify(db.runCommand({ping:1}))'; }

for _ in $(seq 1 600); do
  http_get /q/health/ready | grep -q '"status": "UP"' && break
  kill -0 "$dev_pid" 2>/dev/null || { tail -40 "$scratch/dev.log"; echo "FAIL: dev mode exited" >&2; exit 1; }
  sleep 0.2
done
before="$(ping)"
echo "before the edit: $before"
[[ "$before" == '{"ok":1}' ]] || { echo "FAIL: unexpected first ping: $before" >&2; exit 1; }

ping_class=storage-lib/src/main/java/io/wrongodb/command/PingCommand.java
sed -i 's|return new BsonDocument();|return new BsonDocument("reloaded", new org.bson.BsonBoolean(true));|' "$ping_class"
grep -q reloaded "$ping_class" || { echo "FAIL: could not edit $ping_class" >&2; exit 1; }
http_get /q/health/live >/dev/null || true

after=""
for _ in $(seq 1 150); do
  after="$(ping 2>/dev/null || true)"
  [[ "$after" == *reloaded* ]] && break
  http_get /q/health/live >/dev/null || true
  sleep 0.2
done
echo "after the edit:  $after"
[[ "$after" == '{"reloaded":true,"ok":1}' ]] || { tail -40 "$scratch/dev.log"; echo "FAIL: the edit did not reach the running node" >&2; exit 1; }
echo "dev-reload: 1 passed, 0 failed"
