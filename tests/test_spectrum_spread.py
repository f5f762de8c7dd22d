"""The spread Var[s²]/E[s²]² of the Jacobian's singular values at infinite width
(`engine.theory.jacobian_spread`, free probability): its closed forms, the ratio
E[σ'⁴]/E[σ'²]² it adds up layer by layer, and one network's spectrum beside it."""

import math

import numpy as np
import pytest

from engine import SimConfig
from engine.activations import activation_for
from engine.spectrum import jacobian_spectrum
from engine.theory import GaussianExpectations, jacobian_spread


def spread(**settings) -> float:
    return float(jacobian_spread([SimConfig.from_dict(settings)])[0])


def test_closed_forms():
    # a product of L Gaussian matrices: Fuss–Catalan moments, E λ² / (E λ)² = L + 1
    for depth in (1, 5, 50):
        assert spread(depth=depth, width=64, activation="identity") == pytest.approx(depth)
    assert spread(depth=30, width=64, activation="identity", distribution="orthogonal") == 0.0
    # relu: σ'² is 0 or 1 with probability ½, E[σ'⁴]/E[σ'²]² = 2 at every layer and scale
    assert spread(depth=10, width=64, activation="relu", init="he") == pytest.approx(20)
    assert spread(depth=10, width=64, activation="relu", init="he", gain=3.0,
                  bias_std=0.5) == pytest.approx(20)
    assert spread(depth=10, width=64, activation="relu",
                  distribution="orthogonal") == pytest.approx(10)   # L(μ₂/μ₁² − 1)
    s = 0.2
    assert spread(depth=4, width=64, activation="leaky_relu", negative_slope=s) == \
        pytest.approx(4 * 2 * (1 + s ** 4) / (1 + s * s) ** 2)
    # one layer: Marchenko–Pastur's λ = n_small/n_large, and none for (semi-)orthogonal W
    assert spread(widths="100,300", activation="identity") == pytest.approx(1 / 3)
    assert spread(widths="300,100", activation="identity") == pytest.approx(1 / 3)
    for widths in ("100,300", "300,100"):
        assert spread(widths=widths, activation="identity",
                      distribution="orthogonal") == pytest.approx(0.0, abs=1e-15)
    # exactly none for any orthogonal linear net (the quadrature's 10⁻¹⁵ had read as a spread)
    for alpha in (0.7, 1.3):
        assert spread(depth=10, width=64, activation="linear", alpha=alpha,
                      distribution="orthogonal") == 0.0
    # the scale of the weights does not enter a homogeneous σ's spread
    assert spread(depth=6, width=64, activation="identity", gain=1e-3) == pytest.approx(6)


def test_one_singular_value_and_a_zero_jacobian():
    assert spread(widths="64,64,1", activation="tanh") == 0.0
    assert spread(widths="1,64,64", activation="tanh") == 0.0
    # a width-1 layer between: rank one, one s ≠ 0 beside 63 zeros
    assert spread(widths="64,1,64", activation="tanh") == 63.0
    c = SimConfig.from_dict({"widths": "64,1,64", "activation": "tanh"})
    assert jacobian_spectrum(c).eig_normalized_var == pytest.approx(63.0)
    assert math.isnan(spread(depth=3, width=8, init="zeros"))
    assert math.isnan(spread(depth=3, width=8, activation="linear", alpha=0.0))


def _ratio(activation: str, q: float) -> float:
    g = GaussianExpectations(activation_for(SimConfig.from_dict({"activation": activation})))
    return float(g.slope_fourth_ratio(np.array([math.log(q)]))[0])


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "gelu", "elu", "swish", "softplus"])
@pytest.mark.parametrize("q", [0.3, 2.0, 50.0])
def test_the_ratio_against_a_fine_grid(activation, q):
    """E[σ'(√q z)⁴]/E[σ'(√q z)²]² by the trapezoid rule on 400 001 points over ±12."""
    z = np.linspace(-12, 12, 400_001)
    w = np.exp(-0.5 * z * z)
    d2 = activation_for(SimConfig.from_dict({"activation": activation})).df(math.sqrt(q) * z) ** 2
    expected = np.trapezoid(w * d2 * d2, z) * np.trapezoid(w, z) / np.trapezoid(w * d2, z) ** 2
    assert _ratio(activation, q) == pytest.approx(expected, rel=1e-8)


def test_the_ratio_at_the_ends_of_q():
    # σ' → σ'(0) as q → 0: 1 for a smooth σ, selu's two slopes λ and λα on either side
    assert _ratio("tanh", 1e-30) == pytest.approx(1.0, abs=1e-12)
    alpha = 1.6732632423543772
    assert _ratio("selu", 1e-30) == pytest.approx(2 * (1 + alpha ** 4) / (1 + alpha ** 2) ** 2,
                                                  rel=1e-15)
    assert _ratio("selu", 1e-10) == pytest.approx(_ratio("selu", 1e-30), rel=1e-4)   # O(√q)
    # a bounded σ: σ'(√q z) is a bump of width 1/√q; tanh' = sech², ∫sech⁴ = 4/3, ∫sech⁸ = 32/35
    for q in (1e20, 1e40, 1e100):
        assert _ratio("tanh", q) == pytest.approx(
            math.sqrt(q) * (32 / 35) * math.sqrt(2 * math.pi) / (4 / 3) ** 2, rel=1e-9)
    assert _ratio("gelu", 1e40) == pytest.approx(2.0)   # σ' a step


def test_a_deep_exploding_net_evaluates_each_clipped_q_once():
    """gelu at gain 10⁶: hundreds of layers beyond q = 10³² took 200 ms, one quadrature each
    (not timed here: the value is checked, and that it equals the shallow net's per layer)."""
    deep = spread(depth=1000, width=64, activation="gelu", gain=1e6)
    assert deep == pytest.approx(2 * 1000, rel=1e-3)


@pytest.mark.parametrize("settings", [
    {"depth": 8, "width": 400, "activation": "tanh", "gain": 2.0},
    {"depth": 8, "width": 400, "activation": "sigmoid"},
    {"depth": 8, "width": 400, "activation": "tanh", "distribution": "orthogonal", "gain": 1.05,
     "bias_std": 0.05},
    {"widths": "300,600,400,200,500", "activation": "tanh", "distribution": "orthogonal"},
    {"widths": "500,600,400,200,300", "activation": "relu", "init": "he",
     "distribution": "orthogonal"},
])
def test_networks_spread_as_the_theory_says(settings):
    """Three networks' Var[s²]/E[s²]² average within 12 % of the infinite-width value (at
    these widths their finite-width spread is ~5 %; the spectra are float64)."""
    spectra = [jacobian_spectrum(SimConfig.from_dict({**settings, "seed": seed}))
               for seed in range(3)]
    theory = spectra[0].theory_eig_normalized_var
    assert theory == pytest.approx(spread(**settings))
    assert np.mean([s.eig_normalized_var for s in spectra]) == pytest.approx(theory, rel=0.12)
