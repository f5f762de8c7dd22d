"""Per-layer statistics of a Monte Carlo pass over G stacked blocks: gathered, then derived.

A pass (`engine.passes`) runs G networks that share their random draws as one array of
G blocks × S samples. While it runs, each layer contributes the per-unit mean and variance of
every block over its S samples (BLAS vector products), a histogram of block 0 when asked, and
the mean square per block that decides what happens next (rescaling, overflow). Pooled
values, log scales, per-unit heatmaps and the first unrepresentable layer are derived at the
end, for every block at once.

Arrays are stored as e^s · x̂ with one log scale s per block (see `engine.passes`); everything
here is about the stored values x̂ together with each layer's s.
"""

from __future__ import annotations

import math

import numpy as np

LN10 = math.log(10.0)
HIST_BINS = 64
HIST_SAMPLES = 8192
STANDARDIZED_RANGE = (-4.0, 4.0)
# Mean squares of float32 values outside [TINY_SQUARE, ∞) are summed again in float64: below
# it, squares of values ~1e-20 underflow to 0.
TINY_SQUARE = 1e-30
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


def _sums(x3: np.ndarray, sq3: np.ndarray | None, s1: np.ndarray, s2: np.ndarray) -> np.ndarray:
    """Σx and Σx² over the samples of every unit of every block (x3: G × S × n) into the
    float64 rows s1, s2 (G × n); returns each block's mean square.

    float32 BLAS sums (fast). A block whose squares overflow or underflow in float32 is summed
    again in float64."""
    G, S, n = x3.shape
    one = ones(S, x3.dtype)
    s1[...] = np.matmul(one, x3)
    s2[...] = np.matmul(one, sq3) if sq3 is not None else np.einsum("gsn,gsn->gn", x3, x3)
    second = s2.sum(axis=1) / (S * n)
    if not ((second >= TINY_SQUARE) & (second < np.inf)).all():
        for g in np.flatnonzero(~((second >= TINY_SQUARE) & (second < np.inf))):
            x64 = x3[g].astype(np.float64)
            s1[g], s2[g] = x64.sum(axis=0), np.einsum("ij,ij->j", x64, x64)
            second[g] = s2[g].sum() / (S * n)
    return second


def _centred(x3: np.ndarray, s1: np.ndarray, s2: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray] | None:
    """Per-unit mean and variance computed centred where E[x²] − E[x]² would cancel (a unit
    whose mean² exceeds 10·var ⇔ 11·(Σx)² > 10·S·Σx²); None when no unit needs it."""
    S = x3.shape[1]
    if not (11.0 * s1 * s1 > 10.0 * S * s2).any():
        return None
    mean, var = s1 / S, np.maximum(s2 / S - (s1 / S) ** 2, 0.0)
    for g in np.flatnonzero((11.0 * s1 * s1 > 10.0 * S * s2).any(axis=1)):
        centred = x3[g] - mean[g].astype(x3.dtype)
        mean[g] += centred.sum(axis=0, dtype=np.float64) / S
        var[g] = np.einsum("ij,ij->j", centred, centred, dtype=np.float64) / S
    return mean, var


