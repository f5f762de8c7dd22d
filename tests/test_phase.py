"""Phase diagram: the order–chaos line of tanh and relu, and the gain ↔ σ_w² mapping."""

import math

import numpy as np
import pytest

from engine import SimConfig, simulate
from engine.phase import critical_gain, current_point, gain_for, phase_diagram


def test_tanh_critical_line_passes_the_known_points():
    c = SimConfig(activation="tanh")
    pd = phase_diagram(c, sigma_w2_range=(0.5, 3.0), sigma_b2_range=(0.0, 0.2), size=5)
    # rows σ_b² = 0, 0.05, 0.1, 0.15, 0.2
    assert pd.critical_sigma_w2[0] == pytest.approx(1.0, abs=1e-3)
    assert pd.critical_sigma_w2[1] == pytest.approx(1.7610, abs=1e-3)
    assert pd.critical_sigma_w2[4] == pytest.approx(2.2852, abs=1e-3)
    # χ₁ < 1 left of the line, > 1 right of it, on every row
    for i, crit in enumerate(pd.critical_sigma_w2):
        left = pd.sigma_w2 < crit - 0.05
        right = pd.sigma_w2 > crit + 0.05
        assert (pd.log10_chi1[i, left] < 0).all() and (pd.log10_chi1[i, right] > 0).all()
    # correlations are forgotten slowly only near the line
    assert np.nanmax(pd.xi_c) > 5 * np.nanmin(pd.xi_c)


def test_relu_line_is_two_for_every_bias():
    pd = phase_diagram(SimConfig(activation="relu"), size=4)
    np.testing.assert_allclose(pd.critical_sigma_w2, 2.0, rtol=1e-12)
    np.testing.assert_allclose(pd.log10_chi1, np.log10(pd.sigma_w2 / 2)[None, :].repeat(4, 0), atol=1e-12)


def test_gain_mapping_round_trips_and_critical_gain_is_critical():
    c = SimConfig.from_dict({"activation": "tanh", "widths": [50, 300, 200], "bias_std": math.sqrt(0.05),
                             "init": "xavier"})
    sw2, sb2 = current_point(c)
    assert sw2 == pytest.approx(300 * 2 / 500) and sb2 == pytest.approx(0.05)
    assert gain_for(c, sw2) == pytest.approx(1.0)
    g = critical_gain(c)
    assert current_point(c.with_values(gain=g))[0] == pytest.approx(1.7610, abs=1e-3)
    at_line = simulate(SimConfig.from_dict({"activation": "tanh", "bias_std": math.sqrt(0.05),
                                            "init": "lecun", "gain": math.sqrt(1.7609546),
                                            "depth": 5, "width": 64, "batch": 8}))
    assert at_line.theory.chi1_star == pytest.approx(1.0, abs=1e-5)


def test_cancel_phase_diagram():
    from engine import Cancelled

    with pytest.raises(Cancelled):
        phase_diagram(SimConfig(), size=5, should_stop=lambda: True)


def test_unequal_widths_map_the_hidden_layers():
    """Issue: for widths 784, 256x49, 10 (tanh, σ_b = 0.2236) the critical gain came from the
    last layer (0.956) while the 48 hidden layers, χ₁ = 0.715 at gain 1, are critical at
    gain 1.327. The network's point and its critical gain are those of the hidden layers."""
    config = SimConfig.from_dict({"widths": "784, 256x49, 10", "activation": "tanh",
                                  "bias_std": 0.2236})
    sw2, sb2 = current_point(config)
    assert sw2 == pytest.approx(1.0) and sb2 == pytest.approx(0.2236**2)
    gain = critical_gain(config)
    assert gain == pytest.approx(1.327, abs=1e-3)
    from engine import mean_field

    hidden = mean_field(config.with_values(gain=gain)).chi1[2:49]
    assert hidden[-1] == pytest.approx(1.0, abs=1e-3)   # the hidden map has reached q*
