#!/usr/bin/env bash
# The benchmark suite: builds Release, starts hearthd on a fresh data dir pinned to core 0, runs
# every scenario three times with the load generator pinned to core 1, and writes a Markdown
# report (median and min–max of each figure) to tests/bench/REPORT.md.
# usage: tests/bench/run.sh [--quick]
#
# Server and load generator get a core each, so that neither takes CPU from the other and each
# report's CPU shares mean what they say (a machine with one core runs both unpinned, and the
# figures then measure the two together). One scenario by hand, as this script runs it:
#   taskset -c 0 build/release/server/hearthd --listen 127.0.0.1:0 --data-dir /tmp/bench --demo-rooms \
#     --log-level warn --threads 1 --requests-per-second 10000000 --max-connections-per-account 1000000 \
#     --registrations-per-address-per-hour 0 --max-outbound-bytes 67108864
#   taskset -c 1 build/release/clients/loadgen/hearth-loadgen --port PORT --server-pid PID \
#     --scenario fanout --receivers 1000 --senders 1 --messages 2000
# A report with "generator_saturated":1 measured the load generator's core, not hearthd.
set -euo pipefail
cd "$(dirname "$0")/../.."
quick=${1:-}
if [ "$(nproc)" -ge 2 ]; then
  server_cores=(taskset -c 0)
  generator_cores=(taskset -c 1)
else
  server_cores=()
  generator_cores=()
fi

deploy/install-deps.sh
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
cmake --preset release >/dev/null
cmake --build --preset release --target hearthd hearth-loadgen hearth-screen-bench hearth-e2e-bench

ulimit -n 1048576 2>/dev/null || ulimit -n 65536 2>/dev/null || true
results=$(mktemp)
dir=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

# Arguments: extra hearthd flags for one scenario. The outbound cap is 64 MiB, so that no
# benchmark reader is ever cut off, unless the scenario sets its own.
start_server() {
  local flags=("$@")
  [[ " ${flags[*]} " == *" --max-outbound-bytes "* ]] || flags+=(--max-outbound-bytes 67108864)
  rm -rf "$dir/data"
  "${server_cores[@]}" build/release/server/hearthd --listen 127.0.0.1:0 --data-dir "$dir/data" --demo-rooms \
    --log-level warn --threads 1 --requests-per-second 10000000 --max-connections-per-account 1000000 \
    --registrations-per-address-per-hour 0 \
    "${flags[@]}" > "$dir/hearthd.out" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$dir/hearthd.out" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && return 0
    sleep 0.1
  done
  echo "hearthd did not start" >&2
  cat "$dir/hearthd.out" >&2
  exit 1
}

stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=; }

# name | loadgen arguments | extra hearthd arguments (optional)
# slow-consumer: hearthd's cap and --slow-cap-bytes must agree. With 2000-byte messages (2 MB/s
# to each member) the stalled reader passes the 1 MiB cap plus its socket's kernel buffers
# (~4 MiB on loopback) about 2.5 s into phase 2, while a reader that keeps up stays far below the
# cap; phase 2 ends ~1.5 s later, within hearthd's 3 s close grace, when the reader reads again.
scenarios=(
  "fanout 1000x1|--scenario fanout --receivers 1000 --senders 1 --messages 2000"
  "fanout 100x1|--scenario fanout --receivers 100 --senders 1 --messages 20000"
  "fanout 100x10|--scenario fanout --receivers 100 --senders 10 --messages 2000"
  "latency 100k deliveries/s|--scenario latency --receivers 100 --senders 10 --rate 1000 --seconds 10"
  "idle 10k|--scenario idle --connections 10000 --seconds 3 --sources 4"
  "ingest 100 rooms|--scenario ingest --rooms 100 --messages 2000"
  "slow consumer 100k deliveries/s of 2000 B|--scenario slow-consumer --receivers 100 --senders 10 --rate 1000 --seconds 4 --bytes 2000 --slow-cap-bytes 1048576|--max-outbound-bytes 1048576"
  "login storm 100k deliveries/s, 8 logins in flight|--scenario login-storm --receivers 100 --senders 10 --rate 1000 --seconds 10 --logins 8"
)
# 100,000 connections need as many descriptors in hearthd and in the load generator (raised
# above as far as this machine's hard limit allows). Where they cannot be had, the report says
# so instead of silently leaving the row out.
fds_needed=101000
fds=$(ulimit -n)
skipped=
if [ "$fds" = unlimited ] || [ "$fds" -ge "$fds_needed" ]; then
  scenarios+=("idle 100k|--scenario idle --connections 100000 --seconds 5 --sources 8")
else
  skipped="this machine allows $fds open files per process (hard limit); 100,000 connections need $fds_needed"
fi
runs=3
if [ "$quick" = "--quick" ]; then runs=1; fi

for entry in "${scenarios[@]}"; do
  IFS='|' read -r name args server_args <<<"$entry"
  for run in $(seq "$runs"); do
    # shellcheck disable=SC2086
    start_server $server_args
    invite=$(grep -o -- '--invite [0-9A-Z-]*' "$dir/hearthd.out" | head -1 | cut -d' ' -f2)
    # shellcheck disable=SC2086
    line=$("${generator_cores[@]}" build/release/clients/loadgen/hearth-loadgen --port "$port" --server-pid "$server" \
      --admin-invite "$invite" $args || true)
    echo "$name	$line" | tee -a "$results"
    stop_server
  done
done

# What screening a room message costs (moderation/message_screen.h), on the load generator's
# core: the filters run on hearthd's network threads for every message before it is stored.
for run in $(seq "$runs"); do
  line=$("${generator_cores[@]}" build/release/tests/bench/hearth-screen-bench)
  echo "screen 100-byte messages	$line" | tee -a "$results"
done

# What end-to-end encryption costs a device (clients/e2e), on the same core.
for run in $(seq "$runs"); do
  line=$("${generator_cores[@]}" build/release/tests/bench/hearth-e2e-bench)
  echo "e2e	$line" | tee -a "$results"
done

[ -z "$skipped" ] || printf 'idle 100k\t{"skipped": "%s"}\n' "$skipped" | tee -a "$results"

python3 tests/bench/report.py "$results" > tests/bench/REPORT.md
echo "wrote tests/bench/REPORT.md"
