"""InitLab's simulation engine: pure numpy, no Qt anywhere below this package.

Public entry points: `SimConfig` (validated config, `ConfigError` on bad input),
`monte_carlo` (the Monte Carlo statistics of a config), `mean_field` (its mean-field theory,
instant), `simulate` (both, as a `SimResult`), `DrawCache` (reuse random draws across configs
that differ only in scalars), `Cancelled`.
"""

from .config import SimConfig
from .config_fields import ConfigError, format_widths, parse_widths
from .draws import DrawCache
from .progress import Cancelled
from .result import MonteCarlo, SimResult
from .simulation import monte_carlo, simulate
from .theory import Theory, mean_field

__all__ = [
    "Cancelled", "ConfigError", "DrawCache", "MonteCarlo", "SimConfig", "SimResult", "Theory",
    "format_widths", "mean_field", "monte_carlo", "parse_widths", "simulate",
]
