"""Pieces of the Training tab's axes: a light colour bar beside a layer map, and the ticks of a
log axis in whole decades (the loss curve's), written alike on the held-out loss's axis."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetrics

from . import theme
from .axis_ticks import EdgeAxis, LogAxis, PowerAxis, wider_spacing
from .texts import times_ten


class ColorBar:
    """A vertical colour bar: the colour map as an image in a bare view box, its values on an
    axis to its right (pyqtgraph's ColorBarItem is a whole PlotItem, 40–60 ms to make; this is
    about 2 ms). `setLevels` and `getAxis` as ColorBarItem's."""

    def __init__(self, plot: pg.PlotItem, cmap: pg.ColorMap, width: int = 12):
        self.box = pg.ViewBox(enableMenu=False, enableMouse=False, defaultPadding=0)
        self.box.setFixedWidth(width)
        self.image = pg.ImageItem(np.linspace(0.0, 1.0, 256)[:, None], axisOrder="row-major",
                                  levels=(0.0, 1.0))
        self.image.setColorMap(cmap)
        self.box.addItem(self.image)
        self.axis = PowerAxis("right", linkView=self.box)   # (a true minus, −3)
        self.axis.enableAutoSIPrefix(False)
        theme.line_axis(self.axis)
        # room for labels as wide as −100 whatever they are now: the two maps, one above the
        # other, kept one width (a tour: −45 above and −5 below made them differ)
        self.axis.setStyle(tickTextWidth=QFontMetrics(self.axis.font()).horizontalAdvance("−100"),
                           autoReduceTextSpace=False)
        # beside the plot's view box, in the plot's own grid (as ColorBarItem's insert_in)
        plot.layout.addItem(self.box, 2, 5)
        plot.layout.addItem(self.axis, 2, 6)
        plot.layout.setColumnSpacing(4, 8)
        self._valued = True
        self.clear()

    def setLevels(self, levels: tuple[float, float]) -> None:  # noqa: N802 (pyqtgraph's name)
        lo, hi = levels
        self.image.setRect(QRectF(0.0, lo, 1.0, hi - lo))
        self.box.setRange(xRange=(0.0, 1.0), yRange=(lo, hi), padding=0)
        self._show_values(True)

    def clear(self) -> None:
        """No values yet: the bar without numbers (an empty map's had read 0 … 1 decades,
        a scale of nothing, a tour)."""
        self.setLevels((0.0, 1.0))
        self._show_values(False)

    def _show_values(self, shown: bool) -> None:
        if shown != self._valued:
            self._valued = shown
            # no ticks, not no values: its width stays, so the first values move nothing
            self.axis.setTicks(None if shown else [[], []])

    def levels(self) -> tuple[float, float]:
        rect = self.image.mapRectToParent(self.image.boundingRect())
        return rect.top(), rect.bottom()

    def getAxis(self, name: str) -> pg.AxisItem:  # noqa: N802
        return self.axis


