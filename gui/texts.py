"""The words the window shows: the translation helpers, the tables of words, numbers for
people, and the dashboard's sentences (markers, the setting's name; the verdict's in
`gui.verdict_texts`, the per-layer factors in `gui.factor_texts`).

They read the facts the engine returns (a `SimResult`, an `engine.verdict.Verdict`, …) and the
fields of a `SimConfig`, and return text. No numerics beyond reading values. The tooltips and
the lecture's formulas are in `gui.help_texts`; the words of the sweep and spectrum tabs
(and the theory gap) in `gui.analysis_texts`, the phase diagram's in `gui.phase_texts`.

Every word is English source text in `translate("texts", …)` (context "texts"), worded in the
window's language each time a function is called. This module loads no Qt (the command line
and the engine's tests import it): `translate` is Qt's `QCoreApplication.translate` once the
window has loaded Qt, and the English source text before. The engine's facts (trend kinds,
invalid reasons, formulas) are English identifiers, mapped to words by the tables below; one
the tables do not know passes through untranslated.
"""

from __future__ import annotations

import math
import re
import sys

import numpy as np

from engine.config import SimConfig
from engine.result import SimResult

from .typeset import superscript




def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate (like PySide6.QtCore's, without loading Qt)."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`QCoreApplication.translate` when Qt is loaded (gui.i18n's translate), else `text`."""
    core = sys.modules.get("PySide6.QtCore")
    if core is None:
        return text
    return core.QCoreApplication.translate(context, text, disambiguation, n)


# Tables of words: English source text, worded by `translate("texts", table[key])` when shown.
RULE_NAMES = {"constant": QT_TRANSLATE_NOOP("texts", "constant γ"),
              "xavier": QT_TRANSLATE_NOOP("texts", "Xavier"),
              "he": QT_TRANSLATE_NOOP("texts", "He"),
              "lecun": QT_TRANSLATE_NOOP("texts", "LeCun"),
              "zeros": QT_TRANSLATE_NOOP("texts", "zeros")}
DIRECTIONS = {"forward": QT_TRANSLATE_NOOP("texts", "forward"),
              "backward": QT_TRANSLATE_NOOP("texts", "backward")}
TREND_KINDS = {"stable": QT_TRANSLATE_NOOP("texts", "stable"),
               "vanishing": QT_TRANSLATE_NOOP("texts", "vanishing"),
               "exploding": QT_TRANSLATE_NOOP("texts", "exploding"),
               "undefined": QT_TRANSLATE_NOOP("texts", "undefined")}
# Why a pass stops being representable (engine.result.Invalid.reason, before any ":").
INVALID_REASONS = {"overflow": QT_TRANSLATE_NOOP("texts", "overflow"),
                   "underflow": QT_TRANSLATE_NOOP("texts", "underflow"),
                   "exactly zero variance": QT_TRANSLATE_NOOP("texts", "exactly zero variance"),
                   "not a number": QT_TRANSLATE_NOOP("texts", "not a number"),
                   "one value": QT_TRANSLATE_NOOP("texts", "one value"),
                   "undefined": QT_TRANSLATE_NOOP("texts", "undefined")}
DISTRIBUTION_NAMES = {"normal": QT_TRANSLATE_NOOP("texts", "normal"),
                      "uniform": QT_TRANSLATE_NOOP("texts", "uniform"),
                      "truncated_normal": QT_TRANSLATE_NOOP("texts", "truncated normal"),
                      "orthogonal": QT_TRANSLATE_NOOP("texts", "orthogonal")}
# the init rules' and distributions' formulas, as their tooltips and Help show them (those with
# words are translated; the others are pure symbols)
RULE_FORMULAS = {
    "constant": QT_TRANSLATE_NOOP("texts", "γ = variance"),
    "xavier": "γ = 2 / (n_in + n_out)",
    "he": QT_TRANSLATE_NOOP("texts",
                            "γ = 2 / ((1 + a²)·fan), a the leaky relu's slope (0 otherwise)"),
    "lecun": "γ = 1 / fan",
    "zeros": QT_TRANSLATE_NOOP("texts", "γ = 0 (every weight 0)"),
}
DISTRIBUTION_FORMULAS = {
    "normal": "N(0, γ)",
    "uniform": "U(−√(3γ), +√(3γ))",
    "truncated_normal": QT_TRANSLATE_NOOP("texts",
                                          "N(0, s²) cut at ±2s, s chosen so the variance is γ"),
    "orthogonal": QT_TRANSLATE_NOOP("texts", "√(γ·max(n_in, n_out)) · Q, Q (semi-)orthogonal"),
}


def word(table: dict[str, str], key: str) -> str:
    """`table[key]` in the window's language; an unknown key (a new engine fact) as it is."""
    text = table.get(key)
    return key if text is None else translate("texts", text)


