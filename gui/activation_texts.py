"""The Activation panel's words: the caption under its plots (the Taylor polynomials or the
lecture's σ drawn beside this one, the share of the pre-activations where σ is nearly
linear, why the range is not to scale or nothing is drawn) and q_t as people read it.
English source text in the context "ActivationView"."""

from __future__ import annotations

import math
from types import SimpleNamespace

from engine.activation_curves import (INVALID_INFINITE, INVALID_NAN, RANGE_CEILING, RANGE_FLOOR,
                                      ActivationCurves)
from engine.lecture_sigmas import LectureCurve

from .help_texts import taylor_text
from .i18n import translate
from .texts import activation_name, fmt, fmt_log10, share_text


def caption_text(c: ActivationCurves, t: int, why: str, lecture: str = "",
                 note: str = "") -> str:
    """The caption for layer t's curves; `why` says why nothing is drawn (empty if drawn);
    `lecture` (`lecture_text`), when the lecture's σ are drawn, replaces the polynomials and
    their band's share; `note` ends it."""
    first, third = taylor_text(_terms(c.terms1)), taylor_text(_terms(c.terms3))
    if lecture:
        polynomials = lecture
    elif first == third:   # relu's, twice over, had read as two different things (a tour)
        polynomials = translate("ActivationView", "The first- and third-order Taylor "
                                                  "polynomials of σ at 0 are the same: {first}."
                                ).format(first=first)
    else:
        polynomials = translate(
            "ActivationView", "Taylor polynomials of σ at 0: first order {first}; third order "
                              "{third}.").format(first=first, third=third)
    if why:
        return _sentences(polynomials, why)
    share = translate(
        "ActivationView", "{share} of the pre-activations of layer {t} lie where the "
                          "first-order polynomial is within 10 % of σ (the shaded band)."
    ).format(share=share_text(c.linear_mass), t=t)
    identity = _identity_text(c)
    text = _sentences(polynomials if lecture else _sentences(polynomials, share), identity)
    if c.q == 0.0 and c.log10_q == -math.inf:
        text = _sentences(text, translate(
            "ActivationView", "Every pre-activation of layer {t} is exactly 0: x is shown "
                              "over ±{w}, where they are a spike at 0."
        ).format(t=t, w=fmt(c.half_width)))
    elif c.range_limited == RANGE_FLOOR:
        text = _sentences(text, translate(
            "ActivationView", "q_t = {q} is too small to draw to scale: x is shown over "
                              "±{w}; the pre-activations spread over only ±4√q_t = ±{spread}."
        ).format(q=q_text(c), w=fmt(c.half_width), spread=fmt_log10(c.log10_own_half_width)))
    elif c.range_limited == RANGE_CEILING:
        text = _sentences(text, translate(
            "ActivationView", "q_t = {q} is too large to draw to scale: x is shown over "
                              "±{w}, across which the density is nearly flat."
        ).format(q=q_text(c), w=fmt(c.half_width)))
    if note:
        text = _sentences(text, note)
    return text


def chosen_range_text(c: ActivationCurves, t: int) -> str:
    """The range of x chosen (not the layer's own ±4√q_t) and how much of layer t's
    pre-activations it holds."""
    return translate("ActivationView", "x is shown over ±{w}, a range chosen: it holds {share} "
                                       "of the pre-activations of layer {t} (±4√qₜ = ±{own})."
                     ).format(w=fmt(c.half_width), share=share_text(c.coverage), t=t,
                              own=fmt_log10(c.log10_own_half_width))   # (beyond float64 too)


def _identity_text(c: ActivationCurves) -> str:
    """The dotted y = x, and whether σ's first order is it (a tour: beside sigmoid's line
    nearly linear over 97.5 % of the pre-activations, nothing said that 1/2 + x/4 is not x)."""
    value, slope_pos, slope_neg = c.first_order
    if value == 0 and slope_pos == slope_neg == 1:
        return translate("ActivationView", "Dotted: y = x, what the lecture asks of σ near 0 "
                                           "(σ(0) = 0, σ′(0) = 1), and σ's first order is it.")
    if slope_pos == slope_neg:
        text = translate("ActivationView", "Dotted: y = x, what the lecture asks of σ near 0 "
                                           "(σ(0) = 0, σ′(0) = 1); σ's first order is not it: "
                                           "σ(0) = {value}, σ′(0) = {slope}.")
    else:   # one-sided slopes at a kink
        text = translate("ActivationView", "Dotted: y = x, what the lecture asks of σ near 0 "
                                           "(σ(0) = 0, σ′(0) = 1); σ's first order is not it: "
                                           "σ(0) = {value}, σ′(0⁺) = {slope}, σ′(0⁻) = {left}.")
    # and how much of the layer it holds for (a lecturer's tour: relu's band covered every
    # pre-activation, its first order being relu itself, as if relu were x everywhere)
    return _sentences(text.format(value=_exact(value, 0.0), slope=_exact(slope_pos, 1.0),
                                  left=_exact(slope_neg, 1.0)),
                      translate("ActivationView", "y = x itself is within 10 % of σ for {share} "
                                                  "of the pre-activations."
                                ).format(share=share_text(c.identity_mass)))


