"""Engine speed at the default config, side by side with PyTorch and the float32 GEMM roofline.

What it measures (default config: depth 50, width 256, batch 512, tanh, Xavier normal), every
contender timed in the same run, interleaved round by round (the order rotates each round) so
that a noisy shared machine slows them all alike; min and median over the rounds are printed:

- engine, warm: ``engine.simulate(config, cache=cache)`` with a warm ``DrawCache`` (the
  standardized draws are reused: the GUI's steady state while a slider is dragged);
- engine, Monte Carlo alone: ``engine.monte_carlo(config, cache=cache)`` on warm draws
  (``simulate`` minus the mean-field theory: what the window's worker runs);
- engine, cold: ``engine.simulate(config)`` without a cache (every draw made afresh, once);
- engine, theory: ``engine.mean_field(config)`` (for information);
- torch: PyTorch CPU float32 doing the same work by hand under ``torch.inference_mode``
  (manual matmuls: autograd was no faster in a trial and computes less of what is needed):
  forward h' = h @ Wᵀ (+ b), h = tanh(h'), σ' = 1 − h² kept; backward
  ∂ℓ/∂h^{t-1} = (σ' ⊙ δ) @ W; per-unit mean and variance over the batch of h^t and ∂ℓ/∂h^t
  at every layer (as E[x²] − E[x]², like the engine: ``torch.var_mean(dim=0)`` was 8× slower),
  the pooled pre-activation variance, and a 64-bin histogram of up to 8192 values per layer.
  Its weights are pre-drawn and pre-scaled (an ordinary model's weights); the engine's warm
  cache holds the same standardized draws and scales by √γ on the fly. Before timing, its
  log10 variances are checked against the engine's. Skipped, with a message, when
  ``import torch`` fails.
- torch, cold: the same, drawing its weights (``torch.randn``, scaled by √γ_t), its input
  and its read-out direction in every run, as the engine's cold run draws its own.
- roofline: exactly the engine's matmuls (2·L products batch×n @ n×n, the backward ones with
  the transposed weight) as bare numpy float32 matmuls into preallocated outputs.

Both libraries run on the same number of BLAS threads (numpy's; ``torch.set_num_threads``).

Targets: engine (warm) / torch ≤ 1.0, engine (cold) / torch (cold) ≤ 1.0, and roofline /
engine (warm) ≥ 0.60 (at least 60 % of the engine's time is the unavoidable matrix products). The verdict uses min/min: with two BLAS
threads on two cores, any other busy process makes a run several times slower (a preempted
BLAS thread stalls its partner), so medians mostly measure the neighbours; the medians and the
median of per-round ratios are printed too.

Run from anywhere: ``python benchmarks/engine_speed.py [--rounds N] [--gap SECONDS]``. Exits
0 whether or not the targets are met (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

import engine  # noqa: E402
from engine.activations import activation_for  # noqa: E402
from engine.allocator import retain_freed_memory  # noqa: E402
from engine.draws import DrawCache, Draws  # noqa: E402
from engine.initializers import layer_variances  # noqa: E402
from engine.histograms import HIST_BINS, HIST_SAMPLES  # noqa: E402
from engine.threads import blas_threads  # noqa: E402

TARGET_ENGINE_OVER_TORCH = 1.0
TARGET_ROOFLINE_OVER_ENGINE = 0.60


# -- the contenders --------------------------------------------------------------------------

def make_engine_warm(config):
    cache = DrawCache()
    engine.simulate(config, cache=cache)  # fills the cache

    def run():
        engine.simulate(config, cache=cache)
    return run


def make_engine_mc(config):
    cache = DrawCache()
    engine.monte_carlo(config, cache=cache)  # fills the cache

    def run():
        engine.monte_carlo(config, cache=cache)
    return run


def make_engine_cold(config):
    def run():
        engine.simulate(config)
    return run


def make_theory(config):
    def run():
        engine.mean_field(config)
    return run


def _engine_arrays(config):
    """The engine's own standardized draws and γ_t, so every contender multiplies the same
    numbers (weights as (W^t)ᵀ: n_{t-1} × n_t)."""
    draws = Draws(config, 0, DrawCache())
    L = config.depth
    gammas = layer_variances(config)
    weights_t = [np.asarray(draws.weight(t)) for t in range(1, L + 1)]
    biases = [np.asarray(draws.bias(t)) for t in range(1, L + 1)] if config.bias_std > 0 else None
    return (np.asarray(draws.input()), np.asarray(draws.readout()), weights_t, biases, gammas)


def make_roofline(config):
    x, g, weights_t, _, gammas = _engine_arrays(config)
    # Scaled so the chained products stay of order one (no denormals, no overflow).
    wts = [np.ascontiguousarray(w * np.float32(math.sqrt(gm)))
           for w, gm in zip(weights_t, gammas)]
    B = config.batch
    fwd_out = [np.empty((B, w.shape[1]), dtype=np.float32) for w in wts]
    bwd_out = [np.empty((B, w.shape[0]), dtype=np.float32) for w in wts]
    h0 = np.ascontiguousarray(x)
    g0 = np.ascontiguousarray(g)

    def run():
        h = h0
        for w, out in zip(wts, fwd_out):
            np.matmul(h, w, out=out)
            h = out
        d = g0
        for w, out in zip(reversed(wts), reversed(bwd_out)):
            np.matmul(d, w.T, out=out)
            d = out
    return run


def make_torch(config, torch, cold: bool = False):
    """The same forward, backward and statistics written plainly in PyTorch; `cold` draws
    the weights, the input and the read-out direction afresh in every run (the engine's cold
    run draws all three)."""
    x, g, weights_t, biases, gammas = _engine_arrays(config)
    L = config.depth
    # W^t as torch.nn.Linear stores it: n_t × n_{t-1}, already scaled by √γ_t.
    W = [torch.from_numpy(np.ascontiguousarray((w * np.float32(math.sqrt(gm))).T))
         for w, gm in zip(weights_t, gammas)]
    shapes = [(w.shape[1], w.shape[0]) for w in weights_t]
    scales = [math.sqrt(gm) for gm in gammas]
    b = ([torch.from_numpy(bb * np.float32(config.bias_std)) for bb in biases]
         if biases is not None else None)
    x_t = torch.from_numpy(np.array(x))  # writable copies: torch warns on read-only arrays
    g_t = torch.from_numpy(np.array(g))
    lo, hi = activation_for(config).bounds  # tanh: (-1, 1), a fixed histogram range

    def unit_and_pooled(a):
        # E[x²] − E[x]² per unit, as the engine computes it: 8× faster here than
        # torch.var_mean(a, dim=0), which would make torch look worse than it need be.
        mean_u = a.mean(dim=0)
        var_u = ((a * a).mean(dim=0) - mean_u * mean_u).clamp_(min=0)
        mu = mean_u.mean()
        pooled = var_u.mean() + ((mean_u - mu) ** 2).mean()
        return mu, pooled, var_u

    def pooled_var(p):
        flat = p.reshape(-1)
        m1 = flat.mean()
        return torch.dot(flat, flat) / flat.numel() - m1 * m1

    def hist(a):
        rows = max(1, min(a.shape[0], HIST_SAMPLES // a.shape[1]))
        sample = a[:rows].reshape(-1)
        width = (hi - lo) / HIST_BINS
        return torch.histc(sample, bins=HIST_BINS, min=lo, max=hi) / (sample.numel() * width)

    def run():
        with torch.inference_mode():
            h, d = x_t, g_t
            if cold:
                W[:] = [torch.randn(shape).mul_(scale) for shape, scale in zip(shapes, scales)]
                h, d = torch.randn(x_t.shape), torch.randn(g_t.shape)
            fwd_mean, fwd_var, pre_var, bwd_var = [], [], [], []
            unit_fwd, unit_bwd, hists = [], [], []
            slopes = []
            for t in range(L + 1):
                if t > 0:
                    p = torch.addmm(b[t - 1], h, W[t - 1].T) if b is not None else h @ W[t - 1].T
                    pre_var.append(pooled_var(p))
                    h = torch.tanh(p)
                    slopes.append(1 - h * h)
                mu, pooled, var_u = unit_and_pooled(h)
                fwd_mean.append(mu)
                fwd_var.append(pooled)
                unit_fwd.append(var_u)
                hists.append(hist(h))
            for t in range(L, -1, -1):
                if t < L:
                    d = (slopes[t] * d) @ W[t]  # slopes[t] is σ'(h'^{t+1}); W[t] is W^{t+1}
                _, pooled, var_u = unit_and_pooled(d)
                bwd_var.append(pooled)
                unit_bwd.append(var_u)
            out = dict(
                forward_mean=torch.stack(fwd_mean),
                log10_forward_var=torch.log10(torch.stack(fwd_var)),
                log10_preact_var=torch.log10(torch.stack(pre_var)),
                log10_backward_var=torch.log10(torch.stack(bwd_var[::-1])),
                unit_fwd=torch.log10(torch.stack(unit_fwd)),
                unit_bwd=torch.log10(torch.stack(unit_bwd[::-1])),
                hist=torch.stack(hists),
            )
            return {k: v.double().numpy() for k, v in out.items()}
    return run


def check_torch_agrees(config, torch_run) -> float:
    """Largest |difference| of log10 forward/backward variance between torch and the engine
    (a guard that both do the same work)."""
    ours = engine.simulate(config, cache=DrawCache())
    theirs = torch_run()
    diff_f = np.nanmax(np.abs(ours.monte_carlo.log10_forward_var - theirs["log10_forward_var"]))
    diff_b = np.nanmax(np.abs(ours.monte_carlo.log10_backward_var - theirs["log10_backward_var"]))
    return float(max(diff_f, diff_b))


# -- timing ----------------------------------------------------------------------------------

def measure(contenders: dict, rounds: int, warmup: int, gap: float) -> dict[str, list[float]]:
    """Time every contender once per round, rotating the order each round, with a pause of
    `gap` seconds before each call.

    The pause matters: OpenBLAS's and OpenMP's worker threads keep spinning for a while after
    a call returns, so calling torch right after numpy (or back) on two cores made both up to
    ten times slower in a trial run; after a short sleep the spinning pools have gone idle.
    """
    names = list(contenders)
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(warmup + rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            fn = contenders[name]
            time.sleep(gap)
            t0 = time.perf_counter()
            fn()
            dt = time.perf_counter() - t0
            if r >= warmup:
                times[name].append(dt)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--gap", type=float, default=0.25,
                        help="seconds of pause before each timed call (default 0.25)")
    args = parser.parse_args(argv)
    retain_freed_memory()   # as the window's worker and the command line do (engine.allocator)

    config = engine.SimConfig()
    threads = blas_threads()
    L, B = config.depth, config.batch
    flops = sum(2 * 2 * B * config.widths[t - 1] * config.widths[t] for t in range(1, L + 1))
    print(f"config: depth {L}, width {config.width}, batch {B}, {config.activation}, "
          f"{config.init} {config.distribution}; numpy {np.__version__}, BLAS threads {threads}")

    contenders = {
        "engine warm (simulate, warm cache)": make_engine_warm(config),
        "engine Monte Carlo (monte_carlo)": make_engine_mc(config),
        "engine cold (simulate, no cache)": make_engine_cold(config),
        "engine theory (mean_field)": make_theory(config),
        "roofline (2L bare numpy matmuls)": make_roofline(config),
    }
    torch = None
    try:
        import torch  # noqa: F811
    except Exception as exc:  # ImportError, or a broken install
        print(f"torch: skipped (import torch failed: {exc.__class__.__name__}: {exc})")
    if torch is not None:
        torch.set_num_threads(threads)
        torch_run = make_torch(config, torch)
        agree = check_torch_agrees(config, torch_run)
        print(f"torch {torch.__version__}: {torch.get_num_threads()} threads; "
              f"max |Δ log10 var| vs engine = {agree:.2e}")
        contenders["torch (same work, CPU float32)"] = torch_run
        contenders["torch cold (draws its weights and data)"] = make_torch(config, torch, cold=True)

    times = measure(contenders, args.rounds, args.warmup, args.gap)

    print(f"\n{args.rounds} interleaved rounds ({args.warmup} warm-up rounds discarded); "
          f"{args.gap:g} s pause before each call; GEMM work {flops / 1e9:.2f} GFLOP per pass")
    print(f"{'contender':<38} {'min ms':>9} {'median ms':>10} {'GFLOP/s (min)':>14}")
    for name, ts in times.items():
        gf = f"{flops / min(ts) / 1e9:14.1f}" if not name.startswith("engine theory") else " " * 14
        print(f"{name:<38} {1e3 * min(ts):9.2f} {1e3 * statistics.median(ts):10.2f} {gf}")

    warm = times["engine warm (simulate, warm cache)"]
    mc = times["engine Monte Carlo (monte_carlo)"]
    cold = times["engine cold (simulate, no cache)"]
    roof = times["roofline (2L bare numpy matmuls)"]

    def ratio_line(label, num, den, target=None, better_low=True):
        r_min = min(num) / min(den)
        r_med = statistics.median(num) / statistics.median(den)
        r_pair = statistics.median(a / b for a, b in zip(num, den))
        text = (f"{label:<32} min/min {r_min:6.3f}   median/median {r_med:6.3f}   "
                f"median of per-round ratios {r_pair:6.3f}")
        if target is not None:
            ok = (r_min <= target) if better_low else (r_min >= target)
            text += f"   target {'≤' if better_low else '≥'} {target:.2f} (min/min): "
            text += "met" if ok else "NOT met"
        print(text)

    print("\nratios (min/min is the verdict: on a shared machine the minimum is the run least "
          "disturbed by others)")
    if torch is not None:
        tt = times["torch (same work, CPU float32)"]
        ratio_line("engine warm / torch", warm, tt, TARGET_ENGINE_OVER_TORCH, True)
        ratio_line("engine Monte Carlo / torch", mc, tt)
        ratio_line("engine cold / torch cold", cold,
                   times["torch cold (draws its weights and data)"], TARGET_ENGINE_OVER_TORCH, True)
    else:
        print("engine warm / torch: skipped (torch is not installed)")
    ratio_line("roofline / engine warm", roof, warm, TARGET_ROOFLINE_OVER_ENGINE, False)
    ratio_line("roofline / engine Monte Carlo", roof, mc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
