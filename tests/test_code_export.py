"""Copy as PyTorch / Keras (engine.code_export): the snippets are valid Python, name the library
initializers that give InitLab's variances, and hold the right numbers; with torch installed,
the PyTorch snippet's network has InitLab's weight variances and its forward/backward profile
matches the engine's Monte Carlo within sampling error.

The text tests need neither library: the snippet's ``gamma(n_in, n_out)`` is cut out of the
source with `ast` and evaluated, and Keras' ``VarianceScaling`` scale is read back and divided
by the fan, both against `engine.initializers.layer_variances`.
"""

import ast
import importlib.util
import itertools
import math
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from engine import SimConfig, monte_carlo
from engine.code_export import code
from engine.code_keras import keras_code
from engine.code_torch import TRUNCATED_NORMAL_STD, torch_code
from engine.config_fields import DISTRIBUTIONS, INITS
from engine.initializers import he_slope, layer_variances

try:   # at collection, before conftest freezes what the imports made: imported in a test,
    import torch   # its ~130,000 objects were walked by each later full garbage collection
    TORCH_MISSING = None
except Exception as error:   # (not installed, or a broken install: its tests say which)
    torch, TORCH_MISSING = None, f"torch cannot be imported: {error}"

ACTIVATIONS = ("tanh", "relu", "leaky_relu", "selu", "gelu", "linear", "sigmoid_scaled",
               "identity")
WIDTHS = ("12, 20, 8, 8, 30", "16x4")


def _configs():
    for k, (init, distribution, activation) in enumerate(
            itertools.product(INITS, DISTRIBUTIONS, ACTIVATIONS)):
        modes = ("fan_in", "fan_out", "fan_avg") if init in ("he", "lecun") else ("fan_in",)
        mode = modes[k % len(modes)]
        yield SimConfig.from_dict({
            "widths": WIDTHS[k % 2], "init": init, "distribution": distribution,
            "activation": activation, "mode": mode, "gain": (1.0, 1.5, 0.7)[k % 3],
            "bias_std": (0.0, 0.25)[k % 2], "variance": 0.02, "negative_slope": 0.2,
            "alpha": 1.5, "beta": -0.25, "seed": k})


CONFIGS = list(_configs())
IDS = [f"{c.init}-{c.distribution}-{c.activation}" for c in CONFIGS]


