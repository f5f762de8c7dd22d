"""Histograms of a Monte Carlo pass: the density of each layer's values in block 0.

A layer's values are binned over the activation's range when σ is bounded, else standardized
(mean ± 4 sd of the layer). Layers are gathered and binned several at once (`LayerBatch`), as
the moments are (`engine.layer_stats`).
"""

from __future__ import annotations

import numpy as np

from .layer_stats import LayerBatch, filled, pooled

HIST_BINS = 64
HIST_SAMPLES = 8192
STANDARDIZED_RANGE = (-4.0, 4.0)


class Histograms(LayerBatch):
    """Densities of up to HIST_SAMPLES values (whole rows) of each layer of block 0.

    Bins span the activation's range `bounds`, or, for an unbounded σ, the layer's mean ± 4 sd
    (standardized values), fixed when the layer is added. A layer's sample is copied when added
    and binned together with others (`LayerBatch`: one count for many layers instead of ~15
    numpy calls each); `density` is NaN where undefined.
    """

    # a batch's count makes ~4 bytes of temporaries (positions, bins, bincount's intp copy)
    # per byte of samples: smaller batches than the moments' keep that small
    BATCH_BYTES = 2**18

    def __init__(self, layers: int, bounds):
        super().__init__(layers)
        self.bounds = bounds
        self._density = np.full((layers, HIST_BINS), np.nan)
        self._origin = np.zeros(layers)   # bin k + 1 holds [origin + k·unit, origin + (k+1)·unit)
        self._unit = np.ones(layers)
        self._shrink = np.ones(layers)   # e^s of the stored values (bounded σ)
        self._ok = np.zeros(layers, dtype=bool)
        self._zero = np.full(layers, np.nan)   # where h = 0 lies, standardized (unbounded σ)
        self._beyond = np.full(layers, np.nan)

    @property
    def density(self) -> np.ndarray:
        """layers × HIST_BINS densities (every layer added so far binned)."""
        self.flush()
        return self._density

    @property
    def zero(self) -> np.ndarray:
        """Per layer, where h = 0 lies on the standardized axis, −mean/std (relu's zeros sit
        below the middle); NaN for a bounded σ (its axis is h itself) and where undefined."""
        return self._zero

    @property
    def beyond(self) -> np.ndarray:
        """Per layer, the share of its binned values that lie beyond the bins' range, left
        out of its density: the input's tails beyond a bounded σ's range, an unbounded σ's
        values beyond ±4 sd (NaN where undefined)."""
        self.flush()
        return self._beyond

    def edges(self) -> np.ndarray:
        lo, hi = self._range()
        return np.linspace(lo, hi, HIST_BINS + 1)

    def _range(self) -> tuple[float, float]:
        return self.bounds if self.bounds is not None else STANDARDIZED_RANGE

    def add_layer(self, t: int, x: np.ndarray, mean: np.ndarray, var: np.ndarray) -> None:
        """Bin layer t's first rows (S × n stored values with per-unit moments)."""
        self.add_layers([t], x[None], mean[None], var[None])

    def add_layers(self, layers: list[int], x: np.ndarray, mean: np.ndarray | None,
                   var: np.ndarray | None, select: np.ndarray | None = None,
                   scale: np.ndarray | None = None) -> None:
        """Bin the first rows of each of these layers (K × S × n stored values with per-unit
        moments K × n, which bins within the activation's bounds do without: None, and log
        scales K, the true values e^s·x, which only those bins need), or of those `select`
        marks; a single layer waits for others."""
        S, n = x.shape[1:]
        rows = max(1, min(S, HIST_SAMPLES // max(n, 1)))
        layers = np.asarray(layers)
        if select is not None and not select.all():
            layers, x = layers[select], x[select, :rows]
            if mean is not None:
                mean, var = mean[select], var[select]
            if scale is not None:
                scale = scale[select]
        K = x.shape[0]
        sample = x[:, :rows].reshape(K, -1)
        lo, hi = self._range()
        # bins of the true values e^s·x within the bounds (unbounded σ: standardized values,
        # the same whatever the scale); e^s ≤ 1, σ bounded
        self._shrink[layers] = 1.0 if scale is None or self.bounds is None \
            else np.exp(np.minimum(scale, 0.0))
        if self.bounds is not None:
            origin, unit, ok = float(lo), (hi - lo) / HIST_BINS, True
        else:
            mu, pooled_var = pooled(mean, var)
            ok = (pooled_var > 0) & np.isfinite(pooled_var)
            if scale is not None:   # e^s = 0: every true value is 0 (zero weights), whatever
                ok &= scale > -np.inf   # the stored ones hold: no spread to standardize by
            sd = np.sqrt(np.where(ok, pooled_var, 1.0))
            origin, unit = np.where(ok, mu + lo * sd, 0.0), (hi - lo) / HIST_BINS * sd
            self._zero[layers] = np.where(ok, -mu / sd, np.nan)
        self._origin[layers], self._unit[layers], self._ok[layers] = origin, unit, ok
        if K == 1:
            self.add(int(layers[0]), sample[0])
        else:
            self.process(list(layers), sample, None)

    def process(self, layers: list[int], sample: np.ndarray, squares=None) -> None:
        """Bin K samples (K × values) in one count."""
        K, m = sample.shape
        layers = np.asarray(layers)
        origin, unit = self._origin[layers], self._unit[layers]
        # Bin k + 1 holds [origin + k·unit, origin + (k+1)·unit); 0 collects what lies below
        # the range and HIST_BINS + 1 the upper edge and beyond (one fused pass, no masking).
        f = sample.dtype.type
        exact = self.bounds is not None and float(self.bounds[0] / unit[0]).is_integer()
        factor = (self._shrink[layers] / unit).astype(f)
        if exact:
            # the bounds' bins: a whole number of units from 0 (σ's range is ±1, 0…1, ±2 in
            # 64 bins), so the bin is floor(x / unit) plus that number, exactly; the sum
            # x / unit + offset rounded a value within float32's epsilon of the offset into
            # the bin above 0 whatever its sign (a vanished tanh's ±10⁻²⁰ all read as > 0),
            # and a scale below float32's made every value 0: kept at its smallest normal,
            # each tiny value keeps its sign, so its side of 0
            factor = np.maximum(factor, np.finfo(f).tiny)
        pos = sample * factor[:, None]
        if exact:
            np.floor(pos, out=pos)
            # a product below float32's range is ±0 (a stored |x| < 6e-8 at that scale):
            # floor(−0) is −0, so a negative value would count on the positive side; only
            # a factor below 1 can do that (a vanishing run's), so the usual rows skip it
            small = factor < 1
            if small.any():
                rows = pos[small]
                rows[(rows == 0) & (sample[small] < 0)] = -1
                pos[small] = rows
        pos += (1.0 - origin / unit).astype(f)[:, None]
        np.fmax(pos, filled(0.0, m, f), out=pos)   # (NaN, of a layer discarded once binned, → 0)
        np.fmin(pos, filled(HIST_BINS + 1.5, m, f), out=pos)
        index = pos.astype(np.int32)   # bin numbers stay far below 2³¹: half the bytes of intp
        index += (np.arange(K, dtype=np.int32) * (HIST_BINS + 2))[:, None]
        counts = np.bincount(index.reshape(-1), minlength=K * (HIST_BINS + 2)).reshape(K, -1)
        inside = counts[:, 1: HIST_BINS + 1].astype(np.float64)
        lo, hi = self._range()
        above = counts[:, HIST_BINS + 1]
        if self.bounds is not None:
            # σ(x) at its upper bound (a saturated unit) belongs to the last bin; layer 0, the
            # input, is not bounded by σ, and what lies beyond the range is left out there
            inside[:, -1] += np.where(layers > 0, above, 0)
            above = np.where(layers > 0, 0, above)
        density = inside / (m * (hi - lo) / HIST_BINS)
        ok = self._ok[layers]
        self._density[layers[ok]] = density[ok]
        self._beyond[layers[ok]] = ((counts[:, 0] + above) / m)[ok]
