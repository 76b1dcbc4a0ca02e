"""Clean text lines: small, ordered, idempotent `str -> str` fixes that report what they changed.

The raw line is kept beside the cleaned one (`SourceLine.raw` / `.text`), because the
divergence stage needs the raw form to tell whitespace-only differences apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from pipeline.records import SourceDocument, SourceLine

# Spaces a French text uses besides U+0020: no-break (U+00A0), narrow no-break (U+202F,
# before ; : ! ?), figure and thin spaces. All are layout, not content, once cleaned.
_UNICODE_SPACES = re.compile("[\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u3000\t\f\v]")
_INVISIBLES = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_SPACE_RUNS = re.compile(" {2,}")
# Punctuation repeated around a no-break space: a stray artefact of the site's editor.
_STRAY_ARTEFACT = re.compile("([,;.:])[ \u00a0\u202f]+\\1")


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
    return _CONTROLS.sub("", _INVISIBLES.sub("", text))


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


@dataclass(frozen=True, slots=True)
class Artefact:
    line: int
    text: str


def find_artefacts(line: SourceLine) -> list[Artefact]:
    """Stray artefacts worth a warning (",\\u00a0,"): noted, not repaired.

    They are left in the text because the Résumé copy usually lacks them, and the
    divergence stage then reports them as a punctuation hunk with a preferred side.
    """
    return [Artefact(line.number, m.group(0)) for m in _STRAY_ARTEFACT.finditer(line.raw)]


def clean_document(document: SourceDocument) -> SourceDocument:
    """Clean every line of a document; stray artefacts become warnings naming their line."""
    lines = tuple(replace(line, text=clean_text(line.raw)) for line in document.lines)
    notes = [
        f"{document.source_file}:{a.line}: stray artefact {a.text!r} left as written"
        for line in document.lines
        for a in find_artefacts(line)
    ]
    return replace(document, lines=lines, warnings=document.warnings + tuple(notes))