def _gamma_function(source: str):
    """The snippet's ``gamma`` compiled on its own (no torch/keras import needed), or None."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == "gamma":
            namespace = {"math": math}
            exec(compile(ast.Module([node], []), "<gamma>", "exec"), namespace)
            return namespace["gamma"]
    return None


def _layers(config):
    w = config.widths
    return list(zip(w[:-1], w[1:]))


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_snippets_compile_and_name_the_setting(config):
    for library, make in (("torch", torch_code), ("keras", keras_code)):
        source = make(config)
        assert source == code(config, library)
        compile(source, f"<{library}>", "exec")
        first = source.splitlines()[0]
        assert first.startswith("# InitLab: ") and f"activation={config.activation}" in first
        assert f"init={config.init}" in source.split("\n\n")[0]
        assert re.search(r"^model = ", source, re.M)
        gamma = _gamma_function(source)
        if gamma is not None:   # the γ written out is InitLab's, layer by layer
            for (n_in, n_out), expected in zip(_layers(config), layer_variances(config)):
                assert gamma(n_in, n_out) == pytest.approx(expected, rel=1e-12)
        if config.init != "zeros":
            assert repr(float(layer_variances(config)[0])) in source   # γ_1 in the header


def test_many_widths_and_exact_numbers_make_a_snippet_that_compiles():
    """An audit: 3,001 widths alternating 8, 9 were written as a sum of 3,001 lists, which
    Python cannot compile (RecursionError); their header was one comment line of 18,000
    characters; a long widths text opened the header with a stray "# InitLab:,"; and gain
    1.23456789 read "gain=1.23457" there."""
    widths = ", ".join(str(8 + k % 2) for k in range(3001))
    config = SimConfig.from_dict({"widths": widths, "gain": 1.23456789, "variance": 1e-29,
                                  "init": "xavier"})
    for library in ("torch", "keras"):
        source = code(config, library)
        tree = ast.parse(compile(source, f"<{library}>", "exec", ast.PyCF_ONLY_AST))
        found = [node.value for node in tree.body if isinstance(node, ast.Assign)
                 and getattr(node.targets[0], "id", None) == "widths"]
        assert ast.literal_eval(found[0]) == list(config.widths)
        assert max(map(len, source.splitlines())) <= 100
        lines = source.split("\n# Var")[0].splitlines()   # the setting, wrapped
        assert lines[0].startswith("# InitLab: widths=8,9,8,")
        setting = "".join(line.removeprefix("# InitLab: ").removeprefix("#   ")
                          for line in lines).replace(" ", "")
        assert setting.startswith(f"widths={widths.replace(' ', '')},activation=tanh,")
        assert "gain=1.23456789," in setting
    small = code(SimConfig.from_dict({"init": "constant", "variance": 1.234567e-29}), "torch")
    assert small.startswith("# InitLab: widths=256x51, activation=tanh, init=constant, "
                            "variance=1.234567e-29,")


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_torch_snippet_uses_the_matching_initializer(config):
    source = torch_code(config)
    rule, dist, gain = config.init, config.distribution, config.gain
    if rule == "zeros":
        assert "nn.init.zeros_(layer.weight)" in source
    elif dist == "truncated_normal":
        assert f"/ {TRUNCATED_NORMAL_STD!r}" in source and "0.8796256610342398" in source
        assert "nn.init.trunc_normal_(layer.weight, std=s, a=-2 * s, b=2 * s)" in source
        assert "does not" in source and "rescale" in source   # the trap, stated
    elif dist == "orthogonal":
        assert ("nn.init.orthogonal_(layer.weight, gain=math.sqrt(gamma(n_in, n_out) * "
                "max(n_in, n_out)))") in source
        assert "gain alone" in source
    elif rule == "xavier":
        assert f"nn.init.xavier_{dist}_(layer.weight, gain={gain!r})" in source
    elif rule in ("he", "lecun") and config.mode != "fan_avg":
        assert f"nn.init.kaiming_{dist}_(layer.weight" in source
        assert f'mode="{config.mode}"' in source
        if rule == "lecun":
            assert 'nonlinearity="linear"' in source
        elif config.activation == "leaky_relu":
            args = f'a={he_slope(config)!r}, mode="{config.mode}", nonlinearity="leaky_relu"'
            assert args in source
        else:
            assert 'nonlinearity="relu"' in source
        assert (f"layer.weight *= {gain!r}" in source) == (gain != 1.0)
    else:   # constant γ, or a fan_avg that kaiming_* does not have: the std written out
        call = ("nn.init.normal_(layer.weight, std=math.sqrt(gamma(n_in, n_out)))"
                if dist == "normal" else "nn.init.uniform_(layer.weight, -limit, limit)")
        assert call in source
    if rule == "constant":
        assert repr(config.variance) in source
    if rule == "he":
        assert 'calculate_gain("relu")' in source and "double" in source
    if config.activation == "selu":
        assert 'calculate_gain("selu") = 3/4 is not self-normalizing' in source
    bias = (f"nn.init.normal_(layer.bias, std={config.bias_std!r})" if config.bias_std
            else "nn.init.zeros_(layer.bias)")
    assert bias in source
    activation = {"tanh": "nn.Tanh()", "relu": "nn.ReLU()", "selu": "nn.SELU()",
                  "gelu": "nn.GELU()", "identity": "nn.Identity()",
                  "leaky_relu": f"nn.LeakyReLU({config.negative_slope!r})",
                  "linear": "Affine()", "sigmoid_scaled": "ScaledSigmoid()"}[config.activation]
    assert f"layers += [layer, {activation}]" in source


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_keras_snippet_uses_the_matching_initializer(config):
    # a call wrapped after its "(  # comment" is read as one line
    source = re.sub(r"\(  #[^\n]*\n\s*", "(", keras_code(config))
    rule, dist, gain = config.init, config.distribution, config.gain
    gammas = layer_variances(config)
    scale = re.search(r"VarianceScaling\(scale=([-+0-9.e]+), "
                      r'mode="(\w+)", distribution="(\w+)"\)', source)
    if scale:   # scale / fan is InitLab's γ at every layer
        value, mode, distribution = float(scale.group(1)), scale.group(2), scale.group(3)
        assert distribution == {"normal": "untruncated_normal"}.get(dist, dist)
        for (n_in, n_out), expected in zip(_layers(config), gammas):
            fan = {"fan_in": n_in, "fan_out": n_out, "fan_avg": (n_in + n_out) / 2}[mode]
            assert value / fan == pytest.approx(expected, rel=1e-12)
    if rule == "zeros":
        assert 'kernel = "zeros"' in source
    elif dist == "orthogonal":
        assert "keras.initializers.Orthogonal(" in source and "gain alone" in source
        assert "gain=math.sqrt(gamma(n_in, n_out) * max(n_in, n_out))" in source
    elif rule == "constant":
        if dist == "normal":
            assert f"RandomNormal(stddev={math.sqrt(config.variance) * gain!r})" in source
        elif dist == "uniform":
            assert f"RandomUniform(-{math.sqrt(3 * config.variance) * gain!r}," in source
        else:
            assert ('VarianceScaling(scale=gamma(n_in, n_out) * n_in, mode="fan_in", '
                    'distribution="truncated_normal")') in source
    else:
        named = {("xavier", "uniform"): "GlorotUniform()", ("xavier", "truncated_normal"):
                 "GlorotNormal()", ("he", "uniform"): "HeUniform()", ("he", "truncated_normal"):
                 "HeNormal()", ("lecun", "uniform"): "LecunUniform()",
                 ("lecun", "truncated_normal"): "LecunNormal()"}.get((rule, dist))
        exact = gain == 1.0 and (rule == "xavier" or config.mode == "fan_in" and (
            rule == "lecun" or he_slope(config) == 0.0))
        if named and exact:
            assert f"kernel = keras.initializers.{named}" in source
        else:
            assert scale, source
        if dist == "normal":   # GlorotNormal & co. are truncated: never InitLab's normal
            assert not re.search(r"(Glorot|He|Lecun)Normal\(\)", source)
            assert "*truncated*" in source
    if dist == "truncated_normal" and rule not in ("zeros",):
        assert "TruncatedNormal(" not in source.split("kernel =")[1]   # never used
    if config.activation == "linear":
        assert "return 1.5 * x - 0.25" in source and "Activation(affine)" in source
    if config.activation == "sigmoid_scaled":
        assert "return 4 * keras.ops.sigmoid(x) - 2" in source
        assert "Activation(scaled_sigmoid)" in source
    if config.activation == "gelu":
        assert "approximate=False" in source
    assert "keras.Input((widths[0],))" in source
    assert "lambda x" not in source   # a lambda's model cannot be saved and loaded again


def test_widths_and_unknown_library():
    config = SimConfig.from_dict({"widths": "784, 256x49, 10"})
    assert "widths = [784] + [256] * 49 + [10]" in torch_code(config)
    assert "widths = [784] + [256] * 49 + [10]" in keras_code(config)
    config = SimConfig.from_dict({"widths": "784, 512, 256x3, 128, 10"})
    assert "widths = [784, 512] + [256] * 3 + [128, 10]" in torch_code(config)
    with pytest.raises(ValueError, match="torch, keras"):
        code(config, "jax")


def test_a_negative_leaky_slope_avoids_keras_leaky_relu_layer():
    config = SimConfig.from_dict({"activation": "leaky_relu", "negative_slope": -0.5})
    source = keras_code(config)
    assert "keras.ops.leaky_relu(x, negative_slope=-0.5)" in source
    assert "LeakyReLU(" not in source.split("for n_in")[1]


# -- the real PyTorch network (skipped where torch is not installed) ---------------------------

TORCH_CASES = [
    {"widths": "64x7", "activation": "leaky_relu", "negative_slope": 0.2, "init": "he",
     "distribution": "normal", "gain": 1.3},
    {"widths": "64x7", "activation": "tanh", "init": "xavier", "distribution": "truncated_normal",
     "gain": 1.2, "bias_std": 0.1},
    {"widths": "64, 96, 32, 64, 64, 128, 64", "activation": "selu", "init": "lecun",
     "distribution": "orthogonal"},
]


@pytest.mark.parametrize("case", TORCH_CASES, ids=lambda c: f"{c['init']}-{c['distribution']}")
def test_the_torch_snippet_is_the_apps_network(case):
    """Every weight has variance γ_t, and the forward/backward profile the snippet's
    `profile` measures over 6 networks matches
    the engine's Monte Carlo over as many: the mean of each layer's log10 variance agrees
    within 5 standard errors of the difference (both spreads measured) + 0.01 decades. (The
    trap of PyTorch's trunc_normal_, 0.774·γ, fails it several times over.)"""
    if torch is None:
        pytest.skip(TORCH_MISSING)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)   # tiny products: threads only add synchronisation
    try:
        _check_torch_snippet(torch, case)
    finally:
        torch.set_num_threads(threads)


