"""Monte Carlo passes against the lecture's formulas, explicit matrix products and theory.

Tolerances come from the sample size. For a linear layer the pooled variance of h^t is the
squared Frobenius norm of a product of random matrices; each layer multiplies it by
n_{t-1}γ_t·(1 + ε_t) with Var[ε_t] ≈ 2/(n_t·r_t), r_t = min(batch, n_{t-1}) the number of
independent directions the batch spans. After t layers the natural-log error has standard
deviation ≈ √(Σ 2/(n_s r_s)); `mc_tolerance` allows 6 of those plus a floor for float32 and for
the input's own sampling error (√(2/(B·n_0))).
"""

import dataclasses
import json
import math

import numpy as np
import pytest

import engine.draws
import engine.initializers
import engine.passes
from engine import (Cancelled, ConfigError, DrawCache, SimConfig, SimResult, mean_field,
                    monte_carlo, simulate)
from engine.activations import activation_for
from engine.draws import Draws
from engine.initializers import layer_variances
from engine.layer_step import LayerStep

LN10 = math.log(10)


def mc_tolerance(config, t: int, sigmas: float = 6.0) -> float:
    """Decades of Monte Carlo error allowed at layer t (see the module docstring)."""
    w, b = config.widths, config.batch
    var = 2.0 / (b * w[0]) + sum(2.0 / (w[s] * min(b, w[s - 1])) for s in range(1, t + 1))
    return sigmas * math.sqrt(var) / LN10 + 0.005


def mean_tolerance(result, t: int) -> float:
    """The pooled mean of layer t averages n_t per-unit offsets Σ_j W_ij h̄_j + b_i, each of
    variance ≈ q_t (the pre-activation variance), and σ's slope is at most ~1.1 for every
    activation tested: 6·1.1·√(q_t/n_t), plus the input's sampling error."""
    q = 10 ** result.theory.log10_preact_var[t] if t else 1.0 / result.config.batch
    return 6.6 * math.sqrt(q / result.config.widths[t]) + 0.005


def cfg(**kw):
    base = {"depth": 10, "width": 128, "batch": 256}
    base.update(kw)
    return SimConfig.from_dict(base)


