"""Whether the window starts a run at once, says what it costs, or waits for F5.

A run's time and memory are estimated before it starts (`engine.cost`, at the rates measured
with the worker's BLAS threads). One estimated to take longer than `CONFIRM_S`, or to need more
than `CONFIRM_MEMORY` of the memory available, waits until the user starts it; one above the
NOTE thresholds says its cost while it runs.
"""

from __future__ import annotations

import engine
from engine import cost as run_cost

from .worker_process import worker_blas_threads

CONFIRM_S, CONFIRM_MEMORY = 60.0, 0.5
NOTE_S, NOTE_BYTES = 3.0, 10**9


def estimate(config: engine.SimConfig) -> run_cost.Cost | None:
    """The time and memory `config`'s Monte Carlo will take in the worker (None if the
    estimate failed: the run is then not held)."""
    try:
        return run_cost.monte_carlo_cost(
            config, run_cost.measure_rates(config, worker_blas_threads()))
    except Exception:   # an estimate must never stop a run
        return None


def must_wait(cost: run_cost.Cost | None, free: int | None) -> bool:
    """Too long, or too large for the memory available (`free` bytes; None: unknown)."""
    return cost is not None and (cost.seconds >= CONFIRM_S or (
        free is not None and cost.peak_bytes > CONFIRM_MEMORY * free))


def notable(cost: run_cost.Cost | None) -> bool:
    """Long or large enough to be said while it runs."""
    return cost is not None and (cost.seconds >= NOTE_S or cost.peak_bytes >= NOTE_BYTES)
