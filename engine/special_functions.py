"""The elementwise special functions the activations are built from, fast and overflow-free on
float32 and float64 arrays: Φ and φ of the standard normal (gelu, and engine.activation_curves),
erfc (exact for float64, a fast fit for float32), tanh(x/2) (every sigmoid-like σ), sech² where
1 − tanh² underflows in float32 (σ' of tanh and the sigmoids), and exp of non-positive
arguments only (elu, selu).
"""

from __future__ import annotations

import math

import numpy as np

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_INV_SQRT2 = 1.0 / math.sqrt(2.0)
LN10 = math.log(10.0)   # log10(x) = ln(x) / LN10

Array = np.ndarray


def half_tanh_half(x: Array) -> Array:
    """tanh(x/2), the core of every sigmoid-like function (no overflow for any x)."""
    return np.tanh(x * x.dtype.type(0.5))


def sech2_where_tiny(x: Array, d: Array, limit: float) -> Array:
    """Replace σ' values below `limit` by sech²(x) = 4e^{−2|x|}/(1 + e^{−2|x|})².

    1 − tanh²(x) is exactly 0 in float32 once |x| > 9; this form stays positive to |x| ≈ 44,
    so a saturated layer's gradient is small, not zero. Costs one reduction when nothing is
    tiny (the usual case)."""
    if x.dtype == np.float32 and d.size and d.min() < limit:  # float64 keeps 1 − t² to 1e-16
        mask = d < limit
        tiny = np.flatnonzero(mask)
        if tiny.size > d.size // 4:   # mostly saturated (a training's too-large γ): all at once
            e = np.abs(x)
            e *= np.float32(-2.0)
            np.exp(e, out=e)
            return np.where(mask, np.float32(4.0) * e / ((np.float32(1.0) + e)
                                                         * (np.float32(1.0) + e)), d)
        # flat indices + take/put: a boolean mask would be gathered and scattered over the
        # whole array, which costs more than the fix-up when only a few % saturate
        e = np.exp(-2.0 * np.abs(np.take(x, tiny)))
        np.put(d, tiny, 4.0 * e / ((1.0 + e) * (1.0 + e)))
    return d


def exp_nonpos(x: Array) -> Array:
    """exp(min(x, 0)): only ever evaluated where it cannot overflow."""
    return np.exp(np.minimum(x, 0))


def _erfc_fast(x: Array) -> Array:
    """erfc with fractional error < 1.2e-7 everywhere (Numerical Recipes, Chebyshev fit);
    ample for float32 Monte Carlo."""
    z = np.minimum(np.abs(x), 10.0)  # erfc(10) ≈ 2e-45: zero in float32 either way
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    ans = np.where(z < 10.0, t * np.exp(poly), 0.0)
    return np.where(x >= 0, ans, 2.0 - ans)


_erfc_exact = np.frompyfunc(math.erfc, 1, 1)
_erf_exact = np.frompyfunc(math.erf, 1, 1)


def erf(z: Array) -> Array:
    """erf, exact to float64 (math.erf), on arrays; erf(±inf) = ±1."""
    return np.asarray(_erf_exact(np.asarray(z, dtype=np.float64)), dtype=np.float64)


def std_normal_cdf(x: Array) -> Array:
    """Φ(x). float64 input: exact to double precision; float32: fast approximation."""
    x = np.asarray(x)
    if x.dtype == np.float64:
        return 0.5 * _erfc_exact(-x * _INV_SQRT2).astype(np.float64)
    return (0.5 * _erfc_fast(-x * x.dtype.type(_INV_SQRT2))).astype(x.dtype)


def std_normal_pdf(x: Array) -> Array:
    """φ(x), the standard normal density (0 beyond |x| = 40)."""
    z = np.minimum(np.abs(x), 40.0)  # φ(40) ≈ 1e-348: zero in double precision either way
    return INV_SQRT_2PI * np.exp(-0.5 * z * z)
