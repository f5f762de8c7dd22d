"""Small widgets: number boxes that say why they refuse what was typed (whole numbers, and
values spanning decades), a log slider, a combo box that follows its text, the height of
rich text, the fields that leave Undo's keys to the window, and a progress bar shown late."""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QTextDocument, QValidator
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QPushButton, QSlider, QSpinBox,
                               QToolTip, QVBoxLayout, QWidget)

from engine.config_fields import half_width

from .config_errors import quoted
from .i18n import translate


class SaysRefusals:
    """A spin box that says when it cannot take what was typed. Qt's spin boxes drop keys
    they cannot use (depth "-5" became 5, "1e400" 1400) and put the last value back without
    a word (gain 0 became 1 again). This one keeps any text while it is typed; when Qt gives
    up a typed text (editing ends on it, or an arrow steps from it) the last value comes back
    and it emits `refused(text)` (its binding asks the engine why). `confirmed` comes when
    editing ends on a typed value it took: typed again after a refusal, the value shown sends
    no valueChanged. Leaving the box without typing says nothing."""

    def _watch_typing(self) -> None:
        self._typed = False     # text was typed since Qt last took or gave up one
        self._gave_up = False   # Qt gave up a typed text (in the interpretation under way)
        self._taken = 0         # values taken: a refusal deferred past one is stale
        self.lineEdit().textEdited.connect(self._on_typed)
        self.editingFinished.connect(self._editing_finished)
        self.valueChanged.connect(self._value_taken)

    def _on_typed(self, _text: str) -> None:
        self._typed = True

    def _value_taken(self, *_) -> None:
        self._taken += 1
        if self._typed:   # (before the binding hears of the value: connected first)
            self.entered.emit()
        self._typed = False   # taken: no `confirmed` to come, nor a refusal of it

    def fixup(self, text: str) -> str:  # Qt override: Qt gives up a text it cannot take
        if self._typed:
            self._typed, self._gave_up = False, True
            taken, shown = self._taken, self.value()
            # once Qt has put the last value back (this runs inside its interpretation);
            # not if a value came since, from the user or the code (a preset, signals blocked)
            QTimer.singleShot(0, self, lambda: self._taken == taken and self.value() == shown
                              and self.refused.emit(text))
        return text

    def _steps_from_text(self) -> bool:
        """Before an arrow's step: take what was typed, or give it up (then no step: the
        user sees their text refused, not a value stepped from the old one)."""
        self._gave_up = False
        self.interpretText()
        return not self._gave_up

    def _editing_finished(self) -> None:
        if self._typed:
            self._typed = False
            self.confirmed.emit()

    def event(self, event) -> bool:  # Qt override
        # Esc is the window's Cancel: while a text is typed here, it is this box's
        if event.type() == QEvent.ShortcutOverride and event.key() == Qt.Key_Escape \
                and self._typed:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # Qt override
        """Esc gives up what was typed: the value shown again, nothing refused (Esc had gone
        to the window's Cancel, and a text Qt would refuse stayed until the focus left)."""
        if event.key() == Qt.Key_Escape and self._typed:
            self._typed = False
            self.lineEdit().setText(self.prefix() + self.textFromValue(self.value())
                                    + self.suffix())
            self.selectAll()
            event.accept()
            return
        super().keyPressEvent(event)


class IntSpinBox(SaysRefusals, QSpinBox):
    """A whole-number box over [lo, hi] that changes its value when editing is done (not at
    every keystroke: a half-typed 512 is not a batch of 5) and steps faster when held."""

    refused = Signal(str)
    confirmed = Signal()
    entered = Signal()   # a typed value taken (Return, or leaving the box): a step of its own

    def __init__(self, lo: int, hi: int, parent=None):
        super().__init__(parent)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self._watch_typing()

    def validate(self, text: str, pos: int):  # Qt override
        if text and text == self.specialValueText():
            return QValidator.Acceptable, text, pos
        text = half_width(text)   # "１２８" as an input method types it: shown as 128
        try:   # plain ASCII digits: Python's int also takes "١٢٣" and "1_000"
            value = int(text.strip()) if text.isascii() and "_" not in text else None
        except ValueError:   # "", "-", "1e9", "abc": refused when editing ends, not dropped
            value = None
        if value is None:
            return QValidator.Intermediate, text, pos
        ok = self.minimum() <= value <= self.maximum()
        return (QValidator.Acceptable if ok else QValidator.Intermediate), text, pos

    def stepBy(self, steps: int) -> None:  # Qt override
        if self.specialValueText() and self.value() == self.minimum():
            return   # "—" (unequal widths): a stray wheel turn made them all 1
        if self._steps_from_text():
            super().stepBy(steps)

    def valueFromText(self, text: str) -> int:  # Qt override
        if text and text == self.specialValueText():
            return self.minimum()
        try:
            return int(half_width(text).strip())
        except ValueError:
            return self.value()


def int_spin_box(lo: int, hi: int) -> IntSpinBox:
    return IntSpinBox(lo, hi)


