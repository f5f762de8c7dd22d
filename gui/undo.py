"""Undo and redo of the window's config, on Qt's QUndoStack.

Every change of the config is one step back, whatever made it: an edit in the controls or in
the Training tab, a preset, an opened file, the lesson's "Set up", Edit ▸ Reset to defaults.
A run of edits of the same field less than MERGE_S apart (digits typed, an arrow key held) is
one step; so is one press of a slider, held still and all, and what is typed in one visit of a
text field (widths, seed), pauses and all. A step puts back a `WindowState`: the config, the
controls' with the Training tab's training keys (as File ▸ Save keeps it), the Training tab's
comparison, and the preset whose hint the readout shows; it flows to the plots like any
other change.
"""

from __future__ import annotations

import dataclasses
import time
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QApplication, QScrollBar

from engine import SimConfig

from .i18n import translate
from .training_controls import field_name

MERGE_S = 1.0
UNDO_LIMIT = 500
_FIELD_EDIT = 1   # QUndoCommand.id of a one-field change (those merge)
_TYPED = 2        # … of a change typed in a text field (widths, seed), applied as it is typed
TYPED_KEYS = {"widths": {"widths", "depth", "width"}, "seed": {"seed"}}


@dataclasses.dataclass(frozen=True)
class WindowState:
    """What one step of the history puts back. `compare` is the Training tab's comparison
    ("single" or "inits": not a config key, a config being one network), `preset` the preset
    whose hint the readout shows (None: none); neither counts as a change on its own but
    the comparison."""

    config: SimConfig
    compare: str = "single"
    preset: object = None


def state_keys(old: WindowState, new: WindowState) -> tuple[str, ...]:
    """The fields that differ between two states: the config's keys, then "compare"."""
    keys = changed_keys(old.config, new.config)
    return keys + (("compare",) if old.compare != new.compare else ())


def changed_keys(old: SimConfig, new: SimConfig) -> tuple[str, ...]:
    """The config keys whose values differ, in the config's order; widths that stay equal
    across the layers count as their depth and width (the fields the controls show), and
    other widths that change in number as their depth (the depth box adds or drops layers;
    widths typed are named by their field: a tour read "change of widths" after changing the
    depth of 784, 256x49, 10)."""
    keys = []
    for field in dataclasses.fields(SimConfig):
        if getattr(old, field.name) == getattr(new, field.name):
            continue
        if field.name == "widths" and len(set(old.widths)) == len(set(new.widths)) == 1:
            keys += [key for key in ("depth", "width") if getattr(old, key) != getattr(new, key)]
        elif field.name == "widths" and old.depth != new.depth:
            keys.append("depth")
        else:
            keys.append(field.name)
    return tuple(keys)


class ConfigChange(QUndoCommand):
    """The window went from state `old` to `new` (already shown when pushed)."""

    def __init__(self, history: "ConfigHistory", old: WindowState, new: WindowState,
                 keys: tuple[str, ...], typing=None, distinct: bool = False, held=None,
                 what=None):
        super().__init__()
        self.what = what   # () -> its name in the window's language (a preset's), if given
        self.history, self.old, self.new, self.keys = history, old, new, keys
        self.typing = typing   # the text field and focus visit it was typed in, if it was
        self.distinct = distinct
        self.held = held   # the press of the slider held down when it was made, if one was
        self.closed = False   # takes no more edits (`ConfigHistory._close_step`)
        self.last = time.monotonic()
        self._pushed = False
        self.retranslate()

    def retranslate(self) -> None:
        if self.what is not None:
            self.setText(self.what())
        elif self.typing is not None or len(self.keys) == 1:   # typed widths: depth and width
            key = self.typing[0] if self.typing is not None else self.keys[0]
            field = field_name(key) or key
            self.setText(translate("Undo", "change of {field}").format(field=field))
        else:
            self.setText(translate("Undo", "change of {count} settings").format(
                count=len(self.keys)))

    def id(self) -> int:  # Qt override
        if self.distinct:   # a preset, Reset, a file, the lesson: never merged into an edit
            return -1
        if self.typing is not None:
            return _TYPED
        return _FIELD_EDIT if len(self.keys) == 1 else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # Qt override
        if not isinstance(other, ConfigChange) or self.closed:
            return False
        if self.typing is not None:   # one visit of a text field is one step, pauses and all
            if other.typing != self.typing:
                return False
            self.keys = state_keys(self.old, other.new) or self.keys
            self.retranslate()
        elif other.keys != self.keys:
            return False
        elif other.held is not None or self.held is not None:
            if other.held != self.held:   # one press of a slider is one step, held still and
                return False              # all, and nothing else's (an audit held it 1.5 s)
        elif other.last - self.last > MERGE_S:
            return False
        self.new, self.last = other.new, other.last
        self.setObsolete(self.new == self.old)   # back where it started: no step at all
        return True

    def redo(self) -> None:  # Qt override
        if self._pushed:
            self.history.apply(self.new)
        self._pushed = True   # push() calls redo() once: the change is already shown

    def undo(self) -> None:  # Qt override
        self.history.apply(self.old)


