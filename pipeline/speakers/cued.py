"""People whom a cue names in prose: listed after a scope cue, subjects of a verb of speaking,
attributed a quotation; and a function stated in a later sentence."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.records import SpeakerSource
from pipeline.speakers.affiliation import is_role, looks_like_org
from pipeline.speakers.cues import (
    ITEM_JOIN_RE,
    MENTION_BEFORE_RE,
    PRONOUN_FUNCTION_RE,
    SPEAKER,
    near_cue,
    relative_cue,
    subject_cue,
    title_before,
)
from pipeline.speakers.names import has_known_given_name
from pipeline.speakers.occurrence import Occurrence, Span, apposition, tail

_PROSE = SpeakerSource.prose


def function_stated_later(sentence: str, found: list[Occurrence]) -> None:
    """ "A a présenté la démarche. Elle est adjointe au maire de X." or "Adjointe au maire de X,
    elle ...": the function of A, the last person named before."""
    if not found or (found[-1].affiliation is not None and is_role(found[-1].affiliation)):
        return
    known = found[-1].affiliation  # an organisation only: "A (Métropole de X) ... Elle est cheffe de projet"
    pronoun = PRONOUN_FUNCTION_RE.search(sentence)
    if pronoun and is_role(sentence[pronoun.end():]):
        function = apposition(sentence[pronoun.end():])
        found[-1] = replace(found[-1], affiliation=f"{function}, {known}" if known and function else function)
        return
    if known is not None:
        return
    before_pronoun = _FUNCTION_BEFORE_PRONOUN_RE.match(sentence)
    if before_pronoun and is_role(before_pronoun.group(1)):
        found[-1] = replace(found[-1], affiliation=before_pronoun.group(1))


# "Directrice de l'association X, elle en a rappelé l'histoire."
_FUNCTION_BEFORE_PRONOUN_RE = re.compile(r"^([^,.;«»]{3,100}), (?:elle|il) ")


# Words before a name in a list of participants that still make it a mere mention.
_MENTION_IN_SCOPE_RE = re.compile(r"(?i)\b(?:ministres?|blog|ouvrage|livre|article|thèse) (?:d[e’'] ?)?$")


def cued_occurrence(text: str, span: Span, inside: list[Span], scopes: list, sentence_start: int,
                     sentence: str) -> Occurrence | None:
    """A person a cue names as speaker or moderator: in a list after a scope cue, the subject
    of a verb of speaking, or right after a quotation or "comme l'a rappelé"."""
    local, local_end = span.start - sentence_start, span.end - sentence_start
    before, after = sentence[:local], sentence[local_end:]
    title = title_before(before) or _plural_title(sentence, span, inside, sentence_start)
    common = {"sentence": sentence, "sentence_start": sentence_start,
              "title": title}
    if _MENTION_IN_SCOPE_RE.search(before):
        return None
    scope = next((sc for sc in reversed(scopes) if sc[0] <= local < sc[1]), None)
    if scope and MENTION_BEFORE_RE.search(tail(before)) and sentence[scope[0]: local].strip():
        return None  # "... saisi par A" inside a list of participants: A is only named
    if scope:
        start, end, evidence, cue = scope
        if not opens_item(sentence[start:local]):
            return None  # "à Initiatives Rurales": an organisation in an apposition
        following = next((s.start - sentence_start for s in inside if start <= s.start - sentence_start
                          < end and s.start > span.start
                          and opens_item(sentence[start: s.start - sentence_start])), end)
        affiliation = _item_affiliation(sentence[local_end:following])
        if affiliation is None and title is None:  # "le cabinet Geste, représenté par A et B"
            affiliation = _represented(sentence, start, cue)
        return Occurrence(span.name, span.start, span.end, _PROSE, evidence, affiliation, cue=cue, **common)
    chain_start = _chain_start(sentence, span, inside, sentence_start)
    near = near_cue(tail(sentence[:chain_start])) or _talk_by(sentence[:chain_start])
    # a function after the name, or before it ("La ministre déléguée, A, a adressé un message")
    appositive = after.startswith((", ", " (")) and (is_role(after[2:]) or after.startswith(" ("))
    introduced = bool(title) or appositive
    subject = None if near else (relative_cue(after) or subject_cue(after, before, introduced))
    if not (near or subject):
        return None
    evidence, cue = subject or (SPEAKER, near)
    following = next((s.start - sentence_start for s in inside if s.start > span.start
                      and opens_item(sentence[local: s.start - sentence_start])), len(sentence))
    affiliation = _item_affiliation(sentence[local_end:following]) if after.startswith((", ", " (")) else None
    behalf = None if affiliation else _ON_BEHALF_RE.match(after) or _AT_ORGANISATION_RE.match(after)
    if behalf:  # "A a pris la parole au nom de la CRESS Occitanie"
        affiliation = behalf.group(1)
    return Occurrence(span.name, span.start, span.end, _PROSE, evidence, affiliation, cue=cue, **common)


# The organisation named right before ", représenté par": "le cabinet Geste, représenté par A".
_REPRESENTED_RE = re.compile(r", représentée? par$")  # singular: "les habitants de X, représentés par"
_ARTICLE_RE = re.compile(r"^(?:[Ll](?:e|a|es) |[Ll]['’])")
REPRESENTED_MAX_WORDS = 5


