"""Where the runner's jobs run: one worker process, or the calling thread (tests, --export).

No Qt here (the export runs jobs through `SyncExecutor` without a window). An executor runs one
job at a time and knows nothing of policy (that is `gui.worker.Runner`):

- ``start(gen, job, request)``: run ``job(request, *, cache, should_stop, on_progress)`` as
  generation `gen` (the runner starts a job only after the previous one has reported);
- ``stop()``: the running job stops at its next layer (`should_stop` compares `gen` with a
  shared "wanted generation" value that `start` sets and `stop` clears);
- ``report(kind, gen, value)``: set by the runner, called on any thread with kind
  "progress" (fraction), "done" (result), "failed" (message), "cancelled" or "died" (a
  `Death`: the worker's exit code, and whether the system killed it for want of memory; the
  runner words the message, in the window's language).

What happens inside the worker process (its draw cache, its memory, its priority, its death
with the window) is `gui.worker_process`.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import wait
from pathlib import Path
from typing import NamedTuple

import engine

from .worker_process import IDLE_RELEASE_S, run_job, serve

SHUTDOWN_WAIT_S = 0.25       # then the worker is killed
# Linux counts the processes its out-of-memory killer ended here (since 4.13)
VMSTAT = Path("/proc/vmstat")
SIGKILL = getattr(signal, "SIGKILL", 9)   # (Windows has none)


class Death(NamedTuple):
    """How a worker ended: its exit code; `out_of_memory`, killed (SIGKILL) while it ran a
    job during which the system's out-of-memory killer ended a process (as far as the system
    tells: Linux)."""

    code: int | None
    out_of_memory: bool = False


def oom_kills() -> int | None:
    """How many processes the system's out-of-memory killer has ended (None: not known)."""
    try:
        for line in VMSTAT.read_text().splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


class SyncExecutor:
    """Runs each job on the calling thread: deterministic tests, --export. Inside `start`, or
    later through `post(call)` if given (a test's event loop: a job that submits the next one
    would otherwise run them all within one call)."""

    def __init__(self, post=None):
        self.report = None
        self._post = post
        self._wanted = 0
        self._cache = engine.DrawCache()

    def start(self, gen: int, job, request) -> None:
        self._wanted = gen

        def run():
            run_job(job, gen, request, self._cache, lambda: self._wanted != gen, self.report)
        if self._post is None:
            run()
        else:
            self._post(run)

    def stop(self) -> None:
        self._wanted = 0

    def restart(self) -> None:
        pass

    def shutdown(self) -> None:
        pass


class ProcessExecutor:
    """One spawned worker process (Qt is never loaded there); replaced by `restart`."""

    def __init__(self, idle_release_s: float = IDLE_RELEASE_S):
        self.report = None
        self.idle_release_s = idle_release_s
        self._ctx = multiprocessing.get_context("spawn")
        self._wanted = self._ctx.Value("q", 0, lock=False)
        self._beats = self._ctx.Value("q", 0, lock=False)   # counted by the worker (`serve`)
        self._closing = False
        self._oom_kills: int | None = None   # counted when the running job started
        self.restart()

    def restart(self) -> None:
        """Start a new worker process (at first, and after one died). Call it on the GUI
        thread: on Linux the worker dies with the thread that started it."""
        conn, child_end = self._ctx.Pipe()
        process = self._ctx.Process(target=serve, args=(child_end, self._wanted, os.getpid(),
                                                        self.idle_release_s, self._beats),
                                    name="initlab-worker", daemon=True)
        process.start()
        child_end.close()
        self._conn, self._process = conn, process
        self._listener = threading.Thread(target=self._listen, args=(conn, process),
                                          name="initlab-listener", daemon=True)
        self._listener.start()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def start(self, gen: int, job, request) -> None:
        self._wanted.value = gen
        self._oom_kills = oom_kills()
        try:
            self._conn.send((gen, job, request))
        except OSError:  # the worker is dead: the listener reports it
            pass
        except Exception as exc:  # not picklable (e.g. a local function)
            self.report("failed", gen, f"{type(exc).__name__}: {exc}")

    def stop(self) -> None:
        self._wanted.value = 0

    def beats(self) -> int:
        """How many times the worker has counted (every `BEAT_S` while it runs)."""
        return self._beats.value

    def kill(self) -> None:
        """End the worker now (its death is reported as any other)."""
        self._process.kill()

    def _listen(self, conn, process) -> None:
        """Forward the worker's messages until it ends; report its death unless closing."""
        try:
            while True:
                wait([conn, process.sentinel])
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    break
                if message[0] != "progress":   # the job has ended: no count to compare
                    self._oom_kills = None
                self.report(*message)
            process.join(1.0)
            if not self._closing:
                before, now = self._oom_kills, oom_kills()
                self.report("died", 0, Death(process.exitcode, process.exitcode == -SIGKILL
                                             and None not in (before, now) and now > before))
        except RuntimeError:  # the runner was deleted without shutting down: end its worker
            process.kill()

    def shutdown(self) -> None:
        """Ask the worker to end; kill it if it has not within `SHUTDOWN_WAIT_S` (a job stops
        at its next layer; a worker still starting up, or a job that does not look, is
        killed: the worker holds nothing that needs cleaning up)."""
        self._closing = True
        self._wanted.value = 0
        try:
            self._conn.send(None)
        except OSError:
            pass
        self._process.join(SHUTDOWN_WAIT_S)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(1.0)
        self._listener.join(1.0)
        self._conn.close()
