"""One layer of the Monte Carlo pass for G stacked blocks: h'^t = √γ_t Z_t h^{t-1} + σ_b ξ_t
and h^t = σ(h'^t), with a log scale per block when σ is positively homogeneous (see
`engine.passes`). The pass runs it in float32; the Jacobian spectrum (`engine.spectrum`)
reuses it in float64.

A σ with σ(0) = 0 that is not homogeneous (tanh, gelu, selu …) is its one-sided linear map
near 0, σ(x) = σ'(0±)·x up to a relative O(|x|) (its Taylor terms, `Activation.taylor`): once a
block's pre-activations are below `TINY_RMS`, float32 cannot tell σ from that map, so the block
is carried on a log scale like a homogeneous σ's, through any number of decades, until it
grows back (a vanishing tanh network no longer underflows float32 after ~60 decades).
"""

from __future__ import annotations

import math

import numpy as np

from .activations import Activation
from .layer_stats import mean_square

__all__ = ["LayerStep", "TINY_RMS"]

# Pre-activations below this rms make σ(x) = σ'(0±)·x in float32 for every σ here (the
# largest relative Taylor term is gelu's 2φ(0)·|x|, under 1e-8 at a few rms).
TINY_RMS = 1e-10


class LayerStep:
    """One layer, h'^t = √γ_t Z_t h^{t-1} + σ_b ξ_t and h^t = σ(h'^t), for G blocks at once.

    Parameters
    ----------
    act : the activation (shared by the blocks).
    gammas : G × L array of γ_t per block.
    bias_std : σ_b per block (G).
    """

    def __init__(self, act: Activation, gammas: np.ndarray, bias_std: np.ndarray):
        self.act = act
        self.scaled = act.homogeneous
        gammas = np.atleast_2d(np.asarray(gammas, dtype=np.float64))
        self.blocks = gammas.shape[0]
        with np.errstate(divide="ignore"):   # γ_t = 0 (init "zeros"): a scale of e^−∞ = 0
            self.half_log_gamma = 0.5 * np.log(gammas)
        self.bias_std = np.asarray(bias_std, dtype=np.float64).reshape(self.blocks)
        self.has_bias = bool(self.bias_std.any())
        # a layer whose pre-activations are exactly 0 (γ_t = 0 and no bias): σ(0), no underflow
        self.exact_zero = (gammas == 0.0) & (self.bias_std == 0.0)[:, None]
        with np.errstate(divide="ignore"):
            self.log_bias = np.log(self.bias_std)
        # √γ_t of layer t per block, shaped to scale a G × S × n array (raw values); a float32
        # copy for the Monte Carlo pass (the spectrum's float64 arrays take the exact values)
        self.sqrt_gamma = np.exp(self.half_log_gamma).T[:, :, None, None]
        self.sqrt_gamma32 = self.sqrt_gamma.astype(np.float32)
        # blocks that may go over to σ's linear map at 0 (σ(0) = 0, no bias to keep h' away)
        self.near_zero_linear = (not self.scaled and act.value0 == 0.0
                                 and 0.0 < act.slope_pos < np.inf and 0.0 < act.slope_neg < np.inf)
        self.may_go_linear = (self.bias_std == 0.0) if self.near_zero_linear \
            else np.zeros(self.blocks, dtype=bool)

    def __call__(self, t: int, h: np.ndarray, s: np.ndarray, w: np.ndarray,
                 bias: np.ndarray | None, out: np.ndarray | None = None, shared: bool = False,
                 candidates: np.ndarray | None = None):
        """Layer t from h^{t-1} = e^s·h (G·S rows, or S rows shared by every block when
        `shared`), standardized (W^t)ᵀ `w` and b^t `bias`. Returns (h'^t stored, its log
        scales, h^t, σ'(h'^t), (h^t)² or None); h'^t is written into `out` when given.

        `candidates` (G bools, of `may_go_linear`): blocks whose h'^t may be below
        `TINY_RMS`, and every block on a log scale (s ≠ 0) when σ is not homogeneous. Their
        product is kept on a log scale; those found below `TINY_RMS` take σ's linear map at 0
        and keep it (their h^t is returned on that scale), the others come back to raw values.
        """
        G = self.blocks
        if self.scaled:
            s_pre = s + self.half_log_gamma[:, t - 1]
            factor = bias_factor = None
            if self.has_bias:
                ref = np.maximum(s_pre, self.log_bias)
                # γ_t = 0 with σ_b = 0 in one block: −∞ − (−∞) would be NaN, the factor is 0
                factor = np.exp(np.where(s_pre == -np.inf, -np.inf, s_pre - ref))
                bias_factor = np.exp(np.where(self.log_bias == -np.inf, -np.inf,
                                              self.log_bias - ref))
                s_pre = ref
        else:
            s_pre = s
            single = h.dtype == w.dtype == np.float32
            factor = (self.sqrt_gamma32 if single else self.sqrt_gamma)[t - 1]
            bias_factor = self.bias_std if self.has_bias else None
            if candidates is not None:   # √γ_t into their log scale (h'^t may be ≪ float32's)
                s_pre = np.where(candidates, s + self.half_log_gamma[:, t - 1], s)
                factor = np.where(candidates.reshape(factor.shape), factor.dtype.type(1), factor)
        if shared and G > 1:   # one product for every block, then scaled per block
            p0 = h @ w
            p = out if out is not None else np.empty((G * h.shape[0], w.shape[1]), p0.dtype)
            p3 = p.reshape(G, h.shape[0], -1)
            np.multiply(p0, _column(factor if factor is not None else np.ones(G), p.dtype),
                        out=p3)
        else:
            p = np.matmul(h, w, out=out)
            p3 = p.reshape(G, -1, p.shape[1])
            if factor is not None:
                p3 *= _column(factor, p.dtype)
        if bias_factor is not None:
            p3 += bias * _column(bias_factor, p.dtype)
        linear = None
        if candidates is not None:
            linear = self._settle(p3, s_pre, candidates)
        if linear is not None and linear.all():
            h_next, slope, sq = self._linear_map(p)
        else:
            h_next, slope, sq = self.act.values_slopes_squares(p)
            if linear is not None:
                h3, slope3 = h_next.reshape(p3.shape), slope.reshape(p3.shape)
                sq3 = sq.reshape(p3.shape) if sq is not None else None
                for g in np.flatnonzero(linear):
                    h3[g], slope3[g], square = self._linear_map(p3[g])
                    if sq3 is not None:
                        sq3[g] = square
        if np.may_share_memory(h_next, p):  # σ returned p itself: keep it from being overwritten
            h_next = h_next.copy()
        return p, s_pre, h_next, slope, sq

    def _settle(self, p3: np.ndarray, s_pre: np.ndarray, candidates: np.ndarray) -> np.ndarray:
        """Which candidate blocks' h'^t = e^s·p3 lie below `TINY_RMS` (they stay on their log
        scale); the others' are brought back to raw values (p3 and `s_pre` changed in place)."""
        linear = np.zeros(self.blocks, dtype=bool)
        for g in np.flatnonzero(candidates):
            rms = math.sqrt(float(mean_square(p3[g:g + 1])[0]))
            if _below(rms, s_pre[g], TINY_RMS):
                linear[g] = True
                if s_pre[g] == 0.0 and rms > 0.0:   # raw values and γ_t = 1: s = ½·ln γ_t = 0
                    # would read as raw values (no rescaling, float32 underflow); an exact
                    # power of two moves the block onto a log scale s ≠ 0
                    k = min(-math.frexp(rms)[1], 120)
                    p3[g] *= p3.dtype.type(2.0 ** k)
                    s_pre[g] = -k * math.log(2.0)
            elif s_pre[g] != 0.0:
                to_raw(p3[g], s_pre[g])
                s_pre[g] = 0.0
        return linear

    def _linear_map(self, p: np.ndarray):
        """σ near 0, σ'(0+)·x for x > 0 and σ'(0−)·x otherwise: (values, slopes, squares)."""
        a_pos, a_neg = (p.dtype.type(a) for a in (self.act.slope_pos, self.act.slope_neg))
        if a_pos == a_neg:
            h = p * a_pos
            slope = np.full_like(p, a_pos)
        else:
            up = p > 0
            h = np.where(up, p * a_pos, p * a_neg)
            slope = np.where(up, a_pos, a_neg).astype(p.dtype)
        return h, slope, h * h


