"""The phase diagram's words: the phases, its title, a grid point's and the network's hover
texts (`engine.phase`'s facts).

Like `gui.texts` (whose helpers and tables it uses), every word is English source text in
`translate("texts", …)` (the title's, the regions' and the line's in "PhaseView"), worded in
the window's language each time a function is called, and this module loads no Qt.
"""

from __future__ import annotations

import math

from engine.phase import phase_kind

from .config_texts import setting_number
from .texts import QT_TRANSLATE_NOOP, activation_name, fmt, han_joined, power_of_ten, translate


PHASE_NAMES = {
    "undefined": QT_TRANSLATE_NOOP("texts", "undefined"),
    "critical": QT_TRANSLATE_NOOP("texts", "critical: the edge of chaos"),
    # where the χ₁ > 1 side has no q* (relu, linear): no chaos to border (a teacher's tour)
    "critical_exploding": QT_TRANSLATE_NOOP("texts", "critical: between order and explosion"),
    "ordered": QT_TRANSLATE_NOOP("texts", "ordered: gradients vanish"),
    "exploding": QT_TRANSLATE_NOOP("texts", "exploding: q grows without bound, gradients "
                                            "explode"),
    "chaotic": QT_TRANSLATE_NOOP("texts", "chaotic: gradients explode"),
}


def phase_name(log10_chi1: float, fixed_point: bool = True, beyond: str = "chaotic") -> str:
    """The phase of `engine.phase.phase_kind`, in words; `beyond`: the diagram's χ₁ > 1 side
    (`PhaseDiagram.beyond_line`), which names its critical line."""
    kind = phase_kind(log10_chi1, fixed_point)
    if kind == "critical" and beyond == "exploding":
        kind = "critical_exploding"
    return translate("texts", PHASE_NAMES[kind])


def colour_names(beyond: str) -> dict[str, str]:
    """The names of what the cells' colour may show: χ₁, named by its phases (`beyond`: the
    χ₁ > 1 side, `PhaseDiagram.beyond_line`: relu's is explosion, not chaos, as the title says),
    or the depth scale ξ_c over which two inputs' correlation is forgotten (Schoenholz et al.
    2017, Fig. 1: it diverges on the line)."""
    return {"chi1": translate("PhaseView", "log₁₀ χ₁ (order and explosion)") if beyond ==
            "exploding" else translate("PhaseView", "log₁₀ χ₁ (order and chaos)"),
            "xi_c": translate("PhaseView", "correlation depth scale")}


def phase_titles(colour: str, beyond: str) -> tuple[str, str]:
    """The phase diagram's title, and its short form where the full one would shrink (at 1024
    pixels beside the lesson it was ~7 px high): of its `colour` ("xi_c" or χ₁) and, for χ₁,
    of what lies beyond its critical line (`PhaseDiagram.beyond_line`)."""
    if colour == "xi_c":
        return (translate("PhaseView", "Depth scale ξ<sub>c</sub>: the layers over which two "
                                       "inputs' correlation is forgotten"),
                translate("PhaseView", "Depth scale ξ<sub>c</sub>"))
    if beyond == "exploding":   # relu, linear: no q*, no chaos beyond the line (a teacher)
        return (translate("PhaseView", "Order and explosion: log₁₀ χ₁ at the fixed point q*, "
                                       "or in its limit where there is none"),
                translate("PhaseView", "Order and explosion: log₁₀ χ₁"))
    short = translate("PhaseView", "Order and chaos: log₁₀ χ₁")
    if beyond == "mixed":   # elu: a q* near the line only
        return (translate("PhaseView", "Order and chaos: log₁₀ χ₁ at the fixed point q*, or "
                                       "in its limit where there is none"), short)
    return translate("PhaseView", "Order and chaos: log₁₀ χ₁ at the fixed point q*"), short


def phase_point_text(sigma_w2: float, sigma_b2: float, log10_chi1: float, xi_c: float,
                     homogeneous: bool = False, where: str = "", beyond: str = "chaotic") -> str:
    """The phase diagram's hover text of one grid point of a σ positively `homogeneous` or
    not (`where`: which χ₁ it is, e.g. "at q*", "" to say nothing; `beyond`: as
    `phase_name`'s)."""
    if math.isnan(xi_c) and homogeneous:
        # relu-like σ: no q* > 0 off the line, every q on it (a researcher's tour: relu with
        # He read "no fixed point", its q_t constant on the profile; a review: gelu's ★ read
        # this too, keyed to the diagram's "exploding" side, not to σ)
        depth = translate("texts", "no depth scale ξ_c: without a bias (or as q → ∞) the "
                                   "correlation map is the same at every q, and two inputs' "
                                   "correlation is not forgotten exponentially")
    elif math.isnan(xi_c):
        depth = translate("texts", "ξ_c undefined (no fixed point q* > 0)")
    elif math.isinf(xi_c):
        depth = translate("texts", "ξ_c = ∞ (on the critical line)")
    else:
        depth = translate("texts", "ξ_c = {xi_c} layers").format(xi_c=fmt(xi_c))
    if where:
        text = translate("texts", "σ_w² = {weight_variance}, σ_b² = {bias_variance}:  "
                                  "χ₁ ({where}) = {chi} ({phase});  {depth}")
    else:
        text = translate("texts", "σ_w² = {weight_variance}, σ_b² = {bias_variance}:  χ₁ = {chi} "
                                  "({phase});  {depth}")
    return text.format(weight_variance=fmt(sigma_w2), bias_variance=fmt(sigma_b2), where=where,
                       chi=power_of_ten(log10_chi1),
                       phase=phase_name(log10_chi1, fixed_point=not math.isnan(xi_c),
                                        beyond=beyond),
                       depth=depth)


