"""The Training tab's mark in the tab bar: a pie of the steps done while its session runs,
a tick or a "!" for a session that ended or stopped while another tab showed, until the tab
is shown again; the tab's tooltip says the step and the status."""

import numpy as np
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QPixmap

from engine import SimConfig
from engine.training import TrainRequest
from gui import theme
from gui.lazy_tabs import LazyTabs
from gui.training_session import DONE, IDLE, PAUSED, RUNNING
from gui.window_tabs import NETWORK_TAB, SHORT_TAB_NAMES, TAB_NAMES, TRAINING_TAB

TRAIN = {"depth": 3, "width": 16, "batch": 32, "task": "teacher", "steps": 1500}


def mark_pixels(tabs, color: str) -> int:
    """How many of the Training tab's icon pixels are `color` (0: no icon)."""
    icon = tabs.mark(TRAINING_TAB)
    if icon is None:
        return 0
    image = icon.pixmap(16).toImage().convertToFormat(QImage.Format_ARGB32)
    bgra = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)
    rgb = QColor(color).getRgb()[:3]
    return int(np.all(bgra[..., 2::-1] == rgb, axis=-1).sum())


def run_until(qtbot, executor, done) -> None:
    """The runner's jobs run one by one until `done()` (a job starts, and its result comes,
    a pass of the event loop after it is asked for)."""
    while not done():
        qtbot.waitUntil(lambda: executor.running is not None or done(), timeout=5000)
        if executor.running is not None:
            executor.finish()


def training_tab(window, executor, qtbot, config: dict):
    """The Training tab made and given `config`, step 0 shown, the Network tab shown (the
    tabs' full names: the window wide)."""
    window.resize(1400, 800)
    window.tabs.setCurrentIndex(TRAINING_TAB)
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None)
    view = window.tabs.training
    view.set_config(SimConfig.from_dict(config), training=True)
    run_until(qtbot, executor, lambda: view.session.chunk() is not None)
    window.tabs.setCurrentIndex(NETWORK_TAB)
    return view


def test_a_session_running_unseen_shows_its_progress_then_its_end_until_seen(manual, qtbot):
    """A tour: started, then the Network tab shown, the training ran on with no sign of it,
    and its end (or its divergence) went unnoticed."""
    window, executor = manual
    tabs = window.tabs
    view = training_tab(window, executor, qtbot, TRAIN)
    highlight = tabs.palette().color(QPalette.Highlight).name()
    assert tabs.mark(TRAINING_TAB) is None and tabs.tabToolTip(TRAINING_TAB) == ""
    view.start()
    assert view.session.state() == RUNNING
    shares = []   # (at step 0 the pie's ring alone)
    while view.session.state() == RUNNING and view.session.step() < 1000:
        step = view.session.step()
        run_until(qtbot, executor, lambda: view.session.step() > step)
        shares.append(mark_pixels(tabs, highlight))
        assert tabs.tabToolTip(TRAINING_TAB).startswith(
            f"step {view.session.step()} of {TRAIN['steps']} · training") \
            or view.session.state() != RUNNING
    assert shares[-1] > shares[0] > 0   # the pie grows with the steps done
    tabs.setCurrentIndex(TRAINING_TAB)   # the tab shown has its own progress bar
    assert tabs.mark(TRAINING_TAB) is None and tabs.tabToolTip(TRAINING_TAB) == ""
    tabs.setCurrentIndex(NETWORK_TAB)
    assert mark_pixels(tabs, highlight) == shares[-1]
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE
    green, red = theme.VERDICT_COLORS["stable"], theme.INVALID
    assert mark_pixels(tabs, green) > 5 and mark_pixels(tabs, red) == 0
    assert tabs.tabToolTip(TRAINING_TAB).startswith(
        f"step {TRAIN['steps']} of {TRAIN['steps']} · done")
    tabs.setCurrentIndex(TRAINING_TAB)   # seen: unmarked
    assert tabs.mark(TRAINING_TAB) is None and tabs.tabToolTip(TRAINING_TAB) == ""
    tabs.setCurrentIndex(NETWORK_TAB)
    assert tabs.mark(TRAINING_TAB) is None
    # drawn for a screen of twice the pixels too (a window moved there), not magnified
    view = training_tab(window, executor, qtbot, {**TRAIN, "steps": 40})
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    size = theme.pixels(tabs.tabBar().BADGE)
    assert tabs.mark(TRAINING_TAB).pixmap(QSize(size, size), 2.0).width() == 2 * size

    # an end seen as it came leaves no mark
    view = training_tab(window, executor, qtbot, {**TRAIN, "steps": 40})
    tabs.setCurrentIndex(TRAINING_TAB)
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE and tabs.mark(TRAINING_TAB) is None

    # diverged while unseen: stopped, not done
    view = training_tab(window, executor, qtbot, {**TRAIN, "activation": "relu", "init": "he",
                                                   "gain": 10.0, "depth": 20,
                                                   "optimizer": "sgd"})
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE and view.session.step() < TRAIN["steps"]
    assert mark_pixels(tabs, red) > 5 and mark_pixels(tabs, green) == 0
    assert "stopped: training diverged" in tabs.tabToolTip(TRAINING_TAB)


