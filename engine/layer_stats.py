"""Per-layer statistics of one Monte Carlo pass: gathered while it runs, derived at the end.

While a pass runs, a layer contributes only what needs its array: the per-unit sums Σx and
Σx² over the batch (BLAS vector products), its histogram (a few thousand values binned in one
fused pass), and the mean square that decides what happens next (rescaling, overflow).
Means, variances, pooled values and log scales of all layers are then derived at once, in a
handful of vectorized operations instead of a dozen small ones per layer.

Arrays are stored as e^s · x̂ (see `engine.propagate`); everything here is about the stored
values x̂ together with each layer's s.
"""

from __future__ import annotations

import math

import numpy as np

LN10 = math.log(10.0)
HIST_BINS = 64
HIST_SAMPLES = 8192
STANDARDIZED_RANGE = (-4.0, 4.0)
_ONES: dict[tuple[int, np.dtype], np.ndarray] = {}


def ones(n: int, dtype) -> np.ndarray:
    """A read-only vector of n ones (shared: the batch sums are `ones @ x`)."""
    key = (n, np.dtype(dtype))
    vector = _ONES.get(key)
    if vector is None:
        vector = np.ones(n, dtype=dtype)
        vector.flags.writeable = False
        _ONES[key] = vector
    return vector


def log10_or_nan(value: float) -> float:
    if not math.isfinite(value) or value < 0:
        return math.nan
    if value == 0.0:
        return -math.inf
    return math.log10(value)


