"""Phase diagram: the order–chaos line of tanh and relu, and the gain ↔ σ_w² mapping."""

import math

import numpy as np
import pytest

from engine import SimConfig, simulate
from engine.config_fields import MAX_GAIN, MIN_GAIN
from engine.critical_gain import critical_gain, critical_input_level, missing_side
from engine.phase import PhaseRanges, current_point, edge_gain, gain_for, phase_diagram
from engine.theory import jacobian_log_growth


def test_tanh_critical_line_passes_the_known_points():
    c = SimConfig(activation="tanh")
    pd = phase_diagram(c, ranges=PhaseRanges((0.5, 3.0), (0.0, 0.2)), size=5)
    # rows σ_b² = 0, 0.05, 0.1, 0.15, 0.2
    assert pd.critical_sigma_w2[0] == pytest.approx(1.0, abs=1e-3)
    assert pd.critical_sigma_w2[1] == pytest.approx(1.7610, abs=1e-3)
    assert pd.critical_sigma_w2[4] == pytest.approx(2.2852, abs=1e-3)
    # χ₁ < 1 left of the line, > 1 right of it, on every row
    for i, crit in enumerate(pd.critical_sigma_w2):
        left = pd.sigma_w2 < crit - 0.05
        right = pd.sigma_w2 > crit + 0.05
        assert (pd.log10_chi1[i, left] < 0).all() and (pd.log10_chi1[i, right] > 0).all()
    # correlations are forgotten slowly only near the line
    assert np.nanmax(pd.xi_c) > 5 * np.nanmin(pd.xi_c)
    assert pd.beyond_line == "chaotic"   # beyond the line, a q* where two inputs decorrelate


def test_relu_line_is_two_for_every_bias():
    pd = phase_diagram(SimConfig(activation="relu"), size=4)
    np.testing.assert_allclose(pd.critical_sigma_w2, 2.0, rtol=1e-12)
    np.testing.assert_allclose(pd.log10_chi1, np.log10(pd.sigma_w2 / 2)[None, :].repeat(4, 0), atol=1e-12)
    # beyond it no fixed point q* (q grows without bound): exploding, not chaotic (Hayou et
    # al. 2019); so for identity and linear σ, homogeneous too
    assert pd.beyond_line == "exploding"
    for values in ({"activation": "identity"}, {"activation": "linear", "beta": 0.0},
                   {"activation": "leaky_relu"}):
        assert phase_diagram(SimConfig(**values), size=4).beyond_line == "exploding"
    # elu: a fixed point near the line only (a review: it was all called chaotic)
    assert phase_diagram(SimConfig(activation="elu"), size=7).beyond_line == "mixed"



@pytest.mark.parametrize("activation, limit", [
    ("selu", 2 / 1.0507009873554805 ** 2),   # E[σ(√q z)²]/q → λ²/2 as q → ∞
    ("elu", 2.0),                            # → 1/2
])
def test_the_fixed_point_ends_where_its_limit_slope_reaches_one(activation, limit):
    """A researcher's tour: selu's near-white stripe at σ_w² ≈ 1.8 read as a second line; it
    is where q* ends (σ_w² E[σ(√q z)²]/q → 1), beyond which the cells show χ₁'s limit. The
    edge lies between the two cells around that closed form, on every row with a bias."""
    pd = phase_diagram(SimConfig(activation=activation), size=21)
    edge = pd.fixed_point_edge
    step = pd.sigma_w2[1] - pd.sigma_w2[0]
    assert np.isfinite(edge).all()
    assert np.all(np.abs(edge - limit) <= step / 2 + 1e-12)
    for i, at in enumerate(edge):   # chaotic cells left of it, no q* right of it
        left, right = pd.sigma_w2 < at, pd.sigma_w2 > at
        assert not np.isnan(pd.xi_c[i, left & (pd.log10_chi1[i] > 0)]).any()
        assert np.isnan(pd.xi_c[i, right]).all()


