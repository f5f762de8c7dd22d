"""How the Training tab lays out its parts: wide, each row of controls on one line and the
three panels side by side; narrow, each row in its two halves, one over the other, and the
panels two over one (the learning curves beside the decision regions, the layer maps under
them), so that the tab scrolls down a little rather than sideways. A window 1024 pixels wide
with the lesson open leaves the tab ~470 pixels, where the wide layout needs ~690 (1280 pixels
with the lesson open leave it ~710): lesson step 13 sends a student here.

The tab is narrow where its scroll area is narrower than the wide layout's minimum width,
measured in the wide layout (again after a change of language: words change its width).
`lay_out` puts the tab's parts in that scroll area, one under the other. The status sits
beside the buttons where it has room there, in two lines whatever it says (`StatusLabel`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import (QBoxLayout, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from . import theme
from .widgets import FixedLines, rich_lines_height, rich_text_height

STACKED_HEIGHT = 400   # a narrow tab's row of panels (a wide one's are ~370)
# The status goes beside the buttons where it has room there for this many characters a
# line, else on a line of its own under them: beside them it had ~260 pixels at 1024 (~90
# with the lesson open), where the Chinese took three lines of two. A fixed tab width (1000)
# had put it under them at 1280 × 720 in English, 7 pixels short, with 430 pixels beside
STATUS_BESIDE_CHARACTERS = 50


def fitted_lines(text: str, font, width: float, lines: int) -> str:
    """`text`, its line breaks made spaces (an error's message may hold some), as it shows in
    `lines` lines `width` wide: whole where it fits, else its first lines, broken where they
    wrap, and the rest of it in the last one, ending in "…"."""
    text = text.replace("\n", " ")
    if width <= 0 or not text:
        return text
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    while len(starts) <= lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    kept = [text[a:b].rstrip() for a, b in zip(starts[:lines - 1], starts[1:lines])]
    last = QFontMetricsF(font).elidedText(text[starts[lines - 1]:], Qt.ElideRight, width)
    return "\n".join(kept + [last])


class StatusLabel(QLabel):
    """The session's status, plain text in `lines` lines whose room is kept whatever it says
    (new text never moves the plots under it). Text longer than they hold ends in "…" and
    shows whole in its tooltip and to a screen reader (Qt cut it, unmarked, after its
    second line); `text()` is the text as given, as the status bar's `currentMessage`;
    `cut` tells whether it ends in "…" whenever that changes."""

    cut = Signal(bool)

    def __init__(self, lines: int = 2, **kwargs):
        super().__init__(**kwargs)
        self.setTextFormat(Qt.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self._lines, self._text = lines, ""

    def keep_room(self) -> None:
        """Room for its lines, measured on its text (Chinese glyphs come from a taller font):
        call it once the text is in the window's language."""
        self.setFixedHeight(rich_lines_height(self, self._lines, self._text or "x"))

    def text(self) -> str:  # Qt override: as given, not as fitted
        return self._text

    def setText(self, text: str) -> None:  # Qt override
        self._text = text
        self._fit()

    def resizeEvent(self, event) -> None:  # Qt override
        super().resizeEvent(event)
        self._fit()

    def event(self, event) -> bool:  # Qt override: a new font wraps it anew
        if event.type() == QEvent.FontChange:
            self._fit()
        return super().event(event)

    def _fit(self) -> None:
        shown = fitted_lines(self._text, self.font(), self.contentsRect().width(), self._lines)
        said = self._text if shown != self._text.replace("\n", " ") else ""
        was_cut = bool(self.toolTip())
        self.setToolTip(said)
        if bool(said) != was_cut:
            self.cut.emit(bool(said))
        self.setAccessibleName(said)
        if shown != super().text():
            super().setText(shown)


class ReadoutLabel(QLabel):
    """The readout under the panels: rich text, wrapped, with room for `lines` lines whatever
    it says (new text never moves the plots above it; `keep_room` measures them in the
    window's language), and more where a narrow tab wraps it further (four runs at 1024
    pixels with the lesson open lost their last lines, in the window and in its export).
    `set_lines` changes the room with the session's runs: one run's room for four had left
    a blank band under the plots at 1280 × 720."""

    def __init__(self, lines: int, **kwargs):
        super().__init__(**kwargs)
        self.setTextFormat(Qt.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self._lines, self._room, self._sample = lines, 0, "x"

    def keep_room(self, sample: str) -> None:
        """Room for the lines, each like `sample` (Chinese glyphs come from a taller font)."""
        self._sample = sample
        self._room = rich_lines_height(self, self._lines, sample) + 6
        self.fit()

    def set_lines(self, lines: int) -> None:
        """Room for `lines` lines from now on (measured as `keep_room`'s sample)."""
        if lines != self._lines:
            self._lines = lines
            self.keep_room(self._sample)

    def text_height(self) -> int:
        """The height its text takes at its width (its room may be more)."""
        return rich_text_height(self) + 6

    def fit(self) -> None:
        room = max(self._room, self.text_height())
        if room != self.height():
            self.setFixedHeight(room)

    def setText(self, text: str) -> None:  # Qt override
        super().setText(text)
        self.fit()

    def resizeEvent(self, event) -> None:  # Qt override: its text wraps anew
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit)   # not within the layout that resized it


def fill(layout: QHBoxLayout, *items) -> None:
    """Add `items` to `layout` in order: a widget, a (widget, stretch) pair, or an int, a
    stretch of that factor."""
    for item in items:
        if isinstance(item, int):
            layout.addStretch(item)
        elif isinstance(item, tuple):
            layout.addWidget(*item)
        else:
            layout.addWidget(item)


class TwoPartRow(QBoxLayout):
    """A row of controls in two halves (`left`, `right`): on one line, or on two."""

    def __init__(self):
        super().__init__(QBoxLayout.LeftToRight)
        self.left, self.right = QHBoxLayout(), QHBoxLayout()
        self.addLayout(self.left, 0)    # (the right half takes the line's room)
        self.addLayout(self.right, 1)

    def set_narrow(self, narrow: bool) -> None:
        self.setDirection(QBoxLayout.TopToBottom if narrow else QBoxLayout.LeftToRight)


class TrainingLayout(QObject):
    """Keeps the tab wide or narrow as its scroll area's width asks (module docstring)."""

    def __init__(self, scroll: QScrollArea, content: QWidget, rows: list[TwoPartRow],
                 curves: QWidget, maps: QWidget, regions: QWidget,
                 status: tuple[QWidget, QHBoxLayout] | None = None):
        """`status`: the status line, last in the right half of the last row, and where it
        goes when it has too little room there (a line of its own: beside the buttons it had
        ~90 pixels and its Chinese was cut, a teacher's tour)."""
        super().__init__(scroll)
        self.scroll, self.content, self.rows = scroll, content, rows
        self.curves, self.maps, self.regions = curves, maps, regions
        self.status = status
        self.plots = QGridLayout()
        self.narrow: bool | None = None
        self._regions_shown = True
        self._wide_minimum: int | None = None
        self._place(False)
        scroll.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # Qt override
        if event.type() == QEvent.Resize:
            self.fit()
        return False

    def words_changed(self) -> None:
        """The tab's words changed (a language): measure the wide layout again."""
        self._wide_minimum = None
        self.fit()

    def fit(self) -> None:
        if self._wide_minimum is None:
            self._place(False)
            self.content.layout().activate()
        if not self.narrow:
            self._wide_minimum = self.content.minimumSizeHint().width()
        narrow = self.scroll.width() < self._wide_minimum
        if narrow != self.narrow:
            self._place(narrow)
        self._place_status(narrow)

    def _place_status(self, narrow: bool) -> None:
        """The status beside the buttons where it has room there, else on a line of its own
        under them (`status`)."""
        if self.status is None:
            return
        label, line = self.status
        beside = self.rows[-1].right
        margins = self.content.layout().contentsMargins()
        # the buttons' width without the status (beside them it adds a spacing: measured
        # with it, the status moved to and fro as a window was dragged through 4 pixels)
        buttons = self.rows[-1].sizeHint().width() \
            - (beside.spacing() if beside.indexOf(label) >= 0 else 0)
        room = self.scroll.width() - margins.left() - margins.right() - buttons
        least = STATUS_BESIDE_CHARACTERS * label.fontMetrics().averageCharWidth()
        own_line = narrow or room < least
        source, target = (beside, line) if own_line else (line, beside)
        if target.indexOf(label) < 0:
            source.removeWidget(label)
            target.addWidget(label, 1)

    def show_regions(self, shown: bool) -> None:
        """Show the decision regions (a task of two inputs) or leave their room to the other
        panels (a tour: the teacher and MNIST tasks left the tab's right third blank)."""
        if shown != self._regions_shown:
            self._regions_shown = shown
            self.regions.setVisible(shown)
            narrow, self.narrow = self.narrow, None
            self._place(bool(narrow))
            self._wide_minimum = None   # (measured again: the panels' minimum changed)
            self.fit()

    def _place(self, narrow: bool) -> None:
        if narrow == self.narrow:
            return
        self.narrow = narrow
        for row in self.rows:
            row.set_narrow(narrow)
        for panel in (self.curves, self.maps, self.regions):
            self.plots.removeWidget(panel)
        regions = self._regions_shown
        if narrow:
            self.plots.addWidget(self.curves, 0, 0, 1, 1 if regions else 2)
            self.plots.addWidget(self.regions, 0, 1)
            self.plots.addWidget(self.maps, 1, 0, 1, 2)
            stretches = (1, 1, 0)
        else:
            for column, panel in enumerate((self.curves, self.maps, self.regions)):
                self.plots.addWidget(panel, 0, column)
            stretches = (1, 1, 1 if regions else 0)
        for column, stretch in enumerate(stretches):
            self.plots.setColumnStretch(column, stretch)
        self.plots.setRowStretch(1, 1 if narrow else 0)
        # stacked, each panel as tall as a wide tab's (its two plots over each other)
        for row in (0, 1):
            self.plots.setRowMinimumHeight(row, STACKED_HEIGHT if narrow else 0)


def lay_out(tab: QWidget, fields, buttons: TwoPartRow, status: QLabel, panels: tuple,
            readout: QWidget) -> TrainingLayout:
    """`tab`'s parts in a scroll area, one under the other: `fields` (two `TwoPartRow`s and
    its refusals' line), the row of `buttons` with the `status` at its end, the `panels`
    (curves, maps, regions), the `readout`. In a window narrower than the tab's minimum (a
    small or scaled screen) the tab scrolls, its rows and panels stacked: it never makes the
    window wider than the screen."""
    content = QWidget(objectName="training_content")
    theme.paper(content)
    # its word-wrapped labels have fixed heights: no height for width, else the scroll area
    # would give the tab its preferred height, not the view's, and it would scroll
    body = FixedLines(content)
    body.setContentsMargins(4, 4, 4, 4)
    body.setSpacing(4)
    body.addWidget(fields)
    body.addLayout(buttons)
    status_line = QHBoxLayout()   # (the status's, while the tab is narrow)
    body.addLayout(status_line)
    body.addWidget(fields.problem)
    scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.NoFrame)
    scroll.setFocusPolicy(Qt.NoFocus)   # no Tab stop of its own (nothing to see)
    arrangement = TrainingLayout(scroll, content, [fields.first_row, fields.second_row, buttons],
                                 *panels, (status, status_line))
    body.addLayout(arrangement.plots, 1)
    body.addWidget(readout)
    scroll.setWidget(content)
    outer = QVBoxLayout(tab)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return arrangement
