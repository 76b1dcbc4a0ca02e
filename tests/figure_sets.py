"""Scoring a labelled set of sentences against the figures grammar, for the test modules
that hold one (tests/cases/figures_prose.json, tests/cases/figures_real_style.json): each
case is {"text": ..., "figures": [{"raw", "value", "unit", "kind", ...}]}."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable

from pipeline.figures import record_figures
from pipeline.records import EventDate, Figure, Metadata, Paragraph, RawRecord, Record, Text

VALUE_TOLERANCE = 1e-9


def record_of(text: str) -> Record:
    """A record whose canonical text is `text`, one paragraph, and no title."""
    paragraph = Paragraph(10, text, text)
    raw = RawRecord(source_file="sentences.txt", title=Paragraph(8, "", ""), body=(paragraph,),
                    metadata=(), resume=())
    metadata = Metadata(resource_type=None, is_private=None, event_kind=None,
                        event_date=EventDate(), participants=None, participants_qualifier=None)
    return Record(resource_id="r-sentences", record_index=0, raw=raw, metadata=metadata,
                  text=Text((paragraph,)), duplicate_status="body_only")


def figures_of(text: str) -> tuple[Figure, ...]:
    return tuple(figure for figure in record_figures(record_of(text)) if not figure.in_title)


def raw_key(raw: str) -> str:
    """A figure's raw text as compared: apostrophes, no-break spaces and case folded."""
    return " ".join(raw.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").casefold().split())


def pair(labelled: Iterable[dict], extracted: Iterable[Figure],
         same: Callable[[dict, Figure], bool]) -> tuple[list[tuple[dict, Figure]], list[dict], list[Figure]]:
    """Each labelled figure with the first extracted one `same` accepts, in text order:
    (pairs, labelled ones not found, extracted ones not labelled)."""
    remaining = list(extracted)
    pairs, missed = [], []
    for item in labelled:
        found = next((f for f in remaining if same(item, f)), None)
        if found is None:
            missed.append(item)
        else:
            remaining.remove(found)
            pairs.append((item, found))
    return pairs, missed, remaining


def pairs_of(case: dict) -> tuple[list[tuple[dict, Figure]], list[dict], list[Figure]]:
    """Labelled and extracted figures of one sentence paired by raw."""
    return pair(case["figures"], figures_of(case["text"]),
                lambda item, figure: raw_key(figure.raw) == raw_key(item["raw"]))


def same_value(item: dict, figure: Figure) -> bool:
    return (math.isclose(item["value"], figure.value, rel_tol=VALUE_TOLERANCE)
            and (item["unit"], item["kind"]) == (figure.unit, figure.kind))


def tally(cases: Iterable[dict], *, with_subjects: bool = False) -> Counter[str]:
    counts: Counter[str] = Counter()
    for case in cases:
        pairs, missed, spurious = pairs_of(case)
        counts.update(matched=len(pairs), missed=len(missed), spurious=len(spurious),
                      value=sum(same_value(i, f) for i, f in pairs))
        if with_subjects:
            counts.update(subject=sum(i["subject"] == f.subject for i, f in pairs),
                          qualifier=sum(i["qualifier"] == f.qualifier for i, f in pairs))
    return counts


def quality(counts: Counter[str]) -> dict[str, float]:
    """Precision, recall, F1, value accuracy and their product (0 when nothing matched)."""
    matched = counts["matched"]
    if not matched:
        return dict.fromkeys(("precision", "recall", "f1", "value_accuracy", "f1_x_value_accuracy"), 0.0)
    precision = matched / (matched + counts["spurious"])
    recall = matched / (matched + counts["missed"])
    f1 = 2 * precision * recall / (precision + recall)
    value_accuracy = counts["value"] / matched
    result = {"precision": precision, "recall": recall, "f1": f1, "value_accuracy": value_accuracy}
    for name in ("subject", "qualifier"):
        if name in counts:
            result[f"{name}_accuracy"] = counts[name] / matched
    result["f1_x_value_accuracy"] = f1 * value_accuracy
    return result


def errors(cases: Iterable[dict]) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(sentence, missed raws, spurious raws, raws read with a wrong value or unit)."""
    found = []
    for case in cases:
        pairs, missed, spurious = pairs_of(case)
        bad = [f"{f.raw}={f.value:g} {f.unit}" for i, f in pairs if not same_value(i, f)]
        if missed or spurious or bad:
            found.append((case["text"], [m["raw"] for m in missed], [f.raw for f in spurious], bad))
    return found
