"""One layer of the Monte Carlo pass for G stacked blocks: h'^t = √γ_t Z_t h^{t-1} + σ_b ξ_t
and h^t = σ(h'^t), with a log scale per block when σ is positively homogeneous (see
`engine.passes`). The pass runs it in float32; the Jacobian spectrum (`engine.spectrum`)
reuses it in float64.
"""

from __future__ import annotations

import numpy as np

from .activations import Activation

__all__ = ["LayerStep"]


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

    def __call__(self, t: int, h: np.ndarray, s: np.ndarray, w: np.ndarray,
                 bias: np.ndarray | None, out: np.ndarray | None = None, shared: bool = False):
        """Layer t from h^{t-1} = e^s·h (G·S rows, or S rows shared by every block when
        `shared`), standardized (W^t)ᵀ `w` and b^t `bias`. Returns (h'^t stored, its log
        scales, h^t, σ'(h'^t), (h^t)² or None); h'^t is written into `out` when given."""
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
        h_next, slope, sq = self.act.values_slopes_squares(p)
        if np.may_share_memory(h_next, p):  # σ returned p itself: keep it from being overwritten
            h_next = h_next.copy()
        return p, s_pre, h_next, slope, sq


def _column(per_block: np.ndarray, dtype) -> np.ndarray:
    """Per-block scalars shaped to broadcast over G × S × n, in the arrays' precision."""
    return per_block.astype(dtype, copy=False).reshape(-1, 1, 1)
