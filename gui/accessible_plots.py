"""What a screen reader says for a plot widget: a graphic named by its plots' titles, as they
show now (in the window's language, with the config's words), read when it asks.

Qt's accessibility layer asks `plot_interface` (installed once with
`QAccessible.installFactory`) for every pyqtgraph view; other widgets keep Qt's own.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import QAccessibleWidget

from .typeset import html_scripts

_installed = False


class PlotInterface(QAccessibleWidget):
    """A plot widget as a graphic whose name is its titles ("Forward: …; Backward: …")."""

    def __init__(self, view: pg.GraphicsView):
        super().__init__(view, QAccessible.Graphic)

    def text(self, kind):  # Qt override
        if kind == QAccessible.Name:
            return plot_titles(self.widget())
        return super().text(kind)


def plot_titles(view: pg.GraphicsView) -> str:
    """The titles of `view`'s visible plots, in plain text (sub- and superscripts in
    Unicode), top left first; a view without titled plots (the decision regions) says its
    own accessible name."""
    plots = [item for item in view.scene().items()
             if isinstance(item, pg.PlotItem) and not isinstance(item, pg.ColorBarItem)
             and item.isVisible() and item.titleLabel.isVisible() and item.titleLabel.text]
    plots.sort(key=lambda plot: (round(plot.scenePos().y()), plot.scenePos().x()))
    return "; ".join(QTextDocumentFragment.fromHtml(html_scripts(plot.titleLabel.text))
                     .toPlainText() for plot in plots) or view.accessibleName()


def plot_interface(_class_name: str, widget):
    return PlotInterface(widget) if isinstance(widget, pg.GraphicsView) else None


def install() -> None:
    """Name the plots for screen readers (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(plot_interface)
        _installed = True
