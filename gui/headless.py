"""Figures made without a window shown (the command line's --export, the tests): a window laid
out off screen at the size it opens at, its tab computed in full on the calling thread, drawn
as a figure; the Training tab's trained first. The language is the window's (`figure_language`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from engine import SimConfig

from .app import dispose, make_app

EXPORT_SIZE = (1500, 940)   # the window's default size: the export looks like the window
TAB_EXPORT_SIZE = (1213, 856)   # a tab's page in a window of EXPORT_SIZE (measured)


def figure_language(language: str | None) -> str | None:
    """A headless figure's language: `language`, else as the window would take it, the one
    chosen last in View ▸ Language (else None: the system's). Said on stderr where that differs
    from the system's (a README tour: a figure for an English paper came out in Chinese, the
    window's language once chosen)."""
    if language is not None:
        return language
    from . import i18n, settings

    chosen, system = settings.load().language, i18n.system_language()
    if chosen is not None and chosen != system:
        print(f"note: the figure is in the language chosen last in the window, {chosen} "
              f"(--lang {system} for the system's)", file=sys.stderr)
    return chosen


def training_image(config: SimConfig, compare: str = "single", scale: float = 1.0,
                   language: str | None = None, progress=None):
    """`training_figure` as a QImage `scale` times its pixels: (QImage or None, the step
    reached when interrupted, else None)."""
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
    language = figure_language(language)
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

    language = figure_language(language)
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
