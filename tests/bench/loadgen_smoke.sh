#!/usr/bin/env bash
# A tiny run of every load generator scenario against a real hearthd, so the benchmark tools
# cannot rot. Not a measurement: the benchmark suite measures.
# usage: loadgen_smoke.sh HEARTHD HEARTH_LOADGEN
set -euo pipefail
hearthd=$1
loadgen=$2
dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT

"$hearthd" --listen 127.0.0.1:0 --data-dir "$dir/data" --demo-rooms --log-level warn \
  --requests-per-second 100000 --max-connections-per-account 1000 > "$dir/hearthd.out" 2>&1 &
server=$!
for _ in $(seq 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/hearthd.out" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "hearthd did not start"; cat "$dir/hearthd.out"; exit 1; }

run() {
  local result
  result=$("$loadgen" --port "$port" --server-pid "$server" --time-limit 60 "$@")
  echo "$result"
  grep -q '"error":""' <<<"$result"
}
run --scenario fanout --receivers 5 --senders 2 --messages 50 --window 8 | grep -q '"delivered":500,'
run --scenario latency --receivers 5 --senders 2 --rate 200 --seconds 1 | grep -q '"lost":0,"duplicated":0,"reordered":0'
run --scenario idle --connections 50 --seconds 1 --sources 2 | grep -q '"connections":50,'
invite=$(grep -o -- '--invite [0-9A-Z-]*' "$dir/hearthd.out" | head -1 | cut -d' ' -f2)
run --scenario ingest --rooms 4 --messages 50 --window 8 --admin-invite "$invite" | grep -q '"stored":200,'
echo "every scenario ran"
