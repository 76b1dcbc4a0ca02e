"""The orchestrator: runs the stages in order over every input and returns a report."""

from __future__ import annotations

import gc
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.clean import clean_document
from pipeline.diverge import diverge_records
from pipeline.errors import InputError
from pipeline.figures import extract_figures
from pipeline.metadata import normalise_metadata
from pipeline.read import ReadFailure, read_exports
from pipeline.records import (
    Divergence,
    Figure,
    Person,
    QuarantinedSpan,
    RawRecord,
    Record,
    SourceDocument,
    Speaker,
    Text,
)
from pipeline.speakers import extract_speakers
from pipeline.split import fold_accents, split_records

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RunReport:
    """Everything one run produced, plus what went wrong on the way."""

    records: tuple[Record, ...]
    quarantine: tuple[QuarantinedSpan, ...]
    divergences: tuple[Divergence, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    people: tuple[Person, ...] = ()
    figures: tuple[Figure, ...] = ()
    documents: tuple[SourceDocument, ...] = ()
    failures: tuple[ReadFailure, ...] = ()
    warnings: tuple[str, ...] = ()
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # where the time went
    counts: dict[str, int] = field(default_factory=dict)


def run_pipeline(path: Path, progress: Progress | None = None) -> RunReport:
    """Read, clean, split, interpret and analyse every export under `path`.

    Raises `InputError` when no input could be read; a folder where only some files are
    bad yields a report whose `failures` name them.
    """
    started = time.perf_counter()
    with _rare_gc_pauses():
        report = _run_stages(Path(path), progress)
    return replace(report, seconds=time.perf_counter() - started)


# A run builds millions of small acyclic objects (lines, paragraphs, tokens) that live
# until the tables are written. CPython's cyclic collector, at its default thresholds,
# rescans them over and over (a quarter of the run time on a 20 MB export) and finds
# nothing to free: reference counting frees them. So it runs less often during a run.
GC_THRESHOLD_DURING_RUN = 100_000


@contextmanager
def _rare_gc_pauses() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD_DURING_RUN, *saved[1:])
    try:
        yield
    finally:
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


def _run_stages(path: Path, progress: Progress | None) -> RunReport:
    clock = _Stopwatch()
    # 1. read: decode bytes, line endings, mojibake, HTML renditions
    with clock.stage("read"):
        read = read_exports(path)
    documents, failures = list(read.documents), list(read.failures)
    raw_records: list[RawRecord] = []
    quarantine: list[QuarantinedSpan] = []
    kept: list[SourceDocument] = []
    for done, document in enumerate(documents, 1):
        # 2. clean: NFC, spaces, artefacts noted
        with clock.stage("clean"):
            document = clean_document(document)
        # 3. split: records and quarantined spans, every line accounted for
        try:
            with clock.stage("split"):
                split = split_records(document)
        except InputError as error:
            shown = str(path / document.source_file) if path.is_dir() else str(path)
            failures.append(ReadFailure(document.source_file, str(InputError(
                error.detail, source_file=shown, line=error.line))))
            continue
        kept.append(document)
        raw_records.extend(split.records)
        quarantine.extend(split.quarantine)
        if progress:
            progress(done, len(documents))
    if not kept:
        raise InputError("; ".join(f.message for f in failures) or "no input")
    # 4. metadata
    with clock.stage("metadata"):
        records = _interpret(raw_records)
    # 5. diverge: align body and Résumé, classify hunks, merged canonical text
    with clock.stage("diverge"):
        records, divergences = diverge_records(records)
    # 6. speakers and figures over the canonical text (one copy per record)
    with clock.stage("speakers"):
        found = extract_speakers(records)
    with clock.stage("figures"):
        figures = extract_figures(records)
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


def _interpret(raw_records: list[RawRecord]) -> list[Record]:
    ids = resource_ids(raw_records)
    index_in_file: Counter[str] = Counter()
    records = []
    for raw, resource_id in zip(raw_records, ids, strict=True):
        text = Text(raw.body or raw.resume)
        metadata = normalise_metadata(raw, text.paragraphs)
        records.append(Record(
            resource_id=resource_id,
            record_index=index_in_file[raw.source_file],
            raw=raw,
            metadata=metadata,
            text=text,
            duplicate_status=duplicate_status(raw),
            warnings=raw.warnings + metadata.warnings + _structure_warnings(raw),
        ))
        index_in_file[raw.source_file] += 1
    return records


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
