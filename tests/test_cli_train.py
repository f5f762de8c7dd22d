"""``main.py --train``: the history as CSV and JSON, one-line errors with exit status 2, the
symmetry of zeros said in words, a progress bar only on a terminal, and Ctrl+C writing what was
done so far."""

import csv
import json
import math
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import main
from engine import cost
from engine.training import HISTORY_COLUMNS
from test_idx import write_dataset

ROOT = Path(__file__).resolve().parents[1]
SMALL = ["--set", "depth=2", "--set", "width=8", "--set", "steps=20", "--set", "log_every=10",
         "--set", "train_batch=16"]


def test_train_writes_the_history_as_csv(tmp_path, capsys):
    out = tmp_path / "history.csv"
    assert main.main(["--train", *SMALL, "--set", "task=circles", "--set", "optimizer=momentum",
                      "--stats", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""   # no progress bar when stderr is not a terminal
    assert "run 0 (xavier): 20 steps" in captured.out and "held-out accuracy" in captured.out
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert tuple(rows[0]) == (*HISTORY_COLUMNS, "config")
    assert len(rows) == 3 * 4   # steps 0, 10, 20 × layers 0 … 3 (2 hidden + output)
    assert [r["step"] for r in rows[::4]] == ["0", "10", "20"]
    assert rows[0]["log10_weight_grad_norm"] == "" and rows[1]["log10_weight_grad_norm"] != ""
    assert rows[5]["update_ratio"] != "" and rows[1]["update_ratio"] == ""


def test_a_training_whose_file_cannot_be_written_at_the_end_is_summed_up(tmp_path, capsys,
                                                                         monkeypatch):
    """A CLI tour: a disk full at the end of 3000 steps printed the error alone; the training's
    summary came after the file, and was lost with it."""
    from engine import output_files
    from engine.config_fields import ConfigError

    staged, real = [], output_files.stage_file

    def full(path, write, key):   # the check before the training passes; the file does not
        staged.append(path)
        if len(staged) == 1:
            return real(path, write, key)
        raise ConfigError(key, "cannot write 'h.csv': No space left on device")

    monkeypatch.setattr(output_files, "stage_file", full)
    assert main.main(["--train", *SMALL, "--stats", str(tmp_path / "h.csv")]) == 2
    captured = capsys.readouterr()
    assert "run 0 (xavier): 20 steps; train loss" in captured.out
    assert captured.err == ("error: stats: cannot write 'h.csv': No space left on device (the "
                            "20 steps trained are summed up above; their history is not "
                            "written)\n")


def test_a_long_training_says_its_estimate_first(monkeypatch, capsys):
    """A tour: the default `--train` ran 14 minutes here without a word (the static runs say
    their estimate); the first steps are timed and the whole training estimated from them."""
    from engine.training import terminal

    monkeypatch.setattr(terminal, "PROBE_SECONDS", 0.0)    # one step timed
    monkeypatch.setattr(cost, "NOTE_SECONDS", 0.0)         # said however short
    assert main.main(["--train", *SMALL]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("estimate: this training takes about ")
    assert "steps/s over its first steps" in captured.err
    assert "run 0 (xavier): 20 steps" in captured.out      # all of it, after the probe


def test_train_writes_json_with_the_config_and_the_runs(tmp_path, capsys):
    out = tmp_path / "history.json"
    assert main.main(["--train", *SMALL, "--set", "task=teacher", "--stats", str(out)]) == 0
    text = out.read_text()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    assert data["config"]["task"] == "teacher" and data["config"]["steps"] == 20
    assert data["interrupted"] is False and data["runs"][0]["diverged"] is None
    assert len(data["history"]) == 12 and set(data["history"][0]) == set(HISTORY_COLUMNS)
    assert all(row["heldout_accuracy"] is None for row in data["history"])   # regression


def test_zeros_say_that_every_hidden_unit_is_identical(tmp_path, capsys):
    out = tmp_path / "zeros.json"
    assert main.main(["--train", *SMALL, "--set", "init=zeros", "--set", "activation=sigmoid",
                      "--stats", str(out)]) == 0
    assert "every hidden unit is identical" in capsys.readouterr().out
    assert json.loads(out.read_text())["runs"][0]["identical_units"] is True


def test_zeros_under_tanh_say_that_no_weight_learns(tmp_path, capsys):
    """A lecturer's tour: with tanh (σ(0) = 0) zero weights give every hidden unit the output
    0 and no weight a gradient; "the symmetry was never broken" said the units stayed equal
    while learning, which is sigmoid's case, not this one."""
    out = tmp_path / "zeros.json"
    assert main.main(["--train", *SMALL, "--set", "init=zeros", "--set", "activation=tanh",
                      "--stats", str(out)]) == 0
    said = capsys.readouterr().out
    assert "no weight got a gradient" in said and "symmetry was never broken" not in said
    data = json.loads(out.read_text())
    assert data["runs"][0]["identical_units"] is True
    # every logged weight gradient is exactly 0 (null in JSON)
    assert all(row["log10_weight_grad_norm"] is None for row in data["history"]
               if row["layer"] >= 1)


def test_a_diverged_run_says_where_for_its_optimizer(capsys):
    """A tour: an SGD run that diverged read "NaN or ∞ (in the pass, or in Adam's second
    moment)"; only Adam has one."""
    from types import SimpleNamespace

    from engine.training.terminal import summary_lines

    args = ["--train", "--set", "depth=6", "--set", "width=32", "--set", "steps=300",
            "--set", "gain=10", "--set", "activation=relu", "--set", "init=he",
            "--set", "lr=1", "--set", "optimizer=sgd"]
    assert main.main(args) == 0
    out = capsys.readouterr().out
    assert "diverged at step" in out and "NaN or ∞ (in the pass) first at layer" in out, out
    run = SimpleNamespace(label="he", steps_done=2, steps=[0], train_loss=[1.0],
                          heldout_loss=[1.0], heldout_accuracy=[0.5], diverged=(2, 3),
                          identical_units=None, symmetry=lambda dropout=0.0: None)
    assert "(in the pass, or in Adam's second moment) first at layer 3" in \
        summary_lines(run, 0, "adam")[1]
    # its last finite values said as such (a tour read "2 steps; at step 0; train loss 1" as
    # a contradiction)
    run.steps, run.train_loss = [0, 2], [1.0, math.nan]
    run.heldout_loss, run.heldout_accuracy = [1.0, math.nan], [0.5, math.nan]
    assert summary_lines(run, 0, "adam")[0] == (
        "run 0 (he): 2 steps; the last finite values, at step 0: train loss 1, held-out loss "
        "1, held-out accuracy 50.0 %")


def test_mnist_from_a_folder_of_idx_files(tmp_path, capsys):
    write_dataset(tmp_path, ".gz")
    out = tmp_path / "mnist.csv"
    assert main.main(["--train", *SMALL, "--set", "task=mnist", "--set", f"data_dir={tmp_path}",
                      "--stats", str(out)]) == 0
    assert len(out.read_text().splitlines()) == 1 + 3 * 4
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"\x1f\x8b broken")
    assert main.main(["--train", *SMALL, "--set", "task=mnist", "--set", f"data_dir={tmp_path}",
                      "--stats", str(tmp_path / "again.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: data_dir: t10k-labels-idx1-ubyte.gz") and err.count("\n") == 1
    assert not (tmp_path / "again.csv").exists()


@pytest.mark.parametrize("setting, key", [
    ("task=moons", "task"), ("optimizer=rmsprop", "optimizer"), ("lr=0", "lr"),
    ("lr=100", "lr"), ("train_batch=0", "train_batch"), ("train_batch=5000", "train_batch"),
    ("steps=0", "steps"), ("steps=1.5", "steps"), ("weight_decay=-1", "weight_decay"),
    ("log_every=0", "log_every"), ("data_dir=[1]", "data_dir"), ("init=ones", "init"),
    ("task=mnist", "data_dir"),
])
def test_bad_training_keys_exit_2_with_one_line(tmp_path, capsys, setting, key):
    out = tmp_path / "h.csv"
    assert main.main(["--train", "--set", setting, "--stats", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {key}: ") and err.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize("export", [False, True])
def test_a_training_beyond_the_memory_available_is_refused_before_it_starts(
        tmp_path, capsys, monkeypatch, export):
    """The weak-laptop tour: the check was a fixed limit per network, so a 4 GB machine was
    let through a 5.3 GB network, and the four inits of it (21 GB: each checked alone)."""
    big = ["--set", "depth=20", "--set", "width=4096", "--set", "train_batch=256"]
    out = tmp_path / ("t.png" if export else "h.csv")
    args = ["--export", str(out), "--view", "training"] if export else \
        ["--train", "--stats", str(out)]
    monkeypatch.setattr(cost, "available_memory", lambda: 4 * 10**9)
    assert main.main([*args, *big]) == 2
    assert capsys.readouterr().err == ("error: widths: training this network needs about 5.3 "
                                       "GB of memory and 4.0 GB is available (fewer or narrower "
                                       "layers, or a smaller mini-batch, need less)\n")
    monkeypatch.setattr(cost, "available_memory", lambda: None)
    assert main.main([*args, *big, "--compare", "inits"]) == 2
    assert capsys.readouterr().err == ("error: widths: training these 4 networks needs about "
                                       "21.1 GB of memory; at most 6 GB (fewer or narrower layers, "
                                       "or a smaller mini-batch, need less)\n")
    assert not out.exists()


def test_train_does_not_combine_with_sweep_or_export(capsys):
    assert main.main(["--train", "--sweep", "gain=1:2:3", "--stats", "x.csv"]) == 2
    assert capsys.readouterr().err.startswith("error: train: ")


def _interrupted(args, signals: int = 1):
    """Run main.py with `args`, stderr a pseudo-terminal (so the progress bar is drawn); once
    the bar shows, SIGINT (`signals` times, at once). (exit status, what stderr showed,
    stdout)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args],
                            stdout=subprocess.PIPE, stderr=slave, cwd=ROOT, text=True)
    os.close(slave)
    seen = b""
    try:
        deadline = time.monotonic() + 60
        def bar_shown() -> bool:   # and the estimate (it says steps/s too)
            return b"\r[" in seen and b"steps/s" in seen.split(b"\r[", 1)[1] and \
                b"estimate: this training takes about" in seen
        while not bar_shown() and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                seen += os.read(master, 4096)
        assert bar_shown()
        time.sleep(0.3)
        for _ in range(signals):
            proc.send_signal(signal.SIGINT)
            time.sleep(0.01)
        stdout, _ = proc.communicate(timeout=60)
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                break
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert b"Traceback" not in seen
    return proc.returncode, seen, stdout


LONG = ["--set", "depth=2", "--set", "width=8", "--set", "steps=1000000", "--set", "log_every=50"]


def test_ctrl_c_writes_what_was_done_so_far_and_the_bar_shows_on_a_terminal(tmp_path):
    """Once the bar shows, SIGINT stops the training after the current step and the history
    so far is written."""
    out = tmp_path / "partial.csv"
    status, seen, stdout = _interrupted(["--train", *LONG, "--stats", str(out)])
    assert status == 130 and b"interrupted at step" in seen
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert len(rows) >= 4 and rows[0]["step"] == "0"
    assert "run 0 (xavier)" in stdout


def test_ctrl_c_during_an_export_of_the_training_tab_draws_what_was_trained(tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "partial.png"
    status, seen, _ = _interrupted(["--export", str(out), "--view", "training", *LONG])
    said = rb"interrupted at step [1-9]\d*; wrote the steps trained so far"
    assert status == 130 and re.search(said, seen)
    assert not QImage(str(out)).isNull()


def test_a_second_ctrl_c_during_an_export_of_the_training_tab_ends_it_at_once(tmp_path):
    """A review: the second Ctrl+C raised KeyboardInterrupt inside a Qt slot, which printed a
    traceback and went on to write the PNG (once, it crashed)."""
    out = tmp_path / "partial.png"
    status, seen, _ = _interrupted(["--export", str(out), "--view", "training", *LONG],
                                   signals=2)
    assert status in (130, -signal.SIGINT) and not out.exists()


def test_train_compares_the_four_inits(tmp_path, capsys):
    out = tmp_path / "history.json"
    assert main.main(["--train", *SMALL, "--compare", "inits", "--stats", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    from engine.training import COMPARE_INITS

    labels = [label for label, _ in COMPARE_INITS]
    assert [line.split(":")[0] for line in lines if line.startswith("run ")] == [
        f"run {i} ({label})" for i, label in enumerate(labels)]
    data = json.loads(out.read_text())
    assert [run["label"] for run in data["runs"]] == labels
    assert data["runs"][0]["changes"] == {"init": "zeros"} and data["runs"][0]["identical_units"]
    assert len(data["history"]) == 4 * 3 * 4   # runs × logged steps × layers
    # the comparison recorded, and taken again from it by --config (a review: one of its
    # figures or statistics trained one network), unless --compare says otherwise
    assert data["compare"] == "inits"
    again = tmp_path / "again.json"
    assert main.main(["--train", "--config", str(out), "--stats", str(again)]) == 0
    assert [run["label"] for run in json.loads(again.read_text())["runs"]] == labels
    assert main.main(["--train", "--config", str(out), "--compare", "single",
                      "--stats", str(again)]) == 0
    assert len(json.loads(again.read_text())["runs"]) == 1
    capsys.readouterr()
    assert main.main(["--train", "--config", str(out), "--set", "init=he"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: compare: inits (the comparison --config records) gives each run its own init")


def test_export_of_the_training_tab_trains_and_draws_each_run(tmp_path, qapp):
    """A tour: the Training tab, the lecture's four inits side by side, was the one tab the
    command line could not export (a figure for slides needed the window)."""
    from gui.training_plots import RUN_COLORS
    from test_gui_training import has_color
    from PySide6.QtGui import QImage

    out = tmp_path / "training.png"
    assert main.main(["--export", str(out), "--view", "training", "--compare", "inits",
                      *SMALL, "--set", "task=xor", "--lang", "en"]) == 0
    image = QImage(str(out))
    assert image.width() > 800
    for color in RUN_COLORS:   # each run's curves
        assert has_color(image, color)


@pytest.mark.parametrize("args, said", [
    (["--train", "--compare", "both"], "compare: must be one of single, inits, got 'both'"),
    (["--compare", "inits", "--stats", "x.json"], "compare: applies only with --train"),
    # before the --stats view check, whatever the view (a re-review)
    (["--train", "--view", "activation", "--stats", "t.json"], "view: does not apply to --train"),
    # a tour: trained the four inits, the gain set ignored unsaid
    (["--train", "--compare", "inits", "--set", "gain=1e6", "--set", "init=he"],
     "compare: inits gives each run its own init and gain (zeros, γ too small, γ too large, "
     "Xavier): --set gain and init would be ignored"),
    (["--export", "x.png", "--view", "training", "--stats", "x.json"],
     "stats: cannot be combined with --view training"),
    # a tour: the redundant --train had been told "view: does not apply to --train"
    (["--train", "--export", "x.png", "--view", "training", "--compare", "inits"],
     "train: is not needed: --export with --view training trains and draws the training "
     "itself (leave --train out"),
])
def test_compare_and_the_training_view_refuse_what_they_cannot_do(args, said, capsys):
    assert main.main(args) == 2
    assert capsys.readouterr().err.startswith(f"error: {said}")


def test_ctrl_c_while_the_training_tab_is_made_exports_nothing_without_a_traceback(
        tmp_path, qapp, monkeypatch, capsys):
    """A Ctrl+C in the second or so before training starts (the window being made) raised
    KeyboardInterrupt inside Qt's calls: a traceback. It now stops before the first step."""
    import signal

    import gui.main_window

    made = gui.main_window.MainWindow

    class InterruptedWhileMade(made):
        def __init__(self, *args, **kwargs):
            signal.raise_signal(signal.SIGINT)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(gui.main_window, "MainWindow", InterruptedWhileMade)
    out = tmp_path / "none.png"
    assert main.main(["--export", str(out), "--view", "training", *SMALL]) == 130
    assert "interrupted before the first step; nothing written" in capsys.readouterr().err
    assert not out.exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # put back


def test_a_short_run_exported_at_once_has_its_colour_bars_beside_their_maps(monkeypatch,
                                                                            qapp):
    """A tour: 50 steps of a small net exported from the command line had the update ratio's
    colour bar in a heap over its map's title (what is revealed for the image had not been
    laid out)."""
    from engine import SimConfig
    from gui import headless
    from gui.training_view import TrainingView

    placed = []
    original = TrainingView.figure

    def figure(self):
        made = original(self)
        placed.extend((bar.box.sceneBoundingRect(), plot.getViewBox().sceneBoundingRect())
                      for bar, plot in zip(self.maps.bars, self.maps.plots))
        return made

    monkeypatch.setattr(TrainingView, "figure", figure)
    config = SimConfig.from_dict({"depth": 6, "width": 32, "steps": 50, "task": "spiral"})
    image, stopped = headless.training_image(config, language="en")
    assert not stopped and not image.isNull() and len(placed) == 2
    for bar, box in placed:
        assert bar.left() >= box.right() and abs(bar.height() - box.height()) <= 2
