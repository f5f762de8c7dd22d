"""The Training tab's scheduler: a session trained as successive short chunks on the runner.

A *session* is 1…4 runs (configs and labels) with an id; the worker keeps its state between
chunks (`engine.training.train_job`). New runs, or Reset, start a new session under a new id:
the old one's work is dropped at once (a request of the new id replaces it on the runner's
"training" channel, or it is cancelled), never queued. At most one chunk is on its way.

Each chunk asks for as many steps as fill about `CHUNK_S` of wall time, from three measures
(running means; the first chunk of a session, which builds it, is not one): the engine's
training steps per second (`TrainChunk.steps_per_second`), the rest of a chunk's wall time
without regions (sending, the histories, the drawing: the overhead), and the cost of a region
point. A chunk is at most `GROWTH` times the previous one, so a wrong guess costs little. So
Pause answers within ~0.1 s and the plots are drawn ≥ 10 times a second. Decision regions
(2-D tasks) cost a forward pass over grid² points: they are asked for on the first chunk and on
the last (the end, a Step), otherwise at most once per `REGION_INTERVAL_S`, never twice in a
row, and no more often than keeps their share of the worker's time under `REGION_SHARE`; the
grid shrinks so that one drawing of them fits in `REGION_BUDGET_S` (before it is measured,
a guess from the number of weights). Pause and the end ask for the regions of the step shown
if the last chunk had none (a chunk of 0 steps).
"""

from __future__ import annotations

import itertools
import math
import os
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from engine.training import TrainRequest, train_job

