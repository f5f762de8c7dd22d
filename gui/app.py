"""Starting the GUI: the QApplication, the window with its saved state; and ending it: a window
is deleted before the interpreter exits. (Figures made without a window shown: `headless`.)"""

from __future__ import annotations

import os
import sys

from engine import SimConfig

from . import qt_process


def make_app(headless: bool = False):
    """The QApplication (created once). `headless` renders offscreen unless told otherwise."""
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            qt_process.quiet_messages()
        qt_process.before_qt()
        app = QApplication(sys.argv[:1])
        app.setOrganizationName("InitLab")
        app.setApplicationName("InitLab")
        from .theme import light_scheme
        light_scheme(app)
    qt_process.after_qt()
    return app


def run_app(config: SimConfig | None = None, config_given: bool = False,
            language: str | None = None, recorded: dict | None = None) -> int:
    """Open the window and run until it closes (the exit status); 1 with one line on stderr
    when this machine cannot show a window. `language`: the window's (default: the one chosen
    last time, else the system's); `recorded`: as `create_window`'s."""
    from .display_check import display_problem, say_unseen

    problem = display_problem()
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    say_unseen()
    app = make_app()
    _close_on_signals(app)
    window = create_window(config, config_given, language=language, recorded=recorded)
    window.show()
    try:
        return app.exec()
    finally:
        dispose(window)


def dispose(window) -> None:
    """Close `window` and delete it now, while Python is whole. Left to the interpreter's exit,
    its plot items are destroyed after Python has begun to finalize, and an item whose
    destructor calls back into Python crashed the process (SIGSEGV, about 1 exit in 60 under
    load)."""
    import gc

    from PySide6.QtCore import QCoreApplication, QEvent

    window.setProperty("ending", True)   # (nobody to ask: `close_unsaved`)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(window, QEvent.DeferredDelete)
    # its Python-owned objects in reference cycles (pyqtgraph's parentless QMenus among them)
    # are destroyed now, on the GUI thread, not by a collection that any thread may run
    gc.collect()


def _close_on_signals(app) -> None:
    """Ctrl+C, a termination request or a hang-up (the terminal closed) closes the windows as
    their close buttons would (the settings are saved and the worker process is shut down),
    instead of killing the process. Installed before the window is made: a signal during the
    start-up closes it as soon as the event loop runs (closed before, the window would be
    gone and the loop would never end). A second signal before the first was served (a
    start-up that hangs) ends the process as if no handler were installed."""
    import os
    import signal

    from PySide6.QtCore import QTimer

    pending = []

    def serve() -> None:
        pending.clear()
        app.setProperty("ending", True)   # (nobody to ask: `close_unsaved`)
        app.closeAllWindows()

    def close(signum, _frame) -> None:
        if pending:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        pending.append(signum)
        QTimer.singleShot(0, serve)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):   # SIGHUP: POSIX only
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    # Python runs signal handlers only between bytecodes; Qt's loop is C++, so wake it.
    timer = QTimer(app, interval=200)
    timer.timeout.connect(lambda: None)
    timer.start()


def create_window(config: SimConfig | None = None, config_given: bool = False, executor=None,
                  language: str | None = None, recorded: dict | None = None):
    """The window with the saved state: without `config_given`, the last session's config;
    the window geometry, language (unless `language` is given) and lesson step either way;
    the tab a --config file's figure shows where it `recorded` one (`file_settings`: the
    Training tab's comparison, the Sweep tab's gains). A problem with the
    store is shown in the status bar, a missing font for the language too. `executor`: where
    its jobs run (default: a worker process)."""
    make_app()
    from PySide6.QtCore import QT_TRANSLATE_NOOP

    from . import i18n, screen_fit, settings
    from .main_window import MainWindow

    stored = settings.load()
    start = config if config_given or stored.config is None else stored.config
    window = MainWindow(start or SimConfig(), persist=True, executor=executor,
                        language=language or stored.language, lesson_step=stored.lesson_step,
                        chosen_language=stored.language)   # (--lang: this launch's alone)
    if stored.grey_safe != window.menus.grey_safe_action.isChecked():
        window.menus.grey_safe_action.trigger()
    window.restore_view(stored.tab, stored.lesson_open, stored.compare, stored.sweep, recorded)
    if stored.geometry is not None:
        if window.restoreGeometry(stored.geometry):
            screen_fit.keep_on_screen(window)   # saved on a larger screen, perhaps
        else:
            stored.problem = stored.problem or QT_TRANSLATE_NOOP(
                "Settings", "the saved window geometry is unreadable")
    problem = i18n.missing_font(i18n.current())
    if stored.newer:   # closing would overwrite a newer version's settings (a tour)
        window.keep_settings_file()
    if stored.problem:
        # the defaults only where the config was not restored (an unknown language alone
        # had said "using the defaults" beside the restored config)
        said = (QT_TRANSLATE_NOOP("App", "Settings not restored: {problem}; using the defaults")
                if stored.config is None else
                QT_TRANSLATE_NOOP("App", "Some settings not restored: {problem}"))
        window.statusBar().showMessage(i18n.translate("App", said).format(
            problem=stored.problem_text()), 15000)
    elif problem:
        window.statusBar().showMessage(problem, 30000)
    return window
