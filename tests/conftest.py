"""Shared test set-up: Qt renders offscreen, and the GUI's settings live in a temporary file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The window speaks the system's language; the tests read English unless they choose another.
for _var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

import pytest  # noqa: E402


@pytest.hookimpl(optionalhook=True)   # (pytest-xdist's hook: the suite runs without it too)
def pytest_xdist_auto_num_workers(config):
    """`-n auto`: one process more than the CPUs this one may use (pyproject.toml's
    --maxprocesses caps it): the GUI tests wait on Qt's timers and on worker processes, a fifth
    of their time here, which a further process fills (the suite on 2 cores: 168 s with 3
    processes, 179 s with 2, back to back). PYTEST_XDIST_AUTO_NUM_WORKERS, where set, decides."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) + 1


@pytest.fixture(autouse=True, scope="session")
def _isolated_settings(tmp_path_factory):
    """Never read or write the user's real InitLab settings (gui.settings honours this)."""
    old = os.environ.get("INITLAB_SETTINGS")
    os.environ["INITLAB_SETTINGS"] = str(tmp_path_factory.mktemp("settings") / "initlab.ini")
    yield
    if old is None:
        os.environ.pop("INITLAB_SETTINGS", None)
    else:
        os.environ["INITLAB_SETTINGS"] = old


@pytest.fixture(autouse=True, scope="session")
def _one_blas_thread():
    """The tests check numbers, not speed: numpy's BLAS runs on one thread, as the window's
    worker process does on a two-core machine. (A threaded BLAS on a CPU shared with other
    work spins while it waits for its threads and runs small products several times slower.)"""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


@pytest.fixture(autouse=True, scope="session")
def _empty_clipboard_at_the_end():
    """A text a test copied (Ctrl+C on the lesson's words, a formula) left on the clipboard
    crashed the test process as it exited, after every test had passed (offscreen Qt)."""
    yield
    import sys

    if "PySide6.QtGui" in sys.modules:
        from PySide6.QtGui import QGuiApplication

        if QGuiApplication.instance() is not None:
            QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _no_phase_diagram_kept():
    """Each test draws its phase diagrams (`engine.phase` keeps the last ones drawn): what a
    test sees never depends on which tests ran before it in its process."""
    import sys

    phase = sys.modules.get("engine.phase")
    if phase is not None:
        phase.forget_diagrams()


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that switches the window's language does not leave it switched."""
    yield
    import sys

    i18n = sys.modules.get("gui.i18n")
    if i18n is not None and i18n.current() != i18n.SOURCE:
        i18n.install(i18n.SOURCE)


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    """A fresh, empty settings store for one test."""
    path = tmp_path / "initlab-settings.ini"
    monkeypatch.setenv("INITLAB_SETTINGS", str(path))
    return path


# -- GUI fixtures (Qt is imported only by the tests that use them) ------------------------------
SMALL = {"depth": 6, "width": 16, "batch": 32}


@pytest.fixture
def small_config():
    from engine import SimConfig

    return SimConfig.from_dict(SMALL)


@pytest.fixture
def plotted(qtbot):
    """plotted(window): wait until the window plots the Monte Carlo of the config it shows."""

    def wait(window, timeout=15000):
        qtbot.waitUntil(lambda: window.result() is not None
                        and window.result().config == window.config(), timeout=timeout)
        return window.result()

    return wait


@pytest.fixture(scope="module")
def _module_window(qapp):
    """One window for a test file: a window costs most of a second to build, show and plot,
    and most tests only use it (`window` puts it back in its first state before each)."""
    from engine import SimConfig
    from gui import MainWindow
    from gui.executors import SyncExecutor

    w = MainWindow(SimConfig.from_dict(SMALL), executor=SyncExecutor())
    _one_change_at_a_time(w)
    w.show()
    yield w
    delete_window(w)


