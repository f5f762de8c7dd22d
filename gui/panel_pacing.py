"""The pacing of the Training tab's panels: built, first painted and drawn a piece per pass.

The plots are built one plot item per event-loop pass (each takes 20–30 ms): ahead, while the
window is idle (`build_step_ahead`, paced by `gui.training_ahead`), or when the tab first shows.
Each completed panel is painted in a pass of its own; panels made ahead are revealed one per
pass when the tab first shows; and a chunk is drawn one panel per pass (`queue`): the GUI
thread never spends long on the tab at once. What is built, revealed and drawn is the tab's
(gui/training_view.py); this module only paces it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer

PAINT_WAIT_MS = 250   # the next panel is built after the last one painted, or this long
AFTER_PAINT_MS = 10


class PanelPacer(QObject):
    """Paces the panels of `view` (each has `built` and `build_step()`, which says when the
    panel is complete): `on_built(panel)` sets up a panel just completed, `on_ready()` follows
    the last one. `painted` is the widget whose first paint shows that the tab's controls are
    on screen (one that paints itself: a widget covered by its children gets no paint event)."""

    def __init__(self, view, panels, on_built, on_ready, painted):
        super().__init__(view)
        self._painted = painted
        self._panels = panels
        self._on_built = on_built
        self._on_ready = on_ready
        # the plots are built a piece per event-loop pass once the tab shows (Worded)
        self._ready = False
        self._shown_once = False
        self._reveal: list = []   # panels made ahead, painted one per pass when first shown
        self._builder = QTimer(self, singleShot=True, interval=0)
        self._builder.timeout.connect(self._build_next)
        # A chunk is drawn one panel per event-loop pass (each repaints its own view), always
        # from the newest chunk: the GUI thread never paints the whole tab at once.
        self._pending: list = []
        self._stepper = QTimer(self, singleShot=True, interval=0)
        self._stepper.timeout.connect(self._draw_next)

    def ready(self) -> bool:
        """The plots are built (a piece per event-loop pass: ahead, or once the tab shows)."""
        return self._ready

    def waiting(self) -> bool:
        """Some draw steps still wait for their event-loop pass."""
        return bool(self._pending)

    def build_step_ahead(self) -> None:
        """Build one more plot item while the tab is hidden (the window is idle); once shown,
        the tab goes on by itself."""
        if not self._ready and not self._builder.isActive():
            self._build_next()
            self._builder.stop()   # the window paces the steps while the tab is hidden

    def finish_building(self) -> None:
        """Build what is left of the plots now (an export needs them all)."""
        while not self._ready:
            self._build_next()
        self._builder.stop()
        if not self._reveal:
            for panel in self._panels:
                panel.hold(False)

    def reveal_all(self) -> None:
        """Show now the panels that wait to be revealed one per pass (an export)."""
        while self._reveal:
            self._reveal_next()

    def run_waiting(self) -> None:
        """The draw steps still waiting for their event-loop pass, now (an export)."""
        while self._pending:
            self._pending.pop(0)()

    def show(self) -> None:
        """The tab shows: build on, or reveal the panels made ahead (never painted) one per
        pass, the controls first."""
        if not self._ready:
            self._builder.start()
        elif not self._shown_once:   # made ahead, never painted: the controls first, then
            self._reveal = list(self._panels)   # a panel per pass
            for panel in self._reveal:
                panel.hold(True)
            self._painted.installEventFilter(self)
        self._shown_once = True

    def queue(self, steps) -> None:
        """Run `steps` one per event-loop pass, after those waiting (a step already waiting is
        not queued twice)."""
        self._pending += [step for step in steps if step not in self._pending]
        if not self._stepper.isActive():
            self._stepper.start()

    def replace(self, steps) -> None:
        """Drop the waiting steps, and run `steps` one per event-loop pass."""
        self._pending = list(steps)
        if self._pending:
            self._stepper.start()

    def _build_next(self) -> None:
        """One costly plot item more; a panel just completed is set up for the session."""
        for panel in self._panels:
            if not panel.built:
                if panel.build_step():   # complete: it paints (once) before the next is built
                    self._on_built(panel)
                    panel.viewport().installEventFilter(self)
                    # painted in a pass of its own, not right after this step (a timer, as
                    # the window's own due timers come first)
                    QTimer.singleShot(AFTER_PAINT_MS, panel,
                                      lambda: panel.hold(False))
                    self._builder.start(PAINT_WAIT_MS)
                else:
                    self._builder.start(0)
                return
        self._ready = True
        self._on_ready()

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.Paint and getattr(watched.parent(), "held", False):
            return False   # (a held panel's background: not yet its first paint)
        if event.type() == QEvent.Paint:   # a panel's first paint: build or reveal on
            watched.removeEventFilter(self)
            if self._builder.isActive():   # after the paint's pass, not within it
                self._builder.start(AFTER_PAINT_MS)
            if self._reveal:
                QTimer.singleShot(AFTER_PAINT_MS, self, self._reveal_next)
        return False

    def _reveal_next(self) -> None:
        if self._reveal:
            panel = self._reveal.pop(0)
            if self._reveal:
                panel.viewport().installEventFilter(self)
            panel.hold(False)

    def _draw_next(self) -> None:
        if self._pending:
            self._pending.pop(0)()
        if self._pending:
            self._stepper.start()
