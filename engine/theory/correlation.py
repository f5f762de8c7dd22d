"""The correlation map of two inputs and its fixed point c* in the chaotic phase (Poole et al.
2016, eqs. 4–5; Schoenholz et al. 2017, eqs. 7–8), as array functions of (q, c).

Two pre-activations u₁, u₂ with variance q each and correlation c are u_i = √q(√c g + √(1−c) e_i)
with g, e₁, e₂ i.i.d. N(0, 1), so

    E[σ(u₁)σ(u₂)] = E_g[h(g)²],   h(g) = E_e[σ(a g + b e)],   a = √(qc), b = √(q(1−c)),

and likewise E[σ'(u₁)σ'(u₂)] with σ'. Each inner integral is split at its kink e = −a g/b and
refined around it on the scale 1/b; h is σ smoothed by a Gaussian of width b, so the outer
rule is refined towards g = 0 on the scale b/a. 6-point Gauss–Legendre panels; relative
accuracy ~1e-8 (tested against the arc-cosine kernel of relu and a tensor Gauss–Hermite rule).
"""

from __future__ import annotations

import math

import numpy as np

from ..activations import Activation
from ..special_functions import std_normal_pdf
from .rules import panel_nodes

_N_GL = 6
_X_GL, _W_GL = np.polynomial.legendre.leggauss(_N_GL)
_ZMAX = 7.0       # φ(7) ≈ 9e-12
_GRID = np.arange(-_ZMAX, _ZMAX + 0.5, 1.0)
_FINE = 0.25      # finest panel next to a kink/transition, in units of its width
_CHUNK = 1 << 20  # evaluate at most this many nodes at once