def test_on_a_log_axis_the_fixed_point_edge_lies_midway_in_log_sigma_w2():
    """A network far beyond the line gets a log σ_w² axis: the edge is drawn halfway between
    its two cells as the axis shows them (in log σ_w²), and still around 2/λ² for selu; a
    column at χ₁ = 1 exactly (elu's σ_w² = 2) is passed over, not taken for no edge."""
    limit = 2 / 1.0507009873554805 ** 2
    pd = phase_diagram(SimConfig(activation="selu"), size=11,
                       ranges=PhaseRanges((0.1, 100.0), (0.0, 0.3), True))
    right = int(np.searchsorted(pd.sigma_w2, limit))
    a, b = pd.sigma_w2[right - 1], pd.sigma_w2[right]
    assert a < limit < b
    np.testing.assert_allclose(pd.fixed_point_edge, math.sqrt(a * b), rtol=1e-12)
    elu = phase_diagram(SimConfig(activation="elu"), size=21,
                        ranges=PhaseRanges((1.5, 2.5), (0.0, 0.3)))
    assert 2.0 in elu.sigma_w2 and np.allclose(elu.fixed_point_edge, 2.0)


def test_the_lines_name_goes_left_where_the_dotted_edge_would_strike_it():
    """A visual check: on selu's log axis (gain 30) the fixed point's dotted edge ran through
    "χ₁ = 1", set just right of the line; there the name goes left of the line."""
    from gui.phase_cells import line_name_left

    line = np.full(11, 1.0)
    near, far, none = np.full(11, 1.2), np.full(11, 3.0), np.full(11, np.nan)
    assert line_name_left(line, near, width=0.5)
    assert not line_name_left(line, far, width=0.5) and not line_name_left(line, none, 0.5)


def test_a_diagram_all_chaotic_or_all_exploding_has_no_fixed_point_edge():
    for activation in ("tanh", "relu", "gelu"):
        pd = phase_diagram(SimConfig(activation=activation), size=5)
        assert not np.isfinite(pd.fixed_point_edge).any(), activation


def test_a_linear_sigma_with_zero_slope_has_no_line_and_no_chi1_above_one():
    """A tour: α = 0 printed a RuntimeWarning (∞ − ∞ near σ_b² = 0) and called the side it
    does not have "chaotic"; χ₁ = 0 everywhere."""
    pd = phase_diagram(SimConfig(activation="linear", alpha=0.0), size=5)
    assert pd.beyond_line == "none"
    assert not np.isfinite(pd.critical_sigma_w2).any() and (pd.log10_chi1 < 0).all()


def test_gain_mapping_round_trips():
    c = SimConfig.from_dict({"activation": "tanh", "widths": [50, 300, 200], "bias_std": math.sqrt(0.05),
                             "init": "xavier"})
    sw2, sb2 = current_point(c)
    # two layers, none hidden to hidden: the median of both, n_{t−1}·2/(n_{t−1} + n_t)
    assert sw2 == pytest.approx((50 * 2 / 350 + 300 * 2 / 500) / 2) and sb2 == pytest.approx(0.05)
    assert gain_for(c, sw2) == pytest.approx(1.0)
    at_line = simulate(SimConfig.from_dict({"activation": "tanh", "bias_std": math.sqrt(0.05),
                                            "init": "lecun", "gain": math.sqrt(1.7609546),
                                            "depth": 5, "width": 64, "batch": 8}))
    assert at_line.theory.chi1_star == pytest.approx(1.0, abs=1e-5)


def test_critical_gain_of_a_deep_uniform_network_is_the_edge_of_chaos():
    """Equal widths, depth 400: the input's transient is a small part of the product, so the
    network's critical gain is the order–chaos line's (σ_w² = 1.761 at σ_b² = 0.05)."""
    c = SimConfig.from_dict({"activation": "tanh", "width": 64, "depth": 400,
                             "bias_std": math.sqrt(0.05), "init": "lecun"})
    g = critical_gain(c)
    assert g**2 == pytest.approx(1.7610, rel=0.01)
    assert jacobian_log_growth([c.with_values(gain=g)])[0] == pytest.approx(0.0, abs=1e-6)


