"""engine.activation_curves against closed forms: Taylor polynomials, σ', the N(0, q) density,
the x range at extreme q, the linear region and its mass, and where q_t comes from."""

import dataclasses
import math
from statistics import NormalDist

import numpy as np
import pytest

from engine import SimConfig, mean_field, simulate
from engine.activation_curves import (HALF_WIDTH_MAX, HALF_WIDTH_MIN, INVALID_INFINITE,
                                      INVALID_NAN, INVALID_NEGATIVE, RANGE_CEILING, RANGE_FLOOR,
                                      SOURCE_MONTE_CARLO, SOURCE_THEORY, activation_curves,
                                      preact_log10_variance, preact_variance)
from engine.taylor_regions import (LINEAR_TOLERANCE, first_order, linear_region,
                                   taylor_polynomial, taylor_terms)
from engine.lecture_sigmas import lecture_curves
from engine.activations import NAMES, make_activation
from engine.result import Invalid, SimResult

PHI = NormalDist()
COVERAGE_4 = math.erf(4.0 / math.sqrt(2.0))   # P(|z| ≤ 4)


def act_of(name):
    return make_activation(name, alpha=0.7, beta=0.2, negative_slope=0.1)


def gaussian_mass(a, b, q):
    """P(a ≤ √q z ≤ b), z ~ N(0, 1) (a, b may be ±inf)."""
    s = math.sqrt(q)
    return PHI.cdf(b / s if math.isfinite(b) else b) - PHI.cdf(a / s if math.isfinite(a) else a)


def bisect(f, lo, hi, n=200):
    """The root of f in [lo, hi] (f changes sign there)."""
    flo = f(lo) > 0
    for _ in range(n):
        mid = 0.5 * (lo + hi)
        if (f(mid) > 0) == flo:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


# -- Taylor polynomials -----------------------------------------------------------------------

def test_the_lectures_polynomials():
    sig, tanh, relu = (make_activation(n) for n in ("sigmoid", "tanh", "relu"))
    assert taylor_terms(sig, 1) == (((0.5, 0), (0.25, 1)),) * 2
    assert taylor_terms(sig, 3) == (((0.5, 0), (0.25, 1), (-1 / 48, 3)),) * 2
    assert taylor_terms(tanh, 3) == (((1.0, 1), (-1 / 3, 3)),) * 2
    assert taylor_terms(relu, 1) == (((1.0, 1),), ())
    assert first_order(taylor_terms(sig, 1)) == (0.5, 0.25, 0.25)
    assert first_order(taylor_terms(relu, 1)) == (0.0, 1.0, 0.0)   # σ′(0⁺) = 1, σ′(0⁻) = 0
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    np.testing.assert_array_equal(taylor_polynomial(taylor_terms(relu, 3), x), [0, 0, 0, 0.5, 2])
    np.testing.assert_allclose(taylor_polynomial(taylor_terms(sig, 3), x),
                               0.5 + x / 4 - x**3 / 48, rtol=1e-15)
    gelu = make_activation("gelu")   # no x³ term: third order is x/2 + x²/√(2π)
    assert taylor_terms(gelu, 3)[0] == ((0.5, 1), (1 / math.sqrt(2 * math.pi), 2))


