"""Which runs the Training tab trains, and what it knows of its task before any data is read:
the network alone or the lecture's four inits of it, refused before Start when too large; the
task's inputs, outputs and training examples, read once per task and data folder (MNIST's
header, not at each tick of a slider)."""

from __future__ import annotations

from engine import ConfigError
from engine import cost as run_cost
from engine.training import (check_memory, compare_configs, task_shape, train_points,
                             training_bytes)

from .training_readout import SINGLE


class TaskFacts:
    """The task's (inputs, outputs) and training examples for a config, remembered per
    (task, data folder); None while MNIST's folder cannot be read (the job says why, marking
    its field; read again once it can)."""

    def __init__(self):
        self._key = None
        self.shape: tuple[int, int] | None = None
        self.points: int | None = None
        self._shapes: dict[tuple, tuple[int, int]] = {}   # of held runs' other tasks

    def update(self, config) -> None:
        key = (config.task, config.data_dir)
        if key == self._key:
            return
        try:
            self._key, self.shape, self.points = key, task_shape(config), train_points(config)
        except ConfigError:
            self._key, self.shape, self.points = None, None, None

    def runs(self, config, mode: str, held: tuple = ()):
        """The configs and labels of `mode` ("single" or "inits"); ConfigError when new runs
        cannot train (too large for the memory available, with what the `held` runs' networks
        take, freed for them: refused before Start, not failed once pressed)."""
        self.update(config)
        runs = compare_configs(config) if mode == "inits" else ((config,), (SINGLE,))
        if self.shape is not None and runs[0] != tuple(held):
            free = run_cost.available_memory()
            if free is not None and held:
                free += training_bytes(held, *self._shape_of(held[0]))
            check_memory(runs[0], *self.shape, free)
        return runs

    def _shape_of(self, config) -> tuple[int, int]:
        """The task shape of `config` (held runs' task may be another: (0, 0) if unknown),
        read once per task and data folder."""
        key = (config.task, config.data_dir)
        if key == self._key:
            return self.shape
        if key not in self._shapes:
            try:
                self._shapes[key] = task_shape(config)
            except ConfigError:
                self._shapes[key] = (0, 0)
        return self._shapes[key]

    def epochs(self, config) -> tuple[int, int] | None:
        """(mini-batch, training examples) when a step goes over the set more than once."""
        self.update(config)
        if self.points and config.train_batch > self.points:
            return config.train_batch, self.points
        return None


def all_diverged(chunk) -> bool:
    """Every run of `chunk` (the session's newest, or None) diverged: the session ended early."""
    return chunk is not None and bool(chunk.runs) and all(
        run.diverged is not None for run in chunk.runs)