def _represented(sentence: str, scope_start: int, cue: str) -> str | None:
    """The organisation a person represents, when the cue says so and it has a proper name:
    the longest run of the last words before the cue that reads as one."""
    before = sentence[:scope_start].rstrip()
    if not cue.startswith("représenté") or not _REPRESENTED_RE.search(before):
        return None
    words = before[: _REPRESENTED_RE.search(before).start()].split()[-REPRESENTED_MAX_WORDS:]
    for index in range(len(words)):
        organisation = _ARTICLE_RE.sub("", " ".join(words[index:]))
        if looks_like_org(organisation) and any(word[:1].isupper() for word in organisation.split()):
            return organisation
    return None


# The organisation a person spoke for: "est intervenu au titre de la Fédération des centres sociaux".
_ON_BEHALF_RE = re.compile(
    r"^ [^,.;:«»()]{0,40}?\b(?:au nom|au titre|pour le compte) (?:de la |de l['’]|du |des |de |d['’])"
    r"([A-ZÀ-Þ][^,.;:«»()]{1,60}?)(?= pour | afin |[,.;:«»()]|$)"
)


# The organisation right after the name, before the verb: "A au RTES a présenté", "A, de la CRESS".
_AT_ORGANISATION_RE = re.compile(
    r"^ (?:au|aux|à la|à l['’]|de la|de l['’]|du) ([A-ZÀ-Þ][^,.;:«»()]{1,60}?)"
    r"(?= (?:a|ont|est|sont|était|avait|nous|vous)\b|[,.;:«»()]|$)"
)


# A talk's title, then its speaker: "La coopération territoriale, par A, socio-économiste"
# (no verb in the title: "le rapport, remis par A" names an author); also an item of a list
# ("présentées par leurs porteurs : la légumerie X, par A ; le groupement Y, par B").
_TALK_BY_RE = re.compile(r"(?:^|[;:] )(?:et )?([^.;:!?«»]{3,120}, par )$")
_PARTICIPLE_END_RE = re.compile(r"(?:é|ée|és|ées|i|ie|is|ise|it|ite|u|ue|us|ert|erte|int|inte), par $")
_CHAIRED_BEFORE_RE = re.compile(r"(?i)\b(?:co-?)?(?:anim|modér|présid|facilit|orchestr|condui)\w*")
_VERB_RE = re.compile(r" (?:a|ont|est|sont|été|était|avait) ")


def _talk_by(before: str) -> str | None:
    talk = _TALK_BY_RE.search(before)  # from the sentence start or from a list's ";" or ":"
    if talk and talk.start() and _CHAIRED_BEFORE_RE.search(before):
        return None  # "... était animé par A ; celui sur X, par B": the policy reads B as chairing
    if talk and not _VERB_RE.search(talk.group(1)) and not _PARTICIPLE_END_RE.search(talk.group(1)):
        return "par"
    return None


def _plural_title(sentence: str, span: Span, inside: list[Span], sentence_start: int) -> str | None:
    """ "Les deux rapporteurs, A et B, ont présenté": a function in the plural before the first
    name of an enumeration is the function of every name in it."""
    start = _chain_start(sentence, span, inside, sentence_start)
    if start == span.start - sentence_start:
        return None
    title = title_before(sentence[:start])
    return title if title and title.split()[0].endswith(("s", "x")) else None


def _chain_start(sentence: str, span: Span, inside: list[Span], sentence_start: int) -> int:
    """Where the enumeration a name ends starts: "comme l'ont rappelé A et B": A's start for B."""
    start = span.start - sentence_start
    for other in reversed([s for s in inside if s.start < span.start]):
        gap = sentence[other.end - sentence_start: start]
        if gap not in (" et ", ", ", ", et ", " et à ", " et de "):
            break
        start = other.start - sentence_start
    return start


def needs_the_model(occurrence: Occurrence) -> bool:
    """A name a cue put in a person's slot with nothing else saying it is a person: no
    function after it, no title before it, no common given name ("Merci à Action Logement")."""
    return (occurrence.cue is not None and occurrence.affiliation is None and occurrence.title is None
            and not has_known_given_name(occurrence.name))


def opens_item(before: str) -> bool:
    """True when a name right after `before` starts a new item of a list (a comma, "et",
    "et avec le rapporteur"), not a proper noun inside an apposition."""
    before = _CIVILITY_TAIL_RE.sub(" ", before)  # "Présidence de Mme A"
    if not before.strip(" :–-") or before.endswith(": ") or ITEM_JOIN_RE.search(before):
        return True
    lead = _FUNCTION_LEAD_RE.fullmatch(before)  # "représentée par sa directrice A"
    return bool(lead and is_role(lead.group(1)))


_FUNCTION_LEAD_RE = re.compile(r"\s*(?:(?:l[ea]|les|son|sa|ses|leurs?) |l['’])([^,.;:«»()]{2,60}?),? ")


_CIVILITY_TAIL_RE = re.compile(r" (?:M\.|MM\.|Mme|Mmes|Dr|Pr) $")


def _item_affiliation(between: str) -> str | None:
    """The apposition after a listed name, up to the next name or the end of the clause."""
    chunk = ITEM_JOIN_RE.sub("", between).strip(" ,;:-–/").split(" ; ")[0]
    if chunk.startswith("(") and ")" in chunk:
        chunk = chunk[1: chunk.index(")")]  # "Un grand merci à A (Afilea)", "» (A, maire de X)"
    chunk = chunk.split(")")[0].split("«")[0]
    affiliation = apposition(chunk)
    if not affiliation or len(affiliation.split()) > AFFILIATION_MAX_WORDS:
        return None
    return affiliation


# An apposition longer than this is a clause, not a function.
AFFILIATION_MAX_WORDS = 16
