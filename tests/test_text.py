"""Tests of pipeline/text.py: accent folding and the one sentence splitter."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import text
from pipeline.text import (
    SHINGLE_WORDS,
    contained_share,
    fold_accents,
    split_sentences,
    strip_accents,
    word_shingles,
)


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


@given(st.lists(st.sampled_from(["la", "ville", "de", "Lyon", "réseau", "ESS", "atelier", "été"]),
                min_size=SHINGLE_WORDS, max_size=30).map(" ".join))
def test_a_text_holds_all_its_shingles_and_a_longer_one_that_contains_it_too(text):
    """(A text of fewer words is one run of its own, found only where it stands alone.)"""
    share, count = contained_share(text, text)
    assert share == 1.0 and count == len(word_shingles(text)) >= 1
    assert contained_share(text, f"Avant tout, {text} et après")[0] == 1.0
