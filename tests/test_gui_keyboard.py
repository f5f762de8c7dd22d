"""The window from the keyboard and for a screen reader: where the focus starts and goes on
Tab, and the names Qt's accessibility layer gives each field (a keyboard-only tour found
Tab stops that showed nothing and named nothing, and fields a reader could not name)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QSlider

from gui.typeset import as_shown


def _name(widget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Name)


def _tab_chain(window, qtbot, start, count):
    start.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    chain = []
    for _ in range(count):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        chain.append(QApplication.focusWidget())
    return chain


@pytest.mark.fresh_window
def test_the_focus_starts_in_the_first_control_and_tab_reaches_the_readout(window, qtbot):
    """No Tab stop without a face (the controls' scroll area had one, first of all), and the
    verdict is reachable: the tab bar, then the readout, then the Lesson button above the
    controls (a tour: it was no Tab stop at all), then the first control again."""
    window.resize(1500, 940)   # (a narrower one scrolls its tab bar: its arrows are stops)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert QApplication.focusWidget().objectName() == "depth"
    chain = _tab_chain(window, qtbot, window.tabs.tabBar(), 3)
    assert chain[0] is window.dashboard.readout.view
    assert chain[1] is window.toolbar.widgetForAction(window.lesson_action)
    assert chain[2].objectName() == "depth"
    assert _name(window.dashboard.readout.view).startswith("Readout")


@pytest.mark.fresh_window
@pytest.mark.parametrize("tab", [1, 5, 6])
def test_tab_goes_from_the_tab_bar_into_a_later_pages_fields(window, qtbot, tab):
    """An audit: on the pages made when first opened (Sweep … Training) Tab went from the tab
    bar to the Lesson button in the top-right corner, their fields after it."""
    window.resize(1500, 940)
    window.activateWindow()
    window.tabs.setCurrentIndex(tab)
    page = window.tabs.page(tab)
    qtbot.waitUntil(page.isVisible)
    first = _tab_chain(window, qtbot, window.tabs.tabBar(), 1)[0]
    assert page.isAncestorOf(first), first
    qtbot.keyClick(first, Qt.Key_Backtab)   # and back (a review: to the Lesson button)
    assert QApplication.focusWidget() is window.tabs.tabBar()


def test_every_field_has_a_name_a_reader_can_say(window, qtbot):
    """The gain's label named the row holding its slider and box (read as nothing); the
    Sweep tab's fields and the Training tab's had no label tied to them."""
    gain = window.controls.findChild(object, "gain")
    assert _name(gain) == "gain" and _name(window.controls.findChild(object, "gain_slider")) \
        == "gain, slider"
    window.tabs.setCurrentWidget(window.tabs.sweep)
    names = {key: _name(window.tabs.sweep.findChild(object, key))
             for key in ("sweep_from", "sweep_to", "sweep_count")}
    assert names == {"sweep_from": "lowest gain", "sweep_to": "highest gain",
                     "sweep_count": "number of gains"}
    training = window.tabs.training
    window.tabs.setCurrentWidget(training)
    assert _name(training.findChild(object, "lr")) == "learning rate"
    assert _name(training.findChild(object, "lr_slider")) == "learning rate, slider"
    for key, label in (("task", "task"), ("optimizer", "optimizer"), ("steps", "steps")):
        assert training.fields.labels[key].buddy() is training.findChild(object, key)
    window.set_language("zh_CN")
    assert _name(window.controls.findChild(object, "gain_slider")) == "增益，滑块"


def test_ctrl_tab_and_ctrl_page_keys_switch_tabs_from_any_field(window, qtbot):
    """With the focus in the controls, Ctrl+Tab did nothing (the tab widget's own works
    inside it only), and in a spin box Ctrl+PgDn stepped the value 100 times."""
    window.activateWindow()
    depth = window.controls.findChild(object, "depth")
    depth.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(depth.hasFocus)
    shown = depth.value()
    qtbot.keyClick(depth, Qt.Key_Tab, Qt.ControlModifier)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(depth, Qt.Key_PageDown, Qt.ControlModifier)
    assert window.tabs.currentIndex() == 2 and depth.value() == shown
    qtbot.keyClick(depth, Qt.Key_PageUp, Qt.ControlModifier)
    qtbot.keyClick(depth, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(depth, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.tabs.currentIndex() == window.tabs.count() - 1   # round the end


@pytest.mark.parametrize("key", [Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space])
def test_enter_presses_the_focused_button_as_space_does(window, qtbot, key):
    """A keyboard tour pressed Enter on "New seed" and "Pin run": nothing happened (Qt's
    buttons take Enter only in a dialog). Every button of the window takes it now."""
    from PySide6.QtWidgets import QPushButton

    buttons = window.findChildren(QPushButton)
    assert buttons and all(b.autoDefault() for b in buttons)
    seed = window.controls.findChild(QPushButton, "new_seed")
    before = window.config().seed
    seed.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(seed.hasFocus)
    with qtbot.waitSignal(seed.clicked, timeout=2000):
        qtbot.keyClick(seed, key)
    assert window.config().seed != before


def test_esc_in_a_refused_text_field_puts_back_the_value_from_before(window, qtbot):
    """A keyboard tour typed "784, 0, 10" in the widths and pressed Esc: the red text stayed
    (Qt's line edits ignore Esc). Esc now gives it up, as Ctrl+Z does."""
    from PySide6.QtTest import QTest

    field = window.controls.widget("widths")
    before, shown = window.config(), field.text()
    field.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "784, 0, 10")
    assert window.controls.error_text("widths")
    qtbot.keyClick(field, Qt.Key_Escape)
    assert field.text() == shown and not window.controls.error_text("widths")
    assert window.config() == before and field.hasFocus()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_esc_withdraws_its_fields_refusal_from_the_status_bar(window, qtbot, language):
    """A student's tour: gain 0 refused, then "abc" in the widths and Esc: the widths came
    back, but the status bar kept their refusal for 8 s; it is withdrawn (in Chinese too: a
    review found the field's name matched with an ASCII colon)."""
    from PySide6.QtTest import QTest

    window.set_language(language)
    try:
        gain = window.controls.widget("gain")
        gain.setFocus(Qt.TabFocusReason)
        qtbot.waitUntil(gain.hasFocus)
        gain.selectAll()
        QTest.keyClicks(gain, "0")
        qtbot.keyClick(gain, Qt.Key_Return)
        qtbot.waitUntil(lambda: bool(window.controls.error_text("gain")), timeout=2000)
        field = window.controls.widget("widths")
        field.setFocus(Qt.TabFocusReason)
        qtbot.waitUntil(field.hasFocus)
        field.selectAll()
        QTest.keyClicks(field, "abc")
        assert window.statusBar().currentMessage().startswith(window.controls.label("widths"))
        qtbot.keyClick(field, Qt.Key_Escape)
        assert not window.controls.error_text("widths") and window.controls.error_text("gain")
        # (the gain's refusal stays in the line under the controls; not said again: a review)
        assert window.statusBar().currentMessage() == ""
        assert window.controls.problem.text().startswith(window.controls.label("gain"))
    finally:
        window.controls.set_config(window.config().with_values(gain=1.0))
        window.set_language("en")

def test_a_refusal_is_announced_to_a_screen_reader_once(window, qtbot, monkeypatch):
    """A refused value was shown (red field, status bar) but never said: a reader's user
    heard nothing. Qt's announcement carries the status bar's words, from the field, once
    per reason rather than at every key typed (a reason quotes the text: "got 'ab'")."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
    from PySide6.QtTest import QTest

    said = []
    monkeypatch.setattr(QAccessible, "updateAccessibility", lambda event: said.append(
        (event.object(), event.message())) if isinstance(event, QAccessibleAnnouncementEvent)
        else None)
    seed = window.controls.widget("seed")
    seed.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(seed.hasFocus)
    seed.selectAll()
    QTest.keyClicks(seed, "abcd")   # four refusals, each quoting the text: one said
    assert len(said) == 1 and said[0][0] is seed
    assert "seed" in said[0][1] and "last valid setting" in said[0][1]
    qtbot.keyClick(seed, Qt.Key_Escape)
    field = window.controls.widget("widths")
    field.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "784, 0, 10")
    assert len(said) >= 2 and said[-1][0] is field
    assert said[-1][1] == window.statusBar().currentMessage()
    count = len(said)
    QTest.keyClicks(field, "0")   # "784, 0, 100": the same reason, not said again
    assert len(said) == count
    qtbot.keyClick(field, Qt.Key_Escape)


def test_esc_in_a_number_box_gives_up_what_was_typed(window, qtbot):
    """Depth "0" typed, then Esc: the depth shown again, nothing refused nor changed."""
    from PySide6.QtTest import QTest

    box = window.controls.widget("depth")
    before = window.config()
    refusals = []
    box.refused.connect(refusals.append)
    box.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(box.hasFocus)
    box.selectAll()
    QTest.keyClicks(box, "0")
    assert box.text() == "0"
    qtbot.keyClick(box, Qt.Key_Escape)
    assert box.text() == str(before.depth)
    box.clearFocus()   # editing ends: nothing was left to refuse
    qtbot.wait(50)
    assert refusals == [] and window.config() == before


def test_the_keyboard_focus_shows_at_3_to_1_on_tabs_and_tool_buttons(window, qtbot):
    """Fusion's focus on a tab (a pale fill) and on the Lesson button (an outline at a third
    of its opacity) stood 2.35:1 from no focus (a keyboard tour): the focus ring differs from
    the unfocused picture by at least 3:1 somewhere (WCAG 2.2's focus appearance)."""
    import numpy as np
    from PySide6.QtWidgets import QToolButton

    from plot_probe import luminance, rgb_pixels

    def pixels(widget):
        return rgb_pixels(widget.grab().toImage())

    window.activateWindow()
    lesson = next(b for b in window.toolbar.findChildren(QToolButton)
                  if b.defaultAction() is window.lesson_action)
    for widget in (window.tabs.tabBar(), lesson):
        widget.clearFocus()
        plain = pixels(widget)
        widget.setFocus(Qt.TabFocusReason)
        window.setAttribute(Qt.WA_KeyboardFocusChange, True)   # as a Tab key press sets it
        qtbot.waitUntil(widget.hasFocus)
        focused = pixels(widget)
        a, b = luminance(plain), luminance(focused)
        contrast = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
        assert contrast.max() >= 3.0, (widget, contrast.max())


def test_a_screen_reader_names_each_plot_by_its_titles(window, qtbot):
    """The plots were graphics without a name (a keyboard tour): each is named by the titles
    it shows, in the window's language, the Sweep tab's two maps together."""
    from PySide6.QtGui import QAccessible

    profile = window.dashboard.profile
    assert QAccessible.queryAccessibleInterface(profile).role() == QAccessible.Graphic
    assert _name(profile).startswith("Variance profile")
    # its sub- and superscripts as such (an audit: "Var[hti]")
    assert _name(window.dashboard.forward).startswith("Forward: per-unit Var[hᵗᵢ]")
    window.tabs.setCurrentIndex(1)
    sweep = _name(window.tabs.sweep.graphics)
    assert sweep.startswith("Forward") and "; Backward" in sweep
    window.set_language("zh_CN")
    assert _name(profile).startswith("方差曲线")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_reader_is_told_a_controls_help_in_words_not_markup(window, language):
    """An audit: the controls' accessible descriptions were their tooltips' source,
    "<qt>L, the number of weight layers: h<sup>t</sup>…", with &#x27; and &gt; in them."""
    window.set_language(language)
    try:
        for key in ("depth", "activation", "negative_slope", "gain"):
            widget = window.controls.widget(key)
            said = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Description)
            assert said and not any(s in said for s in ("<", "&#", "&gt;", "&amp;")), said
        said = QAccessible.queryAccessibleInterface(window.controls.gain.slider).text(
            QAccessible.Description)
        assert said and "<" not in said
    finally:
        window.set_language("en")


