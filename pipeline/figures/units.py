"""The closed sets of the figures grammar: units, kinds, counted nouns, qualifiers.

Units (the `unit` column), each with its `kind`:

=============  ==========  =====================================================
unit           kind        written as
=============  ==========  =====================================================
EUR            money       €, euro(s), EUR, k€, M€, "millions d'€", "HT"/"TTC"
USD            money       $, dollar(s), USD
percent        percent     %, "pour cent" (25.0 = "25 %")
fraction       fraction    fractions in words, as a share of 1 (0.25 = "un quart d'élus")
m2             area        m², m2, mètres carrés; ares (x 100)
km2            area        km², km2
ha             area        hectare(s), ha
km             distance    km, kms, kilomètre(s)
m              distance    mètre(s)
years          duration    an(s), année(s)
months         duration    mois
weeks          duration    semaine(s)
days           duration    jour(s)
hours          duration    heure(s) (never "14h": a glued h is a clock time)
minutes        duration    minute(s)
people         headcount   habitants, participants, personnes, salariés...
organisations  count       associations, SCIC, collectivités, communes...
count          count       any other counted noun (projets, sites, emplois...)
fte            jobs        ETP, équivalent(s) temps plein (jobs as full-time equivalents)
(null)         (null)      implied and not said by the context ("5,7 millions" alone)
=============  ==========  =====================================================

A unit not written with the number is taken from the context (`raw` holds only what is
written, so a unit absent from `raw` was implied): the currency of "5,7 millions" from a
currency or a money word of its sentence or paragraph, the noun of "une quarantaine" from
a head-count noun of its sentence or the figure before it. Without such evidence the
figure is kept with unit and kind null, never dropped.
"""

from __future__ import annotations

import re

from pipeline.records import FigureKind, Unit
from pipeline.text import fold_accents
from pipeline.wordlists import MONTHS as MONTH_NAMES

# The kind of each unit.
UNIT_KINDS: dict[Unit, FigureKind] = {
    Unit.EUR: FigureKind.money,
    Unit.USD: FigureKind.money,
    Unit.percent: FigureKind.percent,
    Unit.m2: FigureKind.area,
    Unit.km2: FigureKind.area,
    Unit.ha: FigureKind.area,
    Unit.km: FigureKind.distance,
    Unit.m: FigureKind.distance,
    Unit.years: FigureKind.duration,
    Unit.months: FigureKind.duration,
    Unit.weeks: FigureKind.duration,
    Unit.days: FigureKind.duration,
    Unit.hours: FigureKind.duration,
    Unit.minutes: FigureKind.duration,
    Unit.people: FigureKind.headcount,
    Unit.organisations: FigureKind.count,
    Unit.count: FigureKind.count,
    Unit.fte: FigureKind.jobs,
    Unit.fraction: FigureKind.fraction,
}

CURRENCIES: dict[str, Unit] = {
    "€": Unit.EUR, "euro": Unit.EUR, "euros": Unit.EUR, "eur": Unit.EUR,
    "$": Unit.USD, "dollar": Unit.USD, "dollars": Unit.USD, "usd": Unit.USD,
}
# Currency of "20 milliards de bénéfices" when no currency was written before it.
DEFAULT_CURRENCY = Unit.EUR

# (unit, multiplier) per area/distance/duration word, keyed by its casefolded form.
MEASURES: dict[str, tuple[Unit, float]] = {
    "m²": (Unit.m2, 1.0), "m2": (Unit.m2, 1.0), "are": (Unit.m2, 100.0), "ares": (Unit.m2, 100.0),
    "km²": (Unit.km2, 1.0), "km2": (Unit.km2, 1.0),
    "ha": (Unit.ha, 1.0), "hectare": (Unit.ha, 1.0), "hectares": (Unit.ha, 1.0),
    "km": (Unit.km, 1.0), "kms": (Unit.km, 1.0), "kilomètre": (Unit.km, 1.0), "kilomètres": (Unit.km, 1.0),
    "mètre": (Unit.m, 1.0), "mètres": (Unit.m, 1.0),
    "an": (Unit.years, 1.0), "ans": (Unit.years, 1.0), "année": (Unit.years, 1.0),
    "années": (Unit.years, 1.0),
    "mois": (Unit.months, 1.0),
    "semaine": (Unit.weeks, 1.0), "semaines": (Unit.weeks, 1.0),
    "jour": (Unit.days, 1.0), "jours": (Unit.days, 1.0),
    "heure": (Unit.hours, 1.0), "heures": (Unit.hours, 1.0),
    "minute": (Unit.minutes, 1.0), "minutes": (Unit.minutes, 1.0),
}

