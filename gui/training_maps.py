"""The Training tab's layer × step maps of the selected run, drawn from the engine's
`TrainChunk` (no numerics beyond choosing axis ranges and colour levels, and log₁₀ of the
update ratio for its colour scale).

`LayerStepMaps`: log₁₀ Var[∂ℓ/∂h^t] above, log₁₀ of the update ratio ‖ΔW^t‖/‖W^t‖ below. Their
colour levels are whole decades spanning the middle `MAP_PERCENTILES` of the values (the rest
saturates: a first step far off does not wash out the others), so they change only when a
decade is crossed; a map with nothing finite says so, its colour bar without numbers.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF

from . import axis_ticks, plot_labels, theme
from .empty_note import EmptyNote
from .i18n import translate
from .training_axes import ColorBar
from .training_plots import Worded, step_plot

MAP_CMAP = "viridis"
MAP_PERCENTILES = (2, 98)
# Why a map is empty: no step logged yet (they were grey and silent beside "ready: press
# Start", a new user's tour), or the values come but none finite (a zero update of zero
# weights, 0/0)
NOTES = {"waiting": QT_TRANSLATE_NOOP("TrainingView", "no steps yet"),
         "nothing": QT_TRANSLATE_NOOP("TrainingView", "nothing finite to draw")}


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
        self.notes: list[EmptyNote] = []   # why a map is empty (`NOTES`)
        self._said = ["", ""]   # … a key of NOTES each, or ""
        self.zero_notes = []   # what black is, over a map mostly black (zero weights' run)
        self._name = ""
        self._layers = [0, 0]
        self._every = 1   # the logging interval: step 0's column's width

    def _build(self):
        cmap = theme.colormap(MAP_CMAP)
        for row in range(2):
            # whole layers, as many labelled as the map's height has room for (every one of
            # 0 … 11 overprinted in a short map, a tour at 150 %)
            plot = step_plot(self, row, 0, axisItems={"left": axis_ticks.CountAxis("left")})
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
            self.notes.append(EmptyNote(plot))
            zero_note = pg.TextItem(anchor=(0.5, 0.5), color="w", fill=theme.ZERO_VARIANCE)
            zero_note.setZValue(30)
            plot.addItem(zero_note, ignoreBounds=True)
            zero_note.hide()
            self.zero_notes.append(zero_note)

    def retranslate(self) -> None:
        titles = (translate("TrainingView", "Gradient variance: {run}"),
                  translate("TrainingView", "Update ratio: {run}"))
        # the run named beside the quantity's symbol where the words would shrink (a tour:
        # the four inits' English slide, its loss's title short, said no run), without it
        # where a narrow column would shrink that too (the run chooser says which run)
        middles = (translate("TrainingView", "Var[∂ℓ/∂h<sup>t</sup>]: {run}"),
                   translate("TrainingView", "‖ΔW<sup>t</sup>‖ / ‖W<sup>t</sup>‖: {run}"))
        shorts = (translate("TrainingView", "Gradient variance"),
                  translate("TrainingView", "Update ratio"))
        bars = (translate("TrainingView", "log₁₀ Var[∂ℓ/∂h<sup>t</sup>]"),
                translate("TrainingView", "log₁₀ ‖ΔW<sup>t</sup>‖ / ‖W<sup>t</sup>‖"))
        for plot, forms, title, middle, short, label in zip(self.plots, self.bar_labels, titles,
                                                             middles, shorts, bars):
            plot_labels.set_title(plot, title.format(run=self._name),
                                  middle.format(run=self._name), short)
            plot_labels.label_axis(plot, "left", translate("TrainingView", "layer t"))
            forms.set(label, translate("TrainingView", "log₁₀"))
        plot_labels.label_axis(self.plots[1], "bottom", translate("TrainingView", "step"))
        for i, said in enumerate(self._said):
            self._say(i, said)
        for note in self.zero_notes:
            note.setText(translate("TrainingView", "black: exactly 0"))

    def _say(self, i: int, said: str) -> None:
        """Map i's words over it: a key of NOTES, or "" for none."""
        self._said[i] = said
        if i < len(self.notes):   # (built)
            self.notes[i].set(translate("TrainingView", NOTES[said]) if said else "")

    def rename(self, name: str) -> None:
        self._name = name
        self.retranslate()

    def set_run(self, name: str, steps: int, layers: int, every: int = 1) -> None:
        """A new session or another run chosen: forget the levels, span `steps` and the
        network's `layers` (t = 0 … layers − 1) before the first values come; a column is
        `every` steps wide (the logging interval) until two logged steps say it."""
        self._name = name
        self._every = max(1, min(every, steps))   # (past the run's end: steps 0 and `steps`)
        self._levels = [None, None]
        for i, (plot, image) in enumerate(zip(self.plots, self.images)):
            self._say(i, "waiting")
            image.clear()
            self.zeros[i].clear()
            self.bars[i].clear()   # as made: an empty map kept the old decades
            self.zero_notes[i].hide()
            plot.setXRange(0, steps, padding=0.01)
            self._span_layers(i, layers)
        self.retranslate()

    def span(self, low: float, high: float) -> None:
        """The step axis from `low` to `high` (a session that ended before its length)."""
        for plot in self.plots:
            plot.setXRange(low, high, padding=0)

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
        for i, values in enumerate((run.log10_backward_var, ratio)):
            data = np.asarray(values, dtype=np.float64).T   # rows: layers (y); columns: steps
            self._draw(i, data, columns(run.steps, self._every))

    def _draw(self, i: int, data: np.ndarray, span: tuple[float, float]) -> None:
        layers, first = data.shape[0], self.FIRST_LAYER[i]
        data = data[first:]
        finite = data[np.isfinite(data)]
        levels = self._levels[i] or (-1, 0)
        if finite.size:
            lo, hi = (float(v) for v in np.percentile(finite, MAP_PERCENTILES))
            lo, hi = math.floor(lo), math.ceil(hi)
            levels = (lo, hi if hi > lo else lo + 1)
        shown = data.copy()   # +inf (overflow) at the scale's end; exact zeros black, as in
        zero = np.isneginf(shown)   # the Network tab's heatmaps (not the scale's low end,
        shown[zero] = np.nan        # which read as a small value: zero weights' gradients)
        # all NaN: e.g. a zero update of zero weights (0/0)
        self._say(i, "nothing" if finite.size == 0 and not zero.any() else "")
        # said where most of the map is black, or all it draws (a tour: with nothing else
        # drawn "nothing finite to draw" had been written over it): the zero weights' map had
        # read as a dark end of the colour scale, without a word (a tour)
        zero_note = self.zero_notes[i]
        zero_note.setVisible(bool(zero.any()) and (bool(zero.mean() >= 0.5) or not finite.size))
        zero_note.setPos((span[0] + span[1]) / 2, (first + layers - 1) / 2)
        shown[np.isposinf(shown)] = levels[1]
        image = self.images[i]
        image.setImage(shown, autoLevels=False, levels=levels)
        self.zeros[i].setImage(zero.astype(np.ubyte), autoLevels=False, levels=(0, 1))
        rect = QRectF(span[0], first - 0.5, span[1] - span[0], layers - first)
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


def columns(steps, every: int = 1) -> tuple[float, float]:
    """The steps a run's map spans: a column a logged step, each as wide as the first
    interval (a diverged row, logged at its own step, as wide as the others), centred on the
    first step; step 0 alone is as wide as the logging interval `every` (one step wide, it
    was a line lost at the left edge of a long axis)."""
    width = float(steps[1] - steps[0]) if len(steps) > 1 else float(every)
    return float(steps[0]) - width / 2, float(steps[0]) + width * (len(steps) - 0.5)
