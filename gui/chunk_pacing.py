"""How much a training chunk asks for: its steps, and whether (and how finely) it draws the
decision regions, from what the chunks before it measured. No Qt, no clock of its own (the
session passes the time).

Three measures, as running means (the first chunk of a session, which builds it, is not
one): the engine's training steps per second (`TrainChunk.steps_per_second`), the rest of a
chunk's wall time without regions (sending, the histories, the drawing: the overhead), and the
cost of a region point. A chunk fills about `CHUNK_S` of wall time and is at most `GROWTH`
times the previous one, so a wrong guess costs little. Decision regions (2-D tasks) cost a
forward pass over grid² points: they are asked for on the first chunk and on the last,
otherwise at most once per `REGION_INTERVAL_S`, never twice in a row, and no more often than
keeps their share of the worker's time under `REGION_SHARE`; the grid shrinks so that one
drawing of them fits in `REGION_BUDGET_S` (before it is measured, a guess from the number of
weights).
"""

from __future__ import annotations

import math

CHUNK_S = 0.075              # wall time a chunk aims at
GROWTH = 4
REGION_GRID = 64             # points per side of the decision regions, at most …
MIN_GRID = 16                # … and at least
REGION_BUDGET_S = 0.04
REGION_INTERVAL_S = 0.1
REGION_SHARE = 0.25
# A paused or finished session's regions are drawn once more, as fine as this allows: a
# figure exported then had the coarse grid a busy machine had left (a researcher's tour).
STILL_BUDGET_S = 0.5
# Before a region chunk is measured, a point is guessed to cost this many seconds per weight
# of the runs (a forward pass; a generous guess, so a large network's first regions are few).
GUESS_S_PER_WEIGHT = 3e-10
# The steps per second shown are the session's, once its chunks have taken this long.
THROUGHPUT_AFTER_S = 0.5


class ChunkPacer:
    """The measures of one session's chunks, and the size of the next chunk."""

    def __init__(self, configs: tuple = ()):
        self.rate: float | None = None          # the engine's training steps per second
        self.overhead = 0.0                     # seconds per chunk beyond steps and regions
        self.point_cost: float | None = None    # seconds per region point (measured)
        self.throughput: float | None = None    # steps per second of wall time (shown)
        self._trained = (0, 0.0)                # steps and seconds of the chunks measured
        self.last_steps = 0
        self.last_grid = 0
        self.regions_time = -math.inf
        self.configs = configs
        self.still_step = -1   # the step whose still regions were asked for
        self.hurried = True    # still regions within STILL_BUDGET_S (else: the finest grid)
        self.grid = grid_for(guessed_point_cost(configs))

    def chunk_steps(self, left: int, regions: float = 0.0) -> int:
        """Steps that fill CHUNK_S beside the overhead and `regions` seconds (≥ 1)."""
        if self.rate is None:
            return min(1, left)
        steps = int(self.rate * max(CHUNK_S - self.overhead - regions, CHUNK_S / 3))
        return max(1, min(steps, GROWTH * max(1, self.last_steps), left))

    def next_chunk(self, left: int, two_d: bool, first: bool, now: float) -> tuple[int, int]:
        """(steps, grid) of the next chunk, `left` steps before the end of the training or of
        a Step: regions (a 2-D task's) on the session's `first` chunk and on the last, else
        when due; they take their share of the chunk's time."""
        steps = self.chunk_steps(left)
        if not two_d or not (first or steps >= left or self.regions_due(now)):
            return steps, 0
        return self.chunk_steps(left, self.region_cost(self.grid) or 0.0), self.grid

    def region_cost(self, grid: int) -> float | None:
        return None if self.point_cost is None else self.point_cost * grid * grid

    def expected(self, steps: int, grid: int) -> float | None:
        """Seconds a chunk of `steps` (and regions on `grid`, if any) should take."""
        if self.rate is None:
            return None
        regions = (self.region_cost(grid) or 0.0) if grid else 0.0
        return steps / self.rate + self.overhead + regions

    def sent(self, grid: int, now: float) -> None:
        if grid:
            self.regions_time = now
        self.last_grid = grid

    def still_grid(self) -> int:
        """The grid of a paused or finished session's regions (STILL_BUDGET_S; unless
        `hurried`, the finest)."""
        if not self.hurried:
            return REGION_GRID
        cost = self.point_cost if self.point_cost is not None else guessed_point_cost(
            self.configs)
        return max(self.grid, grid_for(cost, STILL_BUDGET_S))

    def stale_regions(self, step: int, shown_step: int, still: bool) -> int:
        """The grid of the regions to ask for (0 steps) where those of `shown_step`, the step
        shown, are older than it (`step`: the one they are of), or, `still` (paused or done),
        once more on the still grid; 0 where none are wanted."""
        if still and self.still_step != shown_step:
            self.still_step = shown_step
            return self.still_grid()
        return self.grid if step != shown_step else 0

    def regions_due(self, now: float) -> bool:
        """Regions between the first and the last chunk: when due, never twice in a row (the
        chunk between measures the rate)."""
        if self.rate is None or self.last_grid:
            return False
        cost = self.region_cost(self.grid) or 0.0
        return now - self.regions_time >= max(REGION_INTERVAL_S, cost / REGION_SHARE)

    def measure(self, done: int, steps_per_second: float, grid: int, elapsed: float,
                first: bool) -> None:
        """Take the measures of a chunk back: `done` steps at the engine's `steps_per_second`,
        regions on `grid` (0: none), in `elapsed` seconds of wall time; the session's `first`
        chunk built it and is not a measure."""
        if done > 0:
            self.last_steps = done
        if first:
            return
        training = 0.0
        if done > 0 and steps_per_second > 0:
            self.rate = _mean(self.rate, steps_per_second)
            training = done / steps_per_second
            # over the session so far: a chunk's own (its regions' share varies, the first
            # ones are short) swung from 2 to 1743 steps/s within a second, a tour
            steps, seconds = self._trained
            self._trained = steps + done, seconds + elapsed
            if self._trained[1] >= THROUGHPUT_AFTER_S:
                self.throughput = self.session_rate()
        if not grid:
            self.overhead = _mean(self.overhead, max(elapsed - training, 0.0))
        else:
            region = max(elapsed - training - self.overhead, 1e-4)
            self.point_cost = _mean(self.point_cost, region / grid ** 2)
            self.grid = grid_for(self.point_cost)

    def session_rate(self) -> float | None:
        """The session's steps per second of its measured chunks' wall time, however few."""
        steps, seconds = self._trained
        return steps / seconds if seconds > 0 else None


def guessed_point_cost(configs: tuple) -> float:
    """Seconds per region point before one is measured: in proportion to the weights (the
    hidden layers'; the input and output layers are narrow on a 2-D task)."""
    weights = sum(a * b for c in configs for a, b in zip(c.widths[1:], c.widths[2:]))
    return GUESS_S_PER_WEIGHT * max(weights, 1)


def grid_for(point_cost: float, budget_s: float | None = None) -> int:
    """The finest grid (a multiple of 8) whose regions take at most `budget_s` (by default
    REGION_BUDGET_S)."""
    side = math.sqrt((REGION_BUDGET_S if budget_s is None else budget_s) / point_cost)
    return int(min(REGION_GRID, max(MIN_GRID, 8 * (side // 8))))


def _mean(old: float | None, new: float) -> float:
    """A running mean that follows a change within a few chunks."""
    return new if old is None else 0.5 * (old + new)
