"""The Lesson panel: a dock that walks through the steps of `gui.lesson_steps`, one at a time.

It shows "step k of N", the step's title, its text and formula, a "Set up this step" button
(which asks the window to load the step's config: `configRequested`) and the live check of the
result the window shows now (`set_result`). Previous / Next (Alt+Left / Alt+Right anywhere in
the window while the panel is visible) move between steps (`stepChanged`). The main window
wires the signals, shows the dock and remembers the step; this panel knows nothing of it.

The steps' words come from `gui.lesson_steps`, their checks' from `gui.lesson`; both are
worded again on a language change (`retranslate`).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFrame, QHBoxLayout, QLabel, QPushButton,
                               QScrollArea, QSizePolicy, QStyle, QVBoxLayout,
                               QWidget)

from engine.verdict import verdict

from . import lesson, theme
from .lesson_steps import STEPS
from .lesson_text import FormulaLabel, formula_html, paragraphs_html
from .i18n import Retranslates, translate
from .typeset import kept_formulas
from .widgets import focus_away_before_disabling, push_button

PASS_COLOR = theme.VERDICT_COLORS["stable"]
FAIL_COLOR = theme.INVALID
# The check's box: background and border while it holds, fails, or waits for a result.
CHECK_STYLES = {
    True: "background: #ebfbee; border: 1px solid #8ce99a;",
    False: "background: #fff5f5; border: 1px solid #ffa8a8;",
    None: "background: #f1f3f5; border: 1px solid #dee2e6;",
}
CHECK_SHARE = 0.4   # of the panel's height: the check's at least, where it has to scroll


def _check_html(text: str, hint_last: bool) -> str:
    """The plain check text as rich text: ✓ green, ✗ red, the first line (the source) bold,
    the last line italic when it is the step's hint; its formulas kept whole (it had wrapped
    "decades/" over "layer", and a hint's "γ" over "= 1/256")."""
    lines = [html.escape(kept_formulas(line)) for line in text.split("\n")]
    lines = [line.replace(lesson.PASS, f"<span style='color:{PASS_COLOR}'>{lesson.PASS}</span>")
                 .replace(lesson.FAIL, f"<span style='color:{FAIL_COLOR}'>{lesson.FAIL}</span>")
             for line in lines]
    lines[0] = f"<b>{lines[0]}</b>"
    if hint_last and len(lines) > 1:
        lines[-1] = f"<i>{lines[-1]}</i>"
    return "<br>".join(lines)


