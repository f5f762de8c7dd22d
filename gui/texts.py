"""The words the window shows: verdicts, factors, formulas, tooltips, legends, hover texts.

They read the facts the engine returns (a `SimResult`, an `engine.verdict.Verdict`, a
`Spectrum`, …) and the fields of a `SimConfig`, and return text. No numerics beyond reading
values.
"""

from __future__ import annotations

import math

from engine.activations import make_activation
from engine.config import SimConfig, format_widths
from engine.initializers import DISTRIBUTION_FORMULAS, RULE_FORMULAS
from engine.result import Invalid, SimResult
from engine.verdict import Trend, Verdict

INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
# Below this many decades per layer a trend is called "slow".
SLOW_DECADES_PER_LAYER = 0.05

RULE_NAMES = {"constant": "constant γ", "xavier": "Xavier", "he": "He", "lecun": "LeCun"}


def trend_text(trend: Trend) -> str:
    """E.g. ``forward: vanishing, −0.030 decades/layer (−1.5 over 50 layers)``."""
    head = f"{trend.direction}: {trend.kind}"
    if trend.invalid is not None:
        reason = trend.invalid.reason
        if reason.startswith("undefined: "):  # it says where the forward pass overflowed
            return f"{head} ({reason[len('undefined: '):]})"
        return f"{head} ({reason} at layer {trend.invalid.layer})"
    if trend.total_decades is not None and math.isinf(trend.total_decades):
        return f"{head} (exactly zero variance)"
    rate = trend.decades_per_layer
    if rate is None:
        return head
    slow = " slowly" if trend.kind != "stable" and abs(rate) < SLOW_DECADES_PER_LAYER else ""
    return (f"{head}{slow}, {_signed(rate, 3)} decades/layer "
            f"({_signed(trend.total_decades, 1)} over {trend.layers} layer"
            f"{'s' if trend.layers != 1 else ''})")


def verdict_text(verdict: Verdict) -> str:
    """E.g. ``VANISHING — forward: …; backward: … (Monte Carlo)``."""
    source = "Monte Carlo" if verdict.source == "monte_carlo" else "theory"
    return (f"{verdict.kind.upper()} — {trend_text(verdict.forward)}; "
            f"{trend_text(verdict.backward)} ({source})")


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
        return "Undefined with batch 1:\na variance over the batch\nneeds at least 2 inputs"
    return ""


def invalid_text(direction: str, invalid: Invalid) -> str:
    """A marker's label, e.g. ``forward overflow from t = 37``."""
    reason = invalid.reason.split(":")[0].split(" (")[0]
    if reason == "undefined":
        return f"{direction} undefined (the forward pass overflowed)"
    return f"{direction} {reason} from t = {invalid.layer}"


def _span(values, t_from: int = 1) -> str:
    vals = [float(v) for v in values[t_from:]]
    if not vals:
        return "—"
    finite = [v for v in vals if math.isfinite(v)]
    if finite and len(finite) == len(vals) and max(finite) - min(finite) <= 1e-9 * max(
            abs(max(finite)), abs(min(finite)), 1e-300):
        return f"{fmt(vals[0])} at every layer"
    return f"{fmt(vals[0])} (t = 1) … {fmt(vals[-1])} (t = {len(vals)})"


def factors_text(result: SimResult) -> str:
    """The per-layer factors: forward n_{t−1}γ_t, backward n_tγ_t and χ₁ = n_tγ_t E[σ'²]."""
    th = result.theory
    return (f"n_{{t−1}}γ_t = {_span(th.factor_forward)};  "
            f"n_tγ_t = {_span(th.factor_backward)};  "
            f"χ₁ = n_tγ_t E[σ'(h')²] = {_span(th.chi1)}")


def config_text(config: SimConfig) -> str:
    """One line naming the setting, e.g. ``tanh · Xavier normal · gain 1 · depth 50 …``."""
    act = config.activation
    if act == "linear":
        act = f"linear (α = {config.alpha:g}, β = {config.beta:g})"
    elif act == "leaky_relu":
        act = f"leaky_relu (slope {config.negative_slope:g})"
    rule = RULE_NAMES[config.init]
    if config.init == "constant":
        rule = f"constant γ = {config.variance:g}"
    elif config.init in ("he", "lecun"):
        rule = f"{rule} ({config.mode})"
    widths = f"width {config.width}" if config.uniform_widths else f"widths {format_widths(config.widths)}"
    return (f"{act} · {rule} {config.distribution.replace('_', ' ')} · gain {config.gain:g} · "
            f"bias std {config.bias_std:g} · depth {config.depth} · {widths} · "
            f"batch {config.batch} · seed {config.seed}")


