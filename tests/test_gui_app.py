"""Launch-level behaviour: settings restore, a corrupt store, and main.py without a window."""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from worker_probe import ManualExecutor
from engine import SimConfig
from gui import app, headless, settings, theme
from gui.executors import SyncExecutor

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_store(settings_file):
    """Every test here starts from an empty settings store."""


def test_the_last_config_and_geometry_are_restored(qtbot, plotted):
    config = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16, "activation": "relu",
                                  "init": "he", "seed": 5})
    first = app.create_window(config, config_given=True, executor=SyncExecutor())
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 620)
    plotted(first)
    first.close()
    stored = settings.load()
    assert stored.problem is None and stored.config == config
    second = app.create_window(None, config_given=False, executor=SyncExecutor())
    qtbot.addWidget(second)
    assert second.config() == config
    # restoreGeometry works on the frame; the offscreen platform's frame may shift a few pixels
    assert abs(second.width() - 760) <= 8 and abs(second.height() - 620) <= 8


def test_a_config_file_s_comparison_opens_the_window_on_the_training_tab(qtbot):
    """`--config` with a figure of the four inits (a review: the window had opened on the
    stored tab and comparison, one network)."""
    from gui.window_tabs import TRAINING_TAB

    config = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16, "steps": 20})
    window = app.create_window(config, config_given=True, executor=SyncExecutor(),
                               recorded={"compare": "inits"})
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == TRAINING_TAB
    assert window.tabs.training.fields.mode() == "inits"
    assert window.tabs.training.config().steps == 20
    window.close()


def test_a_config_file_s_sweep_opens_the_window_on_the_sweep_tab_with_its_gains(qtbot):
    """`--config` with a figure of the Sweep tab: its gains and view (a practitioner's tour:
    the stored range came back); one the tab cannot draw is left out."""
    from gui.window_tabs import SWEEP_TAB

    state = {"from": 0.5, "to": 2.0, "values": 9, "show": "lines"}
    config = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16})
    window = app.create_window(config, config_given=True, executor=SyncExecutor(),
                               recorded={"sweep": state})
    qtbot.addWidget(window)
    assert window.tabs.currentIndex() == SWEEP_TAB
    assert window.tabs.sweep.fields.state() == state
    window.close()
    other = app.create_window(config, config_given=True, executor=SyncExecutor(),
                              recorded={"sweep": {**state, "values": 1}})
    qtbot.addWidget(other)
    assert other.tabs.sweep_state != {**state, "values": 1}
    other.close()


def test_a_number_typed_and_not_entered_is_kept_when_the_window_closes(qtbot, plotted):
    """A keyboard tour: depth 30 typed (no Return) and the window closed; the next launch
    had depth 50 again. Closing enters it, as leaving the box would."""
    config = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16})
    window = app.create_window(config, config_given=True, executor=SyncExecutor())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    plotted(window)
    box = window.controls.widget("depth")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    qtbot.keyClicks(box, "6")
    assert box.text() == "6" and window.config().depth == 4
    window.close()
    assert settings.load().config.depth == 6


def test_the_tab_the_lesson_and_the_comparison_are_restored_as_no_undo_step(qtbot):
    """A keyboard tour: closed on the Training tab with the four inits and the lesson open,
    the window came back on the Network tab, the lesson closed, this network alone."""
    from gui.window_tabs import NETWORK_TAB, TRAINING_TAB

    config = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 16})
    first = app.create_window(config, config_given=True, executor=ManualExecutor())
    qtbot.addWidget(first)
    first.show()
    assert first.tabs.currentIndex() == NETWORK_TAB and not first.lesson.isVisible()
    first.tabs.setCurrentIndex(TRAINING_TAB)
    first.tabs.training.set_mode("inits")
    first.lesson_action.trigger()
    first.close()
    second = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(second)
    second.show()
    assert second.tabs.currentIndex() == TRAINING_TAB and second.lesson.isVisible()
    assert second.tabs.training.fields.mode() == "inits"
    assert not second.menus.undo_action.isEnabled()   # put back, not a change of the user's
    second.lesson_action.trigger()
    second.tabs.setCurrentIndex(NETWORK_TAB)
    second.close()
    third = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(third)
    assert third.tabs.currentIndex() == NETWORK_TAB and not third.lesson_action.isChecked()
    third.close()


