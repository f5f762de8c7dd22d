"""The right-click menu of every plot in the window: copy that plot (or the plots of its
panel), or the whole tab, to the clipboard as an image (as shown, or laid out at 16:9 for a
slide), or export it as PNG or PDF (a figure for a slide or a paper without the readout or the
other panels).

A right *click*, as pyqtgraph tells it apart from a right drag (which zooms the dashboard's
plots): `offer_menus(widget, window)` listens on the scene of every plot widget in `widget`,
and on the keyboard's menu key (or Shift+F10) over a plot clicked before. pyqtgraph's own menu
stays off (theme.no_context_menu says why). The File menu's "A plot of this tab" offers the
same per plot without the mouse (`fill_plots_menu`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QMenu, QWidget
import pyqtgraph as pg

from .accessible_plots import plot_titles
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
NO_PLOT = QT_TRANSLATE_NOOP("PlotMenu", "No plot on this tab yet")
NAME_WIDTH = 60   # characters of a plot's titles in the File menu (a map's run to ~110)


def offer_menus(widget: QWidget, window) -> None:
    """Give each plot widget in `widget` (itself included) the menu, once."""
    views = ([widget] if isinstance(widget, pg.GraphicsView) else []) + \
        widget.findChildren(pg.GraphicsView)
    for view in views:
        if view.findChild(PlotMenu) is None:
            PlotMenu(view, window)


def plot_actions(view: pg.GraphicsView, window) -> tuple:
    """What can be done with the plot widget `view` alone: (texts, slot) pairs, the texts
    for one plot and for several."""
    from . import menus

    return ((COPY_PLOT, lambda: window.offer_copy(view)),
            (COPY_PLOT_SLIDE, lambda: window.offer_copy(view, slide=True)),
            (EXPORT_PLOT, lambda: menus.export_figure(window, view)))


def several_plots(view: pg.GraphicsView) -> bool:
    """Whether `view` shows more than one plot (its actions say "these plots")."""
    count = getattr(view, "plot_count", None)   # plots of bare view boxes say it
    return (count() if count is not None else
            sum(isinstance(item, pg.PlotItem) and item.isVisible()
                and not isinstance(item, pg.ColorBarItem)   # (a PlotItem too)
                for item in view.scene().items())) > 1


def shown_plots(page: QWidget) -> list[pg.GraphicsView]:
    """The plot widgets shown on `page`, top left first."""
    views = [view for view in page.findChildren(pg.GraphicsView) if view.isVisible()]
    views.sort(key=lambda view: (view.mapTo(page, QPoint(0, 0)).y(),
                                 view.mapTo(page, QPoint(0, 0)).x()))
    return views


def fill_plots_menu(menu: QMenu, window) -> None:
    """File ▸ A plot of this tab, as it opens: a submenu per plot widget of the tab shown,
    named by its titles, with what its right-click menu offers for it alone (a keyboard
    could not reach those)."""
    for submenu in menu.findChildren(QMenu):   # (`clear` keeps them, and their closures)
        submenu.deleteLater()
    menu.clear()
    page = window.tabs.current_page()
    views = shown_plots(page) if page is not None else []
    for number, view in enumerate(views, 1):
        name = plot_titles(view) or translate("PlotMenu", "plot")
        if len(name) > NAME_WIDTH:
            name = name[:NAME_WIDTH - 1].rstrip() + "…"
        # (numbered: its number chooses it, as the menus' underlined letters do)
        submenu = menu.addMenu((f"&{number} " if number < 10 else "") + name.replace("&", "&&"))
        several = several_plots(view)
        for sources, slot in plot_actions(view, window):
            action = submenu.addAction(translate("PlotMenu", sources[several]))
            action.triggered.connect(lambda checked=False, slot=slot: slot())
    if not views:
        menu.addAction(translate("PlotMenu", NO_PLOT)).setEnabled(False)


class PlotMenu(QMenu):
    """The menu of one plot widget, kept with it (never deleted while an action's dialog
    runs), worded when it opens."""

    def __init__(self, view: pg.GraphicsView, window):
        super().__init__(view)
        from . import menus

        self._view = view
        self._worded = []
        for sources, slot in (*plot_actions(view, window),
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
        view.installEventFilter(self)

    def word(self) -> None:
        """Word the actions in the current language, "these plots" for a widget of several."""
        several = several_plots(self._view)
        for action, sources in self._worded:
            action.setText(translate("PlotMenu", sources[several]))

    def eventFilter(self, watched, event) -> bool:  # Qt override
        # the menu key (the platform sends it as a context menu event) or Shift+F10 (a key
        # on X11) over a plot with the focus (a click gave it)
        if ((event.type() == QEvent.ContextMenu
             and event.reason() == QContextMenuEvent.Keyboard)
                or (event.type() == QEvent.KeyPress and event.key() == Qt.Key_F10
                    and event.modifiers() == Qt.ShiftModifier)):
            self.word()
            self.popup(self._view.mapToGlobal(self._view.rect().center()))
            return True
        return False

    def _on_click(self, event) -> None:
        # (not only a click no item took: a legend's sample takes every button)
        if event.button() != Qt.RightButton or event.double():
            return
        event.accept()
        self.word()
        self.popup(event.screenPos().toPoint())
