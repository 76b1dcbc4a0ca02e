"""The orchestrator: runs the stages in order over every input and returns a report."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from pipeline.catalogue import catalogue
from pipeline.clean import clean_document
from pipeline.divergence import DivergenceResult, WordCounts, diverge_record, word_counts
from pipeline.errors import InputError
from pipeline.execution import Executor, rare_gc_pauses
from pipeline.figures import record_figures
from pipeline.metadata import normalise_metadata
from pipeline.read import ReadFailure, SkippedInput, read_exports
from pipeline.records import (
    Divergence,
    Figure,
    Metadata,
    Occurrence,
    Paragraph,
    Person,
    QuarantinedSpan,
    RawRecord,
    Record,
    Scope,
    SourceDocument,
    Speaker,
    Text,
)
from pipeline.speakers import RecordPeople, link_people, read_record
from pipeline.split import copied_in_next_region, plan_split
from pipeline.split.assemble import COPY_WARNINGS

# About the size of one record in an export (the shipped one: 120 KB for 10 records): how
# many records to expect before the split has counted them.
BYTES_PER_RECORD = 12_000

# Called as progress(stage, done, total): files for read and split, records for the rest.
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
    occurrences: tuple[Occurrence, ...] = ()  # every record read; `records` holds one per resource
    skipped: tuple[SkippedInput, ...] = ()  # files under the inputs not read, with the reason
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # where the time went
    counts: dict[str, int] = field(default_factory=dict)


def run_pipeline(path: Path | Sequence[Path], *, workers: int | None = None,
                 progress: Progress | None = None) -> RunReport:
    """Read, clean, split, catalogue, interpret and analyse every export at `path` (a file,
    a folder, or several of them).

    `workers` processes share the per-record stages (default: `RTES_WORKERS`, else one per
    core). Raises `InputError` when no input could be read; a folder where only some files
    are bad yields a report whose `failures` name them.
    """
    clock, tell = _Stopwatch(), progress or _silent
    started = time.perf_counter()
    with rare_gc_pauses(), Executor(workers) as executor:
        # 1. read: walk the folders, skip hidden, version-control and byte-identical files;
        # decode bytes, line endings, mojibake, HTML renditions
        with clock.stage("read"):
            read = read_exports(path)
        executor.warm_up(sum(d.size for d in read.documents) // BYTES_PER_RECORD)
        tell("read", len(read.documents), len(read.documents))
        # 2-3. clean (NFC, spaces, artefacts noted) and split (records and quarantined
        # spans, every line accounted for), one document at a time
        with clock.stage("clean+split"):
            documents, raw_records, quarantine, failures = _split_documents(read, executor, tell)
        # 4. catalogue: the records that are one resource (same title, or near-duplicate
        # texts in different files), its id and its canonical record, from content alone
        with clock.stage("catalogue"):
            catalogued = catalogue(raw_records)
            indexes, counts = _indexes_in_file(raw_records), catalogued.n_occurrences()
            ids = catalogued.resource_ids
            jobs = [_Job(raw_records[i], ids[i], indexes[i], counts[ids[i]]) for i in catalogued.resources]
        # 5-8. resource by resource, on every core: metadata; divergences between body and
        # Résumé with the merged canonical text; figures and people in that text. Then each occurrence
        # whose content differs, against its resource's canonical record.
        with clock.stage("metadata+divergences+figures+people"):
            corpus = word_counts([job.raw for job in jobs])  # one count per resource, not per copy
            found = executor.map(partial(_analyse_record, corpus=corpus), jobs,
                                 done=lambda n: tell("analyse", n, len(jobs)))
            pairs = [_Pair(ids[i], raw_records[c], raw, indexes[i])
                     for i, (raw, c) in enumerate(zip(raw_records, catalogued.canonical, strict=True))
                     if catalogued.content_hashes[i] != catalogued.content_hashes[c]]
            occurrence_divergences = executor.map(partial(_compare_occurrence, corpus=corpus), pairs)
        # 9. speakers: the people each record names, linked across records
        with clock.stage("linking people"):
            records = tuple(f.record(job) for f, job in zip(found, jobs, strict=True))
            people = link_people(records, [f.people for f in found])
        tell("speakers", len(records), len(records))
    return RunReport(
        records=records,
        quarantine=tuple(quarantine),
        divergences=(*(d for f in found for d in f.divergences),
                     *(d for found_in_pair in occurrence_divergences for d in found_in_pair)),
        speakers=people.speakers,
        people=people.people,
        figures=tuple(figure for f in found for figure in f.figures),
        documents=tuple(documents),
        failures=tuple(failures),
        occurrences=_occurrences(raw_records, indexes, catalogued),
        skipped=read.skipped,
        warnings=_warnings(documents, records, failures),
        seconds=time.perf_counter() - started,
        stage_seconds=clock.seconds,
        counts={"records": len(records), "workers": executor.workers,
                "quarantined_lines": sum(q.line_end - q.line_start + 1 for q in quarantine),
                "occurrences": len(raw_records), "resources": len(records),
                "text_pairs_compared": catalogued.text_pairs_compared},
    )


def _split_documents(read, executor: Executor, tell: Progress):
    """Clean and split each document; a document that cannot be split is a failure.
    Documents leave memory one by one: their lines live on in records and quarantine."""
    pending, failures = list(reversed(read.documents)), list(read.failures)
    total = len(pending)
    kept: list[SourceDocument] = []
    raw_records: list[RawRecord] = []
    quarantine: list[QuarantinedSpan] = []
    while pending:
        document = clean_document(pending.pop())
        try:
            plan = plan_split(document)
        except InputError as error:
            failures.append(ReadFailure(document.source_file, str(InputError(
                error.detail, source_file=read.location(document.source_file), line=error.line))))
            continue
        # The costly half of the split, fuzzy matching, region by region on every core.
        split = plan.split(executor.map(copied_in_next_region, plan.questions))
        kept.append(document.without_lines())
        raw_records.extend(split.records)
        quarantine.extend(split.quarantine)
        tell("split", total - len(pending), total)
    if not kept:
        raise InputError("; ".join(f.message for f in failures) or "no input")
    return kept, raw_records, quarantine, failures


def _occurrences(raw_records: list[RawRecord], indexes: list[int], found) -> tuple[Occurrence, ...]:
    """Every record read, as an occurrence of its resource, in the order read."""
    hashes = found.content_hashes
    return tuple(
        Occurrence(found.resource_ids[i], raw.source_file, indexes[i], raw.line_start, raw.line_end,
                   raw.title.text, hashes[i], hashes[i] != hashes[found.canonical[i]])
        for i, raw in enumerate(raw_records)
    )


def _indexes_in_file(records: list[RawRecord]) -> list[int]:
    """0-based position of each record in its own file."""
    seen: Counter[str] = Counter()
    indexes = []
    for record in records:
        indexes.append(seen[record.source_file])
        seen[record.source_file] += 1
    return indexes


@dataclass(frozen=True, slots=True)
class _Job:
    raw: RawRecord
    resource_id: str
    record_index: int
    n_occurrences: int = 1

    def record(self, metadata: Metadata, compared: DivergenceResult, text: Text) -> Record:
        """The record, built from what stages 5 and 6 found (metadata, divergences)."""
        return Record(
            resource_id=self.resource_id,
            record_index=self.record_index,
            raw=self.raw,
            metadata=metadata,
            text=text,
            duplicate_status=compared.status,
            n_divergences=compared.n_divergences,
            similarity=compared.similarity,
            warnings=self._split_warnings(compared) + metadata.warnings + compared.warnings,
            n_occurrences=self.n_occurrences,
        )


    def _split_warnings(self, compared: DivergenceResult) -> tuple[str, ...]:
        """The split's warnings, but a copy the divergence stage found cut is told once, by it."""
        if not compared.warnings:
            return self.raw.warnings
        return tuple(w for w in self.raw.warnings if not w.startswith(COPY_WARNINGS))


