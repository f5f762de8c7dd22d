"""The composite quadrature rule of `gaussian.GaussianExpectations.quadrature`, tabulated once.

For E over z ~ N(0, 1) of g(√q z): 10-point Gauss–Legendre on panels of z ≥ 0 (the integrand
folded as g(√q z) + g(−√q z), so a kink at 0 sits on a panel edge): [1, 12] in steps of 1
(φ(12) ≈ 5e-32), a geometric ladder [2^-(k+1), 2^-k] for k < K and a head panel [0, 2^-K],
with K = max(10, ⌈log2(1e3·√q)⌉): the finest panel is below 1e-3·min(1, 1/√q), the sliver
where σ' of tanh/sigmoid lives at large q. Against mpmath this is good to ~1e-13 relative for
every activation. Row K − K_MIN of `RULES` is the rule for K (nodes, weights with φ, their
product), zero-padded to one length so entries with different K are one matrix; `RULES_BOTH`
and `RULES_ODD` are the forms `gaussian` sums with.
"""

from __future__ import annotations

import math

import numpy as np

from ..special_functions import std_normal_pdf

LOG_Q_HUGE = math.log(1e32)  # the largest q the rule serves (above it, the asymptotics)

N_GL = 10
_X_GL, _W_GL = np.polynomial.legendre.leggauss(N_GL)
K_MIN = 10
K_MAX = int(math.ceil(math.log2(1e3 * math.exp(0.5 * LOG_Q_HUGE)))) + 1


def panel_nodes(lo: np.ndarray, hi: np.ndarray, x: np.ndarray = _X_GL,
                w: np.ndarray = _W_GL) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes and weights on panels [lo_i, hi_i], shape (..., panels·n)."""
    half = 0.5 * (hi - lo)
    nodes = (0.5 * (hi + lo))[..., None] + half[..., None] * x
    weights = half[..., None] * w * np.ones_like(nodes)
    shape = nodes.shape[:-2] + (-1,)
    return nodes.reshape(shape), weights.reshape(shape)


def _rule_tables() -> tuple[np.ndarray, int]:
    edges = np.arange(1.0, 12.0 + 0.5, 1.0)
    tail_z, tail_w = panel_nodes(edges[:-1], edges[1:])
    k = np.arange(K_MAX)
    ladder_z, ladder_w = panel_nodes(2.0 ** -(k + 1.0), 2.0 ** -k)
    fixed_z = np.concatenate([tail_z, ladder_z])
    fixed_w = np.concatenate([tail_w, ladder_w]) * std_normal_pdf(fixed_z)
    n_tail = tail_z.size
    rules = np.zeros((K_MAX + 1 - K_MIN, 3, n_tail + (K_MAX + 1) * N_GL))
    for row, k in enumerate(range(K_MIN, K_MAX + 1)):
        m = n_tail + k * N_GL
        head_z = (0.5 + 0.5 * _X_GL) * 2.0 ** -k
        rules[row, 0, :m], rules[row, 0, m:m + N_GL] = fixed_z[:m], head_z
        rules[row, 1, :m], rules[row, 1, m:m + N_GL] = (
            fixed_w[:m], 0.5 * _W_GL * 2.0 ** -k * std_normal_pdf(head_z))
    rules[:, 2] = rules[:, 1] * rules[:, 0]
    return rules, n_tail


def _level_edges() -> np.ndarray:
    """The smallest log q at which K = clip(⌈log2(1e3·√q)⌉, K_MIN, K_MAX) reaches each of
    K_MIN + 1 … K_MAX, so that K = K_MIN + searchsorted(edges, log q, "right") exactly
    (bisection on the bits of positive floats, with the formula evaluated as numpy does)."""
    def level(log_q):
        return np.clip(np.ceil(np.log2(1e3 * np.sqrt(np.exp(log_q)))), K_MIN, K_MAX)

    k = np.arange(K_MIN + 1, K_MAX + 1.0)
    guess = 2.0 * np.log(2.0 ** (k - 1) / 1e3)
    lo, hi = (np.asarray(guess + d).view(np.int64) for d in (-1e-6, 1e-6))
    while (hi - lo > 1).any():
        mid = lo + (hi - lo) // 2
        up = level(mid.view(np.float64)) >= k
        lo, hi = np.where(up, lo, mid), np.where(up, mid, hi)
    return hi.view(np.float64)


RULES, N_TAIL = _rule_tables()
# the same rules on both half lines: nodes ±z, weights w, w·z (odd in z), as (row, 3, 2, n);
# and for odd σ, where every integrand used is even in z, z ≥ 0 alone with weights doubled
RULES_BOTH = np.stack([RULES, RULES * np.array([-1.0, 1.0, -1.0])[:, None]], axis=2)
RULES_ODD = RULES * np.array([1.0, 2.0, 2.0])[:, None]
LEVEL_EDGES = _level_edges()
LEVEL_LIST = LEVEL_EDGES.tolist()
for _table in (RULES, RULES_BOTH, RULES_ODD, LEVEL_EDGES):
    _table.setflags(write=False)