def test_the_sweeps_gains_and_view_are_restored_even_if_its_tab_stayed_closed(
        qtbot, settings_file):
    """A teacher's sweep to gain 1000 in the line view came back, at the next launch, as the
    default gains in maps; kept through a launch that never opened the tab; a state written
    by hand that the fields cannot show is dropped quietly, as an unknown tab is."""
    from gui.window_tabs import SWEEP_TAB

    first = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(first)
    first.tabs.setCurrentIndex(SWEEP_TAB)
    first.tabs.sweep.fields.set_state({"from": 0.5, "to": 1000.0, "values": 31,
                                       "show": "lines"})
    first.close()
    for launch in range(2):   # the second launch does not open the tab
        window = app.create_window(None, config_given=False, executor=ManualExecutor())
        qtbot.addWidget(window)
        if launch == 0:
            window.tabs.setCurrentIndex(0)
        window.close()
    last = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(last)
    assert last.tabs.made(SWEEP_TAB) is None
    fields = last.tabs.sweep.fields
    assert fields.state() == {"from": 0.5, "to": 1000.0, "values": 31, "show": "lines"}
    assert last.tabs.sweep.showing_lines() and len(last.tabs.sweep.values()) == 31
    last.close()
    content = settings_file.read_text()
    def stored(state: str):
        settings_file.write_text(re.sub(r"^sweep=.*$", lambda _: f'sweep="{state}"', content,
                                        flags=re.M))
        return settings.load()

    # (a review: "show" as a list, or a 400-digit end, had raised instead of being dropped)
    for bad in ('{"from": 2, "to": 1, "values": 31, "show": "mc"}', "[1, 2]", "x",
                '{"from": 1, "to": 2, "values": 3, "show": []}',
                '{"from": 1, "to": 1%s, "values": 3, "show": "mc"}' % ("0" * 400)):
        loaded = stored(bad.replace('"', '\\"'))
        assert loaded.sweep is None and loaded.problem is None, bad
    low = 7850.157017026726   # "to" stepped down to its least: low × 1.05, rounded, kept
    state = '{"from": %r, "to": %r, "values": 5, "show": "mc"}' % (low, low * 1.05)
    assert stored(state.replace('"', '\\"')).sweep["to"] == low * 1.05


def test_a_given_config_wins_over_the_stored_one(qtbot):
    settings.save(SimConfig.from_dict({"depth": 3, "width": 4}), b"")
    given = SimConfig.from_dict({"depth": 2, "width": 5, "batch": 8})
    w = app.create_window(given, config_given=True, executor=SyncExecutor())
    qtbot.addWidget(w)
    assert w.config() == given


@pytest.mark.parametrize("content", [
    b"\x00\xff\xfe garbage [[[\n=== \x01\x02",
    b"[General]\nconfig=not json\n",
    b'[General]\nconfig="[1, 2]"\n',
    b"garbage\x00\xff\xfe binary ]]][[[",   # no key at all (a breaker: read as a first launch)
])
def test_a_corrupt_settings_store_falls_back_to_defaults(qtbot, settings_file, content):
    settings_file.write_bytes(content)
    w = app.create_window(None, config_given=False, executor=ManualExecutor())  # runs nothing
    qtbot.addWidget(w)
    assert w.config() == SimConfig()
    assert "Settings not restored" in w.statusBar().currentMessage()


def test_an_unreadable_settings_file_is_said_in_words(qtbot, settings_file):
    """A breaker's tour: a file cut short read "could not be read (FormatError)", Qt's enum."""
    settings_file.write_bytes(b"[General")
    w = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(w)
    message = w.statusBar().currentMessage()
    assert "could not be read (it is not in the INI format)" in message
    assert "Error" not in message


def test_a_refused_saved_setting_costs_only_itself(qtbot, settings_file):
    """An audit: one bad value typed into the store by hand lost the whole saved config (the
    defaults shown), and closing the window saved the defaults over it. The other settings
    are restored, the refused one said."""
    settings_file.write_bytes(b'[General]\nconfig="{\\"depth\\": 0, \\"width\\": 8, '
                              b'\\"activation\\": \\"relu\\", \\"gain\\": \\"x\\"}"\n')
    w = app.create_window(None, config_given=False, executor=ManualExecutor())  # runs nothing
    qtbot.addWidget(w)
    config = w.config()
    assert (config.width, config.activation) == (8, "relu")
    assert (config.depth, config.gain) == (SimConfig().depth, SimConfig().gain)
    said = w.statusBar().currentMessage()
    assert said.startswith("Some settings not restored: 2 saved settings were refused (depth: ")


