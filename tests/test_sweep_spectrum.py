"""Sweeps (stacked gains equal separate runs), the Jacobian spectrum, and ensembles."""

import json
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine import ConfigError, DrawCache, SimConfig, simulate
from engine.activations import activation_for
from engine.draws import Draws
from engine.initializers import layer_variances
from engine.propagate import run_trial
from engine.spectrum import jacobian_spectrum
from engine.sweep import parse_sweep, sweep, sweep_values

ROOT = Path(__file__).resolve().parents[1]


def small(**kw):
    base = {"depth": 12, "width": 64, "batch": 32}
    base.update(kw)
    return SimConfig.from_dict(base)


def test_sweep_values_spacing():
    np.testing.assert_allclose(sweep_values("gain", 0.25, 4, 5), [0.25, 0.5, 1, 2, 4])
    np.testing.assert_allclose(sweep_values("bias_std", 0, 1, 3), [0, 0.5, 1])
    np.testing.assert_array_equal(sweep_values("depth", 1, 10, 4), [1, 4, 7, 10])
    assert parse_sweep("gain=0.25:4:41")[1].size == 41
    for bad in ("gain", "gain=1:2", "gain=a:2:3", "gain=0:2:3", "activation=1:2:3", "gain=1:2:0",
                "trials=1:3:3", "seed=0:5:6"):
        with pytest.raises(ConfigError) as info:
            parse_sweep(bad)
        assert info.value.key == "sweep"


@pytest.mark.parametrize("key, values, activation", [
    ("gain", [0.3, 1.0, 2.5], "tanh"),
    ("gain", [0.2, 1.0, 5.0], "relu"),
    ("variance", [0.005, 0.05], "identity"),
    ("bias_std", [0.0, 0.5], "selu"),
    ("bias_std", [0.0, 0.5], "relu"),
])
def test_stacked_sweep_equals_separate_runs(key, values, activation):
    """Stacking the values into one matmul per layer changes nothing but speed."""
    c = small(activation=activation, init="constant" if key == "variance" else "he")
    result = sweep(c, key, values, samples=32, cache=DrawCache())
    for v, r in zip(values, result.results):
        single = simulate(c.with_values(**{key: v}, batch=32))
        np.testing.assert_allclose(r.log10_forward_var, single.log10_forward_var, atol=2e-5)
        np.testing.assert_allclose(r.log10_backward_var, single.log10_backward_var, atol=2e-5)
        np.testing.assert_allclose(r.log10_preact_var[1:], single.log10_preact_var[1:], atol=2e-5)
        np.testing.assert_allclose(r.forward_mean, single.forward_mean, atol=2e-5, rtol=1e-5)
        np.testing.assert_allclose(r.theory_log10_forward_var, single.theory_log10_forward_var)


@pytest.mark.parametrize("activation, values", [
    ("tanh", [0.05, 0.3, 1.0, 2.0, 6.0]),    # the smallest gain underflows (raw float32)
    ("elu", [0.5, 1.0, 4.0, 30.0, 60.0]),     # the largest ones overflow
    ("relu", [0.1, 0.5, 1.0, 5.0, 20.0]),     # log-scaled: every value exact
])
def test_sweep_split_into_groups_equals_one_group(monkeypatch, activation, values):
    """How the values are grouped (rows per matmul) changes nothing but speed."""
    import engine.sweep

    c = small(activation=activation, init="he", depth=40)
    one = sweep(c, "gain", values, samples=16)
    monkeypatch.setattr(engine.sweep, "STACK_ROWS", 24)  # 5 × 16 rows → 3 groups of 2+1+2
    split = sweep(c, "gain", values, samples=16)
    np.testing.assert_allclose(split.forward, one.forward, atol=1e-6)
    np.testing.assert_allclose(split.backward, one.backward, atol=1e-6)
    for a, b in zip(one.results, split.results):
        # a mean is float32 noise on its spread: compare it on the scale of the std
        np.testing.assert_array_equal(np.isnan(b.forward_mean), np.isnan(a.forward_mean))
        std = np.sqrt(10.0 ** a.log10_forward_var)
        ok = np.isfinite(std) & np.isfinite(a.forward_mean)
        assert np.all(np.abs(b.forward_mean - a.forward_mean)[ok] <= 1e-5 * std[ok])
        assert (a.forward_invalid, a.backward_invalid) == (b.forward_invalid, b.backward_invalid)
    reasons = {r.forward_invalid.reason for r in one.results if r.forward_invalid}
    assert reasons == {"tanh": {"underflow"}, "elu": {"overflow"}, "relu": set()}[activation]


