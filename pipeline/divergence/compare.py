"""Divergence stage: align a record's body with its Résumé, classify every difference, say
which side is right where the evidence allows, and merge the two into the canonical text.

Cheap first: paragraphs equal after cleaning are matched by one alignment over whole
paragraphs, and only the runs that differ are diffed word by word (`pipeline.divergence.hunks`).
Kinds are named from the body to the Résumé: an `insertion` is in the Résumé only, a
`deletion` in the body only.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from pipeline.divergence.align import Block, align_paragraphs
from pipeline.divergence.hunks import (
    Hunk,
    Region,
    classify,
    describe_whitespace,
    diff_streams,
    split_region,
    widen_bare_punctuation,
)
from pipeline.divergence.judge import judged, pair_moves
from pipeline.divergence.lexicon import WordCounts, count_words
from pipeline.divergence.tokens import END, Token, raw_side_text, side_text, word_count
from pipeline.divergence.truncation import collapse_tail, find_truncation, resolve_tail, truncation_warning
from pipeline.records import CONTEXT_MARK, Divergence, DuplicateStatus, Paragraph, RawRecord, Side, Text
from pipeline.records import DivergenceKind as Kind

# Tokens of context kept on each side of a hunk: enough to find the spot by eye, few enough
# that an edit a sentence away does not change the hunk's fingerprint.
CONTEXT_TOKENS = 5
# Long replaced passages this dissimilar are a deletion plus an insertion, not a rewording.
UNRELATED_MIN_WORDS = 8
UNRELATED_MAX_SIMILARITY = 0.4
CLOSING_MARKS = frozenset(".!?…")
FINGERPRINT_BYTES = 8  # 16 hex digits: no collision in a baseline of thousands of hunks
# Similarity is floored to 4 digits: stable in the tables, and a divergent pair never reads 1.0.
SIMILARITY_DIGITS = 4


@dataclass(frozen=True, slots=True)
class DivergenceResult:
    """What the divergence stage says about one record."""

    divergences: tuple[Divergence, ...]
    text: Text  # merged canonical text
    similarity: float | None  # 0-1; None unless both copies exist
    n_divergences: int  # hunks other than whitespace
    status: DuplicateStatus
    warnings: tuple[str, ...] = ()  # a copy cut short


def diverge_record(
    resource_id: str,
    body: tuple[Paragraph, ...],
    resume: tuple[Paragraph, ...],
    corpus: WordCounts,
) -> DivergenceResult:
    """Compare a record's body with its Résumé: hunks, merged text, similarity and status."""
    if not body or not resume:
        status = DuplicateStatus.body_only if body else \
            DuplicateStatus.resume_only if resume else DuplicateStatus.none
        return DivergenceResult((), Text(body or resume), None, 0, status)
    # 1. Align whole paragraphs; diff word by word only where they differ.
    blocks = align_paragraphs(body, resume)
    hunks = [hunk for index, block in enumerate(blocks) for hunk in _block_hunks(index, block)]
    # 2. A passage deleted in one place and inserted in another is one move.
    hunks = sorted(pair_moves(hunks), key=lambda h: h.order)
    # 3. Decide the side where the evidence allows; a copy cut short loses to the whole one.
    hunks = [judged(h, corpus) for h in hunks]
    truncation = find_truncation(hunks, blocks)
    if truncation:
        hunks, truncation = resolve_tail(hunks, truncation)
    # 4. The merged text and similarity from every hunk; rows with a cut tail as one hunk.
    text = _merged_text(blocks, hunks, body, resume)
    similarity = _similarity(hunks, body, resume)
    if truncation:
        hunks = collapse_tail(hunks, truncation)
    divergences = _divergences(resource_id, hunks, body, resume)
    n_divergences = sum(h.kind != Kind.whitespace for h in hunks)
    return DivergenceResult(
        divergences=divergences,
        text=text,
        similarity=similarity,
        n_divergences=n_divergences,
        status=DuplicateStatus.divergent if n_divergences else DuplicateStatus.identical,
        warnings=(truncation_warning(truncation, body, resume),) if truncation else (),
    )


