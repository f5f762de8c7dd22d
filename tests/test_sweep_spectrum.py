"""Sweeps (every block of the one batched pass equals its config run alone), the Jacobian
spectrum, and ensembles.

A sweep over gain, variance or bias_std runs its values as the G blocks of one pass, with the
draws of a single run of S = samples inputs and one trial. Block g must therefore equal
`monte_carlo` of that value's config (batch S, trials 1) run alone. The products differ in shape
(G·S rows against S), and float32 BLAS kernels round such products differently by a few ulps
(how much depends on the CPU), so per-layer log10 variances are compared to 1e-4 decades
(`DECADES`), never bit for bit; which layers are invalid must be identical.
"""

import dataclasses
import json
import math
import re
from math import comb

import numpy as np
import pytest

import engine.passes
import engine.sweep
from engine import ConfigError, DrawCache, SimConfig, mean_field, monte_carlo
from engine.spectrum import Spectrum, jacobian_spectrum
from engine.sweep import (SweepResult, parse_sweep, sweep, sweep_monte_carlo, sweep_values,
                          theory_sweep)

DECADES = 1e-4   # float32 rounding of differently shaped products, in log10 variance


def small(**kw):
    base = {"depth": 12, "width": 64, "batch": 32}
    base.update(kw)
    return SimConfig.from_dict(base)


def assert_same_statistics(got, expected):
    """Two MonteCarlo parts of the same draws computed with differently shaped products."""
    for name in ("log10_forward_var", "log10_preact_var", "log10_backward_var"):
        a, b = getattr(got, name), getattr(expected, name)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b), err_msg=name)
        np.testing.assert_allclose(a, b, rtol=0, atol=DECADES, err_msg=name)
    # a mean is float32 noise on its spread: compare it on the scale of the std
    np.testing.assert_array_equal(np.isnan(got.forward_mean), np.isnan(expected.forward_mean))
    std = np.sqrt(10.0 ** expected.log10_forward_var)
    ok = np.isfinite(std) & np.isfinite(expected.forward_mean)
    assert np.all(np.abs(got.forward_mean - expected.forward_mean)[ok]
                  <= 1e-4 * std[ok] + 1e-6 * np.abs(expected.forward_mean[ok]))
    assert got.forward_invalid == expected.forward_invalid
    assert got.backward_invalid == expected.backward_invalid


def test_sweep_values_spacing():
    np.testing.assert_allclose(sweep_values("gain", 0.25, 4, 5), [0.25, 0.5, 1, 2, 4])
    np.testing.assert_allclose(sweep_values("bias_std", 0, 1, 3), [0, 0.5, 1])
    np.testing.assert_array_equal(sweep_values("depth", 1, 10, 4), [1, 4, 7, 10])
    # a width's or batch's fluctuations go as 1/n: a factor per step
    np.testing.assert_array_equal(sweep_values("width", 16, 1024, 7), [16, 32, 64, 128, 256,
                                                                        512, 1024])
    np.testing.assert_array_equal(sweep_values("batch", 8, 512, 4), [8, 32, 128, 512])
    # whole numbers one apart where rounding a factor apart would repeat them (a review:
    # batch=1:1000:50 was refused once log-spaced), either way round
    low = sweep_values("batch", 1, 1000, 50)
    np.testing.assert_array_equal(low[:5], [1, 2, 3, 4, 5])
    assert low[-1] == 1000 and (np.diff(low) >= 1).all()
    np.testing.assert_allclose(low[-10:][1:] / low[-10:][:-1], 1000 ** (1 / 49), atol=0.02)
    np.testing.assert_array_equal(sweep_values("width", 5, 1, 5), [5, 4, 3, 2, 1])
    assert parse_sweep("gain=0.25:4:41")[1].size == 41
    np.testing.assert_array_equal(parse_sweep("gain=2:2:1")[1], [2.0])
    for bad in ("gain", "gain=1:2", "gain=a:2:3", "gain=0:2:3", "activation=1:2:3", "gain=1:2:0",
                "trials=1:3:3", "seed=0:5:6", "gain=0.5:2:1", "width=0:16:3"):   # N = 1 would drop STOP
        with pytest.raises(ConfigError) as info:
            parse_sweep(bad)
        assert info.value.key == "sweep"
    # rows that would repeat one another (a tour: depth=1:2:5 swept 1, 1, 2, 2, 2)
    for bad, advice in (("depth=1:2:5", "give N ≤ 2"), ("depth=1.5:3.4:3", "give N ≤ 2"),
                        ("gain=1:1:3", "give N = 1"),
                        # advice that holds (a review: N ≤ 5, then refused again; N ≤ 1)
                        ("depth=16.5:20.5:27", "give N ≤ 4"),
                        ("depth=1:1.4:3", "only one value lies between 1 and 1.4: give START "
                                          "= STOP and N = 1")):
        key, spec = bad.split("=")
        start, stop, count = spec.split(":")
        with pytest.raises(ConfigError, match=f"repeat; {re.escape(advice)}$"):
            sweep_values(key, float(start), float(stop), int(count))
    assert sweep_values("depth", 16.5, 20.5, 4).size == 4
    assert parse_sweep("depth=17:20:4")[1].tolist() == [17, 18, 19, 20]


