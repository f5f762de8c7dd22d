"""The activation functions: σ, σ', their formulas as text, Taylor terms at 0, closed forms.

Each activation is an `Activation` built by `make_activation(name, alpha=, beta=,
negative_slope=)`. σ and σ' accept float32 or float64 arrays and return the same dtype; they
never warn on overflow (sigmoid-like functions are written through tanh, exponentials only see
non-positive arguments; engine.special_functions holds these pieces).

`make_activation` reads the registry `_BUILDERS`, whose names (`NAMES`) are the config's
(`engine.config_fields.ACTIVATIONS`): a new activation is a builder there, its σ and σ', its
facts (Taylor terms to the third order at least, the slopes at 0 and ±∞, `bounded`, `odd`,
`bounds`), and the code export's layer (engine/code_torch.py, code_keras.py); README's
"Adding an activation" lists the rest. tests/test_activations.py checks every fact of every
name against σ itself.

Closed-form Gaussian moments (z ~ N(0, 1), x = √q z) are read for a positively homogeneous σ
only, at q = 1 (engine.theory.gaussian); every other σ's moments come from quadrature and
series.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .special_functions import (INV_SQRT_2PI, exp_nonpos, half_tanh_half, sech2_where_tiny,
                                std_normal_cdf, std_normal_pdf)

SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772

Array = np.ndarray
Moment = Callable[[float], float]


@dataclass(frozen=True)
class Activation:
    """One activation with its parameters bound.

    Attributes
    ----------
    f, df : σ and σ' on arrays (any float dtype, same dtype out).
    formula : σ as text, e.g. ``"tanh(x)"``.
    taylor, taylor_neg : Taylor terms at 0 as ``(coefficient, power)`` pairs for x ≥ 0 and
        x < 0 (equal for smooth functions); ``gui.help_texts.taylor_text`` renders them.
    homogeneous : σ(c·x) = c·σ(x) for every c > 0, so a run can be tracked in log scale exactly.
    bounded : |σ| is bounded (its moments need no rescaling for large q).
    value0, slope_pos, slope_neg : σ(0) and the one-sided slopes at 0 (the tiny-q limit).
    slope_inf_pos, slope_inf_neg : σ(x)/x as x → ±∞ (the huge-q limit of unbounded σ).
    mean, second_moment, deriv_sq : closed forms of E[σ(√q z)], E[σ(√q z)²], E[σ'(√q z)²]
        as functions of q, or None (read for a homogeneous σ, at q = 1).
    derivative : σ' as text. odd : σ(−x) = −σ(x). point_symmetric : σ(−x) = 2σ(0) − σ(x),
        odd about its value at 0 (sigmoid, a linear σ with a bias; of an odd σ, `odd` alone
        says it). bounds : σ's range where it is bounded (a layer's histogram spans it).
        params : α, β or the negative slope bound in.
    f_df : σ and σ' at once, where sharing work is cheaper (`values_and_slopes`).
    """

    name: str
    f: Callable[[Array], Array]
    df: Callable[[Array], Array]
    formula: str
    derivative: str
    taylor: tuple[tuple[float, int], ...]
    taylor_neg: tuple[tuple[float, int], ...]
    homogeneous: bool
    bounded: bool
    value0: float
    slope_pos: float
    slope_neg: float
    slope_inf_pos: float = 0.0
    slope_inf_neg: float = 0.0
    odd: bool = False
    point_symmetric: bool = False
    mean: Moment | None = None
    second_moment: Moment | None = None
    deriv_sq: Moment | None = None
    params: dict = field(default_factory=dict)
    bounds: tuple[float, float] | None = None
    f_df: Callable[[Array], tuple[Array, Array]] | None = None

    @property
    def constant(self) -> bool:
        """σ takes one value whatever x (linear with α = 0): h^t and σ' are exact, not rounded."""
        return self.name == "linear" and self.params.get("alpha") == 0.0

    def values_and_slopes(self, x: Array) -> tuple[Array, Array]:
        """(σ(x), σ'(x)) together, sharing work where the function allows (tanh, sigmoid)."""
        h, d, _ = self.values_slopes_squares(x)
        return h, d

    def values_slopes_squares(self, x: Array) -> tuple[Array, Array, Array | None]:
        """(σ(x), σ'(x), σ(x)² or None): the square comes free where σ' is built from it."""
        if self.f_df is not None:
            out = self.f_df(x)
            return out if len(out) == 3 else (*out, None)
        return self.f(x), self.df(x), None


