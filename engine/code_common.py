"""The pieces both code snippets share (engine.code_torch, engine.code_keras): float literals,
the widths as runs, the header comments (InitLab's setting, γ_t, the biases), ``def gamma``
(InitLab's γ_t as code), the SELU and He notes, and the final tidy join.

Pure Python: builds text only.
"""

from __future__ import annotations

from .config import SimConfig
from .config_fields import format_widths, width_runs
from .initializers import he_slope, layer_variances

_FAN_CODE = {"fan_in": "n_in", "fan_out": "n_out", "fan_avg": "(n_in + n_out) / 2"}


def literal(value: float) -> str:
    """A float as the shortest Python literal that reads back exactly."""
    return repr(float(value))


def affine_code(config: SimConfig) -> str:
    """αx + β as code, e.g. ``2.0 * x - 0.5``."""
    if config.beta == 0:
        return f"{literal(config.alpha)} * x"
    sign = "-" if config.beta < 0 else "+"
    return f"{literal(config.alpha)} * x {sign} {literal(abs(config.beta))}"


# Widths in more runs than this are written as one list: a sum of 2,993 lists, one per run,
# was nested too deep for Python to compile (RecursionError; an audit).
MAX_RUNS = 12


def widths_code(widths: tuple[int, ...]) -> str:
    """``[784] + [256] * 49 + [10]``: the widths as runs, single widths side by side in one
    list (``[784, 512, 256, 128, 10]``, not ``[784] + [512] + …``, a practitioner's tour); in
    more than MAX_RUNS runs, as one list wrapped at ~96 characters (lines indented by four)."""
    runs = width_runs(widths)
    if len(runs) <= MAX_RUNS:
        parts: list[list[int] | tuple[int, int]] = []
        for w, n in runs:
            if n > 1:
                parts.append((w, n))
            elif parts and isinstance(parts[-1], list):
                parts[-1].append(w)
            else:
                parts.append([w])
        return " + ".join(f"[{part[0]}] * {part[1]}" if isinstance(part, tuple)
                          else f"[{', '.join(map(str, part))}]" for part in parts)
    return "[\n" + "\n".join(_wrapped([f"{w}," for w in widths], "    ", "    ")) + "\n]"


def _wrapped(items: list[str], first: str, rest: str, width: int = 96) -> list[str]:
    """`items` joined by spaces into lines of at most `width` characters (an item longer than
    that alone on its line), the first line starting with `first`, the others with `rest`."""
    lines, line = [], first
    for item in items:
        if line not in (first, rest) and len(line) + 1 + len(item) > width:
            lines.append(line)
            line = rest
        line += item if line in (first, rest) else " " + item
    return lines + [line]


def _number(value: float) -> str:
    """A float as it reads back exactly, without a trailing ".0" (``1``, ``0.1``, ``1e-30``)."""
    text = literal(value)
    return text[:-2] if text.endswith(".0") else text


def _setting(config: SimConfig) -> list[str]:
    """InitLab's setting as ``key=value`` comment lines (only the keys that matter to it), its
    numbers as they read back exactly (``:g`` had written gain 1.23456789 as 1.23457)."""
    # the widths without spaces (", " parts the keys), in pieces of a line where they are long
    widths, items = f"widths={format_widths(config.widths).replace(' ', '')},", []
    while len(widths) > 84:
        cut = widths.rindex(",", 0, 84) + 1
        items.append(widths[:cut])
        widths = widths[cut:]
    items += [widths, f"activation={config.activation}"]
    if config.activation == "linear":
        items += [f"alpha={_number(config.alpha)}", f"beta={_number(config.beta)}"]
    if config.activation == "leaky_relu":
        items.append(f"negative_slope={_number(config.negative_slope)}")
    items.append(f"init={config.init}")
    if config.init == "constant":
        items.append(f"variance={_number(config.variance)}")
    if config.init in ("he", "lecun"):
        items.append(f"mode={config.mode}")
    if config.init != "zeros":
        items += [f"distribution={config.distribution}", f"gain={_number(config.gain)}"]
    items += [f"bias_std={_number(config.bias_std)}", f"seed={config.seed}"]
    items = [item if item.endswith(",") or k == len(items) - 1 else item + ","
             for k, item in enumerate(items)]
    return _wrapped(items, "# InitLab: ", "#   ")