def test_critical_gain_of_relu_with_unequal_widths_is_closed_form():
    """relu: χ_t = n_{t-1}γ_t gain²/2 at any q, so Π_t χ_t = 1 where gain² is 2 over the
    geometric mean of n_{t-1}γ_t (Xavier: 2 n_{t-1}/(n_{t-1} + n_t))."""
    c = SimConfig.from_dict({"widths": "64, 128, 32, 256, 16, 100", "activation": "relu",
                             "init": "xavier", "bias_std": 0.0})
    n = np.array(c.widths, dtype=float)
    fan_in_var = n[:-1] * 2 / (n[:-1] + n[1:])
    expected = math.sqrt(2 / math.exp(np.mean(np.log(fan_in_var))))
    assert critical_gain(c) == pytest.approx(expected, rel=1e-8)
    # the last layer alone (the old answer) would say 1/sqrt(16·2/116 / 2) = 2.69
    assert critical_gain(c) == pytest.approx(1.7438, abs=1e-4)


def test_at_the_critical_gain_the_theorys_gradient_reaches_the_input_at_the_widths_ratio():
    """A teacher: at 784, 256x49, 10's critical gain the gradient's line sat at −1.9, not 0.
    The squared norm is kept: the theory's Var[∂ℓ/∂h⁰] is log₁₀(n_L/n_0) decades below the
    output's (tanh, and relu with a bias)."""
    from engine import mean_field

    for values in ({"widths": "784, 256x49, 10"},
                   {"widths": "64, 128, 32, 256, 16, 100", "activation": "relu",
                    "bias_std": 0.1}):
        c = SimConfig.from_dict(values)
        at = mean_field(c.with_values(gain=critical_gain(c)))
        assert at.log10_backward_var[0] == pytest.approx(critical_input_level(c.widths),
                                                         abs=1e-6)
    assert critical_input_level((784, 256, 10)) == pytest.approx(-1.894, abs=1e-3)


def test_critical_gain_with_unequal_widths_matches_the_jacobians_of_real_networks():
    """Monte Carlo: tanh, bias, widths that grow and shrink. At the critical gain the squared
    Frobenius norm of ∂h^L/∂h^0 is n_L (mean over 6 networks within its spread, 0.06
    decades); 15 % of gain either side moves it by about ±0.45 decades (theory)."""
    from engine.spectrum import jacobian_spectrum

    c = SimConfig.from_dict({"widths": "64, 256, 128, 192x4, 96, 32", "activation": "tanh",
                             "bias_std": 0.3, "init": "xavier"})
    g = critical_gain(c)
    k, n_out = min(c.widths[0], c.widths[-1]), c.widths[-1]

    def log10_norm_growth(gain):
        values = [jacobian_spectrum(c.with_values(gain=gain, seed=seed)).log10_mean_sq
                  for seed in range(6)]
        return float(np.mean(values)) + math.log10(k / n_out)

    assert abs(log10_norm_growth(g)) < 0.2
    assert log10_norm_growth(g / 1.15) < -0.25
    assert log10_norm_growth(g * 1.15) > 0.2


def test_the_edge_gain_is_on_the_line_and_the_critical_gain_nears_it_with_depth():
    """The phase diagram's line at the config's σ_b²: tanh at σ_b² = 0.05 under LeCun has it
    at σ_w² = 1.7609546 (Poole et al.); the network's critical gain comes nearer with each
    depth, from above (the input's transient), to 2e-3 at depth 800."""
    def net(depth):
        return SimConfig.from_dict({"activation": "tanh", "width": 64, "depth": depth,
                                    "bias_std": math.sqrt(0.05), "init": "lecun"})

    c = net(50)
    assert edge_gain(c) ** 2 == pytest.approx(1.7609546, rel=1e-6)
    gaps = [critical_gain(net(d)) / edge_gain(c) - 1 for d in (10, 50, 800)]
    assert gaps[0] > gaps[1] > gaps[2] > 0 and gaps[2] < 2e-3
    assert edge_gain(c.with_values(bias_std=0.0)) == pytest.approx(1.0, rel=1e-9)
    assert math.isnan(edge_gain(c.with_values(init="zeros")))


