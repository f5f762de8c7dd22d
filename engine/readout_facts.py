"""The readout's notes beside the verdict, as facts: where the Monte Carlo and the theory
differ by more than the trials' spread explains (`theory_gap`), and where every input gives
nearly the same h^t while the pooled variance stays up (`input_forgotten`); `gui.analysis_texts`
words them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import activation_for
from .result import SimResult
from .special_functions import LN10

# The units' spread over the batch this many decades below the pooled variance: the inputs are
# being forgotten (`input_forgotten`).
FORGOTTEN_DECADES = 3.0
# Monte Carlo and theory "differ" when they are further apart than this many decades beyond
# what the ensemble's 10–90 % band explains (half its width; nothing with one trial).
GAP_DECADES = 1.0


@dataclass(frozen=True)
class TheoryGap:
    """Monte Carlo and theory further apart than the ensemble's spread explains.

    `decades` is Monte Carlo − theory at the end of a pass (`layer`: L forward, 0 backward),
    or, where float32 underflowed before it, at the last layer the Monte Carlo had;
    `explained` the part the 10–90 % band of the trials covers (half its width; 0 with one
    trial). `reason` says why: "finite_width" when the Monte Carlo sits below (one network
    falls below the expectation over weights, toward the typical run: the log of a product of
    random factors has a lower mean than the log of their mean), "mean_over_inputs" when it
    sits above (the variance pooled over a batch is a mean over inputs, carried by those whose
    variance decays slowest), "saturation" when a bounded σ's float32 pass underflowed far
    below it (tanh at gain 10⁶: nearly every unit saturated, σ' rounds to 0, while the
    expectation is carried by rare unsaturated units a finite network seldom has), "one_unit"
    when a layer of one unit sits below (its variance is over the batch alone: no spread of
    units' fixed offsets, which the theory's variance counts). A saturated gradient that
    underflowed, where the last layer it had shows no saturation gap of its own, is compared
    where it underflowed: `decades` is −∞ there and `theory` the theory's level (tanh at gain
    10⁶ had read "+1.3 decades … a mean over inputs" one layer before, or nothing).
    """

    direction: str
    layer: int
    decades: float
    explained: float
    reason: str
    typical: bool = True   # the theory has this pass's typical run (exact cases only)
    theory: float = math.nan   # the theory's log₁₀ variance at `layer` (where decades is −∞)


def theory_gap(result: SimResult) -> TheoryGap | None:
    """The larger gap of the two passes between the Monte Carlo and the theory of `result`,
    if one exceeds what the trials' spread explains by more than GAP_DECADES; else None (also
    without both parts or where either value is not finite). A pass is compared at its end,
    or where the Monte Carlo last had a value when float32 underflowed before it."""
    mc, th = result.monte_carlo, result.theory
    if mc is None or th is None:
        return None
    found = None
    for direction, layer in (("forward", -1), ("backward", 0)):
        ours = mc.log10_forward_var if direction == "forward" else mc.log10_backward_var
        zeroed, underflowed = None, False
        if not math.isfinite(ours[layer]):
            # float32 underflowed: the gap where the Monte Carlo last had a value (tanh at
            # gain 10⁶: the gradient underflowed 43 decades below the theory, which goes on
            # to +286, and nothing was said). Not after dead units (a dead draw explains any
            # gap) nor before an overflow (the theory grows at least as fast).
            stop = mc.stop(direction)
            if stop is None or stop.reason != "underflow":
                continue
            zeroed = _saturated_underflow(result, direction, stop.layer)
            layer, underflowed = _last_before_stop(ours, direction), True
        gap = None if layer is None else _compared(result, direction, layer, underflowed)
        if zeroed is not None and (gap is None or gap.reason != "saturation"):
            gap = zeroed   # (not far below the theory the layer before, or none before)
        if gap is not None and (found is None or _excess(gap) > _excess(found)):
            found = gap
    return found


@dataclass(frozen=True)
class SweepGap:
    """Where a sweep's Monte Carlo parts from its theory: at `count` of its `total` values,
    from `low` to `high`; the widest gap, `gap`, at `value`."""

    count: int
    total: int
    low: float
    high: float
    value: float
    gap: TheoryGap


def sweep_gap(values, results) -> SweepGap | None:
    """`theory_gap` over a sweep's values (`results`: their SimResults, Monte Carlo and
    theory), None where none parts (a researcher's tour: tanh at gain 1000 had its gradient
    193 decades below the theory on the Sweep tab, unsaid, while the Network tab said why)."""
    found = [(float(v), gap) for v, result in zip(values, results)
             if (gap := theory_gap(result)) is not None]
    if not found:
        return None
    value, gap = max(found, key=lambda pair: _excess(pair[1]))
    return SweepGap(len(found), len(values), found[0][0], found[-1][0], value, gap)


def _excess(gap: TheoryGap) -> float:
    """How far a gap goes beyond what the trials' spread explains (∞ where one underflowed)."""
    return abs(gap.decades) - gap.explained


