"""Typesetting for Qt's rich text and for plain text: n_{t−1}, γ_t, h^t as sub- and superscripts.

The window's words write indices the way the lecture does (``n_{t−1}``, ``h^t``, ``10^{−37}``);
`rich` makes them HTML for labels and tooltips, `plain` Unicode for places without rich text
(the status bar). No Qt is loaded here.
"""

from __future__ import annotations

import html
import re

_SUB = re.compile(r"_\{([^}]*)\}|_([A-Za-z0-9])(?![A-Za-z0-9])")
_SUP = re.compile(r"\^\{([^}]*)\}|\^([A-Za-z0-9])(?![A-Za-z0-9])")


def rich(text: str) -> str:
    """Escape `text` and typeset n_{t−1}, γ_t, h^t as sub- and superscripts."""
    body = html.escape(text)
    body = _SUB.sub(lambda m: f"<sub>{m.group(1) or m.group(2)}</sub>", body)
    return _SUP.sub(lambda m: f"<sup>{m.group(1) or m.group(2)}</sup>", body)


NBSP = "\u00a0"
RELATIONS = ("=", "≈", "≤", "≥", "<", ">", "→", "⇒")
WORD_JOINER = "\u2060"   # no line break on either side of it; zero width
JOINED = f"{WORD_JOINER}/{WORD_JOINER}"   # a "/" that no line break comes beside


def kept_relations(text: str) -> str:
    """`text` with no line break beside a relation sign ("|x|" over "≈ 6")."""
    for sign in RELATIONS:
        text = text.replace(f" {sign} ", f"{NBSP}{sign}{NBSP}")
    return text


def kept_sums(text: str) -> str:
    """`text` with no line break after a "+" or "−" between terms (before one, as typeset),
    nor at all in a bracketed sum of two terms ("U(±√(6/(nᵢₙ" had ended a line over
    "+ nₒᵤₜ)))", a tour)."""
    text = _BRACKETED_SUM.sub(lambda m: m.group(0).replace(" ", NBSP), text)
    return text.replace(" + ", f" +{NBSP}").replace(" − ", f" −{NBSP}")


_BRACKETED_SUM = re.compile(r"\([^()\s]+ [+−] [^()\s]+\)")


def kept_fractions(text: str) -> str:
    """`text` with no line break beside a "/" (Chinese wraps between any two characters:
    "∂ℓ/" over "∂h^{t−1}", "x³/" over "48")."""
    return text.replace(" / ", f"{NBSP}/{NBSP}").replace("/", JOINED)


# a distribution's or a function's arguments: "N(0, s²)", "U(±√(3γ_t))" (a capital, then "(")
_ARGUMENTS = re.compile(r"(?<![A-Za-z])[A-Z]\(([^()]|\([^()]*\))*\)")


def kept_arguments(text: str) -> str:
    """`text` with no line break after a comma between a distribution's arguments ("N(0,"
    over "s²)"), at one level of brackets inside them at most."""
    return _ARGUMENTS.sub(lambda m: m.group(0).replace(", ", f",{NBSP}"), text)


def as_shown(text: str) -> str:
    """`text` as it reads: without its word joiners, its no-break spaces plain ones (a copy,
    a test of its words)."""
    return text.replace(WORD_JOINER, "").replace(NBSP, " ")


# a short bracket after a name, "E[σ'(√q_t z)²]", "Var[h^t]": its spaces do not break
_BRACKET = re.compile(r"(?<=[A-Za-z])\[[^\[\]\n]{1,40}\]")
# a space between groups of digits, "65 504", or before a per cent sign, "10 %"
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_PERCENT = re.compile(r"(?<=\d) (?=%)")
# a relation spaced on one side only: "（q → 0 时）= 1"
_SIGN_AFTER = re.compile(f"(?<=\\S)([{''.join(RELATIONS)}]) ")
_SIGN_BEFORE = re.compile(f" ([{''.join(RELATIONS)}])(?=\\S)")
_PATH = re.compile(r"(?:/[\w.~-]+){2,}", re.ASCII)   # "/home/user/figure.png"


