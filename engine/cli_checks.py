"""How the command line's options combine (`check_combinations`): each option that does not
apply with the others given is refused by name, before anything runs; a few are settled
here for main.py (the view, the scale, the one sweep). Without Qt, as `cli_options`.
"""

from __future__ import annotations

from pathlib import Path

from .activation_curves import X_RANGES
from .cli_options import STATS_VIEWS, VIEWS, guessed
from .config import SimConfig
from .config_fields import MAX_GAIN, MIN_GAIN, ConfigError
from .config_files import COMPARE, parse_assignment
from .shown import limit_text, quoted_path
from .sweep_range import COUNT_RANGE, usable_state


def check_combinations(args, config: SimConfig, stats_out: Path | None,
                       export_out: Path | None, languages: tuple[str, ...],
                       recorded: dict | None = None) -> tuple[str, bool, str]:
    """ConfigError for the first option of `args` (parsed, `args.lang` normalised) that does
    not apply with the others; else (the view whose numbers --stats writes, whether the
    export is of the Training tab, the comparison: --compare's, else the one the --config
    file `recorded`), with `args.view`, `args.scale` and `args.sweep` settled. `languages`:
    those --lang accepts."""
    recorded = recorded or {}
    if not args.sweep and export_out is not None and args.view == "sweep" \
            and "sweep" in recorded:   # the gains a Sweep tab's figure records, drawn again
        args.sweep, args.lines = recorded_sweep(recorded["sweep"], args.config, args.lines)
    if args.grey_safe and (export_out is None or (args.view or "network") not in (
            "network", "sweep", "phase") or args.lines):
        raise ConfigError("grey-safe", "applies only with --export of a tab with diverging "
                                       "variance maps (blue to red): network, sweep or "
                                       "phase")
    if args.stretch and (export_out is None or (args.view or "network") != "network"):
        raise ConfigError("stretch", "applies only with --export of the network tab, "
                                     "whose heatmaps it stretches")
    if args.lecture_sigmas and (export_out is None and stats_out is None
                                or args.view != "activation"):
        raise ConfigError("lecture-sigmas", "applies only with --export or --stats of the "
                                            "activation tab, beside whose σ it draws or "
                                            "writes them")
    if args.x_range is not None and (export_out is None and stats_out is None
                                     or args.view != "activation"):
        raise ConfigError("x-range", "applies only with --export or --stats of the "
                                     "activation tab, whose x it sets")
    if args.x_range is not None and args.x_range not in X_RANGES:
        raise ConfigError("x-range", "must be one of {ranges}, got {value}".format(
            ranges=", ".join(f"{w:g}" for w in X_RANGES), value=f"{args.x_range:g}"))
    if args.lines and (export_out is None or args.view != "sweep"):
        raise ConfigError("lines", "applies only with --export --view sweep, whose maps "
                                   "it replaces by lines")
    if args.slide and export_out is None:
        raise ConfigError("slide", "applies only with --export, whose figure it lays out")
    if args.slide and args.scale is not None:
        raise ConfigError("scale", "does not apply with --slide, whose PNG is 1920 x 1080")
    if args.scale is not None and export_out is None:   # else it would be ignored unsaid
        raise ConfigError("scale", "applies only with --export")
    if args.scale is not None and export_out.suffix.lower() == ".pdf":
        raise ConfigError("scale", "applies only to a PNG export (a PDF is vector: sharp "
                                   "at any size)")
    if args.train and export_out is not None and args.view == "training":
        raise ConfigError("train", "is not needed: --export with --view training trains "
                                   "and draws the training itself (leave --train out; "
                                   "--train --stats writes its history)")
    if args.view is not None and args.train:
        raise ConfigError("view", "does not apply to --train, whose --stats writes the "
                                  "training's history (--export with --view training "
                                  "draws a training)")
    if args.view is not None and export_out is None:
        if stats_out is None:
            raise ConfigError("view", "applies only with --export or --stats")
        if args.view not in STATS_VIEWS:
            raise ConfigError("view", f"with --stats alone must be one of "
                                      f"{', '.join(STATS_VIEWS)}, got {args.view[:40]!r}"
                                      + {"training": " (a training's history: --train "
                                                     "--stats)",
                                         "sweep": " (a sweep's statistics: --sweep)"}.get(
                                          args.view, guessed(args.view, STATS_VIEWS)))
    args.view = "network" if args.view is None else args.view   # ("" is refused)
    # the numbers behind the tab: its own (phase, spectrum, weights, activation), else
    # the network's
    stats_view = args.view if args.view in STATS_VIEWS else "network"
    args.scale = 1.0 if args.scale is None else args.scale
    if args.view not in VIEWS:
        raise ConfigError("view", f"must be one of {', '.join(VIEWS)}, got {args.view[:40]!r}"
                                  + guessed(args.view, VIEWS))
    if args.scale not in (1.0, 2.0, 4.0):
        raise ConfigError("scale", f"must be 1, 2 or 4, got {args.scale:g}")
    training_export = export_out is not None and args.view == "training"
    if args.force and (args.code is not None or args.train or training_export
                       or (stats_out is None and export_out is None)):
        raise ConfigError("force", "applies only to the runs of --stats and --export (not "
                                   "to --train, --code or --view training, whose memory "
                                   "check has no override)")
    if args.force and export_out is None and stats_view in ("phase", "weights"):
        raise ConfigError("force", f"does not apply to --stats --view {stats_view}, whose "
                                   f"run is small and has no memory check to override")
    if args.lang is not None and args.lang in languages and (
            args.code is not None or args.train or (stats_out is not None
                                                    and export_out is None)):
        raise ConfigError("lang", "applies only to the window and --export")
    if args.sweep is not None and len(args.sweep) > 1:
        raise ConfigError("sweep", "give one --sweep (a sweep varies one key)")
    args.sweep = args.sweep[0] if args.sweep else None
    if args.compare is not None:
        if args.compare not in COMPARE:
            raise ConfigError("compare", f"must be one of {', '.join(COMPARE)}, "
                                         f"got {args.compare[:40]!r}")
        if not (args.train or training_export):
            raise ConfigError("compare", "applies only with --train or --export with "
                                         "--view training")
    # the comparison given, else the one the --config file records (a figure or statistics
    # of the Training tab: a review found one of the four inits trained as one network)
    compare = args.compare or recorded.get("compare") or "single"
    overridden = sorted({parse_assignment(text)[0] for text in args.set} & {"init", "gain"})
    if compare == "inits" and overridden and (args.train or training_export):
        from engine.training import COMPARE_INITS   # (else trained as Xavier, unsaid)

        runs = ", ".join(name for name, _ in COMPARE_INITS)
        given = "" if args.compare else " (the comparison --config records)"
        raise ConfigError("compare", f"inits{given} gives each run its own init and gain "
                                     f"({runs}): --set {' and '.join(overridden)} would be "
                                     f"ignored")
    if args.layer is not None:
        if (export_out is None and stats_out is None) or args.view not in ("activation",
                                                                            "weights"):
            raise ConfigError("layer", "applies only with --export or --stats and --view "
                                       "activation or weights")
        if not 1 <= args.layer <= config.depth:
            raise ConfigError("layer", f"must be between 1 and the depth {config.depth}, "
                                       f"got {args.layer}")
    if stats_out is not None and export_out is not None and args.view == "sweep" \
            and not args.sweep:   # else the network's statistics beside a sweep's PNG
        from engine.sweep import DEFAULT_GAINS

        start, stop, count = DEFAULT_GAINS
        raise ConfigError("stats", f"beside --export --view sweep, give the sweep whose "
                                   f"numbers to write: --sweep gain={start:g}:{stop:g}:"
                                   f"{count} (the tab's)")
    if args.samples is not None and not args.sweep:   # else it would be ignored unsaid
        raise ConfigError("samples", "applies only with --sweep")
    return stats_view, training_export, compare


def recorded_sweep(state, path: str, lines: bool) -> tuple[list[str], bool]:
    """The --sweep (and --lines) of the Sweep tab's gains and view as a figure of that tab,
    the file `path`, records them beside its config (`engine.config_files.file_settings`),
    checked as the window's fields check them (`usable_state`); `lines` given, or recorded."""
    usable = usable_state(state)
    if usable is None:
        fewest, most = COUNT_RANGE
        raise ConfigError("config", f"the Sweep tab's gains {quoted_path(path)} records are "
                                    f"not ones the tab draws ({fewest} to {most} gains from "
                                    f"{limit_text(MIN_GAIN)} to {limit_text(MAX_GAIN)}): "
                                    f"give --sweep")
    low, high, count = float(usable["from"]), float(usable["to"]), usable["values"]
    return [f"gain={low!r}:{high!r}:{count}"], lines or usable["show"] == "lines"
