"""Sweeps: one config, one key varied over many values, statistics per (value, layer).

For gain, variance and bias_std only scalars differ between the values, so every value shares
the same standardized draws and the values are stacked into one batch: each layer is a single
matmul of (values × samples) rows, with a per-block scale (design: reuse of draws). Other keys
run one light simulation per value, reusing the draw cache.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import activation_for
from .config import ConfigError, SimConfig
from .draws import DrawCache, Draws
from .initializers import layer_variances
from .propagate import HIST_BINS, LN10, _Progress, needs_checkpoints, run_trial, work_units
from .result import DepthScales, SimResult
from .simulation import _hist_layout
from .theory import Theory, mean_fields

STACKED_KEYS = ("gain", "variance", "bias_std")
NUMERIC_KEYS = ("gain", "variance", "bias_std", "alpha", "beta", "negative_slope", "depth",
                "width", "batch")
LOG_SPACED_KEYS = ("gain", "variance")
DEFAULT_SAMPLES = 64
STACK_BUDGET_BYTES = 384 * 2**20
STACK_ROWS = 896


def sweep_values(key: str, start: float, stop: float, count: int) -> np.ndarray:
    """`count` values from start to stop: log-spaced for gain/variance, linear otherwise
    (rounded to whole numbers for integer keys)."""
    if key not in NUMERIC_KEYS:
        raise ConfigError("sweep", f"cannot sweep {key!r}; choose one of {', '.join(NUMERIC_KEYS)}")
    if not 1 <= count <= 1000:
        raise ConfigError("sweep", f"N must be between 1 and 1000, got {count}")
    for name, value in (("START", start), ("STOP", stop)):
        if not math.isfinite(value):
            raise ConfigError("sweep", f"{name} must be a finite number, got {value}")
    if key in LOG_SPACED_KEYS:
        if start <= 0 or stop <= 0:
            raise ConfigError("sweep", f"{key} is log-spaced: START and STOP must be > 0")
        values = np.geomspace(start, stop, count)
    else:
        values = np.linspace(start, stop, count)
    if key in ("depth", "width", "batch"):
        values = np.round(values)
    return values


def parse_sweep(text: str) -> tuple[str, np.ndarray]:
    """``KEY=START:STOP:N`` → (key, values)."""
    if "=" not in text:
        raise ConfigError("sweep", "expected KEY=START:STOP:N, e.g. gain=0.25:4:41")
    key, spec = (part.strip() for part in text.split("=", 1))
    parts = spec.split(":")
    if len(parts) != 3:
        raise ConfigError("sweep", f"expected START:STOP:N after '{key}=', got {spec!r}")
    try:
        start, stop = float(parts[0]), float(parts[1])
        count = int(parts[2])
    except ValueError:
        raise ConfigError("sweep", f"START and STOP must be numbers and N a whole number, got {spec!r}") from None
    return key, sweep_values(key, start, stop, count)


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Per value: a SimResult (per-layer fields only; per-unit arrays have zero columns).

    `forward` / `backward` are values × (L + 1) arrays of log10 variance (Monte Carlo), and
    `theory_forward` / `theory_backward` the mean-field prediction; NaN where unrepresentable.
    """

    key: str
    values: np.ndarray
    results: tuple[SimResult, ...]

    def _stack(self, name: str) -> np.ndarray:
        """values × (deepest L + 1); a shallower run (a depth sweep) is NaN-padded."""
        rows = [getattr(r, name) for r in self.results]
        out = np.full((len(rows), max(len(row) for row in rows)), np.nan)
        for i, row in enumerate(rows):
            out[i, : len(row)] = row
        return out

    @property
    def forward(self) -> np.ndarray:
        return self._stack("log10_forward_var")

    @property
    def backward(self) -> np.ndarray:
        return self._stack("log10_backward_var")

    @property
    def theory_forward(self) -> np.ndarray:
        return self._stack("theory_log10_forward_var")

    @property
    def theory_backward(self) -> np.ndarray:
        return self._stack("theory_log10_backward_var")

    @property
    def column(self) -> str:
        """The CSV column of the swept value: KEY, or sweep_KEY where KEY is a stats column."""
        return f"sweep_{self.key}" if self.key in ("width", "layer") else self.key

    def to_csv(self) -> str:
        import io

        from .result import write_csv_rows

        buffer = io.StringIO()
        write_csv_rows(buffer, list(self.results), [{self.column: _plain(v)} for v in self.values])
        return buffer.getvalue()

    def to_dict(self) -> dict:
        return {"sweep": {"key": self.key, "values": [_plain(v) for v in self.values]},
                "runs": [{self.key: _plain(v), **r.to_dict()} for v, r in zip(self.values, self.results)]}


