"""Before a run that would take long or use much memory, the window says its estimated time
and memory, and one above the threshold waits until the user starts it (issue: depth 1000 ×
width 2048 started without a word)."""

from menu_probe import f5_entry
from engine import SimConfig, cost
from gui import controller, run_gate


def test_a_long_run_waits_for_f5_with_its_cost_in_the_status_bar(qtbot, window, plotted,
                                                                  monkeypatch):
    before = window.result()
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    config = SimConfig.from_dict({"depth": 7}, base=window.config())
    window.set_config(config)
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    assert window.controller.held_config() == config
    assert window.result() is before                        # nothing ran
    note = window.hold_note.text()
    assert note.startswith("This run would take about ") and " of memory" in note
    assert window.run_button.isVisible() and "F5" in window.run_button.text()
    # the menu's F5 says what it does: the run has not run yet (it said "Run again")
    assert f5_entry(window) == "&Run it"
    # closed, as Help ▸ Keyboard shortcuts lists it (it had kept "Run it" after the run)
    assert [a.text() for a in window.menus.all_actions()
            if a.shortcut().toString() == "F5"] == ["&Run again"]
    window.set_language("zh_CN")
    try:
        assert f5_entry(window) == "运行(&R)"
    finally:
        window.set_language("en")
    assert window.dashboard.stale() == "held"
    assert "long run waits (F5)" in window.dashboard.profile.plot.titleLabel.text
    assert "running" not in window.dashboard.readout.text()
    window.run_button.click()                               # the confirmation
    plotted(window)
    assert window.result().config == config
    assert not window.hold_note.isVisible() and not window.run_button.isVisible()
    assert window.dashboard.stale() is None
    assert f5_entry(window) == "&Run again"


def test_maps_with_no_monte_carlo_yet_say_why(qtbot, small_config, monkeypatch):
    """A new user's tour: a long run held from the start left the two heatmaps and the
    distribution grey and silent (its reason only in the status bar). Until they have shown
    a Monte Carlo they say why there is none: held, running, cancelled; an older one stays
    (dimmed, the profile's title says why) without words over it."""
    from worker_probe import ManualExecutor
    from gui import MainWindow

    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    d = window.dashboard
    maps = (d.forward, d.backward, d.distribution)

    def said() -> set[str]:
        """The maps' words, each centred in its view (a review: a new text was placed by the
        last one's width, 30 pixels off)."""
        for view in maps:
            if view.note.text():
                view.grab()   # (painted: a text item scales itself to the view as it paints)
                item, box = view.note.item, view.plot.getViewBox()
                centre = item.textItem.mapRectToScene(item.textItem.boundingRect()).center()
                assert (centre - box.sceneBoundingRect().center()).manhattanLength() < 2
        return {view.note.text() for view in maps}

    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    assert said() == {"No Monte Carlo yet:\nthe run waits for F5"}
    window.set_language("zh_CN")
    try:
        assert said() == {"尚无蒙特卡洛：\n此运行待启动（按 F5）"}
    finally:
        window.set_language("en")
    window.run_button.click()                               # F5's “Run it”
    qtbot.waitUntil(lambda: executor.running is not None, timeout=3000)
    assert said() == {"Monte Carlo running…"}
    window.cancel()
    executor.finish("cancelled")                           # the job stops at its next layer
    assert said() == {"No Monte Carlo:\ncancelled (F5 runs it)"}
    window.controller.rerun()
    qtbot.waitUntil(lambda: executor.running is not None, timeout=3000)
    executor.finish()
    qtbot.waitUntil(lambda: window.result() is not None and not d.pending(), timeout=3000)
    assert said() == {""}
    window.set_config(SimConfig.from_dict({"depth": 7}, base=window.config()))
    qtbot.waitUntil(lambda: d.stale() == "held", timeout=3000)
    assert said() == {""}                                   # the older run, dimmed


