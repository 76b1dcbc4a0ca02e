"""Split: records and quarantined spans that tile the file, on the shipped export, on
variants, and on generated exports in every layout the site has used."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean_document
from pipeline.errors import InputError, PipelineError
from pipeline.read import decode_export
from pipeline.records import SourceDocument, SourceLine
from pipeline.split import split_records

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
VARIANT = Path("tests/cases/variant_export.txt")
TITLES = [
    "Agriculture urbaine - conférence en ligne février 2021",
    "Alimentation et entrepreneuriat coopératif - conférence en ligne janvier 2021",
    "Economie informelle, s'appuyer sur les collectifs d'habitants - conférence en ligne novembre 2020",
    "L'innovation dans la commande publique - conférence en ligne novembre 2020",
    "SCIC et collectivités territoriales",
    "Pratiques informelles - Mise en débat par Résovilles",
    "WEBINAIRE ESS & RURALITÉS - CONNAÎTRE L'ÉCOSYSTÈME D'ACCOMPAGNEMENT ET DE FINANCEMENT",
    "Comment soutenir l'ESS dans le cadre d'une politique communale ou intercommunale ?- 26 & 28 août 2020",
    "Plateformes collaboratives solidaires et collectivités territoriales - conférence en ligne juillet 2020",
    'Retour sur le temps d\'échange "Départements & ESS", 9 juin 2020',
]
TITLE_LINES = [3, 87, 165, 277, 352, 530, 574, 611, 653, 775]
RESUME_STARTS = [49, 130, 225, 285, 444, 556, 595, 635, 718, 805]


def split_text(text: str):
    return split_records(clean_document(decode_export(text.encode("utf-8"), "t.txt")))


def covered_lines(result) -> list[int]:
    """Every line number of every record span and quarantined span, repeats kept."""
    covered = []
    for record in result.records:
        covered += range(record.line_start, record.line_end + 1)
    for span in result.quarantine:
        covered += range(span.line_start, span.line_end + 1)
    return covered


@pytest.fixture(scope="module")
def shipped():
    return split_records(clean_document(decode_export(SHIPPED.read_bytes(), SHIPPED.name)))


def test_shipped_titles_lines_and_spans(shipped):
    assert [r.title.text for r in shipped.records] == TITLES
    assert [r.title.line for r in shipped.records] == TITLE_LINES
    assert [r.resume[0].line for r in shipped.records] == RESUME_STARTS
    assert [(r.line_start, r.line_end) for r in shipped.records][:2] == [(3, 86), (87, 164)]
    assert shipped.records[-1].line_end == 825


def test_every_line_is_in_exactly_one_span(shipped):
    assert sorted(covered_lines(shipped)) == list(range(1, 826))
    assert [q.reason for q in shipped.quarantine] == ["site header (not a record)"]


def test_the_private_record_of_the_shipped_export_has_no_body(shipped):
    assert shipped.records[3].body == () and shipped.records[3].resume


def test_variants_tags_labels_private_pairs_junk_and_truncation():
    result = split_text(VARIANT.read_text(encoding="utf-8"))
    titles = [r.title.text for r in result.records]
    assert titles == ["Premier titre - webinaire mars 2021", "Titre privé un", "Titre privé deux"]
    first, second, third = result.records
    assert [t.text for t in first.tags] == ["PTCE"]
    assert first.metadata[0].text == "Documents"
    assert second.body == () and second.resume[0].text.startswith("Le texte privé du premier")
    assert any("incomplete" in w for w in third.warnings)
    reasons = [q.reason for q in result.quarantine]
    assert reasons[0] == "site header (not a record)"
    assert any("page furniture" in r for r in reasons)
    assert any("record cut off" in r and q.text.startswith("Titre coupé")
               for q, r in zip(result.quarantine, reasons, strict=True))


def test_input_error_names_file_and_line():
    with pytest.raises(InputError, match=r"t\.txt"):
        split_text("Titre\nCorps sans métadonnées.")


def document_of(raws: list[str]) -> SourceDocument:
    lines = tuple(SourceLine(number, raw) for number, raw in enumerate(raws, 1))
    return clean_document(SourceDocument("t.txt", lines, encoding="utf-8", size=0, sha256=""))


@pytest.mark.parametrize(("raws", "message"), [
    (["\u200b", "", "\u00ad"], "the file holds no text"),
    (["Réseau des collectivités Territoriales pour une Économie Solidaire", ""], "only the site header"),
    (["Titre", "Un corps.", "Résumé", "Un corps."], "no metadata block"),
])
def test_a_text_without_records_is_an_input_error_naming_the_file(raws, message):
    with pytest.raises(InputError, match=message) as caught:
        split_records(document_of(raws))
    assert caught.value.source_file == "t.txt"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Titre un", "Un long paragraphe de corps qui se répète ici.", "",
                                   "\u00a0", "  • point", "Type de ressource", "Autres",
                                   "Ressource privée", "Non", "Oui", "Résumé", "PTCE", "cookies"]),
                max_size=40).map("\n".join))
def test_any_text_splits_or_fails_cleanly_and_accounts_for_every_line(text):
    try:
        result = split_text(text)
    except PipelineError:
        return
    n_lines = len(decode_export(text.encode("utf-8"), "t.txt").lines)
    assert sorted(covered_lines(result)) == list(range(1, n_lines + 1))
