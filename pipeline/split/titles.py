"""Where each record starts: titles placed by alignment, region by region.

A region is what lies between two metadata blocks: the Résumé of the record above, maybe
page furniture, then the next record's title and body. The Résumé is a near-copy of the
body above it, and the next body is a near-copy of the next Résumé, so the title is the line
between the two copies. Only where there is no copy to align does the shape of a line decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from pipeline.labels import label_of
from pipeline.records import SourceLine
from pipeline.split.blocks import MetadataBlock
from pipeline.split.copies import COPY_SIMILARITY
from pipeline.text import fold_accents

# Evidence weight of an aligned line grows with its length up to this many characters:
# a copied 500-character paragraph says more than a copied "Ressources :".
EVIDENCE_LENGTH_CAP = 200
# Lines shorter than this ("Ressources :", "(Re)voir l'échange") recur in every record, so
# their copies say nothing about where a record ends.
MIN_EVIDENCE_CHARS = 25
# Titles are one line; a longer line, or one with more words, is a paragraph.
TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35
# A tag line ("PTCE") is a word or two.
TAG_MAX_WORDS = 3
TAG_MAX_CHARS = 40

_SITE_HEADER = re.compile(r"^reseau des collectivites territoriales pour une economie")
# Section words that close a body or a Résumé; never a title, never a tag.
_SECTION_WORDS = re.compile(r"^(ressources?|documents?|liens?|avec|pour aller plus loin)\b")
_BULLET = re.compile(r"^(•|-|–|\*|\d{1,2}[.)])\s")
# Page furniture that ends up in text exports (cookie banners, account links).
_JUNK = re.compile(
    r"cookies?\b|\baccepter\b|\brefuser\b|tous droits r[ée]serv[ée]s|mentions l[ée]gales"
    r"|javascript|se connecter|mot de passe oubli|newsletter|^©|\bcopyright\b",
    re.IGNORECASE,
)
# Literal pieces, one of which every _JUNK match holds (casefolded): `in` tests run in C at
# memory speed, while the alternation above costs ~40 µs per paragraph.
_JUNK_HINTS = ("cookie", "accepter", "refuser", "droits r", "mentions l", "javascript",
               "se connecter", "mot de passe", "newsletter", "©", "copyright")



class _Copies(NamedTuple):
    """The keys of a run of lines: as a set for exact lookups, in order for fuzzy ones."""

    exact: frozenset[str]
    keys: tuple[str, ...]


@dataclass(slots=True)
class Draft:
    """A record being assembled (indexes into the non-blank lines)."""

    title: int
    body: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    block: MetadataBlock | None = None
    resume: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def place_titles(
    lines: Sequence[SourceLine], blocks: list[MetadataBlock], keys: Sequence[str],
    asked: frozenset[int], copied_in_next: frozenset[int],
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Drafts of the records (indexes into `lines`), and the quarantined lines with reasons.

    For the lines in `asked`, whether they have a near-copy in the next region is known
    already (`copied_in_next`, see `pipeline.split.copies`); the others are compared here.
    """
    return _Splitter(lines, blocks, keys, asked, copied_in_next).run()


def line_key(text: str) -> str:
    """What copies are compared on: case does not tell a copy apart."""
    return text.casefold()


def region_spans(blocks: Sequence[MetadataBlock], n_lines: int) -> list[range]:
    """The lines between consecutive metadata blocks (one region more than blocks)."""
    starts = [0] + [block.end for block in blocks]
    stops = [block.start for block in blocks] + [n_lines]
    return [range(start, stop) for start, stop in zip(starts, stops, strict=True)]


def lines_to_compare(keys: Sequence[str], regions: Sequence[range], index: int) -> list[int]:
    """The lines of region `index` whose copies in the next region take fuzzy matching: long
    enough to count, and copied exactly in neither neighbouring region."""
    around = set(keys[j] for j in regions[index - 1]) if index else set()
    if index + 1 < len(regions):
        around.update(keys[j] for j in regions[index + 1])
    return [i for i in regions[index] if len(keys[i]) >= MIN_EVIDENCE_CHARS and keys[i] not in around]


