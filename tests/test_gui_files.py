"""Export PNG and PDF (the dashboard; each plot alone: test_gui_plot_menu.py), statistics, config save/open and bad
files."""

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from engine import SimConfig, simulate
from marking import marked


def _pixels(path):
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()  # before `image` goes
    return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), 2::-1]


@pytest.fixture
def dialogs(monkeypatch):
    """Record QMessageBox.warning calls instead of opening modal dialogs."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append((title, text)))
    return shown


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_export_png_has_the_requested_size_and_is_not_blank(tmp_path, window, scale):
    out = tmp_path / "dash.png"
    window.export_figure(out, scale)
    size = window.dashboard.size()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (round(size.width() * scale),
                                               round(size.height() * scale))
    px = _pixels(out)
    colours = np.unique(px[::7, ::7].reshape(-1, 3), axis=0)
    assert len(colours) > 100                         # plots, colour bars, text
    assert (px < 250).any(axis=2).mean() > 0.2        # far from a white page
    # the diverging colour map: both blue-ish and red-ish pixels on a stable tanh net
    assert ((px[..., 2] > px[..., 0] + 40)).any()
    handle = window.dashboard.splitter.handle(1)   # the grip above the readout: white
    top_left = handle.mapTo(window.dashboard, QPoint(0, 0)) * scale
    grip = px[top_left.y():top_left.y() + round(handle.height() * scale),
              top_left.x():top_left.x() + round(handle.width() * scale)]
    assert grip.size and (grip == 255).all()


def test_export_pdf_is_the_dashboard_in_vectors_at_its_size(tmp_path, window):
    """A researcher's figure for a paper: a one-page PDF the dashboard's size (a pixel is
    0.75 pt), its plots in their colours and its text as text (searchable, sharp at any
    zoom), the readout's verdict with it; the splitter's grip is white, as in the PNG."""
    from plot_probe import read_pdf

    out = tmp_path / "dash.pdf"
    window.export_figure(out)
    assert out.read_bytes().startswith(b"%PDF")
    size = window.dashboard.size()
    page, px, text = read_pdf(out, scale=4 / 3)   # back to the window's pixels
    # (the page in whole points)
    assert page == pytest.approx((0.75 * size.width(), 0.75 * size.height()), abs=0.5)
    assert px.shape[:2] == (size.height(), size.width())
    assert (px < 250).any(axis=2).mean() > 0.2           # far from a white page
    assert ((px[..., 2] > px[..., 0] + 40)).any()        # the heatmaps' blue
    for words in ("Variance profile", "layer t", "Verdict", "tanh · Xavier normal"):
        assert words in text, words
    handle = window.dashboard.splitter.handle(1)
    top_left = handle.mapTo(window.dashboard, QPoint(0, 0))
    grip = px[top_left.y() + 1:top_left.y() + handle.height() - 1,
              top_left.x() + 1:top_left.x() + handle.width() - 1]
    assert grip.size and (grip > 245).all()


def test_a_pdf_keeps_the_heatmaps_colours_exact(tmp_path, window):
    """A teacher's tour: the PDF's heatmaps came out blotched, their cells ±6 levels of a
    colour off (Qt's PDF writer stores an image as JPEG unless told otherwise). Within the
    forward heatmap, the PDF's pixels are the PNG's, to a level of rounding."""
    from plot_probe import read_pdf

    window.export_figure(tmp_path / "dash.png", 1.0)
    window.export_figure(tmp_path / "dash.pdf")
    png = _pixels(tmp_path / "dash.png").astype(int)
    _, pdf, _ = read_pdf(tmp_path / "dash.pdf", scale=4 / 3)
    view = window.dashboard.forward
    image = view.image
    rect = view.mapFromScene(image.mapRectToScene(image.boundingRect())).boundingRect()
    at = view.mapTo(window.dashboard, rect.topLeft())
    inside_png = png[at.y():at.y() + rect.height(), at.x():at.x() + rect.width()]
    inside_pdf = pdf[at.y():at.y() + rect.height(), at.x():at.x() + rect.width()].astype(int)
    # the cells' insides: pixels 2 from any other colour (the renderers round a cell's edge
    # each its own way)
    k = 2
    centre = inside_png[k:-k, k:-k]
    flat = np.ones(centre.shape[:2], bool)
    for dy in range(-k, k + 1):
        for dx in range(-k, k + 1):
            shifted = inside_png[k + dy:inside_png.shape[0] - k + dy,
                                 k + dx:inside_png.shape[1] - k + dx]
            flat &= (shifted == centre).all(axis=2)
    cells = centre[flat]
    assert len(cells) > 1000 and len(np.unique(cells, axis=0)) > 5
    assert np.abs(inside_pdf[k:-k, k:-k][flat] - cells).max() <= 2


def test_the_export_dialog_offers_pdf(tmp_path, window, monkeypatch):
    """File ▸ Export: the PDF filter chosen and a name without a suffix give name.pdf. The
    dialog offers PNG at 2× first (1× of a plot was 377 × 246 pixels, a student's tour)."""
    from PySide6.QtWidgets import QFileDialog

    from gui import menus

    asked = []

    def save_dialog(parent, title, directory, filters, *offered):
        asked.append(filters.split(";;"))
        assert offered == ("PNG at 2× (*.png)",)
        return str(tmp_path / "figure"), asked[-1][3]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    menus.export_figure(window)
    assert asked[0][3] == "PDF, vector (*.pdf)"
    assert (tmp_path / "figure.pdf").read_bytes().startswith(b"%PDF")


def test_export_refuses_other_suffixes(tmp_path, window, dialogs):
    from engine import ConfigError

    with pytest.raises(ConfigError, match=r"must end in \.png or \.pdf, got 'dash\.jpg'"):
        window.export_figure(tmp_path / "dash.jpg")


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_statistics(tmp_path, window, suffix):
    out = tmp_path / f"stats{suffix}"
    assert window.export_stats(out)
    text = out.read_text()
    if suffix == ".json":
        data = json.loads(text)
        assert data["config"] == window.result().config.to_dict()
        assert len(data["layers"]) == window.config().depth + 1
    else:
        header = text.splitlines()[0].split(",")
        assert "log10_forward_var" in header and "theory_log10_backward_var" in header
        assert len(text.splitlines()) == window.config().depth + 2


def test_save_and_open_config_round_trip(tmp_path, qtbot, window, plotted):
    config = SimConfig.from_dict({"widths": "12, 9x3, 5", "activation": "gelu", "gain": 1.3,
                                  "batch": 24, "seed": 7})
    window.set_config(config)
    out = tmp_path / "net.json"
    assert window.save_config(out)
    saved = json.loads(out.read_text())
    assert saved["widths"] == [12, 9, 9, 9, 5] and saved["activation"] == "gelu"
    window.set_config(SimConfig.from_dict({"depth": 2, "width": 4, "batch": 8}))
    assert window.open_config(out)
    assert window.config() == config
    assert plotted(window).config == config


def test_uniform_widths_are_saved_as_depth_and_width(tmp_path, window):
    out = tmp_path / "net.json"
    window.save_config(out)
    saved = json.loads(out.read_text())
    assert saved["depth"] == 6 and saved["width"] == 16 and "widths" not in saved
    assert SimConfig.from_dict(saved) == window.config()


@pytest.mark.parametrize("content, problem", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "must hold a JSON object"),
    (b'{"depth": 0}', "depth: must be between"),
    (b'{"activation": "swirl"}', "activation: unknown name"),
    (b'{"colour": 3}', "colour: unknown key"),
    (b"\x80\xfe\x00garbage", "not a text file"),   # (ff fe would open UTF-16 text)
    # a tour: opened as depth 2 without a word (the widths won)
    (b'{"widths": "10, 20, 30", "depth": 5}', "depth: 5 disagrees with the widths, which give "
                                              "depth 2"),
    (b'{"widths": "10, 20, 30", "width": 7}', "width: 7 disagrees with the widths 10, 20, 30"),
    (b'{"config": 3, "depth": 5}', 'has a key "config" but is not a statistics file'),
])
def test_a_bad_config_file_gets_a_dialog_naming_the_problem(tmp_path, window, dialogs, content,
                                                            problem):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    config, result = window.config(), window.result()
    assert not window.open_config(bad)
    assert len(dialogs) == 1 and problem in dialogs[0][1] and "bad.json" in dialogs[0][1]
    assert window.config() == config and window.result() is result


