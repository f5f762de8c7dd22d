"""The Training tab's words: run names, states, the status line, and a readout line per run.

The engine's facts (a run's label, its last logged losses and accuracy, where it diverged,
whether a zero initialization kept every unit of a layer identical) become English source
text of the context "TrainingView", worded in the window's language each time they are shown.
"""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QT_TRANSLATE_NOOP

from engine.training import COMPARE_INITS
from engine.training.history import DEAD_SHARE

from .config_errors import failure_text, problem_text
from .config_texts import trained_network_text
from .i18n import translate
from .texts import fmt, signed_small
from .training_controls import OPTIMIZER_NAMES, TASK_NAMES, field_name
from .training_plots import run_colors
from .training_session import DONE, IDLE, PAUSED, RUNNING
from .typeset import kept_formulas

INIT_GAINS = {label: values.get("gain", 1.0) for label, values in COMPARE_INITS}

SINGLE = "network"   # the label of the run in "this network only"
RUN_NAMES = {SINGLE: QT_TRANSLATE_NOOP("TrainingView", "this network"),
             "zeros": QT_TRANSLATE_NOOP("TrainingView", "zeros"),
             "γ too small": QT_TRANSLATE_NOOP("TrainingView", "γ too small"),
             "γ too large": QT_TRANSLATE_NOOP("TrainingView", "γ too large"),
             "Xavier": QT_TRANSLATE_NOOP("TrainingView", "Xavier")}
STATES = {IDLE: QT_TRANSLATE_NOOP("TrainingView", "ready: press Start"),
          RUNNING: QT_TRANSLATE_NOOP("TrainingView", "training"),
          PAUSED: QT_TRANSLATE_NOOP("TrainingView", "paused"),
          DONE: QT_TRANSLATE_NOOP("TrainingView", "done")}


def run_name(label: str) -> str:
    """A run's label in words (a label the table does not know passes through)."""
    return translate("TrainingView", RUN_NAMES[label]) if label in RUN_NAMES else label


def status_text(state: str, rate: float | None, *, valid: bool, problem, failure,
                epochs: tuple[int, int] | None = None, diverged: bool = False) -> str:
    """The status line: a refused value, why the runs cannot be made (`problem`, a
    ConfigError), why training failed (`failure`), or the session's state and, once measured
    (`rate`), its steps per second; `epochs` (mini-batch, training examples): a mini-batch
    larger than the training set, said (each step then goes over it more than once);
    `diverged`: every run diverged, which ended the session before its last step."""
    if not valid:
        return translate("TrainingView", "A value is not valid: fix the red field to train")
    if problem is not None:
        return translate("TrainingView", "Cannot train: {problem}").format(
            problem=problem_text(problem, field_name))
    if failure is not None:
        return translate("TrainingView", "Training failed: {message}").format(
            message=failure_text(failure, field_name))
    text = translate("TrainingView", STATES[state])
    if state == DONE and diverged:   # "done" at step 1 of 2000 read as finished
        text = translate("TrainingView", "stopped: training diverged")
    if rate is not None and state != IDLE:
        text = translate("TrainingView", "{state} · {rate} steps/s").format(
            state=text, rate=f"{rate:.0f}" if rate >= 100 else f"{rate:.3g}")   # not 2.18e+03
    if epochs is not None:
        batch, points = epochs
        text = translate("TrainingView", "{state} · the mini-batch of {batch} is more than the "
                                         "{points} training examples: each step goes over "
                                         "them {times} times").format(
            state=text, batch=batch, points=points, times=_ratio(batch / points))
    return text


# (the start said with its unit and side: "(1.8 at step 0)" was unclear, a tour)
GROWN = QT_TRANSLATE_NOOP("TrainingView", "{text}; the gradient's variance at layer 1 is "
                                          "{decades} decades above the output's ({start} "
                                          "decades at step {first}): it grew in training")
LOST = QT_TRANSLATE_NOOP("TrainingView", "{text}; the gradient's variance at layer 1 is "
                                         "{decades} decades below the output's ({start} "
                                         "decades below at step {first}): it was lost in "
                                         "training")