# --- hunks of the aligned blocks ---------------------------------------------------------


def _block_hunks(index: int, block: Block) -> list[Hunk]:
    if not block.changed:
        return []
    sb, sr = block.body_stream, block.resume_stream
    return [
        _make_hunk(index, block, widen_bare_punctuation(piece, sb, sr))
        for region in diff_streams(sb, sr)
        for part in _split_unrelated(region, sb, sr)
        for piece in split_region(part, sb, sr)
    ]


def _split_unrelated(region: Region, sb: Sequence[Token], sr: Sequence[Token]) -> list[Region]:
    if region.whitespace or region.b0 == region.b1 or region.r0 == region.r1:
        return [region]
    b_tokens, r_tokens = sb[region.b0 : region.b1], sr[region.r0 : region.r1]
    if min(word_count(b_tokens), word_count(r_tokens)) < UNRELATED_MIN_WORDS:
        return [region]
    similarity = Indel.normalized_similarity(side_text(b_tokens), side_text(r_tokens))
    if similarity >= UNRELATED_MAX_SIMILARITY:
        return [region]
    b1, r1 = region.b1, region.r1
    if b1 < len(sb) and r1 < len(sr) and sb[b1].text == sr[r1].text and sb[b1].text in CLOSING_MARKS:
        b1, r1 = b1 + 1, r1 + 1  # each passage keeps the full stop they shared: both end a sentence
    deleted = Region(region.b0, b1, region.r0, region.r0)
    return [deleted, Region(b1, b1, region.r0, r1)]


def _make_hunk(index: int, block: Block, region: Region) -> Hunk:
    sb, sr = block.body_stream, block.resume_stream
    b_tokens, r_tokens = sb[region.b0 : region.b1], sr[region.r0 : region.r1]
    kind = classify(b_tokens, r_tokens, whitespace=region.whitespace)
    body_para = _para_at(sb, region.b0, region.b1, other_whole=_whole(sr, region.r0, region.r1))
    resume_para = _para_at(sr, region.r0, region.r1, other_whole=_whole(sb, region.b0, region.b1))
    context_stream, lo, hi = (sb, region.b0, region.b1) if sb else (sr, region.r0, region.r1)
    return Hunk(
        block=index,
        region=region,
        kind=kind,
        body_tokens=b_tokens,
        resume_tokens=r_tokens,
        body_para=body_para,
        resume_para=resume_para,
        body_window=_window(sb, region.b0, region.b1),
        resume_window=_window(sr, region.r0, region.r1),
        before=_context_before(context_stream, lo, (*b_tokens, *r_tokens)),
        after=_context_after(context_stream, hi),
        order=_order(block, sb, sr, region, body_para, resume_para),
        detail=describe_whitespace(b_tokens, r_tokens) if kind == Kind.whitespace else "",
    )


def _whole(stream: Sequence[Token], lo: int, hi: int) -> bool:
    """True when [lo, hi) is one or more whole paragraphs of the stream."""
    if lo == hi:
        return False
    starts_paragraph = lo == 0 or stream[lo - 1].is_marker
    ends_paragraph = hi == len(stream) or stream[hi].is_marker
    return starts_paragraph and ends_paragraph


def _para_at(stream: Sequence[Token], lo: int, hi: int, *, other_whole: bool) -> int | None:
    """Paragraph holding the range, or the insertion point when the range is empty."""
    for token in stream[lo:hi]:
        if not token.is_marker:
            return token.para
    if other_whole or not stream:
        return None  # a whole paragraph only the other copy has
    if lo > 0 and not stream[lo - 1].is_marker:
        return stream[lo - 1].para
    return stream[min(lo, len(stream) - 1)].para