def test_the_lectures_comparison_sigmoid_its_fix_and_tanh():
    """sigmoid fails σ(0) = 0 and σ'(0) = 1; 4·sigmoid(x) − 2 = 2·tanh(x/2) and tanh pass."""
    x = np.linspace(-30.0, 30.0, 601)
    sig, fix, tanh = lecture_curves(x)
    assert (sig.name, fix.name, tanh.name) == ("sigmoid", "sigmoid_scaled", "tanh")
    assert (sig.value0, sig.slope0) == (0.5, 0.25)
    assert (fix.value0, fix.slope0) == (0.0, 1.0) and (tanh.value0, tanh.slope0) == (0.0, 1.0)
    logistic = 1.0 / (1.0 + np.exp(-x))
    slope = np.exp(-np.abs(x)) / (1.0 + np.exp(-np.abs(x))) ** 2   # σ(1 − σ), in the tails too
    # (σ = (1 + tanh(x/2))/2 and σ' = (1 − tanh²(x/2))/4 are exact to ~1e-16 absolute in
    # float64, not relative, far in the tails: plenty for a plot)
    np.testing.assert_allclose(sig.sigma, logistic, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(sig.dsigma, slope, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(fix.sigma, 4 * logistic - 2, atol=1e-14)
    np.testing.assert_allclose(fix.sigma, 2 * np.tanh(x / 2), atol=1e-14)
    np.testing.assert_allclose(fix.dsigma, 4 * slope, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(tanh.sigma, np.tanh(x), atol=1e-15)
    np.testing.assert_allclose(tanh.dsigma, 1 / np.cosh(x) ** 2, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name, c3, c5", [("sigmoid", -1 / 48, 1 / 480), ("tanh", -1 / 3, 2 / 15),
                                          ("sigmoid_scaled", -1 / 12, 1 / 120)])
def test_taylor_reproduces_sigma_to_fifth_order(name, c3, c5):
    """σ − T1 = c3·x³ + O(x⁵) and σ − T3 = c5·x⁵ + O(x⁷) (the next coefficients)."""
    act = make_activation(name)
    for x in (0.02, -0.02, 0.01, -0.01):
        c = activation_curves(act, (x / 4) ** 2, points=3)   # grid −x, 0, x
        assert c.x[-1] == pytest.approx(abs(x), rel=1e-15)
        xs = c.x[[0, 2]]
        np.testing.assert_allclose((c.sigma - c.taylor1)[[0, 2]] / xs**3, c3, rtol=5e-3)
        np.testing.assert_allclose((c.sigma - c.taylor3)[[0, 2]] / xs**5, c5, rtol=5e-3)


def test_one_sided_taylor_at_a_kink():
    elu = make_activation("elu")   # x for x ≥ 0; x + x²/2 + x³/6 for x < 0: error x⁴/24
    c = activation_curves(elu, (0.02 / 4) ** 2, points=5)
    neg, pos = c.x < 0, c.x > 0
    np.testing.assert_array_equal(c.taylor1[pos], c.sigma[pos])
    np.testing.assert_allclose((c.sigma - c.taylor3)[neg] / c.x[neg] ** 4, 1 / 24, rtol=1e-2)
    np.testing.assert_allclose(c.taylor1[neg], c.x[neg], rtol=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_dsigma_is_the_slope_of_sigma(name):
    c = activation_curves(act_of(name), 2.0, points=20001)
    step = c.x[1] - c.x[0]
    fd = (c.sigma[2:] - c.sigma[:-2]) / (2 * step)
    inner = np.abs(c.x[1:-1]) > 2 * step   # away from a kink at 0
    np.testing.assert_allclose(c.dsigma[1:-1][inner], fd[inner], rtol=1e-4, atol=1e-6)


# -- the range and the density ------------------------------------------------------------------

@pytest.mark.parametrize("q", [1e-10, 0.3, 1.0, 17.0, 1e12])
def test_density_is_the_normal_pdf_over_four_sigmas(q):
    c = activation_curves(make_activation("tanh"), q)
    s = math.sqrt(q)
    assert c.range_limited == "" and c.half_width == pytest.approx(4 * s, rel=1e-15)
    assert c.x[0] == -c.x[-1] and c.x[200] == 0.0 and len(c.x) == 401
    expected = np.exp(-c.x**2 / (2 * q)) / math.sqrt(2 * math.pi * q)
    np.testing.assert_allclose(c.density, expected, rtol=1e-12)
    integral = np.trapezoid(c.density, c.x)
    assert integral == pytest.approx(COVERAGE_4, rel=1e-6)
    assert c.coverage == pytest.approx(COVERAGE_4, rel=1e-12)


@pytest.mark.parametrize("q", [0.0, 5e-324, 1e-300, 1e-30, 1e-14])
def test_tiny_q_is_a_unit_spike_on_the_floor_range(q):
    c = activation_curves(make_activation("sigmoid"), q)
    assert c.range_limited == RANGE_FLOOR and c.half_width == HALF_WIDTH_MIN
    assert c.own_half_width == 4 * math.sqrt(q) < c.half_width   # the layer's own, not shown
    step = c.x[1] - c.x[0]
    assert np.sum(c.density) * step == pytest.approx(1.0, rel=1e-9)
    assert c.density[200] == c.density.max() and c.coverage == 1.0
    assert np.all(np.diff(c.sigma) > 0)   # σ still resolved: 0.5 ± 2.5e-7, not a staircase


@pytest.mark.parametrize("q", [1e220, 1e250, 1e300, 1.7e308])
def test_huge_q_is_nearly_flat_on_the_ceiling_range(q):
    c = activation_curves(make_activation("tanh"), q)
    assert c.range_limited == RANGE_CEILING and c.half_width == HALF_WIDTH_MAX
    assert c.own_half_width == 4 * math.sqrt(q) > c.half_width
    assert math.isinf(activation_curves(make_activation("tanh"), math.inf).own_half_width)
    for invalid in (-1.0, math.nan):   # (a review: a negative q raised ValueError)
        assert math.isnan(activation_curves(make_activation("tanh"), invalid).own_half_width)
    peak = 1 / (math.sqrt(2 * math.pi) * math.sqrt(q))   # 2πq would overflow
    np.testing.assert_allclose(c.density, peak, rtol=1e-10)
    assert np.isfinite(c.taylor3).all() and np.isfinite(c.sigma).all()


def test_every_q_from_zero_to_the_largest_float_draws_without_warning():
    act = make_activation("selu")
    for q in [0.0, 5e-324, *(10.0**k for k in range(-320, 309, 3)), 1.7976931348623157e308]:
        c = activation_curves(act, q)
        assert c.invalid is None
        for arr in (c.x, c.sigma, c.dsigma, c.density):
            assert np.isfinite(arr).all()
        assert 0.0 <= c.linear_mass <= 1.0 and 0.0 < c.coverage <= 1.0


@pytest.mark.parametrize("q, reason", [(math.nan, INVALID_NAN), (math.inf, INVALID_INFINITE),
                                       (-math.inf, INVALID_NEGATIVE), (-1.0, INVALID_NEGATIVE)])
def test_non_finite_q_is_invalid_not_an_error(q, reason):
    c = activation_curves(make_activation("tanh"), q)
    assert c.invalid == reason
    assert c.x.size == c.sigma.size == c.density.size == 0 and math.isnan(c.linear_mass)
    assert c.terms3 == taylor_terms(make_activation("tanh"), 3)   # the polynomials still named


def test_points_and_config_input():
    config = SimConfig.from_dict({"activation": "leaky_relu", "negative_slope": 0.2})
    c = activation_curves(config, 1.0, points=11)
    assert len(c.x) == 11
    np.testing.assert_allclose(c.sigma, np.where(c.x > 0, c.x, 0.2 * c.x))
    with pytest.raises(ValueError):
        activation_curves(config, 1.0, points=2)


# -- the linear region and its mass ----------------------------------------------------------

@pytest.mark.parametrize("name", ["identity", "linear", "relu", "leaky_relu"])
def test_piecewise_linear_activations_are_linear_everywhere(name):
    act = act_of(name)
    assert linear_region(act) == ((-math.inf, math.inf),)
    for q in (0.0, 1e-30, 1.0, 1e30, 1e300):
        assert activation_curves(act, q).linear_mass == 1.0


def test_tanh_region_is_where_x_is_within_ten_percent_of_tanh():
    """x ≥ tanh x for x ≥ 0, so the region is |x| ≤ x*, x* = 1.1·tanh x*; mass erf(x*/√(2q))."""
    x_star = bisect(lambda x: x - 1.1 * math.tanh(x), 0.1, 2.0)
    ((a, b),) = linear_region(make_activation("tanh"))
    assert b == pytest.approx(x_star, rel=1e-12) and a == pytest.approx(-x_star, rel=1e-12)
    for q in (1e-4, 0.1, 1.0, 16.0, 1e4):
        mass = activation_curves(make_activation("tanh"), q).linear_mass
        assert mass == pytest.approx(math.erf(x_star / math.sqrt(2 * q)), rel=1e-10)
    assert activation_curves(make_activation("tanh"), 1e-6).linear_mass > 1 - 1e-12
    assert activation_curves(make_activation("tanh"), 1e30).linear_mass < 1e-14


@pytest.mark.parametrize("name, a, b", [
    ("gelu", PHI.inv_cdf(5 / 11), PHI.inv_cdf(5 / 9)),   # x/2 vs xΦ(x): Φ ∈ [5/11, 5/9]
    ("swish", math.log(5 / 6), math.log(5 / 4)),          # x/2 vs x·s(x): s ∈ [5/11, 5/9]
])
def test_closed_form_regions(name, a, b):
    ((lo, hi),) = linear_region(make_activation(name))
    assert lo == pytest.approx(a, rel=1e-9) and hi == pytest.approx(b, rel=1e-9)
    for q in (0.01, 1.0, 9.0):
        assert activation_curves(make_activation(name), q).linear_mass == \
            pytest.approx(gaussian_mass(a, b, q), rel=1e-8)


def test_elu_is_linear_on_the_right_so_half_the_mass_stays():
    ((a, b),) = linear_region(make_activation("elu"))
    expected = bisect(lambda x: abs(x - math.expm1(x)) - 0.1 * abs(math.expm1(x)), -1.0, -0.01)
    assert b == math.inf and a == pytest.approx(expected, rel=1e-10)
    assert activation_curves(make_activation("elu"), 1e30).linear_mass == pytest.approx(0.5)


@pytest.mark.parametrize("name", NAMES)
def test_region_ends_satisfy_the_condition_with_equality(name):
    act = act_of(name)
    region = linear_region(act)
    for a, b in region:
        for edge in (a, b):
            if math.isfinite(edge):
                x = np.array([edge])
                sigma = act.f(x)[0]
                t1 = taylor_polynomial(taylor_terms(act, 1), x)[0]
                assert abs(t1 - sigma) == pytest.approx(LINEAR_TOLERANCE * abs(sigma), rel=1e-8)


@pytest.mark.parametrize("name", NAMES)
def test_region_matches_the_condition_pointwise(name):
    act = act_of(name)
    x = np.random.default_rng(1).standard_normal(4000) * np.exp(np.random.default_rng(2)
                                                                .uniform(-8, 8, 4000))
    sigma = act.f(x)
    ok = np.abs(taylor_polynomial(taylor_terms(act, 1), x) - sigma) <= 0.1 * np.abs(sigma)
    inside = np.zeros(x.size, dtype=bool)
    near = np.zeros(x.size, dtype=bool)
    for a, b in linear_region(act):
        inside |= (x >= a) & (x <= b)
        for edge in (a, b):
            if math.isfinite(edge):
                near |= np.abs(x - edge) <= 1e-9 * max(abs(edge), 1e-300)
    np.testing.assert_array_equal(inside[~near], ok[~near])


def test_the_identity_region_is_where_y_equals_x_is_within_ten_percent_of_sigma():
    """What the lecture asks of σ near 0 is y = x, not σ's own first order (a lecturer's tour:
    relu's first order is relu, exact everywhere, yet relu is x on x ≥ 0 only)."""
    for name in ("relu", "leaky_relu"):   # x on x ≥ 0 exactly: half of N(0, q) for every q
        for q in (1e-6, 1.0, 1e6):
            assert activation_curves(act_of(name), q).identity_mass == pytest.approx(0.5)
    for name in ("tanh", "sigmoid_scaled", "identity"):   # their first order is x itself
        for q in (0.1, 1.0, 9.0):
            c = activation_curves(act_of(name), q)
            assert c.identity_mass == c.linear_mass
    # sigmoid crosses y = x near 0.66: |x − σ| ≤ 0.1σ only between the two crossings of
    # x = 0.9σ and x = 1.1σ
    lo = bisect(lambda x: x - 0.9 / (1 + math.exp(-x)), 0.1, 2.0)
    hi = bisect(lambda x: x - 1.1 / (1 + math.exp(-x)), 0.1, 2.0)
    # σ = 1.2x is never within 10 % of x: the point x = 0 (0 ≤ 0) holds no mass (a tour:
    # "< 0.1 %")
    assert activation_curves(make_activation("linear", alpha=1.2, beta=0.0),
                             1.0).identity_mass == 0.0
    assert activation_curves(act_of("sigmoid"), 1.0).identity_mass == \
        pytest.approx(gaussian_mass(lo, hi, 1.0), rel=1e-9)


def test_sigmoid_mass_against_quadrature():
    act = make_activation("sigmoid")
    ((a, b),) = linear_region(act)
    assert a < 0 < b and a != -b   # asymmetric: relative to σ, which is small on the left
    for q in (0.25, 1.0, 4.0):
        assert activation_curves(act, q).linear_mass == pytest.approx(gaussian_mass(a, b, q),
                                                                      rel=1e-12)


# -- where q_t comes from ----------------------------------------------------------------------

SMALL = {"depth": 6, "width": 16, "batch": 32}


def test_monte_carlo_first_then_theory():
    config = SimConfig.from_dict(SMALL)
    result = simulate(config)
    for t in (1, 3, 6):
        q, source = preact_variance(result, t)
        assert source == SOURCE_MONTE_CARLO
        assert q == pytest.approx(10.0 ** result.monte_carlo.log10_preact_var[t], rel=1e-12)
    theory_only = SimResult(config, theory=mean_field(config))
    q, source = preact_variance(theory_only, 6)
    assert source == SOURCE_THEORY
    assert q == pytest.approx(math.exp(theory_only.theory.log_preact_var[6]), rel=1e-12)
    for bad in (0, 7):
        with pytest.raises(ValueError):
            preact_variance(result, bad)


def test_lost_monte_carlo_values_fall_back_to_theory():
    config = SimConfig.from_dict(SMALL)
    result = simulate(config)
    mc = result.monte_carlo
    log10 = mc.log10_preact_var.copy()
    log10[4], log10[5], log10[6] = math.nan, -math.inf, math.inf
    lost = dataclasses.replace(result, monte_carlo=dataclasses.replace(
        mc, log10_preact_var=log10, forward_invalid=Invalid(4, "underflow")))
    for t in (4, 5):   # NaN, and −inf after an underflow: the theory's value
        theory_q = math.exp(result.theory.log_preact_var[t])
        assert preact_variance(lost, t) == (pytest.approx(theory_q), SOURCE_THEORY)
    assert preact_variance(lost, 6)[1] == SOURCE_THEORY
    # −inf after units died is a true 0
    dead = dataclasses.replace(lost, monte_carlo=dataclasses.replace(
        lost.monte_carlo, forward_invalid=Invalid(4, "exactly zero variance")))
    assert preact_variance(dead, 5) == (0.0, SOURCE_MONTE_CARLO)
    # without a theory the Monte Carlo's value is all there is
    alone = dataclasses.replace(lost, theory=None)
    q, source = preact_variance(alone, 4)
    assert math.isnan(q) and source == SOURCE_MONTE_CARLO
    assert activation_curves(config, q).invalid == INVALID_NAN
    assert preact_variance(alone, 6) == (math.inf, SOURCE_MONTE_CARLO)


def test_beyond_float64_is_drawn_from_its_log10():
    """γ = 10 over 400 linear layers: q_400 ≈ 10^{1363} (n·γ = 2560 a layer). Alone, q = inf
    says nothing of its size; with log10 q it is drawn like any q too large for the range."""
    config = SimConfig.from_dict({"activation": "identity", "init": "constant", "variance": 10.0,
                                  "depth": 400, "width": 256})
    result = SimResult(config, theory=mean_field(config))
    q, source = preact_variance(result, 400)
    assert q == math.inf and source == SOURCE_THEORY
    assert activation_curves(config, q).invalid == INVALID_INFINITE
    log10_q, source = preact_log10_variance(result, 400)
    assert source == SOURCE_THEORY
    assert log10_q == pytest.approx(400 * math.log10(256 * 10.0), rel=1e-9)
    c = activation_curves(config, q, log10_q=log10_q)
    assert c.invalid is None and c.range_limited == RANGE_CEILING and c.log10_q == log10_q
    assert c.half_width == HALF_WIDTH_MAX and np.array_equal(c.sigma, c.x)
    assert np.all(c.density == c.density[0]) and c.density[0] > 0   # flat, drawable
    assert c.linear_mass == 1.0 and c.coverage == 0.0
    relu = activation_curves(make_activation("relu"), math.inf, log10_q=885.7)
    assert relu.linear_mass == 1.0   # both one-sided expansions are exact
    tanh = activation_curves(make_activation("tanh"), math.inf, log10_q=885.7)
    assert tanh.linear_mass == 0.0   # linear only near 0, which holds no mass in the limit
    # the Monte Carlo's log-scaled pass knows its own size
    mc_config = SimConfig.from_dict({"activation": "relu", "init": "he", "gain": 30.0,
                                     "depth": 120, "width": 64, "batch": 64})
    mc = simulate(mc_config)
    assert preact_variance(mc, 120) == (math.inf, SOURCE_MONTE_CARLO)
    assert preact_log10_variance(mc, 120) == (mc.monte_carlo.log10_preact_var[120],
                                              SOURCE_MONTE_CARLO)
    assert preact_log10_variance(mc, 120)[0] > 308


def test_tanh_xavier_lives_in_the_linear_region_gain_4_in_the_tails():
    def mass(**values):
        config = SimConfig.from_dict({"activation": "tanh", "depth": 20, "width": 256, **values})
        q, _ = preact_variance(SimResult(config, theory=mean_field(config)), 20)
        return activation_curves(config, q).linear_mass

    assert mass() > 0.99
    assert mass(gain=4.0) < 0.2


def test_statistics_of_a_layer_with_nothing_drawn_keep_their_columns():
    """A review: with the lecture's σ asked for and q_t unknown (the Monte Carlo lost it, no
    theory), the CSV had no lecture columns at all; now its header is the same, no rows, and
    the JSON says why (`invalid`)."""
    import csv
    import json

    from engine.activation_curves import layer_curves
    from engine.panel_stats import activation_text

    config = SimConfig.from_dict({**SMALL, "activation": "relu"})
    result = simulate(config)
    mc = result.monte_carlo
    log10 = mc.log10_preact_var.copy()
    log10[6] = math.nan
    lost = SimResult(config, monte_carlo=dataclasses.replace(mc, log10_preact_var=log10))
    source, c, lecture = layer_curves(lost, 6, lecture=True)
    assert c.invalid == INVALID_NAN and [lc.sigma.size for lc in lecture] == [0, 0, 0]
    header, *rows = csv.reader(activation_text(config, 6, source, c, lecture,
                                               ".csv").splitlines())
    assert rows == [] and header[-7:] == ["sigma_sigmoid", "dsigma_sigmoid",
                                          "sigma_sigmoid_scaled", "dsigma_sigmoid_scaled",
                                          "sigma_tanh", "dsigma_tanh", "config"]
    data = json.loads(activation_text(config, 6, source, c, lecture, ".json"))
    assert data["invalid"] == "nan" and data["q"] is None and data["x"] == []
    # a drawn layer: one row a grid point, the lecture's σ as the engine gives them
    source, c, lecture = layer_curves(result, 3, lecture=True)
    rows = list(csv.DictReader(activation_text(config, 3, source, c, lecture,
                                               ".csv").splitlines()))
    assert len(rows) == c.x.size and rows[0]["source"] == "monte_carlo"
    np.testing.assert_array_equal([float(r["sigma_tanh"]) for r in rows], lecture[2].sigma)
