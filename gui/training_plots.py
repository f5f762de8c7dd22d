"""The Training tab's curves, drawn from the engine's `TrainChunk` (no numerics beyond choosing
axis ranges), and what its plots share: a panel built in steps, its plots, the runs' colours.

- `CurvesView`: the training loss per run on a log scale, and the held-out accuracy per run
  (the held-out loss for a regression); the x axis spans the whole training, so the curves grow
  into it (a session that ended early, every run diverged: the steps it trained), and the
  runs' names are under them. The loss axis spans whole decades and only
  widens during a session.
(`LayerStepMaps`, the selected run's layer × step maps, is in gui/training_maps.py;
`RegionsView`, each run's decision regions on a 2-D task, in gui/training_regions.py.)

Every item is made once and updated in place (`setData`, `setImage`); texts are worded in
`retranslate`, called on a language change.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPen

from . import axis_ticks, plot_labels, theme
from .i18n import Retranslates, translate
from .training_axes import LossAxis, StepAxis, decade_ticks

MAX_RUNS = 4
# Run colours in the lecture's order: zeros (grey), γ too small (blue), γ too large
# (vermilion), Xavier (bluish green), Okabe and Ito's colours for colour-blind eyes (a tour:
# the red and the green were one olive to a deuteranope); and a line style each, for a page
# printed in grey. A single run is drawn solid in the window's violet.
RUN_COLORS = ("#868e96", "#0072b2", "#d55e00", "#009e73")
RUN_STYLES = (Qt.DotLine, Qt.DashLine, Qt.DashDotLine, Qt.SolidLine)
# … and for a run's name in its colour, shades as dark as text needs (4.5:1 on white; the grey's
# and the green's were 3.3 and 3.4, a colour-blind tour)
RUN_TEXT_COLORS = ("#5c636a", "#0072b2", "#b34f00", "#007a5a")
SINGLE_COLOR = theme.CURRENT
LEFT_AXIS_WIDTH = 48


def run_colors(count: int) -> tuple[str, ...]:
    return (SINGLE_COLOR,) if count == 1 else RUN_COLORS[:count]


def run_text_colors(count: int) -> tuple[str, ...]:
    """The colours of the runs' names (`RUN_TEXT_COLORS`)."""
    return (SINGLE_COLOR,) if count == 1 else RUN_TEXT_COLORS[:count]


def run_pen(i: int, count: int) -> QPen:
    """The curves' pen of run `i` of `count`: its colour and line style."""
    return theme.pen(run_colors(count)[i], 2,
                     style=Qt.SolidLine if count == 1 else RUN_STYLES[i])


def step_plot(widget: pg.GraphicsLayoutWidget, row: int, col: int, **kwargs) -> pg.PlotItem:
    """A plot of the tab over a step axis, in `widget`'s grid."""
    # a view box without its context menu (unused here): a third cheaper to make
    kwargs["axisItems"] = {"bottom": StepAxis("bottom"), **kwargs.get("axisItems", {})}
    plot = widget.addPlot(row=row, col=col, viewBox=pg.ViewBox(enableMenu=False), **kwargs)
    plot_labels.fit_title(plot)
    theme.line_axes(plot)
    theme.cache_axes(plot)
    plot.setMenuEnabled(False)
    plot.getAxis("left").setWidth(theme.pixels(LEFT_AXIS_WIDTH))
    return plot


class Worded(Retranslates, pg.GraphicsLayoutWidget):
    """A plot widget built in steps, that words its texts again when the language changes.

    A pyqtgraph plot item takes 20–30 ms to make: a panel with four of them built at once
    stalled the window for a tenth of a second. `_build` is a generator that yields after each
    costly item; `build_step` runs it one step further (one event-loop pass each, so the tab
    that shows the panel stays responsive), `finish` to the end. The other methods may be called
    once `built` is True."""

    def __init__(self, parent=None):
        theme.configure()   # before the first plot widget: white background, row-major images
        super().__init__(parent)
        self.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        self.built = False
        self.on_built: Callable[[], None] | None = None   # told once complete
        self._builder = self._build()
        self.held = False
        self.hold(True)   # a half-built panel is not painted: once, when complete

    def hold(self, held: bool) -> None:
        """While `held`, the panel paints its background alone (its plots are not painted;
        a panel with updates disabled had shown, for up to 0.8 s at the tab's first showing,
        whatever the window drew there before: another tab's pixels, a large-font tour)."""
        if held != self.held:
            self.held = held
            self.viewport().update()

    def paintEvent(self, event) -> None:  # Qt override
        if self.held:
            QPainter(self.viewport()).fillRect(event.rect(), self.backgroundBrush())
            return
        super().paintEvent(event)

    def _build(self):
        raise NotImplementedError

    def build_step(self) -> bool:
        """Make the next costly item; True once the panel is complete (it is painted once
        `hold(False)`: in a later pass, or a repaint asked now would follow this step before
        the window's other events)."""
        if not self.built:
            try:
                next(self._builder)
            except StopIteration:
                self.built = True
                self.retranslate()
                if self.on_built is not None:
                    self.on_built()
        return self.built

    def finish(self) -> None:
        while not self.build_step():
            pass
        self.hold(False)

    def can_retranslate(self) -> bool:
        return self.built and super().can_retranslate()


