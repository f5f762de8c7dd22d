"""Monte Carlo passes against the lecture's formulas, explicit matrix products and theory.

Tolerances come from the sample size. For a linear layer the pooled variance of h^t is the
squared Frobenius norm of a product of random matrices; each layer multiplies it by
n_{t-1}γ_t·(1 + ε_t) with Var[ε_t] ≈ 2/(n_t·r_t), r_t = min(batch, n_{t-1}) the number of
independent directions the batch spans. After t layers the natural-log error has standard
deviation ≈ √(Σ 2/(n_s r_s)); `mc_tolerance` allows 6 of those plus a floor for float32 and for
the input's own sampling error (√(2/(B·n_0))).
"""

import json
import math

import numpy as np
import pytest

from engine import Cancelled, DrawCache, SimConfig, simulate
from engine import propagate
from engine.draws import Draws

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
    q = 10 ** result.theory_log10_preact_var[t] if t else 1.0 / result.config.batch
    return 6.6 * math.sqrt(q / result.config.widths[t]) + 0.005


def cfg(**kw):
    base = {"depth": 10, "width": 128, "batch": 256}
    base.update(kw)
    return SimConfig.from_dict(base)


# -- the lecture, layer by layer ---------------------------------------------------------

@pytest.mark.parametrize("variance, label", [(0.002, "too small"), (1 / 128, "1/n"), (0.03, "too large")])
def test_linear_mlp_with_constant_gamma(variance, label):
    """Var[h^t] = n_{t-1} γ Var[h^{t-1}] and Var[∂ℓ/∂h^{t-1}] = n_t γ Var[∂ℓ/∂h^t]."""
    c = cfg(activation="identity", init="constant", variance=variance, depth=20)
    r = simulate(c)
    per_layer = math.log10(128 * variance)
    for t in range(c.depth + 1):
        expected_fwd = r.log10_forward_var[0] + t * per_layer
        assert r.log10_forward_var[t] == pytest.approx(expected_fwd, abs=mc_tolerance(c, t)), label
        expected_bwd = r.log10_backward_var[c.depth] + (c.depth - t) * per_layer
        assert r.log10_backward_var[t] == pytest.approx(expected_bwd, abs=mc_tolerance(c, c.depth - t))
    # and the theory line is the formula itself
    np.testing.assert_allclose(np.diff(r.theory_log10_forward_var), per_layer, atol=1e-12)
    np.testing.assert_allclose(np.diff(r.theory_log10_backward_var), -per_layer, atol=1e-12)


@pytest.mark.parametrize("distribution", ["normal", "uniform"])
@pytest.mark.parametrize("widths", [[128] * 9, [100, 300, 50, 200, 120, 400, 60]])
def test_xavier_square_and_non_square(distribution, widths):
    """Xavier γ_t = 2/(n_{t-1}+n_t): forward factor n_{t-1}γ_t, backward n_tγ_t, per layer."""
    c = SimConfig.from_dict({"widths": widths, "activation": "identity", "init": "xavier",
                             "distribution": distribution, "batch": 512})
    r = simulate(c)
    n = widths
    fwd = np.cumsum([0.0] + [math.log10(2 * n[t - 1] / (n[t - 1] + n[t])) for t in range(1, len(n))])
    bwd = np.cumsum([0.0] + [math.log10(2 * n[t] / (n[t - 1] + n[t])) for t in range(len(n) - 1, 0, -1)])[::-1]
    np.testing.assert_allclose(r.theory_log10_forward_var, fwd, atol=1e-12)
    np.testing.assert_allclose(r.theory_log10_backward_var, bwd, atol=1e-12)
    L = c.depth
    for t in range(L + 1):
        assert r.log10_forward_var[t] == pytest.approx(fwd[t], abs=mc_tolerance(c, t))
        assert r.log10_backward_var[t] == pytest.approx(bwd[t], abs=mc_tolerance(c, L - t))
    np.testing.assert_allclose(r.factor_forward[1:], [2 * n[t - 1] / (n[t - 1] + n[t]) for t in range(1, len(n))])


