"""What a pyqtgraph plot draws, read for tests: its tick labels, a PDF page, an image's
pixels and their luminance."""

import numpy as np
from PySide6.QtGui import QImage, QPainter


def drawn_tick_labels(axis) -> list[str]:
    """The tick labels `axis` draws at its present size (pyqtgraph's
    AxisItem.generateDrawSpecs, its documented drawing step), in the order it draws them."""
    return [text for _, text in drawn_labels(axis)]


def drawn_labels(axis) -> list:
    """(rectangle in `axis`'s coordinates, text) of each tick label `axis` draws (as
    `drawn_tick_labels`)."""
    image = QImage(200, 400, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in specs[2]] if specs is not None else []


def read_pdf(path, scale: float = 1.0):
    """A one-page PDF as (its page size in points, the page rendered at `scale` × its points
    as RGB pixels, its text), read by Qt's own PDF module (QtPdf, of PySide6's add-ons)."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_, doc.error()
    assert doc.pageCount() == 1
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(round(size.width() * scale), round(size.height() * scale)))
    pixels = rgb_pixels(image)
    text = doc.getAllText(0).text()
    doc.close()
    return (size.width(), size.height()), pixels, text


def rgb_pixels(image: QImage) -> np.ndarray:
    """`image`'s pixels as RGB, rows × columns × 3 (0–255), a copy of its own."""
    image = image.convertToFormat(QImage.Format_RGB32)
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8).copy()
    return buffer.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), 2::-1]


def luminance(rgb) -> np.ndarray:
    """The relative luminance Y (WCAG, sRGB) of colours `rgb` (0–255, in the last axis)."""
    c = np.asarray(rgb, dtype=float) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4) \
        @ np.array([0.2126, 0.7152, 0.0722])