def _one_change_at_a_time(w) -> None:
    """A test's changes follow each other faster than a person's, which the window would take
    for a stream (a drag) and preview; each is its own change here. Tests of streams hold a
    slider down or set `controller.stream.gap_s` themselves."""
    w.controller.stream.gap_s = 0.0


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    """The widgets a test gave pytest-qt (`qtbot.addWidget`) are deleted as its teardown ends.
    pytest-qt closes them and leaves their deletion to the event loop: a later test's first
    wait deleted them, amid its own window's work (a suite's worker crashed once in CI inside
    such a wait). This is how the app ends its window too (`gui.app.dispose`).
    A window deleted leaves Python-owned Qt objects in reference cycles (pyqtgraph's
    parentless "Plot Options" QMenus, legend samples never shown, spare view boxes): they are
    collected as the test ends, on the GUI thread, not by a later collection at any moment
    and on any thread (xdist's receiver thread runs Python too)."""
    windows = _top_level_count()
    yield
    import sys

    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
            if _top_level_count() < windows:
                _collect_after.append(item.nodeid)


_collect_after: list = []   # tests whose teardown deleted a window


def pytest_runtest_logfinish(nodeid, location):
    """(`pytest_runtest_teardown`'s collection: once pytest has let go of the test's fixture
    values, which hold the window.)"""
    if _collect_after:
        _collect_after.clear()
        import gc

        gc.collect()


def pytest_collection_finish(session):
    """What the imports made (every test module's) out of the collections' way, before any
    window exists: a collection after a window's deletion takes ~12 ms, not ~60 (frozen after
    the first one instead, a file's shared window alive then was never freed, a review)."""
    import gc

    gc.collect()
    gc.freeze()


def _top_level_count() -> int:
    import sys

    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return 0
    return len(widgets.QApplication.topLevelWidgets())


def delete_window(w) -> None:
    """Close and delete a window now: a window left for the event loop to delete would still
    receive events (a later test's language change) while its plots are half gone."""
    from gui.app import dispose

    dispose(w)


def _reset(w, config) -> None:
    """Put a used window back as a new one shows: the config, nothing pinned or undoable,
    the first tab, no lesson, no dialog, no message, the Training tab at its defaults."""
    from PySide6.QtWidgets import QDialog

    from gui.window_tabs import TRAINING_TAB

    for dialog in w.findChildren(QDialog):
        dialog.close()
    w.lesson.hide()
    w.tabs.setCurrentIndex(0)
    training = w.tabs.made(TRAINING_TAB)
    if training is not None:
        training.reset()
        training.set_mode("single")
        training.set_config(config, training=True)
    w.pins.clear()
    w.set_config(config)
    w.history.stack.clear()
    w.dashboard.readout.set_hint("")
    w.statusBar().clearMessage()
    w.resize(1500, 940)


@pytest.fixture
def window(request, qtbot, small_config, plotted):
    """A shown MainWindow on a small config, its first Monte Carlo plotted. Its jobs run on
    the GUI thread (a SyncExecutor), so tests need no timing; tests/test_gui_worker.py checks
    the worker process itself. The file's one window, reset (`_reset`), unless the test is
    marked ``fresh_window`` (it needs a window nothing has touched: tabs never shown)."""
    if request.node.get_closest_marker("fresh_window") is None:
        w = request.getfixturevalue("_module_window")
        _reset(w, small_config)
        plotted(w)
        return w
    from gui import MainWindow
    from gui.executors import SyncExecutor

    w = MainWindow(small_config, executor=SyncExecutor())
    _one_change_at_a_time(w)
    qtbot.addWidget(w)
    w.show()
    plotted(w)
    return w


@pytest.fixture
def manual(qtbot, small_config):
    """A window whose jobs run when the test says (`executor.finish()`), its first Monte
    Carlo plotted: (window, executor)."""
    from worker_probe import ManualExecutor
    from gui import MainWindow

    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    executor.finish()
    qtbot.waitUntil(lambda: window.result() is not None)
    return window, executor