# -- closed forms -------------------------------------------------------------------------

def _relu_like_moments(pos: float, neg: float) -> tuple[Moment, Moment, Moment]:
    """σ(x) = pos·x (x ≥ 0), neg·x (x < 0): E[σ] = (pos−neg)√q/√(2π), E[σ²] = (pos²+neg²)q/2,
    E[σ'²] = (pos²+neg²)/2."""
    c2 = 0.5 * (pos * pos + neg * neg)
    return (lambda q: (pos - neg) * math.sqrt(q) * INV_SQRT_2PI,
            lambda q: c2 * q,
            lambda q: c2)


# -- the registry -------------------------------------------------------------------------

def make_activation(name: str, *, alpha: float = 1.0, beta: float = 0.0,
                    negative_slope: float = 0.01) -> Activation:
    """Build the activation `name` with its parameters bound (see the module docstring)."""
    try:
        builder = _BUILDERS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}") from None
    return builder(alpha=alpha, beta=beta, negative_slope=negative_slope)


def _identity(**_):
    mean, m2, d2 = _relu_like_moments(1.0, 1.0)
    return Activation(
        "identity", f=lambda x: x.copy(), df=lambda x: np.ones_like(x),
        formula="x", derivative="1", taylor=((1.0, 1),), taylor_neg=((1.0, 1),),
        homogeneous=True, bounded=False, value0=0.0, slope_pos=1.0, slope_neg=1.0,
        slope_inf_pos=1.0, slope_inf_neg=1.0, odd=True, mean=mean, second_moment=m2, deriv_sq=d2)


def _linear(alpha, beta, **_):
    a, b = float(alpha), float(beta)
    terms = tuple(t for t in ((b, 0), (a, 1)) if t[0] != 0.0)
    # x, not 1·x (the lecture's x + 0.5); 0·x is kept, what makes σ constant
    slope = "x" if a == 1.0 else "−x" if a == -1.0 else f"{a:g}·x"
    return Activation(
        "linear",
        f=lambda x: x * x.dtype.type(a) + x.dtype.type(b),
        df=lambda x: np.full_like(x, a),
        formula=slope if b == 0 else f"{slope} + {b:g}" if b > 0 else f"{slope} − {-b:g}",
        derivative=f"{a:g}", taylor=terms, taylor_neg=terms,
        homogeneous=(b == 0.0), bounded=(a == 0.0), value0=b, slope_pos=a, slope_neg=a,
        slope_inf_pos=a, slope_inf_neg=a, odd=(b == 0.0), point_symmetric=(b != 0.0),
        mean=lambda q: b, second_moment=lambda q: a * a * q + b * b, deriv_sq=lambda q: a * a,
        params={"alpha": a, "beta": b})


def _sigmoid(**_):
    def f(x):
        return half_tanh_half(x) * x.dtype.type(0.5) + x.dtype.type(0.5)

    def df(x):
        t = half_tanh_half(x)
        return sech2_where_tiny(x * x.dtype.type(0.5), 1 - t * t, 1e-3) * x.dtype.type(0.25)

    def f_df(x):
        h = f(x)
        d = 1 - h
        d *= h  # σ' = σ(1 − σ), not σ − σ², which cancels where σ → 1
        if d.size and d.min() < 2.5e-4:
            d = sech2_where_tiny(x * x.dtype.type(0.5), d * x.dtype.type(4.0), 1e-3) * x.dtype.type(0.25)
        return h, d, h * h

    return Activation(
        "sigmoid", f=f, df=df, formula="1 / (1 + e⁻ˣ)", derivative="σ(x)(1 − σ(x))",
        taylor=((0.5, 0), (0.25, 1), (-1 / 48, 3)), taylor_neg=((0.5, 0), (0.25, 1), (-1 / 48, 3)),
        homogeneous=False, bounded=True, value0=0.5, slope_pos=0.25, slope_neg=0.25,
        point_symmetric=True, mean=lambda q: 0.5, bounds=(0.0, 1.0), f_df=f_df)


