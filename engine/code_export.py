"""Copy as PyTorch / Keras: the config's network as a short, runnable snippet of either library.

`torch_code(config)` and `keras_code(config)` return Python source that builds the network of a
`SimConfig` with the library's own initializers (``torch.nn.init.*``, ``keras.initializers.*``)
so that every weight's variance is InitLab's γ_t (gain² included), the biases are
N(0, bias_std²) (or zeros), and the activation follows every layer, the last one included
(InitLab's model). Both snippets define ``model``: an ``nn.Sequential`` whose forward pass on a
``batch × n_0`` float32 tensor is the app's network, or a ``keras.Sequential`` that starts with
``keras.Input((n_0,))``.

Where a library's named initializer has exactly InitLab's distribution it is used; otherwise
the snippet writes the std or limit out, per layer. The conventions that differ (the traps) are
stated in comments where they matter:

- ``torch.nn.init.trunc_normal_`` cuts at the *absolute* values ``a``, ``b`` and does not
  rescale; InitLab (and Keras' ``VarianceScaling``) cut at ±2s and choose s so that the
  variance is γ: s = √γ / 0.8796256610342398 (the std of N(0, 1) cut at ±2).
- Keras ``TruncatedNormal(stddev=s)`` cuts at ±2s but does not rescale (variance 0.774·s²,
  −0.11 decades per layer); ``VarianceScaling(distribution="truncated_normal")`` does.
- Keras ``GlorotNormal``, ``HeNormal`` and ``LecunNormal`` are *truncated* (and rescaled): they
  are InitLab's truncated normal, not its normal (``distribution="untruncated_normal"`` is).
- Orthogonal: InitLab scales a (semi-)orthogonal Q by √(γ·max(n_in, n_out)) so that its entries
  have mean square γ; ``orthogonal_`` and Keras ``Orthogonal`` scale by ``gain`` alone.
- ``calculate_gain("selu") = 3/4`` is not self-normalizing (SELU's fixed point needs
  γ = 1/n_in); He's γ already contains the factor 2, so a gain of ``calculate_gain("relu")``
  on top doubles γ.

Pure Python: builds text only, imports neither torch nor keras.
"""

from __future__ import annotations

import math

from .config import SimConfig, format_widths
from .initializers import TRUNCATED_NORMAL_VAR, he_slope, layer_variances

# The standard deviation of N(0, 1) cut at ±2: 0.8796256610342398 (Keras writes
# 0.87962566103423978).
TRUNCATED_NORMAL_STD = math.sqrt(TRUNCATED_NORMAL_VAR)
LIBRARIES = ("torch", "keras")

_TORCH_ACTIVATIONS = {
    "identity": "nn.Identity()", "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()",
    "relu": "nn.ReLU()", "elu": "nn.ELU()", "selu": "nn.SELU()", "gelu": "nn.GELU()",
    "swish": "nn.SiLU()", "softplus": "nn.Softplus()",
}
# Keras 3 names; "linear" is Keras' identity (InitLab's linear is αx + β, written out).
_KERAS_ACTIVATIONS = {
    "identity": '"linear"', "sigmoid": '"sigmoid"', "tanh": '"tanh"', "relu": '"relu"',
    "elu": '"elu"', "selu": '"selu"', "swish": '"silu"', "softplus": '"softplus"',
    "gelu": "lambda x: keras.activations.gelu(x, approximate=False)",
}
_KERAS_NAMED = {  # (rule, distribution) → the named Keras initializer, exact at gain 1
    ("xavier", "uniform"): "GlorotUniform", ("xavier", "truncated_normal"): "GlorotNormal",
    ("he", "uniform"): "HeUniform", ("he", "truncated_normal"): "HeNormal",
    ("lecun", "uniform"): "LecunUniform", ("lecun", "truncated_normal"): "LecunNormal",
}
_KERAS_DISTRIBUTIONS = {"normal": "untruncated_normal", "uniform": "uniform",
                        "truncated_normal": "truncated_normal"}
_FAN_CODE = {"fan_in": "n_in", "fan_out": "n_out", "fan_avg": "(n_in + n_out) / 2"}


def _num(value: float) -> str:
    """A float as the shortest Python literal that reads back exactly."""
    return repr(float(value))


def _affine(config: SimConfig) -> str:
    """αx + β as code, e.g. ``2.0 * x - 0.5``."""
    if config.beta == 0:
        return f"{_num(config.alpha)} * x"
    sign = "-" if config.beta < 0 else "+"
    return f"{_num(config.alpha)} * x {sign} {_num(abs(config.beta))}"


