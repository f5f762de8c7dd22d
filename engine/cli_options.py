"""The command line's options and their help (`build_parser`, with each config key's from
`FIELDS`: `keys_help`), the words they accept, the output files they name (`check_output`),
and the config they give (`resolve_config`): what `python main.py --help` prints, parsed
without importing Qt. `cli_checks` checks how they combine.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from .config import SimConfig
from .config_fields import (APPLIES_ONLY, FIELDS, MAX_PATH_CHARS, MAX_SEED, MAX_WIDTH,
                            ConfigError, Field, whole_limit)
from .shown import closest, quoted_path, short_exponent
from .config_files import file_settings, parse_assignment
from .output_files import check_writable

# What the statistics are of (a practitioner's tour: found only in engine/draws.py)
MEASURED = ("the Monte Carlo: `batch` inputs x with i.i.d. N(0, 1) entries (h^0 = x), the\n"
            "backward pass from dl/dh^L = g, i.i.d. N(0, 1) (l = sum of g * h^L); per layer t\n"
            "the variance of h^t (after sigma) and of dl/dh^t, pooled over the batch and the\n"
            "units (ddof 0); trials > 1 draw their own weights, on the same x and g.")

# The tabs --export can render (the Training tab trains first).
VIEWS = ("network", "sweep", "phase", "spectrum", "activation", "training", "weights")
# --stats alone writes the numbers behind these tabs (a sweep's: --sweep)
STATS_VIEWS = ("network", "phase", "spectrum", "weights", "activation")


class OptionParser(argparse.ArgumentParser):
    """argparse's parser whose errors are a ConfigError("arguments", …): one line, exit
    status 2, like every other bad input."""

    def error(self, message: str) -> None:  # argparse override
        # an option's own problem names the option, as every other error line names its key
        # ("error: scale: invalid float value: 'abc'", not "error: arguments: argument …")
        named = re.match(r"argument --([\w-]+): (.*)", message, re.DOTALL)
        if named:
            raise ConfigError(named.group(1), named.group(2))
        raise ConfigError("arguments", message)


class Once(argparse.Action):
    """An option given at most once: a second one had silently replaced the first (a tour:
    two --stats, two --export)."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest, None) is not None:
            parser.error(f"argument {option_string}: is given twice (give it once)")
        setattr(namespace, self.dest, values)


def keys_help(width: int = 79) -> str:
    """Every config key, what it means and what it accepts (`FIELDS`, which the validation
    reads too: the help says exactly what is checked)."""
    import textwrap

    column = max(len(k) for k in FIELDS) + 4
    lines = []
    for key, field in FIELDS.items():
        lines += textwrap.wrap(f"{field.help}; {_accepts(field)}", width,
                               initial_indent=f"  {key:<{column - 2}}",
                               subsequent_indent=" " * column)
    return "\n".join(lines)


def _accepts(field: Field) -> str:
    """What values of `field` are valid, in words: a range, the choices, or the form."""
    if field.kind == "int":
        return f"whole number {_plain(field.lo)} … {_plain(field.hi)}"
    if field.kind == "float":
        return f"number {'>' if field.lo_open else '≥'} {_plain(field.lo)}, ≤ {_plain(field.hi)}"
    if field.kind == "choice":
        return "one of " + ", ".join(field.choices)
    if field.kind == "text":
        return f"text of at most {MAX_PATH_CHARS} characters"
    return f"n_0, …, n_L, each 1 … {MAX_WIDTH}; NxK is N repeated K times"


def _plain(value: float) -> str:
    """1000, 65536, 1e6, 1e-30, 2^63 − 1: a limit as a person writes it."""
    if value == MAX_SEED:
        return whole_limit(MAX_SEED)
    if float(value).is_integer() and abs(value) < 1e5:
        return str(int(value))
    if 1e-3 <= abs(value) < 1:   # 0.9, not 9e-1
        return f"{value:g}"
    return short_exponent(f"{value:.0e}")


