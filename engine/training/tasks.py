"""The training tasks, all offline: Playground-like 2-D problems, a teacher network, MNIST.

- ``spiral``, ``circles``, ``xor``, ``gaussians``: two classes in the plane, as TensorFlow
  Playground draws them (its shapes and radii), with Gaussian noise; `TRAIN_2D` points to learn
  from and `HELDOUT_2D` held out.
- ``teacher``: inputs N(0, I_64) and a regression target, the output of a random tanh teacher
  MLP 64 → 64 → 1 (standardized): a high-dimensional task where width matters. Loss: mean
  squared error.
- ``mnist``: MNIST or Fashion-MNIST from the IDX files in ``data_dir`` (`engine.training.idx`);
  ten classes; `HELDOUT_MAX` test images are held out.

Inputs are scaled so that their pooled variance over the training set is 1 (like the static
view's N(0, 1) inputs, so that step 0 of a training lines up with it); 2-D tasks keep their
shape (one scale for both coordinates). Every random choice comes from ``config.seed``.
"""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..draws import random_stream
from .idx import CLASSES, image_count, image_pixels, load_mnist

TRAIN_2D, HELDOUT_2D = 1000, 500
NOISE_2D = 0.25            # standard deviation of the noise, in Playground's units (radius 5)
TEACHER_INPUTS, TEACHER_HIDDEN = 64, 64
TRAIN_TEACHER, HELDOUT_TEACHER = 4096, 256
HELDOUT_MAX = 1000         # MNIST: test images held out (a seeded random subset)
_DATA, _HELDOUT, _TEACHER = 101, 102, 103   # random streams of the data (cf. engine.draws)


@dataclass(frozen=True, eq=False)
class Task:
    """A data set to learn: inputs (float32, standardized) and targets.

    `classes` > 0: `y_*` are int64 labels 0 … classes − 1 and the loss is softmax
    cross-entropy; `classes` == 0: `y_*` are float32 targets (count × outputs) and the loss is
    the mean squared error. `extent` (x0, x1, y0, y1) frames 2-D inputs (None otherwise).
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_heldout: np.ndarray
    y_heldout: np.ndarray
    classes: int
    extent: tuple[float, float, float, float] | None = None

    @property
    def inputs(self) -> int:
        return self.x_train.shape[1]

    @property
    def outputs(self) -> int:
        """Width of the network's linear output layer."""
        return self.classes if self.classes else self.y_train.shape[1]

    @property
    def regression(self) -> bool:
        return self.classes == 0


def _rng(seed: int, stream: int) -> np.random.Generator:
    return random_stream(seed, 0, stream, 0)


def make_task(config) -> Task:
    """The task `config.task` of a SimConfig (its data from `config.seed`, `config.data_dir`).

    Raises
    ------
    ConfigError
        For ``mnist``, when the IDX files cannot be read (key ``data_dir``).
    """
    if config.task == "mnist":
        return _mnist(config.data_dir, config.seed)
    if config.task == "teacher":
        return _teacher(config.seed)
    return _plane(config.task, config.seed)


def task_shape(config) -> tuple[int, int]:
    """(inputs, outputs) of `config.task` without making its data (MNIST: the images file's
    header is read)."""
    if config.task == "mnist":
        return image_pixels(config.data_dir), CLASSES
    if config.task == "teacher":
        return TEACHER_INPUTS, 1
    return 2, 2


def train_points(config) -> int:
    """The number of training examples of `config.task` without making its data (MNIST: the
    images file's header is read). A mini-batch larger than this spans several epochs."""
    if config.task == "mnist":
        return image_count(config.data_dir)
    if config.task == "teacher":
        return TRAIN_TEACHER
    return TRAIN_2D


def static_config(config):
    """The config whose static view (Monte Carlo and theory) is the trained network's hidden
    stack at step 0: n_0 set to the task's inputs (the linear output layer is not in it)."""
    return config.with_values(widths=(task_shape(config)[0],) + tuple(config.widths[1:]))


# -- 2-D tasks -------------------------------------------------------------------------------