def test_critical_gain_is_nan_when_no_gain_reaches_it():
    assert math.isnan(critical_gain(SimConfig.from_dict({"init": "zeros"})))
    # sigmoid's mean keeps the forward variance from collapsing: its critical gain exists
    assert math.isfinite(critical_gain(SimConfig.from_dict({"activation": "sigmoid"})))


@pytest.mark.parametrize("variance, side", [(1e-30, 1), (1e12, -1)])
def test_a_critical_gain_beyond_the_gains_allowed_is_told_from_none(variance, side):
    """A tour: the linear network at variance 10⁻³⁰ has its critical gain at
    gain² = 1/(256·10⁻³⁰), ~6·10¹³, beyond the largest gain (10⁶), and the Sweep tab said
    "at no gain"."""
    config = SimConfig.from_dict({"activation": "linear", "init": "constant",
                                  "variance": variance})
    assert math.isnan(critical_gain(config))
    assert missing_side(config) == side
    # the closed form's critical gain, on the side said
    closed = 1 / math.sqrt(256 * variance)
    assert (closed > MAX_GAIN) if side > 0 else (closed < MIN_GAIN)
    assert missing_side(SimConfig.from_dict({"init": "zeros"})) == 0
    assert missing_side(SimConfig.from_dict({"activation": "linear", "alpha": 0.0})) == 0


def test_cancel_phase_diagram():
    from engine import Cancelled

    polls = []

    def stop() -> bool:
        polls.append(True)
        return len(polls) > 3   # asked first, then before each row: in the third row

    ranges = PhaseRanges((0.5, 3.125), (0.0, 0.2))   # (ranges of this test only: none kept)
    rows = []
    with pytest.raises(Cancelled):
        phase_diagram(SimConfig(), size=5, ranges=ranges, should_stop=stop,
                      on_progress=rows.append)
    assert len(polls) == 4 and len(rows) == 2   # (not 3: asked before any work, too)
    with pytest.raises(Cancelled):
        phase_diagram(SimConfig(), size=5, should_stop=lambda: True)


def test_a_diagram_drawn_before_is_given_again_until_newer_ones_push_it_out():
    """A return to an activation seen before (tanh's diagram takes a second) shows its
    diagram at once: the last KEPT_DIAGRAMS diagrams are kept, by activation (with its
    parameters), ranges and size; their arrays are read-only, as every caller shares them."""
    from engine.phase import KEPT_DIAGRAMS

    ranges = PhaseRanges((0.5, 3.25), (0.0, 0.2))
    first = phase_diagram(SimConfig(), size=5, ranges=ranges)
    progress = []
    again = phase_diagram(SimConfig.from_dict({"gain": 2.0, "depth": 7}), size=5, ranges=ranges,
                          on_progress=progress.append)
    assert again is first and progress == []   # the gain moves the point, not the diagram
    assert not first.log10_chi1.flags.writeable and not first.xi_c.flags.writeable
    assert phase_diagram(SimConfig(), size=6, ranges=ranges) is not first
    linear = [phase_diagram(SimConfig.from_dict({"activation": "linear", "alpha": a}), size=5,
                            ranges=ranges) for a in (0.5, 2.0)]
    assert linear[0] is not linear[1]
    assert np.isclose(linear[0].critical_sigma_w2[0], 4.0)      # 1/α²
    assert np.isclose(linear[1].critical_sigma_w2[0], 0.25)
    for top in range(KEPT_DIAGRAMS):   # (relu's are quick)
        phase_diagram(SimConfig.from_dict({"activation": "relu"}), size=5,
                      ranges=PhaseRanges((0.5, 4.0 + top), (0.0, 0.2)))
    drawn = phase_diagram(SimConfig(), size=5, ranges=ranges)
    assert drawn is not first
    np.testing.assert_array_equal(drawn.log10_chi1, first.log10_chi1)


