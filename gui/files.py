"""Writing the files the window deals in (configs are read by
`engine.config_files.config_from_file`); every problem is a ConfigError naming it.

Configs use the config JSON format (depth/width shorthand when the widths are uniform);
statistics are `SimResult.to_csv` / `to_json` (with pinned runs: a "pins" list in JSON, a
leading "run" column in CSV); figures are PNG or PDF (`gui.figures`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from engine import ConfigError, SimConfig
from engine.analysis_stats import phase_text, spectrum_text
from engine.output_files import commit_files, stage_file, write_text_atomically
from engine.result import dumps_strict, write_csv_rows
from engine.training import history_csv, history_json


def config_json(config: SimConfig) -> str:
    """The config as the config JSON (depth and width instead of a list of equal widths)."""
    data = config.to_dict()
    if config.uniform_widths:
        del data["widths"]
        data = {"depth": config.depth, "width": config.width, **data}
    return json.dumps(data, indent=2) + "\n"


def write_text(path: Path, text: str, key: str) -> None:
    """Write through a temporary file, so a failure never leaves half a file."""
    write_text_atomically(path, text, key)


def write_config(path: Path, config: SimConfig) -> None:
    write_text(path, config_json(config), "config")


def stats_text(result, pins=(), csv: bool = False) -> str:
    """The statistics of `result` and of the pinned runs (objects with `.run` and `.result`).

    JSON: the result's stats with ``"pins": [{"run": "pin 1", ...stats}, ...]``. CSV: without
    pins, `SimResult.to_csv` (as ``--stats`` writes it); with pins, a leading "run" column
    ("current", "pin 1", …) and the rows of every run.
    """
    if not csv:
        return dumps_strict({**result.to_dict(),
                             "pins": [{"run": p.run, **p.result.to_dict()} for p in pins]})
    if not pins:
        return result.to_csv()
    buffer = io.StringIO()
    write_csv_rows(buffer, [result, *(p.result for p in pins)],
                   [{"run": "current"}, *({"run": p.run} for p in pins)])
    return buffer.getvalue()


def _stats_suffix(path: Path) -> str:
    """".csv" or ".json", else ConfigError("stats", …)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise ConfigError.of("stats", "file name must end in {one} or {other}, got {shown}",
                             one=".csv", other=".json", shown=repr(path.name))
    return suffix


def write_stats(path: Path, result, pins=()) -> None:
    """Per-layer statistics as CSV or JSON, chosen by the file's suffix (see `stats_text`)."""
    path = Path(path)
    suffix = _stats_suffix(path)
    write_text(path, stats_text(result, pins, csv=suffix == ".csv"), "stats")


def write_training_stats(path: Path, config, runs, run_configs=None, shape=None,
                         interrupted: bool = False, compare: str = "single") -> None:
    """The Training tab's runs (engine RunHistory; `run_configs`, their configs; `shape`,
    the task's inputs and outputs if known) as `--train --stats` writes them: CSV rows (run,
    step, layer) or JSON with the config, the tab's comparison (`compare`, which File ▸ Open
    shows again), each run's summary, the rows and whether the training stopped before its
    end (`interrupted`, as a Ctrl+C says it there)."""
    path = Path(path)
    suffix = _stats_suffix(path)
    write_text(path, history_csv(runs, run_configs or [config] * len(runs)) if suffix == ".csv"
               else history_json(config, runs, run_configs, shape, compare=compare,
                                 interrupted=interrupted),
               "stats")


def write_sweep_stats(path: Path, sweep) -> None:
    """A sweep's rows as `--sweep … --stats` writes them (one per value and layer)."""
    path = Path(path)
    suffix = _stats_suffix(path)
    write_text(path, sweep.to_csv() if suffix == ".csv" else dumps_strict(sweep.to_dict()),
               "stats")


def write_phase_stats(path: Path, config, diagram) -> None:
    """The phase diagram's grid (engine.analysis_stats.phase_text)."""
    path = Path(path)
    write_text(path, phase_text(config, diagram, _stats_suffix(path)), "stats")


def write_spectrum_stats(path: Path, spectrum) -> None:
    """The Jacobian's singular values (engine.analysis_stats.spectrum_text)."""
    path = Path(path)
    write_text(path, spectrum_text(spectrum, _stats_suffix(path)), "stats")


def write_panel_stats(path: Path, panel) -> None:
    """The Weights or Activation tab's numbers as drawn (its `stats_text`)."""
    path = Path(path)
    text = panel.stats_text(_stats_suffix(path))
    if text is None:   # (nothing drawn yet: the window checks before)
        raise ConfigError.of("stats", "the tab has nothing drawn yet")
    write_text(path, text, "stats")


def stage_figure(figure, path: Path, scale: float = 1.0, title: str = "", config=None,
                 beside: dict | None = None):
    """A `gui.figures.Figure` written next to `path` as PNG (`scale` × its pixels) or vector
    PDF, as the suffix says, `title` and the `config` it shows (a SimConfig) in its
    properties, with what the tab shows beside it (`beside`: the Training tab's comparison
    {"compare": …}, the Sweep tab's gains {"sweep": its fields' state}), as a statistics
    file holds its config (`engine.config_files.file_settings` reads them), to be moved
    there by `commit_files`; ConfigError("export", …) on failure (nothing is left behind)."""
    from . import figure_files

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in figure_files.SUFFIXES:
        one, other = figure_files.SUFFIXES   # (the "or" in the window's language: an audit)
        raise ConfigError.of("export", "file name must end in {one} or {other}, got {shown}",
                             one=one, other=other, shown=repr(path.name))
    try:
        settings = config.to_dict() if config is not None else None
        if settings is not None and beside:
            settings = {"config": settings, **beside}
        data = figure_files.encode(figure, suffix, scale, title,
                                   "" if settings is None else json.dumps(settings))
    except figure_files.EncodeError as exc:
        raise ConfigError.of("export", "cannot write {name}: {problem}", name=path.name,
                             problem=str(exc)) from None
    return stage_file(path, lambda tmp: tmp.write_bytes(data), "export")


def save_figure(figure, path: Path, scale: float = 1.0, title: str = "", config=None,
                beside: dict | None = None) -> None:
    """`stage_figure` and commit: the file is written all at once or not at all."""
    commit_files([(stage_figure(figure, path, scale, title, config, beside), Path(path),
                   "export")])
