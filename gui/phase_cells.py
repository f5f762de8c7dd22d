"""Where the phase diagram's cells go and what colour they get: the grid's rectangle in the
view's coordinates (log10 σ_w² on a log axis) and the colour levels of log10 χ₁ and log10 ξ_c;
where the names of its phases and of its critical line go; which parts of that line are drawn
dashed, where it is a jump of χ₁ over 1; and the dotted edge where the fixed point q* ends."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF

from .heatmap import span_of

# log10 χ₁ is small near the line, where it matters, and large far into the ordered phase: the
# colours span three quarters of the cells and saturate beyond.
SPAN_PERCENTILE = 75
_SMALL_SPANS = (0.1, 0.2, 0.3, 0.5)
XI_PERCENTILE = 95   # ξ_c's colours span its finite cells up to this percentile


def grid_rect(x: np.ndarray, y: np.ndarray) -> QRectF:
    """The cells of an evenly spaced grid of points in view coordinates (each point a cell's
    centre)."""
    dx = (x[-1] - x[0]) / (len(x) - 1)
    dy = (y[-1] - y[0]) / (len(y) - 1)
    return QRectF(x[0] - dx / 2, y[0] - dy / 2, dx * len(x), dy * len(y))


def view_x(sigma_w2, log: bool):
    """σ_w² in the view's coordinates: log10 σ_w² on a log axis (NaN for σ_w² ≤ 0)."""
    if not log:
        return sigma_w2
    with np.errstate(divide="ignore", invalid="ignore"):
        x = np.log10(np.asarray(sigma_w2, dtype=float))
    return np.where(np.isfinite(x), x, np.nan)


def color_span(data: np.ndarray) -> float:
    """A round colour half-range for log10 χ₁: 0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10, …"""
    return span_of(data, SPAN_PERCENTILE, _SMALL_SPANS)


def xi_c_colours(xi_c: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """log10 ξ_c to colour, and its levels: whole decades around the finite cells (to their
    95th percentile: near the line ξ_c runs to 10⁸), ∞ on the line at the top colour, NaN
    (no fixed point q*) left out."""
    with np.errstate(divide="ignore"):
        data = np.log10(xi_c)
    finite = data[np.isfinite(data)]
    lo = math.floor(float(finite.min())) if finite.size else 0.0
    hi = math.ceil(float(np.percentile(finite, XI_PERCENTILE))) if finite.size else 1.0
    hi = max(hi, lo + 1.0)
    return np.where(np.isnan(data), np.nan, np.clip(data, lo, hi)), (lo, hi)


def name_places(rect: QRectF, critical_x: np.ndarray, sigma_b2: np.ndarray,
                edge_x: np.ndarray | None = None) -> list[tuple]:
    """(x, y, share of the width) of the ordered phase's name, the other phase's, the line's,
    and that of the cells beyond the fixed point's dotted edge (`edge_x`, per row: NaN where
    none), in view coordinates: each phase's in its middle, at mid-height (the line at the
    middle row parts them); the line's beside it near the top. Shares are 0 where the line
    (or the edge) does not cross the view."""
    middle, high = float(critical_x[len(critical_x) // 2]), _name_row(critical_x)
    inside = bool(math.isfinite(middle) and rect.left() < middle < rect.right()
                  and math.isfinite(critical_x[high]))
    edge = math.nan if edge_x is None else float(edge_x[len(edge_x) // 2])
    parted = inside and math.isfinite(edge) and middle < edge < rect.right()
    end = edge if parted else rect.right()
    y = rect.top() + 0.5 * rect.height()
    shares = ([(middle - rect.left()) / rect.width(), (end - middle) / rect.width(), 1.0,
               (rect.right() - edge) / rect.width() if parted else 0.0]
              if inside else [0.0] * 4)
    positions = [((rect.left() + middle) / 2, y), ((middle + end) / 2, y),
                 (float(critical_x[high]), float(sigma_b2[high])), ((end + rect.right()) / 2, y)]
    return [(x, yy, share) for (x, yy), share in zip(positions, shares)]


def _name_row(critical_x: np.ndarray) -> int:
    """The row beside which the line's name sits, near the top."""
    return int(0.85 * (len(critical_x) - 1))


def line_name_left(critical_x: np.ndarray, edge_x: np.ndarray, width: float) -> bool:
    """Whether the line's name goes left of the line: where the fixed point's dotted edge runs
    within the name's `width` right of it (a visual check: the dots struck "χ₁ = 1" through,
    on selu's log axis and elu's diagram in a 1024-pixel window)."""
    row = _name_row(critical_x)
    gap = float(edge_x[row]) - float(critical_x[row])
    return math.isfinite(gap) and 0.0 <= gap <= width


def edge_line(edge_x: np.ndarray, sigma_b2: np.ndarray, rect: QRectF) -> tuple:
    """The fixed point's dotted edge through the rows' centres (NaN where a row has none),
    drawn on to the grid's top and bottom edges; nothing where no row has one."""
    if not np.isfinite(edge_x).any():
        return np.array([]), np.array([])
    x = np.concatenate([edge_x[:1], edge_x, edge_x[-1:]])
    y = np.concatenate([[rect.top()], sigma_b2, [rect.bottom()]])
    return x, y


def line_parts(x: np.ndarray, jumps: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The line's x drawn solid and dashed (NaN elsewhere): dashed at its jumps of χ₁ over 1
    (`PhaseDiagram.line_jumps`), reaching the solid points beside them."""
    jumps = np.zeros(np.shape(x), bool) if jumps is None else jumps
    dashed = jumps.copy()
    dashed[1:] |= jumps[:-1]
    dashed[:-1] |= jumps[1:]
    return np.where(jumps, np.nan, x), np.where(dashed, x, np.nan)


def jump_bound(jumps: np.ndarray | None, sigma_b2: np.ndarray) -> tuple[float | None, bool]:
    """The σ_b² below which the line is a jump of χ₁ over 1, where its dashes end (None:
    nowhere; a visual check: "≤ 0.15" beside dashes to 0.158, the first point that crosses),
    and whether all of it is."""
    if jumps is None or not jumps.any():
        return None, False
    if jumps.all():
        return float(sigma_b2.max()), True
    crossing = sigma_b2[~jumps & (sigma_b2 > sigma_b2[jumps].max())]
    return float(crossing.min() if crossing.size else sigma_b2[jumps].max()), False
