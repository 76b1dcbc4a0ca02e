"""Tests for the divergence check against a baseline (the comparison, and through the CLI) and the diff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from pipeline.baseline import DEFAULT_FAIL_ON, compare, findings, parse_baseline
from pipeline.errors import PipelineError
from pipeline.records import DivergenceKind
from pipeline.run import run_pipeline

SHIPPED = Path(__file__).parents[1] / "data" / "raw" / "rtes_export_2020-2021.txt"
SCIC_TITLE = "SCIC et collectivités territoriales"
# Line 456 is a Résumé paragraph of the SCIC record; its body copy is line 370.
RESUME_LINE, BODY_LINE = 456, 370
runner = CliRunner()


def export_lines() -> list[str]:
    return SHIPPED.read_text(encoding="utf-8").split("\n")


def write_export(folder: Path, lines: list[str], name: str = "rtes_export_2020-2021.txt") -> Path:
    raw = folder / "raw"
    raw.mkdir(exist_ok=True)
    path = raw / name
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path


def with_resume_typo(lines: list[str]) -> list[str]:
    changed = list(lines)
    assert "équipe salariée" in changed[RESUME_LINE - 1] and "équipe salariée" in changed[BODY_LINE - 1]
    changed[RESUME_LINE - 1] = changed[RESUME_LINE - 1].replace("équipe salariée", "équipe salarée")
    return changed


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    path = tmp_path / "divergences.baseline.json"
    result = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(path), "--update-baseline"])
    assert result.exit_code == 0, result.output
    return path


def test_update_baseline_writes_every_divergence_readably(baseline: Path) -> None:
    entries = json.loads(baseline.read_text(encoding="utf-8"))["divergences"]
    assert len(entries) == 15  # the 15 hunks pinned in tests/cases/divergences_shipped.json
    assert len({e["fingerprint"] for e in entries}) == 15
    assert [e["title"] for e in entries] == sorted(e["title"] for e in entries)
    mobicoop = next(e for e in entries if e["resume_side"] == "Mobiccop")
    assert mobicoop["body_side"] == "Mobicoop" and mobicoop["title"].startswith("Plateformes")
    assert "line" not in json.dumps(entries)  # no line numbers: the baseline survives moves


def test_update_baseline_is_byte_stable(baseline: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.json"
    runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(again), "--update-baseline"])
    assert again.read_bytes() == baseline.read_bytes()


def test_check_passes_on_the_shipped_export(baseline: Path) -> None:
    result = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    assert "14 divergence(s) of the chosen kinds" in result.output and "0 new" in result.output


def test_a_new_typo_in_a_resume_fails_and_names_record_and_line(baseline: Path, tmp_path: Path) -> None:
    export = write_export(tmp_path, with_resume_typo(export_lines()))
    result = runner.invoke(app, ["check", str(export), "--baseline", str(baseline)])
    assert result.exit_code == 1, result.output
    assert f"NEW {export.as_posix()}:{RESUME_LINE}  {SCIC_TITLE}" in result.output
    assert f"typo: body line {BODY_LINE} «salariée» / Résumé line {RESUME_LINE} «salarée»" in result.output


def test_a_new_typo_prints_a_github_annotation(baseline: Path, tmp_path: Path) -> None:
    export = write_export(tmp_path, with_resume_typo(export_lines()))
    result = runner.invoke(app, ["check", str(export), "--baseline", str(baseline), "--format", "github"])
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert annotations == [
        f"::error file={export.as_posix()},line={RESUME_LINE},title=Divergent duplicate::{SCIC_TITLE}: typo "
        f"between the body (line {BODY_LINE}) «salariée» and the Résumé (line {RESUME_LINE}) «salarée», "
        f"not in {baseline}"
    ]


def test_a_folder_annotation_names_the_file_under_the_folder(baseline: Path, tmp_path: Path) -> None:
    export = write_export(tmp_path, with_resume_typo(export_lines()))
    arguments = ["check", str(export.parent), "--baseline", str(baseline), "--format", "github"]
    result = runner.invoke(app, arguments)
    assert f"::error file={export.as_posix()},line={RESUME_LINE}," in result.output


def test_json_format_lists_the_new_divergence(baseline: Path, tmp_path: Path) -> None:
    export = write_export(tmp_path, with_resume_typo(export_lines()))
    result = runner.invoke(app, ["check", str(export), "--baseline", str(baseline), "--format", "json"])
    report = json.loads(result.output)
    assert (report["status"], report["checked"], report["known"]) == ("fail", 15, 14)
    (new,) = report["new"]
    assert (new["title"], new["kind"]) == (SCIC_TITLE, "typo")
    assert (new["line"], new["body_line"]) == (RESUME_LINE, BODY_LINE)


def test_baseline_survives_an_unrelated_paragraph_inserted_above(baseline: Path, tmp_path: Path) -> None:
    lines = export_lines()
    # First record: its body starts at line 5, its Résumé at line 49; add the same paragraph to both.
    assert lines[4].startswith("Dans le cadre de son cycle") and lines[48] == lines[4]
    added = ["Un paragraphe ajouté dans les deux copies.", ""]
    shifted = lines[:4] + added + lines[4:48] + added + lines[48:]
    export = write_export(tmp_path, shifted)
    result = runner.invoke(app, ["check", str(export), "--baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    diff = runner.invoke(app, ["diff", str(export), "--resource", "Plateformes"])
    assert "body 683 | Résumé 746" in diff.output  # was 679 / 742: the lines moved, the fingerprints did not


def test_whitespace_only_fails_when_asked(baseline: Path) -> None:
    document = json.loads(baseline.read_text(encoding="utf-8"))
    document["divergences"] = [e for e in document["divergences"] if e["kind"] != "whitespace"]
    baseline.write_text(json.dumps(document), encoding="utf-8")
    default = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(baseline)])
    strict = runner.invoke(
        app, ["check", str(SHIPPED), "--baseline", str(baseline), "--fail-on", "whitespace"])
    assert (default.exit_code, strict.exit_code) == (0, 1)
    assert "Abhervé" in strict.output


def test_fail_on_limits_the_kinds_checked(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text('{"divergences": []}', encoding="utf-8")
    only_case = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(empty), "--fail-on", "case"])
    typos = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(empty), "--fail-on", "typo"])
    assert (only_case.exit_code, typos.exit_code) == (0, 1)
    assert "3 divergence(s) of the chosen kinds, 0 in" in typos.output


def test_stale_baseline_entries_are_reported_not_failed(baseline: Path) -> None:
    document = json.loads(baseline.read_text(encoding="utf-8"))
    document["divergences"].append({"fingerprint": "0000000000000000"})
    baseline.write_text(json.dumps(document), encoding="utf-8")
    result = runner.invoke(app, ["check", str(SHIPPED), "--baseline", str(baseline)])
    assert result.exit_code == 0
    assert "1 baseline entry no longer found" in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--baseline", "{missing}"], "baseline not found; create it with --update-baseline"),
        (["--baseline", "{garbage}"], "baseline cannot be read"),
        (["--baseline", "{not_a_baseline}"], "not a divergence baseline"),
        (["--baseline", "{empty}", "--fail-on", "typo,tpyo"], "unknown kind(s) tpyo"),
        (["--baseline", "{empty}", "--format", "xml"], "'xml' is not one of 'text'"),
    ],
)
def test_bad_check_input_exits_2(tmp_path: Path, arguments: list[str], message: str) -> None:
    files = {"missing": tmp_path / "missing.json", "garbage": tmp_path / "garbage.json",
             "not_a_baseline": tmp_path / "list.json", "empty": tmp_path / "empty.json"}
    files["garbage"].write_text("{not json", encoding="utf-8")
    files["not_a_baseline"].write_text("[1, 2]", encoding="utf-8")
    files["empty"].write_text('{"divergences": []}', encoding="utf-8")
    filled = [a.format(**{k: str(v) for k, v in files.items()}) for a in arguments]
    result = runner.invoke(app, ["check", str(SHIPPED), *filled])
    assert result.exit_code == 2
    assert message in result.output


def test_bad_export_exits_2_and_names_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    baseline = tmp_path / "b.json"
    baseline.write_text('{"divergences": []}', encoding="utf-8")
    result = runner.invoke(app, ["check", str(empty), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert "empty.txt" in result.output


def test_a_folder_with_one_bad_file_is_an_input_error(baseline: Path, tmp_path: Path) -> None:
    export = write_export(tmp_path, export_lines())
    (export.parent / "broken.txt").write_bytes(b"")
    result = runner.invoke(app, ["check", str(export.parent), "--baseline", str(baseline)])
    assert result.exit_code == 2
    assert "0 new" in result.output and "broken.txt" in result.output
    arguments = ["check", str(export.parent), "--baseline", str(baseline), "--update-baseline"]
    update = runner.invoke(app, arguments)
    assert update.exit_code == 2 and "baseline not updated" in update.output


def test_diff_shows_word_diffs_grouped_by_record() -> None:
    result = runner.invoke(app, ["diff", str(SHIPPED)])
    assert result.exit_code == 0
    headers = [line for line in result.output.splitlines() if line.startswith("== ")]
    assert len(headers) == 5  # the 5 divergent records
    mobicoop = "body 679 | Résumé 742    typo         La SCIC [-Mobicoop-]{+Mobiccop+} vit de la prestation"
    assert mobicoop in result.output
    assert "organiser [-une-] cette rencontre" in result.output
    assert "avaient {+initialement+} prévu" in result.output
    assert "[-Abhervé⍽-]{+Abhervé+}" in result.output
    assert "Agriculture urbaine" not in result.output  # identical records are not shown


def test_diff_of_one_resource_by_title_or_id() -> None:
    by_title = runner.invoke(app, ["diff", str(SHIPPED), "--resource", "scic et collectivités"])
    assert by_title.output.startswith(f"== {SCIC_TITLE}\n") and by_title.output.count("== ") == 1
    resource_id = by_title.output.splitlines()[1].split()[1]
    by_id = runner.invoke(app, ["diff", str(SHIPPED), "--resource", resource_id])
    assert by_id.output == by_title.output
    identical = runner.invoke(app, ["diff", str(SHIPPED), "--resource", "Agriculture urbaine"])
    assert "identical, 0 divergence(s), similarity 1.0" in identical.output


def test_diff_of_an_unknown_resource_exits_2() -> None:
    result = runner.invoke(app, ["diff", str(SHIPPED), "--resource", "no such record"])
    assert result.exit_code == 2
    assert "no record matches «no such record»" in result.output


def test_run_pipeline_runs_the_divergence_stage() -> None:
    """`check` and `diff` read the run's divergences: run.py must run the divergence stage."""
    report = run_pipeline(SHIPPED)
    assert len(report.divergences) == 15
    scic = next(r for r in report.records if r.title == SCIC_TITLE)
    assert (scic.duplicate_status, scic.n_divergences) == ("divergent", 2)
    assert "point relevant du statut" in scic.text.string  # the merged text, not the raw body


