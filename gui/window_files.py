"""The main window's files: open and save a config, export the plots (a tab, or one plot of it)
as PNG or PDF or copy them to the clipboard as an image, and the statistics as JSON/CSV, each
with a dialog that names the problem (never a traceback)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import engine
from engine.config_files import file_settings
from engine.sweep_range import usable_state

from . import files, figures
from .config_errors import problem_text
from .i18n import translate
from .training_session import DONE
from .window_tabs import (ACTIVATION_TAB, PHASE_TAB, SPECTRUM_TAB, SWEEP_TAB, TRAINING_TAB,
                          WEIGHTS_TAB, figure_title)

COPY_SCALE = 2.0   # a copied figure's pixels per window pixel: sharp on a projected slide


class WindowFiles:
    """Mixed into MainWindow, whose tabs, dashboard, controller, controls, pins, plotted
    result (`result()`, `showing_preview()`), `take_config` and status bar these use."""

    def export_figure(self, path: Path, scale: float = 1.0, plot: QWidget | None = None,
                      slide: bool = False) -> None:
        """The current tab (the dashboard, a sweep, …), or only its `plot` (one of its plot
        widgets), as a PNG `scale` times its on-screen size or as a vector PDF, by the
        file's suffix; for a `slide`, laid out at 16:9 (a PNG 1920 × 1080); ConfigError on
        failure."""
        title = figure_title(self.tabs.currentIndex())
        figure = self.shown_figure(plot, slide)
        training, sweep = self.tabs.made(TRAINING_TAB), self.tabs.made(SWEEP_TAB)
        on_training = training is not None and self.tabs.current_page() is training
        # the config it shows, in its properties (the Training tab's: its own training keys),
        # and the tab's own settings beside it: the comparison trained, the gains swept
        shown = training.config() if on_training else self.controller.config()
        beside = ({"compare": training.fields.mode()} if on_training else
                  {"sweep": sweep.fields.state()} if sweep is not None
                  and self.tabs.current_page() is sweep else None)
        files.save_figure(figure, Path(path), figures.png_scale(figure, scale, slide), title,
                          shown, beside)

    def copy_figure(self, plot: QWidget | None = None, slide: bool = False) -> None:
        """`export_figure`'s picture, at `COPY_SCALE` (a `slide`'s: 1920 pixels wide), put on
        the clipboard as an image (for a slide or notes); ConfigError if the tab cannot be
        drawn now."""
        figure = self.shown_figure(plot, slide)
        picture = figures.image(figure, figures.png_scale(figure, COPY_SCALE, slide))
        QApplication.clipboard().setImage(picture)
        if slide:
            said = (QT_TRANSLATE_NOOP("MainWindow", "Copied the plot for a slide (16:9)")
                    if plot is not None else
                    QT_TRANSLATE_NOOP("MainWindow", "Copied the tab for a slide (16:9)"))
        else:
            said = (QT_TRANSLATE_NOOP("MainWindow", "Copied the plot as an image")
                    if plot is not None else
                    QT_TRANSLATE_NOOP("MainWindow", "Copied the tab as an image"))
        self.show_status(said, 5000)

    def shown_figure(self, plot: QWidget | None = None, slide: bool = False) -> figures.Figure:
        """The figure of the current tab, or of its `plot` alone (cut to what it draws, or for
        a `slide` laid out at 16:9): the dashboard with the full-batch result, never a
        preview, an analysis tab only once it shows the current settings' result
        (ConfigError otherwise)."""
        unready = self.figure_unready(plot)
        if unready is not None:
            raise unready
        tab = self.tabs.current_page()
        if self._takes_full_result(tab):
            self.show_full_result()
        # a plot alone under the key to its marks, where it has one (`HeatmapView.figure_key`)
        key = plot.figure_key() if hasattr(plot, "figure_key") else ""

        def alone(figure: figures.Figure) -> figures.Figure:
            return figures.captioned(figure, key, plot.font()) if key else figure

        if slide:
            return (figures.tab_figure(tab, True) if plot is None else
                    figures.slide(plot, figures.SLIDE_PLOT,
                                  lambda: alone(figures.widget_figure(plot))))
        figure = tab.figure()   # (brings a tab's drawing up to date)
        return figure if plot is None else alone(figures.trimmed(figures.widget_figure(plot)))

    def figure_unready(self, plot: QWidget | None = None) -> engine.ConfigError | None:
        """Why the current tab, or its `plot`, cannot be exported now (None: it can): an
        analysis tab still computing, or cancelled, would be written half drawn with its
        progress bar; the Training tab before its first step, as empty axes (its decision
        regions, the task's points over the untrained network's regions, are ready)."""
        from .analysis import AnalysisPanel

        tab = self.tabs.current_page()
        name = self.tabs.full_name(self.tabs.currentIndex()).replace("&", "")
        problem = self._monte_carlo_problem(tab)   # (a long run still going: not waited)
        if problem is not None:
            return problem
        if isinstance(tab, AnalysisPanel) and not tab.is_current():
            return engine.ConfigError.of(
                "export", "the tab {tab} does not show the result of these settings yet "
                          "(computing, waiting for Run again, cancelled or failed): copy or export "
                          "it when it does",
                tab=name)
        if (tab is self.tabs.made(TRAINING_TAB) and plot is not tab.regions
                and not _recorded(tab.session.chunk())):
            # right after a change the runs start again: their plots would be empty axes
            return engine.ConfigError.of(
                "export", "the tab {tab} has no training step of these settings yet (Start "
                          "trains them): copy or export it once it has", tab=name)
        return None

    def _monte_carlo_problem(self, tab: QWidget | None) -> engine.ConfigError | None:
        """Why an export of `tab` cannot have the full Monte Carlo it draws now (None: it can,
        or draws none): the dashboard's `controller.export_problem`; the Activation tab's only
        while its run is awaited (held or failed, it shows and exports the theory's q_t)."""
        if tab is None or tab not in (self.dashboard, self.tabs.made(ACTIVATION_TAB)):
            return None
        problem = self.controller.export_problem()
        if tab is not self.dashboard and not self.controller.awaited():
            return None
        return problem

    def _takes_full_result(self, tab: QWidget | None) -> bool:
        """An export of `tab` shows the full Monte Carlo first (the dashboard; the Activation
        tab where it can be had: not the theory shown until it arrives, an audit found the
        same settings written either way, by timing)."""
        return tab is self.dashboard or (tab is not None and tab is self.tabs.made(ACTIVATION_TAB)
                                         and self.controller.export_problem() is None)

    def show_full_result(self, held_too: bool = False) -> engine.SimResult:
        """Plot the full-batch result of the config shown (run here and now if need be; a run
        waiting for F5 only if `held_too`)."""
        result = self.controller.full_result(held_too)
        if result is not self.result() or self.dashboard.pending():
            self.show_result(result, staggered=False)
        return result

    def save_figure(self, path: Path, scale: float = 1.0, plot: QWidget | None = None,
                    slide: bool = False) -> bool:
        """`export_figure` with a dialog on failure; True if written."""
        return self._guarded(translate("MainWindow", "Cannot export the figure"),
                             self.export_figure, Path(path), scale, plot, slide)

    def offer_copy(self, plot: QWidget | None = None, slide: bool = False) -> bool:
        """`copy_figure` with a dialog on failure; True if copied."""
        try:
            self.copy_figure(plot, slide)
        except engine.ConfigError as exc:
            self.show_error(translate("MainWindow", "Cannot copy the figure"), problem_text(exc))
            return False
        return True

    def open_config(self, path: Path) -> bool:
        """Load a config file; a dialog names the problem if it cannot be used."""
        try:
            config, recorded = file_settings(Path(path))
        except engine.ConfigError as exc:
            self.show_error(translate("MainWindow", "Cannot open config"), problem_text(exc))
            return False
        self.show_preset(None)
        name = Path(path).name
        self.take_config(config, what=lambda: translate("Undo", "opening {name}").format(
            name=name), compare=recorded.get("compare"))   # a Training figure's tab too
        said = QT_TRANSLATE_NOOP("MainWindow", "Opened {name}")
        if usable_state(recorded.get("sweep")) is not None:   # a Sweep figure's gains and tab
            self.open_sweep(recorded["sweep"])
        elif "sweep" in recorded:   # (not dropped unsaid, a review)
            said = QT_TRANSLATE_NOOP("MainWindow", "Opened {name}; the Sweep tab's gains it "
                                                   "records are not ones the tab draws: left "
                                                   "as they were")
        self.show_status(said, 8000, name=name)   # (re-worded if the language changes)
        return True

    def save_config(self, path: Path) -> bool:
        return self._guarded(translate("MainWindow", "Cannot save config"), files.write_config,
                             Path(path), self.saved_config())

    def export_stats(self, path: Path) -> bool:
        """The statistics of the tab shown: the Training tab's runs as `--train --stats`
        writes them, the sweep's rows as `--sweep --stats` does, the phase diagram's grid,
        the Jacobian's singular values, the Weights and Activation tabs' curves and histogram
        at their layer, else the Monte Carlo's (with the pinned runs)."""
        shown = self.tabs.currentIndex()
        if shown in (SWEEP_TAB, PHASE_TAB, SPECTRUM_TAB):
            panel = self.tabs.current_page()
            if shown == SWEEP_TAB:
                data, write, extra = panel.sweep_result(), files.write_sweep_stats, ()
            elif shown == PHASE_TAB:
                data, write, extra = panel.diagram, files.write_phase_stats, (panel.config(),)
            else:
                data, write, extra = panel.spectrum, files.write_spectrum_stats, ()
            if data is None or not panel.is_current():
                beyond = shown == SPECTRUM_TAB and panel.is_current()   # nothing to compute
                self.show_error(translate("MainWindow", "Nothing to export"),
                                translate("MainWindow", "The network is beyond the spectrum's "
                                                        "limits: nothing was computed.")
                                if beyond else
                                translate("MainWindow", "This tab has not finished computing "
                                                        "for the current settings."))
                return False
            return self._guarded(translate("MainWindow", "Cannot export statistics"), write,
                                 Path(path), *extra, data)
        if shown in (WEIGHTS_TAB, ACTIVATION_TAB):
            panel = self.tabs.current_page()
            try:
                problem = self._monte_carlo_problem(panel)
                if problem is not None:
                    raise problem
                if self._takes_full_result(panel):
                    self.show_full_result()   # (its run may fail here: said, as the problem)
            except engine.ConfigError as exc:
                self.show_error(translate("MainWindow", "Cannot export statistics"),
                                problem_text(exc))
                return False
            if not panel.has_data():   # (before the window's first result)
                self.show_error(translate("MainWindow", "Nothing to export"),
                                translate("MainWindow", "This tab has not finished computing "
                                                        "for the current settings."))
                return False
            return self._guarded(translate("MainWindow", "Cannot export statistics"),
                                 files.write_panel_stats, Path(path), panel)
        training = self.tabs.made(TRAINING_TAB)
        if training is not None and self.tabs.current_page() is training:
            chunk = training.session.chunk()
            if not _recorded(chunk):
                self.show_error(translate("MainWindow", "Nothing to export"),
                                translate("MainWindow", "No training step has been recorded "
                                                        "yet."))
                return False
            return self._guarded(translate("MainWindow", "Cannot export statistics"),
                                 files.write_training_stats, Path(path), training.config(),
                                 chunk.runs, training.session.configs(), training.task_shape(),
                                 training.session.state() != DONE, training.fields.mode())
        if self.result() is None:
            self.show_error(translate("MainWindow", "Nothing to export"),
                            translate("MainWindow", "No Monte Carlo result has been plotted yet."))
            return False
        try:   # a preview's or older settings' result is not these settings' (a tour: a
            # failed run's export wrote the settings before it)
            result = (self.show_full_result() if self.showing_preview()
                      or self.result().config != self.controller.config() else self.result())
        except engine.ConfigError as exc:
            self.show_error(translate("MainWindow", "Cannot export statistics"),
                            problem_text(exc))
            return False
        return self._guarded(translate("MainWindow", "Cannot export statistics"),
                             files.write_stats, Path(path),
                             result, self.pins.pins())

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def close_unsaved(self, problem: str) -> bool:
        """Whether to close, the session not saved (`problem`: where, and that it could not
        be written): asked, where a person closes the window (Cancel keeps it open, to make
        the file writable and close again); told on the error output where the program ends
        the session (a signal, `gui.app.dispose`: the "ending" property), as nobody is
        there to answer."""
        if self.property("ending") or QApplication.instance().property("ending"):
            print(translate("MainWindow", "InitLab: this session was not saved: {problem}")
                  .format(problem=problem), file=sys.stderr)
            return True
        answer = QMessageBox.warning(
            self, translate("MainWindow", "Close without saving the session?"),
            translate("MainWindow", "This session (its settings, network and view) was not "
                                    "saved: {problem}. Close anyway? The next launch will not "
                                    "restore it.")
            .format(problem=problem), QMessageBox.Close | QMessageBox.Cancel,
            QMessageBox.Cancel)
        return answer == QMessageBox.Close

    def _guarded(self, title: str, action, *args) -> bool:
        try:
            action(*args)
        except engine.ConfigError as exc:
            self.show_error(title, problem_text(exc))
            return False
        self.show_status(QT_TRANSLATE_NOOP("MainWindow", "Wrote {name}"), 5000,
                         name=args[0].name)
        return True


def _recorded(chunk) -> bool:
    """The training runs' last `chunk` holds a step (None: no chunk yet)."""
    return chunk is not None and any(len(run.steps) for run in chunk.runs)
