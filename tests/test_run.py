"""Run: the stages in order over every input, into one report."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.run import run_pipeline

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
SHIPPED_LINES = 825


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    (raw / "a.txt").write_bytes(SHIPPED.read_bytes())
    (raw / "b").mkdir()
    (raw / "b" / "c.txt").write_bytes(SHIPPED.read_bytes() + b"\n")  # not byte-identical: read
    return run_pipeline(raw)


def test_every_line_is_in_exactly_one_span(shipped):
    covered = []
    for r in shipped.records:
        covered += range(r.raw.line_start, r.raw.line_end + 1)
    for q in shipped.quarantine:
        covered += range(q.line_start, q.line_end + 1)
    assert sorted(covered) == list(range(1, SHIPPED_LINES + 1))
    assert [q.reason for q in shipped.quarantine] == ["site header (not a record)"]


def test_every_line_of_every_file_is_in_exactly_one_span(two_copies):
    covered = defaultdict(list)
    for r in two_copies.occurrences:
        covered[r.source_file] += range(r.line_start, r.line_end + 1)
    for q in two_copies.quarantine:
        covered[q.source_file] += range(q.line_start, q.line_end + 1)
    assert sorted(covered) == ["a.txt", "b/c.txt"]
    assert sorted(covered["a.txt"]) == list(range(1, SHIPPED_LINES + 1))
    assert sorted(covered["b/c.txt"]) == list(range(1, SHIPPED_LINES + 2))  # its extra blank line


def test_a_resource_in_two_files_is_one_resource_with_two_occurrences(shipped, two_copies):
    assert [r.resource_id for r in two_copies.records] == [r.resource_id for r in shipped.records]
    assert [r.n_occurrences for r in two_copies.records] == [2] * 10
    assert [r.source_file for r in two_copies.records] == ["a.txt"] * 10  # the first read, same content
    first = [o for o in two_copies.occurrences if o.source_file == "a.txt"]
    second = [o for o in two_copies.occurrences if o.source_file == "b/c.txt"]
    assert [o.record_index for o in first] == [o.record_index for o in second] == list(range(10))
    assert [o.resource_id for o in first] == [o.resource_id for o in second]
    assert not any(o.differs_from_canonical for o in two_copies.occurrences)
    assert two_copies.divergences == tuple(
        d._replace(source_file="a.txt", other_file="a.txt") for d in shipped.divergences)
    assert [d.source_file for d in two_copies.documents] == ["a.txt", "b/c.txt"]


def test_the_report_counts_what_it_holds(shipped):
    counts = dict(shipped.counts)
    assert counts.pop("workers") >= 1
    assert counts == {"records": 10, "quarantined_lines": 2,  # the header and a blank line
                      "occurrences": 10, "resources": 10, "text_pairs_compared": 0}
    counted = [d for d in shipped.divergences if d.kind != "whitespace"]  # n_divergences omits them
    assert len(counted) == sum(r.n_divergences for r in shipped.records)
    assert {f.resource_id for f in shipped.figures} <= {r.resource_id for r in shipped.records}
    assert {s.resource_id for s in shipped.speakers} <= {r.resource_id for r in shipped.records}
    assert shipped.documents[0].lines == ()  # the lines live on in the records


def test_a_record_warning_names_its_file_line_and_title(tmp_path):
    (tmp_path / "v.txt").write_bytes(Path("tests/cases/variant_export.txt").read_bytes())
    report = run_pipeline(tmp_path / "v.txt")
    assert "v.txt:25: Titre privé deux: unknown resource type 'Inconnu' kept as written" in report.warnings


def test_progress_reaches_the_total_of_every_stage_it_reports(tmp_path):
    calls: list[tuple[str, int, int]] = []
    run_pipeline(SHIPPED, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert len(stages) >= 2
    for stage in stages:
        mine = [(done, total) for name, done, total in calls if name == stage]
        assert all(0 <= done <= total for done, total in mine), stage
        assert [done for done, _ in mine] == sorted(done for done, _ in mine), stage
        assert mine[-1][0] == mine[-1][1], stage
    assert any(total == 10 for _, _, total in calls)  # record stages count records, not files


def test_a_folder_with_a_bad_file_gives_the_good_records_and_names_the_bad_one(tmp_path):
    (tmp_path / "good.txt").write_bytes(SHIPPED.read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "cut.txt").write_text("Titre\nUn corps sans métadonnées.\n", encoding="utf-8")
    report = run_pipeline(tmp_path)
    assert len(report.records) == 10 and {r.source_file for r in report.records} == {"good.txt"}
    assert [f.source_file for f in report.failures] == ["bad.txt", "cut.txt"]
    assert str(tmp_path / "cut.txt") in report.failures[1].message
    assert "no metadata block" in report.failures[1].message
    assert all(f.message in report.warnings for f in report.failures)


def test_a_folder_of_bad_files_is_an_input_error_naming_each(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"")
    (tmp_path / "cut.txt").write_text("Titre\nUn corps sans métadonnées.\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.txt.*cut.txt"):
        run_pipeline(tmp_path)


@pytest.mark.parametrize("into_resume", [3, 12])
def test_an_export_cut_inside_its_last_resume_gives_one_truncated_row_and_a_warning(tmp_path, into_resume):
    # Real partial pages end inside a Résumé: the last record's Résumé stops early.
    cut = 718 + into_resume  # the 9th record's Résumé starts on line 718 (RESUME_STARTS)
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")[:cut]
    path = tmp_path / "partial.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = run_pipeline(path)
    last = report.records[-1]
    rows = [d for d in report.divergences if d.resource_id == last.resource_id]
    assert [d.kind for d in rows].count("truncated") == 1
    assert not [d for d in rows if d.kind == "deletion"]  # the tail is that one row
    # One fact, one warning: the split's "partial Résumé" gives way to the divergence stage's.
    assert [w for w in last.warnings if "Résumé" in w] == [
        next(w for w in last.warnings if w.startswith("Résumé stops early"))]
    truncated = next(d for d in rows if d.kind == "truncated")
    assert truncated.preferred == "body"
    body_words = " ".join(p.text for p in last.raw.body).split()
    assert " ".join(p.text for p in last.text.paragraphs).split()[-5:] == body_words[-5:]
