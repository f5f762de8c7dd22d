"""Inside the worker process: serve the jobs the window sends, one at a time.

No Qt here: this module is imported in the spawned worker process. The worker owns a
`DrawCache` (bounded by a share of the memory available), so a drag over the gain reuses the
random draws; idle for `IDLE_RELEASE_S` it empties the cache and gives the memory back. It
leaves the GUI thread a core (fewer BLAS threads, lower priority). It ends with the window
however the window ends: on Linux the kernel kills it when its parent dies
(PR_SET_PDEATHSIG), elsewhere a thread notices the parent is gone within a second.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
import time

import engine
from engine.allocator import retain_freed_memory
from engine.threads import usable_cpus

PROGRESS_INTERVAL_S = 0.05   # at most 20 progress messages a second
BEAT_S = 0.5   # the worker's beats (`serve`): how often it looks for its parent
BLAS_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
WORKER_NICENESS = 10
# A worker idle this long gives its memory back: the draw cache is emptied and the C
# allocator returns its freed pages to the system (numpy's large arrays leave them behind).
IDLE_RELEASE_S = 5.0
# The draw cache's share of the memory available when the worker starts (at most the
# engine's default budget): with the running job's arrays, whose size the window checks
# before it starts one (engine.cost), this bounds what the worker holds.
CACHE_SHARE = 1 / 8


def run_job(job, gen: int, request, cache, should_stop, report) -> None:
    """Run one job and report its outcome (both executors, and the worker process)."""
    try:
        result = job(request, cache=cache, should_stop=should_stop,
                     on_progress=lambda fraction: report("progress", gen, fraction))
    except engine.Cancelled:
        report("cancelled", gen, None)
    except engine.ConfigError as exc:   # whole: the window words it in its language
        report("failed", gen, exc)
    except Exception as exc:  # an engine failure is reported, never raised into the GUI
        report("failed", gen, f"{type(exc).__name__}: {exc}")
    else:
        report("done", gen, result)


def serve(conn, wanted, parent_pid: int, idle_release_s: float = IDLE_RELEASE_S,
          beats=None) -> None:
    """The worker process: run the jobs it is sent, one at a time, until told to end; give
    memory back after `idle_release_s` without a job; count `beats` while it runs."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the window's to handle
    _watch_parent(parent_pid, beats)
    _leave_a_core_to_the_window()
    retain_freed_memory()   # `release_memory` gives it back when idle
    cache = engine.DrawCache(cache_budget())
    last = [0.0]
    holding = False   # memory may be held since the last job

    def report(kind: str, gen: int, value) -> None:
        if kind == "progress":
            now = time.monotonic()
            if now - last[0] < PROGRESS_INTERVAL_S and value < 1.0:
                return
            last[0] = now
        try:
            conn.send((kind, gen, value))
        except OSError:  # the window is gone
            os._exit(0)
        except Exception as exc:  # a result that cannot be pickled
            conn.send(("failed", gen, f"{type(exc).__name__}: {exc}"))

    while True:
        try:
            if holding and not conn.poll(idle_release_s):
                release_memory(cache)
                holding = False
                continue
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        gen, job, request = message
        last[0] = 0.0
        run_job(job, gen, request, cache, lambda: wanted.value != gen, report)
        holding = True


def cache_budget() -> int:
    """The draw cache's budget: `CACHE_SHARE` of the memory available, at most the engine's
    default, at least 64 MB."""
    from engine.cost import available_memory
    from engine.draws import DEFAULT_BUDGET_BYTES

    free = available_memory()
    if free is None:
        return DEFAULT_BUDGET_BYTES
    return int(min(DEFAULT_BUDGET_BYTES, max(64 * 10**6, CACHE_SHARE * free)))


def release_memory(cache) -> None:
    """Empty the draw cache and hand freed memory back to the system (glibc keeps the pages
    of freed arrays for reuse, more so with `engine.allocator`; `malloc_trim` returns them)."""
    cache.clear()
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):   # not glibc (musl): nothing to trim
            pass


def worker_blas_threads() -> int | None:
    """The BLAS threads of the worker process: one fewer than the cores the window may use
    (a laptop's `taskset` to one of two had given one thread to a one-core process: harmless;
    eight cores restricted to two, seven), unless the user set them (None: the user's
    setting stands)."""
    if any(os.environ.get(name) for name in BLAS_ENV):
        return None
    return max(1, usable_cpus() - 1)


def _leave_a_core_to_the_window() -> None:
    """The GUI thread comes first: BLAS threads one fewer than the cores (unless the user set
    them) and every thread of the worker at a lower priority. On 2 cores a 2-thread OpenBLAS
    beside a busy GUI thread made a default run 2× slower than one thread, and a worker at the
    window's priority doubled its longest stall when a third process took a core
    (benchmarks/gui_latency.py)."""
    threads = worker_blas_threads()
    if threads is not None:
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=threads, user_api="blas")
    if not hasattr(os, "nice"):
        return
    try:
        niceness = os.nice(WORKER_NICENESS)
    except OSError:
        return
    tasks = "/proc/self/task"   # Linux: niceness is per thread, and BLAS's threads exist already
    for tid in os.listdir(tasks) if os.path.isdir(tasks) else ():
        try:
            os.setpriority(os.PRIO_PROCESS, int(tid), niceness)
        except OSError:
            pass


def _watch_parent(parent_pid: int, beats=None) -> None:
    """End with the parent process; meanwhile add one to `beats` every BEAT_S, whatever the
    job does (a thread of its own: a worker suspended stops counting, a busy one does not)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:  # other systems, and a parent that died before prctl
        while os.getppid() == parent_pid:
            time.sleep(BEAT_S)
            if beats is not None:
                beats.value += 1
        os._exit(0)

    threading.Thread(target=watch, name="initlab-parent-watch", daemon=True).start()
