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

Rows of the batch are independent until the statistics, so a batch is cut into chunks of at
most `CHUNK_ROWS` rows that run forward and backward on their own (each with its own log
scales) and are pooled at the end (`layer_stats.PassSums.combine`). The chunks are fixed by
the batch size alone, so results do not depend on how many threads run them (`set_threads`):
the window's worker runs them side by side, using a core the GUI thread leaves partly idle.
"""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import Activation
from .draws import Draws
from .layer_stats import HIST_BINS, HIST_SAMPLES, LN10, STANDARDIZED_RANGE, PassSums, log10_or_nan, ones
from .result import Invalid

__all__ = ["HIST_BINS", "HIST_SAMPLES", "LN10", "STANDARDIZED_RANGE", "Cancelled", "TrialStats",
           "batch_chunks", "needs_checkpoints", "run_trial", "set_threads", "work_units"]

CHUNK_ROWS = 256

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
    """Progress steps of one trial: forward, backward, and the recomputation if any, per chunk."""
    return config.depth * (3 if checkpointed else 2) * len(batch_chunks(config.batch))


def batch_chunks(batch: int) -> list[tuple[int, int]]:
    """Row ranges of the chunks a batch is cut into (as equal as possible)."""
    k = -(-batch // CHUNK_ROWS)
    edges = [round(i * batch / k) for i in range(k + 1)]
    return list(zip(edges[:-1], edges[1:]))


_threads = 1
_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def set_threads(count: int) -> None:
    """How many chunks of a batch run at once in this process (default 1). With more than one,
    give BLAS fewer threads, or they compete."""
    global _threads
    _threads = max(1, int(count))


def _pool(count: int) -> ThreadPoolExecutor:
    with _pools_lock:
        if count not in _pools:
            _pools[count] = ThreadPoolExecutor(max_workers=count,
                                               thread_name_prefix="initlab-chunk")
        return _pools[count]


def needs_checkpoints(config) -> bool:
    w = config.widths
    return 4 * config.batch * sum(w[1:]) > DERIV_BUDGET_BYTES


class _Runner:
    """Rows r0 … r1 − 1 of one trial: forward, then backward, gathering per-layer sums."""

    def __init__(self, config, act: Activation, gammas: np.ndarray, draws: Draws,
                 progress: _Progress, rows: tuple[int, int], samples: PassSums | None):
        self.c = config
        self.act = act
        self.half_log_gamma = 0.5 * np.log(gammas)
        self.sqrt_gamma = np.sqrt(gammas)
        self.draws = draws
        self.progress = progress
        self.rows = rows
        self.samples = samples
        self.scaled = act.homogeneous
        self.checkpointed = needs_checkpoints(config)
        L1, b = config.depth + 1, rows[1] - rows[0]
        self.fwd = PassSums(config.widths, b)
        self.bwd = PassSums(config.widths, b)
        self.pre_sum, self.pre_sq, self.pre_scale = np.zeros(L1), np.zeros(L1), np.zeros(L1)
        self.pre_ok = np.zeros(L1, dtype=bool)
        self.overflow_at: int | None = None
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
        first = self.draws.first_product() if t == 1 and weight is None else None
        if first is not None:  # h is x here
            p = buf
            np.copyto(p, first[self.rows[0]: self.rows[1]])
        else:
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

    # -- sums (everything else is derived once all chunks are done) --------------------------
    def _record_forward(self, t: int, h: np.ndarray, s: float, sq: np.ndarray | None = None) -> float:
        """Record layer t's sums; return the stored array's mean square."""
        second = self.fwd.add(t, h, s, sq)
        if not self.scaled and not math.isfinite(second):
            self.fwd.discard(t)
            self.overflow_at = t
            return second
        if self.samples is not None:
            self.samples.keep_sample(t, h, self.rows[0])
        return second

    def _record_preact(self, t: int, p: np.ndarray, s: float) -> None:
        flat = p.reshape(-1)
        m1 = float(np.add.reduce(ones(p.shape[0], p.dtype) @ p, dtype=np.float64))
        m2 = float(np.dot(flat, flat))
        if not math.isfinite(m2) or m2 < 1e-25 * flat.size:
            flat64 = flat.astype(np.float64)
            m1, m2 = float(flat64.sum()), float(np.dot(flat64, flat64))
        self.pre_sum[t], self.pre_sq[t], self.pre_scale[t] = m1, m2, s
        self.pre_ok[t] = math.isfinite(m2)

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
    def run(self) -> None:
        with np.errstate(all="ignore"):  # errstate is per thread
            self._run()

    def _run(self) -> None:
        L = self.c.depth
        r0, r1 = self.rows
        h = np.array(self.draws.input()[r0:r1], dtype=np.float32)  # a private, writable copy
        s = 0.0
        self._record_forward(0, h, s)
        keep_slopes = not self.checkpointed
        slopes: list[np.ndarray | None] = [None] * (L + 1)
        checkpoint_every = max(1, math.isqrt(L)) if self.checkpointed else L + 1
        checkpoints: dict[int, tuple[np.ndarray, float]] = {0: (h.copy(), s)}
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
            if self.overflow_at is not None:
                self.progress.done += L - t + L * (2 if self.checkpointed else 1)
                return
        self._backward(slopes, checkpoints, checkpoint_every)

    def _backward(self, slopes, checkpoints, every) -> None:
        L = self.c.depth
        r0, r1 = self.rows
        d = np.array(self.draws.readout()[r0:r1], dtype=np.float32)
        sb = 0.0
        self.bwd.add(L, d, sb)
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
                w = w if w is not None else self.draws.weight(t)
                # δ^{t-1} overwrites δ^t's storage when the widths match (δ^t is spent in u)
                d = np.matmul(u, w.T, out=d if d.shape == (u.shape[0], w.shape[0]) else None)
                del u, w
                sb += float(self.half_log_gamma[t - 1])
                second = self.bwd.add(t - 1, d, sb)
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


def _preact_log10_var(config, runners: list[_Runner]) -> np.ndarray:
    """log10 Var[h'^t] of the whole batch from the chunks' sums (each at its own scale)."""
    ok = np.logical_and.reduce([r.pre_ok for r in runners])
    ref = np.where(ok, np.max([r.pre_scale for r in runners], axis=0), 0.0)
    s1, s2 = np.zeros(ok.size), np.zeros(ok.size)
    for r in runners:
        factor = np.exp(np.where(ok, r.pre_scale - ref, 0.0))
        s1 += r.pre_sum * factor
        s2 += r.pre_sq * factor * factor
    count = config.batch * np.asarray(config.widths, dtype=np.float64)
    var = np.maximum(s2 / count - (s1 / count) ** 2, 0.0)
    with np.errstate(divide="ignore"):
        return np.where(ok, np.log10(var) + 2 * ref / LN10, np.nan)


def _trial_stats(config, act: Activation, runners: list[_Runner],
                 samples: PassSums | None) -> TrialStats:
    """Pool the chunks and derive every statistic and verdict of the trial."""
    L = config.depth
    fwd = samples if samples is not None else PassSums(config.widths, config.batch)
    fwd.combine([r.fwd for r in runners])
    overflow = min((r.overflow_at for r in runners if r.overflow_at is not None), default=None)
    events: list[tuple[int, str]] = []
    if overflow is not None:
        fwd.discard_from(overflow)
        events.append((overflow, "overflow"))
    mean, var = fwd.unit_moments()
    mu, pooled = fwd.pooled(mean, var)
    if not act.homogeneous and act.value0 == 0.0:
        # raw float32 values whose rms fell below _UNDERFLOW_RMS have lost their precision
        under = np.flatnonzero(fwd.recorded & (pooled + mu * mu < _UNDERFLOW_RMS ** 2))
        if under.size:
            events.append((int(under[0]), "underflow"))
            for t in under:
                fwd.discard(int(t))
            mean, var = fwd.unit_moments()
            mu, pooled = fwd.pooled(mean, var)
    zero = np.flatnonzero(fwd.recorded & (pooled == 0.0))
    if zero.size:
        events.append((int(zero[0]), "exactly zero variance"))
    forward_invalid = Invalid(*min(events)) if events else None

    bwd = PassSums(config.widths, config.batch)
    bwd.combine([r.bwd for r in runners])
    backward_invalid = None
    if overflow is not None:
        backward_invalid = Invalid(L, f"undefined: the forward pass overflowed at layer {overflow}")
        bwd.discard_from(0)
    _, b_pooled = bwd.pooled(*bwd.unit_moments())
    for t in range(L, -1, -1):  # the backward pass's checks, in the order it met its layers
        if not bwd.recorded[t]:
            continue
        if not math.isfinite(b_pooled[t]):
            backward_invalid = backward_invalid or Invalid(t, "not a number")
            bwd.discard(t)
        elif b_pooled[t] == 0.0:
            if not act.homogeneous:
                # σ' of a smooth activation is never exactly 0: float32 underflowed
                backward_invalid = backward_invalid or Invalid(t, "underflow")
                bwd.discard(t)
            else:  # e.g. every relu unit dead: a true zero, shown as such
                backward_invalid = backward_invalid or Invalid(t, "exactly zero variance")
    b_mean, b_var = bwd.unit_moments()
    _, b_pooled = bwd.pooled(b_mean, b_var)
    detailed = samples is not None
    return TrialStats(
        forward_mean=np.where(fwd.recorded, fwd.true_mean(mu), np.nan),
        log10_forward_var=_finite_or_nan(fwd.log10_var(pooled)),
        log10_preact_var=_preact_log10_var(config, runners),
        log10_backward_var=_finite_or_nan(bwd.log10_var(b_pooled)),
        unit_log10_forward_var=fwd.log10_var(var) if detailed else None,
        unit_log10_backward_var=bwd.log10_var(b_var) if detailed else None,
        hist_density=fwd.histograms(mu, pooled, act.bounds) if detailed else None,
        forward_invalid=forward_invalid,
        backward_invalid=backward_invalid,
    )


def _finite_or_nan(log10_values: np.ndarray) -> np.ndarray:
    """A pooled log10 variance: −inf (exactly zero) is kept, +inf and NaN are unknown."""
    return np.where(np.isnan(log10_values) | (log10_values == np.inf), np.nan, log10_values)


def run_trial(config, act: Activation, gammas: np.ndarray, draws: Draws, *,
              detailed: bool = True, should_stop: Callable[[], bool] | None = None,
              on_progress: Callable[[float], None] | None = None,
              progress: _Progress | None = None, threads: int | None = None) -> TrialStats:
    """One Monte Carlo forward + backward pass of `config` with the given draws.

    Parameters
    ----------
    config : SimConfig
    act : the config's activation (``activations.activation_for(config)``).
    gammas : γ_1 … γ_L (``initializers.layer_variances(config)``).
    draws : where the standardized random numbers come from.
    detailed : also collect per-unit variances and histograms.
    should_stop, on_progress : polled once per layer; `Cancelled` is raised on stop.
    threads : chunks run at once (None: `set_threads`'s value); results do not depend on it.
    """
    if progress is None:
        progress = _Progress(work_units(config, needs_checkpoints(config)), should_stop,
                             on_progress)
    samples = PassSums(config.widths, config.batch, histograms=True) if detailed else None
    runners = [_Runner(config, act, gammas, draws, progress, rows, samples)
               for rows in batch_chunks(config.batch)]
    count = min(threads or _threads, len(runners))
    if count == 1:
        for runner in runners:
            runner.run()
    else:
        futures = [_pool(count).submit(runner.run) for runner in runners]
        errors = [f.exception() for f in futures]  # waits for every chunk
        for error in errors:
            if error is not None:
                raise error
    with np.errstate(all="ignore"):
        return _trial_stats(config, act, runners, samples)