TRAINING = "training"        # the runner's channel
CHUNK_S = 0.075              # wall time a chunk aims at
PAUSE_S = 0.1                # a chunk expected to run longer than this after Pause is cancelled
GROWTH = 4
REGION_GRID = 64             # points per side of the decision regions, at most …
MIN_GRID = 16                # … and at least
REGION_BUDGET_S = 0.04
REGION_INTERVAL_S = 0.1
REGION_SHARE = 0.25
# Before a region chunk is measured, a point is guessed to cost this many seconds per weight
# of the runs (a forward pass; a generous guess, so a large network's first regions are few).
GUESS_S_PER_WEIGHT = 3e-10

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
        running = self._state == RUNNING
        self._new_session()
        if running:
            self.start()
        return True

    def configs(self) -> tuple:
        return self._configs

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
        """Training steps per second of wall time (None until measured)."""
        return self._throughput

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
        self._show_regions()

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
            self._submit(0, self._grid if self._two_d else 0)

    # -- internals -------------------------------------------------------------------------
    def _new_session(self) -> None:
        self._session = f"{os.getpid()}-{next(_ids)}"
        self._chunk = None
        self._target = None
        self._rate: float | None = None           # the engine's training steps per second
        self._overhead = 0.0                      # seconds per chunk beyond steps and regions
        self._point_cost: float | None = None     # seconds per region point (measured)
        self._throughput: float | None = None     # steps per second of wall time (shown)
        self._last_steps = 0
        self._regions_time = -math.inf
        self._regions_step = -1
        self._grid = self._grid_for(self._guessed_point_cost())
        self._last_grid = 0
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
            steps = self._chunk_steps(left, 0.0)
            grid = self._grid if self._two_d and self._wants_regions(steps) else 0
            if grid:   # the regions take their share of the chunk
                steps = self._chunk_steps(left, self._region_cost(grid) or 0.0)
            self._submit(steps, grid)
            return
        if self._target is not None:   # a Step is done
            self._target = None
        self._show_regions()

    def _chunk_steps(self, left: int, regions: float) -> int:
        """Steps that fill CHUNK_S beside the overhead and `regions` seconds (≥ 1)."""
        if self._rate is None:
            return min(1, left)
        steps = int(self._rate * max(CHUNK_S - self._overhead - regions, CHUNK_S / 3))
        return max(1, min(steps, GROWTH * max(1, self._last_steps), left))

    def _submit(self, steps: int, grid: int) -> None:
        now = time.monotonic()
        expected = None
        if self._rate is not None:
            expected = steps / self._rate + self._overhead + \
                ((self._region_cost(grid) or 0.0) if grid else 0.0)
        self._sent = _Sent(steps, grid, now, expected)
        if grid:
            self._regions_time = now
        self._last_grid = grid
        since = () if self._chunk is None else tuple(run.rows for run in self._chunk.runs)
        self.runner.submit(TRAINING, train_job, TrainRequest(
            session=self._session, configs=self._configs, labels=self._labels, steps=steps,
            grid=grid, since=since))   # only the rows not had yet come back

    def _wants_regions(self, steps: int) -> bool:
        """Regions at the first chunk and the last (of the training or of a Step); else when
        due, never twice in a row (the chunk between measures the rate)."""
        if self._chunk is None or self.step() + steps >= self._limit():
            return True
        if self._rate is None or self._last_grid:
            return False
        cost = self._region_cost(self._grid) or 0.0
        return time.monotonic() - self._regions_time >= max(REGION_INTERVAL_S,
                                                            cost / REGION_SHARE)

    def _region_cost(self, grid: int) -> float | None:
        return None if self._point_cost is None else self._point_cost * grid * grid

    def _guessed_point_cost(self) -> float:
        """Seconds per region point before one is measured: in proportion to the weights
        (the hidden layers'; the input and output layers are narrow on a 2-D task)."""
        weights = sum(a * b for c in self._configs for a, b in zip(c.widths[1:], c.widths[2:]))
        return GUESS_S_PER_WEIGHT * max(weights, 1)

    @staticmethod
    def _grid_for(point_cost: float) -> int:
        """The finest grid (a multiple of 8) whose regions take at most REGION_BUDGET_S."""
        side = math.sqrt(REGION_BUDGET_S / point_cost)
        return int(min(REGION_GRID, max(MIN_GRID, 8 * (side // 8))))

    def _show_regions(self) -> None:
        """Paused or done with regions older than the step shown: ask for them (0 steps)."""
        if self._two_d and self._sent is None and self._chunk is not None \
                and self._regions_step != self._chunk.step:
            self._submit(0, self._grid)

    def _measure(self, sent: _Sent, chunk, elapsed: float) -> None:
        """The measures from the chunk just back (see the module's doc)."""
        first = self._chunk is None   # it built the session: not a measure
        done = chunk.step - (0 if first else self._chunk.step)
        if done > 0:
            self._last_steps = done
        if first:
            return
        training = 0.0
        if done > 0 and chunk.steps_per_second > 0:
            self._rate = _mean(self._rate, chunk.steps_per_second)
            training = done / chunk.steps_per_second
            self._throughput = _mean(self._throughput, done / max(elapsed, 1e-6))
        if not sent.grid:
            self._overhead = _mean(self._overhead, max(elapsed - training, 0.0))
        else:
            region = max(elapsed - training - self._overhead, 1e-4)
            self._point_cost = _mean(self._point_cost, region / sent.grid ** 2)
            self._grid = self._grid_for(self._point_cost)

    def _on_finished(self, channel: str, chunk) -> None:
        if channel != TRAINING or self._sent is None or chunk.session != self._session:
            return
        sent, self._sent = self._sent, None
        self._measure(sent, chunk, time.monotonic() - sent.time)
        if chunk.regions is not None:
            self._regions_step = chunk.step
        chunk = self._chunk = chunk.joined(self._chunk)
        if chunk.done:
            self._target = None
            self._set_state(DONE)
        self._next()   # first: the worker trains on while this chunk is drawn
        self.chunkArrived.emit(chunk)

    def _on_failed(self, channel: str, failure) -> None:
        if channel != TRAINING or self._sent is None:
            return
        self._sent = None
        self._target = None
        if self._state == RUNNING:
            self._set_state(PAUSED)
        self.failed.emit(failure)


def _mean(old: float | None, new: float) -> float:
    """A running mean that follows a change within a few chunks."""
    return new if old is None else 0.5 * (old + new)
