"""SimResult: a config with an optional Monte Carlo part and an optional theory part.

Arrays are indexed by layer t = 0 … L. Variances are log10 because they span hundreds of
decades; a value the engine cannot represent is NaN here (a median of draws past their
overflow or underflow is ±∞, of dead draws −∞) and ``null`` in JSON, and the layer where the
trouble began is recorded as an `Invalid` of the Monte Carlo part.

The theory part is the mean-field prediction itself (`engine.theory.Theory`), with the typical
run (E log of one input's squared norm, null where not exactly computable); the Monte Carlo
part is `MonteCarlo`. A result of the window's worker has no theory until the window, which
computed it already for its dashed curves, joins it: ``dataclasses.replace(r, theory=th)``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .config import SimConfig
from .config_fields import format_widths

# Per-layer columns of the stats table, in order (the README's "Without a window" documents them).
MONTE_CARLO_FIELDS = ("forward_mean", "log10_forward_var", "log10_preact_var", "log10_backward_var")
THEORY_FIELDS = ("theory_forward_mean", "theory_log10_forward_var", "theory_log10_preact_var",
                 "theory_log10_backward_var", "gamma", "factor_forward", "factor_backward", "chi1")
# With several trials: the 10–90 % band around the medians (null with one trial).
BAND_FIELDS = ("log10_forward_var_q10", "log10_forward_var_q90", "log10_backward_var_q10",
               "log10_backward_var_q90")
# The typical run (engine.theory.typical): E log10 of one input's squared norm per unit, where
# it is exact (zero bias, normal weights, linear with β = 0 / relu / leaky relu); null elsewhere.
TYPICAL_FIELDS = ("typical_log10_forward_var", "typical_log10_backward_var")
LAYER_FIELDS = MONTE_CARLO_FIELDS + THEORY_FIELDS + BAND_FIELDS + TYPICAL_FIELDS
ENSEMBLE_ROWS = ("min", "p10", "median", "p90", "max")
DEPTH_SCALES = ("q_star", "chi1_star", "xi_q", "xi_c")


@dataclass(frozen=True)
class Invalid:
    """The first layer where a pass stopped being representable (its value is missing).

    After an overflow every later layer is missing too; after an underflow a later layer can be
    representable again (a bias lifts the signal back), and is then reported.
    """

    layer: int
    # "overflow", "underflow", "exactly zero variance", "not a number", "undefined: …", or
    # "one value" (a layer of width 1 over a batch of 1: no variance to measure)
    reason: str
    # "undefined": the layer where the forward pass overflowed (its reason says it in words,
    # so it is no part of equality)
    overflow_layer: int | None = field(default=None, compare=False)

    @property
    def kind(self) -> str:
        """The reason's word: "undefined" for an undefined pass, else the reason itself."""
        return "undefined" if self.overflow_layer is not None else self.reason

    @classmethod
    def undefined(cls, layer: int, overflow_layer: int) -> "Invalid":
        """A backward pass undefined from `layer` on, the forward pass having overflowed at
        `overflow_layer`."""
        return cls(layer, f"undefined: the forward pass overflowed at layer {overflow_layer}",
                   overflow_layer)

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "reason": self.reason}


