"""Drafts to records: spans that, with the quarantine, tile the whole file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.records import Paragraph, QuarantinedSpan, RawRecord, SourceDocument, SourceLine
from pipeline.split.titles import Draft


@dataclass(frozen=True, slots=True)
class SplitResult:
    records: tuple[RawRecord, ...]
    quarantine: tuple[QuarantinedSpan, ...]


def assemble(
    document: SourceDocument,
    lines: Sequence[SourceLine],
    drafts: list[Draft],
    quarantined: list[tuple[int, str]],
) -> SplitResult:
    """Turn drafts into records whose spans, with the quarantine, tile the whole file."""
    def para(i: int) -> Paragraph:
        return Paragraph(lines[i].number, lines[i].text, lines[i].raw)

    pieces: list[tuple[int, object]] = [(lines[d.title].number, d) for d in drafts]
    pieces += [(lines[i].number, (i, reason)) for i, reason in quarantined]
    pieces.sort(key=lambda piece: piece[0])
    last_line = document.lines[-1].number if document.lines else 0
    records, spans = [], []
    for k, (start, piece) in enumerate(pieces):
        stop = pieces[k + 1][0] - 1 if k + 1 < len(pieces) else last_line
        if k == 0:
            start = 1
        if isinstance(piece, Draft):
            records.append(_to_record(document, lines, piece, para, start, stop))
        else:
            index, reason = piece
            spans.append((start, stop, reason))
    return SplitResult(tuple(records), _merge_spans(document, spans))


def _to_record(document, lines, draft: Draft, para, start: int, stop: int) -> RawRecord:
    block = draft.block
    warnings = list(draft.warnings)
    if block is None:
        metadata: tuple[Paragraph, ...] = ()
    else:
        metadata = tuple(para(i) for i in range(block.start, block.end))
        if not block.complete:
            warnings.append("metadata block incomplete: " + " / ".join(p.text for p in metadata))
    body = tuple(para(i) for i in draft.body)
    resume = tuple(para(i) for i in sorted(draft.resume))
    warnings += _copy_warnings(body, resume)
    return RawRecord(
        source_file=document.source_file,
        title=para(draft.title),
        body=body,
        metadata=metadata,
        resume=_sharing_strings(resume, body),
        tags=tuple(para(i) for i in draft.tags),
        has_resume_label=bool(block and block.has_resume),
        line_start=start,
        line_end=stop,
        warnings=tuple(warnings),
        title_evidence=draft.evidence,
    )


# The openings of the warnings below: the divergence stage, which weighs the same fact with
# the whole diff ("truncated"), replaces them when it finds the copy cut.
CUT_WARNING = "Résumé cut mid-paragraph"
PARTIAL_WARNING = "partial Résumé"
COPY_WARNINGS = (CUT_WARNING, PARTIAL_WARNING)

# A Résumé line this long that opens a longer body paragraph is that paragraph cut short
# (shorter lines, "Ressources :", open many paragraphs by chance).
CUT_MIN_CHARS = 25


def _copy_warnings(body: Sequence[Paragraph], resume: Sequence[Paragraph]) -> list[str]:
    """Weak evidence in the copy: a Résumé cut mid-paragraph, or one that stops copying the
    body early (the export ends inside it, or the site kept its first paragraphs only)."""
    if not body or not resume:
        return []
    keys = [p.text for p in body]
    last = resume[-1].text
    if last in keys:
        where, cut = keys.index(last), False
    else:
        where = next((j for j, key in enumerate(keys)
                      if len(last) >= CUT_MIN_CHARS and len(key) > len(last) and key.startswith(last)), None)
        cut = where is not None
    warnings = []
    if cut:
        warnings.append(f"{CUT_WARNING}: its last line stops inside body line {body[where].line} "
                        "(export cut short?)")
    copied = {p.text for p in resume}
    if where is not None and where + 1 < len(keys) and not copied.intersection(keys[where + 1:]):
        warnings.append(f"{PARTIAL_WARNING}: it copies the body up to line {body[where].line} and nothing "
                        f"of the {len(keys) - where - 1} body line(s) after it")
    return warnings


def _sharing_strings(resume: tuple[Paragraph, ...], body: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
    """The Résumé with each paragraph equal to one of the body holding the body's strings:
    most of a Résumé copies its body, and one string instead of two halves the memory they
    take, and what a record costs to send to another process."""
    same = {p.text: p for p in body}
    return tuple(
        Paragraph(p.line, twin.text, twin.raw if p.raw == twin.raw else p.raw)
        if (twin := same.get(p.text)) is not None else p
        for p in resume
    )


def _merge_spans(document: SourceDocument, spans: list[tuple[int, int, str]]):
    """Adjacent quarantined lines with the same reason become one span."""
    merged: list[list] = []
    for start, stop, reason in spans:
        if merged and merged[-1][2] == reason and merged[-1][1] + 1 == start:
            merged[-1][1] = stop
        else:
            merged.append([start, stop, reason])
    by_number = {line.number: line.raw for line in document.lines}
    return tuple(
        QuarantinedSpan(document.source_file, start, stop,
                        "\n".join(by_number.get(n, "") for n in range(start, stop + 1)), reason)
        for start, stop, reason in merged
    )
