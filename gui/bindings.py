"""Bindings of the controls: one config key ↔ one widget, and the line saying why fields are
refused.

A binding writes the config into its widget with the widget's signals blocked (a refresh never
echoes back as an edit) and calls `edit(key, value, source)` on a user's edit; a refused value
turns its field red (`set_error`). Used by the controls panel and the Training tab's controls.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import (QAbstractSpinBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QToolTip, QWidget)

from engine import SimConfig
from engine.config_fields import FIELDS, half_width

from . import theme
from .config_errors import field_reason, kept_reason
from .i18n import translate
from .number_boxes import LogSpinBox, typed_value
from .widgets import LogSlider, WordedCombo

INVALID_BASE = QColor("#ffd8d8")   # a refused field's background and text
INVALID_TEXT = QColor("#a61e1e")
ERROR_STYLE = "color: #c92a2a; font-size: {size};"


class Binding:
    """One config key ↔ one widget: `show` writes the config into the widget (signals
    blocked); the widget's edit signal calls `edit(key, value)`."""

    def __init__(self, key: str, widget: QWidget, edit):
        self.key = key
        self.widget = widget
        self.edit = edit
        widget.setObjectName(key)
        self.reason = ""      # why the field's text is refused ("" when it is valid)
        self.refused = None   # the ConfigError shown, if any
        self.kept = False     # refused, the field showing the value in force again
        self._palette: QPalette | None = None   # the field's own, while it is marked refused

    def show(self, config: SimConfig) -> None:
        blocked = self.widget.blockSignals(True)
        try:
            self._write(config)
        finally:
            self.widget.blockSignals(blocked)

    def _write(self, config: SimConfig) -> None:
        raise NotImplementedError

    def set_error(self, reason: str | None, error=None) -> None:
        """Mark the field invalid with `reason` (None: valid); `error`, the ConfigError, lets
        a change of language re-word it."""
        self.refused = error
        self.kept = False
        self.widget.setProperty("invalid", bool(reason))
        # a palette, not a style sheet: a style sheet drew a spin box without its arrows and
        # sized it by its box model (the gain box 18 px wider, its slider shorter, Fusion's
        # line edits 4 px lower), moving controls under the mouse
        if reason and self._palette is None:
            self._palette = self.widget.palette()
            marked = QPalette(self._palette)
            for group in (QPalette.Active, QPalette.Inactive):
                marked.setColor(group, QPalette.Base, INVALID_BASE)
                marked.setColor(group, QPalette.Text, INVALID_TEXT)
            self.widget.setPalette(marked)
        elif not reason and self._palette is not None:
            self.widget.setPalette(self._palette)
            self._palette = None
        self.reason = reason or ""


class ProblemLine(QLabel):
    """Why fields are refused, a line each ("field: reason"), in a label whose room is
    reserved (`least` lines high, by default all its `lines`): nothing moves under the mouse
    when a message comes or goes. Beyond `least` it grows with its text, up to `lines`, where
    that moves nothing either (under the controls' scroll area: its bottom edge only).
    What does not fit is shortened, a refusal a line (the tooltip holds it all), never cut
    through the middle of a line."""

    def __init__(self, name: str, lines: int, least: int | None = None):
        super().__init__(objectName=name, wordWrap=True)
        self.setStyleSheet(ERROR_STYLE.format(size=theme.points(9)))
        self.setTextFormat(Qt.PlainText)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setContentsMargins(6, 2, 6, 2)
        self._said: list[str] = []
        self._newest, self._first = None, 0   # the field shown first when not all fit
        self._least_given = least
        self.set_lines(lines)

    def set_lines(self, lines: int) -> None:
        """Room for up to `lines` lines (reserved: `least` of them, or all)."""
        self._lines = lines
        self._least = lines if self._least_given is None else min(self._least_given, lines)
        self._fit()

    def _height_for(self, lines: int) -> int:
        """`lines` lines high, of Chinese glyphs too (they come from a fallback font taller
        than the label's own: its line spacing alone held 2½ of them)."""
        return self._text_height("\n".join(["Wg 深度"] * lines), -1) + 4

    def show_refusals(self, bindings, label, newest: str | None = None) -> None:
        """The reasons of the refused ones of `bindings` ((key, Binding) pairs), each named
        by `label(key)`, in the fields' order but that of `newest` (the field just refused)
        first when they do not all fit (a tour: the trials just typed were among "… and 2
        more" under two older refusals); nothing when none is refused."""
        refused = [(key, b) for key, b in bindings if b.reason]
        self._newest = newest or self._newest   # (re-worded: the same one first)
        self._first = next((i for i, (key, _) in enumerate(refused) if key == self._newest), 0)
        self._said = [field_reason(label(key), b.reason) for key, b in refused]
        self.setToolTip("\n".join(self._said))
        self.setAccessibleDescription("\n".join(self._said))   # (a screen reader: all of them)
        self._fit()

    def focusInEvent(self, event) -> None:  # Qt override
        """Reached by Tab where some refusals are shortened or left out: all of them, as a
        hover shows them (a keyboard tour: "… and 2 more (hover here for all)" was the mouse's
        alone)."""
        super().focusInEvent(event)
        QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), self.toolTip(), self)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit()

    def _text_height(self, text: str, width: int) -> int:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(self.font())
        doc.setPlainText(text)
        doc.setTextWidth(width)
        return math.ceil(doc.size().height())

    def _fit(self) -> None:
        text, width = "\n".join(self._said), self.contentsRect().width()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        most = self._height_for(self._lines)
        room = most - margins
        if width > 0 and self._said and self._text_height(text, width) > room:
            metrics = self.fontMetrics()
            lines = [metrics.elidedText(line, Qt.ElideRight, width - 2) for line in self._said]
            if len(lines) > self._lines:
                lines.insert(0, lines.pop(self._first))
                lines = lines[:max(self._lines - 1, 0)] + [translate(
                    "Bindings", "… and {count} more: hover or Tab here").format(
                        count=len(lines) - self._lines + 1)]
            text = "\n".join(lines)
        # a Tab stop only where something is shortened or left out (its focus shows all)
        self.setFocusPolicy(Qt.TabFocus if text != "\n".join(self._said) else Qt.NoFocus)
        if text != self.text():
            self.setText(text)
        needed = self._text_height(text, width) + margins if text and width > 0 else 0
        height = min(max(needed, self._height_for(self._least)), most)
        if height != self.height():
            self.setFixedHeight(height)


