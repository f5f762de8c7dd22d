"""Where the Monte Carlo pass spends its time beyond its floor, side by side in one run.

`engine_speed.py` says how far the engine is from PyTorch; this says why, at the default
config (depth 50, width 256, batch 512, tanh, Xavier normal, warm draws):

- floor, numpy: the 100 matrix products and σ, σ′ and σ′ ⊙ δ alone, bare numpy (no statistics,
  no log scales, no checks): what no restructuring of the pass's statistics can go below;
- floor, torch: the same work in PyTorch CPU float32 (skipped when torch cannot be imported);
- pass, without its statistics of the pre-activations, histograms and per-unit maps
  (`detailed=False`, the pre-activations' pooled variance left out): the per-unit sums of h
  and δ, the mean squares and checks a pass needs;
- pass, without histograms and per-unit maps (`detailed=False`);
- pass, whole (`detailed=True`, as `monte_carlo` runs trial 0);
- draws, numpy: what a cold pass adds, the input, the read-out direction and every weight
  drawn from the engine's seeded streams (numpy's Generator, as `Draws.ahead` draws them on
  BLAS's threads);
- draws, torch: as many normal numbers from torch.randn (what `engine_speed.py`'s cold
  PyTorch draws): the two generators' cost side by side.

Contenders alternate round by round; min and median over the rounds are printed (the minimum
is the run least disturbed by a shared machine's neighbours). Run from anywhere:
``python benchmarks/engine_breakdown.py [--rounds N]``. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from engine import layer_stats  # noqa: E402
from engine.activations import activation_for  # noqa: E402
from engine.allocator import retain_freed_memory  # noqa: E402
from engine.config import SimConfig  # noqa: E402
from engine.draws import DrawCache, Draws  # noqa: E402
from engine.initializers import layer_variances  # noqa: E402
from engine.layer_step import LayerStep  # noqa: E402
from engine.passes import run_pass, work_units  # noqa: E402
from engine.progress import Progress  # noqa: E402
from engine.threads import blas_threads  # noqa: E402


def floors(config: SimConfig):
    """(numpy's floor, torch's floor or None): products, tanh, 1 − h², σ′ ⊙ δ."""
    rng = np.random.default_rng(0)
    n, rows, depth = config.widths[0], config.batch, config.depth
    weights = [(rng.standard_normal((n, n)) / np.sqrt(n)).astype(np.float32)
               for _ in range(depth)]
    x = rng.standard_normal((rows, n)).astype(np.float32)
    g = rng.standard_normal((rows, n)).astype(np.float32)

    def numpy_floor():
        h, slopes = x, []
        for w in weights:
            h = np.tanh(h @ w)
            slopes.append(np.subtract(1, h * h, dtype=np.float32))
        d = g
        for w, u in zip(weights[::-1], slopes[::-1]):
            np.multiply(u, d, out=u)
            d = u @ w.T

    try:
        import torch
    except Exception as error:   # (not installed, or broken: said, not fatal)
        print(f"torch floor skipped: {error}")
        return numpy_floor, None
    torch_weights = [torch.from_numpy(w) for w in weights]
    tx, tg = torch.from_numpy(x), torch.from_numpy(g)

    def torch_floor():
        with torch.inference_mode():
            h, slopes = tx, []
            for w in torch_weights:
                h = torch.tanh(h @ w)
                slopes.append(1 - h * h)
            d = tg
            for w, u in zip(torch_weights[::-1], slopes[::-1]):
                d = (u * d) @ w.T

    return numpy_floor, torch_floor


def draws(config: SimConfig):
    """A cold pass's draws in the engine, and as many normal numbers from torch.randn."""
    shapes = [(config.batch, config.widths[0]), (config.batch, config.widths[-1])] + [
        (a, b) for a, b in zip(config.widths, config.widths[1:])]

    def numpy_draws() -> None:
        Draws(config, 0, None).ahead(range(1, config.depth + 1), blas_threads())

    runs = {"draws, numpy (cold pass, BLAS's threads)": numpy_draws}
    try:
        import torch
    except Exception:   # (said by `floors`)
        return runs

    def torch_draws() -> None:
        for shape in shapes:
            torch.randn(shape)

    runs["draws, torch.randn (as many numbers)"] = torch_draws
    return runs


def passes(config: SimConfig):
    """The engine's pass, whole and without parts of its statistics."""
    cache = DrawCache()
    step = LayerStep(activation_for(config), layer_variances(config)[None, :],
                     np.array([config.bias_std]))

    def run(detailed: bool) -> None:
        progress = Progress(work_units(config.widths, config.batch), None, None)
        run_pass(step, Draws(config, 0, cache), config.batch, progress, detailed=detailed)

    def without_preactivations() -> None:
        add = layer_stats.PooledVariances.add
        layer_stats.PooledVariances.add = lambda *args, **kwargs: None
        try:
            run(False)
        finally:
            layer_stats.PooledVariances.add = add

    run(True)   # fills the draw cache
    return {"pass, no pre-activation variance, no maps": without_preactivations,
            "pass, no histograms nor per-unit maps": lambda: run(False),
            "pass, whole (detailed)": lambda: run(True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    retain_freed_memory()   # as the window's worker and the command line do
    config = SimConfig()
    numpy_floor, torch_floor = floors(config)
    contenders = {"floor, numpy (products, σ, σ′, σ′⊙δ)": numpy_floor}
    if torch_floor is not None:
        contenders["floor, torch (the same work)"] = torch_floor
    contenders.update(passes(config))
    contenders.update(draws(config))
    for run in contenders.values():   # warm-up
        run()
    times = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, run in contenders.items():
            time.sleep(0.1)
            start = time.perf_counter()
            run()
            times[name].append(1e3 * (time.perf_counter() - start))
    print(f"default config, {args.rounds} alternating rounds")
    for name, values in times.items():
        print(f"  {name:44s} min {min(values):6.1f} ms   "
              f"median {statistics.median(values):6.1f} ms")


if __name__ == "__main__":
    main()
