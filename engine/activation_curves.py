"""The Activation panel's numbers: σ, σ' and their Taylor polynomials over the range a layer's
pre-activations take, the N(0, q_t) density there, and the share of it where σ is "linear".

The pre-activation h'^t is zero-mean with variance q_t (`preact_variance`: the Monte Carlo's
pooled variance, else the mean-field theory's). `activation_curves` samples σ, σ', the Taylor
polynomials of first and third order at 0 (for a σ with a kink at 0, the one-sided expansions:
``taylor`` for x ≥ 0, ``taylor_neg`` for x < 0) and the density on x ∈ [−4√q, 4√q] (or
over a range chosen, `half_width`), and computes `linear_mass`, the N(0, q) probability of
the region where the first-order Taylor polynomial is within 10 % of σ (`linear_region`).
`layer_curves` gives them for a layer of a result, with the lecture's σ
(`engine.lecture_sigmas`) on the same grid when asked for. Runs that vanish or explode are the
point of the app, so any q ≥ 0 is drawable (the x range is held between `HALF_WIDTH_MIN` and
`HALF_WIDTH_MAX`), even beyond float64 when its log10 is known (`preact_log10_variance`: an
exploding run's log-scaled pass knows it to any size); a q that is NaN or negative, or
infinite with no log10, gives an `invalid` reason instead.

Pure numpy; no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import Activation, activation_for
from .lecture_sigmas import LectureCurve, lecture_curves
from .taylor_regions import (Terms, first_order, identity_region, linear_region,
                             taylor_polynomial, taylor_terms)
from .special_functions import LN10, erf, std_normal_cdf, std_normal_pdf

# The x range is ±4√q, held within these half-widths: below 1e-6 σ(0) + σ'(0)·x would drown in
# the rounding of σ(0) (sigmoid: 0.5 ± 1e-16) and the axis could not label it; above 1e100 the
# cubic Taylor term would near float64's limit.
SIGMAS = 4.0
HALF_WIDTH_MIN = 1e-6
HALF_WIDTH_MAX = 1e100
# The ranges of x one may choose instead of the layer's own ±4√q (half-widths): the tab's
# range box and the command line's --x-range
X_RANGES = (2.0, 4.0, 8.0)
INVALID_NAN = "nan"            # q is not a number (e.g. the Monte Carlo lost it)
INVALID_INFINITE = "infinite"  # q overflows float64 (beyond ~1.8e308) and its log10 is unknown
INVALID_NEGATIVE = "negative"  # cannot be a variance

RANGE_FLOOR = "floor"      # 4√q < HALF_WIDTH_MIN: the density is narrower than this range
RANGE_CEILING = "ceiling"  # 4√q > HALF_WIDTH_MAX: the density is nearly flat on this range

SOURCE_MONTE_CARLO = "monte_carlo"
SOURCE_THEORY = "theory"

_EMPTY = np.zeros(0)


@dataclass(frozen=True, eq=False)
class ActivationCurves:
    """σ and its surroundings at one pre-activation variance q (module docstring).

    Attributes
    ----------
    q : the variance the curves were drawn for (inf beyond float64).
    log10_q : log10 q, also beyond float64 when it was given.
    invalid : None, or why nothing is drawn: `INVALID_NAN`, `INVALID_INFINITE`,
        `INVALID_NEGATIVE`; the arrays are then empty and `linear_mass` is NaN.
    x : the grid, `points` values evenly spaced over [−half_width, half_width].
    sigma, dsigma : σ(x) and σ'(x).
    taylor1, taylor3 : the Taylor polynomials at 0 of order 1 and 3 (one-sided where σ has a
        kink at 0); NaN where a value is not finite.
    density : the N(0, q) density on x: the pdf where the grid resolves √q (step < √q), else
        the probability of each grid cell divided by its width, so that a q too small for the
        range (q below the floor, or q = 0) is a spike of unit mass at 0, never a missed one.
        Beyond float64 the density (below 10⁻¹⁵⁴ here) is flat at float64's smallest normal
        number: its shape, which is all a scaled plot shows.
    half_width : half the x range: 4√q held within [HALF_WIDTH_MIN, HALF_WIDTH_MAX], or the
        half-width chosen.
    range_limited : "" when half_width = 4√q or was chosen, else `RANGE_FLOOR` or
        `RANGE_CEILING`.
    coverage : the N(0, q) probability of the x range (≈ 0.99994 when not limited or chosen).
    terms1, terms3 : the Taylor terms kept, as ``(x ≥ 0 terms, x < 0 terms)``; each a tuple of
        ``(coefficient, power)`` pairs like `Activation.taylor` (for ``gui.help_texts.taylor_text``).
    linear_region : the intervals (a, b), a < b, ±inf for unbounded, where
        |taylor1(x) − σ(x)| ≤ LINEAR_TOLERANCE·|σ(x)|; independent of q.
    linear_mass : P(a ≤ h' ≤ b for one of those intervals), h' ~ N(0, q).
    identity_mass : the same for the region where y = x is within LINEAR_TOLERANCE of σ, what
        the lecture asks of σ near 0 (relu: x ≥ 0, half of them; sigmoid: around x ≈ 0.66).
    """

    q: float
    log10_q: float
    invalid: str | None
    x: np.ndarray
    sigma: np.ndarray
    dsigma: np.ndarray
    taylor1: np.ndarray
    taylor3: np.ndarray
    density: np.ndarray
    half_width: float
    range_limited: str
    coverage: float
    terms1: tuple[Terms, Terms]
    terms3: tuple[Terms, Terms]
    linear_region: tuple[tuple[float, float], ...]
    linear_mass: float
    identity_mass: float

    @property
    def own_half_width(self) -> float:
        """The layer's own range, SIGMAS·√q (inf beyond float64, NaN for an invalid q),
        whatever range is shown."""
        if math.isnan(self.q) or self.q < 0:
            return math.nan
        return SIGMAS * math.sqrt(self.q)   # (√inf = inf)

    @property
    def log10_own_half_width(self) -> float:
        """log10 of `own_half_width`, also where q is beyond float64 (from `log10_q`)."""
        return math.log10(SIGMAS) + 0.5 * self.log10_q

    @property
    def first_order(self) -> tuple[float, float, float]:
        """(σ(0), σ′(0⁺), σ′(0⁻)): σ's first order at 0 (the lecture asks 0, 1, 1)."""
        return first_order(self.terms1)


def _upper_tail(z: np.ndarray) -> np.ndarray:
    """P(Z > z) for Z ~ N(0, 1), accurate in both tails (z may be ±inf)."""
    return std_normal_cdf(-np.asarray(z, dtype=np.float64))


def _interval_mass(lo: np.ndarray, hi: np.ndarray, q: float) -> np.ndarray:
    """P(lo ≤ h' ≤ hi), h' ~ N(0, q), lo ≤ hi elementwise, without cancellation in either
    tail; q = 0 is the point mass at 0 (split evenly when 0 is an end)."""
    lo, hi = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    if q == 0.0:
        def z(v):
            return np.where(v > 0, math.inf, np.where(v < 0, -math.inf, 0.0))
    else:
        s = math.sqrt(q)

        def z(v):
            with np.errstate(over="ignore"):   # an end far beyond √q is ±inf: its tail is 0
                return v / s
    zl, zh = z(lo), z(hi)
    right = _upper_tail(zl) - _upper_tail(zh)                       # both ends ≥ 0
    left = _upper_tail(-zh) - _upper_tail(-zl)                      # both ends ≤ 0
    middle = 0.5 * (erf(zh / math.sqrt(2.0)) - erf(zl / math.sqrt(2.0)))  # straddling 0
    return np.maximum(np.where(zl >= 0, right, np.where(zh <= 0, left, middle)), 0.0)


def invalid_reason(q: float, log10_q: float | None = None) -> str | None:
    """Why `q` cannot be drawn (`INVALID_NAN`, `INVALID_INFINITE`, `INVALID_NEGATIVE`), or
    None when it can (0 ≤ q < ∞, or q = ∞ with a finite `log10_q`)."""
    if math.isnan(q):
        return INVALID_NAN
    if q < 0.0:
        return INVALID_NEGATIVE
    if math.isinf(q) and not (log10_q is not None and math.isfinite(log10_q)):
        return INVALID_INFINITE
    return None


def activation_curves(config, q: float, points: int = 401, log10_q: float | None = None,
                      half_width: float | None = None) -> ActivationCurves:
    """σ, σ', the Taylor polynomials and the N(0, q) density over x ∈ ±4√q, or over
    ±`half_width` where one is given.

    Parameters
    ----------
    config : engine.config.SimConfig or engine.activations.Activation
        Whose activation (with its parameters) to draw.
    q : float
        The pre-activation variance; 0 ≤ q < ∞ is drawn, anything else gives `invalid`.
    points : int
        Grid points (≥ 3; odd puts one at x = 0).
    log10_q : float, optional
        log10 q, which makes q = ∞ (beyond float64) drawable: like any q too large for the
        range, over ±`HALF_WIDTH_MAX`; with q = 0 it says q is below float64 (not exactly 0),
        drawn as any q too small for the range.
    half_width : float, optional
        A range of x chosen, 0 < half_width ≤ HALF_WIDTH_MAX (σ's shape over ±8, say, where
        the layer's pre-activations span ±0.1); `coverage` says how much of N(0, q) it holds.

    Returns
    -------
    ActivationCurves
        See its attributes. Never warns, for any q.
    """
    if points < 3:
        raise ValueError(f"points must be at least 3, got {points}")
    if half_width is not None and not 0 < half_width <= HALF_WIDTH_MAX:
        raise ValueError(f"half_width must be in (0, {HALF_WIDTH_MAX:g}], got {half_width!r}")
    act = config if isinstance(config, Activation) else activation_for(config)
    q = float(q)
    terms1, terms3 = taylor_terms(act, 1), taylor_terms(act, 3)
    region = linear_region(act)
    reason = invalid_reason(q, log10_q)
    # a q beyond float64 keeps the log10 given; a finite q its own (0: exactly zero, −∞)
    if log10_q is None or not (math.isinf(q) or (q == 0.0 and math.isfinite(log10_q))):
        with np.errstate(divide="ignore", invalid="ignore"):
            log10_q = float(np.log10(q))
    if reason is not None:
        return ActivationCurves(q, log10_q, reason, _EMPTY, _EMPTY, _EMPTY, _EMPTY, _EMPTY,
                                _EMPTY, math.nan, "", math.nan, terms1, terms3, region, math.nan,
                                math.nan)
    natural = SIGMAS * math.sqrt(q)
    half = min(max(natural, HALF_WIDTH_MIN), HALF_WIDTH_MAX)
    limited = (RANGE_FLOOR if natural < HALF_WIDTH_MIN else
               RANGE_CEILING if natural > HALF_WIDTH_MAX else "")
    if half_width is not None:
        half, limited = float(half_width), ""
    x = np.linspace(-half, half, points)
    if points % 2:
        x[points // 2] = 0.0   # exactly, not ±1e-17
    step = x[1] - x[0]
    edges = np.concatenate([[x[0] - 0.5 * step], 0.5 * (x[1:] + x[:-1]), [x[-1] + 0.5 * step]])
    if math.isinf(q):         # flat on this range, and below float64 (docstring)
        density = np.full(points, np.finfo(np.float64).tiny)
    elif step < math.sqrt(q):   # the grid resolves √q: the pdf itself
        s = math.sqrt(q)
        density = std_normal_pdf(x / s) / s
    else:                     # too narrow for the grid: each cell's probability / its width
        density = _interval_mass(edges[:-1], edges[1:], q) / step
    sigma, dsigma = act.f(x), act.df(x)
    coverage = (0.0 if math.isinf(q) else
                float(_interval_mass(np.array([-half]), np.array([half]), q)[0]))
    return ActivationCurves(
        q=q, log10_q=log10_q, invalid=None, x=x, sigma=sigma, dsigma=dsigma,
        taylor1=taylor_polynomial(terms1, x), taylor3=taylor_polynomial(terms3, x),
        density=density, half_width=half, range_limited=limited, coverage=coverage,
        terms1=terms1, terms3=terms3, linear_region=region, linear_mass=_region_mass(region, q),
        identity_mass=_region_mass(identity_region(act), q))


def _region_mass(region: tuple[tuple[float, float], ...], q: float) -> float:
    """The N(0, q) probability of the region's intervals."""
    if not region:
        return 0.0
    if math.isinf(q):   # the limit q → ∞: each unbounded side of an interval holds ½
        return min(0.5 * sum((a == -math.inf) + (b == math.inf) for a, b in region), 1.0)
    a, b = np.array(region).T
    return min(float(np.sum(_interval_mass(a, b, q))), 1.0)


def layer_curves(result, layer: int, lecture: bool = False, half_width: float | None = None
                 ) -> tuple[str, ActivationCurves, tuple[LectureCurve, ...]]:
    """What the Activation tab draws for layer t = `layer` of `result`: where q_t comes from
    (`preact_variance`), the curves at q_t (over ±`half_width` if given, else ±4√q_t), and
    with `lecture` the lecture's σ other than the config's own on their grid (empty arrays
    when nothing is drawn)."""
    act = activation_for(result.config)
    q, source = preact_variance(result, layer)
    log10_q = preact_log10_variance(result, layer)[0] if q in (0.0, math.inf) else None
    c = activation_curves(act, q, log10_q=log10_q, half_width=half_width)
    drawn = (tuple(lc for lc in lecture_curves(c.x) if lc.name != act.name)
             if lecture else ())
    return source, c, drawn


def _pow_or_inf(base: float, exponent: float) -> float:
    """base**exponent as a float: inf beyond float64 (not OverflowError), 0 below it."""
    try:
        return math.pow(base, exponent)
    except OverflowError:
        return math.inf


def preact_variance(result, layer: int) -> tuple[float, str]:
    """q_t, the variance of the pre-activations h'^t, and where it comes from.

    Parameters
    ----------
    result : engine.result.SimResult
        With a Monte Carlo part, a theory part, or both.
    layer : int
        t, 1 ≤ t ≤ L.

    Returns
    -------
    (q, source)
        The Monte Carlo's pooled variance 10**log10_preact_var[t] (source `SOURCE_MONTE_CARLO`)
        when the result has one and it is finite there, or exactly zero with the forward pass's
        trouble reported as "exactly zero variance" (dead units, not underflow). Otherwise the
        theory's exp(log q_t) (source `SOURCE_THEORY`) when there is a theory, else the Monte
        Carlo's value as it is. q may be 0, inf (beyond float64: `preact_log10_variance` has
        its size) or NaN (unknown); `activation_curves` says so.
    """
    source, value = _preact_log(result, layer)
    if source == SOURCE_MONTE_CARLO:
        return _pow_or_inf(10.0, value), source
    return (math.nan if math.isnan(value) else _pow_or_inf(math.e, value)), source


def preact_log10_variance(result, layer: int) -> tuple[float, str]:
    """log10 q_t and its source, chosen as `preact_variance` chooses (±inf and NaN as there);
    finite also where q_t is beyond float64."""
    source, value = _preact_log(result, layer)
    return (value if source == SOURCE_MONTE_CARLO else value / LN10), source


def _preact_log(result, layer: int) -> tuple[str, float]:
    """The source of q_t and its logarithm there: log10 for the Monte Carlo, natural for the
    theory (each as stored)."""
    depth = result.config.depth
    if not 1 <= layer <= depth:
        raise ValueError(f"layer must be in 1 … {depth}, got {layer}")
    mc, th = result.monte_carlo, result.theory
    if mc is None and th is None:
        raise ValueError("the result has neither a Monte Carlo nor a theory part")
    if mc is not None:
        log10_q = float(mc.log10_preact_var[layer])
        invalid = mc.forward_invalid
        dead = (log10_q == -math.inf and invalid is not None
                and invalid.reason == "exactly zero variance")
        if math.isfinite(log10_q) or dead or th is None:
            return SOURCE_MONTE_CARLO, log10_q
    return SOURCE_THEORY, float(th.log_preact_var[layer])