def lecture_formula(config: SimConfig) -> str:
    """The formula of the lecture (or its mean-field extension) that governs this setting."""
    act = make_activation(config.activation, alpha=config.alpha, beta=config.beta,
                          negative_slope=config.negative_slope)
    if act.taylor == act.taylor_neg:
        taylor = f"{act.formula} = {taylor_text(act)} + …"
    else:  # piecewise: the text already says which side is which
        taylor = f"{act.formula} ≈ {taylor_text(act)} near 0"
    name = config.activation
    if name == "identity":
        if config.init == "xavier":
            return ("Xavier: γ_t = 2/(n_{t−1} + n_t), the compromise between n_{t−1}γ_t = 1 "
                    "(forward) and n_tγ_t = 1 (backward); with σ(x) = x, "
                    "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]")
        return ("Var[h^t] = n_{t−1}γ_t Var[h^{t−1}] and Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]: "
                "stable only if n_{t−1}γ_t = 1 and n_tγ_t = 1")
    if name == "linear":
        return (f"σ(x) = αx + β: E[h^t] = β and Var[h^t] = α² n_{{t−1}}γ_t E[(h^{{t−1}})²] — "
                f"the variance is kept only with β = 0 and α = 1 (here α = {config.alpha:g}, "
                f"β = {config.beta:g})")
    if name == "sigmoid":
        return (f"{taylor}: σ(0) = 1/2 ≠ 0 and σ'(0) = 1/4 ≠ 1, so Xavier's assumptions fail "
                "(Glorot & Bengio 2010)")
    if name == "tanh":
        return f"{taylor}: σ(0) = 0 and σ'(0) = 1, near 0 it is the identity, so Xavier applies"
    if name == "sigmoid_scaled":
        return f"the lecture's fix: {taylor}, so σ(0) = 0 and σ'(0) = 1 like tanh"
    if name == "relu":
        return ("relu: E[relu(h')²] = Var[h']/2, so He's γ_t = 2/n_{t−1} keeps the variance "
                "(He et al. 2015); Xavier halves it at every layer")
    if name == "leaky_relu":
        a = config.negative_slope
        return (f"leaky relu: E[σ(h')²] = (1 + a²)/2 · Var[h'] with a = {a:g}, so the stable "
                f"γ_t is 2/((1 + a²) n_{{t−1}})")
    return (f"{taylor}; mean field: q_t = n_{{t−1}}γ_t E[(h^{{t−1}})²] + σ_b², "
            "χ_t = n_tγ_t E[σ'(√q_t z)²] (Poole et al. 2016)")


# -- tooltips (the formulas behind each control) -------------------------------------------

def activation_help(name: str) -> str:
    """σ, σ' and the Taylor expansion at 0 of activation `name`."""
    act = make_activation(name)
    text = f"σ(x) = {act.formula}\nσ'(x) = {act.derivative}\nTaylor at 0: {taylor_text(act)}"
    if name == "linear":
        text = "σ(x) = αx + β\nσ'(x) = α\nkeeps the variance only with β = 0, α = 1"
    return text


def rule_help(rule: str) -> str:
    return f"{RULE_NAMES[rule]}: {RULE_FORMULAS[rule]}, then × gain²"


def distribution_help(distribution: str) -> str:
    return f"{distribution.replace('_', ' ')}: {DISTRIBUTION_FORMULAS[distribution]}"