# Activations whose config name is not how people write them (the others, relu, tanh …, are).
# Source text of the "texts" context; the others are formulas' names (tanh, relu, …), the
# same in every language.
ACTIVATION_LABELS = {"sigmoid_scaled": "4·sigmoid(x) − 2",
                     "leaky_relu": "leaky relu",   # (its name, not the config's identifier)
                     "identity": QT_TRANSLATE_NOOP("texts", "identity"),
                     "linear": QT_TRANSLATE_NOOP("texts", "linear")}


def activation_name(activation: str) -> str:
    """E.g. ``4·sigmoid(x) − 2`` for ``sigmoid_scaled``; ``relu`` for ``relu``; identity and
    linear in the window's language."""
    return translate("texts", ACTIVATION_LABELS.get(activation, activation))


_HAN_SPACE_HAN = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def han_joined(text: str) -> str:
    """`text` without a space between two Chinese characters: a name filled in beside Chinese
    words is spaced for Latin names ("tanh 的相图"), which Chinese ones are not ("仿射的相图",
    a researcher's tour: "仿射 的相图")."""
    return _HAN_SPACE_HAN.sub("", text)


def distribution_name(distribution: str) -> str:
    """E.g. ``truncated normal`` for ``truncated_normal``."""
    text = DISTRIBUTION_NAMES.get(distribution)
    return distribution.replace("_", " ") if text is None else translate("texts", text)


# Why a spectrum could not be computed (engine.spectrum.STOPS), in words.
SPECTRUM_STOPS = {
    "overflow": QT_TRANSLATE_NOOP("texts", "the forward pass overflowed at layer {layer}"),
    "vanished": QT_TRANSLATE_NOOP("texts", "the Jacobian vanished exactly at layer {layer}"),
    "underflow": QT_TRANSLATE_NOOP("texts", "the Jacobian underflowed at layer {layer}: σ' is 0 "
                                            "in float64 for every unit (saturated)"),
    "not a number": QT_TRANSLATE_NOOP("texts", "the Jacobian is not a number at layer {layer}"),
}


def spectrum_stop_text(spectrum) -> str:
    """Why `spectrum` (engine.spectrum.Spectrum) has no singular values, in words."""
    return translate("texts", SPECTRUM_STOPS[spectrum.stop]).format(layer=spectrum.stop_layer)


def overflow_text(layer: int) -> str:
    """Where the forward pass overflowed (what leaves a backward pass undefined; a spectrum's
    stop says it in the same words)."""
    return translate("texts", SPECTRUM_STOPS["overflow"]).format(layer=layer)


def signed_rate(value: float) -> str:
    """A slope in decades per layer: ``−0.030``; one too small for three decimals in powers
    of ten (``−4.3·10⁻⁴``: depth 10 000 had read "−0.000 decades/layer (−4.3 over …)")."""
    if value == 0 or abs(value) >= 0.0005 or not math.isfinite(value):
        return signed(value, 3)
    text = fmt(value).replace("-", "−")
    return text if text.startswith("−") else "+" + text


def signed(value: float, decimals: int) -> str:
    """``+1.81`` / ``−0.040``: fixed decimals, fewer for large values, a true minus sign;
    ``+∞`` / ``−∞`` as `fmt` writes them (Python's "−inf" had shown), "—" for NaN."""
    if not math.isfinite(value):
        return fmt(value) if math.isnan(value) or value < 0 else "+" + fmt(value)
    if abs(value) >= 10:
        decimals = max(decimals - 2, 0)
    return f"{value:+.{decimals}f}".replace("-", "−")


