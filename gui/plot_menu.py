"""The right-click menu of every plot in the window: copy that plot (or the plots of its
panel), or the whole tab, to the clipboard as an image (as shown, or laid out at 16:9 for a
slide), or export it as PNG or PDF (a figure for a slide or a paper without the readout or the
other panels).

A right *click*, as pyqtgraph tells it apart from a right drag (which zooms the dashboard's
plots): `offer_menus(widget, window)` listens on the scene of every plot widget in `widget`.
pyqtgraph's own menu stays off (theme.no_context_menu says why).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QMenu, QWidget
import pyqtgraph as pg

from .i18n import translate

# (one plot in the widget, several)
COPY_PLOT = (QT_TRANSLATE_NOOP("PlotMenu", "&Copy this plot"),
             QT_TRANSLATE_NOOP("PlotMenu", "&Copy these plots"))
EXPORT_PLOT = (QT_TRANSLATE_NOOP("PlotMenu", "&Export this plot (PNG, PDF)…"),
               QT_TRANSLATE_NOOP("PlotMenu", "&Export these plots (PNG, PDF)…"))
COPY_PLOT_SLIDE = (QT_TRANSLATE_NOOP("PlotMenu", "Copy this plot for a &slide (16:9)"),
                   QT_TRANSLATE_NOOP("PlotMenu", "Copy these plots for a &slide (16:9)"))
COPY_TAB = QT_TRANSLATE_NOOP("PlotMenu", "Copy this &tab")
COPY_TAB_SLIDE = QT_TRANSLATE_NOOP("PlotMenu", "Copy this tab for a s&lide (16:9)")
EXPORT_TAB = QT_TRANSLATE_NOOP("PlotMenu", "Export this t&ab (PNG, PDF)…")


def offer_menus(widget: QWidget, window) -> None:
    """Give each plot widget in `widget` (itself included) the menu, once."""
    views = ([widget] if isinstance(widget, pg.GraphicsView) else []) + \
        widget.findChildren(pg.GraphicsView)
    for view in views:
        if view.findChild(PlotMenu) is None:
            PlotMenu(view, window)


class PlotMenu(QMenu):
    """The menu of one plot widget, kept with it (never deleted while an action's dialog
    runs), worded when it opens."""

    def __init__(self, view: pg.GraphicsView, window):
        super().__init__(view)
        from . import menus

        self._view = view
        self._worded = []
        for sources, slot in ((COPY_PLOT, lambda: window.offer_copy(view)),
                              (COPY_PLOT_SLIDE, lambda: window.offer_copy(view, slide=True)),
                              (EXPORT_PLOT, lambda: menus.export_figure(window, view)),
                              (None, None),
                              ((COPY_TAB,) * 2, lambda: window.offer_copy()),
                              ((COPY_TAB_SLIDE,) * 2, lambda: window.offer_copy(slide=True)),
                              ((EXPORT_TAB,) * 2, lambda: menus.export_figure(window))):
            if sources is None:
                self.addSeparator()
                continue
            action = self.addAction("")
            action.triggered.connect(lambda checked=False, slot=slot: slot())
            self._worded.append((action, sources))
        view.scene().sigMouseClicked.connect(self._on_click)

    def word(self) -> None:
        """Word the actions in the current language, "these plots" for a widget of several."""
        count = getattr(self._view, "plot_count", None)   # plots of bare view boxes say it
        several = (count() if count is not None else
                   sum(isinstance(item, pg.PlotItem) and item.isVisible()
                       and not isinstance(item, pg.ColorBarItem)   # (a PlotItem too)
                       for item in self._view.scene().items())) > 1
        for action, sources in self._worded:
            action.setText(translate("PlotMenu", sources[several]))

    def _on_click(self, event) -> None:
        # (not only a click no item took: a legend's sample takes every button)
        if event.button() != Qt.RightButton or event.double():
            return
        event.accept()
        self.word()
        self.popup(event.screenPos().toPoint())
