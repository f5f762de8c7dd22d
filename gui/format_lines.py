"""The profile's level lines: the input's level (`input_level_line`), and float16's lines,
the levels at which a layer's typical value √Var passes half precision's largest number
(65 504) or falls below its smallest normal one (6.1·10⁻⁵), the lecture's "especially severe
for 16-bit floats (6e-5 – 6e4)" (`engine.number_formats.FLOAT16_LEVELS`). Each of float16's is
drawn where a curve passes it, and never widens the y range. Each label is kept clear of the
curves, of the other labels and of the other level lines (`LevelLabel`).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from engine.number_formats import FLOAT16_LEVELS

from . import theme
from .i18n import translate
from .level_label import LevelLabel
from .typeset import rich_tooltip


def input_level_line() -> pg.InfiniteLine:
    """The input's level, log₁₀ Var = 0, its label placed by a `LevelLabel`."""
    line = pg.InfiniteLine(pos=0.0, angle=0, movable=False,
                           pen=theme.pen(theme.REFERENCE, 1.5, style=Qt.DotLine), label="",
                           labelOpts={"position": 0.1, "color": theme.REFERENCE,
                                      "anchors": [(0, 0), (0, 1)],
                                      "fill": pg.getConfigOption("background")})
    # its label on the page's colour under the run's own lines (the bands -10, the curves),
    # over float16's lines (-12): where float16's line runs 14 px from it, no place of the
    # label is clear of that line, which had run through "input level" (sigmoid, a tour; on
    # the bands, the box had cut a hole in them, a review); and over the pins (`PIN_Z`),
    # which had run through it where five pins left no place clear (a tour)
    line.setZValue(-11)
    line.label.setFlag(QGraphicsItem.ItemStacksBehindParent)
    return line


class Float16Lines:
    """The two lines on `plot`, labelled clear of `curves()` and of `others()`, labels and
    lines (`LevelLabel`)."""

    def __init__(self, plot: pg.PlotItem, curves: Callable[[], list],
                 others: Callable[[], list]):
        self.curves = curves
        self.lines = []
        for level in FLOAT16_LEVELS:
            line = pg.InfiniteLine(pos=level, angle=0, movable=False,
                                   pen=theme.pen(theme.FLOAT16, 1.2, style=Qt.DashDotDotLine),
                                   label="", labelOpts={
                                       "color": theme.FLOAT16,
                                       "fill": pg.getConfigOption("background")})
            line.setZValue(-12)   # under the input level's label (`input_level_line`)
            # on the page's colour as that label (a grid line ran through "float16 max", a
            # tour), under the curves
            line.label.setFlag(QGraphicsItem.ItemStacksBehindParent)
            plot.addItem(line, ignoreBounds=True)
            self.lines.append(line)
        self.places = [
            LevelLabel(line, plot.getViewBox(), curves,
                       lambda line=line: others() + [o for other in self.lines if other is not line
                                                     for o in (other, other.label)])
            for line in self.lines]
        self.retranslate()

    def labels(self) -> list:
        return [line.label for line in self.lines]

    def update(self) -> None:
        """Each line shown only where a drawn curve passes it (a line the view merely
        reaches, 9.6 under a top of 10, was one more label in the way), then labelled."""
        ys = [curve.getData()[1] for curve in self.curves() if curve.isVisible()]
        with np.errstate(invalid="ignore"):
            beyond = [any(y is not None and np.any(np.isfinite(y) & (side * (y - level) > 0))
                          for y in ys)
                      for level, side in zip(FLOAT16_LEVELS, (-1, 1))]
        for line, shown in zip(self.lines, beyond):
            line.setVisible(shown)
        for place, line in zip(self.places, self.lines):
            if line.isVisible():
                place.update()

    def retranslate(self) -> None:
        low, high = self.lines
        low.label.setFormat(translate("ProfileView", "float16 min normal"))
        high.label.setFormat(translate("ProfileView", "float16 max"))
        tip = rich_tooltip(translate(
            "ProfileView", "A layer's typical value is √Var. Above the upper line it passes "
                           "65 504, float16's largest number: a half-precision network's values "
                           "are ∞ there. Below the lower line it is under 6.1·10^{−5}, float16's "
                           "smallest normal number: they lose their digits, and are 0 below "
                           "6·10^{−8}; around a shared mean (sigmoid's 1/2, where float16's "
                           "numbers are 4.9·10^{−4} apart) the units merge sooner, as the "
                           "readout says. The lecture: \"especially severe for 16-bit floats "
                           "(6e-5 – 6e4)\". The levels hold for x and ∂ℓ/∂h^L of variance 1, "
                           "as here; a loss scale moves the gradient's."))
        for line in self.lines:
            line.setToolTip(tip)
        self.update()
