"""Mean-field theory of a deep MLP at initialization: Gaussian expectations, the variance
recursions, χ₁, fixed points and depth scales.

This module computes the "theory" lines of the dashboard (design.md, "Mean-field theory").
With ``m_t = E[(h^t)²]``, ``m_0 = 1`` and ``z ~ N(0, 1)``, for ``t = 1 … L``::

    q_t = n_{t-1} γ_t m_{t-1} + σ_b²                  (pre-activation variance)
    μ_t = E[σ(√q_t z)],   m_t = E[σ(√q_t z)²],   Var[h^t] = E[(σ(√q_t z) − μ_t)²]
    g_L = 1,   g_{t-1} = χ_t g_t,   χ_t = n_t γ_t E[σ'(√q_t z)²]   (gradient variance)

(Poole et al. 2016, eq. 3; Schoenholz et al. 2017, eqs. 3–5 and 9; for σ(x) = x this is the
lecture's ``Var[h^t] = n_{t-1} γ_t Var[h^{t-1}]``.) Everything is kept as natural logarithms,
so runs spanning thousands of decades (depth 10 000, exploding or vanishing) never overflow.

The Gaussian expectations (`gaussian_moments`) have a relative error below 1e-6 for every
activation and every q in [1e-8, 1e8]: closed forms where the activation provides them,
otherwise a composite Gauss–Legendre rule on z ≥ 0 (the integrand folded as f(√q z) + f(−√q z),
so kinks at 0 sit on a panel edge) with panels refined geometrically towards 0 down to
~1e-3/√q (the sliver where σ' of tanh/sigmoid lives at large q). Outside [1e-12, 1e32] exact
limits take over: the Taylor series at 0 (tiny q) and the step / ReLU-like asymptotics (huge q).

The fixed point q* of the last layer's map, χ₁* and the depth scales ξ_q, ξ_c follow
Schoenholz et al. 2017 (eqs. 6–9): ξ_q⁻¹ = −log(σ_w² E[σ'² + σσ''](q*)) — by Stein's lemma
σ_w² E[σ'² + σσ''] = σ_w² E[zσσ']/√q = σ_w² dE[σ²]/dq — and ξ_c⁻¹ = −log χ_c with χ_c = χ₁* in
the ordered phase and χ_c = σ_w² E[σ'(u₁)σ'(u₂)] at the correlation fixed point c* < 1 in the
chaotic phase. `critical_weight_variance` gives the order–chaos line χ₁* = 1.

`mean_fields` runs the recursion for many configs that differ only in scalars (a sweep of
gain, γ or σ_b) as array operations over them, agreeing with `mean_field` to rounding.

Pure numpy; no scipy, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import Activation, activation_for
from .initializers import layer_variances

__all__ = [
    "Moments", "Theory", "critical_weight_variance", "gaussian_moments", "mean_field",
    "mean_fields",
]

LN10 = math.log(10.0)
_PHI0 = 1.0 / math.sqrt(2.0 * math.pi)
_LOG_MAX = 709.78  # math.exp overflows beyond this

# Regimes in log q: the Taylor series below, quadrature between, asymptotics above.
LOG_Q_TINY = math.log(1e-12)
LOG_Q_HUGE = math.log(1e32)
# The fixed-point search gives up (collapse to 0 / divergence) beyond these log q.
_LOG_Q_SEARCH = 2000.0

# -- the 1-D quadrature rule ----------------------------------------------------------------
# 10-point Gauss–Legendre on panels of z ≥ 0: [0, 2^-K], the geometric ladder
# [2^-(k+1), 2^-k] for k = K-1 … 0, and [1, 12] in steps of 1 (φ(12) ≈ 5e-32).
# K = max(10, ⌈log2(1e3·√q)⌉), so the finest panel is below 1e-3·min(1, 1/√q). Against
# mpmath this is good to ~1e-13 relative (rounding) for every activation; nodes and weights
# (φ included) are tabulated once at import.
_N_GL = 10
_X_GL, _W_GL = np.polynomial.legendre.leggauss(_N_GL)
_K_MIN = 10
_K_MAX = int(math.ceil(math.log2(1e3 * math.exp(0.5 * LOG_Q_HUGE)))) + 1
_TAIL_EDGES = np.arange(1.0, 12.0 + 0.5, 1.0)


def _std_pdf(z: np.ndarray) -> np.ndarray:
    return _PHI0 * np.exp(-0.5 * z * z)


def _panel_nodes(lo: np.ndarray, hi: np.ndarray, x: np.ndarray = _X_GL,
                 w: np.ndarray = _W_GL) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes and weights on panels [lo_i, hi_i], shape (..., panels·n)."""
    half = 0.5 * (hi - lo)
    mid = 0.5 * (hi + lo)
    nodes = mid[..., None] + half[..., None] * x
    weights = half[..., None] * w * np.ones_like(nodes)
    shape = nodes.shape[:-2] + (-1,)
    return nodes.reshape(shape), weights.reshape(shape)


def _build_tables():
    tail_z, tail_w = _panel_nodes(_TAIL_EDGES[:-1], _TAIL_EDGES[1:])
    k = np.arange(_K_MAX)
    lad_z, lad_w = _panel_nodes(2.0 ** -(k + 1.0), 2.0 ** -k)
    fixed_z = np.concatenate([tail_z, lad_z])
    fixed_w = np.concatenate([tail_w, lad_w]) * _std_pdf(fixed_z)
    kk = np.arange(_K_MAX + 1)
    head_z = (0.5 + 0.5 * _X_GL)[None, :] * 2.0 ** -kk[:, None]
    head_w = (0.5 * _W_GL)[None, :] * 2.0 ** -kk[:, None] * _std_pdf(head_z)
    return fixed_z, fixed_w, head_z, head_w, tail_z.size


_FIXED_Z, _FIXED_W, _HEAD_Z, _HEAD_W, _N_TAIL = _build_tables()


