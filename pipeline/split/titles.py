"""Where each record starts: titles placed by alignment, region by region.

A region is what lies between two metadata blocks: the Résumé of the record above, maybe
page furniture, then the next record's title and body. The Résumé is a near-copy of the
body above it, and the next body is a near-copy of the next Résumé, so the title is the line
between the two copies. Only where there is no copy to align does the shape of a line decide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from rapidfuzz import fuzz, process

from pipeline.records import SourceLine, TitleEvidence
from pipeline.split.blocks import MetadataBlock
from pipeline.split.copies import COPY_SIMILARITY, MIN_EVIDENCE_CHARS, fuzzy_candidate
from pipeline.split.evidence import (
    SHORT_COPY_WEIGHT,
    drop_lone_copies,
    drop_stray_weak,
    echo_evidence,
    page_evidence,
)
from pipeline.split.shapes import (
    body_line_shaped,
    furniture_shaped,
    inner_line_shaped,
    is_junk,
    is_page_furniture,
    is_site_header,
    not_record_lines,
    tag_shaped,
    title_shaped,
)

# Evidence weight of an aligned line grows with its length up to this many characters:
# a copied 500-character paragraph says more than a copied "Ressources :".
EVIDENCE_LENGTH_CAP = 200
# A Résumé cut short (the export ends inside it) or edited inside a paragraph still opens
# like the body paragraph it copies: this many characters, equal, are a copy. Long enough
# that two paragraphs opening on the same boilerplate phrase rarely share it. Closings are
# no anchor: a sentence appended to paragraphs of two records ends both alike.
ANCHOR_CHARS = 40
# Link and field lines ("Version pour impression à télécharger ici") are under this long.
RECURRING_MAX_CHARS = 80


OUTSIDE = "text outside any record: before a title, with no Résumé to belong to"
FURNITURE = "page furniture between records (date, breadcrumb, link, share or phone line)"


class _Copies(NamedTuple):
    """The keys of a run of lines: as a set for exact lookups, in order for fuzzy ones, and
    their openings (ANCHOR_CHARS) for copies cut short or edited inside."""

    exact: frozenset[str]
    keys: tuple[str, ...]
    anchors: set[str]  # filled on first use (`_Splitter._anchors_of`)


@dataclass(slots=True)
class Draft:
    """A record being assembled (indexes into the non-blank lines)."""

    title: int
    body: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    block: MetadataBlock | None = None
    resume: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    evidence: TitleEvidence = TitleEvidence.alignment


def place_titles(
    lines: Sequence[SourceLine], blocks: list[MetadataBlock], keys: Sequence[str],
    asked: frozenset[int], copied_in_next: frozenset[int],
) -> tuple[list[Draft], list[tuple[int, str]]]:
    """Drafts of the records (indexes into `lines`), and the quarantined lines with reasons.

    For the lines in `asked`, whether they have a near-copy in the next region is known
    already (`copied_in_next`, see `pipeline.split.copies`); the others are compared here.
    """
    return _Splitter(lines, blocks, keys, asked, copied_in_next).run()


def _anchors(key: str) -> tuple[str] | tuple[()]:
    return (key[:ANCHOR_CHARS],) if len(key) >= ANCHOR_CHARS else ()


class _Splitter:
    """Places titles region by region (a region is what lies between two metadata blocks)."""

    def __init__(self, lines: Sequence[SourceLine], blocks: list[MetadataBlock], keys: Sequence[str],
                 asked: frozenset[int], copied_in_next: frozenset[int]):
        self.lines = lines
        self.blocks = blocks
        self.asked = asked
        self.copied_in_next = copied_in_next
        self.keys = keys
        # The weight of a copy of each line as evidence: its length (capped) for a paragraph,
        # little for a short line, none for a banner or page furniture (repeated on every page,
        # their copies say nothing about records).
        # A short line written more than twice (a body and its Résumé) is boilerplate, a
        # recurring link or field line, and its copies weigh like a short line's. Paragraphs
        # may recur (a resource listed twice in one export) and keep their weight.
        self.counts = counts = Counter(keys)
        self.not_record = furniture = not_record_lines([line.text for line in lines], keys)
        self.weights = [0.0 if not key or i in furniture else
                        SHORT_COPY_WEIGHT if len(key) < MIN_EVIDENCE_CHARS
                        or (counts[key] > 2 and len(key) < RECURRING_MAX_CHARS) else
                        float(min(len(key), EVIDENCE_LENGTH_CAP))
                        for i, key in enumerate(self.keys)]
        self.quarantined: list[tuple[int, str]] = []  # (line index, reason)
        self.region: list[int] = []  # the region being split
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
        region = self.region = list(range(lo, hi))
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
        if next_resume:
            echo_evidence(in_next, region, self.keys, self.lines, self._copies(next_resume).exact)
        page_evidence(in_prev, in_next, region, self.lines, self.keys, self.weights,
                      self._copies(prev_copy).keys if prev_copy else (), MIN_EVIDENCE_CHARS)
        shaped = [not p and not q and title_shaped(text := self.lines[i].text) and not body_line_shaped(text)
                  for i, p, q in zip(region, in_prev, in_next, strict=True)]
        drop_stray_weak(in_prev, shaped, range(len(region)))
        drop_stray_weak(in_next, shaped, range(len(region) - 1, -1, -1))
        if previous and previous.block and previous.block.has_resume and not prev_copy:
            drop_lone_copies(in_next, [self.weights[i] for i in region])
        if block is None:
            return self._split_tail(region, previous)
        if not region:
            return []
        # A private record (no body) has its text in its Résumé only: the Résumé holds at
        # least the region's first line, when a title is left after it.
        first = 1 if previous and previous.block and previous.block.has_resume \
            and not previous.body and len(region) > 1 else 0
        owner = bool(previous and previous.block and previous.block.has_resume)
        # The site's banner opens a page: what follows it is no Résumé of the record above, and
        # the title is the first title-like line after it (dates, breadcrumbs, links excepted).
        header = next((k for k in range(len(region) - 2, -1, -1) if region[k] in self.not_record
                       and is_site_header(self.lines[region[k]].text)), None)
        if header is not None:
            first, owner = max(first, header + 1), False
        title_pos, first_next = self._choose_title(region, in_prev, in_next, first, owner)
        return self._cut(region, title_pos, previous, next_resume, first_next)

    def _copies(self, candidates: Sequence[int]) -> _Copies:
        """Keys of a run of lines, cached: the same body is probed once per line of a region.

        Candidate runs are contiguous, so (first, last, length) identifies one.
        """
        ident = (candidates[0], candidates[-1], len(candidates))
        found = self._key_sets.get(ident)
        if found is None:
            keys = tuple(self.keys[j] for j in candidates)
            found = self._key_sets[ident] = _Copies(frozenset(keys), keys, set())
        return found

    def _anchors_of(self, copies: _Copies) -> set[str]:
        """The openings of the copies, computed once when first asked."""
        if not copies.anchors and copies.keys:
            copies.anchors.update(a for key in copies.keys for a in _anchors(key))
            copies.anchors.add("")  # marks the set as computed (no anchor is empty)
        return copies.anchors

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
        if not fuzzy_candidate(key, self.lines[i].text):
            return weight if self._near_copy_in_step(i, copies) else 0.0
        # ratio's score_cutoff rejects a choice of too different a length before comparing.
        best = process.extractOne(key, copies.keys, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY)
        return weight if best or self._anchored(i, copies) else 0.0

    def _near_copy_in_step(self, i: int, copies: _Copies) -> bool:
        """A short or title-shaped line edited in its copy ("LUNDI 11s JANVIER") counts when
        a neighbour is copied exactly next to the near-copy: the line after it or before it,
        unless that neighbour is a short line written on many records (a link line): a paragraph
        counts however often the export repeats its record. The titles of a series
        are near-copies too, but their neighbours differ."""
        keys = self.keys

        def context(j: int) -> str | None:  # a neighbour copied exactly that says something
            ok = 0 <= j < len(keys) and (self.weights[j] > SHORT_COPY_WEIGHT or (
                self.weights[j] and self.counts[keys[j]] <= 2))  # not a page's furniture:
            return keys[j] if ok and keys[j] in copies.exact and not furniture_shaped(keys[j]) else None

        after, before = context(i + 1), context(i - 1)
        if after is None and before is None:
            return False
        found = copies.keys
        matches = process.extract(keys[i], found, scorer=fuzz.ratio, score_cutoff=COPY_SIMILARITY, limit=3)
        return any((after is not None and j + 1 < len(found) and found[j + 1] == after)
                   or (before is not None and j and found[j - 1] == before) for _, _, j in matches)

    def _anchored(self, i: int, copies: _Copies) -> bool:
        """Line i opens like a line among the copies: a copy cut short or edited."""
        anchors = self._anchors_of(copies)
        return any(anchor in anchors for anchor in _anchors(self.keys[i]))

    def _aligned_next(self, i: int, next_resume: range) -> float:
        """`_aligned(i, next_resume)`, answered already for the lines asked about."""
        if i in self.asked and next_resume and self.weights[i]:
            if i in self.copied_in_next or self._anchored_apart(i, next_resume):
                return self.weights[i]
            return 0.0
        return self._aligned(i, next_resume)

    def _anchored_apart(self, i: int, next_resume: range) -> bool:
        """Line i opens like a Résumé line that no line of its region copies exactly (that
        line's copy is no other's: a title opening like the body's first line)."""
        copies = self._copies(next_resume)
        if not self._anchored(i, copies):
            return False
        anchor, own = self.keys[i][:ANCHOR_CHARS], {self.keys[j] for j in self.region}
        return any(key.startswith(anchor) and key not in own for key in copies.keys)

    def _choose_title(
        self, region: list[int], in_prev: list[float], in_next: list[float], first: int,
        owner: bool,
    ) -> tuple[int, int | None]:
        """Position of the title in the region, and of the first line copied by the next Résumé."""
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
        # A banner or consent line is no title when another line can be.
        positions = [t for t in range(first, n) if region[t] not in self.not_record] \
            or range(first, n)
        best = max(scores[t] for t in positions)
        ties = [t for t in positions if scores[t] >= best - 1e-9]
        first_next = next((k for k in range(n) if in_next[k] > SHORT_COPY_WEIGHT), None)
        if first_next is not None:
            ties = [t for t in ties if t < first_next] or ties
        shaped = [t for t in ties if title_shaped(self.lines[region[t]].text)]
        pool = shaped or [t for t in ties if not is_page_furniture(self.lines[region[t]].text)] or ties
        # The title sits just before the next body, which is the copy of the next Résumé:
        # the last candidate. With nothing copied (a private record, or a Résumé missing), the
        # first title-shaped line after the previous Résumé starts the record: a body's
        # headings, card fields and link lines come after its title. So it does when no
        # Résumé precedes (`owner` false): nothing but furniture comes before a title there.
        # A heading ("LUNDI 6 DÉCEMBRE") or a card's field ("Zone d'action : Lyon") is no title
        # when another line can be.
        pool = [t for t in pool if not inner_line_shaped(self.lines[region[t]].text)] or pool
        title = pool[-1] if first_next is not None and owner else pool[0]
        # A date, breadcrumb or link line nothing copies opens a page as a banner does: the
        # title is the first title-like line of that page's head (above or under its furniture).
        if owner and first_next is not None and any(
                furniture_shaped(self.lines[region[t]].text) for t in ties):
            title = pool[0]
        # A line paraphrasing the line above it (a subtitle echoing the title) is no title.
        while title - 1 in pool and fuzz.ratio(self.keys[region[title]], self.keys[region[title - 1]],
                                              score_cutoff=COPY_SIMILARITY):
            title -= 1
        return title, first_next

    def _cut(
        self, region: list[int], title_pos: int, previous: Draft | None, next_resume: range,
        first_next: int | None,
    ) -> list[Draft]:
        before, title, body = region[:title_pos], region[title_pos], region[title_pos + 1:]
        self._place_resume_tail(before, previous)
        draft = Draft(title=title)
        if body and tag_shaped(text := self.lines[body[-1]].text) and not furniture_shaped(text) \
                and not self._aligned_next(body[-1], next_resume):
            draft.body, draft.tags = body[:-1], [body[-1]]
        else:
            draft.body = body
        if not body:
            draft.evidence = TitleEvidence.metadata  # the metadata block follows the title
        elif first_next is None:
            draft.evidence = TitleEvidence.shape
            draft.warnings.append("title placed by the shape of the line: no Résumé copy to "
                                  "align with")
        return [draft]

    def _place_resume_tail(self, indexes: list[int], previous: Draft | None) -> None:
        """Give lines to the previous Résumé until something is not Résumé text; banners,
        page furniture and orphan lines are quarantined with their reason.

        Placement is monotonic (Résumé, then quarantine), so record and quarantine spans
        tile the file without overlapping.
        """
        takes_resume = previous is not None and previous.block is not None \
            and previous.block.has_resume
        # A date, breadcrumb or link line the body above does not hold (nor a near-copy of
        # it) ends its Résumé, unless the Résumé copies the body after it (an edited date).
        body = self._copies(previous.body).exact if takes_resume and previous.body else frozenset()
        last_copy = max((k for k, i in enumerate(indexes) if self.keys[i] in body), default=-1)
        reason = None
        for k, i in enumerate(indexes):
            text = self.lines[i].text
            banner_or_junk = i in self.not_record  # banners and consent lines, found once for all
            if reason is None and takes_resume and not banner_or_junk and (k < last_copy or not (
                    self.keys[i] not in body and furniture_shaped(text)
                    and not self._aligned(i, previous.body))):
                previous.resume.append(i)
                continue
            if banner_or_junk and is_site_header(text):
                self._quarantine([i], "site header (not a record)")
                reason = reason or OUTSIDE  # a new page starts: nothing after it is Résumé
                continue
            if reason is None or is_junk(text) or furniture_shaped(text):
                reason = ("page furniture between records (cookie banner, links)" if is_junk(text)
                          else FURNITURE if furniture_shaped(text) else OUTSIDE)
            self._quarantine([i], reason)

    def _aligned_prev(self, i: int, prev: Draft | None) -> bool:
        return bool(prev and prev.block and prev.block.has_resume and self._aligned(i, prev.body))

    def _split_tail(self, region: list[int], previous: Draft | None) -> list[Draft]:
        """After the last metadata block: the last Résumé, then maybe a record cut off.

        A record cut off is a title-shaped line with text after it, past the copies of the
        last body; a Résumé holds at least its first line (a private record's Résumé copies
        nothing, and may open on a short heading).
        """
        aligned = [k for k, i in enumerate(region) if self._aligned_prev(i, previous)]
        rest_from = aligned[-1] + 1 if aligned else 0
        rest = region[rest_from:]
        takes_resume = previous is not None and previous.block is not None \
            and previous.block.has_resume
        first = 1 if takes_resume and not aligned else 0
        texts = [self.lines[i].text for i in rest]
        furniture = list(map(is_page_furniture, texts))
        cut = next((k for k in range(first, len(rest) - 1) if title_shaped(texts[k]) and not furniture[k]
                    and not all(furniture[k + 1:])), len(rest))
        self._place_resume_tail(region[:rest_from] + rest[:cut], previous)
        if cut < len(rest):
            self._quarantine(rest[cut:], "record cut off: title and body without a metadata "
                                         "block (truncated export?)")
        return []

    def _quarantine(self, indexes, reason: str) -> None:
        self.quarantined.extend((i, reason) for i in indexes)
