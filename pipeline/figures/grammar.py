"""The French figure grammar as precompiled regexes.

Two scans find every place a figure can start, in one pass each over the text:
`DIGITS` (through `digit_matches`: numbers in digits, with dates, clock times and ordinals
matched first as `skip` so they are consumed whole), `WORDS` (cardinals, collective
numerals, fraction words in letters, and "un an", "une année"). Each candidate is then
read forward with the anchored `TAIL` (its unit or counted noun; `ELIDED_NOUN_AFTER` when
the noun was said before) and backward with `qualifier_before`, `is_label_before` and
`is_copula_before`.

Speed matters (the pipeline must ingest >= 5 MB/s): every scan starts with something sre
can skip to quickly (a digit, or a trie of literals: about 60 MB/s, where one flat
case-insensitive alternation of the same words runs at 20 MB/s); everything else is an
anchored `match` at a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pipeline.wordlists import (
    COLLECTIVES,
    DENOMINATORS,
    QUALIFIERS,
    SCALE_WORDS,
    SCALES,
    alternation,
)

# Ordinary, no-break and narrow no-break space: all three separate thousands and units.
SP = "[ \u00a0\u202f]"
GAP = f"{SP}*"
# A letter (not a digit, not "_"): \w minus digits and underscore.
LETTER = r"[^\W\d_]"
NOT_LETTER_AFTER = f"(?!{LETTER})"

# Digits: "150 000" / "1\u202f770" (groups of three after a space), "1.500.000", "1,5", "1.5".
NUMBER = rf"\d{{1,3}}(?:{SP}\d{{3}})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)*"
_RANGE_SEPARATORS = r"à|ou|et|-|–|/"
_ORDINAL_SUFFIXES = "ères|ère|ers|er|èmes|ème|emes|eme|e|è|nds|nd|ndes|nde|°|ᵉ"

# The leading lookahead lets sre jump from digit to digit (60 MB/s instead of 12).
DIGITS = re.compile(
    rf"""(?=\d)(?:
    (?P<skip>
        \d{{1,2}}/\d{{1,2}}/\d{{2,4}}(?!\d)                  # date 15/07/2020
      | \d{{1,2}}[hH](?:\d{{2}})?{NOT_LETTER_AFTER}          # clock 14h, 15h30
      | \d+(?:{_ORDINAL_SUFFIXES}){NOT_LETTER_AFTER}         # ordinal 10ème, 1ères, 2°
    )
  | (?P<num>{NUMBER})
    (?:{GAP}(?P<rsep>{_RANGE_SEPARATORS}){GAP}(?P<num2>{NUMBER})(?![/\d]))?
    )""",
    re.VERBOSE,
)
_A_DIGIT = re.compile(r"\d")


def digit_matches(text: str) -> Iterator[re.Match[str]]:
    """`DIGITS.finditer(text)`, 1.7x faster: a bare digit search (hundreds of MB/s) finds
    where the next match starts, and DIGITS is matched there only. The two agree because
    DIGITS matches at every digit (its `num` branch takes any digit run)."""
    position = 0
    while (digit := _A_DIGIT.search(text, position)) is not None:
        match = DIGITS.match(text, digit.start())
        assert match is not None, "DIGITS matches at every digit"
        yield match
        position = match.end()


# Before a number, these characters make it part of a name, a reference or a date:
# "TAg35", "Covid-19", "p.8", "al.3", "47-1775", "15/07".
GLUED_BEFORE = frozenset("_.,/-–")

# Cardinals in words; collective numerals and fraction words are in `pipeline.wordlists`.
CARDINALS = (
    "quatre-vingts quatre-vingt soixante cinquante quarante trente vingts vingt dix onze "
    "douze treize quatorze quinze seize deux trois quatre cinq six sept huit neuf cents cent "
    "mille"
).split()


def literal_trie(words: Iterable[str]) -> str:
    """A regex matching any of `words`, factored as a trie of literals (longest first).

    >>> literal_trie(["deux", "dix", "dizaine"])
    'd(?:eux|i(?:x|zaine))'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(tree)


