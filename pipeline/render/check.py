"""The report of `check`: text for people, one JSON document for programs, GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from rich.text import Text

from pipeline.baseline import Comparison, Finding
from pipeline.records import Divergence, Scope

ANNOTATION_TITLE = "Divergent duplicate"
FAILURE_TITLE = "Unreadable input"
# GitHub shows at most 10 error annotations per step (and 50 per job) and drops the others
# without a word: annotate the first ones, and say in the last one how many were left out.
MAX_ANNOTATIONS = 10


class CheckFormat(StrEnum):
    """`check --format`."""

    text = "text"
    json = "json"
    github = "github"


@dataclass(frozen=True, slots=True)
class Failure:
    """An input file the run could not read: `file` as the user named it, and why."""

    file: str
    message: str


def summary_line(comparison: Comparison, baseline: Path) -> str:
    """One line: how many divergences were checked, known, new and stale."""
    new = len(comparison.new)
    line = (f"check: {len(comparison.checked)} divergence(s) of the chosen kinds, {comparison.known} in "
            f"{baseline}, {new} new")
    if comparison.stale:
        stale = comparison.stale
        line += (f"; {stale} baseline entr{'y' if stale == 1 else 'ies'} no longer found "
                 "(--update-baseline drops them)")
    return line


def check_text(comparison: Comparison, failures: Sequence[Failure], baseline: Path) -> Text:
    """The summary line, then three lines per new divergence (failures go to stderr)."""
    text = Text(summary_line(comparison, baseline))
    for finding in comparison.new:
        d = finding.divergence
        text.append("\nNEW", style="bold red")
        text.append(f" {finding.file}:{finding.line}  ")
        text.append(finding.title, style="bold")
        text.append(f"\n    {d.kind}: {_sides(d)}\n    context: {d.context}   fingerprint: "
                    f"{d.fingerprint}")
    return text


def check_json(comparison: Comparison, failures: Sequence[Failure], baseline: Path) -> str:
    """One JSON document; `status` is pass, fail, or incomplete when an input failed."""
    status = "incomplete" if failures else "fail" if comparison.new else "pass"
    return json.dumps({
        "status": status,
        "baseline": str(baseline),
        "fail_on": sorted(comparison.fail_on),
        "checked": len(comparison.checked),
        "known": comparison.known,
        "stale": comparison.stale,
        "new": [{"file": f.file, "line": f.line, "title": f.title, **_row(f.divergence)}
                for f in comparison.new],
        "failures": [{"file": f.file, "error": f.message} for f in failures],
    }, ensure_ascii=False, indent=2)


def error_document(message: str, baseline: Path) -> str:
    """The JSON document of a check that could not run at all."""
    return json.dumps({"status": "error", "baseline": str(baseline), "error": message},
                      ensure_ascii=False, indent=2)


def _row(d: Divergence) -> dict:
    return {
        "resource_id": d.resource_id, "kind": d.kind, "body_side": d.body_side,
        "resume_side": d.resume_side, "context": d.context, "body_line": d.body_line,
        "resume_line": d.resume_line, "preferred": d.preferred, "reason": d.reason,
        "fingerprint": d.fingerprint, "scope": d.scope, "source_file": d.source_file,
        "other_file": d.other_file,
    }


def _sides(d: Divergence, *, between: bool = False) -> str:
    """Both sides with their lines: body and Résumé, or the canonical occurrence and another."""
    if d.scope == Scope.occurrence:
        one = f"the canonical occurrence ({d.source_file}:{d.body_line}) «{d.body_side}»"
        other = f"the occurrence ({d.other_file}:{d.resume_line}) «{d.resume_side}»"
    elif between:
        one = f"the body (line {d.body_line}) «{d.body_side}»"
        other = f"the Résumé (line {d.resume_line}) «{d.resume_side}»"
    else:
        return f"body line {d.body_line} «{d.body_side}» / Résumé line {d.resume_line} «{d.resume_side}»"
    return f"{one} and {other}" if between else f"{one} / {other}"


def check_github(comparison: Comparison, failures: Sequence[Failure], baseline: Path) -> str:
    """`::error` workflow commands (failed files first, then new divergences), capped at
    MAX_ANNOTATIONS with one more for the rest, then the summary line."""
    annotations = [annotation(f.message, file=f.file, title=FAILURE_TITLE) for f in failures]
    annotations += [_divergence_annotation(f, baseline) for f in comparison.new]
    if len(annotations) > MAX_ANNOTATIONS:
        left = len(annotations) - (MAX_ANNOTATIONS - 1)
        annotations[MAX_ANNOTATIONS - 1:] = [annotation(
            f"{left} more error(s) not annotated (GitHub shows {MAX_ANNOTATIONS} per step): "
            "run `check --format text` to see them all")]
    return "\n".join([*annotations, summary_line(comparison, baseline)])


def _divergence_annotation(finding: Finding, baseline: Path) -> str:
    d = finding.divergence
    message = f"{finding.title}: {d.kind} between {_sides(d, between=True)}, not in {baseline}"
    return annotation(message, file=finding.file, line=finding.line, title=ANNOTATION_TITLE)


def annotation(message: str, *, file: str | None = None, line: int | None = None,
               title: str | None = None, level: str = "error") -> str:
    """A GitHub workflow command: `::error file=…,line=…,title=…::message`, escaped."""
    properties = ",".join(f"{key}={escape_property(str(value))}" for key, value in
                          (("file", file), ("line", line), ("title", title)) if value is not None)
    return f"::{level}{' ' + properties if properties else ''}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """GitHub workflow-command escaping of a message.

    >>> escape_data("50% done\\nnext")
    '50%25 done%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escaping of a property value (file, title): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
