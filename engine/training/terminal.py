"""``main.py --train`` on a terminal: train the config's network without a window, and write
its history.

Shows a progress bar on stderr when stderr is a terminal (nothing when it is piped); the first
Ctrl+C stops the training after the current step and writes what was done so far (a second
one interrupts at once). The closing lines say how each run ended: its losses and accuracy,
where it diverged, and — for init "zeros" — that every hidden unit stayed identical.
"""

from __future__ import annotations

import math
import signal
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ..config_fields import ConfigError

INTERRUPTED = 130   # the shell's status for a process stopped by Ctrl+C
BAR_WIDTH = 30


class ProgressBar:
    """``[#####.....]  42 %  step 840/2000  310 steps/s`` on one terminal line, ≤ 10 times a
    second."""

    def __init__(self, total: int, stream):
        self.total, self.stream = total, stream
        self.start = self._last = time.perf_counter()

    def __call__(self, fraction: float) -> None:
        now = time.perf_counter()
        if now - self._last < 0.1 and fraction < 1.0:
            return
        self._last = now
        done = int(round(fraction * self.total))
        filled = int(BAR_WIDTH * fraction)
        rate = done / (now - self.start) if now > self.start else 0.0
        self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {100 * fraction:3.0f} %"
                          f"  step {done}/{self.total}  {rate:.0f} steps/s")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def summary_lines(run, index: int, optimizer: str = "adam", dropout: float = 0.0) -> list[str]:
    """The closing lines of one run (trained with `optimizer` and `dropout`)."""
    steps = f"{run.steps_done} step" + ("" if run.steps_done == 1 else "s")   # not "1 steps"
    lines = [f"run {index} ({run.label}): {steps}"]
    finite = [i for i, loss in enumerate(run.train_loss) if math.isfinite(loss)]
    if finite:
        last = finite[-1]
        text = f"train loss {run.train_loss[last]:.4g}, held-out loss {run.heldout_loss[last]:.4g}"
        if math.isfinite(run.heldout_accuracy[last]):
            text += f", held-out accuracy {100 * run.heldout_accuracy[last]:.1f} %"
        if last != len(run.steps) - 1:   # (a tour read "4 steps; at step 0; …" as a contradiction)
            text = f"the last finite values, at step {run.steps[last]}: {text}"
        lines[0] += f"; {text}"
    if run.diverged is not None:   # (only Adam has a second moment to overflow: a tour)
        where = "in the pass, or in Adam's second moment" if optimizer == "adam" else "in the pass"
        lines.append(f"  diverged at step {run.diverged[0]}: NaN or ∞ ({where}) first at layer "
                     f"{run.diverged[1]}")
    symmetry = run.symmetry(dropout)
    if symmetry in ("frozen", "frozen_with_dropout"):
        lines.append("  no weight got a gradient: with every weight 0 and σ(0) = 0 each hidden "
                     "unit outputs 0, and only the output's bias learned " + (
                         "(dropout cannot change that)" if symmetry == "frozen_with_dropout"
                         else "(with sigmoid, σ(0) = 1/2, the weights learn and the units stay "
                              "identical: the symmetry)"))
    elif symmetry == "kept":
        lines.append("  every hidden unit is identical to the others of its layer on every "
                     "input: the zero initialization's symmetry was never broken")
    elif symmetry is not None:
        lines.append("  the hidden units did not all stay identical" + (
            ": dropout broke the zero weights' symmetry" if symmetry == "broken_by_dropout"
            else ""))
    return lines


PROBE_SECONDS = 0.5   # the first steps, timed for the estimate of the whole training


@contextmanager
def first_interrupt_stops():
    """Within: the first Ctrl+C (SIGINT) only appends to the list yielded (stop after the
    current step and keep what was done); a second one ends the process at once (the
    system's default action: a KeyboardInterrupt raised inside a Qt slot cannot cross Qt's
    loop, it printed a traceback and the export went on)."""
    stop: list[int] = []

    def on_interrupt(signum, frame):
        stop.append(signum)
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def train_command(config, stats_out: Path | None, note=None, compare: str = "single") -> int:
    """Train `config` (one run, labelled by its init rule; `compare` "inits": instead, the
    lecture's four inits of it, on the same data and mini-batches) and write `stats_out` (.csv or
    .json) if given; `note(seconds, steps_per_second)` hears the estimate of the whole
    training, measured on its first steps (about PROBE_SECONDS). Returns the exit status: 0,
    or 130 after Ctrl+C (what was done is written)."""
    from engine.cost import available_memory
    from engine.output_files import commit_files, stage_file
    from engine.training import (Session, check_memory, compare_configs, history_csv,
                                 history_json, task_shape)

    configs, labels = compare_configs(config) if compare == "inits" else ((config,), (config.init,))
    check_memory(configs, *task_shape(config), available_memory())
    session = Session(configs, labels)
    bar = ProgressBar(config.steps, sys.stderr) if sys.stderr.isatty() else None
    with first_interrupt_stops() as stop:   # (a second Ctrl+C while writing: at once too)
        try:
            _train(session, config, note, bar, lambda: bool(stop))
        finally:
            if bar is not None:
                bar.close()
        runs = session.histories()
        unwritten = None
        if stats_out is not None:   # written first: a stdout that fails loses no file
            shape = (session.task.inputs, session.task.outputs)
            text = history_json(config, runs, configs, shape, compare=compare,
                                interrupted=bool(stop)) \
                if stats_out.suffix.lower() == ".json" else history_csv(runs, configs)
            try:
                tmp = stage_file(stats_out, lambda p: p.write_text(text, encoding="utf-8"),
                                 "stats")
                commit_files([(tmp, stats_out, "stats")])
            except ConfigError as exc:
                unwritten = exc
        # summed up whether or not the file could be written (a disk full at the end had
        # lost hours of training unsaid: a CLI tour)
        for i, run in enumerate(runs):
            print("\n".join(summary_lines(run, i, config.optimizer, config.dropout)))
        if unwritten is not None:
            raise ConfigError(unwritten.key, f"{unwritten.reason} (the {session.step} steps "
                                             f"trained are summed up above; their history is "
                                             f"not written)")
    if stop:
        print(f"interrupted at step {session.step}; "
              f"{'wrote what was done so far' if stats_out else 'nothing written'}",
              file=sys.stderr)
        return INTERRUPTED
    return 0


def _train(session, config, note, bar, stopped) -> None:
    """Train `session` to `config.steps`, timing its first steps but the very first for
    `note`: that one builds the network and records step 0 (a tour: timed alone, one slow
    first step of a shared machine gave "about 20 min" for a training of 63 s)."""
    probe = session.advance(1, stopped)
    start = time.perf_counter()
    while 0 < probe < config.steps and (probe == 1 or
                                        time.perf_counter() - start < PROBE_SECONDS):
        if session.advance(1, stopped) == 0:
            break
        probe += 1
    if note is not None and 1 < probe < config.steps and not session.done:
        rate = (probe - 1) / (time.perf_counter() - start)
        note(config.steps / rate, rate)
    rest = config.steps - probe
    if bar is not None:
        bar(probe / config.steps)
    session.advance(rest, stopped,
                    bar and (lambda fraction: bar((probe + fraction * rest) / config.steps)))
