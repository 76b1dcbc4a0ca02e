"""Tests of pipeline/text.py: accent folding and the one sentence splitter."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import text
from pipeline.text import fold_accents, split_sentences, strip_accents


def test_docstring_examples_hold():
    assert doctest.testmod(text).failed == 0


def test_fold_and_strip_accents():
    assert fold_accents("Événement Août") == "evenement aout"
    assert strip_accents("Événement Août") == "Evenement Aout"


@pytest.mark.parametrize("paragraph, sentences", [
    ("Un bilan. Il reste 3 ans… Ensuite ?", ["Un bilan. ", "Il reste 3 ans… ", "Ensuite ?"]),
    ("Combien ? 80 participants ! Bravo.", ["Combien ? ", "80 participants ! ", "Bravo."]),
    ("Environ 1.5 Millions d’€ (p.8) le 15/07.", ["Environ 1.5 Millions d’€ (p.8) le 15/07."]),
    ("Pas de point ici", ["Pas de point ici"]),
])
def test_a_sentence_ends_at_a_stop_and_a_space(paragraph, sentences):
    assert [sentence for _, sentence in split_sentences(paragraph)] == sentences


@given(st.text(alphabet="ab .!?…\u00a0A1", max_size=40))
def test_sentences_tile_the_paragraph(paragraph):
    found = split_sentences(paragraph)
    assert "".join(sentence for _, sentence in found) == paragraph
    assert all(paragraph[offset:offset + len(sentence)] == sentence for offset, sentence in found)
    assert all(sentence for _, sentence in found)
