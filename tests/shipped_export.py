"""What the shipped export holds, for the tests that read it."""

from pathlib import Path

SHIPPED = Path(__file__).parents[1] / "data" / "raw" / "rtes_export_2020-2021.txt"
TITLES = [
    "Agriculture urbaine - conférence en ligne février 2021",
    "Alimentation et entrepreneuriat coopératif - conférence en ligne janvier 2021",
    "Economie informelle, s'appuyer sur les collectifs d'habitants - conférence en ligne novembre 2020",
    "L'innovation dans la commande publique - conférence en ligne novembre 2020",
    "SCIC et collectivités territoriales",
    "Pratiques informelles - Mise en débat par Résovilles",
    "WEBINAIRE ESS & RURALITÉS - CONNAÎTRE L'ÉCOSYSTÈME D'ACCOMPAGNEMENT ET DE FINANCEMENT",
    "Comment soutenir l'ESS dans le cadre d'une politique communale ou intercommunale ?- 26 & 28 août 2020",
    "Plateformes collaboratives solidaires et collectivités territoriales - conférence en ligne juillet 2020",
    'Retour sur le temps d\'échange "Départements & ESS", 9 juin 2020',
]
TITLE_LINES = [3, 87, 165, 277, 352, 530, 574, 611, 653, 775]
RESUME_STARTS = [49, 130, 225, 285, 444, 556, 595, 635, 718, 805]
