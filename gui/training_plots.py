"""The Training tab's plots, drawn from the engine's `TrainChunk` (no numerics beyond choosing
axis ranges and colour levels, and log₁₀ of the update ratio for its colour scale).

- `CurvesView`: the training loss per run on a log scale, and the held-out accuracy per run
  (the held-out loss for a regression); the x axis spans the whole training, so the curves grow
  into it (a session that ended early, every run diverged: the steps it trained), and the
  runs' names are under them. The loss axis spans whole decades and only
  widens during a session.
- `LayerStepMaps`: for the selected run, layer (y) × step (x) maps of log₁₀ Var[∂ℓ/∂h^t] and of
  log₁₀ of the update ratio ‖ΔW^t‖/‖W^t‖. Their colour levels are whole decades spanning the
  middle `MAP_PERCENTILES` of the values (the rest saturates: a first step far off does not wash
  out the others), so they change only when a decade is crossed.
(`RegionsView`, each run's decision regions on a 2-D task, is in gui/training_regions.py.)

Every item is made once and updated in place (`setData`, `setImage`); texts are worded in
`retranslate`, called on a language change.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen

from . import axis_ticks, plot_labels, theme
from .i18n import Retranslates, translate
from .training_axes import ColorBar, LossAxis, StepAxis, decade_ticks

MAX_RUNS = 4
# Run colours in the lecture's order: zeros (grey), γ too small (blue), γ too large
# (vermilion), Xavier (bluish green), Okabe and Ito's colours for colour-blind eyes (a tour:
# the red and the green were one olive to a deuteranope); and a line style each, for a page
# printed in grey. A single run is drawn solid in the window's violet.
RUN_COLORS = ("#868e96", "#0072b2", "#d55e00", "#009e73")
RUN_STYLES = (Qt.DotLine, Qt.DashLine, Qt.DashDotLine, Qt.SolidLine)
SINGLE_COLOR = theme.CURRENT
MAP_CMAP = "viridis"
MAP_PERCENTILES = (2, 98)
LEFT_AXIS_WIDTH = 48


def run_colors(count: int) -> tuple[str, ...]:
    return (SINGLE_COLOR,) if count == 1 else RUN_COLORS[:count]


def run_pen(i: int, count: int) -> QPen:
    """The curves' pen of run `i` of `count`: its colour and line style."""
    return theme.pen(run_colors(count)[i], 2,
                     style=Qt.SolidLine if count == 1 else RUN_STYLES[i])


def _plot(widget: pg.GraphicsLayoutWidget, row: int, col: int, **kwargs) -> pg.PlotItem:
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
        self._builder = self._build()
        self.setUpdatesEnabled(False)   # a half-built panel is not painted: once, when complete

    def _build(self):
        raise NotImplementedError

    def build_step(self) -> bool:
        """Make the next costly item; True once the panel is complete (it is painted once
        `setUpdatesEnabled(True)`: in a later pass, or a repaint asked now would follow this
        step before the window's other events)."""
        if not self.built:
            try:
                next(self._builder)
            except StopIteration:
                self.built = True
                self.retranslate()
        return self.built

    def finish(self) -> None:
        while not self.build_step():
            pass
        self.setUpdatesEnabled(True)

    def can_retranslate(self) -> bool:
        return self.built and super().can_retranslate()