@dataclass(frozen=True, eq=False)
class MonteCarlo:
    """Statistics of the Monte Carlo passes of one config (`engine.monte_carlo`).

    Per-layer arrays have length L + 1. With several trials, `log10_forward_var`,
    `log10_preact_var` and `log10_backward_var` are the medians over the trials and
    `*_q10` / `*_q90` their 10th and 90th percentiles (NaN with one trial), every draw
    counted (`ensemble_rows`: a dead draw is below every living one, not left out), and
    `stop` says where they end; everything else comes from trial 0 (`forward_invalid` is
    where trial 0 stopped). Per-unit arrays are (L + 1) × max(widths), NaN-padded beyond each
    layer's width (all NaN with batch 1: a variance over one sample is undefined), or None
    when not collected (sweeps); they are NaN too where float32 does not resolve a unit's
    spread around its mean, which `unit_*_unresolved` (booleans of the same shape) mark.
    Histograms are (L + 1) × bins densities over `hist_edges`: of (h − mean)/std when
    `hist_standardized`, else of raw values; `hist_zero` (L + 1), where h = 0 lies on the
    standardized axis, −mean/std per layer (NaN when not standardized or undefined);
    `hist_beyond` (L + 1), the share of each layer's values beyond the edges, not in its
    density (NaN where it has none).
    `trial_*` hold one row per trial.
    """

    forward_mean: np.ndarray
    log10_forward_var: np.ndarray
    log10_preact_var: np.ndarray
    log10_backward_var: np.ndarray
    trial_log10_forward_var: np.ndarray   # trials × (L + 1)
    trial_log10_backward_var: np.ndarray
    trial_forward_mean: np.ndarray
    forward_invalid: Invalid | None = None
    backward_invalid: Invalid | None = None
    trial_forward_stops: tuple[tuple[Invalid, ...], ...] = ()   # per trial (`PassStats`)
    trial_backward_stops: tuple[tuple[Invalid, ...], ...] = ()
    log10_forward_var_q10: np.ndarray | None = None
    log10_forward_var_q90: np.ndarray | None = None
    log10_backward_var_q10: np.ndarray | None = None
    log10_backward_var_q90: np.ndarray | None = None
    unit_log10_forward_var: np.ndarray | None = None
    unit_log10_backward_var: np.ndarray | None = None
    unit_forward_unresolved: np.ndarray | None = None
    unit_backward_unresolved: np.ndarray | None = None
    hist_density: np.ndarray | None = None
    hist_edges: np.ndarray | None = None
    hist_standardized: bool = False
    hist_zero: np.ndarray | None = None
    hist_beyond: np.ndarray | None = None
    elapsed_seconds: float = 0.0

    @property
    def trials(self) -> int:
        return self.trial_log10_forward_var.shape[0]

    def ensemble(self, direction: str) -> np.ndarray:
        """Rows min, p10, median, p90, max over trials of log10 variance per layer
        (`direction` is "forward" or "backward"), as `ensemble_rows` orders the draws."""
        forward = direction == "forward"
        return ensemble_rows(
            self.trial_log10_forward_var if forward else self.trial_log10_backward_var,
            self.trial_forward_stops if forward else self.trial_backward_stops, direction)

    def stop(self, direction: str) -> Invalid | None:
        """Where the reported per-layer variance of a pass stops being representable: the
        run's `forward_invalid` / `backward_invalid` with one trial; with several, the first
        layer (in the pass's order) where the median is not finite, past a layer of one value
        when another follows it; None where there is none.
        Its reason is the one most draws that stopped there or before, on the median's side,
        give: "exactly zero variance" or "underflow" for −∞, "overflow" for +∞, and for an
        unknown median "undefined: …" (after the forward pass overflowed; the layer where the
        forward median did), "one value" (width 1 over a batch of 1) or "not a number"."""
        forward = direction == "forward"
        if self.trials == 1:
            return self.forward_invalid if forward else self.backward_invalid
        median = self.log10_forward_var if forward else self.log10_backward_var
        order = np.arange(len(median)) if forward else np.arange(len(median))[::-1]
        bad = order[~np.isfinite(median[order])]
        # a layer of one value is the stop only where nothing else follows (units that died
        # beyond a relu output over batch 1 must not hide behind it)
        first = None
        for t in bad:   # (lazily: after an overflow every later layer is bad)
            stop = self._median_stop(int(t), forward)
            if stop.reason != "one value":
                return stop
            first = first or stop
        return first

    def _median_stop(self, t: int, forward: bool) -> Invalid:
        """Why the median of layer t is not finite (see `stop`)."""
        value = float((self.log10_forward_var if forward else self.log10_backward_var)[t])
        sides = (("exactly zero variance", "underflow") if value == -math.inf else
                 ("overflow",) if value == math.inf else
                 ("not a number", "one value", "undefined") if not forward else
                 ("not a number", "one value"))
        counts = Counter(inv.kind
                         for stops in (self.trial_forward_stops if forward
                                       else self.trial_backward_stops)
                         for inv in stops if (inv.layer <= t if forward else inv.layer >= t))
        reason = max(sides, key=lambda r: counts[r])   # a tie: the first of `sides`
        if reason == "undefined":
            return Invalid.undefined(t, self._overflowed())
        return Invalid(t, reason)

    def _overflowed(self) -> int:
        """Where the forward median overflowed (+∞), else the first draw's overflow (a backward
        median is unknown only after some draw's forward pass overflowed)."""
        over = np.flatnonzero(self.log10_forward_var == math.inf)
        if over.size:
            return int(over[0])
        return min((stop.layer for stops in self.trial_forward_stops for stop in stops
                    if stop.reason == "overflow"),
                   default=self.trial_log10_forward_var.shape[1] - 1)


