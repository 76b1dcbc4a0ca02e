"""Figures stage: every quantity in a record's title and canonical text, typed and located.

Where a figure is found:
- in the canonical text (`in_title` False): `char_start`/`char_end` are offsets in
  `record.text.string` and `line` is the raw line of the paragraph holding it;
- in the title (`in_title` True): offsets are relative to `record.title` and `line` is
  `record.title_line`.

`figure_id` is a hash of the resource id, where (title/text), the normalised raw figure and
its occurrence index among equal figures of the record: it survives line shifts and edits
elsewhere in the record, and changes only when the figure itself does.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from pipeline.figures import context, numbers, units
from pipeline.figures import grammar as g
from pipeline.figures.ids import figure_id, normalise
from pipeline.records import Figure, FigureKind, Record, Unit
from pipeline.wordlists import COLLECTIVES, DENOMINATORS, QUALIFIERS, SCALES

# Four-digit numbers in this span, alone, are years ("en 2020", "Dès 2000"): they become a
# figure only with an explicit unit or a known counted noun ("2020 habitants").
YEAR_RANGE = (1800, 2100)


class _Unit(NamedTuple):
    """What follows a number: its unit, the factor of a scale word, where it ends."""

    unit: Unit | None  # None: implied, and the context does not say it
    multiplier: float
    end: int
    subject: str | None = None


class _Reading(NamedTuple):
    """One figure read in a string, before it is placed in a record.

    Internal and created for every figure, so a NamedTuple: 4x cheaper than a frozen dataclass.
    """

    start: int
    end: int
    value: float
    low: float
    high: float
    unit: Unit | None
    kind: FigureKind | None
    subject: str | None
    textual: bool
    implied_qualifier: str | None = None
    needs_noun: bool = False  # a bare collective numeral: its noun is in the context


def extract_figures(records: Sequence[Record]) -> tuple[Figure, ...]:
    """Every figure of every record: title first, then the canonical text, in text order."""
    return tuple(figure for record in records for figure in record_figures(record))


def record_figures(record: Record) -> Iterator[Figure]:
    """The figures of one record: its title's, then its canonical text's."""
    ids: Counter[tuple[bool, str]] = Counter()
    yield from _place(record.resource_id, record.title, [0], [record.title_line], True, ids)
    paragraphs = record.text.paragraphs
    starts = record.text.starts()
    yield from _place(record.resource_id, record.text.string, starts,
                      [p.line for p in paragraphs], False, ids)


def _place(resource_id: str, text: str, starts: list[int], lines: list[int],
           in_title: bool, ids: Counter[tuple[bool, str]]) -> Iterator[Figure]:
    """Turn the readings of `text` into Figures with line, sentence, qualifier and id."""
    for reading in _read_all(text):
        raw = text[reading.start:reading.end]
        key = (in_title, normalise(raw))
        occurrence = ids[key]
        ids[key] += 1
        qualifier = (g.qualifier_before(text, reading.start) or _qualifier_after(text, reading.end)
                     or reading.implied_qualifier)
        value_min, value_max = units.bounds(reading.value, qualifier, reading.low, reading.high)
        paragraph = bisect_right(starts, reading.start) - 1
        yield Figure(
            resource_id=resource_id,
            figure_id=figure_id(resource_id, in_title, key[1], occurrence),
            raw=raw,
            value=reading.value,
            value_min=value_min,
            value_max=value_max,
            unit=reading.unit,
            kind=reading.kind,
            subject=reading.subject,
            qualifier=qualifier,
            textual=reading.textual,
            sentence=context.sentence(text, reading.start),
            line=lines[paragraph] if lines else None,
            char_start=reading.start,
            char_end=reading.end,
            in_title=in_title,
        )


def _read_all(text: str) -> Iterator[_Reading]:
    """Readings of both scans in text order; each place is read at most once."""
    in_digits = [reading for match in g.digit_matches(text)
                 if not _glued_before(text, match.start())
                 and (reading := _read_digits(text, match)) is not None]
    words = itertools.chain(g.words_at_start(text), g.WORDS.finditer(text))
    in_words = [reading for match in words if (reading := _read_word(text, match)) is not None]
    last_end = 0
    accepted: list[_Reading] = []
    for reading in sorted(in_digits + in_words, key=lambda r: (r.start, -r.end)):
        if reading.start >= last_end:  # "5 pour cent" is read once, not again at "cent"
            last_end = reading.end
            if reading.needs_noun:
                reading = _with_implied_noun(text, reading, accepted)
            accepted.append(reading)
            yield reading


def _glued_before(text: str, start: int) -> bool:
    """A letter, digit or one of `GLUED_BEFORE` right before digits: part of a name."""
    if start == 0:
        return False
    previous = text[start - 1]
    return previous.isalnum() or previous in g.GLUED_BEFORE


def _read_digits(text: str, match: re.Match[str]) -> _Reading | None:
    if match.group("skip"):
        return None  # a date, a clock time or an ordinal
    written, second = match.group("num"), match.group("num2")
    value = numbers.parse_digits(written)
    high = numbers.parse_digits(second) if second else value
    if match.group("rsep") == "/" and (share := _digit_fraction(text, match, value, high)):
        return share  # "les 2/3 des structures"
    year_like = second is None and len(written) == 4 and written.isdigit() and (
        YEAR_RANGE[0] <= value <= YEAR_RANGE[1])
    unit = _read_unit(text, match.end(), value, heuristic=not year_like)
    if unit is None and second is None and not year_like:
        unit = _elided_noun(text, match.start(), match.end(), value)
    if unit is None or high < value:
        return None  # no unit, or "12-3": a reference, not a range
    if g.is_label_before(text, match.start()):
        return None  # "article 19", "Objectif 1", "n° 47-1775"
    if value == 1 and g.is_copula_before(text, match.start()):
        return None  # "1D Lab est 1 SCIC": an article written as a digit
    return _reading(match.start(), unit, value, high, textual=False)


def _read_word(text: str, match: re.Match[str]) -> _Reading | None:
    """A cardinal, collective numeral or fraction word found by the `WORDS` trie."""
    start, end = match.span("word")
    word = match.group("word").casefold()
    if len(parts := word.split()) == 2:  # "un an", "une année": the only numeric un/une
        return _read_one(text, start, start + len(parts[0]))
    if word in DENOMINATORS:
        return _read_fraction(text, start, end)
    if word in COLLECTIVES:
        return _read_collective(text, start, end)
    rest = g.CARDINAL_REST.match(text, end)
    if rest is None:
        return None  # "deuxième", "septembre": the word goes on
    if (denominator := _DENOMINATOR_AFTER.match(text, rest.end())) is not None:
        return _read_fraction(text, denominator.start("denominator"), denominator.end())
    value = numbers.parse_words(text[start:rest.end()])
    if value is None or g.is_label_before(text, start):
        return None
    unit = _read_unit(text, rest.end(), value, heuristic=True)
    if unit is None and text[start:rest.end()].split()[-1].casefold() in _BARE_SCALES:
        unit = _Unit(context.implied_currency(text, start), 1.0, rest.end())  # "deux millions"
    return _reading(start, unit, value, value, textual=True) if unit else None


def _read_one(text: str, start: int, end: int) -> _Reading | None:
    """'un an', 'une année': the only places where un/une is read as a number."""
    unit = _read_unit(text, end, 1.0, heuristic=False)
    return _reading(start, unit, 1.0, 1.0, textual=True) if unit else None


def _read_collective(text: str, start: int, end: int) -> _Reading | None:
    """'une douzaine d'années': about twelve years; 'une quarantaine sur place': about forty
    of a noun said elsewhere (see `_with_implied_noun`)."""
    before = _before(text, start)
    article = g.ARTICLE_BEFORE.search(before)
    if article is None:
        return None  # "des centaines de personnes" has no value
    value = numbers.collective_value(text[start:end])
    first = start - len(before) + article.start("article")
    of = g.OF.match(text, end)
    if article.group("article").casefold() == "la" and of is None:
        return None  # "la quarantaine" is isolation unless it counts something
    if of is None:
        if not g.BARE_COLLECTIVE_NEXT.match(text, end):
            return None  # "une quarantaine stricte", "Une Quarantaine Solidaire"
        return _Reading(first, end, value, value, value, None, None, None, True, "environ",
                        needs_noun=True)
    tail = g.TAIL_AFTER_OF.match(text, of.end())
    if tail is None:
        return None
    if tail.group("measure"):
        unit = _measure(text, tail)
    elif tail.group("fte"):
        unit = _Unit(Unit.fte, 1.0, tail.end())
    else:
        unit = _counted(tail.group("noun"), value, tail.end(), heuristic=True)
    if unit is None:
        return None
    return _reading(first, unit, value, value, textual=True, implied="environ")


def _read_fraction(text: str, start: int, end: int) -> _Reading | None:
    """'un quart de la population' -> 0.25 of 'population'."""
    before = _before(text, start)
    numerator = g.NUMERATOR_BEFORE.search(before)
    if numerator is None or not g.OF_SOMETHING.match(text, end):
        return None  # "des tiers lieux", "le tiers secteur"
    if g.QUARTER_HOUR.match(text, end):
        return None  # "un quart d'heure" is fifteen minutes, not a share
    value = numbers.fraction_value(numerator.group("numerator"), text[start:end])
    first = start - len(before) + numerator.start("numerator")
    return _Reading(first, end, value, value, value, Unit.fraction, FigureKind.fraction,
                    _subject(text, end), True)


def _digit_fraction(text: str, match: re.Match[str], numerator: float, denominator: float
                    ) -> _Reading | None:
    """'2/3 des structures', '1/4 du budget': a share of 1 (not '15/20 prochaines années')."""
    if not (0 < numerator < denominator <= 10 and g.OF_SOMETHING.match(text, match.end())):
        return None
    share = numerator / denominator
    return _Reading(match.start(), match.end(), share, share, share, Unit.fraction,
                    FigureKind.fraction, _subject(text, match.end()), False)


_DENOMINATOR_AFTER = re.compile(rf"{g.SP}+(?P<denominator>quarts?|tiers)(?={g.GAP}d)", re.I)


def _read_unit(text: str, position: int, value: float, *, heuristic: bool) -> _Unit | None:
    """The unit or counted noun right after a number, or None when there is none."""
    tail = g.TAIL.match(text, position)
    if tail is None or (tail.group("noun") and tail.group("noun").casefold() in _BARE_SCALES):
        return _implied_scale(text, position)  # "5,7 millions." / "5,7 millions, dont"
    if tail.group("percent"):
        return _Unit(Unit.percent, 1.0, tail.end(), _subject(text, tail.end()))
    if currency := tail.group("currency"):
        multiplier = SCALES.get((tail.group("money_scale") or "").casefold(), 1.0)
        return _Unit(units.CURRENCIES[currency.casefold()], multiplier, tail.end(),
                     _subject(text, tail.end()))
    if tail.group("measure"):
        return _measure(text, tail)
    if tail.group("fte"):
        return _Unit(Unit.fte, 1.0, tail.end())
    if noun := tail.group("scaled_noun"):
        of = text[tail.end("noun_scale"):tail.start("scaled_noun")].strip()
        if not of and units.noun_unit(noun) is None and not units.is_money_noun(noun):
            return _implied_scale(text, position)  # "5,7 millions pour", "1 million auprès"
        return _scaled_noun(text, tail, noun, position)
    return _counted(tail.group("noun"), value, tail.end(), heuristic)


def _measure(text: str, tail: re.Match[str]) -> _Unit:
    written = tail.group("measure").casefold()
    square_metres = written.startswith("mètre") and "carr" in written  # "mètres carrés"
    unit, multiplier = units.MEASURES["m²" if square_metres else written]
    subject = _subject(text, tail.end()) if units.UNIT_KINDS[unit] == FigureKind.area else None
    return _Unit(unit, multiplier, tail.end(), subject)


def _scaled_noun(text: str, tail: re.Match[str], noun: str, position: int) -> _Unit | None:
    """'2 milliards utilisateurs' (people), '20 milliards de bénéfices' (money), '4 millions
    de mètres carrés' (area)."""
    multiplier = SCALES[tail.group("noun_scale").casefold()]
    measure = g.TAIL_AFTER_OF.match(text, tail.start("scaled_noun"))
    if measure is not None and measure.group("measure"):
        unit = _measure(text, measure)
        return unit._replace(multiplier=unit.multiplier * multiplier)
    if units.is_money_noun(noun):
        return _Unit(context.currency_before(text, position), multiplier, tail.end(), noun)
    counted = _counted(noun, 2.0, tail.end(), heuristic=True)
    return _Unit(counted.unit, multiplier, counted.end, noun) if counted else None


