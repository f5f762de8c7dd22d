"""The trained network: the config's stack plus a linear output layer, with parameter gradients.

For t = 1 … L (L = config.depth + 1; the last layer is the linear output)::

    h'^t = h^{t-1} W^t + b^t,   h^t = σ(h'^t) (t < L),   output = h'^L,
    ∂ℓ/∂W^t = (h^{t-1})ᵀ δ^t,   ∂ℓ/∂b^t = Σ_batch δ^t,   ∂ℓ/∂h^{t-1} = δ^t (W^t)ᵀ,
    δ^t = ∂ℓ/∂h'^t = σ'(h'^t) ⊙ ∂ℓ/∂h^t.

This is the static pass's model (`engine.passes`) with real weights: training changes the
weights, so it cannot use the pass's standardized draws and log scales, but its weights start as
exactly those draws — W^t = √γ_t Z_t with Z_t from `engine.draws.Draws` and γ_t from
`engine.initializers` (the same numbers as the static view wherever the widths agree) — and
its per-layer statistics are the static view's (`engine.layer_stats`). σ and σ' are the
activation's own (`engine.activations`).

Parameters live in one flat vector (the weights of every layer, then the biases), and so do
their gradients: the optimizer updates all of them in a few array operations. Weights are kept
as (W^t)ᵀ, n_{t-1} × n_t, the engine's convention (batches are rows).
"""

from __future__ import annotations

import math

import numpy as np

from ..activations import activation_for
from ..config_fields import ConfigError
from ..draws import DrawCache, Draws
from ..initializers import layer_variances
from ..layer_stats import ones, pooled_var, sum_of_squares

# Activations whose units can die (σ' = 0, or the leak only, for every input).
RELU_LIKE = ("relu", "leaky_relu")
MAX_TRAIN_BYTES = 6 * 10**9   # in GB as the window and the command line say memory
EVAL_ROWS = 1024
DROPOUT_STREAM = 0xD40   # the dropout masks' stream: SeedSequence([seed, DROPOUT_STREAM])
# Units of a layer count as identical when they differ by less than this, relative to the
# layer's largest value (float32 products summed in different orders differ in the last bits).
IDENTICAL_TOLERANCE = 1e-5
# Vanishing runs fill layers with subnormal numbers (float32: below 1.2e-38), and subnormal
# operands or results make many CPUs' arithmetic 10–100× slower: the lecture's "γ too small"
# (depth 50) took 0.45 s a step instead of 0.02 s. So every record notes each layer's largest
# |entry| of h^t, δ^t and W^t; a layer whose h^t or δ^t was then within WATCH_DECADES of the
# smallest normal number (tiny) is watched until the next record. In a pass that records
# nothing, a product of a watched layer (h^{t-1}W^t, (h^{t-1})ᵀδ^t, δ^t(W^t)ᵀ) whose terms are
# all below 10^NEGLIGIBLE_DECADES·tiny (max|a|·max|b|; W^t's max from the record with
# MARGIN_DECADES, as its own gradient is as tiny) is set to 0 without computing it, and the
# subnormal entries of a watched layer are set to 0. Every entry so dropped is below
# n·1.2e-36 (1e-30 for n up to a million): a weight update below 1e-29 with SGD (lr ≤ 10) or
# 1e-21 with Adam (lr/ε ≤ 1e9), below float32's resolution of any weight above 1e-13.
# Recorded passes are computed in full.
WATCH_DECADES = 18.0
NEGLIGIBLE_DECADES = 2.0
MARGIN_DECADES = 1.0


def log10_var(a: np.ndarray) -> float:
    """log10 of the pooled (ddof 0) variance of every entry of `a`, as the static view
    computes it (`engine.layer_stats`): −inf when exactly 0, NaN when not finite or when `a`
    holds one value (width 1 over a mini-batch of 1: no variance, not a zero one, which had
    read "no gradient reaches layer 1" while its weights learned)."""
    if a.size == 1:
        return math.nan
    with np.errstate(over="ignore", invalid="ignore"):   # a non-finite entry: NaN or inf
        var = float(pooled_var(a))
    if var == 0.0:
        return -math.inf
    return math.log10(var) if 0.0 < var < math.inf else math.nan


