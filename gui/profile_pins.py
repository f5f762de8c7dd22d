"""The profile's pinned runs: their grey lines, their legend, and the names it gives them.

A pin is named in full, or in its short form where the profile is narrow and the short forms
still tell the pins apart, or by its number alone where even those would be too small to read;
a pin that runs beyond the range shown says so. Pins widen the
profile's y range by a few decades at most (`widen`), so that a run hundreds of decades away
never flattens the current one. It also holds what the profile draws its own run with:
a run's solid line (`monte_carlo_line`), its plottable points (a lone one as a dot) and their
extent.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from . import plot_labels, theme
from .config_texts import brief_config_text, short_config_text
from .i18n import translate

# Pinned runs: grey lines, never solid (the run the controls show is the one solid pair: a
# tour printed in grey could not tell it from a dark pin), nor the theory's dashes or the
# typical run's dots: dash-dot, dash-dot-dot, long dashes (in pen widths).
PIN_STYLES = (Qt.DashDotLine, Qt.DashDotDotLine, (7.0, 2.0))
PIN_WIDTH = 2.0
# Under everything else the profile draws, its level lines and their labels too (z -12, -11):
# an old run is context, a label on it had been struck through by five pins (a tour).
PIN_Z = -13
# Their passes are told apart by a tint, which a page printed in grey loses (a colour-blind
# tour: a pin's two lines 1.8–3.5 apart in lightness), and by hollow arrowheads the way each
# pass goes: ▷ forward, ◁ backward (as the runs' legend says then: `ARROWS`), PIN_MARKS along
# each line, staggered by pin.
PIN_MARK_SYMBOLS = {"forward": "t2", "backward": "t3"}
ARROWS = {"forward": "▷ ", "backward": "◁ "}
PIN_MARKS = 5
PIN_MARK_SIZE = 8
SAMPLE_WIDTH = 20 + 8   # a legend entry's line sample and the spacing around it (pyqtgraph's)
TEXT_MARGIN = 8         # a label's text item is this much wider than its text
# Pins are named by number where their short names would shrink below this (~5 pt of 8)
PIN_TIGHT_BELOW = 0.6
# Pinned runs widen the y range by at most this much beyond the current run's (decades; or the
# current run's own span, if larger): a pin hundreds of decades away never flattens the run.
PIN_MARGIN_DECADES = 4.0


def finite_points(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The plottable points (pyqtgraph cannot place ±inf or NaN on an axis)."""
    y = np.asarray(y, dtype=np.float64)
    keep = np.isfinite(y)
    return np.asarray(x)[keep], y[keep]


def joined(x: np.ndarray) -> np.ndarray:
    """Which point joins the next: consecutive layers only, so that a line breaks over layers
    without a value (zero weights' 300 layers of exactly zero variance were bridged by one
    straight line to a layer 301 of 11 decades, a tour)."""
    x = np.asarray(x)
    return np.append(np.diff(x) == 1, False) if len(x) else np.zeros(0, dtype=bool)


def set_points(curve: pg.PlotDataItem, points, filled: bool = True) -> None:
    """`curve`'s finite points (`finite_points`), joined where consecutive (`joined`); a point
    joined to neither neighbour is a dot (filled, or a ring for theory; `dots`): zero weights
    leave each pass one finite layer, and the profile had looked empty (a tour)."""
    link = joined(points[0])
    alone = ~(link | np.insert(link[:-1], 0, False))
    curve.setData(*points, connect=link)
    if alone.any() or hasattr(curve, "initlab_dots"):
        dots(curve, filled).setData(points[0][alone], points[1][alone])


def dots(curve: pg.PlotDataItem, filled: bool = True) -> pg.ScatterPlotItem:
    """The dots of `curve`'s lone points: a child of it, so shown and hidden with it."""
    item = getattr(curve, "initlab_dots", None)
    if item is None:
        color = curve.opts["pen"].color()
        item = curve.initlab_dots = pg.ScatterPlotItem(
            symbol="o", size=9, pen=theme.pen(color, 2),
            brush=pg.mkBrush(color) if filled else pg.mkBrush(None))
        item.setParentItem(curve)
    return item


def extent(arrays) -> tuple[float, float]:
    """The finite minimum and maximum over `arrays` (None entries skipped); ±inf if none."""
    values = [np.asarray(a, dtype=float) for a in arrays if a is not None and len(a)]
    y = np.concatenate(values) if values else np.empty(0)
    y = y[np.isfinite(y)]
    return (float(y.min()), float(y.max())) if y.size else (math.inf, -math.inf)