_BARE_SCALES = frozenset({"million", "millions", "milliard", "milliards"})


def _implied_scale(text: str, position: int) -> _Unit | None:
    """'5,7 millions' with nothing after it that it counts: an amount whose currency is
    implied by the context (`_implied_currency`), kept with no unit when it is not."""
    bare = g.BARE_SCALE.match(text, position)
    if bare is None:
        return None
    multiplier = SCALES[bare.group("scale").casefold()]
    return _Unit(context.implied_currency(text, position), multiplier, bare.end())


def _with_implied_noun(text: str, reading: _Reading, before: list[_Reading]) -> _Reading:
    """A bare collective numeral ('une quarantaine sur place') with the noun it counts: a
    head-count noun of its sentence before it, else the noun of the figure before it in the
    paragraph, else the first head-count noun after it in its sentence, else the last
    head-count noun of the paragraph before the sentence; unit null when there is none."""
    start = context.sentence_start(text, reading.start)
    if noun := context.head_count_noun_before(text, start, reading.start):
        return _counting(reading, noun)
    if g.counted_by_infinitive(text, reading.start, reading.end) == "pronoun":
        return reading._replace(unit=Unit.people, kind=FigureKind.headcount, needs_noun=False)
    paragraph_start = text.rfind("\n", 0, reading.start) + 1
    for previous in reversed(before):
        if previous.start < paragraph_start:
            break
        if previous.subject and previous.kind in (FigureKind.headcount, FigureKind.count):
            return reading._replace(unit=previous.unit, kind=previous.kind,
                                    subject=previous.subject, needs_noun=False)
    for noun in g.NOUNS.findall(text, reading.end, context.sentence_end(text, reading.start)):
        if units.noun_unit(noun) in units.HEAD_COUNT_UNITS:
            return _counting(reading, noun)
    for noun in reversed(g.NOUNS.findall(text, paragraph_start, start)):
        if units.noun_unit(noun) in units.HEAD_COUNT_UNITS:
            return _counting(reading, noun)
    return reading._replace(needs_noun=False)


