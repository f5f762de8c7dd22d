"""Tests of engine.theory: Gaussian expectations against mpmath and closed forms, and the
mean-field recursions against the lecture's formulas (the literature's constants:
`test_theory_constants`)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from engine.activations import NAMES, make_activation
from engine.config import SimConfig
from engine.theory import (LOG_Q_HUGE, LOG_Q_TINY, GaussianExpectations, Theory,
                           gaussian_moments,
                           mean_field)

FIELDS = ("mean", "second", "var", "deriv_sq", "zphi")
# 30-digit mpmath values of every activation variant at q = 1e-8 … 1e8 (the data file says
# how to regenerate them: tests/data/make_gaussian_moments_reference.py)
REFERENCE = json.loads((Path(__file__).parent / "data" / "gaussian_moments_reference.json")
                       .read_text())


def _rel(expected, rel=1e-15):
    """pytest.approx with a relative tolerance only (its default abs=1e-12 would accept any
    pair of tiny numbers)."""
    return pytest.approx(expected, rel=rel, abs=0)


# -- mpmath reference --------------------------------------------------------------------------

@pytest.mark.parametrize("variant", REFERENCE["variants"], ids=lambda v: v["id"])
def test_gaussian_moments_match_mpmath(variant):
    act = make_activation(variant["name"], **variant["params"])
    failures = []
    for q_text, ref in variant["moments"].items():
        q = float(q_text)
        ref = {field: float(text) for field, text in ref.items()}
        got = gaussian_moments(act, q)
        for field in FIELDS:
            exact = ref[field]
            value = getattr(got, field)
            if field == "mean":
                # relative 1e-6, or 1e-12 of σ's scale for a mean that is (nearly) zero
                tol = max(1e-6 * abs(exact), 1e-12 * math.sqrt(ref["second"]))
            else:
                tol = 1e-6 * abs(exact)
            if not abs(value - exact) <= tol:
                failures.append(f"q={q:g} {field}: {value!r} vs {exact!r}")
    assert not failures, "\n".join(failures)


def test_reference_covers_every_activation():
    assert {v["name"] for v in REFERENCE["variants"]} == set(NAMES)
    assert all(len(v["moments"]) == 10 for v in REFERENCE["variants"])


# -- closed forms ------------------------------------------------------------------------------

EXTREME_QS = (1e-300, 1e-20, 1e-8, 1.0, 7.5, 1e8, 1e40, 1e300)


@pytest.mark.parametrize("q", EXTREME_QS)
def test_relu_closed_forms(q):
    m = gaussian_moments(make_activation("relu"), q)
    assert m.second == _rel(q / 2, rel=1e-13)
    assert m.mean == _rel(math.sqrt(q / (2 * math.pi)), rel=1e-13)
    assert m.var == _rel(q * (0.5 - 1 / (2 * math.pi)), rel=1e-13)
    assert m.deriv_sq == 0.5
    assert m.zphi == 0.5


@pytest.mark.parametrize("q", EXTREME_QS)
def test_identity_and_linear_closed_forms(q):
    m = gaussian_moments(make_activation("identity"), q)
    assert (m.mean, m.deriv_sq, m.zphi) == (0.0, 1.0, 1.0)
    assert m.second == _rel(q, rel=1e-13)
    assert m.var == _rel(q, rel=1e-13)
    a, b = 0.5, 0.3
    m = gaussian_moments(make_activation("linear", alpha=a, beta=b), q)
    assert m.mean == b
    assert m.second == _rel(a * a * q + b * b, rel=1e-13)
    assert m.var == _rel(a * a * q, rel=1e-13)  # no cancellation at tiny q
    assert m.deriv_sq == _rel(a * a, rel=1e-15)
    assert m.zphi == _rel(a * a, rel=1e-15)


@pytest.mark.parametrize("slope", [0.01, 0.2, -0.5])
def test_leaky_relu_closed_forms(slope):
    c2 = 0.5 * (1 + slope * slope)
    for q in (1e-8, 2.0, 1e8):
        m = gaussian_moments(make_activation("leaky_relu", negative_slope=slope), q)
        mean = (1 - slope) * math.sqrt(q / (2 * math.pi))
        assert m.second == _rel(c2 * q, rel=1e-13)
        assert m.mean == _rel(mean, rel=1e-13)
        assert m.var == _rel(c2 * q - mean * mean, rel=1e-13)
        assert m.deriv_sq == _rel(c2, rel=1e-15)


def test_sigmoid_variance_is_centred():
    # E[σ²] − E[σ]² would cancel to nothing here; the centred sum keeps full precision.
    m = gaussian_moments(make_activation("sigmoid"), 1e-8)
    assert m.var == _rel(1e-8 / 16 * (1 - 1e-8 / 2), rel=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_zphi_is_the_derivative_of_the_second_moment(name):
    """Stein's lemma: E[zσσ']/√q = dE[σ²]/dq (the slope of the q-map, used for ξ_q)."""
    act = make_activation(name)
    for q in (0.05, 0.7, 4.0, 90.0):
        h = 1e-4 * q
        up, down = gaussian_moments(act, q + h), gaussian_moments(act, q - h)
        slope = (up.second - down.second) / (2 * h)
        assert gaussian_moments(act, q).zphi == _rel(slope, rel=1e-6)


@pytest.mark.parametrize("name", [n for n in NAMES if n not in ("identity", "linear", "relu",
                                                                 "leaky_relu")])
def test_regimes_join_at_the_switch_points(name):
    """The Taylor series (q < 1e-12) and the asymptotics (q > 1e32) agree with the
    quadrature where they take over (the closed-form activations need neither)."""
    gauss = GaussianExpectations(make_activation(name))
    for log_q, limit in ((LOG_Q_TINY, gauss.taylor), (LOG_Q_HUGE, gauss.asymptotic)):
        quad = gauss.quadrature(np.array([log_q]))
        lim = limit(np.array([log_q]))
        second = math.exp(quad.log_second[0])
        assert lim.mean[0] == pytest.approx(quad.mean[0], rel=1e-8, abs=1e-12 * math.sqrt(second))
        assert math.exp(lim.log_second[0]) == _rel(second, rel=1e-8)
        assert math.exp(lim.log_var[0]) == _rel(math.exp(quad.log_var[0]), rel=1e-8)
        assert math.exp(lim.log_deriv_sq[0]) == _rel(math.exp(quad.log_deriv_sq[0]), rel=1e-8)
        assert lim.zphi[0] == _rel(quad.zphi[0], rel=1e-6)


@pytest.mark.parametrize("name", NAMES)
def test_log_moments_of_an_array_are_those_of_each_entry(name):
    """Entries of one call in different regimes (and ±inf, 0) get the moments they get alone."""
    gauss = GaussianExpectations(make_activation(name))
    log_q = np.array([-math.inf, -3000.0, -40.0, LOG_Q_TINY, -3.0, 0.0, 5.0, 40.0, LOG_Q_HUGE,
                      80.0, 3000.0])
    together = gauss.log_moments(log_q)
    for i, lq in enumerate(log_q):
        alone = gauss.log_moments(np.array([lq]))
        scale = math.exp(min(0.5 * alone.log_second[0], 700.0))
        for field, a, b in zip(together._fields, alone, together):
            # logs to 1e-13 absolute, E[σ] to 1e-13 of σ's scale, dE[σ²]/dq relative
            atol = {"mean": 1e-13 * scale, "zphi": 0.0}.get(field, 1e-13)
            np.testing.assert_allclose(b[i], a[0], rtol=1e-13, atol=atol, err_msg=f"{field} {lq}")
        assert gauss.log_second(np.array([lq]))[0] == pytest.approx(alone.log_second[0],
                                                                    rel=1e-15, abs=0)


def test_gaussian_moments_rejects_negative_q():
    with pytest.raises(ValueError):
        gaussian_moments(make_activation("tanh"), -1.0)


# -- the recursion: the lecture's formulas -----------------------------------------------------

def _config(**kw):
    return SimConfig.from_dict(kw)


def test_theory_layout():
    th = mean_field(_config(depth=7, width=32, activation="tanh"))
    assert isinstance(th, Theory)
    assert th.depth == 7
    for field in ("gamma", "factor_forward", "factor_backward", "log_preact_var", "forward_mean",
                  "log_forward_second", "log_forward_var", "log_backward_var", "chi1"):
        arr = getattr(th, field)
        assert arr.shape == (8,), field
        assert not arr.flags.writeable, field
    for field in ("gamma", "factor_forward", "factor_backward", "log_preact_var", "chi1"):
        assert math.isnan(getattr(th, field)[0]), field
        assert np.isfinite(getattr(th, field)[1:]).all(), field
    assert (th.forward_mean[0], th.log_forward_second[0], th.log_forward_var[0]) == (0, 0, 0)
    assert th.log_backward_var[-1] == 0.0
    np.testing.assert_allclose(th.log10_forward_var, th.log_forward_var / math.log(10))
    np.testing.assert_allclose(th.log10_backward_var, th.log_backward_var / math.log(10))
    np.testing.assert_allclose(th.log10_preact_var[1:], th.log_preact_var[1:] / math.log(10))


def test_identity_exploding_exactly_in_log_space():
    th = mean_field(_config(depth=100, width=256, activation="identity", init="constant",
                            variance=1.0))
    expected = 100 * math.log10(256)  # ≈ 240.8
    assert th.log10_forward_var[100] == pytest.approx(expected, abs=1e-9)
    assert th.log10_backward_var[0] == pytest.approx(expected, abs=1e-9)
    np.testing.assert_allclose(th.log10_preact_var[1:], np.arange(1, 101) * math.log10(256),
                               rtol=0, atol=1e-9)
    assert th.q_star is None  # diverges


@pytest.mark.parametrize("kw", [
    dict(activation="identity", init="constant", variance=1.0),
    dict(activation="identity", init="xavier", gain=0.1),
    dict(activation="relu", init="he", gain=3.0, bias_std=1.0),
    dict(activation="tanh", init="xavier", gain=0.1),
    dict(activation="tanh", init="xavier", gain=10.0, bias_std=0.5),
    dict(activation="sigmoid", init="lecun", gain=30.0),
    dict(activation="gelu", init="he", gain=4.0),
    dict(activation="softplus", init="xavier", gain=0.05),
])
def test_depth_10000_stays_finite(kw):
    th = mean_field(_config(depth=10_000, width=64, **kw))
    for field in ("log_preact_var", "log_forward_second", "log_forward_var", "log_backward_var",
                  "chi1"):
        assert np.isfinite(getattr(th, field)[1:]).all(), field
    assert not np.isnan(th.forward_mean).any()  # ±inf allowed once |μ| exceeds float64


def test_depth_10000_identity_values():
    up = mean_field(_config(depth=10_000, width=256, activation="identity", init="constant",
                            variance=1.0))
    assert up.log10_forward_var[-1] == pytest.approx(10_000 * math.log10(256), abs=1e-6)
    assert up.log10_backward_var[0] == pytest.approx(10_000 * math.log10(256), abs=1e-6)
    down = mean_field(_config(depth=10_000, width=256, activation="identity", init="xavier",
                              gain=0.1))
    assert down.log10_forward_var[-1] == pytest.approx(-20_000, abs=1e-6)
    assert down.log10_backward_var[0] == pytest.approx(-20_000, abs=1e-6)


def test_tanh_vanishing_follows_the_linear_regime():
    # q → 0: tanh ≈ x, so each layer multiplies the variance by n γ = gain² = 0.01.
    th = mean_field(_config(depth=10_000, width=64, activation="tanh", init="xavier", gain=0.1))
    assert th.log10_forward_var[-1] == pytest.approx(-20_000, abs=0.01)
    assert th.log10_backward_var[0] == pytest.approx(-20_000, abs=0.01)
    assert th.q_star is None  # collapses to 0


def test_xavier_non_square_widths_identity():
    widths = [100, 300, 50, 200]
    th = mean_field(_config(widths=widths, activation="identity", init="xavier"))
    gam = [2.0 / (widths[t - 1] + widths[t]) for t in range(1, 4)]
    np.testing.assert_allclose(th.gamma[1:], gam, rtol=1e-15)
    forward = np.cumprod([widths[t - 1] * gam[t - 1] for t in range(1, 4)])
    np.testing.assert_allclose(np.exp(th.log_forward_var[1:]), forward, rtol=1e-13)
    np.testing.assert_allclose(np.exp(th.log_preact_var[1:]), forward, rtol=1e-13)
    # Var[∂ℓ/∂h^{t-1}] = n_t γ_t Var[∂ℓ/∂h^t], Var[∂ℓ/∂h^L] = 1
    backward = [1.0]
    for t in range(3, 0, -1):
        backward.insert(0, widths[t] * gam[t - 1] * backward[0])
    np.testing.assert_allclose(np.exp(th.log_backward_var), backward, rtol=1e-13)
    np.testing.assert_allclose(th.factor_forward[1:], [n * g for n, g in zip(widths[:-1], gam)],
                               rtol=1e-15)
    np.testing.assert_allclose(th.factor_backward[1:], [n * g for n, g in zip(widths[1:], gam)],
                               rtol=1e-15)
    np.testing.assert_allclose(th.chi1[1:], th.factor_backward[1:], rtol=1e-15)


def test_linear_activation_lecture_limit():
    """σ(x) = αx + β with n γ = 1: E[h²] = α² E[h²] + β² → β²/(1 − α²)."""
    a, b = 0.5, 0.3
    th = mean_field(_config(depth=200, width=128, activation="linear", alpha=a, beta=b,
                            init="lecun", mode="fan_in"))
    assert math.exp(th.log_forward_second[-1]) == _rel(b * b / (1 - a * a), rel=1e-12)
    np.testing.assert_allclose(th.forward_mean[1:], b)
    # Var[h^t] = α² q_t exactly, and q_t = m_{t-1}
    np.testing.assert_allclose(th.log_forward_var[1:], 2 * math.log(a) + th.log_preact_var[1:],
                               rtol=1e-14)
    np.testing.assert_allclose(th.log_preact_var[2:], th.log_forward_second[1:-1], rtol=1e-14)
    assert th.q_star == _rel(b * b / (1 - a * a), rel=1e-10)


def test_second_moment_not_variance_feeds_the_next_layer():
    # sigmoid: m_t = Var + μ², and q_{t+1} = n γ m_t (Poole et al. 2016), not n γ Var.
    th = mean_field(_config(depth=5, width=64, activation="sigmoid", init="lecun",
                            bias_std=0.2))
    m = np.exp(th.log_forward_second)
    np.testing.assert_allclose(m[1:], np.exp(th.log_forward_var[1:]) + th.forward_mean[1:] ** 2,
                               rtol=1e-12)
    np.testing.assert_allclose(np.exp(th.log_preact_var[1:]), m[:-1] + 0.04, rtol=1e-13)
    for t in range(1, 6):
        mom = gaussian_moments(make_activation("sigmoid"), math.exp(th.log_preact_var[t]))
        assert th.forward_mean[t] == _rel(mom.mean, rel=1e-14)
        assert m[t] == _rel(mom.second, rel=1e-12)
        assert th.chi1[t] == _rel(mom.deriv_sq, rel=1e-12)  # n γ = 1


def _gelu_map(sw2: float, sb2: float):
    """The variance map of gelu and its χ₁ by plain quadrature (scipy), independent of the
    engine's Gaussian expectations."""
    from scipy import integrate, special

    def gauss(f):
        return integrate.quad(lambda z: f(z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi),
                              -12, 12, limit=200, epsabs=1e-13)[0]

    def gelu(x):
        return x * 0.5 * (1 + special.erf(x / math.sqrt(2)))

    def dgelu(x):
        return 0.5 * (1 + special.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)

    def step(q):
        return sw2 * gauss(lambda z: gelu(math.sqrt(q) * z) ** 2) + sb2

    def chi1(q):
        return sw2 * gauss(lambda z: dgelu(math.sqrt(q) * z) ** 2)

    return step, chi1


