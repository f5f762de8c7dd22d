"""Copy as PyTorch / Keras, checked with the real libraries: the snippets run and their networks
are InitLab's, within sampling error.

For each config (every init × distribution, relu / tanh / leaky relu / selu / gelu and the other
activations, uniform and unequal widths, gain ≠ 1, bias ≠ 0) the script executes
`engine.code_torch.torch_code` and `engine.code_keras.keras_code` for `SEEDS` seeds, pushes
`BATCH` N(0, 1) inputs forward and the random read-out ℓ = Σ g·h^L (g ~ N(0, 1)) backward
through the library's own network (autograd), and compares the mean over seeds of each layer's
log10 variance of h^t and ∂ℓ/∂h^t with the mean over as many seeds of InitLab's Monte Carlo
(`engine.monte_carlo`).

Tolerance: at every layer |Δ| ≤ 5 standard errors of the difference of the two means (each
side's spread over its seeds, measured) + 0.01 decades. A layer where both sides are exactly 0
(init zeros) agrees; 0 on one side only fails. Keras 3 runs on its torch backend
(``KERAS_BACKEND=torch`` is set unless another backend was chosen, which is then skipped). A
library that is not installed is skipped.

Then the traps of issue 12 are planted in a snippet one at a time (PyTorch's trunc_normal_ and
Keras' TruncatedNormal without the rescale, orthogonal_ with gain 1, He times
calculate_gain("relu"), SELU times calculate_gain("selu")): each must FAIL, which shows that
the tolerance tells them apart. Run from the repository root:

    python benchmarks/code_check.py            # both libraries
    python benchmarks/code_check.py torch      # one of them
"""

from __future__ import annotations

import importlib
import math
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("KERAS_BACKEND", "torch")

from engine import SimConfig, monte_carlo  # noqa: E402
from engine.code_keras import keras_code  # noqa: E402
from engine.code_torch import torch_code  # noqa: E402

SEEDS = 12
BATCH = 512
SIGMAS = 5.0
FLOOR = 0.01   # decades: float32 arithmetic, and the log of a variance of ~10⁵ numbers
UNIFORM = "128x11"
UNEQUAL = "96, 192, 64x3, 256, 128x4, 32"
ROWS_ACTIVATIONS = ("relu", "tanh", "leaky_relu", "selu", "gelu")


def configs() -> list[tuple[str, SimConfig]]:
    """The configs checked: (label, config)."""
    out = []
    k = 0
    for init in ("constant", "xavier", "he", "lecun"):
        for distribution in ("normal", "uniform", "truncated_normal", "orthogonal"):
            activation = ROWS_ACTIVATIONS[k % len(ROWS_ACTIVATIONS)]
            mode = ("fan_in", "fan_out", "fan_avg")[k % 3]
            values = {"init": init, "distribution": distribution, "activation": activation,
                      "widths": (UNIFORM, UNEQUAL)[k % 2], "gain": (1.0, 1.25, 0.8)[k % 3],
                      "bias_std": (0.0, 0.0, 0.2)[k % 3], "negative_slope": 0.2,
                      "variance": 1 / 128, "mode": mode}
            out.append((_label(values), SimConfig.from_dict(values)))
            k += 1
    extra = [
        {"init": "zeros", "activation": "relu", "bias_std": 0.1, "widths": UNIFORM},
        {"init": "he", "activation": "leaky_relu", "negative_slope": -0.3, "widths": UNEQUAL,
         "distribution": "normal", "mode": "fan_in", "gain": 1.0},
        # the written γ squares a negative slope (it had read -0.5**2, i.e. −0.25)
        {"init": "he", "activation": "leaky_relu", "negative_slope": -0.5, "widths": UNEQUAL,
         "distribution": "truncated_normal", "mode": "fan_avg", "gain": 1.0},
        {"init": "xavier", "activation": "identity", "widths": UNEQUAL},
        {"init": "xavier", "activation": "linear", "alpha": 1.1, "beta": 0.3, "widths": UNIFORM},
        {"init": "xavier", "activation": "sigmoid", "widths": UNIFORM, "gain": 2.0},
        {"init": "xavier", "activation": "sigmoid_scaled", "widths": UNEQUAL},
        {"init": "he", "activation": "elu", "widths": UNIFORM, "distribution": "uniform"},
        {"init": "he", "activation": "swish", "widths": UNEQUAL, "bias_std": 0.3},
        {"init": "lecun", "activation": "softplus", "widths": UNIFORM,
         "distribution": "truncated_normal"},
        {"init": "lecun", "activation": "selu", "widths": UNIFORM, "gain": 1.0},
    ]
    for values in extra:
        out.append((_label(values), SimConfig.from_dict(values)))
    return out


