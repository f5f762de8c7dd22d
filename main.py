"""InitLab's command line: open the window, or write statistics / a figure without one.

    python main.py                                  # the window
    python main.py --config net.json --set gain=2   # the window, on that config
    python main.py --set depth=100 --stats out.csv  # statistics only (Qt is never imported)
    python main.py --export dashboard.png           # the dashboard rendered headless
    python main.py --export dashboard.pdf           # the same as a vector PDF
    python main.py --train --stats history.csv      # train the network, write its history
    python main.py --export t.png --view training --compare inits   # the four inits, trained

Bad input exits with status 2 and one line ``error: KEY: reason`` on stderr; nothing is written.
"""

from __future__ import annotations

import sys
import time
from importlib.util import find_spec
from pathlib import Path

# InitLab's dependencies (pyproject.toml), looked for before any is imported: a Python without
# them (Debian's python3, a README tour) had ended `python3 main.py --help` in a traceback
_MISSING = [name for name in ("numpy", "PySide6", "pyqtgraph", "threadpoolctl")
            if find_spec(name) is None]
if _MISSING:
    sys.exit(f"error: {', '.join(_MISSING)} not installed for this Python ({sys.executable}); "
             "install InitLab into a virtual environment first: python3 -m venv .venv && "
             ".venv/bin/python -m pip install -e . (README, Set-up), then run "
             ".venv/bin/python main.py")

from engine import cli_options  # noqa: E402
from engine.allocator import retain_freed_memory  # noqa: E402
from engine.cli_checks import check_combinations  # noqa: E402
from engine.cli_options import resolve_config  # noqa: E402
from engine.cli_output import (OutputFailed, PrintedStdout, drop_stdout,  # noqa: E402
                               stdout_is_utf8)
from engine.config import SimConfig  # noqa: E402
from engine.config_fields import ConfigError  # noqa: E402
from engine.config_files import parse_assignment  # noqa: E402
from engine.cost import check_cost, note  # noqa: E402
from gui.languages import LANGUAGES, normalize  # noqa: E402


def build_parser():
    """The command line's parser (`engine.cli_options`)."""
    return cli_options.build_parser(__doc__.split("\n")[0], LANGUAGES)


def _shown_key(key: str) -> str:
    """A key as the error line names it: as typed when it is a plain word, else quoted (an
    unknown key may hold a newline or be empty) and cut short."""
    if key and len(key) <= 40 and key.isprintable() and not any(c.isspace() for c in key):
        return key
    return repr(key[:40]) + ("…" if len(key) > 40 else "")


def _one_line(reason: str) -> str:
    return reason.replace("\r", "\\r").replace("\n", "\\n")


def export_training(config: SimConfig, compare: str, out: Path, scale: float,
                    language: str | None, note=note, slide: bool = False) -> int:
    """Train `config` (alone or, instead, the four inits of it, as the Training tab would) and
    write the tab as a PNG or PDF (for a `slide`, laid out at 16:9): a progress bar on a
    terminal, the estimate once measured. The first Ctrl+C stops and writes what was trained
    (exit status 130)."""
    from engine.output_files import commit_files
    from engine.cost import available_memory
    from engine.training import check_memory, compare_configs, task_shape
    from engine.training.terminal import INTERRUPTED, PROBE_SECONDS, ProgressBar

    shape = task_shape(config)   # refused before the window is made: MNIST's files, the size
    check_memory(compare_configs(config)[0] if compare == "inits" else (config,), *shape,
                 available_memory())
    from gui.headless import figure_title, training_figure
    from gui.figures import png_scale
    from gui.files import stage_figure

    bar = ProgressBar(config.steps, sys.stderr) if sys.stderr.isatty() else None
    probe: list = []   # (time, step) of the first step seen, then True once the note is said

    def progress(step: int, total: int, _rate) -> None:
        if bar is not None and total:
            bar(step / total)
        now = time.perf_counter()
        if not probe and step > 0:
            probe.append((now, step))
        elif len(probe) == 1 and now - probe[0][0] >= PROBE_SECONDS and step < total:
            rate = (step - probe[0][1]) / (now - probe[0][0])
            probe.append(True)
            if rate > 0:
                note(total / rate, rate)

    try:
        staged, stopped_at = training_figure(
            config, lambda figure: stage_figure(figure, out, png_scale(figure, scale, slide),
                                                figure_title("training"), config,
                                                {"compare": compare}),
            compare, language, progress, slide)
    finally:
        if bar is not None:
            bar.close()
    if staged is None:
        print("interrupted before the first step; nothing written", file=sys.stderr)
        return INTERRUPTED
    commit_files([(staged, out, "export")])
    if stopped_at is not None:   # (the step said, as a training's --stats says it)
        print(f"interrupted at step {stopped_at}; wrote the steps trained so far",
              file=sys.stderr)
        return INTERRUPTED
    return 0


