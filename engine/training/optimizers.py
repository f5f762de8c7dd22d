"""The optimizers, implemented once: sgd, momentum and adam on a flat parameter vector.

With g = ∂ℓ/∂θ + λ·θ on the weights (the gradient of ℓ + λ/2‖W‖²; biases are not decayed)
and η the learning rate, one step is (PyTorch's conventions, so results can be compared)::

    sgd:       θ ← θ − η g
    momentum:  v ← μ v + g,                 θ ← θ − η v                 (μ = 0.9)
    adam:      m ← β₁ m + (1 − β₁) g,       v ← β₂ v + (1 − β₂) g²,
               θ ← θ − η (m / (1 − β₁ᵏ)) / (√(v / (1 − β₂ᵏ)) + ε)    (k = the step number)

A step whose g² overflows Adam's second moment (v = ∞: no update moves those entries again)
sets `overflowed`, which stops the run as a divergence would. Every layer's parameters are
updated together, a piece of at most `PIECE` entries at a time
(the temporaries stay small and in cache, whatever the network's size); where numpy's BLAS runs
several threads, the pieces are shared among as many threads. Adam keeps m/(1 − β₁) and
v/(1 − β₂), which saves three array operations per step (the same numbers up to rounding).
"""

from __future__ import annotations

import math

import numpy as np

from ..layer_stats import sum_of_squares
from ..threads import pool

MOMENTUM = 0.9
BETA1, BETA2, EPSILON = 0.9, 0.999, 1e-8
PIECE = 1 << 18


class Optimizer:
    """One optimizer's state for a flat parameter vector of `size` entries.

    Parameters
    ----------
    name : "sgd", "momentum" or "adam".
    lr : η.
    weight_decay : λ, applied to the first `decayed` entries (the weights).
    threads : pieces are updated by this many threads at once (numpy releases the GIL in its
        loops); 1 in the window's worker, numpy's BLAS threads on the command line.
    """

    def __init__(self, name: str, lr: float, weight_decay: float, size: int, decayed: int,
                 dtype=np.float32, threads: int = 1):
        if name not in ("sgd", "momentum", "adam"):
            raise ValueError(f"unknown optimizer {name!r}")
        self.name, self.lr, self.weight_decay = name, float(lr), float(weight_decay)
        self.size, self.decayed = size, decayed
        self.steps = 0
        self.overflowed: int | None = None   # where adam's v first became ∞ (an offset)
        self.m = np.zeros(size, dtype) if name != "sgd" else None
        self.v = np.zeros(size, dtype) if name == "adam" else None
        self.threads = max(1, min(int(threads), -(-size // PIECE)))
        self._piece_size = PIECE if self.threads == 1 else PIECE // 4
        self._tmps = [np.empty(min(size, self._piece_size), dtype) for _ in range(self.threads)]

    def step(self, params: np.ndarray, grads: np.ndarray,
             ranges: list[tuple[int, int]] | None = None) -> np.ndarray | None:
        """Update `params` in place from `grads` (which receive the weight decay term).

        ranges : when given, (start, stop) ranges that together cover the vector once; the
            squared norm of the update within each is returned (the update ratio's numerator).
        """
        self.steps += 1
        pieces = []
        for i, (a, b) in enumerate(ranges if ranges is not None else [(0, self.size)]):
            cuts = {a, b, *range(a, b, self._piece_size)}
            if a < self.decayed < b:
                cuts.add(self.decayed)
            cuts = sorted(cuts)
            pieces += [(i, start, stop) for start, stop in zip(cuts[:-1], cuts[1:])]
        squares = np.zeros((self.threads, len(ranges) if ranges is not None else 1))
        overflowed: list[int | None] = [None] * self.threads   # each thread's first

        def work(k: int) -> None:   # thread k: pieces k, k + threads, …
            for i, start, stop in pieces[k:: self.threads]:
                delta = self._piece(params, grads, start, stop, self._tmps[k])
                if self.v is not None and overflowed[k] is None:
                    overflowed[k] = self._overflow(start, stop)
                if ranges is not None:
                    squares[k, i] += sum_of_squares(delta)

        if self.threads == 1:
            work(0)
        else:   # (numpy's error state is per thread: the helpers' too ignore overflows)
            others = [pool(self.threads - 1).submit(_quietly, work, k)
                      for k in range(1, self.threads)]
            work(0)
            for future in others:
                future.result()
        found = [offset for offset in overflowed if offset is not None]
        if found and self.overflowed is None:
            self.overflowed = min(found)   # the lowest, whichever thread saw it first
        return squares.sum(axis=0) if ranges is not None else None

    def _overflow(self, a: int, b: int) -> int | None:
        """The first entry of v[a:b] that is ∞ (g² beyond float32: every later step of it is
        0, as in PyTorch, so training stops without a NaN); None if there is none. (The max:
        one pass over a piece in cache, beside Adam's ten.)"""
        v = self.v[a:b]
        if math.isfinite(float(v.max())):
            return None
        return a + int(np.argmax(~np.isfinite(v)))

    def _piece(self, params, grads, a: int, b: int, tmp: np.ndarray) -> np.ndarray:
        """Update params[a:b] (all weights or all biases); returns the update Δθ there."""
        p, g, tmp = params[a:b], grads[a:b], tmp[: b - a]
        f = p.dtype.type
        if self.weight_decay and a < self.decayed:
            np.multiply(p, f(self.weight_decay), out=tmp)
            g += tmp
        if self.name == "sgd":
            np.multiply(g, f(-self.lr), out=tmp)
        elif self.name == "momentum":
            m = self.m[a:b]
            m *= f(MOMENTUM)
            m += g
            np.multiply(m, f(-self.lr), out=tmp)
        else:   # m and v are kept as m/(1 − β₁) and v/(1 − β₂): two multiplications fewer
            m, v, k = self.m[a:b], self.v[a:b], self.steps
            m *= f(BETA1)
            m += g
            v *= f(BETA2)
            np.multiply(g, g, out=tmp)
            v += tmp
            c1 = (1.0 - BETA1) / (1.0 - BETA1**k)             # m̂ = c1·m
            c2 = math.sqrt((1.0 - BETA2) / (1.0 - BETA2**k))  # √v̂ = c2·√v
            np.sqrt(v, out=tmp)
            tmp += f(EPSILON / c2)
            np.divide(m, tmp, out=tmp)
            tmp *= f(-self.lr * c1 / c2)
        p += tmp
        return tmp


def _quietly(work, k: int) -> None:
    with np.errstate(all="ignore"):
        work(k)

