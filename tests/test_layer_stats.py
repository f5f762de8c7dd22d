"""Per-layer sums gathered during a pass and the statistics derived from them at the end."""

import numpy as np
import pytest

from engine.layer_stats import HIST_BINS, PassSums


def _layers(rng):
    """Arrays of several widths: ordinary, mean-dominated, tiny (squares underflow float32)
    and huge (squares overflow float32)."""
    return [rng.standard_normal((64, 12)).astype(np.float32),
            (1e3 + rng.standard_normal((64, 7))).astype(np.float32),
            (1e-21 * rng.standard_normal((64, 12))).astype(np.float32),
            (1e21 * rng.standard_normal((64, 5))).astype(np.float32)]


def test_moments_pooled_and_scales_match_float64_numpy():
    rng = np.random.default_rng(1)
    arrays = _layers(rng)
    sums = PassSums([a.shape[1] for a in arrays], batch=64)
    scales = [0.0, 1.5, -3.0, 2.0]
    for t, (a, s) in enumerate(zip(arrays, scales)):
        second = sums.add(t, a, s)
        assert second == pytest.approx(np.mean(a.astype(np.float64) ** 2), rel=1e-5)
    mean, var = sums.unit_moments()
    mu, pooled = sums.pooled(mean, var)
    for t, a in enumerate(arrays):
        a64 = a.astype(np.float64)
        n = a.shape[1]
        np.testing.assert_allclose(mean[t, :n], a64.mean(axis=0), rtol=1e-5)
        np.testing.assert_allclose(var[t, :n], a64.var(axis=0), rtol=1e-4)
        assert np.isnan(mean[t, n:]).all()
        assert pooled[t] == pytest.approx(a64.var(), rel=1e-4)
        assert sums.log10_var(pooled)[t] == pytest.approx(
            np.log10(a64.var()) + 2 * scales[t] / np.log(10), abs=1e-5)


def test_discarded_layers_have_no_statistics():
    a = np.ones((8, 4), dtype=np.float32)
    sums = PassSums([4, 4], batch=8)
    sums.add(0, a, 0.0)
    sums.add(1, a, 0.0)
    sums.discard(1)
    mu, pooled = sums.pooled(*sums.unit_moments())
    assert mu[0] == 1.0 and pooled[0] == 0.0 and np.isnan(mu[1]) and np.isnan(pooled[1])


def test_histograms_match_numpy_for_bounded_and_standardized_layers():
    rng = np.random.default_rng(2)
    widths = [16, 16, 9]
    bounded_sums = PassSums(widths, batch=32, histograms=True, bounds=(-1.0, 1.0))
    standardized_sums = PassSums(widths, batch=32, histograms=True)
    layers = [rng.standard_normal((32, 16)).astype(np.float32),          # the input
              np.tanh(3 * rng.standard_normal((32, 16))).astype(np.float32),
              np.tanh(rng.standard_normal((32, 9))).astype(np.float32)]
    layers[1][0, :3] = [1.0, -1.0, 1.0]   # saturated units: on the bounds exactly
    for sums in (bounded_sums, standardized_sums):
        for t, a in enumerate(layers):
            sums.add(t, a, 0.0)
            sums.keep_sample(t, a)
    mu, pooled = standardized_sums.pooled(*standardized_sums.unit_moments())
    bounded = bounded_sums.histograms()
    standardized = standardized_sums.histograms()
    for t, a in enumerate(layers):
        values = a.astype(np.float64).ravel()
        if t:   # σ's values: all inside [−1, 1]
            expected, _ = np.histogram(values, bins=HIST_BINS, range=(-1, 1), density=True)
            np.testing.assert_allclose(bounded[t], expected, atol=1e-9)
        sd = np.sqrt(pooled[t])
        inside, _ = np.histogram(values, bins=HIST_BINS, range=(mu[t] - 4 * sd, mu[t] + 4 * sd))
        np.testing.assert_allclose(standardized[t] * values.size * 8 / HIST_BINS, inside,
                                   atol=1e-6)


def test_the_input_layer_does_not_pile_values_beyond_a_bounded_range_into_the_last_bin():
    rng = np.random.default_rng(4)
    sums = PassSums([32, 32], batch=64, histograms=True, bounds=(-1.0, 1.0))
    x = rng.standard_normal((64, 32)).astype(np.float32)   # layer 0: N(0, 1), not bounded
    h = np.tanh(x)
    for t, a in enumerate((x, h)):
        sums.add(t, a, 0.0)
        sums.keep_sample(t, a)
    density = sums.histograms()
    inside = x[np.abs(x) <= 1].astype(np.float64)
    expected, _ = np.histogram(inside, bins=HIST_BINS, range=(-1, 1))
    np.testing.assert_allclose(density[0] * x.size * 2 / HIST_BINS, expected, atol=1e-6)
