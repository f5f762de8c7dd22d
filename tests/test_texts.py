"""The readout's facts (engine.verdict) and their words (gui.texts, gui.help_texts,
gui.analysis_texts), from SimResults: no Qt (test_architecture checks that importing them
loads none)."""

import math

import numpy as np
import pytest

from engine import MonteCarlo, SimConfig, SimResult, mean_field, simulate
from engine.activations import make_activation
from engine.result import Invalid
from engine.verdict import trend, verdict
from gui import (analysis_texts, config_texts, factor_texts, help_texts, phase_texts,
                 spectrum_texts, stop_texts, texts, typeset, verdict_texts)


def _result(forward, backward, **changes):
    """A SimResult whose Monte Carlo has these per-layer log10 variances (and its theory)."""
    config = SimConfig.from_dict({"depth": len(forward) - 1, "width": 4})
    fwd, bwd = np.array(forward, float), np.array(backward, float)
    nan = np.full(fwd.shape, np.nan)
    mc = MonteCarlo(forward_mean=nan, log10_forward_var=fwd, log10_preact_var=nan,
                    log10_backward_var=bwd, trial_log10_forward_var=fwd[None],
                    trial_log10_backward_var=bwd[None], trial_forward_mean=nan[None], **changes)
    return SimResult(config, mc, mean_field(config))


def _theory_only(values):
    config = SimConfig.from_dict(values)
    return SimResult(config, theory=mean_field(config))


def test_trends_and_verdicts():
    r = _result([0, -1, -2, -3], [-0.3, -0.2, -0.1, 0])
    v = verdict(r)
    assert v.forward.kind == "vanishing" and v.forward.decades_per_layer == pytest.approx(-1)
    assert v.backward.kind == "stable" and v.backward.total_decades == pytest.approx(-0.3)
    assert v.kind == "vanishing" and v.source == "monte_carlo"   # the Monte Carlo wins
    text = verdict_texts.verdict_text(v)
    assert text.startswith("VANISHING — ") and text.endswith("(Monte Carlo)")
    assert "−1.000 decades/layer" in text and "(−3.0 over 3 layers)" in text
    r = _result([0, 2, 4], [-4, -2, 0])
    assert verdict(r).kind == "forward exploding, backward vanishing"


def test_invalid_layers_decide_the_verdict():
    nan = math.nan
    r = _result([0, 30, nan, nan], [nan] * 4, forward_invalid=Invalid(2, "overflow"),
                backward_invalid=Invalid(3, "undefined: the forward pass overflowed at layer 2"))
    v = verdict(r)
    assert v.forward.kind == "exploding" and v.forward.invalid == Invalid(2, "overflow")
    assert "overflow at layer 2" in verdict_texts.trend_text(v.forward)
    assert v.backward.kind == "undefined" and v.kind == "exploding"
    assert "the forward pass overflowed at layer 2" in verdict_texts.trend_text(v.backward)
    mc = r.monte_carlo
    assert stop_texts.invalid_text("forward", mc.forward_invalid) == "forward overflow from t = 2"
    assert "undefined" in stop_texts.invalid_text("backward", mc.backward_invalid)


def test_exactly_zero_variance_is_vanishing():
    t = trend(_result([0, -1, -math.inf, math.nan], [0, 0, 0, 0]), "forward")
    assert t.kind == "vanishing" and t.total_decades == -math.inf
    assert "exactly zero" in verdict_texts.trend_text(t)


def test_theory_only_results_use_the_theory():
    v = verdict(_theory_only({"activation": "relu", "init": "xavier", "depth": 20, "width": 8}))
    assert v.source == "theory" and v.kind == "vanishing"
    assert v.forward.decades_per_layer == pytest.approx(math.log10(0.5), abs=0.01)
    assert verdict_texts.verdict_text(v).endswith("(theory)")


def test_factors_text():
    r = _theory_only({"activation": "identity", "init": "constant", "variance": 0.5,
                      "depth": 3, "width": 4})
    assert factor_texts.factors_text(r).startswith("n_{t−1}γ_t = 2 at every layer")
    r = _theory_only({"widths": "8, 4, 4", "activation": "identity"})
    assert "n_tγ_t = 0.667 (t = 1) … 1 (t = 2)" in factor_texts.factors_text(r)   # 2 layers
    # a tour: the ends alone read "0.492 … 0.0752" for Xavier's 784, 256x49, 10, whose other
    # 48 layers have n_tγ_t = 1, and "1 … 1" for widths that halve every 7 layers
    r = _theory_only({"widths": "784, 256x49, 10", "activation": "identity"})
    assert "n_tγ_t = 1 at 48 of 50 layers, 0.492 at t = 1, 0.0752 at t = 50" \
        in factor_texts.factors_text(r)
    r = _theory_only({"widths": "1024x8, 512x7, 256x7, 128x7, 64x7, 32x7, 16x8",
                      "activation": "identity", "init": "lecun"})
    assert "n_tγ_t = 1 at 44 of 50 layers, 0.5 at 6 layers" in factor_texts.factors_text(r)
    # several layers of one value: "t = 2 and 3", not "t = 2, 3, 1.31" (an audit)
    r = _theory_only({"widths": [784, 512, 256, 128, 10], "activation": "relu", "init": "he"})
    assert "n_tγ_t = 1 at t = 2 and 3, 1.31 at t = 1, 0.156 at t = 4" in \
        factor_texts.factors_text(r)
    r = _theory_only({"activation": "tanh", "depth": 20, "width": 64, "gain": 1.5})
    chi = factor_texts.factors_text(r).split("χ₁ = n_tγ_t E[σ'(h')²] = ")[1]
    assert chi.startswith("0.747 (t = 1) … 1.14 (t = 20)")   # a value a layer: the ends
    # the ends to one precision: "0.464 (t = 1) … 0.98 (t = 50)" read as two (a tour)
    chi = factor_texts.factors_text(_theory_only({})).split("χ₁ = n_tγ_t E[σ'(h')²] = ")[1]
    assert chi.startswith("0.464 (t = 1) … 0.980 (t = 50)")
    r = _theory_only({"widths": "16, 256x3, 10", "activation": "identity", "init": "constant",
                      "variance": 0.9799 / 256})   # (and where values are counted: a review)
    assert "n_tγ_t = 0.980 at t = 1, 2 and 3, 0.0383 at t = 4" in factor_texts.factors_text(r)
    r = _theory_only({"widths": "16, 16, 16, 49, 49, 49", "init": "lecun"})   # 49 · (1/49)
    assert "n_tγ_t = 1 at 4 of 5 layers, 3.06 at t = 3" in factor_texts.factors_text(r)
    # a tour: "1.00·10⁻⁴ at 48 of 50 layers, 1.00·10⁻⁴ at t = 1, 1.00·10⁻⁴ at t = 2"; values
    # that read the same are one
    r = _theory_only({"activation": "tanh", "gain": 0.01})
    chi = factor_texts.factors_text(r).split("χ₁ = n_tγ_t E[σ'(h')²] = ")[1]
    assert len(set(r.theory.chi1[1:].round(12))) > 1     # they differ beyond what is shown
    assert chi.startswith("1.00·10⁻⁴ at every layer")
    # "in between" is of the layers in between (a tour: it named an end's 0.066 as its low)
    r = _theory_only({"widths": "10, 20x3, 1", "activation": "tanh"})
    chi = factor_texts.factors_text(r).split("χ₁ = n_tγ_t E[σ'(h')²] = ")[1].split(";")[0]
    inner = r.theory.chi1[2:-1]
    assert chi.endswith(f"from {texts.fmt(inner.min())} to {texts.fmt(inner.max())} in between")


