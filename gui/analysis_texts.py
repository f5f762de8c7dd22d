"""The words of the sweep tab: the critical gain, the sweep's note and status; and the
readout's notes on why the Monte Carlo and the theory differ (the phase diagram's words are
`gui.phase_texts`, the Jacobian spectrum's `gui.spectrum_texts`).

Like `gui.texts` (whose helpers and tables it uses), every word is English source text in
`translate("texts", …)`, worded in the window's language each time a function is called, and
this module loads no Qt.
"""

from __future__ import annotations

import math

from engine.sweep import DEFAULT_SAMPLES
from engine.config_fields import MAX_GAIN, MIN_GAIN
from engine.critical_gain import critical_input_level, ends_differ
from engine.readout_facts import FORGOTTEN_DECADES

from .config_texts import network_text, setting_number
from .texts import DIRECTIONS, fmt, signed, translate, word


def critical_gain_definition() -> str:
    """What the network's critical gain is (`engine.critical_gain`)."""
    return translate("texts", "Critical gain: the gain at which, in the mean-field theory of "
                              "this network with every layer counted, the gradient's squared "
                              "norm reaches the input as large as it left the output: the "
                              "input–output Jacobian J has E‖J‖²_F = n_L, i.e. the product over "
                              "the layers t = 1 … L of n_{{t−1}}γ_t·E[σ'²] is 1. With equal "
                              "widths and great depth it is the edge of chaos, χ₁ = 1 at the "
                              "fixed point q*; in a finite network the input's transient and "
                              "unequal widths move it.").format()


def critical_gain_words(critical, busy: bool, held: bool = False
                        ) -> tuple[tuple[str, str], str]:
    """The Sweep tab's critical-gain line label (in full and short: "critical gain 1.18",
    "critical 1.18"; empty while unknown) and the note's sentence about it: `critical` is
    (gain, lowest, highest gain swept, side of a missing one) once known, else None (`busy`:
    the Monte Carlo, whose first job brings it, runs; `held`: it waits for “Run it”)."""
    if critical is not None:
        gain, lo, hi, side = critical
        shown = f"{gain:.3g}"
        label = ((translate("SweepView", "critical gain {gain}").format(gain=shown),
                  translate("SweepView", "critical {gain}").format(gain=shown))
                 if math.isfinite(gain) else ("", ""))
        return label, critical_gain_text(gain, lo, hi, side)
    if busy:
        return ("", ""), translate("SweepView", "The critical gain comes with the Monte "
                                                "Carlo's first gains")
    if held:
        return ("", ""), translate("SweepView", "The critical gain was not computed (the Monte "
                                                "Carlo has not run)")
    return ("", ""), translate("SweepView", "The critical gain was not computed (the Monte "
                                            "Carlo stopped before its first gain)")


def critical_gain_text(critical: float, lo: float, hi: float, side: int = 0) -> str:
    """What the sweep's critical-gain line means, or why it is missing: `side` +1, it lies
    above the largest gain the app takes, −1 below the smallest (a tour: variance 10⁻³⁰ had
    read "at no gain", its critical gain ~6·10¹³), 0 there is none
    (`engine.critical_gain.missing_side`)."""
    if not math.isfinite(critical) and side > 0:
        return translate("texts", "No critical gain up to {gain}, the largest gain the app "
                                  "takes: up to there the gradient's squared norm shrinks "
                                  "across the network").format(gain=fmt(MAX_GAIN))
    if not math.isfinite(critical) and side < 0:
        return translate("texts", "No critical gain down to {gain}, the smallest gain the app "
                                  "takes: down to there the gradient's squared norm grows "
                                  "across the network").format(gain=fmt(MIN_GAIN))
    if not math.isfinite(critical):
        return translate("texts", "No critical gain: at no gain does the gradient's squared "
                                  "norm reach the input unchanged")
    if lo <= critical <= hi:
        text = translate("texts", "Critical gain {gain} (dashed): there the gradient's squared "
                                  "norm reaches the input unchanged (E‖J‖²_F = n_L for the "
                                  "input–output Jacobian J)")
    else:
        text = translate("texts", "Critical gain {gain} — outside the swept range: there the "
                                  "gradient's squared norm reaches the input unchanged "
                                  "(E‖J‖²_F = n_L for the input–output Jacobian J)")
    return text.format(gain=fmt(critical))


def forgotten_text(forgotten) -> str:
    """What an engine.readout_facts.InputForgotten means, in words."""
    if math.isinf(forgotten.decades):
        end = translate("texts", "at layer {last} no unit varies measurably over the batch"
                        ).format(last=forgotten.last)
    else:
        end = translate("texts", "{decades} decades at layer {last}").format(
            decades=signed(forgotten.decades, 1), last=forgotten.last)
    return translate(
        "texts", "from layer {layer} the units vary over the batch {threshold}+ decades less "
                 "than the pooled variance ({end}): each unit's fixed offset holds the variance "
                 "up while every input gives nearly the same h^t — the input is being "
                 "forgotten (two inputs' correlation → 1, the ordered phase)").format(
        layer=forgotten.layer, threshold=f"{FORGOTTEN_DECADES:g}", end=end)


