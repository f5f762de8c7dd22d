"""Fixed points of the variance map, χ₁, the depth scales and the order–chaos line, as array
functions over rows of (σ_w², σ_b²).

For one layer map q ↦ σ_w² E[σ(√q z)²] + σ_b² (Poole et al. 2016, eq. 3; Schoenholz et al.
2017, eq. 3) with an attracting fixed point q*:

    χ₁* = σ_w² E[σ'(√q* z)²]                                   (Schoenholz et al. 2017, eq. 9)
    ξ_q⁻¹ = −log(σ_w² E[σ'² + σσ''](q*)) = −log(σ_w² dE[σ²]/dq)   (eq. 6; Stein's lemma)
    ξ_c⁻¹ = −log χ_c                                             (eqs. 7–9)

with χ_c = χ₁* in the ordered phase (c* = 1) and χ_c = σ_w² E[σ'(u₁)σ'(u₂)] at the correlation
fixed point c* < 1 in the chaotic phase (`correlation.py`). `critical_weight_variance` gives
the order–chaos line χ₁* = 1.

log q* is the first sign change of f(u) = log(σ_w² E[σ²](e^u) + σ_b²) − u from the starting
u on (the side a monotone map moves to), refined by Newton's method (f' comes with the
quadrature: σ_w² e^(−f) dE[σ²]/dq − 1); the critical line is a root of log χ₁*(log σ_w²),
refined by Brent's method (`roots.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..activations import Activation
from .correlation import correlation_fixed_points
from .gaussian import GaussianExpectations, LogMoments
from .roots import DOWN, ROOT, UP, find_roots

# The fixed-point search gives up (collapse to 0 / divergence) beyond these log q; χ₁ in
# those limits is taken at twice as far.
LOG_Q_SEARCH = 2000.0
_LOG_MAX = 709.78  # exp overflows beyond this
# A fixed point must attract visibly: one e-fold of q below (above) it the map must still
# raise (lower) log q by more than this. Otherwise the "root" is where a marginal map
# (relu-like σ_w²·c₂ = 1 at huge q, tanh at σ_w² = 1 near q = 0) meets rounding noise.
_ROOT_MARGIN = 1e-12
# … or its slope d log map / d log q must be below this (its ξ_q under ~100 layers)
_ATTRACTS = 0.99
# log χ₁ of a diverging map on the way to the critical line: at least this (positive)
_DIVERGES = 1e-300


def log_fixed_points(gauss: GaussianExpectations, sw2: np.ndarray, sb2: np.ndarray,
                     u0: np.ndarray, guess: np.ndarray | None = None, limits: bool = True
                     ) -> tuple[np.ndarray, np.ndarray, LogMoments]:
    """log q* of each row's map q ↦ sw2·E[σ(√q z)²] + sb2, searched from q = exp(u0)
    (`roots.find_roots`, Newton's method on f(u) = log(map(e^u)) − u; `guess`: log q of a
    nearby fixed point, if known, from which Newton's steps start).

    Returns
    -------
    status, log q*, moments
        `ROOT`, `DOWN` (−inf) when q collapses to 0 or `UP` (+inf) when it diverges
        (including the marginal homogeneous case where every q is fixed); the moments at q*,
        or with `limits`, in the limit q* → 0 / ∞ (taken at log q = ∓2·LOG_Q_SEARCH), else
        NaN there.
    """
    sw2, sb2 = np.asarray(sw2, dtype=float), np.asarray(sb2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        lsw2, lsb2 = np.log(sw2), np.log(sb2)
        if gauss.act.homogeneous:  # q* = σ_b²/(1 − σ_w² c₂) when that is positive
            slope = sw2 * gauss.c2
            root = (sb2 > 0.0) & (slope < 1.0)
            status = np.where(root, ROOT, np.where(slope < 1.0, DOWN, UP))
            u = np.where(root, lsb2 - np.log1p(-slope), status * math.inf)
            return status, u, gauss.log_moments(_at_or_limit(status, u))

    def fun(u: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # f(u) = log(σ_w² E[σ²](e^u) + σ_b²) − u and f'(u) = σ_w² e^(−f) dE[σ²]/dq − 1
        log_second, zphi = gauss.log_second_and_slope(u)
        with np.errstate(invalid="ignore", over="ignore"):
            f = np.logaddexp(lsw2[rows] + log_second, lsb2[rows]) - u
            return f, np.exp(lsw2[rows] - f) * zphi - 1.0

    u0 = np.asarray(u0, dtype=float)
    start = np.where(np.isfinite(u0), u0, 0.0)
    status, u = find_roots(fun, start, -LOG_Q_SEARCH, LOG_Q_SEARCH, slopes=True, guess=guess)
    # one evaluation for the moments at each root, its margin test (one e-fold either side)
    # and the moments in the limits
    roots = np.flatnonzero(status == ROOT)
    other = np.flatnonzero(status != ROOT) if limits else roots[:0]
    k = roots.size
    ur = u[roots]
    moments = np.full((5, u.size), math.nan)
    at = np.concatenate([ur, ur - 1.0, ur + 1.0, _at_or_limit(status[other], u[other])])
    if at.size:
        lm = np.array(gauss.log_moments(at))
        moments[:, roots], moments[:, other] = lm[:, :k], lm[:, 3 * k:]
        with np.errstate(invalid="ignore"):  # log(map(q)) − log q one e-fold below, above
            below, above = (np.logaddexp(lsw2[roots] + lm[1, k:3 * k].reshape(2, k), lsb2[roots])
                            - at[k:3 * k].reshape(2, k))
            # … or attract clearly at the root itself: d log map / d log q = σ_w² dE[σ²]/dq
            # there. A repelling fixed point less than an e-fold above an attracting one
            # (gelu at σ_w² = 2.1, σ_b² = 0.1: q* = 0.47, 1.23) failed the e-fold test.
            slope = sw2[roots] * lm[4, :k]
        weak = ~(((below > _ROOT_MARGIN) & (above < -_ROOT_MARGIN)) | (slope < _ATTRACTS))
        if weak.any():  # no fixed point after all: the map creeps on to 0 or ∞, the way
            r = roots[weak]  # it went from the start (not the sign of `below`: at huge q,
            up = u[r] > start[r]   # rounding; gelu at σ_w² = 2, σ_b² = 0.3 "collapsed")
            status[r] = np.where(up, UP, DOWN)
            u[r] = np.where(up, math.inf, -math.inf)
            moments[:, r] = (np.array(gauss.log_moments(_at_or_limit(status[r], u[r]))) if limits
                             else math.nan)
    return status, u, LogMoments(*moments)


def _at_or_limit(status: np.ndarray, u: np.ndarray) -> np.ndarray:
    """log q*, or where the map collapses / diverges, the log q standing for 0 / ∞."""
    return np.where(status == DOWN, -2.0 * LOG_Q_SEARCH,
                    np.where(status == UP, 2.0 * LOG_Q_SEARCH, u))


def log_chi1_limits(gauss: GaussianExpectations, sw2: np.ndarray, sb2: np.ndarray,
                    guess: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """log χ₁* = log(σ_w² E[σ'(√q* z)²]) of each row's map, its fixed point searched from
    q = 1, with q* → 0 or ∞ where the map collapses / diverges; and log q* (±inf there)."""
    sw2 = np.asarray(sw2, dtype=float)
    status, u, lm = log_fixed_points(gauss, sw2, sb2, np.zeros(sw2.size), guess)
    return np.log(sw2) + lm.log_deriv_sq, u


def _neg_inv_log(x: np.ndarray) -> np.ndarray:
    """−1/log x, a depth scale: inf where x ≥ 1 (not decaying), 0 where x ≤ 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lx = np.log(x)
        return np.where(~(x > 0.0), 0.0, np.where(lx >= 0.0, math.inf, -1.0 / lx))


@dataclass(frozen=True, eq=False)
class FixedPoints:
    """The fixed point and depth scales of each row's map; NaN where undefined.

    Attributes
    ----------
    status : `ROOT` (a fixed point q*), `DOWN` (q collapses to 0) or `UP` (q diverges).
    log_chi1 : log χ₁ at q*, or in the limit q* → 0 / ∞ (NaN there without `limits`).
    q_star, chi1_star, xi_q : q*, χ₁* and ξ_q; NaN without a (representable) q*.
    xi_c, c_star, chi_c : ξ_c, c* and χ_c; c* = 1 and χ_c = χ₁* in the ordered phase; in
        the chaotic phase too close to the critical line to resolve, c*, χ_c NaN, ξ_c = inf.
    """

    status: np.ndarray
    log_chi1: np.ndarray
    q_star: np.ndarray
    chi1_star: np.ndarray
    xi_q: np.ndarray
    xi_c: np.ndarray
    c_star: np.ndarray
    chi_c: np.ndarray


def depth_scales(gauss: GaussianExpectations, sw2, sb2, u0=0.0,
                 limits: bool = True) -> FixedPoints:
    """q*, χ₁*, ξ_q, ξ_c, c* and χ_c of each row's map (module docstring).

    Parameters
    ----------
    gauss : GaussianExpectations
        The activation's expectations.
    sw2, sb2 : array_like
        σ_w² and σ_b² of each row (broadcast against each other).
    u0 : array_like
        log q where each row's fixed-point search starts.
    limits : bool
        Also log χ₁ in the limit q* → 0 / ∞ where there is no fixed point (else NaN there).
    """
    sw2, sb2, u0 = (np.array(v, dtype=float).ravel()
                    for v in np.broadcast_arrays(sw2, sb2, u0))
    n = sw2.size
    status, u, lm = log_fixed_points(gauss, sw2, sb2, u0, limits=limits)
    out = {name: np.full(n, math.nan) for name in ("q_star", "chi1_star", "xi_q", "xi_c",
                                                    "c_star", "chi_c")}
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        log_chi1 = np.log(sw2) + lm.log_deriv_sq  # at q*, or in its limit 0 / ∞
        q_star = np.exp(np.where((status == ROOT) & (u <= _LOG_MAX), u, -math.inf))
        rows = np.flatnonzero(q_star > 0.0)
        if rows.size:
            chi1 = np.exp(log_chi1[rows])
            out["q_star"][rows], out["chi1_star"][rows] = q_star[rows], chi1
            out["xi_q"][rows] = _neg_inv_log(sw2[rows] * lm.zphi[rows])
            c_star, chi_c = np.ones(rows.size), chi1.copy()  # the ordered phase: c* = 1
            chaos = np.flatnonzero(~(chi1 <= 1.0))
            if chaos.size:
                r = rows[chaos]
                c_star[chaos], chi_c[chaos] = correlation_fixed_points(gauss.act, q_star[r],
                                                                       sw2[r], sb2[r])
            out["c_star"][rows], out["chi_c"][rows] = c_star, chi_c
            out["xi_c"][rows] = np.where(np.isnan(chi_c), math.inf, _neg_inv_log(chi_c))
    return FixedPoints(status=status, log_chi1=log_chi1, **out)


def critical_weight_variance(act: Activation, bias_var):
    """The weight variance σ_w² on the order–chaos line χ₁* = 1 (Schoenholz et al. 2017).

    Parameters
    ----------
    act : Activation
        The activation.
    bias_var : float or array_like
        σ_b², the bias variance (≥ 0); an array gives the line at each of its entries.

    Returns
    -------
    float or ndarray
        σ_w² with σ_w² E[σ'(√q* z)²] = 1 where q* = σ_w² E[σ(√q* z)²] + σ_b²; the limit
        q* → 0 (or ∞) is used where the map collapses (diverges), e.g. tanh at σ_b² = 0 gives 1.
        NaN when χ₁* never crosses 1 for σ_w² in [e⁻²⁰⁰, e²⁰⁰]. Where χ₁* jumps over 1
        instead (the fixed point reached from q = 1 is lost: gelu and swish at small σ_b²),
        the line is at the jump, where that fixed point meets a repelling one; up to 0.1 %
        below it (swish at σ_b² = 0.3), where q* attracts too weakly to count (`_ATTRACTS`).

    Notes
    -----
    Root of log χ₁*(σ_w²) by bracketing and Brent's method in log σ_w² (`roots.find_roots`),
    all bias variances together; each evaluation solves the fixed points q*. Positively
    homogeneous σ: χ₁* = σ_w² E[σ'²] for every q, so σ_w² = 1/E[σ'²] (relu: 2).
    """
    gauss = GaussianExpectations(act)
    bias = np.asarray(bias_var, dtype=float)
    flat = bias.ravel()
    if act.homogeneous:
        out = np.full(flat.size, math.exp(-gauss.log_d2))
    elif gauss.linear:
        out = np.full(flat.size, 1.0 / act.slope_pos ** 2 if act.slope_pos != 0 else math.nan)
    else:
        # each row's latest log q*: where Newton's steps for its next q* start (a hint only,
        # the root found is the same)
        last = np.full(flat.size, math.nan)

        def fun(v: np.ndarray, rows: np.ndarray) -> np.ndarray:
            log_chi1, u = log_chi1_limits(gauss, np.exp(v), flat[rows], last[rows])
            last[rows] = u
            # A map that diverges is not ordered: its q* → ∞ limit has χ₁ ≥ 1 (an
            # asymptotically linear σ: σ_w²·lim E[σ²]/q = σ_w²·lim E[σ'²] ≥ 1). Below that
            # only where a huge q* attracts too weakly to be told from rounding (gelu at
            # σ_b² = 0.3, σ_w² → 2⁻): that false sign change had put the line at 2, not 1.956.
            return np.where(u == math.inf, np.maximum(log_chi1, _DIVERGES), log_chi1)

        status, v = find_roots(fun, np.zeros(flat.size), -200.0, 200.0, xtol=1e-12,
                               increasing=True)
        out = np.where(status == ROOT, np.exp(v), math.nan)
    return float(out[0]) if bias.ndim == 0 else out.reshape(bias.shape)


# How near the line χ₁* is probed, and how far apart its two sides stay there at a jump:
# gelu at σ_b² = 0 has 0.59 below and 1.18 above; softplus, whose q* grows without bound as
# σ_w² → 2, nears 1 slowly (0.9986 at 10⁻⁸ below), and is a crossing.
_PROBE, _JUMP = 1e-8, 0.01


def jumps_over_one(act: Activation, sigma_w2, sigma_b2) -> np.ndarray:
    """Where points (σ_w², σ_b²) of the line `critical_weight_variance` gives are a jump of χ₁*
    over 1, not a crossing (gelu and swish at small σ_b²: the fixed point reached from q = 1
    is lost there; below the line q settles at a smaller one, or 0, above it q diverges). A
    researcher's tour: the line at gelu's σ_b² = 0 was labelled "χ₁ = 1", where χ₁* is never
    1. A jump between two values on one side of 1 (gelu at σ_b² = 0.16: 0.946 to 0.997, a
    review) is not one over 1."""
    w, b = np.asarray(sigma_w2, dtype=float), np.asarray(sigma_b2, dtype=float)
    out = np.zeros(w.shape, dtype=bool)
    gauss = GaussianExpectations(act)
    on = np.isfinite(w)
    if act.homogeneous or gauss.linear or not on.any():   # (χ₁* is the same for every q)
        return out
    below, _ = log_chi1_limits(gauss, w[on] * (1 - _PROBE), b[on])
    above, _ = log_chi1_limits(gauss, w[on] * (1 + _PROBE), b[on])
    out[on] = (np.sign(below) != np.sign(above)) & (np.abs(above - below) > _JUMP)
    return out