@pytest.mark.parametrize("values, needle", [
    ({"activation": "identity", "init": "constant"}, "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]"),
    ({"activation": "identity", "init": "xavier"}, "2/(n_{t−1} + n_t)"),
    ({"activation": "linear", "alpha": 0.5, "beta": 0.5}, "β = 0 and α = 1"),
    # α = 1: the growth is additive, not by a factor (a lecturer's tour)
    ({"activation": "linear", "beta": 0.5}, "grows by β² = 0.25 a layer, Var[h^t] = 1 + (t − 1)β²"),
    ({"activation": "sigmoid"}, "1/2 + x/4 − x³/48"),
    ({"activation": "tanh"}, "x − x³/3"),
    ({"activation": "sigmoid_scaled"}, "x − x³/12"),
    ({"activation": "relu"}, "He's γ_t = 2/n_{t−1}"),
    ({"activation": "relu", "init": "he", "mode": "fan_out"}, "2/n_t (fan_out) the gradient's"),
    ({"activation": "leaky_relu", "negative_slope": 0.1}, "a = 0.1"),
    ({"activation": "gelu"}, "Poole et al. 2016"),
    ({"activation": "tanh", "init": "zeros", "bias_std": 0.1}, "h^t = σ(b^t), the same for"),
    ({"activation": "tanh", "init": "zeros"}, "W^t = 0 and no bias: h^t = σ(0)"),
])
def test_lecture_formula(values, needle):
    assert needle in help_texts.lecture_formula(SimConfig.from_dict(values))


def test_lecture_taylor_texts():
    assert help_texts.taylor_text(make_activation("sigmoid")) == "1/2 + x/4 − x³/48"
    assert help_texts.taylor_text(make_activation("tanh")) == "x − x³/3"
    assert help_texts.taylor_text(make_activation("sigmoid_scaled")) == "x − x³/12"
    assert help_texts.taylor_text(make_activation("relu")) == "x for x ≥ 0, 0 for x < 0"


def test_every_control_has_help():
    config = SimConfig()
    for key in ("depth", "width", "widths", "activation", "alpha", "beta", "negative_slope",
                "init", "variance", "mode", "distribution", "gain", "bias_std", "batch", "seed",
                "trials"):
        assert help_texts.control_help(key, config)


def test_fmt_writes_thousands_as_whole_numbers():
    """Numbers 1000 … 9999 print as the rest of the app prints them (no "1.8e+03")."""
    assert [texts.fmt(v) for v in (1800.0, 1234.4, -2500.0, 999.7, 9999.4, 9999.7, 1e4)] == \
        ["1800", "1234", "-2500", "1000", "9999", "10⁴", "10⁴"]


def test_fmt():
    """Without trailing zeros, as a decimal ("0.5"): gain 10⁶'s readout said "gain² =
    1.00·10¹²" (a tour)."""
    assert [texts.fmt(v) for v in (1e12, 2.5e-5, -1e6, 1.2345e-9)] == \
        ["10¹²", "2.5·10⁻⁵", "-10⁶", "1.23·10⁻⁹"]
    assert [texts.fmt(v) for v in (1.0, 0.5, 2.56, 1e-7, 3e5, math.nan, math.inf)] == \
        ["1", "0.5", "2.56", "10⁻⁷", "3·10⁵", "—", "∞"]


def test_fmt_keeps_the_zeros_of_a_rounded_number_when_asked():
    """Beside 0.464, χ₁ = 0.97996 reads "0.980", not "0.98"; exact numbers stay as they are."""
    assert [texts.fmt(v, zeros=True) for v in (0.97996, 0.0039012, 0.999999, 1.0, 0.05, 0.0,
                                               -0.1004, 1e-7, 1800.0, 49 * (1 / 49),
                                               2.5e-5, 1.0004e-4, -1e6)] == \
        ["0.980", "0.00390", "1.00", "1", "0.05", "0", "-0.100", "1.00·10⁻⁷", "1800", "1",
         "2.50·10⁻⁵", "1.00·10⁻⁴", "-1.00·10⁶"]


def test_signed_numbers_beyond_float_are_written_as_fmt_writes_them():
    """A tour: Python's "−inf" and "+nan" beside fmt's "−∞" and "—"."""
    for write in (lambda v: texts.signed(v, 2), texts.signed_rate, texts.signed_small):
        assert [write(v) for v in (math.inf, -math.inf, math.nan, -0.04)] == \
            ["+∞", "−∞", "—", "−0.04" if write is not texts.signed_rate else "−0.040"]


def test_the_lectures_fix_is_named_as_the_lecture_writes_it():
    config = SimConfig.from_dict({"activation": "sigmoid_scaled"})
    assert config_texts.config_text(config).startswith("4·sigmoid(x) − 2 · ")
    assert config_texts.short_config_text(config).startswith("4·sigmoid(x) − 2 · ")