def _widths_code(widths: tuple[int, ...]) -> str:
    """``[784] + [256] * 49 + [10]``: the widths as runs."""
    parts, i = [], 0
    while i < len(widths):
        j = i
        while j + 1 < len(widths) and widths[j + 1] == widths[i]:
            j += 1
        run = j - i + 1
        parts.append(f"[{widths[i]}] * {run}" if run > 1 else f"[{widths[i]}]")
        i = j + 1
    return " + ".join(parts)


def _setting(config: SimConfig) -> list[str]:
    """InitLab's setting as ``key=value`` comment lines (only the keys that matter to it)."""
    items = [f"widths={format_widths(config.widths).replace(' ', '')}",
             f"activation={config.activation}"]
    if config.activation == "linear":
        items += [f"alpha={config.alpha:g}", f"beta={config.beta:g}"]
    if config.activation == "leaky_relu":
        items.append(f"negative_slope={config.negative_slope:g}")
    items.append(f"init={config.init}")
    if config.init == "constant":
        items.append(f"variance={config.variance:g}")
    if config.init in ("he", "lecun"):
        items.append(f"mode={config.mode}")
    if config.init != "zeros":
        items += [f"distribution={config.distribution}", f"gain={config.gain:g}"]
    items += [f"bias_std={config.bias_std:g}", f"seed={config.seed}"]
    lines, line = [], "# InitLab:"
    for item in items:   # wrapped at ~96 characters
        if len(line) + len(item) + 2 > 96:
            lines.append(line + ",")
            line = "#  "
        line += (" " if line.endswith(":") or line == "#  " else ", ") + item
    return lines + [line]


def _header(config: SimConfig, library: str) -> list[str]:
    gammas = layer_variances(config)
    if config.init == "zeros":
        lines = ["# Every weight is 0 (init zeros, whatever the gain or distribution)."]
    else:
        lines = ["# Var[W^t_ij] = γ_t, InitLab's variance with gain² included: "
                 f"γ_1 = {_num(gammas[0])}"]
        if len(gammas) > 1 and gammas[-1] != gammas[0]:
            last = f"γ_L = {_num(gammas[-1])}"
            if len(lines[0]) + len(last) + 3 > 96:
                lines[0] += ","
                lines.append("#   " + last)
            else:
                lines[0] += ", " + last
        lines[-1] += "."
    bias = (f"N(0, {_num(config.bias_std)}²)" if config.bias_std > 0 else "zeros")
    return _setting(config) + lines + [
            f"# Biases: {bias}; σ follows every layer, the last one included (InitLab's model).",
            "# " + ("PyTorch" if library == "torch" else "Keras 3, any backend")
            + ": the draws differ from InitLab's, the statistics agree."]


def _gamma_code(config: SimConfig) -> list[str]:
    """``def gamma(n_in, n_out)``: InitLab's γ_t as code (the explicit cases need it)."""
    g2 = "" if config.gain == 1.0 else f"{_num(config.gain)}**2 * "
    if config.init == "constant":
        body = f"{_num(config.variance)} * {_num(config.gain)}**2" if g2 else _num(config.variance)
        rule = "constant"
    elif config.init == "xavier":
        body, rule = f"{g2}2 / (n_in + n_out)", "Xavier"
    else:
        fan = _FAN_CODE[config.mode]
        if config.init == "lecun":
            body, rule = f"{g2}1 / ({fan})" if "+" in fan else f"{g2}1 / {fan}", "LeCun"
        else:
            slope = he_slope(config)
            denominator = fan if slope == 0 else f"(1 + {_num(slope)}**2) * {fan}"
            if slope == 0 and "+" not in fan:
                body = f"{g2}2 / {fan}"
            else:
                body = f"{g2}2 / ({denominator})"
            rule = "He" if slope == 0 else "He, a the leaky relu's slope"
    return ["def gamma(n_in, n_out):",
            f'    """InitLab\'s γ of a layer n_in → n_out ({rule}, gain² included)."""',
            f"    return {body}", "", ""]


def _selu_note(config: SimConfig) -> list[str]:
    if config.activation != "selu":
        return []
    return ["# SELU: calculate_gain(\"selu\") = 3/4 is not self-normalizing; SELU's fixed point",
            "# (mean 0, variance 1) needs γ = 1/n_in: init=lecun, mode=fan_in, gain 1."]


