"""The runner and the controller: the latest request wins, previews while a control streams
changes, the full result after (the worker process itself: `test_gui_worker_process`).

Most tests run jobs without a process: a `SyncExecutor` (jobs run on the calling thread) or
a `ManualExecutor` (each job runs when the test says), so nothing depends on timing.
"""

import json
import math

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QProgressBar, QPushButton, QWidget

import engine
from worker_probe import ManualExecutor
from engine import SimConfig
from gui import MainWindow
from gui.change_stream import PREVIEW_BATCH
from gui.executors import SyncExecutor
from gui.widgets import DelayedProgress
from gui.worker import Runner

SMALL = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 256, "seed": 1})


def job(request, **kwargs):
    """A job whose result is its request."""
    return request


@pytest.fixture
def manual(qtbot):
    executor = ManualExecutor()
    runner = Runner(executor)
    got = []
    runner.finished.connect(lambda channel, result: got.append((channel, result)))
    yield executor, runner, got
    runner.shutdown()


def _window(qtbot, executor, config=SMALL):
    w = MainWindow(config, executor=executor)
    qtbot.addWidget(w)
    w.show()
    return w


# -- the runner ------------------------------------------------------------------------------
def test_the_latest_request_wins_and_a_stale_result_is_never_shown(qtbot, manual):
    executor, runner, got = manual
    runner.submit("network", job, "A")
    runner.submit("network", job, "B")      # A is asked to stop; B waits
    runner.submit("network", job, "C")      # replaces B, which never runs
    assert executor.started == ["A"] and executor.stops == 1
    executor.finish()                       # A ignored the stop: its result is stale
    qtbot.waitUntil(lambda: executor.started == ["A", "C"])
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == [("network", "C")] and runner.dropped == 1


def test_a_preview_stream_shows_frames_and_the_full_request_stops_it(qtbot, manual):
    executor, runner, got = manual
    runner.submit("network", job, "P1", preview=True)
    runner.submit("network", job, "P2", preview=True)   # a preview lets a preview finish
    runner.submit("network", job, "P3", preview=True)
    assert executor.stops == 0
    executor.finish()
    qtbot.waitUntil(lambda: executor.started == ["P1", "P3"])
    assert got == [("network", "P1")]                   # a frame while the stream goes on
    runner.submit("network", job, "full")               # the release: P3 is of no use now
    assert executor.stops == 1
    executor.finish()
    qtbot.waitUntil(lambda: executor.started[-1] == "full")
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == [("network", "P1"), ("network", "full")]


def test_the_visible_tab_goes_first_and_the_network_still_runs(qtbot, manual):
    executor, runner, got = manual
    runner.priority = "phase"
    runner.submit("network", job, "N1")
    runner.submit("network", job, "N2")
    runner.submit("phase", job, "P")        # another channel: N1 is not stopped
    assert executor.stops == 1              # (by N2 only)
    executor.finish("cancelled")
    qtbot.waitUntil(lambda: executor.started == ["N1", "P"])
    executor.finish()
    qtbot.waitUntil(lambda: executor.started == ["N1", "P", "N2"])
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == [("phase", "P"), ("network", "N2")]


def test_the_visible_tab_does_not_wait_behind_another_channels_job(qtbot, manual):
    """The weak-laptop tour: a Sweep tab shown waited 49 s behind the network's Monte Carlo,
    unseen, which had started first on a free worker. The visible tab's request stops it, and
    it runs again after; a training's chunk (it cannot run again) is waited for."""
    executor, runner, got = manual
    runner.priority = "sweep"
    runner.submit("network", job, "N")
    runner.submit("sweep", job, "S")
    assert executor.stops == 1 and runner.is_busy("network")
    executor.finish("cancelled")
    qtbot.waitUntil(lambda: executor.started == ["N", "S"])
    runner.submit("training", job, "T", restartable=False)
    executor.finish()
    qtbot.waitUntil(lambda: executor.started == ["N", "S", "N"])
    executor.finish("done")                 # (made way too late: its result stands)
    qtbot.waitUntil(lambda: executor.started[-1] == "T")
    runner.submit("sweep", job, "S2")
    assert executor.stops == 1              # a chunk is waited for
    executor.finish()
    qtbot.waitUntil(lambda: executor.started[-1] == "S2")
    runner.submit("network", job, "N2")     # not the visible tab's: it waits its turn
    assert executor.stops == 1
    executor.finish()
    qtbot.waitUntil(lambda: executor.started[-1] == "N2")
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == [("sweep", "S"), ("network", "N"), ("training", "T"), ("sweep", "S2"),
                   ("network", "N2")]
    assert executor.started == ["N", "S", "N", "T", "S2", "N2"]


