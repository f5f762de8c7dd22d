"""The worker process: a killed worker is replaced and its request runs again, an idle worker
gives its memory back, the draw cache takes a share of the free memory, the worker ends when
its parent is killed, and closing the window is prompt even during a long job."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import worker_probe as probe
from engine import SimConfig
from gui import MainWindow
from gui.worker import Runner

SMALL = SimConfig.from_dict({"depth": 4, "width": 8, "batch": 256, "seed": 1})


# -- the worker process ----------------------------------------------------------------------
@pytest.fixture
def process_runner(qtbot):
    runner = Runner()
    yield runner
    runner.shutdown()


def _run(qtbot, runner, job, request, timeout=30000):
    with qtbot.waitSignal(runner.finished, timeout=timeout) as blocker:
        runner.submit("probe", job, request)
    return blocker.args[1]


def test_a_killed_worker_is_replaced_and_its_request_runs_again(qtbot, process_runner):
    runner = process_runner
    facts = _run(qtbot, runner, probe.process_facts, None)
    assert facts["qt"] is False and facts["pid"] != os.getpid()   # a process without Qt
    died, got = [], []
    runner.workerDied.connect(died.append)
    runner.finished.connect(lambda channel, pid: got.append(pid))
    with qtbot.waitSignal(runner.progressed, timeout=30000):    # the job has started
        runner.submit("probe", probe.sleep_job, 0.5)
    os.kill(facts["pid"], signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    assert len(died) == 1 and "stopped unexpectedly" in died[0]
    assert got[0] not in (facts["pid"], os.getpid())           # run again, by a new worker


def test_a_suspended_worker_told_to_stop_is_replaced_for_the_next_request(qtbot,
                                                                            process_runner):
    """A long-session tour: a worker suspended (SIGSTOP) in a job kept the next change
    "computing…" until it was woken; Esc said "cancelled" and the next run, 0.1 s of work,
    waited 10 s. A job told to stop whose worker counts no beat for the grace time has its
    worker replaced, said as such, and the newer request runs; a busy one is left alone."""
    runner = process_runner
    runner.stop_watch.grace_s = 1.2   # (the worker counts a beat every 0.5 s)
    pid = _run(qtbot, runner, probe.process_facts, None)["pid"]
    died = []
    runner.workerDied.connect(died.append)
    with qtbot.waitSignal(runner.progressed, timeout=30000):    # the job has started
        runner.submit("probe", probe.sleep_job, 30.0)
    os.kill(pid, signal.SIGSTOP)
    try:
        facts = _run(qtbot, runner, probe.process_facts, None)   # the newer request
    finally:
        if not died:
            os.kill(pid, signal.SIGCONT)
    assert facts["pid"] != pid
    assert died == ["the worker process did not answer for 1.2 s (suspended?)"]
    runner.stop_watch.grace_s = 2.0   # (room for a worker at nice 10 on a loaded machine)
    pid = facts["pid"]
    with qtbot.waitSignal(runner.progressed, timeout=30000):
        runner.submit("probe", probe.stubborn_job, 3.0)   # (it never looks: a long step)
    assert _run(qtbot, runner, probe.process_facts, None)["pid"] == pid   # waited for
    assert len(died) == 1


def test_a_request_that_kills_the_worker_twice_fails(qtbot, process_runner):
    with qtbot.waitSignal(process_runner.failed, timeout=30000) as blocker:
        process_runner.submit("probe", probe.exit_job, 3)
    assert "stopped unexpectedly" in blocker.args[1]
    assert _run(qtbot, process_runner, probe.sleep_job, 0.0) > 0   # the next worker serves


def test_a_request_whose_worker_the_system_killed_for_memory_fails_at_once(
        qtbot, process_runner, monkeypatch, tmp_path):
    """The weak-laptop tour: a run killed by the system's out-of-memory killer was run again,
    on a 4 GB laptop a second out-of-memory (minutes of a swapping machine). When the system
    counts a process it killed for memory while the job ran (Linux's /proc/vmstat), the job
    fails at once, said so; the next request is served."""
    from gui import executors

    vmstat = tmp_path / "vmstat"
    vmstat.write_text("pgfault 1\noom_kill 6\n")
    monkeypatch.setattr(executors, "VMSTAT", vmstat)
    runner = process_runner
    pid = _run(qtbot, runner, probe.process_facts, None)["pid"]
    died, failed = [], []
    runner.workerDied.connect(died.append)
    runner.failed.connect(lambda channel, message: failed.append(message))
    with qtbot.waitSignal(runner.progressed, timeout=30000):    # the job has started
        runner.submit("probe", probe.sleep_job, 30.0)
    vmstat.write_text("pgfault 1\noom_kill 7\n")               # the kernel's count, then its kill
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: bool(failed), timeout=30000)
    message = "the system stopped the worker process: out of memory (not retried)"
    assert died == [message] and failed == [message] and not runner.busy
    pid = _run(qtbot, runner, probe.process_facts, None)["pid"]
    # another end (not a kill) while a process was killed for memory elsewhere: run again
    got = []
    runner.finished.connect(lambda channel, result: got.append(result))
    with qtbot.waitSignal(runner.progressed, timeout=30000):
        runner.submit("probe", probe.sleep_job, 0.5)
    vmstat.write_text("pgfault 1\noom_kill 8\n")
    os.kill(pid, signal.SIGTERM)
    qtbot.waitUntil(lambda: bool(got), timeout=30000)
    assert len(died) == 2 and "stopped unexpectedly" in died[1] and len(failed) == 1


def _rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_an_idle_worker_gives_its_memory_back(qtbot):
    """Issue: after a cancelled 1000 × 2048 run and an 8-trial run the workers held 1 GB
    (the draw cache and the allocator keep memory). Idle, the worker gives it back."""
    from gui.executors import ProcessExecutor

    runner = Runner(ProcessExecutor(idle_release_s=0.5))
    try:
        pid = _run(qtbot, runner, probe.fill_job, 160)
        held = _rss_mib(pid)
        assert held > 150                                   # the cache holds 160 MiB
        deadline = time.monotonic() + 10
        while _rss_mib(pid) > held - 120 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _rss_mib(pid) < held - 120, (held, _rss_mib(pid))
        assert _run(qtbot, runner, probe.sleep_job, 0.0) == pid   # and it still serves
    finally:
        runner.shutdown()


def test_the_draw_cache_budget_follows_the_free_memory_within_bounds(monkeypatch):
    """More free memory never gives a smaller budget; the budget is a part of the free memory
    (not all of it) but never below a usable floor, nor above the engine's default, which is
    also the budget when the free memory is unknown."""
    from engine import cost
    from engine.draws import DEFAULT_BUDGET_BYTES
    from gui import worker_process

    budgets = []
    for free in (2**20, 2**26, 2**28, 2**30, 2**32, 2**36, 2**40):
        monkeypatch.setattr(cost, "available_memory", lambda free=free: free)
        budgets.append(worker_process.cache_budget())
        assert budgets[-1] <= DEFAULT_BUDGET_BYTES
        if free >= 2**28:
            assert budgets[-1] < free
    assert budgets == sorted(budgets)
    assert budgets[0] == budgets[1] >= 2**24                 # a floor, whatever is free
    assert budgets[-1] == DEFAULT_BUDGET_BYTES > budgets[3]   # capped; a share of 1 GiB
    monkeypatch.setattr(cost, "available_memory", lambda: None)
    assert worker_process.cache_budget() == DEFAULT_BUDGET_BYTES


_PARENT = """
import sys, time
sys.path[:0] = sys.argv[1:3]
import worker_probe
from gui.executors import ProcessExecutor

executor = ProcessExecutor()
executor.report = lambda kind, gen, value: kind == "progress" and print(executor.pid, flush=True)
executor.start(1, worker_probe.sleep_job, 60)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"   # a zombie has ended
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def test_the_worker_ends_when_its_parent_is_killed():
    root = Path(__file__).resolve().parents[1]
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(root), str(root / "tests")],
                              stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())        # its job is running
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker)
    finally:
        parent.kill()
        parent.stdout.close()


