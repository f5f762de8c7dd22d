"""Monte Carlo forward and backward passes with per-layer and per-unit statistics.

The network is h'^t = W^t h^{t-1} + b^t, h^t = σ(h'^t); the loss ℓ = Σ g ⊙ h^L has
∂ℓ/∂h^L = g, and ∂ℓ/∂h^{t-1} = (W^t)ᵀ (σ'(h'^t) ⊙ ∂ℓ/∂h^t) (design: "The model").

Huge dynamic range is handled by a log scale: an array is stored as ``e^s · â`` with â of
moderate size. The backward pass is linear in the gradient, so it is always tracked this way,
exactly, at any depth. The forward pass is tracked this way when σ is positively homogeneous
(σ(c·x) = c·σ(x), c > 0); other activations run on raw float32 values and the layer where
they overflow or underflow is reported instead of garbage.

Memory: σ'(h'^t) of every layer is kept for the backward pass when it fits; otherwise the
forward pass keeps checkpoints every ~√L layers and the backward pass recomputes one segment
at a time (weights regenerated from their seeds), so depth 1000 × width 1024 × batch 256 runs in
a few hundred MiB.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import Activation
from .draws import Draws
from .layer_stats import HIST_BINS, HIST_SAMPLES, LN10, STANDARDIZED_RANGE, PassSums, log10_or_nan, ones
from .result import Invalid

__all__ = ["HIST_BINS", "HIST_SAMPLES", "LN10", "STANDARDIZED_RANGE", "Cancelled", "TrialStats",
           "needs_checkpoints", "run_trial", "work_units"]

# Keep stored values of a scaled array between these magnitudes (float32 has ~1e±38).
_RESCALE_LO, _RESCALE_HI = 1e-6, 1e6
# A raw float32 layer whose rms falls below this has lost its precision to underflow.
_UNDERFLOW_RMS = 1e-30
DERIV_BUDGET_BYTES = 384 * 2**20


class Cancelled(Exception):
    """Raised inside `simulate` when its `should_stop` callback returns True."""


@dataclass
class TrialStats:
    """Statistics of one trial; arrays over layers t = 0 … L (NaN where unrepresentable)."""

    forward_mean: np.ndarray
    log10_forward_var: np.ndarray
    log10_preact_var: np.ndarray
    log10_backward_var: np.ndarray
    unit_log10_forward_var: np.ndarray | None
    unit_log10_backward_var: np.ndarray | None
    hist_density: np.ndarray | None
    forward_invalid: Invalid | None
    backward_invalid: Invalid | None


class _Progress:
    def __init__(self, total: int, should_stop, on_progress, offset: int = 0):
        self.total = max(total, 1)
        self.done = offset
        self.should_stop = should_stop
        self.on_progress = on_progress
        self._last = -1.0

    def step(self) -> None:
        self.done += 1
        if self.should_stop is not None and self.should_stop():
            raise Cancelled()
        if self.on_progress is not None:
            fraction = min(self.done / self.total, 1.0)
            if fraction - self._last >= 0.005 or fraction >= 1.0:
                self._last = fraction
                self.on_progress(fraction)


def work_units(config, checkpointed: bool) -> int:
    """Progress steps of one trial: forward, backward, and the recomputation if any."""
    return config.depth * (3 if checkpointed else 2)


def needs_checkpoints(config) -> bool:
    w = config.widths
    return 4 * config.batch * sum(w[1:]) > DERIV_BUDGET_BYTES


class _Runner:
    """One trial of one config: forward, then backward, collecting statistics."""

    def __init__(self, config, act: Activation, gammas: np.ndarray, draws: Draws,
                 progress: _Progress, detailed: bool):
        self.c = config
        self.act = act
        self.half_log_gamma = 0.5 * np.log(gammas)
        self.sqrt_gamma = np.sqrt(gammas)
        self.draws = draws
        self.progress = progress
        self.detailed = detailed
        self.scaled = act.homogeneous
        self.checkpointed = needs_checkpoints(config)
        L = config.depth
        self.fwd = PassSums(config.widths, config.batch, histograms=detailed, bounds=act.bounds)
        self.bwd = PassSums(config.widths, config.batch)
        self.log10_preact_var = np.full(L + 1, np.nan)
        self.forward_invalid: Invalid | None = None
        self.backward_invalid: Invalid | None = None
        self.log_bias = math.log(config.bias_std) if config.bias_std > 0 else -math.inf
        self._buffers: dict[int, np.ndarray] = {}

    # -- one layer forward -------------------------------------------------------------
    def _layer(self, t: int, h: np.ndarray, s: float, weight: np.ndarray | None = None):
        """Layer t from h^{t-1} = e^s·h: returns (pre-activation, its scale, h^t, σ'(h'^t)).
        The pre-activation lives in a buffer reused by the next layer of the same width."""
        w = weight if weight is not None else self.draws.weight(t)
        buf = self._buffers.get(w.shape[1])
        if buf is None:
            buf = self._buffers[w.shape[1]] = np.empty((h.shape[0], w.shape[1]), np.float32)
        p = np.matmul(h, w, out=buf)
        if self.scaled:
            s_pre = s + float(self.half_log_gamma[t - 1])
            if self.c.bias_std > 0:
                ref = max(s_pre, self.log_bias)
                p *= np.float32(math.exp(s_pre - ref))
                p += self.draws.bias(t) * np.float32(math.exp(self.log_bias - ref))
                s_pre = ref
        else:
            s_pre = 0.0
            p *= np.float32(self.sqrt_gamma[t - 1])
            if self.c.bias_std > 0:
                p += self.draws.bias(t) * np.float32(self.c.bias_std)
        h_next, slope, sq = self.act.values_slopes_squares(p)
        return p, s_pre, h_next, slope, sq

    # -- statistics (sums now, everything derived in _stats) -----------------------------
    def _record_forward(self, t: int, h: np.ndarray, s: float, sq: np.ndarray | None = None) -> float:
        """Record layer t's sums; return the stored array's mean square."""
        second = self.fwd.add(t, h, s, sq)
        if not self.scaled:
            if not math.isfinite(second):
                self.fwd.discard(t)
                self._mark_forward(t, "overflow")
                return second
            if math.sqrt(max(second, 0.0)) < _UNDERFLOW_RMS and self.act.value0 == 0.0:
                self.fwd.discard(t)
                self._mark_forward(t, "underflow")
                return second
        if self.detailed:
            self.fwd.keep_sample(t, h)
        return second

    def _mark_forward(self, t: int, reason: str) -> None:
        if self.forward_invalid is None:
            self.forward_invalid = Invalid(t, reason)

    def _record_preact(self, t: int, p: np.ndarray, s: float) -> None:
        flat = p.reshape(-1)
        n = flat.size
        m1 = float(np.add.reduce(ones(p.shape[0], p.dtype) @ p, dtype=np.float64)) / n
        m2 = float(np.dot(flat, flat)) / n
        if not math.isfinite(m2) or m2 < 1e-25:
            flat64 = flat.astype(np.float64)
            m1 = float(flat64.mean())
            m2 = float(np.dot(flat64, flat64)) / n
        value = log10_or_nan(max(m2 - m1 * m1, 0.0)) + 2 * s / LN10
        self.log10_preact_var[t] = value if math.isfinite(m2) else math.nan

    def _record_backward(self, t: int, d: np.ndarray, s: float) -> float:
        """Record layer t's gradient sums; return the stored array's mean square."""
        return self.bwd.add(t, d, s)

    # -- scale bookkeeping ---------------------------------------------------------------
    @staticmethod
    def _renormalize(a: np.ndarray, s: float, second: float) -> tuple[np.ndarray, float]:
        """Keep a scaled array's stored magnitude moderate; e^s·a is unchanged.
        `second` is the array's mean square, already known from its statistics."""
        rms = math.sqrt(second) if second > 0 else 0.0
        if rms == 0.0 or not math.isfinite(rms) or _RESCALE_LO <= rms <= _RESCALE_HI:
            return a, s
        a *= np.float32(1.0 / rms)
        return a, s + math.log(rms)

    # -- passes --------------------------------------------------------------------------
    def run(self) -> TrialStats:
        c = self.c
        L = c.depth
        h = np.array(self.draws.input(), dtype=np.float32)  # a private, writable copy
        s = 0.0
        self._record_forward(0, h, s)
        keep_slopes = not self.checkpointed
        slopes: list[np.ndarray | None] = [None] * (L + 1)
        checkpoint_every = max(1, math.isqrt(L)) if self.checkpointed else L + 1
        checkpoints: dict[int, tuple[np.ndarray, float]] = {0: (h.copy(), s)}
        overflowed = False
        for t in range(1, L + 1):
            p, s_pre, h, slope, sq = self._layer(t, h, s)
            self._record_preact(t, p, s_pre)
            s = s_pre
            del p
            second = self._record_forward(t, h, s, sq)
            del sq
            if self.scaled:
                h, s = self._renormalize(h, s, second)
            if keep_slopes:
                slopes[t] = slope
            del slope
            if self.checkpointed and t % checkpoint_every == 0 and t < L:
                checkpoints[t] = (h.copy(), s)
            self.progress.step()
            if self.forward_invalid is not None and self.forward_invalid.reason == "overflow":
                overflowed = True
                break
        if overflowed:
            self.backward_invalid = Invalid(
                L, f"undefined: the forward pass overflowed at layer {self.forward_invalid.layer}")
            self.progress.done += L - t + L * (2 if self.checkpointed else 1)
            return self._stats()
        self._backward(slopes, checkpoints, checkpoint_every)
        return self._stats()

    def _backward(self, slopes, checkpoints, every) -> None:
        L = self.c.depth
        d = np.array(self.draws.readout(), dtype=np.float32)
        sb = 0.0
        self._record_backward(L, d, sb)
        weights: dict[int, np.ndarray] = {}
        top = L
        while top >= 1:
            if self.checkpointed:
                start = ((top - 1) // every) * every
                seg_slopes, weights = self._recompute(checkpoints[start], start, top)
            else:
                start = 0
                seg_slopes = slopes
            for t in range(top, start, -1):
                u = seg_slopes[t]
                np.multiply(u, d, out=u)
                seg_slopes[t] = None
                w = weights.pop(t, None)
                wt = w.T if w is not None else self.draws.weight_transposed(t)
                # δ^{t-1} overwrites δ^t's storage when the widths match (δ^t is spent in u)
                d = np.matmul(u, wt, out=d if d.shape == (u.shape[0], wt.shape[1]) else None)
                del u, w, wt
                sb += float(self.half_log_gamma[t - 1])
                second = self._record_backward(t - 1, d, sb)
                d, sb = self._renormalize(d, sb, second)
                self.progress.step()
            top = start

    def _recompute(self, checkpoint, start: int, stop: int):
        """σ'(h'^t) and the weights of layers start+1 … stop, from the checkpoint at start."""
        h, s = checkpoint
        h = h.copy()
        slopes: dict[int, np.ndarray] = {}
        weights: dict[int, np.ndarray] = {}
        for t in range(start + 1, stop + 1):
            weights[t] = self.draws.weight(t)
            p, s, h, slope, _ = self._layer(t, h, s, weights[t])
            del p
            if self.scaled:
                second = float(np.dot(h.reshape(-1), h.reshape(-1))) / h.size
                h, s = self._renormalize(h, s, second)
            slopes[t] = slope
            self.progress.step()
        return slopes, weights

    def _stats(self) -> TrialStats:
        fwd, bwd, L = self.fwd, self.bwd, self.c.depth
        mean, var = fwd.unit_moments()
        mu, pooled = fwd.pooled(mean, var)
        zero = np.flatnonzero(fwd.recorded & (pooled == 0.0))
        if zero.size and (self.forward_invalid is None or zero[0] < self.forward_invalid.layer):
            self.forward_invalid = Invalid(int(zero[0]), "exactly zero variance")
        # The backward pass's checks, in the order it met its layers.
        _, b_pooled = bwd.pooled(*bwd.unit_moments())
        for t in range(L, -1, -1):
            if not bwd.recorded[t]:
                continue
            if not math.isfinite(b_pooled[t]):
                self.backward_invalid = self.backward_invalid or Invalid(t, "not a number")
                bwd.discard(t)
            elif b_pooled[t] == 0.0:
                if not self.act.homogeneous:
                    # σ' of a smooth activation is never exactly 0: float32 underflowed
                    self.backward_invalid = self.backward_invalid or Invalid(t, "underflow")
                    bwd.discard(t)
                else:  # e.g. every relu unit dead: a true zero, shown as such
                    self.backward_invalid = (self.backward_invalid
                                             or Invalid(t, "exactly zero variance"))
        b_mean, b_var = bwd.unit_moments()
        _, b_pooled = bwd.pooled(b_mean, b_var)
        return TrialStats(
            forward_mean=np.where(fwd.recorded, fwd.true_mean(mu), np.nan),
            log10_forward_var=_finite_or_nan(fwd.log10_var(pooled)),
            log10_preact_var=self.log10_preact_var,
            log10_backward_var=_finite_or_nan(bwd.log10_var(b_pooled)),
            unit_log10_forward_var=fwd.log10_var(var) if self.detailed else None,
            unit_log10_backward_var=bwd.log10_var(b_var) if self.detailed else None,
            hist_density=fwd.histograms() if self.detailed else None,
            forward_invalid=self.forward_invalid,
            backward_invalid=self.backward_invalid,
        )


def _finite_or_nan(log10_values: np.ndarray) -> np.ndarray:
    """A pooled log10 variance: −inf (exactly zero) is kept, +inf and NaN are unknown."""
    return np.where(np.isnan(log10_values) | (log10_values == np.inf), np.nan, log10_values)


def run_trial(config, act: Activation, gammas: np.ndarray, draws: Draws, *,
              detailed: bool = True, should_stop: Callable[[], bool] | None = None,
              on_progress: Callable[[float], None] | None = None,
              progress: _Progress | None = None) -> TrialStats:
    """One Monte Carlo forward + backward pass of `config` with the given draws.

    Parameters
    ----------
    config : SimConfig
    act : the config's activation (``activations.activation_for(config)``).
    gammas : γ_1 … γ_L (``initializers.layer_variances(config)``).
    draws : where the standardized random numbers come from.
    detailed : also collect per-unit variances and histograms.
    should_stop, on_progress : polled once per layer; `Cancelled` is raised on stop.
    """
    if progress is None:
        progress = _Progress(work_units(config, needs_checkpoints(config)), should_stop,
                             on_progress)
    with np.errstate(all="ignore"):
        return _Runner(config, act, gammas, draws, progress, detailed).run()
