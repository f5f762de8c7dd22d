"""Rich text as Qt lays it out in lines, read for tests."""


def laid_out(html: str, width: int, points: float | None = None,
             plain: bool = False) -> list[list[str]]:
    """The lines of each paragraph of `html` (`plain`: of plain text) as a text document lays
    it out at `width`."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    if points is not None:
        font = doc.defaultFont()
        font.setPointSizeF(points)
        doc.setDefaultFont(font)
    if plain:
        doc.setPlainText(html)
    else:
        doc.setHtml(html)
    doc.setTextWidth(width)
    doc.size()   # laid out
    paragraphs = []
    block = doc.begin()
    while block.isValid():
        layout, text = block.layout(), block.text()
        paragraphs.append([text[layout.lineAt(i).textStart():layout.lineAt(i).textStart()
                                + layout.lineAt(i).textLength()]
                           for i in range(layout.lineCount())])
        block = block.next()
    return paragraphs
