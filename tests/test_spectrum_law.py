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
    assert v[-1] == log10_edge(depth) == pytest.approx(
        math.log10((depth + 1) ** (depth + 1) / depth ** depth))


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
                                    {"widths": [64, 128, 64]}])
def test_no_law_where_it_is_not_a_product_of_gaussian_matrices(change):
    base = {"activation": "identity", "init": "xavier", "batch": 8}
    config = SimConfig.from_dict({**base, "depth": 2, "width": 64, **change} if "widths" not in
                                 change else {**base, **change})
    assert jacobian_spectrum(config).free_law() is None
