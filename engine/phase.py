"""The order-to-chaos phase diagram of an activation (Poole et al. 2016; Schoenholz et al. 2017).

Over a grid of weight variance σ_w² = n γ and bias variance σ_b², the mean-field map's fixed
point q* and its slope χ₁ = σ_w² E[σ'(√q* z)²]: χ₁ < 1 is the ordered phase (gradients vanish),
χ₁ > 1 the chaotic one (they explode), χ₁ = 1 the critical line. ξ_c is the depth over which
correlations between inputs are forgotten. The current network is the point of its hidden
layers' map, (n_{t-1} γ_t, bias_std²) for t = 2 … L−1 (the first and last layers only adapt
the widths of the input and output; their median when the hidden widths differ).

The network's critical gain (`engine.critical_gain`) counts every layer instead: the gain at
which the gradient's squared norm crosses the whole network unchanged.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, fields
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .initializers import he_slope, layer_variance
from .progress import Cancelled
from .special_functions import LN10
from .theory import (GaussianExpectations, critical_weight_variance, depth_scales,
                     hidden_layers, jumps_over_one)
from .theory.roots import DOWN, ROOT

DEFAULT_GRID = 41
# |log10 χ₁| below this is the critical line (the edge of chaos) at the diagrams' resolution
CRITICAL_DECADES = 0.005
DEFAULT_BIAS_VAR_MAX = 0.3
# The default σ_w² axis is linear from a 200th of its top (or from the network's σ_w² over
# LINEAR_MARGIN, if less). A network beyond LOG_BEYOND times that top gets a log axis
# instead: linear, the critical region would shrink to the left edge (σ_w² up to 10¹² at gain
# 10⁶; at 4×, tanh with gain 4 had 2 of 41 columns ordered and no room for the phase's name,
# a researcher's tour). A log axis starts LOG_BELOW below the usual top, then lower as the
# point is higher. A small σ_w² stays linear: at the left edge, deep in the ordered phase, is
# where it belongs.
LINEAR_SPAN, LOG_BEYOND, LOG_MARGIN, LOG_BELOW = 200.0, 1.5, 10.0, 80.0
# A point beyond the usual top stretches a linear axis to this many times its σ_w² (1.1 made a
# drag start a new diagram every 5 % of σ_w²: gelu's take seconds each)
LINEAR_MARGIN = 1.5
# A diagram on a log axis serves while the point stays above LOG_BACK times the usual top (then
# linear again: a band, so that a gain near the switch does not flip the axis at every step) and
# within KEEP_DECADES of the axis's top (a drag back down from 10¹² keeps no 14 decades).
LOG_BACK, KEEP_DECADES = 1.0, 3.0
LINE_POINTS = 16   # more points of the critical line below the grid's first σ_b² > 0
# The diagrams drawn last, by what they depend on (the activation, the ranges, the size): a
# return to an activation or ranges seen before (tanh's diagram takes a second) shows at once.
KEPT_DIAGRAMS = 16


@dataclass(frozen=True)
class PhaseRanges:
    """The ranges of a phase diagram's grid: σ_w² (log-spaced if `log_sigma_w2`, else evenly)
    and σ_b² (evenly)."""

    sigma_w2: tuple[float, float]
    sigma_b2: tuple[float, float]
    log_sigma_w2: bool = False

    def contains(self, sigma_w2: float, sigma_b2: float) -> bool:
        (w_lo, w_hi), (b_lo, b_hi) = self.sigma_w2, self.sigma_b2
        return w_lo <= sigma_w2 <= w_hi and b_lo <= sigma_b2 <= b_hi


@dataclass(frozen=True, eq=False)
class PhaseDiagram:
    """log10 χ₁ and ξ_c on a (σ_b² rows) × (σ_w² columns) grid, and the critical line.

    `xi_c` is NaN where the map has no fixed point and +inf on the critical line itself.
    `critical_sigma_w2[i]` is the σ_w² with χ₁ = 1 at `sigma_b2[i]` (NaN if there is none).
    `line_sigma_b2`, `line_sigma_w2`: the same line, finer where it bends (`critical_line`);
    `line_jumps`, where it is a jump of χ₁ over 1 (`engine.theory.jumps_over_one`).
    `log_sigma_w2`: the σ_w² are log-spaced (`PhaseRanges`).
    """

    activation: str
    sigma_w2: np.ndarray
    sigma_b2: np.ndarray
    log10_chi1: np.ndarray
    xi_c: np.ndarray
    critical_sigma_w2: np.ndarray
    line_sigma_b2: np.ndarray
    line_sigma_w2: np.ndarray
    log_sigma_w2: bool = False
    line_jumps: np.ndarray | None = None
    homogeneous: bool = False   # σ positively homogeneous (relu-like, αx): `Activation`'s

    @property
    def beyond_line(self) -> str:
        """What the χ₁ > 1 side is: "chaotic" where every point of it has a fixed point q*
        (the chaotic phase of Poole et al. 2016: two inputs decorrelate), "exploding" where
        none has (identity, linear, relu, leaky relu: q grows without bound and gradients
        explode, but the inputs' correlation still tends to 1, Hayou et al. 2019), "mixed"
        where some have (elu: a q* near the line only); "none" when the grid has no point
        with χ₁ > 1 (linear with α = 0: χ₁ = 0 everywhere)."""
        chaotic, exploding = self._beyond_cells()
        if not (chaotic | exploding).any():
            return "none"
        if not exploding.any():
            return "chaotic"
        return "mixed" if chaotic.any() else "exploding"

    def _beyond_cells(self) -> tuple[np.ndarray, np.ndarray]:
        """The χ₁ > 1 cells with a fixed point q* (chaotic) and without one (exploding)."""
        above, fixed = self.log10_chi1 > 0, ~np.isnan(self.xi_c)
        return above & fixed, above & ~fixed

    @functools.cached_property   # (asked at each resize of the tab: found once)
    def fixed_point_edge(self) -> np.ndarray:
        """Per σ_b² row, the σ_w² where the χ₁ > 1 side's fixed point q* ends (between the
        last cell that has one and the first beyond it that has none, geometrically on a log
        axis): chaotic on its left, exploding on its right, where the colour is χ₁ in its
        limit q → ∞ (selu's reaches 1 again at σ_w² = 2/λ² ≈ 1.81, near white, which read as
        a second critical line: a researcher's tour). NaN where a row has no such edge.
        Cells between the two that are neither (χ₁ = 1 exactly: elu's column at σ_w² = 2)
        are passed over."""
        chaotic, exploding = self._beyond_cells()
        out = np.full(len(self.sigma_b2), np.nan)
        for i, (has, lacks) in enumerate(zip(chaotic, exploding)):
            left, right = np.flatnonzero(has), np.flatnonzero(lacks)
            right = right[right > left[0]] if left.size else right[:0]
            if right.size:   # the last cell with q* before the first without, beyond it
                a, b = self.sigma_w2[left[left < right[0]][-1]], self.sigma_w2[right[0]]
                out[i] = math.sqrt(a * b) if self.log_sigma_w2 else (a + b) / 2
        return out


def weight_variance_scales(config: SimConfig) -> list[float]:
    """σ_w² = n_{t-1} γ_t of each hidden layer at gain 1: σ_w² is this times gain²."""
    w = config.widths
    return [w[t - 1] * layer_variance(config.init, w[t - 1], w[t], variance=config.variance,
                                      mode=config.mode, gain=1.0, slope=he_slope(config))
            for t in range(config.depth + 1)[hidden_layers(config.depth)]]


def weight_variance_scale(config: SimConfig) -> float:
    """σ_w² = n_{t-1} γ_t of the hidden layers at gain 1 (their median): σ_w² is this × gain²."""
    return float(np.median(weight_variance_scales(config)))


def current_point(config: SimConfig) -> tuple[float, float]:
    """(σ_w², σ_b²) of the config's hidden layers."""
    return weight_variance_scale(config) * config.gain**2, config.bias_std**2


@dataclass(frozen=True)
class NetworkPoint:
    """The network's point in its phase diagram and the diagram's values there.

    `sigma_w2`, `sigma_b2` are those of its hidden layers (`current_point`); `log10_chi1` and
    `xi_c` are what the diagram shows at that point: χ₁ at the fixed point q*, or in its limit
    where the map has none. `fixed_point` says which: "finite" (a q* > 0), "zero" (q
    collapses to 0), "infinite" (q grows without bound), or "any" where χ₁ is the same at
    every q (a positively homogeneous σ such as relu, whose map has no q* > 0 without a bias,
    or a linear σ = αx + β, whose slope is α everywhere).
    """

    sigma_w2: float
    sigma_b2: float
    log10_chi1: float
    xi_c: float
    fixed_point: str
    equal_widths: bool   # every hidden layer n → n: the diagram's χ₁ is the gradient's factor
    # the least and greatest σ_w² of the hidden layers (the point is at their median): apart
    # where the widths' changes give layers other n_{t−1}γ_t
    sigma_w2_span: tuple[float, float] = (math.nan, math.nan)
    all_layers: bool = False   # no layer between two hidden ones: the point is of them all
    homogeneous: bool = False   # σ positively homogeneous (as `PhaseDiagram.homogeneous`)

    def layers_differ(self) -> bool:
        """The hidden layers' σ_w² differ (beyond rounding): the point, at their median, is
        not every layer's (1.6, 0.667, 1.6 is chaotic at the median only)."""
        lo, hi = self.sigma_w2_span
        return hi > lo * (1 + 1e-9)


def network_point(config: SimConfig) -> NetworkPoint:
    """The network's `NetworkPoint`: the diagram's χ₁ and ξ_c at its hidden layers' point."""
    scales = weight_variance_scales(config)   # (once: `current_point`'s median, and the span)
    sw2, sb2 = float(np.median(scales)) * config.gain**2, config.bias_std**2
    gauss = _gaussian_expectations(activation_key(config))
    fixed = depth_scales(gauss, sw2, sb2)
    if fixed.status[0] == ROOT:
        kind = "finite"
    elif gauss.act.homogeneous or gauss.act.name == "linear":   # σ' scale-free or constant
        kind = "any"
    else:
        kind = "zero" if fixed.status[0] == DOWN else "infinite"
    layers = hidden_layers(config.depth)   # their widths: n_{t−1} and n_t of each
    hidden = config.widths[layers.start - 1:layers.stop]
    span = (min(scales) * config.gain**2, max(scales) * config.gain**2)
    return NetworkPoint(sw2, sb2, float(fixed.log_chi1[0]) / LN10, float(fixed.xi_c[0]),
                        kind, len(set(hidden)) == 1, span, all_layers=layers.start == 1,
                        homogeneous=gauss.act.homogeneous)


@functools.lru_cache(maxsize=8)
def _gaussian_expectations(key: tuple) -> GaussianExpectations:
    """The expectations of one activation (`key`: its name and parameters), kept across a
    drag of the gain or the bias."""
    activation, alpha, beta, negative_slope = key
    return GaussianExpectations(activation_for(SimConfig(
        activation=activation, alpha=alpha, beta=beta, negative_slope=negative_slope)))


def gain_for(config: SimConfig, sigma_w2: float) -> float:
    """The gain that gives the hidden layers the weight variance σ_w² (NaN for init "zeros",
    whose σ_w² is 0 at every gain)."""
    scale = weight_variance_scale(config)
    return math.sqrt(sigma_w2 / scale) if scale > 0 else math.nan


def edge_gain(config: SimConfig) -> float:
    """The gain that puts the hidden layers' point (`current_point`) on the phase diagram's
    line χ₁ = 1 at the config's σ_b²: the critical gain of endlessly many hidden layers at
    their fixed point q*, which `engine.critical_gain` (this network's, every layer and the input's
    transient counted) approaches with depth. NaN where the line does not reach that σ_b²
    (or for init "zeros")."""
    sigma_w2 = _critical_at(activation_key(config), config.bias_std**2)
    if not (math.isfinite(sigma_w2) and sigma_w2 > 0):
        return math.nan
    return gain_for(config, sigma_w2)


def phase_kind(log10_chi1: float, fixed_point: bool = True) -> str:
    """The phase of a point from its log10 χ₁: "critical" within CRITICAL_DECADES of 0,
    "ordered" below (χ₁ = 0 too: zero weights, α = 0), "chaotic" above, or "exploding" above
    without a fixed point q* > 0 (`fixed_point` False: relu, linear…; q grows without bound
    and two inputs do not decorrelate); "undefined" for NaN or +∞."""
    if math.isnan(log10_chi1) or log10_chi1 == math.inf:
        return "undefined"
    if abs(log10_chi1) < CRITICAL_DECADES:
        return "critical"
    if log10_chi1 < 0:
        return "ordered"
    return "chaotic" if fixed_point else "exploding"


def usual_top(config: SimConfig) -> float:
    """The top of the usual σ_w² range: twice the critical σ_w² at σ_b² = 0, at least 4, but
    at most 10 times it, so that the line starts a tenth of the way along the axis or further
    (linear σ with α = 10⁶: 10⁻¹², which the range 0.02 … 4 left out)."""
    return _usual_top(activation_key(config))


def activation_key(config: SimConfig) -> tuple:
    """What of a config its activation's expectations depend on."""
    return config.activation, config.alpha, config.beta, config.negative_slope


@functools.lru_cache(maxsize=32)
def _usual_top(key: tuple) -> float:
    """`usual_top` of one activation, kept: a root solve (~80 ms for gelu) the window would
    otherwise make at every step of a drag."""
    crit = _critical_at(key, 0.0)
    if not math.isfinite(crit) or crit <= 0.0:
        return 4.0
    return min(max(4.0, 2.0 * crit), 10.0 * crit)


@functools.lru_cache(maxsize=32)
def _critical_at(key: tuple, sigma_b2: float) -> float:
    """The critical σ_w² of one activation at one σ_b² (NaN or ∞ where there is none)."""
    return float(critical_weight_variance(_gaussian_expectations(key).act, sigma_b2))


def default_ranges(config: SimConfig) -> PhaseRanges:
    """σ_w² from a 200th of `usual_top` to it, linear; σ_b² from 0 to 0.3; both stretched to
    include the network's point (σ_w² from 1/LINEAR_MARGIN of it if less, to LINEAR_MARGIN
    times it, and times the line's σ_w² at a stretched σ_b² axis's top, if more). A point
    beyond LOG_BEYOND times the usual top gets a log σ_w² axis instead, to a decade beyond
    the point, from LOG_BELOW below the usual top and a third as many decades lower as it
    reaches above it (the ordered phase keeps room for its name: ~half the columns at tanh
    with gain 4)."""
    hi = usual_top(config)
    sw2, sb2 = current_point(config)
    bias = (0.0, max(DEFAULT_BIAS_VAR_MAX, 1.1 * sb2))
    if sw2 > LOG_BEYOND * hi:
        top = LOG_MARGIN * sw2
        return PhaseRanges((hi / LOG_BELOW * (hi / top) ** (1 / 3), top), bias, True)
    hi = max(hi, LINEAR_MARGIN * sw2)
    top = hi
    if bias[1] > DEFAULT_BIAS_VAR_MAX:
        # the line as far as it bends by the top row (tanh at σ_b² = 9.9: 7.6, beyond 4), the
        # line at the next 1, 2 or 5 × 10^k above it: a drag of the bias solves a few of them
        # once each (gelu's takes 40 ms), not one at each step
        crit = _critical_at(activation_key(config), _one_two_five_above(bias[1]))
        if math.isfinite(crit):
            top = max(hi, LINEAR_MARGIN * crit)
    # (a gain of 0.1 had its point left of the first column, outside the diagram it drew;
    # a margin below it as above, so that a drag down keeps a diagram, not one a step)
    low = min(hi / LINEAR_SPAN, sw2 / LINEAR_MARGIN) if sw2 > 0.0 else hi / LINEAR_SPAN
    return PhaseRanges((low, top), bias)


def _one_two_five_above(x: float) -> float:
    """The least of 1, 2, 5 × 10^k that is ≥ x > 0."""
    power = 10.0 ** math.floor(math.log10(x))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= x)


def keeps(ranges: PhaseRanges, config: SimConfig) -> bool:
    """Whether a diagram of `ranges` still serves `config` (a drag keeps its diagram): the
    network's point inside, and on a log axis above LOG_BACK times the usual top and within
    KEEP_DECADES of the axis's top."""
    sw2, sb2 = current_point(config)
    if not ranges.contains(sw2, sb2):
        return False
    return not ranges.log_sigma_w2 or (
        sw2 >= LOG_BACK * usual_top(config) and sw2 * 10.0**KEEP_DECADES >= ranges.sigma_w2[1])


def phase_diagram(config: SimConfig, *, ranges: PhaseRanges | None = None,
                  size: int = DEFAULT_GRID, should_stop: Callable[[], bool] | None = None,
                  on_progress: Callable[[float], None] | None = None) -> PhaseDiagram:
    """The phase diagram of `config`'s activation on a size × size grid (`ranges` None: the
    defaults for the config).

    Each grid row (one σ_b², every σ_w²) is one array evaluation of the fixed points and depth
    scales (`engine.theory.depth_scales`); the critical line is one over every σ_b². Raises
    `Cancelled` when `should_stop` returns True (polled first and once per grid row). The last
    KEPT_DIAGRAMS diagrams are kept and given again (their arrays read-only).
    """
    if should_stop is not None and should_stop():
        raise Cancelled()
    ranges = ranges or default_ranges(config)
    key = (activation_key(config), ranges, size)
    with _DRAWN_LOCK:
        if key in _DRAWN:
            _DRAWN.move_to_end(key)
            return _DRAWN[key]
    diagram = _draw(config, ranges, size, should_stop, on_progress)
    for field in fields(diagram):
        value = getattr(diagram, field.name)
        if isinstance(value, np.ndarray):
            value.flags.writeable = False   # shared by every caller that asks again
    with _DRAWN_LOCK:
        _DRAWN[key] = diagram
        while len(_DRAWN) > KEPT_DIAGRAMS:
            _DRAWN.popitem(last=False)
    return diagram


_DRAWN: OrderedDict[tuple, PhaseDiagram] = OrderedDict()
_DRAWN_LOCK = threading.Lock()


def forget_diagrams() -> None:
    """Keep no diagram drawn so far (each test starts without: none depends on another's)."""
    with _DRAWN_LOCK:
        _DRAWN.clear()


def _draw(config: SimConfig, ranges: PhaseRanges, size: int,
          should_stop: Callable[[], bool] | None,
          on_progress: Callable[[float], None] | None) -> PhaseDiagram:
    act = activation_for(config)
    sw2 = (np.geomspace if ranges.log_sigma_w2 else np.linspace)(*ranges.sigma_w2, size)
    sb2 = np.linspace(*ranges.sigma_b2, size)
    gauss = GaussianExpectations(act)
    log_chi, xi_c = np.empty((size, size)), np.empty((size, size))
    critical, line_b, line_w = critical_line(act, sb2)
    for i, b in enumerate(sb2):  # a row at a time, so a cancel or progress comes soon
        if should_stop is not None and should_stop():
            raise Cancelled()
        fixed = depth_scales(gauss, sw2, b)
        # χ₁ at q*, or in the limit q* → 0 or ∞ where the map has no finite fixed point
        log_chi[i] = fixed.log_chi1 / LN10
        xi_c[i] = fixed.xi_c
        if on_progress is not None:
            on_progress((i + 1) / size)
    return PhaseDiagram(config.activation, sw2, sb2, log_chi, xi_c, critical, line_b, line_w,
                        ranges.log_sigma_w2, jumps_over_one(act, line_w, line_b), act.homogeneous)


def critical_line(act, sigma_b2: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """χ₁ = 1's σ_w² at the grid's rows `sigma_b2`, and the line as drawn: (σ_b², σ_w²)
    through LINE_POINTS more points between σ_b² = 0 and the next row, log-spaced down to 10⁻⁴
    of it, where the line bends there (its first segment more than twice as long in σ_w² as
    the next). tanh's leaves σ_w² = 1 almost along the axis (1.09 at σ_b² = 10⁻⁴, 1.24 at 0.002,
    1.38 at 0.0075): a straight segment between the first two rows cut that corner (a
    researcher's check). Only there: gelu's solves cost ~0.1 s each."""
    rows = critical_weight_variance(act, sigma_b2)
    if sigma_b2.size < 3 or sigma_b2[0] != 0.0 or not sigma_b2[1] > 0.0 \
            or not np.isfinite(rows[:3]).all():   # no line there (linear with α = 0)
        return rows, sigma_b2.copy(), rows.copy()
    first, next_ = abs(rows[1] - rows[0]), abs(rows[2] - rows[1])
    if not (first > 2.0 * next_ and first > 1e-6 * abs(rows[0])):   # (not rounding's 1e-12)
        return rows, sigma_b2.copy(), rows.copy()
    near = sigma_b2[1] * np.geomspace(1e-4, 1.0, LINE_POINTS + 1)[:-1]
    return (rows, np.concatenate([sigma_b2[:1], near, sigma_b2[1:]]),
            np.concatenate([rows[:1], critical_weight_variance(act, near), rows[1:]]))
