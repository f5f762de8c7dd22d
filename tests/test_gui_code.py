"""File ▸ Copy as PyTorch / Keras code puts a snippet of the network shown on the clipboard."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication  # noqa: E402


@pytest.mark.parametrize("label, marker", [("Copy as &PyTorch code", "nn.Sequential"),
                                           ("Copy as &Keras code", "keras.Sequential")])
def test_copy_as_code_puts_the_current_network_on_the_clipboard(window, label, marker):
    window.set_config(window.config().with_values(activation="relu", init="he", gain=1.5))
    file_menu = window.menuBar().actions()[0].menu()
    [action] = [a for a in file_menu.actions() if a.text() == label]
    action.trigger()
    text = QApplication.clipboard().text()
    assert marker in text and "relu" in text.lower()
    compile(text, "snippet", "exec")
    assert "Copied" in window.statusBar().currentMessage()
