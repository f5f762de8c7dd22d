"""Where a run leaves float16's range (the lecture: "especially severe for 16-bit floats,
6e-5 – 6e4"): the layers against the closed form of the linear network."""

import math

import numpy as np
import pytest

from engine import SimConfig, mean_field, simulate
from engine.number_formats import FLOAT16_LEVELS, float16_exits
from engine.result import SimResult


def test_the_levels_are_twice_the_log_of_float16s_limits():
    """√Var at 6.1·10⁻⁵ (the smallest normal number, 2⁻¹⁴) and at 65 504 (the largest)."""
    assert FLOAT16_LEVELS == pytest.approx((2 * math.log10(2.0**-14), 2 * math.log10(65504.0)),
                                           rel=1e-12)
    with np.errstate(over="ignore"):   # (the overflow is the point)
        assert np.float16(10 ** (FLOAT16_LEVELS[1] / 2) * 1.001) == np.inf


@pytest.mark.parametrize("variance, side", [(0.01, "overflow"), (0.001, "underflow")])
def test_a_linear_network_leaves_at_the_layer_its_factor_gives(variance, side):
    """σ(x) = x, constant γ, width 256: each layer multiplies the variance by n·γ (2.56 or
    0.256), so the signal leaves at the first t with t·|log₁₀ nγ| beyond the level, and the
    gradient, from the output's 0, as many layers below L."""
    config = SimConfig.from_dict({"activation": "identity", "init": "constant",
                                  "variance": variance, "width": 256, "depth": 50, "batch": 64})
    rate = math.log10(256 * variance)
    level = FLOAT16_LEVELS[1] if rate > 0 else FLOAT16_LEVELS[0]
    steps = math.floor(level / rate) + 1
    theory = float16_exits(SimResult(config, theory=mean_field(config)))
    assert [(e.direction, e.layer, e.side) for e in theory] == [
        ("forward", steps, side), ("backward", 50 - steps, side)]
    assert theory[0].decades == pytest.approx(steps * rate, rel=1e-9)
    # one network of width 256 sits within a layer of it
    measured = float16_exits(simulate(config))
    assert [(e.direction, e.side) for e in measured] == [("forward", side), ("backward", side)]
    assert abs(measured[0].layer - steps) <= 1 and abs(measured[1].layer - (50 - steps)) <= 1


def test_a_run_within_the_range_and_exact_zeros_leave_nothing():
    """tanh under Xavier stays within ±2 decades; zero weights give exactly zero variance
    (−∞), which is 0 in any format, not an underflow."""
    assert float16_exits(simulate(SimConfig.from_dict({"batch": 64}))) == []
    zeros = simulate(SimConfig.from_dict({"init": "zeros", "batch": 64, "depth": 8}))
    assert float16_exits(zeros) == []


def test_a_spread_below_float16s_step_at_its_mean_merges_the_units():
    """A review: sigmoid at gain 10⁻⁴ keeps every unit at 1/2 ± 10⁻⁴·⁶; the readout said "the
    signal loses its digits, then is 0". Near 1/2 float16's numbers are 2⁻¹¹ apart: a spread
    below half that leaves every unit the same number, from layer 1."""
    result = simulate(SimConfig.from_dict({"activation": "sigmoid", "gain": 1e-4, "depth": 6,
                                           "width": 64, "batch": 64}))
    forward = float16_exits(result)[0]
    assert (forward.direction, forward.layer, forward.side) == ("forward", 1, "merge")
    assert forward.step == 2.0**-11 and forward.mean == pytest.approx(0.5, abs=1e-6)
    assert forward.decades < 2 * math.log10(2.0**-12)


@pytest.mark.parametrize("beta, merged", [(65500.0, False), (65500.0, True)])
def test_a_mean_that_rounds_to_float16s_largest_number_has_the_step_below_it(beta, merged):
    """A long-session tour: units whose mean rounds to 65 504, float16's largest number, were
    said to be "all the same number" (half the step: ∞, with an overflow warning, as the next
    number up is ∞); near 65 504 float16's numbers are 32 apart, so a spread of √Var = 30
    (gain 30) keeps them apart, one of 0.3 (gain 0.3) does not."""
    config = SimConfig.from_dict({"activation": "linear", "beta": beta, "depth": 3, "width": 64,
                                  "init": "xavier", "gain": 0.3 if merged else 30.0})
    # (and no overflow warning: the suite's warnings are errors)
    result = SimResult(config, theory=mean_field(config))
    exits = [e for e in float16_exits(result) if e.side == "merge"]
    if merged:
        assert exits[0].layer == 1 and exits[0].step == 32.0
    else:
        assert exits == []