class _Splitter:
    """Places titles region by region (a region is what lies between two metadata blocks)."""

    def __init__(self, lines: Sequence[SourceLine], blocks: list[MetadataBlock], keys: Sequence[str],
                 asked: frozenset[int], copied_in_next: frozenset[int]):
        self.lines = lines
        self.blocks = blocks
        self.asked = asked
        self.copied_in_next = copied_in_next
        # Each line's key and the weight of a copy of it as evidence (0 for lines too short
        # to tell).
        self.keys = keys
        self.weights = [0.0 if len(key) < MIN_EVIDENCE_CHARS else float(min(len(key), EVIDENCE_LENGTH_CAP))
                        for key in self.keys]
        self.quarantined: list[tuple[int, str]] = []  # (line index, reason)
        self._key_sets: dict[tuple[int, int, int], _Copies] = {}

    def run(self) -> tuple[list[Draft], list[tuple[int, str]]]:
        """Drafts of the records, and the quarantined lines with their reasons."""
        drafts: list[Draft] = []
        previous: Draft | None = None  # the record owning the block before the region
        for index in range(len(self.blocks) + 1):
            lines = self._region_lines(index)
            block = self.blocks[index] if index < len(self.blocks) else None
            new = self._split_region(lines.start, lines.stop, previous, block, self._following_region(index))
            drafts.extend(new)
            if new and block is not None:
                new[-1].block = block
                previous = new[-1]
            elif block is not None:
                self._quarantine(range(block.start, block.end), "metadata block without a title")
                previous = None
        return drafts, self.quarantined

    def _region_lines(self, index: int) -> range:
        """Lines between block `index - 1` and block `index`."""
        lo = self.blocks[index - 1].end if index else 0
        return range(lo, self.blocks[index].start if index < len(self.blocks) else len(self.lines))

    def _following_region(self, index: int) -> range:
        """Lines after block `index` up to the next block: where its Résumé lies."""
        if index >= len(self.blocks) or not self.blocks[index].has_resume:
            return range(0)
        stop = self.blocks[index + 1].start if index + 1 < len(self.blocks) else len(self.lines)
        return range(self.blocks[index].end, stop)

    def _split_region(
        self, lo: int, hi: int, previous: Draft | None, block: MetadataBlock | None, next_resume: range
    ) -> list[Draft]:
        region = list(range(lo, hi))
        prev_copy = previous.body if previous and previous.block and previous.block.has_resume \
            else []
        in_prev = self._exact_evidence(region, prev_copy)
        in_next = self._exact_evidence(region, next_resume)
        # Fuzzy matching is the costly part: only lines copied exactly on neither side need it
        # (a line copied exactly on one side is, in practice, not a copy on the other).
        for k, i in enumerate(region):
            if not in_prev[k] and not in_next[k]:
                in_prev[k] = self._aligned(i, prev_copy)
                in_next[k] = self._aligned_next(i, next_resume)
        if block is None:
            return self._split_tail(region, previous)
        if not region:
            return []
        title_pos, by_shape = self._choose_title(region, in_prev, in_next, block.has_resume)
        return self._cut(region, title_pos, previous, block, next_resume, by_shape)

    def _copies(self, candidates: Sequence[int]) -> _Copies:
        """Keys of a run of lines, cached: the same body is probed once per line of a region.

        Candidate runs are contiguous, so (first, last, length) identifies one.
        """
        ident = (candidates[0], candidates[-1], len(candidates))
        found = self._key_sets.get(ident)
        if found is None:
            keys = tuple(self.keys[j] for j in candidates)
            found = self._key_sets[ident] = _Copies(frozenset(keys), keys)
        return found

    def _exact_evidence(self, region: list[int], candidates: Sequence[int]) -> list[float]:
        """`_aligned` without fuzzy matching, for a whole region at once (the hot loop)."""
        if not candidates:
            return [0.0] * len(region)
        keys, weights, copied = self.keys, self.weights, self._copies(candidates).exact
        return [weights[i] if weights[i] and keys[i] in copied else 0.0 for i in region]

    def _aligned(self, i: int, candidates: Sequence[int]) -> float:
        """Evidence that line i is copied among `candidates`: its weight, or 0."""
        weight = self.weights[i]
        if not candidates or not weight:
            return 0.0
        key, copies = self.keys[i], self._copies(candidates)
        if key in copies.exact:
            return weight
        # ratio's score_cutoff rejects a choice of too different a length before comparing.
        best = process.extractOne(key, copies.keys, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY)
        return weight if best else 0.0

    def _aligned_next(self, i: int, next_resume: range) -> float:
        """`_aligned(i, next_resume)`, answered already for the lines asked about."""
        if i in self.asked and next_resume and self.weights[i]:
            return self.weights[i] if i in self.copied_in_next else 0.0
        return self._aligned(i, next_resume)

    def _choose_title(
        self, region: list[int], in_prev: list[float], in_next: list[float], next_has_resume: bool
    ) -> tuple[int, bool]:
        """Position of the title in the region, and whether shape alone decided."""
        n = len(region)
        # score(t) = evidence that lines before t are the previous Résumé and lines after t
        # are the next body; the title itself should be a copy of neither.
        gain = [p - q for p, q in zip(in_prev, in_next, strict=True)]
        suffix = [0.0] * (n + 1)
        for k in range(n - 1, -1, -1):
            suffix[k] = suffix[k + 1] - gain[k]
        prefix, scores = 0.0, []
        for t in range(n):
            scores.append(prefix + suffix[t + 1] - in_prev[t] - in_next[t])
            prefix += gain[t]
        best = max(scores)
        ties = [t for t in range(n) if scores[t] >= best - 1e-9]
        first_next = next((k for k in range(n) if in_next[k]), None)
        if first_next is not None:
            ties = [t for t in ties if t < first_next] or ties
        shaped = [t for t in ties if self._title_shaped(region[t])]
        pool = shaped or ties
        # The title sits just before the next body, which is the copy of the next Résumé:
        # the last candidate. With a Résumé but nothing aligned, the body is empty (a private
        # record): the last candidate again. With no copy at all, the first title-shaped
        # line after the previous Résumé starts the record.
        title = pool[-1] if first_next is not None or next_has_resume else pool[0]
        by_shape = first_next is None and not any(in_prev)
        return title, by_shape

    def _title_shaped(self, i: int) -> bool:
        text = self.lines[i].text
        return (  # cheapest tests first: most lines are paragraphs, and fail them
            len(text) <= TITLE_MAX_CHARS
            and not text.endswith((".", ",", ";", ":"))
            and (text[0].isupper() or text[0].isdigit() or text[0] in "«\"“'")
            and len(text.split()) <= TITLE_MAX_WORDS
            and not _BULLET.match(text)
            and not is_site_header(text)
            and not _SECTION_WORDS.match(fold_accents(text))
            and label_of(text) is None
            and not _is_junk(text)
        )

    def _cut(
        self, region: list[int], title_pos: int, previous: Draft | None, block: MetadataBlock,
        next_resume: range, by_shape: bool,
    ) -> list[Draft]:
        before, title, body = region[:title_pos], region[title_pos], region[title_pos + 1:]
        drafts = self._place_gap(before, previous)
        draft = Draft(title=title)
        if body and self._is_tag(body[-1]) and not self._aligned_next(body[-1], next_resume):
            draft.body, draft.tags = body[:-1], [body[-1]]
        else:
            draft.body = body
        if by_shape:
            draft.warnings.append("title placed by the shape of the line: no Résumé copy to "
                                  "align with")
        drafts.append(draft)
        return drafts

    def _place_gap(self, before: list[int], previous: Draft | None) -> list[Draft]:
        """Lines between the previous record and the title: its Résumé, standalone titles, junk.

        Placement is monotonic (Résumé, then quarantine, then standalone titles), so record
        and quarantine spans tile the file without overlapping.
        """
        k = len(before)
        # A run of unaligned title-shaped lines just before the title: titles without a body.
        while k > 0 and self._title_shaped(before[k - 1]) and not self._resume_text(
            before[k - 1], before[:k - 1], previous
        ):
            k -= 1
        standalone = [Draft(title=i, warnings=["title without body or metadata"])
                      for i in before[k:]]
        self._place_resume_tail(before[:k], previous)
        return standalone

    def _place_resume_tail(self, indexes: list[int], previous: Draft | None) -> None:
        """Give lines to the previous Résumé until something is not Résumé text."""
        takes_resume = previous is not None and previous.block is not None \
            and previous.block.has_resume
        reason = None
        for i in indexes:
            text = self.lines[i].text
            if reason is None and takes_resume and (
                self._aligned_prev(i, previous) or not _is_junk(text)
            ):
                previous.resume.append(i)
                continue
            if i == 0 and is_site_header(text):
                self._quarantine([i], "site header (not a record)")
                continue
            if reason is None or _is_junk(text):
                reason = ("page furniture between records (cookie banner, links)"
                          if _is_junk(text) else
                          "text outside any record: before a title, with no Résumé to belong to")
            self._quarantine([i], reason)

    def _resume_text(self, i: int, earlier: list[int], previous: Draft | None) -> bool:
        """Line i copies the previous body, or repeats a line of the Résumé above it."""
        return self._aligned_prev(i, previous) or (
            previous is not None and previous.block is not None
            and previous.block.has_resume and self._aligned(i, earlier) > 0
        )

    def _aligned_prev(self, i: int, previous: Draft | None) -> bool:
        if previous is None or not previous.block or not previous.block.has_resume:
            return False
        return self._aligned(i, previous.body) > 0

    def _split_tail(self, region: list[int], previous: Draft | None) -> list[Draft]:
        """After the last metadata block: the last Résumé, then maybe a record cut off."""
        aligned = [k for k, i in enumerate(region) if self._aligned_prev(i, previous)]
        rest_from = aligned[-1] + 1 if aligned else 0
        rest = region[rest_from:]
        cut = next((k for k, i in enumerate(rest)
                    if self._title_shaped(i) and k + 1 < len(rest)), len(rest))
        self._place_resume_tail(region[:rest_from] + rest[:cut], previous)
        if cut < len(rest):
            self._quarantine(rest[cut:], "record cut off: title and body without a metadata "
                                         "block (truncated export?)")
        return []

    def _is_tag(self, i: int) -> bool:
        text = self.lines[i].text
        return (
            len(text) <= TAG_MAX_CHARS
            and len(text.split()) <= TAG_MAX_WORDS
            and not text.endswith((".", ",", ";", ":", "?", "!"))
            and not _SECTION_WORDS.match(fold_accents(text))
            and not _BULLET.match(text)
            and not text.startswith("(")
        )

    def _quarantine(self, indexes, reason: str) -> None:
        self.quarantined.extend((i, reason) for i in indexes)


def _is_junk(text: str) -> bool:
    """Page furniture: a cookie banner, account links, a copyright line."""
    key = text.casefold()
    return any(hint in key for hint in _JUNK_HINTS) and bool(_JUNK.search(text))


def is_site_header(text: str) -> bool:
    return bool(_SITE_HEADER.match(fold_accents(text)))
