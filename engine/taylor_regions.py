"""σ's Taylor polynomials at 0 (one-sided where σ has a kink), and where they hold: the regions
where the first-order polynomial, or y = x (what the lecture asks of σ near 0), is within
`LINEAR_TOLERANCE` of σ. They depend on σ only, not on a layer's variance.

Pure numpy; no Qt.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .activations import Activation, make_activation

# "Linear" means |taylor1 − σ| ≤ LINEAR_TOLERANCE · |σ|.
LINEAR_TOLERANCE = 0.1
# The region is found on ±logspace(−8, 8) (and 0): what holds at |x| = 1e8 is taken to hold
# beyond it (true for every activation here: each is exactly linear, or its relative error
# grows, far from 0 on each side).
_REGION_GRID = np.logspace(-8.0, 8.0, 1601)
_BISECTIONS = 64

Terms = tuple[tuple[float, int], ...]


def taylor_terms(act: Activation, order: int) -> tuple[Terms, Terms]:
    """The Taylor terms of `act` at 0 up to x**order, for x ≥ 0 and for x < 0.

    The activation lists every non-zero term up to at least the third order, so truncating
    its terms is the polynomial of that order (gelu's third order is x/2 + x²/√(2π): its
    x³ coefficient is 0).
    """
    return (tuple(t for t in act.taylor if t[1] <= order),
            tuple(t for t in act.taylor_neg if t[1] <= order))


def taylor_polynomial(terms: tuple[Terms, Terms], x: np.ndarray) -> np.ndarray:
    """Evaluate one-sided Taylor terms (`taylor_terms`) at x: positive terms for x ≥ 0,
    negative ones for x < 0; NaN where a value is not finite."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        sides = []
        for side in terms:
            value = np.zeros_like(x)
            for coef, power in side:
                value = value + coef * x**power
            sides.append(value)
        out = np.where(x >= 0, sides[0], sides[1])
    return np.where(np.isfinite(out), out, np.nan)


IDENTITY_TERMS: tuple[Terms, Terms] = (((1.0, 1),), ((1.0, 1),))   # y = x on both sides


def _is_linear(act: Activation, terms1: tuple[Terms, Terms], x: np.ndarray) -> np.ndarray:
    sigma = act.f(x)
    return np.abs(taylor_polynomial(terms1, x) - sigma) <= LINEAR_TOLERANCE * np.abs(sigma)


def linear_region(act: Activation) -> tuple[tuple[float, float], ...]:
    """The intervals where |taylor1 − σ| ≤ LINEAR_TOLERANCE·|σ| (taylor1: the first-order
    Taylor polynomial at 0, one-sided at a kink).

    The condition is checked on 0 and ±logspace(−8, 8, 1601); each change between neighbours is
    refined by bisection to float64 resolution, and what holds at |x| = 1e8 is taken to extend
    to infinity. Where σ(x) = 0 the condition asks taylor1(x) = 0 exactly (relu for x < 0: yes).

    Returns
    -------
    tuple of (a, b)
        Disjoint, sorted intervals, a < b; a = −inf or b = inf when unbounded. Remembered
        per activation and parameters (a pure function of them).
    """
    return _linear_region_of(act.name, tuple(sorted(act.params.items())))


def identity_region(act: Activation) -> tuple[tuple[float, float], ...]:
    """The intervals where |x − σ| ≤ LINEAR_TOLERANCE·|σ|, found as `linear_region`'s."""
    return _linear_region_of(act.name, tuple(sorted(act.params.items())), identity=True)


@functools.lru_cache(maxsize=64)
def _linear_region_of(name: str, params: tuple, identity: bool = False
                      ) -> tuple[tuple[float, float], ...]:
    """`linear_region` (or `identity_region`) of the activation `name` with `params`, computed
    once per activation (it depends on σ only, not on q)."""
    act = make_activation(name, **dict(params))
    return _find_linear_region(act, IDENTITY_TERMS if identity else taylor_terms(act, 1))


def _find_linear_region(act: Activation, terms1: tuple[Terms, Terms]
                        ) -> tuple[tuple[float, float], ...]:
    x = np.concatenate([-_REGION_GRID[::-1], [0.0], _REGION_GRID])
    ok = _is_linear(act, terms1, x)
    change = np.flatnonzero(ok[1:] != ok[:-1])
    lo, hi = x[change], x[change + 1]
    lo_ok = ok[change]
    for _ in range(_BISECTIONS):     # all changes at once: keep [lo, hi] straddling the change
        mid = 0.5 * (lo + hi)
        same = _is_linear(act, terms1, mid) == lo_ok
        lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
    edges = 0.5 * (lo + hi)
    # walk left to right: each change opens (not ok → ok) or closes (ok → not ok) an interval
    intervals, start = [], -math.inf if ok[0] else None
    for edge, was_ok in zip(edges.tolist(), lo_ok.tolist()):
        if was_ok:
            intervals.append((start, edge))
            start = None
        else:
            start = edge
    if start is not None:
        intervals.append((start, math.inf))
    # an interval of no width is the point x = 0 where σ(0) = 0 (0 ≤ 0 holds), left by the
    # bisection as ±2.7e-28: no region (σ = 1.2x had read "< 0.1 %" of y = x, a tour)
    return tuple((float(a), float(b)) for a, b in intervals
                 if b - a > 1e-12 * max([1.0] + [abs(v) for v in (a, b) if math.isfinite(v)]))


def first_order(terms1: tuple[Terms, Terms]) -> tuple[float, float, float]:
    """(σ(0), σ′(0⁺), σ′(0⁻)) from the first-order terms (σ is continuous at 0)."""
    pos, neg = terms1
    value = sum(a for a, power in pos if power == 0)
    slope_pos, slope_neg = (sum(a for a, power in side if power == 1) for side in (pos, neg))
    return value, slope_pos, slope_neg
