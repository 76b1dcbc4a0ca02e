"""The word diff of `diff`: each divergent record's hunks with line numbers, grouped by record."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from pipeline.baseline import shown_file
from pipeline.errors import PipelineError
from pipeline.records import CONTEXT_MARK, Divergence, DuplicateStatus, Record, Scope, Side
from pipeline.run import RunReport

# Old text red and struck through, new text bold green; without colour `[-old-]{+new+}`.
OLD_STYLE, NEW_STYLE = "strike red", "bold green"


def render_diff(report: RunReport, root: Path, resource: str | None = None, *, color: bool = False) -> Text:
    """Each divergent record's hunks as a word diff, files shown under `root`.

    With `resource` (a resource_id or part of a title), the matching records whatever their
    status; raises PipelineError when none matches.
    """
    hunks: dict[str, list[Divergence]] = {}
    for d in report.divergences:
        hunks.setdefault(d.resource_id, []).append(d)
    sections = []
    for record in _select(report.records, resource):
        if resource is None and record.duplicate_status != DuplicateStatus.divergent \
                and not hunks.get(record.resource_id):
            continue
        section = Text()
        section.append(f"== {record.title}", style="bold")
        section.append(
            f"\n   {shown_file(root, record.source_file)}:{record.title_line}  {record.resource_id}  "
            f"{record.duplicate_status}, {record.n_divergences} divergence(s), "
            f"similarity {record.similarity if record.similarity is not None else '-'}")
        for d in hunks.get(record.resource_id, []):
            section.append("\n")
            section.append_text(_hunk(d, color))
        sections.append(section)
    return Text("\n\n").join(sections) if sections else Text("no divergent record")


def _select(records: Sequence[Record], resource: str | None) -> list[Record]:
    if resource is None:
        return list(records)
    wanted = resource.casefold()
    chosen = [r for r in records if r.resource_id == resource or wanted in r.title.casefold()]
    if not chosen:
        raise PipelineError(f"no record matches «{resource}»: give a resource_id or part of a title")
    return chosen


def _hunk(d: Divergence, color: bool) -> Text:
    if d.scope == Scope.occurrence:  # the canonical occurrence against another page's
        where = f"{d.source_file}:{_or_dash(d.body_line)} | {d.other_file}:{_or_dash(d.resume_line)}"
        sides = {Side.body: "canonical", Side.resume: f"{d.other_file}"}
    else:
        where = f"body {_or_dash(d.body_line)} | Résumé {_or_dash(d.resume_line)}"
        sides = {Side.body: "body", Side.resume: "Résumé"}
    line = Text(f"   {where:<24} {d.kind:<12} ")
    change = _change(_visible(d.body_side), _visible(d.resume_side), color)
    before, mark, after = d.context.partition(CONTEXT_MARK)
    line.append_text(Text(before) + change + Text(after) if mark else change)
    notes = [d.detail] if d.detail else []
    if d.preferred:
        notes.append(f"→ {sides[d.preferred]} ({d.reason})")
    elif d.reason:
        notes.append(f"→ no preference ({d.reason})")
    for note in notes:
        line.append(f"\n   {'':<24} {'':<12} {note}", style="dim")
    return line


def _or_dash(line: int | None) -> str:
    return "-" if line is None else str(line)


def _visible(text: str) -> str:
    """Whitespace a reader cannot see, made visible."""
    return text.replace("\u00a0", "⍽").replace("\n", "¶")


def _change(old: str, new: str, color: bool) -> Text:
    if color:
        return Text.assemble((old, OLD_STYLE), (new, NEW_STYLE))
    return Text((f"[-{old}-]" if old else "") + (f"{{+{new}+}}" if new else ""))
