"""The Weights tab's numbers (`engine.weight_distribution`): the densities of the lecture's
normal and uniform of one variance, and the histogram of the network's own weights."""

import math

import numpy as np
import pytest

from engine.config import SimConfig
from engine.draws import Draws
from engine.initializers import layer_variances
from engine.weight_distribution import SAMPLE, weight_distribution


@pytest.mark.parametrize("distribution", ["normal", "uniform", "truncated_normal", "orthogonal"])
def test_the_densities_are_of_the_layers_variance(distribution):
    config = SimConfig.from_dict({"widths": "100, 60, 10", "distribution": distribution})
    w = weight_distribution(config, 1)
    gamma = 2 / (100 + 60)   # Xavier
    assert w.gamma == pytest.approx(gamma) and (w.n_in, w.n_out) == (100, 60)
    dx = w.x[1] - w.x[0]
    for density in (w.density, w.normal):
        assert np.sum(density) * dx == pytest.approx(1.0, abs=2e-3)
        assert np.sum(density * w.x**2) * dx == pytest.approx(gamma, rel=0.02)
    # the lecture's Xavier uniform: U(±√(6/(n_in + n_out))), variance γ
    assert w.bound == pytest.approx(math.sqrt(6 / 160))
    assert np.max(w.uniform) == pytest.approx(1 / (2 * w.bound))
    # every weight of the network, histogrammed; its variance is γ's, to sampling error
    assert w.whole and w.drawn == 6000
    assert w.drawn_var == pytest.approx(gamma, rel=4 * math.sqrt(2 / 6000))
    assert np.sum(w.hist_density) * (w.edges[1] - w.edges[0]) == pytest.approx(1.0, abs=1e-3)


def test_a_large_layer_shows_its_first_rows_which_are_the_networks_own():
    config = SimConfig.from_dict({"widths": "1024, 1024", "distribution": "uniform"})
    w = weight_distribution(config, 1)
    assert not w.whole and w.drawn == SAMPLE
    draws = Draws(config, 0, None)
    rows = SAMPLE // 1024
    np.testing.assert_array_equal(draws.weight_rows(1, rows), draws.weight(1)[:rows])
    assert w.drawn_var == pytest.approx(layer_variances(config)[0], rel=0.02)
    # a truncated normal's or an orthogonal's first rows are not its own: no histogram
    for distribution in ("truncated_normal", "orthogonal"):
        other = weight_distribution(config.with_values(distribution=distribution), 1)
        assert other.hist_density is None and other.drawn == 0 and math.isnan(other.drawn_var)
        with pytest.raises(ValueError):
            Draws(config.with_values(distribution=distribution), 0, None).weight_rows(1, 2)


def test_zero_weights_and_a_layer_out_of_range():
    w = weight_distribution(SimConfig.from_dict({"widths": "8, 8", "init": "zeros"}), 1)
    assert w.gamma == 0 and not np.any(w.density) and w.hist_density is None and w.drawn == 0
    with pytest.raises(ValueError):
        weight_distribution(SimConfig.from_dict({"widths": "8, 8"}), 2)


def test_a_small_orthogonal_layer_has_its_own_density_not_the_normal_s():
    """A review: widths 2, 2, 2 orthogonal drew three spikes under a bell labelled "the
    chosen distribution": a 2 × 2 rotation's entries, cos θ and sin θ scaled to variance γ,
    follow the arcsine law, 1/(π√(2γ − x²)); at width 1 the entries are exactly ±√γ."""
    w = weight_distribution(SimConfig.from_dict({"widths": "2, 2, 2",
                                                 "distribution": "orthogonal"}), 1)
    assert w.drawn == 4 and w.drawn_var == pytest.approx(w.gamma)
    inside = np.abs(w.x) < 0.9 * math.sqrt(2 * w.gamma)
    np.testing.assert_allclose(w.density[inside],
                               1 / (math.pi * np.sqrt(2 * w.gamma - w.x[inside] ** 2)),
                               rtol=1e-9)
    one = weight_distribution(SimConfig.from_dict({"widths": "1, 1",
                                                   "distribution": "orthogonal"}), 1)
    drawn = Draws(SimConfig.from_dict({"widths": "1, 1", "distribution": "orthogonal"}), 0,
                  None).weight(1) * math.sqrt(one.gamma)
    assert abs(float(drawn[0, 0])) == pytest.approx(math.sqrt(one.gamma), rel=1e-6)
    # its longer side is what counts (a researcher's tour: 1 × 512's entries, a unit vector's,
    # are nearly normal, and had been refused a density for the narrow side)
    long = weight_distribution(SimConfig.from_dict({"widths": "1, 512, 512",
                                                    "distribution": "orthogonal"}), 1)
    assert long.density is not None and long.drawn == 512
    assert long.drawn_var == pytest.approx(long.gamma, rel=1e-6)
    np.testing.assert_allclose(long.density, long.normal, atol=0.01 * long.normal.max())


