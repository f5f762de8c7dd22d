"""The typical-run line (engine.theory.typical) against scipy, closed forms and independent
Monte Carlo ensembles of networks, and its place in the stats contract.

Three samplers, from most to least literal:

* `full_networks`: whole weight matrices, one input and one read-out per network (small
  widths: it costs n² draws per layer);
* `decomposed_networks`: the same law at n draws per layer. Given the unit vector ĥ = h/‖h‖, a
  Gaussian W is w ĥᵀ + W(I − ĥĥᵀ) with w = Wĥ ~ N(0, γI) and W(I − ĥĥᵀ) independent of it;
  everything after layer t depends on W^t only through w, so in the backward pass
  (W^t)ᵀu = ĥ(w·u) + (I − ĥĥᵀ)√γ‖u‖ξ, ξ ~ N(0, I) fresh. It uses neither of the two facts the
  backward formula rests on (the SVD duality, the sign flips);
* `forward_chain`: ‖h^t‖² = ‖h^{t-1}‖² γ_t X_t with X_t drawn as χ² variables, the law of
  eq. (1) (rows of W are N(0, γ‖h‖²) given h): cheap enough for the 2 % slope criterion of the
  median, which needs ~10⁶ network-layers.

Natural logs of one input's per-unit squared norm throughout, converted to log10 where the
engine reports log10.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy import integrate, special

from engine import SimConfig, SimResult, mean_field
from engine.result import LAYER_FIELDS, TYPICAL_FIELDS
from engine.theory.typical import (digamma, leaky_relu_log_gain, log_chi2_mean, log_gains,
                                   relu_log_gain, typical_logs)

LN10 = math.log(10.0)


# -- samplers ----------------------------------------------------------------------------------

def _mask(z: np.ndarray, activation: str, slope: float) -> np.ndarray:
    """σ'(z) of a positively homogeneous σ (so that σ(z) = σ'(z)·z)."""
    if activation == "linear":
        return np.full_like(z, slope)   # slope = α
    return np.where(z > 0, 1.0, slope)   # relu: slope 0


def full_networks(widths, activation, slope, gammas, count, seed):
    """ln(‖h^t‖²/n_t) and ln(‖∂ℓ/∂h^t‖²/n_t) of `count` networks with whole matrices,
    (count, L + 1) each; -inf after a dead layer."""
    rng = np.random.default_rng(seed)
    depth = len(widths) - 1
    h = rng.standard_normal((count, widths[0]))
    fwd, weights, masks = [np.log(np.sum(h * h, 1) / widths[0])], [], []
    with np.errstate(divide="ignore"):
        for t in range(1, depth + 1):
            w = rng.standard_normal((count, widths[t], widths[t - 1])) * math.sqrt(gammas[t - 1])
            z = np.einsum("nij,nj->ni", w, h)
            d = _mask(z, activation, slope)
            h = d * z
            weights.append(w)
            masks.append(d)
            fwd.append(np.log(np.sum(h * h, 1) / widths[t]))
        g = rng.standard_normal((count, widths[depth]))
        bwd = [np.log(np.sum(g * g, 1) / widths[depth])]
        for t in range(depth, 0, -1):
            g = np.einsum("nij,ni->nj", weights[t - 1], masks[t - 1] * g)
            bwd.append(np.log(np.sum(g * g, 1) / widths[t - 1]))
    return np.array(fwd).T, np.array(bwd[::-1]).T


def decomposed_networks(widths, activation, slope, gammas, count, seed):
    """As `full_networks`, at n draws per layer (the module docstring); vectors are kept at
    unit norm and the log norms carried apart, so no depth overflows."""
    rng = np.random.default_rng(seed)
    depth = len(widths) - 1
    h = rng.standard_normal((count, widths[0]))
    log_norm = np.log(np.sum(h * h, 1))
    fwd = [log_norm - math.log(widths[0])]
    units, ws, masks = [], [], []
    with np.errstate(divide="ignore", invalid="ignore"):
        for t in range(1, depth + 1):
            unit = h / np.sqrt(np.sum(h * h, 1, keepdims=True))
            w = rng.standard_normal((count, widths[t])) * math.sqrt(gammas[t - 1])
            d = _mask(w, activation, slope)
            h = d * w
            log_norm = log_norm + np.log(np.sum(h * h, 1))
            fwd.append(log_norm - math.log(widths[t]))
            units.append(unit)
            ws.append(w)
            masks.append(d)
        g = rng.standard_normal((count, widths[depth]))
        log_norm = np.log(np.sum(g * g, 1))
        bwd = [log_norm - math.log(widths[depth])]
        g = g / np.exp(0.5 * log_norm)[:, None]
        for t in range(depth, 0, -1):
            unit, u = units[t - 1], masks[t - 1] * g
            u_norm = np.sqrt(np.sum(u * u, 1, keepdims=True))
            xi = rng.standard_normal((count, widths[t - 1]))
            xi -= unit * np.sum(unit * xi, 1, keepdims=True)
            g = (unit * np.sum(ws[t - 1] * u, 1, keepdims=True)
                 + math.sqrt(gammas[t - 1]) * u_norm * xi)
            sq = np.sum(g * g, 1)
            log_norm = log_norm + np.log(sq)
            bwd.append(log_norm - math.log(widths[t - 1]))
            g = g / np.sqrt(sq)[:, None]
    return np.array(fwd).T, np.array(bwd[::-1]).T


def forward_chain(width, depth, activation, slope, gamma, count, seed):
    """ln(‖h^t‖²/n) by eq. (1) with χ² draws, (count, depth + 1); -inf after a dead layer."""
    rng = np.random.default_rng(seed)
    start = np.log(rng.chisquare(width, (count, 1)))
    if activation == "linear":
        x = slope**2 * rng.chisquare(width, (count, depth))
    else:   # k ~ Binomial(n, ½): the number of set bits of n random bits (n ≤ 64)
        bits = rng.integers(0, 2**width, (count, depth), dtype=np.uint64, endpoint=False)
        k = np.bitwise_count(bits).astype(np.int64)
        on = rng.chisquare(np.maximum(k, 1)) * (k > 0)
        off = rng.chisquare(np.maximum(width - k, 1)) * (k < width)
        x = on + slope**2 * off
    with np.errstate(divide="ignore"):
        steps = np.log(gamma * x)
    return np.concatenate([start, start + np.cumsum(steps, 1)], 1) - math.log(width)


def _lines(widths, activation, slope, gammas):
    name = {"linear": "linear", "relu": "relu", "leaky": "leaky_relu"}[activation]
    kappa = log_gains(name, widths, alpha=slope if name == "linear" else 1.0,
                      negative_slope=slope if name == "leaky_relu" else 0.0)
    return typical_logs(widths, np.log(gammas), kappa)


def _alive(*samples):
    keep = np.all([np.isfinite(s).all(1) for s in samples], axis=0)
    return [s[keep] for s in samples]


def _z_scores(samples: np.ndarray, line: np.ndarray) -> np.ndarray:
    """(sample mean − line) in standard errors, per layer."""
    return (samples.mean(0) - line) / (samples.std(0) / math.sqrt(len(samples)))


def _slope(values: np.ndarray) -> float:
    return float(np.polyfit(np.arange(values.size), values, 1)[0])


# -- special functions and per-layer gains -----------------------------------------------------

def test_digamma_matches_scipy():
    x = np.concatenate([np.geomspace(1e-4, 1e9, 400), np.arange(0.5, 40, 0.5)])
    assert np.allclose(digamma(x), special.digamma(x), rtol=1e-14, atol=2e-14)
    assert digamma(1.0) == pytest.approx(-np.euler_gamma, abs=1e-15)


@pytest.mark.parametrize("alpha", [1.0, 0.5, -3.0])
def test_linear_increment_is_the_chi2_closed_form(alpha):
    """Linear: each layer adds E ln(α²γ χ²_n) = ln(α²γ) + ln 2 + ψ(n/2)."""
    widths = [7, 4, 1, 9, 256]
    gammas = [0.3, 2.0, 1.0, 0.01]
    kappa = log_gains("linear", widths, alpha=alpha)
    closed = [math.log(alpha**2 * g) + math.log(2) + special.digamma(n / 2)
              for g, n in zip(gammas, widths[1:])]
    assert np.log(gammas) + kappa == pytest.approx(closed, rel=1e-14, abs=1e-14)
    assert np.array_equal(log_gains("identity", widths), log_gains("linear", widths))
    forward, backward = typical_logs(widths, np.log(gammas), kappa)
    e = [math.log(2) + special.digamma(n / 2) - math.log(n) for n in widths]
    assert forward[0] == pytest.approx(e[0], abs=1e-14)
    assert forward[-1] == pytest.approx(math.log(2) + special.digamma(3.5) + sum(closed)
                                        - math.log(256), abs=1e-13)
    assert backward[-1] == pytest.approx(e[-1], abs=1e-14)
    # both ends hold one χ²_{n_0} log-mean and every layer's increment: only ln n differs
    assert backward[0] == pytest.approx(forward[-1] + math.log(256 / 7), abs=1e-13)


@pytest.mark.parametrize("n", [1, 2, 3, 8, 33])
def test_relu_gain_is_the_conditioned_binomial_mixture(n):
    k = np.arange(1, n + 1)
    pmf = special.comb(n, k) / 2.0**n
    exact = np.sum(pmf * (math.log(2) + special.digamma(k / 2))) / (1 - 0.5**n)
    assert relu_log_gain(n) == pytest.approx(exact, rel=1e-13, abs=1e-13)


@pytest.mark.parametrize("n", [1, 2, 5, 9])
@pytest.mark.parametrize("a", [0.01, 0.2, -0.5, 3.0])
def test_leaky_relu_gain_is_the_beta_mixture(n, a):
    """ln 2 + ψ(n/2) + E ln(a² + (1 − a²)B), B ~ Beta(k/2, (n − k)/2), k ~ Binomial(n, ½),
    with scipy's quadrature of each Beta integral."""
    a2, total = a * a, 0.0
    for k in range(n + 1):
        if k in (0, n):
            value = math.log(a2) if k == 0 else 0.0
        else:
            p, q = k / 2, (n - k) / 2
            norm = special.beta(p, q)
            value = integrate.quad(lambda b: math.log(a2 + (1 - a2) * b)
                                   * b ** (p - 1) * (1 - b) ** (q - 1) / norm, 0, 1,
                                   limit=200, epsabs=1e-13, epsrel=1e-13)[0]
        total += special.comb(n, k) / 2.0**n * value
    exact = math.log(2) + special.digamma(n / 2) + total
    assert leaky_relu_log_gain(n, a) == pytest.approx(exact, abs=1e-12)
    assert leaky_relu_log_gain(n, 1.0) == pytest.approx(float(log_chi2_mean(n)), abs=1e-15)


