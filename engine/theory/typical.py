"""The typical run: the expected *log* of one input's per-unit squared norm, forward
(‖h^t‖²/n_t) and backward (‖∂ℓ/∂h^t‖²/n_t), per layer t = 0 … L.

The mean-field lines are expectations over the weights (E‖h^t‖², at infinite width); one
network's variance is a product of L random factors, so its logarithm is a sum, and the median
network follows E[log], not log E, for one input. (A variance pooled over a batch of inputs, the
Monte Carlo's, is a mean over inputs: it lies above E[log], between it and log E.) E[log] is
computed here where it is exact: zero bias, Gaussian weights (distribution "normal"), and σ
identity, linear with β = 0, relu or leaky relu. Everywhere else the arrays are NaN ("not
available"): no approximation is made.

Forward. Given h = h^{t-1} ≠ 0, w = W^t h/‖h‖ ~ N(0, γ_t I) is independent of the past, and
for these σ, σ(x)² = s(x)² x² with s = α, or 1 / a by the sign of x. So

    ‖h^t‖² = ‖h^{t-1}‖² · γ_t · X_t,   X_t = Σ_{i ≤ n_t} s_i² z_i²,  z ~ N(0, I)      (1)

with X_t independent across layers and ‖h^0‖² ~ χ²_{n_0}. Hence, with e(ν) = E ln χ²_ν
= ln 2 + ψ(ν/2) (the χ² log-mean) and κ_t = E ln X_t,

    E ln ‖h^t‖² = e(n_0) + Σ_{ℓ=1..t} (ln γ_ℓ + κ_ℓ)                                  (2)

    linear (identity: α = 1):  κ = ln α² + e(n)                                         (3)
    relu:        X = χ²_k, k ~ Binomial(n, ½) active units:  κ = E[e(k) | k ≥ 1]        (4)
    leaky relu:  X = χ²_k + a²χ²_{n−k} = χ²_n (a² + (1 − a²)B), B ~ Beta(k/2, (n−k)/2):
                 κ = ∫_0^∞ (e^{−s} − M(s)) ds/s,
                 M(s) = E e^{−sX} = [((1 + 2s)^{−1/2} + (1 + 2a²s)^{−1/2})/2]^n         (5)

(5) is Frullani's ln x = ∫_0^∞ (e^{−s} − e^{−sx}) ds/s under E; the binomial mixture of the
Beta integrals collapses into the one Laplace transform M, evaluated by the trapezoidal rule in
u = ln s, which converges geometrically for this integrand (analytic in |Im u| < π/2, decaying
at both ends).

Dead layers (relu). With probability 2^{−n_t} every unit of layer t is off (k = 0): h^t = 0,
and so is every later layer, and ln 0 = −∞. Such an input is excluded: every expectation here
is conditional on no layer of the network being dead for this input, which, the k_t being
independent, is (4) layer by layer. (Its variance is exactly zero forever after; the Monte
Carlo reports that as its own event.)

Backward. With δ^t = ∂ℓ/∂h^t, δ^L = g ~ N(0, I), δ^{t-1} = (W^t)ᵀ(σ'(h'^t) ⊙ δ^t), so
δ^t = J_tᵀ g with J_t = D_L W^L ⋯ D_{t+1} W^{t+1} the Jacobian ∂h^L/∂h^t, D = diag(σ').
Two facts make this exact:

* given J_t, gᵀJ_tJ_tᵀg and vᵀJ_tᵀJ_tv (v ~ N(0, I_{n_t})) are both Σ_i s_i² ζ_i² over the
  same non-zero singular values s_i of J_t, so ‖δ^t‖² has the law of ‖J_t v‖² =
  ‖v‖² ‖J_t v̂‖², ‖v‖² ~ χ²_{n_t} independent of the direction v̂;
* for a fixed unit vector v̂ (and any h^t ≠ 0), ‖J_t v̂‖² has the law of Π_{ℓ>t} γ_ℓ X_ℓ
  with the X_ℓ of (1) (Hanin & Nica, "Products of many large random matrices and gradients
  in deep neural networks", 2020): W^ℓ v̂_{ℓ-1} ~ N(0, γ_ℓ I) whatever the direction, and
  flipping the sign of a row of W^ℓ (which leaves its law unchanged) makes each unit's mask
  σ'(h'^ℓ_i) a fair coin independent of (W^ℓ v)_i². The law does not depend on v̂, so it is
  also that of ‖J_t v̂‖² for the random v̂ above, independently of ‖v‖².

Hence the backward mirror of (2):

    E ln ‖δ^t‖² = e(n_t) + Σ_{ℓ=t+1..L} (ln γ_ℓ + κ_ℓ)                                  (6)

with the same κ and the same dead-layer conditioning. Both are reported per unit (− ln n_t),
in log10. tests/test_typical.py checks (2) and (6) layer by layer against networks with whole
weight matrices (unequal widths, dead relu layers, |a| > 1).

Variance, not mean square. For σ with a non-zero mean (relu, leaky relu) (2) is the log of the
mean square ‖h^t‖²/n_t, while the profile's other lines are variances, the units' mean taken
off. Given layer t−1, the units of layer t are σ of i.i.d. N(0, s²) values, so at infinite
width their mean is (1 − a)s/√(2π) and their mean square (1 + a²)s²/2 (relu: a = 0):

    ln Var_units = ln ‖h^t‖²/n_t + ln(1 − (1 − a)²/(π(1 + a²)))                          (7)

the same share at every layer t ≥ 1 (relu: 1 − 1/π, −0.166 decades). `variance_log_share`
gives it; the forward typical run adds it. Unlike (2) and (6) this is exact only at infinite
width: one input's variance across n_t units lies below it by ~0.1 decade at n_t = 4 and
~0.03 at 10 (the squared mean over the units of that input is larger than its expectation).
Without it the dotted relu line, a mean square, lay 0.166 decades above the dashed expectation
near the input, as if E ln ≤ ln E failed. The gradient's units have mean zero.
And the batch-pooled statistic is the log of a mean over inputs, above the mean of the logs
(Jensen): for relu + He at width 32 and depth 200 the median of 8 draws (batch 128) sits
0.2 decades above the forward mean square's line at layer 200, and 1.2 above the backward line
at layer 0, different inputs' gradients being less alike than their signals.

Pure numpy.
"""

