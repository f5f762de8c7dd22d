"""Why a value was refused, in the window's language.

The engine's `ConfigError` carries its reason as facts, a `template` and its `values`; this
module words the template (every one the engine and gui/files.py use is listed here for the
translation tools; a test keeps the list complete) and fills in the values, which stay as the
user typed them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP

from engine import ConfigError

from .i18n import translate

TEMPLATES = (
    QT_TRANSLATE_NOOP("ConfigError", "the Monte Carlo of these settings failed ({error}): "
                                     "there is nothing of them to export"),
    QT_TRANSLATE_NOOP("ConfigError", "the Monte Carlo of these settings has not run (it would "
                                     "take about {time}): start it with F5, and copy or export "
                                     "when it is done"),
    QT_TRANSLATE_NOOP("ConfigError", "the Monte Carlo of these settings is still running (it "
                                     "takes about {time}): copy or export when it is done"),
    QT_TRANSLATE_NOOP("ConfigError", "the Monte Carlo of these settings was stopped (it takes "
                                     "about {time}): run it again with F5, and copy or export "
                                     "when it is done"),
    QT_TRANSLATE_NOOP("ConfigError", "the tab {tab} does not show the result of these settings "
                                     "yet (computing, waiting for Run again, cancelled or "
                                     "failed): copy or export it when it does"),
    QT_TRANSLATE_NOOP("ConfigError", "the tab {tab} has no training step of these settings yet "
                                     "(Start trains them): copy or export it once it has"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a JSON object, got {kind}"),
    QT_TRANSLATE_NOOP("ConfigError", "unknown key; the keys are {keys}"),
    QT_TRANSLATE_NOOP("ConfigError", "unknown key; did you mean {guess}? The keys are {keys}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a whole number, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "is empty; give a whole number"),
    QT_TRANSLATE_NOOP("ConfigError", "is empty; give a number"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a whole number in plain digits: {digits} or "
                                     "{value}, not {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "entry {i} must be a whole number in plain digits: "
                                     "{digits} or {value}, not {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "entry {i} must be a whole number in plain digits: "
                                     "{digits}, not {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a whole number in plain digits: {digits}, not "
                                     "{shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a number in plain digits: {digits}, not {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "above 2^53 must be written in digits, without a point or "
                                     "an exponent, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be between {lo} and {hi}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a number, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a finite number, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "is closer to 0 than the smallest positive float (about "
                                     "5e-324): give 0 for zero, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be {op} {lo}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be ≤ {hi}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be one of {choices}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "unknown name {shown}; choose one of {choices}"),
    QT_TRANSLATE_NOOP("ConfigError", "unknown name {shown}; did you mean {guess}? Choose one of "
                                     "{choices}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a list of whole numbers or text like '784, 256x3, 10', got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "needs at least two widths: the input n_0 and one layer n_1"),
    QT_TRANSLATE_NOOP("ConfigError", "at most {count} widths (depth {depth})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} must hold a JSON object, not {kind}"),
    QT_TRANSLATE_NOOP("ConfigError", "is empty; give widths like '784, 256x3, 10'"),
    QT_TRANSLATE_NOOP("ConfigError", "has an empty entry after entry {i}; give widths like "
                                     "'784, 256x3, 10'"),
    QT_TRANSLATE_NOOP("ConfigError", "entry {i} must be a whole number, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "entry {i} must be at least 1, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "entry {i} must be at most {most}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "width × batch must be at most {most} (got {width} × {batch})"),
    QT_TRANSLATE_NOOP("ConfigError", "(depth + 1) × largest width must be at most {most} (got {layers} × {width})"),
    QT_TRANSLATE_NOOP("ConfigError", "at most {most} weights in all (got {weights})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not valid JSON ({message} at line {line}, column {column})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is a table of statistics (CSV): open a config "
                                     "file, JSON statistics or an exported PNG or PDF"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is nested too deeply to read"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} links to {target}, whose folder does not exist"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is a PNG cut short (its end is missing: not "
                                     "copied or downloaded whole?)"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} holds a number too long to read"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not a regular file"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} has {size} bytes; a config file has at most {most} "
                                     "(a larger statistics file must open with its \"config\", "
                                     "as InitLab writes it)"),
    QT_TRANSLATE_NOOP("ConfigError", "cannot read {name}: {problem}"),
    QT_TRANSLATE_NOOP("ConfigError", "{reason} (in {name})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not a text file"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is a {kind} without the settings InitLab writes "
                                     "into the figures it exports"),
    QT_TRANSLATE_NOOP("ConfigError", "the settings in {name} hold more than {most} bytes, a "
                                     "config file's most"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} has a key \"config\" but is not a statistics "
                                     "file, whose \"config\" holds the settings"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} holds a sweep's statistics, one config per value "
                                     "of {setting}: open a config file or the statistics of "
                                     "one run"),
    QT_TRANSLATE_NOOP("ConfigError", "{depth} disagrees with the widths, which give depth "
                                     "{widths_depth}: give one or the other"),
    QT_TRANSLATE_NOOP("ConfigError", "{width} disagrees with the widths {widths}: give one or "
                                     "the other"),
    QT_TRANSLATE_NOOP("ConfigError", "cannot read {shown}; write widths like '784, 256x3, 10' (whole numbers of at most 9 digits)"),
    QT_TRANSLATE_NOOP("ConfigError", "repeat count in {shown} must be at least 1"),
    QT_TRANSLATE_NOOP("ConfigError", "is given twice in {name}"),
    QT_TRANSLATE_NOOP("ConfigError", "cannot write {name}: {problem}"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is read-only: make it writable, or choose another "
                                     "name"),
    QT_TRANSLATE_NOOP("ConfigError", "folder {folder} does not exist"),
    QT_TRANSLATE_NOOP("ConfigError", "file name must end in {one} or {other}, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "is not a config's text"),
    QT_TRANSLATE_NOOP("ConfigError", "is not a JSON object"),
    QT_TRANSLATE_NOOP("ConfigError", "must be text, got {shown}"),
    QT_TRANSLATE_NOOP("ConfigError", "must be a folder name of at most {most} characters"),
    QT_TRANSLATE_NOOP("ConfigError", "must name the folder holding the MNIST or Fashion-MNIST IDX files for task mnist"),
    QT_TRANSLATE_NOOP("ConfigError", "{folder} is not a folder"),
    QT_TRANSLATE_NOOP("ConfigError", "{folder} holds no {name} (nor {name}.gz)"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not an IDX file of images (magic number {magic}, expected {expected})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not an IDX file of labels (magic number {magic}, expected {expected})"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is truncated: {expected} bytes of data expected, {found} found"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} claims {count} bytes of data; at most {most} are read"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} is not a valid gzip file"),
    QT_TRANSLATE_NOOP("ConfigError", "{images} holds {count} images but {labels} holds {label_count} labels"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} holds no images"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} holds labels outside 0 … {last}"),
    QT_TRANSLATE_NOOP("ConfigError", "the training images are {train} pixels but the test images {test}"),
    QT_TRANSLATE_NOOP("ConfigError", "training this network needs about {need} GB of memory; at most {most} GB (fewer or narrower layers, or a smaller mini-batch, need less)"),
    QT_TRANSLATE_NOOP("ConfigError", "training these {count} networks needs about {need} GB of memory; at most {most} GB (fewer or narrower layers, or a smaller mini-batch, need less)"),
    QT_TRANSLATE_NOOP("ConfigError", "training this network needs about {need} GB of memory and {free} GB is available (fewer or narrower layers, or a smaller mini-batch, need less)"),
    QT_TRANSLATE_NOOP("ConfigError", "training these {count} networks needs about {need} GB of memory and {free} GB is available (fewer or narrower layers, or a smaller mini-batch, need less)"),
    QT_TRANSLATE_NOOP("ConfigError", "the tab has nothing drawn yet"),
    QT_TRANSLATE_NOOP("ConfigError", "the Jacobian spectrum needs widths ≤ {max_width} and "
                                     "depth ≤ {max_depth}"),
    # a sweep's values (engine.sweep)
    QT_TRANSLATE_NOOP("ConfigError", "cannot sweep {shown}; choose one of {keys}"),
    QT_TRANSLATE_NOOP("ConfigError", "N must be between 1 and 1000, got {count}"),
    QT_TRANSLATE_NOOP("ConfigError", "{name} must be a finite number, got {value}"),
    QT_TRANSLATE_NOOP("ConfigError", "N = 1 gives START alone; give N ≥ 2 to reach STOP, or "
                                     "START = STOP (got {start}:{stop}:1)"),
    QT_TRANSLATE_NOOP("ConfigError", "{setting} is log-spaced: START and STOP must be > 0"),
    QT_TRANSLATE_NOOP("ConfigError", "{count} values of {setting}{whole} from {lo} to {hi} "
                                     "repeat; give N ≤ {most}"),
    QT_TRANSLATE_NOOP("ConfigError", "{count} values of {setting}{whole} from {lo} to {hi} "
                                     "repeat; give N = 1"),
    QT_TRANSLATE_NOOP("ConfigError", "{count} values of {setting}{whole} from {lo} to {hi} "
                                     "repeat; only one value lies between {lo} and {hi}: "
                                     "give START = STOP and N = 1"),
    QT_TRANSLATE_NOOP("ConfigError", "at {setting} = {value}: {error}"),
)

# Words the engine puts in a template's values (engine.sweep.WHOLE_NUMBERS), worded as the
# rest of the message is.
PHRASES = {text: text for text in (
    QT_TRANSLATE_NOOP("ConfigError", " (whole numbers)"),
    # what a JSON value is (`engine.shown.json_kind`)
    QT_TRANSLATE_NOOP("ConfigError", "null"),
    QT_TRANSLATE_NOOP("ConfigError", "true or false"),
    QT_TRANSLATE_NOOP("ConfigError", "a number"),
    QT_TRANSLATE_NOOP("ConfigError", "a string"),
    QT_TRANSLATE_NOOP("ConfigError", "an array"),
    QT_TRANSLATE_NOOP("ConfigError", "an object"),
)}


# The system's words for the commonest file errors (its strerror, English whatever the
# window's language), worded as the rest of the message is.
SYSTEM_ERRORS = {text: text for text in (
    QT_TRANSLATE_NOOP("ConfigError", "No such file or directory"),
    QT_TRANSLATE_NOOP("ConfigError", "Permission denied"),
    QT_TRANSLATE_NOOP("ConfigError", "Is a directory"),
    QT_TRANSLATE_NOOP("ConfigError", "Not a directory"),
    QT_TRANSLATE_NOOP("ConfigError", "Read-only file system"),
    QT_TRANSLATE_NOOP("ConfigError", "No space left on device"),
    QT_TRANSLATE_NOOP("ConfigError", "File name too long"),
    QT_TRANSLATE_NOOP("ConfigError", "Too many levels of symbolic links"),
    QT_TRANSLATE_NOOP("ConfigError", "Input/output error"),
    QT_TRANSLATE_NOOP("ConfigError", "Operation not permitted"),
)}


# Python's JSON parser's words (engine.config_files: a file that is not JSON), English
# whatever the window's language, worded as the rest of the message is (a keyboard tour read
# "第 1 行第 1 列：Expecting value" in Chinese)
JSON_ERRORS = {text: text for text in (
    QT_TRANSLATE_NOOP("ConfigError", "Expecting value"),
    QT_TRANSLATE_NOOP("ConfigError", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("ConfigError", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("ConfigError", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("ConfigError", "Unterminated string starting"),
    QT_TRANSLATE_NOOP("ConfigError", "Extra data"),
    QT_TRANSLATE_NOOP("ConfigError", "Invalid control character"),
    QT_TRANSLATE_NOOP("ConfigError", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("ConfigError", "Invalid \\uXXXX escape"),
    QT_TRANSLATE_NOOP("ConfigError", "Illegal trailing comma before end of object"),
    QT_TRANSLATE_NOOP("ConfigError", "Illegal trailing comma before end of array"),
)}
WORDED = {**PHRASES, **SYSTEM_ERRORS, **JSON_ERRORS}


def reason_text(exc: ConfigError) -> str:
    """The reason of `exc` in the current language (as given, when it has no template); a
    value that is itself a ConfigError (the refusal of one value of a sweep) is worded too."""
    if exc.template is None:
        return exc.reason
    values = {key: translate("ConfigError", value)
              if isinstance(value, str) and value in WORDED
              # (a refusal inside one of the same key, a file's value: its reason alone)
              else (reason_text if value.key == exc.key else problem_text)(value)
              if isinstance(value, ConfigError) else value
              for key, value in exc.values.items()}
    for key in ("shown", "name", "folder", "target"):   # (a file named as given, in quotes)
        if key in values:
            values[key] = quoted(values[key])
    # a quantity and its unit kept on one line (as `texts.bytes_text` keeps them: a wrapped
    # refusal had left "3.2" at one line's end and "GB" at the next's, a visual check)
    template = re.sub(r"\} (?=[GM]B\b)", "}\u00a0", translate("ConfigError", exc.template))
    return template.format(**values)


def quoted(shown):
    """A text the engine quoted as Python writes it ('abc') in the language's quotes
    (“abc” in Chinese); anything else as it is."""
    if isinstance(shown, str) and len(shown) >= 2 and shown[0] in "'\"" \
            and shown[-1] == shown[0]:
        return translate("ConfigError", "'{text}'").format(text=shown[1:-1])
    return shown


def failure_text(failure, label=None) -> str:
    """A job's failure as the runner reports it (a ConfigError, or a message) in words."""
    return problem_text(failure, label) if isinstance(failure, ConfigError) else str(failure)


def problem_text(exc: ConfigError, label=None) -> str:
    """``key: reason`` for a field, the reason alone for a file ("config", "stats", "export");
    `label(key)`, when given, names the field in words ("宽度" for widths) or returns None."""
    reason = reason_text(exc)
    if exc.key in ("config", "stats", "export"):
        return reason
    return field_reason((label and label(exc.key)) or exc.key, reason)


def field_reason(field: str, reason: str) -> str:
    """"field: reason", joined as the language joins them (Chinese: a full-width colon)."""
    return translate("ControlsPanel", "{field}: {reason}").format(field=field, reason=reason)


def kept_reason(reason: str, value: str) -> str:
    """`reason`, and the value a box put back in its place ("… (kept 0.25)")."""
    return translate("Bindings", "{reason} (kept {value})").format(reason=reason, value=value)