def _he_note(config: SimConfig) -> list[str]:
    if config.init != "he":
        return []
    return ["# He's γ = 2/fan already contains the factor 2: a gain of",
            "# calculate_gain(\"relu\") = √2 on top of it would double γ."]


# -- PyTorch --------------------------------------------------------------------------------

def _torch_weight(config: SimConfig) -> tuple[list[str], list[str], bool]:
    """(comment lines above the loop, init lines in the loop, whether gamma() is needed)."""
    rule, dist, gain, mode = config.init, config.distribution, config.gain, config.mode
    w = "layer.weight"
    if rule == "zeros":
        return [], [f"nn.init.zeros_({w})"], False
    if dist == "truncated_normal":
        return (["# trunc_normal_(std=s) cuts at the *absolute* values a, b (default ±2) and",
                 "# does not rescale: cut at ±2s with s = √γ / 0.8796256610342398 (the std of",
                 "# N(0, 1) cut at ±2), so that the variance is γ, as InitLab does."],
                [f"s = math.sqrt(gamma(n_in, n_out)) / {_num(TRUNCATED_NORMAL_STD)}",
                 f"nn.init.trunc_normal_({w}, std=s, a=-2 * s, b=2 * s)"], True)
    if dist == "orthogonal":
        return (["# orthogonal_ scales Q by gain alone (mean square gain² / max(n_in, n_out));",
                 "# InitLab's entries have mean square γ: gain = √(γ·max(n_in, n_out))."],
                [f"nn.init.orthogonal_({w}, "
                 "gain=math.sqrt(gamma(n_in, n_out) * max(n_in, n_out)))"],
                True)
    suffix = "normal_" if dist == "normal" else "uniform_"
    if rule == "xavier":
        return [], [f"nn.init.xavier_{suffix}({w}, gain={_num(gain)})"], False
    if rule in ("he", "lecun") and mode != "fan_avg":
        if rule == "he":
            slope = he_slope(config)
            args = (f'a={_num(slope)}, mode="{mode}", nonlinearity="leaky_relu"'
                    if config.activation == "leaky_relu" else f'mode="{mode}", nonlinearity="relu"')
        else:
            args = f'mode="{mode}", nonlinearity="linear"'
        lines = [f"nn.init.kaiming_{suffix}({w}, {args})"]
        comments = []
        if rule == "lecun":
            comments = ['# LeCun is kaiming_* with nonlinearity="linear" (gain 1): γ = 1/fan.']
        if gain != 1.0:
            lines += ["with torch.no_grad():",
                      f"    {w} *= {_num(gain)}  # kaiming_* has no gain argument"]
        return comments, lines, False
    comments = (["# kaiming_* has no fan_avg: the std is written out."]
                if rule in ("he", "lecun") else [])
    if dist == "normal":
        return comments, [f"nn.init.normal_({w}, std=math.sqrt(gamma(n_in, n_out)))"], True
    return comments, ["limit = math.sqrt(3 * gamma(n_in, n_out))",
                      f"nn.init.uniform_({w}, -limit, limit)"], True


def _torch_activation(config: SimConfig) -> tuple[list[str], str]:
    """(class definitions, the expression of one activation module)."""
    name = config.activation
    if name == "linear":
        return (["class Affine(nn.Module):",
                 '    """InitLab\'s linear activation σ(x) = αx + β."""',
                 "",
                 "    def forward(self, x):",
                 f"        return {_affine(config)}", "", ""],
                "Affine()")
    if name == "sigmoid_scaled":
        return (["class ScaledSigmoid(nn.Module):",
                 '    """InitLab\'s sigmoid_scaled: σ(x) = 4·sigmoid(x) − 2."""',
                 "",
                 "    def forward(self, x):",
                 "        return 4 * torch.sigmoid(x) - 2", "", ""],
                "ScaledSigmoid()")
    if name == "leaky_relu":
        return [], f"nn.LeakyReLU({_num(config.negative_slope)})"
    return [], _TORCH_ACTIVATIONS[name]


