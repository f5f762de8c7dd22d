"""Words in the middle of a plot that has nothing to draw: why (batch 1 has no variance over
the batch; the Monte Carlo waits for F5, was cancelled, failed or still runs). A grey ground
alone says nothing: a held run's three maps were empty and silent, its reason only in the
status bar (a new user's tour)."""

from __future__ import annotations

import html
from collections.abc import Callable

import pyqtgraph as pg

Note = str | Callable[[], str]   # a text, or a function wording it in the current language


class EmptyNote:
    """A text over `plot`, centred in its view however the view is zoomed or panned; `set`
    gives it ("" hides it), `reword` words it again (a change of language)."""

    def __init__(self, plot: pg.PlotItem):
        self.item = pg.TextItem(anchor=(0.5, 0.5), color="#333")
        self.item.setZValue(30)   # over the image and its marks
        plot.addItem(self.item, ignoreBounds=True)
        self.item.hide()
        self._box = plot.getViewBox()
        self._box.sigRangeChanged.connect(lambda *_: self._place())
        self._note: Note = ""
        self._worded = ""   # the words shown, as last worded

    def set(self, note: Note) -> None:
        self._note = note
        self.reword()

    def reword(self) -> None:
        note = self._worded = self._note() if callable(self._note) else self._note
        self.item.setVisible(bool(note))
        if note:
            # each line centred in the widest (a width of their own), set through the
            # TextItem, which anchors the text anew (the inner item's left it off-centre by
            # the last text's width, a review); by markup, not the text's document, whose
            # Python wrapper would live as long as the note (a long session's count of them)
            self.item.setHtml('<div align="center">{}</div>'.format(
                html.escape(note).replace("\n", "<br>")))
            self.item.setTextWidth(-1)
            self.item.setTextWidth(self.item.textItem.boundingRect().width())
            self._place()

    def text(self) -> str:
        """The words shown ("" when hidden)."""
        return self._worded if self.item.isVisible() else ""

    def _place(self) -> None:
        if self.item.isVisible():
            self.item.setPos(self._box.viewRect().center())
