"""The divergences seen by people: the CI check against a committed baseline, and the diff.

A baseline is a JSON file of acknowledged divergences, one entry per fingerprint with the
record title and both sides so that a reviewer can read it. Fingerprints carry no line
numbers, so the baseline survives edits elsewhere in the export. This module reads and
writes that one file (the check's own input and output); the tables stay in `write.py`.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.records import CONTEXT_MARK, Divergence, DivergenceKind, Record
from pipeline.run import RunReport

# Whitespace differences are recorded but never fail a check: they are layout, not content.
KINDS = tuple(DivergenceKind)
DEFAULT_FAIL_ON = ",".join(kind for kind in KINDS if kind != "whitespace")
BASELINE_FIELDS = ("fingerprint", "resource_id", "title", "kind", "body_side", "resume_side", "context")
ANNOTATION_TITLE = "Divergent duplicate"
EXIT_OK, EXIT_NEW, EXIT_INPUT_ERROR = 0, 1, 2
# ANSI styles of the terminal diff: old text red and struck through, new text bold green.
OLD_STYLE, NEW_STYLE, RESET_STYLE = "\x1b[9;31m", "\x1b[1;32m", "\x1b[0m"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


@dataclass(frozen=True, slots=True)
class Finding:
    """A divergence with the record and file it points at."""

    divergence: Divergence
    title: str
    file: str  # the export as the user named it: data/raw/rtes_export_2020-2021.txt

    @property
    def line(self) -> int | None:
        """The Résumé line when the Résumé has the hunk, else the body line."""
        d = self.divergence
        return d.resume_line if d.resume_line is not None else d.body_line


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    output: str
    exit_code: int


def findings(report: RunReport, path: Path) -> list[Finding]:
    """Every divergence of the run, with its record's title and file."""
    records = {r.resource_id: r for r in report.records}
    return [
        Finding(d, records[d.resource_id].title, _shown_file(path, records[d.resource_id]))
        for d in report.divergences
    ]


def _shown_file(path: Path, record: Record) -> str:
    root = path.parent if path.is_file() else path
    return (root / record.source_file).as_posix()


def parse_kinds(kinds: str) -> frozenset[str]:
    """The kinds of a comma-separated list; an unknown kind is an input error."""
    chosen = frozenset(k.strip() for k in kinds.split(",") if k.strip())
    unknown = sorted(chosen - set(KINDS))
    if unknown or not chosen:
        raise PipelineError(
            f"--fail-on: unknown kind(s) {', '.join(unknown) or '(none given)'}; "
            f"choose among {', '.join(KINDS)}"
        )
    return chosen


# --- baseline file ------------------------------------------------------------------------