def write_outputs(config: SimConfig, stats_out: Path | None, export_out: Path | None,
                  sweep_spec: tuple | None, samples: int, scale: float,
                  language: str | None = None, view: str = "network",
                  layer: int | None = None, stats_view: str = "network",
                  stretched: bool = False, lecture: bool = False, slide: bool = False,
                  lines: bool = False, x_range: float | None = None) -> None:
    """Compute every output first, then write them all or none (each through a temporary
    file in its folder, moved into place only when every one is complete); the statistics
    are `stats_view`'s (network, phase, spectrum, weights or activation), the PNG's or
    PDF's `view`'s (the network's heatmaps `stretched`, as View ▸ Stretch each layer; the
    Activation tab with the `lecture`'s σ beside its own, its x over ±`x_range`; laid out
    for a `slide`; the Sweep tab's `lines`)."""
    from engine.output_files import commit_files, stage_file

    staged = []
    try:
        if stats_out is not None:
            from engine.analysis_stats import command_stats_text

            text = command_stats_text(config, stats_out.suffix.lower(), sweep_spec, samples,
                                      stats_view, layer, lecture, x_range)
            staged.append((stage_file(stats_out, lambda p: p.write_text(text, encoding="utf-8"),
                                      "stats"), stats_out, "stats"))
        if export_out is not None:
            from gui.headless import figure_title, view_figure
            from gui.files import stage_figure

            gains, beside = None, None
            if view == "sweep" and sweep_spec is not None:   # the figure of the numbers
                values = sweep_spec[1]
                gains = (float(values[0]), float(values[-1]), len(values))
            if view == "sweep":   # its gains and view recorded, as the window's export does
                from engine.sweep import DEFAULT_GAINS
                from engine.sweep_range import state

                beside = {"sweep": state(*(gains or DEFAULT_GAINS), "lines" if lines else "mc")}
            from gui.figures import png_scale

            tmp = view_figure(config, lambda figure: stage_figure(
                figure, export_out, png_scale(figure, scale, slide),
                figure_title(view), config, beside), language, view, layer, gains, stretched,
                lecture, slide, lines, x_range)
            staged.append((tmp, export_out, "export"))
    except BaseException:
        for tmp, _, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    commit_files(staged)


def main(argv: list[str] | None = None) -> int:
    standalone = argv is None   # (a caller's process keeps its own stdout)
    if standalone and sys.stdout is not None:
        sys.stdout = PrintedStdout(sys.stdout)
    try:
        try:
            status = _main(argv)
        except SystemExit as done:   # --help: flushed below, where a full disk is said
            if not standalone:
                raise
            status = done.code
        if standalone and sys.stdout is not None:
            sys.stdout.flush()   # (a full disk is said now, not lost at the exit's flush)
        return status
    except OutputFailed as failed:   # `> /dev/full`: one line, not a traceback (a CLI tour)
        drop_stdout()
        if isinstance(failed.__cause__, BrokenPipeError):   # the reader left (`| head -1`):
            return 1                                         # quietly, as other tools do
        print(f"error: output: {failed}", file=sys.stderr)
        return 2
    finally:   # --grey-safe was for its export: a window made later in this process is not
        theme = sys.modules.get("gui.theme")   # (Qt imported only where it was used)
        if theme is not None:
            theme.set_grey_safe(False)


