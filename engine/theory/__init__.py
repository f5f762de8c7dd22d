"""Mean-field theory of a deep MLP at initialization: Gaussian expectations, the variance
recursions, χ₁, fixed points and depth scales (Poole et al. 2016, Schoenholz et al. 2017).

Everything is array code over rows (configs, grid points, bias variances); the scalar entry
points (`mean_field`, `gaussian_moments`, `critical_weight_variance` of a float) call it with
one row.

* `gaussian` — E[σ], E[σ²], Var σ, E[σ'²] and dE[σ²]/dq at q = exp(log q): closed forms, the
  Taylor series at tiny q (`series`), a kink- and scale-aware quadrature (`rules`), the limits
  at huge q;
* `roots` — bracketing, then Brent's or Newton's method, on many rows at once;
* `fixed_points` — q*, χ₁*, ξ_q, ξ_c and the order–chaos line (Schoenholz et al. 2017,
  eqs. 6–9);
* `correlation` — the correlation map and its fixed point c* in the chaotic phase
  (Poole et al. 2016, eqs. 4–5);
* `recursion` — the per-layer recursion of many configs (`mean_fields`) into `Theory`, and
  the growth of the gradient's squared norm over a network (`jacobian_log_growth`) and the
  spread of the Jacobian's singular values (`jacobian_spread`, free probability);
* `free_products` — the law of the squared singular values of a product of L random
  matrices, masked or not, at infinite width (a linear or relu network's Jacobian);
* `typical` — the typical run: E log of one input's squared norm per layer, forward and
  backward, at finite width (exact for zero bias, normal weights, linear / relu / leaky relu).

Pure numpy; no Qt.
"""

from .correlation import correlation_fixed_points, correlation_map
from .fixed_points import (FixedPoints, critical_weight_variance, depth_scales, jumps_over_one,
                           log_chi1_limits, log_fixed_points)
from .gaussian import (LOG_Q_HUGE, LOG_Q_TINY, GaussianExpectations, LogMoments, Moments,
                       gaussian_moments)
from .recursion import (Theory, hidden_layers, jacobian_log_growth, jacobian_spread, mean_field,
                        mean_fields)
from .typical import unavailable as typical_unavailable

__all__ = [
    "LOG_Q_HUGE", "LOG_Q_TINY", "FixedPoints", "GaussianExpectations", "LogMoments", "Moments",
    "Theory", "correlation_fixed_points", "correlation_map", "critical_weight_variance",
    "depth_scales", "gaussian_moments", "hidden_layers", "jacobian_log_growth", "jacobian_spread",
    "jumps_over_one",
    "log_chi1_limits", "log_fixed_points", "mean_field", "mean_fields", "typical_unavailable",
]
