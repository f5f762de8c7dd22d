"""Standardized random draws (input, read-out direction, weights, biases) and their cache.

Every array comes from its own seeded stream, ``SeedSequence([seed, trial, kind, layer])``, so
a draw is the same whether it is cached, regenerated for the backward pass, or drawn in
another order. The cache lets a slider drag over gain, γ, the init rule, the activation or the
bias scale reuse the same standardized draws: only scalars change between those configs.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import partial
from typing import Callable

import numpy as np

from .initializers import standardized_weights
from .threads import map_on

_INPUT, _READOUT, _WEIGHT, _BIAS = range(4)
DEFAULT_BUDGET_BYTES = 800 * 10**6   # (in decimal units, as the app says sizes: 800 MB)
# The distributions whose draws fill a matrix entry by entry in order: its first rows are
# those of the whole (`Draws.weight_rows`).
ROW_BY_ROW = ("normal", "uniform")


def random_stream(seed: int, trial: int, kind: int, layer: int) -> np.random.Generator:
    """The seeded stream ``SeedSequence([seed, trial, kind, layer])``: the simulation's draws
    (kinds 0–3 here) and the training's data and mini-batch order (its own kinds)."""
    return np.random.default_rng(np.random.SeedSequence([seed, trial, kind, layer]))


class DrawCache:
    """A byte-bounded LRU of standardized draws, owned by one caller (not thread-safe).

    Parameters
    ----------
    budget_bytes : the most it keeps; a draw larger than a quarter of it is never kept.
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES):
        self.budget_bytes = int(budget_bytes)
        self._items: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, make) -> np.ndarray:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
            self.hits += 1
            return item
        self.misses += 1
        item = make()
        item.flags.writeable = False  # shared between runs: nobody may scale it in place
        if item.nbytes <= self.budget_bytes // 4:
            self._items[key] = item
            self._bytes += item.nbytes
            while self._bytes > self.budget_bytes:
                _, old = self._items.popitem(last=False)
                self._bytes -= old.nbytes
        return item

    def __contains__(self, key: tuple) -> bool:
        return key in self._items

    @property
    def nbytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        self._items.clear()
        self._bytes = 0


class Draws:
    """The standardized draws of one config and trial, from a cache or made on demand.

    `cache_weights` is False when the config's weights would not fit the cache's budget; they
    are then regenerated whenever needed (same values, from the same streams).
    """

    def __init__(self, config, trial: int, cache: DrawCache | None):
        self.config = config
        self.trial = trial
        self.cache = cache
        w = config.widths
        weight_bytes = 4 * sum(w[t - 1] * w[t] for t in range(1, len(w)))
        self.cache_weights = cache is not None and weight_bytes <= cache.budget_bytes // 2

    def _get(self, key: tuple, make, keep: bool = True) -> np.ndarray:
        if self.cache is not None and keep:
            return self.cache.get(key, make)
        return make()

    def input(self) -> np.ndarray:
        """x: batch × n_0, i.i.d. N(0, 1) (the same for every trial)."""
        return self._get(self._input_key(), self._draw_input)

    def readout(self) -> np.ndarray:
        """g = ∂ℓ/∂h^L: batch × n_L, i.i.d. N(0, 1) (the same for every trial)."""
        return self._get(self._readout_key(), self._draw_readout)

    def weight(self, t: int) -> np.ndarray:
        """Standardized (W^t)ᵀ: n_{t-1} × n_t with unit-mean-square entries."""
        return self._get(self._weight_key(t), lambda: self._draw_weight(t),
                         keep=self.cache_weights)

    def ahead(self, layers, threads: int = 1, between: Callable[[], None] | None = None
              ) -> tuple[np.ndarray, np.ndarray, dict[int, np.ndarray]]:
        """`input()`, `readout()` and the weights of `layers`; those not cached are drawn on
        `threads` threads at once, each from its own stream: the same values in any order.
        `between()` runs after each of the caller's draws and while it waits for the others
        (`threads.map_on`): it may raise to stop them."""
        wanted = [(self._input_key(), self._draw_input, True),
                  (self._readout_key(), self._draw_readout, True)]
        wanted += [(self._weight_key(t), partial(self._draw_weight, t), self.cache_weights)
                   for t in layers]
        missing = [(key, make) for key, make, keep in wanted
                   if not (keep and self.cache is not None and key in self.cache)]
        drawn = dict(zip((key for key, _ in missing),
                         map_on(threads, lambda item: item[1](), missing, between)))
        # (a draw counted as cached may be evicted by those added before it: drawn again)
        got = [self._get(key, lambda key=key, make=make: drawn[key] if key in drawn else make(),
                         keep)
               for key, make, keep in wanted]
        return got[0], got[1], dict(zip(layers, got[2:]))

    def _input_key(self) -> tuple:
        c = self.config
        return ("x", c.seed, c.batch, c.widths[0])

    def _readout_key(self) -> tuple:
        c = self.config
        return ("g", c.seed, c.batch, c.widths[-1])

    def _draw_input(self) -> np.ndarray:
        c = self.config
        return random_stream(c.seed, 0, _INPUT, 0).standard_normal((c.batch, c.widths[0]),
                                                                   dtype=np.float32)

    def _draw_readout(self) -> np.ndarray:
        c = self.config
        return random_stream(c.seed, 0, _READOUT, 0).standard_normal((c.batch, c.widths[-1]),
                                                                     dtype=np.float32)

    def _weight_key(self, t: int) -> tuple:
        c = self.config
        return ("w", c.seed, self.trial, t, c.widths[t - 1], c.widths[t], c.distribution)

    def _draw_weight(self, t: int) -> np.ndarray:
        c = self.config
        return standardized_weights(random_stream(c.seed, self.trial, _WEIGHT, t), c.widths[t - 1],
                                    c.widths[t], c.distribution)

    def weight_rows(self, t: int, rows: int) -> np.ndarray:
        """The first `rows` rows of `weight(t)`, the same numbers, without drawing the rest:
        for the distributions drawn entry by entry in order (normal, uniform); a truncated
        normal's rejections and an orthogonal's QR need the whole matrix."""
        c = self.config
        if c.distribution not in ROW_BY_ROW:
            raise ValueError(f"the first rows of a {c.distribution} draw are not its own")
        return standardized_weights(random_stream(c.seed, self.trial, _WEIGHT, t),
                                    min(rows, c.widths[t - 1]), c.widths[t], c.distribution)

    def bias(self, t: int) -> np.ndarray:
        """Standardized b^t: n_t i.i.d. N(0, 1)."""
        c = self.config
        n = c.widths[t]
        return self._get(("b", c.seed, self.trial, t, n), lambda: random_stream(
            c.seed, self.trial, _BIAS, t).standard_normal(n, dtype=np.float32))
