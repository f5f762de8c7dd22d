"""GUI latency while the gain slider is dragged: stalls, update rate, time to the final plots.

    python benchmarks/gui_latency.py [--seconds 2] [--hz 60]

Offscreen, default config (depth 50, width 256, batch 512, tanh, Xavier normal). The gain
slider is pressed, moved at 60 Hz for 2 s (a triangle wave over gain 0.5 … 2) and released. A
1 ms heartbeat timer on the GUI thread measures the longest stall; every Monte Carlo result
that reaches the plots is counted; the latency is from the release to the plots of the final
value. Figures are printed against the issue's targets. Not a test: timings depend on the
machine; like the app, the benchmark leaves one core to the GUI thread (gui/_blas.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("INITLAB_SETTINGS", str(Path(tempfile.gettempdir()) / "initlab-bench.ini"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_STALL_MS = 50.0
TARGET_RATE = 10.0
TARGET_LATENCY_MS = 150.0


def run(seconds: float, hz: float) -> dict:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from gui.app import make_app

    app = make_app(headless=True)
    from gui import MainWindow
    from gui._blas import leave_a_core_for_the_gui

    state_blas = leave_a_core_for_the_gui()  # as run_app does for the real window

    window = MainWindow()
    window.show()
    loop = QEventLoop()
    if window.result() is None:  # the first Monte Carlo, outside the measurement
        window.resultShown.connect(loop.quit)
        QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        window.resultShown.disconnect(loop.quit)

    slider = window.controls.widget("gain_slider")
    base = slider.value()
    lo, hi = base - 30, base + 30           # gain 0.5 … 2 (100 steps per decade)
    state = {"pos": base, "step": 3, "ticks": 0, "start": 0.0, "end": None, "final": None,
             "final_shown": None}
    shown: list[float] = []
    sim_seconds: list[float] = []

    def on_shown(result):
        now = time.perf_counter()
        shown.append(now)
        sim_seconds.append(result.elapsed_seconds)
        if state["end"] is not None and result.config.gain == state["final"]:
            state["final_shown"] = now
            loop.quit()

    window.resultShown.connect(on_shown)
    gaps: list[float] = []
    last = [time.perf_counter()]

    def beat():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer(timerType=Qt.PreciseTimer, interval=1)
    heartbeat.timeout.connect(beat)
    total_ticks = round(seconds * hz)

    def drag():
        state["ticks"] += 1
        pos = state["pos"] + state["step"]
        if not lo <= pos <= hi:
            state["step"] = -state["step"]
            pos = state["pos"] + state["step"]
        if state["ticks"] >= total_ticks and pos == base:
            pos += 1  # end on a value not simulated before, or nothing would need plotting
        state["pos"] = pos
        slider.setValue(pos)
        if state["ticks"] >= total_ticks:
            mover.stop()
            state["final"] = window.config().gain
            state["end"] = time.perf_counter()
            slider.setSliderDown(False)  # the release: sliderReleased

    mover = QTimer(timerType=Qt.PreciseTimer, interval=round(1000 / hz))
    mover.timeout.connect(drag)
    last[0] = time.perf_counter()
    heartbeat.start()
    slider.setSliderDown(True)
    state["start"] = time.perf_counter()
    mover.start()
    QTimer.singleShot(round((seconds + 30) * 1000), loop.quit)  # a watchdog
    loop.exec()
    heartbeat.stop()
    end = state["end"] or time.perf_counter()
    final = state["final_shown"]
    result = {
        "stall_ms": max(gaps) * 1000 if gaps else float("nan"),
        "stall_p99_ms": statistics.quantiles(gaps, n=100)[98] * 1000 if len(gaps) > 100 else 0,
        "updates": sum(state["start"] <= t <= end for t in shown),
        "drag_s": end - state["start"],
        "latency_ms": (final - end) * 1000 if final is not None else float("inf"),
        "simulate_s": statistics.median(sim_seconds) if sim_seconds else float("nan"),
        "dropped": window.runner.dropped,
        "blas_threads": state_blas,
    }
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--hz", type=float, default=60.0)
    args = parser.parse_args()
    f = run(args.seconds, args.hz)
    rate = f["updates"] / f["drag_s"]

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    print(f"gain slider dragged at {args.hz:g} Hz for {f['drag_s']:.2f} s, default config "
          f"(one Monte Carlo run: {f['simulate_s'] * 1000:.0f} ms median while dragging; "
          f"BLAS threads {f['blas_threads'] or os.environ.get('OPENBLAS_NUM_THREADS', 'default')}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f})")
    print(f"  longest GUI-thread stall   {f['stall_ms']:7.1f} ms   target ≤ {TARGET_STALL_MS:g} ms  "
          f"{verdict(f['stall_ms'] <= TARGET_STALL_MS)}   (99th percentile {f['stall_p99_ms']:.1f} ms)")
    print(f"  Monte Carlo updates shown  {rate:7.1f} /s   target ≥ {TARGET_RATE:g} /s   "
          f"{verdict(rate >= TARGET_RATE)}   ({f['updates']} during the drag, "
          f"{f['dropped']} stale results dropped)")
    print(f"  final value's plots after  {f['latency_ms']:7.1f} ms   target ≤ {TARGET_LATENCY_MS:g} ms "
          f" {verdict(f['latency_ms'] <= TARGET_LATENCY_MS)}   (from the release)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