def ensemble_rows(data: np.ndarray, stops=(), direction: str = "forward") -> np.ndarray:
    """Rows min, p10, median, p90, max over the trials (rows of `data`) of each layer.

    A draw's known values order it: exactly zero variance (−∞) below every other, and where
    its pass stopped (`stops[k]`: the `Invalid`s of row k), from that layer on in the pass's
    order, after an "underflow" below every representable value (−∞), after an "overflow"
    above (+∞). Percentiles interpolate linearly between neighbouring draws (numpy's
    default); next to an infinite draw, a percentile between it and a finite one is
    infinite, so the median of eight draws is −∞ once four have zero variance (NaN between
    −∞ and +∞). Draws still unknown (NaN, e.g. a gradient after the forward pass overflowed)
    are left out, unless they are half the draws or more: then every row is NaN there.
    """
    data = np.array(data, dtype=float)
    depth = data.shape[1]
    for row, row_stops in zip(data, stops):
        fill_beyond_stops(row, row_stops, direction)
    out = np.full((len(ENSEMBLE_ROWS), depth), np.nan)
    known = ~np.isnan(data)
    for t in np.flatnonzero(2 * known.sum(axis=0) > data.shape[0]):
        col = data[known[:, t], t]
        if np.isfinite(col).all():
            out[:, t] = [col.min(), *np.percentile(col, [10, 50, 90]), col.max()]
        else:
            col = np.sort(col)
            out[:, t] = [_percentile_with_infinities(col, q) for q in (0, 10, 50, 90, 100)]
    return out


def fill_beyond_stops(row: np.ndarray, stops, direction: str = "forward") -> None:
    """In place: the missing values (NaN) of one pass's `row` from each of its `stops` on (in
    the pass's order) −∞ after an "underflow", +∞ after an "overflow" (beyond float32, on the
    side the pass left by); each up to the next stop, which decides beyond it (a pass that
    underflowed, recovered and then overflowed is +∞ after its overflow)."""
    for stop in reversed(tuple(stops)):   # the later stop first: it fills past itself
        fill = {"underflow": -np.inf, "overflow": np.inf}.get(stop.reason)
        if fill is not None:
            beyond = row[stop.layer:] if direction == "forward" else row[:stop.layer + 1]
            beyond[np.isnan(beyond)] = fill   # a view: written in place


def _percentile_with_infinities(sorted_col: np.ndarray, q: float) -> float:
    """numpy's linear percentile of `sorted_col`, where a neighbour of the position that is
    infinite (on the side it lies) makes the percentile infinite; NaN between −∞ and +∞."""
    position = q / 100 * (len(sorted_col) - 1)
    lo, f = int(math.floor(position)), position - math.floor(position)
    below, above = sorted_col[lo], sorted_col[min(lo + 1, len(sorted_col) - 1)]
    if f == 0 or below == above:
        return float(below)
    if below == -np.inf and above == np.inf:
        return math.nan
    if below == -np.inf:
        return -math.inf
    if above == np.inf:
        return math.inf
    return float(below + f * (above - below))


