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
# (at depth 1 that is y ≈ 10⁻²⁴, at depth 50 some 10⁻⁶⁰⁰: beyond any float64 floor)
NEAR_ZERO = 1e-12


def log10_edge(depth: int) -> float:
    """log₁₀ of the support's right end, (L+1)^{L+1}/L^L (4 at L = 1, → e(L+1))."""
    L = depth
    return ((L + 1) * math.log(L + 1) - L * math.log(L)) / math.log(10)


def log10_density(depth: int, points: int = 600) -> tuple[np.ndarray, np.ndarray]:
    """(v, p): v = log₁₀ y ascending, up to the edge, and the density of v per decade,
    p = ln 10 · y · ρ(y), at `points` values of φ (dense where the bulk and the edge are)."""
    L = depth
    end = math.pi / (L + 1)
    # t = 1 − φ/end: log-spaced towards y → 0, even towards the edge (t → 1)
    t = np.unique(np.concatenate([np.geomspace(NEAR_ZERO, 0.05, points // 2),
                                  np.linspace(0.05, 1.0, points - points // 2)]))
    phi = end * (1.0 - t[:-1])   # (φ = 0 itself: the edge, its limit below)
    a_next = np.log(np.sin((L + 1) * phi))
    a_one = np.log(np.sin(phi))
    a_L = np.log(np.sin(L * phi))
    log_y = (L + 1) * a_next - a_one - L * a_L
    log_rho = 2 * a_one + (L - 1) * a_L - math.log(math.pi) - L * a_next
    v = np.append(log_y / math.log(10), log10_edge(L))
    p = np.append(math.log(10) * np.exp(log_y + log_rho), 0.0)   # (ρ → 0 at the edge)
    return v, p
