"""What File ▸ Export statistics writes on the Phase diagram and Jacobian spectrum tabs: the
numbers behind the picture, as CSV (one row per grid point, or per singular value) or JSON
(with the config they belong to); and what `--stats` writes (`command_stats_text`; the
Weights and Activation tabs' numbers are `panel_stats`).

In CSV a value that is not a number is empty and ±∞ is inf / -inf (ξ_c on the critical line;
log10 χ₁ of zero weights); in JSON every value that is not finite is null, as in every
statistics file (the critical line is "critical_sigma_w2")."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from .config import SimConfig
from .phase import PhaseDiagram
from .result import config_cell, dumps_strict, json_number
from .spectrum import Spectrum

PHASE_COLUMNS = ("sigma_w2", "sigma_b2", "log10_chi1", "xi_c")
SPECTRUM_COLUMNS = ("index", "log10_singular_value", "at_floor")


def _csv(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, float):
        return value
    return "" if math.isnan(value) else repr(value)


def csv_table(columns: tuple[str, ...], rows, config: SimConfig | None = None) -> str:
    """A header of `columns`, then `rows` (a float NaN empty, others as Python writes them);
    with a `config`, the column "config" last (`config_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    cell = () if config is None else (config_cell(config),)
    writer.writerow(columns + (("config",) if cell else ()))
    for row in rows:
        writer.writerow([*(_csv(v) for v in row), *cell])
    return buffer.getvalue()


def phase_rows(diagram: PhaseDiagram):
    """(σ_w², σ_b², log10 χ₁, ξ_c) for every grid point, row by row of σ_b²."""
    for i, sb2 in enumerate(diagram.sigma_b2):
        for j, sw2 in enumerate(diagram.sigma_w2):
            yield (float(sw2), float(sb2), float(diagram.log10_chi1[i, j]),
                   float(diagram.xi_c[i, j]))


def phase_text(config: SimConfig, diagram: PhaseDiagram, suffix: str) -> str:
    """The diagram as CSV (".csv") or JSON (".json": the config, the grid and its σ_w²
    spacing, χ₁ = 1's line at the grid's rows and, finer, as drawn, and the fixed point's
    edge at the grid's rows)."""
    if suffix == ".csv":
        return csv_table(PHASE_COLUMNS, phase_rows(diagram), config)
    return dumps_strict({
        "config": config.to_dict(), "activation": diagram.activation,
        "sigma_w2": [float(v) for v in diagram.sigma_w2],
        "sigma_w2_spacing": "log" if diagram.log_sigma_w2 else "linear",
        "sigma_b2": [float(v) for v in diagram.sigma_b2],
        "critical_sigma_w2": [json_number(v) for v in diagram.critical_sigma_w2],
        "critical_line": {"sigma_b2": [float(v) for v in diagram.line_sigma_b2],
                          "sigma_w2": [json_number(v) for v in diagram.line_sigma_w2]},
        "beyond_line": diagram.beyond_line,
        # where the χ₁ > 1 side's fixed point q* ends, at each row (the dotted edge)
        "fixed_point_edge_sigma_w2": [json_number(v) for v in diagram.fixed_point_edge],
        "grid": [dict(zip(PHASE_COLUMNS, (sw2, sb2, json_number(chi), json_number(xi))))
                 for sw2, sb2, chi, xi in phase_rows(diagram)]})


def spectrum_text(spectrum: Spectrum, suffix: str) -> str:
    """The singular values (log10, descending; those at the float64 floor marked) as CSV, or
    JSON with the config, the mean square and its theory, and Var[s²]/E[s²]² and its theory."""
    values = [float(v) for v in spectrum.log10_singular_values]
    above = len(values) - spectrum.below_floor
    if suffix == ".csv":
        return csv_table(SPECTRUM_COLUMNS, ((i, v, int(i >= above)) for i, v in enumerate(values)),
                         spectrum.config)
    return dumps_strict({
        "config": spectrum.config.to_dict(), "invalid": spectrum.invalid,
        "log10_singular_values": [json_number(v) for v in values],
        "below_floor": spectrum.below_floor, "log10_floor": json_number(spectrum.log10_floor),
        "log10_mean_sq": json_number(spectrum.log10_mean_sq),
        "theory_log10_mean_sq": json_number(spectrum.theory_log10_mean_sq),
        "eig_normalized_var": json_number(spectrum.eig_normalized_var),
        "theory_eig_normalized_var": json_number(spectrum.theory_eig_normalized_var)})


def command_stats_text(config: SimConfig, suffix: str, sweep_spec: tuple | None = None,
                       samples: int = 64, view: str = "network", layer: int | None = None,
                       lecture: bool = False, x_range: float | None = None) -> str:
    """What `--stats` writes (JSON or CSV by `suffix`): one run's per-layer statistics, a
    sweep's rows (`sweep_spec`: key and values, `samples` inputs each), or with `view` "phase",
    "spectrum", "weights" or "activation" that tab's numbers at its own defaults, as its
    Export statistics writes them (`layer`: the layer t of the last two, by default the first
    and the last; `lecture`: the lecture's σ beside the activation's; `x_range`: its x over
    ±x_range, not the layer's ±4√q_t)."""
    if view == "weights":
        from .panel_stats import weights_text
        from .weight_distribution import weight_distribution

        return weights_text(config, weight_distribution(config, layer or 1), suffix)
    if view == "activation":
        from .activation_curves import layer_curves
        from .panel_stats import activation_text
        from .simulation import simulate

        t = layer or config.depth
        return activation_text(config, t, *layer_curves(simulate(config), t, lecture, x_range),
                               suffix)
    if view == "phase":
        from .jobs import PhaseRequest, phase_job

        return phase_text(config, phase_job(PhaseRequest(config)), suffix)
    if view == "spectrum":
        from .spectrum import jacobian_spectrum

        return spectrum_text(jacobian_spectrum(config), suffix)
    if sweep_spec is not None:
        from .draws import DrawCache
        from .sweep import sweep

        key, values = sweep_spec
        # (a cache: the groups of a stacked key share their weights, drawn once if they fit)
        result = sweep(config, key, values, samples=samples, cache=DrawCache())
        if key == "gain" and suffix == ".json":   # what the Sweep tab's dashed line marks
            from dataclasses import replace

            from .critical_gain import critical_gain

            result = replace(result, critical_gain=critical_gain(config))
        return dumps_strict(result.to_dict()) if suffix == ".json" else result.to_csv()
    from .simulation import simulate

    result = simulate(config)
    return result.to_json() if suffix == ".json" else result.to_csv()
