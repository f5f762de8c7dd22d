"""The Training tab: Start / Pause / Step / Reset in short chunks on the runner, the four inits
side by side, stale sessions dropped, refused values, PNG export (the chunk scheduler alone:
test_gui_training_pacing.py)."""

import csv
import html
import io
import json
import math

import numpy as np
import pytest
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication

from engine import ConfigError, SimConfig
from engine.training import COMPARE_INITS, compare_configs, history_csv, train
from gui.executors import SyncExecutor
from gui.main_window import MainWindow
from gui.presets import DEMO_PRESETS, EXTRA_PRESETS, PRESETS, TRAINING_PRESETS
from gui.training_axes import decade_ticks, tick_text
from gui.training_maps import columns
from gui.training_readout import caption_text, status_text
from gui.training_session import DONE, IDLE, PAUSED, RUNNING
from gui.training_view import TrainingView
from gui.window_tabs import TAB_NAMES, TRAINING_TAB
from gui.worker import Runner
from marking import marked
from plot_probe import drawn_labels, drawn_tick_labels

STEPS = 30
SMALL = {"depth": 3, "width": 16, "batch": 32, "steps": STEPS}


def deferred_executor():
    """Runs each job on the GUI thread from the event loop (a zero timer), not inside the
    runner's `submit`: a SyncExecutor would train chunk after chunk within one event-loop pass
    (each result submits the next), and a test's timers would wait until the training ends."""
    return SyncExecutor(post=lambda call: QTimer.singleShot(0, call))


@pytest.fixture
def view(qtbot):
    """The tab on its own (a small network, jobs on the GUI thread), its step 0 shown."""
    view = TrainingView(Runner(deferred_executor()), SimConfig.from_dict(SMALL))
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    qtbot.waitUntil(lambda: view.session.chunk() is not None and view.drawn(), timeout=5000)
    return view


