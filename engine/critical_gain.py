"""The network's critical gain: the gain at which the gradient's squared norm crosses the
whole network unchanged, every layer counted (the phase diagram's line, `engine.phase`, is its
limit for endlessly many equal hidden layers), and where the gradient's variance per unit
reaches the input there."""

from __future__ import annotations

import math

import numpy as np

from .config import SimConfig
from .config_fields import MAX_GAIN, MIN_GAIN
from .initializers import layer_variances
from .phase import weight_variance_scale
from .theory import jacobian_log_growth
from .theory.roots import brent

OVERSHOOT, MIN_STEP = 1.2, 0.01   # the search's first step (in ln gain)


def critical_input_level(widths) -> float:
    """log₁₀(n_L/n_0): where the gradient's variance per unit reaches the input, from the
    output's level 0, at the critical gain. There E‖J‖²_F = n_L, and ∂ℓ/∂h⁰ = Jᵀ ∂ℓ/∂hᴸ, with
    ∂ℓ/∂hᴸ of i.i.d. entries independent of J, gives n_0·Var[∂ℓ/∂h⁰] = Var[∂ℓ/∂hᴸ]·E‖J‖²_F:
    the squared norm is kept, not the variance per unit (784, 256x49, 10: −1.9 decades)."""
    return math.log10(widths[-1] / widths[0])


def ends_differ(config: SimConfig) -> bool:
    """The first or the last layer's σ_w² = n_{t−1}γ_t is not the hidden layers' (their
    median): with the depth and the input's transient, what moves the network's critical
    gain from the phase diagram's line (784, 256x49, 10 under Xavier; not under He fan_in,
    nor under any rule with equal widths: a review)."""
    scales = [n * g for n, g in zip(config.widths, layer_variances(config))]   # t = 1 … L
    middle = weight_variance_scale(config) * config.gain**2   # (the phase diagram's point)
    return any(not math.isclose(scales[t], middle, rel_tol=1e-9) for t in (0, -1))


def critical_gain(config: SimConfig) -> float:
    """The network's critical gain: the gain at which its input–output Jacobian J has
    E‖J‖²_F = n_L (`engine.theory.jacobian_log_growth` = 0), so the gradient's squared norm
    reaches the input as large as it left the output; NaN if no gain in
    [MIN_GAIN, MAX_GAIN] does (e.g. init "zeros").

    Every layer counts, with its own σ_w² = n_{t-1}γ_t·gain² and q_t, so unequal widths and
    the input's transient are included. With equal widths and great depth it is the
    order–chaos line of the hidden layers' map (χ₁* = 1). The search starts at the config's
    gain and finds the first sign change of the growth from there.
    """
    if weight_variance_scale(config) <= 0:
        return math.nan

    def growth(u: float) -> float:
        return float(jacobian_log_growth([config.with_values(gain=math.exp(u))])[0])

    lo, hi = math.log(MIN_GAIN), math.log(MAX_GAIN)
    u = math.log(config.gain)
    # one config per evaluation (many at once cost more each); not `theory.roots.find_roots`,
    # which searches one way from its start: here f's sign says which way. The growth rises with the
    # gain, by 2L per unit of ln gain for a homogeneous σ (less where σ saturates): the
    # first step is that Newton step, a little long so that it brackets, then doubles
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        f = growth(u)
        if f == 0.0:
            return config.gain
        step = -OVERSHOOT * f / (2.0 * config.depth)
        step = math.copysign(min(max(abs(step), MIN_STEP), hi - lo), step)
        while True:
            if not math.isfinite(f):
                return math.nan
            v = min(max(u + step, lo), hi)
            fv = growth(v)
            if not math.isfinite(fv) or (fv > 0) != (f > 0) or fv == 0.0:
                break
            if v in (lo, hi):
                return math.nan
            u, f, step = v, fv, 2.0 * step
        if not math.isfinite(fv):
            return math.nan
        root = brent(lambda x, rows: np.array([growth(float(x[0]))]),
                     [u], [v], [f], [fv], xtol=1e-9)
    return float(math.exp(root[0]))


def missing_side(config: SimConfig) -> int:
    """Where the critical gain lies when no gain in [MIN_GAIN, MAX_GAIN] has it
    (`critical_gain` NaN): +1 above MAX_GAIN (the gradient's squared norm still shrinks
    across the network there: variance 10⁻³⁰, a gain of ~10¹⁴ would keep it), −1 below
    MIN_GAIN (it already grows there), 0 where no gain changes it so (init "zeros", α = 0)."""
    if weight_variance_scale(config) <= 0:
        return 0
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        top, bottom = jacobian_log_growth([config.with_values(gain=MAX_GAIN),
                                           config.with_values(gain=MIN_GAIN)])
    if math.isfinite(top) and top < 0:
        return 1
    if math.isfinite(bottom) and bottom > 0:
        return -1
    return 0
