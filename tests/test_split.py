"""Split: records and quarantined spans that tile the file, on the shipped export, on
variants, and on generated exports in every layout the site has used."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from shipped_export import RESUME_STARTS, SHIPPED, TITLE_LINES, TITLES

from pipeline.clean import clean_document, clean_text
from pipeline.errors import InputError
from pipeline.read import decode_export
from pipeline.records import SourceDocument, SourceLine
from pipeline.split import copied_in_next_region, plan_split, split_records

VARIANT = Path("tests/cases/variant_export.txt")


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


def test_the_near_copy_questions_can_be_answered_in_any_order(shipped):
    """The orchestrator answers them on several processes: order must not matter."""
    plan = plan_split(clean_document(decode_export(SHIPPED.read_bytes(), SHIPPED.name)))
    answers = [copied_in_next_region(question) for question in reversed(plan.questions)]
    assert plan.split(answers) == shipped
    assert len(plan.questions) == len(shipped.records)  # one a region but the last
    # Edited body paragraphs are near-copies of their Résumé lines: found by the questions.
    assert any(answers)


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


# --- generated exports: every example is a valid export, so every example checks the split ---

HEADERS = ("Réseau des collectivités Territoriales pour une Économie Solidaire",
           "Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire")
# Invented for these tests (not taken from any export): words to build sentences and titles.
WORDS = """
coopérative territoire habitant commune quartier marché jardin atelier réseau projet
collectif emploi insertion financement budget mairie conseil élu service association
économie solidarité transition énergie mobilité logement école cantine ferme récolte
semence compost verger parcelle fromagerie boulangerie librairie friche entrepôt
chantier tiers-lieu monnaie épargne banque fonds subvention appel convention contrat
partenariat diagnostic étude enquête rapport bilan forum salon rencontre réunion
dialogue concertation mobilisation bénévole salarié dirigeant gérant stagiaire
apprenti retraité jeunesse famille voisin public usager client fournisseur producteur
éleveur maraîcher artisan commerçant menuisier couturière cuisinier imprimeur
accompagne soutient développe construit organise anime finance relie transforme
prépare partage cultive répare distribue invente mutualise rassemble encourage
durable local rural urbain social ancien nouveau petit grand commun ouvert partagé
régional municipal collectif solidaire populaire vivant fragile patient discret
avec sans pour entre depuis vers chez sous selon malgré pendant
le la les un une des du au aux ce cette ces son sa ses leur notre
et mais donc puis aussi encore souvent parfois toujours déjà ensuite enfin
""".split()
NOUNS = WORDS[:80]
# Unrelated lines of a page score below this (see pipeline.split.titles.COPY_SIMILARITY).
UNRELATED_SIMILARITY = 60
SITE_LABEL_WORDS = ("ressource", "document", "lien", "avec", "pour")  # never open a title


def sentence(rng: random.Random, min_words: int = 8, max_words: int = 16, end: str = ".") -> str:
    words = rng.choices(WORDS, k=rng.randint(min_words, max_words))
    return " ".join(words).capitalize() + end


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))


def title(rng: random.Random) -> str:
    first = rng.choice([n for n in NOUNS if not n.startswith(SITE_LABEL_WORDS)])
    words = [first.capitalize(), *rng.choices(WORDS, k=rng.randint(1, 6))]
    suffix = rng.choice(["", "", " - webinaire mars 2021", " - conférence en ligne", " ?"])
    return " ".join(words) + suffix


def unlike(candidate: str, titles: list[str]) -> bool:
    """Titles of one export share no more than unrelated lines do (see the xfail below)."""
    return all(fuzz.ratio(candidate.casefold(), t.casefold()) < UNRELATED_SIMILARITY for t in titles)


EDITS = ("none", "typo", "dropped word", "doubled word", "dropped paragraph")


def edited(rng: random.Random, lines: list[str], edit: str) -> list[str]:
    """The Résumé: the body copied with one small edit."""
    lines = list(lines)
    if not lines or edit == "none":
        return lines
    if edit == "dropped paragraph":
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        return lines
    k = rng.randrange(len(lines))
    indent = lines[k][:len(lines[k]) - len(lines[k].lstrip())]
    words = lines[k].lstrip().split(" ")
    w = rng.randrange(1, len(words))  # not the bullet mark, nor a sentence's first word
    if edit == "typo":
        word = words[w]
        if len(word) > 3:
            i = rng.randrange(1, len(word) - 2)
            words[w] = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        else:
            words[w] = word + "s"
    elif edit == "dropped word":
        del words[w]
    else:
        words.insert(w, words[w])
    lines[k] = indent + " ".join(words)
    return lines


@dataclass(frozen=True)
class Export:
    text: str
    header: bool
    titles: list[str]
    bodies: list[list[str]]  # cleaned, as the split should give them
    resumes: list[list[str]]


@st.composite
def exports(draw) -> Export:
    """An export built from parts: header, records (title, body, metadata block, Résumé)."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))  # the words; hypothesis draws the shape
    lines: list[str] = []
    header = draw(st.booleans())
    if header:
        lines.append(draw(st.sampled_from(HEADERS)))
    titles: list[str] = []
    bodies, resumes = [], []
    for _ in range(draw(st.integers(1, 6))):
        titles.append(next(t for t in iter(lambda: title(rng), None) if unlike(t, titles)))
        private = draw(st.booleans())
        body = [paragraph(rng) for _ in range(draw(st.integers(0 if private else 1, 4)))]
        for _ in range(draw(st.integers(0, 2)) if body else 0):
            at = draw(st.integers(0, len(body)))
            body.insert(at, "  • " + sentence(rng, end=rng.choice(["", ".", " ;"])))
        if body:
            resume = edited(rng, body, draw(st.sampled_from(EDITS)))
        else:  # a private record without a body: its text is only in the Résumé
            resume = [paragraph(rng) for _ in range(draw(st.integers(1, 3)))]
        lines += [titles[-1], *body, *metadata_block(draw, private), *resume]
        bodies.append([clean_text(line) for line in body])
        resumes.append([clean_text(line) for line in resume])
    spaced: list[str] = []
    for line in lines:
        spaced.append(line)
        spaced += draw(st.lists(st.sampled_from(["", " ", "\u00a0", "\u00a0 "]), max_size=2))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    text = ending.join(spaced) + draw(st.sampled_from(["", ending]))
    return Export(text, header, titles, bodies, resumes)


