"""engine.explain: the readout's words, from SimResult arrays (no Qt)."""

import math

import numpy as np
import pytest

from engine import SimConfig, explain, theory_result
from engine.result import Invalid


def _result(forward, backward, **changes):
    config = SimConfig.from_dict({"depth": len(forward) - 1, "width": 4})
    base = theory_result(config)
    fields = {**base.__dict__, "log10_forward_var": np.array(forward, float),
              "log10_backward_var": np.array(backward, float), "has_monte_carlo": True, **changes}
    return type(base)(**fields)


def test_trends_and_verdicts():
    r = _result([0, -1, -2, -3], [-0.3, -0.2, -0.1, 0])
    v = explain.verdict(r)
    assert v.forward.kind == "vanishing" and v.forward.decades_per_layer == pytest.approx(-1)
    assert v.backward.kind == "stable" and v.backward.total_decades == pytest.approx(-0.3)
    assert v.kind == "vanishing" and v.source == "Monte Carlo"
    assert "−1.000 decades/layer" in v.text and "(−3.0 over 3 layers)" in v.text
    r = _result([0, 2, 4], [-4, -2, 0])
    assert explain.verdict(r).kind == "forward exploding, backward vanishing"


def test_invalid_layers_decide_the_verdict():
    nan = math.nan
    r = _result([0, 30, nan, nan], [nan] * 4, forward_invalid=Invalid(2, "overflow"),
                backward_invalid=Invalid(3, "undefined: the forward pass overflowed at layer 2"))
    v = explain.verdict(r)
    assert v.forward.kind == "exploding" and "overflow at layer 2" in v.forward.text
    assert v.backward.kind == "undefined" and v.kind == "exploding"
    assert explain.invalid_text("forward", r.forward_invalid) == "forward overflow from t = 2"
    assert "undefined" in explain.invalid_text("backward", r.backward_invalid)


def test_exactly_zero_variance_is_vanishing():
    t = explain.trend(_result([0, -1, -math.inf, math.nan], [0, 0, 0, 0]), "forward")
    assert t.kind == "vanishing" and "exactly zero" in t.text


def test_theory_only_results_use_the_theory():
    v = explain.verdict(theory_result(SimConfig.from_dict({"activation": "relu", "init": "xavier",
                                                           "depth": 20, "width": 8})))
    assert v.source == "theory" and v.kind == "vanishing"
    assert v.forward.decades_per_layer == pytest.approx(math.log10(0.5), abs=0.01)


def test_factors_text():
    r = theory_result(SimConfig.from_dict({"activation": "identity", "init": "constant",
                                           "variance": 0.5, "depth": 3, "width": 4}))
    assert explain.factors_text(r).startswith("n_{t−1}γ_t = 2 at every layer")
    r = theory_result(SimConfig.from_dict({"widths": "8, 4, 4", "activation": "identity"}))
    assert "(t = 1) …" in explain.factors_text(r)


@pytest.mark.parametrize("values, needle", [
    ({"activation": "identity", "init": "constant"}, "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]"),
    ({"activation": "identity", "init": "xavier"}, "2/(n_{t−1} + n_t)"),
    ({"activation": "linear", "beta": 0.5}, "β = 0 and α = 1"),
    ({"activation": "sigmoid"}, "1/2 + x/4 − x³/48"),
    ({"activation": "tanh"}, "x − x³/3"),
    ({"activation": "sigmoid_scaled"}, "x − x³/12"),
    ({"activation": "relu"}, "He's γ_t = 2/n_{t−1}"),
    ({"activation": "leaky_relu", "negative_slope": 0.1}, "a = 0.1"),
    ({"activation": "gelu"}, "Poole et al. 2016"),
])
def test_lecture_formula(values, needle):
    assert needle in explain.lecture_formula(SimConfig.from_dict(values))


def test_every_control_has_help():
    config = SimConfig()
    for key in ("depth", "width", "widths", "activation", "alpha", "beta", "negative_slope",
                "init", "variance", "mode", "distribution", "gain", "bias_std", "batch", "seed",
                "trials"):
        assert explain.control_help(key, config)


def test_fmt():
    assert [explain.fmt(v) for v in (1.0, 0.5, 2.56, 1e-7, 3e5, math.nan, math.inf)] == \
        ["1", "0.5", "2.56", "1.00·10^-7", "3.00·10^5", "—", "∞"]


def test_short_config_text_names_what_is_not_default():
    text = explain.short_config_text(SimConfig.from_dict({"activation": "relu", "init": "he",
                                                          "depth": 20, "width": 32}))
    assert text == "relu · He · gain 1 · depth 20 · width 32"
    text = explain.short_config_text(SimConfig.from_dict(
        {"widths": "8, 4x2, 2", "init": "constant", "variance": 0.5, "distribution": "uniform",
         "bias_std": 0.1, "trials": 4}))
    assert text == ("tanh · γ = 0.5 uniform · gain 1 · bias std 0.1 · depth 3 · "
                    "widths 8, 4x2, 2 · 4 trials")


def test_power_of_ten_and_phase_words():
    assert [explain.power_of_ten(v) for v in (-1.75, 0.0, 2.5, -40.23, 5.0, math.nan)] == \
        ["0.0178", "1", "316", "10^{−40.2}", "10^{5.0}", "—"]
    assert explain.phase_name(-0.3).startswith("ordered")
    assert explain.phase_name(0.2).startswith("chaotic")
    assert explain.phase_name(0.001).startswith("critical")
    text = explain.phase_point_text(2.0, 0.05, math.log10(1.5), 12.0)
    assert "σ_w² = 2" in text and "χ₁ = 1.5 (chaotic" in text and "ξ_c = 12 layers" in text
    assert "ξ_c = ∞" in explain.phase_point_text(1.0, 0.0, 0.0, math.inf)
    assert "undefined" in explain.phase_point_text(1.0, 0.0, -0.3, math.nan)
    assert "gain 1.41" in explain.critical_gain_text(1.414, 0.25, 4)
    assert "outside the swept range" in explain.critical_gain_text(10.1, 0.25, 4)
    assert "never reached" in explain.critical_gain_text(math.nan, 0.25, 4)


def test_network_point_text_falls_back_to_the_last_layer():
    tanh = theory_result(SimConfig.from_dict({"depth": 5, "width": 16}))   # q* = 0: none finite
    assert "χ₁ (of layer 5, no finite q*)" in explain.network_point_text(1.0, 0.0, tanh)
    biased = theory_result(SimConfig.from_dict({"depth": 5, "width": 16, "bias_std": 0.3}))
    assert "χ₁ (at q*)" in explain.network_point_text(1.0, 0.09, biased)


def test_spectrum_text():
    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 20,
                                               "width": 32, "batch": 4}))
    lines = explain.spectrum_text(s)
    assert lines[0].startswith("32 singular values")
    assert "mean s² = " in lines[1] and "theory Π_t χ_t = 1" in lines[1]
    assert "Var[s²]/E[s²]²" in lines[2]
    assert s.below_floor and f"{s.below_floor} of 32 singular values" in lines[3]


def test_explain_imports_no_qt():
    import subprocess
    import sys

    code = "import sys, engine.explain; print(any(m.startswith('PySide') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"
