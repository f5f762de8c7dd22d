"""The lecture's three σ side by side: sigmoid, its fix 4·sigmoid(x) − 2 and tanh, with their
values and slopes at 0 (the Activation tab's Compare box draws them beside any σ).

Pure numpy; no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import make_activation

# The lecture's comparison: sigmoid fails σ(0) = 0 and σ'(0) = 1, its fix 4·sigmoid(x) − 2 and
# tanh pass both.
LECTURE_SIGMAS = ("sigmoid", "sigmoid_scaled", "tanh")


@dataclass(frozen=True, eq=False)
class LectureCurve:
    """One of the lecture's σ on a grid: its name, σ(x), σ'(x), and σ(0), σ'(0)."""

    name: str
    sigma: np.ndarray
    dsigma: np.ndarray
    value0: float
    slope0: float


def lecture_curves(x: np.ndarray) -> tuple[LectureCurve, ...]:
    """sigmoid, 4·sigmoid(x) − 2 and tanh (`LECTURE_SIGMAS`, in that order) evaluated on x."""
    x = np.asarray(x, dtype=np.float64)
    zero = np.zeros(1)
    out = []
    for name in LECTURE_SIGMAS:
        act = make_activation(name)
        out.append(LectureCurve(name, act.f(x), act.df(x),
                                float(act.f(zero)[0]), float(act.df(zero)[0])))
    return tuple(out)
