"""Every number a preset hint states is checked against what the engine computes (issue 12).

Each row names a preset, the exact words in its hint that carry a number, a function giving that
number from the run (Monte Carlo, batch 128, seed 0: within the stated precision of the default
batch's figures) or from the theory where the claim is the theory's, and the tolerance the words
allow: half a unit of the last digit, a little more for "about", a few per cent where the words
give the theory's exact factor and the Monte Carlo adds its noise.
"""

import functools
import math
import re

import pytest

from engine import SimConfig, mean_field, simulate
from engine.verdict import verdict
from gui import help_texts
from gui.presets import EXTRA_PRESETS, PRESETS, TRAINING_PRESETS

BY_NAME = {p.name: p for p in PRESETS + EXTRA_PRESETS}
SMALL_BATCH = 128


@functools.lru_cache(maxsize=None)
def run(name):
    return verdict(simulate(SimConfig.from_dict({**BY_NAME[name].values, "batch": SMALL_BATCH})))


@functools.lru_cache(maxsize=None)
def theory(name):
    return mean_field(BY_NAME[name].config())


def fwd_total(name):
    return run(name).forward.total_decades


def bwd_total(name):
    return run(name).backward.total_decades


def fwd_factor(name):
    """The factor the forward variance changes by per layer (geometric mean over the net)."""
    return 10 ** run(name).forward.decades_per_layer


def bwd_factor(name):
    """The factor the gradient's variance changes by per layer on its way back."""
    return 10 ** run(name).backward.decades_per_layer


def n_gamma(name):
    config = BY_NAME[name].config()
    return config.width * config.variance


def theory_factor(name):
    t = theory(name).log10_forward_var
    return 10 ** ((t[-1] - t[0]) / (len(t) - 1))


def theory_growth(name):
    """The mean additive growth of the forward variance per layer, from the theory."""
    t = 10 ** theory(name).log10_forward_var
    return (t[-1] - t[1]) / (len(t) - 2)


def xavier_gamma_ratio(name):
    """γ_1 · (n_in + n_out) / 2: 1 when γ = 2/(n_{in} + n_{out})."""
    th = theory(name)
    return th.gamma[1] * (th.widths[0] + th.widths[1]) / 2


LIN_SMALL, LIN_ONE, LIN_LARGE = (p.name for p in PRESETS[:3])
XAVIER_N, XAVIER_U, AFFINE_B, AFFINE_A, SIGMOID, TANH, RELU, FIX, HE = (p.name for p in PRESETS[3:])
SATURATION = EXTRA_PRESETS[0].name