def has_color(image: QImage, color: str) -> bool:
    pixels = image.convertToFormat(QImage.Format_ARGB32)
    bgra = np.frombuffer(pixels.constBits(), np.uint8).reshape(
        pixels.height(), pixels.bytesPerLine() // 4, 4)
    rgb = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
    return bool(np.all(bgra[..., 2::-1] == rgb, axis=-1).any())


def test_the_classes_differ_in_grey_by_their_regions_shade_and_their_points_symbol(view):
    """A colour-blind tour, printing in grey: the spiral's two regions were one grey
    (lightness 86 and 81), its points a shade apart, and two runs' names 3.3:1 on white."""
    from gui.training_plots import RUN_TEXT_COLORS
    from gui.training_regions import CLASS_SYMBOLS, REGION_COLORS
    from plot_probe import luminance

    _, labels = view.session.chunk().points
    symbols = view.regions.scatters[0].data["symbol"]
    assert len(symbols) == len(labels)
    for k in np.unique(labels):
        assert set(symbols[labels == k]) == {CLASS_SYMBOLS[int(k)]}
    assert len(set(symbols)) == len(np.unique(labels)) == 2
    lightness = [116 * np.cbrt(luminance(c)) - 16 for c in REGION_COLORS[:2]]   # CIE L*
    assert abs(lightness[0] - lightness[1]) >= 10
    for color in RUN_TEXT_COLORS:   # WCAG's contrast on white, as text needs
        y = luminance([int(color[i:i + 2], 16) for i in (1, 3, 5)])
        assert 1.05 / (y + 0.05) >= 4.5, color


def _run_to_the_end(view, qtbot):
    view.start()
    qtbot.waitUntil(lambda: view.session.state() == DONE and view.drawn(), timeout=20000)
    return view.session.chunk()


def _run_to_the_step(view, qtbot, step):
    view.start()
    qtbot.waitUntil(lambda: view.session.step() >= step, timeout=10000)
    view.pause()
    qtbot.waitUntil(lambda: not view.session.runner.is_busy(view.channel()), timeout=2000)


def test_start_trains_in_chunks_to_the_end_and_draws_the_engines_numbers(view, qtbot):
    layers = SMALL["depth"] + 2   # t = 0 … L, the output L = depth + 1
    for plot, first in zip(view.maps.plots, (0, 1)):   # before any value: the layers
        assert plot.getViewBox().viewRange()[1] == pytest.approx([first - 0.5, layers - 0.5])
    steps = []
    view.session.chunkArrived.connect(lambda chunk: steps.append(chunk.step))
    chunk = _run_to_the_end(view, qtbot)
    assert chunk.step == STEPS and chunk.done and len(steps) >= 3      # in several chunks
    assert steps == sorted(steps) and steps[0] == 1                    # the first: one step
    run = chunk.runs[0]
    x, y = view.curves.train_curves[0].getData()
    np.testing.assert_array_equal(x, run.steps)
    np.testing.assert_allclose(10 ** y, run.train_loss, rtol=1e-6)     # drawn on a log axis
    np.testing.assert_allclose(view.curves.accuracy_curves[0].getData()[1],
                               100 * run.heldout_accuracy)
    assert view.maps.images[0].image.shape == run.log10_backward_var.T.shape  # layers × steps
    # the update ratio from layer 1 (no weights into the input: its row was an empty band)
    assert view.maps.images[1].image.shape == run.update_ratio[:, 1:].T.shape
    assert np.isfinite(view.maps.images[1].image[:, 1:]).all()   # (step 0 made no update)
    assert view.progress.value() == 1000 and not view.start_button.isEnabled()
    assert f"step {STEPS}: loss" in view.readout.text()
    assert view.regions.images[0].image is not None
    assert view.regions.boxes[0].scene() is not None and view.regions.boxes[1].scene() is None
    # a reader names it (an audit: its views have no plot titles, and its name was empty)
    from PySide6.QtGui import QAccessible
    assert QAccessible.queryAccessibleInterface(view.regions).text(
        QAccessible.Name) == "Decision regions: this network"
    assert not view.run_choice.isEnabled()                            # one run: no choice
    # the chunks add up to one whole training: same data, mini-batches and numbers
    whole = train(view.session.configs(), view.session.labels())[0]
    np.testing.assert_array_equal(whole.train_loss, run.train_loss)


def test_the_step_axis_spans_the_session_after_a_switch_to_a_regression(view, qtbot):
    """A tour: after a 2-D task, the teacher's loss and held-out plots spanned the steps
    trained so far (0–52) while the maps spanned the session (0–3000)."""
    view.fields.bindings["steps"].widget.setValue(100_000)
    _run_to_the_step(view, qtbot, 3)                    # a session of the 2-D task first
    task = view.fields.bindings["task"].widget
    task.setCurrentIndex(task.findData("teacher"))
    qtbot.waitUntil(lambda: view.session.chunk() is not None and view.drawn(), timeout=5000)
    _run_to_the_step(view, qtbot, 20)
    QApplication.processEvents()
    for plot in (view.curves.loss, view.curves.accuracy):
        assert plot.viewRange()[0][1] > 90_000, plot.viewRange()
    # the loss named by what it is (a practitioner's tour: "loss" alone), the spiral's before
    left = [plot.getAxis("left").labelText for plot in (view.curves.loss, view.curves.accuracy)]
    assert left == ["mean squared error", "mean squared error"], left
    task.setCurrentIndex(task.findData("spiral"))
    qtbot.waitUntil(lambda: view.curves.loss.getAxis("left").labelText
                    == "cross-entropy (nats)", timeout=5000)


def test_pause_stops_after_the_chunk_under_way_and_step_runs_one_logged_interval(view, qtbot):
    view.fields.bindings["steps"].widget.setValue(100_000)
    view.start()
    qtbot.waitUntil(lambda: view.session.step() >= 1, timeout=5000)
    view.pause()
    assert view.session.state() == PAUSED and not view.pause_button.isEnabled()
    qtbot.waitUntil(lambda: not view.session.runner.is_busy(view.channel()), timeout=2000)
    every = view.config().log_every
    # on to a logged step: the regions, the progress and the numbers show one step (a tour:
    # the regions at 1623, the accuracy of 1620)
    qtbot.waitUntil(lambda: view.session.step() % every == 0
                    and not view.session.runner.is_busy(view.channel()), timeout=5000)
    paused_at = view.session.step()
    qtbot.wait(100)
    assert view.session.step() == paused_at and view.session.state() == PAUSED
    assert view.session.chunk().runs[0].steps[-1] == paused_at
    view.step()                                              # to the next logged step
    target = (paused_at // every + 1) * every
    qtbot.waitUntil(lambda: view.session.step() == target, timeout=5000)
    qtbot.wait(50)
    assert view.session.state() == PAUSED and view.session.step() == target
    assert view.session.chunk().runs[0].steps[-1] == target


def test_a_figure_or_statistics_of_an_unfinished_training_say_so(window, qtbot, tmp_path):
    """A teacher's tour: a PNG exported at step 7040 of 200000 said "200000 steps", and its
    statistics (JSON) had no "interrupted" key, which `--train --stats` writes."""
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    view.fields.bindings["steps"].widget.setValue(100_000)
    _run_to_the_step(view, qtbot, 1)
    step = view.session.step()
    assert 0 < step < 100_000 and view.session.state() == PAUSED
    assert f" · step {step} of 100000 (not finished) · " in view.caption()
    assert window.export_stats(tmp_path / "partial.json")
    assert json.loads((tmp_path / "partial.json").read_text())["interrupted"] is True
    window.set_language("zh_CN")
    assert f"第 {step} 步，共 100000 步（训练未完成）" in view.caption()
    window.set_language("en")
    view.fields.bindings["steps"].widget.setValue(STEPS)   # a new session, trained through
    _run_to_the_end(view, qtbot)
    assert f" · {STEPS} steps · " in view.caption() and "not finished" not in view.caption()
    assert window.export_stats(tmp_path / "done.json")
    assert json.loads((tmp_path / "done.json").read_text())["interrupted"] is False


def test_space_starts_and_pauses_and_steps_and_never_resets(view, qtbot):
    """A keyboard-only tour: Start, pressed with Space, disabled itself and Qt gave the focus
    to Reset; the second Space, meant to pause, reset the run. Start and Pause now hand the
    focus to each other, and Step keeps it across its step."""
    view.fields.bindings["steps"].widget.setValue(100_000)
    view.activateWindow()
    view.start_button.setFocus()
    qtbot.waitUntil(view.start_button.hasFocus)
    qtbot.keyClick(view.start_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: view.session.step() >= 1, timeout=5000)
    assert view.pause_button.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    qtbot.waitUntil(lambda: not view.session.runner.is_busy(view.channel()), timeout=2000)
    paused_at = view.session.step()
    assert view.session.state() == PAUSED and paused_at >= 1 and view.start_button.hasFocus()
    view.step_button.setFocus()
    for _ in range(2):
        before = view.session.step()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
        qtbot.waitUntil(lambda: view.session.step() > before and view.step_button.isEnabled(),
                        timeout=5000)
        assert view.step_button.hasFocus()
    assert view.session.state() == PAUSED
    view.fields.bindings["steps"].widget.setValue(view.session.step() + 5)
    view.start_button.setFocus()
    qtbot.keyClick(view.start_button, Qt.Key_Space)
    qtbot.waitUntil(lambda: view.session.state() == DONE, timeout=5000)
    ended = view.session.step()   # done: the focus in the task's field, not on Reset
    assert view.fields.bindings["task"].widget.hasFocus() and not view.reset_button.hasFocus()
    task = QApplication.focusWidget()
    qtbot.keyClick(task, Qt.Key_Space)
    task.hidePopup()
    assert view.session.step() == ended


def test_a_refused_value_turns_red_and_nothing_runs_and_reset_starts_over(view, qtbot):
    shown = view.session.chunk()
    view.resize(760, 700)                               # the status wraps, in its own room
    qtbot.waitUntil(lambda: view.content.width() <= 760)
    room = view.status.height()
    view.fields.bindings["lr"].widget.setValue(50.0)          # the engine allows at most 10
    assert "50" in view.fields.error_text("lr")
    assert view.fields.bindings["lr"].widget.property("invalid")
    assert not view.start_button.isEnabled() and not view.step_button.isEnabled()
    view.start()
    qtbot.wait(50)
    assert view.session.state() == IDLE and view.session.chunk() is shown
    assert "red field" in view.status.text()
    status = view.status   # under the buttons in a tab this narrow, all of it in its room
    assert status.y() > view.start_button.y() + view.start_button.height() / 2
    assert status.heightForWidth(status.width()) <= status.height() == room
    view.fields.bindings["lr"].widget.setValue(0.05)
    assert view.fields.error_text("lr") == "" and view.start_button.isEnabled()
    assert view.config().lr == 0.05 and view.session.configs()[0].lr == 0.05
    view.step()
    qtbot.waitUntil(lambda: view.session.step() == view.config().log_every, timeout=5000)
    assert view.maps.bars[1].levels() != (0.0, 1.0)   # the update ratios' decades
    old = view.session.session()
    view.reset()
    assert view.session.session() != old and view.session.state() == IDLE
    assert view.session.step() == 0 and "not started" in view.readout.text()
    # a tour: the empty maps kept the last session's colour scales (−10 … −40, −1 … −5)
    qtbot.waitUntil(lambda: view.maps.images[1].image is None)
    assert view.maps.bars[1].levels() == (0.0, 1.0)


def test_a_text_the_box_gives_up_after_a_refused_value_keeps_the_value_in_force(view, qtbot):
    """A tour: 2000000 steps (the engine's limit is 10⁶), then −5 (below the box's 1): the box
    put back 2000000 and said "got −5 (kept 2000000)" while 2000 was in force."""
    steps = view.fields.bindings["steps"].widget
    in_force = view.config().steps
    for text in ("2000000", "-5"):
        steps.lineEdit().setFocus()
        steps.lineEdit().selectAll()
        qtbot.keyClicks(steps.lineEdit(), text)
        qtbot.keyClick(steps.lineEdit(), Qt.Key_Return)
        qtbot.waitUntil(lambda t=text: f"got {t}" in view.fields.error_text("steps"))
    assert view.fields.error_text("steps").endswith(f"(kept {in_force})")
    assert steps.value() == in_force == view.config().steps
    # the value shown is in force: it trains (a teacher's tour: Start stayed greyed, "fix
    # the red field", beside the 0.01 kept for "abc" as the learning rate)
    assert view.fields.valid() and view.start_button.isEnabled()
    assert "red field" not in view.status.text()
    view.step()
    qtbot.waitUntil(lambda: view.session.step() == view.config().log_every, timeout=5000)
    # then a value the box takes and the engine refuses: shown, not in force, not "kept" (a
    # keyboard tour read "got 50 (kept 50)" after a refusal given up before it)
    steps.lineEdit().selectAll()
    qtbot.keyClicks(steps.lineEdit(), "3000000")
    qtbot.keyClick(steps.lineEdit(), Qt.Key_Return)
    assert view.fields.error_text("steps").endswith("got 3000000")
    assert not view.fields.valid() and not view.start_button.isEnabled()


def test_a_data_folder_the_engine_cannot_read_turns_red(view, qtbot, tmp_path):
    task = view.fields.bindings["task"].widget
    task.setCurrentIndex(task.findData("mnist"))
    folder = view.fields.bindings["data_dir"].widget
    assert folder.isVisibleTo(view) and not view.regions.isVisibleTo(view)   # not 2-D
    folder.setText(str(tmp_path / "missing"))
    folder.textEdited.emit(folder.text())
    view.start()
    qtbot.waitUntil(lambda: not view.fields.valid(), timeout=5000)
    assert "is not a folder" in view.fields.error_text("data_dir")
    assert not view.start_button.isEnabled() and view.session.state() != RUNNING
    # Edit ▸ Undo's first press takes away refused typing only: this folder is in force
    # (a review: it was cleared, and Start enabled beside it)
    assert not view.fields.discard_refused()
    view.fields.bindings["lr"].widget.setValue(50.0)   # and a value typed, refused
    assert view.fields.discard_refused() and not view.fields.error_text("lr")
    assert "is not a folder" in view.fields.error_text("data_dir")
    assert not view.fields.valid() and not view.start_button.isEnabled()
    # the worker reports the refusal whole, so it is worded in the window's language
    with marked("ConfigError"):
        assert view.fields.error_text("data_dir").startswith("«")
    assert not view.fields.error_text("data_dir").startswith("«")


def test_a_network_too_large_to_train_is_refused_before_start(view, qtbot):
    """A tour: depth 2000 × width 1024 said "Training failed: widths: …" with Start and Step
    enabled (pressing Start said "paused"), the field's key untranslated in Chinese."""
    view.resize(900, 700)   # (its status cut short)
    qtbot.waitUntil(lambda: view.status.width() < 400)
    room = view.readout.height()
    view.set_config(SimConfig.from_dict({"depth": 2000, "width": 1024}), training=False)
    assert "Cannot train: widths: training this network needs about" in view.status.text()
    assert not view.start_button.isEnabled() and not view.step_button.isEnabled()
    # cut in its line, but the readout reads out the session's runs: not said there, its
    # room unchanged (a review: the plots shrank by a line, and would jump as it changed)
    qtbot.waitUntil(lambda: bool(view.status.toolTip()))
    QApplication.processEvents()
    assert "Cannot train" not in view.readout.text() and view.readout.height() == room
    view.set_config(SimConfig.from_dict(SMALL), training=False)
    assert view.start_button.isEnabled() and "Cannot train" not in view.status.text()
    # refused from the first: its steps, not "step 0 of 0", and no runs to choose (the visual
    # check: an empty "maps of" box was enabled)
    fresh = TrainingView(view.session.runner, SimConfig.from_dict(
        {"depth": 2000, "width": 1024, "steps": 300}))
    qtbot.addWidget(fresh)
    fresh.show()
    assert "Cannot train" in fresh.status.text() and not fresh.run_choice.isEnabled()
    assert fresh.progress.format() == "step 0 of 300"
    # cut short in its line (1280 × 720: "… or a smaller mini-…"), it is said whole at the
    # top of the readout under the plots, and no longer once it fits its line
    said = html.escape(fresh.status.text())
    for width, cut in ((900, True), (4000, False)):
        fresh.resize(width, 700)
        qtbot.waitUntil(lambda: bool(fresh.status.toolTip()) == cut)
        qtbot.waitUntil(lambda: (said in fresh.readout.text()) == cut)


def test_a_new_session_is_refused_beyond_the_memory_available_with_what_the_tab_holds(
        view, qtbot, monkeypatch):
    """The weak-laptop tour: a network needing 5.3 GB was let through on a 4 GB laptop (the
    check was a fixed limit) and failed "MemoryError" once started. A new session is checked
    against the memory available plus what the tab's own session holds, which the worker frees
    for it: a new learning rate is never refused for the memory the last one took; the four
    inits need four networks'."""
    from engine import cost
    from engine.training import task_shape, training_bytes

    config = view.config()
    one = training_bytes([config], *task_shape(config))
    monkeypatch.setattr(cost, "available_memory", lambda: one // 2)
    view.set_config(config.with_values(lr=config.lr / 2), training=False)
    assert view.session.configs()[0].lr == config.lr / 2 and view.start_button.isEnabled()
    view.set_mode("inits")
    assert "Cannot train: widths: training these 4 networks needs about" in view.status.text()
    assert "\u00a0GB of memory and" in view.status.text() and not view.start_button.isEnabled()
    view.set_mode("single")
    assert view.start_button.isEnabled() and "Cannot train" not in view.status.text()
    fresh = TrainingView(view.session.runner, config.with_values(lr=config.lr / 4))
    qtbot.addWidget(fresh)   # (a tab holding nothing yet: its first session is checked alone)
    assert "Cannot train: widths: training this network needs about" in fresh.status.text()
    monkeypatch.setattr(cost, "available_memory", lambda: None)   # unknown: the fixed limit
    fresh.set_config(config.with_values(lr=config.lr / 3), training=False)
    assert fresh.start_button.isEnabled()


def test_a_mini_batch_larger_than_the_training_set_is_said(view, qtbot):
    """A tour: mini-batch 4096 on the spiral's 1000 points trained (each step spans four
    epochs, points repeated) without a word."""
    view.set_config(SimConfig.from_dict({**SMALL, "task": "spiral", "train_batch": 4096}),
                    training=True)
    assert "more than the 1000 training examples: each step goes over them 4.096 times" in \
        view.status.text()
    assert view.start_button.isEnabled()   # said, not refused
    view.set_config(SimConfig.from_dict({**SMALL, "task": "spiral", "train_batch": 1001}),
                    training=True)
    assert "each step goes over them 1.001 times" in view.status.text()   # (a review: "1")
    assert status_text(IDLE, None, valid=True, problem=None, failure=None,
                       epochs=(4096, 4095)).endswith("over them 1.00024 times")
    view.set_config(SimConfig.from_dict({**SMALL, "task": "spiral", "train_batch": 1000}),
                    training=True)
    assert "training examples" not in view.status.text()


def test_the_data_folder_has_a_row_and_a_refusal_moves_no_plot(view, qtbot):
    """In a 1024-pixel window the data folder shared its row with the batch, the steps and
    the progress, and showed four characters of its path. The reason's room is one line, or
    two where a reason may name a file (task mnist), and the plots never move as it comes and
    goes."""
    view.resize(740, 700)                             # the tab's width in a 1024-pixel window
    qtbot.waitUntil(lambda: view.content.width() <= 740)
    problem, plots = view.fields.problem, view.curves
    line = problem.fontMetrics().lineSpacing()
    assert line <= problem.height() < 2 * line
    view.fields.bindings["lr"].widget.setValue(50.0)
    qtbot.wait(20)
    top = plots.mapTo(view, plots.rect().topLeft()).y()
    assert problem.text().startswith("learning rate") and problem.isVisible()
    view.fields.bindings["lr"].widget.setValue(0.05)
    qtbot.wait(20)
    assert problem.text() == "" and plots.mapTo(view, plots.rect().topLeft()).y() == top
    # two refusals at once: room for both (rarely, the plots move then)
    view.fields.bindings["lr"].widget.setValue(50.0)
    view.fields.bindings["steps"].widget.setValue(99_999_999)
    assert problem.height() >= 2 * line and problem.text().count("\n") == 1
    view.fields.bindings["steps"].widget.setValue(100)
    assert problem.height() < 2 * line and problem.text() == ""
    # a value the engine takes beyond the box's range is shown as it is
    box = view.fields.bindings["lr"].widget
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "1e-07")
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.waitUntil(lambda: view.config().lr == 1e-7)
    assert box.value() == 1e-7 and box.text() == "1e-7" and problem.text() == ""
    task = view.fields.bindings["task"].widget
    task.setCurrentIndex(task.findData("mnist"))
    folder = view.fields.bindings["data_dir"].widget
    qtbot.waitUntil(lambda: folder.isVisible() and folder.width() > view.width() / 2)
    assert problem.height() >= 2 * line
    task.setCurrentIndex(task.findData("spiral"))
    qtbot.waitUntil(lambda: not folder.isVisible())
    assert problem.height() < 2 * line


# -- inside the window -----------------------------------------------------------------------
def test_the_tab_is_last_built_when_shown_and_drops_its_session_on_a_change(qtbot, plotted):
    window = MainWindow(SimConfig.from_dict(SMALL), executor=deferred_executor())
    qtbot.addWidget(window)
    window.show()
    plotted(window)
    names = [window.tabs.full_name(i) for i in range(window.tabs.count())]
    assert names == ["Network", "Sweep", "Phase diagram", "Jacobian spectrum", "Weights",
                     "Activation", "Training"] == list(TAB_NAMES)
    made = window.tabs.made(TRAINING_TAB)     # made ahead when idle, if so
    assert made is None or made.session.chunk() is None     # but nothing trained
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    assert window.tabs.current_page() is view
    assert window.runner.priority == view.channel()
    assert view.config().widths[1:] == window.config().widths[1:]
    view.fields.bindings["steps"].widget.setValue(100_000)
    view.start()
    qtbot.waitUntil(lambda: view.session.step() >= 2, timeout=5000)
    old = view.session.session()
    window.controls.widget("batch").setValue(64)             # the Monte Carlo's batch: the
    assert view.session.session() == old                     # training goes on
    window.controls.widget("depth").setValue(4)              # the network changes:
    assert view.session.session() != old                     # a new session at once,
    assert view.session.state() == RUNNING                   # which trains on
    x = view.curves.train_curves[0].getData()[0]
    assert x is None or len(x) == 0                          # the old runs are gone:
    with pytest.raises(ConfigError, match="no training step of these settings yet"):
        window.copy_figure()                                 # no copy of empty axes (a tour)
    qtbot.waitUntil(lambda: view.session.step() >= 1, timeout=5000)
    window.copy_figure()
    assert view.session.chunk().runs[0].log10_backward_var.shape[1] == 4 + 2  # + output
    window.cancel()                                          # Esc pauses
    assert view.session.state() == PAUSED


def test_a_tab_made_ahead_paints_its_panels_when_first_shown(qtbot, small_config, monkeypatch):
    """Made ahead while the window is idle, the tab's panels wait unpainted until its controls
    have painted. Its content scrolls inside it, so the tab itself never paints: waiting for
    its own paint left the three plots unpainted (the Activation tab's picture stayed). It is
    made on the GUI thread, its imports too: they had run on a thread of their own, defining
    Qt classes beside the window's work (a worker of the suite crashed once in CI then)."""
    import importlib
    import threading

    from gui.training_ahead import MODULES

    threads = []
    load = importlib.import_module

    def import_module(name, *args):
        if name in MODULES:
            threads.append(threading.current_thread())
        return load(name, *args)

    monkeypatch.setattr(importlib, "import_module", import_module)
    window = MainWindow(small_config, executor=SyncExecutor())
    qtbot.addWidget(window)
    window.show()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None
                    and window.tabs.made(TRAINING_TAB).ready(), timeout=20000)
    window.tabs.setCurrentIndex(TAB_NAMES.index("Activation"))
    qtbot.wait(500)
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    panels = (view.curves, view.maps, view.regions)
    # a panel not yet revealed shows its background, not what was there before (a large-font
    # tour: black, noise or the Activation tab's pixels for up to 0.8 s)
    QApplication.processEvents()
    held = [panel for panel in panels if panel.held]
    assert held
    for panel in held:
        image = panel.grab().toImage()
        assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#ffffff"
    qtbot.waitUntil(lambda: all(not panel.held for panel in panels))
    assert set(threads) <= {threading.main_thread()}


def test_nothing_is_made_ahead_while_plots_are_coming_nor_for_a_closed_window(
        qtbot, small_config, monkeypatch):
    """The tab is made ahead while the window is idle: not while a Monte Carlo's plots are
    coming (after a slider's release, building it, 27 ms, had held back the final plots), and
    never for a closed window (its timer had gone on building a tab nobody would see)."""
    from worker_probe import ManualExecutor

    from gui import training_ahead

    for name in ("AHEAD_AFTER_MS", "IDLE_MS", "PREBUILD_STEP_MS"):
        monkeypatch.setattr(training_ahead, name, 1)
    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()                                   # its first Monte Carlo waits
    qtbot.wait(300)
    assert window.tabs.made(TRAINING_TAB) is None
    executor.finish()
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None)
    closed = MainWindow(small_config, executor=SyncExecutor())
    qtbot.addWidget(closed)
    closed.show()
    closed.close()
    qtbot.wait(300)
    assert closed.tabs.made(TRAINING_TAB) is None


