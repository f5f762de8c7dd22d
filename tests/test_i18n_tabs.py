"""The analysis tabs, the controller and the runner re-word themselves when the language
changes, finished results and statuses included; English comes back unchanged.

No .qm file is needed: a translator that marks every text of these contexts «like this» is
installed, and Qt's LanguageChange does the rest.
"""

from PySide6.QtCore import QCoreApplication

from worker_probe import ManualExecutor
from marking import marked
from engine import SimConfig
from gui import sweep_view
from gui.controller import Controller
from gui.executors import Death, SyncExecutor
from gui.phase_view import PhaseView
from gui.typeset import as_shown
from gui.spectrum_view import SpectrumView
from gui.sweep_view import SweepView
from gui.worker import Runner

CONTEXTS = {"AnalysisPanel", "SweepView", "PhaseView", "SpectrumView", "Controller", "Runner"}
CONFIG = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16})


def m(text: str) -> str:
    return f"«{text}»"


def _panel(qtbot, cls, executor=None):
    """A tab on its own, its jobs on `executor` (default: on this thread), shown on CONFIG."""
    view = cls()
    view.use_runner(Runner(executor or SyncExecutor(), parent=view))
    qtbot.addWidget(view)
    view.set_config(CONFIG)
    view.show()
    return view


def test_the_translator_reaches_qt_translate(qapp):
    with marked(*CONTEXTS):
        assert QCoreApplication.translate("SweepView", "gain") == "«gain»"
        assert QCoreApplication.translate("Elsewhere", "gain") == "gain"
    assert QCoreApplication.translate("SweepView", "gain") == "gain"


def _sweep_texts(view):
    plot, _, bar, critical, current = view.views[0]
    return {"title": plot.titleLabel.text, "left": plot.getAxis("left").labelText,
            "bar": bar.getAxis("left").labelText, "critical": critical.label.format,
            "current": current.label.format, "note": view.note.text(),
            "status": view.status.text(), "gain": view.fields.gain_label.text(),
            "modes": [view.mode.itemText(i) for i in range(view.mode.count())],
            "tooltip": view.count.toolTip(), "run": view.run_button.text()}


def test_a_finished_sweep_is_reworded_and_english_comes_back(qtbot):
    view = _panel(qtbot, SweepView)
    view.resize(1200, 700)   # room for the lines' full labels
    qtbot.waitUntil(view.is_current, timeout=30000)
    english = _sweep_texts(view)
    assert english["status"] == "Monte Carlo at all 41 gains, one network of 64 inputs each"
    assert english["current"] == "current gain 1" and english["critical"].startswith("critical gain ")
    with marked(*CONTEXTS):
        texts = _sweep_texts(view)
        for key in ("title", "left", "bar", "current", "status", "gain", "tooltip", "run"):
            assert texts[key] == m(english[key]), key
        assert texts["modes"] == [m(text) for text in english["modes"]]
        assert [view.mode.itemData(i) for i in range(view.mode.count())] == ["mc", "theory",
                                                                             "lines"]
        assert texts["critical"].startswith("«critical gain ")
        assert texts["note"].startswith("««Network: ") and "(backward).»" in texts["note"]
        assert texts["note"].endswith("move the critical gain to 1.57.»»»")   # (a sentence more)
    assert _sweep_texts(view) == english


def test_a_cancelled_and_a_failed_status_are_reworded(qtbot, monkeypatch):
    monkeypatch.setattr(sweep_view, "THEORY_BUDGET_S", 0.0)   # one theory row per pass
    executor = ManualExecutor()
    view = _panel(qtbot, SweepView, executor)
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    assert "the theory is being computed" in view.status.text()
    view.cancel()
    # the theory's rows are computed on this thread after a cancel too; the status follows
    # (no Monte Carlo row yet: the maps, not "the other rows", show the theory)
    qtbot.waitUntil(lambda: "the maps show the theory" in view.status.text(), timeout=30000)
    english = view.status.text()
    assert english.startswith("Monte Carlo: 0 of 41 gains") and "— cancelled;" in english
    with marked(*CONTEXTS):
        assert view.status.text().startswith("««Monte Carlo: 0 of 41 gains")
        assert "— cancelled; “Run again” computes it»" in view.status.text()
    assert view.status.text() == english
    executor.finish("cancelled")                        # the job stops at its next layer
    view.run_again()
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    executor.report("failed", executor.running[0], "MemoryError: too big")
    qtbot.waitUntil(lambda: not view.busy(), timeout=5000)
    english = view.status.text()
    assert english == "Failed: MemoryError: too big — “Run again” retries"
    with marked(*CONTEXTS):
        assert view.status.text() == m(english)
    assert view.status.text() == english


def test_the_phase_diagram_is_reworded(qtbot):
    view = _panel(qtbot, PhaseView)
    qtbot.waitUntil(view.is_current, timeout=30000)
    plot = view.plot
    english = (plot.titleLabel.text, plot.getAxis("bottom").labelText,
               view.bar.getAxis("left").labelText, view.labels[0].toPlainText(),
               view.run_button.text())
    status, point = view.status.text(), view.point.text()
    assert as_shown(status).startswith("Phase diagram of tanh: the black line is χ₁ = 1; hover")
    with marked(*CONTEXTS):
        assert (plot.titleLabel.text, plot.getAxis("bottom").labelText,
                view.bar.getAxis("left").labelText, view.labels[0].toPlainText(),
                view.run_button.text()) == tuple(m(text) for text in english)
        assert view.labels[2].toPlainText() == "χ₁ = 1"          # a formula: not translated
        assert as_shown(view.status.text()).startswith(
            "«Phase diagram of tanh: «the black line is χ₁ = 1»")
        assert view.point.text() == point                        # gui.texts' words: not ours
        with qtbot.waitSignal(view.configChosen) as chosen:
            view.choose_point(1.0, 0.01)
        assert chosen.args[1].startswith("«Phase diagram: gain ")   # built in the language
    assert view.status.text() == status
    assert (plot.titleLabel.text, plot.getAxis("bottom").labelText,
            view.bar.getAxis("left").labelText, view.labels[0].toPlainText(),
            view.run_button.text()) == english


