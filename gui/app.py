"""Starting the GUI: the QApplication, the window with its saved state, the headless export;
and ending it: a window is deleted before the interpreter exits."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from engine import SimConfig

from . import qt_process

EXPORT_SIZE = (1500, 940)   # the window's default size: the export looks like the window
TAB_EXPORT_SIZE = (1213, 856)   # a tab's page in a window of EXPORT_SIZE (measured)


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


def training_image(config: SimConfig, compare: str = "single", scale: float = 1.0,
                   language: str | None = None, progress=None):
    """`training_figure` as a QImage `scale` times its pixels: (QImage, its stop's step)."""
    from . import figures

    return training_figure(config, lambda figure: figures.image(figure, scale), compare,
                           language, progress)


def training_figure(config: SimConfig, use, compare: str = "single",
                    language: str | None = None, progress=None, slide: bool = False):
    """The Training tab of `config` trained to its last step, alone or, instead, the lecture's
    four inits of it (`compare`: "single" or "inits"), as a headless figure made into what
    `use(figure)` returns (a PNG's or PDF's bytes, an image…) while the tab lives: (that,
    the step reached when interrupted, else None). `progress(step, total, steps_per_second)`
    hears the training about ten times a second. The first Ctrl+C stops it after the current
    chunk and the steps done are rendered (None before the first step: step 0); a second one
    ends the process at once. ConfigError when the runs cannot train (a network too large,
    MNIST's files unreadable). `slide`: the tab laid out at 16:9."""
    from PySide6.QtCore import QEventLoop, Qt

    from engine import ConfigError
    from engine.training.terminal import first_interrupt_stops

    from .executors import SyncExecutor
    from .main_window import MainWindow
    from .training_session import DONE, PAUSED

    app = make_app(headless=True)
    if language is None:
        from . import settings

        language = settings.load().language
    # from before the window is made (a second or so): a Ctrl+C then raised KeyboardInterrupt
    # inside Qt's calls, a traceback
    with first_interrupt_stops() as stop:
        window = MainWindow(config, executor=SyncExecutor(), language=language)
        try:
            window.resize(*EXPORT_SIZE)
            window.setAttribute(Qt.WA_DontShowOnScreen, True)
            window.show()
            view = window.tabs.training
            view.session.take_time_for_regions()
            window.tabs.setCurrentWidget(view)
            view.set_mode(compare)
            failures = []
            view.session.failed.connect(failures.append)
            if view.problem() is not None:
                raise view.problem()
            if stop:
                return None, 0   # before any step: nothing to draw
            view.start()
            while view.session.state() not in (DONE, PAUSED) and not failures and not stop:
                app.processEvents(QEventLoop.AllEvents, 50)
                if progress is not None:
                    progress(view.session.step(), view.session.total(),
                             view.session.steps_per_second())
            view.pause()
            if failures:
                failure = failures[0]
                raise failure if isinstance(failure, ConfigError) \
                    else ConfigError("train", str(failure))
            # and the regions of the step reached, on the finest grid (a README tour's were
            # a chunk's coarse ones: the still regions were on their way); where those fail
            # (memory), the figure has the regions it had
            while view.session.runner.is_busy(view.channel()) and not failures and not stop:
                app.processEvents(QEventLoop.AllEvents, 50)
            from . import figures

            # (draws what waits to be drawn)
            return use(figures.tab_figure(view, slide)), view.session.step() if stop else None
        finally:
            dispose(window)


def tab_figure(window, view: str, layer: int | None = None, gains: tuple | None = None,
               slide: bool = False):
    """Lay out `window` off screen with the tab `view` shown, let it compute everything (an
    analysis tab's theory steps and jobs), and give that tab's figure (`layer`: the
    Activation tab's, once it has its result; `gains`: the Sweep tab's (low, high, count);
    `slide`: laid out at 16:9)."""
    from PySide6.QtCore import QEventLoop, Qt

    from engine import ConfigError

    from .analysis import AnalysisPanel
    from .config_errors import failure_text

    window.setAttribute(Qt.WA_DontShowOnScreen, True)
    window.show()
    app = make_app()
    panel = getattr(window.tabs, view)   # built when first asked for
    if gains is not None:
        panel.set_range(*gains)
    if isinstance(panel, AnalysisPanel):
        panel.holds = False   # (the command line said its cost, or refused it)
    window.tabs.setCurrentWidget(panel)
    if isinstance(panel, AnalysisPanel):
        while not panel.is_current():
            if panel.halted():   # failed: said, not waited for without end (the failure
                # alone: the status's "“Run again” retries" names a button the line has not)
                said = (lambda: failure_text(panel.failure)) if panel.failure is not None \
                    else panel.status_words
                raise ConfigError("export", f"the {view} tab has no result: {_in_english(said)}")
            app.processEvents(QEventLoop.WaitForMoreEvents, 50)
    for _ in range(3):
        app.processEvents()
    if layer is not None:
        panel.set_layer(layer)
    from . import figures

    return figures.tab_figure(panel, slide)


def _in_english(words) -> str:
    """`words()` said in English, as the command line's other words are (a tab's status, in
    the figure's language, had made a line of two languages)."""
    from . import i18n

    language = i18n.current()
    i18n.install(i18n.SOURCE)
    try:
        return words()
    finally:
        i18n.install(language)


def _weights_figure(config: SimConfig, use, language: str, layer: int | None,
                    slide: bool = False):
    """`view_figure` of the Weights tab, made on its own at the size it has in an exported
    window (a review: `--view weights` of a large net ran, or was refused for, a Monte Carlo
    that nothing showed)."""
    from PySide6.QtCore import Qt

    from . import i18n
    from .weights_view import WeightsView

    app = make_app(headless=True)
    i18n.install(language or i18n.system_language())   # (as MainWindow does)
    view = WeightsView(config)
    try:
        view.setAttribute(Qt.WA_DontShowOnScreen, True)
        view.resize(*TAB_EXPORT_SIZE)
        view.show()
        if layer is not None:
            view.set_layer(layer)
        for _ in range(3):
            app.processEvents()
        from . import figures

        return use(figures.tab_figure(view, slide))
    finally:
        dispose(view)   # (deleted now, as a window is: not at the interpreter's exit)


def dashboard_figure(window, slide: bool = False):
    """Lay out `window` without showing it on screen and give its dashboard's figure (for a
    `slide`: laid out at 16:9)."""
    from PySide6.QtCore import Qt

    window.setAttribute(Qt.WA_DontShowOnScreen, True)
    window.show()
    app = make_app()
    for _ in range(3):  # let layouts and pyqtgraph's deferred range updates settle
        app.processEvents()
    from . import figures

    return figures.tab_figure(window.dashboard, slide)


def export_dashboard(config: SimConfig, path: Path, scale: float = 1.0,
                     language: str | None = None) -> None:
    """Simulate `config` and write the dashboard as PNG or PDF (by the suffix of `path`),
    without a window (ConfigError on failure)."""
    from . import files

    view_figure(config, lambda figure: files.save_figure(
        figure, Path(path), scale, figure_title("network"), config), language)


def dashboard_image(config: SimConfig, scale: float = 1.0, language: str | None = None,
                    view: str = "network", layer: int | None = None):
    """`view_figure` as a QImage `scale` times its pixels."""
    from . import figures

    return view_figure(config, lambda figure: figures.image(figure, scale), language, view,
                       layer)


def figure_title(view: str) -> str:
    """A figure file's title for the tab `view` (a name of `engine.cli_options.VIEWS`), as the
    window titles its exports, in the language installed (an audit: a PDF made with --lang
    zh_CN was titled "InitLab — network")."""
    from . import window_tabs

    return window_tabs.figure_title(window_tabs.VIEW_TABS[view])


def view_figure(config: SimConfig, use, language: str | None = None, view: str = "network",
                layer: int | None = None, gains: tuple | None = None, stretched: bool = False,
                lecture: bool = False, slide: bool = False, lines: bool = False,
                x_range: float | None = None):
    """The dashboard of `config` (its full-batch result, never a preview), or the tab `view`
    ("sweep", "phase", "spectrum", "activation", "weights") once it has computed everything,
    as a headless figure made into what `use(figure)` returns while the window lives; `layer`:
    the Activation tab's layer (default the last) or the Weights tab's (default the first);
    `gains`: the Sweep tab's (low, high, count)
    (default its first range); `stretched`: the dashboard's heatmaps with each layer stretched
    to their height (View ▸ Stretch each layer); `lecture`: the Activation tab with the
    lecture's σ beside its own (its Compare box), `x_range` its x over ±x_range (its range
    box); `slide`: the tab laid out at 16:9; `lines`:
    the Sweep tab's line view instead of its maps. Jobs run on the calling thread: no worker
    process is started."""
    app = make_app(headless=True)
    from .executors import SyncExecutor
    from .main_window import MainWindow

    if language is None:   # as the window would: the one chosen last time, else the system's
        from . import settings

        language = settings.load().language
    if view == "weights":   # no Monte Carlo needed: the tab alone, without a window running one
        return _weights_figure(config, use, language, layer, slide)
    window = MainWindow(config, executor=SyncExecutor(), language=language)
    try:
        window.resize(*EXPORT_SIZE)
        if stretched:
            window.menus.stretch_action.setChecked(True)
            window.dashboard.stretch_layers(True)
        if lecture:
            window.tabs.activation.set_compared(True)
        if x_range is not None:
            window.tabs.activation.set_x_range(x_range)
        if lines:
            mode = window.tabs.sweep.mode
            mode.setCurrentIndex(mode.findData("lines"))
        app.processEvents()   # the result the executor computed reaches the window
        if view in ("network", "activation"):    # the tabs that show it; the command line
            window.show_full_result(held_too=True)   # said its cost (engine.cost.check_cost)
        return use(dashboard_figure(window, slide) if view == "network"
                   else tab_figure(window, view, layer, gains, slide))
    finally:
        dispose(window)
