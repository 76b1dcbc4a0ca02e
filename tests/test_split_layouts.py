"""Split on the layouts the real site uses (banners of every generation, directory cards,
headings in bodies, page furniture, private records, partial, cut and edited Résumés): one
export per layout in tests/cases/layouts/, written for these tests with invented names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.clean import clean_document
from pipeline.read import decode_export
from pipeline.records import TitleEvidence
from pipeline.split import split_records

LAYOUTS = Path(__file__).parent / "cases" / "layouts"
CASES = json.loads((LAYOUTS / "expected.json").read_text(encoding="utf-8"))


def split_file(path: Path):
    document = clean_document(decode_export(path.read_bytes(), path.name))
    return document, split_records(document)


def test_every_layout_file_has_its_expectations():
    assert sorted(case["file"] for case in CASES) == sorted(p.name for p in LAYOUTS.glob("*.txt"))


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_a_layout_splits_into_its_records(case):
    document, result = split_file(LAYOUTS / case["file"])
    records = result.records
    assert [r.title.text for r in records] == case["titles"], case["comment"]
    assert [r.title_evidence for r in records] == [TitleEvidence(e) for e in case["evidence"]]
    # Every record has a body, a metadata block or a Résumé besides its title.
    assert all(r.body or r.metadata or r.resume for r in records)
    assert [(q.line_start, q.line_end) for q in result.quarantine] == [
        (start, stop) for start, stop, _ in case["quarantine"]]
    for span, (_, _, reason) in zip(result.quarantine, case["quarantine"], strict=True):
        assert reason in span.reason
    for record, expected in zip(records, case["warnings"], strict=True):
        assert [w.split(":")[0] for w in record.warnings] == expected
    if "tags" in case:
        assert [[t.text for t in r.tags] for r in records] == case["tags"]
    if "resume_lines" in case:
        assert [len(r.resume) for r in records] == case["resume_lines"]


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_every_line_of_a_layout_lands_in_exactly_one_place(case):
    """Each non-blank line is the title, a body, tag, metadata or Résumé line of one record,
    or in one quarantined span; spans tile the file."""
    document, result = split_file(LAYOUTS / case["file"])
    spans = sorted([(r.line_start, r.line_end) for r in result.records]
                   + [(q.line_start, q.line_end) for q in result.quarantine])
    assert [n for start, stop in spans for n in range(start, stop + 1)] == list(
        range(1, len(document.lines) + 1))
    placed = [p.line for r in result.records
              for p in (r.title, *r.body, *r.tags, *r.metadata, *r.resume)]
    quarantined = [n for q in result.quarantine for n in range(q.line_start, q.line_end + 1)]
    non_blank = [line.number for line in document.lines if not line.is_blank]
    assert sorted(placed + [n for n in quarantined if n in set(non_blank)]) == non_blank
