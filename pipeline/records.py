"""Typed records passed between the pipeline stages (frozen, I/O-free)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import partial
from typing import NamedTuple

# --- enumerations: the closed sets the tables hold (a StrEnum writes as its plain string) ---


class DivergenceKind(StrEnum):
    """What a difference between body and Résumé is, named from the body to the Résumé."""

    whitespace = "whitespace"
    punctuation = "punctuation"
    case = "case"
    accent = "accent"
    typo = "typo"
    word = "word"
    figure = "figure"
    insertion = "insertion"  # in the Résumé only
    deletion = "deletion"  # in the body only
    rewording = "rewording"
    move = "move"
    truncated = "truncated"  # one copy stops early: the tail it lacks, as one hunk


class TitleEvidence(StrEnum):
    """What placed a record's title: the strongest evidence the split had for it."""

    alignment = "alignment"  # the body after it is copied by the record's Résumé
    metadata = "metadata"  # no body: the metadata block follows the title directly
    shape = "shape"  # a body no Résumé copies: the line's shape alone decided


class Side(StrEnum):
    """One of a record's two copies."""

    body = "body"
    resume = "resume"


class DuplicateStatus(StrEnum):
    """How a record's body and Résumé relate."""

    identical = "identical"
    divergent = "divergent"
    body_only = "body_only"
    resume_only = "resume_only"
    none = "none"  # neither copy


class Scope(StrEnum):
    """What a divergence compares."""

    copy = "copy"  # a record's body against its Résumé
    occurrence = "occurrence"  # another occurrence of the resource against the canonical one


class DatePrecision(StrEnum):
    day = "day"
    month = "month"
    year = "year"


class SpeakerSource(StrEnum):
    """Where in the text a person was found."""

    bullet = "bullet"
    heading = "heading"
    list = "list"
    prose = "prose"
    ner = "ner"


class Participation(StrEnum):
    """What a person did at the event a record reports (see `pipeline.speakers.cues`)."""

    speaker = "speaker"  # spoke, presented, opened, welcomed, was thanked for a talk
    moderator = "moderator"  # animated, moderated or facilitated
    mentioned = "mentioned"  # only named: quoted, cited, author of a book, a minister


class Unit(StrEnum):
    """Units of the figures table (see `pipeline.figures.units` for how each is written)."""

    EUR = "EUR"
    USD = "USD"
    percent = "percent"
    m2 = "m2"
    km2 = "km2"
    ha = "ha"
    km = "km"
    m = "m"
    years = "years"
    months = "months"
    weeks = "weeks"
    days = "days"
    hours = "hours"
    minutes = "minutes"
    people = "people"
    organisations = "organisations"
    count = "count"
    fte = "fte"  # full-time equivalents ("200 ETP", "12 équivalents temps plein")
    fraction = "fraction"  # a share of a whole, 0 to 1 ("un quart d'élus" = 0.25)


class FigureKind(StrEnum):
    money = "money"
    percent = "percent"
    area = "area"
    distance = "distance"
    headcount = "headcount"
    count = "count"
    duration = "duration"
    fraction = "fraction"  # a fraction in words, as a share of 1: 'un quart' = 0.25
    jobs = "jobs"  # full-time equivalents


class SourceLine(NamedTuple):  # a tuple: a 20 MB export has 135,000 lines, built twice
    """One line of an input, as read and as cleaned.

    `number` is the 1-based line in the raw file (for an HTML rendition: the line of the
    HTML source where the block starts), so every later row can point back to the file.
    """

    number: int
    raw: str
    text: str = ""

    @property
    def is_blank(self) -> bool:
        return not self.text


def source_lines(rows: Iterable[tuple[int, str, str]]) -> tuple[SourceLine, ...]:
    """SourceLines from (number, raw, text) triples, built by `tuple.__new__` in C: twice as
    fast as calling the class for each of an export's 135,000 lines.

    >>> source_lines([(1, " a", "a")])[0].text
    'a'
    """
    return tuple(map(_NEW_SOURCE_LINE, rows))


_NEW_SOURCE_LINE = partial(tuple.__new__, SourceLine)


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A decoded input file: its lines plus what reading it had to repair."""

    source_file: str  # path relative to the raw folder, with forward slashes
    lines: tuple[SourceLine, ...]
    encoding: str
    size: int
    sha256: str
    rendition: str = "text"  # "text" or "html"
    warnings: tuple[str, ...] = ()

    def without_lines(self) -> SourceDocument:
        """The document's description alone, once its lines live on in records."""
        return replace(self, lines=())


class Paragraph(NamedTuple):  # a tuple, like SourceLine: immutable and cheap to build
    """A non-blank line of a record: one paragraph, bullet or heading."""

    line: int  # 1-based line in the raw file
    text: str  # cleaned text
    raw: str = ""  # the line as read, kept for provenance


