"""Metadata blocks: the label/value runs ('Type de ressource' / value / 'Ressource privée' /
Oui|Non / 'Résumé') that anchor every record of an export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.labels import Label, any_label, inline_label, label_of
from pipeline.records import SourceLine


@dataclass(slots=True)
class MetadataBlock:
    """A metadata block: indexes into the non-blank lines."""

    start: int
    end: int  # exclusive
    has_resume: bool
    complete: bool  # both the type and the private pair were found


def find_blocks(lines: Sequence[SourceLine]) -> list[MetadataBlock]:
    blocks, i = [], 0
    while i < len(lines):
        block = _block_at(lines, i)
        if block:
            blocks.append(block)
            i = block.end
        else:
            i += 1
    return blocks


def _block_at(lines: Sequence[SourceLine], start: int) -> MetadataBlock | None:
    first = any_label(lines[start].text)
    if first == Label.documents and start + 1 < len(lines) and any_label(
        lines[start + 1].text
    ) in (Label.type, Label.private):
        i = start + 1
    elif first in (Label.type, Label.private):
        i = start
    else:
        return None
    seen: set[str] = set()
    has_resume = False
    while i < len(lines):
        text = lines[i].text
        inline = inline_label(text)
        label = label_of(text)
        if inline and inline[0] not in seen:
            seen.add(inline[0])
            i += 1
        elif label in (Label.type, Label.private) and label not in seen:
            seen.add(label)
            i += 1
            if i < len(lines) and label_of(lines[i].text) is None and not inline_label(
                lines[i].text
            ):
                i += 1  # the value line
        elif label == Label.resume:
            has_resume = True
            i += 1
            break
        else:
            break
    return MetadataBlock(start, i, has_resume, complete=seen == {Label.type, Label.private})


def region_spans(blocks: Sequence[MetadataBlock], n_lines: int) -> list[range]:
    """The lines between consecutive metadata blocks (one region more than blocks)."""
    starts = [0] + [block.end for block in blocks]
    stops = [block.start for block in blocks] + [n_lines]
    return [range(start, stop) for start, stop in zip(starts, stops, strict=True)]