def _label(values: dict) -> str:
    config = SimConfig.from_dict(values)
    parts = [config.init, config.distribution if config.init != "zeros" else "—",
             config.activation, "uniform" if config.uniform_widths else "unequal"]
    if config.init in ("he", "lecun"):
        parts.append(config.mode)
    if config.gain != 1.0:
        parts.append(f"g={config.gain:g}")
    if config.bias_std:
        parts.append(f"b={config.bias_std:g}")
    if config.activation == "leaky_relu":
        parts.append(f"a={config.negative_slope:g}")
    return " ".join(parts)


def traps() -> list[tuple[str, str, SimConfig, object]]:
    """The conventions issue 12 measured, planted in a snippet: (label, library, config, edit).
    Each must FAIL, or the check could not tell them from InitLab's network."""
    def sub(pattern, replacement):
        return lambda source: re.sub(pattern, replacement, source, flags=re.S)

    tanh = {"activation": "tanh", "widths": UNIFORM}
    return [
        ("trunc_normal_(std=√γ, a=-2√γ, b=2√γ), not rescaled", "torch",
         SimConfig.from_dict({**tanh, "init": "xavier", "distribution": "truncated_normal"}),
         sub(r"/ 0\.8796256610342398", "")),
        ("TruncatedNormal(stddev=√γ), not rescaled", "keras",
         SimConfig.from_dict({**tanh, "init": "constant", "variance": 1 / 128,
                              "distribution": "truncated_normal"}),
         sub(r'keras\.initializers\.VarianceScaling\(.*?"truncated_normal"\)',
             "keras.initializers.TruncatedNormal(stddev=gamma(n_in, n_out) ** 0.5)")),
        ("orthogonal_(w) with gain 1, LeCun fan_in, unequal", "torch",
         SimConfig.from_dict({"activation": "relu", "widths": UNEQUAL, "init": "lecun",
                              "distribution": "orthogonal"}),
         sub(r"gain=math\.sqrt\(gamma\(n_in, n_out\) \* max\(n_in, n_out\)\)", "gain=1.0")),
        ("He × calculate_gain('relu')", "torch",
         SimConfig.from_dict({"activation": "relu", "widths": UNIFORM, "init": "he"}),
         sub(r'(nonlinearity="relu"\))', r'\1\n    with torch.no_grad():\n'
             r'        layer.weight *= nn.init.calculate_gain("relu")')),
        ("SELU with gain calculate_gain('selu') = 3/4", "torch",
         SimConfig.from_dict({"activation": "selu", "widths": UNIFORM, "init": "lecun"}),
         sub(r'(nonlinearity="linear"\))', r'\1\n    with torch.no_grad():\n'
             r'        layer.weight *= nn.init.calculate_gain("selu")')),
    ]


def _log10_var(tensor) -> float:
    var = tensor.detach().double().var(unbiased=False).item()
    return math.log10(var) if var > 0 else -math.inf


def library_profile(torch, library: str, config: SimConfig, seed: int,
                    edit=None) -> np.ndarray:
    """(2, L+1): log10 Var of h^t and of ∂ℓ/∂h^t through the library's network for `seed`;
    `edit` (source → source) plants a trap in the snippet first."""
    make = torch_code if library == "torch" else keras_code
    source = make(config.with_values(seed=seed))
    if edit is not None:
        edited = edit(source)
        assert edited != source, "the trap was not planted"
        source = edited
    namespace: dict = {}
    exec(compile(source, f"<{library}>", "exec"), namespace)
    model = namespace["model"]
    modules = list(model) if library == "torch" else list(model.layers)
    is_linear = ((lambda m: isinstance(m, torch.nn.Linear)) if library == "torch" else
                 (lambda m: type(m).__name__ == "Dense"))
    generator = torch.Generator().manual_seed(10_000 + seed)
    x = torch.randn(BATCH, config.widths[0], generator=generator).requires_grad_(True)
    g = torch.randn(BATCH, config.widths[-1], generator=generator)
    h, outputs = x, [x]
    for i, module in enumerate(modules):
        h = module(h)
        if i + 1 == len(modules) or is_linear(modules[i + 1]):   # h^t: after σ
            h.retain_grad()
            outputs.append(h)
    assert len(outputs) == len(config.widths), (library, len(outputs))
    (h * g).sum().backward()
    return np.array([[_log10_var(o) for o in outputs],
                     [_log10_var(o.grad) for o in outputs]])


