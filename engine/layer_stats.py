"""Per-layer statistics of a Monte Carlo pass over G stacked blocks: gathered, then derived.

A pass (`engine.passes`) runs G networks that share their random draws as one array of
G blocks × S samples. While it runs, each layer contributes the per-unit sums Σx, Σx² of
every block over its S samples (BLAS vector products), a histogram of block 0 when asked
(`engine.histograms`), and the mean square per block that decides what happens next
(rescaling, overflow). Per-unit and pooled moments, log scales, heatmaps and the first
unrepresentable layer are derived at the end, for every block at once.

Arrays are stored as e^s · x̂ with one log scale s per block (see `engine.passes`); everything
here is about the stored values x̂ together with each layer's s.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .special_functions import LN10

if TYPE_CHECKING:
    from .histograms import Histograms

# Mean squares of float32 values outside [TINY_SQUARE, ∞) are summed again in float64: below
# it, squares of values ~1e-20 underflow to 0.
TINY_SQUARE = 1e-30
# float32 keeps 24 bits: a unit whose standard deviation over the batch is below a few units in
# the last place of its mean (spacing ≤ 2⁻²³·|mean|) is not measured by float32 values, whatever
# they give: exactly 0, or the rounding error every layer leaves in them (a deep sigmoid
# layer's units keep 2 or 3 distinct values while their true spread shrinks ~1.2 decades a
# layer).
RESOLUTION = 8 * 2.0**-23
_FILLED: dict[tuple[float, int, np.dtype], np.ndarray] = {}


def filled(value: float, n: int, dtype) -> np.ndarray:
    """A read-only vector of n entries equal to `value`, shared between calls (numpy compares
    or clips against a vector several times faster than against a scalar)."""
    key = (value, n, np.dtype(dtype))
    vector = _FILLED.get(key)
    if vector is None:
        vector = np.full(n, value, dtype=dtype)
        vector.flags.writeable = False
        _FILLED[key] = vector
    return vector


def ones(n: int, dtype) -> np.ndarray:
    """A read-only vector of n ones (shared: the batch sums are `ones @ x`)."""
    return filled(1.0, n, dtype)


def _sums(x: np.ndarray, sq: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Σx and Σx² over the samples of every unit of every layer and block (x: … × S × n) as
    float64 arrays (… × n), and the mean square of each layer and block (…).

    float32 BLAS sums (fast). A layer and block whose squares overflow or underflow in float32
    is summed again in float64."""
    S, n = x.shape[-2:]
    one = ones(S, x.dtype)
    s1 = np.matmul(one, x).astype(np.float64)
    s2 = (np.einsum("...sn,...sn->...n", x, x) if sq is None else np.matmul(one, sq)
          ).astype(np.float64)
    second = s2.sum(axis=-1) / (S * n)
    if second.size == 1 and TINY_SQUARE <= float(second.reshape(())) < math.inf:
        return s1, s2, second   # (one array: a Python float's check, µs less a layer)
    bad = ~((second >= TINY_SQUARE) & (second < np.inf))
    if bad.any():
        for i in zip(*np.nonzero(bad)):
            x64 = x[i].astype(np.float64)
            s1[i], s2[i] = x64.sum(axis=0), np.einsum("ij,ij->j", x64, x64)
            second[i] = s2[i].sum() / (S * n)
    return s1, s2, second


