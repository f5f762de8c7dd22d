"""Every plot's tick labels write a negative number with a true minus (−3), as the texts do,
never with the hyphen (-3): colour bars, the distribution's h, the spectrum's log10 s, the
Training tab's maps and input planes included."""

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter

from engine import SimConfig
from gui.widgets import settle_layouts


def tick_texts(window) -> dict[str, list[str]]:
    """Each visible axis's tick labels (what it draws now), by its plot's title and side."""
    found = {}
    for view in window.findChildren(pg.GraphicsView):
        if not view.isVisible():
            continue
        for item in view.scene().items():
            if not isinstance(item, pg.AxisItem) or not item.isVisible() \
                    or not item.style["showValues"]:
                continue
            image = QImage(8, 8, QImage.Format_ARGB32)
            painter = QPainter(image)
            try:   # the texts the axis draws (pyqtgraph leaves out what would overlap)
                specs = item.generateDrawSpecs(painter)
            finally:
                painter.end()
            texts = [text for _, _, text in specs[2]] if specs else []
            parent = item.parentItem()
            title = getattr(getattr(parent, "titleLabel", None), "text", "") or type(parent).__name__
            found[f"{title} ({item.orientation})"] = texts
    return found


def _settled(window) -> bool:
    """The window shows its config's results on the tab shown, every plot built (not a fixed
    wait: 1.5 s of it a tab, eight windows)."""
    from gui.training_plots import Worded

    page = window.tabs.current_page()
    return window.result() is not None and window.result().config == window.config() \
        and page is not None and (not hasattr(page, "is_current") or page.is_current()) \
        and all(panel.built for panel in window.findChildren(Worded))


@pytest.mark.parametrize("tab", [0, 1, "sweep lines", 2, 3, 4, 5, 6])
def test_negative_ticks_have_a_true_minus(qtbot, tab):
    from gui import MainWindow
    from gui.executors import SyncExecutor

    window = MainWindow(SimConfig.from_dict({"depth": 12, "width": 32, "batch": 64}),
                        executor=SyncExecutor(), language="en")
    qtbot.addWidget(window)
    window.show()
    window.resize(1400, 900)
    window.tabs.setCurrentIndex(1 if tab == "sweep lines" else tab)
    if tab == "sweep lines":   # (a teacher's tour: its variance axis read -10)
        mode = window.tabs.current_page().fields.mode
        mode.setCurrentIndex(mode.findData("lines"))
    qtbot.waitUntil(lambda: _settled(window), timeout=30000)
    for _ in range(3):   # (what the last results posted: layouts, ranges)
        settle_layouts()
        qtbot.wait(1)   # (0 would process no events)
    texts = tick_texts(window)
    assert texts   # (the tab's plots were found)
    hyphens = {name: t for name, t in texts.items() if any("-" in s for s in t)}
    assert not hyphens
    # the colour bars, h's axis and the sweep lines' variance axis do have negative ticks
    if tab in (0, "sweep lines"):
        assert any(s.startswith("−") for t in texts.values() for s in t)


@pytest.mark.parametrize("values", [{"activation": "linear", "alpha": -1e6, "beta": -0.25},
                                    {"activation": "leaky_relu", "negative_slope": -0.5}])
def test_an_activations_negative_parameters_are_written_with_a_true_minus(qapp, values):
    """A breaker's tour: the Activation tab's title read "σ(x) = -1e+06·x + 0", its caption
    "first order −1e+06·x", the setting line "α = -1e+06" beside "σ′(0) = −1.00·10⁶"."""
    import re

    from engine.activations import activation_for
    from gui.config_texts import config_text
    from gui.help_texts import control_help, lecture_formula, taylor_text
    from gui.texts import formula_text

    config = SimConfig.from_dict({"widths": "8, 8", **values})
    act = activation_for(config)
    texts = [formula_text(act.formula), formula_text(act.derivative), taylor_text(act),
             config_text(config), lecture_formula(config), control_help("activation", config)]
    for text in texts:
        assert not re.search(r"-\d|\de[+-]\d", text), text
    if "alpha" in values:
        assert formula_text(act.formula) == "−10⁶·x − 0.25"
