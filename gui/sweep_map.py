"""One map of the Sweep tab: layer (x) × gain (y) image with its colour bar, the network's
critical gain as a dashed line and the gain the controls show as a solid one, each labelled
at the view's edge (`gain_lines`, which the line view draws too)."""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QPen

from . import plot_labels, theme
from .axis_ticks import EdgeAxis, log_ticks
from .color_bar import ColorBar
from .heatmap import integer_ticks


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
    # (an edge axis: its last layer labelled, as the Network tab's maps; 0 … 45 of 50 had
    # left a researcher guessing)
    plot = graphics.addPlot(row=0, col=col, axisItems={"bottom": EdgeAxis("bottom")})
    theme.no_context_menu(plot)
    plot_labels.fit_title(plot)
    theme.line_axes(plot)
    plot.setMouseEnabled(x=False, y=False)
    plot.getAxis("left").enableAutoSIPrefix(False)   # ticks are labelled in gain units
    plot.getViewBox().setBackgroundColor(theme.variance_empty())
    image = pg.ImageItem(axisOrder="row-major")
    plot.addItem(image)
    bar = ColorBar(theme.variance_cmap())
    bar.setImageItem(image, insert_in=plot)
    # the labels end at the view's edges (centred on a point, they ran past them in a
    # narrow plot and were cut)
    critical, current = gain_lines(0, (0.98, [(1, 0), (1, 1)]), (0.02, [(0, 0), (0, 1)]),
                                   halo=True)
    for line in (critical, current):
        plot.addItem(line, ignoreBounds=True)
    plot.getViewBox().sigResized.connect(
        lambda *_: plot_labels.label_two_lines(plot, critical, current, line_labels()))
    return GainMap(plot, image, bar, critical, current)


def cells_rect(values, layers: int) -> QRectF:
    """Where a sweep's cells lie: layers −½ … L + ½ across, and a row per gain swept, centred
    on its log₁₀ (the gains are log-spaced)."""
    lo, hi = math.log10(values[0]), math.log10(values[-1])
    step = (hi - lo) / (len(values) - 1) if len(values) > 1 else 0.1
    return QRectF(-0.5, lo - step / 2, layers, step * len(values))


def lay_out_maps(maps, rect: QRectF, values) -> None:
    """The maps' ranges, limits and ticks for cells in `rect` of the gains `values`."""
    ticks = [log_ticks(values[0], values[-1])]
    for plot, *_ in maps:
        plot.setLimits(xMin=rect.left(), xMax=rect.right(), yMin=rect.top(), yMax=rect.bottom())
        plot.getViewBox().setRange(xRange=(rect.left(), rect.right()),
                                   yRange=(rect.top(), rect.bottom()), padding=0)
        plot.getAxis("left").setTicks(ticks)
        integer_ticks(plot.getAxis("bottom"), round(rect.width()))


class HaloLine(pg.InfiniteLine):
    """An InfiniteLine over a white halo three times its width (the line's width shows on
    each side): the current gain's violet was lost over a map's blue end (2.5 apart in
    lightness printed in grey, 3.2 in colour difference to a deuteranope: a colour-blind
    tour)."""

    def paint(self, painter, *args) -> None:  # pyqtgraph override
        halo = QPen(self.currentPen)
        halo.setColor(QColor(255, 255, 255, 220))
        halo.setWidthF(3 * self.currentPen.widthF())   # (2.5: 1 pixel above, 2 below)
        halo.setStyle(Qt.SolidLine)
        painter.setPen(halo)
        bounds = self.boundingRect()   # along the line: from one end of the view to the other
        painter.drawLine(QLineF(bounds.left(), 0.0, bounds.right(), 0.0))
        super().paint(painter, *args)


def gain_lines(angle: float, critical_label: tuple, current_label: tuple, halo: bool = False):
    """The critical gain's line (dashed, black) and the current gain's (solid,
    `theme.CURRENT`; over a white halo with `halo`, on a map: on the line view's white it
    only cut the curves it crosses), at `angle` (0: across a map's gain axis, 90: across the
    line view's), the dashes over the solid where they coincide; each label's (position along
    the line, anchors or None), on a white fill, its text set by the tab."""
    lines = []
    for color, style, (position, anchors), z in ((("k", Qt.DashLine, critical_label, 20),
                                                  (theme.CURRENT, Qt.SolidLine, current_label,
                                                   10))):
        options = {"position": position, "color": color, "fill": (255, 255, 255, 200)}
        if anchors is not None:
            options["anchors"] = anchors
        kind = HaloLine if halo and color != "k" else pg.InfiniteLine
        line = kind(angle=angle, movable=False, pen=theme.pen(color, 2, style=style), label="",
                    labelOpts=options)
        line.setZValue(z)
        lines.append(line)
    return tuple(lines)