def test_a_bad_config_files_words_are_all_in_the_windows_language_and_name_it_once(
        tmp_path, window, dialogs):
    """A CLI tour: "必须包含一个 JSON 对象，而不是 an array" (JSON's kind in English), and
    "dup.json: depth: 在 dup.json 中出现了两次" (the file named twice)."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"[1, 2]")
    with marked("ConfigError"):
        assert not window.open_config(bad)
    assert "«an array»" in dialogs[0][1]
    bad.write_bytes(b'{"depth": 3, "depth": 4}')
    assert not window.open_config(bad)
    assert dialogs[1][1].count("bad.json") == 1 and "given twice" in dialogs[1][1]


def test_a_bad_value_in_a_config_file_is_said_as_the_command_line_says_it(
        tmp_path, window, dialogs):
    """A CLI tour: the window said "c3.json: depth: …", the command line "depth: … (in
    'c3.json')"; both now say the latter (`engine.config_files.config_from_file`), worded in
    the window's language as a whole."""
    from engine.shown import quoted_path

    bad = tmp_path / "c3.json"
    bad.write_text('{"depth": 0}')
    assert not window.open_config(bad)
    assert dialogs[0][1] == ("depth: must be between 1 and 10000, got 0 "
                             f"(in {quoted_path(bad)})")
    with marked("ConfigError"):
        assert not window.open_config(bad)
    assert dialogs[1][1].startswith("depth: ««must be between 1 and 10000, got 0» (in ")


