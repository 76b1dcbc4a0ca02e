"""Metadata: ids, type, private flag, event kind, date and attendance of each record."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from pipeline.clean import clean_document
from pipeline.metadata import find_participants, normalise_metadata
from pipeline.read import decode_export
from pipeline.records import Paragraph, RawRecord
from pipeline.run import run_pipeline
from pipeline.split import split_records

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
VARIANT = Path("tests/cases/variant_export.txt")
NO_RESUME_LINE = "metadata block has no 'Résumé' line: no copy to compare"
EMPTY_RESUME = "'Résumé' label with no text after it"


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


def test_shipped_metadata(shipped):
    meta = [r.metadata for r in shipped.records]
    assert [m.resource_type for m in meta] == ["Ressources RTES"] * 5 + ["Autres"] + ["Ressources RTES"] * 4
    assert [m.is_private for m in meta] == [False] * 3 + [True] + [False] * 6
    assert shipped.records[3].raw.body == () and shipped.records[3].duplicate_status == "resume_only"
    assert [m.event_kind for m in meta] == [
        "conférence en ligne", "conférence en ligne", "conférence en ligne", "conférence en ligne",
        "conférence en ligne", "mise en débat", "webinaire", "temps d'échange",
        "conférence en ligne", "temps d'échange"]
    assert meta[0].event_date.start == datetime.date(2021, 2, 1) and meta[0].event_date.precision == "month"
    assert meta[1].event_date.start == datetime.date(2021, 1, 22)
    assert meta[4].event_date.start == datetime.date(2020, 10, 20)
    assert (meta[7].event_date.start, meta[7].event_date.end) == (
        datetime.date(2020, 8, 26), datetime.date(2020, 8, 28))
    assert [(m.participants, m.participants_qualifier) for m in meta][:2] == [(80, None), (55, None)]
    assert (meta[6].participants, meta[6].participants_qualifier) == (170, "plus de")


def test_metadata_warnings_for_unknown_type_and_missing_private():
    records = run_pipeline(VARIANT).records
    assert records[2].metadata.is_private is None
    assert any("unknown resource type 'Inconnu'" in w for w in records[2].warnings)
    assert records[0].metadata.participants == 40


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["Un webinaire.", "Au total 55 participant.e.s étaient là."], (55, None)),
    (["Nous étions plus de", "170 personnes ont assisté"], (170, None)),  # no qualifier across paragraphs
    (["Plus de 170 personnes ont assisté", "puis 80 participants"], (80, None)),  # participants first
    (["Près de 1 500 inscrits en ligne"], (1500, "près de")),
    (["Les personnes âgées de 80 ans"], None),
    (["İstanbul : 40 participants"], (40, None)),  # lower() changes the length: searched whole
])
def test_participants_are_read_paragraph_by_paragraph(paragraphs, expected):
    assert find_participants(paragraphs) == expected


# --- resource ids ---


def raw(title: str, source_file: str = "a.txt", *, metadata: tuple[str, ...] = (),
        resume: tuple[str, ...] = (), has_resume_label: bool = True) -> RawRecord:
    return RawRecord(
        source_file=source_file,
        title=Paragraph(1, title),
        body=(),
        metadata=tuple(Paragraph(n, text) for n, text in enumerate(metadata, 2)),
        resume=tuple(Paragraph(n, text) for n, text in enumerate(resume, 20)),
        has_resume_label=has_resume_label,
    )


# --- the metadata block ---

BLOCK = ("Type de ressource", "Ressources RTES", "Ressource privée", "Non", "Résumé")


def test_a_complete_record_has_no_warning():
    metadata = normalise_metadata(raw("Titre", metadata=BLOCK, resume=("Un texte.",)))
    assert (metadata.resource_type, metadata.is_private, metadata.warnings) == ("Ressources RTES", False, ())


def test_a_block_without_a_resume_label_is_noted():
    metadata = normalise_metadata(raw("Titre", metadata=BLOCK[:-1], has_resume_label=False))
    assert metadata.warnings == (NO_RESUME_LINE,)


def test_a_resume_label_with_no_text_is_noted():
    metadata = normalise_metadata(raw("Titre", metadata=BLOCK, resume=()))
    assert metadata.warnings == (EMPTY_RESUME,)


def test_a_resume_label_ending_the_file_is_noted_through_the_split():
    text = "Titre\nUn corps assez long pour être un paragraphe.\n" + "\n".join(BLOCK) + "\n"
    (record,) = split_records(clean_document(decode_export(text.encode(), "t.txt"))).records
    assert normalise_metadata(record).warnings == (EMPTY_RESUME,)


@pytest.mark.parametrize(("block", "expected", "warning"), [
    (("Type de ressource : Autres", "Ressource Privée", "Oui", "Résumé"), ("Autres", True), None),
    (("Type de ressource", "Autres", "Ressource privée", "oui.", "Résumé"), ("Autres", True), None),
    (("Ressource privée", "Non", "Résumé"), (None, False), "'Type de ressource' is missing"),
    (("Type de ressource", "Inconnu", "Ressource privée", "Non", "Résumé"), ("Inconnu", False),
     "unknown resource type 'Inconnu' kept as written"),
    (("Type de ressource", "Autres", "Résumé"), ("Autres", None),
     "'Ressource privée' is missing: is_private left null"),
    (("Type de ressource", "Autres", "Ressource privée", "Peut-être", "Résumé"), ("Autres", None),
     "'Ressource privée' has value 'Peut-être', not Oui/Non: is_private left null"),
    (("Type de ressource", "Autres", "Ressource privée", "Résumé"), ("Autres", None),
     "'Ressource privée' has value None, not Oui/Non: is_private left null"),
])
def test_type_and_private_flag_are_read_and_doubts_noted(block, expected, warning):
    metadata = normalise_metadata(raw("Titre", metadata=block, resume=("Un texte.",)))
    assert (metadata.resource_type, metadata.is_private) == expected
    assert metadata.warnings == ((warning,) if warning else ())