class CurvesView(Worded):
    """Loss (log scale) over accuracy, one colour per run."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(220, 240)
        self._names: tuple[str, ...] = ()
        self._decades: tuple[int, int] | None = None   # the loss axis, log10
        self._loss_ticks = None
        self._regression = False
        self._every = 10   # the logging interval: a training-loss point's mean of steps
        self._heldout_ranged = False   # the held-out loss's y follows its points (a session's)

    def _build(self):
        self.loss = step_plot(self, 0, 0, axisItems={"left": axis_ticks.LogAxis("left")})
        self.loss.setLogMode(x=False, y=True)
        self.loss.getAxis("left").geometryChanged.connect(self._tick_loss)
        theme.grid_beneath(self.loss, 0.15)
        yield
        self.accuracy = step_plot(self, 1, 0, axisItems={"left": LossAxis("left")})
        yield
        theme.grid_beneath(self.accuracy, 0.15)
        # "%" where "accuracy (%)" runs past its plot (the Chinese ran from above the plot
        # to under its step axis at 1024 × 700, a tour); its box's margins may
        self.accuracy_label = plot_labels.AxisLabelForms(self.accuracy.getAxis("left"),
                                                         overrun=12)
        self.accuracy.setYRange(0, 100, padding=0.02)
        self.accuracy.setXLink(self.loss)
        # room for the last step's label past the end, in the (hidden) right axis's column,
        # under the title (`fit_title`): narrower, the title had taken a smaller size
        for plot in (self.loss, self.accuracy):
            plot.layout.setColumnFixedWidth(2, plot.getAxis("bottom").EDGE_ROOM_ACROSS)
        # one above the other at one scale (at 1024 × 640 the loss's title was the smaller,
        # a tour), as the maps beside them
        plot_labels.pair_titles(self.loss, self.accuracy)
        # under the plots: over the curves, its four rows covered most of a short plot
        self.legend = plot_labels.FittingLegend(colCount=2, labelTextSize=theme.points(8),
                                                verSpacing=-4)
        self.addItem(self.legend, row=2, col=0)
        self.train_curves, self.accuracy_curves = [], []
        for _ in range(MAX_RUNS):
            self.train_curves.append(self.loss.plot(connect="finite"))
            self.accuracy_curves.append(self.accuracy.plot(connect="finite"))
        self.loss.enableAutoRange(y=False)

    def retranslate(self) -> None:
        # the curve is the mean of the mini-batch losses since the last logged step, the
        # held-out numbers are at that step (a tour: nothing said so)
        if self._every == 1:   # a point a step: no mean ("mean of each 1 steps")
            plot_labels.set_title(self.loss,
                                  translate("TrainingView", "Training loss (log scale)"))
        else:
            plot_labels.set_title(
                self.loss, translate("TrainingView", "Training loss, averaged over {every} steps "
                                                     "(log scale)").format(every=self._every),
                translate("TrainingView", "Training loss, {every}-step mean").format(
                    every=self._every))
        # the loss named (a practitioner's tour: "loss" alone, and ln 2 = 0.693 read as log10)
        loss = (translate("TrainingView", "mean squared error") if self._regression
                else translate("TrainingView", "cross-entropy (nats)"))
        plot_labels.label_axis(self.loss, "left", loss)
        if self._regression:   # no classes: the held-out loss instead
            self.accuracy.setTitle(translate("TrainingView", "Held-out loss (log scale)"))
            self.accuracy_label.set(loss, loss)
        else:
            self.accuracy.setTitle(translate("TrainingView", "Held-out accuracy"))
            self.accuracy_label.set(translate("TrainingView", "accuracy (%)"), "%")
        plot_labels.label_axis(self.accuracy, "bottom", translate("TrainingView", "step"))

    def set_runs(self, names: tuple[str, ...], steps: int, regression: bool = False,
                 every: int = 10) -> None:
        """A new session: `names` of its runs (worded), `steps` its length (the x range);
        a `regression` shows the held-out loss where classes show the accuracy; `every`, its
        logging interval, the steps each point of the training loss averages."""
        if every != self._every:
            self._every = every
            self.retranslate()
        if regression != self._regression:
            self._regression = regression
            self.accuracy.setLogMode(x=False, y=regression)
            if regression:
                self.accuracy.enableAutoRange(y=True)
            else:
                self.accuracy.setYRange(0, 100, padding=0.02)
            self.retranslate()
        for i in range(MAX_RUNS):
            used = i < len(names)
            for curve in (self.train_curves[i], self.accuracy_curves[i]):
                curve.setData([], [])
                curve.setVisible(used)
            if used:
                self.train_curves[i].setPen(run_pen(i, len(names)))
                self.accuracy_curves[i].setPen(run_pen(i, len(names)))
        self.rename(names)
        # a neutral 0.1 … 10 until the new runs' losses come (a tour: after a run that had
        # diverged, Reset kept its 10⁵ … 10⁶ until Start)
        self._decades = None
        self.loss.setYRange(-1, 1, padding=0.02)
        self._tick_loss()
        if self._regression:   # the held-out loss too, its own range from its first points
            self.accuracy.setYRange(-1, 1, padding=0.02)   # (empty, pyqtgraph's 1 … 10¹⁰⁰)
        self._heldout_ranged = False
        # the session's length, never the data's: the held-out plot's log mode (a regression)
        # had turned its x auto-range back on, and through the link the loss's x followed
        for plot in (self.loss, self.accuracy):
            plot.enableAutoRange(x=False)
        self.loss.setXRange(0, steps, padding=0.01)

    def rename(self, names: tuple[str, ...]) -> None:
        """The runs' names in the legend (a language change); a single run's colour needs no
        key (the legend's row is the plots' then)."""
        self.legend.clear()
        for curve, name in zip(self.train_curves, names):
            self.legend.addItem(curve, name)
        self.legend.setVisible(len(names) > 1)
        self._names = names

    def span(self, low: float, high: float) -> None:
        """The step axis from `low` to `high` (a session that ended before its length)."""
        self.loss.setXRange(low, high, padding=0)

    def show_runs(self, runs) -> None:
        for i, run in enumerate(runs[:MAX_RUNS]):
            # (on a log axis: a loss of exactly 0, a mini-batch of 1 fitted, has no place)
            _set_points(self.train_curves[i], run.steps,
                        np.where(run.train_loss > 0, run.train_loss, np.nan))
            _set_points(self.accuracy_curves[i], run.steps,
                        run.heldout_loss if self._regression else 100 * run.heldout_accuracy)
        if self._regression and runs and not self._heldout_ranged:   # once a session: a zoom
            self._heldout_ranged = True                              # of the user's stays
            self.accuracy.enableAutoRange(y=True)
        self._fit_loss(runs)

    def _fit_loss(self, runs) -> None:
        """The loss axis spans whole decades and only widens during a session: a range that
        moved at every chunk would lay out and paint the axis and its grid again each time."""
        drawn = [run.train_loss[(run.train_loss > 0) & np.isfinite(run.train_loss)]
                 for run in runs]   # (0 has no log: a loss of exactly 0 made a traceback)
        finite = [v for loss in drawn for v in (np.min(loss, initial=np.inf),
                                                 np.max(loss, initial=-np.inf))
                  if math.isfinite(v)]
        if not finite:
            return
        lo, hi = math.floor(math.log10(min(finite))), math.ceil(math.log10(max(finite)))
        if self._decades is not None:
            lo, hi = min(lo, self._decades[0]), max(hi, self._decades[1])
        if hi == lo:
            hi += 1
        if (lo, hi) != self._decades:
            self._decades = (lo, hi)
            self.loss.setYRange(lo, hi, padding=0.02)
            self._tick_loss()

    def _tick_loss(self) -> None:
        """The loss axis's decades (`decade_ticks`), their labels apart at its height."""
        axis = self.loss.getAxis("left")
        lo, hi = self._decades or (-1, 1)
        height = axis.geometry().height()   # (of a view spanning the decades padded by 2 %)
        decade = height / (1.04 * (hi - lo)) if height > 0 else math.inf
        ticks = decade_ticks(lo, hi, decade, axis_ticks.tick_line(axis))
        if ticks != self._loss_ticks:
            self._loss_ticks = ticks
            axis.setTicks(ticks)


def _set_points(curve: pg.PlotDataItem, x, y) -> None:
    """A curve's data, with a dot at its one finite point when it has only one (a line of
    one point is not drawn: a run that diverged at step 3 showed no loss at all)."""
    alone = np.count_nonzero(np.isfinite(y)) == 1
    if alone:   # (its colour each time: the runs' colours change with their number)
        pen = theme.pen(pg.mkPen(curve.opts["pen"]).color())   # (the colour, not the dashes)
        curve.setSymbol("o")
        curve.setSymbolSize(6)
        curve.setSymbolPen(pen)
        curve.setSymbolBrush(pg.mkBrush(pen.color()))
    elif curve.opts["symbol"] is not None:
        curve.setSymbol(None)
    curve.setData(x, y)


def pair_panel_titles(curves: CurvesView, maps) -> None:
    """The four plots' titles at one scale once both panels are made (`LayerStepMaps` the
    maps): the loss's long title had set its pair smaller than the maps' (a tour)."""
    if curves.built and maps.built:
        plots = (curves.loss, curves.accuracy, *maps.plots)
        plot_labels.pair_titles(*plots)
        for plot in plots:
            plot.titleLabel.fit_scale()
