"""The runner: worker threads or processes, stale outcomes dropped, never queued; progress and cancel."""

import os
import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

import engine
import engine.jobs
from engine import SimConfig
from gui import MainWindow
from gui.worker import SimRunner

A = SimConfig.from_dict({"depth": 3, "width": 8, "batch": 8, "seed": 1})
B = A.with_values(seed=2)
C = A.with_values(seed=3)


class FakeSimulate:
    """A simulate() whose jobs for `held` configs wait for `gate`; records what happened."""

    def __init__(self, held=(A,), obey_stop=True, progress=0.0):
        self.gate = threading.Event()
        self.started = threading.Event()
        self.held = held
        self.obey_stop = obey_stop
        self.progress = progress
        self.calls, self.cancelled = [], []
        self.threads = set()

    def __call__(self, config, *, cache=None, should_stop=None, on_progress=None):
        self.calls.append(config)
        self.threads.add(threading.get_ident())
        if config in self.held:
            if self.progress:
                on_progress(self.progress)
            self.started.set()
            while not self.gate.wait(0.002):
                if self.obey_stop and should_stop():
                    self.cancelled.append(config)
                    raise engine.Cancelled()
        return engine.theory_result(config)


@pytest.fixture
def runner(qtbot):
    made = []

    def make(fake):
        r = SimRunner(simulate=fake)
        made.append(r)
        return r

    yield make
    for r in made:
        r.shutdown()


def test_a_stale_result_is_dropped_on_the_gui_thread(qtbot, runner):
    fake = FakeSimulate(obey_stop=False)  # A ignores should_stop and finishes anyway
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.submit(A)
    assert fake.started.wait(5)
    r.submit(B)
    fake.gate.set()
    qtbot.waitUntil(lambda: bool(got) and not r.busy)
    assert [res.config for res in got] == [B]
    assert r.dropped == 1
    assert len(fake.threads) == 1 and threading.get_ident() not in fake.threads


def test_superseded_jobs_are_never_queued(qtbot, runner):
    fake = FakeSimulate()
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.submit(A)
    assert fake.started.wait(5)
    r.submit(B)  # A is asked to stop; B waits for the thread
    r.submit(C)  # B never starts
    qtbot.waitUntil(lambda: bool(got) and not r.busy)
    assert [res.config for res in got] == [C]
    assert B not in fake.calls and fake.cancelled == [A]


def test_request_cancels_a_long_job_at_once(qtbot, runner):
    fake = FakeSimulate(progress=0.01)  # just started: remaining time unknown / long
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.request(A)
    assert fake.started.wait(5)
    qtbot.waitUntil(lambda: r.running_config == A)
    r.request(B)
    assert r.running_config == B
    qtbot.waitUntil(lambda: bool(got) and not r.busy)
    assert [res.config for res in got] == [B] and fake.cancelled == [A]


def test_request_lets_a_nearly_done_job_finish_then_runs_only_the_newest(qtbot, runner):
    fake = FakeSimulate(progress=0.99)
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.request(A)
    assert fake.started.wait(5)
    qtbot.waitUntil(lambda: r.fraction == 0.99)
    r.request(B)
    r.request(C)  # replaces B: only the newest request is kept
    assert r.running_config == A
    fake.gate.set()
    qtbot.waitUntil(lambda: len(got) == 2 and not r.busy)
    assert [res.config for res in got] == [A, C] and B not in fake.calls


def test_failures_are_reported_not_raised(qtbot, runner):
    def broken(config, **kwargs):
        raise MemoryError("too big")

    r = runner(broken)
    with qtbot.waitSignal(r.failed, timeout=5000) as blocker:
        r.submit(A)
    assert blocker.args == [A, "MemoryError: too big"]


def test_progress_bar_and_cancel_for_a_long_run(qtbot, plotted):
    fake = FakeSimulate(held=(B,), progress=0.3)
    w = MainWindow(A, runner=SimRunner(simulate=fake))
    qtbot.addWidget(w)
    w.show()
    plotted(w)
    w.controls.widget("seed").setText("2")
    w.controls.widget("seed").textEdited.emit("2")
    qtbot.waitUntil(lambda: w.cancel_button.isVisible() and w.progress.isVisible(), timeout=5000)
    assert w.progress.value() == 300
    qtbot.mouseClick(w.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: fake.cancelled == [B])
    assert not w.runner.busy and not w.cancel_button.isVisible()
    assert w.result().config == A and "cancelled" in w.statusBar().currentMessage()


def test_rapid_changes_end_on_the_last_config_in_order(qtbot, window, plotted):
    shown = []
    window.resultShown.connect(shown.append)
    for depth in (3, 4, 5, 7, 8, 9):
        window.controls.widget("depth").setValue(depth)
        qtbot.wait(1)
    assert plotted(window).config.depth == 9
    depths = [r.config.depth for r in shown]
    assert depths == sorted(depths) and depths[-1] == 9