@pytest.mark.parametrize("spec, reason", [
    # a CLI tour: rounded without a word, past STOP (1, 2, 4)
    ("depth=1:3.7:3", "depth is a whole number: START and STOP must be whole numbers"),
    ("width=16.7:40.2:3", "width is a whole number"),
    # numbers as --set reads them: Python's float() took other scripts' digits and underscores
    ("gain=١:٢:٣", "START and STOP must be numbers and N a whole number"),
    ("gain=1_0:2_0:3", "START and STOP must be numbers and N a whole number"),
    ("gain=1:2:3.0", "START and STOP must be numbers and N a whole number"),
])
def test_a_sweep_on_the_command_line_is_refused_where_set_would_refuse_it(spec, reason):
    with pytest.raises(ConfigError, match=re.escape(reason)) as info:
        parse_sweep(spec)
    assert info.value.key == "sweep"


def test_a_sweep_and_set_read_numbers_as_a_person_writes_them():
    """A review: .5, 1., +1 and 03 had run in a sweep, and were refused by the stricter
    reading; --set gain=.5 was "not a number"."""
    from engine.config_files import parse_assignment

    assert parse_sweep("gain=.5:2.:+03")[1].tolist() == [0.5, 1.0, 2.0]
    assert parse_assignment("gain=.5") == ("gain", 0.5)
    assert parse_assignment("depth=03") == ("depth", 3)
    assert parse_assignment("gain=1_0") == ("gain", "1_0")   # (refused by the field)


def test_the_command_line_reads_full_width_numbers_as_the_window_does():
    """A tour: `--set widths=７８４,２５６` ran, as the window's boxes take what a Chinese input
    method types, but `--set depth=５０` and `--sweep gain=１:２:３` were refused."""
    from engine.config_files import parse_assignment

    assert parse_assignment("depth=５０") == ("depth", 50)
    assert parse_assignment("gain=－０．５") == ("gain", -0.5)
    assert parse_assignment("gain=１。５ｅ２") == ("gain", 150.0)
    assert parse_sweep("gain=０．２５：４：３")[1].tolist() == [0.25, 1.0, 4.0]
    assert parse_assignment("depth=٥٠") == ("depth", "٥٠")   # (refused by the field)
    # a folder's name stays the text typed (a review: data_dir=１２ became the number 12)
    assert parse_assignment("data_dir=１２") == ("data_dir", "１２")
    assert parse_assignment("data_dir=12") == ("data_dir", "12")


def test_a_sweeps_and_the_spectrums_refusals_are_facts_the_window_can_word():
    """A review: these reasons had no template, and a Chinese window said them in English.
    The English stays as the command line prints it."""
    import pickle

    from engine_checks import sweep_and_spectrum_refusals

    refusals = sweep_and_spectrum_refusals()
    for exc in refusals:
        assert exc.template is not None and exc.reason == exc.template.format(**exc.values)
        again = pickle.loads(pickle.dumps(exc))   # (a worker process reports it)
        assert (again.reason, again.template, str(again)) == (exc.reason, exc.template, str(exc))
    reasons = [exc.reason for exc in refusals]
    assert reasons[3] == "N = 1 gives START alone; give N ≥ 2 to reach STOP, or START = STOP " \
                         "(got 0.5:2:1)"
    assert reasons[5] == "5 values of depth (whole numbers) from 1 to 2 repeat; give N ≤ 2"
    assert reasons[8] == "at width = 53504: width: must be between 1 and 16384, got 53504"
    assert reasons[10] == "the Jacobian spectrum needs widths ≤ 2048 and depth ≤ 1000"
    assert [exc.key for exc in refusals[-2:]] == ["widths", "depth"]

# -- one pass for simulate and sweep ------------------------------------------------------

