"""The readout's warning when the Monte Carlo and the theory differ by more than the trials'
spread explains, with its reason: below the theory, finite width (the typical run); above it,
the mean over inputs."""

import dataclasses
import math

import pytest

from engine import SimConfig, simulate
from engine.readout_facts import GAP_DECADES, theory_gap
from gui import analysis_texts
from gui.texts import signed


def test_the_lectures_width_4_network_sits_far_below_the_expectation():
    # D2L's example: identity, width 4, N(0, 1) weights; E[Var] grows 4× a layer, one network less
    config = SimConfig.from_dict({"activation": "identity", "init": "constant", "variance": 1.0,
                                  "width": 4, "depth": 100, "batch": 64})
    gap = theory_gap(simulate(config))
    assert gap.reason == "finite_width" and gap.direction == "forward" and gap.layer == 100
    assert gap.decades < -10 and gap.explained == 0.0
    text = analysis_texts.gap_text(gap)
    assert "finite width" in text and "layer 100" in text
    assert "spread" not in text   # one draw: no spread to weigh it against (a tour)
    assert gap.typical and text.endswith("toward the typical run")


def test_a_gap_names_the_typical_run_only_where_the_profile_draws_it():
    """A teacher's tour: tanh at width 1 read "… toward the typical run" beside a legend
    that says "typical run: not drawn" (it exists for exact cases only)."""
    gap = theory_gap(simulate(SimConfig.from_dict({"width": 1, "batch": 64})))
    assert gap.reason == "finite_width" and not gap.typical
    text = analysis_texts.gap_text(gap)
    assert "finite width" in text and "typical" not in text
    assert "typical" not in analysis_texts.gap_text(dataclasses.replace(gap, explained=0.4))


def test_gelu_pooled_over_inputs_sits_above():
    gap = theory_gap(simulate(SimConfig.from_dict({"activation": "gelu", "init": "he",
                                                   "batch": 128})))
    assert gap.reason == "mean_over_inputs" and gap.decades > GAP_DECADES
    assert "mean over inputs" in analysis_texts.gap_text(gap)
    assert "spread" not in analysis_texts.gap_text(gap)
    spread = analysis_texts.gap_text(dataclasses.replace(gap, explained=0.4))
    assert "more than the trials' spread explains" in spread


def test_the_trials_spread_explains_part_and_wide_nets_agree():
    narrow = simulate(SimConfig.from_dict({"activation": "relu", "init": "he", "width": 16,
                                           "depth": 30, "trials": 16, "batch": 32}))
    gap = theory_gap(narrow)
    mc = narrow.monte_carlo
    band = mc.log10_forward_var_q90[-1] - mc.log10_forward_var_q10[-1]
    assert gap.reason == "finite_width" and gap.explained == pytest.approx(band / 2)
    assert abs(gap.decades) - gap.explained > GAP_DECADES
    assert theory_gap(simulate(SimConfig.from_dict({"activation": "tanh", "init": "xavier",
                                                    "batch": 128}))) is None


def test_a_dead_draw_in_the_band_explains_any_gap():
    """A draw with zero variance puts the 10 % line at −∞: the spread explains any gap (the
    note read "more than the trials' spread explains" for a relu net of width 5 whose
    living draws spread over 4.4 decades)."""
    result = simulate(SimConfig.from_dict({"activation": "relu", "init": "he", "widths": "5x11",
                                           "trials": 10, "seed": 1}))
    mc = result.monte_carlo
    assert mc.log10_forward_var_q10[-1] == -float("inf") and mc.log10_forward_var[-1] > -5
    assert theory_gap(result) is None


def test_a_pass_that_stopped_is_compared_where_it_last_had_a_value():
    """tanh at gain 10⁶: the Monte Carlo's gradient underflows at layer 48 while the theory
    goes on to +286 decades; the note needed both ends finite and said nothing. It compares
    the last layer the Monte Carlo had. A float32 underflow along the theory is no gap."""
    saturated = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 1e6, "batch": 64}))
    mc = saturated.monte_carlo
    assert mc.backward_invalid.reason == "underflow"
    gap = theory_gap(saturated)
    assert gap.direction == "backward" and gap.layer == mc.backward_invalid.layer + 1
    # saturation, not "finite width … toward the typical run" (a teacher: tanh has no typical
    # line to go toward; nearly every unit's σ' rounds to 0)
    assert gap.reason == "saturation" and gap.decades < -10
    text = analysis_texts.gap_text(gap)
    assert f"layer {gap.layer} (backward), where its float32 values underflowed" in text
    assert "nearly every unit is saturated" in text
    small = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 0.01, "depth": 20,
                                          "width": 64, "batch": 128, "bias_std": 1e-38}))
    assert small.monte_carlo.forward_invalid.reason == "underflow"
    assert theory_gap(small) is None


