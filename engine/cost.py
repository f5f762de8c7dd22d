"""What a Monte Carlo run will cost before it starts: its time and peak memory, estimated.

Memory follows the allocations of the one pass (`engine.passes`) for one trial at a time:
the weights it keeps (all of them up to `passes.KEEP_WEIGHTS_BYTES`), σ' of every layer or,
past `passes.SLOPES_BUDGET_BYTES`, its √L checkpoints and one segment, the few batch × width
arrays a layer step works on, the input and read-out, and the per-unit statistics (their
sums while the passes run; at the end, once σ' is freed, the moments derived from them); checked
against Python's allocation tracer (tests/test_cost.py), within about ±30 %.

Time is the pass's work counted in three kinds, each at a rate measured on this machine once
per process (`measure_rates`, a few milliseconds on small arrays): float32 matrix products
(forward, backward and a checkpointed recomputation), weight draws, and the elementwise work
per entry (σ and σ', the moments, the backward product). An estimate, good to a factor of
about 2 on another machine's BLAS: `benchmarks/estimate_accuracy.py` prints it beside
measured runs.

The command line says a long or large run's estimate on stderr before it starts, and refuses
one that needs more memory than the machine has (`check_cost`, `note`)."""

from __future__ import annotations

import math
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .activations import activation_for
from .config import SimConfig
from .config_fields import ConfigError
from .histograms import HIST_SAMPLES, Histograms
from .initializers import standardized_weights
from .layer_stats import LayerBatch, unit_moments
from .threads import blas_threads
from . import passes

F32 = 4
# Arrays of batch × width a layer step holds at once besides its input: h'^t, h^t, σ', (h^t)²,
# the activation's temporaries coming and going (a count fitted to traced allocations,
# tests/test_cost.py).
STEP_ARRAYS = 4
# Per-unit statistics, in arrays of float64 per layer and unit: Σx and Σx² of the forward and
# backward passes while they run, and what deriving their moments at the end adds (fitted to
# traced allocations, tests/test_cost.py).
PASS_UNIT_ARRAYS = 4
END_UNIT_ARRAYS = 6
# Extra bytes per weight entry while a matrix is drawn (float64 QR for orthogonal weights).
DRAW_EXTRA = {"normal": 0, "uniform": 0, "truncated_normal": 5, "orthogonal": 24}
# The Jacobian spectrum's arrays of n_t × n_0 float64 at once (J, the next product, a
# temporary) and its bytes per entry of a weight matrix (drawn in float32, used in float64);
# fitted to traced allocations (tests/test_cost.py)
SPECTRUM_ARRAYS, WEIGHT_BYTES = 3, 12
# LAPACK's singular values of an m × n matrix: about this many flops per m·n·min(m, n) at the
# float64 product's rate (measured: 21 at n = 1024, more below)
SVD_FLOPS = 20
# Python's share of one layer step (calls, small arrays, the histogram): what a small run costs,
# where it is not measured (`measure_rates` times it: 0.05 ms on one 2-core machine).
STEP_OVERHEAD_S = 5e-4


@dataclass(frozen=True)
class Cost:
    """An estimate: `seconds` of computing and `peak_bytes` of memory for the arrays."""

    seconds: float
    peak_bytes: int


@dataclass(frozen=True)
class Rates:
    """This machine's speed: float32 and float64 product flops, weight draws and elementwise
    entries per second (the last two for one distribution and activation)."""

    matmul_flops: float
    matmul64_flops: float
    draws: float
    entries: float
    step_s: float = STEP_OVERHEAD_S   # seconds of Python per layer and pass


_MATMUL: list[float] = []
_STEP: list[float] = []
_DRAWS: dict[str, float] = {}
_ENTRIES: dict[tuple, float] = {}


def _best(run, repeats: int = 3) -> float:
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return max(best, 1e-6)


def measure_rates(config: SimConfig, blas_threads: int | None = None) -> Rates:
    """Time small pieces of the pass: products once per process, draws once per distribution,
    the elementwise work once per activation (each first call ~5–40 ms). `blas_threads`: the
    products on that many threads, as the process that will run them has (None: as this one)."""
    if blas_threads is not None and not _MATMUL:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=blas_threads, user_api="blas"):
            return measure_rates(config)
    key = (config.activation, config.negative_slope if config.activation == "leaky_relu" else 0)
    if _MATMUL and config.distribution in _DRAWS and key in _ENTRIES:   # every estimate of a
        return Rates(*_MATMUL, _DRAWS[config.distribution], _ENTRIES[key], _STEP[0])   # drag
    rng = np.random.default_rng(0)
    a = rng.standard_normal((128, 512), dtype=np.float32)
    if not _MATMUL:
        for dtype in (np.float32, np.float64):
            x, b = a.astype(dtype), rng.standard_normal((512, 512)).astype(dtype)
            _MATMUL.append(2 * a.shape[0] * 512 * 512 / _best(lambda: x @ b))
    if config.distribution not in _DRAWS:
        _DRAWS[config.distribution] = 128 * 512 / _best(
            lambda: standardized_weights(rng, 512, 128, config.distribution), 2)
    if key not in _ENTRIES:
        act = activation_for(config)
        shape = (1,) + a.shape

        def elementwise():
            value, slope, square = act.values_slopes_squares(a)
            unit_moments(value.reshape(shape), None if square is None else square.reshape(shape))
            np.multiply(slope, a, out=slope)
            unit_moments(slope.reshape(shape))

        _ENTRIES[key] = a.size / _best(elementwise)
    if not _STEP:
        # Python's share, from a pass too small for its arithmetic to count (a tour: with a
        # fixed 0.5 ms, a depth-10000 net of width 4 was estimated at 10 s and took 1.7 s)
        from .simulation import monte_carlo

        tiny = SimConfig.from_dict({"depth": 32, "width": 2, "batch": 2})
        _STEP.append(_best(lambda: monte_carlo(tiny), 2) / (2 * tiny.depth))
    return Rates(*_MATMUL, _DRAWS[config.distribution], _ENTRIES[key], _STEP[0])