def network_point_text(point, beyond: str = "chaotic") -> str:
    """What the diagram says at the network's ★ (an engine.phase.NetworkPoint): χ₁ at q*, or
    in the limit the map's q goes to where it has no q* > 0; with unequal hidden widths, that
    the gradient's factor per layer is another (`beyond`: as `phase_name`'s). The other views
    are named by what they show, not by their tabs: an exported figure has none (a researcher's
    tour: "the Network tab's verdict" under a paper's figure)."""
    where = {"finite": translate("texts", "at q*"),
             "zero": translate("texts", "as q → 0"),
             "infinite": translate("texts", "as q → ∞"),
             "any": translate("texts", "the same at every q")}[point.fixed_point]
    # (a tour: depth 1 has no hidden layers; its ★ is its one layer's)
    text = alone = (translate("texts", "★ this network's layers: {point}") if point.all_layers
                    else translate("texts", "★ this network's hidden layers: {point}")).format(
        point=phase_point_text(point.sigma_w2, point.sigma_b2, point.log10_chi1, point.xi_c,
                               point.homogeneous, where=where, beyond=beyond))
    if point.layers_differ():   # (a tour: 1.6, 0.667, 1.6 had read "chaotic")
        lo, hi = point.sigma_w2_span
        differ = translate("texts", ". The layers' σ_w² = n_{{t−1}}γ_t differ, from {low} to "
                                    "{high}") if point.all_layers else \
            translate("texts", ". The hidden layers' σ_w² = n_{{t−1}}γ_t differ, from {low} "
                               "to {high}")
        text += differ.format(low=fmt(lo), high=fmt(hi)) + translate(
            "texts", ": the ★ is at their median, and its phase is not the network's; the "
                     "verdict of the network's variance profile and the critical gain of its "
                     "gain sweep count every layer")
    if point.fixed_point == "zero" and phase_kind(point.log10_chi1) == "critical":
        text += translate("texts", ". χ₁ takes this value only in the limit q → 0, which q_t "
                                   "approaches slowly: at finite depth the layers' factors are "
                                   "not yet 1 (the verdict of the network's variance profile), "
                                   "and the network's gain sweep gives its critical gain, every "
                                   "layer counted")
    if not point.equal_widths:
        differ = translate("texts", ". The widths differ") if point.all_layers else \
            translate("texts", ". The hidden widths differ")
        text += differ + translate("texts", ": the diagram is of equal widths, where "
                                            "χ₁ = n_{{t−1}}γ_t E[σ'²] is also the gradient's "
                                            "factor per layer; here that factor is "
                                            "n_tγ_t E[σ'²] (the readout's χ₁)").format()
    # sentences end with a full stop; the point's line alone is a label's (a tour: the last
    # of several sentences had none)
    return text if text == alone else translate("texts", "{sentences}.").format(sentences=text)


def line_text(has_line: bool, jumps_below: float | None = None, everywhere: bool = False,
              edge: bool = False) -> str:
    """What the black line is; `jumps_below`: the σ_b² below which it marks a jump of χ₁ over
    1, drawn dashed (`everywhere`: all of it; `engine.theory.jumps_over_one`; a researcher's
    tour: gelu's line at σ_b² = 0 was "χ₁ = 1", where χ₁ goes from 0.59 to 1.18); `edge`:
    the dotted edge where the fixed point q* ends is drawn (`PhaseDiagram.fixed_point_edge`)."""
    line = _line_words(has_line, jumps_below, everywhere)
    if not edge:
        return line
    return translate("PhaseView", "{line}; dotted, where the fixed point q* ends: right of it q "
                                  "grows without bound, and the colour is χ₁ in its limit"
                     ).format(line=line)


def _line_words(has_line: bool, jumps_below: float | None, everywhere: bool) -> str:
    if not has_line:
        return translate("PhaseView", "no order–chaos line in this range")
    if jumps_below is None:
        return translate("PhaseView", "the black line is χ₁ = 1")
    why = translate("PhaseView", "the fixed point that q reaches from q = 1 is lost there; "
                                 "left of the line q settles at a smaller one (or 0), right of "
                                 "it q grows without bound")
    if everywhere:
        return translate("PhaseView", "the black line, dashed, is where χ₁ jumps over 1: "
                                      "{why}").format(why=why)
    return translate("PhaseView", "the black line is χ₁ = 1; dashed (σ_b² < {b}), where χ₁ "
                                  "jumps over 1: {why}").format(b=fmt(jumps_below), why=why)


