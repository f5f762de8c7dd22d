"""One map of the Sweep tab: layer (x) × gain (y) image with its colour bar, the network's
critical gain as a dashed line and the gain the controls show as a solid one, each labelled
at the view's edge."""

from __future__ import annotations

from typing import Callable, NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import Qt

from . import plot_labels, theme
from .color_bar import ColorBar


class GainMap(NamedTuple):
    plot: pg.PlotItem
    image: pg.ImageItem
    bar: ColorBar
    critical: pg.InfiniteLine
    current: pg.InfiniteLine


def gain_map(graphics: pg.GraphicsLayoutWidget, col: int,
             line_labels: Callable[[], tuple]) -> GainMap:
    """The map in column `col` of `graphics`; `line_labels()` gives the two lines' labels
    ((full, short) each, `plot_labels.label_two_lines`), placed again when the view resizes."""
    plot = graphics.addPlot(row=0, col=col)   # the texts: the tab's retranslate
    theme.no_context_menu(plot)
    plot_labels.fit_title(plot)
    plot.setMouseEnabled(x=False, y=False)
    plot.getAxis("left").enableAutoSIPrefix(False)   # ticks are labelled in gain units
    plot.getViewBox().setBackgroundColor(theme.EMPTY)
    image = pg.ImageItem(axisOrder="row-major")
    plot.addItem(image)
    bar = ColorBar(theme.VARIANCE_CMAP)
    bar.setImageItem(image, insert_in=plot)
    critical = pg.InfiniteLine(angle=0, movable=False,
                               pen=pg.mkPen("k", width=2, style=Qt.DashLine),
                               label="", labelOpts={"position": 0.98, "color": "k",
                                                    "fill": (255, 255, 255, 200),
                                                    "anchors": [(1, 0), (1, 1)]})
    # the labels end at the view's edges (centred on a point, they ran past them in a
    # narrow plot and were cut)
    current = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#5f3dc4", width=2),
                              label="gain", labelOpts={"position": 0.02, "color": "#5f3dc4",
                                                       "fill": (255, 255, 255, 200),
                                                       "anchors": [(0, 0), (0, 1)]})
    critical.setZValue(20)   # dashes over the current gain's line when they coincide
    current.setZValue(10)
    for line in (critical, current):
        plot.addItem(line, ignoreBounds=True)
    plot.getViewBox().sigResized.connect(
        lambda *_: plot_labels.label_two_lines(plot, critical, current, line_labels()))
    return GainMap(plot, image, bar, critical, current)