def _check_torch_snippet(torch, case):
    seeds, batch = 6, 256
    config = SimConfig.from_dict({**case, "batch": batch})
    gammas = layer_variances(config)
    profiles = []
    for seed in range(seeds):
        namespace = {}
        exec(compile(torch_code(config.with_values(seed=seed)), "<torch>", "exec"), namespace)
        model = namespace["model"]
        linears = [m for m in model if isinstance(m, torch.nn.Linear)]
        assert [(m.in_features, m.out_features) for m in linears] == _layers(config)
        for layer, gamma in zip(linears, gammas):
            w = layer.weight.detach().double()
            # mean square: exact for orthogonal, ~√(2/N) relative sampling error otherwise
            assert (w * w).mean().item() == pytest.approx(gamma, rel=5 * math.sqrt(2 / w.numel()))
            assert abs(w.mean().item()) < 5 * math.sqrt(gamma / w.numel())
            b = layer.bias.detach().double()
            assert b.std().item() == pytest.approx(config.bias_std, rel=0.6, abs=1e-12)
        with torch.enable_grad():   # the snippet's own measurement, InitLab's
            profiles.append(namespace["profile"](model, batch))
    ours = np.array(profiles)                               # seeds × {fwd, bwd} × layers
    # one trial per seed: the trials of one seed share its input batch and read-out
    runs = [monte_carlo(config.with_values(seed=seed, trials=1)) for seed in range(seeds)]
    engine = np.array([[mc.trial_log10_forward_var[0], mc.trial_log10_backward_var[0]]
                       for mc in runs])
    se = np.sqrt(ours.var(axis=0, ddof=1) / seeds + engine.var(axis=0, ddof=1) / seeds)
    diff = ours.mean(axis=0) - engine.mean(axis=0)
    assert np.all(np.abs(diff) <= 5 * se + 0.01), (diff, se)


