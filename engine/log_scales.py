"""Log scales of a pass's blocks: an array is stored as e^s·â with â of moderate size.

`rescale` brings a block's stored values back near 1 when they drift (every block for a
positively homogeneous σ, the backward pass always). `NearZero` says which blocks of a σ with
σ(0) = 0 that is not homogeneous (tanh, gelu …) may have gone small enough for σ to be its
linear map at 0, where `engine.layer_step` carries them on a log scale too.
"""

from __future__ import annotations

import numpy as np

__all__ = ["CHECK_RMS", "F32_MAX", "NearZero", "RESCALE_HI", "RESCALE_LO", "rescale", "within"]

# Keep stored values of a scaled array between these magnitudes (float32 has ~1e±38).
RESCALE_LO, RESCALE_HI = 1e-6, 1e6
F32_MAX = float(np.finfo(np.float32).max)
# Where a block's h'^t may near `layer_step.TINY_RMS` (10⁶ above it) and is checked.
CHECK_RMS = 1e-4


def within(values: np.ndarray, lo: float, hi: float) -> bool:
    """lo ≤ v < hi for every block's value (False for NaN); one block by Python floats, which
    is several µs a layer less than numpy's comparisons of a one-element array."""
    if values.size == 1:
        return lo <= float(values[0]) < hi
    return bool(((values >= lo) & (values < hi)).all())


def rescale(a3: np.ndarray, s: np.ndarray, second: np.ndarray,
            only: np.ndarray | None = None) -> np.ndarray:
    """Bring each block's stored rms (√`second`, of G × S × n values `a3`) back near 1 where it
    drifted, of the blocks `only` marks when given; returns the new log scales (e^s·a is
    unchanged)."""
    if within(second, RESCALE_LO**2, RESCALE_HI**2):
        return s
    rms = np.sqrt(second)
    drift = (rms > 0) & np.isfinite(rms) & ((rms < RESCALE_LO) | (rms > RESCALE_HI))
    if only is not None:
        drift &= only
    for g in np.flatnonzero(drift):
        left = float(rms[g])
        while left < 1.0 / F32_MAX:   # subnormal values (a gradient through saturated
            a3[g] *= np.float32(2.0**100)   # tanh): 1/rms is beyond float32, ∞ then NaN
            left *= 2.0**100                # (10 steps at most, from float64's least)
        a3[g] *= np.float32(1.0 / left)
    return s + np.log(np.where(drift, rms, 1.0))


class NearZero:
    """The blocks whose h'^t `LayerStep` checks against its `TINY_RMS`, layer by layer.

    Parameters
    ----------
    step : the pass's `LayerStep` (its σ may go over to its linear map at 0: `may_go_linear`).
    widths : n_0 … n_L.
    """

    def __init__(self, step, widths):
        # per layer (L × G): the blocks that may go over, and the rms of h^{t-1} below which
        # h'^t's expected rms, √(n_{t-1}·γ_t)·rms, is below CHECK_RMS
        self.eligible = step.may_go_linear & ~step.exact_zero.T
        with np.errstate(divide="ignore"):   # γ_t = 0: never below (and not eligible)
            self.check_below = CHECK_RMS / (np.exp(step.half_log_gamma.T)
                                            * np.sqrt(np.asarray(widths[:-1]))[:, None])

    @staticmethod
    def true_rms(s: np.ndarray, second: np.ndarray) -> np.ndarray:
        """e^s·√second per block: the rms of values stored with mean square `second`."""
        return np.exp(s) * np.sqrt(second)

    def candidates(self, t: int, s: np.ndarray, rms: np.ndarray) -> np.ndarray | None:
        """Those on a log scale (s ≠ 0) and those whose expected rms is below `CHECK_RMS` (a
        margin of 10⁶ over how far one product's rms falls from the expected), given h^{t-1}'s
        true rms per block; None for none (the usual case: no check, no cost)."""
        found = self.eligible[t - 1] & ((s != 0) | (rms < self.check_below[t - 1]))
        return found if found.any() else None
