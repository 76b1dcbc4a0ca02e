"""The first set of the prose development set (see speakers_prose_cases.py): its "design"
phrasings, which the rules were written against, and its "heldout" ones."""

from __future__ import annotations

from speakers_prose_vocab import BARE_ROLES, NON_PEOPLE
from speakers_prose_vocab import person as _person

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
