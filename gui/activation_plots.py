"""The Activation tab's plot pieces: the colours and dashes of its curves (σ, its Taylor
polynomials, y = x, the lecture's σ) and each plot's shading beneath them (the density of the
layer's pre-activations, and where σ is close to its first-order polynomial).

`activation_view` lays the plots out and fills them; this file only makes and styles the items.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from engine.lecture_sigmas import LECTURE_SIGMAS

from . import theme

SIGMA_COLOR = "#212529"
TAYLOR1_COLOR = "#d9480f"
TAYLOR3_COLOR = "#7048e8"
IDENTITY_COLOR = "#868e96"
# the lecture's σ beside this one: a colour and a dash each, told apart in grey too
LECTURE_STYLES = dict(zip(LECTURE_SIGMAS, (("#c2255c", Qt.DashLine),      # sigmoid
                                           ("#0c8599", Qt.SolidLine),     # its fix
                                           ("#e67700", Qt.DashDotLine))))  # tanh
DENSITY_COLOR = theme.FORWARD
REGION_RGBA = (47, 158, 68, 40)
DENSITY_HEIGHT = 0.35   # the density's peak, as a share of each plot's height


def styled_curve(plot: pg.PlotItem, color: str, width: float, style) -> pg.PlotDataItem:
    """A line added to `plot`, broken where its values are not finite."""
    item = pg.PlotDataItem(pen=theme.pen(color, width, style=style), antialias=True,
                           connect="finite")
    plot.addItem(item)
    return item


def _rgba(color: str, alpha: int) -> QColor:
    c = QColor(color)
    c.setAlpha(alpha)
    return c


class Shading:
    """One plot's density fill and linear-region shading (σ and σ' each have one)."""

    def __init__(self, plot: pg.PlotItem):
        self.plot = plot
        self.density = pg.PlotDataItem(pen=theme.pen(DENSITY_COLOR, 1), fillLevel=0.0,
                                       fillBrush=pg.mkBrush(_rgba(DENSITY_COLOR, 60)))
        self.density.setZValue(-10)
        plot.addItem(self.density)
        self.regions: list[pg.LinearRegionItem] = []

    def set_regions(self, intervals: list[tuple[float, float]]) -> None:
        while len(self.regions) < len(intervals):   # grows once, to the most intervals seen
            region = pg.LinearRegionItem(movable=False, brush=pg.mkBrush(*REGION_RGBA),
                                         pen=pg.mkPen(None))
            region.setZValue(-20)
            self.plot.addItem(region, ignoreBounds=True)
            self.regions.append(region)
        for i, region in enumerate(self.regions):
            if i < len(intervals):
                region.setRegion(intervals[i])
                region.show()
            else:
                region.hide()

    def set_density(self, x: np.ndarray, density: np.ndarray, lo: float, hi: float) -> None:
        peak = float(np.max(density)) if density.size else 0.0
        if not (math.isfinite(peak) and peak > 0.0):
            self.density.setData([], [])
            return
        self.density.setFillLevel(lo)
        self.density.setData(x, lo + (density / peak) * (DENSITY_HEIGHT * (hi - lo)))

    def clear(self) -> None:
        self.density.setData([], [])
        self.set_regions([])
