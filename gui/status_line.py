"""The main window's status bar: messages that fit beside its permanent widgets, lasting notes
re-worded on a change of language, the Monte Carlo's timing, its delayed progress bar and
Cancel button, and a held run's cost with the button that starts it."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QStatusBar

from . import texts
from .i18n import translate
from .results import monte_carlo_seconds
from .widgets import DelayedProgress


class StatusBar(QStatusBar):
    """A status bar whose message never runs under its permanent widgets: one too long for the
    room left of them ends in "…" and shows whole in the tooltip. A status bar shows no rich
    text: a formula's n_{t−1} or h^t is shown in Unicode sub- and superscripts."""

    GAP = 12   # pixels between the message and the first permanent widget

    def __init__(self, parent=None):
        super().__init__(parent)
        self._message = ""
        self._until = None   # time.monotonic() when the message goes (None: it stays)
        self._permanent: list = []
        self.messageChanged.connect(self._on_message)

    def _on_message(self, text: str) -> None:
        if not text:   # gone (timed out or cleared): so is its tooltip
            self.setToolTip("")

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:  # Qt override
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)
        widget.installEventFilter(self)   # it moves, grows or hides: the message refits

    def showMessage(self, message: str, timeout: int = 0) -> None:  # Qt override
        self._message = message
        self._until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        self._fit(timeout)

    def currentMessage(self) -> str:  # Qt override: the message as given, not as fitted
        return self._message if super().currentMessage() else ""

    def _fit(self, timeout: int) -> str:
        """Show the message fitted (for `timeout` ms; 0: it stays; < 0: only say how)."""
        text = texts.plain(self._message)
        # Qt draws the message from x = 6 to 2 pixels left of the first visible permanent
        # widget (QStatusBarPrivate::messageRect)
        right = min((w.x() - 2 for w in self._permanent if w.isVisible()),
                    default=self.width() - 12)
        fitted = self.fontMetrics().elidedText(text, Qt.ElideRight, max(right - 6 - self.GAP, 0))
        fitted = fitted or "…"   # (not laid out yet: an empty message would count as gone)
        self.setToolTip(text if fitted != text else "")
        if timeout >= 0:
            super().showMessage(fitted, timeout)
        return fitted

    def _refit(self) -> None:
        shown = super().currentMessage()
        if not shown or self._fit(-1) == shown:
            return   # (showing it again would restart its timeout)
        left = 0 if self._until is None else round(1000 * (self._until - time.monotonic()))
        if self._until is None or left > 0:
            self._fit(left)

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._refit()

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() in (QEvent.Move, QEvent.Resize, QEvent.Show, QEvent.Hide):
            self._refit()
        return False


class StatusLine(QObject):
    """Owns the status bar's own widgets; the window tells it what happens."""

    def __init__(self, bar: QStatusBar, *, run_held, cancel, busy_wanted, parent=None):
        """`run_held()` starts a held run, `cancel()` stops the running one, `busy_wanted()`
        says whether a run now deserves its progress bar (a stream's previews do not)."""
        super().__init__(parent)
        self.bar = bar
        self._note = None     # (source text, timeout, context, values) of the last lasting note
        self._note_shown = None   # … and its words, re-worded only while still shown
        self._timing = None   # (result, preview) last shown
        self._held: tuple | None = None       # (Cost, bytes available) of the held run
        self.timing = QLabel(objectName="timing")
        self.progress = QProgressBar(objectName="progress", maximumWidth=220, maximum=1000)
        self.cancel_button = QPushButton(objectName="cancel")
        self.cancel_button.clicked.connect(cancel)
        # a run estimated long or large waits: what it would cost, and the button that runs it
        self.hold_note = QLabel(objectName="hold_note")
        self.run_button = QPushButton(objectName="run_held")
        self.run_button.clicked.connect(run_held)
        for w in (self.hold_note, self.run_button, self.timing, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
        self.hold_note.hide()
        self.run_button.hide()
        self.busy = DelayedProgress(self.progress, self.cancel_button, self, wanted=busy_wanted)

    # -- notes -------------------------------------------------------------------------------
    def note(self, text: str, timeout: int = 0, context: str = "MainWindow", **values) -> None:
        """Show a message given as source text (a QT_TRANSLATE_NOOP of `context`) with
        `values`: a change of language re-words it. Values that are source text of `context`
        themselves (a preset's name) are worded too."""
        self._note = (text, timeout, context, values)
        self._note_shown = self._note_text()
        self.bar.showMessage(self._note_shown, timeout)

    def _note_text(self) -> str:
        text, _, context, values = self._note
        worded = {k: translate(context, v) if isinstance(v, str) else v
                  for k, v in values.items()}
        return translate(context, text).format(**worded)

    # -- the Monte Carlo -----------------------------------------------------------------------
    def show_timing(self, result, preview: bool) -> None:
        """How long the plotted run took (and that it is a preview)."""
        self._timing = (result, preview)
        seconds = translate("MainWindow", "Monte Carlo {seconds} s").format(
            seconds=f"{monte_carlo_seconds(result):.2f}")
        self.timing.setText(translate("MainWindow", "preview (batch {batch}) · {seconds}").format(
            batch=result.config.batch, seconds=seconds) if preview else seconds)

    def held(self, estimate, free) -> None:
        """A run waits for F5: its cost (`free`: bytes available, or None)."""
        self._held = (estimate, free)
        self._show_hold()

    def estimated(self, estimate) -> None:
        """A run starts (nothing waits any more); a long one says its cost while it runs."""
        self._held = None
        self._show_hold()
        if estimate is not None:
            self.timing.setText(translate(
                "MainWindow", "Monte Carlo running: about {time}, {memory}…").format(
                    time=texts.duration_text(estimate.seconds),
                    memory=texts.bytes_text(estimate.peak_bytes)))

    def _show_hold(self) -> None:
        """The held run's cost and its Run button, or neither."""
        self.hold_note.setVisible(self._held is not None)
        self.run_button.setVisible(self._held is not None)
        if self._held is None:
            return
        estimate, free = self._held
        said = translate("MainWindow", "This run would take about {time} and {memory} of "
                                       "memory").format(
            time=texts.duration_text(estimate.seconds), memory=texts.bytes_text(estimate.peak_bytes))
        if free is not None:
            said = translate("MainWindow", "{said} ({free} available)").format(
                said=said, free=texts.bytes_text(free))
        if free is not None and estimate.peak_bytes > free:
            said = translate("MainWindow", "{said}: more than there is, it would likely fail"
                             ).format(said=said)
        self.hold_note.setText(said)
        self.run_button.setText(translate("MainWindow", "Run it (F5)"))

    def retranslate(self) -> None:
        self.progress.setFormat(translate("MainWindow", "Monte Carlo %p%"))
        self.cancel_button.setText(translate("MainWindow", "Cancel"))
        self._show_hold()
        if self._note is not None and self.bar.currentMessage() == self._note_shown:
            self._note_shown = self._note_text()
            self.bar.showMessage(self._note_shown, self._note[1])
        if self._timing is not None:
            self.show_timing(*self._timing)