def test_theory_updates_before_the_monte_carlo(qtbot, window):
    with qtbot.waitSignal(window.theoryShown, timeout=2000) as blocker:
        window.controls.widget("depth").setValue(11)
    assert blocker.args[0].config.depth == 11 and not blocker.args[0].has_monte_carlo
    xs, _ = window.dashboard.profile.forward_th.getData()
    assert xs[-1] == 11


class GatedSimulate:
    """A simulate() whose every job waits for its own gate (set by the test)."""

    def __init__(self):
        self.gates = {}
        self.started, self.stopped = [], []
        self.lock = threading.Lock()

    def gate(self, config) -> threading.Event:
        with self.lock:
            return self.gates.setdefault(config, threading.Event())

    def __call__(self, config, *, cache=None, should_stop=None, on_progress=None):
        self.started.append(config)
        gate = self.gate(config)
        while not gate.wait(0.002):
            if should_stop():
                self.stopped.append(config)
                raise engine.Cancelled()
        return engine.theory_result(config)


def test_two_workers_run_two_jobs_and_never_show_an_older_result_after_a_newer(qtbot):
    fake = GatedSimulate()
    r = SimRunner(simulate=fake, workers=2)
    try:
        got = []
        r.finished.connect(got.append)
        r.request(A, keep_running=True)
        r.request(B, keep_running=True)   # the second worker takes it at once
        qtbot.waitUntil(lambda: fake.started == [A, B])
        r.request(C, keep_running=True)   # both busy: C waits
        D = A.with_values(seed=4)
        r.request(D, keep_running=True)   # replaces C, which never starts
        fake.gate(B).set()                # the newer job finishes first ...
        qtbot.waitUntil(lambda: len(got) == 1)
        qtbot.waitUntil(lambda: A in fake.stopped)  # ... so the older one is stopped
        fake.gate(D).set()
        qtbot.waitUntil(lambda: len(got) == 2 and not r.busy)
        assert [res.config for res in got] == [B, D]
        assert C not in fake.started and r.dropped == 0
    finally:
        for gate in list(fake.gates.values()):
            gate.set()
        r.shutdown()


def test_finish_now_keeps_the_final_job_and_stops_the_others(qtbot):
    fake = GatedSimulate()
    r = SimRunner(simulate=fake, workers=2)
    try:
        got = []
        r.finished.connect(got.append)
        r.request(A, keep_running=True)
        r.request(B, keep_running=True)
        qtbot.waitUntil(lambda: fake.started == [A, B])
        r.finish_now(B)                   # the release on B: A is of no use any more
        qtbot.waitUntil(lambda: fake.stopped == [A])
        assert r.running_config == B
        fake.gate(B).set()
        qtbot.waitUntil(lambda: bool(got) and not r.busy)
        assert [res.config for res in got] == [B]
    finally:
        for gate in list(fake.gates.values()):
            gate.set()
        r.shutdown()


def _die_on_seed_2(config, **kwargs):
    """A job whose worker process dies (as if killed for memory) on seed 2."""
    if config.seed == 2:
        os._exit(3)
    return engine.jobs.simulation_job(config, **kwargs)


def test_a_dead_worker_process_is_reported_and_replaced(qtbot):
    r = SimRunner(simulate=_die_on_seed_2)
    try:
        with qtbot.waitSignal(r.failed, timeout=30000) as blocker:
            r.submit(B)
        assert blocker.args[0] == B and "stopped unexpectedly" in blocker.args[1]
        with qtbot.waitSignal(r.finished, timeout=30000) as blocker:
            r.submit(A)
        assert blocker.args[0].config == A and blocker.args[0].has_monte_carlo
    finally:
        r.shutdown()



_CHURN = """
import importlib.util, resource, sys
import numpy as np
spec = importlib.util.spec_from_file_location("m", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
ok = m.retain_freed_memory() if sys.argv[2] == "1" else True

def run():  # what a default run allocates and frees: σ' of 50 layers
    kept = [np.ones((512, 256), np.float32) for _ in range(50)]
    del kept

run()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    run()
print(ok, (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) // 5)
"""


def test_the_worker_keeps_freed_memory_for_the_next_run():
    import subprocess
    import sys
    from pathlib import Path

    module = Path(__file__).resolve().parents[1] / "gui" / "_malloc.py"

    def faults(retain: bool) -> tuple[bool, int]:
        out = subprocess.run([sys.executable, "-c", _CHURN, str(module), "1" if retain else "0"],
                             capture_output=True, text=True, check=True).stdout.split()
        return out[0] == "True", int(out[1])

    took_effect, kept = faults(True)
    if not took_effect:
        pytest.skip("no glibc mallopt here: the worker runs with the default allocator")
    _, default = faults(False)
    assert kept * 10 < default   # ~6400 page faults a run without, a handful with