def test_a_job_done_before_it_could_make_way_is_not_run_again(qtbot, manual):
    executor, runner, got = manual
    runner.priority = "sweep"
    runner.submit("network", job, "N")
    runner.submit("sweep", job, "S")        # N is told to stop, and finishes all the same
    executor.finish()
    qtbot.waitUntil(lambda: executor.started == ["N", "S"])
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got == [("network", "N"), ("sweep", "S")] and executor.started == ["N", "S"]
    runner.submit("network", job, "A")
    runner.submit("network", job, "B")      # A is stale …
    runner.submit("network", job, "A")      # … and asked for again (a config opened)
    executor.finish()                       # the stale one's result is not the new request's
    qtbot.waitUntil(lambda: executor.started[-2:] == ["A", "A"])
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert got[-1] == ("network", "A") and len(got) == 3


def test_a_job_that_made_way_keeps_the_rules_of_any_job(qtbot, manual):
    """A review: asked for again while it stopped, it was taken for "already on its way" and
    lost; failed, or killed for memory, it ran again all the same; frozen, it was waited for;
    a tab shown again with its request waiting still waited behind the network."""
    from gui.executors import Death

    executor, runner, got = manual
    failed = []
    runner.failed.connect(lambda channel, message: failed.append(channel))
    runner.priority = "sweep"
    runner.submit("network", job, "N")
    runner.submit("sweep", job, "S")
    runner.submit("network", job, "N")      # asked for again while it stops
    executor.finish("cancelled")
    qtbot.waitUntil(lambda: executor.started == ["N", "S"])
    executor.finish()
    qtbot.waitUntil(lambda: executor.started == ["N", "S", "N"])
    executor.finish()
    qtbot.waitUntil(lambda: got[-1] == ("network", "N"))
    runner.submit("network", job, "N2")
    runner.submit("sweep", job, "S2")       # N2 makes way, and fails before it stops
    executor.finish("failed")
    qtbot.waitUntil(lambda: executor.started[-1] == "S2")
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert failed == ["network"] and executor.started.count("N2") == 1
    runner.submit("network", job, "N3")
    runner.submit("sweep", job, "S3")       # N3 makes way, its worker killed for memory
    executor.running = None
    executor.report("died", 0, Death(-9, True))
    qtbot.waitUntil(lambda: executor.started[-1] == "S3")
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    assert failed == ["network"] * 2 and executor.started.count("N3") == 1
    killed = []
    executor.kill, executor.beats = (lambda: killed.append(1)), (lambda: 0)
    runner.submit("network", job, "N4")
    runner.submit("sweep", job, "S4")       # N4 makes way, its worker frozen
    runner.stop_watch.frozen.emit()
    assert killed == [1]
    executor.running = None
    executor.report("died", 0, Death(-9))   # (the kill, reported)
    qtbot.waitUntil(lambda: executor.started[-1] == "S4")
    executor.finish()
    qtbot.waitUntil(lambda: executor.started[-1] == "N4")
    stops = executor.stops
    runner.submit("sweep", job, "S4b")      # run again, N4 makes way again (the second review)
    assert executor.stops == stops + 1
    executor.finish("cancelled")
    qtbot.waitUntil(lambda: executor.started[-1] == "S4b")
    executor.finish()
    qtbot.waitUntil(lambda: executor.started[-1] == "N4")
    executor.finish()
    qtbot.waitUntil(lambda: not runner.busy)
    runner.submit("sweep", job, "S5")
    runner.priority = "network"             # the Network tab: a change there
    runner.submit("network", job, "N5")
    stops = executor.stops
    executor.finish("cancelled")            # S5 made way
    qtbot.waitUntil(lambda: executor.started[-1] == "N5")
    runner.priority = "sweep"               # back: its waiting request goes first
    assert executor.stops == stops + 1


def test_a_visible_tabs_next_request_goes_before_an_unseen_one_started_between(qtbot, manual):
    """A review: each chunk of a sweep let the unseen network's run start, and the next chunk
    stopped it: five starts for one run."""
    executor, runner, got = manual
    runner.priority = "sweep"
    runner.finished.connect(lambda channel, result: channel == "sweep" and result < 4
                            and runner.submit("sweep", job, result + 1))
    runner.submit("sweep", job, 0)
    runner.submit("network", job, "N")
    while executor.running is not None:
        executor.finish()
        qtbot.waitUntil(lambda: executor.running is not None or not runner.busy)
    assert executor.started == [0, 1, 2, 3, 4, "N"] and executor.stops == 0


