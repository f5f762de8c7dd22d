"""The law of the squared singular values y of a product of L independent n × n random
matrices with i.i.d. zero-mean entries of variance 1/n, each after a diagonal mask that keeps
a row with probability `keep` (σ' ∈ {0, 1}: relu's, keep = ½), as n → ∞ at fixed L (free
probability). With keep = 1 it is the Fuss–Catalan law (Marchenko–Pastur at L = 1); the
Jacobian of a network of equal widths with i.i.d. weights whose σ' is ±α (or relu's 0 and 1)
is such a product, its y scaled by its mean squared singular value
(`engine.spectrum.Spectrum.free_law`).

The S-transform of each factor is 1/(keep + z) (Marchenko–Pastur's 1/(1 + z) times the mask's
(1 + z)/(keep + z)), so u = ψ(1/y), the moment generating function at 1/y, solves

    y = (1 + u)(1 + u/keep)^L / u        (y scaled by keep^−L: a mean of 1 over all n)

On the support u is complex; with u = r·e^{iθ}, θ ∈ (0, π), y is real where
arg(1 + u) + L·arg(1 + u/keep) = θ, which fixes r (the left side grows with r: bisection), and
the density there is ρ(y) = r·sin θ / (π·y) (its mass is `keep`; the rest, 1 − keep, is an atom
at 0). θ → 0 is the right edge, the minimum over real u > 0 of the right side: at
u = (1 − L + √((L − 1)² + 4L·keep))/(2L), (L+1)^{L+1}/L^L for keep = 1. Worked in logs: at
depth 1000 the values span thousands of decades.
"""

from __future__ import annotations

import functools
import math

import numpy as np

# How far towards y → 0 the curve goes: θ within this fraction of π from its end
NEAR_END = 1e-12
# θ's grid from which a curve evenly spread in log₁₀ y is read (`log10_density`'s `start`)
FINE = 4000
# halvings of log r's bracket (10⁻¹⁵ … 10⁶ at first): r to double precision
HALVINGS = 64


def log10_edge(depth: int, keep: float = 1.0) -> float:
    """log₁₀ of the support's right end ((L+1)^{L+1}/L^L for keep = 1, → e(L+1))."""
    L = depth
    u = (1 - L + math.sqrt((L - 1) ** 2 + 4 * L * keep)) / (2 * L)
    return (math.log1p(u) + L * math.log1p(u / keep) - math.log(u)) / math.log(10)


def log10_density(depth: int, keep: float = 1.0, start: float | None = None,
                  points: int = 600) -> tuple[np.ndarray, np.ndarray]:
    """(v, p): v = log₁₀ y ascending, up to the edge, and the density of v per decade,
    p = ln 10 · y · ρ(y) (its integral is `keep`), at `points` values: from `start` (a
    log₁₀ y) evenly spread in v, or (None) from θ within `NEAR_END` of π, dense where the
    bulk and the edge are. Each point is on the law: its v and p come from its own θ."""
    if start is None:
        theta = _thetas(points)
    else:   # the θ of evenly spread v, read off a fine grid
        fine_theta, fine_v = _fine(depth, keep)
        wanted = np.linspace(max(start, fine_v[0]), log10_edge(depth, keep), points)[:-1]
        theta = np.interp(wanted, fine_v, fine_theta)
    v, p = _law(depth, keep, theta)
    rising = _rising(v)
    return (np.append(v[rising], log10_edge(depth, keep)),
            np.append(p[rising], 0.0))   # (ρ → 0 at the edge)


def _thetas(count: int) -> np.ndarray:
    """θ from near π (y → 0) to near 0 (the edge), log-spaced towards π."""
    t = np.unique(np.concatenate([np.geomspace(NEAR_END, 0.05, count // 2),
                                  np.linspace(0.05, 1.0, count - count // 2)]))
    return math.pi * (1.0 - t[:-1])   # (θ = 0 itself: the edge)


@functools.lru_cache(maxsize=8)
def _fine(depth: int, keep: float) -> tuple[np.ndarray, np.ndarray]:
    """θ and v on a fine grid, v ascending (a spectrum's curve and its words ask again)."""
    theta = _thetas(FINE)
    v = _law(depth, keep, theta)[0]
    rising = _rising(v)
    return theta[rising], v[rising]


def _rising(v: np.ndarray) -> np.ndarray:
    """Where v rises above every value before it: a support bounded away from 0 (relu's at
    depth 1 from (√2 − 1)²) ends in many θ of one y, as rounding orders them."""
    return np.concatenate([[True], v[1:] > np.maximum.accumulate(v)[:-1]])


def _law(L: int, keep: float, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(log₁₀ y, ln 10 · y · ρ(y)) at each θ (module docstring)."""
    turn = np.exp(1j * theta)

    def excess(log_r):   # arg(1 + u) + L·arg(1 + u/keep) − θ, growing with r
        u = np.exp(log_r) * turn
        return np.angle(1 + u) + L * np.angle(1 + u / keep) - theta

    low = np.full(theta.shape, math.log(1e-15))
    high = np.full(theta.shape, math.log(1e6))
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(HALVINGS):
            middle = (low + high) / 2
            below = excess(middle) < 0
            low, high = np.where(below, middle, low), np.where(below, high, middle)
    log_r = (low + high) / 2
    u = np.exp(log_r) * turn
    log_y = np.log(np.abs(1 + u)) + L * np.log(np.abs(1 + u / keep)) - log_r
    # p = ln 10 · y · ρ(y) = ln 10 · r sin θ / π
    return log_y / math.log(10), math.log(10) * np.exp(log_r) * np.sin(theta) / math.pi