def test_a_fixed_point_with_a_repelling_one_near_above_is_found():
    """A science check: gelu at σ_w² = 2.1, σ_b² = 0.1 has q* = 0.47 (χ₁ = 0.845), with a
    repelling fixed point at 1.23, less than an e-fold above: the search rejected q* and
    called the map diverging (χ₁ = 1.05, the wrong side of the line)."""
    from scipy.optimize import brentq

    from engine.theory import depth_scales

    step, chi1 = _gelu_map(2.1, 0.1)
    assert step(1.0) < 1.0 and step(1.3) > 1.3   # from q = 1 the map goes down, to q*
    q = brentq(lambda q: step(q) - q, 0.2, 1.0, xtol=1e-13, rtol=1e-13)
    found = depth_scales(GaussianExpectations(make_activation("gelu")), 2.1, 0.1)
    assert found.q_star[0] == pytest.approx(q, rel=1e-6)
    assert found.chi1_star[0] == pytest.approx(chi1(q), rel=1e-6) and chi1(q) < 1


def test_the_critical_line_of_gelu_with_a_bias_is_where_chi1_crosses_one():
    """A science check: at σ_b² = 0.3 the line sat at exactly 2 (where the q* → ∞ limit has
    χ₁ = 1) rather than at 1.956, where χ₁* = 1 at a finite q* ≈ 8.7."""
    from scipy.optimize import brentq

    from engine.theory import critical_weight_variance

    def log_chi1(sw2):
        step, chi1 = _gelu_map(sw2, 0.3)
        q = brentq(lambda q: step(q) - q, 1.0, 1e4, xtol=1e-12, rtol=1e-13)  # the only q*
        return math.log(chi1(q))

    line = brentq(log_chi1, 1.9, 1.99, xtol=1e-9)
    assert critical_weight_variance(make_activation("gelu"), 0.3) == pytest.approx(line, rel=1e-6)
    assert line == pytest.approx(1.956, abs=1e-3)