from __future__ import annotations

import math

import numpy as np

# Activations with an exact typical run (with β = 0 for linear).
AVAILABLE_ACTIVATIONS = ("identity", "linear", "relu", "leaky_relu")

# ψ's asymptotic series ln x − 1/(2x) − Σ_k B_2k/(2k x^2k), k = 1 … 7 (Abramowitz & Stegun
# 6.3.18), used for x ≥ _PSI_SHIFT after the recurrence ψ(x) = ψ(x + 1) − 1/x (A&S 6.3.5):
# the first omitted term is < 1e-16 there.
_PSI_SHIFT = 10.0
_PSI_SERIES = (1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12)
# trapezoidal rule in u = ln s for (5): its step
_STEP = 0.1
# below this a², (5) is relu's (4) plus the k = 0 term 2⁻ⁿ(ln a² + e(n)), to ~|a| ≤ 1e-15
_TINY_A2 = 1e-30


def digamma(x) -> np.ndarray:
    """ψ(x) = d ln Γ(x)/dx for x > 0 (arrays elementwise).

    Parameters
    ----------
    x : array_like of positive floats.

    Returns
    -------
    numpy.ndarray
        ψ(x), to ~1e-15 relative (recurrence A&S 6.3.5 up to x ≥ 10, then the asymptotic
        series A&S 6.3.18 through x^-14).
    """
    x = np.array(x, dtype=float)   # a copy: shifted in place
    out = np.zeros_like(x)
    for _ in range(int(_PSI_SHIFT)):
        small = x < _PSI_SHIFT
        if not small.any():
            break
        out[small] -= 1.0 / x[small]
        x[small] += 1.0
    inv2 = 1.0 / (x * x)
    series = np.zeros_like(x)
    for c in reversed(_PSI_SERIES):
        series = (series + c) * inv2
    return out + np.log(x) - 0.5 / x - series


def log_chi2_mean(nu) -> np.ndarray:
    """e(ν) = E[ln χ²_ν] = ln 2 + ψ(ν/2), ν > 0 degrees of freedom (module docstring, (2))."""
    return math.log(2.0) + digamma(0.5 * np.asarray(nu, dtype=float))


def relu_log_gain(n: int) -> float:
    """κ of relu at width n, eq. (4): E[ln χ²_k | k ≥ 1] with k ~ Binomial(n, ½).

    The k = 0 term (all n units off, probability 2⁻ⁿ, ln 0 = −∞) is excluded by conditioning:
    the module docstring, "Dead layers".
    """
    k = np.arange(1, n + 1, dtype=float)
    log_binomial = np.cumsum(np.log((n - k + 1) / k))   # ln C(n, k), k = 1 … n
    weights = np.exp(log_binomial - log_binomial.max())
    return float(np.sum(weights * log_chi2_mean(k)) / np.sum(weights))


