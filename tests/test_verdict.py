"""The verdict's judgements of a pass (engine.verdict), against the rules they state."""

import numpy as np
import pytest


def test_a_trend_is_slow_below_both_thresholds_only():
    """tanh under Xavier: −0.041 decades a layer, −2.0 over 50 (slow); the same rate over 799
    layers is −35 decades in all (a review: not "slowly"); sigmoid's backward pass is fast."""
    from engine import SimConfig, SimResult, mean_field
    from engine.verdict import SLOW_DECADES_PER_LAYER, SLOW_TOTAL_DECADES, trend

    def of(**values):
        config = SimConfig.from_dict(values)
        return SimResult(config, theory=mean_field(config))

    tanh = trend(of(activation="tanh"), "forward")
    assert tanh.kind == "vanishing" and tanh.slow
    assert abs(tanh.decades_per_layer) < SLOW_DECADES_PER_LAYER
    deep = trend(of(activation="tanh", depth=799), "forward")
    assert abs(deep.total_decades) >= SLOW_TOTAL_DECADES and not deep.slow
    assert not trend(of(activation="sigmoid"), "backward").slow
    assert not trend(of(activation="identity"), "forward").slow   # stable


def test_a_verdict_is_slow_when_every_pass_of_its_kind_is():
    """Default tanh: both passes vanish slowly, so does the verdict; sigmoid's backward
    pass vanishes fast, and the verdict is not slow."""
    from engine import SimConfig, SimResult, mean_field
    from engine.verdict import verdict

    def of(**values):
        config = SimConfig.from_dict(values)
        return verdict(SimResult(config, theory=mean_field(config)))

    tanh = of(activation="tanh")
    assert tanh.kind == "vanishing" and tanh.slow
    assert tanh.forward.slow and tanh.backward.slow
    sigmoid = of(activation="sigmoid")
    assert sigmoid.kind == "vanishing" and not sigmoid.slow
    assert not sigmoid.backward.slow
    assert not of(activation="identity").slow   # stable


def test_a_change_made_by_a_few_layers_is_said_so_not_as_a_rate():
    """A teacher's tour: Xavier on 784, 256x49, 10 (identity) read "vanishing slowly, −0.030
    decades/layer", while n_tγ_t = 1 at 48 of 50 layers: the backward change is made by
    layers 1 (n_tγ_t = 0.49) and 50 (0.075), level between. An audit: a bottleneck's change
    (at t = 20–21), an output layer's, and a backward pass settled in its first layer (t = L,
    not "its first layer") read as rates or without their layers."""
    import math

    from engine import SimConfig, SimResult, mean_field
    from engine.verdict import trend, verdict
    from gui import verdict_texts
    from gui.lesson import TrendCheck

    def theory(**values):
        config = SimConfig.from_dict(values)
        return SimResult(config, theory=mean_field(config))

    result = theory(activation="identity", widths="784, 256x49, 10")
    backward = trend(result, "backward")
    assert backward.kind == "vanishing" and not backward.slow
    (a, b, low), (c, d, high) = backward.made_by
    assert (a, b, c, d) == (1, 1, 50, 50)
    assert low == pytest.approx(math.log10(256 * 2 / (784 + 256)))    # n_tγ_t at t = 1
    assert high == pytest.approx(math.log10(10 * 2 / (256 + 10)))     # at t = 50
    assert "backward: vanishing, −1.4 decades in all (−0.3 at t = 1; −1.1 at t = 50), level " \
        "elsewhere (50 layers)" in verdict_texts.verdict_text(verdict(result))
    # the lesson's check says it as the readout does, not as a rate (a review), to the same
    # digits (a tour: −1.43 beside −1.4)
    _, words = TrendCheck("backward", ("vanishing",)).evaluate(result.config, verdict(result))
    assert words.startswith("backward now −1.4 decades in all (−0.3 at t = 1; −1.1 at t = 50):"
                            " vanishing")
    # a bottleneck in the middle: both passes made at t = 20–21
    bottleneck = theory(activation="identity", widths="256x20, 4, 256x29")
    for direction in ("forward", "backward"):
        made = trend(bottleneck, direction).made_by
        assert [(a, b) for a, b, _ in made] == [(20, 21)]
    assert "vanishing, −1.2 decades, made at t = 20–21, level elsewhere (49 layers)" in \
        verdict_texts.verdict_text(verdict(bottleneck))
    # a stretch against the whole is said with its sign: −1.9 at t = 1–2, +0.3 at t = 50
    bump = trend(theory(activation="linear", alpha=2.0, beta=0.5, gain=0.1,
                        widths="256x50, 1"), "forward")
    assert [(a, b) for a, b, _ in bump.made_by] == [(1, 2), (50, 50)]
    assert bump.made_by[0][2] < -1.5 and bump.made_by[1][2] > 0.2
    # settled backward: named by its layer, t = 200, not "its first layer"
    settled = theory(activation="identity", init="lecun", mode="fan_avg", widths="256x200, 1")
    assert "made at t = 200, level elsewhere (200 layers)" in \
        verdict_texts.trend_text(trend(settled, "backward"))
    # a steady change has none (tanh's 1/(2t)); a forward settled one keeps its words
    assert trend(theory(), "forward").made_by is None
    sigmoid = trend(theory(activation="sigmoid"), "forward")
    assert sigmoid.settled_in == 2 and [(a, b) for a, b, _ in sigmoid.made_by] == [(1, 2)]
    assert "within its first 2 layers, then level" in verdict_texts.trend_text(sigmoid)
    # one layer: its change, no rate ("stable, −0.400 decades/layer" read as a contradiction
    # of depth 50's "vanishing slowly, −0.041 decades/layer", a GUI tour)
    one = verdict_texts.trend_text(trend(theory(activation="identity", init="constant",
                                                variance=0.4 / 256, widths="256, 256"),
                                         "forward"))
    assert one == "forward: stable, −0.4 decades over its one layer", one
    small = verdict_texts.trend_text(trend(theory(activation="identity", init="constant",
                                                  variance=0.97 / 256, widths="256, 256"),
                                           "forward"))   # (to its first digit: not "−0.0")
    assert small == "forward: stable, −0.01 decades over its one layer", small


