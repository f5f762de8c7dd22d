"""Sweeps: one config, one key varied over many values, statistics per (value, layer).

For gain, variance and bias_std only scalars differ between the values, so every value shares
the same standardized draws: the values are the G blocks of the one Monte Carlo pass
(`engine.passes`), in groups of ~STACK_ROWS rows. Other keys run one pass per value, reusing
the draw cache. The theory of every value comes from `mean_fields`, computed together.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .config_fields import APPLIES_ONLY, ConfigError
from .config_files import plain_number
from .shown import grouped, only_grouped, whole_float
from .draws import DrawCache, Draws
from .initializers import layer_variances
from .layer_step import LayerStep
from .passes import PassStats, run_pass, work_units
from .progress import Progress
from .result import MonteCarlo, SimResult, fill_beyond_stops, json_number
from .theory import mean_fields

STACKED_KEYS = ("gain", "variance", "bias_std")
NUMERIC_KEYS = ("gain", "variance", "bias_std", "alpha", "beta", "negative_slope", "depth",
                "width", "batch")
# a factor per step: a gain or variance multiplies each layer's variance, and a finite width's
# or batch's fluctuations go as 1/n (a linear width=16:1024:7 spent six of seven on n ≥ 184)
LOG_SPACED_KEYS = ("gain", "variance", "width", "batch")
WHOLE_KEYS = ("depth", "width", "batch")
DEFAULT_SAMPLES = 64
# said after a whole-number key whose values repeat (a value of the error, worded by the window)
WHOLE_NUMBERS = " (whole numbers)"
DEFAULT_GAINS = (0.25, 4.0, 41)   # the Sweep tab's first range: START, STOP, N
# Rows of one group of stacked values: a 2624-row batch is memory-bound in its elementwise
# passes, 512-row groups lose ~5 % in matmul efficiency and per-layer overhead (measured,
# 41 × 64 rows: 3 groups beat 5, 6 and 2).
STACK_ROWS = 896


def sweep_values(key: str, start: float, stop: float, count: int) -> np.ndarray:
    """`count` values from start to stop: log-spaced for gain, variance, width and batch,
    linear otherwise (rounded to whole numbers for integer keys, to 12 significant digits for
    the others: a sweep's gain 2, not 1.9999999999999998, which broke grouping rows by
    value)."""
    if key not in NUMERIC_KEYS:
        raise ConfigError.of("sweep", "cannot sweep {shown}; choose one of {keys}",
                             shown=repr(key), keys=", ".join(NUMERIC_KEYS))
    if not 1 <= count <= 1000:
        raise ConfigError.of("sweep", "N must be between 1 and 1000, got {count}", count=count)
    for name, value in (("START", start), ("STOP", stop)):
        if not math.isfinite(value):
            raise ConfigError.of("sweep", "{name} must be a finite number, got {value}",
                                 name=name, value=str(value))
    if count == 1 and start != stop:   # it would sweep START alone, STOP unsaid
        raise ConfigError.of("sweep", "N = 1 gives START alone; give N ≥ 2 to reach STOP, or "
                                      "START = STOP (got {start}:{stop}:1)",
                             start=f"{start:g}", stop=f"{stop:g}")
    if key in LOG_SPACED_KEYS and (start <= 0 or stop <= 0):
        raise ConfigError.of("sweep", "{setting} is log-spaced: START and STOP must be > 0",
                             setting=key)
    values = _spaced(key, start, stop, count)
    if not _distinct(values, key, start, stop):   # rows that repeat (depth=1:2:5: 1, 1, 2, …)
        most = next((n for n in range(count - 1, 1, -1)
                     if _distinct(_spaced(key, start, stop, n), key, start, stop)), None)
        lo, hi = (repr(v).removesuffix(".0") for v in (start, stop))   # as typed
        facts = dict(count=count, setting=key, lo=lo, hi=hi,
                     whole=WHOLE_NUMBERS if key in WHOLE_KEYS else "")
        if most is not None:
            raise ConfigError.of("sweep", "{count} values of {setting}{whole} from {lo} to {hi} "
                                          "repeat; give N ≤ {most}", most=most, **facts)
        if start == stop:
            raise ConfigError.of("sweep", "{count} values of {setting}{whole} from {lo} to {hi} "
                                          "repeat; give N = 1", **facts)
        raise ConfigError.of("sweep", "{count} values of {setting}{whole} from {lo} to {hi} "
                                      "repeat; only one value lies between {lo} and {hi}: "
                                      "give START = STOP and N = 1", **facts)
    return values


def _spaced(key: str, start: float, stop: float, count: int) -> np.ndarray:
    """`sweep_values`' values, rounded; a log-spaced whole number steps by at least 1, so
    that the low end does not repeat (batch=1:1000:50: 1, 2, 3, …, then ×1.15 a step)."""
    if key not in LOG_SPACED_KEYS:
        return _rounded(key, np.linspace(start, stop, count))
    values = _rounded(key, np.geomspace(start, stop, count))
    if key in WHOLE_KEYS and count > 1:
        rising = values if start <= stop else values[::-1]   # (a view: set in place)
        for i in range(1, count):
            rising[i] = max(rising[i], rising[i - 1] + 1)
        for i in range(count - 2, -1, -1):   # back under STOP where the steps pushed past
            rising[i] = min(rising[i], rising[i + 1] - 1)
    return values


def _distinct(values: np.ndarray, key: str, start: float, stop: float) -> bool:
    """No value repeats, and each lies between START and STOP rounded."""
    ends = _rounded(key, np.array([min(start, stop), max(start, stop)]))
    return np.unique(values).size == values.size and bool(
        (values >= ends[0]).all() and (values <= ends[1]).all())


def _rounded(key: str, values: np.ndarray) -> np.ndarray:
    """Whole numbers for integer keys, 12 significant digits for the others."""
    if key in WHOLE_KEYS:
        return np.round(values)
    return np.array([float(f"{v:.12g}") for v in values])


def parse_sweep(text: str) -> tuple[str, np.ndarray]:
    """``KEY=START:STOP:N`` → (key, values)."""
    if "=" not in text:
        raise ConfigError("sweep", "expected KEY=START:STOP:N, e.g. gain=0.25:4:41")
    key, spec = (part.strip() for part in text.split("=", 1))
    parts = spec.replace("：", ":").split(":")   # (and the colon an input method types)
    if len(parts) != 3:
        raise ConfigError("sweep", f"expected START:STOP:N after '{key}=', got {spec!r}")
    # numbers as --set reads them: Python's float() took "1_0" and "١" (a CLI tour)
    start, stop, count = (plain_number(part) for part in parts)
    if start is None or stop is None or not isinstance(count, int):
        raise ConfigError("sweep", f"START and STOP must be numbers and N a whole number, "
                                   f"in ASCII or full-width digits (e.g. 0.25:4:41), got {spec!r}")
    for v in (start, stop):
        if only_grouped(v):   # (1.000.000: no decimal reading)
            raise ConfigError("sweep", f"write START and STOP in plain digits "
                                       f"({v.text.replace('.', '')}, not {v.text})")
        if key in WHOLE_KEYS and grouped(v):   # (10.000: ten, or ten thousand?)
            raise ConfigError("sweep", f"{key} is a whole number: write START and STOP in "
                                       f"plain digits ({v.text.replace('.', '')} or {v:g}, "
                                       f"not {v.text})")
    if key in WHOLE_KEYS and not all(isinstance(v, int) or whole_float(v) for v in (start, stop)):
        # (depth=1:3.7:3 had run 1, 2, 4: past STOP, unsaid)
        raise ConfigError("sweep", f"{key} is a whole number: START and STOP must be whole "
                                   f"numbers, got {spec!r}")
    # (a number beyond float's range stays as written, for the message that refuses it)
    return key, sweep_values(key, *(v if isinstance(v, float) else float(v) for v in (start, stop)),
                             count)



@dataclass(frozen=True, eq=False)
class SweepResult:
    """One SimResult per value (their Monte Carlo parts have per-layer fields only).

    `forward` / `backward` are values × (L + 1) arrays of log10 variance (Monte Carlo), and
    `theory_forward` / `theory_backward` the mean-field prediction; NaN where missing.
    `critical_gain`: the config's `engine.critical_gain` when the job was asked for it
    (NaN: there is none), else None; `edge_gain`, with it, `engine.phase.edge_gain` (the
    phase diagram's line), and `critical_side` where a missing one lies
    (`engine.critical_gain.missing_side`; neither in the JSON, whose contract is the
    critical gain).
    """

    key: str
    values: np.ndarray
    results: tuple[SimResult, ...]
    critical_gain: float | None = None
    edge_gain: float | None = None
    critical_side: int = 0

    def _stack(self, rows: list[np.ndarray]) -> np.ndarray:
        """values × (deepest L + 1); a shallower run (a depth sweep) is NaN-padded."""
        out = np.full((len(rows), max(len(row) for row in rows)), np.nan)
        for i, row in enumerate(rows):
            out[i, : len(row)] = row
        return out

    def _column(self, name: str) -> np.ndarray:
        return self._stack([r.layer_columns()[name] for r in self.results])

    @property
    def forward(self) -> np.ndarray:
        return self._column("log10_forward_var")

    @property
    def backward(self) -> np.ndarray:
        return self._column("log10_backward_var")

    @property
    def theory_forward(self) -> np.ndarray:
        return self._column("theory_log10_forward_var")

    @property
    def theory_backward(self) -> np.ndarray:
        return self._column("theory_log10_backward_var")

    def saturated(self, direction: str) -> np.ndarray:
        """The Monte Carlo map of `direction` ("forward" or "backward") for a colour scale that
        saturates: a layer missing because its pass underflowed float32 is −∞, one missing
        after an overflow +∞ (beyond any finite level, on the side the pass left by); NaN
        where missing for another reason. The forward pass goes on to layer L, the backward
        pass down to layer 0."""
        out = self.forward if direction == "forward" else self.backward
        for row, result in zip(out, self.results):
            fill_beyond_stops(row, getattr(result.monte_carlo, f"trial_{direction}_stops")[0],
                              direction)
        return out

    @classmethod
    def combine(cls, key: str, values, monte_carlo, theory,
                critical_gain: float | None = None) -> "SweepResult":
        """One sweep from a Monte Carlo part and a theory part computed apart (the window's
        Sweep tab: the theory on its thread, the Monte Carlo on the worker), value by value
        (SimResults of the same values in the same order)."""
        return cls(key, np.asarray(values, dtype=float),
                   tuple(SimResult(m.config, monte_carlo=m.monte_carlo, theory=t.theory)
                         for m, t in zip(monte_carlo, theory)), critical_gain)

    @property
    def column(self) -> str:
        """The CSV column of the swept value: KEY, or sweep_KEY where KEY is a stats column."""
        return f"sweep_{self.key}" if self.key in ("width", "layer") else self.key

    def to_csv(self) -> str:
        import io

        from .result import write_csv_rows

        buffer = io.StringIO()
        write_csv_rows(buffer, list(self.results), [{self.column: _plain(v)} for v in self.values])
        return buffer.getvalue()

    def to_dict(self) -> dict:
        """The JSON of `--sweep … --stats`: the values, with the critical gain when it was
        computed (null where there is none), and each value's run."""
        head = {"key": self.key, "values": [_plain(v) for v in self.values]}
        if self.critical_gain is not None:
            head["critical_gain"] = json_number(self.critical_gain)
        return {"sweep": head,
                "runs": [{self.key: _plain(v), **r.to_dict()}
                         for v, r in zip(self.values, self.results)]}


def _plain(value) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def check_applies(config: SimConfig, key: str) -> None:
    """ConfigError("sweep", …) when `key` does not matter in `config` (alpha without
    activation linear, variance without init constant, …): its rows would all be one
    network."""
    if key in APPLIES_ONLY and not APPLIES_ONLY[key][0](config):
        raise ConfigError("sweep", f"{key} applies only with {APPLIES_ONLY[key][1]}: every "
                                   f"value would give the same network")


def check_used(config: SimConfig, key: str, given, samples: int) -> None:
    """ConfigError naming `trials` or `batch` when a setting the user gave (`given`, their
    keys) would go unused: a sweep of `key` runs one network of `samples` inputs per value (a
    researcher's tour: trials=4 and batch=1024 ran one network of 64 inputs, unsaid), or the
    key swept given a value of its own. Values that change nothing pass."""
    if key in given:   # (--set gain=3 beside a sweep of gain had been dropped, unsaid)
        raise ConfigError(key, "is swept by --sweep: its values replace the one --set gives")
    if "trials" in given and key != "trials" and config.trials != 1:
        raise ConfigError("trials", "does not apply to a sweep: it runs one network per value")
    if "batch" in given and key != "batch" and config.batch != samples:
        raise ConfigError("batch", f"does not apply to a sweep: each value runs --samples "
                                   f"inputs ({samples}); give --samples N")


def sweep_configs(config: SimConfig, key: str, values: np.ndarray) -> list[SimConfig]:
    """The config of every value (validated: a bad one raises ConfigError("sweep", …) naming
    the value and the key refused: width = 13376 gives too many weights in all, which the
    widths' own error alone did not say)."""
    configs = []
    for v in values:
        try:
            configs.append(SimConfig.from_dict({key: _plain(v)}, base=config))
        except ConfigError as exc:
            # (the refusal itself, whose text is "key: reason": the window words it too)
            raise ConfigError.of("sweep", "at {setting} = {value}: {error}", setting=key,
                                 value=_plain(v), error=exc) from None
    return configs


def theory_sweep(config: SimConfig, key: str, values) -> SweepResult:
    """The mean-field part of a sweep alone (instant, for the window)."""
    values = np.asarray(values, dtype=float)
    configs = sweep_configs(config, key, values)
    return SweepResult(key, values, tuple(SimResult(c, theory=th)
                                          for c, th in zip(configs, mean_fields(configs))))


def stacked_groups(configs: list[SimConfig], samples: int) -> list[list[SimConfig]]:
    """The values of a stacked key in groups of one pass each: as many groups as rows /
    STACK_ROWS rounds to, filled evenly (41 × 64: 14+14+13)."""
    count = min(len(configs), max(1, round(len(configs) * samples / STACK_ROWS)))
    edges = [round(i * len(configs) / count) for i in range(count + 1)]
    return [configs[a:b] for a, b in zip(edges[:-1], edges[1:])]


def pass_groups(configs: list[SimConfig], key: str, samples: int) -> list[list[SimConfig]]:
    """The sweep's passes, each a list of configs: `stacked_groups` for a stacked key, else
    one pass per value."""
    return stacked_groups(configs, samples) if key in STACKED_KEYS else [[c] for c in configs]


def sweep_monte_carlo(config: SimConfig, key: str, values, *, samples: int = DEFAULT_SAMPLES,
                      cache: DrawCache | None = None,
                      should_stop: Callable[[], bool] | None = None,
                      on_progress: Callable[[float], None] | None = None) -> SweepResult:
    """The Monte Carlo part of a sweep: `config` with `key` set to each of `values`.

    Parameters
    ----------
    samples : inputs per value (the batch of each value's network).
    cache, should_stop, on_progress : as in `engine.monte_carlo`.
    """
    values = np.asarray(values, dtype=float)
    configs = sweep_configs(config.with_values(batch=samples, trials=1), key, values)
    groups = pass_groups(configs, key, samples)
    progress = Progress(sum(work_units(g[0].widths, len(g) * g[0].batch) for g in groups),
                        should_stop, on_progress)
    results = []
    for group in groups:
        base = group[0]
        step = LayerStep(activation_for(base), np.array([layer_variances(c) for c in group]),
                         np.array([c.bias_std for c in group]))
        # S = the group's batch: `samples`, except in a sweep over the batch itself
        stats = run_pass(step, Draws(base, 0, cache), base.batch, progress)
        results += [SimResult(c, _block(stats, g)) for g, c in enumerate(group)]
    return SweepResult(key, values, tuple(results))


def _block(stats: PassStats, g: int) -> MonteCarlo:
    fwd, bwd = stats.log10_forward_var[g], stats.log10_backward_var[g]
    return MonteCarlo(
        forward_mean=stats.forward_mean[g], log10_forward_var=fwd,
        log10_preact_var=stats.log10_preact_var[g], log10_backward_var=bwd,
        trial_log10_forward_var=fwd[None, :], trial_log10_backward_var=bwd[None, :],
        trial_forward_mean=stats.forward_mean[g][None, :],
        forward_invalid=stats.forward_invalid[g], backward_invalid=stats.backward_invalid[g],
        trial_forward_stops=(stats.forward_stops[g],),
        trial_backward_stops=(stats.backward_stops[g],))


def sweep(config: SimConfig, key: str, values, *, samples: int = DEFAULT_SAMPLES,
          cache: DrawCache | None = None, should_stop: Callable[[], bool] | None = None,
          on_progress: Callable[[float], None] | None = None) -> SweepResult:
    """Monte Carlo and theory for `config` with `key` set to each of `values` (`--sweep`)."""
    mc = sweep_monte_carlo(config, key, values, samples=samples, cache=cache,
                           should_stop=should_stop, on_progress=on_progress)
    theory = theory_sweep(config.with_values(batch=samples, trials=1), key, values)
    return SweepResult(key, mc.values, tuple(
        dataclasses.replace(r, theory=th.theory) for r, th in zip(mc.results, theory.results)))
