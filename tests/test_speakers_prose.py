"""Speakers in event write-ups written as prose: the development set, scored per pattern.

tests/cases/speakers_prose.json is written by tests/speakers_prose_cases.py (invented names,
the phrasings of the site's write-ups in our own words). A person counts as found when the
record has a row with the same name key and the same participation (speaker, moderator,
mentioned); a row for someone not labelled (an initiative, a topic) is a false positive.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from pipeline.clean import clean_text
from pipeline.records import EventDate, Metadata, Paragraph, RawRecord, Record, Text
from pipeline.speakers import extract_speakers
from pipeline.speakers.names import name_key

CASES_DIR = Path(__file__).resolve().parent / "cases"
DEV = json.loads((CASES_DIR / "speakers_prose.json").read_text(encoding="utf-8"))
FLOORS = json.loads((CASES_DIR / "speakers_prose_floor.json").read_text(encoding="utf-8"))


def _record(case: dict) -> Record:
    paragraphs = tuple(Paragraph(n, clean_text(t), t) for n, t in enumerate(case["paragraphs"], start=2))
    raw = RawRecord("dev.txt", Paragraph(1, case["id"]), paragraphs, (), ())
    return Record(case["id"], 0, raw, Metadata(None, None, None, EventDate(), None, None),
                  Text(paragraphs), "body_only")


@pytest.fixture(scope="module")
def predicted() -> dict[str, list]:
    result = extract_speakers([_record(case) for case in DEV["cases"]])
    rows = defaultdict(list)
    for row in result.speakers:
        rows[row.resource_id].append(row)
    return rows


def score(cases: list[dict], rows: dict[str, list]) -> dict[str, float]:
    """Precision, recall and F1 of (person, participation), and role/organisation accuracy
    over the people found."""
    truth = {(c["id"], name_key(p["name"]), p["participation"]) for c in cases for p in c["people"]}
    guessed = {(c["id"], name_key(r.name), str(r.participation)) for c in cases for r in rows[c["id"]]}
    hits = len(truth & guessed)
    precision = hits / len(guessed) if guessed else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    by_key = {(c["id"], name_key(r.name)): r for c in cases for r in rows[c["id"]]}
    labelled = [(p, by_key.get((c["id"], name_key(p["name"])))) for c in cases for p in c["people"]]
    found = [(p, r) for p, r in labelled if r is not None]
    role = sum(p["role"] == r.role for p, r in found) / len(found) if found else 1.0
    organisation = sum(p["organisation"] == r.organisation for p, r in found) / len(found) if found else 1.0
    return {"precision": precision, "recall": recall, "f1": f1, "role_accuracy": role,
            "organisation_accuracy": organisation}


def _subset(split: str | None = None, pattern: str | None = None) -> list[dict]:
    return [c for c in DEV["cases"] if (split in (None, c["split"])) and (pattern in (None, c["pattern"]))]


def report(rows: dict[str, list]) -> str:
    lines = [f"{'pattern':22} {'split':8} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'role':>6} {'org':>6}"]
    patterns = sorted({c["pattern"] for c in DEV["cases"]})
    for pattern in [*patterns, None]:
        for split in ("design", "heldout", "heldout2", "heldout3", None):
            cases = _subset(split, pattern)
            if cases:
                s = score(cases, rows)
                lines.append(f"{pattern or 'ALL':22} {split or 'all':8} {len(cases):>4} "
                             + " ".join(f"{s[k]:6.3f}" for k in ("precision", "recall", "f1",
                                                                  "role_accuracy", "organisation_accuracy")))
    return "\n".join(lines)


def test_every_pattern_has_80_cases():
    counts = defaultdict(int)
    for case in DEV["cases"]:
        counts[case["pattern"]] += 1
    assert min(counts.values()) >= 80, counts


def test_the_file_is_what_the_generator_writes():
    from speakers_prose_cases import render

    assert (CASES_DIR / "speakers_prose.json").read_text(encoding="utf-8") == render()


@pytest.mark.parametrize("split", ["design", "heldout", "heldout2", "heldout3"])
def test_quality_gate(predicted, split):
    scores = score(_subset(split), predicted)
    print(f"\nspeakers in prose, {split}:", ", ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    floors = FLOORS[split]
    below = {name: value for name, value in scores.items() if value < floors[name]}
    assert below == {}, f"below the floors pinned in tests/cases/speakers_prose_floor.json: {below}"


if __name__ == "__main__":
    print(report(predicted.__wrapped__()))