@pytest.mark.parametrize("settings", [
    {"seed": 3}, {"depth": 200},
    {"gain": 1e3, "width": 64, "batch": 64, "trials": 10},   # the band unknown: some draws
])                                                           # underflowed earlier (a review)
def test_a_saturated_gradient_is_compared_where_it_underflowed(settings):
    """tanh at gain 10⁶ with seed 3: the gradient's one layer before it underflowed sat 1.3
    decades above the theory, and the note read "a mean over inputs"; at depth 200, 0.8
    below, and there was no note, beside a "vanishing" verdict and a theory at +1145 (a
    tour). Where it underflowed, the theory is at +11 decades: that is the gap, saturation."""
    result = simulate(SimConfig.from_dict({"activation": "tanh", "gain": 1e6, **settings}))
    mc, th = result.monte_carlo, result.theory
    stop = mc.stop("backward")   # (the median's, with trials)
    assert stop.reason == "underflow"
    gap = theory_gap(result)
    assert (gap.direction, gap.layer, gap.reason) == ("backward", stop.layer, "saturation")
    assert gap.decades == -math.inf and gap.theory == th.log10_backward_var[stop.layer] > 10
    text = analysis_texts.gap_text(gap)
    assert text.startswith(f"Monte Carlo's float32 gradient underflows at layer {stop.layer}, "
                           f"where the theory puts its variance at {signed(gap.theory, 1)} "
                           "decades")
    assert "nearly every unit is saturated" in text


@pytest.mark.parametrize("settings", [
    {"activation": "relu", "widths": "3x41"},                        # every unit dies
    {"activation": "gelu", "gain": 1000.0, "width": 8, "depth": 40},   # then overflows
])
def test_a_pass_that_died_or_overflowed_is_not_compared_before_it_stopped(settings):
    """A review: compared at the last layer with a value, a narrow relu net read "+1.26
    decades … mean over inputs" the layer before its units all died (a dead draw explains
    any gap), and a gelu net "finite width" right before it overflowed."""
    result = simulate(SimConfig.from_dict({"batch": 64, **settings}))
    mc = result.monte_carlo
    stops = {mc.stop("forward").reason if mc.stop("forward") else None,
             mc.stop("backward").reason if mc.stop("backward") else None}
    assert stops & {"exactly zero variance", "overflow"} and "underflow" not in stops
    assert theory_gap(result) is None


def test_the_readout_shows_the_note(window, plotted):
    window.set_config(SimConfig.from_dict({"activation": "identity", "init": "constant",
                                           "variance": 1.0, "width": 4, "depth": 60,
                                           "batch": 32}))
    plotted(window)
    assert "finite width" in window.dashboard.readout.text()


def test_an_input_forgotten_under_a_pooled_variance_that_stays_up_is_said():
    """A researcher: sigmoid under Xavier read "forward: vanishing slowly, −1.8 over 50
    layers", softplus "stable", while each unit's variance over the batch fell ~1 decade a
    layer (the ordered phase: every input gives nearly the same h^t, the pooled variance held
    up by the units' fixed offsets). tanh (units' means near 0) and relu under He are not
    flagged; nor is a batch of one (no spread over the batch)."""
    import math

    from engine.readout_facts import FORGOTTEN_DECADES, input_forgotten

    sigmoid = input_forgotten(simulate(SimConfig(activation="sigmoid")))
    assert sigmoid is not None and 2 <= sigmoid.layer <= 6
    assert sigmoid.decades == -math.inf and sigmoid.last == 50   # below float32's resolution
    biased = input_forgotten(simulate(SimConfig(activation="tanh", bias_std=0.5)))
    assert biased is not None and 8 <= biased.layer <= 20
    assert -14 < biased.decades < -10 and biased.last == 50
    for quiet in (SimConfig(), SimConfig(activation="relu", init="he"),
                  SimConfig(activation="sigmoid", batch=1)):
        assert input_forgotten(simulate(quiet)) is None
    text = analysis_texts.forgotten_text(biased)
    assert text.startswith(f"from layer {biased.layer} the units vary over the batch "
                           f"{FORGOTTEN_DECADES:g}+ decades less than the pooled variance "
                           f"(−{-biased.decades:.0f} decades at layer 50)")
    assert "at layer 50 no unit varies measurably" in analysis_texts.forgotten_text(sigmoid)
    # relu under He at depth 200: half the units dead (exactly 0) is no forgetting (a median
    # over the units said so), nor is a narrow relu net whose pooled variance falls as well
    for relu in ({"depth": 200}, {"width": 8}):
        assert input_forgotten(simulate(SimConfig.from_dict(
            {"activation": "relu", "init": "he", **relu}))) is None


