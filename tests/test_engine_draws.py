"""The pass's draws and bookkeeping: a cache that changes nothing, each weight drawn once per
pass (on one thread or several, cached or beyond the budget), checkpoints, seeds and trials,
progress and cancellation, histograms and the `--stats` CSV and JSON.
"""

import json
import math
import threading
import time

import numpy as np
import pytest

import engine.draws
import engine.result
import engine.initializers
import engine.passes
from engine import Cancelled, DrawCache, SimConfig, SimResult, monte_carlo, simulate
from engine.activations import activation_for
from engine.layer_step import LayerStep
from engine_checks import assert_same_monte_carlo, cfg

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
    at_once = Draws(c, 1, cache).ahead(range(1, 8), threads=3)[2]
    assert sorted(at_once) == list(range(1, 8))
    for t in range(1, 8):
        np.testing.assert_array_equal(at_once[t], one_by_one[t - 1])
    misses = cache.misses
    again = Draws(c, 1, cache).ahead(range(1, 8), threads=3)[2]
    assert cache.misses == misses and all(again[t] is at_once[t] for t in range(1, 8))
    x, g, _ = Draws(c, 1, None).ahead(range(1, 8), threads=2)
    np.testing.assert_array_equal(x, Draws(c, 1, None).input())
    np.testing.assert_array_equal(g, Draws(c, 1, None).readout())


def test_weights_asked_together_survive_the_cache_evicting_some_of_them():
    """A cache that is full evicts its oldest entries as the missing weights are added; when
    those are weights of the same request, they are drawn again (same values), not lost."""
    from engine.draws import Draws

    c = cfg(depth=6, width=16)
    one_run = sum(Draws(c, 0, None).weight(t).nbytes for t in range(1, 7))
    cache = DrawCache(budget_bytes=2 * one_run)          # two trials' weights, no more
    for trial, layers in ((0, range(1, 7)), (1, range(1, 7)), (2, range(1, 4))):
        Draws(c, trial, cache).ahead(layers)               # trial 0's layers 1–3 are evicted
    again = Draws(c, 0, cache).ahead(range(1, 7), threads=2)[2]   # adding 1–3 evicts 4–6
    for t in range(1, 7):
        np.testing.assert_array_equal(again[t], Draws(c, 0, None).weight(t))


def test_a_cold_pass_looks_for_a_stop_between_its_draws(monkeypatch):
    """A cold pass draws ahead a run of draws per BLAS thread: a stop request is seen after
    the caller's first draw (the input), and the helper stops after the weight it is drawing
    (each held 50 ms), not after its run of 15."""
    from threadpoolctl import threadpool_limits

    calls = _count_weight_draws(monkeypatch, hold_helpers=0.05)
    with threadpool_limits(limits=2, user_api="blas"), pytest.raises(Cancelled):
        monte_carlo(cfg(depth=30, width=64, batch=8), should_stop=lambda: True)
    assert len(calls) < 8   # (its run: 16; a slow scheduler may let it draw one or two more)


@pytest.mark.parametrize("settings", [{"activation": "tanh", "bias_std": 0.2, "trials": 2},
                                      {"activation": "relu", "depth": 20, "width": 8}])
def test_draws_made_ahead_on_two_threads_equal_those_made_on_the_way(settings):
    """With two BLAS threads a cold pass draws its input, read-out direction and weights
    ahead, on two threads; a run whose draws all come from a cache makes none. Same products,
    same draws: bit-identical statistics. On one thread (draws made on the way) the products
    may round otherwise: the same to float32's rounding."""
    from threadpoolctl import threadpool_limits

    c = cfg(**{"depth": 8, "width": 32, "batch": 32, **settings})
    one_by_one = monte_carlo(c)   # (the tests run BLAS on one thread)
    with threadpool_limits(limits=2, user_api="blas"):
        cold = monte_carlo(c)
        cache = DrawCache()
        monte_carlo(c, cache=cache)
        misses = cache.misses
        warm = monte_carlo(c, cache=cache)
    assert cache.misses == misses
    assert_same_monte_carlo(cold, warm)
    for name in ("log10_forward_var", "log10_backward_var"):
        np.testing.assert_allclose(getattr(cold, name), getattr(one_by_one, name), rtol=0,
                                   atol=1e-5)


