"""Tests of engine.theory: Gaussian expectations against mpmath and closed forms, the
mean-field recursions against the lecture's formulas, and known constants of the literature
(Poole et al. 2016; Schoenholz et al. 2017)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from engine.activations import NAMES, make_activation
from engine.config import SimConfig
from engine.theory import (LOG_Q_HUGE, LOG_Q_TINY, GaussianExpectations, Theory,
                           correlation_map, critical_weight_variance, gaussian_moments,
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
    # sigmoid: m_t = Var + μ², and q_{t+1} = n γ m_t (design.md), not n γ Var.
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


# -- known constants ---------------------------------------------------------------------------

def test_relu_he_is_exactly_critical():
    th = mean_field(_config(depth=50, width=256, activation="relu", init="he"))
    np.testing.assert_allclose(th.chi1[1:], 1.0, rtol=1e-15)
    np.testing.assert_allclose(th.log_backward_var, 0.0, atol=1e-13)
    np.testing.assert_allclose(th.log_forward_second, 0.0, atol=1e-13)
    assert th.q_star is None  # relu without bias: every q is fixed, none attracts


def test_sigmoid_lecun_fixed_point():
    th = mean_field(_config(depth=30, width=256, activation="sigmoid", init="lecun"))
    assert th.q_star == pytest.approx(0.26469, abs=5e-5)
    assert th.chi1_star == pytest.approx(0.05572, abs=5e-6)
    # the recursion itself reaches it
    assert math.exp(th.log_preact_var[-1]) == _rel(th.q_star, rel=1e-12)
    assert th.chi1[-1] == _rel(th.chi1_star, rel=1e-12)
    # ordered phase: correlations converge to 1 at the rate χ₁*
    assert th.c_star == 1.0
    assert th.xi_c == _rel(-1 / math.log(th.chi1_star), rel=1e-12)


def test_selu_lecun_self_normalizes():
    th = mean_field(_config(depth=40, width=256, activation="selu", init="lecun"))
    np.testing.assert_allclose(th.forward_mean[1:], 0.0, atol=1e-4)
    np.testing.assert_allclose(th.log_forward_var[1:], 0.0, atol=1e-4)
    np.testing.assert_allclose(th.log_preact_var[1:], 0.0, atol=1e-4)
    assert th.q_star == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize("bias_var, expected", [(0.0, 1.0), (0.05, 1.7610), (0.2, 2.2852)])
def test_tanh_critical_line(bias_var, expected):
    assert critical_weight_variance(make_activation("tanh"), bias_var) == pytest.approx(
        expected, abs=5e-4)


@pytest.mark.parametrize("bias_var", [0.0, 0.05, 0.2, 1.0])
def test_relu_critical_line(bias_var):
    assert critical_weight_variance(make_activation("relu"), bias_var) == _rel(2.0)


def test_critical_line_has_chi1_one():
    sw2 = critical_weight_variance(make_activation("tanh"), 0.05)
    th = mean_field(_config(depth=10, width=100, activation="tanh", init="constant",
                            variance=sw2 / 100, bias_std=math.sqrt(0.05)))
    assert th.chi1_star == pytest.approx(1.0, abs=1e-9)
    assert th.xi_c > 1e4  # correlations are marginal on the critical line


def test_xi_q_is_the_slope_of_the_q_map():
    th = mean_field(_config(depth=10, width=100, activation="tanh", init="lecun", gain=1.2,
                            bias_std=0.3))
    act = make_activation("tanh")
    q, sw2, sb2 = th.q_star, th.sigma_w2, th.sigma_b2
    assert sw2 * gaussian_moments(act, q).second + sb2 == _rel(q, rel=1e-13)
    h = 1e-5 * q
    up, down = gaussian_moments(act, q + h), gaussian_moments(act, q - h)
    slope = sw2 * (up.second - down.second) / (2 * h)
    assert th.xi_q == _rel(-1 / math.log(slope), rel=1e-6)


# -- the correlation map (chaotic phase) -------------------------------------------------------

@pytest.mark.parametrize("q", [1e-4, 1.0, 1e6])
def test_correlation_map_relu_arc_cosine_kernel(q):
    relu = make_activation("relu")
    for c in (0.0, 0.3, 0.9, 0.999, 0.99999):
        e2, ed = (float(v) for v in correlation_map(relu, q, c))
        theta = math.acos(c)
        assert e2 == _rel(q / (2 * math.pi) * (math.sin(theta) + (math.pi - theta) * c),
                                   rel=1e-7)
        assert ed == _rel((math.pi - theta) / (2 * math.pi), rel=1e-7)


def test_tanh_chaotic_correlation_fixed_point():
    sw2, sb2 = 2.25, 0.09
    th = mean_field(_config(depth=10, width=100, activation="tanh", init="lecun", gain=1.5,
                            bias_std=0.3))
    assert th.sigma_w2 == _rel(sw2, 1e-15) and th.sigma_b2 == _rel(sb2, 1e-15)
    assert th.chi1_star > 1
    q, c = th.q_star, th.c_star
    assert 0 < c < 1
    s, r = math.sqrt(q), math.sqrt(1 - c * c)
    # an independent 2-D rule: tensor Gauss–Hermite, 160 nodes a side (tanh is analytic in a
    # strip of half-width π/(2√q), so this is good to ~1e-14; scipy's dblquad agrees to 1e-10)
    z, w = np.polynomial.hermite_e.hermegauss(160)
    z1, z2 = z[:, None], z[None, :]
    ww = w[:, None] * w[None, :] / (2 * math.pi)
    u1, u2 = s * z1, s * (c * z1 + r * z2)
    e2 = float(np.sum(ww * np.tanh(u1) * np.tanh(u2)))
    ed = float(np.sum(ww * (1 - np.tanh(u1) ** 2) * (1 - np.tanh(u2) ** 2)))
    assert (sw2 * e2 + sb2) / q == pytest.approx(c, abs=1e-6)
    assert th.chi_c == _rel(sw2 * ed, rel=1e-6)
    assert th.xi_c == _rel(-1 / math.log(sw2 * ed), rel=1e-5)


def test_odd_activation_without_bias_decorrelates_fully():
    """Chaotic tanh, σ_b = 0: c* = 0 and χ_c = σ_w² E[σ'(√q* z)]²."""
    th = mean_field(_config(depth=10, width=100, activation="tanh", init="lecun", gain=1.5))
    assert th.c_star == 0.0
    s = math.sqrt(th.q_star)
    z, w = np.polynomial.hermite_e.hermegauss(160)  # as in the test above
    mean_slope = float(np.sum(w * (1 - np.tanh(s * z) ** 2))) / math.sqrt(2 * math.pi)
    assert th.chi_c == _rel(2.25 * mean_slope ** 2, rel=1e-6)


def test_no_fixed_point_gives_none():
    th = mean_field(_config(depth=10, width=100, activation="relu", init="he", gain=1.5,
                            bias_std=0.1))
    assert (th.q_star, th.chi1_star, th.xi_q, th.xi_c) == (None, None, None, None)
    th = mean_field(_config(depth=10, width=100, activation="relu", init="he", gain=0.8,
                            bias_std=0.1))
    assert th.q_star == _rel(0.01 / (1 - 0.64), rel=1e-12)
    assert th.chi1_star == _rel(0.64, rel=1e-12)


@pytest.mark.parametrize("kw", [
    dict(activation="tanh", init="xavier"),                   # σ_w² = 1: q → 0 like 1/(2t)
    dict(activation="elu", init="he", bias_std=0.1),          # q grows by ~1 per layer
    dict(activation="softplus", init="he"),                   # 2·E[softplus²] > q for all q
])
def test_marginal_maps_have_no_fixed_point(kw):
    """Maps that creep towards 0 or ∞ must not report the spot where their log-slope
    drowns in rounding as a fixed point."""
    th = mean_field(_config(depth=20, width=100, **kw))
    assert th.q_star is None and th.xi_q is None and th.xi_c is None


# -- arrays of rows ----------------------------------------------------------------------------

def test_critical_weight_variance_of_an_array_is_that_of_each_entry():
    tanh = make_activation("tanh")
    bias = np.array([[0.0, 0.05], [0.2, 1.0]])
    line = critical_weight_variance(tanh, bias)
    assert line.shape == (2, 2)
    for b, w in zip(bias.ravel(), line.ravel()):
        alone = critical_weight_variance(tanh, float(b))
        assert isinstance(alone, float)
        assert w == pytest.approx(alone, rel=1e-10)


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "gelu"])
def test_correlation_map_of_arrays_is_that_of_each_entry(name):
    act = make_activation(name)
    q = np.array([1e-3, 0.5, 0.5, 4.0, 30.0])
    c = np.array([0.0, 0.0, 0.7, 0.999, 0.3])
    e2, ed = correlation_map(act, q, c)
    assert e2.shape == ed.shape == q.shape
    for i in range(q.size):
        a2, ad = correlation_map(act, q[i], c[i])
        assert e2[i] == pytest.approx(float(a2), rel=1e-13, abs=1e-300)
        assert ed[i] == pytest.approx(float(ad), rel=1e-13, abs=1e-300)


