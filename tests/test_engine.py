"""Monte Carlo passes against the lecture's formulas, theory for every activation and explicit
matrix products; a result composed of a config, an optional Monte Carlo and an optional theory.

Tolerances come from the sample size (see `engine_checks`).
"""

import dataclasses
import json
import math

import numpy as np
import pytest

from engine import DrawCache, SimConfig, SimResult, mean_field, monte_carlo, simulate
from engine.activations import NAMES, activation_for
from engine.draws import Draws
from engine.initializers import layer_variances
from engine_checks import LN10, cfg, mc_tolerance, mean_tolerance

# -- the lecture, layer by layer ---------------------------------------------------------

@pytest.mark.parametrize("variance, label", [(0.002, "too small"), (1 / 128, "1/n"), (0.03, "too large")])
def test_linear_mlp_with_constant_gamma(variance, label):
    """Var[h^t] = n_{t-1} γ Var[h^{t-1}] and Var[∂ℓ/∂h^{t-1}] = n_t γ Var[∂ℓ/∂h^t]."""
    c = cfg(activation="identity", init="constant", variance=variance, depth=20)
    r = simulate(c)
    mc, th = r.monte_carlo, r.theory
    per_layer = math.log10(128 * variance)
    for t in range(c.depth + 1):
        expected_fwd = mc.log10_forward_var[0] + t * per_layer
        assert mc.log10_forward_var[t] == pytest.approx(expected_fwd, abs=mc_tolerance(c, t)), label
        expected_bwd = mc.log10_backward_var[c.depth] + (c.depth - t) * per_layer
        assert mc.log10_backward_var[t] == pytest.approx(expected_bwd, abs=mc_tolerance(c, c.depth - t))
    # and the theory line is the formula itself
    np.testing.assert_allclose(np.diff(th.log10_forward_var), per_layer, atol=1e-12)
    np.testing.assert_allclose(np.diff(th.log10_backward_var), -per_layer, atol=1e-12)


@pytest.mark.parametrize("distribution", ["normal", "uniform"])
@pytest.mark.parametrize("widths", [[128] * 9, [100, 300, 50, 200, 120, 400, 60]])
def test_xavier_square_and_non_square(distribution, widths):
    """Xavier γ_t = 2/(n_{t-1}+n_t): forward factor n_{t-1}γ_t, backward n_tγ_t, per layer."""
    c = SimConfig.from_dict({"widths": widths, "activation": "identity", "init": "xavier",
                             "distribution": distribution, "batch": 512})
    r = simulate(c)
    mc, th = r.monte_carlo, r.theory
    n = widths
    fwd = np.cumsum([0.0] + [math.log10(2 * n[t - 1] / (n[t - 1] + n[t])) for t in range(1, len(n))])
    bwd = np.cumsum([0.0] + [math.log10(2 * n[t] / (n[t - 1] + n[t])) for t in range(len(n) - 1, 0, -1)])[::-1]
    np.testing.assert_allclose(th.log10_forward_var, fwd, atol=1e-12)
    np.testing.assert_allclose(th.log10_backward_var, bwd, atol=1e-12)
    L = c.depth
    for t in range(L + 1):
        assert mc.log10_forward_var[t] == pytest.approx(fwd[t], abs=mc_tolerance(c, t))
        assert mc.log10_backward_var[t] == pytest.approx(bwd[t], abs=mc_tolerance(c, L - t))
    np.testing.assert_allclose(th.factor_forward[1:], [2 * n[t - 1] / (n[t - 1] + n[t]) for t in range(1, len(n))])


def test_affine_activation_second_moment_tends_to_fixed_point():
    """σ(x) = αx + β with γ = 1/n: m_t = α² m_{t-1} + β² → β²/(1 − α²) for |α| < 1."""
    alpha, beta = 0.5, 0.3
    c = cfg(activation="linear", alpha=alpha, beta=beta, init="lecun", depth=30, width=256)
    r = simulate(c)
    mc, th = r.monte_carlo, r.theory
    second = 10 ** mc.log10_forward_var + mc.forward_mean ** 2
    limit = beta**2 / (1 - alpha**2)
    assert second[-1] == pytest.approx(limit, rel=0.05)
    # the mean is β at every layer ≥ 1 (E[W h] = 0), up to the per-unit offsets Σ_j W_ij h̄_j
    np.testing.assert_allclose(mc.forward_mean[1:], beta, atol=mean_tolerance(r, 30))
    theory_second = 10 ** th.log10_forward_var + th.forward_mean ** 2
    assert theory_second[-1] == pytest.approx(limit, rel=1e-6)


