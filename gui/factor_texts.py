"""The readout's "Per layer" line: the lecture's factors n_{t−1}γ_t (forward), n_tγ_t
(backward) and χ₁ = n_tγ_t E[σ'²] of each layer, in words (context "texts")."""

from __future__ import annotations

import math
from collections import Counter

from engine.result import SimResult

from .texts import fmt, translate


def _span(values, t_from: int = 1) -> str:
    """A per-layer factor over layers t_from… in words: "1 at every layer"; with up to three
    values that read differently, each with its layers ("1 at 48 of 50 layers, 0.492 at t = 1, 0.0752 at
    t = 50": the ends alone had read "0.492 … 0.0752" for a net whose other 48 layers are 1);
    else its ends and, when they are not its extremes, its range."""
    vals = [float(v) for v in values[t_from:]]
    if not vals:
        return "—"
    finite = [v for v in vals if math.isfinite(v)]
    if finite and len(finite) == len(vals) and max(finite) - min(finite) <= 1e-9 * max(
            abs(max(finite)), abs(min(finite)), 1e-300):
        return translate("texts", "{value} at every layer").format(value=fmt(vals[0]))
    # values told apart as they are shown: 1.00·10⁻⁴ beside 1.00·10⁻⁴ said nothing
    keys = [fmt(v, zeros=True) if not math.isnan(v) else None for v in vals]   # ("0.980")
    tally = Counter(k for k in keys if k is not None)   # (one pass: depth 10 000 too)
    counts = [(n, value) for value, n in tally.most_common()]
    if len(counts) == 1 and counts[0][0] == len(vals):
        return translate("texts", "{value} at every layer").format(value=counts[0][1])
    if len(counts) <= 3 and sum(n for n, _ in counts) == len(vals) and counts[0][0] > 1:
        parts = []
        for n, value in counts:
            if n <= 3:
                ts = [str(t) for t, k in enumerate(keys, t_from) if k == value]
                # "t = 2 and 3, 1.31 at t = 1": "t = 2, 3, 1.31" read as one list (an audit)
                layers = ts[0] if len(ts) == 1 else translate("texts", "{first} and {last}").format(
                    first=translate("texts", ", ").join(ts[:-1]), last=ts[-1])
                parts.append(translate("texts", "{value} at t = {layers}").format(
                    value=value, layers=layers))
            elif not parts:
                parts.append(translate("texts", "{value} at {n} of {total} layers").format(
                    value=value, n=n, total=len(vals)))
            else:
                parts.append(translate("texts", "{value} at {n} layers").format(
                    value=value, n=n))
        return translate("texts", ", ").join(parts)   # (zh: "、", not an ASCII comma)
    last = t_from + len(vals) - 1
    first, final = fmt(vals[0], zeros=True), fmt(vals[-1], zeros=True)   # "0.464 … 0.980"
    text = translate("texts", "{first} (t = {t_first}) … {final} (t = {t_last})").format(
        first=first, t_first=t_from, final=final, t_last=last)   # (zh: full-width brackets)
    inner = [v for v in vals[1:-1] if math.isfinite(v)]   # the layers in between, alone (a
    if inner and (min(inner) < min(vals[0], vals[-1])      # tour: "from 0.066 to 0.748 in
                  or max(inner) > max(vals[0], vals[-1])):   # between" named an end's 0.066)
        text = translate("texts", "{ends}, from {low} to {high} in between").format(
            ends=text, low=fmt(min(inner), zeros=True), high=fmt(max(inner), zeros=True))
    return text


def factors_text(result: SimResult) -> str:
    """The per-layer factors: forward n_{t−1}γ_t, backward n_tγ_t and χ₁ = n_tγ_t E[σ'²]."""
    th = result.theory
    # (zh: "；", a full-width semicolon; the ASCII ";  " stood between Chinese words, a tour)
    text = translate("texts", "{forward};  {backward};  {chi1}").format(
        forward=f"n_{{t−1}}γ_t = {_span(th.factor_forward)}",
        backward=f"n_tγ_t = {_span(th.factor_backward)}",
        chi1=f"χ₁ = n_tγ_t E[σ'(h')²] = {_span(th.chi1)}")
    gain = result.config.gain
    if gain != 1.0:   # else "constant γ = 0.01" beside n·γ = 41 reads as a contradiction
        text += translate("texts", "  (γ_t includes gain² = {square}: the gain multiplies "
                                   "every weight)").format(square=fmt(gain * gain))
    return text
