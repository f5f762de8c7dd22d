"""The dashboard's words follow the application's translator at once (Qt's LanguageChange),
without a .qm file: a translator that marks every text of our contexts must show up in the plot
titles, axis labels, legends, markers, notes, the readout's rows and the sentences of gui.texts,
gui.help_texts and gui.phase_texts, and removing it must bring the English back exactly."""

import numpy as np
import pytest
from marking import Marking

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication  # noqa: E402

from engine import SimConfig, simulate  # noqa: E402
from gui import config_texts, help_texts, phase_texts, texts  # noqa: E402

CONTEXTS = {"texts", "Readout", "HeatmapView", "ProfileView", "DistributionView", "Pin",
            "PinBar"}


def test_a_python_translator_is_honoured(qapp):
    marking = Marking(CONTEXTS)
    QCoreApplication.installTranslator(marking)
    try:
        assert QCoreApplication.translate("texts", "gain {gain}") == "«gain {gain}»"
        assert QCoreApplication.translate("Other", "gain") == "gain"
    finally:
        QCoreApplication.removeTranslator(marking)
    assert QCoreApplication.translate("texts", "gain {gain}") == "gain {gain}"


def _words(dashboard, pin_bar):
    """Every text the dashboard and the pin bar show."""
    p, f, d = dashboard.profile, dashboard.forward, dashboard.distribution
    return {
        "profile title": p.plot.titleLabel.text,
        "profile x": p.plot.getAxis("bottom").labelText,
        "profile y": p.plot.getAxis("left").labelText,
        "legend": [label.text for _, label in p.legend.items],
        "pins": [label.text for _, label in p.pin_legend.items],
        "input level": p.reference.label.format,
        "profile marker": p.forward_marker.label.format,
        "heatmap title": f.plot.titleLabel.text,
        "heatmap y": f.plot.getAxis("left").labelText,
        "heatmap bar": f.bar.getAxis("left").labelText,
        "heatmap marker": f.marker.label.format,
        "note": f.note.text(),
        "backward title": dashboard.backward.plot.titleLabel.text,
        "distribution title": d.plot.titleLabel.text,
        "distribution y": d.plot.getAxis("left").labelText,
        "distribution bar": d.bar.getAxis("left").labelText,
        "readout": dashboard.readout.text(),
        "pin button": pin_bar.pin_button.text(),
        "pin tooltip": pin_bar.pin_button.toolTip(),
        "pin count": pin_bar.count.text(),
    }


def test_the_dashboard_words_itself_again_when_the_language_changes(qtbot):
    from gui.dashboard import Dashboard
    from gui.pins import PinBar, PinStore

    # batch 1: the heatmaps' note; gain 0.1 and a bias below float32's range: the forward
    # pass underflows (markers)
    config = SimConfig.from_dict({"gain": 0.1, "depth": 50, "width": 8, "batch": 1,
                                  "bias_std": 1e-38})
    result = simulate(config)
    assert result.monte_carlo.forward_invalid is not None
    dashboard = Dashboard()
    qtbot.addWidget(dashboard)
    dashboard.resize(1600, 900)   # (room for the pin's full name: narrower, it is numbered)
    dashboard.show()
    store = PinStore()
    pin_bar = PinBar(store)
    qtbot.addWidget(pin_bar)
    dashboard.show_result(result, staggered=False)
    dashboard.readout.set_hint(lambda: texts.translate("texts", "stable"))
    store.pin(result)
    dashboard.profile.set_pins(store.pins())
    english = _words(dashboard, pin_bar)
    assert english["profile title"] == "Variance profile (pooled over batch and units)"
    assert english["note"].startswith("Undefined with batch 1")
    assert "underflow from t = " in english["profile marker"]
    assert english["pins"] == ["pin 1: tanh · Xavier · gain 0.1 · bias std 10⁻³⁸ · depth 50 · width 8"]
    assert "Look for" in english["readout"] and english["pin count"] == "1 pinned"
    config_text = config_texts.config_text(config)

    marking = Marking(CONTEXTS)
    QCoreApplication.installTranslator(marking)
    try:
        qtbot.waitUntil(lambda: dashboard.profile.plot.titleLabel.text.startswith("«"))
        qtbot.waitUntil(lambda: pin_bar.pin_button.text().startswith("«"))
        marked = _words(dashboard, pin_bar)
        unchanged = [key for key in english if marked[key] == english[key]]
        assert unchanged == ["distribution y"]      # "h", a symbol
        assert marked["profile title"] == "«Variance profile (pooled over batch and units)»"
        assert marked["heatmap title"] == \
            "«Forward: per-unit Var[h<sup>t</sup><sub>i</sub>] over the batch»"
        assert marked["profile x"] == "«layer t»"
        assert marked["note"].startswith("«Undefined with batch 1")
        assert "«forward»" in marked["heatmap marker"] and "«underflow»" in marked["heatmap marker"]
        assert marked["pins"][0].startswith("«pin 1: ")
        for row in ("Setting", "Per layer", "Verdict", "Formula", "Look for"):
            assert f"«{row}»" in marked["readout"]
        assert "«stable»" in marked["readout"]      # the hint, asked for again
        assert "«VANISHING»" in marked["readout"] or "«EXPLODING»" in marked["readout"]
        assert "«gain {gain}»" not in config_texts.config_text(config)   # the value is put in
        assert "«gain 0.1»" in config_texts.config_text(config)
        assert phase_texts.phase_name(np.nan) == "«undefined»"
        assert help_texts.control_help("seed", config).startswith("«seeds every random draw")
    finally:
        QCoreApplication.removeTranslator(marking)
    qtbot.waitUntil(lambda: not dashboard.profile.plot.titleLabel.text.startswith("«"))
    qtbot.waitUntil(lambda: not pin_bar.pin_button.text().startswith("«"))
    assert _words(dashboard, pin_bar) == english
    assert config_texts.config_text(config) == config_text