def _main(argv: list[str] | None) -> int:
    standalone = argv is None   # the program itself, not a caller's process (tests)
    argv = sys.argv[1:] if argv is None else argv
    # --help and --code write γ, σ and …: where stdout cannot encode them (Windows' cp1252,
    # redirected to a file) as \u escapes, not a UnicodeEncodeError (a tour)
    if standalone and hasattr(sys.stdout, "reconfigure") and not stdout_is_utf8():
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        args = build_parser().parse_args(argv)
        config, recorded = resolve_config(args.config, args.set)
        stats_out = cli_options.check_output(args.stats, "stats", (".json", ".csv")) \
            if args.stats is not None else None
        export_out = cli_options.check_output(args.export, "export", (".png", ".pdf")) \
            if args.export is not None else None
        if args.lang is not None:   # (zh-CN, zh_cn or zh as a locale names it: a CLI tour)
            if normalize(args.lang) is None:
                raise ConfigError("lang", f"must be one of {', '.join(LANGUAGES)}, "
                                          f"got {args.lang[:40]!r}")
            args.lang = normalize(args.lang)
        stats_view, training_export, compare = check_combinations(
            args, config, stats_out, export_out, LANGUAGES, recorded)
        if args.code is not None:
            from engine.code_export import code

            if args.code not in ("torch", "keras"):
                raise ConfigError("code", f"must be torch or keras, got {args.code[:40]!r}")
            if args.train or args.sweep or stats_out is not None or export_out is not None:
                raise ConfigError("code", "prints code only: it cannot be combined with "
                                          "--stats, --export, --sweep or --train")
            if sys.stdout is None:   # (print would drop the code, status 0)
                raise ConfigError("code", "prints to standard output, which is closed")
            text = code(config, args.code)
            if not stdout_is_utf8():
                # a Python file is read as UTF-8: cp1252 wrote … and ² as bytes Python refuses
                # (an audit); escaped, the comments read \u03b3 and the strings stay the same
                text = text.encode("ascii", "backslashreplace").decode("ascii")
            print(text, end="")
            return 0
        if args.grey_safe:
            from gui import theme

            theme.set_grey_safe(True)
        if standalone and (args.train or stats_out is not None or export_out is not None):
            retain_freed_memory()   # this process computes: numpy's temporaries reuse memory
        if args.train:
            if args.sweep or export_out is not None:
                raise ConfigError("train", "cannot be combined with --sweep or --export")
            from engine.training.terminal import train_command

            return train_command(config, stats_out, note, compare)
        if training_export:
            if stats_out is not None or args.sweep:
                raise ConfigError("stats" if stats_out is not None else "sweep",
                                  "cannot be combined with --view training (--train --stats "
                                  "writes the training's history: the same seed trains the "
                                  "same runs)")
            return export_training(config, compare, export_out, args.scale, args.lang, note,
                                   args.slide)
        sweep_spec = None
        samples_given = args.samples is not None
        args.samples = 64 if args.samples is None else args.samples
        if args.sweep:
            from engine.sweep import check_applies, check_used, parse_sweep, sweep_configs

            if stats_out is None and not (export_out is not None and args.view == "sweep"):
                raise ConfigError("sweep", "needs --stats OUT.csv or OUT.json to write to "
                                           "(or --export with --view sweep: its figure)")
            if not 1 <= args.samples <= 65536:
                raise ConfigError("samples", f"must be between 1 and 65536, got {args.samples}")
            sweep_spec = parse_sweep(args.sweep)
            if sweep_spec[0] == "batch" and samples_given:   # each value is the batch
                raise ConfigError("samples", "does not apply to a sweep of batch: each value "
                                             "is its network's batch")
            check_applies(config, sweep_spec[0])
            if export_out is None or args.view == "sweep":   # (else the figure's network uses them)
                check_used(config, sweep_spec[0], {parse_assignment(text)[0] for text in args.set},
                           args.samples)
            sweep_configs(config.with_values(batch=args.samples), *sweep_spec)  # validate all
            if export_out is not None and args.view == "sweep":
                from engine.sweep_range import check_sweep_figure

                check_sweep_figure(sweep_spec, args.samples)
        if stats_out is not None and stats_view != "network":
            if sweep_spec is not None:
                raise ConfigError("sweep", f"cannot be combined with --view {stats_view}")
            if stats_view == "spectrum":
                from engine.spectrum import check_limits

                check_limits(config)
                if export_out is None:
                    check_cost(config, [], args.force, network=False, spectrum=True)
            if export_out is None and stats_view != "activation":   # (no Monte Carlo)
                write_outputs(config, stats_out, None, None, args.samples, 1.0,
                              layer=args.layer, stats_view=stats_view)
                return 0
        if stats_out is not None or export_out is not None:
            # an export's window runs the network's Monte Carlo too (another tab's skips it
            # only when it would be held: the estimate errs long), the Sweep tab its sweep
            sweeps = [(sweep_spec, args.samples)] if sweep_spec is not None else []
            if export_out is not None and args.view == "spectrum":
                from engine.spectrum import check_limits

                check_limits(config)   # else a PNG of empty axes, and status 0
            if export_out is not None and args.view == "sweep" and sweep_spec is None:
                from engine.sweep import DEFAULT_GAINS, DEFAULT_SAMPLES, sweep_values

                sweeps.append((("gain", sweep_values("gain", *DEFAULT_GAINS)), DEFAULT_SAMPLES))
            # (the Weights tab needs no Monte Carlo, nor do its statistics: only the network's
            # or the Activation tab's beside it do)
            check_cost(config, sweeps, args.force,
                       network=(export_out is not None and args.view != "weights")
                       or (stats_out is not None and not sweeps
                           and stats_view in ("network", "activation")),
                       spectrum="spectrum" in (args.view, stats_view))
            write_outputs(config, stats_out, export_out, sweep_spec, args.samples, args.scale,
                          args.lang, args.view, args.layer, stats_view, args.stretch,
                          args.lecture_sigmas, args.slide, args.lines, args.x_range)
            return 0
    except ConfigError as exc:
        print(f"error: {_shown_key(exc.key)}: {_one_line(exc.reason)}", file=sys.stderr)
        return 2
    except MemoryError as exc:   # past the estimate (--force, a training): a line, not the
        # 46 lines of numpy's traceback (a tour on a 4 GB laptop)
        print(f"error: memory: the run ran out of memory ({_one_line(str(exc)) or 'no room'}); "
              "reduce batch, width or depth", file=sys.stderr)
        return 1
    except KeyboardInterrupt:   # Ctrl+C where no step can be kept: no traceback, no files
        return _interrupted()     # (also for the `initlab` entry point)
    try:
        from gui.app import run_app

        return run_app(config, config_given=bool(args.config or args.set), language=args.lang,
                       recorded=recorded)
    except KeyboardInterrupt:   # while the window starts, before it takes Ctrl+C itself
        return _interrupted()


def _interrupted() -> int:
    print("interrupted", file=sys.stderr)
    return 130


if __name__ == "__main__":
    sys.exit(main())
