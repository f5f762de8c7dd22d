"""The guided lesson's live check of a step, and the `Step` it checks (no widgets).

Each `Step` (the steps themselves are in `gui.lesson_steps`) has a title, a text, a formula,
the config its "Set up this step" button loads (a dict for `SimConfig.from_dict`), and a
check: a few declarative conditions over the engine's verdict facts (`TrendCheck`, on
`engine.verdict`) and over the config (`SettingCheck`), plus a hint saying how to get there
when one fails.

A step's strings are English source text (marked in `gui.lesson_steps`); they are worded in
the window's language (`translate("Lesson", text)`) only when shown, never at import time.
Formulas use the `n_{t−1}`, `h^t` notation that `gui.typeset.rich` typesets. Numbers are read
from the verdict, never computed here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from engine.config import SimConfig
from engine.config_fields import APPLIES_ONLY, format_widths
from engine.shown import box_text
from engine.verdict import Verdict

from .i18n import translate
from . import texts
from .controls import field_label
from .texts import fmt
from .verdict_texts import made_by_parts, total_text, trend_kind_text

PASS, FAIL = "✓", "✗"

# The settings of a step said where the current config differs from them and no check of the
# step names them (a check that failed on gain 2 read "init Xavier ✓" beside a hint to choose
# Xavier): those of the network's variances, not the Monte Carlo's or the training's.
COMPARED = ("widths", "activation", "alpha", "beta", "negative_slope", "init", "variance",
            "mode", "distribution", "gain", "bias_std")
# The values shown in words, not as they are (the window's own words for them).
VALUE_NAMES = {"init": texts.RULE_NAMES, "distribution": texts.DISTRIBUTION_NAMES}


def signed(value: float) -> str:
    """``+0.408`` / ``−0.594``: `texts.fmt` with an explicit sign and a true minus."""
    text = fmt(value).replace("-", "−")
    return text if text.startswith("−") or value == 0 else "+" + text


def _rate_text(rate: float, bounded: bool) -> str:
    """A pass's slope as the readout says it, or to three significant digits where a bound
    judges it (−0.0101 against "at most −0.01" is not "−0.010")."""
    return signed(rate) if bounded else texts.signed_rate(rate)


def _value_text(key: str, value) -> str:
    if key == "activation":
        return texts.activation_name(value)
    if key == "widths":
        return format_widths(value)
    if isinstance(value, float):
        return fmt(value)
    table = VALUE_NAMES.get(key)
    return texts.word(table, value) if table else str(value)


# -- conditions ----------------------------------------------------------------------------------
# Each returns (holds, words): holds is True/False, or None for a number only reported.

@dataclass(frozen=True)
class TrendCheck:
    """The forward or backward trend: its kind is one of `kinds` (any, when empty) and its
    slope in decades per layer lies within [`at_least`, `at_most`] (bounds that are None do
    not apply). Without kinds or bounds it only reports the slope."""

    direction: str
    kinds: tuple[str, ...] = ()
    at_least: float | None = None
    at_most: float | None = None
    monte_carlo_only: bool = False   # the theory cannot show it (e.g. finite-width drift)

    def evaluate(self, config: SimConfig, found: Verdict) -> tuple[bool | None, str]:
        trend = found.forward if self.direction == "forward" else found.backward
        direction = texts.word(texts.DIRECTIONS, self.direction)
        # as the readout beside says it (a tour: "vanishing ✓" beside its "vanishing slowly")
        kind = trend_kind_text(trend)
        rate = trend.decades_per_layer
        bounded = self.at_least is not None or self.at_most is not None
        if rate is None:
            words = translate("Lesson", "{direction}: {kind}, no slope").format(
                direction=direction, kind=kind)
        elif bounded and not self.kinds:   # the slope is the point, not its kind
            words = translate("Lesson", "{direction} now {rate} decades/layer").format(
                direction=direction, rate=signed(rate))
        elif trend.settled_in is not None and self.direction == "forward":   # as the readout
            words = translate("Lesson", "{direction} now {total} decades within its first {k} "
                                        "layers, then level: {kind}").format(
                direction=direction, total=total_text(trend), k=trend.settled_in,
                kind=kind)   # (says it: sigmoid's signal)
        elif trend.made_by is not None:   # as the readout says it, each part's sign too
            words = translate("Lesson", "{direction} now {total} decades in all ({parts}): "
                                        "{kind}").format(
                direction=direction, total=total_text(trend), kind=kind,
                parts=made_by_parts(trend))
        elif trend.total_decades is not None and math.isfinite(trend.total_decades):
            # the kind is the total's (stable: within STABLE_DECADES over the net), so it is
            # said: a steeper rate read "stable" beside a gentler one "vanishing" (a tour)
            words = (translate("Lesson", "{direction} now {rate} decades/layer ({total} over "
                                         "{n} layer): {kind}") if trend.layers == 1 else
                     translate("Lesson", "{direction} now {rate} decades/layer ({total} over "
                                         "{n} layers): {kind}")).format(
                direction=direction, rate=_rate_text(rate, bounded), kind=kind,
                total=total_text(trend, beside_rate=True), n=trend.layers)
        else:
            words = translate("Lesson", "{direction} now {rate} decades/layer: {kind}").format(
                direction=direction, rate=_rate_text(rate, bounded), kind=kind)
        if not self.kinds and not bounded:
            return None, words
        if self.monte_carlo_only and found.source != "monte_carlo":
            return None, translate("Lesson", "{words} (the Monte Carlo will tell)").format(
                words=words)
        expected = []
        holds = True
        if self.kinds:
            holds = trend.kind in self.kinds
            expected.append(" / ".join(texts.word(texts.TREND_KINDS, k) for k in self.kinds))
        if self.at_least is not None:
            holds = holds and rate is not None and rate >= self.at_least
            expected.append(translate("Lesson", "at least {value}").format(
                value=signed(self.at_least)))
        if self.at_most is not None:
            holds = holds and rate is not None and rate <= self.at_most
            expected.append(translate("Lesson", "at most {value}").format(
                value=signed(self.at_most)))
        return holds, _marked(words, holds, ", ".join(expected), bounded)


@dataclass(frozen=True)
class SettingCheck:
    """A config field (a `SimConfig` attribute, e.g. "init" or "width"): one of `values`, or,
    for numbers, within [`at_least`, `at_most`]."""

    key: str
    values: tuple = ()
    at_least: float | None = None
    at_most: float | None = None

    def evaluate(self, config: SimConfig, found: Verdict) -> tuple[bool | None, str]:
        value = getattr(config, self.key)
        words = translate("Lesson", "{key} {value}").format(
            key=field_label(self.key), value=_value_text(self.key, value))
        holds = ((not self.values or value in self.values)
                 and (self.at_least is None or value >= self.at_least)
                 and (self.at_most is None or value <= self.at_most))
        expected = [" / ".join(_value_text(self.key, v) for v in self.values)] if self.values else []
        if self.at_least is not None:
            expected.append(translate("Lesson", "at least {value}").format(value=fmt(self.at_least)))
        if self.at_most is not None:
            expected.append(translate("Lesson", "at most {value}").format(value=fmt(self.at_most)))
        bounded = self.at_least is not None or self.at_most is not None
        return holds, _marked(words, holds, ", ".join(expected), bounded)


def _marked(words: str, holds: bool, expected: str, show_expected: bool) -> str:
    """`words` with ✓, or with ✗ and what was expected; a bound is shown even when met."""
    if holds and show_expected:
        return translate("Lesson", "{words} ({expected}) {mark}").format(
            words=words, expected=expected, mark=PASS)
    if holds:
        return f"{words} {PASS}"
    return translate("Lesson", "{words} {mark} (expected {expected})").format(
        words=words, mark=FAIL, expected=expected)


# -- steps ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One step of the lesson. `title`, `text` (paragraphs separated by blank lines), `formula`
    (one formula a line) and `hint` are untranslated source text."""

    title: str
    text: str
    formula: str
    config: dict
    checks: tuple = ()
    hint: str = ""
    compare: str = ""   # a step that trains: "Set up" opens the Training tab with this comparison
    tab: str = ""       # "activation" or "weights": "Set up" opens that tab, where its figure
    # is ("": the Network tab, the profile's)
    lecture_sigmas: bool = False   # … the Activation tab with the lecture's σ drawn beside
    layer: int = 0      # … at this layer (0: as it is)

    def sim_config(self) -> SimConfig:
        """The config of "Set up this step"."""
        return SimConfig.from_dict(self.config)