def test_short_config_text_names_what_is_not_default():
    text = config_texts.short_config_text(SimConfig.from_dict({"activation": "relu", "init": "he",
                                                        "depth": 20, "width": 32}))
    assert text == "relu · He · gain 1 · depth 20 · width 32"
    text = config_texts.short_config_text(SimConfig.from_dict(
        {"widths": "8, 4x2, 2", "init": "constant", "variance": 0.5, "distribution": "uniform",
         "bias_std": 0.1, "trials": 4}))
    assert text == ("tanh · γ = 0.5 uniform · gain 1 · bias std 0.1 · depth 3 · "
                    "widths 8, 4x2, 2 · 4 trials")
    # zero weights have no distribution to name (a teacher's tour: "sigmoid · zeros normal")
    zeros = SimConfig.from_dict({"activation": "sigmoid", "init": "zeros",
                                 "distribution": "uniform"})
    assert config_texts.short_config_text(zeros).startswith("sigmoid · zeros · gain 1 ·")
    assert config_texts.config_text(zeros).startswith("sigmoid · zeros · gain 1 ·")


def test_power_of_ten_and_phase_words():
    assert [texts.power_of_ten(v) for v in (-1.75, 0.0, 2.5, -40.23, 5.0, math.nan)] == \
        ["0.0178", "1", "316", "10^{−40.2}", "10^{5}", "—"]
    assert [texts.power_of_ten(v) for v in (-4.04, -3.9999996, -4.0004)] == \
        ["10^{−4.0}", "10^{−4}", "10^{−4}"]
    assert texts.fmt_log10(348.0) == "10³⁴⁸" and texts.fmt_log10(885.7) == "5.01·10⁸⁸⁵"
    assert texts.fmt_log10(-602.26) == "5.5·10⁻⁶⁰³"
    assert phase_texts.phase_name(-0.3).startswith("ordered")
    assert phase_texts.phase_name(0.2).startswith("chaotic")
    assert phase_texts.phase_name(0.001).startswith("critical")
    text = phase_texts.phase_point_text(2.0, 0.05, math.log10(1.5), 12.0)
    assert "σ_w² = 2" in text and "χ₁ = 1.5 (chaotic" in text and "ξ_c = 12 layers" in text
    assert "ξ_c = ∞" in phase_texts.phase_point_text(1.0, 0.0, 0.0, math.inf)
    assert "undefined" in phase_texts.phase_point_text(1.0, 0.0, -0.3, math.nan)
    assert "gain 1.41" in analysis_texts.critical_gain_text(1.414, 0.25, 4)
    assert "outside the swept range" in analysis_texts.critical_gain_text(10.1, 0.25, 4)
    assert analysis_texts.critical_gain_text(math.nan, 0.25, 4).startswith(
        "No critical gain: at no gain")
    assert analysis_texts.critical_gain_text(math.nan, 0.25, 4, 1).startswith(
        "No critical gain up to 10⁶, the largest gain the app takes")
    assert analysis_texts.critical_gain_text(math.nan, 0.25, 4, -1).startswith(
        "No critical gain down to 10⁻⁶, the smallest gain the app takes")
    assert "Jacobian" in analysis_texts.critical_gain_definition()


def test_network_point_text_says_where_chi1_is_taken():
    """Issue: the ★ of tanh + Xavier (σ_w² = 1, σ_b = 0) said "χ₁ (of layer 50, no finite
    q*) = 0.98 (ordered)" while it sat on the diagram's χ₁ = 1 line: q* = 0 is the fixed
    point, where χ₁ = 1."""
    from engine.phase import network_point

    def text(**values):
        return phase_texts.network_point_text(network_point(SimConfig(**values)))

    assert "χ₁ (as q → 0) = 1 (critical: the edge of chaos)" in text()
    assert "no fixed point q* > 0" in text()
    # … and why the Network tab still says "vanishing slowly" (a student's tour)
    assert "only in the limit q → 0, which q_t approaches slowly" in text()
    assert "χ₁ takes this value only" in text(gain=0.995)   # 0.99, critical: not "= 1"
    assert "only in the limit" not in text(activation="relu", init="he")
    assert "χ₁ (at q*) = " in text(bias_std=0.3) and "ξ_c = " in text(bias_std=0.3)
    assert "χ₁ (the same at every q) = 1 (critical" in text(activation="relu", init="he")
    # relu-like σ: every q is a fixed point at He (a researcher's tour: "ξ_c undefined (no
    # fixed point q* > 0)" beside q_t constant); no depth scale, said as such
    relu = phase_texts.network_point_text(network_point(SimConfig(activation="relu",
                                                                  init="he")), "exploding")
    assert "no depth scale ξ_c: without a bias (or as q → ∞) the correlation map is the same " \
        "at every q" in relu and "no fixed point" not in relu
    # … for a positively homogeneous σ only (a review: gelu's ★, on a diagram whose χ₁ > 1
    # side has no q*, had read it too)
    gelu = phase_texts.network_point_text(network_point(SimConfig(activation="gelu")),
                                          "exploding")
    assert "no depth scale" not in gelu and "ξ_c undefined (no fixed point q* > 0)" in gelu
    assert "no depth scale" in phase_texts.phase_point_text(3.0, 0.0, 0.2, math.nan, True)
    assert "χ₁ (as q → ∞) = " in text(activation="elu", gain=2.0)
    assert "hidden widths differ" not in text(widths=(784, 256, 256, 256, 10))
    assert "n_tγ_t E[σ'²]" in text(widths=(784, 256, 128, 64, 10))
    # Xavier's σ_w² differs where a layer narrows or widens (a tour: 1.6, 0.667, 1.6 read
    # "chaotic" at their median, the gradient vanishing)
    mixed = text(widths=(256, 512, 128, 256, 64, 10))
    assert "σ_w² = n_{t−1}γ_t differ, from 0.667 to 1.6: the ★ is at their median" in mixed
    assert "differ, from" not in text(widths=(784, 256, 256, 256, 10))
    assert "differ, from" not in text()
    assert "hidden layers: σ_w²" in text()
    # one or two layers have no layer between two hidden ones (a tour: depth 1 read "this
    # network's hidden layers"): the ★ is of its layers
    for widths in ((256, 256), (784, 256, 10)):
        assert text(widths=widths).startswith("★ this network's layers: σ_w²")
    two = text(widths=(784, 256, 10))
    assert "The layers' σ_w² = n_{t−1}γ_t differ, from 1.51 to 1.92: the ★" in two
    assert "The widths differ: the diagram is of equal widths" in two
    assert "The hidden widths differ: the diagram" in text(widths=(784, 256, 128, 64, 10))
    # the other views named by what they show: an exported figure has no tabs (a researcher's
    # tour: "the Network tab's verdict" under a paper's figure)
    for said in (mixed, text()):
        assert "tab" not in said and "gain sweep" in said and "variance profile" in said
    # sentences end with a full stop, the point's line alone as a label (a tour: the last of
    # several had none)
    assert text().endswith("every layer counted.") and mixed.endswith("(the readout's χ₁).")
    alone = text(bias_std=0.3)
    assert ". " not in alone and alone.endswith("layers") and not alone.endswith(".")


