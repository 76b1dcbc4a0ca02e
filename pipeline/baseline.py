"""The divergence check: which divergences of a run are new, known or stale against a baseline.

A baseline is a JSON document of acknowledged divergences, one entry per fingerprint with the
record title and both sides so that a reviewer can read it. Fingerprints carry no line
numbers, so the baseline survives edits elsewhere in the export. This module is pure:
`read.read_baseline` reads the file, `write.write_text_atomic` writes it, the command line
renders the outcome.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import ConfigError, PipelineError
from pipeline.records import Divergence, DivergenceKind, Scope

if TYPE_CHECKING:  # run imports read, which reads the baseline with this module
    from pipeline.run import RunReport

# Whitespace differences are recorded but never fail a check by default: they are layout,
# not content.
DEFAULT_FAIL_ON = frozenset(kind for kind in DivergenceKind if kind is not DivergenceKind.whitespace)
REGENERATE = ("python cli.py check data/raw --baseline data/divergences.baseline.json "
              "--update-baseline")


def parse_kinds(values: Iterable[str] | None) -> frozenset[DivergenceKind]:
    """The kinds of `--fail-on typo,case --fail-on word`; none given: DEFAULT_FAIL_ON.

    >>> sorted(map(str, parse_kinds(["typo,case", "word"])))
    ['case', 'typo', 'word']
    """
    if not values:
        return DEFAULT_FAIL_ON
    chosen = {kind.strip() for value in values for kind in value.split(",") if kind.strip()}
    unknown = sorted(chosen - set(DivergenceKind))
    if unknown or not chosen:
        raise ConfigError(f"--fail-on: unknown kind(s) {', '.join(unknown) or '(none given)'}; "
                          f"choose among {', '.join(DivergenceKind)}")
    return frozenset(DivergenceKind(kind) for kind in chosen)


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
class Comparison:
    """The run's divergences of the `fail_on` kinds, against the acknowledged fingerprints."""

    checked: tuple[Finding, ...]  # of the fail_on kinds
    new: tuple[Finding, ...]  # checked, not in the baseline: they fail the check
    stale: int  # baseline entries the run no longer finds
    fail_on: frozenset[DivergenceKind]

    @property
    def known(self) -> int:
        return len(self.checked) - len(self.new)


def shown_file(root: Path, source_file: str) -> str:
    """An input as the user named it: `root` is the folder given, or the given file's folder."""
    return (root / source_file).as_posix()


def findings(report: RunReport, root: Path) -> list[Finding]:
    """Every divergence of the run (between a record's copies, or between occurrences of a
    resource), with its resource's title and file (see `shown_file`)."""
    titles = {r.resource_id: r.title for r in report.records}
    return [Finding(d, titles[d.resource_id], shown_file(root, _file_of(d))) for d in report.divergences]


def _file_of(d: Divergence) -> str:
    """The file of the line a finding points at (see `Finding.line`): an occurrence's own
    file for a divergence between occurrences."""
    return (d.other_file if d.resume_line is not None else d.source_file) or d.source_file


def compare(
    found: Iterable[Finding], acknowledged: Set[str], fail_on: Set[DivergenceKind] = DEFAULT_FAIL_ON
) -> Comparison:
    """Which findings of the `fail_on` kinds are new, and how many acknowledged ones are gone."""
    found = list(found)
    checked = tuple(f for f in found if f.divergence.kind in fail_on)
    new = tuple(f for f in checked if f.divergence.fingerprint not in acknowledged)
    stale = len(acknowledged - {f.divergence.fingerprint for f in found})
    return Comparison(checked, new, stale, frozenset(fail_on))


def baseline_document(found: Iterable[Finding]) -> dict:
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
            # Entries of the body-Résumé kind keep today's shape; the others say their scope.
            **({} if d.scope == Scope.copy else {"scope": d.scope}),
        })
    return {
        "comment": "Acknowledged divergences between bodies and Résumés. Regenerate with "
                   f"`{REGENERATE}` and review the diff.",
        "divergences": entries,
    }


def baseline_text(found: Iterable[Finding]) -> str:
    """The baseline document as the file holds it (stable bytes: a rerun changes nothing)."""
    return json.dumps(baseline_document(found), ensure_ascii=False, indent=2) + "\n"


def parse_baseline(text: str, *, source_file: str | None = None) -> frozenset[str]:
    """The fingerprints a baseline document acknowledges.

    Raises PipelineError (naming `source_file`) when the text is not a baseline document.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise PipelineError(f"baseline cannot be read ({error}); regenerate it with --update-baseline",
                            source_file=source_file) from None
    entries = document.get("divergences") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise PipelineError("not a divergence baseline (expected {\"divergences\": [{\"fingerprint\": "
                            "...}]}); regenerate it with --update-baseline", source_file=source_file)
    return frozenset(e["fingerprint"] for e in entries)