def _plain(value) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def sweep_configs(config: SimConfig, key: str, values: np.ndarray) -> list[SimConfig]:
    """The config of every value (validated: a bad value raises ConfigError naming the key)."""
    return [SimConfig.from_dict({key: _plain(v)}, base=config) for v in values]


def theory_sweep(config: SimConfig, key: str, values) -> SweepResult:
    """The mean-field part of a sweep alone (instant, for the GUI); each result as
    `simulation.theory_result` gives it."""
    values = np.asarray(values, dtype=float)
    configs = sweep_configs(config, key, values)
    results = []
    for c, th in zip(configs, mean_fields(configs)):
        L1, n_max = c.depth + 1, max(c.widths)
        edges, standardized = _hist_layout(c)
        results.append(dataclasses.replace(
            _without_theory(c), unit_log10_forward_var=np.full((L1, n_max), np.nan),
            unit_log10_backward_var=np.full((L1, n_max), np.nan),
            hist_density=np.full((L1, HIST_BINS), np.nan), hist_edges=edges,
            hist_standardized=standardized, **_theory_fields(th)))
    return SweepResult(key, values, tuple(results))


def _theory_fields(th: Theory) -> dict:
    """SimResult's theory fields from a `Theory` (as `simulation.simulate` fills them)."""
    return dict(
        theory_forward_mean=np.asarray(th.forward_mean, dtype=float),
        theory_log10_forward_var=np.asarray(th.log_forward_var, dtype=float) / LN10,
        theory_log10_preact_var=np.asarray(th.log_preact_var, dtype=float) / LN10,
        theory_log10_backward_var=np.asarray(th.log_backward_var, dtype=float) / LN10,
        gamma=np.asarray(th.gamma, dtype=float),
        factor_forward=np.asarray(th.factor_forward, dtype=float),
        factor_backward=np.asarray(th.factor_backward, dtype=float),
        chi1=np.asarray(th.chi1, dtype=float),
        depth_scales=DepthScales(q_star=th.q_star, chi1_star=th.chi1_star, xi_q=th.xi_q,
                                 xi_c=th.xi_c),
    )


def _without_theory(config: SimConfig) -> SimResult:
    """A SimResult whose every field is missing (NaN), to be filled with Monte Carlo."""
    L1 = config.depth + 1
    per_layer = ("forward_mean", "log10_forward_var", "log10_preact_var", "log10_backward_var",
                 "theory_forward_mean", "theory_log10_forward_var", "theory_log10_preact_var",
                 "theory_log10_backward_var", "gamma", "factor_forward", "factor_backward", "chi1")
    empty = np.full((L1, 0), np.nan)
    return SimResult(config=config, **{name: np.full(L1, np.nan) for name in per_layer},
                     unit_log10_forward_var=empty, unit_log10_backward_var=empty,
                     hist_density=empty, hist_edges=np.zeros(1), hist_standardized=False,
                     trial_log10_forward_var=np.full((0, L1), np.nan),
                     trial_log10_backward_var=np.full((0, L1), np.nan), has_monte_carlo=False)