def test_the_point_of_few_layers_is_that_of_the_hidden_ones():
    """Issue: for widths 784, 256x3, 10 the ★ sat at σ_w² = 1.46 ("χ₁ = 1.1, chaotic") for
    Xavier, whose hidden layers have σ_w² = 1: the median took layers 3 … L (the output
    layer, σ_w² = 256·2/266, among them) instead of 2 … L−1."""
    from engine.phase import network_point

    xavier = SimConfig.from_dict({"widths": "784, 256x3, 10"})
    assert current_point(xavier) == (pytest.approx(1.0), 0.0)
    assert gain_for(xavier, 2.0) == pytest.approx(math.sqrt(2.0))
    point = network_point(xavier)
    assert point.log10_chi1 == pytest.approx(0.0, abs=1e-12) and point.fixed_point == "zero"
    assert point.equal_widths
    # 256 → 128 → 64: σ_w² = n_{t−1}·2/(n_{t−1} + n_t) = 4/3 at both hidden layers
    shrinking = SimConfig.from_dict({"widths": "784, 256, 128, 64, 10"})
    assert current_point(shrinking)[0] == pytest.approx(4 / 3)
    assert not network_point(shrinking).equal_widths


def test_network_point_is_the_diagrams_value_there():
    from engine.phase import network_point

    config = SimConfig.from_dict({"bias_std": 0.3, "gain": 1.3})
    point = network_point(config)
    diagram = phase_diagram(config, ranges=PhaseRanges((point.sigma_w2, point.sigma_w2 + 1),
                                                       (point.sigma_b2, point.sigma_b2 + 1)),
                            size=2)
    assert point.fixed_point == "finite"
    assert point.log10_chi1 == pytest.approx(diagram.log10_chi1[0, 0], abs=1e-12)
    assert point.xi_c == pytest.approx(diagram.xi_c[0, 0], rel=1e-12)
    relu = network_point(SimConfig.from_dict({"activation": "relu", "init": "he"}))
    assert relu.fixed_point == "any" and relu.log10_chi1 == pytest.approx(0.0, abs=1e-12)
    # σ = x + 0.5: q grows at every layer, χ₁ = σ_w² at every q (review: it read "as q → 0")
    affine = network_point(SimConfig.from_dict({"activation": "linear", "beta": 0.5}))
    assert affine.fixed_point == "any" and affine.log10_chi1 == pytest.approx(0.0, abs=1e-12)


def test_unequal_widths_map_the_hidden_layers():
    """Issue: for widths 784, 256x49, 10 (tanh, σ_b = 0.2236) the critical gain came from the
    last layer (0.956) while the 48 hidden layers, χ₁ = 0.715 at gain 1, are critical at
    gain 1.327. The network's point is that of its hidden layers; its critical gain counts
    every layer (1.334: the first and last layers, σ_w² = 1.51 and 1.92 at gain 1, count too)."""
    config = SimConfig.from_dict({"widths": "784, 256x49, 10", "activation": "tanh",
                                  "bias_std": 0.2236})
    sw2, sb2 = current_point(config)
    assert sw2 == pytest.approx(1.0) and sb2 == pytest.approx(0.2236**2)
    gain = critical_gain(config)
    assert gain == pytest.approx(1.3338, abs=1e-4)
    from engine import mean_field

    theory = mean_field(config.with_values(gain=gain))
    hidden = theory.chi1[2:49]
    assert hidden[-1] == pytest.approx(1.0, abs=0.01)   # the hidden map is near the edge
    # the gradient's squared norm is carried from the output to the input unchanged
    n = theory.widths
    assert theory.log_backward_var[0] + math.log(n[0] / n[-1]) == pytest.approx(0.0, abs=1e-6)


