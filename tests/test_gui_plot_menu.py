"""The plots' right-click menu: copy or export one plot (or its tab) as an image, a right drag
still zooms, and a figure never shows pyqtgraph's "A" button."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from gui.window_files import COPY_SCALE


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()
    return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), 2::-1]


def _panels(window) -> dict:
    d = window.dashboard
    return {"profile": d.profile, "forward": d.forward, "backward": d.backward,
            "distribution": d.distribution}


def _right_click(qtbot, view, at: QPoint | None = None) -> QMenu:
    """Right-click `view` (its centre) and return the menu that opened."""
    viewport = view.viewport()
    QTest.mouseClick(viewport, Qt.RightButton, Qt.NoModifier,
                     viewport.rect().center() if at is None else at)
    qtbot.waitUntil(lambda: any(m.isVisible() for m in view.findChildren(QMenu)), timeout=2000)
    return next(m for m in view.findChildren(QMenu) if m.isVisible())


def _choose(menu: QMenu, text: str) -> None:
    [action] = [a for a in menu.actions() if a.text().replace("&", "") == text]
    menu.hide()
    action.trigger()


@pytest.mark.parametrize("name", ["profile", "forward", "backward", "distribution"])
def test_a_right_click_copies_that_plot_alone(qtbot, window, plotted, name):
    """The plot copied for a slide: twice its on-screen pixels, its own colours (the profile's
    blue curve, the heatmaps' map) and nothing of the readout or the other plots."""
    plotted(window)
    view = _panels(window)[name]
    QApplication.clipboard().clear()
    menu = _right_click(qtbot, view)
    assert [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()] == [
        "Copy this plot", "Export this plot (PNG, PDF)…", "Copy this tab",
        "Export this tab (PNG, PDF)…"]
    _choose(menu, "Copy this plot")
    image = QApplication.clipboard().image()
    assert (image.width(), image.height()) == (round(view.width() * COPY_SCALE),
                                               round(view.height() * COPY_SCALE))
    px = _rgb(image)
    assert (px < 250).any(axis=2).mean() > 0.02                  # not a white page
    assert (px[..., 2] > px[..., 0] + 40).any()                  # blue: a curve or the map
    assert window.statusBar().currentMessage() == "Copied the plot as an image"


def test_copy_this_tab_is_the_exported_tab(qtbot, window, plotted):
    plotted(window)
    _choose(_right_click(qtbot, window.dashboard.forward), "Copy this tab")
    image = QApplication.clipboard().image()
    size = window.dashboard.size()
    assert (image.width(), image.height()) == (round(size.width() * COPY_SCALE),
                                               round(size.height() * COPY_SCALE))
    assert window.statusBar().currentMessage() == "Copied the tab as an image"


def test_a_right_drag_still_zooms_and_opens_no_menu(qtbot, window, plotted):
    plotted(window)
    view = window.dashboard.profile
    viewport = view.viewport()
    before = view.plot.getViewBox().viewRange()
    start = viewport.rect().center()
    QTest.mousePress(viewport, Qt.RightButton, Qt.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(viewport, start + QPoint(12 * step, -6 * step))
    QTest.mouseRelease(viewport, Qt.RightButton, Qt.NoModifier, start + QPoint(60, -30))
    QApplication.processEvents()
    assert view.plot.getViewBox().viewRange() != before
    assert not any(m.isVisible() for m in view.findChildren(QMenu))


@pytest.mark.parametrize("suffix", [".png", ".pdf"])
def test_export_this_plot_writes_that_plot_at_its_size(tmp_path, qtbot, window, plotted,
                                                       monkeypatch, suffix):
    """Export this plot: the dialog names the tab; the file is the plot (its title and axis,
    in a PDF as text) without the readout's verdict."""
    from plot_probe import read_pdf

    plotted(window)
    asked = []

    def save_dialog(parent, title, directory, filters):
        asked.append(title)
        filters = filters.split(";;")
        return str(tmp_path / f"plot{suffix}"), filters[-1 if suffix == ".pdf" else 1]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    view = window.dashboard.profile
    _choose(_right_click(qtbot, view), "Export this plot (PNG, PDF)…")
    assert asked == ["Export a plot of Network"]
    out = tmp_path / f"plot{suffix}"
    if suffix == ".png":   # the 2× filter
        image = QImage(str(out))
        assert (image.width(), image.height()) == (2 * view.width(), 2 * view.height())
        return
    page, px, text = read_pdf(out, scale=4 / 3)
    assert page == pytest.approx((0.75 * view.width(), 0.75 * view.height()), abs=0.5)
    assert "Variance profile" in text and "layer t" in text
    assert "Verdict" not in text


def test_a_figure_never_shows_the_auto_range_button(qtbot, window, plotted):
    """The mouse over a zoomed plot shows pyqtgraph's "A" button; a plot copied from its menu
    (the mouse still over it) is drawn without it."""
    plotted(window)
    view = window.dashboard.profile
    box = view.plot.getViewBox()
    box.setXRange(5, 20)   # zoomed: the button is offered while the mouse is over the plot
    QTest.mouseMove(view.viewport(), view.viewport().rect().center())
    qtbot.waitUntil(lambda: view.plot.autoBtn.isVisible(), timeout=2000)
    rect = view.mapFromScene(view.plot.autoBtn.sceneBoundingRect()).boundingRect()
    shown = _rgb(view.grab().toImage())[rect.top():rect.bottom(), rect.left():rect.right()]
    assert (shown < 200).any()   # the button, on screen
    window.copy_figure(view)
    copied = _rgb(QApplication.clipboard().image())
    s = COPY_SCALE
    corner = copied[round(rect.top() * s):round(rect.bottom() * s),
                    round(rect.left() * s):round(rect.right() * s)]
    assert corner.size and (corner > 240).all()
    assert view.plot.autoBtn.isVisible()   # still offered on screen


def test_a_tab_made_later_offers_the_menu_in_chinese(qtbot, window, plotted):
    window.set_language("zh_CN")
    window.tabs.setCurrentIndex(1)   # the Sweep tab, made now
    view = window.tabs.sweep.graphics
    menu = _right_click(qtbot, view)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert len(texts) == 4 and all("复制" in t or "导出" in t for t in texts), texts
    menu.hide()
