"""Root finding on many rows at once: a directed bracket search, then Brent's method (or
Newton's, where the function gives its derivative).

`find_roots(fun, u0, lo, hi)` finds, for every row i, the first sign change of u ↦ fun(u)[i]
from u0[i] on, trying u0 ± 0.5, 1.5, 3.5, … (steps doubling from 0.5) on the side a monotone
1-D map would move to (up while fun > 0 for a decreasing fun, down while fun < 0; with slopes,
also where fun turns back towards 0 between two points tried), then refines
the bracket with Brent's method (Brent 1973, "Algorithms for minimization without
derivatives", ch. 4) or, if fun also returns its derivative, with a bracketed Newton's method.
Every round is one call fun(u, rows) for the rows still open.

scipy.optimize.elementwise.find_root (Chandrupatla's method, scipy ≥ 1.15) was measured in
place of `brent` on this package's workloads (fixed points of 1, 41 and 1681 rows, the
critical line of 1 and 41 bias variances): 1.1–6× slower (most for single rows), with
1.25–1.6× more calls of fun for the same tolerance; its per-call bookkeeping outweighs our
functions, which cost little per row, and single-row searches are the common case.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np

# fun(u, rows) -> f: the function of rows `rows` (indices into the caller's arrays) at u.
RowFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]

UP, ROOT, DOWN = 1, 0, -1
# u0 + these: the points a search tries on either side, steps doubling from 0.5
_OFFSETS = np.cumsum(0.5 * 2.0 ** np.arange(64))
_EAGER = np.concatenate([-_OFFSETS[2::-1], [0.0], _OFFSETS[:3]])  # u0 and 3 points each side


def find_roots(fun: RowFunction, u0: np.ndarray, lo_limit: float, hi_limit: float, *,
               xtol: float = 1e-14, increasing: bool = False, slopes: bool = False,
               guess: np.ndarray | None = None,
               eager: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The first sign change of each row's fun from u0 on, to `xtol`.

    Parameters
    ----------
    fun : callable
        fun(u, rows) → the function values of rows `rows` at u (arrays of one shape), or
        (values, derivatives) when `slopes`.
    u0 : array
        Where each row's search starts.
    lo_limit, hi_limit : float
        The search gives up beyond these.
    xtol : float
        Absolute tolerance of the root.
    increasing : bool
        The search goes up while fun < 0 (for an increasing fun) instead of while fun > 0.
    slopes : bool
        fun also gives its derivative: the bracket is refined by Newton's method (`newton`),
        else by Brent's (`brent`).
    guess : array, optional
        With `slopes`: a point near each row's root (NaN: none), e.g. the root of a nearby
        problem. Where it falls inside the bracket found, Newton's method starts from it; the
        root is the same, found in fewer steps.
    eager : bool
        Evaluate u0 together with its first points on both sides (one call of fun fewer);
        False when a point costs much more than a call (fun itself a search).

    Returns
    -------
    status, u : arrays
        `ROOT` and the root, or `UP` (+inf) / `DOWN` (−inf) when no sign change lies within
        the limits in the direction searched.
    """
    def values(x, r):  # (f, f'); f' NaN when fun gives none
        out = fun(x, r)
        return out if slopes else (out, np.full_like(out, np.nan))

    u = np.array(u0, dtype=float)
    n = u.size
    status = np.full(n, ROOT)
    # The points tried are u0 ± (0.5, 1.5, 3.5, …) (steps doubling from 0.5) until beyond a
    # limit, on the side fun(u0) points to. One call of fun evaluates u0 and (if `eager`) its
    # first three points on both sides (and the guess); then, if needed, the rest of the side.
    reach = math.ceil(math.log2(2.0 * (hi_limit - lo_limit) + 1.0)) + 1
    cols = _EAGER if eager else _EAGER[3:4]  # u0 − 3.5, u0 − 1.5, u0 − 0.5, u0, u0 + 0.5, …
    pts = u[:, None] + cols
    if slopes and guess is not None:  # no guess: u0 again (never strictly inside a bracket)
        pts = np.concatenate([pts, np.where(np.isfinite(guess), guess, u)[:, None]], axis=1)
    f, d = values(pts.reshape(-1), np.repeat(np.arange(n), pts.shape[1]))
    f, d = f.reshape(pts.shape), d.reshape(pts.shape)
    start = (pts[:, -1], f[:, -1], d[:, -1]) if pts.shape[1] > cols.size else None
    c = cols.size // 2  # u0's column
    up = (f[:, c] > 0) != increasing
    # per row: u0 and the points tried on its side; fun(u0) = 0 is a root
    b, fb, db = (np.where(up[:, None], v[:, c:cols.size], v[:, c::-1]) for v in (pts, f, d))
    rows = np.flatnonzero(fb[:, 0] != 0.0)
    if rows.size < n:
        b, fb, db = b[rows], fb[rows], db[rows]
    brackets = []
    done = c
    while rows.size:
        # the first sign change (or zero) before a point beyond the limits
        inside = np.logical_and.accumulate((b[:, 1:] <= hi_limit) & (b[:, 1:] >= lo_limit),
                                           axis=1)
        stop = (((fb[:, 1:] > 0) != (fb[:, :-1] > 0)) | (fb[:, 1:] == 0.0)) & inside
        if slopes and _skipped_crossings(values, rows, b, fb, db, stop, inside,
                                         np.where(up[rows], 1.0, -1.0)):
            stop = (((fb[:, 1:] > 0) != (fb[:, :-1] > 0)) | (fb[:, 1:] == 0.0)) & inside
        hit = stop.any(axis=1)
        if hit.any():
            on = np.flatnonzero(hit)
            j = np.argmax(stop[on], axis=1)
            u[rows[on]] = b[on, j + 1]  # a root, or the end of a bracket
            cross = fb[on, j + 1] != 0.0
            on, j = on[cross], j[cross]
            if on.size:
                brackets.append((rows[on], b[on, j], b[on, j + 1], fb[on, j], fb[on, j + 1],
                                 db[on, j], db[on, j + 1]))
        # no sign change: on to the next points, unless these already left the limits
        more = ~hit & (inside[:, -1] if inside.shape[1] else True) & (done < reach)
        gone = rows[~hit & ~more]
        status[gone] = np.where(up[gone], UP, DOWN)
        u[gone] = np.where(up[gone], np.inf, -np.inf)
        if not more.any():
            break
        rows, last_b, last_f, last_d = rows[more], b[more, -1:], fb[more, -1:], db[more, -1:]
        count = 3 if done == 0 else reach - done
        b = u[rows, None] + np.where(up[rows, None], 1.0, -1.0) * _OFFSETS[done:done + count]
        done += count
        ok = (b <= hi_limit) & (b >= lo_limit)
        fb, db = np.full(b.shape, np.nan), np.full(b.shape, np.nan)
        fb[ok], db[ok] = values(b[ok], np.repeat(rows, ok.sum(axis=1)))
        b, fb, db = (np.concatenate([w0, w], axis=1)
                     for w0, w in ((last_b, b), (last_f, fb), (last_d, db)))
    if brackets:
        bracketed, lo, hi, flo, fhi, dlo, dhi = (np.concatenate(v) for v in zip(*brackets))
        refine = (lambda x, r: fun(x, bracketed[r]))
        if not slopes:
            u[bracketed] = brent(refine, lo, hi, flo, fhi, xtol=xtol)
            return status, u
        # Newton from the better end of each bracket, or from the guess if inside and better
        better = np.abs(flo) < np.abs(fhi)
        x, fx, dx = np.where(better, lo, hi), np.where(better, flo, fhi), np.where(better, dlo, dhi)
        if start is not None:
            sx, sf, sd = (v[bracketed] for v in start)
            use = ((sx - lo) * (sx - hi) < 0.0) & (np.abs(sf) < np.abs(fx))
            x, fx, dx = np.where(use, sx, x), np.where(use, sf, fx), np.where(use, sd, dx)
        lo_neg = flo < 0.0
        u[bracketed] = newton(refine, np.where(lo_neg, lo, hi), np.where(lo_neg, hi, lo),
                              x, fx, dx, xtol=xtol)
    return status, u


