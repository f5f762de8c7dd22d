"""Per-layer moments gathered during a pass (G blocks × S samples) and the statistics derived
from them at the end, against float64 numpy."""

import numpy as np
import pytest

from engine.histograms import Histograms
from engine.layer_stats import LayerBatch, LayerMoments, mean_square, pooled, unit_moments


def _layers(rng):
    """Arrays of several widths: ordinary, mean-dominated, tiny (squares underflow float32)
    and huge (squares overflow float32)."""
    return [rng.standard_normal((64, 12)).astype(np.float32),
            (1e3 + rng.standard_normal((64, 7))).astype(np.float32),
            (1e-21 * rng.standard_normal((64, 12))).astype(np.float32),
            (1e21 * rng.standard_normal((64, 5))).astype(np.float32)]


def test_moments_pooled_and_scales_match_float64_numpy():
    """Two blocks per layer (the second one 3× the first, at another log scale); every block's
    moments, pooled variance and log10 variance at its true scale match float64 numpy."""
    rng = np.random.default_rng(1)
    arrays = _layers(rng)
    widths = [a.shape[1] for a in arrays]
    moments = LayerMoments(widths, blocks=2)
    scales = np.array([[0.0, 1.0], [1.5, -2.0], [-3.0, 0.5], [2.0, 4.0]])
    for t, a in enumerate(arrays):
        x3 = np.stack([a, 3 * a])
        moments.add(t, x3, scales[t])
        with np.errstate(over="ignore"):   # the squares of layer 3 overflow float32
            second = mean_square(x3)
        for g in range(2):
            assert second[g] == pytest.approx(np.mean(x3[g].astype(np.float64) ** 2), rel=1e-5)
    mu, var = moments.pooled()
    log10_var = moments.log10_pooled_var()
    assert mu.shape == var.shape == log10_var.shape == (2, len(arrays))
    for t, a in enumerate(arrays):
        for g, factor in enumerate((1.0, 3.0)):
            a64 = factor * a.astype(np.float64)
            mean, unit_var = moments.layer(t, g)
            np.testing.assert_allclose(mean, a64.mean(axis=0), rtol=1e-5)
            np.testing.assert_allclose(unit_var, a64.var(axis=0), rtol=1e-4)
            assert mu[g, t] == pytest.approx(a64.mean(), rel=1e-5)
            assert var[g, t] == pytest.approx(a64.var(), rel=1e-4)
            assert log10_var[g, t] == pytest.approx(
                np.log10(a64.var()) + 2 * scales[t, g] / np.log(10), abs=1e-5)
            units, unresolved = moments.unit_log10_var(g)
            assert not unresolved.any()   # (even mean-dominated, 1e3 ± 1 is well resolved)
            n = a.shape[1]
            np.testing.assert_allclose(units[t, :n], np.log10(a64.var(axis=0))
                                       + 2 * scales[t, g] / np.log(10), atol=1e-4)
            assert np.isnan(units[t, n:]).all()
    true_mean = moments.true_mean()
    assert true_mean[0, 1] == pytest.approx(arrays[1].astype(np.float64).mean() * np.exp(1.5),
                                            rel=1e-5)


def test_unit_moments_of_stacked_blocks_match_numpy():
    rng = np.random.default_rng(3)
    x3 = rng.standard_normal((3, 40, 6)).astype(np.float32)
    x3[1] += 500.0                    # mean-dominated: E[x²] − E[x]² would cancel
    x3[2] *= np.float32(1e-22)        # squares underflow float32
    mean, var = unit_moments(x3)
    x64 = x3.astype(np.float64)
    np.testing.assert_allclose(mean, x64.mean(axis=1), rtol=1e-5)
    np.testing.assert_allclose(var, x64.var(axis=1), rtol=1e-4)
    mu, pooled_var = pooled(mean, var)
    np.testing.assert_allclose(pooled_var, x64.reshape(3, -1).var(axis=1), rtol=1e-4)
    np.testing.assert_allclose(mu, x64.reshape(3, -1).mean(axis=1), rtol=1e-5)


def test_discarded_layers_have_no_statistics():
    a = np.ones((2, 8, 4), dtype=np.float32)
    moments = LayerMoments([4, 4], blocks=2)
    moments.add(0, a, np.zeros(2))
    moments.add(1, a, np.zeros(2))
    moments.discard(1, [1])            # block 1 of layer 1 only
    mu, var = moments.pooled()
    assert mu[0, 0] == 1.0 and var[0, 0] == 0.0 and mu[0, 1] == 1.0
    assert np.isnan(mu[1, 1]) and np.isnan(var[1, 1]) and not np.isnan(mu[1, 0])
    log10_var = moments.log10_pooled_var()
    assert log10_var[0, 0] == -np.inf and np.isnan(log10_var[1, 1])


