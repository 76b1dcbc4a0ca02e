"""Mapping a stage over processes gives exactly what a serial run gives, and fails loudly."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
import warnings
from functools import partial
from pathlib import Path

import pytest

from pipeline.errors import ConfigError, ExecutionError, InputError
from pipeline.execution import Executor, resolve_workers
from pipeline.run import run_pipeline
from pipeline.write import write_tables

SHIPPED = Path("data/raw/rtes_export_2020-2021.txt")
CALLER = os.getpid()


def _square_or_fail(n: int) -> int:
    if n == 97:
        raise InputError("bad record", source_file="x.txt", line=97)
    return n * n


def _pid(_: int) -> int:
    return os.getpid()


def _slow_here_pid(_: int, caller: int, marker: str) -> int:
    """The caller's pid once another process has taken a chunk (it leaves `marker`): however
    slowly a loaded machine starts the workers, they surely get chunks; and slowly in the
    workers, so that the caller surely gets chunks too."""
    if os.getpid() != caller:
        Path(marker).touch()
        time.sleep(0.01)
        return os.getpid()
    for _poll in range(30_000):  # at most ~5 minutes; pytest-timeout ends a hang first
        if Path(marker).exists():
            break
        time.sleep(0.01)
    return os.getpid()


def _die_in_a_worker(n: int, caller: int) -> int:
    if os.getpid() != caller:
        os._exit(1)  # as the kernel's out-of-memory killer would end it
    time.sleep(0.002)  # the caller is slow: a worker surely gets a chunk
    return n


def test_results_come_back_in_input_order_from_other_processes(tmp_path):
    progress: list[int] = []
    with Executor(3, min_items_per_worker=1) as executor:
        assert executor.map(_square_or_fail, range(50), done=progress.append) == [n * n for n in range(50)]
        marker = str(tmp_path / "a worker ran")
        pids = set(executor.map(partial(_slow_here_pid, caller=CALLER, marker=marker), range(60)))
    assert CALLER in pids and len(pids) >= 2  # the caller takes chunks too
    assert progress == sorted(progress) and progress[-1] == 50


def test_few_items_run_in_the_calling_process():
    with Executor(2) as executor:  # below MIN_ITEMS_PER_WORKER: not worth a process
        assert set(executor.map(_pid, range(5))) == {CALLER}
    with Executor(1, min_items_per_worker=1) as executor:
        assert set(executor.map(_pid, range(500))) == {CALLER}


def test_an_error_in_a_worker_reaches_the_caller_with_its_file_and_line():
    with Executor(2, min_items_per_worker=1) as executor, pytest.raises(InputError) as caught:
        executor.map(_square_or_fail, range(200))
    assert (caught.value.source_file, caught.value.line, caught.value.detail) == ("x.txt", 97, "bad record")


def test_pipeline_errors_survive_pickling():
    error = pickle.loads(pickle.dumps(InputError("empty", source_file="a.txt", line=3)))
    assert (type(error), str(error), error.line) == (InputError, "a.txt:3: empty", 3)


def test_a_worker_that_dies_fails_the_run_instead_of_hanging_it():
    dying = partial(_die_in_a_worker, caller=CALLER)
    with Executor(2, min_items_per_worker=1) as executor, pytest.raises(ExecutionError, match="RTES_WORKERS"):
        executor.map(dying, range(200))


def test_no_process_forks_itself_while_threads_run():
    """Python 3.12+ warns (DeprecationWarning) when a multi-threaded process calls fork():
    the workers come from a fork server, so a thread in the caller changes nothing."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            with Executor(2, min_items_per_worker=1) as executor:
                assert executor.map(_square_or_fail, range(20)) == [n * n for n in range(20)]
    finally:
        stop.set()
        thread.join()


def test_the_number_of_workers_comes_from_the_caller_then_rtes_workers(monkeypatch):
    monkeypatch.setenv("RTES_WORKERS", "1")
    assert resolve_workers() == 1
    assert resolve_workers(3) == 3
    monkeypatch.delenv("RTES_WORKERS")
    assert resolve_workers() >= 1


@pytest.mark.parametrize("setting", ["deux", "0", "-1", "1.5"])
def test_a_bad_rtes_workers_is_a_config_error_naming_the_variable(monkeypatch, setting):
    monkeypatch.setenv("RTES_WORKERS", setting)
    with pytest.raises(ConfigError, match="RTES_WORKERS"):
        resolve_workers()


def test_zero_workers_is_a_config_error():
    with pytest.raises(ConfigError, match="1 or more"):
        resolve_workers(0)


def test_parallel_run_writes_the_same_bytes_as_a_serial_run(tmp_path, monkeypatch):
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    titles = {r.title_line - 1 for r in run_pipeline(SHIPPED, workers=1).records}
    copies = [[f"{line} ({k})" if n in titles else line for n, line in enumerate(lines)][1:]
              for k in range(4)]
    export = tmp_path / "export.txt"  # 40 records: 4 copies under their own titles (40 resources)
    export.write_text("\n".join([lines[0]] + [line for copy in copies for line in copy]), encoding="utf-8")
    monkeypatch.setattr("pipeline.execution.MIN_ITEMS_PER_WORKER", 5)
    write_tables(run_pipeline(export, workers=1), tmp_path / "serial")
    progress: list[tuple[str, int, int]] = []
    parallel = run_pipeline(export, workers=2, progress=lambda *step: progress.append(step))
    assert len(parallel.records) == 40
    assert [step for step in progress if step[0] == "analyse"][-1] == ("analyse", 40, 40)
    write_tables(parallel, tmp_path / "parallel")
    for table in sorted((tmp_path / "serial").glob("*.parquet")):
        assert table.read_bytes() == (tmp_path / "parallel" / table.name).read_bytes(), table.name


def test_a_script_read_from_stdin_runs_in_one_process(tmp_path):
    """Workers import the calling script: one read from stdin has no file, so it runs alone
    instead of starting workers that die."""
    lines = SHIPPED.read_text(encoding="utf-8").split("\n")
    export = tmp_path / "export.txt"
    export.write_text("\n".join([lines[0]] + lines[1:] * 30), encoding="utf-8")  # 300 records: worth workers
    script = (f"from pathlib import Path\nfrom pipeline.run import run_pipeline\n"
              f"print(len(run_pipeline(Path({str(export)!r}), workers=2).records))\n")
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                          cwd=Path(__file__).parents[1], check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["10"]  # 30 copies of each of the 10 records: 10 resources


EXIT_SCRIPT = """
import gc
from pipeline.execution import skip_collection_at_exit

class Loop:  # garbage only the collector can free, which says so when it does
    def __del__(self):
        print("collected", flush=True)

gc.disable()  # keep it alive until the interpreter's own shutdown
first = Loop()
first.me = first
del first
{call}
"""


@pytest.mark.parametrize(("calls", "output"), [("", "collected"), ("skip_collection_at_exit()", ""),
                                                ("skip_collection_at_exit()\n" * 2, "")])
def test_the_collectors_pass_at_exit_skips_what_a_command_leaves_alive(calls, output):
    """A command's report dies with its process; the shutdown's collection would scan it all."""
    done = subprocess.run([sys.executable, "-c", EXIT_SCRIPT.format(call=calls)], capture_output=True,
                          text=True, cwd=Path(__file__).parents[1], check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == output
