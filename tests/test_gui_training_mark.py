"""The Training tab's mark in the tab bar: a pie of the steps done while its session runs,
a tick or a "!" for a session that ended or stopped while another tab showed, until the tab
is shown again; the tab's tooltip says the step and the status."""

import numpy as np
from PySide6.QtGui import QColor, QIcon, QImage, QPalette, QPixmap

from engine import SimConfig
from gui import theme
from gui.lazy_tabs import LazyTabs
from gui.training_session import DONE, PAUSED, RUNNING
from gui.window_tabs import NETWORK_TAB, SHORT_TAB_NAMES, TAB_NAMES, TRAINING_TAB

TRAIN = {"depth": 3, "width": 16, "batch": 32, "task": "teacher", "steps": 4000}


def mark_pixels(tabs, color: str) -> int:
    """How many of the Training tab's icon pixels are `color` (0: no icon)."""
    icon = tabs.tabIcon(TRAINING_TAB)
    if icon.isNull():
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
    assert tabs.tabIcon(TRAINING_TAB).isNull() and tabs.tabToolTip(TRAINING_TAB) == ""
    view.start()
    assert view.session.state() == RUNNING
    shares = []
    while view.session.step() < 3000:
        step = view.session.step()
        run_until(qtbot, executor, lambda: view.session.step() > step)
        shares.append(mark_pixels(tabs, highlight))
        assert tabs.tabToolTip(TRAINING_TAB).startswith(
            f"step {view.session.step()} of 4000 · training")
    assert shares[-1] > shares[0] > 0   # the pie grows with the steps done
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE
    green, red = theme.VERDICT_COLORS["stable"], theme.INVALID
    assert mark_pixels(tabs, green) > 20 and mark_pixels(tabs, red) == 0
    assert tabs.tabToolTip(TRAINING_TAB).startswith("step 4000 of 4000 · done")
    tabs.setCurrentIndex(TRAINING_TAB)   # seen: unmarked
    assert tabs.tabIcon(TRAINING_TAB).isNull() and tabs.tabToolTip(TRAINING_TAB) == ""
    tabs.setCurrentIndex(NETWORK_TAB)
    assert tabs.tabIcon(TRAINING_TAB).isNull()

    # an end seen as it came leaves no mark
    view = training_tab(window, executor, qtbot, {**TRAIN, "steps": 40})
    tabs.setCurrentIndex(TRAINING_TAB)
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE and tabs.tabIcon(TRAINING_TAB).isNull()

    # diverged while unseen: stopped, not done
    view = training_tab(window, executor, qtbot, {**TRAIN, "activation": "relu", "init": "he",
                                                   "gain": 10.0, "depth": 20,
                                                   "optimizer": "sgd"})
    view.start()
    run_until(qtbot, executor, lambda: view.session.state() != RUNNING)
    assert view.session.state() == DONE and view.session.step() < 4000
    assert mark_pixels(tabs, red) > 20 and mark_pixels(tabs, green) == 0
    assert "stopped: training diverged" in tabs.tabToolTip(TRAINING_TAB)
    view.reset()   # a new session: nothing to tell
    assert tabs.tabIcon(TRAINING_TAB).isNull() and tabs.tabToolTip(TRAINING_TAB) == ""


def test_a_network_made_too_large_while_training_unseen_marks_the_tab_stopped(manual, qtbot):
    """Its runs can no longer be made: the session pauses, and the tab says why."""
    window, executor = manual
    view = training_tab(window, executor, qtbot, TRAIN)
    view.start()
    run_until(qtbot, executor, lambda: view.session.step() > 0)
    window.set_config(SimConfig.from_dict({**TRAIN, "depth": 2000, "width": 1024}))
    qtbot.waitUntil(lambda: view.session.state() == PAUSED)
    assert mark_pixels(window.tabs, theme.INVALID) > 20
    assert "Cannot train: widths" in window.tabs.tabToolTip(TRAINING_TAB)


def test_a_marked_tab_takes_short_names_where_the_full_ones_no_longer_fit(qtbot):
    """The icon takes room beside the tab's name: the names are fitted again."""
    tabs = LazyTabs(TAB_NAMES, short=SHORT_TAB_NAMES)
    tabs.retranslate()   # (its names)
    qtbot.addWidget(tabs)
    tabs.show()
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(theme.INVALID))
    bar, seen = tabs.tabBar(), set()
    for width in range(560, 900, 4):
        tabs.resize(width, 300)
        for icon in (QIcon(pixmap), None):
            tabs.set_mark(TRAINING_TAB, icon, "a note")
            full = [tabs.tabText(i) for i in range(tabs.count())] == \
                [tabs.full_name(i) for i in range(tabs.count())]
            metrics = bar.fontMetrics()   # the full names' room, whichever names show
            needed = sum(bar.tabSizeHint(i).width() - metrics.horizontalAdvance(tabs.tabText(i))
                         + metrics.horizontalAdvance(tabs.full_name(i))
                         for i in range(tabs.count()))
            assert full == (needed <= width - 4), (width, icon, needed)
            assert tabs.tabToolTip(TRAINING_TAB) == ("a note" if full else "Training\na note")
            seen.add(full)
    assert seen == {True, False}   # (both kinds of name were tried)
