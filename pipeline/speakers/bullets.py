"""List items: a bullet known by its shape, the people of one item, and what they share.

"• Topic - Name, role, organisation", "▶ Name role et Name role", "🔹 Topic, avec Name, Org".
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.records import SpeakerSource
from pipeline.speakers.affiliation import is_role, looks_like_org
from pipeline.speakers.cues import MENTION_BEFORE_RE, MENTIONED, MODERATOR, SPEAKER, title_before
from pipeline.speakers.occurrence import Occurrence, Span, tail
from pipeline.wordlists import CIVILITIES, alternation

# A list item, by its shape: one to three signs that are neither letters, digits, quotes nor
# brackets ("•", "-", "*", "▶", "✅", "➡️", "🔹"), or "1." and "1)", then a space.
BULLET_RE = re.compile(r"^\s*(?:[^\w\s.,;:!?«»\"'“”‘’()\[\]{}<>…]{1,3}|\d{1,2}[.)])\s+")
# A civility before a name ("Mme Marie Durand", "M. Jean Dupont"): part of no name.
_CIVILITY = rf"(?:(?:{alternation(CIVILITIES)}) )?"
_BULLET_BEFORE_NAME_RE = re.compile(BULLET_RE.pattern + _CIVILITY + "$")
CIVILITY_RE = re.compile(_CIVILITY + "$")
# What may follow a name in a list item or a heading before its affiliation.
AFTER_NAME = (",", " (", " - ", " – ", " :")
# What opens a person in a bullet: the bullet, a comma or semicolon, a dash, a question,
# "et", "avec".
_OPENS_BULLET_ITEM_RE = re.compile(rf"(?:, | ; | - | – |\? |: | et |,? avec ){_CIVILITY}$")
# A label before a name in a list line that makes the person its moderator.
MODERATOR_LABEL_RE = re.compile(
    r"(?i)\b(?:animat(?:eur|rice|ion)|modérat(?:eur|rice|ion))(?:\.?e)?s? ?: (?:(?:M\.|Mme|Dr) )?$"
)


def is_bullet(text: str) -> bool:
    """True for a list item ("• x", "- x", "▶ x", "1. x")."""
    return bool(BULLET_RE.match(text))

def bullet_people(text: str, spans: list[Span], source: SpeakerSource,
                   line_start: bool = False) -> list[Occurrence]:
    starts = {span.start for span in spans}
    people = [span for span in spans if _bullet_slot(text, span, starts, line_start)]
    found = []
    for index, span in enumerate(people):
        stop = people[index + 1].start if index + 1 < len(people) else len(text)
        affiliation = between(text, span.end, stop)
        before = tail(text[: span.start])
        evidence = MENTIONED if MENTION_BEFORE_RE.search(before) else SPEAKER
        label = MODERATOR_LABEL_RE.search(before)
        if label:
            evidence = MODERATOR
        found.append(Occurrence(span.name, span.start, span.end, source, evidence, affiliation,
                                title=title_before(before), cue=label.group().strip() if label else None))
    return found


def _bullet_slot(text: str, span: Span, starts: set[int], line_start: bool) -> bool:
    before, after = text[: span.start], text[span.end:]
    opens_item = (_BULLET_BEFORE_NAME_RE.match(before) or _OPENS_BULLET_ITEM_RE.search(tail(before))
                  or (line_start and CIVILITY_RE.fullmatch(before)))
    ends_name = (not after.strip(" .") or after.startswith(AFTER_NAME) or is_role(after)
                 or (after.startswith(" et ") and span.end + 4 in starts)  # "A et B, Afilea"
                 or _ORGANISATION_AFTER_RE.match(after) is not None and looks_like_org(
                     after[_ORGANISATION_AFTER_RE.match(after).end():]))
    return bool(opens_item and ends_name)


# "A et B de la CRESS Grand Est": an organisation shared by the people before it.
_ORGANISATION_AFTER_RE = re.compile(r" (?:de la |de l['’]|du |des |au |aux |à la |à l['’])")


def share_affiliations(text: str, found: list[Occurrence]) -> list[Occurrence]:
    """Give "A" of "A et B, maraîchers" or "A, B et C de l'Afilea" the affiliation of the last."""
    shared = list(found)
    for index in range(len(shared) - 2, -1, -1):
        this, following = shared[index], shared[index + 1]
        if this.affiliation is None and following.affiliation and text[this.end: following.start] in (
                " et ", ", ") and this.source == following.source:
            shared[index] = replace(this, affiliation=following.affiliation)
    return shared


def between(text: str, start: int, stop: int) -> str | None:
    """The affiliation between a name and the next person (or the end of the line)."""
    chunk = re.sub(r"(?:,| et|,? et d[e’']|, et| -)\s*$", "", text[start:stop].rstrip()).strip(" ,;:-–/")
    if ")" in chunk and "(" not in chunk:
        chunk = chunk.split(")", 1)[0].rstrip()  # "(animé par A, Terre de Liens)"
    chunk = chunk.removesuffix(".") if chunk.endswith(").") else chunk  # "... et C (Afilea)."
    if chunk.startswith("(") and chunk.endswith(")") and chunk.count("(") == 1:
        chunk = chunk[1:-1]  # "• Jean Dupont (Ville de Lyon)"
    return chunk or None
