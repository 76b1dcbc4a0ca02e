"""Evidence about French words: corpus frequencies, a French word list, obvious duplications.

The divergence stage asks these questions to decide which copy of a record is right. The
word list is pyspellchecker's French dictionary (`SpellChecker(language="fr")`), shipped
inside the package, so lookups work offline; it is loaded once, lazily, and every lookup is
cached because the same words come back in every record.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

from pipeline.records import Side

WORD_RE = re.compile(r"\w+")

# Corpus word frequencies: the evidence "Mobicoop" (13 times) against "Mobiccop" (once).
WordCounts = Mapping[str, int]

# A spelling counts as established when seen at least this often: 3 means it occurs
# somewhere besides the two copies of the hunk itself (an equal passage counts twice).
FREQUENT_MIN = 3
# ...and its rival as a slip when seen at most once: only in the hunk being judged.
RARE_MAX = 1

# Articles, demonstratives and possessives: two in a row ("une cette") is an editing slip.
# "leur"/"leurs" are left out: "les leurs" is correct French.
DETERMINERS = frozenset(
    "le la les l un une des du ce cet cette ces mon ma mes ton ta tes son sa ses "
    "notre nos votre vos".split()
)
# Words French legitimately repeats ("nous nous sommes", "vous vous inscrivez").
LEGITIMATE_REPEATS = frozenset({"nous", "vous"})
# Punctuation that is never doubled on purpose (".." and "..." are ellipses, so not ".").
DOUBLED_PUNCTUATION = frozenset({",", ";", ":"})

# Word-list lookups are cached: a 20 MB export asks about the same few thousand words.
LOOKUP_CACHE_SIZE = 65_536


def count_words(texts: Iterable[str]) -> WordCounts:
    """Count every word (`\\w+`, case kept) of the texts: titles, bodies and Résumés.

    Identical texts are split once (a body and its Résumé share most paragraphs), and the
    regex runs on distinct whitespace-separated chunks only, not on the whole corpus.

    >>> count_words(["La SCIC Mobicoop,", "Mobicoop vit.", "Mobicoop vit."])["Mobicoop"]
    3
    """
    chunks: Counter[str] = Counter()
    for text, repeats in Counter(texts).items():
        if repeats == 1:
            chunks.update(text.split())
        else:
            for chunk, n in Counter(text.split()).items():
                chunks[chunk] += n * repeats
    counts: Counter[str] = Counter()
    for chunk, n in chunks.items():
        for word in WORD_RE.findall(unicodedata.normalize("NFC", chunk)):
            counts[word] += n
    return counts


@cache
def _french_words():  # -> SpellChecker; typed loosely to keep the import lazy
    from spellchecker import SpellChecker

    return SpellChecker(language="fr")


@lru_cache(maxsize=LOOKUP_CACHE_SIZE)
def is_french_word(word: str) -> bool:
    """True when the word (any case) is in the French word list.

    >>> is_french_word("relevant"), is_french_word("relèvant")
    (True, False)
    """
    return word.lower() in _french_words()


def find_duplication(tokens: list[str]) -> str | None:
    """The first obvious duplication among adjacent tokens ("une cette", "la la", ", ,").

    >>> find_duplication(["organiser", "une", "cette", "rencontre"])
    'une cette'
    >>> find_duplication(["nous", "nous", "sommes"]) is None
    True
    """
    for left, right in zip(tokens, tokens[1:], strict=False):
        lower_left, lower_right = left.lower(), right.lower()
        if lower_left in DETERMINERS and lower_right in DETERMINERS:
            return f"{left} {right}"
        if lower_left == lower_right and (
            left in DOUBLED_PUNCTUATION or (left.isalpha() and lower_left not in LEGITIMATE_REPEATS)
        ):
            return f"{left} {right}"
    return None


def _times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


def frequency_evidence(body_word: str, resume_word: str, corpus: WordCounts) -> tuple[Side, str] | None:
    """(side, reason) when one spelling is established and the other a one-off."""
    body_n, resume_n = corpus.get(body_word, 0), corpus.get(resume_word, 0)
    for side, kept, kept_n, other, other_n in (
        (Side.body, body_word, body_n, resume_word, resume_n),
        (Side.resume, resume_word, resume_n, body_word, body_n),
    ):
        if kept_n >= FREQUENT_MIN and other_n <= RARE_MAX:
            return side, (
                f"frequency: «{kept}» occurs {_times(kept_n)} in the export, «{other}» {_times(other_n)}"
            )
    return None


def _all_known(words: list[str]) -> bool:
    return all(is_french_word(w) for w in words if not w.isdigit())


def lexicon_evidence(body_words: list[str], resume_words: list[str]) -> tuple[Side, str] | None:
    """(side, reason) when only one side's words are all in the French word list."""
    if not body_words or not resume_words:
        return None
    body_known, resume_known = _all_known(body_words), _all_known(resume_words)
    if body_known == resume_known:
        return None
    side, known, unknown = (
        (Side.body, body_words, resume_words) if body_known else (Side.resume, resume_words, body_words)
    )
    return side, (
        f"word list: «{' '.join(known)}» is in the French word list (pyspellchecker fr), "
        f"«{' '.join(unknown)}» is not"
    )


# Forms of "avoir" before a past participle: "a choisi", never "a choisit".
AVOIR_AUXILIARIES = frozenset(
    "ai as a avons avez ont avais avait avions aviez avaient aura auront aurait auraient".split()
)


def participle_evidence(previous_word: str, body_word: str, resume_word: str) -> tuple[Side, str] | None:
    """(side, reason) for "a choisi" against "a choisit" (participle after avoir).

    >>> participle_evidence("a", "choisi", "choisit")[0] == Side.body
    True
    """
    if previous_word.lower() not in AVOIR_AUXILIARIES:
        return None
    pairs = ((Side.body, body_word, resume_word), (Side.resume, resume_word, body_word))
    for side, participle, other in pairs:
        if participle.endswith("i") and other == participle + "t":
            return side, (
                f"grammar: after «{previous_word}» the past participle «{participle}» is expected, "
                f"not «{other}»"
            )
    return None
