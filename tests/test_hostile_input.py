"""Hostile input on the command line and in config files: one line `error: KEY: reason`, exit
status 2, nothing written — never a traceback, a hang or a half-written file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import main
from engine import ConfigError, SimConfig
from engine.config_fields import parse_widths
from engine.config_files import MAX_CONFIG_BYTES, loads_config, parse_assignment, read_config_file
from engine.output_files import write_text_atomically

ROOT = Path(__file__).resolve().parents[1]
HUGE = "9" * 5000


def _cli(capsys, *args) -> tuple[int, str]:
    code = main.main(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("assignment, key", [
    (f"widths={HUGE},3", "widths"),
    (f"widths=2x{HUGE}", "widths"),
    ("gain=1" + "0" * 400, "gain"),
    ("alpha=1" + "0" * 400, "alpha"),
    ("beta=-1" + "0" * 400, "beta"),
    ("negative_slope=1" + "0" * 400, "negative_slope"),
    ("variance=1" + "0" * 400, "variance"),
    ("bias_std=1" + "0" * 400, "bias_std"),
    ("seed=1" + "0" * 5000, "seed"),
    ("gain=" + "[" * 100_000, "gain"),
    ("widths=١٢,3", "widths"),          # Arabic-Indic digits
    ("widths=¹²,3", "widths"),            # superscript digits (full-width ones are taken)
    ("seed=١٢", "seed"),
    ("=3", "set"),
])
def test_bad_assignments_are_one_line_errors(capsys, tmp_path, assignment, key):
    out = tmp_path / "s.json"
    code, err = _cli(capsys, "--set", assignment, "--stats", str(out))
    lines = err.strip().split("\n")
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"error: {key}: "), err[:300]
    assert len(lines[0]) < 400     # the value is quoted, not echoed whole
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text, key, reason", [
    ('{"seed": 1' + "0" * 5000 + "}", "config", "too long"),
    ("[" * 100_000, "config", "nested too deeply"),
    ('{"depth": 3, "depth": 4}', "depth", "given twice"),
    ('{"": 1}', '""', "unknown key"),
    ('{"activation": "' + "x" * 100_000 + '"}', "activation", "unknown name"),
])
def test_bad_config_files_are_one_line_errors(capsys, tmp_path, text, key, reason):
    cfg = tmp_path / "net.json"
    cfg.write_text(text)
    code, err = _cli(capsys, "--config", str(cfg), "--stats", str(tmp_path / "s.json"))
    lines = err.strip().split("\n")
    assert code == 2 and len(lines) == 1 and lines[0].startswith(f"error: {key}: "), err[:300]
    assert reason in lines[0] and len(lines[0]) < 400
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.json"]


def test_an_unknown_key_lists_the_valid_ones():
    with pytest.raises(ConfigError) as info:
        SimConfig.from_dict({"colour": 3})
    assert info.value.key == "colour" and "activation" in info.value.reason


def test_a_byte_order_mark_is_valid_json(tmp_path):
    cfg = tmp_path / "bom.json"
    cfg.write_bytes(b"\xef\xbb\xbf" + json.dumps({"depth": 3}).encode())
    assert SimConfig.from_dict(read_config_file(cfg)).depth == 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code = f"import main, sys; sys.exit(main.main(['--config', {str(fifo)!r}, '--stats', 'x.json']))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 2 and "not a regular file" in proc.stderr


def test_a_huge_file_is_refused_having_read_only_its_head(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as stream:   # sparse: no disk is used
        stream.truncate(64 * MAX_CONFIG_BYTES)
    with pytest.raises(ConfigError, match="at most"):
        read_config_file(big)


def test_a_statistics_file_larger_than_a_config_file_opens_by_its_leading_config(tmp_path):
    """A tour: a training's history at the defaults is 3.8 MB, and `--config` refused it
    (1 MB at most) though the README says it opens. Its "config" comes first: read from the
    file's head alone. A large file whose "config" does not open it is still refused."""
    import json

    from engine import SimConfig

    config = SimConfig.from_dict({"depth": 3, "width": 8, "lr": 0.003}).to_dict()
    history = ["x" * 100] * (2 * MAX_CONFIG_BYTES // 100)
    stats = tmp_path / "training.json"
    stats.write_text(json.dumps({"config": config, "history": history}, indent=1))
    assert stats.stat().st_size > MAX_CONFIG_BYTES
    assert SimConfig.from_dict(read_config_file(stats)) == SimConfig.from_dict(config)
    # a training's comparison right after it is read from the head too (a review)
    from engine.config_files import file_settings

    stats.write_text(json.dumps({"config": config, "compare": "inits", "history": history}))
    assert file_settings(stats) == (SimConfig.from_dict(config), {"compare": "inits"})
    stats.write_text(json.dumps({"history": history, "config": config}))
    with pytest.raises(ConfigError, match="must open with its"):
        read_config_file(stats)
    stats.write_text('{"config": {"depth": 3, "depth": 4}, "history": "' + "x" * MAX_CONFIG_BYTES
                     + '"}')
    with pytest.raises(ConfigError, match="given twice"):
        read_config_file(stats)
    stats.write_text(json.dumps({"sweep": {"key": "gain", "values": [1, 2]},
                                 "runs": history}))   # (a review: the size message)
    with pytest.raises(ConfigError, match="holds a sweep's statistics, one config per value "
                                          "of 'gain'"):
        read_config_file(stats)


def test_a_figure_of_the_training_tab_records_its_comparison_beside_its_config(tmp_path):
    """A tour: a figure of the four inits opened as one network. Its config is held as a
    statistics file holds it, with "compare" beside it; a value that is not a comparison is
    refused naming the file, and a plain config has none."""
    from engine.config_files import file_settings

    path = tmp_path / "figure.json"
    path.write_text(json.dumps({"config": {"depth": 3}, "compare": "inits"}))
    assert file_settings(path) == (SimConfig.from_dict({"depth": 3}), {"compare": "inits"})
    path.write_text(json.dumps({"depth": 3}))
    assert file_settings(path) == (SimConfig.from_dict({"depth": 3}), {})
    path.write_text(json.dumps({"config": {"depth": 3}, "compare": "all"}))
    with pytest.raises(ConfigError, match=r"must be one of single, inits, got 'all' \(in '"):
        file_settings(path)


def test_only_ascii_digits_are_widths():
    """And the full-width ones a Chinese input method types (a student's tour)."""
    assert parse_widths("12, 3x2") == parse_widths("１２, ３x２") == (12, 3, 3)
    for text in ("١٢, 3", "¹², 3", "12, 3x٣", "12, 3x²"):
        with pytest.raises(ConfigError):
            parse_widths(text)


@settings(max_examples=60, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_no_text_crashes_the_config_reader(text):
    """Any text as a config file or as a --set value: data or a ConfigError, nothing else."""
    try:
        data = loads_config(text)
        if isinstance(data, dict):
            SimConfig.from_dict(data)
    except ConfigError:
        pass
    try:
        SimConfig.from_dict({"widths": text})
    except ConfigError:
        pass


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("good")

    def full_disk(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(ConfigError, match="No space left"):
        write_text_atomically(target, "new", "stats")
    monkeypatch.undo()
    assert target.read_text() == "good" and [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_link_at_a_temporary_name_is_never_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    for name in (".out.json.part", ".initlab-out.json.part"):
        (tmp_path / name).symlink_to(victim)
    write_text_atomically(tmp_path / "out.json", "data", "stats")
    assert victim.read_text() == "keep me" and (tmp_path / "out.json").read_text() == "data"


def test_a_long_file_name_can_be_written(tmp_path):
    target = tmp_path / ("a" * 250 + ".json")
    write_text_atomically(target, "{}", "stats")
    assert target.read_text() == "{}"


def test_outputs_of_one_command_are_written_all_or_none(capsys, tmp_path, monkeypatch):
    """--stats A.json --export B.png: when the PNG cannot be written, A.json is not either."""
    import gui.files

    def broken_png(figure, path, scale, title, config, beside=None):
        raise ConfigError("export", "cannot write B.png: No space left on device")

    monkeypatch.setattr(gui.files, "stage_figure", broken_png)
    stats = tmp_path / "A.json"
    code, err = _cli(capsys, "--set", "depth=3", "--set", "width=8", "--stats", str(stats),
                     "--export", str(tmp_path / "B.png"))
    assert code == 2 and err.startswith("error: export: ") and list(tmp_path.iterdir()) == []


def test_written_files_have_the_usual_permissions(tmp_path):
    target = tmp_path / "out.json"
    write_text_atomically(target, "{}", "stats")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_theory_only_result_holds_memory_for_what_it_holds():
    """Issue: {"widths": "16384, 1x2047", "batch": 16} added 513 MiB to the window at every gain
    change (unused NaN per-unit arrays in each cached theory-only result)."""
    import tracemalloc

    from gui.results import theory_of

    config = SimConfig.from_dict({"widths": "16384, 1x2047", "batch": 16})
    tracemalloc.start()
    try:
        kept = [theory_of(config.with_values(gain=g)) for g in (1.0, 1.1)]
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(kept) == 2 and held < 20 * 2**20     # about 1 MiB each, not 513 MiB


def test_the_phase_diagram_statistics_open_as_the_config_they_record(tmp_path):
    """A tour: its "activation" beside "config" made it "not a statistics file"."""
    from engine.analysis_stats import phase_text
    from engine.phase import phase_diagram

    config = SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 4, "width": 8})
    stats = tmp_path / "phase.json"
    stats.write_text(phase_text(config, phase_diagram(config, size=5), ".json"))
    assert SimConfig.from_dict(read_config_file(stats)) == config
    # a key naming a setting beside "config" may only repeat it
    data = json.loads(stats.read_text())
    data["activation"] = "tanh"
    stats.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match='has a key "config" but is not a statistics file'):
        read_config_file(stats)


def test_a_sweep_statistics_file_is_refused_naming_what_it_holds(tmp_path):
    """A tour: it said "sweep: unknown key"; it holds one config per value."""
    from engine.sweep import sweep

    base = SimConfig.from_dict({"depth": 3, "width": 4, "batch": 8})
    stats = tmp_path / "sweep.json"
    stats.write_text(json.dumps(sweep(base, "gain", [1.0, 2.0], samples=8).to_dict()))
    with pytest.raises(ConfigError, match="sweep.json' holds a sweep's statistics, one config "
                                          "per value of 'gain'") as info:
        read_config_file(stats)
    assert info.value.key == "config"


def test_messages_say_json_kinds_and_digits_exactly(tmp_path):
    """A tour: "must hold a JSON object, not list" (or NoneType), "Invalid control character
    at at line 1", and 400 nines as gain read "must be a finite number, got a whole number of
    401+ digits"."""
    from engine import SimConfig
    from engine.shown import show_value

    for text, kind in (("[1, 2]", "an array"), ("null", "null"), ('"x"', "a string")):
        (tmp_path / "c.json").write_text(text)
        with pytest.raises(ConfigError, match=f"not {kind}$"):
            read_config_file(tmp_path / "c.json")
    (tmp_path / "c.json").write_text('{"a": "x\x01"}')
    with pytest.raises(ConfigError) as caught:
        read_config_file(tmp_path / "c.json")
    assert "character at line 1" in caught.value.reason and " at at " not in caught.value.reason
    assert show_value(10**400 - 1) == "a whole number of 400 digits"
    assert show_value(-10**400) == "a negative whole number of 401 digits"
    with pytest.raises(ConfigError, match=r"must be ≤ 1e6, got a whole number of 400 digits"):
        SimConfig.from_dict({"gain": 10**400 - 1})


@pytest.mark.parametrize("args, said", [
    (["--set", "gain=1e400"], "gain: must be ≤ 1e6, got 1e400"),
    (["--set", "gain=-1.5E+400"], "gain: must be ≥ 1e-6, got -1.5E+400"),
    (["--sweep", "gain=1:1e400:3"], "sweep: STOP must be a finite number, got 1e400"),
    (["--set", "depth=1e400"], "depth: must be a whole number, got 1e400"),
    # below float's least, not "got 0" (a review)
    (["--set", "gain=1e-400"], "gain: must be ≥ 1e-6, got 1e-400"),
    (["--set", "depth=1e-400"], "depth: must be a whole number, got 1e-400"),
    (["--sweep", "depth=1e-400:3:3"], "sweep: depth is a whole number: START and STOP must be "
                                      "whole numbers, got '1e-400:3:3'"),
    (["--set", "widths=[784, 1e-400, 10]"], "widths: entry 2 must be a whole number, got 1e-400"),
    # one width: as the text "784" says it (it had read "must be a list … got 784")
    (["--set", "widths=784"], "widths: needs at least two widths: the input n_0 and one layer "
                              "n_1"),
    # where 0 is in range it is not what was typed (a GUI tour: α "1e-400" became 0, unsaid)
    (["--set", "bias_std=1e-400"], "bias_std: is closer to 0 than the smallest positive float "
                                   "(about 5e-324): give 0 for zero, got 1e-400"),
    (["--set", "activation=linear", "--set", "alpha=-1e-400"],
     "alpha: is closer to 0 than the smallest positive float (about 5e-324): give 0 for "
     "zero, got -1e-400"),
])
def test_a_number_beyond_floats_range_is_quoted_as_written(args, said, tmp_path, capsys):
    """A tour: `--set gain=1e400` answered "must be a finite number, got inf", a value the
    user never typed; as a whole number of 400 digits, it is beyond the field's bounds."""
    assert main.main([*args, "--stats", str(tmp_path / "o.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {said}"
    (tmp_path / "c.json").write_text('{"gain": 1e400}')
    with pytest.raises(ConfigError, match=r"^gain: must be ≤ 1e6, got 1e400$"):
        SimConfig.from_dict(read_config_file(tmp_path / "c.json"))
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize("args, said", [
    (["--set", "steps=10.000", "--train"], "steps: must be a whole number in plain digits: "
                                           "10000 or 10, not 10.000"),
    (["--set", "width=1.000"], "width: must be a whole number in plain digits: 1000 or 1, not "
                               "1.000"),
    (["--set", "widths=[784, 1.000, 10]"], "widths: entry 2 must be a whole number in plain "
                                           "digits: 1000 or 1, not 1.000"),
    # typed as text, as the window's field takes it (a tour: "cannot read '10.000'"); only
    # the readings a width may be (a review: "10.500" offered 10.5, "-1.000" −1)
    (["--set", "widths=784, 10.000, 10"], "widths: entry 2 must be a whole number in plain "
                                          "digits: 10000 or 10, not 10.000"),
    (["--set", "widths=784, 10.500, 10"], "widths: entry 2 must be a whole number in plain "
                                          "digits: 10500, not 10.500"),
    (["--set", "widths=784, -1.000, 10"], "widths: entry 2 must be at least 1, got -1.000"),
    (["--set", "widths=[784, 20.000, 10]"], "widths: entry 2 must be a whole number in plain "
                                            "digits: 20, not 20.000"),
    (["--sweep", "width=1.000:4.000:3"], "sweep: width is a whole number: write START and STOP "
                                          "in plain digits (1000 or 1, not 1.000)"),
    # more than one point: no decimal reading (a review: "must be a number, got '1.000.000'")
    (["--set", "steps=1.000.000", "--train"], "steps: must be a whole number in plain digits: "
                                              "1000000, not 1.000.000"),
    (["--set", "gain=1.000.000"], "gain: must be a number in plain digits: 1000000, not "
                                  "1.000.000"),
    (["--sweep", "gain=1.000.000:2:3"], "sweep: write START and STOP in plain digits (1000000, "
                                        "not 1.000.000)"),
    # neither reading in the field's range: the range; one: that one (a review)
    (["--set", "width=1.000.000"], "width: must be between 1 and 16384, got 1.000.000"),
    (["--set", "width=20.000"], "width: must be a whole number in plain digits: 20, not 20.000"),
])
def test_digits_grouped_by_points_are_refused_where_a_whole_number_is_meant(args, said,
                                                                           tmp_path, capsys):
    """A locale tour: a German "10.000" steps (ten thousand) trained 10 steps, and "1.000"
    width made a network of width 1, unsaid; where a decimal is meant, 1.000 is 1."""
    assert main.main([*args, "--stats", str(tmp_path / "o.csv")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {said}"
    assert SimConfig.from_dict({"gain": loads_config("1.000"), "depth": 2.0}).gain == 1.0
    # text that looks grouped stays text where text is meant (a review: a folder's name)
    assert parse_assignment("data_dir=1.000.000") == ("data_dir", "1.000.000")


def _png(*chunks: tuple[bytes, bytes]) -> bytes:
    """A PNG's signature and `chunks` (kind, body) with their lengths and CRCs."""
    import struct
    import zlib

    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))
    return out


def test_an_exported_figures_settings_open_as_its_config(tmp_path):
    """A researcher's tour: File ▸ Open and --config called an exported PNG "not a text
    file", though it holds the settings it shows (a slide's figure may be all that is left of
    a run). A PNG's Description (tEXt, zTXt or iTXt) and a PDF's XMP description open; a
    PNG or PDF without them is refused naming what it lacks."""
    import zlib

    config = SimConfig.from_dict({"activation": "relu", "init": "he", "widths": "8, 6, 4"})
    text = json.dumps(config.to_dict()).encode()
    header = (b"IHDR", b"\0\0\0\1\0\0\0\1\x08\x02\0\0\0")
    for chunk in ((b"tEXt", b"Description\0" + text),
                  (b"zTXt", b"Description\0\0" + zlib.compress(text)),
                  (b"iTXt", b"Description\0\1\0\0\0" + zlib.compress(text))):
        path = tmp_path / "figure.png"
        path.write_bytes(_png(header, (b"tEXt", b"Software\0InitLab"), chunk, (b"IDAT", b"")))
        assert SimConfig.from_dict(read_config_file(path)) == config, chunk[0]
    escaped = text.decode().replace('"', "&quot;").encode()
    pdf = tmp_path / "figure.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Metadata >>\nstream\n<x:xmpmeta><rdf:RDF>"
                    b"<rdf:Description><dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">"
                    + escaped + b"</rdf:li></rdf:Alt></dc:description></rdf:Description>"
                    b"</rdf:RDF></x:xmpmeta>\nendstream\nendobj\n%%EOF\n")
    assert SimConfig.from_dict(read_config_file(pdf)) == config
    # a small file that unpacks to gigabytes is read no further than a config file's most
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png(header, (b"zTXt", b"Description\0\0" + zlib.compress(
        b"{" + b" " * (64 * MAX_CONFIG_BYTES), 9)), (b"IDAT", b"")))
    assert bomb.stat().st_size < MAX_CONFIG_BYTES
    with pytest.raises(ConfigError, match="bomb.png' hold more than 1,048,576 bytes"):
        read_config_file(bomb)
    # text as Windows' Notepad may save it, UTF-16 with its mark (a CLI tour: "not a text file")
    notepad = tmp_path / "notepad.json"
    notepad.write_bytes('{"depth": 3, "activation": "relu"}'.encode("utf-16"))
    assert read_config_file(notepad) == {"depth": 3, "activation": "relu"}
    # a value named as JSON writes it (a CLI tour: "got {'a': 1}", Python's form)
    notepad.write_bytes('{"depth": {"a": 1}}'.encode("utf-16"))
    with pytest.raises(ConfigError, match='must be a whole number, got {"a": 1}$'):
        SimConfig.from_dict(read_config_file(notepad))
    photo = tmp_path / "photo.png"
    photo.write_bytes(_png(header, (b"IDAT", b""), (b"IEND", b"")))
    with pytest.raises(ConfigError, match="photo.png' is a PNG without the settings InitLab "
                                          "writes into the figures it exports"):
        read_config_file(photo)
    # one cut short is said so (a CLI tour: a download cut at 300 bytes read as not ours)
    photo.write_bytes(photo.read_bytes()[:-12])
    with pytest.raises(ConfigError, match=r"photo.png' is a PNG cut short \(its end is missing"):
        read_config_file(photo)