def test_an_orthogonal_layer_s_entries_have_a_unit_vector_s_coordinate_density():
    """A review: 15 × 15 has 225 continuous entries, not "a few values", and 3 × 3's are
    exactly U(±√(3γ)): a coordinate of a unit vector uniform in Rⁿ, scaled to variance γ, has
    density ∝ (1 − x²/(nγ))^((n−3)/2). Its mass and variance, closed forms at n = 3, and the
    drawn entries' histogram agree."""
    from engine.weight_distribution import unit_vector_entry

    three = weight_distribution(SimConfig.from_dict({"widths": "3, 3, 3",
                                                     "distribution": "orthogonal"}), 1)
    np.testing.assert_allclose(three.density, three.uniform, atol=1e-12)
    for n in (2, 5, 15, 16, 200):
        x = np.linspace(-1.0, 1.0, 400001) * math.sqrt(n)   # γ = 1, the whole support
        density = unit_vector_entry(x, n, 1.0)
        dx = x[1] - x[0]
        assert np.nansum(np.where(np.isfinite(density), density, 0)) * dx == \
            pytest.approx(1.0, abs=1e-2 if n == 2 else 1e-6)
        assert np.nansum(np.where(np.isfinite(density), density * x * x, 0)) * dx == \
            pytest.approx(1.0, abs=1e-2 if n == 2 else 1e-6)
    w = weight_distribution(SimConfig.from_dict({"widths": "64, 15, 15",
                                                 "distribution": "orthogonal"}), 2)
    assert w.whole and w.drawn == 225
    centre = np.searchsorted(w.x, (w.edges[:-1] + w.edges[1:]) / 2)
    inside = np.abs(w.x[centre]) < 0.8 * math.sqrt(15 * w.gamma)   # (away from the support's end)
    # 225 draws: a bin's count is Poisson, within a few standard errors of the density
    expected = w.density[centre][inside] * 225 * (w.edges[1] - w.edges[0])
    counts = w.hist_density[inside] * 225 * (w.edges[1] - w.edges[0])
    assert np.all(np.abs(counts - expected) < 4 * np.sqrt(expected) + 2)
    one = SimConfig.from_dict({"widths": "1, 1", "distribution": "orthogonal"})
    assert weight_distribution(one, 1).density is None


def test_a_truncated_normal_says_where_it_is_cut():
    """A student's tour: the caption never said where the cut lies (±2s, s such that the
    variance is γ)."""
    w = weight_distribution(SimConfig.from_dict({"widths": "100, 60",
                                                 "distribution": "truncated_normal"}), 1)
    inside = w.density > 0
    assert w.cut == pytest.approx(float(np.max(np.abs(w.x[inside]))), abs=w.x[1] - w.x[0])
    assert weight_distribution(SimConfig.from_dict({"widths": "100, 60"}), 1).cut is None


def test_statistics_files_hold_every_series_and_say_when_no_histogram_is_drawn():
    """Export statistics on the Weights tab (`engine.panel_stats`): the config's distribution
    first when it is neither the normal nor the uniform; a layer too large to histogram
    writes no histogram rows, and null in JSON."""
    import csv
    import json

    from engine.panel_stats import weights_text

    config = SimConfig.from_dict({"widths": "1024, 1024", "distribution": "truncated_normal"})
    w = weight_distribution(config, 1)
    assert w.hist_density is None   # 2^20 weights drawn by rejection: not the network's rows
    rows = list(csv.DictReader(weights_text(config, w, ".csv").splitlines()))
    series = [r["series"] for r in rows]
    assert series == ["truncated_normal"] * 401 + ["normal"] * 401 + ["uniform"] * 401
    cut = [float(r["density"]) for r in rows[:401]]
    np.testing.assert_array_equal(cut, w.density)
    assert all(r["x_from"] == r["x_to"] for r in rows)
    data = json.loads(weights_text(config, w, ".json"))
    assert data["histogram"] is None and data["truncation"] == pytest.approx(w.cut)
    assert data["gamma"] == pytest.approx(1 / 1024)


def test_weights_beyond_the_plot_are_counted():
    """A tour: the caption said "all 65 536 weights" while the bins held 99.997 % of them;
    those beyond ±4 sd are counted, and with the bins' mass make up the whole draw."""
    w = weight_distribution(SimConfig(), 1)
    width = w.edges[1] - w.edges[0]
    assert w.beyond > 0
    assert w.hist_density.sum() * width + w.beyond / w.drawn == pytest.approx(1.0, abs=1e-12)
    drawn = Draws(SimConfig(), 0, None).weight(1).astype(np.float64).ravel() * math.sqrt(w.gamma)
    assert w.beyond == int(np.count_nonzero((drawn < w.edges[0]) | (drawn > w.edges[-1])))
    uniform = weight_distribution(SimConfig.from_dict({"distribution": "uniform"}), 1)
    assert uniform.beyond == 0   # (its ends at ±1.73 sd)
