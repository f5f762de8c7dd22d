"""One training run: a network, its optimizer, and what it records as it learns.

A run alternates two things. A *pass* at step s (s updates done) runs the forward and backward
pass of mini-batch s with the weights W_s, leaving the gradients for the next update; every
`log_every` steps, and at the last step, it also records each layer's log10 variance of h^t and
of ∂ℓ/∂h^t, ‖∂ℓ/∂W^t‖, the dead fraction, the held-out loss and accuracy. An *update* applies
the optimizer, W_s → W_{s+1}, measuring ‖ΔW^t‖/‖W^t‖ when step s + 1 is to be recorded.

Arithmetic runs under ``np.errstate(all="ignore")``: a pass whose loss or gradients are not
finite stops the run, which reports *diverged at step s* and the layer where it began (the
first non-finite layer of the forward pass, else the highest of the backward pass); so does an
update whose g² overflows Adam's second moment (the layer of that entry), after which Adam would
stop moving those weights without a NaN. No warning is ever emitted.
"""

from __future__ import annotations

import math

import numpy as np

from ..threads import blas_threads
from .history import LogBook, RunHistory
from .losses import correct, loss_and_gradient
from .network import Network
from .optimizers import Optimizer


NO_PREDICTION = 255   # a region's value where the outputs are NaN or ∞ (a diverged network)

