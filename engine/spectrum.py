"""The input–output Jacobian J = ∂h^L/∂h^0 of one network at one input, and its spectrum.

J = D_L W^L ⋯ D_1 W^1 with D_t = diag σ'(h'^t) (Pennington et al. 2017). The input is carried
through the network by the Monte Carlo pass's own layer step (`engine.layer_step.LayerStep`,
in float64); J is accumulated layer by layer in float64 with a running log scale, so deep
exploding or vanishing networks keep every singular value. Theory: E‖J‖²_F = n_0 · Π_t χ_t
with χ_t = n_t γ_t E[σ'(h'^t)²] (`engine.theory.jacobian_log_growth`), so the mean squared
singular value over the min(n_0, n_L) of them is n_0 Π χ_t / min(n_0, n_L); their spread
Var[s²]/E[s²]² by free probability (`engine.theory.jacobian_spread`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .config_fields import ConfigError
from .draws import DrawCache, Draws
from .initializers import layer_variances
from .special_functions import LN10
from .layer_step import LayerStep
from .progress import Cancelled
from .phase import network_point
from .theory import free_products, jacobian_log_growth, jacobian_spread
from .readout_facts import GAP_DECADES

MAX_SPECTRUM_WIDTH = 2048
MAX_SPECTRUM_DEPTH = 1000
# singular values closer together than this (in decades) are one value as float32 rounds it
ONE_VALUE_DECADES = 1e-4
# A network whose theory's mean s² is FAR_DECADES or more from 1, where χ₁^L at q* is not,
# has it from the layers before q_t reaches q* (`short_of_fixed_point`)
FAR_DECADES = 0.5
# Why a spectrum could not be computed (`Spectrum.stop`), as its statistics say it in words.
STOPS = {"overflow": "the forward pass overflowed at layer {t}",
         "vanished": "the Jacobian vanished exactly at layer {t}",
         "underflow": "the Jacobian underflowed at layer {t}",
         "not a number": "the Jacobian is not a number at layer {t}"}


@dataclass(frozen=True, eq=False)
class Spectrum:
    """Singular values of J (log10, descending) and the mean-field comparison.

    `log10_singular_values` is empty when the forward pass at the input was not representable
    (`invalid` says why). Singular values below `log10_floor` (σ_max times the float64
    resolution of an SVD, n·ε) cannot be told from zero; they are reported at the floor and
    counted in `below_floor` (relu nets, for instance, have exactly singular directions).
    """

    config: SimConfig
    log10_singular_values: np.ndarray
    log10_mean_sq: float          # log10 of the mean squared singular value (Monte Carlo)
    theory_log10_mean_sq: float   # log10(n_0 Π χ_t / min(n_0, n_L))
    eig_normalized_var: float     # Var[λ]/E[λ]² of the eigenvalues λ = s² of JJᵀ
    theory_eig_normalized_var: float   # its infinite-width value (free probability)
    invalid: str | None = None
    log10_floor: float = -math.inf
    below_floor: int = 0
    # where `invalid`: its kind (a key of STOPS) and layer, for the window to word
    stop: str | None = None
    stop_layer: int | None = None
    # log10 χ₁ at the fixed point q* of the hidden layers' point, or in its limit q → 0
    # (`fixed_point` "zero"), with every layer's σ_w² alike (NaN: not so, q grows without
    # bound, or not computed)
    log10_chi1_fixed: float = math.nan
    fixed_point: str = ""   # engine.phase.NetworkPoint.fixed_point

    def short_of_fixed_point(self) -> bool:
        """Whether the network is near the critical line for its depth (χ₁^L at q* within
        FAR_DECADES of 1), equally wide at its ends, yet its theory's mean s² is FAR_DECADES
        or more from 1, and from χ₁^L: q_t starts at the input's variance, and the layers it
        takes to reach q* have χ_t ≠ χ₁ (tanh with σ_b² = 10⁻⁴ on the line: q* = 0.046, mean
        s² 10^−1.2 at depth 50, a researcher's tour). Not where χ₁^L alone is far from 1
        (tanh, σ_w² = 1, σ_b = 0.05, depth 30: χ₁ = 0.934, χ₁³⁰ = 10^−0.89 of the −1.88
        decades; a per-layer bound of 0.05 decades had blamed q_t's start, another tour)."""
        n0, nL = self.config.widths[0], self.config.widths[-1]
        at_fixed = self.config.depth * self.log10_chi1_fixed   # log₁₀ χ₁^L
        # (χ₁ the same at every q, relu's: its mean s² is χ₁^L, nothing to tell, a review)
        return (n0 == nL and self.fixed_point in ("finite", "zero")
                and abs(at_fixed) < FAR_DECADES
                and abs(self.theory_log10_mean_sq) >= FAR_DECADES
                and abs(self.theory_log10_mean_sq - at_fixed) >= FAR_DECADES)

    def strays_from_theory(self) -> bool:
        """This network's mean s² is GAP_DECADES or more from the theory's: one network of
        finite width far from the expectation over weights (narrow and deep)."""
        return abs(self.log10_mean_sq - self.theory_log10_mean_sq) >= GAP_DECADES

    def spread_beyond_count(self) -> bool:
        """The theory's Var[s²]/E[s²]² exceeds k − 1, the most that k = min(n_0, n_L) values
        can spread: the network is narrow for its depth (False where NaN)."""
        k = min(self.config.widths[0], self.config.widths[-1])
        return bool(self.theory_eig_normalized_var > k - 1)

    def narrowest(self) -> int:
        """The narrowest hidden layer's width (k = min(n_0, n_L) without hidden layers)."""
        widths = self.config.widths
        return min(widths[1:-1], default=min(widths[0], widths[-1]))

    def floor_cause(self) -> str | None:
        """Why `below_floor` values are there (None: there are none): "bottleneck" (a
        hidden layer narrower than k lets at most its width of directions through J),
        "zeros" (relu's units off for this input take their rows out: exact zeros), both
        ("bottleneck and zeros": 64, 8, 64 under relu has 63, 56 the bottleneck's), or
        "rounding" (values that float64 cannot tell from zero)."""
        if not self.below_floor:
            return None
        config = self.config
        k, narrowest = min(config.widths[0], config.widths[-1]), self.narrowest()
        exact_zeros = config.activation == "relu" or (config.activation == "leaky_relu"
                                                      and config.negative_slope == 0)
        if narrowest < k and self.below_floor > k - narrowest and exact_zeros:
            return "bottleneck and zeros"
        if narrowest < k and self.below_floor >= k - narrowest:
            return "bottleneck"
        return "zeros" if exact_zeros else "rounding"

    def free_law(self, start: float | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """The law of log₁₀ s at infinite width, where free probability gives it
        (`engine.theory.free_products`): a network of equal widths with i.i.d. weights whose
        σ' is ±α everywhere (identity, αx + β, leaky relu of slope ±1: J is α^L times a
        product of L random matrices, the Fuss–Catalan law) or relu's 0 and 1 (each factor
        masked, half of the s zero), scaled by the theory's mean s². (u, p): log₁₀ s
        ascending, from `start` (evenly spread; None: from far below), up to the law's largest
        s, and the density per decade (its integral: the share of s that are not 0). None
        for any other network, or one too deep for its width (`spread_beyond_count`: the law
        is that of depth ≪ width)."""
        keep = self.kept_share()
        c = self.config
        if (keep is None or c.distribution == "orthogonal" or len(set(c.widths)) > 1
                or c.widths[0] == 1   # (one value: its spread, 0, is never beyond the count)
                or not math.isfinite(self.theory_log10_mean_sq) or self.spread_beyond_count()):
            return None
        shift = self.theory_log10_mean_sq   # v = log₁₀ s² − shift follows the law of mean 1
        v, p = free_products.log10_density(
            c.depth, keep, start=None if start is None else 2 * start - shift)
        return (v + shift) / 2, 2 * p

    def kept_share(self) -> float | None:
        """The share of units σ' keeps, where it is the same at every input: 1 where σ' is
        ±α everywhere, ½ for relu's 0 and 1 (a zero-mean pre-activation is positive half the
        time, bias or not); None for any other σ."""
        c = self.config
        slope = c.negative_slope if c.activation == "leaky_relu" else None
        if c.activation in ("identity", "linear") or slope in (1.0, -1.0):
            return 1.0
        return 0.5 if c.activation == "relu" or slope == 0.0 else None

    def histogram(self) -> tuple[np.ndarray, np.ndarray]:
        """(bin edges, counts) of the log10 singular values above the floor (those at the
        floor come last, descending), len/4 bins, at least 8 and at most 60, over a decade
        around them where they all lie within `ONE_VALUE_DECADES` (float32's rounding: an
        orthogonal linear net's were drawn as a wide histogram over ±3·10⁻⁸); both empty when
        there are none."""
        values = self.log10_singular_values[:len(self.log10_singular_values) - self.below_floor]
        if len(values) == 0:
            return np.empty(0), np.empty(0, dtype=np.int64)
        bins = int(np.clip(len(values) // 4, 8, 60))
        lo, hi = float(values.min()), float(values.max())
        if hi - lo < ONE_VALUE_DECADES:   # one bar: an odd count centres a bin on them
            middle = (lo + hi) / 2
            lo, hi, bins = middle - 0.5, middle + 0.5, bins | 1
        counts, edges = np.histogram(values, bins=bins, range=(lo, hi))
        return edges, counts


def check_limits(config: SimConfig) -> None:
    """ConfigError naming "widths" (or "depth", where only the depth is too large) when the
    spectrum is beyond MAX_SPECTRUM_WIDTH or _DEPTH."""
    if max(config.widths) > MAX_SPECTRUM_WIDTH or config.depth > MAX_SPECTRUM_DEPTH:
        key = "widths" if max(config.widths) > MAX_SPECTRUM_WIDTH else "depth"
        raise ConfigError.of(key, "the Jacobian spectrum needs widths ≤ {max_width} and depth "
                                  "≤ {max_depth}", max_width=MAX_SPECTRUM_WIDTH,
                             max_depth=MAX_SPECTRUM_DEPTH)


def jacobian_spectrum(config: SimConfig, *, cache: DrawCache | None = None,
                      should_stop: Callable[[], bool] | None = None,
                      on_progress: Callable[[float], None] | None = None) -> Spectrum:
    """Singular values of the input–output Jacobian at the first input of the batch.

    Raises `Cancelled` when `should_stop` returns True (polled once per layer).
    """
    check_limits(config)
    gammas = layer_variances(config)
    step = LayerStep(activation_for(config), gammas[None, :], np.array([config.bias_std]))
    draws = Draws(config, 0, cache)
    n0, nL = config.widths[0], config.widths[-1]
    k = min(n0, nL)
    growth = float(jacobian_log_growth([config])[0])   # ln(E‖J‖²_F / n_L)
    theory_mean_sq = (math.log(nL / k) + growth) / LN10 if not math.isnan(growth) else -math.inf
    theory_spread = float(jacobian_spread([config])[0])
    point = network_point(config)
    # (layers of other σ_w² have other χ₁: their product, not q_t's start, is then the cause,
    # a review)
    low, high = point.sigma_w2_span
    alike = point.fixed_point != "infinite" and high - low <= 1e-9 * high
    chi1_fixed = point.log10_chi1 if alike else math.nan
    L = config.depth

    def stopped(kind: str, t: int) -> Spectrum:
        return Spectrum(config, np.array([]), math.nan, theory_mean_sq, math.nan, theory_spread,
                        invalid=STOPS[kind].format(t=t), stop=kind, stop_layer=t)
    with np.errstate(all="ignore"):
        h = np.asarray(draws.input()[:1], dtype=np.float64)   # one input, 1 × n_0
        s_h = np.zeros(1)  # log scale of h (homogeneous activations only)
        jac = np.eye(n0)
        s_j = 0.0
        for t in range(1, L + 1):
            if should_stop is not None and should_stop():
                raise Cancelled()
            z = draws.weight(t).astype(np.float64)          # (W^t)ᵀ standardized
            bias = draws.bias(t).astype(np.float64) if config.bias_std > 0 else None
            pre, s_h, h, slope, _ = step(t, h, s_h, z, bias)
            if not np.all(np.isfinite(pre)):
                return stopped("overflow", t)
            if step.scaled:
                peak = float(np.max(np.abs(h)))
                if peak > 0:
                    h = h / peak
                    s_h = s_h + math.log(peak)
            # J_t = D_t W^t J_{t-1}; W^t = √γ_t · zᵀ, the √γ_t goes into the log scale
            if gammas[t - 1] == 0.0:   # init "zeros": W^t = 0
                return stopped("vanished", t)
            jac = (z.T @ jac) * slope[0][:, None]
            s_j += 0.5 * math.log(gammas[t - 1])
            norm = float(np.sqrt(np.mean(jac * jac)))
            if norm == 0.0 or not math.isfinite(norm):
                # W^t ≠ 0 here: a zero is every σ' zero, exactly for relu's units all off at
                # this input or a constant σ (linear with α = 0: it had read "underflowed …
                # saturated", a breaker's tour), by underflow for a smooth σ (tanh at gain
                # 10⁶), as the passes say
                exact = step.scaled or step.act.name == "linear"
                return stopped(("vanished" if exact else "underflow") if norm == 0.0
                               else "not a number", t)
            jac /= norm
            s_j += math.log(norm)
            if on_progress is not None:
                on_progress(0.9 * t / L)
        sv = np.linalg.svd(jac, compute_uv=False)
        if on_progress is not None:
            on_progress(1.0)
    lam = sv * sv
    floor = float(sv[0]) * max(jac.shape) * np.finfo(np.float64).eps
    below = int(np.sum(sv < floor))
    log_sv = np.log10(np.maximum(sv, floor)) + s_j / LN10
    mean_sq = math.log10(float(np.sum(lam)) / k) + 2 * s_j / LN10
    normalized_var = float(np.var(lam) / np.mean(lam) ** 2)
    return Spectrum(config, log_sv, mean_sq, theory_mean_sq, normalized_var, theory_spread,
                    log10_floor=math.log10(floor) + s_j / LN10, below_floor=below,
                    log10_chi1_fixed=chi1_fixed, fixed_point=point.fixed_point)