def test_a_saved_config_keeps_the_tabs_training_keys(window, tmp_path):
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    view.fields.bindings["lr"].widget.setValue(0.0125)
    view.fields.bindings["steps"].widget.setValue(321)
    out = tmp_path / "run.json"
    assert window.save_config(out)
    saved = SimConfig.from_dict(json.loads(out.read_text()))
    assert (saved.lr, saved.steps) == (0.0125, 321)
    assert saved.widths == window.config().widths and saved.batch == window.config().batch
    window.set_config(SimConfig())                           # elsewhere, and back:
    assert window.open_config(out)                           # the tab trains as saved
    assert (view.config().lr, view.config().steps) == (0.0125, 321)


def test_the_four_inits_side_by_side_zeros_stay_identical_and_export_as_png(window, qtbot,
                                                                            tmp_path):
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    view.set_mode("inits")
    view.fields.bindings["steps"].widget.setValue(10)
    assert view.session.labels() == tuple(label for label, _ in COMPARE_INITS)
    assert view.session.configs() == compare_configs(view.config())[0]
    chunk = _run_to_the_end(view, qtbot)
    assert [run.label for run in chunk.runs] == [label for label, _ in COMPARE_INITS]
    # chunks bring only news; the session joins them into whole histories from step 0
    assert all(run.first_row == 0 and run.steps[0] == 0 and run.steps[-1] == 10
               for run in chunk.runs)
    lines = view.readout.text().split("<br>")
    assert len(lines) == 4 and "zeros" in lines[0]
    # tanh: σ(0) = 0, so zero weights pass no gradient at all (a lecturer's tour)
    assert "no weight gets a gradient" in lines[0] and "bias learns" in lines[0]
    assert "reaches layer 1" not in lines[0]      # (the zero weights say why: one clause)
    assert "identical" not in lines[3]
    assert all(box.scene() is not None for box in view.regions.boxes)
    # the held-out points leave most of a small map's regions in sight (a tour: at 1280 × 720
    # ~400 points of 6 px hid Xavier's boundary); the points a size for the map's width
    scatter, box = view.regions.scatters[3], view.regions.boxes[3]
    was = window.size()
    for size in ((1280, 720), (1600, 600)):   # (a short window: the map lower than wide)
        window.resize(*size)
        qtbot.waitUntil(lambda: window.width() == size[0])
        QApplication.processEvents()
        side = min(box.width(), box.height())
        assert len(scatter.data) * scatter.opts["size"] ** 2 < 0.5 * side ** 2, (size, side)
    window.resize(was)
    # the step they are of, under them (a tour: regions a few steps past the numbers' step
    # after a pause on a slow network, unsaid)
    assert view.regions.step_label.text == "decision regions at step 10" == \
        f"decision regions at step {chunk.step}"
    grid = chunk.regions[0].shape[0]
    assert all(image.image.shape == (grid, grid, 3) for image in view.regions.images)
    assert view.run_choice.count() == 4 and view.run_choice.currentText() == "Xavier"
    view.run_choice.setCurrentIndex(0)                       # zeros: no gradient below the
    zero = view.maps.zeros[0].image                          # output layer, drawn black
    assert zero is not None and zero[:-1].all() and np.isnan(view.maps.images[0].image[:-1]).all()
    # … and said so over the map (it had read as the colour scale's dark end, a tour)
    note = view.maps.zero_notes[0]
    assert note.isVisible() and note.textItem.toPlainText() == "black: exactly 0"
    view.run_choice.setCurrentIndex(1)                       # γ too small
    assert "γ too small" in view.maps.plots[0].titleLabel.text
    assert not view.maps.zero_notes[0].isVisible()
    assert view.maps.images[0].image.shape == chunk.runs[1].log10_backward_var.T.shape
    out = tmp_path / "training.png"
    window.export_figure(out)                                   # File ▸ Export PNG: this tab
    image = QImage(str(out))
    # a figure: the settings in a caption instead of the fields and buttons (a tour: the PNG
    # had the Start button, and an empty row for refusals), down to the readout's last line
    assert image.width() == view.width()
    assert image.height() < view.height() - view.fields.height()
    caption = caption_text(view.config(), "inits", (2, 2))
    assert caption.startswith("spiral · Adam · learning rate 0.01 · mini-batch 64 · 10 steps "
                              "· logged every 10 steps; the lecture's four inits (zeros; γ too "
                              "small: Xavier at gain 0.1; γ too large: Xavier at gain 10; "
                              "Xavier); network: tanh · bias std 0 · depth 6 + a linear output "
                              "layer · widths 2, 16x6, 2 · seed 0")
    # a tour: a weight decay set by a file was in force and unsaid
    assert "learning rate 0.01 · weight decay 0.0005 · mini-batch" in caption_text(
        view.config().with_values(weight_decay=5e-4), "single", (2, 2))
    # (tours: a layer was left out; then "depth 7" beside the panel's 6 was not explained)
    assert view.config().depth == 6 and chunk.runs[0].log10_backward_var.shape[1] - 1 == 7
    assert any(QColor(image.pixel(x, y)).value() < 100
               for x in range(0, 300) for y in range(0, 20))   # its words are drawn
    for color in ("#009e73", "#d55e00", "#0072b2"):          # the runs' curves are drawn
        assert has_color(image, color)
    # File ▸ Export statistics: the runs' histories, as `--train --stats` writes them (a tour:
    # it wrote the Monte Carlo's statistics, with no way to get the training's out)
    assert window.export_stats(tmp_path / "training.json")
    data = json.loads((tmp_path / "training.json").read_text())
    assert [run["label"] for run in data["runs"]] == [label for label, _ in COMPARE_INITS]
    # each run says the keys its init changes (the config is the tab's, not the runs')
    assert [run["changes"] for run in data["runs"]] == [
        {k: v for k, v in overrides.items() if view.config().to_dict()[k] != v}
        for _, overrides in COMPARE_INITS]
    assert data["runs"][0]["changes"]["init"] == "zeros"
    assert data["config"] == view.config().to_dict()
    assert window.export_stats(tmp_path / "training.csv")
    assert (tmp_path / "training.csv").read_text() == history_csv(chunk.runs,
                                                                 view.session.configs())
    # each row names its run's config: which init made it (an audit: the CSV did not say)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "training.csv").read_text())))
    assert {json.loads(r["config"])["init"] for r in rows if r["run"] == "0"} == {"zeros"}
    # the figure opens as it was made: the four inits on the Training tab (a tour: it opened
    # as one network, the tab left as it was); Undo puts back one network, on that tab
    view.set_mode("single")
    view.fields.bindings["steps"].widget.setValue(20)
    window.tabs.setCurrentIndex(0)
    assert window.open_config(out)
    assert view.fields.mode() == "inits" and window.tabs.currentIndex() == TRAINING_TAB
    assert view.config().steps == 10
    window.history.stack.undo()
    assert view.fields.mode() == "single" and view.config().steps == 20
    window.history.stack.redo()
    assert view.fields.mode() == "inits" and view.config().steps == 10
    # … and the training's statistics too, as `--train --stats` writes them
    view.set_mode("single")
    assert window.open_config(tmp_path / "training.json") and view.fields.mode() == "inits"