def _skipped_crossings(values, rows, b, fb, db, stop, inside, direction) -> bool:
    """Sign changes the points tried stepped over. Where f keeps its sign from one point to
    the next but turns back towards 0 between them (f' changes sign), the turn is found by
    bisection on f', until f changes sign there (that point then replaces the later one: b,
    fb, db are edited in place) or the two ends' tangents show f cannot reach 0 (a heuristic:
    f is taken to be convex about its turn, where the tangents meet between the ends). The first such interval of each row before its first sign change is
    looked at, then the next, while any is left. A narrow basin of attraction (swish's fixed
    point near its jump, σ_b² = 0.3) had lain between two points tried: its critical line
    came out 0.9 % low. True if a crossing was found."""
    before = ~np.logical_or.accumulate(stop, axis=1)   # up to a row's first sign change
    towards = np.sign(fb[:, :-1]) * direction[:, None]   # f' times this < 0: towards 0
    turns = (towards * db[:, :-1] < 0.0) & (towards * db[:, 1:] > 0.0) & before & inside
    found = False
    with np.errstate(all="ignore"):
        while turns.any():
            on = np.flatnonzero(turns.any(axis=1))
            k = np.argmax(turns[on], axis=1)
            turns[on, k] = False
            sign = np.sign(fb[on, k])   # g = sign·f > 0 at both ends, falling then rising
            ends = [(b[on, k + i].copy(), sign * fb[on, k + i], sign * db[on, k + i])
                    for i in (0, 1)]
            x, fx, dx = b[on, k + 1].copy(), fb[on, k + 1].copy(), db[on, k + 1].copy()
            crossed = np.zeros(on.size, dtype=bool)
            open_ = np.arange(on.size)
            for _ in range(60):
                (u0, g0, s0), (u1, g1, s1) = ends
                # where the tangents at the ends meet: a convex g stays above that (assumed,
                # not checked; trusted only where they meet between the ends, as they must
                # for a convex g: a review found gelu's non-convex dips closed too early)
                meet = (g1 - g0 + s0 * u0 - s1 * u1) / (s0 - s1)
                floor = g0 + s0 * (meet - u0)
                clear = (floor > 0.0) & ((meet - u0) * (meet - u1) <= 0.0)
                open_ = open_[~clear[open_]
                              & (np.abs(u1 - u0)[open_] > 1e-12 * (1.0 + np.abs(u0[open_])))]
                if open_.size == 0:
                    break
                mid = 0.5 * (u0[open_] + u1[open_])
                f, d = values(mid, rows[on[open_]])
                x[open_], fx[open_], dx[open_] = mid, f, d
                g, slope = sign[open_] * f, sign[open_] * d
                crossed[open_] = g <= 0.0
                # the half the turn is in: rising at mid → the turn lies before it
                rising = slope * direction[on[open_]] > 0.0
                for (u, gv, sv), keep in ((ends[1], rising), (ends[0], ~rising)):
                    u[open_] = np.where(keep, mid, u[open_])
                    gv[open_] = np.where(keep, g, gv[open_])
                    sv[open_] = np.where(keep, slope, sv[open_])
                open_ = open_[~crossed[open_]]
            if crossed.any():
                c, kc = on[crossed], k[crossed]
                b[c, kc + 1], fb[c, kc + 1], db[c, kc + 1] = x[crossed], fx[crossed], dx[crossed]
                turns[c] = False   # this row's first sign change is now known
                found = True
    return found


