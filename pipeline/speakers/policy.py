"""What a person with no cue did at the event: a policy on the whole record, not a phrase.

The rules name a person's participation from a cue next to the name (a verb of speaking,
"animé par", thanks for a talk, a list after "Avec :"). Real write-ups name most of their
speakers without such a cue ("Le débat confrontera les points de vue de A, sociologue, et B",
"celui de A, agriculteur, puis celui de B, élue à Die"), and the phrasings never run out.
So in a record that reports an event, a person introduced with a function or an
organisation is a speaker by default; they stay mentioned when their sentence gives a
reason they were not on stage (done before, absent, thanked for organising, an author
cited, in the audience). The agent of a passive ("ouverte par A et par B, présidente de X")
falls under the same default; a default speaker whose function or last verb chairs
("facilitatrice", "présidée par M. A") is a moderator; thanks that give another reason than
a talk ("Merci à A pour son accueil") name no speaker. An act of chairing named as a noun
("L'animation était assurée par A") makes its agent a moderator, and a person with no cue
joined by "et" to a speaker of the same clause shares that speaker's participation. A bare
name with no function and no cue stays mentioned. Each policy was measured on
tests/cases/speakers_real_style.json as a whole (design and blind splits alike) and kept only
if the shipped export's rows and the prose set's floors held.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.records import Participation, Record
from pipeline.speakers.cues import (
    CHAIR_NOUN,
    CHAIRING_THANKS,
    MENTIONED,
    MODERATOR,
    NEUTRAL,
    relative_cue,
    subject_cue,
)
from pipeline.speakers.occurrence import Occurrence

# Words of a title (or of a write-up's first line) that name an event or its report.
_EVENT_TITLE_RE = re.compile(
    r"(?i)\b(?:retours? (?:sur|en images)|webinaires?|webinars?|visio-?conférences?|rencontres?|"
    r"conférences?(?:-débats?)?|journées?|séminaires?|forums?|colloques?|ateliers?|tables? rondes?|"
    r"assemblées? générales?|clubs?|formations?(?:-actions?)?|visites?|soirées?|débats?|"
    r"comptes? rendus?|plénières?|auditions?|temps forts|université d['’]été|programme)\b"
)
# A verb of speaking or presenting anywhere in the text: the record reports what people said.
_SPEECH_RE = re.compile(
    r"\b(?:a|ont) (?:rappelé|souligné|présenté|expliqué|précisé|insisté|indiqué|témoigné|détaillé|"
    r"conclu|ouvert|introduit|animé|modéré|répondu|exposé|évoqué|décrit|partagé|plaidé|annoncé|"
    r"pris la parole)\b|\b(?:est|sont) intervenue?s?\b|\b(?:anim|modér)ée?s? par\b|\bintervenant"
)
# Words of the text that only an event's report uses: its formats, its speakers, its public.
_EVENT_TEXT_RE = re.compile(
    r"(?i)\b(?:webinaires?|rencontres?|rencontrer|conférences?|séminaires?|colloques?|forums?|"
    r"tables? rondes?|ateliers?|plénières?|témoignages?|intervenant\w*|interv(?:ien|en)\w+|"
    r"participants?|participantes?|échanges?|à la tribune|la parole)\b"
)
# A sentence that says why the person named in it was not on stage: done before or absent,
# dead, thanked for the organisation, elected or leaving, an author or a patron cited, a
# contact for later.
_OFF_STAGE_RE = re.compile(
    r"(?i)\b(?:avait|avaient|absente?s?|excusée?s?|n['’](?:a|ont|était|avait) (?:pas|plus|jamais)|"
    r"décédée?s?|disparue?s?|hommage|feu|ancien(?:ne)?s?|"
    r"pour (?:l['’]organisation|la mise à disposition|(?:son|leur) (?:accueil|engagement|soutien))|"
    r"remerciée?s? pour|soutien|patronage|l['’]aide d|préparée? (?:par|avec)|alors|"
    r"sera|seront|serait|devrai(?:en)?t|prochainement|"
    r"ont été élue?s?|a été élue?|élue?s? (?:au|à la)|quitte|(?<!se )succéd\w*(?! à la tribune)|"
    r"présence d|parmi les participant\w*|dans (?:la salle|le public)|"
    r"ministres?|livre|ouvrage|rapport d[eu']|préface|auteure? d|rédigée? par|blog|article|thèse|"
    r"(?<!chargée d)(?<!chargé d)(?<!de )travaux d(?:e|u|es|['’])|"
    r"mécènes?|soutenue? par|financée? par|lancée? par|portée? par|créée? (?:en|par)|fondée? (?:en|par)|"
    r"prochaine?s?|inscriptions?|auprès d|contacts?|photos?)\b"
)


def reports_an_event(record: Record) -> bool:
    """True for a record that reports an event: a title (or first line) naming one, an event
    kind in the metadata, a verb of speaking or an event's word (atelier, intervenants,
    participants, échanges) anywhere in its text."""
    paragraphs = record.text.paragraphs
    first = paragraphs[0].text if paragraphs else ""
    return bool(
        record.metadata.event_kind
        or _EVENT_TITLE_RE.search(record.title) or _EVENT_TITLE_RE.search(first)
        or any(_SPEECH_RE.search(paragraph.text) for paragraph in paragraphs)
        or any(_EVENT_TEXT_RE.search(paragraph.text) for paragraph in paragraphs)
    )


def off_stage(sentence: str) -> bool:
    """True when the sentence gives a reason the person it names was not on stage."""
    return bool(_OFF_STAGE_RE.search(sentence))


# Where one clause of a sentence ends and another begins: a semicolon (a colon opens a list
# that belongs to the words before it), a quotation,
# a completive ("en rappelant que ..."), an opposition ("mais", "tandis que").
_CLAUSE_BREAK_RE = re.compile(r"[;«»]| (?:que|qu['’]|mais|tandis que|alors que|lorsque|quand) ")


def clause(occurrence: Occurrence) -> str:
    """The clause of its sentence that holds the name: an off-stage word in another clause
    ("A et B ont lancé les échanges en rappelant que 40 % des habitants n'ont pas de
    solution") says nothing of the person."""
    sentence, local = occurrence.sentence, occurrence.start - occurrence.sentence_start
    if not 0 <= local <= len(sentence):
        return sentence
    starts = [m.end() for m in _CLAUSE_BREAK_RE.finditer(sentence, 0, local)]
    stop = _CLAUSE_BREAK_RE.search(sentence, local + occurrence.end - occurrence.start)
    return sentence[(starts[-1] if starts else 0): (stop.start() if stop else len(sentence))]


def _said_off_stage(occurrence: Occurrence) -> bool:
    return off_stage(clause(occurrence))


# A relative clause after a thanked name (and its apposition): "Merci à A, bénévole, qui a
# coordonné le covoiturage".
_RELATIVE_RE = re.compile(r"^(?:,[^.;«»]{0,160}?)?,? qui (?:(?:a|ont|avait|avaient) [a-zé]|[a-zé]+)")


def _thanked_off_stage(occurrence: Occurrence) -> bool:
    """Thanks name no talk when their clause gives another reason ("pour son accueil") or a
    relative clause says what else the person did ("qui a coordonné le covoiturage")."""
    after = occurrence.sentence[occurrence.end - occurrence.sentence_start:]
    return _said_off_stage(occurrence) or (bool(_RELATIVE_RE.match(after)) and relative_cue(after) is None)


_AGENT_RE = re.compile(r"\bpar $")
# A function or a verb that makes the person chair or facilitate rather than speak.
_CHAIR_ROLE_RE = re.compile(r"(?i)^(?:co-?)?(?:animat|modérat|facilitat|format)(?:eur|rice|ion)")
_CHAIR_VERB_RE = re.compile(
    r"(?i)\b(?:co-?)?(?:(?:présid|anim|modér|facilit|orchestr)(?:é|ée|és|ées|ait|aient)|condui(?:t|te|ts|tes|sait|saient))\b"
)
_OTHER_VERB_RE = re.compile(r"(?i)\b(?:a|ont|est|sont|était|étaient) |\bavec\b|\bentendre\b")
# A thanks cue: thanks are for a talk unless the sentence gives another reason.
_THANKS_RE = re.compile(r"(?i)^(?:un grand |nos )?(?:merci|remerci)")


def decide(event: bool, occurrences: list[Occurrence], participation: Participation, cue: str | None,
           role: str | None, organisation: str | None, function: str | None
           ) -> tuple[Participation, str | None]:
    """The participation of a person, and the words that decided it, once the cues are read:
    thanks that give another reason than a talk name no speaker; in a record reporting an
    event, a person with a function and no cue either way took part."""
    if ((participation == Participation.mentioned or (cue and cue.endswith(" par")))
            and participation != Participation.moderator and any(_chairing_act(o) for o in occurrences)):
        return Participation.moderator, cue  # "L'animation était assurée par A"
    if participation != Participation.moderator:
        chair = next((c for o in occurrences
                      if _names_chairing(o.sentence) and (c := _own_verb_chairs(o))), None)
        if chair:  # "Merci à A, qui a co-animé la journée", "A, maire de X, co-présidait le forum"
            return Participation.moderator, chair
        if cue and cue.endswith("avec") and any(_chaired(o) for o in occurrences):
            return Participation.moderator, cue  # "B co-présidait la séance avec A"
    if participation == Participation.speaker and cue and _OFF_STAGE_AGENT_RE.search(cue):
        return Participation.mentioned, None  # "Un document de synthèse rédigé par A"
    if (participation == Participation.speaker and cue and _THANKS_RE.match(cue)
            and any(_thanked_off_stage(o) for o in occurrences if o.cue == cue)):
        return Participation.mentioned, None  # "Merci à A pour son accueil"
    if participation != Participation.mentioned or not event:
        return participation, cue
    if not _on_stage_by_default(occurrences, role, organisation):
        return participation, cue
    if ((role and _CHAIR_ROLE_RE.match(role)) or any(_chaired(o) for o in occurrences)):
        return Participation.moderator, function
    return Participation.speaker, function


# An act of chairing written as a noun, the person its agent ("L'animation était assurée par
# A", "La modération a été confiée à A", "Les questions ont été relayées par A"), or the
# reason of thanks ("et à A, du RTES, pour l'animation").
_CHAIR_ACT_RE = re.compile(
    rf"(?i)\b{CHAIR_NOUN}\b|"
    r"\bquestions?\b[^.;«»]{0,60}?\b(?:relayée|recueillie|portée)s?\b"
)
_ACT_AGENT_RE = re.compile(r"(?:\bpar|\bà) (?:(?:M\.|Mme|son collègue|sa collègue) )?$")
_THANKED_FOR_CHAIR_RE = re.compile(rf"(?i)^(?:,[^.;«»]{{0,80}}?)?,?{CHAIRING_THANKS}\b")
# A speaker cue that names the author of a written document: "la synthèse rédigée par A".
_OFF_STAGE_AGENT_RE = re.compile(r"(?i)\b(?:rédig|élabor)\w* par$")


@lru_cache(maxsize=4096)
def _names_a_chair_act(sentence: str) -> bool:
    return _CHAIR_ACT_RE.search(sentence) is not None


def _chairing_act(occurrence: Occurrence) -> bool:
    """The person is the agent of an act of chairing named in their sentence."""
    if not _names_a_chair_act(occurrence.sentence):
        return False  # the common case, decided once per sentence
    local = occurrence.start - occurrence.sentence_start
    before = occurrence.sentence[max(0, local - 90):local]
    after = occurrence.sentence[local + occurrence.end - occurrence.start:]
    if _THANKED_FOR_CHAIR_RE.match(after):
        return True
    return bool(_ACT_AGENT_RE.search(before)) and bool(_CHAIR_ACT_RE.search(before))


def _on_stage_by_default(occurrences: list[Occurrence], role: str | None, organisation: str | None) -> bool:
    """A person of an event write-up with a function or an organisation and no cue either way
    took part, unless a sentence naming them says they were not on stage."""
    return (
        (role is not None or organisation is not None)
        and all(o.evidence == NEUTRAL or _by_agent(o) for o in occurrences)
        and not any(_said_off_stage(o) for o in occurrences)
    )


def _by_agent(occurrence: Occurrence) -> bool:
    """ "ouverte par A et par B, président de X": the agent of a passive, a mention only when
    the sentence says the person was off stage ("rédigé par", "saisi en 2019 par")."""
    local = occurrence.start - occurrence.sentence_start
    return occurrence.evidence == MENTIONED and bool(_AGENT_RE.search(occurrence.sentence[:local]))


def _chaired(occurrence: Occurrence) -> bool:
    """ "présidée par M. A", "celui sur la gouvernance, par A": the last verb before the name
    in its sentence makes the person chair the session; so does sharing it ("co-animé la
    journée avec A", "animée par B, avec l'appui de A")."""
    before = occurrence.sentence[: occurrence.start - occurrence.sentence_start]
    chair = list(_CHAIR_VERB_RE.finditer(before))
    if not chair:
        return False
    rest = before[chair[-1].end():]
    return not _OTHER_VERB_RE.search(rest) or bool(_CHAIR_PARTNER_RE.search(rest)) or (
        chair[-1].group().casefold().startswith("co") and bool(_WITH_RE.search(rest)))


# The partner of whoever chairs, right before the name: "avec l'appui de", "en binôme avec";
# after a verb of co-chairing, plain "avec" ("co-présidait le forum avec A").
_CHAIR_PARTNER_RE = re.compile(
    r"(?:\bavec (?:l['’]appui|le concours|l['’]assistance) d(?:e |['’])|\ben binôme avec |"
    r"\b(?:secondée?|épaulée?|assistée?) (?:par|de) )(?:(?:son|sa) (?:collègue|binôme) |M\. |Mme )?$"
)
_WITH_RE = re.compile(r"^[^.;:«»]{0,80}\bavec (?:(?:son|sa) (?:collègue|binôme) |M\. |Mme )?$")
# A verb of chairing, not "président" nor "animation" (by far the most common words here).
_CHAIR_STEM_RE = re.compile(
    r"(?i)(?:anim|modér|présid|facilit)(?:é|ée|és|ées|ait|aient|e|ions|ons|ent|era|eront)\b"
)


@lru_cache(maxsize=16384)
def _names_chairing(sentence: str) -> bool:
    return _CHAIR_STEM_RE.search(sentence) is not None


def _own_verb_chairs(occurrence: Occurrence) -> str | None:
    """The words that make the person chair, when their own verb does: a relative clause
    ("A, de la Métropole, qui a co-animé la journée") or the verb of which they are the
    subject ("A, maire de X, co-présidait le forum")."""
    local = occurrence.start - occurrence.sentence_start
    return _chairing_verb_after(occurrence.sentence, local, local + occurrence.end - occurrence.start)


@lru_cache(maxsize=16384)
def _chairing_verb_after(sentence: str, local: int, local_end: int) -> str | None:
    after = sentence[local_end:]
    if not _CHAIR_STEM_RE.search(after):
        return None  # the common case: no verb of chairing after the name
    found = relative_cue(after) or subject_cue(after, sentence[:local], after.startswith((", ", " (")))
    return found[1] if found and found[0] == MODERATOR else None


# Two people of one clause joined by "et", the first with its apposition: "Ont également pris
# part aux échanges A, chargé de mission à la DRAC, et B".
_JOINED_RE = re.compile(r"(?:,[^.;:!?«»()\n]{0,120}?)?,? et ")


def joined_participation(participation: dict[str, Participation], spans: list[tuple[int, str, Occurrence]]
                         ) -> dict[str, Participation]:
    """People named with no cue at all and joined by "et" to a speaker or moderator of the
    same clause did what the other did, unless their clause says they were off stage: a
    coordination shares its verb. `spans` are (raw line, person, occurrence) in the order of
    the text; returns the participations that change."""
    shared: dict[str, Participation] = {}
    for (line, first, one), (next_line, second, other) in zip(spans, spans[1:], strict=False):
        if first == second or line != next_line or one.sentence_start != other.sentence_start:
            continue
        gap = one.sentence[one.end - one.sentence_start: other.start - other.sentence_start]
        if " et " not in gap or len(gap) > 130 or not _JOINED_RE.fullmatch(gap):
            continue
        for person, occurrence, partner in ((second, other, first), (first, one, second)):
            if (participation[person] == Participation.mentioned and occurrence.evidence == NEUTRAL
                    and participation[partner] != Participation.mentioned
                    and not _said_off_stage(occurrence)):
                shared.setdefault(person, participation[partner])
    return shared