def metadata_block(draw, private: bool) -> list[str]:
    """The label/value lines, in one of the layouts the site has used."""
    block = ["Documents"] if draw(st.booleans()) else []
    kind = draw(st.sampled_from(["Ressources RTES", "Autres"]))
    if draw(st.booleans()):
        block.append(f"Type de ressource : {kind}")
    else:
        block += [draw(st.sampled_from(["Type de ressource", "Type de ressource :"])), kind]
    block += [draw(st.sampled_from(["Ressource privée", "Ressource Privée", "Ressource privée :"])),
              "Oui" if private else "Non"]
    block.append(draw(st.sampled_from(["Résumé", "Résumé :"])))
    return block


@settings(max_examples=80, deadline=None)
@given(exports())
def test_a_generated_export_splits_into_its_records_and_accounts_for_every_line(export):
    result = split_text(export.text)
    n_lines = len(decode_export(export.text.encode("utf-8"), "t.txt").lines)
    assert sorted(covered_lines(result)) == list(range(1, n_lines + 1))
    assert [r.title.text for r in result.records] == export.titles
    assert [[p.text for p in r.body] for r in result.records] == export.bodies
    assert [[p.text for p in r.resume] for r in result.records] == export.resumes
    reasons = [q.reason for q in result.quarantine]
    assert reasons == (["site header (not a record)"] if export.header else [])
    if export.header:
        assert result.quarantine[0].line_start == 1


def series_export(header: bool) -> str:
    """Two records of a series whose titles differ by one character."""
    lines = [HEADERS[0]] if header else []
    for number, body in enumerate(["Les habitants du quartier ont construit une cantine partagée.",
                                   "Une coopérative de maraîchers livre les écoles chaque semaine."], 1):
        lines += [f"Cycle alimentation {number} - webinaire mars 2021", body, "Type de ressource",
                  "Ressources RTES", "Ressource privée", "Non", "Résumé", body]
    return "\n".join(lines)


def test_titles_of_a_series_are_found_without_a_site_header():
    result = split_text(series_export(header=False))
    assert [r.title.text for r in result.records] == [
        "Cycle alimentation 1 - webinaire mars 2021", "Cycle alimentation 2 - webinaire mars 2021"]


