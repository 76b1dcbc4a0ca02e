"""Catalogue stage: which records are one resource, its stable id and its canonical occurrence.

The site is exported page by page and the listings overlap, and a later export repeats an
earlier one, sometimes edited: one resource, several records ("occurrences"). Records are
one resource when their normalised titles match (case, accents, punctuation, spacing) or,
failing that, when their texts are near-duplicates. Everything here is decided on the
records' content alone, never on file names or their order, so a resource gets the same id
and the same canonical occurrence alone or inside any folder.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from pipeline.records import RawRecord
from pipeline.text import contained_share, fold_accents, word_shingles

# 12 hex digits of sha1: no collision among the site's thousands of titles, short to read.
RESOURCE_ID_HEX = 12
# Hex digits of the content hash that tell apart resources sharing a title (see `_ids`).
SUFFIX_HEX = 8
# Hex digits of an occurrence's content hash (64 bits: no accidental collision in a catalogue).
CONTENT_HASH_HEX = 16

# Two texts are near-duplicates from this rapidfuzz ratio (0-1) of their normalised forms.
# Measured on the shipped export: two different resources score at most 0.47 (French prose
# shares letters and function words), while a record's own drifted copies (body against
# Résumé, the site's edits) score 0.992-1.0. 0.90 keeps clear of the first (by 0.43) and
# still admits an edit of a tenth of the text.
NEAR_DUPLICATE_RATIO = 0.90
# Texts shorter than this (normalised characters) are too short to prove, alone, that two
# records with different titles are one resource: a two-line notice matches many others.
MIN_TEXT_CHARS = 200
# Blocking, so a large folder never compares all pairs of texts: each text is summed up by
# the SKETCH_SIZE smallest hashes of its 3-word shingles (a bottom-k MinHash sketch); only
# texts sharing MIN_SHARED sketch values are compared. Texts at ratio 0.9 keep most 3-word
# shingles (an edit every tenth word still leaves 70 %), so they share about half their
# sketch: 2 of 16 misses none, while unrelated texts share none.
SKETCH_SIZE = 16
MIN_SHARED = 2
# Records under one title are one resource unless their texts are plainly unrelated (a
# generic title such as "Compte rendu", or a title the split got wrong): related texts (a
# copy edited, or cut short on a partial page) keep at least this share of the shorter
# one's 3-word shingles in the longer, while unrelated French prose shares almost none
# (function words alone rarely make a 3-word run). Texts under MIN_TEXT_CHARS prove nothing.
SAME_TITLE_MIN_CONTAINMENT = 0.5
# A sketch value found in more texts than this is boilerplate ("inscription gratuite sur"),
# not evidence: it is dropped from the index, which also bounds the pairs it would make.
MAX_POSTING = 50

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Per record, in the order given: its resource's id, its content hash and the index of
    its resource's canonical record; and how many pairs of texts were compared."""

    resource_ids: tuple[str, ...]
    content_hashes: tuple[str, ...]
    canonical: tuple[int, ...]
    text_pairs_compared: int = 0

    @property
    def resources(self) -> list[int]:
        """Each resource's canonical record, resources in the order of their first record."""
        seen, order = set(), []
        for index in self.canonical:
            if index not in seen:
                seen.add(index)
                order.append(index)
        return order

    def n_occurrences(self) -> Counter[str]:
        """Records per resource id."""
        return Counter(self.resource_ids)


def title_key(title: str) -> str:
    """The title as matched: casefolded, accents, punctuation and spacing folded away.

    >>> title_key("Économie  solidaire : l'ESS !") == title_key("economie solidaire - L ESS")
    True
    """
    return " ".join(_NOT_WORD.sub(" ", fold_accents(title)).split())


def base_id(title: str) -> str:
    """'r' + sha1 of the casefolded, accent-free, space-folded title (the ids of the
    shipped tables: punctuation stays in this key so that they do not change)."""
    return "r" + hashlib.sha1(_id_key(title).encode("utf-8")).hexdigest()[:RESOURCE_ID_HEX]


def _id_key(title: str) -> str:
    return " ".join(fold_accents(title).split())