def _compared(result: SimResult, direction: str, layer: int,
              underflowed: bool) -> TheoryGap | None:
    """The gap of a pass at `layer` (the last it had, if it `underflowed` after), if it goes
    beyond what the trials' spread explains by more than GAP_DECADES."""
    mc, th = result.monte_carlo, result.theory
    ours = mc.log10_forward_var if direction == "forward" else mc.log10_backward_var
    theirs = th.log10_forward_var if direction == "forward" else th.log10_backward_var
    gap = float(ours[layer]) - float(theirs[layer])
    if not math.isfinite(gap):
        return None
    q10 = mc.log10_forward_var_q10 if direction == "forward" else mc.log10_backward_var_q10
    q90 = mc.log10_forward_var_q90 if direction == "forward" else mc.log10_backward_var_q90
    if q10 is None or q90 is None:   # one trial: no spread
        explained = 0.0
    else:
        band = float(q90[layer]) - float(q10[layer])
        if not math.isfinite(band):   # a dead or unknown draw in the band: it explains any
            return None               # gap, or cannot be told
        explained = band / 2
    if abs(gap) - explained <= GAP_DECADES:
        return None
    saturated = underflowed and gap < 0 and activation_for(result.config).bounded
    typical = (th.typical_log10_forward_var if direction == "forward"
               else th.typical_log10_backward_var)
    one_unit = gap < 0 and _one_unit_without_offsets(result, direction, layer)
    return TheoryGap(direction, layer % len(ours), gap, explained,
                     "saturation" if saturated else "one_unit" if one_unit else
                     "finite_width" if gap < 0 else "mean_over_inputs",
                     typical=bool(np.isfinite(typical).any()))


def _saturated_underflow(result: SimResult, direction: str, layer: int) -> TheoryGap | None:
    """The gap where a bounded σ's gradient underflowed at `layer` while the theory has a
    value there: σ' rounds to 0 in nearly every saturated unit (the pass is rescaled layer by
    layer: only exact zeros make it underflow)."""
    theirs = float(result.theory.log10_backward_var[layer])
    if direction != "backward" or not activation_for(result.config).bounded \
            or not math.isfinite(theirs):
        return None
    return TheoryGap(direction, layer, -math.inf, 0.0, "saturation",
                     typical=bool(np.isfinite(result.theory.typical_log10_backward_var).any()),
                     theory=theirs)


def _one_unit_without_offsets(result: SimResult, direction: str, layer: int) -> bool:
    """Forward layer `layer` is one unit after a wider one whose units have fixed offsets
    (a bias, or a mean E[h^{t−1}] ≠ 0 that each unit's weights sum differently): its variance
    over the batch has no spread of offsets across units, which the theory's counts (an
    audit: a net of one output read "finite width" at −15 decades, the trials agreeing),
    where the layer before is near the theory."""
    widths, th = result.config.widths, result.theory
    t = layer % len(widths)
    if direction != "forward" or widths[t] != 1 or t == 0 or widths[t - 1] == 1:
        return False
    # the wider layer before is near the theory: the one unit makes the gap (relu at width
    # 8 is 5.8 decades below it there already: finite width, a review)
    before = result.monte_carlo.log10_forward_var[t - 1] - th.log10_forward_var[t - 1]
    if not abs(before) < GAP_DECADES:
        return False
    mean, log10_var = th.forward_mean[t - 1], th.log10_forward_var[t - 1]
    # an offset of a tenth of the variance or more (log10 of mean² against the variance)
    with np.errstate(divide="ignore"):
        return result.config.bias_std > 0 or bool(
            2 * np.log10(abs(mean)) >= log10_var - 1 if np.isfinite(log10_var) else False)


