"""A setting named in words: the readout's setting line, and the legends' shorter names of a
pinned run (in the window's language, from `gui.texts`' names and formats)."""

from __future__ import annotations

from engine.config import SimConfig
from engine.config_fields import format_widths

from .texts import (RULE_NAMES, activation_name, distribution_name, power_form, translate,
                    word)



def setting_number(value: float) -> str:
    """A setting's number as typed, to six digits ("%g"), with a power of ten where "%g" writes
    e-notation: gain 10⁶ and 2.5·10⁻⁵, not 1e+06 (a teacher's tour, in Chinese), and a true
    minus: α = −1.5."""
    return power_form(f"{value:g}").replace("-", "−")

def config_text(config: SimConfig) -> str:
    """One line naming the setting, e.g. ``tanh · Xavier normal · gain 1 · depth 50 …``."""
    # the draws, where there are several: the profile's median is of them
    draws = ([translate("texts", "{trials} draws").format(trials=config.trials)]
             if config.trials > 1 else [])
    return " · ".join(_network(config, [translate("texts", "batch {batch}").format(
        batch=config.batch), *draws]))


def _network(config: SimConfig, monte_carlo=(), rule: bool = True,
             output_layer: bool = False) -> list[str]:
    """The setting's parts: activation, rule and gain (unless not `rule`), bias, depth and
    widths, then `monte_carlo`'s (batch, draws) and the seed."""
    rules = [_rule(config), _gain(config)] if rule else []
    depth = (translate("texts", "depth {depth} + a linear output layer").format(
                 depth=config.depth - 1) if output_layer else _depth(config))
    return [_activation(config), *rules, _bias(config), depth, _widths(config),
            *monte_carlo, translate("texts", "seed {seed}").format(seed=config.seed)]


def one_network_text(config: SimConfig) -> str:
    """One network's whole setting, without a Monte Carlo's batch and draws (the spectrum's),
    e.g. ``tanh · Xavier normal · gain 1 · bias std 0 · depth 50 · width 256 · seed 0``."""
    return " · ".join(_network(config))


def trained_network_text(config: SimConfig, inits: bool = False,
                         output_layer: bool = False) -> str:
    """The network the Training tab trains (no Monte Carlo batch), e.g. ``tanh · Xavier normal
    · gain 1 · bias std 0 · depth 50 · widths 2, 256x49, 2 · seed 0``; with `inits` (the
    lecture's four inits set the rule and the gain) without its rule and gain; with
    `output_layer` (its last layer is the task's linear read-out, beyond the config's depth)
    ``depth 49 + a linear output layer``."""
    return " · ".join(_network(config, rule=not inits, output_layer=output_layer))


def _activation(config: SimConfig) -> str:
    act = activation_name(config.activation)
    if config.activation == "linear":   # (worded: Chinese brackets are full-width, a review)
        return translate("texts", "{activation} (α = {alpha}, β = {beta})").format(
            activation=act, alpha=setting_number(config.alpha), beta=setting_number(config.beta))
    if config.activation == "leaky_relu":
        return translate("texts", "{activation} (slope {slope})").format(
            activation=act, slope=setting_number(config.negative_slope))
    return act


def _rule_with_fan(config: SimConfig, always: bool = True) -> str:
    """The init rule's name with He's or LeCun's fan (only when not fan_in unless `always`)."""
    rule = word(RULE_NAMES, config.init)
    if config.init in ("he", "lecun") and (always or config.mode != "fan_in"):
        rule = translate("texts", "{rule} ({mode})").format(rule=rule, mode=config.mode)
    return rule


def _rule(config: SimConfig) -> str:
    rule = _rule_with_fan(config)
    if config.init == "zeros":   # every weight 0: no distribution to name (a teacher's tour)
        return rule
    if config.init == "constant":
        rule = translate("texts", "constant γ = {variance}").format(
            variance=setting_number(config.variance))
    if config.init == "constant":   # "constant γ = 0.001 normal" read as one name
        return translate("texts", "{rule}, {distribution}").format(
            rule=rule, distribution=distribution_name(config.distribution))
    return translate("texts", "{rule} {distribution}").format(
        rule=rule, distribution=distribution_name(config.distribution))


def network_text(config: SimConfig) -> str:
    """The setting without its gain, batch and draws (a sweep over the gain names its network
    so), e.g. ``tanh · Xavier normal · bias std 0 · depth 50 · width 256 · seed 0``."""
    return " · ".join([_activation(config), _rule(config), _bias(config), _depth(config),
                       _widths(config), translate("texts", "seed {seed}").format(seed=config.seed)])


def _gain(config: SimConfig) -> str:
    return translate("texts", "gain {gain}").format(gain=setting_number(config.gain))


def _bias(config: SimConfig) -> str:
    return translate("texts", "bias std {bias_std}").format(
        bias_std=setting_number(config.bias_std))


def _depth(config: SimConfig) -> str:
    return translate("texts", "depth {depth}").format(depth=config.depth)


def _widths(config: SimConfig) -> str:
    if config.uniform_widths:
        return translate("texts", "width {width}").format(width=config.width)
    return translate("texts", "widths {widths}").format(widths=format_widths(config.widths))


def brief_config_text(config: SimConfig) -> str:
    """The shortest name of a setting, for a legend with little room: what the lecture turns,
    e.g. ``relu · He · gain 1`` (the distribution and He's or LeCun's fan only when they are
    not the defaults; an affine σ's α and β, a leaky relu's slope: two pinned affine presets
    had read alike, a student's tour)."""
    rule = _rule_with_fan(config, always=False)
    if config.init == "constant":
        rule = f"γ = {setting_number(config.variance)}"
    if config.distribution != "normal" and config.init != "zeros":
        rule = translate("texts", "{rule} {distribution}").format(
            rule=rule, distribution=distribution_name(config.distribution))
    return " · ".join([_activation(config), rule, _gain(config)])


def short_config_text(config: SimConfig) -> str:
    """A short name of a setting for a legend, e.g. ``relu · He · gain 1 · depth 50 · width 256``
    (the distribution, bias and trials only when they are not the defaults)."""
    parts = [brief_config_text(config)]
    if config.bias_std:
        parts.append(_bias(config))
    parts += [_depth(config), _widths(config)]
    if config.trials > 1:
        parts.append(translate("texts", "{trials} trials").format(trials=config.trials))
    return " · ".join(parts)