@pytest.mark.parametrize("slope", [-0.5, -1.0, -1000.0, 0.3])
@pytest.mark.parametrize("mode", ["fan_in", "fan_out", "fan_avg"])
def test_the_written_gamma_squares_a_negative_leaky_slope(slope, mode):
    """He's γ = 2/((1 + a²)·fan) with a < 0: the snippet wrote ``(1 + -0.5**2)``, which Python
    reads as 1 − 0.25, so its network's weights had 1.67× InitLab's variance (a ZeroDivision
    at a = −1, a math domain error below; a breaker's tour)."""
    for distribution in ("normal", "truncated_normal", "orthogonal"):
        config = SimConfig.from_dict({
            "widths": "12, 20, 8", "activation": "leaky_relu", "negative_slope": slope,
            "init": "he", "mode": mode, "distribution": distribution})
        gamma = _gamma_function(torch_code(config))
        if gamma is None:   # (kaiming_* takes a itself: nothing written to check)
            continue
        for (n_in, n_out), expected in zip(_layers(config), layer_variances(config)):
            assert gamma(n_in, n_out) == pytest.approx(expected, rel=1e-12)


def test_a_keras_seed_beyond_32_bits_says_so():
    """An audit: seeds 0 and 2**32 gave the same Keras weights, their headers different seeds,
    without a word."""
    source = code(SimConfig.from_dict({"seed": 2**32 + 5}), "keras")
    assert "keras.utils.set_random_seed(5)  # InitLab's seed 4294967301 mod 2**32" in source
    assert "set_random_seed(7)\n" in code(SimConfig.from_dict({"seed": 7}), "keras")