def test_affine_activation_with_slope_one_adds_beta_squared_a_layer():
    """σ(x) = x + β with n_{t−1}γ_t = 1: Var[h^t] = Var[h^{t−1}] + β², so 1 + (t − 1)β² (the
    formula row's closed form): linear growth, not geometric."""
    beta = 0.5
    r = simulate(cfg(activation="linear", alpha=1.0, beta=beta, init="xavier", depth=50,
                     width=256))
    t = np.arange(1, 51)
    closed = np.log10(1 + (t - 1) * beta**2)
    np.testing.assert_allclose(r.theory.log10_forward_var[1:], closed, atol=1e-9)
    mc = r.monte_carlo.log10_forward_var
    assert abs(mc[-1] - closed[-1]) < mc_tolerance(r.config, 50)
    # not a constant rate: the last ten layers add less than a fifth of the first ten's decades
    assert mc[50] - mc[40] < 0.2 * (mc[11] - mc[1])


def test_affine_activation_needs_alpha_one_beta_zero():
    """With β = 0 and α = 1 the affine network is the identity: variance preserved."""
    r = simulate(cfg(activation="linear", alpha=1.0, beta=0.0, init="lecun", depth=20))
    assert abs(r.monte_carlo.log10_forward_var[-1]) < mc_tolerance(r.config, 20)
    r2 = simulate(cfg(activation="linear", alpha=1.2, beta=0.0, init="lecun", depth=20))
    assert r2.monte_carlo.log10_forward_var[-1] == pytest.approx(
        20 * math.log10(1.44), abs=mc_tolerance(r2.config, 20))


def test_sigmoid_vs_scaled_sigmoid_near_zero():
    """Near 0, sigmoid ≈ ½ + x/4 shrinks gradients 16× per layer (σ'(0)² = 1/16); 4·sigmoid − 2 ≈ x
    keeps them (slope 1). Small gain keeps pre-activations near 0."""
    small = dict(init="lecun", gain=0.05, depth=6, width=256)
    sig = monte_carlo(cfg(activation="sigmoid", **small))
    fix = monte_carlo(cfg(activation="sigmoid_scaled", **small))
    # backward: chi = n γ E[σ'²]; near 0 E[σ'²] → 1/16 for sigmoid and 1 for the fix
    sig_rate = np.diff(sig.log10_backward_var)
    fix_rate = np.diff(fix.log10_backward_var)
    gain_decades = math.log10(0.05**2)
    assert np.allclose(-sig_rate, gain_decades + math.log10(1 / 16), atol=0.05)
    assert np.allclose(-fix_rate, gain_decades, atol=0.05)
    # forward: the fix keeps the mean at 0; sigmoid's mean is ½
    assert abs(fix.forward_mean[-1]) < 0.01 and sig.forward_mean[-1] == pytest.approx(0.5, abs=0.01)


# -- Monte Carlo against theory for every activation -------------------------------------

@pytest.fixture(scope="module")
def shared_draws():
    """One DrawCache for the activations below: they differ only in scalars and σ, so they
    use the same standardized draws (the same with or without a cache) and draw them once."""
    return DrawCache()