@pytest.mark.parametrize("n", [1, 3, 32])
def test_leaky_relu_gain_is_continuous_where_the_quadrature_hands_over(n):
    """Below a² = 1e-30 the quadrature gives way to relu's gain plus the k = 0 term
    2⁻ⁿ(ln a² + e(n)), which alone moves with a."""
    above, below = leaky_relu_log_gain(n, 1.000001e-15), leaky_relu_log_gain(n, 0.999999e-15)
    assert above - below == pytest.approx(0.5**n * 2 * math.log(1.000001 / 0.999999), abs=1e-11)
    assert np.isfinite(leaky_relu_log_gain(n, 1e-300))


# -- against networks --------------------------------------------------------------------------

def test_d2l_identity_width4_depth100():
    """D2L's example (identity, width 4, depth 100, N(0, 1)): the expectation is 4¹⁰⁰ =
    10^60.2, the typical run (101 χ²_4 log-means, ψ(2) = 1 − γ_E) 10^48.35; 4000 networks."""
    depth, n = 100, 4
    config = SimConfig.from_dict({"depth": depth, "width": n, "activation": "identity",
                                  "init": "constant", "variance": 1.0})
    theory = mean_field(config)
    exact = ((depth + 1) * (math.log(2) + 1 - np.euler_gamma) - math.log(n)) / LN10
    assert theory.log10_forward_var[-1] == pytest.approx(depth * math.log10(4), abs=1e-9)
    assert theory.typical_log10_forward_var[-1] == pytest.approx(exact, abs=1e-11)
    assert exact == pytest.approx(48.347, abs=5e-4)
    assert np.allclose(theory.typical_log10_backward_var, theory.typical_log10_forward_var[::-1])
    forward, backward = full_networks([n] * (depth + 1), "linear", 1.0, [1.0] * depth, 4000, 1)
    for samples, line in ((forward, theory.typical_log_forward_var),
                          (backward, theory.typical_log_backward_var)):
        assert np.abs(_z_scores(samples, line)).max() < 4
        q10, median, q90 = np.percentile(samples, [10, 50, 90], axis=0)
        assert ((q10 < line) & (line < q90)).all()
        assert _slope(median) == pytest.approx(_slope(line), rel=0.02)
    # the median network at layer 100, as one input sees it: 10^48.3 ± 0.3 (its error ~0.15)
    assert np.median(forward[:, -1]) / LN10 == pytest.approx(exact, abs=0.3)


