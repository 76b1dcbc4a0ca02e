"""Rules that find people in one paragraph: bullets (bullets.py), headings, lists, prose introductions.

A paragraph is scanned on its own (the result depends only on its text and on whether it
follows an "Avec :" line), so scans are cached by text: repeated records cost nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.records import SpeakerSource
from pipeline.speakers.affiliation import is_role, looks_like_org
from pipeline.speakers.bullets import (
    CIVILITY_RE,
    between,
    bullet_people,
    is_bullet,
    share_affiliations,
)
from pipeline.speakers.cued import cued_occurrence, function_stated_later, needs_the_model, opens_item
from pipeline.speakers.cues import (
    MENTION_BEFORE_RE,
    MENTIONED,
    NAME_FUNCTION_RE,
    NEUTRAL,
    SPEAKER,
    opens_subject,
    scope_cues,
    title_before,
)
from pipeline.speakers.names import (
    ARTICLES,
    LEADING_WORDS,
    NAME_RE,
    THING_BEFORE_WORDS,
    has_known_given_name,
    is_person_like,
)
from pipeline.speakers.occurrence import APPOSITION_END_RE, Occurrence, Span, apposition, sentences, tail
from pipeline.text import SENTENCE_END
from pipeline.wordlists import NAME_PARTICLES

_OPENING_SEPARATOR_RE = re.compile(r", | - | – | : | \(")
# Between two people introduced together at the start of a paragraph.
_CO_INTRODUCED_RE = re.compile(r"(?:, | et |, et )$")
# A line announcing a list of speakers: "Avec :", "Avec les interventions de :",
# "Retrouvez la visio, avec les interventions de :".
LIST_INTRO_RE = re.compile(
    r"(?i)(?:\bavec(?: les interventions d[e’']| la participation d[e’'])?|\bintervenant(?:\.?e)?\.?s?|"
    r"\binterventions? d[e’']|^(?:[\d h:.–-]+)?(?:ouverture|introduction|conclusion|clôture)|"
    r"\bgrands? témoins?|\bpour en débattre)\s*:\s*$"
)
# Words that open a list of the people taking part, in a sentence of prose.
_SCOPE_CUE = (
    r"\b(?:accueill\w*|rassembl\w*|réunissai\w*|anim[ée]e?s? par|"
    r"avec (?:les interventions|la participation) d[e’']|intervenant\w*|intervien\w*|"
    r"intervenai\w*|ont participé|participaient|débattaient avec)"
)
SCOPE_CUE_RE = re.compile(_SCOPE_CUE, re.IGNORECASE)
# What may stand between a scope cue or a list separator and the next person: a cue and up
# to three words ("accueillait pour l'occasion"), a comma, or "et".
_ITEM_BEFORE_RE = re.compile(rf"(?:, | et |,? et d[e’'] ?|{_SCOPE_CUE}(?: [\w’']+){{0,3}} ?)$",
                             re.IGNORECASE)
# Words just before a name that report what the person said at the event.
SPEAKING_BEFORE_RE = re.compile(
    r"(?i)(?:^|\b)(?:pour|selon|d’après|d'après|l[’']avis d[e’']?|comme le (?:souligne|note|"
    r"rappelle|précise|explique|dit)|interrogent|anim[ée]e?s? par)\s*$"
)
# Verbs right after a name that report what the person said or presented.
SPEAKING_AFTER_RE = re.compile(
    r"^,? (?:insiste|précise|présente|présentait|pointe|suggère|souligne|explique|rappelle|"
    r"indique|estime|considère|affirme|note|témoigne|détaille|conclut|ajoute|propose|invite|"
    r"(?:a|ont) (?:rappelé|présenté|souligné|expliqué|précisé|insisté|indiqué|témoigné|"
    r"détaillé|conclu|ajouté|proposé|pointé|évoqué))\b"
)
# A person slot in prose: where an unknown name is worth checking with the model.
SLOT_BEFORE_RE = re.compile(r"(?i)(?:^|\bd[e’']|\bpar|\bavec|\bdont|,|\bet)\s*$")
# A heading holds a name and an affiliation and nothing else: short, one sentence.
HEADING_MAX_WORDS = 30


@dataclass(frozen=True, slots=True)
class Scan:
    """What the rules found in one paragraph: people, and name-shaped spans left to settle."""

    found: tuple[Occurrence, ...]
    unsettled: tuple[Occurrence, ...]


def starts_list(text: str) -> bool:
    """True for a line that announces a list of speakers ("Avec :")."""
    return text.endswith(":") and bool(LIST_INTRO_RE.search(tail(text)))


@lru_cache(maxsize=65536)
def scan_paragraph(text: str, in_list: bool = False) -> Scan:
    """Find the people of one paragraph; `in_list` is True right after an "Avec :" line."""
    spans = name_spans(text)
    if not spans:
        return Scan((), ())
    if is_bullet(text):
        found = bullet_people(text, spans, SpeakerSource.list if in_list else SpeakerSource.bullet)
    else:
        found = _opening_person(text, spans, in_list)
        if in_list and not found:  # "Jean Dupont chargé de mission", "A et B de la CRESS X"
            found = bullet_people(text, spans, SpeakerSource.list, line_start=True)
    found += _prose_people(text, spans, {o.start for o in found})
    found = share_affiliations(text, sorted(found, key=lambda o: o.start))
    doubtful = [o for o in found if needs_the_model(o)]
    found = [o for o in found if not needs_the_model(o)]
    settled = {o.start for o in found} | {o.start for o in doubtful}
    unsettled = [_unsettled(text, span, spans) for span in spans if span.start not in settled]
    unsettled = sorted([o for o in unsettled if o] + doubtful, key=lambda o: o.start)
    return Scan(tuple(sorted(found, key=lambda o: o.start)), tuple(unsettled))


def name_spans(text: str) -> list[Span]:
    """Name-shaped spans, with leading sentence words dropped and places/things left out."""
    spans = []
    for match in NAME_RE.finditer(text):
        words, start = match.group().split(" "), match.start()
        while words and words[0].casefold() in LEADING_WORDS:
            start += len(words.pop(0)) + 1
            if words and words[0] in ("de", "d'", "d’"):  # "Intervention de A"
                start += len(words.pop(0)) + 1
        if not words or words[0].casefold() in ARTICLES or _after_article(text, start):
            continue
        words = _without_organisation(words)
        if is_person_like(words) and not _is_particle(words[0]):
            name = " ".join(words)
            spans.append(Span(start, start + len(name), name))
    return spans


def _without_organisation(words: list[str]) -> list[str]:
    """ "Paul Roux de la CRESS Grand Est" -> "Paul Roux": a complete name, then a particle
    before an acronym or an organisation's word, is a person and their organisation; "d'"
    written onto the organisation too ("Maud Ribeiro d'Odyssée Conseil")."""
    for index in range(2, len(words)):
        elided = words[index][:2] in ("d'", "d’") and len(words[index]) > 2  # "A B d'Odyssée Conseil"
        particle = _is_particle(words[index]) or words[index] == "la"
        if not elided and (index == len(words) - 1 or not particle):
            continue
        rest = [words[index][2:], *words[index + 1:]] if elided else words[index + 1:]
        if rest[0] in ("la", "l'") and len(rest) > 1:
            rest = rest[1:]
        if (rest[0].isupper() and len(rest[0]) > 2) or not is_person_like(["x", *rest]):
            return words[:index]
    return words


def _after_article(text: str, start: int) -> bool:
    previous = text[:start].rstrip().rsplit(" ", 1)[-1].casefold()
    return previous in ARTICLES or previous in {"du", "des", "au", "aux"} or previous in THING_BEFORE_WORDS


def _is_particle(word: str) -> bool:
    return word.casefold() in NAME_PARTICLES


# --- a paragraph opening with "Name, affiliation": heading, list line or prose intro ---

def _opening_person(text: str, spans: list[Span], in_list: bool) -> list[Occurrence]:
    """ "Name, affiliation" opening a paragraph, and the people introduced with them
    ("Jean Dupont, maire de X, et Marie Durand, présidente de Y, ont présenté ...")."""
    first = spans[0]
    separator = _OPENING_SEPARATOR_RE.match(text, first.end)
    if not CIVILITY_RE.fullmatch(text[: first.start]) or not separator:
        return []
    affiliation = _introduced(text, spans, 0, separator.end())
    if not affiliation:
        return []
    heading = (
        len(text.split()) <= HEADING_MAX_WORDS
        and not SENTENCE_END.search(text.rstrip(". "))
        and not APPOSITION_END_RE.search(text, separator.end())
    )
    if separator.group() != ", " and not heading:
        return []  # "Name - ..." or "Name : ..." introduces a person only on a line of its own
    source = SpeakerSource.list if in_list else SpeakerSource.heading if heading else SpeakerSource.prose
    # "A, ancienne présidente du réseau, avait lancé ces rencontres": done before the event
    evidence = MENTIONED if source == _PROSE and _PLUPERFECT_RE.match(text, first.end) else SPEAKER
    found = [Occurrence(first.name, first.start, first.end, source, evidence, affiliation)]
    sentence = SENTENCE_END.search(text, first.end)
    sentence_end = sentence.start() if sentence else len(text)
    for index, span in enumerate(spans[1:], start=1):
        gap = text[found[-1].end: span.start]
        if span.start >= sentence_end or not _CO_INTRODUCED_RE.search(gap):
            break
        if APPOSITION_END_RE.search(gap) or not text.startswith(", ", span.end):
            break
        affiliation = _introduced(text, spans, index, span.end + 2)
        if not affiliation:
            break
        found.append(Occurrence(span.name, span.start, span.end, source, evidence, affiliation))
    return found


# The first verb of a sentence opened by a person, in the pluperfect.
_PLUPERFECT_RE = re.compile(
    r"[^.;:!?«»]*?, (?:avait|avaient|(?:était|étaient|est|sont) (?:excusée?s?|absente?s?|empêchée?s?)|"
    r"n['’](?:a|ont|était|étaient|avait|avaient|est|sont) (?:pas|plus|jamais)) "
)  # or negated: "A, président de X, n'a pas pu être présent"


def _introduced(text: str, spans: list[Span], index: int, start: int) -> str | None:
    """The affiliation of spans[index], read from `start` up to the next name, if it reads as
    a role or an organisation."""
    stop = next((s.start for s in spans[index + 1:] if opens_item(text[spans[index].end: s.start])),
                len(text))
    rest = between(text, start, stop) or ""
    if text[start - 1] == "(":
        rest = rest.split(")", 1)[0]  # "Jean Dupont (Ville de Lyon)"
    affiliation = apposition(rest)
    if affiliation and (is_role(affiliation) or looks_like_org(affiliation)):
        return affiliation
    return None


# --- prose: enumerations after "rassemblait", appositions, reported speech ---

_PROSE = SpeakerSource.prose

def _prose_people(text: str, spans: list[Span], taken: set[int]) -> list[Occurrence]:
    found: list[Occurrence] = []
    for sentence_start, sentence in sentences(text):
        inside = [s for s in spans if sentence_start <= s.start < sentence_start + len(sentence)]
        items = _enumerated(text, sentence_start, sentence, inside)
        scopes = scope_cues(sentence)
        function_stated_later(sentence, found)
        for index, span in enumerate(inside):
            if span.start in taken:
                continue
            occurrence = (
                cued_occurrence(text, span, inside, scopes, sentence_start, sentence)
                if span.start not in items else None
            ) or _prose_occurrence(text, span, inside[index + 1:], items, sentence_start, sentence)
            if occurrence and span.start in items:  # "Animé par A, ce débat rassemblait B"
                local = span.start - sentence_start
                scope = next((sc for sc in reversed(scopes) if sc[0] <= local < sc[1]), None)
                if scope:
                    occurrence = replace(occurrence, evidence=scope[2], cue=scope[3])
            if occurrence:
                found.append(occurrence)
    return found


def _enumerated(text: str, sentence_start: int, sentence: str, spans: list[Span]) -> set[int]:
    """Starts of the names listed after a scope cue ("ce débat rassemblait A, ..., B et C")."""
    cue = SCOPE_CUE_RE.search(sentence)
    if not cue:
        return set()
    first_after = sentence_start + cue.start()
    return {
        span.start
        for span in spans
        if span.start > first_after
        and _ITEM_BEFORE_RE.search(tail(text[first_after: span.start]))
        and not MENTION_BEFORE_RE.search(tail(text[: span.start]))
    }


def _prose_occurrence(text: str, span: Span, later: list[Span], items: set[int],
                      sentence_start: int, sentence: str) -> Occurrence | None:
    before, after = tail(text[: span.start]), text[span.end:]
    sentence_end = sentence_start + len(sentence)
    evidence = _evidence(before, after)
    title = title_before(before)
    common = {"sentence": sentence, "sentence_start": sentence_start,
              "title": title}
    if span.start in items:
        stop = next((s.start for s in later if s.start in items), sentence_end)
        affiliation = _affiliation_or_none(between(text, span.end, stop))
        return Occurrence(span.name, span.start, span.end, _PROSE, SPEAKER, affiliation, **common)
    if after.startswith(", ") and is_role(after[2:]):
        stop = next((s.start for s in later if opens_item(text[span.end: s.start])), sentence_end)
        affiliation = apposition(between(text, span.end, stop) or "")
        return Occurrence(span.name, span.start, span.end, _PROSE, evidence, affiliation, **common)
    function = NAME_FUNCTION_RE.match(after)
    if function and is_role(after[function.end():]):  # "Depuis 2018, A est directrice de X"
        affiliation = apposition(between(text, span.end + function.end(), sentence_end) or "")
        return Occurrence(span.name, span.start, span.end, _PROSE, evidence, affiliation, **common)
    if evidence != NEUTRAL or title:
        return Occurrence(span.name, span.start, span.end, _PROSE, evidence, **common)
    if _TO_SOMEONE_RE.search(before) and has_known_given_name(span.name) and after.startswith((",", ".")):
        # "hommage à A, disparu", "succédant à A."
        return Occurrence(span.name, span.start, span.end, _PROSE, MENTIONED, **common)
    return None


# "à" before a person: someone given something or succeeded, named, not speaking.
_TO_SOMEONE_RE = re.compile(r"\bà $")


def _evidence(before: str, after: str) -> int:
    if MENTION_BEFORE_RE.search(before):
        return MENTIONED
    if SPEAKING_BEFORE_RE.search(before) or (SPEAKING_AFTER_RE.search(after) and opens_subject(before)):
        return SPEAKER
    return NEUTRAL


def _affiliation_or_none(text: str | None) -> str | None:
    """Keep the text after a listed name only if it reads as a role or an organisation."""
    if text and text.startswith("(") and ")" in text:
        text = text[1: text.index(")")]  # "animé par A (Wimoov), avec B"
    if not text:
        return None
    if is_role(text) or looks_like_org(text) or _OF_ORGANISATION_RE.match(text):
        return apposition(text)
    return None


# "A, de l'agence locale de l'énergie", "A, de France Active": an organisation after "de".
_OF_ORGANISATION_RE = re.compile(r"(?:du |de la |de l['’]|des |chez |de (?=[A-ZÀ-Þ])|d['’](?=[A-ZÀ-Þ]))")


def _unsettled(text: str, span: Span, spans: list[Span]) -> Occurrence | None:
    """A name-shaped span in a person slot that only a known name or the model can settle."""
    if any(word.isupper() and len(word) > 1 for word in span.name.split()):
        return None  # in running text, a word in capitals is an acronym far more often than a surname
    before, after = tail(text[: span.start]), text[span.end:]
    at_sentence_start = not before.strip() or bool(re.search(r"[.!?:]\s*$", before))
    followed_by_verb = bool(re.match(r" [a-zàâçéèêëîïôûù]", after))
    if not (SLOT_BEFORE_RE.search(before) or (at_sentence_start and followed_by_verb)):
        return None
    sentence_start, sentence = next(
        (s, t) for s, t in reversed(sentences(text)) if s <= span.start
    )
    end = sentence_start + len(sentence)  # "A, de la DREETS,", "A (Ville de Lyon)": for the policy
    following = next((s.start for s in spans if span.end < s.start < end), end)
    appositive = after.startswith((", ", " ("))
    affiliation = _affiliation_or_none(between(text, span.end, following)) if appositive else None
    return Occurrence(span.name, span.start, span.end, SpeakerSource.ner, _evidence(before, after),
                      affiliation, sentence=sentence, sentence_start=sentence_start)

