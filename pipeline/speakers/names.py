"""Person names: find name-shaped spans, normalise them, and give each person a stable id."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from pipeline.text import strip_accents
from pipeline.wordlists import CIVILITIES, NAME_PARTICLES

_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_LOWER = "a-zß-öø-ÿœ"
# A given name: capitalised, possibly hyphenated ("Anne-Laure", "Jean-Louis").
_GIVEN = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)*"
# A surname word: capitalised or all capitals ("Forzy", "Gueraud-Pinet", "FORZY").
_SURNAME = (rf"(?:[{_UPPER}]['’])?(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}})"
            rf"(?:-(?:[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}))*")  # "N'Diaye" too
# A particle between given name and surname, lower-case or capitalised, then a space (none
# after "d'"); "de la" too, and "Le"/"La" capitalised only (lower-case, they are articles).
_PARTICLE_WRITTEN = [form for particle in ("de la", *NAME_PARTICLES)
                     for form in (particle, particle.title())] + ["Le", "La"]
_PARTICLE = "(?:{})".format("|".join(
    re.escape(form).replace("'", "['’]") + ("" if form.endswith("'") else " ")
    for form in sorted(_PARTICLE_WRITTEN, key=len, reverse=True)
))
# Given name + one to three surname parts: "Genauto Carvalho de França Filho" has three;
# after "d'" too ("ainsi que d'Émeline Baume").
NAME_RE = re.compile(
    rf"(?:(?<=\bd['’])|(?<=\bqu['’])|(?<![\w'’-])){_GIVEN}(?: {_PARTICLE}?{_SURNAME}){{1,3}}(?![\w-])"
)

# Capitalised words that start a sentence or a phrase (before a list of names, too), and
# civilities, but never a person's name: a name-shaped span drops them ("Pour Abou Ndiaye",
# "Mme Martine Ndiaye", "Interviennent Jean Dupont").
LEADING_WORDS = frozenset("""
pour selon avec comme dès des depuis dans sur par suite face afin quand si mais et ou en au
aux à a chez entre vers sans sous après avant lors retrouvez voir ainsi alors enfin puis
interviennent intervient témoignent participent étaient sont ont animé animée présents
présentes invités invitées intervenants intervenantes
intervention interventions témoignage témoignages présentation ouverture conclusion clôture
introduction accueil animation modération merci entretien audition présidence contact
état etat keynote exposé allocution discours synthèse restitution
""".split()) | {civility.casefold() for civility in CIVILITIES}
# Articles: a span led by one is a thing with a name ("La Nouvelle Rôtisserie"), not a person.
ARTICLES = frozenset("le la les l un une ce ces cette son sa ses leur leurs notre nos".split())
# Words that make a name-shaped span an organisation, a place or a programme, wherever they
# stand in it ("France Active", "Saint-Etienne Métropole", "Quartiers Fertiles").
NON_PERSON_WORDS = frozenset("""
métropole région ville villes conseil département départements communauté banque association
pôle pole coop quartiers quartier jardins nouvelle grand grande sud nord est ouest france
europe économie economie sociale solidaire fabrique assemblée mouvement plateforme open
instituts institut cité université loi code article objectif carte talent territoires
collectif réseau agence mission maison centre fondation fédération union chambre caisse
société coopérative scop programme fertiles rôtisserie national nationale générale général
bio ess idf cnv rtes scic urscop avise bourgogne franche-comté occitanie aquitaine
nouvelle-aquitaine bretagne normandie provence île ile saint sainte
impact monnaie locale complémentaire zéro chômeur chômage tiers lieu lieux village vivant club
territorial territoriale coopération agglomération dépôts connect cigale sécu initiative
rurale urbaine énergie citoyenne transition emploi innovation économique numérique
alimentaire lab hub emmaüs commune tiers-lieu tiers-lieux
""".split())
# A common noun right before a capitalised span makes it the name of a thing ("le programme
# French Impact", "le dispositif Territoires Zéro Chômeur"), never of a person.
THING_BEFORE_WORDS = frozenset("""
programme programmes dispositif dispositifs projet projets réseau label plateforme démarche
opération initiative appel fonds association coopérative scop scic pôle ptce cabinet société
entreprise collectif festival campagne mouvement site outil guide
""".split())
# Common given names (accent-free, lower case): a name in a cue's slot with no function
# after it is taken on the rules' word only when it starts with one of these; any other
# ("Action Logement", "Envie Autonomie" after "Merci à") is left for the model to settle.
GIVEN_NAMES = frozenset("""
aaron abdel abdelkader abdou abou adam adel adele adeline adrien agathe agnes ahmed aicha aida
alain alban albert alexandra alexandre alexis alice alicia aline alix amandine amelie amina anais
andre andrea angelique anna anne annick annie antoine antonin apolline ariane arnaud arthur
audrey aurelie aurelien axel baptiste barbara bastien beatrice benedicte benjamin benoit
bernadette bernard bertrand brigitte bruno camille carine carole caroline catherine cecile
celine chantal charles charlotte chloe christian christiane christine christophe claire clara
claude clement clemence clotilde clovis colette coline coralie corinne cyril cyrille damien
daniel daniele danielle david delphine denis denise didier dominique dounia edith edouard eliane
elisa elisabeth elise elodie eloise emilie emma emmanuel emmanuelle eric erwan estelle etienne
eugenie eva evelyne fabien fabienne fabrice fanny fatima fatou felix fernand florence florent
florian floriane francis franck francois francoise frederic frederique gabriel gabrielle gael
gaelle gaetan gaspard genevieve geoffrey georges gerald gerard gilles gisele guillaume gwenaelle
hamid helene henri herve hugo hugues ibrahim ines irene isabelle jacqueline jacques jean jeanne
jennifer jeremie jeremy jerome joel johanna jonathan jordan jose joseph josiane juliette julie
julien julia justine karim karima karine katia kevin khadija laetitia laura laure laurence
laurent lea leila leo leon liliane lina lionel lise louis louise luc luca lucas lucie lucien
ludovic lydie madeleine mael maelle magali mahel malik manon marc marcel margaux marguerite
maria marianne marie marine marion marius martin martine mathieu mathilde matthieu maud maurice
maxime medhi mehdi melanie michel michele mickael mireille mohamed monique morgane muriel
myriam nadia nadine nathalie nicolas nicole noemie odile olivia olivier pascal pascale patrice
patricia patrick paul pauline philippe pierre quentin rachel rachid raphael raphaelle regis
remi remy renaud rene richard robert rodolphe roger roland romain rose roxane sabine sacha
salima samia samir samuel sandra sandrine sarah sebastien serge severine simon simone solene
sonia sophie stephane stephanie suzanne sylvain sylvie tania teresa theo therese thibault
thierry thomas tiphaine tristan valentin valerie valery vanessa veronique victor victoria
vincent violaine virginie xavier yann yannick yasmina yves yvette yvonne zoe
""".split())
# Names whose fuzzy similarity reaches this are one person spelled two ways. The shipped
# export's distinct people peak at 72.7 ("Philippe Eynaud" / "Philippe Maingault"); one typo
# in a 10-letter name scores 90, two in a 17-letter name 88: 88 sits between, with margin.
FUZZY_NAME_THRESHOLD = 88.0


def normalise_name(name: str) -> str:
    """Canonical spelling: NFC, one space, typographic apostrophe, particles lower-cased,
    all-capital words title-cased.

    >>> normalise_name("Julien  De Benito")
    'Julien de Benito'
    >>> normalise_name("sandrine FORZY")
    'Sandrine Forzy'
    >>> normalise_name("Valéry D’Estaing")
    "Valéry d'Estaing"
    """
    text = unicodedata.normalize("NFC", name).replace("’", "'").replace("\u00a0", " ")
    words = text.split()
    return " ".join(_normalise_word(word, index) for index, word in enumerate(words))


def _normalise_word(word: str, index: int) -> str:
    lowered = word.lower()
    if index > 0 and lowered in NAME_PARTICLES:  # "De", "DU": written the one way
        return lowered
    if index > 0 and lowered.startswith("d'") and len(word) > 2:
        return "d'" + _capitalise(word[2:])
    return _capitalise(word)


def _capitalise(word: str) -> str:
    """Title-case a word written all in capitals or all in lower case; keep mixed forms."""
    if word.isupper() or word.islower():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Comparison key: normalised, accent-free, case-folded.

    >>> name_key("Julien De Benito") == name_key("julien de Bénito")
    True
    """
    return strip_accents(normalise_name(name)).casefold()


