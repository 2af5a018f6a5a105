#!/usr/bin/env bash
# Runs a local WrongoDB replica pair from this checkout:
#   primary    wire 27017, HTTP 8080, data in $WRONGODB_DATA_DIR/primary
#   secondary  wire 27018, HTTP 8081, data in $WRONGODB_DATA_DIR/secondary (sync source: the primary)
#
# Usage: deploy/local-pair.sh [start] [--background] [--no-build]
#        deploy/local-pair.sh stop | status
# In the foreground (the default) Ctrl-C stops both nodes. Needs only Java 17: the Maven wrapper fetches the rest.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
data="${WRONGODB_DATA_DIR:-$repo/data}"
primary_port=27017 primary_http=8080
secondary_port=27018 secondary_http=8081

action=start background=false build=true
for arg in "$@"; do
  case "$arg" in
    start|stop|status) action="$arg" ;;
    --background|-d) background=true ;;
    --no-build) build=false ;;
    *) echo "unknown argument: $arg (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done

# Asks a node's readiness endpoint over bash's /dev/tcp, so no curl is needed.
ready() {
  local port="$1" response
  response="$( (exec 3<>"/dev/tcp/127.0.0.1/$port" \
      && printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && cat <&3) 2>/dev/null)" || return 1
  [[ "$response" == *'"status": "UP"'* ]]
}

running() { [[ -f "$data/$1.pid" ]] && kill -0 "$(cat "$data/$1.pid")" 2>/dev/null; }

stop_node() {
  local name="$1"
  if running "$name"; then
    kill "$(cat "$data/$name.pid")" 2>/dev/null || true
    for _ in $(seq 1 100); do running "$name" || break; sleep 0.1; done
    echo "stopped $name"
  fi
  rm -f "$data/$name.pid"
}

start_node() {
  local name="$1" port="$2" http="$3"; shift 3
  mkdir -p "$data/$name"
  env WRONGODB_PORT="$port" QUARKUS_HTTP_PORT="$http" WRONGODB_DB_PATH="$data/$name" \
      WRONGODB_NODE_NAME="localhost:$port" "$@" \
      java -jar "$repo/$name-node/target/quarkus-app/quarkus-run.jar" >"$data/$name.log" 2>&1 &
  echo $! >"$data/$name.pid"
}

case "$action" in
  stop) stop_node secondary; stop_node primary; exit 0 ;;
  status)
    for name in primary secondary; do
      if running "$name"; then echo "$name: running (pid $(cat "$data/$name.pid"))"; else echo "$name: stopped"; fi
    done
    exit 0 ;;
esac

for name in primary secondary; do
  if running "$name"; then echo "$name is already running (pid $(cat "$data/$name.pid")); run: $0 stop" >&2; exit 1; fi
done
if $build; then
  echo "building the nodes (./mvnw package, tests skipped)..."
  (cd "$repo" && ./mvnw -q -B package -DskipTests -Dspotless.check.skip=true -pl primary-node,secondary-node -am)
fi

mkdir -p "$data"
start_node primary "$primary_port" "$primary_http"
start_node secondary "$secondary_port" "$secondary_http" WRONGODB_SYNC_SOURCE="localhost:$primary_port"

for _ in $(seq 1 300); do
  if ready "$primary_http" && ready "$secondary_http"; then break; fi
  for name in primary secondary; do
    if ! running "$name"; then
      echo "the $name failed to start; its log ($data/$name.log) ends with:" >&2
      tail -n 20 "$data/$name.log" >&2
      stop_node primary; stop_node secondary; exit 1
    fi
  done
  sleep 0.2
done
if ! ready "$primary_http" || ! ready "$secondary_http"; then
  echo "the nodes did not become ready within 60 s; see $data/*.log" >&2
  stop_node primary; stop_node secondary; exit 1
fi

cat <<MSG
WrongoDB pair is up (replica set rs0):
  primary    mongodb://localhost:$primary_port    health http://localhost:$primary_http/q/health   metrics /q/metrics
  secondary  mongodb://localhost:$secondary_port    health http://localhost:$secondary_http/q/health
Connect with mongosh:
  mongosh mongodb://localhost:$primary_port
  (no mongosh installed? (cd tests/mongosh && npm ci) then tests/mongosh/node_modules/.bin/mongosh)
Data and logs: $data
MSG

if $background; then
  echo "Running in the background; stop with: $0 stop"
  exit 0
fi
echo "Ctrl-C stops both nodes."
trap 'echo; stop_node secondary; stop_node primary; exit 0' INT TERM
wait
