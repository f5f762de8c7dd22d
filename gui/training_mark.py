"""The Training tab's mark in the tab bar. A session trains on while other tabs are shown,
and from them nothing had told that it ran, nor that it had ended or stopped (a tour).

While a session runs, the tab shows a pie of the steps done (a badge beside its name); a
session that ends (its last step) while another tab is shown leaves a tick until the tab is
shown again or a new session replaces it, one that stops (it diverged, failed, or its runs
could no longer be made: a network made too large on the Network tab) a "!" until the tab is
shown again. The tab's tooltip then says the step and the tab's status line, or why it
stopped.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from . import theme
from .training_runs import all_diverged
from .training_session import DONE, IDLE, RUNNING

SLICES = 32   # the pie is drawn anew when its share moves by a 32nd (the bar is laid out anew)
ENDED, STOPPED = "ended", "stopped"


class TrainingMark(QObject):
    """Marks tab `index` of `tabs` (a `LazyTabs`) by the state of `view` (the Training
    tab), told by its `stateShown` and its session's `failed`."""

    def __init__(self, tabs, index: int, view):
        super().__init__(tabs)
        self._tabs, self._index, self._view = tabs, index, view
        self._state = view.session.state()
        self._unseen: str | None = None   # ENDED or STOPPED while another tab showed
        self._note = ""
        self._icons: dict[tuple, QIcon] = {}
        view.stateShown.connect(self.update)
        view.session.failed.connect(self._on_failed)
        tabs.currentChanged.connect(lambda index: self.update())
        self.update()

    def kind(self) -> tuple | None:
        """What the mark shows: ("running", 32nds done), (ENDED,), (STOPPED,), or None (the
        tab shown has its own progress bar and status)."""
        session = self._view.session
        if session.state() == RUNNING and not self._seen():
            total = session.total()
            return "running", min(SLICES * session.step() // total, SLICES) if total else 0
        return (self._unseen,) if self._unseen is not None else None

    def update(self) -> None:
        """The mark anew: the view's state shown anew, or another tab shown."""
        session = self._view.session
        state, was = session.state(), self._state
        self._state = state
        if self._seen() or state == RUNNING:
            self._unseen = None
        elif state == IDLE:   # a new session (the window's network changed): what ended is
            if self._unseen == ENDED:   # gone; a stop is still to be told, with its reason
                self._unseen = None
        elif was == RUNNING:   # (not by Pause, which is on the tab: its end, a failure, or
            diverged = all_diverged(session.chunk())   # a network made too large to train)
            self._unseen = ENDED if state == DONE and not diverged else STOPPED
        if state != IDLE or self._unseen is None:
            self._note = f"{self._view.progress.text()} · {self._view.status.text()}"
        kind = self.kind()
        self._tabs.set_mark(self._index, None if kind is None else self._icon(kind),
                            "" if kind is None else self._note)

    def _seen(self) -> bool:
        return self._tabs.currentIndex() == self._index

    def _on_failed(self, failure) -> None:
        """Also a failure of a session not running (a finished one's last regions, or the
        few steps Pause runs on to a logged step), after the view has said it."""
        if not self._seen():
            self._unseen = STOPPED
            self.update()

    def _icon(self, kind: tuple) -> QIcon:
        palette = self._tabs.palette()
        key = (kind, palette.color(QPalette.Highlight).rgba())
        icon = self._icons.get(key)
        if icon is None:
            icon = self._icons[key] = mark_icon(kind, theme.pixels(self._tabs.tabBar().BADGE),
                                                self._tabs.devicePixelRatioF(), palette)
        return icon


def mark_icon(kind: tuple, size: int, ratio: float, palette: QPalette) -> QIcon:
    """A round mark `size` pixels across, drawn at 1×, 2× and `ratio` device pixels to one (a
    window moved to another screen): a pie of kind[1] 32nds in the palette's highlight, a
    green disc with a tick (ENDED), a red one with "!" (STOPPED)."""
    icon = QIcon()
    for scale in sorted({1.0, 2.0, ratio}):
        icon.addPixmap(_mark_pixmap(kind, size, scale, palette))
    return icon


def _mark_pixmap(kind: tuple, size: int, ratio: float, palette: QPalette) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    disc = QRectF(1.5, 1.5, size - 3, size - 3)
    if kind[0] == "running":
        highlight = palette.color(QPalette.Highlight)
        painter.setPen(QPen(highlight, 1.2))
        painter.setBrush(Qt.NoBrush)
        painter.drawEllipse(disc)
        painter.setPen(Qt.NoPen)
        painter.setBrush(highlight)
        painter.drawPie(disc, 90 * 16, -round(360 * 16 * kind[1] / SLICES))
    else:
        ended = kind[0] == ENDED
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(theme.VERDICT_COLORS["stable"] if ended else theme.INVALID))
        painter.drawEllipse(disc)
        painter.setPen(QPen(Qt.white, max(1.5, size / 9), Qt.SolidLine, Qt.RoundCap,
                            Qt.RoundJoin))
        if ended:
            path = QPainterPath(QPointF(0.3 * size, 0.52 * size))
            path.lineTo(0.45 * size, 0.67 * size)
            path.lineTo(0.71 * size, 0.36 * size)
            painter.drawPath(path)
        else:
            painter.drawLine(QPointF(size / 2, 0.27 * size), QPointF(size / 2, 0.58 * size))
            painter.drawPoint(QPointF(size / 2, 0.74 * size))
    painter.end()
    return pixmap
