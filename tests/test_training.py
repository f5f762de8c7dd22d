"""The training engine: gradients against finite differences, one optimizer step against a
hand-derived reference, the lessons (a good rule learns, a tiny γ does not, zeros stay
symmetric), divergence without warnings, step 0 against the static view, sessions in chunks.

Every test is pure numpy and fast; numpy warnings are errors (pytest filterwarnings)."""

import csv
import json
import math
import re

import numpy as np
import pytest

from engine import ConfigError, SimConfig, simulate
from engine.activations import NAMES
from engine.draws import Draws
from engine.initializers import layer_variances
from engine.training import (COMPARE_INITS, HISTORY_COLUMNS, NO_PREDICTION, Network, Optimizer,
                             Session, TrainRequest, compare_configs, history_csv, history_json,
                             history_rows, layer_count, loss_and_gradient, make_task,
                             static_config, task_shape, train, train_job)
from engine.training.optimizers import BETA1, BETA2, EPSILON, MOMENTUM, PIECE
from engine.training.session import BatchOrder

SMALL = {"widths": [3, 4, 5], "batch": 8}


def _net(activation, bias, outputs=3, **extra):
    config = SimConfig.from_dict({**SMALL, "activation": activation, "alpha": 1.5, "beta": 0.2,
                                  "negative_slope": 0.1, "bias_std": 0.5 if bias else 0.0,
                                  "init": "he", "gain": 1.3, **extra})
    return Network(config, 3, outputs, dtype=np.float64, bias=bias)


def _loss(net, x, y, classes):
    return loss_and_gradient(net.forward(x, keep=False), y, classes)[0]



@pytest.mark.parametrize("depth", [1, 4])
def test_the_layer_count_is_the_historys_columns_and_the_networks_layers(depth):
    config = SimConfig.from_dict({"width": 4, "batch": 8, "depth": depth, "steps": 1})
    assert config.depth == depth   # beside SMALL's widths the depth had been dropped: 2 twice
    run = train([config], ["a"])[0]
    assert layer_count(config) == run.log10_backward_var.shape[1] == run.update_ratio.shape[1]
    assert layer_count(config) == Network(config, 2, 2).depth + 1