def test_the_profile_says_how_many_draws_in_the_current_language(qtbot):
    from gui.distribution import DistributionView
    from gui.profile import ProfileView

    view, distribution = ProfileView(), DistributionView()
    qtbot.addWidget(view)
    qtbot.addWidget(distribution)
    result = simulate(SimConfig.from_dict({"activation": "relu", "depth": 3, "width": 4,
                                           "batch": 4, "trials": 3}))
    view.set_monte_carlo(result)
    distribution.set_data(result)
    # (relu: off centre)
    assert distribution.plot.getAxis("left").labelText == "h (standardized; black ticks: h = 0)"
    marking = Marking(CONTEXTS)
    QCoreApplication.installTranslator(marking)
    try:
        qtbot.waitUntil(lambda: view.plot.titleLabel.text.startswith("«"))
        qtbot.waitUntil(lambda: distribution.plot.titleLabel.text.startswith("«"))
        assert distribution.plot.getAxis("left").labelText == \
            "«h (standardized; black ticks: h = 0)»"
        assert view.plot.titleLabel.text == ("«Variance profile: median of {trials} draws, "
                                             "bands 10–90 % and min–max»").format(trials=3)
        label = view.legend.getLabel(view.forward_mc).text
        assert label == "««forward Var[h<sup>t</sup>]», median of 3 draws»"
    finally:
        QCoreApplication.removeTranslator(marking)
    qtbot.waitUntil(lambda: not view.plot.titleLabel.text.startswith("«"))
    qtbot.waitUntil(lambda: not distribution.plot.titleLabel.text.startswith("«"))
    assert distribution.plot.getAxis("left").labelText == "h (standardized; black ticks: h = 0)"
    assert view.legend.getLabel(view.forward_mc).text == \
        "forward Var[h<sup>t</sup>], median of 3 draws"


def test_engine_facts_the_tables_do_not_know_pass_through():
    from xml.sax.saxutils import escape

    from gui.translations import ts_path

    assert texts.word(texts.TREND_KINDS, "wobbling") == "wobbling"
    assert texts.distribution_name("fancy_new") == "fancy new"
    # every formula with words is marked for translation (the others are pure symbols)
    catalogue = ts_path("zh_CN").read_text(encoding="utf-8")
    wordy = [f for f in (*texts.RULE_FORMULAS.values(), *texts.DISTRIBUTION_FORMULAS.values())
             if any(w in f for w in ("variance", "slope", "cut", "orthogonal", "weight"))]
    assert len(wordy) == 5
    marked = [escape(f, {"'": "&apos;"}) for f in wordy]   # as the .ts file writes them
    assert all(f"<source>{f}</source>" in catalogue for f in marked)
