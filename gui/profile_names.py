"""The profile's words: its titles, its legend's names (full and short), its hover text and its
tooltip (English source text in the context "ProfileView", worded by translate when shown)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .i18n import translate
from .texts import activation_name, decades_value, signed_decades

TITLE = QT_TRANSLATE_NOOP("ProfileView", "Variance profile (pooled over batch and units)")
# the titles where the full ones would be too small to read (a narrow window, the lesson open)
SHORT_TITLE = QT_TRANSLATE_NOOP("ProfileView", "Variance profile")
# The title while the solid lines are of older settings than the dashed ones (dimmed).
STALE_TITLES = {
    "computing": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: previous settings' Monte Carlo — "
                                                  "computing…"),
    "cancelled": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: previous settings' Monte Carlo — "
                                                  "cancelled (F5)"),
    "held": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: previous settings' Monte Carlo — "
                                             "long run waits (F5)"),
    # (F5, not "(status bar)": the status bar had moved on, and said nothing, a long-session
    # tour)
    "failed": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: previous settings' Monte Carlo — "
                                               "this one failed (F5 runs it again)"),
}
SHORT_STALE_TITLES = {
    "computing": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: computing…"),
    "cancelled": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: cancelled (F5)"),
    "held": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: long run waits (F5)"),
    "failed": QT_TRANSLATE_NOOP("ProfileView", "Dimmed: failed (F5)"),
}
MC_NAMES = {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward Var[h<sup>t</sup>]"),
            "backward": QT_TRANSLATE_NOOP("ProfileView", "backward Var[∂ℓ/∂h<sup>t</sup>]")}
# short: the tooltip says what each kind of line is, at length
TH_NAMES = {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, theory: expectation, ∞ width"),
            "backward": QT_TRANSLATE_NOOP("ProfileView", "backward, theory: expectation, ∞ width")}
TYPICAL_NAMES = {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, typical run: expected log"),
                 "backward": QT_TRANSLATE_NOOP("ProfileView",
                                               "backward, typical run: expected log")}
# the legend's names where the full ones would be too small to read (a narrow window)
SHORT_NAMES = {
    "monte_carlo": {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, Monte Carlo"),
                    "backward": QT_TRANSLATE_NOOP("ProfileView", "backward, Monte Carlo")},
    "median": {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, median"),
               "backward": QT_TRANSLATE_NOOP("ProfileView", "backward, median")},
    "theory": {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, theory"),
               "backward": QT_TRANSLATE_NOOP("ProfileView", "backward, theory")},
    "typical": {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward, typical run"),
                "backward": QT_TRANSLATE_NOOP("ProfileView", "backward, typical run")},
}


# the rows of the profile's key (`gui.line_key`), where even the short names would be too
# small to read; its columns are the DIRECTIONS
KEY_NAMES = {"monte_carlo": QT_TRANSLATE_NOOP("ProfileView", "Monte Carlo"),
             "median": QT_TRANSLATE_NOOP("ProfileView", "median"),
             "theory": QT_TRANSLATE_NOOP("ProfileView", "theory"),
             "typical": QT_TRANSLATE_NOOP("ProfileView", "typical run")}


def profile_titles(trials: int, stale: str | None) -> tuple[str, str]:
    """The profile's title and its short form: of a result that is not the settings' now
    (`stale`, a key of STALE_TITLES), of one run, or of the median of `trials` draws."""
    if stale is not None:
        return (translate("ProfileView", STALE_TITLES[stale]),
                translate("ProfileView", SHORT_STALE_TITLES[stale]))
    if trials == 1:
        return translate("ProfileView", TITLE), translate("ProfileView", SHORT_TITLE)
    return (translate("ProfileView", "Variance profile: median of {trials} draws, bands "
                                     "10–90 % and min–max").format(trials=trials),
            translate("ProfileView", "Median of {trials} draws, 10–90 %, min–max"
                      ).format(trials=trials))


def mc_name(direction: str, trials: int) -> str:
    """The legend's name of a solid line: one run, or the median of `trials`."""
    name = translate("ProfileView", MC_NAMES[direction])
    if trials > 1:
        return translate("ProfileView", "{name}, median of {trials} draws").format(
            name=name, trials=trials)
    return translate("ProfileView", "{name}, Monte Carlo").format(name=name)


def short_name(kind: str, direction: str) -> str:
    """The short name of a kind of line, in the current language."""
    return translate("ProfileView", SHORT_NAMES[kind][direction])


