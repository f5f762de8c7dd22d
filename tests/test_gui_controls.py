"""Every control edits its config key, re-simulates, and the plots follow; bad input is refused."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from engine import SimConfig
from engine.config_fields import ACTIVATIONS
from gui.bindings import INVALID_BASE


@pytest.fixture(scope="module")
def _one_window(qapp):
    """One window for the whole file (each test starts from the small config): a window costs
    most of a second to build and paint, and every test here only turns its controls."""
    from conftest import SMALL
    from gui import MainWindow
    from gui.executors import SyncExecutor

    window = MainWindow(SimConfig.from_dict(SMALL), executor=SyncExecutor())
    window.show()
    yield window
    from conftest import delete_window

    delete_window(window)


@pytest.fixture
def window(_one_window, plotted):
    """The file's window, back on the small config with nothing refused."""
    from conftest import SMALL

    _one_window.set_config(SimConfig.from_dict(SMALL))
    plotted(_one_window)
    return _one_window


def _combo(window, key, value):
    combo = window.controls.widget(key)
    combo.setCurrentIndex(combo.findData(value))


def _type(qtbot, window, key, text):
    edit = window.controls.widget(key)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


EDITS = [
    ("depth", lambda q, w: w.controls.widget("depth").setValue(8), lambda c: c.depth == 8),
    ("width", lambda q, w: w.controls.widget("width").setValue(12), lambda c: c.widths == (12,) * 7),
    ("widths", lambda q, w: _type(q, w, "widths", "20, 8x3, 4"),
     lambda c: c.widths == (20, 8, 8, 8, 4)),
    ("activation", lambda q, w: _combo(w, "activation", "relu"), lambda c: c.activation == "relu"),
    ("init", lambda q, w: _combo(w, "init", "he"), lambda c: c.init == "he"),
    ("distribution", lambda q, w: _combo(w, "distribution", "orthogonal"),
     lambda c: c.distribution == "orthogonal"),
    ("gain", lambda q, w: w.controls.widget("gain").setValue(2.0), lambda c: c.gain == 2.0),
    ("gain_slider", lambda q, w: w.controls.widget("gain_slider").setValue(-29),
     lambda c: c.gain == pytest.approx(10 ** -0.29, rel=1e-3)),
    ("bias_std", lambda q, w: w.controls.widget("bias_std").setValue(0.25),
     lambda c: c.bias_std == 0.25),
    ("batch", lambda q, w: w.controls.widget("batch").setValue(40), lambda c: c.batch == 40),
    ("seed", lambda q, w: _type(q, w, "seed", "123"), lambda c: c.seed == 123),
]


@pytest.mark.parametrize("key, act, check", EDITS, ids=[e[0] for e in EDITS])
def test_each_control_changes_config_and_plots(qtbot, window, plotted, key, act, check):
    before = window.result()
    act(qtbot, window)
    assert check(window.config())
    result = plotted(window)
    assert result is not before and check(result.config)
    assert window.dashboard.forward.image.image.shape == (max(result.config.widths), result.config.depth + 1)


@pytest.mark.parametrize("activation, key, value", [
    ("linear", "alpha", 1.5), ("linear", "beta", 0.5), ("leaky_relu", "negative_slope", 0.2)])
def test_activation_parameters_show_only_when_relevant(qtbot, window, plotted, activation, key,
                                                       value):
    spin = window.controls.widget(key)
    top = window.controls.widget("batch").mapTo(window, spin.rect().topLeft())
    assert spin.isVisibleTo(window) and not spin.isEnabled()   # greyed, in its place
    _combo(window, "activation", activation)
    assert spin.isEnabled()
    spin.setValue(value)
    assert getattr(plotted(window).config, key) == value
    _combo(window, "activation", "tanh")
    assert not spin.isEnabled()
    # nothing below moved: a click lands where it was aimed
    assert window.controls.widget("batch").mapTo(window, spin.rect().topLeft()) == top


@pytest.mark.parametrize("init, key, value", [("constant", "variance", 0.02),
                                              ("he", "mode", "fan_out"),
                                              ("lecun", "mode", "fan_avg")])
def test_init_parameters_show_only_when_relevant(qtbot, window, plotted, init, key, value):
    widget = window.controls.widget(key)
    assert widget.isVisibleTo(window) and not widget.isEnabled()
    _combo(window, "init", init)
    assert widget.isEnabled()
    if key == "mode":
        _combo(window, key, value)
    else:
        widget.setValue(value)
    assert getattr(plotted(window).config, key) == value