def test_affine_activation_second_moment_tends_to_fixed_point():
    """σ(x) = αx + β with γ = 1/n: m_t = α² m_{t-1} + β² → β²/(1 − α²) for |α| < 1."""
    alpha, beta = 0.5, 0.3
    c = cfg(activation="linear", alpha=alpha, beta=beta, init="lecun", depth=30, width=256)
    r = simulate(c)
    second = 10 ** r.log10_forward_var + r.forward_mean ** 2
    limit = beta**2 / (1 - alpha**2)
    assert second[-1] == pytest.approx(limit, rel=0.05)
    # the mean is β at every layer ≥ 1 (E[W h] = 0), up to the per-unit offsets Σ_j W_ij h̄_j
    np.testing.assert_allclose(r.forward_mean[1:], beta, atol=mean_tolerance(r, 30))
    theory_second = 10 ** r.theory_log10_forward_var + r.theory_forward_mean ** 2
    assert theory_second[-1] == pytest.approx(limit, rel=1e-6)


def test_affine_activation_needs_alpha_one_beta_zero():
    """With β = 0 and α = 1 the affine network is the identity: variance preserved."""
    r = simulate(cfg(activation="linear", alpha=1.0, beta=0.0, init="lecun", depth=20))
    assert abs(r.log10_forward_var[-1]) < mc_tolerance(r.config, 20)
    r2 = simulate(cfg(activation="linear", alpha=1.2, beta=0.0, init="lecun", depth=20))
    assert r2.log10_forward_var[-1] == pytest.approx(20 * math.log10(1.44), abs=mc_tolerance(r2.config, 20))


def test_sigmoid_vs_scaled_sigmoid_near_zero():
    """Near 0, sigmoid ≈ ½ + x/4 shrinks gradients 16× per layer (σ'(0)² = 1/16); 4·sigmoid − 2 ≈ x
    keeps them (slope 1). Small gain keeps pre-activations near 0."""
    small = dict(init="lecun", gain=0.05, depth=6, width=256)
    sig = simulate(cfg(activation="sigmoid", **small))
    fix = simulate(cfg(activation="sigmoid_scaled", **small))
    # backward: chi = n γ E[σ'²]; near 0 E[σ'²] → 1/16 for sigmoid and 1 for the fix
    sig_rate = np.diff(sig.log10_backward_var)
    fix_rate = np.diff(fix.log10_backward_var)
    gain_decades = math.log10(0.05**2)
    assert np.allclose(-sig_rate, gain_decades + math.log10(1 / 16), atol=0.05)
    assert np.allclose(-fix_rate, gain_decades, atol=0.05)
    # forward: the fix keeps the mean at 0; sigmoid's mean is ½
    assert abs(fix.forward_mean[-1]) < 0.01 and sig.forward_mean[-1] == pytest.approx(0.5, abs=0.01)


# -- Monte Carlo against theory for every activation -------------------------------------

@pytest.mark.parametrize("activation", [
    "identity", "linear", "sigmoid", "sigmoid_scaled", "tanh", "relu", "leaky_relu", "elu",
    "selu", "gelu", "swish", "softplus"])
@pytest.mark.parametrize("bias_std", [0.0, 0.3])
def test_monte_carlo_agrees_with_theory(activation, bias_std):
    """The average over K independent networks agrees with mean-field theory.

    For nonlinear σ the finite-width error is not just the matrix-product term of
    `mc_tolerance`: per-unit offsets (σ's mean, the bias) are shared by the whole batch, so
    their error averages over n_t units only and then propagates. Rather than model every such
    term, the test measures the spread between the K = 8 networks and requires
    |mean − theory| ≤ 6 standard errors, plus 0.02 decades for the O(L/n) finite-width bias of
    the mean-field limit and the log-Jensen bias (E log X vs log E X).
    """
    K = 8
    c = cfg(activation=activation, init="he" if "relu" in activation else "lecun",
            bias_std=bias_std, depth=8, width=256, batch=256, alpha=0.9, beta=0.1, trials=K)
    r = simulate(c)
    for label, mc, theory in (
            ("forward", r.trial_log10_forward_var, r.theory_log10_forward_var),
            ("backward", r.trial_log10_backward_var, r.theory_log10_backward_var),
            ("mean", r.trial_forward_mean, r.theory_forward_mean)):
        assert np.isfinite(mc).all()
        avg = mc.mean(axis=0)
        standard_error = mc.std(axis=0, ddof=1) / math.sqrt(K)
        tol = 6 * standard_error + 0.02
        assert np.all(np.abs(avg - theory) <= tol), (label, avg - theory, tol)
    # a single network's pre-activation variance, against the same bound from its spread
    # (h'^t inherits the spread of h^{t-1})
    pre_tol = 6 * r.trial_log10_forward_var.std(axis=0, ddof=1)[:-1] + 0.05
    assert np.all(np.abs(r.log10_preact_var[1:] - r.theory_log10_preact_var[1:]) <= pre_tol)


