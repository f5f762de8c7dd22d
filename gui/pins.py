"""Pinned runs: keep a Monte Carlo result to overlay (grey) on the next ones in the profile.

`PinStore` holds up to MAX_PINS results, each with a number that stays its name until the pins
are cleared ("pin 1", "pin 2", …; pinning a sixth drops the oldest). The profile draws them and
the statistics export writes them beside the current run. `PinBar` is the pair of buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from engine import SimResult
from .i18n import Retranslates, translate
from .config_texts import brief_config_text, short_config_text
from .widgets import focus_away_before_disabling, push_button

MAX_PINS = 5
# the window's notes of a pin and a clear (withdrawn when an Undo takes them back)
PINNED = QT_TRANSLATE_NOOP("MainWindow", "Pinned {label}")
PINNED_DROPPING = QT_TRANSLATE_NOOP("MainWindow", "Pinned {label}; pin {dropped} unpinned (at "
                                                  "most {most} pins: the oldest goes)")
PINS_CLEARED = QT_TRANSLATE_NOOP("MainWindow", "Pins cleared; Edit ▸ Undo brings them back")
PIN_NOTES = (PINNED, PINNED_DROPPING, PINS_CLEARED)


@dataclass(frozen=True, eq=False)
class Pin:
    number: int
    result: SimResult

    @property
    def run(self) -> str:
        """The name in exported statistics, e.g. ``pin 2`` (English: a data contract)."""
        return f"pin {self.number}"

    @property
    def label(self) -> str:
        """The legend's text, e.g. ``pin 2: relu · He · gain 1 · depth 50 · width 256``, in the
        current language."""
        return translate("Pin", "pin {number}: {setting}").format(
            number=self.number, setting=short_config_text(self.result.config))

    @property
    def short_label(self) -> str:
        """The legend's text where room is short, e.g. ``pin 2: relu · He · gain 1``."""
        return translate("Pin", "pin {number}: {setting}").format(
            number=self.number, setting=brief_config_text(self.result.config))


class PinsChange(QUndoCommand):
    """Pinning or clearing, a step of Edit ▸ Undo (already done when pushed): a Clear pins
    by mistake had lost the runs kept."""

    def __init__(self, store: "PinStore", old: tuple, new: tuple, number: int | None):
        super().__init__()
        self.store, self.old, self.new = store, old, new
        self.number = number   # the pin made, or None: the pins cleared
        self._pushed = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(translate("Undo", "clearing of the pins") if self.number is None else
                     translate("Undo", "pinning of pin {number}").format(number=self.number))

    def redo(self) -> None:  # Qt override
        if self._pushed:
            self.store._restore(self.new)
        self._pushed = True

    def undo(self) -> None:  # Qt override
        self.store._restore(self.old)


class PinStore(QObject):
    """The pinned runs, oldest first; with `use_stack`, each pin and clear is an undo step."""

    pinsChanged = Signal()
    cleared = Signal()   # the pins were cleared (not by an undo or redo)
    restored = Signal()  # an undo or redo put pins back (or took them)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pins: list[Pin] = []
        self._next = 1
        self._stack = None

    def use_stack(self, stack) -> None:
        """Push pins and clears onto `stack` (a QUndoStack: the window's history)."""
        self._stack = stack

    def pins(self) -> tuple[Pin, ...]:
        return tuple(self._pins)

    def pin_status(self, result: SimResult) -> dict:
        """`pin(result)`, and the window's status note of it (`show_status`'s arguments),
        which says the pin it unpinned (a tour: the sixth pin pushed out the oldest with no
        word of it)."""
        dropped = self._pins[0].number if len(self._pins) == MAX_PINS else None
        pin = self.pin(result)
        label = lambda: pin.label   # noqa: E731 (worded again in another language)
        if dropped is None:
            return {"text": PINNED, "timeout": 5000, "label": label}
        return {"text": PINNED_DROPPING, "timeout": 5000, "label": label,
                "dropped": dropped, "most": MAX_PINS}

    def pin(self, result: SimResult) -> Pin:
        """Pin `result` (the oldest pin goes when there are MAX_PINS already)."""
        old = self._state()
        pin = Pin(self._next, result)
        self._next += 1
        self._pins = [*self._pins, pin][-MAX_PINS:]
        self.pinsChanged.emit()
        self._push(old, pin.number)
        return pin

    def clear(self) -> None:
        if not self._pins:
            self._next = 1
            return
        old = self._state()
        self._pins, self._next = [], 1
        self.pinsChanged.emit()
        self._push(old, None)
        self.cleared.emit()

    def _state(self) -> tuple:
        return tuple(self._pins), self._next

    def _restore(self, state: tuple) -> None:
        pins, self._next = state
        self._pins = list(pins)
        self.pinsChanged.emit()
        self.restored.emit()

    def _push(self, old: tuple, number: int | None) -> None:
        if self._stack is not None:
            self._stack.push(PinsChange(self, old, self._state(), number))


class PinBar(Retranslates, QWidget):
    """“Pin run” and “Clear pins” buttons with a count; the window connects `pin_button`."""

    def __init__(self, store: PinStore, parent=None):
        super().__init__(parent)
        self.store = store
        self.pin_button = push_button(objectName="pin_run")
        self.clear_button = push_button(objectName="clear_pins")
        self.clear_button.clicked.connect(store.clear)
        self.count = QLabel(objectName="pin_count")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        for w in (self.pin_button, self.clear_button, self.count):
            layout.addWidget(w)
        layout.addStretch(1)
        store.pinsChanged.connect(self._update)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons, their tooltip and the count in the current language."""
        self.pin_button.setText(translate("PinBar", "Pin run"))
        self.pin_button.setToolTip(translate(
            "PinBar", "Keep the plotted run and overlay it (grey) on the next ones in the "
                      "profile, up to {max_pins} (Ctrl+P); pins are exported with the figure "
                      "(PNG, PDF) and the statistics").format(max_pins=MAX_PINS))
        self.clear_button.setText(translate("PinBar", "Clear pins"))
        self._update()

    def _update(self) -> None:
        n = len(self.store.pins())
        self.count.setText(translate("PinBar", "{n} pinned").format(n=n) if n else "")
        if not n:   # (to the tab bar, had Clear pins handed it on)
            focus_away_before_disabling(self.clear_button, to=self.pin_button)
        self.clear_button.setEnabled(bool(n))
