"""Where a figure's implied unit comes from: its sentence and paragraph.

A figure is read where it stands; what it leaves unsaid is looked for around it: the
currency of a bare amount ("5,7 millions" after "budget"), the head-count noun of a bare
collective numeral ("une quarantaine" after "participants"), and the sentence itself.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.figures import grammar as g
from pipeline.figures import units
from pipeline.records import Unit
from pipeline.text import split_sentences


def implied_currency(text: str, position: int) -> Unit | None:
    """The currency a bare amount at `position` is in, from its context: a currency written
    earlier in the paragraph or later in the sentence, else EUR when the paragraph up to the
    sentence's end names money ("budget", "subvention", "financé"...), else None."""
    paragraph_start = text.rfind("\n", 0, position) + 1
    end = sentence_end(text, position)
    written = [m.group(0) for m in g.CURRENCY_WORD.finditer(text, paragraph_start, position)]
    if not written and (after := g.CURRENCY_WORD.search(text, position, end)):
        written = [after.group(0)]
    if written:
        return units.CURRENCIES[written[-1].casefold()]
    if g.MONEY_CUE.search(text[paragraph_start:end]):
        return units.DEFAULT_CURRENCY
    return None


def currency_before(text: str, position: int) -> Unit:
    """The last currency written earlier in the same paragraph, else the default."""
    paragraph_start = text.rfind("\n", 0, position) + 1
    written = [m.group(0) for m in g.CURRENCY_WORD.finditer(text, paragraph_start, position)]
    return units.CURRENCIES[written[-1].casefold()] if written else units.DEFAULT_CURRENCY


def head_count_noun_before(text: str, start: int, end: int) -> str | None:
    """The last head-count noun in text[start:end], preferring one right after a determiner
    or a number ("les associations adhérentes": 'associations', not 'adhérentes')."""
    found = [m for m in g.NOUNS.finditer(text, start, end)
             if units.noun_unit(m.group(0)) in units.HEAD_COUNT_UNITS]
    for match in reversed(found):
        before = text[start:match.start()].split()
        if before and (before[-1].isdigit() or before[-1].casefold() in g.NOUN_DETERMINERS):
            return match.group(0)
    return found[-1].group(0) if found else None


def counted_noun_before(text: str, start: int, end: int) -> str | None:
    """The antecedent of an elided count ('Sur les 12 communes du territoire, 8 ont signé'):
    the last lexicon noun in text[start:end] counted by a number in digits, else the last
    lexicon noun."""
    found = [m for m in g.NOUNS.finditer(text, start, end) if units.noun_unit(m.group(0))]
    for match in reversed(found):
        before = text[start:match.start()].split()
        if before and before[-1][0].isdigit():
            return match.group(0)
    return found[-1].group(0) if found else None


def sentence(text: str, start: int) -> str:
    """The sentence holding offset `start`, within its paragraph, without its trailing spaces."""
    paragraph_start, sentences = _sentences_around(text, start)
    return next(sentence for offset, sentence in reversed(sentences)
                if paragraph_start + offset <= start).strip()


def sentence_start(text: str, start: int) -> int:
    """Offset in `text` of the sentence holding offset `start`."""
    paragraph_start, sentences = _sentences_around(text, start)
    return paragraph_start + next(offset for offset, _ in reversed(sentences)
                                  if paragraph_start + offset <= start)


def sentence_end(text: str, position: int) -> int:
    """Offset in `text` just past the sentence holding offset `position`."""
    paragraph_start, sentences = _sentences_around(text, position)
    ends = [paragraph_start + offset + len(sentence) for offset, sentence in sentences
            if paragraph_start + offset <= position]
    return ends[-1] if ends else position


def _sentences_around(text: str, position: int) -> tuple[int, list[tuple[int, str]]]:
    """The start of the paragraph holding `position` and that paragraph's sentences."""
    paragraph_start = text.rfind("\n", 0, position) + 1
    paragraph_end = text.find("\n", position)
    paragraph = text[paragraph_start:len(text) if paragraph_end < 0 else paragraph_end]
    return paragraph_start, _paragraph_sentences(paragraph)


# A record's paragraphs come back in its Résumé and in repeated records: each is split once.
_paragraph_sentences = lru_cache(maxsize=16384)(split_sentences)
