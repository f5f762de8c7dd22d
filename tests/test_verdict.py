"""The verdict's judgements of a pass (engine.verdict), against the rules they state."""


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


def test_a_change_made_by_the_end_layers_is_said_so_not_as_a_rate():
    """A teacher's tour: Xavier on 784, 256x49, 10 (identity) read "vanishing slowly, −0.030
    decades/layer", while n_tγ_t = 1 at 48 of 50 layers: the backward change is made by
    layers 50 (n_tγ_t = 0.075) and 1 (0.49), level between."""
    from engine import SimConfig, SimResult, mean_field
    from engine.verdict import trend, verdict
    from gui import verdict_texts

    config = SimConfig.from_dict({"activation": "identity", "widths": "784, 256x49, 10"})
    result = SimResult(config, theory=mean_field(config))
    backward = trend(result, "backward")
    assert backward.kind == "vanishing" and not backward.slow
    assert backward.ends == ((1, 1), (50, 50))
    assert "made by the layers at its two ends (t = 1 and t = 50), level between (50 layers)" \
        in verdict_texts.verdict_text(verdict(result))
    # the lesson's check says it as the readout does, not as a rate (a review)
    from gui.lesson import TrendCheck

    _, words = TrendCheck("backward", ("vanishing",)).evaluate(config, verdict(result))
    assert words.startswith("backward now −1.43 decades, made by the layers at its two ends "
                            "(t = 1 and t = 50): vanishing")
    # a steady change has no ends, nor one made at the start only
    default = SimConfig.from_dict({})
    assert trend(SimResult(default, theory=mean_field(default)), "forward").ends is None
    sigmoid = SimConfig.from_dict({"activation": "sigmoid"})
    settled = trend(SimResult(sigmoid, theory=mean_field(sigmoid)), "forward")
    assert settled.settled_in is not None and settled.ends is None
    # several layers at an end, numbered as the layers t: under LeCun fan_out (γ_t = 1/n_t)
    # the signal rises by n_{t−1}/n_t at t = 1–2 and at t = 50, level between
    rising = SimConfig.from_dict({"activation": "identity", "init": "lecun", "mode": "fan_out",
                                  "widths": "784, 256, 128x48, 10"})
    forward = trend(SimResult(rising, theory=mean_field(rising)), "forward")
    assert forward.kind == "exploding" and forward.ends == ((1, 2), (50, 50))


def test_two_ends_that_pull_apart_are_no_two_ends():
    """A review: −3 decades at the first layer, then +4.5 at the last, read "+1.5 decades,
    made by the layers at its two ends"; each end must move the way the whole does."""
    from engine.verdict import ends_of

    level = [-3.0] * 19
    assert ends_of([0.0, *level, 1.5], 1.5) is None
    assert ends_of([0.0, *level, -4.5], -4.5) == (1, 1)
    assert ends_of([0.0, *level, -3.05], -3.05) is None   # the last step within the level
