"""SimConfig: the immutable, validated description of one simulated network.

Every key of the JSON config format (README, "Without a window") is a field here; `from_dict`
validates untrusted input and raises `ConfigError(key, reason)` for anything it cannot accept.
Widths may be given as a list of integers or as text such as ``"784, 256x3, 10"``. What each
key accepts is in engine.config_fields; reading config files and ``KEY=VALUE`` text is in
engine.config_files.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from .config_fields import FIELDS, SCALAR_KEYS, ConfigError, format_widths, parse_widths
from .shown import SHOWN_CHARS, closest, json_kind, show_value

# Beyond these a run would need more memory or time than a desktop has: one layer's activations
# (width × batch), the per-unit heatmaps ((L+1) × max width), the weights drawn (Σ n_{t-1} n_t).
MAX_UNITS_X_BATCH = 2**28
MAX_LAYERS_X_UNITS = 2**25
MAX_WEIGHTS = 2**33

DEFAULT_DEPTH = 50
DEFAULT_WIDTH = 256


@dataclass(frozen=True)
class SimConfig:
    """One network and how it is initialized; immutable and valid by construction.

    Edit with `dataclasses.replace` (or `SimConfig.with_values`), which re-validates.
    """

    widths: tuple[int, ...] = (DEFAULT_WIDTH,) * (DEFAULT_DEPTH + 1)
    activation: str = "tanh"
    alpha: float = 1.0
    beta: float = 0.0
    negative_slope: float = 0.01
    init: str = "xavier"
    variance: float = 0.01
    mode: str = "fan_in"
    distribution: str = "normal"
    gain: float = 1.0
    bias_std: float = 0.0
    batch: int = 512
    seed: int = 0
    trials: int = 1
    task: str = "spiral"
    data_dir: str = ""
    optimizer: str = "adam"
    lr: float = 0.01
    train_batch: int = 64
    steps: int = 2000
    weight_decay: float = 0.0
    dropout: float = 0.0
    log_every: int = 10

    def __post_init__(self) -> None:
        widths = parse_widths(self.widths)
        object.__setattr__(self, "widths", widths)
        for key in SCALAR_KEYS:   # the training keys too (the data folder is read only when
            object.__setattr__(self, key, FIELDS[key].check(key, getattr(self, key)))  # training)
        if max(widths) * self.batch > MAX_UNITS_X_BATCH:
            raise ConfigError.of("batch", "width × batch must be at most {most} (got {width} × {batch})",
                        most=f"{MAX_UNITS_X_BATCH:,}", width=max(widths), batch=self.batch)
        if len(widths) * max(widths) > MAX_LAYERS_X_UNITS:
            raise ConfigError.of("widths", "(depth + 1) × largest width must be at most {most} "
                                  "(got {layers} × {width})", most=f"{MAX_LAYERS_X_UNITS:,}",
                        layers=len(widths), width=max(widths))
        weights = sum(a * b for a, b in zip(widths, widths[1:]))
        if weights > MAX_WEIGHTS:
            raise ConfigError.of("widths", "at most {most} weights in all (got {weights})",
                        most=f"{MAX_WEIGHTS:,}", weights=f"{weights:,}")

    # -- derived -------------------------------------------------------------------------
    @property
    def depth(self) -> int:
        """Number of weight layers L."""
        return len(self.widths) - 1

    @property
    def width(self) -> int:
        """Width of the first hidden layer (the `width` shorthand when widths are uniform)."""
        return self.widths[1]

    @property
    def uniform_widths(self) -> bool:
        return len(set(self.widths)) == 1

    # -- conversion ----------------------------------------------------------------------
    @classmethod
    def from_dict(cls, data: Mapping[str, Any], base: "SimConfig | None" = None) -> "SimConfig":
        """Validate a JSON-like mapping. Missing keys come from `base` (default: the defaults).

        Beside ``widths``, ``depth``/``width`` may only repeat what the widths say; either of
        them alone changes only that dimension of the base's widths.
        """
        if not isinstance(data, Mapping):
            raise ConfigError.of("config", "must be a JSON object, got {kind}",
                                 kind=json_kind(data))
        base = base or cls()
        for key in data:
            if not isinstance(key, str) or key not in KEYS:
                shown = (key[:SHOWN_CHARS] or '""') if isinstance(key, str) else show_value(key)
                guess = closest(key, KEYS) if isinstance(key, str) else None
                if guess is not None:   # (a CLI tour: dept, Depth listed the keys only)
                    raise ConfigError.of(shown, "unknown key; did you mean {guess}? The keys "
                                                "are {keys}", guess=guess, keys=", ".join(KEYS))
                raise ConfigError.of(shown, "unknown key; the keys are {keys}",
                                     keys=", ".join(KEYS))
        values = {k: v for k, v in data.items() if k not in ("depth", "width")}
        if "widths" not in data and ("depth" in data or "width" in data):
            depth = FIELDS["depth"].check("depth", data.get("depth", base.depth))
            if "width" in data:
                width = FIELDS["width"].check("width", data["width"])
                values["widths"] = (width,) * (depth + 1)
            elif base.uniform_widths:
                values["widths"] = (base.widths[0],) * (depth + 1)
            else:
                # Keep the input and output widths and the hidden layers there are: a deeper
                # network repeats the last hidden width, a shallower one drops the last layers
                # (a tour: a pyramid 784, 512, 256, 128, 10 at depth 5 became 784, 512x4, 10)
                hidden = base.widths[1:-1] or (base.widths[-1],)
                hidden = (hidden + (hidden[-1],) * depth)[:depth - 1]
                values["widths"] = (base.widths[0], *hidden, base.widths[-1])
        elif "widths" in data:
            widths = values["widths"] = parse_widths(data["widths"])
            # beside the widths, depth and width may only repeat them (a file's depth 5 with
            # three widths had been dropped without a word)
            if "depth" in data:
                depth = FIELDS["depth"].check("depth", data["depth"])
                if depth != len(widths) - 1:
                    raise ConfigError.of("depth", "{depth} disagrees with the widths, which give "
                                                  "depth {widths_depth}: give one or the other",
                                         depth=depth, widths_depth=len(widths) - 1)
            if "width" in data:
                width = FIELDS["width"].check("width", data["width"])
                if set(widths) != {width}:
                    raise ConfigError.of("width", "{width} disagrees with the widths {widths}: "
                                                  "give one or the other",
                                         width=width, widths=format_widths(widths))
        try:
            return base.with_values(**values)
        except ConfigError as exc:   # a limit of two fields, said of the one given
            given = _given_key(exc.key, data)
            if given == exc.key:
                raise
            raise ConfigError(given, exc.reason, exc.template, exc.values) from None

    def with_values(self, **changes: Any) -> "SimConfig":
        """A copy with some fields changed, re-validated."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The resolved config as JSON-ready data (widths expanded)."""
        out = dataclasses.asdict(self)
        out["widths"] = list(self.widths)
        return out


KEYS = ("depth", "width") + tuple(f.name for f in dataclasses.fields(SimConfig))


def _given_key(key: str, data: Mapping[str, Any]) -> str:
    """The key of `data` an error of `key` is said of: the widths made from a depth or width
    given (`--set width=16384` had been refused as "widths: …"), the batch beside widths given
    (width × batch); else `key`."""
    if key in data:
        return key
    if key == "widths":
        return next((k for k in ("width", "depth") if k in data), key)
    if key == "batch":
        return next((k for k in ("widths", "width") if k in data), key)
    return key