def kept_formulas(text: str) -> str:
    """`text` with its formulas kept whole where prose wraps around them: no line break beside
    a relation or a "/", after a "+" or "−" between terms, inside a name's short bracket
    ("E[σ'(√q_t z)²]") or a distribution's arguments, between groups of digits ("65 504"), or
    before a Unicode sub- or superscript. The readout had wrapped "x²/" over "2", "q_t =" over
    its right side, "65" over "504"; in Chinese "增益" over "² = 9"."""
    text = _SCRIPT.sub(WORD_JOINER, text)
    text = _BRACKET.sub(lambda m: m.group(0).replace(" ", NBSP), kept_arguments(text))
    text = kept_sums(kept_numbers(text))
    text = _SIGN_AFTER.sub(f"{WORD_JOINER}\\1{NBSP}", kept_relations(text))
    text = _SIGN_BEFORE.sub(f"{NBSP}\\1{WORD_JOINER}", text)
    # a fraction's "/" joined, not a path's (one chunk, it would not fit a narrow caption)
    pieces, end = [], 0
    for path in _PATH.finditer(text):
        pieces += [kept_fractions(text[end:path.start()]), path.group(0)]
        end = path.end()
    return "".join(pieces) + kept_fractions(text[end:])


def kept_numbers(text: str) -> str:
    """`text` with its numbers whole: no line break between groups of digits ("65 504") nor
    before a per cent sign ("10 %"; a caption had wrapped "10" over "%", the lesson "65" over
    "504")."""
    return _PERCENT.sub(NBSP, _DIGIT_GROUP.sub(NBSP, text))


def rich_label(text: str) -> str:
    """`rich(text)` for a QLabel, its formulas kept whole (`kept_formulas`). A QLabel cuts a
    superscript on its first line at the line's top (χ₁ = 10^{5.7} lost the tops of its
    digits); a zero-width space in a larger font gives that line the room, only where there
    is a superscript (the others keep their height)."""
    body = rich(kept_formulas(text))
    return _LINE_ROOM + body if "<sup>" in body else body


_LINE_ROOM = "<span style='font-size:large'>&#8203;</span>"

_SUBSCRIPTS = str.maketrans("0123456789+−=()aehijklmnoprstuvx",
                            "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
# (L: the last layer, ∂hᴸ/∂h⁰; T: a transpose, Wᵀ)
_SUPERSCRIPTS = str.maketrans("0123456789+−=()abdeghijklmnoprstuvwxyzLT",
                              "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᵈᵉᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴸᵀ")
# a Unicode sub- or superscript after what it indexes ("增益²": Chinese breaks before it)
_SCRIPTS = re.escape("".join(map(chr, [*_SUBSCRIPTS.values(), *_SUPERSCRIPTS.values()])))
_SCRIPT = re.compile(f"(?<=[^\\s{_SCRIPTS}])(?=[{_SCRIPTS}])")


def superscript(text: str) -> str:
    """`text` in Unicode superscripts (digits, signs, most lower-case letters)."""
    return text.translate(_SUPERSCRIPTS)


def html_scripts(text: str) -> str:
    """HTML's <sup>…</sup> and <sub>…</sub> as the Unicode sub- and superscripts `plain`
    writes (where Unicode has them all; otherwise as ^{…} and _{…}): a screen reader had
    "Var[hti]" for Var[h<sup>t</sup><sub>i</sub>]."""
    text = re.sub(r"<sup>(.*?)</sup>", r"^{\1}", text)
    return plain(re.sub(r"<sub>(.*?)</sub>", r"_{\1}", text))


def plain(text: str) -> str:
    """`text` for a place that shows no rich text (the status bar): n_{t−1}, h^t in Unicode
    sub- and superscripts where Unicode has them all (σ_w stays as it is)."""
    def typeset(table):
        def one(match):
            body = match.group(1) or match.group(2)
            done = body.translate(table)
            return match.group(0) if any(a == b for a, b in zip(body, done)) else done
        return one
    return _SUP.sub(typeset(_SUPERSCRIPTS), _SUB.sub(typeset(_SUBSCRIPTS), text))


def rich_tooltip(text: str) -> str:
    """`text` as a tooltip Qt shows as rich text (sub- and superscripts, never n_{t−1}), its
    lines kept: rich text ignores a newline (the activation's σ, σ' and Taylor expansion had
    run together, "x − x³/" then "3" alone), never wrapped beside a relation or a "/" (relu's
    "x" over "< 0", sigmoid's "x³/" over "48", a student's tour)."""
    return "<qt>" + rich(kept_fractions(kept_relations(kept_numbers(text)))).replace(
        "\n", "<br>") + "</qt>"
