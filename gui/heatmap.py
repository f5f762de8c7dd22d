"""Per-unit heatmaps: layer (x) × unit (y), colour = log10 of each unit's variance over the batch.

The colour map is diverging and centred on the input's level (0 decades), so blue reads as
vanishing and red as exploding at a glance (View ▸ Grey-safe colour scale: dark blue through
grey to light yellow, its lightness rising, for print). Missing values (beyond a layer's
width, or after an overflow) are left empty; a unit with exactly zero variance (the same value
for every input, like a relu unit dead for the whole batch) is black: it is not a small
variance but none. A unit whose spread around its mean is below float32's resolution (a deep
sigmoid layer's) is dark grey: its variance is too small to measure in float32, not the noise
floor float32 gives (hatched, and black too in the grey-safe scale: `heatmap_marks`). View ▸
Stretch each layer to the heatmap's height draws unit i of layer t at i / n_t, so that a
narrow layer is as tall as a wide one.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt

from . import plot_labels, theme
from .axis_ticks import EdgeAxis
from .axis_range import ManualZoom
from .color_bar import ColorBar
from .empty_note import EmptyNote, Note
from .heatmap_marks import Marks
from .invalid_marker import InvalidMarker
from .hover import HoverText
from .i18n import Retranslates, translate
from .texts import decades_value, marks_key

_NICE = (1, 2, 3, 5)
SPAN_PERCENTILE = 99.5
# View ▸ Stretch each layer to the map's height: a layer of n_t units fills these rows (the
# widest layer's, if more), unit i at i / n_t. A 10-unit output beside 784 input units was a
# strip of 1 % of the map (a practitioner's tour).
STRETCH_ROWS = 256
# The dark grey is named over its block when that spans at least this share of the layers.
UNRESOLVED_NOTE_SHARE = 0.2


def round_up(value: float) -> float:
    """The smallest of …, 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, … that is ≥ value (> 0)."""
    exponent = 10 ** math.floor(math.log10(value))
    for step in _NICE + (10,):
        if step * exponent >= value * (1 - 1e-12):
            return float(step * exponent)
    return float(10 * exponent)


def nice_span(value: float) -> float:
    """The smallest of 1, 2, 3, 5, 10, 20, … that is ≥ value (at least 1): stable colour levels."""
    return round_up(value) if value > 1 else 1.0


def span_of(data: np.ndarray, percentile: float, spans: tuple[float, ...] = ()) -> float:
    """A round colour half-range for `data`: the first of `spans`, else of `nice_span`'s
    values, that is at least the `percentile`-th percentile of |data| over its finite cells
    (1 where none is finite); the cells beyond saturate."""
    finite = np.abs(data[np.isfinite(data)])
    if not finite.size:
        return 1.0
    value = float(np.percentile(finite, percentile))
    return next((s for s in spans if s >= value), None) or nice_span(value)


def integer_ticks(axis: pg.AxisItem, count: int) -> None:
    """Layers and units are whole numbers: on a short axis, tick every one of them."""
    every_one = count <= 12
    if getattr(axis, "initlab_every_one", None) == every_one:
        return  # setting the same spacing again would still lay the axis out again
    axis.initlab_every_one = every_one
    if every_one:
        axis.setTickSpacing(1, 1)
    else:
        axis.setTickSpacing()


class HeatmapView(Retranslates, pg.GraphicsLayoutWidget):
    """One per-unit variance heatmap with its colour bar and an overflow/underflow marker.

    `title` (and `short_titles`, shorter and shorter, shown where the longer would be too
    small to read) is English source text in the context "HeatmapView" (mark it with
    QT_TRANSLATE_NOOP("HeatmapView", …)): the view words it in the current language."""

    def __init__(self, title: str, quantity: str, direction: str = "forward", parent=None,
                 short_titles: tuple[str, ...] = ()):
        super().__init__(parent)
        self.setFocusPolicy(Qt.ClickFocus)   # no Tab stop (the File menu reaches it)
        theme.configure()
        self.setMinimumSize(200, 160)
        self._title, self._short_titles, self._quantity = title, short_titles, quantity
        self.plot = self.addPlot(axisItems={"bottom": EdgeAxis("bottom")})   # (its last layer)
        plot_labels.fit_title(self.plot, over_left_axis=True)   # its left label is "unit i"
        theme.line_axes(self.plot)
        theme.cache_axes(self.plot)
        theme.no_context_menu(self.plot)
        self.plot.getViewBox().setBackgroundColor(theme.variance_empty())
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.marks = Marks()   # over the colours: zero variance, unresolved spread
        self.plot.addItem(self.marks)
        self.bar = ColorBar(theme.variance_cmap())   # label: in retranslate
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar_label = plot_labels.AxisLabelForms(self.bar.getAxis("left"))
        self.marker = InvalidMarker()
        self.plot.addItem(self.marker)
        self.note = EmptyNote(self.plot)   # why nothing is drawn
        # over a block of layers whose every unit float32 cannot resolve (a deep sigmoid's):
        # says what the dark grey is in the map itself, which a slide may show without the
        # readout (a teacher's tour); `_show_unresolved_note`
        self.unresolved_note = pg.TextItem(anchor=(0.5, 0.5), color="w",
                                           fill=theme.unresolved())
        self.unresolved_note.setZValue(25)
        self.plot.addItem(self.unresolved_note, ignoreBounds=True)
        self.unresolved_note.hide()
        self._unresolved_run: tuple[int, int] | None = None   # its first and last layer
        for changed in (self.plot.getViewBox().sigResized, self.plot.getViewBox().sigRangeChanged,
                        self.marker.formChanged):   # (a zoom in y moves the note, a review)
            changed.connect(lambda *_: self._show_unresolved_note())   # (does it still fit?)
        self.direction = direction
        self._shape = None   # (units, layers, stretched) of the image shown
        self._rect = QRectF()   # where the image lies in the plot
        self._widths = None     # the layers' widths n_t (set_data's)
        self._stretched = False
        self.zoom = ManualZoom(self, self.plot.getViewBox(), self._full_range)
        self._data: np.ndarray | None = None   # units × layers, as given (log10, NaN empty)
        self.hover = HoverText(self, self.plot, self.describe)
        self._unresolved = np.zeros((0, 0), dtype=bool)
        self._marked = (False, False)   # it shows black cells, dark grey ones
        self._kept: float | None = None   # the colour span kept for new data (`keep_levels`)
        self._args = None   # set_data's, for drawing again in a span of its own
        self.retranslate()

    def restyle(self) -> None:
        """The colour scale chosen in View ▸ Grey-safe colour scale."""
        theme.restyle_variance_map(self.bar, self.plot)
        self.marks.restyle()
        # the note's words on its own dark grey, not on the hatch's stripes
        self.unresolved_note.fill = pg.mkBrush(theme.unresolved())
        self.unresolved_note.update()
        if self._args is not None:   # (hatched or not)
            self.set_data(*self._args)

    def set_stale(self, stale: bool) -> None:
        """Dim the picture: it is of older settings than the controls show."""
        theme.dim((self.image, self.marks), stale)

    def retranslate(self) -> None:
        """Title, axis labels, colour bar, marker and note in the current language."""
        plot_labels.set_title(self.plot, translate("HeatmapView", self._title),
                              *(translate("HeatmapView", t) for t in self._short_titles))
        plot_labels.label_axis(self.plot, "bottom", translate("HeatmapView", "layer t"))
        plot_labels.label_axis(self.plot, "left",
                               translate("HeatmapView", "unit i / n<sub>t</sub> (stretched)")
                               if self._stretched else translate("HeatmapView", "unit i"))
        self.bar_label.set(
            (translate("HeatmapView", "log₁₀ Var[{quantity}] (decades, scale kept)")
             if self._kept is not None else
             translate("HeatmapView", "log₁₀ Var[{quantity}] (decades)")).format(
                quantity=self._quantity),
            translate("HeatmapView", "log₁₀ Var[{quantity}]").format(quantity=self._quantity))
        self.marker.retranslate()
        self.note.reword()
        self._show_unresolved_note()

    def set_stretched(self, on: bool) -> None:
        """View ▸ Stretch each layer to the map's height (drawn again now)."""
        self._stretched = bool(on)
        self.retranslate()   # the unit axis's label
        if self._args is not None:
            self.set_data(*self._args)

    def figure_key(self) -> str:
        """What its black and dark grey cells are, for a figure of the map alone: a slide of
        one map read black stripes without a word on them (the key is the readout's, a tour
        of the exports); "" when it shows none."""
        return marks_key(*self._marked, hatched=theme.grey_safe())

    def set_data(self, per_unit: np.ndarray, invalid=None, note="", unresolved=None,
                 widths=None) -> None:
        """Show a (L + 1) × n_max array of log10 per-unit variances (NaN = empty; −inf =
        exactly 0); `note` says, over the plot, why nothing is drawn ("" hides it): a text,
        or a function returning it in the current language (called again when the language
        changes); `unresolved` marks units whose spread float32 does not resolve (or None);
        `widths`, the layers' n_t, lets each layer be stretched to the map's height."""
        self._args = (per_unit, invalid, note, unresolved, widths)
        data = np.asarray(per_unit, dtype=np.float64).T  # rows: units (y); columns: layers (x)
        self._data, self._widths = data, widths
        below = (np.zeros(data.shape, dtype=bool) if unresolved is None
                 else np.asarray(unresolved, dtype=bool).T)
        self._unresolved = below
        # symmetric about the input's level; a few outlying units may saturate the ends
        span = self._kept if self._kept is not None else span_of(data, SPAN_PERCENTILE)
        stretched = self._stretched and widths is not None
        if stretched:   # (after the span: the units' own, not the rows')
            data, below = _stretch(data, widths), _stretch(below, widths)
        shown = data.copy()
        zero = np.isneginf(shown)
        shown[zero] = np.nan   # (drawn by `self.marks`)
        shown[np.isposinf(shown)] = span
        self.image.setImage(shown, autoLevels=False, levels=(-span, span))
        self.marks.set_marks(zero, below)
        self._marked = (bool(zero.any()), bool(below.any()))
        if tuple(self.bar.levels()) != (-span, span):  # the bar's axis is laid out again
            self.bar.setLevels((-span, span))
        if self._shape != (*data.shape, stretched):
            self._shape = (*data.shape, stretched)
            units, layers = data.shape
            # stretched: unit i of layer t at i / n_t, the map 0 … 1 high
            self._rect = rect = (QRectF(-0.5, 0.0, layers, 1.0) if stretched
                                 else QRectF(-0.5, -0.5, layers, units))
            for image in (self.image, self.marks):
                image.setRect(rect)
            self.plot.setLimits(xMin=rect.left(), xMax=rect.right(), yMin=rect.top(),
                                yMax=rect.bottom())
            self._full_range()
            integer_ticks(self.plot.getAxis("bottom"), layers)
            # stretched: i / n_t from 0 to 1, pyqtgraph's own spacing
            integer_ticks(self.plot.getAxis("left"), math.inf if stretched else units)
            # measured afresh from the new labels: pyqtgraph narrows its text room only by 10
            # pixels or more, so the layer axis was longer after a narrow network had been
            # shown, and the same config got ticks every 5 layers instead of every 10
            self.plot.getAxis("left").textWidth = 0
        self.marker.show_invalid(self.direction, invalid, data.shape[1] - 1)
        self.note.set(note)
        self._unresolved_run = _longest_run(_all_unresolved(self._unresolved, widths))
        self._show_unresolved_note()

    def _show_unresolved_note(self) -> None:
        """The words for the dark grey over the longest block of layers that is all dark grey,
        where it spans at least UNRESOLVED_NOTE_SHARE of the layers (and 3)."""
        run, layers = self._unresolved_run, (self._shape[1] if self._shape else 0)
        shown = run is not None and run[1] - run[0] + 1 >= max(3, UNRESOLVED_NOTE_SHARE * layers)
        if shown:
            self.unresolved_note.setText(translate(
                "HeatmapView", "spread too small\nfor float32 to measure"))
            self.unresolved_note.setPos(0.5 * (run[0] + run[1]), self._rect.center().y())
            # never wider than its block (at 1024 pixels with the lesson open it ran over the
            # map's edges, cut on both sides: a teacher's tour); the readout says it then
            per_pixel = self.plot.getViewBox().viewPixelSize()[0]
            shown = per_pixel <= 0 or self.unresolved_note.boundingRect().width() \
                <= (run[1] - run[0] + 1) / per_pixel
            # nor over the stop's label (a short map at 1024 × 600 hid "forward exactly zero
            # variance from t = 1" under it, a tour)
            label, note = self.marker.label, self.unresolved_note
            centre = self.plot.getViewBox().mapViewToScene(note.pos())
            size = note.boundingRect().size()   # (in pixels: the note ignores the view's scale)
            shown = shown and not (self.marker.isVisible() and label.isVisible()
                                   and label.sceneBoundingRect().intersects(QRectF(
                                       centre.x() - size.width() / 2,
                                       centre.y() - size.height() / 2, size.width(),
                                       size.height())))
        self.unresolved_note.setVisible(shown)

    def describe(self, x: float, y: float) -> str:
        """The hover readout: the unit's variance over the batch at layer round(x)."""
        t, i = round(x), round(y)
        data = self._data
        if data is None or not 0 <= t < data.shape[1]:
            return ""
        if self._shape[2]:   # stretched: y is i / n_t, the unit of the row drawn there
            i = int(_stretch(np.arange(data.shape[0])[:, None], self._widths[t:t + 1])[
                math.floor(y * self._shape[0]), 0]) if 0 <= y < 1 else -1
        if not 0 <= i < data.shape[0]:
            return ""
        if self._unresolved[i, t]:
            return translate("HeatmapView", "layer {t}, unit {i}: Var[{quantity}] over the batch "
                                            "too small for float32 to measure around the unit's "
                                            "mean (dark grey)"
                             ).format(t=t, i=i, quantity=self._quantity)
        if np.isnan(data[i, t]):
            return ""
        if data[i, t] == -math.inf:
            return translate("HeatmapView", "layer {t}, unit {i}: Var[{quantity}] over the batch "
                                            "exactly 0: the same value for every input (black)"
                             ).format(t=t, i=i, quantity=self._quantity)
        return translate("HeatmapView", "layer {t}, unit {i}: Var[{quantity}] over the batch "
                                        "{value}").format(t=t, i=i, quantity=self._quantity,
                                                          value=decades_value(data[i, t]))

    def _full_range(self) -> None:
        """Every layer and unit in view (a new shape, a double-click, View ▸ Reset zoom)."""
        if self._shape is not None:
            rect = self._rect
            self.plot.getViewBox().setRange(xRange=(rect.left(), rect.right()),
                                            yRange=(rect.top(), rect.bottom()), padding=0)

    def say_empty(self, note: Note) -> None:
        """While no data have been shown, say `note` over the empty map (why there are none
        yet); "" says nothing."""
        if self._data is None:
            self.note.set(note)

    def levels(self) -> tuple[float, float]:
        return tuple(self.bar.levels())

    def keep_levels(self, keep: bool) -> None:
        """Keep the colour bar's span for new data (View ▸ Keep colour scales: two settings
        compared, or exported side by side, in the same colours), or give each data its own
        again (drawn again now)."""
        self._kept = self.levels()[1] if keep else None
        self.retranslate()   # the bar's label says the scale is kept
        if not keep and self._args is not None:
            self.set_data(*self._args)


