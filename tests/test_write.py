"""Write: tables under their schemas, the same bytes for the same input, whole or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.errors import OutputError
from pipeline.run import run_pipeline
from pipeline.schemas import TABLES
from pipeline.write import MANIFEST, check_out_dir, write_tables, write_text_atomic

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")


@pytest.fixture(scope="module")
def shipped():
    return run_pipeline(SHIPPED)


@contextmanager
def disk_full_beyond(size: int) -> Iterator[None]:
    """Any file grown past `size` bytes fails to write (EFBIG), as on a full disk; works as root,
    unlike a read-only folder."""
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, limits[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
        signal.signal(signal.SIGXFSZ, handler)


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


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


def test_the_manifest_describes_the_files_beside_it(shipped, tmp_path):
    written = write_tables(shipped, tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(written) == sorted(TABLES) == sorted(manifest["tables"])
    for name, path in written.items():
        assert manifest["tables"][name] == {
            "file": path.name, "rows": pq.read_metadata(path).num_rows,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    assert manifest["inputs"][0]["path"] == SHIPPED.name
    assert manifest["inputs"][0]["sha256"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([MANIFEST, *(f"{n}.parquet" for n in TABLES)])


def test_a_failed_write_leaves_the_previous_tables_intact(shipped, tmp_path):
    write_tables(shipped, tmp_path)
    before = folder_bytes(tmp_path)
    with disk_full_beyond(4096), pytest.raises(OutputError, match="left as they were") as caught:
        write_tables(shipped, tmp_path)
    assert caught.value.source_file == str(tmp_path)
    assert folder_bytes(tmp_path) == before  # no table replaced, no staging folder left


# A file in the way of the output folder is an OutputError, even for a caller that skipped
# `check_out_dir` (it used to escape as a bare FileExistsError).
def test_writing_tables_over_a_file_is_an_output_error_and_leaves_the_file(shipped, tmp_path):
    target = tmp_path / "clean"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError):
        write_tables(shipped, target)
    assert target.read_text(encoding="utf-8") == "mine"


# --- the output folder, checked before a run ---


def test_a_folder_or_a_folder_to_be_made_is_a_good_output(tmp_path):
    assert check_out_dir(tmp_path) == tmp_path
    assert check_out_dir(str(tmp_path / "new" / "clean")) == tmp_path / "new" / "clean"
    assert not (tmp_path / "new").exists()  # checked, not made


def test_an_output_path_that_is_a_file_is_an_output_error(tmp_path):
    target = tmp_path / "clean.parquet"
    target.write_bytes(b"x")
    with pytest.raises(OutputError, match="is a file, not a folder") as caught:
        check_out_dir(target)
    assert caught.value.source_file == str(target)


@pytest.mark.parametrize("under", ["clean", "clean/deeper/still"])
def test_an_output_folder_under_a_file_is_an_output_error(tmp_path, under):
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(OutputError, match="is a file: the output folder cannot be made under it") as caught:
        check_out_dir(tmp_path / "file" / under)
    assert caught.value.source_file == str(tmp_path / "file" / under)


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_output_path_is_an_output_error(empty):
    with pytest.raises(OutputError, match="the output folder is empty"):
        check_out_dir(empty)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_output_folder_is_an_output_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(OutputError, match="is not writable"):
            check_out_dir(locked / "clean")
    finally:
        locked.chmod(0o700)


# --- one text file, atomically ---


def test_a_text_file_is_written_whole_with_its_folders(tmp_path):
    path = tmp_path / "a" / "b" / "baseline.json"
    write_text_atomic(path, "premier\n")
    write_text_atomic(path, "second é\n")
    assert path.read_bytes() == "second é\n".encode()
    assert sorted(p.name for p in path.parent.iterdir()) == ["baseline.json"]


def test_a_text_file_that_cannot_be_written_leaves_the_old_one(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text("old", encoding="utf-8")
    with disk_full_beyond(1024), pytest.raises(OutputError, match="cannot be written") as caught:
        write_text_atomic(path, "x" * 10_000)
    assert caught.value.source_file == str(path)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]  # no temporary left


def test_a_text_file_under_a_file_is_an_output_error(tmp_path):
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(OutputError, match="cannot be written") as caught:
        write_text_atomic(tmp_path / "file" / "baseline.json", "{}")
    assert caught.value.source_file == str(tmp_path / "file" / "baseline.json")
    assert (tmp_path / "file").read_bytes() == b"x"


# Text that cannot be encoded (a lone surrogate) is not an I/O error: it propagates as it
# is, and the hidden temporary file is removed.
def test_a_text_that_cannot_be_encoded_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "baseline.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(path, "\ud800")
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["baseline.json"]


def test_an_atomic_write_gives_the_file_the_mode_open_would(tmp_path):
    """mkstemp's 0600 would hide a report or a baseline from the other users of a machine."""
    umask = os.umask(0)
    os.umask(umask)
    path = tmp_path / "report.html"
    write_text_atomic(path, "<p>rapport</p>")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
