"""Mean-field theory against known constants of the literature (Poole et al. 2016; Schoenholz
et al. 2017): critical points and lines, fixed points, the correlation map in the chaotic
phase, and the array code against each of its entries."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.activations import make_activation
from engine.config import SimConfig
from engine.theory import (correlation_map, critical_weight_variance, gaussian_moments,
                           mean_field)


def _rel(expected, rel=1e-15):
    """pytest.approx with a relative tolerance only (its default abs=1e-12 would accept any
    pair of tiny numbers)."""
    return pytest.approx(expected, rel=rel, abs=0)


def _config(**kw):
    return SimConfig.from_dict(kw)


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


@pytest.mark.parametrize("q", [1e-4, 1.0, 1e4])
def test_correlation_map_of_a_point_symmetric_sigma(q):
    """σ(−x) = 2σ(0) − σ(x) halves the map's work (sigmoid's was 2.7× tanh's): a linear σ
    with a bias has E[σ(u₁)σ(u₂)] = α²qc + β² and E[σ'σ'] = α²; sigmoid, σ(x) − ½ being
    ½·tanh(x/2), has E[σσ] = ¼ + ¼·E[tanh(u₁/2)tanh(u₂/2)], tanh's map at q/4."""
    alpha, beta = 1.3, 0.4
    line = make_activation("linear", alpha=alpha, beta=beta)
    assert line.point_symmetric and make_activation("sigmoid").point_symmetric
    for c in (0.0, 0.3, 0.9, 0.999):
        e2, ed = (float(v) for v in correlation_map(line, q, c))
        assert e2 == _rel(alpha**2 * q * c + beta**2, rel=1e-9)
        assert ed == _rel(alpha**2, rel=1e-9)   # (the rule stops at ±7: φ(7) ≈ 9e-12)
        s2, _ = (float(v) for v in correlation_map(make_activation("sigmoid"), q, c))
        t2, _ = (float(v) for v in correlation_map(make_activation("tanh"), q / 4, c))
        assert s2 == _rel(0.25 + 0.25 * t2, rel=1e-8)


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