def say_range_when_refused(box: SaysRefusals) -> None:
    """A box bound to no config key (the engine has nothing to say of it): a value it cannot
    take is answered beside it with its range."""
    def refused(text: str) -> None:
        if not box.isVisible():   # given up as its tab was left: not over the next tab
            return
        typed = text.strip()
        try:   # a number as typed; other text quoted
            float(typed)
        except ValueError:
            typed = quoted(repr(typed))
        said = translate("ConfigError", "must be between {lo} and {hi}, got {shown}").format(
            lo=f"{box.minimum():g}", hi=f"{box.maximum():g}", shown=typed)
        if box.accessibleName():   # the field named, as every refusal does (a tour)
            said = translate("ControlsPanel", "{field}: {reason}").format(
                field=box.accessibleName(), reason=said)
        QToolTip.showText(box.mapToGlobal(QPoint(0, box.height())), said, box)
        window = box.window()   # and in the status bar, which stays longer than a tooltip
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(said, 8000)
            shown.append(said)

    def taken(*_) -> None:   # a value taken: the refusal's words go
        window = box.window()
        if shown and hasattr(window, "statusBar") \
                and window.statusBar().currentMessage() == shown[-1]:
            window.statusBar().clearMessage()
        shown.clear()

    shown: list[str] = []
    box.refused.connect(refused)
    box.valueChanged.connect(taken)
    # and as its tab is left (a keyboard tour: the Sweep's refusal stayed in the status bar
    # over the Training tab, beside that tab's own refusals)
    box.installEventFilter(_OnHide(box, taken))


class _OnHide(QObject):
    """Calls `hidden()` as the widget it filters is hidden (with its tab, too)."""

    def __init__(self, parent: QObject, hidden):
        super().__init__(parent)
        self._hidden = hidden

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Hide:
            self._hidden()
        return False


class LogSpinBox(SaysRefusals, QDoubleSpinBox):
    """A spin box showing ``%g`` (e.g. 0.0039, 1e-05) whose arrows multiply by `factor`."""

    refused = Signal(str)
    confirmed = Signal()
    entered = Signal()   # a typed value taken (Return, or leaving the box): a step of its own

    def __init__(self, lo: float, hi: float, factor: float = 10 ** 0.1, parent=None):
        super().__init__(parent)
        self.factor = factor
        self.setDecimals(323)   # Qt rounds values to this many decimals: keep 1e-30 as it is
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self._watch_typing()

    def textFromValue(self, value: float) -> str:  # Qt override
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:  # Qt override
        if text == self.textFromValue(self.value()):
            return self.value()   # shown rounded: a bare Return made 1.1220184… 1.12202
        try:
            return float(half_width(text))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):  # Qt override
        text = half_width(text)   # "１．５" as an input method types it: shown as 1.5
        stripped = text.strip()
        try:   # plain ASCII: Python's float also takes "١٢٣" and "1_000"
            value = float(stripped) if stripped.isascii() and "_" not in text else math.nan
        except ValueError:  # "1e", "-", "": typing is under way; "abc": refused at the end
            value = math.nan
        if math.isnan(value):
            return QValidator.Intermediate, text, pos
        if self.minimum() <= value <= self.maximum():
            return QValidator.Acceptable, text, pos
        return QValidator.Intermediate, text, pos

    def stepBy(self, steps: int) -> None:  # Qt override
        if not self._steps_from_text():
            return
        # to the next points of the factor's grid (1, 1.122, 1.259, … for 10^0.05), shown to
        # four digits as the log slider's positions: the factor's own six (1.12202, 125.893)
        # did not fit the box, and rounding each product drifted (20 steps from 1: 9.998)
        if steps == 0:   # (a touchpad's partial wheel step)
            return
        k = math.log(self.value()) / math.log(self.factor)
        # a grid point, as shown, or a round value a slider landed on near one (`ROUND`: from
        # 5, a step to 5.012 barely moved)
        if f"{self.factor ** round(k):.4g}" == f"{self.value():.4g}" \
                or (is_round(self.value()) and abs(k - round(k)) < 0.25):
            k = round(k) + steps
        else:   # off the grid: to its next point in the direction pressed
            k = (math.floor(k) if steps > 0 else math.ceil(k)) + steps
        value = float(f"{self.factor ** k:.4g}")
        self.setValue(min(max(value, self.minimum()), self.maximum()))


class NumberSpinBox(LogSpinBox):
    """A spin box showing ``%g`` (1e-06 stays 1e-06, −1e+06 fits) whose arrows add `step`."""

    def __init__(self, lo: float, hi: float, step: float, parent=None):
        super().__init__(lo, hi, parent=parent)
        self.setSingleStep(step)

    def stepBy(self, steps: int) -> None:  # Qt override: linear steps (QDoubleSpinBox's)
        if self._steps_from_text():
            QDoubleSpinBox.stepBy(self, steps)


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


def worded_combo(**kwargs) -> QComboBox:
    """A combo box sized to its items' text whenever it changes (Qt's default sizes it once,
    when first shown: items re-worded in a longer language were cut off)."""
    return QComboBox(sizeAdjustPolicy=QComboBox.AdjustToContents, **kwargs)


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
    (a quick run never flashes them) and while `wanted()` holds.

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

    def set_fraction(self, fraction: float) -> None:
        self.fraction = fraction
        if self.progress.isVisible():   # setValue repaints at once: never while hidden
            self.progress.setValue(round(1000 * fraction))

    def _show(self) -> None:
        if self.wanted():
            self.progress.setValue(round(1000 * self.fraction))
            self.progress.show()
            self.cancel_button.show()