def unit_moments(x3: np.ndarray, sq3: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance over the samples of every unit of every block: x3 is G × S × n
    (sq3 = x3², if the caller has it); returns two G × n float64 arrays."""
    G, S, n = x3.shape
    s1, s2 = np.empty((G, n)), np.empty((G, n))
    with np.errstate(all="ignore"):
        _sums(x3, sq3, s1, s2)
        centred = _centred(x3, s1, s2)
        if centred is not None:
            return centred
        mean = s1 / S
        return mean, np.maximum(s2 / S - mean * mean, 0.0)


def pooled(mean: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pooled mean and (ddof 0) variance over all entries, from per-unit moments on the last
    axis (law of total variance: mean of variances + variance of means)."""
    mu = mean.mean(axis=-1)
    spread = mean - mu[..., None]
    return mu, var.mean(axis=-1) + (spread * spread).mean(axis=-1)


def pooled_var(x3: np.ndarray) -> np.ndarray:
    """The pooled variance of each block's entries (G × S × n → G), for a quantity whose
    per-unit moments are not wanted (the pre-activations). Computed like `unit_moments`."""
    G = x3.shape[0]
    flat = x3.reshape(G, -1)
    N = flat.shape[1]
    m1 = np.matmul(flat, ones(N, flat.dtype)).astype(np.float64) / N
    m2 = np.vecdot(flat, flat).astype(np.float64) / N
    var = m2 - m1 * m1
    redo = ~((m2 >= TINY_SQUARE) & (m2 < np.inf) & (11.0 * m1 * m1 <= 10.0 * m2))
    for g in np.flatnonzero(redo):
        row = flat[g].astype(np.float64)
        row -= row.mean()
        var[g] = float(np.vecdot(row, row)) / N
    return np.maximum(var, 0.0)


def pooled_var_of(a: np.ndarray) -> float:
    """`pooled_var` of one array (all its entries pooled) as a float: the same float32 sums,
    E[x] by a product with ones and E[x²] by a dot product, summed again in float64 where they
    would underflow, overflow or cancel. Python scalars: cheap enough to call per layer at every
    logged training step."""
    flat = a.reshape(-1)
    n = flat.size
    with np.errstate(over="ignore", invalid="ignore"):   # a non-finite entry gives NaN or inf
        m1 = float(np.dot(flat, ones(n, flat.dtype))) / n
        m2 = float(np.vecdot(flat, flat)) / n
        if TINY_SQUARE <= m2 < math.inf and 11.0 * m1 * m1 <= 10.0 * m2:
            return max(m2 - m1 * m1, 0.0)
        row = flat.astype(np.float64)
        row -= row.mean()
        return float(np.vecdot(row, row)) / n


class LayerMoments:
    """Per-unit sums of every layer and block of one pass (layers × G × max width); the
    moments are derived from them at the end, for every layer at once.

    Parameters
    ----------
    widths : n_0 … n_L.
    blocks : G.
    """

    def __init__(self, widths, blocks: int):
        layers, n_max = len(widths), max(widths)
        self.widths = tuple(widths)
        self.samples = np.ones(layers)
        self.s1 = np.zeros((layers, blocks, n_max))
        self.s2 = np.zeros((layers, blocks, n_max))
        self.centred: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.scale = np.zeros((layers, blocks))
        self.recorded = np.zeros((layers, blocks), dtype=bool)

    def add(self, t: int, x3: np.ndarray, scale: np.ndarray, sq3: np.ndarray | None = None
            ) -> np.ndarray:
        """Record layer t (stored values G × S × n, log scales per block); returns the mean
        square of each block's stored values (inf or NaN where they are not finite)."""
        n = x3.shape[2]
        s1, s2 = self.s1[t, :, :n], self.s2[t, :, :n]
        second = _sums(x3, sq3, s1, s2)
        centred = _centred(x3, s1, s2)
        if centred is not None:
            self.centred[t] = centred
        self.samples[t] = x3.shape[1]
        self.scale[t] = scale
        self.recorded[t] = True
        return second

    def discard(self, t, blocks) -> None:
        """Layer t of these blocks is not representable: it gets no statistics."""
        self.recorded[t, blocks] = False

    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit mean and variance of the stored values (layers × G × max width)."""
        S = self.samples[:, None, None]
        mean = self.s1 / S
        var = np.maximum(self.s2 / S - mean * mean, 0.0)
        for t, (m, v) in self.centred.items():
            mean[t, :, : m.shape[1]], var[t, :, : v.shape[1]] = m, v
        return mean, var

    def layer(self, t: int, g: int) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit mean and variance of layer t of block g."""
        n, S = self.widths[t], self.samples[t]
        if t in self.centred:
            return self.centred[t][0][g, :n], self.centred[t][1][g, :n]
        mean = self.s1[t, g, :n] / S
        return mean, np.maximum(self.s2[t, g, :n] / S - mean * mean, 0.0)

    # -- derived, all layers and blocks at once (G × (L + 1) out) -----------------------------
    def pooled(self) -> tuple[np.ndarray, np.ndarray]:
        """Pooled mean and variance of the stored values (NaN where not recorded)."""
        mean, var = self.moments()
        n = np.asarray(self.widths, dtype=np.float64)[:, None]
        inside = (np.arange(mean.shape[2]) < n[..., None]) & self.recorded[..., None]
        mu = np.where(inside, mean, 0.0).sum(axis=2) / n
        spread = np.where(inside, mean - mu[..., None], 0.0)
        var = (np.where(inside, var, 0.0).sum(axis=2) + (spread * spread).sum(axis=2)) / n
        mu[~self.recorded], var[~self.recorded] = np.nan, np.nan
        return mu.T, var.T

    def log10_pooled_var(self, var: np.ndarray | None = None) -> np.ndarray:
        """log10 of the pooled variance (`pooled()[1]`, if the caller has it) at its true scale:
        −inf for exactly 0, NaN where unknown."""
        return finite_or_nan(log10_scaled(self.pooled()[1] if var is None else var, self.scale.T))

    def true_mean(self, mu: np.ndarray | None = None) -> np.ndarray:
        """e^s · pooled mean (`pooled()[0]`, if the caller has it): 0 where e^s underflows
        (|mean| ≤ rms, below 1e-304 there), ±inf where it overflows."""
        mu, s = self.pooled()[0] if mu is None else mu, self.scale.T
        out = mu * np.exp(np.clip(s, -700, 700))
        out = np.where(s < -700, 0.0, out)
        return np.where(s > 700, np.where(mu == 0, 0.0, np.copysign(np.inf, mu)), out)

    def unit_log10_var(self, g: int = 0) -> np.ndarray:
        """Per-unit log10 variance of block g at its true scale ((L + 1) × max width; NaN
        beyond a layer's width and for unrecorded layers)."""
        var = self.moments()[1][:, g]
        inside = (np.arange(var.shape[1]) < np.asarray(self.widths)[:, None]) \
            & self.recorded[:, g, None]
        return log10_scaled(np.where(inside, var, np.nan), self.scale[:, g, None])


def log10_scaled(var: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """log10(e^(2·scale)·var) without overflow (NaN in, NaN out; 0 → −inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log10(var) + 2 * scale / LN10


def finite_or_nan(log10_values: np.ndarray) -> np.ndarray:
    """A pooled log10 variance: −inf (exactly zero) is kept, +inf and NaN are unknown."""
    return np.where(np.isnan(log10_values) | (log10_values == np.inf), np.nan, log10_values)


class Histograms:
    """Densities of up to HIST_SAMPLES values (whole rows) of each layer of block 0.

    Bins span the activation's range `bounds`, or, for an unbounded σ, the layer's mean ± 4 sd
    (standardized values). Filled as each layer is recorded; NaN where undefined.
    """

    def __init__(self, layers: int, bounds):
        self.bounds = bounds
        self.density = np.full((layers, HIST_BINS), np.nan)

    def edges(self) -> np.ndarray:
        lo, hi = self.bounds if self.bounds is not None else STANDARDIZED_RANGE
        return np.linspace(lo, hi, HIST_BINS + 1)

    def add(self, t: int, x: np.ndarray, mean: np.ndarray, var: np.ndarray) -> None:
        """Bin layer t's first rows (S × n stored values with per-unit moments)."""
        rows = max(1, min(x.shape[0], HIST_SAMPLES // max(x.shape[1], 1)))
        sample = x[:rows].reshape(-1)
        if self.bounds is not None:
            lo, hi = self.bounds
            origin, unit = lo, (hi - lo) / HIST_BINS
        else:
            mu, pooled_var = (float(v) for v in pooled(mean, var))
            if not (pooled_var > 0 and math.isfinite(pooled_var)):
                return
            lo, hi = STANDARDIZED_RANGE
            sd = math.sqrt(pooled_var)
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
        self.density[t] = inside / (sample.size * (hi - lo) / HIST_BINS)
