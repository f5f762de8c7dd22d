"""The law of a linear or relu network's Jacobian at infinite width
(engine.theory.free_products), against closed forms, and networks' singular values against it."""

import math

import numpy as np
import pytest

from engine import SimConfig
from engine.spectrum import jacobian_spectrum
from engine.theory import jacobian_spread
from engine.theory.free_products import log10_density, log10_edge


def fuss_catalan(depth: int) -> tuple[np.ndarray, np.ndarray]:
    """The Fuss–Catalan law's own parametric form (Haagerup & Möller 2012; Neuschel 2014),
    φ ∈ (0, π/(L+1)): y = sin((L+1)φ)^{L+1}/(sin φ · sin(Lφ)^L), ρ = sin²φ · sin(Lφ)^{L−1} /
    (π sin((L+1)φ)^L); (log₁₀ y, ln 10 · y · ρ) ascending, φ dense towards both ends."""
    L = depth
    t = np.concatenate([np.geomspace(1e-9, 0.05, 20_000), np.linspace(0.05, 1, 20_000)[1:-1]])
    phi = math.pi / (L + 1) * (1 - t)
    a_next, a_one, a_L = (np.log(np.sin(k * phi)) for k in (L + 1, 1, L))
    log_y = (L + 1) * a_next - a_one - L * a_L
    log_rho = 2 * a_one + (L - 1) * a_L - math.log(math.pi) - L * a_next
    return log_y / math.log(10), math.log(10) * np.exp(log_y + log_rho)


@pytest.mark.parametrize("depth", [1, 2, 5, 50, 1000])
@pytest.mark.parametrize("keep", [1.0, 0.5])
def test_the_moments(depth, keep):
    """E[y^k] over all n values: the Fuss–Catalan numbers C((L+1)k, k)/(Lk + 1) unmasked (1, 1,
    L + 1, …); masked by relu, mass ½ beside the atom at 0, mean 1, and E[y²] = 2L + 1, the
    spread 2L that `jacobian_spread` gives a relu net of equal widths."""
    v, p = log10_density(depth, keep, points=4000)
    assert np.all(np.diff(v) > 0) and np.all(p >= 0)
    moments = [np.trapezoid(10.0 ** (k * v) * p, v) for k in range(4)]
    if keep == 1.0:
        expected = [math.comb((depth + 1) * k, k) / (depth * k + 1) for k in range(4)]
    else:
        config = SimConfig.from_dict({"activation": "relu", "init": "he", "depth": depth,
                                      "width": 64})
        expected = [0.5, 1.0, float(jacobian_spread([config])[0]) + 1.0]
        assert expected[2] == pytest.approx(2 * depth + 1)
    assert moments[:len(expected)] == pytest.approx(expected, rel=1e-4)
    assert v[-1] - v[-2] < 1e-3 and p[-2] < 0.01 * p.max()   # the curve runs into the edge


@pytest.mark.parametrize("depth", [1, 3, 50])
def test_unmasked_it_is_the_fuss_catalan_law(depth):
    """The same curve as the Fuss–Catalan law's own parametric form, and its edge
    (L+1)^{L+1}/L^L; at depth 1 Marchenko–Pastur's √(4 − y)/(2π√y)."""
    v, p = log10_density(depth, start=log10_edge(depth) - 12, points=300)
    reference_v, reference_p = fuss_catalan(depth)
    inside = v[:-1] > reference_v[0]
    assert inside.sum() > 250
    np.testing.assert_allclose(p[:-1][inside],
                               np.interp(v[:-1][inside], reference_v, reference_p), rtol=2e-3)
    assert log10_edge(depth) == pytest.approx(
        math.log10((depth + 1) ** (depth + 1) / depth ** depth))
    if depth == 1:
        y = 10.0 ** v[:-1]
        np.testing.assert_allclose(p[:-1], math.log(10) * y * np.sqrt(4 - y)
                                   / (2 * math.pi * np.sqrt(y)), rtol=1e-6)


