"""Edit ▸ Undo / Redo of the config (Qt's undo stack) and Reset to defaults."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSlider

from engine import SimConfig
from gui import files, undo
from gui.presets import PRESETS
from marking import marked


@pytest.fixture
def clock(monkeypatch):
    """undo's clock, moved by hand: edits are as far apart as a test says."""
    now = [1000.0]
    monkeypatch.setattr(undo.time, "monotonic", lambda: now[0])
    return now


def _focus_on(qtbot, window, key="widths"):
    """The field of `key`, shown with the keyboard focus and its text selected."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    field = window.controls.widget(key)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    return field


def _menu_texts(window):
    return window.menus.undo_action.text(), window.menus.redo_action.text()


def test_each_change_is_a_step_back_and_forth(window, clock):
    start = window.config()
    stack = window.history.stack
    assert not window.menus.undo_action.isEnabled() and _menu_texts(window) == ("&Undo", "&Redo")
    window.controls.widget("depth").setValue(7)
    clock[0] += 5
    window.controls.widget("trials").setValue(3)
    assert (window.config().depth, window.config().trials) == (7, 3) and stack.count() == 2
    assert _menu_texts(window) == ("&Undo change of trials", "&Redo")
    window.menus.undo_action.trigger()
    assert (window.config().depth, window.config().trials) == (7, start.trials)
    assert window.controls.widget("trials").value() == start.trials
    assert _menu_texts(window) == ("&Undo change of depth", "&Redo change of trials")
    # said where one looks (a lecturer's tour: the plots changed back without a word)
    assert window.statusBar().currentMessage() == "Undone: change of trials"
    window.menus.undo_action.trigger()
    assert window.config() == start and window.controls.widget("depth").value() == start.depth
    assert not window.menus.undo_action.isEnabled()
    window.menus.redo_action.trigger()
    window.menus.redo_action.trigger()
    assert (window.config().depth, window.config().trials) == (7, 3)
    assert stack.count() == 2                       # undoing and redoing made no new steps
    # the note worded again in another language, its step too (a GUI tour: "已撤销：change
    # of depth"); and back
    window.set_language("zh_CN")
    try:
        assert window.statusBar().currentMessage() == "已重做：对“抽样次数”的更改"
    finally:
        window.set_language("en")
    assert window.statusBar().currentMessage() == "Redone: change of trials"
    assert window.statusBar().currentMessage() == "Redone: change of trials"


@pytest.mark.parametrize("keys", ["Ctrl+Shift+Z", "Ctrl+Y"])
def test_both_redo_keys_redo(qtbot, window, clock, keys):
    """A tour: Ctrl+Y was bound twice (Qt's X11 list starts with it), an ambiguous shortcut,
    and Ctrl+Shift+Z not at all: no key redid."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    start = window.config()
    window.show()
    qtbot.waitExposed(window)
    window.controls.widget("depth").setValue(7)
    window.activateWindow()
    field = window.controls.widget("depth")   # the focus left in the field just used (a
    field.setFocus()                          # re-review: its own undo took Ctrl+Z)
    qtbot.waitUntil(field.hasFocus)
    QTest.keySequence(field, QKeySequence("Ctrl+Z"))
    assert window.config() == start
    QTest.keySequence(field, QKeySequence(keys))
    assert window.config().depth == 7


def test_a_dragged_or_typed_field_is_one_step_and_a_new_change_drops_redo(window, clock):
    start = window.config()
    for gain in (1.2, 1.5, 2.0, 2.5):                # a drag: values 0.2 s apart
        window.controls.set_config(window.config().with_values(gain=gain))
        clock[0] += 0.2
    assert window.history.stack.count() == 1
    clock[0] += 5
    window.controls.set_config(window.config().with_values(gain=3.0))   # later: a new step
    assert window.history.stack.count() == 2
    window.history.stack.undo()
    window.history.stack.undo()
    assert window.config() == start
    window.controls.set_config(start.with_values(bias_std=0.1))        # redo is gone
    assert not window.history.stack.canRedo() and window.history.stack.count() == 1


def test_a_click_on_the_sliders_groove_puts_the_gain_there_in_one_step(window, qtbot, plotted):
    """A lecturer's tour: a click on the gain slider's groove, meaning gain 4, stepped it by a
    page (1 → 1.26). The knob goes where the groove is clicked and is held there, so dragging
    on from it and the jump are one press: one Undo puts the gain back."""
    from PySide6.QtCore import QPoint

    slider = window.controls.findChild(QAbstractSlider, "gain_slider")
    start = window.config()
    steps = window.history.stack.count()
    x, y = slider.width() - 3, slider.height() // 2
    qtbot.mousePress(slider, Qt.LeftButton, pos=QPoint(x, y))
    assert slider.isSliderDown() and slider.value() > slider.maximum() - slider.steps // 10
    qtbot.mouseMove(slider, QPoint(slider.width() * 3 // 4, y))
    qtbot.mouseRelease(slider, Qt.LeftButton, pos=QPoint(slider.width() * 3 // 4, y))
    dragged = window.config().gain
    assert not slider.isSliderDown() and 1.5 < dragged < slider.to_log(slider.maximum())
    assert plotted(window).config.gain == dragged        # the full run once released
    assert window.history.stack.count() == steps + 1
    window.history.stack.undo()
    assert window.config() == start
    qtbot.mouseClick(slider, Qt.LeftButton, pos=QPoint(3, y))   # the groove's low end
    assert window.config().gain == pytest.approx(slider.to_log(slider.minimum()), rel=0.1)


def test_one_press_of_a_slider_is_one_step_held_still_and_all(window, clock):
    """An audit: the gain dragged 1 → 3, held still 1.5 s, then on to 0.36 and released made
    two steps (they merged by time alone), and one Undo landed on 3. A new press is a new
    step, however soon."""
    slider = window.controls.findChild(QAbstractSlider, "gain_slider")
    start = window.config()
    slider.setSliderDown(True)
    for value, pause in ((2.0, 0.2), (3.0, 1.5), (1.0, 0.2), (0.36, 0.2)):
        window.controls.set_config(window.config().with_values(gain=value))
        clock[0] += pause
    slider.setSliderDown(False)
    assert window.history.stack.count() == 1
    slider.setSliderDown(True)                         # pressed again at once: its own step
    window.controls.set_config(window.config().with_values(gain=0.5))
    slider.setSliderDown(False)
    assert window.history.stack.count() == 2
    window.history.stack.undo()
    window.history.stack.undo()
    assert window.config() == start


def test_undo_takes_away_a_number_typed_and_not_yet_entered_first(qtbot, window, clock):
    """An audit: depth set to 9, then 5 typed in the gain box without Return: Ctrl+Z put the
    depth back and the 5 vanished. It takes the 5 away first, as a text editor's undo."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    window.controls.widget("depth").setValue(9)
    clock[0] += 5
    gain = _focus_on(qtbot, window, "gain")
    QTest.keyClicks(gain, "5")
    assert gain.text() == "5" and window.config().gain == 1.0
    QTest.keySequence(gain, QKeySequence("Ctrl+Z"))
    assert gain.text() == "1" and window.config().depth == 9 and window.config().gain == 1.0
    QTest.keySequence(gain, QKeySequence("Ctrl+Z"))   # nothing typed now: the depth's step
    assert window.config().depth != 9
    width = window.controls.widget("width")           # "—" (unequal widths) is its value's
    window.controls.set_config(window.config().with_values(widths="8, 16, 8"))
    clock[0] += 5
    width.setFocus()
    qtbot.waitUntil(width.hasFocus)
    assert width.text() == "—"
    QTest.keySequence(width, QKeySequence("Ctrl+Z"))
    assert window.config().widths != (8, 16, 8)


def test_a_value_entered_or_a_new_seed_is_a_step_of_its_own(qtbot, window, clock):
    """An audit: gain 2⏎ then 3⏎ within a second were one step, and so were two New seed
    clicks: Undo skipped the middle value."""
    from PySide6.QtTest import QTest

    start = window.config()
    gain = _focus_on(qtbot, window, "gain")
    for value in ("2", "3"):
        gain.selectAll()
        QTest.keyClicks(gain, value)
        QTest.keyClick(gain, Qt.Key_Return)
        clock[0] += 0.2
    assert window.config().gain == 3.0 and window.history.stack.count() == 2
    window.history.stack.undo()
    assert window.config().gain == 2.0
    window.history.stack.undo()
    assert window.config() == start
    seeds = []
    for _ in range(2):
        window.controls.new_seed.click()
        seeds.append(window.config().seed)
        clock[0] += 0.2
    window.history.stack.undo()
    assert window.config().seed == seeds[0]


def test_a_long_drag_keeps_no_command_per_value(window, clock):
    """A soak test: each value of a held slider merged into the step was kept alive, with its
    two window states, by the stack for ever (~3 MB per 3000 values at depth 50)."""
    import gc

    def alive() -> int:   # this window's (not another test's window's, freed or not)
        gc.collect()   # (type(), not isinstance: that reads a deprecated attribute of torch's
        return sum(type(o) is undo.ConfigChange and o.history is window.history   # modules)
                   for o in gc.get_objects())

    start, before = window.config(), alive()
    for i in range(200):                              # a drag: values 10 ms apart
        window.controls.set_config(window.config().with_values(gain=1.0 + (i + 1) / 100))
        clock[0] += 0.01
    assert window.history.stack.count() == 1 and window.config().gain == 3.0
    assert alive() <= before + 1, (before, alive(), window.history.stack.count())
    window.history.stack.undo()
    assert window.config() == start


def test_a_drag_back_to_where_it_started_is_no_step(window, clock):
    start = window.config()
    window.controls.widget("depth").setValue(7)        # an earlier step
    clock[0] += 5
    for gain in (1.5, 2.0, start.gain):               # back where the drag started
        window.controls.set_config(window.config().with_values(gain=gain))
        clock[0] += 0.2
    stack = window.history.stack
    assert stack.count() == 1 and window.config().depth == 7
    assert window.config().gain == start.gain
    assert window.menus.undo_action.text() == "&Undo change of depth"
    assert not stack.canRedo()
    stack.undo()                                      # the depth's step, not a no-op
    assert window.config() == start


def test_an_edit_merging_after_an_undo_drops_what_there_was_to_redo(window, clock):
    """A review: gain, then trials within a second, Undo, then gain again within the second:
    the new gain merged into the first step, and Redo (of trials) turned it back to 1.5."""
    start = window.config()
    window.controls.set_config(start.with_values(gain=1.5))
    clock[0] += 0.3
    window.controls.set_config(window.config().with_values(trials=3))
    clock[0] += 0.3
    window.history.stack.undo()                                        # trials
    clock[0] += 0.3
    window.controls.set_config(window.config().with_values(gain=1.8))  # merges with gain's
    stack = window.history.stack
    assert not stack.canRedo() and window.menus.redo_action.text() == "&Redo"
    assert window.config().gain == 1.8 and window.config().trials == start.trials
    stack.undo()
    assert window.config() == start


def test_widths_typed_with_pauses_are_one_step(qtbot, window, clock):
    """A tour: the widths apply as they are typed; "784, 256x3, 10" typed with pauses over a
    second made six steps, and one Undo gave widths 784, 256, 256, 256, 1."""
    from PySide6.QtTest import QTest

    start = window.config()
    field = _focus_on(qtbot, window)
    for part in ("784, 2", "56x3", ", 1", "0"):
        QTest.keyClicks(field, part)
        clock[0] += 2                                   # a pause longer than MERGE_S
    assert window.config().widths == (784, 256, 256, 256, 10)
    assert window.history.stack.count() == 1
    assert _menu_texts(window)[0] == "&Undo change of widths"   # not "of 2 settings"
    window.history.stack.undo()
    assert window.config() == start
    window.history.stack.redo()
    window.controls.widget("gain").setFocus()           # the visit ends: a new one, a new step
    qtbot.waitUntil(lambda: not field.hasFocus())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "16x4")
    assert window.history.stack.count() == 2
    clock[0] += 5
    window.controls.widget("depth").setValue(5)   # the focus still in the widths: not typing
    assert window.history.stack.count() == 3 and field.hasFocus()
    assert _menu_texts(window)[0] == "&Undo change of depth"
    # the depth of unequal widths (a teacher's tour: "change of widths")
    window.controls.widget("gain").setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "784, 256x49, 10")
    clock[0] += 5
    window.controls.widget("gain").setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    window.controls.widget("depth").setValue(10)
    assert window.config().widths[0] == 784 and window.config().depth == 10
    assert _menu_texts(window)[0] == "&Undo change of depth"


@pytest.mark.parametrize("typed", ["784, 0, 10", "784, 256x0, 10"])
def test_undo_takes_a_refused_text_away_before_any_step(qtbot, window, clock, typed):
    """A tour: depth 20, then "784, 0, 10" typed in the widths (refused, so never applied)
    and Ctrl+Z: it undid depth 20, a step the typing never was, and left the refusal's note
    in the status bar. Undo now takes the refused text away first, as a text editor's would
    ("784, 256x0, 10" had applied its prefix "784, 256": that is put back too)."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    window.controls.widget("depth").setValue(20)
    clock[0] += 5
    after_depth = window.config()
    field = _focus_on(qtbot, window)
    shown = field.text()
    QTest.keyClicks(field, typed)
    assert window.controls.error_text("widths")
    window.controls.inputRejected.emit("widths", window.controls.error_text("widths"))
    assert window.statusBar().currentMessage()
    QTest.keySequence(field, QKeySequence("Ctrl+Z"))
    assert window.config() == after_depth and window.config().depth == 20
    assert field.text() == shown and not window.controls.error_text("widths")
    # the refusal's note gone; the prefix that had applied, undone and said so
    assert window.statusBar().currentMessage() == \
        ("Undone: change of widths" if "256x0" in typed else "")
    QTest.keySequence(field, QKeySequence("Ctrl+Z"))   # then the steps, as before
    assert window.config().depth != 20


def test_undo_takes_a_refused_text_away_with_no_step_to_undo(qtbot, window):
    """A breaker's tour: a new window's first entry refused ("784, 0, 10"), and Edit ▸ Undo
    was greyed out, Ctrl+Z did nothing, the field stayed red. Undo is there for the refused
    text while it shows, and greyed out again once it is taken away."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    undo = window.menus.undo_action
    assert window.history.stack.count() == 0 and not undo.isEnabled()
    field = _focus_on(qtbot, window)
    shown = field.text()
    QTest.keyClicks(field, "784, 0, 10")
    QTest.keyClick(field, Qt.Key_Return)
    qtbot.waitUntil(lambda: bool(window.controls.error_text("widths")))
    assert undo.isEnabled()
    QTest.keySequence(field, QKeySequence("Ctrl+Z"))
    assert field.text() == shown and not window.controls.error_text("widths")
    assert not undo.isEnabled()
    # the Training tab's refused value alike (a review)
    from gui.window_tabs import TRAINING_TAB

    window.tabs.setCurrentIndex(TRAINING_TAB)
    fields = window.tabs.training.fields
    assert window.history.stack.count() == 0 and not undo.isEnabled()
    fields.bindings["lr"].widget.setValue(50.0)
    assert fields.error_text("lr") and undo.isEnabled()
    undo.trigger()
    assert not fields.error_text("lr") and not undo.isEnabled()


def test_undo_takes_a_refused_training_value_away_before_any_step(window, clock):
    """A teacher's tour: learning rate 0.02, then 50 (beyond the engine's 10: the box shows it
    red), and Ctrl+Z undid 0.02 as well, leaving no trace of the 50. Undo takes the 50 away
    first, as it does a refused text in the controls; then the steps, as before."""
    from gui.window_tabs import TRAINING_TAB

    window.tabs.setCurrentIndex(TRAINING_TAB)
    fields = window.tabs.training.fields
    lr = fields.bindings["lr"].widget
    lr.setValue(0.02)
    clock[0] += 5
    lr.setValue(50.0)
    assert fields.error_text("lr") and not fields.valid()
    window.history.undo()
    assert lr.value() == 0.02 == window.tabs.training.config().lr
    assert not fields.error_text("lr") and fields.valid()
    window.history.undo()
    assert lr.value() == 0.01 == window.tabs.training.config().lr


def test_a_preset_and_reset_to_defaults_are_undone_whole(window, clock):
    start = window.config()
    window.apply_preset(PRESETS[0])
    assert window.config() == PRESETS[0].config()
    # named (an audit: "Undo change of 6 settings"), in the window's language
    assert window.menus.undo_action.text() == f"&Undo preset “{PRESETS[0].name}”"
    clock[0] += 5
    window.reset_to_defaults()
    assert window.config() == SimConfig() and "Undo" in window.statusBar().currentMessage()
    assert window.menus.undo_action.text() == "&Undo reset to defaults"
    window.set_language("zh_CN")
    assert window.menus.undo_action.text() == "撤销恢复默认设置(&U)"
    window.set_language("en")
    window.history.stack.undo()
    assert window.config() == PRESETS[0].config()
    window.history.stack.undo()
    assert window.config() == start


def test_the_training_tabs_edits_are_steps_and_a_later_change_keeps_them(window, clock):
    """A tour: the Training tab's edits were never steps (Undo stayed disabled), and an Undo
    after a lesson's Set up put the learning rate back to 0.01, not the 0.5 the tab had."""
    from gui.presets import TRAINING_PRESETS
    from gui.window_tabs import TRAINING_TAB

    window.tabs.setCurrentIndex(TRAINING_TAB)
    training = window.tabs.training
    lr = training.fields.bindings["lr"].widget
    lr.setValue(0.5)
    assert training.config().lr == 0.5 and window.menus.undo_action.isEnabled()
    assert _menu_texts(window)[0] == "&Undo change of learning rate"
    window.history.stack.undo()
    assert training.config().lr == 0.01 and lr.value() == 0.01
    window.history.stack.redo()
    assert training.config().lr == 0.5 and window.saved_config().lr == 0.5
    clock[0] += 5
    window.controls.widget("depth").setValue(9)            # a network edit keeps the tab's
    assert training.config().lr == 0.5
    clock[0] += 5
    window.apply_preset(TRAINING_PRESETS[0])               # training keys of its own
    assert training.config().lr == TRAINING_PRESETS[0].config().lr
    window.history.stack.undo()
    assert training.config().lr == 0.5 and window.config().depth == 9
    window.history.stack.undo()
    assert window.config().depth != 9 and training.config().lr == 0.5


def test_undo_puts_back_the_comparison_and_the_presets_hint(window, clock):
    """A tour: undoing the four-inits preset left "the lecture's four inits" selected on the
    Training tab, and a preset's hint, gone with a change, did not come back with its undo."""
    from gui.presets import TRAINING_PRESETS

    hint = window.dashboard.readout.hint
    window.apply_preset(PRESETS[0])
    assert hint() == PRESETS[0].hint_text()
    clock[0] += 5
    window.controls.widget("depth").setValue(9)
    assert hint() == ""
    window.history.stack.undo()
    assert window.config() == PRESETS[0].config() and hint() == PRESETS[0].hint_text()
    window.history.stack.redo()
    assert window.config().depth == 9 and hint() == ""
    window.history.stack.undo()
    clock[0] += 5
    window.apply_preset(TRAINING_PRESETS[0])
    fields = window.tabs.training.fields
    assert fields.mode() == "inits" and hint() == TRAINING_PRESETS[0].hint_text()
    window.history.stack.undo()
    assert fields.mode() == "single" and hint() == PRESETS[0].hint_text()
    window.history.stack.redo()
    assert fields.mode() == "inits" and hint() == TRAINING_PRESETS[0].hint_text()
    clock[0] += 5
    fields.set_mode("single")   # the tab's own choice is a step
    assert _menu_texts(window)[0] == "&Undo change of compare"
    window.history.stack.undo()
    assert fields.mode() == "inits"


def test_a_preset_applied_again_and_a_file_opened_again_are_steps_of_the_right_values(
        window, clock, tmp_path):
    """A review: a training preset applied a second time (the controls' training keys already
    its own) was recorded with the tab's old learning rate, so Redo brought that back; and
    after an Undo of a file that changed only the learning rate, opening it again did
    nothing (the controls still held it)."""
    from gui.presets import TRAINING_PRESETS
    from gui.window_tabs import TRAINING_TAB

    preset = TRAINING_PRESETS[0]
    window.apply_preset(preset)
    training = window.tabs.training
    clock[0] += 5
    training.fields.bindings["lr"].widget.setValue(0.2)
    clock[0] += 5
    window.controls.widget("depth").setValue(9)
    clock[0] += 5
    window.apply_preset(preset)
    assert training.config().lr == preset.config().lr and window.config().depth == 6
    window.history.stack.undo()
    assert training.config().lr == 0.2 and window.config().depth == 9
    window.history.stack.redo()
    assert training.config().lr == preset.config().lr and window.config().depth == 6
    clock[0] += 5
    path = tmp_path / "lr.json"
    path.write_text(json.dumps({**json.loads(files.config_json(window.saved_config())),
                                "lr": 0.3}))
    window.tabs.setCurrentIndex(TRAINING_TAB)
    assert window.open_config(path) and training.config().lr == 0.3
    window.history.stack.undo()
    assert training.config().lr == preset.config().lr
    count = window.history.stack.index()
    assert window.open_config(path) and training.config().lr == 0.3
    assert window.history.stack.index() == count + 1


def test_a_reset_a_file_and_a_redo_after_training_edits_do_what_they_say(qtbot, window, clock,
                                                                         tmp_path):
    """A re-review: a redo of a Training-tab edit changed the controls' training keys (the
    network's Monte Carlo ran again); a file whose training keys equalled the controls' left
    the tab's; a Reset made with the focus in the widths field merged into the typing."""
    from PySide6.QtTest import QTest

    from gui.window_tabs import TRAINING_TAB

    window.tabs.setCurrentIndex(TRAINING_TAB)
    training = window.tabs.training
    path = tmp_path / "defaults.json"
    assert window.save_config(path)
    clock[0] += 5
    training.fields.bindings["lr"].widget.setValue(0.5)
    window.history.stack.undo()
    window.history.stack.redo()
    assert training.config().lr == 0.5 and window.controls.config().lr == 0.01
    clock[0] += 5
    count = window.history.stack.index()
    assert window.open_config(path)                          # its lr 0.01: the tab's too
    assert training.config().lr == 0.01 and window.history.stack.index() == count + 1
    assert window.menus.undo_action.text() == "&Undo opening defaults.json"
    window.tabs.setCurrentIndex(0)
    field = _focus_on(qtbot, window)
    QTest.keyClicks(field, "50x4")
    typed = window.config()
    window.reset_to_defaults()                               # the focus still in the field
    assert window.config() == SimConfig()
    window.history.stack.undo()
    assert window.config() == typed
    # the Training tab's keys and comparison are reset too (an audit: its learning rate and
    # steps had stayed, and File ▸ Save wrote them), and come back with Undo
    clock[0] += 5
    training.fields.bindings["lr"].widget.setValue(0.003)
    clock[0] += 5
    training.set_mode("inits")
    clock[0] += 5
    window.reset_to_defaults()
    assert training.config().lr == SimConfig().lr and training.fields.mode() == "single"
    assert window.saved_config() == SimConfig()
    window.history.stack.undo()
    assert training.config().lr == 0.003 and training.fields.mode() == "inits"


def test_the_menu_and_its_steps_are_worded_in_the_window_language(window, clock):
    window.controls.widget("depth").setValue(9)
    with marked("Menus", "Undo", "ControlsPanel"):
        undo_text, redo_text = _menu_texts(window)
        assert undo_text == "«&Undo {what}»".replace("{what}", "«change of {field}»").replace(
            "{field}", "«depth»")
        assert redo_text == "«&Redo»"
    assert _menu_texts(window) == ("&Undo change of depth", "&Redo")
