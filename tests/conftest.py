"""Shared test set-up: Qt renders offscreen, and the GUI's settings live in a temporary file."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Never read or write the user's real InitLab settings."""
    monkeypatch.setenv("INITLAB_SETTINGS", str(tmp_path / "initlab-settings.ini"))


# -- GUI fixtures (Qt is imported only by the tests that use them) ------------------------------
SMALL = {"depth": 6, "width": 16, "batch": 32}


@pytest.fixture
def small_config():
    from engine import SimConfig

    return SimConfig.from_dict(SMALL)


@pytest.fixture
def plotted(qtbot):
    """plotted(window): wait until the window plots the Monte Carlo of the config it shows."""

    def wait(window, timeout=15000):
        qtbot.waitUntil(lambda: window.result() is not None
                        and window.result().config == window.config(), timeout=timeout)
        return window.result()

    return wait


@pytest.fixture
def window(qtbot, small_config, plotted):
    """A shown MainWindow on a small config, its first Monte Carlo plotted."""
    from gui import MainWindow

    w = MainWindow(small_config)
    qtbot.addWidget(w)
    w.show()
    plotted(w)
    return w
