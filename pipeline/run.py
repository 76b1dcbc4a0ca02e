"""The orchestrator: runs the stages in order over every input and returns a report."""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import partial
from operator import attrgetter
from pathlib import Path

from pipeline.clean import clean_document
from pipeline.diverge import corpus_words, diverge_one
from pipeline.errors import InputError
from pipeline.figures import record_figures
from pipeline.lexicon import WordCounts
from pipeline.metadata import normalise_metadata
from pipeline.read import ReadFailure, read_exports
from pipeline.records import (
    Divergence,
    Figure,
    Metadata,
    Paragraph,
    Person,
    QuarantinedSpan,
    RawRecord,
    Record,
    SourceDocument,
    Speaker,
    Text,
)
from pipeline.speakers import extract_speakers
from pipeline.split import split_records
from pipeline.text import fold_accents
from pipeline.workers import map_in_order

# Called as progress(stage, done, total): files for read/clean/split, records for the rest.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class RunReport:
    """Everything one run produced, plus what went wrong on the way."""

    records: tuple[Record, ...]
    quarantine: tuple[QuarantinedSpan, ...]
    divergences: tuple[Divergence, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    documents: tuple[SourceDocument, ...] = ()  # the inputs, without their lines (see records)
    failures: tuple[ReadFailure, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # where the time went
    counts: dict[str, int] = field(default_factory=dict)


def run_pipeline(path: Path, *, workers: int | None = None, progress: Progress | None = None) -> RunReport:
    """Read, clean, split, interpret and analyse every export under `path`.

    `workers` processes share the per-record stages (default: `workers.default_workers()`).

    Raises `InputError` when no input could be read; a folder where only some files are
    bad yields a report whose `failures` name them.
    """
    started = time.perf_counter()
    with rare_gc_pauses():
        report = _run_stages(Path(path), progress, workers)
    return replace(report, seconds=time.perf_counter() - started)


# A run builds millions of small acyclic objects (lines, paragraphs, tokens) that live
# until the tables are written. CPython's cyclic collector, at its default thresholds,
# rescans them over and over (about 15 % of a 20 MB run, and of its writing) and finds
# nothing to free: reference counting frees them. So it runs less often meanwhile.
GC_THRESHOLD_DURING_RUN = 100_000


@contextmanager
def rare_gc_pauses() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD_DURING_RUN, *saved[1:])
    gc.freeze()  # what exists already (a finished run, when writing) is never rescanned
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)


