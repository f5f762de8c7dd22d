"""Peak memory, run time, progress and cancellation of `engine.simulate` on a big network.

What it measures, each in a fresh child process so that nothing else shares its address space:

- peak RSS of ``engine.simulate`` at depth 1000 × width 1024 × batch 256 (tanh, Xavier
  normal, everything else default; no DrawCache, as for a one-off run), side by side with the
  peak RSS of a baseline child that only imports numpy and engine and allocates nothing.
  The peak is the child's own VmHWM (/proc/self/status), cross-checked by the parent with the
  child's ``ru_maxrss`` from ``os.wait4``. Target: peak ≤ 2 GiB.
- how long that run took, and how many ``on_progress`` callbacks arrived (and the last
  fraction, which should be 1.0).
- cancellation: a run of the same config whose ``should_stop`` flips (a flag set by a timer
  thread, as the GUI would) after ~1 s must raise ``engine.Cancelled``; the delay from the flag
  being set to the exception being caught is printed. Target: promptly, i.e. within 0.1 s (a
  GUI-responsiveness bound chosen here; the engine polls once per layer).

Run from anywhere: ``python benchmarks/engine_memory.py [--repeats N]``. Exits 0 whether or not
the targets are met (this is a measurement, not a test).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

BIG = {"depth": 1000, "width": 1024, "batch": 256, "activation": "tanh", "init": "xavier",
       "distribution": "normal"}
TARGET_PEAK_BYTES = 2 * 2**30
TARGET_CANCEL_SECONDS = 0.1
CANCEL_AFTER_SECONDS = 1.0


# -- the children ----------------------------------------------------------------------------

def _vm_hwm_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def _child(mode: str) -> dict:
    sys.path.insert(0, str(REPO_ROOT))
    import numpy  # noqa: F401
    import engine
    from engine.allocator import retain_freed_memory

    retain_freed_memory()   # as the window's worker and the command line run the engine
    out: dict = {"mode": mode}
    if mode == "simulate":
        config = engine.SimConfig.from_dict(BIG)
        fractions: list[float] = []
        t0 = time.perf_counter()
        result = engine.simulate(config, on_progress=fractions.append)
        out["seconds"] = time.perf_counter() - t0
        out["progress_calls"] = len(fractions)
        out["last_fraction"] = fractions[-1] if fractions else None
        out["monotonic"] = all(a <= b for a, b in zip(fractions, fractions[1:]))
        out["log10_forward_var_L"] = float(result.monte_carlo.log10_forward_var[-1])
        out["log10_backward_var_0"] = float(result.monte_carlo.log10_backward_var[0])
    elif mode == "cancel":
        import threading
        config = engine.SimConfig.from_dict(BIG)
        stop = threading.Event()
        set_at: list[float] = []

        def flip():
            set_at.append(time.perf_counter())
            stop.set()

        fractions: list[float] = []
        timer = threading.Timer(CANCEL_AFTER_SECONDS, flip)
        t0 = time.perf_counter()
        timer.start()
        try:
            engine.simulate(config, should_stop=stop.is_set, on_progress=fractions.append)
            out["cancelled"] = False
        except engine.Cancelled:
            caught = time.perf_counter()
            out["cancelled"] = True
            out["delay"] = caught - set_at[0]
            out["seconds"] = caught - t0
        finally:
            timer.cancel()
        out["fraction_done"] = fractions[-1] if fractions else 0.0
    elif mode != "baseline":
        raise SystemExit(f"unknown child mode {mode!r}")
    out["vm_hwm"] = _vm_hwm_bytes()
    return out


def run_child(mode: str) -> dict:
    """Run one child; return what it printed plus its ru_maxrss (bytes) from wait4."""
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", mode],
                            stdout=subprocess.PIPE, cwd=str(REPO_ROOT))
    stdout = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode!r} exited with status {proc.returncode}")
    out = json.loads(stdout.decode().strip().splitlines()[-1])
    out["ru_maxrss"] = usage.ru_maxrss * 1024  # Linux reports KiB
    return out


def mib(n: float) -> str:
    return f"{n / 2**20:8.1f} MiB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1,
                        help="big simulate runs (each between two baseline children)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0

    print(f"config: {json.dumps(BIG)}")
    baselines, runs = [run_child("baseline")], []
    for _ in range(args.repeats):
        runs.append(run_child("simulate"))
        baselines.append(run_child("baseline"))

    base = max(b["vm_hwm"] for b in baselines)
    print(f"\n{'child':<30} {'VmHWM':>12} {'ru_maxrss':>12}")
    for b in baselines:
        print(f"{'baseline (import only)':<30} {mib(b['vm_hwm']):>12} {mib(b['ru_maxrss']):>12}")
    for r in runs:
        print(f"{'simulate':<30} {mib(r['vm_hwm']):>12} {mib(r['ru_maxrss']):>12}")

    peak = max(max(r["vm_hwm"], r["ru_maxrss"]) for r in runs)
    print(f"\npeak RSS of simulate      {mib(peak)}")
    print(f"baseline (imports only)   {mib(base)}")
    print(f"simulate minus baseline   {mib(peak - base)}")
    print(f"target: peak ≤ {mib(TARGET_PEAK_BYTES).strip()}: "
          f"{'met' if peak <= TARGET_PEAK_BYTES else 'NOT met'}")

    secs = [r["seconds"] for r in runs]
    r0 = runs[0]
    print(f"\nrun time of simulate: {min(secs):.2f} s"
          + (f" (min of {len(secs)}, median {statistics.median(secs):.2f} s)"
             if len(secs) > 1 else ""))
    print(f"progress callbacks: {r0['progress_calls']} arrived, last fraction "
          f"{r0['last_fraction']}, non-decreasing: {r0['monotonic']}")
    print(f"result: log10 Var[h^L] = {r0['log10_forward_var_L']:.3f}, "
          f"log10 Var[∂ℓ/∂h^0] = {r0['log10_backward_var_0']:.3f}")

    c = run_child("cancel")
    if c["cancelled"]:
        ok = c["delay"] <= TARGET_CANCEL_SECONDS
        print(f"\ncancellation: should_stop flipped after {CANCEL_AFTER_SECONDS:g} s; "
              f"engine.Cancelled raised {1e3 * c['delay']:.1f} ms later "
              f"(at {c['seconds']:.2f} s, {100 * c['fraction_done']:.1f} % done); "
              f"target ≤ {1e3 * TARGET_CANCEL_SECONDS:.0f} ms: {'met' if ok else 'NOT met'}")
    else:
        print("\ncancellation: NOT met: the run finished without raising engine.Cancelled")
    print(f"peak RSS of the cancelled run: {mib(c['vm_hwm']).strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
