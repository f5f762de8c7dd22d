"""InitLab's simulation engine: pure numpy, no Qt anywhere below this package.

Public entry points: `SimConfig` (validated config, `ConfigError` on bad input), `simulate`
(Monte Carlo + theory → `SimResult`), `theory_result` (the mean-field part alone, instant),
`with_theory` (adds the mean-field part to a result run without it), `DrawCache` (reuse
random draws across configs that differ only in scalars), `Cancelled`.
"""

from .config import ConfigError, SimConfig, format_widths, parse_widths
from .draws import DrawCache
from .propagate import Cancelled
from .result import SimResult
from .simulation import simulate, theory_result, with_theory

__all__ = [
    "Cancelled", "ConfigError", "DrawCache", "SimConfig", "SimResult", "format_widths",
    "parse_widths", "simulate", "theory_result", "with_theory",
]
