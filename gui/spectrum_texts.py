"""The words of the Jacobian spectrum tab: the lines under its histogram.

Like `gui.texts` (whose helpers it uses), every word is English source text in
`translate("texts", …)`, worded in the window's language each time a function is called, and
this module loads no Qt.
"""

from __future__ import annotations

from .config_texts import one_network_text
from .texts import fmt, power_of_ten, signed, signed_small, spectrum_stop_text, translate


def spectrum_text(spectrum, floor_in_view: bool = True) -> list[str]:
    """Lines describing a Jacobian spectrum (engine.spectrum.Spectrum); `floor_in_view`: the
    float64 floor's line is in the plot's view (else its count is in the x axis's label)."""
    config = spectrum.config
    n0, nL = config.widths[0], config.widths[-1]
    k = min(n0, nL)
    values = (translate("texts", "{k} singular value") if k == 1
              else translate("texts", "{k} singular values")).format(k=k)
    # the network's setting, its distribution named: an orthogonal network's caption had
    # read as the Gaussian one's (a teacher's tour)
    setting = one_network_text(config)
    if spectrum.invalid is not None:   # (no count of values it does not have)
        head = translate("texts", "J = ∂h^L/∂h^0 at one input ({setting})").format(
            setting=setting)
        return [head, translate("texts", "no spectrum: {reason}").format(
            reason=spectrum_stop_text(spectrum))]
    head = translate("texts", "{values} s of J = ∂h^L/∂h^0 at one input ({setting})").format(
        values=values, setting=setting)
    theory = "Π_t χ_t" if n0 == nL else f"n_0·Π_t χ_t / {k}"
    gap = spectrum.log10_mean_sq - spectrum.theory_log10_mean_sq
    # beside two powers of ten written to a tenth, a gap to a tenth too (10^18.5 and
    # 10^18.7 had read "−0.27 decades apart")
    powers = max(abs(spectrum.log10_mean_sq), abs(spectrum.theory_log10_mean_sq)) >= 3
    gap_decimals = 1 if powers else 2
    if spectrum.strays_from_theory():   # a narrow net: one draw far from the expectation
        mean = translate("texts", "mean s² = {mean} (this network);  theory {theory} = "
                                  "{theory_mean}  ({gap} decades apart: finite width — one "
                                  "network strays from the expectation over weights, typically "
                                  "below it, the more so the narrower and deeper)")
    else:
        mean = translate("texts", "mean s² = {mean} (this network);  theory {theory} = "
                                  "{theory_mean}  ({gap} decades apart)")
    if k == 1:
        spread = translate("texts", "Var[s²]/E[s²]² = {value}  (one singular value: nothing "
                                    "to spread)")
    elif spectrum.spread_beyond_count():
        spread = translate("texts", "Var[s²]/E[s²]² = {value} (this network);  theory {theory} "
                                    "(free probability, infinite width: beyond the {most} that "
                                    "{k} values can spread at most — this network is narrow for "
                                    "its depth)")
    else:
        spread = translate("texts", "Var[s²]/E[s²]² = {value} (this network);  theory {theory} "
                                    "(free probability, infinite width; 0 for dynamical isometry, "
                                    "where every s is the same)")
    lines = [head,
             mean.format(mean=power_of_ten(spectrum.log10_mean_sq), theory=theory,
                         theory_mean=power_of_ten(spectrum.theory_log10_mean_sq),
                         # (not "−0.0 decades apart", a student's tour: to its first digit)
                         gap=signed(gap, gap_decimals) if round(abs(gap), gap_decimals)
                         else signed_small(gap)),
             spread.format(value=fmt(spectrum.eig_normalized_var),
                           theory=fmt(spectrum.theory_eig_normalized_var), most=k - 1, k=k)]
    if spectrum.short_of_fixed_point():   # on the line, yet far from isometry (a tour)
        shrinks = spectrum.theory_log10_mean_sq < 0
        if spectrum.fixed_point == "zero":   # no q* > 0: χ₁ = 1 in the limit q → 0
            text = (translate("texts", "Near the critical line (χ₁ = {chi1} as q → 0), yet "
                                       "the theory's mean s² is only {theory}: there is no "
                                       "q* > 0, and q_t falls from the input's variance "
                                       "towards 0 only slowly, each layer's χ_t below 1 on the "
                                       "way, so J shrinks.") if shrinks else
                    translate("texts", "Near the critical line (χ₁ = {chi1} as q → 0), yet "
                                       "the theory's mean s² is {theory}: there is no q* > 0, "
                                       "and q_t falls from the input's variance towards 0 "
                                       "only slowly, each layer's χ_t above 1 on the way, so "
                                       "J stretches."))
        elif shrinks:
            text = translate("texts", "Near the critical line (χ₁ = {chi1} at q*), yet the "
                                      "theory's mean s² is only {theory}: q_t starts at the "
                                      "input's variance, not at q*, and in the layers it takes "
                                      "to near q* each χ_t is below 1, so J shrinks. Dynamical "
                                      "isometry needs q_t at q* from the first layer.")
        else:
            text = translate("texts", "Near the critical line (χ₁ = {chi1} at q*), yet the "
                                      "theory's mean s² is {theory}: q_t starts at the "
                                      "input's variance, not at q*, and in the layers it takes "
                                      "to near q* each χ_t is above 1, so J stretches. "
                                      "Dynamical isometry needs q_t at q* from the first "
                                      "layer.")
        lines.append(text.format(chi1=fmt(10.0 ** spectrum.log10_chi1_fixed),
                                 theory=power_of_ten(spectrum.theory_log10_mean_sq)))
    law = spectrum.free_law()
    if law is not None and spectrum.kept_share() == 1.0:   # (the whole law: σ' = ±α)
        curve = (translate("texts", "Curve: the law of s at infinite width (free probability: J "
                                    "is one random matrix of i.i.d. entries, whose s² follow "
                                    "the Marchenko–Pastur law × the theory's mean s², whatever "
                                    "the entries' distribution); the law's largest s is {edge}, "
                                    "this network's {largest}") if config.depth == 1 else
                 translate("texts", "Curve: the law of s at infinite width (free probability: J "
                                    "is a product of {depth} random matrices of i.i.d. entries, "
                                    "whose s² follow the Fuss–Catalan law × the theory's mean "
                                    "s², whatever the entries' distribution); the law's largest "
                                    "s is {edge}, this network's {largest}"))
    elif law is not None:   # relu's σ' ∈ {0, 1}: each factor masked
        curve = (translate("texts", "Curve: the law of s at infinite width (free probability: J "
                                    "is one random matrix of i.i.d. entries masked by relu's σ' "
                                    "∈ {{0, 1}}: at infinite width half of the s are 0, here as "
                                    "many as the units off, and the curve is the law of the "
                                    "others, × the theory's mean s²); the law's largest s is "
                                    "{edge}, this network's {largest}")
                 if config.depth == 1 else
                 translate("texts", "Curve: the law of s at infinite width (free probability: J "
                                    "is a product of {depth} random matrices of i.i.d. entries, "
                                    "each masked by relu's σ' ∈ {{0, 1}}: at infinite width half "
                                    "of the s are 0, here n less the fewest units on in a layer, "
                                    "and the curve is the law of the others, × the theory's mean "
                                    "s²); the law's largest s is {edge}, this network's "
                                    "{largest}"))
    if law is not None:
        if 4 * config.depth > min(config.widths):   # (depth 200 at width 256: 0.45 decades)
            curve = translate("texts", "{curve}. The law is that of depth ≪ width: this "
                                       "network's largest s falls short of the law's"
                              ).format(curve=curve)
        lines.append(curve.format(depth=config.depth, edge=power_of_ten(law[0][-1]),
                                  largest=power_of_ten(spectrum.log10_singular_values[0])))
    if spectrum.below_floor:
        narrowest, cause = spectrum.narrowest(), spectrum.floor_cause()
        if cause == "bottleneck and zeros":   # (a tour)
            text = translate("texts", "{below} of {k} singular values are below the float64 "
                                      "precision floor {floor}: {blocked} zero as the narrowest "
                                      "layer, {narrowest} units, lets at most {narrowest} "
                                      "directions through J, the others zero or too small to be "
                                      "told from zero as relu's units off for this input take "
                                      "theirs out")
        elif spectrum.below_floor == 1:   # ("1 of 256 singular values are below", a tour)
            text = {"bottleneck": translate(
                        "texts", "1 of {k} singular values is below the float64 precision "
                                 "floor {floor}: zero, as the narrowest layer, {narrowest} "
                                 "units, lets at most {narrowest} directions through J"),
                    "zeros": translate(
                        "texts", "1 of {k} singular values is below the float64 precision "
                                 "floor {floor}: relu's units off for this input take their "
                                 "rows out of J, which leaves it zero or too small to be told "
                                 "from zero")}.get(cause) or translate(
                "texts", "1 of {k} singular values is below the float64 precision floor "
                         "{floor}: it cannot be told from zero")
        elif cause == "bottleneck":   # J's rank is at most its width, whatever σ
            text = translate("texts", "{below} of {k} singular values are below the float64 "
                                      "precision floor {floor}: zero, as the narrowest layer, "
                                      "{narrowest} units, lets at most {narrowest} directions "
                                      "through J")
        elif cause == "zeros":   # σ' = 0 for x < 0: exact zeros, and what rounding leaves
            # (a researcher's tour: 141 of relu's 171 were the fewest units on's rank, the
            # other 30 tiny, not zero)
            text = translate("texts", "{below} of {k} singular values are below the float64 "
                                      "precision floor {floor}: relu's units off for this input "
                                      "take their rows out of J, which leaves singular values "
                                      "zero or too small to be told from zero")
        else:
            text = translate("texts", "{below} of {k} singular values are below the float64 "
                                      "precision floor {floor}: they cannot be told from zero")
        # where they are counted: the floor's line, or the x axis's name while that line is
        # left of the view (a researcher's tour: "marked on the left", where no line was)
        where = translate("texts", "{line} (marked on the left, not in the histogram)") \
            if floor_in_view else translate("texts", "{line} (counted in the x axis's label, not "
                                                     "in the histogram)")
        lines.append(where.format(line=text.format(
            below=spectrum.below_floor, k=k, narrowest=narrowest, blocked=k - narrowest,
            floor=translate("texts", "{floor} (the largest singular value, {largest}, × "
                                     "max(n_0, n_L)·ε)").format(
                floor=power_of_ten(spectrum.log10_floor),
                largest=power_of_ten(spectrum.log10_singular_values[0])))))
    return lines