def lecture_text(curves: tuple[LectureCurve, ...], sigma: str,
                 outside: list[str] = ()) -> str:
    """The lecture's σ drawn beside σ (named `sigma`): each one's value and slope at 0, and
    which of them (`outside`, names) lie beyond the view, which is σ's."""
    items = [translate("ActivationView", "{name} has σ(0) = {value}, σ′(0) = {slope}").format(
        name=activation_name(lc.name), value=_exact(lc.value0, 0.0),
        slope=_exact(lc.slope0, 1.0)) for lc in curves]
    text = translate("ActivationView", "Thin lines, beside {sigma}: {items}.").format(
        sigma=sigma, items=translate("ActivationView", "; ").join(items))
    if outside:
        text = _sentences(text, translate(
            "ActivationView", "Outside the view, beyond σ's scale on this range of x: "
                              "{names}.").format(names=translate("ActivationView", ", ").join(
                                  outside)))
    return text


def lecture_off_text(half_width: float) -> str:
    """Why the lecture's σ asked for are not drawn: x's range is too wide for them."""
    return translate("ActivationView", "The lecture's σ are not drawn: over x within ±{w} they "
                                       "are flat at their bounds but for a sliver at 0."
                     ).format(w=fmt(half_width))


def _exact(value: float, wanted: float) -> str:
    """`value` as `fmt` writes it, with more digits where that would read as `wanted` (a
    slope of 0.9999 is not 1), and a true minus."""
    text = fmt(value)
    if value != wanted and text == fmt(wanted):
        text = f"{value:.6g}"
    return text.replace("-", "−")


def q_text(c: ActivationCurves) -> str:
    """q_t for people; beyond float64 (above or below) from the log10 the pass or theory
    tracked (5.01·10⁸⁸⁵, 5.5·10⁻⁶⁰³)."""
    beyond = math.isinf(c.q) or (c.q == 0.0 and math.isfinite(c.log10_q))
    return fmt_log10(c.log10_q) if beyond else fmt(c.q)


def _sentences(first: str, second: str) -> str:
    """Two sentences in a row (English puts a space between them, Chinese none)."""
    return translate("ActivationView", "{first} {second}").format(first=first, second=second)


def invalid_text(reason: str) -> str:
    """Why nothing is drawn, with a {t} placeholder for the layer."""
    if reason == INVALID_NAN:
        return translate("ActivationView", "Nothing to draw: the variance of the "
                                           "pre-activations of layer {t} is unknown "
                                           "(not a number).")
    if reason == INVALID_INFINITE:
        return translate("ActivationView", "Nothing to draw: the variance of the "
                                           "pre-activations of layer {t} overflows "
                                           "(beyond 10^{{308}}).")
    return translate("ActivationView", "Nothing to draw: the variance of the "
                                       "pre-activations of layer {t} is negative.")


def _terms(pair) -> SimpleNamespace:
    """One-sided Taylor terms in the shape `gui.help_texts.taylor_text` reads."""
    return SimpleNamespace(taylor=pair[0], taylor_neg=pair[1])


def legend_names(key: str) -> tuple[str, str]:
    """A legend entry's full and short names in the current language: the short where the
    full would shrink (at 1024 pixels with the lesson open the Chinese legend had been at
    ~7 px)."""
    return {
        "taylor1": (translate("ActivationView", "Taylor at 0, first order"),
                    translate("ActivationView", "Taylor, 1st order")),
        "taylor3": (translate("ActivationView", "Taylor at 0, third order"),
                    translate("ActivationView", "Taylor, 3rd order")),
        "density": (translate("ActivationView", "density of h′<sup>t</sup> (scaled)"),
                    translate("ActivationView", "density of h′<sup>t</sup>")),
        "region": (translate("ActivationView", "first order within 10 % of σ"),
                   translate("ActivationView", "linear within 10 %")),
    }[key]


def source_text(monte_carlo: bool, held: bool) -> str:
    """Where q_t comes from: the Monte Carlo, else the theory (`held`: a Monte Carlo is shown
    that cannot represent it)."""
    if monte_carlo:
        return translate("ActivationView", "from the Monte Carlo")
    if held:
        return translate("ActivationView", "from the mean-field theory (the Monte Carlo "
                                           "cannot represent it here)")
    return translate("ActivationView", "from the mean-field theory")
