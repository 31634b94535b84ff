"""Turns the benchmark runs (name<TAB>json per line) into a Markdown table: median and min-max."""
import json
import statistics
import sys
from collections import OrderedDict

FIGURES = [
    ("deliveries/s", lambda r: r["deliveries_per_second"], "{:,.0f}"),
    ("p50 ms", lambda r: r["latency_ms"]["p50"], "{:.2f}"),
    ("p99 ms", lambda r: r["latency_ms"]["p99"], "{:.2f}"),
    ("server CPU µs/delivery", lambda r: r.get("server_cpu_us_per_delivery", 0), "{:.3f}"),
    ("server RSS MiB", lambda r: r.get("server_rss_kib", 0) / 1024, "{:.1f}"),
    ("lost/dup/reordered", lambda r: r["lost"] + r["duplicated"] + r["reordered"], "{:.0f}"),
]


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
    print("Each cell: median (min–max) over the runs.")
    print()
    print("| scenario | runs | " + " | ".join(f for f, _, _ in FIGURES) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in FIGURES) + " |")
    for name, results in runs.items():
        cells = []
        for _, pick, fmt in FIGURES:
            values = [pick(r) for r in results]
            if not values:
                cells.append("failed")
                continue
            median = statistics.median(values)
            cells.append(f"{fmt.format(median)} ({fmt.format(min(values))}–{fmt.format(max(values))})")
        print(f"| {name} | {len(results)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
