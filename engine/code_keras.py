"""Copy as Keras: `keras_code(config)`, the network as a runnable Keras 3 snippet.

The kernels use ``keras.initializers``' named initializers where they are exactly InitLab's
distribution, ``VarianceScaling`` or an explicit std or limit otherwise (see engine.code_export
for the traps). Pure Python: builds text only, never imports keras.
"""

from __future__ import annotations

import math

from .code_common import (affine_code, gamma_code, he_note, header_lines, literal, selu_note,
                          tidy_source, widths_code)
from .config import SimConfig
from .initializers import he_slope

# Keras 3 names; "linear" is Keras' identity (InitLab's linear is αx + β, written out).
_KERAS_ACTIVATIONS = {
    "identity": '"linear"', "sigmoid": '"sigmoid"', "tanh": '"tanh"', "relu": '"relu"',
    "elu": '"elu"', "selu": '"selu"', "swish": '"silu"', "softplus": '"softplus"',
}
_KERAS_NAMED = {  # (rule, distribution) → the named Keras initializer, exact at gain 1
    ("xavier", "uniform"): "GlorotUniform", ("xavier", "truncated_normal"): "GlorotNormal",
    ("he", "uniform"): "HeUniform", ("he", "truncated_normal"): "HeNormal",
    ("lecun", "uniform"): "LecunUniform", ("lecun", "truncated_normal"): "LecunNormal",
}
_KERAS_DISTRIBUTIONS = {"normal": "untruncated_normal", "uniform": "uniform",
                        "truncated_normal": "truncated_normal"}


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
            std = literal(math.sqrt(config.variance) * gain)
            return [], _assign("kernel", f"{ki}RandomNormal(stddev={std})", "√γ"), False
        if dist == "uniform":
            limit = literal(math.sqrt(3 * config.variance) * gain)
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
    kernel = _assign("kernel", f'{ki}VarianceScaling(scale={literal(scale)}, mode="{keras_mode}", '
                               f'distribution="{_KERAS_DISTRIBUTIONS[dist]}")', f"scale = {note}")
    return comments, kernel, False


def _keras_activation(config: SimConfig) -> tuple[list[str], str]:
    """(lines above the loop: comments, a function's definition; the expression of one
    activation layer)."""
    name = config.activation
    if name == "linear":
        return _function("affine", "InitLab's linear activation σ(x) = αx + β.",
                         affine_code(config))
    if name == "sigmoid_scaled":
        return _function("scaled_sigmoid", "InitLab's sigmoid_scaled: σ(x) = 4·sigmoid(x) − 2.",
                         "4 * keras.ops.sigmoid(x) - 2")
    if name == "gelu":
        return _function("exact_gelu", "gelu as InitLab's, x·Φ(x) (Keras' default is tanh's "
                                       "approximation).",
                         "keras.activations.gelu(x, approximate=False)")
    if name == "leaky_relu":
        a = literal(config.negative_slope)
        if config.negative_slope >= 0:
            return [], f"keras.layers.LeakyReLU(negative_slope={a})"
        return _function("leaky_relu", "A leaky relu of negative slope (LeakyReLU refuses it; "
                                       "keras.ops.leaky_relu takes it).",
                         f"keras.ops.leaky_relu(x, negative_slope={a})")
    if name == "identity":
        return ['# Keras\' "linear" is the identity.'], 'keras.layers.Activation("linear")'
    return [], f"keras.layers.Activation({_KERAS_ACTIVATIONS[name]})"


def _function(name: str, doc: str, body: str) -> tuple[list[str], str]:
    """A named activation registered with Keras, and its layer: a lambda's model could not
    be saved and loaded again (a practitioner's tour: ``keras.saving.load_model`` refused it)."""
    return (["# A registered function, not a lambda: model.save() and keras.saving.load_model()",
             "# take it (where this definition has run).",
             '@keras.saving.register_keras_serializable(package="InitLab")',
             f"def {name}(x):",
             f'    """{doc}"""',
             f"    return {body}", "", ""],
            f"keras.layers.Activation({name})")


def keras_code(config: SimConfig) -> str:
    """A runnable Keras 3 snippet that builds `config`'s network (widths, activation, and its
    initialization: rule, distribution, gain, bias_std, seed) with ``keras.initializers``.

    Returns Python source (ending in a newline) that imports keras and defines ``model``, a
    ``keras.Sequential`` of ``keras.Input((n_0,))`` followed by a ``Dense`` layer and an
    activation layer per layer t: every kernel of layer t has variance γ_t and every bias is
    N(0, bias_std²) (zeros when bias_std is 0). Runs on any Keras 3 backend.
    """
    comments, kernel, needs_gamma = _keras_kernel(config)
    act_comments, act = _keras_activation(config)
    bias = (_assign("bias", f"keras.initializers.RandomNormal(stddev={literal(config.bias_std)})")
            if config.bias_std > 0 else ['bias = "zeros"'])
    uses_math = any("math." in line for line in kernel)
    seed = config.seed % 2**32   # keras.utils.set_random_seed needs a 32-bit seed (numpy's)
    lines = header_lines(config, "keras")
    lines += [""] + (["import math", ""] if uses_math else []) + ["import keras", ""]
    lines += [f"keras.utils.set_random_seed({seed})" + (
        f"  # InitLab's seed {config.seed} mod 2**32: Keras takes 32 bits"
        if seed != config.seed else ""), "", ""]
    lines += gamma_code(config) if needs_gamma else []
    lines += act_comments + selu_note(config) + he_note(config) + comments
    lines += [f"widths = {widths_code(config.widths)}  # n_0 … n_L",
              "layers = [keras.Input((widths[0],))]",
              "for n_in, n_out in zip(widths[:-1], widths[1:]):"]
    lines += ["    " + line for line in kernel + bias]
    lines += ["    layers += [keras.layers.Dense(n_out, kernel_initializer=kernel, "
              "bias_initializer=bias),",
              f"               {act}]",
              "model = keras.Sequential(layers)"]
    return tidy_source(lines)