def test_every_activation_is_offered_and_simulated(qtbot, window, plotted):
    combo = window.controls.widget("activation")
    assert [combo.itemData(i) for i in range(combo.count())] == list(ACTIVATIONS)
    for name in ACTIVATIONS:
        _combo(window, "activation", name)
        assert plotted(window).config.activation == name
    # written as people write them: the lecture's fix, not its config name
    labels = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert labels["sigmoid_scaled"] == "4·sigmoid(x) − 2" and labels["relu"] == "relu"


def test_new_seed_button_draws_another_seed(qtbot, window, plotted):
    seeds = set()
    for _ in range(3):
        qtbot.mouseClick(window.controls.widget("new_seed"), Qt.LeftButton)
        seeds.add(plotted(window).config.seed)
        assert window.controls.widget("seed").text() == str(window.config().seed)
    assert len(seeds) >= 2


def test_depth_and_widths_fields_follow_each_other(qtbot, window):
    window.controls.widget("depth").setValue(3)
    assert window.controls.widget("widths").text() == "16x4"
    _type(qtbot, window, "widths", "10, 5x2")
    assert window.controls.widget("depth").value() == 2
    assert window.controls.widget("width").text() == "—"     # no one width: 10, 5, 5


class _Read:
    """A control whose tooltip reads as shown: its no-break spaces and word joiners (kept
    beside a relation or a "/") as the space and nothing they look like."""

    def __init__(self, widget):
        self.widget = widget

    def toolTip(self) -> str:
        return self.widget.toolTip().replace("\u2060", "").replace("\u00a0", " ")

    def setValue(self, value) -> None:
        self.widget.setValue(value)


def test_tooltips_carry_the_formulas(window):
    def tip(key):
        return _Read(window.controls.widget(key))
    assert "2 / (n_in + n_out)" in tip("init").toolTip()
    assert "2 / ((1 + a²)·fan)" in tip("init").toolTip()
    assert "tanh(x)" in tip("activation").toolTip() and "x³/3" in tip("activation").toolTip()
    # its lines kept (a tour: rich text runs σ, σ' and the expansion together)
    shown = tip("activation").toolTip().replace("&#x27;", "'")
    assert "tanh(x)<br>σ'(x) = 1 − tanh²(x)<br>" in shown
    assert "U(−√(3γ), +√(3γ))" in tip("distribution").toolTip()
    assert "gain²" in tip("gain").toolTip() and "gain²" in tip("gain_slider").toolTip()
    # typeset, never raw markup (issue: no n_{t−1}γ anywhere a user reads)
    for key in ("depth", "variance", "mode", "bias_std", "init", "activation", "gain"):
        shown = tip(key).toolTip()
        assert "_{" not in shown and "^{" not in shown, key
    assert "n<sub>t−1</sub>" in tip("bias_std").toolTip()
    for key in ("depth", "width", "widths", "variance", "mode", "bias_std", "batch", "seed"):
        assert tip(key).toolTip()
    _combo(window, "activation", "sigmoid")
    assert "1/2 + x/4" in tip("activation").toolTip()
    _combo(window, "activation", "leaky_relu")       # an audit: the slope's default, 0.01,
    assert "0.01·x (x ≤ 0)" in tip("activation").toolTip()
    tip("negative_slope").setValue(0.2)              # was shown whatever the slope set
    assert "0.2·x (x ≤ 0)" in tip("activation").toolTip()


@pytest.mark.parametrize("text, reason", [("abc", "cannot read"), ("0", "at least two widths"),
                                          ("0, 5", "must be at least 1")])
def test_invalid_widths_turn_red_and_keep_the_plots(qtbot, window, text, reason):
    before, config = window.result(), window.config()
    image = window.dashboard.forward.image.image.copy()
    _type(qtbot, window, "widths", text)
    field = window.controls.widget("widths")
    assert field.property("invalid") is True
    assert field.palette().color(QPalette.Base) == INVALID_BASE        # red
    assert reason in window.controls.error_text("widths")
    assert window.config() == config and window.result() is before
    assert not window.runner.busy  # nothing was submitted
    assert (window.dashboard.forward.image.image == image).all()
    assert "widths" in window.statusBar().currentMessage()
    _type(qtbot, window, "widths", "16x7")  # a good value clears the error
    assert not field.property("invalid") and window.controls.error_text("widths") == ""


def test_invalid_seed_is_refused_with_its_reason(qtbot, window):
    config = window.config()
    _type(qtbot, window, "seed", "x1")
    assert window.config() == config
    assert "whole number" in window.controls.error_text("seed")


def test_a_cross_field_limit_names_the_other_key(qtbot, window):
    window.controls.widget("batch").setValue(65536)
    _type(qtbot, window, "widths", "16384, 4")
    assert window.config().batch == 65536 and window.config().widths[0] != 16384
    assert "batch" in window.controls.error_text("widths")


