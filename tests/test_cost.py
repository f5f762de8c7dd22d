"""Estimates of a run's time and memory (engine.cost): the memory model against the
allocations the pass really makes (Python's tracer sees numpy's), the time model's arithmetic
at given rates, and the command line's use of both."""

import dataclasses
import tracemalloc

import pytest

import main
from engine import SimConfig, cost, passes
from engine.simulation import monte_carlo

RATES = cost.Rates(matmul_flops=1e10, matmul64_flops=5e9, draws=1e8, entries=1e8)


def _traced_peak(config: SimConfig) -> int:
    tracemalloc.start()
    try:
        monte_carlo(config)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("overrides", [
    {"depth": 30, "width": 128, "batch": 256},
    {"widths": "784, 512, 512, 10", "batch": 512},
    {"depth": 6, "width": 512, "batch": 64, "distribution": "orthogonal"},
    {"depth": 12, "width": 256, "batch": 128, "distribution": "truncated_normal",
     "activation": "gelu"},
    {"depth": 10, "width": 256, "batch": 512, "activation": "relu", "init": "he", "trials": 3},
], ids=["tanh", "unequal-widths", "orthogonal", "gelu-truncated", "relu-trials"])
def test_the_memory_estimate_is_within_a_third_of_the_traced_peak(overrides):
    config = SimConfig.from_dict(overrides)
    ratio = cost.monte_carlo_cost(config, RATES).peak_bytes / _traced_peak(config)
    assert 0.75 <= ratio <= 1.35


def test_the_memory_estimate_follows_checkpoints_and_weights_drawn_again(monkeypatch):
    """Past the budgets the pass keeps √L checkpoints instead of every σ', and draws weights
    again instead of keeping them: the estimate follows (budgets made small to see it here)."""
    config = SimConfig.from_dict({"depth": 64, "width": 128, "batch": 256})
    kept = cost.monte_carlo_cost(config, RATES)
    monkeypatch.setattr(passes, "SLOPES_BUDGET_BYTES", 2**20)
    monkeypatch.setattr(passes, "KEEP_WEIGHTS_BYTES", 2**18)
    lean = cost.monte_carlo_cost(config, RATES)
    assert lean.peak_bytes < kept.peak_bytes / 2
    assert 0.75 <= lean.peak_bytes / _traced_peak(config) <= 1.35
    # three passes (recomputation) and every weight drawn in each
    assert lean.seconds > kept.seconds


def test_the_memory_estimate_holds_where_the_per_unit_statistics_dominate(monkeypatch):
    """Deep and narrow, one sample, weights drawn again: the peak is the per-unit statistics
    of both passes and the moments derived from them at the end."""
    monkeypatch.setattr(passes, "KEEP_WEIGHTS_BYTES", 2**18)
    config = SimConfig.from_dict({"depth": 400, "width": 128, "batch": 1})
    assert 0.75 <= cost.monte_carlo_cost(config, RATES).peak_bytes / _traced_peak(config) <= 1.35


def test_the_time_estimate_counts_the_pass_work():
    """Forward and backward: 2·B·Σn_{t−1}n_t flops each; the weights drawn once; the
    elementwise work once per entry; Python's share per layer and pass."""
    config = SimConfig.from_dict({"widths": "100, 200, 50", "batch": 64, "trials": 3})
    products, entries = 100 * 200 + 200 * 50, 64 * (200 + 50)
    expected = 3 * (2 * 64 * products * 2 / RATES.matmul_flops + products / RATES.draws
                    + entries / RATES.entries + 2 * 2 * RATES.step_s)
    assert cost.monte_carlo_cost(config, RATES).seconds == pytest.approx(expected, rel=1e-12)
    # Python's share is this machine's, measured (a tour: a depth-10000 net of width 4 was
    # estimated at 10 s with a fixed 0.5 ms a step, and took 1.7 s)
    quick = dataclasses.replace(RATES, step_s=RATES.step_s / 10)
    assert cost.monte_carlo_cost(config, RATES).seconds - cost.monte_carlo_cost(
        config, quick).seconds == pytest.approx(3 * 2 * 2 * 0.9 * RATES.step_s, rel=1e-9)


def test_measured_rates_are_positive_and_cached():
    config = SimConfig.from_dict({"activation": "elu", "distribution": "uniform"})
    first = cost.measure_rates(config)
    assert min(first.matmul_flops, first.draws, first.entries, first.step_s) > 0
    assert cost.measure_rates(config) == first


