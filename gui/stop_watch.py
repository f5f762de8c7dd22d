"""The watch over a worker told to stop: one that has counted no beat for `grace_s` since
(`ProcessExecutor.beats`: suspended, SIGSTOP, a laptop's frozen process) is frozen, and the
runner replaces it; one that counts on is busy in a long step (the phase diagram's critical
line of gelu takes seconds without looking) and is left to finish it. And the words said
when a worker ends: frozen, out of memory, or otherwise."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal

from .i18n import translate

WORKER_DIED = QT_TRANSLATE_NOOP("Runner", "the worker process stopped unexpectedly (out of "
                                          "memory?), exit code {code}")
WORKER_OUT_OF_MEMORY = QT_TRANSLATE_NOOP("Runner", "the system stopped the worker process: "
                                                   "out of memory (not retried)")
WORKER_STUCK = QT_TRANSLATE_NOOP("Runner", "the worker process did not answer for {seconds} s "
                                           "(suspended?)")

# (a frozen worker had kept the next change "computing…" until it was woken: a long-session
# tour; the worker counts a beat every 0.5 s)
STOP_GRACE_S = 3.0


class StopWatch(QObject):
    """`start` when a job is told to stop, `stop` when the job ends; `frozen` if its worker
    counts no beat for `grace_s` meanwhile. Executors without beats (on the GUI thread) are
    never watched."""

    frozen = Signal()

    def __init__(self, executor, parent=None):
        super().__init__(parent)
        self.executor = executor
        self.grace_s = STOP_GRACE_S
        self._beats = -1
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._look)

    def start(self) -> None:
        if hasattr(self.executor, "beats") and not self._timer.isActive():
            self._beats = self.executor.beats()
            self._timer.start(round(1000 * self.grace_s))

    def stop(self) -> None:
        self._timer.stop()

    def _look(self) -> None:
        beats = self.executor.beats()
        if beats == self._beats:
            self.frozen.emit()
        else:   # busy: look again
            self._beats = beats
            self._timer.start()


def death_text(death, frozen_s: float | None) -> str:
    """The words for a worker's end (`gui.executors.Death`), in the window's language;
    `frozen_s`: it was killed as frozen after so many seconds."""
    if frozen_s is not None:
        return translate("Runner", WORKER_STUCK).format(seconds=f"{frozen_s:g}")
    return translate("Runner", WORKER_OUT_OF_MEMORY if death.out_of_memory
                     else WORKER_DIED).format(code=death.code)
