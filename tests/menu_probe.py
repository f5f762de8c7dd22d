"""A window's menus read as a user opens them, for tests."""


def f5_entry(window) -> str:
    """The text of the Simulation menu's F5 entry, as the menu shows it when opened (then
    closed: its entries as they are while it is closed)."""
    [menu] = [a.menu() for a in window.menuBar().actions() if a.menu() is not None
              and a.menu().title() in ("&Simulation", "模拟(&S)")]
    menu.aboutToShow.emit()
    [entry] = [a for a in menu.actions() if a.shortcut().toString() == "F5"]
    text = entry.text()
    menu.aboutToHide.emit()
    return text