# -- both passes against explicit matrix products ----------------------------------------

@pytest.mark.parametrize("activation", ["identity", "tanh", "relu", "sigmoid", "selu"])
def test_passes_equal_explicit_products(activation):
    """Forward h^t = σ(h^{t-1} W^tᵀ + b^t); backward δ^{t-1} = (σ'(h'^t) ⊙ δ^t) W^t, in float64."""
    c = SimConfig.from_dict({"widths": [3, 5, 2, 4], "activation": activation, "init": "he",
                             "bias_std": 0.5, "batch": 64, "seed": 7})
    r = simulate(c)
    draws = Draws(c, 0, None)
    from engine.activations import activation_for
    from engine.initializers import layer_variances
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
        np.testing.assert_allclose(r.unit_log10_forward_var[t, :n], fwd_units, atol=1e-4)
        np.testing.assert_allclose(r.unit_log10_backward_var[t, :n], bwd_units, atol=1e-4)
        assert np.isnan(r.unit_log10_forward_var[t, n:]).all()
        assert r.log10_forward_var[t] == pytest.approx(math.log10(hs[t].var()), abs=1e-4)
        assert r.forward_mean[t] == pytest.approx(hs[t].mean(), abs=1e-5)
        assert r.log10_backward_var[t] == pytest.approx(math.log10(deltas[t].var()), abs=1e-4)
        if t:
            assert r.log10_preact_var[t] == pytest.approx(math.log10(pres[t - 1].var()), abs=1e-4)


# -- huge dynamic range ------------------------------------------------------------------

def test_identity_reaches_ten_to_the_241_exactly():
    c = SimConfig.from_dict({"depth": 100, "width": 256, "activation": "identity",
                             "init": "constant", "variance": 1.0})
    r = simulate(c)
    assert r.forward_invalid is None and r.backward_invalid is None
    assert r.theory_log10_forward_var[100] == pytest.approx(100 * math.log10(256), abs=1e-9)
    assert r.log10_forward_var[100] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert r.log10_backward_var[0] == pytest.approx(240.82, abs=mc_tolerance(c, 100))
    assert np.isfinite(r.unit_log10_forward_var[100]).all()
    data = json.loads(r.to_json())
    assert data["layers"][100]["log10_forward_var"] > 240


@pytest.mark.parametrize("activation, gain, bias", [("relu", 3.0, 0.1), ("relu", 0.2, 0.0),
                                                   ("leaky_relu", 5.0, 0.1)])
def test_homogeneous_runs_are_exact_at_any_depth(activation, gain, bias):
    c = SimConfig.from_dict({"depth": 600, "width": 64, "batch": 64, "activation": activation,
                             "init": "he", "gain": gain, "bias_std": bias})
    r = simulate(c)
    assert r.forward_invalid is None and r.backward_invalid is None
    assert np.isfinite(r.log10_forward_var).all() and np.isfinite(r.log10_backward_var).all()
    slope = (r.log10_forward_var[-1] - r.log10_forward_var[100]) / 500
    theory_slope = (r.theory_log10_forward_var[-1] - r.theory_log10_forward_var[100]) / 500
    assert slope == pytest.approx(theory_slope, abs=0.05 * abs(theory_slope) + 0.01)
    assert abs(r.log10_forward_var[-1]) > 100  # far beyond float range, still reported


def test_non_homogeneous_overflow_is_null_with_its_layer():
    c = SimConfig.from_dict({"depth": 60, "width": 256, "activation": "elu", "init": "constant",
                             "variance": 1.0})
    r = simulate(c)
    inv = r.forward_invalid
    assert inv is not None and inv.reason == "overflow" and 20 < inv.layer < 60
    assert np.isfinite(r.log10_forward_var[: inv.layer]).all()
    assert np.isnan(r.log10_forward_var[inv.layer:]).all()
    assert r.backward_invalid is not None
    text = r.to_json()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    assert data["layers"][-1]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"] == {"layer": inv.layer, "reason": "overflow"}
    # theory never overflows
    assert np.isfinite(r.theory_log10_forward_var).all()


