"""Gather each record's people from the paragraph scans, then link them across records."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from pipeline.records import Participation, Person, Record, Speaker, SpeakerSource
from pipeline.speakers import ner
from pipeline.speakers.affiliation import is_role, looks_like_org, split_affiliation
from pipeline.speakers.bullets import is_bullet
from pipeline.speakers.cues import MODERATOR, SPEAKER
from pipeline.speakers.names import (
    LEADING_WORDS,
    cluster_keys,
    is_short_form,
    name_key,
    normalise_name,
    person_id,
    same_person,
)
from pipeline.speakers.policy import decide, joined_participation, reports_an_event
from pipeline.speakers.rules import Occurrence, name_spans, scan_paragraph, starts_list

# Which occurrence describes a person best when a record names them several times: a
# structured introduction first, then prose with an affiliation, then a bare name.
_STRUCTURED = {SpeakerSource.bullet: 0, SpeakerSource.list: 0, SpeakerSource.heading: 0}
_PROSE_WITH_AFFILIATION, _BARE_NAME, _MODEL_ONLY = 1, 2, 3
# A person's participation is the strongest evidence any of their occurrences gives.
_PARTICIPATION = {MODERATOR: Participation.moderator, SPEAKER: Participation.speaker}


@dataclass(frozen=True, slots=True)
class SpeakerResult:
    """The rows of the `speakers` and `people` tables."""

    speakers: tuple[Speaker, ...]
    people: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class _Placed:
    """An occurrence placed in its record: offset in `Text.string`, raw line, name key."""

    occurrence: Occurrence
    key: str
    start: int
    line: int


@dataclass(frozen=True, slots=True)
class RecordPeople:
    """What the rules read about people in one record, record by record (in the worker
    processes); the names they leave unsettled go to the model in the calling process, which
    loads it once (about 3 s), and the people are then linked across records."""

    found: tuple[_Placed, ...]
    unsettled: tuple[_Placed, ...]  # name-shaped spans in person slots: a known name, or the model's call
    event: bool  # the record reports an event (policy.reports_an_event)

    def placed(self) -> list[_Placed]:
        """Every person found, the unsettled names settled, each under its record's key."""
        found = list(self.found)
        known = _resolve_short_forms(found)
        for item in self.unsettled:
            settled = _settle(item, known)
            if settled:
                found.append(settled)
                known.setdefault(settled.key, settled.key)
        return [_with_key(item, known.get(item.key, item.key)) for item in found]


def read_record(record: Record) -> RecordPeople:
    """The people one record names, with the evidence of what they did."""
    found, unsettled = _record_occurrences(record)
    return RecordPeople(tuple(found), tuple(unsettled), reports_an_event(record))


def extract_speakers(records: Sequence[Record]) -> SpeakerResult:
    """Speakers (and people only mentioned) of every record, and the people across records.

    Each record's canonical text is read once, so nobody is found twice through the Résumé.
    One row per person per record; `person_id` links the same person across records.
    """
    return link_people(records, [read_record(record) for record in records])


def link_people(records: Sequence[Record], read: Sequence[RecordPeople]) -> SpeakerResult:
    """The rows of every record (`read` holds `read_record` of each, in order), with one
    `person_id` for the spellings of one person across records."""
    placed = [people.placed() for people in read]
    resources = Counter(key for found in placed for key in {p.key for p in found})
    head_of = cluster_keys(dict(resources))
    display = _display_names(head_of, (p for found in placed for p in found))
    speakers = []
    for record, people, found in zip(records, read, placed, strict=True):
        by_person: dict[str, list[_Placed]] = defaultdict(list)
        for item in found:
            by_person[head_of[item.key]].append(item)
        rows = {head: _speaker_row(record, head, group, display[head], people.event)
                for head, group in by_person.items()}
        if people.event:
            rows = _share_coordinations(rows, by_person)
        speakers.extend(sorted(rows.values(), key=lambda row: row.char_start))
    all_found = [item for found in placed for item in found]
    return SpeakerResult(tuple(speakers), _people(speakers, all_found, head_of))


# --- one record ---

