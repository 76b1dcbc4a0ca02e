"""Split the text written after a person's name into a role and an organisation."""

from __future__ import annotations

import re
from functools import lru_cache

# Words that open a role ("Cheffe de projet", "vice-présidente", "chargée d'investissement").
ROLE_WORD_RE = re.compile(
    r"(?i)^(?:(?:le|la|les|son|sa|ses|leurs?) |l['’])?"  # "A, le directeur de la Scic", "B, son homologue"
    r"(?:(?:1(?:ère|er|re)|premi(?:er|ère)|ancien(?:ne)?|alors|actuel(?:le)?) )?(?:co-?|vice-|sous-)?"
    r"(?:chef(?:fe)?|préf(?:et|ète)|pdg|cuisini(?:er|ère)|médecin|maîtresse de conférences?|"
    r"chargée?|directeur|directrice|direction|"
    r"présidente?|déléguée?|conseill(?:er|ère)|adjointe?|secrétaire|sociologue|professeure?|"
    r"titulaire|ambassad(?:eur|rice)|ministre|membre|maire|élue?|responsable|coordinat(?:eur|rice)|socio-[a-zé]+|"
    r"universitaire|commissaire|(?:grand )?témoin|"
    r"(?:co)?fondat(?:eur|rice)|gérante?|animat(?:eur|rice)|juriste|représentante?|trésori(?:er|ère)|"
    r"chercheu(?:r|se)|économiste|consultante?|administrat(?:eur|rice)|députée?|sénat(?:eur|rice)|"
    r"en charge|maître de conférences?|rapporteu(?:r|se)|maraîch(?:er|ère)|agricult(?:eur|rice)|"
    r"ingénieure?|bénévole|salariée?|militante?|porte-parole|habitante?|artisane?|paysanne?|"
    r"doctorante?|étudiante?|journaliste|avocate?|architecte|urbaniste|philosophe|historienn?e?|"
    r"géographe|anthropologue|politiste|enseignante?|format(?:eur|rice)|médiat(?:eur|rice)|"
    r"facilitat(?:eur|rice)|accompagnat(?:eur|rice)|fonctionnaire|agente?|technicienn?e?|"
    r"entrepreneu(?:r|se)|dirigeante?|experte?|auteure?|autrice|réalisat(?:eur|rice)|"
    r"rédact(?:eur|rice)|cheffe?|pilote|référente?|volontaire|stagiaire|apprentie?|collaborat(?:eur|rice)|"
    r"encadrante?|homologue|assistante?|mécène|doyenn?e?|inspect(?:eur|rice))s?\b"
)
# A second role joined by "et": the affiliation is then kept whole as one role, because no
# single organisation can be separated cleanly ("vice-présidente du RTES et vice-présidente
# du département d'Ille-et-Vilaine").
SECOND_ROLE_RE = re.compile(
    r",? et (?=(?:co-|vice-)?(?:chef|chargé|direct|présid|délégu|conseill|adjoint|secrétaire|"
    r"membre|représentant|trésori|responsable|professeu|titulaire|maire|élu))"
)
# Words that make a phrase an organisation even in lower case, when a proper noun follows.
ORG_HEADS = frozenset("""
ville conseil département communauté région association collectif université métropole
générateur pôle banque mairie agglomération commune pays atelier réseau fédération union
mouvement fondation coopérative institut agence chambre syndicat tiers-lieu foncière collège lycée
école établissement épicerie ressourcerie recyclerie scop scic cabinet entreprise garage maison
magazine revue journal
""".split())
# Kinds of organisation named in lower case with no proper noun ("Sarah B., mission locale").
ORG_KINDS = ("mission locale", "missions locales", "régie de quartier", "maison de l'emploi",
             "maison de l’emploi")
