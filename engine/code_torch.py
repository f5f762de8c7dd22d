"""Copy as PyTorch: `torch_code(config)`, the network as a runnable ``torch.nn`` snippet.

The weights use ``torch.nn.init``'s own functions where they draw exactly InitLab's
distribution, and write the std or limit out otherwise (see engine.code_export for the traps).
Pure Python: builds text only, never imports torch.
"""

from __future__ import annotations

import math

from .code_common import (affine_code, gamma_code, he_note, header_lines, literal, selu_note,
                          tidy_source, widths_code)
from .config import SimConfig
from .initializers import TRUNCATED_NORMAL_VAR, he_slope

# The standard deviation of N(0, 1) cut at ±2: 0.8796256610342398 (Keras writes
# 0.87962566103423978).
TRUNCATED_NORMAL_STD = math.sqrt(TRUNCATED_NORMAL_VAR)

_TORCH_ACTIVATIONS = {
    "identity": "nn.Identity()", "sigmoid": "nn.Sigmoid()", "tanh": "nn.Tanh()",
    "relu": "nn.ReLU()", "elu": "nn.ELU()", "selu": "nn.SELU()", "gelu": "nn.GELU()",
    "swish": "nn.SiLU()", "softplus": "nn.Softplus()",
}


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
                [f"s = math.sqrt(gamma(n_in, n_out)) / {literal(TRUNCATED_NORMAL_STD)}",
                 f"nn.init.trunc_normal_({w}, std=s, a=-2 * s, b=2 * s)"], True)
    if dist == "orthogonal":
        return (["# orthogonal_ scales Q by gain alone (mean square gain² / max(n_in, n_out));",
                 "# InitLab's entries have mean square γ: gain = √(γ·max(n_in, n_out))."],
                [f"nn.init.orthogonal_({w}, "
                 "gain=math.sqrt(gamma(n_in, n_out) * max(n_in, n_out)))"],
                True)
    suffix = "normal_" if dist == "normal" else "uniform_"
    if rule == "xavier":
        return [], [f"nn.init.xavier_{suffix}({w}, gain={literal(gain)})"], False
    if rule in ("he", "lecun") and mode != "fan_avg":
        if rule == "he":
            slope = he_slope(config)
            args = (f'a={literal(slope)}, mode="{mode}", nonlinearity="leaky_relu"'
                    if config.activation == "leaky_relu" else f'mode="{mode}", nonlinearity="relu"')
        else:
            args = f'mode="{mode}", nonlinearity="linear"'
        lines = [f"nn.init.kaiming_{suffix}({w}, {args})"]
        comments = []
        if rule == "lecun":
            comments = ['# LeCun is kaiming_* with nonlinearity="linear" (gain 1): γ = 1/fan.']
        if gain != 1.0:
            lines += ["with torch.no_grad():",
                      f"    {w} *= {literal(gain)}  # kaiming_* has no gain argument"]
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
                 f"        return {affine_code(config)}", "", ""],
                "Affine()")
    if name == "sigmoid_scaled":
        return (["class ScaledSigmoid(nn.Module):",
                 '    """InitLab\'s sigmoid_scaled: σ(x) = 4·sigmoid(x) − 2."""',
                 "",
                 "    def forward(self, x):",
                 "        return 4 * torch.sigmoid(x) - 2", "", ""],
                "ScaledSigmoid()")
    if name == "leaky_relu":
        return [], f"nn.LeakyReLU({literal(config.negative_slope)})"
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
        layer t has variance γ_t and every bias is N(0, bias_std²) (zeros when bias_std is 0);
        and ``profile(model, batch)``, the per-layer log10 variances InitLab draws, printed
        when the snippet runs as a script.
    """
    comments, weight, needs_gamma = _torch_weight(config)
    classes, act = _torch_activation(config)
    bias = (f"nn.init.normal_(layer.bias, std={literal(config.bias_std)})" if config.bias_std > 0
            else "nn.init.zeros_(layer.bias)")
    uses_math = any("math." in line for line in weight)
    lines = header_lines(config, "torch")
    lines += [""] + (["import math", ""] if uses_math else [])
    lines += ["import torch", "from torch import nn", ""]
    lines += [f"torch.manual_seed({config.seed})", "", ""]
    lines += classes
    lines += gamma_code(config) if needs_gamma else []
    lines += selu_note(config) + he_note(config) + comments
    lines += [f"widths = {widths_code(config.widths)}  # n_0 … n_L",
              "layers = []",
              "for n_in, n_out in zip(widths[:-1], widths[1:]):",
              "    layer = nn.Linear(n_in, n_out)  # its default init is replaced below"]
    lines += ["    " + line for line in weight]
    lines += ["    " + bias,
              f"    layers += [layer, {act}]",
              "model = nn.Sequential(*layers)", "", ""]
    lines += _profile_code(config.batch)
    return tidy_source(lines)


def _profile_code(batch: int) -> list[str]:
    """``def profile(model, batch)``, InitLab's measurement, and a ``__main__`` block that
    prints it (a practitioner's tour: the snippet computed nothing to compare with)."""
    return [
        "def profile(model, batch):",
        '    """log10 Var[h^t] and log10 Var[∂ℓ/∂h^t] for t = 0 … L, as InitLab measures them:',
        "    standard normal inputs h^0 = x, the output's gradient a standard normal read-out",
        "    direction g (ℓ = Σ g ⊙ h^L), each variance pooled over the batch and the units.\"\"\"",
        "    h = torch.randn(batch, model[0].in_features, requires_grad=True)",
        "    hs = [h]",
        "    for module in model:",
        "        h = module(h)",
        "        if not isinstance(module, nn.Linear):  # h^t = σ(W^t h^{t-1} + b^t)",
        "            h.retain_grad()",
        "            hs.append(h)",
        "    h.backward(torch.randn_like(h))",
        "    return ([torch.log10(h.var(correction=0)).item() for h in hs],",
        "            [torch.log10(h.grad.var(correction=0)).item() for h in hs])",
        "", "",
        'if __name__ == "__main__":  # run as a script: the profile InitLab draws',
        f"    forward, backward = profile(model, batch={batch})",
        "    for t, (f, b) in enumerate(zip(forward, backward)):",
        '        print(f"t = {t:3d}   log10 Var[h^t] {f:8.3f}   log10 Var[dl/dh^t] {b:8.3f}")']