def test_set_config_updates_every_widget(window):
    config = SimConfig.from_dict({"widths": "9, 7x2, 3", "activation": "linear", "alpha": 0.5,
                                  "beta": -0.25, "init": "lecun", "mode": "fan_out",
                                  "distribution": "uniform", "gain": 1.5, "bias_std": 0.1,
                                  "batch": 17, "seed": 99})
    window.set_config(config)
    w = window.controls.widget
    assert w("widths").text() == "9, 7x2, 3" and w("depth").value() == 3
    assert w("activation").currentData() == "linear" and w("alpha").value() == 0.5
    assert w("beta").value() == -0.25 and w("init").currentData() == "lecun"
    assert w("mode").currentData() == "fan_out" and w("distribution").currentData() == "uniform"
    assert w("gain").value() == 1.5 and w("bias_std").value() == pytest.approx(0.1)
    assert w("batch").value() == 17 and w("seed").text() == "99"
    assert window.config() == config


@pytest.mark.parametrize("key, value", [("beta", -1e6), ("alpha", 1e-6), ("alpha", 123456.0),
                                        ("negative_slope", -999.0), ("bias_std", 1e5),
                                        ("variance", 1e-30), ("depth", 5000), ("gain", 1e-6)])
def test_a_loaded_value_is_shown_as_it_is_and_an_arrow_click_steps_from_it(window, key, value):
    """Issue: a loaded config outside a control's own range was shown clamped (beta −1e6 as
    −100, alpha 1e-6 as 0.0000), and one arrow click then changed the config silently. The
    controls' ranges are the config's own (engine.config_fields.FIELDS)."""
    extra = {"init": "constant"} if key == "variance" else {}
    extra.update({"activation": "linear"} if key in ("alpha", "beta") else {})
    extra.update({"activation": "leaky_relu"} if key == "negative_slope" else {})
    if key == "depth":
        extra["width"] = 4
    config = SimConfig.from_dict({**extra, key: value}, base=window.config())
    window.set_config(config)
    widget = window.controls.widget(key)
    assert widget.value() == pytest.approx(value, rel=1e-12)
    if hasattr(widget, "textFromValue") and key != "depth":
        assert float(widget.textFromValue(widget.value())) == pytest.approx(value, rel=1e-5)
    assert window.config() == config                         # showing it changed nothing
    widget.stepBy(1)
    assert getattr(window.config(), key) != value            # a click steps from the value
    assert getattr(window.config(), key) == pytest.approx(widget.value(), rel=1e-12)


@pytest.mark.parametrize("key, text", [("widths", "9" * 5000 + ", 3"), ("widths", "2x" + "9" * 5000),
                                       ("seed", "1" + "0" * 5000), ("seed", "١٢٣"),
                                       ("widths", "١٦, 8")],
                         ids=["widths-5000-digits", "widths-repeat-5000-digits",
                              "seed-5000-digits", "seed-arabic-indic", "widths-arabic-indic"])
def test_hostile_text_in_a_field_turns_it_red_and_keeps_the_config(qtbot, window, key, text):
    """Issue: an integer of over 4,300 digits in the widths field raised from its slot and the
    field was not marked red; only ASCII digits (and the full-width ones a Chinese input
    method types, in the widths) are numbers."""
    before = window.config()
    edit = window.controls.widget(key)
    edit.setText(text)
    edit.textEdited.emit(text)                             # what typing or a paste sends
    assert window.config() == before
    shown = window.controls.error_text(key)
    assert shown and len(shown) < 300                      # said, and quoted short


def test_a_pasted_list_longer_than_qt_s_default_is_read_whole(qtbot, window):
    """A tour: 784, then 20 000 widths of 256, then 10, pasted: Qt cut the text at 32 767
    characters, read as "784, 256x6552, 25" (depth 6553, a last width of 25), unsaid."""
    field = window.controls.widget("widths")
    text = "784, " + "256, " * 20000 + "10"
    field.setFocus()
    field.selectAll()
    field.insert(text)   # as a paste
    assert field.text() == text
    assert "at most" in window.controls.error_text("widths")
    _type(qtbot, window, "widths", "16x7")
    assert window.controls.error_text("widths") == ""


def test_the_width_box_says_nothing_for_unequal_widths_and_a_value_makes_them_equal(window):
    """Issue: the width box said 256 while widths read `784, 256x3, 10`."""
    window.set_config(SimConfig.from_dict({"widths": "784, 256x3, 10"}, base=window.config()))
    box = window.controls.widget("width")
    assert box.text() == "—" and box.value() == box.minimum()
    box.setValue(32)                                         # a width for every layer
    assert window.config().widths == (32,) * 5
    assert box.text() == "32"