def test_closing_the_window_ends_a_job_that_never_looks(qtbot, plotted, tmp_path):
    """A job that never looks at `should_stop` is not waited for: closing kills its worker
    before the job's wait is over."""
    w = MainWindow(SMALL)
    qtbot.addWidget(w)
    w.show()
    plotted(w, timeout=30000)
    worker = _run(qtbot, w.runner, probe.sleep_job, 0.0)
    done_file = tmp_path / "done"
    with qtbot.waitSignal(w.runner.progressed, timeout=30000):
        w.runner.submit("probe", probe.stubborn_job, (30, str(done_file)))
    w.close()
    assert not _alive(worker)
    assert not w.runner.busy
    assert not done_file.exists()


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2,
                    reason="needs CPU affinity and two CPUs")
def test_the_worker_counts_the_cpus_the_window_may_use_not_the_machines():
    """The weak-laptop tour: on a laptop restricted to one CPU (taskset) the BLAS threads were
    counted from every CPU of the machine."""
    code = ("import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
            "from engine.threads import usable_cpus; print(usable_cpus())")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["1"]
    from engine.threads import usable_cpus
    from gui.worker_process import BLAS_ENV, worker_blas_threads

    if not any(os.environ.get(name) for name in BLAS_ENV):
        assert worker_blas_threads() == usable_cpus() - 1
