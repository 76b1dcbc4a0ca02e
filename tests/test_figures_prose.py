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
    return tuple(figure for figure in record_figures(_record(text)) if not figure.in_title)


def _record(text: str) -> Record:
    """A record whose canonical text is `text`, one paragraph, and no title."""
    paragraph = Paragraph(10, text, text)
    raw = RawRecord(source_file="prose.txt", title=Paragraph(8, "", ""), body=(paragraph,),
                    metadata=(), resume=())
    metadata = Metadata(resource_type=None, is_private=None, event_kind=None,
                        event_date=EventDate(), participants=None, participants_qualifier=None)
    return Record(resource_id="r-prose", record_index=0, raw=raw, metadata=metadata,
                  text=Text((paragraph,)), duplicate_status="body_only")


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


# --- the new readings, one behaviour each ---------------------------------------------------


@pytest.mark.parametrize("text, unit", [
    ("Le budget est voté. Il atteint 5,7 millions.", "EUR"),     # a money word earlier in the paragraph
    ("Il atteint 5,7 millions, soit plus que les 2 M$ prévus.", "USD"),  # a currency later in the sentence
    ("Le chantier a coûté 30 000 $, puis 5,7 millions.", "USD"),  # the last currency written before
    ("La ville compte 5,7 millions.", None),                       # no evidence: kept, unit null
])
def test_a_bare_amount_takes_its_currency_from_the_context_or_none(text, unit):
    figure = next(f for f in _figures(text) if f.raw == "5,7 millions")
    assert (figure.value, figure.unit) == (5.7e6, unit)
    assert figure.kind == ("money" if unit else None)


def test_a_bare_collective_is_approximate_and_takes_the_noun_of_the_figure_before_it():
    found = _figures("Le forum a réuni 70 participants. Une quarantaine étaient sur place.")
    assert [(f.raw, f.value, f.unit, f.subject, f.qualifier, f.value_min) for f in found] == [
        ("70 participants", 70, "people", "participants", None, 70),
        ("Une quarantaine", 40, "people", "participants", "environ", None)]


@pytest.mark.parametrize("text", ["mis en quarantaine", "une quarantaine stricte",
                                  "L'association Une Quarantaine Solidaire", "la quarantaine."])
def test_a_collective_word_that_counts_nothing_is_not_a_figure(text):
    assert _figures(text) == ()


def test_elided_count_after_full_time_equivalents_is_in_full_time_equivalents():
    found = _figures("Le chantier représente 35 ETP, dont 28 en parcours.")
    assert [(f.raw, f.unit, f.kind, f.qualifier) for f in found] == [
        ("35 ETP", "fte", "jobs", None), ("28", "fte", "jobs", "dont")]


def test_a_figure_without_unit_is_shown_as_such_on_the_command_line():
    from pipeline.render.tables import describe_figures

    record = _record("La ville compte 5,7 millions.")
    shown = describe_figures([record], tuple(record_figures(record))).plain
    assert "5 700 000 ? (unit not said) «5,7 millions»" in " ".join(shown.split())