# What became of zero weights' symmetry (`RunHistory.symmetry`), after a run's numbers
SYMMETRY_WORDS = {
    # (a lecturer's tour: tanh's units "kept their symmetry" by never moving at all)
    "frozen": QT_TRANSLATE_NOOP("TrainingView", "{text}; no weight gets a gradient: with every "
                                                "weight 0 and σ(0) = 0 each hidden unit "
                                                "outputs 0, and only the output's bias learns "
                                                "(with sigmoid, σ(0) = 1/2, the weights learn "
                                                "and the units stay identical: the symmetry)"),
    "frozen_with_dropout": QT_TRANSLATE_NOOP(
        "TrainingView", "{text}; no weight gets a gradient: with every weight 0 and σ(0) = 0 "
                        "each hidden unit outputs 0, and only the output's bias learns "
                        "(dropout cannot change that)"),
    "kept": QT_TRANSLATE_NOOP("TrainingView", "{text}; every unit of each hidden layer is "
                                              "identical (zero weights and equal biases never "
                                              "break the symmetry)"),
    # (the lecture: dropout breaks it)
    "broken_by_dropout": QT_TRANSLATE_NOOP("TrainingView", "{text}; the units of a hidden layer "
                                                           "differ: dropout broke the zero "
                                                           "weights' symmetry"),
}


def _ratio(value: float) -> str:
    """A ratio above 1 that never reads "1" (4096 / 4095: 1.00024)."""
    digits = 4
    while f"{value:.{digits}g}" == "1" and digits < 9:
        digits += 2
    return f"{value:.{digits}g}"


def _number(value: float) -> str:
    """A loss as the other texts write numbers: 0.0802, 5.55·10⁵ (it read 5.55e+05)."""
    return fmt(value) if math.isfinite(value) else "—"


def run_text(run, activation: str = "", dropout: float = 0.0) -> str:
    """Where a run stands, in words: step, losses, accuracy; diverged; the gradient reaching
    layer 1; dead units (`activation` relu only: a leaky unit's gradient passes); identical
    units, or zero weights' units that `dropout` made differ."""
    if run is None or len(run.steps) == 0:
        return translate("TrainingView", "not started")
    step = int(run.steps[-1])
    if run.diverged is not None:
        div_step, layer = run.diverged
        text = translate("TrainingView", "diverged (inf or NaN) at step {step} in layer {layer}"
                         ).format(step=div_step, layer=layer)
    else:
        accuracy = float(run.heldout_accuracy[-1])
        if math.isfinite(accuracy):
            text = translate("TrainingView", "step {step}: loss {loss}, held-out loss {heldout}, "
                                             "held-out accuracy {accuracy} %")
        else:
            text = translate("TrainingView", "step {step}: loss {loss}, held-out loss {heldout}")
        text = text.format(step=step, loss=_number(float(run.train_loss[-1])),
                           heldout=_number(float(run.heldout_loss[-1])),
                           accuracy=f"{100 * accuracy:.1f}" if math.isfinite(accuracy) else "")
    text = _gradient_text(run, text if run.diverged else _dead_text(run, activation, text),
                          activation)
    symmetry = run.symmetry(dropout)
    if symmetry in SYMMETRY_WORDS:
        text = translate("TrainingView", SYMMETRY_WORDS[symmetry]).format(text=text)
    return text


def _dead_text(run, activation: str, text: str) -> str:
    """`text` and, for relu, the hidden layer with the most dead units (0 for every input of
    the mini-batch) where at least DEAD_SHARE of them are (a leaky unit's gradient passes)."""
    dead = run.dead_layer(DEAD_SHARE) if activation == "relu" else None
    if dead is not None and dead[1] == 1.0:   # (the gradient stops there: the cause named)
        return translate("TrainingView", "{text}; every unit of layer {layer} is dead (relu "
                                         "gives 0 for every input of the mini-batch): the "
                                         "gradient stops there, and the layers nearer the "
                                         "input get none and do not learn").format(
            text=text, layer=dead[0])
    if dead is not None:
        return translate("TrainingView", "{text}; {percent} % of the units of layer {layer} "
                                         "are dead (0 for every input of the mini-batch)"
                         ).format(text=text, percent=f"{100 * dead[1]:.0f}", layer=dead[0])
    return text


