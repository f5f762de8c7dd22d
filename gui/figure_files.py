"""A figure as the bytes of a file: a PNG whose text chunks say what made it, or a one-page
vector PDF with its title, the config as XMP and as an attached config.json, and a text layer
that reads as the words written (searched and copied as typed).

Qt's PDF writer maps some glyphs to other characters than the ones written: CJK ideographs to
the Kangxi radicals that share their glyph (方 as ⽅), and "fi", "fl"… to the ligatures its
fonts drew (ﬁ, ﬂ). `searchable` rewrites those maps and, where they change length, the
stream lengths and cross-reference offsets that follow them.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from datetime import datetime, timezone
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSizeF, Qt, qVersion
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from .figures import Figure, image

# The export file types, by suffix.
SUFFIXES = (".png", ".pdf")


class EncodeError(RuntimeError):
    """Qt could not make the file's bytes (the message says why)."""


def pdf(figure: Figure, title: str = "", config: str = "") -> bytes:
    """The figure as a one-page PDF its size (a pixel is `figure.points`: 0.75 pt, 1/96 inch,
    or a slide's page 960 pt across); its properties hold `title` and, as its XMP
    description, the `config` it shows (JSON), which is also attached as the file
    config.json (the readers that show no XMP list attachments)."""
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)   # the window's pixels: fonts keep their size beside the plots
    writer.setCreator("InitLab")
    writer.setTitle(title)
    if config:   # (also as an attached file: most readers show no XMP description)
        writer.setDocumentXmpMetadata(_xmp(title, config))
        writer.addFileAttachment("config.json", QByteArray(config.encode("utf-8")),
                                 "application/json")
    if figure.width <= 0 or figure.height <= 0:
        raise EncodeError("the figure is empty (the tab has no size yet)")
    # the page in whole points, never smaller than the figure
    size = QSizeF(math.ceil(figure.width * figure.points),
                  math.ceil(figure.height * figure.points))
    if not writer.setPageLayout(QPageLayout(QPageSize(size, QPageSize.Unit.Point, "figure",
                                                      QPageSize.SizeMatchPolicy.ExactMatch),
                                            QPageLayout.Orientation.Portrait, QMarginsF())):
        raise EncodeError(f"a page of {figure.width} × {figure.height} pixels is not possible")
    painter = QPainter()
    if not painter.begin(writer):
        raise EncodeError("the PDF could not be started")
    try:
        painter.scale(figure.points / 0.75, figure.points / 0.75)   # (the writer's: 96 dpi)
        painter.fillRect(QRect(0, 0, figure.width, figure.height), Qt.white)
        figure.paint(painter)
    finally:
        painter.end()
    return searchable(bytes(buffer.data()))


# A stream whose dictionary holds its length alone (as Qt writes a ToUnicode map), its data
_STREAM = re.compile(rb"<<\s*/Length (\d+)\s*>>\s*stream\r?\n")
_UNICODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")


def searchable(data: bytes) -> bytes:
    """A PDF whose text maps its glyphs to the characters written: a CJK radical's code (Qt's
    text layer read 方 as ⽅, the Kangxi radical U+2F45, and searching a Chinese figure for 方差
    found nothing: an audit) by the ideograph, a ligature's (ﬁ U+FB01 in "proﬁle") by its
    letters. The streams that change get their new /Length, and the cross-reference table
    (each object's byte offset) and `startxref` are moved by what the edits before them
    added; in a file laid out otherwise (no cross-reference table where Qt writes it) only
    the maps that keep their length change (the radicals, one code for one)."""
    edits = []   # (start, end, new bytes) in `data`, in order
    for found in _STREAM.finditer(data):
        start, length = found.end(), int(found.group(1))
        body = data[start:start + length]
        if b"begincmap" not in body:
            continue
        new = _characters(body)
        if new != body:
            edits.append((found.start(1), found.end(1), str(len(new)).encode()))
            edits.append((start, start + length, new))
    xref = data.rfind(b"\nxref\n")
    tail = data.rfind(b"startxref")
    if edits and (xref < 0 or tail < xref or edits[-1][1] > xref):
        # each map's two edits (its /Length, its body) kept together, where the body keeps
        # its length (and so the /Length its value)
        pairs = zip(edits[::2], edits[1::2])
        edits = [edit for length, body in pairs if len(body[2]) == body[1] - body[0]
                 for edit in (length, body)]
        xref = tail = len(data)   # (no offset moves: nothing to rewrite there)
    if not edits:
        return data

    def moved(offset: int) -> int:
        return offset + sum(len(new) - (end - start) for start, end, new in edits
                            if end <= offset)

    def entry(match: re.Match) -> bytes:
        return b"%010d %s n" % (moved(int(match.group(1))), match.group(2))

    table = _XREF_ENTRY.sub(entry, data[xref:tail])
    pointer = re.sub(rb"startxref(\s+)(\d+)",
                     lambda m: b"startxref%s%d" % (m.group(1), moved(int(m.group(2)))),
                     data[tail:], count=1)
    out, at = [], 0
    for start, end, new in edits:
        out += [data[at:start], new]
        at = end
    return b"".join(out) + data[at:xref] + table + pointer


