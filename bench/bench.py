"""Benchmark (not a test): throughput, records/s and peak memory at 1x, 10x, 100x and ~20 MB.

The synthetic exports repeat the shipped records with unique titles and an edit in each
Résumé, so the alignment and divergence stages do real work.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import psutil

from pipeline.workers import default_workers

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


# Each size runs in a fresh interpreter (so peak memory is its own), REPEATS times: the
# median time is reported: the speed of this shared 2-core VM varies by +-30 % from minute to minute.
REPEATS = 5
MEASURE = """
import json, resource, sys, tempfile, time
from pathlib import Path
from pipeline.run import run_pipeline
from pipeline.write import write_tables
started = time.perf_counter()
report = run_pipeline(Path(sys.argv[1]))
ran = time.perf_counter()
with tempfile.TemporaryDirectory() as out:
    write_tables(report, Path(out))
done = time.perf_counter()
stages = dict(report.stage_seconds, write=done - ran)
print(json.dumps({"seconds": done - started, "records": len(report.records), "stages": stages,
                  "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def measure(path: Path) -> dict:
    """End to end, as `make ingest` does it: read to written tables (imports excluded)."""
    runs = []
    for _ in range(REPEATS):
        process = subprocess.Popen([sys.executable, "-c", MEASURE, str(path)], stdout=subprocess.PIPE,
                                   text=True)
        peak_pss = _watch_memory(process)
        run = json.loads(process.communicate()[0])
        if process.returncode:
            raise SystemExit(f"the pipeline failed on {path}")
        runs.append(dict(run, pss_kb=peak_pss // 1024))
    return sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]


def _watch_memory(process: subprocess.Popen, every: float = 0.05) -> int:
    """Peak physical memory of the run and its workers, from outside (so the run is not
    slowed): the sum of their PSS, which counts pages a worker shares with its parent once.
    """
    peak = 0
    watched = psutil.Process(process.pid)
    while process.poll() is None:
        total = 0
        try:
            for member in [watched, *watched.children(recursive=True)]:
                total += member.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass  # a worker ended between the listing and the reading
        peak = max(peak, total)
        time.sleep(every)
    return peak


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    size = SHIPPED.stat().st_size
    rows, base, last = [], None, None
    for label, copies in (("1x", 1), ("10x", 10), ("100x", 100), ("~20MB", TARGET_BYTES // size)):
        path = OUT / f"export_{label.strip('~')}.txt"
        path.write_text(synthetic(copies), encoding="utf-8")
        last = measure(path)
        seconds, mb = last["seconds"], path.stat().st_size / 1e6
        base = base or seconds
        rows.append(f"{label:>6} {mb:8.2f} MB {seconds:7.2f} s {mb / seconds:7.2f} MB/s "
                    f"{last['records'] / seconds:9.0f} rec/s {last['rss_kb'] / 1024:8.0f} MB "
                    f"{last['pss_kb'] / 1024:8.0f} MB  time x{seconds / base:6.1f}")
    print(f"end to end (read to written tables), median of {REPEATS} runs per size; peak RSS of the "
          "main process; peak PSS of the main process and its workers together (sampled)")
    print(f"workers: {default_workers()} (RTES_WORKERS to change)")
    print("  size        MB      time     throughput   records/s  peak RSS  peak PSS   time vs 1x")
    print("\n".join(rows))
    total = sum(last["stages"].values())
    print("~20MB by stage: " + ", ".join(
        f"{name} {seconds:.2f} s ({seconds / total:.0%})" for name, seconds in last["stages"].items()))


if __name__ == "__main__":
    main()