@pytest.mark.parametrize("activation", NAMES)   # (every one: a hand list skips a new one)
@pytest.mark.parametrize("bias_std", [0.0, 0.3])
def test_monte_carlo_agrees_with_theory(shared_draws, activation, bias_std):
    """The average over K independent networks agrees with mean-field theory.

    For nonlinear σ the finite-width error is not just the matrix-product term of
    `mc_tolerance`: per-unit offsets (σ's mean, the bias) are shared by the whole batch, so
    their error averages over n_t units only and then propagates. Rather than model every such
    term, the test measures the spread between the K = 6 networks and requires
    |mean − theory| ≤ 6 standard errors, plus 0.02 decades for the O(L/n) finite-width bias of
    the mean-field limit and the log-Jensen bias (E log X vs log E X). The K networks share
    their input batch and read-out gradients, whose own sampling error (B·n_0 = B·n_L = 32768
    N(0, 1) entries each: standard deviation √(1/(B·n)) of the mean and √(2/(B·n)) of the log
    variance) the spread between them cannot show: it is allowed for separately, 6 standard
    deviations of it.
    """
    K = 6
    c = cfg(activation=activation, init="he" if "relu" in activation else "lecun",
            bias_std=bias_std, depth=6, width=256, batch=128, alpha=0.9, beta=0.1, trials=K)
    r = simulate(c, cache=shared_draws)
    mc, th = r.monte_carlo, r.theory
    assert mc.trials == K
    input_error = {"forward": 6 * math.sqrt(2 / (c.batch * c.widths[0])) / LN10,
                   "backward": 6 * math.sqrt(2 / (c.batch * c.widths[-1])) / LN10,
                   "mean": 6 * math.sqrt(1 / (c.batch * c.widths[0]))}
    for label, trials, theory in (
            ("forward", mc.trial_log10_forward_var, th.log10_forward_var),
            ("backward", mc.trial_log10_backward_var, th.log10_backward_var),
            ("mean", mc.trial_forward_mean, th.forward_mean)):
        assert np.isfinite(trials).all()
        avg = trials.mean(axis=0)
        standard_error = trials.std(axis=0, ddof=1) / math.sqrt(K)
        tol = 6 * standard_error + 0.02 + input_error[label]
        assert np.all(np.abs(avg - theory) <= tol), (label, avg - theory, tol)
    # a single network's pre-activation variance, against the same bound from its spread
    # (h'^t inherits the spread of h^{t-1})
    pre_tol = 6 * mc.trial_log10_forward_var.std(axis=0, ddof=1)[:-1] + 0.05
    assert np.all(np.abs(mc.log10_preact_var[1:] - th.log10_preact_var[1:]) <= pre_tol)


# -- both passes against explicit matrix products ----------------------------------------

@pytest.mark.parametrize("activation", ["identity", "tanh", "relu", "sigmoid", "selu"])
def test_passes_equal_explicit_products(activation):
    """Forward h^t = σ(h^{t-1} W^tᵀ + b^t); backward δ^{t-1} = (σ'(h'^t) ⊙ δ^t) W^t, in float64."""
    c = SimConfig.from_dict({"widths": [3, 5, 2, 4], "activation": activation, "init": "he",
                             "bias_std": 0.5, "batch": 64, "seed": 7})
    mc = monte_carlo(c)
    draws = Draws(c, 0, None)
    act = activation_for(c)
    gam = layer_variances(c)
    h = draws.input().astype(np.float64)
    hs, pres = [h], []
    for t in range(1, c.depth + 1):
        w_t = math.sqrt(gam[t - 1]) * draws.weight(t).astype(np.float64)   # (W^t)ᵀ
        pre = hs[-1] @ w_t + c.bias_std * draws.bias(t).astype(np.float64)
        pres.append(pre)
        hs.append(act.f(pre))
    deltas = [draws.readout().astype(np.float64)]
    for t in range(c.depth, 0, -1):
        w_t = math.sqrt(gam[t - 1]) * draws.weight(t).astype(np.float64)
        deltas.append((act.df(pres[t - 1]) * deltas[-1]) @ w_t.T)
    deltas = deltas[::-1]
    for t in range(c.depth + 1):
        with np.errstate(divide="ignore"):  # a relu unit dead for the whole batch: −∞
            fwd_units = np.log10(hs[t].var(axis=0))
            bwd_units = np.log10(deltas[t].var(axis=0))
        n = c.widths[t]
        np.testing.assert_allclose(mc.unit_log10_forward_var[t, :n], fwd_units, atol=1e-4)
        np.testing.assert_allclose(mc.unit_log10_backward_var[t, :n], bwd_units, atol=1e-4)
        assert np.isnan(mc.unit_log10_forward_var[t, n:]).all()
        assert mc.log10_forward_var[t] == pytest.approx(math.log10(hs[t].var()), abs=1e-4)
        assert mc.forward_mean[t] == pytest.approx(hs[t].mean(), abs=1e-5)
        assert mc.log10_backward_var[t] == pytest.approx(math.log10(deltas[t].var()), abs=1e-4)
        if t:
            assert mc.log10_preact_var[t] == pytest.approx(math.log10(pres[t - 1].var()), abs=1e-4)
    assert np.isnan(mc.log10_preact_var[0])   # layer 0 has no pre-activation