def sweep(config: SimConfig, key: str, values, *, samples: int = DEFAULT_SAMPLES,
          cache: DrawCache | None = None, should_stop: Callable[[], bool] | None = None,
          on_progress: Callable[[float], None] | None = None,
          with_theory: bool = True) -> SweepResult:
    """Monte Carlo and theory for `config` with `key` set to each of `values`.

    Parameters
    ----------
    samples : inputs per value (the batch of each value's network).
    cache, should_stop, on_progress : as in `simulate`.
    with_theory : False leaves the theory fields NaN (for a caller that already has them
        from `theory_sweep`, like the window's sweep tab).
    """
    values = np.asarray(values, dtype=float)
    configs = sweep_configs(config.with_values(batch=samples, trials=1), key, values)
    theory = [_without_theory(c) for c in configs]
    if with_theory:
        theory = [dataclasses.replace(r, hist_standardized=_hist_layout(c)[1], **_theory_fields(th))
                  for c, r, th in zip(configs, theory, mean_fields(configs))]
    stacked_bytes = 4 * samples * len(values) * sum(config.widths[1:])  # every layer's σ'
    if key in STACKED_KEYS and stacked_bytes <= STACK_BUDGET_BYTES:
        # Groups of ~STACK_ROWS rows: a 2624-row batch is memory-bound in its elementwise
        # passes, 512-row groups lose ~5 % in matmul efficiency and per-layer overhead
        # (measured, 41 × 64 rows: 3 groups beat 5, 6 and 2). As many groups as rows /
        # STACK_ROWS rounds to, filled evenly: no small last group (41 × 64: 14+14+13).
        count = min(len(configs), max(1, round(len(configs) * samples / STACK_ROWS)))
        edges = [round(i * len(configs) / count) for i in range(count + 1)]
        groups = [configs[a:b] for a, b in zip(edges[:-1], edges[1:])]
        progress = _Progress(2 * config.depth * len(groups), should_stop, on_progress)
        scratch = _Scratch()
        stats = [row for group in groups for row in _stacked(group, cache, progress, scratch)]
    else:
        stats = _one_by_one(configs, cache, should_stop, on_progress)
    results = []
    for th, (fwd_mean, fwd, pre, bwd, f_inv, b_inv) in zip(theory, stats):
        results.append(_with_monte_carlo(th, fwd_mean, fwd, pre, bwd, f_inv, b_inv))
    return SweepResult(key, values, tuple(results))


def _with_monte_carlo(th: SimResult, fwd_mean, fwd, pre, bwd, f_inv, b_inv) -> SimResult:
    L1 = th.config.depth + 1
    return dataclasses.replace(
        th, forward_mean=fwd_mean, log10_forward_var=fwd, log10_preact_var=pre,
        log10_backward_var=bwd, forward_invalid=f_inv, backward_invalid=b_inv,
        unit_log10_forward_var=np.full((L1, 0), np.nan), unit_log10_backward_var=np.full((L1, 0), np.nan),
        hist_density=np.full((L1, 0), np.nan), hist_edges=np.zeros(1),
        trial_log10_forward_var=fwd[None, :], trial_log10_backward_var=bwd[None, :],
        has_monte_carlo=True)


def _one_by_one(configs, cache, should_stop, on_progress):
    units = [work_units(c, needs_checkpoints(c)) for c in configs]
    progress = _Progress(sum(units), should_stop, on_progress)
    out = []
    for i, c in enumerate(configs):
        progress.done = sum(units[:i])
        st = run_trial(c, activation_for(c), layer_variances(c), Draws(c, 0, cache),
                       detailed=False, progress=progress)
        out.append((st.forward_mean, st.log10_forward_var, st.log10_preact_var,
                    st.log10_backward_var, st.forward_invalid, st.backward_invalid))
    return out


_HAS_VECDOT = hasattr(np, "vecdot")  # numpy ≥ 2.0; ~3× faster than einsum for this
_ONES: dict[tuple[int, type], np.ndarray] = {}


def _ones(n: int, dtype) -> np.ndarray:
    key = (n, np.dtype(dtype).type)
    ones = _ONES.get(key)
    if ones is None:
        ones = _ONES[key] = np.ones(n, dtype=dtype)
        ones.flags.writeable = False
    return ones


