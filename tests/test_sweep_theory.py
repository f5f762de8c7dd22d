"""The mean-field recursion of many configs at once (`theory.mean_fields`, used by sweeps):
a batch gives what each config gives alone, and both give what the implementation before the
`engine.theory` package gave."""

import math

import numpy as np
import pytest

from engine import SimConfig
from engine.sweep import sweep, sweep_configs, sweep_values, theory_sweep
from engine.theory import mean_field, mean_fields

ARRAYS = ("gamma", "factor_forward", "factor_backward", "log_preact_var", "forward_mean",
          "log_forward_second", "log_forward_var", "log_backward_var", "chi1")
SCALARS = ("sigma_w2", "sigma_b2", "q_star", "chi1_star", "xi_q", "c_star", "chi_c")


def assert_same_theory(alone, together, rtol=1e-12):
    np.testing.assert_array_equal(together.widths, alone.widths)
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
def test_a_batch_equals_each_config_alone(activation, extra, key, values):
    """Rows of one array recursion do not mix: only rounding differs (the quadrature of a
    batch is padded to its finest rule)."""
    base = SimConfig.from_dict({"activation": activation, "depth": 40, "width": 64, **extra})
    configs = sweep_configs(base, key, values)
    for c, together in zip(configs, mean_fields(configs)):
        assert_same_theory(mean_fields([c])[0], together)


# Recorded from the implementation before engine/theory became a package (engine/theory.py
# at commit a5fc094, its scalar `mean_field`), for each config:
#   th = mean_field(SimConfig.from_dict(config))
#   (th.log_preact_var[1], th.log_preact_var[-1], th.forward_mean[-1], th.log_forward_var[-1],
#    th.log_backward_var[0], th.chi1[-1], th.q_star, th.chi1_star, th.xi_q, th.xi_c,
#    th.c_star, th.chi_c)
PREVIOUS = [
    ({"activation": "tanh", "depth": 10, "width": 100, "init": "lecun", "gain": 1.5,
      "bias_std": 0.3},
     (0.85015092936961, -0.039637167331667944, 0.0, -0.9490790745885699, 0.014052035498233972,
      1.0608578350195499, 0.9608442797404364, 1.06098126414092, 1.1674993327475358,
      19.916297253180975, 0.7667532967749151, 0.9510295576537827)),
    ({"activation": "sigmoid", "depth": 30, "width": 256, "init": "lecun"},
     (0.0, -1.3292077547264411, 0.5, -4.220801028789966, -86.85077226345467, 0.0557207067697018,
      0.2646868751818925, 0.0557207067697018, 0.3327044847161553, 0.34633192719918754, 1.0,
      0.0557207067697018)),
    ({"activation": "gelu", "widths": "784, 256x4, 10", "init": "he", "gain": 1.3,
      "bias_std": 0.3},
     (1.2441545939587677, 3.29556099763872, 2.035320329647655, 2.232087830742689,
      -1.6496351430796816, 0.067238290815354, None, None, None, None, None, None)),
    ({"activation": "relu", "depth": 10, "width": 100, "init": "he", "gain": 0.8,
      "bias_std": 0.1},
     (0.25464221837358075, -2.9854661134432456, 0.08966528564225126, -4.061793396971697,
      -4.462871026284195, 0.64, 0.027777777777777794, 0.64, 2.240710058862275,
      2.240710058862275, 1.0, 0.64)),
    ({"activation": "softplus", "depth": 1000, "width": 128, "init": "lecun", "gain": 0.5},
     (-1.3862943611198906, -2.0065791762983762, 0.709682548893718, -3.3772291933670804,
      -2741.5051991078117, 0.06447153753475621, 0.13444781116763405, 0.06447153753475621,
      0.44812883523143243, 0.364759633486144, 1.0, 0.06447153753475621)),
]


def test_batch_and_alone_agree_with_the_previous_implementation():
    configs = [SimConfig.from_dict(c) for c, _ in PREVIOUS]
    for th in (mean_fields(configs), [mean_field(c) for c in configs]):
        for t, (_, expected) in zip(th, PREVIOUS):
            got = (t.log_preact_var[1], t.log_preact_var[-1], t.forward_mean[-1],
                   t.log_forward_var[-1], t.log_backward_var[0], t.chi1[-1], t.q_star,
                   t.chi1_star, t.xi_q, t.xi_c, t.c_star, t.chi_c)
            for value, old in zip(got, expected):
                if old is None:
                    assert value is None
                else:
                    assert value == pytest.approx(old, rel=1e-10, abs=1e-12)


def test_mean_fields_group_like_networks_and_keep_the_order():
    configs = [SimConfig.from_dict({"activation": a, "depth": 5, "width": 16})
               for a in ("tanh", "relu", "tanh")]
    configs.append(SimConfig.from_dict({"activation": "tanh", "depth": 5, "width": 8}))
    configs.append(SimConfig.from_dict({"activation": "linear", "beta": 0.3, "depth": 5,
                                        "width": 16}))
    configs.append(SimConfig.from_dict({"activation": "linear", "beta": 0.2, "depth": 5,
                                        "width": 16}))
    together = mean_fields(configs)
    assert [t.depth for t in together] == [5] * 6
    for c, t in zip(configs, together):
        assert_same_theory(mean_field(c), t)
    assert together[5].forward_mean[1] == 0.2
    assert mean_fields([]) == []


def test_mean_fields_handle_extreme_depth_and_variances():
    """q runs through the Taylor series (vanishing), the quadrature and the huge-q limits."""
    for activation in ("tanh", "gelu", "softplus"):
        base = SimConfig.from_dict({"activation": activation, "depth": 300, "width": 32})
        configs = sweep_configs(base, "gain", sweep_values("gain", 1e-3, 1e6, 10))
        for c, together in zip(configs, mean_fields(configs)):
            assert_same_theory(mean_field(c), together)


def test_theory_sweep_and_sweep_carry_the_mean_field_of_each_value():
    base = SimConfig.from_dict({"activation": "tanh", "depth": 10, "width": 32})
    values = sweep_values("gain", 0.5, 2.0, 4)
    alone = [mean_field(c) for c in sweep_configs(base, "gain", values)]
    theory = theory_sweep(base, "gain", values)
    assert all(r.monte_carlo is None for r in theory.results)
    for result in (theory, sweep(base, "gain", values, samples=8)):
        for a, r in zip(alone, result.results):
            assert_same_theory(a, r.theory, rtol=1e-10)
        np.testing.assert_allclose(result.theory_forward,
                                   np.array([a.log10_forward_var for a in alone]), rtol=1e-10)