def test_failures_are_reported_not_raised(qtbot):
    def broken(request, **kwargs):
        raise MemoryError("too big")

    runner = Runner(SyncExecutor())
    with qtbot.waitSignal(runner.failed) as blocker:
        runner.submit("network", broken, None)
    assert blocker.args == ["network", "MemoryError: too big"]


# -- the controller and the window -----------------------------------------------------------
def test_theory_updates_before_the_monte_carlo(qtbot):
    executor = ManualExecutor()
    w = _window(qtbot, executor)
    with qtbot.waitSignal(w.theoryShown, check_params_cb=lambda t: t.config.depth == 7) as blocker:
        w.controls.widget("depth").setValue(7)
    theory = blocker.args[0]
    assert theory.config.depth == 7 and theory.monte_carlo is None
    np.testing.assert_array_equal(theory.theory.log10_forward_var,
                                  engine.mean_field(w.config()).log10_forward_var)
    xs, _ = w.dashboard.profile.forward_th.getData()
    assert xs[-1] == 7 and w.result() is None             # the Monte Carlo follows
    executor.finish()                                      # the first config's run ends ...
    qtbot.waitUntil(lambda: executor.started[-1].depth == 7)   # ... and the newest starts


def test_the_monte_carlo_is_joined_to_the_theory_of_its_config(qtbot, plotted):
    w = _window(qtbot, SyncExecutor())
    w.controls.widget("depth").setValue(5)
    shown = plotted(w)
    assert shown.monte_carlo is not None and shown.config.depth == 5
    np.testing.assert_array_equal(shown.theory.chi1, engine.mean_field(shown.config).chi1)


def test_rapid_changes_end_on_the_last_config_in_order(qtbot, plotted):
    w = _window(qtbot, SyncExecutor())
    shown = []
    w.resultShown.connect(shown.append)
    for depth in (3, 4, 5, 7, 8, 9):
        w.controls.widget("depth").setValue(depth)
    assert plotted(w).config.depth == 9
    depths = [r.config.depth for r in shown]
    assert depths == sorted(depths) and depths[-1] == 9


def test_a_drag_shows_previews_then_the_full_result_on_release(qtbot, plotted, tmp_path):
    w = _window(qtbot, SyncExecutor())
    plotted(w)
    slider = w.controls.widget("gain_slider")
    slider.setSliderDown(True)
    for _ in range(3):
        slider.setValue(slider.value() + 5)
        qtbot.waitUntil(lambda: w.result().config.gain == w.config().gain)
        assert w.result().config.batch == PREVIEW_BATCH and w.result().config.trials == 1
        assert f"preview (batch {PREVIEW_BATCH})" in w.status_line.timing.text()
    slider.setSliderDown(False)                           # the release
    assert plotted(w).config.batch == SMALL.batch
    assert "preview" not in w.status_line.timing.text()


def test_the_full_result_after_a_drag_gets_a_y_range_of_its_own(qtbot, plotted):
    """A drag from gain 0.01 (−120 decades at layer 30) to 0.1 (−60, more than a third of
    the range): the drag's frames keep the steady range, the release's full result gets its
    own (a review: whether the stream had ended was read from a flag a frame late)."""
    config = SimConfig.from_dict({"depth": 30, "width": 8, "batch": 64, "activation": "relu",
                                  "init": "he", "gain": 0.01})
    w = _window(qtbot, SyncExecutor(), config)
    plotted(w)
    box = w.dashboard.profile.plot.getViewBox()
    assert box.viewRange()[1][0] < -100
    slider = w.controls.widget("gain_slider")
    slider.setSliderDown(True)
    for value in np.linspace(slider.value(), slider.position_of(0.1), 4)[1:]:
        slider.setValue(round(value))
        qtbot.waitUntil(lambda: w.result().config.gain == w.config().gain)
    assert box.viewRange()[1][0] < -100          # the drag's frames keep the steady range
    slider.setSliderDown(False)                  # the release
    shown = plotted(w)
    assert shown.config.batch == 64 and abs(math.log10(shown.config.gain) + 1) < 0.3
    assert box.viewRange()[1][0] > -100, box.viewRange()[1]


