"""Per resource: its facts and its divergences side by side, body against Résumé.

Each resource is a `<details>` element whose `<summary>` carries the title, so every title is
on screen while the page stays light: a 20 MB export's resources are all closed at first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from pipeline.records import CONTEXT_MARK, Divergence, DuplicateStatus, Record, Scope, Side

# Up to this many resources, the divergent ones are open when the page loads.
OPEN_UP_TO = 50

SIDE_NAMES = {Side.body: "body", Side.resume: "Résumé"}
# Widths of the divergence table's columns: lines, kind, body, Résumé, preferred, reason, check.
COLUMNS = ("<colgroup><col style=\"width:6.5rem\"><col style=\"width:6.5rem\"><col><col>"
           "<col style=\"width:6.5rem\"><col style=\"width:17rem\"><col style=\"width:7rem\"></colgroup>")


def anchor(resource_id: str) -> str:
    """The id of a resource's element in the page (ids start with a letter already)."""
    return f"res-{resource_id}"


def resources_section(
    records: Sequence[Record], divergences: Sequence[Divergence], statuses: Mapping[str, str], root_of
) -> str:
    """The section of every resource, in export order.

    `statuses` maps a fingerprint to "new" or "known" (absent: a kind the check ignores);
    `root_of(record)` names the record's file as the user gave it.
    """
    hunks: dict[str, list[Divergence]] = {}
    for d in divergences:
        hunks.setdefault(d.resource_id, []).append(d)
    open_divergent = len(records) <= OPEN_UP_TO
    parts = [
        '<section id="resources" aria-labelledby="resources-h">',
        f'<h2 id="resources-h">Resources ({len(records)})</h2>',
        '<p class="muted">Each divergence shows the body on the left and the Résumé on the right: '
        "words only in the body are <del>struck</del>, words only in the Résumé are <ins>marked</ins>. "
        "The preferred side is the copy the evidence says is right.</p>",
        '<div class="controls" data-js-only hidden>'
        '<button type="button" id="open-all">Open all</button>'
        '<button type="button" id="close-all">Close all</button>'
        '<label><input type="checkbox" id="only-divergent"> only resources with divergences</label>'
        "</div>",
    ]
    for record in records:
        found = hunks.get(record.resource_id, [])
        parts.append(_resource(record, found, statuses, root_of(record),
                               opened=open_divergent and bool(found)))
    parts.append("</section>")
    return "\n".join(parts)


def _resource(record: Record, found: list[Divergence], statuses: Mapping[str, str], file: str,
              opened: bool) -> str:
    status = record.duplicate_status
    badge = f'<span class="badge {escape(status)}">{escape(status)}</span>'
    count = f"{len(found)} divergence(s)" if found else "no divergence"
    new = sum(1 for d in found if statuses.get(d.fingerprint) == "new")
    new_badge = f' <span class="badge new">{new} new</span>' if new else ""
    summary = (f'<summary><h3>{escape(record.title)}</h3> {badge} '
               f'<span class="muted">{count}, lines {record.raw.line_start}–{record.raw.line_end}</span>'
               f"{new_badge}</summary>")
    body = [_facts(record, file)]
    if found:
        body.append(divergence_table(found, statuses))
    elif status == DuplicateStatus.identical:
        body.append('<p class="muted">Body and Résumé are identical.</p>')
    divergent = "yes" if found else "no"
    return (f'<details class="resource" id="{anchor(record.resource_id)}" data-divergent="{divergent}"'
            f'{" open" if opened else ""}>{summary}<div class="inner">{"".join(body)}</div></details>')


def _facts(record: Record, file: str) -> str:
    meta = record.metadata
    date = meta.event_date.start.isoformat() if meta.event_date.start else "—"
    if meta.event_date.end and meta.event_date.end != meta.event_date.start:
        date += f" to {meta.event_date.end.isoformat()}"
    similarity = f"{record.similarity:.4f}" if record.similarity is not None else "—"
    facts = [
        ("source", f"{file}:{record.title_line}"),
        ("resource_id", record.resource_id),
        ("type", meta.resource_type or "—"),
        ("event", f"{meta.event_kind or '—'}, {date}"),
        ("similarity", similarity),
    ]
    rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    for warning in record.warnings:
        rows += f'<dt>warning</dt><dd class="muted">{escape(warning)}</dd>'
    return f'<dl class="facts">{rows}</dl>'


def divergence_table(found: Sequence[Divergence], statuses: Mapping[str, str]) -> str:
    """The divergences of one resource, one row each, body and Résumé side by side."""
    head = ("<thead><tr><th scope=\"col\">lines (body / Résumé)</th><th scope=\"col\">kind</th>"
            "<th scope=\"col\">body</th><th scope=\"col\">Résumé</th><th scope=\"col\">preferred</th>"
            "<th scope=\"col\">reason</th><th scope=\"col\">check</th></tr></thead>")
    rows = "".join(_divergence_row(d, statuses.get(d.fingerprint)) for d in found)
    return f'<table class="sides">{COLUMNS}{head}<tbody>{rows}</tbody></table>'


def _divergence_row(d: Divergence, status: str | None) -> str:
    lines = f"{_line(d.body_line)} / {_line(d.resume_line)}"
    kind = escape(d.kind)
    if d.scope == Scope.occurrence:  # another page's copy against the canonical one
        lines = (f"{escape(d.source_file)}:{_line(d.body_line)} / "
                 f"{escape(d.other_file)}:{_line(d.resume_line)}")
        kind += '<span class="detail">between pages: canonical / other</span>'
    body = marked(d.context, d.body_side, "del")
    resume = marked(d.context, d.resume_side, "ins")
    preferred = (f'<span class="pref">{SIDE_NAMES[d.preferred]}</span>' if d.preferred
                 else '<span class="muted">no preference</span>')
    reason = escape(d.reason or "")
    if d.detail:
        reason += f'<span class="detail">{escape(d.detail)}</span>'
    check = status or "unchecked"
    label = {"new": "new", "known": "known", "unchecked": "not checked"}[check]
    return (f'<tr id="d-{escape(d.fingerprint)}-{d.hunk_index}"><td class="lines">{lines}</td>'
            f"<td>{kind}</td>"
            f'<td class="side">{body}</td><td class="side">{resume}</td><td>{preferred}</td>'
            f'<td class="reason">{reason}</td><td><span class="badge {check}">{label}</span></td></tr>')


def marked(context: str, side: str, tag: str) -> str:
    """The hunk's context with this side's words in `<del>` or `<ins>` where the mark stands."""
    words = f"<{tag}>{escape(visible(side))}</{tag}>" if side else ""
    before, mark, after = context.partition(CONTEXT_MARK)
    if not mark:
        return words
    return f"{escape(before)}{words}{escape(after)}"


def visible(text: str) -> str:
    """Whitespace a reader cannot see, made visible (as `rtes diff` shows it)."""
    return text.replace("\u00a0", "⍽").replace("\n", "¶")


def _line(line: int | None) -> str:
    return "—" if line is None else str(line)
