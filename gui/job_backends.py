"""Where the runner's jobs execute: worker processes (or threads), with a mailbox for the next job.

A job reaches a worker in one of two ways:

- *directly*: an executor item carrying its generation and request, as many as there are
  workers, so an idle worker starts at once;
- *through the mailbox*: the one job waiting for a busy worker. The mailbox holds a single
  request; posting a newer one replaces it in place, and an executor item (a "ticket") takes
  whatever the mailbox holds at the moment a worker gets to it. So when a job ends, its worker
  starts on the newest request at once, without a round trip through the window's process,
  and a request that was replaced never reaches a worker.

A running job stops when its generation falls below `stop`'s bound or is `drop`ped (both are
shared integers the job polls once per layer). Every job returns ``(gen, result, error)``;
`result` is None when the job was stopped, `error` the text of an exception it raised.

Jobs run in worker *processes* by default: the engine's Python code between numpy calls then
never waits for the GUI thread's interpreter lock (painting is Python code too), which in a
thread made a 70 ms simulation take 200 ms during a slider drag. Worker processes run at a
lower priority than the window, keep freed memory for their next run (`_malloc`) and leave one
core to the GUI thread (`blas_threads_per_worker`). A job given as a local function (tests)
runs on worker threads instead, with the same policy.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable

import engine
from engine.draws import DEFAULT_BUDGET_BYTES

from ._malloc import retain_freed_memory

# Workers yield the CPU to the window (POSIX niceness; higher is lower priority).
WORKER_NICENESS = 10
# Dropped generations the workers remember (only running jobs are ever dropped this way).
_DROP_SLOTS = 32
# The largest request the process mailbox holds, pickled (a config is a few KiB at most);
# a larger one goes to the workers directly.
MAILBOX_BYTES = 1 << 20
# A worker holds the mailbox's lock for microseconds; one that does not let go for this long
# died holding it, and the window starts new workers.
_LOCK_TIMEOUT_S = 2.0

Outcome = tuple  # (gen, result or None, error text or None)


def blas_threads_per_worker(workers: int) -> int:
    """BLAS threads of each worker: the cores but one (the GUI's), shared among the workers."""
    return max(1, ((os.cpu_count() or 1) - 1) // max(workers, 1))


def worker_environment() -> dict[str, str]:
    """Environment variables the worker processes start with (their BLAS is chosen then).

    On AMD Zen 4 OpenBLAS picks its AVX-512 ("SkylakeX") kernels, but Zen 4 executes AVX-512
    as two 256-bit halves, and its AVX2 ("Haswell") kernels run the Monte Carlo's products
    faster there (measured on an EPYC Zen 4: 100 products of 512×256 by 256×256, 70.5 →
    66.2 ms; a default run, 3 alternating pairs, 83.5–85.3 → 80.5–81.3 ms). Results differ
    only in float32 rounding. A user's own OPENBLAS_CORETYPE is kept."""
    if "OPENBLAS_CORETYPE" in os.environ or not _is_zen4():
        return {}
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return {}
    avx512 = {"skylakex", "cooperlake", "sapphirerapids"}
    chose_avx512 = any(info.get("internal_api") == "openblas"
                       and str(info.get("architecture", "")).lower() in avx512
                       for info in threadpool_info())
    return {"OPENBLAS_CORETYPE": "Haswell"} if chose_avx512 else {}


def _is_zen4() -> bool:
    """An AMD family 19h CPU with AVX-512 (Zen 3 has no AVX-512), from /proc/cpuinfo."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            first = f.read(16384).split("\n\n", 1)[0]
    except OSError:
        return False
    fields = dict(line.split(":", 1) for line in first.splitlines() if ":" in line)
    fields = {k.strip(): v.strip() for k, v in fields.items()}
    return (fields.get("vendor_id") == "AuthenticAMD" and fields.get("cpu family") == "25"
            and "avx512f" in fields.get("flags", "").split())


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    """os.environ with `values` set, for processes started inside the block."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _execute(job: Callable, gen: int, request, cache, should_stop, on_progress) -> Outcome:
    """Run one job; exceptions become text, a stop becomes a None result."""
    if should_stop():
        return gen, None, None
    try:
        return gen, job(request, cache=cache, should_stop=should_stop, on_progress=on_progress), None
    except engine.Cancelled:
        return gen, None, None
    except Exception as exc:  # reported to the window, never raised there
        return gen, None, f"{type(exc).__name__}: {exc}"


# -- the mailbox -----------------------------------------------------------------------------
class _LocalMailbox:
    """The waiting request for worker threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._box: tuple[int, object] | None = None
        self._taken = 0

    def put(self, gen: int, request, tickets: int) -> tuple[int, bool]:
        """Make (gen, request) the waiting request. Returns the generation it replaced (0:
        none) and whether one of the `tickets` handed out so far has not looked in yet."""
        with self._lock:
            replaced = self._box[0] if self._box is not None else 0
            self._box = (gen, request)
            return replaced, tickets > self._taken

    def claim(self) -> tuple[int, object] | None:
        """A ticket looks in: it takes the waiting request, if there is one."""
        with self._lock:
            self._taken += 1
            claimed, self._box = self._box, None
            return claimed

    def withdraw(self, gen: int | None = None) -> int:
        with self._lock:
            if self._box is None or (gen is not None and self._box[0] != gen):
                return 0
            waiting, self._box = self._box[0], None
            return waiting

    def waiting(self) -> int:
        with self._lock:
            return self._box[0] if self._box is not None else 0

    def taken(self) -> int:
        with self._lock:
            return self._taken


class MailboxLocked(RuntimeError):
    """The workers' mailbox stayed locked: a worker died holding its lock."""


class _SharedMailbox:
    """The waiting request for worker processes: pickled in shared memory, with a lock and
    counters shared with the workers (handed to them when they start). Each pool of workers
    has its own: a worker killed while holding the lock takes only its pool's with it."""

    def __init__(self, ctx):
        self._lock = ctx.Lock()
        self._gen = ctx.RawValue("q", 0)        # the waiting request's generation; 0: empty
        self._size = ctx.RawValue("q", 0)
        self._data = ctx.RawArray("c", MAILBOX_BYTES)
        self._taken = ctx.RawValue("q", 0)

    def _locked(self):
        if not self._lock.acquire(timeout=_LOCK_TIMEOUT_S):
            raise MailboxLocked("the workers' mailbox stayed locked (a worker died holding it)")
        return _Release(self._lock)

    def put(self, gen: int, request, tickets: int) -> tuple[int, bool]:
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        if len(payload) > MAILBOX_BYTES:
            raise ValueError(f"a request of {len(payload)} bytes does not fit the mailbox")
        with self._locked():
            replaced = self._gen.value
            self._data[: len(payload)] = payload
            self._size.value = len(payload)
            self._gen.value = gen
            return replaced, tickets > self._taken.value

    def claim(self) -> tuple[int, object] | None:
        with self._lock:
            self._taken.value += 1
            if self._gen.value == 0:
                return None
            gen, payload = self._gen.value, self._data[: self._size.value]
            self._gen.value = 0
        return gen, pickle.loads(payload)

    def withdraw(self, gen: int | None = None) -> int:
        with self._locked():
            waiting = self._gen.value
            if waiting == 0 or (gen is not None and waiting != gen):
                return 0
            self._gen.value = 0
            return waiting

    def waiting(self) -> int:
        with self._locked():
            return self._gen.value

    def taken(self) -> int:
        with self._locked():
            return self._taken.value


class _Release:
    def __init__(self, lock):
        self._lock = lock

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


class _Backend:
    """What both backends share: the mailbox and its tickets."""

    _mailbox: _LocalMailbox | _SharedMailbox

    def __init__(self):
        self._tickets = 0                   # tickets handed out (each looks in once)
        self._ticket: Future | None = None  # the newest of them

    def start(self, job: Callable, gen: int, request) -> Future:
        """Hand job `gen` to the next free worker."""
        raise NotImplementedError

    def _submit_ticket(self, job: Callable) -> Future:
        raise NotImplementedError

    def _call(self, fn: Callable):
        """fn() on the mailbox (`ProcessBackend` replaces a pool whose mailbox is stuck)."""
        return fn()

    def post(self, job: Callable, gen: int, request) -> tuple[int, Future, bool]:
        """Make `gen` the job waiting for a worker, replacing the one waiting (if any).
        Returns the replaced generation (0: none), the future that will deliver `gen`, and
        whether that future is new (else it is the replaced job's)."""
        alive = self._ticket is not None and not self._ticket.done()  # before a worker can
        try:                                                           # claim what follows
            replaced, open_ticket = self._call(
                lambda: self._mailbox.put(gen, request, self._tickets))
        except ValueError:  # too large for the mailbox: it goes to the workers directly
            replaced = self.withdraw()
            try:
                future = self.start(job, gen, request)
            except Exception as exc:
                future = Future()
                future.set_exception(exc)
            return replaced, future, True
        if open_ticket and alive:
            return replaced, self._ticket, False
        # No ticket will look in any more (one that died with its worker never does): hand
        # out a new one.
        return replaced, self._new_ticket(job, gen, request), True

    def _new_ticket(self, job: Callable, gen: int, request) -> Future:
        while True:
            box = self._mailbox
            taken = self._call(lambda: self._mailbox.taken())
            ticket = self._submit_ticket(job)
            if self._mailbox is box:
                self._ticket, self._tickets = ticket, taken + 1
                return ticket
            # The pool was replaced (a worker had died) and its new mailbox is empty: post
            # the request there and hand out a ticket of the new pool.
            self._call(lambda: self._mailbox.put(gen, request, self._tickets))

    def waiting(self) -> int:
        """The generation waiting for a worker (0: none)."""
        return self._call(lambda: self._mailbox.waiting())

    def withdraw(self, gen: int | None = None) -> int:
        """Take the waiting job out (only if it is `gen`, when given); returns its generation,
        0 when nothing was withdrawn (a worker had already taken it)."""
        return self._call(lambda: self._mailbox.withdraw(gen))


# -- worker processes ------------------------------------------------------------------------
_worker_state: dict = {}


def _worker_init(stop_below, dropped, progress_queue, mailbox, blas_threads: int,
                 cache_bytes: int) -> None:
    """Runs once in each worker process: priority, BLAS threads, freed memory kept for the
    next run, its cache, the shared stop signals, the mailbox and the progress queue."""
    import signal

    from threadpoolctl import threadpool_limits

    # Ctrl+C in the terminal reaches the whole process group: the window shuts its workers
    # down itself, so a worker must not die on it with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _lower_priority()
    if not any(os.environ.get(n) for n in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")):
        threadpool_limits(limits=blas_threads, user_api="blas")
    retain_freed_memory()
    _worker_state.update(cache=engine.DrawCache(cache_bytes), stop_below=stop_below,
                         dropped=dropped, queue=progress_queue, mailbox=mailbox)


def _lower_priority() -> None:
    """Every thread of this process at WORKER_NICENESS: on Linux niceness is per thread, and
    the BLAS threads started when numpy was imported, before this runs."""
    if not hasattr(os, "nice"):
        return
    try:
        niceness = os.nice(WORKER_NICENESS)
    except OSError:
        return
    if hasattr(os, "setpriority") and os.path.isdir("/proc/self/task"):
        for tid in os.listdir("/proc/self/task"):
            try:
                os.setpriority(os.PRIO_PROCESS, int(tid), niceness)
            except (OSError, ValueError):
                pass


def _ready() -> None:
    """A job that only makes its worker start."""


def _run_in_worker(job: Callable, gen: int, request) -> Outcome:
    """One job in a worker process."""
    state = _worker_state
    last = [0.0]

    def should_stop() -> bool:
        return gen < state["stop_below"].value or gen in state["dropped"][:]

    def on_progress(fraction: float) -> None:
        now = time.monotonic()
        if now - last[0] > 0.05 or fraction >= 1.0:  # at most 20 messages a second
            last[0] = now
            state["queue"].put((gen, fraction))

    return _execute(job, gen, request, state["cache"], should_stop, on_progress)


def _run_ticket(job: Callable) -> Outcome | None:
    """A ticket in a worker process: run the mailbox's request, if it still holds one."""
    claimed = _worker_state["mailbox"].claim()
    if claimed is None:
        return None
    gen, request = claimed
    _worker_state["queue"].put((gen, 0.0))  # the window learns at once that it started
    return _run_in_worker(job, gen, request)


class ProcessBackend(_Backend):
    """Spawned worker processes (no Qt in them).

    A pool is the executor with its own mailbox and progress queue. When a worker dies, the
    executor reports it (BrokenProcessPool) and the next job starts a new pool; a mailbox that
    stays locked means a worker died holding its lock, and the pool is replaced at once (its
    workers are killed, so every job it still owed fails with BrokenProcessPool)."""

    def __init__(self, on_progress: Callable[[int, float], None], workers: int):
        super().__init__()
        self._ctx = multiprocessing.get_context("spawn")
        self._workers = workers
        self._on_progress = on_progress
        self._stop_below = self._ctx.Value("q", 0, lock=False)            # older jobs stop
        self._dropped = self._ctx.Array("q", [-1] * _DROP_SLOTS, lock=False)  # and these
        self._next_slot = 0
        self._new_pool()

    def _new_pool(self) -> None:
        self._mailbox = _SharedMailbox(self._ctx)
        self._queue = self._ctx.Queue()
        self._tickets, self._ticket = 0, None
        self._executor = ProcessPoolExecutor(
            max_workers=self._workers, mp_context=self._ctx, initializer=_worker_init,
            initargs=(self._stop_below, self._dropped, self._queue, self._mailbox,
                      blas_threads_per_worker(self._workers),
                      DEFAULT_BUDGET_BYTES // self._workers))
        # Start every worker now: a worker that starts during the first slider drag would
        # spend the drag importing numpy instead of making frames.
        with _environment(worker_environment()):
            for _ in range(self._workers):
                self._executor.submit(_ready)
        self._reader = threading.Thread(target=_read_progress,
                                        args=(self._queue, self._on_progress),
                                        name="initlab-progress", daemon=True)
        self._reader.start()

    def _replace_pool(self, kill: bool) -> None:
        old, queue = self._executor, self._queue
        if kill:  # its workers may be stuck on a dead lock: they must not outlive it
            _kill_workers(old)
        old.shutdown(wait=False, cancel_futures=True)
        queue.cancel_join_thread()  # a dead worker may hold its lock: never wait on it
        queue.put(None)             # the old reader stops (if that lock is free)
        self._new_pool()

    def _call(self, fn: Callable):
        try:
            return fn()
        except MailboxLocked:
            self._replace_pool(kill=True)
            return fn()

    def _submit(self, fn, *args) -> Future:
        try:
            return self._executor.submit(fn, *args)
        except BrokenProcessPool:  # a worker died (its job reported it): start anew
            self._replace_pool(kill=False)
            return self._executor.submit(fn, *args)

    def start(self, job: Callable, gen: int, request) -> Future:
        return self._submit(_run_in_worker, job, gen, request)

    def _submit_ticket(self, job: Callable) -> Future:
        return self._submit(_run_ticket, job)

    def stop(self, gen: int) -> None:
        """Jobs older than `gen` stop (or never start)."""
        self._stop_below.value = max(self._stop_below.value, gen)

    def drop(self, gen: int) -> None:
        """Running job `gen` stops."""
        self._dropped[self._next_slot] = gen
        self._next_slot = (self._next_slot + 1) % _DROP_SLOTS

    def shutdown(self) -> None:
        self._stop_below.value = 2**62
        try:
            self._mailbox.withdraw()
        except MailboxLocked:  # a worker died holding the lock: the others may wait on it
            _kill_workers(self._executor)
            self._queue.cancel_join_thread()
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._queue.put(None)
        self._reader.join(timeout=5)
        self._queue.close()


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill an executor's worker processes (its jobs then fail with BrokenProcessPool).
    The executor exposes them only as a private attribute; without it, nothing is killed."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            process.kill()
        except (AttributeError, OSError):
            pass


def _read_progress(queue, on_progress) -> None:
    while True:
        item = queue.get()
        if item is None:
            return
        on_progress(*item)


# -- worker threads --------------------------------------------------------------------------
class ThreadBackend(_Backend):
    """Worker threads, for jobs that cannot be sent to a process (local functions); the same
    interface and policy as `ProcessBackend`."""

    def __init__(self, on_progress: Callable[[int, float], None], workers: int):
        super().__init__()
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="initlab-mc")
        self._local = threading.local()     # one DrawCache per worker thread
        self._cache_bytes = DEFAULT_BUDGET_BYTES // workers
        self._stop_below = 0
        self._dropped: set[int] = set()
        self._on_progress = on_progress
        self._mailbox = _LocalMailbox()

    def start(self, job: Callable, gen: int, request) -> Future:
        return self._executor.submit(self._run, job, gen, request)

    def _submit_ticket(self, job: Callable) -> Future:
        return self._executor.submit(self._run_ticket, job)

    def _run_ticket(self, job) -> Outcome | None:
        claimed = self._mailbox.claim()
        if claimed is None:
            return None
        self._on_progress(claimed[0], 0.0)
        return self._run(job, *claimed)

    def _run(self, job, gen, request) -> Outcome:
        def should_stop() -> bool:
            return gen < self._stop_below or gen in self._dropped

        cache = getattr(self._local, "cache", None)
        if cache is None:
            cache = self._local.cache = engine.DrawCache(self._cache_bytes)
        return _execute(job, gen, request, cache, should_stop,
                        lambda f: self._on_progress(gen, f))

    def stop(self, gen: int) -> None:
        self._stop_below = max(self._stop_below, gen)
        self._dropped = {g for g in self._dropped if g >= self._stop_below}

    def drop(self, gen: int) -> None:
        self._dropped = self._dropped | {gen}

    def shutdown(self) -> None:
        self._stop_below = 2**62
        self.withdraw()
        self._executor.shutdown(wait=True, cancel_futures=True)


def make_backend(use_process: bool, on_progress: Callable[[int, float], None],
                 workers: int) -> ProcessBackend | ThreadBackend:
    return (ProcessBackend if use_process else ThreadBackend)(on_progress, workers)