def test_the_torch_snippet_run_as_a_script_prints_its_profile(capsys):
    """Run as a script, the snippet prints log10 Var[h^t] and log10 Var[∂ℓ/∂h^t] for t = 0 …
    L: the input's level first (standard normal inputs), the linear net's n·γ = 1 keeps it."""
    if torch is None:
        pytest.skip(TORCH_MISSING)
    config = SimConfig.from_dict({"widths": "256x5", "activation": "identity", "init": "lecun",
                                  "batch": 256})
    exec(compile(torch_code(config), "<torch>", "exec"), {"__name__": "__main__"})
    rows = [re.findall(r"-?\d+\.\d+", line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5 and all(len(row) == 2 for row in rows)
    # (one network of width 256 wanders ~0.08 decades over 4 layers: 4 of its spreads)
    assert all(abs(float(row[0])) < 0.3 and abs(float(row[1])) < 0.3 for row in rows), rows


KERAS_SAVE = """
import numpy as np
for k, source in enumerate(SOURCES):
    space = {}
    exec(source, space)
    keras, model = space["keras"], space["model"]
    x = np.random.default_rng(0).standard_normal((4, 8)).astype("float32")
    before = keras.ops.convert_to_numpy(model(x))
    model.save(f"{FOLDER}/{k}.keras")
    again = keras.saving.load_model(f"{FOLDER}/{k}.keras")
    print(np.allclose(keras.ops.convert_to_numpy(again(x)), before, rtol=1e-6, atol=1e-7))
"""


def test_a_keras_model_with_a_written_activation_saves_and_loads(tmp_path):
    """A practitioner's tour: the activations written as lambdas could not be loaded again
    (keras.saving.load_model refused them). Run on Keras' torch backend, where both are
    installed (neither is a dependency of InitLab); one process for the four."""
    if torch is None or importlib.util.find_spec("keras") is None:
        pytest.skip("needs keras and torch")
    sources = [keras_code(SimConfig.from_dict({
        "widths": "8x3", "activation": activation, "alpha": 1.5, "beta": -0.25,
        "negative_slope": -0.5})) for activation in ("linear", "sigmoid_scaled", "gelu",
                                                     "leaky_relu")]
    script = f"SOURCES, FOLDER = {sources!r}, {str(tmp_path)!r}\n" + KERAS_SAVE
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "KERAS_BACKEND": "torch"}, timeout=300)
    assert done.stdout.split() == ["True"] * 4, done.stderr[-2000:]
