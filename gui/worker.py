"""The runner of long jobs: one worker (a process, or a thread), a generation id per job.

`SimRunner.submit(request)` starts a job and makes every older job stale: a stale job that has
not started never runs, a running one is asked to stop through `should_stop` (polled once per
layer), and whatever a stale job still delivers is dropped on the GUI thread by comparing
generations. The worker never touches a widget; its outcomes reach the GUI thread as queued
signals. The worker owns a `DrawCache`, so a gain drag reuses the same random draws.

By default jobs run in one worker *process*: the engine's Python code between numpy calls then
never waits for the GUI thread's interpreter lock (painting is Python code too), which in a
thread made a 70 ms simulation take 200 ms during a slider drag. A job given as a local
function (tests) runs on a worker thread instead, with the same policy.

`SimRunner.request(config)` is the policy the window uses while controls move: only the newest
request is kept (never a queue). When the runner is idle it starts at once; when busy, a job
expected to finish soon is allowed to finish (so a slider drag keeps producing frames) and the
newest request starts right after it; a long job is cancelled at once — except during a
slider drag, when every job is let finish so that frames keep coming, and `finish_now` on the
release cancels whatever is not the final value.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Callable

from PySide6.QtCore import QObject, Signal

import engine
from engine.jobs import simulation_job

# A busy runner lets its job finish if it should be done within this many seconds.
PATIENCE_S = 0.12

# -- the worker process's side -------------------------------------------------------------
_worker_state: dict = {}
SKIPPED = "skipped: a newer request came before it started"


def _worker_init(latest, valid_from, progress_queue) -> None:
    """Runs once in the worker process: its cache, the shared generation, the progress queue,
    and its BLAS threads (one core is left to the GUI)."""
    import signal

    from threadpoolctl import threadpool_limits

    # Ctrl+C in the terminal reaches the whole process group: the window shuts its worker
    # down itself, so the worker must not die on it with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not any(os.environ.get(n) for n in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        threadpool_limits(limits=max(1, (os.cpu_count() or 1) - 1), user_api="blas")
    _worker_state.update(cache=engine.DrawCache(), latest=latest, valid_from=valid_from,
                         queue=progress_queue)


def _run_in_worker(job: Callable, gen: int, request):
    """One job in the worker process; None when it was cancelled."""
    state = _worker_state
    last = [0.0]

    def should_stop() -> bool:
        return gen < state["valid_from"].value

    def on_progress(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] > 0.05 or fraction >= 1.0:  # at most 20 messages a second
            last[0] = now
            state["queue"].put((gen, fraction))

    if should_stop():
        return None
    if gen < state["latest"].value:  # a newer request came before it started
        return SKIPPED
    try:
        return job(request, cache=state["cache"], should_stop=should_stop, on_progress=on_progress)
    except engine.Cancelled:
        return None


class _ProcessBackend:
    """One spawned worker process (no Qt in it); cancellation through a shared integer."""

    def __init__(self, on_progress: Callable[[int, float], None]):
        ctx = multiprocessing.get_context("spawn")
        self._latest = ctx.Value("q", 0, lock=False)      # the newest job submitted
        self._valid_from = ctx.Value("q", 0, lock=False)  # older jobs stop
        self._queue = ctx.Queue()
        self._executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx,
                                             initializer=_worker_init,
                                             initargs=(self._latest, self._valid_from, self._queue))
        self._reader = threading.Thread(target=self._read_progress, args=(on_progress,),
                                        name="initlab-progress", daemon=True)
        self._reader.start()

    def _read_progress(self, on_progress) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            on_progress(*item)

    def start(self, job: Callable, gen: int, request) -> Future:
        self._latest.value = gen
        return self._executor.submit(_run_in_worker, job, gen, request)

    def stop(self, gen: int) -> None:
        """Jobs older than `gen` stop (or never start)."""
        self._valid_from.value = gen

    def supersede(self, gen: int) -> None:
        """Jobs older than `gen` that have not started never will."""
        self._latest.value = gen

    def shutdown(self) -> None:
        self._valid_from.value = 2**62
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._queue.put(None)
        self._reader.join(timeout=5)
        self._queue.close()


class _ThreadBackend:
    """One worker thread, for jobs that cannot be sent to a process (local functions)."""

    def __init__(self, on_progress: Callable[[int, float], None]):
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="initlab-mc")
        self._cache = engine.DrawCache()     # touched only by the worker thread
        self._latest = 0
        self._valid_from = 0
        self._on_progress = on_progress

    def start(self, job: Callable, gen: int, request) -> Future:
        self._latest = gen
        return self._executor.submit(self._run, job, gen, request)

    def _run(self, job, gen, request):
        def should_stop() -> bool:
            return gen < self._valid_from

        if should_stop():
            return None
        if gen < self._latest:
            return SKIPPED
        try:
            return job(request, cache=self._cache, should_stop=should_stop,
                       on_progress=lambda f: self._on_progress(gen, f))
        except engine.Cancelled:
            return None

    def stop(self, gen: int) -> None:
        self._valid_from = gen

    def supersede(self, gen: int) -> None:
        self._latest = gen

    def shutdown(self) -> None:
        self._valid_from = 2**62
        self._executor.shutdown(wait=True, cancel_futures=True)


def _picklable(job: Callable) -> bool:
    try:
        pickle.dumps(job)
    except Exception:
        return False
    return True


class SimRunner(QObject):
    """Runs a job (by default `simulate`) off the GUI thread; delivers only the newest outcome.

    Parameters
    ----------
    simulate : the job, ``job(request, *, cache, should_stop, on_progress)``; a module-level
        function runs in a worker process, anything else on a worker thread.
    process : force the process (True) or thread (False) backend.
    """

    finished = Signal(object)      # the newest job's result (GUI thread)
    failed = Signal(object, str)   # request, message
    progressed = Signal(float)     # fraction done of the newest job
    busyChanged = Signal(bool)
    # Emitted on other threads, queued to the GUI thread.
    _succeeded = Signal(int, object)   # gen, result
    _errored = Signal(int, str)        # gen, message
    _skipped = Signal(int)             # gen of a job a newer request replaced before it started
    _progress = Signal(int, float)

    def __init__(self, simulate: Callable = simulation_job, parent=None, *,
                 process: bool | None = None):
        super().__init__(parent)
        self._simulate = simulate
        use_process = _picklable(simulate) if process is None else process
        backend = _ProcessBackend if use_process else _ThreadBackend
        self._backend = backend(lambda gen, f: self._emit(self._progress, gen, f))
        self._gen = 0                        # the newest generation handed out
        self._running_gen = 0
        self._future: Future | None = None
        self._running = None
        self._started = 0.0
        self._fraction = 0.0
        # The newest request waiting behind the running job, already handed to the worker so
        # it starts the moment the worker is free: (generation, request, future) or None.
        self._queued: tuple | None = None
        self._durations: dict = {}
        self._closed = False
        self.dropped = 0                     # stale outcomes ignored (for tests and benchmarks)
        self._succeeded.connect(self._on_succeeded)
        self._errored.connect(self._on_errored)
        self._skipped.connect(self._on_skipped)
        self._progress.connect(self._on_progress)

    # -- public ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._running is not None

    @property
    def running_config(self):
        return self._running

    def elapsed(self) -> float:
        return time.perf_counter() - self._started if self.busy else 0.0

    def submit(self, config: engine.SimConfig) -> int:
        """Start `config` now; every older job becomes stale. Returns the job's generation."""
        if self._closed:
            return self._gen
        self._gen += 1
        gen = self._gen
        self._backend.stop(gen)              # older jobs stop, queued ones never start
        for future in (self._future, self._queued[2] if self._queued else None):
            if future is not None:
                future.cancel()
        self._queued = None
        was_busy = self.busy
        self._running, self._running_gen = config, gen
        self._started, self._fraction = time.perf_counter(), 0.0
        self._future = self._start(gen, config)
        if not was_busy:
            self.busyChanged.emit(True)
        return gen

    def _start(self, gen: int, request) -> Future:
        future = self._backend.start(self._simulate, gen, request)
        future.add_done_callback(lambda fut, gen=gen: self._deliver(gen, fut))
        return future

    def _queue_behind(self, request) -> None:
        """Hand `request` to the worker to run right after the running job (which goes on);
        a request queued before it is superseded and never runs."""
        if self._queued is not None:
            if self._queued[1] == request:
                return
            self._queued[2].cancel()
        self._gen += 1
        self._queued = (self._gen, request, self._start(self._gen, request))

    def request(self, config: engine.SimConfig, keep_running: bool = False) -> None:
        """Run `config` as soon as sensible, keeping only the newest request (see module doc).
        `keep_running` (a slider is being dragged) never cancels the running job: every job
        of a drag then completes and shows, and the newest value follows."""
        if self._closed:
            return
        if config == self._running:
            self.drop_queued()  # back to the running value: nothing newer to run
            return
        if not self.busy or (not keep_running and self._remaining() > PATIENCE_S):
            self.submit(config)
        else:
            self._queue_behind(config)

    def drop_queued(self) -> None:
        """Forget the request waiting behind the running job (which goes on)."""
        if self._queued is not None:
            self._gen += 1
            self._backend.supersede(self._gen)
            self._queued[2].cancel()
            self._queued = None

    def finish_now(self, config: engine.SimConfig) -> None:
        """The user is done moving a control: run `config` now, cancelling any older job."""
        if config != self._running:
            self.submit(config)

    def cancel(self) -> None:
        """Stop the running job and forget the queued request."""
        self._gen += 1
        self._backend.stop(self._gen)
        for future in (self._future, self._queued[2] if self._queued else None):
            if future is not None:
                future.cancel()
        self._queued = None
        self._set_idle()

    def shutdown(self) -> None:
        """Stop everything and wait for the worker (called when the window closes)."""
        if self._closed:
            return
        self._closed = True
        self.cancel()
        self._backend.shutdown()

    # -- any thread ------------------------------------------------------------------------
    def _deliver(self, gen: int, future: Future) -> None:
        """The job's future is done (called on a backend thread): queue its outcome."""
        if future.cancelled():
            return
        exc = future.exception()
        if exc is not None:
            self._emit(self._errored, gen, f"{type(exc).__name__}: {exc}")
            return
        result = future.result()
        if isinstance(result, str) and result == SKIPPED:
            self._emit(self._skipped, gen)
        elif result is not None:  # None: cancelled inside the job
            self._emit(self._succeeded, gen, result)

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the runner was deleted while the job ran: nobody is listening
            pass

    # -- GUI thread ----------------------------------------------------------------------------
    def _remaining(self) -> float:
        """Estimated seconds until the running job finishes."""
        elapsed = self.elapsed()
        if self._fraction > 0.05:
            return elapsed * (1 - self._fraction) / self._fraction
        typical = self._durations.get(self._shape(self._running))
        return max(typical - elapsed, 0.0) if typical is not None else float("inf")

    @staticmethod
    def _shape(request) -> tuple:
        config = getattr(request, "config", request)
        return (type(request).__name__, getattr(config, "widths", None),
                getattr(config, "batch", None), getattr(config, "trials", None))

    def _on_progress(self, gen: int, fraction: float) -> None:
        if gen == self._running_gen and self.busy:
            self._fraction = fraction
            self.progressed.emit(fraction)

    def _on_succeeded(self, gen: int, result) -> None:
        self._on_done(gen, result, None)

    def _on_errored(self, gen: int, message: str) -> None:
        self._on_done(gen, None, message)

    def _on_skipped(self, gen: int) -> None:
        """The job the GUI thought running was replaced before it started: the queued one,
        already in the worker, runs instead."""
        if gen == self._running_gen and self.busy:
            self._promote_or_idle()

    def _promote_or_idle(self) -> None:
        if self._queued is not None:  # already handed to the worker: it is running now
            self._running_gen, self._running, self._future = self._queued
            self._started, self._fraction = time.perf_counter(), 0.0
            self._queued = None
        else:
            self._set_idle()

    def _on_done(self, gen: int, result, error) -> None:
        if gen != self._running_gen or not self.busy:
            self.dropped += 1
            return
        config = self._running
        self._durations[self._shape(config)] = time.perf_counter() - self._started
        self._promote_or_idle()
        if error is not None:
            self.failed.emit(config, error)
        else:
            self.finished.emit(result)

    def _set_idle(self) -> None:
        was_busy = self._running is not None
        self._running = None
        self._future = None
        if was_busy:
            self.busyChanged.emit(False)
