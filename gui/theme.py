"""Look and feel shared by every view: pyqtgraph options, colours, colour maps, fonts."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFontInfo, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QGraphicsItem, QStyleFactory, QToolTip, QWidget

# the two passes differ in lightness as well as in hue, so that a page printed in grey tells
# them apart (a tour: #1f62b4 beside #d9480f came out as greys 87 and 109 of 255)
FORWARD = "#184399"        # h^t: dark blue (grey 64)
BACKWARD = "#e8590c"       # ∂ℓ/∂h^t: orange (grey 123; 3.6:1 on white)
REFERENCE = "#6b6b6b"      # the input's level
FLOAT16 = "#9c6b30"        # float16's limits: a muted brown, neither pass's colour
CURRENT = "#5f3dc4"        # the network the controls show: its gain's line, its ★, its run
STALE_OPACITY = 0.3        # what is of older settings than those shown beside it (`dim`)
INVALID = "#c92a2a"        # where overflow / underflow begins
PIN_FORWARD = "#8793a6"    # pinned runs: greys with a hint of their pass's colour
PIN_BACKWARD = "#ad9a8e"
# … in a shade per pin: pin 2 darker, pin 3 lighter, and so on (only three dash styles are free
# of the theory's dashes and the typical run's dots: a tour could not tell pins apart)
PIN_SHADES = (1.0, 0.7, 1.25, 0.55, 1.4)
EMPTY = "#b8b8b8"          # heatmap background: units beyond a layer's width, missing values
ZERO_VARIANCE = "#1a1a1a"  # heatmap: a unit with exactly zero variance (e.g. a dead relu unit)
UNRESOLVED = "#767676"     # heatmap: a unit whose spread float32 does not resolve
VERDICT_COLORS = {"stable": "#2b8a3e", "vanishing": "#1f62b4", "exploding": "#c92a2a"}

VARIANCE_CMAP = "CET-D1"   # diverging, white at the centre (the input's level, 0 decades)
DENSITY_CMAP = "viridis"
# View ▸ Grey-safe colour scale: CET-D1's two ends are equally dark (lightness 40), so a page
# printed in grey showed −30 and +30 decades alike (a teacher's tour); CET-D7 runs from dark
# blue through grey to light yellow, its lightness rising 30 → 90, for print and colour-blind
# eyes alike. Its centre is grey, so the empty background (#b8b8b8) is white beside it.
GREY_SAFE_CMAP = "CET-D7"
GREY_SAFE_EMPTY = "#ffffff"
GREY_SAFE_UNRESOLVED = "#404040"   # (#767676 is CET-D7's grey centre, 0 decades, to the eye)

_configured = False
_grey_safe = False
_line_scale: float | None = None


# The desktop font the plots' fixed sizes were chosen at: 9 pt, 12 px at 96 dpi (Windows'
# default). A larger desktop font scales them alike (KDE's 10 pt, GNOME's 11, macOS' 13, a
# user's 14): at 14 pt a title of 11 pt was smaller than its axis's tick labels, and a colour
# bar's 45 px lost its negative values.
DESIGN_POINTS = 9.0
DESIGN_PIXELS = 12.0


def points(size: float) -> str:
    """`size` pt for a plot's text (a legend, a title), scaled by the desktop font's points
    (never below `size`): "8pt" at 9 pt, "12pt" at 13.5 pt."""
    return f"{size * point_scale():g}pt"


def point_scale() -> float:
    """The desktop font's points over `DESIGN_POINTS`, at least 1."""
    return _scale(False)


def pixels(size: int) -> int:
    """`size` px of room for text (an axis's width), scaled by the desktop font's pixel
    height (never below `size`)."""
    return round(size * _scale(True))


def _scale(in_pixels: bool) -> float:
    if QApplication.instance() is None:
        return 1.0
    font = QApplication.font()
    if in_pixels:
        return max(1.0, QFontInfo(font).pixelSize() / DESIGN_PIXELS)
    return max(1.0, font.pointSizeF() / DESIGN_POINTS)


