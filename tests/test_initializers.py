"""Variance rules γ_t and distributions: every distribution has variance exactly γ."""

import math

import numpy as np
import pytest

from engine.config import SimConfig
from engine.initializers import (TRUNCATED_NORMAL_VAR, layer_variance, layer_variances,
                                 standardized_weights)


def test_variance_rules():
    assert layer_variance("constant", 10, 20, variance=0.3) == pytest.approx(0.3)
    assert layer_variance("xavier", 100, 300) == pytest.approx(2 / 400)
    assert layer_variance("he", 100, 300) == pytest.approx(2 / 100)
    assert layer_variance("he", 100, 300, mode="fan_out") == pytest.approx(2 / 300)
    assert layer_variance("lecun", 100, 300, mode="fan_avg") == pytest.approx(1 / 200)
    assert layer_variance("xavier", 100, 300, gain=3.0) == pytest.approx(9 * 2 / 400)


def test_layer_variances_of_a_config():
    c = SimConfig.from_dict({"widths": [784, 256, 10], "init": "xavier"})
    np.testing.assert_allclose(layer_variances(c), [2 / 1040, 2 / 266])


def test_truncated_normal_constant():
    # Var of N(0,1) cut at ±2, from the closed form with erf.
    phi2 = math.exp(-2) / math.sqrt(2 * math.pi)
    assert TRUNCATED_NORMAL_VAR == pytest.approx(1 - 4 * phi2 / math.erf(math.sqrt(2)), rel=1e-15)
    assert TRUNCATED_NORMAL_VAR == pytest.approx(0.7737413, abs=1e-6)


@pytest.mark.parametrize("dist", ["normal", "uniform", "truncated_normal", "orthogonal"])
@pytest.mark.parametrize("shape", [(300, 300), (200, 500), (500, 200)])
def test_every_distribution_has_unit_mean_square(dist, shape):
    """Standardized draws have mean square 1, so √γ·Z has variance γ. With N = 1e5..2.5e5
    entries the sample mean square has standard error ≤ √(Var[z²]/N) ≤ √(2/1e5) ≈ 0.0045;
    5 standard errors give the 0.025 tolerance."""
    rng = np.random.default_rng(1)
    z = standardized_weights(rng, *shape, dist)
    assert z.shape == shape and z.dtype == np.float32
    assert np.mean(z.astype(np.float64) ** 2) == pytest.approx(1.0, abs=0.025)
    assert abs(np.mean(z)) < 0.02
    if dist == "orthogonal":
        # Orthogonality is exact, so it holds to float32 precision.
        assert np.mean(z.astype(np.float64) ** 2) == pytest.approx(1.0, rel=1e-5)


def test_uniform_bounds_and_truncation():
    rng = np.random.default_rng(2)
    u = standardized_weights(rng, 400, 400, "uniform")
    assert u.min() >= -math.sqrt(3) - 1e-6 and u.max() <= math.sqrt(3) + 1e-6
    t = standardized_weights(rng, 400, 400, "truncated_normal")
    assert np.abs(t).max() <= 2 / math.sqrt(TRUNCATED_NORMAL_VAR) + 1e-5


def test_xavier_uniform_is_the_lecture_interval():
    """The lecture: U(−√(6/(n_in+n_out)), +√(6/(n_in+n_out)))."""
    n_in, n_out = 100, 300
    gamma = layer_variance("xavier", n_in, n_out)
    bound = math.sqrt(gamma) * math.sqrt(3)
    assert bound == pytest.approx(math.sqrt(6 / (n_in + n_out)))


@pytest.mark.parametrize("shape", [(64, 64), (32, 80), (80, 32)])
def test_orthogonal_is_orthogonal(shape):
    rng = np.random.default_rng(3)
    z = standardized_weights(rng, *shape, "orthogonal").astype(np.float64)
    q = z / math.sqrt(max(shape))
    small = min(shape)
    gram = q.T @ q if shape[0] >= shape[1] else q @ q.T
    np.testing.assert_allclose(gram, np.eye(small), atol=1e-5)


def test_orthogonal_is_haar_not_biased():
    """Sign correction: the mean of the diagonal of many 2×2 draws is 0, not positive."""
    rng = np.random.default_rng(4)
    diag = [standardized_weights(rng, 2, 2, "orthogonal")[0, 0] for _ in range(2000)]
    assert abs(np.mean(diag)) < 0.08


def test_he_accounts_for_the_leaky_relu_slope():
    """He et al. 2015 (eq. 15), as torch.nn.init.kaiming_normal_(a=...): γ = 2/((1 + a²)·fan),
    so a leaky relu net keeps its variance, forward and backward (χ₁ = 1 at every layer)."""
    from engine import SimConfig, mean_field
    from engine.initializers import layer_variances

    config = SimConfig.from_dict({"activation": "leaky_relu", "negative_slope": 0.2,
                                  "init": "he", "depth": 50, "width": 256})
    assert layer_variances(config) == pytest.approx(2 / (1.04 * 256), rel=1e-15)
    theory = mean_field(config)
    assert theory.chi1[1:] == pytest.approx(1.0, rel=1e-12)
    assert theory.log10_preact_var[1:] == pytest.approx(theory.log10_preact_var[1], abs=1e-12)
    relu = config.with_values(activation="relu")   # the slope of an unused leaky relu is moot
    assert layer_variances(relu) == pytest.approx(2 / 256, rel=1e-15)
