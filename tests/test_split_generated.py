"""Split on generated damaged exports mixing every layout of the site: banners of both
generations and consent furniture between records, directory cards, headings and link lines
in bodies, date lines under titles, titles echoed by their body's first line, private records
(no body) first, in the middle or last, and Résumés copied whole, edited, partial, missing or
cut by the end of the export (inside a word too). Words and names are invented."""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from test_split import WORDS, edited, paragraph, sentence, title

from pipeline.clean import clean_document, clean_text
from pipeline.read import decode_export
from pipeline.split import split_records

BANNERS = ("Réseau des collectivités Territoriales pour une Économie Solidaire",
           "Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire",
           "Réseau des collectivités Territoriales pour une Économie\u00a0Sociale et\u00a0Solidaire")
FURNITURE = ("Personnaliser mes choix", "Ce site utilise des cookies pour mesurer son audience",
             "En savoir plus sur notre politique de confidentialité", "Tout accepter", "Tout refuser",
             "Partager sur Facebook", "Imprimer cet article", "Retour en haut de page", "LinkedIn")
LINKS = ("Téléchargez la présentation en cliquant ici", "Version pour impression à télécharger ici",
         "Diaporama de cet atelier", "(Re)voir l'échange", "En savoir plus")
# A page's head between its banner (or the Résumé above) and its title: date lines of every
# generation, the older site's breadcrumb and phone line. Never a title, never Résumé text.
HEADS = ("Publié le {d} {m} {y}", "Publié le {d} {m} {y} - mis à jour le {d} {m} {y2}",
         "par Jeanne Orsini - le {d} {m} {y}", "Accueil > Nos ressources > {t}",
         "Accueil > Agir > Rubrique > Fiche", "04 72 {d:02d} 18 30 (accueil du réseau)")
# Lines between a title and its body: a printable-version or web-version link, an image name.
UNDER_TITLE = ("Version imprimable à retrouver ici", "Des images manquent ? Version web",
               "Affiche de la rencontre.png", "Programme de la journée.jpg")
MONTH_NAMES = ("janvier", "mars", "mai", "septembre", "décembre")
TOWNS = ("BRIVE", "LORIENT", "ANNONAY", "SAINT-AMAND")
DAYS = ("LUNDI", "MARDI", "MERCREDI", "JEUDI", "VENDREDI")
MONTHS = ("JANVIER", "MARS", "JUIN", "OCTOBRE", "DÉCEMBRE")


def heading(rng: random.Random) -> str:
    return f"{rng.choice(DAYS)} {rng.randint(1, 28)} {rng.choice(MONTHS)}"


def plain_body(draw, rng: random.Random) -> list[str]:
    body = [paragraph(rng) for _ in range(draw(st.integers(1, 3)))]
    for _ in range(draw(st.integers(0, 2))):
        body.insert(draw(st.integers(0, len(body))), heading(rng))
    if draw(st.booleans()):
        body.append(rng.choice(LINKS))
    if draw(st.booleans()):  # a link or an image name under the title, before the text
        body.insert(0, rng.choice(UNDER_TITLE))
    return body


def page_head(draw, rng: random.Random, title_text: str) -> list[str]:
    """Date, breadcrumb and phone lines of a page above its title (a breadcrumb cuts a long
    title short)."""
    day, year = rng.randint(1, 28), rng.randint(2010, 2025)
    if len(title_text) > 120:
        title_text = title_text[:60] + "…"
    return [draw(st.sampled_from(HEADS)).format(d=day, m=rng.choice(MONTH_NAMES), y=year,
                                                y2=year + 1, t=title_text)
            for _ in range(draw(st.integers(0, 2)))]


def echoed_title(rng: random.Random) -> tuple[str, str]:
    """A long question title and the body's first line paraphrasing it (the Résumé copies
    that line, not the title): pages of the newer site open so."""
    words = rng.choices(WORDS, k=14)
    place = f"Retour sur la rencontre de {rng.choice(TOWNS).capitalize()}"
    return (" ".join(words).capitalize() + f" ? {place}",
            " ".join(words[:4] + words[6:]).capitalize() + f" ? - {place}")


def card_body(rng: random.Random, number: int) -> list[str]:
    # Each card is another organisation: its street and website are its own (two bodies
    # sharing a line that their Résumés do not copy look like a body and its copy).
    name = f"{rng.choice(WORDS).capitalize()}{number}"
    return [paragraph(rng), f"{rng.randint(1, 99)} rue du {name}",
            f"{rng.randint(10, 95)}{rng.randint(100, 999)} {rng.choice(TOWNS)}",
            f"Zone d'action : {rng.choice(WORDS)} {rng.choice(WORDS)}",
            f"Site internet : www.{name.lower()}.example",
            f"Mots-clés : {rng.choice(WORDS)}, {rng.choice(WORDS)}"]


