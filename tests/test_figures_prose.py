"""The figures grammar on event write-ups: a labelled development set and its quality bar.

tests/cases/figures_prose.json holds invented sentences in the manner of rtes.fr event
write-ups ("retour sur"), each with the figures it holds: full-time equivalents, amounts
whose currency is implied, approximate counts ("une quarantaine"), fractions in words, and
ordinary figures and look-alikes as controls. The bar is F1 x value accuracy >= 0.95.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

import pytest

from pipeline.figures import record_figures
from pipeline.records import EventDate, Figure, Metadata, Paragraph, RawRecord, Record, Text

CASES = json.loads((Path(__file__).resolve().parent / "cases" / "figures_prose.json")
                   .read_text(encoding="utf-8"))["sentences"]
BAR = 0.95
VALUE_TOLERANCE = 1e-9


def _figures(text: str) -> tuple[Figure, ...]:
    paragraph = Paragraph(10, text, text)
    raw = RawRecord(source_file="prose.txt", title=Paragraph(8, "", ""), body=(paragraph,),
                    metadata=(), resume=())
    metadata = Metadata(resource_type=None, is_private=None, event_kind=None,
                        event_date=EventDate(), participants=None, participants_qualifier=None)
    record = Record(resource_id="r-prose", record_index=0, raw=raw, metadata=metadata,
                    text=Text((paragraph,)), duplicate_status="body_only")
    return tuple(figure for figure in record_figures(record) if not figure.in_title)


def _key(raw: str) -> str:
    return " ".join(raw.replace("’", "'").replace("\u00a0", " ").casefold().split())


def _pairs(case: dict) -> tuple[list[tuple[dict, Figure]], list[dict], list[Figure]]:
    """Labelled and extracted figures of one sentence paired by raw, in text order."""
    remaining = list(_figures(case["text"]))
    pairs, missed = [], []
    for item in case["figures"]:
        found = next((f for f in remaining if _key(f.raw) == _key(item["raw"])), None)
        if found is None:
            missed.append(item)
        else:
            remaining.remove(found)
            pairs.append((item, found))
    return pairs, missed, remaining


def _same_value(item: dict, figure: Figure) -> bool:
    return (math.isclose(item["value"], figure.value, rel_tol=VALUE_TOLERANCE)
            and (item["unit"], item["kind"]) == (figure.unit, figure.kind))


def scores() -> dict[str, float]:
    tally: Counter[str] = Counter()
    for case in CASES:
        pairs, missed, spurious = _pairs(case)
        tally.update(matched=len(pairs), missed=len(missed), spurious=len(spurious),
                     value=sum(_same_value(i, f) for i, f in pairs),
                     subject=sum(i["subject"] == f.subject for i, f in pairs),
                     qualifier=sum(i["qualifier"] == f.qualifier for i, f in pairs))
    matched = tally["matched"]
    precision = matched / (matched + tally["spurious"])
    recall = matched / (matched + tally["missed"])
    f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1,
            "value_accuracy": tally["value"] / matched, "subject_accuracy": tally["subject"] / matched,
            "qualifier_accuracy": tally["qualifier"] / matched,
            "f1_x_value_accuracy": f1 * tally["value"] / matched}


def test_the_development_set_is_large_and_covers_every_pattern():
    assert len(CASES) >= 80
    patterns = Counter(case["pattern"].split("-")[0] for case in CASES)
    assert {"fte", "implied", "approximate", "fraction", "control", "not"} <= set(patterns)


def test_quality_on_the_development_set_meets_the_bar():
    result = scores()
    report = ", ".join(f"{name}={value:.3f}" for name, value in result.items())
    print(f"\nfigures on prose: {report}")
    assert result["f1_x_value_accuracy"] >= BAR, report


@pytest.mark.parametrize("pattern", sorted({case["pattern"] for case in CASES}))
def test_each_pattern_holds_on_its_own(pattern):
    """Per pattern, every labelled figure found with its value and nothing spurious."""
    wrong = []
    for case in (c for c in CASES if c["pattern"] == pattern):
        pairs, missed, spurious = _pairs(case)
        bad = [i["raw"] for i, f in pairs if not _same_value(i, f)]
        if missed or spurious or bad:
            wrong.append((case["text"], [m["raw"] for m in missed], [f.raw for f in spurious], bad))
    assert not wrong, wrong