def gap_text(gap) -> str:
    """Why the Monte Carlo and the theory differ (an engine.readout_facts.TheoryGap)."""
    values = {"decades": signed(gap.decades, 1), "layer": gap.layer,
              "direction": word(DIRECTIONS, gap.direction)}
    one_draw = gap.explained == 0   # one trial: no spread to weigh the gap against (a tour)
    if gap.reason == "saturation" and math.isinf(gap.decades):   # (none before it: a tour)
        return translate(
            "texts", "Monte Carlo's float32 gradient underflows at layer {layer}, where the "
                     "theory puts its variance at {theory} decades: nearly every unit is "
                     "saturated (σ' rounds to 0), while the theory's expectation is carried by "
                     "rare unsaturated units that a finite network seldom has").format(
            layer=gap.layer, theory=signed(gap.theory, 1))
    if gap.reason == "saturation":   # (a teacher: "finite width … the typical run" misled)
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}), where its float32 values underflowed: nearly every unit is "
                     "saturated (σ' rounds to 0), while the theory's expectation is carried by "
                     "rare unsaturated units that a finite network seldom has").format(**values)
    if gap.reason == "one_unit":   # (an audit: a net of one output read "finite width")
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}), a layer of one unit: its variance is over the batch alone, "
                     "while the theory's also counts how units' fixed offsets differ, which "
                     "one unit cannot show").format(**values)
    if gap.reason == "finite_width" and not gap.typical:   # (none drawn: a teacher's tour)
        if one_draw:
            return translate(
                "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                         "({direction}): finite width — one network falls below the expectation "
                         "over weights that the theory gives").format(**values)
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}), more than the trials' spread explains: finite width — one "
                     "network falls below the expectation over weights that the theory "
                     "gives").format(**values)
    if gap.reason == "finite_width":
        if one_draw:
            return translate(
                "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                         "({direction}): finite width — one network falls below the expectation "
                         "over weights that the theory gives, toward the typical run"
            ).format(**values)
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}), more than the trials' spread explains: finite width — one "
                     "network falls below the expectation over weights that the theory gives, "
                     "toward the typical run").format(**values)
    if one_draw:
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}): the variance pooled over the batch is a mean over inputs, "
                     "carried by those whose variance decays slowest").format(**values)
    return translate(
        "texts", "Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), "
                 "more than the trials' spread explains: the variance pooled over the batch is "
                 "a mean over inputs, carried by those whose variance decays slowest"
    ).format(**values)