def layer_count(config) -> int:
    """How many layers t = 0 … L the network trained on `config` has (L = config.depth + 1,
    the linear output last): the columns of a RunHistory's layer arrays."""
    return config.depth + 2


class Network:
    """The config's network with `inputs` inputs and a linear output layer of `outputs` units.

    Parameters
    ----------
    config : SimConfig; its widths n_1 … n_L, activation, init rule, distribution, gain,
        bias_std and seed (n_0 is replaced by `inputs`).
    inputs, outputs : the task's input and output widths.
    dtype : float32 (training) or float64 (gradient checks).
    bias : give every layer a bias b^t = bias_std · ξ_t (trained); False: no biases at all.
    cache : standardized draws to reuse (`engine.draws.DrawCache`).
    """

    def __init__(self, config, inputs: int, outputs: int, *, dtype=np.float32, bias: bool = True,
                 cache: DrawCache | None = None):
        self.config = config.with_values(widths=(inputs,) + tuple(config.widths[1:]) + (outputs,))
        widths = self.widths = self.config.widths
        self.depth = L = len(widths) - 1
        self.dtype = np.dtype(dtype)
        self.act = activation_for(config)
        self.relu_like = config.activation in RELU_LIKE
        shapes = [(widths[t - 1], widths[t]) for t in range(1, L + 1)]
        self.n_weights = sum(a * b for a, b in shapes)
        size = self.n_weights + (sum(widths[1:]) if bias else 0)
        _refuse_beyond(_training_bytes(widths, config.train_batch, self.dtype.itemsize, bias,
                                       config.dropout > 0), MAX_TRAIN_BYTES)
        self.params = np.zeros(size, self.dtype)
        self.grads = np.zeros(size, self.dtype)
        self.segments: list[tuple[int, int]] = []   # the weights of each layer in `params`
        start = 0
        for a, b in shapes:
            self.segments.append((start, start + a * b))
            start += a * b
        self.weights = [self.params[i:j].reshape(s) for (i, j), s in zip(self.segments, shapes)]
        self.grad_weights = [self.grads[i:j].reshape(s) for (i, j), s in zip(self.segments, shapes)]
        self.biases = self.grad_biases = None
        if bias:
            ends = np.cumsum((self.n_weights,) + widths[1:])
            self.biases = [self.params[i:j] for i, j in zip(ends[:-1], ends[1:])]
            self.grad_biases = [self.grads[i:j] for i, j in zip(ends[:-1], ends[1:])]
        self._initialize(cache)
        self.dropout = float(config.dropout)
        self._dropout_rng = np.random.default_rng(np.random.SeedSequence([config.seed,
                                                                          DROPOUT_STREAM]))
        self._inputs: list[np.ndarray | None] = [None] * L   # h^{t-1} of layer t, kept
        self._masks: list[np.ndarray | None] = [None] * L    # its dropout mask / (1 − p)
        self._dropped: list[np.ndarray | None] = [None] * L  # … and h^{t-1} · mask
        self._masks_from = None   # the masks' stream where the last kept pass began
        self._slopes: list[np.ndarray | None] = [None] * L   # σ'(h'^t), t = 1 … L − 1
        self._bottom = np.zeros(1, self.dtype)               # δ^1 of the last backward pass
        # log10 max|h^t|, max|δ^t| and max|W^t| at the last record (t = 0 … L; WATCH_DECADES)
        self._top_h, self._top_delta, self._top_w = (np.zeros(L + 1) for _ in range(3))
        self._tiny = np.finfo(self.dtype).tiny
        self._log10_tiny = math.log10(self._tiny)
        self._watch = self._log10_tiny + WATCH_DECADES

    def _initialize(self, cache) -> None:
        """W^t = √γ_t Z_t and b^t = σ_b ξ_t from the static view's draws (trial 0)."""
        draws = Draws(self.config, 0, cache)
        for t, (w, gamma) in enumerate(zip(self.weights, layer_variances(self.config)), start=1):
            np.multiply(draws.weight(t).astype(self.dtype), self.dtype.type(math.sqrt(gamma)),
                        out=w)
            if self.biases is not None and self.config.bias_std > 0:
                np.multiply(draws.bias(t).astype(self.dtype),
                            self.dtype.type(self.config.bias_std), out=self.biases[t - 1])

    # -- passes ---------------------------------------------------------------------------------
    def forward(self, x: np.ndarray, *, keep: bool = True, record: bool = False,
                exact: bool | None = None):
        """The output for inputs `x` (B × n_0).

        keep : store h^{t-1} and σ'(h'^t) for `backward`.
        record : also return log10 Var[h^t] (t = 0 … L) and the dead fraction of each layer
            (NaN where σ is not relu-like, and at layers 0 and L).

        A pass that keeps (a training step's) drops each hidden unit with probability
        `dropout` and scales the rest by 1/(1 − dropout) (inverted dropout); h^t recorded and
        kept are the units' values before it, and `backward` applies the same masks.
        exact : compute subnormal results too (default: when recording; WATCH_DECADES).

        Returns the output, or (output, log10 forward variances, dead fractions) when recording.
        """
        L = self.depth
        exact = record if exact is None else exact
        h = np.asarray(x, dtype=self.dtype)
        drop = keep and self.dropout > 0
        mask = None   # h's dropout mask, scaled
        if drop:
            self._masks_from = self._dropout_rng.bit_generator.state
        if record:
            fwd, dead = np.full(L + 1, np.nan), np.full(L + 1, np.nan)
            fwd[0] = log10_var(h)
        for t in range(1, L + 1):
            w = self.weights[t - 1]
            if record:
                self._top_h[t - 1], self._top_w[t] = _log10_max_abs(h), _log10_max_abs(w)
            a = h if mask is None else h * mask   # the layer's input, after dropout
            if not exact and self._top_h[t - 1] < self._watch \
                    and self._negligible(a, self._top_w[t] + MARGIN_DECADES):
                p = np.zeros((h.shape[0], w.shape[1]), self.dtype)
            else:
                p = a @ w
            if self.biases is not None:
                p += self.biases[t - 1]
            if keep:
                self._inputs[t - 1], self._masks[t - 1] = h, mask
                self._dropped[t - 1] = a if mask is not None else None
            if t == L:
                h = p
            elif keep:
                h, self._slopes[t - 1] = self.act.values_and_slopes(p)
            else:
                h = self.act.f(p)
            if drop and t < L:   # ∂(σ(p)·m)/∂p = σ'(p)·m: the mask joins the slope
                mask = (self._dropout_rng.random(h.shape, dtype=np.float32)
                        >= self.dropout).astype(self.dtype)
                mask *= self.dtype.type(1.0 / (1.0 - self.dropout))
                self._slopes[t - 1] = self._slopes[t - 1] * mask
            if not exact and self._top_h[t] < self._watch:
                np.copyto(h, 0, where=np.abs(h) < self._tiny)   # h^t: this pass's own array
            if record:
                fwd[t] = log10_var(h)
                if self.relu_like and t < L:
                    dead[t] = np.count_nonzero(p.max(axis=0) <= 0) / p.shape[1]
        if record:
            self._top_h[L] = _log10_max_abs(h)
        return (h, fwd, dead) if record else h

    def backward(self, d_out: np.ndarray, *, record: bool = False,
                 exact: bool | None = None) -> np.ndarray | None:
        """Parameter gradients (into `grads`) from ∂ℓ/∂output, after `forward(keep=True)`.

        record : also return log10 Var[∂ℓ/∂h^t] for t = 0 … L (layer 0 costs one more product).
        exact : compute subnormal results too (default: when recording; WATCH_DECADES).
        """
        L = self.depth
        exact = record if exact is None else exact
        back = np.full(L + 1, np.nan) if record else None
        d = d_out
        batch = d.shape[0]
        if record:
            back[L] = log10_var(d)
        for t in range(L, 0, -1):
            w, mask = self.weights[t - 1], self._masks[t - 1]
            # the input as the layer saw it (after dropout)
            h_prev = self._inputs[t - 1] if mask is None else self._dropped[t - 1]
            if record:
                self._top_delta[t] = _log10_max_abs(d)
            watched = not exact and self._top_delta[t] < self._watch
            if watched and self._negligible(d, _log10_max_abs(h_prev)):
                self.grad_weights[t - 1].fill(0)
            else:
                np.matmul(h_prev.T, d, out=self.grad_weights[t - 1])
            if self.grad_biases is not None:
                np.matmul(ones(batch, d.dtype), d, out=self.grad_biases[t - 1])
            if t > 1 or record:
                if watched and self._negligible(d, self._top_w[t] + MARGIN_DECADES):
                    dh = np.zeros((batch, w.shape[0]), self.dtype)
                else:
                    dh = d @ w.T                      # ∂ℓ/∂h^{t-1}
                if record:   # ∂ℓ/∂h^{t-1} of the units before dropout: ∂ℓ/∂(h·m) ⊙ m
                    back[t - 1] = log10_var(dh if mask is None else dh * mask)
                if t > 1:
                    dh *= self._slopes[t - 2]
                    if not exact and self._top_delta[t - 1] < self._watch:
                        np.copyto(dh, 0, where=np.abs(dh) < self._tiny)
                    d = dh
        self._bottom = d
        return back

    def rewind_masks(self) -> None:
        """The next kept pass draws the dropout masks of the last one again (a diverged
        step recorded: the same pass again)."""
        if self._masks_from is not None:
            self._dropout_rng.bit_generator.state = self._masks_from

    def _negligible(self, a: np.ndarray, log10_top_other: float) -> bool:
        """Whether every term of a product of `a` with numbers of at most 10^log10_top_other
        is below 10^NEGLIGIBLE_DECADES times the smallest normal number."""
        return _log10_max_abs(a) + log10_top_other < self._log10_tiny + NEGLIGIBLE_DECADES

    # -- checks and norms -------------------------------------------------------------------------
    def first_nonfinite_forward(self) -> int:
        """The first layer t whose kept h^t is not finite (L when only the output or the loss
        is); after a forward pass with keep."""
        for t in range(1, self.depth):
            if not np.isfinite(self._inputs[t]).all():
                return t
        return self.depth

    def layer_of(self, offset: int) -> int:
        """The layer t (1 … L) whose weight or bias is `params[offset]`."""
        if offset < self.n_weights:
            return next(t for t, (i, j) in enumerate(self.segments, 1) if i <= offset < j)
        ends = np.cumsum([b.size for b in self.biases])
        return int(np.searchsorted(ends, offset - self.n_weights, side="right")) + 1

    def first_nonfinite_gradient(self) -> int | None:
        """After `backward`: None when the gradients are finite, else the highest layer whose
        gradient is not (the backward pass starts at the top).

        A NaN or ∞ in any δ^t reaches δ^1 (products and sums keep it, ∞·0 is NaN), so δ^1
        alone is checked, a few thousand numbers; the layers are searched only when it is not
        finite. (A gradient h^{t-1}ᵀδ^t that overflows although both factors are finite makes
        the weights non-finite, and the next pass reports it.)"""
        bottom = self._bottom.reshape(-1)
        if math.isfinite(np.vecdot(bottom, bottom)) or np.isfinite(bottom).all():
            return None   # (the second test: finite but so large that its square overflows)
        for t in range(self.depth, 0, -1):
            i, j = self.segments[t - 1]
            if not np.isfinite(self.grads[i:j]).all() or (
                    self.grad_biases is not None and not np.isfinite(self.grad_biases[t - 1]).all()):
                return t
        return 1

    def weight_norms(self, flat: np.ndarray | None = None) -> np.ndarray:
        """‖W^t‖_F of every layer t = 1 … L (of `flat`, laid out like `params`, when given)."""
        flat = self.params if flat is None else flat
        return np.array([_norm(flat[i:j]) for i, j in self.segments])

    def units_identical(self) -> bool:
        """Every hidden layer's units take the same value on every input of the last forward
        pass (up to IDENTICAL_TOLERANCE of the layer's scale)."""
        for h in self._inputs[1:]:
            spread = np.abs(h - h[:, :1]).max()
            if not spread <= IDENTICAL_TOLERANCE * max(float(np.abs(h).max()), 1e-30):
                return False
        return True

    # -- evaluation -----------------------------------------------------------------------------
    def predict(self, x: np.ndarray) -> np.ndarray:
        """The output for any number of rows, EVAL_ROWS at a time (nothing kept)."""
        parts = [self.forward(x[i:i + EVAL_ROWS], keep=False) for i in range(0, len(x), EVAL_ROWS)]
        return np.concatenate(parts) if parts else np.zeros((0, self.widths[-1]), self.dtype)