def mark_points(x: np.ndarray, y: np.ndarray, number: int) -> tuple[np.ndarray, np.ndarray]:
    """PIN_MARKS of the points (x, y), evenly along them, shifted by a third of a step for
    each of three pins (`number`), so that marks of near lines do not meet."""
    if len(x) < 2:
        return x, y
    at = (np.arange(PIN_MARKS) + 0.5 + ((number - 1) % 3 - 1) / 3) / PIN_MARKS
    index = np.unique(np.rint(at * (len(x) - 1)).astype(int))
    return x[index], y[index]


def monte_carlo_line(result, direction: str) -> np.ndarray:
    """The solid line of a run: the median over trials when there are several, else the run
    (the engine reports the median as the run's variance)."""
    mc = result.monte_carlo
    return mc.log10_forward_var if direction == "forward" else mc.log10_backward_var


class PinnedLines:
    """The pinned runs of one plot, drawn into `plot`, named in `legend` (their own)."""

    def __init__(self, plot: pg.PlotItem, legend: plot_labels.FittingLegend):
        self.plot, self.legend = plot, legend
        self.pins: list = []
        self.curves: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []   # forward, backward
        self.marks: list[pg.ScatterPlotItem] = []   # their arrowheads (`PIN_MARK_SYMBOLS`)
        self._names: dict[int, tuple[str, str]] = {}   # the names given, by pin number
        self._words: dict[int, tuple[str, str]] | None = None   # each pin's two names
        self._longest: float | None = None   # the widest short name, as measured
        self._numbered: float | None = None  # a column's width of names by number, likewise
        self._short = True   # their short names tell them apart
        self._tight = False  # named by number alone (`set_tight`)
        self._width = 0.0    # the legend's room across (`too_long`)
        self._spans: list[tuple[float, float]] = []   # each pin's lowest and highest
        self._beyond: list[bool] = []
        self._legend_max = legend.maximumHeight()
        self._show_legend(False)

    def set(self, pins) -> None:
        """Draw the pinned runs (engine results with `.label`/`.result`, oldest first)."""
        self.pins = list(pins)
        self._names, self._spans, self._words = {}, [], None
        self._longest = self._numbered = None
        # short names only where they still tell the pins apart (two pins of other depths
        # would both read "tanh · Xavier · gain 1")
        configs = [pin.result.config for pin in pins]
        self._short = (len({brief_config_text(c) for c in configs})
                       == len({short_config_text(c) for c in configs}))
        for fwd, bwd in self.curves:
            self.legend.removeItem(fwd)
            self.plot.removeItem(fwd)
            self.plot.removeItem(bwd)
        for marks in self.marks:
            self.plot.removeItem(marks)
        self.curves, self.marks = [], []
        for pin in pins:
            style = PIN_STYLES[(pin.number - 1) % len(PIN_STYLES)]
            pair = []
            for direction, color in (("forward", theme.PIN_FORWARD),
                                     ("backward", theme.PIN_BACKWARD)):
                pen = theme.pen(theme.pin_color(color, pin.number), PIN_WIDTH)
                if isinstance(style, tuple):
                    pen.setDashPattern(list(style))
                else:
                    pen.setStyle(style)
                curve = pg.PlotDataItem(pen=pen, antialias=True)
                curve.setZValue(PIN_Z)
                points = finite_points(pin.result.layers, monte_carlo_line(pin.result, direction))
                curve.setData(*points, connect=joined(points[0]))
                marks = pg.ScatterPlotItem(*mark_points(*points, pin.number),
                                           symbol=PIN_MARK_SYMBOLS[direction],
                                           size=PIN_MARK_SIZE, brush=pg.mkBrush("w"),
                                           pen=theme.pen(pen.color(), 1.5))
                marks.setZValue(PIN_Z)
                for item in (curve, marks):
                    self.plot.addItem(item)
                pair.append(curve)
                self.marks.append(marks)
            self.legend.addItem(pair[0], pin.label)
            self.curves.append(tuple(pair))
        self._set_columns()
        self._show_legend(bool(pins))

    def all_curves(self) -> list[pg.PlotDataItem]:
        return [c for pair in self.curves for c in pair]

    def depths(self) -> list[int]:
        return [pin.result.config.depth for pin in self.pins]

    def widen(self, lo: float, hi: float, whole: bool = False) -> tuple[float, float]:
        """The current run's y range `lo`…`hi` widened to the pins, as far as they stay near
        it, or to the whole of every pin when asked (`whole`: View ▸ Reset zoom); each pin's
        own span is kept to say which run beyond the view."""
        margin = math.inf if whole else max(PIN_MARGIN_DECADES, hi - lo)
        self._spans = []
        for fwd, bwd in self.curves:
            p_lo, p_hi = extent([fwd.getData()[1], bwd.getData()[1]])
            self._spans.append((p_lo, p_hi))
            if math.isfinite(p_lo):
                lo, hi = min(lo, max(p_lo, lo - margin)), max(hi, min(p_hi, hi + margin))
        return lo, hi

    def judge(self) -> None:
        """Name each pin beyond the range shown as such: the range may be wider than asked
        (it changes only when it must; a pin in plain view read "partly beyond the view"),
        and a zoom changes it."""
        (_, x_hi), (view_lo, view_hi) = self.plot.getViewBox().viewRange()
        self._name([math.isfinite(p_lo) and (p_lo < view_lo or p_hi > view_hi)
                    or pin.result.config.depth > x_hi
                    for pin, (p_lo, p_hi) in zip(self.pins, self._spans)])

    def retranslate(self) -> None:
        self._words = self._longest = self._numbered = None   # worded (and measured) again
        self._name(self._beyond)

    def set_tight(self, tight: bool) -> None:
        """Name the pins by number alone ("pin 2"), where even their short names would be
        too small to read (at 1024 pixels with the lesson open, two pins' names were at 40 %
        of 8 pt, a review; at 1366, ~60 %, a student's tour); the hover gives their values."""
        if tight != self._tight:
            self._tight = tight
            self.retranslate()
        self._set_columns()

    def _set_columns(self) -> None:
        """Numbers alone are short: up to four to a row (one row where names took two), as
        many as hold "pin 7" at its size in the legend's width (`too_long` was told it): five
        pins at 1024 pixels with the lesson, four to a row, were at ~4 px (a tour)."""
        columns = 2
        if self._tight:
            if self._numbered is None:   # once per set of pins and language (not each frame)
                name = translate("ProfileView", "pin {n}").format(
                    n=max(p.number for p in self.pins) if self.pins else 9)
                self._numbered = SAMPLE_WIDTH + _legend_metrics().horizontalAdvance(name) \
                    + TEXT_MARGIN
            left, _, right, _ = self.legend.layout.getContentsMargins()
            fit = int((self._width - left - right) // self._numbered) if self._width else 4
            columns = max(1, min(max(len(self.pins), 2), 4, fit))
        self.legend.setColumnCount(columns)

    def too_long(self, width: float) -> bool:
        """Whether the pins' short names would shrink below PIN_TIGHT_BELOW in a legend
        `width` wide, two to a row. Measured on the names alone, not on the legend nor with
        "(beyond)": the choice stays while the view moves (a pin crossing its edge had renamed
        every pin during a drag, a review), and naming them by number changes nothing."""
        self._width = width
        if not self.pins or width <= 0:   # (nothing to name, or not laid out yet)
            return False
        if self._longest is None:   # once per set of pins and language
            metrics = _legend_metrics()
            self._longest = max(metrics.horizontalAdvance(
                pin.short_label if self._short else pin.label) + TEXT_MARGIN
                for pin in self.pins)
        left, _, right, _ = self.legend.layout.getContentsMargins()
        room = (width - left - right) / 2 - SAMPLE_WIDTH
        return room < PIN_TIGHT_BELOW * self._longest

    def _forms(self) -> dict[int, tuple[str, str]]:
        """Each pin's full and short name by number, worded once per set of pins and
        language (not at each frame of a drag, where the pins are named again)."""
        if self._words is None and self._tight:
            self._words = {pin.number: (translate("ProfileView", "pin {n}").format(n=pin.number),)
                           * 2 for pin in self.pins}   # (and "(beyond)": `_name`)
        elif self._words is None:
            self._words = {pin.number: (pin.label, pin.short_label if self._short else pin.label)
                           for pin in self.pins}
        return self._words

    def _name(self, beyond: list[bool]) -> None:
        """Each pin's legend name; a pin that runs beyond the view (far from the current
        run) says so."""
        self._beyond = list(beyond)
        for (curve, _), pin, out in zip(self.curves, self.pins, beyond + [False] * 99):
            full, short = self._forms()[pin.number]
            if out:   # (in short a few letters)
                short = translate("ProfileView", "{pin} (beyond)").format(pin=short)
                # (no key to press: the legend is also a slide's, a tour)
                full = short if self._tight else translate(
                    "ProfileView", "{pin} — partly beyond the view").format(pin=full)
            if self._names.get(pin.number) != (full, short):   # each frame of a drag
                self._names[pin.number] = (full, short)
                self.legend.name(curve, full, short)

    def _show_legend(self, shown: bool) -> None:
        """The pins' legend takes its row only when there are pins (empty, it kept 18 px from
        the plot: at 1366 × 768 in Chinese the plot had ~70 px)."""
        self.legend.setVisible(shown)
        self.legend.setMaximumHeight(self._legend_max if shown else 0)


def _legend_metrics() -> QFontMetricsF:
    """The metrics of the pins' legend's font (`theme.points(8)`)."""
    font = QFont()
    font.setPointSizeF(8 * theme.point_scale())
    return QFontMetricsF(font)
