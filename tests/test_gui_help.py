"""Help ▸ Glossary and Keyboard shortcuts; the keys of the tabs and the presets."""

from pathlib import Path

from PySide6.QtGui import QKeySequence

from gui import help_dialogs
from gui.presets import DEMO_PRESETS, PRESETS, TRAINING_PRESETS
from marking import marked


def test_the_glossary_explains_every_word_the_plots_use(window):
    dialog = help_dialogs.show_glossary(window)
    text = dialog.findChild(object, "glossary_text")
    shown = text.toPlainText()
    for term in ("decades", "pooled", "per unit, over the batch", "χ₁", "mean-field theory",
                 "Monte Carlo", "typical run", "critical gain"):
        assert term in shown
    # a student reading the book's text beside the app: its σ² is the lecture's γ_t
    assert "writes this variance σ², and the layer l" in shown
    # its indices typeset, as the tabs write them (a tour: "ξ_c, depth scale")
    assert "ξ<sub>c</sub>, depth scale" in help_dialogs.glossary_html() and "ξ_c" not in shown
    window.set_language("zh_CN")
    try:
        assert "_c" not in help_dialogs.glossary_html() and "<sub>c</sub>" in \
            help_dialogs.glossary_html()
    finally:
        window.set_language("en")
    with marked("Help"):
        assert "«decades»" in help_dialogs.glossary_html()
    dialog.close()


def test_every_key_is_listed_and_does_what_it_says(window):
    keys = {action.shortcut().toString(): action for action in window.menus.all_actions()}
    assert keys["Ctrl+Z"] is window.menus.undo_action and keys["F1"] is window.lesson_action
    lecture = DEMO_PRESETS + PRESETS + TRAINING_PRESETS        # in lecture order
    assert [keys[f"Alt+{k}"].data() for k in "1234567890"] == list(lecture[:10])
    assert keys["Alt+1"].data().tab == "activation"   # the lecture's first figure, then 100
    assert keys["Alt+2"].data().config().depth == 100   # matrices: the menu's first entries
    # none on Ctrl+Alt: AltGr, read as Ctrl+Alt on Windows, types characters with digits
    assert not [k for k in keys if k.startswith("Ctrl+Alt+")]
    keys["Alt+3"].trigger()
    assert window.config() == lecture[2].config()
    keys["Ctrl+3"].trigger()
    assert window.tabs.currentIndex() == 2 and keys["Ctrl+3"].text() == "Phase diagram tab"
    dialog = help_dialogs.show_shortcuts(window)
    shown = dialog.findChild(object, "shortcuts_text").toPlainText()
    # a keyboard tour: Quit had no key where the platform gives it none (Windows, a Linux
    # without a desktop theme: here)
    assert keys["Ctrl+Q"].text() == "&Quit"
    for key in ("Ctrl+Z", "F1", "Ctrl+1", "Alt+1", "F5", "Esc", "Ctrl+Shift+Z", "Ctrl+Y",
                "Alt+Left", "Alt+Right", "Ctrl+Q"):   # a tour: Redo's and the lesson's were missing
        assert QKeySequence(key).toString(QKeySequence.NativeText) in shown, key
    assert "Lesson: next step" in shown
    assert "Menu key, Shift+F10" in shown and "A plot's menu" in shown   # (no action's keys)
    # a tour: Undo's row named the next step ("Undo change of gain") and Redo's listed the
    # keyboard's own Redo key as a key to press ("Ctrl+Shift+Z, Ctrl+Y, Redo")
    window.controls.widget("depth").setValue(window.config().depth + 1)
    dialog.close()
    dialog = help_dialogs.show_shortcuts(window)
    cells = dialog.findChild(object, "shortcuts_text").toPlainText().splitlines()   # a cell
    assert "Undo" in cells and "Redo" in cells and not any("change of" in c for c in cells)
    keys = next(c for c in cells if "Ctrl+Y" in c)
    assert keys.startswith("Ctrl+Shift+Z, Ctrl+Y") and "Redo" not in keys
    bound = {k.toString() for k in window.menus.redo_action.shortcuts()}   # every platform
    assert {k.toString() for k in QKeySequence.keyBindings(QKeySequence.Redo)} <= bound  # key
    # still redoes, the keyboard's own Redo key too (a review: it had been unbound)
    shown = "\n".join(cells)
    assert "Network tab" in shown and lecture[0].title() in shown and "&" not in shown
    dialog.close()


