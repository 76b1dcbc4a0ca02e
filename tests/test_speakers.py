"""Tests of pipeline/speakers: each shape of introduction, names, the model, the quality gate."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest
from rapidfuzz import fuzz
from typer.testing import CliRunner

from cli import app
from pipeline.clean import clean_text
from pipeline.records import EventDate, Metadata, Paragraph, RawRecord, Record, Text
from pipeline.run import run_pipeline
from pipeline.speakers import extract_speakers, link_people, ner, read_record
from pipeline.speakers.affiliation import split_affiliation
from pipeline.speakers.names import (
    FUZZY_NAME_THRESHOLD,
    name_key,
    normalise_name,
    person_id,
    same_person,
)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "raw" / "rtes_export_2020-2021.txt"
CASES = ROOT / "tests" / "cases"
LABELS = json.loads((CASES / "speakers.json").read_text(encoding="utf-8"))
FLOORS = json.loads((CASES / "speakers_floor.json").read_text(encoding="utf-8"))


def make_record(lines: list[str], resource_id: str = "r1", title: str = "Titre") -> Record:
    """A record whose canonical text is `lines`, one paragraph each, cleaned like the pipeline."""
    paragraphs = tuple(Paragraph(n, clean_text(t), t) for n, t in enumerate(lines, start=2))
    raw = RawRecord("test.txt", Paragraph(1, title), paragraphs, (), ())
    metadata = Metadata(None, None, None, EventDate(), None, None)
    return Record(resource_id, 0, raw, metadata, Text(paragraphs), "body_only")


def people_of(*lines: str) -> dict[str, object]:
    """name -> Speaker row, for one record made of `lines`."""
    return {row.name: row for row in extract_speakers([make_record(list(lines))]).speakers}


@pytest.fixture(scope="module")
def shipped():
    report = run_pipeline(SHIPPED)
    return report.records, extract_speakers(report.records)


# --- shapes ---

def test_bullet_with_role_and_organisation():
    row = people_of("  • Florent Chambolle, délégué régional URSCOP IDF")["Florent Chambolle"]
    assert (row.role, row.organisation, row.source, row.is_speaker) == (
        "délégué régional", "URSCOP IDF", "bullet", True)


def test_bullet_after_a_topic_and_a_dash():
    row = people_of(
        "  • Accompagner la construction d’une ferme urbaine - Sandrine Forzy, Cheffe de projet "
        "agriculture urbaine et renouvellement urbain, ville de Lille"
    )["Sandrine Forzy"]
    assert row.role == "Cheffe de projet agriculture urbaine et renouvellement urbain"
    assert row.organisation == "ville de Lille"


def test_bullet_with_the_talk_title_first():
    found = people_of("  • Panorama de l’écosystème d’accompagnement, Floriane Vernay,  Avise")
    assert list(found) == ["Floriane Vernay"]
    assert found["Floriane Vernay"].organisation == "Avise"


def test_bullet_after_questions():
    found = people_of("• L’écosystème de financement: quels besoins? Quels acteurs? Arnold Bornet,  "
                      "chef de projet France Active")
    assert (found["Arnold Bornet"].role, found["Arnold Bornet"].organisation) == (
        "chef de projet", "France Active")


def test_place_names_in_a_bullet_are_not_people():
    found = people_of("  • La démarche du générateur Bourgogne Franche-Comté, Julia Remonnay, chargée de "
                      "projet au générateur Bourgogne Franche Comté, porteur de la Fabrique à Initiatives.",
                      "  • Développement conjoint de l’outil : Région Grand Est / Association des "
                      "Paralysés de France")
    assert list(found) == ["Julia Remonnay"]
    assert found["Julia Remonnay"].organisation == "générateur Bourgogne Franche Comté"


def test_heading_like_line():
    row = people_of("Clovis Sabau, chef de service achats, Communauté urbaine de Dunkerque",
                    "Avec ses 149 millions d’€ HT d’achats publics, la Communauté urbaine a adopté "
                    "un schéma.")["Clovis Sabau"]
    assert (row.source, row.role, row.organisation) == (
        "heading", "chef de service achats", "Communauté urbaine de Dunkerque")


@pytest.mark.parametrize("intro", ["Avec :", "Avec les interventions de :",
                                   "Retrouvez la visio, avec les interventions de :"])
def test_list_after_avec(intro):
    found = people_of(intro, "  • Mahel Coppey, présidente du RTES",
                      "  • Anne-Laure Federici, déléguée générale du RTES")
    assert {row.source for row in found.values()} == {"list"}
    assert found["Anne-Laure Federici"].role == "déléguée générale"


def test_bullets_without_an_avec_line_are_bullets():
    found = people_of("Plus de 170 personnes ont assisté à ce webinaire autour de :",
                      "  • Introduction du programme, Anne-Laure Federici, RTES")
    assert found["Anne-Laure Federici"].source == "bullet"


def test_plain_lines_after_avec_are_a_list():
    found = people_of("Avec :", "Jean Dupont, maire de Trifouilly-les-Oies",
                      "Marie DURAND, directrice de la Scop Alpha")
    assert {(name, row.source) for name, row in found.items()} == {
        ("Jean Dupont", "list"), ("Marie Durand", "list")}
    assert found["Marie Durand"].name_as_written == "Marie DURAND"


@pytest.mark.parametrize("item", ["  1. Mme Marie Durand, présidente du Réseau Beta",
                                  "- Marie Durand, présidente du Réseau Beta",
                                  "    • M. Marie Durand, présidente du Réseau Beta"])
def test_other_list_markers_and_civilities(item):
    row = people_of(item)["Marie Durand"]
    assert (row.source, row.is_speaker, row.role, row.organisation) == (
        "bullet", True, "présidente", "Réseau Beta")


@pytest.mark.parametrize("line, source", [
    ("  • Jean Dupont – Ville de Lyon", "bullet"),
    ("  • Jean Dupont (Ville de Lyon)", "bullet"),
    ("Jean Dupont (Ville de Lyon)", "heading"),
    ("Jean Dupont - Ville de Lyon", "heading"),
])
def test_organisation_after_a_dash_or_in_parentheses(line, source):
    row = people_of(line)["Jean Dupont"]
    assert (row.source, row.organisation, row.is_speaker) == (source, "Ville de Lyon", True)


def test_a_dash_after_a_name_in_prose_is_no_introduction():
    found = people_of("Jean Dupont - le projet avance grâce à la ville qui a aidé les habitants. "
                      "Il faut continuer.")
    # At most a bare name the model settles; never an introduced speaker.
    assert not any(row.is_speaker or row.source != "ner" for row in found.values())


@pytest.mark.parametrize("paragraph", [
    "Interviennent Jean Dupont, maire de Trifouilly, et Marie Durand, présidente du Réseau Beta.",
    "Jean Dupont, maire de Trifouilly, et Marie Durand, présidente du Réseau Beta, ont présenté "
    "le projet.",
])
def test_people_introduced_together(paragraph):
    found = people_of(paragraph)
    assert {(n, r.is_speaker, r.role, r.organisation) for n, r in found.items()} == {
        ("Jean Dupont", True, "maire", "Trifouilly"),
        ("Marie Durand", True, "présidente", "Réseau Beta"),
    }


def test_prose_introduction_ended_by_a_verb():
    row = people_of(
        "Angélique Moutenet, ambassadrice mobilité durable du Pays du Lunevillois (4 communautés "
        "de communes, 159 communes) présente la démarche engagée avec Mobicoop. En 2011, le pays "
        "est labélisé."
    )["Angélique Moutenet"]
    assert (row.source, row.role, row.organisation) == (
        "prose", "ambassadrice mobilité durable", "Pays du Lunevillois")
    assert row.affiliation_raw.endswith("(4 communautés de communes, 159 communes)")


def test_prose_introduction_ended_by_a_sentence():
    row = people_of("Eric Petrotto, Directeur général d’1DLab. 1D Lab, est 1 SCIC née en 2013 à St "
                    "Etienne qui accompagne les lieux culturels.")["Eric Petrotto"]
    assert (row.role, row.organisation, row.is_speaker) == ("Directeur général", "1DLab", True)


def test_reported_speech_makes_a_speaker():
    found = people_of("Pour Abou Ndiaye, l’économie informelle est une économie de la débrouille.")
    assert found["Abou Ndiaye"].is_speaker is True


def test_enumeration_of_a_debate():
    found = people_of(
        "Animé par Frédéric Frenard, ce débat rassemblait Abou Ndiaye, sociologue, Claude Sicart, "
        "président du Pole S et membre du CNV saisi en mars 2019 par Julien Denormandie pour "
        "travailler sur l’économie informelle et Cécile Nonin du pôle ressources Villes et "
        "territoires Occitanie."
    )
    assert {name for name, row in found.items() if row.is_speaker} == {
        "Frédéric Frenard", "Abou Ndiaye", "Claude Sicart", "Cécile Nonin"}
    assert found["Julien Denormandie"].is_speaker is False
    assert found["Frédéric Frenard"].affiliation_raw is None
    assert found["Cécile Nonin"].organisation == "pôle ressources Villes et territoires Occitanie"
    assert found["Claude Sicart"].role == "président du Pole S et membre du CNV"


def test_two_people_in_one_bullet():
    found = people_of("  • Anna Mourlaque directrice de l'association Meltingcoop et Martine Ndiaye "
                      "secrétaire de l'association Reveil qui co-portent Migracoop")
    assert (found["Anna Mourlaque"].role, found["Anna Mourlaque"].organisation) == (
        "directrice", "association Meltingcoop")
    assert (found["Martine Ndiaye"].role, found["Martine Ndiaye"].organisation) == (
        "secrétaire", "association Reveil")
    assert found["Anna Mourlaque"].affiliation_raw == "directrice de l'association Meltingcoop"


# --- people only mentioned ---

def test_minister_quoted_is_not_a_speaker():
    row = people_of("La ministre Jacqueline Gourault a apporté le 11 juin quelques précisions.")[
        "Jacqueline Gourault"]
    assert (row.is_speaker, row.role) == (False, "ministre")


def test_blog_author_is_not_a_speaker():
    found = people_of("D'intéressants éléments sont disponibles sur le blog de Michel Abhervé")
    assert found["Michel Abhervé"].is_speaker is False


def test_academics_named_in_a_project_are_not_speakers():
    found = people_of(
        "Ce projet sera mis en œuvre avec 3 universitaires : Philippe Eynaud, professeur à l’IAE de "
        "Paris, Jean-Louis Laville, titulaire de la chaire d’économie solidaire du CNAM et Genauto "
        "Carvalho de França Filho, professeur à l’université fédérale de Bahia. Genauto Carvalho "
        "est l'un des concepteurs d’une méthodologie."
    )
    assert set(found) == {"Philippe Eynaud", "Jean-Louis Laville", "Genauto Carvalho de França Filho"}
    assert not any(row.is_speaker for row in found.values())
    assert found["Jean-Louis Laville"].organisation == "CNAM"


def test_a_speaker_named_again_in_prose_stays_one_speaker():
    found = people_of("  • Claude Sicart, président de Pole S",
                      "Claude Sicart est membre du Conseil National des Villes.")
    assert list(found) == ["Claude Sicart"]
    assert found["Claude Sicart"].source == "bullet"


# --- names: variants, shared surnames, fuzzy matching, ids ---

def test_case_variant_is_one_person():
    first = make_record(["  • Julien De Benito, Adjoint au Maire d’Avignon",
                         "Les participants interrogent Sandrine Forzy et Julien de Benito."], "r1")
    second = make_record(["Pour Julien de Benito, la notion du bien manger a évolué."], "r2")
    result = extract_speakers([first, second])
    benito = [row for row in result.speakers if row.name == "Julien de Benito"]
    assert [row.resource_id for row in benito] == ["r1", "r2"]
    assert len({row.person_id for row in benito}) == 1
    person = next(p for p in result.people if p.name == "Julien de Benito")
    assert (person.n_resources, person.variants) == (2, ("Julien De Benito", "Julien de Benito"))


def test_shared_surname_is_two_people():
    first = make_record(["  • Anna Mourlaque directrice et Martine Ndiaye secrétaire de "
                         "l'association Reveil"], "r1")
    second = make_record(["Pour Abou Ndiaye, l’économie informelle est une économie de la débrouille."],
                         "r2")
    result = extract_speakers([first, second])
    ids = {row.name: row.person_id for row in result.speakers}
    assert ids["Martine Ndiaye"] != ids["Abou Ndiaye"]
    assert not same_person(name_key("Martine Ndiaye"), name_key("Abou Ndiaye"))


def test_near_identical_spellings_are_one_person():
    first = make_record(["Hervé Formell, chef de service achats, Région Grand-Est"], "r1")
    second = make_record(["Herve Formel, chef de service achats, Région Grand-Est"], "r2")
    result = extract_speakers([first, second])
    assert len({row.person_id for row in result.speakers}) == 1
    assert result.people[0].n_resources == 2


@pytest.mark.parametrize("a, b", [
    ("Philippe Eynaud", "Philippe Maingault"),  # the closest pair of distinct people shipped
    ("Julien Denormandie", "Julien de Benito"),
    ("Frédéric Frenard", "Frédérique Pfrunder"),
    ("Eric Marion", "Eric Petrotto"),
])
def test_distinct_people_stay_apart(a, b):
    assert not same_person(name_key(a), name_key(b)), FUZZY_NAME_THRESHOLD


def test_fuzzy_threshold_sits_above_every_pair_of_labelled_people():
    # The threshold is chosen from the data: no two distinct people of the labelled set may
    # reach it, or they would be merged.
    keys = sorted({name_key(p["name"]) for e in LABELS["records"] for p in e["people"]})
    closest = max(fuzz.ratio(a, b) for a, b in combinations(keys, 2))
    assert closest < FUZZY_NAME_THRESHOLD
    assert not any(same_person(a, b) for a, b in combinations(keys, 2))


@pytest.mark.parametrize("written, normalised", [
    ("Julien De Benito", "Julien de Benito"),
    ("julien  de   benito", "Julien de Benito"),
    ("Sandrine FORZY", "Sandrine Forzy"),
    ("BENJAMIN GUERAUD-PINET", "Benjamin Gueraud-Pinet"),
    ("Valéry D’Estaing", "Valéry d'Estaing"),
    ("Jean-Louis Laville", "Jean-Louis Laville"),
    ("Herve\u0301 Formell", "Hervé Formell"),  # decomposed accents
])
def test_normalise_name(written, normalised):
    assert normalise_name(written) == normalised


def test_person_id_is_a_stable_hash_of_the_normalised_name():
    # Pinned: a change here re-keys every person in every table downstream.
    assert person_id(name_key("Sandrine Forzy")) == "p_d28c23737f88"
    assert person_id(name_key("SANDRINE  FORZY")) == "p_d28c23737f88"


# --- role and organisation ---

@pytest.mark.parametrize("affiliation, role, organisation", [
    ("Cheffe de projet agriculture urbaine et renouvellement urbain, ville de Lille",
     "Cheffe de projet agriculture urbaine et renouvellement urbain", "ville de Lille"),
    ("vice-présidente du RTES et vice-présidente du département d'Ille-et-Vilaine",
     "vice-présidente du RTES et vice-présidente du département d'Ille-et-Vilaine", None),
    ("vice-présidente, en charge de l’économie sociale et solidaire, conseil départemental "
     "Ille-et-Vilaine, retour sur le projet le Bon Maurepas",
     "vice-présidente, en charge de l’économie sociale et solidaire",
     "conseil départemental Ille-et-Vilaine"),
    ("Adjoint au Maire d’Avignon délégué au quartier Nord-Rocade",
     "Adjoint au Maire d’Avignon délégué au quartier Nord-Rocade", None),
    ("Ministre de la ville et du logement", "Ministre de la ville et du logement", None),
    ("chargée d’investissement - ESS & développement local, Banque des territoires",
     "chargée d’investissement - ESS & développement local", "Banque des territoires"),
    ("président de Mobicoop, plateforme sur les enjeux du partage de la mobilité",
     "président", "Mobicoop"),
    ("du pôle ressources Villes et territoires Occitanie", None,
     "pôle ressources Villes et territoires Occitanie"),
    ("RTES", None, "RTES"),
    (None, None, None),
])
def test_split_affiliation(affiliation, role, organisation):
    assert split_affiliation(affiliation) == (role, organisation)


# --- the model, as support ---

def test_model_settles_an_unknown_name_in_prose():
    found = people_of("Le projet associe la coopérative et Marie Durand depuis 2019.")
    assert found["Marie Durand"].source == "ner"
    assert found["Marie Durand"].is_speaker is False


def test_model_is_loaded_once_with_only_the_pipes_it_needs():
    model = ner.load_model()
    assert ner.load_model() is model
    assert model.pipe_names == ["tok2vec", "ner"]


def test_model_never_reads_the_shipped_export(shipped):
    records, _ = shipped
    ner.person_spans.cache_clear()
    extract_speakers(records)
    # Every name of the shipped export is settled by a rule, so the model is not even loaded
    # when the pipeline runs on it (the load alone takes about 3 s): it read no sentence.
    assert ner.person_spans.cache_info().misses == 0


def test_records_are_read_without_the_model_which_the_linking_calls_once_per_process():
    """Records are read in the worker processes; the model, which takes 3 s to load, is asked
    only where they are linked, in the calling process."""
    record = make_record(["Le projet associe la coopérative et Marie Durand depuis 2019."])
    ner.person_spans.cache_clear()
    read = read_record(record)
    assert [item.occurrence.name for item in read.unsettled] == ["Marie Durand"]
    assert ner.person_spans.cache_info().misses == 0
    linked = link_people([record], [read])
    assert [row.name for row in linked.speakers] == ["Marie Durand"]
    assert ner.person_spans.cache_info().misses == 1
    assert linked == extract_speakers([record])


def test_model_reads_each_sentence_once():
    record = make_record(["Le projet associe la coopérative et Marie Durand depuis 2019."])
    ner.person_spans.cache_clear()
    extract_speakers([record])
    extract_speakers([record])
    info = ner.person_spans.cache_info()
    assert (info.misses, info.hits) == (1, 1)


# --- the shipped export: no double counting, provenance, quality gate ---

def test_one_row_per_person_per_record(shipped):
    _, result = shipped
    pairs = [(row.resource_id, row.person_id) for row in result.speakers]
    assert len(pairs) == len(set(pairs))


def test_nobody_is_read_from_the_resume_copy(shipped):
    records, result = shipped
    resume_start = {r.resource_id: r.raw.resume[0].line for r in records if r.raw.body and r.raw.resume}
    late = [row for row in result.speakers
            if row.resource_id in resume_start and row.line >= resume_start[row.resource_id]]
    assert late == []


def test_offsets_point_at_the_name(shipped):
    records, result = shipped
    texts = {r.resource_id: r.text for r in records}
    for row in result.speakers:
        text = texts[row.resource_id]
        assert text.string[row.char_start: row.char_end] == row.name_as_written
        assert text.line_at(row.char_start) == row.line


def test_people_sorted_by_number_of_resources(shipped):
    _, result = shipped
    counts = [p.n_resources for p in result.people]
    assert counts == sorted(counts, reverse=True)
    top = {p.name for p in result.people if p.n_resources == 2}
    assert top == {"Anne-Laure Federici", "Claude Sicart", "Emmanuelle Rousset", "Julien Denormandie"}


def _labelled(records):
    by_title = {r.title: r.resource_id for r in records}
    return {
        (by_title[entry["title"]], name_key(person["name"])): person
        for entry in LABELS["records"]
        for person in entry["people"]
    }


def _quality(records, result) -> dict[str, float]:
    labels = _labelled(records)
    found = {(row.resource_id, name_key(row.name)): row for row in result.speakers}
    scores = {}
    for kind, flag in (("speaker", True), ("mention", False)):
        truth = {k for k, p in labels.items() if p["is_speaker"] is flag}
        guessed = {k for k, row in found.items() if row.is_speaker is flag}
        hits = len(truth & guessed)
        scores[f"{kind}_precision"] = hits / len(guessed) if guessed else 0.0
        scores[f"{kind}_recall"] = hits / len(truth) if truth else 0.0
    matched = [(labels[k], found[k]) for k in labels.keys() & found.keys()]
    scores["role_accuracy"] = sum(p["role"] == r.role for p, r in matched) / len(labels)
    scores["organisation_accuracy"] = sum(p["organisation"] == r.organisation for p, r in matched) / len(
        labels)
    return scores


def test_quality_gate(shipped):
    records, result = shipped
    scores = _quality(records, result)
    print("\nspeakers quality on the shipped export:",
          ", ".join(f"{name}={value:.3f}" for name, value in sorted(scores.items())))
    below = {name: value for name, value in scores.items() if value < FLOORS[name]}
    assert below == {}, f"below the floors pinned in tests/cases/speakers_floor.json: {below}"


def test_floors_never_start_below_the_issue_minimum():
    assert FLOORS["speaker_precision"] >= 0.95 and FLOORS["speaker_recall"] >= 0.95


@pytest.mark.parametrize("entry", LABELS["records"], ids=[e["title"][:40] for e in LABELS["records"]])
def test_labelled_people_of_each_record(shipped, entry):
    records, result = shipped
    resource_id = next(r.resource_id for r in records if r.title == entry["title"])
    found = {(name_key(row.name), row.is_speaker, row.role, row.organisation)
             for row in result.speakers if row.resource_id == resource_id}
    expected = {(name_key(p["name"]), p["is_speaker"], p["role"], p["organisation"])
                for p in entry["people"]}
    assert found == expected


def test_a_repeated_record_gets_the_rows_of_the_first(shipped):
    # Paragraph scans are cached by text: each copy must still get rows of its own, equal
    # to the original's but for the resource id, and people count every copy.
    records, result = shipped
    copies = [replace(r, resource_id=f"{r.resource_id}~{n}") for n in range(3) for r in records]
    again = extract_speakers(copies)
    for n in range(3):
        rows = [replace(row, resource_id=row.resource_id.removesuffix(f"~{n}"))
                for row in again.speakers if row.resource_id.endswith(f"~{n}")]
        assert rows == list(result.speakers)
    assert [(p.person_id, p.n_resources) for p in again.people] == [
        (p.person_id, 3 * p.n_resources) for p in result.people]


# --- command line ---

def test_cli_people_prints_the_table_most_resources_first():
    outcome = CliRunner().invoke(app, ["people", str(SHIPPED)])
    assert outcome.exit_code == 0, outcome.output
    lines = outcome.output.splitlines()
    assert lines[0].split()[:3] == ["resources", "spoke", "name"]
    counts = [int(line.split()[0]) for line in lines[1:-1]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    assert re.search(r"^\s+2\s+0\s+Julien Denormandie\s", outcome.output, re.MULTILINE)
    assert lines[-1] == "34 people"


def test_cli_people_rejects_a_missing_path(tmp_path):
    outcome = CliRunner().invoke(app, ["people", str(tmp_path / "nothing.txt")])
    assert outcome.exit_code == 2

