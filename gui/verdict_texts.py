"""The verdict's words: each pass's trend ("forward: vanishing, −0.030 decades/layer (−1.5
over 50 layers)") and the headline that joins them, from `engine.verdict`'s facts. Source text
of the context "texts", as `gui.texts`; no Qt loaded here either.
"""

from __future__ import annotations

import math

from engine.verdict import STABLE_DECADES, Trend, Verdict

from .texts import (DIRECTIONS, INVALID_REASONS, TREND_KINDS, QT_TRANSLATE_NOOP, fmt,
                    overflow_text, signed, signed_rate, signed_small, source_word, translate,
                    word)

# The verdict's heading (engine.verdict's kind, in capitals).
VERDICT_NAMES = {
    "stable": QT_TRANSLATE_NOOP("texts", "STABLE"),
    "vanishing": QT_TRANSLATE_NOOP("texts", "VANISHING"),
    "exploding": QT_TRANSLATE_NOOP("texts", "EXPLODING"),
    "undefined": QT_TRANSLATE_NOOP("texts", "UNDEFINED"),
    # every pass of that kind slow (`Trend.slow`: tanh, the fix 4·sigmoid − 2
    # under Xavier): a teacher's tour read the fix's bare "VANISHING" as sigmoid's collapse
    "vanishing slowly": QT_TRANSLATE_NOOP("texts", "VANISHING SLOWLY"),
    "exploding slowly": QT_TRANSLATE_NOOP("texts", "EXPLODING SLOWLY"),
    "forward exploding, backward vanishing":
        QT_TRANSLATE_NOOP("texts", "FORWARD EXPLODING, BACKWARD VANISHING"),
    "forward vanishing, backward exploding":
        QT_TRANSLATE_NOOP("texts", "FORWARD VANISHING, BACKWARD EXPLODING"),
}


def trend_kind_text(trend: Trend) -> str:
    """The kind of `trend` in words, ``vanishing`` or ``vanishing slowly``."""
    kind = word(TREND_KINDS, trend.kind)
    return translate("texts", "{kind} slowly").format(kind=kind) if trend.slow else kind


def trend_text(trend: Trend) -> str:
    """E.g. ``forward: vanishing, −0.030 decades/layer (−1.5 over 50 layers)``."""
    kind = trend_kind_text(trend)
    rate = trend.decades_per_layer
    head = translate("texts", "{direction}: {kind}").format(
        direction=word(DIRECTIONS, trend.direction), kind=kind)
    if trend.input_lost is not None:
        return translate("texts", "{head} (the input is lost at layer {layer}: every unit holds "
                                  "one value for every input)").format(
            head=head, layer=trend.input_lost)
    if trend.invalid is not None:
        reason = trend.invalid.kind
        # the rate before every unit died, where it made the kind (not a slight rise that
        # would read "vanishing, +0.024 decades/layer")
        if reason == "exactly zero variance" and rate is not None and math.isfinite(rate) \
                and abs(trend.total_decades) >= STABLE_DECADES:
            return translate("texts", "{trend}, then {reason} at layer {layer}").format(
                trend=_with_rate(head, trend), reason=word(INVALID_REASONS, reason),
                layer=trend.invalid.layer)
        if reason == "one value":
            one = translate("texts", "one value at layer {layer}, width 1 × batch 1, "
                                     "has no variance").format(layer=trend.invalid.layer)
            if trend.total_decades is None:
                return translate("texts", "{head} ({reason})").format(head=head, reason=one)
            return translate("texts", "{trend}; {reason}").format(
                trend=_with_rate(head, trend), reason=one)
        if reason == "undefined":   # where the forward pass overflowed
            return translate("texts", "{head} ({reason})").format(
                head=head, reason=overflow_text(trend.invalid.overflow_layer))
        return translate("texts", "{head} ({reason} at layer {layer})").format(
            head=head, reason=word(INVALID_REASONS, reason), layer=trend.invalid.layer)
    if trend.total_decades is not None and math.isinf(trend.total_decades):
        return translate("texts", "{head} (exactly zero variance)").format(head=head)
    if rate is None:
        return head
    text = _with_rate(head, trend)
    if trend.peak is not None:   # a round trip ("stable" end to end, 5 decades away between)
        text = translate("texts", "{trend}, though {decades} decades from its start at "
                                  "t = {layer}").format(
            trend=text, decades=signed(trend.peak[1], 1), layer=trend.peak[0])
    if trend.norm_kept:   # a pyramid under He init (a practitioner's tour)
        return translate("texts", "{trend}, while its squared norm n·Var changes only {norm} "
                                  "decades: the widths {start} → {end} make the rest").format(
            trend=text, norm=signed_small(trend.norm_decades),
            start=trend.end_widths[0], end=trend.end_widths[1])
    return text