def test_a_change_made_by_more_than_a_fifth_of_the_layers_is_a_rate():
    """The layers that made a change are at most SETTLED_WITHIN of them, and the others keep
    the pass within SETTLED_SHARE of the change: else a rate (or None here)."""
    from engine.verdict import made_by

    level = [-3.0] * 19
    assert made_by([0.0, *level, -4.5], -4.5) == [(1, 1), (20, 20)]
    assert made_by([0.0, *level, 1.5], 1.5) == [(1, 1), (20, 20)]   # each said with its sign
    assert made_by(list(np.linspace(0.0, -3.0, 21)), -3.0) is None     # steady: a rate
    assert made_by([0.0, -1.5, -1.5, -1.5, -1.5], -1.5) is None          # too few layers
    # a dip and its way back makes nothing (a review: "−0.0 at t = 11–12")
    dip = [0.0, -1.5, *[-1.5] * 9, -4.0, -1.5, *[-1.5] * 8]
    assert made_by(dip, -1.5) is None
    stairs = np.repeat(-0.4 * np.arange(7), 7)[:43]        # six steps of −0.4: a staircase
    assert made_by(list(stairs), float(stairs[-1])) is None
    assert made_by(list(stairs[:22]), float(stairs[21])) == [(7, 7), (14, 14), (21, 21)]


def test_a_round_trip_far_from_the_start_is_said():
    """An audit: a pyramid 784 … 10 under constant γ = 0.01 read "stable, −0.2 over 22
    layers" while its signal rose +5.1 decades by t = 11 and fell back (the gradient −6.3 at
    t = 10, "while its squared norm … changes only −0.2")."""
    from engine import SimConfig, SimResult, mean_field
    from engine.verdict import trend, verdict
    from gui import verdict_texts

    widths = ("784, 643, 527, 432, 354, 290, 238, 195, 160, 131, 108, 88, 72, 59, 49, 40, 33, "
              "27, 22, 18, 15, 12, 10")
    config = SimConfig.from_dict({"widths": widths, "activation": "identity",
                                  "init": "constant", "variance": 0.01})
    result = SimResult(config, theory=mean_field(config))
    forward, backward = trend(result, "forward"), trend(result, "backward")
    assert forward.kind == "stable" and forward.peak[0] == 11
    assert forward.peak[1] == pytest.approx(result.theory.log10_forward_var[11]
                                            - result.theory.log10_forward_var[0])
    assert backward.peak[0] == 10 and backward.peak[1] < -6 and not backward.slow
    text = verdict_texts.verdict_text(verdict(result))
    assert "forward: stable, −0.011 decades/layer (−0.2 over 22 layers), though +5.1 decades " \
        "from its start at t = 11;" in text
    assert "though −6.3 decades from its start at t = 10, while its squared norm" in text
    # a monotone change has none, nor a pass to exactly zero (a review: peak −inf)
    default = SimConfig.from_dict({})
    assert trend(SimResult(default, theory=mean_field(default)), "forward").peak is None
    zeros = SimConfig.from_dict({"init": "zeros", "depth": 5})
    assert trend(SimResult(zeros, theory=mean_field(zeros)), "backward").peak is None
