"""Hover readouts: while the mouse is over a plot's data, a text in a corner of the plot away
from the mouse (the top one, or the bottom one where it hides fewer curves) says what is under
it (the layer, the value in decades and as a plain number, the unit).

Each plot gives a `describe(x, y)` that reads the data it shows and words it (`gui.texts`,
`gui.analysis_texts`); this module only follows the mouse and places the text, hidden again when
the mouse leaves.
"""

from __future__ import annotations

import re
import types
import weakref
from typing import Callable

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QObject

from .figures import for_the_mouse
from .typeset import kept_relations

_POWER = re.compile(r"\^\{([^}]*)\}")


def html(text: str) -> str:
    """A readout's text as rich text: 10^{−37.2} → 10<sup>−37.2</sup>, no line break beside a
    relation (a tour, in Chinese: "… 个数量级 =" over "0.184")."""
    return _POWER.sub(r"<sup>\1</sup>", kept_relations(text))


class HoverText(QObject):
    """Shows `describe(x, y)` (view coordinates → rich text, or "" for nothing) in a top corner
    of `plot` while the mouse is over its view box."""

    def __init__(self, widget: pg.GraphicsView, plot: pg.PlotItem,
                 describe: Callable[[float, float], str],
                 curves: Callable[[], list] | None = None):
        super().__init__(widget)
        # weakly: the plot owns this object and must not be kept alive by it once closed
        self.plot, self._describe = plot, weakref.WeakMethod(describe)
        # (a bound method weakly, as `describe`; a plain function as it is)
        self._curves = (None if curves is None else weakref.WeakMethod(curves)
                        if isinstance(curves, types.MethodType) else (lambda: curves))
        self.item = pg.TextItem(anchor=(0, 0), color="k", fill=pg.mkBrush(255, 255, 255, 225))
        self.item.setZValue(100)
        self.item.hide()
        for_the_mouse(self.item)
        plot.addItem(self.item, ignoreBounds=True)
        widget.scene().sigMouseMoved.connect(self.move_to)
        widget.viewport().installEventFilter(self)

    def move_to(self, scene_pos) -> None:
        """The mouse is at `scene_pos`: say what is there, or hide."""
        box = self.plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            self.item.hide()
            return
        point = box.mapSceneToView(scene_pos)
        describe = self._describe()
        text = describe(point.x(), point.y()) if describe is not None else ""
        if not text:
            self.item.hide()
            return
        (x0, x1), (y0, y1) = box.viewRange()
        self.item.setHtml(html(text))
        # wrapped to the plot's width rather than cut at its edge ("… = 10" without its
        # exponent), and in a corner away from the mouse, never over what it reads: the top
        # one, or the bottom one where it hides fewer of the `curves`' points (in a short
        # profile the top one hid the backward curve from layer 19 to 42)
        self.item.setTextWidth(-1)
        if self.item.textItem.boundingRect().width() > box.width():
            self.item.setTextWidth(box.width())
        right = point.x() < (x0 + x1) / 2
        corners = [((1, 0) if right else (0, 0), y1)]
        source = self._curves() if self._curves is not None else None
        curves = source() if source is not None else None
        if curves:
            corners.append(((1, 1) if right else (0, 1), y0))
        hidden = []
        if len(corners) > 1:   # a hidden TextItem keeps the transform it had: measured wrong
            self.item.show()
            self.item.updateTransform(force=True)
        for anchor, y in corners:
            self.item.setAnchor(anchor)
            self.item.setPos(x1 if right else x0, y)
            hidden.append(self._hidden_points(curves) if len(corners) > 1 else 0)
        if hidden[0] <= hidden[-1]:   # ties: the top corner, where it usually is
            self.item.setAnchor(corners[0][0])
            self.item.setPos(x1 if right else x0, corners[0][1])
        self.item.show()

    def _hidden_points(self, curves) -> int:
        """How many of `curves`' points lie under the text where it stands now."""
        rect = self.item.mapRectToView(self.item.boundingRect())
        count = 0
        for curve in curves:
            if not curve.isVisible():
                continue
            x, y = curve.getData()
            if x is None or not len(x):
                continue
            count += int(((x >= rect.left()) & (x <= rect.right())
                          & (y >= rect.top()) & (y <= rect.bottom())).sum())
        return count

    def text(self) -> str:
        """The readout shown now ("" when hidden)."""
        return self.item.textItem.toPlainText() if self.item.isVisible() else ""

    def eventFilter(self, watched, event) -> bool:  # Qt override: the mouse left the plot
        # (pyqtgraph's close() deletes the scene's items, then swaps the viewport, which sends
        # a last Leave: an exception here would crash shiboken while it reports it)
        if event.type() == QEvent.Leave and shiboken6.isValid(self.item):
            self.item.hide()
        return False