DIRECTIONS = {"forward": QT_TRANSLATE_NOOP("ProfileView", "forward"),
              "backward": QT_TRANSLATE_NOOP("ProfileView", "backward")}


def hover_text(t: int, lines: dict, pins: list) -> str:
    """The profile's hover readout at layer `t`, one line per direction: `lines[direction]`
    holds the drawn lines' values there ("mc", "theory", "typical": log10 or None), `pins`
    the pinned runs' (number, forward, backward)."""
    rows = [translate("ProfileView", "layer {t}").format(t=t)]
    for direction in ("forward", "backward"):
        values = lines[direction]
        parts = [] if values.get("mc") is None else [decades_value(values["mc"])]
        for kind, words in (("theory", QT_TRANSLATE_NOOP("ProfileView", "theory {value}")),
                            ("typical", QT_TRANSLATE_NOOP("ProfileView", "typical {value}"))):
            if values.get(kind) is not None:
                parts.append(translate("ProfileView", words).format(
                    value=signed_decades(values[kind])))
        if parts:
            rows.append(translate("ProfileView", "{direction}: {values}").format(
                direction=translate("ProfileView", DIRECTIONS[direction]),
                values=translate("ProfileView", "; ").join(parts)))   # (" · " read as ×)
    for number, forward, backward in pins:
        rows.append(translate("ProfileView", "pin {n}: forward {forward}, backward {backward}"
                              ).format(n=number, forward=signed_decades(forward),
                                       backward=signed_decades(backward)))
    return "<br>".join(rows)


def typical_missing_text(reason: str | None, activation: str) -> tuple[str, str]:
    """The legend's entry where the typical run is not drawn, and its short name (a compact
    legend's, a slide's): that it is not, and why (`reason`, as
    `engine.theory.typical_unavailable` says it); an entry without a line had read as a
    line's name (a teacher's tour), and a short "not drawn" without its why as noise on a
    slide (another)."""
    if reason == "bias":
        return (translate("ProfileView",
                          "typical run (dotted): not drawn, exact without bias only"),
                translate("ProfileView", "typical run: without bias only"))
    if reason == "distribution":
        return (translate("ProfileView",
                          "typical run (dotted): not drawn, exact for normal weights only"),
                translate("ProfileView", "typical run: normal weights only"))
    if reason == "activation":
        name = activation_name(activation)
        return (translate("ProfileView", "typical run (dotted): not drawn, no exact form for "
                                         "{activation}").format(activation=name),
                translate("ProfileView", "typical run: none for {activation}").format(
                    activation=name))
    if reason == "beta":
        return (translate("ProfileView",
                          "typical run (dotted): not drawn, exact with β = 0 only"),
                translate("ProfileView", "typical run: β = 0 only"))
    return (translate("ProfileView", "typical run (dotted): not available here"),
            translate("ProfileView", "typical run: not drawn"))


def lines_tooltip(typical: bool) -> str:
    """The profile's tooltip: what each kind of line is (and why the dotted one is missing
    when it is)."""
    lines = [
        translate("ProfileView", "Solid: Monte Carlo, the variance of this network pooled "
                                 "over the batch and the units (the median network when "
                                 "there are several draws)."),
        translate("ProfileView", "Dashed: mean-field theory: the expectation over weights "
                                 "(infinite width)."),
        translate("ProfileView", "Dotted: typical run: the expected log (one network): the "
                                 "mean over the weights and one input of "
                                 "log₁₀(‖h<sup>t</sup>‖²/n<sub>t</sub>), which one input "
                                 "of the median network follows at this width. The dashed "
                                 "line multiplies the layers' expected factors, this one "
                                 "adds their expected logs, so it drifts below with depth; "
                                 "the solid line, pooled over the batch (a mean over "
                                 "inputs), lies between the two on average over networks "
                                 "(one network may stray outside). For relu "
                                 "and leaky relu the units' mean is taken off as at "
                                 "infinite width (relu: × (1 − 1/π)), so that it is a "
                                 "variance like the other lines."),
    ]
    lines.append(translate("ProfileView", "Grey broken lines (dash-dot, long dashes): pinned runs, "
                                          "forward in blue-grey "
                                          "and backward in brown-grey (one legend entry per "
                                          "pin; hover for their values)."))
    if not typical:
        lines.append(translate("ProfileView", "The typical run is exact only with zero "
                                              "bias, normal weights and σ identity, linear "
                                              "(β = 0), relu or leaky relu: not drawn here."))
    return "<p>" + "</p><p>".join(lines) + "</p>"