def _block_moments(a: np.ndarray, blocks: int, sq: np.ndarray | None = None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean, mean square and variance of each block of rows, pooled over its entries.

    float32 BLAS sums (fast); a block whose squares overflow or underflow in float32, or whose
    mean dominates its spread (E[x²] − E[x]² would cancel), is redone centred in float64.
    """
    flat = a.reshape(blocks, -1)
    n = flat.shape[1]
    ones = _ones(n, flat.dtype)
    sums = np.empty((2, blocks), dtype=flat.dtype)
    np.matmul(flat, ones, out=sums[0])
    if sq is not None:  # a² already computed (σ' of tanh-like activations is built from it)
        np.matmul(sq.reshape(blocks, -1), ones, out=sums[1])
    else:
        sums[1] = np.vecdot(flat, flat) if _HAS_VECDOT else np.einsum("gi,gi->g", flat, flat)
    m1, m2 = sums.astype(np.float64) / n
    var = m2 - m1 * m1
    # Redo unless 1e-30 ≤ m2 < ∞ (float32 x² is normal above 1e-38) and m1² ≤ 10·var,
    # i.e. 11·m1² ≤ 10·m2 (NaN fails every comparison, so it is redone too).
    ok = (m2 >= 1e-30) & (m2 < np.inf) & (11.0 * (m1 * m1) <= 10.0 * m2)
    if not ok.all():
        for g in np.flatnonzero(~ok):
            row = flat[g].astype(np.float64)
            mu = float(np.add.reduce(row)) / n
            row -= mu
            var[g] = float(np.add.reduce(np.square(row, out=row))) / n
            m1[g], m2[g] = mu, var[g] + mu * mu
    return m1, m2, np.maximum(var, 0.0, out=var)


def _log10_var(var: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """log10 of e^(2·scale)·var, NaN where var is not finite."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.isfinite(var), np.log10(var) + 2 * scale / LN10, np.nan)


def _rescale(a: np.ndarray, scale: np.ndarray, m2: np.ndarray) -> np.ndarray:
    """Bring each block's stored rms back near 1 where it drifted; returns the new log scales."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rms = np.sqrt(m2)
        drift = (rms > 0) & np.isfinite(rms) & ((rms < 1e-6) | (rms > 1e6))
    if not drift.any():
        return scale
    flat = a.reshape(len(scale), -1)
    for g in np.flatnonzero(drift):  # only the drifted blocks: one pass over each
        flat[g] *= np.float32(1.0 / rms[g])
    return scale + np.log(np.where(drift, rms, 1.0))


class _Scratch:
    """Arrays that the groups of one sweep reuse in turn.

    Each group's σ' of every layer is copied into the same store: freeing and reallocating
    those tens of MiB per group made the C allocator hand the memory back to the system and
    fault it in again (~30k page faults per benchmark sweep, ~8 % of its time).
    """

    def __init__(self):
        self._arrays: dict[tuple, np.ndarray] = {}
        self._store: np.ndarray | None = None

    def array(self, key, rows: int, cols: int) -> np.ndarray:
        a = self._arrays.get(key)
        if a is None or a.shape[0] < rows or a.shape[1] != cols:
            a = self._arrays[key] = np.empty((rows, cols), np.float32)
        return a[:rows]

    def slope_store(self, rows: int, widths) -> list[np.ndarray | None]:
        """Room for σ' of layers 1 … L (index t), `rows` rows each, in one allocation (large
        enough for numpy to ask for huge pages: a few faults instead of one per 4 KiB)."""
        need = rows * sum(widths[1:])
        if self._store is None or self._store.size < need:
            self._store = np.empty(need, np.float32)
        out: list[np.ndarray | None] = [None]
        start = 0
        for n in widths[1:]:
            out.append(self._store[start:start + rows * n].reshape(rows, n))
            start += rows * n
        return out


def _stacked(configs, cache, progress, scratch: _Scratch | None = None):
    """All values in one batch of G blocks × S samples; draws shared, scales per block.

    The same recursions as `propagate` (see there), with a log scale per block for positively
    homogeneous σ and raw float32 otherwise (overflow/underflow reported per block). Inside the
    passes only each block's raw moments are kept; they become log10 variances, means and
    invalid layers in array operations afterwards.
    """
    from .result import Invalid

    base = configs[0]
    G, S, L = len(configs), base.batch, base.depth
    act = activation_for(base)
    draws = Draws(base, 0, cache)
    half_log_gamma = 0.5 * np.log(np.array([layer_variances(c) for c in configs]))  # G × L
    gain32 = np.exp(half_log_gamma).astype(np.float32)
    bias = np.array([c.bias_std for c in configs])
    has_bias = bool(bias.any())
    with np.errstate(divide="ignore"):
        log_bias = np.log(bias)
    scaled = act.homogeneous
    # per block and layer: raw moments and the log scale of the stored array
    f_m1, f_m2, f_var, f_s = (np.zeros((G, L + 1)) for _ in range(4))
    p_var, p_s = np.full((G, L + 1), np.nan), np.zeros((G, L + 1))
    b_var, b_s = np.zeros((G, L + 1)), np.zeros((G, L + 1))

    scratch = scratch if scratch is not None else _Scratch()
    with np.errstate(all="ignore"):
        x = np.asarray(draws.input(), dtype=np.float32)
        # every block starts from the same input: its moments, and layer 1's matmul, are shared
        f_m1[:, 0], f_m2[:, 0], f_var[:, 0] = (v[0] for v in _block_moments(x, 1))
        s = np.zeros(G)
        store = scratch.slope_store(G * S, base.widths)
        slopes: list[np.ndarray | None] = [None] * (L + 1)
        h = None
        for t in range(1, L + 1):
            w = draws.weight(t)
            if scaled:
                s_pre = s + half_log_gamma[:, t - 1]
                factor = bias_factor = None
                if has_bias:
                    ref = np.maximum(s_pre, log_bias)
                    factor = np.exp(s_pre - ref).astype(np.float32)
                    bias_factor = np.exp(log_bias - ref).astype(np.float32)
                    s_pre = ref
            else:
                s_pre = np.zeros(G)
                factor = gain32[:, t - 1]
                bias_factor = bias.astype(np.float32) if has_bias else None
            p = scratch.array(("p", w.shape[1]), G * S, w.shape[1])
            p3 = p.reshape(G, S, -1)
            if t == 1:
                p0 = x @ w
                np.multiply(p0, factor[:, None, None] if factor is not None else 1, out=p3)
            else:
                np.matmul(h, w, out=p)
                if factor is not None:
                    p3 *= factor[:, None, None]
            if bias_factor is not None:
                p3 += draws.bias(t) * bias_factor[:, None, None]
            p_var[:, t] = _block_moments(p, G)[2]
            p_s[:, t] = s_pre
            h, slope, sq = act.values_slopes_squares(p)
            if np.may_share_memory(h, p):  # σ returned p itself: keep it from being overwritten
                h = h.copy()
            slopes[t] = store[t]
            np.copyto(slopes[t], slope)
            del slope
            m1, m2, var = _block_moments(h, G, sq)
            del sq
            f_m1[:, t], f_m2[:, t], f_var[:, t], f_s[:, t] = m1, m2, var, s_pre
            s = _rescale(h, s_pre, m2) if scaled else s_pre
            progress.step()
        del h, p
        g0 = np.asarray(draws.readout(), dtype=np.float32)
        b_var[:, L] = _block_moments(g0, 1)[2][0]
        sb = np.zeros(G)
        d = None
        for t in range(L, 0, -1):
            u = slopes[t]
            slopes[t] = None
            if d is None:  # the read-out direction is the same for every block
                u3 = u.reshape(G, S, -1)
                np.multiply(u3, g0, out=u3)
            else:
                np.multiply(u, d, out=u)
            wt = draws.weight_transposed(t)
            # δ^{t-1} overwrites δ^t's storage when the widths match (δ^t is spent in u)
            same = d is not None and d.shape == (u.shape[0], wt.shape[1])
            d = np.matmul(u, wt, out=d if same else None)
            del u
            sb = sb + half_log_gamma[:, t - 1]
            _, m2, b_var[:, t - 1] = _block_moments(d, G)
            b_s[:, t - 1] = sb
            sb = _rescale(d, sb, m2)
            progress.step()

        fwd = _log10_var(f_var, f_s)
        # below e^-700 the mean (≤ rms) is 0 in float64; above e^700 it is ±∞
        fwd_mean = np.where(f_s < -700, 0.0, np.where(
            f_s > 700, np.sign(f_m1) * np.inf, f_m1 * np.exp(np.clip(f_s, -700, 700))))
        pre_var = _log10_var(p_var, p_s)
        bwd = _log10_var(b_var, b_s)
    f_inv: list[Invalid | None] = [None] * G
    if not scaled:
        overflow = ~(np.isfinite(f_var) & np.isfinite(f_m2))
        with np.errstate(invalid="ignore"):
            underflow = ~overflow & (f_m2 < 1e-60) & (act.value0 == 0.0)
        event = overflow | underflow
        first = event.argmax(axis=1)
        for g in np.flatnonzero(event.any(axis=1)):
            f_inv[g] = Invalid(int(first[g]), "overflow" if overflow[g, first[g]] else "underflow")
        # once a block's first trouble is an overflow, every later layer is missing
        died = np.array([i is not None and i.reason == "overflow" for i in f_inv])
        dead = died[:, None] & (np.arange(L + 1) >= first[:, None])
        missing = dead | underflow
        fwd[missing] = np.nan
        fwd_mean[missing] = np.nan
    out = []
    for g in range(G):
        b_inv = None
        if f_inv[g] is not None and f_inv[g].reason == "overflow":
            bwd[g] = np.nan
            b_inv = Invalid(L, f"undefined: the forward pass overflowed at layer {f_inv[g].layer}")
        out.append((fwd_mean[g], fwd[g], pre_var[g], bwd[g], f_inv[g], b_inv))
    return out
