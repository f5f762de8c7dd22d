"""Words in the middle of a plot that has nothing to draw: why (batch 1 has no variance over
the batch; the Monte Carlo waits for F5, was cancelled, failed or still runs). A grey ground
alone says nothing: a held run's three maps were empty and silent, its reason only in the
status bar (a new user's tour)."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption

Note = str | Callable[[], str]   # a text, or a function wording it in the current language


class EmptyNote:
    """A text over `plot`, centred in its view however the view is zoomed or panned; `set`
    gives it ("" hides it), `reword` words it again (a change of language)."""

    def __init__(self, plot: pg.PlotItem):
        self.item = pg.TextItem(anchor=(0.5, 0.5), color="#333")
        self.item.setZValue(30)   # over the image and its marks
        self.item.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignCenter))
        plot.addItem(self.item, ignoreBounds=True)
        self.item.hide()
        self._box = plot.getViewBox()
        self._box.sigRangeChanged.connect(lambda *_: self._place())
        self._note: Note = ""

    def set(self, note: Note) -> None:
        self._note = note
        self.reword()

    def reword(self) -> None:
        note = self._note() if callable(self._note) else self._note
        self.item.setVisible(bool(note))
        if note:
            self.item.setText(note)
            # each line centred in the widest (a width of their own); through the TextItem,
            # which anchors the text anew (the inner item's left it off-centre by the last
            # text's width, a review)
            self.item.setTextWidth(-1)
            self.item.setTextWidth(self.item.textItem.document().idealWidth())
            self._place()

    def text(self) -> str:
        """The words shown ("" when hidden)."""
        return self.item.toPlainText() if self.item.isVisible() else ""

    def _place(self) -> None:
        if self.item.isVisible():
            self.item.setPos(self._box.viewRect().center())
