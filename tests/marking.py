"""A translator for tests: it marks every text of some contexts, e.g. «Cancel», so a test sees
which texts a change of language re-words, without a .qm file."""

from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication


class Marking(QTranslator):
    """`form` (e.g. "«{}»") around the source text of `contexts`; None for the others, so Qt
    falls back to the next translator (an empty string would be an empty translation)."""

    def __init__(self, contexts, form: str = "«{}»"):
        super().__init__()
        self.contexts, self.form = set(contexts), form

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.form.format(source) if context in self.contexts else None

    def isEmpty(self):   # an empty translator is installed without a LanguageChange
        return False


@contextmanager
def marked(*contexts: str, form: str = "«{}»"):
    """Within: the texts of `contexts` read «…» (LanguageChange delivered both ways)."""
    app = QCoreApplication.instance()
    translator = Marking(contexts, form)
    assert app.installTranslator(translator)
    try:
        QApplication.processEvents()
        yield translator
    finally:
        app.removeTranslator(translator)
        QApplication.processEvents()
