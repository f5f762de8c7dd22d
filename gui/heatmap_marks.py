"""The per-unit heatmaps' marks over their colours: black where a unit's variance is exactly 0,
dark grey where float32 does not resolve its spread; hatched where a page printed in grey
would not tell them from the colours.

The grey-safe scale (CET-D7) uses every lightness from 30 to 90, so no grey is left for the
marks: printed in grey, black and dark grey cells read as its dark vanishing end (a teacher's
tour). There they carry a light hatch, "/" over black and "\\" over dark grey. The usual
scale (CET-D1) is no darker than lightness 40: black stands apart, but dark grey (49) is the
grey of a cell 16 decades down (a colour-blind tour), and is hatched there too. The hatch is
Qt's pattern brush clipped to the marked cells: its stripes keep their spacing on screen
whatever the cells' size, so a block of small cells is hatched as one area, not striped
cell by cell.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBitmap, QBrush, QColor, QImage, QPainter, QRegion, QTransform

from . import theme

HATCH = "#c8c8c8"   # the stripes: light on both marks, apart from every dark colour
# Beyond this many rectangles a mark's area is not hatched: its painting grows with them (a
# review: 5 500 took the map from 1 to 30 ms a paint, at every result of a drag), and cells
# so scattered are a pixel or two each, too small to show a stripe. A block (a deep sigmoid's
# unresolved layers) is one rectangle a row.
MAX_RECTS = 1500
_STYLES = {1: Qt.BDiagPattern, 2: Qt.FDiagPattern}   # "/" over black, "\" over dark grey


def hatched_marks() -> tuple[int, ...]:
    """The marks hatched in the scale now chosen (module docstring): both in the grey-safe
    scale, the dark grey (2) in the usual one."""
    return (1, 2) if theme.grey_safe() else (2,)


class Marks(pg.ImageItem):
    """The marks' image over a heatmap's colours: 1 exactly zero, 2 unresolved, 0 neither
    (transparent); hatched as the scale needs (`hatched_marks`)."""

    def __init__(self):
        super().__init__(axisOrder="row-major")
        self._hatches: list[tuple[QRegion, Qt.BrushStyle]] = []
        self.restyle()

    def restyle(self) -> None:
        """The colours as the scale now chosen (the hatch comes with the next `set_marks`)."""
        rgba = [[0, 0, 0, 0]]
        for color in (theme.ZERO_VARIANCE, theme.unresolved()):
            c = pg.mkColor(color)
            rgba.append([c.red(), c.green(), c.blue(), 255])
        self.setLookupTable(np.array(rgba, dtype=np.ubyte))

    def set_marks(self, zero: np.ndarray, unresolved: np.ndarray) -> None:
        """Mark the cells (units × layers) where `zero` or `unresolved`."""
        marks = zero.astype(np.ubyte) + 2 * unresolved.astype(np.ubyte)
        self._hatches = []
        for value in hatched_marks():
            mask = marks == value
            # (its runs along the rows bound the rectangles from above: a region far past
            # MAX_RECTS is not built at every result, ~10 ms at 250 000)
            runs = np.count_nonzero(mask[:, :1]) + np.count_nonzero(mask[:, 1:] & ~mask[:, :-1])
            if runs > 8 * MAX_RECTS:
                continue
            region = _region(mask)
            if 0 < region.rectCount() <= MAX_RECTS:
                self._hatches.append((region, _STYLES[value]))
        self.setImage(marks, autoLevels=False, levels=(0, 2))

    def hatched(self) -> list[tuple[QRegion, Qt.BrushStyle]]:
        """The areas hatched, in the image's cells, and their stripes' directions."""
        return list(self._hatches)

    def paint(self, painter, *args) -> None:  # pyqtgraph override: the hatch over the image
        super().paint(painter, *args)
        if not self._hatches or self.image is None:
            return
        rows, columns = self.image.shape
        # the stripes 8 of the screen's pixels apart, in an export at 2× or 4× too: a pattern
        # in the image's cells, scaled by the inverse of the cells' size on screen
        cells = _on_screen(self) or painter.deviceTransform()
        if not cells.m11() or not cells.m22():
            return
        pattern = QTransform.fromScale(1 / cells.m11(), 1 / cells.m22())
        painter.save()
        painter.setRenderHint(QPainter.NonCosmeticBrushPatterns, True)
        for region, style in self._hatches:
            brush = QBrush(QColor(HATCH), style)
            brush.setTransform(pattern)
            painter.save()
            painter.setClipRegion(region, Qt.IntersectClip)
            painter.fillRect(QRectF(0, 0, columns, rows), brush)
            painter.restore()
        painter.restore()


def _on_screen(item) -> QTransform | None:
    """`item`'s transform to its view's pixels (None outside a view). Qt's own, not
    pyqtgraph's `deviceTransform`, which crashed when called while painting."""
    scene = item.scene()
    views = scene.views() if scene is not None else []
    return item.sceneTransform() * views[0].viewportTransform() if views else None


def _region(mask: np.ndarray) -> QRegion:
    """The cells of `mask` (rows × columns, True: in) as a region of unit squares, built by Qt
    from a 1-bit image of the mask (rows of 32-bit words, most significant bit first)."""
    if not mask.any():
        return QRegion()
    rows, columns = mask.shape
    words = (columns + 31) // 32 * 4
    packed = np.zeros((rows, words), dtype=np.uint8)
    bits = np.packbits(mask, axis=1, bitorder="big")
    packed[:, :bits.shape[1]] = bits
    image = QImage(packed.tobytes(), columns, rows, words, QImage.Format_Mono)
    image.setColorTable([0xFFFFFFFF, 0xFF000000])   # bit 1: colour 1 of the bitmap, "in"
    return QRegion(QBitmap.fromImage(image))