# Found by the generated exports above (whose titles were kept unlike each other for this
# reason): "Cycle alimentation 1 - ..." is a near-copy of "Cycle alimentation 2 - ...", the
# next record's title. A title-shaped line counts as copied only when copied exactly, so the
# series keeps its titles and the site header stays out of the records.
def test_titles_of_a_series_are_found_after_a_site_header():
    result = split_text(series_export(header=True))
    assert [r.title.text for r in result.records] == [
        "Cycle alimentation 1 - webinaire mars 2021", "Cycle alimentation 2 - webinaire mars 2021"]
    assert [q.reason for q in result.quarantine] == ["site header (not a record)"]


TITLE_OPENING_WITH_A_SECTION_WORD = """Atelier des jardins partagés
Les jardiniers de la Croix-Verte ont présenté leur parcelle collective à douze communes voisines.
Type de ressource
Retours d'expériences
Ressource privée
Non
Résumé
Les jardiniers de la Croix-Verte ont présenté leur parcelle collective à douze communes voisines.
Note interne du bureau
Type de ressource
Ressources RTES
Ressource privée
Oui
Résumé
Une note réservée aux adhérents sur le budget de l'année.
Publié le 4 février 2023
Avec les habitants, comment une régie de quartier devient coopérative ? Retour sur la visite de Bellecombe
Comment une régie de quartier devient coopérative avec ses habitants : retour sur la visite de Bellecombe.
La régie emploie quarante salariés en insertion et gère trois ateliers de réparation.
Type de ressource
Retours d'expériences
Ressource privée
Non
Résumé
Comment une régie de quartier devient coopérative avec ses habitants : retour sur la visite de Bellecombe.
La régie emploie quarante salariés en insertion et gère trois ateliers de réparation.
"""


def test_a_title_may_open_with_a_section_word_that_only_a_label_stands_alone():
    """'Avec' opens the speakers' label ("Avec :") and, as often, a title; after a private
    record's Résumé and a date line, the title is the 'Avec …' line, not the date."""
    result = split_text(TITLE_OPENING_WITH_A_SECTION_WORD)
    assert [r.title.text for r in result.records][2].startswith("Avec les habitants")
    assert [q.reason.split(" (")[0] for q in result.quarantine] == ["page furniture between records"]


RESUME_OPENING_ON_AN_EDITED_DATE = """Visite de la ressourcerie du Val
Publié le 9 mars 2022
Affiche de la visite.png
La ressourcerie du Val emploie vingt salariés en insertion et collecte quatre cents tonnes par an.
Type de ressource
Retours d'expériences
Ressource privée
Non
Résumé
Publié le 9 mars 2202
Affiche de la visite.png
La ressourcerie du Val emploie vingt salariés en insertion et collecte quatre cents tonnes par an.
"""


def test_a_resume_that_copies_the_body_after_an_edited_date_keeps_the_date():
    """A date line the body does not hold ends a Résumé, but not when the Résumé copies the
    body after it: the date is the Résumé's own, edited."""
    result = split_text(RESUME_OPENING_ON_AN_EDITED_DATE)
    assert [p.text for p in result.records[0].resume][0] == "Publié le 9 mars 2202"
    assert len(result.records[0].resume) == 3 and not result.quarantine


SERIES = [f"Fiche Trouvée pour vous n°{n} : {subject}, portrait d'une coopérative" for n, subject in (
    (7, "Une conserverie solidaire de la vallée du Lot"),
    (8, "Une épicerie mobile dans les hameaux du Morvan"))]
TEXTS = ["La conserverie transforme les surplus de douze maraîchers et emploie six personnes en insertion.",
         "L'épicerie passe chaque semaine dans vingt hameaux et vend les produits de trente fermes."]
BREADCRUMBS_ENDING_ON_SERIES_TITLES = "".join(
    f"Accueil > Nos ressources > {title}\n{title}\n{text}\nType de ressource\nRessources RTES\n"
    f"Ressource privée\nNon\nRésumé\n{text}\n" for title, text in zip(SERIES, TEXTS, strict=True))


def test_a_breadcrumb_ending_on_the_title_is_furniture_even_when_the_next_page_has_one_alike():
    """Breadcrumbs of a series are near-copies of each other; that gives the title under them
    no evidence of being a body line."""
    result = split_text(BREADCRUMBS_ENDING_ON_SERIES_TITLES)
    assert [r.title.text for r in result.records] == SERIES
    assert [q.line_start for q in result.quarantine] == [1, 10]
