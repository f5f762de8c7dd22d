"""The plots' right-click menu: copy or export one plot (or its tab) as an image, a right drag
still zooms, and a figure never shows what is there for the mouse (a hover readout,
pyqtgraph's "A" button)."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

from engine import ConfigError, SimConfig
from gui.window_files import COPY_SCALE
from gui.window_tabs import TRAINING_TAB


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()
    return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), 2::-1]


def _panels(window) -> dict:
    d = window.dashboard
    return {"profile": d.profile, "forward": d.forward, "backward": d.backward,
            "distribution": d.distribution}


def _right_click(qtbot, view, at: QPoint | None = None) -> QMenu:
    """Right-click `view` (its centre, or `at` in its viewport) and return the menu that
    opened."""
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
        "Copy this plot", "Copy this plot for a slide (16:9)", "Export this plot (PNG, PDF)…",
        "Copy this tab", "Copy this tab for a slide (16:9)", "Export this tab (PNG, PDF)…"]
    _choose(menu, "Copy this plot")
    image = QApplication.clipboard().image()
    # the plot's size at most (the white around it cut), at 2 × 96 dpi: pasted at its size
    assert 0.8 * view.width() * COPY_SCALE <= image.width() <= view.width() * COPY_SCALE
    assert 0.7 * view.height() * COPY_SCALE <= image.height() <= view.height() * COPY_SCALE
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(96 * COPY_SCALE / 0.0254)
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

    def save_dialog(parent, title, directory, filters, *offered):
        asked.append(title)
        filters = filters.split(";;")
        assert filters[3] == "PDF, vector (*.pdf)"
        return str(tmp_path / f"plot{suffix}"), filters[3 if suffix == ".pdf" else 1]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    view = window.dashboard.profile
    _choose(_right_click(qtbot, view), "Export this plot (PNG, PDF)…")
    assert asked == ["Export a plot of Network"]
    out = tmp_path / f"plot{suffix}"
    copied = window.shown_figure(view)   # the plot, the white around it cut
    assert copied.width <= view.width() and copied.height <= view.height()
    if suffix == ".png":   # the 2× filter
        image = QImage(str(out))
        assert (image.width(), image.height()) == (2 * copied.width, 2 * copied.height)
        return
    page, px, text = read_pdf(out, scale=4 / 3)
    # (the page in whole points)
    assert page == pytest.approx((0.75 * copied.width, 0.75 * copied.height), abs=1)
    assert "Variance profile" in text and "layer t" in text
    assert "Verdict" not in text


def test_a_map_alone_keys_its_black_cells(qtbot, window, plotted):
    """A tour of the exports: a slide of the forward map of relu at gain 2 showed black
    stripes without a word on them (the key was the readout's); a map alone is captioned
    with the key to the marks it shows, and without one where it shows none."""
    from gui import figures

    view = window.dashboard.forward
    for values, key in (({"activation": "relu", "init": "he", "depth": 8, "width": 32},
                         "black: Var exactly 0, the same value for every input"),
                        ({"activation": "tanh", "depth": 8, "width": 32}, "")):
        window.set_config(SimConfig.from_dict({**values, "batch": 16}))
        plotted(window)
        assert view.figure_key().startswith(key) and bool(view.figure_key()) == bool(key)
        bare = figures.trimmed(figures.widget_figure(view))
        alone = window.shown_figure(view)
        assert (alone.height > bare.height) == bool(key) and alone.width == bare.width


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


def test_a_figure_never_shows_the_hover_readout(qtbot, window, plotted):
    """A tab copied with the mouse resting on a plot had the hover readout ("layer 3 /
    forward: −0.72 decades …") over the curves (a review and a teacher's tour): the figure
    is the same with the readout showing as without it."""
    from gui.figures import image

    plotted(window)
    for view in (window.dashboard.profile, window.dashboard.forward):
        QTest.mouseMove(view.viewport(), view.viewport().rect().center())
        qtbot.waitUntil(lambda: view.hover.item.isVisible(), timeout=2000)
        on_screen, drawn = _rgb(view.grab().toImage()), _rgb(image(window.shown_figure()))
        QTest.mouseMove(window.controls, QPoint(5, 5))
        qtbot.waitUntil(lambda: not view.hover.item.isVisible(), timeout=2000)
        assert not np.array_equal(on_screen, _rgb(view.grab().toImage()))   # it showed
        assert np.array_equal(drawn, _rgb(image(window.shown_figure())))


def test_a_tab_made_later_offers_the_menu_in_chinese(qtbot, window, plotted):
    window.set_language("zh_CN")
    window.tabs.setCurrentIndex(1)   # the Sweep tab, made now: two maps in one widget
    view = window.tabs.sweep.graphics
    menu = _right_click(qtbot, view)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts[0] == "复制这些图(&C)" and texts[2] == "导出这些图 (PNG, PDF)(&E)…", texts
    assert len(texts) == 6 and all("复制" in t or "导出" in t for t in texts), texts
    assert "16:9" in texts[1] and "16:9" in texts[4], texts
    menu.hide()
    from gui.accessible_plots import plot_titles   # its name joins its titles as Chinese does
    assert "；" in plot_titles(view) and "; " not in plot_titles(view)


def test_a_right_click_on_a_legend_opens_the_menu_and_it_is_kept(qtbot, window, plotted):
    """A legend's sample takes every mouse button (pyqtgraph): a right click there opened
    nothing. One menu per plot, opened again and again (an action's file dialog once ran
    while its menu was being deleted)."""
    from gui.plot_menu import PlotMenu

    plotted(window)
    view = window.dashboard.profile
    sample = next(item for item in view.scene().items()
                  if type(item).__name__ == "ItemSample" and item.isVisible())
    at = view.mapFromScene(sample.sceneBoundingRect().center())
    for _ in range(3):
        _right_click(qtbot, view, at).hide()
    assert len(view.findChildren(PlotMenu)) == 1


def test_a_panel_copy_leaves_out_the_white_below_a_square_plot(qtbot, window, plotted):
    """The Training tab's decision regions keep their aspect: their panel was copied with
    its bottom half white (a teacher's tour). They are copied before the first step (the
    task's points over the untrained network's regions), the tab is not (empty axes)."""
    window.tabs.setCurrentIndex(TRAINING_TAB)
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None
                    and window.tabs.made(TRAINING_TAB).ready(), timeout=10000)
    view = window.tabs.training.regions
    assert window.tabs.training.session.step() == 0
    with pytest.raises(ConfigError, match="has no training step"):
        window.copy_figure()
    with pytest.raises(ConfigError, match="has no training step"):
        window.copy_figure(window.tabs.training.curves)
    window.copy_figure(view)
    px = _rgb(QApplication.clipboard().image())
    ink_rows = np.flatnonzero((px < 250).any(axis=2).any(axis=1))
    assert ink_rows.size and px.shape[0] - ink_rows[-1] <= 10 * COPY_SCALE
    assert px.shape[0] < view.height() * COPY_SCALE * 0.8


def test_the_four_inits_decision_regions_are_these_plots(qtbot, window):
    """A review: with the lecture's four inits the regions panel showed four maps while its
    menu said "Copy this plot"."""
    window.tabs.setCurrentIndex(TRAINING_TAB)
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None
                    and window.tabs.made(TRAINING_TAB).ready(), timeout=10000)
    training = window.tabs.training
    view = training.regions
    menu = _right_click(qtbot, view)
    assert menu.actions()[0].text().replace("&", "") == "Copy this plot"
    menu.hide()
    training.set_mode("inits")
    qtbot.waitUntil(lambda: view.plot_count() == 4, timeout=5000)
    menu = _right_click(qtbot, view)
    assert menu.actions()[0].text().replace("&", "") == "Copy these plots"
    menu.hide()


@pytest.mark.parametrize("name", ["profile", "forward"])
def test_a_plot_for_a_slide_is_laid_out_at_16_9(qtbot, window, plotted, name):
    """A teacher's tour: a plot of the dashboard was copied at its on-screen size and aspect
    (535 × 248 at 1366 pixels). For a slide it is laid out at 864 × 486 and drawn 1920 ×
    1080 (its legend room for full names); the window's plot is as it was."""
    plotted(window)
    view = _panels(window)[name]
    size = view.size()
    _choose(_right_click(qtbot, view), "Copy this plot for a slide (16:9)")
    image = QApplication.clipboard().image()
    assert (image.width(), image.height()) == (1920, 1080)
    px = _rgb(image)
    assert (px[..., 2] > px[..., 0] + 40).any()                  # blue: a curve or the map
    ink = np.flatnonzero((px < 250).any(axis=2).any(axis=0))
    assert ink[-1] - ink[0] > 0.9 * 1920                         # the plot fills the width
    assert view.size() == size
    assert window.statusBar().currentMessage() == "Copied the plot for a slide (16:9)"


def test_a_plot_laid_out_for_a_slide_keeps_its_axis_label_off_its_tick_labels(window, plotted):
    """A plot's slide had its left axis label over the minus signs of "−0.5", "−1.0": laid
    out at the slide's size, the axis kept the width of the window's tick labels. Where the
    slide is painted, the tick labels the axis draws lie right of its label."""
    from PySide6.QtGui import QPainter

    from gui import figures

    # (a profile over 2 decades: whole decades in the window, halves on the slide)
    window.resize(1024, 640)
    window.set_config(window.config().with_values(widths="64x51", batch=64))
    plotted(window)
    view = window.dashboard.profile
    axis = view.plot.getAxis("left")
    seen = []

    def make():
        scratch = QImage(8, 8, QImage.Format_ARGB32)
        painter = QPainter(scratch)
        try:
            texts = [rect for rect, _, _ in axis.generateDrawSpecs(painter)[2]]
        finally:
            painter.end()
        label = axis.label.mapRectToParent(axis.label.boundingRect())
        seen.append((min(rect.left() for rect in texts), label.right()))
        return figures.widget_figure(view)

    figures.image(figures.slide(view, figures.SLIDE_PLOT, make))
    assert seen and all(left >= right - 1 for left, right in seen), seen


def test_a_tab_for_a_slide_and_its_export(tmp_path, qtbot, window, plotted, monkeypatch):
    """The tab for a slide: 1920 × 1080 copied or as a PNG, a 16:9 page as a PDF (the
    dialog's slide types), the window's tab as it was."""
    from plot_probe import read_pdf

    plotted(window)
    size = window.dashboard.size()
    window.copy_figure(slide=True)
    image = QApplication.clipboard().image()
    assert image.width() == 1920 and image.height() == pytest.approx(1080, abs=2)
    picks = iter([(tmp_path / "slide.png", 4), (tmp_path / "slide.pdf", 5)])

    def save_dialog(parent, title, directory, filters, *offered):
        path, index = next(picks)
        return str(path), filters.split(";;")[index]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    from gui import menus

    menus.export_figure(window)
    written = QImage(str(tmp_path / "slide.png"))
    assert written.width() == 1920 and written.height() == pytest.approx(1080, abs=2)
    menus.export_figure(window)
    page, _, text = read_pdf(tmp_path / "slide.pdf", scale=4 / 3)
    assert page[0] == pytest.approx(960, abs=1)   # 13.33 inches: a slide's page
    assert page[1] == pytest.approx(540, abs=2)
    assert "Variance profile" in text
    assert window.dashboard.size() == size


def test_a_slide_copy_leaves_the_window_as_it_was(qtbot, window, plotted):
    """A review: a slide copy resized the tab and back, which re-placed the dashboard's
    readout (another height, the plots jumped) and scrolled a scrolled tab to its top."""
    from PySide6.QtWidgets import QSplitter

    plotted(window)
    window.resize(1366, 768)
    QApplication.processEvents()
    splitter = window.dashboard.findChildren(QSplitter)[0]
    top, bottom = splitter.sizes()[:2]
    splitter.setSizes([top + 40, bottom - 40])   # the reader's own split
    bar = window.dashboard.readout.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    kept = (splitter.sizes(), bar.value(), window.dashboard.size())
    window.copy_figure(slide=True)
    window.copy_figure(window.dashboard.profile, slide=True)
    assert (splitter.sizes(), bar.value(), window.dashboard.size()) == kept


@pytest.mark.fresh_window   # a Training tab made just now
def test_a_training_tab_made_and_laid_out_for_a_slide_at_once_is_16_9(qtbot, window):
    """A review: the tab's figure handles the layout requests still posted, and one for the
    new page had its scroll area size it back to the window's, mid-figure: 1280 × 556."""
    from gui import figures
    from gui.window_tabs import TRAINING_TAB

    window.tabs.setCurrentIndex(TRAINING_TAB)
    figure = figures.tab_figure(window.tabs.page(TRAINING_TAB), True)
    assert (figure.width, figure.height) == figures.SLIDE_TAB


def test_the_file_menu_offers_each_plot_of_the_tab_by_its_titles(qtbot, window, plotted):
    """Copy or export one plot was only in its right-click menu: no key reached it. File ▸
    A plot of this tab lists the tab's plots, top left first, named by their titles, each
    with what its right-click menu offers for it alone."""
    plotted(window)
    window.tabs.setCurrentIndex(0)
    menu = window.menus.plots_menu
    menu.aboutToShow.emit()
    names = [a.text() for a in menu.actions()]
    assert names == ["&1 Variance profile (pooled over batch and units)",
                     "&2 Distribution of activations hᵗ (per layer)",
                     "&3 Forward: per-unit Var[hᵗᵢ] over the batch",
                     "&4 Backward: per-unit Var[∂ℓ/∂hᵗᵢ] over the batch"], names
    forward = menu.actions()[2].menu()
    assert [a.text().replace("&", "") for a in forward.actions()] == [
        "Copy this plot", "Copy this plot for a slide (16:9)", "Export this plot (PNG, PDF)…"]
    QApplication.clipboard().clear()
    _choose(forward, "Copy this plot")
    by_menu = QApplication.clipboard().image()
    QApplication.clipboard().clear()
    _choose(_right_click(qtbot, window.dashboard.forward), "Copy this plot")
    by_click = QApplication.clipboard().image()
    assert not by_menu.isNull() and by_menu == by_click
    window.tabs.setCurrentIndex(1)   # the Sweep tab: two maps in one widget
    qtbot.waitUntil(lambda: window.tabs.sweep.graphics.isVisible())
    menu.aboutToShow.emit()
    [sweep] = menu.actions()
    assert sweep.text().startswith("&1 Forward: log₁₀ Var[hᵗ] by gain")
    assert len(sweep.text()) <= 3 + 60 and sweep.text().endswith("…")
    assert sweep.menu().actions()[0].text() == "&Copy these plots"
    window.tabs.setCurrentIndex(0)
    for _ in range(5):   # opened again and again: its submenus are the tab's, not all so far
        menu.aboutToShow.emit()
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    assert len(menu.findChildren(QMenu)) == 4   # (a review: 20 after five openings)


def test_the_menu_key_or_shift_f10_opens_a_clicked_plot_s_menu(qtbot, window, plotted):
    """A plot chosen by a click opens its menu from the keyboard, as Qt's other widgets do:
    the menu key (sent as a context menu event) or Shift+F10."""
    from PySide6.QtGui import QContextMenuEvent

    plotted(window)
    view = window.dashboard.profile
    view.setFocus(Qt.MouseFocusReason)   # (a click's)
    menu = view.findChild(QMenu)
    QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Keyboard, QPoint(5, 5),
                                                   view.mapToGlobal(QPoint(5, 5))))
    qtbot.waitUntil(menu.isVisible)
    assert menu.actions()[0].text() == "&Copy this plot"
    menu.hide()
    QTest.keyClick(view, Qt.Key_F10, Qt.ShiftModifier)
    qtbot.waitUntil(menu.isVisible)
    menu.hide()