def test_spectrum_text():
    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 20,
                                               "width": 32, "batch": 4}))
    lines = spectrum_texts.spectrum_text(s)
    assert lines[0] == ("32 singular values s of J = ∂h^L/∂h^0 at one input (relu · He (fan_in) "
                        "normal · gain 1 · bias std 0 · depth 20 · width 32 · seed 0)")
    # the distribution is named where it is not the default: an orthogonal network's caption
    # had read as the Gaussian one's, "(50 layers, tanh, gain 1)" (a teacher's tour)
    orthogonal = jacobian_spectrum(SimConfig.from_dict({"distribution": "orthogonal",
                                                        "depth": 4, "width": 8, "batch": 4}))
    assert "(tanh · Xavier orthogonal · gain 1 · bias std 0 · depth 4 · width 8 · seed 0)" in \
        spectrum_texts.spectrum_text(orthogonal)[0]
    assert "mean s² = " in lines[1] and "theory Π_t χ_t = 1" in lines[1]
    # relu under He, equal widths: Σ_t E[σ'⁴]/E[σ'²]² = 2 per layer
    assert "Var[s²]/E[s²]² = " in lines[2] and "theory 40 (free probability" in lines[2]
    assert s.below_floor and f"{s.below_floor} of 32 singular values" in lines[3]


def test_a_spectrum_far_from_its_theory_says_why():
    """A tour: at width 1 the Spectrum tab read "−36 decades apart" from the theory without a
    word (the Network tab explains such a gap), and Var[s²]/E[s²]² = 0 "for dynamical
    isometry" of its single singular value."""
    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"width": 1, "batch": 4}))
    lines = spectrum_texts.spectrum_text(s)
    assert "decades apart: finite width" in lines[1]
    assert "one singular value: nothing to spread" in lines[2]


def test_a_spread_beyond_what_the_values_can_spread_says_why():
    """A review: depth 50 at width 16, the theory's 51 beside 14 for the network, where 16
    values spread at most 15."""
    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"width": 16, "batch": 4}))
    line = spectrum_texts.spectrum_text(s)[2]
    assert s.eig_normalized_var <= 15 < s.theory_eig_normalized_var
    assert "beyond the 15 that 16 values can spread at most" in line
    wide = jacobian_spectrum(SimConfig.from_dict({"width": 64, "depth": 8, "batch": 4}))
    assert "0 for dynamical isometry" in spectrum_texts.spectrum_text(wide)[2]


def test_a_spectrums_gap_has_the_digits_of_the_values_beside_it():
    """A tour: "10^{18.5} … 10^{18.7} (−0.27 decades apart)": two powers written to a tenth
    and their gap to a hundredth did not add up."""
    import dataclasses
    import re

    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"width": 32, "depth": 10, "batch": 4}))
    far = dataclasses.replace(s, log10_mean_sq=18.45, theory_log10_mean_sq=18.72)
    line = spectrum_texts.spectrum_text(far)[1]
    assert "10^{18.4}" in line or "10^{18.5}" in line
    assert "(−0.3 decades apart)" in line
    near = dataclasses.replace(s, log10_mean_sq=0.12, theory_log10_mean_sq=0.39)
    assert re.search(r"\(−0\.27 decades apart\)", spectrum_texts.spectrum_text(near)[1])
    # a gap within rounding (an orthogonal identity net's −5·10⁻¹⁰) has no sign (a tour)
    same = dataclasses.replace(s, log10_mean_sq=0.1 - 5e-10, theory_log10_mean_sq=0.1)
    assert "(0.0 decades apart)" in spectrum_texts.spectrum_text(same)[1]
    small = dataclasses.replace(s, log10_mean_sq=0.1 - 0.004, theory_log10_mean_sq=0.1)
    assert "(−0.004 decades apart)" in spectrum_texts.spectrum_text(small)[1]


def test_a_jacobian_lost_to_saturation_is_an_underflow_not_an_exact_zero():
    """A tour: tanh at gain 10⁶ read "256 singular values … no spectrum: the Jacobian vanished
    exactly at layer 1": σ' underflows in float64 (relu's units all off are exact zeros)."""
    from engine.spectrum import jacobian_spectrum

    lines = spectrum_texts.spectrum_text(jacobian_spectrum(SimConfig.from_dict({"gain": 1e6})))
    assert "singular values" not in lines[0]
    assert lines[1].startswith("no spectrum: the Jacobian underflowed at layer 1: σ' is 0")
    relu = jacobian_spectrum(SimConfig.from_dict({"activation": "relu", "init": "he",
                                                  "widths": "2x200"}))
    assert relu.invalid.startswith("the Jacobian vanished exactly at layer")


def test_the_factors_say_that_the_gain_is_in_gamma():
    """Issue: with constant γ = 0.01 and gain 4 the readout showed n·γ = 41 without saying
    that the gain multiplies γ by gain²."""
    config = SimConfig.from_dict({"init": "constant", "variance": 0.01, "gain": 4.0,
                                  "depth": 3, "width": 256})
    shown = factor_texts.factors_text(simulate(config))
    assert "41" in shown and "gain² = 16" in shown
    assert "gain²" not in factor_texts.factors_text(simulate(config.with_values(gain=1.0)))


def test_the_sigmoid_line_does_not_blame_one_rule():
    """Issue: sigmoid + He said "Xavier's assumptions fail"."""
    for init in ("he", "xavier", "lecun"):
        config = SimConfig.from_dict({"activation": "sigmoid", "init": init})
        line = help_texts.lecture_formula(config)
        assert "Xavier's" not in line and "σ'(0) = 1/4" in line


