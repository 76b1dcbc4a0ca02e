"""Word-level diff of two token streams: change regions, their smallest spans, their kind.

Regions are found with rapidfuzz's Indel opcodes over the tokens (`pipeline.divergence.tokens`), then
cut to the smallest span per difference (one per paragraph, punctuation apart from words)
and classified from the body to the Résumé.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel, Levenshtein

from pipeline.divergence.tokens import BREAK, Token
from pipeline.records import DivergenceKind as Kind
from pipeline.records import Side
from pipeline.text import strip_accents

# Two changes separated by one short shared word ("de", "la", "le") are one rewording: the
# shared word is a coincidence of the new wording, not an anchor.
MERGE_GAP_MAX_LETTERS = 3
# ...or a lone mark: the "." or "'" between two rewritten passages is no common text.
# Whitespace differences at most this many tokens apart are one hunk: 0 joins the spots that
# share a token ("a\u00a0:\u00a0b"), and keeps a paragraph's distant spots apart.
WHITESPACE_MERGE_GAP = 0
# Up to this many consecutive changes are tried as one paragraph re-layout (see
# `_join_layout_changes`): a paragraph cut in several places makes one change per cut.
LAYOUT_GROUP_MAX = 6
# A one-word change is a typo when at most this many letters differ...
TYPO_MAX_EDITS = 2
# ...and both words are at least this long: "le"/"la", "des"/"les" are different words.
TYPO_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Region:
    """Token ranges [b0, b1) of the body stream and [r0, r1) of the Résumé stream that differ."""

    b0: int
    b1: int
    r0: int
    r1: int
    whitespace: bool = False  # only the whitespace before the tokens differs


@dataclass(frozen=True, slots=True)
class Hunk:
    """One difference, before it becomes a `Divergence` row (tokens kept for the evidence)."""

    block: int  # index of its Block in the alignment
    region: Region
    kind: Kind
    body_tokens: tuple[Token, ...]
    resume_tokens: tuple[Token, ...]
    body_para: int | None
    resume_para: int | None
    body_window: tuple[str, str]  # the tokens just before and after, in the body
    resume_window: tuple[str, str]
    before: str
    after: str
    order: tuple[int, int, int, int]
    detail: str = ""
    preferred: Side | None = None
    reason: str | None = None


def _change_regions(body: Sequence[Token], resume: Sequence[Token]) -> list[Region]:
    regions: list[Region] = []
    for b0, b1, r0, r1 in _token_changes(body, resume):
        last = regions[-1] if regions else None
        adjacent = last and last.b1 == b0 and last.r1 == r0
        if last and (adjacent or _is_weak_anchor(body, last.b1, b0, last.r1, r0)):
            regions[-1] = Region(last.b0, b1, last.r0, r1)
        else:
            regions.append(Region(b0, b1, r0, r1))
    return regions


def _token_changes(body: Sequence[Token], resume: Sequence[Token]) -> list[tuple[int, int, int, int]]:
    """Token ranges that differ: sentences equal in both copies are anchors first (a sentence
    moved is one passage deleted and one inserted, not its words matched across two others),
    then the words of each run of unequal sentences are diffed."""
    b_units, r_units = _sentences(body), _sentences(resume)
    changes: list[tuple[int, int, int, int]] = []
    run: list[int] | None = None  # [b0, b1, r0, r1] in sentences
    for op in [*Indel.opcodes([k for k, _, _ in b_units], [k for k, _, _ in r_units]), None]:
        if op is not None and op.tag != "equal":
            if run is None:
                run = [op.src_start, op.src_end, op.dest_start, op.dest_end]
            else:
                run[1], run[3] = op.src_end, op.dest_end
            continue
        if run is not None:
            tb0, tb1 = _token_span(b_units, run[0], run[1], len(body))
            tr0, tr1 = _token_span(r_units, run[2], run[3], len(resume))
            b_texts, r_texts = [t.text for t in body[tb0:tb1]], [t.text for t in resume[tr0:tr1]]
            changes.extend(
                (tb0 + w.src_start, tb0 + w.src_end, tr0 + w.dest_start, tr0 + w.dest_end)
                for w in Indel.opcodes(b_texts, r_texts) if w.tag != "equal"
            )
            run = None
    return changes


SENTENCE_ENDS = frozenset(".!?")


def _sentences(stream: Sequence[Token]) -> list[tuple[tuple[str, ...], int, int]]:
    """(texts, start, end) of each sentence of a stream: up to . ! ? or a paragraph marker."""
    units, start = [], 0
    for index, token in enumerate(stream):
        if token.text in SENTENCE_ENDS or token.is_marker:
            units.append((tuple(t.text for t in stream[start : index + 1]), start, index + 1))
            start = index + 1
    if start < len(stream):
        units.append((tuple(t.text for t in stream[start:]), start, len(stream)))
    return units


Unit = tuple[tuple[str, ...], int, int]  # a sentence's token texts, its start and end


def _token_span(units: list[Unit], u0: int, u1: int, size: int) -> tuple[int, int]:
    start = units[u0][1] if u0 < len(units) else size
    end = units[u1 - 1][2] if u1 > u0 else start
    return start, end


def _is_weak_anchor(body: Sequence[Token], b_from: int, b_to: int, r_from: int, r_to: int) -> bool:
    if b_to - b_from != 1 or r_to - r_from != 1:
        return False
    token = body[b_from]
    if token.is_marker:
        return False
    return not token.is_word or len(token.text) <= MERGE_GAP_MAX_LETTERS


def _whitespace_regions(
    body: Sequence[Token], resume: Sequence[Token], changes: list[Region]
) -> list[Region]:
    """Separator differences inside the equal runs around the changes."""
    found: list[Region] = []
    # After a change, the first separator belongs to the change when the change is one-sided
    # (the space before a deleted duplicate ", ," is the deleted one's) or ends at a break.
    run_starts = [(0, 0, False)] + [
        (c.b1, c.r1, c.b0 == c.b1 or c.r0 == c.r1 or body[c.b1 - 1].is_marker or resume[c.r1 - 1].is_marker)
        for c in changes
    ]
    run_ends = [c.b0 for c in changes] + [len(body)]
    for (b, r, skip_first), b_end in zip(run_starts, run_ends, strict=True):
        for step in range(b_end - b):
            if step == 0 and skip_first:
                continue
            i, j = b + step, r + step
            if body[i].sep != resume[j].sep:
                found.append(Region(max(i - 1, 0), i + 1, max(j - 1, 0), j + 1, whitespace=True))
    return _merge_close(found)


def _merge_close(regions: list[Region]) -> list[Region]:
    merged: list[Region] = []
    for region in regions:
        if merged and region.b0 - merged[-1].b1 <= WHITESPACE_MERGE_GAP:
            last = merged[-1]
            merged[-1] = Region(last.b0, region.b1, last.r0, region.r1, whitespace=True)
        else:
            merged.append(region)
    return merged


def _join_layout_changes(
    body: Sequence[Token], resume: Sequence[Token], changes: list[Region]
) -> list[Region]:
    """Consecutive changes that together only move paragraph breaks are one change: "choisi"
    + ") la" against "choisi )" + "la", or "la" + "la la la la la" against "la la" + "la" +
    "la la la". Read in order, the words are the same; only the layout differs."""
    joined: list[Region] = []
    k = 0
    while k < len(changes):
        end = _layout_group_end(body, resume, changes, k)
        joined.append(Region(changes[k].b0, changes[end].b1, changes[k].r0, changes[end].r1))
        k = end + 1
    return joined


def _layout_group_end(
    body: Sequence[Token], resume: Sequence[Token], changes: list[Region], k: int
) -> int:
    """The last change of the smallest group from change k whose words balance, or k itself."""
    for end in range(k, min(k + LAYOUT_GROUP_MAX, len(changes))):
        b_side = body[changes[k].b0 : changes[end].b1]
        r_side = resume[changes[k].r0 : changes[end].r1]
        has_break = any(t.text == BREAK for t in b_side) or any(t.text == BREAK for t in r_side)
        if has_break and _texts(b_side) == _texts(r_side):
            return end
    return k


def _texts(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens if not t.is_marker]


def diff_streams(body: Sequence[Token], resume: Sequence[Token]) -> list[Region]:
    """Regions where the streams differ, whitespace-only ones included, in stream order."""
    changes = _join_layout_changes(body, resume, _change_regions(body, resume))
    regions = changes + _whitespace_regions(body, resume, changes)
    return sorted(regions, key=lambda g: (g.b0, g.r0))


def split_region(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> list[Region]:
    """Smallest regions: one per paragraph when one side is empty; punctuation peeled off a
    one-word change ("emparé," / "accaparé" is a word hunk and a punctuation hunk)."""
    if region.whitespace:
        return [region]
    if region.b0 == region.b1 or region.r0 == region.r1:
        return _split_at_breaks(region, body, resume)
    return _peel_punctuation(region, body, resume)


def widen_bare_punctuation(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> Region:
    """A lone inserted or deleted mark is shown with the word it sticks to: "ESS" / "ESS,"
    reads better than "" / ",", and ", ," / "," shows the stray duplicate. A paragraph break
    at the edge of a change is shown between its neighbours."""
    if region.whitespace:
        return region
    b_side, r_side = body[region.b0 : region.b1], resume[region.r0 : region.r1]
    if any(side and BREAK in (side[0].text, side[-1].text) for side in (b_side, r_side)):
        return _widen_both_ways(region, body, resume)  # a break at the edge: show its neighbours
    if b_side and r_side:
        return region
    side = b_side or r_side
    if any(t.is_word or t.is_marker for t in side):
        return region
    if region.b0 and region.r0 and _same_token(body[region.b0 - 1], resume[region.r0 - 1]):
        return Region(region.b0 - 1, region.b1, region.r0 - 1, region.r1)
    if region.b1 < len(body) and region.r1 < len(resume) and _same_token(body[region.b1], resume[region.r1]):
        return Region(region.b0, region.b1 + 1, region.r0, region.r1 + 1)
    return region


def _widen_both_ways(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> Region:
    """The region and the equal token on each side of it."""
    b0, b1, r0, r1 = region.b0, region.b1, region.r0, region.r1
    if b0 and r0 and _same_token(body[b0 - 1], resume[r0 - 1]):
        b0, r0 = b0 - 1, r0 - 1
    if b1 < len(body) and r1 < len(resume) and _same_token(body[b1], resume[r1]):
        b1, r1 = b1 + 1, r1 + 1
    return Region(b0, b1, r0, r1)


def _same_token(a: Token, b: Token) -> bool:
    return a.text == b.text and not a.is_marker


def _slid_to_words(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> Region:
    """Shift a one-sided region that starts with a mark past it, when the same mark follows:
    ". Elle a rassemblé" + "." reads better as "Elle a rassemblé." (and pairs as a move)."""
    on_body = region.r0 == region.r1
    stream, lo, hi = (body, region.b0, region.b1) if on_body else (resume, region.r0, region.r1)
    shift = 0
    while (
        hi + shift < len(stream)
        and not stream[lo + shift].is_word
        and not stream[lo + shift].is_marker
        and stream[lo + shift].text == stream[hi + shift].text
    ):
        shift += 1
    if not shift:
        return region
    return Region(region.b0 + shift, region.b1 + shift, region.r0 + shift, region.r1 + shift)


def _split_at_breaks(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> list[Region]:
    region = _slid_to_words(region, body, resume)
    on_body = region.r0 == region.r1
    stream, lo, hi = (body, region.b0, region.b1) if on_body else (resume, region.r0, region.r1)
    pieces, start = [], lo
    for index in range(lo, hi + 1):
        if index == hi or stream[index].is_marker:
            if index > start:
                pieces.append((start, index))
            start = index + 1
    if not pieces:  # only a paragraph break differs: a split or merged paragraph
        return [region]
    if on_body:
        return [Region(a, b, region.r0, region.r0) for a, b in pieces]
    return [Region(region.b0, region.b0, a, b) for a, b in pieces]


def _peel_punctuation(region: Region, body: Sequence[Token], resume: Sequence[Token]) -> list[Region]:
    b_tokens, r_tokens = body[region.b0 : region.b1], resume[region.r0 : region.r1]
    b_words = [t.text for t in b_tokens if t.is_word]
    r_words = [t.text for t in r_tokens if t.is_word]
    if len(b_words) != 1 or len(r_words) != 1 or b_words[0].lower() == r_words[0].lower():
        return [region]
    if any(t.is_marker for t in (*b_tokens, *r_tokens)):
        return [region]
    shape = [t.text if not t.is_word else "\x01" for t in b_tokens]
    r_shape = [t.text if not t.is_word else "\x01" for t in r_tokens]
    pieces: list[Region] = []
    for op in Indel.opcodes(shape, r_shape):
        b0, b1 = region.b0 + op.src_start, region.b0 + op.src_end
        r0, r1 = region.r0 + op.dest_start, region.r0 + op.dest_end
        if op.tag != "equal":
            pieces.append(Region(b0, b1, r0, r1))
        else:
            pieces.extend(
                Region(b0 + i, b0 + i + 1, r0 + i, r0 + i + 1)
                for i in range(b1 - b0)
                if body[b0 + i].text != resume[r0 + i].text
            )
    return sorted(pieces, key=lambda g: (g.b0, g.r0)) or [region]


def _words(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens if t.is_word]


def _has_digit(words: list[str]) -> bool:
    return any(c.isdigit() for word in words for c in word)


def is_typo(body_word: str, resume_word: str) -> bool:
    """One word misspelt: a small edit between two words long enough to misspell.

    >>> is_typo("Mobicoop", "Mobiccop"), is_typo("emparé", "accaparé"), is_typo("le", "la")
    (True, False, False)
    """
    if min(len(body_word), len(resume_word)) < TYPO_MIN_LENGTH:
        return False
    return Levenshtein.distance(body_word.lower(), resume_word.lower()) <= TYPO_MAX_EDITS


def classify(body: Sequence[Token], resume: Sequence[Token], *, whitespace: bool = False) -> str:
    """The kind of a change, from the body's tokens to the Résumé's."""
    if whitespace:
        return Kind.whitespace
    b_text = [t.text for t in body if not t.is_marker]
    r_text = [t.text for t in resume if not t.is_marker]
    if "".join(b_text) == "".join(r_text):
        return Kind.whitespace  # a paragraph split or merged, "1 500" against "1500"
    b_words, r_words = _words(body), _words(resume)
    b_lower, r_lower = [w.lower() for w in b_words], [w.lower() for w in r_words]
    if b_words == r_words or (b_lower == r_lower and _punct(body) != _punct(resume)):
        return Kind.punctuation  # ", le" / ". Le": the capital follows the new full stop
    if b_lower == r_lower:
        return Kind.case
    if [strip_accents(w) for w in b_lower] == [strip_accents(w) for w in r_lower]:
        return Kind.accent
    if _has_digit(b_words) and _has_digit(r_words):
        return Kind.figure
    if not b_words:
        return Kind.insertion
    if not r_words:
        return Kind.deletion
    if len(b_words) == len(r_words) == 1:
        return Kind.typo if is_typo(b_words[0], r_words[0]) else Kind.word
    return Kind.rewording


def _punct(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens if not t.is_word and not t.is_marker]


def describe_whitespace(body: Sequence[Token], resume: Sequence[Token]) -> str:
    """What kind of whitespace differs, for a human reader."""
    b_breaks = sum(t.text == BREAK for t in body)
    r_breaks = sum(t.text == BREAK for t in resume)
    if b_breaks != r_breaks:
        return "paragraph split in the Résumé" if b_breaks < r_breaks else "paragraphs merged in the Résumé"
    if b_breaks and [t.text for t in body] != [t.text for t in resume]:
        return "paragraph boundary moved in the Résumé"
    notes: list[str] = []
    for b_token, r_token in zip(body, resume, strict=False):
        if b_token.sep == r_token.sep:
            continue
        nbsp = "\u00a0" in b_token.sep + r_token.sep
        if b_token.is_marker:
            note = "trailing non-breaking space" if nbsp else "trailing space"
        elif nbsp:
            note = "non-breaking space"
        elif b_token.sep and r_token.sep:
            note = "double space"
        else:
            note = "space around punctuation"
        if note not in notes:
            notes.append(note)
    return ", ".join(notes) or "spacing"
