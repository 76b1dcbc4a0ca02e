"""Tests for the HTML report: what the page holds, escaped, marked, and self-contained."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from html import escape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.read import read_baseline
from pipeline.records import DivergenceKind
from pipeline.report_html import REPORT_FILE, build_report
from pipeline.report_html.resources import OPEN_UP_TO, marked
from pipeline.run import RunReport, run_pipeline

ROOT = Path(__file__).parents[1]
RAW = ROOT / "data" / "raw"
BASELINE = ROOT / "data" / "divergences.baseline.json"
runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "RTES_WORKERS": None})


@pytest.fixture(scope="module")
def shipped() -> RunReport:
    return run_pipeline(RAW, workers=1)


@pytest.fixture(scope="module")
def page(shipped: RunReport) -> str:
    return build_report(shipped, RAW, acknowledged=read_baseline(BASELINE), baseline=str(BASELINE))


def test_marked_puts_the_side_where_the_context_marks_the_hunk() -> None:
    assert marked("la SCIC ⟨…⟩ vit", "Mobicoop", "del") == "la SCIC <del>Mobicoop</del> vit"
    assert marked("a ⟨…⟩ b", "x<y & z", "ins") == "a <ins>x&lt;y &amp; z</ins> b"
    assert marked("a ⟨…⟩ b", "", "ins") == "a  b"  # nothing on this side: the context alone
    assert marked("no mark here", "word", "del") == "<del>word</del>"
    assert marked("⟨…⟩", "a\u00a0b", "del") == "<del>a⍽b</del>"  # a no-break space made visible


def test_every_record_title_is_on_the_page(shipped: RunReport, page: str) -> None:
    for record in shipped.records:
        assert f"<h3>{escape(record.title)}</h3>" in page


def test_mobicoop_is_struck_in_the_body_and_mobiccop_marked_in_the_resume(page: str) -> None:
    assert "La SCIC <del>Mobicoop</del> vit de la prestation de" in page
    assert "La SCIC <ins>Mobiccop</ins> vit de la prestation de" in page


def test_each_divergence_shows_kind_preferred_side_reason_and_lines(shipped: RunReport, page: str) -> None:
    mobicoop = next(d for d in shipped.divergences if d.body_side == "Mobicoop")
    row = re.search(rf'<tr id="d-{mobicoop.fingerprint}-\d+">(.*?)</tr>', page).group(1)
    assert f"{mobicoop.body_line} / {mobicoop.resume_line}" in row
    assert "<td>typo</td>" in row
    assert '<span class="pref">body</span>' in row
    assert escape(mobicoop.reason) in row
    assert "known" in row
    rows = re.findall(r'<tr id="d-[0-9a-f]+-\d+">', page)
    assert len(rows) == len(shipped.divergences)


def test_text_from_the_export_is_escaped(shipped: RunReport) -> None:
    first, *rest = shipped.records
    hostile = "<script>alert('x')</script> & \"co\""
    title = first.raw.title._replace(text=hostile)
    records = (replace(first, raw=replace(first.raw, title=title)), *rest)
    divergences = (shipped.divergences[0]._replace(body_side="<b>bold</b>"), *shipped.divergences[1:])
    html = build_report(replace(shipped, records=tuple(records), divergences=divergences), RAW)
    assert "<script>alert" not in html
    assert escape(hostile) in html
    assert "<del>&lt;b&gt;bold&lt;/b&gt;</del>" in html
    assert html.count("<script>") == 1  # the page's own


def test_the_page_fetches_nothing(page: str) -> None:
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:|//|ftp:)""", page, re.I)
    assert not re.search(r"<link[^>]+stylesheet", page, re.I)
    assert not re.search(r"<(script|img|iframe|embed|object|audio|video)[^>]*\ssrc=", page, re.I)
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page  # and the browser is told so


def test_semantic_tables_and_headings(page: str) -> None:
    assert page.count("<h1>") == 1
    for heading in ("Run summary", "Check against the baseline", "Quarantine", "People", "Figures"):
        assert re.search(rf'<h2 id="[a-z]+-h">{heading}', page), heading
    tables = page.count("<table")
    assert tables == page.count("<thead>") and page.count('<th scope="col"') >= 5 * tables


