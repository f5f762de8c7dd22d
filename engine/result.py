"""SimResult: the plain-data outcome of one simulation, and its JSON/CSV writers.

Arrays are indexed by layer t = 0 … L. Variances are log10 because they span hundreds of
decades; a value the engine cannot represent is NaN here and ``null`` in JSON, and the layer
where the trouble began is recorded in `forward_invalid` / `backward_invalid`.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .config import SimConfig

# Per-layer columns of the stats table, in order (the design's contract, then extras).
LAYER_FIELDS = (
    "forward_mean",
    "log10_forward_var",
    "log10_preact_var",
    "log10_backward_var",
    "theory_forward_mean",
    "theory_log10_forward_var",
    "theory_log10_preact_var",
    "theory_log10_backward_var",
    "gamma",
    "factor_forward",
    "factor_backward",
    "chi1",
)
ENSEMBLE_ROWS = ("min", "p10", "median", "p90", "max")


@dataclass(frozen=True)
class Invalid:
    """The first layer where a pass stopped being representable (its value is missing).

    After an overflow every later layer is missing too; after an underflow a later layer can be
    representable again (a bias lifts the signal back), and is then reported.
    """

    layer: int
    reason: str  # "overflow", "underflow", "exactly zero variance", "not a number", "undefined: …"

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "reason": self.reason}


@dataclass(frozen=True)
class DepthScales:
    """Mean-field fixed point of the last layer's map and the depth scales (Schoenholz 2017)."""

    q_star: float | None = None
    chi1_star: float | None = None
    xi_q: float | None = None
    xi_c: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: _json_number(v) for k, v in self.__dict__.items()}


@dataclass(frozen=True, eq=False)
class SimResult:
    """Everything the views plot for one config. Plain data; build with `engine.simulate`.

    Per-layer arrays have length L + 1 (entry t is layer t; entry 0 is the input, where the
    pre-activation, γ, factors and χ₁ are NaN). Per-unit arrays are (L + 1) × max(widths),
    NaN-padded beyond each layer's width. Histograms are (L + 1) × bins densities over
    `hist_edges`; when `hist_standardized` they are of (h − mean)/std, else of raw values.
    `has_monte_carlo` is False for a theory-only result (Monte Carlo fields all NaN);
    `has_theory` is False for a Monte Carlo-only one (`simulate(..., theory=False)`: the
    mean-field fields are NaN until `engine.with_theory` fills them).
    """

    config: SimConfig
    forward_mean: np.ndarray
    log10_forward_var: np.ndarray
    log10_preact_var: np.ndarray
    log10_backward_var: np.ndarray
    theory_forward_mean: np.ndarray
    theory_log10_forward_var: np.ndarray
    theory_log10_preact_var: np.ndarray
    theory_log10_backward_var: np.ndarray
    gamma: np.ndarray
    factor_forward: np.ndarray
    factor_backward: np.ndarray
    chi1: np.ndarray
    unit_log10_forward_var: np.ndarray
    unit_log10_backward_var: np.ndarray
    hist_density: np.ndarray
    hist_edges: np.ndarray
    hist_standardized: bool
    trial_log10_forward_var: np.ndarray   # trials × (L + 1)
    trial_log10_backward_var: np.ndarray
    trial_forward_mean: np.ndarray | None = None
    forward_invalid: Invalid | None = None
    backward_invalid: Invalid | None = None
    depth_scales: DepthScales = field(default_factory=DepthScales)
    has_monte_carlo: bool = True
    elapsed_seconds: float = 0.0
    has_theory: bool = True

    # -- derived views -------------------------------------------------------------------
    @property
    def depth(self) -> int:
        return self.config.depth

    @property
    def widths(self) -> tuple[int, ...]:
        return self.config.widths

    @property
    def layers(self) -> np.ndarray:
        return np.arange(self.config.depth + 1)

    def ensemble(self, direction: str) -> np.ndarray:
        """Rows min, p10, median, p90, max over trials of log10 variance per layer
        (`direction` is "forward" or "backward"). NaN where no trial is representable."""
        data = (self.trial_log10_forward_var if direction == "forward"
                else self.trial_log10_backward_var)
        if data.shape[0] == 0:
            return np.full((len(ENSEMBLE_ROWS), self.config.depth + 1), np.nan)
        out = np.full((len(ENSEMBLE_ROWS), data.shape[1]), np.nan)
        ok = np.isfinite(data)
        for t in np.flatnonzero(ok.any(axis=0)):
            col = data[ok[:, t], t]
            out[:, t] = [col.min(), *np.percentile(col, [10, 50, 90]), col.max()]
        return out

    # -- writers -------------------------------------------------------------------------
    def layer_rows(self) -> list[dict[str, Any]]:
        rows = []
        for t in range(self.config.depth + 1):
            row: dict[str, Any] = {"layer": t, "width": self.config.widths[t]}
            for name in LAYER_FIELDS:
                row[name] = _json_number(getattr(self, name)[t])
            rows.append(row)
        return rows

    def to_dict(self) -> dict[str, Any]:
        """The stats JSON of the design: config (resolved), per-layer rows, and a summary."""
        return {
            "config": self.config.to_dict(),
            "layers": self.layer_rows(),
            "summary": {
                "monte_carlo": self.has_monte_carlo,
                "forward_invalid": self.forward_invalid.to_dict() if self.forward_invalid else None,
                "backward_invalid": (self.backward_invalid.to_dict()
                                     if self.backward_invalid else None),
                "depth_scales": self.depth_scales.to_dict(),
            },
        }

    def to_json(self) -> str:
        return dumps_strict(self.to_dict())

    def to_csv(self, extra_columns: dict[str, Any] | None = None) -> str:
        buffer = io.StringIO()
        write_csv_rows(buffer, [self], [extra_columns or {}])
        return buffer.getvalue()


def write_csv_rows(stream, results: list[SimResult], extras: list[dict[str, Any]]) -> None:
    """One row per (result, layer); `extras` prepends columns (e.g. a sweep's value)."""
    extra_names = list(extras[0]) if extras else []
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*extra_names, "layer", "width", *LAYER_FIELDS])
    for result, extra in zip(results, extras):
        for row in result.layer_rows():
            values = [*(extra[k] for k in extra_names), *row.values()]
            writer.writerow(["" if v is None else _csv_number(v) for v in values])


def _csv_number(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value)
    return value


def _json_number(value: Any) -> Any:
    """A float for JSON, or None where it is not finite (NaN/∞ are not JSON)."""
    if value is None:
        return None
    value = float(value)
    if math.isnan(value):
        return None
    if math.isinf(value):
        return None
    return value


def write_text_atomically(path, text: str, key: str) -> None:
    """Write through a temporary file, so a failure never leaves half a file; a failure is a
    ConfigError naming `key` (the field that named the file)."""
    import os
    from pathlib import Path

    from .config import ConfigError

    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(key, f"cannot write {path.name}: {exc.strerror or exc}") from None


def dumps_strict(data: Any) -> str:
    """JSON that never contains NaN or Infinity (raises if a caller forgot to map one)."""
    return json.dumps(data, indent=1, allow_nan=False)
