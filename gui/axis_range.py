"""A steady y range for a plot whose data move a little at every frame of a slider drag.

pyqtgraph's auto-range follows the data exactly, so every theory update during a drag moves
the y axis: the ticks jitter, the axis is laid out again and the plot is painted twice (once
for the data, once for the new range). Here the range snaps outward to round numbers, grows
at once when data leave it and shrinks only when the data fill less than a third of it: the
axis stays put while the curves move inside it.

The user still owns the view: after a manual zoom or pan the range is left alone until the
plot's auto-range button ("A") is pressed, the plot is double-clicked, or `reset` is called
(View ▸ Reset zoom, or new settings: `ManualZoom`). `settle` fits the last data afresh: the
steady range is for a stream of changes, not kept across them.

`padded_range` and `fitted_beside` fit a range to data once (the Activation tab's plots).
"""

from __future__ import annotations

import math
import weakref
from typing import Callable

import numpy as np
import pyqtgraph as pg

SHRINK_BELOW = 1 / 3     # shrink once the data fill less than this fraction of the range
MARGIN = 0.06            # room above and below the data, as a fraction of their span


def snapped(lo: float, hi: float) -> tuple[float, float]:
    """[lo, hi] with a margin, widened outward to multiples of a power of ten (≥ 1)."""
    if hi - lo < 1.0:                   # at least one decade: flat curves stay readable
        mid = 0.5 * (lo + hi)
        lo, hi = mid - 0.5, mid + 0.5
    pad = MARGIN * (hi - lo)
    step = decade_step(hi - lo + 2 * pad)
    return math.floor((lo - pad) / step) * step, math.ceil((hi + pad) / step) * step


def decade_step(span: float) -> float:
    """The step a range `span` wide snaps to: a power of ten (≥ 1) of about half of it."""
    return max(1.0, 10.0 ** math.floor(math.log10(max(span, 1.0) / 2)))


def with_room(rng: tuple[float, float], room: tuple[float, float, bool] | None
              ) -> tuple[float, float]:
    """`rng` widened on one side, to a multiple of a tenth of its step (no more than the
    label needs: a visual check found a band of 5 decades empty above it), where a label
    `share` of its height does not fit beside `level` (`room` = (level, share, above)); as
    it is else. (The label's room: edge − level ≥ share · (edge − the other end).)"""
    if room is None or not room[1]:
        return rng
    level, share, above = room
    bottom, top = rng
    step = decade_step(top - bottom) / 10
    if above:
        edge = (level - share * bottom) / (1.0 - share)
        return (bottom, top) if top >= edge else (bottom, math.ceil(edge / step) * step)
    edge = (level - share * top) / (1.0 - share)
    return (bottom, top) if bottom <= edge else (math.floor(edge / step) * step, top)


