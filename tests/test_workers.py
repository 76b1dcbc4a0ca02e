"""Per-record stages on several processes give exactly what a serial run gives."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.run import run_pipeline
from pipeline.workers import map_in_order
from pipeline.write import write_tables

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")


def _square_or_fail(n: int) -> int:
    if n == 97:
        raise InputError("bad record", source_file="x.txt", line=97)
    return n * n


def test_results_come_back_in_input_order(monkeypatch):
    monkeypatch.setattr("pipeline.workers.MIN_ITEMS_PER_WORKER", 1)
    assert map_in_order(_square_or_fail, range(50), workers=3) == [n * n for n in range(50)]


def _fail_in_a_worker(n: int) -> int:
    if os.getpid() != CALLER:
        raise InputError("bad record", source_file="x.txt", line=n)
    time.sleep(0.005)  # the caller is slow: the worker gets pieces for sure
    return n


CALLER = os.getpid()


def test_every_piece_is_computed_once_whoever_takes_it(monkeypatch):
    monkeypatch.setattr("pipeline.workers.MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr("pipeline.workers.PIECE_ITEMS", 1)
    assert map_in_order(_square_or_fail, range(90), workers=2) == [n * n for n in range(90)]


def test_an_error_in_a_worker_reaches_the_caller_with_its_file_and_line(monkeypatch):
    monkeypatch.setattr("pipeline.workers.MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr("pipeline.workers.PIECE_ITEMS", 1)
    with pytest.raises(InputError) as caught:
        map_in_order(_fail_in_a_worker, range(200), workers=2)
    assert (caught.value.source_file, caught.value.detail) == ("x.txt", "bad record")


def test_pipeline_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(InputError("empty", source_file="a.txt", line=3)))
    assert (type(error), str(error), error.line) == (InputError, "a.txt:3: empty", 3)


def test_parallel_run_writes_the_same_bytes_as_a_serial_run(tmp_path, monkeypatch):
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    export = tmp_path / "export.txt"
    export.write_text("\n".join([lines[0]] + lines[1:] * 4), encoding="utf-8")  # 40 records
    monkeypatch.setattr("pipeline.workers.MIN_ITEMS_PER_WORKER", 5)
    write_tables(run_pipeline(export, workers=1), tmp_path / "serial")
    parallel = run_pipeline(export, workers=2)
    assert len(parallel.records) == 40
    write_tables(parallel, tmp_path / "parallel")
    for table in sorted((tmp_path / "serial").glob("*.parquet")):
        assert table.read_bytes() == (tmp_path / "parallel" / table.name).read_bytes(), table.name


def test_a_document_split_in_two_halves_gives_the_serial_records_at_every_seam():
    """White-box: the worker guesses the record before its first region; where the guess
    is wrong (a private record's title placed by shape, say), its work must be dropped."""
    from pipeline.clean import clean_document
    from pipeline.read import decode_export
    from pipeline.split import _find_blocks, _Splitter

    text = SHIPPED.read_text(encoding="utf-8")
    document = clean_document(decode_export((text + "\n" + text.split("\n", 1)[1]).encode(), "x.txt"))
    lines = [line for line in document.lines if not line.is_blank]
    blocks = _find_blocks(lines)
    serial = _Splitter(lines, blocks, "x.txt").run(workers=1)
    regions = len(blocks) + 1
    dropped = 0
    for seam in range(1, regions):
        splitter = _Splitter(lines, blocks, "x.txt")
        here = []  # region ranges split in this process: a second one means the worker's was dropped
        splitter._regions = _recording(splitter._regions, here)
        drafts, quarantined = splitter._run_in_halves(seam, regions)
        assert (drafts, quarantined) == serial, seam
        dropped += len(here) > 1
    assert regions == 21 and 0 < dropped < regions - 1, dropped  # both paths were taken


def _recording(regions, calls: list):
    def recorded(*args):
        calls.append(args[:2])
        return regions(*args)
    return recorded


def _die_in_a_worker(n: int) -> int:
    if os.getpid() != CALLER:
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    time.sleep(0.005)
    return n


def test_a_worker_that_dies_fails_the_run_instead_of_hanging_it(monkeypatch):
    monkeypatch.setattr("pipeline.workers.MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr("pipeline.workers.PIECE_ITEMS", 1)
    with pytest.raises(RuntimeError, match="RTES_WORKERS=1"):
        map_in_order(_die_in_a_worker, range(200), workers=2)


def test_the_number_of_workers_comes_from_rtes_workers(monkeypatch):
    from pipeline.workers import default_workers

    monkeypatch.setenv("RTES_WORKERS", "1")
    assert default_workers() == 1
    monkeypatch.setenv("RTES_WORKERS", "deux")
    with pytest.raises(ValueError, match="RTES_WORKERS must be a whole number"):
        default_workers()
