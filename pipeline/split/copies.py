"""Which lines of a region are near-copies of lines in the next region: the costly half of
the split's evidence (fuzzy matching), asked region by region.

A region is what lies between two metadata blocks; the next region holds the Résumé of the
record whose title the region holds, a near-copy of its body. Whether a line has a near-copy
there depends on those two regions alone, so the questions are independent by construction:
the orchestrator may answer them in any order, on any process.
"""

from __future__ import annotations

from typing import NamedTuple

from rapidfuzz import fuzz, process

# Two lines are copies of each other above this similarity (0-100, rapidfuzz ratio).
# The Résumé copies in the shipped export score >= 90 against their body paragraph, while
# unrelated paragraphs of the same page stay below 60.
COPY_SIMILARITY = 75.0


class NextRegionQuestion(NamedTuple):
    """Lines of one region (their indexes and keys), and the keys of the next region."""

    lines: tuple[int, ...]
    keys: tuple[str, ...]
    next_keys: tuple[str, ...]


def copied_in_next_region(question: NextRegionQuestion) -> frozenset[int]:
    """The lines asked about that have a near-copy in the next region."""
    return frozenset(
        line for line, key in zip(question.lines, question.keys, strict=True)
        # ratio's score_cutoff rejects a choice of too different a length before comparing.
        if process.extractOne(key, question.next_keys, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY)
    )


def line_key(text: str) -> str:
    """What copies are compared on: case does not tell a copy apart."""
    return text.casefold()