class StepAxis(EdgeAxis):
    """A training's step axis: 200k and 1.5M from 10 000 steps on, where plain numbers ran
    into each other ("200000400000600000" at 10⁶ steps in a window 1024 pixels wide); its
    ends labelled, as a label there may run past them (`EdgeAxis`: 0 … 2000 read "1000"
    alone at 1024 pixels, a tour); no tick before step 0 (a session that diverged at step 9,
    its maps' first column centred on 0, read −4 … −1, a tour)."""

    def tickValues(self, minVal, maxVal, size):  # noqa: N803 (pyqtgraph override)
        return [(spacing, [v for v in values if v >= 0])
                for spacing, values in super().tickValues(minVal, maxVal, size)]

    def tickStrings(self, values, scale, spacing):  # pyqtgraph override
        # one style on an axis: 5k beside 10k, not 5000 (a tour)
        thousands = any(abs(v * scale) >= 1e4 for v in values)
        return [step_text(v * scale, thousands) for v in values]

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N803 (pyqtgraph override)
        # labelled ticks no closer than their text: on a map 150 pixels wide, 200k 400k 600k
        # 800k had touched; the next 1, 2, 5 spacing instead, unlabelled ticks between
        # whole steps only (a session that diverged at step 1 had ticks at 0.2, 0.4, …)
        levels = [(spacing, offset) for spacing, offset in
                  super().tickSpacing(minVal, maxVal, size) if spacing >= 1] or [(1.0, 0)]
        if size <= 0:
            return levels
        metrics = QFontMetrics(self.font())
        spacing, span = levels[0][0], abs(maxVal - minVal)
        while spacing < span:
            first = math.ceil(min(minVal, maxVal) / spacing) * spacing
            # the widest label drawn ("800k" is wider than the end's "1M"), and a gap
            room = max(metrics.horizontalAdvance(step_text(first + k * spacing))
                       for k in range(int(span // spacing) + 1)) + 12
            if span / spacing * room <= size:
                break
            spacing = wider_spacing(spacing)
        # widened: that level alone (pyqtgraph labels a second level where its text fills
        # little of the axis, over the first's: "400k 500k 600k" overlapped)
        return levels if spacing == levels[0][0] else [(spacing, 0)]


def step_text(value: float, thousands: bool = False) -> str:
    """A step count as the step axis writes it: 9000, 10k, 250k, 1M, 1.5M (and 5k, where
    `thousands`: another label of the axis is in k)."""
    for size, suffix in ((1e6, "M"), (1e3 if thousands else 1e4, "k")):
        if abs(value) >= size:
            unit = 1e3 if suffix == "k" else size
            return f"{value / unit:.4g}{suffix}"
    return f"{value:.4g}"


MOST_DECADE_LABELS = 7


def tick_text(m: int, k: int) -> str:
    """m·10ᵏ as a log axis's label: plain from 0.001 to 9000, else with a power of ten as the
    texts write one (10⁻⁶, 5·10⁻⁶; "%g" wrote 1e-06)."""
    if -3 <= k <= 3:
        return f"{m * 10.0 ** k:g}"
    return times_ten(str(m), k)


def decade_ticks(lo: int, hi: int, decade: float = math.inf,
                 line: float = 0.0) -> list[list[tuple[float, str]]]:
    """Ticks of a log axis from 10^lo to 10^hi (positions in decades): every decade a tick,
    labelled, or every other (third, …) one from 10⁰ where more than `MOST_DECADE_LABELS`
    would be (an exploding run's loss read fourteen labels from 0.1 to 10¹², a tour of the
    exports); 2 and 5 times each labelled too when the span is short, else unlabelled. On an
    axis `decade` pixels a decade, labels a `line` of text apart at least (six from 10¹¹ to
    10⁶⁶ overprinted in a plot 65 pixels tall, a tour)."""
    short = hi - lo <= 3 and math.log10(2) * decade >= line   # (2 and 5: 0.3 from a decade)
    every = max(math.ceil((hi - lo + 1) / MOST_DECADE_LABELS), math.ceil(line / decade))
    major = [(float(k), tick_text(1, k) if k % every == 0 else "") for k in range(lo, hi + 1)]
    if not any(text for _, text in major):   # (no multiple of `every` in view: its top)
        major[-1] = (float(hi), tick_text(1, hi))
    minor = [(k + math.log10(m), tick_text(m, k) if short and m in (2, 5) else "")
             for k in range(lo, hi) for m in range(2, 10)]
    return [major, minor]


class LossAxis(LogAxis):
    """A loss's log axis that follows its view (the held-out loss of a regression), its ticks
    written as `decade_ticks` writes the training loss's beside it: 100, 1000, 10⁴ (a tour:
    10², 10¹ under 1000, 100)."""

    def logTickStrings(self, values, scale, spacing):  # pyqtgraph override
        texts = []
        for value, shown in zip(values, super().logTickStrings(values, scale, spacing)):
            k = math.floor(value + 1e-9)   # (a decade's position may fall just below it)
            m = round(10 ** (value - k))
            if m == 10:
                k, m = k + 1, 1
            texts.append(tick_text(m, k) if shown else "")
        return texts
