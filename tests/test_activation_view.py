"""The Activation panel: what it draws for theory-only and Monte Carlo results, its layer spin
box, in-place updates, a y range that ignores runaway Taylor curves, exploding and vanishing
runs, the exported image, and its words (every one through translate, re-worded on
LanguageChange)."""

import ast
import dataclasses
import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from marking import marked
from plot_probe import drawn_labels, drawn_tick_labels

from engine import SimConfig, mean_field, simulate
from engine.activation_curves import activation_curves, preact_variance
from engine.result import SimResult
from gui.activation_view import ActivationView
from gui.texts import fmt
from gui.typeset import as_shown

SMALL = {"depth": 6, "width": 16, "batch": 32}
SOURCES = [Path(__file__).resolve().parents[1] / "gui" / name
           for name in ("activation_view.py", "activation_texts.py")]


def _caption(view) -> str:
    """The caption's words as they read (without the marks that keep its formulas whole)."""
    return as_shown(view.caption.text())


def theory_result(**values) -> SimResult:
    config = SimConfig.from_dict({**SMALL, **values})
    return SimResult(config, theory=mean_field(config))


@pytest.fixture
def view(qtbot):
    v = ActivationView()
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    return v


def ys(curve) -> np.ndarray:
    y = curve.getData()[1]
    return np.zeros(0) if y is None else np.asarray(y, dtype=float)


def test_before_any_result(view):
    assert view.objectName() == "activation_view"
    assert view.curves() is None and view.layer() == 1
    assert _caption(view) == "No network yet."


def test_theory_only_result_draws_sigma_taylor_and_density(view):
    result = theory_result(activation="sigmoid")
    view.set_result(result)
    assert view.layer() == 6   # the last layer by default
    c = view.curves()
    q, source = preact_variance(result, 6)
    assert c.q == q and source == "theory"
    np.testing.assert_array_equal(ys(view.sigma_curve), c.sigma)
    np.testing.assert_array_equal(ys(view.dsigma_curve), c.dsigma)
    np.testing.assert_allclose(ys(view.taylor3_curve), c.taylor3)
    x_lo, x_hi = view.sigma_plot.getViewBox().viewRange()[0]
    assert x_lo == pytest.approx(-4 * math.sqrt(q)) and x_hi == pytest.approx(4 * math.sqrt(q))
    assert view.dsigma_plot.getViewBox().viewRange()[0] == pytest.approx([x_lo, x_hi])
    density = ys(view.sigma_panel.density)
    assert np.argmax(density) == 200   # the density's peak at x = 0, beneath σ
    assert density.max() < ys(view.sigma_curve).min() + 0.5 * np.ptp(ys(view.sigma_curve))
    assert "mean-field theory" in view.info.textItem.toPlainText()
    caption = _caption(view)
    assert "1/2 + x/4 − x³/48" in caption and "1/2 + x/4;" in caption
    assert f"{100 * c.linear_mass:.1f} %" in caption
    # y = x beside it: sigmoid's first order 1/2 + x/4 is not the identity (a teacher: the
    # green band alone read as "sigmoid is in its linear regime")
    x, y = view.identity_curve.getData()
    inside = (y > y.min()) & (y < y.max())
    np.testing.assert_array_equal(y[inside], x[inside])
    assert "y = x" in view.legend.getLabel(view.identity_curve).text
    # and the caption says so (a student's tour)
    assert "σ's first order is not it: σ(0) = 0.5, σ′(0) = 0.25." in caption


def test_a_chosen_x_range_draws_sigmas_shape_and_says_what_it_holds(view):
    """A teacher's tour: at the last layer of "The fix" the pre-activations span ±0.75, where
    σ, its polynomials and y = x are one line, and no view showed σ's shape; "x over ±8"
    draws it, with the layer's own range back at None."""
    result = theory_result(activation="sigmoid", gain=0.5)
    view.set_result(result)
    own = view.curves().half_width
    assert own < 2
    view.set_x_range(8.0)
    c = view.curves()
    assert c.half_width == 8 and c.x[0] == -8 and c.x[-1] == 8 and c.range_limited == ""
    assert view.sigma_plot.getViewBox().viewRange()[0] == pytest.approx([-8, 8])
    np.testing.assert_array_equal(ys(view.sigma_curve), c.sigma)
    assert ys(view.sigma_curve)[0] < 0.001 and ys(view.sigma_curve)[-1] > 0.999   # saturated
    assert c.q == preact_variance(result, 6)[0] and c.coverage == pytest.approx(1.0)
    caption = _caption(view)
    assert "x is shown over ±8, a range chosen: it holds 100 % of the pre-activations of " \
           f"layer 6 (±4√qₜ = ±{own:.3g})." in caption
    assert "over ±8, with the density of h′" in view.sigma_plot.titleLabel.text
    view.set_x_range(2.0)
    assert view.curves().half_width == 2
    view.set_x_range(None)
    assert view.curves().half_width == pytest.approx(own) and "a range chosen" not in \
        _caption(view)
    with pytest.raises(ValueError):
        view.set_x_range(3.0)