class ConfigHistory(QObject):
    """The undo stack of the window's state. `snapshot()` gives the `WindowState` as it
    stands, `show(state)` puts one back; the window calls `changed()` once a change has
    reached everything that shows it (the Training tab takes the controls' training keys
    only when they change: only then is the whole config known), and groups a change made
    in several parts in `one_step()`."""

    refusalsChanged = Signal()   # a field shows a refused text, or no longer (`has_refused`)

    def __init__(self, controls, snapshot, show, parent=None):
        super().__init__(parent)
        for signal in (controls.inputRejected, controls.inputAccepted, controls.inputWithdrawn):
            signal.connect(lambda *_: self.refusalsChanged.emit())
        self.stack = QUndoStack(self)
        self.stack.setUndoLimit(UNDO_LIMIT)
        self._controls, self._snapshot, self._show = controls, snapshot, show
        self._training_fields = None   # the Training tab's, once it is made
        self._current = WindowState(controls.config())
        self._applying = False
        self._grouped = 0
        self._visits = 0   # focus moves so far: a text field's visit ends with one
        self._typed_in: dict[str, int] = {}   # text field → the visit last typed in
        QApplication.instance().focusChanged.connect(self._on_focus_moved)
        self._sliders: list[QAbstractSlider] = []
        self._presses = 0   # slider presses so far: a press's changes are one step
        self._follow(controls)
        controls.new_seed.clicked.connect(self._close_step)

    def follow_training(self, view) -> None:
        """The Training tab (a `TrainingView`) was made: its edits and its comparison are
        steps too (these slots come after the tab's own, which take the edit)."""
        self._training_fields = view.fields
        view.fields.validityChanged.connect(lambda _valid: self.refusalsChanged.emit())
        view.fields.trainingChanged.connect(lambda _config: self.changed())
        view.fields.compareChanged.connect(lambda _mode: self.changed())
        self._follow(view.fields)

    def changed(self) -> None:
        """The config changed (an edit, a preset, a file, the lesson): a step, unless an
        undo or redo made it."""
        if not self._applying and not self._grouped:
            self._push(self._snapshot())

    @contextmanager
    def one_step(self, distinct: bool = False, what=None):
        """The changes made within are one step (a training preset: the controls, then the
        Training tab's keys); `distinct`: a step of its own, never merged into an edit (a
        menu leaves the focus in the widths field: a Reset had merged into the typing);
        `what()` names it in the window's language (Edit ▸ Undo had read "Undo change of 6
        settings" for a preset, an audit)."""
        if distinct:   # a refused typing still in its field is put back first, as its own
            self._controls.finish_typing()   # visit's (Reset with the focus in the widths)
        self._grouped += 1
        try:
            yield
        finally:
            self._grouped -= 1
            if not self._applying and not self._grouped:
                self._push(self._snapshot(), distinct, what)

    def has_refused(self) -> bool:
        """A field shows a text it refused (the Training tab's too): Undo's first to take
        away, with no step before it too (a breaker's tour: Undo was greyed out for it)."""
        fields = self._training_fields
        return self._controls.has_refused_typing() or (fields is not None
                                                         and fields.has_refused())

    def undo(self) -> None:
        """Edit ▸ Undo: a text still refused in its field (the Training tab's too), or a
        number typed in the focused box and not yet entered, is taken away first, as a text
        editor's undo would (it had undone the step before it, which the typing never was),
        else the last step is undone."""
        fields = self._training_fields
        if not self._controls.discard_refused_typing() \
                and not (fields is not None and fields.discard_refused()) \
                and not _discard_unentered_number():
            self.stack.undo()

    def apply(self, state: WindowState) -> None:
        """Show `state` (an undo or redo) without making a new step."""
        self._applying = True
        try:
            self._show(state)
        finally:
            self._applying = False
        self._current = self._snapshot()

    def retranslate(self) -> None:
        for i in range(self.stack.count()):
            command = self.stack.command(i)
            if hasattr(command, "retranslate"):   # (a ConfigChange, a pins.PinsChange)
                command.retranslate()

    def _on_focus_moved(self, *_) -> None:
        self._visits += 1

    def _follow(self, widget) -> None:
        """`widget`'s sliders (a press's changes are one step) and number boxes (a value
        entered is a step of its own)."""
        for slider in widget.findChildren(QAbstractSlider):
            if not isinstance(slider, QScrollBar):
                self._sliders.append(slider)
                slider.sliderPressed.connect(self._on_pressed)
        for box in widget.findChildren(QAbstractSpinBox):
            if hasattr(box, "entered"):
                box.entered.connect(self._close_step)

    def _on_pressed(self) -> None:
        self._presses += 1

    def _close_step(self) -> None:
        """A value entered (typed and Return) or a button's (New seed) is a step of its own:
        the step on top takes no more edits. Called before the change (a typed value, which
        closes the one before it) or after it (a click, which closes its own); an audit had
        gain 2⏎ then 3⏎ within a second, or two New seed clicks, undone as one step."""
        index = self.stack.index()
        top = self.stack.command(index - 1) if index > 0 else None
        if isinstance(top, ConfigChange):
            top.closed = True

    def _held(self):
        """(the slider held down, its press) if one is held down now."""
        for slider in self._sliders:
            if slider.isSliderDown():
                return slider.objectName(), self._presses
        return None

    def _push(self, state: WindowState, distinct: bool = False, what=None) -> None:
        old, self._current = self._current, state
        keys = state_keys(old, state)
        if not keys:
            return
        change = ConfigChange(self, old, state, keys, None if distinct else self._typing(keys),
                              distinct, None if distinct else self._held(), what)
        # Merged here, not by QUndoStack.push: a command Qt merges is deleted in C++, but
        # PySide keeps its Python object referenced from the stack for ever (a soak test: a
        # held slider left one, with its two window states, per value). With steps to redo,
        # push drops them first: Qt merges then (rare enough to leave one behind).
        index = self.stack.index()
        top = self.stack.command(index - 1) if index > 0 else None
        if not self.stack.canRedo() and isinstance(top, ConfigChange) and change.id() != -1 \
                and top.id() == change.id() and top.mergeWith(change):
            if top.isObsolete():   # back where it started: the stack drops it on undo,
                self.stack.undo()  # without undoing it (as push drops it)
            return
        self.stack.push(change)

    def _typing(self, keys: tuple[str, ...]):
        """(field, visit) when `keys` were typed in a text field that has the focus: the
        widths apply as typed, so "784, 256x3, 10" typed with pauses was six steps."""
        reverted = self._controls.reverting()   # a refused typing put back as the focus
        if reverted in self._typed_in and set(keys) <= TYPED_KEYS[reverted]:   # left: that
            return reverted, self._typed_in[reverted]                          # visit's own
        focus = QApplication.focusWidget()
        for key, typed in TYPED_KEYS.items():
            # modified: typed in (the controls write a field anew after any other change,
            # which clears it: a depth set while the focus sits in the widths is not typing)
            if focus is self._controls.widget(key) and focus.isModified() \
                    and set(keys) <= typed:
                self._typed_in[key] = self._visits
                return key, self._visits
        return None


def _discard_unentered_number() -> bool:
    """The focused number box's typed text, not yet entered (Return or leaving the box enters
    it), back to its value; False when it has none (an audit: 5 typed in the gain box and
    Ctrl+Z undid the depth set before, and the 5 vanished)."""
    box = QApplication.focusWidget()
    if box is not None and not isinstance(box, QAbstractSpinBox):
        box = box.parentWidget()   # (the box's own line edit)
    if not isinstance(box, QAbstractSpinBox) or box.keyboardTracking() \
            or not hasattr(box, "textFromValue"):
        return False
    special = box.specialValueText() and box.value() == box.minimum()   # "—": unequal widths
    if box.cleanText().strip() == (box.specialValueText() if special
                                   else box.textFromValue(box.value())):
        return False
    box.setValue(box.value())   # (its text written anew from the value)
    return True
