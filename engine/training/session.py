"""Training sessions: up to four runs on the same data and mini-batch order, trained in chunks.

A `Session` holds the runs side by side; every run sees mini-batch s at its step s, drawn
from one seeded order (epochs of the training set, each a fresh permutation), so runs differ
only in what their configs say. The data, its seed and the mini-batch size come from the first
config. `train_job` continues a session kept in the process (the worker's) chunk by chunk, for
the window; `train` runs whole trainings, for the command line.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from ..draws import random_stream
from .history import RunHistory
from .run import Run
from .tasks import Task, make_task

MAX_RUNS = 4
PROGRESS_SECONDS = 0.05   # on_progress is called at most this often (and at the end)
_ORDER = 104   # the random stream of the mini-batch order (cf. engine.training.tasks)

# The comparison preset, in the lecture's order: (label, config overrides).
COMPARE_INITS = (
    ("zeros", {"init": "zeros"}),
    ("γ too small", {"init": "xavier", "gain": 0.1}),
    ("γ too large", {"init": "xavier", "gain": 10.0}),
    ("Xavier", {"init": "xavier", "gain": 1.0}),
)


class BatchOrder:
    """Mini-batch s of size B is entries s·B … (s+1)·B − 1 of the endless sequence of
    permutations of the training set, permutation e drawn from its own seeded stream."""

    def __init__(self, count: int, batch: int, seed: int):
        self.count, self.batch, self.seed = count, batch, seed
        self._perms: OrderedDict[int, np.ndarray] = OrderedDict()

    def _perm(self, epoch: int) -> np.ndarray:
        perm = self._perms.get(epoch)
        if perm is None:
            rng = random_stream(self.seed, epoch, _ORDER, 0)
            perm = self._perms[epoch] = rng.permutation(self.count)
            while len(self._perms) > 4:
                self._perms.popitem(last=False)
        return perm

    def indices(self, step: int) -> np.ndarray:
        start, stop = step * self.batch, (step + 1) * self.batch
        first, last = start // self.count, (stop - 1) // self.count
        if first == last:   # the usual case: within one epoch
            return self._perm(first)[start - first * self.count: stop - first * self.count]
        parts = [self._perm(e)[max(start - e * self.count, 0): min(stop - e * self.count,
                                                                    self.count)]
                 for e in range(first, last + 1)]
        return np.concatenate(parts)


class Session:
    """Runs of `configs` (labelled `labels`) on the task of `configs[0]`.

    Raises ConfigError when the task's data cannot be read or a network is too large.
    """

    def __init__(self, configs, labels, *, cache=None, task: Task | None = None):
        configs, labels = tuple(configs), tuple(labels)
        if not 1 <= len(configs) <= MAX_RUNS or len(labels) != len(configs):
            raise ValueError(f"1 … {MAX_RUNS} configs, one label each")
        self.configs, self.labels = configs, labels
        first = configs[0]
        self.task = task if task is not None else make_task(first)
        self.order = BatchOrder(len(self.task.x_train), first.train_batch, first.seed)
        self.runs = [Run(c, label, self.task, cache=cache) for c, label in zip(configs, labels)]
        self._batches: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    @property
    def step(self) -> int:
        return max(run.step for run in self.runs)

    @property
    def done(self) -> bool:
        return all(run.finished for run in self.runs)

    def batch(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """Mini-batch `step` (x, y), shared by the runs (the last few are kept)."""
        found = self._batches.get(step)
        if found is None:
            idx = self.order.indices(step)
            found = self._batches[step] = (self.task.x_train[idx], self.task.y_train[idx])
            while len(self._batches) > 2:
                self._batches.popitem(last=False)
        return found

    def advance(self, steps: int, should_stop: Callable[[], bool] | None = None,
                on_progress: Callable[[float], None] | None = None) -> int:
        """Up to `steps` more updates of every unfinished run; stops early when `should_stop()`
        is True (polled before each step); `on_progress(fraction of steps)` every
        PROGRESS_SECONDS and at the end. Returns the number of steps taken."""
        taken, shown = 0, time.perf_counter()
        for _ in range(steps):
            if self.done or (should_stop is not None and should_stop()):
                break
            for run in self.runs:
                if not run.finished:
                    run.advance(self.batch)
            taken += 1
            if on_progress is not None and (taken == steps or
                                            time.perf_counter() - shown >= PROGRESS_SECONDS):
                shown = time.perf_counter()
                on_progress(taken / steps)
        return taken

    def histories(self, since: tuple[int, ...] = ()) -> tuple[RunHistory, ...]:
        """Each run's history, from its logged row `since[i]` on (all rows where not given)."""
        return tuple(run.history(since[i] if i < len(since) else 0)
                     for i, run in enumerate(self.runs))