@pytest.mark.parametrize("activation, slope", [("linear", 0.7), ("relu", 0.0), ("leaky", 0.3),
                                               ("leaky", -2.0)])
def test_whole_matrices_unequal_widths(activation, slope):
    """Every layer, both directions, within 4.5 standard errors of the mean of 20 000 networks
    with whole matrices; relu at widths 2–6 has dead layers, excluded at the predicted rate."""
    widths, gammas = [3, 5, 2, 4, 3, 6, 2], [0.7, 1.3, 0.5, 0.9, 1.1, 0.6]
    forward, backward = full_networks(widths, activation, slope, gammas, 20_000, 2)
    alive = np.isfinite(forward[:, -1])
    expected = math.prod(1 - 0.5**n for n in widths[1:]) if activation == "relu" else 1.0
    assert alive.mean() == pytest.approx(expected, abs=4 * math.sqrt(expected / 20_000))
    forward, backward = _alive(forward, backward)
    for samples, line in zip((forward, backward), _lines(widths, activation, slope, gammas)):
        assert np.abs(_z_scores(samples, line)).max() < 4.5


CASES = {   # width 32, depth 50: (activation, slope, γ) with He / Xavier's γ
    "relu_he": ("relu", 0.0, 2 / 32),
    "leaky_0.2_he": ("leaky", 0.2, 2 / ((1 + 0.2**2) * 32)),
    "identity_xavier": ("linear", 1.0, 1 / 32),
}