def test_a_session_that_cannot_be_saved_is_said_before_the_window_closes(
        qtbot, tmp_path, monkeypatch, capsys):
    """A long-session tour: a settings file made read-only lost the session on closing, and
    the language chosen before, unsaid. A person closing the window is asked (Cancel keeps it
    open); a session the program ends (a signal, `dispose`) is told on the error output."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "a file").write_text("")
    path = tmp_path / "a file" / "initlab.ini"    # (a folder no one can make, even root)
    monkeypatch.setenv("INITLAB_SETTINGS", str(path))
    asked = []

    def answer(button):
        def warning(parent, title, text, buttons, default):
            asked.append((title, text, default))
            return button
        return warning

    window = app.create_window(SimConfig.from_dict({"depth": 2, "width": 4}), config_given=True,
                               executor=ManualExecutor())
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.Cancel))
    window.close()
    assert window.isVisible() and len(asked) == 1
    title, text, default = asked[0]
    assert title == "Close without saving the session?" and default == QMessageBox.Cancel
    assert f"was not saved: {path} could not be written. Close anyway?" in text
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.Close))
    window.close()
    assert not window.isVisible() and len(asked) == 2
    window = app.create_window(SimConfig(), config_given=True, executor=ManualExecutor())
    monkeypatch.setattr(QMessageBox, "warning", None)   # (nobody to ask)
    capsys.readouterr()
    app.dispose(window)
    assert capsys.readouterr().err == \
        f"InitLab: this session was not saved: {path} could not be written\n"
    store = QSettings(str(path), QSettings.IniFormat)
    store.setValue("config", "{}")   # (a store `load` would read: the language is saved)
    assert settings.save_language("zh_CN", store) == \
        f"The language chosen is not kept for the next launch: {path} could not be written"
    # a file read as malformed is written whole: no false alarm (a review)
    (tmp_path / "cut.ini").write_bytes(b"[General")
    cut = QSettings(str(tmp_path / "cut.ini"), QSettings.IniFormat)
    assert settings.save(SimConfig(), b"", cut) is None
    assert settings.load(QSettings(str(tmp_path / "cut.ini"), QSettings.IniFormat)).config \
        == SimConfig()


def test_a_newer_versions_settings_are_left_as_they_are(qtbot, settings_file):
    """A tour: a store of version 7 (with a key this version does not know) read as
    "unrecognized content; using the defaults" and was overwritten on closing."""
    content = b'[General]\nversion=7\nconfig="{}"\nfuture_key=1\n'
    settings_file.write_bytes(content)
    w = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(w)
    assert "newer InitLab (version 7)" in w.statusBar().currentMessage()
    w.set_language("zh_CN")   # (saved at once, normally)
    w.set_language("en")
    w.close()
    assert settings_file.read_bytes() == content


def test_an_unknown_language_alone_keeps_the_restored_config(qtbot, settings_file):
    """A tour: an unknown saved language said "using the defaults" beside the restored
    config (gain 2.5)."""
    settings.save(SimConfig.from_dict({"depth": 2, "width": 4, "gain": 2.5}), b"")
    with open(settings_file, "a") as stream:
        stream.write("language=xx_YY\n")
    w = app.create_window(None, config_given=False, executor=ManualExecutor())
    qtbot.addWidget(w)
    assert w.config().gain == 2.5
    message = w.statusBar().currentMessage()
    assert message.startswith("Some settings not restored: the saved language is unknown")
    assert "defaults" not in message


def test_no_settings_is_a_quiet_first_launch(qtbot, settings_file):
    # no file, an empty one, white space, a section alone, comments, a BOM (an emptied file)
    for content in (None, b"", b"\n  \n", b"[General]\n", b"; none\n# yet\n", b"\xef\xbb\xbf"):
        if content is not None:
            settings_file.write_bytes(content)
        w = app.create_window(SimConfig.from_dict({"depth": 2, "width": 4, "batch": 8}),
                              executor=SyncExecutor())
        qtbot.addWidget(w)
        assert w.statusBar().currentMessage() == ""


def _pixels(image: QImage) -> np.ndarray:
    """An image's pixels as a height × width × 3 array of RGB."""
    rgb = image.convertToFormat(QImage.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return rows[:, :rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).copy()


def _share_of(pixels: np.ndarray, color: str) -> float:
    """The fraction of pixels within a small distance of `color` ("#rrggbb")."""
    rgb = np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(pixels.astype(int) - rgb).sum(axis=2) < 30).mean())