def test_a_text_area_focused_from_the_keyboard_shows_it_and_is_scrolled_to(window, qtbot):
    """An audit: at 900 × 450 Tab from the tab bar put the focus in the readout while the
    page stayed at its top (0 of 106 px), and a focused readout or lesson text changed no
    pixel. The page scrolls to it and a focus ring is drawn around it."""
    from gui.theme import FocusFrame

    window.resize(900, 450)
    window.activateWindow()
    readout = window.dashboard.readout.view
    scroll = readout.parentWidget()
    while not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parentWidget()
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    scroll.verticalScrollBar().setValue(0)
    chain = _tab_chain(window, qtbot, window.tabs.tabBar(), 1)
    assert chain[0] is readout
    top = readout.mapTo(scroll.viewport(), readout.rect().topLeft()).y()
    assert 0 <= top < scroll.viewport().height()   # in view
    frame = readout.findChild(FocusFrame)
    assert frame.isVisible() and frame.geometry() == readout.rect()
    readout.clearFocus()
    assert not frame.isVisible()


@pytest.mark.fresh_window
def test_the_spectrum_tab_s_words_are_reached_by_tab_and_read(window, qtbot):
    """An audit: the Spectrum tab had no Tab stop, its words out of a keyboard's and a screen
    reader's reach. Its caption is a Tab stop (ringed), read and copied by the keys; so are
    the Sweep tab's note and the Activation and Weights tabs' captions."""
    from gui.theme import FocusFrame

    window.resize(1500, 940)
    window.activateWindow()
    window.tabs.setCurrentIndex(3)
    page = window.tabs.page(3)
    qtbot.waitUntil(lambda: page.isVisible() and "J = ∂h" in as_shown(page.text.text()),
                    timeout=15000)
    [first] = _tab_chain(window, qtbot, window.tabs.tabBar(), 1)
    assert first is page.text
    assert "of J = ∂hᴸ/∂h⁰ at one input" in _name(page.text)   # (not "∂hL/∂h0")
    assert page.text.findChild(FocusFrame).isVisible()
    qtbot.keyClick(page.text, Qt.Key_A, Qt.ControlModifier)   # select all, from the keys
    assert "singular values s of J" in page.text.selectedText()
    for tab, name in ((1, "note"), (5, "caption"), (4, "caption")):
        window.tabs.setCurrentIndex(tab)
        label = getattr(window.tabs.page(tab), name)
        assert label.focusPolicy() == Qt.StrongFocus and label.findChild(FocusFrame)