def test_a_preview_that_becomes_the_config_is_a_whole_result(qtbot):
    """A drag's preview (batch 16) is shown; the full run starts on release and, before it
    ends, the batch is set to 16: the preview shown is now the config's result, theory and
    all (the readout describes it, an export gets it)."""
    executor = ManualExecutor()
    w = _window(qtbot, executor, SMALL.with_values(batch=64))
    executor.finish()
    qtbot.waitUntil(lambda: w.result() is not None)
    slider = w.controls.widget("gain_slider")
    slider.setSliderDown(True)
    slider.setValue(slider.value() + 5)
    executor.finish()
    qtbot.waitUntil(lambda: w.result() is not None
                    and w.result().config.batch == PREVIEW_BATCH)
    slider.setSliderDown(False)                  # the full run (batch 64) starts ...
    w.controls.widget("batch").setValue(PREVIEW_BATCH)   # ... and is not needed any more
    full = w.controller.full_result()
    assert full.config == w.config() and full.theory is not None
    qtbot.waitUntil(lambda: not w.dashboard.pending())
    assert w.dashboard.readout.text()


def test_a_pin_taken_during_a_drag_keeps_its_theory(qtbot, plotted):
    from gui import files

    w = _window(qtbot, SyncExecutor(), SMALL.with_values(batch=64))
    plotted(w)
    slider = w.controls.widget("gain_slider")
    slider.setSliderDown(True)
    slider.setValue(slider.value() + 5)
    qtbot.waitUntil(lambda: w.result().config.gain == w.config().gain)
    w.pin_run()                                  # a preview is pinned
    slider.setSliderDown(False)
    data = json.loads(files.stats_text(plotted(w), w.pins.pins()))
    assert data["pins"][0]["layers"][1]["theory_log10_forward_var"] is not None


def test_an_export_during_a_drag_is_never_a_preview(qtbot, plotted, tmp_path):
    w = _window(qtbot, SyncExecutor())
    plotted(w)
    slider = w.controls.widget("gain_slider")
    slider.setSliderDown(True)
    slider.setValue(slider.value() + 5)
    qtbot.waitUntil(lambda: w.result().config.batch == PREVIEW_BATCH)
    w.export_figure(tmp_path / "d.png")
    assert w.result().config == w.config() and (tmp_path / "d.png").stat().st_size > 0
    slider.setSliderDown(False)


def test_a_held_arrow_key_produces_preview_frames(qtbot, plotted):
    w = _window(qtbot, SyncExecutor())
    plotted(w)
    w.controller.stream.gap_s = 60        # every change below is one stream, however slow
    box = w.controls.widget("gain")
    previews = []
    w.resultShown.connect(lambda r: r.config.batch == PREVIEW_BATCH and previews.append(r))

    def key(kind, repeat):
        QApplication.sendEvent(box, QKeyEvent(kind, Qt.Key_Up, Qt.NoModifier, "", repeat))

    key(QEvent.KeyPress, False)           # a held key: press, then repeats ...
    for _ in range(2):
        key(QEvent.KeyRelease, True)
        key(QEvent.KeyPress, True)
    qtbot.waitUntil(lambda: len(previews) >= 3, timeout=15000)   # frames while it is held
    key(QEvent.KeyRelease, False)         # ... and the release
    assert len({r.config.gain for r in previews}) >= 3
    assert plotted(w).config.batch == SMALL.batch            # the pause ends the stream


def test_cancel_says_cancelled(qtbot):
    executor = ManualExecutor()
    w = _window(qtbot, executor)
    executor.finish()
    qtbot.waitUntil(lambda: w.result() is not None)
    w.controls.widget("seed").setText("2")
    w.controls.widget("seed").textEdited.emit("2")
    executor.progress(0.3)
    status = w.status_line
    qtbot.waitUntil(lambda: status.cancel_button.isVisible() and status.progress.isVisible())
    assert w.status_line.progress.value() == 300
    qtbot.mouseClick(w.status_line.cancel_button, Qt.LeftButton)
    assert executor.stops >= 1 and not w.runner.busy
    assert not w.status_line.cancel_button.isVisible() and not w.status_line.progress.isVisible()
    assert "cancelled" in w.statusBar().currentMessage()
    assert "running" not in w.dashboard.readout.text()
    executor.finish("cancelled")
    QApplication.processEvents()
    assert w.result().config == SMALL


