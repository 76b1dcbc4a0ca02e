"""The French word lists the stages share, one home each (like ftfy's `chardata.py`).

Each list is written once, in its plainest form; the modules that need a regex or a
lookup table derive it from the list here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.text import fold_accents

# Month names, in calendar order, spelled with their accents. Dates are read with them
# (metadata: "26 août 2020") and a number before one is a day, not a count (figures: "9 juin").
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
# Month number by accent-free, casefolded name ("aout" -> 8): the key `fold_accents` gives.
MONTH_NUMBERS: dict[str, int] = {fold_accents(name): number for number, name in enumerate(MONTHS, 1)}

# Particles between a given name and a surname ("Julien de Benito", "Anne d'Estaing"), as a
# normalised name writes them (lower case, straight apostrophe). "le"/"la" are not here: in
# running text they are articles ("Villeneuve la Garenne"); only capitalised ("Jean Le Gall")
# does the name pattern of `pipeline.speakers.names` take them as particles.
NAME_PARTICLES = ("de", "du", "des", "d'", "van", "von", "da", "dos", "del", "di")

# Civilities written before a name ("Mme Marie Durand", "M. Jean Dupont"): part of no name.
CIVILITIES = ("M.", "MM.", "Mme", "Mmes", "Mlle", "Mr", "Dr", "Pr", "Me")

# Scale words after a number and their factors: "1.5 Millions" = 1.5e6, "20 milliards de
# bénéfices" = 2e10. Spelled out, they also scale a counted noun and continue a cardinal
# in words ("deux millions").
SCALE_WORDS: dict[str, float] = {
    "mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
}
# Abbreviated, they scale an amount of money only: "50 k€", "3 M€", "2 Md€", "1,2 Mrds €".
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mns": 1e6, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9,
}
# Both, keyed by their casefolded form.
SCALES: dict[str, float] = {**SCALE_ABBREVIATIONS, **SCALE_WORDS}

# Collective numerals and their value ("une douzaine d'années" is about twelve years).
COLLECTIVES: dict[str, float] = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
    "millier": 1000,
}
# Fraction words and their denominator ("un quart" is 1/4, "les deux tiers" 2/3).
DENOMINATORS: dict[str, float] = {"moitié": 2, "tiers": 3, "quart": 4, "quarts": 4}

# Qualifiers of a figure as written (casefolded, straight apostrophe, one space) -> the
# canonical qualifier of the figures table ("un peu plus d'" -> "plus de").
QUALIFIERS: dict[str, str] = {
    "plus de": "plus de", "plus d'": "plus de", "un peu plus de": "plus de",
    "un peu plus d'": "plus de", "supérieur à": "plus de", "supérieure à": "plus de",
    "supérieurs à": "plus de", "supérieures à": "plus de",
    "au moins": "au moins", "au minimum": "au moins", "minimum": "au moins",
    "moins de": "moins de", "moins d'": "moins de", "inférieur à": "moins de",
    "inférieure à": "moins de", "inférieurs à": "moins de", "inférieures à": "moins de",
    "au plus": "au plus", "au maximum": "au plus", "maximum": "au plus",
    "jusqu'à": "jusqu'à",
    "près de": "près de", "près d'": "près de", "près du": "près de", "près des": "près de",
    "près": "près de", "presque": "près de", "quasiment": "près de",
    # Not "autour de": "s'organise autour de 3 axes" is structure, not an approximation.
    "environ": "environ", "quelque": "environ", "approximativement": "environ",
    "dont": "dont",
}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that no word stops at a
    shorter one it starts with.

    >>> alternation(["mille", "million", "millions"])
    'millions|million|mille'
    """
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