def torch_code(config: SimConfig) -> str:
    """A runnable PyTorch snippet that builds `config`'s network with ``torch.nn.init``.

    Parameters
    ----------
    config : SimConfig
        The network (widths, activation) and its initialization (rule, distribution, gain,
        bias_std, seed).

    Returns
    -------
    str
        Python source (ending in a newline) that imports torch and defines ``model``, an
        ``nn.Sequential`` of ``nn.Linear`` and activation modules, one pair per layer: its
        forward pass on a ``batch × n_0`` float32 tensor is InitLab's network, every weight of
        layer t has variance γ_t and every bias is N(0, bias_std²) (zeros when bias_std is 0).
    """
    comments, weight, needs_gamma = _torch_weight(config)
    classes, act = _torch_activation(config)
    bias = (f"nn.init.normal_(layer.bias, std={_num(config.bias_std)})" if config.bias_std > 0
            else "nn.init.zeros_(layer.bias)")
    uses_math = any("math." in line for line in weight)
    lines = _header(config, "torch")
    lines += [""] + (["import math", ""] if uses_math else [])
    lines += ["import torch", "from torch import nn", ""]
    lines += [f"torch.manual_seed({config.seed})", "", ""]
    lines += classes
    lines += _gamma_code(config) if needs_gamma else []
    lines += _selu_note(config) + _he_note(config) + comments
    lines += [f"widths = {_widths_code(config.widths)}  # n_0 … n_L",
              "layers = []",
              "for n_in, n_out in zip(widths[:-1], widths[1:]):",
              "    layer = nn.Linear(n_in, n_out)  # its default init is replaced below"]
    lines += ["    " + line for line in weight]
    lines += ["    " + bias,
              f"    layers += [layer, {act}]",
              "model = nn.Sequential(*layers)"]
    return _tidy(lines)


# -- Keras ----------------------------------------------------------------------------------

def _assign(name: str, call: str, comment: str = "") -> list[str]:
    """``name = f(args)  # comment`` as one line inside the loop, or two when too long."""
    tail = f"  # {comment}" if comment else ""
    line = f"{name} = {call}"
    if len(line) + len(tail) + 4 <= 96 or "(" not in call:
        return [line + tail]
    head, args = call.split("(", 1)
    return [f"{name} = {head}({tail}", f"    {args}"]


def _keras_kernel(config: SimConfig) -> tuple[list[str], list[str], bool]:
    """(comment lines above the loop, the lines that set ``kernel`` in the loop, whether
    gamma() is needed)."""
    rule, dist, gain, mode = config.init, config.distribution, config.gain, config.mode
    ki = "keras.initializers."
    if rule == "zeros":
        return [], ['kernel = "zeros"'], False
    if dist == "orthogonal":
        return (["# Orthogonal scales Q by gain alone (mean square gain² / max(n_in, n_out));",
                 "# InitLab's entries have mean square γ: gain = √(γ·max(n_in, n_out))."],
                _assign("kernel", f"{ki}Orthogonal(gain=math.sqrt(gamma(n_in, n_out) * "
                                  "max(n_in, n_out)))"), True)
    truncated = (["# VarianceScaling cuts at ±2s and rescales s so that the variance is γ, as",
                  "# InitLab does; TruncatedNormal(stddev=√γ) would not rescale (variance",
                  "# 0.774·γ, −0.11 decades per layer)."] if dist == "truncated_normal" else [])
    if rule == "constant":
        if dist == "normal":
            std = _num(math.sqrt(config.variance) * gain)
            return [], _assign("kernel", f"{ki}RandomNormal(stddev={std})", "√γ"), False
        if dist == "uniform":
            limit = _num(math.sqrt(3 * config.variance) * gain)
            kernel = _assign("kernel", f"{ki}RandomUniform(-{limit}, {limit})", "±√(3γ)")
            return [], kernel, False
        kernel = _assign("kernel", f"{ki}VarianceScaling(scale=gamma(n_in, n_out) * n_in, "
                                   'mode="fan_in", distribution="truncated_normal")',
                         "Var = scale / n_in = γ")
        return truncated, kernel, True
    slope = he_slope(config) if rule == "he" else 0.0
    base = {"xavier": 1.0, "he": 2.0 / (1.0 + slope * slope), "lecun": 1.0}[rule]
    keras_mode = "fan_avg" if rule == "xavier" else mode
    named = _KERAS_NAMED.get((rule, dist))
    if named and gain == 1.0 and slope == 0.0 and keras_mode == (
            "fan_avg" if rule == "xavier" else "fan_in"):
        if dist == "truncated_normal":
            truncated = [f"# {named} is truncated at ±2s and rescaled: exactly InitLab's "
                         "truncated normal."]
        return truncated, [f"kernel = {ki}{named}()"], False
    comments = truncated
    if dist == "normal":
        comments = [f"# Keras' {'Glorot' if rule == 'xavier' else rule.capitalize()}Normal is "
                    "*truncated*: untruncated_normal is InitLab's normal."]
    scale = base * gain * gain
    note = {"xavier": "gain²", "he": "2·gain²" if slope == 0 else "2·gain² / (1 + a²)",
            "lecun": "gain²"}[rule]
    kernel = _assign("kernel", f'{ki}VarianceScaling(scale={_num(scale)}, mode="{keras_mode}", '
                               f'distribution="{_KERAS_DISTRIBUTIONS[dist]}")', f"scale = {note}")
    return comments, kernel, False