@dataclass(frozen=True, eq=False)
class SimResult:
    """A config and what is known of it: the Monte Carlo, the mean-field theory, or both."""

    config: SimConfig
    monte_carlo: MonteCarlo | None = None
    theory: Any = None   # engine.theory.Theory (not imported here: result ← theory ← config)

    @property
    def layers(self) -> np.ndarray:
        return np.arange(self.config.depth + 1)

    # -- writers -------------------------------------------------------------------------
    def layer_columns(self) -> dict[str, np.ndarray]:
        """Every per-layer column of the stats table (NaN where a part is missing)."""
        nan = np.full(self.config.depth + 1, np.nan)
        mc, th = self.monte_carlo, self.theory
        columns = {name: getattr(mc, name) if mc is not None else None
                   for name in MONTE_CARLO_FIELDS + BAND_FIELDS}
        columns = {name: nan if value is None else value for name, value in columns.items()}
        if th is None:
            columns.update({name: nan for name in THEORY_FIELDS + TYPICAL_FIELDS})
        else:
            columns.update(theory_forward_mean=th.forward_mean,
                           theory_log10_forward_var=th.log10_forward_var,
                           theory_log10_preact_var=th.log10_preact_var,
                           theory_log10_backward_var=th.log10_backward_var,
                           gamma=th.gamma, factor_forward=th.factor_forward,
                           factor_backward=th.factor_backward, chi1=th.chi1,
                           typical_log10_forward_var=th.typical_log10_forward_var,
                           typical_log10_backward_var=th.typical_log10_backward_var)
        return columns

    def layer_rows(self) -> list[dict[str, Any]]:
        columns = self.layer_columns()
        return [{"layer": t, "width": self.config.widths[t],
                 **{name: json_number(columns[name][t]) for name in LAYER_FIELDS}}
                for t in range(self.config.depth + 1)]

    def to_dict(self) -> dict[str, Any]:
        """The stats JSON: config (resolved), per-layer rows, and a summary (README, "Without a
        window")."""
        from .readout_facts import theory_gap   # (both read SimResult: not at the top)
        from .verdict import verdict_dict

        mc, th = self.monte_carlo, self.theory
        return {
            "config": self.config.to_dict(),
            "layers": self.layer_rows(),
            "summary": {
                "monte_carlo": mc is not None,
                "forward_invalid": _invalid(mc.forward_invalid if mc else None),
                "backward_invalid": _invalid(mc.backward_invalid if mc else None),
                # where the medians' nulls begin (with one trial the same as above)
                "median_forward_invalid": _invalid(mc.stop("forward") if mc else None),
                "median_backward_invalid": _invalid(mc.stop("backward") if mc else None),
                "forward_mean_invalid": (_beyond_float64(mc.forward_mean, mc.log10_forward_var)
                                         if mc else None),
                "theory_forward_mean_invalid": (
                    _beyond_float64(th.forward_mean, th.log10_forward_var) if th else None),
                "depth_scales": {k: json_number(getattr(th, k) if th is not None else None)
                                 for k in DEPTH_SCALES},
                "verdict": verdict_dict(self),
                "theory_gap": _gap(theory_gap(self)),
            },
        }

    def to_json(self) -> str:
        return dumps_strict(self.to_dict())

    def to_csv(self, extra_columns: dict[str, Any] | None = None) -> str:
        buffer = io.StringIO()
        write_csv_rows(buffer, [self], [extra_columns or {}])
        return buffer.getvalue()


def _gap(gap) -> dict[str, Any] | None:
    """`engine.readout_facts.TheoryGap` as the summary's facts, as the readout says them (a
    practitioner's tour: the JSON left a 900-decade gap unexplained)."""
    if gap is None:
        return None
    return {"direction": gap.direction, "layer": gap.layer, "decades": json_number(gap.decades),
            "explained": json_number(gap.explained), "reason": gap.reason,
            "theory": json_number(gap.theory)}


def _invalid(invalid: Invalid | None) -> dict[str, Any] | None:
    return invalid.to_dict() if invalid is not None else None


def _beyond_float64(mean: np.ndarray, log10_var: np.ndarray) -> dict[str, Any] | None:
    """The first layer whose mean is beyond float64 (±inf: null in the rows) while its
    variance, kept as log10, is exact (a homogeneous σ carried by log scales), with why."""
    bad = np.flatnonzero(~np.isfinite(np.asarray(mean, dtype=float))
                         & np.isfinite(np.asarray(log10_var, dtype=float)))
    if not bad.size:
        return None
    return {"layer": int(bad[0]),
            "reason": "the mean is beyond float64 (|mean| > 1.8e308); log10 variance is exact"}


def config_cell(config: SimConfig) -> str:
    """A CSV's last column, `config`: the resolved config as compact JSON, its widths as
    their text ("784, 256x49, 10", which `SimConfig.from_dict` reads back: a review found
    the phase grid's CSV 11× larger with every width on each of its 1681 rows)."""
    return json.dumps({**config.to_dict(), "widths": format_widths(config.widths)},
                      separators=(",", ":"), allow_nan=False)


def write_csv_rows(stream, results: list[SimResult], extras: list[dict[str, Any]]) -> None:
    """One row per (result, layer); `extras` prepends columns (e.g. a sweep's value). The last
    column, `config`, is the row's resolved config as compact JSON (`config_cell`), so a CSV
    alone says what produced each of its rows."""
    extra_names = list(extras[0]) if extras else []
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*extra_names, "layer", "width", *LAYER_FIELDS, "config"])
    for result, extra in zip(results, extras):
        config = config_cell(result.config)
        for row in result.layer_rows():
            values = [*(extra[k] for k in extra_names), *row.values()]
            writer.writerow(["" if v is None else _csv_number(v) for v in values] + [config])


def _csv_number(value: Any) -> Any:
    return repr(value) if isinstance(value, float) else value


def json_number(value: Any) -> Any:
    """A float for JSON, or None where it is not finite (NaN/∞ are not JSON)."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def dumps_strict(data: Any) -> str:
    """JSON that never contains NaN or Infinity (raises if a caller forgot to map one)."""
    return json.dumps(data, indent=1, allow_nan=False)
