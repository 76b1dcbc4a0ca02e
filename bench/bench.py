"""Benchmark (not a test): the pipeline's time against the I/O floor, throughput, records/s
and peak memory at 1x, 10x, 100x and ~20 MB.

The synthetic exports repeat the shipped records with unique titles and an edit in each
Résumé, so the alignment and divergence stages do real work. The I/O floor is what any
pipeline over the same file must pay: read it, decode it, split it into lines and write those
lines as one zstd Parquet column; the pipeline's time is printed as a multiple of it.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
OUT = Path("bench/out")
TARGET_BYTES = 20_000_000
REPEATS_VARIABLE = "RTES_BENCH_REPEATS"
# The pipeline may take at most this multiple of the I/O floor, both timed as whole processes
# (interpreter start, imports, run, exit: what a user waits for). Issue 9 set the bar and put
# the pipeline then at "about 5x": so it measured whole processes; the code of that day gives
# 5.5x that way on this machine, and 20x with the work alone (the floor's work is 0.15-0.25 s).
MAX_FLOOR_RATIO = 6.0


def _title_lines() -> set[int]:
    """Raw line numbers of the shipped export's titles."""
    from pipeline.clean import clean_document
    from pipeline.read import decode_export
    from pipeline.split import split_records

    document = clean_document(decode_export(SHIPPED.read_bytes(), SHIPPED.name))
    return {record.title.line for record in split_records(document).records}


def synthetic(copies: int) -> str:
    """The shipped records `copies` times over, each copy a distinct resource: its titles
    numbered (identical records in one export would be one resource, analysed once), its
    text varied ("conférence en ligne n°k") and its Résumé edited (Mobiccop/Mobicop)."""
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    titles = _title_lines()
    header = lines[0]
    parts = [header]
    for k in range(copies):
        numbered = [f"{line} ({k})" if k and number in titles else line
                    for number, line in enumerate(lines[1:], 2)]
        copy = "\n".join(numbered)
        copy = copy.replace("conférence en ligne", f"conférence en ligne n°{k}") if k else copy
        copy = copy.replace("SCIC et collectivités territoriales", f"SCIC et collectivités {k}")
        copy = copy.replace("Mobiccop", "Mobicop" if k % 2 else "Mobiccop")
        parts.append(copy)
    return "\n".join(parts)


# Each size runs in a fresh interpreter (so peak memory is its own), REPEATS times, and so
# does its I/O floor, alternating with the pipeline so both see the same machine: the medians
# are reported, since the speed of this shared 2-core VM varies by +-30 % from minute to minute.
PIPELINE = """
import json, resource, sys, tempfile, time
from pathlib import Path
from pipeline.execution import skip_collection_at_exit
from pipeline.run import run_pipeline
from pipeline.write import write_tables
skip_collection_at_exit()  # as the CLI's commands do
started = time.perf_counter()
report = run_pipeline(Path(sys.argv[1]))
ran = time.perf_counter()
with tempfile.TemporaryDirectory() as out:
    write_tables(report, Path(out))
done = time.perf_counter()
stages = dict(report.stage_seconds, write=done - ran)
workers = getattr(report, "workers", None) or report.counts.get("workers")
print(json.dumps({"seconds": done - started, "records": report.counts.get("occurrences", len(report.records)),
                  "stages": stages,
                  "workers": workers, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "counts": report.counts}))
"""
FLOOR = """
import json, sys, tempfile, time
from pathlib import Path
import pyarrow as pa
import pyarrow.parquet as pq
pa.table({"line": [""]})  # pyarrow imports pandas on its first conversion: an import, excluded
started = time.perf_counter()
lines = Path(sys.argv[1]).read_bytes().decode("utf-8").split("\\n")
with tempfile.TemporaryDirectory() as out:
    pq.write_table(pa.table({"line": lines}), Path(out) / "lines.parquet", compression="zstd")
print(json.dumps({"seconds": time.perf_counter() - started, "lines": len(lines)}))
"""


# The HTML report of the ~20 MB export: the time to build the page from a run (the run itself
# excluded) and to write it, and its size (`rtes report`).
REPORT = """
import json, sys, tempfile, time
from pathlib import Path
from pipeline.report_html import REPORT_FILE, build_report
from pipeline.run import run_pipeline
from pipeline.write import write_text_atomic
report = run_pipeline(Path(sys.argv[1]))
started = time.perf_counter()
page = build_report(report, Path(sys.argv[1]).parent, acknowledged=frozenset())
with tempfile.TemporaryDirectory() as out:
    write_text_atomic(Path(out) / REPORT_FILE, page)
    size = (Path(out) / REPORT_FILE).stat().st_size
print(json.dumps({"seconds": time.perf_counter() - started, "bytes": size,
                  "resources": len(report.records), "divergences": len(report.divergences),
                  "figures": len(report.figures)}))
"""


