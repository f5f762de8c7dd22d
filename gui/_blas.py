"""Leave one CPU core to the GUI thread: cap the BLAS threads of the window's process.

The Monte Carlo's matrix products run on the worker thread through OpenBLAS, which by default
starts one thread per core. On a machine with few cores those threads then compete with the GUI
thread, and a slider drag stutters (measured by benchmarks/gui_latency.py: on two cores the
longest GUI stall roughly halves with one BLAS thread). An explicit OPENBLAS_NUM_THREADS,
OMP_NUM_THREADS or MKL_NUM_THREADS is respected. Uses threadpoolctl when installed, else the
set_num_threads entry point of an OpenBLAS already loaded by numpy (Linux); otherwise does
nothing. Only the interactive window calls this; the engine, the CLI and the tests never do.
"""

from __future__ import annotations

import ctypes
import os

_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_SYMBOLS = ("openblas_set_num_threads", "openblas_set_num_threads64_",
            "scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads")


def _loaded_openblas() -> list[str]:
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return []
    return sorted(p for p in paths if os.path.isfile(p))


def leave_a_core_for_the_gui() -> int | None:
    """Cap BLAS at (cores − 1) threads unless the user chose; returns the cap, or None."""
    if any(os.environ.get(name) for name in _ENV):
        return None
    threads = max(1, (os.cpu_count() or 1) - 1)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        pass
    else:
        threadpool_limits(limits=threads, user_api="blas")
        return threads
    import numpy  # noqa: F401  (loads its OpenBLAS)

    done = False
    for path in _loaded_openblas():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for symbol in _SYMBOLS:
            setter = getattr(lib, symbol, None)
            if setter is not None:
                setter.argtypes = [ctypes.c_int]
                setter.restype = None
                setter(threads)
                done = True
                break
    return threads if done else None
