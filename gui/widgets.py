"""Small widgets: a log slider, a combo box that follows its text, the height of rich text, a
wrapped label that keeps its room, the fields that leave Undo's keys to the window, and a
progress bar shown late (the number boxes are in gui/number_boxes.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import (QCoreApplication, QEvent, QObject, QPoint, QRect, QSize, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (QComboBox, QLabel, QPushButton, QSlider, QStyle,
                               QStyleOptionComboBox, QStyleOptionSlider, QStylePainter,
                               QVBoxLayout, QWidget)


# the mantissas a log slider lands on exactly where one is within half a step
ROUND = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10)


def is_round(value: float) -> bool:
    """`value` is one of `ROUND` times a power of ten (what a log slider lands on)."""
    if not value > 0:
        return False
    decade = math.floor(math.log10(value))
    return any(value == float(f"{m}e{decade}") for m in ROUND)


class LogSlider(QSlider):
    """A horizontal slider over [lo, hi] on a log scale; `logValueChanged` carries the value."""

    logValueChanged = Signal(float)

    def __init__(self, lo: float, hi: float, steps_per_decade: int = 100, parent=None):
        super().__init__(Qt.Horizontal, parent)
        self.steps = steps_per_decade
        self.setRange(round(math.log10(lo) * self.steps), round(math.log10(hi) * self.steps))
        self.setPageStep(self.steps // 10)
        self.valueChanged.connect(lambda v: self.logValueChanged.emit(self.to_log(v)))

    def to_log(self, position: int) -> float:
        """The value at `position`: the round number (`ROUND`) within half a step of it where
        there is one (a lecturer dragging to 2 got 1.995 and a readout of gain² = 3.98),
        else 10^(position/steps) to four digits."""
        exact = position / self.steps
        decade = math.floor(exact)
        for mantissa in ROUND:
            if abs(decade + math.log10(mantissa) - exact) <= 0.5 / self.steps:
                return float(f"{mantissa}e{decade}")
        return float(f"{10 ** exact:.4g}")

    def position_of(self, value: float) -> int:
        return round(math.log10(value) * self.steps)

    def mousePressEvent(self, event) -> None:  # Qt override
        """A left click on the groove puts the knob there and holds it, to drag on (Qt's
        default stepped it by a page towards the click: a lecturer, clicking gain 4, got
        1.26). Held first, so the jump and the drag after it are one press (one undo step)."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        style, point = self.style(), event.position().toPoint()
        handle = style.subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderHandle, self)
        if event.button() == Qt.LeftButton and self.isEnabled() and not handle.contains(point):
            groove = style.subControlRect(QStyle.CC_Slider, option, QStyle.SC_SliderGroove, self)
            span = groove.width() - handle.width()
            self.setSliderDown(True)
            self.setValue(QStyle.sliderValueFromPosition(
                self.minimum(), self.maximum(),
                round(point.x() - groove.x() - handle.width() / 2), max(span, 1)))
        super().mousePressEvent(event)

    def set_log_value(self, value: float) -> None:
        """Move the knob without emitting (values off the scale pin it to an end)."""
        blocked = self.blockSignals(True)
        self.setValue(self.position_of(value))
        self.blockSignals(blocked)


class FixedLines(QVBoxLayout):
    """A vertical layout without height for width (its word-wrapped labels have fixed
    heights): in a scroll area, it takes the view's height, not its preferred one."""

    def hasHeightForWidth(self) -> bool:  # Qt override
        return False


def focus_away_before_disabling(button: QWidget, to: QWidget) -> None:
    """Give the keyboard focus to `to` if `button`, about to be disabled, has it (pressed with
    Space): Qt would hand it on to the next widget in the chain, which the next Space then
    presses (the lesson's Next after Previous, a keyboard tour)."""
    if button.window().focusWidget() is button:
        to.setFocus(Qt.OtherFocusReason)


class WordedCombo(QComboBox):
    """A combo box sized to its items' text whenever it changes (Qt's default sizes it once,
    when first shown: items re-worded in a longer language were cut off); where it is given
    less room than its text (a least width of a few characters), the text ends in "…" (Qt
    cut it through a glyph: the Sweep tab's "随增益变化的E" at 1024 pixels with the lesson)."""

    def __init__(self, **kwargs):
        super().__init__(sizeAdjustPolicy=QComboBox.AdjustToContents, **kwargs)

    def sizeHint(self) -> QSize:  # Qt override: wide enough for its label's room
        # Qt's hint leaves the Fusion style's edit field a few pixels short of the longest
        # text, which `paintEvent` then elided beside free room (a tour: "log₁₀ χ₁（有序与爆…")
        hint = super().sizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(QPoint(0, 0), hint)
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())),
                     default=0)
        return hint + QSize(max(0, widest + 1 - self._room(option)), 0)   # (+1: rounding)

    def _room(self, option: QStyleOptionComboBox) -> int:
        """The label's room as the styles draw it: the edit field less a pixel each side, and
        less an icon and its gap (a review: the "…" itself was cut)."""
        room = self.style().subControlRect(QStyle.CC_ComboBox, option,
                                           QStyle.SC_ComboBoxEditField, self).width() - 2
        if not option.currentIcon.isNull():
            room -= option.iconSize.width() + 4
        return room

    def paintEvent(self, event) -> None:  # Qt override: as QComboBox paints, the text elided
        painter = QStylePainter(self)
        painter.setPen(self.palette().color(QPalette.Text))
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        if self.currentIndex() < 0 and self.placeholderText():
            option.palette.setBrush(QPalette.ButtonText, option.palette.placeholderText())
            option.currentText = self.placeholderText()
        option.currentText = self.fontMetrics().elidedText(option.currentText, Qt.ElideRight,
                                                           self._room(option))
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)


