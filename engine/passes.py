"""The one Monte Carlo pass: G stacked networks × S samples, forward then backward.

The networks of one pass share their widths, activation and standardized random draws and
differ only in scalars (γ_t through gain, variance or the init rule, and the bias scale), so
each layer is one matrix product over all G·S rows: ``simulate`` runs G = 1, ``sweep`` one block
per swept value. For t = 1 … L (the lecture's MLP, README):

    h'^t = W^t h^{t-1} + b^t,   h^t = σ(h'^t),
    ∂ℓ/∂h^L = g,   ∂ℓ/∂h^{t-1} = (W^t)ᵀ (σ'(h'^t) ⊙ ∂ℓ/∂h^t).

Huge dynamic range is handled by a log scale per block: an array is stored as e^s · â with â
of moderate size. The backward pass is linear in the gradient, so it is always tracked this
way, exactly, at any depth. The forward pass is tracked this way when σ is positively
homogeneous (σ(c·x) = c·σ(x), c > 0), and, for another σ with σ(0) = 0, once it is its linear
map at 0 (`engine.log_scales`); otherwise it runs on raw float32 values and the layer where
they overflow or underflow is reported instead of garbage. One layer's step for every block
is `engine.layer_step`.

Memory: σ'(h'^t) of every layer is kept for the backward pass when it fits; otherwise the
forward pass keeps checkpoints every ~√L layers and the backward pass recomputes one segment
at a time. Each weight matrix is drawn once per pass and kept for the backward pass when the
weights fit `KEEP_WEIGHTS_BYTES` (beyond, a checkpointed segment draws its weights again);
with several BLAS threads, kept ones are drawn before the forward pass with the input and the
read-out direction, a run of them per thread.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .draws import Draws
from .histograms import Histograms
from .layer_step import LayerStep
from .layer_stats import (LayerMoments, PooledVariances, finite_or_nan, log10_scaled,
                          mean_square)
from .log_scales import NearZero, rescale, within
from .progress import Progress
from .result import Invalid
from .threads import blas_threads

__all__ = ["PassStats", "needs_checkpoints", "run_pass", "work_units"]

# A raw float32 layer whose rms falls below this has lost its precision to underflow.
UNDERFLOW_RMS = 1e-30
SLOPES_BUDGET_BYTES = 384 * 2**20
KEEP_WEIGHTS_BYTES = 512 * 2**20


def needs_checkpoints(widths, rows: int) -> bool:
    """σ' of every layer (rows × n_t floats each) does not fit the budget."""
    return 4 * rows * sum(widths[1:]) > SLOPES_BUDGET_BYTES


def work_units(widths, rows: int) -> int:
    """Progress steps of one pass: forward, backward, and the recomputation if any."""
    return (len(widths) - 1) * (3 if needs_checkpoints(widths, rows) else 2)


@dataclass(frozen=True, eq=False)
class PassStats:
    """What one pass measured, per block (rows g) and layer (columns t = 0 … L).

    NaN where a value is not representable; `forward_invalid[g]` / `backward_invalid[g]` say
    where that began, `forward_stops[g]` every layer where the forward pass stopped being
    representable and why (an overflow, an underflow, the first exact zero, the first layer
    of one value; in layer order),
    `backward_stops[g]` the backward pass's stop (layers below it stay missing) and the first
    layer of one value, if any. Per-unit
    arrays and histograms are of block 0, when asked for.
    """

    forward_mean: np.ndarray
    log10_forward_var: np.ndarray
    log10_preact_var: np.ndarray
    log10_backward_var: np.ndarray
    forward_invalid: tuple[Invalid | None, ...]
    backward_invalid: tuple[Invalid | None, ...]
    forward_stops: tuple[tuple[Invalid, ...], ...] = ()
    backward_stops: tuple[tuple[Invalid, ...], ...] = ()
    unit_log10_forward_var: np.ndarray | None = None
    unit_log10_backward_var: np.ndarray | None = None
    unit_forward_unresolved: np.ndarray | None = None    # see `LayerMoments.unit_log10_var`
    unit_backward_unresolved: np.ndarray | None = None
    hist_density: np.ndarray | None = None
    hist_zero: np.ndarray | None = None   # `Histograms.zero`
    hist_beyond: np.ndarray | None = None   # `Histograms.beyond`