def test_export_dashboard_headless(tmp_path, qtbot):
    out = tmp_path / "d.png"
    config = SimConfig.from_dict({"depth": 5, "width": 8, "batch": 8})
    headless.export_dashboard(config, out, scale=2)
    image = QImage(str(out))
    assert image.width() > 1000 and image.height() > 800
    profile = _pixels(image)[: image.height() // 2, : image.width() // 2]   # top left
    for color in (theme.FORWARD, theme.BACKWARD):   # both passes' curves are drawn
        assert _share_of(profile, color) > 1e-3


def _dark_desktop_palette() -> QPalette:
    """A dark desktop scheme's palette: light text on dark grounds."""
    palette = QPalette()
    for role, color in ((QPalette.Window, "#353535"), (QPalette.WindowText, "#ffffff"),
                        (QPalette.Base, "#2a2a2a"), (QPalette.Text, "#ffffff"),
                        (QPalette.Button, "#353535"), (QPalette.ButtonText, "#ffffff")):
        palette.setColor(role, QColor(color))
    return palette


def test_under_a_dark_desktop_scheme_the_readout_is_dark_text_on_its_white_page(qtbot, qapp):
    style, palette = qapp.style().name(), qapp.palette()
    qapp.setPalette(_dark_desktop_palette())
    try:
        theme.light_scheme(qapp)
        window = app.create_window(SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16}),
                                   config_given=True, executor=SyncExecutor())
        qtbot.addWidget(window)
        window.show()
        window.resize(1200, 800)
        readout = window.dashboard.readout
        qtbot.waitUntil(lambda: "depth 4" in readout.text())
        pixels = _pixels(readout.grab().toImage())
        assert pixels.mean() > 200                            # the white page …
        assert (pixels.sum(axis=2) < 150).mean() > 0.005      # … with dark text on it
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)
        if hasattr(qapp.styleHints(), "unsetColorScheme"):
            qapp.styleHints().unsetColorScheme()


def test_a_desktop_turned_dark_while_the_window_is_open_leaves_it_light(qtbot, qapp):
    """A dark-mode tour: a palette turned dark without a word of the desktop's scheme left
    the readout's and the lesson's text pale on white; with the word, the lesson's boxes kept
    that pale text (the style was set before the palette), and the tooltips stayed dark."""
    from PySide6.QtWidgets import QLabel, QToolTip

    style, palette = qapp.style().name(), qapp.palette()
    theme.light_scheme(qapp)   # (as the app's start does: the test's application is pytest-qt's)
    window = app.create_window(SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16}),
                               config_given=True, executor=SyncExecutor())
    qtbot.addWidget(window)
    window.show()
    window.resize(1200, 800)
    window.lesson_action.trigger()
    readout = window.dashboard.readout
    qtbot.waitUntil(lambda: "depth 4" in readout.text())
    try:
        for said in (False, True):
            qapp.setPalette(_dark_desktop_palette())
            if said:   # as colorSchemeChanged calls it
                theme.keep_light()
            qtbot.waitUntil(lambda: qapp.palette().window().color().lightness() > 200)
            assert QToolTip.palette().toolTipText().color().lightness() < 100
            for widget in (readout, window.lesson.findChild(QLabel, "lesson_check")):
                pixels = _pixels(widget.grab().toImage())
                assert (pixels.sum(axis=2) < 150).mean() > 0.005, (said, widget)   # dark text
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)


