"""Writes tests/cases/speakers_prose.json: labelled event write-ups in prose, invented names.

Run `python tests/speakers_prose_cases.py` to regenerate; the output is deterministic (a fixed
seed) and tests/test_speakers_prose.py checks the file in the repository is what this writes.
Each pattern has "design" phrasings, which the rules were written against, and "heldout"
phrasings, written at the same time but not looked at while writing the rules. Two more sets
were written later, each before the rules were run on it: "heldout2" (after the rules were
tuned on "heldout"'s errors) and "heldout3" (after "heldout2"'s). Each held-out set's first
score (F1 0.932, 0.707, 0.756) estimates how the rules do on phrasings they were not made
for; after it, the set's errors were used to generalise the rules.

A case is one record (a list of paragraphs) and the people in it, each with the name, the
participation (speaker | moderator | mentioned), the role and the organisation, as a reader
would separate them; negatives list no one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from speakers_prose_first import PHRASINGS
from speakers_prose_later import GIVEN_3, PER_PHRASING_2, PHRASINGS_2, PHRASINGS_3, SURNAME_3
from speakers_prose_vocab import Draw as _Draw

OUT = Path(__file__).resolve().parent / "cases" / "speakers_prose.json"
SEED = 12
PER_PHRASING = 16  # cases per phrasing: 5 to 8 phrasings give 80+ cases per pattern

# Patterns with fewer phrasings get more cases each, so that every pattern has 80 or more.
MIN_PER_PATTERN = 80


def build_cases() -> list[dict]:
    rng = random.Random(SEED)
    by_pattern: dict[str, list] = {}
    for pattern, split, builder in PHRASINGS:
        by_pattern.setdefault(pattern, []).append((split, builder))
    cases = []
    for pattern, phrasings in by_pattern.items():
        per = max(PER_PHRASING, -(-MIN_PER_PATTERN // len(phrasings)))
        for split, builder in phrasings:
            for _ in range(per):
                paragraphs, people = builder(_Draw(rng))
                cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": split,
                              "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                              "people": people})
    second = random.Random(SEED + 1)
    for pattern, builder in PHRASINGS_2:
        for _ in range(PER_PHRASING_2):
            paragraphs, people = builder(_Draw(second))
            cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": "heldout2",
                          "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                          "people": people})
    third = random.Random(SEED + 2)
    for pattern, builder in PHRASINGS_3:
        for _ in range(PER_PHRASING_2):
            paragraphs, people = builder(_Draw(third, GIVEN_3, SURNAME_3))
            cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": "heldout3",
                          "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                          "people": people})
    return cases


def render() -> str:
    document = {"comment": __doc__.strip(), "cases": build_cases()}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"{OUT}: {len(build_cases())} cases")
