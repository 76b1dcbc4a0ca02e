"""Numbers as French typography writes them, in digits or in words, to floats."""

from __future__ import annotations

import re

from text_to_num import text2num

from pipeline.wordlists import COLLECTIVES, DENOMINATORS

# The three spaces French typography puts between groups of thousands.
THOUSANDS_SPACES = " \u00a0\u202f"
_SPACES = re.compile(f"[{THOUSANDS_SPACES}]")
# "1.500.000", "400.000": dots grouping thousands. French writes decimals with a comma, so a
# dot followed by exactly three digits groups thousands; "1.5" and "2.75" stay decimals.
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")

# Collective numerals (`COLLECTIVES`, "une douzaine d'années"): text2num does not read them,
# and they are approximate by nature, so the figure gets the qualifier "environ". Fractions
# in words (`DENOMINATORS`) are read as shares of 1 ("un quart d'élus" is 0.25, unit
# "fraction"); a percentage keeps its written scale ("25 %" is 25, unit "percent").
# Numerators of a fraction that are a determiner ("le tiers", "du quart") count as one.
_NUMERATOR_WORDS = {"deux": 2, "trois": 3}


def parse_digits(written: str) -> float:
    """A number written in digits, French or English style.

    >>> parse_digits("1 770"), parse_digits("1,5"), parse_digits("1.5")
    (1770.0, 1.5, 1.5)
    >>> parse_digits("150\u202f000"), parse_digits("1.500.000"), parse_digits("400.000")
    (150000.0, 1500000.0, 400000.0)
    """
    if written.isdigit():  # the common case, "2020", "80": no separator to remove
        return float(written)
    compact = _SPACES.sub("", written)
    if _DOTTED_THOUSANDS.match(compact):
        return float(compact.replace(".", ""))
    return float(compact.replace(",", "."))


def parse_words(written: str) -> float | None:
    """A cardinal in words via text2num ("vingt-cinq" -> 25.0); None if it is not one."""
    try:
        return float(text2num(written.casefold(), "fr"))
    except ValueError:
        return None


def collective_value(word: str) -> float:
    """'douzaine' -> 12.0, 'centaines' -> 100.0."""
    key = word.casefold()
    return float(COLLECTIVES[key[:-1] if key.endswith("s") else key])


def fraction_value(numerator: str, denominator: str) -> float:
    """A fraction in words as a share of 1: ('les deux', 'tiers') -> 0.666...

    >>> fraction_value("un", "quart"), fraction_value("la", "moitié"), fraction_value("trois", "quarts")
    (0.25, 0.5, 0.75)
    >>> round(fraction_value("du", "tiers"), 4)
    0.3333
    """
    count = _NUMERATOR_WORDS.get(numerator.casefold().split()[-1], 1)
    return count / DENOMINATORS[denominator.casefold()]
