"""The Training tab's status line: beside the buttons where it has room there, else under
them, and in its two lines whatever it says (text too long for them ends in "…", whole in
its tooltip)."""

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from gui.training_layout import fitted_lines
from gui.training_readout import status_text
from gui.widgets import text_document
from gui.window_tabs import TRAINING_TAB

LONG = ("stopped: training diverged · 1234 steps/s · the mini-batch of 4096 is more than the "
        "1000 training examples: each step goes over them 4.096 times")
CHINESE = ("已停止：训练发散 · 每秒 1234 步 · 小批量 4096 大于训练集（1000 个样本）：每步约遍历训练集 "
           "4.096 次")


def _training_tab(window, qtbot, width, height):
    window.resize(width, height)
    window.tabs.setCurrentIndex(TRAINING_TAB)
    qtbot.waitUntil(lambda: window.tabs.made(TRAINING_TAB) is not None
                    and window.width() == width)
    qtbot.wait(20)   # (the layout's posted requests)
    return window.tabs.made(TRAINING_TAB)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_status_sits_beside_the_buttons_where_it_has_room(qtbot, window, language):
    """A layout tour at 1280 × 720: the status took a line of its own under the buttons (the
    tab was 7 pixels under a fixed 1000), with ~430 pixels free beside them, and the plots
    lost that line. Beside the lesson, or at 1024, its room there is too small: under them."""
    window.set_language(language)
    try:
        for width, height, beside in ((1280, 720, True), (1024, 700, False)):
            view = _training_tab(window, qtbot, width, height)
            status, button = view.status, view.reset_button
            middle = status.mapTo(view, status.rect().center()).y()
            top = button.mapTo(view, button.rect().topLeft()).y()
            assert (top <= middle <= top + button.height()) == beside, (width, language)
            right = button.mapTo(view, button.rect().topRight()).x()
            assert (status.mapTo(view, status.rect().topLeft()).x() > right) == beside
            below = view.curves.mapTo(view, view.curves.rect().topLeft()).y()
            assert below > status.mapTo(view, status.rect().bottomLeft()).y()
        # its two lines have room in the new language's glyphs (a review: measured on the
        # English words, two Chinese lines were cut after a change of language)
        status.setText(" ".join([CHINESE if language == "zh_CN" else LONG] * 3))
        shown = super(type(status), status).text()
        needed = text_document(status.font(), plain=shown, width=status.contentsRect().width())
        assert shown.count("\n") == 1 and needed.size().height() <= status.contentsRect().height()
    finally:
        window.set_language("en")


def test_the_status_keeps_its_place_as_the_window_is_dragged_wider(qtbot, window):
    """A review: the buttons were measured with the status beside them, a spacing wider, so
    in a band of 4 pixels the status moved to and fro at every pixel of a drag."""
    view = _training_tab(window, qtbot, 1100, 720)
    row = view.arrangement.rows[-1].right
    places = []
    for width in range(1100, 1240, 2):
        window.resize(width, 720)
        qtbot.waitUntil(lambda: window.width() == width)
        places.append(row.indexOf(view.status) >= 0)
    assert places[0] is False and places[-1] is True
    assert places == sorted(places), places   # under the buttons, then beside them for good


def test_a_status_longer_than_its_two_lines_ends_in_an_ellipsis(qtbot, window):
    """Qt cut a long status after its second line without a mark (at 1280 × 720 beside the
    buttons, the English of a diverged run with a mini-batch over the training set)."""
    view = _training_tab(window, qtbot, 1280, 720)
    status = view.status
    height = status.height()
    longer = " ".join([LONG] * 3)   # (more than two lines in any face)
    status.setText(longer)
    shown = super(type(status), status).text()   # what Qt draws
    assert shown.endswith("…") and shown.count("\n") == 1, shown
    assert status.text() == longer and status.toolTip() == longer
    assert status.accessibleName() == longer
    assert status.height() == height   # (its room is kept: the plots do not move)
    first, second = shown.split("\n")
    assert longer.startswith(first) and longer[len(first):].lstrip().startswith(second[:-1])
    short = status_text("running", 12.3, valid=True, problem=None, failure=None)
    status.setText(short)
    assert super(type(status), status).text() == short == status.text()
    assert status.toolTip() == "" and status.accessibleName() == ""
    # an error's message of several lines: its lines run on, and still end in "…" if cut
    status.setText("Training failed: OSError\n  one\n  two")
    assert super(type(status), status).text() == "Training failed: OSError   one   two"
    assert status.toolTip() == ""
    status.setText(longer.replace(" · ", "\n"))
    assert super(type(status), status).text().endswith("…")


def test_fitted_lines_keeps_what_fits_and_marks_what_does_not(qapp):
    font = QFont("Sans Serif", 9)
    advance = QFontMetricsF(font).horizontalAdvance(LONG)
    assert fitted_lines(LONG, font, 2 * advance, 2) == LONG
    assert fitted_lines(LONG, font, 0, 2) == LONG   # (not laid out yet)
    for width in (advance / 8, advance / 4, advance / 2.5):
        shown = fitted_lines(LONG, font, width, 2)
        lines = shown.split("\n")
        assert len(lines) == 2 and lines[-1].endswith("…"), (width, shown)
        assert LONG.startswith(lines[0])
    lines = fitted_lines(CHINESE, font, 200, 2).split("\n")
    assert len(lines) == 2 and CHINESE.startswith(lines[0]) and lines[1].endswith("…")
    assert fitted_lines(LONG, font, advance / 4, 3).count("\n") == 2


def test_a_change_that_drops_a_trained_session_says_so(qtbot, window):
    """A GUI tour: a finished training vanished at New seed, and Undo brought the seed back
    but not the training, without a word. The status bar says it starts again, and what
    was dropped."""
    from gui.training_session import DONE

    from engine import SimConfig

    config = window.config()
    view = _training_tab(window, qtbot, 1280, 800)
    window.set_config(SimConfig.from_dict({"depth": 3, "width": 8}))
    view.set_config(window.config().with_values(steps=30, log_every=10), training=True)
    view.start()
    qtbot.waitUntil(lambda: view.session.state() == DONE, timeout=20000)
    try:
        window.set_config(window.config().with_values(seed=window.config().seed + 1))
        qtbot.waitUntil(lambda: "30 steps trained before are dropped"
                        in window.statusBar().currentMessage(), timeout=5000)
        window.set_config(window.config().with_values(seed=window.config().seed + 1))
        assert view.session.step() == 0   # (nothing trained since: no second note)
        # one step, said as one (a breaker's tour: "1 steps trained before are dropped")
        view.set_config(window.config().with_values(steps=1, log_every=1), training=True)
        view.start()
        qtbot.waitUntil(lambda: view.session.state() == DONE, timeout=20000)
        window.set_config(window.config().with_values(seed=window.config().seed + 1))
        qtbot.waitUntil(lambda: "(the 1 step trained before is dropped)"
                        in window.statusBar().currentMessage(), timeout=5000)
    finally:
        window.set_config(config)
        view.set_config(config, training=True)
