"""Runs that span hundreds of decades, overflow or underflow, and edge cases: exact at any depth
when σ is positively homogeneous, an overflow or underflow reported with its layer and never a
fake number, init "zeros" exact and silent.
"""

import json
import math

import numpy as np
import pytest

from engine import ConfigError, SimConfig, monte_carlo, simulate
from engine.result import Invalid, SimResult
from engine.activations import activation_for
from engine_checks import mc_tolerance

# -- huge dynamic range ------------------------------------------------------------------

def test_identity_reaches_ten_to_the_241_exactly():
    c = SimConfig.from_dict({"depth": 100, "width": 256, "batch": 64, "activation": "identity",
                             "init": "constant", "variance": 1.0})
    r = simulate(c)
    mc = r.monte_carlo
    assert mc.forward_invalid is None and mc.backward_invalid is None
    assert r.theory.log10_forward_var[100] == pytest.approx(100 * math.log10(256), abs=1e-9)
    assert mc.log10_forward_var[100] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert mc.log10_backward_var[0] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert np.isfinite(mc.unit_log10_forward_var[100]).all()
    data = json.loads(r.to_json())
    assert data["layers"][100]["log10_forward_var"] > 240


@pytest.mark.parametrize("activation, gain, bias", [("relu", 3.0, 0.1), ("relu", 0.2, 0.0),
                                                   ("leaky_relu", 5.0, 0.1)])
def test_homogeneous_runs_are_exact_at_any_depth(activation, gain, bias):
    c = SimConfig.from_dict({"depth": 300, "width": 64, "batch": 64, "activation": activation,
                             "init": "he", "gain": gain, "bias_std": bias})
    r = simulate(c)
    mc, th = r.monte_carlo, r.theory
    assert mc.forward_invalid is None and mc.backward_invalid is None
    assert np.isfinite(mc.log10_forward_var).all() and np.isfinite(mc.log10_backward_var).all()
    slope = (mc.log10_forward_var[-1] - mc.log10_forward_var[100]) / 200
    theory_slope = (th.log10_forward_var[-1] - th.log10_forward_var[100]) / 200
    assert slope == pytest.approx(theory_slope, abs=0.05 * abs(theory_slope) + 0.01)
    # far beyond float32's range (10^±38), both ways, still reported
    assert abs(mc.log10_forward_var[-1]) > 250 and abs(mc.log10_backward_var[0]) > 250


def test_non_homogeneous_overflow_is_null_with_its_layer():
    c = SimConfig.from_dict({"depth": 60, "width": 256, "batch": 128, "activation": "elu",
                             "init": "constant", "variance": 1.0})
    r = simulate(c)
    mc = r.monte_carlo
    inv = mc.forward_invalid
    assert inv is not None and inv.reason == "overflow" and 20 < inv.layer < 60
    assert np.isfinite(mc.log10_forward_var[: inv.layer]).all()
    assert np.isnan(mc.log10_forward_var[inv.layer:]).all()
    assert mc.backward_invalid is not None
    text = r.to_json()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    assert data["layers"][-1]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"] == {"layer": inv.layer, "reason": "overflow"}
    # theory never overflows
    assert np.isfinite(r.theory.log10_forward_var).all()


@pytest.mark.parametrize("activation", ["tanh", "sigmoid_scaled", "gelu", "swish", "elu", "selu"])
def test_a_vanishing_smooth_sigma_is_exact_at_any_depth(activation):
    """σ(0) = 0, not homogeneous: below 1e-10 σ is its linear map at 0 in float32, and the run
    goes on on a log scale. Before, raw float32 lost the forward pass near 10⁻⁶⁰ ("underflow at
    layer 30" for tanh at gain 0.1). Each layer multiplies the variance by σ'(0)²·n·γ there,
    as the theory says (selu: its two slopes' mean square); the histogram keeps every value."""
    c = SimConfig.from_dict({"depth": 120, "width": 128, "batch": 128, "activation": activation,
                             "gain": 0.1})
    r = simulate(c)
    mc = r.monte_carlo
    assert mc.forward_invalid is None and mc.backward_invalid is None
    assert np.isfinite(mc.log10_forward_var).all() and np.isfinite(mc.log10_backward_var).all()
    assert mc.log10_forward_var[-1] < -200
    # (one network's log variance wanders from the theory's by ~0.05 decade a layer at n = 128)
    np.testing.assert_allclose(mc.log10_forward_var, r.theory.log10_forward_var, rtol=0, atol=2.5)
    np.testing.assert_allclose(mc.log10_backward_var, r.theory.log10_backward_var, rtol=0, atol=2.5)
    act = activation_for(c)
    a2 = (act.slope_pos**2 + act.slope_neg**2) / 2
    per_layer = np.diff(mc.log10_forward_var[60:])   # deep in the linear regime
    assert np.median(per_layer) == pytest.approx(np.log10(a2 * 0.01), abs=0.02)
    density, edges = mc.hist_density[-1], mc.hist_edges
    assert np.isfinite(density).all()
    mass = density * np.diff(edges)
    if act.bounds is not None:   # all within the two bins at 0, the range's middle
        middle = np.searchsorted(edges, 0.0)
        assert mass[middle - 1:middle + 1].sum() == pytest.approx(1.0)
    else:                        # standardized: mean ± 4 sd holds nearly all
        assert 0.98 < mass.sum() <= 1.0