@pytest.mark.parametrize("source, shown", [
    ("n_{t−1}γ = n_tγ_t", "nₜ₋₁γ = nₜγₜ"),
    ("Var[h^t], x^{2}, h^{t−1}", "Var[hᵗ], x², hᵗ⁻¹"),
    ("σ_w², fan_in, n_{in}", "σ_w², fan_in, nᵢₙ"),   # no subscript w: as it is; a word stays
    ("E[σ'(h')²] ≤ 1/16", "E[σ'(h')²] ≤ 1/16"),
    ("J = ∂h^{L}/∂h^{0}, W^T", "J = ∂hᴸ/∂h⁰, Wᵀ"),   # (the spectrum's title read "h^{L}")
])
def test_plain_typesets_what_unicode_can(source, shown):
    assert typeset.plain(source) == shown


def test_the_setting_line_names_the_draws_where_there_are_several():
    """The profile said "median of 8 draws"; the readout's setting line did not say trials."""
    assert "draws" not in config_texts.config_text(SimConfig())
    assert " · batch 512 · 8 draws · seed 0" in config_texts.config_text(SimConfig.from_dict({"trials": 8}))



def test_a_trend_that_ends_in_dead_units_says_its_rate_then_where_they_died():
    from engine.result import Invalid
    from engine.verdict import Trend

    died = Invalid(65, "exactly zero variance")
    assert verdict_texts.trend_text(Trend("forward", "exploding", 110.15, 64, died)) == (
        "forward: exploding, +1.721 decades/layer (+110 over 64 layers), then exactly zero "
        "variance at layer 65")
    # a slight rise before they died: the kind is the death's, and no rate contradicts it
    assert verdict_texts.trend_text(Trend("forward", "vanishing", 0.43, 18, Invalid(19, died.reason))) \
        == "forward: vanishing (exactly zero variance at layer 19)"
    # dead at once: nothing to measure a rate on
    assert verdict_texts.trend_text(Trend("backward", "vanishing", 0.0, 0, Invalid(99, died.reason))) \
        == "backward: vanishing (exactly zero variance at layer 99)"


def test_a_slope_too_small_for_three_decimals_keeps_its_digits():
    """A tour: depth 10 000 read "−0.000 decades/layer (−4.3 over 10000 layers)"."""
    from gui.texts import signed_rate

    assert signed_rate(-4.3e-4) == "−4.3·10⁻⁴" and signed_rate(2e-5) == "+2·10⁻⁵"
    assert signed_rate(-0.0304) == "−0.030" and signed_rate(0.0) == "+0.000"


def test_a_signal_that_lost_its_input_is_said_as_such():
    """Zero weights with biases: the forward trend says where the input is lost, no rate."""
    from engine.verdict import Trend

    assert verdict_texts.trend_text(Trend("forward", "vanishing", None, 1, input_lost=1)) == (
        "forward: vanishing (the input is lost at layer 1: every unit holds one value for "
        "every input)")


def test_a_layer_of_one_value_is_said_as_such():
    """Width 1 over a batch of 1: the trend before it, then why the layer has no variance."""
    from engine.verdict import Trend

    one = Invalid(4, "one value")
    assert verdict_texts.trend_text(Trend("forward", "stable", -0.7, 3, one)) == (
        "forward: stable, −0.233 decades/layer (−0.7 over 3 layers); one value at layer 4, "
        "width 1 × batch 1, has no variance")
    assert verdict_texts.trend_text(Trend("backward", "undefined", None, 0, Invalid(0, "one value"))) \
        == "backward: undefined (one value at layer 0, width 1 × batch 1, has no variance)"
    assert stop_texts.invalid_forms("forward", one) == ("forward one value at t = 4",
                                                   "one value at t = 4", "t = 4")


def test_a_labels_first_line_has_room_for_a_superscript(qapp):
    """The phase diagram's "χ₁ (at q*) = 10^{5.7}" lost the tops of its digits: a QLabel
    cuts a superscript on its first line at the line's top. `rich_label` gives it the room;
    text without a superscript is left as `rich` makes it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from gui.typeset import rich, rich_label

    assert rich_label("n_{t−1}γ_t") == rich("n_{t−1}γ_t")

    def top_ink_row(html):
        label = QLabel(textFormat=Qt.RichText)
        label.setText(html)
        label.resize(label.sizeHint())
        image = label.grab().toImage()
        background = image.pixel(image.width() - 1, image.height() - 1)
        return next(y for y in range(image.height())
                    if any(image.pixel(x, y) != background for x in range(image.width())))

    assert top_ink_row(rich_label("10^{5.7}")) > 0   # whole (`rich` alone: row 0, cut, here)


def test_a_settings_numbers_are_written_as_the_texts_write_them():
    """A teacher's tour: the Setting row read "gain 1e+06" beside 10⁶ everywhere else."""
    from gui.config_texts import config_text, setting_number

    assert [setting_number(v) for v in (1e6, 2.5e-5, 1.0, 0.01)] == ["10⁶", "2.5·10⁻⁵", "1",
                                                                      "0.01"]
    text = config_text(SimConfig(gain=1e6, bias_std=1e-5))
    assert "gain 10⁶" in text and "bias std 10⁻⁵" in text and "e+" not in text


def test_a_change_made_in_the_first_layers_is_said_so_not_as_a_rate():
    """A teacher: sigmoid's forward variance read "vanishing slowly, −0.035 decades/layer
    (−1.8 over 50 layers)", though it falls by layer 2 and then holds."""
    result = simulate(SimConfig.from_dict({"activation": "sigmoid", "batch": 128}))
    forward, backward = trend(result, "forward"), trend(result, "backward")
    assert forward.kind == "vanishing" and forward.settled_in == 2
    assert verdict_texts.trend_text(forward) == "forward: vanishing, −1.8 decades within its first 2 " \
                                        "layers, then level (50 layers)"
    assert backward.settled_in is None   # σ' ≤ 1/4 at every layer: a steady rate
    assert "decades/layer" in verdict_texts.trend_text(backward)
    # tanh's 1/(2t) decays all along: a rate
    assert trend(simulate(SimConfig.from_dict({"batch": 128})), "forward").settled_in is None
    # the lesson's check says it as the readout does (a re-review: it said the rate)
    from gui.lesson import TrendCheck

    _, words = TrendCheck("forward", ("vanishing",)).evaluate(result.config, verdict(result))
    assert words.startswith("forward now −1.8 decades within its first 2 layers, then level")
    # a rise of 30 decades, then a slow fall of 3: not level (the slack is capped); ±∞: none
    from engine.verdict import settled_in

    assert settled_in([0.0, *np.linspace(30.0, 27.0, 24)], 27.0) is None
    assert settled_in([0.0, 30.0] + [30.0] * 20, 30.0) == 1
    assert settled_in([0.0, -math.inf], -math.inf) is None