_LOG_FLOAT64_MAX = 709.0   # e^s overflows float64 (OverflowError in math.exp) beyond ~709.78


def to_raw(block: np.ndarray, s: float) -> None:
    """`block` (values on the log scale e^s) brought to raw values, in place: times e^s in its
    own precision where e^s is a number of it, else in float64 (e^s beyond float32 times
    values near its floor is a plain number), ±∞ where the raw value is beyond the block's
    precision and 0 where it was exactly 0 (not ∞ · 0)."""
    scale = math.exp(s) if s < _LOG_FLOAT64_MAX else math.inf
    if scale <= float(np.finfo(block.dtype).max):
        block *= block.dtype.type(scale)
        return
    wide = block.astype(np.float64)
    with np.errstate(over="ignore"):   # beyond float32 (or float64): ±∞, as said
        np.multiply(wide, scale, out=wide, where=wide != 0)
        block[...] = wide


def _below(rms: float, s: float, tiny: float) -> bool:
    """rms · e^s < tiny, where e^s alone may be beyond float64 (a block of exact zeros, or of
    values near float32's floor, on a log scale of e^800: gelu at gain 10⁴, width 1 — a review
    found `math.exp` raising there)."""
    if rms == 0.0:
        return True
    if s < _LOG_FLOAT64_MAX:
        return rms * math.exp(s) < tiny
    return math.log(rms) + s < math.log(tiny)


def _column(per_block: np.ndarray, dtype) -> np.ndarray:
    """Per-block scalars shaped to broadcast over G × S × n, in the arrays' precision."""
    return per_block.astype(dtype, copy=False).reshape(-1, 1, 1)