class SpinBinding(Binding):
    def __init__(self, key, widget, edit, attr=None):
        super().__init__(key, widget, edit)
        self.attr = attr or key
        self._given_up: str | None = None   # a typed text the box put its value back over
        self._in_force = None   # the config's value shown last (None: none, or "—")
        widget.valueChanged.connect(self._changed)
        if hasattr(widget, "refused"):   # a typed value the box cannot take: the engine says why
            widget.refused.connect(self._refused)
            widget.confirmed.connect(self._confirmed)

    def _changed(self, value) -> None:
        """The box took a value: it gave up no text (a keyboard tour: 0 refused and given up,
        Esc, then 50 taken by the box and refused by the engine read "got 50 (kept 50)")."""
        self._given_up = None
        self.edit(self.key, value, self)

    def _refused(self, text: str) -> None:
        self._given_up = text.strip()
        # the box puts back its last value, which may be refused itself (2000000 steps, then
        # −5): the value in force instead, so that "kept" names it (a practitioner's tour)
        if self._in_force is not None and self.widget.value() != self._in_force:
            blocked = self.widget.blockSignals(True)
            self.widget.setValue(self._in_force)
            self.widget.blockSignals(blocked)
        self.edit(self.key, typed_value(text), self)

    def set_error(self, reason: str | None, error=None) -> None:
        """As Binding's; a box that put its value back after a refusal says it kept it (three
        tours read a red box showing 50 beside "got -5" as 50 refused)."""
        kept = bool(reason) and self._given_up not in (None, self.widget.text().strip())
        if kept:
            reason = kept_reason(reason, self.widget.text())
        elif not reason:
            self._given_up = None
        super().set_error(reason, error)
        self.kept = kept

    def _confirmed(self) -> None:
        """The value shown was typed again after a refusal: no valueChanged comes, but the
        field is no longer refused."""
        if self.reason:
            self.edit(self.key, self.widget.value(), self)

    def _write(self, config):
        if self.key == "width":
            # unequal widths have no one width: "—" (any value typed makes them all equal)
            uniform = config.uniform_widths
            self.widget.setMinimum(1 if uniform else 0)
            self.widget.setSpecialValueText("" if uniform else "—")
            if not uniform:
                self._in_force = None
                self.widget.setValue(0)
                return
        value = self._in_force = getattr(config, self.attr)
        # a loaded config, or a value the engine takes beyond the box's range (a typed
        # learning rate of 1e-7), is shown as it is, not clamped
        if value > self.widget.maximum():
            self.widget.setMaximum(value)
        if value < self.widget.minimum():
            self.widget.setMinimum(value)
        self.widget.setValue(value)


class ComboBinding(Binding):
    """A choice among names; `items` maps each to its label (source text, worded in the
    window's language by `retranslate`)."""

    def __init__(self, key, edit, items: dict[str, str], context: str | None = None):
        combo = WordedCombo()
        self.items, self.context = items, context
        for name, label in items.items():
            combo.addItem(label, name)
        super().__init__(key, combo, edit)
        combo.currentIndexChanged.connect(lambda i: self.edit(self.key, combo.itemData(i), self))

    def retranslate(self) -> None:
        if self.context is None:
            return
        for i, label in enumerate(self.items.values()):
            self.widget.setItemText(i, translate(self.context, label))

    def _write(self, config):
        self.widget.setCurrentIndex(self.widget.findData(getattr(config, self.key)))


