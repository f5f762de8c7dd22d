"""The formulas behind the settings: the controls' tooltips (σ, σ' and the Taylor expansion of
an activation, each init rule and distribution with its PyTorch and Keras counterparts) and the
formula of the lecture that governs a setting (the readout's "Formula" row).

Like `gui.texts` (whose helpers and tables it uses), every word is English source text in
`translate("texts", …)`, worded in the window's language each time a function is called, and
this module loads no Qt.
"""

from __future__ import annotations

import math

from engine.activations import activation_for
from engine.config import SimConfig
from engine.special_functions import INV_SQRT_2PI

from .texts import (DISTRIBUTION_FORMULAS, QT_TRANSLATE_NOOP, RULE_FORMULAS, RULE_NAMES,
                    distribution_name, formula_text, power_form, translate, word)
from .config_texts import setting_number
from .typeset import superscript


def taylor_text(act) -> str:
    """The Taylor polynomial of an activation at 0, e.g. ``1/2 + x/4 − x³/48``; one for each
    side where σ has a kink there."""
    pos = _poly_text(act.taylor)
    if act.taylor == act.taylor_neg:
        return pos
    return translate("texts", "{positive} for x ≥ 0, {negative} for x < 0").format(
        positive=pos, negative=_poly_text(act.taylor_neg))


def _poly_text(terms: tuple[tuple[float, int], ...]) -> str:
    if not terms:
        return "0"
    out = []
    for coef, power in terms:
        mag = abs(coef)
        frac = _nice_fraction(mag)
        if power == 0:
            body = frac
        else:
            var = "x" if power == 1 else f"x{superscript(str(power))}"
            if frac == "1":
                body = var
            elif "/" in frac and frac.startswith("1/"):
                body = f"{var}{frac[1:]}"
            else:
                body = f"{frac}·{var}" if not frac.replace(".", "").isdigit() else f"{frac}{var}"
        sign = "−" if coef < 0 else "+"
        out.append((sign, body))
    text = ("−" if out[0][0] == "−" else "") + out[0][1]
    for sign, body in out[1:]:
        text += f" {sign} {body}"
    return text


def _nice_fraction(value: float) -> str:
    for den in (1, 2, 3, 4, 6, 8, 12, 16, 24, 48, 120, 192, 480):
        num = value * den
        if abs(num - round(num)) < 1e-12 and 0 < round(num) <= 3:
            n = int(round(num))
            return str(n) if den == 1 else f"{n}/{den}"
    special = {INV_SQRT_2PI: "1/√(2π)", INV_SQRT_2PI / 6: "1/(6√(2π))", math.log(2): "ln 2"}
    for val, text in special.items():
        if abs(value - val) < 1e-12:
            return text
    return power_form(f"{value:.4g}")   # (α = −10⁶ had read "−1e+06·x")


