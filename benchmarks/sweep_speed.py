"""Sweep speed: a 41-gain sweep vs one default simulation, measured side by side.

The sweep (depth 50, width 256, 64 samples per gain, tanh, Xavier normal) does 41·64/512 = 5.1×
the matmul FLOPs of one default simulation (batch 512). Target: it completes within 6× the
default simulation's time. Both use a warm draw cache (the window's steady state: a sweep
after the user has been looking at the same network). Run from the repository root:

    python benchmarks/sweep_speed.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import DrawCache, SimConfig, simulate  # noqa: E402
from engine.allocator import retain_freed_memory  # noqa: E402
from engine.sweep import sweep, sweep_monte_carlo, sweep_values, theory_sweep  # noqa: E402


TARGET = 6.0


def main() -> int:
    retain_freed_memory()   # as the window's worker and the command line do (engine.allocator)
    config = SimConfig()
    values = sweep_values("gain", 0.25, 4.0, 41)
    cache = DrawCache()
    simulate(config, cache=cache)
    sweep(config, "gain", values, samples=64, cache=cache)
    single, swept, theory, bare = [], [], [], []
    for _ in range(7):  # interleaved, so load changes hit both alike
        t0 = time.perf_counter()
        simulate(config, cache=cache)
        t1 = time.perf_counter()
        sweep(config, "gain", values, samples=64, cache=cache)
        t2 = time.perf_counter()
        theory_sweep(config, "gain", values)
        t3 = time.perf_counter()
        sweep_monte_carlo(config, "gain", values, samples=64, cache=cache)
        t4 = time.perf_counter()
        single.append(t1 - t0)
        swept.append(t2 - t1)
        theory.append(t3 - t2)
        bare.append(t4 - t3)
    ratio = statistics.median(s / d for s, d in zip(swept, single))
    bare_ratio = statistics.median(s / d for s, d in zip(bare, single))
    print(f"one default simulation (batch 512): median {statistics.median(single) * 1e3:7.1f} ms")
    print(f"41-gain sweep, 64 samples per gain: median {statistics.median(swept) * 1e3:7.1f} ms "
          f"(of which theory for 41 gains: {statistics.median(theory) * 1e3:.1f} ms)")
    print(f"sweep / default = {ratio:.2f}× (FLOPs 5.1×; target ≤ {TARGET:.0f}×) "
          f"{'OK' if ratio <= TARGET else 'MISSED'}   [min/min {min(swept) / min(single):.2f}×]")
    print(f"Monte Carlo alone (the window's sweep job: its theory is drawn already): "
          f"{bare_ratio:.2f}× [min/min {min(bare) / min(single):.2f}×]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