def test_a_plain_caption_is_read_whole_with_its_less_than_signs(window, qtbot):
    """A review: the Activation tab's plain-text caption was read as rich text, so "< 0.1 %
    of the pre-activations" began a tag and a screen reader heard only what came before."""
    from engine import SimConfig

    window.set_config(SimConfig.from_dict({"activation": "tanh", "gain": 3000.0,
                                           "depth": 6, "width": 16, "batch": 32}))
    window.tabs.setCurrentIndex(5)
    caption = window.tabs.page(5).caption
    qtbot.waitUntil(lambda: "<" in caption.text(), timeout=15000)
    assert _name(caption) == as_shown(caption.text())   # (read without its no-break marks)


def test_a_presenters_page_keys_step_the_lesson_and_never_change_a_field(qtbot, window):
    """A lecturer's tour: a presenter's remote sends PageDown and PageUp. With the depth box
    focused at launch, the first click made depth 50 → 40, unsaid (the gain box 1 → 0.32, its
    slider 1 → 0.8, the activation tanh → relu). No field takes the page keys; with the
    lesson open they step it."""
    config = window.config()
    window.activateWindow()
    controls = window.controls
    for key in ("depth", "gain", "activation"):
        field = controls.widget(key)
        field.setFocus()
        qtbot.waitUntil(lambda f=field: f.isAncestorOf(QApplication.focusWidget())
                        or f.hasFocus())
        for page in (Qt.Key_PageDown, Qt.Key_PageUp, Qt.Key_PageDown):
            qtbot.keyClick(QApplication.focusWidget(), page)
        assert window.config() == config, key
    slider = controls.findChild(QSlider)
    slider.setFocus()
    qtbot.keyClick(slider, Qt.Key_PageDown)
    assert window.config() == config
    window.lesson_action.setChecked(True)
    try:
        lesson = window.lesson
        lesson.set_step(0)
        controls.widget("depth").setFocus()
        with qtbot.waitSignal(lesson.stepChanged):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_PageDown)
        assert lesson.step() == 1 and window.config() == config
        with qtbot.waitSignal(lesson.stepChanged):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key_PageUp)
        assert lesson.step() == 0
    finally:
        window.lesson_action.setChecked(False)


@pytest.mark.fresh_window
def test_view_full_screen_toggles_and_follows_the_window(qtbot, window):
    """A lecturer's tour: no way into a projector's whole screen, nor out of one restored
    from the last session. View ▸ Full screen (F11) toggles it, checked as the window is."""
    action = window.menus.full_screen_action
    assert "F11" in [key.toString() for key in action.shortcuts()] and not action.isChecked()
    window.activateWindow()
    qtbot.keyClick(window.controls.widget("depth"), Qt.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not action.isChecked()
    window.showFullScreen()   # (as a session restored full screen)
    qtbot.waitUntil(action.isChecked)