def test_monte_carlo_result_names_its_source(view):
    result = simulate(SimConfig.from_dict({**SMALL, "activation": "tanh"}))
    view.set_result(result)
    c = view.curves()
    assert c.q == pytest.approx(10 ** result.monte_carlo.log10_preact_var[6])
    assert "from the Monte Carlo" in view.info.textItem.toPlainText()


def test_items_are_updated_in_place(view):
    view.set_result(theory_result(activation="tanh"))
    items = list(view.sigma_plot.getViewBox().addedItems)
    d_items = list(view.dsigma_plot.getViewBox().addedItems)
    curves = (view.sigma_curve, view.taylor1_curve, view.taylor3_curve, view.dsigma_curve)
    for values in ({"activation": "relu", "init": "he"}, {"activation": "tanh", "gain": 4.0},
                   {"activation": "sigmoid"}):
        view.set_result(theory_result(**values))
    assert view.sigma_plot.getViewBox().addedItems == items
    assert view.dsigma_plot.getViewBox().addedItems == d_items
    assert (view.sigma_curve, view.taylor1_curve, view.taylor3_curve, view.dsigma_curve) == curves


def test_y_range_follows_sigma_not_the_runaway_taylor_curves(view):
    view.set_result(theory_result(activation="tanh", gain=4.0))
    c = view.curves()
    assert np.nanmax(np.abs(c.taylor3)) > 100   # x − x³/3 far out at ±4√q
    lo, hi = view.sigma_plot.getViewBox().viewRange()[1]
    assert -1.2 < lo < -0.9 and 0.9 < hi < 1.2
    drawn = ys(view.taylor3_curve)
    assert np.abs(drawn).max() <= 1000 * (hi - lo) + 1.2   # clipped for drawing
    dlo, dhi = view.dsigma_plot.getViewBox().viewRange()[1]
    assert dlo < 0 < 1 < dhi < 1.2
    assert c.linear_mass < 0.3 and "of the pre-activations of layer 6" in _caption(view)


def test_layer_spin_box_stays_put_or_follows_the_last_layer(view):
    view.set_result(theory_result())
    view.set_layer(3)
    assert view.curves().q == preact_variance(theory_result(), 3)[0]
    view.set_result(theory_result(depth=10))
    assert view.layer() == 3 and view.layer_spin.maximum() == 10
    view.set_result(theory_result(depth=2))
    assert view.layer() == 2   # clamped, and now at the last layer ...
    view.set_result(theory_result(depth=8))
    assert view.layer() == 8   # ... which it follows
    view.layer_spin.setValue(99)
    assert view.layer() == 8 and "layer t = 8" in view.sigma_plot.titleLabel.text


