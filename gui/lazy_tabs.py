"""A tab widget whose pages are made on first use: a tab never opened costs nothing, and the
window opens faster. Until then a tab holds an empty placeholder.

Each page lies in a scroll area of its own that scrolls only where the window is smaller than
the page's minimum: the pages' minimums (plots a student can still read) no longer set the
window's, which at 125 % scaling on a 1366 × 768 laptop, or with a 14 pt desktop font, was
taller than the screen, its status bar out of reach. The wheel over its fields scrolls it
(`gui.wheel_guard`)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QTabBar, QTabWidget, QWidget

from . import theme, wheel_guard
from .i18n import translate


class FocusRingTabBar(QTabBar):
    """A tab bar whose current tab, focused from the keyboard, shows `theme.focus_ring`, and
    from which Tab goes into the page shown: a page made when first opened has its fields at
    the end of the window's order, and Tab had gone from the tab bar to the Lesson button in
    the top-right corner first (an audit). (Not by `setTabOrder`: moving the pages' chains
    there crashed a later language change.) A tab may carry a badge (`set_badge`), drawn in
    its right padding: as a tab icon it widened the tab, and at 1024 pixels with the lesson
    open every name was shortened and cut ("Netw…", "Tr…") while it showed (a tour)."""

    BADGE = 10   # pixels across at the design font (a tab's padding is 12)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._badges: dict[int, QIcon] = {}

    def set_badge(self, index: int, icon: QIcon | None) -> None:
        """Tab `index`'s badge (None: none); no tab moves."""
        if icon is None:
            self._badges.pop(index, None)
        else:
            self._badges[index] = icon
        self.update()

    def badge(self, index: int) -> QIcon | None:
        return self._badges.get(index)

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt override
        tabs = self.parentWidget()
        page = tabs.current_page() if next and isinstance(tabs, LazyTabs) else None
        first = _first_field(page) if page is not None else None
        if first is None:
            return super().focusNextPrevChild(next)
        first.setFocus(Qt.TabFocusReason)
        return True

    def paintEvent(self, event) -> None:  # Qt override
        super().paintEvent(event)
        painter = QPainter(self)
        if theme.keyboard_focus(self) and self.currentIndex() >= 0:
            theme.focus_ring(self, painter, self.tabRect(self.currentIndex()).adjusted(2, 2, -2, -1))
        size = theme.pixels(self.BADGE)
        for index, icon in self._badges.items():
            if index < self.count():
                rect = self.tabRect(index)
                icon.paint(painter, QRect(rect.right() - size - 1, rect.center().y() - size // 2,
                                          size, size))
        painter.end()


class PageScroll(QScrollArea):
    """A page's scroll area: the page fills it down to its minimum size, then scrolls. Sized
    here, not by `widgetResizable`: that gives a page whose layout has a height for its width
    (wrapped text) its preferred height, and the plots scrolled where they had shrunk."""

    def __init__(self, page: QWidget):
        super().__init__(objectName="page_scroll")
        self.setFrameShape(QFrame.NoFrame)
        self.setFocusPolicy(Qt.NoFocus)   # the page's own widgets take the focus, in order
        self._fitted: tuple = ()   # the page's minimums when last fitted (`_minimums`)
        self._fitted_width = 0
        self.setWidget(page)
        QApplication.instance().focusChanged.connect(self._show_focus)

    def focusNextPrevChild(self, next: bool) -> bool:  # Qt override
        """Shift+Tab from the page's first field goes back to the tab bar, which Tab came
        from (`FocusRingTabBar`), not to the end of the window's order."""
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, LazyTabs):
            tabs = tabs.parentWidget()
        if not next and tabs is not None and self.widget() is not None \
                and QApplication.focusWidget() is _first_field(self.widget()):
            tabs.tabBar().setFocus(Qt.BacktabFocusReason)
            return True
        return super().focusNextPrevChild(next)

    def _show_focus(self, _old, new) -> None:
        """A field given the focus from the keyboard scrolled into view: at 900 × 450 Tab put
        it in the readout while the page stayed at its top, out of sight. (Not on a click: the
        page would move under the pointer.)"""
        if new is not None and self.isVisible() and self.widget().isAncestorOf(new) \
                and theme.keyboard_focus(new):
            self.ensureWidgetVisible(new, 8, 8)

    def showEvent(self, event) -> None:  # Qt override
        super().showEvent(event)
        wheel_guard.guard(self.widget())   # (and the fields a page made since)

    def fit(self) -> None:
        """The page at the viewport's size, at least its minimum (its height at that width:
        a wrapped caption is taller on a narrower page); the scroll bars that this needs
        decided at once, the first of none, down, across, both that is consistent (no bar
        shown, then taken away)."""
        least = self._least()
        room = self.maximumViewportSize()
        across = self.verticalScrollBar().sizeHint().width()
        down = self.horizontalScrollBar().sizeHint().height()
        for tall, wide in ((False, False), (True, False), (False, True), (True, True)):
            width = room.width() - (across if tall else 0)
            height = room.height() - (down if wide else 0)
            need = self._least_height(max(width, least.width()))
            if (need > height) == tall and (least.width() > width) == wide:
                break
        width = max(width, least.width())
        self._fitted_width = width
        self._fitted = self._minimums()
        size = QSize(width, max(height, need))
        if size != self.widget().size():
            self.widget().resize(size)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched, event) -> bool:  # Qt override: the page's minimum changed
        handled = super().eventFilter(watched, event)
        if watched is self.widget() and event.type() == QEvent.LayoutRequest \
                and self._minimums() != self._fitted:
            # (only then, measured at the width fitted: a request handled while a figure lays
            # the page out at a slide's size had sized it back to the viewport, a review)
            self.fit()
        return handled

    def _least(self) -> QSize:
        page = self.widget()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def _least_height(self, width: int) -> int:
        """The page's least height at `width` (its layout's, where its height depends on its
        width: a tour at 911 × 440 found the captions of four tabs drawn over their plots)."""
        page = self.widget()
        layout = page.layout()
        least = self._least().height()
        if layout is not None and layout.hasHeightForWidth():
            least = max(least, layout.minimumHeightForWidth(width))
        return least

    def _minimums(self) -> tuple:
        return self._least(), self._least_height(self._fitted_width)


