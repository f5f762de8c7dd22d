"""Activations: σ' matches σ numerically, Taylor terms are right, no warnings at extremes."""

import math

import numpy as np
import pytest

from engine.taylor_regions import taylor_polynomial
from engine.activations import NAMES, SELU_ALPHA, SELU_LAMBDA, make_activation


@pytest.fixture(params=NAMES)
def act(request):
    return make_activation(request.param, alpha=0.7, beta=0.2, negative_slope=0.1)


def test_derivative_is_the_slope(act):
    x = np.linspace(-6, 6, 2401)
    x = x[np.abs(x) > 1e-3]  # away from kinks
    h = 1e-6
    fd = (act.f(x + h) - act.f(x - h)) / (2 * h)
    np.testing.assert_allclose(act.df(x), fd, atol=1e-7, rtol=1e-6)


def test_values_and_slopes_agree_with_f_and_df(act):
    x = np.linspace(-8, 8, 101).astype(np.float32)
    h, d = act.values_and_slopes(x)
    np.testing.assert_allclose(h, act.f(x), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(d, act.df(x), rtol=1e-6, atol=1e-7)
    assert h.dtype == np.float32 and d.dtype == np.float32


def test_taylor_terms_are_the_expansion(act):
    """σ(x) − Taylor(x) must vanish faster than the last kept power."""
    last = max(p for _, p in act.taylor + act.taylor_neg) if act.taylor else 1
    for x in (0.02, -0.02):
        small = np.array([x, x / 2])
        err = np.abs(act.f(small) - taylor_polynomial((act.taylor, act.taylor_neg), small))
        # halving x shrinks the error by at least 2^(last+1) (allow rounding slack)
        assert err[1] <= err[0] / 2 ** (last + 0.5) + 1e-15


def test_lecture_taylor_terms():
    """The facts behind the lecture's expansions (gui.help_texts renders them, see test_texts)."""
    assert make_activation("sigmoid").taylor == ((0.5, 0), (0.25, 1), (-1 / 48, 3))
    assert make_activation("tanh").taylor == ((1.0, 1), (-1 / 3, 3))
    assert make_activation("sigmoid_scaled").taylor == ((1.0, 1), (-1 / 12, 3))
    relu = make_activation("relu")
    assert relu.taylor == ((1.0, 1),) and relu.taylor != relu.taylor_neg


def test_scaled_sigmoid_is_four_sigmoid_minus_two():
    x = np.linspace(-10, 10, 201)
    sig = make_activation("sigmoid").f(x)
    np.testing.assert_allclose(make_activation("sigmoid_scaled").f(x), 4 * sig - 2, atol=1e-14)


def test_named_constants():
    selu = make_activation("selu")
    assert selu.f(np.array([1.0]))[0] == pytest.approx(SELU_LAMBDA)
    assert selu.f(np.array([-50.0]))[0] == pytest.approx(-SELU_LAMBDA * SELU_ALPHA)
    gelu = make_activation("gelu")
    assert gelu.f(np.array([1.0]))[0] == pytest.approx(0.5 * (1 + math.erf(1 / math.sqrt(2))), rel=1e-15)
    assert gelu.f(np.array([1.0], dtype=np.float32))[0] == pytest.approx(0.8413447, rel=1e-6)


def test_extremes_give_no_warnings_and_no_nan(act):
    for dtype in (np.float32, np.float64):
        big = np.finfo(dtype).max / 4
        x = np.array([-big, -1e4, -100, 0, 100, 1e4, big], dtype=dtype)
        h, d = act.values_and_slopes(x)  # pytest turns warnings into errors
        assert not np.isnan(h).any() and not np.isnan(d).any()


def test_homogeneity_flag_is_true_exactly_when_homogeneous(act):
    x = np.linspace(-3, 3, 61)
    c = 7.5
    is_homogeneous = np.allclose(act.f(c * x), c * act.f(x), rtol=1e-12, atol=1e-12)
    assert act.homogeneous == is_homogeneous


@pytest.mark.parametrize("alpha, beta, formula", [
    (1.0, 0.5, "x + 0.5"), (1.0, 0.0, "x"), (-1.0, -2.0, "−x − 2"), (1.2, 0.0, "1.2·x"),
    (0.0, 1.0, "0·x + 1")])
def test_the_affine_formula_reads_as_the_lecture_writes_it(alpha, beta, formula):
    """A tour: the lecture's x + 0.5 was titled "σ(x) = 1·x + 0.5"."""
    assert make_activation("linear", alpha=alpha, beta=beta).formula == formula


# -- every activation has every fact (a contributor's tour: adding mish touched ~10 files,
# and nothing failed where the config's list, the code export or a fact was left out) -------

def test_the_configs_names_are_the_registrys():
    from engine.config_fields import ACTIVATIONS

    assert ACTIVATIONS == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_every_activation_exports_as_code(name):
    from engine import SimConfig
    from engine.code_export import code

    config = SimConfig.from_dict({"activation": name, "widths": "4x3"})
    for library in ("torch", "keras"):
        compile(code(config, library), library, "exec")   # a KeyError if the name is missing


def test_taylor_terms_reach_the_third_order(act):
    """The Activation tab's polynomials are of the third order: with fewer terms kept, σ −
    Taylor falls as x² only (a contributor's tour: mish without its x³ passed every test)."""
    small = np.array([0.02, 0.01, -0.02, -0.01])
    err = np.abs(act.f(small) - taylor_polynomial((act.taylor, act.taylor_neg), small))
    assert err[1] <= err[0] / 2 ** 3.5 + 1e-15 and err[3] <= err[2] / 2 ** 3.5 + 1e-15


@pytest.mark.parametrize("name", NAMES)
def test_the_scalar_facts_agree_with_sigma(name):
    """σ(0), the one-sided slopes at 0 and at ±∞, `bounded` and `odd` are each written by
    hand beside σ (the slopes at ±∞ default to 0, wrong for any unbounded σ): checked against
    σ itself."""
    from engine.taylor_regions import first_order, taylor_terms

    act = make_activation(name, alpha=0.7, beta=0.2, negative_slope=0.1)
    assert first_order(taylor_terms(act, 1)) == pytest.approx(
        (act.value0, act.slope_pos, act.slope_neg), abs=1e-15)
    assert act.f(np.array([0.0]))[0] == pytest.approx(act.value0, abs=1e-15)
    far = np.array([1e8, -1e8])
    assert act.bounded == bool(np.all(np.abs(act.f(far)) < 1e4))
    if not act.bounded:
        assert act.f(far) / far == pytest.approx([act.slope_inf_pos, act.slope_inf_neg],
                                                 abs=1e-6)
    x = np.linspace(-3, 3, 61)
    assert act.odd == bool(np.allclose(act.f(-x), -act.f(x), atol=1e-14))