def header_lines(config: SimConfig, library: str) -> list[str]:
    """The snippet's opening comments: InitLab's setting, γ_1 (and γ_L), the biases, the
    library (``"torch"`` or ``"keras"``)."""
    gammas = layer_variances(config)
    if config.init == "zeros":
        lines = ["# Every weight is 0 (init zeros, whatever the gain or distribution)."]
    else:
        lines = ["# Var[W^t_ij] = γ_t, InitLab's variance with gain² included: "
                 f"γ_1 = {literal(gammas[0])}"]
        if len(gammas) > 1 and gammas[-1] != gammas[0]:
            last = f"γ_L = {literal(gammas[-1])}"
            if len(lines[0]) + len(last) + 3 > 96:
                lines[0] += ","
                lines.append("#   " + last)
            else:
                lines[0] += ", " + last
        lines[-1] += "."
    bias = (f"N(0, {literal(config.bias_std)}²)" if config.bias_std > 0 else "zeros")
    return _setting(config) + lines + [
            f"# Biases: {bias}; σ follows every layer, the last one included (InitLab's model).",
            "# " + ("PyTorch" if library == "torch" else "Keras 3, any backend")
            + ": the draws differ from InitLab's, the statistics agree while float32 holds",
            "# the values (InitLab's log scale goes on past its 1e-38 … 3e38)."]


def gamma_code(config: SimConfig) -> list[str]:
    """``def gamma(n_in, n_out)``: InitLab's γ_t as code (the explicit cases need it)."""
    g2 = "" if config.gain == 1.0 else f"{literal(config.gain)}**2 * "
    if config.init == "constant":
        body = (f"{literal(config.variance)} * {literal(config.gain)}**2" if g2
                else literal(config.variance))
        rule = "constant"
    elif config.init == "xavier":
        body, rule = f"{g2}2 / (n_in + n_out)", "Xavier"
    else:
        fan = _FAN_CODE[config.mode]
        if config.init == "lecun":
            body, rule = f"{g2}1 / ({fan})" if "+" in fan else f"{g2}1 / {fan}", "LeCun"
        else:
            slope = he_slope(config)
            # (a negative slope in brackets: -0.5**2 is −0.25 in Python, and the snippet's γ
            # had been 2/((1 − a²)·fan), a breaker's tour)
            a = literal(slope) if slope > 0 else f"({literal(slope)})"
            denominator = fan if slope == 0 else f"(1 + {a}**2) * {fan}"
            if slope == 0 and "+" not in fan:
                body = f"{g2}2 / {fan}"
            else:
                body = f"{g2}2 / ({denominator})"
            rule = "He" if slope == 0 else "He, a the leaky relu's slope"
    return ["def gamma(n_in, n_out):",
            f'    """InitLab\'s γ of a layer n_in → n_out ({rule}, gain² included)."""',
            f"    return {body}", "", ""]


def selu_note(config: SimConfig) -> list[str]:
    """The SELU trap as comment lines (none for other activations)."""
    if config.activation != "selu":
        return []
    return ["# SELU: calculate_gain(\"selu\") = 3/4 is not self-normalizing; SELU's fixed point",
            "# (mean 0, variance 1) needs γ = 1/n_in: init=lecun, mode=fan_in, gain 1."]


def he_note(config: SimConfig) -> list[str]:
    """The He trap as comment lines (none for other rules)."""
    if config.init != "he":
        return []
    return ["# He's γ = 2/fan already contains the factor 2: a gain of",
            "# calculate_gain(\"relu\") = √2 on top of it would double γ."]


def tidy_source(lines: list[str]) -> str:
    """Join lines; at most two blank lines in a row, none at the ends."""
    out: list[str] = []
    for line in lines:
        if line == "" and len(out) >= 2 and out[-1] == "" and out[-2] == "":
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