@pytest.mark.parametrize("key, text, reason", [
    ("gain", "0", "≥ 1e-6, got 0"), ("gain", "abc", "number, got 'abc'"),
    ("gain", "1e400", "≤ 1e6, got 1e400"),
    ("width", "1.000", "in plain digits: 1000 or 1, not 1.000"),   # (de: 1000)
    ("gain", "1.000.000", "number in plain digits: 1000000, not 1.000.000"),
    ("gain", "1e-400", "≥ 1e-6, got 1e-400"),
    ("bias_std", "1e-400", "closer to 0 than the smallest positive float (about 5e-324): "
                           "give 0 for zero, got 1e-400"),
    ("depth", "-5", "between 1 and 10000, got -5"), ("depth", "1e400", "whole number"),
    ("batch", "784, 0, 10", "whole number, got '784, 0, 10'"), ("trials", "1e9", "got 1e9"),
    ("width", "0", "got 0"), ("bias_std", "-1", "got -1"), ("depth", "١٢٣", "whole number")])
def test_a_number_box_says_why_it_refuses_what_was_typed(qtbot, window, key, text, reason):
    """Qt's boxes dropped the keys they could not use (depth "-5" became 5, "1e400" 1400) and
    put the last value back without a word (gain 0 became 1 again)."""
    config = window.config()
    box = window.controls.widget(key)

    def enter(typed):
        box.setFocus()
        box.lineEdit().selectAll()
        if typed.isascii():
            qtbot.keyClicks(box.lineEdit(), typed)
        else:   # QTest types Latin-1 only (it aborts): pasted
            box.lineEdit().insert(typed)
        qtbot.keyClick(box, Qt.Key_Return)

    enter(text)
    qtbot.waitUntil(lambda: reason in window.controls.error_text(key))
    assert window.config() == config and box.property("invalid")
    assert window.controls.problem.text().startswith(window.controls.label(key) + ":")
    assert window.statusBar().currentMessage().startswith(window.controls.label(key) + ":")
    window.controls.widget("seed").setFocus()   # leaving the box withdraws nothing
    qtbot.wait(10)
    assert reason in window.controls.error_text(key)
    enter(box.text())   # the value it shows again, typed: taken though the value is the same
    assert window.controls.error_text(key) == "" and not box.property("invalid")
    assert window.config() == config


def test_a_refusal_in_the_width_box_of_unequal_widths_is_of_what_was_typed(qtbot, window):
    """Showing "—" (unequal widths), the box's value is 0: leaving it after a refusal
    re-sent that 0, and the engine refused a width nobody typed."""
    window.set_config(SimConfig.from_dict({"widths": "8, 16, 8"}, base=window.config()))
    box = window.controls.widget("width")
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "abc")
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.waitUntil(lambda: "'abc'" in window.controls.error_text("width"))
    window.controls.widget("seed").setFocus()
    qtbot.wait(10)
    assert "'abc'" in window.controls.error_text("width") and box.text() == "—"
    assert "got 0" not in window.statusBar().currentMessage()


def test_an_arrow_after_bad_text_refuses_it_once_and_nothing_later(qtbot, window):
    """Qt gives the typed text up when an arrow steps from it: that is when it is refused,
    not at a later focus-out over a valid value."""
    box = window.controls.widget("depth")
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "abc")
    qtbot.keyClick(box, Qt.Key_Up)
    qtbot.waitUntil(lambda: "'abc'" in window.controls.error_text("depth"))   # said at once
    window.controls.widget("seed").setFocus()
    qtbot.wait(10)
    assert "'abc'" in window.controls.error_text("depth")
    box.setValue(box.value() + 1)                    # a valid value: no field refused
    assert window.controls.error_text("depth") == ""
    box.setFocus()
    window.controls.widget("seed").setFocus()
    qtbot.wait(10)
    assert window.controls.error_text("depth") == ""


def test_the_sweeps_range_boxes_say_their_range_when_they_refuse(qtbot, window):
    from PySide6.QtWidgets import QApplication, QToolTip

    window.tabs.setCurrentIndex(1)
    view = window.tabs.sweep
    box = view.count
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "1000")
    qtbot.keyClick(box, Qt.Key_Return)
    assert box.value() == 41
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == ("number of gains: must be between 2 and 201, got 1000 "   # unquoted
                               "(kept 41)")
    QToolTip.hideText()
    # said in the status bar too, until its tab is left (a keyboard tour: it stayed over the
    # Training tab, beside that tab's own refusals)
    assert window.statusBar().currentMessage() == ("number of gains: must be between 2 and "
                                                   "201, got 1000 (kept 41)")
    window.showMinimized()   # (its tab not left: the words stay, a review)
    QApplication.processEvents()
    assert window.statusBar().currentMessage().startswith("number of gains: must be")
    window.showNormal()
    window.tabs.setCurrentIndex(0)
    assert window.statusBar().currentMessage() == ""
    window.tabs.setCurrentIndex(1)
    # the gain range is the gain box's (a tour: 1e-6 and 1e6 were refused here only)
    for box, typed in ((view.low, "1e-6"), (view.high, "1e6")):
        _typed(qtbot, box, typed, Qt.Key_Return)
        assert box.value() == float(typed)
    window.tabs.setCurrentIndex(0)