# Counted nouns, singular and casefolded; a plural is found by dropping its final s/x.
_PEOPLE = """habitant participant personne salarié salariée coopérateur coopératrice femme
homme universitaire intervenant intervenante acheteur acheteuse utilisateur utilisatrice
sociétaire bénévole élu élue agent adhérent adhérente membre jeune enfant étudiant étudiante
chômeur demandeur entrepreneur entrepreneuse usager bénéficiaire visiteur citoyen citoyenne
résident résidente producteur productrice agriculteur agricultrice stagiaire volontaire
travailleur travailleuse apprenti apprentie professionnel professionnelle inscrit inscrite
mécanicien vendeur vendeuse migrant migrante famille ménage porteur porteuse
administrateur administratrice animateur animatrice coordinateur coordinatrice formateur
formatrice organisateur organisatrice accompagnateur accompagnatrice éducateur éducatrice
médiateur médiatrice fondateur fondatrice créateur créatrice dirigeant dirigeante directeur
directrice responsable technicien technicienne ingénieur ingénieure chercheur chercheuse
doctorant doctorante enseignant enseignante élève collégien collégienne lycéen lycéenne
écolier écolière retraité retraitée senior locataire patient patiente spectateur
spectatrice téléspectateur téléspectatrice auditeur auditrice lecteur lectrice festivalier
festivalière exposant exposante artisan artisane commerçant commerçante maraîcher
maraîchère éleveur éleveuse paysan paysanne cuisinier cuisinière jardinier jardinière
ouvrier ouvrière employé employée conseiller conseillère consultant consultante expert
experte témoin invité invitée orateur oratrice répondant répondante épargnant épargnante
souscripteur souscriptrice investisseur investisseuse donateur donatrice mécène parrain
marraine tuteur tutrice allocataire apprenant apprenante alternant alternante saisonnier
saisonnière conducteur conductrice chauffeur livreur livreuse militant militante voisin
voisine parent adolescent adolescente électeur électrice délégué déléguée député députée
sénateur sénatrice maire adjoint adjointe président présidente candidat candidate aidant
aidante soignant soignante infirmier infirmière médecin artiste président trésorier
trésorière secrétaire"""
_ORGANISATIONS = """association scic scop sca cae epci collectivité commune communauté
département région entreprise structure coopérative organisation incubateur client cliente
intercommunalité société partenaire acteur réseau fondation mutuelle opérateur ptce siae
start-up startup collectif métropole ville établissement groupement syndicat fédération
club mairie"""
_COUNTS = """projet site axe action objectif emploi lieu dimension marché phase direction fois
poste logement repas plateforme véhicule atelier réunion dossier question territoire quartier
école restaurant jardin ferme exploitation lit place initiative"""
COUNTED_NOUNS: dict[str, Unit] = {
    **{noun: Unit.count for noun in _COUNTS.split()},
    **{noun: Unit.organisations for noun in _ORGANISATIONS.split()},
    **{noun: Unit.people for noun in _PEOPLE.split()},
    "etp": Unit.fte,  # "35 ETP, dont 28 en parcours": the elided noun of "28"
}
# Nouns naming an amount of money: "20 milliards de bénéfices" is money, not a count.
MONEY_NOUNS = frozenset(
    "bénéfice chiffre budget achat subvention investissement dépense recette financement "
    "dotation prêt crédit montant".split()
)
# Head-count classes a bare collective numeral ("une quarantaine sur place") may count.
HEAD_COUNT_UNITS = frozenset({Unit.people, Unit.organisations})

# Words after a number that are never its counted noun ("3 autres", "2000 des plateformes").
NOT_NOUNS = frozenset(
    """autres autre des les ces ses mes tes nos vos leurs plus moins dans sans sous vers
    chez tous toutes nous vous ils elles puis mais pas dès après depuis alors ainsi aussi
    très parmi selon hors lors entre""".split()
)
# A number before a month name is a day of a date ("9 juin"), never a count: the names
# with and without their accents.
MONTHS = frozenset(MONTH_NAMES) | {fold_accents(name) for name in MONTH_NAMES}

# Canonical qualifiers (`pipeline.wordlists.QUALIFIERS` maps the written forms to them)
# that make the value a bound; the others (approximations) imply none.
LOWER_BOUND_QUALIFIERS = frozenset({"plus de", "au moins"})
UPPER_BOUND_QUALIFIERS = frozenset({"moins de", "au plus", "jusqu'à"})
APPROXIMATE_QUALIFIERS = frozenset({"près de", "environ"})

# Inclusive writing: "participant.e.s" -> "participant", "coopérateur.rice" -> "coopérateur".
_INCLUSIVE_SUFFIX = re.compile(r"[.·](?:e|ice|rice|ne|le|se|euse)(?:[.·]?s)?$")


def noun_key(noun: str) -> str:
    """The lexicon key of a noun: casefolded, inclusive suffix dropped.

    >>> noun_key("participant.e.s")
    'participant'
    """
    key = noun.casefold()
    return _INCLUSIVE_SUFFIX.sub("", key) if "." in key or "·" in key else key


def singular(key: str) -> str:
    """Drop a plural s/x ("lieux" -> "lieu"); short words are left alone."""
    return key[:-1] if len(key) > 3 and key[-1] in "sx" else key


def noun_unit(noun: str) -> Unit | None:
    """The unit of a counted noun in the lexicon ("habitants" -> "people"), else None."""
    key = noun_key(noun)
    return COUNTED_NOUNS.get(key) or COUNTED_NOUNS.get(singular(key))


def is_singular(noun: str) -> bool:
    """A noun written in the singular, which no number of two or more counts ("5 place
    Carnot" is an address, "5 places" a count). Acronyms ("SCIC", "ETP"), compounds
    ("start-up") and inclusive writing ("coopérateur.rice") are left as written.

    >>> is_singular("place"), is_singular("places"), is_singular("SCIC"), is_singular("mois")
    (True, False, False, False)
    """
    last = noun[-1].casefold()
    return not (last in "sxz" or noun.isupper() or "-" in noun or "." in noun or "·" in noun)


def is_money_noun(noun: str) -> bool:
    """'bénéfices', 'budget': nouns naming an amount of money."""
    key = noun_key(noun)
    return key in MONEY_NOUNS or singular(key) in MONEY_NOUNS


def bounds(value: float, qualifier: str | None, low: float, high: float
           ) -> tuple[float | None, float | None]:
    """value_min/value_max: a range's ends, a qualifier's bound, or none for approximations."""
    if qualifier in APPROXIMATE_QUALIFIERS:
        return None, None
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return value, None
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return None, high
    return low, high
