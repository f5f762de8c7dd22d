"""How good the run estimates are (engine.cost): estimated over measured time and memory.

For each config, in this process: the estimate (`monte_carlo_cost`, at this machine's rates
measured by `measure_rates`), then the run itself (`engine.monte_carlo`, no cache, as a
one-off run), timed, and once more under Python's allocation tracer (numpy reports its arrays
to it) for the peak memory of the arrays. Then the same for Jacobian spectra (`spectrum_cost`)
and sweeps (`sweep_cost` against `sweep_monte_carlo` with a draw cache, as the command line
and the window run them). Prints, per config, estimated / measured for time
and memory. Target: both ratios between 0.5 and 2 for every run longer than ~1 s (the window
uses the estimate to say "about 3 min" and to hold runs past a minute, so a factor of 2 is
the precision that matters); memory within ±30 %.

Run from anywhere: ``python benchmarks/estimate_accuracy.py [--quick]``; `--quick` skips the
configs that take over ~5 s. Exits 0 whatever the ratios (a measurement, not a test).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import SimConfig  # noqa: E402
from engine.cost import measure_rates, monte_carlo_cost, spectrum_cost, sweep_cost  # noqa: E402
from engine.draws import DrawCache  # noqa: E402
from engine.simulation import monte_carlo  # noqa: E402
from engine.spectrum import jacobian_spectrum  # noqa: E402
from engine.sweep import sweep_monte_carlo, sweep_values  # noqa: E402

CONFIGS = [   # (overrides, slow)
    ({"depth": 50, "width": 256, "batch": 512}, False),
    ({"depth": 50, "width": 256, "batch": 4096}, False),
    ({"depth": 10, "width": 2048, "batch": 512}, False),
    ({"depth": 50, "width": 256, "batch": 512, "activation": "relu", "init": "he"}, False),
    ({"depth": 20, "width": 1024, "batch": 512, "distribution": "orthogonal"}, True),
    ({"depth": 20, "width": 1024, "batch": 512, "distribution": "uniform",
      "activation": "gelu"}, False),
    ({"depth": 50, "width": 256, "batch": 512, "trials": 4}, False),
    ({"widths": "784, 4096, 4096, 10", "batch": 4096}, True),
    ({"depth": 1000, "width": 256, "batch": 512}, True),      # checkpointed σ'
    ({"depth": 200, "width": 512, "batch": 2048}, True),
    ({"depth": 100, "width": 1024, "batch": 1024}, True),
]
SPECTRA = [   # (overrides, slow): the Jacobian spectrum (`spectrum_cost`)
    ({"depth": 50, "width": 512}, False),
    ({"widths": "784, 1024, 1024, 10"}, False),
    ({"depth": 20, "width": 1024}, False),
    ({"depth": 200, "width": 1024}, True),
    ({"depth": 10, "width": 2048}, True),
]
SWEEPS = [   # (overrides, key, values, samples, slow)
    ({"depth": 50, "width": 256}, "gain", (0.25, 4.0, 41), 64, False),
    ({"depth": 200, "width": 512}, "gain", (0.25, 4.0, 41), 64, False),
    ({"depth": 1000, "width": 1024}, "gain", (0.25, 4.0, 41), 64, True),
    ({"depth": 50, "width": 512}, "bias_std", (0.0, 1.0, 21), 128, False),
    ({"depth": 50, "width": 256, "activation": "leaky_relu"}, "negative_slope",
     (0.0, 0.5, 11), 64, False),
]


def _measured(run) -> tuple[float, int]:
    """Seconds of `run()`, then the peak of its arrays under the allocation tracer."""
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def _line(name: str, estimate, seconds: float, peak: int) -> None:
    print(f"{name:58s} {estimate.seconds:8.2f} {seconds:8.2f} "
          f"{estimate.seconds / seconds:6.2f} {estimate.peak_bytes / 2**20:8.0f} "
          f"{peak / 2**20:8.0f} {estimate.peak_bytes / peak:6.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the slow configs")
    args = parser.parse_args()
    print(f"{'config':58s} {'est s':>8s} {'real s':>8s} {'time':>6s} "
          f"{'est MiB':>8s} {'real MiB':>8s} {'mem':>6s}")
    for overrides, slow in CONFIGS:
        if slow and args.quick:
            continue
        config = SimConfig.from_dict(overrides)
        measure_rates(config)
        estimate = monte_carlo_cost(config)
        _line(", ".join(f"{k}={v}" for k, v in overrides.items()), estimate,
              *_measured(lambda: monte_carlo(config)))
    for overrides, slow in SPECTRA:
        if slow and args.quick:
            continue
        config = SimConfig.from_dict(overrides)
        _line(", ".join(f"{k}={v}" for k, v in overrides.items()) + ", spectrum",
              spectrum_cost(config), *_measured(lambda: jacobian_spectrum(config)))
    for overrides, key, (start, stop, count), samples, slow in SWEEPS:
        if slow and args.quick:
            continue
        config = SimConfig.from_dict(overrides)
        values = sweep_values(key, start, stop, count)
        estimate = sweep_cost(config, key, values, samples)
        name = ", ".join(f"{k}={v}" for k, v in overrides.items())
        _line(f"{name}, sweep {key}={start:g}:{stop:g}:{count} × {samples}", estimate,
              *_measured(lambda: sweep_monte_carlo(config, key, values, samples=samples,
                                                   cache=DrawCache())))


if __name__ == "__main__":
    main()