def test_a_statistics_file_opens_as_the_config_it_records(tmp_path, window):
    """A tour: File ▸ Open on a file `--stats` or Export statistics wrote said only "unknown
    key", naming neither the file nor the key ("config", the word for the whole file)."""
    config = SimConfig.from_dict({"activation": "relu", "init": "he", "depth": 4, "width": 8,
                                  "gain": 1.25})
    stats = tmp_path / "stats.json"
    stats.write_text(json.dumps(simulate(config).to_dict()))
    assert window.open_config(stats)
    assert window.config() == config
    assert window.statusBar().currentMessage() == "Opened stats.json"
    with marked("MainWindow"):   # re-worded with the window (a tour: it stayed English)
        assert window.statusBar().currentMessage().startswith("«Opened ")


def test_an_exported_figure_opens_as_the_settings_it_shows(tmp_path, window, plotted):
    """A researcher's tour: File ▸ Open called the tab's own exported PNG "not a text
    file"; its settings open, and the window shows them again."""
    shown = window.config().with_values(gain=1.5, seed=7)
    window.set_config(shown)
    plotted(window)
    window.export_figure(tmp_path / "dash.png", 1.0)
    window.set_config(shown.with_values(gain=1.0, seed=0))
    plotted(window)
    assert window.open_config(tmp_path / "dash.png")
    assert window.config() == shown


def test_a_missing_config_file_gets_a_dialog(tmp_path, window, dialogs):
    assert not window.open_config(tmp_path / "nowhere.json")
    assert "nowhere.json': No such file or directory" in dialogs[0][1]
    with marked("ConfigError"):   # the system's words too, in the window's language (a tour:
        assert not window.open_config(tmp_path / "nowhere.json")     # they stayed English)
    assert "«No such file or directory»" in dialogs[1][1]


def test_an_unwritable_target_gets_a_dialog_naming_the_missing_folder(tmp_path, window, dialogs):
    """It said "cannot write net.json: No such file or directory": the folder is missing."""
    from engine import ConfigError

    folder = tmp_path / "no-such-folder"
    assert not window.save_config(folder / "net.json")
    assert dialogs and "no-such-folder' does not exist" in dialogs[0][1]   # its end, if long
    with pytest.raises(ConfigError, match="does not exist"):
        window.export_figure(folder / "dash.png")