def line_scale() -> float:
    """Device pixels per logical pixel (1 on a standard screen, 2 at 200 %), read once: the
    system's highest when the first plot was made (a screen plugged in later changes none of
    the pens made, and an export divides by what they were made with). The plots' pens are
    cosmetic, their widths in device pixels: at 200 % a curve of width 2 was half as thick
    beside its text as at 100 % (a HiDPI tour)."""
    global _line_scale
    if _line_scale is None:
        app = QApplication.instance()
        if app is None:
            return 1.0
        _line_scale = app.devicePixelRatio()
    return _line_scale


def pen(color, width: float = 1.0, style=Qt.SolidLine) -> QPen:
    """A plot's pen of `width` logical pixels (`line_scale`): as thick beside the text on
    any screen."""
    return pg.mkPen(color, width=width * line_scale(), style=style)


def line_axes(plot: pg.PlotItem) -> None:
    """`plot`'s axes drawn as `line_axis` draws one."""
    for name in ("left", "bottom", "right", "top"):
        line_axis(plot.getAxis(name))


def line_axis(axis: pg.AxisItem) -> None:
    """`axis` (its line, ticks and grid lines) drawn with a `pen` one logical pixel wide, as
    the curves are."""
    # (at 100 % pyqtgraph's own pen is that pen, and setting it re-typesets the axis's
    # label: showing four runs' maps took ~15 ms longer)
    if line_scale() != 1.0:
        axis.setPen(pen(axis.pen().color()))


def configure() -> None:
    """Set pyqtgraph's global options once (row-major images: arrays are layer × unit)."""
    global _configured
    if _configured:
        return
    # No global antialiasing: software-rendered axes and text cost twice as much with it, and
    # every millisecond of painting is a millisecond the GUI thread stalls during a drag.
    pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="k",
                        antialias=False)
    _configured = True


def light_scheme(app) -> None:
    """Draw `app` light whatever the desktop's colour scheme (a dark one and a high-contrast
    dark one alike). Its pages are white paper (what a slide or a page of notes gets), and
    their text, the lesson's tinted boxes and the fields' messages are coloured for a light
    ground: under a dark desktop scheme the readout's and the sweep's labels came out white
    on white. Qt ≥ 6.8 is asked for the light scheme (native styles draw light too); where
    the palette stays dark (an older Qt, a desktop theme that sets its own colours), or turns
    dark later (the desktop's scheme changed), Fusion with `light_palette` replaces it."""
    global _watch
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(Qt.ColorScheme.Light)
    keep_light()
    if _watch is None:   # (once: the application is made once)
        _watch = _PaletteWatch()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(keep_light)


class _PaletteWatch(QWidget):
    """A widget never shown, told of each change of the application's palette (as every
    widget is): some desktop themes turn it dark without a word of their colour scheme (a
    dark-mode tour: the readout's and the lesson's text went pale on white)."""

    def changeEvent(self, event) -> None:  # Qt override
        if event.type() == QEvent.PaletteChange:
            QTimer.singleShot(0, self, keep_light)
        super().changeEvent(event)


_watch: _PaletteWatch | None = None


def keep_light(*_) -> None:
    """`light_scheme`'s fall-back, again where the palette turned dark: by the desktop's
    scheme (`colorSchemeChanged`), or without a word of it (`_PaletteWatch`)."""
    app = QApplication.instance()
    if app is not None and app.palette().window().color().lightness() < 128:
        # the palette before the style: setStyle re-polishes the widgets with style sheets
        # (the lesson's boxes), which had kept the dark palette's pale text (a dark-mode tour)
        app.setPalette(light_palette())
        app.setStyle(QStyleFactory.create("Fusion"))
        QToolTip.setPalette(light_palette())   # (Qt took the tooltips' from the desktop)