@dataclass(frozen=True, slots=True)
class _Found:
    """What stages 5-8 found in one record. It comes back from a worker process, where
    pickling it costs as much as finding it (measured: 0.58 s of a 1.5 s stage on 20 MB),
    so it leaves out what the caller holds already: the raw record, and each paragraph
    of the canonical text that is one of the body's (most are), named by its index."""

    metadata: Metadata
    compared: DivergenceResult  # without its divergences and text
    text: tuple[Paragraph | int, ...]
    divergences: tuple[Divergence, ...]
    figures: tuple[Figure, ...]
    people: RecordPeople

    def record(self, job: _Job) -> Record:
        source = job.raw.body or job.raw.resume
        text = Text(tuple(source[p] if isinstance(p, int) else p for p in self.text))
        return job.record(self.metadata, self.compared, text)


def _analyse_record(job: _Job, corpus: WordCounts) -> _Found:
    """Stages 5-8 for one record: metadata, divergences and merged text, figures, people."""
    metadata = normalise_metadata(job.raw)
    compared = diverge_record(job.resource_id, job.raw.body, job.raw.resume, corpus)
    record = job.record(metadata, compared, compared.text)
    index = {id(p): i for i, p in enumerate(job.raw.body or job.raw.resume)}
    text = tuple(index.get(id(p), p) for p in compared.text.paragraphs)
    where = job.raw.source_file
    divergences = tuple(d._replace(source_file=where, other_file=where) for d in compared.divergences)
    return _Found(metadata, replace(compared, text=Text(), divergences=()), text, divergences,
                  tuple(record_figures(record)), read_record(record))


@dataclass(frozen=True, slots=True)
class _Pair:
    """An occurrence whose content differs from its resource's canonical record."""

    resource_id: str
    canonical: RawRecord
    other: RawRecord
    other_index: int


def _compare_occurrence(pair: _Pair, corpus: WordCounts) -> tuple[Divergence, ...]:
    """The differences between an occurrence and the canonical record, every part of the
    record in order (body, tags, metadata, Résumé; not the title, which matched them), as
    divergences of scope occurrence: the canonical record on the body side, the other
    occurrence on the Résumé side. Fingerprints hash the resource id and scope, never files."""
    compared = diverge_record(f"{pair.resource_id}\x1f{Scope.occurrence}", _whole(pair.canonical),
                              _whole(pair.other), corpus)
    return tuple(d._replace(
        resource_id=pair.resource_id, scope=Scope.occurrence, source_file=pair.canonical.source_file,
        other_file=pair.other.source_file, other_record_index=pair.other_index)
        for d in compared.divergences)


def _whole(record: RawRecord) -> tuple[Paragraph, ...]:
    return (*record.body, *record.tags, *record.metadata, *record.resume)



def _warnings(documents, records, failures) -> tuple[str, ...]:
    return (*(w for d in documents for w in d.warnings),
            *(f"{r.source_file}:{r.title_line}: {r.title}: {w}" for r in records for w in r.warnings),
            *(f.message for f in failures))


def _silent(stage: str, done: int, total: int) -> None:
    """No progress to show."""


class _Stopwatch:
    """Seconds spent per stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
