"""The main window's status bar: messages that fit beside its permanent widgets, lasting notes
re-worded on a change of language (a formula's n_{t−1} in Unicode sub- and superscripts), the
Monte Carlo's timing, its delayed progress bar and Cancel button, and a held run's cost with
the button that starts it."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolTip

from . import texts
from .typeset import plain
from .i18n import translate
from .results import monte_carlo_seconds
from .widgets import DelayedProgress, push_button


class StatusBar(QStatusBar):
    """A status bar whose message never runs under its permanent widgets: one too long for the
    room left of them ends in "…" and shows whole in a tooltip over it (Qt cut it without a
    mark, right against the timing)."""

    GAP = 12   # pixels between the message and the first permanent widget

    def __init__(self, parent=None):
        super().__init__(parent)
        self._message = ""   # as given
        self._shown = ""     # as fitted: what Qt draws while it is still its message
        self._until = None   # time.monotonic() when the message goes (None: it stays)
        self._permanent: list = []

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:  # Qt override
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)
        widget.installEventFilter(self)   # it moves, grows or hides: the message refits

    def showMessage(self, message: str, timeout: int = 0) -> None:  # Qt override
        self._message = message
        self._until = time.monotonic() + timeout / 1000 if timeout > 0 else None
        self._show(self._fitted() if message else "", timeout)

    def currentMessage(self) -> str:  # Qt override: the message as given, not as fitted
        shown = super().currentMessage()
        return self._message if shown and shown == self._shown else shown

    def _show(self, fitted: str, timeout: int) -> None:
        self._shown = fitted
        super().showMessage(fitted, timeout)

    def _right(self) -> int:
        """Where the message's room ends: Qt draws it from x = 6 to 2 pixels left of the
        first visible permanent widget (QStatusBarPrivate::messageRect)."""
        return min((w.x() - 2 for w in self._permanent if w.isVisible()),
                   default=self.width() - 12)

    def _fitted(self) -> str:
        fitted = self.fontMetrics().elidedText(self._message, Qt.ElideRight,
                                               max(self._right() - 6 - self.GAP, 0))
        return fitted or "…"   # (not laid out yet: an empty message would count as gone)

    def _refit(self) -> None:
        shown = super().currentMessage()
        if not shown or shown != self._shown:
            return   # gone, or another's (a status tip)
        fitted = self._fitted()
        if fitted == shown:
            return   # (showing it again would restart its timeout)
        left = 0 if self._until is None else round(1000 * (self._until - time.monotonic()))
        if self._until is None or left > 0:
            self._show(fitted, left)

    def event(self, event) -> bool:  # Qt override
        if event.type() == QEvent.ToolTip:   # the whole message, over a cut one only
            cut = self._shown and super().currentMessage() == self._shown \
                and self._shown != self._message
            if cut and event.pos().x() < self._right():
                QToolTip.showText(event.globalPos(), self._message, self)
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.FontChange:
            self._refit()
        return super().event(event)

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
        self._estimate = None   # the cost of the run asked for, said once it runs
        self._running = False
        self._held: tuple | None = None       # (Cost, bytes available) of the held run
        self.timing = QLabel(objectName="timing")
        self.progress = QProgressBar(objectName="progress", maximumWidth=220, maximum=1000)
        self.cancel_button = push_button(objectName="cancel")
        self.cancel_button.clicked.connect(cancel)
        # a run estimated long or large waits: what it would cost, and the button that runs it
        self.hold_note = QLabel(objectName="hold_note")
        self.run_button = push_button(objectName="run_held")
        self.run_button.clicked.connect(run_held)
        for w in (self.hold_note, self.run_button, self.timing, self.progress, self.cancel_button):
            bar.addPermanentWidget(w)
        self.hold_note.hide()
        self.run_button.hide()
        self.busy = DelayedProgress(self.progress, self.cancel_button, self, wanted=busy_wanted)

    # -- notes -------------------------------------------------------------------------------
    def note(self, text: str, timeout: int = 0, context: str = "MainWindow", *,
             typeset: bool = False, **values) -> None:
        """Show a message given as source text (a QT_TRANSLATE_NOOP of `context`) with
        `values`: a change of language re-words it. Values that are source text of `context`
        themselves (a preset's name) are worded too. `typeset`: it holds formulas (a preset's
        hint), shown with Unicode sub- and superscripts since a status bar shows no rich
        text (never a file name: my_run_2.json is no formula). A value may be a function
        of no arguments that words it in the current language."""
        self._note = (text, timeout, context, typeset, values)
        self._note_shown = self._note_text()
        self.bar.showMessage(self._note_shown, timeout)

    def withdraw(self, *texts: str) -> None:
        """Clear the note if it is of one of the source `texts` and still shown (a preset's
        hint once the settings are no longer the preset's: after an Undo it named another
        preset)."""
        if self._note is not None and self._note[0] in texts \
                and self.bar.currentMessage() == self._note_shown:
            self.bar.clearMessage()

    def _note_text(self) -> str:
        text, _, context, typeset, values = self._note
        # (a value given as a function is worded afresh too: an Undo's step, a pin's label;
        # a GUI tour read "已撤销：change of depth" after a change of language)
        worded = {k: v() if callable(v) else translate(context, v) if isinstance(v, str) else v
                  for k, v in values.items()}
        said = translate(context, text).format(**worded)
        return plain(said) if typeset else said

    # -- the Monte Carlo -----------------------------------------------------------------------
    def show_timing(self, result, preview: bool) -> None:
        """How long the plotted run took (and that it is a preview)."""
        self._timing, self._estimate = (result, preview), None
        elapsed = monte_carlo_seconds(result)   # (a small net's "0.00 s" read as none)
        seconds = translate("MainWindow", "Monte Carlo {seconds} s").format(
            seconds=f"{elapsed:.2f}" if elapsed >= 0.005 else "< 0.01")
        self.timing.setText(translate("MainWindow", "preview (batch {batch}) · {seconds}").format(
            batch=result.config.batch, seconds=seconds) if preview else seconds)

    def held(self, estimate, free) -> None:
        """A run waits for F5: its cost (`free`: bytes available, or None)."""
        self._held = (estimate, free)
        self._show_hold()
        self.stopped()   # (the run it replaces, if any, no longer runs)

    def stopped(self) -> None:
        """No run goes on (cancelled, failed or replaced by a held one): the timing of the run
        shown again, not "Monte Carlo running: about 48 s" for ever (a tour)."""
        self._estimate = None
        if self._timing is not None:
            self.show_timing(*self._timing)
        else:
            self.timing.clear()

    def estimated(self, estimate) -> None:
        """A run is asked for (nothing waits for F5 any more); a long one says its cost while
        it runs, not while it waits behind the visible tab's work (`running`)."""
        self._held = None
        self._show_hold()
        self._estimate = estimate
        self._show_estimate()

    def running(self, running: bool) -> None:
        """The network's Monte Carlo runs (its progress bar, after a delay) or not."""
        self._running = running
        self.busy.set_running(running)
        self._show_estimate()

    def _show_estimate(self) -> None:
        estimate = self._estimate
        if estimate is not None and self._running:
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
        self.hold_note.setText(texts.cost_text(*self._held))
        self.run_button.setText(translate("MainWindow", "Run it (F5)"))

    def retranslate(self) -> None:
        self.progress.setFormat(translate("MainWindow", "Monte Carlo %p%"))
        self.cancel_button.setText(translate("MainWindow", "Cancel"))
        self.cancel_button.setAccessibleName(translate("MainWindow", "Cancel the Monte Carlo"))
        self._show_hold()
        if self._note is not None and self.bar.currentMessage() == self._note_shown:
            self._note_shown = self._note_text()
            self.bar.showMessage(self._note_shown, self._note[1])
        if self._timing is not None:
            self.show_timing(*self._timing)
