"""The Fuss–Catalan law: the squared singular values y of a product of L independent n × n
matrices with i.i.d. zero-mean entries of variance 1/n, as n → ∞ at fixed L (free
probability; the Marchenko–Pastur law at L = 1). The Jacobian of a linear network of equal
widths with i.i.d. weights is such a product, its y scaled by its mean squared singular value
(`engine.spectrum.Spectrum.free_law`).

Parametric form (Haagerup & Möller 2012; Neuschel 2014), for φ ∈ (0, π/(L+1)):

    y(φ) = sin((L+1)φ)^{L+1} / (sin φ · sin(Lφ)^L)
    ρ(y(φ)) = sin(φ)² · sin(Lφ)^{L−1} / (π · sin((L+1)φ)^L)

on the support (0, (L+1)^{L+1}/L^L] (φ → 0 is the edge); its k-th moment is the Fuss–Catalan
number C((L+1)k, k)/(Lk+1): 1, L+1, … Worked in logs: near 0 the density of log y falls off
only as y^{1/(L+1)}, and at depth 1000 the values span thousands of decades.
"""

from __future__ import annotations

import math

import numpy as np

# How far towards y → 0 the curve goes: φ within this fraction of π/(L+1) from its end
# (at depth 1 that is y ≈ 10⁻²³, at depth 50 10⁻⁵²⁵: beyond any float64 floor)
NEAR_ZERO = 1e-12
# φ's grid from which a curve evenly spread in log₁₀ y is read (`log10_density`'s `start`)
FINE = 20_000


def log10_edge(depth: int) -> float:
    """log₁₀ of the support's right end, (L+1)^{L+1}/L^L (4 at L = 1, → e(L+1))."""
    L = depth
    return ((L + 1) * math.log(L + 1) - L * math.log(L)) / math.log(10)


def log10_density(depth: int, start: float | None = None, points: int = 600
                  ) -> tuple[np.ndarray, np.ndarray]:
    """(v, p): v = log₁₀ y ascending, up to the edge, and the density of v per decade,
    p = ln 10 · y · ρ(y), at `points` values: from `start` (a log₁₀ y) evenly spread in v,
    or (None) from φ within `NEAR_ZERO` of its end, dense where the bulk and the edge are.
    Each point is on the curve: its v and p come from its own φ."""
    L = depth
    end = math.pi / (L + 1)
    count = FINE if start is not None else points
    # t = 1 − φ/end: log-spaced towards y → 0, even towards the edge (t → 1)
    t = np.unique(np.concatenate([np.geomspace(NEAR_ZERO, 0.05, count // 2),
                                  np.linspace(0.05, 1.0, count - count // 2)]))
    phi = end * (1.0 - t[:-1])   # (φ = 0 itself: the edge, appended below)
    v, p = _curve(L, phi)
    edge = log10_edge(L)
    if start is not None:   # the φ of evenly spread v, read off the fine grid
        wanted = np.linspace(max(start, v[0]), edge, points)[:-1]
        v, p = _curve(L, np.interp(wanted, v, phi))
    return np.append(v, edge), np.append(p, 0.0)   # (ρ → 0 at the edge)


def _curve(L: int, phi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(log₁₀ y, ln 10 · y · ρ(y)) at φ ∈ (0, π/(L+1)), in logs (module docstring)."""
    a_next = np.log(np.sin((L + 1) * phi))
    a_one = np.log(np.sin(phi))
    a_L = np.log(np.sin(L * phi))
    log_y = (L + 1) * a_next - a_one - L * a_L
    log_rho = 2 * a_one + (L - 1) * a_L - math.log(math.pi) - L * a_next
    return log_y / math.log(10), math.log(10) * np.exp(log_y + log_rho)
