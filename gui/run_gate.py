"""Whether the window starts a run at once, says what it costs, or waits for F5.

A run's time and memory are estimated before it starts (`engine.cost`, at the rates measured
with the worker's BLAS threads). One estimated to take longer than `CONFIRM_S`, or to need more
than `CONFIRM_MEMORY` of the memory available, waits until the user starts it; one above the
NOTE thresholds says its cost while it runs.
"""

from __future__ import annotations

import math
import time

import engine
from engine import cost as run_cost

from .worker_process import cache_budget, worker_blas_threads

CONFIRM_S, CONFIRM_MEMORY = 60.0, 0.5
NOTE_S, NOTE_BYTES = 3.0, 10**9
# An export runs a full Monte Carlo it lacks on the window's thread only if it is this quick;
# a longer one is waited for (the window says so; it would freeze while it ran)
EXPORT_S = 0.5
MEMORY_READ_S = 0.5   # a stream's previews read the memory available at most this often


def estimate(config: engine.SimConfig, of=run_cost.monte_carlo_cost) -> run_cost.Cost | None:
    """The time and memory `config`'s Monte Carlo (or the job `of(config, rates)` prices: the
    spectrum's, a sweep's) will take in the worker (None if the estimate failed: the run is
    then not held)."""
    try:
        return of(config, run_cost.measure_rates(config, worker_blas_threads()))
    except Exception:   # an estimate must never stop a run
        return None


def sweep_estimate(config: engine.SimConfig, values, samples: int,
                   chunk: int) -> run_cost.Cost | None:
    """`estimate` of the Sweep tab's gain sweep: jobs of `chunk` values, in the worker, whose
    draw cache keeps a share of the memory available (`worker_process.cache_budget`)."""
    return estimate(config, lambda c, rates: run_cost.sweep_cost(
        c, "gain", values, samples, rates, chunk=chunk, cache_bytes=cache_budget()))


def must_wait(cost: run_cost.Cost | None, free: int | None) -> bool:
    """Too long, or too large for the memory available (`free` bytes; None: unknown)."""
    return cost is not None and (cost.seconds >= CONFIRM_S or (
        free is not None and cost.peak_bytes > CONFIRM_MEMORY * free))


def notable(cost: run_cost.Cost | None) -> bool:
    """Long or large enough to be said while it runs."""
    return cost is not None and (cost.seconds >= NOTE_S or cost.peak_bytes >= NOTE_BYTES)


class FreeMemory:
    """The memory available (bytes; None: unknown), read anew for a full run and at most every
    `MEMORY_READ_S` for a stream's smaller previews (a drag requests one per frame)."""

    def __init__(self):
        self._read: tuple[float, int | None] = (-math.inf, None)   # (read at, bytes)

    def read(self, fresh: bool) -> int | None:
        now = time.monotonic()
        if fresh or now - self._read[0] >= MEMORY_READ_S:
            self._read = (now, run_cost.available_memory())
        return self._read[1]
