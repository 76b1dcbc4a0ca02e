"""Catalogue: records that are one resource, their ids, canonical occurrence and tables."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from pipeline.catalogue import NEAR_DUPLICATE_RATIO, base_id, catalogue, content_hash, title_key
from pipeline.clean import clean_document
from pipeline.read import read_exports
from pipeline.records import Paragraph, RawRecord, Scope
from pipeline.run import run_pipeline
from pipeline.split import split_records
from tests.catalogue_folder import (
    EDIT,
    EDITED,
    OCCURRENCES_PER_SHIPPED,
    RECORDS,
    RESOURCES,
    SHIPPED,
    SKIPPED,
    build_folder,
)

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "RTES_WORKERS": None})
BASELINE = Path("data/divergences.baseline.json")


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return build_folder(tmp_path_factory.mktemp("held") / "exports")


@pytest.fixture(scope="module")
def catalogued(folder):
    return run_pipeline(folder)


# --- the held-out folder: what must hold ---


def test_the_folder_holds_the_right_resources_with_the_shipped_ids(shipped, catalogued):
    assert len(catalogued.records) == RESOURCES
    assert len(catalogued.occurrences) == RECORDS
    assert [r.resource_id for r in catalogued.records[:10]] == [r.resource_id for r in shipped.records]
    assert [r.n_occurrences for r in catalogued.records[:10]] == OCCURRENCES_PER_SHIPPED
    assert [r.n_occurrences for r in catalogued.records[10:]] == [2, 2]


def test_a_title_variant_and_a_renamed_copy_are_each_one_resource(catalogued):
    by_id: dict[str, set[str]] = {}
    for o in catalogued.occurrences:
        by_id.setdefault(o.resource_id, set()).add(o.title)
    jardins = next(t for t in by_id.values() if any(x.startswith("Jardins") for x in t))
    monnaies = next(t for t in by_id.values() if any(x.startswith("Monnaies") for x in t))
    assert jardins == {"Jardins partagés et cantines - atelier en ligne mars 2022",
                       "JARDINS PARTAGÉS ET CANTINES – atelier en ligne, mars 2022"}  # by title
    assert monnaies == {"Monnaies locales, retours d'expérience - webinaire avril 2022",
                        "Retour sur le webinaire des monnaies locales"}  # by text
    assert catalogued.counts["text_pairs_compared"] >= 1


def test_only_the_edited_copy_differs_and_its_edit_is_an_occurrence_divergence(shipped, catalogued):
    differing = [o for o in catalogued.occurrences if o.differs_from_canonical]
    assert [(o.source_file, o.resource_id) for o in differing] == [
        ("pages/commande.txt", shipped.records[EDITED].resource_id)]
    found = [d for d in catalogued.divergences if d.scope == Scope.occurrence]
    assert {(d.body_side, d.resume_side) for d in found} == {("débrouille", "survie")}
    assert len(found) == 2  # in the body and in the Résumé of the edited copy
    assert all(d.source_file == "2021/complet.txt" and d.other_file == "pages/commande.txt"
               and d.other_record_index == 2 for d in found)
    copies = [d for d in catalogued.divergences if d.scope == Scope.copy]
    assert [d.fingerprint for d in copies] == [d.fingerprint for d in shipped.divergences]


def test_skipped_files_are_in_the_manifest_and_the_summary(folder, tmp_path):
    result = runner.invoke(app, ["ingest", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    skipped = {s["path"]: s for s in manifest["skipped_inputs"]}
    assert set(skipped) == set(SKIPPED)
    assert all(skipped[path]["reason"].startswith(reason) for path, reason in SKIPPED.items())
    assert skipped["copie/complet.txt"]["copy_of"] == "2021/complet.txt"
    assert [i["path"] for i in manifest["inputs"]] == ["2021/complet.txt", *(
        f"pages/{name}.txt" for name in ("agriculture", "commande", "inedit", "recap"))]
    assert "5 skipped" in result.stdout
    assert all(f"skipped {path}: " in result.stdout for path in SKIPPED)
    assert "12 resource(s) from 24 record(s), 1 differing" in result.stdout
    occurrences = pq.read_table(tmp_path / "out" / "occurrences.parquet")
    assert occurrences.num_rows == RECORDS
    assert pq.read_table(tmp_path / "out" / "resources.parquet").column("n_occurrences").to_pylist()[:10] \
        == OCCURRENCES_PER_SHIPPED


def test_check_fails_on_the_real_edit_only(folder):
    result = runner.invoke(app, ["check", str(folder), "--baseline", str(BASELINE), "--format", "json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["known"] == 14 and document["stale"] == 0
    assert [(n["scope"], n["body_side"], n["resume_side"], n["file"]) for n in document["new"]] == [
        ("occurrence", "débrouille", "survie", f"{folder}/pages/commande.txt")] * 2


def test_check_passes_on_the_folder_without_the_edit(folder, tmp_path):
    unedited = tmp_path / "exports"
    shutil.copytree(folder, unedited)
    page = unedited / "pages" / "commande.txt"
    page.write_text(page.read_text(encoding="utf-8").replace(EDIT[1], EDIT[0]), encoding="utf-8")
    result = runner.invoke(app, ["check", str(unedited), "--baseline", str(BASELINE)])
    assert result.exit_code == 0, result.output


# --- ids and fingerprints depend on content alone ---


def _layout(folder: Path, target: Path, names: list[str]) -> Path:
    """The folder's exports under other names and folders, in another order."""
    files = sorted(p for p in folder.rglob("*.txt") if not p.name.startswith(".") and "copie" not in p.parts)
    for file, name in zip(files, names, strict=False):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target / name)
    return target