class Run:
    """The training of one config on `task`.

    Parameters
    ----------
    config : SimConfig (network, init, optimizer, lr, weight_decay, steps, log_every).
    label : the run's name.
    task : the data (`engine.training.tasks.Task`).
    dtype : float32 for training; float64 for checks.
    """

    def __init__(self, config, label: str, task, *, cache=None, dtype=np.float32):
        self.config, self.label, self.task = config, label, task
        self.net = Network(config, task.inputs, task.outputs, dtype=dtype, cache=cache)
        self.opt = Optimizer(config.optimizer, config.lr, config.weight_decay,
                             self.net.params.size, self.net.n_weights, dtype,
                             threads=blas_threads())
        self.step = 0                  # updates done
        self.ready = False             # the pass at `step` is done (gradients are there)
        self.diverged: tuple[int, int] | None = None
        self.identical = True if config.init == "zeros" else None
        self.book = LogBook(self.net.depth + 1)
        self._losses: list[float] = []
        self._ratio = np.full(self.net.depth + 1, np.nan)   # of the update that led to `step`
        bias = self.net.params.size > self.net.n_weights
        self._ranges = self.net.segments + ([(self.net.n_weights, self.net.params.size)]
                                            if bias else [])

    @property
    def finished(self) -> bool:
        return self.diverged is not None or (self.ready and self.step >= self.config.steps)

    def due(self, step: int) -> bool:
        return step % self.config.log_every == 0 or step == self.config.steps

    def advance(self, batch) -> None:
        """Bring the run one update further: the pass at the current step if it is not done
        yet, the update, and the pass at the new step. `batch(s)` gives mini-batch s (x, y)."""
        with np.errstate(all="ignore"):
            if not self.ready:
                self._pass(batch)
            if self.finished:
                return
            self._update()
            if self.opt.overflowed is not None:   # finite gradients, an ∞ in Adam's state
                self.diverged = (self.step, self.net.layer_of(self.opt.overflowed))
                self._record_divergence(*batch(self.step))
                return
            self._pass(batch)

    # -- the two halves ---------------------------------------------------------------------------
    def _pass(self, batch) -> None:
        s, net = self.step, self.net
        x, y = batch(s)
        record = self.due(s)
        if record:
            out, fwd, dead = net.forward(x, record=True)
        else:
            out = net.forward(x)
        loss, d = loss_and_gradient(out, y, self.task.classes)
        if not math.isfinite(loss):
            self.diverged = (s, net.first_nonfinite_forward())
            net.rewind_masks()   # (the same pass again: its dropout masks too)
            self._record_divergence(x, y)
            return
        back = net.backward(d, record=record)
        bad = net.first_nonfinite_gradient()
        if bad is not None:
            self.diverged = (s, bad)
            net.rewind_masks()
            self._record_divergence(x, y)
            return
        self.ready = True
        self._losses.append(loss)
        if record:
            self._record(s, fwd, back, dead)

    def _record_divergence(self, x, y) -> None:
        """The diverged step's row: the same pass again, recording what is finite (the weights
        are unchanged; NaN where the pass broke down)."""
        net = self.net
        out, fwd, dead = net.forward(x, record=True)
        loss, d = loss_and_gradient(out, y, self.task.classes)
        back = net.backward(d, record=True)
        self._losses = [loss]
        if not self.due(self.step):
            self._ratio = np.full(net.depth + 1, np.nan)
        self._record(self.step, fwd, back, dead, units=False)   # NaN units say nothing

    def _update(self) -> None:
        net = self.net
        if self.due(self.step + 1):
            before = net.weight_norms()
            squares = self.opt.step(net.params, net.grads, self._ranges)
            self._ratio = np.concatenate([[np.nan], np.sqrt(squares[: net.depth]) / before])
        else:
            self.opt.step(net.params, net.grads)
        self.step += 1
        self.ready = False

    def _record(self, s: int, fwd, back, dead, units: bool = True) -> None:
        net = self.net
        grad_norms = net.weight_norms(net.grads)
        heldout_loss, accuracy = self.evaluate()
        if self.identical is not None and units:
            self.identical = self.identical and net.units_identical()
        self.book.add(s, {
            "log10_forward_var": fwd, "log10_backward_var": back,
            "log10_weight_grad_norm": np.concatenate([[np.nan], np.log10(grad_norms)]),
            "update_ratio": self._ratio if s > 0 else np.full(net.depth + 1, np.nan),
            "dead_fraction": dead,
        }, {"train_loss": float(np.mean(self._losses)), "heldout_loss": heldout_loss,
            "heldout_accuracy": accuracy})
        self._losses = []

    # -- outcomes -------------------------------------------------------------------------------
    def evaluate(self, x=None, y=None) -> tuple[float, float]:
        """Loss and accuracy (NaN for regression) on the held-out data, or on (x, y)."""
        task = self.task
        x = task.x_heldout if x is None else x
        y = task.y_heldout if y is None else y
        if len(x) == 0:
            return math.nan, math.nan
        with np.errstate(all="ignore"):
            out = self.net.predict(x)
            loss, _ = loss_and_gradient(out, y, task.classes)
        accuracy = correct(out, y) / len(y) if task.classes and math.isfinite(loss) else math.nan
        return loss, accuracy

    def regions(self, grid: int) -> np.ndarray | None:
        """The predicted class on a grid × grid raster over the task's extent (row i at
        y = y0 + (i + ½)(y1 − y0)/grid, column j likewise in x), NO_PREDICTION where the
        network's outputs are not finite; None for other tasks."""
        task = self.task
        if task.extent is None or task.classes == 0 or grid <= 0:
            return None
        x0, x1, y0, y1 = task.extent
        xs = x0 + (np.arange(grid) + 0.5) * (x1 - x0) / grid
        ys = y0 + (np.arange(grid) + 0.5) * (y1 - y0) / grid
        points = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2).astype(np.float32)
        with np.errstate(all="ignore"):
            out = self.net.predict(points)
        classes = np.argmax(out, axis=1).astype(np.uint8)
        classes[~np.isfinite(out).all(axis=1)] = NO_PREDICTION   # argmax of NaN says class 0
        return classes.reshape(grid, grid)

    def history(self, since: int = 0) -> RunHistory:
        """What the run recorded so far (a snapshot), from logged row `since` on."""
        return self.book.history(self.label, since, diverged=self.diverged,
                                 identical_units=self.identical, steps_done=self.step)
