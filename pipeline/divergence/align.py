"""Paragraph-level alignment of a body with its Résumé: the cheap first pass of the diff.

Paragraphs equal after cleaning are matched by one alignment over whole paragraphs. Each
run that differs is then paired paragraph by paragraph with rapidfuzz's ratio (one to one,
or one to two for a split or merged paragraph); what pairs becomes a block to diff word by
word, what does not becomes a whole-paragraph deletion or insertion.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from pipeline.divergence.tokens import Token, build_pair_streams, build_stream
from pipeline.records import Paragraph
from pipeline.text import contained_share

# Two paragraphs are versions of each other when rapidfuzz's ratio reaches this (0-100):
# a reworded sentence scores above 80, two paragraphs on the same topic below 50.
PAIR_MIN_RATIO = 50.0
# Runs of changed paragraphs larger than this (body × Résumé) are not paired one by one:
# the pairing is quadratic, and such runs are whole sections added or removed.
MAX_PAIRING_CELLS = 2_500
# Up to this many paragraphs of each copy may be compared as one group: a paragraph split in
# four, or a boundary that moved ("A B" + "C" against "A" + "B C") is one group of 2 : 2.
MAX_GROUP = 4
GROUPS = tuple((di, dj) for di in range(1, MAX_GROUP + 1) for dj in range(1, MAX_GROUP + 1))
# Each paragraph a group adds beyond one : one costs half a matched character: a group wins
# when it has more characters in common than its paragraphs paired one by one, and a tie
# goes to the smaller groups (paragraphs are joined without a space, so a group gains nothing
# by itself).
GROUP_PENALTY = 0.5
# A paragraph whose 3-word sequences are at least this share of another's is a version of it,
# whatever their lengths: a paragraph with a long passage appended (the ratio falls under
# PAIR_MIN_RATIO when the passage outweighs the paragraph) is still that paragraph.
PAIR_MIN_CONTAINMENT = 0.8
# ...when the shorter one has this many 3-word sequences: "la ville" is in many paragraphs.
CONTAINMENT_MIN_SHINGLES = 8


@dataclass(frozen=True, slots=True)
class Block:
    """Paragraphs [body_start, body_end) against [resume_start, resume_end)."""

    body_start: int
    body_end: int
    resume_start: int
    resume_end: int
    changed: bool = False  # False: equal, raw forms included, nothing to diff
    body_stream: tuple[Token, ...] = ()
    resume_stream: tuple[Token, ...] = ()
    head: str = ""  # one paragraph against one: the common text left out of the streams
    tail: str = ""


def align_paragraphs(body: Sequence[Paragraph], resume: Sequence[Paragraph]) -> list[Block]:
    """Consecutive blocks covering both copies, in order."""
    if _words(body) == _words(resume) and [p.text for p in body] != [p.text for p in resume]:
        # Same words, paragraphed differently: anchoring on equal paragraphs could pair a
        # short repeated one ("la") across the copies and invent edits around it.
        return [_block(body, resume, 0, len(body), 0, len(resume))]
    blocks: list[Block] = []
    pending: list[int] | None = None  # adjacent deletions and insertions form one run
    for op in Indel.opcodes([p.text for p in body], [p.text for p in resume]):
        if op.tag != "equal":
            if pending and pending[1] == op.src_start and pending[3] == op.dest_start:
                pending[1], pending[3] = op.src_end, op.dest_end
            else:
                if pending:
                    blocks.extend(_changed_blocks(body, resume, *pending))
                pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
            continue
        if pending:
            blocks.extend(_changed_blocks(body, resume, *pending))
            pending = None
        blocks.extend(_equal_blocks(body, resume, op.src_start, op.src_end, op.dest_start))
    if pending:
        blocks.extend(_changed_blocks(body, resume, *pending))
    return blocks


def _equal_blocks(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int
) -> Iterator[Block]:
    """Equal paragraphs, cutting out those whose raw forms differ (whitespace to report)."""
    run = b0
    for i in range(b0, b1):
        j = r0 + (i - b0)
        if (body[i].raw or body[i].text) != (resume[j].raw or resume[j].text):
            if i > run:
                yield Block(run, i, r0 + (run - b0), j)
            yield _block(body, resume, i, i + 1, j, j + 1)
            run = i + 1
    if b1 > run:
        yield Block(run, b1, r0 + (run - b0), r0 + (b1 - b0))


def _block(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int, r1: int
) -> Block:
    if b1 - b0 == 1 and r1 - r0 == 1:
        body_stream, resume_stream, head, tail = build_pair_streams(body[b0], resume[r0], b0, r0)
        return Block(b0, b1, r0, r1, True, tuple(body_stream), tuple(resume_stream), head, tail)
    closed = b1 > b0 and r1 > r0  # END tokens only help when both sides have text
    return Block(
        b0, b1, r0, r1, changed=True,
        body_stream=tuple(build_stream(body[b0:b1], b0, closed=closed)),
        resume_stream=tuple(build_stream(resume[r0:r1], r0, closed=closed)),
    )


def _changed_blocks(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int, r1: int
) -> list[Block]:
    if b0 < b1 and r0 < r1 and _words(body[b0:b1]) == _words(resume[r0:r1]):
        # Same words, other paragraphing (a paragraph split or merged, even beyond
        # MAX_GROUP): one block, whose diff holds only layout.
        return [_block(body, resume, b0, b1, r0, r1)]
    if b0 == b1 or r0 == r1 or (b1 - b0) * (r1 - r0) > MAX_PAIRING_CELLS:
        return [b for b in (_one_sided(body, resume, b0, b1, r0, r0),
                             _one_sided(body, resume, b1, b1, r0, r1)) if b]
    return [_block(body, resume, *segment) for segment in _pair(body, resume, b0, b1, r0, r1)]


def _words(paragraphs: Sequence[Paragraph]) -> str:
    """The words of some paragraphs, read in order (cleaned texts hold single spaces)."""
    return " ".join(paragraph.text for paragraph in paragraphs)


def _one_sided(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int, r1: int
) -> Block | None:
    return _block(body, resume, b0, b1, r0, r1) if (b1 > b0 or r1 > r0) else None


def _similarity(a: str, b: str) -> float:
    """rapidfuzz ratio, 0 below PAIR_MIN_RATIO (score_cutoff lets it stop early)."""
    return fuzz.ratio(a, b, score_cutoff=PAIR_MIN_RATIO)


def _pair(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int, r1: int
) -> list[tuple[int, int, int, int]]:
    """Monotone pairing of a changed run maximising the characters the pairs have in common.

    Steps: a group of up to MAX_GROUP body paragraphs against up to MAX_GROUP Résumé ones
    (1 : 1 edited, 1 : 2 split, 2 : 1 merged, 2 : 2 a moved boundary...), or one paragraph
    alone (deleted / inserted). Consecutive lone paragraphs are joined.
    """
    n, m = b1 - b0, r1 - r0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == j == 0:
                continue
            options = []  # on a tie the first wins: deletions then come before insertions
            if j:
                options.append((best[i][j - 1], (0, 1)))
            if i:
                options.append((best[i - 1][j], (1, 0)))
            for di, dj in GROUPS:
                if i >= di and j >= dj:
                    score = _paired_score(body, resume, b0 + i - di, b0 + i, r0 + j - dj, r0 + j)
                    if score:
                        score -= GROUP_PENALTY * (di + dj - 2)
                        options.append((best[i - di][j - dj] + score, (di, dj)))
            best[i][j], step[i][j] = max(options, key=lambda o: o[0])
    return _segments(step, n, m, b0, r0)


def _paired_score(
    body: Sequence[Paragraph], resume: Sequence[Paragraph], b0: int, b1: int, r0: int, r1: int
) -> float:
    b_text = "".join(p.text for p in body[b0:b1])
    r_text = "".join(p.text for p in resume[r0:r1])
    ratio = _similarity(b_text, r_text)
    if ratio:
        return ratio / 100 * (len(b_text) + len(r_text))  # 2 × common characters
    if b1 - b0 == 1 and r1 - r0 == 1:
        return _contained_score(b_text, r_text)
    return 0.0


def _contained_score(a: str, b: str) -> float:
    """2 × the shorter's characters when its 3-word sequences are mostly in the longer, else 0."""
    short, long = sorted((a, b), key=len)
    shared, count = contained_share(short, long)
    if count < CONTAINMENT_MIN_SHINGLES:
        return 0.0
    return 2 * len(short) * shared if shared >= PAIR_MIN_CONTAINMENT else 0.0


def _segments(
    step: list[list[tuple[int, int]]], n: int, m: int, b0: int, r0: int
) -> list[tuple[int, int, int, int]]:
    segments: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        segment = (b0 + i - di, b0 + i, r0 + j - dj, r0 + j)
        lone = di == 0 or dj == 0
        if lone and segments and _is_lone(segments[-1]) and _same_side(segments[-1], segment):
            last = segments[-1]
            segment = (segment[0], last[1], segment[2], last[3])
            segments[-1] = segment
        else:
            segments.append(segment)
        i, j = i - di, j - dj
    return segments[::-1]


def _is_lone(segment: tuple[int, int, int, int]) -> bool:
    return segment[0] == segment[1] or segment[2] == segment[3]


def _same_side(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return (a[0] == a[1]) == (b[0] == b[1])