def test_a_small_total_is_written_to_its_first_digit():
    """A tour: tanh at gain 10 read "stable, −0.001 decades/layer (−0.0 over 50 layers)"."""
    from engine.verdict import Trend

    assert verdict_texts.trend_text(Trend("forward", "stable", -0.04, 50)).endswith(
        "(−0.04 over 50 layers)")
    assert verdict_texts.trend_text(Trend("forward", "stable", 0.004, 50)).endswith(
        "(+0.004 over 50 layers)")
    assert verdict_texts.trend_text(Trend("forward", "vanishing", -1.83, 50)).endswith(
        "(−1.8 over 50 layers)")
    # below three decimals "0.0", no sign: "+0.000" would claim a precision (a review), and
    # "−0.0" read as a change (a review)
    assert verdict_texts.trend_text(Trend("forward", "stable", 1e-5, 50)).endswith(
        "(0.0 over 50 layers)")
    assert verdict_texts.trend_text(Trend("forward", "stable", -4e-4, 50)).endswith(
        "(0.0 over 50 layers)")


def test_the_activation_caption_says_whether_sigmas_first_order_is_y_equals_x():
    from engine.activation_curves import activation_curves
    from gui.activation_texts import caption_text

    def caption(**settings):
        return caption_text(activation_curves(SimConfig.from_dict(settings), 1.0), 5, "")

    assert "(σ(0) = 0, σ′(0) = 1), and σ's first order is it." in caption(activation="tanh")
    assert "and σ's first order is it" in caption(activation="sigmoid_scaled")
    assert "first order is not it: σ(0) = 0, σ′(0⁺) = 1, σ′(0⁻) = 0." in caption(activation="relu")
    # how much of the layer y = x itself holds for (relu: x ≥ 0 only)
    assert "y = x itself is within 10 % of σ for 50.0 % of the pre-activations." in \
        caption(activation="relu")
    assert "y = x itself" not in caption(activation="tanh")   # (its band says it)
    # (a review: 0.9999 read as 1, and an ASCII minus)
    assert "σ(0) = −0.5, σ′(0) = 0.9999." in caption(activation="linear", alpha=0.9999, beta=-0.5)
    assert "first order is not it: σ(0) = 0.693, σ′(0) = 0.5." in caption(activation="softplus")
    assert "first order is not it: σ(0) = 0.5, σ′(0) = 1." in \
        caption(activation="linear", beta=0.5)


def test_a_pyramid_under_he_vanishes_per_unit_and_says_its_norm_is_kept():
    """A practitioner's tour: 784, 512, 256, 128, 10 under He read "VANISHING" with no word
    that the gradient's squared norm n·Var crosses it unchanged (n_t γ_t = 1 is per unit)."""
    config = SimConfig.from_dict({"widths": [784, 512, 256, 128, 10], "activation": "relu",
                                  "init": "he"})
    result = SimResult(config, theory=mean_field(config))
    backward = trend(result, "backward")
    assert backward.kind == "vanishing"
    # the per-unit change is the widths' ratio, 10/784, and the norm's change the rest
    assert backward.total_decades == pytest.approx(math.log10(10 / 784), abs=0.1)
    assert abs(backward.norm_decades) < 0.1 and backward.end_widths == (10, 784)
    assert backward.norm_kept
    text = verdict_texts.verdict_text(verdict(result))
    assert "squared norm n·Var changes only" in text and "the widths 10 → 784" in text
    # equal widths at the two ends: nothing to say
    even = trend(_theory_only({"widths": "256x5", "activation": "relu", "init": "he"}),
                 "backward")
    assert even.norm_decades is None and not even.norm_kept
    # the norm grows 8×, the widths 2 → 1 make a fourth of it: nothing said of a norm kept
    grown = verdict(_theory_only({"widths": [2, 64, 64, 64, 1], "activation": "linear",
                                  "init": "he"}))
    assert not (grown.forward.norm_kept or grown.backward.norm_kept)
    assert "norm" not in verdict_texts.verdict_text(grown)
    # Xavier on a linear net of equal widths: stable, and nothing said of norms either
    assert "norm" not in verdict_texts.verdict_text(verdict(_theory_only(
        {"widths": "256x5", "activation": "linear", "init": "xavier"})))


def test_the_spectrum_says_why_its_values_are_zero():
    """A review: 63 of 64 singular values of 64, 8, 64 (relu) are zero because the 8-unit
    layer lets 8 directions through, not because units are off; tanh's as well."""
    from engine.spectrum import jacobian_spectrum

    for activation in ("relu", "tanh"):
        spectrum = jacobian_spectrum(SimConfig.from_dict(
            {"widths": [64, 8, 64], "activation": activation, "batch": 8}))
        assert spectrum.below_floor >= 56
        text = spectrum_texts.spectrum_text(spectrum)[-1]
        assert "the narrowest layer, 8 units, lets at most 8 directions through J" in text
        if activation == "relu" and spectrum.below_floor > 56:   # both causes, each its share
            assert "56 zero as the narrowest" in text and "relu's units off" in text
    spectrum = jacobian_spectrum(SimConfig.from_dict(
        {"widths": "64x11", "activation": "leaky_relu", "negative_slope": 0, "init": "he"}))
    assert spectrum.below_floor
    assert "units off for this input" in spectrum_texts.spectrum_text(spectrum)[-1]


