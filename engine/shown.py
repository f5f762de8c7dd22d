"""How a value, a file or a name is written in a message: cut short (`show_value`,
`show_path`), quoted as typed (`quoted_path`; a number beyond float's range or below its
least, or with grouped digits, as written: `WrittenFloat`), named in JSON's words
(`json_kind`), and the name a typo most likely meant (`closest`)."""

from __future__ import annotations

import difflib
import json
import math
import re
from typing import Any

SHOWN_CHARS = 60


# Digits grouped by points in threes ("10.000"): ten thousand where the point groups digits
# (German, Italian, Spanish…), ten where it is a decimal point, as here (a locale tour: steps
# "10.000" trained 10 steps, unsaid)
GROUPED_DIGITS = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


class WrittenFloat(float):
    """A number that a message quotes as it was written: one beyond float's range (1e400),
    read as ±inf ("got inf" had answered `--set gain=1e400`), one below its least (1e-400),
    read as 0 ("got 0"), or digits grouped as `GROUPED_DIGITS`, which a whole-number field
    refuses ("1.000.000", which float() cannot read, is 1000000)."""

    def __new__(cls, text: str, value: float | None = None):
        number = super().__new__(cls, text if value is None else value)
        number.text = text
        return number

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def read_float(text: str) -> float:
    """`text` as a float; one beyond float's range or below its least, or grouped digits,
    keeps its text (`WrittenFloat`)."""
    if GROUPED_DIGITS.fullmatch(text):
        return WrittenFloat(text, float(text.replace(".", "")) if text.count(".") > 1 else None)
    number = float(text)
    lost = number == 0.0 and re.search(r"[1-9]", text.lower().partition("e")[0])
    return WrittenFloat(text) if math.isinf(number) or lost else number


def short_exponent(text: str) -> str:
    """A number's text with its exponent as people write it, ``1e+06`` → ``1e6``,
    ``2.5e-07`` → ``2.5e-7`` (as the limits are written); other text unchanged."""
    mantissa, e, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent)}" if e else text


def limit_text(value: float) -> str:
    """A float as `--help` writes a limit: 0.5, 1e-6, 1e6 (not 1e-06, 1e+06); exactly (a value
    just over a limit is not written as the limit: 10.000001, not 10)."""
    text = f"{value:g}"
    return short_exponent(text if float(text) == value else repr(value))


def box_text(value: float) -> str:
    """A number as the window's number boxes show it: six significant digits, a short exponent
    (0.00390625, 1.12202, 1e-5)."""
    return short_exponent(f"{value:.6g}")


def grouped(value) -> bool:
    """`value` was written as digits grouped by points (`GROUPED_DIGITS`)."""
    return isinstance(value, WrittenFloat) and bool(GROUPED_DIGITS.fullmatch(value.text))


def only_grouped(value) -> bool:
    """`value` was written as digits grouped by more than one point ("1.000.000"), which
    cannot be a decimal."""
    return grouped(value) and value.text.count(".") > 1


def underflowed(value) -> bool:
    """`value` was written as a number other than 0 below float's least (1e-400)."""
    return isinstance(value, WrittenFloat) and value == 0.0


def whole_float(value) -> bool:
    """`value` is a float whose value is a whole number as written (1e-400, read as 0, is
    not)."""
    return isinstance(value, float) and value.is_integer() and not underflowed(value)


def json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words (Python's "list", "NoneType" had shown)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def show_value(value: Any) -> str:
    """A value quoted in a message: at most ~SHOWN_CHARS characters, whatever it is."""
    if isinstance(value, int) and not isinstance(value, bool) \
            and abs(value) >= 10**SHOWN_CHARS:
        # repr of a huge int is slow, and refused beyond 4300 digits; its digits counted from
        # its bits (log10 of 10⁴⁰⁰ − 1 rounds to 400: it had read "401+ digits")
        digits = int((abs(value).bit_length() - 1) * math.log10(2)) + 1
        if abs(value) >= 10**digits:
            digits += 1
        return f"a {'negative ' if value < 0 else ''}whole number of {digits:,} digits"
    if isinstance(value, str) and len(value) > 4 * SHOWN_CHARS:
        value = value[: 4 * SHOWN_CHARS]
    if value is None or isinstance(value, bool):   # as the JSON wrote it (a file, --set)
        return {None: "null", True: "true", False: "false"}[value]
    try:   # an object or array as JSON writes it ({"a": 1}, not Python's {'a': 1}: a tour)
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) \
            else repr(value)
    except (ValueError, TypeError, RecursionError):
        text = f"a {type(value).__name__}"
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 3] + "..."


def show_path(path) -> str:
    """A file or folder named in a message: its end, where the name is, if it is long."""
    text = str(path)
    return text if len(text) <= 80 else "…" + text[-79:]


def quoted_path(path) -> str:
    """`show_path` in quotes, as typed: a Windows path's backslashes are not doubled as
    repr doubles them (a review: 'C:\\Users\\…'); only what cannot be printed is escaped."""
    text = show_path(path)
    return f"'{text if text.isprintable() else repr(text)[1:-1]}'"


def closest(text: str, names) -> str | None:
    """The one of `names` that `text` most likely meant: the same but for case, else the
    nearest close one (difflib's ratio ≥ 0.75: "dept" → depth), else None."""
    lowered = {name.lower(): name for name in names}
    found = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.75)
    return lowered.get(text.lower()) or (lowered[found[0]] if found else None)