def test_find_roots_of_many_rows_by_brent_and_by_newton():
    """The first sign change from u0 on, in the direction fun points to; rows without one
    within the limits report the side they ran off."""
    from engine.theory.roots import DOWN, ROOT, UP, find_roots

    c = np.array([-3.0, 0.3, 7.25, 1e4, -1e4, 0.0])

    def fun(u, rows):  # decreasing, root at the real cube root of c
        return c[rows] - u ** 3 - u

    def fun_and_slope(u, rows):
        return fun(u, rows), -3.0 * u ** 2 - 1.0

    expected = np.array([np.roots([1.0, 0.0, 1.0, -v])[-1].real for v in c[:3]])
    for kw, f in (({}, fun), ({"slopes": True}, fun_and_slope)):
        status, u = find_roots(f, np.full(c.size, 0.25), -15.0, 15.0, **kw)
        assert list(status) == [ROOT, ROOT, ROOT, UP, DOWN, ROOT]
        np.testing.assert_allclose(u[:3], expected, rtol=0, atol=1e-13)
        assert u[3] == math.inf and u[4] == -math.inf and abs(u[5]) < 1e-14
    status, u = find_roots(lambda x, r: x - c[r], np.zeros(3), -15.0, 15.0, increasing=True)
    assert list(status) == [ROOT, ROOT, ROOT] and u.tolist() == pytest.approx([-3.0, 0.3, 7.25])
