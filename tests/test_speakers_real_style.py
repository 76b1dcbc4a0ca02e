"""Speakers in event write-ups phrased as the site's real pages are: a hand-written set.

tests/cases/speakers_real_style.json holds records written by hand, in our own words and with
invented names, after the structure of real rtes.fr write-ups and programmes (programme lines
with the people in brackets, "Animateur :" and "Intervenants :" labels, upper-case surnames,
civilities, functions written before the name, quotations with an inverted verb, the present
and the announced future, thanks for organising rather than for a talk, people named but
absent). Unlike tests/cases/speakers_prose.json, no template wrote it. It comes in three batches,
each with a "blind" third set aside before the rules were changed for it and scored once, at
the end; the second batch ("design2", "blind2") was written after the rules had been tuned on
the first, with phrasings the first lacked; the third ("design3", "blind3") holds whole
write-ups of several paragraphs, as the site's pages are. A fourth batch ("blind4") of whole
write-ups is all blind: written before the rules became policies on the whole record
(pipeline/speakers/policy.py), it was scored before and after them; its errors then guided a
fifth round of rules, so a fifth batch ("blind5"), written before that round and never tuned
on, was scored before and after a sixth round; a sixth batch ("blind6"), written before that round
and never read, was scored before and after a seventh round, which was generalised on its errors;
a seventh batch ("blind7", 16 whole write-ups written after real pages were read and before that
round, its errors never read) was scored before and after an eighth round, which was guided by a
count of every remaining error by decision (most were missed moderators); an eighth batch
("blind8", 16 whole write-ups written after more real pages were read and before that round, its
errors never read) now estimates how the rules do on unseen pages.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from test_speakers_prose import _make_record, people_of, score

from pipeline.speakers import extract_speakers
from pipeline.speakers.affiliation import split_affiliation

CASES_DIR = Path(__file__).resolve().parent / "cases"
SET = json.loads((CASES_DIR / "speakers_real_style.json").read_text(encoding="utf-8"))
FLOORS = json.loads((CASES_DIR / "speakers_real_style_floor.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def predicted() -> dict[str, list]:
    result = extract_speakers([_make_record(case["id"], case["paragraphs"]) for case in SET["cases"]])
    rows = defaultdict(list)
    for row in result.speakers:
        rows[row.resource_id].append(row)
    return rows


def test_the_set_is_large_and_a_third_of_it_blind():
    splits = [case["split"] for case in SET["cases"]]
    assert len(splits) >= 150
    for batch in ("", "2", "3"):
        size = splits.count(f"design{batch}") + splits.count(f"blind{batch}")
        assert splits.count(f"blind{batch}") == size // 3
    assert splits.count("blind4") >= 15  # whole write-ups, every one held out
    assert splits.count("blind5") >= 15
    assert splits.count("blind6") >= 12
    assert splits.count("blind7") >= 16
    assert splits.count("blind8") >= 16


@pytest.mark.parametrize("split", ["blind4", "blind5", "blind6", "blind7", "blind8"])
def test_the_fourth_and_fifth_batches_hold_whole_write_ups(split):
    for case in (c for c in SET["cases"] if c["split"] == split):
        assert len(case["paragraphs"]) >= 4 and len(case["people"]) >= 3


@pytest.mark.parametrize("split", ["design", "blind", "design2", "blind2", "design3", "blind3", "blind4",
                                   "blind5", "blind6", "blind7", "blind8"])
def test_quality_gate(predicted, split):
    scores = score([case for case in SET["cases"] if case["split"] == split], predicted)
    print(f"\nspeakers, real-style {split}:", ", ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    below = {name: value for name, value in scores.items() if value < FLOORS[split][name]}
    assert below == {}, f"below the floors pinned in tests/cases/speakers_real_style_floor.json: {below}"


def _who(*lines: str) -> dict[str, tuple]:
    return {name: (str(row.participation), row.role, row.organisation)
            for name, row in people_of(*lines).items()}


# --- the grammar the set taught, one phrasing each (names not in the set) ---

@pytest.mark.parametrize("lines, expected", [
    (["Animateur : Hugo Perrin, chargé de mission, Comité 21"],
     {"Hugo Perrin": ("moderator", "chargé de mission", "Comité 21")}),
    (["Intervenant·e·s :", "Nora Bensalem, chargée de mission, Ville de Lille",
      "Marc Olry, gérant de la Scop Tissage"],
     {"Nora Bensalem": ("speaker", "chargée de mission", "Ville de Lille"),
      "Marc Olry": ("speaker", "gérant", "Scop Tissage")}),
    (["Intervenants :", "Irène Falco", "Directrice de l'Agence d'urbanisme de Nîmes"],
     {"Irène Falco": ("speaker", "Directrice", "Agence d'urbanisme de Nîmes")}),
    (["• Anaïs Morel, juriste, Avise", "Animation : Lucas VIDAL, RTES"],
     {"Anaïs Morel": ("speaker", "juriste", "Avise"), "Lucas Vidal": ("moderator", None, "RTES")}),
    (["11h – Table ronde : coopérer (Paul Ader, Ville de Dax ; Inès Brun, CRESS Sud)"],
     {"Paul Ader": ("speaker", None, "Ville de Dax"), "Inès Brun": ("speaker", None, "CRESS Sud")}),
    (["Présidence de Mme Françoise Gaudin, présidente de la délégation"],
     {"Françoise Gaudin": ("moderator", "présidente", "délégation")}),
])
def test_labels_and_programme_lines(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("La maire de Plounéour, Sylvie Kerdraon, a ouvert la rencontre.",
     {"Sylvie Kerdraon": ("speaker", "maire", "Plounéour")}),
    ("Merci également au CNFPT et à son directeur régional Karim BOUZID, présent à l'ouverture.",
     {"Karim Bouzid": ("speaker", "directeur régional", None)}),
    ("Après la pause, la députée Fanny Cardon débattra de son travail parlementaire.",
     {"Fanny Cardon": ("speaker", "députée", None)}),
    ("À l'issue des ateliers, Mme Fatou Kane, adjointe au maire de Pantin, a remercié les participants.",
     {"Fatou Kane": ("speaker", "adjointe au maire", "Pantin")}),
    ("Karine Dubost et Léa Ferrand interviennent ensuite sur le budget participatif.",
     {"Karine Dubost": ("speaker", None, None), "Léa Ferrand": ("speaker", None, None)}),
    ("La coopération entre territoires, par Danièle Roussel, socio-économiste.",
     {"Danièle Roussel": ("speaker", "socio-économiste", None)}),
])
def test_subjects_functions_before_names_and_talk_titles(paragraph, expected):
    assert _who(paragraph) == expected


@pytest.mark.parametrize("paragraph, expected", [
    ("Nos remerciements vont à Héloïse Martel (ville de Dole) pour l'organisation de cette journée.",
     {"Héloïse Martel": ("mentioned", None, "ville de Dole")}),
    ("Christiane Bourdel, ancienne présidente du réseau, avait lancé ces rencontres en 2005.",
     {"Christiane Bourdel": ("mentioned", "ancienne présidente", "réseau")}),
    ("La matinée a démarré avec un hommage de Claude Lemaire, président du réseau, à Michel Durand, "
     "disparu en mars.", {"Claude Lemaire": ("speaker", "président", "réseau"),
                          "Michel Durand": ("mentioned", None, None)}),
    ("Le guide s'appuie sur les travaux de la chercheuse Geneviève Fortin, absente ce jour.",
     {"Geneviève Fortin": ("mentioned", "chercheuse", None)}),
    ("Au programme : Économie Circulaire, Tiers-Lieux Nourriciers et Plaine Commune.", {}),
])
def test_people_named_but_not_on_stage_and_things_not_people(paragraph, expected):
    assert _who(paragraph) == expected


def test_a_colon_list_in_a_sentence_about_a_session():
    found = _who("Le réseau animait une table ronde avec les regards de trois élus : Antoine Dupré pour "
                 "la Ville de Metz, Magali Coste pour Nantes Métropole, ainsi que d'Émeline Brossard "
                 "pour la Métropole de Lyon.")
    assert found == {"Antoine Dupré": ("speaker", None, "Ville de Metz"),
                     "Magali Coste": ("speaker", None, "Nantes Métropole"),
                     "Émeline Brossard": ("speaker", None, "Métropole de Lyon")}


@pytest.mark.parametrize("paragraph, expected", [
    ("Les témoignages de la matinée : Hugo Ferrant, directeur du PTCE Vallée Verte ; Louise Abadie, "
     "chargée de mission à Pau Métropole.",
     {"Hugo Ferrant": ("speaker", "directeur", "PTCE Vallée Verte"),
      "Louise Abadie": ("speaker", "chargée de mission", "Pau Métropole")}),
    ("En écho, lui répondaient deux élus : Arnaud Riche, conseiller régional, et Maud Aubry, maire de Tulle.",
     {"Arnaud Riche": ("speaker", "conseiller régional", None), "Maud Aubry": ("speaker", "maire", "Tulle")}),
    ("À la tribune se sont succédé Marie Lenormand, adjointe aux finances, et Hamid Tahar, directeur de "
     "la régie.",
     {"Marie Lenormand": ("speaker", "adjointe aux finances", None),
      "Hamid Tahar": ("speaker", "directeur", "régie")}),
    ("L'association, représentée par sa directrice Agathe Morel, a présenté ses boulangeries.",
     {"Agathe Morel": ("speaker", "directrice", None)}),
    ("Les collectivités s'en saisissent, ce que souligne Caroline Dumont, directrice de la CRESS.",
     {"Caroline Dumont": ("speaker", "directrice", "CRESS")}),
    ("Le rapporteur de la commission, M. Bruno Delorme, a exposé les conclusions.",
     {"Bruno Delorme": ("speaker", "rapporteur", "commission")}),
    ("La ministre déléguée, Marlène Schott, a adressé un message enregistré aux participants.",
     {"Marlène Schott": ("speaker", "ministre déléguée", None)}),
    ("Mireille Dubost, sociologue, interviendra en ouverture ; Paul Grangier, du Labo de l'ESS, animera "
     "les échanges.", {"Mireille Dubost": ("speaker", "sociologue", None),
                       "Paul Grangier": ("moderator", None, "Labo de l'ESS")}),
    ("Yves Gallet, président de la communauté de communes, n'a pas pu être présent ; son message a été lu "
     "par Fanny Moreau, directrice générale des services.",
     {"Yves Gallet": ("mentioned", "président", "communauté de communes"),
      "Fanny Moreau": ("speaker", "directrice générale des services", None)}),
])
def test_second_batch_phrasings(paragraph, expected):
    assert _who(paragraph) == expected


# --- policies rather than phrasings (pipeline/speakers/policy.py) ---

@pytest.mark.parametrize("lines, expected", [
    # no cue next to the names: a function in a write-up of an event makes a speaker
    (["Retour sur la rencontre des élus", "Le public a pu entendre les points de vue de Lucie Garnier, "
      "sociologue, puis de Paul Texier, maraîcher à Dax."],
     {"Lucie Garnier": ("speaker", "sociologue", None), "Paul Texier": ("speaker", "maraîcher", "Dax")}),
    # the same people in a text that reports no event stay mentioned
    (["Le guide cite Lucie Garnier, sociologue, et Paul Texier, maraîcher à Dax."],
     {"Lucie Garnier": ("mentioned", "sociologue", None), "Paul Texier": ("mentioned", "maraîcher", "Dax")}),
    # the agent of a passive falls under the default too
    (["Retour sur la journée", "Elle a été ouverte par Paul Texier, maire de Dax, et par Lucie Garnier, "
      "présidente de la CRESS."],
     {"Paul Texier": ("speaker", "maire", "Dax"), "Lucie Garnier": ("speaker", "présidente", "CRESS")}),
])
def test_a_function_in_an_event_write_up_makes_a_speaker(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur le webinaire", "Le guide, rédigé par Lucie Garnier, sociologue, est disponible en ligne."],
     {"Lucie Garnier": ("mentioned", "sociologue", None)}),
    (["Retour sur le webinaire", "Parmi les participants, on notait la présence de Lucie Garnier, sénatrice "
      "du Gers."], {"Lucie Garnier": ("mentioned", "sénatrice", "Gers")}),
    (["Merci à Lucie Garnier pour son accueil."], {"Lucie Garnier": ("mentioned", None, None)}),
])
def test_a_sentence_that_says_off_stage_keeps_the_mention(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("lines, name, expected", [
    (["Retour sur les ateliers", "Celui sur le foncier était animé par Paul Texier, de Terre de Liens ; "
      "celui sur la gouvernance, par Lucie Garnier, consultante."],
     "Lucie Garnier", ("moderator", "consultante", None)),
    (["Retour sur la journée", "La séance a été présidée par M. Paul Texier, président de la commission."],
     "Paul Texier", ("moderator", "président", "commission")),
])
def test_a_default_speaker_who_chairs_is_a_moderator(lines, name, expected):
    assert _who(*lines)[name] == expected


def test_the_row_keeps_the_function_that_decided_it():
    row = people_of("Retour sur la rencontre", "Le public a pu entendre Lucie Garnier, sociologue.")[
        "Lucie Garnier"]
    assert (str(row.participation), row.cue) == ("speaker", "sociologue")


# --- the off-stage reading is limited to the clause holding the name ---

@pytest.mark.parametrize("lines, expected", [
    # "n'ont pas" in a completive says nothing of the subjects
    (["Retour sur la rencontre", "Paul Texier, maire de Dax, et Lucie Garnier, conseillère régionale, ont "
      "ouvert la journée en rappelant que 30 % des ménages n'ont pas de voiture."],
     {"Paul Texier": ("speaker", "maire", "Dax"),
      "Lucie Garnier": ("speaker", "conseillère régionale", None)}),
    # succeeding one another on the platform is speaking, not replacing someone
    (["Retour sur la plénière", "La plénière a vu se succéder à la tribune Paul Texier, président de la "
      "CRESS, puis Lucie Garnier, directrice de l'ADEME."],
     {"Paul Texier": ("speaker", "président", "CRESS"), "Lucie Garnier": ("speaker", "directrice", "ADEME")}),
    # the absence in the clause before the semicolon, the talk after it
    (["Retour sur la journée", "Paul Texier, maire de Dax, était excusé ; Lucie Garnier, adjointe au maire, "
      "a présenté le projet."],
     {"Paul Texier": ("mentioned", "maire", "Dax"), "Lucie Garnier": ("speaker", "adjointe au maire", None)}),
])
def test_off_stage_words_count_in_the_name_s_clause_only(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur la visite", "Un grand merci à Lucie Garnier, bénévole, qui a organisé le transport."],
     {"Lucie Garnier": ("mentioned", "bénévole", None)}),
    (["Retour sur la visite", "Merci à Lucie Garnier, maraîchère, qui a présenté son exploitation."],
     {"Lucie Garnier": ("speaker", "maraîchère", None)}),
])
def test_thanks_followed_by_what_else_the_person_did(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("verb", ["conduite", "orchestrée", "co-animée"])
def test_more_verbs_of_chairing(verb):
    found = _who("Retour sur la formation", f"La session était {verb} par Lucie Garnier, consultante.")
    assert found == {"Lucie Garnier": ("moderator", "consultante", None)}


@pytest.mark.parametrize("bullet", ["▶", "✅", "➡️", "🔹", "🗣️", "•", "-", "–", "*"])
def test_a_bullet_is_known_by_its_shape(bullet):
    found = _who("Retour sur la rencontre", "Intervenants :",
                 f"{bullet} Lucie Garnier, directrice de la CRESS",
                 f"{bullet} Paul Texier, président de l'Afip")
    assert found == {"Lucie Garnier": ("speaker", "directrice", "CRESS"),
                     "Paul Texier": ("speaker", "président", "Afip")}


@pytest.mark.parametrize("line, expected", [
    ("🔹 Emploi des jeunes, avec Lucie Garnier, mission locale",
     {"Lucie Garnier": ("speaker", None, "mission locale")}),
    ("🎙️ Ont pris la parole : Lucie Garnier, directrice de la CRESS ; Paul Texier, maire de Dax.",
     {"Lucie Garnier": ("speaker", "directrice", "CRESS"), "Paul Texier": ("speaker", "maire", "Dax")}),
])
def test_bullet_items_opened_by_avec_or_a_semicolon(line, expected):
    assert _who("Retour sur la journée", line) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Programme de la journée",
      "10h00 Regards croisés : Lucie Garnier et Paul Texier de la Métropole de Dax"],
     {"Lucie Garnier": ("speaker", None, "Métropole de Dax"),
      "Paul Texier": ("speaker", None, "Métropole de Dax")}),
    (["Retour sur la soirée",
      "Après quelques mots du maire adjoint Paul Texier, la parole a été donnée au public."],
     {"Paul Texier": ("speaker", "maire adjoint", None)}),
])
def test_a_programme_line_after_a_colon_and_a_function_after_du(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("affiliation, expected", [
    ("responsable du pôle innovation sociale à Bpifrance",
     ("responsable du pôle innovation sociale", "Bpifrance")),
    ("cheffe de projet politique de la ville à Mulhouse",
     ("cheffe de projet politique de la ville", "Mulhouse")),
    ("journaliste au magazine Alternatives", ("journaliste", "magazine Alternatives")),
    ("sociologue, maîtresse de conférences à l'université de Tours",
     ("sociologue, maîtresse de conférences", "université de Tours")),
    ("alors maire de la commune", ("maire", "commune")),
    ("adjointe à la maire de Strasbourg", ("adjointe à la maire", "Strasbourg")),
    ("vice-présidente de la Métropole de Lyon déléguée à l'ESS", ("vice-présidente de la Métropole de Lyon "
                                                                  "déléguée à l'ESS", None)),
])
def test_the_place_of_work_after_a(affiliation, expected):
    assert split_affiliation(affiliation) == expected


def test_a_function_in_the_plural_before_an_enumeration():
    found = _who("Retour sur la commission", "Les deux rapporteurs, Lucie Garnier et Paul Texier, ont "
                 "présenté leurs conclusions.")
    assert found == {"Lucie Garnier": ("speaker", "rapporteurs", None),
                     "Paul Texier": ("speaker", "rapporteurs", None)}


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur la table ronde", "Paul Texier, maire de Dax, a ouvert la séance, tandis qu'Anne Lefort, "
      "sociologue, a conclu."],
     {"Paul Texier": ("speaker", "maire", "Dax"), "Anne Lefort": ("speaker", "sociologue", None)}),
    (["Retour sur le webinaire",
      "Un grand merci aux intervenant.e.s : Anne Lefort, Paul Texier et Léa Morin !"],
     {"Anne Lefort": ("speaker", None, None), "Paul Texier": ("speaker", None, None),
      "Léa Morin": ("speaker", None, None)}),
    (["Retour sur la plénière", "La secrétaire d'État Anne Lefort a rappelé les objectifs."],
     {"Anne Lefort": ("speaker", "secrétaire d'État", None)}),
    (["Retour sur la visite", "Visite de la ferme, avec son encadrant technique Paul Texier."],
     {"Paul Texier": ("speaker", "encadrant technique", None)}),
    (["Retour sur la rencontre", "Un élu de Dax a ensuite interrogé Paul Texier sur le budget."],
     {"Paul Texier": ("speaker", None, None)}),
])
def test_elided_subjects_inclusive_labels_and_more_functions(lines, expected):
    assert _who(*lines) == expected


def test_items_of_a_list_each_presented_by_someone():
    found = _who("Retour sur la journée", "Trois projets ont été présentés par leurs porteurs : la ferme X, "
                 "par sa fondatrice Anne Lefort ; le groupement Y, par Paul Texier ; et l'épicerie Z, par "
                 "Léa Morin.")
    assert {name: participation for name, (participation, _, _) in found.items()} == {
        "Anne Lefort": "speaker", "Paul Texier": "speaker", "Léa Morin": "speaker"}


def test_a_project_carried_by_someone_names_no_speaker():
    found = _who("Retour sur le séminaire", "Ont été évoqués la maison de l'ESS de Dax, portée par l'élue "
                 "Anne Lefort, et le budget participatif.")
    assert found == {"Anne Lefort": ("mentioned", "élue", None)}


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur la visite", "Paul Texier, le directeur de la Scic, a fait visiter le site aux élus."],
     {"Paul Texier": ("speaker", "directeur", "Scic")}),
    (["Retour sur le séminaire", "Malgré l'engagement pris par l'ancien préfet Paul Texier, rien n'a bougé."],
     {"Paul Texier": ("mentioned", "ancien préfet", None)}),
])
def test_an_article_before_a_function_and_ancien(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur la conférence", "Une conférence animée par Anne Lefort, de l'agence locale de l'énergie."],
     {"Anne Lefort": ("moderator", None, "agence locale de l'énergie")}),
    (["15h – Atelier « mobilité », animé par Paul Texier (Wimoov), avec Anne Lefort, maire de Dax."],
     {"Paul Texier": ("moderator", None, "Wimoov"), "Anne Lefort": ("speaker", "maire", "Dax")}),
    (["Retour sur la journée", "Anne Lefort est intervenue au titre de la Fédération des centres sociaux."],
     {"Anne Lefort": ("speaker", None, "Fédération des centres sociaux")}),
    (["Retour sur la journée", "L'étude a été présentée par le cabinet Geste, représenté par Anne Lefort et "
      "Paul Texier."],
     {"Anne Lefort": ("speaker", None, "cabinet Geste"), "Paul Texier": ("speaker", None, "cabinet Geste")}),
])
def test_the_organisation_after_de_in_brackets_on_behalf_and_represented(lines, expected):
    assert _who(*lines) == expected


@pytest.mark.parametrize("lines, expected", [
    (["Retour sur la rencontre", "Intervenants :", "- Lina Morel au RTES", "- Paul Texier, maire de Dax"],
     {"Lina Morel": ("speaker", None, "RTES"), "Paul Texier": ("speaker", "maire", "Dax")}),
    (["Retour sur la rencontre", "Paul Texier à la CRESS Bretagne a présenté l'étude."],
     {"Paul Texier": ("speaker", None, "CRESS Bretagne")}),
    (["Retour sur l'atelier", "Paul Texier et moi-même (Anne Lefort, RTES) animions l'atelier."],
     {"Paul Texier": ("moderator", None, None), "Anne Lefort": ("moderator", None, "RTES")}),
    (["Retour sur le webinaire", "Merci à Anne Lefort, de l'Avise, pour l'animation !"],
     {"Anne Lefort": ("moderator", None, "Avise")}),
    (["Retour sur la journée", "Deux ateliers ont suivi : l'un piloté par Paul Texier, de l'ADEME, l'autre "
      "par Anne Lefort."],
     {"Paul Texier": ("moderator", None, "ADEME")}),  # "l'autre par B" is not read yet
    (["Retour sur la journée", "Les lauréats ont pitché leur projet : Paul Texier pour la ferme des Aulnes, "
      "Anne Lefort pour la Scop Bâtir."],
     {"Paul Texier": ("speaker", None, "ferme des Aulnes"), "Anne Lefort": ("speaker", None, "Scop Bâtir")}),
])
def test_organisation_after_au_moi_meme_and_thanks_for_the_animation(lines, expected):
    found = _who(*lines)
    assert {name: found.get(name) for name in expected} == expected


# --- round 7: policies read from the act a sentence names, not from a phrase next to the name ---

@pytest.mark.parametrize("lines, expected", [
    (["Retour sur l'atelier du 4 mai", "L'animation était assurée par Jules Mercadier, consultant."],
     {"Jules Mercadier": "moderator"}),
    (["Retour sur le webinaire", "La modération a été confiée à Nadège Fortin."],
     {"Nadège Fortin": "moderator"}),
    (["Retour sur le webinaire", "Les questions du public ont été recueillies par Omar Zerrouki, "
      "chargé de communication."],
     {"Omar Zerrouki": "moderator"}),
    (["Retour sur le club",
      "Merci à nos invités pour leurs apports, et à Inès Valmont, du RTES, pour l'animation !"],
     {"Inès Valmont": "moderator"}),
])
def test_an_act_of_chairing_named_as_a_noun_makes_its_agent_a_moderator(lines, expected):
    assert {name: found[0] for name, found in _who(*lines).items()} == expected


def test_the_author_of_a_written_synthesis_is_only_mentioned():
    found = _who("Retour sur l'atelier", "Mathis Leroux, maire de Vic, a ouvert l'atelier.",
                 "Une note de synthèse rédigée par Agathe Pujol sera envoyée aux participants.")
    assert found["Mathis Leroux"][0] == "speaker"
    assert found["Agathe Pujol"][0] == "mentioned"


def test_a_person_joined_by_et_to_a_speaker_shares_the_verb():
    found = _who("Retour sur la conférence « Tiers-lieux »",
                 "Ont pris part aux échanges Louis Bardet, chargé de mission à la DDT, et Sophie Ancel.",
                 "Timothée Klein, maire de Sées, et Zoé Marais, de la Scop Ardoise, ont ouvert la journée.",
                 "Merci à Gaspard Ferry, et Hortense Lebel pour la mise à disposition de la salle.")
    assert {name: row[0] for name, row in found.items()} == {
        "Louis Bardet": "speaker", "Sophie Ancel": "speaker", "Timothée Klein": "speaker",
        "Zoé Marais": "speaker", "Gaspard Ferry": "mentioned", "Hortense Lebel": "mentioned"}


@pytest.mark.parametrize("affiliation, expected", [
    ("Région Occitanie, présidente de la commission ESS",
     ("présidente de la commission ESS", "Région Occitanie")),
    ("Mairie de Senones, adjoint au maire en charge de l'insertion",
     ("adjoint au maire en charge de l'insertion", "Mairie de Senones")),
    ("Ville de Lyon", (None, "Ville de Lyon")),
])
def test_the_organisation_written_before_the_function(affiliation, expected):
    assert split_affiliation(affiliation) == expected


def test_a_researcher_whose_work_is_cited_is_only_mentioned():
    found = _who("Retour sur la journée",
                 "Les travaux de la sociologue Irène Vasquez ont nourri la réflexion.",
                 "Aurore Delmas, cheffe de projet à Vichy, a présenté le dispositif.")
    assert {name: row[0] for name, row in found.items()} == {"Irène Vasquez": "mentioned",
                                                            "Aurore Delmas": "speaker"}


@pytest.mark.parametrize("affiliation, expected", [
    ("directeur de la recyclerie", ("directeur", "recyclerie")),
    ("vice-président du département de l'Orne", ("vice-président", "département de l'Orne")),
    ("responsable du pôle ESS, Région Occitanie", ("responsable du pôle ESS", "Région Occitanie")),
])
def test_a_kind_of_organisation_named_in_lower_case_after_the_function(affiliation, expected):
    assert split_affiliation(affiliation) == expected


@pytest.mark.parametrize("affiliation, expected", [
    ("diététicienne, Ville de Lorient", ("diététicienne", "Ville de Lorient")),
    ("commerçant", ("commerçant", None)),
    ("présidente de l'association des commerçants", ("présidente", "association des commerçants")),
    ("secteur de l'insertion", (None, None)),
])
def test_a_trade_known_by_its_ending(affiliation, expected):
    assert split_affiliation(affiliation) == expected

