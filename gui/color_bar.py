"""The heatmaps' colour bars: pyqtgraph's `ColorBarItem` with its values written as the texts
and the other axes write numbers (a true minus, −100, not the hyphen -100; 10⁻⁵, not 1e-05)."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

from . import theme
from .axis_ticks import PowerAxis


class ColorBar(pg.ColorBarItem):
    """A vertical, non-interactive colour bar of `cmap` (a `theme` colour map's name), 14 px
    wide, its scale from `values` until `setLevels`. Its value axis is `AXIS_WIDTH` wide (as
    the desktop font scales it), wider where the values written need it: pyqtgraph drops a
    label wider than its axis (a run of depth 3000 across −4000 … 4000 decades had its bars
    labelled 0 … 4000 only, the half it did not use)."""

    AXIS_WIDTH = 45

    def __init__(self, cmap: str, values=(-1, 1)):
        super().__init__(values=values, colorMap=theme.colormap(cmap), interactive=False,
                         width=14, colorMapMenu=False)
        # the value axis made again as a PowerAxis, the title's as a TitleAxis, set up as
        # ColorBarItem sets up its own
        axis = PowerAxis("right")
        title = TitleAxis("left")
        self.setAxisItems({"right": axis, "left": title})
        title.setTicks([])
        title.setStyle(showValues=False)
        axis.setZValue(0.5)
        self._least = theme.pixels(self.AXIS_WIDTH)
        self._fitted: tuple | None = None   # the levels and label the width was fitted to
        axis.setWidth(self._least)
        axis.setStyle(showValues=True)
        axis.unlinkFromView()
        axis.setRange(*self.values)
        axis.enableAutoSIPrefix(False)
        self.axis = axis
        theme.line_axes(self)

    def setLevels(self, values=None, low=None, high=None, update_items=True):  # pyqtgraph override
        super().setLevels(values, low, high, update_items)
        if hasattr(self, "axis"):   # (not while pyqtgraph makes the bar)
            self._fit_axis()

    def _fit_axis(self) -> None:
        """The axis's width for the widest value its major ticks write at these levels,
        measured as pyqtgraph lays them out (text, its offset and the tick beside it, the
        label); never below its usual width."""
        axis = self.axis
        low, high = self.levels()
        fitting = (low, high, axis.label.isVisible())
        if fitting == self._fitted:   # (the heatmaps set their levels at every frame of a drag)
            return
        self._fitted = fitting
        size = max(axis.geometry().height(), 100.0)
        levels = axis.tickValues(low, high, size)[:1]   # the major ticks: always written
        texts = [text for spacing, values in levels
                 for text in axis.tickStrings(values, 1.0, spacing)]
        font = axis.style["tickFont"] or axis.font()
        widest = max((QFontMetricsF(font).horizontalAdvance(t) for t in texts), default=0.0)
        needed = widest + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"])
        if axis.label.isVisible():
            needed += axis.label.boundingRect().height() * 0.8
        width = max(self._least, math.ceil(needed) + 2)
        if width != axis.width():
            axis.setWidth(width)


class TitleAxis(pg.AxisItem):
    """A colour bar's left axis, its title alone. A title longer than the bar is centred on it
    as pyqtgraph centres one, but raised where it would run below the bar's bottom and there
    is room above it in its widget: beside a heatmap's bottom axis it ran into the last
    layer's label ("300" touched "log₁₀", a tour of the window at 1366 × 768)."""

    def resizeEvent(self, ev=None):  # pyqtgraph override
        super().resizeEvent(ev)
        if self.label is None or self.orientation != "left":
            return
        height = self.size().height()
        lower_end = self.label.pos().y()   # (rotated: the text runs up from its position)
        if lower_end <= height:
            return
        above = self.room() - height
        length = self.label.boundingRect().width()
        self.label.setY(min(lower_end, max(height, math.ceil(length - above))))

    def room(self) -> float:
        """The length a title may have without running below the bar: the bar's and the
        room above it in its widget (none while pyqtgraph makes the axis, not yet in one)."""
        top = self.topLevelItem()
        above = 0.0 if top is self else -self.mapFromItem(top, top.boundingRect().topLeft()).y()
        return self.size().height() + above
