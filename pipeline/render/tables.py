"""The run summary of `ingest`, and the people and figures of `people` and `figures`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text

from pipeline.records import DivergenceKind, DuplicateStatus, Figure, FigureKind, Person, Record, Unit
from pipeline.run import RunReport

MAX_WARNINGS_SHOWN = 12  # keep the summary on one screen; the manifest has them all (-v shows all)
LABEL_WIDTH = 14


def run_summary(
    report: RunReport, out_dir: Path, written: Mapping[str, Path], *, verbose: bool = False
) -> Text:
    """One screen: what was read, what came out, what needs a look, where the tables are.

    Failed files are not listed here: the command line prints them as errors.
    """
    statuses = Counter(r.duplicate_status for r in report.records)
    quarantined = sum(q.line_end - q.line_start + 1 for q in report.quarantine)
    hunks = sum(1 for d in report.divergences if d.kind != DivergenceKind.whitespace)
    failed = Text(f"{len(report.failures)} failed", style="bold red" if report.failures else "")
    text = Text()
    _row(text, "inputs", Text(f"{len(report.documents)} file(s) read, ") + failed
         + Text(f", {len(report.skipped)} skipped" if report.skipped else ""))
    for skipped in report.skipped if report.skipped else ():
        text.append(f"  - skipped {skipped.path}: {skipped.reason}\n")
    if report.occurrences:
        differ = sum(o.differs_from_canonical for o in report.occurrences)
        _row(text, "catalogue", Text(f"{len(report.records)} resource(s) from {len(report.occurrences)} "
                                     f"record(s), {differ} differing from their canonical occurrence"))
    _row(text, "records", Text(f"{len(report.records)}  (" + ", ".join(
        f"{status} {n}" for status, n in sorted(statuses.items())) + ")"))
    _row(text, "divergent", Text(f"{statuses.get(DuplicateStatus.divergent, 0)} pair(s), {hunks} hunk(s)"))
    roles = Counter(s.participation for s in report.speakers)
    _row(text, "speakers", Text(f"{len(report.people)} people, {len(report.speakers)} row(s): " + ", ".join(
        f"{n} {role}" for role, n in sorted(roles.items()))))
    _row(text, "figures", Text(f"{len(report.figures)}"))
    _row(text, "quarantined", Text(f"{quarantined} line(s) in {len(report.quarantine)} span(s)"))
    _row(text, "warnings", Text(f"{len(report.warnings)}", style="yellow" if report.warnings else ""))
    shown = report.warnings if verbose else report.warnings[:MAX_WARNINGS_SHOWN]
    for warning in shown:
        text.append(f"  - {warning}\n", style="yellow")
    if len(report.warnings) > len(shown):
        text.append(f"  ... {len(report.warnings) - len(shown)} more in {out_dir / 'manifest.json'} "
                    "(-v lists them all)\n")
    if verbose:
        _row(text, "stages", Text(", ".join(
            f"{name} {seconds:.2f}s" for name, seconds in report.stage_seconds.items())))
    _row(text, "tables", Text(f"{out_dir}/ ({', '.join(sorted(written))}) in {report.seconds:.2f}s"))
    text.rstrip()
    return text


def _row(text: Text, label: str, value: Text) -> None:
    text.append(f"{label:<{LABEL_WIDTH}}", style="bold")
    text.append_text(value)
    text.append("\n")


def format_people(people: Sequence[Person]) -> Group:
    """The people table, one person a row, in the order given (most resources first)."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("resources", justify="right")
    table.add_column("spoke", justify="right")
    table.add_column("name", style="cyan")
    table.add_column("person_id")
    table.add_column("roles", overflow="fold")
    for person in people:
        table.add_row(str(person.n_resources), str(person.n_as_speaker), person.name, person.person_id,
                      " | ".join(person.roles) or "-")
    return Group(table, Text(f"{len(people)} people"))


def describe_figures(records: Sequence[Record], figures: Sequence[Figure], unit: Unit | None = None) -> Text:
    """The figures of each record under its title, optionally only those in `unit`."""
    chosen = [f for f in figures if unit is None or f.unit == unit]
    by_record: dict[str, list[Figure]] = {}
    for figure in chosen:
        by_record.setdefault(figure.resource_id, []).append(figure)
    text, shown = Text(), 0
    for record in records:
        mine = by_record.get(record.resource_id)
        if not mine:
            continue
        shown += 1
        text.append(record.title, style="bold")
        text.append(f" [{record.resource_id}]\n", style="dim")
        for figure in mine:
            text.append(f"  {_describe(figure)}\n")
        text.append("\n")
    in_unit = f" in {unit}" if unit else ""
    text.append(f"{len(chosen)} figures{in_unit} in {shown} resources")
    return text


def _describe(figure: Figure) -> str:
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    subject = f" {figure.subject}" if figure.subject and figure.kind != FigureKind.headcount else ""
    where = "title" if figure.in_title else f"line {figure.line}"
    return (f"{qualifier}{_number(figure.value)} {figure.unit or '?'}{subject}  "
            f"({figure.kind or 'unit not said'}) «{figure.raw}» {where}")


def _number(value: float) -> str:
    """1500000.0 -> '1 500 000', 33.33 -> '33.33': whole numbers grouped the French way.

    >>> _number(1500000.0), _number(33.33)
    ('1 500 000', '33.33')
    """
    if value.is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:g}"