def _typed(qtbot, box, text, key=None):
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    if key is not None:
        qtbot.keyClick(box, key)


def test_an_arrow_on_a_log_scale_box_refuses_the_typed_text_and_does_not_step(qtbot, window):
    """The gain's arrow stepped from the old value and dropped "abc" without a word."""
    gain = window.config().gain
    _typed(qtbot, window.controls.widget("gain"), "abc", Qt.Key_Up)
    qtbot.waitUntil(lambda: "'abc'" in window.controls.error_text("gain"))
    assert window.config().gain == gain


def test_the_width_box_showing_a_dash_does_not_step(qtbot, window):
    """An arrow or a stray wheel turn on "—" (unequal widths) made every width 1."""
    config = SimConfig.from_dict({"widths": "8, 16, 8"}, base=window.config())
    window.set_config(config)
    box = window.controls.widget("width")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Up)
    box.stepBy(3)
    assert window.config().widths == config.widths and box.text() == "—"


def test_a_value_refused_by_the_engine_is_refused_once(qtbot, window):
    rejected = []
    window.controls.inputRejected.connect(lambda key, reason: rejected.append(key))
    window.controls.widget("batch").setValue(65536)
    _typed(qtbot, window.controls.widget("width"), "16384", Qt.Key_Return)   # 65536 × 16384
    qtbot.wait(10)
    window.controls.widget("seed").setFocus()
    qtbot.wait(10)
    assert rejected == ["width"]
    window.controls.inputRejected.disconnect()


def test_a_pending_refusal_is_dropped_when_a_setting_replaces_the_value(qtbot, window):
    """A preset or an opened file may set the box between Qt's giving up and the refusal."""
    _typed(qtbot, window.controls.widget("depth"), "abc", Qt.Key_Return)
    window.set_config(SimConfig.from_dict({"depth": 9}, base=window.config()))
    qtbot.wait(10)
    assert window.controls.error_text("depth") == "" and window.config().depth == 9


def test_a_bare_return_changes_no_value_shown_rounded(qtbot, window):
    """A gain of 1.1220184… (from a file) is shown 1.12202: a bare Return made it 1.12202
    (a new run and an undo step for a value nobody typed)."""
    box = window.controls.widget("gain")
    window.controls.set_config(window.config().with_values(gain=10 ** 0.05))
    config = window.config()
    assert box.text() != repr(config.gain)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Return)
    assert window.config() == config


def test_a_refusal_of_a_box_whose_tab_was_left_shows_no_tooltip(qtbot, window):
    from PySide6.QtWidgets import QToolTip

    QToolTip.hideText()
    window.tabs.setCurrentIndex(1)
    box = window.tabs.sweep.count
    _typed(qtbot, box, "abc")
    window.tabs.setCurrentIndex(0)   # hidden: Qt gives the text up
    qtbot.wait(20)
    assert not QToolTip.isVisible() and box.value() == 41


def test_a_number_box_writes_an_exponent_as_its_refusals_write_their_limits(window):
    """A student's tour: the gain box read "1e+06" and its refusal "(kept 1e+06)" beside
    "must be ≤ 1e6"."""
    box = window.controls.widget("gain")
    for gain, shown in ((1e6, "1e6"), (1.5e-5, "1.5e-5"), (2.5, "2.5")):
        window.set_config(window.config().with_values(gain=gain))
        assert box.text() == shown and box.valueFromText(shown) == gain


