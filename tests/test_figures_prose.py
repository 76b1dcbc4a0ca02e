"""The figures grammar on event write-ups: a labelled development set and its quality bar.

tests/cases/figures_prose.json holds invented sentences in the manner of rtes.fr event
write-ups ("retour sur"), each with the figures it holds: full-time equivalents, amounts
whose currency is implied, approximate counts ("une quarantaine"), fractions in words, and
ordinary figures and look-alikes as controls. The bar is F1 x value accuracy >= 0.95.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.figures import record_figures
from pipeline.render.tables import describe_figures
from tests.figure_sets import errors, figures_of, quality, record_of, tally

CASES = json.loads((Path(__file__).resolve().parent / "cases" / "figures_prose.json")
                   .read_text(encoding="utf-8"))["sentences"]
BAR = 0.95


def scores() -> dict[str, float]:
    return quality(tally(CASES, with_subjects=True))


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
    wrong = errors(c for c in CASES if c["pattern"] == pattern)
    assert not wrong, wrong


# --- the new readings, one behaviour each ---------------------------------------------------


@pytest.mark.parametrize("text, unit", [
    ("Le budget est voté. Il atteint 5,7 millions.", "EUR"),     # a money word earlier in the paragraph
    ("Il atteint 5,7 millions, soit plus que les 2 M$ prévus.", "USD"),  # a currency later in the sentence
    ("Le chantier a coûté 30 000 $, puis 5,7 millions.", "USD"),  # the last currency written before
    ("La ville compte 5,7 millions.", None),                       # no evidence: kept, unit null
])
def test_a_bare_amount_takes_its_currency_from_the_context_or_none(text, unit):
    figure = next(f for f in figures_of(text) if f.raw == "5,7 millions")
    assert (figure.value, figure.unit) == (5.7e6, unit)
    assert figure.kind == ("money" if unit else None)


def test_a_bare_collective_is_approximate_and_takes_the_noun_of_the_figure_before_it():
    found = figures_of("Le forum a réuni 70 participants. Une quarantaine étaient sur place.")
    assert [(f.raw, f.value, f.unit, f.subject, f.qualifier, f.value_min) for f in found] == [
        ("70 participants", 70, "people", "participants", None, 70),
        ("Une quarantaine", 40, "people", "participants", "environ", None)]


@pytest.mark.parametrize("text", ["mis en quarantaine", "une quarantaine stricte",
                                  "L'association Une Quarantaine Solidaire", "la quarantaine."])
def test_a_collective_word_that_counts_nothing_is_not_a_figure(text):
    assert figures_of(text) == ()


def test_elided_count_after_full_time_equivalents_is_in_full_time_equivalents():
    found = figures_of("Le chantier représente 35 ETP, dont 28 en parcours.")
    assert [(f.raw, f.unit, f.kind, f.qualifier) for f in found] == [
        ("35 ETP", "fte", "jobs", None), ("28", "fte", "jobs", "dont")]


def test_a_figure_without_unit_is_shown_as_such_on_the_command_line():
    record = record_of("La ville compte 5,7 millions.")
    shown = describe_figures([record], tuple(record_figures(record))).plain
    assert "5 700 000 ? (unit not said) «5,7 millions»" in " ".join(shown.split())