@dataclass(frozen=True)
class TrainRequest:
    """Continue session `session` (a new id starts one) by `steps` steps; `grid` > 0 on a 2-D
    task also asks for the decision regions on grid × grid points. `since[i]`: the logged rows
    of run i the caller has already; the chunk brings only those after (`TrainChunk.joined`)."""

    session: str
    configs: tuple
    labels: tuple[str, ...]
    steps: int
    grid: int = 0
    since: tuple[int, ...] = ()


@dataclass(frozen=True, eq=False)
class TrainChunk:
    """A session's state after a chunk: every run's history, from the rows the request's
    `since` gave on (`joined` adds the rows before)."""

    session: str
    runs: tuple[RunHistory, ...]
    step: int
    done: bool
    steps_per_second: float
    regions: tuple[np.ndarray, ...] | None = None
    region_extent: tuple[float, float, float, float] | None = None
    points: tuple[np.ndarray, np.ndarray] | None = None

    def joined(self, before: "TrainChunk | None") -> "TrainChunk":
        """This chunk with the rows of `before` (an earlier chunk of the same session, joined
        itself) put in front: every run's whole history."""
        if before is None or before.session != self.session:
            return self
        runs = tuple(old.join(new) for old, new in zip(before.runs, self.runs))
        return replace(self, runs=runs)


_SESSIONS: dict[str, Session] = {}


def _session(request: TrainRequest, cache) -> tuple[Session, bool]:
    """The session of `request`, kept, or a new one when the id is new or its runs changed;
    and whether it is new. A new session replaces the one kept, freed before it is built: the
    window checks a new session's memory against what is available with the old one's
    (`check_memory`), and two kept had needed both at once."""
    session = _SESSIONS.get(request.session)
    new = session is None or session.configs != tuple(request.configs) \
        or session.labels != tuple(request.labels)
    if new:
        session = None   # (this name held the old one too: cleared, it is freed here)
        _SESSIONS.clear()
        session = _SESSIONS[request.session] = Session(request.configs, request.labels,
                                                       cache=cache)
    return session, new


def train_job(request: TrainRequest, *, cache=None, should_stop=None,
              on_progress=None) -> TrainChunk:
    """Train session `request.session` `request.steps` steps further (a job for the worker).

    Parameters
    ----------
    request : the session id, its runs' configs and labels, the steps of this chunk, and the
        decision-region grid.
    cache : standardized draws to reuse (`engine.draws.DrawCache`).
    should_stop : polled before each step; the chunk then ends early (no exception).
    on_progress : the fraction of the chunk done, 0 … 1.

    Returns
    -------
    TrainChunk
        Every run's history from its row `request.since[i]` on (the worker sends only the
        news; a session it had to build again sends everything), the session's step,
        whether every run finished.
    """
    session, new = _session(request, cache)
    start = time.perf_counter()
    taken = session.advance(max(int(request.steps), 0), should_stop, on_progress)
    elapsed = time.perf_counter() - start
    task = session.task
    regions = extent = points = None
    if request.grid > 0 and task.extent is not None:
        regions = tuple(run.regions(request.grid) for run in session.runs)
        extent, points = task.extent, (task.x_heldout, task.y_heldout)
    since = () if new else request.since
    return TrainChunk(request.session, session.histories(since), session.step, session.done,
                      taken / elapsed if elapsed > 0 and taken else 0.0, regions, extent, points)


def train(configs, labels, steps: int | None = None, *, cache=None,
          should_stop: Callable[[], bool] | None = None,
          on_progress: Callable[[float], None] | None = None) -> tuple[RunHistory, ...]:
    """Train runs side by side to the end (`steps`: at most this many; default: the largest
    `config.steps`), or until `should_stop()`; returns what each recorded."""
    session = Session(configs, labels, cache=cache)
    session.advance(steps if steps is not None else max(c.steps for c in session.configs),
                    should_stop, on_progress)
    return session.histories()


def compare_configs(base) -> tuple[tuple, tuple[str, ...]]:
    """The configs and labels of the COMPARE_INITS preset applied to `base`."""
    configs = tuple(base.with_values(**overrides) for _, overrides in COMPARE_INITS)
    return configs, tuple(label for label, _ in COMPARE_INITS)