def light_palette() -> QPalette:
    """Fusion's light palette, written out: its `standardPalette()` follows a dark desktop
    scheme (Qt ≥ 6.5)."""
    palette = QPalette(QColor("#efefef"))   # window and buttons; black text on white fields
    palette.setColor(QPalette.Highlight, QColor("#308cc6"))
    palette.setColor(QPalette.Accent, QColor("#308cc6"))   # (derived from the window: white)
    palette.setColor(QPalette.Disabled, QPalette.Highlight, QColor("#919191"))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor("#bebebe"))
    return palette


def paper(widget: QWidget) -> None:
    """Paint `widget`, a page or panel, as white paper with black text, whatever the
    application's palette: with the window's white alone, a dark palette under it had written
    the readout's and the captions' text pale on white, in the window and in its exports (a
    dark-mode tour)."""
    widget.setAutoFillBackground(True)
    palette = widget.palette()
    palette.setColor(QPalette.Window, QColor("white"))
    for group in (QPalette.Active, QPalette.Inactive):   # (disabled text stays grey)
        for role in (QPalette.WindowText, QPalette.Text):
            palette.setColor(group, role, QColor("black"))
    widget.setPalette(palette)


def focus_ring(widget: QWidget, painter: QPainter, rect: QRect) -> None:
    """The focus ring a keyboard user can see: the solid 2-pixel outline, in the darker
    highlight, that Fusion gives a focused field (4.7:1 on the window's grey). Fusion drew a
    tab's focus as a pale fill and the Lesson button's as an outline at a third of its
    opacity, 1.76:1 from no focus (a keyboard tour)."""
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setPen(QPen(widget.palette().highlight().color().darker(125), 2))
    painter.setBrush(Qt.NoBrush)
    painter.drawRoundedRect(QRectF(rect).adjusted(1, 1, -1, -1), 2, 2)
    painter.restore()


class FocusFrame(QWidget):
    """`focus_ring` around a scrolling text area (the readout, the lesson's text and check)
    or a caption (`reachable_caption`) while it has the keyboard focus: they are Tab stops,
    for the keys that scroll or select them, and a focus there had changed no pixel (an
    audit). Drawn above the area, never in its way."""

    def __init__(self, area: QWidget):
        super().__init__(area)
        self.area = area
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.hide()
        area.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # Qt override
        kind = event.type()
        if kind == QEvent.Resize:
            self.setGeometry(self.area.rect())
        elif kind in (QEvent.FocusIn, QEvent.FocusOut):
            self.setGeometry(self.area.rect())
            self.setVisible(kind == QEvent.FocusIn and (
                event.reason() in (Qt.TabFocusReason, Qt.BacktabFocusReason)
                or keyboard_focus(self.area)))
            self.raise_()
        return False

    def paintEvent(self, event) -> None:  # Qt override
        painter = QPainter(self)
        focus_ring(self, painter, self.rect())
        painter.end()


def reachable_caption(label: QWidget) -> None:
    """Make the caption `label` a Tab stop whose words the keys select and copy, as a screen
    reader reads them (the Spectrum tab had no Tab stop at all, its words out of a keyboard's
    reach: an audit), ringed while the keyboard focused it."""
    label.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
    label.setFocusPolicy(Qt.StrongFocus)
    label.setProperty("caption", True)   # (read by `accessible_plots`)
    if label.contentsMargins().isNull():   # (the ring had touched its first letters)
        label.setContentsMargins(4, 2, 4, 2)
    FocusFrame(label)


def keyboard_focus(widget: QWidget) -> bool:
    """`widget` has the focus, and the window's last focus change came from the keyboard
    (Qt's rule for drawing a focus frame: a mouse click draws none)."""
    return widget.hasFocus() and widget.window().testAttribute(Qt.WA_KeyboardFocusChange)