# -- the composition: a config, an optional Monte Carlo, an optional theory ----------------

def test_monte_carlo_joined_with_its_theory_equals_simulate():
    """The window's worker returns `SimResult(c, monte_carlo(c))`; joining the theory with
    `dataclasses.replace` gives exactly what `simulate(c)` gives (stats JSON and CSV)."""
    config = SimConfig.from_dict({"depth": 6, "width": 16, "batch": 32, "seed": 5,
                                  "activation": "tanh", "bias_std": 0.1})
    full = simulate(config)
    bare = SimResult(config, monte_carlo(config))
    joined = dataclasses.replace(bare, theory=mean_field(config))
    assert joined.to_json() == full.to_json()
    assert joined.to_csv() == full.to_csv()
    # the bare result writes the same Monte Carlo and null theory columns
    bare_layers = json.loads(bare.to_json())["layers"]
    for row, full_row in zip(bare_layers, json.loads(full.to_json())["layers"]):
        for key in ("forward_mean", "log10_forward_var", "log10_backward_var"):
            assert row[key] == full_row[key]
        for key in ("theory_log10_forward_var", "theory_log10_backward_var", "chi1", "gamma"):
            assert row[key] is None
    assert all(v is None for v in json.loads(bare.to_json())["summary"]["depth_scales"].values())


def test_theory_only_result_has_no_monte_carlo():
    config = SimConfig.from_dict({"depth": 5, "width": 16, "activation": "tanh",
                                  "bias_std": 0.3})
    theory_only = SimResult(config, theory=mean_field(config))
    data = json.loads(theory_only.to_json())
    assert data["summary"]["monte_carlo"] is False
    assert data["summary"]["forward_invalid"] is None
    assert all(row["log10_forward_var"] is None for row in data["layers"])
    full = json.loads(simulate(config).to_json())
    assert data["summary"]["depth_scales"] == full["summary"]["depth_scales"]
    assert data["summary"]["depth_scales"]["q_star"] is not None   # a bias gives a finite q*
    for row, full_row in zip(data["layers"], full["layers"]):
        for key in ("theory_log10_forward_var", "theory_log10_backward_var", "gamma", "chi1"):
            assert row[key] == full_row[key]
    header, *rows = theory_only.to_csv().strip().split("\n")
    mc_columns = [header.split(",").index(k) for k in ("forward_mean", "log10_forward_var",
                                                       "log10_backward_var")]
    assert len(rows) == 6 and all(row.split(",")[i] == "" for row in rows for i in mc_columns)


def test_an_ensembles_pre_activation_row_is_the_median_as_its_signal_is():
    """A researcher's tour: with trials = 16, σ(x) = x gave log10_preact_var 44.8 (trial 0)
    beside log10_forward_var 48.0 (the median) at layer 100. Both are the median now: equal
    for the identity, inside the band."""
    mc = monte_carlo(SimConfig.from_dict({"activation": "identity", "init": "constant",
                                          "variance": 1.0, "width": 4, "depth": 30,
                                          "trials": 8, "batch": 16}))
    np.testing.assert_allclose(mc.log10_preact_var[1:], mc.log10_forward_var[1:], atol=1e-5)
    assert (mc.log10_forward_var_q10[1:] <= mc.log10_preact_var[1:] + 1e-5).all()
    assert (mc.log10_preact_var[1:] <= mc.log10_forward_var_q90[1:] + 1e-5).all()
