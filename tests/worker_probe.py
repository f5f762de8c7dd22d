"""Jobs for the worker process that report on it, and an executor run by hand (no Qt here)."""

import os
import sys
import time


def process_facts(request, **kwargs):
    return {"qt": "PySide6" in sys.modules or "pyqtgraph" in sys.modules, "pid": os.getpid()}


def sleep_job(seconds, *, should_stop, on_progress, **kwargs):
    """Report that it started, wait `seconds` (stopping when asked), return the worker's pid."""
    import engine

    on_progress(0.0)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if should_stop():
            raise engine.Cancelled()
        time.sleep(0.01)
    return os.getpid()


def stubborn_job(request, *, on_progress, **kwargs):
    """Report that it started, then wait `seconds` without ever looking at `should_stop`;
    `request` is `seconds` or (seconds, a file written when the wait is over)."""
    seconds, done_file = request if isinstance(request, tuple) else (request, None)
    on_progress(0.0)
    time.sleep(seconds)
    if done_file is not None:
        with open(done_file, "w") as f:
            f.write("waited")
    return os.getpid()


def exit_job(code, **kwargs):
    """Kill the worker process, as running out of memory would."""
    os._exit(code)


class ManualExecutor:
    """Starts jobs when the runner says; each runs when the test calls `finish`."""

    def __init__(self):
        self.report = None
        self.started = []      # requests, in the order they started
        self.stops = 0
        self.running = None

    def start(self, gen, job, request):
        self.started.append(request)
        self.running = (gen, job, request)

    def stop(self):
        self.stops += 1

    def finish(self, kind="done"):
        gen, job, request = self.running
        self.running = None
        self.report(kind, gen, job(request) if kind == "done" else None)

    def progress(self, fraction):
        self.report("progress", self.running[0], fraction)

    def restart(self):
        pass

    def shutdown(self):
        pass


def fill_job(megabytes, *, cache, **kwargs):
    """Fill the worker's draw cache and leave freed arrays behind, as a large run does."""
    import numpy as np

    for i in range(4):   # freed: the allocator may keep their pages
        block = np.ones(megabytes * 2**18 // 4, dtype=np.float32)
        del block
    cache.get(("probe", megabytes), lambda: np.ones(megabytes * 2**18, dtype=np.float32))
    return os.getpid()