def _gradient_text(run, text: str, activation: str) -> str:
    """`text` and where the gradient reaching layer 1 stands against the output's
    (`RunHistory.gradient_state`): none of it, beyond STALLED_DECADES above or below (at the
    start, or since), or regained; where the logs it is a median of spread widely, their
    range."""
    # (for zero weights the identical units say it: two clauses wrapped past the readout)
    state = run.gradient_state() if not run.identical_units else None
    if state is None:
        return text
    text = _worded_state(state, text, activation, run)
    if state.noisy:   # (the last row alone had flipped "vanishes" and "recovered", a tour)
        text = translate("TrainingView", "{text}; that is the median of the last {rows} logs, "
                                         "which range from {low} to {high} decades").format(
            text=text, rows=state.rows, low=_decades(state.recent[0]),
            high=_decades(state.recent[1]))
    return text


def _decades(value: float) -> str:
    """Signed decades, −∞ where no gradient came (exactly 0)."""
    return "−∞" if value == -math.inf else signed_small(value)


def _worded_state(state, text: str, activation: str, run) -> str:
    """`text` and the `GradientState` `state` of `run` in words."""
    kind, drop, start, first = state.kind, state.decades, state.start, state.first_step
    if kind == "diverged":   # (its step-0 map column is a sliver of a long session's map)
        words = (QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "above the output's")
                 if start > 0 else
                 QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "below the output's"))
        return translate("TrainingView", words).format(text=text, first=first,
                                                       start=f"{abs(start):.0f}")
    if kind == "none":
        dead = run.dead_layer(1.0) if activation == "relu" else None
        if dead is not None:   # (said by `_dead_text`: the layer that stops it)
            return text
        # (a tour: "exactly zero" was float32's underflow)
        return translate("TrainingView", "{text}; no gradient reaches layer 1 (it is 0 in "
                                         "float32, below 10⁻⁴⁵): its weights do not "
                                         "learn").format(text=text)
    # exploding: said as vanishing is (a tour: relu under He at gain 1.5, depth 100, 32.6
    # decades above at step 0, and the readout gave the loss alone)
    if kind == "exploding":
        return translate("TrainingView", "{text}; the gradient's variance at layer 1 is "
                                         "{decades} "
                                         "decades above the output's: it explodes in this "
                                         "network").format(text=text, decades=f"{drop:.0f}")
    # where it was not lost at the start, training lost it (a researcher: the default
    # depth-50 tanh net under Adam at lr 0.01 loses 1.8 decades at step 0, 43 at the end, and
    # "it vanishes in this network" blamed the initialization)
    if kind == "vanishing":
        return translate("TrainingView", "{text}; the gradient's variance at layer 1 is "
                                         "{decades} "
                                         "decades below the output's: it vanishes in this "
                                         "network").format(text=text, decades=f"{-drop:.0f}")
    if kind == "lost":
        return translate("TrainingView", "{text}; the gradient's variance at layer 1 is "
                                         "{decades} "
                                         "decades below the output's (none lost at step "
                                         "{first}): it was lost in training").format(
            text=text, decades=f"{-drop:.0f}", first=first)
    if kind in ("grown", "lost_since"):
        return translate("TrainingView", GROWN if kind == "grown" else LOST).format(
            text=text, decades=f"{abs(drop):.0f}", first=first,
            # (lost since: the start was below the output's, by −start > 0.05)
            start=signed_small(start) if drop > 0 else f"{-start:.1f}")
    # "recovered": vanished at the start, regained in training: the lecture's point for γ too
    # small (a teacher's tour: 13.6 decades at step 0, 5.8 at step 1000, and nothing was
    # said); none at all at first: zero weights that dropout set learning ("inf decades" had
    # been said), and now above the output's ("−1.0 below")
    if start == -math.inf:
        words = (QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} no gradient "
                                                   "reached layer 1; its variance is now "
                                                   "{decades} decades below the output's")
                 if drop < 0 else
                 QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} no gradient "
                                                   "reached layer 1; its variance is now "
                                                   "{decades} decades above the output's"))
    elif start < 0:
        words = (QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "below the output's ({decades} decades "
                                                   "now)")
                 if drop < 0 else
                 QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "below the output's ({decades} decades "
                                                   "above it now)"))
    else:   # exploded at the start, calmed in training (a tour: relu under He at gain 3)
        words = (QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "above the output's ({decades} decades "
                                                   "now)")
                 if drop > 0 else
                 QT_TRANSLATE_NOOP("TrainingView", "{text}; at step {first} the gradient's "
                                                   "variance at layer 1 was {start} decades "
                                                   "above the output's ({decades} decades "
                                                   "below it now)"))
    return translate("TrainingView", words).format(
        text=text, start=f"{abs(start):.0f}", decades=f"{abs(drop):.1f}", first=first)