def test_the_progress_bar_shows_while_the_monte_carlo_runs_not_while_it_waits(qtbot,
                                                                              monkeypatch):
    """A tour: on the Training tab, a change of the network's controls showed "Monte Carlo 0%"
    and Cancel in the status bar for the whole training (minutes), its run waiting behind the
    visible tab's chunks (and a long run's "Monte Carlo running: about …", a review). The
    runner says when a channel's job runs; the bar and the cost show only then, and a newer
    request of the running channel keeps them (no flicker while typing)."""
    from gui import run_gate

    monkeypatch.setattr(run_gate, "NOTE_S", 0.0)   # every run's cost is said
    executor = ManualExecutor()
    w = _window(qtbot, executor)
    executor.finish()
    qtbot.waitUntil(lambda: w.result() is not None)
    running = []
    w.runner.runningChanged.connect(lambda channel, on: running.append((channel, on)))
    status = w.status_line
    w.runner.priority = "training"
    w.runner.submit("training", job, "chunk", restartable=False)
    w.controls.widget("seed").setText("2")
    w.controls.widget("seed").textEdited.emit("2")          # waits behind the chunk
    assert w.runner.is_busy("network") and executor.running[2] == "chunk"
    qtbot.wait(750)                                          # (the bar's delay: 250 ms)
    assert not status.progress.isVisible() and not status.cancel_button.isVisible()
    assert "running" not in status.timing.text()
    executor.finish()                                        # the chunk ends; the network runs
    qtbot.waitUntil(lambda: status.progress.isVisible() and status.cancel_button.isVisible())
    assert status.timing.text().startswith("Monte Carlo running: about")
    assert running == [("training", True), ("training", False), ("network", True)]
    w.controls.widget("seed").setText("3")                   # a newer request of it: the
    w.controls.widget("seed").textEdited.emit("3")           # bar stays
    executor.finish("cancelled")
    qtbot.waitUntil(lambda: executor.running is not None and executor.running[2].seed == 3)
    assert status.progress.isVisible() and running[-1] == ("network", True)
    executor.finish()
    qtbot.waitUntil(lambda: not w.runner.busy)
    assert not status.progress.isVisible() and running[-1] == ("network", False)


def test_a_progress_bar_not_wanted_at_first_shows_once_it_is(qtbot):
    """A drag's previews show no progress bar (none is wanted while a control streams); the
    full run on release takes over from the running preview without a new `start()`, and
    ran without one (a review). Not wanted yet, the bar is asked again while work goes on;
    once stopped, never."""
    page = QWidget()
    qtbot.addWidget(page)
    progress, cancel = QProgressBar(page), QPushButton(page)
    page.show()
    wanted = [False]
    busy = DelayedProgress(progress, cancel, delay_ms=50, wanted=lambda: wanted[0])
    busy.start()
    qtbot.wait(200)
    assert not progress.isVisible() and not cancel.isVisible()
    wanted[0] = True
    qtbot.waitUntil(lambda: progress.isVisible() and cancel.isVisible())
    busy.stop()
    wanted[0] = False
    busy.start()
    busy.stop()
    wanted[0] = True
    qtbot.wait(200)
    assert not progress.isVisible()


class RecordingExecutor(SyncExecutor):
    def __init__(self):
        super().__init__()
        self.jobs = []

    def start(self, gen, job, request):
        self.jobs.append(job.__name__)
        super().start(gen, job, request)


def test_the_tabs_share_the_one_runner(qtbot, plotted):
    executor = RecordingExecutor()
    w = _window(qtbot, executor, SimConfig.from_dict({"depth": 3, "width": 4, "batch": 8}))
    plotted(w)
    for panel in (w.tabs.sweep, w.tabs.spectrum):
        w.tabs.setCurrentWidget(panel)
        assert w.runner.priority == panel.channel()
        qtbot.waitUntil(panel.is_current, timeout=15000)
    assert {"monte_carlo_job", "sweep_job", "spectrum_job"} <= set(executor.jobs)
    assert w.tabs.sweep.runner is w.runner is w.tabs.spectrum.runner is w.tabs.phase.runner


def test_a_run_too_short_to_time_says_less_than_a_hundredth(window, plotted):
    """A rehearsal: a small network's "Monte Carlo 0.00 s" read as no run at all."""
    window.set_config(SimConfig.from_dict({"depth": 2, "width": 2, "batch": 2}))
    result = plotted(window)
    timing = window.status_line.timing.text()
    if result.monte_carlo.elapsed_seconds < 0.005:
        assert timing == "Monte Carlo < 0.01 s"
    else:   # (a busy machine: timed as usual)
        assert timing == f"Monte Carlo {result.monte_carlo.elapsed_seconds:.2f} s"