class EscapableLineEdit(QLineEdit):
    """A line edit that says when Esc is pressed in it (`escaped`) while `has_refusal()`, for
    its field to give up the refused text (Esc is otherwise the window's Cancel)."""

    escaped = Signal()

    def __init__(self):
        super().__init__()
        self.has_refusal = lambda: False

    def event(self, event) -> bool:  # Qt override
        if event.type() == QEvent.ShortcutOverride and event.key() == Qt.Key_Escape \
                and self.has_refusal():
            event.accept()   # this field's Esc, not the window's shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # Qt override
        if event.key() == Qt.Key_Escape and self.has_refusal():
            self.escaped.emit()
        super().keyPressEvent(event)


MAX_TEXT_CHARS = 1 << 20   # a text field's length (10 001 widths written out: ~70 000)


class TextBinding(Binding):
    """A line edit: every keystroke is tried, so the plots follow the typing; when editing
    finishes (Return, or the focus leaves), `finish(binding)` is called: the controls tidy
    an accepted text, or put back the value from before the typing (`before()`) if it was
    refused."""

    def __init__(self, key, edit, parse, text_of, finish=None):
        super().__init__(key, EscapableLineEdit(), edit)
        # Qt cuts a text at 32767 characters: a pasted list of 20 000 widths became another
        # network, unsaid (a tour); whole, it is refused by the engine's count
        self.widget.setMaxLength(MAX_TEXT_CHARS)
        self.widget.has_refusal = lambda: bool(self.reason)
        self.parse, self.text_of, self.finish = parse, text_of, finish
        self._shown = None   # the value last written: while typing, the one before it
        self.widget.textEdited.connect(lambda t: self.edit(self.key, self.parse(t), self))
        if finish is not None:
            self.widget.editingFinished.connect(lambda: finish(self))

    def before(self):
        """The value the field showed before the typing (None before it showed any)."""
        return self._shown

    def _write(self, config):
        self._shown = getattr(config, self.key)
        self.widget.setText(self.text_of(config))
        if not self.widget.hasFocus():   # its start in view: setText left its end there, and
            self.widget.setCursorPosition(0)   # "…6x7, 128x7" read as widths from 6 (a tour)


class LogBinding(SpinBinding):
    """A value spanning decades (the gain, a learning rate): a log-scale slider over
    [`slider_lo`, `slider_hi`] beside a spin box over [`lo`, `hi`]; both edit `key`."""

    def __init__(self, key, edit, lo, hi, slider_lo, slider_hi, *, factor=10 ** 0.05,
                 steps_per_decade=100):
        super().__init__(key, LogSpinBox(lo, hi, factor=factor), edit)
        # the slider is the mouse's way to move it (and the wheel over the box, and the arrow
        # keys): without arrow buttons, in the room it had, the box shows its values whole
        # ("1.122" had read "1.1220", its last digit cut)
        room = self.widget.sizeHint().width()
        self.widget.setButtonSymbols(QAbstractSpinBox.NoButtons)
        self.widget.setMinimumWidth(room)
        self.slider = LogSlider(slider_lo, slider_hi, steps_per_decade=steps_per_decade)
        self.slider.setObjectName(f"{key}_slider")
        self.slider.logValueChanged.connect(lambda v: self.edit(self.key, v, self.slider))
        self.row = QWidget()
        layout = QHBoxLayout(self.row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 3)
        layout.addWidget(self.widget, 2)

    def show(self, config):
        super().show(config)
        self.slider.set_log_value(getattr(config, self.key))

    def named_by(self, label: QLabel) -> None:
        """`label`, worded, names the box and the slider for a screen reader (the form had
        given the label to the row holding both, which reads as nothing)."""
        field = name_field(label, self.widget)
        self.slider.setAccessibleName(translate("Bindings", "{field}, slider").format(
            field=field))


def name_field(label: QLabel, widget: QWidget) -> str:
    """`label` names `widget`, in a row of the form with others (the form gave the label to
    the row, which reads as nothing to a screen reader); returns the name."""
    field = label.text().replace("&", "")
    label.setBuddy(widget)   # (a reader looks for a buddy among its siblings only)
    widget.setAccessibleName(field)
    return field


class GainBinding(LogBinding):
    """The gain: a log-scale slider (0.01 … 100) beside a spin box; both edit `gain`."""

    def __init__(self, edit):
        super().__init__("gain", edit, *limits("gain"), 0.01, 100.0)


def limits(key: str) -> tuple:
    """The config's own range of `key` (engine.config_fields.FIELDS): a control shows every
    valid value as it is, never clamped to a narrower range of its own."""
    field = FIELDS[key]
    if field.kind == "int":
        return int(field.lo), int(field.hi)
    return field.lo, field.hi


def int_or_text(text: str):
    """A whole number of ASCII digits, or of the full-width ones an input method types
    (Python's int() also reads "١٢٣"), else the text, which the config then refuses with its
    reason."""
    stripped = half_width(text.strip())
    if not (stripped.isascii() and stripped.lstrip("+-").isdigit()):
        return text
    try:
        return int(stripped)
    except ValueError:   # more digits than int() reads (4,300)
        return text
