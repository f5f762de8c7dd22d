"""Shared checks of the engine tests: Monte Carlo tolerances from the sample size, a small
config, and bit-identity of two Monte Carlo parts.

For a linear layer the pooled variance of h^t is the squared Frobenius norm of a product of
random matrices; each layer multiplies it by n_{t-1}γ_t·(1 + ε_t) with Var[ε_t] ≈ 2/(n_t·r_t),
r_t = min(batch, n_{t-1}) the number of independent directions the batch spans. After t layers
the natural-log error has standard deviation ≈ √(Σ 2/(n_s r_s)); `mc_tolerance` allows 6 of
those plus a floor for float32 and for the input's own sampling error (√(2/(B·n_0))).
"""

import math

import numpy as np

from engine import SimConfig

LN10 = math.log(10)


def mc_tolerance(config, t: int, sigmas: float = 6.0) -> float:
    """Decades of Monte Carlo error allowed at layer t (see this module's docstring)."""
    w, b = config.widths, config.batch
    var = 2.0 / (b * w[0]) + sum(2.0 / (w[s] * min(b, w[s - 1])) for s in range(1, t + 1))
    return sigmas * math.sqrt(var) / LN10 + 0.005


def mean_tolerance(result, t: int) -> float:
    """The pooled mean of layer t averages n_t per-unit offsets Σ_j W_ij h̄_j + b_i, each of
    variance ≈ q_t (the pre-activation variance), and σ's slope is at most ~1.1 for every
    activation tested: 6·1.1·√(q_t/n_t), plus the input's sampling error."""
    q = 10 ** result.theory.log10_preact_var[t] if t else 1.0 / result.config.batch
    return 6.6 * math.sqrt(q / result.config.widths[t]) + 0.005


def cfg(**kw):
    base = {"depth": 10, "width": 128, "batch": 256}
    base.update(kw)
    return SimConfig.from_dict(base)


def assert_same_monte_carlo(a, b):
    """Two MonteCarlo parts that must be bit-identical (same draws, same matrix shapes)."""
    for name in ("forward_mean", "log10_forward_var", "log10_preact_var", "log10_backward_var",
                 "trial_log10_forward_var", "trial_log10_backward_var", "trial_forward_mean",
                 "unit_log10_forward_var", "unit_log10_backward_var", "hist_density"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert (a.forward_invalid, a.backward_invalid) == (b.forward_invalid, b.backward_invalid)


def sweep_and_spectrum_refusals():
    """One ConfigError of each kind that a sweep's values (engine.sweep) and the Jacobian
    spectrum's limits (engine.spectrum.check_limits) raise: the window words them (the Sweep
    tab sweeps its gains with `sweep_values`, the Spectrum tab checks with `check_limits`)."""
    from engine import ConfigError
    from engine.spectrum import check_limits
    from engine.sweep import sweep_configs, sweep_values

    calls = [lambda: sweep_values("seed", 1, 2, 3), lambda: sweep_values("gain", 1, 2, 1001),
             lambda: sweep_values("gain", math.nan, 2, 3), lambda: sweep_values("gain", 0.5, 2, 1),
             lambda: sweep_values("width", 0, 16, 3), lambda: sweep_values("depth", 1, 2, 5),
             lambda: sweep_values("gain", 1, 1, 3), lambda: sweep_values("depth", 1, 1.4, 3),
             lambda: sweep_configs(cfg(), "width", np.array([16.0, 53504.0])),
             lambda: sweep_configs(cfg(), "gain", np.array([1.0, 1e7])),
             lambda: check_limits(SimConfig.from_dict({"widths": "4, 2049, 4", "batch": 8})),
             lambda: check_limits(SimConfig.from_dict({"depth": 1001, "width": 4, "batch": 8}))]
    refusals = []
    for call in calls:
        try:
            call()
        except ConfigError as exc:
            refusals.append(exc)
        else:
            raise AssertionError("not refused")
    return refusals