def assert_same_monte_carlo(a, b):
    """Two MonteCarlo parts that must be bit-identical (same draws, same matrix shapes)."""
    for name in ("forward_mean", "log10_forward_var", "log10_preact_var", "log10_backward_var",
                 "trial_log10_forward_var", "trial_log10_backward_var", "trial_forward_mean",
                 "unit_log10_forward_var", "unit_log10_backward_var", "hist_density"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert (a.forward_invalid, a.backward_invalid) == (b.forward_invalid, b.backward_invalid)


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


@pytest.mark.parametrize("activation", [
    "identity", "linear", "sigmoid", "sigmoid_scaled", "tanh", "relu", "leaky_relu", "elu",
    "selu", "gelu", "swish", "softplus"])
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


# -- huge dynamic range ------------------------------------------------------------------

def test_identity_reaches_ten_to_the_241_exactly():
    c = SimConfig.from_dict({"depth": 100, "width": 256, "batch": 64, "activation": "identity",
                             "init": "constant", "variance": 1.0})
    r = simulate(c)
    mc = r.monte_carlo
    assert mc.forward_invalid is None and mc.backward_invalid is None
    assert r.theory.log10_forward_var[100] == pytest.approx(100 * math.log10(256), abs=1e-9)
    assert mc.log10_forward_var[100] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert mc.log10_backward_var[0] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert np.isfinite(mc.unit_log10_forward_var[100]).all()
    data = json.loads(r.to_json())
    assert data["layers"][100]["log10_forward_var"] > 240


@pytest.mark.parametrize("activation, gain, bias", [("relu", 3.0, 0.1), ("relu", 0.2, 0.0),
                                                   ("leaky_relu", 5.0, 0.1)])
def test_homogeneous_runs_are_exact_at_any_depth(activation, gain, bias):
    c = SimConfig.from_dict({"depth": 300, "width": 64, "batch": 64, "activation": activation,
                             "init": "he", "gain": gain, "bias_std": bias})
    r = simulate(c)
    mc, th = r.monte_carlo, r.theory
    assert mc.forward_invalid is None and mc.backward_invalid is None
    assert np.isfinite(mc.log10_forward_var).all() and np.isfinite(mc.log10_backward_var).all()
    slope = (mc.log10_forward_var[-1] - mc.log10_forward_var[100]) / 200
    theory_slope = (th.log10_forward_var[-1] - th.log10_forward_var[100]) / 200
    assert slope == pytest.approx(theory_slope, abs=0.05 * abs(theory_slope) + 0.01)
    # far beyond float32's range (10^±38), both ways, still reported
    assert abs(mc.log10_forward_var[-1]) > 250 and abs(mc.log10_backward_var[0]) > 250


def test_non_homogeneous_overflow_is_null_with_its_layer():
    c = SimConfig.from_dict({"depth": 60, "width": 256, "batch": 128, "activation": "elu",
                             "init": "constant", "variance": 1.0})
    r = simulate(c)
    mc = r.monte_carlo
    inv = mc.forward_invalid
    assert inv is not None and inv.reason == "overflow" and 20 < inv.layer < 60
    assert np.isfinite(mc.log10_forward_var[: inv.layer]).all()
    assert np.isnan(mc.log10_forward_var[inv.layer:]).all()
    assert mc.backward_invalid is not None
    text = r.to_json()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    assert data["layers"][-1]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"] == {"layer": inv.layer, "reason": "overflow"}
    # theory never overflows
    assert np.isfinite(r.theory.log10_forward_var).all()


def test_tanh_underflow_is_reported_and_backward_stays_exact():
    c = SimConfig.from_dict({"depth": 50, "width": 128, "batch": 128, "activation": "tanh",
                             "gain": 0.1})
    r = simulate(c)
    mc = r.monte_carlo
    assert mc.forward_invalid is not None and mc.forward_invalid.reason == "underflow"
    assert mc.backward_invalid is None and np.isfinite(mc.log10_backward_var).all()
    assert mc.log10_backward_var[0] == pytest.approx(r.theory.log10_backward_var[0], abs=0.3)


# -- reuse, determinism, memory, cancellation ---------------------------------------------

def test_cache_reuses_draws_and_changes_nothing():
    cache = DrawCache()
    c = cfg(depth=6)
    a = monte_carlo(c, cache=cache)
    misses = cache.misses
    for change in ({"gain": 1.7}, {"init": "he"}, {"activation": "relu"}, {"bias_std": 0.4},
                   {"init": "constant", "variance": 0.02}):
        monte_carlo(c.with_values(**change), cache=cache)
    bias_draws = c.depth  # bias_std > 0 draws the biases once
    assert cache.misses == misses + bias_draws
    b = monte_carlo(c)
    assert_same_monte_carlo(a, b)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_layer_step_scales_by_the_root_of_gamma_in_the_arrays_precision(dtype):
    """h'^t = √γ_t · (h @ Z_t): the Monte Carlo pass's float32 arrays take √γ_t rounded to
    float32, the spectrum's float64 arrays its exact value."""
    rng = np.random.default_rng(3)
    h, z = rng.standard_normal((5, 8)).astype(dtype), rng.standard_normal((8, 6)).astype(dtype)
    step = LayerStep(activation_for(cfg(activation="tanh")),
                     np.array([[0.3, 0.7]]), np.array([0.0]))
    for t, gamma in ((1, 0.3), (2, 0.7)):
        pre = step(t, h, np.zeros(1), z, None)[0]
        assert pre.dtype == dtype
        np.testing.assert_array_equal(pre, (h @ z) * dtype(math.sqrt(gamma)))


@pytest.mark.parametrize("distribution", ["normal", "orthogonal"])
def test_weights_drawn_on_several_threads_equal_those_drawn_one_by_one(distribution):
    """A cold pass draws its weights at once on BLAS's threads, each from its own stream:
    the same arrays as one at a time, and a cache then holds them for the next run."""
    from engine.draws import Draws

    c = cfg(depth=7, width=24, distribution=distribution)
    one_by_one = [Draws(c, 1, None).weight(t) for t in range(1, 8)]
    cache = DrawCache()
    at_once = Draws(c, 1, cache).weights(range(1, 8), threads=3)
    assert sorted(at_once) == list(range(1, 8))
    for t in range(1, 8):
        np.testing.assert_array_equal(at_once[t], one_by_one[t - 1])
    misses = cache.misses
    again = Draws(c, 1, cache).weights(range(1, 8), threads=3)
    assert cache.misses == misses and all(again[t] is at_once[t] for t in range(1, 8))


def test_weights_asked_together_survive_the_cache_evicting_some_of_them():
    """A cache that is full evicts its oldest entries as the missing weights are added; when
    those are weights of the same request, they are drawn again (same values), not lost."""
    from engine.draws import Draws

    c = cfg(depth=6, width=16)
    one_run = sum(Draws(c, 0, None).weight(t).nbytes for t in range(1, 7))
    cache = DrawCache(budget_bytes=2 * one_run)          # two trials' weights, no more
    for trial, layers in ((0, range(1, 7)), (1, range(1, 7)), (2, range(1, 4))):
        Draws(c, trial, cache).weights(layers)            # trial 0's layers 1–3 are evicted
    again = Draws(c, 0, cache).weights(range(1, 7), threads=2)   # adding 1–3 evicts 4–6
    for t in range(1, 7):
        np.testing.assert_array_equal(again[t], Draws(c, 0, None).weight(t))


def test_a_cold_pass_looks_for_a_stop_between_its_groups_of_draws(monkeypatch):
    """Kept weights are drawn a group at a time, one per BLAS thread: a stop request is seen
    after the first group, not after every weight of the network is drawn."""
    from threadpoolctl import threadpool_limits

    calls = _count_weight_draws(monkeypatch)
    with threadpool_limits(limits=2, user_api="blas"), pytest.raises(Cancelled):
        monte_carlo(cfg(depth=30, width=16), should_stop=lambda: True)
    assert 1 <= len(calls) <= 2


@pytest.mark.parametrize("settings, invalid", [
    ({"activation": "tanh", "bias_std": 0.2, "trials": 2}, None),
    ({"activation": "relu", "init": "he", "gain": 3.0}, None),           # rescaled log scales
    ({"activation": "tanh", "gain": 0.01, "depth": 20}, "underflow"),
    ({"activation": "elu", "init": "constant", "variance": 16.0, "depth": 40}, "overflow"),
])
def test_cold_run_equals_cached_run(settings, invalid):
    """`monte_carlo(c)` draws afresh; with a DrawCache the draws come from the cache (a second
    run takes every one from it): the statistics are identical either way, invalid layers
    included. Same shapes, same products: bit-identical."""
    c = cfg(**{"depth": 8, "width": 32, "batch": 32, **settings})
    cold = monte_carlo(c)
    assert (cold.forward_invalid.reason if cold.forward_invalid else None) == invalid
    cache = DrawCache()
    first = monte_carlo(c, cache=cache)
    hits = cache.hits
    second = monte_carlo(c, cache=cache)
    assert cache.hits > hits
    for cached in (first, second):
        assert_same_monte_carlo(cold, cached)


def _count_weight_draws(monkeypatch) -> list:
    """Wrap the public `engine.initializers.standardized_weights` (under every name the engine
    may call it by) so that each call is recorded."""
    calls = []
    original = engine.initializers.standardized_weights

    def counted(rng, n_in, n_out, *args, **kwargs):
        calls.append((n_in, n_out))
        return original(rng, n_in, n_out, *args, **kwargs)

    monkeypatch.setattr(engine.initializers, "standardized_weights", counted)
    if hasattr(engine.draws, "standardized_weights"):   # `from .initializers import …`
        monkeypatch.setattr(engine.draws, "standardized_weights", counted)
    return calls


@pytest.mark.parametrize("checkpointed", [False, True])
def test_each_weight_is_drawn_once_per_pass(monkeypatch, checkpointed):
    """When the weights fit `KEEP_WEIGHTS_BYTES`, a cold pass draws each W^t exactly once: the
    backward pass (and a checkpointed segment's recomputation) reuses it. Trials have their own
    weights: K trials draw K·L matrices."""
    c = SimConfig.from_dict({"widths": [12, 20, 16, 20, 8, 10], "activation": "tanh",
                             "batch": 16})
    weight_bytes = 4 * sum(a * b for a, b in zip(c.widths, c.widths[1:]))
    assert weight_bytes <= engine.passes.KEEP_WEIGHTS_BYTES
    if checkpointed:
        monkeypatch.setattr(engine.passes, "SLOPES_BUDGET_BYTES", 1)
        assert engine.passes.needs_checkpoints(c.widths, c.batch)
    calls = _count_weight_draws(monkeypatch)
    monte_carlo(c)
    assert calls == [(c.widths[t - 1], c.widths[t]) for t in range(1, c.depth + 1)]
    calls.clear()
    monte_carlo(c.with_values(trials=3))
    assert len(calls) == 3 * c.depth


def test_weights_drawn_again_beyond_the_budget_give_the_same_statistics(monkeypatch):
    """Weights that do not fit `KEEP_WEIGHTS_BYTES` are drawn again for the backward pass, from
    the same stream: same values, same statistics."""
    c = cfg(activation="tanh", depth=6, width=24, batch=16, bias_std=0.1)
    kept = monte_carlo(c)
    monkeypatch.setattr(engine.passes, "KEEP_WEIGHTS_BYTES", 0)
    calls = _count_weight_draws(monkeypatch)
    redrawn = monte_carlo(c)
    assert len(calls) > c.depth
    assert_same_monte_carlo(kept, redrawn)


def test_seed_changes_the_draws():
    a = monte_carlo(cfg(seed=1))
    b = monte_carlo(cfg(seed=2))
    assert not np.array_equal(a.log10_forward_var, b.log10_forward_var)


@pytest.mark.parametrize("settings", [
    {"activation": "tanh"},
    {"activation": "relu"},
    {"activation": "relu", "init": "he", "gain": 3.0, "bias_std": 0.1},   # log scales rescaled
    {"activation": "tanh", "gain": 0.01},                                 # forward underflow
])
def test_checkpointed_backward_equals_stored(monkeypatch, settings):
    """The checkpointed pass (σ' recomputed one segment at a time) equals the stored one.

    The checkpointed path is forced through the public budget `engine.passes.SLOPES_BUDGET_BYTES`
    (set to 1 byte). The forward pass is the same computation: identical. The backward pass
    multiplies recomputed slopes of the same shapes: equal up to float32 rounding."""
    c = cfg(depth=17, width=32, batch=16, **settings)
    assert not engine.passes.needs_checkpoints(c.widths, c.batch)
    stored = monte_carlo(c)
    monkeypatch.setattr(engine.passes, "SLOPES_BUDGET_BYTES", 1)
    assert engine.passes.needs_checkpoints(c.widths, c.batch)
    steps = []
    checkpointed = monte_carlo(c, on_progress=steps.append)
    np.testing.assert_allclose(checkpointed.log10_backward_var, stored.log10_backward_var,
                               rtol=0, atol=1e-5)
    np.testing.assert_array_equal(checkpointed.log10_forward_var, stored.log10_forward_var)
    np.testing.assert_array_equal(checkpointed.forward_mean, stored.forward_mean)
    assert (checkpointed.forward_invalid, checkpointed.backward_invalid) == \
        (stored.forward_invalid, stored.backward_invalid)
    assert steps[-1] == 1.0 and steps == sorted(steps)
    if settings.get("gain") == 0.01:
        assert stored.forward_invalid is not None and stored.forward_invalid.reason == "underflow"


@pytest.mark.parametrize("threads", [1, 2])
def test_progress_and_cancellation(threads):
    """Progress rises to 1 through fractions done; a stop request is obeyed at the next look.
    With several BLAS threads the weights are drawn first, in groups: still no 0 reported."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=threads, user_api="blas"):
        seen = []
        monte_carlo(cfg(depth=30), on_progress=seen.append)
        assert seen and seen[-1] == 1.0 and all(0 < f <= 1 for f in seen) and seen == sorted(seen)
        calls = []

        def stop():
            calls.append(1)
            return len(calls) > 5

        with pytest.raises(Cancelled):
            simulate(cfg(depth=30), should_stop=stop)
        assert len(calls) == 6


def test_trials_give_independent_draws():
    mc = monte_carlo(cfg(trials=4, depth=5, width=32, batch=64))
    assert mc.trials == 4 and mc.trial_log10_forward_var.shape == (4, 6)
    np.testing.assert_array_equal(mc.trial_forward_mean[0], mc.forward_mean)
    assert len({tuple(row) for row in mc.trial_log10_forward_var[:, 1:].round(12)}) == 4
    band = mc.ensemble("forward")
    assert (band[0] <= band[2]).all() and (band[2] <= band[4]).all()
    # what is reported (and judged) is the ensemble: the median, with the 10–90 % band
    for direction in ("forward", "backward"):
        rows = getattr(mc, f"trial_log10_{direction}_var")
        np.testing.assert_allclose(getattr(mc, f"log10_{direction}_var"),
                                   np.median(rows, axis=0), rtol=0, atol=1e-12)
        np.testing.assert_allclose(getattr(mc, f"log10_{direction}_var_q10"),
                                   np.percentile(rows, 10, axis=0), rtol=0, atol=1e-12)
        np.testing.assert_allclose(getattr(mc, f"log10_{direction}_var_q90"),
                                   np.percentile(rows, 90, axis=0), rtol=0, atol=1e-12)


def test_one_trial_reports_itself_and_no_band():
    mc = monte_carlo(cfg(depth=5, width=32, batch=64))
    np.testing.assert_array_equal(mc.trial_log10_forward_var[0], mc.log10_forward_var)
    np.testing.assert_array_equal(mc.trial_log10_backward_var[0], mc.log10_backward_var)
    assert mc.log10_forward_var_q10 is None and mc.log10_backward_var_q90 is None
    row = SimResult(mc_config := cfg(depth=5, width=32, batch=64), mc).layer_rows()[3]
    assert mc_config.trials == 1 and row["log10_forward_var_q10"] is None


def test_the_ensemble_median_is_reported_and_judged():
    """Issue: with 16 draws of a narrow relu + He net, --stats and the verdict used the first
    draw (−3.41 decades at layer 20, "vanishing") while the plot showed the median."""
    from engine.verdict import verdict

    config = SimConfig.from_dict({"depth": 20, "width": 16, "activation": "relu", "init": "he",
                                  "trials": 16})
    result = simulate(config)
    mc = result.monte_carlo
    median = np.median(mc.trial_log10_forward_var, axis=0)
    assert mc.log10_forward_var[20] == pytest.approx(median[20], abs=1e-12)
    assert abs(mc.trial_log10_forward_var[0, 20] - median[20]) > 1.0   # draw 0 is far off
    assert (mc.log10_forward_var_q10 <= mc.log10_forward_var).all()
    assert (mc.log10_forward_var <= mc.log10_forward_var_q90).all()
    row = json.loads(result.to_json())["layers"][20]
    assert row["log10_forward_var"] == pytest.approx(median[20], abs=1e-12)
    assert row["log10_forward_var_q10"] < row["log10_forward_var"] < row["log10_forward_var_q90"]
    found = verdict(result)
    assert found.forward.total_decades == pytest.approx(median[20] - median[0], abs=1e-12)


def test_histograms_show_tanh_saturation():
    """Glorot & Bengio: with large weights tanh units saturate, mass piles up at ±1."""
    mc = monte_carlo(cfg(activation="tanh", init="constant", variance=0.2, depth=5, width=128))
    density = mc.hist_density[5]
    width = np.diff(mc.hist_edges)
    assert not mc.hist_standardized and mc.hist_edges[0] == -1 and mc.hist_edges[-1] == 1
    assert np.sum(density * width) == pytest.approx(1.0, abs=1e-9)
    edge_mass = (density[0] + density[-1]) * width[0]
    assert edge_mass > 0.5
    calm = monte_carlo(cfg(activation="tanh", depth=5, width=128))
    assert (calm.hist_density[5][0] + calm.hist_density[5][-1]) * width[0] < 0.01


def test_stats_csv_and_json_have_every_layer():
    r = simulate(cfg(depth=4))
    rows = r.to_csv().strip().split("\n")
    assert rows[0].startswith("layer,width,forward_mean,log10_forward_var,log10_preact_var,"
                              "log10_backward_var,theory_forward_mean")
    assert len(rows) == 6
    data = json.loads(r.to_json())
    assert [row["layer"] for row in data["layers"]] == list(range(5))
    assert data["config"]["widths"] == [128] * 5
    assert data["layers"][0]["log10_preact_var"] is None


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


# -- edge cases found in review -----------------------------------------------------------

def test_saturated_tanh_gradient_is_small_or_reported_never_a_fake_zero():
    """float32 1 − tanh² is exactly 0 beyond |x| ≈ 9; σ' is then taken as sech² (positive to
    |x| ≈ 44) and a layer where even that underflows is reported, not shown as zero."""
    mc = monte_carlo(SimConfig.from_dict({"activation": "tanh", "gain": 1000.0, "depth": 60,
                                          "width": 64, "batch": 32}))
    finite = np.isfinite(mc.log10_backward_var)
    assert not np.any(mc.log10_backward_var == -np.inf)
    if not finite.all():
        assert mc.backward_invalid is not None and mc.backward_invalid.reason == "underflow"
        at = mc.backward_invalid.layer + 1
        assert not finite[:at].any() or finite[at:].all()
    moderate = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 30.0, "depth": 10,
                                             "width": 64, "batch": 32}))
    mc = moderate.monte_carlo
    assert np.isfinite(mc.log10_backward_var).all() and mc.backward_invalid is None
    # deep in saturation only the few units in σ''s sliver (width ~1/√q) carry the gradient, so
    # a width-64 net is far from the mean-field limit; the direction (exploding) must agree
    assert moderate.theory.log10_backward_var[0] > 5 and mc.log10_backward_var[0] > 5


def test_vanishing_relu_mean_is_zero_not_infinite():
    mc = monte_carlo(SimConfig.from_dict({"activation": "relu", "gain": 1e-6, "depth": 60,
                                          "width": 32, "batch": 16}))
    assert mc.forward_invalid is None
    assert np.isfinite(mc.forward_mean).all() and mc.forward_mean[-1] == 0.0
    assert mc.log10_forward_var[-1] < -600


def test_tiny_preactivations_keep_their_variance():
    mc = monte_carlo(SimConfig.from_dict({"activation": "tanh", "gain": 1e-6, "depth": 5,
                                          "width": 16, "batch": 16}))
    finite = np.isfinite(mc.log10_forward_var)
    assert np.isfinite(mc.log10_preact_var[1:][finite[1:]]).all()


def test_gain_and_variance_ranges_keep_gamma_representable():
    for key, value in (("gain", 1e-200), ("gain", 1e7), ("variance", 1e-320)):
        with pytest.raises(ConfigError) as info:
            SimConfig.from_dict({key: value})
        assert info.value.key == key
    with pytest.raises(ConfigError) as info:
        SimConfig.from_dict({"depth": 10000, "width": 16384})
    assert info.value.key == "widths"


# -- init "zeros": every weight 0 ---------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "gelu"])
def test_zeros_give_exactly_zero_variance_without_warnings(activation):
    """W = 0: from layer 1 on h^t = σ(0) on every input, and ∂ℓ/∂h^{t-1} = (W^t)ᵀ(…) = 0 below
    the top. Both are exactly zero (log10 = −inf), reported as such — not underflow — in the
    Monte Carlo and the theory alike, and the verdict is vanishing."""
    from engine.verdict import verdict

    config = SimConfig.from_dict({"init": "zeros", "depth": 6, "width": 16, "batch": 32,
                                  "activation": activation})
    result = simulate(config)
    mc, th = result.monte_carlo, result.theory
    assert np.isfinite(mc.log10_forward_var[0]) and (mc.log10_forward_var[1:] == -np.inf).all()
    assert (mc.log10_backward_var[:-1] == -np.inf).all() and np.isfinite(mc.log10_backward_var[-1])
    assert mc.forward_invalid.reason == mc.backward_invalid.reason == "exactly zero variance"
    assert (mc.forward_invalid.layer, mc.backward_invalid.layer) == (1, 5)
    value0 = activation_for(config).value0
    np.testing.assert_allclose(mc.forward_mean[1:], value0, atol=1e-7)
    assert (th.log10_forward_var[1:] == -np.inf).all() and (th.log10_backward_var[:-1] == -np.inf).all()
    assert verdict(result).kind == "vanishing"
    data = json.loads(result.to_json())   # strict JSON: the zeros are null, with their layer
    assert data["layers"][2]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"] == {"layer": 1, "reason": "exactly zero variance"}


def test_zeros_with_a_bias_and_in_a_sweep_stay_exact():
    from engine.phase import critical_gain
    from engine.spectrum import jacobian_spectrum
    from engine.sweep import sweep

    config = SimConfig.from_dict({"init": "zeros", "depth": 4, "width": 16, "batch": 32,
                                  "activation": "relu", "bias_std": 0.5})
    mc = monte_carlo(config)
    assert np.isfinite(mc.log10_forward_var).all()   # the bias alone: finite variance
    assert (mc.log10_backward_var[:-1] == -np.inf).all()
    swept = sweep(config, "bias_std", np.array([0.0, 0.5]), samples=16)
    assert (swept.forward[0, 1:] == -np.inf).all() and np.isfinite(swept.forward[1]).all()
    assert "vanished exactly at layer 1" in jacobian_spectrum(config).invalid
    assert math.isnan(critical_gain(config))   # no gain moves σ_w² away from 0


@pytest.mark.parametrize("activation", ["identity", "relu"])
def test_a_mean_beyond_float64_says_where_it_began(activation):
    """Issue: at gain 1e6 and depth 200 the forward mean became ±inf (null in the output) with
    no layer recorded, while the log10 variance stays exact."""
    config = SimConfig.from_dict({"activation": activation, "init": "lecun", "gain": 1e6,
                                  "depth": 200, "width": 8, "batch": 8})
    data = json.loads(simulate(config).to_json())
    means = [row["forward_mean"] for row in data["layers"]]
    first = next(t for t, m in enumerate(means) if m is None)
    summary = data["summary"]
    assert summary["forward_mean_invalid"]["layer"] == first
    assert "beyond float64" in summary["forward_mean_invalid"]["reason"]
    assert 40 <= first <= 60                                 # std ×1e6 a layer: 10^308 near 52
    assert all(row["log10_forward_var"] is not None for row in data["layers"])
    assert summary["forward_invalid"] is None                # the variance is exact
    theory = summary["theory_forward_mean_invalid"]
    if activation == "relu":                                 # E[relu] > 0 grows like the std
        assert 40 <= theory["layer"] <= 60
    else:
        assert theory is None                                # E[h] = 0 exactly
