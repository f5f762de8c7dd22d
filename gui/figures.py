"""A tab's export as a figure: its size and how to paint it, painted once onto a PNG image
(1×, 2× or 4× its pixels) or onto a vector PDF page (lines, curves and text stay sharp at any
zoom, and the text can be searched and copied; the heatmaps stay images).

Every tab's `figure()` gives a `Figure`; `gui.figure_files.encode(figure, suffix, scale)`
makes the file's bytes. A figure paints the widgets that show it: paint it before they
change or go.

A figure for a slide (`slide`) is laid out afresh at 16:9 rather than taken at the window's
size and aspect (a plot of the dashboard was 535 × 248 at 1366 pixels, its legend in short
names): a tab at `SLIDE_TAB`, a plot at `SLIDE_PLOT` window pixels, each drawn `SLIDE_WIDTH`
pixels wide in a PNG (1920 × 1080).
"""

from __future__ import annotations

import math
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPdfWriter, QPen, QRegion
from PySide6.QtWidgets import (QAbstractGraphicsShapeItem, QAbstractScrollArea, QGraphicsItem,
                               QGraphicsView, QSplitter, QSplitterHandle, QWidget)
import numpy as np
import pyqtgraph as pg

from . import theme
from .widgets import settle_layouts, text_document

_FOR_THE_MOUSE = 0x6d6f   # the QGraphicsItem data key of `for_the_mouse`


# A slide's figure: its layout in window pixels, a plot alone larger to the eye (read from the
# back of a room: laid out at 864 × 486 it is drawn 2.2 times, 11 px text 24 px in 1080; a tab
# laid out at 1280 × 720 had 18 px ticks, a teacher's tour; at 2.5 times the σ' plot was
# squashed), its PNG's width in pixels and its PDF page's in points (13.33 inches, 16:9).
SLIDE_TAB = (1024, 576)
SLIDE_PLOT = (864, 486)
SLIDE_WIDTH = 1920
SLIDE_POINTS = 960
SLIDE_FITS = 4   # layouts tried to bring a slide's figure to its size
# a slide's white border, in window pixels (a teacher's tour: the phase diagram's caption ran
# to 7 px of 1920 from the edge, where a projector may cut it)
SLIDE_MARGIN = 12


@dataclass(frozen=True)
class Figure:
    """`width` × `height` in the window's pixels, and `paint(painter)`, which paints it from
    (0, 0) on a white page in those units; on a PDF page a pixel is `points` points (0.75: 1/96
    inch, its size on screen)."""

    width: int
    height: int
    paint: Callable[[QPainter], None]
    points: float = 0.75


def widget_figure(widget: QWidget, top: int = 0, bottom: int | None = None) -> Figure:
    """`widget` as it shows, without the strip of height `top` above the figure (a row of
    controls: a figure has no spin boxes) and, with `bottom`, only down to there (room kept
    for more lines); a splitter's grip (for the mouse) is left white."""
    end = widget.height() if bottom is None else min(widget.height(), bottom)

    def paint(painter: QPainter) -> None:
        device = painter.device()
        vector = isinstance(device, QPdfWriter)
        # a slide's PDF page is the figure scaled (`Figure.points`): its cosmetic pens too
        scale = device.devicePixelRatioF() * (painter.worldTransform().m11() if vector else 1)
        with _uncached_items(widget), _nothing_for_the_mouse(widget), \
                _pens_scaled(widget, scale, vector), _lossless_images(widget, vector):
            # (QWidget's: a QGraphicsView's own render maps its scene, not the widget)
            QWidget.render(widget, painter, QPoint(0, 0),
                           QRegion(0, top, widget.width(), end - top))
        for handle in widget.findChildren(QSplitterHandle):
            if handle.isVisibleTo(widget):
                painter.fillRect(QRect(handle.mapTo(widget, QPoint(0, -top)), handle.size()),
                                 Qt.white)

    return Figure(widget.width(), end - top, paint)


