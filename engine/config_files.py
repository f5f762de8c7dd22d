"""Config text and files, read with care: JSON text (`loads_config`), a config file
(`read_config_file`, regular files of at most `MAX_CONFIG_BYTES` only, or the settings an
exported PNG or PDF holds; `config_from_file` validates it, for the window and the command
line alike, and `file_settings` with what a figure or statistics file records beside it:
the Training tab's comparison, the Sweep tab's gains) and the command line's ``KEY=VALUE``
(`parse_assignment`); every problem is a `ConfigError`, never a traceback.
"""

from __future__ import annotations

import html
import json
import os
import re
import stat
import struct
import zlib
from pathlib import Path
from typing import Any

from .config import SimConfig
from .config_fields import FIELDS, ConfigError, half_width
from .shown import (GROUPED_DIGITS, SHOWN_CHARS, json_kind, only_grouped, quoted_path,
                    read_float, show_value)

MAX_CONFIG_BYTES = 1 << 20
COMPARE = ("single", "inits")   # the Training tab's comparisons: one network, the four inits
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"   # a PNG's last chunk and its CRC
# an exported PDF's XMP description: the config as JSON, its XML escaped
_XMP_DESCRIPTION = re.compile(rb"<dc:description>\s*<rdf:Alt>\s*<rdf:li[^>]*>(.*?)</rdf:li>",
                              re.S)


def loads_config(text: str, name: str = "config") -> Any:
    """JSON text → data, or ConfigError("config", …) naming `name` and what is wrong.

    A UTF-8 byte-order mark is allowed; a key given twice in one object is an error (JSON
    itself would keep the last one silently); numbers too long or nesting too deep for Python's
    parser are errors, not tracebacks."""
    try:
        return json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicates(name),
                          parse_float=read_float)
    except json.JSONDecodeError as exc:
        raise ConfigError.of("config", "{name} is not valid JSON ({message} at line {line}, column "
                              "{column})", name=name, message=exc.msg.removesuffix(" at"),
                    line=exc.lineno, column=exc.colno) from None   # ("control character at")
    except ConfigError:
        raise
    except RecursionError:
        raise ConfigError.of("config", "{name} is nested too deeply to read", name=name) from None
    except ValueError:   # Python reads no integer of more than 4300 digits
        raise ConfigError.of("config", "{name} holds a number too long to read", name=name) from None


