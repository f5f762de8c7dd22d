"""The words of a pass's stop, where its values end (overflow, underflow, exactly zero variance,
one value): a marker's label in its long and short forms (context "texts"), and where the
stretch without values ends when they come back after it."""

from __future__ import annotations

import numpy as np

from engine.result import Invalid

from .texts import DIRECTIONS, INVALID_REASONS, translate, word


def invalid_text(direction: str, invalid: Invalid, until: int | None = None) -> str:
    """A marker's label, e.g. ``forward overflow from t = 37`` (`until`: `invalid_forms`')."""
    return invalid_forms(direction, invalid, until=until)[0]


def invalid_forms(direction: str, invalid: Invalid, directed: bool = False,
                  until: int | None = None) -> tuple[str, ...]:
    """A marker's label, then shorter and shorter forms for less room: ``forward overflow
    from t = 37``, ``overflow from t = 37``, ``t = 37``; `directed` (beside the other pass's
    marker, where two labels without their pass's name would read alike): ``forward from
    t = 37`` (``forward at t = 4`` for one value) in the middle. `until`: the stretch's other
    end where the pass's values come back after it, ``exactly zero variance at t = 1 … 300``
    (selu with zero weights and width-1 layers: "from t = 1" beside a layer 301 of 11 decades,
    a tour)."""
    forms = _invalid_forms(direction, invalid, until)
    if not directed:
        return forms
    at = invalid.kind == "one value" or until is not None
    middle = (translate("texts", "{direction} at t = {layer}") if at
              else translate("texts", "{direction} from t = {layer}"))
    return (forms[0], middle.format(direction=word(DIRECTIONS, direction),
                                    layer=_stretch(invalid.layer, until)), forms[-1])


def _stretch(layer: int, until: int | None) -> str:
    """``4``, or ``1 … 300`` from the lower layer to the higher, never parted by a line break."""
    if until is None or until == layer:
        return str(layer)
    # (no-break spaces: a hover had "6)" alone on its second line)
    return f"{min(layer, until)}\u00a0…\u00a0{max(layer, until)}"


def _invalid_forms(direction: str, invalid: Invalid, until: int | None) -> tuple[str, ...]:
    reason = invalid.kind
    if reason == "undefined":
        return (translate("texts", "{direction} undefined (the forward pass overflowed)").format(
            direction=word(DIRECTIONS, direction)), word(INVALID_REASONS, reason),
            f"t = {invalid.layer}")
    if reason == "one value":   # at that layer only: a later, wider one has a variance
        return (translate("texts", "{direction} one value at t = {layer}").format(
                    direction=word(DIRECTIONS, direction), layer=invalid.layer),
                translate("texts", "one value at t = {layer}").format(layer=invalid.layer),
                f"t = {invalid.layer}")
    reason = word(INVALID_REASONS, reason)
    if until is not None:   # the pass's values come back after these layers
        layers = _stretch(invalid.layer, until)
        return (translate("texts", "{direction} {reason} at t = {layers}").format(
                    direction=word(DIRECTIONS, direction), reason=reason, layers=layers),
                translate("texts", "{reason} at t = {layers}").format(reason=reason,
                                                                     layers=layers),
                f"t = {layers}")
    return (translate("texts", "{direction} {reason} from t = {layer}").format(
                direction=word(DIRECTIONS, direction), reason=reason, layer=invalid.layer),
            translate("texts", "{reason} from t = {layer}").format(reason=reason,
                                                                   layer=invalid.layer),
            f"t = {invalid.layer}")


def stretch_end(stop, values, direction: str) -> int | None:
    """Where a pass's stretch without values that begins at `stop` (an `Invalid`) ends, when
    the line has values after it (in the pass's order: later layers forward, earlier ones
    backward); None when it has none, or for a layer of one value or an undefined pass."""
    if stop is None or stop.kind in ("one value", "undefined"):
        return None
    finite = np.isfinite(np.asarray(values, dtype=float))
    if direction == "forward":
        after = np.flatnonzero(finite[stop.layer + 1:])
        return stop.layer + int(after[0]) if after.size else None
    before = np.flatnonzero(finite[:stop.layer])
    return int(before[-1]) + 1 if before.size else None