def caption_text(config, mode: str, shape: tuple[int, int] | None,
                 trained: int | None = None, diverged: bool = False) -> str:
    """What a figure of the tab was trained with (its PNG leaves the fields out): the task,
    optimizer, learning rate (weight decay), mini-batch, steps (`trained` of them where the
    training stopped before its end: a tour exported "200000 steps" after 7040; "every run
    diverged" where that ended it: "500 steps" after 31, a tour) and logging
    interval, then the network trained: the task's inputs, the config's layers and a linear
    output layer of the task's outputs (`shape`, when known); with `mode` "inits", the
    lecture's four inits of it."""
    parts = [translate("TrainingView", TASK_NAMES[config.task]),
             translate("TrainingView", OPTIMIZER_NAMES[config.optimizer]),
             translate("TrainingView", "learning rate {lr}").format(lr=f"{config.lr:g}")]
    if config.weight_decay:   # (a file may set it; no field shows it: a tour found it unsaid)
        parts.append(translate("TrainingView", "weight decay {decay}").format(
            decay=f"{config.weight_decay:g}"))
    if config.dropout:
        parts.append(translate("TrainingView", "dropout {rate}").format(rate=f"{config.dropout:g}"))
    parts += [translate("TrainingView", "mini-batch {batch}").format(batch=config.train_batch),
              translate("TrainingView", "{steps} steps").format(steps=config.steps)
              if trained is None or trained >= config.steps else
              (translate("TrainingView", "step {step} of {steps} (not finished)")
               if not diverged else
               translate("TrainingView", "step {step} of {steps} (every run diverged)")
               if mode == "inits" else
               translate("TrainingView", "step {step} of {steps} (it diverged)")
               ).format(step=trained, steps=config.steps),
              translate("TrainingView", "logged every step") if config.log_every == 1 else
              translate("TrainingView", "logged every {every} steps").format(
                  every=config.log_every)]
    training = " · ".join(parts)
    if shape is not None:   # the task's inputs, the config's layers, a linear output layer
        config = config.with_values(widths=(shape[0], *config.widths[1:], shape[1]))
    network = trained_network_text(config, inits=mode == "inits", output_layer=shape is not None)
    if mode == "inits":
        network = translate("TrainingView", "the lecture's four inits (zeros; γ too small: "
                                            "Xavier at gain {small}; γ too large: Xavier at gain "
                                            "{large}; Xavier); network: {network}").format(
            small=f"{INIT_GAINS['γ too small']:g}", large=f"{INIT_GAINS['γ too large']:g}",
            network=network)
    return translate("TrainingView", "{training}; {network}").format(training=training,
                                                                     network=network)


def readout_html(labels: tuple[str, ...], chunk, activation: str = "",
                 dropout: float = 0.0, said_first: str = "") -> str:
    """One line per run: a square in its colour, its name, `run_text` (of a network of
    `activation`, trained with `dropout`), its formulas kept whole (it had wrapped "σ(0) ="
    over "1/2"); first `said_first` where given (a status too long for its own line)."""
    colors = run_colors(len(labels))
    lines = [html.escape(said_first)] if said_first else []
    for i, label in enumerate(labels):
        run = chunk.runs[i] if chunk is not None and i < len(chunk.runs) else None
        lines.append(f'<span style="color:{colors[i]}">■</span> ' + translate(
            "TrainingView", "{name}: {text}").format(
                name=f"<b>{html.escape(run_name(label))}</b>",
                text=html.escape(kept_formulas(run_text(run, activation, dropout)))))
    return "<br>".join(lines)