def person_id(key: str) -> str:
    """Stable id of a person: a hash of the normalised name key, the same on every run."""
    return "p_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def is_person_like(words: list[str]) -> bool:
    """A name-shaped span is a person only if no word marks a place or an organisation
    (plurals included: "Régions Grand-Est")."""
    return len(words) >= 2 and not any(_marks_non_person(word.casefold()) for word in words)


def _marks_non_person(word: str) -> bool:
    return word in NON_PERSON_WORDS or (word.endswith("s") and word[:-1] in NON_PERSON_WORDS)


def has_known_given_name(name: str) -> bool:
    """True when the name's first word (or its first part: "Anne-Sophie") is a common given name.

    >>> has_known_given_name("Anne-Sophie Lebrun"), has_known_given_name("Action Logement")
    (True, False)
    """
    first = strip_accents(name.split(" ", 1)[0]).casefold()
    return first in GIVEN_NAMES or first.split("-", 1)[0] in GIVEN_NAMES


def same_person(key_a: str, key_b: str) -> bool:
    """True when two keys spell one person: equal, or near-identical in the given name and in
    the surname separately, so that a shared surname alone never merges two people.

    >>> same_person("abou ndiaye", "martine ndiaye")
    False
    >>> same_person("herve formell", "herve formel")
    True
    """
    if key_a == key_b:
        return True
    given_a, _, surname_a = key_a.partition(" ")
    given_b, _, surname_b = key_b.partition(" ")
    return (
        fuzz.ratio(key_a, key_b) >= FUZZY_NAME_THRESHOLD
        and fuzz.ratio(given_a, given_b) >= FUZZY_NAME_THRESHOLD
        and fuzz.ratio(surname_a, surname_b) >= FUZZY_NAME_THRESHOLD
    )


def is_short_form(short: str, full: str) -> bool:
    """True when `short` is the start of `full` ("genauto carvalho" of "genauto carvalho de
    franca filho"), used only inside one record where the context makes it safe."""
    return len(short.split()) >= 2 and full.startswith(short + " ")


def cluster_keys(counts: dict[str, int]) -> dict[str, str]:
    """Map each key to the key of its cluster: the most frequent spelling among those that
    `same_person` links (ties broken alphabetically, so the result is deterministic)."""
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    heads: list[str] = []
    mapping: dict[str, str] = {}
    for key in ordered:
        head = next((h for h in _candidates(heads, key) if same_person(h, key)), key)
        if head == key:
            heads.append(key)
        mapping[key] = head
    return mapping


def _candidates(heads: Iterable[str], key: str) -> Iterable[str]:
    # Fuzzy comparison is only worth it between keys of similar length.
    return (head for head in heads if abs(len(head) - len(key)) <= 3)