def _signature(report) -> tuple:
    return (sorted((r.resource_id, r.n_occurrences, r.text.string) for r in report.records),
            sorted((d.resource_id, d.scope, d.fingerprint) for d in report.divergences),
            sorted((o.resource_id, o.content_hash, o.differs_from_canonical) for o in report.occurrences))


def test_renamed_reordered_and_nested_exports_give_the_same_ids_and_fingerprints(folder, catalogued,
                                                                                  tmp_path):
    renamed = _layout(folder, tmp_path / "renamed",
                      ["z/dernier.txt", "a.txt", "m/n/o.txt", "0-premier.txt", "b/zz.txt"])
    assert _signature(run_pipeline(renamed)) == _signature(catalogued)


def test_several_paths_are_one_catalogue(folder, catalogued):
    report = run_pipeline([folder / "pages", folder / "2021" / "complet.txt"])
    assert _signature(report) == _signature(catalogued)
    assert {d.source_file for d in report.documents} == {
        f"{folder}/2021/complet.txt", *(f"{folder}/pages/{n}.txt" for n in ("agriculture", "commande",
                                                                              "inedit", "recap"))}


@pytest.fixture(scope="module")
def split_files(folder):
    """Each export of the folder, split: (name, raw records)."""
    read = read_exports(folder)
    return [(d.source_file, split_records(clean_document(d)).records) for d in read.documents]


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_shuffling_files_and_their_names_never_changes_an_id(split_files, data):
    order = data.draw(st.permutations(range(len(split_files))))
    names = data.draw(st.lists(st.from_regex(r"[a-z]{1,6}(/[a-z]{1,6})?\.txt", fullmatch=True),
                               min_size=len(split_files), max_size=len(split_files), unique=True))
    records, keys = [], []
    for position, index in enumerate(order):
        original, raws = split_files[index]
        records += [replace(r, source_file=names[position]) for r in raws]
        keys += [(original, k) for k in range(len(raws))]
    reference = catalogue([r for _, raws in split_files for r in raws])
    reference_ids = dict(zip([(n, k) for n, raws in split_files for k in range(len(raws))],
                             reference.resource_ids, strict=True))
    shuffled = catalogue(records)
    assert dict(zip(keys, shuffled.resource_ids, strict=True)) == reference_ids
    canonical_content = {shuffled.resource_ids[i]: shuffled.content_hashes[c]
                         for i, c in enumerate(shuffled.canonical)}
    assert canonical_content == {reference.resource_ids[i]: reference.content_hashes[c]
                                 for i, c in enumerate(reference.canonical)}


# --- the rules, on records of our own ---


def record(title: str, text: str, source_file: str = "a.txt", line: int = 1) -> RawRecord:
    paragraphs = tuple(Paragraph(line + 1 + n, p) for n, p in enumerate(text.split("\n")))
    return RawRecord(source_file=source_file, title=Paragraph(line, title), body=paragraphs,
                     metadata=(), resume=paragraphs, line_start=line, line_end=line + len(paragraphs))


LONG = ("Le collectif des Tisserands a repris la friche de la rue Haute pour y installer un atelier "
        "de réparation, une cantine associative et un espace de travail partagé pour les artisans. ")
OTHER = ("La régie de quartier des Coteaux forme chaque année douze salariés en insertion aux métiers "
         "de l'entretien des espaces verts, avec une communauté de communes voisine. ")


def test_title_key_folds_case_accents_punctuation_and_spacing():
    assert title_key("Économie  solidaire : l'ESS !") == title_key("economie SOLIDAIRE – l ESS") \
        == "economie solidaire l ess"