def _characters(cmap: bytes) -> bytes:
    """A ToUnicode map with each destination code as `_written` gives it."""
    lines = []
    for line in cmap.split(b"\n"):
        codes = _UNICODE.findall(line)
        if b"[" in line:   # <lo> <hi> [<u> <u> …]: the characters in brackets
            head, _, tail = line.partition(b"[")
            line = head + b"[" + _UNICODE.sub(_written, tail)
        elif len(codes) == 2 or (len(codes) == 3 and codes[0] == codes[1]):
            cut = line.rindex(b"<")   # <glyph> <u>, or <lo> <lo> <u>: one glyph's
            line = line[:cut] + _UNICODE.sub(_written, line[cut:])
        lines.append(line)
    return b"\n".join(lines)


def _written(code: re.Match) -> bytes:
    """A radical's code (CJK Radicals Supplement, Kangxi Radicals) as the ideograph it is
    written as, a Latin ligature's (Alphabetic Presentation Forms, U+FB00–FB06) as its letters
    (both their compatibility forms, NFKC); any other code as it is."""
    value = int(code.group(1), 16)
    if 0x2E80 <= value <= 0x2FDF or 0xFB00 <= value <= 0xFB06:
        form = unicodedata.normalize("NFKC", chr(value))
        if form != chr(value) and all(ord(c) <= 0xFFFF for c in form):
            return b"<" + b"".join(b"%04X" % ord(c) for c in form) + b">"
    return code.group(0)


def _xmp(title: str, description: str) -> bytes:
    """An XMP packet with what Qt's own holds (title, maker, producer, dates, a document id)
    and the document's description."""
    def alt(text: str) -> str:
        return (f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>')

    now = datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
            'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
            f'<dc:title>{alt(title)}</dc:title><dc:description>{alt(description)}'
            '</dc:description><xmp:CreatorTool>InitLab</xmp:CreatorTool>'
            f'<xmp:CreateDate>{now}</xmp:CreateDate><xmp:ModifyDate>{now}</xmp:ModifyDate>'
            f'<xmp:MetadataDate>{now}</xmp:MetadataDate>'
            f'<pdf:Producer>Qt {qVersion()}</pdf:Producer>'
            f'<xmpMM:DocumentID>uuid:{uuid.uuid4()}</xmpMM:DocumentID>'
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode("utf-8")


def png(picture: QImage, title: str = "", config: str = "") -> bytes:
    """An image encoded as PNG, in memory (written as bytes: a full disk is then the
    system's own reason, "No space left on device", not libpng's bare "Write Error"); its
    text chunks name its `title`, its maker and, as its description, the `config` it shows
    (JSON: a figure on a slide still says what made it)."""
    for key, text in (("Title", title), ("Software", "InitLab"), ("Description", config)):
        if text:
            picture.setText(key, text)
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    if not picture.save(buffer, "PNG"):
        raise EncodeError("the image could not be encoded as PNG")
    return bytes(buffer.data())


def encode(figure: Figure, suffix: str, scale: float = 1.0, title: str = "",
           config: str = "") -> bytes:
    """The figure as the bytes of a file ending in `suffix`: ".png" at `scale`, or ".pdf"
    (vector; `scale` does not apply); `title` and `config` (JSON) in its properties."""
    if suffix.lower() == ".pdf":
        return pdf(figure, title, config)
    return png(image(figure, scale), title, config)