class _Stopwatch:
    """Seconds spent per stage, summed over the documents of a run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started


def _run_stages(path: Path, progress: Progress | None, workers: int | None) -> RunReport:
    clock = _Stopwatch()
    # 1. read: decode bytes, line endings, mojibake, HTML renditions
    with clock.stage("read"):
        read = read_exports(path)
    documents, failures = deque(read.documents), list(read.failures)
    del read
    total = len(documents)
    raw_records: list[RawRecord] = []
    quarantine: list[QuarantinedSpan] = []
    kept: list[SourceDocument] = []
    for done in range(1, total + 1):
        # One document at a time leaves memory: its lines live on in records and quarantine.
        document = documents.popleft()
        # 2. clean: NFC, spaces, artefacts noted
        with clock.stage("clean"):
            document = clean_document(document)
        # 3. split: records and quarantined spans, every line accounted for
        try:
            with clock.stage("split"):
                split = split_records(document, workers)
        except InputError as error:
            shown = str(path / document.source_file) if path.is_dir() else str(path)
            failures.append(ReadFailure(document.source_file, str(InputError(
                error.detail, source_file=shown, line=error.line))))
            continue
        kept.append(replace(document, lines=()))
        raw_records.extend(split.records)
        quarantine.extend(split.quarantine)
        if progress:
            progress("split", done, total)
    if not kept:
        raise InputError("; ".join(f.message for f in failures) or "no input")
    # 4-6. record by record, on every core: metadata; diverge (align body and Résumé,
    # classify hunks, merged canonical text); figures in the canonical text
    with clock.stage("metadata+diverge+figures"):
        records, divergences, figures = _analyse_records(raw_records, workers)
    # 6. speakers over the canonical text (one copy per record), linked across records
    with clock.stage("speakers"):
        found = extract_speakers(records)
    warnings = [w for d in kept for w in d.warnings]
    warnings += [f"{r.source_file}:{r.title_line}: {r.title}: {w}" for r in records for w in r.warnings]
    warnings += [f.message for f in failures]
    return RunReport(
        records=tuple(records),
        quarantine=tuple(quarantine),
        divergences=tuple(divergences),
        speakers=found.speakers,
        people=found.people,
        figures=tuple(figures),
        documents=tuple(kept),
        failures=tuple(failures),
        warnings=tuple(warnings),
        counts={"records": len(records), "quarantined_lines": sum(
            q.line_end - q.line_start + 1 for q in quarantine)},
        stage_seconds=clock.seconds,
    )


def _analyse_records(
    raw_records: list[RawRecord], workers: int | None
) -> tuple[list[Record], list[Divergence], list[Figure]]:
    """Stages 4-6 for every record; what links records (ids, word counts) comes first."""
    ids = resource_ids(raw_records)
    index_in_file: Counter[str] = Counter()
    jobs = []
    for raw, resource_id in zip(raw_records, ids, strict=True):
        jobs.append(_Job(raw, resource_id, index_in_file[raw.source_file]))
        index_in_file[raw.source_file] += 1
    analyse = partial(_analyse, corpus=corpus_words(raw_records))
    records, divergences, figures = [], [], []
    for job, done in zip(jobs, map_in_order(analyse, jobs, workers), strict=True):
        records.append(done.record(job))
        divergences.extend(done.divergences)
        figures.extend(done.figures)
    return records, divergences, figures


@dataclass(frozen=True, slots=True)
class _Job:
    raw: RawRecord
    resource_id: str
    record_index: int


@dataclass(frozen=True, slots=True)
class _Analysed:
    """What stages 4-6 add to a record. It travels back from a worker process, so the raw
    record stays out of it, the canonical text names the paragraphs it shares with the
    body (most of them) by their index instead of copying them, and divergences and
    figures travel as plain tuples of their fields (pickled 5x faster than dataclasses).
    """

    metadata: Metadata
    text: tuple[Paragraph | int, ...]
    duplicate_status: str
    n_divergences: int
    similarity: float | None
    warnings: tuple[str, ...]
    divergence_rows: tuple[tuple, ...]
    figure_rows: tuple[tuple, ...]

    @property
    def divergences(self) -> list[Divergence]:
        return [Divergence(*row) for row in self.divergence_rows]

    @property
    def figures(self) -> list[Figure]:
        return [Figure(*row) for row in self.figure_rows]

    def record(self, job: _Job) -> Record:
        source = job.raw.body or job.raw.resume
        return Record(
            resource_id=job.resource_id,
            record_index=job.record_index,
            raw=job.raw,
            metadata=self.metadata,
            text=Text(tuple(source[p] if isinstance(p, int) else p for p in self.text)),
            duplicate_status=self.duplicate_status,
            n_divergences=self.n_divergences,
            similarity=self.similarity,
            warnings=self.warnings,
        )


def _analyse(job: _Job, corpus: WordCounts) -> _Analysed:
    record = interpret(job.raw, job.resource_id, job.record_index)
    record, divergences = diverge_one(record, corpus)
    source = {id(p): i for i, p in enumerate(job.raw.body or job.raw.resume)}
    return _Analysed(
        metadata=record.metadata,
        text=tuple(source.get(id(p), p) for p in record.text.paragraphs),
        duplicate_status=record.duplicate_status,
        n_divergences=record.n_divergences,
        similarity=record.similarity,
        warnings=record.warnings,
        divergence_rows=tuple(map(_DIVERGENCE_FIELDS, divergences)),
        figure_rows=tuple(map(_FIGURE_FIELDS, record_figures(record))),
    )


# Field values in declaration order: what a dataclass's __init__ takes back positionally.
_DIVERGENCE_FIELDS = attrgetter(*(f.name for f in fields(Divergence)))
_FIGURE_FIELDS = attrgetter(*(f.name for f in fields(Figure)))


def interpret(raw: RawRecord, resource_id: str, record_index: int) -> Record:
    """Stage 4: a raw record with its metadata read; its text is the body (or Résumé)."""
    text = Text(raw.body or raw.resume)
    metadata = normalise_metadata(raw, text.paragraphs)
    return Record(
        resource_id=resource_id,
        record_index=record_index,
        raw=raw,
        metadata=metadata,
        text=text,
        duplicate_status=duplicate_status(raw),
        warnings=raw.warnings + metadata.warnings + _structure_warnings(raw),
    )


def resource_ids(records: list[RawRecord]) -> list[str]:
    """Stable ids: a hash of the casefolded, accent-free title, so an id does not depend on
    the file name or on the other records. A repeated title gets '-2', '-3'... in run order.
    """
    seen: Counter[str] = Counter()
    ids = []
    for record in records:
        key = " ".join(fold_accents(record.title.text).split())
        base = "r" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        seen[base] += 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def duplicate_status(record: RawRecord) -> str:
    if record.body and record.resume:
        same = _words(record.body) == _words(record.resume)
        return "identical" if same else "divergent"
    if record.body:
        return "body_only"
    return "resume_only" if record.resume else "none"


def _words(paragraphs) -> str:
    """The words, read in order (cleaned texts hold single spaces: no split needed)."""
    return " ".join(p.text for p in paragraphs)


def _structure_warnings(raw: RawRecord) -> tuple[str, ...]:
    warnings = []
    if raw.metadata and not raw.has_resume_label:
        warnings.append("metadata block has no 'Résumé' line: no copy to compare")
    if raw.metadata and raw.has_resume_label and not raw.resume:
        warnings.append("'Résumé' label with no text after it")
    return tuple(warnings)