def slide(widget: QWidget, size: tuple[int, int], make: Callable[[], Figure]) -> Figure:
    """The figure `make()` gives while `widget` is laid out for it at `size` (`SLIDE_TAB`,
    `SLIDE_PLOT`): the widget is resized to give the figure that size (what the figure leaves
    out, a tab's controls, added), painted so, and put back each time, within one call (no
    event is handled meanwhile: the window never shows it), within a white border of
    `SLIDE_MARGIN`. The figure is 16:9 whatever it holds: one that the layout could not bring
    to the size (a long readout drawn whole) is centred on a white 16:9 page (a teacher's
    tour: sigmoid's slide came out 1920 × 1123)."""
    width, target = size[0] - 2 * SLIDE_MARGIN, size[1] - 2 * SLIDE_MARGIN
    # each height leaves the readout another share of its lines hidden (drawn whole): again,
    # while the figure follows; the try nearest the size wins (a taller widget on a tie: a
    # figure that does not follow had its plots squashed for nothing, a review)
    tries, height = {}, target
    for _ in range(SLIDE_FITS):
        with _resized(widget, width, height):
            got = make().height
        if got == target or got in tries.values():
            tries[height] = got
            break
        tries[height] = got
        height = max(height + target - got, 1)
    height = min(tries, key=lambda h: (abs(tries[h] - target), -h))
    with _resized(widget, width, height):
        shape = make()
    k = max(math.ceil((shape.width + 2 * SLIDE_MARGIN) / 16),    # 16k × 9k: exactly 16:9
            math.ceil((shape.height + 2 * SLIDE_MARGIN) / 9))
    page_width, page_height = 16 * k, 9 * k
    left, top = (page_width - shape.width) / 2, (page_height - shape.height) / 2

    def paint(painter: QPainter) -> None:
        with _resized(widget, width, height):
            painter.save()
            painter.translate(left, top)
            make().paint(painter)
            painter.restore()

    return Figure(page_width, page_height, paint, SLIDE_POINTS / page_width)


def tab_figure(tab: QWidget, for_slide: bool = False) -> Figure:
    """`tab.figure()`, or for a slide that of the tab laid out at 16:9 (`SLIDE_TAB`)."""
    return slide(tab, SLIDE_TAB, tab.figure) if for_slide else tab.figure()


def png_scale(figure: Figure, scale: float, for_slide: bool = False) -> float:
    """A PNG's pixels per figure pixel: `scale`, or for a slide figure `SLIDE_WIDTH` across."""
    return SLIDE_WIDTH / max(figure.width, 1) if for_slide else scale


@contextmanager
def _resized(widget: QWidget, width: int, height: int):
    """`widget` at width × height meanwhile; then its size, and what a resize moves within it
    (its splitters' sizes, its scroll bars' positions), as they were (a review: a slide copy
    left the dashboard's readout another height and a scrolled tab at its top)."""
    sizes = [(s, s.sizes()) for s in _itself_and_inside(widget, QSplitter)]
    bars = [(bar, bar.value()) for area in _itself_and_inside(widget, QAbstractScrollArea)
            for bar in (area.horizontalScrollBar(), area.verticalScrollBar())]
    old = widget.size()
    widget.resize(width, height)
    _settle(widget)
    try:
        yield
    finally:
        widget.resize(old)
        for splitter, kept in sizes:
            splitter.setSizes(kept)
        for bar, value in bars:
            bar.setValue(value)


def _settle(widget: QWidget) -> None:
    """`widget`'s layout as its axes' tick labels at its new size leave it: an axis takes the
    width of its labels when it draws them, and the layout follows in a posted request (a
    plot's slide had its axis label over the minus signs of "−0.5", "−1.0": the axis kept its
    width for the window's ticks). Each axis works its labels out on a scratch painter (its
    documented drawing step, not a paint of the whole widget)."""
    scratch = QImage(8, 8, QImage.Format_ARGB32)
    for _ in range(2):
        settle_layouts()
        painter = QPainter(scratch)
        try:
            for item in _scene_items(widget):
                if isinstance(item, pg.AxisItem) and item.isVisible():
                    item.generateDrawSpecs(painter)
        finally:
            painter.end()
    settle_layouts()