def test_the_critical_line_of_swish_is_at_the_jump_of_its_fixed_point():
    """A science check: swish at σ_b² = 0.3 keeps an attracting q* ≈ 1.8 reached from q = 1
    until, at σ_w² ≈ 2.13, it meets a repelling one and the map diverges: χ₁ jumps over 1
    there. The search stepped over that narrow basin and put the line 0.9 % low (2.112).
    Here the jump is where min over q ≥ 1 of map(q) − q reaches 0 (scipy quadrature); the
    line is at it, within the search's margin for a fixed point too weakly attracting to be
    reached (slope ≥ 0.99)."""
    from scipy import integrate
    from scipy.optimize import brentq, minimize_scalar

    from engine.theory import critical_weight_variance

    def swish_sq(x):
        return (x / (1.0 + math.exp(-x))) ** 2 if x > -700 else 0.0

    def second(q):   # E[swish(√q z)²], z ~ N(0, 1)
        return integrate.quad(lambda z: swish_sq(math.sqrt(q) * z) * math.exp(-z * z / 2),
                              -12, 12, epsabs=1e-13, epsrel=1e-12)[0] / math.sqrt(2 * math.pi)

    def gap(sw2, sb2):   # ≤ 0: a fixed point above q = 1, where the map goes from there
        return minimize_scalar(lambda q: sw2 * second(q) + sb2 - q, bounds=(1.0, 30.0),
                               method="bounded", options={"xatol": 1e-10}).fun

    for sb2 in (0.2, 0.3):
        jump = brentq(lambda sw2: gap(sw2, sb2), 2.0, 2.4, xtol=1e-8)
        line = critical_weight_variance(make_activation("swish"), sb2)
        assert jump * (1 - 2e-3) <= line <= jump * (1 + 1e-6), (sb2, line, jump)