def lecture_formula(config: SimConfig) -> str:
    """The formula of the lecture (or its mean-field extension) that governs this setting."""
    act = activation_for(config)
    if act.taylor == act.taylor_neg:
        taylor = f"{formula_text(act.formula)} = {taylor_text(act)} + …"
    else:  # piecewise: the text already says which side is which
        taylor = translate("texts", "{formula} ≈ {taylor} near 0").format(
            formula=formula_text(act.formula), taylor=taylor_text(act))
    name = config.activation
    if config.init == "zeros" and config.bias_std > 0:
        return translate("texts", "W^t = 0: h^t = σ(b^t), the same for every input (what variance "
                                  "is left is the biases' spread across units), and "
                                  "∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ'(h'^t) ⊙ ∂ℓ/∂h^t) = 0")
    if config.init == "zeros":
        return translate("texts", "W^t = 0 and no bias: h^t = σ(0) for every unit and input, and "
                                  "∂ℓ/∂h^{t−1} = (W^t)ᵀ(σ'(h'^t) ⊙ ∂ℓ/∂h^t) = 0")
    # (Texts given to .format write a formula's braces doubled: n_{{t−1}} shows n_{t−1}.)
    if name == "identity":
        if config.init == "xavier":
            return translate("texts", "Xavier: γ_t = 2/(n_{t−1} + n_t), the compromise between "
                                      "n_{t−1}γ_t = 1 (forward) and n_tγ_t = 1 (backward); "
                                      "with σ(x) = x, Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]")
        return translate("texts", "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}] and Var[∂ℓ/∂h^{t−1}] = "
                                  "n_tγ_t Var[∂ℓ/∂h^t]: stable only if n_{t−1}γ_t = 1 and "
                                  "n_tγ_t = 1")
    if name == "linear" and config.alpha == 1 and config.beta != 0:
        # Var[h^t] = α² n_{t−1}γ_t (Var[h^{t−1}] + β²): with both factors 1 it adds β² a layer
        # (a lecturer's tour: "+0.020 decades/layer" read as growth by a factor)
        return translate("texts", "σ(x) = x + β: E[h^t] = β and Var[h^t] = n_{{t−1}}γ_t "
                                  "(Var[h^{{t−1}}] + β²); where n_{{t−1}}γ_t = 1 it grows by "
                                  "β² = {square} a layer, Var[h^t] = 1 + (t − 1)β²: linearly, "
                                  "not by a factor — the variance is kept only with β = 0"
                         ).format(square=setting_number(config.beta ** 2))
    if name == "linear":
        return translate("texts", "σ(x) = αx + β: E[h^t] = β and Var[h^t] = "
                                  "α² n_{{t−1}}γ_t E[(h^{{t−1}})²] — the variance is kept only "
                                  "with β = 0 and α = 1 (here α = {alpha}, β = {beta})"
                         ).format(alpha=setting_number(config.alpha),
                                  beta=setting_number(config.beta))
    if name == "sigmoid":
        return translate("texts", "{taylor}: σ(0) = 1/2 ≠ 0 and σ'(0) = 1/4 ≠ 1, so the "
                                  "conditions every variance-keeping rule assumes (σ(0) = 0, "
                                  "σ'(0) = 1) fail, whatever the rule (Glorot & Bengio 2010)"
                         ).format(taylor=taylor)
    if name == "tanh":
        return translate("texts", "{taylor}: σ(0) = 0 and σ'(0) = 1 is Xavier's first-order "
                                  "condition, but the cubic term still shrinks the variance "
                                  "slowly (Var[h^t] ≈ 1/(2t) at gain 1 without bias; with a "
                                  "bias or a gain above 1, q_t settles at q* > 0 and Var[h^t] at "
                                  "E[tanh²(√q* z)]), and a large gain drives the units into the "
                                  "flat tails").format(taylor=taylor)
    if name == "sigmoid_scaled":
        return translate("texts", "the lecture's fix: {taylor}, so σ(0) = 0 and σ'(0) = 1 "
                                  "like tanh").format(taylor=taylor)
    if name == "relu":
        # (both of He's modes: a tour read "2/n_{t−1}" beside mode fan_out)
        return translate("texts", "relu: E[relu(h')²] = Var[h']/2, so He's γ_t = 2/n_{t−1} "
                                  "(fan_in) keeps the signal's variance and 2/n_t (fan_out) the "
                                  "gradient's (He et al. 2015); Xavier halves it at every layer")
    if name == "leaky_relu":
        return translate("texts", "leaky relu: E[σ(h')²] = (1 + a²)/2 · Var[h'] with a = {a}, "
                                  "so the stable γ_t is 2/((1 + a²) n_{{t−1}})"
                         ).format(a=setting_number(config.negative_slope))
    return translate("texts", "{taylor}; mean field: q_t = n_{{t−1}}γ_t E[(h^{{t−1}})²] + σ_b², "
                              "χ_t = n_tγ_t E[σ'(√q_t z)²] (Poole et al. 2016)"
                     ).format(taylor=taylor)


# -- tooltips (the formulas behind each control) -------------------------------------------