def test_the_training_preset_ends_the_lecture_and_opens_the_tab_with_the_four_inits(window):
    preset = TRAINING_PRESETS[0]
    assert preset.compare == "inits" and preset.config().task == "spiral"
    actions = [a for a in window.presets_menu.actions() if not a.isSeparator()]
    action = actions[len(DEMO_PRESETS) + len(PRESETS)]       # right after the lecture's
    assert action.text() == preset.name
    action.trigger()
    assert window.tabs.currentIndex() == TRAINING_TAB
    view = window.tabs.training
    assert view.fields.mode() == "inits" and len(view.session.labels()) == 4
    assert view.config() == preset.config() == window.config()
    assert window.statusBar().currentMessage().startswith(preset.name)
    # the tab leaving the preset's settings takes its note away (a tour: it stayed over
    # "this network only" and task MNIST); the same settings again keep it
    view.fields.set_mode("single")
    assert not window.statusBar().currentMessage().startswith(preset.name)
    action.trigger()
    assert window.statusBar().currentMessage().startswith(preset.name)
    # the next preset in the menu, a network's (a teacher's rehearsal): shown where its hint
    # looks, the Training tab's keys kept; its note leaves the status bar with its settings
    saturation = next(p for p in EXTRA_PRESETS if p.name.startswith("Saturation"))
    window.apply_preset(saturation)
    assert window.tabs.currentIndex() == 0
    assert view.config().steps == preset.config().steps != SimConfig().steps
    assert view.fields.mode() == "inits"
    assert window.config().activation == "tanh" and window.config().gain == 4
    assert window.statusBar().currentMessage().startswith(saturation.name)
    assert "Look for" in window.dashboard.readout.text()
    window.history.stack.undo()                              # back to the training preset
    assert window.config() == preset.config()
    assert not window.statusBar().currentMessage().startswith(saturation.name)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_tab_fits_a_1024_pixel_window_and_its_readout_every_run(qtbot, language):
    """Its controls were one row 880 pixels wide: built (ahead, two seconds after the window
    opened), the tab made the window 1171 pixels wide, off a 1024-pixel screen. Now its fields
    take two rows, and in a window narrower still it scrolls. The readout holds the four
    inits' lines, two wrapped ones too (the zeros' identical units, γ too small's gradient
    regained), in Chinese as well (its fixed height was the Latin font's)."""
    from gui import i18n

    if language != "en" and i18n.missing_font(language):
        pytest.skip("no Chinese font installed")
    window = MainWindow(SimConfig.from_dict(SMALL), executor=SyncExecutor(), language=language)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.tabs.setCurrentIndex(TRAINING_TAB)
    view = window.tabs.training
    view.finish_building()
    view.set_mode("inits")
    view.fields.bindings["steps"].widget.setValue(10)
    _run_to_the_end(view, qtbot)
    qtbot.waitUntil(lambda: view.content.size() == view.scroll.viewport().size())
    assert window.width() == 1024 and window.minimumSizeHint().width() <= 1024
    assert view.content.minimumSizeHint().width() <= view.content.width()   # no scrolling
    label = view.readout
    assert label.text().count("<br>") == 3
    assert label.height() >= label.heightForWidth(label.width())
    status = view.status   # beside the buttons (it was cut to "rea" for "ready: press Start")
    assert status.width() >= status.fontMetrics().horizontalAdvance(status.text())
    # the runs' names under the plots: over the loss plot, their four rows covered most of it
    curves = view.curves
    legend = curves.legend.sceneBoundingRect()
    names = [view.run_choice.itemText(i) for i in range(view.run_choice.count())]
    assert [label.text for _, label in curves.legend.items] == names and len(names) == 4
    assert all(not legend.intersects(plot.getViewBox().sceneBoundingRect())
               for plot in (curves.loss, curves.accuracy))
    assert curves.rect().contains(legend.toRect())
    # each decision map just under its name (a view taller than wide centred its square
    # map, ~60 pixels below the name)
    regions = view.regions
    qtbot.waitUntil(lambda: all(box.width() > 1 for box in regions.boxes))   # laid out
    for title, box in zip(regions.titles, regions.boxes):
        name, square = title.sceneBoundingRect(), box.sceneBoundingRect()
        assert square.height() <= square.width() + 1
        assert 0 <= square.top() - name.bottom() <= 6
    # the loss axis labels its end decades (in a short plot pyqtgraph's grid dropped them)
    y0, y1 = curves.loss.getViewBox().viewRange()[1]
    ends = {tick_text(1, math.ceil(y0)), tick_text(1, math.floor(y1))}
    assert ends <= set(drawn_tick_labels(curves.loss.getAxis("left")))
    # the accuracy's labels apart (0 … 100 at every 20 overprinted one another in a plot ~45
    # pixels tall, a tour), its axis's title no taller than the plot, up to its box's
    # margins (the Chinese ran from above the plot to under its step axis)
    axis = curves.accuracy.getAxis("left")
    rects = sorted((rect for rect, _ in drawn_labels(axis)), key=lambda r: r.top())
    line = QFontMetricsF(axis.font()).height()   # (no gap between two lines reads as one)
    assert len(rects) >= 2 and all(b.center().y() - a.center().y() >= line - 0.01
                                   for a, b in zip(rects, rects[1:]))
    title = axis.label.mapRectToScene(axis.label.boundingRect())
    view_box = curves.accuracy.getViewBox().sceneBoundingRect()
    assert view_box.top() - 6 <= title.top() and title.bottom() <= view_box.bottom() + 6
    # and the step axes their ends, the last step's label whole (a tour: 0 … 2000 read "1000"
    # alone at 1024 pixels; then the loss's "2000" was cut at the panel's edge)
    for plot in (curves.loss, curves.accuracy, *view.maps.plots):
        axis = plot.getAxis("bottom")
        assert {"0", "10"} <= set(drawn_tick_labels(axis)), drawn_tick_labels(axis)
    # with the lesson open (step 13 sends a student here) the tab has ~470 pixels: its rows
    # and panels stack, and it scrolls down rather than sideways (a student's tour)
    window.lesson_action.trigger()
    qtbot.waitUntil(lambda: view.curves.y() > 0 and view.regions.y() == view.curves.y()
                    and view.maps.y() > view.curves.y() + view.curves.height() - 1)
    qtbot.waitUntil(lambda: view.scroll.horizontalScrollBar().maximum() == 0)
    assert view.scroll.verticalScrollBar().maximum() > 0
    assert view.reset_button.width() >= view.reset_button.minimumSizeHint().width()
    window.lesson_action.trigger()                           # closed: side by side again
    qtbot.waitUntil(lambda: view.maps.y() == view.curves.y() == view.regions.y())
    window.resize(300, 600)                                  # as narrow as it goes: the
    narrowest = window.minimumSizeHint().width()             # tab never holds it wider,
    assert narrowest <= 700                                  # it scrolls sideways
    qtbot.waitUntil(lambda: window.width() == narrowest)
    qtbot.waitUntil(lambda: view.scroll.horizontalScrollBar().maximum() > 0)
    window.close()


