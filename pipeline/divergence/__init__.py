"""Divergence stage: where a record's body and its Résumé disagree, which side is right,
and the canonical text that merges them.

`word_counts(records)` counts the words of the whole run first (the evidence "Mobicoop"
13 times against "Mobiccop" once); `diverge_record(...)` then compares one record's copies.

Modules, in the order they act: `tokens` (word streams with their whitespace), `align`
(paragraphs paired across the copies), `hunks` (word-level differences and their kind),
`lexicon` (French word list and corpus evidence), `judge` (moves, preferred side,
truncation), `compare` (the stage itself: rows, merged text, similarity).
"""

from pipeline.divergence.compare import DivergenceResult, diverge_record, word_counts
from pipeline.divergence.lexicon import WordCounts

__all__ = ["DivergenceResult", "WordCounts", "diverge_record", "word_counts"]
