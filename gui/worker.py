"""The runner of long jobs: a generation id per job, stale work dropped, never queued.

`SimRunner.submit(request)` starts a job and makes every older job stale: a stale job that has
not started never runs, a running one is asked to stop through `should_stop` (polled once per
layer), and whatever a stale job still delivers is dropped on the GUI thread by comparing
generations. Jobs run in worker processes, or threads for jobs given as local functions (tests);
`gui.job_backends` holds both. Workers never touch a widget; their outcomes reach the GUI
thread as queued signals. Each worker owns a `DrawCache`, so a gain drag reuses the same
random draws.

`SimRunner.request(config)` is the policy the window uses while controls move. At most
`workers` jobs run at once and at most one more waits, in the backend's mailbox: a newer
request replaces it in place, and a worker that finishes starts on whatever the mailbox holds
at that moment, without waiting for the window. A job expected to finish soon is allowed to
finish, so a slider drag keeps producing frames; a long stale job is cancelled at once —
except during a slider drag, when every running job is let finish, and `finish_now` on the
release cancels whatever is not the final value. A result older than one already shown is
dropped, and a newer result cancels the older jobs still running (they could never be shown).

One worker is the default. Two (`workers=2`) did not pay on two cores: the window's GUI
thread keeps most of its core busy during a drag, the two workers then share what is left,
and a result that arrives after a newer one is wasted (benchmarks/gui_latency.py, with the
mailbox: 8.3–8.4 against 9.6–10.1 updates a second).
"""

from __future__ import annotations

import pickle
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, Signal

from engine.jobs import simulation_job

from .job_backends import blas_threads_per_worker, make_backend

__all__ = ["PATIENCE_S", "WORKER_DIED", "SimRunner", "blas_threads_per_worker"]

# A busy runner lets its job finish if it should be done within this many seconds.
PATIENCE_S = 0.12
WORKER_DIED = "the worker process stopped unexpectedly (out of memory?); the next run starts a new one"


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
    future: Future                 # what will deliver it (a mailbox job: the ticket's)
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
    _succeeded = Signal(int, object)    # gen, result
    _errored = Signal(int, str)         # gen, message
    _broke = Signal(object, str)        # future, message: its job never reported back
    _progress = Signal(int, float)

    def __init__(self, simulate: Callable = simulation_job, parent=None, *,
                 process: bool | None = None, workers: int = 1):
        super().__init__(parent)
        self._simulate = simulate
        self._workers = max(1, int(workers))
        use_process = _picklable(simulate) if process is None else process
        self._backend = make_backend(use_process,
                                     lambda gen, f: self._emit(self._progress, gen, f),
                                     self._workers)
        self._gen = 0                        # the newest generation handed out
        # Jobs handed to the workers and not yet heard back from, oldest first. The one in
        # the backend's mailbox (if any) waits; the others run, or will as soon as a worker
        # is free.
        self._jobs: dict[int, _Job] = {}
        self._durations: dict = {}
        self._busy_signalled = False
        self._closed = False
        self.dropped = 0                     # stale outcomes ignored (for tests and benchmarks)
        self._succeeded.connect(self._on_succeeded)
        self._errored.connect(self._on_errored)
        self._broke.connect(self._on_broke)
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
        self._backend.withdraw()             # first: a ticket cancelled below then finds
        for job in self._jobs.values():      # nobody waiting on it (the next post hands out
            job.future.cancel()              # a new one)
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
            self._start(self._next_gen(), config)   # replaces the waiting one, if any

    def drop_queued(self) -> None:
        """Forget the request waiting for a worker (running jobs go on)."""
        waiting = self._waiting()
        if waiting is not None:
            self._drop([waiting])

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
        self._backend.withdraw()
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

    def _waiting(self) -> _Job | None:
        """The job in the mailbox (a worker has not taken it yet)."""
        gen = self._backend.waiting() if self._jobs else 0
        return self._jobs.get(gen)

    def _running(self) -> list[_Job]:
        waiting = self._waiting()
        return [job for job in self._jobs.values() if job is not waiting][: self._workers]

    def _start(self, gen: int, request) -> None:
        """Job `gen` goes to a free worker, or else to the mailbox (replacing the job waiting
        there, which then never runs)."""
        new = True
        try:
            if self._waiting() is None and len(self._jobs) < self._workers:
                future = self._backend.start(self._simulate, gen, request)
            else:
                replaced, future, new = self._backend.post(self._simulate, gen, request)
                self._jobs.pop(replaced, None)
        except Exception as exc:  # e.g. no worker process could be started: report it
            future = Future()
            future.set_exception(exc)
        self._jobs[gen] = _Job(gen, request, future)
        self._mark_started()
        if new:
            future.add_done_callback(self._deliver)

    def _mark_started(self) -> None:
        """Jobs that now have a worker start their clocks."""
        now = time.perf_counter()
        for job in self._running():
            if job.started is None:
                job.started = now

    def _drop(self, jobs: list[_Job]) -> None:
        """These jobs stop (or never start); whatever they still deliver is ignored."""
        for job in jobs:
            # The waiting job is taken out of the mailbox. A job still in the executor's
            # queue is cancelled there; one a worker has taken must be told to stop (only a
            # few ever are, so the workers' ring of dropped ids never wraps over a live one).
            if not self._backend.withdraw(job.gen) and not job.future.cancel():
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
    def _deliver(self, future: Future) -> None:
        """A job's future is done (called on a backend thread): queue its outcome."""
        if future.cancelled():
            return
        exc = future.exception()
        if exc is not None:  # the job never reported back: its worker died, or never started
            message = WORKER_DIED if isinstance(exc, BrokenProcessPool) else f"{type(exc).__name__}: {exc}"
            self._emit(self._broke, future, message)
            return
        outcome = future.result()
        if outcome is None:  # a ticket that found the mailbox empty
            return
        gen, result, error = outcome
        if error is not None:
            self._emit(self._errored, gen, error)
        elif result is not None:  # None: stopped before or while running
            self._emit(self._succeeded, gen, result)

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
        if job.started is None:  # a worker took it from the mailbox
            job.started = time.perf_counter()
        running = self._running()
        if running and running[-1] is job:
            self.progressed.emit(fraction)

    def _on_succeeded(self, gen: int, result) -> None:
        self._on_done(gen, result, None)

    def _on_errored(self, gen: int, message: str) -> None:
        self._on_done(gen, None, message)

    def _on_broke(self, future: Future, message: str) -> None:
        mine = [job for job in self._jobs.values() if job.future is future]
        if not mine:
            self.dropped += 1
            return
        self._backend.withdraw(mine[-1].gen)  # a job waiting for a dead ticket never starts
        self._on_done(mine[-1].gen, None, message)

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