class SteadyYRange:
    """Keeps `viewbox`'s y range steady; call `fit(lo, hi)` with the data's extent."""

    def __init__(self, viewbox: pg.ViewBox):
        self.viewbox = viewbox
        self.range: tuple[float, float] | None = None
        self._extent: tuple[float, float] | None = None
        self._room: tuple[float, float, bool] | None = None   # `fit`'s
        self._managed = True
        self._setting = False
        viewbox.disableAutoRange(axis=pg.ViewBox.YAxis)
        viewbox.sigRangeChangedManually.connect(self._on_manual)
        viewbox.sigStateChanged.connect(self._on_state)

    @property
    def managed(self) -> bool:
        return self._managed

    def fit(self, lo: float, hi: float, room: tuple[float, float, bool] | None = None) -> None:
        """Show [lo, hi] (finite); the range changes only when it must. `room` = (level,
        share, above): a label `share` of the range's height tall beside `level` (above it or
        below) fits in it too (`level_label.LevelLabel.room`)."""
        if not (math.isfinite(lo) and math.isfinite(hi)):
            return
        lo, hi = min(lo, hi), max(lo, hi)
        self._extent, self._room = (lo, hi), room
        if not self._managed:
            return
        current = self.range
        if current is not None:
            inside = current[0] <= lo and hi <= current[1]
            # the label's room counts as data (a range widened for it had shrunk at the next
            # result, a pinned run's far end cut off: a visual check)
            low, high = lo, hi
            if room is not None and room[1]:
                level, share, above = room
                reach = share * (current[1] - current[0])
                low, high = (lo, max(hi, level + reach)) if above else (min(lo, level - reach), hi)
            crowded = (max(high - low, 1.0)) >= SHRINK_BELOW * (current[1] - current[0])
            if inside and crowded:   # (widened for the label's room alone, where it must)
                roomy = with_room(current, room)
                if roomy != current:
                    self._apply(roomy)
                return
        self._apply(with_room(snapped(lo, hi), room))

    def set_room(self, room: tuple[float, float, bool]) -> None:
        """`fit` the data last given again, with a label's new `room`."""
        if self._extent is not None:
            self.fit(*self._extent, room=room)

    def settle(self, lo: float, hi: float, room: tuple[float, float, bool] | None = None
               ) -> None:
        """`fit`, the range fitted afresh where it is ours: the range a drag's frames keep
        (grown at once, shrunk only below a third) is for a stream of changes, not for new
        settings' own result (a GUI tour: a vanishing run kept the −800…+800 of the exploding
        one before it, its top half empty)."""
        if self._managed and math.isfinite(lo) and math.isfinite(hi) \
                and with_room(snapped(min(lo, hi), max(lo, hi)), room) != self.range:
            self.range = None   # (`fit` snaps it afresh; the same range is not set again)
        self.fit(lo, hi, room)

    def reset(self) -> None:
        """Take the range over again (after a manual zoom) and fit the data."""
        self._managed = True
        self.range = None
        if self._extent is not None:
            self.fit(*self._extent, room=self._room)

    def _apply(self, rng: tuple[float, float]) -> None:
        self.range = rng
        self._setting = True
        try:
            self.viewbox.setYRange(*rng, padding=0)
        finally:
            self._setting = False

    def _on_manual(self, mask=None, *_):
        # a zoom or pan of x alone (mask [True, False]) leaves y to us
        if mask is not None and len(mask) == 2 and not mask[1]:
            return
        self._managed = False

    def _on_state(self, *_):
        # The "A" button turns pyqtgraph's own auto-range back on: take over again.
        if self._setting or not self.viewbox.state["autoRange"][1]:
            return
        self.viewbox.disableAutoRange(axis=pg.ViewBox.YAxis)
        self.reset()


class ManualZoom:
    """Whether the user zoomed or panned a plot (wheel, drag) since the last `reset`; a
    double-click on the plot resets it. `restore()` shows the plot's full range."""

    def __init__(self, widget: pg.GraphicsView, viewbox: pg.ViewBox,
                 restore: Callable[[], None]):
        self.zoomed = False
        # weakly: the plot holds this object, which must not keep a closed plot alive (a
        # closed pyqtgraph view has lost its items, yet would still get events)
        self._restore = weakref.WeakMethod(restore)
        viewbox.sigRangeChangedManually.connect(self._on_manual)
        widget.scene().sigMouseClicked.connect(self._on_click)

    def reset(self) -> None:
        restore = self._restore()
        if restore is not None:
            restore()
        self.zoomed = False

    def _on_manual(self, *_) -> None:
        self.zoomed = True

    def _on_click(self, event) -> None:
        if event.double():
            event.accept()
            self.reset()


def padded_range(values: np.ndarray, padding: float,
                 include_zero: bool = False) -> tuple[float, float]:
    """A y range fitted to `values` (finite ones), `padding` of its span above and below;
    never empty."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    if include_zero:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    span = hi - lo
    if not span > 1e-12 * max(abs(lo), abs(hi)):
        span = 0.2 * max(abs(hi), 1.0) if hi == lo else 0.2 * max(abs(hi), abs(lo))
        lo, hi = 0.5 * (lo + hi) - 0.5 * span, 0.5 * (lo + hi) + 0.5 * span
    return lo - padding * span, hi + padding * span


def fitted_beside(own: np.ndarray, others: list[np.ndarray], padding: float, spans: float,
                  include_zero: bool = False) -> tuple[float, float]:
    """`padded_range` of `own` with `others` beside them, unless that range would be more
    than `spans` times `own`'s alone (then `own`'s)."""
    alone = padded_range(own, padding, include_zero)
    if not others:
        return alone
    both = padded_range(np.concatenate([own, *others]), padding, include_zero)
    return both if both[1] - both[0] <= spans * (alone[1] - alone[0]) else alone
