"""Split a cleaned export into records; every input line lands in a record or the quarantine.

Layout of a record: title, body, metadata block (`Type de ressource` / value /
`Ressource privée` / Oui|Non / `Résumé`), then the Résumé, a drifted copy of the body.
Nothing marks where a Résumé ends and the next title starts, so boundaries are placed by
alignment: the Résumé is a near-copy of the body above it, and the next body is a near-copy
of the next Résumé. The line between the two copies is the title. Only where there is no
copy to align (no Résumé) does the shape of a line decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.errors import InputError
from pipeline.records import SourceDocument, SourceLine
from pipeline.split.assemble import SplitResult, assemble
from pipeline.split.blocks import MetadataBlock, find_blocks, region_spans
from pipeline.split.copies import NextRegionQuestion, copied_in_next_region, line_key, lines_to_compare
from pipeline.split.shapes import is_site_header
from pipeline.split.titles import place_titles

__all__ = ["NextRegionQuestion", "SplitPlan", "SplitResult", "copied_in_next_region", "plan_split",
           "split_records"]


def split_records(document: SourceDocument) -> SplitResult:
    """Cut a cleaned document into records and quarantined spans covering every line."""
    plan = plan_split(document)
    return plan.split(map(copied_in_next_region, plan.questions))


def plan_split(document: SourceDocument) -> SplitPlan:
    """Find the metadata blocks every record hangs on; an error when there is none."""
    lines = [line for line in document.lines if not line.is_blank]
    where = f"{document.source_file}"
    if not lines:
        raise InputError("the file holds no text", source_file=where)
    blocks = find_blocks(lines)
    if not blocks:
        only_header = len(lines) == 1 and is_site_header(lines[0].text)
        problem = ("the file holds only the site header" if only_header else
                   "no metadata block ('Type de ressource' / 'Ressource privée') found")
        raise InputError(f"{problem}: this is not an RTES export, or it is cut off before "
                         "its first record ends", source_file=where, line=lines[-1].number)
    keys = [line_key(line.text) for line in lines]
    return SplitPlan(document, lines, blocks, keys,
                     _questions(keys, [line.text for line in lines], blocks))


def _questions(keys: list[str], texts: list[str], blocks: list[MetadataBlock],
               ) -> tuple[NextRegionQuestion, ...]:
    """One question a region (but the last): its lines that need fuzzy matching."""
    regions = region_spans(blocks, len(keys))
    questions = []
    for index in range(len(regions) - 1):
        asked = lines_to_compare(keys, texts, regions, index)
        # A Résumé line copied exactly by a line of the region is that line's copy: no other
        # line is a near-copy of it (a title paraphrasing the body's first line is no copy).
        own = {keys[i] for i in regions[index]}
        questions.append(NextRegionQuestion(tuple(asked), tuple(keys[i] for i in asked),
                                            tuple(keys[j] for j in regions[index + 1] if keys[j] not in own)))
    return tuple(questions)


@dataclass(frozen=True)
class SplitPlan:
    """A document with its metadata blocks found. Its questions (does a line have a near-copy
    in the next region?) can be answered in any order or process; with the answers it splits.
    """

    document: SourceDocument
    lines: Sequence[SourceLine]  # the non-blank lines
    blocks: list[MetadataBlock]
    keys: list[str]
    questions: tuple[NextRegionQuestion, ...]

    def split(self, answers: Iterable[frozenset[int]]) -> SplitResult:
        """Records and quarantined spans, given `copied_in_next_region` of each question."""
        asked = frozenset(i for question in self.questions for i in question.lines)
        copied = frozenset().union(*answers)
        drafts, quarantined = place_titles(self.lines, self.blocks, self.keys, asked, copied)
        return assemble(self.document, self.lines, drafts, quarantined)
