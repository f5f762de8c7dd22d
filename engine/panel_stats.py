"""What File ▸ Export statistics writes on the Weights and Activation tabs, and `--stats` with
`--view weights` or `activation`: the numbers behind the picture, as CSV or JSON (with the
config they belong to).

CSV is one tidy table:
- Activation: one row per grid point x, with the layer t and where q_t comes from
  ("monte_carlo", or "theory" where the Monte Carlo has none: held, or lost to overflow), σ,
  σ', the Taylor polynomials of first and third order, and the N(0, q_t) density of the
  pre-activations h'^t; with the lecture's σ beside it, a pair of columns for each
  (`sigma_sigmoid`, `dsigma_sigmoid`, …). Nothing drawn (q_t unknown): the header alone.
- Weights: one row per point of each series (`series` = the config's distribution, normal,
  uniform, histogram), `x_from` … `x_to` the histogram's bin or, for a density, one point
  (x_from = x_to).

In CSV a value that is not a number is empty and ±∞ is inf / -inf; in JSON every value that is
not finite is null, as in every statistics file (an unbounded end of σ's linear region)."""

from __future__ import annotations

from .activation_curves import ActivationCurves
from .lecture_sigmas import LectureCurve
from .analysis_stats import csv_table
from .result import dumps_strict, json_number
from .weight_distribution import WeightDistribution

ACTIVATION_COLUMNS = ("x", "sigma", "dsigma", "taylor1", "taylor3", "density")
WEIGHTS_COLUMNS = ("series", "x_from", "x_to", "density")


def _numbers(values) -> list:
    return [json_number(v) for v in values]


def activation_text(config, layer: int, source: str, c: ActivationCurves,
                    lecture: tuple[LectureCurve, ...], suffix: str) -> str:
    """Layer `layer`'s curves `c` (q_t from `source`: "monte_carlo" or "theory") and the
    lecture's σ drawn beside them (`engine.activation_curves.layer_curves`), as CSV (".csv")
    or JSON."""
    if suffix == ".csv":
        columns = ("layer", "source") + ACTIVATION_COLUMNS + tuple(
            f"{kind}_{lc.name}" for lc in lecture for kind in ("sigma", "dsigma"))
        series = (c.x, c.sigma, c.dsigma, c.taylor1, c.taylor3, c.density,
                  *(values for lc in lecture for values in (lc.sigma, lc.dsigma)))
        return csv_table(columns, ((layer, source, *(float(s[i]) for s in series))
                                   for i in range(c.x.size)), config)
    return dumps_strict({
        "config": config.to_dict(), "layer": layer, "source": source, "invalid": c.invalid,
        "q": json_number(c.q), "log10_q": json_number(c.log10_q),
        "half_width": json_number(c.half_width), "range_limited": c.range_limited or None,
        "coverage": json_number(c.coverage),
        # (coefficient, power) pairs of each polynomial, for x ≥ 0 and x < 0 (one-sided at a
        # kink); the polynomials' values are the columns "taylor1" and "taylor3"
        "taylor_terms": {order: {"x_nonnegative": [list(t) for t in pos],
                                 "x_negative": [list(t) for t in neg]}
                         for order, (pos, neg) in (("first", c.terms1), ("third", c.terms3))},
        "linear_region": [_numbers(interval) for interval in c.linear_region],
        "linear_mass": json_number(c.linear_mass),
        "identity_mass": json_number(c.identity_mass),   # where y = x is within 10 % of σ
        **{name: _numbers(getattr(c, name)) for name in ACTIVATION_COLUMNS},
        "lecture": [{"activation": lc.name, "value_at_0": lc.value0, "slope_at_0": lc.slope0,
                     "sigma": _numbers(lc.sigma), "dsigma": _numbers(lc.dsigma)}
                    for lc in lecture]})


def weights_rows(w: WeightDistribution):
    """(series, x_from, x_to, density) rows: the densities point by point (the config's
    distribution, when it is neither the normal nor the uniform, first), then the histogram
    bin by bin."""
    curves = [("normal", w.normal), ("uniform", w.uniform)]
    if w.distribution not in ("normal", "uniform") and w.density is not None:
        curves.insert(0, (w.distribution, w.density))
    for name, density in curves:
        for x, d in zip(w.x, density):
            yield name, float(x), float(x), float(d)
    if w.hist_density is not None:
        for lo, hi, d in zip(w.edges[:-1], w.edges[1:], w.hist_density):
            yield "histogram", float(lo), float(hi), float(d)


def weights_text(config, w: WeightDistribution, suffix: str) -> str:
    """Layer `w.layer`'s weight densities and histogram as CSV (".csv") or JSON."""
    if suffix == ".csv":
        return csv_table(WEIGHTS_COLUMNS, weights_rows(w), config)
    histogram = None if w.hist_density is None else {
        "edges": _numbers(w.edges), "density": _numbers(w.hist_density), "drawn": w.drawn,
        "beyond_edges": w.beyond, "whole_layer": w.whole,
        "variance": json_number(w.drawn_var)}
    return dumps_strict({
        "config": config.to_dict(), "layer": w.layer, "n_in": w.n_in, "n_out": w.n_out,
        "gamma": json_number(w.gamma), "distribution": w.distribution,
        "uniform_bound": json_number(w.bound),
        "truncation": None if w.cut is None else json_number(w.cut),
        "x": _numbers(w.x),
        "density": None if w.density is None else _numbers(w.density),
        "normal": _numbers(w.normal), "uniform": _numbers(w.uniform),
        "histogram": histogram})


__all__ = ["ACTIVATION_COLUMNS", "WEIGHTS_COLUMNS", "activation_text", "weights_rows",
           "weights_text"]
