"""Where a run leaves half precision's range: the lecture's "values beyond the range (∞),
especially severe for 16-bit floats (6e-5 – 6e4)", and "gradients become 0, especially severe
for 16-bit floats".

A layer's typical value is the root mean square of its units' spread, √Var. float16 holds
numbers up to 65 504 (beyond: ∞) and normal numbers down to 6.1·10⁻⁵ (below: fewer digits,
and 0 below 6·10⁻⁸). The app's levels are absolute (x ~ N(0, 1), ∂ℓ/∂h^L ~ N(0, 1)), so a
pass leaves the range where its log₁₀ variance passes twice the log₁₀ of those limits:
+9.63 and −8.43 decades. A unit's mean (sigmoid's 1/2) only adds to a value: a spread below
the smallest normal number is lost in float16 at any mean.
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
    whose level is beyond float16's range: `side` "overflow" (above +9.63 decades) or
    "underflow" (below −8.43); `decades` its level."""

    direction: str
    layer: int
    side: str
    decades: float


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
    for direction, layers in (("forward", range(1, depth + 1)),
                              ("backward", range(depth - 1, -1, -1))):
        levels = np.asarray(getattr(source, f"log10_{direction}_var"), dtype=float)
        for t in layers:
            level = float(levels[t])
            if math.isfinite(level) and not lo <= level <= hi:
                found.append(Float16Exit(direction, t, "overflow" if level > hi else "underflow",
                                         level))
                break
    return found
