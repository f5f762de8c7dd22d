"""The verdict on a run: is the signal or the gradient stable, vanishing or exploding?

Facts only (kinds, decades, layers, where a pass stopped); `gui.texts` and
`gui.analysis_texts` word them. The verdict
reads the Monte Carlo of a `SimResult` when present, else its theory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .initializers import layer_variances
from .result import Invalid, SimResult, json_number

__all__ = ["SLOW_DECADES_PER_LAYER", "SLOW_TOTAL_DECADES", "STABLE_DECADES", "Trend",
           "Verdict", "input_lost", "trend", "verdict", "verdict_dict"]

# A net whose variance changes by less than this many decades end to end is "stable".
STABLE_DECADES = 1.0
# A change that is within SETTLED_SHARE of its end value from the first SETTLED_WITHIN of the
# layers on happened there (sigmoid's forward variance falls 1.8 decades by layer 2, then holds):
# not a steady rate per layer.
SETTLED_SHARE, SETTLED_WITHIN = 0.1, 0.2
# A vanishing or exploding pass is "slow" under this many decades per layer and this many in
# all (a review: −0.043 decades a layer over 799 layers, −35 decades, had read "slowly").
# A change made by at most this many stretches of layers is said so (`Trend.made_by`).
MADE_BY_STRETCHES = 3
SLOW_DECADES_PER_LAYER = 0.05
SLOW_TOTAL_DECADES = 3.0


@dataclass(frozen=True)
class Trend:
    """How one pass's pooled variance changes across the net.

    `kind` is "stable", "vanishing", "exploding" or "undefined"; `total_decades` is the change
    in log10 variance from where the pass starts (input forward, output backward) to the last
    representable layer, `layers` the number of layers that spans; `invalid` where it stopped.
    A pass that starts at a layer of one value (width 1, batch 1) is measured from its first
    layer with a variance; where its only stop is a layer of one value, they are those of the
    first stretch of layers with a variance ("undefined" without two such layers).
    Where every unit died (exactly zero variance), they are those of the layers before, and
    the kind is theirs: exploding if the variance had risen by STABLE_DECADES, else vanishing.
    `input_lost` (forward) is the first layer whose every unit holds one value for every
    input while the units differ (zero weights with biases: h^t = σ(b^t)): from
    there on the signal says nothing of the input, whatever its variance across units, and
    the kind is vanishing (`total_decades` None, `layers` that layer).
    `settled_in`: where a vanishing or exploding change took place within the pass's first
    SETTLED_WITHIN of its layers (then held to within SETTLED_SHARE of it, and never more
    than half of STABLE_DECADES), that many layers; else None.
    `made_by`: where a vanishing or exploding change was made by a few layers (at most
    SETTLED_WITHIN of them, in at most MADE_BY_STRETCHES stretches), the pass level elsewhere
    as for `settled_in`: those layers t, as stretches (from, to, their decades), the lower
    first; else None. Xavier on 784, 256x49, 10: the backward change is made by layers 1 and
    50 (n_tγ_t = 0.49 and 0.075, 1 at every other); 256x20, 4, 256x29 by the bottleneck's
    t = 20–21; a settled change by its first layers; a stretch may move against the whole
    (−1.9 at t = 1–2, then +0.3 at t = 50).
    `peak`: where the pass goes STABLE_DECADES further from its start than it ends (a
    pyramid under constant γ rises 5.1 decades by t = 11 and falls back to −0.2: "stable"
    end to end), the layer t furthest from the start and how far, (t, decades); else None.
    `norm_decades`, where the pass's first and last layers differ in width (n_start, n_end):
    the change of its squared norm n·Var over the same layers, `total_decades` +
    log10(n_end / n_start). He init keeps a pyramid's (784 … 10) backward norm while the
    variance per unit falls by the widths' ratio (the lecture's n_t γ_t = 1 is per unit).
    """

    direction: str
    kind: str
    total_decades: float | None
    layers: int
    invalid: Invalid | None = None
    input_lost: int | None = None
    settled_in: int | None = None
    norm_decades: float | None = None
    end_widths: tuple[int, int] | None = None   # (n_start, n_end) where `norm_decades` is
    made_by: tuple[tuple[int, int, float], ...] | None = None   # (from t, to t, decades)
    peak: tuple[int, float] | None = None   # (t, decades from the start): a round trip

    @property
    def decades_per_layer(self) -> float | None:
        if self.total_decades is None or self.layers == 0 or math.isinf(self.total_decades):
            return None
        return self.total_decades / self.layers

    @property
    def slow(self) -> bool:
        """A vanishing or exploding pass that changes steadily by under SLOW_DECADES_PER_LAYER
        a layer and SLOW_TOTAL_DECADES in all (not one that settled early, nor a lost input)."""
        rate = self.decades_per_layer
        return (self.invalid is None and rate is not None
                and self.kind in ("vanishing", "exploding") and abs(rate) < SLOW_DECADES_PER_LAYER
                and self.made_by is None and self.peak is None and self.input_lost is None
                and abs(self.total_decades) < SLOW_TOTAL_DECADES)

    @property
    def norm_kept(self) -> bool:
        """A vanishing or exploding variance per unit whose squared norm n·Var changes by
        under half of STABLE_DECADES, and by under half of the variance's change: the widths
        make most of it (a pyramid under He init; 2, 64, 64, 64, 1 under He, +1.2 decades per
        unit and +0.9 of them the norm's, keeps no norm)."""
        norm = self.norm_decades
        return (self.kind in ("vanishing", "exploding") and norm is not None
                and self.total_decades is not None
                and abs(norm) < min(STABLE_DECADES, abs(self.total_decades)) / 2)

    def to_dict(self) -> dict:
        """The stats JSON's facts of this trend (None where there is no number)."""
        return {"kind": self.kind, "total_decades": json_number(self.total_decades),
                "layers": self.layers, "decades_per_layer": json_number(self.decades_per_layer),
                "norm_decades": json_number(self.norm_decades),
                "invalid": self.invalid.to_dict() if self.invalid is not None else None,
                # where the readout says more than the change end to end (a review: these
                # were the window's alone)
                "input_lost": self.input_lost, "settled_in": self.settled_in,
                "made_by": None if self.made_by is None else [
                    {"from": a, "to": b, "decades": json_number(d)} for a, b, d in self.made_by],
                "peak": None if self.peak is None else {"layer": self.peak[0],
                                                        "decades": json_number(self.peak[1])}}


@dataclass(frozen=True)
class Verdict:
    """The readout's verdict: the worse of the forward and backward trends."""

    kind: str
    forward: Trend
    backward: Trend
    source: str  # "monte_carlo" or "theory"

    @property
    def slow(self) -> bool:
        """The passes whose kind is the verdict's all change slowly (`Trend.slow`)."""
        same = [t for t in (self.forward, self.backward) if t.kind == self.kind]
        return bool(same) and all(t.slow for t in same)

    def to_dict(self) -> dict:
        """The stats JSON's `summary.verdict`: the window's verdict as facts (a script that
        checks a network before training reads it instead of judging the rows again)."""
        return {"kind": self.kind, "source": self.source, "stable_decades": STABLE_DECADES,
                "forward": self.forward.to_dict(), "backward": self.backward.to_dict()}


def verdict_dict(result: SimResult) -> dict | None:
    """`verdict(result).to_dict()`, None for a result with neither Monte Carlo nor theory."""
    if result.monte_carlo is None and result.theory is None:
        return None
    return verdict(result).to_dict()


def _series(result: SimResult, direction: str) -> tuple[list[float], Invalid | None, str]:
    mc = result.monte_carlo
    if mc is not None:
        values = mc.log10_forward_var if direction == "forward" else mc.log10_backward_var
        invalid = mc.stop(direction)   # with several trials, the median's
        source = "monte_carlo"
    else:
        values = (result.theory.log10_forward_var if direction == "forward"
                  else result.theory.log10_backward_var)
        invalid, source = None, "theory"
    return [float(v) for v in values], invalid, source


def input_lost(result: SimResult) -> int | None:
    """The first layer t ≥ 1 whose every unit holds one value for every input while the
    layer's pooled variance is not zero (see `Trend.input_lost`): a layer of zero weights
    (γ_t = 0), or in the Monte Carlo one whose every unit of the first draw has exactly zero
    variance over the batch. None if there is none."""
    mc, th = result.monte_carlo, result.theory
    if mc is not None:
        pooled = mc.trial_log10_forward_var[0]
    elif th is not None:
        pooled = th.log10_forward_var
    else:
        return None
    widths = np.asarray(result.config.widths)
    lost = np.concatenate([[False], layer_variances(result.config) == 0])   # γ_t, t = 1 … L
    units = mc.unit_log10_forward_var if mc is not None else None
    if units is not None:
        beyond = np.arange(units.shape[1]) >= widths[:, None]   # the NaN padding
        lost |= (np.isneginf(units) | beyond).all(axis=1)
    found = np.flatnonzero(lost[1:] & np.isfinite(pooled[1:]))
    return int(found[0]) + 1 if found.size else None


def trend(result: SimResult, direction: str) -> Trend:
    """The forward ("forward") or backward ("backward") trend of `result`."""
    values, invalid, _ = _series(result, direction)
    lost = input_lost(result) if direction == "forward" else None
    if lost is not None and (invalid is None or invalid.layer > lost):
        return Trend(direction, "vanishing", None, lost, input_lost=lost)
    order = values if direction == "forward" else values[::-1]
    # a pass that starts at a layer of one value (its input or output of width 1 over batch
    # 1) is measured from its first layer with a variance
    if order and math.isnan(order[0]) and invalid is not None and any(
            math.isfinite(v) for v in order):
        order = order[next(i for i, v in enumerate(order) if not math.isnan(v)):]
    start = order[0]
    last = None
    for i, v in enumerate(order):
        if math.isnan(v):
            break
        last = i
        if math.isinf(v):
            break
    if invalid is not None and invalid.reason == "one value":
        # A layer of width 1 over one input has no variance (a net with one output and batch
        # 1: its gradient starts there). The trend is that of the first stretch of layers
        # with a variance, which needs two of them.
        known = [math.isfinite(v) for v in order]
        first = known.index(True) if True in known else None
        end = first
        while end is not None and end + 1 < len(order) and known[end + 1]:
            end += 1
        if first is None or end == first:
            return Trend(direction, "undefined", None, 0, invalid)
        total = order[end] - order[first]
        return Trend(direction, _kind(total), total, end - first, invalid)
    if invalid is not None and invalid.reason == "exactly zero variance" and last \
            and math.isfinite(start):
        # Every unit died: the trend is the one up to the last layer with a variance. A
        # narrow relu net at gain 10 rises 2 decades a layer for 64 layers, then dies: it was
        # "vanishing (exactly zero variance at layer 65)".
        alive = last if math.isfinite(order[last]) else last - 1
        total = order[alive] - start
        return Trend(direction, "exploding" if total >= STABLE_DECADES else "vanishing", total,
                     alive, invalid)
    if invalid is not None:
        kind = {"overflow": "exploding", "underflow": "vanishing",
                "exactly zero variance": "vanishing"}.get(invalid.reason, "undefined")
        if last and math.isinf(order[last]):   # a median past the draws' overflow (+∞)
            last -= 1                            # or underflow (−∞): the layer before
        total = None if last is None or math.isnan(start) else order[last] - start
        return Trend(direction, kind, total, last or 0, invalid)
    if last is None or math.isnan(start) or math.isinf(start):
        return Trend(direction, "undefined", None, 0)
    total = order[last] - start
    widths = result.config.widths if direction == "forward" else result.config.widths[::-1]
    norm = (total + math.log10(widths[last] / widths[0]) if widths[last] != widths[0]
            and len(order) == len(widths) else None)
    settled = settled_in(order[:last + 1], total)
    runs = [(1, settled)] if settled is not None else made_by(order[:last + 1], total)
    if runs is not None:   # the pass's steps, as the layers t that made them (lower first)
        depth = len(order) - 1
        runs = tuple(sorted(((a, b) if direction == "forward" else
                             (depth - b + 1, depth - a + 1)) + (order[b] - order[a - 1],)
                            for a, b in runs))
    away = np.abs(np.asarray(order[:last + 1], dtype=float) - start)
    far = int(np.argmax(away))
    peak = None
    if math.isfinite(total) and away[far] >= abs(total) + STABLE_DECADES:
        peak = (far if direction == "forward" else len(order) - 1 - far,
                float(order[far] - start))
    return Trend(direction, _kind(total), total, last, settled_in=settled, norm_decades=norm,
                 end_widths=None if norm is None else (widths[0], widths[last]), made_by=runs,
                 peak=peak)


def settled_in(order: list[float], total: float) -> int | None:
    """The layers within which a change of `total` decades took place, if they are at most
    SETTLED_WITHIN of `order`'s (see `Trend.settled_in`)."""
    if not STABLE_DECADES <= abs(total) < math.inf:
        return None
    end, room = order[-1], _level_room(total)
    k = len(order) - 1
    while k > 0 and abs(order[k - 1] - end) <= room:
        k -= 1
    return k if k <= SETTLED_WITHIN * (len(order) - 1) else None


def made_by(order: list[float], total: float) -> list[tuple[int, int]] | None:
    """The steps of `order` (step i: from order[i − 1] to order[i]) that made a change of
    `total` decades, as stretches [(first, last), …], where they are at most SETTLED_WITHIN
    of them in at most MADE_BY_STRETCHES stretches, and the others keep the pass within
    SETTLED_SHARE of the change (never half of STABLE_DECADES) of where it was; else None
    (`Trend.made_by`)."""
    if not STABLE_DECADES <= abs(total) < math.inf:
        return None
    steps = np.diff(np.asarray(order, dtype=float))
    most = int(SETTLED_WITHIN * steps.size)
    if most < 1 or not np.isfinite(steps).all():
        return None
    room = _level_room(total)
    # the largest k steps, for the least k that leaves the others within `room` all along;
    # only a k whose others sum to within `room` can (one cumsum each: depth 10 000 in ~1 ms)
    rank = np.argsort(-np.abs(steps), kind="stable")[:most]
    rest = steps.sum() - np.cumsum(steps[rank])   # the others' sum, the largest k + 1 chosen
    for k in np.flatnonzero(np.abs(rest) <= room):
        chosen = np.zeros(steps.size, dtype=bool)
        chosen[rank[:k + 1]] = True
        if np.abs(np.cumsum(np.where(chosen, 0.0, steps))).max() <= room:
            break
    else:
        return None
    runs: list[list[int]] = []
    for i in np.flatnonzero(chosen).tolist():
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i + 1, i + 1])
    # (a staircase, six narrowings halving the gradient, is a rate: not six places; a dip
    # and its way back is no maker of the change, "−0.0 at t = 11–12": `Trend.peak` says it)
    if len(runs) > MADE_BY_STRETCHES or any(abs(steps[a - 1:b].sum()) <= room
                                             for a, b in runs):
        return None
    return [(a, b) for a, b in runs]


def _level_room(total: float) -> float:
    """How far a pass may stray and still be level, beside a change of `total` decades:
    SETTLED_SHARE of it, never half of STABLE_DECADES (+30 then −3 is no level)."""
    return min(SETTLED_SHARE * abs(total), STABLE_DECADES / 2)


def _kind(total: float) -> str:
    """The kind of a change of `total` decades end to end."""
    if total <= -STABLE_DECADES:
        return "vanishing"
    if total >= STABLE_DECADES:
        return "exploding"
    return "stable"


def verdict(result: SimResult) -> Verdict:
    """Stable / vanishing / exploding, from the Monte Carlo when present, else the theory."""
    fwd, bwd = trend(result, "forward"), trend(result, "backward")
    kinds = {fwd.kind, bwd.kind}
    if fwd.kind == bwd.kind:
        kind = fwd.kind
    elif "exploding" in kinds and "vanishing" in kinds:
        kind = f"forward {fwd.kind}, backward {bwd.kind}"
    else:
        kind = next(k for k in ("exploding", "vanishing", "undefined") if k in kinds)
    return Verdict(kind, fwd, bwd, _series(result, "forward")[2])