def _log10_max_abs(a: np.ndarray) -> float:
    """log10 of the largest |entry|: −inf when all are 0 (or `a` is empty), NaN when one is
    NaN."""
    top = float(np.max(np.abs(a))) if a.size else 0.0
    if top > 0.0:
        return math.log10(top)
    return -math.inf if top == 0.0 else math.nan


def _norm(a: np.ndarray) -> float:
    """‖a‖₂ (NaN if `a` holds a NaN)."""
    sq = sum_of_squares(a)
    return math.sqrt(sq) if sq >= 0 else math.nan


def training_bytes(configs, inputs: int, outputs: int) -> int:
    """The memory training `configs` together on a task of `inputs` and `outputs` takes: a
    session keeps every run's network at once, so the four inits take four networks'."""
    return sum(_training_bytes((inputs,) + tuple(c.widths[1:]) + (outputs,), c.train_batch,
                               np.dtype(np.float32).itemsize, dropout=c.dropout > 0)
               for c in configs)


def check_memory(configs, inputs: int, outputs: int, free: int | None) -> None:
    """ConfigError("widths", …) when training `configs` together would not fit MAX_TRAIN_BYTES
    or the `free` bytes of memory available (None: not known), before anything is allocated:
    the window refuses Start rather than fail once pressed (a tour: a 4 GB laptop was let
    through a network that needed 5.3 GB, then said "MemoryError")."""
    configs = tuple(configs)
    _refuse_beyond(training_bytes(configs, inputs, outputs),
                   MAX_TRAIN_BYTES if free is None else min(MAX_TRAIN_BYTES, free),
                   len(configs), known_free=free is not None and free < MAX_TRAIN_BYTES)