@dataclass(frozen=True, slots=True)
class Text:
    """Paragraphs joined by "\\n": offsets into `string` map back to raw lines."""

    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def string(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def starts(self) -> list[int]:
        """Offset of each paragraph's first character in `string`."""
        offsets, position = [], 0
        for paragraph in self.paragraphs:
            offsets.append(position)
            position += len(paragraph.text) + 1
        return offsets

    def line_at(self, offset: int) -> int | None:
        """The raw line holding character `offset` of `string` (None for an empty text)."""
        if not self.paragraphs:
            return None
        index = bisect_right(self.starts(), offset) - 1
        return self.paragraphs[max(index, 0)].line


@dataclass(frozen=True, slots=True)
class QuarantinedSpan:
    """Lines that belong to no record, kept with the reason why."""

    source_file: str
    line_start: int
    line_end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class RawRecord:
    """A record as cut out of the line stream, before its metadata is interpreted."""

    source_file: str
    title: Paragraph
    body: tuple[Paragraph, ...]
    metadata: tuple[Paragraph, ...]  # the label/value lines, as written
    resume: tuple[Paragraph, ...]
    tags: tuple[Paragraph, ...] = ()  # lone tag lines between body and metadata ("PTCE")
    has_resume_label: bool = True
    line_start: int = 0
    line_end: int = 0
    warnings: tuple[str, ...] = ()
    title_evidence: TitleEvidence = TitleEvidence.alignment


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date | None = None
    end: date | None = None
    precision: DatePrecision | None = None


@dataclass(frozen=True, slots=True)
class Metadata:
    """Normalised metadata of one record."""

    resource_type: str | None
    is_private: bool | None
    event_kind: str | None
    event_date: EventDate
    participants: int | None
    participants_qualifier: str | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Record:
    """A fully interpreted resource: what the `resources` table holds, one row each."""

    resource_id: str
    record_index: int
    raw: RawRecord
    metadata: Metadata
    text: Text  # canonical text: body, or Résumé when there is no body (merged by diverge)
    duplicate_status: DuplicateStatus
    n_divergences: int = 0
    similarity: float | None = None
    warnings: tuple[str, ...] = field(default=())
    n_occurrences: int = 1  # records that are this resource, across the inputs

    @property
    def title(self) -> str:
        return self.raw.title.text

    @property
    def title_line(self) -> int:
        return self.raw.title.line

    @property
    def source_file(self) -> str:
        return self.raw.source_file


# Stands for the hunk inside a divergence's `context`; never written in French text.
CONTEXT_MARK = "⟨…⟩"


class Divergence(NamedTuple):  # a tuple, like Figure: thousands cross between processes
    """One difference between a record's body and its Résumé."""

    resource_id: str
    hunk_index: int
    kind: DivergenceKind
    body_side: str
    resume_side: str
    context: str
    body_line: int | None
    resume_line: int | None
    preferred: Side | None  # None: no evidence says which copy is right
    reason: str | None
    fingerprint: str
    detail: str = ""  # the hunk in words: a move and its inner edits, a split, a truncation
    # What is compared, and both locations: body_line is in source_file, resume_line in
    # other_file. Scope occurrence: "body" is the canonical occurrence, "resume" the other.
    scope: Scope = Scope.copy
    source_file: str = ""
    other_file: str = ""
    other_record_index: int | None = None  # scope occurrence: the other occurrence's index


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One record of a resource: where it is and whether it says what the canonical one says."""

    resource_id: str
    source_file: str
    record_index: int
    line_start: int
    line_end: int
    title: str  # as written (cleaned)
    content_hash: str
    differs_from_canonical: bool


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person found in a record's canonical text (speaker or mere mention)."""

    resource_id: str
    person_id: str
    name: str
    name_as_written: str
    role: str | None
    organisation: str | None
    affiliation_raw: str | None
    is_speaker: bool
    participation: Participation
    cue: str | None  # the words that decided the participation, as written
    source: SpeakerSource
    line: int | None
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Person:
    """One person across all records: every spelling seen, every role seen."""

    person_id: str
    name: str
    variants: tuple[str, ...]
    n_resources: int
    roles: tuple[str, ...]
    n_as_speaker: int = 0  # records where the person spoke (the others only mention them)


class Figure(NamedTuple):  # a tuple: 15,000 in a 20 MB export, cheap to build and to pickle
    """A quantity with its unit, normalised value and context."""

    resource_id: str
    figure_id: str
    raw: str
    value: float
    value_min: float | None
    value_max: float | None
    unit: Unit | None  # None: implied, and the context does not say it ("5,7 millions")
    kind: FigureKind | None  # None exactly when unit is None
    subject: str | None
    qualifier: str | None
    textual: bool
    sentence: str
    line: int | None  # raw line; the title's line when in_title
    char_start: int  # offset in the canonical text, or in the title when in_title
    char_end: int
    in_title: bool = False
