"""The runner of long jobs: worker processes (or threads), a generation id per job.

`SimRunner.submit(request)` starts a job and makes every older job stale: a stale job that has
not started never runs, a running one is asked to stop through `should_stop` (polled once per
layer), and whatever a stale job still delivers is dropped on the GUI thread by comparing
generations. Workers never touch a widget; their outcomes reach the GUI thread as queued
signals. Each worker owns a `DrawCache`, so a gain drag reuses the same random draws.

By default jobs run in worker *processes*: the engine's Python code between numpy calls then
never waits for the GUI thread's interpreter lock (painting is Python code too), which in a
thread made a 70 ms simulation take 200 ms during a slider drag. Workers run at a lower
priority than the window, so the GUI thread gets its core whenever it wants it. A job given as
a local function (tests) runs on worker threads instead, with the same policy.

`SimRunner.request(config)` is the policy the window uses while controls move. At most
`workers` jobs run at once and at most one more waits (the newest request; a newer one
replaces it, never a queue). A job expected to finish soon is allowed to finish, so a slider
drag keeps producing frames; a long stale job is cancelled at once — except during a slider
drag, when every running job is let finish, and `finish_now` on the release cancels whatever
is not the final value. A result older than one already shown is dropped, and a newer result
cancels the older jobs still running (they could never be shown).

One worker is the default. Two (`workers=2`) did not pay on two cores: the window's GUI
thread keeps most of its core busy during a drag, the two workers then share what is left,
and a result that arrives after a newer one is wasted (benchmarks/gui_latency.py: 8.2–8.7
against 9.0–9.6 updates a second).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, Signal

import engine
from engine.draws import DEFAULT_BUDGET_BYTES
from engine.jobs import simulation_job

from ._malloc import retain_freed_memory

# A busy runner lets its job finish if it should be done within this many seconds.
PATIENCE_S = 0.12
# Workers yield the CPU to the window (POSIX niceness; higher is lower priority).
WORKER_NICENESS = 10
# Dropped generations the workers remember (only a few jobs are ever in flight).
_DROP_SLOTS = 32
WORKER_DIED = "the worker process stopped unexpectedly (out of memory?); the next run starts a new one"


def blas_threads_per_worker(workers: int) -> int:
    """BLAS threads of each worker: the cores but one (the GUI's), shared among the workers."""
    return max(1, ((os.cpu_count() or 1) - 1) // max(workers, 1))


# -- the worker process's side -------------------------------------------------------------
_worker_state: dict = {}


def _worker_init(valid_from, dropped, progress_queue, blas_threads: int, cache_bytes: int) -> None:
    """Runs once in each worker process: priority, BLAS threads, freed memory kept for the
    next run, its cache, the shared generations and the progress queue."""
    import signal

    from threadpoolctl import threadpool_limits

    # Ctrl+C in the terminal reaches the whole process group: the window shuts its workers
    # down itself, so a worker must not die on it with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _lower_priority()
    if not any(os.environ.get(n) for n in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        threadpool_limits(limits=blas_threads, user_api="blas")
    retain_freed_memory()
    _worker_state.update(cache=engine.DrawCache(cache_bytes), valid_from=valid_from,
                         dropped=dropped, queue=progress_queue)


def _lower_priority() -> None:
    """Every thread of this process at WORKER_NICENESS: on Linux niceness is per thread, and
    the BLAS threads started when numpy was imported, before this runs."""
    if not hasattr(os, "nice"):
        return
    try:
        niceness = os.nice(WORKER_NICENESS)
    except OSError:
        return
    if hasattr(os, "setpriority") and os.path.isdir("/proc/self/task"):
        for tid in os.listdir("/proc/self/task"):
            try:
                os.setpriority(os.PRIO_PROCESS, int(tid), niceness)
            except (OSError, ValueError):
                pass


def _ready() -> None:
    """A job that only makes its worker start."""


def _run_in_worker(job: Callable, gen: int, request):
    """One job in a worker process; None when it was dropped before or while running."""
    state = _worker_state
    last = [0.0]

    def should_stop() -> bool:
        return gen < state["valid_from"].value or gen in state["dropped"][:]

    def on_progress(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] > 0.05 or fraction >= 1.0:  # at most 20 messages a second
            last[0] = now
            state["queue"].put((gen, fraction))

    if should_stop():
        return None
    try:
        return job(request, cache=state["cache"], should_stop=should_stop, on_progress=on_progress)
    except engine.Cancelled:
        return None


class _ProcessBackend:
    """Spawned worker processes (no Qt in them); cancellation through shared integers."""

    def __init__(self, on_progress: Callable[[int, float], None], workers: int):
        self._ctx = multiprocessing.get_context("spawn")
        self._workers = workers
        self._valid_from = self._ctx.Value("q", 0, lock=False)          # older jobs stop
        self._dropped = self._ctx.Array("q", [-1] * _DROP_SLOTS, lock=False)  # and these
        self._next_slot = 0
        self._queue = self._ctx.Queue()
        self._executor = self._make_executor()
        self._warm_up()
        self._reader = threading.Thread(target=self._read_progress, args=(on_progress,),
                                        name="initlab-progress", daemon=True)
        self._reader.start()

    def _make_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self._workers, mp_context=self._ctx, initializer=_worker_init,
            initargs=(self._valid_from, self._dropped, self._queue,
                      blas_threads_per_worker(self._workers),
                      DEFAULT_BUDGET_BYTES // self._workers))

    def _warm_up(self) -> None:
        """Start every worker now: a worker that starts during the first slider drag would
        spend the drag importing numpy instead of making frames."""
        for _ in range(self._workers):
            self._executor.submit(_ready)

    def _read_progress(self, on_progress) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            on_progress(*item)

    def start(self, job: Callable, gen: int, request) -> Future:
        try:
            return self._executor.submit(_run_in_worker, job, gen, request)
        except BrokenProcessPool:  # a worker died (its job reported WORKER_DIED): start anew
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._make_executor()
            self._warm_up()
            return self._executor.submit(_run_in_worker, job, gen, request)

    def stop(self, gen: int) -> None:
        """Jobs older than `gen` stop (or never start)."""
        self._valid_from.value = max(self._valid_from.value, gen)

    def drop(self, gen: int) -> None:
        """Job `gen` stops (or never starts)."""
        self._dropped[self._next_slot] = gen
        self._next_slot = (self._next_slot + 1) % _DROP_SLOTS

    def shutdown(self) -> None:
        self._valid_from.value = 2**62
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._queue.put(None)
        self._reader.join(timeout=5)
        self._queue.close()


class _ThreadBackend:
    """Worker threads, for jobs that cannot be sent to a process (local functions)."""

    def __init__(self, on_progress: Callable[[int, float], None], workers: int):
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="initlab-mc")
        self._local = threading.local()     # one DrawCache per worker thread
        self._cache_bytes = DEFAULT_BUDGET_BYTES // workers
        self._valid_from = 0
        self._dropped: set[int] = set()
        self._on_progress = on_progress

    def start(self, job: Callable, gen: int, request) -> Future:
        return self._executor.submit(self._run, job, gen, request)

    def _run(self, job, gen, request):
        def should_stop() -> bool:
            return gen < self._valid_from or gen in self._dropped

        if should_stop():
            return None
        cache = getattr(self._local, "cache", None)
        if cache is None:
            cache = self._local.cache = engine.DrawCache(self._cache_bytes)
        try:
            return job(request, cache=cache, should_stop=should_stop,
                       on_progress=lambda f: self._on_progress(gen, f))
        except engine.Cancelled:
            return None

    def stop(self, gen: int) -> None:
        self._valid_from = max(self._valid_from, gen)
        self._dropped = {g for g in self._dropped if g >= self._valid_from}

    def drop(self, gen: int) -> None:
        self._dropped = self._dropped | {gen}

    def shutdown(self) -> None:
        self._valid_from = 2**62
        self._executor.shutdown(wait=True, cancel_futures=True)


def _picklable(job: Callable) -> bool:
    try:
        pickle.dumps(job)
    except Exception:
        return False
    return True


@dataclass
class _Job:
    gen: int
    request: object
    future: Future
    started: float | None = None   # when it reached a free worker (GUI clock), if it has
    fraction: float = 0.0


class SimRunner(QObject):
    """Runs jobs (by default `simulate`) off the GUI thread; delivers only newer outcomes.

    Parameters
    ----------
    simulate : the job, ``job(request, *, cache, should_stop, on_progress)``; a module-level
        function runs in worker processes, anything else on worker threads.
    process : force processes (True) or threads (False).
    workers : how many jobs may run at once (each worker has its own draw cache).
    """

    finished = Signal(object)      # the result of a job newer than any shown (GUI thread)
    failed = Signal(object, str)   # request, message
    progressed = Signal(float)     # fraction done of the newest running job
    busyChanged = Signal(bool)
    # Emitted on other threads, queued to the GUI thread.
    _succeeded = Signal(int, object)   # gen, result
    _errored = Signal(int, str)        # gen, message
    _progress = Signal(int, float)

    def __init__(self, simulate: Callable = simulation_job, parent=None, *,
                 process: bool | None = None, workers: int = 1):
        super().__init__(parent)
        self._simulate = simulate
        self._workers = max(1, int(workers))
        use_process = _picklable(simulate) if process is None else process
        backend = _ProcessBackend if use_process else _ThreadBackend
        self._backend = backend(lambda gen, f: self._emit(self._progress, gen, f), self._workers)
        self._gen = 0                        # the newest generation handed out
        # Jobs handed to the workers and not yet heard back from, oldest first: the first
        # `workers` of them are running, any further one waits for a free worker.
        self._jobs: dict[int, _Job] = {}
        self._durations: dict = {}
        self._busy_signalled = False
        self._closed = False
        self.dropped = 0                     # stale outcomes ignored (for tests and benchmarks)
        self._succeeded.connect(self._on_succeeded)
        self._errored.connect(self._on_errored)
        self._progress.connect(self._on_progress)

    # -- public ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    @property
    def workers(self) -> int:
        return self._workers

    @property
    def running_config(self):
        """The request of the newest running job (None when idle)."""
        running = self._running()
        return running[-1].request if running else None

    @property
    def fraction(self) -> float:
        """The fraction done of the newest running job (0 when idle)."""
        running = self._running()
        return running[-1].fraction if running else 0.0

    def elapsed(self) -> float:
        running = self._running()
        started = running[-1].started if running else None
        return time.perf_counter() - started if started is not None else 0.0

    def submit(self, config) -> int:
        """Start `config` now; every older job becomes stale. Returns the job's generation."""
        if self._closed:
            return self._gen
        gen = self._next_gen()
        self._backend.stop(gen)              # older jobs stop, waiting ones never start
        for job in self._jobs.values():
            job.future.cancel()
        self._jobs.clear()
        self._start(gen, config)
        if not self._busy_signalled:
            self._busy_signalled = True
            self.busyChanged.emit(True)
        return gen

    def request(self, config, keep_running: bool = False) -> None:
        """Run `config` as soon as sensible, keeping only the newest request (see module doc).
        `keep_running` (a slider is being dragged) never cancels a running job: every job of
        a drag then completes and shows, and the newest value follows."""
        if self._closed:
            return
        jobs = list(self._jobs.values())
        for i, job in enumerate(jobs):
            if job.request == config:        # already on its way: newer ones are not wanted
                self._drop(jobs[i + 1:])
                return
        if not jobs:
            self.submit(config)
        elif not keep_running and any(self._remaining(j) > PATIENCE_S for j in self._running()):
            self.submit(config)              # a long stale job: cancel it at once
        else:
            self._drop(self._waiting())      # only the newest request waits
            self._start(self._next_gen(), config)

    def drop_queued(self) -> None:
        """Forget the request waiting for a worker (running jobs go on)."""
        self._drop(self._waiting())

    def finish_now(self, config) -> None:
        """The user is done moving a control: run `config` now and cancel every other job."""
        jobs = list(self._jobs.values())
        if jobs and jobs[-1].request == config:
            self._drop(jobs[:-1])            # the final value gets the CPU to itself
        else:
            self.submit(config)

    def cancel(self) -> None:
        """Stop every job."""
        self._backend.stop(self._next_gen())
        for job in self._jobs.values():
            job.future.cancel()
        self._jobs.clear()
        self._set_idle()

    def shutdown(self) -> None:
        """Stop everything and wait for the workers (called when the window closes)."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._backend.shutdown()

    # -- bookkeeping (GUI thread) ----------------------------------------------------------------
    def _next_gen(self) -> int:
        self._gen += 1
        return self._gen

    def _running(self) -> list[_Job]:
        return list(self._jobs.values())[: self._workers]

    def _waiting(self) -> list[_Job]:
        return list(self._jobs.values())[self._workers:]

    def _start(self, gen: int, request) -> None:
        try:
            future = self._backend.start(self._simulate, gen, request)
        except Exception as exc:  # e.g. no worker process could be started: report it
            future = Future()
            future.set_exception(exc)
        self._jobs[gen] = _Job(gen, request, future)
        self._mark_started()
        future.add_done_callback(lambda fut, gen=gen: self._deliver(gen, fut))

    def _mark_started(self) -> None:
        """Jobs that now have a worker start their clocks."""
        now = time.perf_counter()
        for job in self._running():
            if job.started is None:
                job.started = now

    def _drop(self, jobs: list[_Job]) -> None:
        """These jobs stop (or never start); whatever they still deliver is ignored."""
        for job in jobs:
            # A job still in the executor's own queue is cancelled there; one already handed
            # to a worker (running, or next in its call queue) must be told to stop. Only a
            # few are ever in that state, so the workers' ring of dropped ids never wraps
            # over one that is still waiting.
            if not job.future.cancel():
                self._backend.drop(job.gen)
            self._jobs.pop(job.gen, None)
        self._mark_started()
        if not self._jobs:
            self._set_idle()

    def _remaining(self, job: _Job) -> float:
        """Estimated seconds until a running job finishes."""
        if job.started is None:
            return float("inf")
        elapsed = time.perf_counter() - job.started
        if job.fraction > 0.05:
            return elapsed * (1 - job.fraction) / job.fraction
        typical = self._durations.get(self._shape(job.request))
        return max(typical - elapsed, 0.0) if typical is not None else float("inf")

    @staticmethod
    def _shape(request) -> tuple:
        config = getattr(request, "config", request)
        return (type(request).__name__, getattr(config, "widths", None),
                getattr(config, "batch", None), getattr(config, "trials", None))

    # -- any thread ------------------------------------------------------------------------
    def _deliver(self, gen: int, future: Future) -> None:
        """The job's future is done (called on a backend thread): queue its outcome."""
        if future.cancelled():
            return
        exc = future.exception()
        if isinstance(exc, BrokenProcessPool):
            self._emit(self._errored, gen, WORKER_DIED)
        elif exc is not None:
            self._emit(self._errored, gen, f"{type(exc).__name__}: {exc}")
        elif future.result() is not None:  # None: dropped before or while running
            self._emit(self._succeeded, gen, future.result())

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the runner was deleted while the job ran: nobody is listening
            pass

    # -- GUI thread ----------------------------------------------------------------------------
    def _on_progress(self, gen: int, fraction: float) -> None:
        job = self._jobs.get(gen)
        if job is None:
            return
        job.fraction = fraction
        running = self._running()
        if running and running[-1] is job:
            self.progressed.emit(fraction)

    def _on_succeeded(self, gen: int, result) -> None:
        self._on_done(gen, result, None)

    def _on_errored(self, gen: int, message: str) -> None:
        self._on_done(gen, None, message)

    def _on_done(self, gen: int, result, error) -> None:
        job = self._jobs.pop(gen, None)
        if job is None:
            self.dropped += 1
            return
        if job.started is not None and error is None:
            self._durations[self._shape(job.request)] = time.perf_counter() - job.started
        if error is None:  # older jobs could only deliver something older than this result
            self._drop([j for j in self._jobs.values() if j.gen < gen])
        else:
            self._drop([])
        if not self._jobs:
            self._set_idle()
        if error is not None:
            self.failed.emit(job.request, error)
        else:
            self.finished.emit(result)

    def _set_idle(self) -> None:
        if self._busy_signalled:
            self._busy_signalled = False
            self.busyChanged.emit(False)