def _share_coordinations(rows: dict[str, Speaker], by_person: dict[str, list[_Placed]]) -> dict[str, Speaker]:
    """People with no cue at all take the participation of a speaker they are joined to by
    "et" (pipeline.speakers.policy.joined_participation)."""
    uncued = {head for head, row in rows.items() if row.cue is None and not row.is_speaker}
    if not uncued or len(rows) < 2:
        return rows
    sentences = {(item.line, item.occurrence.sentence_start) for head in uncued for item in by_person[head]
                 if " et " in item.occurrence.sentence}
    if not sentences:
        return rows  # the common case: no uncued person in a coordination
    placed = sorted(((item, head) for head, group in by_person.items() for item in group
                     if (item.line, item.occurrence.sentence_start) in sentences),
                    key=lambda pair: pair[0].start)
    spans = [(item.line, head, item.occurrence) for item, head in placed]
    shared = joined_participation({head: row.participation for head, row in rows.items()}, spans)
    for head in uncued & shared.keys():
        rows[head] = replace(rows[head], participation=shared[head], is_speaker=True)
    return rows


def _record_occurrences(record: Record) -> tuple[list[_Placed], list[_Placed]]:
    """The people the rules find in a record, and the names they leave unsettled."""
    found: list[_Placed] = []
    unsettled: list[_Placed] = []
    offset, in_list, previous = 0, False, 0  # previous: people found on the paragraph before
    for paragraph in record.text.paragraphs:
        if previous and _continues_affiliation(found[-1].occurrence, paragraph.text):
            found[-1] = _continued(found[-1], paragraph.text)
            offset, previous = offset + len(paragraph.text) + 1, 0
            continue  # the organisation of the person on the line before: the list goes on
        scan = scan_paragraph(paragraph.text, in_list)
        previous = len(scan.found)
        found += [_place(o, offset, paragraph.line) for o in scan.found]
        unsettled += [_place(o, offset, paragraph.line) for o in scan.unsettled]
        in_list = starts_list(paragraph.text) or (
            in_list and (is_bullet(paragraph.text) or any(o.source == SpeakerSource.list for o in scan.found))
        )
        offset += len(paragraph.text) + 1
    return found, unsettled


# A line that only continues the affiliation of the person above it is short.
CONTINUATION_MAX_WORDS = 12
CONTINUATION_MAX_CHARS = 120
_STRUCTURED_SOURCES = (SpeakerSource.list, SpeakerSource.bullet)


def _continues_affiliation(occurrence: Occurrence, text: str) -> bool:
    """True for "CRESS Grand Est" on the line after "• Léa Martin, présidente": the line right
    after a list item whose affiliation it completes (a role, an organisation, no name)."""
    if len(text) > CONTINUATION_MAX_CHARS or occurrence.source not in _STRUCTURED_SOURCES:
        return False  # the common case, decided before any word is read
    line = text.strip(" •-–")
    return (
        0 < len(line.split()) <= CONTINUATION_MAX_WORDS
        and not is_bullet(text) and not line.endswith((".", ":", "!", "?"))
        # the next person's line, or a label and a person: "Animation : A, RTES"
        and not any(span.start == 0 or line[: span.start].endswith(": ") for span in name_spans(line))
        and line.split()[0].casefold() not in LEADING_WORDS and not line.split()[0].endswith("ez")
        and (is_role(line) or (looks_like_org(line) and (not occurrence.affiliation or is_role(
            occurrence.affiliation))))
    )


def _continued(last: _Placed, text: str) -> _Placed:
    occurrence = last.occurrence
    line = text.strip(" •-–")
    affiliation = f"{occurrence.affiliation}, {line}" if occurrence.affiliation else line
    return _Placed(replace(occurrence, affiliation=affiliation), last.key, last.start, last.line)


def _place(occurrence: Occurrence, offset: int, line: int) -> _Placed:
    return _Placed(occurrence, name_key(occurrence.name), offset + occurrence.start, line)


def _with_key(item: _Placed, key: str) -> _Placed:
    return item if item.key == key else _Placed(item.occurrence, key, item.start, item.line)


def _resolve_short_forms(found: list[_Placed]) -> dict[str, str]:
    """Map each key of the record to itself, or to the full name it abbreviates."""
    keys = sorted({item.key for item in found}, key=len, reverse=True)
    return {key: next((full for full in keys if is_short_form(key, full)), key) for key in keys}


