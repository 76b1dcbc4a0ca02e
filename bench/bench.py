"""Benchmark (not a test): throughput, records/s and peak memory at 1x, 10x, 100x and ~20 MB.

The synthetic exports repeat the shipped records with unique titles and an edit in each
Résumé, so the alignment and divergence stages do real work.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
OUT = Path("bench/out")
TARGET_BYTES = 20_000_000


def synthetic(copies: int) -> str:
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    header, rest = lines[0], "\n".join(lines[1:])
    parts = [header]
    for k in range(copies):
        copy = rest.replace("conférence en ligne", f"conférence en ligne n°{k}") if k else rest
        copy = copy.replace("SCIC et collectivités territoriales\n", f"SCIC et collectivités {k}\n")
        copy = copy.replace("Mobiccop", "Mobicop" if k % 2 else "Mobiccop")
        parts.append(copy)
    return "\n".join(parts)


def measure(path: Path) -> str:
    code = ("import resource,sys,time; from pipeline.run import run_pipeline; t=time.perf_counter(); "
            f"r=run_pipeline('{path}'); d=time.perf_counter()-t; "
            "print(d, len(r.records), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    size = SHIPPED.stat().st_size
    rows = []
    base = None
    for label, copies in (("1x", 1), ("10x", 10), ("100x", 100), ("~20MB", TARGET_BYTES // size)):
        path = OUT / f"export_{label.strip('~')}.txt"
        path.write_text(synthetic(copies), encoding="utf-8")
        seconds, records, rss_kb = measure(path)
        seconds, mb = float(seconds), path.stat().st_size / 1e6
        base = base or seconds
        rows.append(f"{label:>6} {mb:8.2f} MB {seconds:7.2f} s {mb / seconds:7.2f} MB/s "
                    f"{int(records) / seconds:9.0f} rec/s  peak {int(rss_kb) / 1024:7.0f} MB  "
                    f"time x{seconds / base:6.1f}")
    print("  size        MB      time     throughput   records/s   peak RSS   time vs 1x")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