@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no-bias"])
@pytest.mark.parametrize("activation", NAMES)
def test_parameter_gradients_equal_central_differences(activation, bias):
    net = _net(activation, bias)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((6, 3))
    for classes, y in ((3, rng.integers(0, 3, 6)), (0, rng.standard_normal((6, 3)))):
        net.backward(loss_and_gradient(net.forward(x), y, classes)[1])
        analytic = net.grads.copy()
        numeric = np.empty_like(analytic)
        eps = 1e-6
        for i in range(net.params.size):
            keep = net.params[i]
            net.params[i] = keep + eps
            up = _loss(net, x, y, classes)
            net.params[i] = keep - eps
            down = _loss(net, x, y, classes)
            net.params[i] = keep
            numeric[i] = (up - down) / (2 * eps)
        assert net.params.size == 3 * 4 + 4 * 5 + 5 * 3 + (12 if bias else 0)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_dropout_gradients_equal_central_differences_under_the_same_masks(activation):
    """Inverted dropout (p = 0.4): each network's first training pass draws the same masks
    (their stream is the seed's), so a fresh network per perturbed parameter differentiates
    the loss under the masks the analytic gradient used."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((6, 3))
    y = rng.integers(0, 3, 6)

    def first_pass_loss(i=None, delta=0.0):
        net = _net(activation, True, dropout=0.4)
        if i is not None:
            net.params[i] += delta
        return net, loss_and_gradient(net.forward(x), y, 3)

    net, (_, d) = first_pass_loss()
    net.backward(d)
    eps = 1e-6
    numeric = np.array([(first_pass_loss(i, eps)[1][0] - first_pass_loss(i, -eps)[1][0])
                        / (2 * eps) for i in range(net.params.size)])
    np.testing.assert_allclose(net.grads, numeric, rtol=1e-6, atol=1e-9)
    # units were dropped: zeros in the hidden layers' gradient rows, none in a plain pass
    plain = _net(activation, True)
    plain.backward(loss_and_gradient(plain.forward(x), y, 3)[1])
    assert not np.allclose(net.grads, plain.grads)


def test_dropout_is_for_training_only_and_zero_changes_nothing():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((6, 3))
    dropped, plain = _net("tanh", True, dropout=0.5), _net("tanh", True)
    # evaluation passes (keep=False) never drop
    np.testing.assert_array_equal(dropped.forward(x, keep=False), plain.forward(x, keep=False))
    assert not np.allclose(dropped.forward(x), plain.forward(x))
    # dropout 0: a training pass is an evaluation pass, bit for bit (no mask drawn)
    np.testing.assert_array_equal(plain.forward(x), plain.forward(x, keep=False))


def test_dropout_breaks_the_symmetry_of_zero_weights():
    """The lecture: with every weight equal, gradient descent keeps every unit of a layer
    identical, and dropout breaks it (sigmoid: σ(0) = 1/2, so zero weights do learn)."""
    base = {**LESSON, "activation": "sigmoid", "init": "zeros", "steps": 100, "log_every": 50,
            "width": 8}
    kept, broken = train([SimConfig.from_dict(base),
                          SimConfig.from_dict({**base, "dropout": 0.5})], ["kept", "broken"])
    assert kept.identical_units is True and broken.identical_units is False
    assert not kept.no_weight_gradient() and not broken.no_weight_gradient()


def _linear_reference():
    """A linear network (identity σ) and its loss gradient derived by hand: ŷ = (x W1 + b1) W2
    + b2, ℓ = mean((ŷ − y)²), so with d = 2(ŷ − y)/(B·K): ∂ℓ/∂W2 = h1ᵀ d, ∂ℓ/∂b2 = Σ d,
    ∂ℓ/∂W1 = xᵀ (d W2ᵀ), ∂ℓ/∂b1 = Σ d W2ᵀ."""
    net = _net("identity", True, outputs=2, widths=[3, 4])
    rng = np.random.default_rng(2)
    x, y = rng.standard_normal((5, 3)), rng.standard_normal((5, 2))
    (w1, w2), (b1, b2) = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    h1 = x @ w1 + b1
    d = 2 * (h1 @ w2 + b2 - y) / y.size
    grads = [x.T @ (d @ w2.T), h1.T @ d], [(d @ w2.T).sum(0), d.sum(0)]
    net.backward(loss_and_gradient(net.forward(x), y, 0)[1])
    return net, (w1, w2), (b1, b2), grads


def test_the_linear_networks_gradient_is_the_hand_derived_one():
    net, _, _, (gw, gb) = _linear_reference()
    for ours, ref in zip(net.grad_weights + net.grad_biases, gw + gb):
        np.testing.assert_allclose(ours, ref, rtol=1e-13, atol=1e-15)


def test_one_sgd_step_with_weight_decay_equals_the_hand_derived_step():
    net, (w1, w2), (b1, b2), (gw, gb) = _linear_reference()
    lr, decay = 0.1, 0.01
    Optimizer("sgd", lr, decay, net.params.size, net.n_weights, np.float64).step(net.params, net.grads)
    for ours, w, g in zip(net.weights, (w1, w2), gw):
        np.testing.assert_allclose(ours, w - lr * (g + decay * w), rtol=1e-14)
    for ours, b, g in zip(net.biases, (b1, b2), gb):   # biases are not decayed
        np.testing.assert_allclose(ours, b - lr * g, rtol=1e-14)


def test_one_adam_step_equals_the_hand_derived_step():
    """After one step m̂ = g and v̂ = g², so θ₁ = θ₀ − η g/(|g| + ε)."""
    net, (w1, w2), (b1, b2), (gw, gb) = _linear_reference()
    lr = 0.01
    opt = Optimizer("adam", lr, 0.0, net.params.size, net.n_weights, np.float64)
    opt.step(net.params, net.grads)
    for ours, p, g in zip(net.weights + net.biases, (w1, w2, b1, b2), gw + gb):
        np.testing.assert_allclose(ours, p - lr * g / (np.abs(g) + EPSILON), rtol=1e-13)


def test_two_steps_of_momentum_and_adam_follow_their_recursions():
    rng = np.random.default_rng(3)
    p0, g1, g2 = rng.standard_normal((3, 10))
    lr = 0.05
    for name in ("momentum", "adam"):
        p = p0.copy()
        opt = Optimizer(name, lr, 0.0, 10, 10, np.float64)
        for g in (g1, g2):
            opt.step(p, g.copy())
        if name == "momentum":
            expected = p0 - lr * g1 - lr * (MOMENTUM * g1 + g2)
        else:
            m1, v1 = (1 - BETA1) * g1, (1 - BETA2) * g1**2
            m2, v2 = BETA1 * m1 + (1 - BETA1) * g2, BETA2 * v1 + (1 - BETA2) * g2**2
            p1 = p0 - lr * (m1 / (1 - BETA1)) / (np.sqrt(v1 / (1 - BETA2)) + EPSILON)
            expected = p1 - lr * (m2 / (1 - BETA1**2)) / (np.sqrt(v2 / (1 - BETA2**2)) + EPSILON)
        np.testing.assert_allclose(p, expected, rtol=1e-13)


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_threads_update_the_same_numbers(name):
    rng = np.random.default_rng(4)
    size = 5 * (1 << 16) + 123
    start, grads = rng.standard_normal((2, size)).astype(np.float32)
    ranges = [(0, 70_000), (70_000, size - 500), (size - 500, size)]
    out = []
    for threads in (1, 2):
        p = start.copy()
        opt = Optimizer(name, 0.01, 0.1, size, size - 500, np.float32, threads=threads)
        for _ in range(2):
            squares = opt.step(p, grads.copy(), ranges)
        out.append((p, squares))
    assert opt.threads == 2
    np.testing.assert_array_equal(out[0][0], out[1][0])
    # The update's squared norms are float32 dot products over other pieces (at most PIECE
    # values on one thread, PIECE/4 on two): each within its length × 2⁻²⁴ (relative) of the
    # exact sum in any order of summation, whatever the BLAS kernel (SSE kernels differ by
    # ~1e-4). A piece missed or counted twice is off by 6 % or more.
    np.testing.assert_allclose(out[0][1], out[1][1], rtol=(PIECE + PIECE // 4) * 2.0**-24)


def test_the_optimizer_returns_the_update_norm_of_each_range():
    p, g = np.ones(10), np.arange(10.0)
    squares = Optimizer("sgd", 0.5, 0.0, 10, 10, np.float64).step(p, g, [(0, 4), (4, 10)])
    np.testing.assert_allclose(squares, [0.25 * (0 + 1 + 4 + 9), 0.25 * sum(i * i for i in range(4, 10))])


# -- the lessons ---------------------------------------------------------------------------------
LESSON = {"task": "spiral", "depth": 4, "width": 32, "optimizer": "adam", "lr": 0.01,
          "train_batch": 64, "steps": 900, "log_every": 100, "seed": 0}
LESSON_STEPS = 900   # the stated budget: He (relu) and Xavier (tanh) reach 95 % within it


def test_he_and_xavier_learn_the_spiral_and_a_tiny_gamma_stays_near_chance():
    """Same seed, data and mini-batch order for the three (each its own session, stopped
    once it has shown what it shows)."""
    reached, best = {}, {}
    for label, extra in (("He", {"activation": "relu", "init": "he"}),
                         ("Xavier", {"activation": "tanh", "init": "xavier"}),
                         ("γ = 1e-8", {"activation": "relu", "init": "constant",
                                       "variance": 1e-8})):
        session = Session([SimConfig.from_dict({**LESSON, **extra})], [label])
        run = session.runs[0]
        while run.step < LESSON_STEPS and label not in reached:
            session.advance(100)
            accuracy = run.evaluate(run.task.x_train, run.task.y_train)[1]
            best[label] = max(best.get(label, 0.0), accuracy)
            if accuracy >= 0.95:
                reached[label] = run.step
        assert run.diverged is None
    assert reached.get("He", math.inf) <= LESSON_STEPS, best
    assert reached.get("Xavier", math.inf) <= LESSON_STEPS, best
    assert "γ = 1e-8" not in reached and best["γ = 1e-8"] <= 0.6, best   # chance is 0.5


def test_zeros_keep_every_unit_of_a_layer_identical_while_they_learn():
    config = SimConfig.from_dict({**LESSON, "activation": "sigmoid", "init": "zeros",
                                  "steps": 150, "log_every": 50, "width": 8})
    (history,) = train([config], ["zeros"])
    assert history.identical_units is True and list(history.steps) == [0, 50, 100, 150]
    session = Session([config], ["zeros"])
    session.advance(150)
    net = session.runs[0].net
    w1, w2 = net.weights[0], net.weights[1]
    assert np.abs(w1).max() > 1e-4 and np.abs(w2).max() > 1e-4   # they did learn
    np.testing.assert_allclose(w1, np.repeat(w1[:, :1], w1.shape[1], axis=1), rtol=1e-4)
    np.testing.assert_allclose(w2, w2[0, 0], rtol=1e-4)   # every weight of a hidden layer equal
    he = SimConfig.from_dict({**LESSON, "activation": "relu", "init": "he", "steps": 10})
    assert train([he], ["He"])[0].identical_units is None


# -- divergence ----------------------------------------------------------------------------------
def test_an_exploding_init_diverges_at_step_0_at_the_layer_it_overflows():
    config = SimConfig.from_dict({**LESSON, "activation": "relu", "init": "he", "gain": 30.0,
                                  "depth": 30, "steps": 20})
    (history,) = train([config], ["too large"])
    step, layer = history.diverged
    assert step == 0 and 20 <= layer <= 30
    assert list(history.steps) == [0]   # the diverged step's row: finite up to the layer
    assert np.isfinite(history.log10_forward_var[0, :layer]).all()
    assert np.isnan(history.log10_forward_var[0, layer:]).all()


def test_a_learning_rate_far_too_large_diverges_later_and_stops_that_run_only():
    bad = SimConfig.from_dict({**LESSON, "activation": "relu", "init": "he", "optimizer": "sgd",
                               "lr": 5.0, "steps": 60, "log_every": 5})
    good = bad.with_values(lr=0.05)
    bad_run, good_run = train([bad, good], ["lr 5", "lr 0.05"])
    step, layer = bad_run.diverged
    assert 0 < step < 60 and 1 <= layer <= bad.depth + 1
    assert bad_run.steps[-1] == step and bad_run.steps_done == step
    assert good_run.diverged is None and good_run.steps_done == 60


def test_adam_whose_second_moment_overflows_is_a_divergence_and_predicts_nothing_where_nan():
    """A tour: relu/He at gain 3, depth 60: the gradient (~1e26) squared overflows float32 in
    Adam's v, every later update is 0 (as in PyTorch), and the run had gone on at a loss of
    8e26 with update ratios of exactly 0 and "diverged": null."""
    config = SimConfig.from_dict({**LESSON, "activation": "relu", "init": "he", "gain": 3.0,
                                  "depth": 60, "steps": 50, "log_every": 10})
    (history,) = train([config], ["gain 3"])
    step, layer = history.diverged
    assert step == 1 and 1 <= layer <= config.depth + 1 and history.steps_done == 1
    assert np.isfinite(history.train_loss).all()            # no NaN: only the optimizer knew
    sgd = SimConfig.from_dict({**LESSON, "optimizer": "sgd", "steps": 50})
    assert train([sgd], ["sgd"])[0].diverged is None        # no state, nothing to overflow
    # a network whose outputs are NaN predicts no class ("argmax of NaN" had said class 0)
    session = Session([SimConfig.from_dict({**LESSON, "activation": "identity", "gain": 1e6, "depth": 10,
                                            "init": "xavier", "steps": 5})], ["x"])
    regions = session.runs[0].regions(16)
    assert (regions == NO_PREDICTION).all()
    assert (Session([SimConfig.from_dict(LESSON)], ["ok"]).runs[0].regions(16) < 2).all()


def test_adams_overflow_is_the_lowest_entry_whichever_thread_saw_it():
    """A review: threads raced to set the overflow's place, so the layer a run reported could
    change from run to run with the same seed."""
    size = 4 * PIECE
    for _ in range(5):
        opt = Optimizer("adam", 0.01, 0.0, size, size, threads=4)
        assert opt.threads == 4
        params = np.zeros(size, np.float32)
        grads = np.full(size, 1e30, np.float32)   # g² overflows float32 everywhere
        with np.errstate(over="ignore"):   # (the run's own; its helper threads ignore it too)
            opt.step(params, grads)
        assert opt.overflowed == 0


# -- the static view -----------------------------------------------------------------------------
def test_step_0_lines_up_with_the_static_view():
    """Teacher inputs are N(0, I_64), the static view's input: the same weights (the same
    draws) give the same forward variances up to sampling error, and the gradient's decades
    per layer agree (the gradient of a 1-output loss is not isotropic, so layer by layer it
    scatters more)."""
    config = SimConfig.from_dict({"widths": [256] + [128] * 10, "activation": "tanh",
                                  "init": "xavier", "gain": 0.6, "task": "teacher",
                                  "train_batch": 512, "batch": 512, "steps": 1})
    session = Session([config], ["x"])
    net = session.runs[0].net
    config = static_config(config)   # n_0 = 64, the teacher's inputs
    assert config.widths[0] == 64 and task_shape(config) == (64, 1)
    draws = Draws(config, 0, None)
    for t, gamma in enumerate(layer_variances(config), start=1):   # the very same weights
        np.testing.assert_array_equal(net.weights[t - 1],
                                      draws.weight(t) * np.float32(math.sqrt(gamma)))
    session.advance(1)
    history, static = session.runs[0].history(), simulate(config).monte_carlo
    L = config.depth
    np.testing.assert_allclose(history.log10_forward_var[0, : L + 1], static.log10_forward_var,
                               atol=0.05)
    layers = np.arange(L + 1)
    ours = np.polyfit(layers, history.log10_backward_var[0, : L + 1], 1)[0]
    theirs = np.polyfit(layers, static.log10_backward_var, 1)[0]
    assert theirs > 0.3 and ours == pytest.approx(theirs, abs=0.03)   # vanishing backward


# -- sessions and histories ----------------------------------------------------------------------
FAST = {"task": "xor", "depth": 2, "width": 8, "steps": 30, "log_every": 10, "train_batch": 16}


def test_chunks_continue_the_session_exactly_as_one_training():
    configs = (SimConfig.from_dict(FAST), SimConfig.from_dict({**FAST, "init": "zeros"}))
    whole = train(configs, ["a", "b"])
    request = TrainRequest("chunks", configs, ("a", "b"), steps=7, grid=16)
    chunk = None
    for _ in range(5):
        chunk = train_job(request)
    assert chunk.done and chunk.step == 30 and chunk.session == "chunks"
    for ours, ref in zip(chunk.runs, whole):
        assert list(ours.steps) == [0, 10, 20, 30]
        np.testing.assert_array_equal(ours.log10_forward_var, ref.log10_forward_var)
        np.testing.assert_array_equal(ours.train_loss, ref.train_loss)
    assert len(chunk.regions) == 2 and chunk.regions[0].shape == (16, 16)
    assert chunk.regions[0].dtype == np.uint8 and set(np.unique(chunk.regions[0])) <= {0, 1}
    x0, x1, y0, y1 = chunk.region_extent
    points, labels = chunk.points
    assert points.shape[1] == 2 and len(points) == len(labels)
    assert x0 <= points[:, 0].min() and points[:, 0].max() <= x1 and y0 < y1


def test_a_chunk_brings_only_the_rows_asked_for_and_joins_into_the_whole_history():
    """The window asks for the rows it has not got (`since`): each chunk carries only those,
    and joined they are the history of one training; a new session sends everything."""
    configs = (SimConfig.from_dict(FAST), SimConfig.from_dict({**FAST, "init": "zeros"}))
    whole = train(configs, ["a", "b"])
    shown, sizes = None, []
    while shown is None or not shown.done:
        since = () if shown is None else tuple(run.rows for run in shown.runs)
        chunk = train_job(TrainRequest("news", configs, ("a", "b"), steps=7, since=since))
        sizes.append([len(run.steps) for run in chunk.runs])
        shown = chunk.joined(shown)
    assert sizes[0] == [1, 1] and sum(s[0] for s in sizes) == 4   # step 0, then 10, 20, 30
    assert all(s[0] <= 1 for s in sizes)                          # never a row twice
    for ours, ref in zip(shown.runs, whole):
        assert list(ours.steps) == [0, 10, 20, 30] and ours.first_row == 0 and ours.rows == 4
        for name in ("log10_forward_var", "log10_backward_var", "update_ratio", "train_loss"):
            np.testing.assert_array_equal(getattr(ours, name), getattr(ref, name))
        assert (ours.steps_done, ours.identical_units) == (ref.steps_done, ref.identical_units)
    fresh = train_job(TrainRequest("news-2", configs, ("a", "b"), steps=1, since=(4, 4)))
    assert [run.first_row for run in fresh.runs] == [0, 0]          # built here: all rows
    with pytest.raises(ValueError):
        shown.runs[0].join(fresh.runs[0].__class__(**{**fresh.runs[0].__dict__,
                                                      "first_row": 9}))


def test_a_session_stops_early_when_asked_and_restarts_when_its_runs_change():
    configs = (SimConfig.from_dict(FAST),)
    polls, shown = [], []

    def stop():
        polls.append(1)
        return len(polls) > 3   # polled before each step

    chunk = train_job(TrainRequest("s", configs, ("a",), steps=30), should_stop=stop,
                      on_progress=shown.append)
    assert chunk.step == 3 and not chunk.done and chunk.steps_per_second > 0
    assert shown == [] or 0 < shown[-1] <= 0.1
    again = train_job(TrainRequest("s", configs, ("a",), steps=2))
    assert again.step == 5
    other = train_job(TrainRequest("s", (configs[0].with_values(lr=0.1),), ("a",), steps=1))
    assert other.step == 1   # new runs under the same id: a new session


def test_the_batch_order_visits_every_example_once_per_epoch():
    order = BatchOrder(10, 4, seed=0)
    seen = np.concatenate([order.indices(s) for s in range(5)])   # 20 = two epochs
    assert sorted(seen[:10]) == list(range(10)) and sorted(seen[10:]) == list(range(10))
    assert not np.array_equal(seen[:10], seen[10:])


def test_history_rows_csv_and_json():
    config = SimConfig.from_dict({**FAST, "activation": "tanh"})
    runs = train([config], ["tanh"])
    rows = history_rows(runs)
    L = config.depth + 1
    assert len(rows) == 4 * (L + 1) and list(rows[0]) == list(HISTORY_COLUMNS)
    first = rows[0]
    assert first["log10_weight_grad_norm"] is None and first["update_ratio"] is None
    assert first["dead_fraction"] is None and 0 <= first["heldout_accuracy"] <= 1
    later = rows[L + 2]   # step 10, layer 1
    assert later["step"] == 10 and later["layer"] == 1 and later["update_ratio"] > 0
    csv_lines = history_csv(runs, [config]).splitlines()
    assert csv_lines[0] == ",".join(HISTORY_COLUMNS) + ",config"
    assert len(csv_lines) == len(rows) + 1
    assert SimConfig.from_dict(json.loads(next(csv.reader([csv_lines[1]]))[-1])) == config
    data = json.loads(history_json(config, runs))
    assert data["config"]["task"] == "xor" and data["history"] == rows
    assert data["runs"] == [{"run": 0, "label": "tanh", "steps_done": 30, "diverged": None,
                             "identical_units": None, "changes": {}}]
    # the network trained: the task's 2 inputs and 2 outputs around the hidden layers (a
    # review: the config's n_0 is not the trained one's, and nothing said the output's)
    assert data["network_widths"] == [2, *config.widths[1:], 2]


def test_relu_records_dead_units_and_regression_has_no_accuracy():
    relu = SimConfig.from_dict({**FAST, "activation": "relu", "task": "teacher"})
    (run,) = train([relu], ["relu"])
    assert np.isnan(run.dead_fraction[:, [0, -1]]).all()
    assert ((run.dead_fraction[:, 1:-1] >= 0) & (run.dead_fraction[:, 1:-1] <= 1)).all()
    assert np.isnan(run.heldout_accuracy).all() and np.isfinite(run.heldout_loss).all()


def test_the_comparison_preset_is_in_lecture_order():
    assert [label for label, _ in COMPARE_INITS] == ["zeros", "γ too small", "γ too large", "Xavier"]
    configs, labels = compare_configs(SimConfig.from_dict(FAST))
    assert [c.init for c in configs] == ["zeros", "xavier", "xavier", "xavier"]
    assert configs[1].gain < 1 < configs[2].gain and labels[0] == "zeros"


def test_tasks_are_standardized_and_seeded():
    for name in ("spiral", "circles", "xor", "gaussians", "teacher"):
        task = make_task(SimConfig.from_dict({"task": name}))
        assert task.x_train.dtype == np.float32
        assert float(task.x_train.var()) == pytest.approx(1.0, rel=0.05)
        again = make_task(SimConfig.from_dict({"task": name}))
        np.testing.assert_array_equal(task.x_train, again.x_train)
        other = make_task(SimConfig.from_dict({"task": name, "seed": 1}))
        assert not np.array_equal(task.y_train, other.y_train)
    assert make_task(SimConfig.from_dict({"task": "teacher"})).regression


def test_a_network_too_large_to_train_is_refused():
    config = SimConfig.from_dict({"depth": 200, "width": 4096, "train_batch": 16})
    with pytest.raises(ConfigError) as info:
        Network(config, 2, 2)
    assert info.value.key == "widths" and " GB of memory" in info.value.reason


def test_a_vanishing_run_drops_only_subnormal_work_and_records_the_same(monkeypatch):
    """γ far too small: gradients fall to 1e-73 and below float32's normal range, whose
    arithmetic is 10–100× slower on many CPUs. The products of watched layers whose terms are
    all subnormal are skipped (their gradients are exactly 0, where the full computation
    gives subnormal numbers); every recorded number stays the same, and the weights differ
    by less than 1e-25."""
    from engine.training import network
    from engine.training.session import Session

    config = SimConfig.from_dict({"task": "spiral", "depth": 40, "width": 32, "init": "xavier",
                                  "gain": 0.1, "steps": 100, "log_every": 10,
                                  "train_batch": 32})

    def trained(watch):
        monkeypatch.setattr(network, "WATCH_DECADES", watch)
        session = Session((config,), ("a",))
        session.advance(25)
        return session.runs[0], session.histories()[0]

    (fast, fast_history), (full, full_history) = trained(18.0), trained(-math.inf)
    assert full_history.log10_backward_var[0, 1] < -60       # the gradient did vanish
    for name in ("log10_forward_var", "log10_backward_var", "log10_weight_grad_norm",
                 "update_ratio", "dead_fraction", "train_loss", "heldout_loss"):
        np.testing.assert_array_equal(getattr(fast_history, name), getattr(full_history, name))
    np.testing.assert_allclose(fast.net.params, full.net.params, rtol=0, atol=1e-25)
    assert np.count_nonzero(fast.net.grads) < 0.8 * np.count_nonzero(full.net.grads)


def test_a_layer_of_one_value_has_no_variance_in_training_either():
    """A tour: width 1 over a mini-batch of 1 drew the gradient map black (exact zeros) and
    read "no gradient reaches layer 1 (exactly zero): its weights do not learn" beside
    update ratios that were not zero. One value has no variance: NaN, not −∞."""
    config = SimConfig.from_dict({**LESSON, "width": 1, "depth": 4, "train_batch": 1,
                                  "steps": 20, "log_every": 10})
    (history,) = train([config], ["xavier"])
    assert np.isnan(history.log10_backward_var[:, 1:-1]).all()
    assert np.isnan(history.log10_forward_var[:, 1:-1]).all()
    assert np.isfinite(history.log10_backward_var[:, -1]).all()     # the 2 outputs
    assert history.gradient_drop() is None and history.diverged is None
    assert np.isfinite(history.update_ratio[1:, 1:]).all()          # they do learn


@pytest.mark.parametrize("start, now, kind", [
    (-20.0, -20.0, "vanishing"), (-1.0, -20.0, "lost_since"), (0.0, -20.0, "lost"),
    (20.0, 20.0, "exploding"), (1.0, 20.0, "grown"), (-20.0, -1.0, "recovered"),
    (-math.inf, 1.0, "recovered"), (-math.inf, 20.0, "recovered"),
    (-math.inf, -20.0, "recovered"),   # none at the start (a review: "grown", "-inf at step 0")
    (20.0, 1.0, "recovered"), (20.0, -1.0, "recovered"),   # exploded at the start (a tour)
    (0.0, -math.inf, "none"), (-1.0, -2.0, None),
])
def test_the_gradient_state_at_layer_1(start, now, kind):
    """Decades of Var[∂ℓ/∂h^1] against the output's, at the first logged step and now:
    beyond STALLED_DECADES (6) it is said, and how it got there."""
    from engine.training.history import RunHistory

    def rows(first, last):   # layers 0 … 3; the output's variance 10⁰
        return np.array([[0.0, first, 0.0, 0.0], [0.0, last, 0.0, 0.0]])

    nan = np.full((2, 4), np.nan)
    history = RunHistory("a", np.array([0, 10]), nan, rows(start, now), nan, nan, nan,
                         np.zeros(2), np.zeros(2), np.zeros(2))
    state = history.gradient_state()
    assert (state.kind if state is not None else None) == kind
    if state is not None:
        assert state.decades == now and state.start == start and state.first_step == 0


def test_the_gradient_now_is_the_median_of_the_last_logged_rows():
    """A teacher's tour: layer 1 of "γ too small", trained near its noise, swings 6–12 decades
    from one logged row to the next, and the last row alone flipped the readout between
    "vanishes" and "recovered" from step 2940 to 3000. Now is the median of the last
    RECENT_ROWS rows (the session's first apart), their range said where it is wide."""
    from engine.training.history import RECENT_ROWS, GradientState, RunHistory

    swings = [-20.0] + [-2.0, -9.0, -1.0, -13.0, -3.0, -4.0] * 3 + [-0.5]   # 20 logged rows
    layer_1 = np.zeros((len(swings), 4))
    layer_1[:, 1] = swings
    nan = np.full(layer_1.shape, np.nan)
    steps = np.arange(len(swings)) * 10
    history = RunHistory("a", steps, nan, layer_1, nan, nan, nan, *[np.zeros(len(swings))] * 3)
    state = history.gradient_state()
    recent = swings[-RECENT_ROWS:]
    assert state.kind == "recovered" and state.decades == np.median(recent) == -3.0
    assert state.recent == (-13.0, -0.5)
    assert state.recent == (min(recent), max(recent)) and state.rows == RECENT_ROWS
    assert state.noisy and state.start == -20.0
    flips = 0
    for end in range(2, len(swings) + 1):   # the last row alone flips; the median does not
        cut = RunHistory("a", steps[:end], nan[:end], layer_1[:end], nan[:end], nan[:end],
                         nan[:end], *[np.zeros(end)] * 3)
        assert cut.gradient_state().kind == "recovered", end
        flips += cut.gradient_drop() < -6
    assert flips == 6
    # the median is one row's value: half the rows without a gradient (−∞) and half with
    # one do not make "none reaches layer 1" (a review: the mean of −∞ and 5 had)
    cut = RunHistory("a", steps[:3], nan[:3], np.array([[0.0, -20.0, 0.0, 0.0],
                                                        [0.0, -np.inf, 0.0, 0.0],
                                                        [0.0, 5.0, 0.0, 0.0]]),
                     nan[:3], nan[:3], nan[:3], *[np.zeros(3)] * 3)
    state = cut.gradient_state()
    assert state.kind == "recovered" and state.decades == 5.0 and state.noisy
    # of two finite rows, the median said is their mean (the upper one, −4.0, had been said
    # to be the median of −7.6 and −4.0, a tour)
    two = np.array([[0.0, -20.0, 0.0, 0.0], [0.0, -7.6, 0.0, 0.0], [0.0, -4.0, 0.0, 0.0]])
    cut = RunHistory("a", steps[:3], nan[:3], two, nan[:3], nan[:3], nan[:3],
                     *[np.zeros(3)] * 3)
    assert cut.gradient_state().decades == pytest.approx(-5.8)
    # a run that diverged says where its gradient stood at the start, when it was beyond
    diverged = RunHistory("a", steps[:2], nan[:2], np.array([[0.0, 38.0, 0.0, 0.0],
                                                             [np.nan] * 4]),
                          nan[:2], nan[:2], nan[:2], *[np.zeros(2)] * 3, diverged=(1, 2))
    assert diverged.gradient_state() == GradientState("diverged", 38.0, 38.0, 0)


def test_a_diverged_step_is_recorded_under_its_own_dropout_masks():
    """The diverged step's row is the same pass again: with dropout, under the same masks (a
    review: fresh masks put its first ∞ at another layer than the one said, or nowhere)."""
    for seed in range(12):
        config = SimConfig.from_dict({"depth": 40, "width": 16, "activation": "relu",
                                      "init": "he", "gain": 9.0, "seed": seed, "dropout": 0.5,
                                      "steps": 2, "log_every": 1})
        run = train([config], ["a"])[0]
        assert run.diverged is not None and run.diverged[0] == 0
        bad = np.flatnonzero(~np.isfinite(run.log10_forward_var[-1]))
        assert bad.size and int(bad[0]) == run.diverged[1], (seed, run.diverged)


def test_the_memory_check_counts_dropouts_masks():
    """A training that fits is refused before it starts where dropout's masks and masked
    inputs (two more arrays a layer) would take it past the limit, not failed once started."""
    from engine import ConfigError
    from engine.training import check_memory

    config = SimConfig.from_dict({"depth": 2, "width": 15704, "train_batch": 4088})
    check_memory([config], 2, 2, None)
    with pytest.raises(ConfigError, match="GB of memory") as refused:
        check_memory([config.with_values(dropout=0.5)], 2, 2, None)
    # its need, just above the limit (6,001,953,568 bytes), is written above it ("about 6.0 GB;
    # at most 6 GB" had read as fitting)
    need, most = re.findall(r"([\d.]+) GB", refused.value.reason)
    assert (need, most) == ("6.002", "6")


def test_the_memory_check_counts_every_run_against_the_memory_available():
    """The weak-laptop tour: the check was a fixed limit, so a 4 GB laptop was let through a
    network that needed 5.3 GB ("MemoryError" once started); and a session keeps all four
    inits' networks at once, each checked alone."""
    from engine import ConfigError
    from engine.training import check_memory, compare_configs, training_bytes

    config = SimConfig.from_dict({"depth": 20, "width": 4096, "train_batch": 256})
    one = training_bytes([config], 2, 2)
    assert 5 * 10**9 < one < 6 * 10**9          # under the fixed limit
    check_memory([config], 2, 2, None)
    check_memory([config], 2, 2, one)
    with pytest.raises(ConfigError) as refused:
        check_memory([config], 2, 2, 4 * 10**9)
    assert refused.value.key == "widths"
    assert refused.value.reason == ("training this network needs about 5.3 GB of memory and "
                                    "4.0 GB is available (fewer or narrower layers, or a "
                                    "smaller mini-batch, need less)")
    with pytest.raises(ConfigError) as refused:     # just short: digits enough to tell
        check_memory([config], 2, 2, one - 2**20)
    need, have = re.findall(r"([\d.]+) GB", refused.value.reason)
    assert float(need) > float(have) and float(have) <= (one - 2**20) / 10**9
    inits = compare_configs(config.with_values(widths=(2,) + (1024,) * 20 + (2,)))[0]
    assert training_bytes(inits, 2, 2) == sum(training_bytes([c], 2, 2) for c in inits)
    check_memory(inits[:1], 2, 2, 10**9)
    with pytest.raises(ConfigError, match=r"^widths: training these 4 networks needs about "
                                          r"1\.4 GB of memory and 1\.0 GB is available \(fewer "):
        check_memory(inits, 2, 2, 10**9)
    with pytest.raises(ConfigError,
                       match=r"^widths: training these 4 networks .*; at most 6 GB \("):
        check_memory(compare_configs(config)[0], 2, 2, None)
    with pytest.raises(ConfigError, match=r"needs about 0\.4 GB of memory and 0\.003 GB is "
                                          r"available \("):   # (its first digit, not "0.0")
        check_memory(inits[:1], 2, 2, 3 * 2**20)