# Heads of organisations named without a proper noun after a role, the context naming which
# ("président de la fondation", "directeur général des services de la commune").
BARE_ORG_HEADS = frozenset("""
fondation commune région réseau atelier cabinet collège ressourcerie groupe délégation commission
conseil centre régie agglomération métropole mairie association coopérative communauté préfecture
jury faculté
tiers-lieu établissement
""".split())
# Acronyms of domains, not organisations ("conseiller ESS & Juriste").
DOMAIN_ACRONYMS = frozenset({"ESS", "RSA", "IAE-ESS"})
# Prepositions that link a role to its organisation ("directrice de l'association ...").
_LEADING_CONNECTOR_RE = re.compile(
    r"^(?:de la |de l['’]|des |du |de |d['’]|chez |pour (?:la |le |l['’])?|"
    r"(?:au |aux |à la |à l['’])(?=[A-ZÀ-Þ]))"
)  # "A au RTES": the place of work with no function
_CONNECTOR_RE = re.compile(r" (?:de la |de l['’]|des |du |de |d['’]|au |aux |à la |à l['’]|à |chez )")
# "à" before a place of work: "chargée d'études à l'ANCT", "journaliste au magazine X".
_AT_RE = re.compile(r" (?:au |aux |à la |à l['’]|à )")
# Clauses that describe the organisation rather than name it; cut before splitting.
_CLAUSE_RE = re.compile(r" (?:qui|que|dont|pour|afin|saisie?s?|créée?s?|née?s?|depuis) ")
_POSSESSIVE_RE = re.compile(r"^(?:son|sa|ses|leurs?|le|la|les) (?=\S)|^l['’](?=\w)")
_PARENTHESES_RE = re.compile(r"\s*\([^)]*\)")
# Words that start a proper noun in lower-case-looking organisations: capitals or digits.
_PROPER_RE = re.compile(r"^[A-ZÀ-ÖØ-ÞŒ0-9]")
# How far (in words) after an organisation head word a proper noun must appear.
# Four reaches "communauté de communes du Val d'Orge".
ORG_HEAD_REACH = 4


def split_affiliation(affiliation: str | None) -> tuple[str | None, str | None]:
    """(role, organisation) from the text after a name; either may be None.

    >>> split_affiliation("Cheffe de projet agriculture urbaine, ville de Lille")
    ('Cheffe de projet agriculture urbaine', 'ville de Lille')
    >>> split_affiliation("déléguée générale du RTES")
    ('déléguée générale', 'RTES')
    >>> split_affiliation("vice-présidente du RTES et vice-présidente du département d'Ille-et-Vilaine")
    ("vice-présidente du RTES et vice-présidente du département d'Ille-et-Vilaine", None)
    """
    text = _tidy(affiliation)
    if not text:
        return None, None
    if SECOND_ROLE_RE.search(text):
        return text, None
    leading = _LEADING_CONNECTOR_RE.match(text)
    if leading:  # "du pôle ressources Villes et territoires Occitanie": an organisation only
        return None, text[leading.end():]
    segments = [segment.strip() for segment in text.split(",") if segment.strip()]
    return _split_segments(segments)


def _tidy(affiliation: str | None) -> str:
    if not affiliation:
        return ""
    text = _PARENTHESES_RE.sub("", affiliation).split(" : ", 1)[0]  # a talk title after " : "
    text = _POSSESSIVE_RE.sub("", text).removeprefix("alors ")  # "guidée par A, son fondateur", "alors maire"
    clause = _CLAUSE_RE.search(text)
    if clause:
        text = text[: clause.start()]
    return text.strip(" .,;:-")


def _split_segments(segments: list[str]) -> tuple[str | None, str | None]:
    first = segments[0]
    if not is_role(first):
        if not looks_like_org(first):
            return None, None
        if len(segments) > 1 and is_role(segments[1]):
            return segments[1], first  # "A, Région Occitanie, présidente de la commission ESS"
        return None, first
    inside = _split_inside(first)
    if inside[1]:
        return inside
    role_parts = [first]
    for segment in segments[1:]:
        if looks_like_org(segment) and not is_role(segment):
            return ", ".join(role_parts), segment
        if not is_role(segment):
            break  # a description or a talk title: neither role nor organisation
        at_work = _split_at(segment)  # "sociologue, maîtresse de conférences à l'université de X"
        if at_work:
            return ", ".join([*role_parts, at_work[0]]), at_work[1]
        role_parts.append(segment)
    return ", ".join(role_parts), None