def test_a_point_far_beyond_the_usual_range_gets_log_spaced_sigma_w2():
    """Linear to 4 at gain 1 (tanh: twice the line's σ_w² = 1 at σ_b² = 0, at least 4),
    stretched linearly to 1.5·σ_w² up to 1.5× that, log-spaced beyond (gain 10⁶: σ_w² = 10¹²
    had a linear axis with the line in its first 10⁻¹²; gain 4, to 24 on a linear axis, had
    2 of 41 columns ordered, a researcher's tour). A point left of the usual start starts
    the axis (gain 0.1 was outside the diagram it drew)."""
    import json

    from engine.analysis_stats import phase_text
    from engine.phase import default_ranges

    usual = default_ranges(SimConfig())
    assert usual == PhaseRanges((0.02, 4.0), (0.0, 0.3))
    assert default_ranges(SimConfig(gain=0.1)).sigma_w2 == pytest.approx((0.01 / 1.5, 4.0))
    stretched = default_ranges(SimConfig(gain=2.4))
    assert not stretched.log_sigma_w2
    assert stretched.sigma_w2[1] == pytest.approx(1.5 * 2.4**2)
    saturated = default_ranges(SimConfig(gain=4.0))   # the preset: about half ordered
    assert saturated.log_sigma_w2
    lo, hi = np.log10(saturated.sigma_w2)
    assert 0.4 < (np.log10(1.0) - lo) / (hi - lo) and (np.log10(2.5) - lo) / (hi - lo) < 0.6
    far = default_ranges(SimConfig(gain=1e6, bias_std=1.0))
    assert far.log_sigma_w2 and far.contains(*current_point(SimConfig(gain=1e6, bias_std=1.0)))
    # a decade beyond the point, a third as many decades below the usual range's start
    low = 4.0 / 80 * (4.0 / 1e13) ** (1 / 3)
    assert far.sigma_w2 == pytest.approx((low, 1e13)) and far.sigma_b2 == (0.0, 1.1)
    config = SimConfig(gain=1e6)
    diagram = phase_diagram(config, size=5)
    np.testing.assert_allclose(np.diff(np.log10(diagram.sigma_w2)), np.log10(1e13 / low) / 4)
    assert diagram.critical_sigma_w2[0] == pytest.approx(1.0, abs=1e-3)   # the line stays
    stats = json.loads(phase_text(config, diagram, ".json"))
    assert stats["sigma_w2_spacing"] == "log"
    assert json.loads(phase_text(SimConfig(), phase_diagram(SimConfig(), size=3), ".json")
                      )["sigma_w2_spacing"] == "linear"


def test_the_drawn_line_follows_tanhs_steep_start():
    """A researcher's check: tanh's line was drawn straight from (1, 0) to (1.383, 0.0075),
    the grid's first two rows; it is at σ_w² 1.086 at σ_b² = 10⁻⁴ and 1.241 at 0.002."""
    pd = phase_diagram(SimConfig(activation="tanh"), size=41)
    b, w = pd.line_sigma_b2, pd.line_sigma_w2
    assert np.all(np.diff(b) > 0) and set(pd.sigma_b2) <= set(b)
    for sb2, expected in ((1e-4, 1.086), (0.002, 1.241)):
        assert np.interp(sb2, b, w) == pytest.approx(expected, abs=0.01)   # drawn: piecewise
    np.testing.assert_allclose(w[np.isin(b, pd.sigma_b2)], pd.critical_sigma_w2, rtol=1e-12)