def repeats() -> int:
    """How many runs per size: RTES_BENCH_REPEATS (default 5; 1 for a quick look)."""
    setting = os.environ.get(REPEATS_VARIABLE, "5").strip()
    if not setting.isdigit() or int(setting) < 1:
        raise SystemExit(f"{REPEATS_VARIABLE} must be a whole number of runs (1 or more), not {setting!r}")
    return int(setting)


def measure(path: Path, times: int) -> tuple[dict, dict]:
    """The median pipeline run (read to written tables, imports excluded, as `make ingest`
    does it) and the median I/O floor run on the same file, `times` of each, alternating;
    `whole` holds the median times of the whole processes.
    """
    runs, floors = [], []
    for _ in range(times):
        runs.append(_run(PIPELINE, path))
        floors.append(_run(FLOOR, path))
    whole = {"pipeline": statistics.median(run["whole"] for run in runs),
             "floor": statistics.median(run["whole"] for run in floors)}
    return dict(_median(runs), whole=whole), _median(floors)


def _run(script: str, path: Path) -> dict:
    """One fresh interpreter: its own timing (imports excluded) and, from here, the whole
    process's (interpreter start and imports included).
    """
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    peak_pss = _watch_memory(process)
    output = process.communicate()[0]
    if process.returncode:
        raise SystemExit(f"the measured run failed on {path} (exit {process.returncode})")
    return dict(json.loads(output), pss_kb=peak_pss // 1024, whole=time.perf_counter() - started)


def _median(runs: list[dict]) -> dict:
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


def _workers_line(reported: int | None) -> str:
    if reported:
        return f"workers: {reported} (from the run's report; RTES_WORKERS to change)"
    setting = os.environ.get("RTES_WORKERS", "").strip()
    if setting:
        return f"workers: RTES_WORKERS={setting}"
    cores = len(os.sched_getaffinity(0))
    return f"workers: RTES_WORKERS unset, {cores} usable cores (RTES_WORKERS to change)"


def main() -> None:
    times = repeats()
    OUT.mkdir(parents=True, exist_ok=True)
    size = SHIPPED.stat().st_size
    rows, base, last, floor = [], None, None, None
    for label, copies in (("1x", 1), ("10x", 10), ("100x", 100), ("~20MB", TARGET_BYTES // size)):
        path = OUT / f"export_{label.strip('~')}.txt"
        path.write_text(synthetic(copies), encoding="utf-8")
        last, floor = measure(path, times)
        seconds, mb = last["seconds"], path.stat().st_size / 1e6
        base = base or seconds
        floor_seconds = floor["seconds"]
        rows.append(f"{label:>6} {mb:7.2f} {seconds:7.2f} s {floor_seconds:6.3f} s "
                    f"{seconds / floor_seconds:6.1f}x "
                    f"{mb / seconds:7.2f} {last['records'] / seconds:9.0f} {last['rss_kb'] / 1024:8.0f} MB "
                    f"{last['pss_kb'] / 1024:8.0f} MB {seconds / base:7.1f}x")
    print(f"end to end (read to written tables) against the I/O floor (read, decode, split lines, write "
          f"one zstd Parquet column), median of {times} runs of each per size, alternating; peak RSS of the "
          "main process; peak PSS of the main process and its workers together (sampled)")
    print(_workers_line(last["workers"]))
    print("  size      MB    time    floor   vs floor   MB/s  records/s  peak RSS  peak PSS  time vs 1x")
    print("\n".join(rows))
    total = sum(last["stages"].values())
    print("~20MB by stage: " + ", ".join(
        f"{name} {seconds:.2f} s ({seconds / total:.0%})" for name, seconds in last["stages"].items()))
    whole = last["whole"]
    ratio = whole["pipeline"] / whole["floor"]
    verdict = "within" if ratio <= MAX_FLOOR_RATIO else "OVER"
    print(f"~20MB, whole processes (start, imports, run, exit): the pipeline takes {ratio:.1f}x the I/O "
          f"floor ({whole['pipeline']:.2f} s vs {whole['floor']:.2f} s), {verdict} the "
          f"{MAX_FLOOR_RATIO:.0f}x bar")
    work = last["seconds"] / floor["seconds"]
    print(f"~20MB, the work alone (imports excluded on both sides): {work:.1f}x "
          f"({last['seconds']:.2f} s vs {floor['seconds']:.2f} s)")
    report = _median([_run(REPORT, path) for _ in range(times)])
    print(f"~20MB HTML report: {report['bytes'] / 1e6:.1f} MB ({report['resources']} resources, "
          f"{report['divergences']} divergences, {report['figures']} figures), built and written in "
          f"{report['seconds']:.2f} s (median of {times}; the run before it excluded)")
    folder_row(times)
    long_paragraph_row(times)


# --- a folder of overlapping exports (issue 13): the catalogue at scale ---------------------
FOLDER_FILES = 200
FOLDER_POOL = 1500  # distinct resources, each on ~2.7 pages of 20 records
FOLDER_PER_PAGE = 20
FOLDER_EDIT_EVERY = 50  # one occurrence in 50 carries an edit (a sentence added, in both copies)
FOLDER_RENAME_EVERY = 7  # one occurrence in 7 is under another title: found by its text
_SYLLABLES = ["ba", "co", "di", "fu", "ga", "lé", "mi", "no", "pa", "ré", "si", "tu", "va", "zo", "ter"]


def synthetic_folder(folder: Path) -> int:
    """FOLDER_FILES pages, each FOLDER_PER_PAGE resources drawn from a pool of distinct
    resources (texts of random words: unrelated, as distinct resources are); returns how
    many distinct resources the pages hold."""
    generator = random.Random(13)

    def words(n: int) -> str:
        return " ".join("".join(generator.choices(_SYLLABLES, k=generator.randint(1, 3))) for _ in range(n))

    pool = [(f"Fiche {k} {words(3)} - conférence en ligne", [f"Le réseau {words(40)}." for _ in range(3)])
            for k in range(FOLDER_POOL)]
    header = SHIPPED.read_text(encoding="utf-8").split("\n")[0]
    folder.mkdir(parents=True, exist_ok=True)
    occurrence, drawn = 0, set()
    for page in range(FOLDER_FILES):
        lines = [header, ""]
        for k in sorted(generator.sample(range(FOLDER_POOL), FOLDER_PER_PAGE)):
            title, paragraphs = pool[k]
            occurrence += 1
            drawn.add(k)
            if occurrence % FOLDER_RENAME_EVERY == 0:
                title = f"Compte rendu : {title.split(' - ')[0]}"
            if occurrence % FOLDER_EDIT_EVERY == 0:
                paragraphs = [*paragraphs[:-1], paragraphs[-1] + " Une phrase ajoutée."]
            copy = [line for paragraph in paragraphs for line in (paragraph, "")]
            lines += [title, "", *copy, "Type de ressource", "Ressources RTES", "Ressource privée", "Non",
                      "Résumé", *copy]
        (folder / f"page_{page:03}.txt").write_text("\n".join(lines), encoding="utf-8")
    return len(drawn)


def folder_row(times: int) -> None:
    """The whole pipeline over a folder of FOLDER_FILES overlapping exports: throughput, and
    how many pairs of texts the catalogue compared against all the pairs there are."""
    folder = OUT / "folder"
    distinct = synthetic_folder(folder)
    mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
    run = _median([_run(PIPELINE, folder) for _ in range(times)])
    counts, seconds = run["counts"], run["seconds"]
    pairs = counts["occurrences"] * (counts["occurrences"] - 1) // 2
    print(f"{FOLDER_FILES}-file folder, median of {times}: {mb:.2f} MB, {counts['occurrences']} records -> "
          f"{counts['resources']} resources ({distinct} distinct written) in {seconds:.2f} s: "
          f"{mb / seconds:.2f} MB/s, "
          f"{counts['occurrences'] / seconds:.0f} records/s; {counts['text_pairs_compared']} text pairs "
          f"compared (of {pairs:,} pairs of records); peak PSS {run['pss_kb'] / 1024:.0f} MB; catalogue "
          f"{run['stages'].get('catalogue', 0):.2f} s")



# --- one long paragraph a side (issue 11): the word diff stays bounded ---------------------
LONG_PARAGRAPH_BYTES = 100_000
LONG_PARAGRAPH_EDITS = 30  # words replaced here and there in the Résumé's copy


def long_paragraph_row(times: int) -> None:
    """Body and Résumé of one paragraph of ~100 KB each, with scattered edits: the time to
    diff them, in one process (median of `times`)."""
    import random
    import statistics

    from pipeline.divergence import diverge_record, word_counts
    from pipeline.records import Paragraph, RawRecord

    generator = random.Random(11)
    words = SHIPPED.read_text(encoding="utf-8").split()
    body_words = []
    while sum(len(w) + 1 for w in body_words) < LONG_PARAGRAPH_BYTES:
        body_words.extend(words[:2000])
    resume_words = list(body_words)
    for k in generator.sample(range(len(resume_words)), LONG_PARAGRAPH_EDITS):
        resume_words[k] = resume_words[k][::-1]
    body, resume = (Paragraph(1, " ".join(body_words)),), (Paragraph(2, " ".join(resume_words)),)
    record = RawRecord("long.txt", Paragraph(0, "Long"), body, (), resume)
    corpus = word_counts([record])
    seconds = []
    for _ in range(times):
        started = time.perf_counter()
        found = diverge_record("r-long", body, resume, corpus)
        seconds.append(time.perf_counter() - started)
    size = len(body[0].text) / 1000
    print(f"one paragraph of {size:.0f} KB a side, {LONG_PARAGRAPH_EDITS} scattered edits: "
          f"{len(found.divergences)} divergences in {statistics.median(seconds):.2f} s (median of {times})")


if __name__ == "__main__":
    main()
