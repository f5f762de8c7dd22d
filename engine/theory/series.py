"""The Gaussian moments of an activation as power series in t = √q, for q → 0: σ's Taylor
terms at 0 (on each side of a kink) integrated term by term, E[(t z)^k] over a half line being
E|z|^k / 2. `gaussian.GaussianExpectations.taylor` uses them below q = 1e-12, where they are
exact to double precision.
"""

from __future__ import annotations

import functools
import math

import numpy as np

Series = dict  # {power k: coefficient A_k} of Σ A_k t^k


def _abs_moment(k: int) -> float:
    """E|z|^k for z ~ N(0, 1)."""
    return 2.0 ** (0.5 * k) * math.gamma(0.5 * (k + 1)) / math.sqrt(math.pi)


def _poly_mul(a: Series, b: Series) -> Series:
    out: Series = {}
    for i, ca in a.items():
        for j, cb in b.items():
            out[i + j] = out.get(i + j, 0.0) + ca * cb
    return out


def _half_expect(pos: Series, neg: Series) -> Series:
    """E[p(x)] for x = t z, p = pos on x ≥ 0 and neg on x < 0, as a series in t = √q."""
    out = {}
    for k in set(pos) | set(neg):
        coef = 0.5 * _abs_moment(k) * (pos.get(k, 0.0) + (-1.0) ** k * neg.get(k, 0.0))
        if coef != 0.0:
            out[k] = coef
    return out


def _series_table(value_series: list[Series], log_series: list[Series]):
    """Powers P, coefficients C (one column per series) and leading powers k₀ such that
    exp(outer(log t, P)) @ C gives Σ A_k t^k for each value series, and Σ A_k t^(k − k₀) for
    each log series (whose log is then k₀ log t + log of that)."""
    lead = [min(s) if s else 0 for s in log_series]
    shifted = [{k - k0: c for k, c in s.items()} for s, k0 in zip(log_series, lead)]
    columns = value_series + shifted
    powers = np.array(sorted(set().union(*columns)), dtype=float)
    coefs = np.array([[col.get(int(k), 0.0) for col in columns] for k in powers])
    out = powers, coefs.reshape(powers.size, len(columns)), np.array(lead, dtype=float)
    for a in out:
        a.setflags(write=False)
    return out


@functools.lru_cache(maxsize=64)
def taylor_table(taylor: tuple, taylor_neg: tuple):
    """`_series_table` of (E[σ], dE[σ²]/dq) and of (E[σ²], Var σ, E[σ'²]) in t = √q, from
    σ's Taylor terms at 0 ((coefficient, power) pairs for x ≥ 0 and x < 0)."""
    pos = {p: c for c, p in taylor}
    neg = {p: c for c, p in taylor_neg}
    rpos = {k: c for k, c in pos.items() if k > 0}  # σ − σ(0)
    rneg = {k: c for k, c in neg.items() if k > 0}
    second = _half_expect(_poly_mul(pos, pos), _poly_mul(neg, neg))
    var = _half_expect(_poly_mul(rpos, rpos), _poly_mul(rneg, rneg))
    r1 = _half_expect(rpos, rneg)
    for k, c in _poly_mul(r1, r1).items():  # Var = E[(σ − σ(0))²] − E[σ − σ(0)]²
        var[k] = var.get(k, 0.0) - c
    dpos = {k - 1: k * c for k, c in pos.items() if k > 0}
    dneg = {k - 1: k * c for k, c in neg.items() if k > 0}
    return _series_table(
        [_half_expect(pos, neg), {k - 2: 0.5 * k * c for k, c in second.items() if k > 0}],
        [second, {k: c for k, c in var.items() if c != 0.0},
         _half_expect(_poly_mul(dpos, dpos), _poly_mul(dneg, dneg))])