def test_a_drag_keeps_its_diagram_within_a_band():
    """Review: a gain stepping across the switch (tanh) flipped the axis between linear and
    log at every step, ~1 s of fixed points each; a drag from 10⁶ back down kept an axis to
    10¹² for a point at 25. A linear diagram serves while the point is inside it, a log one
    down to the usual top (4 for tanh; the switch is at 6) and three decades below its own
    top. A stretched linear axis reaches 1.5·σ_w² (1.1 made a drag recompute every 5 % of
    σ_w²)."""
    from engine.phase import default_ranges, keeps

    linear, log = default_ranges(SimConfig(gain=2.4)), default_ranges(SimConfig(gain=2.5))
    assert not linear.log_sigma_w2 and log.log_sigma_w2
    assert keeps(log, SimConfig(gain=2.4)) and keeps(log, SimConfig(gain=2.0))   # σ_w² 4 ≥ 4
    assert not keeps(log, SimConfig(gain=1.9))                                  # 3.61: linear
    # a linear axis stretched to 1.5·σ_w² (8.64) serves beyond 6 too, up to its top
    assert keeps(linear, SimConfig(gain=2.5)) and not keeps(linear, SimConfig(gain=3.0))
    # and below a small σ_w² to 1/1.5 of it (a review: at its own σ_w² exactly, a drag down
    # from gain 0.12 made a new diagram at every step, gelu's in seconds each)
    small = default_ranges(SimConfig(gain=0.1))
    assert keeps(small, SimConfig(gain=0.09)) and not keeps(small, SimConfig(gain=0.08))
    far = default_ranges(SimConfig(gain=1e6))
    assert keeps(far, SimConfig(gain=1e5)) and not keeps(far, SimConfig(gain=1e4))
    assert not keeps(linear, SimConfig(gain=3.9, bias_std=1.0))   # σ_b² beyond its rows


@pytest.mark.parametrize("activation, refined", [("tanh", True), ("gelu", False),
                                                 ("softplus", False), ("relu", False)])
def test_the_line_is_refined_only_where_it_bends(activation, refined):
    """Review: refining every line made gelu's diagram 1.8× slower (its solves cost ~0.1 s);
    softplus's constant line (2.0 at every row, 1e-12 apart by rounding) was refined too."""
    from engine.activations import activation_for
    from engine.phase import LINE_POINTS, critical_line

    rows = np.linspace(0.0, 0.3, 7)   # (gelu's solves cost ~0.1 s each)
    at_rows, b, w = critical_line(activation_for(SimConfig(activation=activation)), rows)
    assert b.size == rows.size + (LINE_POINTS if refined else 0) == w.size
    np.testing.assert_allclose(w[np.isin(b, rows)], at_rows, rtol=1e-12)


@pytest.mark.parametrize("values", [
    {"activation": "linear", "alpha": 1e6},                               # line at 10⁻¹²
    {"activation": "leaky_relu", "negative_slope": -1000.0, "init": "he"},  # at 2·10⁻⁶
    {"activation": "tanh", "bias_std": 3.0},         # the line bends to 7.6 at σ_b² = 9.9
    {"activation": "tanh", "bias_std": 1e3},
])
def test_the_default_ranges_hold_the_critical_line_and_the_network(values):
    """A breaker's tour: in these the line was off the axis (left of 0.02, right of 4), or
    the ordered phase invisible, so the diagram showed one colour and no line."""
    from engine.phase import default_ranges

    config = SimConfig(**values)
    ranges = default_ranges(config)
    diagram = phase_diagram(config, ranges=ranges, size=9)
    line = diagram.line_sigma_w2
    assert np.isfinite(line).all()
    low = ranges.sigma_w2[0] if ranges.log_sigma_w2 else 0.0   # a linear axis starts near 0
    assert (line > low).all() and (line < ranges.sigma_w2[1]).all()
    assert ranges.contains(*current_point(config))
    assert (diagram.log10_chi1 < 0).any() and (diagram.log10_chi1 > 0).any()


def test_phase_kind_names_each_side_of_the_critical_line():
    from engine.phase import CRITICAL_DECADES, phase_kind

    assert phase_kind(0.0) == phase_kind(0.9 * CRITICAL_DECADES) == "critical"
    assert phase_kind(-0.3) == phase_kind(-math.inf) == "ordered"   # χ₁ = 0: zero weights
    assert phase_kind(0.2) == "chaotic"
    assert phase_kind(0.2, fixed_point=False) == "exploding"   # relu: q grows without bound
    assert phase_kind(math.nan) == phase_kind(math.inf) == "undefined"