def test_depth_sweep_pads_shallow_runs_and_width_column_is_renamed():
    result = sweep(small(), "depth", [2, 4], samples=8)
    assert result.forward.shape == (2, 5) and np.isnan(result.forward[0, 3:]).all()
    header = sweep(small(), "width", [4, 8], samples=8).to_csv().split("\n")[0]
    assert header.startswith("sweep_width,layer,width,")


def test_many_sweep_values_are_not_rejected_as_a_batch():
    c = small(depth=2, width=4)
    result = sweep(c, "gain", sweep_values("gain", 0.5, 2, 600), samples=128)
    assert result.forward.shape == (600, 3) and np.isfinite(result.forward).all()


def test_sweep_without_theory_has_the_same_monte_carlo():
    c = small(activation="tanh")
    full = sweep(c, "gain", [0.5, 2.0], samples=16)
    bare = sweep(c, "gain", [0.5, 2.0], samples=16, with_theory=False)
    np.testing.assert_array_equal(bare.forward, full.forward)
    np.testing.assert_array_equal(bare.backward, full.backward)
    assert np.isnan(bare.theory_forward).all() and np.isfinite(full.theory_forward).all()


def test_sweep_of_a_shape_key_runs_one_by_one():
    c = small()
    result = sweep(c, "alpha", [0.5, 1.0], samples=16)  # alpha: each value simulated alone
    assert result.forward.shape == (2, 13)
    result = sweep(c.with_values(activation="linear"), "alpha", [0.5, 1.0], samples=16)
    assert result.forward[0, -1] < result.forward[1, -1] - 2  # α = ½ loses 0.6 decades a layer


def test_sweep_extreme_gains_stay_exact_for_relu_and_null_for_elu():
    r = sweep(small(activation="relu", init="he", depth=200), "gain", [0.1, 10.0], samples=16)
    assert np.isfinite(r.forward).all()
    assert r.forward[0, -1] < -350 and r.forward[1, -1] > 350
    e = sweep(small(activation="elu", init="he", depth=200), "gain", [1.0, 10.0], samples=16)
    assert np.isfinite(e.forward[0]).all()
    assert e.results[1].forward_invalid.reason == "overflow"
    assert np.isnan(e.forward[1, -1]) and np.isnan(e.backward[1]).all()


def test_sweep_cli_csv_and_json(tmp_path):
    out = tmp_path / "s.csv"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--set", "depth=4",
                           "--set", "width=16", "--sweep", "gain=0.5:2:3", "--stats", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = out.read_text().strip().split("\n")
    assert lines[0].startswith("gain,layer,width,forward_mean,log10_forward_var")
    assert len(lines) == 1 + 3 * 5
    assert lines[1].startswith("0.5,0,16,") and lines[-1].startswith("2,4,16,")
    out = tmp_path / "s.json"
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--set", "depth=3", "--set",
                           "width=8", "--sweep", "bias_std=0:1:2", "--stats", str(out)],
                          capture_output=True, text=True, timeout=300)
    data = json.loads(out.read_text())
    assert data["sweep"] == {"key": "bias_std", "values": [0, 1]}
    assert [run["bias_std"] for run in data["runs"]] == [0, 1]
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--sweep", "gain=-1:2:3",
                           "--stats", str(tmp_path / "x.csv")], capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stderr.startswith("error: sweep: ")
    assert not (tmp_path / "x.csv").exists()


# -- the Jacobian spectrum (Pennington et al. 2017) --------------------------------------

def test_orthogonal_linear_network_is_an_isometry():
    c = SimConfig.from_dict({"depth": 30, "width": 128, "activation": "identity",
                             "init": "lecun", "distribution": "orthogonal"})
    sp = jacobian_spectrum(c)
    # exact up to the float32 rounding of the stored weights (~6e-8 relative per layer)
    np.testing.assert_allclose(sp.log10_singular_values, 0.0, atol=30 * 6e-8 / math.log(10))
    assert sp.eig_normalized_var < 1e-10
    assert sp.theory_log10_mean_sq == pytest.approx(0.0, abs=1e-12)