def _main(tmp_path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           settings.ENV_VAR: str(tmp_path / "settings.ini")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_main_export_writes_a_png(tmp_path):
    done = _main(tmp_path, "--export", "out.png", "--set", "depth=5")
    assert done.returncode == 0, done.stderr
    image = QImage(str(tmp_path / "out.png"))
    assert image.width() > 500 and image.height() > 400
    assert done.stderr == ""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's warning is Linux's")
def test_a_c_locale_gives_no_warning_on_the_console(tmp_path):
    """The known list: under LC_ALL=C every launch and export began with Qt's four lines
    ("Detected locale "C" with character encoding "ANSI_X3.4-1968", which is not UTF-8 …")."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C"}
    done = subprocess.run([sys.executable, "-c", "from gui.app import make_app; make_app()"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr == ""


def test_main_with_a_bad_set_exits_2_with_one_error_line(tmp_path):
    done = _main(tmp_path, "--export", "out.png", "--set", "depth=0")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: depth:")
    assert not (tmp_path / "out.png").exists()


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _is_worker(pid: int) -> bool:
    """`pid` runs a spawned multiprocessing child (the window's worker), not e.g. its
    resource tracker."""
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux /proc")
@pytest.mark.parametrize("when", ["starting", "running"])
def test_a_hang_up_closes_the_window_as_its_close_button_and_ends_its_worker(tmp_path, when):
    """Issue: SIGHUP (the terminal closed) killed the window outright; it must close it as
    SIGTERM does: settings saved, worker ended. "starting": sent as soon as the worker
    exists, the window still being made (before its event loop runs, mostly); it used to die
    unsaved then, or be left hidden with a loop that never ended. "running": a second later,
    the window most likely up. Either way it must close the same."""
    import signal
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           settings.ENV_VAR: str(tmp_path / "settings.ini")}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--set", "depth=4",
                             "--set", "width=8"], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        children = []
        while not any(map(_is_worker, children)) and proc.poll() is None \
                and time.monotonic() < deadline:
            time.sleep(0.05)
            children = _children(proc.pid)      # the worker, the resource tracker
        assert any(map(_is_worker, children)), \
            proc.stderr.read() if proc.poll() is not None else "no worker"
        if when == "running":
            time.sleep(1.0)
        proc.send_signal(signal.SIGHUP)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert (tmp_path / "settings.ini").exists()   # closed as by its button: settings saved
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(c) for c in children)


@pytest.mark.parametrize("view", ["sweep", "phase", "spectrum", "activation"])
def test_export_renders_any_tab_once_it_has_computed_everything(view):
    """Issue: `--export` can render any tab (`--view`), not only the dashboard."""
    config = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 16})
    image = headless.dashboard_image(config, view=view)
    assert image.width() > 500 and image.height() > 400
    rgb = image.convertToFormat(QImage.Format_RGB32)           # kept while its bits are read
    pixels = np.frombuffer(rgb.constBits(), dtype=np.uint8).copy()
    assert pixels.std() > 10                                   # drawn, not blank


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_export_of_a_tab_whose_work_failed_says_why(monkeypatch, language):
    """It had waited for the tab's result without end. Said in the command line's English
    whatever the figure's language (a line had mixed two)."""
    from engine import ConfigError
    from gui import spectrum_view

    def broken(config, **kwargs):
        raise MemoryError("Unable to allocate 8.00 GiB")

    monkeypatch.setattr(spectrum_view, "spectrum_job", broken)
    config = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 16})
    with pytest.raises(ConfigError) as refused:
        headless.dashboard_image(config, view="spectrum", language=language)
    # (not the status's "— “Run again” retries": the command line has no such button)
    assert str(refused.value) == ("export: the spectrum tab has no result: MemoryError: "
                                  "Unable to allocate 8.00 GiB")


def test_export_renders_a_run_the_window_would_hold_for_f5(monkeypatch):
    """Issue: `--export` at depth 1000 failed 5 times in 6 with "start it with F5", which the
    command line has no way to do: its window held the run as long. The command line said
    the estimate already; the export runs it."""
    from gui import controller, run_gate

    monkeypatch.setattr(run_gate, "CONFIRM_S", 0.0)      # every run counts as long here
    ran, job = [], controller.monte_carlo_job
    monkeypatch.setattr(controller, "monte_carlo_job", lambda c, *a, **k: ran.append(c) or job(c, *a, **k))
    config = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 16})
    # (the Sweep and Spectrum tabs hold theirs as the window holds the network's)
    for view, runs in (("network", [config]), ("sweep", []), ("spectrum", [])):
        ran.clear()
        image = headless.dashboard_image(config, view=view)
        assert ran == runs, view
        rgb = image.convertToFormat(QImage.Format_RGB32)
        assert np.frombuffer(rgb.constBits(), dtype=np.uint8).std() > 10


def test_an_unknown_view_is_refused_with_the_choices(tmp_path, capsys):
    import main

    assert main.main(["--export", str(tmp_path / "x.png"), "--view", "bogus"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: view: must be one of network, sweep, phase")
    assert not (tmp_path / "x.png").exists()


def test_the_activation_export_draws_the_layer_asked_for(tmp_path, capsys):
    """A tour: `--export --view activation` drew the last layer only, where a well-scaled
    net's pre-activations are a narrow spike on which σ and its Taylor polynomials coincide;
    the first layer, which shows them part, needed the window."""
    import main

    config = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 16,
                                  "activation": "sigmoid_scaled", "init": "lecun"})
    first, last = (headless.dashboard_image(config, view="activation", layer=t) for t in (1, 3))
    assert first.size() == last.size() and first != last
    assert headless.dashboard_image(config, view="activation") == last   # the last by default
    for args, said in ((["--view", "activation", "--layer", "4"],
                        "layer: must be between 1 and the depth 3, got 4"),
                       (["--view", "sweep", "--layer", "1"], "layer: applies only with")):
        assert main.main(["--export", str(tmp_path / "x.png"), "--set", "depth=3", *args]) == 2
        assert capsys.readouterr().err.startswith(f"error: {said}")