class LazyTabs(QTabWidget):
    """Tabs named by source text of the "MainWindow" context (re-worded by `retranslate`);
    where the full names do not fit the width, the `short` ones (None: as the full one)
    take their place, the full name in the tab's tooltip (a window of 1024 pixels with the
    lesson open scrolled its tabs, two of seven out of sight). `page` and `current_page` give
    pages, `setCurrentWidget` takes one; Qt's `widget` and `currentWidget` give the tab's
    `PageScroll` around it."""

    pageMade = Signal(int, object)   # (index, page): a page made by its maker, just put in

    def __init__(self, names: tuple[str, ...], parent=None,
                 short: tuple[str | None, ...] | None = None, **kwargs):
        super().__init__(parent, **kwargs)
        self.setTabBar(FocusRingTabBar(self))
        # narrower still: every tab in sight, its name elided; and narrower than Qt elides
        # them, scroll buttons, not a least width that pushed the window past a small
        # screen's edge (a large-font tour: the lesson's Next button off a 1024-pixel screen)
        self.setUsesScrollButtons(True)
        self.setElideMode(Qt.ElideRight)
        self._names = names
        self._short = short or (None,) * len(names)
        self._shortened = False
        self._notes: dict[int, str] = {}   # (`set_mark`)
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

    def setCurrentWidget(self, widget: QWidget) -> None:  # Qt override: a page shown
        for index, page in self._made.items():   # (the tab holds its scroll area)
            if page is widget:
                self.setCurrentIndex(index)
                return
        super().setCurrentWidget(widget)

    def current_page(self) -> QWidget | None:
        """The page shown (not its scroll area); None before it is made."""
        return self._made.get(self.currentIndex())

    def full_name(self, index: int) -> str:
        """Tab `index`'s full name in the current language (whichever name it shows)."""
        return translate("MainWindow", self._names[index])

    def set_mark(self, index: int, icon: QIcon | None, note: str = "") -> None:
        """Tab `index` marked by `icon`, a badge (None: unmarked), `note` in its tooltip (below
        its full name where a short one shows): what its page does while it is not shown."""
        self._notes[index] = note
        self.setTabToolTip(index, self._tip(index))
        bar = self.tabBar()
        if icon is not None or bar.badge(index) is not None:
            bar.set_badge(index, icon)

    def mark(self, index: int) -> QIcon | None:
        """Tab `index`'s mark (`set_mark`)."""
        return self.tabBar().badge(index)

    def _tip(self, index: int) -> str:
        lines = (self.full_name(index) if self._shortened else "", self._notes.get(index, ""))
        return "\n".join(line for line in lines if line)

    def retranslate(self) -> None:
        self._shortened = False
        for index in range(len(self._names)):
            self.setTabText(index, self.full_name(index))
            self.setTabToolTip(index, self._tip(index))
        self._fit_names()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_names()

    def _fit_names(self) -> None:
        """The short names where the full ones would not fit (the class docstring)."""
        bar = self.tabBar()
        metrics = bar.fontMetrics()
        # each tab's room beside its text (padding, frame), as the style gives it now
        pads = [bar.tabSizeHint(i).width() - metrics.horizontalAdvance(bar.tabText(i))
                for i in range(bar.count())]
        full = sum(pad + metrics.horizontalAdvance(self.full_name(i))
                   for i, pad in enumerate(pads))
        shorten = full > self.width() - 4
        if shorten == self._shortened:
            return
        self._shortened = shorten
        for index, short in enumerate(self._short):
            if short is not None:
                name = translate("MainWindow", short) if shorten else self.full_name(index)
                self.setTabText(index, name)
            # (narrower still, every name may be elided)
            self.setTabToolTip(index, self._tip(index))

    def _put(self, index: int, widget: QWidget) -> None:
        """In place of the placeholder, the current tab kept and no currentChanged sent."""
        placeholder, current = self.widget(index), self.currentIndex()
        name, tip = self.tabText(index), self.tabToolTip(index)
        blocked = self.blockSignals(True)
        self.removeTab(index)
        self.insertTab(index, PageScroll(widget), name)
        self.setTabToolTip(index, tip)
        self.setCurrentIndex(current)
        self.blockSignals(blocked)
        placeholder.deleteLater()


def _first_field(page: QWidget) -> QWidget | None:
    """The first widget of `page` that Tab stops at, in the window's order."""
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None and widget is not page.window():
        if page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.TabFocus and widget.focusProxy() is None:
            return widget
        widget = widget.nextInFocusChain()
    return None