def test_about_names_the_version_the_lecture_and_the_libraries(window):
    from importlib import metadata

    from gui.help_dialogs import about_text

    text = about_text()
    assert f"InitLab</b> {metadata.version('initlab')} " in text      # installed by the set-up
    assert "Dive into Deep Learning" in text and "pyqtgraph" in text and "numpy" in text
    assert "MIT licence" in text
    licence = (Path(__file__).resolve().parents[1] / "LICENSE").read_text()
    assert licence.startswith("MIT License")             # the file the About box names
    dialog = help_dialogs.show_about(window)   # as tall as its text: whole, without a scroll
    shown = dialog.findChild(object, "about_text")   # nor a blank below it
    assert "MIT licence" in shown.toPlainText()
    assert shown.verticalScrollBar().maximum() == 0
    assert shown.viewport().height() - shown.document().size().height() < 8
    dialog.close()


def test_clear_pins_and_cancel_are_greyed_when_they_would_do_nothing(window, qtbot):
    """A tour: Compare ▸ Clear pins was enabled with no pins (the button beside it greyed)
    and Simulation ▸ Cancel with nothing running; either did nothing, without a word."""
    keys = {action.shortcut().toString(): action for action in window.menus.all_actions()}
    clear, cancel = keys["Ctrl+Shift+P"], keys["Esc"]
    assert not window.pins.pins() and not clear.isEnabled()
    qtbot.waitUntil(lambda: window.result() is not None)
    window.pin_run()
    assert clear.isEnabled()
    clear.trigger()
    assert not window.pins.pins() and not clear.isEnabled()
    menu = next(a.menu() for a in window.menuBar().actions()
                if cancel in a.menu().actions())
    qtbot.waitUntil(lambda: not window.controller.busy())
    menu.aboutToShow.emit()
    assert not cancel.isEnabled()
    menu.aboutToHide.emit()
    assert cancel.isEnabled()   # Esc stays bound: a run may start


def test_opening_a_help_dialog_again_leaves_no_dialog_behind(window, qtbot):
    """A soak test: each Help ▸ Glossary or Keyboard shortcuts left a hidden dialog (~0.9 MB)
    for the window's life. Opened twice, one dialog is shown; closed, it is deleted."""
    from PySide6.QtWidgets import QDialog

    first = help_dialogs.show_glossary(window)
    assert help_dialogs.show_glossary(window) is first     # brought to the front, not a copy
    for _ in range(5):
        help_dialogs.show_shortcuts(window).close()
        help_dialogs.show_glossary(window).close()
    qtbot.waitUntil(lambda: not window.findChildren(QDialog, "glossary")
                    and not window.findChildren(QDialog, "shortcuts"))


def test_a_help_dialog_at_a_large_font_stays_within_the_screen(window):
    """A large-font tour: the Glossary at 16 pt was 1124 × 844, its Close button under the
    edge of a 1024 × 600 screen (its text scrolls instead)."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from gui import screen_fit

    font = QApplication.font()
    large = QFont(font)
    large.setPointSizeF(16)
    QApplication.setFont(large)
    try:
        for show in (help_dialogs.show_glossary, help_dialogs.show_shortcuts,
                     help_dialogs.show_about):   # (About was a message box: OK off screen)
            dialog = show(window)
            room = screen_fit.available(window).size() - screen_fit.FRAME
            assert dialog.width() <= room.width() and dialog.height() <= room.height()
            dialog.close()
    finally:
        QApplication.setFont(font)