def activation_help(config: SimConfig) -> str:
    """σ, σ' and the Taylor expansion at 0 of the config's activation, its parameters bound
    (leaky_relu's slope: 0.2·x, not the default 0.01·x)."""
    if config.activation == "linear":
        return translate("texts", "σ(x) = αx + β\nσ'(x) = α\nkeeps the variance only with "
                                  "β = 0, α = 1")
    act = activation_for(config)
    return translate("texts", "σ(x) = {formula}\nσ'(x) = {derivative}\nTaylor at 0: {taylor}"
                     ).format(formula=formula_text(act.formula),
                              derivative=formula_text(act.derivative),
                              taylor=taylor_text(act))


# How each init rule and distribution maps onto torch.nn.init and keras.initializers (g the
# gain, a the leaky relu's slope), with the traps; engine.code_export writes the snippets and
# the README's "PyTorch and Keras" table has every combination.
RULE_LIBRARIES = {
    "constant": QT_TRANSLATE_NOOP("texts", "PyTorch: normal_(w, std=√γ), uniform_(w, −√(3γ), "
                                           "√(3γ)); Keras: RandomNormal(stddev=√γ), "
                                           "RandomUniform(−√(3γ), √(3γ))"),
    "xavier": QT_TRANSLATE_NOOP("texts", "PyTorch: xavier_normal_(w, gain=g), xavier_uniform_(w, "
                                         "gain=g); Keras: VarianceScaling(g², 'fan_avg', …) "
                                         "(GlorotNormal is truncated, not this normal)"),
    "he": QT_TRANSLATE_NOOP("texts", "PyTorch: kaiming_normal_(w, a=a, mode=…) then × g (it "
                                     "holds He's 2 already: a gain of calculate_gain('relu') "
                                     "doubles γ); Keras: VarianceScaling(2g²/(1 + a²), mode, …) "
                                     "(HeNormal is truncated)"),
    "lecun": QT_TRANSLATE_NOOP("texts", "PyTorch: kaiming_normal_(w, mode=…, "
                                        "nonlinearity='linear') then × g (calculate_gain('selu') "
                                        "= 3/4 is not self-normalizing, LeCun is); Keras: "
                                        "VarianceScaling(g², mode, …) (LecunNormal is truncated)"),
    "zeros": QT_TRANSLATE_NOOP("texts", "PyTorch: zeros_(w); Keras: 'zeros'"),
}
DISTRIBUTION_LIBRARIES = {
    "normal": QT_TRANSLATE_NOOP("texts", "PyTorch: normal_, xavier_normal_, kaiming_normal_; "
                                         "Keras: VarianceScaling(…, "
                                         "distribution='untruncated_normal'), not GlorotNormal, "
                                         "HeNormal or LecunNormal (truncated)"),
    "uniform": QT_TRANSLATE_NOOP("texts", "PyTorch: uniform_, xavier_uniform_, kaiming_uniform_; "
                                          "Keras: RandomUniform, GlorotUniform, HeUniform, "
                                          "LecunUniform, VarianceScaling(…, 'uniform')"),
    "truncated_normal": QT_TRANSLATE_NOOP("texts", "PyTorch: trunc_normal_(w, std=s, a=−2s, "
                                                   "b=2s), s = √γ / 0.8796 (it cuts at absolute "
                                                   "a, b and does not rescale); Keras: "
                                                   "VarianceScaling(…, 'truncated_normal'), "
                                                   "GlorotNormal, HeNormal (rescaled as here; "
                                                   "TruncatedNormal(stddev=√γ) is not: 0.774·γ)"),
    "orthogonal": QT_TRANSLATE_NOOP("texts", "PyTorch: orthogonal_(w, gain=√(γ·max(n_in, "
                                             "n_out))); Keras: Orthogonal(gain=√(γ·max(n_in, "
                                             "n_out))): both scale by the gain alone"),
}


def rule_help(rule: str) -> str:
    """The formula of init rule `rule`, and its PyTorch and Keras counterparts."""
    text = translate("texts", "{rule}: {formula}, then × gain²").format(
        rule=word(RULE_NAMES, rule), formula=translate("texts", RULE_FORMULAS[rule]))
    libraries = RULE_LIBRARIES.get(rule)
    return text if libraries is None else text + "\n" + translate("texts", libraries)