def test_map_on_runs_every_item_once_in_order():
    from engine.threads import map_on

    for threads in (1, 2, 3, 8):
        assert map_on(threads, lambda x: x * x, range(7)) == [x * x for x in range(7)]


def test_map_on_stops_every_thread_when_the_caller_is_told_to():
    """`between` raises on the caller's thread: the helper, held in its first item until
    then, stops after the next at most (each takes 50 ms), not after its run of 50."""
    from engine.threads import map_on

    caller = threading.get_ident()
    told = threading.Event()
    helper_items = []

    def fn(x):
        if threading.get_ident() != caller:
            told.wait(5) if not helper_items else time.sleep(0.05)
            helper_items.append(x)

    def stop():
        told.set()
        raise Cancelled()

    with pytest.raises(Cancelled):
        map_on(2, fn, range(100), between=stop)
    assert len(helper_items) < 10   # 1 or 2 (none when it starts after the stop), not 50


def test_map_on_stops_the_caller_when_a_helper_fails():
    """A helper's exception is raised to the caller, which stops at its next item rather
    than finish its run first. (The caller's items wait until the helper has failed: no
    sleep, so a busy machine's scheduling cannot let it run through its items first.)"""
    from engine.threads import map_on

    caller = threading.get_ident()
    caller_items = []
    failed = threading.Event()

    def fn(x):
        if threading.get_ident() != caller:
            failed.set()
            raise ValueError(x)
        failed.wait(5)
        caller_items.append(x)

    with pytest.raises(ValueError):
        map_on(2, fn, range(100))
    assert len(caller_items) < 50   # a few (its run: 50)