def _split_inside(role: str) -> tuple[str | None, str | None]:
    """Split "chef de projet France Active" or "directrice de l'association X" in two; where
    the place of work follows "à" ("responsable du pôle innovation sociale à Bpifrance",
    "cheffe de projet Petites Villes de Demain à Ernée"), at the last "à"."""
    at_work = _split_at(role)
    if at_work:
        return at_work
    for match in _CONNECTOR_RE.finditer(role):
        rest = role[match.end():]
        if _starts_organisation(rest):
            organisation = rest.strip(" .")
            if any(ROLE_WORD_RE.match(word) for word in organisation.split()[1:]):
                return role, None  # "Adjoint au Maire d'Avignon délégué au ...": one office
            return role[: match.start()], organisation
    words = role.split()
    for index, word in enumerate(words[1:], start=1):
        if _PROPER_RE.match(word) and not ROLE_WORD_RE.match(word) and word not in DOMAIN_ACRONYMS:
            return " ".join(words[:index]), " ".join(words[index:])
    return role, None


def _split_at(role: str) -> tuple[str, str] | None:
    """ "journaliste au magazine X" -> ("journaliste", "magazine X"): at the last "à" before
    an organisation."""
    at = [m for m in _AT_RE.finditer(role) if _starts_organisation(role[m.end():])]
    if at:
        organisation = role[at[-1].end():].strip(" .")
        if not any(ROLE_WORD_RE.match(word) for word in organisation.split()[1:]):
            return role[: at[-1].start()], organisation
    return None


def _starts_organisation(text: str) -> bool:
    words = text.split()
    if words and words[0] in DOMAIN_ACRONYMS and len(words) > 1 and _PROPER_RE.match(words[1]):
        return True  # "déléguée générale d'ESS France"
    if not words or words[0] in DOMAIN_ACRONYMS or words[0] in ("État", "Etat") or is_role(words[0]):
        return False  # "secrétaire d'État" is one office
    if _PROPER_RE.match(words[0]):
        return True
    if words[0].casefold() in BARE_ORG_HEADS and " et " not in text:
        return True  # "président de la fondation", "chargée de mission à la région"
    if words[0].casefold() in ORG_HEADS and " et " not in text and (
            len(words) == 1 or re.match(r"d(?:e|u|es)$|d['’]", words[1])):
        return True  # "directeur de la recyclerie", "vice-président du département de l'Orne"
    if words[0].casefold() in ORG_HEADS:
        return any(_PROPER_RE.match(word) and word not in DOMAIN_ACRONYMS
                   for word in words[1 : 1 + ORG_HEAD_REACH])
    return False


# A trade the list above lacks, known by the ending French gives to people's trades
# ("diététicienne", "commerçant", "acheteuse", "restauratrice", "paysagiste"), in lower case
# and followed by nothing, a comma or a place of work.
_TRADE_RE = re.compile(
    r"^[a-zàâçéèêëîïôûüœ-]{3,}(?:icien(?:ne)?|eur|euse|rice|çante?|iste|ière)s?"
    r"(?=$|[,;]| (?:à|au|aux|de|du|des|d['’]|chez) )"
)
_NOT_TRADES = frozenset({"secteur", "secteurs", "valeur", "valeurs", "moteur", "intérieur", "extérieur",
                         "supérieur", "meilleur", "matière", "filière", "filières", "lumière", "frontière",
                         "manière", "carrière", "première", "dernière", "touriste", "liste", "piste",
                         "matrice", "actrice", "chaleur", "couleur", "hauteur", "largeur", "longueur",
                         "candeur", "fleur", "fleurs", "honneur", "faveur", "rigueur", "vigueur", "humeur"})


@lru_cache(maxsize=16384)
def is_role(text: str) -> bool:
    """True when `text` opens with a role word ("chargée de projet", "Directeur général") or
    with a trade known by its ending ("diététicienne à la cuisine centrale")."""
    text = text.strip()
    if ROLE_WORD_RE.match(text):
        return True
    trade = _TRADE_RE.match(text)
    return bool(trade) and trade.group(0) not in _NOT_TRADES and trade.group(0) not in ORG_HEADS


def looks_like_org(text: str) -> bool:
    """True for "Avise", "Banque des territoires", "ville de Lille", "conseil départemental X"."""
    words = text.split()
    if not words:
        return False
    return (bool(_PROPER_RE.match(words[0])) or words[0].casefold() in ORG_HEADS
            or text.casefold().startswith(ORG_KINDS))
