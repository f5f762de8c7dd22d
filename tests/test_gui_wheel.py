"""The mouse wheel over a field or a plot of a page that scrolls scrolls the page; a field
takes it when it has the focus or when nothing around it scrolls (gui.wheel_guard)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsView, QScrollArea

from gui.window_tabs import ACTIVATION_TAB, TRAINING_TAB


def turn(widget, notches: int = -1) -> None:
    """One wheel turn over the middle of `widget`, as Qt delivers it to the widget under the
    mouse (a synthetic event is not passed on to the parents, so it is sent to the field)."""
    at = QPointF(widget.width() / 2, widget.height() / 2)
    QApplication.sendEvent(widget, QWheelEvent(
        at, widget.mapToGlobal(at), QPoint(0, 0), QPoint(0, 120 * notches), Qt.NoButton,
        Qt.NoModifier, Qt.NoScrollPhase, False))


def _column(window) -> QScrollArea:
    return next(a for a in window.findChildren(QScrollArea) if a.widget() is window.controls)


def test_the_wheel_over_the_controls_of_a_short_window_scrolls_them(window, qtbot):
    """An audit: at 900 × 450 one notch over the activation turned tanh into relu, one over
    init Xavier into He, and the column did not move."""
    window.resize(900, 450)
    window.tabs.setFocus()
    qtbot.waitUntil(lambda: _column(window).verticalScrollBar().maximum() > 0)
    bar = _column(window).verticalScrollBar()
    before = window.config()
    for key in ("activation", "init", "depth", "gain"):
        field = window.controls.widget(key)
        assert field.focusPolicy() == Qt.StrongFocus   # (a click or Tab, not the wheel)
        turn(field)
    assert window.config() == before and bar.value() > 0
    turn(window.controls.widget("depth"), notches=4)   # back up: the column scrolls back
    assert bar.value() == 0 and window.config() == before
    field = window.controls.widget("depth")
    field.setFocus()   # the window's first focus (a review: the depth box took the wheel)
    turn(field)
    assert window.config() == before and bar.value() > 0
    QTest.mouseClick(field.lineEdit(), Qt.LeftButton)   # clicked: aimed at, it takes it
    turn(field)
    assert window.config().depth == before.depth - 1
    activation = window.controls.widget("activation")
    activation.setFocus(Qt.TabFocusReason)   # so does a field Tab went to
    turn(activation)
    assert window.config().activation != before.activation


def test_in_a_window_where_nothing_scrolls_the_wheel_still_turns_the_gain(window):
    """The wheel over the gain box streams its changes (issue: any stream of changes gets
    frames): where the column does not scroll the field takes the wheel, focused or not."""
    window.tabs.setFocus()
    assert _column(window).verticalScrollBar().maximum() == 0
    gain = window.controls.widget("gain")
    assert not gain.hasFocus()
    turn(gain)
    assert window.config().gain < 1.0


@pytest.mark.parametrize("tab", [TRAINING_TAB, ACTIVATION_TAB])
def test_the_wheel_over_a_short_pages_fields_and_plots_scrolls_the_page(window, qtbot, tab):
    """An audit: on a scrolled Training tab a wheel turn over the optimizer made Adam momentum
    and threw away the finished run; over its plots and the Activation tab's the wheel was
    swallowed, and the page stayed where it was."""
    window.resize(900, 450)
    window.tabs.setCurrentIndex(tab)
    window.tabs.setFocus()
    page = window.tabs.page(tab)
    field = (page.fields.bindings["optimizer"].widget if tab == TRAINING_TAB
             else page.range_box)
    areas = [a for a in page.findChildren(QScrollArea) + [page.parentWidget().parentWidget()]
             if a.isAncestorOf(field)]   # the page's (the Training tab has one of its own)
    qtbot.waitUntil(lambda: any(a.verticalScrollBar().maximum() > 0 for a in areas))
    bar = next(a for a in areas if a.verticalScrollBar().maximum() > 0).verticalScrollBar()
    before = field.currentIndex()
    turn(field)
    assert field.currentIndex() == before and bar.value() > 0
    bar.setValue(0)
    qtbot.waitUntil(lambda: any(v.isVisible() for v in page.findChildren(QGraphicsView)))
    plot = next(v for v in page.findChildren(QGraphicsView) if v.isVisible())
    turn(plot.viewport())
    assert bar.value() > 0