def test_exploding_and_vanishing_runs(view):
    huge = theory_result(activation="identity", init="constant", variance=10.0, depth=400,
                         width=256)
    view.set_result(huge)   # q_400 ≈ 2560⁴⁰⁰ ≈ 10^{1363}, beyond float64: drawn from its log10
    c = view.curves()
    assert c.invalid is None and c.range_limited == "ceiling"
    assert ys(view.sigma_curve).size == c.x.size and ys(view.sigma_panel.density).size == c.x.size
    assert np.isfinite(ys(view.sigma_panel.density)).all()
    for text in (_caption(view), view.info.textItem.toPlainText()):
        assert "·10¹³⁶³" in text and "∞" not in text and "^" not in text, text
    assert "too large to draw to scale" in _caption(view)
    tiny = theory_result(activation="tanh", gain=0.01, depth=30, width=256)
    view.set_result(tiny)
    c = view.curves()
    assert c.q < 1e-100 and c.range_limited == "floor" and c.linear_mass == 1.0
    assert "too small to draw to scale" in _caption(view)
    # how far they spread, not "a spike at 0" (a tour: a bell over ±3·10⁻⁷ of ±10⁻⁶ was one)
    assert "spike" not in _caption(view) and \
        f"spread over only ±4√qₜ = ±{fmt(4 * math.sqrt(c.q))}." in as_shown(_caption(view))
    # typeset like everything else: they read "q_t = 2.07·10^-30" (raw markup)
    for text in (_caption(view), view.info.textItem.toPlainText()):
        assert "^" not in text and "_" not in text and "10⁻" in text, text
    assert _caption(view).startswith("Taylor") and "qₜ = " in _caption(view)
    assert np.isfinite(ys(view.sigma_panel.density)).all()
    wide = theory_result(activation="relu", init="he", gain=1e4, depth=30, width=256)
    view.set_result(wide)
    assert view.curves().range_limited == "ceiling"
    assert "too large" in _caption(view)


