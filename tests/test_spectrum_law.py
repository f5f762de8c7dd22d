"""The Fuss–Catalan law of a linear network's Jacobian (engine.theory.fuss_catalan), against
its closed forms, and one network's singular values against it."""

import math

import numpy as np
import pytest

from engine import SimConfig
from engine.spectrum import jacobian_spectrum
from engine.theory.fuss_catalan import log10_density, log10_edge


@pytest.mark.parametrize("depth", [1, 2, 5, 50, 1000])
def test_the_moments_are_the_fuss_catalan_numbers(depth):
    """E[y^k] = C((L+1)k, k)/(Lk + 1): 1, 1, L + 1, … (the density integrates to 1, its mean
    square singular value is 1), and the support ends at (L+1)^{L+1}/L^L."""
    v, p = log10_density(depth, points=4000)
    assert np.all(np.diff(v) > 0) and np.all(p >= 0)
    for k in range(4):
        expected = math.comb((depth + 1) * k, k) / (depth * k + 1)
        assert np.trapezoid(10.0 ** (k * v) * p, v) == pytest.approx(expected, rel=1e-4)
    assert log10_edge(depth) == pytest.approx(
        math.log10((depth + 1) ** (depth + 1) / depth ** depth))
    assert v[-1] - v[-2] < 1e-3 and p[-2] < 0.01 * p.max()   # the curve runs into the edge


@pytest.mark.parametrize("depth", [1, 30, 1000])
def test_a_curve_from_a_start_is_evenly_spread_and_on_the_law(depth):
    """From `start` to the edge in even steps (its points' v and p from their own φ, so a
    coarse grid of φ cannot bend the curve): the same density as the dense curve's."""
    start = log10_edge(depth) - 20
    v, p = log10_density(depth, start=start, points=400)
    assert v[0] == pytest.approx(start, abs=1e-3) and v[-1] == log10_edge(depth)
    np.testing.assert_allclose(np.diff(v), (v[-1] - start) / 399, rtol=0.05)
    dense_v, dense_p = log10_density(depth, points=20_000)
    inside = (v > dense_v[0]) & (v < v[-1] - 0.5)
    np.testing.assert_allclose(p[inside], np.interp(v[inside], dense_v, dense_p), rtol=2e-3)


def test_depth_one_is_marchenko_pastur():
    """One square Gaussian matrix: ρ(y) = √(4 − y)/(2π√y) on (0, 4]."""
    v, p = log10_density(1)
    y = 10.0 ** v[:-1]
    marchenko_pastur = np.sqrt(4 - y) / (2 * math.pi * np.sqrt(y))
    np.testing.assert_allclose(p[:-1], math.log(10) * y * marchenko_pastur, rtol=1e-9)
    assert log10_edge(1) == pytest.approx(math.log10(4))


@pytest.mark.parametrize("setting", [
    {"activation": "identity", "init": "xavier", "depth": 10, "width": 256},
    {"activation": "linear", "alpha": 0.9, "beta": 0.3, "init": "he", "distribution": "uniform",
     "depth": 4, "width": 400, "gain": 1.3},
    {"activation": "leaky_relu", "negative_slope": -1.0, "init": "lecun", "depth": 5,
     "width": 256, "bias_std": 0.5},   # σ(x) = |x|: σ' = ±1, D_t orthogonal
])
def test_a_linear_networks_singular_values_follow_the_law(setting):
    """Quantiles of log₁₀ s of one network (its J at one input) within 0.15 decades of the
    law's, scaled by the theory's mean s² (αx + β: J scales by α per layer, β drops out)."""
    spectrum = jacobian_spectrum(SimConfig.from_dict({**setting, "batch": 8}))
    u, p = spectrum.free_law()
    assert p.sum() > 0 and u[-1] == pytest.approx(
        (spectrum.theory_log10_mean_sq + log10_edge(spectrum.config.depth)) / 2)
    cdf = np.concatenate([[0.0], np.cumsum(np.diff(u) * (p[1:] + p[:-1]) / 2)])
    assert cdf[-1] == pytest.approx(1.0, abs=1e-3)   # (the curve as drawn: 600 points)
    values = spectrum.log10_singular_values
    for q in (0.1, 0.5, 0.9):
        assert np.quantile(values, q) == pytest.approx(np.interp(q, cdf, u), abs=0.15), q
    assert values.max() <= u[-1] + 0.05   # (the largest s nears the edge from below)


@pytest.mark.parametrize("change", [{"activation": "tanh"}, {"distribution": "orthogonal"},
                                    {"widths": [64, 128, 64]}, {"depth": 80, "width": 64},
                                    {"activation": "leaky_relu", "negative_slope": 0.5}])
def test_no_law_where_it_is_not_a_product_of_gaussian_matrices(change):
    base = {"activation": "identity", "init": "xavier", "batch": 8}
    config = SimConfig.from_dict({**base, "depth": 2, "width": 64, **change} if "widths" not in
                                 change else {**base, **change})
    assert jacobian_spectrum(config).free_law() is None