def test_one_value_below_the_floor_is_said_in_the_singular():
    """A teacher's tour: "1 of 256 singular values are below the float64 precision floor"."""
    import dataclasses

    from engine.spectrum import jacobian_spectrum

    spectrum = jacobian_spectrum(SimConfig.from_dict({"activation": "identity", "depth": 3,
                                                      "width": 16, "batch": 8}))
    for cause, words in ((None, "it cannot be told from zero"), ("relu", "which leaves it zero")):
        config = spectrum.config if cause is None else spectrum.config.with_values(
            activation="relu")
        one = dataclasses.replace(spectrum, config=config, below_floor=1)
        text = spectrum_texts.spectrum_text(one)[-1]
        assert text.startswith("1 of 16 singular values is below the float64") and words in text
    two = dataclasses.replace(spectrum, below_floor=2)
    assert "2 of 16 singular values are below" in spectrum_texts.spectrum_text(two)[-1]


def test_the_headline_says_slowly_only_for_a_slow_and_small_change():
    """A teacher's tour: the fix 4·sigmoid − 2 read a bare "VANISHING", sigmoid's word for a
    gradient 63 decades down; a review: "slowly" must not cover 35 decades over 799 layers."""
    def headline(values):
        config = SimConfig.from_dict({"width": 64, "batch": 64, **values})
        return verdict_texts.verdict_text(verdict(simulate(config))).split(" — ")[0]

    assert headline({"activation": "sigmoid_scaled"}) == "VANISHING SLOWLY"
    assert headline({"activation": "sigmoid"}) == "VANISHING"
    assert headline({"activation": "identity", "gain": 0.97, "depth": 799,
                     "width": 32}) == "VANISHING"
    # nor a pass's own words (a tour: "vanishing slowly … (−300 over 10000 layers)")
    from engine.verdict import Trend

    assert verdict_texts.trend_text(Trend("forward", "vanishing", -300.0, 10000)).startswith(
        "forward: vanishing, −0.030 decades/layer")
    assert verdict_texts.trend_text(Trend("forward", "vanishing", -1.5, 50)).startswith(
        "forward: vanishing slowly, −0.030 decades/layer")


def test_pins_of_other_affine_parameters_or_fans_are_named_apart():
    """A student's tour: the two affine presets, pinned, both read "affine · Xavier · gain 1",
    and a He fan_out pin beside a fan_in run read just "tanh · He"."""
    names = {config_texts.short_config_text(SimConfig.from_dict(values)) for values in (
        {"activation": "linear", "alpha": 1.0, "beta": 0.5},
        {"activation": "linear", "alpha": 1.2, "beta": 0.0},
        {"init": "he", "mode": "fan_out"}, {"init": "he", "mode": "fan_in"},
        {"activation": "leaky_relu", "negative_slope": 0.2},
        {"activation": "leaky_relu", "negative_slope": -0.5})}
    assert len(names) == 6
    assert "He (fan_out)" in config_texts.brief_config_text(
        SimConfig.from_dict({"init": "he", "mode": "fan_out"}))


def test_a_spectrums_gap_that_rounds_to_zero_keeps_its_first_digit():
    """A student's tour: "−0.0 decades apart" (a gap under 0.05 beside powers of ten written
    to a tenth); and a gain of 10⁶ as the window writes it, not 1e+06."""
    import dataclasses

    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"width": 32, "batch": 4, "depth": 4,
                                               "gain": 1e6, "activation": "identity"}))
    near = dataclasses.replace(s, log10_mean_sq=s.theory_log10_mean_sq - 0.04)
    lines = spectrum_texts.spectrum_text(near)
    assert "(−0.04 decades apart)" in lines[1] and "gain 10⁶" in lines[0]


def test_a_total_near_the_stable_bands_edge_is_not_written_as_the_edge():
    """A tour: +0.96 decades (stable) and +1.04 (exploding) both read "+1.0 over 50 layers";
    the band is |total| < 1 decade, so the digit that decides is written."""
    from engine.verdict import STABLE_DECADES, Trend

    assert STABLE_DECADES == 1.0
    stable = verdict_texts.trend_text(Trend("forward", "stable", 0.96, 50))
    exploding = verdict_texts.trend_text(Trend("backward", "exploding", 1.04, 50))
    vanishing = verdict_texts.trend_text(Trend("backward", "vanishing", -1.004, 50))
    assert "(+0.96 over 50 layers)" in stable, stable
    assert "(+1.04 over 50 layers)" in exploding, exploding
    assert "(−1.004 over 50 layers)" in vanishing, vanishing
    # away from the edge, as before: a tenth
    assert "(+2.3 over 50 layers)" in verdict_texts.trend_text(Trend("forward", "exploding", 2.34, 50))
    assert "(−0.4 over 50 layers)" in verdict_texts.trend_text(Trend("forward", "stable", -0.41, 50))


def test_leaky_relu_is_named_as_in_the_activation_list():
    """A review: the list said "leaky relu" and the setting line still "leaky_relu"."""
    text = config_texts.network_text(SimConfig.from_dict({"activation": "leaky_relu"}))
    assert text.startswith("leaky relu (slope 0.01) · Xavier normal"), text


def test_the_sweep_note_says_where_the_phase_diagrams_line_puts_the_critical_gain():
    """A teacher: with a bias the phase diagram's line was at gain 1.4, the sweep's critical
    gain 1.42, and nothing said why they differ (without a bias, 1 and 1.18)."""
    said = "The phase diagram's line χ₁ = 1 (endless depth) is at gain 1.4;"
    network = SimConfig.from_dict({"bias_std": 0.3})
    note = analysis_texts.sweep_note_text("Critical gain 1.42 (dashed)", network, 1.0,
                                          (0.25, 4.0), [2, 30], gains=(1.4166, 1.3956))
    assert said in note and "move the critical gain to 1.42." in note
    # its first and last layers named only where their widths are not the hidden ones' (a
    # researcher's tour: 256x51's change nothing)
    assert "its first and last layers" not in note
    for values, named in (({}, True), ({"init": "he"}, False), ({"init": "lecun"}, False)):
        ends = SimConfig.from_dict({"bias_std": 0.3, "widths": "784, 256x49, 10", **values})
        note = analysis_texts.sweep_note_text("Critical gain 1.42 (dashed)", ends, 1.0,
                                              (0.25, 4.0), [2, 30], gains=(1.4166, 1.3956))
        # (Xavier's σ_w² = 2n_{t−1}/(n_{t−1} + n_t) differs at the ends; fan_in's does not)
        assert ("its first and last layers and its input's transient" in note) == named
    for gains in ((1.0, 1.0), (1.4166, math.nan), None):
        assert "χ₁ = 1 (endless depth)" not in analysis_texts.sweep_note_text(
            "Critical gain 1.42 (dashed)", network, 1.0, (0.25, 4.0), [2, 30], gains=gains)