def test_tanh_underflow_is_reported_and_backward_stays_exact():
    c = SimConfig.from_dict({"depth": 50, "width": 128, "batch": 128, "activation": "tanh",
                             "gain": 0.1})
    r = simulate(c)
    assert r.forward_invalid is not None and r.forward_invalid.reason == "underflow"
    assert r.backward_invalid is None and np.isfinite(r.log10_backward_var).all()
    assert r.log10_backward_var[0] == pytest.approx(r.theory_log10_backward_var[0], abs=0.3)


# -- reuse, determinism, memory, cancellation ---------------------------------------------

def test_cache_reuses_draws_and_changes_nothing():
    cache = DrawCache()
    c = cfg(depth=6)
    a = simulate(c, cache=cache)
    misses = cache.misses
    for change in ({"gain": 1.7}, {"init": "he"}, {"activation": "relu"}, {"bias_std": 0.4},
                   {"init": "constant", "variance": 0.02}):
        simulate(c.with_values(**change), cache=cache)
    bias_draws = c.depth  # bias_std > 0 draws the biases once
    assert cache.misses == misses + bias_draws
    b = simulate(c)
    np.testing.assert_array_equal(a.log10_forward_var, b.log10_forward_var)
    np.testing.assert_array_equal(a.unit_log10_backward_var, b.unit_log10_backward_var)


def test_seed_changes_the_draws():
    a = simulate(cfg(seed=1))
    b = simulate(cfg(seed=2))
    assert not np.array_equal(a.log10_forward_var, b.log10_forward_var)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_checkpointed_backward_equals_stored(monkeypatch, activation):
    c = cfg(activation=activation, depth=17, width=32, batch=16)
    stored = simulate(c)
    monkeypatch.setattr(propagate, "DERIV_BUDGET_BYTES", 1)
    assert propagate.needs_checkpoints(c)
    steps = []
    checkpointed = simulate(c, on_progress=steps.append)
    np.testing.assert_allclose(checkpointed.log10_backward_var, stored.log10_backward_var,
                               rtol=0, atol=1e-5)
    np.testing.assert_array_equal(checkpointed.log10_forward_var, stored.log10_forward_var)
    assert steps[-1] == 1.0 and steps == sorted(steps)


def test_progress_and_cancellation():
    seen = []
    simulate(cfg(depth=30), on_progress=seen.append)
    assert seen and seen[-1] == 1.0 and all(0 < f <= 1 for f in seen)
    calls = []

    def stop():
        calls.append(1)
        return len(calls) > 5

    with pytest.raises(Cancelled):
        simulate(cfg(depth=30), should_stop=stop)
    assert len(calls) == 6


def test_trials_give_independent_draws():
    r = simulate(cfg(trials=4, depth=5, width=32, batch=64))
    assert r.trial_log10_forward_var.shape == (4, 6)
    np.testing.assert_array_equal(r.trial_log10_forward_var[0], r.log10_forward_var)
    assert len({tuple(row) for row in r.trial_log10_forward_var[:, 1:].round(12)}) == 4
    band = r.ensemble("forward")
    assert (band[0] <= band[2]).all() and (band[2] <= band[4]).all()


def test_histograms_show_tanh_saturation():
    """Glorot & Bengio: with large weights tanh units saturate, mass piles up at ±1."""
    r = simulate(cfg(activation="tanh", init="constant", variance=0.2, depth=5, width=128))
    density = r.hist_density[5]
    width = np.diff(r.hist_edges)
    assert not r.hist_standardized and r.hist_edges[0] == -1 and r.hist_edges[-1] == 1
    assert np.sum(density * width) == pytest.approx(1.0, abs=1e-9)
    edge_mass = (density[0] + density[-1]) * width[0]
    assert edge_mass > 0.5
    calm = simulate(cfg(activation="tanh", depth=5, width=128))
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


# -- edge cases found in review -----------------------------------------------------------