def _last_before_stop(values, direction: str) -> int | None:
    """The last layer of a pass's unbroken run of finite values from where it starts (the
    input forward, the output backward), None if that is the start itself."""
    order = range(len(values)) if direction == "forward" else range(len(values) - 1, -1, -1)
    last = None
    for t in order:
        if not math.isfinite(values[t]):
            break
        last = t
    start = 0 if direction == "forward" else len(values) - 1
    return None if last is None or last == start else last


@dataclass(frozen=True)
class InputForgotten:
    """Every input gives nearly the same h^t while the pooled variance stays up.

    The pooled variance is the units' variance over the batch plus the spread of their means.
    Where the first falls FORGOTTEN_DECADES below the whole, the signal's variance is held by
    each unit's fixed offset (σ with a non-zero mean: a unit's mean Σ_j W_ij E[h_j]), and the
    input is being forgotten: two inputs' correlation tends to 1, the ordered phase (Poole et
    al. 2016). `layer` is the first layer where the units' mean variance over the batch is
    that far below the pooled variance and that far below its own peak over the layers before
    (the input-dependent part itself shrinks), `decades` how far below it is at `last`, the last
    layer with a variance (−inf: below float32's resolution around the units' means, or
    exactly 0).
    """

    layer: int
    decades: float
    last: int


def input_forgotten(result: SimResult) -> InputForgotten | None:
    """The first draw's `InputForgotten`, or None (no Monte Carlo, no per-unit variances, or
    no layer that far below; a layer where the pass stopped is not read).

    The units' variance over the batch is their mean (the pooled variance's first part), not
    their median: relu units dead for the whole batch (exactly 0) are half of a deep layer
    under He, at χ₁ = 1, and a median said it forgot its input."""
    mc = result.monte_carlo
    if mc is None or mc.unit_log10_forward_var is None or result.config.batch < 2:
        return None
    units = np.array(mc.unit_log10_forward_var, dtype=float)
    if mc.unit_forward_unresolved is not None:   # below resolution: next to nothing
        units[mc.unit_forward_unresolved] = -np.inf
    pooled = mc.trial_log10_forward_var[0]
    rows = np.flatnonzero(np.isfinite(pooled))
    widths = np.asarray(result.config.widths)[rows]
    kept = units[rows]
    kept[np.arange(kept.shape[1]) >= widths[:, None]] = -np.inf   # narrower layers' padding
    kept[np.isnan(kept)] = -np.inf
    # log10 of the mean of 10^x over a layer's units (log-sum-exp: no overflow; −∞ stays)
    within = np.full(pooled.shape, np.nan)
    within[rows] = np.logaddexp.reduce(kept * LN10, axis=1) / LN10 - np.log10(widths)
    gap = within - pooled   # (−∞ − finite: −∞)
    # ... and that part itself has fallen as far from its peak so far: a bias's offsets can
    # outgrow a spread that stays (identity with σ_b = 100: each unit's variance over the
    # batch stays at 1, χ₁ = 1, while the pooled variance grows 5 decades past it)
    peak = np.fmax.accumulate(np.where(np.isnan(within), -np.inf, within))
    with np.errstate(invalid="ignore"):
        far = np.flatnonzero((gap <= -FORGOTTEN_DECADES)
                             & (within <= peak - FORGOTTEN_DECADES))
    if far.size == 0:
        return None
    # (a layer of one unit has no spread of units' offsets: its gap is 0, an audit read
    # "+0.0 decades at layer 10" beside "3+ decades less"; the last wider layer is said)
    read = ~np.isnan(gap) & (np.asarray(result.config.widths) > 1)
    last = np.flatnonzero(read)[-1] if read.any() else np.flatnonzero(~np.isnan(gap))[-1]
    return InputForgotten(int(far[0]), float(gap[last]), int(last))