def load_baseline(path: Path) -> set[str]:
    """Fingerprints acknowledged in the baseline file."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PipelineError("baseline not found; create it with --update-baseline",
                            source_file=str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PipelineError(f"baseline cannot be read ({error}); regenerate it with --update-baseline",
                            source_file=str(path)) from None
    entries = document.get("divergences") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise PipelineError("not a divergence baseline (expected {\"divergences\": [{\"fingerprint\": "
                            "...}]}); regenerate it with --update-baseline", source_file=str(path))
    return {e["fingerprint"] for e in entries}


def baseline_document(found: list[Finding]) -> dict:
    """The baseline for these findings: sorted by title then hunk order, one per fingerprint."""
    ordered = sorted(found, key=lambda f: (f.title, f.divergence.resource_id, f.divergence.hunk_index))
    entries, seen = [], set()
    for finding in ordered:
        d = finding.divergence
        if d.fingerprint in seen:
            continue
        seen.add(d.fingerprint)
        entries.append({
            "fingerprint": d.fingerprint, "resource_id": d.resource_id, "title": finding.title,
            "kind": d.kind, "body_side": d.body_side, "resume_side": d.resume_side, "context": d.context,
        })
    return {
        "comment": "Acknowledged divergences between bodies and Résumés. Regenerate with "
                   "`python cli.py check data/raw --baseline data/divergences.baseline.json "
                   "--update-baseline` and review the diff.",
        "divergences": entries,
    }


def write_baseline(path: Path, found: list[Finding]) -> int:
    """Write the baseline atomically (a crash leaves the old file); return the entry count."""
    document = baseline_document(found)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise PipelineError(f"baseline cannot be written ({error.strerror})", source_file=str(path)) from None
    return len(document["divergences"])


# --- check --------------------------------------------------------------------------------


def check_export(
    report: RunReport, path: Path, baseline: Path, *, fail_on: str | None = None,
    fmt: str = CheckFormat.text, update: bool = False,
) -> CheckOutcome:
    """Compare the run's divergences with the baseline (or rewrite the baseline).

    `fail_on` is a comma-separated list of kinds (None: every kind but whitespace); `fmt`
    is text, json or github. Unknown kinds or formats are input errors.
    """
    kinds = parse_kinds(DEFAULT_FAIL_ON if fail_on is None else fail_on)
    render = _renderer(fmt)
    found = findings(report, path)
    failed = [f"error: {f.message}" for f in report.failures]
    if update:
        if failed:  # the baseline would silently lose the unread files' entries
            raise PipelineError("baseline not updated, some inputs failed: " +
                                "; ".join(f.message for f in report.failures))
        count = write_baseline(baseline, found)
        return CheckOutcome(f"baseline: {count} divergence(s) written to {baseline}", EXIT_OK)
    known = load_baseline(baseline)
    checked = [f for f in found if f.divergence.kind in kinds]
    new = [f for f in checked if f.divergence.fingerprint not in known]
    stale = len(known - {f.divergence.fingerprint for f in found})
    output = "\n".join([render(new, len(checked), stale, kinds, baseline), *failed])
    # A file that could not be read leaves the check incomplete: an input error, whatever
    # the other files say.
    return CheckOutcome(output, EXIT_INPUT_ERROR if failed else EXIT_NEW if new else EXIT_OK)


def _renderer(fmt: str):
    try:
        chosen = CheckFormat(fmt)
    except ValueError:
        raise PipelineError(f"--format: unknown format «{fmt}»; choose text, json or github") from None
    return {CheckFormat.text: _as_text, CheckFormat.json: _as_json, CheckFormat.github: _as_github}[chosen]


def _summary(new: list[Finding], checked: int, stale: int, baseline: Path) -> str:
    line = (f"check: {checked} divergence(s) of the chosen kinds, {checked - len(new)} in {baseline}, "
            f"{len(new)} new")
    if stale:
        line += f"; {stale} baseline entr{'y' if stale == 1 else 'ies'} no longer found " \
                "(--update-baseline drops them)"
    return line


def _as_text(new: list[Finding], checked: int, stale: int, kinds: frozenset[str], baseline: Path) -> str:
    lines = [_summary(new, checked, stale, baseline)]
    for finding in new:
        d = finding.divergence
        lines += [
            f"NEW {finding.file}:{finding.line}  {finding.title}",
            f"    {d.kind}: body line {d.body_line} «{d.body_side}» / Résumé line {d.resume_line} "
            f"«{d.resume_side}»",
            f"    context: {d.context}   fingerprint: {d.fingerprint}",
        ]
    return "\n".join(lines)


def _as_json(new: list[Finding], checked: int, stale: int, kinds: frozenset[str], baseline: Path) -> str:
    return json.dumps({
        "status": "fail" if new else "pass",
        "baseline": str(baseline),
        "fail_on": sorted(kinds),
        "checked": checked,
        "known": checked - len(new),
        "stale": stale,
        "new": [{"file": f.file, "line": f.line, "title": f.title, **_row(f.divergence)} for f in new],
    }, ensure_ascii=False, indent=2)


def _row(d: Divergence) -> dict:
    return {
        "resource_id": d.resource_id, "kind": d.kind, "body_side": d.body_side,
        "resume_side": d.resume_side, "context": d.context, "body_line": d.body_line,
        "resume_line": d.resume_line, "preferred": d.preferred, "reason": d.reason,
        "fingerprint": d.fingerprint,
    }


def _as_github(new: list[Finding], checked: int, stale: int, kinds: frozenset[str], baseline: Path) -> str:
    lines = []
    for finding in new:
        d = finding.divergence
        message = (
            f"{finding.title}: {d.kind} between the body (line {d.body_line}) «{d.body_side}» and the "
            f"Résumé (line {d.resume_line}) «{d.resume_side}», not in {baseline}"
        )
        properties = f"file={_escape_property(finding.file)},line={finding.line},title={ANNOTATION_TITLE}"
        lines.append(f"::error {properties}::{_escape_data(message)}")
    lines.append(_summary(new, checked, stale, baseline))
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    """GitHub workflow-command escaping of a message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# --- diff ---------------------------------------------------------------------------------


