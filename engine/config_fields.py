"""What each config key accepts, one key at a time: the names and limits, `Field` and `FIELDS`
(the validation and the command line's help both read them), the widths' text form, and
`ConfigError`, which every refusal raises.

`SimConfig` (engine.config) checks each key with `FIELDS`, then the limits that span several
keys.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from .activations import NAMES
from .shown import (GROUPED_DIGITS, WrittenFloat, closest, grouped, limit_text, only_grouped,
                    read_float, show_value, underflowed, whole_float)

ACTIVATIONS = NAMES   # (the registry's: a name left out of one list had failed deep in a run)
INITS = ("constant", "xavier", "he", "lecun", "zeros")
MODES = ("fan_in", "fan_out", "fan_avg")
DISTRIBUTIONS = ("normal", "uniform", "truncated_normal", "orthogonal")
# Training (engine.training): the task, its data folder (task "mnist") and the optimizer.
TASKS = ("spiral", "circles", "xor", "gaussians", "teacher", "mnist")
OPTIMIZERS = ("sgd", "momentum", "adam")
MAX_LR = 10.0
# a learning rate below this moves no float32 weight (an update ~1e-10 of a weight is below
# float32's resolution, 6e-8): 1e-320 had been taken, and shown as 9.99989e-321 (a breaker)
MIN_LR = 1e-10
MAX_WEIGHT_DECAY = 10.0
MAX_DROPOUT = 0.9
MAX_TRAIN_BATCH = 4096
MAX_STEPS = 1_000_000
MAX_PATH_CHARS = 4096

MAX_DEPTH = 10_000
MAX_WIDTH = 16_384
MAX_BATCH = 65_536
MAX_TRIALS = 64
MAX_SEED = 2**63 - 1
# γ = variance·gain² (or a rule's 1/fan·gain²) stays a normal float64 and √γ a normal float32.
MIN_GAIN, MAX_GAIN = 1e-6, 1e6
MIN_VARIANCE, MAX_VARIANCE = 1e-30, 1e12


class ConfigError(ValueError):
    """An invalid config value: `key` names the field, `reason` says what is wrong.

    `template` and `values` are the reason as facts, ``reason == template.format(**values)``,
    so that the window can word it in its language (gui/config_errors.py); None for reasons
    that only the command line meets.
    """

    def __init__(self, key: str, reason: str, template: str | None = None,
                 values: Mapping[str, Any] | None = None):
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason
        self.template = template
        self.values = dict(values or {})

    def __reduce__(self):   # pickled whole, template included (a worker process reports it)
        return ConfigError, (self.key, self.reason, self.template, self.values)

    @classmethod
    def of(cls, key: str, template: str, **values: Any) -> "ConfigError":
        """The error of `key` whose reason is `template` filled with `values`."""
        return cls(key, template.format(**values), template, values)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def grouped_error(key: str, value, entry: int | None = None) -> ConfigError:
    """The refusal of grouped digits ("10.000", `engine.shown.grouped`) where a whole number
    is meant: each reading it may be named (the point groups thousands or marks decimals)."""
    values = dict(shown=value.text, digits=value.text.replace(".", ""), value=f"{value:g}")
    if entry is None:
        return ConfigError.of(key, "must be a whole number in plain digits: {digits} or "
                                   "{value}, not {shown}", **values)
    # a width's readings, those it can be (a review: "10.500" had offered 10.5, "-1.000" −1)
    fits = _whole_readings(value, 1, MAX_WIDTH)
    if not fits:
        return ConfigError.of(key, "entry {i} must be at least 1, got {shown}", i=entry,
                              shown=value.text) if float(value) < 1 else ConfigError.of(
            key, "entry {i} must be at most {most}, got {shown}", i=entry, most=MAX_WIDTH,
            shown=value.text)
    if len(fits) == 1:
        return ConfigError.of(key, "entry {i} must be a whole number in plain digits: "
                                   "{digits}, not {shown}", i=entry, digits=str(int(fits[0])),
                              shown=value.text)
    return ConfigError.of(key, "entry {i} must be a whole number in plain digits: {digits} "
                               "or {value}, not {shown}", i=entry, **values)


def _whole_readings(value, lo: float, hi: float) -> list[float]:
    """The whole numbers from lo to hi that grouped digits ("10.000") may be read as: their
    points grouping thousands, or a single one a decimal point."""
    return sorted({r for r in (float(value.text.replace(".", "")), float(value))
                   if r.is_integer() and lo <= r <= hi})


def whole_limit(n: int) -> str:
    """A whole field's limit as people write it: the seed's 2^63 − 1 (its 19 digits were cut
    off under the window's controls, a tour)."""
    return "2^63 − 1" if n == MAX_SEED else str(n)


def _int_field(key: str, value: Any, lo: int, hi: int) -> int:
    if isinstance(value, str) and not value.strip():   # as the widths say it (not "got ''")
        raise ConfigError.of(key, "is empty; give a whole number")
    if grouped(value):   # the readings the field takes: the range where none (the Sweep's
        # count 2–201 had been offered "1000 or 1"), the one where one (width 20.000: 20)
        fits = _whole_readings(value, lo, hi)
        if not fits:
            raise ConfigError.of(key, "must be between {lo} and {hi}, got {shown}", lo=lo,
                                 hi=whole_limit(hi), shown=value.text)
        if len(fits) == 1:
            raise ConfigError.of(key, "must be a whole number in plain digits: {digits}, not "
                                      "{shown}", digits=str(int(fits.pop())), shown=value.text)
        raise grouped_error(key, value)
    # a whole float as the limits are written ("1e9"), not as Python writes it (1000000000.0)
    whole = whole_float(value)
    shown = limit_text(value) if whole else show_value(value)
    if not (whole or _is_int(value)):
        raise ConfigError.of(key, "must be a whole number, got {shown}", shown=shown)
    if not lo <= value <= hi:
        raise ConfigError.of(key, "must be between {lo} and {hi}, got {shown}", lo=lo,
                             hi=whole_limit(hi), shown=shown)
    if whole and abs(value) > 2 ** 53:   # its last digits lost (…567.0 read as …568)
        raise ConfigError.of(key, "above 2^53 must be written in digits, without a point or "
                                  "an exponent, got {shown}", shown=repr(value))
    return int(value)


def _text_field(key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError.of(key, "must be text, got {shown}", shown=show_value(value))
    if len(value) > MAX_PATH_CHARS or "\0" in value:
        raise ConfigError.of(key, "must be a folder name of at most {most} characters",
                             most=MAX_PATH_CHARS)
    return value


def _float_field(key: str, value: Any, *, lo: float | None = None, hi: float | None = None,
                 lo_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        if isinstance(value, str) and not value.strip():
            raise ConfigError.of(key, "is empty; give a number")
        if isinstance(value, str) and value.strip().lower().lstrip("+-") in ("nan", "inf",
                                                                              "infinity"):
            # as NaN and Infinity, which JSON reads as numbers (--set gain=NaN), are refused
            raise ConfigError.of(key, "must be a finite number, got {shown}",
                                 shown=show_value(value))
        raise ConfigError.of(key, "must be a number, got {shown}", shown=show_value(value))
    if only_grouped(value):   # (1.000.000: no decimal reading)
        raise ConfigError.of(key, "must be a number in plain digits: {digits}, not {shown}",
                             digits=value.text.replace(".", ""), shown=value.text)
    try:
        number = float(value)
        beyond = isinstance(value, WrittenFloat) and math.isinf(number)
    except OverflowError:
        beyond = True
    if beyond:   # a number written beyond float range (10⁴⁰⁰): beyond every field's bounds
        if hi is not None and value > 0:
            raise ConfigError.of(key, "must be ≤ {hi}, got {shown}", hi=limit_text(hi),
                                 shown=show_value(value)) from None
        if lo is not None and value < 0:
            raise ConfigError.of(key, "must be {op} {lo}, got {shown}",
                                 op=">" if lo_open else "≥", lo=limit_text(lo),
                                 shown=show_value(value)) from None
        raise ConfigError.of(key, "must be a finite number, got {shown}",
                             shown=show_value(value)) from None
    shown = value.text if underflowed(value) else None   # (1e-400 had said "got 0")
    value = number
    if shown is not None and (lo is None or (0.0 > lo if lo_open else 0.0 >= lo)) \
            and (hi is None or hi >= 0.0):
        # 0 is in range, but not what was typed (a GUI tour: α "1e-400" became 0, unsaid)
        raise ConfigError.of(key, "is closer to 0 than the smallest positive float (about "
                                  "5e-324): give 0 for zero, got {shown}", shown=shown)
    if not math.isfinite(value):
        raise ConfigError.of(key, "must be a finite number, got {shown}", shown=str(value))
    if lo is not None and (value <= lo if lo_open else value < lo):
        raise ConfigError.of(key, "must be {op} {lo}, got {shown}", op=">" if lo_open else "≥",
                             lo=limit_text(lo), shown=shown or limit_text(value))
    if hi is not None and value > hi:
        raise ConfigError.of(key, "must be ≤ {hi}, got {shown}", hi=limit_text(hi),
                             shown=limit_text(value))
    return value


def _choice_field(key: str, value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise ConfigError.of(key, "must be one of {choices}, got {shown}",
                             choices=", ".join(choices), shown=show_value(value))
    if value not in choices:
        guess = closest(value, choices)
        if guess is not None:   # (a CLI tour: ReLU, TANH, He, fan_inn listed the choices only)
            raise ConfigError.of(key, "unknown name {shown}; did you mean {guess}? Choose one "
                                      "of {choices}", shown=show_value(value), guess=guess,
                                 choices=", ".join(choices))
        raise ConfigError.of(key, "unknown name {shown}; choose one of {choices}",
                             shown=show_value(value), choices=", ".join(choices))
    return value


@dataclass(frozen=True)
class Field:
    """What one config key accepts: the validation and the command line's help both read it
    (`FIELDS`), so the help says exactly what is checked."""

    kind: str                       # "int", "float", "choice", "text" or "widths"
    help: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    lo_open: bool = False

    def check(self, key: str, value: Any) -> Any:
        """`value` validated (ConfigError naming `key` and the reason if it is not)."""
        if self.kind == "int":
            return _int_field(key, value, int(self.lo), int(self.hi))
        if self.kind == "float":
            return _float_field(key, value, lo=self.lo, hi=self.hi, lo_open=self.lo_open)
        if self.kind == "choice":
            return _choice_field(key, value, self.choices)
        if self.kind == "text":
            return _text_field(key, value)
        return parse_widths(value)


# Every config key, in the order they are checked (the first problem is the one reported).
FIELDS = {
    "depth": Field("int", "number of weight layers L (keeps the widths' ends)", 1, MAX_DEPTH),
    "width": Field("int", "every layer's width (with depth: widths all equal)", 1, MAX_WIDTH),
    "widths": Field("widths", "every layer's width, e.g. \"784, 256x3, 10\""),
    "activation": Field("choice", "σ of every layer", choices=ACTIVATIONS),
    "alpha": Field("float", "linear σ(x) = αx + β: α", -1e6, 1e6),
    "beta": Field("float", "linear σ(x) = αx + β: β", -1e6, 1e6),
    "negative_slope": Field("float", "leaky relu's slope for x < 0", -1e3, 1e3),
    "init": Field("choice", "the rule that sets γ_t, the weights' variance", choices=INITS),
    "variance": Field("float", "γ of init constant", MIN_VARIANCE, MAX_VARIANCE),
    "mode": Field("choice", "the fan of He and LeCun", choices=MODES),
    "distribution": Field("choice", "the weights' distribution", choices=DISTRIBUTIONS),
    "gain": Field("float", "multiplies every weight (γ by gain²)", MIN_GAIN, MAX_GAIN),
    "bias_std": Field("float", "standard deviation of the biases", 0.0, 1e6),
    "batch": Field("int", "random inputs of the Monte Carlo", 1, MAX_BATCH),
    "seed": Field("int", "the random draws", 0, MAX_SEED),
    "trials": Field("int", "independent networks (> 1: median and 10–90 % band)", 1,
                    MAX_TRIALS),
    "task": Field("choice", "training: the data", choices=TASKS),
    "data_dir": Field("text", "training: the folder of the MNIST / Fashion-MNIST IDX files"),
    "optimizer": Field("choice", "training: the optimizer", choices=OPTIMIZERS),
    "lr": Field("float", "training: learning rate", MIN_LR, MAX_LR),
    "train_batch": Field("int", "training: examples per step", 1, MAX_TRAIN_BATCH),
    "steps": Field("int", "training: steps", 1, MAX_STEPS),
    "weight_decay": Field("float", "training: L2 weight decay", 0.0, MAX_WEIGHT_DECAY),
    "dropout": Field("float", "training: the share of each hidden layer's units zeroed at "
                              "each step (inverted dropout)", 0.0, MAX_DROPOUT),
    "log_every": Field("int", "training: steps between recorded rows", 1, MAX_STEPS),
}
SCALAR_KEYS = tuple(k for k in FIELDS if k not in ("depth", "width", "widths"))

# Keys that matter only in some settings: key → (predicate on a config, the setting it needs,
# the key that decides); the controls grey them otherwise, a sweep or --set of them is refused.
APPLIES_ONLY = {
    "alpha": (lambda c: c.activation == "linear", "activation linear", "activation"),
    "beta": (lambda c: c.activation == "linear", "activation linear", "activation"),
    "negative_slope": (lambda c: c.activation == "leaky_relu", "activation leaky_relu",
                       "activation"),
    "variance": (lambda c: c.init == "constant", "init constant", "init"),
    "mode": (lambda c: c.init in ("he", "lecun"), "init he or lecun", "init"),
    "gain": (lambda c: c.init != "zeros", "an init other than zeros", "init"),
}


# ASCII digits only (\d would accept Arabic-Indic digits); at most 9 of them, once
# `half_width` has read the full-width ones. (A sign is read, so that "-5" is refused as below
# 1, like 0, not as unreadable.)
_WIDTH_ITEM = re.compile(r"^\s*([-−]?[0-9]{1,9})\s*(?:[x×*]\s*([0-9]{1,9})\s*)?$")
# What a Chinese or Japanese input method types for a number: full-width digits, point (and
# "。", typed in Chinese punctuation), signs and e (a student's "784，256，10" and a tour's "1。5"
# were refused). Character for character (not NFKC, which reads 256² as 2562); other scripts'
# digits stay refused, as Python's int() would take them.
_HALF_WIDTH = {**{chr(0xFF10 + d): str(d) for d in range(10)},
               "．": ".", "。": ".", "－": "-", "＋": "+", "ｅ": "e", "Ｅ": "E"}
_NUMBER_CHARACTERS = str.maketrans(_HALF_WIDTH)
# and for a list of widths: its commas, the ideographic comma 、, semicolons, x (X) and *
_WIDTH_CHARACTERS = str.maketrans({**_HALF_WIDTH, "，": ",", "、": ",", "；": ";",
                                   "ｘ": "x", "Ｘ": "x", "X": "x", "＊": "*"})


def half_width(text: str) -> str:
    """`text` with the full-width digits, point, signs and e an input method types in ASCII."""
    return text.translate(_NUMBER_CHARACTERS)


def _one_group(text: str):
    """`text` as `read_float` reads digits grouped by one point ("10.000"), else None."""
    return read_float(text) if GROUPED_DIGITS.fullmatch(text) and text.count(".") == 1 else None


def parse_widths(value: Any, key: str = "widths") -> tuple[int, ...]:
    """Widths n_0 … n_L from a list of integers or text like ``"784, 256x3, 10"``.

    ``256x3`` repeats 256 three times. At least two widths (input and one layer) are needed.
    """
    typed_error = None
    if isinstance(value, str):
        items: list[int] = []
        split = re.split(r"[,;]", value.translate(_WIDTH_CHARACTERS))
        parts = [p for p in split if p.strip()]
        if not parts:
            raise ConfigError.of(key, "is empty; give widths like '784, 256x3, 10'")
        # an empty entry between two others is a slip ("784,,10" read as 784, 10: depth 1);
        # one at either end is not (a trailing comma while typing)
        filled = [bool(p.strip()) for p in split]
        first, last = filled.index(True), len(filled) - filled[::-1].index(True) - 1
        if not all(filled[first:last + 1]):
            raise ConfigError.of(key, "has an empty entry after entry {i}; give widths like "
                                      "'784, 256x3, 10'",
                                 i=sum(filled[:filled.index(False, first)]))
        for number, part in enumerate(parts, start=1):
            match = _WIDTH_ITEM.match(part)
            if not match and (group := _one_group(part.strip())) is not None:   # "10.000":
                raise grouped_error(key, group, number)   # its readings, as the depth's
            if not match:
                raise ConfigError.of(key, "cannot read {shown}; write widths like '784, 256x3, 10' "
                                     "(whole numbers of at most 9 digits)",
                                     shown=show_value(part.strip()))
            width = int(match.group(1).replace("−", "-"))
            # a width refused is named as typed, not by its place once "256x40" is expanded
            # (raised below, after the refusals of the whole list)
            shown = width if match.group(2) is None else show_value(part.strip())
            if typed_error is None and width < 1:
                typed_error = ConfigError.of(key, "entry {i} must be at least 1, got {shown}",
                                             i=number, shown=shown)
            elif typed_error is None and width > MAX_WIDTH:
                typed_error = ConfigError.of(key, "entry {i} must be at most {most}, got {shown}",
                                             i=number, most=MAX_WIDTH, shown=shown)
            count = int(match.group(2)) if match.group(2) else 1
            if count < 1:
                raise ConfigError.of(key, "repeat count in {shown} must be at least 1",
                                     shown=show_value(part.strip()))
            if count > MAX_DEPTH + 1 or len(items) + count > MAX_DEPTH + 1:
                raise _too_many_widths(key)
            items.extend([width] * count)
        value = items
    if _is_int(value) or whole_float(value):   # one width (--set widths=784): as "784"
        value = [int(value)]
    if not isinstance(value, (list, tuple)):
        raise ConfigError.of(key, "must be a list of whole numbers or text like '784, 256x3, "
                                  "10', got {shown}", shown=show_value(value))
    if len(value) < 2:
        raise ConfigError.of(key, "needs at least two widths: the input n_0 and one layer n_1")
    if len(value) > MAX_DEPTH + 1:
        raise _too_many_widths(key)
    if typed_error is not None:
        raise typed_error
    widths = []
    for i, item in enumerate(value):
        if grouped(item):   # (a JSON list's 1.000, as a width's)
            raise grouped_error(key, item, i + 1)
        if whole_float(item):
            item = int(item)
        if not _is_int(item):
            raise ConfigError.of(key, "entry {i} must be a whole number, got {shown}", i=i + 1,
                                 shown=show_value(item))
        if item < 1:
            raise ConfigError.of(key, "entry {i} must be at least 1, got {shown}", i=i + 1,
                                 shown=item)
        if item > MAX_WIDTH:
            raise ConfigError.of(key, "entry {i} must be at most {most}, got {shown}", i=i + 1,
                                 most=MAX_WIDTH, shown=item)
        widths.append(item)
    return tuple(widths)


def _too_many_widths(key: str) -> ConfigError:
    """The refusal of more widths than the deepest network has."""
    return ConfigError.of(key, "at most {count} widths (depth {depth})", count=MAX_DEPTH + 1,
                          depth=MAX_DEPTH)


def width_runs(widths) -> list[tuple[int, int]]:
    """The widths as runs of equal values, (width, count) in order."""
    runs: list[tuple[int, int]] = []
    for width in widths:
        if runs and runs[-1][0] == width:
            runs[-1] = (width, runs[-1][1] + 1)
        else:
            runs.append((width, 1))
    return runs


def format_widths(widths: tuple[int, ...]) -> str:
    """Inverse of `parse_widths` for text fields: runs of equal widths become ``256x3``."""
    return ", ".join(f"{w}x{n}" if n > 1 else str(w) for w, n in width_runs(widths))