def _window(stream: Sequence[Token], lo: int, hi: int) -> tuple[str, str]:
    before = stream[lo - 1].text if lo > 0 and not stream[lo - 1].is_marker else ""
    after = stream[hi].text if hi < len(stream) and not stream[hi].is_marker else ""
    return before, after


def _context_before(stream: Sequence[Token], lo: int, hunk_tokens: Sequence[Token]) -> str:
    """The words before the hunk, with the space the hunk's first token has in front of it."""
    text = side_text(_tokens_before(stream, lo))
    first = next((t for t in hunk_tokens if not t.is_marker), None)
    return f"{text} " if text and first is not None and first.sep else text


def _context_after(stream: Sequence[Token], hi: int) -> str:
    text = side_text(_tokens_after(stream, hi))
    return f" {text}" if text and stream[hi].sep else text


def _tokens_before(stream: Sequence[Token], lo: int) -> list[Token]:
    start = lo
    while start > 0 and lo - start < CONTEXT_TOKENS and not stream[start - 1].is_marker:
        start -= 1
    return list(stream[start:lo])


def _tokens_after(stream: Sequence[Token], hi: int) -> list[Token]:
    end = hi
    while end < len(stream) and end - hi < CONTEXT_TOKENS and not stream[end].is_marker:
        end += 1
    return list(stream[hi:end])


def _order(
    block: Block, sb: Sequence[Token], sr: Sequence[Token], region: Region,
    body_para: int | None, resume_para: int | None,
) -> tuple[int, int, int, int]:
    b_pos = sb[region.b0].start if region.b0 < len(sb) else 0
    r_pos = sr[region.r0].start if region.r0 < len(sr) else 0
    if body_para is None:  # a whole paragraph only the Résumé has: before the next body one
        return (block.body_start, -1, resume_para or 0, r_pos)
    return (body_para, b_pos, resume_para if resume_para is not None else -1, r_pos)


# --- rows, merged text, similarity -------------------------------------------------------


def _divergences(
    resource_id: str, hunks: list[Hunk], body: Sequence[Paragraph], resume: Sequence[Paragraph]
) -> tuple[Divergence, ...]:
    seen: Counter[str] = Counter()
    rows = []
    for index, hunk in enumerate(hunks):
        as_text = raw_side_text if hunk.kind == Kind.whitespace else side_text
        body_side, resume_side = as_text(hunk.body_tokens), as_text(hunk.resume_tokens)
        context = f"{hunk.before}{CONTEXT_MARK}{hunk.after}"
        key = "\x1f".join((resource_id, hunk.kind, body_side, resume_side, context))
        seen[key] += 1  # the same hunk twice in a record: tell the two apart by rank
        digest = hashlib.blake2b(f"{key}\x1f{seen[key]}".encode(), digest_size=FINGERPRINT_BYTES)
        rows.append(Divergence(
            resource_id=resource_id,
            hunk_index=index,
            kind=hunk.kind,
            body_side=body_side,
            resume_side=resume_side,
            context=context,
            body_line=body[hunk.body_para].line if hunk.body_para is not None else None,
            resume_line=resume[hunk.resume_para].line if hunk.resume_para is not None else None,
            preferred=hunk.preferred,
            reason=hunk.reason,
            fingerprint=digest.hexdigest(),
            detail=hunk.detail,
        ))
    return tuple(rows)


def _merged_text(
    blocks: list[Block], hunks: list[Hunk], body: Sequence[Paragraph], resume: Sequence[Paragraph]
) -> Text:
    """The shared words plus each hunk resolved to its preferred side; without one, an
    insertion keeps its words (a deletion keeps them too: they are the body's) and any other
    change keeps the body's side. Nothing both copies hold can be dropped."""
    chosen: dict[int, list[Region]] = {}
    for hunk in hunks:
        if _takes_resume(hunk):
            chosen.setdefault(hunk.block, []).append(hunk.region)
    paragraphs: list[Paragraph] = []
    for index, block in enumerate(blocks):
        if index in chosen:
            paragraphs.extend(_rebuilt(block, chosen[index], body, resume))
        else:
            paragraphs.extend(body[block.body_start : block.body_end])
    return Text(tuple(paragraphs))


