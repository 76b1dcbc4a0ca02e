"""What a line looks like: the weakest evidence of the split, used only where no copy or
metadata block decides (a title's shape), and to name what is not a record (site banners,
page furniture)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from pipeline.labels import label_of
from pipeline.text import fold_accents

# Titles are one line; a longer line, or one with more words, is a paragraph.
TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35
# A heading inside a body ("LUNDI 6 DÉCEMBRE", "PROGRAMME") is a few words in capitals; an
# all-capitals title is longer.
HEADING_MAX_WORDS = 5
# A tag line ("PTCE") is a word or two.
TAG_MAX_WORDS = 3
TAG_MAX_CHARS = 40

# The site banner, every generation ("... pour une Économie Solidaire", "... pour une Économie
# Sociale et Solidaire"), whatever spaces the export kept between its words.
_SITE_HEADER = re.compile(r"^reseau\s+des\s+collectivites\s+territoriales\s+pour\s+une\s+economie\b")
# Section words that close a body or a Résumé; never a title, never a tag. A section's label
# is short ("Pour aller plus loin") or ends on a colon.
SECTION_MAX_WORDS = 4
_SECTION_WORDS = re.compile(r"^(ressources?|documents?|liens?|avec|pour aller plus loin)\b")
_BULLET = re.compile(r"^(•|-|–|\*|\d{1,2}[.)])\s")
# Page furniture that ends up in text exports: cookie and consent banners, account links.
_JUNK = re.compile(
    r"cookies?\b|\baccepter\b|\brefuser\b|tous droits r[ée]serv[ée]s|mentions l[ée]gales"
    r"|javascript|se connecter|mot de passe oubli|^©|\bcopyright\b"
    r"|(?:inscri|abonn|recevoir)\w*\b.{0,40}\bnewsletter|^newsletter$"
    r"|personnaliser (mes|vos) choix|politique de confidentialit|\bconsentement\b",
    re.IGNORECASE,
)
# Furniture lines are a sentence or two; longer lines are paragraphs that may mention cookies.
JUNK_MAX_CHARS = 250
# Literal pieces, one of which every _JUNK match holds (casefolded): `in` tests run in C at
# memory speed, while the alternation above costs ~40 µs per paragraph.
_JUNK_HINTS = ("cookie", "accepter", "refuser", "droits r", "mentions l", "javascript",
               "se connecter", "mot de passe", "newsletter", "©", "copyright", "personnaliser",
               "confidentialit", "consentement")


def is_site_header(text: str) -> bool:
    """The site's banner line, of any generation.

    >>> is_site_header("Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire")
    True
    """
    return text[:1] in "Rr" and bool(_SITE_HEADER.match(fold_accents(text)))


def is_junk(text: str) -> bool:
    """Page furniture: a cookie or consent banner, account links, a copyright line."""
    if len(text) > JUNK_MAX_CHARS:
        return False  # a paragraph: asked of every line, and most lines are paragraphs
    key = text.casefold()
    return any(hint in key for hint in _JUNK_HINTS) and bool(_JUNK.search(text))


def not_record_lines(texts: Sequence[str], keys: Sequence[str]) -> frozenset[int]:
    """Indexes of the banners and furniture among lines (`keys`: the casefolded texts).

    Asked of every line of an export, so the hints are searched once over all the keys joined
    (each a C-speed scan), and only the lines holding one are tested in full.
    """
    short = [i for i, key in enumerate(keys) if len(key) <= JUNK_MAX_CHARS]  # not paragraphs
    joined = "\n".join([keys[i] for i in short])
    starts = list(accumulate((len(keys[i]) + 1 for i in short), initial=0))
    found = set()
    for hint in (*_JUNK_HINTS, "reseau des", "réseau des"):
        at = joined.find(hint)
        while at != -1:
            found.add(short[bisect_right(starts, at) - 1])
            at = joined.find(hint, at + 1)
    return frozenset(i for i in found if is_not_record_text(texts[i]))


def is_not_record_text(text: str) -> bool:
    """A banner or page furniture: never part of a record."""
    return is_site_header(text) or is_junk(text)


def is_page_furniture(text: str) -> bool:
    """A banner, consent line, or date, breadcrumb, link or share line: no record text."""
    return is_not_record_text(text) or furniture_shaped(text)


def title_shaped(text: str) -> bool:
    """Short, opening with a capital, no closing punctuation, not a label, bullet, banner or
    page furniture."""
    return shaped_like_title(text) and not is_junk(text)


def shaped_like_title(text: str) -> bool:
    """`title_shaped` without the furniture test (asked of many lines: the cheap part)."""
    return (  # cheapest tests first: most lines are paragraphs, and fail them
        len(text) <= TITLE_MAX_CHARS
        and not text.endswith((".", ",", ";", ":"))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "«\"“'")
        and len(text.split()) <= TITLE_MAX_WORDS
        and not _BULLET.match(text)
        and not is_site_header(text)
        and not _section_word(text)
        and label_of(text) is None
    )


def _section_word(text: str) -> bool:
    """A section's label ("Ressources :", "Liens utiles", "Avec les interventions de :"), not a
    title that opens with the same word ("Avec les habitants, une coopérative de ...").

    >>> _section_word("Pour aller plus loin"), _section_word("Avec les élus du Gers, un atelier sur l'ESS")
    (True, False)
    """
    # Every section word opens with one of these letters: most lines skip the accent folding.
    return text[:1] in "RrDdLlAaPp" and bool(_SECTION_WORDS.match(fold_accents(text))) and (
        len(text.split()) <= SECTION_MAX_WORDS or text.endswith(":"))


def heading_shaped(text: str) -> bool:
    """A few words in capitals: a heading inside a body.

    >>> heading_shaped("LUNDI 6 DÉCEMBRE"), heading_shaped("Lundi 6 décembre")
    (True, False)
    """
    return text.isupper() and len(text.split()) <= HEADING_MAX_WORDS


# A directory card's field: a label of a word or two, a colon, a short value.
_FIELD = re.compile(r"^[\w'’-]+(?: [\w'’-]+)? ?: \S")
FIELD_MAX_CHARS = 80


def field_shaped(text: str) -> bool:
    """A card's field line ("Zone d'action : Métropole", "Mots-clés : réemploi").

    >>> field_shaped("Site internet : www.exemple.org"), field_shaped("Fiche n°3 du réseau : Lyon")
    (True, False)
    """
    return len(text) <= FIELD_MAX_CHARS and bool(_FIELD.match(text))


def inner_line_shaped(text: str) -> bool:
    """A heading, a card field or a page's furniture line: no title when another line can be."""
    return body_line_shaped(text) or furniture_shaped(text)