def test_the_sweep_note_says_where_unequal_widths_put_the_gradient_at_the_critical_gain():
    """A teacher: at 784, 256x49, 10's critical gain (1.15) the gradient's line sat at −1.9
    and crossed 0 only near 1.4, unexplained. The note says the squared norm is kept there,
    and the level per unit it gives, where a critical gain was found and the ends differ."""
    said = "the critical gain keeps the gradient's squared norm"
    pyramid = SimConfig.from_dict({"widths": "784, 256x49, 10"})
    note = analysis_texts.sweep_note_text("Critical gain 1.15 (dashed)", pyramid, 1.0,
                                          (0.25, 4.0), [10, 10], lines=True,
                                          gains=(1.15, 1.0))
    assert said in note and "reaches the input −1.9 decades from the output's level" in note
    assert said not in analysis_texts.sweep_note_text(   # "+0.0 decades" says nothing
        "Critical gain 1.18 (dashed)", SimConfig.from_dict({"widths": "100, 64x3, 101"}), 1.0,
        (0.25, 4.0), [10, 10], gains=(1.18, 1.0))
    assert said not in analysis_texts.sweep_note_text("No critical gain", pyramid, 1.0,
                                                      (0.25, 4.0), [10, 10])
    assert said not in analysis_texts.sweep_note_text("Critical gain 1.18 (dashed)",
                                                      SimConfig(), 1.0, (0.25, 4.0), [10, 10],
                                                      gains=(1.18, 1.0))


def test_a_chinese_name_beside_chinese_words_is_not_spaced():
    """A researcher's tour: "仿射 的相图" (the translation spaces a Latin name: "tanh 的相图")."""
    from gui.texts import han_joined

    assert han_joined("仿射 的相图：黑线为 χ₁ = 1。") == "仿射的相图：黑线为 χ₁ = 1。"
    assert han_joined("tanh 的相图") == "tanh 的相图"
    assert han_joined("Phase diagram of tanh: the line") == "Phase diagram of tanh: the line"


@pytest.mark.parametrize("said, words", [
    (lambda: texts.duration_text(40), "40\u00a0s"),
    (lambda: texts.duration_text(180), "3\u00a0min"),
    (lambda: texts.duration_text(5760), "1.6\u00a0h"),
    (lambda: texts.bytes_text(4.8e8), "480\u00a0MB"),
    (lambda: texts.bytes_text(3.22e9), "3.22\u00a0GB")])
def test_a_quantity_never_wraps_between_its_number_and_its_unit(said, words):
    """A tour: a wrapped status line left "3.0" at one line's end and "GB" at the next's."""
    assert said() == words


def test_a_chinese_quantity_never_wraps_between_its_number_and_its_unit(qapp):
    from gui import i18n

    i18n.install("zh_CN")
    try:
        assert (texts.duration_text(40), texts.bytes_text(3.22e9)) == ("40\u00a0秒", "3.22\u00a0GB")
    finally:
        i18n.install("en")


def test_the_chinese_per_layer_factors_list_with_a_chinese_comma(qapp):
    """A teacher's slide: "（100 层中有 98 层为此值）, 0.0448（t = 1）" had an ASCII comma."""
    from gui import i18n

    r = _theory_only({"widths": [784, 512, 256, 128, 10], "activation": "relu", "init": "he"})
    i18n.install("zh_CN")
    try:
        text = factor_texts.factors_text(r)
    finally:
        i18n.install("en")
    assert "1（t = 2 和 3）、1.31（t = 1）、0.156（t = 4）" in text and "）, " not in text
    assert "（各层相同）；n_tγ_t = 1（t = 2 和 3）" in text and ";" not in text   # (full-width)


def test_the_chinese_readout_puts_its_layers_and_fan_in_full_width_brackets(qapp):
    """A student's tour: "0.464 (t = 1) … 0.980 (t = 50)" and "He (fan_in) 正态" beside
    "0.0448（t = 1）": half-width brackets among full-width ones."""
    from gui import i18n

    r = _theory_only({"depth": 50, "width": 256})
    relu = SimConfig.from_dict({"activation": "relu", "init": "he", "mode": "fan_out"})
    i18n.install("zh_CN")
    try:
        text = factor_texts.factors_text(r)
        brief = config_texts.brief_config_text(relu)
    finally:
        i18n.install("en")
    assert "0.464（t = 1）… 0.980（t = 50）" in text and "(t =" not in text
    assert "He（fan_out）" in brief and "(fan" not in brief


def test_a_gain_in_a_note_is_written_as_the_settings_write_it():
    """A student's tour: the sweep's note read "current gain 1e+06" beside 10⁶ everywhere else;
    the phase diagram's click notes wrote "%g" too."""
    assert phase_texts.chosen_note(1e6, 2.5e-5) == \
        "Phase diagram: gain 10⁶, bias std 2.5·10⁻⁵"
    assert "clamped to 10⁶" in phase_texts.chosen_note(1e6, 0.0, (1e-6, 1e6))


def test_a_number_is_kept_whole():
    """Its digit groups and its per cent sign are never parted by a line break ("65" over
    "504", "10" over "%"); other spaces stay."""
    from gui.typeset import NBSP, kept_numbers

    assert kept_numbers("above 65 504: within 10 % of σ, 58.0 %") == \
        f"above 65{NBSP}504: within 10{NBSP}% of σ, 58.0{NBSP}%"
    assert kept_numbers("layer 12 345 6789 and 5 mice") == f"layer 12{NBSP}345 6789 and 5 mice"


def test_the_black_cells_key_names_both_causes_of_a_variance_of_exactly_0():
    """A tour: zero weights under sigmoid, no relu in the network, read "(e.g. relu units dead
    for the whole batch)"."""
    from gui.texts import marks_key

    for hatched in (False, True):
        said = marks_key(True, False, hatched)
        assert "relu units dead for the whole batch, or zero weights" in said, said