@pytest.mark.parametrize("settings, invalid", [
    ({"activation": "tanh", "bias_std": 0.2, "trials": 2}, None),
    ({"activation": "relu", "init": "he", "gain": 3.0}, None),           # rescaled log scales
    ({"activation": "tanh", "gain": 0.01, "depth": 20}, None),          # σ's linear map at 0
    ({"activation": "tanh", "gain": 0.01, "depth": 20, "bias_std": 1e-38}, "underflow"),
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


def _count_weight_draws(monkeypatch, hold_helpers: float = 0.0) -> list:
    """Wrap the public `engine.initializers.standardized_weights` (under every name the engine
    may call it by) so that each call's shape is recorded; a call on another thread than the
    test's first waits `hold_helpers` seconds (so that a busy machine's scheduling cannot let
    a helper draw several weights before the caller has drawn one)."""
    calls = []
    original = engine.initializers.standardized_weights
    caller = threading.get_ident()

    def counted(rng, n_in, n_out, *args, **kwargs):
        if hold_helpers and threading.get_ident() != caller:
            time.sleep(hold_helpers)
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
    {"activation": "tanh", "gain": 0.01},                     # σ's linear map at 0, log scales
    {"activation": "tanh", "gain": 0.01, "bias_std": 1e-38},              # forward underflow
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
    if settings.get("bias_std") == 1e-38:
        assert stored.forward_invalid is not None and stored.forward_invalid.reason == "underflow"
    elif settings.get("gain") == 0.01:   # 10⁻⁵⁹ at the last layer: far below raw float32's reach
        assert stored.forward_invalid is None and stored.log10_forward_var[-1] < -55


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


def test_the_median_counts_the_draws_that_died():
    """Issue: a narrow relu net's median of 8 draws ran on to layer 135 over the draws still
    alive, and the verdict read "−39 over 135 layers, then exactly zero variance at layer 65"
    (the first draw's death). A dead draw (−∞) counts below every living one: the median is
    −∞ once half the draws have died, and the verdict ends where the median does."""
    from engine.verdict import verdict

    config = SimConfig(widths=(4,) * 121, activation="relu", init="he", trials=8, batch=64,
                       seed=3)
    result = simulate(config)
    mc = result.monte_carlo
    rows = mc.trial_log10_forward_var
    deaths = sorted(stops[0].layer for stops in mc.trial_forward_stops)
    assert len(deaths) == 8 and np.isneginf(rows).any() and not np.isnan(rows).any()
    np.testing.assert_allclose(mc.log10_forward_var, np.median(rows, axis=0), rtol=0, atol=1e-12)
    stop = mc.stop("forward")
    assert stop == engine.result.Invalid(deaths[3], "exactly zero variance")   # the 4th death
    assert stop.layer != mc.forward_invalid.layer                              # not draw 1's
    assert np.isfinite(mc.log10_forward_var[:stop.layer]).all()
    assert np.isneginf(mc.log10_forward_var[stop.layer:]).all()
    found = verdict(result).forward
    assert found.invalid == stop and found.layers == stop.layer - 1
    assert found.total_decades == pytest.approx(
        mc.log10_forward_var[stop.layer - 1] - mc.log10_forward_var[0], abs=1e-12)
    band = mc.ensemble("forward")
    assert np.isneginf(band[0, deaths[0]:]).all() and np.isfinite(band[0, :deaths[0]]).all()
    data = json.loads(result.to_json())
    assert data["layers"][stop.layer - 1]["log10_forward_var"] is not None
    assert data["layers"][stop.layer]["log10_forward_var"] is None
    assert data["summary"]["median_forward_invalid"] == stop.to_dict()
    assert data["summary"]["forward_invalid"] == mc.forward_invalid.to_dict()


def test_ensemble_orders_draws_past_an_overflow_or_underflow():
    """A draw that overflowed is above every representable one from there on, one that
    underflowed below; a percentile next to an infinite draw is infinite."""
    from engine.result import Invalid, ensemble_rows

    nan, inf = math.nan, math.inf
    data = np.array([[0.0, 1.0, 2.0, 3.0],
                     [0.0, 5.0, nan, nan],     # overflowed at layer 2
                     [0.0, -1.0, -inf, -inf],  # every unit died at layer 2
                     [0.0, 2.0, 4.0, nan]])    # underflowed at layer 3
    rows = ensemble_rows(data, [(), (Invalid(2, "overflow"),),
                                (Invalid(2, "exactly zero variance"),),
                                (Invalid(3, "underflow"),)])
    np.testing.assert_allclose(rows[:, 1], [-1, *np.percentile([1, 5, -1, 2], [10, 50, 90]), 5])
    # layer 2, sorted −∞, 2, 4, +∞: p10 at 0.3 (next to −∞), median 3, p90 at 2.7 (next to +∞)
    np.testing.assert_array_equal(rows[:, 2], [-inf, -inf, 3.0, inf, inf])
    # layer 3, sorted −∞, −∞, 3, +∞: the median at 1.5 lies between −∞ and 3
    np.testing.assert_array_equal(rows[:, 3], [-inf, -inf, -inf, inf, inf])
    # backward: the pass runs from the last layer down, so "beyond" is below the stop
    back = ensemble_rows(np.array([[nan, 1.0, 2.0], [nan, nan, 3.0], [0.5, 1.5, 2.5]]),
                         [(Invalid(0, "not a number"),), (Invalid(1, "underflow"),), ()],
                         "backward")
    np.testing.assert_array_equal(back[2], [-inf, 1.0, 2.5])   # layer 0: draw 1 is unknown
    assert back[0, 1] == -inf and back[4, 0] == 0.5 and back[4, 2] == 3.0
    # unknown draws are left out while fewer than half; from half on nothing is known
    unknown = ensemble_rows(np.array([[1.0, 1.0], [2.0, nan], [3.0, nan], [4.0, 5.0]]))
    assert unknown[2, 0] == 2.5 and np.isnan(unknown[:, 1]).all()
    # between a dead draw and an overflowed one the median is unknown, not −∞
    both = ensemble_rows(np.array([[0.0, -inf], [0.0, nan]]), [(), (Invalid(1, "overflow"),)])
    assert both[0, 1] == -inf and np.isnan(both[2, 1]) and both[4, 1] == inf


def test_gradients_of_draws_whose_forward_pass_overflowed_are_unknown_not_left_out():
    """Review: with 7 of 8 gelu draws overflowing forward, the backward "median" was one draw's
    line and the verdict read "backward: vanishing (underflow at layer 77)"; reordering the
    draws changed it. Unknown draws (half or more) make the median unknown; the reason is the
    draws' prevailing one, whatever their order."""
    import dataclasses

    from engine.verdict import verdict

    config = SimConfig.from_dict({"activation": "gelu", "init": "constant", "variance": 3.0,
                                  "widths": "8x201", "trials": 8, "batch": 16, "seed": 2})
    result = simulate(config)
    mc = result.monte_carlo
    overflowed = sum(stops[0].reason == "overflow" for stops in mc.trial_forward_stops)
    assert overflowed >= 4 and np.isnan(mc.log10_backward_var).all()
    forward = mc.stop("forward")
    assert forward.reason == "overflow"
    assert mc.stop("backward") == engine.result.Invalid(
        200, f"undefined: the forward pass overflowed at layer {forward.layer}")
    found = verdict(result)
    assert found.forward.kind == "exploding" and found.backward.kind == "undefined"
    order = [7, 0, 1, 2, 3, 4, 5, 6]
    shuffled = dataclasses.replace(
        mc, trial_log10_forward_var=mc.trial_log10_forward_var[order],
        trial_log10_backward_var=mc.trial_log10_backward_var[order],
        trial_forward_stops=tuple(mc.trial_forward_stops[k] for k in order),
        trial_backward_stops=tuple(mc.trial_backward_stops[k] for k in order))
    assert shuffled.stop("forward") == forward
    assert shuffled.stop("backward") == mc.stop("backward")


def test_a_pass_that_underflows_then_overflows_is_above_all_after_its_overflow():
    """Re-review: elu draws that underflowed at layer 34, recovered and overflowed at 116
    (widths 1x37, 1000x80, γ = 0.1) were counted −∞ after their overflow: the underflow
    filled every later gap."""
    from engine.result import Invalid, fill_beyond_stops

    nan, inf = math.nan, math.inf
    row = np.array([0.0, nan, 1.0, nan, nan])
    fill_beyond_stops(row, (Invalid(1, "underflow"), Invalid(3, "overflow")))
    np.testing.assert_array_equal(row, [0.0, -inf, 1.0, inf, inf])
    back = np.array([nan, nan, 2.0, 1.0])
    fill_beyond_stops(back, (Invalid(1, "underflow"),), "backward")
    np.testing.assert_array_equal(back, [-inf, -inf, 2.0, 1.0])
    # (a pass that records both: test_sweep_spectrum's softplus map, an exact zero then +∞)


def test_a_median_between_a_dead_and_an_overflowed_draw_is_unknown_not_a_loop():
    """Re-review: two draws, −∞ and +∞ at one layer: the median is unknown; its stop recursed
    without end looking for a forward overflow to name."""
    from engine.result import Invalid, MonteCarlo, ensemble_rows

    nan, inf = math.nan, math.inf
    rows = np.array([[0.0, 1.0, 2.0, -inf, -inf], [0.0, 1.0, 2.0, nan, nan]])
    stops = ((Invalid(3, "exactly zero variance"),), (Invalid(3, "overflow"),))
    median = ensemble_rows(rows, stops)[2]
    mc = MonteCarlo(forward_mean=np.zeros(5), log10_forward_var=median,
                    log10_preact_var=np.zeros(5), log10_backward_var=np.zeros(5),
                    trial_log10_forward_var=rows, trial_log10_backward_var=np.zeros((2, 5)),
                    trial_forward_mean=np.zeros((2, 5)), trial_forward_stops=stops,
                    trial_backward_stops=((), ()))
    assert np.isnan(median[3]) and mc.stop("forward") == Invalid(3, "not a number")


def test_undefined_gradients_name_the_layer_where_the_forward_pass_overflowed():
    """Re-review: both softplus draws die for a layer (9, 16) and overflow at 72; the backward
    median read "undefined: the forward pass overflowed at layer 9"."""
    mc = monte_carlo(SimConfig.from_dict({"activation": "softplus", "init": "constant",
                                          "variance": 1.0, "widths": "1x37, 300x40",
                                          "trials": 2, "batch": 8, "seed": 5}))
    overflow = [stop.layer for stops in mc.trial_forward_stops for stop in stops
                if stop.reason == "overflow"]
    assert mc.stop("forward").reason == "exactly zero variance" and overflow
    assert mc.stop("backward").reason == \
        f"undefined: the forward pass overflowed at layer {min(overflow)}"


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
