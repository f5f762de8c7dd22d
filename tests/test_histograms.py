"""Histograms of a pass's layers (bounded by σ's range, or standardized) against numpy's."""

import numpy as np

from engine.histograms import HIST_BINS, Histograms
from engine.layer_stats import unit_moments


def _fill(hist, layers):
    for t, a in enumerate(layers):
        hist.add_layer(t, a, *(m[0] for m in unit_moments(a[None])))


def test_histograms_match_numpy_for_bounded_and_standardized_layers():
    rng = np.random.default_rng(2)
    layers = [rng.standard_normal((32, 16)).astype(np.float32),          # the input
              np.tanh(3 * rng.standard_normal((32, 16))).astype(np.float32),
              np.tanh(rng.standard_normal((32, 9))).astype(np.float32)]
    layers[1][0, :3] = [1.0, -1.0, 1.0]   # saturated units: on the bounds exactly
    bounded = Histograms(len(layers), (-1.0, 1.0))
    standardized = Histograms(len(layers), None)
    _fill(bounded, layers)
    _fill(standardized, layers)
    np.testing.assert_array_equal(bounded.edges(), np.linspace(-1, 1, HIST_BINS + 1))
    np.testing.assert_array_equal(standardized.edges(), np.linspace(-4, 4, HIST_BINS + 1))
    for t, a in enumerate(layers):
        values = a.astype(np.float64).ravel()
        if t:   # σ's values: all inside [−1, 1]
            expected, _ = np.histogram(values, bins=HIST_BINS, range=(-1, 1), density=True)
            np.testing.assert_allclose(bounded.density[t], expected, atol=1e-9)
        mu, sd = values.mean(), values.std()
        inside, _ = np.histogram(values, bins=HIST_BINS, range=(mu - 4 * sd, mu + 4 * sd))
        np.testing.assert_allclose(standardized.density[t] * values.size * 8 / HIST_BINS, inside,
                                   atol=1e-6)


def test_the_input_layer_does_not_pile_values_beyond_a_bounded_range_into_the_last_bin():
    rng = np.random.default_rng(4)
    hist = Histograms(2, (-1.0, 1.0))
    x = rng.standard_normal((64, 32)).astype(np.float32)   # layer 0: N(0, 1), not bounded
    _fill(hist, [x, np.tanh(x)])
    inside = x[np.abs(x) <= 1].astype(np.float64)
    expected, _ = np.histogram(inside, bins=HIST_BINS, range=(-1, 1))
    np.testing.assert_allclose(hist.density[0] * x.size * 2 / HIST_BINS, expected, atol=1e-6)
    # what is left out is said: the input's share beyond ±1, none of σ's values
    np.testing.assert_allclose(hist.beyond, [np.mean(np.abs(x) > 1), 0.0], atol=1e-12)


def test_a_layers_density_and_its_share_beyond_the_axis_make_up_all_its_values():
    """The input's N(0, 1) is a third beyond tanh's ±1 (2Φ(−1) = 0.3173) and two thirds
    beyond sigmoid's 0 … 1 (1/2 + Φ(−1) = 0.6587): a hover says so (a tour read column 0 as
    the whole input); relu's standardized layers leave out their values beyond ±4 sd."""
    import engine
    from engine.config import SimConfig

    for activation, input_beyond in (("tanh", 0.3173), ("sigmoid", 0.6587), ("relu", None)):
        mc = engine.simulate(SimConfig.from_dict({"activation": activation, "depth": 8,
                                                  "width": 128, "batch": 64})).monte_carlo
        width = np.diff(mc.hist_edges)[0]
        np.testing.assert_allclose(mc.hist_density.sum(axis=1) * width + mc.hist_beyond, 1.0,
                                   rtol=1e-12)
        if input_beyond is not None:   # 8192 values: a standard error of ≤ 0.0053
            assert abs(mc.hist_beyond[0] - input_beyond) < 0.02
            assert (mc.hist_beyond[1:] == 0).all()
        else:
            assert (mc.hist_beyond < 0.02).all() and (mc.hist_beyond[1:] > 0).any()


