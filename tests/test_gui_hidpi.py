"""On a HiDPI screen (a device pixel ratio of 2, 200 %) every line of every plot is twice as
many device pixels wide, as its text is, and a figure exported there is the one a standard
screen exports.

Qt draws the plots' cosmetic pens so many *device* pixels wide: at 200 % the curves were half
as thick beside their text as at 100 % (a HiDPI tour). The screen's ratio comes from
`theme.line_scale()`; here it is set to 2 while a window is made, on the offscreen screen."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsView

from conftest import delete_window
from gui import figures, theme
from gui.training_plots import Worded
from gui.window_tabs import NETWORK_TAB, PHASE_TAB

FIGURES = (NETWORK_TAB, PHASE_TAB)   # curves and lines; the ★ (a symbol of its own)


def _lines(window, qtbot) -> dict[int, set]:
    """Each tab's cosmetic pens, as (item type, what it draws, width): curves, lines, bars,
    axes (with their ticks and grid lines), symbols' outlines."""
    for tab in range(window.tabs.count()):   # (a tab builds its plots when first shown)
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(30)
    qtbot.waitUntil(lambda: all(panel.built for panel in window.findChildren(Worded)))
    found = {}
    for tab in range(window.tabs.count()):
        lines = set()
        for view in window.tabs.widget(tab).findChildren(QGraphicsView):
            for item in view.scene().items():
                if isinstance(item, QGraphicsRectItem) and not item.isVisible():
                    continue   # (a view box's zoom rectangle, pyqtgraph's, shown in a drag)
                if isinstance(item, pg.AxisItem):
                    pens = [("axis", item.pen())]
                elif isinstance(item, pg.ScatterPlotItem):
                    parent = item.parentItem()   # (a line's own symbols: the line's pen)
                    standalone = not isinstance(parent, pg.PlotDataItem) \
                        or parent.scatter is not item
                    pens = [("symbols", item.opts["pen"])] if standalone else []
                else:
                    pens = [("line", figures.line_pen(item))]
                if isinstance(item, pg.PlotDataItem) and item.opts["symbol"] is not None:
                    pens.append(("symbols", pg.mkPen(item.opts["symbolPen"])))
                for what, pen in pens:
                    if pen is not None and pen.isCosmetic() and pen.style() != Qt.NoPen:
                        lines.add((type(item).__name__, what, pen.widthF()))
        found[tab] = lines
    return found


def _pixels(path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(),
                                                              4).copy()   # (before it goes)


def test_every_line_is_twice_as_wide_at_200_percent_and_the_figure_is_the_same(
        window, qtbot, small_config, plotted, monkeypatch, tmp_path):
    from gui import MainWindow
    from gui.executors import SyncExecutor

    standard = _lines(window, qtbot)
    for tab in FIGURES:
        window.tabs.setCurrentIndex(tab)
        window.export_figure(tmp_path / f"standard-{tab}.png", 1.0)
    monkeypatch.setattr(theme, "line_scale", lambda: 2.0)   # from here on, a 200 % screen
    hidpi = MainWindow(small_config, executor=SyncExecutor())
    try:
        hidpi.show()
        hidpi.resize(window.size())
        plotted(hidpi)
        lines = _lines(hidpi, qtbot)
        for tab in FIGURES:
            hidpi.tabs.setCurrentIndex(tab)
            hidpi.export_figure(tmp_path / f"hidpi-{tab}.png", 1.0)
    finally:
        delete_window(hidpi)

    assert sum(len(tab) for tab in standard.values()) > 40
    for tab, drawn in standard.items():
        assert lines[tab] == {(name, what, 2 * width) for name, what, width in drawn}, \
            window.tabs.tabText(tab)
    # the figures (PNG at 1×), from either screen: the same pixels
    for tab in FIGURES:
        assert np.array_equal(_pixels(tmp_path / f"standard-{tab}.png"),
                              _pixels(tmp_path / f"hidpi-{tab}.png")), window.tabs.tabText(tab)
