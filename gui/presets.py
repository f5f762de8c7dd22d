"""The Presets menu: the lecture on initialization, in order, one setting per entry.

Each preset is a full config (depth 50, width 256 unless it says otherwise) and one sentence on
what to look for. A training preset (`compare`) also opens the Training tab with that comparison;
it ends the lecture's entries. Names and hints are English source text, worded in the window's
language by `title()` and `hint_text()` when shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence

from engine import SimConfig

from .i18n import translate
from .typeset import rich_tooltip


@dataclass(frozen=True)
class Preset:
    name: str
    hint: str
    values: dict = field(default_factory=dict)
    compare: str = ""   # a training preset: the Training tab opens with this comparison
    tab: str = ""       # "network" or "activation" (at `layer`): that tab opens
    layer: int = 0
    free: tuple = ()    # training keys its hint asks to change: changed, the hint stays

    def config(self) -> SimConfig:
        return SimConfig.from_dict(self.values)

    def title(self) -> str:
        return translate("Presets", self.name)

    def hint_text(self) -> str:
        return translate("Presets", self.hint)


_LINEAR = {"activation": "identity", "init": "constant"}
_XAVIER = {"init": "xavier", "distribution": "normal"}

PRESETS: tuple[Preset, ...] = (
    Preset(QT_TRANSLATE_NOOP("Presets", "Linear MLP, constant γ too small (n·γ = 0.256)"),
           QT_TRANSLATE_NOOP("Presets", "n_{t−1}γ = n_tγ = 0.256 < 1: each layer multiplies both variances by 0.256, so the "
           "profile falls as a straight line and the heatmaps fade to blue."),
           {**_LINEAR, "variance": 0.001}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Linear MLP, γ = 1/n"),
           QT_TRANSLATE_NOOP("Presets", "n_{t−1}γ = n_tγ = 1: forward and backward variances stay at the input's level "
           "through all 50 layers."),
           {**_LINEAR, "variance": 1 / 256}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Linear MLP, constant γ too large (n·γ = 2.56)"),
           QT_TRANSLATE_NOOP("Presets", "n_{t−1}γ = 2.56 > 1: the variance gains 0.41 decades per layer, 20 decades after "
           "50 layers, and the heatmaps turn red (yellow on the grey-safe scale)."),
           {**_LINEAR, "variance": 0.01}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Xavier normal"),
           QT_TRANSLATE_NOOP("Presets", "γ = 2/(n_{in} + n_{out}), the compromise between n_{t−1}γ = 1 and n_tγ = 1; with equal "
           "widths both hold and both lines stay flat (try widths 784, 256x49, 10 to see the "
           "compromise where widths change)."),
           {"activation": "identity", **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Xavier uniform"),
           QT_TRANSLATE_NOOP("Presets", "U(±√(6/(n_{in} + n_{out}))) has the same variance as Xavier normal: the same flat "
           "profile from a different weight distribution."),
           {"activation": "identity", "init": "xavier", "distribution": "uniform"}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Affine σ(x) = x + 0.5 (β ≠ 0)"),
           QT_TRANSLATE_NOOP("Presets", "β ≠ 0 gives every layer the mean β; the next multiplies the second moment, so "
           "the pooled variance grows by about β² a layer: the spread of the units' means (unit i gets its own "
           "Σ_j W_{ij}β). The per-unit heatmaps, over the batch, stay flat."),
           {"activation": "linear", "alpha": 1.0, "beta": 0.5, **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Affine σ(x) = 1.2·x (α ≠ 1)"),
           QT_TRANSLATE_NOOP("Presets", "α ≠ 1 multiplies both variances by α² = 1.44 at every layer: Xavier assumes "
           "σ'(0) = 1."),
           {"activation": "linear", "alpha": 1.2, "beta": 0.0, **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Sigmoid under Xavier"),
           QT_TRANSLATE_NOOP("Presets", "sigmoid(0) = 1/2 and sigmoid'(0) = 1/4: values crowd around 1/2 and the gradient "
           "shrinks about 18-fold per layer on its way back to the input (sigmoid'² ≤ 1/16 "
           "makes 16-fold only a bound)."),
           {"activation": "sigmoid", **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "Tanh under Xavier"),
           QT_TRANSLATE_NOOP("Presets", "tanh ≈ x near 0, so Xavier almost works: both variances decay only slowly, yet they "
           "still vanish, about −2.0 decades forward and −1.8 decades for the gradient over 50 "
           "layers."),
           {"activation": "tanh", **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "ReLU under Xavier"),
           QT_TRANSLATE_NOOP("Presets", "relu zeroes the negative half of the pre-activations, so E[relu(h')²] = Var[h']/2: the variance "
           "halves at every layer."),
           {"activation": "relu", **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "The fix: 4·sigmoid(x) − 2 under Xavier"),
           QT_TRANSLATE_NOOP("Presets", "4·sigmoid(x) − 2 = x − x³/12 + …: centred, slope 1 at 0, so its profile is close "
           "to tanh's (about −1.5 against −2.0 decades forward over 50 layers) and far from "
           "sigmoid's (−63 decades of gradient)."),
           {"activation": "sigmoid_scaled", **_XAVIER}),
    Preset(QT_TRANSLATE_NOOP("Presets", "ReLU with He"),
           QT_TRANSLATE_NOOP("Presets", "He's γ = 2/n_{t−1} makes up for relu's halving: both lines stay near the input's "
           "level (one network of finite width drifts a little, more so when narrow)."),
           {"activation": "relu", "init": "he", "mode": "fan_in", "distribution": "normal"}),
)

# The lecture's last point, in the Training tab: the same network trained from four inits.
TRAINING_PRESETS: tuple[Preset, ...] = (
    Preset(QT_TRANSLATE_NOOP("Presets", "Training: zeros, γ too small, γ too large, Xavier"),
           QT_TRANSLATE_NOOP("Presets", "Same spiral, same mini-batches: zero weights (with zero biases) give tanh no "
           "gradient at all and a tiny "
           "gain starts with its gradient vanished before the first layer and learns little, "
           "a huge gain saturates tanh and learns badly, Xavier learns."),
           {"depth": 6, "width": 32, "activation": "tanh", **_XAVIER, "task": "spiral",
            "optimizer": "adam", "lr": 0.01, "train_batch": 64, "steps": 3000},
           compare="inits"),
    # the lecture's symmetry and what breaks it (D2L: "dropout regularization would")
    Preset(QT_TRANSLATE_NOOP("Presets", "Symmetry: zero weights under sigmoid, and dropout"),
           QT_TRANSLATE_NOOP("Presets", "Zero weights under sigmoid (σ(0) = 1/2): the weights "
                                        "learn, yet every unit of a hidden layer stays "
                                        "identical, so each layer acts as one unit and the "
                                        "circles stay out of reach. Set dropout to 0.2 and "
                                        "start again: the units part and learn the circles."),
           {"depth": 2, "width": 16, "activation": "sigmoid", "init": "zeros", "bias_std": 0.0,
            "task": "circles", "optimizer": "adam", "lr": 0.01, "train_batch": 64,
            "steps": 3000, "dropout": 0.0},
           compare="single", free=("dropout",)),
)

# The lecture's opening demonstrations, before its variances (D2L 5.4.1): sigmoid's gradient
# vanishing at large |x|, and a product of random matrices exploding. Their numbers are held
# to the engine's by tests/test_preset_claims.py.
DEMO_PRESETS: tuple[Preset, ...] = (
    Preset(QT_TRANSLATE_NOOP("Presets", "Demo: sigmoid's gradient vanishes at large |x|"),
           QT_TRANSLATE_NOOP("Presets", "The lecture's first figure: sigmoid and its gradient "
                                        "over about ±8, the pre-activations of layer 1 at "
                                        "gain 2. The gradient is 1/4 at 0 and below 1 % of "
                                        "that beyond |x| ≈ 6: a saturated unit passes almost "
                                        "nothing back."),
           {"activation": "sigmoid", **_XAVIER, "gain": 2.0}, tab="activation", layer=1),
    Preset(QT_TRANSLATE_NOOP("Presets", "Demo: a product of 100 random 4 × 4 matrices "
                                        "explodes"),
           QT_TRANSLATE_NOOP("Presets", "The lecture multiplies 100 matrices of N(0, 1) "
                                        "entries. Here each of 100 layers of width 4 does (σ "
                                        "the identity, γ = 1): the variance's expectation "
                                        "grows 4-fold a layer, 60 decades (dashed); one "
                                        "network follows the typical run (dotted), about 48."),
           {**_LINEAR, "variance": 1.0, "width": 4, "depth": 100}, tab="network"),
)

# Beyond the lecture: what saturation looks like (Glorot & Bengio 2010, Fig. 3/4).
EXTRA_PRESETS: tuple[Preset, ...] = (
    Preset(QT_TRANSLATE_NOOP("Presets", "Saturation: tanh with gain 4"),
           QT_TRANSLATE_NOOP("Presets", "Too large weights drive tanh into its flat tails: the distribution piles up at ±1, "
           "yet the gradient explodes, since χ₁ = n_tγ_t E[tanh'²] ≈ 2.4 > 1 (the chaotic phase)."),
           {"activation": "tanh", **_XAVIER, "gain": 4.0}),
)


# The lecture's first ten presets in order, its two opening demonstrations first (a student's
# tour: the menu's first two entries had none): Alt+1 … Alt+9, Alt+0. No Ctrl+Alt+digit for
# the rest: Windows reads AltGr as Ctrl+Alt, and AltGr+2 types "²" (German), "~" (French) in
# a field, which such a key would take as a preset
SHORTCUTS = tuple(f"Alt+{k}" for k in "1234567890")


def fill_menu(menu, apply) -> list[QAction]:
    """Add one action per preset to `menu`, the lecture's with a key each (SHORTCUTS);
    `apply(preset)` is called when one is chosen."""
    actions = []
    keyed = 0
    for group in (DEMO_PRESETS, PRESETS + TRAINING_PRESETS, EXTRA_PRESETS):
        if actions:
            menu.addSeparator()
        for preset in group:
            action = menu.addAction(preset.name)
            if group is not EXTRA_PRESETS and keyed < len(SHORTCUTS):
                action.setShortcut(QKeySequence(SHORTCUTS[keyed]))
                keyed += 1
            action.setData(preset)
            action.triggered.connect(lambda checked=False, p=preset: apply(p))
            actions.append(action)
    menu.setToolTipsVisible(True)
    retranslate_menu(actions)
    return actions


def retranslate_menu(actions: list[QAction]) -> None:
    """Word the preset actions made by `fill_menu` in the current language."""
    for action in actions:
        preset = action.data()
        action.setText(preset.title())
        action.setToolTip(rich_tooltip(preset.hint_text()))   # n_{t−1} typeset