def test_the_loss_title_says_each_point_is_a_mean_over_the_logging_interval(view, qtbot):
    """A tour: the training loss at step s is the mean of the mini-batch losses since the last
    logged step (the held-out numbers are at step s), and nothing said so."""
    title = view.curves.loss.titleLabel
    assert "averaged over 10 steps" in title.text or "10-step mean" in title.text
    view.curves.set_runs(("a",), 100, every=50)
    assert "averaged over 50 steps" in title.text or "50-step mean" in title.text
    view.curves.set_runs(("a",), 100, every=1)   # a point a step: no mean
    assert title.text.startswith("Training loss") and "mean" not in title.text \
        and "averaged" not in title.text


def test_without_decision_regions_the_other_panels_take_the_room(view, qtbot):
    """A tour: the teacher and MNIST tasks left the tab's right third blank; and the
    held-out loss's empty axis spanned 1 … 10¹⁰⁰ until the first points."""
    view.resize(1300, 700)
    qtbot.waitUntil(lambda: view.regions.isVisible())
    narrow_maps = view.maps.width()
    view.fields.bindings["task"].widget.setCurrentIndex(
        view.fields.bindings["task"].widget.findData("teacher"))
    qtbot.waitUntil(lambda: not view.regions.isVisible())
    qtbot.waitUntil(lambda: view.maps.width() > 1.3 * narrow_maps)
    qtbot.waitUntil(lambda: "Held-out loss" in view.curves.accuracy.titleLabel.text)
    low, high = view.curves.accuracy.getViewBox().viewRange()[1]
    assert -2 < low < high < 2   # decades: 0.1 … 10 (then the points' own)


def test_the_step_axes_write_large_counts_short():
    """A tour: at 10⁶ steps in a window 1024 pixels wide the step axis read
    "200000400000600000800000"."""
    from gui.training_axes import step_text

    assert [step_text(v) for v in (0, 500, 9000, 10_000, 12_500, 250_000, 1_000_000, 1.5e6)] \
        == ["0", "500", "9000", "10k", "12.5k", "250k", "1M", "1.5M"]
    assert step_text(5000, thousands=True) == "5k"   # beside 10k (a tour: "5000 10k 15k")


@pytest.mark.parametrize("width", [150, 180, 240, 320])
def test_the_step_axis_labels_never_touch(qtbot, width):
    """A review: at 180 pixels the axis read "200k400k600k800k" (its room measured from the
    end's "1M"), and once widened, pyqtgraph labelled the old spacing too, over the new."""
    from PySide6.QtGui import QPainter

    from gui.training_axes import StepAxis

    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    plot = widget.addPlot(axisItems={"bottom": StepAxis("bottom")})
    plot.setXRange(0, 1_000_000, padding=0.01)
    widget.resize(width + 60, 150)
    widget.show()
    qtbot.waitUntil(lambda: plot.getAxis("bottom").width() > 0)
    axis = plot.getAxis("bottom")
    image = QImage(width + 60, 150, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        rects = [rect for rect, _, text in axis.generateDrawSpecs(painter)[2] if text]
    finally:
        painter.end()
    assert rects
    rects.sort(key=lambda r: r.left())
    assert all(a.right() + 4 <= b.left() for a, b in zip(rects, rects[1:])), rects


@pytest.mark.parametrize("steps", [2000, 1_000_000])
def test_the_step_axes_label_their_ends_whole(qtbot, steps):
    """A tour: 0 … 2000 read "1000" alone at 1024 pixels; labelled at its ends, the loss's
    "2000" was then cut at the panel's edge."""
    from gui.training_axes import step_text
    from gui.training_maps import LayerStepMaps
    from gui.widgets import settle_layouts
    from gui.training_plots import CurvesView

    for panel in (CurvesView(), LayerStepMaps()):
        qtbot.addWidget(panel)
        panel.resize(240, 420)
        panel.show()
        panel.finish()
        if isinstance(panel, CurvesView):
            panel.set_runs(("this network",), steps)
        else:
            panel.set_run("this network", steps, layers=50)
        settle_layouts()
        plots = (panel.loss, panel.accuracy) if isinstance(panel, CurvesView) else panel.plots
        seen = panel.mapToScene(panel.viewport().rect()).boundingRect()
        for plot in plots:
            axis = plot.getAxis("bottom")
            labels = drawn_labels(axis)
            assert labels[0][1] == "0" and labels[-1][1] == step_text(steps), labels
            assert all(seen.contains(axis.mapRectToScene(rect)) for rect, _ in labels)


def test_log_axis_labels_write_powers_of_ten_as_the_texts_do():
    """The loss axis read "1e-06" where the texts write 10⁻⁶; from 0.001 to 9000 numbers stay
    plain."""
    major, minor = decade_ticks(-6, -4)
    assert [text for _, text in major] == ["10⁻⁶", "10⁻⁵", "10⁻⁴"]
    assert [text for _, text in minor if text] == ["2·10⁻⁶", "5·10⁻⁶", "2·10⁻⁵", "5·10⁻⁵"]
    major, minor = decade_ticks(-1, 1)
    assert [text for _, text in major] == ["0.1", "1", "10"]
    assert [text for _, text in minor if text] == ["0.2", "0.5", "2", "5"]
    major, minor = decade_ticks(2, 6)   # a long span: only the decades are labelled
    assert [text for _, text in major] == ["100", "1000", "10⁴", "10⁵", "10⁶"]
    assert not any(text for _, text in minor)
    # fourteen decades (an exploding run's loss): every decade a tick, every other labelled
    # an axis a few pixels tall: at least its top decade labelled (a review: none had been)
    assert [text for _, text in decade_ticks(1, 2, 3.85, 15)[0] if text] == ["100"]
    major, _ = decade_ticks(-1, 12)
    assert [position for position, _ in major] == list(range(-1, 13))
    assert [text for _, text in major if text] == ["1", "100", "10⁴", "10⁶", "10⁸", "10¹⁰",
                                                   "10¹²"]


def test_the_held_out_loss_and_the_readout_write_numbers_as_the_training_loss_does(view,
                                                                                  qtbot):
    """A teacher's tour: on the teacher task the held-out loss's axis wrote 10², 10¹ beside
    the training loss's 1000, 100, and the readout "loss 5.55e+05"."""
    import dataclasses

    from gui.training_readout import run_text

    task = view.fields.bindings["task"].widget
    task.setCurrentIndex(task.findData("teacher"))   # a regression: the held-out loss
    _run_to_the_end(view, qtbot)
    axis = view.curves.accuracy.getAxis("left")
    for low, high in ((2, 4), (-5, -3)):
        view.curves.accuracy.setYRange(low - 0.2, high + 0.2, padding=0)
        drawn = drawn_tick_labels(axis)
        decades = [text for _, text in decade_ticks(low, high)[0]]   # the training loss's
        assert [text for text in drawn if text in decades] == decades, drawn
        assert not any("10²" in text or "10³" in text or "e" in text for text in drawn)
    config = SimConfig.from_dict({"depth": 2, "width": 4, "steps": 10})
    (run,) = train([config], ["x"])
    losses = np.full_like(run.train_loss, 5.55e5)
    assert "loss 5.55·10⁵, held-out loss" in run_text(dataclasses.replace(run,
                                                                          train_loss=losses))


def test_a_loss_of_exactly_zero_is_left_off_the_log_axis_without_a_traceback(view, qtbot):
    """A breaker's tour: a mini-batch of 1 fitted exactly (gain 10, seed 1) logged a loss of
    0.0, and the loss axis took log₁₀ 0: a traceback, and the rest of the chunk's panels
    (maps, readout) left undrawn. Zeros have no place on a log axis: the range is of the
    positive losses, and a run of zeros draws none (its readout says them)."""
    import dataclasses

    run = _run_to_the_end(view, qtbot).runs[0]
    losses = run.train_loss.copy()
    losses[0] = 0.0
    view.curves.show_runs([dataclasses.replace(run, train_loss=losses)])
    _, y = view.curves.train_curves[0].getData()
    np.testing.assert_allclose(10 ** y[1:], losses[1:], rtol=1e-6)
    assert not np.isfinite(y[0])
    low = math.floor(math.log10(losses[1:].min()))
    assert view.curves.loss.getAxis("left").range[0] <= low
    view.curves.show_runs([dataclasses.replace(run, train_loss=np.zeros_like(losses))])


def test_a_single_run_has_no_legend_and_the_maps_titles_keep_one_scale(view, qtbot):
    """One run's colour needs no key (the legend's row goes to the plots); the two maps'
    titles, one above the other, shrink together."""
    curves, maps = view.curves, view.maps
    assert len(view.session.labels()) == 1 and not curves.legend.isVisible()
    view.set_mode("inits")
    qtbot.waitUntil(lambda: curves.legend.isVisible() and view.drawn())
    view.run_choice.setCurrentIndex(1)   # "γ too small": the longer titles
    titles = [plot.titleLabel for plot in maps.plots]
    view.resize(1400, 700)
    qtbot.waitUntil(lambda: view.width() == 1400)
    tight = view.content.minimumSizeHint().width() + 20   # the panels side by side, at least
    for width, named in ((tight, False), (1400, True)):
        # narrow, the titles drop the run's name (the run chooser names it) rather than
        # shrink: at 1024 pixels they were at 70 % of the loss plot's title
        view.resize(width, 700)
        qtbot.waitUntil(lambda: view.width() == width
                        and ("γ too small" in titles[0].text) == named)
        qtbot.wait(20)
        assert ("γ too small" in titles[1].text) == named
        assert len({round(t.item.scale(), 3) for t in titles}) == 1, width
        # and the curves' titles with them (a tour of the exports: the loss's long title set
        # its pair at a smaller size than the maps')
        every = [plot.titleLabel for plot in (curves.loss, curves.accuracy, *maps.plots)]
        assert len({round(t.item.scale(), 3) for t in every}) == 1, width


def test_the_readout_says_when_the_gradient_vanishes_before_layer_1():
    """A tour: the default network (depth 50, tanh, Xavier) trained 2000 steps at chance with
    Var[∂ℓ/∂h^1] 40 decades below the output's, and nothing said so."""
    from gui.training_readout import run_text

    deep = SimConfig.from_dict({"depth": 30, "width": 8, "activation": "tanh", "gain": 0.5,
                                "steps": 1})
    (run,) = train([deep], ["x"])
    drop = run.gradient_drop()
    assert drop == pytest.approx(run.log10_backward_var[-1, 1] - run.log10_backward_var[-1, -1])
    assert drop < -6
    assert f"the gradient's variance at layer 1 is {-drop:.0f} decades below the output's" \
        in run_text(run)
    (stable,) = train([deep.with_values(gain=1.0, widths=(8,) * 4)], ["y"])
    assert "reaching layer 1" not in run_text(stable)


def test_the_readout_says_when_training_lost_the_gradient():
    """A researcher: the default net under Adam at lr 0.01 loses 1.8 decades at step 0 and
    43 at the end, and "it vanishes in this network" blamed the initialization."""
    import dataclasses

    from gui.training_readout import run_text

    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 20, "log_every": 10})
    (run,) = train([config], ["x"])
    assert len(run.steps) == 3 and run.first_row == 0
    backward = np.zeros_like(run.log10_backward_var)
    backward[0, 1], backward[1:, 1] = -1.8, -43.0   # layer 1 against the output's 0
    lost = dataclasses.replace(run, log10_backward_var=backward)
    assert lost.gradient_drop(0) == pytest.approx(-1.8) and lost.gradient_drop() == -43.0
    assert "is 43 decades below the output's (1.8 decades below at step 0): it was lost in " \
           "training" \
        in run_text(lost)
    backward[0, 1] = 20.0   # (review: it read "(−20.0 at step 0)")
    assert "is 43 decades below the output's (none lost at step 0): it was lost in training" \
        in run_text(dataclasses.replace(run, log10_backward_var=backward))
    backward[0, 1], backward[1:, 1] = -14.0, -5.8   # lost at the start, regained in training
    assert run_text(dataclasses.replace(run, log10_backward_var=backward)).endswith(
        "at step 0 the gradient's variance at layer 1 was 14 decades below the output's (5.8 "
        "decades now)")
    backward[1:, 1] = 2.0   # regained past the output's
    assert run_text(dataclasses.replace(run, log10_backward_var=backward)).endswith(
        "was 14 decades below the output's (2.0 decades above it now)")
    backward[1:, 1] = -43.0
    backward[0, 1] = -20.0   # lost from the start: the network's
    assert run_text(dataclasses.replace(run, log10_backward_var=backward)).endswith(
        "is 43 decades below the output's: it vanishes in this network")


