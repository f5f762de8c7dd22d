"""The mean-field recursion of many configs at once (`theory.mean_fields`, used by sweeps)
agrees with `theory.mean_field` of each config alone."""

import math

import numpy as np
import pytest

from engine import SimConfig
from engine.simulation import theory_result
from engine.sweep import sweep, sweep_configs, sweep_values, theory_sweep
from engine.theory import mean_field, mean_fields

ARRAYS = ("gamma", "factor_forward", "factor_backward", "log_preact_var", "forward_mean",
          "log_forward_second", "log_forward_var", "log_backward_var", "chi1")
SCALARS = ("sigma_w2", "sigma_b2", "q_star", "chi1_star", "xi_q", "c_star", "chi_c")


def assert_same_theory(alone, together, rtol=1e-10):
    for name in ARRAYS:
        a, b = getattr(alone, name), getattr(together, name)
        np.testing.assert_array_equal(np.isfinite(a), np.isfinite(b), err_msg=name)
        np.testing.assert_array_equal(a[~np.isfinite(a)], b[~np.isfinite(a)], err_msg=name)
        # relative where large, absolute near 0 (a log variance may cross 0)
        np.testing.assert_allclose(b, a, rtol=rtol, atol=rtol, err_msg=name)
    for name in SCALARS:
        a, b = getattr(alone, name), getattr(together, name)
        if a is None or b is None or math.isinf(a):
            assert a == b, name
        else:
            assert b == pytest.approx(a, rel=rtol, abs=1e-300), name
    # ξ_c = −1/log χ_c: near the critical line (χ_c → 1) rounding in χ_c is amplified ∝ ξ_c
    a, b = alone.xi_c, together.xi_c
    if a is None or b is None or math.isinf(a):
        assert a == b
    else:
        assert b == pytest.approx(a, rel=rtol * max(1.0, a))


CASES = [
    ("tanh", {}, "gain", sweep_values("gain", 0.25, 4.0, 41)),
    ("tanh", {"bias_std": 0.3}, "gain", sweep_values("gain", 0.5, 3.0, 9)),
    ("tanh", {}, "bias_std", np.linspace(0.0, 1.0, 6)),
    ("relu", {"init": "he"}, "gain", sweep_values("gain", 0.25, 4.0, 9)),
    ("relu", {"init": "he"}, "bias_std", np.linspace(0.0, 1.0, 5)),
    ("sigmoid", {}, "gain", sweep_values("gain", 0.25, 8.0, 11)),
    ("gelu", {"init": "he"}, "gain", sweep_values("gain", 0.25, 4.0, 9)),
    ("elu", {"init": "he"}, "variance", sweep_values("variance", 1e-3, 0.05, 7)),
    ("selu", {"init": "constant"}, "variance", sweep_values("variance", 1e-3, 0.05, 7)),
    ("selu", {"init": "he"}, "gain", sweep_values("gain", 0.25, 4.0, 11)),
    ("softplus", {}, "bias_std", np.linspace(0.0, 2.0, 5)),
    ("sigmoid_scaled", {}, "gain", sweep_values("gain", 0.25, 4.0, 9)),
    ("linear", {"beta": 0.3}, "gain", sweep_values("gain", 0.5, 2.0, 7)),
    ("linear", {"beta": 0.3, "bias_std": 0.5}, "variance", sweep_values("variance", 1e-3, 0.05, 5)),
    ("identity", {}, "gain", sweep_values("gain", 0.5, 2.0, 5)),
]


@pytest.mark.parametrize("activation, extra, key, values", CASES,
                         ids=[f"{a}-{k}-{i}" for i, (a, _, k, _) in enumerate(CASES)])
def test_mean_fields_agree_with_mean_field(activation, extra, key, values):
    base = SimConfig.from_dict({"activation": activation, "depth": 40, "width": 64, **extra})
    configs = sweep_configs(base, key, values)
    for c, together in zip(configs, mean_fields(configs)):
        assert_same_theory(mean_field(c), together)


def test_mean_fields_of_unlike_networks_fall_back_to_one_by_one():
    configs = [SimConfig.from_dict({"activation": a, "depth": 5, "width": 16})
               for a in ("tanh", "relu", "tanh")]
    configs.append(SimConfig.from_dict({"activation": "tanh", "depth": 5, "width": 8}))
    for c, together in zip(configs, mean_fields(configs)):
        assert_same_theory(mean_field(c), together, rtol=0.0)
    assert mean_fields([]) == []


def test_mean_fields_handle_extreme_depth_and_variances():
    """q runs through the Taylor series (vanishing), the quadrature and the huge-q limits."""
    for activation in ("tanh", "gelu", "softplus"):
        base = SimConfig.from_dict({"activation": activation, "depth": 300, "width": 32})
        configs = sweep_configs(base, "gain", sweep_values("gain", 1e-3, 1e6, 10))
        for c, together in zip(configs, mean_fields(configs)):
            assert_same_theory(mean_field(c), together)


def test_theory_sweep_and_sweep_theory_equal_theory_result():
    base = SimConfig.from_dict({"activation": "tanh", "depth": 10, "width": 32})
    values = sweep_values("gain", 0.5, 2.0, 4)
    alone = [theory_result(c) for c in sweep_configs(base, "gain", values)]
    fields = ("theory_forward_mean", "theory_log10_forward_var", "theory_log10_preact_var",
              "theory_log10_backward_var", "gamma", "factor_forward", "factor_backward", "chi1")
    for result in (theory_sweep(base, "gain", values), sweep(base, "gain", values, samples=8)):
        for a, b in zip(alone, result.results):
            for name in fields:
                np.testing.assert_allclose(getattr(b, name), getattr(a, name), rtol=1e-10,
                                           atol=1e-12, err_msg=name)
            _assert_same_scales(b.depth_scales.to_dict(), a.depth_scales.to_dict())
            assert b.hist_standardized == a.hist_standardized
    for a, b in zip(alone, theory_sweep(base, "gain", values).results):
        assert b.unit_log10_forward_var.shape == a.unit_log10_forward_var.shape
        assert b.hist_density.shape == a.hist_density.shape
        np.testing.assert_array_equal(b.hist_edges, a.hist_edges)
        assert not b.has_monte_carlo


def test_numpy_before_vecdot_gives_the_same_sweep(monkeypatch):
    """numpy < 2.0 has no np.vecdot: the einsum fallback agrees."""
    import engine.sweep
    import engine.theory

    base = SimConfig.from_dict({"activation": "tanh", "depth": 12, "width": 32})
    values = sweep_values("gain", 0.25, 4.0, 5)
    fast = sweep(base, "gain", values, samples=16)
    monkeypatch.setattr(engine.sweep, "_HAS_VECDOT", False)
    monkeypatch.setattr(engine.theory, "_HAS_VECDOT", False)
    slow = sweep(base, "gain", values, samples=16)
    np.testing.assert_allclose(slow.forward, fast.forward, atol=1e-5)
    np.testing.assert_allclose(slow.backward, fast.backward, atol=1e-5)
    np.testing.assert_allclose(slow.theory_forward, fast.theory_forward, rtol=1e-12)


def _assert_same_scales(got: dict, expected: dict) -> None:
    """Depth scales agree to 1e-10; an undefined one (None) is undefined in both."""
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        if value is None:
            assert got[key] is None, key
        else:
            assert got[key] == pytest.approx(value, rel=1e-10), key
