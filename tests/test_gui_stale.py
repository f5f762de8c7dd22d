"""Monte Carlo of older settings than the theory shown is dimmed and says so; a cancel says
it was cancelled (issue: the previous run stayed at full colour beside the new theory)."""

from worker_probe import ManualExecutor
from engine import SimConfig
from gui import MainWindow, theme


def _finish(qtbot, executor):
    qtbot.waitUntil(lambda: executor.running is not None, timeout=5000)
    executor.finish()


def test_older_monte_carlo_is_dimmed_labelled_and_cancelled_says_so(qtbot, small_config):
    executor = ManualExecutor()
    window = MainWindow(small_config, executor=executor)
    qtbot.addWidget(window)
    window.show()
    window.resize(1500, 940)   # room for the title's full form ("Dimmed: computing…" in less)
    dashboard = window.dashboard
    _finish(qtbot, executor)
    qtbot.waitUntil(lambda: window.result() is not None, timeout=5000)
    assert dashboard.stale() is None
    window.set_config(SimConfig.from_dict({"depth": 9}, base=small_config))
    qtbot.waitUntil(lambda: dashboard.stale() == "computing", timeout=3000)
    profile = dashboard.profile
    assert profile.forward_mc.opacity() == theme.STALE_OPACITY
    assert dashboard.forward.image.opacity() == theme.STALE_OPACITY
    assert profile.forward_th.opacity() == 1.0                 # the theory is current
    assert "previous settings" in profile.plot.titleLabel.text
    assert "computing" in profile.plot.titleLabel.text
    window.resize(1024, 700)   # the full title would be unreadable: its short form
    qtbot.waitUntil(lambda: profile.plot.titleLabel.text == "Dimmed: computing…")
    window.resize(1500, 940)
    qtbot.waitUntil(lambda: "previous settings" in profile.plot.titleLabel.text)
    window.cancel()                                            # Esc
    assert dashboard.stale() == "cancelled" and "cancelled" in profile.plot.titleLabel.text
    window.rerun()                                             # F5
    assert dashboard.stale() == "computing"

    def settled():
        if executor.running is not None:   # the cancelled job reports, then the new one runs
            executor.finish()
        return dashboard.stale() is None
    qtbot.waitUntil(settled, timeout=5000)
    assert profile.forward_mc.opacity() == 1.0 and dashboard.forward.image.opacity() == 1.0
    assert "previous" not in profile.plot.titleLabel.text