def _held_on_seed_1(config, *, cache=None, should_stop=None, on_progress=None):
    """A job for the worker process: ~1.5 s on seed 1, ~0.2 s otherwise, unless stopped."""
    import time

    for _ in range(300 if config.seed == 1 else 40):
        if should_stop():
            raise engine.Cancelled()
        time.sleep(0.005)
    return engine.theory_result(config)


def test_a_long_drag_in_the_worker_process_ends_on_the_final_value_only(qtbot):
    """Dozens of requests while one job runs: none of the superseded ones runs afterwards
    (the ids the worker must skip are few, whatever the number of requests)."""
    r = SimRunner(simulate=_held_on_seed_1)
    try:
        got = []
        r.finished.connect(got.append)
        r.request(A, keep_running=True)
        qtbot.waitUntil(lambda: r.fraction == 0.0 and r.busy)
        values = [A.with_values(seed=10 + i) for i in range(45)]
        for config in values:
            r.request(config, keep_running=True)
            qtbot.wait(2)
        r.finish_now(values[-1])
        qtbot.waitUntil(lambda: bool(got) and not r.busy, timeout=30000)
        assert [res.config for res in got] == [values[-1]]
        assert r.dropped == 0
    finally:
        r.shutdown()


def test_only_jobs_already_handed_to_a_worker_use_up_a_stop_signal(qtbot, runner):
    """A superseded request still waiting in the executor is simply cancelled; only one a
    worker has taken needs a stop signal (the process backend keeps just 32 of them)."""
    fake = FakeSimulate()
    r = runner(fake)
    signalled = []
    original = r._backend.drop
    r._backend.drop = lambda gen: (signalled.append(gen), original(gen))
    r.request(A, keep_running=True)
    assert fake.started.wait(5)
    for seed in range(10, 50):
        r.request(A.with_values(seed=seed), keep_running=True)
    assert signalled == []              # 39 waiting requests replaced, none had started
    r.finish_now(A.with_values(seed=49))
    assert len(signalled) == 1          # the running job is told to stop
    fake.gate.set()
    qtbot.waitUntil(lambda: not r.busy)


def _thread_niceness(config, **kwargs):
    """The niceness of every thread of the worker process (Linux)."""
    return [os.getpriority(os.PRIO_PROCESS, int(tid)) for tid in os.listdir("/proc/self/task")]


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="per-thread niceness: Linux")
def test_every_thread_of_a_worker_yields_to_the_window(qtbot):
    r = SimRunner(simulate=_thread_niceness)
    try:
        with qtbot.waitSignal(r.finished, timeout=30000) as blocker:
            r.submit(A)
        base = os.getpriority(os.PRIO_PROCESS, 0)
        values = blocker.args[0]
        assert len(values) >= 2 and set(values) == {min(base + 10, 19)}
    finally:
        r.shutdown()


def test_a_request_taken_by_a_worker_runs_on_even_before_the_gui_thread_hears_of_it(qtbot, runner):
    """The waiting request sits in the backend's mailbox: a worker that finishes takes it at
    once, and the runner knows it is running from then on, even before the GUI thread has
    processed the previous result. A newer request then waits; it does not stop it."""
    fake = GatedSimulate()
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.request(A, keep_running=True)
    qtbot.waitUntil(lambda: fake.started == [A])
    r.request(B, keep_running=True)
    fake.gate(A).set()
    pause = threading.Event()
    for _ in range(500):                  # no Qt events: A's result is not processed yet
        if fake.started == [A, B]:
            break
        pause.wait(0.01)
    assert fake.started == [A, B] and got == []
    r.request(C, keep_running=True)
    fake.gate(B).set()
    fake.gate(C).set()
    qtbot.waitUntil(lambda: len(got) == 3 and not r.busy)
    assert [res.config for res in got] == [A, B, C] and fake.stopped == []


def test_a_withdrawn_request_leaves_its_ticket_to_the_next_one(qtbot, runner):
    fake = GatedSimulate()
    r = runner(fake)
    got = []
    r.finished.connect(got.append)
    r.request(A, keep_running=True)
    qtbot.waitUntil(lambda: fake.started == [A])
    r.request(B, keep_running=True)
    r.drop_queued()                       # B is withdrawn before any worker took it
    assert r.running_config == A and r.busy
    r.request(C, keep_running=True)
    fake.gate(A).set()
    fake.gate(C).set()
    qtbot.waitUntil(lambda: len(got) == 2 and not r.busy)
    assert [res.config for res in got] == [A, C] and fake.started == [A, C]


def _held_then_dead(config, *, cache=None, should_stop=None, on_progress=None):
    """A worker-process job: seed 1 takes ~0.3 s, seed 2 kills its worker."""
    import time

    if config.seed == 2:
        os._exit(3)
    if config.seed == 1:
        time.sleep(0.3)
    return engine.theory_result(config)


