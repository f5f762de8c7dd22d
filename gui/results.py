"""The engine's theory of a config and the joining of a Monte Carlo result to it: one place
each, for the dashboard and the analysis tabs."""

from __future__ import annotations

import dataclasses
import functools

import engine

THEORIES_KEPT = 32


@functools.lru_cache(maxsize=THEORIES_KEPT)
def _mean_field(config: engine.SimConfig) -> engine.Theory:
    return engine.mean_field(config)


def theory_of(config: engine.SimConfig) -> engine.SimResult:
    """The theory-only result of `config`. Theory does not depend on batch, seed or trials:
    the recent theories are kept by config without them, so a preview finds its config's."""
    return engine.SimResult(config, theory=_mean_field(config.with_values(batch=1, seed=0,
                                                                          trials=1)))


def join(monte_carlo: engine.SimResult, theory: engine.SimResult) -> engine.SimResult:
    """A Monte Carlo result (run without theory) together with the theory of its config."""
    return dataclasses.replace(monte_carlo, theory=theory.theory)


def monte_carlo_seconds(result: engine.SimResult) -> float:
    return result.monte_carlo.elapsed_seconds