def test_the_weights_export_draws_the_layer_asked_for(tmp_path, capsys):
    """`--export --view weights` (a teacher's handout of Xavier's uniform against the
    normal): the first layer by default, another with --layer."""
    import main

    config = SimConfig.from_dict({"widths": "64, 32, 8", "distribution": "uniform"})
    first, second = (headless.dashboard_image(config, view="weights", layer=t) for t in (1, 2))
    assert first.size() == second.size() and first != second
    assert headless.dashboard_image(config, view="weights") == first   # the first by default
    out = tmp_path / "w.png"
    assert main.main(["--export", str(out), "--view", "weights", "--layer", "2",
                      "--set", "widths=64, 32, 8", "--lang", "en"]) == 0 and out.stat().st_size
    assert main.main(["--export", str(out), "--view", "weights", "--layer", "3",
                      "--set", "widths=64, 32, 8"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: layer: must be between 1 and the depth 2, got 3")
    # no Monte Carlo behind it: a net whose run would take an hour is neither costed nor
    # refused (a review: "estimate: about 86 min and 22.6 GB", then done in a second)
    assert main.main(["--export", str(out), "--view", "weights", "--set", "widths=16384x32",
                      "--set", "batch=16384"]) == 0
    assert "estimate" not in capsys.readouterr().err


@pytest.mark.parametrize("points", [9.0, 13.5])
def test_plot_titles_and_colour_bars_grow_with_a_larger_desktop_font(qapp, points):
    """A tour at a 14 pt desktop font: plot titles stayed 11 pt, below their tick labels, and
    the colour bars' 45 px lost their negative values. A title stands above the desktop
    font's size; a colour bar's axis holds a tick "−30" beside its label's line."""
    import pyqtgraph as pg
    from PySide6.QtGui import QFontMetricsF

    from gui import plot_labels
    from gui.color_bar import ColorBar

    font = qapp.font()
    larger = qapp.font()
    larger.setPointSizeF(points)
    qapp.setFont(larger)
    try:
        metrics = QFontMetricsF(larger)
        plot = pg.PlotItem()
        plot_labels.fit_title(plot)
        plot.setTitle("Variance profile")
        assert plot.titleLabel.item.boundingRect().height() > 1.15 * metrics.height()
        bar = ColorBar(theme.variance_cmap(), values=(-30, 30))
        assert bar.axis.minimumWidth() >= metrics.horizontalAdvance("−30") + metrics.lineSpacing()
    finally:
        qapp.setFont(font)


def test_an_unreadable_saved_value_prints_nothing_of_qts_own(tmp_path):
    """A breaker's tour: a settings value of junk (`@Variant(…)`) printed Qt's "QVariant::load:
    unknown user type" on the console beside the window's own words for it."""
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[General]\nconfig=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x12junk)\n")
    code = ("from gui.app import make_app\nfrom gui import settings\n"
            "app = make_app(headless=True)\nprint(settings.load().problem_text())\n")
    env = {**os.environ, "INITLAB_SETTINGS": str(path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "the saved config is invalid (is not a config's text)"
    assert "QVariant" not in done.stderr


def test_a_figure_in_the_language_chosen_last_says_so_where_the_system_speaks_another(
        tmp_path, monkeypatch, capsys, qapp):
    """A README tour: a figure for an English paper came out in Chinese, the window's language
    chosen once. It still does (as the window would open), and says so with the way back."""
    from PySide6.QtCore import QByteArray

    monkeypatch.setenv("INITLAB_SETTINGS", str(tmp_path / "settings.ini"))
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert headless.figure_language(None) is None and capsys.readouterr().err == ""
    settings.save(SimConfig(), QByteArray(), language="zh_CN")
    assert headless.figure_language(None) == "zh_CN"
    assert capsys.readouterr().err == ("note: the figure is in the language chosen last in the "
                                       "window, zh_CN (--lang en for the system's)\n")
    assert headless.figure_language("en") == "en" and capsys.readouterr().err == ""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")   # chosen as the system speaks: nothing to say
    assert headless.figure_language(None) == "zh_CN" and capsys.readouterr().err == ""
