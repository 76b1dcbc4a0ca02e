"""A copy that stops early: one `truncated` divergence for the tail it lacks.

Real partial pages of the site end inside a Résumé, and an edited export can cut a body
short. The missing tail is one fact, "this copy was cut", so it is one row (not a deletion
per paragraph, each failing CI), the whole copy is the right one about it, and the record
gets a warning. Evidence that a copy was cut rather than edited: it stops inside a word or a
sentence that the other copy goes on with, or whole paragraphs are missing after its end (a
passage appended to a last paragraph starts a sentence of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.divergence.align import Block
from pipeline.divergence.hunks import Hunk
from pipeline.divergence.tokens import BREAK, END, Token, side_text, word_count
from pipeline.records import DivergenceKind as Kind
from pipeline.records import Paragraph, Side

# A copy that stops at a paragraph boundary is cut when at least this many paragraphs of the
# other follow: one missing last paragraph is as likely an editor's deletion.
MIN_MISSING_PARAGRAPHS = 2
SENTENCE_ENDS = frozenset(".!?…»):")
CONTINUING_MARKS = frozenset(",;)%’'-")  # a sentence cut just before one of these goes on


@dataclass(frozen=True, slots=True)
class Truncation:
    """The hunks that make up the missing tail, and what the record is told."""

    short: Side  # the copy that stops early
    tail: tuple[Hunk, ...]
    missing_words: int
    last_short_paragraph: int  # where the short copy stops: the row's line on its side

    @property
    def whole(self) -> Side:
        return Side.body if self.short == Side.resume else Side.resume


def find_truncation(hunks: Sequence[Hunk], blocks: Sequence[Block]) -> Truncation | None:
    """The Résumé's missing tail, else the body's, when the evidence says the copy was cut."""
    return _tail(hunks, blocks, Side.resume) or _tail(hunks, blocks, Side.body)


def resolve_tail(hunks: list[Hunk], truncation: Truncation) -> tuple[list[Hunk], Truncation]:
    """Every hunk of the tail decided for the whole copy: the merged text keeps its words."""
    reason = truncation_reason(truncation.short)
    decided = {id(h): replace(h, preferred=truncation.whole, reason=reason) for h in truncation.tail}
    return ([decided.get(id(h), h) for h in hunks],
            replace(truncation, tail=tuple(decided[id(h)] for h in truncation.tail)))


def collapse_tail(hunks: list[Hunk], truncation: Truncation) -> list[Hunk]:
    """The tail's hunks as one `truncated` hunk, where the first of them was."""
    tail = {id(h) for h in truncation.tail}
    first = truncation.tail[0]
    whole_name = "body" if truncation.whole == Side.body else "Résumé"
    one = replace(
        first, kind=Kind.truncated, after="",
        body_para=_first_para(truncation, Side.body, lambda h: h.body_para),
        resume_para=_first_para(truncation, Side.resume, lambda h: h.resume_para),
        body_tokens=_joined(h.body_tokens for h in truncation.tail),
        resume_tokens=_joined(h.resume_tokens for h in truncation.tail),
        preferred=truncation.whole, reason=truncation_reason(truncation.short),
        detail=f"{_name(truncation.short)} truncated: {truncation.missing_words} words of the "
               f"{whole_name} missing",
    )
    at = next(i for i, h in enumerate(hunks) if id(h) in tail)
    rest = [h for h in hunks if id(h) not in tail]
    return [*rest[:at], one, *rest[at:]]


def _first_para(truncation: Truncation, side: Side, para_of) -> int | None:
    found = next((para_of(h) for h in truncation.tail if para_of(h) is not None), None)
    return truncation.last_short_paragraph if side == truncation.short else found


def truncation_warning(truncation: Truncation, body: Sequence[Paragraph],
                       resume: Sequence[Paragraph]) -> str:
    short = resume if truncation.short == Side.resume else body
    return (f"{_name(truncation.short)} stops early (its last line is {short[-1].line}): "
            f"{truncation.missing_words} words of the other copy are missing from it; "
            "the text keeps them")


def truncation_reason(short: Side) -> str:
    other = "the body" if short == Side.resume else "the Résumé"
    return f"truncation: the {_name(short)} stops early, {other} goes on"


def _name(side: Side) -> str:
    return "Résumé" if side == Side.resume else "body"


def _tail(hunks: Sequence[Hunk], blocks: Sequence[Block], short: Side) -> Truncation | None:
    view = _View(short)
    cut = max((i for i, b in enumerate(blocks) if view.short_paragraphs(b)), default=None)
    if cut is None:
        return None
    shared = _before_lone_remnant(hunks, blocks, cut, view)
    if shared is not None:  # cut so short that its last paragraph paired with nothing
        tail = tuple(sorted((h for h in hunks if h.block > shared), key=lambda h: h.order))
        return Truncation(short, tail, sum(word_count(view.long_tokens(h)) for h in tail),
                          view.last_short_paragraph(blocks[cut]))
    # Past the cut only the whole copy has paragraphs: each hunk there is missing words,
    # unless a move pairs it with a passage the short copy has earlier.
    after = [h for h in hunks if h.block > cut and h.kind == view.missing_kind]
    if any(h.block > cut and h.kind == Kind.move for h in hunks):
        return None
    missing_paragraphs = len({t.para for h in after for t in view.long_tokens(h) if not t.is_marker})
    at_cut, mid_sentence = _cut_inside(hunks, blocks[cut], cut, view)
    cut_evidence = bool(at_cut) and (mid_sentence or missing_paragraphs > 0)
    if not cut_evidence and missing_paragraphs < MIN_MISSING_PARAGRAPHS:
        return None
    tail = tuple(sorted([*at_cut, *after], key=lambda h: h.order))
    words = sum(word_count(view.long_tokens(h)) for h in tail)
    return Truncation(short, tail, words, view.last_short_paragraph(blocks[cut])) if tail and words else None