@pytest.mark.parametrize("settings", [
    {"activation": "swish", "init": "lecun", "widths": "16, 1x100"},                 # γ = 1/1
    {"activation": "gelu", "init": "constant", "variance": 1.0, "width": 2, "depth": 150},
    {"activation": "gelu", "init": "he", "width": 2, "depth": 150},                   # γ = 2/2
])
def test_a_block_that_goes_tiny_where_gamma_is_one_goes_on_a_log_scale(settings):
    """Review: s = ½·ln γ_t is 0 where γ_t = 1, and s = 0 reads as raw values: such a block
    had stayed raw and underflowed (swish at width 1 under LeCun, "underflow at layer 43")."""
    mc = simulate(SimConfig.from_dict({"batch": 64, **settings})).monte_carlo
    assert mc.forward_invalid is None, mc.forward_invalid
    assert np.isfinite(mc.log10_forward_var).all()


@pytest.mark.parametrize("settings", [
    {"activation": "gelu", "depth": 100, "width": 1, "gain": 1e4},
    {"activation": "swish", "depth": 200, "width": 1, "gain": 1e6},
    {"activation": "gelu", "widths": "784, 2x200, 10", "gain": 1e6},
])
def test_a_block_of_exact_zeros_on_a_huge_log_scale_is_no_error(settings):
    """A tour: gelu or swish at width ≤ 3 and gain ≥ 10⁴ stopped the pass with OverflowError
    (e^s of a log scale beyond float64, times a block of exact zeros), in the window, the
    command line and a sweep. Such a run vanishes to exact zeros, said with its layer."""
    from engine.sweep import sweep_monte_carlo

    config = SimConfig.from_dict({"batch": 64, **settings})
    mc = simulate(config).monte_carlo
    assert mc.forward_invalid is not None and mc.forward_invalid.reason == "underflow"
    sweep = sweep_monte_carlo(config, "gain", [1e3, config.gain], samples=16)
    assert len(sweep.results) == 2


def test_a_variance_sweep_through_one_keeps_every_block_on_its_log_scale():
    from engine.sweep import sweep_monte_carlo

    c = SimConfig.from_dict({"activation": "gelu", "init": "constant", "width": 2, "depth": 150})
    result = sweep_monte_carlo(c, "variance", [0.9, 1.0, 1.1], samples=64)
    assert [r.monte_carlo.forward_invalid for r in result.results] == [None] * 3


def test_tanh_underflow_is_reported_and_backward_stays_exact():
    """A bias below float32's range keeps h'^t off the log scale: the forward pass
    underflows and says where; the backward pass stays exact."""
    c = SimConfig.from_dict({"depth": 50, "width": 128, "batch": 128, "activation": "tanh",
                             "gain": 0.1, "bias_std": 1e-38})
    r = simulate(c)
    mc = r.monte_carlo
    assert mc.forward_invalid is not None and mc.forward_invalid.reason == "underflow"
    assert mc.backward_invalid is None and np.isfinite(mc.log10_backward_var).all()
    assert mc.log10_backward_var[0] == pytest.approx(r.theory.log10_backward_var[0], abs=0.3)


# -- edge cases found in review -----------------------------------------------------------

