"""Copy as PyTorch / Keras: the config's network as a short, runnable snippet of either library.

`code(config, library)` returns Python source that builds the network of a `SimConfig` with
the library's own initializers (``torch.nn.init.*``, ``keras.initializers.*``) so that every
weight's variance is InitLab's γ_t (gain² included), the biases are N(0, bias_std²) (or zeros),
and the activation follows every layer, the last one included (InitLab's model). Both snippets
define ``model``: an ``nn.Sequential`` whose forward pass on a ``batch × n_0`` float32 tensor is
the app's network, or a ``keras.Sequential`` that starts with ``keras.Input((n_0,))``.

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

The snippets are written by `torch_code` (engine.code_torch) and `keras_code` (engine.code_keras)
from the pieces in engine.code_common. Pure Python: builds text only, imports neither torch nor
keras.
"""

from __future__ import annotations

from .code_keras import keras_code
from .code_torch import torch_code
from .config import SimConfig

LIBRARIES = ("torch", "keras")


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