def render_diff(report: RunReport, path: Path, resource: str | None = None, *, color: bool = False) -> str:
    """Each divergent record's hunks as a word diff with line numbers, grouped by record.

    With `resource` (a resource_id or part of a title), the matching records whatever
    their status. Without colour, old text is `[-…-]` and new text `{+…+}`.
    """
    records = _select(report.records, resource)
    hunks: dict[str, list[Divergence]] = {}
    for d in report.divergences:
        hunks.setdefault(d.resource_id, []).append(d)
    sections = []
    for record in records:
        if resource is None and record.duplicate_status != "divergent":
            continue
        lines = [
            f"== {record.title}",
            f"   {_shown_file(path, record)}:{record.title_line}  {record.resource_id}  "
            f"{record.duplicate_status}, {record.n_divergences} divergence(s), "
            f"similarity {record.similarity if record.similarity is not None else '-'}",
        ]
        lines += [line for d in hunks.get(record.resource_id, []) for line in _hunk_lines(d, color)]
        sections.append("\n".join(lines))
    return "\n\n".join(sections) if sections else "no divergent record"


def _select(records: tuple[Record, ...], resource: str | None) -> list[Record]:
    if resource is None:
        return list(records)
    wanted = resource.casefold()
    chosen = [r for r in records if r.resource_id == resource or wanted in r.title.casefold()]
    if not chosen:
        raise PipelineError(f"no record matches «{resource}»: give a resource_id or part of a title")
    return chosen


def _hunk_lines(d: Divergence, color: bool) -> list[str]:
    change = _styled(_visible(d.body_side), _visible(d.resume_side), color)
    where = f"body {_or_dash(d.body_line)} | Résumé {_or_dash(d.resume_line)}"
    shown = d.context.replace(CONTEXT_MARK, change) if CONTEXT_MARK in d.context else change
    lines = [f"   {where:<24} {d.kind:<12} {shown}"]
    notes = [d.detail] if d.detail else []
    if d.preferred:
        notes.append(f"→ {'body' if d.preferred == 'body' else 'Résumé'} ({d.reason})")
    elif d.reason:
        notes.append(f"→ no preference ({d.reason})")
    lines += [f"   {'':<24} {'':<12} {note}" for note in notes]
    return lines


def _or_dash(line: int | None) -> str:
    return "-" if line is None else str(line)


def _visible(text: str) -> str:
    """Whitespace a reader cannot see, made visible."""
    return text.replace("\u00a0", "⍽").replace("\n", "¶")


def _styled(old: str, new: str, color: bool) -> str:
    if color:
        parts = [f"{OLD_STYLE}{old}{RESET_STYLE}" if old else "",
                 f"{NEW_STYLE}{new}{RESET_STYLE}" if new else ""]
    else:
        parts = [f"[-{old}-]" if old else "", f"{{+{new}+}}" if new else ""]
    return "".join(parts)