@pytest.mark.parametrize("case", CASES)
def test_inside_the_band_of_an_ensemble(case):
    """The issue's criterion on 1500 networks: at every layer the line lies inside the
    ensemble's 10–90 % band, forward and backward, and within 4 standard errors of its mean.
    (The backward median's slope, like the forward's, matches to 0.2 % on 20 000 networks of
    this sampler; too slow for the suite, so the 2 % slope criterion is checked below on the
    forward chain, whose law the backward mirrors.)"""
    activation, slope, gamma = CASES[case]
    widths, gammas = [32] * 51, [gamma] * 50
    samples = decomposed_networks(widths, activation, slope, gammas, 1500, 3)
    for sample, line in zip(_alive(*samples), _lines(widths, activation, slope, gammas)):
        q10, q90 = np.percentile(sample, [10, 90], axis=0)
        assert ((q10 < line) & (line < q90)).all()
        assert np.abs(_z_scores(sample, line)).max() < 4


@pytest.mark.parametrize("case", CASES)
def test_slope_of_the_median(case):
    """The median network of 40 000 (eq. 1 sampled) falls at the typical line's slope to 2 %
    (the estimate's standard error is ≤ 0.6 %), where the expectation's slope is 0."""
    activation, slope, gamma = CASES[case]
    chain = forward_chain(32, 50, activation, slope, gamma, 40_000, 4)
    line = _lines([32] * 51, activation, slope, [gamma] * 50)[0]
    median = np.median(chain[np.isfinite(chain).all(1)], axis=0)
    assert _slope(median) == pytest.approx(_slope(line), rel=0.02)
    assert _slope(line) < -0.02   # nats per layer: the finite-width drift the line shows


def test_a_variance_pooled_over_inputs_lies_between_the_typical_run_and_the_expectation():
    """What the profile's tooltip says: the solid line (the median network's variance pooled
    over the batch, a mean over inputs) lies above the dotted typical run (one input's
    expected log) and below the dashed expectation (the README had it following the dotted
    line: 0.4 decades above it at width 16, depth 50)."""
    from engine import simulate

    result = simulate(SimConfig.from_dict({"activation": "identity", "width": 16, "depth": 50,
                                           "trials": 16, "batch": 128}))
    median = result.monte_carlo.log10_forward_var[-1]
    typical = result.theory.typical_log10_forward_var[-1]
    expectation = result.theory.log10_forward_var[-1]
    assert typical + 0.2 < median < expectation - 0.2, (typical, median, expectation)


# -- where it is available, and the stats contract -----------------------------------------------