def test_refusals_beyond_the_room_of_the_problem_line_are_shortened_not_cut(qtbot, window):
    """The line under the controls keeps room for three lines: with a wrapped reason, a third
    refusal was cut through the middle of its line (and Chinese glyphs, taller, held 2½)."""
    problem = window.controls.problem
    typed = [("depth", "-5"), ("widths", "abc"), ("seed", "x"), ("bias_std", "-1")]
    for count, (key, text) in enumerate(typed, start=1):
        box = window.controls.widget(key)
        box.setFocus()
        (box.lineEdit() if hasattr(box, "lineEdit") else box).selectAll()
        qtbot.keyClicks(box.lineEdit() if hasattr(box, "lineEdit") else box, text)
        qtbot.keyClick(box, Qt.Key_Return)
        qtbot.waitUntil(lambda: len(problem.toolTip().split("\n")) == count
                        and problem.toolTip() != "")
        shown = problem.text().split("\n")
        assert len(shown) <= 3 and problem.heightForWidth(problem.width()) <= problem.height()
        full = problem.toolTip().split("\n")
        assert len(full) == count and full[0].startswith(window.controls.label("depth") + ":")
        if count == 1:
            assert shown == full   # wrapped, whole
        if count == 3:   # one line each, shortened where they would wrap
            assert all(s == f or (s.endswith("…") and f.startswith(s[:-1]))
                       for s, f in zip(shown, full))
            assert shown != full
    assert len(shown) == 3 and "2 more" in shown[-1]   # four: the third line counts the rest
    # the refusal just typed among them, first (a tour: trials' was one of "… and 2 more")
    assert shown[0].startswith(window.controls.label("bias_std") + ":")
    assert shown[1] == full[0][:len(shown[1]) - 1] + "…" or shown[1] == full[0]
    # a keyboard reaches them all: a Tab stop where some are left out, and a screen reader
    # hears them whole (a keyboard tour: "hover here for all" was the mouse's alone)
    assert problem.focusPolicy() == Qt.TabFocus
    assert problem.accessibleDescription().split("\n") == full


@pytest.mark.parametrize("typed, reason, end", [
    ("784, 256x0, 10", "at least 1", Qt.Key_Return), ("784,256x100000,10", "", Qt.Key_Return),
    ("784, 256x0, 10", "at least 1", Qt.Key_Tab)])
def test_widths_refused_when_typing_ends_go_back_to_the_network_before_it(qtbot, window,
                                                                           typed, reason, end):
    """A tour: each keystroke is tried, so a typo left the network on the last prefix that
    was valid ("784, 256x0, 10" on "784, 256", depth 1; "784,256x100000,10" on depth 10 000,
    a 74 s run offered) while the status said "the plots show the last valid setting"."""
    before, steps = window.config(), window.history.stack.count()
    field = window.controls.widget("widths")
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    qtbot.keyClicks(field, typed)
    assert window.config() != before                       # the prefixes were tried
    qtbot.keyClick(field, end)   # Return, or Tab: the focus leaves (a review: the revert was
    if end == Qt.Key_Tab:        # then a step of its own, and Undo brought the prefix back)
        qtbot.waitUntil(lambda: not field.hasFocus())
    assert window.config() == before and field.text() == typed
    assert reason in window.controls.error_text("widths") != ""
    assert window.controls.widget("depth").value() == before.depth
    assert window.history.stack.count() == steps           # nothing to undo: back where it was
    if end == Qt.Key_Tab:
        return
    # Reset (a menu, a key) with a refused text still in the field puts back the value from
    # before the typing first: one Undo then brings that back, not the prefix (a re-review)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    window.reset_to_defaults()
    window.history.stack.undo()
    assert window.config() == before
    field.selectAll()
    qtbot.keyClicks(field, "8,16,16,4")                    # accepted: tidied when it ends
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.config().widths == (8, 16, 16, 4) and field.text() == "8, 16x2, 4"
    field.selectAll()
    qtbot.keyClicks(field, "8, 0")                          # refused again: back to that one
    qtbot.keyClick(field, Qt.Key_Return)
    assert window.config().widths == (8, 16, 16, 4)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_gain_box_shows_each_digit_of_a_stepped_gain(qtbot, language):
    """A tour: one press of Up showed "1.1220" of 1.12202 (the factor 10^0.05's six digits),
    and 89.1251 and 125.893 lost their last digit too. The arrow keys step on the grid of
    10^0.05 shown to four digits, as the slider's positions, and the box, without arrow buttons beside its slider, shows
    them whole, in the room it had (the controls panel keeps its width)."""
    from PySide6.QtTest import QTest

    from gui import MainWindow
    from gui.executors import SyncExecutor

    window = MainWindow(SimConfig.from_dict({"gain": 0.01, "depth": 3, "width": 16,
                                             "batch": 32}),
                        executor=SyncExecutor(), language=language)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    box = window.controls.widget("gain")
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    seen = []
    for key, start, presses in ((Qt.Key_Up, 0.01, 1), (Qt.Key_Up, 1.0, 1), (Qt.Key_Down, 1.0, 1),
                                (Qt.Key_Down, 100.0, 1), (Qt.Key_Up, 100.0 / 10 ** 0.25, 5)):
        window.controls.set_config(window.config().with_values(gain=start))
        for _ in range(presses):
            QTest.keyClick(box, key)
        seen.append(box.text())
        assert box.lineEdit().width() >= box.fontMetrics().horizontalAdvance(box.text()) + 2, \
            box.text()
    assert seen[:4] == ["0.01122", "1.122", "0.8913", "89.13"]
    assert float(seen[4]) == window.config().gain == pytest.approx(100, rel=1e-3)
    window.controls.set_config(window.config().with_values(gain=1.0))
    QTest.keyClick(box, Qt.Key_Up)
    QTest.keyClick(box, Qt.Key_Down)
    assert window.config().gain == 1.0                    # a step up and down: where it began
    for _ in range(20):   # on the grid of 10^0.05 (a review: four digits at each step drifted,
        QTest.keyClick(box, Qt.Key_Up)                   # 9.998 after 20)
    assert window.config().gain == 10.0
    # off the grid, to its next point in the direction pressed (1.0011 ↓ 1, 3.9 ↑ 10^0.6), and
    # a touchpad's partial wheel step (stepBy(0)) moves nothing (a re-review: 1.13 became 1.259)
    for start, key, end in ((1.0011, Qt.Key_Down, 1.0), (3.9, Qt.Key_Up, 3.981),
                            (1.0011, Qt.Key_Up, 1.122)):
        window.controls.set_config(window.config().with_values(gain=start))
        QTest.keyClick(box, key)
        assert window.config().gain == end, (start, end)
    window.controls.set_config(window.config().with_values(gain=1.13))
    box.stepBy(0)
    assert window.config().gain == 1.13


