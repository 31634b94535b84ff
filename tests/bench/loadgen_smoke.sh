#!/usr/bin/env bash
# A tiny run of every load generator scenario against a real hearthd, so the benchmark tools
# cannot rot. Not a measurement: the benchmark suite measures.
# usage: loadgen_smoke.sh HEARTHD HEARTH_LOADGEN
set -euo pipefail
hearthd=$1
loadgen=$2
dir=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$dir"
}
trap cleanup EXIT

# start NAME [hearthd flags]: a hearthd on a fresh data dir; sets $server, $port and $out.
start() {
  local name=$1
  shift
  out="$dir/$name.out"
  "$hearthd" --listen 127.0.0.1:0 --data-dir "$dir/$name" --demo-rooms --log-level warn \
    --requests-per-second 100000 --max-connections-per-account 1000 \
    --registrations-per-address-per-hour 0 "$@" > "$out" 2>&1 &
  server=$!
  servers+=("$server")
  port=
  for _ in $(seq 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$out" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "hearthd did not start"
  cat "$out"
  exit 1
}

run() {
  local result
  result=$("$loadgen" --port "$port" --server-pid "$server" --time-limit 60 "$@")
  echo "$result"
  grep -q '"error":""' <<<"$result"
}

start main
run --scenario fanout --receivers 5 --senders 2 --messages 50 --window 8 | grep -q '"delivered":500,'
run --scenario latency --receivers 5 --senders 2 --rate 200 --seconds 1 | grep -q '"lost":0,"duplicated":0,"reordered":0'
run --scenario idle --connections 50 --seconds 1 --sources 2 | grep -q '"connections":50,'
invite=$(grep -o -- '--invite [0-9A-Z-]*' "$out" | head -1 | cut -d' ' -f2)
run --scenario ingest --rooms 4 --messages 50 --window 8 --admin-invite "$invite" | grep -q '"stored":200,'
run --scenario login-storm --receivers 5 --senders 2 --rate 200 --seconds 2 --logins 4 | grep -q '"logins":[1-9]'

# The slow reader needs a cap it can pass in two seconds: its own hearthd. At this size the p99
# ratio is noise (and fails the run's "error"), so only the cut and the deliveries are checked.
start slow --max-outbound-bytes 1048576
result=$("$loadgen" --port "$port" --server-pid "$server" --time-limit 60 --scenario slow-consumer \
  --receivers 3 --senders 2 --rate 1500 --seconds 2 --bytes 3000 --slow-cap-bytes 1048576 || true)
echo "$result"
grep -q '"lost":0,"duplicated":0,"reordered":0' <<<"$result"
grep -q '"slow_consumer_cut":1' <<<"$result"
echo "every scenario ran"
