"""Long computations as uniform jobs, for a runner on another thread or process.

Every job is a module-level function ``job(request, *, cache, should_stop, on_progress)`` (so
it can be sent to a worker process) taking one picklable request and returning a picklable
result. The Monte Carlo jobs return no theory: the window computes it for its dashed curves
and joins it to the result on arrival. `train_job` (engine.training) continues a training
session that the worker process keeps between its requests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Callable

import numpy as np

from .config import SimConfig
from .critical_gain import critical_gain, missing_side
from .draws import DrawCache
from .phase import PhaseDiagram, PhaseRanges, edge_gain, phase_diagram
from .result import SimResult
from .simulation import monte_carlo
from .spectrum import Spectrum, jacobian_spectrum
from .sweep import DEFAULT_SAMPLES, SweepResult, sweep_monte_carlo
from .training import TrainChunk, TrainRequest, train_job

__all__ = ["PhaseRequest", "SweepRequest", "TrainChunk", "TrainRequest", "monte_carlo_job",
           "phase_job", "spectrum_job", "sweep_job", "train_job"]

Stop = Callable[[], bool] | None
Progress = Callable[[float], None] | None


@dataclass(frozen=True)
class SweepRequest:
    """`key` over `values` for `config`, `samples` inputs per value; with `critical_gain`,
    the config's critical gain too (`engine.critical_gain`: up to ~0.3 s of theory,
    so not on the window's thread), and the edge gain the phase diagram's line gives
    (`engine.phase.edge_gain`)."""

    config: SimConfig
    key: str
    values: tuple[float, ...]
    samples: int = DEFAULT_SAMPLES
    critical_gain: bool = False


@dataclass(frozen=True)
class PhaseRequest:
    """The phase diagram of `config`'s activation (ranges None: the defaults)."""

    config: SimConfig
    size: int = 41
    ranges: PhaseRanges | None = None


def monte_carlo_job(config: SimConfig, *, cache: DrawCache | None = None, should_stop: Stop = None,
                    on_progress: Progress = None) -> SimResult:
    """`monte_carlo` as a job (the request is the SimConfig): a SimResult without theory."""
    return SimResult(config, monte_carlo(config, cache=cache, should_stop=should_stop,
                                         on_progress=on_progress))


def sweep_job(request: SweepRequest, *, cache: DrawCache | None = None, should_stop: Stop = None,
              on_progress: Progress = None) -> SweepResult:
    """The Monte Carlo part of a sweep (the window draws its theory with `theory_sweep`), and
    the critical gain if asked for."""
    result = sweep_monte_carlo(request.config, request.key, np.asarray(request.values, dtype=float),
                               samples=request.samples, cache=cache, should_stop=should_stop,
                               on_progress=on_progress)
    if request.critical_gain:
        critical = critical_gain(request.config)
        result = replace(result, critical_gain=critical, edge_gain=edge_gain(request.config),
                         critical_side=0 if math.isfinite(critical)
                         else missing_side(request.config))
    return result


def spectrum_job(config: SimConfig, *, cache: DrawCache | None = None, should_stop: Stop = None,
                 on_progress: Progress = None) -> Spectrum:
    return jacobian_spectrum(config, cache=cache, should_stop=should_stop, on_progress=on_progress)


def phase_job(request: PhaseRequest, *, cache: DrawCache | None = None, should_stop: Stop = None,
              on_progress: Progress = None) -> PhaseDiagram:
    del cache  # theory only: no random draws
    return phase_diagram(request.config, size=request.size, ranges=request.ranges,
                         should_stop=should_stop, on_progress=on_progress)