def run_pass(step: LayerStep, draws: Draws, samples: int, progress: Progress, *,
             detailed: bool = False) -> PassStats:
    """Forward and backward pass of `step.blocks` networks over `samples` inputs each.

    Parameters
    ----------
    step : the layer of every block (activation, γ_t and σ_b per block).
    draws : the standardized input, read-out, weights and biases (shared by the blocks).
    samples : S, inputs per block (the config's batch).
    progress : stepped once per layer and pass; raises `Cancelled` on stop.
    detailed : also keep per-unit variances and histograms of block 0.
    """
    with np.errstate(all="ignore"):
        return _Pass(step, draws, samples, progress, detailed).run()


class _Pass:
    def __init__(self, step: LayerStep, draws: Draws, samples: int, progress: Progress,
                 detailed: bool):
        self.step, self.draws, self.progress = step, draws, progress
        self.G, self.S = step.blocks, samples
        self.widths = draws.config.widths
        self.L = len(self.widths) - 1
        self.hist = Histograms(self.L + 1, step.act.bounds) if detailed else None
        self.fwd = LayerMoments(self.widths, self.G, self.hist)
        self.bwd = LayerMoments(self.widths, self.G)
        self.pre_var = PooledVariances(self.L + 1, self.G)     # of the stored h'^t
        self.pre_scale = np.zeros((self.L + 1, self.G))
        self.detailed = detailed
        self.overflow = np.full(self.G, -1)    # first overflowed layer per block (−1: none)
        self.underflow = np.full(self.G, -1)   # first underflowed layer per block
        self.all_overflowed = False
        weight_bytes = 4 * sum(a * b for a, b in zip(self.widths, self.widths[1:]))
        self.keep_weights = weight_bytes <= KEEP_WEIGHTS_BYTES
        self.draw_threads = blas_threads()
        self.weights: dict[int, np.ndarray] = {}
        self.x = self.g = None   # the input and read-out direction, when drawn ahead
        self.buffers: dict[int, np.ndarray] = {}
        self.checkpointed = needs_checkpoints(self.widths, self.G * self.S)
        self.near_zero = NearZero(step, self.widths) if step.may_go_linear.any() else None

    def weight(self, t: int) -> np.ndarray:
        w = self.weights.get(t)
        if w is None:
            w = self.draws.weight(t)
            if self.keep_weights:
                self.weights[t] = w
        return w

    def draw_ahead(self) -> None:
        """The input, the read-out direction and the kept weights, drawn before the forward
        pass when BLAS runs several threads: one run of them per thread, a stop request looked
        for after each of the caller's. (Drawn between the products instead, each draw waited
        for BLAS's threads, which keep their cores busy for a while after a product.)"""
        if self.draw_threads == 1:
            return
        layers = range(1, self.L + 1) if self.keep_weights else ()
        self.x, self.g, weights = self.draws.ahead(layers, self.draw_threads,
                                                   between=self.progress.poll)
        self.weights.update(weights)

    def bias(self, t: int) -> np.ndarray | None:
        return self.draws.bias(t) if self.step.has_bias else None

    def layer(self, t: int, h: np.ndarray, s: np.ndarray, rms: np.ndarray | None):
        """Layer t's step from h^{t-1} = e^s·h, whose true rms per block is `rms` (None when
        no block may go over to σ's linear map at 0)."""
        n = self.widths[t]
        out = self.buffers.get(n)
        if out is None:
            out = self.buffers[n] = np.empty((self.G * self.S, n), np.float32)
        candidates = self.near_zero.candidates(t, s, rms) if rms is not None else None
        return self.step(t, h, s, self.weight(t), self.bias(t), out=out,
                         shared=h.shape[0] != self.G * self.S, candidates=candidates)

    def true_rms(self, s: np.ndarray, second: np.ndarray) -> np.ndarray | None:
        """Each block's e^s·√second, when some block may go over to σ's linear map at 0."""
        return None if self.near_zero is None else self.near_zero.true_rms(s, second)

    def blocks(self, a: np.ndarray) -> np.ndarray:
        return a.reshape(self.G, -1, a.shape[1])

    # -- forward ------------------------------------------------------------------------------
    def record_forward(self, t: int, h: np.ndarray, s: np.ndarray, sq) -> np.ndarray:
        """Record h^t; returns each block's mean square (the stored values')."""
        h3 = self.blocks(h)
        second = self.fwd.add(t, h3, s, self.blocks(sq) if sq is not None else None)
        if second is None:   # waits in a batch
            second = mean_square(h3)
        if not self.step.scaled and not within(second, UNDERFLOW_RMS**2, math.inf):
            bad = ~np.isfinite(second)
            new = bad & (self.overflow < 0)
            self.overflow[new] = t
            tiny = ~bad & (np.sqrt(np.maximum(second, 0.0)) < UNDERFLOW_RMS) \
                & (self.step.act.value0 == 0.0) & ~self.step.exact_zero[:, t - 1] & (s == 0)
            self.underflow[tiny & (self.underflow < 0)] = t
            self.fwd.discard(t, bad | tiny | (self.overflow >= 0))
            self.all_overflowed = bool((self.overflow >= 0).all())
        return second

    def run(self) -> PassStats:
        L, G = self.L, self.G
        self.draw_ahead()
        x = np.array(self.x if self.x is not None else self.draws.input(),
                     dtype=np.float32)   # a private, writable copy
        self.x = None
        self.record_input(x)
        h, s = x, np.zeros(G)
        rms = self.true_rms(s, np.ones(G))   # (x is standard normal)
        slopes: list[np.ndarray | None] = [None] * (L + 1)
        every = max(1, math.isqrt(L)) if self.checkpointed else L + 1
        checkpoints = {0: (x, np.zeros(G))}
        for t in range(1, L + 1):
            p, s, h, slope, sq = self.layer(t, h, s, rms)
            self.pre_var.add(t, self.blocks(p))
            self.pre_scale[t] = s
            second = self.record_forward(t, h, s, sq)
            del sq
            s, rms = self.settle(h, s, second)
            if not self.checkpointed:
                slopes[t] = slope
            elif t % every == 0 and t < L:
                checkpoints[t] = (h.copy(), s.copy())
            del slope
            self.progress.step()
            if self.all_overflowed:  # nothing more to learn
                self.progress.step(L - t + L * (2 if self.checkpointed else 1))
                return self.stats()
        del h, p
        self.backward(slopes, checkpoints, every)
        return self.stats()

    def record_input(self, x: np.ndarray) -> None:
        """Layer 0, the same input in every block."""
        self.fwd.add(0, np.broadcast_to(x, (self.G,) + x.shape), np.zeros(self.G))

    # -- backward -----------------------------------------------------------------------------
    def backward(self, slopes, checkpoints, every: int) -> None:
        L = self.L
        g = np.asarray(self.g if self.g is not None else self.draws.readout(), dtype=np.float32)
        self.g = None
        self.bwd.add(L, np.broadcast_to(g, (self.G,) + g.shape), np.zeros(self.G))
        sb = np.zeros(self.G)
        d = None
        top = L
        while top >= 1:
            start = ((top - 1) // every) * every if self.checkpointed else 0
            seg = self.recompute(checkpoints[start], start, top) if self.checkpointed else slopes
            for t in range(top, start, -1):
                u = seg[t]
                seg[t] = None
                if d is None:   # the read-out direction is the same for every block
                    u3 = self.blocks(u)
                    np.multiply(u3, g, out=u3)
                else:
                    np.multiply(u, d, out=u)
                wt = self.weight(t).T
                # δ^{t-1} overwrites δ^t's storage when the widths match (δ^t is spent in u)
                same = d is not None and d.shape == (u.shape[0], wt.shape[1])
                d = np.matmul(u, wt, out=d if same else None)
                del u
                sb = sb + self.step.half_log_gamma[:, t - 1]
                second = self.bwd.add(t - 1, self.blocks(d), sb)
                if second is None:   # waits in a batch
                    second = mean_square(self.blocks(d))
                sb = rescale(self.blocks(d), sb, second)
                self.progress.step()
            top = start

    def recompute(self, checkpoint, start: int, stop: int) -> dict[int, np.ndarray]:
        """σ'(h'^t) of layers start+1 … stop, from the checkpoint at start."""
        h, s = checkpoint
        slopes = {}
        rms = None   # h^start's true rms, where a block may go over to σ's linear map at 0
        if self.near_zero is not None:   # (the input is standard normal, as in `run`)
            rms = self.true_rms(s, mean_square(self.blocks(h)) if start > 0 else np.ones(self.G))
        for t in range(start + 1, stop + 1):
            _, s, h, slopes[t], _ = self.layer(t, h, s, rms)
            if self.step.scaled or rms is not None:
                s, rms = self.settle(h, s, mean_square(self.blocks(h)))
            self.progress.step()
        return slopes

    def settle(self, h: np.ndarray, s: np.ndarray, second: np.ndarray):
        """After layer t: h^t's stored rms brought near 1 where it is on a log scale (every
        block for a homogeneous σ, else those on σ's linear map at 0); returns the new log
        scales and h^t's true rms (`true_rms`)."""
        rms = self.true_rms(s, second)
        if self.step.scaled:
            s = rescale(self.blocks(h), s, second)
        elif rms is not None and (s != 0).any():
            s = rescale(self.blocks(h), s, second, only=s != 0)
        return s, rms

    # -- the outcome --------------------------------------------------------------------------
    def unit_log10_var(self, moments: LayerMoments, exact_from: int | None = None
                       ) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Per-unit log10 variances of block 0 and where float32 does not resolve them
        (`LayerMoments.unit_log10_var`), when asked for; NaN (undefined) when each unit has
        a single sample (batch 1)."""
        if not self.detailed:
            return None, None
        out, unresolved = moments.unit_log10_var(0, exact_from)
        if self.S < 2:
            return np.full_like(out, np.nan), np.zeros_like(unresolved)
        return out, unresolved

    def stats(self) -> PassStats:
        L, G = self.L, self.G
        f_mu, f_var = self.fwd.pooled()
        fwd_log = self.fwd.log10_pooled_var(f_var)
        f_inv: list[Invalid | None] = [None] * G
        b_inv: list[Invalid | None] = [None] * G
        b_one: list[Invalid | None] = [None] * G
        f_stops: list[tuple[Invalid, ...]] = [()] * G
        # a layer of width 1 over one input holds one value: its variance is undefined, not 0
        single = [t for t, n in enumerate(self.widths) if n * self.S == 1]
        fwd_log[:, single] = np.nan
        for g in range(G):
            stops = [Invalid(int(layer), reason) for layer, reason in (
                (self.overflow[g], "overflow"), (self.underflow[g], "underflow")) if layer >= 0]
            zero = np.flatnonzero(fwd_log[g] == -np.inf)
            if zero.size:
                stops.append(Invalid(int(zero[0]), "exactly zero variance"))
            if single:
                stops.append(Invalid(single[0], "one value"))
            # in layer order; at one layer an underflow first, then an overflow, an exact zero
            order = {"underflow": 0, "overflow": 1, "exactly zero variance": 2, "one value": 3}
            f_stops[g] = tuple(sorted(stops, key=lambda i: (i.layer, order[i.reason])))
            # the pass's stop: where it left float32 or died, else where a layer held one value
            # (a later exact zero, a dead relu layer, must not hide behind it)
            f_inv[g] = next((i for i in f_stops[g] if i.reason != "one value"),
                            f_stops[g][0] if stops else None)
        b_var = self.bwd.pooled()[1]   # the discards below only mask it
        for g in range(G):
            if self.overflow[g] >= 0:
                b_inv[g] = Invalid.undefined(L, int(self.overflow[g]))
                self.bwd.discard(slice(None), g)
                continue
            one = None   # a layer of one value: the stop only where no other comes
            for t in range(L, -1, -1):   # the backward pass's checks, in the order it met them
                if not self.bwd.recorded[t, g]:
                    continue
                if t in single:
                    one = one or Invalid(t, "one value")
                    self.bwd.discard(t, g)
                elif not math.isfinite(b_var[g, t]):
                    b_inv[g] = b_inv[g] or Invalid(t, "not a number")
                    self.bwd.discard(t, g)
                elif b_var[g, t] == 0.0:
                    if not (self.step.scaled or self.step.act.constant):
                        # σ' of a smooth activation is never exactly 0: float32 underflowed
                        b_inv[g] = b_inv[g] or Invalid(t, "underflow")
                        self.bwd.discard(t, g)
                    else:   # e.g. every relu unit dead: a true zero, shown as such
                        b_inv[g] = b_inv[g] or Invalid(t, "exactly zero variance")
                elif self.bwd.scale[t, g] == -np.inf:   # a layer above has γ = 0: W = 0
                    b_inv[g] = b_inv[g] or Invalid(t, "exactly zero variance")
            b_one[g] = one
            b_inv[g] = b_inv[g] or one
        # from a layer of zero weights (γ_t = 0) on, or a constant σ's first, every input
        # gives the same value exactly
        zero_layers = np.flatnonzero(np.isneginf(self.step.half_log_gamma[0]))
        exact_from = 1 if self.step.act.constant else (
            int(zero_layers[0]) + 1 if zero_layers.size else None)
        unit_fwd, fwd_unresolved = self.unit_log10_var(self.fwd, exact_from)
        unit_bwd, bwd_unresolved = self.unit_log10_var(self.bwd)
        return PassStats(
            forward_mean=self.fwd.true_mean(f_mu), log10_forward_var=fwd_log,
            log10_preact_var=finite_or_nan(log10_scaled(self.pre_var.values().T, self.pre_scale.T)),
            log10_backward_var=self.bwd.log10_pooled_var(
                np.where(self.bwd.recorded.T, b_var, np.nan)),
            forward_invalid=tuple(f_inv), backward_invalid=tuple(b_inv),
            forward_stops=tuple(f_stops),
            backward_stops=tuple(   # in the pass's order (from the output down)
                tuple(sorted(dict.fromkeys(i for i in (one, inv) if i is not None),
                             key=lambda i: -i.layer)) for one, inv in zip(b_one, b_inv)),
            unit_log10_forward_var=unit_fwd, unit_log10_backward_var=unit_bwd,
            unit_forward_unresolved=fwd_unresolved, unit_backward_unresolved=bwd_unresolved,
            hist_density=(np.where(self.fwd.recorded[:, 0, None], self.hist.density, np.nan)
                          if self.hist is not None else None),
            hist_zero=(np.where(self.fwd.recorded[:, 0] & np.isfinite(self.hist.density).any(axis=1),
                                self.hist.zero, np.nan) if self.hist is not None else None),
            hist_beyond=(np.where(self.fwd.recorded[:, 0], self.hist.beyond, np.nan)
                         if self.hist is not None else None))