def test_diff_in_a_terminal_is_coloured() -> None:
    result = runner.invoke(app, ["diff", str(SHIPPED), "--resource", "Plateformes", "--color", "always"])
    old, new, reset = "\x1b[9;31m", "\x1b[1;32m", "\x1b[0m"  # struck red, bold green
    assert f"La SCIC {old}Mobicoop{reset}{new}Mobiccop{reset} vit" in result.stdout
    assert "[-" not in result.stdout and "{+" not in result.stdout


# --- the comparison itself (pure) ---------------------------------------------------------


def test_compare_splits_new_known_and_stale() -> None:
    found = findings(run_pipeline(SHIPPED), SHIPPED.parent)
    fingerprints = [f.divergence.fingerprint for f in found if f.divergence.kind != "whitespace"]
    comparison = compare(found, {*fingerprints[:10], "0000000000000000"})
    counts = (len(comparison.checked), comparison.known, len(comparison.new), comparison.stale)
    assert counts == (14, 10, 4, 1)
    assert "whitespace" not in DEFAULT_FAIL_ON
    only_typos = compare(found, set(), frozenset({DivergenceKind.typo}))
    assert len(only_typos.checked) == 3


def test_parse_baseline_names_the_file_on_bad_content() -> None:
    assert parse_baseline('{"divergences": [{"fingerprint": "ab"}]}') == {"ab"}
    with pytest.raises(PipelineError, match=r"^b\.json: not a divergence baseline"):
        parse_baseline('{"divergences": [1]}', source_file="b.json")
    with pytest.raises(PipelineError, match=r"^b\.json: baseline cannot be read"):
        parse_baseline("{oops", source_file="b.json")