def _no_duplicates(name: str):
    """JSON's object hook that refuses a key given twice in one object of `name`."""
    def objects(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                raise ConfigError.of(key[:SHOWN_CHARS] or '""', "is given twice in {name}",
                                     name=name)
            seen[key] = value
        return seen
    return objects


# A training's comparison, as its statistics write it right after their "config"
_COMPARE_BESIDE = re.compile(r'\s*,\s*"compare"\s*:\s*"([a-z]{1,20})"')


def _leading_config(raw: bytes, name: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The "config" object that opens a statistics file, read from the file's first bytes
    `raw` alone (None if the file does not open with one): a training's history, or a deep
    network's statistics, is larger than any config file (3.8 MB at the defaults); and its
    "compare" beside it (`_read`'s second object) where it follows."""
    text = raw.decode("utf-8", errors="ignore").removeprefix("\ufeff").lstrip()
    decoder = json.JSONDecoder(object_pairs_hook=_no_duplicates(name), parse_float=read_float)
    if not text.startswith("{"):
        return None
    rest = text[1:].lstrip()
    if not rest.startswith('"config"'):
        return None
    rest = rest[len('"config"'):].lstrip()
    if not rest.startswith(":"):
        return None
    rest = rest[1:].lstrip()
    try:
        config, end = decoder.raw_decode(rest)
    except ConfigError:   # a key given twice
        raise
    except (ValueError, RecursionError):   # (a JSONDecodeError too: cut or not JSON)
        return None
    beside = _COMPARE_BESIDE.match(rest, end)
    return (config, {"compare": beside.group(1)} if beside else {}) \
        if isinstance(config, dict) else None


def _figure_config(raw: bytes, name: str) -> bytes | None:
    """The config JSON an exported figure holds (its first bytes `raw`: InitLab writes it
    before the image): a PNG's "Description" text, a PDF's XMP description; None for a file
    that is neither; ConfigError for a PNG or PDF without one (not InitLab's figure). A figure
    on a slide is often all that is left of a run (a researcher's tour: File ▸ Open called
    its own export "not a text file")."""
    if raw.startswith(PNG_SIGNATURE):
        text = _png_text(raw, b"Description")
        if text is not None and len(text) > MAX_CONFIG_BYTES:   # (unpacked: a zlib bomb)
            raise ConfigError.of("config", "the settings in {name} hold more than {most} bytes, "
                                           "a config file's most", name=name,
                                 most=f"{MAX_CONFIG_BYTES:,}")
    elif raw.startswith(b"%PDF"):
        found = _XMP_DESCRIPTION.search(raw)
        text = html.unescape(found.group(1).decode("utf-8", errors="replace")) if found else None
    else:
        return None
    # a PNG read whole that lacks its end chunk (a CLI tour: one cut at 300 bytes was called
    # "a PNG without the settings InitLab writes")
    if text is None and raw.startswith(PNG_SIGNATURE) and len(raw) < MAX_CONFIG_BYTES \
            and not raw.endswith(PNG_END):
        raise ConfigError.of("config", "{name} is a PNG cut short (its end is missing: not "
                                       "copied or downloaded whole?)", name=name)
    if text is None or not text.lstrip().startswith("{"):
        raise ConfigError.of("config", "{name} is a {kind} without the settings InitLab writes "
                                       "into the figures it exports", name=name,
                             kind="PNG" if raw.startswith(PNG_SIGNATURE) else "PDF")
    return text.encode("utf-8")


def _png_text(raw: bytes, keyword: bytes) -> str | None:
    """The PNG text chunk `keyword` (tEXt, zTXt or iTXt) among the chunks in `raw`, a
    compressed one unpacked to one byte beyond MAX_CONFIG_BYTES at most."""
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(raw):
        size, kind = struct.unpack(">I4s", raw[at:at + 8])
        body = raw[at + 8:at + 8 + size]
        at += 12 + size
        if kind == b"IDAT" or len(body) < size:   # (text comes before the image's data)
            return None
        key, _, rest = body.partition(b"\0")
        if key != keyword:
            continue
        try:
            if kind == b"tEXt":
                return rest.decode("latin-1")
            if kind == b"zTXt":
                return _unpacked(rest[1:]).decode("latin-1")
            if kind == b"iTXt":   # compressed flag, method, language, translated keyword
                flag, text = rest[0], rest[2:].split(b"\0", 2)[2]
                return (_unpacked(text) if flag else text).decode("utf-8")
        except (zlib.error, UnicodeDecodeError, IndexError):
            return None
    return None


def _unpacked(data: bytes) -> bytes:
    """zlib `data` unpacked to one byte beyond MAX_CONFIG_BYTES at most."""
    return zlib.decompressobj().decompress(data, MAX_CONFIG_BYTES + 1)


def config_from_file(path) -> SimConfig:
    """The config in the file `path`, validated; a value of it that is refused names the file
    ("depth: must be between 1 and 10000, got 0 (in 'c3.json')"), in the window as on the
    command line (the window had said "c3.json: depth: …")."""
    return _validated(read_config_file(path), path)


def file_settings(path) -> tuple[SimConfig, dict[str, Any]]:
    """`config_from_file`, and what a figure or statistics file records beside the config of
    the tab it shows: "compare", the Training tab's comparison (checked), and "sweep", the
    Sweep tab's gains and view as its fields keep them ({"from", "to", "values", "show"}: its
    reader checks them), each only where present (a practitioner's tour: a sweep's figure
    had opened, and redrawn, as the default 41 gains)."""
    data, beside = _read(path)
    recorded = {key: beside[key] for key in ("compare", "sweep") if key in beside}
    compare = recorded.get("compare")
    if compare is not None and compare not in COMPARE:
        raise _in_file(ConfigError.of("compare", "must be one of {choices}, got {shown}",
                                      choices=", ".join(COMPARE), shown=show_value(compare)),
                       path)
    return _validated(data, path), recorded


def _validated(data: dict[str, Any], path) -> SimConfig:
    try:
        return SimConfig.from_dict(data)
    except ConfigError as exc:
        if exc.key == "config" or "name" in exc.values:   # (the file named already)
            raise
        raise _in_file(exc, path) from None


def _in_file(exc: ConfigError, path) -> ConfigError:
    """`exc`, a value of the file `path` refused, naming the file."""
    name = quoted_path(path)
    return ConfigError(exc.key, f"{exc.reason} (in {name})", "{reason} (in {name})",
                       {"reason": exc, "name": name})


def read_config_file(path) -> dict[str, Any]:
    """The JSON object in the file `path` (in a statistics file, its "config"), or
    ConfigError("config", what is wrong with it)."""
    return _read(path)[0]


def _read(path) -> tuple[dict[str, Any], dict[str, Any]]:
    """`read_config_file`'s object, and the statistics file's or figure's object that holds
    it as its "config" ({} for a config file).

    Only regular files are read (a named pipe would block), and of a file larger than
    MAX_CONFIG_BYTES only its first MAX_CONFIG_BYTES, which must open with the "config" of a
    statistics file (a huge file would fill the memory)."""
    name = quoted_path(path)   # as given: "null" of /dev/null read as JSON's null
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError.of("config", "{name} is not a regular file", name=name)
        with open(path, "rb") as stream:
            raw = stream.read(MAX_CONFIG_BYTES + 1)
    except OSError as exc:
        raise ConfigError.of("config", "cannot read {name}: {problem}", name=name,
                    problem=exc.strerror or str(exc)) from None
    figure = _figure_config(raw[:MAX_CONFIG_BYTES], name)
    if figure is not None:   # an exported PNG or PDF: the settings it shows
        raw = figure
    elif len(raw) > MAX_CONFIG_BYTES:
        leading = _leading_config(raw[:MAX_CONFIG_BYTES], name)
        if leading is None and re.match(rb'\s*\{\s*"sweep"\s*:', raw):   # (as a small one's)
            key = re.search(rb'"key"\s*:\s*"([A-Za-z_]{1,40})"', raw[:4096])
            raise ConfigError.of("config", "{name} holds a sweep's statistics, one config per "
                                           "value of {setting}: open a config file or the "
                                           "statistics of one run", name=name,
                                 setting=show_value(key.group(1).decode() if key else None))
        if leading is None:
            raise ConfigError.of("config", "{name} has {size} bytes; a config file has at most "
                                           "{most} (a larger statistics file must open with its "
                                           "\"config\", as InitLab writes it)",
                                 name=name, size=f"{max(info.st_size, len(raw)):,}",
                                 most=f"{MAX_CONFIG_BYTES:,}")
        return leading
    try:   # (UTF-16, with its byte-order mark, as Windows' Notepad may save it: a CLI tour)
        text = raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8")
    except UnicodeDecodeError:
        raise ConfigError.of("config", "{name} is not a text file", name=name) from None
    if Path(path).suffix.lower() == ".csv" and not text.lstrip("\ufeff \t\r\n").startswith("{"):
        # (every CSV row names its config, but a table is no config file: a README tour met
        # "not valid JSON (Expecting value at line 1, column 1)")
        raise ConfigError.of("config", "{name} is a table of statistics (CSV): open a config "
                                       "file, JSON statistics or an exported PNG or PDF",
                             name=name)
    data = loads_config(text, name)
    if not isinstance(data, dict):
        raise ConfigError.of("config", "{name} must hold a JSON object, not {kind}", name=name,
                    kind=json_kind(data))
    if "config" in data:   # a statistics file (--stats, --train --stats): its config
        config = data["config"]
        # beside it, a key naming a setting may only repeat it (the phase diagram's
        # "activation"); a config of its own with a key "config" is no statistics file
        if not isinstance(config, dict) or any(
                key not in config or config[key] != data[key]
                for key in FIELDS.keys() & data.keys()):
            raise ConfigError.of("config", "{name} has a key \"config\" but is not a "
                                           "statistics file, whose \"config\" holds the "
                                           "settings", name=name)
        return config, data
    if isinstance(data.get("sweep"), dict) and isinstance(data.get("runs"), list):
        raise ConfigError.of("config", "{name} holds a sweep's statistics, one config per value "
                                       "of {setting}: open a config file or the statistics of one "
                                       "run", name=name, setting=show_value(data["sweep"].get("key")))
    return data, {}


# A number as a person writes it in ASCII, beyond JSON's own forms: .5, 1., +1, 03 (a
# review: --sweep gain=.5:2:3 had run, and --set gain=.5 was "not a number"); not 1_0 nor
# other scripts' digits, which Python's float() would take. The full-width digits, point and
# signs an input method types are read as the window's boxes read them (`half_width`).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def plain_number(text: str) -> int | float | None:
    """`text` (stripped) read as a number written in ASCII or in the full-width forms an input
    method types (a whole number without point or exponent is an int), else None."""
    text = half_width(text.strip())
    # (int() of 5000 digits is refused; "1.000.000" is read for the message that refuses it)
    if len(text) > SHOWN_CHARS or not (_PLAIN_NUMBER.fullmatch(text)
                                       or GROUPED_DIGITS.fullmatch(text)):
        return None
    return int(text) if re.fullmatch(r"[+-]?[0-9]+", text) else read_float(text)


def parse_assignment(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` from the command line; the value is read as JSON when it parses as JSON,
    otherwise as plain text (so ``activation=tanh`` and ``widths=784,256x3,10`` both work)."""
    if "=" not in text:
        raise ConfigError(text[:SHOWN_CHARS] or "set", "expected KEY=VALUE")
    key, raw = (part.strip() for part in text.split("=", 1))
    if not key:
        raise ConfigError("set", f"expected KEY=VALUE, got {show_value(text)}")
    key = key[:SHOWN_CHARS]
    is_text = key in FIELDS and FIELDS[key].kind == "text"   # (data_dir=12: a folder's name)
    try:
        value = loads_config(raw, f"the value of {key}")
        if is_text and isinstance(value, (int, float)):   # (not a list: JSON, refused)
            value = raw
    except ConfigError as exc:
        if raw[:1] in ("[", "{"):   # meant as JSON: say why it cannot be read
            raise ConfigError(key, exc.reason) from None
        number = None if is_text else plain_number(raw)
        # ("1.000.000" is a number's digits where a number is meant: a folder's name else)
        keep = number is None or only_grouped(number) and key in FIELDS \
            and FIELDS[key].kind not in ("int", "float")
        value = raw if keep else number
    return key, value