def test_gaussian_linear_spectrum_spreads_like_depth():
    """Free probability: for a product of L Gaussian matrices at criticality, the eigenvalues
    λ of JJᵀ have E λ = 1 and Var λ = L (as n → ∞; at n = 400 within ~15 %)."""
    variances = []
    for depth in (2, 4, 8):
        c = SimConfig.from_dict({"depth": depth, "width": 400, "activation": "identity",
                                 "init": "lecun", "seed": 1})
        sp = jacobian_spectrum(c)
        assert sp.log10_mean_sq == pytest.approx(sp.theory_log10_mean_sq, abs=0.03)
        variances.append(sp.eig_normalized_var)
        assert sp.eig_normalized_var == pytest.approx(depth, rel=0.2)
    assert variances[0] < variances[1] < variances[2]


@pytest.mark.parametrize("settings", [
    {"activation": "tanh", "gain": 1.3, "bias_std": 0.1},
    {"activation": "tanh"},
    {"activation": "relu", "init": "he"},
])
def test_spectrum_mean_matches_chi_product(settings):
    """E‖J‖²_F = n_0 Π χ_t. One network's log‖J‖² fluctuates by O(√(L/n)) decades, so the
    test averages 6 networks and allows 6 standard errors of their spread + 0.02."""
    logs = []
    for seed in range(6):
        c = SimConfig.from_dict({"depth": 10, "width": 400, "seed": seed, **settings})
        sp = jacobian_spectrum(c)
        assert sp.log10_singular_values.size == 400
        assert np.all(np.diff(sp.log10_singular_values) <= 0)
        logs.append(sp.log10_mean_sq)
    standard_error = np.std(logs, ddof=1) / math.sqrt(len(logs))
    assert np.mean(logs) == pytest.approx(sp.theory_log10_mean_sq, abs=6 * standard_error + 0.02)


def test_spectrum_of_an_exploding_relu_net_is_exact():
    c = SimConfig.from_dict({"depth": 150, "width": 64, "activation": "relu", "init": "he",
                             "gain": 3.0})
    sp = jacobian_spectrum(c)
    assert sp.invalid is None and np.isfinite(sp.log10_singular_values[:10]).all()
    assert sp.log10_mean_sq > 100


# -- ensembles (Hanin & Rolnick 2018) ----------------------------------------------------

def test_relu_norm_fluctuations_grow_like_the_width_product():
    """For relu + He + Gaussian weights, M_L = ‖h^L‖²/n_L at a fixed input has
    E[M²]/E[M]² = Π_t (1 + 5/n_t) exactly: each layer multiplies M by (2/n)Σ relu(ξ_i)² with
    E = 1 and E[·²] = 1 + 5/n. 3000 networks estimate the ratio to about 2 % (its relative
    standard error is √(Var[M²])/(E[M²]·√3000) ≈ 1 % here); we allow 6 %."""
    widths = [8, 20, 20, 20, 20]
    c = SimConfig.from_dict({"widths": widths, "activation": "relu", "init": "he", "batch": 1})
    act, gam = activation_for(c), layer_variances(c)
    m = []
    for k in range(3000):
        st = run_trial(c, act, gam, Draws(c, k, None), detailed=False)
        m.append(10 ** st.log10_forward_var[-1] + st.forward_mean[-1] ** 2)
    m = np.array(m)
    # M_0 of the fixed input cancels in the ratio
    ratio = np.mean(m**2) / np.mean(m) ** 2
    expected = math.prod(1 + 5 / n for n in widths[1:])
    assert ratio == pytest.approx(expected, rel=0.06)


def test_narrow_networks_fluctuate_more():
    def band(width):
        r = simulate(SimConfig.from_dict({"depth": 20, "width": width, "activation": "relu",
                                          "init": "he", "batch": 16, "trials": 16}))
        lo, hi = r.ensemble("forward")[[1, 3], -1]
        return hi - lo

    assert band(8) > 3 * band(256)