def test_the_readout_says_when_the_gradient_explodes_before_layer_1():
    """A tour: relu under He at gain 1.5, depth 100: the gradient reaching layer 1 was 32.6
    decades above the output's, and the readout gave the loss alone."""
    import dataclasses

    from gui.training_readout import run_text

    config = SimConfig.from_dict({"depth": 60, "width": 16, "activation": "relu", "init": "he",
                                  "gain": 1.5, "steps": 1})
    (run,) = train([config], ["x"])
    drop = run.gradient_drop()
    assert drop > 6
    assert run_text(run).endswith(f"the gradient's variance at layer 1 is {drop:.0f} decades above "
                                  f"the output's: it explodes in this network")
    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 20, "log_every": 10})
    (run,) = train([config], ["x"])
    backward = np.zeros_like(run.log10_backward_var)
    backward[0, 1], backward[1:, 1] = 0.5, 13.7   # grown in training
    assert run_text(dataclasses.replace(run, log10_backward_var=backward)).endswith(
        "is 14 decades above the output's (+0.5 decades at step 0): it grew in training")


def test_the_readout_says_a_gradient_that_exploded_at_the_start_and_its_noise(qapp):
    """A teacher's tour: relu under He at gain 3 began 8.4 decades above the output's and
    calmed, and nothing was said (its mirror, vanished and regained, was); a run that
    diverged at step 1 said where, not that its gradient began 38 decades up; and a gradient
    near its noise is said as a median with its range."""
    import dataclasses

    from gui import i18n
    from gui.training_readout import run_text

    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 20, "log_every": 10})
    (run,) = train([config], ["x"])
    backward = np.zeros_like(run.log10_backward_var)
    backward[0, 1], backward[1:, 1] = 8.4, 4.0
    calmed = dataclasses.replace(run, log10_backward_var=backward.copy())
    assert run_text(calmed).endswith("at step 0 the gradient's variance at layer 1 was 8 "
                                     "decades above the output's (4.0 decades now)")
    backward[1:, 1] = -1.0
    assert run_text(dataclasses.replace(run, log10_backward_var=backward.copy())).endswith(
        "was 8 decades above the output's (1.0 decades below it now)")
    backward[0, 1], backward[1:] = 38.0, np.nan
    diverged = dataclasses.replace(run, log10_backward_var=backward.copy(), diverged=(1, 2))
    assert run_text(diverged) == ("diverged (inf or NaN) at step 1 in layer 2; at step 0 the "
                                  "gradient's variance at layer 1 was 38 decades above the "
                                  "output's")
    (run,) = train([config.with_values(steps=50)], ["x"])   # 6 logged rows
    backward = np.zeros_like(run.log10_backward_var)
    backward[:, 1] = [-14.0, -7.5, -0.5, -4.0, -2.0, -3.0]   # near its noise: the median of
    noisy = dataclasses.replace(run, log10_backward_var=backward.copy())   # the last 5, and
    assert run_text(noisy).endswith("(3.0 decades now); that is the median of the last 5 "
                                    "logs, which range from −7.5 to −0.5 decades")
    backward[1:, 1] = [-np.inf, 5.0, -np.inf, 5.0, 5.0]   # their range; none came at two
    gaps = dataclasses.replace(run, log10_backward_var=backward)
    assert run_text(gaps).endswith("(5.0 decades above it now); that is the median of the "
                                   "last 5 logs, which range from −∞ to +5.0 decades")
    i18n.install("zh_CN")
    assert run_text(diverged).endswith("第 0 步时第 1 层的梯度方差比输出层高 38 个数量级")
    assert "（现在高 4.0 个数量级）" in run_text(calmed)
    assert run_text(noisy).endswith("此为最近 5 次记录的中位数，这些记录介于 −7.5 与 −0.5 "
                                    "个数量级之间")


def test_the_status_writes_steps_per_second_as_plain_numbers():
    """A tour: "done · 2.18e+03 steps/s"."""
    kwargs = dict(valid=True, problem=None, failure=None)
    assert status_text(DONE, 2183.4, **kwargs) == "done · 2183 steps/s"
    assert status_text(RUNNING, 12.345, **kwargs) == "training · 12.3 steps/s"
    assert status_text(PAUSED, 0.2441, **kwargs) == "paused · 0.244 steps/s"


def test_the_progress_bar_is_as_wide_as_its_longest_text(view, qtbot):
    """A tour: at 10⁶ steps "第 8974 步，共 1000000 步" wrapped and was cut in the bar's 150
    pixels; it widens to its text at the total (and back)."""
    bar = view.fields.bindings["steps"].widget
    for steps in (1_000_000, 20):
        bar.setValue(steps)
        qtbot.waitUntil(lambda n=steps: view.session.total() == n)
        longest = f"step {steps} of {steps}"
        needed = view.progress.fontMetrics().horizontalAdvance(longest)
        assert needed < view.progress.minimumWidth() <= view.progress.maximumWidth()
        assert view.progress.minimumWidth() == (150 if steps == 20 else needed + 16)


def test_the_readout_names_a_layer_of_dead_relu_units_as_the_gradients_stop():
    """A tour: relu under Adam at lr 0.1 killed every unit of layers 3, 5 and 6; the readout
    said "no gradient reaches layer 1 (exactly zero)" and nothing named the dead units (nor
    that "exactly zero" may be float32's underflow)."""
    import dataclasses

    from gui.training_readout import run_text

    config = SimConfig.from_dict({"depth": 6, "width": 8, "activation": "relu", "init": "he",
                                  "steps": 20, "log_every": 10})
    (run,) = train([config], ["x"])
    backward = np.zeros_like(run.log10_backward_var)
    backward[1:, 1:6] = -math.inf   # below the dead layer 5, since the start
    dead = np.zeros_like(run.dead_fraction)
    dead[-1, 3] = dead[-1, 5] = 1.0
    stopped = dataclasses.replace(run, log10_backward_var=backward, dead_fraction=dead)
    # the one nearest the output, which the backward pass meets first (a tour: layers 19–30
    # all dead, and layer 19 named)
    assert stopped.dead_layer(0.5) == (5, 1.0)
    text = run_text(stopped, "relu")
    assert "every unit of layer 5 is dead" in text and "the gradient stops there" in text
    assert "float32" not in text
    # a leaky unit is never dead (its gradient passes at slope a): not said
    assert "dead" not in run_text(stopped, "leaky_relu")
    assert "no gradient reaches layer 1 (it is 0 in float32" in run_text(stopped, "leaky_relu")
    dead[-1, 3] = dead[-1, 5] = 0.0
    dead[-1, 2] = 0.625
    half = dataclasses.replace(run, dead_fraction=dead)
    assert "62 % of the units of layer 2 are dead" in run_text(half, "relu")
    dead[-1, 2] = 0.25   # below DEAD_SHARE: not said
    assert "dead" not in run_text(dataclasses.replace(run, dead_fraction=dead), "relu")