def test_available_memory_is_a_plausible_number():
    free = cost.available_memory()
    assert free is None or 2**20 < free < 2**50


def test_a_sweep_costs_each_value_at_its_samples():
    config = SimConfig.from_dict({"depth": 4, "width": 16})
    swept = cost.sweep_cost(config, "width", [8, 16, 32], samples=10)
    one = cost.monte_carlo_cost(config.with_values(widths=(32,) * 5, batch=10))
    assert swept.peak_bytes < one.peak_bytes and swept.seconds > one.seconds   # (no histograms)


def test_a_stacked_sweep_is_estimated_as_its_passes_over_groups_of_values():
    """The weak-laptop tour: a gain sweep was estimated as one run per value, each drawing
    its weights (6 min estimated for 104 s measured) and keeping one value's per-unit
    statistics (202 MB for 500 MB). A group of G values stacked is one pass of G·S rows with
    G blocks' statistics, its weights drawn once for every group (the cache keeps them)."""
    import numpy as np

    from engine.draws import DrawCache
    from engine.sweep import stacked_groups, sweep_configs, sweep_monte_carlo, sweep_values

    config = SimConfig.from_dict({"depth": 80, "width": 128, "trials": 3})
    values = sweep_values("gain", 0.25, 4.0, 41)
    estimate = cost.sweep_cost(config, "gain", values, 64, RATES)
    tracemalloc.start()
    try:
        sweep_monte_carlo(config, "gain", values, samples=64, cache=DrawCache())
        traced = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert 0.75 <= estimate.peak_bytes / traced <= 1.35
    groups = [len(g) for g in stacked_groups(sweep_configs(config, "gain", values), 64)]
    assert groups == [14, 13, 14]
    products, entries = 80 * 128 * 128, 41 * 64 * 80 * 128   # one trial of each value
    expected = (2 * 2 * 64 * 41 * products / RATES.matmul_flops + products / RATES.draws
                + entries / RATES.entries + len(groups) * 2 * 80 * RATES.step_s)
    assert estimate.seconds == pytest.approx(expected, rel=1e-12)
    assert estimate.seconds < cost.sweep_cost(config, "alpha", np.ones(41), 64, RATES).seconds
    # the Sweep tab's jobs of 8 values: a job's statistics at the peak, not three groups' of
    # 14 (a review: 1167 MB said for jobs of 588 MB at depth 1000 × width 1024)
    tracemalloc.start()
    try:
        sweep_monte_carlo(config, "gain", values[:8], samples=64, cache=DrawCache())
        traced = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    chunked = cost.sweep_cost(config, "gain", values, 64, RATES, chunk=8)
    assert 0.75 <= chunked.peak_bytes / traced <= 1.35 and chunked.seconds > estimate.seconds
    # weights the worker's smaller cache cannot keep are drawn for every job
    assert cost.sweep_cost(config, "gain", values, 64, RATES, chunk=8,
                           cache_bytes=2**20).seconds > chunked.seconds


@pytest.mark.parametrize("overrides", [
    {"depth": 30, "width": 512}, {"widths": "784, 1024, 1024, 10"}, {"widths": "64, 512, 256"},
], ids=["square", "wide-input", "narrowing"])
def test_the_spectrum_is_estimated_as_its_float64_products_and_singular_values(overrides):
    """The weak-laptop tour: the spectrum had no estimate (depth 1000 × width 2048 ran past
    100 s unsaid). Its memory is J and the products beside it, with the widest weight matrix;
    its time, float64 products of n_t × n_{t−1} by n_{t−1} × n_0, draws, and the SVD."""
    from engine.spectrum import jacobian_spectrum

    config = SimConfig.from_dict(overrides)
    tracemalloc.start()
    try:
        jacobian_spectrum(config)
        traced = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    estimate = cost.spectrum_cost(config, RATES)
    assert 0.75 <= estimate.peak_bytes / traced <= 1.35
    widths = config.widths
    products = sum(a * b for a, b in zip(widths, widths[1:]))
    n0, nl = widths[0], widths[-1]
    expected = (2 * n0 * products / 5e9 + products / 1e8 + (products + n0 * sum(widths[1:])) / 1e8
                + cost.SVD_FLOPS * n0 * nl * min(n0, nl) / 5e9 + config.depth * RATES.step_s)
    assert estimate.seconds == pytest.approx(expected, rel=1e-12)