def _trie_pattern(node: dict) -> str:
    # Sibling branches start with different characters, so their order does not matter;
    # an optional ending is greedy, so "douzaine" wins over "douze" and "cents" over "cent".
    branches = [re.escape(char) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


# "un"/"une" is an article far more often than a number: only before a duration word or a
# full-time equivalent ("un ETP", "un équivalent temps plein").
ONE_DURATIONS = tuple(f"{article}{space}{unit}" for space in " \u00a0\u202f"
                      for article, unit in (("un", "an"), ("un", "ans"), ("une", "année"),
                                            ("un", "mois"), ("une", "semaine"),
                                            ("un", "ETP"), ("un", "équivalent")))
_WORDS = [*CARDINALS, *COLLECTIVES, *DENOMINATORS, *ONE_DURATIONS]
# Characters a word in letters can follow. Consuming one of them first (instead of a \b)
# lets sre skip to the next space: 95 MB/s, where a bare trie runs at 45 MB/s. A word at
# the very start of a text has no such character: `words_at_start` covers it.
_WORD_SEPARATORS = "[ \n(«\"'’\u00a0\u202f-]"
# Lower-case and capitalised ("Quatre intervenants"); all-capital titles are left out.
_WORD_TRIE = literal_trie([*_WORDS, *(word[0].upper() + word[1:] for word in _WORDS)])
WORDS = re.compile(f"{_WORD_SEPARATORS}(?P<word>{_WORD_TRIE}){NOT_LETTER_AFTER}")
_WORD_AT_START = re.compile(f"(?P<word>{_WORD_TRIE}){NOT_LETTER_AFTER}")


def words_at_start(text: str) -> list[re.Match[str]]:
    """The `WORDS` match at offset 0, where no separator precedes the word."""
    match = _WORD_AT_START.match(text)
    return [match] if match else []
_CONTINUATIONS = "|".join([*CARDINALS, "une", "un",
                           alternation(word for word in SCALE_WORDS if word not in CARDINALS)])
# The rest of a cardinal in words: "vingt-cinq", "deux cent mille", "vingt et un".
CARDINAL_REST = re.compile(
    rf"(?:(?:{SP}|-)(?:et(?:{SP}|-))?(?:{_CONTINUATIONS}))*{NOT_LETTER_AFTER}", re.IGNORECASE
)
# Read backward from a fraction word: "un quart", "la moitié", "les deux tiers", "près du".
NUMERATOR_BEFORE = re.compile(
    rf"(?:^|[^\w])(?P<numerator>les{SP}+deux|les{SP}+trois|deux|trois|une?|le|la|du){SP}+$",
    re.IGNORECASE,
)
# After a fraction word: it must be a share of something ("le tiers du budget").
OF_SOMETHING = re.compile(rf"{GAP}(?:de|du|des|d['’])", re.IGNORECASE)
QUARTER_HOUR = re.compile(rf"{GAP}d['’]{GAP}heure", re.IGNORECASE)
# Read backward from a collective numeral: only "un"/"une", and "la" before "de" ("la
# quarantaine de personnes"); "des centaines" has no value.
ARTICLE_BEFORE = re.compile(rf"(?:^|[^\w])(?P<article>une?|la){SP}+$", re.IGNORECASE)
# After a collective numeral: "une douzaine d'années", "une centaine de personnes".
OF = re.compile(rf"{SP}+(?:d['’]|de){GAP}", re.IGNORECASE)

# Adjectives that may sit between a number and its unit or noun ("15/20 prochaines années").
ADJECTIVES = (
    "prochaines?|prochains?|dernières?|derniers?|premières?|premiers?|grands?|grandes?|"
    "petits?|petites?|nouveaux|nouvelles?|longues?|bonnes?"
)
_ADJECTIVE = rf"(?:(?:{ADJECTIVES}){SP}+)?"
_SCALES = alternation(SCALES)
_MEASURE_WORDS = (
    rf"m²|m2|km²|km2|mètres?{SP}+carrés?|hectares?|ha|ares?|kilomètres?|kms?|mètres?|"
    "années?|ans?|mois|semaines?|jours?|heures?|minutes?"
)
# "200 ETP", "12 équivalents temps plein", "une dizaine d'ETP": jobs as full-time equivalents.
FTE = rf"ETP|etp|[ée]quivalents?{SP}+temps{SP}+pleins?"
# A noun, with inclusive writing kept whole ("participant.e.s", "coopérateur.rice").
NOUN_WORD = rf"{LETTER}+(?:-{LETTER}+)*(?:[.·](?:e|ice|rice|ne|le|se|euse)(?:[.·]s)?)?"

# What follows a number, tried in this order at the number's end.
TAIL = re.compile(
    rf"""
    (?P<percent>{GAP}(?:%|pour{SP}?cents?\b|pourcents?\b))
  | {GAP}(?:(?P<money_scale>{_SCALES}){NOT_LETTER_AFTER}{GAP})?(?:(?:d['’]|de){GAP})?
    (?P<currency>€|\$|(?:euros?|eur|dollars?|usd){NOT_LETTER_AFTER})
    (?:{GAP}(?:HT|TTC){NOT_LETTER_AFTER})?
  | {GAP}{_ADJECTIVE}(?P<measure>{_MEASURE_WORDS}){NOT_LETTER_AFTER}
  | {GAP}(?P<fte>{FTE}){NOT_LETTER_AFTER}
  | {GAP}(?P<noun_scale>{alternation(SCALE_WORDS)}){SP}+(?:(?:d['’]|de|des){GAP})?
    (?P<scaled_noun>{NOUN_WORD})
  | {SP}+{_ADJECTIVE}(?P<noun>{NOUN_WORD})
    """,
    re.IGNORECASE | re.VERBOSE,
)
# After "une centaine d'": the same without the space a noun otherwise needs.
TAIL_AFTER_OF = re.compile(
    rf"{_ADJECTIVE}(?:(?P<measure>{_MEASURE_WORDS}){NOT_LETTER_AFTER}|(?P<fte>{FTE}){NOT_LETTER_AFTER}"
    rf"|(?P<noun>{NOUN_WORD}))",
    re.IGNORECASE,
)
# A count whose noun is elided because it was just said: "plusieurs sites lauréats dont 3
# sur Lille", "le projet, en lien avec 3 autres", "3 sont traiteurs". After these words
# (or after "dont") the counted noun is looked for earlier in the sentence.
ELIDED_NOUN_AFTER = re.compile(rf"{SP}+(?:autres|sont|ont){NOT_LETTER_AFTER}", re.IGNORECASE)
NOUNS = re.compile(NOUN_WORD)
# "Ils étaient plus de 60 à suivre la visite", "Nous étions une trentaine à participer": a
# head count whose noun is a personal pronoun, the subject of "être", and an infinitive after.
BY_INFINITIVE_AFTER = re.compile(
    rf"{SP}+à{SP}+(?:[ldnsm]['’])?{LETTER}+(?:er|ir|re|oir){NOT_LETTER_AFTER}", re.IGNORECASE
)
BE_PLURAL = frozenset("étaient étions sont sommes seront serons furent fûmes".split())
PRONOUN_BE = frozenset(f"{pronoun} {verb}" for pronoun in ("ils", "elles", "nous") for verb in BE_PLURAL)
# What the figure is a figure of: "25% des denrées", "2 hectares de jardins", "1,5 % de son
# budget" (the determiner after "de" is skipped).
_DETERMINERS = r"la|l['’]|son|sa|ses|leurs|leur|notre|nos|votre|vos|cette|cet|ces|ce"  # longest first
SUBJECT_AFTER = re.compile(
    rf"{SP}+(?:de{SP}+(?:{_DETERMINERS}){GAP}|du{SP}|des{SP}|de{SP}|d['’]){GAP}"
    rf"(?P<subject>{NOUN_WORD})",
    re.IGNORECASE,
)
# A qualifier written after the figure: "sur 5 ans maximum", "300 personnes environ".
QUALIFIER_AFTER = re.compile(
    rf"{SP}+(?P<qualifier>maximum|minimum|environ|au{SP}plus|au{SP}moins){NOT_LETTER_AFTER}",
    re.IGNORECASE,
)

# Read backward with str.endswith and the last word, not with `$`-anchored regex searches:
# sre tries those at every position of the look-behind window, five times slower.
# How far back qualifiers and labels are looked for ("un peu plus de " is 15 characters).
LOOKBEHIND_CHARS = 30
_QUALIFIER_FORMS = tuple(sorted(QUALIFIERS, key=len, reverse=True))  # longest first
# A number right after these words is a reference or a label, not a quantity.
LABEL_WORDS = frozenset(
    """article articles art loi lois décret alinéa alinéas al objectif objectifs phase phases
    étape étapes page pages p chapitre chapitres titre titres section sections annexe annexes
    numéro numéros lot lots version versions niveau niveaux années tome tomes vol volume
    volumes édition éditions acte actes rang rangs no n°""".split()
)
# "1D Lab est 1 SCIC": after a copula, "1" is the article "une" written as a digit.
COPULAS = frozenset({"est", "sont", "c'est", "était", "devient", "reste"})
_STRAIGHT_QUOTES = str.maketrans({"’": "'"})


def _words_before(text: str, position: int) -> list[str]:
    before = text[max(0, position - LOOKBEHIND_CHARS):position]
    return before.translate(_STRAIGHT_QUOTES).casefold().split()  # split() folds U+00A0/202F


# The last word of every qualifier form: most figures follow none of them, and a set lookup
# of one word settles those before the longer comparison.
_QUALIFIER_LAST_WORDS = frozenset(form.split()[-1] for form in QUALIFIERS) | {"d'"}


def qualifier_before(text: str, position: int) -> str | None:
    """The canonical qualifier written right before `position` ('Plus de' -> 'plus de').

    Not "autour de": "s'organise autour de 3 axes" is structure, not an approximation.
    """
    last = text[max(0, position - LOOKBEHIND_CHARS):position].rsplit(None, 1)[-1:]
    last_word = last[0].casefold().translate(_STRAIGHT_QUOTES) if last else ""
    if last_word not in _QUALIFIER_LAST_WORDS and not last_word.endswith("d'"):
        return None  # the common case, settled without building the whole tail
    tail = " ".join(_words_before(text, position))
    if not tail.endswith(_QUALIFIER_FORMS):
        return None
    for form in _QUALIFIER_FORMS:
        if tail.endswith(form) and (len(tail) == len(form) or not tail[-len(form) - 1].isalnum()):
            return QUALIFIERS[form]
    return None


def is_label_before(text: str, position: int) -> bool:
    """'article 19', 'Objectif 1', 'n° 47-1775', 'R. 2124', 'années 90'."""
    words = text[max(0, position - LOOKBEHIND_CHARS):position].split()
    if not words:
        return False
    last = words[-1]
    initial = len(last) == 2 and last[0].isupper() and last[1] == "."  # "R.", "L."
    return initial or last.casefold().rstrip(".") in LABEL_WORDS


def counted_by_infinitive(text: str, start: int, end: int) -> str | None:
    """A count of the subject of a plural "être", with "à" and an infinitive after it:
    'pronoun' for 'ils étaient (plus de) 60 à suivre' or 'nous étions (une) trentaine à
    participer' (people), 'be' for 'les associations sont 12 à porter' (the noun said
    before); None when the count is not so written."""
    if BY_INFINITIVE_AFTER.match(text, end) is None:
        return None
    words = _words_before(text, start)[-4:]
    if any(" ".join(pair) in PRONOUN_BE for pair in zip(words, words[1:], strict=False)):
        return "pronoun"
    return "be" if BE_PLURAL.intersection(words[1:]) else None


def is_copula_before(text: str, position: int) -> bool:
    words = _words_before(text, position)
    return bool(words) and words[-1] in COPULAS


CURRENCY_WORD = re.compile(
    rf"€|\$|\b(?:euros?|eur|dollars?|usd){NOT_LETTER_AFTER}", re.IGNORECASE
)

# A number with a scale word and nothing after it that says what it counts: "5,7 millions".
BARE_SCALE = re.compile(rf"{GAP}(?P<scale>millions?|milliards?){NOT_LETTER_AFTER}", re.IGNORECASE)
# Words of a sentence or paragraph saying that such a bare amount is money: "un budget de",
# "financé à hauteur de", "subventions", "l'enveloppe". Searched only around a bare amount.
MONEY_CUE = re.compile(
    r"€|\b(?:budg|euro|financ|subvention|dotation|investi|crédit|enveloppe|montant|coût|"
    r"chiffre d['’]affaires|fonds|aides?\b|dépens|recette|prêt|capital|bénéfice|lev[ée])",
    re.IGNORECASE,
)
# After a collective numeral with no "de" ("une quarantaine sur place"): the words that may
# follow it when it counts a noun said elsewhere. Anything else ("une quarantaine stricte",
# "Une Quarantaine Solidaire") leaves it unread.
BARE_COLLECTIVE_NEXT = re.compile(
    rf"{GAP}(?:[.,;:!?)»\n]|$|s['’]|d['’]entre|(?:sur|à|en|au|aux|dans|ont|avaient|étaient|"
    rf"sont|se|y|parmi|et|ou|qui|dont|présents|présentes|inscrits|inscrites|connectés|"
    rf"connectées|venus|venues|réunis|réunies|avait|était|a|venaient|viennent|"
    rf"participaient|représentaient|assistaient|pour){NOT_LETTER_AFTER})",
    re.IGNORECASE,
)
# Words after which a noun heads its phrase: "les associations adhérentes".
NOUN_DETERMINERS = frozenset(
    "les des ces nos vos leurs ses aux les mes plusieurs nombreux nombreuses quelques".split()
)
