"""Tokens of a record's paragraphs: the unit the word-level diff aligns.

A run of paragraphs becomes one stream of tokens (words and punctuation marks), with a
BREAK token between paragraphs so that split and merged paragraphs align like any other
change, and an END token so that trailing whitespace is compared too. Each token keeps the
whitespace that preceded it *as read*, which is how non-breaking and doubled spaces are seen
although the cleaned texts are equal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from rapidfuzz.distance import Postfix, Prefix

from pipeline.records import Paragraph

SPACED_TOKEN_RE = re.compile(r"(\s*)(\w+|[^\w\s])")  # a token and the whitespace before it
BREAK = "\n"  # stands for the boundary between two paragraphs
END = "\x00"  # closes a stream: its whitespace is the last paragraph's trailing whitespace

# A changed pair of paragraphs is tokenized only around the characters that differ, keeping
# this many characters each side: room for more than the 5 tokens of context a hunk shows.
WINDOW_MARGIN = 160


class Token(NamedTuple):  # a tuple: a 20 MB export makes millions, and tuples build fast
    text: str  # a word, a punctuation mark, BREAK or END
    para: int  # index of its paragraph within its side (body or Résumé)
    start: int  # offset in that paragraph's cleaned text
    sep: str  # whitespace before the token, as read ("" when none)

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_marker(self) -> bool:
        return self.text in (BREAK, END)


def word_count(tokens: Sequence[Token]) -> int:
    return sum(t.is_word for t in tokens)


def _source(paragraph: Paragraph) -> str:
    """The text to tokenize: `raw` when it differs from `text` by whitespace alone (then its
    separators are the truth), else `text` (raw may differ more where reading repaired it)."""
    raw = paragraph.raw
    if raw and raw != paragraph.text:
        raw = unicodedata.normalize("NFC", raw)
        if " ".join(raw.split()) == paragraph.text:
            return raw
    return paragraph.text


def _tokens_with_separators(source: str, index: int, position: int = 0) -> tuple[list[Token], str]:
    """Tokens of `source` with the whitespace before each, and the trailing whitespace.

    `position` is the offset of `source` in the cleaned text; token offsets count from it.
    """
    tokens: list[Token] = []
    for sep, word in SPACED_TOKEN_RE.findall(source):  # one C call: the hot loop of the stage
        if sep and tokens:
            position += 1  # one plain space in the cleaned text
        tokens.append(Token(word, index, position, sep))
        position += len(word)
    return tokens, source[len(source.rstrip()) :]


def build_stream(paragraphs: Sequence[Paragraph], first_index: int, *, closed: bool) -> list[Token]:
    """Tokens of consecutive paragraphs, BREAK between them, END after them when `closed`."""
    stream: list[Token] = []
    for offset, paragraph in enumerate(paragraphs):
        index = first_index + offset
        tokens, tail = _tokens_with_separators(_source(paragraph), index)
        stream.extend(tokens)
        last = offset == len(paragraphs) - 1
        if not last or closed:
            stream.append(Token(END if last else BREAK, index, len(paragraph.text), tail))
    return stream


def build_pair_streams(
    body: Paragraph, resume: Paragraph, body_index: int, resume_index: int
) -> tuple[list[Token], list[Token], str, str]:
    """Closed streams of two versions of one paragraph, tokenized only around what differs.

    Returns both streams and the cleaned text cut off before and after them (the same in
    both copies). A long paragraph with one typo costs a few dozen tokens, not hundreds.
    """
    b_src, r_src = _source(body), _source(resume)
    prefix = Prefix.similarity(b_src, r_src)
    start = _cut_before(b_src, prefix - WINDOW_MARGIN)
    # The suffix never overlaps the prefix ("aa" against "aaa").
    suffix = min(Postfix.similarity(b_src, r_src), min(len(b_src), len(r_src)) - prefix)
    b_stop = _cut_after(b_src, len(b_src) - suffix + WINDOW_MARGIN)
    trimmed = len(b_src) - b_stop  # characters cut at the end, the same in both
    head = " ".join(b_src[:start].split())
    tail = " ".join(b_src[b_stop:].split())
    offset = len(head) + 1 if head else 0
    streams = []
    for paragraph, source, index in ((body, b_src, body_index), (resume, r_src, resume_index)):
        tokens, trailing = _tokens_with_separators(source[start : len(source) - trimmed], index, offset)
        tokens.append(Token(END, index, len(paragraph.text), trailing))
        streams.append(tokens)
    return streams[0], streams[1], head, tail


def _cut_before(source: str, index: int) -> int:
    """A cut at or before `index` just after whitespace (0 when there is none)."""
    if index <= 0:
        return 0
    while index > 0 and not source[index - 1].isspace():
        index -= 1
    return index


def _cut_after(source: str, index: int) -> int:
    """A cut at or after `index` just before whitespace (the end when there is none)."""
    if index >= len(source):
        return len(source)
    while index < len(source) and not source[index].isspace():
        index += 1
    return index


def side_text(tokens: Sequence[Token]) -> str:
    """The cleaned text of a token range: single spaces, newlines at paragraph breaks."""
    parts: list[str] = []
    for token in tokens:
        if token.text == END:
            continue
        if token.text == BREAK:
            parts.append("\n")
            continue
        if parts and token.sep and parts[-1] != "\n":
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts).strip("\n")


def raw_side_text(tokens: Sequence[Token]) -> str:
    """The text of a token range with whitespace as read (no-break spaces stay visible)."""
    parts: list[str] = []
    for index, token in enumerate(tokens):
        if index:
            parts.append(token.sep)
        last = index == len(tokens) - 1
        parts.append({END: "", BREAK: "" if last else "\n"}.get(token.text, token.text))
    return "".join(parts)
