"""Writes tests/cases/speakers_prose.json: labelled event write-ups in prose, invented names.

Run `python tests/speakers_prose_cases.py` to regenerate; the output is deterministic (a fixed
seed) and tests/test_speakers_prose.py checks the file in the repository is what this writes.
Each pattern has "design" phrasings, which the rules were written against, and "heldout"
phrasings, written at the same time but not looked at while writing the rules. Two more sets
were written later, each before the rules were run on it: "heldout2" (after the rules were
tuned on "heldout"'s errors) and "heldout3" (after "heldout2"'s). Each held-out set's first
score (F1 0.932, 0.707, 0.756) estimates how the rules do on phrasings they were not made
for; after it, the set's errors were used to generalise the rules.

A case is one record (a list of paragraphs) and the people in it, each with the name, the
participation (speaker | moderator | mentioned), the role and the organisation, as a reader
would separate them; negatives list no one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "cases" / "speakers_prose.json"
SEED = 12
PER_PHRASING = 16  # cases per phrasing: 5 to 8 phrasings give 80+ cases per pattern

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


def _person(name, participation, role=None, organisation=None):
    return {"name": name, "participation": participation, "role": role, "organisation": organisation}


class _Draw:
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


# Each phrasing: (pattern, split, builder(draw) -> (paragraphs, people)).

def _thanks_two(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Merci à {a}, {fa}, et {b}, {fb}, pour leur intervention !"],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _thanks_four(d):
    a, b, c, e = d.name(), d.name(), d.name(), d.name()
    (fa, ra, oa), (fb, rb, ob) = d.function(), d.function()
    return ([f"Le temps d'échange a suivi. Merci à {a}, {fa}, {b}, {fb}, {c} et {e}, maraîchers, "
             "pour leur intervention."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob),
             _person(c, "speaker", "maraîchers", None), _person(e, "speaker", "maraîchers", None)])


def _thanks_brackets(d):
    a, (_, _, oa) = d.name(), d.function()
    return ([f"Un grand merci à {a} ({oa}) pour sa présentation des résultats."],
            [_person(a, "speaker", None, oa)])


def _thanks_remercie(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Le RTES remercie chaleureusement {a}, {fa}, pour son intervention éclairante."],
            [_person(a, "speaker", ra, oa)])


def _thanks_intervenants(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Merci aux intervenants, {a}, {fa}, et {b}, {fb}, pour la qualité des échanges."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _thanks_temoignages(d):
    a, b, role = d.name(), d.name(), d.rng.choice(BARE_ROLES)
    return ([f"Nous remercions {a} et {b}, {role}s, pour leurs témoignages."],
            [_person(a, "speaker", f"{role}s", None), _person(b, "speaker", f"{role}s", None)])


def _verb_single(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["a rappelé", "a souligné", "a expliqué", "a présenté", "a introduit"])
    return ([f"{a}, {fa}, {verb} les enjeux de la commande publique responsable."],
            [_person(a, "speaker", ra, oa)])


def _verb_bare(d):
    a = d.name()
    verb = d.rng.choice(["a rappelé que", "a souligné que", "a expliqué que", "a répondu que"])
    return ([f"Lors de la seconde séquence, {a} {verb} le budget participatif avait doublé."],
            [_person(a, "speaker")])


def _verb_plural(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"{a}, {fa}, et {b}, {fb}, ont souligné l'importance de la co-construction."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _verb_after_context(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["a présenté", "a introduit", "a rappelé"])
    return ([f"En ouverture, {a}, {fa}, {verb} le programme de la journée."],
            [_person(a, "speaker", ra, oa)])


def _verb_heldout_answer(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["a ensuite répondu", "a détaillé", "a partagé", "a témoigné", "a conclu"])
    return ([f"Puis {a}, {fa}, {verb} aux questions de la salle sur le financement."],
            [_person(a, "speaker", ra, oa)])


def _verb_heldout_present(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["insiste", "précise", "revient", "plaide", "témoigne"])
    return ([f"{a}, {fa}, {verb} sur la nécessité d'un portage politique fort."],
            [_person(a, "speaker", ra, oa)])


def _passive_opened(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"La rencontre a été ouverte par un message vidéo de {a}, {fa}."],
            [_person(a, "speaker", ra, oa)])


def _passive_welcomed(d):
    a, (fa, ra, oa) = d.name(), d.function()
    n = d.rng.randrange(20, 90)
    return ([f"Les {n} participants ont été accueillis par {a}, {fa}."],
            [_person(a, "speaker", ra, oa)])


def _passive_animated(d):
    a, b, c = d.name(), d.name(), d.name()
    (fa, ra, oa), (fb, rb, ob) = d.function(), d.function()
    return ([f"La table ronde, animée par {a}, {fa}, a réuni {b}, {fb}, et {c}."],
            [_person(a, "moderator", ra, oa), _person(b, "speaker", rb, ob), _person(c, "speaker")])


def _passive_participation(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Un webinaire organisé avec la participation de {a}, {fa}, et de {b}, {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _passive_welcome_then_opened(d):
    a, b, c = d.name(), d.name(), d.name()
    (fa, ra, oa), (fb, rb, ob), (fc, rc, oc) = d.function(), d.function(), d.function()
    return ([f"Suite à l'accueil par {a}, {fa}, les travaux ont été ouverts par {b}, {fb}, et {c}, {fc}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob), _person(c, "speaker", rc, oc)])


def _passive_exchange(d):
    a, b, c = d.name(), d.name(), d.name()
    return ([f"Les membres du club ont pu échanger avec {a} et {b}, en charge de la mission, "
             f"et avec le rapporteur {c}."],
            [_person(a, "speaker", "en charge de la mission"),
             _person(b, "speaker", "en charge de la mission"),
             _person(c, "speaker", "rapporteur")])


def _passive_heldout_introduced(d):
    a, (fa, ra, oa) = d.name(), d.function()
    form = d.rng.choice(["La séance a été introduite par", "La matinée a été clôturée par",
                         "La journée s'est conclue par une intervention de"])
    return ([f"{form} {a}, {fa}."], [_person(a, "speaker", ra, oa)])


def _passive_heldout_moderated(d):
    a, (fa, ra, oa) = d.name(), d.function()
    form = d.rng.choice(["Les échanges étaient modérés par", "Le débat a été animé par",
                         "La discussion, facilitée par"])
    tail = ", a duré deux heures." if form.endswith("facilitée par") else "."
    return ([f"{form} {a}, {fa}{tail}"], [_person(a, "moderator", ra, oa)])


def _passive_heldout_thanks_to(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Le cadre juridique a été éclairci grâce à l'intervention de {a}, {fa}."],
            [_person(a, "speaker", ra, oa)])


def _quote_name(d):
    a = d.name()
    return ([f"« {d.quote()} » ({a})."], [_person(a, "speaker")])


def _quote_name_function(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Les élus ont insisté sur le temps long. « {d.quote()} » ({a}, {fa})"],
            [_person(a, "speaker", ra, oa)])


def _quote_heldout_inverted(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["résume", "souligne", "explique", "ajoute"])
    return ([f"« {d.quote()} », {verb} {a}, {fa}."], [_person(a, "speaker", ra, oa)])


def _quote_heldout_dash(d):
    a = d.name()
    return ([f"« {d.quote()} » – {a}"], [_person(a, "speaker")])


def _as_recalled(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Comme rappelé par {a}, {fa}, « {d.quote()} »."], [_person(a, "speaker", ra, oa)])


def _as_recalled_la(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Comme l'a rappelé {a}, {fa}, la loi de 2014 a ouvert de nouvelles possibilités."],
            [_person(a, "speaker", ra, oa)])


def _as_recalled_two_roles(d):
    a = d.name()
    return ([f"Comme rappelé par {a}, maire de Bourg-sur-Lane et présidente de Lorville Métropole, "
             f"« {d.quote()} »."],
            [_person(a, "speaker", "maire de Bourg-sur-Lane et présidente de Lorville Métropole", None)])


def _as_heldout_souligne(d):
    a, (fa, ra, oa) = d.name(), d.function()
    form = d.rng.choice(["Comme l'a souligné", "Ainsi que l'a expliqué", "Comme le précisait"])
    return ([f"{form} {a}, {fa}, rien ne se fait sans les habitants."], [_person(a, "speaker", ra, oa)])


def _list_shared_org(d):
    a, b, c, (fc, rc, oc) = d.name(), d.name(), d.name(), d.function()
    org = d.rng.choice(["de la CRESS Grand Est", "du réseau Alterpôle", "de l'association Terre Vive"])
    return (["Avec :", f"{a} et {b} {org}", f"{c}, {fc}"],
            [_person(a, "speaker", None, org.split(" ", 1)[1].removeprefix("la ").removeprefix("l'")),
             _person(b, "speaker", None, org.split(" ", 1)[1].removeprefix("la ").removeprefix("l'")),
             _person(c, "speaker", rc, oc)])


def _list_shared_org_bullets(d):
    a, b, c, (fc, rc, oc) = d.name(), d.name(), d.name(), d.function()
    return (["Avec les interventions de :", f"  • {a} et {b}, Afilea", f"  • {c}, {fc}"],
            [_person(a, "speaker", None, "Afilea"), _person(b, "speaker", None, "Afilea"),
             _person(c, "speaker", rc, oc)])


def _list_heldout_brackets(d):
    a, b = d.name(), d.name()
    return (["Avec :", f"  • {a} et {b} (PTCE Vallée Active)"],
            [_person(a, "speaker", None, "PTCE Vallée Active"),
             _person(b, "speaker", None, "PTCE Vallée Active")])


def _list_heldout_three(d):
    a, b, c = d.name(), d.name(), d.name()
    return (["Avec :", f"{a}, {b} et {c} de l'Afilea"],
            [_person(a, "speaker", None, "Afilea"), _person(b, "speaker", None, "Afilea"),
             _person(c, "speaker", None, "Afilea")])


def _no_comma_list(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return (["Avec :", f"{a} {fa}", f"{b} {fb}"],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _no_comma_bullet(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"  • {a} {fa}"], [_person(a, "speaker", ra, oa)])


def _no_comma_participation(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Le webinaire s'est tenu avec la participation de {a} {fa}."],
            [_person(a, "speaker", ra, oa)])


def _no_comma_heldout_colon(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Intervenants : {a} {fa} ; {b} {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _later_pronoun(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"{a} a présenté la démarche engagée depuis 2019. Elle est {fa}."],
            [_person(a, "speaker", ra, oa)])


def _later_org_next_line(d):
    a, b, (_, ra, oa), (_, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return (["Avec :", f"{a}, {ra}", oa, f"{b}, {rb}", ob],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _later_heldout_name_again(d):
    a, (fa, ra, oa) = d.name(), d.function()
    surname = a.split(" ", 1)[1]
    return ([f"{a} a ouvert la séance. Depuis 2018, {a} est {fa}, un poste créé pour {surname}."],
            [_person(a, "speaker", ra, oa)])


def _later_heldout_bullet_next_line(d):
    a, (_, ra, oa) = d.name(), d.function()
    return ([f"  • {a}", f"{ra}, {oa}"], [_person(a, "speaker", ra, oa)])


def _mention_minister(d):
    a = d.name()
    return ([f"La loi portée par la ministre {a} a changé la donne."], [_person(a, "mentioned", "ministre")])


def _mention_book(d):
    a = d.name()
    form = d.rng.choice(["le livre de", "l'ouvrage de", "le blog de"])
    return ([f"Pour aller plus loin, lire {form} {a}."], [_person(a, "mentioned")])


def _mention_heldout_report(d):
    a = d.name()
    form = d.rng.choice(["le rapport remis par", "en hommage à", "la mission confiée à"])
    return ([f"Les échanges se sont appuyés sur {form} {a} en 2019."], [_person(a, "mentioned")])


def _negative_thanks(d):
    thing = d.rng.choice(NON_PEOPLE)
    return ([f"Merci à {thing} pour son soutien à l'organisation de la journée."], [])


def _negative_subject(d):
    thing = d.rng.choice(NON_PEOPLE)
    verb = d.rng.choice(["a présenté", "a rappelé"])
    return ([f"Le programme {thing} {verb} ses résultats en 2020."], [])


def _negative_topic(d):
    thing = d.rng.choice(NON_PEOPLE)
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"{a}, {fa}, a présenté le dispositif {thing} aux élus présents."],
            [_person(a, "speaker", ra, oa)])


def _negative_heldout_list(d):
    thing, other = d.rng.sample(NON_PEOPLE, 2)
    return ([f"Avec la participation de {thing} et de {other}."], [])


def _negative_heldout_place(d):
    thing = d.rng.choice(NON_PEOPLE)
    return ([f"« {d.quote()} » ({thing})"], [])


PHRASINGS = [
    ("thanks", "design", _thanks_two), ("thanks", "design", _thanks_four),
    ("thanks", "design", _thanks_brackets), ("thanks", "heldout", _thanks_remercie),
    ("thanks", "heldout", _thanks_intervenants), ("thanks", "heldout", _thanks_temoignages),
    ("speech_verb", "design", _verb_single), ("speech_verb", "design", _verb_bare),
    ("speech_verb", "design", _verb_plural), ("speech_verb", "design", _verb_after_context),
    ("speech_verb", "heldout", _verb_heldout_answer), ("speech_verb", "heldout", _verb_heldout_present),
    ("passive_agent", "design", _passive_opened), ("passive_agent", "design", _passive_welcomed),
    ("passive_agent", "design", _passive_animated), ("passive_agent", "design", _passive_participation),
    ("passive_agent", "design", _passive_welcome_then_opened),
    ("passive_agent", "design", _passive_exchange),
    ("passive_agent", "heldout", _passive_heldout_introduced),
    ("passive_agent", "heldout", _passive_heldout_moderated),
    ("passive_agent", "heldout", _passive_heldout_thanks_to),
    ("quotation", "design", _quote_name), ("quotation", "design", _quote_name_function),
    ("quotation", "heldout", _quote_heldout_inverted), ("quotation", "heldout", _quote_heldout_dash),
    ("as_recalled", "design", _as_recalled), ("as_recalled", "design", _as_recalled_la),
    ("as_recalled", "design", _as_recalled_two_roles), ("as_recalled", "heldout", _as_heldout_souligne),
    ("shared_organisation", "design", _list_shared_org),
    ("shared_organisation", "design", _list_shared_org_bullets),
    ("shared_organisation", "heldout", _list_heldout_brackets),
    ("shared_organisation", "heldout", _list_heldout_three),
    ("function_no_comma", "design", _no_comma_list), ("function_no_comma", "design", _no_comma_bullet),
    ("function_no_comma", "design", _no_comma_participation),
    ("function_no_comma", "heldout", _no_comma_heldout_colon),
    ("role_later", "design", _later_pronoun), ("role_later", "design", _later_org_next_line),
    ("role_later", "heldout", _later_heldout_name_again),
    ("role_later", "heldout", _later_heldout_bullet_next_line),
    ("mentioned", "design", _mention_minister), ("mentioned", "design", _mention_book),
    ("mentioned", "heldout", _mention_heldout_report),
    ("non_person", "design", _negative_thanks), ("non_person", "design", _negative_subject),
    ("non_person", "design", _negative_topic), ("non_person", "heldout", _negative_heldout_list),
    ("non_person", "heldout", _negative_heldout_place),
]
# Patterns with fewer phrasings get more cases each, so that every pattern has 80 or more.
MIN_PER_PATTERN = 80


# A second held-out set, written after the rules had been tuned on the first held-out set's
# errors (that set was then no longer held out): phrasings like those of the site's
# write-ups, and initiatives' names the rules' word lists have never seen.
NON_PEOPLE_2 = ["Solidarité Paysans", "Habitat Participatif", "Terres de Liens", "Envie Autonomie",
                "Familles Rurales", "Action Logement", "Bretagne Active", "Cités Unies"]


def _h2_thanks_farmers(d):
    a, b, c, e = d.name(), d.name(), d.name(), d.name()
    (fa, ra, oa), (fb, rb, ob) = d.function(), d.function()
    return ([f"Merci à {a}, {fa}, {b}, {fb}, {c} et {e}, agriculteurs et administrateurs de l'Afilea "
             "pour leur intervention !"],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob),
             _person(c, "speaker", "agriculteurs et administrateurs", "Afilea"),
             _person(e, "speaker", "agriculteurs et administrateurs", "Afilea")])


def _h2_thanks_also(d):
    a, b = d.name(), d.name()
    return ([f"Un grand merci également à {a} et à {b} pour leurs témoignages."],
            [_person(a, "speaker"), _person(b, "speaker")])


def _h2_verb_other(d):
    a, (fa, ra, oa) = d.name(), d.function()
    verb = d.rng.choice(["a élargi le propos", "a appelé les collectivités à s'engager",
                         "est revenu sur les résultats de l'étude"])
    return ([f"Pour conclure, {a}, {fa}, {verb}."], [_person(a, "speaker", ra, oa)])


def _h2_verb_brackets(d):
    a, (_, _, oa) = d.name(), d.function()
    return ([f"{a} ({oa}) a ensuite présenté les premiers résultats."], [_person(a, "speaker", None, oa)])


def _h2_passive_then(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"La seconde table ronde s'est ouverte avec une intervention de {a}, {fa}, puis un "
             f"témoignage vidéo de {b}, {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _h2_passive_side(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Les participants ont été accueillis par {a}, {fa}, aux côtés de {b}, {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _h2_coanimated(d):
    a, b = d.name(), d.name()
    return ([f"Cette séance, co-animée par {a} et {b}, a rassemblé une trentaine d'élus."],
            [_person(a, "moderator"), _person(b, "moderator")])


def _h2_quote_insisted(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"« {d.quote()} », a insisté {a}, {fa}."], [_person(a, "speaker", ra, oa)])


def _h2_quote_colon(d):
    a, (_, _, oa) = d.name(), d.function()
    return ([f"{a} ({oa}) : « {d.quote()} »"], [_person(a, "speaker", None, oa)])


def _h2_as_recalled_two(d):
    a, b, (fb, rb, ob) = d.name(), d.name(), d.function()
    return ([f"Comme l'ont rappelé {a} et {b}, {fb}, la coopération prend du temps."],
            [_person(a, "speaker", rb, ob), _person(b, "speaker", rb, ob)])


def _h2_shared_comma(d):
    a, b = d.name(), d.name()
    return (["Avec :", f"{a} et {b}, de l'Afilea"],
            [_person(a, "speaker", None, "Afilea"), _person(b, "speaker", None, "Afilea")])


def _h2_no_comma_participation_two(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Avec la participation de {a} {fa} et de {b} {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _h2_later_elected(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"{a} a présenté le projet. Élue depuis 2020, elle est {fa}."],
            [_person(a, "speaker", ra, oa)])


def _h2_later_next_line(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return (["Avec :", a, fa], [_person(a, "speaker", ra, oa)])


def _h2_mention_elected(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Parmi les administrateurs, {a}, {fa}, a été réélue en juin."],
            [_person(a, "mentioned", ra, oa)])


def _h2_mention_founder(d):
    a = d.name()
    return ([f"La coopérative, fondée en 2015 par {a}, emploie aujourd'hui douze salariés."],
            [_person(a, "mentioned")])


def _h2_negative_thanks(d):
    thing = d.rng.choice(NON_PEOPLE_2)
    return ([f"Merci à {thing} pour son soutien."], [])


def _h2_negative_quote(d):
    thing = d.rng.choice(NON_PEOPLE_2)
    return ([f"« {d.quote()} » ({thing})"], [])


def _h2_negative_subject(d):
    thing = d.rng.choice(NON_PEOPLE_2)
    return ([f"{thing} a présenté son programme pour 2021."], [])


PHRASINGS_2 = [
    ("thanks", _h2_thanks_farmers), ("thanks", _h2_thanks_also), ("speech_verb", _h2_verb_other),
    ("speech_verb", _h2_verb_brackets), ("passive_agent", _h2_passive_then),
    ("passive_agent", _h2_passive_side), ("passive_agent", _h2_coanimated),
    ("quotation", _h2_quote_insisted), ("quotation", _h2_quote_colon),
    ("as_recalled", _h2_as_recalled_two), ("shared_organisation", _h2_shared_comma),
    ("function_no_comma", _h2_no_comma_participation_two), ("role_later", _h2_later_elected),
    ("role_later", _h2_later_next_line), ("mentioned", _h2_mention_elected),
    ("mentioned", _h2_mention_founder), ("non_person", _h2_negative_thanks),
    ("non_person", _h2_negative_quote), ("non_person", _h2_negative_subject),
]
PER_PHRASING_2 = 12

# A third held-out set, written after the rules had been tuned on the second set's errors:
# new phrasings, and names the first two sets never used (some given names are rare ones).
GIVEN_3 = """Maïwenn Ousmane Soizic Loïc Gwendal Ninon Awa Bastien Thaïs Youssef Clémence Gaëtan
Armelle Quentin Nadège Josselin Aminata Ronan Sabine Killian""".split()
SURNAME_3 = """Jaouen Bellanger Traoré Quéré Mercier Lagarde Boisseau Ndour Hervouet Castaing
Peyrot Guillou Maréchal Bourdin Lemaître Sy Rolland Chevalier Tanguy Roussel""".split()
NON_PEOPLE_3 = ["Pays de Redon", "Cocagne Solidaire", "Rennes Métropole", "Grand Poitiers",
                "Coopérer pour Entreprendre", "Nantes Métropole", "Bio Vallée"]


def _h3_thanks_brackets_list(d):
    a, b, c = d.name(), d.name(), d.name()
    oa, ob, oc = (d.function()[2] for _ in range(3))
    return ([f"Merci à nos intervenants : {a} ({oa}), {b} ({ob}) et {c} ({oc})."],
            [_person(name, "speaker", None, org) for name, org in ((a, oa), (b, ob), (c, oc))])


def _h3_relative_moderator(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Toute notre gratitude à {a}, {fa}, qui a animé les échanges."],
            [_person(a, "moderator", ra, oa)])


def _h3_present_revient(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"{a}, {fa}, revient sur la genèse du projet."], [_person(a, "speaker", ra, oa)])


def _h3_side_brackets(d):
    a, (_, _, oa) = d.name(), d.function()
    return ([f"De son côté, {a} ({oa}) a détaillé le montage financier."], [_person(a, "speaker", None, oa)])


def _h3_debates_journalist(d):
    a = d.name()
    return ([f"Les débats ont été animés par {a}, journaliste."], [_person(a, "moderator", "journaliste")])


def _h3_heading_introduction(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Introduction par {a}, {fa}"], [_person(a, "speaker", ra, oa)])


def _h3_round_table_with(d):
    a, b, (fa, ra, oa), (fb, rb, ob) = d.name(), d.name(), d.function(), d.function()
    return ([f"Table ronde avec {a}, {fa}, et {b}, {fb}."],
            [_person(a, "speaker", ra, oa), _person(b, "speaker", rb, ob)])


def _h3_quote_selon(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"« {d.quote()} », selon {a}, {fa}."], [_person(a, "speaker", ra, oa)])


def _h3_pour_quote(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Pour {a}, {fa}, « {d.quote()} »."], [_person(a, "speaker", ra, oa)])


def _h3_report_of(d):
    a, (fa, ra, oa) = d.name(), d.function()
    return ([f"Le rapport de {a}, {fa}, paru en 2019, a servi de base aux échanges."],
            [_person(a, "mentioned", ra, oa)])


def _h3_shared_org_three(d):
    a, b, c = d.name(), d.name(), d.name()
    return ([f"  • {a}, {b} et {c}, Scop Les Fourneaux"],
            [_person(p, "speaker", None, "Scop Les Fourneaux") for p in (a, b, c)])


def _h3_function_before_pronoun(d):
    a = d.name()
    return ([f"{a} a ouvert la séance. Directrice de l'association Terre Vive, elle en a rappelé "
             "l'histoire."],
            [_person(a, "speaker", "Directrice", "association Terre Vive")])


def _h3_negative_network(d):
    thing = d.rng.choice(NON_PEOPLE_3)
    return ([f"Le réseau {thing} a présenté ses actions."], [])


def _h3_negative_quote_place(d):
    thing = d.rng.choice(NON_PEOPLE_3)
    return ([f"« {d.quote()} » ({thing})"], [])


def _h3_negative_participation(d):
    thing, other = d.rng.sample(NON_PEOPLE_3, 2)
    return ([f"Avec la participation de {thing} et de {other}."], [])


PHRASINGS_3 = [
    ("thanks", _h3_thanks_brackets_list), ("passive_agent", _h3_relative_moderator),
    ("speech_verb", _h3_present_revient), ("speech_verb", _h3_side_brackets),
    ("passive_agent", _h3_debates_journalist), ("passive_agent", _h3_heading_introduction),
    ("passive_agent", _h3_round_table_with), ("quotation", _h3_quote_selon),
    ("as_recalled", _h3_pour_quote), ("mentioned", _h3_report_of),
    ("shared_organisation", _h3_shared_org_three), ("role_later", _h3_function_before_pronoun),
    ("non_person", _h3_negative_network), ("non_person", _h3_negative_quote_place),
    ("non_person", _h3_negative_participation),
]


def build_cases() -> list[dict]:
    rng = random.Random(SEED)
    by_pattern: dict[str, list] = {}
    for pattern, split, builder in PHRASINGS:
        by_pattern.setdefault(pattern, []).append((split, builder))
    cases = []
    for pattern, phrasings in by_pattern.items():
        per = max(PER_PHRASING, -(-MIN_PER_PATTERN // len(phrasings)))
        for split, builder in phrasings:
            for _ in range(per):
                paragraphs, people = builder(_Draw(rng))
                cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": split,
                              "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                              "people": people})
    second = random.Random(SEED + 1)
    for pattern, builder in PHRASINGS_2:
        for _ in range(PER_PHRASING_2):
            paragraphs, people = builder(_Draw(second))
            cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": "heldout2",
                          "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                          "people": people})
    third = random.Random(SEED + 2)
    for pattern, builder in PHRASINGS_3:
        for _ in range(PER_PHRASING_2):
            paragraphs, people = builder(_Draw(third, GIVEN_3, SURNAME_3))
            cases.append({"id": f"{pattern}-{len(cases):04d}", "pattern": pattern, "split": "heldout3",
                          "phrasing": builder.__name__.lstrip("_"), "paragraphs": paragraphs,
                          "people": people})
    return cases


def render() -> str:
    document = {"comment": __doc__.strip(), "cases": build_cases()}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"{OUT}: {len(build_cases())} cases")