def test_a_worker_that_dies_on_a_waiting_request_is_reported_and_replaced(qtbot):
    r = SimRunner(simulate=_held_then_dead)
    try:
        failed = []
        r.failed.connect(lambda request, message: failed.append((request, message)))
        r.request(A, keep_running=True)   # seed 1: runs ~0.3 s
        r.request(B, keep_running=True)   # seed 2: waits in the mailbox, then kills the worker
        qtbot.waitUntil(lambda: bool(failed), timeout=30000)
        assert failed[0][0] == B and "stopped unexpectedly" in failed[0][1]
        qtbot.waitUntil(lambda: not r.busy, timeout=30000)
        with qtbot.waitSignal(r.finished, timeout=30000) as blocker:
            r.request(C, keep_running=True)
        assert blocker.args[0].config == C
    finally:
        r.shutdown()


def test_the_window_runs_the_monte_carlo_alone_and_joins_the_theory_it_has(qtbot, window):
    assert window.runner._simulate is engine.jobs.monte_carlo_job
    window.controls.widget("depth").setValue(5)
    qtbot.waitUntil(lambda: window.result() is not None and window.result().config.depth == 5,
                    timeout=15000)
    shown = window.result()
    expected = engine.theory_result(shown.config)
    assert shown.has_theory and shown.has_monte_carlo
    np.testing.assert_array_equal(shown.theory_log10_forward_var, expected.theory_log10_forward_var)
    np.testing.assert_array_equal(shown.chi1, expected.chi1)


def _die_holding_the_mailbox(config, *, cache=None, should_stop=None, on_progress=None):
    """A worker-process job that kills its worker while it holds the mailbox's lock."""
    from gui import job_backends

    if config.seed == 2:
        job_backends._worker_state["mailbox"]._lock.acquire()
        os._exit(3)
    return engine.theory_result(config)


def test_a_worker_that_dies_holding_the_mailbox_lock_is_replaced(qtbot):
    r = SimRunner(simulate=_die_holding_the_mailbox)
    try:
        with qtbot.waitSignal(r.failed, timeout=30000):
            r.submit(B)
        qtbot.waitUntil(lambda: not r.busy, timeout=30000)
        got = []
        r.finished.connect(got.append)
        r.request(A, keep_running=True)     # finds the lock dead: a new pool takes over
        r.request(C, keep_running=True)     # waits in the new pool's mailbox
        qtbot.waitUntil(lambda: bool(got) and got[-1].config == C and not r.busy,
                        timeout=30000)
    finally:
        r.shutdown()


def test_every_change_of_a_drag_requests_the_monte_carlo_at_once(qtbot, window):
    requested = []
    original = window.runner.request
    window.runner.request = lambda config, keep_running=False: (
        requested.append((config.gain, keep_running)), original(config, keep_running))
    slider = window.controls.widget("gain_slider")
    slider.setSliderDown(True)
    for _ in range(3):
        slider.setValue(slider.value() + 1)
        # at once, without waiting for the theory's ~30 Hz tick
        assert requested[-1] == (window.config().gain, True)
    slider.setSliderDown(False)
    qtbot.waitUntil(lambda: window.result().config == window.config(), timeout=15000)


def test_a_worker_process_loads_no_qt_and_gets_its_blas_environment(qtbot):
    from _worker_probe import process_facts

    from gui.job_backends import worker_environment

    before = os.environ.get("OPENBLAS_CORETYPE")
    r = SimRunner(simulate=process_facts)
    try:
        assert os.environ.get("OPENBLAS_CORETYPE") == before   # the window's own is untouched
        with qtbot.waitSignal(r.finished, timeout=30000) as blocker:
            r.submit(A)
        facts = blocker.args[0]
        assert facts["qt"] is False
        assert facts["coretype"] == worker_environment().get("OPENBLAS_CORETYPE", before)
    finally:
        r.shutdown()


def test_the_avx2_kernels_are_chosen_only_on_zen4_and_never_over_the_users_choice(monkeypatch):
    from threadpoolctl import threadpool_info

    from gui import job_backends

    monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    monkeypatch.setattr(job_backends, "_is_zen4", lambda: False)
    assert job_backends.worker_environment() == {}
    monkeypatch.setattr(job_backends, "_is_zen4", lambda: True)
    avx512 = any(str(info.get("architecture", "")).lower() in {"skylakex", "cooperlake", "sapphirerapids"}
                 for info in threadpool_info() if info.get("internal_api") == "openblas")
    assert job_backends.worker_environment() == ({"OPENBLAS_CORETYPE": "Haswell"} if avx512 else {})
    monkeypatch.setenv("OPENBLAS_CORETYPE", "SkylakeX")
    assert job_backends.worker_environment() == {}