def test_tab_skips_the_plots_where_keys_do_nothing(qtbot, window):
    """A tour: Tab stopped five times on the dashboard with no sign of where the focus was
    (its plots: no key does anything there); a click still gives a plot the focus (its
    zoom keys)."""
    import pyqtgraph as pg

    window.show()
    qtbot.waitExposed(window)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
    views = [v for v in window.findChildren(pg.GraphicsView)]
    assert len(views) >= 8
    assert all(v.focusPolicy() == Qt.ClickFocus for v in views), [
        type(v).__name__ for v in views if v.focusPolicy() != Qt.ClickFocus]


def test_the_gain_slider_lands_on_round_values(window):
    """A lecturer dragging to 2 got 1.995 (and a readout of gain² = 3.98): a position within
    half a step of a round value gives that value; the others keep their four digits."""
    slider = window.controls.gain.slider
    values = {position: slider.to_log(position) for position in range(-200, 201)}
    for wanted in (0.01, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 10.0, 100.0):
        assert values[slider.position_of(wanted)] == wanted
    assert values[31] == 2.042 and values[-29] == 0.5129
    assert all(a < b for a, b in zip(list(values.values()), list(values.values())[1:]))
    slider.setValue(30)                                # dragged there: the config says 2
    assert window.config().gain == 2.0 and window.controls.widget("gain").value() == 2.0
    box = window.controls.widget("gain")               # and the arrow keys step on from it
    box.stepBy(1)                                      # along their grid (a review: 5 → 5.012)
    assert box.value() == 2.239
    box.setValue(5.0)
    box.stepBy(1)
    assert box.value() == 5.623
    box.stepBy(-1)
    box.stepBy(-1)
    assert box.value() == 4.467


def test_the_depth_box_keeps_a_pyramids_layers(window):
    """A practitioner's tour: depth 4 → 5 on 784, 512, 256, 128, 10 gave 784, 512x4, 10."""
    window.set_config(SimConfig.from_dict({"widths": "784, 512, 256, 128, 10"}))
    window.controls.widget("depth").setValue(5)
    assert window.controls.widget("widths").text() == "784, 512, 256, 128x2, 10"
    assert window.config().widths == (784, 512, 256, 128, 128, 10)
    window.controls.widget("depth").setValue(3)
    assert window.config().widths == (784, 512, 256, 10)


def test_depth_box_stepped_down_and_back_up_restores_the_hidden_widths(qtbot, window):
    """A tour: a pyramid stepped down to depth 1 and back came back as 784, 10x4 (depth 1 has
    no hidden width left to repeat); now the box restores what it took away."""
    _type(qtbot, window, "widths", "784, 512, 256, 128, 10")
    depth = window.controls.widget("depth")
    for d in (3, 2, 1, 2, 3, 4):
        depth.setValue(d)
    assert window.config().widths == (784, 512, 256, 128, 10)
    depth.setValue(5)   # deeper than it was: the last hidden width repeats
    assert window.config().widths == (784, 512, 256, 128, 128, 10)
    depth.setValue(2)
    assert window.config().widths == (784, 512, 10)
    _type(qtbot, window, "widths", "784, 64, 10")   # typed widths: a new network to step from
    depth.setValue(3)
    assert window.config().widths == (784, 64, 64, 10)
    # (a review: widths typed, or a config opened, that happen to be what the box left of an
    # older network brought that network's layers back)
    depth.setValue(1)
    _type(qtbot, window, "widths", "784, 300, 10")
    _type(qtbot, window, "widths", "784, 10")
    depth.setValue(2)
    assert window.config().widths == (784, 10, 10)
    _type(qtbot, window, "widths", "784, 512, 256, 10")
    depth.setValue(1)
    window.set_config(SimConfig.from_dict({"widths": "784, 10"}))
    depth.setValue(3)
    assert window.config().widths == (784, 10, 10, 10)