def _sigmoid_scaled(**_):
    def f(x):
        return half_tanh_half(x) * x.dtype.type(2.0)

    def df(x):
        t = half_tanh_half(x)
        return sech2_where_tiny(x * x.dtype.type(0.5), 1 - t * t, 1e-3)

    def f_df(x):
        h = half_tanh_half(x)
        h *= x.dtype.type(2.0)
        sq = h * h
        d = sq * x.dtype.type(-0.25)
        d += 1  # σ' = 1 − tanh²(x/2) = 1 − h²/4
        return h, sech2_where_tiny(x * x.dtype.type(0.5), d, 1e-3), sq

    return Activation(
        "sigmoid_scaled", f=f, df=df, formula="4·sigmoid(x) − 2",
        derivative="4·sigmoid(x)(1 − sigmoid(x))",   # not σ: here σ is the scaled function
        taylor=((1.0, 1), (-1 / 12, 3)), taylor_neg=((1.0, 1), (-1 / 12, 3)),
        homogeneous=False, bounded=True, value0=0.0, slope_pos=1.0, slope_neg=1.0, odd=True,
        mean=lambda q: 0.0, bounds=(-2.0, 2.0), f_df=f_df)


def _tanh(**_):
    def df(x):
        t = np.tanh(x)
        return sech2_where_tiny(x, 1 - t * t, 1e-3)

    def f_df(x):
        t = np.tanh(x)
        sq = t * t
        return t, sech2_where_tiny(x, np.subtract(1, sq, dtype=x.dtype), 1e-3), sq

    return Activation(
        "tanh", f=np.tanh, df=df, formula="tanh(x)", derivative="1 − tanh²(x)",
        taylor=((1.0, 1), (-1 / 3, 3)), taylor_neg=((1.0, 1), (-1 / 3, 3)),
        homogeneous=False, bounded=True, value0=0.0, slope_pos=1.0, slope_neg=1.0, odd=True,
        mean=lambda q: 0.0, bounds=(-1.0, 1.0), f_df=f_df)


_ZERO_ROWS: dict[tuple[int, np.dtype], np.ndarray] = {}


def _zeros_for(x: Array):
    """0 to compare x with: a read-only row of zeros as wide as x's last axis (numpy's
    maximum against an array is several times faster than against a scalar), or a scalar."""
    if getattr(x, "ndim", 0) == 0:
        return 0
    key = (x.shape[-1], x.dtype)
    row = _ZERO_ROWS.get(key)
    if row is None:
        row = _ZERO_ROWS[key] = np.zeros(x.shape[-1], dtype=x.dtype)
        row.flags.writeable = False
    return row


def _relu(**_):
    mean, m2, d2 = _relu_like_moments(1.0, 0.0)

    def f(x):
        return np.maximum(x, _zeros_for(x))

    def df(x):
        return np.greater(x, _zeros_for(x)).astype(np.result_type(x, np.float32))

    return Activation(
        "relu", f=f, df=df,
        formula="max(0, x)", derivative="1 (x > 0), 0 (x ≤ 0)",
        taylor=((1.0, 1),), taylor_neg=(),
        homogeneous=True, bounded=False, value0=0.0, slope_pos=1.0, slope_neg=0.0,
        slope_inf_pos=1.0, slope_inf_neg=0.0, mean=mean, second_moment=m2, deriv_sq=d2)


def _leaky_relu(negative_slope, **_):
    a = float(negative_slope)
    mean, m2, d2 = _relu_like_moments(1.0, a)

    def f(x):
        return np.where(x > 0, x, x * x.dtype.type(a))

    def df(x):
        return np.where(x > 0, x.dtype.type(1), x.dtype.type(a))

    return Activation(
        "leaky_relu", f=f, df=df, formula=f"x (x > 0), {a:g}·x (x ≤ 0)",
        derivative=f"1 (x > 0), {a:g} (x ≤ 0)", taylor=((1.0, 1),),
        taylor_neg=((a, 1),) if a != 0 else (),
        homogeneous=True, bounded=False, value0=0.0, slope_pos=1.0, slope_neg=a,
        slope_inf_pos=1.0, slope_inf_neg=a, odd=(a == 1.0),
        mean=mean, second_moment=m2, deriv_sq=d2, params={"negative_slope": a})