@pytest.mark.parametrize("batch", [16, 512])
def test_layers_summed_in_batches_match_each_layer_alone(batch):
    """Small layers wait in a batch (copied when added), large ones are summed at once: either
    way every layer's moments and histogram are its own, even when the pass scales its array
    in place right after recording it, and a discarded block gets no histogram."""
    rng = np.random.default_rng(5)
    layers = [np.tanh(rng.standard_normal((2, batch, 256)) * (0.5 + t)).astype(np.float32)
              for t in range(7)]
    assert (layers[0][0].nbytes * 2 <= LayerBatch.LAYER_BYTES) == (batch == 16)
    hist = Histograms(len(layers), (-1.0, 1.0))
    moments = LayerMoments([256] * len(layers), blocks=2, hist=hist)
    for t, a in enumerate(layers):
        work = a.copy()
        moments.add(t, work, np.zeros(2))
        if t == 3:
            moments.discard(t, [0])
        work *= np.float32(7.0)   # what a rescale does to the pass's array
    single = Histograms(len(layers), (-1.0, 1.0))
    for t, a in enumerate(layers):
        mean, var = unit_moments(a)
        for g in range(2):
            got_mean, got_var = moments.layer(t, g)
            np.testing.assert_allclose(got_mean, mean[g], rtol=1e-6, atol=1e-9)
            np.testing.assert_allclose(got_var, var[g], rtol=1e-6, atol=1e-12)
        single.add_layer(t, a[0], mean[0], var[0])
    kept = [t for t in range(len(layers)) if t != 3]
    np.testing.assert_array_equal(hist.density[kept], single.density[kept])
    assert np.isnan(hist.density[3]).all()


@pytest.mark.parametrize("read_between", [True, False], ids=["summed-between", "one-batch"])
def test_a_layer_summed_again_keeps_only_its_new_moments(read_between):
    """A mean-dominated layer is summed centred (E[x²] − E[x]² would cancel); summing the
    layer again with ordinary values replaces those centred moments too, whether the first
    was summed already or both wait in one batch."""
    rng = np.random.default_rng(7)
    dominated = (1e3 + rng.standard_normal((1, 64, 5))).astype(np.float32)
    ordinary = rng.standard_normal((1, 64, 5)).astype(np.float32)
    moments = LayerMoments([5, 5], blocks=1)
    moments.add(1, dominated, np.zeros(1))
    if read_between:
        np.testing.assert_allclose(moments.layer(1, 0)[1],
                                   dominated[0].astype(np.float64).var(axis=0), rtol=1e-4)
    moments.add(1, ordinary, np.zeros(1))
    mean, var = moments.layer(1, 0)
    np.testing.assert_allclose(mean, ordinary[0].astype(np.float64).mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(var, ordinary[0].astype(np.float64).var(axis=0), rtol=1e-4)


def test_layers_of_another_batch_size_are_refused():
    """Every layer of a pass has the pass's S samples; the moments divide by that one S."""
    moments = LayerMoments([5, 5], blocks=1)
    moments.add(0, np.ones((1, 10, 5), np.float32), np.zeros(1))
    moments.flush()
    with pytest.raises(ValueError, match="10 and 20 samples"):
        moments.add(1, np.ones((1, 20, 5), np.float32), np.zeros(1))
        moments.flush()


def test_a_mean_dominated_unit_is_centred_exactly_at_a_large_batch():
    """Units at 0.3 … 0.9 with a spread of 1e-6 (well above float32's resolution there), over
    4096 samples: their variance is the float64 variance of those same float32 values. (The
    float32 sum's error, squared, once came on top: up to 30× at this batch.)"""
    rng = np.random.default_rng(0)
    x = (rng.uniform(0.3, 0.9, 256) + 1e-6 * rng.standard_normal((4096, 256))).astype(np.float32)
    mean, var = unit_moments(x[None])
    x64 = x.astype(np.float64)
    np.testing.assert_allclose(mean[0], x64.mean(axis=0), rtol=1e-12)
    np.testing.assert_allclose(var[0], x64.var(axis=0), rtol=1e-6)