@dataclass(frozen=True)
class Outcome:
    """A step's check on one result: whether it holds, where the numbers came from and the
    words of each condition (each ends in ✓ or ✗, or is a number only reported)."""

    holds: bool
    source: str   # "monte_carlo" or "theory"
    lines: tuple[str, ...]
    differences: tuple[str, ...] = ()   # `differences`, when it does not hold


def evaluate(step: Step, config: SimConfig, found: Verdict) -> Outcome:
    """Check `step` against the verdict `found` on a result of `config`."""
    results = [condition.evaluate(config, found) for condition in step.checks]
    holds = all(ok is not False for ok, _ in results)
    return Outcome(holds, found.source, tuple(words for _, words in results),
                   () if holds else differences(step, config))


def differences(step: Step, config: SimConfig) -> tuple[str, ...]:
    """The step's settings (`COMPARED`) that `config` does not have and no check of the step
    names, e.g. ``gain 2 (the step: 1)``: those that apply to the step's config."""
    wanted = step.sim_config()
    checked = {c.key for c in step.checks if isinstance(c, SettingCheck)}
    if "width" in checked:
        checked.add("widths")
    found = []
    for key in COMPARED:
        applies = APPLIES_ONLY.get(key, (lambda c: True,))[0]
        values = [getattr(c, key) for c in (config, wanted)]
        if key in checked or not applies(wanted) or values[0] == values[1]:
            continue   # (the step's α only when it is linear)
        # numbers as their boxes show them (a tour read "(the step: 0.00391)" beside a box's
        # 0.00390625; a gain of 1.004 had read 1)
        ours, theirs = (box_text(v) if isinstance(v, float) else _value_text(key, v)
                        for v in values)
        if ours == theirs:   # (beyond six digits: a gain of 1.0000001)
            ours, theirs = map(repr, values)
        found.append(translate("Lesson", "{key} {value} (the step: {wanted})").format(
            key=field_label(key), value=ours, wanted=theirs))
    return tuple(found)


def outcome_text(step: Step, outcome: Outcome) -> str:
    """The check as shown: where the numbers come from, one line per condition, and the
    step's hint when something does not hold."""
    head = (translate("Lesson", "Live check (Monte Carlo):") if outcome.source == "monte_carlo"
            else translate("Lesson", "Live check (theory):"))
    lines = [head, *outcome.lines]
    if outcome.differences:
        lines.append(translate("Lesson", "Not as in this step: {settings}").format(
            settings=translate("Lesson", "; ").join(outcome.differences)))
    if not outcome.holds and step.hint and outcome.differences:
        # (the hint is the step's, whatever differs: a tour changed σ and the gain at step 5
        # and was told "init Xavier, with equal widths", which it had)
        lines.append(translate("Lesson", "To see it: the settings above as in this step "
                                         "(“Set up this step” sets them all); {hint}").format(
            hint=translate("Lesson", step.hint)))
    elif not outcome.holds and step.hint:
        lines.append(translate("Lesson", "To see it: {hint}").format(
            hint=translate("Lesson", step.hint)))
    return "\n".join(lines)