def variance_maps() -> tuple[HeatmapView, HeatmapView]:
    """The Network tab's per-unit variance maps, forward and backward, their titles and colour
    bars' labels paired."""
    forward = HeatmapView(
        QT_TRANSLATE_NOOP("HeatmapView",
                          "Forward: per-unit Var[h<sup>t</sup><sub>i</sub>] over the batch"),
        "h<sub>i</sub>", short_titles=(
            QT_TRANSLATE_NOOP("HeatmapView", "Forward: per-unit Var[h<sup>t</sup><sub>i</sub>]"),
            QT_TRANSLATE_NOOP("HeatmapView", "Forward: Var[h<sup>t</sup><sub>i</sub>]")))
    backward = HeatmapView(
        QT_TRANSLATE_NOOP("HeatmapView",
                          "Backward: per-unit Var[∂ℓ/∂h<sup>t</sup><sub>i</sub>] over the batch"),
        "∂ℓ/∂h<sub>i</sub>", direction="backward", short_titles=(
            QT_TRANSLATE_NOOP("HeatmapView",
                              "Backward: per-unit Var[∂ℓ/∂h<sup>t</sup><sub>i</sub>]"),
            QT_TRANSLATE_NOOP("HeatmapView", "Backward: Var[∂ℓ/∂h<sup>t</sup><sub>i</sub>]")))
    plot_labels.pair_titles(forward.plot, backward.plot)
    plot_labels.pair_axis_labels(forward.bar_label, backward.bar_label)
    return forward, backward