def distribution_help(distribution: str) -> str:
    """The formula of weight distribution `distribution`, and its PyTorch and Keras
    counterparts."""
    text = translate("texts", "{distribution}: {formula}").format(
        distribution=distribution_name(distribution),
        formula=translate("texts", DISTRIBUTION_FORMULAS[distribution]))
    libraries = DISTRIBUTION_LIBRARIES.get(distribution)
    return text if libraries is None else text + "\n" + translate("texts", libraries)


_CONTROL_HELP = {
    "depth": QT_TRANSLATE_NOOP("texts", "L, the number of weight layers: "
                                        "h^t = σ(W^t h^{t−1} + b^t) for t = 1 … L"),
    "width": QT_TRANSLATE_NOOP("texts", "n_t of every layer, the input included: "
                                        "n_0 = n_1 = … = n_L"),
    "widths": QT_TRANSLATE_NOOP("texts", "n_0, n_1, …, n_L explicitly, e.g. 784, 256x3, 10 "
                                         "(256x3 repeats 256 three times); wins over depth "
                                         "and width"),
    "alpha": QT_TRANSLATE_NOOP("texts", "σ(x) = αx + β: the slope α (the lecture needs α = 1)"),
    "beta": QT_TRANSLATE_NOOP("texts", "σ(x) = αx + β: the offset β (the lecture needs β = 0)"),
    "negative_slope": QT_TRANSLATE_NOOP("texts", "leaky relu: σ(x) = x (x > 0), a·x (x ≤ 0), "
                                                 "the slope a"),
    "variance": QT_TRANSLATE_NOOP("texts", "constant γ: every weight has Var[W^t_{ij}] = γ "
                                           "(then × gain²); the forward factor is n_{t−1}γ, "
                                           "the backward factor n_tγ"),
    "mode": QT_TRANSLATE_NOOP("texts", "the fan of He (γ = 2/fan) and LeCun (γ = 1/fan): "
                                       "fan_in = n_{t−1}, fan_out = n_t, "
                                       "fan_avg = (n_{t−1} + n_t)/2"),
    "gain": QT_TRANSLATE_NOOP("texts", "multiplies the weights' standard deviation: "
                                       "γ_t → gain²·γ_t"),
    "bias_std": QT_TRANSLATE_NOOP("texts", "b^t ~ N(0, σ_b²): q_t = n_{t−1}γ_t E[(h^{t−1})²] "
                                           "+ σ_b² (pre-activation variance)"),
    "batch": QT_TRANSLATE_NOOP("texts", "B inputs x ~ N(0, I) and read-out gradients "
                                        "g ~ N(0, I); variances are over the batch (per unit) "
                                        "or over batch × units (pooled)"),
    "seed": QT_TRANSLATE_NOOP("texts", "seeds every random draw (input, weights, biases, "
                                       "read-out): same seed, same run"),
    "trials": QT_TRANSLATE_NOOP("texts", "K independent draws of the network's weights and "
                                         "biases (the input batch and read-out stay the same): "
                                         "the profile shows their median with the 10–90 % band "
                                         "(darker) and the min–max band (lighter); narrow nets "
                                         "fluctuate more (Hanin & Rolnick 2018). A draw with "
                                         "exactly zero variance counts below every other (one "
                                         "past an overflow above): the median ends once half "
                                         "the draws or more have died, a band where its edge "
                                         "has. The heatmaps and the distribution show the "
                                         "first draw"),
}


HELP_KEYS = ("activation", "alpha", "beta", "negative_slope")


def control_help(key: str, config: SimConfig) -> str:
    """The tooltip of the control for config key `key`, with the formula behind it. It
    depends on the config through the activation and its parameters only (`HELP_KEYS`: the
    controls re-write their tooltips when those change)."""
    if key == "activation":
        return activation_help(config)
    if key == "init":
        return "\n".join(rule_help(r) for r in RULE_NAMES)
    if key == "distribution":
        return "\n".join(distribution_help(d) for d in DISTRIBUTION_FORMULAS)
    return translate("texts", _CONTROL_HELP[key])