@pytest.mark.parametrize("key, values, activation, invalid", [
    ("gain", [0.05, 0.3, 1.0, 2.5], "tanh", {}),              # σ's linear map at 0: log scale
    ("gain", [0.05, 0.3, 1.0, 2.5], "tanh+", {0.05: "underflow"}),   # raw float32 underflows
    ("gain", [0.5, 1.0, 30.0, 60.0], "elu", {30.0: "overflow", 60.0: "overflow"}),
    ("gain", [0.1, 1.0, 5.0, 20.0], "relu", {}),                       # log-scaled: exact
    ("gain", [0.3, 1.0, 4.0], "sigmoid", {}),
    ("variance", [0.005, 0.05], "identity", {}),
    ("bias_std", [0.0, 0.5], "selu", {}),
    ("bias_std", [0.0, 0.5], "relu", {}),
])
def test_sweep_block_equals_monte_carlo_of_its_config(key, values, activation, invalid):
    """Block g of a sweep is `monte_carlo` of that value's config alone (same draws: batch =
    samples, one trial), invalid layers included; its theory is `mean_field` of that config.
    ("tanh+": with a bias below float32's range, which keeps h'^t off the log scale.)"""
    S = 16
    tiny_bias = {"bias_std": 1e-38} if activation.endswith("+") else {}
    c = small(activation=activation.rstrip("+"), init="constant" if key == "variance" else "he",
              depth=30, **tiny_bias)
    result = sweep(c, key, values, samples=S, cache=DrawCache())
    assert list(result.values) == values
    for v, r in zip(values, result.results):
        config = SimConfig.from_dict({key: v, "batch": S, "trials": 1}, base=c)
        assert r.config == config
        alone = monte_carlo(config)
        assert_same_statistics(r.monte_carlo, alone)
        reason = r.monte_carlo.forward_invalid.reason if r.monte_carlo.forward_invalid else None
        assert reason == invalid.get(v), v
        theory = mean_field(config)
        np.testing.assert_allclose(r.theory.log10_forward_var, theory.log10_forward_var)
        np.testing.assert_allclose(r.theory.log10_backward_var, theory.log10_backward_var)


@pytest.mark.parametrize("activation, values", [
    ("tanh", [0.05, 0.3, 1.0, 2.0, 6.0]),    # the smallest gain: σ's linear map at 0
    ("elu", [0.5, 1.0, 4.0, 30.0, 60.0]),     # the largest ones overflow
    ("relu", [0.1, 0.5, 1.0, 5.0, 20.0]),     # log-scaled: every value exact
])
def test_sweep_split_into_groups_equals_one_group(monkeypatch, activation, values):
    """How the values are grouped (rows per matmul, the public `engine.sweep.STACK_ROWS`)
    changes nothing but speed."""
    c = small(activation=activation, init="he", depth=40)
    one = sweep_monte_carlo(c, "gain", values, samples=16)
    monkeypatch.setattr(engine.sweep, "STACK_ROWS", 24)  # 5 × 16 rows → 3 groups of 2+1+2
    split = sweep_monte_carlo(c, "gain", values, samples=16)
    np.testing.assert_allclose(split.forward, one.forward, rtol=0, atol=DECADES)
    np.testing.assert_allclose(split.backward, one.backward, rtol=0, atol=DECADES)
    for a, b in zip(one.results, split.results):
        assert_same_statistics(b.monte_carlo, a.monte_carlo)
    reasons = {r.monte_carlo.forward_invalid.reason for r in one.results
               if r.monte_carlo.forward_invalid}
    assert reasons == {"tanh": set(), "elu": {"overflow"}, "relu": set()}[activation]


@pytest.mark.parametrize("activation, values", [("tanh", [0.01, 1.0, 2.0]),
                                                ("relu", [0.5, 3.0])])
def test_checkpointed_sweep_equals_stored(monkeypatch, activation, values):
    """G > 1 blocks through the checkpointed pass (forced with the public budget
    `engine.passes.SLOPES_BUDGET_BYTES`): same statistics as with every σ' stored."""
    c = small(activation=activation, init="he", depth=17, width=32)
    stored = sweep_monte_carlo(c, "gain", values, samples=16)
    monkeypatch.setattr(engine.passes, "SLOPES_BUDGET_BYTES", 1)
    assert engine.passes.needs_checkpoints(c.widths, 16)
    checkpointed = sweep_monte_carlo(c, "gain", values, samples=16)
    for a, b in zip(stored.results, checkpointed.results):
        a, b = a.monte_carlo, b.monte_carlo
        np.testing.assert_array_equal(b.log10_forward_var, a.log10_forward_var)
        np.testing.assert_allclose(b.log10_backward_var, a.log10_backward_var, rtol=0, atol=1e-5)
        assert (b.forward_invalid, b.backward_invalid) == (a.forward_invalid, a.backward_invalid)
    if activation == "tanh":   # gain 0.01: 10⁻⁶³ at the last layer, on σ's linear map at 0
        assert stored.results[0].monte_carlo.log10_forward_var[-1] < -55