def content_hash(record: RawRecord) -> str:
    """Hash of what a record says (body, tags, metadata, Résumé), not of where it is. The
    title is left out: it is what matched the occurrences, and its variants across pages
    ("Jardins - atelier" / "JARDINS – atelier,") are typography, kept in occurrences.title."""
    parts = [*(f"\x1d{p.text}" for p in record.body), "\x1e",
             *(f"\x1d{p.text}" for p in record.tags), "\x1e",
             *(f"\x1d{p.text}" for p in record.metadata), "\x1e",
             *(f"\x1d{p.text}" for p in record.resume)]
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()[:CONTENT_HASH_HEX]


def catalogue(records: Sequence[RawRecord]) -> Catalogue:
    """Group records into resources; give each its id and canonical record."""
    hashes = [content_hash(r) for r in records]
    matcher = _Matcher(records)
    groups = _UnionFind(len(records))
    # 1. Same normalised title: one resource, unless one file lists the title twice with
    # different content (two resources that share a title); then only near-duplicate texts
    # from different files, or equal contents, are joined.
    by_title: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_title[title_key(record.title.text)].append(index)
    for members in by_title.values():
        per_file: dict[str, set[str]] = defaultdict(set)
        for index in members:
            per_file[records[index].source_file].add(hashes[index])
        if all(len(contents) == 1 for contents in per_file.values()):
            _join_related(members, hashes, groups, matcher)
            continue
        first_of: dict[str, int] = {}
        for index in members:
            groups.union(first_of.setdefault(hashes[index], index), index)
        for i, j in combinations(members, 2):
            if records[i].source_file != records[j].source_file and hashes[i] != hashes[j] \
                    and matcher.near_duplicates(i, j):
                groups.union(i, j)
    # 2. Failing a title match: near-duplicate texts in different files, found by blocking.
    if len({r.source_file for r in records}) > 1:
        _join_near_duplicates(records, hashes, groups, matcher)
    # 3. The canonical record and the id of each resource.
    members_of: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        members_of[groups.find(index)].append(index)
    canonical_of = {root: _canonical(records, hashes, members) for root, members in members_of.items()}
    ids = _ids(records, hashes, canonical_of)
    canonical = [canonical_of[groups.find(i)] for i in range(len(records))]
    return Catalogue(tuple(ids[c] for c in canonical), tuple(hashes), tuple(canonical),
                     matcher.compared)


def _canonical(records: Sequence[RawRecord], hashes: list[str], members: list[int]) -> int:
    """The canonical record of a resource, by content alone: the content most occurrences
    agree on (an edit seen on one page among several is the odd one out, to review); on a
    tie the most complete (body, Résumé, metadata lines), then the longest, then the
    smallest content hash. Among records with that content, the most written title (then the
    smallest), then the first in the run: only its location depends on file names."""
    counts = Counter(hashes[i] for i in members)
    example = {hashes[i]: records[i] for i in reversed(members)}

    def rank(content: str) -> tuple:
        record = example[content]
        complete = bool(record.body) + bool(record.resume) + len(record.metadata)
        length = sum(len(p.text) for p in (*record.body, *record.resume))
        return -counts[content], -complete, -length, content

    best = min(counts, key=rank)
    # Occurrences with that content may differ in their titles' typography: the title most
    # of them write, then the smallest, so that the id (a hash of it) does not depend on order.
    keys = {i: _id_key(records[i].title.text) for i in members if hashes[i] == best}
    written = Counter(keys.values())
    title = min(written, key=lambda key: (-written[key], key))
    return next(i for i, key in keys.items() if key == title)


def _ids(records: Sequence[RawRecord], hashes: list[str], canonical_of: dict[int, int]) -> dict[int, str]:
    """Each canonical record's resource id: the hash of its title (`base_id`). Resources
    that share that hash (one export lists two different resources under one title) each
    get '-' and the first hex digits of their canonical content hash: derived from content,
    so the ids do not depend on which was read first."""
    by_base: dict[str, list[int]] = defaultdict(list)
    for index in canonical_of.values():
        by_base[base_id(records[index].title.text)].append(index)
    ids = {}
    for base, indexes in by_base.items():
        for index in indexes:
            ids[index] = base if len(indexes) == 1 else f"{base}-{hashes[index][:SUFFIX_HEX]}"
    return ids


