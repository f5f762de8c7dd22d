"""The one runner of Monte Carlo jobs: a single worker thread, a generation id per job.

`SimRunner.submit(config)` starts a job and makes every older job stale: a stale job that has
not started never runs, a running one is asked to stop through `should_stop` (polled once per
layer), and whatever a stale job still delivers is dropped on the GUI thread by comparing
generations. The worker never touches a widget; it only emits signals that Qt queues to the
GUI thread. The worker owns a `DrawCache`, so a gain drag reuses the same random draws.

`SimRunner.request(config)` is the policy the window uses while controls move: only the newest
request is kept (never a queue). When the runner is idle it starts at once; when busy, a job
expected to finish soon is allowed to finish (so a slider drag keeps producing frames) and the
newest request starts right after it; a long job is cancelled at once — except during a
slider drag, when every job is let finish so that frames keep coming, and `finish_now` on the
release cancels whatever is not the final value.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable

from PySide6.QtCore import QObject, Signal

import engine

# A busy runner lets its job finish if it should be done within this many seconds.
PATIENCE_S = 0.12


class SimRunner(QObject):
    """Runs `simulate` off the GUI thread and delivers only the newest job's outcome."""

    finished = Signal(object)      # SimResult of the newest job (GUI thread)
    failed = Signal(object, str)   # config, message
    progressed = Signal(float)     # fraction done of the newest job
    busyChanged = Signal(bool)
    # Emitted on the worker thread, queued to the GUI thread. (Never pass None through an
    # `object` argument across threads: PySide6 then miscounts references to None.)
    _succeeded = Signal(int, object)   # gen, SimResult
    _errored = Signal(int, str)        # gen, message
    _progress = Signal(int, float)

    def __init__(self, simulate: Callable = engine.simulate, parent=None):
        super().__init__(parent)
        self._simulate = simulate
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="initlab-mc")
        self._cache = engine.DrawCache()     # touched only by the worker thread
        self._gen = 0
        self._future: Future | None = None
        self._running: engine.SimConfig | None = None
        self._started = 0.0
        self._fraction = 0.0
        self._pending: engine.SimConfig | None = None
        self._durations: dict[tuple, float] = {}
        self._closed = False
        self.dropped = 0                     # stale outcomes ignored (for tests and benchmarks)
        self._succeeded.connect(self._on_succeeded)
        self._errored.connect(self._on_errored)
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
        if self._future is not None:
            self._future.cancel()            # not started yet: it never runs
        was_busy = self.busy
        self._running, self._started, self._fraction = config, time.perf_counter(), 0.0
        self._pending = None
        self._future = self._executor.submit(self._job, gen, config)
        if not was_busy:
            self.busyChanged.emit(True)
        return gen

    def request(self, config: engine.SimConfig, keep_running: bool = False) -> None:
        """Run `config` as soon as sensible, keeping only the newest request (see module doc).
        `keep_running` (a slider is being dragged) never cancels the running job: every job
        of a drag then completes and shows, and the newest value follows."""
        if self._closed or config == self._running:
            self._pending = None
            return
        if not self.busy or (not keep_running and self._remaining() > PATIENCE_S):
            self.submit(config)
        else:
            self._pending = config

    def finish_now(self, config: engine.SimConfig) -> None:
        """The user is done moving a control: run `config` now, cancelling any older job."""
        if config != self._running:
            self.submit(config)

    def cancel(self) -> None:
        """Stop the running job and forget the pending request."""
        self._gen += 1
        self._pending = None
        if self._future is not None:
            self._future.cancel()
        self._set_idle()

    def shutdown(self) -> None:
        """Stop everything and wait for the worker thread (called when the window closes)."""
        self._closed = True
        self.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)

    # -- worker thread -----------------------------------------------------------------------
    def _job(self, gen: int, config) -> None:
        def should_stop() -> bool:
            return gen != self._gen

        if should_stop():
            return
        try:
            result = self._simulate(config, cache=self._cache, should_stop=should_stop,
                                    on_progress=lambda f: self._emit(self._progress, gen, f))
        except engine.Cancelled:
            return
        except Exception as exc:  # reported on the GUI thread, never raised in the worker
            self._emit(self._errored, gen, f"{type(exc).__name__}: {exc}")
            return
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
    def _shape(config) -> tuple:
        return (config.widths, config.batch, config.trials)

    def _on_progress(self, gen: int, fraction: float) -> None:
        if gen == self._gen:
            self._fraction = fraction
            self.progressed.emit(fraction)

    def _on_succeeded(self, gen: int, result) -> None:
        self._on_done(gen, result, None)

    def _on_errored(self, gen: int, message: str) -> None:
        self._on_done(gen, None, message)

    def _on_done(self, gen: int, result, error) -> None:
        if gen != self._gen:
            self.dropped += 1
            return
        config = self._running
        if config is not None:
            self._durations[self._shape(config)] = time.perf_counter() - self._started
        pending = self._pending
        if pending is not None:
            self.submit(pending)
        else:
            self._set_idle()
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
