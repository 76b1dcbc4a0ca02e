"""Read: any encoding, line ending and rendition of an export gives the same lines."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shipped_export import SHIPPED, TITLES

from pipeline.errors import InputError
from pipeline.read import decode_export, read_exports
from pipeline.run import run_pipeline


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


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


# French words whose UTF-8 bytes all decode in cp1252 (a Ï or an Á would lose a byte there).
FRENCH_WORDS = ["été", "à", "déjà", "élève", "crêpe", "œuvre", "Noël", "garçon", "forêt", "où", "ÉTÉ",
                "À", "Ça", "Ève", "Île", "naïve", "maïs", "l’été", "« oui »", "coût", "mûr", "25 €", "n°3",
                "réseau", "collectivités", "économie", "solidaire", "ça", "Œuvre", "ambiguë"]


@given(st.lists(st.sampled_from(FRENCH_WORDS), min_size=1, max_size=12).map(" ".join))
def test_french_text_read_with_the_wrong_encoding_is_repaired_as_ftfy_judges(text):
    """The cheap pair scan never hides a line from ftfy: each line reads as ftfy repairs it
    (ftfy leaves a lone ambiguous word such as "ÃŽle" alone), with a warning when it did."""
    garbled = text.encode("utf-8").decode("cp1252")  # UTF-8 read as cp1252: "Ã©tÃ©"
    document = decode_export(garbled.encode("utf-8"), "m.txt")
    assert document.lines[0].raw == ftfy.fix_encoding(garbled)
    assert any("mojibake" in warning for warning in document.warnings) == (document.lines[0].raw != garbled)


@pytest.mark.parametrize("text", ["Été", "l’été à la forêt", "Noël « oui » 25 €", "ÉTÉ À NOËL"])
def test_common_french_mojibake_is_restored_exactly(text):
    garbled = text.encode("utf-8").decode("cp1252")
    assert decode_export(garbled.encode("utf-8"), "m.txt").lines[0].raw == text


def test_every_line_ending_keeps_the_line_numbers_an_editor_shows():
    document = decode_export("un\r\ndeux\rtrois\nquatre\x0bcinq\u2028".encode(), "e.txt")
    assert [(line.number, line.raw) for line in document.lines] == [
        (1, "un"), (2, "deux"), (3, "trois"), (4, "quatre\x0bcinq\u2028")]


def test_a_file_that_is_not_utf8_is_decoded_as_cp1252_with_a_warning_naming_the_line():
    document = decode_export("Titre\nÉconomie – sociale\n".encode("cp1252"), "c.txt")
    assert document.encoding == "cp1252"
    assert document.lines[1].raw == "Économie – sociale"
    assert document.warnings == ("c.txt:2: not valid UTF-8; decoded as cp1252",)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty"),
    (b" \r\n\t\n", "empty"),
    (b"\x00\x01\x02binary" * 50, "binary"),
    ("\u00a0\n\u00a0".encode(), "holds no text"),
])
def test_an_unreadable_file_is_an_input_error_naming_it(data, message):
    with pytest.raises(InputError, match=message) as caught:
        decode_export(data, "bad.txt")
    assert caught.value.source_file == "bad.txt"


def test_a_folder_is_read_file_by_file_and_a_bad_file_is_a_failure_not_an_error(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(SHIPPED.read_bytes())
    (tmp_path / "a.html").write_text("<p>Titre</p>", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.md").write_text("not an export", encoding="utf-8")
    read = read_exports(tmp_path)
    assert [d.source_file for d in read.documents] == ["a.html", "sub/b.txt"]
    assert [d.rendition for d in read.documents] == ["html", "text"]
    assert [f.source_file for f in read.failures] == ["empty.txt"]
    assert str(tmp_path / "empty.txt") in read.failures[0].message


def test_a_missing_path_or_a_folder_without_exports_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        read_exports(tmp_path / "missing")
    (tmp_path / "notes.md").write_text("not an export", encoding="utf-8")
    with pytest.raises(InputError, match="no export files"):
        read_exports(tmp_path)


def test_an_html_rendition_keeps_bullets_and_leaves_page_furniture_out():
    html = ("<html><body><nav>Menu</nav>\n<h2>Titre</h2>\n<ul><li>un point<ol><li>imbriqué</li></ol>"
            "</li></ul>\n<script>var x;</script><p>Fin\u00a0!</p><footer>©</footer></body></html>")
    document = decode_export(html.encode(), "p.html", is_html=True)
    assert [line.raw for line in document.lines] == ["Titre", "  • un point", "    1. imbriqué", "Fin\u00a0!"]
    assert [line.number for line in document.lines] == [2, 3, 3, 4]


# --- folders of exports: walking, skipping, copies, several paths ---


def test_hidden_version_control_and_other_files_are_skipped_with_their_reason(tmp_path):
    (tmp_path / "fiches" / ".svn").mkdir(parents=True)
    (tmp_path / "fiches" / ".svn" / "entries.txt").write_text("suivi\n", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "vieux.txt").write_bytes(SHIPPED.read_bytes() + b"\n")
    (tmp_path / "fiches" / "page.txt").write_bytes(SHIPPED.read_bytes())
    (tmp_path / "~$brouillon.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".masque.html").write_text("<p>non</p>", encoding="utf-8")
    (tmp_path / "LISEZMOI").write_text("à lire\n", encoding="utf-8")
    read = read_exports(tmp_path)
    assert [d.source_file for d in read.documents] == ["fiches/page.txt"]
    assert {s.path: s.reason for s in read.skipped} == {
        ".cache/": "hidden folder, not read (1 file(s))",
        "fiches/.svn/": "version-control folder, not read (1 file(s))",
        "~$brouillon.docx": "unsupported file type (.docx; exports are .txt, .text, .html, .htm)",
        ".masque.html": "hidden file",
        "LISEZMOI": "unsupported file type (no suffix; exports are .txt, .text, .html, .htm)",
    }


def test_a_byte_identical_file_is_read_once_and_listed_as_a_copy(tmp_path):
    for name in ("b/page.txt", "a/page.txt", "c/autre_nom.text"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(SHIPPED.read_bytes())
    (tmp_path / "d.txt").write_bytes(SHIPPED.read_bytes() + b"\n")  # one byte more: another file
    read = read_exports(tmp_path)
    assert [d.source_file for d in read.documents] == ["a/page.txt", "d.txt"]  # the first by path
    assert [(s.path, s.copy_of) for s in read.skipped] == [("b/page.txt", "a/page.txt"),
                                                          ("c/autre_nom.text", "a/page.txt")]
    assert read.skipped[0].reason == "byte-identical copy of a/page.txt"


def test_a_copy_of_a_bad_file_fails_like_it(tmp_path):
    (tmp_path / "vide.txt").write_bytes(b"  \n")
    (tmp_path / "vide2.txt").write_bytes(b"  \n")
    (tmp_path / "bon.txt").write_bytes(SHIPPED.read_bytes())
    read = read_exports(tmp_path)
    assert [f.source_file for f in read.failures] == ["vide.txt", "vide2.txt"]
    assert str(tmp_path / "vide2.txt") in read.failures[1].message and "empty" in read.failures[1].message


def test_several_paths_are_read_together_under_the_names_given(tmp_path):
    (tmp_path / "un").mkdir()
    (tmp_path / "un" / "page.txt").write_bytes(SHIPPED.read_bytes())
    (tmp_path / "deux.txt").write_bytes(SHIPPED.read_bytes() + b"\n")
    read = read_exports([tmp_path / "deux.txt", tmp_path / "un", tmp_path / "un" / "page.txt"])
    assert [d.source_file for d in read.documents] == [f"{tmp_path}/deux.txt", f"{tmp_path}/un/page.txt"]
    assert [(s.path, s.reason) for s in read.skipped] == [
        (f"{tmp_path}/un/page.txt", f"the same file as {tmp_path}/un/page.txt")]
    with pytest.raises(InputError, match="no such file or folder"):
        read_exports([tmp_path / "deux.txt", tmp_path / "absent"])