def _training_bytes(widths, batch: int, itemsize: int, bias: bool = True,
                    dropout: bool = False) -> int:
    """Parameters (weights, and biases if `bias`), gradients and optimizer state (4 copies)
    and the kept activations and slopes (2 per layer; with `dropout`, their masks and masked
    inputs too)."""
    params = sum(a * b for a, b in zip(widths[:-1], widths[1:])) + (sum(widths[1:]) if bias else 0)
    return itemsize * (4 * params + (4 if dropout else 2) * batch * sum(widths))


def _refuse_beyond(need: int, limit: int, networks: int = 1, known_free: bool = False) -> None:
    """ConfigError("widths", …) when `need` bytes exceed `limit` (the memory available when
    `known_free`, else the fixed MAX_TRAIN_BYTES) for training `networks` networks."""
    if need <= limit:
        return
    gb, most = need / 1e9, limit / 1e9
    # to the digit that shows it above the limit ("about 6.0 GB; at most 6 GB" had read as
    # fitting)
    shown = next((f"{gb:.{d}f}" for d in range(1, 13) if float(f"{gb:.{d}f}") > most),
                 f"{gb!r}")   # (12 decimals of GB: below one byte)
    if not known_free:
        most = f"{most:g}"
        if networks == 1:
            raise ConfigError.of("widths", "training this network needs about {need} GB of "
                                           "memory; at most {most} GB (fewer or narrower "
                                           "layers, or a smaller mini-batch, need less)",
                                 need=shown, most=most)
        raise ConfigError.of("widths", "training these {count} networks needs about {need} GB "
                                       "of memory; at most {most} GB (fewer or narrower layers, "
                                       "or a smaller mini-batch, need less)",
                             need=shown, most=most, count=networks)
    digits = len(shown.partition(".")[2])   # rounded down, to as many decimals (more if 0)
    digits = next((d for d in range(digits, 13) if math.floor(most * 10**d)), digits)
    free = f"{math.floor(most * 10**digits) / 10**digits:.{digits}f}"
    if networks == 1:
        raise ConfigError.of("widths", "training this network needs about {need} GB of memory "
                                       "and {free} GB is available (fewer or narrower layers, "
                                       "or a smaller mini-batch, need less)",
                             need=shown, free=free)
    raise ConfigError.of("widths", "training these {count} networks needs about {need} GB of "
                                   "memory and {free} GB is available (fewer or narrower "
                                   "layers, or a smaller mini-batch, need less)",
                         need=shown, free=free, count=networks)
