"""A held-out folder of overlapping exports, for the catalogue tests.

Pages cut from the shipped export (record spans written out by hand below), one page with
a real edit, two records of our own invention on two pages (one under a typographic
variant of its title, one under another title with the same text), and what a folder of
exports also holds: a byte-identical copy, a .git folder, hidden files, a PDF.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
HEADER = "Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire"
# First and last raw line of each record of the shipped export (its own tests pin them).
SPANS = [(3, 86), (87, 164), (165, 276), (277, 351), (352, 529), (530, 573), (574, 610),
         (611, 652), (653, 774), (775, 825)]
EDITED = 5  # "Pratiques informelles": one word changed in its body and its Résumé
EDIT = ("économie de la débrouille", "économie de la survie")

JARDINS_TEXT = [
    "La commune de Valmorin a ouvert trois jardins partagés au pied des immeubles et confie "
    "une partie des récoltes à la cuisine centrale qui prépare les repas des écoles.",
    "L'atelier a réuni des élus, des jardiniers bénévoles et une association d'insertion qui "
    "entretient les parcelles ; chacun a raconté ce qui avait marché et ce qui restait fragile.",
    "Les échanges ont porté sur le statut des bénévoles, le prix payé aux maraîchers et la "
    "manière de garder le lien avec les familles une fois l'été passé.",
]
MONNAIES_TEXT = [
    "Quatre territoires qui ont lancé une monnaie locale complémentaire ont présenté leur "
    "parcours, du premier billet imprimé jusqu'à l'acceptation par la régie des transports.",
    "Les intervenantes ont insisté sur la gouvernance partagée entre commerçants, usagers et "
    "collectivité, et sur la difficulté de faire circuler la monnaie au-delà du marché.",
    "Un temps de questions a permis de comparer les outils numériques de paiement et les "
    "conventions passées avec les banques coopératives partenaires.",
]


def _record(title: str, paragraphs: list[str]) -> list[str]:
    block = ["Type de ressource", "Ressources RTES", "Ressource privée", "Non", "Résumé"]
    return [title, "", *paragraphs, *block, *paragraphs, ""]


def _page(lines: list[str], spans: list[int], edit: int | None = None) -> str:
    out = [HEADER, ""]
    for index in spans:
        start, end = SPANS[index]
        chunk = lines[start - 1:end]
        if index == edit:
            chunk = [line.replace(*EDIT) for line in chunk]
        out += chunk
    return "\n".join(out) + "\n"


def build_folder(root: Path) -> Path:
    """Write the folder under `root` and return it."""
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    (root / "2021").mkdir(parents=True)
    (root / "pages").mkdir()
    (root / "copie").mkdir()
    (root / ".git" / "objects").mkdir(parents=True)
    (root / "2021" / "complet.txt").write_bytes(SHIPPED.read_bytes())
    (root / "copie" / "complet.txt").write_bytes(SHIPPED.read_bytes())
    (root / "pages" / "agriculture.txt").write_text(_page(lines, [0, 1, 2, 3, 4, 5]), encoding="utf-8")
    (root / "pages" / "commande.txt").write_text(_page(lines, [3, 4, 5, 6], edit=EDITED), encoding="utf-8")
    inedit = [HEADER, "", *_record("Jardins partagés et cantines - atelier en ligne mars 2022", JARDINS_TEXT),
              *_record("Monnaies locales, retours d'expérience - webinaire avril 2022", MONNAIES_TEXT)]
    recap = [HEADER, "", *_record("Retour sur le webinaire des monnaies locales", MONNAIES_TEXT),
             *_record("JARDINS PARTAGÉS ET CANTINES – atelier en ligne, mars 2022", JARDINS_TEXT)]
    (root / "pages" / "inedit.txt").write_text("\n".join(inedit), encoding="utf-8")
    (root / "pages" / "recap.txt").write_text("\n".join(recap), encoding="utf-8")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / ".git" / "objects" / "ab12").write_bytes(b"x\x9c\x00")
    (root / ".brouillon.txt").write_text("pas fini\n", encoding="utf-8")
    (root / "2021" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    return root


# What the folder holds, counted by hand.
RESOURCES = 12  # the shipped ten, Jardins, Monnaies
OCCURRENCES_PER_SHIPPED = [2, 2, 2, 3, 3, 3, 2, 1, 1, 1]
RECORDS = 24  # 10 + 6 + 4 + 2 + 2
SKIPPED = {
    ".git/": "version-control folder",
    ".brouillon.txt": "hidden file",
    "2021/.DS_Store": "hidden file",
    "copie/complet.txt": "byte-identical copy of 2021/complet.txt",
    "notes.pdf": "unsupported file type (.pdf",
}