@pytest.mark.parametrize("changes", [{"activation": "tanh"}, {"activation": "gelu"},
                                     {"bias_std": 0.1}, {"distribution": "uniform"},
                                     {"distribution": "orthogonal"},
                                     {"activation": "linear", "beta": 0.5}])
def test_not_available_is_nan_and_null(changes):
    config = SimConfig.from_dict({"depth": 4, "width": 8, "activation": "relu", "init": "he",
                                  **changes})
    theory = mean_field(config)
    assert not theory.typical_available
    assert np.isnan(theory.typical_log10_forward_var).all()
    assert np.isnan(theory.typical_log10_backward_var).all()
    result = SimResult(config, theory=theory)
    rows = json.loads(result.to_json())["layers"]
    assert all(row[name] is None for row in rows for name in TYPICAL_FIELDS)
    header, *lines = result.to_csv().strip().split("\n")
    where = [header.split(",").index(name) for name in TYPICAL_FIELDS]
    assert all(line.split(",")[i] == "" for line in lines for i in where)


@pytest.mark.parametrize("activation", ["identity", "linear", "relu", "leaky_relu"])
def test_available_in_the_stats(activation):
    config = SimConfig.from_dict({"depth": 3, "width": 8, "activation": activation,
                                  "alpha": 2.0, "init": "he", "trials": 3})
    theory = mean_field(config)
    assert theory.typical_available
    rows = json.loads(SimResult(config, theory=theory).to_json())["layers"]
    assert [row["typical_log10_forward_var"] for row in rows] == pytest.approx(
        theory.typical_log10_forward_var.tolist(), abs=0)
    assert all(isinstance(row["typical_log10_backward_var"], float) for row in rows)


def test_columns_keep_their_order_and_the_typical_ones_come_last():
    assert LAYER_FIELDS[:4] == ("forward_mean", "log10_forward_var", "log10_preact_var",
                                "log10_backward_var")
    assert LAYER_FIELDS[-2:] == TYPICAL_FIELDS
    assert LAYER_FIELDS.index("chi1") < LAYER_FIELDS.index("typical_log10_forward_var")


def test_zero_weights_give_minus_infinity_not_nan():
    config = SimConfig.from_dict({"depth": 3, "width": 8, "activation": "relu",
                                  "init": "zeros"})
    theory = mean_field(config)
    assert np.isneginf(theory.typical_log10_forward_var[1:]).all()
    assert np.isfinite(theory.typical_log10_forward_var[0])


@pytest.mark.parametrize("activation, slope", [("relu", 0.0), ("leaky_relu", 0.2)])
def test_the_forward_line_is_a_variance_not_a_mean_square(activation, slope):
    """A researcher's check: relu's dotted line was the mean square ‖h‖²/n on a variance axis,
    0.166 decades above the dashed expectation at layer 1, as if E log ≤ log E failed. From
    layer 1 on it is the mean square's line plus the log of the share that is variance at
    infinite width, 1 − E[σ(z)]²/E[σ(z)²] (here by quadrature): below the expectation at every
    layer, and at the Monte Carlo's layer 1."""
    from engine import simulate
    from engine.initializers import layer_variances
    from engine.theory.typical import typical_logs, variance_log_share

    config = SimConfig.from_dict({"depth": 100, "activation": activation,
                                  "negative_slope": slope, "init": "he", "trials": 4})
    result = simulate(config)
    theory, mc = result.theory, result.monte_carlo

    def sigma(z):
        return z if z > 0 else slope * z

    def gauss(f):
        return integrate.quad(lambda z: f(z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi),
                              -np.inf, np.inf)[0]

    share = math.log(1 - gauss(sigma) ** 2 / gauss(lambda z: sigma(z) ** 2))
    assert variance_log_share(activation, slope) == pytest.approx(share, rel=1e-9)
    widths = np.asarray(config.widths)
    mean_square, _ = typical_logs(widths, np.log(layer_variances(config)),
                                  log_gains(activation, widths, negative_slope=slope))
    np.testing.assert_allclose(theory.typical_log_forward_var[1:], mean_square[1:] + share,
                               rtol=1e-12)
    assert theory.typical_log_forward_var[0] == mean_square[0]   # the input's mean is zero
    assert (theory.typical_log10_forward_var <= theory.log10_forward_var + 1e-12).all()
    # width 256: one layer's units are near their infinite-width share
    assert mc.log10_forward_var[1] == pytest.approx(theory.typical_log10_forward_var[1],
                                                    abs=0.02)
