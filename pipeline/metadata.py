"""Metadata stage: each record's type, private flag, event kind, event date and participants."""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from datetime import date
from itertools import accumulate

from pipeline.labels import Label, block_fields
from pipeline.records import DatePrecision, EventDate, Metadata, RawRecord
from pipeline.text import fold_accents
from pipeline.wordlists import MONTH_NUMBERS as MONTHS

# Values of 'Type de ressource' seen on the RTES site; another one is kept with a warning.
KNOWN_RESOURCE_TYPES = ("Ressources RTES", "Autres")
_PRIVATE_VALUES = {"oui": True, "non": False}

# Event kinds, most specific first: "conférence en ligne" before "conférence".
EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("conférence en ligne", r"conf[ée]rences? en ligne"),
    ("webinaire", r"webinaires?|webinars?"),
    ("visioconférence", r"visio-?conf[ée]rences?|visio\b"),
    ("mise en débat", r"mises? en d[ée]bat"),
    ("temps d'échange", r"temps d['’][ée]changes?"),
    ("table ronde", r"tables? rondes?"),
    ("séminaire", r"s[ée]minaires?"),
    ("atelier", r"ateliers?"),
    ("rencontre", r"rencontres?"),
    ("journée", r"journ[ée]es? d['’]|journ[ée]es? (?:nationale|r[ée]gionale|th[ée]matique)s?"),
    ("conférence", r"conf[ée]rences?"),
    ("débat", r"d[ée]bats?"),
)
_EVENT_KIND = re.compile("|".join(f"(?P<k{i}>\\b(?:{p}))" for i, (_, p) in enumerate(EVENT_KINDS)),
                         re.IGNORECASE)

_MONTH = (r"(?P<month>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
          r"|novembre|d[ée]cembre)")
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+"
_DAYS = r"(?P<day>\d{1,2})(?:er)?(?:\s*(?:&|et|au|-|–)\s*(?P<day_end>\d{1,2})(?:er)?)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY_DATE = re.compile(rf"\b(?:{_WEEKDAY})?{_DAYS}\s+{_MONTH}(?:\s+{_YEAR})?\b", re.IGNORECASE)
_MONTH_DATE = re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(rf"\b{_YEAR}\b")
# A date right after these words is a legal reference ("décret du 24 décembre 2018").
_LEGAL_BEFORE = re.compile(r"(loi|d[ée]cret|arr[êe]t[ée]|circulaire|ordonnance|n°)[^.;]{0,40}$",
                           re.IGNORECASE)
# The longest text _LEGAL_BEFORE can match: only that much before a date is searched.
_LEGAL_BEFORE_REACH = len("ordonnance") + 40
# The event date is stated in a record's opening paragraphs, not deep in its body.
INTRO_PARAGRAPHS = 3

_QUALIFIER = r"(?P<qualifier>plus de|près de|pres de|environ|moins de|au moins|jusqu'à|une? cinquantaine de)?"
_COUNT = r"(?P<count>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)"
_PARTICIPANTS = re.compile(
    rf"{_QUALIFIER}\s*{_COUNT}\s+(?:participant(?:\.?e)?(?:\.?s)?|participant·e·s|inscrit(?:\.?e)?s?)\b",
    re.IGNORECASE,
)
_ATTENDANCE = re.compile(
    rf"{_QUALIFIER}\s*{_COUNT}\s+personnes\s+(?:ont\s+|étaient\s+)?"
    r"(?:assist|particip|connect|inscrit|présent|rassembl)",
    re.IGNORECASE,
)


def normalise_metadata(record: RawRecord) -> Metadata:
    """Interpret a record's metadata block, and read the event's kind, date and attendance
    from its title and text (the body, or the Résumé when there is no body)."""
    text = record.body or record.resume
    fields = block_fields([p.text for p in record.metadata])
    warnings: list[str] = []
    resource_type = fields.get(Label.type)
    if resource_type is None:
        warnings.append("'Type de ressource' is missing")
    elif resource_type not in KNOWN_RESOURCE_TYPES:
        warnings.append(f"unknown resource type {resource_type!r} kept as written")
    is_private = _private_flag(fields, warnings)
    opening = [record.title.text] + [p.text for p in text[:INTRO_PARAGRAPHS]]
    participants = find_participants([p.text for p in text])
    return Metadata(
        resource_type=resource_type,
        is_private=is_private,
        event_kind=find_event_kind(record.title.text, [p.text for p in text]),
        event_date=find_event_date(opening[0], opening[1:]),
        participants=participants[0] if participants else None,
        participants_qualifier=participants[1] if participants else None,
        warnings=tuple(warnings) + _structure_warnings(record),
    )


def _structure_warnings(record: RawRecord) -> tuple[str, ...]:
    """A metadata block that promises a Résumé and does not hold one."""
    if record.metadata and not record.has_resume_label:
        return ("metadata block has no 'Résumé' line: no copy to compare",)
    if record.metadata and record.has_resume_label and not record.resume:
        return ("'Résumé' label with no text after it",)
    return ()