def resume_of(draw, rng: random.Random, body: list[str], last: bool) -> list[str] | None:
    """The Résumé as the damaged export holds it; None when the block has no Résumé."""
    mode = draw(st.sampled_from(["whole", "edited", "reworked", "partial", "missing"]
                                + (["cut"] if last else [])))
    if mode == "missing":
        return None
    if mode == "reworked":  # a sentence or paragraph inserted, a paragraph moved
        resume = list(body)
        edits = st.lists(st.sampled_from(["sentence", "paragraph", "move"]), min_size=1, max_size=3)
        for edit in draw(edits):
            k = draw(st.integers(0, len(resume) - 1))
            if edit == "sentence" and len(resume[k]) >= 60:
                resume[k] = f"{resume[k]} {sentence(rng)}"
            elif edit == "paragraph":
                resume.insert(draw(st.integers(0, len(resume))), paragraph(rng))
            elif edit == "move":
                resume.insert(draw(st.integers(0, len(resume) - 1)), resume.pop(k))
        return resume
    if mode == "edited":
        return edited(rng, body, draw(st.sampled_from(["typo", "dropped word", "doubled word",
                                                        "dropped paragraph"])))
    long_lines = [k for k, line in enumerate(body) if len(line) >= 60]
    if mode == "whole" or not long_lines:
        return list(body)
    k = long_lines[0]  # partial: the first paragraphs, at least the first long one
    kept = body[:draw(st.integers(k + 1, len(body)))]
    if mode == "cut":  # the export ends inside the paragraph, maybe inside a word
        words = kept[-1].split()
        kept[-1] = " ".join(words[:max(8, len(words) * 2 // 3)])
        if draw(st.booleans()):
            kept[-1] = kept[-1][:draw(st.integers(26, 39))].rstrip()
    return kept


@dataclass(frozen=True)
class Damaged:
    text: str
    titles: list[str]
    junk: list[str]  # lines that belong to no record


@st.composite
def damaged_exports(draw) -> Damaged:
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    lines: list[str] = []
    junk: list[str] = []

    def furniture() -> None:
        for _ in range(draw(st.integers(0, 2))):
            line = draw(st.sampled_from(BANNERS + FURNITURE))
            lines.append(line)
            junk.append(clean_text(line))

    if draw(st.booleans()):
        lines.append(BANNERS[draw(st.integers(0, 2))])
        junk.append(clean_text(lines[-1]))
    titles: list[str] = []
    n = draw(st.integers(1, 5))
    series = draw(st.booleans())
    for index in range(n):
        kind = draw(st.sampled_from(["plain", "card", "private"]))
        if kind == "card":
            titles.append(f"Fiche Déniché pour vous n°{index + 10} : {title(rng)}")
            body = card_body(rng, index)
        else:
            titles.append(f"Cycle {rng.choice(WORDS)} {index + 1} - webinaire" if series
                          else title(rng))
            body = [] if kind == "private" else plain_body(draw, rng)
            if body and draw(st.booleans()):  # a title echoed by the body's first line
                titles[-1], echo = echoed_title(rng)
                body.insert(0, echo)
        if body and draw(st.booleans()):  # the newer site's date line under the title
            body.insert(0, f"Publié le {rng.randint(1, 28)} {rng.choice(MONTH_NAMES)} 2022")
        if body:
            resume = resume_of(draw, rng, body, last=index == n - 1)
        else:  # a private record: its text is in its Résumé only, which may open on a short line
            resume = ["Compte rendu réservé aux adhérents"] if draw(st.booleans()) else []
            resume += [paragraph(rng) for _ in range(draw(st.integers(1, 2)))]
        block = ["Type de ressource", draw(st.sampled_from(["Ressources RTES", "Déniché pour vous"])),
                 "Ressource privée", "Oui" if kind == "private" else "Non"]
        head = page_head(draw, rng, titles[-1])
        lines += head
        junk += [clean_text(line) for line in head]
        lines += [titles[-1], *body, *block]
        if resume is not None:
            lines += ["Résumé", *resume]
        furniture()
    spaced: list[str] = []
    for line in lines:
        spaced.append(line)
        spaced += draw(st.lists(st.sampled_from(["", " ", "\u00a0"]), max_size=1))
    return Damaged("\n".join(spaced), titles, junk)


@settings(max_examples=100, deadline=None)
@given(damaged_exports())
def test_a_damaged_export_gives_its_records_and_quarantines_only_its_junk(export):
    document = clean_document(decode_export(export.text.encode("utf-8"), "t.txt"))
    result = split_records(document)
    assert [r.title.text for r in result.records] == export.titles
    # Every line lands in exactly one place: record and quarantined spans tile the file, and
    # the lines quarantined are the banners and furniture, nothing else.
    spans = sorted([(r.line_start, r.line_end) for r in result.records]
                   + [(q.line_start, q.line_end) for q in result.quarantine])
    assert [k for start, stop in spans for k in range(start, stop + 1)] == list(
        range(1, len(document.lines) + 1))
    text = {line.number: line.text for line in document.lines if not line.is_blank}
    quarantined = [text[k] for q in result.quarantine
                   for k in range(q.line_start, q.line_end + 1) if k in text]
    assert quarantined == export.junk
    placed = [p.line for r in result.records for p in (r.title, *r.body, *r.tags, *r.metadata, *r.resume)]
    assert len(placed) == len(set(placed)) == len(text) - len(quarantined)