# (preset, words in its hint, the number those words state, the quantity measured, tolerance)
CLAIMS = [
    (LIN_SMALL, "n_{t−1}γ = n_tγ = 0.256", 0.256, lambda: n_gamma(LIN_SMALL), 5e-4),
    (LIN_SMALL, "multiplies both variances by 0.256", 0.256, lambda: theory_factor(LIN_SMALL), 5e-4),
    (LIN_SMALL, "multiplies both variances by 0.256", 0.256, lambda: fwd_factor(LIN_SMALL), 0.005),
    (LIN_SMALL, "multiplies both variances by 0.256", 0.256, lambda: bwd_factor(LIN_SMALL), 0.005),
    (LIN_ONE, "n_{t−1}γ = n_tγ = 1", 1.0, lambda: n_gamma(LIN_ONE), 1e-9),
    (LIN_LARGE, "n_{t−1}γ = 2.56", 2.56, lambda: n_gamma(LIN_LARGE), 0.005),
    (LIN_LARGE, "gains 0.41 decades per layer", 0.41,
     lambda: run(LIN_LARGE).forward.decades_per_layer, 0.005),
    (LIN_LARGE, "gains 0.41 decades per layer", 0.41,
     lambda: run(LIN_LARGE).backward.decades_per_layer, 0.005),
    (LIN_LARGE, "20 decades after 50 layers", 20.0, lambda: fwd_total(LIN_LARGE), 0.5),
    (LIN_LARGE, "20 decades after 50 layers", 20.0, lambda: bwd_total(LIN_LARGE), 0.5),
    (XAVIER_N, "γ = 2/(n_{in} + n_{out})", 1.0, lambda: xavier_gamma_ratio(XAVIER_N), 1e-9),
    (XAVIER_U, "U(±√(6/(n_{in} + n_{out})))", 1.0, lambda: xavier_gamma_ratio(XAVIER_U), 1e-9),
    (AFFINE_B, "grows by about β² a layer", BY_NAME[AFFINE_B].config().beta ** 2,
     lambda: theory_growth(AFFINE_B), 0.025),
    (AFFINE_A, "α² = 1.44", 1.44, lambda: BY_NAME[AFFINE_A].config().alpha ** 2, 0.005),
    (AFFINE_A, "multiplies both variances by α²", 1.44, lambda: theory_factor(AFFINE_A), 0.005),
    (AFFINE_A, "multiplies both variances by α²", 1.44, lambda: fwd_factor(AFFINE_A), 0.015),
    (AFFINE_A, "multiplies both variances by α²", 1.44, lambda: bwd_factor(AFFINE_A), 0.015),
    (SIGMOID, "shrinks about 18-fold per layer", 18.0, lambda: 1 / bwd_factor(SIGMOID), 0.5),
    (SIGMOID, "shrinks about 18-fold per layer", 18.0, lambda: 1 / theory(SIGMOID).chi1[-1], 0.5),
    (TANH, "about −2.0 decades forward", -2.0, lambda: fwd_total(TANH), 0.075),
    (TANH, "−1.8 decades for the gradient over 50 layers", -1.8, lambda: bwd_total(TANH), 0.075),
    (RELU, "the variance halves at every layer", 0.5, lambda: theory_factor(RELU), 0.005),
    (RELU, "the variance halves at every layer", 0.5, lambda: fwd_factor(RELU), 0.02),
    (RELU, "the variance halves at every layer", 0.5, lambda: bwd_factor(RELU), 0.02),
    (FIX, "about −1.5 against", -1.5, lambda: fwd_total(FIX), 0.075),
    (FIX, "against −2.0 decades forward over 50 layers", -2.0, lambda: fwd_total(TANH), 0.075),
    (FIX, "(−63 decades of gradient)", -63.0, lambda: bwd_total(SIGMOID), 0.5),
    (HE, "He's γ = 2/n_{t−1}", 2.0,
     lambda: theory(HE).gamma[1] * theory(HE).widths[0], 1e-9),
    (SATURATION, "χ₁ = n_tγ_t E[tanh'²] ≈ 2.4", 2.4, lambda: theory(SATURATION).chi1_star, 0.05),
    (SATURATION, "χ₁ = n_tγ_t E[tanh'²] ≈ 2.4", 2.4, lambda: bwd_factor(SATURATION), 0.05),
]


@pytest.mark.parametrize("name, words, stated, measure, tol", CLAIMS,
                         ids=[f"{name[:24]}: {words}" for name, words, *_ in CLAIMS])
def test_each_number_in_a_hint_is_what_the_engine_computes(name, words, stated, measure, tol):
    assert words in BY_NAME[name].hint
    value = float(measure())
    assert math.isfinite(value) and abs(value - stated) <= tol, (words, value)


def test_every_hint_that_states_a_number_is_checked():
    checked = {name for name, *_ in CLAIMS}
    numeric = {p.name for p in PRESETS + EXTRA_PRESETS if re.search(r"\d", p.hint)}
    assert numeric <= checked
    # (the symmetry preset's numbers: the test below)
    assert not any(re.search(r"\d", p.hint) for p in TRAINING_PRESETS[:1])


def test_the_symmetry_preset_learns_the_circles_only_with_dropout():
    """"Zero weights under sigmoid (σ(0) = 1/2): the weights learn, yet every unit … stays
    identical … the circles stay out of reach. Set dropout to 0.2 …: the units part and learn
    the circles." Trained as the preset says, on its circles."""
    from engine.activations import make_activation
    from engine.training import train

    preset = TRAINING_PRESETS[1]
    assert "σ(0) = 1/2" in preset.hint and "dropout to 0.2" in preset.hint
    assert make_activation("sigmoid").value0 == 0.5
    config = preset.config()
    kept, broken = train([config, config.with_values(dropout=0.2)], ["kept", "broken"])
    assert kept.identical_units and not kept.no_weight_gradient()
    assert kept.heldout_accuracy[-1] < 0.8            # one unit a layer: out of reach
    assert broken.identical_units is False and broken.heldout_accuracy[-1] > 0.95