def leaky_relu_log_gain(n: int, slope: float) -> float:
    """κ of leaky relu (σ(x) = x for x > 0, a·x below, a ≠ 0) at width n, eq. (5).

    E[ln(χ²_k + a²χ²_{n−k})] over k ~ Binomial(n, ½), by Frullani's integral of the Laplace
    transform M(s), with the trapezoidal rule in u = ln s (step 0.1; exact to ~1e-14).
    """
    a2 = float(slope) ** 2
    if a2 == 1.0:
        return float(log_chi2_mean(n))
    if a2 < _TINY_A2:   # (ln a² may be below what a² can hold)
        dead = 0.5**n
        return ((1.0 - dead) * relu_log_gain(n)
                + dead * (2.0 * math.log(abs(float(slope))) + float(log_chi2_mean(n))))
    mean_x = 0.5 * n * (1.0 + a2)
    # below: integrand ≈ s(E X − 1) < 1e-17; above: e^{-s} and M(s) ≤ (2a²s)^{-n/2} gone
    lo = -math.log(mean_x) - 40.0
    hi = max(math.log(max(1.0, 1.0 / a2)) + 80.0 / n, 4.0) + 2.0
    u = np.arange(lo, hi + _STEP, _STEP)
    s = np.exp(u)
    # ln M = n ln(1 + (p − 1 + q − 1)/2), p − 1 = expm1(−½ ln(1 + 2s)): no cancellation at small s
    p1 = np.expm1(-0.5 * np.log1p(2.0 * s))
    q1 = np.expm1(-0.5 * np.log1p(2.0 * a2 * s))
    with np.errstate(divide="ignore"):   # M underflows to 0 at the far end
        log_m = n * np.log1p(0.5 * (p1 + q1))
    integrand = np.expm1(-s) - np.expm1(log_m)
    return float(_STEP * np.sum(integrand))


def log_gains(activation: str, widths, *, alpha: float = 1.0, beta: float = 0.0,
              negative_slope: float = 0.0) -> np.ndarray:
    """κ_t = E ln X_t of layers t = 1 … L (module docstring, (3)–(5)), NaN for an activation
    without an exact typical run.

    Parameters
    ----------
    activation : the config's activation name.
    widths : n_0 … n_L.
    alpha, beta, negative_slope : the activation's parameters.

    Returns
    -------
    numpy.ndarray
        L values, the layer's γ excluded (ln γ_t is added by `typical_logs`).
    """
    n = np.asarray(widths, dtype=np.int64)[1:]
    if activation == "identity" or (activation == "linear" and beta == 0.0):
        scale = 1.0 if activation == "identity" else float(alpha) ** 2
        with np.errstate(divide="ignore"):
            return np.log(scale) + log_chi2_mean(n)
    if activation == "relu" or (activation == "leaky_relu" and negative_slope == 0.0):
        gain = relu_log_gain
    elif activation == "leaky_relu":
        def gain(width):
            return leaky_relu_log_gain(width, negative_slope)
    else:
        return np.full(n.size, math.nan)
    values = {int(w): gain(int(w)) for w in np.unique(n)}
    return np.array([values[int(w)] for w in n])


def variance_log_share(activation: str, negative_slope: float = 0.0) -> float:
    """ln(Var/E[h²]) of one input's units at infinite width, eq. (7): 0 for a σ whose units
    have mean zero (identity, linear with β = 0), ln(1 − 1/π) for relu, and
    ln(1 − (1 − a)²/(π(1 + a²))) for leaky relu of slope a."""
    if activation in ("identity", "linear"):
        return 0.0
    a = float(negative_slope) if activation == "leaky_relu" else 0.0
    return math.log1p(-(1.0 - a) ** 2 / (math.pi * (1.0 + a * a)))


def available(config) -> bool:
    """Whether `config` has an exact typical run: zero bias, normal weights, σ identity,
    linear with β = 0, relu or leaky relu (the module docstring)."""
    return unavailable(config) is None


def unavailable(config) -> str | None:
    """Why `config` has no exact typical run, the first that applies: "bias" (σ_b > 0),
    "activation" (σ not identity, linear, relu or leaky relu), "beta" (linear with β ≠ 0),
    "distribution" (weights not normal); None when it has one."""
    if config.bias_std != 0.0:
        return "bias"
    if config.activation not in AVAILABLE_ACTIVATIONS:
        return "activation"
    if config.activation == "linear" and config.beta != 0.0:
        return "beta"
    if config.distribution != "normal":
        return "distribution"
    return None


def typical_logs(widths, log_gamma: np.ndarray, kappa: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """E ln(‖h^t‖²/n_t) and E ln(‖∂ℓ/∂h^t‖²/n_t), t = 0 … L, eqs. (2) and (6), natural logs.

    Parameters
    ----------
    widths : n_0 … n_L.
    log_gamma : ln γ_t, t = 1 … L, shape (..., L) (rows: configs); −inf for γ = 0.
    kappa : κ_t of `log_gains`, shape (L,).

    Returns
    -------
    (forward, backward) : arrays of shape (..., L + 1); −inf where a factor is zero, NaN where
        κ is.
    """
    n = np.asarray(widths, dtype=float)
    steps = np.asarray(log_gamma, dtype=float) + kappa
    zero = np.zeros(steps.shape[:-1] + (1,))
    with np.errstate(invalid="ignore"):
        before = np.concatenate([zero, np.cumsum(steps, axis=-1)], axis=-1)
        after = np.concatenate([np.cumsum(steps[..., ::-1], axis=-1)[..., ::-1], zero], axis=-1)
    log_n = np.log(n)
    forward = log_chi2_mean(n[0]) + before - log_n
    backward = log_chi2_mean(n) + after - log_n
    return forward, backward
