"""Window geometry that fits the screen it opens on.

The window prefers 1500 × 940; on a smaller screen (1366 × 768, or 1366 × 700 under a
taskbar) it opens at the size that fits, and a geometry restored from another session (saved
on a larger monitor, or one since unplugged) is shrunk and moved onto the current screen's
available area, so the status bar, the Cancel button and the Pin buttons are never off screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication

PREFERRED = QSize(1500, 940)
# Room for what a window manager adds around the window's own geometry (a guess: it is not
# known before the window is shown, and it differs between desktops).
TITLE, BORDER = 32, 8
FRAME = QSize(2 * BORDER, TITLE + BORDER)


def available(window) -> QRect:
    """The available area (without taskbars) of the screen the window is on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(geometry: QRect, area: QRect, minimum: QSize = QSize(0, 0)) -> QRect:
    """`geometry` shrunk to fit `area` less the window frame (not below `minimum`) and moved
    inside it."""
    size = geometry.size().boundedTo(area.size() - FRAME).expandedTo(minimum)
    left, top = area.left() + BORDER, area.top() + TITLE
    right = max(left, area.left() + area.width() - BORDER - size.width())
    bottom = max(top, area.top() + area.height() - BORDER - size.height())
    return QRect(QPoint(min(max(geometry.x(), left), right), min(max(geometry.y(), top), bottom)),
                 size)


def open_fitted(window) -> None:
    """The first size: the preferred one, or what fits the screen, centred on it."""
    area = available(window)
    size = PREFERRED.boundedTo(area.size() - FRAME).expandedTo(window.minimumSizeHint())
    window.setGeometry(fitted(QRect(area.center() - QPoint(size.width() // 2, size.height() // 2),
                                    size), area))


def keep_on_screen(window) -> None:
    """A restored geometry, shrunk and moved onto the current screen where it does not fit."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = available(window)
    geometry = fitted(window.geometry(), area, window.minimumSizeHint())
    if geometry != window.geometry():
        window.setGeometry(geometry)
