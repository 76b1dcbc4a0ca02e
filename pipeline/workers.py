"""Use every core: `map_in_order` runs a per-record function over all records,
`run_beside` runs a second task (the second half of a split) beside the caller's.

The stages are pure Python and hold the GIL, so only processes run them in parallel.
Workers are forked: they inherit the records and the function instead of receiving them
pickled, and send back only their results, gathered in input order, so that the output
is identical to a serial run's.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per process, forking and pickling cost more than they save.
MIN_ITEMS_PER_WORKER = 150
# Items go to the processes in pieces of this many: small enough to balance the shares
# and to send results back a little at a time, large enough that taking one costs nothing.
PIECE_ITEMS = 40
# `RTES_WORKERS=1` forces a serial run (to profile, or on a machine shared with others).
WORKERS_VARIABLE = "RTES_WORKERS"

# What the forked workers run: set just before the fork, read by the worker functions.
_task: tuple | None = None


def default_workers() -> int:
    """`RTES_WORKERS` if set, else one per core; 1 where fork is not the safe default."""
    setting = os.environ.get(WORKERS_VARIABLE, "").strip()
    if setting:
        if not setting.isdigit():
            raise ValueError(f"{WORKERS_VARIABLE} must be a whole number of processes, not {setting!r}")
        return max(1, int(setting))
    if sys.platform != "linux":  # macOS and Windows spawn: the inheritance trick is moot
        return 1
    return len(os.sched_getaffinity(0))


def map_in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int | None = None,
) -> list[Result]:
    """`[function(item) for item in items]`, on up to `workers` processes.

    Items go in pieces of PIECE_ITEMS: the workers take them from the front, this process
    from the back, until they meet, so the shares balance themselves whatever each
    process's speed (a worker also pays for the pages it copies and for pickling its
    results). An exception raised in a worker is raised here.
    """
    global _task
    workers = min(workers or default_workers(), len(items) // max(MIN_ITEMS_PER_WORKER, 1))
    if workers <= 1:
        return [function(item) for item in items]
    pieces = [(lo, min(lo + PIECE_ITEMS, len(items))) for lo in range(0, len(items), PIECE_ITEMS)]
    context = multiprocessing.get_context("fork")
    taken = context.Array("b", len(pieces))  # shared: 1 once a process has taken the piece
    _task = (function, items, pieces, taken)
    gc.freeze()  # the workers' collector then leaves the shared objects (and their pages) alone
    try:
        with _pool(workers - 1, context) as pool:
            pending = [pool.submit(_run_piece, k) for k in range(len(pieces))]
            mine: dict[int, list[Result]] = {}
            for k in reversed(range(len(pieces))):
                if not _take(taken, k):
                    break  # the workers got here first: the pieces before are theirs
                mine[k] = [function(item) for item in items[slice(*pieces[k])]]
            results: list[Result] = []
            for k, piece in enumerate(pending):
                results.extend(mine[k] if k in mine else piece.result())
    finally:
        _task = None
        gc.unfreeze()
    return results


@contextmanager
def _pool(workers: int, context) -> Iterator[ProcessPoolExecutor]:
    """Forked workers; a worker that dies (killed, out of memory) fails the run instead of
    leaving it waiting forever, and an error here does not wait for the queued work."""
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        yield pool
    except BrokenProcessPool as error:
        pool.shutdown(cancel_futures=True)
        raise RuntimeError(f"a worker process died ({error}); rerun with {WORKERS_VARIABLE}=1 "
                           "to use one process") from error
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()


def _take(taken, k: int) -> bool:
    with taken.get_lock():
        if taken[k]:
            return False
        taken[k] = 1
        return True


def _run_piece(k: int) -> list | None:
    assert _task is not None, "a worker runs only a task set before the fork"
    function, items, pieces, taken = _task
    if not _take(taken, k):
        return None  # the calling process took it
    return [function(item) for item in items[slice(*pieces[k])]]


def run_beside(here: Callable[[], Result], there: Callable[[], Item]) -> tuple[Result, Item]:
    """Run `there` in a forked worker while this process runs `here`; both results."""
    global _task
    _task = (there, ())
    gc.freeze()
    try:
        with _pool(1, multiprocessing.get_context("fork")) as pool:
            pending = pool.submit(_run_task)
            mine = here()
            return mine, pending.result()
    finally:
        _task = None
        gc.unfreeze()


def _run_task():
    assert _task is not None, "a worker runs only a task set before the fork"
    return _task[0]()
