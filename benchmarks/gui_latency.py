"""GUI latency while the gain slider is dragged: stalls, frame rate, time to the final plots.

    python benchmarks/gui_latency.py [--seconds 2] [--hz 60] [--runs 3]

Offscreen, default config (depth 50, width 256, batch 512, tanh, Xavier normal). The gain
slider is pressed, moved at 60 Hz for 2 s (a triangle wave over gain 0.5 … 2, in steps of 3
slider positions; the n-th run is shifted by n mod 3 positions, so that each of the first
three runs drags over values whose theory the process has not computed yet) and released. A
1 ms heartbeat timer on the GUI thread measures the longest stall; every Monte Carlo frame
that reaches the plots during the drag is counted (previews: `gui.change_stream.PREVIEW_BATCH`,
one trial); the latency is from the release to the plots of the final value's full-batch
result (printed beside it: that run's own time in the worker; the rest is the wait for it to
start and the drawing). Each figure is the median over `--runs` windows, printed against the
issue's targets. Not a test: timings depend on the machine.
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

from engine.threads import usable_cpus  # noqa: E402

TARGET_STALL_MS = 30.0
TARGET_RATE = 30.0
TARGET_LATENCY_MS = 150.0


def run(seconds: float, hz: float, offset: int = 0) -> dict:
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from gui.app import make_app

    make_app(headless=True)
    from gui import MainWindow

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
    # each run of a process drags over gains the others did not: their theories are not kept
    state = {"pos": base + offset, "step": 3, "ticks": 0, "start": 0.0, "end": None, "final": None,
             "final_shown": None}
    shown: list[float] = []
    previews: list[float] = []
    sim_seconds: list[float] = []

    def on_shown(result):
        now = time.perf_counter()
        shown.append(now)
        if result.config.batch < window.config().batch:
            previews.append(now)
        sim_seconds.append(result.monte_carlo.elapsed_seconds)
        check_final()

    def check_final():
        """After the release: are the final value's full-batch plots all shown?"""
        shown_now = window.result()
        if state["end"] is not None and state["final_shown"] is None and shown_now is not None \
                and shown_now.config == window.config() and not window.dashboard.pending():
            state["final_shown"] = time.perf_counter()
            state["final"] = shown_now.monte_carlo.elapsed_seconds
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
            state["end"] = time.perf_counter()
            slider.setSliderDown(False)  # the release: sliderReleased
            poll.start()                 # (a pause in the drag may have run it already)

    poll = QTimer(interval=5)
    poll.timeout.connect(check_final)
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
    poll.stop()
    end = state["end"] or time.perf_counter()
    final = state["final_shown"]
    result = {
        "stall_ms": max(gaps) * 1000 if gaps else float("nan"),
        "stall_p99_ms": statistics.quantiles(gaps, n=100)[98] * 1000 if len(gaps) > 100 else 0,
        "updates": sum(state["start"] <= t <= end for t in shown),
        "previews": sum(state["start"] <= t <= end for t in previews),
        "drag_s": end - state["start"],
        "latency_ms": (final - end) * 1000 if final is not None else float("inf"),
        "full_run_ms": state["final"] * 1000 if state["final"] is not None else float("nan"),
        "simulate_s": statistics.median(sim_seconds) if sim_seconds else float("nan"),
        "dropped": window.runner.dropped,
    }
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--hz", type=float, default=60.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [run(args.seconds, args.hz, offset=i % 3) for i in range(args.runs)]
    for f in runs:
        f["rate"] = f["updates"] / f["drag_s"]

    def median(key: str) -> float:
        return statistics.median(f[key] for f in runs)

    def each(key: str, form: str) -> str:
        return ", ".join(format(f[key], form) for f in runs)

    def verdict(ok: bool) -> str:
        return "ok" if ok else "MISSED"

    stall, rate, latency = median("stall_ms"), median("rate"), median("latency_ms")
    print(f"gain slider dragged at {args.hz:g} Hz for {median('drag_s'):.2f} s, default config, "
          f"median of {len(runs)} runs (one Monte Carlo frame: {median('simulate_s') * 1000:.0f} ms "
          f"median; {usable_cpus()} CPUs usable, load average {os.getloadavg()[0]:.1f})")
    print(f"  longest GUI-thread stall   {stall:7.1f} ms   target ≤ {TARGET_STALL_MS:g} ms  "
          f"{verdict(stall <= TARGET_STALL_MS)}   (runs: {each('stall_ms', '.1f')}; 99th "
          f"percentile {median('stall_p99_ms'):.1f} ms)")
    print(f"  Monte Carlo frames shown   {rate:7.1f} /s   target ≥ {TARGET_RATE:g} /s   "
          f"{verdict(rate >= TARGET_RATE)}   (runs: {each('rate', '.1f')}; "
          f"{median('previews'):.0f} previews of {median('updates'):.0f} during the drag, "
          f"{median('dropped'):.0f} stale results dropped)")
    print(f"  full-batch plots after     {latency:7.1f} ms   target ≤ {TARGET_LATENCY_MS:g} ms "
          f" {verdict(latency <= TARGET_LATENCY_MS)}   (runs: {each('latency_ms', '.0f')}; "
          f"from the release; the full run itself took {each('full_run_ms', '.0f')} ms in the "
          f"worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