def trimmed(figure: Figure, margin: int = 8) -> Figure:
    """`figure` cut to what it draws, with `margin` pixels of white around it: a plot that
    keeps its aspect (the decision regions) left its panel half white below it."""
    picture = image(figure).convertToFormat(QImage.Format_RGB32)
    rgb = np.frombuffer(picture.constBits(), np.uint8).reshape(
        picture.height(), picture.bytesPerLine() // 4, 4)[:, :picture.width(), :3]
    ink = (rgb < 250).any(axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return figure
    left, top = max(int(cols[0]) - margin, 0), max(int(rows[0]) - margin, 0)
    right = min(int(cols[-1]) + 1 + margin, figure.width)
    bottom = min(int(rows[-1]) + 1 + margin, figure.height)

    def paint(painter: QPainter) -> None:
        painter.save()
        painter.translate(-left, -top)
        painter.setClipRect(QRect(left, top, right - left, bottom - top))
        figure.paint(painter)
        painter.restore()

    return Figure(right - left, bottom - top, paint, figure.points)


def _itself_and_inside(widget: QWidget, kind: type) -> list:
    """`widget`, if a `kind`, and the widgets of that kind inside it."""
    return ([widget] if isinstance(widget, kind) else []) + widget.findChildren(kind)


def _scene_items(widget: QWidget) -> list[QGraphicsItem]:
    """Every item of the plots in `widget` (itself, if a plot, and those inside it)."""
    return [item for view in _itself_and_inside(widget, QGraphicsView)
            if view.scene() is not None for item in view.scene().items()]


@contextmanager
def _uncached_items(widget: QWidget):
    """Items cached as on-screen pixmaps (theme.cache_axes) would be scaled up, blurred, in
    a 2× PNG and pixels in a PDF: they paint afresh meanwhile."""
    cached = [item for item in _scene_items(widget)
              if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    modes = [item.cacheMode() for item in cached]
    for item in cached:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in zip(cached, modes):
            item.setCacheMode(mode)


@contextmanager
def _nothing_for_the_mouse(widget: QWidget):
    """What a plot shows only for the mouse over it, left out of the figure: a hover readout
    (`for_the_mouse`), and pyqtgraph's "A" (auto-range) button over a zoomed plot (hidden as
    pyqtgraph's option, which its own updates while painting keep). A plot copied from its
    right-click menu, or a tab from the File menu opened with the keyboard, had the mouse
    over it."""
    items = _scene_items(widget)
    plots = [item for item in items if isinstance(item, pg.PlotItem) and not item.buttonsHidden]
    shown = [item for item in items
             if QGraphicsItem.data(item, _FOR_THE_MOUSE) and item.isVisible()]
    for plot in plots:
        plot.hideButtons()
    for item in shown:
        item.hide()
    try:
        yield
    finally:
        for plot in plots:
            plot.showButtons()
        for item in shown:
            item.show()


def for_the_mouse(item: QGraphicsItem) -> None:
    """Mark `item` as shown for the mouse only (a hover readout): no figure paints it."""
    QGraphicsItem.setData(item, _FOR_THE_MOUSE, True)   # (pyqtgraph's items have a .data)


@contextmanager
def _pens_scaled(widget: QWidget, scale: float, vector: bool = False):
    """Lines drawn `scale` times as wide as on a standard screen, as the text is: the plots'
    pens are cosmetic (so many device pixels wide at any zoom), made `theme.line_scale()`
    times as wide as their design on this screen (a 4× PNG had hairline curves beside its
    text, a researcher's tour). Curves, lines, axes, outlines and the symbols' outlines.
    Scatter symbols are drawn afresh (pyqtgraph's export mode), not copied from their
    on-screen pixmaps: sharp and as large as the scale makes them, in a PDF (`vector`) and a
    PNG at any scale (at 1× a 200 % screen's pixmaps would halve their outlines)."""
    on_screen = theme.line_scale()

    def widened(pen: QPen) -> QPen:
        wide = QPen(pen)
        # (a width of 0 is Qt's hairline: one device pixel)
        wide.setWidthF((pen.widthF() / on_screen if pen.widthF() > 0 else 1.0) * scale)
        # the cap pyqtgraph's mkPen gives a pen so wide: round beyond 4 pixels, where the
        # square caps of a thick curve's segments show
        wide.setCapStyle(Qt.RoundCap if wide.widthF() > 4.0 else Qt.SquareCap)
        return wide

    def outlined(pen) -> bool:
        return pen.isCosmetic() and pen.style() != Qt.NoPen

    restore = []
    for item in _scene_items(widget):
        pen = line_pen(item)
        if pen is not None:
            restore.append(_set_pen(item, widened(pen)))
        if isinstance(item, pg.PlotDataItem) and item.opts["symbol"] is not None:
            # (through the line, which sets its symbols' pen again with its own)
            outline = pg.mkPen(item.opts["symbolPen"])
            if outlined(outline):
                shown = item.opts["symbolPen"]
                item.setSymbolPen(widened(outline))
                restore.append(lambda item=item, shown=shown: item.setSymbolPen(shown))
        elif isinstance(item, pg.ScatterPlotItem):
            outline = item.opts["pen"]
            parent = item.parentItem()   # (a line's own symbols: through the line, above)
            if (not isinstance(parent, pg.PlotDataItem) or parent.scatter is not item) \
                    and outlined(outline):
                item.setPen(widened(outline))
                restore.append(lambda item=item, outline=outline: item.setPen(outline))
            # drawn afresh: its on-screen pixmaps are at the screen's pixel ratio, not the
            # image's (the image's ratio scales the symbols already: 1, not `scale`)
            item.setExportMode(True, {"resolutionScale": 1.0, "antialias": True})
            restore.append(lambda item=item: item.setExportMode(False))
    try:
        yield
    finally:
        for undo in reversed(restore):
            undo()


@contextmanager
def _lossless_images(widget: QWidget, vector: bool):
    """On a PDF page (`vector`), the plots' images (the heatmaps) kept exact, not as Qt's
    PDF writer has them by default, JPEG: a heatmap's cells came out blotched by ±6 levels of
    a colour (a teacher's tour). Each view paints with its own render hints, not the
    figure's painter's."""
    lossy = [view for view in _itself_and_inside(widget, QGraphicsView) if vector and not
             view.renderHints() & QPainter.RenderHint.LosslessImageRendering]
    for view in lossy:
        view.setRenderHint(QPainter.RenderHint.LosslessImageRendering, True)
    try:
        yield
    finally:
        for view in lossy:
            view.setRenderHint(QPainter.RenderHint.LosslessImageRendering, False)


def line_pen(item) -> QPen | None:
    """The cosmetic pen `item` draws its lines with (None: it has none to widen)."""
    if isinstance(item, pg.PlotDataItem):   # (the legend's sample draws with its pen)
        pen = item.opts["pen"]
    elif isinstance(item, pg.PlotCurveItem):
        if isinstance(item.parentItem(), pg.PlotDataItem):
            return None   # widened with its PlotDataItem
        pen = item.opts["pen"]
    elif isinstance(item, pg.InfiniteLine):
        pen = item.pen
    elif isinstance(item, pg.BarGraphItem):   # (the spectrum's bars)
        pen = pg.mkPen(item.opts["pen"])
    elif isinstance(item, (pg.AxisItem, QAbstractGraphicsShapeItem)):
        pen = item.pen()
    else:
        return None
    return pen if isinstance(pen, QPen) and pen.isCosmetic() \
        and pen.style() != Qt.NoPen else None


def _set_pen(item, pen: QPen) -> Callable[[], None]:
    """Draw `item` with `pen`; returns what puts its own pen back."""
    if isinstance(item, pg.InfiniteLine):   # (setPen sets the hover pen's colour too)
        shown = item.pen, item.currentPen
        item.pen = item.currentPen = pen

        def undo() -> None:
            item.pen, item.currentPen = shown
            item.update()

        item.update()
        return undo
    if isinstance(item, pg.BarGraphItem):
        shown = item.opts["pen"]
        item.setOpts(pen=pen)
        return lambda: item.setOpts(pen=shown)
    old = line_pen(item)
    item.setPen(pen)
    return lambda: item.setPen(old)


def captioned(figure: Figure, text: str, font, margin: int = 6) -> Figure:
    """`figure` below `text` (plain, wrapped to its width in `font`): what a figure was made
    with, where the fields that show it in the window are left out of it."""
    doc = text_document(font, width=figure.width - 2 * margin, plain=text)
    height = math.ceil(doc.size().height()) + 2 * margin

    def paint(painter: QPainter) -> None:
        painter.save()
        painter.translate(margin, margin)
        doc.drawContents(painter)
        painter.restore()
        painter.save()
        painter.translate(0, height)
        figure.paint(painter)
        painter.restore()

    return Figure(figure.width, figure.height + height, paint, figure.points)


def image(figure: Figure, scale: float = 1.0) -> QImage:
    """The figure as an image of `scale` × its size in pixels, on white, at `scale` × 96
    pixels per inch: pasted or placed in a document, a 2× picture takes the figure's size on
    screen, twice as sharp (at 96 dpi it came out twice as large)."""
    out = QImage(round(figure.width * scale), round(figure.height * scale),
                 QImage.Format_ARGB32)
    out.setDevicePixelRatio(scale)
    dots_per_meter = round(96 * scale / 0.0254)
    out.setDotsPerMeterX(dots_per_meter)
    out.setDotsPerMeterY(dots_per_meter)
    out.fill(Qt.white)
    painter = QPainter(out)
    try:
        figure.paint(painter)
    finally:
        painter.end()
    return out