def test_the_file_dialogs_add_the_missing_extension_and_ask_once(tmp_path, window, monkeypatch):
    """Issue: Export PNG and Save config must add the missing extension and never ask twice
    (the scale was a second dialog)."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from gui import menus

    asked = []

    def save_dialog(parent, title, directory, filters, *offered):
        asked.append(filters.split(";;"))
        name, pick = answers.pop(0)
        return str(tmp_path / name), asked[-1][pick]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: pytest.fail("asked twice"))
    answers = [("plot", 1), ("net", 0), ("stats", 1), ("table", 0), ("my.plot", 0),
               ("v1.2", 1), ("fig.pdf", 0)]
    menus.export_figure(window)                                 # the 2× filter chosen
    image = QImage(str(tmp_path / "plot.png"))
    assert image.width() == 2 * window.dashboard.width()
    assert "2×" in asked[0][1]
    menus.save_config(window)
    assert SimConfig.from_dict(json.loads((tmp_path / "net.json").read_text())) == window.config()
    menus.export_stats(window)                               # JSON chosen
    assert json.loads((tmp_path / "stats.json").read_text())["layers"]
    menus.export_stats(window)                               # CSV
    assert (tmp_path / "table.csv").read_text().startswith("layer,")
    # a dot in the name is no suffix (a tour: "my.plot" with PNG chosen was refused)
    menus.export_figure(window)
    assert QImage(str(tmp_path / "my.plot.png")).width() == window.dashboard.width()
    menus.export_stats(window)
    assert json.loads((tmp_path / "v1.2.json").read_text())["layers"]
    menus.export_figure(window)                              # a PDF typed beside PNG chosen
    assert (tmp_path / "fig.pdf").read_bytes().startswith(b"%PDF")
    assert len(asked) == 7


@pytest.mark.fresh_window   # its readout's height stays the user's
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_an_export_holds_every_line_of_a_readout_made_small(tmp_path, qtbot, window, scale):
    """The user dragged the readout's handle down until it shows two lines: the PNG still
    holds all of them, the image taller by the lines it scrolls."""
    d = window.dashboard
    window.dashboard.readout.set_hint("a sentence to look for, wrapped " * 12)
    qtbot.waitUntil(lambda: not d.pending())
    d.splitter.moveSplitter(d.splitter.height() - 50, 1)      # as the handle's drag does
    qtbot.waitUntil(lambda: d.readout.hidden_height() > 40)
    hidden, top = d.readout.hidden_height(), d.readout.mapTo(d, QPoint(0, 0)).y()
    out = tmp_path / "dash.png"
    window.export_figure(out, scale)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (round(d.width() * scale),
                                               round((d.height() + hidden) * scale))
    px = _pixels(out)
    top = round(top * scale)
    text_rows = np.flatnonzero((px[top:] < 128).all(axis=2).any(axis=1))   # dark text
    assert text_rows.max() > d.height() * scale - top   # below the dashboard's own bottom


def test_a_file_named_by_the_type_chosen_is_replaced_only_when_the_user_says_so(
        tmp_path, window, monkeypatch):
    """An audit: the save dialog asks before replacing the file it was given, but "fig" with
    PNG chosen replaced an existing fig.png, the default name initlab.png with PDF chosen
    initlab.pdf, "net" in Save config net.json, without a question."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from gui import menus

    def save_dialog(parent, title, directory, filters, *offered):
        name, pick = answers.pop(0)
        return str(tmp_path / name), filters.split(";;")[pick]

    asked, replace = [], [QMessageBox.No]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text) or replace[0])
    for name in ("fig.png", "initlab.pdf", "net.json", "initlab.json"):
        (tmp_path / name).write_text("kept")
    answers = [("fig", 0), ("initlab.png", 3), ("net", 0), ("initlab.csv", 1)]
    menus.export_figure(window)
    menus.export_figure(window)        # the PDF type chosen beside the default name
    menus.save_config(window)
    menus.export_stats(window)         # JSON chosen beside the default name
    assert [(tmp_path / n).read_text() for n in ("fig.png", "initlab.pdf", "net.json",
                                                 "initlab.json")] == ["kept"] * 4
    assert len(asked) == 4 and "fig.png already exists" in asked[0]
    assert not (tmp_path / "initlab.csv").exists()
    replace[0] = QMessageBox.Yes
    answers = [("fig", 0), ("initlab.csv", 1)]
    menus.export_figure(window)
    menus.export_stats(window)
    assert QImage(str(tmp_path / "fig.png")).width() == window.dashboard.width()
    assert json.loads((tmp_path / "initlab.json").read_text())["layers"]
    answers = [("fig.png", 0)]         # the name the dialog was given: it asked itself
    menus.export_figure(window)
    assert len(asked) == 6
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))   # cancelled
    for dialog in (menus.export_figure, menus.save_config, menus.export_stats):
        dialog(window)                 # (a review: two raised on an empty name)
    assert len(asked) == 6


def test_a_refused_suffix_is_worded_whole_in_chinese(qapp, tmp_path):
    """An audit: "文件名必须以 .csv or .json 结尾": the "or" was joined in English."""
    from engine import ConfigError
    from gui import files, i18n
    from gui.config_errors import problem_text

    i18n.install("zh_CN")
    with pytest.raises(ConfigError) as refused:
        files.write_stats(tmp_path / "stats.txt", simulate(SimConfig.from_dict({"depth": 2})))
    words = problem_text(refused.value)
    assert ".csv 或 .json" in words and " or " not in words


def test_an_exported_figure_carries_the_config_it_shows(tmp_path, window):
    """An audit: no PNG or PDF said what made it, and a figure on a slide is often all that
    is left. Its properties hold its title and, as its description, the config (JSON)."""
    import re

    assert window.export_figure(tmp_path / "net.png") is None
    image = QImage(str(tmp_path / "net.png"))
    assert json.loads(image.text("Description")) == window.config().to_dict()
    assert image.text("Title") == "InitLab — Network" and image.text("Software") == "InitLab"
    window.export_figure(tmp_path / "net.pdf")
    xmp = re.search(rb"<dc:description>.*?>(\{.*?\})<", (tmp_path / "net.pdf").read_bytes())
    shown = xmp.group(1).decode().replace("&quot;", '"')
    assert json.loads(shown) == window.config().to_dict()
    # and as the attached file config.json, which readers without XMP list
    assert "config.json".encode("utf-16-be") in (tmp_path / "net.pdf").read_bytes()