def _elu(**_):
    def f(x):
        return np.where(x > 0, x, np.expm1(np.minimum(x, 0)))

    def df(x):
        return np.where(x > 0, x.dtype.type(1), exp_nonpos(x))

    return Activation(
        "elu", f=f, df=df, formula="x (x > 0), eˣ − 1 (x ≤ 0)",
        derivative="1 (x > 0), eˣ (x ≤ 0)",
        taylor=((1.0, 1),), taylor_neg=((1.0, 1), (0.5, 2), (1 / 6, 3)),
        homogeneous=False, bounded=False, value0=0.0, slope_pos=1.0, slope_neg=1.0,
        slope_inf_pos=1.0, slope_inf_neg=0.0)


def _selu(**_):
    lam, alp = SELU_LAMBDA, SELU_ALPHA

    def f(x):
        t = x.dtype.type
        return np.where(x > 0, x * t(lam), np.expm1(np.minimum(x, 0)) * t(lam * alp))

    def df(x):
        t = x.dtype.type
        return np.where(x > 0, t(lam), exp_nonpos(x) * t(lam * alp))

    la = lam * alp
    return Activation(
        "selu", f=f, df=df, formula="λx (x > 0), λα(eˣ − 1) (x ≤ 0)",
        derivative="λ (x > 0), λαeˣ (x ≤ 0)", taylor=((lam, 1),),
        taylor_neg=((la, 1), (la / 2, 2), (la / 6, 3)),
        homogeneous=False, bounded=False, value0=0.0, slope_pos=lam, slope_neg=la,
        slope_inf_pos=lam, slope_inf_neg=0.0)


def _smooth_relu(name, f, df, formula, derivative, terms) -> Activation:
    """gelu and swish: smooth, σ(0) = 0, σ'(0) = 1/2, like x for x → ∞ and 0 for x → −∞."""
    return Activation(
        name, f=f, df=df, formula=formula, derivative=derivative, taylor=terms,
        taylor_neg=terms, homogeneous=False, bounded=False, value0=0.0, slope_pos=0.5,
        slope_neg=0.5, slope_inf_pos=1.0, slope_inf_neg=0.0)


def _gelu(**_):
    def f(x):
        return x * std_normal_cdf(x)

    def df(x):
        return std_normal_cdf(x) + x * std_normal_pdf(x).astype(x.dtype)

    c = INV_SQRT_2PI
    return _smooth_relu("gelu", f, df, "x·Φ(x)", "Φ(x) + x·φ(x)", ((0.5, 1), (c, 2), (-c / 6, 4)))


def _swish(**_):
    def f(x):
        half = x.dtype.type(0.5)
        return x * (half_tanh_half(x) * half + half)

    def df(x):
        half = x.dtype.type(0.5)
        s = half_tanh_half(x) * half + half
        return s + x * s * (1 - s)

    return _smooth_relu("swish", f, df, "x·sigmoid(x)", "sigmoid(x)(1 + x(1 − sigmoid(x)))",
                        ((0.5, 1), (0.25, 2), (-1 / 48, 4)))


def _softplus(**_):
    def f(x):
        return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))

    def df(x):
        half = x.dtype.type(0.5)
        return half_tanh_half(x) * half + half

    terms = ((math.log(2.0), 0), (0.5, 1), (0.125, 2), (-1 / 192, 4))
    return Activation(
        "softplus", f=f, df=df, formula="ln(1 + eˣ)", derivative="sigmoid(x)",
        taylor=terms, taylor_neg=terms,
        homogeneous=False, bounded=False, value0=math.log(2.0), slope_pos=0.5, slope_neg=0.5,
        slope_inf_pos=1.0, slope_inf_neg=0.0)


_BUILDERS = {
    "identity": _identity,
    "linear": _linear,
    "sigmoid": _sigmoid,
    "sigmoid_scaled": _sigmoid_scaled,
    "tanh": _tanh,
    "relu": _relu,
    "leaky_relu": _leaky_relu,
    "elu": _elu,
    "selu": _selu,
    "gelu": _gelu,
    "swish": _swish,
    "softplus": _softplus,
}

NAMES = tuple(_BUILDERS)


def activation_for(config) -> Activation:
    """The activation of a SimConfig, with its parameters bound."""
    return make_activation(config.activation, alpha=config.alpha, beta=config.beta,
                           negative_slope=config.negative_slope)