def signed_small(value: float) -> str:
    """`signed` to a tenth, or to the first digit that is not 0 below that (at most three
    decimals; below those "0.0", without a sign: "+0.000" would claim a precision, and a
    "−0.0" read as a change): tanh at gain 10 read "−0.0 over 50 layers", −0.04."""
    for decimals in (1, 2, 3):
        if round(abs(value), decimals) != 0:
            return signed(value, decimals)
    return "0.0"


def fmt(value: float | None, zeros: bool = False) -> str:
    """A number for people: 3 significant digits, scientific when very large or small, without
    trailing zeros ("0.98", "2.5·10⁻⁵", "10¹²": gain 10⁶'s "gain² = 1.00·10¹²", a tour).

    `zeros` keeps the trailing zeros of a rounded decimal ("0.980" for 0.97996, "0.00390"),
    for a number shown beside others of its kind: "0.464 … 0.98" read as two precisions (a
    tour); an exact one stays as it is ("1", "0.05"); a number in powers of ten keeps its
    three digits, exact or not ("1.00·10⁻⁴", "2.50·10⁻⁵")."""
    if value is None or not math.isfinite(value):
        return "—" if value is None or math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0 or 1e-3 <= abs(value) < 9999.5:
        text = f"{value:.3g}"
        # (exact within float64's rounding: 49 · (1/49) is 0.9999999999999999, "1" beside 1)
        if zeros and "e" not in text and not math.isclose(float(text), value, rel_tol=1e-12):
            text = f"{value:#.3g}".rstrip(".")
        # 1000 … 9999 (and 999.7, which rounds to 1000) as whole numbers: "1800", not "1.8e+03"
        return text if "e" not in text else f"{value:.0f}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return times_ten(mantissa if zeros else mantissa.rstrip("0").rstrip("."), int(exponent))


def fmt_log10(log10_value: float) -> str:
    """10^x written as `fmt` writes numbers, also beyond float64: ``5.01·10⁸⁸⁵``."""
    if not math.isfinite(log10_value):
        return power_of_ten(log10_value)   # "—", "∞" or "0"
    if abs(log10_value) < 300:
        return fmt(10.0 ** log10_value)
    exponent = math.floor(log10_value)
    mantissa = f"{10.0 ** (log10_value - exponent):.2f}"
    if mantissa == "10.00":   # rounded up to the next power
        mantissa, exponent = "1.00", exponent + 1
    # without trailing zeros, as `fmt` (a tour: "qₜ = 1.00·10³⁴⁸" beside fmt's "10²⁹⁹")
    return times_ten(mantissa.rstrip("0").rstrip("."), exponent)


