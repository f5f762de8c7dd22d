"""The engine's helper threads: as many as numpy's BLAS runs, for numpy work outside BLAS that
splits into independent pieces (an optimizer's pieces of the parameters, the weights of a
cold pass). numpy releases the GIL in its loops and random fills, so the pieces run at once.
"""

from __future__ import annotations

import os
import threading
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# How often a caller waiting for its helpers looks for a stop request.
WAIT_S = 0.01

_POOLS: dict[int, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()
_BLAS: list = []   # numpy's BLAS libraries, found once (finding them costs milliseconds)


def usable_cpus() -> int:
    """The CPUs this process may run on: those of its affinity (`taskset`, a container's
    cpuset), not every CPU of the machine, where the system tells them."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def blas_threads() -> int:
    """The threads numpy's BLAS uses now (1 when that cannot be told); microseconds a call."""
    try:
        if not _BLAS:
            from threadpoolctl import ThreadpoolController
            _BLAS.append(ThreadpoolController().select(user_api="blas").lib_controllers)
        counts = [lib.num_threads for lib in _BLAS[0]]
        return max(counts) if counts else 1
    except Exception:   # threadpoolctl missing or unable to inspect the libraries
        return 1


def pool(workers: int) -> ThreadPoolExecutor:
    """The process's pool of `workers` helper threads (made on first use, then kept)."""
    with _POOLS_LOCK:
        found = _POOLS.get(workers)
        if found is None:
            found = _POOLS[workers] = ThreadPoolExecutor(workers, thread_name_prefix="initlab-engine")
        return found


def map_on(threads: int, fn: Callable[[T], R], items: Iterable[T],
           between: Callable[[], None] | None = None) -> list[R]:
    """[fn(x) for x in items], on `threads` threads at once: the caller works the first of as
    many contiguous runs of items, helper threads the others (one hand-over each: handing items
    over one by one cost a default cold pass ~10 ms on 2 threads).

    `between()` runs on the caller's thread after each of its items and every `WAIT_S` while
    it waits for the helpers (a stop request is looked for there, never on a helper). If it,
    or any item, raises, every thread stops at its next item, and the exception is raised
    once they have.
    """
    items = list(items)
    if threads <= 1 or len(items) <= 1:
        out = []
        for x in items:
            out.append(fn(x))
            if between is not None:
                between()
        return out
    size = -(-len(items) // threads)
    runs = [items[i:i + size] for i in range(0, len(items), size)]
    stop = threading.Event()

    def work(run: list[T]) -> list[R]:
        done = []
        try:
            for x in run:
                if stop.is_set():
                    break
                done.append(fn(x))
        except BaseException:
            stop.set()   # the others stop too; the caller raises this
            raise
        return done

    others = [pool(threads - 1).submit(work, run) for run in runs[1:]]
    try:
        mine = []
        for x in runs[0]:
            if stop.is_set():   # a helper failed
                break
            mine.append(fn(x))
            if between is not None:
                between()
        pending = set(others)
        while pending:
            pending = futures.wait(pending, timeout=WAIT_S).not_done
            if pending and between is not None:
                between()
        done = [future.result() for future in others]   # (a helper's exception, raised)
    except BaseException:
        stop.set()
        futures.wait(others)
        raise
    return mine + [y for run in done for y in run]