def _all_unresolved(unresolved: np.ndarray, widths) -> np.ndarray:
    """Per layer, whether every unit of it (units × layers; its first n_t, given `widths`) is
    unresolved: in a few array operations, as this runs at every result of a drag (a loop
    over the layers cost depth 10 000 milliseconds a frame)."""
    if widths is None:
        return unresolved.all(axis=0)
    outside = np.arange(unresolved.shape[0])[:, None] >= np.asarray(widths)[None, :]
    return (unresolved | outside).all(axis=0)


def _longest_run(flags: np.ndarray) -> tuple[int, int] | None:
    """The first and last index of the longest run of True in `flags` (the first of equals),
    or None when there is none."""
    edges = np.diff(np.concatenate(([0], np.asarray(flags, dtype=np.int8), [0])))
    starts, stops = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if not starts.size:
        return None
    k = int(np.argmax(stops - starts))   # (the first of the longest)
    return int(starts[k]), int(stops[k]) - 1


def _stretch(units_by_layer: np.ndarray, widths) -> np.ndarray:
    """`units_by_layer` (n_max × layers) resampled to `STRETCH_ROWS` rows (n_max if more), each
    layer's n_t units spread over all of them: row r shows unit ⌊(r + ½)·n_t / rows⌋."""
    rows = max(STRETCH_ROWS, units_by_layer.shape[0])
    n = np.asarray(widths, dtype=np.int64)[None, :]
    at = (np.arange(rows)[:, None] + 0.5) * n // rows
    return np.take_along_axis(units_by_layer, np.minimum(at, n - 1).astype(np.intp), axis=0)