class CurvesView(Worded):
    """Loss (log scale) over accuracy, one colour per run."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(220, 240)
        self._names: tuple[str, ...] = ()
        self._decades: tuple[int, int] | None = None   # the loss axis, log10
        self._regression = False
        self._every = 10   # the logging interval: a training-loss point's mean of steps
        self._heldout_ranged = False   # the held-out loss's y follows its points (a session's)

    def _build(self):
        self.loss = _plot(self, 0, 0, axisItems={"left": axis_ticks.LogAxis("left")})
        self.loss.setLogMode(x=False, y=True)
        self.loss.showGrid(x=True, y=True, alpha=0.15)
        yield
        self.accuracy = _plot(self, 1, 0, axisItems={"left": LossAxis("left")})
        yield
        self.accuracy.showGrid(x=True, y=True, alpha=0.15)
        self.accuracy.setYRange(0, 100, padding=0.02)
        self.accuracy.setXLink(self.loss)
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
        plot_labels.label_axis(self.loss, "left", translate("TrainingView", "loss"))
        if self._regression:   # no classes: the held-out loss instead
            self.accuracy.setTitle(translate("TrainingView", "Held-out loss (log scale)"))
            plot_labels.label_axis(self.accuracy, "left", translate("TrainingView", "loss"))
        else:
            self.accuracy.setTitle(translate("TrainingView", "Held-out accuracy"))
            plot_labels.label_axis(self.accuracy, "left",
                                   translate("TrainingView", "accuracy (%)"))
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
        self.loss.getAxis("left").setTicks(decade_ticks(-1, 1))
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
            _set_points(self.train_curves[i], run.steps, run.train_loss)
            _set_points(self.accuracy_curves[i], run.steps,
                        run.heldout_loss if self._regression else 100 * run.heldout_accuracy)
        if self._regression and runs and not self._heldout_ranged:   # once a session: a zoom
            self._heldout_ranged = True                              # of the user's stays
            self.accuracy.enableAutoRange(y=True)
        self._fit_loss(runs)

    def _fit_loss(self, runs) -> None:
        """The loss axis spans whole decades and only widens during a session: a range that
        moved at every chunk would lay out and paint the axis and its grid again each time."""
        finite = [v for run in runs
                  for v in (np.min(run.train_loss[run.train_loss > 0], initial=np.inf),
                            np.max(run.train_loss[np.isfinite(run.train_loss)], initial=-np.inf))
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
            self.loss.getAxis("left").setTicks(decade_ticks(lo, hi))


class LayerStepMaps(Worded):
    """Layer × step maps of the selected run: gradient variance above, update ratio below."""

    # the first layer each map shows: ∂ℓ/∂h^t from the input on; ΔW^t from layer 1 (the input
    # has no weights: its row was an empty grey band)
    FIRST_LAYER = (0, 1)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setMinimumSize(280, 240)   # its title, axis and colour bar
        self.plots, self.images, self.bars = [], [], []
        self.bar_labels: list[plot_labels.AxisLabelForms] = []
        self.zeros = []   # over each map: black where a value is exactly zero (−∞ decades)
        self._levels: list[tuple[float, float] | None] = [None, None]
        self.notes = []   # why a map is empty
        self._name = ""
        self._layers = [0, 0]
        self._middle = 0.5   # the step axis's middle (where "nothing finite" is said)

    def _build(self):
        cmap = theme.colormap(MAP_CMAP)
        for row in range(2):
            # whole layers, as many labelled as the map's height has room for (every one of
            # 0 … 11 overprinted in a short map, a tour at 150 %)
            plot = _plot(self, row, 0, axisItems={"left": axis_ticks.CountAxis("left")})
            plot.setMouseEnabled(x=False, y=False)
            plot.getViewBox().setBackgroundColor(theme.EMPTY)
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(cmap)
            plot.addItem(image)
            zero = pg.ImageItem(axisOrder="row-major")
            black = pg.mkColor(theme.ZERO_VARIANCE)
            zero.setLookupTable(np.array([[0, 0, 0, 0],
                                          [black.red(), black.green(), black.blue(), 255]],
                                         dtype=np.ubyte))
            plot.addItem(zero)
            self.zeros.append(zero)
            self.plots.append(plot)
            self.images.append(image)
            self.bars.append(ColorBar(plot, cmap))
            # its short form where the label would be taller than its map's plot (a tour at a
            # 14 pt desktop font: the two bars' labels ran into each other)
            self.bar_labels.append(plot_labels.AxisLabelForms(self.bars[-1].getAxis("left"),
                                                              within=plot))
            yield
        plot_labels.pair_titles(*self.plots)   # one above the other, at one scale
        plot_labels.pair_axis_labels(*self.bar_labels)   # … and their bars' labels alike
        for plot in self.plots:
            note = pg.TextItem(anchor=(0.5, 0.5), color="#333")
            note.setZValue(30)
            plot.addItem(note, ignoreBounds=True)
            note.hide()
            self.notes.append(note)

    def retranslate(self) -> None:
        titles = (translate("TrainingView", "Gradient variance: {run}"),
                  translate("TrainingView", "Update ratio: {run}"))
        # without the run's name where a narrow column would shrink it (the run chooser
        # above says which run the maps show)
        shorts = (translate("TrainingView", "Gradient variance"),
                  translate("TrainingView", "Update ratio"))
        bars = (translate("TrainingView", "log₁₀ Var[∂ℓ/∂h<sup>t</sup>]"),
                translate("TrainingView", "log₁₀ ‖ΔW<sup>t</sup>‖ / ‖W<sup>t</sup>‖"))
        for plot, forms, title, short, label in zip(self.plots, self.bar_labels, titles, shorts,
                                                     bars):
            plot_labels.set_title(plot, title.format(run=self._name), short)
            plot_labels.label_axis(plot, "left", translate("TrainingView", "layer t"))
            forms.set(label, translate("TrainingView", "log₁₀"))
        plot_labels.label_axis(self.plots[1], "bottom", translate("TrainingView", "step"))
        for note in self.notes:
            note.setText(translate("TrainingView", "nothing finite to draw"))

    def rename(self, name: str) -> None:
        self._name = name
        self.retranslate()

    def set_run(self, name: str, steps: int, layers: int) -> None:
        """A new session or another run chosen: forget the levels, span `steps` and the
        network's `layers` (t = 0 … layers − 1) before the first values come."""
        self._name = name
        self._levels = [None, None]
        self._middle = steps / 2
        for i, (plot, image, note) in enumerate(zip(self.plots, self.images, self.notes)):
            image.clear()
            self.zeros[i].clear()
            self.bars[i].clear()   # as made: an empty map kept the old decades
            note.hide()
            plot.setXRange(0, steps, padding=0.01)
            self._span_layers(i, layers)
        self.retranslate()

    def span(self, low: float, high: float) -> None:
        """The step axis from `low` to `high` (a session that ended before its length)."""
        self._middle = (low + high) / 2
        for plot, note in zip(self.plots, self.notes):
            plot.setXRange(low, high, padding=0)
            note.setPos(self._middle, note.pos().y())

    def _span_layers(self, i: int, layers: int) -> None:
        """Map `i`'s y axis: its rows of layers t = FIRST_LAYER[i] … layers − 1."""
        if layers == self._layers[i]:
            return
        self._layers[i] = layers
        low, high = self.FIRST_LAYER[i] - 0.5, layers - 0.5
        plot = self.plots[i]
        plot.setLimits(yMin=low, yMax=high)
        plot.setYRange(low, high, padding=0)

    def show_run(self, run) -> None:
        """Draw `run` (a RunHistory): its log10 backward variance and update ratio."""
        if len(run.steps) == 0:   # nothing logged yet (step 0 is logged by the first step)
            return
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.log10(run.update_ratio)   # the ratio as decades, for the colour scale
        steps = np.asarray(run.steps)
        width = float(steps[1] - steps[0]) if len(steps) > 1 else 1.0
        for i, values in enumerate((run.log10_backward_var, ratio)):
            data = np.asarray(values, dtype=np.float64).T   # rows: layers (y); columns: steps
            self._draw(i, data, steps, width)

    def _draw(self, i: int, data: np.ndarray, steps: np.ndarray, width: float) -> None:
        layers, first = data.shape[0], self.FIRST_LAYER[i]
        data = data[first:]
        finite = data[np.isfinite(data)]
        levels = self._levels[i] or (-1, 0)
        if finite.size:
            lo, hi = (float(v) for v in np.percentile(finite, MAP_PERCENTILES))
            lo, hi = math.floor(lo), math.ceil(hi)
            levels = (lo, hi if hi > lo else lo + 1)
        note = self.notes[i]   # all NaN: e.g. a zero update of zero weights (0/0)
        note.setVisible(finite.size == 0)
        if finite.size == 0:
            note.setPos(self._middle, (first + layers - 1) / 2)
        shown = data.copy()   # +inf (overflow) at the scale's end; exact zeros black, as in
        zero = np.isneginf(shown)   # the Network tab's heatmaps (not the scale's low end,
        shown[zero] = np.nan        # which read as a small value: zero weights' gradients)
        shown[np.isposinf(shown)] = levels[1]
        image = self.images[i]
        image.setImage(shown, autoLevels=False, levels=levels)
        self.zeros[i].setImage(zero.astype(np.ubyte), autoLevels=False, levels=(0, 1))
        rect = QRectF(float(steps[0]) - width / 2, first - 0.5, width * len(steps),
                      layers - first)
        image.setRect(rect)
        self.zeros[i].setRect(rect)
        if not finite.size and self._levels[i] is None:
            self.bars[i].clear()   # (nothing drawn: no scale of nothing, a teacher's tour)
        elif levels != self._levels[i]:
            self._levels[i] = levels
            self.bars[i].setLevels(levels)
        self._span_layers(i, layers)

    def levels(self, i: int) -> tuple[float, float] | None:
        return self._levels[i]


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