def monte_carlo_cost(config: SimConfig, rates: Rates | None = None) -> Cost:
    """The estimated cost of `engine.monte_carlo(config)` run cold (nothing cached);
    `rates`: this machine's, measured when not given."""
    return _pass_cost(config, rates or measure_rates(config), config.batch, config.trials)


def _pass_cost(config: SimConfig, rates: Rates, batch: int, trials: int, blocks: int = 1,
               drawn: bool = True, histograms: bool = True) -> Cost:
    """`trials` passes of `config`'s widths over `batch` rows, `blocks` networks' (their
    per-unit statistics apart); `drawn`: its weights drawn, not in the cache."""
    widths = config.widths
    depth = len(widths) - 1
    products = sum(a * b for a, b in zip(widths, widths[1:]))          # Σ n_{t−1} n_t
    entries = batch * sum(widths[1:])                                  # B Σ n_t
    checkpointed = passes.needs_checkpoints(widths, batch)
    keep_weights = F32 * products <= passes.KEEP_WEIGHTS_BYTES
    runs = 3 if checkpointed else 2                 # forward, backward (+ recomputation)
    draws = products * (1 if keep_weights else runs) * drawn
    seconds = trials * (2 * batch * products * runs / rates.matmul_flops
                        + draws / rates.draws
                        + entries * (runs - 1) / rates.entries
                        + depth * runs * rates.step_s)

    widest = max(widths)
    weights = F32 * products if keep_weights else 2 * F32 * widest * widest
    if checkpointed:
        every = max(1, math.isqrt(depth))
        slopes = F32 * batch * widest * (depth // every + every)
    else:
        slopes = F32 * entries
    # a layer's arrays and its input h^{t−1} (layer 1's input is the pass's copy, in `ends`)
    step = max(F32 * batch * (STEP_ARRAYS * n + (m if t > 1 else 0))
               for t, (m, n) in enumerate(zip(widths, widths[1:]), start=1))
    # kept weights are drawn as many at once as BLAS runs threads (engine.passes)
    at_once = min(blas_threads(), depth) if keep_weights else 1
    drawing = at_once * DRAW_EXTRA[config.distribution] * max(
        m * n for m, n in zip(widths, widths[1:]))
    ends = F32 * batch * (2 * widths[0] + widths[-1])
    unit = 8 * (depth + 1) * widest * blocks
    # small layers wait in batches (forward, pre-activations, backward) summed with a square
    small = [F32 * batch * n for n in widths if F32 * batch * n <= LayerBatch.LAYER_BYTES]
    batches = 4 * min(LayerBatch.BATCH_BYTES, max(small) * (depth + 1)) if small else 0
    # the histograms' samples wait in a batch of their own (its count's brief temporaries, ~4×
    # the batch, fall within the estimate's margin)
    sample = F32 * max(n * max(1, min(batch, HIST_SAMPLES // n)) for n in widths)
    batches += 2 * min(Histograms.BATCH_BYTES, sample * (depth + 1)) * histograms
    kept = weights + ends + batches + PASS_UNIT_ARRAYS * unit
    # kept weights on several BLAS threads are drawn before the forward pass (engine.passes;
    # the input and read-out drawn with them are in `ends`),
    # the end's moments come after σ' and the step's arrays are freed: three phases
    ahead = keep_weights and at_once > 1
    peak = kept + max(slopes + step + (0 if ahead else drawing), drawing if ahead else 0,
                      END_UNIT_ARRAYS * unit)
    return Cost(seconds, int(peak))


def sweep_cost(config: SimConfig, key: str, values, samples: int, rates: Rates | None = None,
               chunk: int | None = None, cache_bytes: int | None = None) -> Cost:
    """The estimated cost of a sweep of `key` over `values` with `samples` inputs per value
    (`engine.sweep`), run whole or, given `chunk`, in jobs of that many values as the Sweep
    tab runs it: for gain, variance or bias_std, a pass per group of values stacked, with
    every value's per-unit statistics (a tour: one run per value, each drawing its weights,
    had estimated 6 min for 104 s, and 202 MB for 500 MB of statistics); for other keys, a
    run per value. Values that share their weights draw them once if a draw cache of
    `cache_bytes` (the engine's default budget) keeps them."""
    from .draws import DEFAULT_BUDGET_BYTES
    from .sweep import pass_groups, sweep_configs

    rates = rates or measure_rates(config)
    values = np.asarray(values, dtype=float)
    pieces = np.array_split(values, math.ceil(len(values) / chunk)) if chunk else [values]
    base = config.with_values(batch=samples, trials=1)
    widths = base.widths
    cached = key not in ("depth", "width") and F32 * sum(a * b for a, b in zip(
        widths, widths[1:])) <= (cache_bytes or DEFAULT_BUDGET_BYTES) // 2
    costs = []
    for piece in pieces:
        for group in pass_groups(sweep_configs(base, key, piece), key, samples):
            costs.append(_pass_cost(group[0], rates, sum(c.batch for c in group), 1,
                                    blocks=len(group), drawn=not (cached and costs),
                                    histograms=False))
    return Cost(sum(c.seconds for c in costs), max(c.peak_bytes for c in costs))


def spectrum_cost(config: SimConfig, rates: Rates | None = None) -> Cost:
    """The estimated cost of `engine.jacobian_spectrum(config)`: one input's Jacobian carried
    through every layer in float64 (J_t = D_t W^t J_{t−1}: 2 n_t n_{t−1} n_0 flops, the weights
    drawn), then its singular values (a tour: depth 1000 × width 2048 ran past 100 s unsaid)."""
    rates = rates or measure_rates(config)
    widths = config.widths
    n0, nL = widths[0], widths[-1]
    products = sum(a * b for a, b in zip(widths, widths[1:]))
    seconds = (2 * n0 * products / rates.matmul64_flops + products / rates.draws
               + (products + n0 * sum(widths[1:])) / rates.entries
               + SVD_FLOPS * n0 * nL * min(n0, nL) / rates.matmul64_flops
               + config.depth * rates.step_s)
    largest = max(a * b for a, b in zip(widths, widths[1:]))
    return Cost(seconds, 8 * SPECTRUM_ARRAYS * n0 * max(widths) + WEIGHT_BYTES * largest)


def available_memory() -> int | None:
    """Bytes of memory this process could still get: the system's available memory, or less
    under a container's limit (cgroup v2); None where it cannot be read."""
    found = []
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                found.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError, IndexError):
        pass
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
        if limit != "max":
            used = int(Path("/sys/fs/cgroup/memory.current").read_text().strip())
            found.append(max(0, int(limit) - used))
    except (OSError, ValueError):
        pass
    if not found and hasattr(os, "sysconf"):
        try:
            found.append(os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
        except (ValueError, OSError):
            pass
    return min(found) if found else None


# -- said on the command line -------------------------------------------------------------
def check_cost(config: SimConfig, sweeps: list[tuple[tuple, int]], force: bool,
               network: bool = True, spectrum: bool = False) -> None:
    """Say on stderr what a long or large run will cost, and refuse one that needs more memory
    than the machine has available (unless `force`): the `sweeps` ((key, values), samples),
    the network's own Monte Carlo if `network`, its Jacobian spectrum if `spectrum`."""
    costs = [sweep_cost(config, *spec, samples) for spec, samples in sweeps] + \
        ([monte_carlo_cost(config)] if network else []) + \
        ([spectrum_cost(config)] if spectrum else [])
    if not costs:
        return
    # one after the other: their times add up, the larger of their memories is the peak
    cost = Cost(sum(c.seconds for c in costs), max(c.peak_bytes for c in costs))
    free = available_memory()
    if free is not None and cost.peak_bytes > free and not force:
        need, have = _bytes(cost.peak_bytes), _bytes(free)
        if need == have:   # close: enough digits to tell them apart
            need, have = _bytes(cost.peak_bytes, 5), _bytes(free, 5)
        raise ConfigError("memory", f"this run needs about {need} of memory and {have} is "
                                    "available; reduce batch, width or depth, or add --force "
                                    "to run anyway")
    if cost.seconds >= NOTE_SECONDS or cost.peak_bytes >= NOTE_BYTES:
        print(f"estimate: this run takes about {_seconds(cost.seconds)} and "
              f"{_bytes(cost.peak_bytes)} of memory", file=sys.stderr, flush=True)


NOTE_SECONDS, NOTE_BYTES = 5.0, 10**9   # a run below both is not worth a line


def _bytes(count: float, digits: int = 3) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6)):
        if count >= size:
            return f"{count / size:.{digits}g} {unit}"
    return f"{max(count / 1e6, 0.1):.1f} MB"


def _seconds(seconds: float) -> str:
    if seconds < 90:
        return f"{max(seconds, 1):.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def note(seconds: float, rate: float) -> None:
    """A training's estimate, said on stderr when it is long."""
    if seconds >= NOTE_SECONDS:
        print(f"estimate: this training takes about {_seconds(seconds)} "
              f"({rate:.3g} steps/s over its first steps)", file=sys.stderr, flush=True)