def _sample_rows(batch: int, width: int) -> int:
    """Whole rows of a layer kept for its histogram: about HIST_SAMPLES values."""
    return max(1, min(batch, HIST_SAMPLES // max(width, 1)))


class PassSums:
    """Σx and Σx² per unit (float64) for every layer of one pass, with each layer's scale.

    Parameters
    ----------
    widths : n_0 … n_L.
    batch : the number of samples (rows of every array).
    histograms : bin up to HIST_SAMPLES values (whole rows) of each layer as it is recorded.
    bounds : the activation's range (those bins), or None: mean ± 4 sd of each layer.
    """

    def __init__(self, widths, batch: int, histograms: bool = False, bounds=None):
        layers, n_max = len(widths), max(widths)
        self.widths = np.asarray(widths)
        self.batch = batch
        self.s1 = np.zeros((layers, n_max))
        self.s2 = np.zeros((layers, n_max))
        self.scale = np.zeros(layers)
        self.recorded = np.zeros(layers, dtype=bool)
        self.centred: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.bounds = bounds
        self.hist = np.full((layers, HIST_BINS), np.nan) if histograms else None

    def add(self, t: int, x: np.ndarray, s: float, sq: np.ndarray | None = None) -> float:
        """Record layer t (stored values x, log scale s; `sq` = x² if the caller has it).
        Returns the mean square of x (inf or NaN when x is not finite)."""
        b, n = x.shape
        s1 = ones(b, x.dtype) @ x
        s2 = ones(b, x.dtype) @ sq if sq is not None else np.einsum("ij,ij->j", x, x)
        total = float(np.add.reduce(s2, dtype=np.float64))
        if not math.isfinite(total) or total < 1e-25 * b * n:
            # float32 squares overflowed or underflowed (values of 1e-20 square to 0): sum
            # again in float64
            x64 = x.astype(np.float64)
            s1, s2 = x64.sum(axis=0), np.einsum("ij,ij->j", x64, x64)
            total = float(np.add.reduce(s2))
        row1, row2 = self.s1[t, :n], self.s2[t, :n]
        row1[...] = s1
        row2[...] = s2
        # A unit whose mean² exceeds 10·var (⇔ 11·(Σx)² > 10·b·Σx²): E[x²] − E[x]² would
        # cancel, so centre it first.
        if np.greater(11.0 * row1 * row1, 10.0 * b * row2).any():
            mean = row1 / b
            centred = x - mean.astype(x.dtype)
            var = np.einsum("ij,ij->j", centred, centred, dtype=np.float64) / b
            self.centred[t] = (mean + centred.sum(axis=0, dtype=np.float64) / b, var)
        self.scale[t] = s
        self.recorded[t] = True
        return total / (b * n)

    def keep_sample(self, t: int, x: np.ndarray) -> None:
        """Bin layer t's first rows (stored values, already `add`ed) into its histogram."""
        if self.hist is None:
            return
        sample = x[: _sample_rows(*x.shape)].reshape(-1)
        if self.bounds is not None:
            lo, hi = self.bounds
            origin, unit = lo, (hi - lo) / HIST_BINS
        else:
            mu, var = self._layer_pooled(t)
            if not (var > 0 and math.isfinite(var)):
                return
            lo, hi = STANDARDIZED_RANGE
            sd = math.sqrt(var)
            origin, unit = mu + lo * sd, (hi - lo) / HIST_BINS * sd
        # Bin k + 1 holds [origin + k·unit, origin + (k+1)·unit); 0 collects what lies below
        # the range and HIST_BINS + 1 the upper edge and beyond (one fused pass, no masking).
        f = sample.dtype.type
        pos = sample * f(1.0 / unit)
        pos += f(1.0 - origin / unit)
        np.clip(pos, 0.0, HIST_BINS + 1.5, out=pos)
        counts = np.bincount(pos.astype(np.intp), minlength=HIST_BINS + 2)
        inside = counts[1: HIST_BINS + 1].astype(np.float64)
        if self.bounds is not None and t > 0:
            # σ(x) at its upper bound (a saturated unit) belongs to the last bin; layer 0, the
            # input, is not bounded by σ, and what lies beyond the range is left out there
            inside[-1] += counts[HIST_BINS + 1]
        self.hist[t] = inside / (sample.size * (hi - lo) / HIST_BINS)

    def _layer_pooled(self, t: int) -> tuple[float, float]:
        """Pooled mean and variance of layer t's stored values (as `pooled`, one layer)."""
        n = int(self.widths[t])
        if t in self.centred:
            mean, var = self.centred[t]
        else:
            mean = self.s1[t, :n] / self.batch
            var = np.maximum(self.s2[t, :n] / self.batch - mean * mean, 0.0)
        mu = float(np.add.reduce(mean)) / n
        spread = mean - mu
        return mu, (float(np.add.reduce(var)) + float(spread @ spread)) / n

    def discard(self, t: int) -> None:
        """Layer t is not representable: it gets no statistics."""
        self.recorded[t] = False
        self.centred.pop(t, None)

    # -- derived, all layers at once ---------------------------------------------------------
    def unit_moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit mean and variance of the stored values (layers × n_max; NaN beyond a
        layer's width and for unrecorded layers)."""
        b = self.batch
        mean = self.s1 / b
        var = np.maximum(self.s2 / b - mean * mean, 0.0)
        for t, (m, v) in self.centred.items():
            mean[t, : m.size] = m
            var[t, : v.size] = v
        inside = self._inside()
        mean[~inside] = np.nan
        var[~inside] = np.nan
        return mean, var

    def _inside(self) -> np.ndarray:
        n_max = self.s1.shape[1]
        return (np.arange(n_max) < self.widths[:, None]) & self.recorded[:, None]

    def pooled(self, mean: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Pooled mean and (ddof 0) variance over all entries of each layer, from the per-unit
        moments (law of total variance: mean of variances + variance of means)."""
        inside = self._inside()
        n = self.widths.astype(np.float64)
        mu = np.where(inside, mean, 0.0).sum(axis=1) / n
        spread = np.where(inside, mean - mu[:, None], 0.0)
        pooled = (np.where(inside, var, 0.0).sum(axis=1) + (spread * spread).sum(axis=1)) / n
        mu[~self.recorded] = np.nan
        pooled[~self.recorded] = np.nan
        return mu, pooled

    def log10_var(self, var: np.ndarray) -> np.ndarray:
        """log10 of variances of the stored values, moved to the true scale (× e^{2s})."""
        scale = self.scale.reshape((-1,) + (1,) * (var.ndim - 1))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.log10(var) + 2 * scale / LN10

    def true_mean(self, mu: np.ndarray) -> np.ndarray:
        """e^s · mean: 0 where e^s underflows (|mean| ≤ rms, below 1e-304 there), ±inf where
        it overflows."""
        s = self.scale
        with np.errstate(over="ignore", invalid="ignore"):
            out = mu * np.exp(np.clip(s, -700, 700))
        out = np.where(s < -700, 0.0, out)
        return np.where(s > 700, np.where(mu == 0, 0.0, np.copysign(np.inf, mu)), out)

    def histograms(self) -> np.ndarray:
        """Density per layer (layers × HIST_BINS): over `bounds` for a bounded activation,
        else over mean ± 4 sd (standardized); NaN where undefined."""
        layers = self.s1.shape[0]
        if self.hist is None:
            return np.full((layers, HIST_BINS), np.nan)
        return np.where(self.recorded[:, None], self.hist, np.nan)