def test_a_network_point_knows_when_its_hidden_layers_differ():
    """0.5, 1.5 (widths 8 → 24 → 8 under Xavier, n_{t−1}γ_t = 2n_{t−1}/(n_{t−1} + n_t)): the ★
    at their median is not every layer's; equal widths give one σ_w²."""
    from engine.phase import network_point

    equal = network_point(SimConfig.from_dict({}))
    assert equal.sigma_w2_span[0] == pytest.approx(equal.sigma_w2_span[1])
    assert not equal.layers_differ()
    mixed = network_point(SimConfig.from_dict({"widths": [8, 8, 24, 8, 8]}))
    lo, hi = mixed.sigma_w2_span
    assert mixed.layers_differ() and hi == pytest.approx(3 * lo)


def test_the_line_is_told_a_jump_where_chi1_never_equals_one():
    """A researcher's tour: gelu's line at σ_b² = 0 (σ_w² = 2.35) was labelled χ₁ = 1, while
    χ₁ goes from 0.59 (q collapses) to 1.18 (q diverges) across it: a jump. tanh, selu and
    softplus (whose χ₁ nears 1 slowly as its q* grows without bound) cross."""
    from engine.activations import activation_for
    from engine.theory import GaussianExpectations, critical_weight_variance, jumps_over_one
    from engine.theory import log_chi1_limits

    # (gelu at 0.16 and swish at 0.5 jump between values below 1: 0.946 to 0.997, a review)
    bias = np.array([0.0, 0.05, 0.1, 0.16, 0.3, 0.5])
    expected = {"gelu": [True, True, True, False, False, False], "swish": [True] * 5 + [False],
                "tanh": [False] * 6, "selu": [False] * 6, "softplus": [False] * 6,
                "relu": [False] * 6}
    for name, jumps in expected.items():
        act = activation_for(SimConfig.from_dict({"activation": name}))
        line = critical_weight_variance(act, bias)
        assert jumps_over_one(act, line, bias).tolist() == jumps, name
    gelu = activation_for(SimConfig.from_dict({"activation": "gelu"}))
    line = critical_weight_variance(gelu, 0.0)
    sides = [log_chi1_limits(GaussianExpectations(gelu), np.array([line * f]), np.zeros(1))[0]
             for f in (0.99, 1.01)]
    assert math.exp(sides[0][0]) == pytest.approx(0.59, abs=0.02)
    assert math.exp(sides[1][0]) == pytest.approx(1.18, abs=0.02)
    diagram = phase_diagram(SimConfig(activation="swish"),
                            ranges=PhaseRanges((1.0, 3.0), (0.0, 0.5)), size=5)
    assert diagram.line_jumps.tolist() == [True] * 4 + [False]


def test_the_line_is_dashed_where_it_jumps_and_its_bound_is_where_the_dashes_end():
    """A visual check: the caption said "≤ 0.15" beside dashes running to 0.158, the first
    point that crosses (the dashes reach the solid points beside them)."""
    from gui.phase_cells import jump_bound, line_parts

    b = np.array([0.0, 0.1, 0.15, 0.158, 0.2])
    jumps = np.array([True, True, True, False, False])
    solid, dashed = line_parts(np.array([2.3, 2.2, 2.1, 2.0, 1.98]), jumps)
    assert np.isnan(solid[:3]).all() and np.isfinite(solid[3:]).all()
    assert np.isfinite(dashed[:4]).all() and np.isnan(dashed[4])     # joined at 0.158
    assert jump_bound(jumps, b) == (0.158, False)
    assert jump_bound(np.ones(5, bool), b) == (0.2, True)
    assert jump_bound(np.zeros(5, bool), b) == (None, False) == jump_bound(None, b)