def test_saturated_tanh_gradient_is_small_or_reported_never_a_fake_zero():
    """float32 1 − tanh² is exactly 0 beyond |x| ≈ 9; σ' is then taken as sech² (positive to
    |x| ≈ 44) and a layer where even that underflows is reported, not shown as zero."""
    r = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 1000.0, "depth": 60,
                                      "width": 64, "batch": 32}))
    finite = np.isfinite(r.log10_backward_var)
    assert not np.any(r.log10_backward_var == -np.inf)
    if not finite.all():
        assert r.backward_invalid is not None and r.backward_invalid.reason == "underflow"
        assert not finite[: r.backward_invalid.layer + 1].any() or finite[r.backward_invalid.layer + 1:].all()
    moderate = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 30.0, "depth": 10,
                                             "width": 64, "batch": 32}))
    assert np.isfinite(moderate.log10_backward_var).all() and moderate.backward_invalid is None
    # deep in saturation only the few units in σ''s sliver (width ~1/√q) carry the gradient, so
    # a width-64 net is far from the mean-field limit; the direction (exploding) must agree
    assert moderate.theory_log10_backward_var[0] > 5 and moderate.log10_backward_var[0] > 5


def test_vanishing_relu_mean_is_zero_not_infinite():
    r = simulate(SimConfig.from_dict({"activation": "relu", "gain": 1e-6, "depth": 60,
                                      "width": 32, "batch": 16}))
    assert r.forward_invalid is None
    assert np.isfinite(r.forward_mean).all() and r.forward_mean[-1] == 0.0
    assert r.log10_forward_var[-1] < -600


def test_tiny_preactivations_keep_their_variance():
    r = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 1e-6, "depth": 5,
                                      "width": 16, "batch": 16}))
    finite = np.isfinite(r.log10_forward_var)
    assert np.isfinite(r.log10_preact_var[1:][finite[1:]]).all()


def test_gain_and_variance_ranges_keep_gamma_representable():
    from engine import ConfigError

    for key, value in (("gain", 1e-200), ("gain", 1e7), ("variance", 1e-320)):
        with pytest.raises(ConfigError) as info:
            SimConfig.from_dict({key: value})
        assert info.value.key == key
    with pytest.raises(ConfigError) as info:
        SimConfig.from_dict({"depth": 10000, "width": 16384})
    assert info.value.key == "widths"


def test_a_run_without_theory_joined_to_its_theory_equals_the_full_run():
    from engine import theory_result, with_theory
    from engine.simulation import _THEORY_FIELDS

    config = SimConfig.from_dict({"depth": 6, "width": 16, "batch": 32, "seed": 5,
                                  "activation": "tanh", "bias_std": 0.1})
    full = simulate(config)
    bare = simulate(config, theory=False)
    assert not bare.has_theory and full.has_theory
    assert np.isnan(bare.chi1).all() and np.isnan(bare.theory_log10_forward_var).all()
    other = theory_result(config.with_values(gain=1.5))
    for joined in (with_theory(bare, theory_result(config)), with_theory(bare),
                   with_theory(bare, other)):           # another config's theory is not taken
        assert joined.has_theory
        for name in _THEORY_FIELDS:
            expected, got = getattr(full, name), getattr(joined, name)
            if name == "depth_scales":
                assert got == expected
            else:
                np.testing.assert_array_equal(got, expected)
        np.testing.assert_array_equal(joined.log10_backward_var, full.log10_backward_var)
        np.testing.assert_array_equal(joined.unit_log10_forward_var, full.unit_log10_forward_var)
    assert with_theory(full) is full


def test_the_backward_weights_are_cached_as_contiguous_transposes_when_they_fit():
    c = cfg(depth=3, width=16)
    cached = Draws(c, 0, DrawCache())
    wt = cached.weight_transposed(2)
    np.testing.assert_array_equal(wt, cached.weight(2).T)
    assert wt.flags.c_contiguous and cached.weight_transposed(2) is wt
    weight_bytes = 4 * 16 * 16 * 3
    tight = Draws(c, 0, DrawCache(budget_bytes=3 * weight_bytes))  # the weights, not twice
    assert tight.cache_weights and not tight.cache_transposes
    view = tight.weight_transposed(2)
    assert view.base is tight.weight(2) and not view.flags.c_contiguous
    np.testing.assert_array_equal(view, wt)
