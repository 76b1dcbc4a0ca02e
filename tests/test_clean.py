"""Clean: small idempotent fixes, applied line by line; artefacts noted with their line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pipeline.clean import clean_document, clean_text
from pipeline.read import decode_export
from pipeline.records import SourceDocument, SourceLine

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")


@given(st.text(max_size=200))
def test_clean_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


@given(st.text(max_size=200).filter(lambda t: "\n" not in t and "\r" not in t))
def test_a_cleaned_line_holds_only_single_plain_spaces(text):
    # Later stages compare words as " ".join(...) of cleaned texts, relying on this.
    cleaned = clean_text(text)
    assert " ".join(cleaned.split()) == cleaned


@given(st.lists(st.lists(st.sampled_from(
    ["a", "é", "e\u0301", "\u0301", " ", "\u00a0", "\u202f", "\t", "\u200b", "\x07", "\x85", "\u2028",
     "\u2003", ",", ".", "\u00ad", "\ufb01"]), max_size=30).map("".join), max_size=20))
def test_a_document_is_cleaned_as_clean_text_line_by_line(raws):
    lines = tuple(SourceLine(number, raw) for number, raw in enumerate(raws, 1))
    document = SourceDocument("t.txt", lines, encoding="utf-8", size=0, sha256="")
    cleaned = clean_document(document)
    assert [line.text for line in cleaned.lines] == [clean_text(line.raw) for line in document.lines]


def test_stray_artefact_on_the_shipped_export_is_noted_with_its_line():
    document = clean_document(decode_export(SHIPPED.read_bytes(), "export.txt"))
    notes = [w for w in document.warnings if "stray artefact" in w]
    assert notes == ["export.txt:167: stray artefact ',\\xa0,' left as written"]


def test_cleaning_keeps_the_raw_line_and_its_number():
    lines = (SourceLine(4, "  Caf\u00e9\u00a0\u00a0solidaire\u200b "), SourceLine(9, "\u00a0"))
    document = SourceDocument("t.txt", lines, encoding="utf-8", size=0, sha256="", warnings=("read",))
    cleaned = clean_document(document)
    assert [tuple(line) for line in cleaned.lines] == [
        (4, "  Caf\u00e9\u00a0\u00a0solidaire\u200b ", "Café solidaire"), (9, "\u00a0", "")]
    assert cleaned.lines[1].is_blank
    assert cleaned.warnings == ("read",)
