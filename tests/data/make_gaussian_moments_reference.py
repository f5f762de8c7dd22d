"""Regenerate gaussian_moments_reference.json: 30-digit mpmath references of the Gaussian
expectations that tests/test_theory.py checks `engine.theory.gaussian_moments` against.

Run from the repository root (needs mpmath; about a minute)::

    python3 tests/data/make_gaussian_moments_reference.py

For every activation variant (each activation with its default parameters, plus linear with
α = 0.5, β = 0.3 and leaky_relu with slope 0.2) and every q in QS, it stores E over z ~ N(0, 1)
of σ(√q z), σ², (σ − mean)², σ'² and zσσ'/√q as strings of 30 significant digits. σ and σ' are
written here in mpmath, independently of engine.activations (only the selu constants and the
list of names are taken from it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import mpmath as mp

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from engine.activations import NAMES, SELU_ALPHA, SELU_LAMBDA  # noqa: E402

QS = (1e-8, 1e-4, 1e-2, 0.3, 1.0, 3.0, 30.0, 1e3, 1e5, 1e8)
FIELDS = ("mean", "second", "var", "deriv_sq", "zphi")
VARIANTS = [(name, {}) for name in NAMES] + [
    ("linear", {"alpha": 0.5, "beta": 0.3}),
    ("leaky_relu", {"negative_slope": 0.2}),
]
DIGITS = 30
OUT = Path(__file__).with_name("gaussian_moments_reference.json")


def variant_id(name: str, params: dict) -> str:
    """The pytest id of a variant, e.g. ``linear-alpha=0.5-beta=0.3``."""
    return name + "".join(f"-{k}={v}" for k, v in params.items())


def mp_activation(name, alpha=1.0, beta=0.0, negative_slope=0.01):
    """σ and σ' in mpmath."""
    a, b, k = mp.mpf(alpha), mp.mpf(beta), mp.mpf(negative_slope)
    lam, la = mp.mpf(SELU_LAMBDA), mp.mpf(SELU_LAMBDA) * mp.mpf(SELU_ALPHA)
    one, zero = mp.mpf(1), mp.mpf(0)

    def sig(x):
        return 1 / (1 + mp.exp(-x))

    table = {
        "identity": (lambda x: x, lambda x: one),
        "linear": (lambda x: a * x + b, lambda x: a),
        "sigmoid": (sig, lambda x: sig(x) * (1 - sig(x))),
        "sigmoid_scaled": (lambda x: 4 * sig(x) - 2, lambda x: 4 * sig(x) * (1 - sig(x))),
        "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
        "relu": (lambda x: x if x > 0 else zero, lambda x: one if x > 0 else zero),
        "leaky_relu": (lambda x: x if x > 0 else k * x, lambda x: one if x > 0 else k),
        "elu": (lambda x: x if x > 0 else mp.expm1(x), lambda x: one if x > 0 else mp.exp(x)),
        "selu": (lambda x: lam * x if x > 0 else la * mp.expm1(x),
                 lambda x: lam if x > 0 else la * mp.exp(x)),
        "gelu": (lambda x: x * mp.ncdf(x), lambda x: mp.ncdf(x) + x * mp.npdf(x)),
        "swish": (lambda x: x * sig(x), lambda x: sig(x) + x * sig(x) * (1 - sig(x))),
        "softplus": (lambda x: mp.log1p(mp.exp(x)) if x < 40 else x + mp.log1p(mp.exp(-x)), sig),
    }
    return table[name]


def mp_moments(name, q, **params):
    """E over z ~ N(0,1) of σ(√q z), σ², σ'², zσσ'/√q by mpmath.quad (tanh–sinh, 30 digits)
    on z ≥ 0 of g(z) + g(−z), split at 0, at 4·8^j/√q (the scale of σ(√q z)) and at 1, 3, 6,
    12 (beyond 12 the Gaussian weight is below 1e-32)."""
    f, df = mp_activation(name, **params)
    with mp.workdps(DIGITS):
        q = mp.mpf(q)
        s = mp.sqrt(q)
        pts = {mp.mpf(0), mp.mpf(1), mp.mpf(3), mp.mpf(6), mp.mpf(12)}
        p = 1 / (4 * s)
        while p < 1:
            pts.add(p)
            p *= 8
        pts = sorted(pts)
        cache = {}

        def vals(z):  # the four quadratures share their nodes: evaluate σ, σ' once
            v = cache.get(z)
            if v is None:
                x = s * z
                v = cache[z] = (f(x), f(-x), df(x), df(-x), mp.npdf(z))
            return v

        def expect(g):
            return mp.quad(lambda z: g(z, *vals(z)), pts)

        mean = expect(lambda z, fp, fm, dp, dm, w: (fp + fm) * w)
        second = expect(lambda z, fp, fm, dp, dm, w: (fp * fp + fm * fm) * w)
        deriv_sq = expect(lambda z, fp, fm, dp, dm, w: (dp * dp + dm * dm) * w)
        zphi = expect(lambda z, fp, fm, dp, dm, w: z * (fp * dp - fm * dm) * w) / s
        var = second - mean * mean  # exact enough at 30 digits
        values = {"mean": mean, "second": second, "var": var, "deriv_sq": deriv_sq,
                  "zphi": zphi}
        return {k: mp.nstr(values[k], DIGITS, min_fixed=1, max_fixed=0) for k in FIELDS}


def main() -> None:
    data = {
        "about": "E over z ~ N(0,1) at x = sqrt(q) z, by mpmath; regenerate with "
                 "tests/data/make_gaussian_moments_reference.py",
        "digits": DIGITS,
        "q": [repr(q) for q in QS],
        "variants": [{"id": variant_id(name, params), "name": name, "params": params,
                      "moments": {repr(q): mp_moments(name, q, **params) for q in QS}}
                     for name, params in VARIANTS],
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