def test_a_session_ended_by_divergence_is_said_stopped_not_done(view, qtbot):
    """A tour: relu/He at gain 30 diverged at step 0 and the status read "done · 2.2 steps/s"
    beside "step 0 of 2000"."""
    view.set_config(SimConfig.from_dict({**SMALL, "activation": "relu", "init": "he",
                                         "gain": 30.0, "depth": 30}), training=True)
    chunk = _run_to_the_end(view, qtbot)
    assert chunk.runs[0].diverged is not None
    assert view.status.text().startswith("stopped: training diverged")
    # at step 0 (a review: its caption said "30 steps", its map a sliver of −0.5 … 30.5)
    # (one run: "it diverged", a tour read "every run" of one as odd; of four, "every run")
    assert view.session.step() == 0 and "step 0 of 30 (it diverged)" in view.caption()
    for plot in (view.curves.loss, *view.maps.plots):
        assert plot.viewRange()[0] == pytest.approx([-0.5, 0.5]), plot.viewRange()
    # ended at step 1 of 30: the step axes span the steps trained, not a sliver of the 30 (a
    # teacher's tour: diverged at step 1 of 1000, the maps were two pixels wide)
    view.set_config(SimConfig.from_dict({**SMALL, "activation": "relu", "init": "he",
                                         "gain": 10.0, "depth": 20, "optimizer": "sgd"}),
                    training=True)
    chunk = _run_to_the_end(view, qtbot)
    assert chunk.runs[0].diverged[0] == 1 == view.session.step() < view.session.total()
    for plot in (view.curves.loss, *view.maps.plots):
        assert plot.viewRange()[0] == pytest.approx([-0.5, 1.5]), plot.viewRange()
    # a run that diverged between logged steps: its last column (drawn as wide as the others,
    # centred at 40) whole (a review: the span to its step, 35, cut it in half)
    import dataclasses

    run = chunk.runs[0]
    rows = 5
    logged = dataclasses.replace(
        run, steps=np.array([0, 10, 20, 30, 35]),
        **{name: np.resize(getattr(run, name), (rows, *getattr(run, name).shape[1:]))
           for name in ("log10_backward_var", "update_ratio")})
    assert columns(logged.steps) == (-5.0, 45.0)
    view.set_config(SimConfig.from_dict(SMALL), training=True)
    _run_to_the_end(view, qtbot)
    assert view.status.text().startswith("done")
    for plot in (view.curves.loss, *view.maps.plots):
        assert plot.viewRange()[0][1] > STEPS, plot.viewRange()


def test_a_session_whose_every_run_diverged_spans_them_all(view, qtbot):
    """A tour: the four inits all diverged (zeros at step 31, the others at 9): the step axes
    spanned the run the maps showed (−4.5 … 13.5: zeros' curve ran off the plot, steps −4 …
    −1 were labelled, another run chosen moved them); the PNG's caption said "500 steps"."""
    view.set_mode("inits")
    view.set_config(SimConfig.from_dict({"depth": 10, "width": 64, "task": "teacher",
                                         "optimizer": "sgd", "lr": 10.0, "steps": 500}),
                    training=True)
    chunk = _run_to_the_end(view, qtbot)
    lasts = [int(run.steps[-1]) for run in chunk.runs]
    assert all(run.diverged is not None for run in chunk.runs) and len(set(lasts)) > 1
    plots = (view.curves.loss, view.curves.accuracy, *view.maps.plots)
    spans = set()
    for index in range(view.run_choice.count()):
        view.run_choice.setCurrentIndex(index)
        qtbot.waitUntil(view.drawn)
        ranges = {tuple(plot.viewRange()[0]) for plot in plots}
        assert len(ranges) == 1
        spans |= ranges
    (low, high), = spans                                    # whichever run the maps show
    assert low <= 0 and max(lasts) < high
    assert all(columns(run.steps)[1] <= high for run in chunk.runs)   # every column whole
    for plot in plots:
        assert not any(label.startswith("−") or label.startswith("-")
                       for label in drawn_tick_labels(plot.getAxis("bottom")))
    assert f"step {view.session.step()} of 500 (every run diverged)" in view.caption()
    # dozens of decades of loss in a short plot: its labels a line apart (10¹¹ … 10⁶⁶ had
    # overprinted in a plot 65 pixels tall at 1024 × 700)
    axis = view.curves.loss.getAxis("left")
    line = QFontMetricsF(axis.font()).height()
    for height in (700, 480):
        view.resize(1100, height)
        qtbot.waitUntil(lambda: abs(view.height() - height) <= 1)
        QApplication.processEvents()
        centres = sorted(rect.center().y() for rect, _ in drawn_labels(axis))
        assert len(centres) >= 2
        assert all(b - a >= line - 0.01 for a, b in zip(centres, centres[1:])), (height, centres)


def test_reset_puts_the_loss_axis_back_as_a_new_session_has_it(view, qtbot):
    """A tour: after a run whose loss had reached 10⁵ … 10⁶, Reset (or a preset) kept that
    axis until Start."""
    box = view.curves.loss.getViewBox()
    fresh = box.viewRange()[1]
    view.fields.bindings["lr"].widget.setValue(10.0)     # diverges
    _run_to_the_end(view, qtbot)
    assert box.viewRange()[1] != fresh
    view.reset()
    qtbot.waitUntil(lambda: view.session.chunk() is not None, timeout=5000)
    assert box.viewRange()[1] == pytest.approx(fresh)


def test_a_finished_session_draws_its_regions_once_more_on_the_still_grid(qtbot, monkeypatch):
    """A researcher's tour: a figure exported as the training ended had the coarse regions
    that a busy machine's chunks had drawn (16 × 16 cells). Done (or paused), the regions
    are asked for once more, on the grid a still session affords (never coarser than the
    chunks'); a session never started asks for none."""
    config = SimConfig.from_dict({"depth": 4, "width": 512, "batch": 32, "steps": 20,
                                  "task": "spiral"})
    view = TrainingView(Runner(deferred_executor()), config)
    qtbot.addWidget(view)
    sent = []
    runner = view.session.runner
    submit = runner.submit

    def spy(channel, job, request, **kwargs):
        sent.append((view.session.state(), request.steps, request.grid,
                     view.session.still_grid()))
        return submit(channel, job, request, **kwargs)

    monkeypatch.setattr(runner, "submit", spy)
    view.resize(1100, 700)
    view.show()
    qtbot.waitUntil(lambda: view.session.chunk() is not None and view.drawn(), timeout=5000)
    qtbot.wait(100)
    assert [s[0] for s in sent] == [IDLE]   # step 0 and its regions, nothing more
    _run_to_the_end(view, qtbot)
    qtbot.waitUntil(lambda: not runner.is_busy(view.channel()), timeout=10000)
    qtbot.wait(100)
    done = [s for s in sent if s[0] == DONE]
    assert len(done) == 1 and done[0][1] == 0 and done[0][2] == done[0][3]
    assert done[0][2] >= max(s[2] for s in sent if s[0] != DONE)
    assert view.session.chunk().regions[0].shape[0] == done[0][2]


def test_the_still_grid_is_the_finest_half_a_second_affords():
    from gui.chunk_pacing import MIN_GRID, REGION_GRID, STILL_BUDGET_S, ChunkPacer, grid_for

    pacer = ChunkPacer()
    pacer.point_cost = 1e-4
    pacer.grid = grid_for(pacer.point_cost)
    assert pacer.grid == MIN_GRID and pacer.still_grid() == 64 == REGION_GRID
    pacer.point_cost = STILL_BUDGET_S / 40 ** 2
    assert pacer.still_grid() == 40
    pacer.point_cost = 1.0   # a network too slow for more: never coarser than the chunks'
    assert pacer.still_grid() == pacer.grid == MIN_GRID
    pacer.hurried = False    # a headless export takes the time the finest grid needs
    assert pacer.still_grid() == REGION_GRID


def test_a_headless_export_draws_the_regions_on_the_finest_grid_on_a_busy_machine(
        monkeypatch):
    """A README tour: `--export … --view training` on a busy machine drew the decision
    regions on a coarse grid (the still grid's half a second), and on a quiet one fine."""
    from gui import chunk_pacing, headless
    from gui.chunk_pacing import REGION_GRID
    from gui.main_window import MainWindow

    for budget in ("REGION_BUDGET_S", "STILL_BUDGET_S"):   # no time left at all
        monkeypatch.setattr(chunk_pacing, budget, 1e-12)
    grids = []

    config = SimConfig.from_dict({"depth": 2, "width": 8, "steps": 20, "task": "spiral",
                                  "seed": 1234567})

    def use(figure):   # (the export's own window: other tests' may be open beside it)
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.config().seed == config.seed)
        grids.extend(r.shape[0] for r in window.tabs.training.session.chunk().regions)
        return figure

    headless.training_figure(config, use, compare="inits", language="en")
    assert grids == [REGION_GRID] * 4


def test_the_layer_maps_colour_bars_write_a_true_minus(view, qtbot):
    """Trained, the layer maps' colour bars reach negative decades: −2, not -2."""
    from test_gui_minus_signs import tick_texts

    _run_to_the_end(view, qtbot)
    texts = tick_texts(view)
    assert any(s.startswith("−") for t in texts.values() for s in t)
    assert not {name: t for name, t in texts.items() if any("-" in s for s in t)}


def test_the_two_layer_maps_keep_one_width_whatever_their_labels(view, qtbot):
    """A tour: the gradient map's colour bar read −45 and the update ratio's −5, and the
    wider labels made the upper map narrower: the maps stand one above the other at one
    width."""
    from PySide6.QtCore import QCoreApplication, QEvent

    _run_to_the_end(view, qtbot)
    bars = view.maps.bars
    bars[0].setLevels((-48.0, -5.0))
    bars[1].setLevels((-7.0, -1.0))
    for _ in range(3):   # painted (the axes measure their labels), then laid out
        view.maps.grab()
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    boxes = [plot.getViewBox().sceneBoundingRect() for plot in view.maps.plots]
    assert boxes[0].left() == boxes[1].left() and boxes[0].width() == boxes[1].width()


def test_the_loss_and_accuracy_titles_read_at_one_scale(view, qtbot):
    """A tour at 1024 × 640: "Training loss, 10-step mean" was drawn smaller than "Held-out
    accuracy" under it. One above the other, they take one scale."""
    from PySide6.QtCore import QCoreApplication, QEvent

    curves = view.curves
    titles = [curves.loss.titleLabel, curves.accuracy.titleLabel]
    view.resize(1024 - 280, 640)   # (the controls' column beside it)
    qtbot.waitUntil(lambda: curves.width() < 300, timeout=3000)
    for _ in range(3):   # painted (the titles measure their room), then laid out
        curves.grab()
        QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
    assert titles[0].item.scale() < 1.0
    assert len({round(t.item.scale(), 3) for t in titles}) == 1