def _join_related(members: list[int], hashes: list[str], groups: _UnionFind, matcher: _Matcher) -> None:
    """Join the records of one title whose texts are not plainly unrelated (see
    SAME_TITLE_MIN_CONTAINMENT); equal contents are always one resource."""
    by_content: dict[str, list[int]] = defaultdict(list)
    for index in members:
        by_content[hashes[index]].append(index)
    for same in by_content.values():
        groups.union_all(same)
    contents = sorted(by_content)  # an order of content: the outcome never depends on the input's
    for a, b in combinations(contents, 2):
        i, j = by_content[a][0], by_content[b][0]
        if groups.find(i) != groups.find(j) and matcher.related(i, j):
            groups.union(i, j)


def _join_near_duplicates(records, hashes, groups: _UnionFind, matcher: _Matcher) -> None:
    """Join resources (so far: title groups) whose canonical texts are near-duplicates and
    which no file lists both of. Candidates come from an inverted index of sketch values;
    they are tried in an order of content, so the outcome does not depend on the input's."""
    members_of: dict[int, list[int]] = defaultdict(list)
    for index in range(len(records)):
        members_of[groups.find(index)].append(index)
    postings: dict[int, list[int]] = defaultdict(list)
    representative = {}
    for members in members_of.values():
        chosen = _canonical(records, hashes, members)
        if len(matcher.text(chosen)) >= MIN_TEXT_CHARS:
            representative[chosen] = members
            for value in _sketch(matcher.text(chosen)):
                postings[value].append(chosen)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        if len(holders) <= MAX_POSTING:
            shared.update(combinations(sorted(holders, key=hashes.__getitem__), 2))
    candidates = sorted((pair for pair, n in shared.items() if n >= MIN_SHARED),
                        key=lambda pair: (hashes[pair[0]], hashes[pair[1]]))
    files = {groups.find(i): {records[m].source_file for m in members}
             for i, members in representative.items()}
    for i, j in candidates:
        a, b = groups.find(i), groups.find(j)
        if a == b or files[a] & files[b] or not matcher.near_duplicates(i, j):
            continue
        joined = files.pop(a) | files.pop(b)
        files[groups.union(a, b)] = joined


def _sketch(text: str) -> list[int]:
    """The SKETCH_SIZE smallest crc32 values of the text's 3-word shingles (deterministic,
    unlike Python's salted `hash`)."""
    return heapq.nsmallest(SKETCH_SIZE, {zlib.crc32(s.encode("utf-8")) for s in word_shingles(text)})


class _Matcher:
    """Near-duplicate test of two records' texts, normalised once each, counting comparisons."""

    def __init__(self, records: Sequence[RawRecord]) -> None:
        self._records = records
        self._texts: dict[int, str] = {}
        self.compared = 0

    def text(self, index: int) -> str:
        if index not in self._texts:
            record = self._records[index]
            self._texts[index] = title_key(" ".join(p.text for p in record.body or record.resume))
        return self._texts[index]

    def related(self, i: int, j: int) -> bool:
        """Not plainly unrelated: a text too short to tell, or the shorter's shingles mostly
        found in the longer."""
        a, b = sorted((self.text(i), self.text(j)), key=len)
        if len(a) < MIN_TEXT_CHARS:
            return True
        return contained_share(a, b)[0] >= SAME_TITLE_MIN_CONTAINMENT

    def near_duplicates(self, i: int, j: int) -> bool:
        a, b = self.text(i), self.text(j)
        if not a or not b or 2 * min(len(a), len(b)) < NEAR_DUPLICATE_RATIO * (len(a) + len(b)):
            return False  # the lengths alone rule it out (ratio <= 2 min / (len a + len b))
        self.compared += 1
        return fuzz.ratio(a, b, score_cutoff=NEAR_DUPLICATE_RATIO * 100) > 0


class _UnionFind:
    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def find(self, index: int) -> int:
        parent = self._parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def union(self, a: int, b: int) -> int:
        """Join the sets of a and b; the smaller root stays the root."""
        a, b = self.find(a), self.find(b)
        if a > b:
            a, b = b, a
        self._parent[b] = a
        return a

    def union_all(self, indexes: Sequence[int]) -> None:
        for index in indexes[1:]:
            self.union(indexes[0], index)
