"""The dashed vertical line at the layer where a pass stops being representable (overflow,
underflow, exactly zero variance), on the heatmaps and the profile, with its label in the
longest form that fits beside it and, on the profile, at a height clear of the curves.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtGui import QFontMetricsF

from . import theme
from .level_label import quiet_height
from .stop_texts import invalid_forms


class InvalidMarker(pg.InfiniteLine):
    """A vertical line at the layer where a pass stops being representable; `formChanged`
    when its label takes another form, side or height."""

    formChanged = Signal()

    def __init__(self, heights: tuple[float, ...] = (0.92,), curves=None, others=list):
        """`heights`: where along the line its label may sit (fractions of the view's height,
        first choice first); `curves` and `others`, when given, return the curves and labels
        it should keep clear of (`level_label.quiet_height`)."""
        self._heights, self._curves, self._others = heights, curves, others
        super().__init__(angle=90, movable=False,
                         pen=theme.pen(theme.INVALID, 2, style=pg.QtCore.Qt.DashLine),
                         label="", labelOpts={"position": heights[0], "color": theme.INVALID,
                                              "fill": (255, 255, 255, 200),
                                              "anchors": [(0, 0), (0, 0)]})
        self.hide()
        self._shown = None
        self._form: tuple | None = None   # (text, anchor, height) shown
        self._height: float | None = None   # where the label last sat (`quiet_height`)

    def show_invalid(self, direction: str, invalid, depth: int, directed: bool = False,
                     until: int | None = None) -> None:
        """The line at `invalid`'s layer (hidden if None); `directed`, `until`:
        `stop_texts.invalid_forms`'."""
        self._shown = (direction, invalid, depth, directed, until)
        self._form = None
        if invalid is None:
            self.hide()
            return
        self.show()  # first: a hidden label ignores new text
        self.setValue(invalid.layer)
        self.place_label()

    def viewTransformChanged(self) -> None:  # pyqtgraph override: the view resized or moved
        super().viewTransformChanged()
        self.place_label()

    def place_label(self) -> None:
        """The label on the side of the line with more room, in the longest of its forms that
        fits there ("forward exactly zero variance from t = 353", "exactly zero variance from
        t = 353", "t = 353"): in a narrow heatmap the full text was cut at the view's edge."""
        if self._shown is None or self._shown[1] is None:
            return
        box = self.getViewBox()
        if box is None or box.width() <= 0:
            return
        (x0, x1), _ = box.viewRange()
        if x1 <= x0:
            return
        direction, invalid, _, directed, until = self._shown
        at = (invalid.layer - x0) / (x1 - x0) * box.width()
        left, right = at, box.width() - at
        metrics = QFontMetricsF(self.label.textItem.font())
        margin = 2 * self.label.textItem.document().documentMargin()
        forms = [" " + text + " " for text in invalid_forms(direction, invalid, directed, until)]
        text = next((t for t in forms if metrics.horizontalAdvance(t) + margin <= max(left, right)),
                    forms[-1])
        height = self._heights[0]
        if self._curves is not None and len(self._heights) > 1:
            wide = (metrics.horizontalAdvance(text) + margin) * (x1 - x0) / box.width()
            span = ((invalid.layer - wide, invalid.layer) if left > right
                    else (invalid.layer, invalid.layer + wide))
            height = self._height = quiet_height(
                box, self._curves(), span, metrics.height() + margin, self._heights,
                self._others(), self._height)   # kept across results while no worse
        # beside the line, hanging from its place, or standing on it in the lower half (the
        # profile's backward label, at 8 % of the height, was cut by the x axis)
        anchor = (1.0 if left > right else 0.0, 1.0 if height < 0.5 else 0.0)
        if (text, anchor, height) != self._form:
            self._form = (text, anchor, height)
            self.label.setPosition(height)
            self.label.anchors = [anchor, anchor]
            self.label.setFormat(text)
            self.formChanged.emit()

    def retranslate(self) -> None:
        """Word the label again in the current language (its view calls this)."""
        if self._shown is not None and self._shown[1] is not None:
            self.show_invalid(*self._shown)
