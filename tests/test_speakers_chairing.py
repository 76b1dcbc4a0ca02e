"""Who chairs a session, read from the person's own verb and partner (round 8 of issue 12).

A count of every error left on tests/cases/speakers_real_style.json by decision showed most were
missed moderators: a co-chair ("co-présidait la séance avec A"), a chairing verb in a relative
clause after thanks or "par", the partner of a chair ("avec l'appui de A"), a list after a cue
holding "animé par". Names here are not in the set.
"""

from __future__ import annotations

import pytest
from test_speakers_prose import people_of


def _who(*lines: str) -> dict[str, tuple]:
    return {name: (str(row.participation), row.role, row.organisation)
            for name, row in people_of(*lines).items()}



@pytest.mark.parametrize("lines, expected", [
    (["Retour sur le forum", "Le forum était ouvert au public. Régis Mallard, maire de Vire, co-présidait la "
      "séance avec Ysé Carmignac, adjointe au maire de Caen."],
     {"Régis Mallard": "moderator", "Ysé Carmignac": "moderator"}),
    (["Retour sur la journée", "Merci à Ysé Carmignac, de la CRESS, qui a co-animé la journée avec Régis "
      "Mallard, du RTES."],
     {"Ysé Carmignac": "moderator", "Régis Mallard": "moderator"}),
    (["Retour sur la formation", "La session était animée par Ysé Carmignac, consultante, avec l'appui de "
      "Régis Mallard, chargé de formation au CNFPT."],
     {"Ysé Carmignac": "moderator", "Régis Mallard": "moderator"}),
    (["Retour sur la conférence", "Présentation du baromètre par Ysé Carmignac, qui a ensuite modéré le "
      "débat."],
     {"Ysé Carmignac": "moderator"}),
    (["Retour sur la journée", "Trois ateliers ont suivi, chacun animé par un partenaire : Ysé Carmignac "
      "(Région Normandie) pour l'emploi, Régis Mallard (Ville de Vire) pour le foncier."],
     {"Ysé Carmignac": "moderator", "Régis Mallard": "moderator"}),
    # a plain "avec" after a chair still brings the speakers
    (["15h – Atelier « mobilité », animé par Régis Mallard (Wimoov), avec Ysé Carmignac, maire de Vire."],
     {"Régis Mallard": "moderator", "Ysé Carmignac": "speaker"}),
])
def test_a_co_chair_a_chairing_relative_and_a_chairing_list(lines, expected):
    assert {name: row[0] for name, row in _who(*lines).items()} == expected


def test_a_name_then_d_apostrophe_and_an_organisation():
    found = _who("Retour sur la plénière", "La plénière était animée par Ysé Carmignac et Régis Mallard "
                 "d'Horizon Conseil.")
    assert {name: row[0] for name, row in found.items()} == {"Ysé Carmignac": "moderator",
                                                             "Régis Mallard": "moderator"}