def _keras_activation(config: SimConfig) -> tuple[list[str], str]:
    """(comment lines, the expression of one activation layer)."""
    name = config.activation
    if name == "linear":
        return [], f"keras.layers.Activation(lambda x: {_affine(config)})"
    if name == "sigmoid_scaled":
        return [], "keras.layers.Activation(lambda x: 4 * keras.ops.sigmoid(x) - 2)"
    if name == "leaky_relu":
        a = _num(config.negative_slope)
        if config.negative_slope >= 0:
            return [], f"keras.layers.LeakyReLU(negative_slope={a})"
        return (["# keras.layers.LeakyReLU refuses a negative slope; keras.ops.leaky_relu",
                 "# takes it."],
                f"keras.layers.Activation(lambda x: keras.ops.leaky_relu(x, negative_slope={a}))")
    if name == "identity":
        return ['# Keras\' "linear" is the identity.'], 'keras.layers.Activation("linear")'
    return [], f"keras.layers.Activation({_KERAS_ACTIVATIONS[name]})"


def keras_code(config: SimConfig) -> str:
    """A runnable Keras 3 snippet that builds `config`'s network with ``keras.initializers``.

    Parameters
    ----------
    config : SimConfig
        The network (widths, activation) and its initialization (rule, distribution, gain,
        bias_std, seed).

    Returns
    -------
    str
        Python source (ending in a newline) that imports keras and defines ``model``, a
        ``keras.Sequential`` of ``keras.Input((n_0,))`` followed by a ``Dense`` layer and an
        activation layer per layer t: every kernel of layer t has variance γ_t and every bias
        is N(0, bias_std²) (zeros when bias_std is 0). Runs on any Keras 3 backend.
    """
    comments, kernel, needs_gamma = _keras_kernel(config)
    act_comments, act = _keras_activation(config)
    bias = (_assign("bias", f"keras.initializers.RandomNormal(stddev={_num(config.bias_std)})")
            if config.bias_std > 0 else ['bias = "zeros"'])
    uses_math = any("math." in line for line in kernel)
    seed = config.seed % 2**32   # keras.utils.set_random_seed needs a 32-bit seed (numpy's)
    lines = _header(config, "keras")
    lines += [""] + (["import math", ""] if uses_math else []) + ["import keras", ""]
    lines += [f"keras.utils.set_random_seed({seed})", "", ""]
    lines += _gamma_code(config) if needs_gamma else []
    lines += _selu_note(config) + _he_note(config) + comments + act_comments
    lines += [f"widths = {_widths_code(config.widths)}  # n_0 … n_L",
              "layers = [keras.Input((widths[0],))]",
              "for n_in, n_out in zip(widths[:-1], widths[1:]):"]
    lines += ["    " + line for line in kernel + bias]
    lines += ["    layers += [keras.layers.Dense(n_out, kernel_initializer=kernel, "
              "bias_initializer=bias),",
              f"               {act}]",
              "model = keras.Sequential(layers)"]
    return _tidy(lines)


def code(config: SimConfig, library: str) -> str:
    """`torch_code` or `keras_code` by name (``"torch"`` or ``"keras"``), for ``--code``.

    Parameters
    ----------
    config : SimConfig
        The network and its initialization.
    library : str
        ``"torch"`` or ``"keras"``.

    Returns
    -------
    str
        The snippet.
    """
    if library == "torch":
        return torch_code(config)
    if library == "keras":
        return keras_code(config)
    raise ValueError(f"unknown library {library!r}; choose one of {', '.join(LIBRARIES)}")


def _tidy(lines: list[str]) -> str:
    """Join lines; at most two blank lines in a row, none at the ends."""
    out: list[str] = []
    for line in lines:
        if line == "" and len(out) >= 2 and out[-1] == "" and out[-2] == "":
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
