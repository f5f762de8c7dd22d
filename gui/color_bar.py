"""The heatmaps' colour bars: pyqtgraph's `ColorBarItem` with its values written as the texts
and the other axes write numbers (a true minus, −100, not the hyphen -100; 10⁻⁵, not 1e-05)."""

from __future__ import annotations

import pyqtgraph as pg

from . import theme
from .axis_ticks import PowerAxis


class ColorBar(pg.ColorBarItem):
    """A vertical, non-interactive colour bar of `cmap` (a `theme` colour map's name), 14 px
    wide, its scale from `values` until `setLevels`."""

    def __init__(self, cmap: str, values=(-1, 1)):
        super().__init__(values=values, colorMap=theme.colormap(cmap), interactive=False,
                         width=14, colorMapMenu=False)
        # the value axis made again as a PowerAxis, set up as ColorBarItem sets up its own
        axis = PowerAxis("right")
        self.setAxisItems({"right": axis})
        axis.setZValue(0.5)
        axis.setWidth(theme.pixels(45))
        axis.setStyle(showValues=True)
        axis.unlinkFromView()
        axis.setRange(*self.values)
        axis.enableAutoSIPrefix(False)
        self.axis = axis