def test_a_variance_below_float64_is_not_called_exactly_zero(view):
    """Issue: tanh at gain 0.5, depth 1000 read "q_t = 0" and "Every pre-activation of layer
    1000 is exactly 0", while the theory had log10 q = −602.3 (below float64's 1e−308)."""
    result = theory_result(activation="tanh", gain=0.5, depth=1000, width=64)
    log10_q = result.theory.log10_preact_var[1000]
    assert -400 > log10_q > -math.inf
    view.set_result(result)
    c = view.curves()
    assert c.q == 0.0 and c.log10_q == pytest.approx(log10_q) and c.range_limited == "floor"
    mantissa_exponent = "·10⁻" + str(int(-math.floor(log10_q))).translate(
        str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    for text in (_caption(view), view.info.textItem.toPlainText()):
        assert mantissa_exponent in text and "exactly 0" not in text, text
    assert "too small to draw to scale" in _caption(view)
    # their spread from the log10 too, not 4√0 = 0: 4·10^(log10 q / 2)
    spread = "·10⁻" + str(int(-math.floor(math.log10(4) + log10_q / 2))).translate(
        str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    assert "spread over only ±" in _caption(view) and spread in _caption(view), _caption(view)
    # and a range chosen says the layer's own range so too (it said "±4√qₜ = ±0")
    view.set_x_range(2.0)
    chosen = _caption(view).split("a range chosen")[1]
    assert "(±4√qₜ = ±" in chosen and spread in chosen and "= ±0)" not in chosen, chosen


def test_axes_write_powers_of_ten_as_the_texts_do_and_label_their_ends(view, qtbot):
    """The axes read "5e-07" beside the caption's 1.00·10⁻⁶; and with its grid pyqtgraph
    dropped the labels at the ends of a short axis: σ′ = 1 had no "1" beside it."""
    view.resize(740, 600)   # as in the window at 1024 × 700
    view.set_result(theory_result(activation="tanh", gain=0.01, depth=30, width=256))
    left = view.dsigma_plot.getAxis("left")
    qtbot.waitUntil(lambda: 40 < left.geometry().height() < 110, timeout=2000)
    bottom = drawn_tick_labels(view.dsigma_plot.getAxis("bottom"))
    assert "0" in bottom and any(text.endswith("·10⁻⁷") for text in bottom), bottom
    assert not any("e" in text for text in bottom + drawn_tick_labels(view.sigma_plot.getAxis("left")))
    # (every level to one number of decimals: "0" had stood beside "1.0")
    assert {"0.0", "1.0"} <= set(drawn_tick_labels(left)), drawn_tick_labels(left)
    # both ends of the x axis labelled, the left one's minus too (a tour: "10⁻⁶" at the right
    # end, nothing at −10⁻⁶: its label ran further past the axis than pyqtgraph allowed)
    view.set_result(theory_result(activation="tanh", init="constant", variance=1e-30,
                                  depth=50, width=256))
    bottom = view.dsigma_plot.getAxis("bottom")
    qtbot.wait(20)
    texts = drawn_tick_labels(bottom)
    assert texts[0].startswith("−") and texts[-1][0].isdigit(), texts
    assert texts[0] == "−" + texts[-1], texts   # (the ends: ±4√q)


def test_a_dead_network_is_a_spike_at_zero(view):
    result = simulate(SimConfig.from_dict({"activation": "relu", "init": "he", "width": 3,
                                           "depth": 30, "batch": 16}))
    mc = result.monte_carlo
    assert mc.forward_invalid is not None and mc.forward_invalid.reason == "exactly zero variance"
    view.set_result(result)
    c = view.curves()
    assert c.q == 0.0 and "exactly 0" in _caption(view)


def test_monte_carlo_without_theory(view):
    result = simulate(SimConfig.from_dict({**SMALL, "activation": "gelu"}))
    view.set_result(dataclasses.replace(result, theory=None))
    assert view.curves().q == pytest.approx(10 ** result.monte_carlo.log10_preact_var[6])


def test_hidden_view_computes_when_shown(qtbot):
    v = ActivationView()
    qtbot.addWidget(v)
    v.set_result(theory_result())
    assert v.sigma_curve.getData()[0] is None   # nothing drawn while hidden
    v.show()
    assert len(v.sigma_curve.getData()[0]) > 0
    v.hide()
    v.set_layer(2)
    assert v.curves().q == preact_variance(theory_result(), 2)[0]   # brought up to date


def test_compare_draws_the_lectures_sigmas_in_place_of_the_taylor_polynomials(view):
    """A teacher's tour: sigmoid, its fix 4·sigmoid(x) − 2 and tanh on one plot, the lecture's
    comparison; those that are not σ itself, with their values at 0 in the caption."""
    view.set_result(theory_result(activation="tanh", gain=3))
    c = view.curves()
    assert view.lecture() == ()
    assert all(ys(s).size == 0 for pair in view.lecture_items.values() for s in pair)
    view.compare_box.click()
    assert view.compare_box.isChecked()
    drawn = view.lecture()
    assert [lc.name for lc in drawn] == ["sigmoid", "sigmoid_scaled"]   # tanh is σ: black
    for lc in drawn:
        sigma_curve, dsigma_curve = view.lecture_items[lc.name]
        np.testing.assert_array_equal(sigma_curve.getData()[0], c.x)
        np.testing.assert_array_equal(ys(sigma_curve), lc.sigma)
        np.testing.assert_array_equal(ys(dsigma_curve), lc.dsigma)
    assert ys(view.lecture_items["tanh"][0]).size == 0
    assert ys(view.taylor1_curve).size == 0 and ys(view.taylor3_curve).size == 0
    # the fix reaches ±2 where tanh stays within ±1: the y range takes it in
    lo, hi = view.sigma_plot.getViewBox().viewRange()[1]
    assert lo < -1.9 and hi > 1.9
    assert view.legend.getLabel(view.taylor1_curve) is None
    # nor the first-order polynomial's band (a student's tour: the fix and tanh inside it
    # read as "where these are linear")
    assert not any(r.isVisible() for r in view.sigma_panel.regions)
    assert view.legend.getLabel(view.region_sample) is None
    assert "the shaded band" not in _caption(view)
    assert view.legend.getLabel(view.lecture_items["sigmoid"][0]).text == "sigmoid"
    assert view.legend.getLabel(view.sigma_curve).text == "σ and σ′: tanh"
    caption = _caption(view)
    assert caption.startswith("Thin lines, beside tanh: sigmoid has σ(0) = 0.5, σ′(0) = 0.25; "
                              "4·sigmoid(x) − 2 has σ(0) = 0, σ′(0) = 1.")
    assert "Taylor polynomials" not in caption
    # another σ: all three beside it; unchecked: the polynomials back
    view.set_result(theory_result(activation="relu", init="he"))
    assert [lc.name for lc in view.lecture()] == ["sigmoid", "sigmoid_scaled", "tanh"]
    assert view.legend.getLabel(view.sigma_curve).text == "σ and σ′: relu"
    view.set_compared(False)
    assert view.lecture() == ()
    assert all(ys(s).size == 0 for pair in view.lecture_items.values() for s in pair)
    assert ys(view.taylor1_curve).size > 0
    assert view.legend.getLabel(view.taylor1_curve).text == "Taylor at 0, first order"
    assert view.legend.getLabel(view.sigma_curve).text == "σ and σ′"
    assert _caption(view).startswith(   # (relu's two are one: said once)
        "The first- and third-order Taylor polynomials of σ at 0 are the same: x for x ≥ 0, 0 for "
        "x < 0.")
    view.set_result(theory_result(activation="tanh"))
    assert _caption(view).startswith(
        "Taylor polynomials of σ at 0: first order x; third order x − x³/3.")


def _points_under_the_q_box(view) -> int:
    """How many drawn points of the σ plot's curves lie under the q_t box, as shown."""
    box = view.sigma_plot.getViewBox()
    rect = view.info.sceneBoundingRect()
    curves = [view.sigma_curve, view.taylor1_curve, view.taylor3_curve, view.identity_curve,
              *(pair[0] for pair in view.lecture_items.values())]
    under = 0
    for curve in curves:
        x, y = curve.getData()
        for xi, yi in zip([] if x is None else x, [] if y is None else y):
            under += rect.contains(box.mapViewToScene(pg.Point(float(xi), float(yi))))
    return under


def test_the_q_box_keeps_off_the_curves(view, qtbot):
    """A tour at 1024 × 600: the q_t box in the top-left corner hid sigmoid's left end beside
    tanh; it moves to the bottom-right corner then, and stays top-left where that is clear."""
    view.set_result(theory_result(activation="tanh", depth=50, width=256))
    view.set_layer(50)
    view.compare_box.click()
    for size in ((740, 330), (1000, 700)):
        view.resize(*size)
        qtbot.waitUntil(lambda: view.sigma_plot.getViewBox().width() < size[0])
        qtbot.wait(20)
        assert view.info.isVisible() and _points_under_the_q_box(view) == 0, size
        # short, sigmoid's left end runs under the top-left corner; tall, it does not
        assert view.info.anchor == pg.Point(*((1, 1) if size[1] < 500 else (0, 0))), size
    view.resize(740, 330)   # with no curve under the top-left corner: there
    view.set_compared(False)
    qtbot.wait(20)
    assert _points_under_the_q_box(view) == 0 and view.info.anchor == pg.Point(0, 0)


def test_compare_keeps_sigmas_own_scale_where_the_lecture_s_would_flatten_it(view):
    """A review: x within ±1e-6 (a vanishing run), sigmoid's 1/2 in the y range drew tanh as a
    flat line; the view keeps σ's scale and the caption says which curve lies outside it."""
    view.set_compared(True)
    view.set_result(theory_result(activation="tanh", gain=0.05))
    c = view.curves()
    assert c.range_limited == "floor"
    lo, hi = view.sigma_plot.getViewBox().viewRange()[1]
    assert hi - lo < 1e-5 and lo < c.sigma.min() and c.sigma.max() < hi   # σ's own scale
    assert [lc.name for lc in view.lecture()] == ["sigmoid", "sigmoid_scaled"]
    assert "Outside the view, beyond σ's scale on this range of x: sigmoid." \
        in _caption(view)
    # where they fit within a few of σ's spans, the view takes them in, and says nothing
    view.set_result(theory_result(activation="tanh", gain=3))
    lo, hi = view.sigma_plot.getViewBox().viewRange()[1]
    assert lo < -1.9 and hi > 1.9 and "Outside the view" not in _caption(view)


def test_compare_draws_nothing_over_a_range_where_they_are_flat(view):
    """A student's tour: an exploding relu's x over ±10⁴³ drew the three flat at 0, their
    slopes a spike on relu's step, and the caption described them as if seen."""
    view.set_compared(True)
    view.set_result(theory_result(activation="relu", init="he", gain=10))
    c = view.curves()
    assert c.half_width > 100 and view.lecture() == ()
    assert all(ys(s).size == 0 for pair in view.lecture_items.values() for s in pair)
    assert ys(view.taylor1_curve).size > 0   # the polynomials, as without the box
    caption = _caption(view)
    assert caption.startswith("The first- and third-order Taylor polynomials of σ at 0 are "
                              "the same")
    assert "The lecture's σ are not drawn: over x within ±" in caption
    assert "flat at their bounds but for a sliver at 0." in caption


def test_compare_on_a_run_with_nothing_to_draw(view):
    """An overflowed variance (nothing drawn) draws none of the lecture's σ either."""
    result = theory_result(activation="tanh")
    mc = simulate(SimConfig.from_dict({**SMALL, "activation": "tanh"})).monte_carlo
    bad = mc.log10_preact_var.copy()
    bad[-1] = math.nan
    view.set_compared(True)
    view.set_result(SimResult(result.config, monte_carlo=dataclasses.replace(
        mc, log10_preact_var=bad)))
    assert view.curves().invalid is not None and view.lecture() == ()
    assert all(ys(s).size == 0 for pair in view.lecture_items.values() for s in pair)


def test_the_figure_leaves_the_layer_box_out(view):
    from gui import figures

    view.set_result(theory_result(activation="tanh"))
    image = figures.image(view.figure())
    top = view.graphics.y() - 4                # the layer box is left out: the title says it
    assert top >= view.layer_spin.height()
    assert (image.width(), image.height()) == (1000, 700 - top)
    double = figures.image(view.figure(), 2.0)
    assert (double.width(), double.height()) == (2000, 2 * (700 - top))
    dark = sum(1 for x in range(0, 1000, 5) for y in range(0, 700, 5)
               if pixel_value(image, x, y) < 80)
    assert dark > 50   # curves, axes and text were painted


def pixel_value(image, x, y) -> int:
    return image.pixelColor(x, y).value()


# -- words ---------------------------------------------------------------------------------------

def test_language_change_rewords_everything(view):
    view.set_result(theory_result(activation="tanh"))
    english = (_caption(view), view.sigma_plot.titleLabel.text,
               view.legend.getLabel(view.taylor1_curve).text, view.layer_label.text())
    with marked("ActivationView"):
        assert _caption(view).lstrip("«").startswith("Taylor polynomials")
        assert view.sigma_plot.titleLabel.text.startswith("«σ(x) = tanh(x)")
        assert view.legend.getLabel(view.taylor1_curve).text == "«Taylor at 0, first order»"
        assert view.layer_label.text() == "«Layer &t:»"
        assert "«from the mean-field theory»" in view.info.textItem.toPlainText()
        assert view.dsigma_plot.getAxis("bottom").labelText.startswith("«pre-activation")
    assert (_caption(view), view.sigma_plot.titleLabel.text,
            view.legend.getLabel(view.taylor1_curve).text, view.layer_label.text()) == english


def test_every_text_is_a_literal_in_translate():
    """translate("ActivationView", "literal"): no f-strings, no variables, so lupdate finds it;
    values only through named placeholders."""
    calls = [node for source in SOURCES
             for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "translate"]
    assert len(calls) > 20
    for call in calls:
        assert len(call.args) == 2 and not call.keywords
        context, text = call.args
        assert isinstance(context, ast.Constant) and context.value == "ActivationView"
        assert isinstance(text, ast.Constant) and isinstance(text.value, str), ast.dump(text)
        assert "{}" not in text.value   # named placeholders only


def test_curves_match_the_engine(view):
    result = theory_result(activation="elu")
    view.set_result(result)
    q, _ = preact_variance(result, 6)
    expected = activation_curves(result.config, q)
    c = view.curves()
    np.testing.assert_array_equal(c.x, expected.x)
    assert c.linear_region == expected.linear_region and c.linear_mass == expected.linear_mass


@pytest.mark.parametrize("gain", [3.0, 1.0])
def test_no_tick_label_is_cut_at_the_plots_edge(view, qtbot, gain):
    """Relu at gain 3, 300 layers: x over ±10¹⁰⁰, whose right end's label ran past the plot's
    widget and read "10¹⁰" (a tour). Every label pyqtgraph would draw is drawn (the plots
    leave room for an end label), and whole inside the widget."""
    from PySide6.QtGui import QImage, QPainter
    config = SimConfig.from_dict({"activation": "relu", "init": "he", "gain": gain,
                                  "depth": 300, "width": 64, "batch": 64})
    view.set_result(simulate(config))
    view.set_layer(300)
    for plot in (view.sigma_plot, view.dsigma_plot):
        axis = plot.getAxis("bottom")
        qtbot.waitUntil(lambda axis=axis: bool(drawn_labels(axis)))
        image = QImage(200, 400, QImage.Format_ARGB32)
        painter = QPainter(image)
        every = pg.AxisItem.generateDrawSpecs(axis, painter)[2]   # (none left out)
        painter.end()
        assert len(drawn_labels(axis)) == len(every)
        for rect, text in drawn_labels(axis):
            shown = axis.mapRectToItem(axis.topLevelItem(), rect)
            assert shown.left() >= 0 and shown.right() <= view.graphics.width(), text