def test_saturated_tanh_gradient_is_small_or_reported_never_a_fake_zero():
    """float32 1 − tanh² is exactly 0 beyond |x| ≈ 9; σ' is then taken as sech² (positive to
    |x| ≈ 44) and a layer where even that underflows is reported, not shown as zero."""
    mc = monte_carlo(SimConfig.from_dict({"activation": "tanh", "gain": 1000.0, "depth": 60,
                                          "width": 64, "batch": 32}))
    finite = np.isfinite(mc.log10_backward_var)
    assert not np.any(mc.log10_backward_var == -np.inf)
    if not finite.all():
        assert mc.backward_invalid is not None and mc.backward_invalid.reason == "underflow"
        at = mc.backward_invalid.layer + 1
        assert not finite[:at].any() or finite[at:].all()
    moderate = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 30.0, "depth": 10,
                                             "width": 64, "batch": 32}))
    mc = moderate.monte_carlo
    assert np.isfinite(mc.log10_backward_var).all() and mc.backward_invalid is None
    # deep in saturation only the few units in σ''s sliver (width ~1/√q) carry the gradient, so
    # a width-64 net is far from the mean-field limit; the direction (exploding) must agree
    assert moderate.theory.log10_backward_var[0] > 5 and mc.log10_backward_var[0] > 5


def test_a_gradient_gone_subnormal_is_rescaled_not_lost_to_nan():
    """Through saturated tanh a layer can shrink the gradient by 10⁻⁴⁰: its float32 values are
    subnormal, 1/rms is beyond float32, and the rescale had made them ∞ and 0·∞ = NaN ("not
    a number at layer 35", and no note of the gap to the theory). They are rescaled in steps:
    the pass goes on until σ' is exactly 0 everywhere (an underflow), the gap is said."""
    from engine.readout_facts import theory_gap

    r = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 1000.0, "depth": 50,
                                      "width": 64, "batch": 128}))
    mc = r.monte_carlo
    assert mc.backward_invalid.reason == "underflow"
    assert np.isfinite(mc.log10_backward_var[mc.backward_invalid.layer + 1:]).all()
    gap = theory_gap(r)
    assert gap.direction == "backward" and gap.layer == mc.backward_invalid.layer + 1
    assert gap.decades < -100 and gap.reason == "saturation"   # (tanh at gain 1000)


def test_vanishing_relu_mean_is_zero_not_infinite():
    mc = monte_carlo(SimConfig.from_dict({"activation": "relu", "gain": 1e-6, "depth": 60,
                                          "width": 32, "batch": 16}))
    assert mc.forward_invalid is None
    assert np.isfinite(mc.forward_mean).all() and mc.forward_mean[-1] == 0.0
    assert mc.log10_forward_var[-1] < -600


def test_tiny_preactivations_keep_their_variance():
    mc = monte_carlo(SimConfig.from_dict({"activation": "tanh", "gain": 1e-6, "depth": 5,
                                          "width": 16, "batch": 16}))
    finite = np.isfinite(mc.log10_forward_var)
    assert np.isfinite(mc.log10_preact_var[1:][finite[1:]]).all()


def test_gain_and_variance_ranges_keep_gamma_representable():
    for key, value in (("gain", 1e-200), ("gain", 1e7), ("variance", 1e-320)):
        with pytest.raises(ConfigError) as info:
            SimConfig.from_dict({key: value})
        assert info.value.key == key
    with pytest.raises(ConfigError) as info:
        SimConfig.from_dict({"depth": 10000, "width": 16384})
    assert info.value.key == "width"   # the key given, not the widths it makes


# -- init "zeros": every weight 0 ---------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "gelu"])
def test_zeros_give_exactly_zero_variance_without_warnings(activation):
    """W = 0: from layer 1 on h^t = σ(0) on every input, and ∂ℓ/∂h^{t-1} = (W^t)ᵀ(…) = 0 below
    the top. Both are exactly zero (log10 = −inf), reported as such — not underflow — in the
    Monte Carlo and the theory alike, and the verdict is vanishing."""
    from engine.verdict import verdict

    config = SimConfig.from_dict({"init": "zeros", "depth": 6, "width": 16, "batch": 32,
                                  "activation": activation})
    result = simulate(config)
    mc, th = result.monte_carlo, result.theory
    assert np.isfinite(mc.log10_forward_var[0]) and (mc.log10_forward_var[1:] == -np.inf).all()
    assert (mc.log10_backward_var[:-1] == -np.inf).all() and np.isfinite(mc.log10_backward_var[-1])
    assert mc.forward_invalid.reason == mc.backward_invalid.reason == "exactly zero variance"
    assert (mc.forward_invalid.layer, mc.backward_invalid.layer) == (1, 5)
    value0 = activation_for(config).value0
    np.testing.assert_allclose(mc.forward_mean[1:], value0, atol=1e-7)
    assert (th.log10_forward_var[1:] == -np.inf).all() and (th.log10_backward_var[:-1] == -np.inf).all()
    assert verdict(result).kind == "vanishing"
    data = json.loads(result.to_json())   # strict JSON: the zeros are null, with their layer
    assert data["layers"][2]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"] == {"layer": 1, "reason": "exactly zero variance"}