def _takes_resume(hunk: Hunk) -> bool:
    if hunk.kind == Kind.move:
        return False  # the body's place; the words are in both
    if hunk.preferred is None:
        return hunk.kind == Kind.insertion
    return hunk.preferred == Side.resume


def _rebuilt(
    block: Block, regions: list[Region], body: Sequence[Paragraph], resume: Sequence[Paragraph]
) -> list[Paragraph]:
    """The block's body tokens with the chosen regions taken from the Résumé."""
    picked: list[tuple[Side, Token]] = []
    position = 0
    body_stream, resume_stream = list(block.body_stream), block.resume_stream
    for region in sorted(regions, key=lambda g: (g.b0, g.b1)):
        picked.extend((Side.body, t) for t in body_stream[position : region.b0])
        # Two widened regions may share an equal token at their edges: take it once.
        overlap = max(0, position - region.b0)
        picked.extend((Side.resume, t) for t in resume_stream[region.r0 + overlap : region.r1])
        position = max(position, region.b1)
        if position < len(body_stream) and region.r1 < len(resume_stream):
            # The body's next token follows Résumé words: the space between is the Résumé's.
            body_stream[position] = body_stream[position]._replace(sep=resume_stream[region.r1].sep)
    picked.extend((Side.body, t) for t in body_stream[position:])
    sides = {Side.body: body, Side.resume: resume}
    paragraphs: list[Paragraph] = []
    current: list[tuple[str, Token]] = []
    one_pair = block.body_end - block.body_start == 1 and block.resume_end - block.resume_start == 1
    for side, token in [*picked, (Side.body, Token(END, 0, 0, ""))]:
        # Several paragraphs: a token opening another paragraph of its side starts a new one.
        starts_other = not one_pair and bool(current) and token.start == 0 and (side, token.para) != (
            current[-1][0], current[-1][1].para)
        if (token.is_marker or starts_other) and current:
            paragraphs.append(_paragraph_of(current, sides))
            current = []
        if not token.is_marker:
            current.append((side, token))
    if one_pair:  # one paragraph (maybe diffed only around its changes): the body's line
        window = paragraphs[0].text if paragraphs else ""
        source = body[block.body_start]
        text = " ".join(part for part in (block.head, window, block.tail) if part)
        paragraphs = [Paragraph(source.line, text, source.raw if text == source.text else text)]
    return paragraphs


def _paragraph_of(tokens: list[tuple[Side, Token]], sides: dict[Side, Sequence[Paragraph]]) -> Paragraph:
    """A merged paragraph keeps the line (and raw form, if unchanged) of its first token's side."""
    side, first = tokens[0]
    source = sides[side][first.para]
    text = side_text([t for _, t in tokens])
    return Paragraph(source.line, text, source.raw if text == source.text else text)


def _similarity(hunks: list[Hunk], body: Sequence[Paragraph], resume: Sequence[Paragraph]) -> float:
    total = sum(len(p.text) for p in body) + sum(len(p.text) for p in resume)
    distance = sum(
        Indel.distance(side_text(h.body_tokens), side_text(h.resume_tokens))
        for h in hunks if h.kind != Kind.whitespace
    )
    if not total:
        return 1.0
    scale = 10**SIMILARITY_DIGITS
    return math.floor(max(0.0, 1 - distance / total) * scale) / scale


def word_counts(records: Sequence[RawRecord]) -> WordCounts:
    """Word frequencies over every record's title, body and Résumé, counted before any
    record is compared, so that evidence from one record ("Mobicoop" elsewhere) helps judge
    another."""
    return count_words(p.text for r in records for p in (r.title, *r.body, *r.resume))