def _before_lone_remnant(hunks: Sequence[Hunk], blocks: Sequence[Block], cut: int, view: _View) -> int | None:
    """The last block both copies share, when all after it is missing from the short copy but
    one lone paragraph that is the start of the first missing one ("Retrouvez également le")."""
    if view.short_paragraphs(blocks[cut]) != 1 or view.long_paragraphs(blocks[cut]):
        return None
    shared = max((i for i in range(cut) if view.short_paragraphs(blocks[i])), default=-1)
    remnant = [h for h in hunks if h.block == cut]
    missing = sorted((h for h in hunks if h.block > shared and h.block != cut), key=lambda h: h.order)
    if len(remnant) != 1 or not missing or any(h.kind != view.missing_kind for h in missing):
        return None
    start = side_text(view.short_tokens(remnant[0]))
    whole = side_text(view.long_tokens(missing[0]))
    if not start or not whole.startswith(start):
        return None
    more = len({t.para for h in missing for t in view.long_tokens(h) if not t.is_marker}) > 1
    return shared if more or _goes_on(start, whole[len(start):]) else None


def _goes_on(start: str, rest: str) -> bool:
    """`rest` continues the last word or the last sentence of `start`."""
    if not rest or start[-1] in SENTENCE_ENDS:
        return False
    head = rest.lstrip()[:1]
    return not rest[0].isspace() or head.islower() or head.isdigit() or head in CONTINUING_MARKS


def _cut_inside(hunks: Sequence[Hunk], block: Block, index: int, view: _View) -> tuple[list[Hunk], bool]:
    """The hunks where the short copy's last paragraph stops while the other goes on, and
    whether it stops mid-sentence."""
    short_stream, long_stream = view.streams(block)
    if not block.changed or not long_stream or long_stream[-1].text != END:
        return [], False
    at_end = [
        h for h in hunks
        if h.block == index and not h.region.whitespace
        and view.short_end(h) == len(short_stream) - 1 and view.long_end(h) == len(long_stream) - 1
    ]
    if not at_end:
        return [], False
    first = min(at_end, key=view.long_start)
    short_text = side_text(view.short_tokens(first))
    if long_stream[view.long_start(first)].start == 0 or not side_text(
        view.long_tokens(first)).startswith(short_text):
        return [], False
    last = next((t for t in reversed(short_stream[: view.short_start(first)]) if not t.is_marker), None)
    following = next((t for t in view.long_tokens(first) if not t.is_marker), None)
    return at_end, bool(short_text) or _sentence_goes_on(last, following)


def _sentence_goes_on(last: Token | None, following: Token | None) -> bool:
    """The whole copy goes on with the short copy's sentence ("très bien" + "desservi, de"),
    not with a new one: a passage appended after a heading or a name starts a sentence."""
    if last is None or following is None or last.text[-1] in SENTENCE_ENDS:
        return False
    head = following.text[0]
    return head.islower() or head.isdigit() or head in CONTINUING_MARKS


def _joined(parts) -> tuple[Token, ...]:
    """Token runs of several hunks as one, a paragraph break between two runs."""
    tokens: list[Token] = []
    for part in parts:
        words = [t for t in part if not t.is_marker]
        if words and tokens:
            tokens.append(Token(BREAK, words[0].para, 0, ""))
        tokens.extend(words)
    return tuple(tokens)


@dataclass(frozen=True, slots=True)
class _View:
    """Blocks and hunks seen from the copy that may stop early."""

    short: Side

    @property
    def missing_kind(self) -> Kind:
        return Kind.deletion if self.short == Side.resume else Kind.insertion

    def short_paragraphs(self, block: Block) -> int:
        if self.short == Side.resume:
            return block.resume_end - block.resume_start
        return block.body_end - block.body_start

    def last_short_paragraph(self, block: Block) -> int:
        return (block.resume_end if self.short == Side.resume else block.body_end) - 1

    def long_paragraphs(self, block: Block) -> int:
        if self.short == Side.resume:
            return block.body_end - block.body_start
        return block.resume_end - block.resume_start

    def streams(self, block: Block) -> tuple[tuple[Token, ...], tuple[Token, ...]]:
        if self.short == Side.resume:
            return block.resume_stream, block.body_stream
        return block.body_stream, block.resume_stream

    def short_tokens(self, hunk: Hunk) -> tuple[Token, ...]:
        return hunk.resume_tokens if self.short == Side.resume else hunk.body_tokens

    def long_tokens(self, hunk: Hunk) -> tuple[Token, ...]:
        return hunk.body_tokens if self.short == Side.resume else hunk.resume_tokens

    def short_start(self, hunk: Hunk) -> int:
        return hunk.region.r0 if self.short == Side.resume else hunk.region.b0

    def short_end(self, hunk: Hunk) -> int:
        return hunk.region.r1 if self.short == Side.resume else hunk.region.b1

    def long_start(self, hunk: Hunk) -> int:
        return hunk.region.b0 if self.short == Side.resume else hunk.region.r0

    def long_end(self, hunk: Hunk) -> int:
        return hunk.region.b1 if self.short == Side.resume else hunk.region.r1