def _private_flag(fields: dict[Label, str | None], warnings: list[str]) -> bool | None:
    if Label.private not in fields:
        warnings.append("'Ressource privée' is missing: is_private left null")
        return None
    value = fields[Label.private]
    flag = _PRIVATE_VALUES.get(fold_accents(value or "").strip(" .:"))
    if flag is None:
        warnings.append(f"'Ressource privée' has value {value!r}, not Oui/Non: is_private left null")
    return flag


def find_event_kind(title: str, paragraphs: list[str]) -> str | None:
    """The event kind named in the title, else the first one named in the body.

    >>> find_event_kind("WEBINAIRE ESS & RURALITÉS", [])
    'webinaire'
    """
    for text in [title, *paragraphs]:
        match = _EVENT_KIND.search(text)
        if match:
            index = int(match.lastgroup[1:])
            return EVENT_KINDS[index][0]
    return None


def find_event_date(title: str, opening: list[str]) -> EventDate:
    """The event date: a day in the title, else a day in the opening paragraphs, else the
    title's month or year. A day named in the body beats a month in the title.

    >>> found = find_event_date("Comment soutenir l'ESS ?- 26 & 28 août 2020", [])
    >>> found.start, found.end, str(found.precision)
    (datetime.date(2020, 8, 26), datetime.date(2020, 8, 28), 'day')
    """
    title_day = _day_dates(title, default_year=None)
    if title_day:
        return title_day[0]
    title_month = _month_date(title)
    title_year = _year_of(title)
    default_year = title_month.start.year if title_month else title_year
    for text in opening:
        for found in _day_dates(text, default_year):
            if title_month is None or (found.start.year, found.start.month) == (
                title_month.start.year, title_month.start.month
            ):
                return found
    if title_month:
        return title_month
    if title_year:
        return EventDate(date(title_year, 1, 1), None, DatePrecision.year)
    return EventDate()


def _day_dates(text: str, default_year: int | None) -> list[EventDate]:
    dates = []
    for match in _DAY_DATE.finditer(text):
        if _LEGAL_BEFORE.search(text[max(match.start() - _LEGAL_BEFORE_REACH, 0):match.start()]):
            continue
        year = int(match.group("year")) if match.group("year") else default_year
        if year is None:
            continue
        month = MONTHS[fold_accents(match.group("month")).replace("û", "u")]
        start = _safe_date(year, month, int(match.group("day")))
        end = _safe_date(year, month, int(match.group("day_end"))) if match.group("day_end") \
            else None
        if start:
            dates.append(EventDate(start, end if end and end > start else None, DatePrecision.day))
    return dates


def _month_date(text: str) -> EventDate | None:
    match = _MONTH_DATE.search(text)
    if not match:
        return None
    month = MONTHS[fold_accents(match.group("month"))]
    return EventDate(date(int(match.group("year")), month, 1), None, DatePrecision.month)


def _year_of(text: str) -> int | None:
    match = _YEAR_ONLY.search(text)
    return int(match.group("year")) if match else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if 1 <= day <= monthrange(year, month)[1] else None


def find_participants(paragraphs: list[str]) -> tuple[int, str | None] | None:
    """How many attended, and the qualifier ('plus de'), when the text states it.

    >>> find_participants(["Plus de 170 personnes ont assisté à ce webinaire"])
    (170, 'plus de')
    """
    joined = "\n".join(paragraphs)
    lower = joined.lower()
    for pattern, nouns in ((_PARTICIPANTS, ("particip", "inscrit")), (_ATTENDANCE, ("personnes",))):
        match = _search_near_nouns(pattern, paragraphs, nouns, lower if len(lower) == len(joined) else None)
        if match:
            count = int(re.sub(r"\D", "", match.group("count")))
            qualifier = match.group("qualifier")
            return count, qualifier.lower().replace("pres", "près") if qualifier else None
    return None


# The most text a participants match spans before its noun ("une cinquantaine de 1 500 ").
_BEFORE_NOUN = 80


def _search_near_nouns(
    pattern: re.Pattern[str], paragraphs: list[str], nouns: tuple[str, ...], lower: str | None
):
    """The first match of `pattern` in `paragraphs`, searched only in a window before each
    place one of its `nouns` occurs. The patterns open with optional groups, which `re`
    tries at every position (~80 µs a paragraph), and most paragraphs hold no such noun:
    the nouns are found with `str.find` in `lower`, the paragraphs joined and lower-cased
    (None when lower() changed offsets: rare letters such as "İ")."""
    if lower is None:  # search it all
        found = (pattern.search(text) for text in paragraphs if any(n in text.lower() for n in nouns))
        return next((match for match in found if match), None)
    starts = list(accumulate((len(text) + 1 for text in paragraphs[:-1]), initial=0))
    places = []
    for noun in nouns:
        place = lower.find(noun)
        while place >= 0:
            places.append(place)
            place = lower.find(noun, place + 1)
    for place in sorted(places):
        if not _count_before(lower, place):
            continue  # both patterns need digits then spaces right before the noun
        index = bisect_right(starts, place) - 1
        at = place - starts[index]  # the noun's offset in its own paragraph
        match = pattern.search(paragraphs[index], max(at - _BEFORE_NOUN, 0), at + 40)
        if match:
            return match
    return None


def _count_before(text: str, place: int) -> bool:
    """Whitespace, then a digit, right before `place` ("170 personnes")."""
    before = place - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < place - 1 and before >= 0 and text[before].isdigit()
