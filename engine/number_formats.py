"""Where a run leaves half precision's range: the lecture's "values beyond the range (∞),
especially severe for 16-bit floats (6e-5 – 6e4)", and "gradients become 0, especially severe
for 16-bit floats".

A layer's typical value is the root mean square of its units' spread, √Var. float16 holds
numbers up to 65 504 (beyond: ∞) and normal numbers down to 6.1·10⁻⁵ (below: fewer digits,
and 0 below 6·10⁻⁸). The app's levels are absolute (x ~ N(0, 1), ∂ℓ/∂h^L ~ N(0, 1)), so a
pass leaves the range where its log₁₀ variance passes twice the log₁₀ of those limits:
+9.63 and −8.43 decades. Where the units share a mean (sigmoid's 1/2) their spread is lost
sooner: float16's numbers near 1/2 are 4.9·10⁻⁴ apart, and a spread below half that step
leaves every unit the same number ("merge").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .result import SimResult

FLOAT16 = np.finfo(np.float16)
# log₁₀ of the variance at which √Var is float16's smallest normal and its largest number
FLOAT16_LEVELS = (2 * math.log10(float(FLOAT16.smallest_normal)),
                  2 * math.log10(float(FLOAT16.max)))


@dataclass(frozen=True)
class Float16Exit:
    """The first layer of a pass, in the pass's order (forward 1 → L, backward L − 1 → 0),
    whose level is beyond float16's range: `side` "overflow" (above +9.63 decades),
    "underflow" (below −8.43) or "merge" (√Var below half the step between float16's numbers
    near the units' mean, `mean`, where that step is the larger: `step`); `decades` its
    level."""

    direction: str
    layer: int
    side: str
    decades: float
    mean: float = 0.0
    step: float = math.nan


def _half_step(mean: float) -> float:
    """Half the step between float16's numbers at |mean| (0 where float16 has no such
    number: beyond its range)."""
    if not math.isfinite(mean) or abs(mean) > float(FLOAT16.max):
        return 0.0
    near = np.float16(abs(mean))
    # (the step below: above the largest number, 65504, is ∞; a mean that rounds to it had
    # read "half the step, ∞" with an overflow warning, a long-session tour)
    return float(near - np.nextafter(near, np.float16(0))) / 2 if near == FLOAT16.max \
        else float(np.spacing(near)) / 2


def float16_exits(result: SimResult) -> list[Float16Exit]:
    """Where each pass of `result` (its Monte Carlo, or without one its theory) leaves
    float16's range, forward first; nothing for a pass that stays within it. Exactly zero
    variance (−∞: all units alike, as zero weights give) is zero in any format, not counted."""
    mc, th = result.monte_carlo, result.theory
    source = mc if mc is not None else th
    if source is None:
        return []
    lo, hi = FLOAT16_LEVELS
    found = []
    depth = result.config.depth
    means = np.asarray(source.forward_mean, dtype=float)
    for direction, layers in (("forward", range(1, depth + 1)),
                              ("backward", range(depth - 1, -1, -1))):
        levels = np.asarray(getattr(source, f"log10_{direction}_var"), dtype=float)
        for t in layers:
            level = float(levels[t])
            if not math.isfinite(level):
                continue
            mean = float(means[t]) if direction == "forward" else 0.0
            step = _half_step(mean)
            merged = step > float(FLOAT16.smallest_normal) and level < 2 * math.log10(step)
            if level > hi or level < lo or merged:
                side = "overflow" if level > hi else "merge" if merged else "underflow"
                found.append(Float16Exit(direction, t, side, level, mean,
                                         2 * step if merged else math.nan))
                break
    return found