def _moments(x: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit mean and variance from the sums (… × n), computed centred where
    E[x²] − E[x]² would cancel (see `_centred`)."""
    S = x.shape[-2]
    mean, var = _from_sums(s1, s2, S)
    for i, (m, v) in _centred(x, s1, s2).items():
        mean[i], var[i] = m, v
    return mean, var


def _from_sums(s1: np.ndarray, s2: np.ndarray, S: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-unit mean and variance E[x²] − E[x]² from the sums over S samples (one temporary:
    a pass's sums may be thousands of layers deep)."""
    mean = s1 / S
    var = s2 / S
    var -= mean * mean
    return mean, np.maximum(var, 0.0, out=var)


def _centred(x: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> dict:
    """Mean and variance, computed centred, of the rows (index into x's leading axes) that
    have a unit whose mean² exceeds 10·var (⇔ 11·(Σx)² > 10·S·Σx²), where E[x²] − E[x]²
    would cancel: none in most layers of a large batch, most rows of a batch of a few."""
    S = x.shape[-2]
    centred = (11.0 * s1 * s1 > 10.0 * S * s2).any(axis=-1)
    fixes = {}
    if centred.any():
        for i in zip(*np.nonzero(centred)):
            mean = s1[i] / S
            dev = x[i] - mean.astype(x.dtype)
            # the deviations' own mean (the float32 sum's error) moves the mean, and comes off
            # the variance: E[(x − m)²] − (E[x] − m)²
            shift = dev.sum(axis=0, dtype=np.float64) / S
            fixes[i] = (mean + shift, np.maximum(
                np.einsum("ij,ij->j", dev, dev, dtype=np.float64) / S - shift * shift, 0.0))
    return fixes


def unit_moments(x3: np.ndarray, sq3: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance over the samples of every unit of every block: x3 is G × S × n
    (sq3 = x3², if the caller has it); returns two G × n float64 arrays."""
    with np.errstate(all="ignore"):
        return _moments(x3, *_sums(x3, sq3)[:2])


def mean_square(x3: np.ndarray) -> np.ndarray:
    """Each block's mean square (G × S × n → G float64), summed again in float64 where the
    float32 sum overflows or underflows: what a pass decides on at each layer (rescaling,
    overflow, underflow). Called per layer, so it leaves floating-point warnings to the caller's
    `np.errstate` (a pass ignores them all)."""
    G = x3.shape[0]
    flat = x3.reshape(G, -1)
    N = flat.shape[1]
    if G == 1:   # one block (a simulation): Python floats, a few µs less per layer
        value = float(np.dot(flat[0], flat[0])) / N
        if TINY_SQUARE <= value < math.inf:
            return np.array([value])
    second = np.vecdot(flat, flat).astype(np.float64) / N
    ok = (second >= TINY_SQUARE) & (second < np.inf)
    if not ok.all():
        for g in np.flatnonzero(~ok):
            row = flat[g].astype(np.float64)
            second[g] = float(np.vecdot(row, row)) / N
    return second


def sum_of_squares(a: np.ndarray) -> float:
    """Σa² of a 1-D array, summed again in float64 where float32 squares overflow (a norm of
    a training's gradients or updates)."""
    square = float(np.vecdot(a, a))
    if not math.isfinite(square):
        a64 = a.astype(np.float64)
        square = float(np.vecdot(a64, a64))
    return square


def pooled(mean: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pooled mean and (ddof 0) variance over all entries, from per-unit moments on the last
    axis (law of total variance: mean of variances + variance of means)."""
    mu = mean.mean(axis=-1)
    spread = mean - mu[..., None]
    return mu, var.mean(axis=-1) + (spread * spread).mean(axis=-1)


def pooled_var(x: np.ndarray) -> np.ndarray:
    """The pooled variance of each block's entries (… × G × S × n → … × G; one S × n array
    gives a 0-d array), for a quantity whose per-unit moments are not wanted (a pass's
    pre-activations, a training's recorded layers). Computed like `unit_moments`."""
    lead = x.shape[:-2]
    flat = x.reshape(-1, x.shape[-2] * x.shape[-1])
    N = flat.shape[1]
    # Σx as per-unit sums over the samples (one BLAS product, like `_sums`), then over units
    units = np.matmul(ones(x.shape[-2], x.dtype), x).astype(np.float64)
    if flat.shape[0] == 1:   # one array (a simulation's layer): Python floats, µs less a layer
        m1, m2 = float(units.sum()) / N, float(np.vecdot(flat[0], flat[0])) / N
        if TINY_SQUARE <= m2 < math.inf and 11.0 * m1 * m1 <= 10.0 * m2:
            return np.full(lead, max(m2 - m1 * m1, 0.0))
    m1 = units.sum(axis=-1).reshape(-1) / N
    m2 = np.vecdot(flat, flat).astype(np.float64) / N
    var = m2 - m1 * m1
    redo = ~((m2 >= TINY_SQUARE) & (m2 < np.inf) & (11.0 * m1 * m1 <= 10.0 * m2))
    if redo.any():
        for g in np.flatnonzero(redo):
            row = flat[g].astype(np.float64)
            row -= row.mean()
            var[g] = float(np.vecdot(row, row)) / N
    return np.maximum(var, 0.0).reshape(lead)


class LayerBatch:
    """Layers of one pass that wait to be summed together (a base class: subclasses say what
    `process(layers, x, squares)` does with them).

    A small layer (at most `LAYER_BYTES`) is copied into a batch of layers of its shape, up to
    `BATCH_BYTES` (and at most `layers`), and `process` gets them as one K × G × S × n array:
    a preview's ~50 layers of 16 samples cost a few numpy calls instead of ~20 each. A larger
    layer is processed at once, without a copy. The copy is taken when the layer is added,
    so the pass may rescale or overwrite its arrays afterwards.
    """

    LAYER_BYTES = 64 * 2**10
    BATCH_BYTES = 2**20

    def __init__(self, layers: int | None = None):
        self.most = layers   # the pass's layer count: no batch needs more room
        self.layers: list[int] = []
        self.buffer: np.ndarray | None = None

    def add(self, t: int, x: np.ndarray, square: np.ndarray | None = None):
        """Add layer t's array (and its square, if the caller has it: used when the layer is
        processed at once). Returns what `process` returned for a layer processed at once,
        None for one that waits."""
        if x.nbytes > self.LAYER_BYTES:
            self.flush()
            return self.process([t], x[None], None if square is None else square[None])
        if self.buffer is not None and (self.buffer.shape[1:] != x.shape
                                        or self.buffer.dtype != x.dtype):
            self.flush()
            self.buffer = None
        if self.buffer is None:
            capacity = max(1, min(self.BATCH_BYTES // max(x.nbytes, 1), self.most or 2**31))
            self.buffer = np.empty((capacity,) + x.shape, x.dtype)
        elif len(self.layers) == len(self.buffer):
            self.flush()
        self.buffer[len(self.layers)] = x
        self.layers.append(t)
        return None

    def flush(self) -> None:
        if self.layers:
            layers, self.layers = self.layers, []
            self.process(layers, self.buffer[: len(layers)], None)

    def process(self, layers: list[int], x: np.ndarray, squares: np.ndarray | None):
        raise NotImplementedError


class PooledVariances(LayerBatch):
    """The pooled variance of each layer's entries per block (`pooled_var`), for a quantity
    whose per-unit moments are not wanted (a pass's pre-activations): layers × G, NaN until
    a layer is added."""

    def __init__(self, layers: int, blocks: int):
        super().__init__(layers)
        self._var = np.full((layers, blocks), np.nan)

    def process(self, layers, x, squares) -> None:
        self._var[layers] = pooled_var(x)

    def values(self) -> np.ndarray:
        self.flush()
        return self._var


class LayerMoments(LayerBatch):
    """Per-unit moments of every layer and block of one pass (layers × G × max width), summed
    in batches of layers (`LayerBatch`). A layer leaves its sums Σx, Σx² per block, or, for a
    block with a unit where E[x²] − E[x]² would cancel, that block's mean and variance computed
    centred in their place (`centred` marks those rows); the moments and pooled values are
    derived when asked, for every layer at once: a few numpy calls per layer while the pass
    runs. Every layer has the same S samples (the pass's batch).

    Parameters
    ----------
    widths : n_0 … n_L.
    blocks : G.
    hist : histograms of block 0's recorded layers, given each layer as it is summed (or None).
    """

    def __init__(self, widths, blocks: int, hist: Histograms | None = None):
        layers, n_max = len(widths), max(widths)
        super().__init__(layers)
        self.widths = tuple(widths)
        self.hist = hist
        self.s1 = np.zeros((layers, blocks, n_max))
        self.s2 = np.zeros((layers, blocks, n_max))
        self.samples: int | None = None                   # S, known once a layer is summed
        self.centred = np.zeros((layers, blocks), dtype=bool)   # s1, s2 hold mean, variance
        self.scale = np.zeros((layers, blocks))
        self.recorded = np.zeros((layers, blocks), dtype=bool)

    def add(self, t: int, x3: np.ndarray, scale: np.ndarray, sq3: np.ndarray | None = None
            ) -> np.ndarray | None:
        """Record layer t: stored values G × S × n (and their squares, if the caller has
        them), log scales per block. Returns each block's mean square when the layer was
        summed at once (its sums give it for free), None when it waits in a batch."""
        self.scale[t] = scale
        self.recorded[t] = True
        return super().add(t, x3, sq3)

    def process(self, layers: list[int], x: np.ndarray, sq: np.ndarray | None) -> np.ndarray:
        S, n = x.shape[-2:]
        if self.samples not in (None, S):
            raise ValueError(f"layers of {self.samples} and {S} samples in one LayerMoments")
        self.samples = S
        with np.errstate(all="ignore"):
            s1, s2, second = _sums(x, sq)
            if len(layers) == 1:   # (a basic index: cheaper than a list's)
                self.s1[layers[0], :, :n], self.s2[layers[0], :, :n] = s1[0], s2[0]
            else:
                self.s1[layers, :, :n], self.s2[layers, :, :n] = s1, s2
            self.centred[layers] = False
            fixes = _centred(x, s1, s2)
            if fixes:
                last = {t: k for k, t in enumerate(layers)}   # a layer added twice: the last
                for (k, g), (m, v) in fixes.items():
                    t = layers[k]
                    if last[t] == k:
                        self.s1[t, g, :n], self.s2[t, g, :n] = m, v
                        self.centred[t, g] = True
            if self.hist is not None:
                kept = self.recorded[layers, 0]
                if kept.any():
                    mean = var = None
                    if self.hist.bounds is None:   # bins around each layer's pooled moments
                        mean, var = _from_sums(s1[:, 0], s2[:, 0], S)
                        for (k, g), (m, v) in fixes.items():
                            if g == 0:
                                mean[k], var[k] = m, v
                    self.hist.add_layers(layers, x[:, 0], mean, var, kept,
                                         scale=self.scale[layers, 0])
        return second[0]

    def discard(self, t, blocks) -> None:
        """Layer t of these blocks is not representable: it gets no statistics."""
        self.recorded[t, blocks] = False
        if self.hist is not None and not self.recorded[t, 0]:
            self.hist.density[t] = np.nan   # (`density` bins what waits first: it stays NaN)

    def moments(self) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit mean and variance of the stored values (layers × G × max width), derived
        afresh (not kept: with the pass's other arrays they would raise its peak memory)."""
        self.flush()
        mean, var = _from_sums(self.s1, self.s2, self.samples or 1)
        if self.centred.any():
            np.copyto(mean, self.s1, where=self.centred[..., None])
            np.copyto(var, self.s2, where=self.centred[..., None])
        return mean, var

    def layer(self, t: int, g: int) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit mean and variance of layer t of block g."""
        n = self.widths[t]
        mean, var = self.moments()
        return mean[t, g, :n], var[t, g, :n]

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

    def unit_log10_var(self, g: int = 0, exact_from: int | None = None
                       ) -> tuple[np.ndarray, np.ndarray]:
        """Per-unit log10 variance of block g at its true scale ((L + 1) × max width; NaN
        beyond a layer's width, for unrecorded layers and where float32 does not resolve the
        unit's spread), and where it does not resolve it: a unit with a mean whose standard
        deviation is below `RESOLUTION`·|mean|. From layer `exact_from` on (after a layer of
        zero weights) every input gives the same value in exact arithmetic too: such a unit's
        variance is 0 (−inf), not the rounding of its moments."""
        mean, var = (a[:, g] for a in self.moments())
        inside = (np.arange(var.shape[1]) < np.asarray(self.widths)[:, None]) \
            & self.recorded[:, g, None]
        unresolved = inside & (mean != 0) & (var < (RESOLUTION * mean) ** 2)
        if exact_from is not None:
            var = np.where(unresolved & (np.arange(len(var)) >= exact_from)[:, None], 0.0, var)
            unresolved[exact_from:] = False
        log10 = log10_scaled(np.where(inside & ~unresolved, var, np.nan), self.scale[:, g, None])
        return log10, unresolved


def log10_scaled(var: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """log10(e^(2·scale)·var) without overflow (NaN in, NaN out; 0 → −inf)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log10(var) + 2 * scale / LN10


def finite_or_nan(log10_values: np.ndarray) -> np.ndarray:
    """A pooled log10 variance: −inf (exactly zero) is kept, +inf and NaN are unknown."""
    return np.where(np.isnan(log10_values) | (log10_values == np.inf), np.nan, log10_values)
