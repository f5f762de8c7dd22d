"""The Training tab's scheduler: a session trained as successive short chunks on the runner.

A *session* is 1…4 runs (configs and labels) with an id; the worker keeps its state between
chunks (`engine.training.train_job`). New runs, or Reset, start a new session under a new id:
the old one's work is dropped at once (a request of the new id replaces it on the runner's
"training" channel, or it is cancelled), never queued. At most one chunk is on its way.

Each chunk asks for as many steps as fill about `CHUNK_S` of wall time, and for the decision
regions when they are due (`gui.chunk_pacing`), so Pause answers within ~0.1 s and the plots
are drawn ≥ 10 times a second. Pause and the end ask for the regions of the step shown if the
last chunk had none (a chunk of 0 steps).
"""

from __future__ import annotations

import itertools
import os
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from engine.training import TrainRequest, train_job

from .chunk_pacing import ChunkPacer

TRAINING = "training"        # the runner's channel
PAUSE_S = 0.1                # a chunk expected to run longer than this after Pause is cancelled

IDLE, RUNNING, PAUSED, DONE = "idle", "running", "paused", "done"
_ids = itertools.count(1)


@dataclass
class _Sent:
    steps: int
    grid: int
    time: float
    expected: float | None   # seconds, when the rates are known


class TrainingSession(QObject):
    """Runs the runs given by `set_runs` on `runner` when told (start, pause, step, reset)."""

    chunkArrived = Signal(object)   # a TrainChunk of the current session
    stateChanged = Signal(str)      # IDLE, RUNNING, PAUSED or DONE
    failed = Signal(object)         # a ConfigError or a message; the session is paused
    restarted = Signal(int)         # new runs dropped a session that had trained this far

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self._configs: tuple = ()
        self._labels: tuple[str, ...] = ()
        self._two_d = False
        self._state = IDLE
        self._session = ""
        self._target: int | None = None   # Step: run until this step, then pause
        self._chunk = None                # the last chunk of this session
        self._sent: _Sent | None = None
        self._held: tuple = ()
        self._hurried = True   # (`take_time_for_regions`)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        self._new_session()

    # -- public ----------------------------------------------------------------------------
    def set_runs(self, configs: tuple, labels: tuple[str, ...], two_d: bool) -> bool:
        """The runs to train (a change starts a new session, running on if it ran); True if
        it did."""
        configs, labels = tuple(configs), tuple(labels)
        if (configs, labels) == (self._configs, self._labels):
            return False
        self._configs, self._labels, self._two_d = configs, labels, two_d
        running, trained = self._state == RUNNING, self.step()
        self._new_session()
        if trained:   # (a GUI tour: a finished training vanished at New seed, unsaid)
            self.restarted.emit(trained)
        if running:
            self.start()
        return True

    def configs(self) -> tuple:
        return self._configs

    def held(self) -> tuple:
        """The configs whose networks the worker holds: those of the last session it was sent
        (it keeps one: `engine.training.train_job`)."""
        return self._held

    def labels(self) -> tuple[str, ...]:
        return self._labels

    def session(self) -> str:
        return self._session

    def state(self) -> str:
        return self._state

    def chunk(self):
        """The last chunk of the current session (None before the first)."""
        return self._chunk

    def step(self) -> int:
        return self._chunk.step if self._chunk is not None else 0

    def total(self) -> int:
        return max((c.steps for c in self._configs), default=0)

    def steps_per_second(self) -> float | None:
        """Training steps per second of wall time (None until measured: while running, until
        its chunks have taken `chunk_pacing.THROUGHPUT_AFTER_S`; paused or done, at once)."""
        return self._pacer.throughput if self._state == RUNNING else self._pacer.session_rate()

    def start(self) -> None:
        if not self._configs or self._state in (RUNNING, DONE):
            return
        self._target = None
        self._set_state(RUNNING)
        self._next()

    def pause(self) -> None:
        if self._state not in (RUNNING,) and self._target is None:
            return
        self._target = None
        self._set_state(PAUSED)
        sent = self._sent
        if sent is not None and sent.expected is not None \
                and sent.expected - (time.monotonic() - sent.time) > PAUSE_S:
            self.runner.cancel(TRAINING)   # too long to wait for: what is shown stays
            self._sent = None
        elif sent is None:   # (a cancelled chunk may have trained past the step shown)
            self._to_logged_step()
        self._next()

    def _to_logged_step(self) -> None:
        """Paused between logged steps: on to the next (a few steps), so that the regions,
        the progress and the numbers, which are a logged step's, show one step (a tour: the
        regions at 1623, the accuracy of 1620)."""
        if self._state != PAUSED or self._target is not None or self._chunk is None:
            return
        step, every = self.step(), self._configs[0].log_every
        target = (step // every + 1) * every
        # not where those steps take long: Pause stops within PAUSE_S (a slow network's
        # regions then stay a few steps past its numbers); nor where they would end the
        # session (Pause is no Start)
        expected = self._pacer.expected(target - step, 0)
        if step % every and target < self.total() and expected is not None \
                and expected <= PAUSE_S:
            self._target = target

    def step_once(self, every: int) -> None:
        """Train up to the next multiple of `every` (the next logged step), then pause."""
        if not self._configs or self._state == DONE:
            return
        self._target = min((self.step() // every + 1) * every, self.total())
        self._set_state(PAUSED)
        self._next()

    def reset(self) -> None:
        """Drop the session; the next one starts at step 0 (and shows it: `show_start`)."""
        self._new_session()

    def show_start(self) -> None:
        """Ask for step 0 of a session not yet run (the initial state: losses, regions)."""
        if self._configs and self._chunk is None and self._sent is None:
            self._submit(0, self._pacer.grid if self._two_d else 0)

    # -- internals -------------------------------------------------------------------------
    def _new_session(self) -> None:
        self._session = f"{os.getpid()}-{next(_ids)}"
        self._chunk = None
        self._target = None
        self._pacer = ChunkPacer(self._configs)
        self._pacer.hurried = self._hurried
        self._regions_step = -1   # the step of the newest regions
        if self._sent is not None:
            self.runner.cancel(TRAINING)
            self._sent = None
        self._set_state(IDLE)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state)

    def _limit(self) -> int:
        return self._target if self._target is not None else self.total()

    def _next(self) -> None:
        """Submit the next chunk if one is wanted and none is on its way."""
        if self._sent is not None:
            return
        left = self._limit() - self.step()
        if left > 0 and (self._state == RUNNING or self._target is not None):
            self._submit(*self._pacer.next_chunk(left, self._two_d, self._chunk is None,
                                                 time.monotonic()))
            return
        if self._target is not None:   # a Step is done
            self._target = None
        self._show_regions()

    def _submit(self, steps: int, grid: int) -> None:
        now = time.monotonic()
        self._sent = _Sent(steps, grid, now, self._pacer.expected(steps, grid))
        self._pacer.sent(grid, now)
        self._held = self._configs
        since = () if self._chunk is None else tuple(run.rows for run in self._chunk.runs)
        self.runner.submit(TRAINING, train_job, TrainRequest(
            session=self._session, configs=self._configs, labels=self._labels, steps=steps,
            grid=grid, since=since), restartable=False)   # only the rows not had yet come back

    def _show_regions(self) -> None:
        """Regions older than the step shown: ask for them (0 steps); paused or done, once
        more on the still grid."""
        if not self._two_d or self._sent is not None or self._chunk is None:
            return
        grid = self._pacer.stale_regions(self._regions_step, self._chunk.step,
                                         still=self._state in (PAUSED, DONE))
        if grid:
            self._submit(0, grid)

    def take_time_for_regions(self) -> None:
        """A paused or finished session's regions on the finest grid, however long it takes
        (a headless export: on a busy machine the still grid's half a second had left them
        coarse, a README tour)."""
        self._hurried = False
        self._pacer.hurried = False

    def still_grid(self) -> int:
        """The grid of a paused or finished session's regions (`ChunkPacer.still_grid`)."""
        return self._pacer.still_grid()

    def _on_finished(self, channel: str, chunk) -> None:
        if channel != TRAINING or self._sent is None or chunk.session != self._session:
            return
        sent, self._sent = self._sent, None
        first = self._chunk is None   # it built the session: not a measure
        done = chunk.step - (0 if first else self._chunk.step)
        self._pacer.measure(done, chunk.steps_per_second, sent.grid,
                            time.monotonic() - sent.time, first)
        if chunk.regions is not None:
            self._regions_step = chunk.step
        chunk = self._chunk = chunk.joined(self._chunk)
        if chunk.done:
            self._target = None
            self._set_state(DONE)
        self._to_logged_step()
        self._next()   # first: the worker trains on while this chunk is drawn
        self.chunkArrived.emit(chunk)

    def _on_failed(self, channel: str, failure) -> None:
        if channel != TRAINING or self._sent is None:
            return
        self._sent = self._target = None
        self._held = ()   # (the worker may have lost it: not counted as freed for the next)
        if self._state == RUNNING:
            self._set_state(PAUSED)
        self.failed.emit(failure)

