"""The Weights tab's numbers: how the entries of one layer's W^t are distributed.

The lecture's Xavier init draws W^t from N(0, γ_t) or from U(−√(6/(n_in+n_out)), +√(6/(…))),
the uniform whose variance is the same γ_t = 2/(n_in+n_out); every variance formula of the
forward and backward pass sees only γ_t, so both give the same profiles. `weight_distribution`
gives the densities of the config's distribution and, beside it, of the normal and the uniform
with that variance, and a histogram of the weights this network draws for the layer: all of
W^t up to `SAMPLE` entries, else its first rows (the same numbers: each layer's draws come from
their own stream, filled row by row), which for a truncated normal or an orthogonal W^t would
not be the network's (a rejection or a QR of the whole matrix), so none is drawn for those.

Pure numpy; no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .config import SimConfig
from .draws import ROW_BY_ROW, Draws
from .initializers import (TRUNCATED_NORMAL_MASS, TRUNCATED_NORMAL_VAR, TRUNCATION,
                           layer_variances)
from .special_functions import std_normal_pdf

__all__ = ["BINS", "SAMPLE", "WeightDistribution", "weight_distribution"]

SAMPLE = 2**18        # at most this many weights are histogrammed
BINS = 60
POINTS = 401          # the densities' grid, over ±4 sd (the uniform's ends are at ±1.73)


@dataclass(frozen=True, eq=False)
class WeightDistribution:
    """Layer `layer`'s W^t (`n_in` × `n_out`, variance `gamma`): densities on the grid `x` of
    the config's `distribution` (`density`; an orthogonal W^t's, `unit_vector_entry`, None
    at 1 × 1, whose one entry is ±√γ), of N(0, γ) (`normal`) and of U(±`bound`) (`uniform`,
    `bound` = √(3γ));
    the histogram `hist_density` over `edges` of `drawn` weights of the network (all of them
    when `whole`), and their variance `drawn_var`; None, 0 and NaN when none are drawn;
    `cut`, a truncated normal's ±2s (its s such that the variance is γ), else None;
    `beyond`, how many of the drawn weights lie outside the grid's ±4 sd (in no bin)."""

    layer: int
    n_in: int
    n_out: int
    gamma: float
    distribution: str
    x: np.ndarray
    density: np.ndarray | None
    normal: np.ndarray
    uniform: np.ndarray
    bound: float
    edges: np.ndarray | None
    hist_density: np.ndarray | None
    drawn: int
    whole: bool
    drawn_var: float
    cut: float | None = None
    beyond: int = 0


def weight_distribution(config: SimConfig, layer: int) -> WeightDistribution:
    """The distribution of W^t's entries for t = `layer` (1 … depth) of `config`."""
    if not 1 <= layer <= config.depth:
        raise ValueError(f"layer must be between 1 and {config.depth}, got {layer}")
    n_in, n_out = config.widths[layer - 1], config.widths[layer]
    gamma = float(layer_variances(config)[layer - 1])
    sd = math.sqrt(gamma)
    bound = math.sqrt(3.0) * sd
    half = 4.0 * sd
    x = np.linspace(-half, half, POINTS)
    cut = None
    with np.errstate(all="ignore"):
        normal = _normal(x, sd)
        uniform = np.where(np.abs(x) <= bound, 0.5 / bound, 0.0) if bound > 0 else \
            np.zeros_like(x)
        if config.distribution == "uniform":
            density = uniform
        elif config.distribution == "truncated_normal":
            s = sd / math.sqrt(TRUNCATED_NORMAL_VAR)
            cut = TRUNCATION * s
            density = np.where(np.abs(x) <= cut, _normal(x, s) / TRUNCATED_NORMAL_MASS, 0.0)
        elif config.distribution == "orthogonal":
            density = unit_vector_entry(x, max(n_in, n_out), gamma)
        else:
            density = normal
    standardized, whole = _drawn(config, layer, n_in, n_out)
    edges = hist = None
    drawn_var = math.nan
    beyond = 0
    if standardized is not None and gamma > 0:
        values = standardized.astype(np.float64).ravel() * sd
        edges = np.linspace(-half, half, BINS + 1)
        counts, _ = np.histogram(values, bins=edges)
        hist = counts / (values.size * (edges[1] - edges[0]))
        drawn_var = float(np.mean(values * values))   # (zero-mean by construction)
        beyond = int(values.size - counts.sum())
    drawn = 0 if hist is None else int(standardized.size)
    return WeightDistribution(layer, n_in, n_out, gamma, config.distribution, x, density,
                              normal, uniform, bound, edges, hist, drawn, whole, drawn_var, cut,
                              beyond)


def _normal(x: np.ndarray, sd: float) -> np.ndarray:
    """The N(0, sd²) density at x (0 for sd = 0: no density to draw)."""
    if sd == 0:
        return np.zeros_like(x)
    return std_normal_pdf(x / sd) / sd


def _drawn(config: SimConfig, layer: int, n_in: int, n_out: int):
    """The network's standardized draws of layer `layer` (trial 0): all of them, or their first
    rows up to `SAMPLE` entries where those are the network's own; (array or None, whole)."""
    draws = Draws(config, 0, None)
    if n_in * n_out <= SAMPLE:
        return draws.weight(layer), True
    if config.distribution not in ROW_BY_ROW:
        return None, False
    return draws.weight_rows(layer, max(1, SAMPLE // n_out)), False


def unit_vector_entry(x: np.ndarray, n: int, gamma: float) -> np.ndarray | None:
    """The density at `x` of an orthogonal W^t's entries: its columns (or rows, along its
    longer side, n) are unit vectors uniform on the sphere in Rⁿ, scaled by √(nγ) to variance
    γ, and one coordinate u of such a vector has density Γ(n/2)/(√π Γ((n−1)/2))·(1 − u²)^((n−3)/2)
    on |u| < 1: arcsine at n = 2, uniform U(±√(3γ)) at 3, nearly normal as n grows (a
    researcher's tour: 15 × 15's 225 entries had been called "a few values"). None at n = 1,
    whose one entry is ±√γ."""
    if n < 2 or gamma <= 0:
        return None
    s = math.sqrt(n * gamma)
    u = np.abs(x) / s
    log_c = math.lgamma(n / 2) - math.lgamma((n - 1) / 2) - 0.5 * math.log(math.pi)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inside = np.exp(log_c + 0.5 * (n - 3) * np.log1p(-u * u)) / s
    return np.where(u < 1, inside, 0.0)