_CONTROL_HELP = {
    "depth": "L, the number of weight layers: h^t = σ(W^t h^{t−1} + b^t) for t = 1 … L",
    "width": "n_t of every layer, the input included: n_0 = n_1 = … = n_L",
    "widths": ("n_0, n_1, …, n_L explicitly, e.g. 784, 256x3, 10 (256x3 repeats 256 three "
               "times); wins over depth and width"),
    "alpha": "σ(x) = αx + β: the slope α (the lecture needs α = 1)",
    "beta": "σ(x) = αx + β: the offset β (the lecture needs β = 0)",
    "negative_slope": "leaky relu: σ(x) = x if x > 0 else a·x, the slope a",
    "variance": "constant γ: every weight has Var[W^t_ij] = γ (then × gain²); "
                "the forward factor is n_{t−1}γ, the backward factor n_tγ",
    "mode": ("the fan of He (γ = 2/fan) and LeCun (γ = 1/fan): fan_in = n_{t−1}, "
             "fan_out = n_t, fan_avg = (n_{t−1} + n_t)/2"),
    "gain": "multiplies the weights' standard deviation: γ_t → gain²·γ_t",
    "bias_std": ("b^t ~ N(0, σ_b²): q_t = n_{t−1}γ_t E[(h^{t−1})²] + σ_b² "
                 "(pre-activation variance)"),
    "batch": ("B inputs x ~ N(0, I) and read-out gradients g ~ N(0, I); variances are over "
              "the batch (per unit) or over batch × units (pooled)"),
    "seed": "seeds every random draw (input, weights, biases, read-out): same seed, same run",
    "trials": ("K independent draws of the network's weights and biases (the input batch and "
               "read-out stay the same): "
               "the profile shows their median with the 10–90 % band (darker) and the min–max "
               "band (lighter); narrow nets fluctuate more (Hanin & Rolnick 2018). The heatmaps "
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
    return _CONTROL_HELP[key]


# -- comparison, sweeps, phase diagram and Jacobian spectrum ---------------------------------

def short_config_text(config: SimConfig) -> str:
    """A short name of a setting for a legend, e.g. ``relu · He · gain 1 · depth 50 · width 256``
    (the distribution, bias and trials only when they are not the defaults)."""
    parts = [config.activation, RULE_NAMES[config.init]]
    if config.init == "constant":
        parts[1] = f"γ = {config.variance:g}"
    if config.distribution != "normal":
        parts[1] += f" {config.distribution.replace('_', ' ')}"
    parts.append(f"gain {config.gain:g}")
    if config.bias_std:
        parts.append(f"bias std {config.bias_std:g}")
    parts.append(f"depth {config.depth}")
    parts.append(f"width {config.width}" if config.uniform_widths
                 else f"widths {format_widths(config.widths)}")
    if config.trials > 1:
        parts.append(f"{config.trials} trials")
    return " · ".join(parts)


def power_of_ten(log10_value: float) -> str:
    """10^x for people: ``0.0178`` within three decades of 1, ``10^{−37.2}`` beyond."""
    if not math.isfinite(log10_value):
        return fmt(log10_value if math.isnan(log10_value) else
                   (math.inf if log10_value > 0 else 0.0))
    if -3 <= log10_value < 3:
        return fmt(10.0 ** log10_value)
    return "10^{" + f"{log10_value:.1f}".replace("-", "−") + "}"


def phase_name(log10_chi1: float) -> str:
    """Ordered, critical or chaotic, from log10 χ₁ (|log10 χ₁| < 0.005: critical)."""
    if not math.isfinite(log10_chi1):
        return "undefined"
    if abs(log10_chi1) < 0.005:
        return "critical: the edge of chaos"
    return ("ordered: gradients vanish" if log10_chi1 < 0
            else "chaotic: gradients explode")


def phase_point_text(sigma_w2: float, sigma_b2: float, log10_chi1: float, xi_c: float) -> str:
    """The phase diagram's hover text of one grid point."""
    if math.isnan(xi_c):
        depth = "ξ_c undefined (no fixed point q*)"
    elif math.isinf(xi_c):
        depth = "ξ_c = ∞ (on the critical line)"
    else:
        depth = f"ξ_c = {fmt(xi_c)} layers"
    return (f"σ_w² = {fmt(sigma_w2)}, σ_b² = {fmt(sigma_b2)}:  χ₁ = {power_of_ten(log10_chi1)} "
            f"({phase_name(log10_chi1)});  {depth}")


def critical_gain_text(critical: float, lo: float, hi: float) -> str:
    """What the sweep's critical-gain line means, or why it is missing."""
    if not math.isfinite(critical):
        return "no order–chaos transition for this setting: χ₁ = 1 is never reached"
    where = "" if lo <= critical <= hi else " — outside the swept range"
    return (f"χ₁ = 1 (order–chaos) at gain {fmt(critical)}{where}: the fixed point of the hidden "
            f"layers' map, σ_w² = n_{{t−1}}γ_t·gain² for t = 2 … L−1")


def spectrum_text(spectrum) -> list[str]:
    """Lines describing a Jacobian spectrum (engine.spectrum.Spectrum)."""
    config = spectrum.config
    n0, nL = config.widths[0], config.widths[-1]
    k = min(n0, nL)
    head = (f"{k} singular value{'s' if k != 1 else ''} s of J = ∂h^L/∂h^0 at one input "
            f"({config.depth} layer{'s' if config.depth != 1 else ''}, "
            f"{config.activation}, gain {config.gain:g})")
    if spectrum.invalid is not None:
        return [head, f"no spectrum: {spectrum.invalid}"]
    theory = "Π_t χ_t" if n0 == nL else f"n_0·Π_t χ_t / {k}"
    gap = spectrum.log10_mean_sq - spectrum.theory_log10_mean_sq
    lines = [head,
             f"mean s² = {power_of_ten(spectrum.log10_mean_sq)} (this network);  theory "
             f"{theory} = {power_of_ten(spectrum.theory_log10_mean_sq)}  "
             f"({_signed(gap, 2)} decades apart)",
             f"Var[s²]/E[s²]² = {fmt(spectrum.eig_normalized_var)}  (0 for dynamical isometry, "
             f"where every s is the same)"]
    if spectrum.below_floor:
        lines.append(f"{spectrum.below_floor} of {k} singular values are below the float64 "
                     f"precision floor {power_of_ten(spectrum.log10_floor)}: they cannot be told "
                     f"from zero (left of the dotted line, not in the histogram)")
    return lines


def network_point_text(sigma_w2: float, sigma_b2: float, theory: SimResult) -> str:
    """Where the network's last layer sits in the phase diagram: χ₁ at the fixed point q*,
    or, without one, χ₁ of its last layer (`theory`: its SimResult)."""
    th = theory.theory
    chi, where = th.chi1_star, "at q*"
    if chi is None or not chi > 0:
        chi, where = float(th.chi1[-1]), f"of layer {theory.config.depth}, no finite q*"
    log_chi = math.log10(chi) if math.isfinite(chi) and chi > 0 else math.nan
    xi = th.xi_c if th.xi_c is not None else math.nan
    text = phase_point_text(sigma_w2, sigma_b2, log_chi, xi)
    return "★ this network's last layer: " + text.replace(":  χ₁ = ", f":  χ₁ ({where}) = ", 1)