def test_summary_names_inputs_counts_and_warnings(shipped: RunReport, page: str) -> None:
    assert "data/raw/rtes_export_2020-2021.txt" in page
    assert f"<dt>records</dt><dd>{len(shipped.records)}</dd>" in page
    assert "<dt>files failed</dt><dd>0</dd>" in page
    for warning in shipped.warnings:
        assert escape(warning) in page


def test_quarantine_lists_the_site_header_with_its_lines(page: str) -> None:
    quarantine = page[page.index('<section id="quarantine"'):page.index('<section id="people"')]
    assert "site header" in quarantine
    assert '<td class="num">1–2</td>' in quarantine
    assert "Réseau des collectivités Territoriales pour une Économie Solidaire" in quarantine


def test_people_have_their_records_and_roles(shipped: RunReport, page: str) -> None:
    people = page[page.index('<section id="people"'):page.index('<section id="figures"')]
    for person in shipped.people:
        assert f'<th scope="row">{escape(person.name)}' in people
    assert "déléguée générale" in people
    assert people.count('<a href="#res-') >= len(shipped.people)


def test_figures_table_has_one_row_per_figure_with_sortable_values(shipped: RunReport, page: str) -> None:
    assert page.count("<tr data-unit=") == len(shipped.figures)
    assert '<td class="num" data-sort="4500.0">4 500</td>' in page


def test_check_against_the_baseline_new_known_stale(shipped: RunReport) -> None:
    passing = build_report(shipped, RAW, acknowledged=read_baseline(BASELINE), baseline="b.json")
    assert "no new divergence: the check passes" in passing and 'badge new"' not in passing
    stale = build_report(shipped, RAW, acknowledged=frozenset({"0123456789abcdef"}), baseline="b.json")
    checked = sum(1 for d in shipped.divergences if d.kind is not DivergenceKind.whitespace)
    assert f"{checked} new: the check fails" in stale
    assert "<code>0123456789abcdef</code>" in stale  # the stale entry, named
    assert "No baseline given" in build_report(shipped, RAW)


def test_divergent_resources_open_on_a_small_export_all_closed_on_a_big_one(shipped: RunReport) -> None:
    small = build_report(shipped, RAW)
    opened = re.findall(r'<details class="resource" id="res-(\w+)" data-divergent="(\w+)"( open)?>', small)
    assert opened and all((divergent == "yes") == bool(is_open) for _, divergent, is_open in opened)
    copies = OPEN_UP_TO // len(shipped.records) + 1
    big = build_report(replace(shipped, records=shipped.records * copies), RAW)
    assert big.count('<details class="resource"') > OPEN_UP_TO
    assert not re.search(r'<details class="resource"[^>]* open>', big)


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(RAW), "--out", str(tmp_path / "out"),
                                 "--baseline", str(BASELINE), "--workers", "1"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / REPORT_FILE
    assert f"report: {written}" in result.stderr
    assert "La SCIC <del>Mobicoop</del>" in written.read_text(encoding="utf-8")


def test_report_command_fails_on_a_bad_out_before_the_run(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["report", str(RAW), "--out", str(blocker)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: ") and str(blocker) in line


def test_report_command_fails_on_a_missing_baseline(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = runner.invoke(app, ["report", str(RAW), "--out", str(tmp_path), "--baseline", str(missing)])
    assert result.exit_code == 2
    assert str(missing) in result.stderr and not (tmp_path / REPORT_FILE).exists()


def test_check_writes_the_report_next_to_its_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(RAW), "--baseline", str(BASELINE), "--format", "json",
                                 "--report", str(tmp_path / "artifact"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "pass"  # still exactly one JSON document
    assert "no new divergence" in (tmp_path / "artifact" / REPORT_FILE).read_text(encoding="utf-8")


def test_an_edit_between_two_pages_is_shown_with_both_files(tmp_path) -> None:
    text = (RAW / "rtes_export_2020-2021.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    edited = text.replace("Un travail a d’abord été réalisé", "Un long travail a d’abord été réalisé", 1)
    (tmp_path / "b.txt").write_text(edited, encoding="utf-8")
    html = build_report(run_pipeline(tmp_path), tmp_path)
    row = next(r for r in html.split("<tr") if "between pages" in r)
    assert "a.txt:" in row and "b.txt:" in row and "<del>long</del>" in row