def test_sigmoid_16_fold_is_a_bound():
    """sigmoid'² ≤ 1/16, so under Xavier the gradient shrinks at least 16-fold per layer."""
    assert "sigmoid'² ≤ 1/16" in BY_NAME[SIGMOID].hint
    assert all(c <= 1 / 16 for c in theory(SIGMOID).chi1[1:])
    assert 1 / bwd_factor(SIGMOID) > 16


def test_the_tanh_formula_line_holds_at_any_gain():
    from engine import mean_field

    line = help_texts.lecture_formula(SimConfig.from_dict({"activation": "tanh"}))
    assert "near 0 it is the identity" not in line
    assert "Var[h^t] ≈ 1/(2t) at gain 1" in line and "flat tails" in line
    t = theory(TANH).log10_forward_var  # gain 1, input variance 1: Var[h^t] ≈ 1/(1 + 2t)
    assert abs(t[-1] - math.log10(1 / (2 * (len(t) - 1)))) < 0.05
    assert abs(fwd_total(TANH) - math.log10(1 / (2 * (len(t) - 1)))) < 0.1
    assert help_texts.lecture_formula(BY_NAME[SATURATION].config()) == line
    # with a bias the variance settles at q* instead (a researcher: σ_b² = 0.05 at the
    # critical gain, where the line said 1/(2t) alone)
    assert "without bias; with a bias or a gain above 1, q_t settles at q* > 0 and Var[h^t] " \
           "at E[tanh²(√q* z)]" in line
    # so does a gain above 1 without one (a teacher: at gain 2, ξ_c = 7.98 at q* > 0)
    gained = mean_field(SimConfig.from_dict({"activation": "tanh", "gain": 2.0}))
    assert gained.q_star > 0.1 and math.exp(gained.log_preact_var[-1]) == pytest.approx(
        gained.q_star, rel=1e-3)
    biased = mean_field(SimConfig.from_dict({"activation": "tanh", "bias_std": 0.2236}))
    assert math.exp(biased.log_preact_var[-1]) == pytest.approx(biased.q_star, rel=1e-3)
    # σ_w² = 1 (Xavier, equal widths): q* = E[tanh²(√q* z)] + σ_b², so Var[h^t] → q* − σ_b²
    settled = biased.q_star - 0.2236**2
    assert math.exp(biased.log_forward_var[-1]) == pytest.approx(settled, rel=1e-3)
    assert settled > 10 / (2 * biased.depth)   # far above 1/(2t)


def test_the_lectures_demos_say_what_the_engine_computes():
    """Sigmoid's gradient: 1/4 at 0 and below 1 % of that beyond |x| ≈ 6, over about ±8 (the
    pre-activations of layer 1 at gain 2). The product of 100 random 4 × 4 matrices: 4-fold a
    layer in expectation, 60 decades; the typical run about 48."""
    import numpy as np

    from engine.activation_curves import layer_curves
    from engine.activations import make_activation
    from gui.presets import DEMO_PRESETS

    sigmoid, product = DEMO_PRESETS
    for words in ("±8", "gain 2", "1/4 at 0", "below 1 % of that beyond |x| ≈ 6"):
        assert words in sigmoid.hint
    curves = layer_curves(simulate(sigmoid.config()), 1)[1]
    assert abs(curves.half_width - 8) < 0.1
    slope = make_activation("sigmoid").df(np.array([0.0, 6.0, -6.0, 5.5]))
    assert slope[0] == 0.25 and max(slope[1:3]) < 0.01 * 0.25 < slope[3]   # (≈ 6, not 5)
    for words in ("100 matrices of N(0, 1)", "4-fold a layer, 60 decades", "about 48"):
        assert words in product.hint
    theory = mean_field(product.config())
    assert theory.factor_forward[1:] == pytest.approx(4.0)
    assert round(float(theory.log10_forward_var[-1])) == 60
    assert abs(float(theory.typical_log10_forward_var[-1]) - 48) < 0.5