def test_depth_sweep_pads_shallow_runs_and_width_column_is_renamed():
    result = sweep(small(), "depth", [2, 4], samples=8)
    assert result.forward.shape == (2, 5) and np.isnan(result.forward[0, 3:]).all()
    header = sweep(small(), "width", [4, 8], samples=8).to_csv().split("\n")[0]
    assert header.startswith("sweep_width,layer,width,")


def test_many_sweep_values_are_not_rejected_as_a_batch():
    c = small(depth=2, width=4)
    result = sweep(c, "gain", sweep_values("gain", 0.5, 2, 600), samples=128)
    assert result.forward.shape == (600, 3) and np.isfinite(result.forward).all()


def test_monte_carlo_sweep_joined_with_the_theory_sweep_equals_the_full_sweep():
    """The window runs `sweep_monte_carlo` as its job and draws `theory_sweep` itself; joined,
    they are exactly the CLI's `sweep` (same Monte Carlo, same theory, same JSON and CSV)."""
    c = small(activation="tanh")
    full = sweep(c, "gain", [0.5, 2.0], samples=16)
    bare = sweep_monte_carlo(c, "gain", [0.5, 2.0], samples=16)
    theory = theory_sweep(c.with_values(batch=16, trials=1), "gain", [0.5, 2.0])
    np.testing.assert_array_equal(bare.forward, full.forward)
    np.testing.assert_array_equal(bare.backward, full.backward)
    assert np.isnan(bare.theory_forward).all() and np.isfinite(full.theory_forward).all()
    assert all(r.monte_carlo is None for r in theory.results)
    assert np.isnan(theory.forward).all()
    np.testing.assert_array_equal(theory.theory_forward, full.theory_forward)
    joined = SweepResult(bare.key, bare.values, tuple(
        dataclasses.replace(r, theory=th.theory) for r, th in zip(bare.results, theory.results)))
    assert json.dumps(joined.to_dict()) == json.dumps(full.to_dict())
    assert joined.to_csv() == full.to_csv()


def test_sweep_of_a_shape_key_runs_one_by_one():
    c = small()
    result = sweep(c, "alpha", [0.5, 1.0], samples=16)  # alpha: each value simulated alone
    assert result.forward.shape == (2, 13)
    result = sweep(c.with_values(activation="linear"), "alpha", [0.5, 1.0], samples=16)
    assert result.forward[0, -1] < result.forward[1, -1] - 2  # α = ½ loses 0.6 decades a layer


@pytest.mark.parametrize("key, values", [("alpha", [0.5, 1.0]), ("depth", [2, 5]),
                                         ("width", [4, 24]), ("batch", [8, 32])])
def test_sweep_of_a_shape_key_equals_monte_carlo_of_each_config(key, values):
    """Keys that change shapes (or σ itself) run one pass per value: each is exactly
    `monte_carlo` of that value's config (batch = samples unless the key is batch itself)."""
    c = small(activation="linear", depth=4, width=16)
    result = sweep_monte_carlo(c, key, values, samples=16)
    for v, r in zip(values, result.results):
        config = SimConfig.from_dict({"batch": 16, "trials": 1, key: v}, base=c)
        assert r.config == config
        alone = monte_carlo(config)
        np.testing.assert_array_equal(r.monte_carlo.log10_forward_var, alone.log10_forward_var)
        np.testing.assert_array_equal(r.monte_carlo.log10_backward_var, alone.log10_backward_var)


def test_sweep_extreme_gains_stay_exact_for_relu_and_null_for_elu():
    r = sweep(small(activation="relu", init="he", depth=200), "gain", [0.1, 10.0], samples=16)
    assert np.isfinite(r.forward).all()
    assert r.forward[0, -1] < -350 and r.forward[1, -1] > 350
    e = sweep(small(activation="elu", init="he", depth=200), "gain", [1.0, 10.0], samples=16)
    assert np.isfinite(e.forward[0]).all()
    assert e.results[1].monte_carlo.forward_invalid.reason == "overflow"
    assert np.isnan(e.forward[1, -1]) and np.isnan(e.backward[1]).all()