def focus_rings_on_tool_buttons(toolbar: QWidget) -> None:
    """`focus_ring` on `toolbar`'s buttons (the Lesson button), as a style sheet: a tool
    button takes the focus from the keyboard only (Tab), never from a click."""
    color = toolbar.palette().highlight().color().darker(125).name()
    toolbar.setStyleSheet(f"QToolButton:focus {{ border: 2px solid {color}; "
                          f"border-radius: 3px; }}")


def grid_beneath(plot: pg.PlotItem, alpha: float) -> None:
    """Grid lines at `plot`'s ticks (of opacity `alpha`), beneath what the plot draws: the
    axes draw them, over the view by pyqtgraph's default (they struck through the labels and
    the curves: the Activation tab's q_t label, the profile's "float16 max", tours)."""
    plot.showGrid(x=True, y=True, alpha=alpha)
    for name in ("left", "bottom"):
        # (not the view raised: pyqtgraph lifts every item added below a view's z above it,
        # and the Activation tab's regions, added last, then covered the curves)
        plot.getAxis(name).setZValue(-1)   # (pyqtgraph's: 0.5, over the view at 0)


def cache_axes(plot: pg.PlotItem) -> None:
    """Paint each axis (with its grid lines) once into a pixmap and reuse it until the axis
    changes. A plot's grid spans the whole view, so without this every curve update repaints
    all grid lines and tick labels: the profile's paint goes from ~3.9 to ~2.1 ms."""
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # No SI prefixes on decades, layers and units; pyqtgraph would also re-typeset the
        # label (setHtml) at every range change to look for one.
        axis.enableAutoSIPrefix(False)


def no_context_menu(plot: pg.PlotItem) -> None:
    """No pyqtgraph right-click menu on `plot`: its words are English whatever the window's
    language, and its plot options (log axes, FFT, downsampling) would redraw a variance
    profile as something it is not. View ▸ Reset zoom and File ▸ Export do its useful
    part."""
    plot.setMenuEnabled(False)


def dim(items, stale: bool) -> None:
    """Plot items of older settings than those shown beside them (a Monte Carlo beside the
    theory, a tab's diagram beside the network's ★) drawn faint (`stale`), or in full again."""
    for item in items:
        item.setOpacity(STALE_OPACITY if stale else 1.0)


def colormap(name: str) -> pg.ColorMap:
    return pg.colormap.get(name)


def set_grey_safe(on: bool) -> None:
    """The variance maps' scale from now on: grey-safe (`GREY_SAFE_CMAP`) or the usual one;
    views made already take it in their `restyle`."""
    global _grey_safe
    _grey_safe = bool(on)


def grey_safe() -> bool:
    return _grey_safe


def variance_cmap() -> str:
    """The colour map of log₁₀ variances and χ₁ (diverging around 0 decades)."""
    return GREY_SAFE_CMAP if _grey_safe else VARIANCE_CMAP


def variance_empty() -> str:
    """The background of a variance map: where it has no value."""
    return GREY_SAFE_EMPTY if _grey_safe else EMPTY


def unresolved() -> str:
    """A heatmap's dark grey: a unit whose spread float32 does not resolve."""
    return GREY_SAFE_UNRESOLVED if _grey_safe else UNRESOLVED


def restyle_variance_map(bar: pg.ColorBarItem, plot: pg.PlotItem) -> None:
    """A variance map made before `set_grey_safe`: its colour bar's map (and so its image's)
    and its background as now chosen."""
    bar.setColorMap(colormap(variance_cmap()))
    plot.getViewBox().setBackgroundColor(variance_empty())


def pin_color(color: str, number: int) -> str:
    """`color` (a pin's grey) in the shade of pin `number` (PIN_SHADES: below 1 darker, above
    1 that much of the way to white beyond it)."""
    shade = PIN_SHADES[(number - 1) % len(PIN_SHADES)]
    rgb = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    if shade <= 1.0:
        rgb = [round(c * shade) for c in rgb]
    else:
        rgb = [round(c + (255 - c) * (shade - 1.0)) for c in rgb]
    return "#" + "".join(f"{c:02x}" for c in rgb)