def _counting(reading: _Reading, noun: str) -> _Reading:
    unit = units.noun_unit(noun)
    return reading._replace(unit=unit, kind=units.UNIT_KINDS[unit], subject=noun,
                            needs_noun=False)


def _elided_noun(text: str, start: int, end: int, value: float) -> _Unit | None:
    """'dont 3 sur Lille', '3 autres', '3 sont traiteurs': the count of a noun said before.

    The unit and subject come from the last lexicon noun earlier in the same sentence; with
    none, the number stays unread.
    """
    after_dont = g.qualifier_before(text, start) == "dont"
    by_infinitive = g.counted_by_infinitive(text, start, end) if value >= 2 else None
    if not value.is_integer() or not (after_dont or by_infinitive or (
            value >= 2 and g.ELIDED_NOUN_AFTER.match(text, end))):
        return None
    if noun := context.counted_noun_before(text, context.sentence_start(text, start), start):
        return _Unit(units.noun_unit(noun), 1.0, end, noun)
    return _Unit(Unit.people, 1.0, end) if by_infinitive == "pronoun" else None


def _counted(noun: str, value: float, end: int, heuristic: bool) -> _Unit | None:
    """A counted noun's unit: from the lexicon, else 'count' for a plausible plural noun."""
    key = units.noun_key(noun)
    if key in units.MONTHS:
        return None  # "9 juin": a date
    if unit := units.noun_unit(noun):
        if value >= 2 and units.is_singular(noun):
            return None  # "au 5 place Carnot": an address; a count agrees in number
        return _Unit(unit, 1.0, end, noun)
    plausible_plural = (
        heuristic and value >= 2 and value.is_integer() and noun[0].islower()
        and key[-1] in "sx" and len(key) >= 4 and key not in units.NOT_NOUNS
    )
    return _Unit(Unit.count, 1.0, end, noun) if plausible_plural else None


def _reading(start: int, unit: _Unit, low: float, high: float, *, textual: bool,
             implied: str | None = None) -> _Reading:
    scaled_low, scaled_high = low * unit.multiplier, high * unit.multiplier
    kind = units.UNIT_KINDS[unit.unit] if unit.unit else None
    return _Reading(start, unit.end, scaled_low, scaled_low, scaled_high, unit.unit,
                    kind, unit.subject, textual, implied)


def _subject(text: str, position: int) -> str | None:
    match = g.SUBJECT_AFTER.match(text, position)
    if match is None or units.noun_key(match.group("subject")) in units.NOT_NOUNS:
        return None
    return match.group("subject")


def _qualifier_after(text: str, position: int) -> str | None:
    """'sur 5 ans maximum' -> 'au plus'."""
    match = g.QUALIFIER_AFTER.match(text, position)
    if match is None:
        return None
    return QUALIFIERS[" ".join(match.group("qualifier").casefold().split())]


def _before(text: str, position: int) -> str:
    return text[max(0, position - g.LOOKBEHIND_CHARS):position]
