"""The guided lesson's steps: what each one says, shows and checks (data, no widgets).

Steps 1–10 follow the Dive into Deep Learning lecture on numerical stability and
initialization, 11–12 go beyond it (finite width, order and chaos) and 13 into training.
Strings are English source text marked with `QT_TRANSLATE_NOOP("Lesson", …)`, worded when
shown (`gui.lesson`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .lesson import SettingCheck, Step, TrendCheck

_LINEAR = {"activation": "identity", "init": "constant"}
_XAVIER = {"init": "xavier", "distribution": "normal"}
# Widths narrowing from 1024 to 16, halving every seven layers (depth 50).
NARROWING = "1024x8, 512x7, 256x7, 128x7, 64x7, 32x7, 16x8"
BOTH_STABLE = (TrendCheck("forward", ("stable",)), TrendCheck("backward", ("stable",)))
# the settings a step's goal names (a tour: tanh under Xavier, the window's default, vanishes
# too, and step 2's check was green for it)
_LINEAR_CHECKS = (SettingCheck("activation", ("identity",)), SettingCheck("init", ("constant",)))

STEPS: tuple[Step, ...] = (
    Step(QT_TRANSLATE_NOOP("Lesson", "The network and its assumptions"),
         QT_TRANSLATE_NOOP("Lesson",
             "An MLP with L layers maps its input h^0 = x through h^t = σ(W^t h^{t−1} + b^t) "
             "for t = 1 … L. The lecture assumes that every weight W^t_{ij} is drawn "
             "independently of all others and of the layer's input, with mean 0 and variance "
             "γ_t; for now σ is the identity and there are no biases.\n\n"
             "The profile plots, layer by layer, the log₁₀ variance of the signal h^t (blue) "
             "and of the gradient ∂ℓ/∂h^t (orange). In this setting every weight has variance "
             "γ = 1/n = 1/256: both lines stay flat.\n\n"
             "The lecture opens with two examples before any formula: sigmoid's gradient "
             "vanishing where |x| is large, and a product of 100 random matrices exploding. The "
             "Presets menu's first two entries show them (Alt+1, Alt+2), and its entry "
             "\"Symmetry\" the symmetry of equal weights (step 13 returns to it)."),
         QT_TRANSLATE_NOOP("Lesson",
             "h^t = σ(W^t h^{t−1} + b^t)\nE[W^t_{ij}] = 0,  Var[W^t_{ij}] = γ_t"),
         {**_LINEAR, "variance": 1 / 256},
         (SettingCheck("activation", ("identity",)), *BOTH_STABLE),
         QT_TRANSLATE_NOOP("Lesson", "the identity activation with constant γ = 1/256.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Forward: the signal's variance"),
         QT_TRANSLATE_NOOP("Lesson",
             "With σ(x) = x, a unit of layer t sums n_{t−1} independent products "
             "W^t_{ij} h^{t−1}_j, each of variance γ_t Var[h^{t−1}]. So every layer multiplies "
             "the signal's variance by n_{t−1}γ_t.\n\n"
             "Here γ = 0.001 and n = 256: the factor is 0.256, the variance loses about 0.6 "
             "decades per layer and is near 10^{−30} of the input's after 50 layers. The signal "
             "vanishes; try other values of γ: only γ = 1/n keeps the line flat.\n\n"
             "Below the brown line \"float16 min normal\" a unit's typical value "
             "√Var is under 6.1·10^{−5}: a half-precision network's signal loses its digits "
             "there, then is 0 (the readout names the layer)."),
         QT_TRANSLATE_NOOP("Lesson", "Var[h^t] = n_{t−1}γ_t Var[h^{t−1}]"),
         {**_LINEAR, "variance": 0.001},
         (*_LINEAR_CHECKS, TrendCheck("forward", ("vanishing",))),
         QT_TRANSLATE_NOOP("Lesson", "with σ(x) = x and init constant, make n·γ·gain² less "
                                     "than 1: at gain 1, the variance γ below 1/n.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Backward: the gradient's variance"),
         QT_TRANSLATE_NOOP("Lesson",
             "Backpropagation runs the same product in reverse: "
             "∂ℓ/∂h^{t−1} = (W^t)^T ∂ℓ/∂h^t sums over the n_t units of layer t. So every layer, "
             "on the way back, multiplies the gradient's variance by n_tγ_t.\n\n"
             "Here γ = 0.01: n_tγ_t = 2.56, and the gradient reaching the input is about "
             "10^{20} times larger than at the output: it explodes. With equal widths the "
             "forward factor is the same number, so the signal explodes too.\n\n"
             "Above the brown line \"float16 max\" √Var passes 65 504: a "
             "half-precision network's values are ∞ there, long before float32's. The lecture: "
             "\"especially severe for 16-bit floats (6e-5 – 6e4)\"."),
         QT_TRANSLATE_NOOP("Lesson", "Var[∂ℓ/∂h^{t−1}] = n_tγ_t Var[∂ℓ/∂h^t]"),
         {**_LINEAR, "variance": 0.01},
         (*_LINEAR_CHECKS, TrendCheck("backward", ("exploding",))),
         QT_TRANSLATE_NOOP("Lesson", "with σ(x) = x and init constant, make n·γ·gain² more "
                                     "than 1: at gain 1, the variance γ above 1/n.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Two conditions, one γ"),
         QT_TRANSLATE_NOOP("Lesson",
             "Keeping both variances needs n_{t−1}γ_t = 1 (forward) and n_tγ_t = 1 (backward) "
             "at every layer. With equal widths that is one condition; where a layer's input "
             "and output widths differ, no γ_t meets both.\n\n"
             "This network narrows from 1024 units to 16, halving every seven layers, with "
             "LeCun's γ_t = 1/n_{t−1} (mode fan_in). The forward condition holds exactly, so the "
             "signal stays flat in expectation (one network's dips a little in its last, "
             "16-unit layers); but n_tγ_t = 1/2 at each of the six narrowings, and in theory "
             "the gradient loses 6·log₁₀ 2 ≈ 1.8 decades on its way back (one network loses a "
             "little more: its last layers have only 16 units, and a narrow network falls "
             "below the expectation). Switch the mode to fan_out (γ_t = 1/n_t) and the roles "
             "swap."),
         QT_TRANSLATE_NOOP("Lesson", "n_{t−1}γ_t = 1  and  n_tγ_t = 1  ⇒  n_{t−1} = n_t"),
         {"activation": "identity", "init": "lecun", "mode": "fan_in", "widths": NARROWING},
         (TrendCheck("forward", ("stable",)), TrendCheck("backward", ("vanishing",))),
         QT_TRANSLATE_NOOP("Lesson", "narrowing widths with LeCun, mode fan_in.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Xavier: the compromise"),
         QT_TRANSLATE_NOOP("Lesson",
             "Glorot and Bengio (2010) meet the two conditions halfway: they ask their average "
             "to hold, (n_{t−1} + n_t)γ_t / 2 = 1. Where widths are equal both conditions hold, "
             "and both lines stay flat.\n\n"
             "Where widths differ, the two passes share the error: on the narrowing network of "
             "the previous step, theory has the signal gain 0.75 decades and the gradient lose "
             "1.1, instead of 0 and 1.8."),
         QT_TRANSLATE_NOOP("Lesson", "γ_t = 2/(n_{t−1} + n_t)\nW^t_{ij} ~ N(0, γ_t)"),
         {"activation": "identity", **_XAVIER},
         (SettingCheck("init", ("xavier",)), *BOTH_STABLE),
         QT_TRANSLATE_NOOP("Lesson", "init Xavier, with equal widths.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Xavier uniform"),
         QT_TRANSLATE_NOOP("Lesson",
             "Any distribution with mean 0 and variance γ_t will do. The uniform distribution "
             "U(−a, a) has variance a²/3; setting a²/3 = 2/(n_{in} + n_{out}) gives its bound "
             "a.\n\n"
             "The profile is the one of Xavier normal: only the variance of the weights "
             "enters the formulas, not the shape of their distribution. The Weights tab draws "
             "this network's weights, a box between ±a, over the bell of the normal with the "
             "same variance: \"Set up this step\" opens it."),
         QT_TRANSLATE_NOOP("Lesson", "Var[U(−a, a)] = a²/3\na = √(6/(n_{in} + n_{out}))"),
         {"activation": "identity", "init": "xavier", "distribution": "uniform"},
         (SettingCheck("init", ("xavier",)), SettingCheck("distribution", ("uniform",)), *BOTH_STABLE),
         QT_TRANSLATE_NOOP("Lesson", "init Xavier with the uniform distribution."),
         tab="weights"),
    Step(QT_TRANSLATE_NOOP("Lesson", "An affine activation"),
         QT_TRANSLATE_NOOP("Lesson",
             "Take σ(x) = αx + β. Each h^t then has the mean β, and the next layer multiplies "
             "its second moment E[(h^{t−1})²] = Var[h^{t−1}] + β², not its variance; the slope "
             "α multiplies both variances by α² at every layer. Only β = 0 and α = 1, the "
             "identity, keep them.\n\n"
             "Here α = 1.2: both variances grow by α² = 1.44 per layer, about 8 decades over 50 "
             "layers. Set α to 1 and the lines flatten; set β to 0.5 and the signal creeps up "
             "again."),
         QT_TRANSLATE_NOOP("Lesson",
             "σ(x) = αx + β\nE[h^t] = β,  Var[h^t] = α² n_{t−1}γ_t E[(h^{t−1})²]"),
         {"activation": "linear", "alpha": 1.2, "beta": 0.0, **_XAVIER},
         # (the text invites α = 1: stable is no failure, a student's tour)
         (SettingCheck("activation", ("linear",)), TrendCheck("forward", ("exploding", "stable"))),
         QT_TRANSLATE_NOOP("Lesson", "the linear activation with α = 1.2.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Taylor expansions near 0"),
         QT_TRANSLATE_NOOP("Lesson",
             "Xavier's derivation holds for an activation that is the identity near 0: "
             "σ(0) = 0 and σ'(0) = 1. Expand the usual ones at 0: tanh passes; relu is the "
             "identity only for x ≥ 0 and zeroes the rest; sigmoid fails both, with value 1/2 "
             "and slope 1/4.\n\n"
             "Under Xavier, sigmoid's slope (1/4 at 0, less elsewhere, so 16 is only a bound) "
             "divides the gradient's variance by about 18 at every layer: more than a decade "
             "per layer (the Network tab's profile). \"Set up this step\" opens the Activation "
             "tab: σ with its Taylor polynomials at 0 around this layer's pre-activations. "
             "Compare tanh and relu."),
         QT_TRANSLATE_NOOP("Lesson",
             "sigmoid(x) = 1/2 + x/4 − x³/48 + …\ntanh(x) = x − x³/3 + …\n"
             "relu(x) = x for x ≥ 0, 0 for x < 0"),
         {"activation": "sigmoid", **_XAVIER},
         (SettingCheck("activation", ("sigmoid",)), TrendCheck("backward", at_most=-0.5)),
         QT_TRANSLATE_NOOP("Lesson", "the sigmoid activation under Xavier."),
         tab="activation", layer=1),
    Step(QT_TRANSLATE_NOOP("Lesson", "The fix: 4·sigmoid(x) − 2"),
         QT_TRANSLATE_NOOP("Lesson",
             "Shift and stretch sigmoid until it passes through 0 with slope 1: "
             "4·sigmoid(x) − 2 = 2·tanh(x/2). Near 0 it is the identity, like tanh, and the "
             "gradient loses only a few hundredths of a decade per layer (about 1.4 decades "
             "over 50 layers): a slow vanishing, not the collapse of sigmoid's, which loses "
             "1.3 decades a layer.\n\n"
             "The slow drift that remains comes from the cubic term, which bends large values "
             "towards 0: tanh shows the same. \"Set up this step\" opens the Activation tab "
             "with \"Compare with the lecture's σ\": sigmoid, the fix and tanh on one plot; "
             "near 0 the fix and tanh lie on y = x, while sigmoid passes 1/2 above it with a "
             "quarter of its slope."),
         QT_TRANSLATE_NOOP("Lesson", "4·sigmoid(x) − 2 = x − x³/12 + …"),
         {"activation": "sigmoid_scaled", **_XAVIER},
         (SettingCheck("activation", ("sigmoid_scaled",)), TrendCheck("backward", at_least=-0.1)),
         QT_TRANSLATE_NOOP("Lesson", "the 4·sigmoid(x) − 2 activation under Xavier."),
         tab="activation", lecture_sigmas=True, layer=1),
    Step(QT_TRANSLATE_NOOP("Lesson", "ReLU and He"),
         QT_TRANSLATE_NOOP("Lesson",
             "relu passes half of a symmetric pre-activation and zeroes the other half, so "
             "E[relu(h')²] = Var[h']/2: under Xavier both variances halve at every layer, "
             "0.3 decades per layer.\n\n"
             "He et al. (2015) double γ to make up for it, from the fan-in n_{t−1}. Both lines "
             "now stay near the input's level. (The signal's theory sits about 0.17 decades "
             "below it from layer 1 on: relu's outputs have a positive mean, and the profile "
             "draws their variance, 1 − 1/π of the second moment that He keeps; one network "
             "wanders about it by a few tenths of a decade at layer 50, more often below: "
             "its finite width, step 11.)"),
         QT_TRANSLATE_NOOP("Lesson", "E[relu(h')²] = Var[h']/2\nγ_t = 2/n_{t−1}"),
         {"activation": "relu", "init": "he", "mode": "fan_in", "distribution": "normal"},
         (SettingCheck("activation", ("relu",)), SettingCheck("init", ("he",)), *BOTH_STABLE),
         QT_TRANSLATE_NOOP("Lesson", "the relu activation with init He.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Finite width: one network is not the average"),
         QT_TRANSLATE_NOOP("Lesson",
             "The formulas are expectations over the weights, exact for infinitely wide "
             "layers. One narrow network fluctuates: each layer multiplies the variance by a "
             "random factor whose mean is 1 but whose logarithm has a negative mean, so a "
             "typical network drifts down, faster the narrower its layers (Hanin & Rolnick "
             "2018).\n\n"
             "This setting draws 16 networks of width 16 (trials 16): the profile shows their "
             "median with a band around it. The dashed theory stays flat, the median sinks. "
             "Widen the layers and the band closes in on the theory."),
         QT_TRANSLATE_NOOP("Lesson",
             "E[log Var[h^t]] < log E[Var[h^t]]\nthe gap grows like t/n"),
         {"activation": "relu", "init": "he", "mode": "fan_in", "width": 16, "trials": 16},
         # at width 32 the median's drift, about −0.03 decades a layer, fails the check for
         # 4 seeds in 10 (trials 8); at width 24 and below it passes for every seed 0–9
         (SettingCheck("trials", at_least=8), SettingCheck("width", at_most=24),
          TrendCheck("forward", at_most=-0.03, monte_carlo_only=True)),
         QT_TRANSLATE_NOOP("Lesson", "trials 8 or more, width 24 or less.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Order and chaos"),
         QT_TRANSLATE_NOOP("Lesson",
             "For a saturating σ, mean-field theory (Poole et al. 2016; Schoenholz et al. 2017) "
             "gives the gradient's factor per layer as χ₁ = n_tγ_t E[σ'(h'^t)²], averaged over "
             "the pre-activations. χ₁ < 1 is the ordered phase (gradients vanish), χ₁ > 1 the "
             "chaotic one (they explode), χ₁ = 1 the edge of chaos.\n\n"
             "Here tanh with gain 2: tanh saturates, so the signal stays bounded, yet "
             "χ₁ ≈ 1.36 > 1 and the gradient explodes. The Phase diagram tab maps χ₁ over the "
             "weight and bias variances, with the critical line between the phases."),
         QT_TRANSLATE_NOOP("Lesson",
             "χ₁ = n_tγ_t E[σ'(h'^t)²]\nVar[∂ℓ/∂h^{t−1}] = χ₁ Var[∂ℓ/∂h^t]"),
         {"activation": "tanh", **_XAVIER, "gain": 2.0},
         (SettingCheck("activation", ("tanh",)), TrendCheck("forward", ("stable",)),
          TrendCheck("backward", ("exploding",))),
         # at gain 1.2 or 1.3 the gradient grows too slowly to count as exploding over 50
         # layers (+0.004 and +0.02 decades a layer): the hint names a gain that shows it
         QT_TRANSLATE_NOOP("Lesson", "tanh with a gain of 1.5 or more, e.g. 2.")),
    Step(QT_TRANSLATE_NOOP("Lesson", "Training: the initialization decides whether it learns"),
         QT_TRANSLATE_NOOP("Lesson",
             "The lecture's point: a sensible initialization keeps training numerically "
             "stable. In this small tanh network under Xavier, before any step, the gradient "
             "loses a little less than a decade across the six hidden layers: stable by the "
             "readout's rule (under a decade end to end), as the check below confirms; a tiny "
             "γ loses 2 decades at every layer. The signal loses a little more than a decade, "
             "so the readout calls it vanishing: tanh's slow decay, not a collapse. (The "
             "Training tab's last layer, the spiral's 2 outputs, scales the gradient once "
             "more: n_Lγ_L = 2·2/34.)\n\n"
             "\"Set up this step\" opens the Training tab with \"the lecture's four inits\": "
             "press Start. On the same spiral and mini-batches, zero weights and biases leave "
             "tanh nothing to learn (σ(0) = 0: no weight gets a gradient; under sigmoid the "
             "units of a layer learn but stay identical, a symmetry that dropout breaks: "
             "preset \"Symmetry\"), a tiny γ barely moves from chance, a huge γ "
             "saturates tanh, and Xavier learns."),
         QT_TRANSLATE_NOOP("Lesson", "SGD: W ← W − η·∂ℓ/∂W\nAdam: ∂ℓ/∂W divided by its "
                                    "running RMS\n‖ΔW^t‖/‖W^t‖ per layer"),
         {"depth": 6, "width": 32, "activation": "tanh", **_XAVIER, "task": "spiral",
          "optimizer": "adam", "lr": 0.01, "train_batch": 64, "steps": 3000},
         (SettingCheck("init", ("xavier", "he")), TrendCheck("backward", ("stable",))),
         # (the gain too: at gain 10⁶ under Xavier the hint named only the init, already ✓)
         QT_TRANSLATE_NOOP("Lesson", "init Xavier or He at gain 1, so that the gradient starts "
                                     "stable."),
         compare="inits"),
)
