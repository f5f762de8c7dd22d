"""Gaussian expectations of an activation, E over z ~ N(0, 1) of σ(√q z), σ², (σ − E σ)², σ'²
and zσσ'/√q = dE[σ²]/dq, as array functions of log q (Poole et al. 2016).

Three regimes, each exact to double precision where it is used:

* q < 1e-12: the Taylor series of σ at 0 (each side of a kink), integrated term by term
  (`series`);
* 1e-12 ≤ q ≤ 1e32: a composite Gauss–Legendre rule on z ≥ 0, refined geometrically towards 0
  down to ~1e-3/√q (`rules`), good to ~1e-13 relative against mpmath;
* q > 1e32: the step (bounded σ) or ReLU-like (unbounded σ) limits.

Closed forms replace all three where the activation has them (positively homogeneous σ:
every moment is a power of q times its value at q = 1; σ(x) = αx + β).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..activations import Activation
from ..special_functions import INV_SQRT_2PI
from .rules import (K_MIN, LEVEL_EDGES, LEVEL_LIST, LOG_Q_HUGE, N_GL, N_TAIL,
                    RULES_BOTH, RULES_ODD, panel_nodes)
from .series import taylor_table

# Regimes in log q: the Taylor series below, quadrature between (`rules`), asymptotics above.
LOG_Q_TINY = math.log(1e-12)


class LogMoments(NamedTuple):
    """Arrays over log q: E[σ] (±inf beyond float64), log E[σ²], log Var[σ], log E[σ'²] and
    dE[σ²]/dq; a field the caller did not ask for may be None."""

    mean: np.ndarray
    log_second: np.ndarray
    log_var: np.ndarray
    log_deriv_sq: np.ndarray
    zphi: np.ndarray


class GaussianExpectations:
    """The Gaussian expectations of one activation in every regime of q.

    `log_moments` gives all of them, `log_second` only log E[σ²] (all a fixed-point search
    needs, and cheaper); both pick the regime per entry. `quadrature`, `taylor` and
    `asymptotic` evaluate one regime at any log q (for tests of where they join).
    """

    def __init__(self, act: Activation):
        self.act = act
        self.linear = act.name == "linear" and not act.homogeneous
        # every moment a closed-form function of log q: σ positively homogeneous, or αx + β
        self.closed_form = act.homogeneous or self.linear
        self._limits = None
        if act.homogeneous:
            # σ(c x) = c σ(x): every moment is a power of q times its value at q = 1.
            if None not in (act.mean, act.second_moment, act.deriv_sq):
                mu1, c2, d2 = act.mean(1.0), act.second_moment(1.0), act.deriv_sq(1.0)
                v1 = c2 - mu1 * mu1
            else:
                lm = self.quadrature(np.zeros(1))
                mu1, c2 = float(lm.mean[0]), math.exp(lm.log_second[0])
                v1, d2 = math.exp(lm.log_var[0]), math.exp(lm.log_deriv_sq[0])
            with np.errstate(divide="ignore"):
                self.mu1, self.c2 = mu1, c2
                self.log_c2, self.log_d2 = np.log(c2), np.log(d2)
                self.log_v1 = np.log(max(v1, 0.0))

    def log_moments(self, log_q: np.ndarray) -> LogMoments:
        """Moments at q = exp(log_q) for an array of any floats, ±inf included."""
        return self._select(log_q, "all")

    def values(self, log_q: np.ndarray) -> LogMoments:
        """E[σ], log E[σ²] and log Var[σ] (the moments of σ alone; the others may be None)."""
        return self._select(log_q, "values")

    def log_deriv_sq(self, log_q: np.ndarray) -> np.ndarray:
        """log E[σ'(√q z)²] alone."""
        return self._select(log_q, "slopes").log_deriv_sq

    def slope_fourth_ratio(self, log_q: np.ndarray) -> np.ndarray:
        """E[σ'⁴]/E[σ'²]² at q = exp(log_q): how unevenly σ'² spreads over the units, which
        the Jacobian's spectrum adds up layer by layer (`recursion.jacobian_spread`); NaN
        where σ' is zero almost surely.

        With one-sided slopes a, b at 0, σ' → a or b each with probability ½ as q → 0: the
        ratio 2(a⁴ + b⁴)/(a² + b²)², 1 where a = b. That is every q's value for a positively
        homogeneous σ (two slopes) or σ(x) = αx + β, and below the quadrature's range it is
        the value to O(q), or O(√q) ≤ 1e-6 where σ' jumps at 0 (selu). Above that range an
        unbounded σ's ratio is its q → ∞ value (σ' a step), and a bounded σ's grows as √q:
        σ'(√q z) is a bump of width ~1/√q, each of whose moments falls as 1/√q (to O(1/q))."""
        log_q = np.asarray(log_q, dtype=float)
        a2, b2 = self.act.slope_pos ** 2, self.act.slope_neg ** 2
        if a2 + b2 == 0.0:
            at_zero = math.nan
        else:
            at_zero = 1.0 if a2 == b2 else 2 * (a2 * a2 + b2 * b2) / (a2 + b2) ** 2
        out = np.full(log_q.shape, at_zero)
        out[np.isnan(log_q)] = math.nan
        if self.closed_form:
            return out
        rows = ~(log_q < LOG_Q_TINY) & ~np.isnan(log_q)
        if not rows.any():
            return out
        # each clipped q once: a deep exploding net has hundreds of layers beyond the range
        at, where = np.unique(np.minimum(log_q[rows], LOG_Q_HUGE), return_inverse=True)
        with np.errstate(all="ignore"):
            ratio = self._quadrature(at, float(at[0]), float(at[-1]), "fourth")[where]
            if self.act.bounded:
                ratio = ratio * np.exp(0.5 * np.maximum(log_q[rows] - LOG_Q_HUGE, 0.0))
        out[rows] = ratio
        return out

    def log_second(self, log_q: np.ndarray) -> np.ndarray:
        """log E[σ(√q z)²] alone."""
        log_q = np.asarray(log_q, dtype=float)
        if self.closed_form:
            with np.errstate(all="ignore"):
                return self._closed_form(log_q).log_second
        return self._by_regime(log_q, "second")

    def log_second_and_slope(self, log_q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(log E[σ²], dE[σ²]/dq) alone: what Newton's method on the variance map needs."""
        lm = self._select(log_q, "map")
        return lm.log_second, lm.zphi

    def _select(self, log_q: np.ndarray, what: str) -> LogMoments:
        log_q = np.asarray(log_q, dtype=float)
        if self.closed_form:
            with np.errstate(all="ignore"):
                return self._closed_form(log_q)
        return self._by_regime(log_q, what)

    def _by_regime(self, log_q: np.ndarray, what: str):
        """Moments by regime. `what`: "all"; "values" (E[σ], log E[σ²], log Var[σ]);
        "slopes" (log E[σ'²]); "map" (log E[σ²] and dE[σ²]/dq); fields not asked for may be
        None; or "second" (the log E[σ²] array alone)."""
        if log_q.size:  # (NaN if any entry is: then the general case below)
            lo = hi = log_q.item() if log_q.size == 1 else None
            if lo is None:
                lo, hi = log_q.min(), log_q.max()
            if LOG_Q_TINY <= lo and hi <= LOG_Q_HUGE:
                return self._quadrature(log_q, lo, hi, what)
            if hi < LOG_Q_TINY:
                return self._taylor(log_q, lo > -math.inf, what == "second")
            if lo > LOG_Q_HUGE:
                return self._asymptotic(log_q, what, hi)
        tiny = log_q < LOG_Q_TINY
        huge = ~(log_q <= LOG_Q_HUGE)  # NaN too: the limits propagate it
        out = np.empty((5,) + log_q.shape)
        for rows, regime in ((tiny, self.taylor), (huge, self.asymptotic),
                             (~(tiny | huge), self.quadrature)):
            if rows.any():
                out[:, rows] = regime(log_q[rows])
        return out[1] if what == "second" else LogMoments(*out)

    def _closed_form(self, log_q: np.ndarray) -> LogMoments:
        if self.act.homogeneous:  # E[σ] = μ₁√q, E[σ²] = c₂q, Var = v₁q, E[σ'²] = d₂, dE[σ²]/dq = c₂
            mu1 = self.mu1
            mean = (np.copysign(np.exp(np.log(abs(mu1)) + 0.5 * log_q), mu1) if mu1 != 0.0
                    else np.zeros_like(log_q))
            return LogMoments(mean, log_q + self.log_c2, log_q + self.log_v1,
                              np.full_like(log_q, self.log_d2), np.full_like(log_q, self.c2))
        a, b = self.act.slope_pos, self.act.value0  # σ = αx + β, β ≠ 0
        la2 = np.log(a * a)
        return LogMoments(np.full_like(log_q, b), np.logaddexp(la2 + log_q, np.log(b * b)),
                          la2 + log_q, np.full_like(log_q, la2), np.full_like(log_q, a * a))

    # -- 1e-12 ≤ q ≤ 1e32 ---------------------------------------------------------------------
    def quadrature(self, log_q: np.ndarray) -> LogMoments:
        """The composite Gauss–Legendre rule (module docstring), one row per entry of the
        1-D array log_q (q within the rule's range)."""
        log_q = np.asarray(log_q, dtype=float)
        return self._quadrature(log_q, log_q.min(initial=math.inf),
                                log_q.max(initial=-math.inf), "all")

    def _quadrature(self, log_q: np.ndarray, lo: float, hi: float, what: str):
        act = self.act
        q = np.exp(log_q)
        s = np.sqrt(q)
        # the rule of each entry: K − K_MIN = `level`; one slice when all entries share it
        level, top = bisect.bisect_right(LEVEL_LIST, lo), bisect.bisect_right(LEVEL_LIST, hi)
        size = N_TAIL + (K_MIN + top + 1) * N_GL
        rows = slice(level, level + 1) if level == top else np.searchsorted(
            LEVEL_EDGES, log_q, side="right")
        if act.odd:  # σ(−x) = −σ(x), σ'(−x) = σ'(x): every sum is twice that over z ≥ 0
            rule = RULES_ODD[rows, :, :size]
        else:  # over z ≥ 0 and z ≤ 0 (a kink at 0 on a panel edge)
            rule = RULES_BOTH[rows, :, :, :size]
            rule = rule.reshape(rule.shape[0], 3, 2 * size)
        z, w, wz = rule[:, 0], rule[:, 1], rule[:, 2]
        x = z * s[:, None]
        if what == "fourth":   # E[σ'⁴]/E[σ'²]² (`slope_fourth_ratio`)
            d2 = act.df(x) ** 2
            return np.vecdot(w, d2 * d2) / np.vecdot(w, d2) ** 2
        # σ and/or σ' at the nodes, as asked for
        if what == "slopes":
            f, df, sq = None, act.df(x), None
        elif what in ("values", "second"):
            f, df, sq = act.f(x), None, None
        else:
            f, df, sq = act.values_slopes_squares(x)
        log_second = None if f is None else np.log(np.vecdot(w, f * f if sq is None else sq))
        if what == "second":
            return log_second
        mean = log_var = log_d2 = zphi = None
        if what in ("all", "values"):
            if act.odd:
                mean, log_var = np.zeros_like(s), log_second
            else:
                mean = (np.array([act.mean(v) for v in q.tolist()], dtype=float)
                        if act.mean is not None else np.vecdot(w, f))
                centred = f - mean[:, None]
                log_var = np.log(np.vecdot(w, centred * centred))
        if what in ("all", "slopes"):
            log_d2 = np.log(np.vecdot(w, df * df))
        if what in ("all", "map"):  # E[z σ σ']/√q, its z ≥ 0 and z ≤ 0 halves folded first
            p = f * df            # (σσ'(0) cancels node by node: no loss at tiny q)
            zphi = np.vecdot(wz, p) if act.odd else np.vecdot(wz[..., :size],
                                                              p[:, :size] - p[:, size:])
            zphi /= s
        return LogMoments(mean, log_second, log_var, log_d2, zphi)

    # -- q < 1e-12 --------------------------------------------------------------------------------
    def taylor(self, log_q: np.ndarray) -> LogMoments:
        """The Taylor series of σ at 0 (each side) integrated term by term, in t = √q."""
        log_q = np.asarray(log_q, dtype=float)
        return self._taylor(log_q, bool(np.isfinite(log_q).all()))

    def _taylor(self, log_q: np.ndarray, finite: bool, second_only: bool = False):
        powers, coefs, lead = taylor_table(self.act.taylor, self.act.taylor_neg)
        lt = 0.5 * log_q
        if finite and powers[0] >= 0 and second_only:  # log E[σ²] alone, the same way
            return np.log(np.exp(np.multiply.outer(lt, powers)) @ coefs[:, 2]) + lt * lead[0]
        if finite and powers[0] >= 0:  # the usual case: t ≪ 1 only underflows, no warnings
            sums = np.exp(np.multiply.outer(lt, powers)) @ coefs
            logs = np.log(sums[..., 2:]) + lt[..., None] * lead
        else:  # t = 0 or ∞ somewhere: t⁰ is still 1
            with np.errstate(all="ignore"):
                terms = np.exp(np.multiply.outer(lt, powers))
                terms[..., powers == 0.0] = 1.0
                shift = lt[..., None] * lead
                shift[..., lead == 0.0] = 0.0
                sums = terms @ coefs
                logs = np.log(sums[..., 2:]) + shift
        lm = LogMoments(sums[..., 0], logs[..., 0], logs[..., 1], logs[..., 2], sums[..., 1])
        return lm.log_second if second_only else lm

    # -- q > 1e32 ---------------------------------------------------------------------------------
    def asymptotic(self, log_q: np.ndarray) -> LogMoments:
        """Bounded σ: the step between σ(±∞) plus its 1/√q correction; unbounded σ: the
        ReLU-like σ(x) ≈ x·(slope at +∞ or −∞)."""
        return self._asymptotic(np.asarray(log_q, dtype=float))

    def _asymptotic(self, log_q: np.ndarray, what: str = "all", hi: float = math.inf):
        act = self.act
        lt = 0.5 * log_q
        if act.bounded:
            lo, top, i1, i2, i_d = self._step_limits()
            inv_s = np.exp(-lt)
            second = 0.5 * (lo * lo + top * top) + INV_SQRT_2PI * i2 * inv_s
            if what == "second":
                return np.log(second)
            if act.mean is not None:
                mean = np.full(lt.shape, float(act.mean(math.inf)))
            else:
                mean = 0.5 * (lo + top) + INV_SQRT_2PI * i1 * inv_s
            return LogMoments(mean, np.log(second), np.log(second - mean * mean),
                              math.log(INV_SQRT_2PI * i_d) - lt,
                              -0.5 * INV_SQRT_2PI * i2 * np.exp(-3.0 * lt))
        a, b = act.slope_inf_pos, act.slope_inf_neg
        c2, mu1 = 0.5 * (a * a + b * b), (a - b) * INV_SQRT_2PI
        log_second = log_q + math.log(c2)
        if what == "second":
            return log_second
        if what == "slopes":
            return LogMoments(None, None, None, np.full(lt.shape, math.log(c2)), None)
        if mu1 == 0.0:
            mean = np.zeros(lt.shape)
        elif math.log(abs(mu1)) + 0.5 * hi < 709.0:  # ±exp(log|μ₁| + log √q)
            mean = np.exp(math.log(abs(mu1)) + lt)
        else:  # (±inf beyond float64)
            with np.errstate(over="ignore"):
                mean = np.exp(math.log(abs(mu1)) + lt)
        if mu1 < 0.0:
            mean = -mean
        if what == "values":
            return LogMoments(mean, log_second, log_q + math.log(c2 - mu1 * mu1), None, None)
        return LogMoments(mean, log_second, log_q + math.log(c2 - mu1 * mu1),
                          np.full(lt.shape, math.log(c2)), np.full(lt.shape, c2))

    def _step_limits(self) -> tuple[float, ...]:
        """σ(−∞), σ(∞), and ∫ (σ − step), ∫ (σ² − step²), ∫ σ'² over the real line (σ reaches
        its limits exponentially fast for the bounded activations)."""
        if self._limits is None:
            lo, hi = (float(v) for v in self.act.f(np.array([-1e300, 1e300])))
            edges = np.arange(-64.0, 64.0 + 0.25, 0.5)
            x, w = panel_nodes(edges[:-1], edges[1:])
            f, df = self.act.values_and_slopes(x)
            step = np.where(x > 0, hi, lo)
            self._limits = (lo, hi, float(w @ (f - step)), float(w @ (f * f - step * step)),
                            float(w @ (df * df)))
        return self._limits


@dataclass(frozen=True)
class Moments:
    """Gaussian expectations of an activation at pre-activation variance q (z ~ N(0, 1)).

    Attributes
    ----------
    q : the variance of x = √q z.
    mean : E[σ(x)].
    second : E[σ(x)²].
    var : E[(σ(x) − mean)²], computed centred (no cancellation).
    deriv_sq : E[σ'(x)²].
    zphi : E[z σ(x) σ'(x)]/√q = dE[σ(x)²]/dq = E[σ'(x)² + σ(x)σ''(x)] (Stein's lemma).
    """

    q: float
    mean: float
    second: float
    var: float
    deriv_sq: float
    zphi: float


def gaussian_moments(act: Activation, q: float) -> Moments:
    """Gaussian expectations of σ at pre-activation variance q.

    Parameters
    ----------
    act : Activation
        The activation, parameters bound (`engine.activations.make_activation`).
    q : float
        Variance of the pre-activation x = √q z, z ~ N(0, 1); q ≥ 0.

    Returns
    -------
    Moments
        mean E[σ(x)], second E[σ(x)²], var E[(σ(x) − mean)²] (computed centred),
        deriv_sq E[σ'(x)²] and zphi E[zσ(x)σ'(x)]/√q = dE[σ²]/dq.

    Notes
    -----
    `GaussianExpectations.log_moments` of a one-entry array. Relative error ≤ 1e-6 for q in
    [1e-8, 1e8] and every activation (tested against mpmath); see the module docstring.
    """
    q = float(q)
    if not q >= 0.0:
        raise ValueError(f"q must be ≥ 0, got {q}")
    with np.errstate(divide="ignore", over="ignore"):
        lm = GaussianExpectations(act).log_moments(np.log(np.array([q])))
        second, var, deriv_sq = np.exp([lm.log_second[0], lm.log_var[0], lm.log_deriv_sq[0]])
    return Moments(q=q, mean=float(lm.mean[0]), second=float(second), var=float(var),
                   deriv_sq=float(deriv_sq), zphi=float(lm.zphi[0]))
