"""A person's name found in a paragraph, and the helpers every scan shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.records import SpeakerSource
from pipeline.text import SENTENCE_END, split_sentences

# A verb that ends an apposition: "Angélique Moutenet, ambassadrice ... présente la démarche".
APPOSITION_END_RE = re.compile(
    r" (?:a|ont|est|sont|était|avait|avaient|présente|présentait|précise|rappelle|explique|insiste|souligne|"
    r"pointe|suggère|indique|revient|intervient|témoigne|détaille|propose|invite|"
    r"évoque|décrit|montre|raconte|revenait|intervenait|accueille|remercie|ouvre|introduit|"
    r"salue|répond|anime|clôture|conclut|animera|modérera|interviendra|présentera|ouvrira|clôturera|"
    r"conclura|introduira|débattra|témoignera|accueillera)\b"
    r"|,? s['’](?:est|était) |, l['’](?:autre|une?) "  # "A, de X, s'est conclu", "A, de X, l'autre par B"
)
# Characters before a name where cues are looked for: the longest cue ("avec les
# interventions de", "accueillait pour l'occasion") fits with room to spare.
CUE_WINDOW = 60


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A person's name in a paragraph, with what the rules read around it."""

    name: str  # as written
    start: int  # offsets in the paragraph's cleaned text
    end: int
    source: SpeakerSource
    evidence: int  # MODERATOR, SPEAKER, NEUTRAL or MENTIONED (pipeline.speakers.cues)
    affiliation: str | None = None
    title: str | None = None  # a role written before the name ("ministre")
    sentence: str = ""  # the sentence around the name, for the model
    sentence_start: int = 0
    cue: str | None = None  # the words that decided `evidence`, as written


@dataclass(frozen=True, slots=True)
class Span:
    """A name-shaped span of a paragraph."""

    start: int
    end: int
    name: str


def tail(before: str) -> str:
    """The end of the text before a name: cues are read there, never in the whole paragraph."""
    return before[-CUE_WINDOW:]


def apposition(rest: str) -> str | None:
    """Text after "Name, " up to the end of the sentence or the verb that ends it."""
    stops = [m.start() for m in (SENTENCE_END.search(rest), APPOSITION_END_RE.search(rest)) if m]
    return rest[: min(stops, default=len(rest))].strip(" ,.;:") or None


def sentences(text: str) -> list[tuple[int, str]]:
    """The paragraph's sentences, a civility's full stop ("M. A", "Dr. A") ending none."""
    merged: list[tuple[int, str]] = []
    for start, sentence in split_sentences(text):
        if merged and _CIVILITY_STOP_RE.search(merged[-1][1]):
            merged[-1] = (merged[-1][0], merged[-1][1] + sentence)
        else:
            merged.append((start, sentence))
    return merged


_CIVILITY_STOP_RE = re.compile(r"\b(?:M|MM|Dr|Pr|Mme|Mlle)\. $")
