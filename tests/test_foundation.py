"""Foundation: read, clean, split, metadata, write on the shipped export and on variants."""

from __future__ import annotations

import datetime
from pathlib import Path

import ftfy
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from pipeline.clean import clean_document, clean_text
from pipeline.errors import InputError, PipelineError
from pipeline.read import decode_export
from pipeline.records import SourceDocument, SourceLine
from pipeline.run import run_pipeline
from pipeline.schemas import TABLES
from pipeline.split import split_records
from pipeline.write import write_tables

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
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


def split_text(text: str):
    return split_records(clean_document(decode_export(text.encode("utf-8"), "t.txt")))


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


def test_shipped_titles_lines_and_spans(shipped):
    assert [r.title for r in shipped.records] == TITLES
    assert [r.title_line for r in shipped.records] == TITLE_LINES
    assert [r.raw.resume[0].line for r in shipped.records] == RESUME_STARTS
    assert [(r.raw.line_start, r.raw.line_end) for r in shipped.records][:2] == [(3, 86), (87, 164)]
    assert shipped.records[-1].raw.line_end == 825


def test_shipped_metadata(shipped):
    meta = [r.metadata for r in shipped.records]
    assert [m.resource_type for m in meta] == ["Ressources RTES"] * 5 + ["Autres"] + ["Ressources RTES"] * 4
    assert [m.is_private for m in meta] == [False] * 3 + [True] + [False] * 6
    assert shipped.records[3].raw.body == () and shipped.records[3].duplicate_status == "resume_only"
    assert [m.event_kind for m in meta] == [
        "conférence en ligne", "conférence en ligne", "conférence en ligne", "conférence en ligne",
        "conférence en ligne", "mise en débat", "webinaire", "temps d'échange",
        "conférence en ligne", "temps d'échange"]
    assert meta[0].event_date.start == datetime.date(2021, 2, 1) and meta[0].event_date.precision == "month"
    assert meta[1].event_date.start == datetime.date(2021, 1, 22)
    assert meta[4].event_date.start == datetime.date(2020, 10, 20)
    assert (meta[7].event_date.start, meta[7].event_date.end) == (
        datetime.date(2020, 8, 26), datetime.date(2020, 8, 28))
    assert [(m.participants, m.participants_qualifier) for m in meta][:2] == [(80, None), (55, None)]
    assert (meta[6].participants, meta[6].participants_qualifier) == (170, "plus de")


def test_every_line_is_in_exactly_one_span(shipped):
    covered = []
    for r in shipped.records:
        covered += range(r.raw.line_start, r.raw.line_end + 1)
    for q in shipped.quarantine:
        covered += range(q.line_start, q.line_end + 1)
    assert sorted(covered) == list(range(1, 826))
    assert [q.reason for q in shipped.quarantine] == ["site header (not a record)"]


def test_written_tables_match_schemas_and_are_deterministic(shipped, tmp_path):
    write_tables(shipped, tmp_path / "a")
    write_tables(run_pipeline(SHIPPED), tmp_path / "b")
    for name, schema in TABLES.items():
        a = (tmp_path / "a" / f"{name}.parquet").read_bytes()
        assert a == (tmp_path / "b" / f"{name}.parquet").read_bytes(), name
        assert pq.read_schema(tmp_path / "a" / f"{name}.parquet").equals(schema, check_metadata=False)
    assert pq.read_table(tmp_path / "a" / "resources.parquet").num_rows == 10


def test_tables_written_in_small_row_groups_hold_the_same_rows(shipped, tmp_path, monkeypatch):
    write_tables(shipped, tmp_path / "whole")
    monkeypatch.setattr("pipeline.write.ROW_GROUP_ROWS", {"resources": 3})
    monkeypatch.setattr("pipeline.write.DEFAULT_ROW_GROUP_ROWS", 4)
    write_tables(shipped, tmp_path / "groups")
    assert pq.ParquetFile(tmp_path / "groups" / "resources.parquet").num_row_groups == 4
    for name in TABLES:
        whole = pq.read_table(tmp_path / "whole" / f"{name}.parquet")
        assert whole.equals(pq.read_table(tmp_path / "groups" / f"{name}.parquet")), name
        assert whole.schema.field(0).metadata  # the descriptions survive the writer


