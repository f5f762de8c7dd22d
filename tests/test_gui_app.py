"""Launch-level behaviour: settings restore, a corrupt store, and main.py without a window."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from engine import SimConfig
from gui import app, settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_store(settings_file):
    """Every test here starts from an empty settings store."""


def test_the_last_config_and_geometry_are_restored(qtbot, plotted):
    config = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 16, "activation": "relu",
                                  "init": "he", "seed": 5})
    first = app.create_window(config, config_given=True)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)
    plotted(first)
    first.close()
    stored = settings.load()
    assert stored.problem is None and stored.config == config
    second = app.create_window(None, config_given=False)
    qtbot.addWidget(second)
    assert second.config() == config
    # restoreGeometry works on the frame; the offscreen platform's frame may shift a few pixels
    assert abs(second.width() - 760) <= 8 and abs(second.height() - 560) <= 8


def test_a_given_config_wins_over_the_stored_one(qtbot):
    settings.save(SimConfig.from_dict({"depth": 3, "width": 4}), b"")
    given = SimConfig.from_dict({"depth": 2, "width": 5, "batch": 8})
    w = app.create_window(given, config_given=True)
    qtbot.addWidget(w)
    assert w.config() == given


@pytest.mark.parametrize("content", [
    b"\x00\xff\xfe garbage [[[\n=== \x01\x02",
    b"[General]\nconfig=not json\n",
    b'[General]\nconfig="{\\"depth\\": 0}"\n',
])
def test_a_corrupt_settings_store_falls_back_to_defaults(qtbot, settings_file, content):
    settings_file.write_bytes(content)
    w = app.create_window(None, config_given=False)
    qtbot.addWidget(w)
    assert w.config() == SimConfig()
    assert "Settings not restored" in w.statusBar().currentMessage()
    w.runner.cancel()


def test_no_settings_is_a_quiet_first_launch(qtbot):
    w = app.create_window(SimConfig.from_dict({"depth": 2, "width": 4, "batch": 8}))
    qtbot.addWidget(w)
    assert w.statusBar().currentMessage() == ""


def test_export_dashboard_headless(tmp_path, qtbot):
    out = tmp_path / "d.png"
    app.export_dashboard(SimConfig.from_dict({"depth": 5, "width": 8, "batch": 8}), out, scale=2)
    image = QImage(str(out))
    assert image.width() > 1000 and image.height() > 800


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


def test_main_with_a_bad_set_exits_2_with_one_error_line(tmp_path):
    done = _main(tmp_path, "--export", "out.png", "--set", "depth=0")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: depth:")
    assert not (tmp_path / "out.png").exists()


def test_blas_threads_chosen_by_the_user_are_left_alone(monkeypatch):
    from gui import _blas

    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    assert _blas.leave_a_core_for_the_gui() is None


def test_blas_is_capped_to_leave_a_core(monkeypatch):
    from threadpoolctl import threadpool_info, threadpool_limits

    from gui import _blas

    for name in _blas._ENV:
        monkeypatch.delenv(name, raising=False)
    before = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    try:
        cap = _blas.leave_a_core_for_the_gui()
        now = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert cap >= 1 and now and all(n <= cap for n in now)
    finally:
        threadpool_limits(limits=max(before or [1]), user_api="blas")
