"""How good the run estimates are (engine.cost): estimated over measured time and memory.

For each config, in this process: the estimate (`monte_carlo_cost`, at this machine's rates
measured by `measure_rates`), then the run itself (`engine.monte_carlo`, no cache, as a
one-off run), timed, and once more under Python's allocation tracer (numpy reports its arrays
to it) for the peak memory of the arrays. Prints, per config, estimated / measured for time
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
from engine.cost import measure_rates, monte_carlo_cost  # noqa: E402
from engine.simulation import monte_carlo  # noqa: E402

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
        start = time.perf_counter()
        monte_carlo(config)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        monte_carlo(config)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        name = ", ".join(f"{k}={v}" for k, v in overrides.items())
        print(f"{name:58s} {estimate.seconds:8.2f} {seconds:8.2f} "
              f"{estimate.seconds / seconds:6.2f} {estimate.peak_bytes / 2**20:8.0f} "
              f"{peak / 2**20:8.0f} {estimate.peak_bytes / peak:6.2f}", flush=True)


if __name__ == "__main__":
    main()