def newton(fun: RowFunction, neg: np.ndarray, pos: np.ndarray, x: np.ndarray, fx: np.ndarray,
           dx: np.ndarray, xtol: float = 1e-14, maxiter: int = 200) -> np.ndarray:
    """A root of every row between neg_i and pos_i, where fun < 0 and > 0: Newton's method
    from x (fun fx, derivative dx there), bisecting whenever a step would leave the bracket,
    which shrinks to the latest point at every step; fun(x, rows) gives (f, f'). Done when a
    step is below xtol (and 2e-16 relative), or fun is 0."""
    out = np.array(x, dtype=float)
    rows = np.arange(out.size)
    with np.errstate(all="ignore"):
        for _ in range(maxiter if rows.size else 0):
            step = fx / dx
            new = x - step
            inside = (new - neg) * (new - pos) < 0.0  # strictly inside (NaN: no)
            if not inside.all():
                new = np.where(inside, new, 0.5 * (neg + pos))
                step = x - new
            zero = fx == 0.0
            if zero.any():  # x is a root
                new, step = np.where(zero, x, new), np.where(zero, 0.0, step)
            done = np.abs(step) <= 2e-16 * np.abs(x) + 0.5 * xtol
            if done.any():
                out[rows[done]] = new[done]
                keep = ~done
                rows, new, neg, pos = rows[keep], new[keep], neg[keep], pos[keep]
                if rows.size == 0:
                    return out
            x = new
            fx, dx = fun(x, rows)
            below = fx < 0.0
            neg, pos = np.where(below, x, neg), np.where(below, pos, x)
    out[rows] = x
    return out


