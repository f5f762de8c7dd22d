"""The command line: --stats without Qt, strict JSON, and one-line errors with exit status 2.

`main.main(argv)` is what ``python main.py`` runs (its return value is the exit status), so
most cases call it in this process and read stderr with capsys; a subprocess checks the real
process's exit status and that --stats never imports Qt.
"""

import json
import math
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import main
from engine.shown import quoted_path

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


def test_stats_json_without_importing_qt(tmp_path):
    out = tmp_path / "s.json"
    code = (
        "import sys, main\n"
        f"rc = main.main(['--set', 'depth=5', '--set', 'width=32', '--stats', {str(out)!r}])\n"
        "qt = [m for m in sys.modules\n"
        "      if m.startswith(('PySide', 'PyQt', 'pyqtgraph', 'shiboken'))]\n"
        "print(rc, qt)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.stdout.strip() == "0 []", proc.stderr
    data = json.loads(out.read_text())
    assert data["config"]["widths"] == [32] * 6 and len(data["layers"]) == 6
    assert data["summary"]["monte_carlo"] is True
    assert data["layers"][3]["log10_forward_var"] is not None
    assert data["layers"][3]["theory_log10_forward_var"] is not None
    assert data["summary"]["theory_gap"] is None   # Monte Carlo and theory agree here


def test_stats_summary_says_where_the_monte_carlo_parts_from_the_theory(tmp_path):
    """A practitioner's tour: tanh at gain 1000 had its gradient ~190 decades below the
    theory in the JSON, unexplained, where the readout says why."""
    out = tmp_path / "gap.json"
    assert main.main(["--set", "gain=1000", "--set", "widths=64x21", "--set", "batch=64",
                      "--stats", str(out)]) == 0
    data = json.loads(out.read_text())
    gap, rows = data["summary"]["theory_gap"], data["layers"]
    assert gap["direction"] == "backward" and gap["layer"] == 0
    assert gap["reason"] == "finite_width" and gap["explained"] == 0.0
    assert gap["decades"] == pytest.approx(rows[0]["log10_backward_var"]
                                           - rows[0]["theory_log10_backward_var"])
    assert gap["decades"] < -10


def test_stats_csv_with_config_file(tmp_path, capsys):
    cfg = tmp_path / "net.json"
    cfg.write_text(json.dumps({"widths": "20, 30x2, 10", "activation": "relu", "init": "he"}))
    out = tmp_path / "s.csv"
    assert main.main(["--config", str(cfg), "--set", "seed=3", "--stats", str(out)]) == 0
    assert capsys.readouterr().err == ""
    lines = out.read_text().strip().split("\n")
    assert lines[0].split(",")[:2] == ["layer", "width"] and len(lines) == 5
    assert [line.split(",")[1] for line in lines[1:]] == ["20", "30", "30", "10"]


def test_overflow_is_null_in_json(tmp_path, capsys):
    out = tmp_path / "s.json"
    assert main.main(["--set", "activation=elu", "--set", "init=constant", "--set", "variance=1",
                      "--set", "depth=60", "--set", "width=64", "--set", "batch=64",
                      "--stats", str(out)]) == 0
    assert capsys.readouterr().err == ""
    text = out.read_text()
    assert "NaN" not in text and "Infinity" not in text
    data = json.loads(text)
    assert data["layers"][-1]["log10_forward_var"] is None
    assert data["summary"]["forward_invalid"]["reason"] == "overflow"


BAD_INPUT = [
    (["--set", "depth=0"], "depth"),
    (["--set", "widths=abc"], "widths"),
    (["--set", "activation=tanhh"], "activation"),
    (["--set", "gain=-1"], "gain"),
    (["--set", "nonsense=1"], "nonsense"),
    (["--set", "gain"], "gain"),
    (["--config", "missing.json"], "config"),
    (["--bogus"], "arguments"),
    (["--samples", "-3"], "samples"),   # without --sweep it was ignored, unsaid
    # a tour: each of these was ignored or ran without a word
    (["--code", "torch"], "code"),                           # printed code, wrote nothing
    (["--view", "training"], "view"), (["--scale", "2"], "scale"),   # without --export
    (["--view", "phase", "--sweep", "gain=1:2:3"], "sweep"),
    (["--sweep", "variance=0.001:0.1:3"], "sweep"),          # init xavier: three equal rows
    (["--set", "activation=tanh", "--sweep", "alpha=1:2:3"], "sweep"),
    (["--set", "init=zeros", "--sweep", "gain=1:2:3"], "sweep"),
    (["--sweep", "gain=1:2:3", "--sweep", "depth=1:3:3"], "sweep"),   # kept the last only
    (["--export", "x.png", "--view", "spectrum", "--set", "depth=2000", "--set", "width=8"],
     "depth"),                                               # a PNG of empty axes, status 0
    (["--export", "x.png", "--view", "spectrum", "--set", "widths=4, 4000, 4"], "widths"),
    (["--train", "--force"], "force"), (["--lang", "zh_CN"], "lang"),   # a review
    (["--view", "phase", "--force"], "force"),   # (beside --stats: nothing to force)
    (["--view", "weights", "--force"], "force"),
    (["--export", " "], "export"),   # had opened the window
    (["--stats", "other.json"], "stats"),   # a second --stats had replaced the first
    (["--scale", "abc"], "scale"), (["--layer", "2.5"], "layer"),   # had read "arguments"
    (["--sweep", "batch=1:4:2", "--samples", "100"], "samples"),   # each value is the batch
    # a researcher's tour: a sweep ran one network of 64 inputs per value, and its figure's
    # properties said trials 4, batch 1024
    (["--sweep", "gain=1:2:3", "--set", "trials=4"], "trials"),
    (["--sweep", "gain=1:2:3", "--set", "batch=1024"], "batch"),
    (["--sweep", "gain=1:2:3", "--set", "batch=1024", "--export", "x.png", "--view", "sweep"],
     "batch"),
    (["--train", "--view", "phase"], "view"),   # a tour: trained, the view ignored
    (["--train", "--view", "activation"], "view"),
    (["--export", "x.png", "--view", "sweep"], "stats"),   # the network's beside a sweep PNG
    (["--export", "x.pdf", "--scale", "2"], "scale"),      # a PDF is vector
    # the Sweep tab draws what --sweep says, so it must be a sweep the tab can draw
    (["--export", "x.png", "--view", "sweep", "--sweep", "bias_std=0:1:3"], "sweep"),
    (["--export", "x.png", "--view", "sweep", "--sweep", "gain=1:2:3", "--samples", "8"],
     "samples"),
    (["--export", "x.png", "--view", "sweep", "--sweep", "gain=1:1.02:3"], "sweep"),
    (["--export", "x.svg"], "export"),
    # a tour: these named the widths, neither the sweep's value nor the depth
    (["--set", "depth=50", "--sweep", "width=1:16384:50"], "sweep"),
    (["--set", "depth=1001", "--set", "width=2", "--view", "spectrum"], "depth"),
    (["--slide"], "slide"), (["--export", "x.png", "--lines"], "lines"),
    (["--export", "x.png", "--view", "sweep", "--lines", "--grey-safe"], "grey-safe"),
    (["--export", "x.png", "--slide", "--scale", "2"], "scale"),
    (["--layer", "2"], "layer"),   # the network's statistics: all layers
    (["--view", "weights", "--layer", "51"], "layer"),
    (["--view", "weights", "--lecture-sigmas"], "lecture-sigmas"),
    (["--x-range", "8"], "x-range"), (["--view", "activation", "--x-range", "3"], "x-range"),
    # a CLI tour: each of these ran, rc 0, something other than what was typed
    (["--set", "gain=2", "--set", "gain=3"], "gain"),             # the last had won
    (["--sweep", "gain=1:2:3", "--set", "gain=3"], "gain"),        # the --set dropped
    (["--sweep", "depth=1:3.7:3"], "sweep"),                       # swept 1, 2, 4
    (["--sweep", "gain=١:٢:٣"], "sweep"),   # (another script's digits: full-width ones are read)
    (["--config", ""], "config"), (["--export", "x.png", "--view", ""], "view"),   # defaults
    (["--set", "seed=12345678901234567.0"], "seed"),               # written …568
    # a practitioner's tour: a key the config does not use ran, and its file recorded it
    (["--set", "init=xavier", "--set", "variance=0.5"], "variance"),
    (["--set", "activation=tanh", "--set", "alpha=2"], "alpha"),
    (["--set", "negative_slope=0.3"], "negative_slope"), (["--set", "mode=fan_out"], "mode"),
    (["--set", "init=zeros", "--set", "gain=2"], "gain"),
]


@pytest.mark.parametrize("args, key", BAD_INPUT)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys, args, key):
    monkeypatch.chdir(tmp_path)   # "missing.json" is looked for here
    out = tmp_path / "s.json"
    assert main.main([*args, "--stats", str(out)]) == 2
    lines = capsys.readouterr().err.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"error: {key}: "), lines
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_input_exits_the_process_with_status_2(tmp_path):
    """The process's exit status is what `main.main` returns (argparse's errors included)."""
    out = tmp_path / "s.json"
    proc = run("--bogus", "--stats", str(out))
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("error: arguments: "), proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_invalid_json_config_names_the_problem(tmp_path, capsys):
    cfg = tmp_path / "bad.json"
    cfg.write_text("{\"depth\": 3,,}")
    assert main.main(["--config", str(cfg), "--stats", str(tmp_path / "s.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: config: ") and "not valid JSON" in err and "line 1" in err
    cfg.write_text(json.dumps({"depth": 3, "gain": "big"}))
    assert main.main(["--config", str(cfg), "--stats", str(tmp_path / "s.json")]) == 2
    assert capsys.readouterr().err.startswith("error: gain: ")
    assert not (tmp_path / "s.json").exists()
    # a statistics table: said as one (a README tour read "not valid JSON (Expecting value")
    table = tmp_path / "stats.csv"
    assert main.main(["--set", "depth=2", "--set", "width=4", "--stats", str(table)]) == 0
    capsys.readouterr()
    assert main.main(["--config", str(table), "--stats", str(tmp_path / "s.json")]) == 2
    # named as given, quoted ("null" of /dev/null had read as JSON's null: a CLI tour)
    assert capsys.readouterr().err == (f"error: config: {quoted_path(table)} is a table of "
                                       "statistics (CSV): open a config file, JSON statistics "
                                       "or an exported PNG or PDF\n")


def test_stats_suffix_is_checked(tmp_path, capsys):
    assert main.main(["--stats", str(tmp_path / "s.txt")]) == 2
    assert capsys.readouterr().err.startswith("error: stats: ")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("library, marker", [("torch", "nn.Sequential"),
                                             ("keras", "keras.Sequential")])
def test_code_prints_a_snippet_of_the_network(library, marker):
    out = subprocess.run([sys.executable, "main.py", "--code", library, "--set", "depth=3",
                          "--set", "activation=relu", "--set", "init=he"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == ""
    assert marker in out.stdout and "relu" in out.stdout.lower()
    compile(out.stdout, "snippet", "exec")
    bad = subprocess.run([sys.executable, "main.py", "--code", "jax"], capture_output=True,
                         text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("error: code: must be torch or keras")


def test_a_csv_alone_says_what_produced_each_row(tmp_path):
    """Issue: the CSV of --stats carries its config, so a CSV alone says what produced it (a
    sweep's rows each their own value)."""
    import csv
    import json as json_module

    import main
    from engine import SimConfig

    out = tmp_path / "sweep.csv"
    assert main.main(["--set", "depth=3", "--set", "width=8", "--sweep", "gain=0.5:2:3",
                      "--samples", "8", "--stats", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert len(rows) == 3 * 4 and list(rows[0])[-1] == "config"
    gains = [SimConfig.from_dict(json_module.loads(r["config"])).gain for r in rows[::4]]
    assert gains == [float(r["gain"]) for r in rows[::4]] == pytest.approx([0.5, 1.0, 2.0])
    assert all(SimConfig.from_dict(json_module.loads(r["config"])).depth == 3 for r in rows)


def test_a_deep_runs_csv_names_its_widths_compactly(tmp_path):
    """A breaker's tour: at depth 10 000 the CSV was 206 MB, each of its rows with every
    width in its `config` cell; the cell holds the widths' text, as the other CSVs do."""
    import csv
    import json as json_module

    import main
    from engine import SimConfig

    out = tmp_path / "deep.csv"
    assert main.main(["--set", "depth=300", "--set", "width=2", "--set", "batch=2",
                      "--stats", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert len(rows) == 301 and len({r["config"] for r in rows}) == 1
    config = json_module.loads(rows[0]["config"])
    assert config["widths"] == "2x301" and len(rows[0]["config"]) < 600
    assert SimConfig.from_dict(config) == SimConfig.from_dict({"depth": 300, "width": 2,
                                                               "batch": 2})


def test_ctrl_c_during_a_long_run_exits_130_without_a_traceback(tmp_path):
    """A Ctrl+C once the run has begun (its estimate said) printed a KeyboardInterrupt
    traceback; no file is written."""
    import signal

    out = tmp_path / "long.json"
    # as the `initlab` entry point calls it (a review: `python main.py` alone was covered)
    proc = subprocess.Popen([sys.executable, "-c", "import sys, main; sys.exit(main.main())",
                             "--set", "depth=1000", "--set", "width=2048", "--stats", str(out)],
                            stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first = proc.stderr.readline()
        assert first.startswith("estimate: this run takes about")
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=60)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130 and rest == "interrupted\n"
    assert not out.exists()


def test_ctrl_c_while_the_window_starts_exits_130_without_a_traceback(monkeypatch, capsys):
    """A re-review: between the command line's checks and the window's own Ctrl+C handler
    (installed as it starts), an interrupt escaped as a traceback."""
    import gui.app

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(gui.app, "run_app", interrupted)
    assert main.main([]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_run_out_of_memory_is_one_line_not_a_traceback(monkeypatch, tmp_path, capsys):
    """A tour on a 4 GB laptop: a run past the estimate (`--force`, or a training the check
    let through) ended in numpy's 46-line traceback of `_ArrayMemoryError`."""
    def out_of_memory(*args, **kwargs):
        raise MemoryError("Unable to allocate 1.19 GiB for an array with shape (4096, 4096, 19) "
                          "and data type float32")

    monkeypatch.setattr(main, "write_outputs", out_of_memory)
    assert main.main(["--set", "depth=2", "--stats", str(tmp_path / "s.json")]) == 1
    assert capsys.readouterr().err == (
        "error: memory: the run ran out of memory (Unable to allocate 1.19 GiB for an array "
        "with shape (4096, 4096, 19) and data type float32); reduce batch, width or depth\n")


def test_stats_of_the_phase_and_spectrum_tabs_without_a_window(tmp_path, capsys):
    """`--stats --view phase|spectrum` writes the numbers behind those tabs (a tour: only the
    window's Export statistics could); relu under He sits on its critical line, χ₁ = 1 at
    σ_w² = 2."""
    out = tmp_path / "phase.json"
    assert main.main(["--stats", str(out), "--view", "phase", "--set", "activation=relu"]) == 0
    grid = json.loads(out.read_text())["grid"]
    assert len(grid) == 41 * 41
    near = min(grid, key=lambda row: abs(row["sigma_w2"] - 2.0) + row["sigma_b2"])
    assert abs(near["log10_chi1"] - math.log10(near["sigma_w2"] / 2)) < 1e-9
    assert json.loads(out.read_text())["fixed_point_edge_sigma_w2"] == [None] * 41
    assert main.main(["--stats", str(out), "--view", "phase", "--set", "activation=elu"]) == 0
    edges = json.loads(out.read_text())["fixed_point_edge_sigma_w2"]   # q* ends (σ_w²/2 = 1:
    assert len(edges) == 41 and all(abs(e - 2.0) < 0.1 for e in edges)   # the dotted edge)
    out = tmp_path / "spectrum.csv"
    assert main.main(["--stats", str(out), "--view", "spectrum", "--set", "widths=16x5"]) == 0
    assert out.read_text().splitlines()[0] == "index,log10_singular_value,at_floor,config"
    assert len(out.read_text().splitlines()) == 1 + 16
    assert main.main(["--view", "phase"]) == 2   # nothing to write it to
    assert "applies only with --export or --stats" in capsys.readouterr().err


def test_stats_beside_an_export_of_the_phase_tab_are_the_phase_diagrams(tmp_path, qapp):
    """A tour: `--export --stats --view phase` wrote the PNG of the phase diagram beside the
    network's per-layer statistics."""
    png, out = tmp_path / "phase.png", tmp_path / "phase.json"
    assert main.main(["--export", str(png), "--stats", str(out), "--view", "phase",
                      "--set", "activation=relu", "--set", "widths=8x4"]) == 0
    data = json.loads(out.read_text())
    assert data["activation"] == "relu" and len(data["grid"]) == 41 * 41 and "layers" not in data
    assert png.stat().st_size > 0


def test_the_stats_json_says_where_a_change_was_made(tmp_path):
    """A review: the readout's facts beyond the change end to end (made at t = 1 and 50,
    settled within 2 layers, a round trip, an input lost) were the window's alone; a script
    reading the stats had to judge the rows again."""
    def trends(*sets):
        out = tmp_path / "v.json"
        args = [a for key in sets for a in ("--set", key)]
        assert main.main(["--stats", str(out), "--set", "batch=64", *args]) == 0
        verdict = json.loads(out.read_text())["summary"]["verdict"]
        return verdict["forward"], verdict["backward"]

    _, backward = trends("widths=784,256x49,10", "activation=identity", "init=xavier")
    assert [(m["from"], m["to"]) for m in backward["made_by"]] == [(1, 1), (50, 50)]
    assert sum(m["decades"] for m in backward["made_by"]) == pytest.approx(
        backward["total_decades"], abs=0.2)
    assert backward["peak"] is None and backward["settled_in"] is None
    forward, _ = trends("activation=sigmoid", "widths=256x21")
    assert forward["settled_in"] == 2 and forward["made_by"][0]["from"] == 1
    forward, _ = trends("widths=784,643,527,432,354,290,238,195,160,131,108,88,72,59,49,40,33,"
                        "27,22,18,15,12,10", "activation=identity", "init=constant",
                        "variance=0.01")
    assert forward["kind"] == "stable" and forward["peak"]["layer"] in (10, 11, 12)
    assert forward["peak"]["decades"] == pytest.approx(5.1, abs=0.3)
    forward, _ = trends("init=zeros", "bias_std=0.5", "widths=16x7", "activation=relu")
    assert forward["input_lost"] == 1 and forward["made_by"] is None


def test_the_stats_json_holds_the_verdict(tmp_path):
    """A practitioner's tour: a script checking a network before training had to judge the
    rows again; the summary says what the window's verdict says."""
    out = tmp_path / "pyramid.json"
    assert main.main(["--stats", str(out), "--set", "widths=784,512,256,128,10", "--set",
                      "activation=relu", "--set", "init=he", "--set", "batch=64"]) == 0
    verdict = json.loads(out.read_text())["summary"]["verdict"]
    assert verdict["kind"] == "vanishing" and verdict["source"] == "monte_carlo"
    assert verdict["forward"]["kind"] == "stable" and verdict["backward"]["kind"] == "vanishing"
    backward = verdict["backward"]
    assert backward["layers"] == 4
    assert backward["total_decades"] == pytest.approx(math.log10(10 / 784), abs=0.2)
    assert abs(backward["norm_decades"]) < 0.3     # the norm n·Var crosses it kept
    out = tmp_path / "even.json"
    assert main.main(["--stats", str(out), "--set", "widths=16x5", "--set", "activation=relu",
                      "--set", "init=he", "--set", "gain=3"]) == 0
    verdict = json.loads(out.read_text())["summary"]["verdict"]
    assert verdict["kind"] == "exploding" and verdict["backward"]["norm_decades"] is None
    out = tmp_path / "overflow.json"                  # where a pass stopped, and why
    assert main.main(["--stats", str(out), "--set", "activation=elu", "--set", "init=constant",
                      "--set", "variance=1", "--set", "widths=64x61", "--set", "batch=64"]) == 0
    forward = json.loads(out.read_text())["summary"]["verdict"]["forward"]
    assert forward["kind"] == "exploding" and forward["invalid"]["reason"] == "overflow"


def test_grey_safe_export_draws_the_maps_dark_to_light(tmp_path, qapp, capsys):
    """`--grey-safe` beside `--export`: the variance maps as View ▸ Grey-safe colour scale
    draws them (a teacher's handouts, made by script), yellow where the gradient explodes;
    without it, the usual red."""
    import numpy as np
    from PySide6.QtGui import QImage

    from gui import theme

    def pixels(path):
        image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
        buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()
        return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[
            :, :image.width(), 2::-1].astype(int)

    def yellow(px):   # CET-D7's exploding end: red and green high, blue low
        return ((px[..., 0] > 180) & (px[..., 1] > 160) & (px[..., 2] < 110)).mean()

    config = ["--set", "widths=16x9", "--set", "gain=2", "--set", "batch=32", "--lang", "en"]
    usual, grey = tmp_path / "usual.png", tmp_path / "grey.png"
    try:
        assert main.main(["--export", str(usual), *config]) == 0
        assert main.main(["--export", str(grey), "--grey-safe", *config]) == 0
        assert not theme.grey_safe()     # for that export only (a window made later: usual)
    finally:
        theme.set_grey_safe(False)
    assert yellow(pixels(grey)) > 0.01 and yellow(pixels(usual)) < 0.001
    # refused where it would be ignored: no export, or a tab without variance maps
    for refused in (["--stats", str(tmp_path / "s.json")],
                    ["--export", str(tmp_path / "s.png"), "--view", "spectrum"]):
        assert main.main([*refused, "--grey-safe"]) == 2
        assert ("error: grey-safe: applies only with --export of a tab with diverging"
                in capsys.readouterr().err)


def test_export_of_a_tab_as_pdf_is_vector(tmp_path, qapp):
    """`--export phase.pdf --view phase`: the phase diagram as a one-page PDF whose titles and
    labels are text (a paper's figure), its colours drawn."""
    from plot_probe import read_pdf

    out = tmp_path / "phase.pdf"
    assert main.main(["--export", str(out), "--view", "phase", "--set", "widths=8x4",
                      "--lang", "en"]) == 0
    (width, height), px, text = read_pdf(out)
    assert width > 600 and height > 300
    assert "Order and chaos" in text and "σ" in text
    assert ((px[..., 0] > px[..., 2] + 40)).any() and ((px[..., 2] > px[..., 0] + 40)).any()


def test_an_exported_sweep_tab_draws_the_sweep_written_beside_it(tmp_path, qapp):
    """A researcher's tour: `--export --view sweep --sweep gain=0.5:2:61 --stats` wrote the
    61 gains' numbers beside a figure of the tab's first range (41 gains, 0.25 to 4). The
    figure now draws the sweep asked for, also without --stats."""
    from plot_probe import read_pdf

    out, csv = tmp_path / "sweep.pdf", tmp_path / "sweep.csv"
    assert main.main(["--export", str(out), "--view", "sweep", "--sweep", "gain=0.5:2:5",
                      "--stats", str(csv), "--set", "widths=8x4", "--lang", "en"]) == 0
    gains = sorted({float(line.split(",")[0]) for line in csv.read_text().splitlines()[1:]})
    assert gains == pytest.approx([0.5, 2 ** -0.5, 1, 2 ** 0.5, 2])
    _, _, text = read_pdf(out)
    assert "Monte Carlo at all 5 gains" in text
    alone = tmp_path / "alone.pdf"
    assert main.main(["--export", str(alone), "--view", "sweep", "--sweep", "gain=0.5:2:3",
                      "--set", "widths=8x4", "--lang", "en"]) == 0
    assert "Monte Carlo at all 3 gains" in read_pdf(alone)[2]
    # the figure records its gains and view: given to --config, they are drawn again (a
    # practitioner's tour: the default 41 gains were), and written beside it
    from engine.config_files import file_settings

    recorded = {"sweep": {"from": 0.5, "to": 2.0, "values": 3, "show": "mc"}}
    assert file_settings(alone)[1] == recorded
    again, numbers = tmp_path / "again.png", tmp_path / "again.csv"
    assert main.main(["--config", str(alone), "--export", str(again), "--view", "sweep",
                      "--stats", str(numbers)]) == 0
    assert file_settings(again) == (file_settings(alone)[0], recorded)
    assert len({line.split(",")[0] for line in numbers.read_text().splitlines()[1:]}) == 3
    # a recorded sweep the tab cannot read is refused by name
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"config": {"depth": 2}, "sweep": {"from": "x", "to": 2}}))
    assert main.main(["--config", str(bad), "--export", str(again), "--view", "sweep"]) == 2


def test_a_gain_sweeps_json_has_the_critical_gain_the_tab_marks(tmp_path):
    """A researcher's tour: the Sweep tab marks "critical gain 1.18"; its JSON did not say it."""
    from engine import SimConfig
    from engine.critical_gain import critical_gain

    out = tmp_path / "sweep.json"
    assert main.main(["--sweep", "gain=0.5:2:3", "--samples", "8", "--set", "widths=8x4",
                      "--set", "activation=relu", "--set", "init=he", "--stats", str(out)]) == 0
    assert json.loads(out.read_text())["sweep"]["critical_gain"] == pytest.approx(1.0)
    assert main.main(["--sweep", "gain=0.5:2:3", "--samples", "8", "--set", "widths=8x4",
                      "--stats", str(out)]) == 0
    expected = critical_gain(SimConfig.from_dict({"widths": "8x4"}))
    assert json.loads(out.read_text())["sweep"]["critical_gain"] == pytest.approx(expected)
    assert main.main(["--sweep", "bias_std=0:1:3", "--samples", "8", "--set", "widths=8x4",
                      "--stats", str(out)]) == 0
    assert "critical_gain" not in json.loads(out.read_text())["sweep"]


def test_a_sweeps_values_are_written_as_they_read(tmp_path):
    """A tour: gain 1.9999999999999998 and bias std 0.30000000000000004 in the CSV broke
    grouping the rows by value."""
    out = tmp_path / "gain.csv"
    assert main.main(["--sweep", "gain=0.25:4:41", "--samples", "4", "--set", "depth=2",
                      "--set", "width=4", "--stats", str(out)]) == 0
    gains = {row.split(",")[0] for row in out.read_text().splitlines()[1:]}
    assert {"0.5", "1", "2", "4"} <= gains and len(gains) == 41
    out = tmp_path / "bias.json"
    assert main.main(["--sweep", "bias_std=0:0.5:6", "--samples", "4", "--set", "depth=2",
                      "--set", "width=4", "--stats", str(out)]) == 0
    assert json.loads(out.read_text())["sweep"]["values"] == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]


def test_the_summarys_depth_scales_are_those_of_the_hidden_layers(tmp_path):
    """A researcher's check: for widths 784, 256x49, 10 at σ_b² = 0.05 the summary gave
    χ₁* = 1.033, ξ_c = 34.2 (chaotic), from the last layer's map 256 → 10, σ_w² = 1.92; the
    48 hidden layers, σ_w² = 1 (the phase diagram's star), are ordered: χ₁* = 0.759,
    ξ_c = 3.63."""
    from engine import SimConfig
    from engine.phase import network_point

    out = tmp_path / "s.json"
    values = ["--set", "widths=784, 256x49, 10", "--set", "bias_std=0.2236068"]
    assert main.main([*values, "--set", "batch=8", "--stats", str(out)]) == 0
    scales = json.loads(out.read_text())["summary"]["depth_scales"]
    assert scales["chi1_star"] == pytest.approx(0.7590, abs=1e-4)
    assert scales["xi_c"] == pytest.approx(3.627, abs=1e-3)
    point = network_point(SimConfig.from_dict({"widths": "784, 256x49, 10",
                                               "bias_std": 0.2236068}))
    assert math.log10(scales["chi1_star"]) == pytest.approx(point.log10_chi1, abs=1e-9)
    assert scales["xi_c"] == pytest.approx(point.xi_c, rel=1e-9)


def test_stretch_export_fills_the_narrow_layers_column(tmp_path, qapp, capsys):
    """`--stretch` beside `--export`: each layer stretched to the heatmaps' height, as View ▸
    Stretch each layer does, so a 2-unit layer between 64-unit ones fills its column instead
    of two rows of it (the rest the maps' empty background)."""
    import numpy as np
    from PySide6.QtGui import QColor, QImage

    from gui import theme

    def empty_share(path):
        image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
        px = np.frombuffer(image.constBits(), dtype=np.uint8).copy().reshape(
            image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), 2::-1].astype(int)
        empty = QColor(theme.variance_empty())
        return (np.abs(px - [empty.red(), empty.green(), empty.blue()]).max(axis=-1) <= 2).mean()

    config = ["--set", "widths=64, 2, 64", "--set", "batch=32", "--lang", "en"]
    usual, stretched = tmp_path / "usual.png", tmp_path / "stretched.png"
    assert main.main(["--export", str(usual), *config]) == 0
    assert main.main(["--export", str(stretched), "--stretch", *config]) == 0
    # two maps' middle columns, 62 of 64 rows empty each, are a few % of the figure
    assert empty_share(usual) - empty_share(stretched) > 0.02
    for refused in (["--stats", str(tmp_path / "s.json")],
                    ["--export", str(tmp_path / "s.png"), "--view", "phase"]):
        assert main.main([*refused, "--stretch"]) == 2
        assert "error: stretch: applies only with --export of the network tab" \
            in capsys.readouterr().err


def test_lecture_sigmas_export_draws_sigmoid_and_its_fix_beside_tanh(tmp_path, qapp, capsys):
    """`--lecture-sigmas` beside `--export --view activation`: the tab's Compare box, so the
    lecture's sigmoid and 4·sigmoid(x) − 2 are drawn in their colours beside tanh."""
    import numpy as np
    from PySide6.QtGui import QColor, QImage

    from gui.activation_plots import LECTURE_STYLES

    def share_of(path, color):
        image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
        px = np.frombuffer(image.constBits(), dtype=np.uint8).copy().reshape(
            image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), 2::-1].astype(int)
        c = QColor(color)
        return (np.abs(px - [c.red(), c.green(), c.blue()]).max(axis=-1) <= 12).mean()

    config = ["--view", "activation", "--set", "activation=tanh", "--set", "batch=32",
              "--lang", "en"]
    usual, compared = tmp_path / "usual.png", tmp_path / "compared.png"
    assert main.main(["--export", str(usual), *config]) == 0
    assert main.main(["--export", str(compared), "--lecture-sigmas", *config]) == 0
    for name in ("sigmoid", "sigmoid_scaled"):
        color = LECTURE_STYLES[name][0]
        assert share_of(usual, color) < 1e-4 < share_of(compared, color)
    for refused in (["--stats", str(tmp_path / "s.json")],
                    ["--export", str(tmp_path / "s.png"), "--view", "network"]):
        assert main.main([*refused, "--lecture-sigmas"]) == 2
        assert "error: lecture-sigmas: applies only with --export or --stats of the activation" \
            in capsys.readouterr().err


def test_x_range_sets_the_activation_tabs_x(tmp_path, capsys):
    """`--x-range 8` with the activation tab's statistics: x over ±8, as its "x over"."""
    import json

    out = tmp_path / "a.json"
    base = ["--view", "activation", "--set", "activation=sigmoid", "--set", "batch=32",
            "--set", "depth=4", "--set", "width=16"]
    assert main.main(["--stats", str(out), *base]) == 0
    own = json.loads(out.read_text())
    assert main.main(["--stats", str(out), "--x-range", "8", *base]) == 0
    chosen = json.loads(out.read_text())
    assert own["half_width"] < 8 and chosen["half_width"] == 8
    assert chosen["x"][0] == -8 and chosen["x"][-1] == 8
    assert main.main(["--stats", str(out), "--x-range", "8", *base[2:]]) == 2
    assert "error: x-range: applies only with --export or --stats of the activation tab" in \
        capsys.readouterr().err


_SLIDE_CONFIG = ["--set", "batch=32", "--set", "depth=10", "--lang", "en"]


@pytest.mark.parametrize("view", ["network", "weights"])
def test_slide_export_is_laid_out_at_16_9(tmp_path, qapp, view):
    """`--slide`: the tab laid out at 16:9 for a slide (a teacher's tour: an export took the
    window's size and aspect), a PNG of 1920 × 1080 or a PDF page of 960 × 540 pt."""
    from PySide6.QtGui import QImage

    out = tmp_path / f"{view}.png"
    assert main.main(["--export", str(out), "--view", view, "--slide", *_SLIDE_CONFIG]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_slide_draws_a_readout_of_many_lines_whole(tmp_path, qapp, language):
    """A teacher's tour: sigmoid's slide was 1920 × 1123, its readout's lines pushing it."""
    from PySide6.QtGui import QImage

    out = tmp_path / f"sigmoid_{language}.png"
    assert main.main(["--export", str(out), "--slide", "--set", "activation=sigmoid",
                      *_SLIDE_CONFIG[:-2], "--lang", language]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)


def test_a_slide_of_the_phase_diagram_keeps_a_white_border(tmp_path, qapp):
    """A tour: the phase diagram's caption had run to 7 px of the slide's edge."""
    import numpy as np
    from PySide6.QtGui import QImage

    out = tmp_path / "phase.png"
    assert main.main(["--export", str(out), "--view", "phase", "--slide", *_SLIDE_CONFIG]) == 0
    image = QImage(str(out)).convertToFormat(QImage.Format_RGB32)
    px = np.frombuffer(image.constBits(), np.uint8).reshape(1080, -1, 4)[:, :1920, :3]
    dark = (px < 200).any(axis=2)
    ink, rows = np.flatnonzero(dark.any(axis=0)), np.flatnonzero(dark.any(axis=1))
    assert ink[0] >= 16 and ink[-1] <= 1920 - 16 and rows[0] >= 16 and rows[-1] <= 1080 - 16


def test_a_slide_as_pdf_is_a_page_of_960_by_540_points(tmp_path, qapp):
    from plot_probe import read_pdf

    out = tmp_path / "network.pdf"
    assert main.main(["--export", str(out), "--slide", "--set", "activation=sigmoid",
                      *_SLIDE_CONFIG]) == 0
    page, _, text = read_pdf(out, scale=4 / 3)
    assert page[0] == pytest.approx(960, abs=1) and page[1] == pytest.approx(540, abs=1)
    assert "Variance profile" in text


def test_lines_export_draws_the_sweeps_line_view(tmp_path, qapp):
    """A researcher's tour: the Sweep tab's line view (the output's signal and the input's
    gradient against the gain) could be exported from the window only; `--lines` draws it."""
    import numpy as np
    from PySide6.QtGui import QImage

    def white_share(path):
        image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
        px = np.frombuffer(image.constBits(), dtype=np.uint8).copy().reshape(
            image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3]
        return (px.min(axis=-1) >= 250).mean()

    config = ["--view", "sweep", "--sweep", "gain=0.5:2:9", "--set", "depth=6",
              "--set", "width=16", "--lang", "en"]
    maps, lines = tmp_path / "maps.png", tmp_path / "lines.png"
    assert main.main(["--export", str(maps), *config]) == 0
    assert main.main(["--export", str(lines), "--lines", *config]) == 0
    assert white_share(maps) < 0.6 < white_share(lines)   # maps fill their plots; lines do not


@pytest.mark.parametrize("args", [["--help"], ["--code", "torch"]])
def test_help_and_code_survive_a_stdout_that_cannot_write_greek(args):
    """A tour: on Windows, `--code torch > model.py` (stdout in cp1252) and `--help` stopped
    with UnicodeEncodeError at γ and …; such characters come out as \\u escapes."""
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          timeout=60, env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert done.stdout and b"Traceback" not in done.stderr
    if "--code" in args:   # the file runs: Python reads it as UTF-8 (cp1252 had written … and
        source = done.stdout.decode("utf-8")   # ² as bytes 0x85 and 0xB2: an audit)
        compile(source, "model.py", "exec")
        assert source.isascii() and "\\u03b3_1" in source


def test_a_bad_value_in_a_config_file_names_the_file(tmp_path, capsys):
    """A CLI tour: "error: depth: must be between 1 and 10000, got 0" read as a --set's; a
    key twice in the file names it once."""
    bad = tmp_path / "c3.json"
    bad.write_text('{"depth": 0}')
    assert main.main(["--config", str(bad), "--set", "gain=2"]) == 2
    assert capsys.readouterr().err == ("error: depth: must be between 1 and 10000, got 0 "
                                       f"(in {quoted_path(bad)})\n")
    bad.write_text('{"depth": 3, "depth": 4}')
    assert main.main(["--config", str(bad)]) == 2
    assert capsys.readouterr().err == f"error: depth: is given twice in {quoted_path(bad)}\n"


@pytest.mark.parametrize("given, said", [
    ("dept=3", "error: dept: unknown key; did you mean depth? The keys are depth, width"),
    ("Depth=3", "error: Depth: unknown key; did you mean depth?"),
    ("activation=ReLU", "error: activation: unknown name 'ReLU'; did you mean relu? Choose one "
                        "of identity, linear"),
    ("init=He", "error: init: unknown name 'He'; did you mean he?"),
    ("mode=fan_inn", "error: mode: unknown name 'fan_inn'; did you mean fan_in?"),
    ("activation=xyz", "error: activation: unknown name 'xyz'; choose one of identity"),
    ("colour=3", "error: colour: unknown key; the keys are depth"),
])
def test_a_mistyped_key_or_name_gets_a_guess(capsys, given, said):
    """A CLI tour: dept, ReLU, He, fan_inn listed every choice, and guessed none."""
    assert main.main(["--set", given, "--stats", "a.json"]) == 2
    assert capsys.readouterr().err.startswith(said)


def test_a_mistyped_view_gets_a_guess_and_an_empty_one_no_misleading_hint(capsys):
    """A CLI tour and a review: --view phasee listed the views only; --view "" with --stats
    got "(a sweep's statistics: --sweep)"."""
    assert main.main(["--stats", "v.csv", "--view", "phasee"]) == 2
    assert capsys.readouterr().err.endswith("got 'phasee' (did you mean phase?)\n")
    assert main.main(["--export", "v.png", "--view", "Sweep"]) == 2
    assert capsys.readouterr().err.endswith("got 'Sweep' (did you mean sweep?)\n")
    assert main.main(["--stats", "v.csv", "--view", ""]) == 2
    assert capsys.readouterr().err.endswith("got ''\n")


def test_lang_takes_the_codes_a_locale_names_chinese_by(tmp_path, capsys, qapp):
    """A CLI tour: --lang zh-CN, zh_cn and zh were refused ("must be one of en, zh_CN")."""
    for code in ("zh-CN", "zh_cn", "zh"):
        assert main.main(["--lang", code, "--code", "torch"]) == 2   # (parsed, then refused
        assert "applies only to the window and --export" in capsys.readouterr().err  # there)
    assert main.main(["--lang", "fr", "--code", "torch"]) == 2
    assert "must be one of en, zh_CN, got 'fr'" in capsys.readouterr().err


def test_stats_alone_of_the_training_view_points_to_train(capsys):
    assert main.main(["--stats", "v.csv", "--view", "training"]) == 2
    assert capsys.readouterr().err.endswith("(a training's history: --train --stats)\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_an_output_that_is_a_pipe_or_a_device_is_refused_not_replaced(tmp_path, capsys):
    """A CLI tour: --stats pipe.csv replaced the pipe by a file (its reader left waiting), and
    --stats null.json, a link to /dev/null, replaced the device itself (as root)."""
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    link = tmp_path / "null.json"
    link.symlink_to(os.devnull)
    for out in (pipe, link):
        assert main.main(["--set", "depth=2", "--set", "width=4", "--stats", str(out)]) == 2
        assert capsys.readouterr().err == (f"error: stats: {quoted_path(out)} is not a "
                                           "regular file\n")
    assert stat.S_ISFIFO(pipe.stat().st_mode) and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    # a link into a folder that is not there names the link too (a review: the message named
    # only the folder, one the user never typed)
    broken = tmp_path / "broken.csv"
    broken.symlink_to(tmp_path / "nowhere" / "x.csv")
    assert main.main(["--set", "depth=2", "--set", "width=4", "--stats", str(broken)]) == 2
    assert capsys.readouterr().err == (
        f"error: stats: {quoted_path(broken)} links to "
        f"{quoted_path(tmp_path / 'nowhere' / 'x.csv')}, whose folder does not exist\n")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_printing_to_a_full_disk_is_one_line_not_a_traceback(tmp_path):
    """A CLI tour: `--code torch > /dev/full` ended in a traceback, status 1, and `--help`
    in status 0; a training's summary printed there kept its file from being written."""
    history = tmp_path / "h.csv"
    for args in (["--code", "torch"], ["--help"],
                 ["--train", "--set", "depth=2", "--set", "width=4", "--set", "steps=5",
                  "--stats", str(history)]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, str(ROOT / "main.py"), *args], stdout=full,
                                  stderr=subprocess.PIPE, text=True, timeout=120)
        assert done.returncode == 2, (args, done.stderr)
        assert done.stderr == "error: output: No space left on device\n", args
    assert history.read_text().startswith("run,step,layer,")


def test_an_empty_output_name_is_refused_not_read_as_no_option(capsys):
    """A tour: `--stats ""` and `--export ""` opened the window (an empty name read as none)."""
    for option in ("--stats", "--export"):
        assert main.main([option, ""]) == 2
        assert capsys.readouterr().err.startswith(f"error: {option[2:]}: give a file name")


def test_stats_through_a_link_a_read_only_file_and_a_kept_mode(tmp_path, capsys, monkeypatch):
    """An audit: `--stats figs/fig1.csv`, a link to the paper's ../paper/fig1.csv, replaced
    the link by a plain file (the paper's copy stayed old); a read-only file was replaced,
    its mode reset; and a folder that refused the file was found only after the run."""
    import stat

    from engine import analysis_stats

    paper, figs = tmp_path / "paper", tmp_path / "figs"
    paper.mkdir()
    figs.mkdir()
    (paper / "fig1.csv").write_text("old")
    (figs / "fig1.csv").symlink_to("../paper/fig1.csv")
    small = ["--set", "depth=3", "--set", "width=8", "--set", "batch=16"]
    assert main.main(["--stats", str(figs / "fig1.csv"), *small]) == 0
    assert (figs / "fig1.csv").is_symlink()
    assert (paper / "fig1.csv").read_text().startswith("layer,")
    (paper / "fig1.csv").chmod(0o600)                   # a mode of its owner's: kept
    assert main.main(["--stats", str(figs / "fig1.csv"), *small]) == 0
    assert stat.S_IMODE((paper / "fig1.csv").stat().st_mode) == 0o600
    (paper / "fig1.csv").chmod(0o444)
    ran = []
    monkeypatch.setattr(analysis_stats, "command_stats_text", lambda *a, **k: ran.append(a))
    assert main.main(["--stats", str(paper / "fig1.csv"), *small]) == 2
    assert "fig1.csv' is read-only" in capsys.readouterr().err
    assert ran == [] and (paper / "fig1.csv").read_text().startswith("layer,")
    assert stat.S_IMODE((paper / "fig1.csv").stat().st_mode) == 0o444
    assert sorted(p.name for p in paper.iterdir()) == ["fig1.csv"]   # nothing left behind


def test_a_pdf_is_titled_and_searchable_in_the_language_of_its_words(tmp_path, qapp):
    """An audit: `--export x.pdf --lang zh_CN` was titled "InitLab — network" in its
    properties; the window titles its exports by the tab's name in its language."""
    import re

    out = tmp_path / "net.pdf"
    assert main.main(["--export", str(out), "--lang", "zh_CN", "--set", "depth=3",
                      "--set", "width=8", "--set", "batch=16"]) == 0
    title = re.search(rb"/Title \((.*?)\)\n", out.read_bytes(), re.S).group(1)
    assert title.decode("utf-16") == "InitLab — 网络"
    # its words read as written: Qt's text layer had 方 as the Kangxi radical ⽅ (U+2F45),
    # and a search for 方差 ("variance") found nothing (an audit)
    from plot_probe import read_pdf

    _, _, text = read_pdf(out)
    assert "方差" in text and not any(0x2E80 <= ord(c) <= 0x2FDF for c in text)


def _objects_where_the_table_says(data: bytes) -> bool:
    """Each object of the PDF's cross-reference table starts at the offset the table gives,
    and `startxref` points at the table."""
    import re

    xref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    assert data[xref:xref + 4] == b"xref"
    first, count = map(int, re.match(rb"xref\s+(\d+) (\d+)", data[xref:]).groups())
    entries = re.findall(rb"(\d{10}) \d{5} ([nf])", data[xref:])[:count]
    return all(data[int(at):].startswith(b"%d 0 obj" % (first + k))
               for k, (at, kind) in enumerate(entries) if kind == b"n")


def test_an_english_pdf_reads_its_ligatures_as_letters(tmp_path, qapp):
    """An audit: the text layer of an English PDF had "proﬁle" and "ﬁrst" (the ligatures
    U+FB01 and U+FB02 its fonts drew) in poppler's pdftotext, and a search for "profile" in
    its readers found nothing (QtPdf's reader splits them itself). Their letters are longer
    in the fonts' maps than the ligature: the file's offsets move too."""
    import re

    from plot_probe import read_pdf

    out = tmp_path / "net.pdf"
    assert main.main(["--export", str(out), "--set", "depth=3", "--set", "width=8",
                      "--set", "batch=16"]) == 0
    data = out.read_bytes()
    maps = b"".join(re.findall(rb"begincmap.*?endcmap", data, re.S))
    assert b"<00660069>" in maps and b"<0066006C>" in maps   # fi, fl: as letters
    assert not re.search(rb"<FB0[0-6]>", maps, re.I)
    assert _objects_where_the_table_says(data)
    _, pixels, text = read_pdf(out)   # (a reader still opens it, its page draws, its text
    assert "Variance profile" in text and (pixels < 128).any()   # reads as before)


def test_a_pdf_laid_out_otherwise_keeps_its_offsets():
    """Where the cross-reference table is not where Qt writes it, no offset can be moved: a
    map whose letters would lengthen it (ﬁ) stays as it is, with its /Length; one that keeps
    its length (a radical read as its ideograph, ⽅ as 方) still changes (a review)."""
    from gui.figure_files import searchable

    def stream(*codes: bytes) -> bytes:
        body = b"begincmap\n1 beginbfchar\n" + b"".join(
            b"<%04X> <%s>\n" % (i, code) for i, code in enumerate(codes)) + b"endcmap"
        return b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream\n"

    longer, same = stream(b"2F45", b"FB01"), stream(b"2F45", b"0041")
    assert searchable(longer + same) == longer + same.replace(b"<2F45>", b"<65B9>")


def test_an_exported_figure_opens_as_the_settings_it_shows(tmp_path, qapp):
    """A researcher's tour: `--config network.png` was "not a text file". A PNG's and a PDF's
    embedded settings open as the config (their statistics are the run's own)."""
    wanted = ["--set", "activation=relu", "--set", "init=he", "--set", "widths=8, 6, 4",
              "--set", "seed=3"]
    assert main.main(["--stats", str(tmp_path / "run.json"), *wanted]) == 0
    for name in ("figure.png", "figure.pdf"):
        figure = tmp_path / name
        assert main.main(["--export", str(figure), "--lang", "en", *wanted]) == 0
        out = tmp_path / f"{name}.json"
        assert main.main(["--config", str(figure), "--stats", str(out)]) == 0
        assert out.read_bytes() == (tmp_path / "run.json").read_bytes(), name


def test_a_python_without_the_packages_says_how_to_install_them():
    """A README tour: Debian's python3 ran `python3 main.py --help` into a traceback ending in
    "No module named 'numpy'". One line says what is missing and how to install it."""
    root = Path(main.__file__).resolve().parent
    code = ("import runpy, sys; sys.modules['numpy'] = None; sys.argv = ['main.py', '--help']; "
            "runpy.run_path('main.py', run_name='__main__')")   # (numpy looked for: not found)
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-500:]
    assert done.stderr.startswith("error: numpy not installed for this Python (")
    assert ".venv/bin/python -m pip install -e ." in done.stderr and done.stderr.count("\n") == 1