def test_the_spectrum_is_reworded(qtbot):
    view = _panel(qtbot, SpectrumView)
    qtbot.waitUntil(view.is_current, timeout=30000)

    def texts():
        return (view.plot.titleLabel.text, view.plot.getAxis("left").labelText,
                [label.text for _, label in view.legend.items], view.status.text(),
                view.floor_line.label.format)

    english = texts()
    assert english[3] == "Spectrum of one network (8 singular values)."
    assert len(english[2]) == 3            # the histogram, this network's and the theory's lines
    with marked(*CONTEXTS):
        title, left, legend, status, floor = texts()
        assert (title, left, status) == (m(english[0]), m(english[1]), m(english[3]))
        assert legend == [m(text) for text in english[2]]
        assert floor.startswith(" «← ") and floor.endswith(" below the floor» ")
    assert texts() == english


def test_messages_for_the_status_bar_are_built_in_the_language(qtbot):
    executor = ManualExecutor()
    runner = Runner(executor)
    controller = Controller(runner, CONFIG)
    failed, died = [], []
    controller.failed.connect(failed.append)
    runner.workerDied.connect(died.append)
    try:
        with marked(*CONTEXTS):
            runner.failed.emit("network", "MemoryError: too big")
            executor.report("died", 0, Death(-9))
            qtbot.waitUntil(lambda: bool(died))
        runner.failed.emit("network", "MemoryError: too big")
        executor.report("died", 0, Death(-9))
        qtbot.waitUntil(lambda: len(died) == 2)
    finally:
        runner.shutdown()
    assert failed == ["«Monte Carlo failed: MemoryError: too big»",
                      "Monte Carlo failed: MemoryError: too big"]
    english = "the worker process stopped unexpectedly (out of memory?), exit code -9"
    assert died == [m(english), english]


def test_the_training_readout_joins_a_run_and_its_numbers_in_the_language(qtbot):
    """Its ": " was written in the code: Chinese puts a full-width colon there."""
    from gui import i18n
    from gui.training_readout import readout_html

    i18n.install("zh_CN")
    try:
        line = readout_html(("Xavier",), None)
        assert "</b>：" in line and "</b>: " not in line
    finally:
        i18n.install(i18n.SOURCE)
    assert "</b>: " in readout_html(("Xavier",), None)


def test_a_narrow_sweep_labels_its_lines_and_titles_in_short_forms(qtbot):
    """At 1024 pixels with the lesson open "critical gain 1" was cut to "ritical gain 1",
    and the titles shrank to 4 px: both take short forms ("critical 1.57", "Forward")."""
    view = _panel(qtbot, SweepView)
    view.resize(1200, 700)
    qtbot.waitUntil(view.is_current, timeout=30000)
    plot, _, _, critical, current = view.views[0]
    assert critical.label.format.startswith("critical gain ")
    view.resize(520, 700)
    qtbot.waitUntil(lambda: current.label.format == "current 1")
    assert critical.label.format.startswith("critical ") and "gain" not in critical.label.format
    # inside the map, not cut at its edge (once the labels have followed the new size)
    qtbot.waitUntil(lambda: all(plot.getViewBox().sceneBoundingRect().contains(
        line.label.sceneBoundingRect()) for line in (critical, current)), timeout=3000)
    assert plot.titleLabel.text == "Forward"


def test_the_sweep_says_its_theory_is_coming_until_it_is_drawn(qtbot):
    """A teacher: just after the tab opened, its maps were grey while the status said "the
    other rows show the theory" (the theory is computed a little per event-loop pass and
    drawn at once)."""
    executor = ManualExecutor()
    view = SweepView()
    view.use_runner(Runner(executor, parent=view))
    qtbot.addWidget(view)
    # deep: 41 gains' theory takes far more than one pass's 10 ms on any machine
    view.set_config(SimConfig.from_dict({"depth": 2000, "width": 8, "batch": 16}))
    view.show()
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    assert view.status.text().endswith("the theory is being computed — Monte Carlo running…")
    qtbot.waitUntil(lambda: "the maps show the theory" in view.status.text(), timeout=10000)
    executor.finish("cancelled")


def test_a_refusal_names_its_field_with_the_languages_colon(qapp):
    """A visual check: "无法训练：各层宽度: 训练此网络…" mixed the colons (the field's was
    written in the code); another: "3.2" ended a wrapped line and "GB" began the next."""
    from engine import ConfigError
    from gui import i18n
    from gui.config_errors import problem_text

    exc = ConfigError.of("widths", "training this network needs about {need} GB of memory "
                                   "and {free} GB is available (fewer or narrower layers, or a "
                                   "smaller mini-batch, need less)", need="5.3", free="3.2")
    i18n.install("zh_CN")
    try:
        said = problem_text(exc, lambda key: "各层宽度")
    finally:
        i18n.install("en")
    assert said == ("各层宽度：训练此网络约需 5.3\u00a0GB 内存，而可用内存只有 3.2\u00a0GB"
                    "（减少层数、缩窄各层或减小小批量都可降低需求）")
    assert problem_text(exc) == ("widths: training this network needs about 5.3\u00a0GB of "
                                 "memory and 3.2\u00a0GB is available (fewer or narrower layers, "
                                 "or a smaller mini-batch, need less)")