def brent(fun: RowFunction, a: np.ndarray, b: np.ndarray, fa: np.ndarray, fb: np.ndarray,
          xtol: float = 1e-14, maxiter: int = 200) -> np.ndarray:
    """A root in [a_i, b_i] of every row, where fa, fb have opposite signs (or one is 0):
    Brent's method, the same steps per row as the scalar algorithm, each round one call
    fun(x, rows) for the rows still open (rows: indices into a). A branch taken by every
    open row (or by none) costs no selection."""
    a, b, fa, fb = (np.array(v, dtype=float) for v in (a, b, fa, fb))
    out = np.where(fa == 0.0, a, b)
    rows = np.flatnonzero((fa != 0.0) & (fb != 0.0))
    a, b, fa, fb = a[rows], b[rows], fa[rows], fb[rows]
    c, fc = a, fa
    d = e = b - a
    with np.errstate(all="ignore"):
        for _ in range(maxiter):
            if rows.size == 0:
                return out
            # c: the last point where fun's sign differs from its sign at b
            same = (fb > 0) == (fc > 0)
            if same.all():
                c, fc, d = a, fa, b - a
                e = d
            elif same.any():
                c, fc = np.where(same, a, c), np.where(same, fa, fc)
                d, e = np.where(same, b - a, d), np.where(same, b - a, e)
            # b: the better end
            swap = np.abs(fc) < np.abs(fb)
            if swap.all():
                a, b, c, fa, fb, fc = b, c, b, fb, fc, fb
            elif swap.any():
                a, b, c = np.where(swap, b, a), np.where(swap, c, b), np.where(swap, b, c)
                fa, fb, fc = np.where(swap, fb, fa), np.where(swap, fc, fb), np.where(swap, fb, fc)
            tol = 2e-16 * np.abs(b) + 0.5 * xtol
            m = 0.5 * (c - b)
            done = (np.abs(m) <= tol) | (fb == 0.0)
            if done.any():
                out[rows[done]] = b[done]
                keep = ~done
                rows, a, b, c, fa, fb, fc, d, e, tol, m = (
                    v[keep] for v in (rows, a, b, c, fa, fb, fc, d, e, tol, m))
                if rows.size == 0:
                    return out
            # inverse quadratic interpolation (the secant when a = c), else bisection
            interp = (np.abs(e) >= tol) & (np.abs(fa) > np.abs(fb))
            if interp.any():
                s = fb / fa
                secant = a == c
                if secant.all():
                    p, qq = 2 * m * s, 1 - s
                else:
                    qa, r = fa / fc, fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    qq = (qa - 1) * (r - 1) * (s - 1)
                    if secant.any():
                        p, qq = np.where(secant, 2 * m * s, p), np.where(secant, 1 - s, qq)
                qq = np.where(p > 0, -qq, qq)
                p = np.abs(p)
                accept = interp & (2 * p < np.minimum(3 * m * qq - np.abs(tol * qq),
                                                      np.abs(e * qq)))
                e, d = np.where(accept, d, m), np.where(accept, p / qq, m)
            else:
                d = e = m
            a, fa = b, fb
            b = b + np.where(np.abs(d) > tol, d, np.copysign(tol, m))
            fb = fun(b, rows)
    out[rows] = b
    return out
