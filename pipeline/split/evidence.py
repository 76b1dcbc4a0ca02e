"""Evidence a region's copies give about where its title is, weighed before the title is chosen:
what a copy says depends on what surrounds it."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rapidfuzz import fuzz

from pipeline.split.copies import COPY_SIMILARITY
from pipeline.split.shapes import FURNITURE_MAX_CHARS, furniture_shaped, shaped_like_title

# The weight of an exact copy of a short line ("Ressources :") or of a recurring link line:
# little, so that copied on both sides they cancel out.
SHORT_COPY_WEIGHT = 1.0


def drop_stray_weak(evidence: list[float], breaks: list[bool], order: range) -> None:
    """Weak evidence (a short or recurring line copied) counts only on the side of the copy
    it would belong to: no uncopied title-shaped line (a title) between it and that copy, seen
    from the region's edge along `order`. A field line two records share ("Site internet :
    ...") past the next title says nothing of the Résumé before it."""
    joined = True
    for k in order:
        if evidence[k] > SHORT_COPY_WEIGHT:
            joined = True
        elif breaks[k]:
            joined = False
        elif evidence[k] and not joined:
            evidence[k] = 0.0


def drop_lone_copies(evidence: list[float], weights: list[float]) -> None:
    """Above a private record's Résumé nothing aligns (its body is empty), so the next body
    starts where its copied lines start running. A copied line before that run is a sentence
    of the Résumé that happens to recur in the next one when more uncopied text stands between
    it and the run than it weighs itself; a body's first paragraph followed by one line the
    Résumé left out (an address) stays."""
    run = next((k for k in range(len(evidence) - 1)
                if evidence[k] > SHORT_COPY_WEIGHT and evidence[k + 1]), None)
    uncopied = 0.0  # weight of the uncopied lines between line k and the run
    for k in range(run - 1 if run else -1, -1, -1):
        if evidence[k] and uncopied > evidence[k]:
            evidence[k] = 0.0
        if not evidence[k]:
            uncopied += weights[k]


def weaken_furniture(in_prev: list[float], in_next: list[float], texts: list[str]) -> None:
    """A date, breadcrumb or link line recurs from page to page (one author's bylines are
    near-copies of each other): its copies weigh like a short line's."""
    for k, text in enumerate(texts):
        if (in_prev[k] > SHORT_COPY_WEIGHT or in_next[k] > SHORT_COPY_WEIGHT) \
                and len(text) <= FURNITURE_MAX_CHARS and furniture_shaped(text):
            in_prev[k] = min(in_prev[k], SHORT_COPY_WEIGHT)
            in_next[k] = min(in_next[k], SHORT_COPY_WEIGHT)


def cut_copies(in_prev: list[float], in_next: list[float], region: Sequence[int], keys: Sequence[str],
               weights: Sequence[float], body: Sequence[str], min_chars: int) -> None:
    """A line after a Résumé's copies that opens a longer line of the body above is that
    paragraph cut short (a word and the full stop dropped, the export ending inside it): a
    copy, though without its full stop it is shaped like a title."""
    for k, i in enumerate(region):
        key = keys[i]
        if not in_prev[k] and not in_next[k] and len(key) >= min_chars and any(
                len(line) > len(key) and line.startswith(key) for line in body):
            in_prev[k] = weights[i]


def page_evidence(in_prev: list[float], in_next: list[float], region: Sequence[int], lines: Sequence,
                  keys: Sequence[str], weights: Sequence[float], body: Sequence[str], min_chars: int) -> None:
    """What a page's layout says of a region's copies: furniture copies weigh little, lines cut
    from the body above (`body`, its keys) are copies."""
    weaken_furniture(in_prev, in_next, [lines[i].text for i in region])
    if body:
        cut_copies(in_prev, in_next, region, keys, weights, body, min_chars)


def echo_evidence(in_next: list[float], region: Sequence[int], keys: Sequence[str], lines: Sequence,
                  exact_next: Collection[str]) -> None:
    """A title the body's first line paraphrases (one or two lines below it, past a date line)
    is near both that line and the Résumé's copy of it: the copy is the body line's, so the
    evidence a near-copy gives a title-shaped line moves to the line below that echoes it. A
    breadcrumb ending on the title gives none: furniture copies weigh little (weaken_furniture)."""
    for k, i in enumerate(region):
        if in_next[k] > SHORT_COPY_WEIGHT and keys[i] not in exact_next and shaped_like_title(
                text := lines[i].text) and not furniture_shaped(text):
            echo = next((j for j in (k + 1, k + 2) if j < len(region) and fuzz.ratio(
                keys[i], keys[region[j]], score_cutoff=COPY_SIMILARITY)), None)
            if echo is not None:
                in_next[echo], in_next[k] = max(in_next[echo], in_next[k]), 0.0