class RoomKeepingLabel(QLabel):
    """A word-wrapped label that keeps the height its longest text took at its width: a
    shorter text leaves the room, and the plot beside it does not grow and shrink under the
    pointer as the text changes (a tour: the phase diagram's map grew 35 pixels as a click's
    point took two lines instead of three). A new width, language, or `room` (what the room
    is kept for: another network, not another click) measures anew."""

    def __init__(self, **kwargs):
        super().__init__(wordWrap=True, **kwargs)
        self._room = None

    def setText(self, text: str, room=None) -> None:  # Qt override
        super().setText(text)
        self._grow(anew=room != self._room)
        self._room = room

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._grow(anew=True)

    def changeEvent(self, event) -> None:  # Qt override
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:   # (before or after its new words)
            self._room = None
            self._grow(anew=True)

    def _grow(self, anew: bool = False) -> None:
        """At least as tall as its text at its width (`anew`: the room kept given back first)."""
        if anew:
            self.setMinimumHeight(0)
        need = self.heightForWidth(self.width())
        if need > self.minimumHeight():
            self.setMinimumHeight(need)


def push_button(*args, **kwargs) -> QPushButton:
    """A push button that Enter and Return press when it has the focus, as Space does (Qt's
    buttons take Enter only in a dialog, where they are "auto default")."""
    button = QPushButton(*args, **kwargs)
    button.setAutoDefault(True)
    return button


def settle_layouts() -> None:
    """Lay out now what waits in posted layout requests (a layout activated may post one for
    its parent: a few rounds), for a figure painted before the event loop runs again."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)


def rich_lines_height(widget: QWidget, lines: int, sample: str) -> int:
    """The height of `lines` lines of rich text like `sample` (words in the window's
    language) in `widget`'s font, superscripts and subscripts included: Chinese glyphs come
    from a fallback font taller than the widget's own, so its line spacing alone cut the last
    line off."""
    doc = text_document(widget.font(),
                        "<br>".join([f"{sample}<sup>0</sup><sub>t</sub>"] * lines))
    return math.ceil(doc.size().height())


def rich_text_height(label) -> int:
    """The height the rich text of `label` takes at its width (whatever room it is given)."""
    return math.ceil(text_document(label.font(), label.text(), label.width()).size().height())


def text_document(font, html: str | None = None, width: float | None = None,
                  plain: str | None = None) -> QTextDocument:
    """A margin-less text document in `font`: rich `html` or `plain` text, wrapped to `width`."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    if html is not None:
        doc.setHtml(html)
    else:
        doc.setPlainText(plain or "")
    if width is not None:
        doc.setTextWidth(width)
    return doc


class UndoKeysToWindow(QObject):
    """Lets Edit ▸ Undo / Redo's keys through the fields it watches: a line edit (a spin
    box's too) takes Ctrl+Z for its own text, so with the focus left in a control the
    settings' undo did nothing."""

    KEYS = ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y")

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.ShortcutOverride and (
                event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)
                or QKeySequence(event.keyCombination()).toString() in self.KEYS):
            event.ignore()   # not overridden: the window's shortcut takes the key
            return True
        return False


def send_undo_keys_to_window(panel: QWidget) -> None:
    """Every field of `panel` leaves Undo / Redo's keys to the window (UndoKeysToWindow)."""
    keeper = UndoKeysToWindow(panel)
    for widget in panel.findChildren(QWidget):
        if widget.focusPolicy() != Qt.NoFocus:
            widget.installEventFilter(keeper)


class DelayedProgress(QObject):
    """A progress bar and its Cancel button, shown only once work has lasted `delay_ms`
    (a quick run never flashes them) and while `wanted()` holds; not wanted yet, asked again
    every `delay_ms` while the work goes on (a slider's release turns a drag's previews,
    which show no bar, into the full run without a new `start()`: a review found it run
    without one).

    `start()` when work begins, `stop()` when it ends, `set_fraction(f)` as it goes.
    """

    def __init__(self, progress, cancel_button, parent=None, delay_ms: int = 250,
                 wanted=lambda: True):
        super().__init__(parent)
        self.progress, self.cancel_button, self.wanted = progress, cancel_button, wanted
        self.fraction = 0.0
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._show)
        self.stop()

    def start(self) -> None:
        self.fraction = 0.0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def set_running(self, running: bool) -> None:
        """`start()` when `running`, else `stop()`."""
        (self.start if running else self.stop)()

    def set_fraction(self, fraction: float) -> None:
        self.fraction = fraction
        if self.progress.isVisible():   # setValue repaints at once: never while hidden
            self.progress.setValue(round(1000 * fraction))

    def _show(self) -> None:
        if not self.wanted():
            self._timer.start()
        else:
            self.progress.setValue(round(1000 * self.fraction))
            self.progress.show()
            self.cancel_button.show()