def _settle(item: _Placed, known: dict[str, str]) -> _Placed | None:
    """A name-shaped span in a person slot: a known person's other spelling, or the model's call."""
    key = item.key
    match = next((full for full in known if key == full or is_short_form(key, full)), None)
    match = match or next((full for full in known if same_person(key, _prefix(full, key))), None)
    if match:
        return _Placed(_as_source(item.occurrence, SpeakerSource.prose), known[match], item.start, item.line)
    occurrence = item.occurrence
    local = occurrence.start - occurrence.sentence_start
    if ner.is_person(occurrence.sentence, local, local + len(occurrence.name)):
        return item
    return None


def _prefix(full: str, key: str) -> str:
    """As many words of `full` as `key` has: "genauto carvalhos" is compared with "genauto carvalho"."""
    return " ".join(full.split()[: len(key.split())])


def _as_source(occurrence: Occurrence, source: SpeakerSource) -> Occurrence:
    return replace(occurrence, source=source)


def _rank(item: _Placed) -> tuple[int, int]:
    occurrence = item.occurrence
    if occurrence.source in _STRUCTURED:
        rank = _STRUCTURED[occurrence.source]
    elif occurrence.source == SpeakerSource.ner:
        rank = _MODEL_ONLY
    else:
        rank = _PROSE_WITH_AFFILIATION if occurrence.affiliation else _BARE_NAME
    return rank, item.start


def _speaker_row(record: Record, head: str, group: list[_Placed], name: str, event: bool = False) -> Speaker:
    chosen = min(group, key=_rank)
    best, start = chosen.occurrence, chosen.start
    role, organisation = _role_and_organisation(best)
    decisive = max(group, key=lambda item: (item.occurrence.evidence, -item.start))
    participation = _PARTICIPATION.get(decisive.occurrence.evidence, Participation.mentioned)
    if role is None:
        role = next((item.occurrence.title for item in group if item.occurrence.title), None)
    cue = decisive.occurrence.cue
    participation, cue = decide(event, [item.occurrence for item in group], participation, cue, role,
                                organisation, best.affiliation or best.title or role)
    return Speaker(
        resource_id=record.resource_id,
        person_id=person_id(head),
        name=name,
        name_as_written=best.name,
        role=role,
        organisation=organisation,
        affiliation_raw=best.affiliation,
        is_speaker=participation != Participation.mentioned,
        participation=participation,
        cue=cue,
        source=best.source,
        line=chosen.line,
        char_start=start,
        char_end=start + len(best.name),
    )


@lru_cache(maxsize=16384)
def _split(affiliation: str | None) -> tuple[str | None, str | None]:
    return split_affiliation(affiliation)


def _role_and_organisation(occurrence: Occurrence) -> tuple[str | None, str | None]:
    role, organisation = _split(occurrence.affiliation)
    if role is None and organisation is None and occurrence.title:
        return _split(occurrence.title)  # "La maire de Quimperlé, A": the function before the name
    return role or occurrence.title, organisation


# --- across records ---

def _display_names(head_of: dict[str, str], found: Iterable[_Placed]) -> dict[str, str]:
    """The normalised spelling of each person: the most frequent, accented form on ties."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for item in found:
        spellings[head_of[item.key]][normalise_name(item.occurrence.name)] += 1
    return {
        head: max(counts, key=lambda form: (counts[form], sum(not c.isascii() for c in form), form))
        for head, counts in spellings.items()
    }


def _people(speakers: list[Speaker], found: list[_Placed], head_of: dict[str, str]) -> tuple[Person, ...]:
    variants: dict[str, set[str]] = defaultdict(set)
    roles: dict[str, dict[str, None]] = defaultdict(dict)  # ordered set: first seen first
    for item in found:
        pid = person_id(head_of[item.key])
        variants[pid].add(item.occurrence.name)
        role = _role_and_organisation(item.occurrence)[0]
        if role:
            roles[pid][role] = None
    resources: dict[str, set[str]] = defaultdict(set)
    spoke: Counter[str] = Counter()
    names: dict[str, str] = {}
    for row in speakers:
        resources[row.person_id].add(row.resource_id)
        spoke[row.person_id] += row.is_speaker
        names[row.person_id] = row.name
    people = (
        Person(pid, names[pid], tuple(sorted(variants[pid])), len(resources[pid]), tuple(roles[pid]),
               spoke[pid])
        for pid in names
    )
    return tuple(sorted(people, key=lambda p: (-p.n_resources, p.name, p.person_id)))