def body_line_shaped(text: str) -> bool:
    """A heading or a card field: lines inside a body."""
    return heading_shaped(text) or field_shaped(text)


# A page's furniture around its title, each kind written by every generation of the site:
# a date line ("Publié le 3 mai 2015 - mis à jour le ...", "par A. Auteur - le 8 mai 2014"),
# a breadcrumb ("Accueil > Rubrique > Titre"), a link line ("... en cliquant ici", "En savoir
# plus", "Version web"), an image or file name ("Programme.png"), a phone number, a share or
# print link ("Partager sur Facebook", "Imprimer cet article"). Matched on
# the casefolded line, accents either way.
_MONTHS = r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre)"
_DATE = rf"\d{{1,2}}(?:er)? {_MONTHS} \d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}"
_FURNITURE_START = re.compile(
    rf"(?:(?:publi[ée]|mise? [àa] jour|mise? en ligne|modifi[ée]|post[ée])e?s?(?: le)? "
    rf"|par [^.]{{1,80}}?[-–,] (?:le )?)(?:{_DATE})\b|(?:le )?(?:{_DATE})$"
    r"|(?:accueil|home)\s*[>»›|/]"
    r"|(?:t[ée]l\w*\.?\s*:?\s*)?(?:\+33\s?|0)\d(?:[\s.-]?\d\d){4}\b"
    # a share, print or text-size link, or a social network's name, alone on its line
    r"|(?:[•*–-] )?(?:imprimer(?: cet article| la page)?|partager(?: sur \w+| cet article| la page)?"
    r"|(?:agrandir|r[ée]duire) la taille du texte|retour en haut(?: de (?:la )?page)?"
    r"|suivez-nous(?: sur \w+)?|facebook|twitter|linkedin|youtube|instagram|mastodon)$")
# Link lines and file names by their ending (tested with `str.endswith`, at C speed: this is
# asked of many short lines).
_FURNITURE_ENDS = (" ici", "en savoir plus", "lire la suite", "version web", "version imprimable",
                   "voir la vidéo", "voir la video", "voir le replay", ".png", ".jpg", ".jpeg",
                   ".gif", ".svg", ".webp", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt",
                   ".pptx", ".odt")
_FURNITURE_FIRST_CHARS = frozenset("pmltah+0123456789•*–-iarsfylm")  # every _FURNITURE_START's
FURNITURE_MAX_CHARS = 160


def furniture_shaped(text: str) -> bool:
    """A date, breadcrumb, link, file-name or phone line: a page's furniture, never a title
    when another line can be.

    >>> furniture_shaped("Publié le 3 mai 2015 - mis à jour le 4 mai 2015")
    True
    >>> furniture_shaped("Accueil > Nos travaux > Un titre"), furniture_shaped("Retour sur le 3 mai")
    (True, False)
    """
    if len(text) > FURNITURE_MAX_CHARS:
        return False
    key = text.casefold()
    if key[:1] in _FURNITURE_FIRST_CHARS and _FURNITURE_START.match(key):
        return True
    return key.rstrip(" !>»›:").endswith(_FURNITURE_ENDS) or key == "ici" or (
        key.count(" > ") + key.count(" » ") + key.count(" › ") >= 2)


def tag_shaped(text: str) -> bool:
    """A lone tag between a body and its metadata block ("PTCE")."""
    return (
        len(text) <= TAG_MAX_CHARS
        and len(text.split()) <= TAG_MAX_WORDS
        and not text.endswith((".", ",", ";", ":", "?", "!"))
        and not _section_word(text)
        and not _BULLET.match(text)
        and not text.startswith("(")
    )
