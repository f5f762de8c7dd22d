"""Number boxes that say why they refuse what was typed: whole numbers, values spanning
decades (their arrows step on a log grid) and plain numbers; and, for a box bound to no config
key, its range said where it refuses."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QToolTip

from engine.config_fields import ConfigError, Field, half_width
from engine.config_files import plain_number
from engine.shown import box_text, only_grouped, underflowed

from .config_errors import field_reason, kept_reason, reason_text
from .widgets import is_round


def typed_number(text: str) -> int | float | None:
    """What was typed into a number box as a number, as `--set` reads numbers (plain ASCII,
    and the full-width digits an input method types), else None."""
    return plain_number(text)


def typed_value(text: str):
    """What was typed into a number box, as the engine should judge it: a number where the
    text is one ("0", "1e400"), else the text ("abc", "", "١٢٣")."""
    number = typed_number(text)
    return half_width(text.strip()) if number is None else number


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
        value = typed_number(text)
        if not isinstance(value, int):   # "", "-", "1e9", "abc": refused when editing ends
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
        value = typed_number(text)
        return value if isinstance(value, int) else self.value()


def int_spin_box(lo: int, hi: int) -> IntSpinBox:
    return IntSpinBox(lo, hi)


def say_range_when_refused(box: SaysRefusals, bound=None) -> None:
    """A box bound to no config key (the engine has nothing to say of it): a value it cannot
    take is answered beside it with its range; `bound(value, shown)`, where given, words a
    number refused by a bound another box sets (None: not that bound's)."""
    def refused(text: str) -> None:
        if not box.isVisible():   # given up as its tab was left: not over the next tab
            return
        value = typed_value(text)
        said = None
        if bound is not None and isinstance(value, (int, float)):
            said = bound(float(value), half_width(text.strip()))
        if said is None:   # the engine's words, as a config key's box says them (a locale
            kind = "int" if isinstance(box, QSpinBox) else "float"   # tour: "0,5" read
            try:                                # "must be between 1e-06 and 3.80952")
                taken = Field(kind, "", box.minimum(), box.maximum()).check("", value)
            except ConfigError as exc:
                said = reason_text(exc)
            else:   # a whole number written "20.0": taken, as the config's boxes take it
                box.setValue(taken)
                return
        # the value the box put back, named as a config key's box names it (a tour: the
        # Sweep's "from" snapped back to 0.25 with no word of it)
        said = kept_reason(said, box.text())
        if box.accessibleName():   # the field named, as every refusal does (a tour)
            said = field_reason(box.accessibleName(), said)
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
    box.confirmed.connect(taken)   # the kept value typed again (a tour: "to" −3, then 4)
    # and as its tab is left (a keyboard tour: the Sweep's refusal stayed in the status bar
    # over the Training tab, beside that tab's own refusals)
    box.installEventFilter(_OnHide(box, taken))


class _OnHide(QObject):
    """Calls `hidden()` as the widget it filters is hidden (with its tab, too)."""

    def __init__(self, parent: QObject, hidden):
        super().__init__(parent)
        self._hidden = hidden

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Hide and not event.spontaneous():   # (not a minimized window)
            self._hidden()
        return False


class LogSpinBox(SaysRefusals, QDoubleSpinBox):
    """A spin box showing ``%g`` with a short exponent (0.0039, 1e-5) whose arrows multiply by
    `factor`."""

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
        # a short exponent, as the limits in its refusals ("must be ≥ 1e-6"): 1e6, not 1e+06
        return box_text(value)

    def valueFromText(self, text: str) -> float:  # Qt override
        if text == self.textFromValue(self.value()):
            return self.value()   # shown rounded: a bare Return made 1.1220184… 1.12202
        value = typed_number(text)
        return self.value() if value is None else float(value)

    def validate(self, text: str, pos: int):  # Qt override
        text = half_width(text)   # "１．５" as an input method types it: shown as 1.5
        value = typed_number(text)
        if value is None or only_grouped(value):  # "1e", "-", "": typing is under way;
            return QValidator.Intermediate, text, pos   # "abc", "1.000.000": refused at the end
        # (1e-400 is 0 to float: refused at the end, not taken as 0 unsaid, a GUI tour)
        if self.minimum() <= value <= self.maximum() and not underflowed(value):
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
    """A spin box showing ``%g`` with a short exponent (1e-6 stays 1e-6, −1e6 fits) whose arrows
    add `step`."""

    def __init__(self, lo: float, hi: float, step: float, parent=None):
        super().__init__(lo, hi, parent=parent)
        self.setSingleStep(step)

    def stepBy(self, steps: int) -> None:  # Qt override: linear steps (QDoubleSpinBox's)
        if self._steps_from_text():
            QDoubleSpinBox.stepBy(self, steps)
