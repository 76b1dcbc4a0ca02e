"""Where the pipeline's speed lives: the per-record stages mapped over processes, and the
garbage collector's pace during a run. No stage imports this module; the orchestrator does.

The stages are pure Python and hold the GIL, so only processes run them in parallel. They
run on a standard `concurrent.futures.ProcessPoolExecutor` whose workers are forked from a
fork server: a clean single-threaded process that imported the pipeline once (so workers
start in milliseconds, and no process forks itself while other threads run: Python 3.12+
warns about that, rightly). Items and results cross as pickles, in chunks; results come
back in input order, so the output is the serial run's whatever the number of workers.
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TypeVar

from pipeline.errors import ConfigError, ExecutionError

Item = TypeVar("Item")
Result = TypeVar("Result")

WORKERS_VARIABLE = "RTES_WORKERS"
# Below this many items per process, starting a process and pickling cost more than they save
# (a record takes ~1 ms; a worker costs ~50 ms to start and warm up).
MIN_ITEMS_PER_WORKER = 100
# Chunks shrink toward the middle of the items, where the workers (from the front) and the
# caller (from the back) meet: the first chunk is the items / (this x processes), and none is
# smaller than MIN_CHUNK_ITEMS. Big chunks cost few round trips; small ones at the meeting
# point leave no process waiting long for another's last chunk.
CHUNK_DIVISOR = 4
MIN_CHUNK_ITEMS = 10
# What the fork server imports once, so that every worker forked from it starts ready: the
# stages, and the calling script (each worker would otherwise import it again, with its
# CLI libraries, to unpickle what it runs).
PRELOADED_MODULES = ["__main__", "pipeline.run"]
# A run builds millions of small acyclic objects (lines, paragraphs, tokens) that live
# until the tables are written. CPython's cyclic collector, at its default thresholds,
# rescans them over and over (about 15 % of a 20 MB run) and finds nothing to free:
# reference counting frees them. So it runs this much less often meanwhile: every million
# new objects (measured on 20 MB: 7 young collections cost 0.14 s at 100,000; at a million the
# run is 0.1 s faster and peaks 22 MB higher, 320 MB; beyond, nothing more is saved).
GC_THRESHOLD_DURING_RUN = 1_000_000


def resolve_workers(requested: int | None = None) -> int:
    """The number of processes: `requested`, else `RTES_WORKERS`, else one per usable core.

    >>> resolve_workers(3)
    3
    """
    if requested is not None:
        if requested < 1:
            raise ConfigError(f"the number of workers must be 1 or more, not {requested}")
        return requested
    setting = os.environ.get(WORKERS_VARIABLE, "").strip()
    if setting:
        if not setting.isdigit() or int(setting) < 1:
            raise ConfigError(f"{WORKERS_VARIABLE}={setting!r}: set it to a whole number of "
                              "processes, 1 or more (1 runs everything in this process)")
        return int(setting)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Executor:
    """`map(function, items)` on up to `workers` processes (this one included), serial when
    that is cheaper.

    Use it as a context manager: the other processes start at `warm_up` (in the background,
    while the caller reads and splits the input) or at the first `map` worth sharing, and
    stop on leaving.
    """

    def __init__(self, workers: int | None = None, min_items_per_worker: int | None = None) -> None:
        self.workers = resolve_workers(workers)
        self.min_items_per_worker = max(1, min_items_per_worker or MIN_ITEMS_PER_WORKER)
        self._pool: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None

    def __enter__(self) -> Executor:
        return self

    def warm_up(self, expected_items: int) -> None:
        """Start the other processes now, in the background, if `expected_items` will be worth
        sharing: they are ready when `map` comes. Otherwise `map` starts them if it must.

        Starting them waits for the fork server to import the pipeline (~0.4 s), so a thread
        does it while this one goes on reading and splitting."""
        if self._starting is None and self._processes_for(expected_items) > 1 \
                and "forkserver" in multiprocessing.get_all_start_methods() and _main_importable():
            self._starting = threading.Thread(target=self._start_pool, name="rtes-start-workers")
            self._starting.start()

    def _start_pool(self) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOADED_MODULES)
        others = self.workers - 1  # the calling process is a worker too
        pool = ProcessPoolExecutor(others, mp_context=context)
        for _ in range(others):
            pool.submit(_ready)
        self._pool = pool

    def _ready_pool(self) -> ProcessPoolExecutor | None:
        """The pool, once started (None when it was not worth starting)."""
        if self._starting is not None:
            self._starting.join()
        return self._pool

    def _processes_for(self, items: int) -> int:
        return min(self.workers, items // self.min_items_per_worker)

    def __exit__(self, *exc_info) -> None:
        if self._ready_pool() is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def map(
        self, function: Callable[[Item], Result], items: Sequence[Item],
        done: Callable[[int], None] | None = None,
    ) -> list[Result]:
        """`[function(item) for item in items]`, in that order; `done(n)` is told how many
        items are finished as they finish. An error in a worker is raised here, and a worker
        that dies fails the call (`ExecutionError`) instead of hanging it.

        The items go in chunks: the other processes take them from the front (each with one
        more queued, so it never waits), this process from the back, until they meet. So
        the shares balance themselves, and what this process computes is never pickled.
        """
        processes = self._processes_for(len(items))
        self.warm_up(len(items))
        pool = self._ready_pool()
        if pool is None or processes <= 1:
            return _serial(function, items, done)
        chunks = _Chunks(_meeting_chunks(items, processes), pool, function)
        for _ in range(2 * (self.workers - 1)):
            chunks.send_next()
        tell = _Monotonic(done)
        while (taken := chunks.take_last()) is not None:
            chunks.results[taken] = [function(item) for item in chunks.items[taken]]
            tell(chunks.finished_items())
        results: list[Result] = []
        try:
            for k in range(len(chunks.items)):
                results.extend(chunks.result(k))
                tell(len(results) + chunks.finished_items(after=k))
        except BrokenProcessPool as error:
            raise ExecutionError(f"a worker process died ({error}); rerun with {WORKERS_VARIABLE}=1 "
                                 "to use one process") from None
        return results


def _meeting_chunks(items: Sequence[Item], processes: int) -> list[Sequence[Item]]:
    """The items in chunks that shrink from both ends toward the middle.

    >>> sizes = [len(chunk) for chunk in _meeting_chunks(range(400), 2)]
    >>> sum(sizes), sizes[:3], sizes[-3:], max(sizes[8:-8])
    (400, [25, 22, 20], [20, 22, 25], 10)
    """
    half = len(items) // 2
    front, back = _shrinking(half, processes), _shrinking(len(items) - half, processes)
    sizes = front + back[::-1]
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    return [items[start:start + size] for start, size in zip(starts, sizes, strict=True)]


def _shrinking(count: int, processes: int) -> list[int]:
    """Chunk sizes adding up to `count`, each a share of what is left (guided scheduling)."""
    sizes = []
    while count > 0:
        size = min(count, max(MIN_CHUNK_ITEMS, -(-count // (CHUNK_DIVISOR * processes))))
        sizes.append(size)
        count -= size
    return sizes


class _Chunks:
    """The chunks of one `map`, shared by this process's thread and the pool's result thread
    (which sends the next chunk from the front each time a worker finishes one)."""

    def __init__(self, items: list[Sequence], pool: ProcessPoolExecutor, function: Callable) -> None:
        self.items, self.pool, self.function = items, pool, function
        self.waiting = deque(range(len(items)))
        self.sent: dict[int, Future] = {}
        self.results: dict[int, list] = {}
        self.lock = threading.Lock()

    def send_next(self, finished: Future | None = None) -> None:
        if finished is not None and (finished.cancelled() or finished.exception() is not None):
            # Stop feeding: the pool is failing or closing. (A broken pool fails its futures
            # while holding the lock `submit` takes: submitting here would deadlock.)
            return
        with self.lock:
            if not self.waiting:
                return
            k = self.waiting.popleft()
            try:
                self.sent[k] = future = self.pool.submit(_map_chunk, self.function, self.items[k])
            except BrokenProcessPool as error:  # raised where this chunk's result is read
                self.sent[k] = future = Future()
                future.set_exception(error)
                return
        future.add_done_callback(self.send_next)

    def take_last(self) -> int | None:
        with self.lock:
            return self.waiting.pop() if self.waiting else None

    def result(self, k: int) -> list:
        return self.results[k] if k in self.results else self.sent[k].result()

    def finished_items(self, after: int = -1) -> int:
        with self.lock:
            finished = [k for k, f in self.sent.items() if f.done()] + list(self.results)
        return sum(len(self.items[k]) for k in finished if k > after)


# A serial run reports progress this often (items).
SERIAL_PROGRESS_EVERY = 50


def _serial(function: Callable[[Item], Result], items: Sequence[Item],
            done: Callable[[int], None] | None) -> list[Result]:
    results = []
    for item in items:
        results.append(function(item))
        if done and (len(results) % SERIAL_PROGRESS_EVERY == 0 or len(results) == len(items)):
            done(len(results))
    return results


class _Monotonic:
    """Tells `done` a count only when it grew: chunks finish out of order."""

    def __init__(self, done: Callable[[int], None] | None) -> None:
        self.done, self.last = done, 0

    def __call__(self, count: int) -> None:
        if self.done and count > self.last:
            self.last = count
            self.done(count)


def _main_importable() -> bool:
    """Workers import the calling script; a script read from stdin has no file to import
    (they would die at start), so such a caller runs everything itself."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return getattr(main, "__spec__", None) is not None or path is None or os.path.isfile(path)


def _ready() -> None:
    """A no-op: submitting it starts a worker before there is work for it."""


def _map_chunk(function: Callable[[Item], Result], chunk: Sequence[Item]) -> list[Result]:
    with rare_gc_pauses():
        return [function(item) for item in chunk]


@contextmanager
def rare_gc_pauses() -> Iterator[None]:
    """Run the cyclic garbage collector rarely, and never over what exists already."""
    saved = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD_DURING_RUN, *saved[1:])
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*saved)


def skip_collection_at_exit() -> None:
    """Spare the process the collector's passes at interpreter exit. A command that ran the
    pipeline holds its whole report until it ends, and the collections of CPython's shutdown
    scan every one of those objects only to find nothing to free: 0.2 s of CPU after the
    tables of a 20 MB export are written (6 % of `ingest`). Frozen objects are not scanned;
    `atexit` runs before those passes. Files are closed by then (writes are atomic and
    finished), and standard streams are flushed as always. For entry points only: a library
    caller's process may have cyclic garbage worth collecting at exit."""
    atexit.unregister(gc.freeze)  # once, however many runs the process made
    atexit.register(gc.freeze)
