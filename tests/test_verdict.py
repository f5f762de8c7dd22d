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
    assert all(t.slow for t in (tanh.forward, tanh.backward) if t.kind == "vanishing")
    sigmoid = of(activation="sigmoid")
    assert sigmoid.kind == "vanishing" and not sigmoid.slow
    assert not of(activation="identity").slow   # stable
