"""The right-click menu of every plot in the window: copy that plot, or the whole tab, to the
clipboard as an image, or export it as PNG or PDF (a figure for a slide or a paper without the
readout or the other panels).

A right *click*, as pyqtgraph tells it apart from a right drag (which zooms the dashboard's
plots): `offer_menus(widget, window)` listens on the scene of every plot widget in `widget`.
pyqtgraph's own menu stays off (theme.no_context_menu says why).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QMenu, QWidget
import pyqtgraph as pg

from .i18n import translate

COPY_PLOT = QT_TRANSLATE_NOOP("PlotMenu", "&Copy this plot")
EXPORT_PLOT = QT_TRANSLATE_NOOP("PlotMenu", "&Export this plot (PNG, PDF)…")
COPY_TAB = QT_TRANSLATE_NOOP("PlotMenu", "Copy this &tab")
EXPORT_TAB = QT_TRANSLATE_NOOP("PlotMenu", "Export this t&ab (PNG, PDF)…")


def offer_menus(widget: QWidget, window) -> None:
    """Give each plot widget in `widget` (itself included) the menu, once."""
    views = ([widget] if isinstance(widget, pg.GraphicsView) else []) + \
        widget.findChildren(pg.GraphicsView)
    for view in views:
        if view.property("plotMenu"):
            continue
        view.setProperty("plotMenu", True)
        view.scene().sigMouseClicked.connect(
            lambda event, view=view: _on_click(event, view, window))


def plot_menu(view: pg.GraphicsView, window) -> QMenu:
    """The menu for `view`, worded in the window's language (made when asked for)."""
    from . import menus

    menu = QMenu(view)
    for source, slot in ((COPY_PLOT, lambda: window.offer_copy(view)),
                         (EXPORT_PLOT, lambda: menus.export_figure(window, view)),
                         (None, None),
                         (COPY_TAB, lambda: window.offer_copy()),
                         (EXPORT_TAB, lambda: menus.export_figure(window))):
        if source is None:
            menu.addSeparator()
            continue
        action = menu.addAction(translate("PlotMenu", source))
        action.triggered.connect(lambda checked=False, slot=slot: slot())
    return menu


def _on_click(event, view: pg.GraphicsView, window) -> None:
    if event.button() != Qt.RightButton or event.isAccepted() or event.double():
        return
    event.accept()
    menu = plot_menu(view, window)
    menu.aboutToHide.connect(menu.deleteLater)   # (after its action's slot: deleted later)
    menu.popup(event.screenPos().toPoint())