def _panels(pts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights (φ included) of the Gauss–Legendre panels between sorted break
    points along the last axis."""
    nodes, weights = panel_nodes(pts[..., :-1], pts[..., 1:], _X_GL, _W_GL)
    return nodes, weights * std_normal_pdf(nodes)


def _fine_level(width: np.ndarray, span: float) -> tuple[np.ndarray, np.ndarray]:
    """(finest panel, number of halvings) to refine a span down to _FINE·min(1, width)."""
    finest = _FINE * np.minimum(1.0, width)
    return finest, np.maximum(0, np.ceil(np.log2(span / finest))).astype(np.int64)


def _inner(act: Activation, a: np.ndarray, b: np.ndarray, g: np.ndarray,
           finest: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """h(g), h₁(g) (σ and σ' smoothed) and h(−g), h₁(−g) for entries with a, b (shape R)
    at outer nodes g (shape G): per row, break points at the kink e = −a g/b, geometrically
    away from it (finest·2^j, j ≤ k) and on the unit grid over [−7, 7]."""
    rel = finest[:, None] * 2.0 ** np.arange(k + 1.0)
    rel = np.concatenate([np.zeros((a.size, 1)), rel, -rel], axis=1)
    centers = (-a[:, None] * g) / b[:, None]
    pts = np.concatenate([np.broadcast_to(_GRID, centers.shape + _GRID.shape),
                          np.clip(centers[..., None] + rel[:, None, :], -_ZMAX, _ZMAX)], axis=2)
    pts.sort(axis=2)
    e, we = _panels(pts)
    x = e * b[:, None, None]
    x += (a[:, None] * g)[..., None]
    if act.odd:  # σ(−x) = −σ(x), σ'(−x) = σ'(x): h(−g) = −h(g), h₁(−g) = h₁(g)
        f, df = act.values_and_slopes(x)
        h, h1 = np.vecdot(f, we), np.vecdot(df, we)
        return h, h1, -h, h1
    if act.point_symmetric:  # σ(−x) = 2σ(0) − σ(x): h(−g) = 2σ(0)·Σw − h(g), h₁(−g) = h₁(g)
        f, df = act.values_and_slopes(x)   # (half the work: sigmoid's map was 2.7× tanh's)
        h, h1 = np.vecdot(f, we), np.vecdot(df, we)
        return h, h1, 2.0 * act.value0 * np.add.reduce(we, axis=-1) - h, h1
    # the rule at −g is the mirror image of the rule at g, so h(−g) = Σ w σ(−x)
    f, df = act.values_and_slopes(np.stack([x, -x]))
    h, h1 = np.vecdot(f, we), np.vecdot(df, we)
    return h[0], h1[0], h[1], h1[1]


def correlation_map(act: Activation, q, c) -> tuple[np.ndarray, np.ndarray]:
    """(E[σ(u₁)σ(u₂)], E[σ'(u₁)σ'(u₂)]) for (u₁, u₂) centred Gaussian, variance q each,
    correlation c ∈ [0, 1); q and c broadcast against each other (module docstring)."""
    q, c = np.broadcast_arrays(np.asarray(q, dtype=float), np.asarray(c, dtype=float))
    shape = q.shape
    s = np.sqrt(q.ravel())
    a, b = s * np.sqrt(c.ravel()), s * np.sqrt(1.0 - c.ravel())
    e2, ed = np.empty(s.size), np.empty(s.size)
    with np.errstate(divide="ignore"):
        _, k_out = _fine_level(b / a, 1.0)
        e_finest, k_in = _fine_level(1.0 / b, 2.0 * _ZMAX)
    # the outer rule on g > 0 depends on k_out only: panels [0, 2^-k], [2^-j, 2^-(j-1)] and
    # [j, j+1] (mirrored to g < 0); the inner rules on k_in and e_finest: one block of
    # entries per (a = 0, k_out, k_in)
    blocks = (k_out * 1024 + k_in) * 2 + (a == 0.0)
    for block in np.unique(blocks).tolist():
        rows = np.flatnonzero(blocks == block)
        (ko, ki), independent = divmod(block // 2, 1024), block % 2
        g, wg = _panels(np.concatenate([[0.0], 2.0 ** -np.arange(ko, 0, -1.0),
                                        np.arange(1.0, _ZMAX + 0.5)]))
        if independent:  # a = 0: u₁, u₂ independent, h(g) = h(0) for every g
            h, h1, _, _ = _inner(act, a[rows], b[rows], np.zeros(1), e_finest[rows], ki)
            total = 2.0 * np.add.reduce(wg)
            e2[rows], ed[rows] = total * h[:, 0] ** 2, total * h1[:, 0] ** 2
            continue
        step = max(1, _CHUNK // (g.size * (_GRID.size + 2 * ki + 2) * _N_GL * 2))
        for i in range(0, rows.size, step):
            r = rows[i:i + step]
            hp, h1p, hm, h1m = _inner(act, a[r], b[r], g, e_finest[r], ki)
            e2[r] = np.vecdot(hp * hp + hm * hm, wg)
            ed[r] = np.vecdot(h1p * h1p + h1m * h1m, wg)
    return e2.reshape(shape), ed.reshape(shape)


def correlation_fixed_points(act: Activation, q: np.ndarray, sw2: np.ndarray,
                             sb2: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(c*, χ_c) of the correlation map c ↦ (σ_w² E[σ(u₁)σ(u₂)] + σ_b²)/q* for each entry
    in the chaotic phase (q = q*, χ₁* > 1); NaN where the iteration fails (too close to the
    critical line for the quadrature).

    G(c) = map(c) − c is convex on [0, 1] (its second derivative σ_w² q E[σ''(u₁)σ''(u₂)] is a
    positive-definite kernel), G(0) ≥ 0, G(1) = 0 and G'(1) = χ₁* − 1 > 0, so Newton's method
    from c = 0 (G' = χ_c(c) − 1, Price's theorem) rises monotonically to the root c* < 1.
    All entries iterate together; each round evaluates the map of those still open.
    """
    q, sw2, sb2 = (np.asarray(v, dtype=float) for v in (q, sw2, sb2))
    c = np.zeros(q.size)
    c_star, chi_c = np.full(q.size, math.nan), np.full(q.size, math.nan)
    open_ = np.ones(q.size, dtype=bool)
    for _ in range(60):
        rows = np.flatnonzero(open_)
        if rows.size == 0:
            break
        e2, ed = correlation_map(act, q[rows], c[rows])
        gap, chi = (sw2[rows] * e2 + sb2[rows]) / q[rows] - c[rows], sw2[rows] * ed
        with np.errstate(divide="ignore", invalid="ignore"):
            step = -gap / (chi - 1.0)
        new = np.minimum(c[rows] + step, 1.0 - 1e-12)
        done = gap <= 1e-13
        failed = ~done & ~(chi - 1.0 < 0.0)
        stalled = ~done & ~failed & ((step < 1e-11) | (new <= c[rows]))
        c_star[rows[done]], chi_c[rows[done]] = c[rows[done]], chi[done]
        c_star[rows[stalled]], chi_c[rows[stalled]] = new[stalled], chi[stalled]
        open_[rows[done | failed | stalled]] = False
        c[rows] = np.where(open_[rows], new, c[rows])
    return c_star, chi_c