def build_parser(description: str, languages: tuple[str, ...]) -> argparse.ArgumentParser:
    """The parser of main.py's options (`languages`: those of --lang, the window's)."""
    parser = OptionParser(prog="initlab", description=description,
                          formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog=MEASURED + "\n\nconfig keys (for --set KEY=VALUE and "
                                 "config files):\n" + keys_help())
    parser.add_argument("--config", action=Once, metavar="FILE",
                        help="a config JSON file to start from")
    parser.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                        help="override one config key (repeatable), e.g. --set gain=2")
    parser.add_argument("--stats", action=Once, metavar="OUT",
                        help="write statistics to OUT.json or OUT.csv")
    parser.add_argument("--sweep", metavar="KEY=START:STOP:N", action="append",
                        help="with --stats: one row per (value, layer) for N values of KEY "
                             "(log-spaced for gain, variance, width and batch), e.g. --sweep "
                             "gain=0.25:4:41")
    parser.add_argument("--samples", action=Once, type=int, default=None,
                        help="with --sweep: inputs per value (default 64)")
    parser.add_argument("--export", action=Once, metavar="OUT.png",
                        help="render the dashboard to a PNG, or to OUT.pdf (vector)")
    parser.add_argument("--view", action=Once, metavar="TAB",
                        help=f"with --export: the tab to render, one of {', '.join(VIEWS)} "
                             "(default network, the dashboard); with --stats: network, "
                             "phase, spectrum, weights or activation, the numbers behind that "
                             "tab (as File > Export statistics writes them), also beside "
                             "--export of that tab")
    parser.add_argument("--train", action="store_true",
                        help="train the network on the config's task (keys task, optimizer, lr, "
                             "train_batch, steps, ...); with --stats: one row per (run, logged "
                             "step, layer). Ctrl+C stops and writes what was done so far")
    parser.add_argument("--layer", action=Once, metavar="T", type=int,
                        help="with --view activation: the layer t whose pre-activations are "
                             "shown or written, 1 … depth (default the last); with --view "
                             "weights: the layer whose weights W^t are shown or written (default "
                             "the first)")
    parser.add_argument("--compare", action=Once, metavar="RUNS",
                        help="with --train or --view training: train this network (single, "
                             "the default) or, instead, the lecture's four inits of it (inits: "
                             "zeros; Xavier at gain 0.1, 10 and 1 for γ too small, too large "
                             "and right)")
    parser.add_argument("--scale", action=Once, type=float,
                        help="with --export of a PNG: its pixel scale (1, 2 or 4)")
    parser.add_argument("--grey-safe", action="store_true",
                        help="with --export: draw the variance maps in the grey-safe colour "
                             "scale, dark blue (vanishing) to light yellow (exploding), for "
                             "print (as View > Grey-safe colour scale)")
    parser.add_argument("--stretch", action="store_true",
                        help="with --export of the network tab: stretch each layer to the "
                             "heatmaps' height, unit i of layer t at i / n_t, so that narrow "
                             "layers beside wide ones are seen (as View > Stretch each layer "
                             "to the heatmap's height)")
    parser.add_argument("--lines", action="store_true",
                        help="with --export --view sweep: draw the line view (the output's "
                             "signal and the input's gradient against the gain, Monte Carlo "
                             "beside theory) instead of the maps (as the tab's 'show' box)")
    parser.add_argument("--slide", action="store_true",
                        help="with --export: lay the tab out at 16:9 for a slide, a PNG of "
                             "1920 x 1080 pixels or a PDF page of 960 x 540 pt (instead of "
                             "the window's size; as File > Export's slide types)")
    parser.add_argument("--lecture-sigmas", action="store_true",
                        help="with --export or --stats of the activation tab: draw (or write) "
                             "the lecture's sigmoid, 4*sigmoid(x) - 2 and tanh beside the "
                             "config's activation, in place of its Taylor polynomials (as the "
                             "tab's Compare box)")
    parser.add_argument("--x-range", action=Once, metavar="W", type=float,
                        help="with --export or --stats of the activation tab: x over -W ... W, "
                             "one of 2, 4 or 8 (as the tab's range box), instead of the layer's "
                             "own range, 4 standard deviations of its pre-activations")
    parser.add_argument("--code", action=Once, metavar="LIBRARY",
                        help="print Python code that builds the network with the initializers "
                             "of LIBRARY (torch or keras), its variances equal to InitLab's")
    parser.add_argument("--force", action="store_true",
                        help="with --stats or --export: run even when the run's estimated memory "
                             "exceeds what the machine has available (without it such a run is "
                             "refused)")
    parser.add_argument("--lang", action=Once, metavar="LANG",
                        help=f"the window's language: {' or '.join(languages)} (default: the "
                             "one chosen last time, else the system's); also the language of "
                             "--export. Messages here and CSV/JSON keys stay English")
    return parser


def check_output(path: str, key: str, suffixes: tuple[str, ...]) -> Path:
    """The output file `path` of option `key`, checked before any run: a name ending in one
    of `suffixes`, in a folder that exists, not a folder itself (ConfigError naming `key`)."""
    if not path.strip():   # ("" had read as no option: the window opened)
        raise ConfigError(key, f"give a file name ending in {' or '.join(suffixes)}")
    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise ConfigError(key, f"file name must end in {' or '.join(suffixes)}, got {out.name!r}")
    try:
        if not out.parent.exists() and str(out.parent) not in ("", "."):
            raise ConfigError.of(key, "folder {folder} does not exist",
                                 folder=quoted_path(out.parent))
        if out.is_dir():
            raise ConfigError(key, f"{quoted_path(out)} is a folder")
        out.exists()   # a name the system refuses (too long, say) fails here, not after the run
    except OSError as exc:
        raise ConfigError(key, f"cannot write {quoted_path(out)}: {exc.strerror or exc}") from None
    # a folder or file that refuses it, found now, not after minutes of computing (an audit)
    check_writable(out, key)
    return out


def resolve_config(config_path: str | None, assignments: list[str]
                   ) -> tuple[SimConfig, dict]:
    """The config from an optional file plus KEY=VALUE overrides, validated, and what the
    file records beside it (`file_settings`: the Training tab's comparison, the Sweep tab's
    gains; {} without one)."""
    config, recorded = SimConfig(), {}
    if config_path is not None:
        if not config_path.strip():   # ("" had run the defaults, unsaid: a CLI tour)
            raise ConfigError("config", "give a file name: a config file, JSON statistics or "
                                        "an exported PNG or PDF")
        config, recorded = file_settings(config_path)
    overrides: dict = {}
    for text in assignments:
        key, value = parse_assignment(text)
        if key in overrides:   # as every other option and a key twice in a file (a CLI tour)
            raise ConfigError(key, "is given twice by --set (give it once)")
        overrides[key] = value
    if overrides:
        config = SimConfig.from_dict(overrides, base=config)
    for key in overrides:   # (a practitioner's tour: --set variance=0.5 under Xavier ran, unsaid)
        if key in APPLIES_ONLY and not APPLIES_ONLY[key][0](config):
            _, needs, decides = APPLIES_ONLY[key]
            raise ConfigError(key, f"applies only with {needs} (the config has {decides} "
                                   f"{getattr(config, decides)}): --set {key} would change "
                                   f"nothing")
    return config, recorded


def guessed(typed: str, names) -> str:
    """ " (did you mean phase?)" for a mistyped name of `names`, else "" (`closest`)."""
    guess = closest(typed, names)
    return f" (did you mean {guess}?)" if guess is not None else ""