def test_the_ids_of_the_shipped_records_are_the_hash_of_their_title(shipped):
    assert [base_id(r.title) for r in shipped.records] == [r.resource_id for r in shipped.records]


def test_two_different_resources_under_one_title_in_one_export_get_distinct_ids_from_content():
    first, second = record("Assemblée générale", LONG * 3), record("Assemblée générale", OTHER * 3, line=40)
    ids = catalogue([first, second]).resource_ids
    assert ids == catalogue([second, first]).resource_ids[::-1]  # order does not matter
    assert ids[0] != ids[1]
    assert ids == (f"{base_id('Assemblée générale')}-{content_hash(first)[:8]}",
                   f"{base_id('Assemblée générale')}-{content_hash(second)[:8]}")


def test_the_same_record_twice_in_one_export_is_one_resource():
    found = catalogue([record("Assemblée générale", LONG), record("Assemblée générale", LONG, line=40)])
    assert found.resource_ids[0] == found.resource_ids[1] == base_id("Assemblée générale")


def test_near_duplicate_texts_join_across_files_only():
    edited = (LONG * 3).replace("atelier", "garage").replace("rue Haute", "rue Basse")
    across = catalogue([record("Les Tisserands", LONG * 3), record("Friche des Tisserands", edited, "b.txt")])
    assert across.resource_ids[0] == across.resource_ids[1] == base_id("Les Tisserands")
    within = catalogue([record("Les Tisserands", LONG * 3), record("Friche des Tisserands", edited, line=40)])
    assert within.resource_ids[0] != within.resource_ids[1]  # an export lists a resource once
    unrelated = catalogue([record("Les Tisserands", LONG * 3), record("Les Coteaux", OTHER * 3, "b.txt")])
    assert unrelated.resource_ids[0] != unrelated.resource_ids[1]


def test_one_title_over_unrelated_texts_in_two_files_is_two_resources():
    """A generic title ("Compte rendu"), or a title the split got wrong, is no proof: texts that
    share no run of words are different resources, each with an id from its content."""
    first, second = record("Compte rendu", LONG * 3), record("Compte rendu", OTHER * 3, "b.txt")
    found = catalogue([first, second])
    assert found.resource_ids[0] != found.resource_ids[1]
    assert found.resource_ids == catalogue([second, first]).resource_ids[::-1]
    assert found.resource_ids[0] == f"{base_id('Compte rendu')}-{content_hash(first)[:8]}"


def test_one_title_over_a_copy_cut_short_on_another_page_is_one_resource():
    """A partial page shows the start of a record only: still the same resource."""
    whole = LONG * 3 + OTHER
    cut = whole[: len(whole) // 3]
    found = catalogue([record("Les Tisserands", whole), record("Les Tisserands", cut, "b.txt")])
    assert found.resource_ids[0] == found.resource_ids[1] == base_id("Les Tisserands")


def test_short_texts_alone_never_join_two_titles():
    found = catalogue([record("Avis un", "Inscription gratuite."),
                       record("Avis deux", "Inscription gratuite.", "b.txt")])
    assert found.resource_ids[0] != found.resource_ids[1]


def test_the_canonical_occurrence_is_the_content_most_pages_agree_on():
    edited = LONG.replace("rue Haute", "rue Basse")
    records = [record("Tisserands", edited, "a.txt"), record("Tisserands", LONG, "b.txt"),
               record("Tisserands", LONG, "c.txt")]
    found = catalogue(records)
    assert found.canonical == (1, 1, 1)
    tie = catalogue([record("Tisserands", LONG, "a.txt"), record("Tisserands", LONG + "Et plus.", "b.txt")])
    assert tie.canonical == (1, 1)  # a tie: the longer text


def test_a_large_folder_compares_few_pairs_of_texts():
    syllables = ["ba", "co", "di", "fu", "ga", "lé", "mi", "no", "pa", "ré", "si", "tu", "va", "zo"]
    generator = random.Random(13)  # fixed seed: the same 300 distinct texts every run
    texts = [" ".join("".join(generator.choices(syllables, k=3)) for _ in range(60)) for _ in range(300)]
    records = [record(f"Ressource {k}", text, f"page{k % 20}.txt") for k, text in enumerate(texts)]
    found = catalogue(records)
    assert len(set(found.resource_ids)) == 300
    assert found.text_pairs_compared < 300  # not 300 * 299 / 2 = 44,850


def test_the_threshold_sits_between_unrelated_and_drifted_copies():
    assert 0.47 < NEAR_DUPLICATE_RATIO < 0.992  # measured on the shipped export (see catalogue.py)