def _with_rate(head: str, trend: Trend) -> str:
    """``{head}, −0.030 decades/layer (−1.5 over 50 layers)``, or where the change took place
    in the first few layers, ``{head}, −1.8 decades within its first 2 layers, then level (50
    layers)``: sigmoid's forward variance read "vanishing slowly, −0.035 decades/layer"; or
    where other layers made it, the pass level elsewhere, ``{head}, −1.2 decades, made at
    t = 20–21, level elsewhere (49 layers)`` or ``{head}, −1.4 decades in all (−0.3 at t = 1;
    −1.1 at t = 50), level elsewhere (50 layers)`` (a teacher's and an audit's tours)."""
    total = total_text(trend) if trend.total_decades is not None else ""
    if trend.settled_in is not None and trend.direction == "forward":
        text = (translate("texts", "{head}, {total} decades within its first layer, then "
                                   "level ({n} layers)") if trend.settled_in == 1 else
                translate("texts", "{head}, {total} decades within its first {k} layers, then "
                                   "level ({n} layers)"))
        return text.format(head=head, total=total, k=trend.settled_in, n=trend.layers)
    if trend.made_by is not None:   # (a backward pass's first layer is t = L: named so)
        if len(trend.made_by) == 1:
            return translate("texts", "{head}, {total} decades, made at {layers}, level "
                                      "elsewhere ({n} layers)").format(
                head=head, total=total, layers=made_by_text(trend)[0], n=trend.layers)
        return translate("texts", "{head}, {total} decades in all ({parts}), level elsewhere "
                                  "({n} layers)").format(
            head=head, total=total, parts=made_by_parts(trend), n=trend.layers)
    if trend.layers == 1:   # no rate: "stable, −0.400 decades/layer" read as a contradiction
        # beside depth 50's "vanishing slowly, −0.041 decades/layer" (a GUI tour)
        return translate("texts", "{head}, {total} decades over its one layer").format(
            head=head, total=total_text(trend, beside_rate=True))
    else:
        text = translate("texts", "{head}, {rate} decades/layer ({total} over {n} layers)")
    return text.format(head=head, rate=signed_rate(trend.decades_per_layer),
                       total=total_text(trend, beside_rate=True), n=trend.layers)


def total_text(trend: Trend, beside_rate: bool = False) -> str:
    """A pass's total in decades as the readout says it: to a tenth (beside a rate, to its
    first digit that is not 0: `signed_small`), with more decimals at the stable band's edge
    (`_total`)."""
    value = trend.total_decades
    return _total(value, signed_small(value) if beside_rate else signed(value, 1))


def made_by_parts(trend: Trend) -> str:
    """Each stretch of `Trend.made_by` with its decades: "−0.3 at t = 1; −1.1 at t = 50"."""
    return translate("texts", "; ").join(
        translate("texts", "{decades} at {layers}").format(decades=signed(decades, 1),
                                                           layers=layers)
        for (_, _, decades), layers in zip(trend.made_by, made_by_text(trend)))


def made_by_text(trend: Trend) -> list[str]:
    """The stretches of layers that made a pass's change (`Trend.made_by`): "t = 1",
    "t = 48–50"."""
    return [f"t = {a}" if a == b else f"t = {a}–{b}" for a, b, _ in trend.made_by]


def _total(value: float, text: str) -> str:
    """`text`, a pass's total in decades, with more decimals where it would read as the
    stable band's edge, ±STABLE_DECADES, without being on it: +0.96 (stable) and +1.04
    (exploding) had both read "+1.0"."""
    for decimals in (2, 3):
        if abs(float(text.replace("−", "-"))) != STABLE_DECADES or abs(value) == STABLE_DECADES:
            break
        text = signed(value, decimals)
    return text


def verdict_text(verdict: Verdict) -> str:
    """E.g. ``VANISHING — forward: …; backward: … (Monte Carlo)``."""
    source = source_word(verdict.source == "monte_carlo")
    name = f"{verdict.kind} slowly" if verdict.slow else verdict.kind
    kind = VERDICT_NAMES.get(name)
    kind = name.upper() if kind is None else translate("texts", kind)
    return translate("texts", "{verdict} — {forward}; {backward} ({source})").format(
        verdict=kind, forward=trend_text(verdict.forward), backward=trend_text(verdict.backward),
        source=source)


# Where a pass leaves half precision's range, by (direction, `Float16Exit.side`); the
# gradient's "down": its pass goes from the output to the input ("from layer 17" read as 17 … L)
FLOAT16_WORDS = {
    ("forward", "overflow"): QT_TRANSLATE_NOOP(
        "texts", "in half precision the signal is ∞ from layer {layer} (√Var[h^t] passes "
                 "65 504, float16's largest number)"),
    ("forward", "underflow"): QT_TRANSLATE_NOOP(
        "texts", "in half precision the signal loses its digits from layer {layer}, then is 0 "
                 "(√Var[h^t] falls below 6.1·10^{{−5}}, float16's smallest normal number)"),
    ("forward", "merge"): QT_TRANSLATE_NOOP(
        "texts", "in half precision the signal's units are all the same number from layer "
                 "{layer} (√Var[h^t] falls below half the step, {step}, between float16's "
                 "numbers near the units' mean, {mean})"),
    ("backward", "overflow"): QT_TRANSLATE_NOOP(
        "texts", "in half precision the gradient is ∞ from layer {layer} down "
                 "(√Var[∂ℓ/∂h^t] passes 65 504, float16's largest number)"),
    ("backward", "underflow"): QT_TRANSLATE_NOOP(
        "texts", "in half precision the gradient loses its digits from layer {layer} down, "
                 "then is 0 (√Var[∂ℓ/∂h^t] falls below 6.1·10^{{−5}}, float16's "
                 "smallest normal number)"),
}


def float16_text(exits) -> str:
    """Where each pass leaves half precision's range (`engine.number_formats.float16_exits`),
    the lecture's "especially severe for 16-bit floats (6e-5 – 6e4)"; "" where none does."""
    parts = [translate("texts", FLOAT16_WORDS[exit.direction, exit.side]).format(
        layer=exit.layer, mean=fmt(exit.mean), step=fmt(exit.step)) for exit in exits]
    return translate("texts", "{first}; {second}").format(first=parts[0], second=parts[1]) \
        if len(parts) == 2 else "".join(parts)
