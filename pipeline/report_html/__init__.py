"""The HTML report: one static, self-contained page a maintainer opens from `file://`.

Built with the standard library only (`html.escape` and strings); its style sheet and
script are inline, so the page fetches nothing. `build_report` returns the page as text;
`write.write_text_atomic` writes it (`REPORT_FILE` in the folder given).
"""

from __future__ import annotations

from collections.abc import Set
from html import escape
from pathlib import Path

from pipeline.baseline import DEFAULT_FAIL_ON, Comparison, compare, findings, shown_file
from pipeline.records import DivergenceKind
from pipeline.report_html.assets import CSS, JS
from pipeline.report_html.resources import OPEN_UP_TO, resources_section
from pipeline.report_html.sections import (
    check_section,
    figures_section,
    people_section,
    quarantine_section,
    summary_section,
)
from pipeline.run import RunReport

REPORT_FILE = "report.html"

NAVIGATION = (("summary", "Summary"), ("check", "Check"), ("resources", "Resources"),
              ("quarantine", "Quarantine"), ("people", "People"), ("figures", "Figures"))


def build_report(
    report: RunReport,
    root: Path,
    *,
    acknowledged: Set[str] | None = None,
    baseline: str | None = None,
    fail_on: Set[DivergenceKind] | None = None,
) -> str:
    """The whole page for a run whose inputs were under `root` (the folder, or the file's folder).

    With `acknowledged` (the baseline's fingerprints, from `read.read_baseline`) the page holds
    the check: each divergence new or known, and the stale entries. `fail_on` defaults to
    the check's default kinds.
    """
    found = findings(report, root)
    comparison: Comparison | None = None
    statuses: dict[str, str] = {}
    if acknowledged is not None:
        comparison = compare(found, acknowledged, DEFAULT_FAIL_ON if fail_on is None else fail_on)
        new = {f.divergence.fingerprint for f in comparison.new}
        statuses = {f.divergence.fingerprint: "new" if f.divergence.fingerprint in new else "known"
                    for f in comparison.checked}
    records = {r.resource_id: r for r in report.records}
    shown = {d.source_file: shown_file(root, d.source_file) for d in report.documents}
    inputs = [(shown[d.source_file], d) for d in report.documents]
    failures = [(shown_file(root, f.source_file), f.message) for f in report.failures]
    sections = [
        summary_section(report, inputs, failures),
        check_section(comparison, frozenset(acknowledged or ()), found, baseline),
        resources_section(report.records, report.divergences, statuses,
                          lambda record: shown.get(record.source_file, record.source_file)),
        quarantine_section(report.quarantine, shown),
        people_section(report.people, report.speakers, records),
        figures_section(report.figures, records),
    ]
    names = ", ".join(name for name, _ in inputs) or "no input"
    hunks = sum(1 for d in report.divergences if d.kind != DivergenceKind.whitespace)
    nav = "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in NAVIGATION)
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing may be fetched: not even a favicon request.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        '<link rel="icon" href="data:,">',
        f"<title>RTES report — {escape(names)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        '<body class="large">' if len(report.records) > OPEN_UP_TO else "<body>",
        f'<header class="top"><h1>RTES export report</h1><p>{escape(names)}: {len(report.records)} '
        f"record(s), {hunks} divergence(s) besides whitespace</p></header>",
        f'<nav class="toc" aria-label="sections"><ul>{nav}</ul></nav>',
        "<main>",
        *sections,
        "</main>",
        f"<script>{JS}</script>",
        "</body>",
        "</html>",
        "",
    ])