def test_relu_at_depth_one_is_marchenko_pastur_of_ratio_one_half():
    """One matrix with half its rows masked: Marchenko–Pastur of ratio ½ (mean 1 over all n),
    support (√2 ∓ 1)² = 3 ∓ 2√2."""
    v, p = log10_density(1, 0.5, points=2000)
    assert 10 ** v[0] == pytest.approx(3 - 2 * math.sqrt(2), rel=1e-3)
    assert 10 ** v[-1] == pytest.approx(3 + 2 * math.sqrt(2), rel=1e-9)
    y = 10.0 ** v[1:-1]   # the half not 0: MP of ratio ½ in y = 2λ, of mass ½
    lo, hi = 3 - 2 * math.sqrt(2), 3 + 2 * math.sqrt(2)
    rho = np.sqrt(np.clip((hi - y) * (y - lo), 0, None)) / (4 * math.pi * y)
    np.testing.assert_allclose(p[1:-1], math.log(10) * y * rho, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("depth", [1, 30, 1000])
def test_a_curve_from_a_start_is_evenly_spread_and_on_the_law(depth):
    """From `start` to the edge in even steps (its points' v and p from their own θ, so a
    coarse grid of θ cannot bend the curve): the same density as the dense curve's."""
    start = log10_edge(depth) - 20
    v, p = log10_density(depth, start=start, points=400)
    assert v[0] == pytest.approx(max(start, log10_density(depth)[0][0]), abs=1e-3)
    np.testing.assert_allclose(np.diff(v), (v[-1] - v[0]) / (len(v) - 1), rtol=0.05)
    dense_v, dense_p = log10_density(depth, points=20_000)
    inside = (v > dense_v[0]) & (v < v[-1] - 0.5)
    np.testing.assert_allclose(p[inside], np.interp(v[inside], dense_v, dense_p), rtol=2e-3)


@pytest.mark.parametrize("setting", [
    {"activation": "identity", "init": "xavier", "depth": 10, "width": 256},
    {"activation": "linear", "alpha": 0.9, "beta": 0.3, "init": "he", "distribution": "uniform",
     "depth": 4, "width": 400, "gain": 1.3},
    {"activation": "leaky_relu", "negative_slope": -1.0, "init": "lecun", "depth": 5,
     "width": 256, "bias_std": 0.5},   # σ(x) = |x|: σ' = ±1, D_t orthogonal
    {"activation": "relu", "init": "he", "depth": 10, "width": 512, "bias_std": 0.3},
    {"activation": "leaky_relu", "negative_slope": 0.0, "init": "xavier", "depth": 3,
     "width": 300, "distribution": "truncated_normal"},
])
def test_a_networks_singular_values_follow_the_law(setting):
    """Quantiles of log₁₀ s of one network (its J at one input) within 0.1 decades of the
    law's, scaled by the theory's mean s² (αx + β: J scales by α per layer, β drops out;
    relu: its zeros at the float64 floor, the law's atom at 0), counted from the largest."""
    spectrum = jacobian_spectrum(SimConfig.from_dict({**setting, "batch": 8}))
    u, p = spectrum.free_law()
    cdf = np.concatenate([[0.0], np.cumsum(np.diff(u) * (p[1:] + p[:-1]) / 2)])
    assert cdf[-1] == pytest.approx(spectrum.kept_share(), abs=1e-3)
    values = np.sort(spectrum.log10_singular_values)[::-1]
    for share in (0.1, 0.4, 0.7):   # of the values not 0, from the top
        law = np.interp(cdf[-1] * (1 - share), cdf, u)
        shown = values[int(share * spectrum.kept_share() * len(values))]
        assert shown == pytest.approx(law, abs=0.1), share   # (a wrong law: 0.17)
    assert values[0] <= u[-1] + 0.05   # (the largest s nears the edge from below)


@pytest.mark.parametrize("change", [{"activation": "tanh"}, {"distribution": "orthogonal"},
                                    {"widths": [64, 128, 64]}, {"depth": 80, "width": 64},
                                    {"depth": 10, "width": 1},   # (one value: no law, a tour)
                                    {"activation": "leaky_relu", "negative_slope": 0.5}])
def test_no_law_where_free_probability_gives_none_here(change):
    base = {"activation": "identity", "init": "xavier", "batch": 8}
    config = SimConfig.from_dict({**base, "depth": 2, "width": 64, **change} if "widths" not in
                                 change else {**base, **change})
    assert jacobian_spectrum(config).free_law() is None
