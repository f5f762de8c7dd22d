"""What a training recorded: `RunHistory` per run, and its rows, CSV and JSON.

One row per (run, logged step, layer) with `HISTORY_COLUMNS`; a value that does not apply
(layer 0 has no weights, step 0 no update, a smooth σ no dead units, a regression no
accuracy) or is not finite is None in rows, empty in CSV and null in JSON. The JSON holds the
rows under ``"history"`` with the resolved config, the trained network's widths and, per run,
its label, the config keys it changes, how far it got, where it diverged and whether the
symmetry of a zero initialization held.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from ..result import config_cell, dumps_strict
from .tasks import task_shape

# Var[∂ℓ/∂h^1] more than this many decades from the output's is a stalled gradient: a
# million-fold, far past the decade the static view calls stable (the default depth-50 tanh
# net reaches 40 in training)
STALLED_DECADES = 6.0
# a hidden layer with at least this share of dead units (0 for every input) is named
DEAD_SHARE = 0.5
# at the start "as large as the output's": within this many decades below it (to ~0.1)
LEVEL_DECADES = 0.05
# the gradient "now" is the median of the last logged rows (the first one apart): at layer 1
# of the lecture's "γ too small" net, training near its noise, one logged row to the next
# swings by up to 12 decades, and the last row alone read "vanishes" at step 2940 and
# "recovered" at step 3000 (a teacher's tour). An odd count: the median is one row's value
# (the mean of two middle ones, −∞ and 5, had said "none reaches layer 1", a review); of
# fewer rows (or where some rows' drops are unknown), an even count's middle two are
# averaged where both are finite.
RECENT_ROWS = 9
# … and where those rows spread over more decades than this, the median is said to be one
NOISY_DECADES = 3.0


@dataclass(frozen=True)
class GradientState:
    """Where the gradient reaching layer 1 stands against the output's (`RunHistory.
    gradient_state`): `decades` = log10 Var[∂ℓ/∂h^1] − log10 Var[∂ℓ/∂h^L] now (the median
    over the last RECENT_ROWS logged rows, the session's first apart; `recent` their lowest
    and highest), `start` the same at the session's first row (None where this history does
    not hold it), `first_step` that row's step. `kind`:

    - "none": no gradient reaches layer 1 (0 in float32);
    - "exploding" / "vanishing": beyond STALLED_DECADES above / below, at the start too;
    - "lost": beyond STALLED_DECADES below, where at the start it was as large as the output's;
    - "grown" / "lost_since": beyond STALLED_DECADES above / below, from a start in between;
    - "recovered": within them now, beyond them (below or above) at the start; or none
      reached it at the start (`start` −inf: zero weights that dropout set learning),
      whatever it is now;
    - "diverged": the run diverged, beyond them at the start (`decades` is `start`).
    """

    kind: str
    decades: float
    start: float | None
    first_step: int
    recent: tuple[float, float] | None = None
    rows: int = 1   # the logged rows of `decades`' median

    @property
    def noisy(self) -> bool:
        """The rows of the median spread over more than NOISY_DECADES (one of them −∞: no
        gradient reached layer 1 there)."""
        return self.recent is not None and self.recent[1] - self.recent[0] > NOISY_DECADES

HISTORY_COLUMNS = ("run", "step", "layer", "log10_forward_var", "log10_backward_var",
                   "log10_weight_grad_norm", "update_ratio", "dead_fraction", "train_loss",
                   "heldout_loss", "heldout_accuracy")
LAYER_COLUMNS = HISTORY_COLUMNS[3:8]
STEP_COLUMNS = HISTORY_COLUMNS[8:]


@dataclass(frozen=True, eq=False)
class RunHistory:
    """Everything one run recorded, every `log_every` steps (and at its last step).

    Layer arrays are logs × (L + 1), layer t = 0 … L of the trained network (L = the config's
    depth + 1; layer L is the linear output). NaN where a value does not apply or was not
    finite; log10 variances are −inf where exactly zero. `diverged` is (step, layer) of the
    first NaN or ∞; `identical_units` (init "zeros" only, else None) says whether every hidden
    layer's units stayed equal on every input at every logged step. `first_row` > 0: the
    arrays hold only the logged rows from that one on (a chunk's news, `join` adds it to
    what came before).
    """

    label: str
    steps: np.ndarray
    log10_forward_var: np.ndarray
    log10_backward_var: np.ndarray
    log10_weight_grad_norm: np.ndarray
    update_ratio: np.ndarray
    dead_fraction: np.ndarray
    train_loss: np.ndarray
    heldout_loss: np.ndarray
    heldout_accuracy: np.ndarray
    diverged: tuple[int, int] | None = None
    identical_units: bool | None = None
    steps_done: int = 0
    first_row: int = 0

    @property
    def rows(self) -> int:
        """Logged rows recorded so far (those before `first_row` included)."""
        return self.first_row + len(self.steps)

    def join(self, news: "RunHistory") -> "RunHistory":
        """This history followed by `news` (rows from `news.first_row` on, at most
        `self.rows`); the facts are the news'."""
        keep = news.first_row - self.first_row
        if keep < 0 or keep > len(self.steps):
            raise ValueError(f"rows from {news.first_row} do not follow rows "
                             f"{self.first_row} … {self.rows - 1}")
        arrays = {name: np.concatenate([getattr(self, name)[:keep], getattr(news, name)])
                  for name in ("steps",) + LAYER_COLUMNS + STEP_COLUMNS}
        return RunHistory(news.label, **arrays, diverged=news.diverged,
                          identical_units=news.identical_units, steps_done=news.steps_done,
                          first_row=self.first_row)

    def gradient_drop(self, row: int = -1) -> float | None:
        """log10 Var[∂ℓ/∂h^1] − log10 Var[∂ℓ/∂h^L] at a logged row (the last by default): how
        many decades the gradient loses from the output to the first layer (−inf: none reaches
        it; None: not known there)."""
        if len(self.steps) == 0 or self.log10_backward_var.shape[1] < 3:
            return None
        first, output = self.log10_backward_var[row, 1], self.log10_backward_var[row, -1]
        if not math.isfinite(output) or math.isnan(first) or first == math.inf:
            return None
        return float(first - output)

    def recent_drops(self) -> list[float]:
        """`gradient_drop` at the last RECENT_ROWS logged rows where it is known, the
        session's first row apart (where there are others)."""
        first = 1 if self.first_row == 0 and len(self.steps) > 1 else 0
        rows = range(max(first, len(self.steps) - RECENT_ROWS), len(self.steps))
        return [drop for drop in map(self.gradient_drop, rows) if drop is not None]

    def gradient_state(self) -> GradientState | None:
        """The gradient at layer 1 against the output's, where it is worth saying (see
        `GradientState`); None where it is not known or stays within STALLED_DECADES."""
        start = self.gradient_drop(0) if self.first_row == 0 and len(self.steps) > 1 else None
        first = int(self.steps[0]) if len(self.steps) else 0
        stalled = STALLED_DECADES
        if self.diverged is not None:   # (its last rows hold ∞ or NaN: its start is said)
            if start is not None and math.isfinite(start) and abs(start) > stalled:
                return GradientState("diverged", start, start, first)
            return None
        recent = self.recent_drops()
        if not recent:
            return None
        ordered, half = sorted(recent), len(recent) // 2
        # of an even count, the mean of the middle two, as the readout's "median" says (the
        # upper one alone had been said, a tour); the upper where the lower is −∞ (none)
        drop = ordered[half] if len(ordered) % 2 or ordered[half - 1] == -math.inf \
            else (ordered[half - 1] + ordered[half]) / 2
        if drop == -math.inf:
            kind = "none"
        elif start == -math.inf:
            kind = "recovered"
        elif drop > stalled and (start is None or start > stalled):
            kind = "exploding"
        elif drop < -stalled and (start is None or start < -stalled):
            kind = "vanishing"
        elif drop < -stalled and start > -LEVEL_DECADES:
            kind = "lost"
        elif abs(drop) > stalled:
            kind = "grown" if drop > 0 else "lost_since"
        elif start is not None and abs(start) > stalled:
            kind = "recovered"
        else:
            return None
        return GradientState(kind, drop, start, first, (min(recent), max(recent)), len(recent))

    def symmetry(self, dropout: float = 0.0) -> str | None:
        """What became of a zero initialization's symmetry (init "zeros" only, else None):
        "frozen" (no weight got a gradient: σ(0) = 0), "frozen_with_dropout" (the same, where
        `dropout` could not change it either), "kept" (the units learned and stayed
        identical), "broken_by_dropout" (they parted, trained with `dropout`) or "broken"."""
        if self.identical_units is None:
            return None
        if self.identical_units and self.no_weight_gradient():
            return "frozen_with_dropout" if dropout > 0 else "frozen"
        if self.identical_units:
            return "kept"
        return "broken_by_dropout" if dropout > 0 else "broken"

    def no_weight_gradient(self) -> bool:
        """Whether no weight matrix got a gradient at any logged row (every gradient's norm
        exactly 0): all weights 0 where σ(0) = 0, so that every hidden unit outputs 0 and
        passes no gradient back; only the output's bias learns."""
        norms = self.log10_weight_grad_norm[:, 1:]
        return len(self.steps) > 0 and norms.size > 0 and bool(np.all(norms == -np.inf))

    def dead_layer(self, share: float) -> tuple[int, float] | None:
        """(t, fraction) of the hidden layer with the largest share of dead units (0 for every
        input of the mini-batch) at the last logged row, the last of equals (nearest the
        output: the backward pass meets it first, and where all its units are dead the
        gradient stops there), where that share is at least `share`; None elsewhere (or
        where nothing is known)."""
        if len(self.steps) == 0:
            return None
        fractions = self.dead_fraction[-1, 1:-1]   # the hidden layers (the output is linear)
        known = np.where(np.isnan(fractions), -1.0, fractions)
        if known.size == 0 or known.max() < share:
            return None
        t = int(np.flatnonzero(known == known.max())[-1])
        return t + 1, float(known[t])

    def summary(self, run: int) -> dict:
        """The run's facts for the JSON (and the command line's closing lines)."""
        return {"run": run, "label": self.label, "steps_done": self.steps_done,
                "diverged": (None if self.diverged is None else
                             {"step": self.diverged[0], "layer": self.diverged[1]}),
                "identical_units": self.identical_units}


class LogBook:
    """The rows one run appends while it trains; `history` freezes them into a RunHistory."""

    def __init__(self, layers: int):
        self.layers = layers
        self.steps: list[int] = []
        self.layer_rows: dict[str, list[np.ndarray]] = {name: [] for name in LAYER_COLUMNS}
        self.step_rows: dict[str, list[float]] = {name: [] for name in STEP_COLUMNS}

    def add(self, step: int, layer_values: dict[str, np.ndarray],
            step_values: dict[str, float]) -> None:
        self.steps.append(step)
        for name in LAYER_COLUMNS:
            self.layer_rows[name].append(np.asarray(layer_values[name], dtype=np.float64))
        for name in STEP_COLUMNS:
            self.step_rows[name].append(float(step_values[name]))

    def history(self, label: str, since: int = 0, **facts) -> RunHistory:
        """The rows from row `since` on (all: 0) as a RunHistory."""
        n = self.layers
        since = min(max(since, 0), len(self.steps))
        layer = {name: (np.array(rows[since:]) if rows[since:] else np.zeros((0, n)))
                 for name, rows in self.layer_rows.items()}
        step = {name: np.array(rows[since:], dtype=np.float64)
                for name, rows in self.step_rows.items()}
        return RunHistory(label, np.array(self.steps[since:], dtype=np.int64), **layer, **step,
                          first_row=since, **facts)


def _value(x) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def history_rows(runs) -> list[dict]:
    """One dict per (run, logged step, layer), keyed by HISTORY_COLUMNS."""
    rows = []
    for r, run in enumerate(runs):
        for i, step in enumerate(run.steps):
            per_step = {name: _value(getattr(run, name)[i]) for name in STEP_COLUMNS}
            for t in range(run.log10_forward_var.shape[1]):
                row = {"run": r, "step": int(step), "layer": t}
                row.update({name: _value(getattr(run, name)[i, t]) for name in LAYER_COLUMNS})
                row.update(per_step)
                rows.append(row)
    return rows


def history_csv(runs, run_configs) -> str:
    """The rows as CSV with a header line (empty cells where a value is None), each with its
    run's config last (`run_configs`, one per run; compact JSON, as a Monte Carlo's rows:
    a comparison of inits says which run is which)."""
    cells = [config_cell(c) for c in run_configs]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((*HISTORY_COLUMNS, "config"))
    for row in history_rows(runs):
        writer.writerow(["" if row[c] is None else repr(row[c]) if isinstance(row[c], float)
                         else row[c] for c in HISTORY_COLUMNS] + [cells[row["run"]]])
    return buffer.getvalue()


def history_dict(config, runs, run_configs=None, shape=None, **extra) -> dict:
    """The JSON data: the resolved config; the widths of the network trained, n_0 … n_{L+1}
    (the task's inputs, the config's hidden layers, the task's outputs: the config's n_0 is
    not the trained one's); each run's summary with the keys its config changes (`run_configs`,
    one per run: a comparison of inits; none by default); the rows; and `extra` facts.
    `shape`: the task's (inputs, outputs) when known (else read: MNIST's header)."""
    inputs, outputs = shape if shape is not None else task_shape(config)
    base = config.to_dict()
    summaries = []
    for r, run in enumerate(runs):
        own = run_configs[r].to_dict() if run_configs is not None else base
        summaries.append({**run.summary(r),
                          "changes": {k: v for k, v in own.items() if v != base[k]}})
    return {"config": base, **extra,
            "network_widths": [inputs, *config.widths[1:], outputs],
            "runs": summaries, "history": history_rows(runs)}


def history_json(config, runs, run_configs=None, shape=None, **extra) -> str:
    """`history_dict` as strict JSON text (never NaN or Infinity)."""
    return dumps_strict(history_dict(config, runs, run_configs, shape, **extra))
