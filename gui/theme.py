"""Look and feel shared by every view: pyqtgraph options, colours, colour maps, fonts."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

FORWARD = "#1f62b4"        # h^t: blue
BACKWARD = "#d9480f"       # ∂ℓ/∂h^t: orange
REFERENCE = "#6b6b6b"      # the input's level
STALE_OPACITY = 0.3        # Monte Carlo of older settings than the theory shown
INVALID = "#c92a2a"        # where overflow / underflow begins
PIN_FORWARD = "#8793a6"    # pinned runs: greys with a hint of their pass's colour
PIN_BACKWARD = "#ad9a8e"
EMPTY = "#b8b8b8"          # heatmap background: units beyond a layer's width, missing values
VERDICT_COLORS = {"stable": "#2b8a3e", "vanishing": "#1f62b4", "exploding": "#c92a2a"}

VARIANCE_CMAP = "CET-D1"   # diverging, white at the centre (the input's level, 0 decades)
DENSITY_CMAP = "viridis"

_configured = False


def configure() -> None:
    """Set pyqtgraph's global options once (row-major images: arrays are layer × unit)."""
    global _configured
    if _configured:
        return
    # No global antialiasing: software-rendered axes and text cost twice as much with it, and
    # every millisecond of painting is a millisecond the GUI thread stalls during a drag.
    pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="k",
                        antialias=False)
    _configured = True


def cache_axes(plot: pg.PlotItem) -> None:
    """Paint each axis (with its grid lines) once into a pixmap and reuse it until the axis
    changes. A plot's grid spans the whole view, so without this every curve update repaints
    all grid lines and tick labels: the profile's paint goes from ~3.9 to ~2.1 ms."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # No SI prefixes on decades, layers and units; pyqtgraph would also re-typeset the
        # label (setHtml) at every range change to look for one.
        axis.enableAutoSIPrefix(False)


class FittingTitle(pg.LabelItem):
    """A plot's title that shrinks to fit a plot narrower than its text, instead of widening
    the plot: pyqtgraph makes a label's text width its minimum width, and a long title in a
    narrow view widened the view's column past the view's edge, pushing the colour bar out of
    sight and cutting the title. `legend`: the `FittingLegend` whose labels all take the
    scale of the most squeezed one."""

    def __init__(self, *args, legend: FittingLegend | None = None, **kwargs):
        self.legend = legend
        super().__init__(*args, **kwargs)

    def squeeze(self) -> float:
        """The scale at which the text fits the label's width (≤ 1)."""
        natural, room = self.item.boundingRect().width(), self.rect().width()
        return room / natural if natural > room > 0 else 1.0

    def resizeEvent(self, ev) -> None:  # Qt override
        if self.legend is None:
            self.item.setScale(self.squeeze())
        else:
            self.legend.fit_labels()
        super().resizeEvent(ev)   # places the text (as scaled) and calls updateMin

    def updateMin(self) -> None:  # pyqtgraph override: no minimum width
        text = self.item.boundingRect()   # unscaled
        self.setMinimumWidth(0)
        self.setMinimumHeight(text.height())
        self._sizeHint = {Qt.SizeHint.MinimumSize: (0, text.height()),
                          # a title asks for no width (plots side by side share a row
                          # equally); a legend's label for its text's
                          Qt.SizeHint.PreferredSize: (0 if self.legend is None else text.width(),
                                                      text.height()),
                          Qt.SizeHint.MaximumSize: (-1, -1),
                          Qt.SizeHint.MinimumDescent: (0, 0)}
        self.updateGeometry()


class FittingLegend(pg.LegendItem):
    """A legend whose labels shrink to fit, all by one scale (`FittingTitle`), rather than
    widen their plot: two columns of long labels pushed a narrow plot past its view's edge,
    legend and title cut."""

    def addItem(self, item, name) -> None:  # pyqtgraph override: its body, another label
        label = FittingTitle(name, color=self.opts["labelTextColor"], justify="left",
                             size=self.opts["labelTextSize"], legend=self)
        sample = item if isinstance(item, self.sampleType) else self.sampleType(item)
        sample.sigClicked.connect(self.sigSampleClicked)
        self.items.append((sample, label))
        self._addItemToLayout(sample, label)
        self.updateSize()

    def removeItem(self, item) -> None:  # pyqtgraph override: the others may grow back
        super().removeItem(item)
        self.fit_labels()

    def fit_labels(self) -> None:
        scale = min((label.squeeze() for _, label in self.items), default=1.0)
        for _, label in self.items:
            label.item.setScale(scale)


def fit_title(plot: pg.PlotItem) -> None:
    """Give `plot` (new, untitled) a `FittingTitle` in place of its own title label, over its
    view box and right axis. The left axis's column and a colour bar's stay free: their
    rotated labels may rise into the title's row."""
    old = plot.titleLabel
    plot.layout.removeItem(old)
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)
    plot.titleLabel = FittingTitle("", size="11pt", parent=plot)
    plot.layout.addItem(plot.titleLabel, 0, 1, 1, 2)   # over the right axis too
    plot.setTitle(None)


def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


def label_style() -> dict:
    return {"font-size": "10pt"}