def engine_profiles(config: SimConfig) -> np.ndarray:
    """(SEEDS, 2, L+1): InitLab's Monte Carlo, one row per seed.

    Seeds, not trials: the trials of one seed share its input batch and read-out, so their
    spread leaves out what a new input batch changes (up to ~0.03 decades at depth 10 here),
    while every library run draws its own."""
    out = []
    for seed in range(SEEDS):
        mc = monte_carlo(config.with_values(batch=BATCH, trials=1, seed=seed))
        out.append([mc.trial_log10_forward_var[0], mc.trial_log10_backward_var[0]])
    out = np.array(out, dtype=float)
    return np.where(np.isfinite(out), out, -np.inf)


def compare(ours: np.ndarray, theirs: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """(Δ of the means, tolerance, pass) per direction and layer; non-finite on both sides
    (exactly zero variance) counts as agreement, with Δ = 0."""
    both_zero = np.all(np.isneginf(ours), axis=0) & np.all(np.isneginf(theirs), axis=0)
    finite = np.all(np.isfinite(ours), axis=0) & np.all(np.isfinite(theirs), axis=0)
    a = np.where(finite, ours, 0.0)
    b = np.where(finite, theirs, 0.0)
    n = len(ours)
    se = np.sqrt(a.var(axis=0, ddof=1) / n + b.var(axis=0, ddof=1) / len(theirs))
    diff = np.where(finite, a.mean(axis=0) - b.mean(axis=0), np.where(both_zero, 0.0, np.inf))
    tol = SIGMAS * se + FLOOR
    ok = bool(np.all(np.abs(diff) <= tol))
    return diff, tol, ok


def available(libraries: list[str]):
    """{library: torch module} for the libraries that can run here; prints why not."""
    out = {}
    try:
        torch = importlib.import_module("torch")
    except ImportError:
        print("torch is not installed: both libraries skipped (Keras runs on its torch backend)")
        return out
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    if "torch" in libraries:
        out["torch"] = torch
    if "keras" in libraries:
        if os.environ["KERAS_BACKEND"] != "torch":
            print(f"KERAS_BACKEND={os.environ['KERAS_BACKEND']}: Keras skipped (this check "
                  "differentiates through its torch backend)")
        else:
            try:
                keras = importlib.import_module("keras")
                print(f"keras {keras.__version__} (backend {keras.backend.backend()}), "
                      f"torch {torch.__version__}")
                out["keras"] = torch
            except ImportError:
                print("keras is not installed: skipped (pip install keras)")
    if "torch" in out and "keras" not in out:
        print(f"torch {torch.__version__}")
    return out


def main(argv: list[str]) -> int:
    libraries = [a for a in argv if a in ("torch", "keras")] or ["torch", "keras"]
    runners = available(libraries)
    if not runners:
        return 0
    print(f"{SEEDS} seeds × batch {BATCH} per side; Δ = library − InitLab, mean over seeds of "
          f"log10 Var, in decades; tolerance {SIGMAS:g} standard errors + {FLOOR} at each layer")
    print(f"{'config':<52} {'lib':<5} {'L':>3} {'Δfwd L':>7} {'Δbwd 0':>7} "
          f"{'max|Δ|':>7} {'max|Δ|/tol':>10}  result")
    failures, worst, start = 0, 0.0, time.perf_counter()
    for label, config in configs():
        engine = engine_profiles(config)
        for library, torch in runners.items():
            ours = np.array([library_profile(torch, library, config, seed)
                             for seed in range(SEEDS)])
            diff, tol, ok = compare(ours, engine)
            ratio = float(np.max(np.abs(diff) / tol))
            worst = max(worst, ratio)
            failures += not ok
            print(_row(label, library, config, diff, ratio, "PASS" if ok else "FAIL"))
    print(f"{failures} failed; worst max|Δ|/tol {worst:.2f}; {time.perf_counter() - start:.0f} s")
    print("\nTraps planted in a snippet (each must FAIL: the check sees the conventions differ)")
    missed = 0
    for label, library, config, edit in traps():
        if library not in runners:
            continue
        engine = engine_profiles(config)
        ours = np.array([library_profile(runners[library], library, config, seed, edit)
                         for seed in range(SEEDS)])
        diff, tol, ok = compare(ours, engine)
        missed += ok
        print(_row(label, library, config, diff, float(np.max(np.abs(diff) / tol)),
                   "MISSED" if ok else "detected"))
    return 1 if failures or missed else 0


def _row(label, library, config, diff, ratio, result) -> str:
    return (f"{label:<52} {library:<5} {config.depth:>3} {diff[0, -1]:>+7.3f} "
            f"{diff[1, 0]:>+7.3f} {np.max(np.abs(diff)):>7.3f} {ratio:>10.2f}  {result}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
