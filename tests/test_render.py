"""Tests for what the command line shows, on values rather than through a run of the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from pipeline.baseline import compare, findings
from pipeline.render import check_json, describe_figures, format_people, render_diff, run_summary
from pipeline.render.check import Failure, escape_data, escape_property
from pipeline.run import run_pipeline

SHIPPED = Path(__file__).parents[1] / "data" / "raw" / "rtes_export_2020-2021.txt"


def plain(renderable) -> str:
    console = Console(color_system=None, width=200)
    with console.capture() as captured:
        console.print(renderable)
    return "\n".join(line.rstrip() for line in captured.get().splitlines())


def test_github_escaping() -> None:
    assert escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert escape_property("data/raw/a,b:c.txt") == "data/raw/a%2Cb%3Ac.txt"


def test_format_people_of_nobody() -> None:
    assert plain(format_people([])).splitlines()[-1] == "0 people"


def test_describe_figures_lists_nothing_for_records_without_figures() -> None:
    report = run_pipeline(SHIPPED)
    assert plain(describe_figures(report.records, [])) == "0 figures in 0 resources"


def test_check_json_holds_failures_and_the_comparison() -> None:
    report = run_pipeline(SHIPPED)
    comparison = compare(findings(report, SHIPPED.parent), acknowledged=set())
    failure = Failure("raw/bad.txt", "raw/bad.txt: empty")
    document = json.loads(check_json(comparison, [failure], Path("b.json")))
    assert document["status"] == "incomplete"
    assert (document["checked"], document["known"], len(document["new"])) == (14, 0, 14)
    assert document["failures"] == [{"file": "raw/bad.txt", "error": "raw/bad.txt: empty"}]


def test_the_diff_shows_an_occurrence_edit_between_the_two_pages(tmp_path) -> None:
    """Two pages list the same record, one with a word added: the diff names both files."""
    text = SHIPPED.read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    edited = text.replace("Un travail a d’abord été réalisé", "Un long travail a d’abord été réalisé", 1)
    assert edited != text
    (tmp_path / "b.txt").write_text(edited, encoding="utf-8")
    shown = plain(render_diff(run_pipeline(tmp_path), tmp_path))
    occurrence = [line for line in shown.splitlines() if "a.txt:" in line and "b.txt:" in line]
    assert len(occurrence) == 1 and "[-long-]" in occurrence[0], shown


def test_the_run_summary_counts_people_and_their_rows_by_participation(tmp_path) -> None:
    shown = plain(run_summary(run_pipeline(SHIPPED), tmp_path, {}))
    line = next(line for line in shown.splitlines() if line.startswith("speakers"))
    assert line.split(None, 1)[1] == "34 people, 38 row(s): 7 mentioned, 1 moderator, 30 speaker"
