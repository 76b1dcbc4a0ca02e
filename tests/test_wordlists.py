"""Tests of pipeline/wordlists.py: each list read where it is used, through the stages."""

from __future__ import annotations

import doctest

import pytest

from pipeline import wordlists
from pipeline.figures import record_figures
from pipeline.records import EventDate, Metadata, Paragraph, RawRecord, Record, Text
from pipeline.speakers import extract_speakers
from pipeline.text import fold_accents


def _record(*lines: str) -> Record:
    paragraphs = tuple(Paragraph(n, line, line) for n, line in enumerate(lines, start=2))
    raw = RawRecord("test.txt", Paragraph(1, ""), paragraphs, (), ())
    metadata = Metadata(None, None, None, EventDate(), None, None)
    return Record("r1", 0, raw, metadata, Text(paragraphs), "body_only")


def test_docstring_examples_hold():
    assert doctest.testmod(wordlists).failed == 0


def test_month_numbers_are_in_calendar_order_and_accent_free():
    assert wordlists.MONTH_NUMBERS["aout"] == 8 and wordlists.MONTH_NUMBERS["decembre"] == 12
    assert sorted(wordlists.MONTH_NUMBERS.values()) == list(range(1, 13))


@pytest.mark.parametrize("month", [*wordlists.MONTHS, *(fold_accents(m) for m in wordlists.MONTHS)])
def test_a_number_before_a_month_is_a_date_not_a_count(month):
    assert [f.raw for f in record_figures(_record(f"Rendez-vous le 9 {month} à Lille."))] == []


@pytest.mark.parametrize("scale", sorted(wordlists.SCALES))
def test_every_scale_word_scales_an_amount(scale):
    (figure,) = record_figures(_record(f"Un budget de 2 {scale} € cette année."))
    assert figure.value == 2 * wordlists.SCALES[scale]


@pytest.mark.parametrize("scale", sorted(wordlists.SCALE_WORDS))
def test_a_scale_word_scales_a_counted_noun(scale):
    (figure,) = record_figures(_record(f"La plateforme compte 2 {scale} utilisateurs."))
    assert (figure.value, figure.unit) == (2 * wordlists.SCALE_WORDS[scale], "people")


@pytest.mark.parametrize("particle", [p for p in wordlists.NAME_PARTICLES if p != "d'"])
def test_a_particle_is_part_of_a_name_and_written_lower_case(particle):
    written = f"Jean {particle.title()} Moulin"
    speakers = extract_speakers([_record(f"  • {written}, directeur de la Fondation Avise")]).speakers
    assert [(s.name_as_written, s.name) for s in speakers] == [(written, f"Jean {particle} Moulin")]


@pytest.mark.parametrize("civility", wordlists.CIVILITIES)
def test_a_civility_is_part_of_no_name(civility):
    speakers = extract_speakers([_record(f"  • {civility} Marie Durand, directrice de la Fondation Avise")])
    assert [s.name for s in speakers.speakers] == ["Marie Durand"]
