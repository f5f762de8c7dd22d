"""What a screen reader says for a plot widget: a graphic named by its plots' titles, as they
show now (in the window's language, with the config's words), read when it asks; and for a
caption (`theme.reachable_caption`), its words with their indices (∂hᴸ/∂h⁰, not ∂hL/∂h0).

Qt's accessibility layer asks `plot_interface` (installed once with
`QAccessible.installFactory`) for every pyqtgraph view and caption; other widgets keep Qt's
own.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QTextDocumentFragment
from PySide6.QtWidgets import QAccessibleWidget, QLabel

from .i18n import translate
from .typeset import as_shown, html_scripts

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
    # (joined as the language joins them: "；" in Chinese)
    return translate("texts", "; ").join(plain_words(plot.titleLabel.text) for plot in plots) \
        or view.accessibleName()


class CaptionInterface(QAccessibleWidget):
    """A caption as static text named by its words, sub- and superscripts in Unicode."""

    def __init__(self, label: QLabel):
        super().__init__(label, QAccessible.StaticText)

    def text(self, kind):  # Qt override
        if kind in (QAccessible.Name, QAccessible.Value):
            label = self.widget()
            # (a plain-text caption as it is: "< 0.1 %" had been read as a tag, and cut)
            return (as_shown(label.text()) if label.textFormat() == Qt.PlainText
                    else plain_words(label.text()))
        return super().text(kind)


def plain_words(text: str) -> str:
    """Rich text as plain words, <sup>/<sub> as Unicode scripts, without the marks that keep
    formulas whole (`typeset.kept_formulas`)."""
    return as_shown(QTextDocumentFragment.fromHtml(html_scripts(text)).toPlainText())


def plot_interface(_class_name: str, widget):
    if isinstance(widget, pg.GraphicsView):
        return PlotInterface(widget)
    if isinstance(widget, QLabel) and widget.property("caption"):
        return CaptionInterface(widget)
    return None


def install() -> None:
    """Name the plots for screen readers (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(plot_interface)
        _installed = True