def test_a_stop_unseen_is_marked_until_seen_an_end_until_its_session_is_replaced(manual,
                                                                                  qtbot):
    """A review: a network made too large, then a valid one again, started a new session
    that did not run, and its "!" had gone with no sign that training had stopped. Its runs
    could no longer be made: the tab keeps why until shown; a finished session replaced by a
    new one has nothing left to show."""
    window, executor = manual
    tabs = window.tabs
    view = training_tab(window, executor, qtbot, TRAIN)
    view.start()
    run_until(qtbot, executor, lambda: view.session.step() > 0)
    window.set_config(SimConfig.from_dict({**TRAIN, "depth": 2000, "width": 1024}))
    qtbot.waitUntil(lambda: view.session.state() == PAUSED)
    assert mark_pixels(tabs, theme.INVALID) > 5
    why = tabs.tabToolTip(TRAINING_TAB)
    assert "Cannot train: widths" in why
    window.set_config(SimConfig.from_dict({**TRAIN, "width": 17}))   # a new session, not run
    assert view.session.state() == IDLE
    assert mark_pixels(tabs, theme.INVALID) > 5 and tabs.tabToolTip(TRAINING_TAB) == why
    tabs.setCurrentIndex(TRAINING_TAB)
    assert tabs.mark(TRAINING_TAB) is None

    view = training_tab(window, executor, qtbot, {**TRAIN, "steps": 40})
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert mark_pixels(tabs, theme.VERDICT_COLORS["stable"]) > 5
    window.set_config(SimConfig.from_dict({**TRAIN, "steps": 40, "width": 17}))
    assert view.session.state() == IDLE and tabs.mark(TRAINING_TAB) is None


def fail_next(qtbot, executor, message: str) -> None:
    """The runner's next training chunk fails with `message` (other jobs run)."""
    run_until(qtbot, executor, lambda: executor.running is not None
              and isinstance(executor.running[2], TrainRequest))
    gen, _, _ = executor.running
    executor.running = None
    executor.report("failed", gen, message)


def test_a_failure_unseen_marks_the_tab_stopped_running_or_not(manual, qtbot):
    """A review: a chunk of a session not running (the last regions of one ended unseen, a
    Step's few steps) that failed left a tick, or no mark, beside "Training failed"."""
    window, executor = manual
    tabs = window.tabs
    view = training_tab(window, executor, qtbot, TRAIN)
    view.start()
    fail_next(qtbot, executor, "out of memory")
    qtbot.waitUntil(lambda: view.session.state() == PAUSED)
    assert mark_pixels(tabs, theme.INVALID) > 5
    assert "Training failed: out of memory" in tabs.tabToolTip(TRAINING_TAB)

    # Step pressed, then another tab shown: a session not running, its chunk failed
    view = training_tab(window, executor, qtbot, TRAIN)
    tabs.setCurrentIndex(TRAINING_TAB)
    view.step()
    assert view.session.state() == PAUSED
    tabs.setCurrentIndex(NETWORK_TAB)
    assert tabs.mark(TRAINING_TAB) is None
    fail_next(qtbot, executor, "out of memory (step)")
    qtbot.waitUntil(lambda: mark_pixels(tabs, theme.INVALID) > 5)
    assert "Training failed: out of memory (step)" in tabs.tabToolTip(TRAINING_TAB)


def test_a_mark_moves_no_tab_and_is_drawn_beside_its_name(qtbot):
    """A tour at 1024 pixels with the lesson open, in English: drawn as a tab icon the mark
    widened its tab, and every name was shortened and cut ("Netw…", "Tr…") while it showed.
    A badge in the tab's padding moves nothing, and leaves the name's pixels as they were."""
    from PySide6.QtGui import QImage

    tabs = LazyTabs(TAB_NAMES, short=SHORT_TAB_NAMES)
    tabs.retranslate()   # (its names)
    qtbot.addWidget(tabs)
    tabs.show()
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(theme.INVALID))
    bar = tabs.tabBar()
    for width in range(560, 1100, 20):
        tabs.resize(width, 300)
        before = ([tabs.tabText(i) for i in range(tabs.count())],
                  [bar.tabRect(i) for i in range(tabs.count())])
        plain = bar.grab().toImage().convertToFormat(QImage.Format_ARGB32)
        tabs.set_mark(TRAINING_TAB, QIcon(pixmap), "a note")
        after = ([tabs.tabText(i) for i in range(tabs.count())],
                 [bar.tabRect(i) for i in range(tabs.count())])
        assert after == before, width
        marked = bar.grab().toImage().convertToFormat(QImage.Format_ARGB32)
        changed = [(x, y) for x in range(plain.width()) for y in range(plain.height())
                   if plain.pixel(x, y) != marked.pixel(x, y)]
        rect = bar.tabRect(TRAINING_TAB)
        assert changed and all(rect.right() - theme.pixels(bar.BADGE) - 2 <= x <= rect.right()
                               for x, _ in changed), width   # (only in its right padding)
        tabs.set_mark(TRAINING_TAB, None)
        assert tabs.mark(TRAINING_TAB) is None


def test_a_tab_keeps_its_mark_when_its_page_is_made(qtbot):
    """A review: the page put in place of its placeholder dropped the tab's icon."""
    from PySide6.QtWidgets import QLabel

    tabs = LazyTabs(TAB_NAMES, short=SHORT_TAB_NAMES)
    qtbot.addWidget(tabs)
    tabs.set_maker(TRAINING_TAB, QLabel)
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(theme.INVALID))
    tabs.set_mark(TRAINING_TAB, QIcon(pixmap), "a note")
    tabs.page(TRAINING_TAB)
    assert mark_pixels(tabs, theme.INVALID) == 16 * 16
    assert tabs.tabToolTip(TRAINING_TAB) == "a note"
