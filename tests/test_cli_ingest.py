"""`ingest` on the command line: exit codes, error text, and tables left intact on failure."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cli import app

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")


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


def test_ingest_takes_several_paths_and_lists_what_it_skipped(tmp_path):
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "a.txt").write_bytes(SHIPPED.read_bytes())
    (tmp_path / "page" / ".brouillon.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SHIPPED.read_bytes() + b"\n")
    out = tmp_path / "clean"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "page"), str(tmp_path / "b.txt"), str(SHIPPED),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 file(s) read, 0 failed, 2 skipped" in result.stdout
    assert f"skipped {tmp_path}/page/.brouillon.txt: hidden file" in result.stdout
    assert f"skipped {SHIPPED}: byte-identical copy of {tmp_path}/page/a.txt" in result.stdout
    assert "10 resource(s) from 20 record(s), 0 differing" in result.stdout
    resources = pq.read_table(out / "resources.parquet")
    assert resources.column("n_occurrences").to_pylist() == [2] * 10
    assert pq.read_table(out / "occurrences.parquet").num_rows == 20


def test_ingest_of_a_missing_path_among_several_exits_2_naming_it(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(SHIPPED), str(tmp_path / "absent"), "--out",
                                      str(tmp_path / "clean")])
    assert result.exit_code == 2
    assert "absent" in result.output and not (tmp_path / "clean").exists()
