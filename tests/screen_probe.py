"""Run in a subprocess on an offscreen screen of a chosen size (Qt's offscreen platform
reads its screens from a JSON file): opens the window as a user would, optionally after a
geometry saved on a larger screen, and prints what fits as JSON."""

import faulthandler
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    faulthandler.enable()   # a crash shows its stack in the test's failure message
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QWidget

    from gui.app import create_window, dispose, make_app
    from gui.executors import SyncExecutor
    from gui.widgets import settle_layouts

    app = make_app()
    if len(sys.argv) > 1 and sys.argv[1] == "save-large":   # a session on a larger monitor
        big = create_window(executor=SyncExecutor())
        big.show()
        big.setGeometry(QRect(400, 300, 1880, 1040))
        app.processEvents()
        dispose(big)                                         # saves its geometry
    window = create_window(executor=SyncExecutor())
    window.show()
    # until its first result is plotted and what that posted is laid out (not for a fixed
    # time: 1.5 s of it had spun beside the other tests)
    end = time.monotonic() + 60   # (a hang fails the test, which reads no JSON)
    while (window.result() is None or window.result().config != window.config()) \
            and time.monotonic() < end:
        app.processEvents()
    for _ in range(5):
        settle_layouts()
        app.processEvents()
    area = window.screen().availableGeometry()

    def rect(widget: QWidget) -> list[int]:
        top_left = widget.mapTo(window, QPoint(0, 0))
        return [top_left.x(), top_left.y(), widget.width(), widget.height()]

    views = {name: view.plot.getViewBox().sceneBoundingRect().height()
             for name, view in zip(("profile", "distribution", "forward", "backward"),
                                   window.dashboard.views())}
    controls = window.controls
    scroll = controls.parentWidget().parentWidget()        # the controls' scroll area
    reachable = scroll.verticalScrollBar().maximum() >= 0 and all(
        controls.isAncestorOf(controls.widget(key)) for key in ("depth", "seed"))
    page_area = window.dashboard.parentWidget().parentWidget()   # the tab's scroll area
    print(json.dumps({
        "area": [area.x(), area.y(), area.width(), area.height()],
        "window": [window.geometry().x(), window.geometry().y(), window.width(), window.height()],
        "inside": {name: rect(widget) for name, widget in (
            ("status", window.statusBar()), ("pin", window.pin_bar.pin_button),
            ("readout", window.dashboard.readout), ("problem", controls.problem),
            ("scroll", scroll), ("cancel", window.status_line.cancel_button))},
        "plot_heights": views, "controls_reachable": reachable,
        "scroll_range": scroll.verticalScrollBar().maximum(),
        "page_range": page_area.verticalScrollBar().maximum(),
        "page_bottom": page_area.widget().height() - page_area.viewport().height()}))
    dispose(window)


if __name__ == "__main__":
    main()
