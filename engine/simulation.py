"""`simulate`: a config in, a SimResult out (theory plus Monte Carlo over all trials).

`theory_result` gives the same SimResult with only the mean-field fields filled; it is cheap
enough to run on every slider movement while the Monte Carlo follows on a worker thread.
`simulate(..., theory=False)` leaves the mean-field part out and `with_theory` adds it later,
from a theory result the caller already has (the window computes each config's theory once,
for its dashed curves, and the worker need not compute it again).
"""

from __future__ import annotations

import dataclasses
import math
import time
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .draws import DrawCache, Draws
from .initializers import layer_variances
from .propagate import HIST_BINS, STANDARDIZED_RANGE, _Progress, needs_checkpoints, run_trial, work_units
from .result import DepthScales, SimResult
from .theory import mean_field

LN10 = math.log(10.0)


def _theory_fields(config: SimConfig) -> dict:
    th = mean_field(config)
    return dict(
        theory_forward_mean=np.asarray(th.forward_mean, dtype=float),
        theory_log10_forward_var=np.asarray(th.log_forward_var, dtype=float) / LN10,
        theory_log10_preact_var=np.asarray(th.log_preact_var, dtype=float) / LN10,
        theory_log10_backward_var=np.asarray(th.log_backward_var, dtype=float) / LN10,
        gamma=np.asarray(th.gamma, dtype=float),
        factor_forward=np.asarray(th.factor_forward, dtype=float),
        factor_backward=np.asarray(th.factor_backward, dtype=float),
        chi1=np.asarray(th.chi1, dtype=float),
        depth_scales=DepthScales(q_star=th.q_star, chi1_star=th.chi1_star, xi_q=th.xi_q,
                                 xi_c=th.xi_c),
    )


_THEORY_FIELDS = ("theory_forward_mean", "theory_log10_forward_var", "theory_log10_preact_var",
                  "theory_log10_backward_var", "gamma", "factor_forward", "factor_backward", "chi1",
                  "depth_scales")


def _no_theory_fields(config: SimConfig) -> dict:
    nan = np.full(config.depth + 1, np.nan)
    return {name: (DepthScales() if name == "depth_scales" else nan.copy())
            for name in _THEORY_FIELDS}


def with_theory(result: SimResult, theory: SimResult | None = None) -> SimResult:
    """`result` with the mean-field fields of its config: those of `theory` when it is a
    result of the same config that has them (e.g. its `theory_result`), else computed now.
    A result that has them already is returned as it is."""
    if result.has_theory:
        return result
    if theory is not None and theory.has_theory and theory.config == result.config:
        fields = {name: getattr(theory, name) for name in _THEORY_FIELDS}
    else:
        fields = _theory_fields(result.config)
    return dataclasses.replace(result, has_theory=True, **fields)


def _hist_layout(config: SimConfig) -> tuple[np.ndarray, bool]:
    bounds = activation_for(config).bounds
    lo, hi = bounds if bounds is not None else STANDARDIZED_RANGE
    return np.linspace(lo, hi, HIST_BINS + 1), bounds is None


def theory_result(config: SimConfig) -> SimResult:
    """A SimResult with the mean-field prediction only (Monte Carlo fields NaN)."""
    L1 = config.depth + 1
    n_max = max(config.widths)
    edges, standardized = _hist_layout(config)
    nan = np.full(L1, np.nan)
    return SimResult(
        config=config,
        forward_mean=nan.copy(), log10_forward_var=nan.copy(), log10_preact_var=nan.copy(),
        log10_backward_var=nan.copy(),
        unit_log10_forward_var=np.full((L1, n_max), np.nan),
        unit_log10_backward_var=np.full((L1, n_max), np.nan),
        hist_density=np.full((L1, HIST_BINS), np.nan), hist_edges=edges,
        hist_standardized=standardized,
        trial_log10_forward_var=np.full((0, L1), np.nan),
        trial_log10_backward_var=np.full((0, L1), np.nan),
        has_monte_carlo=False,
        **_theory_fields(config),
    )


def simulate(config: SimConfig, *, cache: DrawCache | None = None,
             should_stop: Callable[[], bool] | None = None,
             on_progress: Callable[[float], None] | None = None,
             theory: bool = True) -> SimResult:
    """Run the Monte Carlo passes of every trial and the mean-field theory of `config`.

    Parameters
    ----------
    config : the network and its initialization.
    cache : standardized draws to reuse across calls (a slider drag changes only scalars);
        None draws afresh. Results are identical either way.
    should_stop : polled once per layer; when it returns True, `engine.Cancelled` is raised.
    on_progress : called with the fraction done, 0 … 1.
    theory : False leaves the mean-field fields NaN (`has_theory` False); `with_theory`
        adds them.

    Returns
    -------
    SimResult
        Trial 0 provides the per-layer, per-unit and histogram fields; every trial provides a
        row of `trial_log10_forward_var` / `trial_log10_backward_var`.
    """
    start = time.perf_counter()
    act = activation_for(config)
    gammas = layer_variances(config)
    per_trial = work_units(config, needs_checkpoints(config))
    progress = _Progress(per_trial * config.trials, should_stop, on_progress)
    trials = []
    for k in range(config.trials):
        progress.done = k * per_trial
        trials.append(run_trial(config, act, gammas, Draws(config, k, cache),
                                detailed=(k == 0), progress=progress))
    first = trials[0]
    edges, standardized = _hist_layout(config)
    return SimResult(
        config=config,
        **vars(first),  # TrialStats' fields are SimResult's Monte Carlo fields, by name
        hist_edges=edges,
        hist_standardized=standardized,
        trial_log10_forward_var=np.array([tr.log10_forward_var for tr in trials]),
        trial_log10_backward_var=np.array([tr.log10_backward_var for tr in trials]),
        trial_forward_mean=np.array([tr.forward_mean for tr in trials]),
        has_monte_carlo=True,
        elapsed_seconds=time.perf_counter() - start,
        has_theory=theory,
        **(_theory_fields(config) if theory else _no_theory_fields(config)),
    )
