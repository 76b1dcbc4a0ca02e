"""The report's sections other than the resources: run summary, check against the baseline,
quarantine, people and figures. Each function returns one `<section>` as a string."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape

from pipeline.baseline import Comparison, Finding
from pipeline.records import (
    DivergenceKind,
    Figure,
    Person,
    QuarantinedSpan,
    Record,
    SourceDocument,
    Speaker,
)
from pipeline.report_html.resources import anchor, marked
from pipeline.run import RunReport

# Warnings beyond this many are folded into a <details> (a 20 MB export has thousands).
WARNINGS_OPEN = 20


def _section(key: str, title: str, content: str) -> str:
    return (f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{escape(title)}</h2>'
            f"{content}</section>")


def _link(record: Record | None, resource_id: str) -> str:
    title = record.title if record else resource_id
    return f'<a href="#{anchor(resource_id)}">{escape(title)}</a>'


def summary_section(
    report: RunReport, inputs: Sequence[tuple[str, SourceDocument]], failures: Sequence[tuple[str, str]]
) -> str:
    """Inputs read, files that failed, what came out, and every warning of the run.

    `inputs` pairs each document's shown name with the document; `failures` each failed file's
    shown name with its message.
    """
    statuses = Counter(r.duplicate_status for r in report.records)
    hunks = sum(1 for d in report.divergences if d.kind != DivergenceKind.whitespace)
    quarantined = sum(q.line_end - q.line_start + 1 for q in report.quarantine)
    counts = [
        ("files read", len(inputs)), ("files failed", len(failures)), ("records", len(report.records)),
        ("divergent records", statuses.get("divergent", 0)), ("divergences (not whitespace)", hunks),
        ("quarantined lines", quarantined), ("people", len(report.people)),
        ("figures", len(report.figures)), ("warnings", len(report.warnings)),
    ]
    parts = ['<dl class="counts">' + "".join(
        f"<div><dt>{escape(label)}</dt><dd>{value}</dd></div>" for label, value in counts) + "</dl>"]
    parts.append('<p class="muted">Records by status: ' + escape(", ".join(
        f"{status} {n}" for status, n in sorted(statuses.items()))) + ".</p>")
    rows = "".join(
        f'<tr><th scope="row">{escape(name)}</th><td>{escape(doc.rendition)}</td>'
        f'<td>{escape(doc.encoding)}</td>'
        f'<td class="num">{doc.size:,}</td><td><code>{escape(doc.sha256[:16])}</code></td>'
        f'<td class="num">{len(doc.warnings)}</td></tr>' for name, doc in inputs)
    parts.append('<h3>Inputs</h3><table><thead><tr><th scope="col">file</th><th scope="col">read as</th>'
                 '<th scope="col">encoding</th><th scope="col" class="num">bytes</th>'
                 '<th scope="col">sha256 (start)</th><th scope="col" class="num">warnings</th></tr></thead>'
                 f"<tbody>{rows}</tbody></table>")
    if failures:
        items = "".join(f"<li><strong>{escape(name)}</strong>: {escape(message)}</li>"
                        for name, message in failures)
        parts.append(f"<h3>Files not read ({len(failures)})</h3><ul class=\"warnings\">{items}</ul>")
    else:
        parts.append('<h3>Files not read</h3><p class="muted">None: every input was read.</p>')
    parts.append(_warnings(report.warnings))
    return _section("summary", "Run summary", "".join(parts))


def _warnings(warnings: Sequence[str]) -> str:
    if not warnings:
        return '<h3>Warnings</h3><p class="muted">None.</p>'
    items = "".join(f"<li>{escape(w)}</li>" for w in warnings)
    listing = f'<ul class="warnings">{items}</ul>'
    if len(warnings) > WARNINGS_OPEN:
        listing = f"<details><summary>show all {len(warnings)}</summary>{listing}</details>"
    return f"<h3>Warnings ({len(warnings)})</h3>{listing}"


def check_section(comparison: Comparison | None, acknowledged: frozenset[str], found: Sequence[Finding],
                  baseline: str | None) -> str:
    """New, known and stale divergences against the baseline, or how to get them."""
    if comparison is None:
        return _section("check", "Check against the baseline", '<p class="muted">No baseline given: '
                        "<code>rtes report --baseline data/divergences.baseline.json</code> adds the check."
                        "</p>")
    stale = sorted(acknowledged - {f.divergence.fingerprint for f in found})
    verdict = (f'<strong class="badge new">{len(comparison.new)} new: the check fails</strong>'
               if comparison.new
               else '<strong class="badge known">no new divergence: the check passes</strong>')
    counts = [("checked", len(comparison.checked)), ("new", len(comparison.new)),
              ("known", comparison.known), ("stale", comparison.stale)]
    parts = [
        f"<p>Baseline <code>{escape(baseline or '')}</code>; kinds checked: "
        f"{escape(', '.join(sorted(comparison.fail_on)))}. {verdict}</p>",
        '<dl class="counts">' + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in counts) + "</dl>",
    ]
    parts.append(_findings("New divergences (not in the baseline)", comparison.new, opened=True))
    new = set(comparison.new)
    known = [f for f in comparison.checked if f not in new]
    parts.append(_findings("Known divergences (acknowledged)", known, opened=False))
    if stale:
        items = "".join(f"<li><code>{escape(fp)}</code></li>" for fp in stale)
        parts.append(f"<h3>Stale baseline entries ({len(stale)})</h3><p class=\"muted\">Acknowledged "
                     f"fingerprints this run no longer finds: update the baseline.</p><ul>{items}</ul>")
    else:
        parts.append('<h3>Stale baseline entries</h3><p class="muted">None.</p>')
    return _section("check", "Check against the baseline", "".join(parts))


def _findings(title: str, findings: Sequence[Finding], opened: bool) -> str:
    if not findings:
        return f'<h3>{escape(title)}</h3><p class="muted">None.</p>'
    rows = "".join(
        f'<tr><td><a href="#{anchor(f.divergence.resource_id)}">{escape(f.title)}</a>'
        f"</td><td>{escape(f.file)}:{f.line if f.line is not None else '—'}</td>"
        f"<td>{escape(f.divergence.kind)}</td>"
        f"<td>{marked(f.divergence.context, f.divergence.body_side, 'del')}</td>"
        f"<td>{marked(f.divergence.context, f.divergence.resume_side, 'ins')}</td>"
        f"<td><code>{escape(f.divergence.fingerprint)}</code></td></tr>" for f in findings)
    table = ('<table><thead><tr><th scope="col">resource</th><th scope="col">where</th>'
             '<th scope="col">kind</th><th scope="col">body</th><th scope="col">Résumé</th>'
             f'<th scope="col">fingerprint</th></tr></thead><tbody>{rows}</tbody></table>')
    return (f"<details{' open' if opened else ''}><summary><h3 style=\"display:inline\">{escape(title)} "
            f"({len(findings)})</h3></summary>{table}</details>")


def quarantine_section(spans: Sequence[QuarantinedSpan], shown: Mapping[str, str]) -> str:
    """Lines that belong to no record: where they are, why, and what they say."""
    if not spans:
        return _section("quarantine", "Quarantine", '<p class="muted">No quarantined line.</p>')
    rows = "".join(
        f'<tr><td>{escape(shown.get(q.source_file, q.source_file))}</td>'
        f'<td class="num">{q.line_start}–{q.line_end}</td><td>{escape(q.reason)}</td>'
        f'<td><pre class="quarantine">{escape(q.text.rstrip(chr(10)))}</pre></td></tr>'
        for q in spans)
    return _section("quarantine", f"Quarantine ({len(spans)} span(s))", (
        '<table><thead><tr><th scope="col">file</th><th scope="col" class="num">lines</th>'
        '<th scope="col">reason</th><th scope="col">text</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"))


def people_section(people: Sequence[Person], speakers: Sequence[Speaker], records: Mapping[str, Record]
                   ) -> str:
    """Each person with the records they appear in and the roles they hold there."""
    if not people:
        return _section("people", "People", '<p class="muted">No person found.</p>')
    seen: dict[str, dict[str, set[str]]] = {}
    for s in speakers:
        roles = seen.setdefault(s.person_id, {}).setdefault(s.resource_id, set())
        if s.role:
            roles.add(s.role)
    rows = []
    for person in people:
        appearances = "".join(
            f"<li>{_link(records.get(rid), rid)}"
            + (f' <span class="muted">({escape("; ".join(sorted(roles)))})</span>' if roles else "")
            + "</li>" for rid, roles in seen.get(person.person_id, {}).items())
        variants = ", ".join(v for v in person.variants if v != person.name)
        rows.append(
            f'<tr><th scope="row">{escape(person.name)}'
            + (f'<span class="detail">also {escape(variants)}</span>' if variants else "")
            + f'</th><td>{"<br>".join(escape(r) for r in person.roles) or "—"}</td>'
            f'<td class="num">{person.n_resources}</td><td class="num">{person.n_as_speaker}</td>'
            f"<td><ul>{appearances}</ul></td></tr>")
    return _section("people", f"People ({len(people)})", (
        '<table><thead><tr><th scope="col">name</th><th scope="col">roles</th>'
        '<th scope="col" class="num">records</th><th scope="col" class="num">as speaker</th>'
        f'<th scope="col">appears in (role there)</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'))


def figures_section(figures: Sequence[Figure], records: Mapping[str, Record]) -> str:
    """Every figure in one table; the script sorts, filters and pages it."""
    if not figures:
        return _section("figures", "Figures", '<p class="muted">No figure found.</p>')
    units = sorted({f.unit or "" for f in figures} - {""})
    options = "".join(f'<option value="{escape(u)}">{escape(u)}</option>' for u in units)
    controls = (
        '<div class="controls" data-js-only hidden>'
        '<label>Filter <input type="search" id="figure-filter" placeholder="words in any column"></label>'
        f'<label>Unit <select id="figure-unit"><option value="">any</option>{options}</select></label>'
        '<span id="figure-count" class="muted" aria-live="polite"></span>'
        '</div>')
    rows = "".join(_figure_row(f, records.get(f.resource_id)) for f in figures)
    table = ('<table class="figures"><thead><tr><th scope="col">resource</th><th scope="col">as written</th>'
             '<th scope="col" class="num">value</th><th scope="col">unit</th><th scope="col">kind</th>'
             '<th scope="col">subject</th><th scope="col" class="num">line</th>'
             f'<th scope="col">sentence</th></tr></thead><tbody>{rows}</tbody></table>')
    more = '<p><button type="button" id="figure-more" hidden>Show more</button></p>'
    return _section("figures", f"Figures ({len(figures)})", controls + table + more)


def _figure_row(f: Figure, record: Record | None) -> str:
    value = _number(f.value)
    if f.value_min is not None and f.value_max is not None and f.value_min != f.value_max:
        value = f"{_number(f.value_min)}–{_number(f.value_max)}"
    subject = " ".join(x for x in (f.qualifier, f.subject) if x)
    return (f'<tr data-unit="{escape(f.unit or "")}"><td>{_link(record, f.resource_id)}</td>'
            f"<td>{escape(f.raw)}</td>"
            f'<td class="num" data-sort="{f.value!r}">{value}</td><td>{escape(f.unit or "—")}</td>'
            f"<td>{escape(f.kind or '—')}</td><td>{escape(subject)}</td>"
            f'<td class="num" data-sort="{f.line if f.line is not None else -1}">'
            f'{f.line if f.line is not None else "—"}</td>'
            f'<td class="sentence">{escape(f.sentence)}</td></tr>')


def _number(value: float) -> str:
    return f"{int(value):,}".replace(",", " ") if value == int(value) else f"{value:,.2f}".replace(",", " ")