@pytest.mark.parametrize("beta", [0.0, 1.0])
def test_a_constant_sigma_gives_exact_zeros_in_both_passes_and_per_unit(beta):
    """σ(x) = 0·x + β: every input gives h^t = β and σ' = 0 exactly. With β = 1 a tour saw
    the per-unit cells "too small for float32 to measure" and the gradient "underflow at
    layer 49"; both are exact zeros."""
    result = simulate(SimConfig.from_dict({"activation": "linear", "alpha": 0.0, "beta": beta,
                                           "depth": 5, "width": 8, "batch": 16}))
    mc = result.monte_carlo
    assert mc.forward_invalid == Invalid(1, "exactly zero variance")
    assert mc.backward_invalid == Invalid(4, "exactly zero variance")
    assert (mc.log10_backward_var[:-1] == -np.inf).all()
    assert (mc.unit_log10_forward_var[1:] == -np.inf).all()
    assert not mc.unit_forward_unresolved.any()
    assert (mc.unit_log10_backward_var[:-1] == -np.inf).all()


@pytest.mark.parametrize("gain, kind", [(10.0, "exploding"), (0.5, "vanishing")])
def test_a_net_whose_units_all_die_is_judged_by_its_trend_before(gain, kind):
    """A narrow relu net loses a unit for good now and then, until none is left. At gain 10
    it rose ~1.7 decades a layer first, and the verdict said "vanishing (exactly zero variance
    at layer 65)". The trend is the one up to the last layer with a variance; the death stays
    its `invalid`."""
    from engine.verdict import STABLE_DECADES, trend

    config = SimConfig.from_dict({"activation": "relu", "init": "he", "gain": gain,
                                  "width": 6 if gain > 1 else 4, "depth": 100, "batch": 64})
    result = simulate(config)
    died = result.monte_carlo.forward_invalid
    assert died is not None and died.reason == "exactly zero variance"
    found = trend(result, "forward")
    assert found.kind == kind and found.invalid == died and found.layers == died.layer - 1
    values = result.monte_carlo.log10_forward_var
    assert found.total_decades == values[died.layer - 1] - values[0]
    assert abs(found.total_decades) >= STABLE_DECADES
    # backward: the gradient is exactly zero from the output's first layer down: no trend
    assert trend(result, "backward").kind == "vanishing"


@pytest.mark.parametrize("widths, forward, backward", [
    ("10, 20x3, 1", ("stable", 3), ("stable", 3)),   # one output: the gradient starts there
    ("784, 1, 10", ("undefined", 0), ("undefined", 0)),
    ("1x6", ("undefined", 0), ("undefined", 0))])
@pytest.mark.parametrize("trials", [1, 3])
def test_a_layer_of_one_value_has_no_variance_not_a_vanishing_one(widths, forward, backward,
                                                                   trials):
    """Width 1 over a batch of 1 holds one value: its variance is not 0 but undefined. A net
    with one output and batch 1 read "vanishing (exactly zero variance at layer 4)" forward
    and "underflow at layer 4" backward, beside a flat profile."""
    from engine.verdict import trend, verdict

    config = SimConfig.from_dict({"widths": widths, "batch": 1, "trials": trials})
    result = simulate(config)
    mc = result.monte_carlo
    single = [t for t, n in enumerate(config.widths) if n == 1]
    for direction, (kind, layers) in (("forward", forward), ("backward", backward)):
        values = mc.log10_forward_var if direction == "forward" else mc.log10_backward_var
        assert np.isnan(values[single]).all()
        assert np.isfinite(np.delete(values, single)).all()
        stop = mc.stop(direction)
        assert stop.reason == "one value"
        assert stop.layer == (single[0] if direction == "forward" else single[-1])
        found = trend(result, direction)
        assert (found.kind, found.layers) == (kind, layers)
    assert verdict(result).kind == forward[0]
    data = json.loads(result.to_json())
    assert data["summary"]["forward_invalid"]["reason"] == "one value"