def test_the_cli_prices_the_spectrum_and_forces_it(tmp_path, monkeypatch, capsys):
    """Its statistics and its export say a long spectrum's cost and refuse one beyond the
    memory available, unless forced (--force had been refused there: "its run is small")."""
    out = tmp_path / "spectrum.json"
    small = ["--set", "depth=3", "--set", "width=64"]
    monkeypatch.setattr(cost, "available_memory", lambda: 10**4)
    for args in (["--stats", str(out), "--view", "spectrum"],
                 ["--export", str(tmp_path / "s.png"), "--view", "spectrum"]):
        assert main.main([*small, *args]) == 2
        assert capsys.readouterr().err.startswith("error: memory: this run needs about ")
    monkeypatch.setattr(cost, "available_memory", lambda: None)
    monkeypatch.setattr(cost, "NOTE_SECONDS", 0.0)
    priced = []
    spectrum_cost = cost.spectrum_cost
    monkeypatch.setattr(cost, "spectrum_cost", lambda c: priced.append(c) or spectrum_cost(c))
    assert main.main([*small, "--stats", str(out), "--view", "spectrum", "--force"]) == 0
    assert capsys.readouterr().err.startswith("estimate: this run takes about ")
    assert out.exists() and len(priced) == 1


def test_the_cli_refuses_a_run_larger_than_the_free_memory_unless_forced(
        tmp_path, monkeypatch, capsys):
    """Issue: valid configs at the limits (width 4096 × batch 65536: 6.5 GB in 60 s) started
    without a word. The CLI says the estimate and refuses above the machine's free memory."""
    out = tmp_path / "stats.json"
    monkeypatch.setattr(cost, "available_memory", lambda: 10**6)
    assert main.main(["--set", "depth=3", "--set", "width=64", "--stats", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: memory: this run needs about ") and "--force" in err
    assert not out.exists()
    assert main.main(["--set", "depth=3", "--set", "width=64", "--stats", str(out),
                      "--force"]) == 0
    assert out.exists()


def test_the_cli_says_what_a_long_run_will_cost(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cost, "NOTE_SECONDS", 0.0)
    out = tmp_path / "stats.csv"
    assert main.main(["--set", "depth=3", "--set", "width=64", "--stats", str(out)]) == 0
    line = capsys.readouterr().err.strip()
    assert line.startswith("estimate: this run takes about ") and "of memory" in line


def test_an_export_prices_what_its_tab_runs(tmp_path, monkeypatch, capsys):
    """Review: `--export --view sweep` priced the network's run only, not the 41 gains × 64
    inputs its tab computes; with --sweep and --export the network's run went unpriced."""
    from engine.sweep import DEFAULT_GAINS, DEFAULT_SAMPLES

    monkeypatch.setattr(cost, "NOTE_SECONDS", 0.0)
    priced, sweep_cost, network_cost = [], cost.sweep_cost, cost.monte_carlo_cost
    monkeypatch.setattr(cost, "sweep_cost", lambda c, key, values, samples: priced.append(
        ("sweep", len(values), samples)) or sweep_cost(c, key, values, samples))
    monkeypatch.setattr(cost, "monte_carlo_cost", lambda c, *a: priced.append(
        ("network",)) or network_cost(c, *a))
    small = ["--set", "depth=2", "--set", "width=8", "--set", "batch=8"]
    assert main.main([*small, "--export", str(tmp_path / "s.png"), "--view", "sweep"]) == 0
    # (then the export's window estimates its own runs, as it would on screen)
    assert priced[:2] == [("sweep", DEFAULT_GAINS[2], DEFAULT_SAMPLES), ("network",)]
    assert capsys.readouterr().err.count("estimate: ") == 1   # one line for both
    priced.clear()
    assert main.main([*small, "--sweep", "gain=0.5:2:3", "--stats", str(tmp_path / "s.csv"),
                      "--export", str(tmp_path / "n.png")]) == 0
    assert priced[:2] == [("sweep", 3, 64), ("network",)]


def test_a_small_run_prints_nothing(tmp_path, capsys):
    assert main.main(["--set", "depth=3", "--set", "width=64", "--stats",
                      str(tmp_path / "s.json")]) == 0
    assert capsys.readouterr().err == ""