def test_an_empty_map_s_colour_bar_has_no_numbers_until_values_come(view, qtbot):
    """A tour: before Start the empty maps' bars read 0 … 1 "log₁₀ Var", a scale of nothing.
    They carry no numbers until the first values, and the maps do not move when they come;
    the maps say that no step has come yet (they were grey and silent: a new user's tour)."""
    import numpy as np
    from PySide6.QtGui import QImage

    def numbers(bar) -> int:   # dark pixels between the bar and its label: tick values
        axis = bar.getAxis("left")
        box = axis.mapRectToScene(axis.boundingRect()).toRect()
        box.setWidth(box.width() // 2)
        image = view.maps.grab(view.maps.mapFromScene(box).boundingRect()).toImage()
        image = image.convertToFormat(QImage.Format_Grayscale8)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
            image.height(), image.bytesPerLine())[:, :image.width()]
        return int((pixels < 128).sum())

    view.fields.bindings["steps"].widget.setValue(10)
    boxes = [plot.getViewBox().sceneBoundingRect() for plot in view.maps.plots]
    empty = [numbers(bar) for bar in view.maps.bars]   # (the axis line's own pixels)
    assert [note.text() for note in view.maps.notes] == ["no steps yet"] * 2
    _run_to_the_end(view, qtbot)
    assert [note.text() for note in view.maps.notes] == ["", ""]
    valued = [numbers(bar) for bar in view.maps.bars]
    assert all(after > before + 100 for before, after in zip(empty, valued)), (empty, valued)
    assert [plot.getViewBox().sceneBoundingRect() for plot in view.maps.plots] == boxes
    # nor where the values that came are none finite (a teacher's tour: zero weights' update
    # ratios, 0/0, read "nothing finite to draw" over a bar of −1 … 0)
    import dataclasses

    run = view.session.chunk().runs[0]
    view.maps.set_run("zeros", view.session.total(), run.update_ratio.shape[1])
    view.maps.show_run(dataclasses.replace(run, update_ratio=np.full_like(run.update_ratio,
                                                                          np.nan)))
    assert [note.text() for note in view.maps.notes] == ["", "nothing finite to draw"]
    assert numbers(view.maps.bars[1]) == empty[1] and numbers(view.maps.bars[0]) == valued[0]
    # exact zeros and NaN, nothing finite: the black cells are drawn and said, not "nothing
    # finite to draw" over them (a tour: relu, SGD at 5, both notes one over the other)
    ratio = np.full_like(run.update_ratio, np.nan)
    ratio[0] = 0.0   # (the first logged step's)
    view.maps.show_run(dataclasses.replace(run, update_ratio=ratio))
    assert view.maps.zero_notes[1].isVisible() and not view.maps.notes[1].text()


def test_the_readout_keeps_room_for_the_session_s_runs_and_the_plots_the_rest(view, qtbot):
    """One run's readout kept room for the four inits' lines: at 1280 × 720 a blank band of
    ~50 pixels under the plots. Its room follows the session's runs (and two wrapped lines)."""
    one_run, plots = view.readout.height(), view.curves.height()
    assert one_run >= view.readout.text_height()
    view.set_mode("inits")
    qtbot.waitUntil(lambda: len(view.session.labels()) == 4
                    and view.readout.height() > one_run)
    assert view.readout.height() >= view.readout.text_height()
    qtbot.waitUntil(lambda: view.curves.height() < plots)
    view.set_mode("single")
    qtbot.waitUntil(lambda: view.readout.height() == one_run)
    qtbot.waitUntil(lambda: view.curves.height() == plots)
    # an export at once, before the room's own pass (a review: one run's words under four)
    view.set_mode("inits")
    view.figure()
    assert view.readout.text().count("<br>") == 3 and view.readout.height() > one_run


def test_the_readout_holds_every_run_s_line_in_a_narrow_tab(view, qtbot):
    """A tour: four runs at 1024 pixels with the lesson open (Chinese) lost their readout's
    last lines, in the window and in its export: the readout grows where the narrow tab
    wraps it further than the lines it keeps."""
    from gui.widgets import rich_text_height

    kept = view.readout.height()
    view.readout.setText("<br>".join(["γ 过小：第 3000 步，训练损失 0.656，验证集损失 0.678，"
                                      "验证集准确率 58.8%；第 0 步时第 1 层的梯度方差比输出层低 "
                                      "14 个数量级（现在低 0.9 个数量级）"] * 4))
    view.resize(470, 700)
    qtbot.waitUntil(lambda: view.readout.width() < 470)
    assert rich_text_height(view.readout) > kept
    qtbot.waitUntil(lambda: view.readout.height() >= rich_text_height(view.readout))


def test_keys_with_no_field_are_said_on_the_tab_where_a_file_set_them(view, qtbot):
    """A teacher's tour: a weight decay from a file was in force and unsaid on the tab (only
    an export's caption named it), and the readout blamed training for the lost gradient."""
    keys = view.fields.file_keys
    assert not keys.isVisible()
    view.set_config(view.config().with_values(weight_decay=0.01, log_every=50), training=True)
    assert keys.isVisible()
    assert keys.text() == ("Set by the config, no field here: weight decay 0.01 · logged "
                           "every 50 steps")
    view.set_config(view.config().with_values(weight_decay=0.0, log_every=10), training=True)
    assert not keys.isVisible()


def test_the_symmetry_preset_and_dropout_breaking_it(window, qtbot):
    """The lecture's symmetry: zero weights under sigmoid learn, yet every unit of a layer
    stays identical (one unit a layer: the circles stay out of reach); dropout, a field of the
    tab, breaks it. The readout says which, and never "inf decades" for the gradient that zero
    weights kept from layer 1 at step 0."""
    from gui.training_readout import run_text

    preset = TRAINING_PRESETS[1]
    assert preset.values["dropout"] == 0 and preset.values["init"] == "zeros"
    window.apply_preset(preset)
    view = window.tabs.training
    assert view.config().dropout == 0 and view.fields.bindings["dropout"].widget.value() == 0
    # its hint in the tab, where it asks to set dropout (the status bar had cut it at 1024
    # pixels and dropped it at Start, a student's tour), and which setting dropout keeps
    assert view.fields.hint.isVisibleTo(view) and "dropout to 0.2" in view.fields.hint.text()
    view.fields.bindings["dropout"].widget.setValue(0.2)
    assert view.config().dropout == 0.2 and view.fields.hint.isVisibleTo(view)
    assert "dropout 0.2" in caption_text(view.config(), "single", (2, 2))
    config = preset.config().with_values(steps=600, log_every=100)
    kept, broken = train([config, config.with_values(dropout=0.2)], ["kept", "broken"])
    assert "every unit of each hidden layer is identical" in run_text(kept, "sigmoid", 0.0)
    text = run_text(broken, "sigmoid", 0.2)
    assert "dropout broke the zero weights' symmetry" in text
    assert "inf" not in text and "no gradient reached layer 1" in text
    # tanh's zero weights stay frozen with dropout too: no word of sigmoid's symmetry there
    frozen = train([config.with_values(activation="tanh", dropout=0.2)], ["zeros"])[0]
    assert "dropout cannot change that" in run_text(frozen, "tanh", 0.2)
    # a value the engine refuses turns the field red with its reason; the run keeps 0.2
    view.fields.bindings["dropout"].widget.setValue(0.95)
    assert view.fields.bindings["dropout"].refused is not None and not view.fields.valid()
    view.fields.bindings["dropout"].widget.setValue(0.2)
    assert view.fields.valid()
    view.fields.bindings["steps"].widget.setValue(100)   # another setting: the hint goes
    assert not view.fields.hint.isVisibleTo(view)


def test_a_short_layer_map_labels_its_layers_without_overprinting(qtbot):
    """A tour at 150 %: the maps of a depth-10 network ticked every layer 0 … 11, the labels
    stacked one on another in a short map. As many whole layers are labelled as the height
    has room for, never two in one place."""
    from PySide6.QtGui import QImage, QPainter

    from gui.training_maps import LayerStepMaps

    from types import SimpleNamespace

    maps = LayerStepMaps()
    qtbot.addWidget(maps)
    maps.finish()
    maps.resize(360, 260)   # each map ~90 px high
    maps.show()
    layers = np.random.default_rng(0).uniform(-3, 0, (3, 12))   # 3 logs × layers 0 … 11
    maps.show_run(SimpleNamespace(steps=np.array([0, 10, 20]), log10_backward_var=layers,
                                  update_ratio=10**layers))
    qtbot.wait(50)
    scratch = QImage(8, 8, QImage.Format_ARGB32)
    for plot in maps.plots:
        axis = plot.getAxis("left")
        painter = QPainter(scratch)
        try:
            texts = [(rect, text) for rect, _, text in axis.generateDrawSpecs(painter)[2]]
        finally:
            painter.end()
        assert texts and all(float(t).is_integer() for _, t in texts), texts
        rects = sorted((r for r, _ in texts), key=lambda r: r.top())
        # (a label's box has its font's leading: boxes may touch, glyphs never meet)
        assert all(a.bottom() - b.top() < 0.25 * a.height() for a, b in zip(rects, rects[1:])), \
            texts


def test_step_zero_alone_is_drawn_as_wide_as_the_logging_interval(view, qtbot):
    """A tour: before a second logged step, the maps' one column (step 0) was one step wide,
    a line lost at the left edge of a long step axis; it is as wide as the logging interval
    (a review: no wider than the run, whose last step is logged whatever the interval)."""
    for steps, every, half in ((2000, 1000, 500.0), (300, 5000, 150.0)):
        view.set_config(SimConfig.from_dict({**SMALL, "steps": steps, "log_every": every}),
                        training=True)
        first = []   # the first chunk trained (of one step): step 0 logged, the next at `every`

        def pause_at_first(chunk):
            if chunk.step and not first:
                first.append(chunk)
                view.pause()
        view.session.chunkArrived.connect(pause_at_first)
        view.start()
        qtbot.waitUntil(lambda: bool(first) and view.session.state() != "running",
                        timeout=10000)
        view.session.chunkArrived.disconnect(pause_at_first)
        image = view.maps.images[0]
        qtbot.waitUntil(lambda: view.drawn() and image.image is not None)
        assert list(view.session.chunk().runs[0].steps) == [0]
        assert image.image.shape[1] == 1
        rect = image.mapRectToParent(image.boundingRect())
        assert (rect.left(), rect.right()) == pytest.approx((-half, half))
    assert columns([0], 40) == (-20.0, 20.0) and columns([0, 5], 40) == (-2.5, 7.5)
