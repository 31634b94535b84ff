"""Turns the benchmark runs (name<TAB>json per line) into a Markdown table: median and min-max."""
import json
import os
import statistics
import sys
from collections import OrderedDict

# (column, how to read it from one run's JSON, format). A figure a scenario lacks shows as "–".
FIGURES = [
    ("deliveries/s", lambda r: r["deliveries_per_second"], "{:,.0f}"),
    ("durable messages/s", lambda r: r["messages_per_second"], "{:,.0f}"),
    ("p50 ms", lambda r: r["latency_ms"]["p50"], "{:.2f}"),
    ("p99 ms", lambda r: r["latency_ms"]["p99"], "{:.2f}"),
    ("p99 ×baseline", lambda r: r["p99_ratio"], "{:.2f}"),
    ("server CPU µs/delivery*", lambda r: r["server_cpu_seconds"] * 1e6 / max(1, work_units(r)), "{:.3f}"),
    ("KiB/connection", lambda r: r["server_kib_per_connection"], "{:.2f}"),
    ("connections/s", lambda r: r["connections_per_second"], "{:,.0f}"),
    ("logins/s", lambda r: r["logins_per_second"], "{:,.1f}"),
    ("slow reader cut", lambda r: r["slow_consumer_cut"], "{:.0f}"),
    ("screen µs/message", lambda r: r["ns_per_message_shipped_rules"] / 1000, "{:.2f}"),
    ("screen µs/message, 500 more rules", lambda r: r["ns_per_message_500_more"] / 1000, "{:.2f}"),
    ("load generator CPU %", lambda r: r["loadgen_cpu_share"] * 100, "{:.0f}"),
    ("server CPU %", lambda r: r["server_cpu_share"] * 100, "{:.0f}"),
    ("server RSS MiB", lambda r: r["server_rss_kib"] / 1024, "{:.1f}"),
    ("lost/dup/reordered", lambda r: r["lost"] + r["duplicated"] + r["reordered"], "{:.0f}"),
    ("errors", lambda r: 1 if r["error"] else 0, "{:.0f}"),
]

# The end-to-end encryption benchmark (hearth-e2e-bench) has a table of its own: a device's costs.
E2E_FIGURES = [
    ("device keys ms", lambda r: r["device_keys_us"] / 1000, "{:.2f}"),
    ("open a session + first message µs", lambda r: r["initiate_us"], "{:.0f}"),
    ("accept a first message µs", lambda r: r["accept_us"], "{:.0f}"),
    ("message µs (encrypt+decrypt)", lambda r: r["message_us"], "{:.1f}"),
    ("session save+load µs", lambda r: r["save_load_us"], "{:.1f}"),
    ("session bytes", lambda r: r["session_bytes"], "{:.0f}"),
    ("safety number ms", lambda r: r["safety_number_us"] / 1000, "{:.1f}"),
]
E2E_SCENARIO = "e2e"


def work_units(result):
    """What the server's CPU is divided by: deliveries, else connections (idle), else stored messages."""
    for key in ("delivered", "connections", "stored"):
        if key in result:
            return result[key]
    raise KeyError("delivered")


def cpu_model():
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def pick_all(results, pick):
    values = []
    for result in results:
        try:
            values.append(pick(result))
        except KeyError:
            pass
    return values


def main(path):
    runs = OrderedDict()
    for line in open(path, encoding="utf-8"):
        name, _, payload = line.rstrip("\n").partition("\t")
        try:
            runs.setdefault(name, []).append(json.loads(payload))
        except json.JSONDecodeError:
            runs.setdefault(name, [])
    print("Produced by `tests/bench/run.sh`: Release build, hearthd (`--threads 1`, storage")
    print("`synchronous=full`: every message committed before delivery) pinned to core 0, the load")
    print("generator to core 1; 100-byte messages, at most 64 unacknowledged per sender.")
    print("Each cell: median (min–max) over the runs. The slow-consumer and login-storm scenarios run")
    print("the latency chat twice, alone and then under their extra load: p50 and p99 are the loaded")
    print("phase's, and p99 ×baseline is that p99 over the p99 of the chat alone.")
    print("\\* Server CPU of the measured phase only (not the set-up: accounts, password hashes,")
    print("connections), per delivery; per connection for idle (the connecting), per stored message for")
    print("ingest. Both chat phases for slow-consumer and login-storm (the latter includes the hashing).")
    print("Screen: the moderation screen (filters, anonymity guard, policy) alone, per 100-byte message,")
    print("with the shipped rules and with 500 more; it runs on hearthd's network thread for every")
    print("room message before the message is stored.")
    print(f"Machine: {cpu_model()}, {os.cpu_count()} cores.")
    print()
    e2e = runs.pop(E2E_SCENARIO, None)
    print_table(runs, FIGURES)
    if e2e is not None:
        print()
        print("End-to-end encryption (`hearth-e2e-bench`, clients/e2e): what a device spends, per operation,")
        print("on the load generator's core; a message is 200 bytes, encrypted by one side and decrypted by")
        print("the other, with a DH ratchet step every 4 messages.")
        print()
        print_table({"device": e2e}, E2E_FIGURES)


def print_table(runs, figures):
    print("| scenario | runs | " + " | ".join(f for f, _, _ in figures) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in figures) + " |")
    for name, results in runs.items():
        skipped = [r["skipped"] for r in results if "skipped" in r]
        if skipped:
            print(f"| {name} | 0 | skipped: {skipped[0]} |" + " – |" * (len(figures) - 1))
            continue
        cells = []
        for _, pick, fmt in figures:
            values = pick_all(results, pick)
            if not values:
                cells.append("–" if results else "failed")
                continue
            median = statistics.median(values)
            cells.append(f"{fmt.format(median)} ({fmt.format(min(values))}–{fmt.format(max(values))})")
        # A run whose load generator used 90% or more of its cores measured the generator.
        bound = sum(1 for r in results if r.get("generator_saturated"))
        label = f"{name} (generator-bound in {bound} of {len(results)})" if bound else name
        print(f"| {label} | {len(results)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
