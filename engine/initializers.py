"""Weight initializers: the variance rules γ_t and the standardized weight distributions.

A layer's weights are ``√γ_t · Z_t`` where ``Z_t`` is a *standardized* draw (entries of mean
square 1) from the chosen distribution. Keeping the two apart lets the engine reuse the same
draws while the user drags gain, γ or the init rule (only the scalar √γ_t changes).
"""

from __future__ import annotations

import math

import numpy as np

from .special_functions import std_normal_pdf

# Variance of N(0, 1) truncated to [-2, 2]: 1 − 2·2φ(2)/(2Φ(2) − 1).
TRUNCATION = 2.0   # a truncated normal is cut at ±2 of its s
_PHI2 = float(std_normal_pdf(TRUNCATION))
TRUNCATED_NORMAL_MASS = math.erf(TRUNCATION / math.sqrt(2))   # of N(0, 1) within ±2
TRUNCATED_NORMAL_VAR = 1.0 - 2 * TRUNCATION * _PHI2 / TRUNCATED_NORMAL_MASS

def fan(n_in: int, n_out: int, mode: str) -> float:
    """The fan used by He and LeCun: n_in, n_out, or their average."""
    if mode == "fan_in":
        return float(n_in)
    if mode == "fan_out":
        return float(n_out)
    if mode == "fan_avg":
        return 0.5 * (n_in + n_out)
    raise ValueError(f"unknown mode {mode!r}")


def layer_variance(rule: str, n_in: int, n_out: int, *, variance: float = 0.01,
                   mode: str = "fan_in", gain: float = 1.0, slope: float = 0.0) -> float:
    """γ_t for one layer with n_in = n_{t-1} inputs and n_out = n_t outputs, times gain².

    constant: ``variance``; xavier: 2/(n_in+n_out) (Glorot & Bengio 2010, the lecture's
    compromise between n_{t-1}γ = 1 and n_t γ = 1); he: 2/((1 + a²)·fan) with the negative
    slope a of a leaky relu (He et al. 2015, eq. 15; a = 0 for relu and every other
    activation, as torch.nn.init.kaiming_* with `a`); lecun: 1/fan; zeros: 0 (every weight
    0, whatever the gain: with equal biases, the symmetry that training never breaks).
    """
    if rule == "constant":
        base = variance
    elif rule == "xavier":
        base = 2.0 / (n_in + n_out)
    elif rule == "he":
        base = 2.0 / ((1.0 + slope * slope) * fan(n_in, n_out, mode))
    elif rule == "lecun":
        base = 1.0 / fan(n_in, n_out, mode)
    elif rule == "zeros":
        return 0.0
    else:
        raise ValueError(f"unknown init rule {rule!r}")
    return base * gain * gain


def he_slope(config) -> float:
    """The negative slope He's rule accounts for: a leaky relu's, else 0."""
    return config.negative_slope if config.activation == "leaky_relu" else 0.0


def layer_variances(config) -> np.ndarray:
    """γ_t for t = 1 … L of a SimConfig (index 0 of the result is γ_1)."""
    w = config.widths
    return np.array([
        layer_variance(config.init, w[t - 1], w[t], variance=config.variance, mode=config.mode,
                       gain=config.gain, slope=he_slope(config))
        for t in range(1, len(w))
    ])


def standardized_weights(rng: np.random.Generator, n_in: int, n_out: int, distribution: str,
                         dtype=np.float32) -> np.ndarray:
    """An (n_in, n_out) matrix Wᵀ with i.i.d. zero-mean, unit-mean-square entries.

    The engine multiplies row-vector batches, ``h @ Wᵀ``, so the transposed weight matrix is
    what it draws; for i.i.d. entries this is the same distribution.
    """
    shape = (n_in, n_out)
    if distribution == "normal":
        return rng.standard_normal(shape, dtype=dtype)
    if distribution == "uniform":
        # U(−√3, √3) has variance 1.
        out = rng.random(shape, dtype=dtype)
        out *= dtype(2.0 * math.sqrt(3.0))
        out -= dtype(math.sqrt(3.0))
        return out
    if distribution == "truncated_normal":
        return _truncated_normal(rng, shape, dtype)
    if distribution == "orthogonal":
        return _orthogonal(rng, n_in, n_out, dtype)
    raise ValueError(f"unknown distribution {distribution!r}")


def _truncated_normal(rng, shape, dtype) -> np.ndarray:
    out = rng.standard_normal(shape, dtype=dtype)
    bad = np.abs(out) > TRUNCATION
    while bad.any():  # rejection: 95.4 % accepted per round
        out[bad] = rng.standard_normal(int(bad.sum()), dtype=dtype)
        bad = np.abs(out) > TRUNCATION
    out *= dtype(1.0 / math.sqrt(TRUNCATED_NORMAL_VAR))
    return out


def _orthogonal(rng, n_in, n_out, dtype) -> np.ndarray:
    """Haar-distributed (semi-)orthogonal (n_in, n_out) matrix scaled to unit mean square.

    QR of a Gaussian matrix with the signs of R's diagonal moved into Q (Mezzadri 2007), so the
    result is uniformly distributed. Orthonormal columns (n_in ≥ n_out) or rows carry
    mean square 1/max(n_in, n_out), hence the factor √max(n_in, n_out).
    """
    tall = max(n_in, n_out)
    short = min(n_in, n_out)
    a = rng.standard_normal((tall, short))
    q, r = np.linalg.qr(a)
    q *= np.sign(np.diag(r)) + (np.diag(r) == 0)
    if n_in < n_out:
        q = q.T
    return (q * math.sqrt(tall)).astype(dtype)