@pytest.mark.parametrize("settings, trials, dead_below", [
    ({"seed": 2}, 1, 31), ({"seed": 2}, 5, 31), ({"seed": 7, "bias_std": 0.3}, 5, 27)])
def test_a_layer_of_one_value_does_not_hide_units_that_died(settings, trials, dead_below):
    """Reviews: a relu net with one output over batch 1 whose units died below it read
    "backward: undefined (one value at layer 31 …)", and with five draws "stable … one value
    at layer 31" beside a median of exact zeros; the gradient is exactly zero there."""
    from engine.verdict import trend

    result = simulate(SimConfig.from_dict({"widths": "10, 2x30, 1", "activation": "relu",
                                           "batch": 1, "trials": trials, **settings}))
    assert np.isneginf(result.monte_carlo.log10_backward_var[:dead_below]).all()
    found = trend(result, "backward")
    assert found.kind == "vanishing" and found.invalid.reason == "exactly zero variance"
    assert result.monte_carlo.stop("backward").reason == "exactly zero variance"


def test_a_median_underflow_beyond_a_layer_of_one_value_is_an_underflow():
    """A re-review: tanh at gain 100 over batch 1 with five draws read "exactly zero
    variance" for its float32 underflow (a smooth σ' is never exactly 0)."""
    from engine.verdict import trend

    for trials in (1, 5):
        result = simulate(SimConfig.from_dict({"widths": "10, 2x30, 1", "gain": 100,
                                               "batch": 1, "trials": trials}))
        assert trend(result, "backward").invalid.reason == "underflow"


def test_zeros_with_a_bias_and_in_a_sweep_stay_exact():
    from engine.critical_gain import critical_gain
    from engine.spectrum import jacobian_spectrum
    from engine.sweep import sweep

    config = SimConfig.from_dict({"init": "zeros", "depth": 4, "width": 16, "batch": 32,
                                  "activation": "relu", "bias_std": 0.5})
    mc = monte_carlo(config)
    assert np.isfinite(mc.log10_forward_var).all()   # the bias alone: finite variance
    assert (mc.log10_backward_var[:-1] == -np.inf).all()
    swept = sweep(config, "bias_std", np.array([0.0, 0.5]), samples=16)
    assert (swept.forward[0, 1:] == -np.inf).all() and np.isfinite(swept.forward[1]).all()
    assert "vanished exactly at layer 1" in jacobian_spectrum(config).invalid
    assert math.isnan(critical_gain(config))   # no gain moves σ_w² away from 0


@pytest.mark.parametrize("settings, lost, theory_lost", [
    ({"init": "zeros", "bias_std": 0.5}, 1, 1),                   # h^t = σ(b^t) from layer 1
    ({"init": "zeros", "bias_std": 0.5, "activation": "tanh", "trials": 3}, 1, 1),
    ({"init": "zeros"}, None, None),          # no bias: exactly zero variance, said as such
    ({"init": "zeros", "bias_std": 0.5, "batch": 1}, 1, 1),       # the zero weights say it
    ({"init": "he", "bias_std": 0.5}, None, None),
])
def test_a_signal_that_no_longer_depends_on_the_input_is_vanishing(settings, lost,
                                                                    theory_lost):
    """Zero weights with biases: every unit holds σ(b^t) for every input, so the pooled
    variance is the biases' spread across units, steady with depth, and had read "stable".
    The input is lost at layer 1: the forward trend is vanishing and says where."""
    from engine.verdict import input_lost, trend, verdict

    config = SimConfig.from_dict({"depth": 6, "width": 16, "batch": 32, "activation": "relu",
                                  **settings})
    result = simulate(config)
    assert input_lost(result) == lost
    forward = trend(result, "forward")
    assert forward.input_lost == lost
    if lost is not None:
        assert forward.kind == verdict(result).kind == "vanishing"
        assert np.isfinite(result.monte_carlo.log10_forward_var).all()   # a finite spread
    # the theory alone (the window's frames while the Monte Carlo runs) says the same
    assert input_lost(SimResult(config, theory=result.theory)) == theory_lost


