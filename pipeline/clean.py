"""Clean text lines: small, ordered, idempotent `str -> str` fixes that report what they changed.

The raw line is kept beside the cleaned one (`SourceLine.raw` / `.text`), because the
divergence stage needs the raw form to tell whitespace-only differences apart.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate

from pipeline.records import SourceDocument, SourceLine, source_lines

# Every whitespace character but U+0020 and line breaks: the no-break (U+00A0) and narrow
# no-break (U+202F) spaces of French typography, the other Unicode spaces, tab, form feed,
# NEL and the line/paragraph separators. All are layout, not content, once cleaned; after
# cleaning, the only whitespace in a line is single U+0020 spaces, so " ".join(words) and
# str.split() agree.
SPACE_CHARS = ("\u00a0\u202f\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
               "\u2009\u200a\u205f\u3000\u2028\u2029\x85\t\f\v")
# Zero-width characters, soft hyphens and C0 controls other than line breaks: dropped.
DROPPED_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad" + "".join(
    map(chr, [*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f]))
_UNICODE_SPACES = re.compile(f"[{re.escape(SPACE_CHARS)}]")
_DROPPED = re.compile(f"[{re.escape(DROPPED_CHARS)}]")
_SPECIALS = re.compile(f"[{re.escape(SPACE_CHARS + DROPPED_CHARS)}]")
_SPACE_RUNS = re.compile("  +")  # not " {2,}": a literal prefix lets re scan 3x faster
# Punctuation repeated around a no-break space: a stray artefact of the site's editor.
_STRAY_ARTEFACT = re.compile("([,;.:])[ \u00a0\u202f]+\\1")
# What every _STRAY_ARTEFACT match becomes once cleaned (its spaces folded into one).
_ARTEFACT_MARKS = tuple(f"{mark} {mark}" for mark in ",;.:")


def nfc(text: str) -> str:
    """Compose accents so that 'e' + U+0301 and 'é' compare equal.

    >>> nfc("e\\u0301te\\u0301") == "été"
    True
    """
    return unicodedata.normalize("NFC", text)


def drop_invisibles(text: str) -> str:
    """Remove zero-width characters, soft hyphens and control characters.

    >>> drop_invisibles("Mobi\\u200bcoop\\u00ad")
    'Mobicoop'
    """
    return _DROPPED.sub("", text)


def plain_spaces(text: str) -> str:
    """Turn no-break, narrow and other Unicode spaces into plain spaces.

    >>> plain_spaces("150\\u00a0000\\u202f€")
    '150 000 €'
    """
    return _UNICODE_SPACES.sub(" ", text)


def fold_spaces(text: str) -> str:
    """Fold runs of spaces and strip the ends (a line of only U+00A0 becomes blank).

    >>> fold_spaces("  Floriane Vernay,   Avise ")
    'Floriane Vernay, Avise'
    """
    return _SPACE_RUNS.sub(" ", text).strip()


FIXES: tuple[Callable[[str], str], ...] = (nfc, drop_invisibles, plain_spaces, fold_spaces)


def clean_text(text: str) -> str:
    """Apply every fix in order; idempotent: clean_text(clean_text(x)) == clean_text(x)."""
    for fix in FIXES:
        text = fix(text)
    return text


def _clean_joined(raws: Sequence[str]) -> tuple[str, list[str]]:
    """The lines joined and fixed, and split again; `.strip()` is all each piece lacks."""
    joined = "\n".join(raws)
    if not unicodedata.is_normalized("NFC", joined):
        joined = nfc(joined)
    # The no-break space, by far the most frequent, goes at once (str.replace runs in C);
    # a scan then finds which other special characters occur, if any. (Each maps to "" or
    # " ", never to another special, so their order does not matter.)
    joined = joined.replace("\u00a0", " ")
    if _SPECIALS.search(joined):
        for char in sorted(set(_SPECIALS.findall(joined))):
            joined = joined.replace(char, " " if char in SPACE_CHARS else "")
    joined = _SPACE_RUNS.sub(" ", joined)
    pieces = joined.split("\n")
    if len(pieces) != len(raws):  # a raw line held a newline: fall back, line by line
        pieces = [clean_text(raw) for raw in raws]
        joined = "\n".join(pieces)
    return joined, pieces


@dataclass(frozen=True, slots=True)
class Artefact:
    line: int
    text: str


def find_artefacts(
    lines: Sequence[SourceLine], joined: str | None = None, pieces: Sequence[str] | None = None
) -> list[Artefact]:
    """Stray artefacts (",\u00a0,") in cleaned lines, worth a warning: noted, not repaired.

    They are left in the text because the Résumé copy usually lacks them, and the
    divergence stage then reports them as a punctuation hunk with a preferred side.
    `joined`, `pieces`: the cleaned lines joined by newlines and split again (stripped or
    not), when already at hand.
    """
    # Candidate lines first, by plain substring search over the cleaned text (memory
    # speed); the regex, which stops at every punctuation mark, then reads only those.
    if joined is None or pieces is None:
        pieces = [line.text for line in lines]
        joined = "\n".join(pieces)
    places = [place for mark in _ARTEFACT_MARKS for place in _find_all(joined, mark)]
    if not places:
        return []
    ends = list(accumulate(len(piece) + 1 for piece in pieces))  # past each line's newline
    candidates = sorted({bisect_right(ends, place) for place in places})
    return [Artefact(lines[i].number, match.group(0)) for i in candidates
            for match in _STRAY_ARTEFACT.finditer(lines[i].raw)]


def _find_all(text: str, needle: str) -> Iterator[int]:
    place = text.find(needle)
    while place >= 0:
        yield place
        place = text.find(needle, place + 1)


def clean_document(document: SourceDocument) -> SourceDocument:
    """Clean every line of a document; stray artefacts become warnings naming their line."""
    joined, pieces = _clean_joined([line.raw for line in document.lines])
    raws = [line.raw for line in document.lines]
    # Most lines need no fix: they share the raw string rather than hold a second copy.
    texts = [raw if text == raw else text for raw, text in zip(raws, map(str.strip, pieces), strict=True)]
    lines = source_lines(zip([line.number for line in document.lines], raws, texts, strict=True))
    notes = [f"{document.source_file}:{a.line}: stray artefact {a.text!r} left as written"
             for a in find_artefacts(lines, joined, pieces)]
    return replace(document, lines=lines, warnings=document.warnings + tuple(notes))
