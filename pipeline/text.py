"""Text helpers shared by the stages: accent folding, sentence splitting, word shingles (one of each)."""

from __future__ import annotations

import re
import unicodedata


def fold_accents(text: str) -> str:
    """Casefold and strip accents: the key for matching labels, headers, titles and words.

    >>> fold_accents("Ressource Privée")
    'ressource privee'
    """
    return unicodedata.normalize("NFD", text.casefold()).translate(_STRIP_COMBINING)


def strip_accents(text: str) -> str:
    """Drop accents, keep case (NFC out).

    >>> strip_accents("relèvant Écoles")
    'relevant Ecoles'
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(_STRIP_COMBINING))


class _CombiningStripper(dict):
    """A `str.translate` table that learns each character once: combining marks map to
    None (dropped), everything else to itself. Translating in C is ~10x faster than a
    per-character generator, and the table stays as small as the alphabet actually seen.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = None if unicodedata.combining(char) else char
        self[code] = kept
        return kept


_STRIP_COMBINING = _CombiningStripper()

# Where a sentence ends: ".", "!", "?" or "…" followed by a space or by the end of the
# paragraph; "1.5", "p.8" and "15/07" (no space after the dot) end none. The figures and the
# speakers stages both cut sentences with this rule and give the same tables as with their
# own former rules. A stricter rule (a capital must follow, so that "etc. et" does not end a
# sentence) would change two figure sentences of the shipped export: a change of its own.
SENTENCE_END = re.compile(r"[.!?…](?: |$)")


def split_sentences(paragraph: str) -> list[tuple[int, str]]:
    """The sentences of one paragraph as (offset, sentence); each keeps its stop and the
    space after it, so together they tile the paragraph.

    >>> split_sentences("Combien ? 80 participants ! Bravo… Fin")
    [(0, 'Combien ? '), (10, '80 participants ! '), (28, 'Bravo… '), (35, 'Fin')]
    >>> split_sentences("Soit 1.5 M€ (p.8) le 15/07. Fin.")
    [(0, 'Soit 1.5 M€ (p.8) le 15/07. '), (28, 'Fin.')]
    >>> split_sentences("")
    []
    """
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        sentences.append((start, paragraph[start:match.end()]))
        start = match.end()
    if start < len(paragraph):
        sentences.append((start, paragraph[start:]))
    return sentences


# Runs of this many words stand for a text when comparing texts of any length: a shared
# 3-word run is rarely a coincidence in French prose, while shared single words
# (de, la, les) always are.
SHINGLE_WORDS = 3


def word_shingles(text: str) -> set[str]:
    """The runs of SHINGLE_WORDS consecutive words (a shorter text is one run).

    >>> sorted(word_shingles("la ville de Lyon"))
    ['la ville de', 'ville de Lyon']
    """
    words = text.split()
    if not words:
        return set()
    return {" ".join(words[k:k + SHINGLE_WORDS]) for k in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def contained_share(part: str, whole: str) -> tuple[float, int]:
    """The share of `part`'s word shingles found in `whole`, and how many `part` has: how
    much of a shorter text a longer one holds, whatever their lengths.

    >>> contained_share("la ville de Lyon", "Dans la ville de Lyon, hier")
    (0.5, 2)
    """
    shingles = word_shingles(part)
    if not shingles:
        return 0.0, 0
    return len(shingles & word_shingles(whole)) / len(shingles), len(shingles)
