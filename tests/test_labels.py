"""Labels: which metadata label a line is, whatever its accents, case, number or colon."""

from __future__ import annotations

import pytest

from pipeline.labels import Label, any_label, block_fields, inline_label, label_of


@pytest.mark.parametrize(("text", "label"), [
    ("Type de ressource", Label.type),
    ("Type de ressources", Label.type),  # plural
    ("TYPE DE RESSOURCE", Label.type),  # case
    ("Type de ressource :", Label.type),  # colon, with or without a space
    ("Type de ressource:", Label.type),
    ("Ressource privée", Label.private),
    ("Ressource Privée", Label.private),
    ("Ressources privées :", Label.private),
    ("Ressource privee", Label.private),  # accent dropped
    ("Ressource prive\u0301e", Label.private),  # accent decomposed
    ("Résumé", Label.resume),
    ("Résumé :", Label.resume),
    ("RESUME", Label.resume),
    ("Documents", Label.documents),
])
def test_a_label_line_is_recognised(text, label):
    assert label_of(text) == label
    assert any_label(text) == label


@pytest.mark.parametrize("text", [
    "Un paragraphe",
    "Type de ressource : Autres",  # a label with its value is an inline label, not a label line
    "Résumé de la conférence",
    "Document",
    "Types de ressource",
    "Ressource",
    "",
    "Type de ressource" + " " * 20 + ":",  # longer than any label: not read
])
def test_other_lines_are_no_label(text):
    assert label_of(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Type de ressource : Autres", (Label.type, "Autres")),
    ("Type de ressources: Ressources RTES", (Label.type, "Ressources RTES")),
    ("TYPE DE RESSOURCE : Autres", (Label.type, "Autres")),
    ("Ressource privée : Oui", (Label.private, "Oui")),
    ("Ressources Privées :Non", (Label.private, "Non")),
    ("Type de ressource : Économie Sociale", (Label.type, "Économie Sociale")),  # value as written
])
def test_an_inline_label_gives_its_label_and_value(text, expected):
    assert inline_label(text) == expected
    assert any_label(text) == expected[0]


@pytest.mark.parametrize("text", [
    "Type de ressource",
    "Type de ressource :",  # no value
    "Type de ressource :   ",
    "Résumé : un texte",  # the Résumé label never carries its text inline
    "Documents : rapport.pdf",
    "Thème : économie",
    "Retour sur le temps d'échange : ce qu'il faut retenir",
])
def test_lines_that_are_no_inline_label(text):
    assert inline_label(text) is None


@pytest.mark.parametrize(("lines", "fields"), [
    (["Type de ressource", "Ressources RTES", "Ressource privée", "Non", "Résumé"],
     {Label.type: "Ressources RTES", Label.private: "Non"}),
    (["Documents", "Type de ressource : Autres", "Ressource Privée", "Oui", "Résumé :"],
     {Label.type: "Autres", Label.private: "Oui"}),
    (["Type de ressources :", "Autres", "Ressources privées : Non"],
     {Label.type: "Autres", Label.private: "Non"}),
    # a label with no value: the next line is a label, or there is no next line
    (["Type de ressource", "Ressource privée", "Non", "Résumé"], {Label.type: None, Label.private: "Non"}),
    (["Type de ressource", "Autres", "Ressource privée", "Résumé"],
     {Label.type: "Autres", Label.private: None}),
    (["Type de ressource", "Autres", "Ressource privée"], {Label.type: "Autres", Label.private: None}),
    (["Type de ressource", "Ressource privée : Oui"], {Label.type: None, Label.private: "Oui"}),
    (["Résumé"], {}),
    ([], {}),
])
def test_block_fields_reads_every_layout(lines, fields):
    assert block_fields(lines) == fields