def _rule(s: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes z ≥ 0 and weights (φ(z) included, summing to 1/2) for the scale s = √q."""
    k = _K_MIN if s <= 1.0 else max(_K_MIN, int(math.ceil(math.log2(1e3 * s))))
    k = min(k, _K_MAX)
    m = _N_TAIL + k * _N_GL
    return (np.concatenate([_FIXED_Z[:m], _HEAD_Z[k]]),
            np.concatenate([_FIXED_W[:m], _HEAD_W[k]]))


# -- scalar helpers (math, so nothing warns) ---------------------------------------------------

def _log(x: float) -> float:
    if x > 0.0:
        return math.log(x)
    return -math.inf if x == 0.0 else math.nan


def _exp(x: float) -> float:
    return math.inf if x > _LOG_MAX else math.exp(x)


def _logaddexp(a: float, b: float) -> float:
    if a == -math.inf:
        return b
    if b == -math.inf or a == b == math.inf:
        return a
    hi, lo = (a, b) if a >= b else (b, a)
    return hi + math.log1p(math.exp(lo - hi))


def _signed_exp(sign_value: float, log_abs: float) -> float:
    """sign(sign_value)·exp(log_abs) without overflow warnings (±inf beyond float64)."""
    if sign_value == 0.0:
        return 0.0
    return math.copysign(_exp(log_abs), sign_value)


# -- the Gaussian expectations -----------------------------------------------------------------

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


@dataclass(frozen=True)
class _LogMoments:
    mean: float          # E[σ] (±inf when beyond float64)
    log_second: float    # log E[σ²]
    log_var: float       # log Var[σ]
    log_deriv_sq: float  # log E[σ'²]
    zphi: float          # dE[σ²]/dq


def _abs_moment(k: int) -> float:
    """E|z|^k for z ~ N(0, 1)."""
    return 2.0 ** (0.5 * k) * math.gamma(0.5 * (k + 1)) / math.sqrt(math.pi)


def _poly_mul(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    out: dict[int, float] = {}
    for i, ca in a.items():
        for j, cb in b.items():
            out[i + j] = out.get(i + j, 0.0) + ca * cb
    return out


def _poly_diff(a: dict[int, float]) -> dict[int, float]:
    return {k - 1: k * c for k, c in a.items() if k > 0}


def _half_expect(pos: dict[int, float], neg: dict[int, float]) -> dict[int, float]:
    """E[p(x)] for x = t z, p = pos on x ≥ 0 and neg on x < 0, as a series in t = √q."""
    out: dict[int, float] = {}
    for k in set(pos) | set(neg):
        coef = 0.5 * _abs_moment(k) * (pos.get(k, 0.0) + (-1.0) ** k * neg.get(k, 0.0))
        if coef != 0.0:
            out[k] = coef
    return out


def _series_value(series: dict[int, float], log_t: float) -> float:
    total = 0.0
    for k, c in series.items():
        total += c if k == 0 else c * _exp(k * log_t)
    return total


def _series_log(series: dict[int, float], log_t: float) -> float:
    """log Σ A_k t^k for a series with a positive leading coefficient and t ≪ 1."""
    if not series:
        return -math.inf
    k0 = min(series)
    lead = series[k0]
    rest = sum(c * math.exp((k - k0) * log_t) for k, c in series.items() if k != k0)
    return (0.0 if k0 == 0 else k0 * log_t) + _log(lead + rest)


class _Gauss:
    """Gaussian expectations of one activation in every regime of q (log-space results)."""

    def __init__(self, act: Activation):
        self.act = act
        self.linear = act.name == "linear"
        self._series = None
        self._asym = None
        if act.homogeneous:
            # σ(c x) = c σ(x): every moment is a power of q times its value at q = 1.
            if None not in (act.mean, act.second_moment, act.deriv_sq):
                mu1, c2, d2 = act.mean(1.0), act.second_moment(1.0), act.deriv_sq(1.0)
                v1 = c2 - mu1 * mu1
            else:
                mu1, c2, v1, d2, _ = self._quadrature(1.0)
            self.mu1, self.log_c2 = mu1, _log(c2)
            self.log_v1, self.log_d2, self.c2 = _log(max(v1, 0.0)), _log(d2), c2

    # -- the quadrature (1e-12 ≤ q ≤ 1e32) ----------------------------------------------------
    def _quadrature(self, q: float) -> tuple[float, float, float, float, float]:
        act = self.act
        s = math.sqrt(q)
        z, w = _rule(s)
        n = z.size
        x = np.empty(2 * n)
        np.multiply(z, s, out=x[:n])
        np.negative(x[:n], out=x[n:])
        f, df = act.values_and_slopes(x)
        fp, fm, dp, dm = f[:n], f[n:], df[:n], df[n:]
        mean = act.mean(q) if act.mean is not None else float(w @ (fp + fm))
        second = float(w @ (fp * fp + fm * fm))
        cp, cm = fp - mean, fm - mean
        var = float(w @ (cp * cp + cm * cm))
        deriv_sq = float(w @ (dp * dp + dm * dm))
        zphi = float((w * z) @ (fp * dp - fm * dm)) / s
        return mean, second, var, deriv_sq, zphi

    # -- the Taylor series at 0 (q < 1e-12) ------------------------------------------------------
    def _taylor(self):
        """Series in t = √q of every moment, from the Taylor terms of σ at 0 (each side)."""
        if self._series is None:
            act = self.act
            pos = {p: c for c, p in act.taylor}
            neg = {p: c for c, p in act.taylor_neg}
            rpos = {k: c for k, c in pos.items() if k > 0}  # σ − σ(0)
            rneg = {k: c for k, c in neg.items() if k > 0}
            mean = _half_expect(pos, neg)
            second = _half_expect(_poly_mul(pos, pos), _poly_mul(neg, neg))
            r1 = _half_expect(rpos, rneg)
            var = _half_expect(_poly_mul(rpos, rpos), _poly_mul(rneg, rneg))
            for k, c in _poly_mul(r1, r1).items():  # Var = E[(σ − σ(0))²] − E[σ − σ(0)]²
                var[k] = var.get(k, 0.0) - c
            var = {k: c for k, c in var.items() if c != 0.0}
            dpos, dneg = _poly_diff(pos), _poly_diff(neg)
            deriv_sq = _half_expect(_poly_mul(dpos, dpos), _poly_mul(dneg, dneg))
            zphi = {k - 2: 0.5 * k * c for k, c in second.items() if k > 0}  # dE[σ²]/dq
            self._series = (mean, second, var, deriv_sq, zphi)
        return self._series

    def _tiny(self, log_q: float) -> _LogMoments:
        mean, second, var, deriv_sq, zphi = self._taylor()
        lt = 0.5 * log_q
        return _LogMoments(_series_value(mean, lt), _series_log(second, lt), _series_log(var, lt),
                           _series_log(deriv_sq, lt), _series_value(zphi, lt))

    # -- the asymptotics (q > 1e32) -------------------------------------------------------------
    def _asymptotic_constants(self):
        if self._asym is None:
            act = self.act
            ends = act.f(np.array([-1e300, 1e300]))
            lo, hi = float(ends[0]), float(ends[1])
            # ∫ (σ − step), ∫ (σ² − step²), ∫ σ'² over the real line (σ → its limits
            # exponentially fast for the bounded activations).
            edges = np.arange(-64.0, 64.0 + 0.25, 0.5)
            x, w = _panel_nodes(edges[:-1], edges[1:])
            f, df = act.values_and_slopes(x)
            step = np.where(x > 0, hi, lo)
            i1 = float(w @ (f - step))
            i2 = float(w @ (f * f - step * step))
            i_d = float(w @ (df * df))
            self._asym = (lo, hi, i1, i2, i_d)
        return self._asym

    def _huge(self, log_q: float) -> _LogMoments:
        act = self.act
        lt = 0.5 * log_q
        if act.bounded:
            lo, hi, i1, i2, i_d = self._asymptotic_constants()
            inv_s = math.exp(-lt)
            if act.mean is not None:
                mean = act.mean(math.inf)
            else:
                mean = 0.5 * (lo + hi) + _PHI0 * i1 * inv_s
            second = 0.5 * (lo * lo + hi * hi) + _PHI0 * i2 * inv_s
            var = second - mean * mean
            zphi = -0.5 * _PHI0 * i2 * math.exp(-3.0 * lt)
            return _LogMoments(mean, _log(second), _log(var), _log(_PHI0 * i_d) - lt, zphi)
        a, b = act.slope_inf_pos, act.slope_inf_neg
        c2 = 0.5 * (a * a + b * b)
        mu1 = (a - b) * _PHI0
        return _LogMoments(_signed_exp(mu1, _log(abs(mu1)) + lt), log_q + _log(c2),
                           log_q + _log(c2 - mu1 * mu1), _log(c2), c2)

    # -- every regime ------------------------------------------------------------------------------
    def log_moments(self, log_q: float) -> _LogMoments:
        """Moments at q = exp(log_q); log_q may be any float, including ±inf."""
        act = self.act
        if act.homogeneous:
            return _LogMoments(_signed_exp(self.mu1, _log(abs(self.mu1)) + 0.5 * log_q),
                               log_q + self.log_c2, log_q + self.log_v1, self.log_d2, self.c2)
        if self.linear:
            a, b = act.slope_pos, act.value0
            la2 = _log(a * a)
            return _LogMoments(b, _logaddexp(la2 + log_q, _log(b * b)), la2 + log_q, la2, a * a)
        if log_q < LOG_Q_TINY:
            return self._tiny(log_q)
        if log_q > LOG_Q_HUGE:
            return self._huge(log_q)
        mean, second, var, deriv_sq, zphi = self._quadrature(math.exp(log_q))
        return _LogMoments(mean, _log(second), _log(var), _log(deriv_sq), zphi)

    def log_second(self, log_q: float) -> float:
        return self.log_moments(log_q).log_second


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
    Relative error ≤ 1e-6 for q in [1e-8, 1e8] and every activation (tested against mpmath).
    Closed forms are used where the activation provides them (identity, linear, relu,
    leaky_relu; exact means of sigmoid, tanh, sigmoid_scaled). Otherwise a composite
    Gauss–Legendre rule on z ≥ 0 of f(√q z) + f(−√q z) (kinks at 0 on a panel edge), with
    panels refined geometrically towards 0 down to ~1e-3/√q. Below q = 1e-12 the Taylor
    series at 0 and above q = 1e32 the step / ReLU-like limits are exact to double precision.
    """
    q = float(q)
    if not q >= 0.0:
        raise ValueError(f"q must be ≥ 0, got {q}")
    lm = _Gauss(act).log_moments(_log(q))
    return Moments(q=q, mean=lm.mean, second=_exp(lm.log_second), var=_exp(lm.log_var),
                   deriv_sq=_exp(lm.log_deriv_sq), zphi=lm.zphi)


# -- fixed points ------------------------------------------------------------------------------

def _brent(fun: Callable[[float], float], a: float, b: float, fa: float, fb: float,
           xtol: float = 1e-14, maxiter: int = 200) -> float:
    """A root of fun in [a, b] where fa, fb have opposite signs (Brent 1973)."""
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    c, fc = a, fa
    d = e = b - a
    for _ in range(maxiter):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2e-16 * abs(b) + 0.5 * xtol
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0.0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                p, qq = 2 * m * s, 1 - s
            else:
                qa, r = fa / fc, fb / fc
                p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                qq = (qa - 1) * (r - 1) * (s - 1)
            if p > 0:
                qq = -qq
            p = abs(p)
            if 2 * p < min(3 * m * qq - abs(tol * qq), abs(e * qq)):
                e, d = d, p / qq
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else math.copysign(tol, m)
        fb = fun(b)
    return b


def _bracket_root(fun: Callable[[float], float], u0: float, lo_limit: float, hi_limit: float,
                  xtol: float = 1e-14, increasing: bool = False) -> tuple[str, float]:
    """The first sign change of fun from u0 on, searching in steps doubling from 0.5 and
    finishing with Brent's method. For a decreasing fun (log map(q) − log q) the search goes
    up while fun > 0 and down while fun < 0, as the iteration of a monotone 1-D map would;
    `increasing` reverses that. Returns ("root", u), or ("up", inf) / ("down", -inf) when no
    sign change lies within the limits."""
    f0 = fun(u0)
    if f0 == 0.0:
        return "root", u0
    direction = 1.0 if (f0 > 0) != increasing else -1.0
    step = 0.5
    a, fa = u0, f0
    while True:
        b = a + direction * step
        if b > hi_limit or b < lo_limit:
            return ("up", math.inf) if direction > 0 else ("down", -math.inf)
        fb = fun(b)
        if fb == 0.0 or (fb > 0) != (fa > 0):
            if fb == 0.0:
                return "root", b
            return "root", _brent(fun, a, b, fa, fb, xtol=xtol)
        a, fa = b, fb
        step *= 2.0


# A fixed point must attract visibly: one e-fold of q below (above) it the map must still
# raise (lower) log q by more than this. Otherwise the "root" is where a marginal map
# (relu-like σ_w²·c₂ = 1 at huge q, tanh at σ_w² = 1 near q = 0) meets rounding noise.
_ROOT_MARGIN = 1e-12


def _log_fixed_point(gauss: _Gauss, sw2: float, sb2: float, u0: float) -> tuple[str, float]:
    """log q* of q ↦ sw2·E[σ(√q z)²] + sb2, reached from q = exp(u0).

    Returns ("root", log q*), ("down", -inf) when q collapses to 0, ("up", inf) when it
    diverges (including the marginal homogeneous case where every q is fixed)."""
    act = gauss.act
    lsw2, lsb2 = _log(sw2), _log(sb2)
    if act.homogeneous:
        slope = sw2 * gauss.c2
        if sb2 > 0.0 and slope < 1.0:
            return "root", lsb2 - math.log1p(-slope)
        return ("down", -math.inf) if slope < 1.0 else ("up", math.inf)

    def fun(u: float) -> float:
        return _logaddexp(lsw2 + gauss.log_second(u), lsb2) - u

    if not math.isfinite(u0):
        u0 = 0.0
    status, u = _bracket_root(fun, u0, -_LOG_Q_SEARCH, _LOG_Q_SEARCH)
    if status == "root":
        below, above = fun(u - 1.0), fun(u + 1.0)
        if not (below > _ROOT_MARGIN and above < -_ROOT_MARGIN):
            return ("up", math.inf) if below > 0.0 else ("down", -math.inf)
    return status, u


# -- the correlation map (chaotic phase) -------------------------------------------------------

_N_GL2 = 6
_X_GL2, _W_GL2 = np.polynomial.legendre.leggauss(_N_GL2)
_ZMAX2 = 7.0      # φ(7) ≈ 9e-12
_STEP2 = 1.0      # widest panel
_FINE2 = 0.25     # finest panel next to a kink/transition, in units of its width


def _weights2(half: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    return (half[..., None] * _W_GL2) * (_PHI0 * np.exp(-0.5 * nodes * nodes))


def _sym_rule(width: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes on the whole line and weights (φ included) for an integrand smooth but for
    z = 0, where its features have width ~`width`: 6-point Gauss–Legendre on panels refined
    geometrically towards 0."""
    z_lo = _FINE2 * min(1.0, width)
    k = max(0, int(math.ceil(math.log2(1.0 / z_lo))))
    edges = np.concatenate([[0.0], 2.0 ** -np.arange(k, 0, -1.0),
                            np.arange(1.0, _ZMAX2 + 0.5 * _STEP2, _STEP2)])
    lo, hi = edges[:-1], edges[1:]
    half = 0.5 * (hi - lo)
    z = ((0.5 * (hi + lo))[:, None] + half[:, None] * _X_GL2).ravel()
    w = _weights2(half, z.reshape(half.size, -1)).ravel()
    return np.concatenate([z, -z]), np.concatenate([w, w])


def _row_rules(centers: np.ndarray, width: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-row rules on [−zmax, zmax] (weights with φ) for integrands with a kink or a
    transition of width ~`width` at e = centers[i]: breakpoints at the center and
    geometrically away from it, plus a uniform grid."""
    e_lo = _FINE2 * min(1.0, width)
    k = max(0, int(math.ceil(math.log2(2.0 * _ZMAX2 / e_lo))))
    offsets = e_lo * 2.0 ** np.arange(k + 1.0)
    rel = np.concatenate([[0.0], offsets, -offsets])
    grid = np.arange(-_ZMAX2, _ZMAX2 + 0.5 * _STEP2, _STEP2)
    pts = np.concatenate([np.broadcast_to(grid, (centers.size, grid.size)),
                          np.clip(centers[:, None] + rel[None, :], -_ZMAX2, _ZMAX2)], axis=1)
    pts.sort(axis=1)
    lo, hi = pts[:, :-1], pts[:, 1:]
    half = 0.5 * (hi - lo)
    e = (0.5 * (hi + lo))[..., None] + half[..., None] * _X_GL2
    w = _weights2(half, e)
    return e.reshape(centers.size, -1), w.reshape(centers.size, -1)


def _correlation_map(act: Activation, q: float, c: float) -> tuple[float, float]:
    """(E[σ(u₁)σ(u₂)], E[σ'(u₁)σ'(u₂)]) for (u₁, u₂) centred Gaussian, variance q each,
    correlation c ∈ [0, 1).

    u_i = √q(√c g + √(1−c) e_i) with g, e_1, e_2 i.i.d. N(0, 1), so both are E_g[h(g)²]
    with h(g) = E_e[σ(a g + b e)] (resp. σ'), a = √(qc), b = √(q(1−c)). Each inner integral
    is split at its kink e = −a g/b and refined around it on the scale 1/b; h is σ smoothed
    by a Gaussian of width b, so the outer rule is refined towards g = 0 on the scale b/a.
    Relative accuracy ~1e-8 (6-point Gauss–Legendre panels; checked against the arc-cosine
    kernel of relu and against scipy's dblquad in the tests).
    """
    s = math.sqrt(q)
    a, b = s * math.sqrt(c), s * math.sqrt(1.0 - c)
    g, wg = _sym_rule(b / a if a > 0 else math.inf)
    e, we = _row_rules(-a * g / b, 1.0 / b)
    x = e * b
    x += (a * g)[:, None]
    f, df = act.values_and_slopes(x)
    h = np.einsum("ij,ij->i", f, we)
    h1 = np.einsum("ij,ij->i", df, we)
    return float(wg @ (h * h)), float(wg @ (h1 * h1))


def _correlation_fixed_point(act: Activation, q: float, sw2: float, sb2: float
                             ) -> tuple[float, float] | None:
    """(c*, χ_c) of the correlation map c ↦ (σ_w² E[σ(u₁)σ(u₂)] + σ_b²)/q* in the chaotic
    phase (Poole et al. 2016, eq. 5; Schoenholz et al. 2017, eqs. 7–8).

    G(c) = map(c) − c is convex on [0, 1] (its second derivative σ_w² q E[σ''(u₁)σ''(u₂)] is a
    positive-definite kernel), G(0) ≥ 0, G(1) = 0 and G'(1) = χ₁* − 1 > 0, so Newton's method
    from c = 0 (G' = χ_c(c) − 1, Price's theorem) rises monotonically to the root c* < 1.
    None if the iteration fails (too close to the critical line for the quadrature).
    """
    c = 0.0
    for _ in range(60):
        e2, ed = _correlation_map(act, q, c)
        g, chi_c = (sw2 * e2 + sb2) / q - c, sw2 * ed
        if g <= 1e-13:
            return c, chi_c
        slope = chi_c - 1.0
        if not slope < 0.0:
            return None
        step = -g / slope
        c_new = min(c + step, 1.0 - 1e-12)
        if step < 1e-11 or c_new <= c:
            return c_new, chi_c
        c = c_new
    return None


# -- depth scales ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _FixedPoint:
    q_star: float | None = None
    chi1_star: float | None = None
    xi_q: float | None = None
    xi_c: float | None = None
    c_star: float | None = None
    chi_c: float | None = None


def _neg_inv_log(x: float) -> float:
    """−1/log x, a depth scale: inf when x = 1 (or beyond, i.e. not decaying)."""
    if not x > 0.0:
        return 0.0
    lx = math.log(x)
    return math.inf if lx >= 0.0 else -1.0 / lx


def _depth_scales(gauss: _Gauss, sw2: float, sb2: float, u0: float) -> _FixedPoint:
    status, u = _log_fixed_point(gauss, sw2, sb2, u0)
    if status != "root" or u > _LOG_MAX:
        return _FixedPoint()
    q_star = math.exp(u)
    if q_star == 0.0:
        return _FixedPoint()
    lm = gauss.log_moments(u)
    chi1 = _exp(math.log(sw2) + lm.log_deriv_sq)
    xi_q = _neg_inv_log(sw2 * lm.zphi)
    if chi1 <= 1.0:
        return _FixedPoint(q_star, chi1, xi_q, _neg_inv_log(chi1), 1.0, chi1)
    fixed = _correlation_fixed_point(gauss.act, q_star, sw2, sb2)
    if fixed is None:
        return _FixedPoint(q_star, chi1, xi_q, math.inf, None, None)
    c_star, chi_c = fixed
    return _FixedPoint(q_star, chi1, xi_q, _neg_inv_log(chi_c), c_star, chi_c)


def _chi1_limit(gauss: _Gauss, sw2: float, sb2: float) -> float:
    """log χ₁* = log(σ_w² E[σ'(√q* z)²]), with q* → 0 or ∞ when the map collapses/diverges."""
    status, u = _log_fixed_point(gauss, sw2, sb2, 0.0)
    if status == "down":
        u = -2.0 * _LOG_Q_SEARCH
    elif status == "up":
        u = 2.0 * _LOG_Q_SEARCH
    return math.log(sw2) + gauss.log_moments(u).log_deriv_sq


def critical_weight_variance(act: Activation, bias_var: float) -> float:
    """The weight variance σ_w² on the order–chaos line χ₁* = 1 (Schoenholz et al. 2017).

    Parameters
    ----------
    act : Activation
        The activation.
    bias_var : float
        σ_b², the bias variance (≥ 0).

    Returns
    -------
    float
        σ_w² with σ_w² E[σ'(√q* z)²] = 1 where q* = σ_w² E[σ(√q* z)²] + σ_b²; the limit
        q* → 0 (or ∞) is used where the map collapses (diverges), e.g. tanh at σ_b² = 0 gives 1.
        NaN when χ₁* never crosses 1 for σ_w² in [e⁻²⁰⁰, e²⁰⁰].

    Notes
    -----
    Root of log χ₁*(σ_w²) by bracketing and Brent's method in log σ_w²; each evaluation solves
    the fixed point q*. Positively homogeneous σ: χ₁* = σ_w² E[σ'²] for every q, so σ_w² =
    1/E[σ'²] (relu: 2).
    """
    gauss = _Gauss(act)
    bias_var = float(bias_var)
    if act.homogeneous:
        return math.exp(-gauss.log_d2)
    if gauss.linear:
        return 1.0 / (act.slope_pos ** 2) if act.slope_pos != 0 else math.nan

    def fun(v: float) -> float:
        return _chi1_limit(gauss, math.exp(v), bias_var)

    status, v = _bracket_root(fun, 0.0, -200.0, 200.0, xtol=1e-12, increasing=True)
    return math.exp(v) if status == "root" else math.nan


# -- the recursion -----------------------------------------------------------------------------

def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False)
class Theory:
    """The mean-field prediction for one config (design.md, "Mean-field theory"); arrays
    indexed by layer t = 0 … L.

    Attributes
    ----------
    widths : n_0 … n_L.
    gamma : γ_t (NaN at t = 0).
    factor_forward : n_{t-1} γ_t (NaN at t = 0).
    factor_backward : n_t γ_t (NaN at t = 0).
    log_preact_var : log q_t, natural log (NaN at t = 0).
    forward_mean : μ_t = E[h^t] (0 at t = 0; ±inf if beyond float64).
    log_forward_second : log m_t = log E[(h^t)²] (0 at t = 0).
    log_forward_var : log Var[h^t] (0 at t = 0).
    log_backward_var : log g_t, g_t = Var[∂ℓ/∂h^t] (0 at t = L).
    chi1 : χ_t = n_t γ_t E[σ'(√q_t z)²] (NaN at t = 0), so g_{t-1} = χ_t g_t.
    sigma_w2, sigma_b2 : σ_w² = n_{L-1} γ_L and σ_b² of the last layer's map.
    q_star : its attracting fixed point q*; None when q collapses to 0 or diverges.
    chi1_star : σ_w² E[σ'(√q* z)²] (< 1 ordered, > 1 chaotic); None without q*.
    xi_q : depth scale of q → q*, −1/log(σ_w² dE[σ²]/dq at q*); inf at marginality.
    xi_c : depth scale of correlations, −1/log χ_c; inf on the critical line.
    c_star : correlation fixed point (1 in the ordered phase); None without q*, or in the
        chaotic phase too close to the critical line to resolve (then xi_c = inf).
    chi_c : σ_w² E[σ'(u₁)σ'(u₂)] at c* (= chi1_star in the ordered phase).

    Natural logs throughout; the ``log10_*`` properties convert.
    """

    widths: np.ndarray
    gamma: np.ndarray
    factor_forward: np.ndarray
    factor_backward: np.ndarray
    log_preact_var: np.ndarray
    forward_mean: np.ndarray
    log_forward_second: np.ndarray
    log_forward_var: np.ndarray
    log_backward_var: np.ndarray
    chi1: np.ndarray
    sigma_w2: float
    sigma_b2: float
    q_star: float | None = None
    chi1_star: float | None = None
    xi_q: float | None = None
    xi_c: float | None = None
    c_star: float | None = None
    chi_c: float | None = None

    @property
    def depth(self) -> int:
        """Number of weight layers L."""
        return len(self.widths) - 1

    @property
    def log10_preact_var(self) -> np.ndarray:
        return self.log_preact_var / LN10

    @property
    def log10_forward_second(self) -> np.ndarray:
        return self.log_forward_second / LN10

    @property
    def log10_forward_var(self) -> np.ndarray:
        return self.log_forward_var / LN10

    @property
    def log10_backward_var(self) -> np.ndarray:
        return self.log_backward_var / LN10


def mean_field(config) -> Theory:
    """The mean-field variances of every layer, forward and backward, in log space.

    Parameters
    ----------
    config : engine.config.SimConfig
        Widths n_0 … n_L, activation and its parameters, init rule (γ_t via
        `engine.initializers.layer_variances`) and bias_std.

    Returns
    -------
    Theory
        Per-layer arrays (see `Theory`) and the fixed point / depth scales of the last
        layer's map.

    Notes
    -----
    design.md, "Mean-field theory" (Poole et al. 2016; Schoenholz et al. 2017), with m_0 = 1:
    q_t = n_{t-1} γ_t m_{t-1} + σ_b², m_t = E[σ(√q_t z)²], Var[h^t] = E[(σ − μ_t)²],
    g_L = 1, g_{t-1} = n_t γ_t E[σ'(√q_t z)²] g_t. Computed as natural logs, so any depth
    up to 10 000 neither overflows nor underflows. Moments of a q already seen in this call
    (a converged map) are reused.
    """
    act = activation_for(config)
    gauss = _Gauss(act)
    widths = np.asarray(config.widths, dtype=np.int64)
    depth = widths.size - 1
    n = widths.astype(float)
    gammas = np.asarray(layer_variances(config), dtype=float)
    sb2 = float(config.bias_std) ** 2
    lsb2 = _log(sb2)

    gamma = np.full(depth + 1, np.nan)
    gamma[1:] = gammas
    ff = np.full(depth + 1, np.nan)
    ff[1:] = n[:-1] * gammas
    fb = np.full(depth + 1, np.nan)
    fb[1:] = n[1:] * gammas
    log_ff = [_log(v) for v in ff[1:]]
    log_fb = [_log(v) for v in fb[1:]]

    log_q = [math.nan]
    mean = [0.0]
    log_m = [0.0]
    log_v = [0.0]
    log_chi = [math.nan]
    memo: dict[float, _LogMoments] = {}
    for t in range(1, depth + 1):
        lq = _logaddexp(log_ff[t - 1] + log_m[-1], lsb2)
        lm = memo.get(lq)
        if lm is None:
            lm = gauss.log_moments(lq)
            memo[lq] = lm
        log_q.append(lq)
        mean.append(lm.mean)
        log_m.append(lm.log_second)
        log_v.append(lm.log_var)
        log_chi.append(log_fb[t - 1] + lm.log_deriv_sq)

    log_chi_arr = np.array(log_chi)
    log_g = np.zeros(depth + 1)
    log_g[:-1] = np.cumsum(log_chi_arr[:0:-1])[::-1]
    chi1 = np.array([math.nan] + [_exp(v) for v in log_chi[1:]])

    sw2 = float(ff[depth])
    fixed = _depth_scales(gauss, sw2, sb2, log_q[-1])
    return Theory(
        widths=_frozen(widths), gamma=_frozen(gamma), factor_forward=_frozen(ff),
        factor_backward=_frozen(fb), log_preact_var=_frozen(np.array(log_q)),
        forward_mean=_frozen(np.array(mean)), log_forward_second=_frozen(np.array(log_m)),
        log_forward_var=_frozen(np.array(log_v)), log_backward_var=_frozen(log_g),
        chi1=_frozen(chi1), sigma_w2=sw2, sigma_b2=sb2,
        q_star=fixed.q_star, chi1_star=fixed.chi1_star, xi_q=fixed.xi_q, xi_c=fixed.xi_c,
        c_star=fixed.c_star, chi_c=fixed.chi_c,
    )


# -- the recursion for many configs at once ----------------------------------------------------
# A sweep over gain, γ or σ_b changes only scalars, so its configs share one activation and one
# set of widths: the recursion above then runs as array operations over the configs (rows),
# with the same quadrature rule, series and limits per row as `_Gauss.log_moments`.

def _padded_rules() -> tuple[np.ndarray, np.ndarray]:
    """Row k: the nodes and weights of `_rule` with K = k, zero-padded to a common length
    (a zero weight adds nothing, so a block of rows with different K is one matrix)."""
    size = _N_TAIL + _K_MAX * _N_GL + _N_GL
    z = np.zeros((_K_MAX + 1, size))
    w = np.zeros((_K_MAX + 1, size))
    for k in range(_K_MAX + 1):
        m = _N_TAIL + k * _N_GL
        z[k, :m], w[k, :m] = _FIXED_Z[:m], _FIXED_W[:m]
        z[k, m:m + _N_GL], w[k, m:m + _N_GL] = _HEAD_Z[k], _HEAD_W[k]
    return z, w


_PAD_Z, _PAD_W = _padded_rules()


def _rowdot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Σ_j a_ij b_ij per row (np.vecdot from numpy 2.0, einsum before)."""
    return np.vecdot(a, b) if _HAS_VECDOT else np.einsum("ij,ij->i", a, b)


_HAS_VECDOT = hasattr(np, "vecdot")


def _series_values(series: dict[int, float], lt: np.ndarray) -> np.ndarray:
    """`_series_value` for an array of log t."""
    total = np.zeros_like(lt)
    for k, c in series.items():
        total = total + (c if k == 0 else c * np.exp(k * lt))
    return total


def _series_logs(series: dict[int, float], lt: np.ndarray) -> np.ndarray:
    """`_series_log` for an array of log t."""
    if not series:
        return np.full_like(lt, -math.inf)
    k0 = min(series)
    rest = np.zeros_like(lt)
    for k, c in series.items():
        if k != k0:
            rest = rest + c * np.exp((k - k0) * lt)
    return (0.0 if k0 == 0 else k0 * lt) + np.log(series[k0] + rest)


def _quadrature_rows(gauss: _Gauss, log_q: np.ndarray):
    """`_Gauss._quadrature` of every exp(log_q), as arrays (mean, second, var, deriv_sq, zphi)."""
    act = gauss.act
    q = np.exp(log_q)
    s = np.sqrt(q)
    with np.errstate(divide="ignore"):
        k = np.where(s <= 1.0, _K_MIN,
                     np.maximum(_K_MIN, np.ceil(np.log2(1e3 * s))).astype(np.int64))
    k = np.minimum(k, _K_MAX)
    size = _N_TAIL + int(k.max()) * _N_GL + _N_GL
    z, w = _PAD_Z[k, :size], _PAD_W[k, :size]
    xp = z * s[:, None]
    if act.odd:  # σ(−x) = −σ(x), σ'(−x) = σ'(x): the folded sums are twice the x ≥ 0 half
        fp, dp = act.values_and_slopes(xp)
        mean = np.zeros_like(s)
        second = 2.0 * _rowdot(w, fp * fp)
        var = second.copy()
        deriv_sq = 2.0 * _rowdot(w, dp * dp)
        zphi = 2.0 * _rowdot(w * z, fp * dp) / s
        return mean, second, var, deriv_sq, zphi
    f, df = act.values_and_slopes(np.concatenate([xp, -xp], axis=1))
    fp, fm, dp, dm = f[:, :size], f[:, size:], df[:, :size], df[:, size:]
    if act.mean is not None:
        mean = np.array([act.mean(float(v)) for v in q])
    else:
        mean = _rowdot(w, fp + fm)
    second = _rowdot(w, fp * fp + fm * fm)
    cp, cm = fp - mean[:, None], fm - mean[:, None]
    var = _rowdot(w, cp * cp + cm * cm)
    deriv_sq = _rowdot(w, dp * dp + dm * dm)
    zphi = _rowdot(w * z, fp * dp - fm * dm) / s
    return mean, second, var, deriv_sq, zphi


def _log_moments_rows(gauss: _Gauss, log_q: np.ndarray) -> tuple[np.ndarray, ...]:
    """`_Gauss.log_moments` of every entry of log_q: arrays (mean, log_second, log_var,
    log_deriv_sq, zphi)."""
    act = gauss.act
    out = tuple(np.empty_like(log_q) for _ in range(5))
    mean, log_second, log_var, log_d2, zphi = out
    with np.errstate(all="ignore"):
        if act.homogeneous:
            mean[:] = 0.0 if gauss.mu1 == 0.0 else np.copysign(
                np.exp(math.log(abs(gauss.mu1)) + 0.5 * log_q), gauss.mu1)
            log_second[:] = log_q + gauss.log_c2
            log_var[:] = log_q + gauss.log_v1
            log_d2[:], zphi[:] = gauss.log_d2, gauss.c2
            return out
        if gauss.linear:
            a, b = act.slope_pos, act.value0
            la2 = _log(a * a)
            mean[:] = b
            log_second[:] = np.logaddexp(la2 + log_q, _log(b * b))
            log_var[:] = la2 + log_q
            log_d2[:], zphi[:] = la2, a * a
            return out
        tiny = log_q < LOG_Q_TINY
        mid = (log_q >= LOG_Q_TINY) & (log_q <= LOG_Q_HUGE)
        if tiny.any():
            s_mean, s_second, s_var, s_d2, s_zphi = gauss._taylor()
            lt = 0.5 * log_q[tiny]
            mean[tiny], log_second[tiny] = _series_values(s_mean, lt), _series_logs(s_second, lt)
            log_var[tiny], log_d2[tiny] = _series_logs(s_var, lt), _series_logs(s_d2, lt)
            zphi[tiny] = _series_values(s_zphi, lt)
        if mid.any():
            m, second, var, d2, zp = _quadrature_rows(gauss, log_q[mid])
            mean[mid], log_second[mid], log_var[mid] = m, np.log(second), np.log(var)
            log_d2[mid], zphi[mid] = np.log(d2), zp
    for i in np.flatnonzero(~(tiny | mid)):  # q > 1e32 (or NaN): the scalar limits
        lm = gauss.log_moments(float(log_q[i]))
        mean[i], log_second[i], log_var[i] = lm.mean, lm.log_second, lm.log_var
        log_d2[i], zphi[i] = lm.log_deriv_sq, lm.zphi
    return out


def _correlation_fixed_point_fast(act: Activation, q: float, sw2: float, sb2: float):
    """`_correlation_fixed_point`, with the map at c = 0 (where u₁, u₂ are independent and
    every row of its inner rule is the same) evaluated on one row."""
    c = 0.0
    for _ in range(60):
        if c == 0.0:
            e2, ed = _correlation_map_at_zero(act, q)
        else:
            e2, ed = _correlation_map(act, q, c)
        g, chi_c = (sw2 * e2 + sb2) / q - c, sw2 * ed
        if g <= 1e-13:
            return c, chi_c
        slope = chi_c - 1.0
        if not slope < 0.0:
            return None
        step = -g / slope
        c_new = min(c + step, 1.0 - 1e-12)
        if step < 1e-11 or c_new <= c:
            return c_new, chi_c
        c = c_new
    return None


def _correlation_map_at_zero(act: Activation, q: float) -> tuple[float, float]:
    """`_correlation_map(act, q, 0)`: a = 0, so h(g) is the same for every outer node g."""
    b = math.sqrt(q)
    _, wg = _sym_rule(math.inf)
    e, we = _row_rules(np.zeros(1), 1.0 / b)
    f, df = act.values_and_slopes(e * b)
    h = np.einsum("ij,ij->i", f, we)[0]
    h1 = np.einsum("ij,ij->i", df, we)[0]
    total = float(np.add.reduce(wg))
    return total * h * h, total * h1 * h1


def _brent_rows(fun, a: np.ndarray, b: np.ndarray, fa: np.ndarray, fb: np.ndarray,
                xtol: float = 1e-14, maxiter: int = 200) -> np.ndarray:
    """`_brent` on every row at once: the same steps per row, each round one call of
    fun(x, rows) for the rows still open. fa, fb must have opposite signs (or be 0)."""
    a, b, fa, fb = (np.array(v, dtype=float) for v in (a, b, fa, fb))
    rows = np.arange(a.size)
    out = np.where(fa == 0.0, a, b)
    open_ = (fa != 0.0) & (fb != 0.0)
    c, fc = a.copy(), fa.copy()
    d, e = b - a, b - a
    with np.errstate(all="ignore"):
        for _ in range(maxiter):
            if not open_.any():
                return out
            w = open_ & ((fb > 0) == (fc > 0))
            c, fc = np.where(w, a, c), np.where(w, fa, fc)
            d, e = np.where(w, b - a, d), np.where(w, b - a, e)
            w = open_ & (np.abs(fc) < np.abs(fb))
            a, b, c = np.where(w, b, a), np.where(w, c, b), np.where(w, b, c)
            fa, fb, fc = np.where(w, fb, fa), np.where(w, fc, fb), np.where(w, fb, fc)
            tol = 2e-16 * np.abs(b) + 0.5 * xtol
            m = 0.5 * (c - b)
            done = open_ & ((np.abs(m) <= tol) | (fb == 0.0))
            out[done] = b[done]
            open_ &= ~done
            if not open_.any():
                return out
            s = fb / fa
            qa, r = fa / fc, fb / fc
            secant = a == c
            p = np.where(secant, 2 * m * s, s * (2 * m * qa * (qa - r) - (b - a) * (r - 1)))
            qq = np.where(secant, 1 - s, (qa - 1) * (r - 1) * (s - 1))
            qq = np.where(p > 0, -qq, qq)
            p = np.abs(p)
            interp = (np.abs(e) >= tol) & (np.abs(fa) > np.abs(fb))
            accept = interp & (2 * p < np.minimum(3 * m * qq - np.abs(tol * qq), np.abs(e * qq)))
            e = np.where(open_, np.where(accept, d, m), e)
            d = np.where(open_, np.where(accept, p / qq, m), d)
            a, fa = np.where(open_, b, a), np.where(open_, fb, fa)
            b = np.where(open_, b + np.where(np.abs(d) > tol, d, np.copysign(tol, m)), b)
            fb[open_] = fun(b[open_], rows[open_])
    out[open_] = b[open_]
    return out


def _log_fixed_points(gauss: _Gauss, sw2: np.ndarray, sb2: np.ndarray, u0: np.ndarray
                      ) -> tuple[np.ndarray, np.ndarray]:
    """`_log_fixed_point` of every row (same search, same steps): status (+1 "up", −1 "down",
    0 "root") and log q*."""
    if gauss.act.homogeneous:
        fixed = [_log_fixed_point(gauss, float(w), float(b), float(u))
                 for w, b, u in zip(sw2, sb2, u0)]
        status = np.array([{"root": 0, "up": 1, "down": -1}[st] for st, _ in fixed])
        return status, np.array([u for _, u in fixed])
    with np.errstate(divide="ignore", invalid="ignore"):
        lsw2, lsb2 = np.log(sw2), np.log(sb2)

    def fun(u: np.ndarray, rows: np.ndarray) -> np.ndarray:
        with np.errstate(invalid="ignore"):
            return np.logaddexp(lsw2[rows] + _log_moments_rows(gauss, u)[1], lsb2[rows]) - u

    n = sw2.size
    every = np.arange(n)
    u0 = np.where(np.isfinite(u0), u0, 0.0)
    f0 = fun(u0, every)
    status = np.zeros(n, dtype=np.int64)
    u = u0.copy()
    direction = np.where(f0 > 0, 1.0, -1.0)
    a, fa = u0.copy(), f0.copy()
    lo, hi, flo, fhi = (np.full(n, np.nan) for _ in range(4))
    search = f0 != 0.0
    step = 0.5
    while search.any():
        rows = np.flatnonzero(search)
        b = a[rows] + direction[rows] * step
        out = (b > _LOG_Q_SEARCH) | (b < -_LOG_Q_SEARCH)
        gone = rows[out]
        status[gone] = np.where(direction[gone] > 0, 1, -1)
        u[gone] = direction[gone] * math.inf
        search[gone] = False
        rows, b = rows[~out], b[~out]
        if rows.size == 0:
            break
        fb = fun(b, rows)
        zero = fb == 0.0
        u[rows[zero]] = b[zero]
        cross = ~zero & ((fb > 0) != (fa[rows] > 0))
        found = rows[cross]
        lo[found], hi[found], flo[found], fhi[found] = a[found], b[cross], fa[found], fb[cross]
        search[rows[zero | cross]] = False
        a[rows], fa[rows] = b, fb
        step *= 2.0
    bracketed = np.flatnonzero(np.isfinite(lo))
    if bracketed.size:
        u[bracketed] = _brent_rows(lambda x, r: fun(x, bracketed[r]), lo[bracketed],
                                   hi[bracketed], flo[bracketed], fhi[bracketed])
    roots = np.flatnonzero(status == 0)
    if roots.size:
        around = fun(np.concatenate([u[roots] - 1.0, u[roots] + 1.0]), np.tile(roots, 2))
        below, above = around[:roots.size], around[roots.size:]
        weak = ~((below > _ROOT_MARGIN) & (above < -_ROOT_MARGIN))
        status[roots[weak]] = np.where(below[weak] > 0.0, 1, -1)
        u[roots[weak]] = np.where(below[weak] > 0.0, math.inf, -math.inf)
    return status, u


def _depth_scales_rows(gauss: _Gauss, sw2: np.ndarray, sb2: np.ndarray, u0: np.ndarray
                       ) -> list[_FixedPoint]:
    """`_depth_scales` of every row, the fixed points searched together."""
    status, u = _log_fixed_points(gauss, sw2, sb2, u0)
    found = (status == 0) & (u <= _LOG_MAX)
    out = [_FixedPoint()] * sw2.size
    if not found.any():
        return out
    rows = np.flatnonzero(found)
    lm = _log_moments_rows(gauss, u[rows])
    for k, i in enumerate(rows):
        q_star = math.exp(u[i])
        if q_star == 0.0:
            continue
        w2 = float(sw2[i])
        chi1 = _exp(math.log(w2) + float(lm[3][k]))
        xi_q = _neg_inv_log(w2 * float(lm[4][k]))
        if chi1 <= 1.0:
            out[i] = _FixedPoint(q_star, chi1, xi_q, _neg_inv_log(chi1), 1.0, chi1)
            continue
        fixed = _correlation_fixed_point_fast(gauss.act, q_star, w2, float(sb2[i]))
        if fixed is None:
            out[i] = _FixedPoint(q_star, chi1, xi_q, math.inf, None, None)
        else:
            out[i] = _FixedPoint(q_star, chi1, xi_q, _neg_inv_log(fixed[1]), *fixed)
    return out


def _same_network(configs) -> bool:
    first = configs[0]
    return all(c.widths == first.widths and c.activation == first.activation
               and (c.alpha, c.beta, c.negative_slope) == (first.alpha, first.beta,
                                                           first.negative_slope)
               for c in configs)


def mean_fields(configs) -> list[Theory]:
    """`mean_field` of each config, computed together when they share the activation and the
    widths (a sweep of gain, γ or σ_b): each layer's Gaussian expectations are then one array
    operation over the configs. Agrees with `mean_field` to rounding (~1e-13 relative).
    """
    configs = list(configs)
    if not configs:
        return []
    if len(configs) == 1 or not _same_network(configs):
        return [mean_field(c) for c in configs]
    act = activation_for(configs[0])
    gauss = _Gauss(act)
    widths = np.asarray(configs[0].widths, dtype=np.int64)
    depth = widths.size - 1
    n = widths.astype(float)
    G = len(configs)
    gammas = np.array([np.asarray(layer_variances(c), dtype=float) for c in configs])
    sb2 = np.array([float(c.bias_std) ** 2 for c in configs])
    with np.errstate(divide="ignore", invalid="ignore"):
        lsb2 = np.log(sb2)
        ff = n[:-1] * gammas
        fb = n[1:] * gammas
        log_ff, log_fb = np.log(ff), np.log(fb)

    log_q = np.full((G, depth + 1), np.nan)
    mean = np.zeros((G, depth + 1))
    log_m = np.zeros((G, depth + 1))
    log_v = np.zeros((G, depth + 1))
    log_d2 = np.full((G, depth + 1), np.nan)
    for t in range(1, depth + 1):
        with np.errstate(invalid="ignore"):
            lq = np.logaddexp(log_ff[:, t - 1] + log_m[:, t - 1], lsb2)
        log_q[:, t] = lq
        # a q already seen (a converged map) keeps its moments, as `mean_field`'s memo does
        new = lq != log_q[:, t - 1] if t > 1 else np.ones(G, dtype=bool)
        if not new.all():
            for arr in (mean, log_m, log_v, log_d2):
                arr[~new, t] = arr[~new, t - 1]
        if new.any():
            m, ls, lv, ld, _ = _log_moments_rows(gauss, lq[new])
            mean[new, t], log_m[new, t], log_v[new, t], log_d2[new, t] = m, ls, lv, ld

    log_chi = np.full((G, depth + 1), np.nan)
    log_chi[:, 1:] = log_fb + log_d2[:, 1:]
    log_g = np.zeros((G, depth + 1))
    log_g[:, :-1] = np.cumsum(log_chi[:, :0:-1], axis=1)[:, ::-1]
    with np.errstate(over="ignore"):
        chi1 = np.exp(log_chi)
    scales = _depth_scales_rows(gauss, ff[:, -1].copy(), sb2, log_q[:, -1].copy())
    out = []
    for i, c in enumerate(configs):
        gamma = np.full(depth + 1, np.nan)
        gamma[1:] = gammas[i]
        f_fwd = np.full(depth + 1, np.nan)
        f_fwd[1:] = ff[i]
        f_bwd = np.full(depth + 1, np.nan)
        f_bwd[1:] = fb[i]
        sw2 = float(f_fwd[depth])
        fixed = scales[i]
        out.append(Theory(
            widths=_frozen(widths.copy()), gamma=_frozen(gamma), factor_forward=_frozen(f_fwd),
            factor_backward=_frozen(f_bwd), log_preact_var=_frozen(log_q[i].copy()),
            forward_mean=_frozen(mean[i].copy()), log_forward_second=_frozen(log_m[i].copy()),
            log_forward_var=_frozen(log_v[i].copy()), log_backward_var=_frozen(log_g[i].copy()),
            chi1=_frozen(chi1[i].copy()), sigma_w2=sw2, sigma_b2=float(sb2[i]),
            q_star=fixed.q_star, chi1_star=fixed.chi1_star, xi_q=fixed.xi_q, xi_c=fixed.xi_c,
            c_star=fixed.c_star, chi_c=fixed.chi_c))
    return out