def region_names(kind: str, colour: str) -> tuple[str, str, tuple[str, ...]]:
    """The colour bar's label (long and short) and the names of the ordered phase, of the
    χ₁ > 1 side, of the line, of the χ₁ > 1 cells without a fixed point beyond the dotted
    edge (`PhaseDiagram.fixed_point_edge`), and of the χ₁ > 1 side left of that edge, for a
    diagram whose χ₁ > 1 side is `kind` (`PhaseDiagram.beyond_line`): chaotic where it has a
    fixed point q*, else (relu, linear…) exploding, "chaotic or exploding" where it is mixed
    and the edge does not part the row its name is on (a review: elu with a large bias)."""
    bar, beyond = {
        "chaotic": (translate("PhaseView", "log₁₀ χ₁   (below 0: ordered, above 0: chaotic; "
                                           "saturates beyond)"),
                    translate("PhaseView", "chaotic  χ₁ > 1")),
        "exploding": (translate("PhaseView", "log₁₀ χ₁   (below 0: ordered, above 0: exploding; "
                                             "saturates beyond)"),
                      translate("PhaseView", "exploding  χ₁ > 1")),
        "mixed": (translate("PhaseView", "log₁₀ χ₁   (below 0: ordered, above 0: chaotic, or "
                                         "exploding where there is no q*; saturates "
                                         "beyond)"),
                  translate("PhaseView", "chaotic or exploding  χ₁ > 1")),
        # linear with α = 0: χ₁ = 0 everywhere
        "none": (translate("PhaseView", "log₁₀ χ₁   (below 0: ordered; no χ₁ > 1 in this "
                                        "range; saturates beyond)"),
                 translate("PhaseView", "χ₁ > 1")),
    }[kind]
    short = translate("PhaseView", "log₁₀ χ₁")
    if colour == "xi_c":
        # (the grey's meaning in the short one too: the long one did not fit a bar at
        # 1366 × 768 in Chinese, and the grey cells were unexplained, a researcher's tour)
        bar = translate("PhaseView", "log₁₀ ξ<sub>c</sub> (layers; ∞ on the line, "
                                     "saturates beyond; grey: no q* > 0)")
        short = translate("PhaseView", "log₁₀ ξ<sub>c</sub> (layers; grey: no q* > 0)")
    names = (translate("PhaseView", "ordered  χ₁ < 1"), beyond, "χ₁ = 1",
             translate("PhaseView", "exploding  χ₁ > 1"), translate("PhaseView",
                                                                     "chaotic  χ₁ > 1"))
    return bar, short, names


def diagram_status(activation: str, line: str, use: str) -> str:
    """The status under the diagram of `activation`: what its `line` is (`line_text`), and
    how to hover and click it ("click"; "click_all": a network of one or two layers, whose
    point is of every layer; "zeros": the init puts the network at σ_w² = 0, so a click sets
    the bias only) or, under a figure ("figure"), neither."""
    if use == "figure":
        return han_joined(translate("PhaseView", "Phase diagram of {activation}: {line}.").format(
            activation=activation_name(activation), line=line))
    if use == "zeros":
        return han_joined(translate(
            "PhaseView", "Phase diagram of {activation}: {line}; hover for χ₁ and the depth "
                         "scale ξ_c. Init zeros puts the network at σ_w² = 0 whatever the "
                         "gain: a click sets only the bias std."
        ).format(activation=activation_name(activation), line=line))
    if use == "click_all":
        return han_joined(translate(
            "PhaseView", "Phase diagram of {activation}: {line}; hover for χ₁ and the depth "
                         "scale ξ_c, click to set gain and bias std there (σ_w² of its layers)."
        ).format(activation=activation_name(activation), line=line))
    return han_joined(translate(
        "PhaseView", "Phase diagram of {activation}: {line}; hover for χ₁ and the depth scale "
                     "ξ_c, click to set gain and bias std there (σ_w² of the hidden layers)."
    ).format(activation=activation_name(activation), line=line))


def chosen_note(gain: float | None, bias: float, clamped: tuple | None = None) -> str:
    """What a click on the diagram set: the gain and bias std (`gain` None: init zeros, the
    gain kept), or the gain clamped to the control's range `clamped` (lo, hi); numbers as the
    settings are written (10⁶, not 1e+06)."""
    if gain is None:
        return translate("PhaseView", "Phase diagram: bias std {bias}; the gain is kept (init "
                                      "zeros: σ_w² is 0 at every gain)").format(
            bias=setting_number(bias))
    if clamped is not None:
        return translate("PhaseView", "Phase diagram: that point needs a gain outside the "
                                      "control's range {lo}…{hi}; gain clamped to {gain}, bias "
                                      "std {bias}"
                         ).format(lo=setting_number(clamped[0]), hi=setting_number(clamped[1]),
                                  gain=setting_number(gain), bias=setting_number(bias))
    return translate("PhaseView", "Phase diagram: gain {gain}, bias std {bias}").format(
        gain=setting_number(gain), bias=setting_number(bias))