@pytest.mark.parametrize("values", [{"activation": "identity", "bias_std": 100.0},
                                    {"activation": "linear", "beta": 30.0},
                                    {"activation": "relu", "init": "he", "bias_std": 1.0,
                                     "depth": 300}])
def test_offsets_that_outgrow_a_steady_spread_forget_nothing(values):
    """Re-review: identity with σ_b = 100 read "the input is being forgotten (the ordered
    phase)" at χ₁ = 1: each unit's variance over the batch stays at 1 while the bias offsets
    carry the pooled variance 5 decades past it. The units' own variance must fall too."""
    from engine.readout_facts import input_forgotten

    result = simulate(SimConfig.from_dict({"batch": 64, **values}))
    assert input_forgotten(result) is None


def test_a_single_output_unit_is_said_to_have_no_offsets_to_spread():
    """An audit: nets with one output unit after wider layers read "finite width — one network
    falls below the expectation" at −15 and −3 decades while their trials agreed: a layer of
    one unit varies over the batch alone, without the spread of units' fixed offsets (a bias,
    sigmoid's mean) that the theory's variance counts. A net one unit wide all along is the
    finite-width case still; the forgotten note reads the last layer wider than one."""
    from engine.readout_facts import input_forgotten

    for settings in ({"widths": "64x50, 1", "activation": "selu", "init": "constant",
                      "variance": 0.001, "gain": 2.0, "bias_std": 1.0},
                     {"widths": "64, 64, 64, 1", "activation": "sigmoid", "gain": 0.5}):
        result = simulate(SimConfig.from_dict({**settings, "batch": 64, "trials": 3}))
        gap = theory_gap(result)
        assert gap.reason == "one_unit" and gap.layer == result.config.depth
        assert abs(gap.decades) - gap.explained > GAP_DECADES
        text = analysis_texts.gap_text(gap)
        assert "a layer of one unit: its variance is over the batch alone" in text
        assert "finite width" not in text
    assert theory_gap(simulate(SimConfig.from_dict({"width": 1, "batch": 64}))).reason == \
        "finite_width"
    # far below the theory before its one output already: finite width (a review)
    assert theory_gap(simulate(SimConfig.from_dict(
        {"widths": "8x30, 1", "activation": "relu", "init": "he", "batch": 64, "trials": 3,
         "seed": 1}))).reason == "finite_width"
    forgotten = input_forgotten(simulate(SimConfig.from_dict(
        {"widths": "64x10, 1", "activation": "linear", "alpha": 2.0, "beta": 0.5, "init": "he",
         "mode": "fan_out", "gain": 0.1, "bias_std": 1.0, "batch": 64})))
    assert forgotten.last == 9 and forgotten.decades <= -3   # not "+0.0 at layer 10"


def test_a_sweep_says_where_its_monte_carlo_parts_from_the_theory():
    """A researcher's tour: tanh's sweep to gain 1000 drew the gradient 193 decades below the
    theory, its note silent, where the Network tab says why for one gain."""
    from engine.readout_facts import sweep_gap
    from engine.sweep import sweep, sweep_values

    config = SimConfig.from_dict({"depth": 10, "width": 16, "batch": 16})
    done = sweep(config, "gain", sweep_values("gain", 0.5, 1000, 5))
    gaps = [theory_gap(result) for result in done.results]
    found = sweep_gap(done.values, done.results)
    parted = [v for v, gap in zip(done.values, gaps) if gap is not None]
    assert parted and gaps[0] is None   # (at gain 0.5 the two agree)
    assert (found.count, found.total, found.low, found.high) == (
        len(parted), 5, parted[0], parted[-1])
    # the widest: at gain 1000, where the gradient underflowed hundreds of decades below the
    # theory (nearly every unit saturated); gain 149.5 had it 62 decades below
    assert found.value == 1000 and found.gap.reason == "saturation"
    assert found.gap.decades == gaps[-1].decades < -100
    note = analysis_texts.sweep_note_text("Critical gain 1.1 (dashed)", config, 1.0,
                                          (0.5, 1000.0), [10, 10], gap=found)
    assert (f"The Monte Carlo parts from the theory at {found.count} of 5 gains" in note
            and analysis_texts.gap_text(found.gap) in note)
    calm = sweep(config, "gain", sweep_values("gain", 0.5, 2, 3))
    assert sweep_gap(calm.values, calm.results) is None
