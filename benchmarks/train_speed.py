"""Training speed against PyTorch on the same MLP, and the peak memory of a big training.

Speed (depth 8 × width 256, relu, He normal, mini-batch 256, Adam, float32, task "teacher":
64 inputs, one regression output, mean squared error). Both contenders start from the same
weights (PyTorch's are copied from the engine's network) and see the same mini-batches, and
their first losses are checked to agree before timing:

- engine: `engine.training.Session.advance` — the engine's real loop, including what it records
  every `log_every` = 10 steps (per-layer variances, gradient norms, update ratios, the held-out
  loss on 256 held-out examples);
- engine, recording off: the same with `log_every` beyond the steps timed;
- torch: ``nn.Sequential`` of ``nn.Linear`` + ``nn.ReLU``, ``torch.optim.Adam`` (its default
  multi-tensor implementation), ``nn.MSELoss``: zero_grad, forward, loss, backward, step;
- torch, recording every 10 steps: the same, and at every 10th step what the engine records
  (log10 Var of every h^t and ∂ℓ/∂h^t through ``retain_grad``, ‖∂ℓ/∂W^t‖, the update ratio,
  dead fractions, the mean training loss, the held-out loss); its records are checked against
  the engine's before timing, so both time the same work.

Every contender runs `--chunk` steps per call; calls are interleaved round by round (the order
rotates, with a pause before each call so that BLAS/OpenMP threads left spinning by the previous
contender are idle) and both libraries use the same number of threads. The verdict is min/min
of the time per step (on a shared machine the minimum is the run least disturbed by others),
like against like: engine / torch ≤ 1.0 recording every 10 steps, and recording off.

Memory: depth 50 × width 1024 × mini-batch 128 (Adam, float32, task "teacher"): the peak RSS
(VmHWM) of a child process that builds the session and trains `MEMORY_STEPS` steps (recording
included), beside a child that only imports numpy and the engine; the same for PyTorch
(informative). No target was set; 52.5 M parameters × 4 bytes × 4 copies (weights, gradients,
Adam's two moments) are 0.84 GB at the least.

Run from anywhere: ``python benchmarks/train_speed.py [--rounds N] [--chunk STEPS]``. Exits 0
whether or not the target is met (a measurement, not a test).
"""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from benchmarks.engine_speed import measure  # noqa: E402
from engine.allocator import retain_freed_memory  # noqa: E402
from engine.threads import blas_threads  # noqa: E402

SPEED = {"depth": 8, "width": 256, "activation": "relu", "init": "he", "task": "teacher",
         "optimizer": "adam", "lr": 1e-3, "train_batch": 256, "steps": 1_000_000,
         "log_every": 10}
BIG = {**SPEED, "depth": 50, "width": 1024, "train_batch": 128}
MEMORY_STEPS = 3
TARGET = 1.0
_LIMITS: list = []


def _session(config_data):
    from engine import SimConfig
    from engine.training import Session

    return Session([SimConfig.from_dict(config_data)], ["bench"])


def make_engine(config_data, chunk: int):
    session = _session(config_data)
    session.advance(2)   # warm: the first pass, buffers

    def run():
        session.advance(chunk)
    return run, session


def make_torch(torch, session, chunk: int, log_every: int | None = None):
    """The same network, weights and mini-batches in PyTorch; returns (run, first losses,
    records). With `log_every`, every log_every-th step also records what the engine records
    (`torch_records`)."""
    net = session.runs[0].net
    layers = []
    for t, w in enumerate(net.weights, start=1):
        linear = torch.nn.Linear(w.shape[0], w.shape[1])
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(np.ascontiguousarray(w.T)))
            linear.bias.copy_(torch.from_numpy(net.biases[t - 1].copy()))
        layers.append(linear)
        if t < net.depth:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=session.configs[0].lr)
    loss_fn = torch.nn.MSELoss()
    batches = [tuple(torch.from_numpy(np.ascontiguousarray(a)) for a in session.batch(s))
               for s in range(chunk)]
    losses = []

    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    heldout = tuple(torch.from_numpy(np.ascontiguousarray(a))
                    for a in (session.task.x_heldout, session.task.y_heldout))
    records: list[dict] = []
    state = {"step": 0, "losses": [], "before": None}

    def step(x, y):
        s = state["step"]
        record = log_every is not None and s % log_every == 0
        opt.zero_grad(set_to_none=True)
        if record:
            out, hs, dead = _recorded_forward(torch, linears, x)
        else:
            out = model(x)
        loss = loss_fn(out, y)
        loss.backward()
        if log_every is not None:
            state["losses"].append(loss.detach())
        if record:
            records.append(_torch_record(torch, model, linears, loss_fn, hs, dead, heldout,
                                         state))
        if log_every is not None and (s + 1) % log_every == 0:   # the update ratio's ‖W‖, W
            state["before"] = [lin.weight.detach().clone() for lin in linears]
        opt.step()
        if state["before"] is not None:
            with torch.no_grad():
                state["ratio"] = [float((lin.weight - w).norm() / w.norm())
                                  for lin, w in zip(linears, state["before"])]
            state["before"] = None
        state["step"] = s + 1
        return loss

    def run():
        for x, y in batches:
            step(x, y)

    def first(n):
        for x, y in batches[:n]:
            losses.append(step(x, y).item())
        return losses
    return run, first, records


