"""The training losses and their gradients with respect to the network's output.

Softmax cross-entropy for classes, mean squared error for regression; both averaged over the
batch (and, for the squared error, over the outputs), so ``d`` is ∂ℓ/∂output of that mean.
The loss is summed in float64; the gradient keeps the output's precision. Non-finite outputs
give a non-finite loss (the caller reports divergence), and no warning when called under
``np.errstate(all="ignore")``.
"""

from __future__ import annotations

import numpy as np


def softmax_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of −log softmax(logits)[label] over the batch, and its gradient (softmax − onehot)/B.

    Parameters
    ----------
    logits : B × K.
    labels : B integers in 0 … K − 1.
    """
    batch = logits.shape[0]
    rows = np.arange(batch)
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    total = e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(total[:, 0]) - z[rows, labels], dtype=np.float64))
    d = e / total
    d[rows, labels] -= 1
    d *= d.dtype.type(1.0 / batch)
    return loss, d


def mean_squared_error(output: np.ndarray, target: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean of (output − target)² over the batch and the outputs, and its gradient."""
    diff = output - target
    loss = float(np.mean(np.square(diff, dtype=np.float64)))
    diff *= diff.dtype.type(2.0 / diff.size)
    return loss, diff


def loss_and_gradient(output: np.ndarray, y: np.ndarray, classes: int) -> tuple[float, np.ndarray]:
    """Cross-entropy when `classes` > 0 (y are labels), else the squared error (y targets)."""
    if classes:
        return softmax_cross_entropy(output, y)
    return mean_squared_error(output, y)


def correct(output: np.ndarray, labels: np.ndarray) -> int:
    """How many rows of `output` have their largest entry at the label."""
    return int(np.count_nonzero(np.argmax(output, axis=1) == labels))
