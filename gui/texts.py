"""The words the window shows: verdicts, factors, formulas, tooltips, legends, hover texts.

They read the facts the engine returns (a `SimResult`, an `engine.verdict.Verdict`, a
`Spectrum`, …) and the fields of a `SimConfig`, and return text. No numerics beyond reading
values.

Every word is English source text in `translate("texts", …)` (context "texts"), worded in the
window's language each time a function is called. This module loads no Qt (the command line
and the engine's tests import it): `translate` is Qt's `QCoreApplication.translate` once the
window has loaded Qt, and the English source text before. The engine's facts (trend kinds,
invalid reasons, formulas) are English identifiers, mapped to words by the tables below; one
the tables do not know passes through untranslated.
"""

from __future__ import annotations

import math
import html
import re
import sys

from engine.activations import make_activation
from engine.config import SimConfig, format_widths
from engine.initializers import DISTRIBUTION_FORMULAS, RULE_FORMULAS
from engine.result import Invalid, SimResult
from engine.verdict import Trend, Verdict

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
# Below this many decades per layer a trend is called "slow".
SLOW_DECADES_PER_LAYER = 0.05



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for pyside6-lupdate (like PySide6.QtCore's, without loading Qt)."""
    return text


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`QCoreApplication.translate` when Qt is loaded (gui.i18n's translate), else `text`."""
    core = sys.modules.get("PySide6.QtCore")
    if core is None:
        return text
    return core.QCoreApplication.translate(context, text, disambiguation, n)


# Tables of words: English source text, worded by `translate("texts", table[key])` when shown.
RULE_NAMES = {"constant": QT_TRANSLATE_NOOP("texts", "constant γ"),
              "xavier": QT_TRANSLATE_NOOP("texts", "Xavier"),
              "he": QT_TRANSLATE_NOOP("texts", "He"),
              "lecun": QT_TRANSLATE_NOOP("texts", "LeCun"),
              "zeros": QT_TRANSLATE_NOOP("texts", "zeros")}
DIRECTIONS = {"forward": QT_TRANSLATE_NOOP("texts", "forward"),
              "backward": QT_TRANSLATE_NOOP("texts", "backward")}
TREND_KINDS = {"stable": QT_TRANSLATE_NOOP("texts", "stable"),
               "vanishing": QT_TRANSLATE_NOOP("texts", "vanishing"),
               "exploding": QT_TRANSLATE_NOOP("texts", "exploding"),
               "undefined": QT_TRANSLATE_NOOP("texts", "undefined")}
# The verdict's heading (engine.verdict's kind, in capitals).
VERDICT_NAMES = {
    "stable": QT_TRANSLATE_NOOP("texts", "STABLE"),
    "vanishing": QT_TRANSLATE_NOOP("texts", "VANISHING"),
    "exploding": QT_TRANSLATE_NOOP("texts", "EXPLODING"),
    "undefined": QT_TRANSLATE_NOOP("texts", "UNDEFINED"),
    "forward exploding, backward vanishing":
        QT_TRANSLATE_NOOP("texts", "FORWARD EXPLODING, BACKWARD VANISHING"),
    "forward vanishing, backward exploding":
        QT_TRANSLATE_NOOP("texts", "FORWARD VANISHING, BACKWARD EXPLODING"),
}
# Why a pass stops being representable (engine.result.Invalid.reason, before any ":").
INVALID_REASONS = {"overflow": QT_TRANSLATE_NOOP("texts", "overflow"),
                   "underflow": QT_TRANSLATE_NOOP("texts", "underflow"),
                   "exactly zero variance": QT_TRANSLATE_NOOP("texts", "exactly zero variance"),
                   "not a number": QT_TRANSLATE_NOOP("texts", "not a number"),
                   "undefined": QT_TRANSLATE_NOOP("texts", "undefined")}
DISTRIBUTION_NAMES = {"normal": QT_TRANSLATE_NOOP("texts", "normal"),
                      "uniform": QT_TRANSLATE_NOOP("texts", "uniform"),
                      "truncated_normal": QT_TRANSLATE_NOOP("texts", "truncated normal"),
                      "orthogonal": QT_TRANSLATE_NOOP("texts", "orthogonal")}
# engine.initializers' formulas that hold words (translated by their own text; the others are
# pure symbols). tests/test_texts.py checks that every one of them is here.
FORMULA_WORDS = (
    QT_TRANSLATE_NOOP("texts", "γ = variance"),
    QT_TRANSLATE_NOOP("texts", "γ = 2 / ((1 + a²)·fan), a the leaky relu's slope (0 otherwise)"),
    QT_TRANSLATE_NOOP("texts", "N(0, s²) cut at ±2s, s chosen so the variance is γ"),
    QT_TRANSLATE_NOOP("texts", "√(γ·max(n_in, n_out)) · Q, Q (semi-)orthogonal"),
    QT_TRANSLATE_NOOP("texts", "γ = 0 (every weight 0)"),
)


_SUB = re.compile(r"_\{([^}]*)\}|_([A-Za-z0-9])(?![A-Za-z0-9])")
_SUP = re.compile(r"\^\{([^}]*)\}|\^([A-Za-z0-9])(?![A-Za-z0-9])")


def rich(text: str) -> str:
    """Escape `text` and typeset n_{t−1}, γ_t, h^t as sub- and superscripts."""
    body = html.escape(text)
    body = _SUB.sub(lambda m: f"<sub>{m.group(1) or m.group(2)}</sub>", body)
    return _SUP.sub(lambda m: f"<sup>{m.group(1) or m.group(2)}</sup>", body)


def rich_tooltip(text: str) -> str:
    """`text` as a tooltip Qt shows as rich text (sub- and superscripts, never n_{t−1})."""
    return f"<qt>{rich(text)}</qt>"


def word(table: dict[str, str], key: str) -> str:
    """`table[key]` in the window's language; an unknown key (a new engine fact) as it is."""
    text = table.get(key)
    return key if text is None else translate("texts", text)


def distribution_name(distribution: str) -> str:
    """E.g. ``truncated normal`` for ``truncated_normal``."""
    text = DISTRIBUTION_NAMES.get(distribution)
    return distribution.replace("_", " ") if text is None else translate("texts", text)


def _engine_sentence(text: str) -> str:
    """A sentence of the engine's about where a pass stopped, in the window's language."""
    m = re.fullmatch(r"the forward pass overflowed at layer (\d+)", text)
    if m:
        return translate("texts", "the forward pass overflowed at layer {layer}"
                         ).format(layer=m.group(1))
    m = re.fullmatch(r"the Jacobian vanished exactly at layer (\d+)", text)
    if m:
        return translate("texts", "the Jacobian vanished exactly at layer {layer}"
                         ).format(layer=m.group(1))
    m = re.fullmatch(r"the Jacobian is not a number at layer (\d+)", text)
    if m:
        return translate("texts", "the Jacobian is not a number at layer {layer}"
                         ).format(layer=m.group(1))
    return text


def trend_text(trend: Trend) -> str:
    """E.g. ``forward: vanishing, −0.030 decades/layer (−1.5 over 50 layers)``."""
    kind = word(TREND_KINDS, trend.kind)
    rate = trend.decades_per_layer
    if trend.invalid is None and rate is not None and trend.kind != "stable" \
            and abs(rate) < SLOW_DECADES_PER_LAYER:
        kind = translate("texts", "{kind} slowly").format(kind=kind)
    head = translate("texts", "{direction}: {kind}").format(
        direction=word(DIRECTIONS, trend.direction), kind=kind)
    if trend.invalid is not None:
        reason = trend.invalid.reason
        if reason.startswith("undefined: "):  # it says where the forward pass overflowed
            return translate("texts", "{head} ({reason})").format(
                head=head, reason=_engine_sentence(reason[len("undefined: "):]))
        return translate("texts", "{head} ({reason} at layer {layer})").format(
            head=head, reason=word(INVALID_REASONS, reason), layer=trend.invalid.layer)
    if trend.total_decades is not None and math.isinf(trend.total_decades):
        return translate("texts", "{head} (exactly zero variance)").format(head=head)
    if rate is None:
        return head
    if trend.layers == 1:
        text = translate("texts", "{head}, {rate} decades/layer ({total} over {n} layer)")
    else:
        text = translate("texts", "{head}, {rate} decades/layer ({total} over {n} layers)")
    return text.format(head=head, rate=_signed(rate, 3), total=_signed(trend.total_decades, 1),
                       n=trend.layers)


def verdict_text(verdict: Verdict) -> str:
    """E.g. ``VANISHING — forward: …; backward: … (Monte Carlo)``."""
    source = (translate("texts", "Monte Carlo") if verdict.source == "monte_carlo"
              else translate("texts", "theory"))
    kind = VERDICT_NAMES.get(verdict.kind)
    kind = verdict.kind.upper() if kind is None else translate("texts", kind)
    return translate("texts", "{verdict} — {forward}; {backward} ({source})").format(
        verdict=kind, forward=trend_text(verdict.forward), backward=trend_text(verdict.backward),
        source=source)


def taylor_text(act) -> str:
    """The Taylor polynomial of an activation at 0, e.g. ``1/2 + x/4 − x³/48``; one for each
    side where σ has a kink there."""
    pos = _poly_text(act.taylor)
    if act.taylor == act.taylor_neg:
        return pos
    return f"{pos} (x ≥ 0);  {_poly_text(act.taylor_neg)} (x < 0)"


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
            var = "x" if power == 1 else f"x{_superscript(power)}"
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
    return f"{value:.4g}"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _signed(value: float, decimals: int) -> str:
    """``+1.81`` / ``−0.040``: fixed decimals, fewer for large values, a true minus sign."""
    if abs(value) >= 10:
        decimals = max(decimals - 2, 0)
    return f"{value:+.{decimals}f}".replace("-", "−")


def fmt(value: float | None) -> str:
    """A number for people: 3 significant digits, scientific when very large or small."""
    if value is None or not math.isfinite(value):
        return "—" if value is None or math.isnan(value) else ("∞" if value > 0 else "−∞")
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa}·10^{int(exponent)}"


def per_unit_note(config: SimConfig) -> str:
    """Why a per-unit heatmap is empty, or "" when it is not."""
    if config.batch < 2:
        return translate("texts", "Undefined with batch 1:\na variance over the batch\n"
                                  "needs at least 2 inputs")
    return ""


def invalid_text(direction: str, invalid: Invalid) -> str:
    """A marker's label, e.g. ``forward overflow from t = 37``."""
    reason = invalid.reason.split(":")[0].split(" (")[0]
    if reason == "undefined":
        return translate("texts", "{direction} undefined (the forward pass overflowed)").format(
            direction=word(DIRECTIONS, direction))
    return translate("texts", "{direction} {reason} from t = {layer}").format(
        direction=word(DIRECTIONS, direction), reason=word(INVALID_REASONS, reason),
        layer=invalid.layer)


def _span(values, t_from: int = 1) -> str:
    vals = [float(v) for v in values[t_from:]]
    if not vals:
        return "—"
    finite = [v for v in vals if math.isfinite(v)]
    if finite and len(finite) == len(vals) and max(finite) - min(finite) <= 1e-9 * max(
            abs(max(finite)), abs(min(finite)), 1e-300):
        return translate("texts", "{value} at every layer").format(value=fmt(vals[0]))
    return f"{fmt(vals[0])} (t = 1) … {fmt(vals[-1])} (t = {len(vals)})"


def factors_text(result: SimResult) -> str:
    """The per-layer factors: forward n_{t−1}γ_t, backward n_tγ_t and χ₁ = n_tγ_t E[σ'²]."""
    th = result.theory
    text = (f"n_{{t−1}}γ_t = {_span(th.factor_forward)};  "
            f"n_tγ_t = {_span(th.factor_backward)};  "
            f"χ₁ = n_tγ_t E[σ'(h')²] = {_span(th.chi1)}")
    gain = result.config.gain
    if gain != 1.0:   # else "constant γ = 0.01" beside n·γ = 41 reads as a contradiction
        text += translate("texts", "  (γ_t includes gain² = {square}: the gain multiplies "
                                   "every weight)").format(square=fmt(gain * gain))
    return text


def config_text(config: SimConfig) -> str:
    """One line naming the setting, e.g. ``tanh · Xavier normal · gain 1 · depth 50 …``."""
    act = config.activation
    if act == "linear":
        act = f"linear (α = {config.alpha:g}, β = {config.beta:g})"
    elif act == "leaky_relu":
        act = translate("texts", "leaky_relu (slope {slope})").format(
            slope=f"{config.negative_slope:g}")
    rule = word(RULE_NAMES, config.init)
    if config.init == "constant":
        rule = translate("texts", "constant γ = {variance}").format(
            variance=f"{config.variance:g}")
    elif config.init in ("he", "lecun"):
        rule = f"{rule} ({config.mode})"
    rule = translate("texts", "{rule} {distribution}").format(
        rule=rule, distribution=distribution_name(config.distribution))
    return " · ".join([
        act, rule, _gain(config), _bias(config), _depth(config), _widths(config),
        translate("texts", "batch {batch}").format(batch=config.batch),
        translate("texts", "seed {seed}").format(seed=config.seed)])


def _gain(config: SimConfig) -> str:
    return translate("texts", "gain {gain}").format(gain=f"{config.gain:g}")


def _bias(config: SimConfig) -> str:
    return translate("texts", "bias std {bias_std}").format(bias_std=f"{config.bias_std:g}")


def _depth(config: SimConfig) -> str:
    return translate("texts", "depth {depth}").format(depth=config.depth)


def _widths(config: SimConfig) -> str:
    if config.uniform_widths:
        return translate("texts", "width {width}").format(width=config.width)
    return translate("texts", "widths {widths}").format(widths=format_widths(config.widths))


def lecture_formula(config: SimConfig) -> str:
    """The formula of the lecture (or its mean-field extension) that governs this setting."""
    act = make_activation(config.activation, alpha=config.alpha, beta=config.beta,
                          negative_slope=config.negative_slope)
    if act.taylor == act.taylor_neg:
        taylor = f"{act.formula} = {taylor_text(act)} + …"
    else:  # piecewise: the text already says which side is which
        taylor = translate("texts", "{formula} ≈ {taylor} near 0").format(
            formula=act.formula, taylor=taylor_text(act))
    name = config.activation
    # (Texts given to .format write a formula's braces doubled: n_{{t−1}} shows n_{t−1}.)
    if name == "identity":
        if config.init == "xavier":
            return translate("texts", "Xavier: γ_t = 2/(n_{t−1} + n_t), the compromise between "
                                      "n_{t−1}γ_t = 1 (forward) and n_tγ_t = 1 (backward); "
                                      "with σ(x) = x, Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]")
        return translate("texts", "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}] and Var[∂ℓ/∂h^{t−1}] = "
                                  "n_tγ_t Var[∂ℓ/∂h^t]: stable only if n_{t−1}γ_t = 1 and "
                                  "n_tγ_t = 1")
    if name == "linear":
        return translate("texts", "σ(x) = αx + β: E[h^t] = β and Var[h^t] = "
                                  "α² n_{{t−1}}γ_t E[(h^{{t−1}})²] — the variance is kept only "
                                  "with β = 0 and α = 1 (here α = {alpha}, β = {beta})"
                         ).format(alpha=f"{config.alpha:g}", beta=f"{config.beta:g}")
    if name == "sigmoid":
        return translate("texts", "{taylor}: σ(0) = 1/2 ≠ 0 and σ'(0) = 1/4 ≠ 1, so the "
                                  "conditions every variance-keeping rule assumes (σ(0) = 0, "
                                  "σ'(0) = 1) fail, whatever the rule (Glorot & Bengio 2010)"
                         ).format(taylor=taylor)
    if name == "tanh":
        return translate("texts", "{taylor}: σ(0) = 0 and σ'(0) = 1 is Xavier's first-order "
                                  "condition, but the cubic term still shrinks the variance "
                                  "slowly (Var[h^t] ≈ 1/(2t) at gain 1), and a large gain drives "
                                  "the units into the flat tails").format(taylor=taylor)
    if name == "sigmoid_scaled":
        return translate("texts", "the lecture's fix: {taylor}, so σ(0) = 0 and σ'(0) = 1 "
                                  "like tanh").format(taylor=taylor)
    if name == "relu":
        return translate("texts", "relu: E[relu(h')²] = Var[h']/2, so He's γ_t = 2/n_{t−1} "
                                  "keeps the variance (He et al. 2015); Xavier halves it at "
                                  "every layer")
    if name == "leaky_relu":
        return translate("texts", "leaky relu: E[σ(h')²] = (1 + a²)/2 · Var[h'] with a = {a}, "
                                  "so the stable γ_t is 2/((1 + a²) n_{{t−1}})"
                         ).format(a=f"{config.negative_slope:g}")
    return translate("texts", "{taylor}; mean field: q_t = n_{{t−1}}γ_t E[(h^{{t−1}})²] + σ_b², "
                              "χ_t = n_tγ_t E[σ'(√q_t z)²] (Poole et al. 2016)"
                     ).format(taylor=taylor)


# -- tooltips (the formulas behind each control) -------------------------------------------

def activation_help(name: str) -> str:
    """σ, σ' and the Taylor expansion at 0 of activation `name`."""
    if name == "linear":
        return translate("texts", "σ(x) = αx + β\nσ'(x) = α\nkeeps the variance only with "
                                  "β = 0, α = 1")
    act = make_activation(name)
    return translate("texts", "σ(x) = {formula}\nσ'(x) = {derivative}\nTaylor at 0: {taylor}"
                     ).format(formula=act.formula, derivative=act.derivative,
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
    "negative_slope": QT_TRANSLATE_NOOP("texts", "leaky relu: σ(x) = x if x > 0 else a·x, "
                                                 "the slope a"),
    "variance": QT_TRANSLATE_NOOP("texts", "constant γ: every weight has Var[W^t_ij] = γ "
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
                                         "fluctuate more (Hanin & Rolnick 2018). The heatmaps "
                                         "and the distribution show the first draw"),
}


def control_help(key: str, config: SimConfig) -> str:
    """The tooltip of the control for config key `key`, with the formula behind it."""
    if key == "activation":
        return activation_help(config.activation)
    if key == "init":
        return "\n".join(rule_help(r) for r in RULE_NAMES)
    if key == "distribution":
        return "\n".join(distribution_help(d) for d in DISTRIBUTION_FORMULAS)
    return translate("texts", _CONTROL_HELP[key])


# -- comparison, sweeps, phase diagram and Jacobian spectrum ---------------------------------

def short_config_text(config: SimConfig) -> str:
    """A short name of a setting for a legend, e.g. ``relu · He · gain 1 · depth 50 · width 256``
    (the distribution, bias and trials only when they are not the defaults)."""
    rule = word(RULE_NAMES, config.init)
    if config.init == "constant":
        rule = f"γ = {config.variance:g}"
    if config.distribution != "normal":
        rule = translate("texts", "{rule} {distribution}").format(
            rule=rule, distribution=distribution_name(config.distribution))
    parts = [config.activation, rule, _gain(config)]
    if config.bias_std:
        parts.append(_bias(config))
    parts += [_depth(config), _widths(config)]
    if config.trials > 1:
        parts.append(translate("texts", "{trials} trials").format(trials=config.trials))
    return " · ".join(parts)


def power_of_ten(log10_value: float) -> str:
    """10^x for people: ``0.0178`` within three decades of 1, ``10^{−37.2}`` beyond."""
    if not math.isfinite(log10_value):
        return fmt(log10_value if math.isnan(log10_value) else
                   (math.inf if log10_value > 0 else 0.0))
    if -3 <= log10_value < 3:
        return fmt(10.0 ** log10_value)
    return "10^{" + f"{log10_value:.1f}".replace("-", "−") + "}"


def decades_value(log10_value: float | None) -> str:
    """A log10 value as the hover readouts say it: "−1.23 decades = 0.0589" ("—": none)."""
    if log10_value is None or not math.isfinite(log10_value):
        return "—" if log10_value is None or math.isnan(log10_value) else power_of_ten(log10_value)
    return translate("texts", "{decades} decades = {plain}").format(
        decades=f"{log10_value:+.2f}".replace("-", "−"), plain=power_of_ten(log10_value))


def duration_text(seconds: float) -> str:
    """An estimated duration as a person says it: "40 s", "3 min", "1.6 h"."""
    if seconds < 90:
        return translate("texts", "{n} s").format(n=f"{max(seconds, 1):.0f}")
    if seconds < 90 * 60:
        return translate("texts", "{n} min").format(n=f"{seconds / 60:.0f}")
    return translate("texts", "{n} h").format(n=f"{seconds / 3600:.1f}")


def bytes_text(count: float) -> str:
    """A memory size: "480 MB", "3.1 GB" (powers of 1000, three digits at most)."""
    if count >= 1e9:
        return translate("texts", "{n} GB").format(n=f"{count / 1e9:.3g}")
    return translate("texts", "{n} MB").format(n=f"{max(count / 1e6, 0.1):.3g}")


def phase_name(log10_chi1: float) -> str:
    """Ordered, critical or chaotic, from log10 χ₁ (|log10 χ₁| < 0.005: critical)."""
    if not math.isfinite(log10_chi1):
        return translate("texts", "undefined")
    if abs(log10_chi1) < 0.005:
        return translate("texts", "critical: the edge of chaos")
    return (translate("texts", "ordered: gradients vanish") if log10_chi1 < 0
            else translate("texts", "chaotic: gradients explode"))


def phase_point_text(sigma_w2: float, sigma_b2: float, log10_chi1: float, xi_c: float,
                     where: str = "") -> str:
    """The phase diagram's hover text of one grid point (`where`: which χ₁ it is, e.g.
    "at q*", "" to say nothing)."""
    if math.isnan(xi_c):
        depth = translate("texts", "ξ_c undefined (no fixed point q*)")
    elif math.isinf(xi_c):
        depth = translate("texts", "ξ_c = ∞ (on the critical line)")
    else:
        depth = translate("texts", "ξ_c = {xi_c} layers").format(xi_c=fmt(xi_c))
    if where:
        text = translate("texts", "σ_w² = {weight_variance}, σ_b² = {bias_variance}:  χ₁ ({where}) = {chi} "
                                  "({phase});  {depth}")
    else:
        text = translate("texts", "σ_w² = {weight_variance}, σ_b² = {bias_variance}:  χ₁ = {chi} "
                                  "({phase});  {depth}")
    return text.format(weight_variance=fmt(sigma_w2), bias_variance=fmt(sigma_b2), where=where,
                       chi=power_of_ten(log10_chi1), phase=phase_name(log10_chi1), depth=depth)


def critical_gain_definition() -> str:
    """What the network's critical gain is (`engine.phase.critical_gain`)."""
    return translate("texts", "Critical gain: the gain at which, in the mean-field theory of "
                              "this network with every layer counted, the gradient's squared "
                              "norm reaches the input as large as it left the output: the "
                              "input–output Jacobian J has ‖J‖²_F = n_L, i.e. the product over "
                              "the layers t = 1 … L of n_{{t−1}}γ_t·E[σ'²] is 1. With equal "
                              "widths and great depth it is the edge of chaos, χ₁ = 1 at the "
                              "fixed point q*; in a finite network the input's transient and "
                              "unequal widths move it.").format()


def critical_gain_text(critical: float, lo: float, hi: float) -> str:
    """What the sweep's critical-gain line means, or why it is missing."""
    if not math.isfinite(critical):
        return translate("texts", "No critical gain: at no gain does the gradient's squared "
                                  "norm reach the input unchanged")
    if lo <= critical <= hi:
        text = translate("texts", "Critical gain {gain} (dashed): there the gradient's squared "
                                  "norm reaches the input unchanged (‖J‖²_F = n_L for the "
                                  "input–output Jacobian J)")
    else:
        text = translate("texts", "Critical gain {gain} — outside the swept range: there the "
                                  "gradient's squared norm reaches the input unchanged "
                                  "(‖J‖²_F = n_L for the input–output Jacobian J)")
    return text.format(gain=fmt(critical))


def spectrum_text(spectrum) -> list[str]:
    """Lines describing a Jacobian spectrum (engine.spectrum.Spectrum)."""
    config = spectrum.config
    n0, nL = config.widths[0], config.widths[-1]
    k = min(n0, nL)
    values = (translate("texts", "{k} singular value") if k == 1
              else translate("texts", "{k} singular values")).format(k=k)
    layers = (translate("texts", "{depth} layer") if config.depth == 1
              else translate("texts", "{depth} layers")).format(depth=config.depth)
    head = translate("texts", "{values} s of J = ∂h^L/∂h^0 at one input ({layers}, "
                              "{activation}, gain {gain})").format(
        values=values, layers=layers, activation=config.activation, gain=f"{config.gain:g}")
    if spectrum.invalid is not None:
        return [head, translate("texts", "no spectrum: {reason}").format(
            reason=_engine_sentence(spectrum.invalid))]
    theory = "Π_t χ_t" if n0 == nL else f"n_0·Π_t χ_t / {k}"
    gap = spectrum.log10_mean_sq - spectrum.theory_log10_mean_sq
    lines = [head,
             translate("texts", "mean s² = {mean} (this network);  theory {theory} = "
                                "{theory_mean}  ({gap} decades apart)").format(
                 mean=power_of_ten(spectrum.log10_mean_sq), theory=theory,
                 theory_mean=power_of_ten(spectrum.theory_log10_mean_sq), gap=_signed(gap, 2)),
             translate("texts", "Var[s²]/E[s²]² = {value}  (0 for dynamical isometry, where "
                                "every s is the same)").format(
                 value=fmt(spectrum.eig_normalized_var))]
    if spectrum.below_floor:
        lines.append(translate("texts", "{below} of {k} singular values are below the float64 "
                                        "precision floor {floor}: they cannot be told from zero "
                                        "(left of the dotted line, not in the histogram)").format(
            below=spectrum.below_floor, k=k, floor=power_of_ten(spectrum.log10_floor)))
    return lines


def network_point_text(sigma_w2: float, sigma_b2: float, theory: SimResult) -> str:
    """Where the network's last layer sits in the phase diagram: χ₁ at the fixed point q*,
    or, without one, χ₁ of its last layer (`theory`: its SimResult)."""
    th = theory.theory
    chi, where = th.chi1_star, translate("texts", "at q*")
    if chi is None or not chi > 0:
        chi = float(th.chi1[-1])
        where = translate("texts", "of layer {depth}, no finite q*").format(
            depth=theory.config.depth)
    log_chi = math.log10(chi) if math.isfinite(chi) and chi > 0 else math.nan
    xi = th.xi_c if th.xi_c is not None else math.nan
    return translate("texts", "★ this network's last layer: {point}").format(
        point=phase_point_text(sigma_w2, sigma_b2, log_chi, xi, where=where))


def gap_text(gap) -> str:
    """Why the Monte Carlo and the theory differ (an engine.verdict.TheoryGap)."""
    values = {"decades": _signed(gap.decades, 1), "layer": gap.layer,
              "direction": word(DIRECTIONS, gap.direction)}
    if gap.reason == "finite_width":
        return translate(
            "texts", "Monte Carlo {decades} decades from the theory at layer {layer} "
                     "({direction}), more than the trials' spread explains: finite width — one "
                     "network follows the typical run, below the expectation over weights that "
                     "the theory gives").format(**values)
    return translate(
        "texts", "Monte Carlo {decades} decades from the theory at layer {layer} ({direction}), "
                 "more than the trials' spread explains: the variance pooled over the batch is "
                 "a mean over inputs, carried by those whose variance decays slowest"
    ).format(**values)
