"""Leave one CPU core to the GUI thread: cap the BLAS threads of the window's process.

The Monte Carlo's matrix products run on the worker thread through the BLAS, which by default
starts one thread per core. On a machine with few cores those threads compete with the GUI
thread, and a slider drag stutters (benchmarks/gui_latency.py: on two cores the longest GUI
stall roughly halves with one BLAS thread). An explicit OPENBLAS_NUM_THREADS, OMP_NUM_THREADS or
MKL_NUM_THREADS is respected. Only the interactive window calls this; the engine, the CLI and
the tests never do.
"""

from __future__ import annotations

import os

_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def leave_a_core_for_the_gui() -> int | None:
    """Cap BLAS at (cores − 1) threads unless the user chose; returns the cap, or None."""
    if any(os.environ.get(name) for name in _ENV):
        return None
    from threadpoolctl import threadpool_limits

    threads = max(1, (os.cpu_count() or 1) - 1)
    threadpool_limits(limits=threads, user_api="blas")
    return threads
