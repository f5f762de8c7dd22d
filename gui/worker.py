"""The runner: one worker for every long job of the window; the latest request wins.

Each request belongs to a *channel* ("network" for the dashboard's Monte Carlo, one per
analysis tab) and gets a generation number. One job runs at a time; a channel has at most one
request waiting, which a newer one replaces (stale work is dropped, never queued), and a newer
request stops its channel's running job at its next layer (`gui.executors`), except a preview
after a preview, which shows: a stream of changes gets frames. Stale outcomes are dropped.
The `priority` channel (the visible tab) goes first: its request stops another channel's job
that can run again (all but a training's chunk), which waits again behind it. A worker that
dies, or freezes in a job told to stop (`gui.stop_watch`), is replaced and its job runs once
more (not when the system killed it for want of memory). Outcomes reach the GUI thread as
queued signals; tests and the headless export pass a `SyncExecutor` (the calling thread).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal

from .executors import Death, ProcessExecutor
from .stop_watch import StopWatch, death_text


@dataclass
class _Job:
    gen: int
    channel: str
    job: Callable
    request: object
    preview: bool
    restartable: bool = True
    attempts: int = 1
    made_way: bool = False   # stopped for the visible tab's request: it runs again after


class Runner(QObject):
    """Runs jobs ``job(request, *, cache, should_stop, on_progress)`` on one worker."""

    finished = Signal(str, object)     # channel, result of its newest job
    failed = Signal(str, object)       # channel, ConfigError or message (gui.config_errors.failure_text)
    progressed = Signal(str, float)    # channel, fraction done of its running job
    busyChanged = Signal(str, bool)    # channel, whether it has work running or waiting
    runningChanged = Signal(str, bool)  # channel, whether a job of it runs (not waits) now
    workerDied = Signal(str)           # message (translated); the worker was replaced
    _reported = Signal(str, int, object)   # from the executor, on any thread

    def __init__(self, executor=None, parent=None):
        super().__init__(parent)
        self._executor = executor if executor is not None else ProcessExecutor()
        self._executor.report = self._reported.emit
        self._reported.connect(self._on_reported, Qt.QueuedConnection)
        self._priority = "network"
        self._gen = 0
        self._running: _Job | None = None
        self._waiting: dict[str, _Job] = {}
        self._fresh_from: dict[str, int] = {}  # channel → older generations are stale
        self._busy: set[str] = set()
        self._runs: str | None = None      # the channel whose job runs
        self._closed = False
        self.dropped = 0                   # stale outcomes ignored (benchmarks)
        self.stop_watch = StopWatch(self._executor, self)
        self.stop_watch.frozen.connect(self._end_frozen)
        self._killed = False               # the worker was killed here (`_end_frozen`)

    # -- public ----------------------------------------------------------------------------
    def submit(self, channel: str, job: Callable, request, *, preview: bool = False,
               restartable: bool = True) -> None:
        """Run `job(request)` as the newest request of `channel` (see the module doc);
        `restartable`: stopped and run again later, it gives what it would have given."""
        if self._closed:
            return
        running = self._running if self._running and self._running.channel == channel else None
        if running and not self._stale(running) and not running.made_way \
                and running.job is job and running.request == request:   # already on its way
            running.preview = running.preview and preview
            self._waiting.pop(channel, None)
            self._update_busy()
            return
        self._gen += 1
        if not (preview and running and running.preview):
            if running and not self._stale(running):
                self._stop_running()
            self._fresh_from[channel] = self._gen
        self._waiting[channel] = _Job(self._gen, channel, job, request, preview, restartable)
        self._make_way()
        self._start_next()
        self._update_busy()

    def cancel(self, channel: str | None = None) -> None:
        """Stop the work of `channel` (None: of every channel)."""
        channels = {channel} if channel else {*self._waiting, *self._busy}
        running = self._running
        if running and running.channel in channels and not self._stale(running):
            self._stop_running()
        for name in channels:
            self._waiting.pop(name, None)
            self._fresh_from[name] = self._gen + 1
        self._update_busy()

    def is_busy(self, channel: str) -> bool:
        return channel in self._busy

    @property
    def busy(self) -> bool:
        """Some channel has work running or waiting."""
        return bool(self._busy)

    @property
    def priority(self) -> str:
        """The channel of the visible tab, whose requests go first."""
        return self._priority

    @priority.setter
    def priority(self, channel: str) -> None:
        self._priority = channel
        self._make_way()   # (a tab shown again, its request waiting)

    def shutdown(self) -> None:
        """Stop everything and end the worker (promptly: see `ProcessExecutor.shutdown`)."""
        if not self._closed:
            self._closed = True
            self.cancel()
            self._executor.shutdown()

    # -- GUI thread ------------------------------------------------------------------------
    def _stop_running(self) -> None:
        self._executor.stop()
        self.stop_watch.start()   # (`_end_frozen` if it does not stop in time)

    def _make_way(self) -> None:
        # (a tour: a Sweep tab shown waited 49 s behind the network's unseen Monte Carlo)
        job = self._running
        if self._priority in self._waiting and job is not None and job.restartable \
                and job.channel != self._priority and not (self._stale(job) or job.made_way):
            job.made_way = True   # waits again once it reports "cancelled"
            self._stop_running()

    def _end_frozen(self) -> None:
        job = self._running
        if job is not None and (self._stale(job) or job.made_way) and not self._closed:
            self._killed = True
            self._executor.kill()   # reported as a death (`_on_died`), said as this

    def _stale(self, job: _Job) -> bool:
        return job.gen < self._fresh_from.get(job.channel, 0)

    def _start_next(self) -> None:
        if self._running is not None or not self._waiting:
            return
        channel = self.priority if self.priority in self._waiting else next(iter(self._waiting))
        self._running = self._waiting.pop(channel)
        self._running.made_way = False
        self._executor.start(self._running.gen, self._running.job, self._running.request)

    def _on_reported(self, kind: str, gen: int, value) -> None:
        if self._closed:
            return
        job = self._running
        if kind == "died":
            return self._on_died(job, value)
        if job is None or job.gen != gen:
            return
        if kind == "progress":
            if not self._stale(job):
                self.progressed.emit(job.channel, value)
            return
        self._running = None
        self.stop_watch.stop()
        if kind == "cancelled" and job.made_way and not self._stale(job):
            self._waiting.setdefault(job.channel, job)
        # `later`: the visible tab's next request, made as it shows this, goes first (a sweep's
        # next chunk had stopped the unseen run started between them, each time)
        later = kind == "done" and self._priority == job.channel not in self._waiting
        if not later:
            self._start_next()
        self._update_busy()
        if self._stale(job) or kind == "cancelled":
            self.dropped += 1
        else:
            (self.finished if kind == "done" else self.failed).emit(job.channel, value)
        if later:
            self._start_next()
            self._update_busy()

    def _on_died(self, job: _Job | None, death: Death) -> None:
        self.stop_watch.stop()
        killed, self._killed = self._killed, False
        message = death_text(death, self.stop_watch.grace_s if killed else None)
        self._executor.restart()
        self._running = None
        self.workerDied.emit(message)
        if job is not None and not self._stale(job) and job.channel not in self._waiting:
            # (a job started on a worker killed here, its report on the way: not its doing)
            if killed or (job.attempts < 2 and not death.out_of_memory):   # again, silently
                job.attempts += not killed
                self._waiting[job.channel] = job
            else:   # twice, or out of memory (a tour: run again, it ran out again)
                self.failed.emit(job.channel, message)
        self._start_next()
        self._update_busy()

    def _update_busy(self) -> None:
        busy = set(self._waiting)
        if self._running and not self._stale(self._running):
            busy.add(self._running.channel)
        changed, self._busy = busy ^ self._busy, busy
        for channel in sorted(changed):
            self.busyChanged.emit(channel, channel in busy)
        job = self._running   # (a stale one: while its channel's next request waits for it)
        runs = job.channel if job and (not self._stale(job) or job.channel in self._waiting) \
            else None
        if runs != self._runs:
            before, self._runs = self._runs, runs
            for channel, running in ((before, False), (runs, True)):
                if channel:
                    self.runningChanged.emit(channel, running)