class LessonPanel(Retranslates, QDockWidget):
    """The guided lesson, as a dock widget (objectName "lesson")."""

    configRequested = Signal(object)   # a SimConfig: "Set up this step" was pressed
    stepChanged = Signal(int)          # the new step index, after Previous / Next / set_step

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lesson")
        self._index = 0
        self._result = None

        self.counter = QLabel(objectName="lesson_counter")
        self.counter.setStyleSheet("color: #666;")
        self.title = QLabel(objectName="lesson_title", wordWrap=True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(objectName="lesson_text", wordWrap=True)
        self.body.setTextFormat(Qt.RichText)
        self.body.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.formula = FormulaLabel(objectName="lesson_formula")

        # The step's words scroll; the check, the button and the navigation stay in view.
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(3, 0, 4, 0)   # (left: clear of its focus ring)
        for widget in (self.title, self.body, self.formula):
            page_layout.addWidget(widget)
        page_layout.addStretch(1)
        self.scroll = QScrollArea(objectName="lesson_scroll", widgetResizable=True)
        self.scroll.setWidget(page)
        self.scroll.setFrameShape(QFrame.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.setup_button = push_button(objectName="lesson_setup")
        self.setup_button.clicked.connect(self._on_setup_clicked)
        self.check = QLabel(objectName="lesson_check", wordWrap=True)
        self.check.setTextFormat(Qt.RichText)
        self.check.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # its width is the dock's, not its own: a longer check (the settings that differ from
        # the step) would widen the dock and narrow the plots
        # (Preferred, not Minimum: held to its size hint, worked out at a narrower width, it
        # was taller than its scroll area, its last line cut, at steps 4, 7 and 13 in English)
        policy = QSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)   # (its scroll area makes it as tall as its lines)
        self.check.setSizePolicy(policy)

        # Window-wide shortcuts (the dock's actions: wherever the focus is, while the panel
        # shows), and a presenter's remote's PageUp, PageDown, which no field takes (`wheel_guard`)
        self.previous_action = self._action("lesson_previous", ("Alt+Left", "PgUp"),
                                            QStyle.SP_ArrowBack, self._on_previous)
        self.next_action = self._action("lesson_next", ("Alt+Right", "PgDown"),
                                        QStyle.SP_ArrowForward, self._on_next)
        self.previous_button = self._nav_button(self.previous_action)
        self.next_button = self._nav_button(self.next_action)
        self.next_button.setLayoutDirection(Qt.RightToLeft)   # its arrow after the text

        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addStretch(1)
        nav.addWidget(self.counter)
        nav.addStretch(1)
        nav.addWidget(self.next_button)

        content = QWidget(objectName="lesson_content")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(nav)
        layout.addWidget(self.scroll, 1)
        # the check scrolls too where it needs more than the step's text leaves (at a larger
        # desktop font its list of differing settings hid the step's text and formula)
        self.check_scroll = QScrollArea(objectName="lesson_check_scroll", widgetResizable=True)
        self.check_scroll.setWidget(self.check)
        self.check_scroll.setFrameShape(QFrame.NoFrame)
        self.check_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        layout.addWidget(self.check_scroll)
        # last, where it stays put: above the check it moved with each step's check (a
        # student's tour: 489 → 579 pixels down under the cursor after a click)
        layout.addWidget(self.setup_button)
        for area in (self.scroll, self.check_scroll):   # (Tab stops: their keys scroll them)
            theme.FocusFrame(area)
        self.setWidget(content)
        self.retranslate()

    def step_actions(self) -> list[QAction]:
        """Previous and Next, worded for a list of every key (Help ▸ Keyboard shortcuts): new
        actions that trigger nothing."""
        listed = []
        for action, text in ((self.previous_action, translate("Lesson", "Lesson: previous step")),
                             (self.next_action, translate("Lesson", "Lesson: next step"))):
            listed.append(QAction(text))
            listed[-1].setShortcuts(action.shortcuts())
        return listed

    def _action(self, name: str, keys: tuple[str, ...], icon, slot) -> QAction:
        action = QAction(self.style().standardIcon(icon), "", self, objectName=name)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _nav_button(self, action: QAction) -> QPushButton:
        """A button that shows and triggers `action`. A push button, not a QToolButton with
        the action as its default: right to left (Next, its arrow after the text), a tool
        button puts its text against its left edge."""
        button = push_button(action.icon(), "", objectName=action.objectName() + "_button")
        button.setFocusPolicy(Qt.TabFocus)   # a click leaves the focus where it was
        button.clicked.connect(action.trigger)

        def follow() -> None:
            button.setText(action.text())
            button.setToolTip(action.toolTip())
            button.setEnabled(action.isEnabled())
        action.changed.connect(follow)
        follow()
        return button

    def _fit_check(self) -> None:
        """The check as tall as its lines where the step's text leaves the room, else as tall
        as CHECK_SHARE of the panel (or the room left, if more), scrolled."""
        content = self.widget()
        layout = content.layout()
        margins = layout.contentsMargins()
        page = self.scroll.widget()
        text = page.heightForWidth(self.scroll.viewport().width())
        if text < 0:   # (not laid out yet)
            text = page.sizeHint().height()
        others = (margins.top() + margins.bottom() + 3 * layout.spacing() + text
                  + self.previous_button.sizeHint().height()
                  + self.setup_button.sizeHint().height())
        room = max(int(CHECK_SHARE * content.height()), content.height() - others)
        width = self.check_scroll.width()
        needed = self.check.heightForWidth(width)
        scrolls = needed > room
        if scrolls:   # beside its scroll bar
            needed = self.check.heightForWidth(
                width - self.check_scroll.verticalScrollBar().sizeHint().width())
        self.check_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded if scrolls
                                                     else Qt.ScrollBarAlwaysOff)
        self.check_scroll.setFixedHeight(max(1, min(needed, room)))

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit_check()

    # -- the interface the window uses ------------------------------------------------------
    def make_toggle_action(self, parent) -> QAction:
        """A checkable F1 action that shows and hides the dock and follows it (not the dock's
        toggleViewAction: the dock re-titles that one, and its mnemonic is lost)."""
        action = QAction(parent, objectName="lesson_action", checkable=True)
        action.setShortcut(QKeySequence("F1"))
        action.toggled.connect(self.setVisible)
        self.visibilityChanged.connect(action.setChecked)
        return action

    def steps(self) -> int:
        """How many steps the lesson has."""
        return len(STEPS)

    def step(self) -> int:
        """The index (0 … steps() − 1) of the step shown."""
        return self._index

    def set_step(self, index: int) -> None:
        """Show step `index`, clamped to the valid range; `stepChanged` if it changed."""
        index = max(0, min(int(index), self.steps() - 1))
        if index == self._index:
            return
        self._index = index
        self._show_step()
        self.stepChanged.emit(index)

    def set_result(self, result) -> None:
        """The result (Monte Carlo or theory-only) of the config the window shows now. Hidden,
        the panel words no check (3 ms a frame of a drag, read by nobody): the window gives it
        the result shown again as it opens (`visibilityChanged`)."""
        self._result = result
        if self.isVisible():
            self._show_check()

    def check_text(self) -> str:
        """The live check of the result given last, in plain text."""
        return self._check()[1]

    def current(self) -> lesson.Step:
        return STEPS[self._index]

    # -- words -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Word everything in the current language (also the step and its check)."""
        self.setWindowTitle(translate("Lesson", "Lesson"))
        self.scroll.setAccessibleName(translate("Lesson", "Lesson text"))
        self.check_scroll.setAccessibleName(translate("Lesson", "Live check"))
        self.previous_action.setText(translate("Lesson", "Previous"))
        self.next_action.setText(translate("Lesson", "Next"))
        for action, tip in ((self.previous_action, translate("Lesson", "Previous step ({keys})")),
                            (self.next_action, translate("Lesson", "Next step ({keys})"))):
            action.setToolTip(tip.format(
                keys=action.shortcut().toString(QKeySequence.NativeText)))
        self.setup_button.setText(translate("Lesson", "Set up this step"))
        # as wide as its widest count ("step 10 of 13" had widened the panel, a student's tour)
        counts = (translate("Lesson", "step {index} of {count}").format(
            index=index, count=self.steps()) for index in range(1, self.steps() + 1))
        self.counter.setMinimumWidth(max(map(self.counter.fontMetrics().horizontalAdvance,
                                             counts)))
        self.setup_button.setToolTip(translate(
            "Lesson", "Load this step's setting into the controls (the rest returns to the "
                      "defaults)"))
        self._show_step()

    def _show_step(self) -> None:
        step = self.current()
        self.counter.setText(translate("Lesson", "step {index} of {count}").format(
            index=self._index + 1, count=self.steps()))
        self.title.setText(translate("Lesson", step.title))
        self.body.setText(paragraphs_html(translate("Lesson", step.text)))
        self.formula.setText(formula_html(translate("Lesson", step.formula)))
        if self._index == 0:   # to the step's text, where Next's last step leaves it
            focus_away_before_disabling(self.previous_button, to=self.scroll)
        self.previous_action.setEnabled(self._index > 0)
        self.next_action.setEnabled(self._index < self.steps() - 1)
        self.scroll.verticalScrollBar().setValue(0)
        self._show_check()

    def _check(self) -> tuple[bool | None, str]:
        """Whether the step's check holds (None: no result yet), and its words."""
        result = self._result
        if result is None or (result.monte_carlo is None and result.theory is None):
            return None, translate("Lesson", "Live check: waiting for a result…")
        outcome = lesson.evaluate(self.current(), result.config, verdict(result))
        return outcome.holds, lesson.outcome_text(self.current(), outcome)

    def _show_check(self) -> None:
        holds, plain = self._check()
        hint_shown = holds is False and bool(self.current().hint)
        self.check.setText(_check_html(plain, hint_shown))
        self.check.setStyleSheet(f"QLabel {{ {CHECK_STYLES[holds]} padding: 6px; }}")
        self._fit_check()

    # -- slots -----------------------------------------------------------------------------
    def _on_previous(self) -> None:
        self.set_step(self._index - 1)

    def _on_next(self) -> None:
        self.set_step(self._index + 1)

    def _on_setup_clicked(self) -> None:
        self.configRequested.emit(self.current().sim_config())
