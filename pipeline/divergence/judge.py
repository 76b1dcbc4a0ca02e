"""Second pass over a record's hunks: pair moved passages, then weigh the evidence for
which copy is right (duplication, corpus frequency, the French word list, grammar, a
). A copy cut short is `truncation`'s. Without evidence `preferred` stays None: never a silent guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel

from pipeline.divergence.hunks import Hunk
from pipeline.divergence.lexicon import (
    WordCounts,
    find_duplication,
    frequency_evidence,
    is_french_word,
    lexicon_evidence,
    participle_evidence,
)
from pipeline.divergence.tokens import Token, side_text, word_count
from pipeline.records import DivergenceKind as Kind
from pipeline.records import Side

# A deleted and an inserted passage are one moved passage when they share most of their
# words: at least MOVE_MIN_CONTAINMENT of the shorter and MOVE_MIN_COVERAGE of the longer
# ("Retrouvez la vidéo…" against the same line plus "en vous connectant…": 1.0 and 0.57).
MOVE_MIN_WORDS = 4  # shorter passages ("la ville") recur by chance
MOVE_MIN_CONTAINMENT = 0.8
MOVE_MIN_COVERAGE = 0.5
# Duplication ("les les", "une cette") is evidence about one word or mark: it decides a hunk
# of at most this many tokens a side (the word and what a widened hunk shows around it), never
# a passage that happens to hold a doubled word.
DUPLICATION_MAX_TOKENS = 3


def pair_moves(hunks: list[Hunk]) -> list[Hunk]:
    """Each deletion that an insertion repeats (possibly edited) becomes one `move` hunk,
    placed where the body has it; its `detail` says what changed inside."""
    insertions = [
        h for h in hunks if h.kind == Kind.insertion and word_count(h.resume_tokens) >= MOVE_MIN_WORDS
    ]
    paired: dict[int, Hunk] = {}  # id of the deletion -> its move
    used: set[int] = set()
    for deletion in (h for h in hunks if h.kind == Kind.deletion):
        words = [t.text for t in deletion.body_tokens if t.is_word]
        if len(words) < MOVE_MIN_WORDS:
            continue
        best = max(
            ((_move_score(words, i), n) for n, i in enumerate(insertions) if n not in used),
            default=(0.0, -1),
        )
        if best[0] > 0:
            used.add(best[1])
            paired[id(deletion)] = _move(deletion, insertions[best[1]])
    dropped = {id(insertions[n]) for n in used}
    return [paired.get(id(h), h) for h in hunks if id(h) not in dropped]


def _move_score(words: list[str], insertion: Hunk) -> float:
    other = [t.text for t in insertion.resume_tokens if t.is_word]
    shared = (len(words) + len(other) - Indel.distance(words, other)) / 2
    containment = shared / min(len(words), len(other))
    coverage = shared / max(len(words), len(other))
    if containment < MOVE_MIN_CONTAINMENT or coverage < MOVE_MIN_COVERAGE:
        return 0.0
    return containment + coverage


def _move(deletion: Hunk, insertion: Hunk) -> Hunk:
    return replace(
        deletion,
        kind=Kind.move,
        resume_tokens=insertion.resume_tokens,
        resume_para=insertion.resume_para,
        resume_window=insertion.resume_window,
        detail=_describe_move(deletion.body_tokens, insertion.resume_tokens),
    )


def _describe_move(body: Sequence[Token], resume: Sequence[Token]) -> str:
    """Say "moved, unchanged", or "moved, edited inside: +«…»; «a» → «b»"."""
    edits = []
    for op in Indel.opcodes([t.text for t in body], [t.text for t in resume]):
        if op.tag == "equal":
            continue
        old = side_text(body[op.src_start : op.src_end])
        new = side_text(resume[op.dest_start : op.dest_end])
        if edits and edits[-1][1] == op.src_start:  # a delete next to an insert: one edit
            edits[-1] = (edits[-1][0] + [(old, new)], op.src_end)
        else:
            edits.append(([(old, new)], op.src_end))
    if not edits:
        return "moved, unchanged"
    parts = []
    for pairs, _ in edits:
        old = " ".join(o for o, _ in pairs if o)
        new = " ".join(n for _, n in pairs if n)
        parts.append(f"+«{new}»" if not old else f"-«{old}»" if not new else f"«{old}» → «{new}»")
    return "moved, edited inside: " + "; ".join(parts)


def judged(hunk: Hunk, corpus: WordCounts) -> Hunk:
    """The hunk with `preferred` and `reason` set where the evidence allows.

    Misspellings (typo, accent, case) are judged by spelling evidence; a lone mark or word
    added or dropped by duplication. Two different words, rewordings, figures and moves
    have no evidence that one copy is right: they stay undecided.
    """
    if hunk.kind in (Kind.punctuation, Kind.insertion, Kind.deletion):
        preferred, reason = _duplication_evidence(hunk)
    elif hunk.kind in (Kind.typo, Kind.accent, Kind.case):
        preferred, reason = _spelling_evidence(hunk, corpus)
    else:
        return hunk
    return replace(hunk, preferred=preferred, reason=reason)


def _duplication_evidence(hunk: Hunk) -> tuple[Side | None, str | None]:
    def window(side: tuple[Token, ...], around: tuple[str, str]) -> list[str]:
        return [w for w in (around[0], *(t.text for t in side if not t.is_marker), around[1]) if w]

    if max(_token_count(hunk.body_tokens), _token_count(hunk.resume_tokens)) > DUPLICATION_MAX_TOKENS:
        return None, None
    in_body = find_duplication(window(hunk.body_tokens, hunk.body_window))
    in_resume = find_duplication(window(hunk.resume_tokens, hunk.resume_window))
    if in_body and not in_resume:
        return Side.resume, f"duplication: «{in_body}» in the body"
    if in_resume and not in_body:
        return Side.body, f"duplication: «{in_resume}» in the Résumé"
    return None, None


def _token_count(tokens: Sequence[Token]) -> int:
    return sum(not t.is_marker for t in tokens)


def _spelling_evidence(hunk: Hunk, corpus: WordCounts) -> tuple[Side | None, str | None]:
    b_words = [t.text for t in hunk.body_tokens if t.is_word]
    r_words = [t.text for t in hunk.resume_tokens if t.is_word]
    votes = []
    one_word = len(b_words) == len(r_words) == 1
    # "ville" outnumbers "Ville" everywhere: case frequencies only speak for names
    # ("Mobicoop"), words outside the French word list.
    if one_word and (hunk.kind != Kind.case or not is_french_word(b_words[0])):
        votes.append(frequency_evidence(b_words[0], r_words[0], corpus))
    if one_word:
        votes.append(participle_evidence(hunk.body_window[0], b_words[0], r_words[0]))
    if hunk.kind != Kind.case:
        votes.append(lexicon_evidence(b_words, r_words))
    found = [v for v in votes if v]
    if not found:
        return None, None
    reasons = "; ".join(reason for _, reason in found)
    sides = {side for side, _ in found}
    if len(sides) > 1:
        return None, f"conflicting evidence: {reasons}"
    return sides.pop(), reasons
