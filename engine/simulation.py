"""`monte_carlo` and `simulate`: a config in, its Monte Carlo statistics (and theory) out.

`monte_carlo` runs the one batched pass (`engine.passes`) once per trial, with G = 1 block of
`batch` samples; trial 0 also keeps per-unit variances and histograms. With several trials
the per-layer variances reported are the ensemble's medians, with the 10–90 % band. `simulate` adds the
mean-field theory: ``SimResult(config, monte_carlo(config), mean_field(config))``.
"""

from __future__ import annotations

import time
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .draws import DrawCache, Draws
from .histograms import Histograms
from .initializers import layer_variances
from .layer_step import LayerStep
from .passes import run_pass, work_units
from .progress import Progress
from .result import MonteCarlo, SimResult, ensemble_rows
from .theory import mean_field


def monte_carlo(config: SimConfig, *, cache: DrawCache | None = None,
                should_stop: Callable[[], bool] | None = None,
                on_progress: Callable[[float], None] | None = None) -> MonteCarlo:
    """The Monte Carlo forward and backward passes of every trial of `config`.

    Parameters
    ----------
    config : the network and its initialization.
    cache : standardized draws to reuse across calls (a slider drag changes only scalars);
        None draws afresh. Results are identical either way.
    should_stop : polled once per layer (and between the draws made ahead, `threads.map_on`);
        when it returns True, `engine.Cancelled` is raised.
    on_progress : called with the fraction done, 0 … 1.

    Returns
    -------
    MonteCarlo
        Trial 0 provides the per-layer, per-unit and histogram fields; every trial provides a
        row of the `trial_*` arrays.
    """
    start = time.perf_counter()
    act = activation_for(config)
    step = LayerStep(act, layer_variances(config)[None, :], np.array([config.bias_std]))
    progress = Progress(work_units(config.widths, config.batch) * config.trials, should_stop,
                        on_progress)
    trials = [run_pass(step, Draws(config, k, cache), config.batch, progress, detailed=(k == 0))
              for k in range(config.trials)]
    first = trials[0]
    fwd = np.array([tr.log10_forward_var[0] for tr in trials])
    bwd = np.array([tr.log10_backward_var[0] for tr in trials])
    bands = {}
    if config.trials > 1:   # the ensemble: medians, with the 10–90 % band
        # (the pre-activations' too: trial 0's beside the forward median mixed two networks
        # in one row, a researcher's tour: identity's h' and h differed by 3 decades)
        bands["log10_preact_var"] = ensemble_rows(
            [tr.log10_preact_var[0] for tr in trials], [tr.forward_stops[0] for tr in trials],
            "forward")[2]
        for name, rows in (("forward", fwd), ("backward", bwd)):
            _, q10, median, q90, _ = ensemble_rows(
                rows, [tr.forward_stops[0] if name == "forward" else tr.backward_stops[0]
                       for tr in trials], name)
            bands.update({f"log10_{name}_var": median, f"log10_{name}_var_q10": q10,
                          f"log10_{name}_var_q90": q90})
    return MonteCarlo(
        forward_mean=first.forward_mean[0],
        log10_forward_var=bands.get("log10_forward_var", fwd[0]),
        log10_preact_var=bands.get("log10_preact_var", first.log10_preact_var[0]),
        log10_backward_var=bands.get("log10_backward_var", bwd[0]),
        log10_forward_var_q10=bands.get("log10_forward_var_q10"),
        log10_forward_var_q90=bands.get("log10_forward_var_q90"),
        log10_backward_var_q10=bands.get("log10_backward_var_q10"),
        log10_backward_var_q90=bands.get("log10_backward_var_q90"),
        trial_log10_forward_var=fwd, trial_log10_backward_var=bwd,
        trial_forward_mean=np.array([tr.forward_mean[0] for tr in trials]),
        forward_invalid=first.forward_invalid[0], backward_invalid=first.backward_invalid[0],
        trial_forward_stops=tuple(tr.forward_stops[0] for tr in trials),
        trial_backward_stops=tuple(tr.backward_stops[0] for tr in trials),
        unit_log10_forward_var=first.unit_log10_forward_var,
        unit_log10_backward_var=first.unit_log10_backward_var,
        unit_forward_unresolved=first.unit_forward_unresolved,
        unit_backward_unresolved=first.unit_backward_unresolved,
        hist_density=first.hist_density, hist_edges=Histograms(0, act.bounds).edges(),
        hist_standardized=act.bounds is None, hist_zero=first.hist_zero,
        hist_beyond=first.hist_beyond, elapsed_seconds=time.perf_counter() - start)


def simulate(config: SimConfig, *, cache: DrawCache | None = None,
             should_stop: Callable[[], bool] | None = None,
             on_progress: Callable[[float], None] | None = None) -> SimResult:
    """`monte_carlo` of `config` together with its mean-field theory (same parameters)."""
    return SimResult(config, monte_carlo(config, cache=cache, should_stop=should_stop,
                                         on_progress=on_progress), mean_field(config))
