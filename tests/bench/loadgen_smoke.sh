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

# run PATTERN [hearth-loadgen arguments]: one run against the last hearthd started; it must end
# with no error and its report must match PATTERN (the report is printed either way).
# Behaviour, not speed: the paced chats hold each message back while any reader is 32 messages
# behind (--max-behind), so a reader that the busy machine starves of CPU is never cut off as a
# slow consumer, and only the deliberately slow reader below may be. Time limits are generous.
run() {
  local pattern=$1
  shift
  run_expecting '"error":""' "$pattern" --time-limit 300 "$@"
}
# run_expecting PATTERN... ARGUMENTS: the run's report must match each PATTERN (the arguments start
# at the first word starting with --).
run_expecting() {
  local patterns=() result pattern
  while [ "${1:0:2}" != -- ]; do patterns+=("$1"); shift; done
  result=$("$loadgen" --port "$port" --server-pid "$server" "$@" || true)
  echo "$result"
  for pattern in "${patterns[@]}"; do
    grep -q -- "$pattern" <<<"$result" || { echo "FAIL: hearth-loadgen $*: the report does not match $pattern"; exit 1; }
  done
}

start main
run '"delivered":500,' --scenario fanout --receivers 5 --senders 2 --messages 50 --window 8
run '"lost":0,"duplicated":0,"reordered":0' --scenario latency --receivers 5 --senders 2 --rate 200 --seconds 1 --max-behind 32
run '"connections":50,' --scenario idle --connections 50 --seconds 1 --sources 2
invite=$(grep -o -- '--invite [0-9A-Z-]*' "$out" | head -1 | cut -d' ' -f2)
run '"stored":200,' --scenario ingest --rooms 4 --messages 50 --window 8 --admin-invite "$invite"
run '"logins":[1-9][0-9]*,"login_failures":0,"logins_unanswered":0,' --scenario login-storm --receivers 5 --senders 2 --rate 200 --seconds 2 --logins 4 --max-behind 32

# The slow reader needs a cap it can pass in two seconds: its own hearthd. Every other reader must
# get every message (and none be cut), the slow one must be cut with 4001; with --max-behind the
# scenario does not judge latency.
start slow --max-outbound-bytes 1048576
run '"lost":0,"duplicated":0,"reordered":0,"readers_failed":0,.*"slow_consumer_cut":1' --scenario slow-consumer \
  --receivers 3 --senders 2 --rate 1500 --seconds 2 --bytes 3000 --slow-cap-bytes 1048576 --max-behind 32

# A run that its time limit cuts short says so, whatever it then failed to do on the connections
# the limit closed (it used to report that instead: "Bad file descriptor").
run_expecting '"error":"time limit reached"' --time-limit 3 --scenario slow-consumer \
  --receivers 3 --senders 2 --rate 1500 --seconds 4 --bytes 3000 --slow-cap-bytes 1048576
echo "every scenario ran"