def _points(name: str, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """n points of task `name` with labels 0/1, half of each class (Playground's shapes)."""
    half = n // 2
    y = np.repeat([0, 1], [half, n - half])
    if name == "spiral":   # two arms, 1.75 turns, radius 0 … 5
        i = np.concatenate([np.arange(half), np.arange(n - half)]) / max(half, 1)
        r = 5.0 * i
        t = 1.75 * 2.0 * math.pi * i + math.pi * y
        x = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    elif name == "circles":   # a disk of radius 2.5 inside a ring 3.5 … 5
        r = np.where(y == 0, rng.uniform(0.0, 2.5, n), rng.uniform(3.5, 5.0, n))
        angle = rng.uniform(0.0, 2.0 * math.pi, n)
        x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    elif name == "xor":   # the quadrants, kept 0.3 away from the axes
        x = rng.uniform(-5.0, 5.0, (n, 2))
        x += np.where(x > 0, 0.3, -0.3)
        y = (x[:, 0] * x[:, 1] < 0).astype(np.int64)
    elif name == "gaussians":   # two blobs
        centre = np.where(y[:, None] == 0, 2.0, -2.0)
        x = centre + rng.standard_normal((n, 2))
    else:
        raise ValueError(f"unknown task {name!r}")
    x = x + NOISE_2D * rng.standard_normal((n, 2))
    return x, y.astype(np.int64)


def _plane(name: str, seed: int) -> Task:
    rng = _rng(seed, _DATA)
    x, y = _points(name, TRAIN_2D + HELDOUT_2D, rng)
    order = rng.permutation(x.shape[0])
    x, y = x[order], y[order]
    x = (x - x[:TRAIN_2D].mean(axis=0)) / x[:TRAIN_2D].std()
    x = x.astype(np.float32)
    reach = 1.1 * float(np.abs(x).max())
    return Task(name, x[:TRAIN_2D], y[:TRAIN_2D], x[TRAIN_2D:], y[TRAIN_2D:], classes=2,
                extent=(-reach, reach, -reach, reach))


# -- teacher ---------------------------------------------------------------------------------

def _teacher(seed: int) -> Task:
    rng = _rng(seed, _TEACHER)
    w1 = rng.standard_normal((TEACHER_INPUTS, TEACHER_HIDDEN)) * math.sqrt(2.0 / TEACHER_INPUTS)
    w2 = rng.standard_normal((TEACHER_HIDDEN, 1)) / math.sqrt(TEACHER_HIDDEN)
    x = _rng(seed, _DATA).standard_normal((TRAIN_TEACHER + HELDOUT_TEACHER, TEACHER_INPUTS))
    y = np.tanh(x @ w1) @ w2
    y = (y - y[:TRAIN_TEACHER].mean()) / y[:TRAIN_TEACHER].std()
    x, y = x.astype(np.float32), y.astype(np.float32)
    return Task("teacher", x[:TRAIN_TEACHER], y[:TRAIN_TEACHER], x[TRAIN_TEACHER:],
                y[TRAIN_TEACHER:], classes=0)


# -- MNIST -----------------------------------------------------------------------------------

def _mnist(data_dir: str, seed: int) -> Task:
    """MNIST of `data_dir`, made once per version of its files (a new session on the same
    data does not read them again)."""
    folder = Path(os.path.expanduser(data_dir)) if data_dir else None
    stamp = ()
    if folder is not None and folder.is_dir():
        stamp = tuple(sorted((f.name, f.stat().st_size, f.stat().st_mtime_ns)
                             for where in (folder, folder / "raw") if where.is_dir()
                             for f in where.iterdir() if "ubyte" in f.name and f.is_file()))
    return _mnist_of(data_dir, seed, stamp)


@functools.lru_cache(maxsize=1)
def _mnist_of(data_dir: str, seed: int, stamp: tuple) -> Task:
    del stamp   # part of the cache key only
    train, test = load_mnist(data_dir)
    pixels = train.images.shape[1] * train.images.shape[2]
    x_train = train.images.reshape(-1, pixels)
    keep = np.sort(_rng(seed, _HELDOUT).permutation(test.images.shape[0])[:HELDOUT_MAX])
    x_test = test.images.reshape(-1, pixels)[keep]
    mean, std = _pixel_moments(x_train)
    return Task("mnist", _standardized(x_train, mean, std), train.labels.astype(np.int64),
                _standardized(x_test, mean, std), test.labels[keep].astype(np.int64),
                classes=10)


def _pixel_moments(images: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of every pixel of every image (one pair, pooled)."""
    counts = np.bincount(images.reshape(-1), minlength=256).astype(np.float64)
    values = np.arange(256.0)
    total = counts.sum()
    mean = float(counts @ values / total)
    var = float(counts @ (values - mean) ** 2 / total)
    return mean, math.sqrt(var) if var > 0 else 1.0


def _standardized(images: np.ndarray, mean: float, std: float) -> np.ndarray:
    """(pixel − mean)/std as float32, through a 256-entry table (no float64 copy)."""
    table = ((np.arange(256.0) - mean) / std).astype(np.float32)
    return table[images]