def _recorded_forward(torch, linears, x):
    """The forward pass keeping every h^t (t = 0 … L) for its variance and its gradient, and
    each hidden layer's dead fraction."""
    h = x.clone().requires_grad_(True)   # ∂ℓ/∂h^0 too, as the engine records it
    hs, dead = [h], []
    for i, linear in enumerate(linears):
        p = linear(h)
        if i < len(linears) - 1:
            dead.append(float((p.detach().amax(dim=0) <= 0).float().mean()))
            h = torch.relu(p)
        else:
            h = p
        h.retain_grad()
        hs.append(h)
    return h, hs, dead


def _torch_record(torch, model, linears, loss_fn, hs, dead, heldout, state) -> dict:
    """What the engine records at a logged step: log10 Var of every h^t and ∂ℓ/∂h^t, ‖∂ℓ/∂W^t‖,
    the last update ratio, dead fractions, the mean training loss and the held-out loss."""
    with torch.no_grad():
        row = {"log10_forward_var": [float(torch.log10(h.detach().var(unbiased=False)))
                                     for h in hs],
               "log10_backward_var": [float(torch.log10(h.grad.var(unbiased=False)))
                                      for h in hs],
               "log10_weight_grad_norm": [float(torch.log10(lin.weight.grad.norm()))
                                          for lin in linears],
               "update_ratio": state.get("ratio"), "dead_fraction": dead,
               "train_loss": float(torch.stack(state["losses"]).mean()),
               "heldout_loss": float(loss_fn(model(heldout[0]), heldout[1]))}
    state["losses"] = []
    return row


def check_same_training(torch, steps: int = 5) -> float:
    """Largest relative difference of the first losses, engine against torch, from the same
    weights on the same mini-batches."""
    session = _session({**SPEED, "log_every": 1})
    _, first, records = make_torch(torch, session, steps, log_every=1)
    theirs = first(steps)
    session.advance(steps)
    ours = session.runs[0].book.step_rows["train_loss"][:steps]
    worst = max(abs(a - b) / abs(b) for a, b in zip(ours, theirs))
    # and the torch contender's records are the engine's: the same work is timed
    book = session.runs[0].book
    for name in ("log10_forward_var", "log10_backward_var"):
        for i in range(steps):
            assert np.allclose(records[i][name], book.layer_rows[name][i], atol=1e-3), name
    assert abs(records[0]["heldout_loss"] - book.step_rows["heldout_loss"][0]) \
        <= 1e-4 * abs(book.step_rows["heldout_loss"][0])
    return worst


# -- memory, in children ---------------------------------------------------------------------

def _vm_hwm() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def _child(mode: str) -> dict:
    importlib.import_module("engine.training")   # the baseline: imports only
    out = {"mode": mode}
    t0 = time.perf_counter()
    if mode == "engine":
        session = _session(BIG)
        session.advance(MEMORY_STEPS)
        out["steps"] = session.step
    elif mode == "torch":
        import torch
        session = _session({**BIG, "depth": 1, "width": 8})   # the data only
        x, y = (torch.from_numpy(np.ascontiguousarray(a)) for a in session.batch(0))
        widths = [x.shape[1]] + [BIG["width"]] * BIG["depth"] + [1]
        layers = []
        for t in range(1, len(widths)):
            layers.append(torch.nn.Linear(widths[t - 1], widths[t]))
            if t < len(widths) - 1:
                layers.append(torch.nn.ReLU())
        model = torch.nn.Sequential(*layers)
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        for _ in range(MEMORY_STEPS):
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.mse_loss(model(x), y)
            loss.backward()
            opt.step()
    elif mode == "torch-baseline":
        import torch  # noqa: F401
    out["seconds"] = time.perf_counter() - t0
    out["vm_hwm"] = _vm_hwm()
    return out


