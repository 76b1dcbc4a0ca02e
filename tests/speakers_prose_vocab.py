"""Invented vocabulary of the prose development set: names, functions, quotations, things
that are not people; and the draw that combines them (see speakers_prose_cases.py)."""

from __future__ import annotations

import random

GIVEN = """Léa Paul Anne Marc Sophie Julien Claire Hugo Nadia Karim Élodie Thomas Inès Bruno
Mathilde Yann Fatou Olivier Agnès Rémi Camille Lucas Solène Mehdi Aurélie Gaspard Maëlle
Samuel Hélène Benoît Coralie Denis Manon Tristan Lina Xavier Gwenaëlle Abdel Roxane Étienne
Anne-Sophie Jean-Marc Marie-Hélène Pierre-Yves""".split()
SURNAME = """Martin Roux Lefort Dumas Garnier Perrin Lemoine Bouvier Carpentier Vasseur Nguyen
Benali Tessier Morvan Lacombe Ferrand Guillot Delorme Brunet Kermarrec Chauvin Maillard Rivière
Fontaine Lebrun Diallo Poirier Marchand Tardieu Baudry Collignon Hamon-Leroy Vidal Ollivier
Pasquier Régnier Costa Albertini Moreau Guérin""".split()
# (as written, role, organisation): roles joined to their organisation the ways write-ups do.
FUNCTIONS = [
    ("maire de Bourg-sur-Lane", "maire", "Bourg-sur-Lane"),
    ("adjointe au maire de Valfleury", "adjointe au maire", "Valfleury"),
    ("présidente de la CRESS Grand Est", "présidente", "CRESS Grand Est"),
    ("directeur de l'association Terre Vive", "directeur", "association Terre Vive"),
    ("chargée de mission ESS à la ville de Lorville", "chargée de mission ESS", "ville de Lorville"),
    ("coordinateur du réseau Alterpôle", "coordinateur", "réseau Alterpôle"),
    ("vice-présidente de Lorville Métropole", "vice-présidente", "Lorville Métropole"),
    ("déléguée générale de l'Afilea", "déléguée générale", "Afilea"),
    ("responsable du pôle ESS, Région Occitanie", "responsable du pôle ESS", "Région Occitanie"),
    ("conseiller régional de Bretagne", "conseiller régional", "Bretagne"),
    ("cofondatrice de la Scop Les Fourneaux", "cofondatrice", "Scop Les Fourneaux"),
    ("chef de projet à Initiatives Rurales", "chef de projet", "Initiatives Rurales"),
    ("directrice du PTCE Vallée Active", "directrice", "PTCE Vallée Active"),
    ("élu à l'ESS de la communauté de communes du Val d'Orge",
     "élu à l'ESS", "communauté de communes du Val d'Orge"),
    ("gérant de la SCIC Énergies Citoyennes", "gérant", "SCIC Énergies Citoyennes"),
    ("animatrice du Pôle Solidaire Kerlann", "animatrice", "Pôle Solidaire Kerlann"),
]
# Roles with no organisation.
BARE_ROLES = ["maraîchère", "sociologue", "économiste", "consultante", "chercheur", "juriste"]
QUOTES = [
    "La coopération entre acteurs prend du temps, mais elle seule tient dans la durée",
    "Nous avons appris à financer autrement, avec les habitants",
    "Sans les associations, le quartier n'aurait pas tenu pendant la crise",
    "Il faut sortir de la logique d'appel à projets",
    "Le foncier reste le premier frein à l'installation",
]
# Capitalised names that are not people: initiatives, topics, organisations, places.
NON_PEOPLE = ["French Impact", "Monnaies Locales Complémentaires", "Territoires Zéro Chômeur",
              "Pôle Territorial de Coopération Économique", "Caisse des Dépôts", "Tiers Lieux Solidaires",
              "Fabrique Territoriale", "Villages Vivants", "Mois de l'ESS", "Saint-Nazaire Agglomération",
              "Bouches-du-Rhône", "Grande Sécu", "Clubs Cigales", "Emmaüs Connect", "Nord Pas-de-Calais"]


def person(name, participation, role=None, organisation=None):
    return {"name": name, "participation": participation, "role": role, "organisation": organisation}


class Draw:
    """Invented names and functions, never twice the same name in one case."""

    def __init__(self, rng: random.Random, given: list[str] = GIVEN, surnames: list[str] = SURNAME):
        self.rng = rng
        self.used: set[str] = set()
        self.given, self.surnames = given, surnames

    def name(self) -> str:
        while True:
            name = f"{self.rng.choice(self.given)} {self.rng.choice(self.surnames)}"
            if name not in self.used:
                self.used.add(name)
                return name

    def function(self):
        return self.rng.choice(FUNCTIONS)

    def quote(self) -> str:
        return self.rng.choice(QUOTES)
