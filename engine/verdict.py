"""The verdict on a run: is the signal or the gradient stable, vanishing or exploding?

Facts only (kinds, decades, layers, where a pass stopped); `gui.texts` words them. The verdict
reads the Monte Carlo of a `SimResult` when present, else its theory.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .result import Invalid, SimResult

__all__ = ["STABLE_DECADES", "Trend", "Verdict", "trend", "verdict"]

# A net whose variance changes by less than this many decades end to end is "stable".
STABLE_DECADES = 1.0


@dataclass(frozen=True)
class Trend:
    """How one pass's pooled variance changes across the net.

    `kind` is "stable", "vanishing", "exploding" or "undefined"; `total_decades` is the change
    in log10 variance from where the pass starts (input forward, output backward) to the last
    representable layer, `layers` the number of layers that spans; `invalid` where it stopped.
    """

    direction: str
    kind: str
    total_decades: float | None
    layers: int
    invalid: Invalid | None = None

    @property
    def decades_per_layer(self) -> float | None:
        if self.total_decades is None or self.layers == 0 or math.isinf(self.total_decades):
            return None
        return self.total_decades / self.layers


@dataclass(frozen=True)
class Verdict:
    """The readout's verdict: the worse of the forward and backward trends."""

    kind: str
    forward: Trend
    backward: Trend
    source: str  # "monte_carlo" or "theory"


def _series(result: SimResult, direction: str) -> tuple[list[float], Invalid | None, str]:
    mc = result.monte_carlo
    if mc is not None:
        values = mc.log10_forward_var if direction == "forward" else mc.log10_backward_var
        invalid = mc.forward_invalid if direction == "forward" else mc.backward_invalid
        source = "monte_carlo"
    else:
        values = (result.theory.log10_forward_var if direction == "forward"
                  else result.theory.log10_backward_var)
        invalid, source = None, "theory"
    return [float(v) for v in values], invalid, source


def trend(result: SimResult, direction: str) -> Trend:
    """The forward ("forward") or backward ("backward") trend of `result`."""
    values, invalid, _ = _series(result, direction)
    order = values if direction == "forward" else values[::-1]
    start = order[0]
    last = None
    for i, v in enumerate(order):
        if math.isnan(v):
            break
        last = i
        if math.isinf(v):
            break
    if invalid is not None:
        kind = {"overflow": "exploding", "underflow": "vanishing",
                "exactly zero variance": "vanishing"}.get(invalid.reason, "undefined")
        total = None if last is None or math.isnan(start) else order[last] - start
        return Trend(direction, kind, total, last or 0, invalid)
    if last is None or math.isnan(start) or math.isinf(start):
        return Trend(direction, "undefined", None, 0)
    total = order[last] - start
    if total <= -STABLE_DECADES:
        kind = "vanishing"
    elif total >= STABLE_DECADES:
        kind = "exploding"
    else:
        kind = "stable"
    return Trend(direction, kind, total, last)


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
