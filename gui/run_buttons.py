"""The Training tab's run buttons (Start, Pause, Step, Reset), and their keyboard focus: they
disable themselves as they are pressed, and Qt would hand the focus to the next button in the
row, Reset after Start, and the next Space reset the run (a keyboard-only tour)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from .i18n import translate
from .widgets import push_button


class RunButtons:
    """The four buttons (`start`, `pause`, `step`, `reset`), worded by `retranslate`."""

    def __init__(self):
        self.start, self.pause, self.step, self.reset = (
            push_button(objectName=f"train_{name}") for name in ("start", "pause", "step",
                                                                  "reset"))

    def retranslate(self) -> None:
        self.start.setText(translate("TrainingView", "Start"))
        self.pause.setText(translate("TrainingView", "Pause"))
        self.step.setText(translate("TrainingView", "Step"))
        self.reset.setText(translate("TrainingView", "Reset"))
        self.step.setToolTip(translate("TrainingView",
                                       "train up to the next logged step, then pause"))
        self.reset.setToolTip(translate(
            "TrainingView", "start again from step 0: the same initial weights and mini-batches "
                            "(the seed decides them; New seed draws others)"))


class RunButtonsFocus:
    """Start and Pause hand the focus to each other; Step gets it back after its step; when
    none is left enabled (the run is done) the focus goes to `rest`, never to Reset.

    Call `held()` before the buttons' states change and `settle(held)` after."""

    def __init__(self, start: QWidget, pause: QWidget, step: QWidget, rest: QWidget):
        self.start, self.pause, self.step, self.rest = start, pause, step, rest
        self._step_held = False   # Step, pressed from the keyboard, gets the focus back

    def held(self) -> QWidget | None:
        """The run button with the focus (also while the window is not active), else None."""
        focus = self.start.window().focusWidget()
        return focus if focus in (self.start, self.pause, self.step) else None

    def settle(self, focused: QWidget | None) -> None:
        if focused is None:
            self._step_held = False
            return
        if focused is self.step or (focused is self.pause and self._step_held):
            self._step_held = not self.step.isEnabled()
            wanted = self.pause if self._step_held else self.step
        else:
            self._step_held = False
            wanted = self.pause if focused is self.start else self.start
        if not wanted.isEnabled():
            if focused.isEnabled():
                return   # the state has not moved on yet
            wanted = self.rest
        wanted.setFocus(Qt.TabFocusReason)
