"""A tab widget whose pages are made on first use: a tab never opened costs nothing, and the
window opens faster. Until then a tab holds an empty placeholder."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QTabBar, QTabWidget, QWidget

from . import theme
from .i18n import translate


class FocusRingTabBar(QTabBar):
    """A tab bar whose current tab, focused from the keyboard, shows `theme.focus_ring`."""

    def paintEvent(self, event) -> None:  # Qt override
        super().paintEvent(event)
        if theme.keyboard_focus(self) and self.currentIndex() >= 0:
            painter = QPainter(self)
            theme.focus_ring(self, painter, self.tabRect(self.currentIndex()).adjusted(2, 2, -2, -1))
            painter.end()


class LazyTabs(QTabWidget):
    """Tabs named by source text of the "MainWindow" context (re-worded by `retranslate`)."""

    pageMade = Signal(int, object)   # (index, page): a page made by its maker, just put in

    def __init__(self, names: tuple[str, ...], parent=None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setTabBar(FocusRingTabBar(self))
        self._names = names
        self._make: dict[int, object] = {}
        self._made: dict[int, QWidget] = {}
        for _ in names:
            self.addTab(QWidget(), "")

    def set_page(self, index: int, widget: QWidget) -> None:
        """A page made at once."""
        self._made[index] = widget
        self._put(index, widget)

    def set_maker(self, index: int, make) -> None:
        """`make()` makes the page at `index` when it is first asked for (`page`)."""
        self._make[index] = make

    def page(self, index: int) -> QWidget:
        """The page at `index`, made now if not yet."""
        widget = self._made.get(index)
        if widget is None:
            widget = self._made[index] = self._make[index]()
            self._put(index, widget)
            self.pageMade.emit(index, widget)
        return widget

    def made(self, index: int) -> QWidget | None:
        return self._made.get(index)

    def retranslate(self) -> None:
        for index, name in enumerate(self._names):
            self.setTabText(index, translate("MainWindow", name))

    def _put(self, index: int, widget: QWidget) -> None:
        """In place of the placeholder, the current tab kept and no currentChanged sent."""
        placeholder, current = self.widget(index), self.currentIndex()
        blocked = self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, widget, translate("MainWindow", self._names[index]))
        self.setCurrentIndex(current)
        self.blockSignals(blocked)
        placeholder.deleteLater()
