"""Which lines of a region are near-copies of lines in the next region: the costly half of
the split's evidence (fuzzy matching), asked region by region.

A region is what lies between two metadata blocks; the next region holds the Résumé of the
record whose title the region holds, a near-copy of its body. Whether a line has a near-copy
there depends on those two regions alone, so the questions are independent by construction:
the orchestrator may answer them in any order, on any process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz import fuzz, process

from pipeline.split.shapes import shaped_like_title

# Two lines are copies of each other above this similarity (0-100, rapidfuzz ratio).
# The Résumé copies in the shipped export score >= 90 against their body paragraph, while
# unrelated paragraphs of the same page stay below 60.
COPY_SIMILARITY = 75.0
# Lines shorter than this ("Ressources :", "(Re)voir l'échange") recur in every record, so
# only their exact copies count, and for little: copied on both sides they cancel out.
MIN_EVIDENCE_CHARS = 25
# Title-shaped lines up to this long are copies only when exact (titles of a series differ by
# a number or a name); longer ones are paragraphs that lost their full stop (a Résumé cut or
# edited at its end), compared like paragraphs. The site's titles stay under ~110 characters.
EXACT_ONLY_MAX_CHARS = 120


class NextRegionQuestion(NamedTuple):
    """Lines of one region (their indexes and keys), and the keys of the next region."""

    lines: tuple[int, ...]
    keys: tuple[str, ...]
    next_keys: tuple[str, ...]


def copied_in_next_region(question: NextRegionQuestion) -> frozenset[int]:
    """The lines asked about that have a near-copy in the next region. A line of the next
    region copies one line: of two lines near it (a title and the body line paraphrasing it),
    the nearer is the copy."""
    best: dict[int, tuple[float, list[int]]] = {}  # next line -> its best score, those lines
    for line, key in zip(question.lines, question.keys, strict=True):
        # ratio's score_cutoff rejects a choice of too different a length before comparing.
        found = process.extractOne(key, question.next_keys, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY)
        if found:
            score, lines = best.get(found[2], (-1.0, []))
            if found[1] > score:
                best[found[2]] = (found[1], [line])
            elif found[1] == score:
                lines.append(line)
    return frozenset(line for _, lines in best.values() for line in lines)


def line_key(text: str) -> str:
    """What copies are compared on: case does not tell a copy apart."""
    return text.casefold()


def fuzzy_candidate(key: str, text: str) -> bool:
    """A line whose near-copies count: long enough to tell, and not title-shaped (titles of a
    series differ by a number or a name, so only an exact copy of a short line is one)."""
    return len(key) >= MIN_EVIDENCE_CHARS and (len(key) > EXACT_ONLY_MAX_CHARS or not shaped_like_title(text))


def lines_to_compare(keys: Sequence[str], texts: Sequence[str], regions: Sequence[range],
                     index: int) -> list[int]:
    """The lines of region `index` whose copies in the next region take fuzzy matching: long
    enough to count, and copied exactly in neither neighbouring region."""
    around = set(keys[j] for j in regions[index - 1]) if index else set()
    if index + 1 < len(regions):
        around.update(keys[j] for j in regions[index + 1])
    return [i for i in regions[index] if keys[i] not in around and fuzzy_candidate(keys[i], texts[i])]
