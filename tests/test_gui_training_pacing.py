"""The Training tab's chunk scheduler alone (`gui.training_session`), on a fake runner and a
fake clock: chunks of about `chunk_pacing.CHUNK_S`, the decision regions rationed, a long
chunk cancelled by Pause."""

import numpy as np
import pytest
from PySide6.QtCore import QObject, Signal

from engine import SimConfig
from gui import chunk_pacing, training_session
from gui.training_session import IDLE, PAUSED, TrainingSession


class _Chunk:
    def __init__(self, session, step, steps_per_second, regions=None):
        self.session, self.step, self.done, self.regions = session, step, False, regions
        self.steps_per_second = steps_per_second
        self.runs = ()

    def joined(self, before):
        return self


class FakeRunner(QObject):
    """Records requests; `answer` makes the last one come back after `seconds`, the engine
    having trained at `rate` steps per second."""

    finished = Signal(str, object)
    failed = Signal(str, object)

    def __init__(self):
        super().__init__()
        self.requests, self.cancels, self.step = [], 0, 0

    def submit(self, channel, job, request, restartable=True):
        self.requests.append(request)

    def cancel(self, channel):
        self.cancels += 1

    def answer(self, clock, seconds, rate=None):
        request = self.requests[-1]
        clock[0] += seconds
        self.step += request.steps
        rate = rate if request.steps else 0.0
        self.finished.emit("training", _Chunk(
            request.session, self.step, rate if rate is not None else request.steps / seconds,
            (np.zeros((2, 2)),) if request.grid else None))


@pytest.fixture
def clock(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(training_session.time, "monotonic", lambda: now[0])
    return now


def test_chunks_take_about_75_ms_at_the_measured_rate_and_regions_are_rationed(qtbot, clock):
    runner = FakeRunner()
    session = TrainingSession(runner)
    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 100000})
    session.set_runs((config,), ("network",), two_d=True)
    session.show_start()
    assert runner.requests[-1].steps == 0 and runner.requests[-1].grid > 0
    runner.answer(clock, 0.2, rate=0)               # builds the session: not a measure
    session.start()
    sizes, grids, seconds = [], [], []
    for _ in range(14):      # 2000 steps a second, 5 ms more a chunk, regions 8 µs a point
        request = runner.requests[-1]
        sizes.append(request.steps)
        grids.append(request.grid)
        seconds.append(request.steps / 2000 + 0.005 + 8e-6 * request.grid ** 2)
        runner.answer(clock, seconds[-1], rate=2000)
        if sum(seconds) < chunk_pacing.THROUGHPUT_AFTER_S:   # (not yet a measure)
            assert session.steps_per_second() is None
    assert sizes[:4] == [1, 4, 16, 64]              # growing at most 4× a chunk …
    assert seconds[-4:] == pytest.approx([chunk_pacing.CHUNK_S] * 4, abs=0.002)  # … 75 ms
    assert all(not (a and b) for a, b in zip(grids, grids[1:]))   # never twice in a row
    assert sum(1 for g in grids[-6:] if g) >= 2     # at least every third chunk, then
    assert session.step() == sum(sizes)
    # the session's steps over its chunks' wall time, not the last chunk's (the first chunks
    # are short and some draw regions: shown chunk by chunk, 2 to 1743 steps/s, a tour)
    assert session.steps_per_second() == pytest.approx(sum(sizes) / sum(seconds))
    request = runner.requests[-1]
    session.pause()                                 # the chunk under way is short: it ends
    assert runner.cancels == 0 and session.state() == PAUSED
    runner.answer(clock, request.steps / 2000 + 0.005, rate=2000)
    every = config.log_every
    if session.step() % every:   # on to the next logged step: a chunk of the steps left
        assert runner.requests[-1].steps == every - session.step() % every
        runner.answer(clock, 0.005, rate=2000)
    assert session.step() % every == 0 and session.state() == PAUSED
    assert runner.requests[-1].steps == 0 and runner.requests[-1].grid   # the regions shown
    old = session.session()
    session.reset()
    assert session.session() != old and runner.cancels == 1   # the regions' request dropped
    assert session.state() == IDLE and session.chunk() is None


def test_a_long_chunk_is_cancelled_by_pause(qtbot, clock):
    runner = FakeRunner()
    session = TrainingSession(runner)
    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 1000, "task": "teacher"})
    session.set_runs((config,), ("network",), two_d=False)
    session.start()
    runner.answer(clock, 0.05)
    runner.answer(clock, 0.5)                       # 2 steps a second: a chunk is 1 step …
    runner.answer(clock, 0.5)
    asked = len(runner.requests)
    session.pause()                                 # … expected 0.5 s more: cancelled
    assert runner.cancels == 1 and session.state() == PAUSED
    # and not on to the next logged step: its 7 steps would take 3.5 s here
    assert session.step() == 3 and len(runner.requests) == asked
    runner.answer(clock, 0.5)                       # what it still delivers is not shown
    assert session.step() == 3


def test_a_two_d_session_draws_the_regions_on_its_first_chunk_and_its_last(qtbot, clock):
    """Started without its step 0 shown, the session's first chunk draws the regions, and so
    does the last; in between (never due here: the chunks take 1 ms) none does."""
    runner = FakeRunner()
    session = TrainingSession(runner)
    session.set_runs((SimConfig.from_dict({"depth": 3, "width": 8, "steps": 60}),),
                     ("network",), two_d=True)
    session.start()
    for _ in range(50):
        if session.step() >= 60:
            break
        runner.answer(clock, 0.001, rate=2000)
    assert session.step() == 60
    grids = [r.grid for r in runner.requests]
    assert len(grids) >= 4 and grids[0] > 0 and grids[-1] > 0
    assert not any(grids[1:-1])
    # trained in far less than THROUGHPUT_AFTER_S: not said while running, said once it stops
    # (a review: a short session ended as a plain "done")
    assert session.steps_per_second() is None
    session.pause()
    assert session.steps_per_second() > 0


def test_pause_near_the_end_stays_paused_rather_than_finish_the_session(qtbot, clock):
    """A review: Pause within a logged interval of the last step went on to it and ended the
    session ("done"): Pause is no Start."""
    runner = FakeRunner()
    session = TrainingSession(runner)
    config = SimConfig.from_dict({"depth": 3, "width": 8, "steps": 25, "task": "teacher"})
    session.set_runs((config,), ("network",), two_d=False)
    session.start()
    while session.step() + runner.requests[-1].steps <= 20:   # growing chunks, all quick
        runner.answer(clock, 0.001, rate=2000)
    session.pause()                                  # the chunk under way ends past step 20
    asked = len(runner.requests)
    runner.answer(clock, 0.001, rate=2000)
    assert 20 < session.step() < 25 and session.state() == PAUSED
    assert len(runner.requests) == asked              # not on to 30: beyond the last step 25