def test_a_saturating_map_puts_underflow_and_overflow_beyond_its_ends():
    """The sweep's maps saturate beyond their colour range: a layer lost to float32's
    underflow is below any level (−∞), one lost after an overflow above (+∞); a backward pass
    undefined after the forward one overflowed stays missing (NaN)."""
    r = sweep(small(activation="selu", depth=60, width=32, bias_std=1e-38), "gain",
              [0.2, 1.0, 8.0], samples=64)   # (a bias below float32's range: raw values)
    low, mid, high = (res.monte_carlo for res in r.results)
    assert (low.forward_invalid.reason, high.forward_invalid.reason) == ("underflow", "overflow")
    forward, backward = r.saturated("forward"), r.saturated("backward")
    np.testing.assert_array_equal(forward[0, low.forward_invalid.layer:], -np.inf)
    np.testing.assert_array_equal(forward[2, high.forward_invalid.layer:], np.inf)
    for row, mc in enumerate((low, mid, high)):   # before: the statistics as they are
        before = mc.forward_invalid.layer if mc.forward_invalid is not None else None
        np.testing.assert_array_equal(forward[row, :before], r.forward[row, :before])
    assert np.isfinite(backward[:2]).all() and np.isnan(backward[2]).all()
    assert np.isnan(r.forward[0, -1])   # the stats themselves still say "missing"
    # the backward pass runs from L down: an underflow at layer t leaves t, t − 1, …, 0
    deep = sweep(small(activation="tanh", depth=40, width=32), "gain", [1000.0], samples=64)
    invalid = deep.results[0].monte_carlo.backward_invalid
    assert invalid.reason == "underflow" and 0 < invalid.layer < 40
    backward = deep.saturated("backward")[0]
    np.testing.assert_array_equal(backward[:invalid.layer + 1], -np.inf)
    np.testing.assert_array_equal(backward[invalid.layer + 1:], deep.backward[0, invalid.layer + 1:])
    assert np.isfinite(backward[invalid.layer + 1:]).all()
    # re-review: a first stop that is an exact zero hid a later overflow (NaN, not +∞)
    soft = sweep(SimConfig.from_dict({"activation": "softplus", "gain": 30,
                                      "widths": "1x37, 300x40"}), "gain", [30.0], samples=8)
    stops = soft.results[0].monte_carlo.trial_forward_stops[0]
    assert [stop.reason for stop in stops] == ["exactly zero variance", "overflow"]
    np.testing.assert_array_equal(soft.saturated("forward")[0, stops[1].layer:], np.inf)