def times_ten(mantissa: str, exponent: int) -> str:
    """``2.07·10⁻³⁰`` (``10⁻³⁰`` for a mantissa of "1" or none, ``-10⁶`` for "-1"): Unicode
    superscripts, the same in rich and plain text (rich() reads only 10^{…})."""
    sign, digits = ("-", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
    return sign + (f"{digits}·" if digits not in ("", "1") else "") + "10" + superscript(
        str(exponent).replace("-", "−"))


_E_NOTATION = re.compile(r"^(-?[0-9.]+)e([+-][0-9]+)$")


def power_form(text: str) -> str:
    """``5e-07`` → ``5·10⁻⁷``, ``1e-06`` → ``10⁻⁶``, ``-1.5e+30`` → ``-1.5·10³⁰`` (the sign as
    on the other ticks); any other text unchanged."""
    match = _E_NOTATION.match(text)
    if match is None:
        return text
    mantissa, exponent = match.groups()
    return times_ten(mantissa, int(exponent))


_FORMULA_NUMBER = re.compile(r"(?<![\w.])-?[0-9.]+(?:e[+-][0-9]+)?")


def formula_text(text: str) -> str:
    """An activation's formula (`Activation.formula`, `.derivative`) as the window writes
    numbers: ``-1e+06·x`` → ``−10⁶·x`` (a breaker's tour: the linear σ's title read
    ``σ(x) = -1e+06·x + 0`` beside "σ′(0) = −1.00·10⁶"), a true minus everywhere."""
    return _FORMULA_NUMBER.sub(lambda m: power_form(m.group(0)).replace("-", "−"), text)


# Why the Monte Carlo's maps are still empty: the dashboard's state (`Dashboard.show_cancelled`,
# `show_computing`), as the profile's dimmed title says it of an older run
NO_MONTE_CARLO = {
    "computing": QT_TRANSLATE_NOOP("texts", "Monte Carlo running…"),
    "held": QT_TRANSLATE_NOOP("texts", "No Monte Carlo yet:\nthe run waits for F5"),
    "cancelled": QT_TRANSLATE_NOOP("texts", "No Monte Carlo:\ncancelled (F5 runs it)"),
    "failed": QT_TRANSLATE_NOOP("texts", "No Monte Carlo:\nthe run failed (F5 runs it again)"),
}


def source_word(monte_carlo: bool) -> str:
    """Where a value comes from, as the readouts say it: the Monte Carlo or the theory."""
    return translate("texts", "Monte Carlo") if monte_carlo else translate("texts", "theory")


def per_unit_note(config: SimConfig) -> str:
    """Why a per-unit heatmap is empty, or "" when it is not."""
    if config.batch < 2:
        return translate("texts", "Undefined with batch 1:\na variance over the batch\n"
                                  "needs at least 2 inputs")
    return ""


def per_unit_text(result: SimResult, hatched: bool = False) -> str:
    """Which draw the per-unit heatmaps show when there are several, and what their black and
    dark grey cells are, when they show any ("": none of these); `hatched`: as the grey-safe
    scale draws the black ones (a page printed in grey tells them apart by their hatch
    alone; the dark grey ones are hatched in either scale)."""
    mc = result.monte_carlo
    if mc is None or mc.unit_log10_forward_var is None:
        return ""
    zero = any(np.isneginf(a).any() for a in (mc.unit_log10_forward_var,
                                               mc.unit_log10_backward_var) if a is not None)
    below = any(a.any() for a in (mc.unit_forward_unresolved, mc.unit_backward_unresolved)
                if a is not None)
    parts = []
    if mc.trials > 1:   # the profile's median ends elsewhere than the heatmaps' marker
        parts.append(translate("texts", "the heatmaps and the distribution show the first of "
                                        "{trials} draws").format(trials=mc.trials))
    return translate("texts", "; ").join(filter(None, [*parts, marks_key(zero, below,
                                                                          hatched)]))


def marks_key(zero: bool, below: bool, hatched: bool = False) -> str:
    """What a variance map's black cells (`zero`) and dark grey ones (`below`) are, those it
    shows ("" for none); `hatched` as in `per_unit_text`."""
    parts = []
    if zero:
        # (either cause named: zero weights under sigmoid had read "e.g. relu units", a tour)
        parts.append((translate("texts", "black, hatched /: Var exactly 0, the same value for "
                                         "every input (e.g. relu units dead for the whole "
                                         "batch, or zero weights)") if hatched else
                      translate("texts", "black: Var exactly 0, the same value for every input "
                                         "(e.g. relu units dead for the whole batch, or zero "
                                         "weights)")))
    if below:   # (hatched in either scale: `gui.heatmap_marks`)
        parts.append(translate("texts", "dark grey, hatched \\: a spread around the unit's "
                                        "mean too small for float32 to measure"))
    return translate("texts", "; ").join(parts)


def power_of_ten(log10_value: float) -> str:
    """10^x for people: ``0.0178`` within three decades of 1, ``10^{−37.2}`` beyond, ``10^{5}``
    within 0.1 % of a power of ten (a tour: "χ₁ = 10⁻⁴·⁰" beside "σ_w² = 10⁻⁴"; −4.04 stays
    ``10^{−4.0}``, 9.1·10⁻⁵, a review)."""
    if not math.isfinite(log10_value):
        return fmt(log10_value if math.isnan(log10_value) else
                   (math.inf if log10_value > 0 else 0.0))
    if -3 <= log10_value < 3:
        return fmt(10.0 ** log10_value)
    whole = abs(log10_value - round(log10_value)) < 5e-4
    exponent = f"{round(log10_value)}" if whole else f"{log10_value:.1f}"
    return "10^{" + exponent.replace("-", "−") + "}"


def decades_value(log10_value: float | None) -> str:
    """A log10 value as the hover readouts say it: "−1.23 decades = 0.0589" ("—": none)."""
    if log10_value is None or not math.isfinite(log10_value):
        return "—" if log10_value is None or math.isnan(log10_value) else power_of_ten(log10_value)
    return translate("texts", "{decades} decades = {plain}").format(
        decades=_hundredths(log10_value), plain=power_of_ten(log10_value))


def signed_decades(log10_value: float | None) -> str:
    """A log10 value in a short form beside another: "−7.69" (decades), "0" or "inf" for
    ±∞, "—" when unknown."""
    if log10_value is None or math.isnan(log10_value):
        return "—"
    if not math.isfinite(log10_value):
        return power_of_ten(log10_value)
    return _hundredths(log10_value)


def _hundredths(value: float) -> str:
    """+0.16, −7.69, and 0.00 rather than "−0.00" for −0.004."""
    text = f"{value:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text.replace("-", "−")


def duration_text(seconds: float) -> str:
    """An estimated duration as a person says it: "40 s", "3 min", "1.6 h" (`_unbroken`)."""
    if seconds < 90:
        said = translate("texts", "{n} s").format(n=f"{max(seconds, 1):.0f}")
    elif seconds < 90 * 60:
        said = translate("texts", "{n} min").format(n=f"{seconds / 60:.0f}")
    else:
        said = translate("texts", "{n} h").format(n=f"{seconds / 3600:.1f}")
    return _unbroken(said)


def bytes_text(count: float) -> str:
    """A memory size: "480 MB", "3.1 GB" (powers of 1000, three digits at most; `_unbroken`)."""
    if count >= 1e9:
        return _unbroken(translate("texts", "{n} GB").format(n=f"{count / 1e9:.3g}"))
    return _unbroken(translate("texts", "{n} MB").format(n=f"{max(count / 1e6, 0.1):.3g}"))


def _unbroken(quantity: str) -> str:
    """A number and its unit joined by a no-break space: a wrapped status line had left
    "3.0" at one line's end and "GB" at the next's start (a tour)."""
    return quantity.replace(" ", "\u00a0")


def cost_text(estimate, free: int | None) -> str:
    """A held run's estimate (`engine.cost.Cost`) and the memory available (`free` bytes;
    None: unknown), as the status bar says it."""
    return translate("MainWindow", "This run would take {cost}").format(
        cost=cost_phrase(estimate, free))


def cost_phrase(estimate, free: int | None) -> str:
    """"about 8 min and 151 MB of memory (3.22 GB available)", and ": more than there is,
    it would likely fail" when it needs more than is available."""
    said = translate("MainWindow", "about {time} and {memory} of memory").format(
        time=duration_text(estimate.seconds), memory=bytes_text(estimate.peak_bytes))
    if free is not None:
        said = translate("MainWindow", "{said} ({free} available)").format(
            said=said, free=bytes_text(free))
    if free is not None and estimate.peak_bytes > free:
        said = translate("MainWindow", "{said}: more than there is, it would likely fail"
                         ).format(said=said)
    return said


def share_text(mass: float) -> str:
    """A probability as a percentage that never rounds 99.99 % up to 100 % or 0.01 % to 0."""
    if mass in (0.0, 1.0):
        value = f"{100 * mass:.0f}"
    elif mass >= 0.9995:
        value = "> 99.9"
    elif mass < 0.0005:
        value = "< 0.1"
    else:
        value = f"{100 * mass:.1f}"
    # (Chinese writes no space before %: "73.1%", a teacher's tour)
    return translate("texts", "{value} %").format(value=value)