@pytest.mark.parametrize("activation", ["identity", "relu"])
def test_a_mean_beyond_float64_says_where_it_began(activation):
    """Issue: at gain 1e6 and depth 200 the forward mean became ±inf (null in the output) with
    no layer recorded, while the log10 variance stays exact."""
    config = SimConfig.from_dict({"activation": activation, "init": "lecun", "gain": 1e6,
                                  "depth": 200, "width": 8, "batch": 8})
    data = json.loads(simulate(config).to_json())
    means = [row["forward_mean"] for row in data["layers"]]
    first = next(t for t, m in enumerate(means) if m is None)
    summary = data["summary"]
    assert summary["forward_mean_invalid"]["layer"] == first
    assert "beyond float64" in summary["forward_mean_invalid"]["reason"]
    assert 40 <= first <= 60                                 # std ×1e6 a layer: 10^308 near 52
    assert all(row["log10_forward_var"] is not None for row in data["layers"])
    assert summary["forward_invalid"] is None                # the variance is exact
    theory = summary["theory_forward_mean_invalid"]
    if activation == "relu":                                 # E[relu] > 0 grows like the std
        assert 40 <= theory["layer"] <= 60
    else:
        assert theory is None                                # E[h] = 0 exactly


def test_a_spread_float32_cannot_measure_is_marked_not_measured():
    """Sigmoid + Xavier forgets its input: a unit's variance over the batch falls by
    n·γ·σ'(0)² = 1/16 (1.2 decades) a layer while its mean stays near 0.5. Beyond float32's
    resolution (std < RESOLUTION·|mean|) the pass marks it instead of reporting the rounding
    floor; what it still measures keeps falling. Dead relu units are exactly 0, not marked;
    a layer of zero weights gives exactly equal values, not marked either."""
    from engine.layer_stats import RESOLUTION

    for batch in (64, 2048):   # (a large batch once showed a floor: its sums' error squared)
        mc = simulate(SimConfig.from_dict({"activation": "sigmoid", "depth": 30, "width": 64,
                                           "batch": batch})).monte_carlo
        below, units = mc.unit_forward_unresolved, mc.unit_log10_forward_var
        assert not below[:5].any() and below[15:].all()
        assert np.isnan(units[below]).all()
        medians = np.nanmedian(units[1:6], axis=1)
        assert np.all(np.diff(medians) < -0.8)              # ~1.2 decades a layer while measured
        # what is still measured lies above the resolution (|mean| ≤ 1)
        assert np.nanmin(units[5:]) > 2 * np.log10(RESOLUTION * 0.05)
    relu = simulate(SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 30,
                                         "width": 64, "batch": 64})).monte_carlo
    assert np.isneginf(relu.unit_log10_forward_var).any() and not relu.unit_forward_unresolved.any()
    frozen = simulate(SimConfig.from_dict({"activation": "sigmoid", "init": "zeros",
                                           "bias_std": 0.5, "depth": 6, "width": 16,
                                           "batch": 16})).monte_carlo
    assert not frozen.unit_forward_unresolved.any()
    assert np.isneginf(frozen.unit_log10_forward_var[1:]).all()   # sigmoid(b): exactly equal


def test_values_near_float32_s_floor_come_off_a_log_scale_beyond_float32_exactly():
    """A review: a block brought off its log scale multiplied by e^s in float32, which for
    s > 88.7 is ∞ (a cast warning, ∞ · 0 = NaN) though 1e-40 · e⁹⁰ is 0.12; and e^s beyond
    float64 raised. Now: the product in float64 where e^s is beyond float32, ±∞ only where
    the raw value is, 0 where the value was 0; below, float32's own product, unchanged."""
    from engine.layer_step import to_raw

    block = np.array([1e-40, -2e-40, 0.0, 1.0], dtype=np.float32)
    to_raw(block, 90.0)
    np.testing.assert_allclose(block[:2], [1e-40 * math.exp(90), -2e-40 * math.exp(90)],
                               rtol=1e-3)   # (1e-40 is a float32 subnormal: 3 digits)
    assert block[2] == 0.0 and block[3] == np.inf
    block = np.array([1e-40, 0.0, -3.0], dtype=np.float32)
    to_raw(block, 800.0)
    assert list(block) == [np.inf, 0.0, -np.inf]
    block = np.array([0.5, -0.25], dtype=np.float32)
    expected = block * np.float32(math.exp(3.0))
    to_raw(block, 3.0)
    np.testing.assert_array_equal(block, expected)
