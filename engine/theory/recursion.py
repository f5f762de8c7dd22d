"""The mean-field recursion of many configs at once: `mean_fields` (and `mean_field`, one
config), giving a `Theory` per config.

With m_t = E[(h^t)²], m_0 = 1 and z ~ N(0, 1), for t = 1 … L (Poole et al. 2016, eq. 3;
Schoenholz et al. 2017, eqs. 3–5 and 9)::

    q_t = n_{t-1} γ_t m_{t-1} + σ_b²                  (pre-activation variance)
    μ_t = E[σ(√q_t z)],   m_t = E[σ(√q_t z)²],   Var[h^t] = E[(σ(√q_t z) − μ_t)²]
    g_L = 1,   g_{t-1} = χ_t g_t,   χ_t = n_t γ_t E[σ'(√q_t z)²]   (gradient variance)

For σ(x) = x this is the lecture's Var[h^t] = n_{t-1} γ_t Var[h^{t-1}]. Everything is kept as
natural logarithms, so runs spanning thousands of decades (depth 10 000, exploding or
vanishing) never overflow. Configs with the same activation and widths (a sweep of gain, γ or
σ_b) run as one array recursion whose rows are the configs: layer by layer only E[σ²], which
the next layer needs, then μ_t, Var[h^t] and E[σ'²] of every layer in one evaluation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..activations import activation_for
from ..initializers import layer_variances
from ..special_functions import LN10
from .fixed_points import depth_scales
from .gaussian import GaussianExpectations
from .typical import available, log_gains, typical_logs, variance_log_share


def _frozen(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


def hidden_layers(depth: int) -> slice:
    """Layers t = 2 … L−1 (index t of per-layer arrays), whose map stands for the network's in
    the phase diagram and the depth scales: the first and last layers only adapt the widths of
    the input and output. All layers when L ≤ 2."""
    return slice(2, depth) if depth > 2 else slice(1, depth + 1)


@dataclass(frozen=True, eq=False)
class Theory:
    """The mean-field prediction for one config (Poole et al. 2016); arrays
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
    sigma_w2, sigma_b2 : σ_w² = n_{t-1} γ_t and σ_b² of the hidden layers' map (`hidden_layers`;
        the median σ_w² where their widths differ), whose depth scales follow: the phase
        diagram's point of the network.
    q_star : its attracting fixed point q*; None when q collapses to 0 or diverges.
    chi1_star : σ_w² E[σ'(√q* z)²] (< 1 ordered, > 1 chaotic); None without q*.
    xi_q : depth scale of q → q*, −1/log(σ_w² dE[σ²]/dq at q*); inf at marginality.
    xi_c : depth scale of correlations, −1/log χ_c; inf on the critical line.
    c_star : correlation fixed point (1 in the ordered phase); None without q*, or in the
        chaotic phase too close to the critical line to resolve (then xi_c = inf).
    chi_c : σ_w² E[σ'(u₁)σ'(u₂)] at c* (= chi1_star in the ordered phase).
    typical_log_forward_var, typical_log_backward_var : the typical run (`typical`): E ln of
        one input's ‖h^t‖²/n_t and ‖∂ℓ/∂h^t‖²/n_t at this finite width (the forward one times
        the share that is variance, `typical` eq. 7: relu's units' mean taken off as at
        infinite width), what one input of the median network follows, where the mean-field
        lines are the expectation over weights at infinite width (a variance pooled over a
        batch lies between the two); all NaN where not exactly computable (None: not
        computed).

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
    typical_log_forward_var: np.ndarray | None = None
    typical_log_backward_var: np.ndarray | None = None

    @property
    def depth(self) -> int:
        """Number of weight layers L."""
        return len(self.widths) - 1

    @property
    def log10_preact_var(self) -> np.ndarray:
        return self.log_preact_var / LN10

    @property
    def log10_forward_var(self) -> np.ndarray:
        return self.log_forward_var / LN10

    @property
    def log10_backward_var(self) -> np.ndarray:
        return self.log_backward_var / LN10

    @property
    def typical_log10_forward_var(self) -> np.ndarray:
        """E log10(‖h^t‖²/n_t) of one input (`typical`, eq. 2); NaN where not available."""
        return self._typical(self.typical_log_forward_var)

    @property
    def typical_log10_backward_var(self) -> np.ndarray:
        """E log10(‖∂ℓ/∂h^t‖²/n_t) of one input (`typical`, eq. 6); NaN where not available."""
        return self._typical(self.typical_log_backward_var)

    @property
    def typical_available(self) -> bool:
        """Whether the typical-run lines exist (zero bias, normal weights, σ linear with β = 0,
        relu or leaky relu)."""
        return (self.typical_log_forward_var is not None
                and not np.isnan(self.typical_log_forward_var).all())

    def _typical(self, log_values: np.ndarray | None) -> np.ndarray:
        if log_values is None:
            return np.full(self.depth + 1, math.nan)
        return log_values / LN10


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
        layer's map. `mean_fields` of a one-config list.
    """
    return mean_fields([config])[0]


def mean_fields(configs) -> list[Theory]:
    """The mean-field theory of many configs, computed together where they can be.

    Parameters
    ----------
    configs : iterable of engine.config.SimConfig
        Any configs; those with the same activation (and its parameters) and widths, e.g. a
        sweep of gain, γ or σ_b, form one array recursion over them (module docstring).

    Returns
    -------
    list of Theory
        One per config, in their order; equal to each config's `mean_field` up to rounding.
    """
    configs = list(configs)
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(configs):
        key = (c.widths, c.activation, c.alpha, c.beta, c.negative_slope)
        groups.setdefault(key, []).append(i)
    out: list[Theory | None] = [None] * len(configs)
    for rows in groups.values():
        for i, theory in zip(rows, _same_network([configs[i] for i in rows])):
            out[i] = theory
    return out


def _same_network(configs) -> list[Theory]:
    """The recursion of configs sharing activation and widths, rows = configs."""
    gauss = GaussianExpectations(activation_for(configs[0]))
    widths = np.asarray(configs[0].widths, dtype=np.int64)
    gammas, sb2 = _variances(configs)
    ff, fb, log_q, mean, log_m, log_v, log_d2 = _layers(gauss, widths, gammas, sb2)
    depth = widths.size - 1
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_chi = np.full((len(configs), depth + 1), math.nan)
        log_chi[:, 1:] = np.log(fb) + log_d2[:, 1:]
        log_g = np.zeros((len(configs), depth + 1))
        log_g[:, :-1] = np.cumsum(log_chi[:, :0:-1], axis=1)[:, ::-1]
        chi1 = np.exp(log_chi)
    # the hidden layers' map (the last, 256 → 10 in a classifier, has another σ_w²)
    hidden = hidden_layers(depth)
    sw2 = np.median(ff[:, hidden.start - 1:hidden.stop - 1], axis=1)
    fixed = depth_scales(gauss, sw2, sb2, log_q[:, hidden.stop - 1], limits=False)
    typical_fwd, typical_bwd = _typical_runs(configs, widths, gammas)
    out = []
    for i in range(len(configs)):
        padded = [np.concatenate([[math.nan], v[i]]) for v in (gammas, ff, fb)]
        scalars = {name: _optional(getattr(fixed, name)[i])
                   for name in ("q_star", "chi1_star", "xi_q", "xi_c", "c_star", "chi_c")}
        out.append(Theory(
            widths=_frozen(widths.copy()), gamma=_frozen(padded[0]),
            factor_forward=_frozen(padded[1]), factor_backward=_frozen(padded[2]),
            log_preact_var=_frozen(log_q[i].copy()), forward_mean=_frozen(mean[i].copy()),
            log_forward_second=_frozen(log_m[i].copy()), log_forward_var=_frozen(log_v[i].copy()),
            log_backward_var=_frozen(log_g[i].copy()), chi1=_frozen(chi1[i].copy()),
            sigma_w2=float(sw2[i]), sigma_b2=float(sb2[i]),
            typical_log_forward_var=_frozen(typical_fwd[i].copy()),
            typical_log_backward_var=_frozen(typical_bwd[i].copy()), **scalars))
    return out


def jacobian_log_growth(configs) -> np.ndarray:
    """ln E‖J‖²_F / n_L of each config's input–output Jacobian J = ∂h^L/∂h^0 at infinite
    width: Σ_t ln(n_{t-1} γ_t E[σ'(√q_t z)²]).

    From g_{t-1} = χ_t g_t: E‖Jᵀv‖² / ‖v‖² = n_0 g_0 / (n_L g_L) = Π_t χ_t n_{t-1}/n_t, the
    growth of the gradient's squared norm from the output to the input (for n_0 ≥ n_L, the
    mean squared singular value of J; `engine.spectrum`). Its root in the
    gain is the network's critical gain (`engine.critical_gain`); for equal widths it
    is L ln χ₁ once q_t has reached q*. Only the layer recursion runs (no fixed points or
    depth scales): cheap enough for root finding, and all the spectrum's comparison needs.
    The configs must share activation and widths.
    """
    configs = list(configs)
    gauss = GaussianExpectations(activation_for(configs[0]))
    widths = np.asarray(configs[0].widths, dtype=np.int64)
    gammas, sb2 = _variances(configs)
    ff, _, _, _, _, _, log_d2 = _layers(gauss, widths, gammas, sb2)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.sum(np.log(ff) + log_d2[:, 1:], axis=1)


def jacobian_spread(configs) -> np.ndarray:
    """Var[s²]/E[s²]² over the min(n_0, n_L) singular values s of each config's input–output
    Jacobian J = ∂h^L/∂h^0, at infinite width, by free probability (Pennington, Schoenholz &
    Ganguli 2017).

    The factors W_t and D_t² = diag σ'(h'^t)² of JJᵀ are asymptotically free, so the
    normalized second moment R_t = n_t tr((J_t J_tᵀ)²) / tr(J_t J_tᵀ)² of J_t = ∂h^t/∂h^0
    obeys, from R_0 = 1::

        R_t = E[σ'⁴]/E[σ'²]² (at q_t) + c_t + (n_t/n_{t-1}) R_{t-1}

    with c_t = 0 for i.i.d. weights (W_tW_tᵀ Marchenko–Pastur: any distribution at infinite
    width) and −min(1, n_t/n_{t-1}) for (semi-)orthogonal ones. Over the k = min(n_0, n_L)
    singular values the spread is (k/n_L) R_L − 1. For equal widths this is their
    L(μ₂/μ₁² − 1 − s₁), s₁ = −1 (i.i.d.) or 0 (orthogonal), with q_t in place of q*: L for
    a linear Gaussian net, 0 for an orthogonal one. The scale of the weights enters only
    through q_t. Exact where a layer has width 1 (k − 1: J has rank one); NaN where J is
    zero (some γ_t = 0, or σ' = 0). No network of k singular values spreads more than k − 1:
    where the theory says more, depth is not small against width (Var/E² of one network is
    then lower). The configs must share activation and widths.
    """
    configs = list(configs)
    gauss = GaussianExpectations(activation_for(configs[0]))
    widths = np.asarray(configs[0].widths, dtype=np.int64)
    gammas, sb2 = _variances(configs)
    log_q = _layers(gauss, widths, gammas, sb2)[2][:, 1:]
    ratios = _by_q(gauss.slope_fourth_ratio, log_q, None)
    n = widths.astype(float)
    grow = n[1:] / n[:-1]
    orthogonal = np.array([c.distribution == "orthogonal" for c in configs])
    shift = np.where(orthogonal[:, None], -np.minimum(1.0, grow), 0.0)
    second = np.ones(len(configs))
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(widths.size - 1):
            second = ratios[:, t] + shift[:, t] + grow[t] * second
        spread = min(n[0], n[-1]) / n[-1] * second - 1.0
    spread[(gammas == 0.0).any(axis=1)] = math.nan
    if n.min() == 1:   # J has rank one, at any depth: one s ≠ 0 (and k − 1 zeros)
        spread[~np.isnan(spread)] = min(n[0], n[-1]) - 1.0
    return spread


def _variances(configs) -> tuple[np.ndarray, np.ndarray]:
    """γ_t (rows = configs, t = 1 … L) and σ_b² of each config."""
    gammas = np.array([np.asarray(layer_variances(c), dtype=float) for c in configs])
    return gammas, np.array([float(c.bias_std) ** 2 for c in configs])


def _layers(gauss: GaussianExpectations, widths: np.ndarray, gammas: np.ndarray,
            sb2: np.ndarray):
    """The layer recursion (module docstring), rows = configs: n_{t-1}γ_t and n_tγ_t
    (t = 1 … L), then log q_t, μ_t, log m_t, log Var[h^t] and log E[σ'²] over t = 0 … L."""
    depth = widths.size - 1
    n = widths.astype(float)
    rows = gammas.shape[0]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        lsb2 = np.log(sb2)
        ff, fb = n[:-1] * gammas, n[1:] * gammas
        log_ff = np.log(ff.T)
        # layer by layer, t = 1 … L, from m_0 = 1 (log m_0 = 0), what q_{t+1} needs, E[σ²],
        # with whatever costs little more; the rest of every layer in one evaluation after
        act = gauss.act
        if gauss.closed_form or (act.f_df is not None and rows <= _FEW):
            mode, step = "second", gauss.log_second  # few calls are cheapest
        elif act.f_df is not None:
            mode, step = "all", gauss.log_moments    # σ and σ' come together
        else:
            mode, step = "values", gauss.values      # σ's moments; σ' after
        log_q, layers = [], []
        log_m = np.zeros(rows)
        for t in range(depth):
            lq = np.logaddexp(log_ff[t] + log_m, lsb2)
            # a converged map (the same q as the layer before) has the same moments
            if not (layers and lq.tobytes() == log_q[-1].tobytes()):
                lm = step(lq)
            log_q.append(lq)
            layers.append(lm)
            log_m = lm if mode == "second" else lm.log_second
        log_q = np.array(log_q)
        if mode == "second":
            log_m = np.array(layers)
            mean, _, log_v, log_d2 = _by_q(gauss.log_moments, log_q, 4)
        else:
            mean, log_m, log_v = (np.array([m[k] for m in layers]) for k in range(3))
            log_d2 = (np.array([m.log_deriv_sq for m in layers]) if mode == "all"
                      else _by_q(gauss.log_deriv_sq, log_q, None))
        # config-major arrays over t = 0 … L
        per_layer = (np.concatenate([np.full((rows, 1), v0), v.T], axis=1)
                     for v0, v in zip((math.nan, 0.0, 0.0, 0.0, math.nan),
                                      (log_q, mean, log_m, log_v, log_d2)))
        return (ff, fb, *per_layer)


def _typical_runs(configs, widths: np.ndarray, gammas: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """The typical run (`typical`, eqs. 2 and 6) of configs sharing activation and widths,
    rows = configs; NaN rows where it is not available."""
    rows = np.array([available(c) for c in configs])
    fwd = np.full((len(configs), widths.size), math.nan)
    bwd = fwd.copy()
    if rows.any():
        c = configs[int(np.flatnonzero(rows)[0])]
        kappa = log_gains(c.activation, widths, alpha=c.alpha, beta=c.beta,
                          negative_slope=c.negative_slope)
        with np.errstate(divide="ignore"):
            log_gamma = np.log(gammas[rows])
        fwd[rows], bwd[rows] = typical_logs(widths, log_gamma, kappa)
        # one input's variance across the units, not its mean square (eq. 7): relu's units
        # have a mean; the input's and the gradient's have none
        fwd[rows, 1:] += variance_log_share(c.activation, c.negative_slope)
    return fwd, bwd


# at most this many distinct q per evaluation (a quadrature row holds up to ~1500 nodes)
_CHUNK = 512
# up to this many configs a layer costs its calls more than its arithmetic
_FEW = 4


def _by_q(moments, log_q: np.ndarray, fields: int | None):
    """moments(log q) of every entry of log_q, each distinct q once, at most _CHUNK at a
    time: its first `fields` fields (or the one array it returns, for None)."""
    values, where = np.unique(log_q, return_inverse=True)
    parts = [moments(values[i:i + _CHUNK]) for i in range(0, values.size, _CHUNK)]
    if fields is None:
        return np.concatenate(parts)[where.ravel()].reshape(log_q.shape)
    every = np.concatenate([np.array(p[:fields]) for p in parts], axis=1)
    return every[:, where.ravel()].reshape((fields,) + log_q.shape)


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else float(value)