def test_a_long_widths_text_shows_its_start(window):
    """A Chinese student's tour: lesson step 4's narrowing widths showed "…6x7, 128x7, 64x7,
    32x7, 16x8", the end of the text, as if the first width were 6."""
    field = window.controls.widget("widths")
    window.set_config(window.config().with_values(
        widths="1024x8, 512x7, 256x7, 128x7, 64x7, 32x7, 16x8"))
    assert field.cursorPosition() == 0 and field.text().startswith("1024x8")


def test_the_number_boxes_take_what_a_chinese_input_method_types(qtbot, window):
    """A review after the widths took "７８４，２５６": the width, depth, gain and seed boxes
    refused "１２８" and "０．５" typed in full-width mode. They read them, and show ASCII;
    other scripts' digits stay refused. (Inserted as an input method commits its text: the
    test's key clicks are ASCII only.)"""
    def enter(key, text):
        box = window.controls.widget(key)
        edit = box.lineEdit() if hasattr(box, "lineEdit") else box
        edit.setFocus()
        edit.selectAll()
        edit.insert(text)
        qtbot.keyClick(edit, Qt.Key_Return)
        return edit

    for key, typed, shown, value in (("width", "１２", "12", lambda c: c.widths[1] == 12),
                                     ("depth", "４", "4", lambda c: c.depth == 4),
                                     ("gain", "０．５", "0.5", lambda c: c.gain == 0.5),
                                     ("gain", "１。５", "1.5", lambda c: c.gain == 1.5),
                                     ("seed", "４２", "42", lambda c: c.seed == 42)):
        edit = enter(key, typed)
        assert value(window.config()), (key, window.config())
        assert edit.text() == shown, (key, edit.text())
    before = window.config()
    enter("width", "١٢")
    assert window.config() == before


def test_a_combo_box_narrower_than_its_text_ends_it_in_an_ellipsis(qtbot):
    """A tour at 1024 pixels with the lesson, in Chinese: the Sweep tab's view box read
    "随增益变化的E", a glyph cut through; now as a box of the elided text looks, at any width
    (its label's room as the style draws it: the "…" itself was cut at some, a review)."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
    from gui.widgets import WordedCombo

    text = "随增益变化的曲线 lines by gain"
    worded, plain = WordedCombo(), QComboBox()
    for box in (worded, plain):
        qtbot.addWidget(box)
        box.addItem(text)
        box.show()
    option = QStyleOptionComboBox()
    elided_at = set()
    for width in range(80, 420, 7):
        for box in (worded, plain):
            box.setFixedWidth(width)
        plain.initStyleOption(option)
        room = plain.style().subControlRect(QStyle.CC_ComboBox, option,
                                            QStyle.SC_ComboBoxEditField, plain).width() - 2
        elided = plain.fontMetrics().elidedText(text, Qt.ElideRight, room)
        plain.setItemText(0, elided)
        assert worded.grab().toImage() == plain.grab().toImage(), width
        elided_at.add(elided != text)
    assert elided_at == {True, False}   # (both tried: cut short, and whole)


@pytest.mark.parametrize("text", ["log₁₀ χ₁（有序与爆炸）", "maps, Monte Carlo", "常数方差 γ"])
def test_a_combo_box_at_its_own_width_shows_its_longest_text_whole(qtbot, text):
    """A tour: the phase diagram's box read "log₁₀ χ₁（有序与爆…" beside free room (Qt's size
    hint left the style's edit field a few pixels short of the text it had measured)."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
    from gui.widgets import WordedCombo

    worded, whole = WordedCombo(), QComboBox()
    for box in (worded, whole):
        qtbot.addWidget(box)
        box.addItems(["x", text])
        box.setCurrentIndex(1)
        box.show()
    worded.setFixedWidth(worded.sizeHint().width())
    whole.setFixedWidth(worded.width())
    option = QStyleOptionComboBox()
    whole.initStyleOption(option)
    room = whole.style().subControlRect(QStyle.CC_ComboBox, option,
                                        QStyle.SC_ComboBoxEditField, whole).width() - 2
    assert whole.fontMetrics().elidedText(text, Qt.ElideRight, room) == text
    assert worded.grab().toImage() == whole.grab().toImage()   # drawn whole, no "…"
