"""What a pyqtgraph plot draws, read for tests."""

from PySide6.QtGui import QImage, QPainter


def drawn_tick_labels(axis) -> list[str]:
    """The tick labels `axis` draws at its present size (pyqtgraph's
    AxisItem.generateDrawSpecs, its documented drawing step), in the order it draws them."""
    image = QImage(200, 400, QImage.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in specs[2]] if specs is not None else []