def run_child(mode: str) -> dict:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", mode],
                          capture_output=True, text=True, cwd=str(REPO_ROOT))
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode!r} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="timed rounds (default 15)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first")
    parser.add_argument("--chunk", type=int, default=20, help="steps per timed call")
    parser.add_argument("--gap", type=float, default=0.25, help="pause before each call (s)")
    parser.add_argument("--threads", type=int, default=0,
                        help="BLAS / torch threads for both (default: numpy's BLAS threads)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory children")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    retain_freed_memory()   # as the window's worker and the command line do (engine.allocator)
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0

    threads = args.threads or blas_threads()
    if args.threads:
        from threadpoolctl import threadpool_limits
        _LIMITS.append(threadpool_limits(limits=threads, user_api="blas"))   # kept in force
    print(f"speed: {json.dumps({k: v for k, v in SPEED.items() if k != 'steps'})}; "
          f"numpy {np.__version__}, BLAS threads {threads}; {args.chunk} steps per call")
    engine_run, _ = make_engine(SPEED, args.chunk)
    quiet_run, _ = make_engine({**SPEED, "log_every": 10**6}, args.chunk)
    contenders = {"engine (recording every 10 steps)": engine_run,
                  "engine (recording off)": quiet_run}
    try:
        import torch
    except Exception as exc:  # ImportError, or a broken install
        torch = None
        print(f"torch: skipped ({exc.__class__.__name__}: {exc})")
    if torch is not None:
        torch.set_num_threads(threads)
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; first losses "
              f"agree within {check_same_training(torch):.1e} (relative)")
        contenders["torch (recording every 10 steps)"] = make_torch(
            torch, _session(SPEED), args.chunk, log_every=SPEED["log_every"])[0]
        contenders["torch (Adam, autograd)"] = make_torch(torch, _session(SPEED), args.chunk)[0]
    times = measure(contenders, args.rounds, args.warmup, args.gap)
    print(f"\n{args.rounds} interleaved rounds ({args.warmup} warm-up rounds discarded)")
    print(f"{'contender':<36} {'min ms/step':>12} {'median ms/step':>15}")
    for name, ts in times.items():
        print(f"{name:<36} {1e3 * min(ts) / args.chunk:12.2f} "
              f"{1e3 * statistics.median(ts) / args.chunk:15.2f}")
    if torch is not None:
        print()
        for ours, theirs, what in (
                ("engine (recording every 10 steps)", "torch (recording every 10 steps)",
                 "recording every 10 steps"),
                ("engine (recording off)", "torch (Adam, autograd)", "recording off")):
            ratio = min(times[ours]) / min(times[theirs])
            per_round = statistics.median(a / b for a, b in zip(times[ours], times[theirs]))
            print(f"engine / torch, {what + ':':26s} min/min {ratio:.3f} (target ≤ {TARGET:.1f}: "
                  f"{'met' if ratio <= TARGET else 'NOT met'}); median of per-round ratios "
                  f"{per_round:.3f}")

    if not args.no_memory:
        print(f"\nmemory: depth {BIG['depth']} × width {BIG['width']} × mini-batch "
              f"{BIG['train_batch']}, Adam, {MEMORY_STEPS} steps")
        base = run_child("baseline")
        ours = run_child("engine")
        print(f"engine peak RSS {mib(ours['vm_hwm'])} ({mib(ours['vm_hwm'] - base['vm_hwm'])} "
              f"above the import baseline {mib(base['vm_hwm'])}); {ours['seconds']:.1f} s")
        if torch is not None:
            tb, tt = run_child("torch-baseline"), run_child("torch")
            print(f"torch  peak RSS {mib(tt['vm_hwm'])} ({mib(tt['vm_hwm'] - tb['vm_hwm'])} "
                  f"above its import baseline {mib(tb['vm_hwm'])}); {tt['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
