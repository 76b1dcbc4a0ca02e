"""Run a per-record function over every record on all cores, results in input order.

The per-record stages (metadata, divergences, figures) are pure Python and hold the GIL,
so only processes run them in parallel. Workers are forked: they inherit the records and
the function instead of receiving them pickled, and send back only their results.
Contiguous chunks, gathered in order, keep the output identical to a serial run.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per process, forking and pickling cost more than they save.
MIN_ITEMS_PER_WORKER = 150
# The calling process takes a larger share than each worker: a worker also pays for the
# pages it copies from its parent and for pickling its results (measured on 20 MB: the
# parent idled 0.25 s of 1.3 s with equal shares).
HOME_WEIGHT = 1.2
# Results come back from a worker in pieces of this many items.
RESULT_PIECE_ITEMS = 100
# `RTES_WORKERS=1` forces a serial run (to profile, or on a machine shared with others).
WORKERS_VARIABLE = "RTES_WORKERS"

# What the forked workers run: set just before the fork, read by `_run_chunk` in the child.
_task: tuple[Callable, Sequence] | None = None


def default_workers() -> int:
    """`RTES_WORKERS` if set, else one per core; 1 where fork is not the safe default."""
    if os.environ.get(WORKERS_VARIABLE, "").strip():
        return max(1, int(os.environ[WORKERS_VARIABLE]))
    if sys.platform != "linux":  # macOS and Windows spawn: the inheritance trick is moot
        return 1
    return len(os.sched_getaffinity(0))


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, on up to `workers` processes.

    The calling process takes the first chunk itself; an exception raised in a worker is
    raised here.
    """
    global _task
    workers = min(workers or default_workers(), len(items) // max(MIN_ITEMS_PER_WORKER, 1))
    if workers <= 1:
        return [function(item) for item in items]
    weights = [HOME_WEIGHT] + [1.0] * (workers - 1)
    bounds = [round(len(items) * sum(weights[:k]) / sum(weights)) for k in range(workers + 1)]
    # The workers' shares go as pieces, each sent back when done: one whole share pickled
    # at once held tens of MB twice over (objects and bytes) in both processes.
    pieces = [(lo, min(lo + RESULT_PIECE_ITEMS, bounds[k + 1]))
              for k in range(1, workers) for lo in range(bounds[k], bounds[k + 1], RESULT_PIECE_ITEMS)]
    _task = (function, items)
    gc.freeze()  # the workers' collector then leaves the shared objects (and their pages) alone
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = [pool.apply_async(_run_chunk, piece) for piece in pieces]
            results = [function(item) for item in items[bounds[0]:bounds[1]]]
            for piece in pending:
                results.extend(piece.get())
    finally:
        _task = None
        gc.unfreeze()
    return results


def run_beside(here: Callable[[], Result], there: Callable[[], Item]) -> tuple[Result, Item]:
    """Run `there` in a forked worker while this process runs `here`; both results."""
    global _task
    _task = (there, ())
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            pending = pool.apply_async(_run_task)
            mine = here()
            return mine, pending.get()
    finally:
        _task = None
        gc.unfreeze()


def _run_task():
    assert _task is not None, "a worker runs only a task set before the fork"
    return _task[0]()


def _run_chunk(start: int, stop: int) -> list:
    assert _task is not None, "a worker runs only a task set before the fork"
    function, items = _task
    return [function(item) for item in items[start:stop]]