def test_cp1252_crlf_bom_and_html_renditions_give_the_same_records(shipped, tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    (tmp_path / "cp.txt").write_bytes(text.replace("\n", "\r\n").encode("cp1252", errors="replace"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode())
    body = "".join(
        f"<li>{line.strip()[2:]}</li>" if line.strip().startswith("•") else f"<p>{line}</p>\n"
        for line in text.split("\n"))
    html = (f"<html><head><style>p{{}}</style></head><body><nav>Accueil</nav>{body}"
            "<footer>©</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    for name in ("cp.txt", "bom.txt", "page.html"):
        report = run_pipeline(tmp_path / name)
        assert [r.title for r in report.records] == TITLES, name
        assert [len(r.raw.body) for r in report.records] == [len(r.raw.body) for r in shipped.records]


def test_mojibake_is_repaired_with_a_warning():
    doc = decode_export("CafÃ© lâ€™Ã©tÃ©\nok".encode(), "m.txt")
    assert doc.lines[0].raw == "Café l’été"
    assert any("1 line" in w for w in doc.warnings)


VARIANT = """Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire

Premier titre - webinaire mars 2021
Un paragraphe du corps assez long pour être aligné avec sa copie, avec 40 participants.
  1. un point numéroté
    - un point imbriqué
PTCE
Documents
Type de ressource :
Ressources RTES
Ressource Privée
Non
Résumé :
Un paragraphe du corps assez long pour être aligné avec sa copie, avec 40 participants.
  1. un point numéroté
    - un point imbriqué
Ce site utilise des cookies pour améliorer votre navigation.
Titre privé un
Type de ressource
Ressources RTES
Ressource privée
Oui
Résumé
Le texte privé du premier enregistrement sans corps, seulement ici.
Titre privé deux
Type de ressource
Inconnu
Résumé
Le texte privé du second enregistrement sans corps, seulement ici.
Titre coupé
Un corps sans métadonnées car l'export est coupé"""


def test_variants_tags_labels_private_pairs_junk_and_truncation():
    result = split_text(VARIANT)
    titles = [r.title.text for r in result.records]
    assert titles == ["Premier titre - webinaire mars 2021", "Titre privé un", "Titre privé deux"]
    first, second, third = result.records
    assert [t.text for t in first.tags] == ["PTCE"]
    assert first.metadata[0].text == "Documents"
    assert second.body == () and second.resume[0].text.startswith("Le texte privé du premier")
    assert any("incomplete" in w for w in third.warnings)
    reasons = [q.reason for q in result.quarantine]
    assert reasons[0] == "site header (not a record)"
    assert any("page furniture" in r for r in reasons)
    assert any("record cut off" in r and q.text.startswith("Titre coupé")
               for q, r in zip(result.quarantine, reasons, strict=True))


def test_metadata_warnings_for_unknown_type_and_missing_private(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text(VARIANT, encoding="utf-8")
    records = run_pipeline(path).records
    assert records[2].metadata.is_private is None
    assert any("unknown resource type 'Inconnu'" in w for w in records[2].warnings)
    assert records[0].metadata.participants == 40


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    ("Réseau des collectivités Territoriales pour une Économie Solidaire\n".encode(), "only the site header"),
    (b"\x00\x01\x02binary" * 50, "binary"),
    (b"Titre\n\nUn corps sans metadonnees.\n", "no metadata block"),
])
def test_bad_input_exits_2_and_leaves_previous_tables(tmp_path, content, message):
    out = tmp_path / "clean"
    good = CliRunner().invoke(app, ["ingest", str(SHIPPED), "--out", str(out)])
    assert good.exit_code == 0
    before = (out / "resources.parquet").read_bytes()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = CliRunner().invoke(app, ["ingest", str(bad), "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output and "bad.txt" in result.output
    assert (out / "resources.parquet").read_bytes() == before


def test_folder_with_one_bad_file_ingests_the_good_one(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_bytes(SHIPPED.read_bytes())
    (raw / "bad.txt").write_bytes(b"")
    result = CliRunner().invoke(app, ["ingest", str(raw), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "bad.txt" in result.output
    assert pq.read_table(tmp_path / "out" / "resources.parquet").num_rows == 10


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Titre un", "Un long paragraphe de corps qui se répète ici.", "",
                                   "\u00a0", "  • point", "Type de ressource", "Autres",
                                   "Ressource privée", "Non", "Oui", "Résumé", "PTCE", "cookies"]),
                max_size=40).map("\n".join))
def test_any_text_splits_or_fails_cleanly_and_accounts_for_every_line(text):
    try:
        result = split_text(text)
    except PipelineError:
        return
    covered = []
    for r in result.records:
        covered += range(r.line_start, r.line_end + 1)
    for q in result.quarantine:
        covered += range(q.line_start, q.line_end + 1)
    n_lines = len(decode_export(text.encode("utf-8"), "t.txt").lines)
    assert sorted(covered) == list(range(1, n_lines + 1))


@given(st.text(max_size=200))
def test_clean_is_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)


@given(st.text(max_size=200).filter(lambda t: "\n" not in t and "\r" not in t))
def test_a_cleaned_line_holds_only_single_plain_spaces(text):
    # Later stages compare words as " ".join(...) of cleaned texts, relying on this.
    cleaned = clean_text(text)
    assert " ".join(cleaned.split()) == cleaned


@given(st.lists(st.lists(st.sampled_from(
    ["a", "é", "e\u0301", "\u0301", " ", "\u00a0", "\u202f", "\t", "\u200b", "\x07", "\x85", "\u2028",
     "\u2003", ",", ".", "\u00ad", "\ufb01"]), max_size=30).map("".join), max_size=20))
def test_a_document_is_cleaned_as_clean_text_line_by_line(raws):
    lines = tuple(SourceLine(number, raw) for number, raw in enumerate(raws, 1))
    document = SourceDocument("t.txt", lines, encoding="utf-8", size=0, sha256="")
    cleaned = clean_document(document)
    assert [line.text for line in cleaned.lines] == [clean_text(line.raw) for line in document.lines]


def test_stray_artefact_on_the_shipped_export_is_noted_with_its_line():
    document = clean_document(decode_export(SHIPPED.read_bytes(), "export.txt"))
    notes = [w for w in document.warnings if "stray artefact" in w]
    assert notes == ["export.txt:167: stray artefact ',\\xa0,' left as written"]


def test_input_error_names_file_and_line():
    with pytest.raises(InputError, match=r"t\.txt"):
        split_text("Titre\nCorps sans métadonnées.")


def test_readme_data_dictionary_is_the_one_generated_from_the_schemas():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert "| `kind` | string | whitespace \\| punctuation" in result.output  # pipes escaped
    assert result.output in Path("README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["Un webinaire.", "Au total 55 participant.e.s étaient là."], (55, None)),
    (["Nous étions plus de", "170 personnes ont assisté"], (170, None)),  # no qualifier across paragraphs
    (["Plus de 170 personnes ont assisté", "puis 80 participants"], (80, None)),  # participants first
    (["Près de 1 500 inscrits en ligne"], (1500, "près de")),
    (["Les personnes âgées de 80 ans"], None),
    (["İstanbul : 40 participants"], (40, None)),  # lower() changes the length: searched whole
])
def test_participants_are_read_paragraph_by_paragraph(paragraphs, expected):
    from pipeline.metadata import find_participants

    assert find_participants(paragraphs) == expected


FRENCH_LETTERS = "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛÜŸŒÆ’“”«»–—…€°"


@given(st.text(alphabet="abc " + FRENCH_LETTERS, min_size=1, max_size=30).filter(
    lambda t: any(c in FRENCH_LETTERS for c in t)))
def test_french_text_read_with_the_wrong_encoding_is_repaired(text):
    garbled = text.encode("utf-8").decode("cp1252", errors="ignore")
    document = decode_export(garbled.encode("utf-8"), "m.txt")
    assert document.lines[0].raw == ftfy.fix_encoding(garbled)
    assert any("mojibake" in warning for warning in document.warnings) == (document.lines[0].raw != garbled)