def test_sweep_cli_csv_and_json(tmp_path, capsys):
    """`main.main` (what `python main.py` runs; test_cli checks the process) with --sweep:
    CSV and JSON, and a bad sweep: status 2, one line, nothing written."""
    import main

    out = tmp_path / "s.csv"
    assert main.main(["--set", "depth=4", "--set", "width=16", "--sweep", "gain=0.5:2:3",
                      "--stats", str(out)]) == 0
    lines = out.read_text().strip().split("\n")
    assert lines[0].startswith("gain,layer,width,forward_mean,log10_forward_var")
    assert len(lines) == 1 + 3 * 5
    assert lines[1].startswith("0.5,0,16,") and lines[-1].startswith("2,4,16,")
    out = tmp_path / "s.json"
    assert main.main(["--set", "depth=3", "--set", "width=8", "--sweep", "bias_std=0:1:2",
                      "--stats", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["sweep"] == {"key": "bias_std", "values": [0, 1]}
    assert [run["bias_std"] for run in data["runs"]] == [0, 1]
    assert all(run["summary"]["monte_carlo"] for run in data["runs"])
    assert data["runs"][1]["layers"][1]["theory_log10_forward_var"] is not None
    assert capsys.readouterr().err == ""
    assert main.main(["--sweep", "gain=-1:2:3", "--stats", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: sweep: ") and err.count("\n") == 1
    assert not (tmp_path / "x.csv").exists()


# -- the Jacobian spectrum (Pennington et al. 2017) --------------------------------------

def test_orthogonal_linear_network_is_an_isometry():
    c = SimConfig.from_dict({"depth": 30, "width": 128, "activation": "identity",
                             "init": "lecun", "distribution": "orthogonal"})
    sp = jacobian_spectrum(c)
    # exact up to the float32 rounding of the stored weights (~6e-8 relative per layer)
    np.testing.assert_allclose(sp.log10_singular_values, 0.0, atol=30 * 6e-8 / math.log(10))
    assert sp.eig_normalized_var < 1e-10 and sp.theory_eig_normalized_var == 0.0
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
        assert sp.theory_eig_normalized_var == pytest.approx(depth)
    assert variances[0] < variances[1] < variances[2]


@pytest.mark.parametrize("settings", [
    {"activation": "tanh", "gain": 1.3, "bias_std": 0.1},
    {"activation": "tanh"},
    {"activation": "relu", "init": "he"},
])
def test_spectrum_mean_matches_chi_product(settings):
    """E‖J‖²_F = n_0 Π χ_t. One network's log‖J‖² fluctuates by O(√(L/n)) decades, so the
    test averages 6 networks and allows 6 standard errors of their spread + 0.02 (for the
    O(L/n) finite-width bias of the mean-field χ_t)."""
    logs = []
    for seed in range(6):
        c = SimConfig.from_dict({"depth": 10, "width": 256, "seed": seed, **settings})
        sp = jacobian_spectrum(c)
        assert sp.log10_singular_values.size == 256
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

def _relu_factor_moments(n: int) -> np.ndarray:
    """E[X^k], k = 1 … 4, of one relu + He layer's factor X = (2/n) Σ_i relu(ξ_i)², ξ_i i.i.d.
    N(0, 1): X = (2/n)·χ²_N with N ~ Binomial(n, ½) units active, E[(χ²_N)^k] = N(N+2)⋯(N+2k−2)."""
    return np.array([(2 / n) ** k * sum(comb(n, a) / 2**n * math.prod(a + 2 * j for j in range(k))
                                        for a in range(n + 1)) for k in range(1, 5)])


def _log_ratio_standard_error(moments: np.ndarray, samples: int) -> float:
    """Standard deviation of log(mean(R²)/mean(R)²) over `samples` i.i.d. copies of R, from
    E[R^k] (k = 1 … 4) by the delta method."""
    e1, e2, e3, e4 = moments
    var = ((e4 - e2 * e2) / e2**2 + 4 * (e2 - e1 * e1) / e1**2 - 4 * (e3 - e2 * e1) / (e2 * e1))
    return math.sqrt(var / samples)


def test_relu_norm_fluctuations_grow_like_the_width_product():
    """For relu + He + Gaussian weights (no bias), M_t = ‖h^t‖²/n_t at a fixed input obeys
    M_t = M_{t−1}·X_t exactly, with X_t = (2/n_t) Σ_i relu(ξ_i)² independent of everything
    before: E[X_t] = 1 and E[X_t²] = 1 + 5/n_t, hence E[R_t²]/E[R_t]² = Π_{s≤t} (1 + 5/n_s) for
    R_t = M_t/M_0 (the input cancels, so networks of different seeds pool).

    K = 4 seeds × 64 trials = 256 networks of width 8 and depth 4. Two checks, each within 6
    standard errors computed exactly for this K from the moments E[X^k], k ≤ 4
    (`_relu_factor_moments`, delta method):
    * the factors X_t pooled over layers and networks (~1024 i.i.d. samples) have
      mean(X²)/mean(X)² = 1 + 5/8 (standard error 2.0 %: 6 of them pin the 5 to ±1.6);
    * R_t at every layer has mean(R_t²)/mean(R_t)² = (1 + 5/8)^t, which needs the layers'
      factors to be independent (standard errors 4 % … 69 %: the ratio is heavy-tailed).
    (3000 networks of widths 20 measuring only the last layer's ratio have a standard error
    of 4.7 %, and 6 of them pin the 5 to ±1.8.)"""
    n, depth, seeds, trials = 8, 4, 4, 64
    m = []
    for seed in range(seeds):
        c = SimConfig.from_dict({"depth": depth, "width": n, "activation": "relu", "init": "he",
                                 "batch": 1, "trials": trials, "seed": seed})
        mc = monte_carlo(c)
        # batch 1: the pooled variance plus the squared mean is ‖h^t‖²/n_t
        m.append(10.0 ** mc.trial_log10_forward_var + mc.trial_forward_mean ** 2)
    m = np.concatenate(m)                          # networks × (L + 1)
    K = m.shape[0]
    assert np.isfinite(m).all() and (m[:, 0] > 0).all()
    # a layer whose 8 units are all inactive (probability 2⁻⁸: X_t = 0) leaves M = 0 after it,
    # and X_{t+1} unobservable; X_{t+1} is independent of M_t, so those layers are left out
    alive = m[:, :-1] > 0
    factors = m[:, 1:][alive] / m[:, :-1][alive]
    one_layer = _relu_factor_moments(n)
    assert one_layer[0] == pytest.approx(1.0) and one_layer[1] == pytest.approx(1 + 5 / n)
    ratio = np.mean(factors**2) / np.mean(factors) ** 2
    tol = 6 * _log_ratio_standard_error(one_layer, factors.size)
    assert abs(math.log(ratio / (1 + 5 / n))) <= tol, (ratio, 1 + 5 / n, tol)
    assert abs(np.mean(factors) - 1) <= 6 * math.sqrt((one_layer[1] - 1) / factors.size)
    for t in range(1, depth + 1):
        r = m[:, t] / m[:, 0]
        ratio = np.mean(r**2) / np.mean(r) ** 2
        expected = (1 + 5 / n) ** t
        tol = 6 * _log_ratio_standard_error(one_layer ** t, K)
        assert abs(math.log(ratio / expected)) <= tol, (t, ratio, expected, tol)


def test_narrow_networks_fluctuate_more():
    def band(width):
        mc = monte_carlo(SimConfig.from_dict({"depth": 6, "width": width, "activation": "relu",
                                              "init": "he", "batch": 16, "trials": 16}))
        lo, hi = mc.ensemble("forward")[[1, 3], -1]
        return hi - lo

    assert band(8) > 3 * band(256)


def test_the_spectrum_histogram_counts_the_values_above_the_floor():
    """The tab's bars: every singular value above the float64 floor in one bin, none of
    those reported at the floor; len/4 bins (8 … 60) spanning the values."""
    relu = jacobian_spectrum(SimConfig.from_dict({"depth": 6, "widths": "64,32,32,32,32,32,64",
                                                  "activation": "relu", "init": "he"}))
    assert relu.below_floor > 0        # rank ≤ 32 through the narrow layers, dead units fewer
    edges, counts = relu.histogram()
    above = relu.log10_singular_values[:64 - relu.below_floor]
    assert counts.sum() == len(above) and len(counts) == 8 and len(edges) == 9
    assert edges[0] == above.min() and edges[-1] == above.max()
    tanh = jacobian_spectrum(SimConfig.from_dict({"depth": 4, "width": 256}))
    edges, counts = tanh.histogram()
    assert tanh.below_floor == 0 and counts.sum() == 256 and len(counts) == 60
    assert np.all(np.diff(edges) > 0)

    def spectrum(values, below=0):
        return Spectrum(SimConfig(), np.asarray(values, dtype=float), 0.0, 0.0, 0.0, 0.0,
                        log10_floor=-13.0 if below else -math.inf, below_floor=below)

    edges, counts = spectrum(np.linspace(0, -3, 100)).histogram()
    assert len(counts) == 25 and counts.sum() == 100          # 100 values: 100/4 bins
    edges, counts = spectrum([-1.0] * 5 + [-13.0] * 3, below=3).histogram()
    assert counts.sum() == 5 and edges[0] == -1.5 and edges[-1] == -0.5   # one value: ±0.5
    assert counts.max() == 5 and len(counts) % 2 == 1       # in one bar, centred on it
    # float32's rounding of one value is one value too (a tour: an orthogonal linear net's
    # singular values, all 1 to ±3·10⁻⁸, were drawn over the whole axis, "(x1e-09)")
    edges, counts = spectrum(1e-8 * np.sin(np.arange(64))).histogram()
    assert counts.max() == 64 and edges[0] == pytest.approx(-0.5, abs=1e-7)
    edges, counts = spectrum([-13.0] * 4, below=4).histogram()
    assert len(edges) == len(counts) == 0                     # nothing above the floor


def test_a_network_on_the_line_yet_short_of_q_star_is_said_so():
    """A researcher's tour: orthogonal tanh on the critical line at σ_b² = 10⁻⁴ (σ_w² 1.086,
    q* = 0.046) has mean s² = 10^−1.2 at depth 50 (10^−1.1 at 20), with nothing to say why,
    though χ₁ = 1 at q*: the input starts q_t at ~1.09, and the layers before q* have
    χ_t < 1. The caption says it; off the line (gain 3), on it with mean s² near 1 (relu +
    He), or with layers of other σ_w² whose median is on it (784, 8, 784: the bottleneck's
    fan-in is the cause, a breaker's tour), it does not."""
    from engine.spectrum import jacobian_spectrum
    from gui.spectrum_texts import spectrum_text

    line = SimConfig.from_dict({"activation": "tanh", "distribution": "orthogonal",
                                "gain": math.sqrt(1.0860), "bias_std": 0.01, "depth": 20,
                                "width": 64})
    s = jacobian_spectrum(line)
    assert abs(s.log10_chi1_fixed) < 1e-3 and s.theory_log10_mean_sq < -0.5
    assert s.short_of_fixed_point()
    assert any("at q*), yet the theory's mean s² is only" in text and "so J shrinks" in text
               for text in spectrum_text(s))
    for config in (line.with_values(gain=3.0),
                   SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 20,
                                        "width": 64}),
                   SimConfig.from_dict({"widths": "784, 8, 784"}),
                   # χ₁ the same at every q (relu): its mean s² is χ₁^L, no q_t to blame
                   SimConfig.from_dict({"activation": "relu", "init": "he", "gain": 1.05,
                                        "depth": 20, "width": 64}),
                   # χ₁ = 0.934 at q*: χ₁³⁰ = 10^−0.89 is half of the −1.88 decades, not
                   # q_t's start alone (a practitioner's tour)
                   SimConfig.from_dict({"activation": "tanh", "bias_std": 0.05, "depth": 30,
                                        "width": 64})):
        s = jacobian_spectrum(config)
        assert not s.short_of_fixed_point()
        assert not any("critical line" in text for text in spectrum_text(s))
    # tanh without bias: no q* > 0, χ₁ = 1 in the limit q → 0 (as the phase tab says it)
    s = jacobian_spectrum(SimConfig.from_dict({"depth": 20, "width": 64}))
    assert any("(χ₁ = 1 as q → 0), yet" in text and "there is no q* > 0" in text
               and "only slowly" in text for text in spectrum_text(s))


def test_a_constant_sigma_s_jacobian_vanishes_exactly():
    """A breaker's tour: σ(x) = 0·x + 1 has σ' = 0 exactly, yet its spectrum "underflowed …
    σ' is 0 in float64 for every unit (saturated)"."""
    from engine.spectrum import jacobian_spectrum

    s = jacobian_spectrum(SimConfig.from_dict({"activation": "linear", "alpha": 0.0,
                                               "beta": 1.0, "depth": 3, "width": 8}))
    assert (s.stop, s.stop_layer) == ("vanished", 1)
    s = jacobian_spectrum(SimConfig.from_dict({"gain": 1e6, "depth": 3, "width": 8}))
    assert s.stop == "underflow"   # tanh saturated: σ' rounds to 0


def test_a_spectrum_says_why_values_are_below_its_floor():
    """64, 8, 64 lets at most 8 directions through J whatever σ (56 zeros), relu's units
    off add their own; an orthogonal linear net has none below the floor."""
    def spectrum(**values):
        return jacobian_spectrum(SimConfig.from_dict({"batch": 8, **values}))

    tanh = spectrum(widths=[64, 8, 64], activation="tanh")
    assert tanh.narrowest() == 8 and tanh.below_floor >= 56
    assert tanh.floor_cause() == "bottleneck"
    relu = spectrum(widths=[64, 8, 64], activation="relu")
    assert relu.below_floor > 56 and relu.floor_cause() == "bottleneck and zeros"
    flat = spectrum(widths="64x11", activation="leaky_relu", negative_slope=0, init="he")
    assert flat.below_floor > 0 and flat.floor_cause() == "zeros"
    isometry = spectrum(widths="64x5", activation="identity", distribution="orthogonal")
    assert isometry.below_floor == 0 and isometry.floor_cause() is None
    assert not isometry.strays_from_theory() and not isometry.spread_beyond_count()


def test_a_narrow_deep_spectrum_strays_from_its_theory_and_spreads_beyond_its_count():
    """Width 4, depth 30 tanh: one network is decades below the expectation over weights,
    and the free-probability spread (~31) exceeds what 4 values can spread (k − 1 = 3)."""
    narrow = jacobian_spectrum(SimConfig.from_dict({"widths": "4x31", "batch": 8}))
    assert narrow.spread_beyond_count()
    assert abs(narrow.log10_mean_sq - narrow.theory_log10_mean_sq) >= 1.0
    assert narrow.strays_from_theory()
    wide = jacobian_spectrum(SimConfig.from_dict({"batch": 8}))
    assert not wide.strays_from_theory()