def sweep_note_text(critical: str, network, gain: float | None, swept: tuple[float, float],
                    spans: list[float], lines: bool = False, zeros: bool = False,
                    hatched: bool = False, gains: tuple[float, float] | None = None,
                    gap=None, undefined: float | None = None) -> str:
    """The note under the sweep's maps (or its `lines`): the network swept (an exported image
    says it), the critical gain (`critical`, in words) and the colours (or the 0 line), black
    (`hatched` in the grey-safe scale) where a map shows exactly zero variance (`zeros`), a
    current gain off the swept range, and colour bars whose spans differ (each map saturates
    at its own). Where a critical gain was found, `gains` is it and the edge gain of the
    phase diagram's line (`engine.phase.edge_gain`, NaN: none): the note says the line's gain
    where it differs, and, in a network of unequal end widths, the gradient's level the
    critical gain gives at the input. `gap` (an engine.readout_facts.SweepGap) says where the
    Monte Carlo parts from the theory, and why at the widest gap; `undefined`, the first gain
    whose Monte Carlo has no gradient (its forward pass overflowed)."""
    text = (translate(
        "SweepView", "{critical}.  0 decades is the input's level (forward) and the output "
                     "gradient's (backward).")
        if lines else translate(
        "SweepView", "{critical}.  Colour: log₁₀ variance in decades; 0 is the input's "
                     "level (forward) and the output gradient's (backward).")
    ).format(critical=critical)
    # (the variance is followed in logs, hundreds of decades past float32's range: "a point
    # beyond float32 is left out" misled a teacher, whose depth-500 lines reached −620)
    if zeros:
        if lines:
            zero = translate("SweepView", "A point of exactly zero variance is left out (all "
                                          "units the same value for all inputs: log₁₀ of the "
                                          "variance is −∞).")
        elif hatched:   # (the grey-safe scale's mark, as the Network tab's key says it)
            zero = translate("SweepView", "Black hatched (/): exactly zero variance (all units "
                                          "the same value for all inputs).")
        else:
            zero = translate("SweepView", "Black: exactly zero variance (all units the same "
                                          "value for all inputs).")
        text = translate("SweepView", "{first} {second}").format(first=text, second=zero)
    if undefined is not None:   # (grey cells, a line cut short: a tour asked why)
        none = (translate("SweepView", "From gain {gain} the Monte Carlo has no gradient: the "
                                       "forward pass overflowed float32 (no point on the "
                                       "backward line).") if lines else
                translate("SweepView", "From gain {gain} the Monte Carlo has no gradient: the "
                                       "forward pass overflowed float32 (grey in the backward "
                                       "map)."))
        text = translate("SweepView", "{first} {second}").format(
            first=text, second=none.format(gain=fmt(undefined)))
    if gains is not None and math.isfinite(gains[1]) and fmt(gains[1]) != fmt(gains[0]):
        # (a teacher: the phase diagram put a network with a bias at the line at gain 1.40,
        # the sweep at 1.42; tanh without one, 1 and 1.18)
        # (its first and last layers only where their σ_w² is not the hidden layers': a
        # researcher's tour, 256x51 named them, which change nothing there)
        ends = network is not None and ends_differ(network)
        edge = (translate("SweepView", "The phase diagram's line χ₁ = 1 (endless depth) is at "
                                       "gain {edge}; this network's finite depth, its first and "
                                       "last layers and its input's transient move the "
                                       "critical gain to {critical}.") if ends else
                translate("SweepView", "The phase diagram's line χ₁ = 1 (endless depth) is at "
                                       "gain {edge}; this network's finite depth and its "
                                       "input's transient move the critical gain to "
                                       "{critical}.")).format(
            edge=fmt(gains[1]), critical=fmt(gains[0]))
        text = translate("SweepView", "{first} {second}").format(first=text, second=edge)
    level = critical_input_level(network.widths) if network is not None else 0.0
    if gains is not None and abs(level) >= 0.05:   # ("+0.0 decades" said nothing, a review)
        # (a teacher: at the critical gain 1.15 of 784, 256x49, 10 the gradient's line sat at
        # −1.9, and crossed 0 only near 1.4)
        kept = translate("SweepView", "With n_0 = {first} and n_L = {last} the critical gain "
                                      "keeps the gradient's squared norm, not its variance per "
                                      "unit, which reaches the input {level} decades from the "
                                      "output's level (log₁₀(n_L/n_0)).").format(
            first=network.widths[0], last=network.widths[-1], level=signed(level, 1))
        text = translate("SweepView", "{first} {second}").format(first=text, second=kept)
    if network is not None:
        text = translate("SweepView", "{first} {second}").format(
            first=translate("SweepView", "Network: {network}.").format(
                network=network_text(network)), second=text)
    lo, hi = swept
    if gain is not None and not lo <= gain <= hi:
        outside = translate(   # its line is off the maps: say where it is
            "SweepView", "The current gain {gain} is outside the swept range "
                         "{lo}–{hi}: no line marks it."
        ).format(gain=setting_number(gain), lo=setting_number(lo), hi=setting_number(hi))
        text = translate("SweepView", "{first} {second}").format(first=text, second=outside)
    if gap is not None:
        parts = translate(
            "SweepView", "The Monte Carlo parts from the theory at {count} of {total} gains "
                         "({low}–{high}); at gain {gain}: {why}."
        ).format(count=gap.count, total=gap.total, low=fmt(gap.low), high=fmt(gap.high),
                 gain=fmt(gap.value), why=gap_text(gap.gap))
        text = translate("SweepView", "{first} {second}").format(first=text, second=parts)
    if len(spans) == 2 and spans[0] != spans[1] and not lines:
        differ = translate(
            "SweepView", "The colour bars differ: ±{forward} decades forward, "
                         "±{backward} backward."
        ).format(forward=f"{spans[0]:g}", backward=f"{spans[1]:g}")
        text = translate("SweepView", "{first} {second}").format(first=text, second=differ)
    return text



def sweep_status_text(n: int, total: int, theory_pending: bool, theory_only: bool,
                      lines: bool) -> str:
    """The Sweep tab's status: `n` of `total` gains' Monte Carlo shown, the theory still
    being computed (`theory_pending`: its rows are drawn once all are in), the theory alone
    shown (`theory_only`: an exported image has no mode box), on the maps or the `lines`."""
    if theory_only:
        return (translate("SweepView", "The lines show the mean-field theory only (Monte "
                                       "Carlo: {n} of {total} gains computed)") if lines else
                translate("SweepView", "The maps show the mean-field theory only (Monte "
                                       "Carlo: {n} of {total} gains computed)")
                ).format(n=n, total=total)
    if n == total:   # (not "41 of 41 gains": in an exported figure it read as progress)
        text = translate("SweepView", "Monte Carlo at all {total} gains, one network of {samples} "
                                      "inputs each")
    elif lines and not theory_pending:   # (the lines show the theory apart)
        text = translate("SweepView", "Monte Carlo: {n} of {total} gains (one network of "
                                      "{samples} inputs each)")
    elif theory_pending:
        text = translate("SweepView", "Monte Carlo: {n} of {total} gains (one network of "
                                      "{samples} inputs each); the theory is being computed")
    elif n == 0:   # (no "other" rows: a Cancel before the first gain)
        text = translate("SweepView", "Monte Carlo: {n} of {total} gains (one network of "
                                      "{samples} inputs each); the maps show the theory")
    else:
        text = translate("SweepView", "Monte Carlo: {n} of {total} gains (one network of "
                                      "{samples} inputs each); the other rows show the theory")
    return text.format(n=n, total=total, samples=DEFAULT_SAMPLES)