def test_a_run_past_half_the_free_memory_waits_and_says_it_would_fail(qtbot, window,
                                                                     monkeypatch):
    monkeypatch.setattr(cost, "available_memory", lambda: 1000)
    window.set_config(SimConfig.from_dict({"depth": 11}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    assert "(0.1\u00a0MB available" in window.hold_note.text()   # (its least: not "1.0 MB")
    assert "would likely fail" in window.hold_note.text()


def test_a_small_config_after_a_held_one_runs_at_once(qtbot, window, plotted, monkeypatch):
    monkeypatch.setattr(run_gate, "CONFIRM_S", 1e-9)
    window.set_config(SimConfig.from_dict({"depth": 11}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    monkeypatch.setattr(run_gate, "CONFIRM_S", 60.0)
    config = SimConfig.from_dict({"depth": 5}, base=window.config())
    window.set_config(config)
    plotted(window)
    assert window.result().config == config and not window.hold_note.isVisible()
    assert window.controller.held_config() is None


def test_a_notable_run_says_its_estimate_while_it_runs(qtbot, window, monkeypatch):
    monkeypatch.setattr(run_gate, "NOTE_S", 0.0)
    seen = []
    window.controller.estimated.connect(seen.append)
    window.set_config(SimConfig.from_dict({"depth": 8, "batch": 64}, base=window.config()))
    qtbot.waitUntil(lambda: any(seen), timeout=3000)   # after the stream's previews (None)
    said = [e for e in seen if e is not None][0]
    assert isinstance(said, cost.Cost) and said.seconds > 0 and said.peak_bytes > 0
    assert window.status_line.timing.text().startswith("Monte Carlo running: about ") or \
        window.status_line.timing.text().startswith("Monte Carlo ")     # its result may be shown already


def test_previews_of_a_held_config_are_skipped(qtbot, window, monkeypatch):
    """A stream of changes previews a smaller batch; a preview that is itself long (huge
    widths) is not started either."""
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)
    submitted = []
    monkeypatch.setattr(window.runner, "submit", lambda *a, **k: submitted.append(a))
    window.controller.set_config(SimConfig.from_dict({"depth": 9}, base=window.config()),
                                 held=True)
    assert submitted == []


def test_exporting_a_held_run_says_to_start_it_instead_of_freezing(qtbot, window, monkeypatch,
                                                                   tmp_path):
    """An export needs the full Monte Carlo; for a held (long) run it would freeze the window
    for minutes: a dialog says to start it first, and nothing is written."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)
    window.set_config(SimConfig.from_dict({"depth": 10}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    ran = []
    monkeypatch.setattr(controller, "monte_carlo_job", lambda *a, **k: ran.append(a))
    assert not window.save_figure(tmp_path / "held.png")
    assert ran == [] and not (tmp_path / "held.png").exists()
    assert len(shown) == 1 and "F5" in shown[0] and "has not run" in shown[0]


def test_a_stream_moving_on_from_a_held_run_takes_its_note_away(qtbot, window, monkeypatch):
    """A held run's note speaks of the config it was made for: once a stream of changes
    (a drag) moves to another config, the note goes, and the stream's end holds the new one."""
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    window.set_config(SimConfig.from_dict({"depth": 7}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    monkeypatch.setattr(window.controller.stream, "gap_s", 60.0)   # the changes below: a stream
    moved = SimConfig.from_dict({"depth": 8}, base=window.config())
    window.set_config(moved)
    assert window.controller.streaming() and not window.hold_note.isVisible()
    assert window.controller.held_config() is None
    window.controller.end_stream()
    assert window.hold_note.isVisible() and window.controller.held_config() == moved


def test_a_stream_whose_previews_run_forgets_the_held_run(qtbot, window, monkeypatch):
    """The held run is forgotten too when the stream's previews are short enough to run."""
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)
    window.set_config(SimConfig.from_dict({"depth": 7}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    monkeypatch.setattr(run_gate, "CONFIRM_S", 60.0)
    monkeypatch.setattr(window.controller.stream, "gap_s", 60.0)
    window.set_config(SimConfig.from_dict({"depth": 8}, base=window.config()))
    assert window.controller.streaming() and window.controller.held_config() is None
    assert not window.hold_note.isVisible()


def test_a_run_replaced_by_a_held_one_no_longer_says_it_runs(qtbot, window, monkeypatch):
    """A tour: width 4096, depth 500 (running, "about 48 s"), then batch 65536 (held): the
    status bar said the held run's cost beside "Monte Carlo running: about 48 s" for good."""
    timing = window.status_line.timing
    shown = timing.text()
    window.status_line.running(True)
    window.status_line.estimated(cost.Cost(48.0, 326_000_000))
    assert timing.text().startswith("Monte Carlo running: about")
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)
    window.set_config(SimConfig.from_dict({"depth": 7}, base=window.config()))
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    assert timing.text() == shown and "running" not in timing.text()


def test_an_export_during_a_long_run_says_to_wait_instead_of_freezing(qtbot, manual,
                                                                     monkeypatch, tmp_path):
    """An audit: an export 8 s into a 20 s run cancelled it and ran it again on the window's
    thread, frozen for 20 s. An export of a run longer than `EXPORT_S` that is still going
    (or was stopped) says so and writes nothing; once the run is done, it is written; a
    quick run is still run at once for an export."""
    from PySide6.QtWidgets import QMessageBox

    window, executor = manual
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(run_gate, "EXPORT_S", 0.0)   # every run counts as long here
    config = SimConfig.from_dict({"depth": 7}, base=window.config())
    window.set_config(config)
    qtbot.waitUntil(lambda: executor.running is not None)
    ran = []
    monkeypatch.setattr(controller, "monte_carlo_job", lambda *a, **k: ran.append(a))
    assert not window.save_figure(tmp_path / "running.png")
    assert not window.export_stats(tmp_path / "running.csv")
    assert ran == [] and not list(tmp_path.iterdir())
    assert len(shown) == 2 and all("still running" in text for text in shown)
    assert executor.running is not None and executor.stops == 0   # the run goes on
    window.cancel()                                  # Esc
    assert not window.save_figure(tmp_path / "stopped.png")
    assert "was stopped" in shown[-1] and "F5" in shown[-1] and ran == []
    monkeypatch.undo()
    window.controller.rerun()                        # F5
    while window.result().config != config:          # (the stopped run's report first)
        qtbot.waitUntil(lambda: executor.running is not None
                        or window.result().config == config)
        if executor.running is not None:
            executor.finish()
    assert window.save_figure(tmp_path / "done.png")
    window.set_config(SimConfig.from_dict({"depth": 5}, base=config))   # quick: run at once
    assert window.save_figure(tmp_path / "quick.png") and window.result().config.depth == 5


def test_the_activation_tab_exports_the_full_monte_carlo_not_the_theory_before_it(
        qtbot, manual, tmp_path):
    """An audit: exported right after a change, the Activation tab wrote its curves at the
    theory's q_t (shown until the Monte Carlo arrives); seconds later the same settings
    wrote the Monte Carlo's. Like the dashboard, it exports the full Monte Carlo."""
    import json

    from gui.window_tabs import ACTIVATION_TAB

    window, executor = manual
    window.tabs.setCurrentIndex(ACTIVATION_TAB)
    config = SimConfig.from_dict({"depth": 5}, base=window.config())
    window.set_config(config)
    qtbot.waitUntil(lambda: executor.running is not None)   # its run not done yet
    assert window.export_stats(tmp_path / "activation.json")
    written = json.loads((tmp_path / "activation.json").read_text())
    assert written["source"] == "monte_carlo" and written["config"] == config.to_dict()
    assert window.result().config == config


def test_the_activation_tab_of_a_held_run_exports_the_theory_it_shows(qtbot, window,
                                                                      monkeypatch, tmp_path):
    """A review: waiting for the full Monte Carlo, the Activation tab of a held run (which
    shows σ at the theory's q_t) could no longer be exported; it writes what it shows."""
    import json

    from gui.window_tabs import ACTIVATION_TAB

    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    config = SimConfig.from_dict({"depth": 9}, base=window.config())
    window.set_config(config)
    qtbot.waitUntil(lambda: window.hold_note.isVisible(), timeout=3000)
    window.tabs.setCurrentIndex(ACTIVATION_TAB)
    qtbot.waitUntil(lambda: window.tabs.activation.has_data())
    assert window.export_stats(tmp_path / "held.json")
    written = json.loads((tmp_path / "held.json").read_text())
    assert written["source"] == "theory" and written["config"] == config.to_dict()
    assert window.save_figure(tmp_path / "held.png")


def test_a_held_spectrum_says_so_over_its_empty_plot(qtbot, manual, monkeypatch):
    """A tour: a spectrum not run (or beyond its limits) showed bare axes from 0 to 1, the
    reason only in the words under them. Not over the run "Run it" starts, nor after a
    language change only (a review)."""
    from gui.window_tabs import SPECTRUM_TAB

    window, executor = manual
    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    window.tabs.setCurrentIndex(SPECTRUM_TAB)
    view = window.tabs.spectrum
    qtbot.waitUntil(lambda: view.held, timeout=5000)
    assert view.note.isVisible() and view.note.toPlainText() == "not run yet (see below)"
    view.run_button.click()   # “Run it”: its job waits in the executor
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    assert view.busy() and not view.note.isVisible()
    view.cancel()
    assert view.note.isVisible() and view.note.toPlainText() == "not computed (see below)"
    window.set_language("zh_CN")
    try:
        assert view.note.isVisible() and view.note.toPlainText() == "未计算（见下文）"
    finally:
        window.set_language("en")
    view.run_button.click()   # “Run again”
    while view.spectrum is None:
        qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
        executor.finish()
        qtbot.wait(10)   # (its result comes a pass later)
    assert not view.note.isVisible()