def test_the_standardized_axis_says_where_h_is_zero():
    """relu's outputs are ≥ 0, yet on the standardized axis its zeros sit at −mean/std, for
    h' ~ N(0, q): −√(q/2π) / √(q/2 − q/2π) = −1/√(π − 1) ≈ −0.683 (a teacher's tour: students
    would read negative relu outputs). A bounded σ's axis is h itself: no such position."""
    import math

    import engine
    from engine.config import SimConfig

    relu = engine.simulate(SimConfig.from_dict({"activation": "relu", "init": "he",
                                                "depth": 6, "width": 256})).monte_carlo
    assert relu.hist_standardized
    # (at width 256 the inputs' norms drift apart with depth, a mixture of q's: ±0.03 here)
    assert np.allclose(relu.hist_zero[1:], -1 / math.sqrt(math.pi - 1), atol=0.05)
    # the input, standard normal: its own −mean/std, near 0
    assert abs(relu.hist_zero[0]) < 0.05
    tanh = engine.simulate(SimConfig.from_dict({"depth": 6, "width": 64})).monte_carlo
    assert not tanh.hist_standardized and np.isnan(tanh.hist_zero).all()


def test_tiny_values_keep_their_side_of_zero_in_bounded_bins():
    """A tour: a vanished tanh's values (±1e-20, and stored values under a scale beyond
    float32) all read as the bin above 0, a positive offset; each lies on its own side."""
    rng = np.random.default_rng(5)
    tiny = (rng.standard_normal((32, 16)) * 1e-20).astype(np.float32)
    stored = rng.standard_normal((32, 16)).astype(np.float32)   # true values e^−200·x
    stored[0, :4] = [-1e-8, 1e-8, -3e-39, 3e-39]   # a product below float32's range: ±0
    hist = Histograms(3, (-1.0, 1.0))
    hist.add_layer(1, tiny, *(m[0] for m in unit_moments(tiny[None])))
    hist.add_layers([2], stored[None], None, None, scale=np.array([-200.0]))
    unit = 2.0 / HIST_BINS
    for t, values in ((1, tiny), (2, stored)):
        below = np.count_nonzero(values < 0) / values.size
        assert hist.density[t][HIST_BINS // 2 - 1] * unit == below
        assert hist.density[t][HIST_BINS // 2] * unit == 1 - below
    # values near a bin's edge land where numpy puts them (floor, not a rounded sum)
    edge = np.float32(np.nextafter(np.float32(unit), np.float32(0)))
    near = np.full((1, 4), edge, dtype=np.float32)
    check = Histograms(2, (-1.0, 1.0))
    check.add_layer(1, near, *(m[0] for m in unit_moments(near[None])))
    assert check.density[1][HIST_BINS // 2] * unit == 1.0


def test_a_layer_of_zero_weights_has_no_standardized_density():
    """A tour: under zero weights the identity's and relu's densities showed the input's
    bell at every layer, beside a readout of exactly zero variance from layer 1 (the pass
    keeps values at scale e^s = 0: every true value is 0). An unbounded σ's axis is
    standardized, and zero spread has none: no density, as elu and gelu had; a bounded σ
    piles every value on σ(0)'s bin."""
    from engine import SimConfig, simulate

    base = {"init": "zeros", "depth": 3, "width": 16, "batch": 32}
    for activation in ("identity", "relu", "elu"):
        mc = simulate(SimConfig.from_dict({**base, "activation": activation})).monte_carlo
        assert np.isfinite(mc.hist_density[0]).all()           # the input: N(0, 1)
        assert np.isnan(mc.hist_density[1:]).all(), activation
        assert np.isnan(mc.hist_zero[1:]).all()
    mc = simulate(SimConfig.from_dict({**base, "activation": "tanh"})).monte_carlo
    edges = mc.hist_edges
    at_zero = np.searchsorted(edges, 0.0, side="right") - 1
    width = edges[1] - edges[0]
    np.testing.assert_allclose(mc.hist_density[1:, at_zero], 1 / width)
    assert (np.delete(mc.hist_density[1:], at_zero, axis=1) == 0).all()
