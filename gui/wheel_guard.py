"""The mouse wheel over a field or a plot of a scrolling page scrolls the page.

A spin box, combo box, slider or plot takes the wheel when it has the focus from a click, Tab
or a shortcut, or when nothing around it can scroll that way (a tall window: the wheel over
the gain box then streams its changes, as before). Otherwise the wheel goes to the nearest
scroll area that can scroll: at 900 × 450 one notch over the controls had turned tanh into
relu and Xavier into He, and one over the Training tab's optimizer had thrown away a finished
run, while the page stayed where it was. Such fields take the focus on a click or Tab, not on
the wheel (Qt's WheelFocus gave it to the field the wheel passed over); the focus the window
gives its first field when it opens is not a click (the depth box had taken the wheel).

Nor do the fields take PageUp and PageDown, which a presenter's remote sends for the next
slide: the depth box, focused at launch, went from 50 to 40 at a lecturer's first click, the
gain from 1 to 0.32, unsaid (a lecturer's tour). The keys go to the window's shortcuts
instead: the lesson's steps, when it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QComboBox,
                               QGraphicsView, QScrollBar, QWidget)

FIELDS = (QAbstractSpinBox, QComboBox, QAbstractSlider)
PAGE_KEYS = (Qt.Key_PageUp, Qt.Key_PageDown)


class _Guard(QObject):
    """The event filter of the fields (and a box's line edit) and of the plots (and their
    viewports) that `guard` watches."""

    def eventFilter(self, watched, event) -> bool:  # Qt override
        kind = event.type()
        if kind in (QEvent.ShortcutOverride, QEvent.KeyPress) and event.key() in PAGE_KEYS:
            event.ignore()   # (not the field's: a shortcut may take it, else nothing does)
            return kind == QEvent.KeyPress
        if kind == QEvent.FocusIn:   # aimed at: a click, Tab or a key, not the window's
            watched.setProperty("wheel_aimed", event.reason() in _AIMED)   # first focus
        elif kind == QEvent.MouseButtonPress:   # (clicked while it had that first focus)
            _owner(watched).setProperty("wheel_aimed", True)
        elif kind == QEvent.Wheel:
            owner = _owner(watched)
            if owner.hasFocus() and owner.property("wheel_aimed"):
                return False
            delta = event.angleDelta()
            bar = _scrollable(owner, abs(delta.y()) >= abs(delta.x()))
            if bar is not None:   # (else nothing scrolls: the field takes it)
                QCoreApplication.sendEvent(bar, event)
                return True
        return False


def _owner(watched: QWidget) -> QWidget:
    """The field or plot whose focus counts: a box's own line edit is the box's, a plot's
    viewport (which the mouse reaches) the plot's."""
    parent = watched.parentWidget()
    if isinstance(parent, QGraphicsView) or (
            isinstance(parent, FIELDS) and not watched.property("wheel_guarded")):
        return parent
    return watched


_GUARD = _Guard()
_AIMED = (Qt.MouseFocusReason, Qt.TabFocusReason, Qt.BacktabFocusReason, Qt.ShortcutFocusReason)


def guard(widget: QWidget) -> None:
    """The fields and plots in `widget` (its own included) pass the wheel to a page that can
    scroll unless a click, Tab or a key aimed at them; again for the same, it does nothing."""
    fields = [field for kind in FIELDS for field in widget.findChildren(kind)]
    if isinstance(widget, FIELDS):
        fields.append(widget)
    for field in fields:
        if field.property("wheel_guarded") or isinstance(field, QScrollBar):
            continue   # (a scroll bar is what the wheel is passed to)
        field.setProperty("wheel_guarded", True)
        if field.focusPolicy() == Qt.WheelFocus:
            field.setFocusPolicy(Qt.StrongFocus)
        field.installEventFilter(_GUARD)
        edit = field.lineEdit() if hasattr(field, "lineEdit") else None
        if edit is not None:
            edit.installEventFilter(_GUARD)
    # a plot too: the Training and Activation tabs' plots, which do not zoom, had swallowed
    # the wheel, and the page did not scroll (the Network tab's zoom where the page is still)
    for view in widget.findChildren(QGraphicsView):
        if not view.viewport().property("wheel_guarded"):
            view.viewport().setProperty("wheel_guarded", True)
            view.viewport().installEventFilter(_GUARD)
            view.installEventFilter(_GUARD)   # (its focus: the view's, not the viewport's)


def _scrollable(widget: QWidget, vertical: bool):
    """The scroll bar of the nearest scroll area around `widget` that can move that way."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, FIELDS):
            bar = parent.verticalScrollBar() if vertical else parent.horizontalScrollBar()
            if bar.maximum() > bar.minimum() and bar.isEnabled():
                return bar
        parent = parent.parentWidget()
    return None
