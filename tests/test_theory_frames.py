"""The theory of the controls' config (gui.theory_frames): at once for a single change, once
per frame in a stream (the newest config), at once when the stream ends, and a slow theory
paced by its cost; an engine failure is reported, not raised."""

import pytest

from engine import SimConfig
from gui import theory_frames
from gui.theory_frames import TheoryFrames


@pytest.fixture
def computed(monkeypatch):
    """The configs whose theory was computed; each takes `cost[0]` seconds of a fake clock."""
    now, cost, configs = [100.0], [0.001], []

    def theory_of(config):
        configs.append(config)
        now[0] += cost[0]
        if config.gain == 13.0:
            raise FloatingPointError("the engine failed")
        return ("theory of", config)

    monkeypatch.setattr(theory_frames.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(theory_frames, "theory_of", theory_of)
    return configs, cost


def _gain(g):
    return SimConfig(gain=g)


def test_a_single_change_now_a_stream_once_per_frame_and_its_end_now(qtbot, computed):
    configs, _ = computed
    frames = TheoryFrames()
    ready = []
    frames.ready.connect(ready.append)
    frames.follow(_gain(1.0), streaming=False)
    assert ready == [("theory of", _gain(1.0))] and frames.theory == ready[-1]
    for g in (1.1, 1.2, 1.3):
        frames.follow(_gain(g), streaming=True)
    assert len(ready) == 1                                   # not inside the change
    qtbot.waitUntil(lambda: len(ready) == 2, timeout=5000)
    assert ready[-1] == ("theory of", _gain(1.3))            # the newest, once
    frames.follow(_gain(1.4), streaming=True)
    frames.flush()                                           # the stream ended
    assert ready[-1] == ("theory of", _gain(1.4)) and len(ready) == 3
    frames.flush()                                           # nothing waits: nothing to do
    assert configs == [_gain(1.0), _gain(1.3), _gain(1.4)]


def test_a_slow_theory_takes_at_most_a_third_of_the_time(qtbot, computed):
    configs, cost = computed
    frames = TheoryFrames()
    cost[0] = 20.0                                           # 20 s each: 60 s between two
    frames.follow(_gain(1.0), streaming=False)
    frames.follow(_gain(1.1), streaming=True)
    qtbot.wait(200)                                          # far beyond a frame (33 ms)
    assert configs == [_gain(1.0)]
    frames.flush()
    assert configs == [_gain(1.0), _gain(1.1)]


def test_an_engine_failure_is_reported_and_leaves_no_theory(qtbot, computed):
    frames = TheoryFrames()
    failed, ready = [], []
    frames.failed.connect(failed.append)
    frames.ready.connect(ready.append)
    frames.follow(_gain(1.0), streaming=False)
    frames.follow(_gain(13.0), streaming=False)
    assert frames.theory is None and ready == [("theory of", _gain(1.0))]
    assert isinstance(failed[0], FloatingPointError)
