"""The gains the Sweep tab can draw, for the window's fields and the command line alike: how
many (`COUNT_RANGE`), how far apart its ends are at least (`MIN_RATIO`), what it shows
(`SHOWN`); a --sweep drawn as the tab (`check_sweep_figure`), and the fields' state as the
settings store and a figure of the tab record it (`state`, read back by `usable_state`).
"""

from __future__ import annotations

from .config_fields import MAX_GAIN, MIN_GAIN, ConfigError
from .shown import limit_text
from .sweep import DEFAULT_SAMPLES

COUNT_RANGE = (2, 201)
MIN_RATIO = 1.05
# maps of the Monte Carlo, of the theory only, or the line view (the tab's words: gui)
SHOWN = ("mc", "theory", "lines")


def check_sweep_figure(sweep_spec: tuple, samples: int) -> None:
    """`--sweep` beside `--export --view sweep` draws the Sweep tab of that sweep (its numbers
    and its figure agree: a researcher's tour had the tab's first range drawn beside them),
    so it must be one the tab can draw (`drawable`), of the gain, 64 inputs a value."""
    key, values = sweep_spec
    if key != "gain":
        raise ConfigError("sweep", f"the Sweep tab sweeps the gain: a sweep of {key} is "
                                   f"written by --stats alone, without --export --view sweep")
    if samples != DEFAULT_SAMPLES:
        raise ConfigError("samples", f"the Sweep tab draws {DEFAULT_SAMPLES} inputs a gain: "
                                     f"--samples {samples} is written by --stats alone")
    low, high = float(values[0]), float(values[-1])
    if not drawable(low, high, len(values)):
        fewest, most = COUNT_RANGE
        raise ConfigError("sweep", f"the Sweep tab draws {fewest} to {most} gains from "
                                   f"{limit_text(MIN_GAIN)} to {limit_text(MAX_GAIN)}, the "
                                   f"last at least "
                                   f"{100 * (MIN_RATIO - 1):.0f} % above the first, got "
                                   f"{low:g} to {high:g}, {len(values)} values")


def drawable(low: float, high: float, count: int) -> bool:
    """Whether the fields can show `count` gains from `low` to `high`: each box bounds the
    other, `high` at least MIN_RATIO × `low` (to a part in 10¹²: "to" stepped down to its
    least is `low` × MIN_RATIO, rounded)."""
    return (COUNT_RANGE[0] <= count <= COUNT_RANGE[1] and MIN_GAIN <= low
            and low * MIN_RATIO <= high * (1 + 1e-12) and high <= MAX_GAIN)


def state(low: float, high: float, count: int, show: str) -> dict:
    """The Sweep tab's gains and view as its fields keep them, the settings store holds them
    and a figure of the tab records them (`usable_state` reads them back)."""
    return {"from": low, "to": high, "values": count, "show": show}


def usable_state(data) -> dict | None:
    """`data` as the Sweep tab's fields keep their state ({"from", "to", "values", "show"}: the
    settings store, a figure of the tab, `engine.config_files.file_settings`), or None where
    it is not one they can show (written by hand, or by another version)."""
    if not isinstance(data, dict) or set(data) != {"from", "to", "values", "show"}:
        return None
    low, high, count, show = data["from"], data["to"], data["values"], data["show"]
    if not (type(low) in (int, float) and type(high) in (int, float) and type(count) is int
            and isinstance(show, str) and show in SHOWN):
        return None
    try:   # (a whole number of 400 digits is beyond float)
        return dict(data) if drawable(float(low), float(high), count) else None
    except OverflowError:
        return None
