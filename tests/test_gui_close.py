"""A plot with a hover readout closes cleanly on its own (as pytest-qt closes every widget it
was given): pyqtgraph's close() deletes the scene's items and then sends a last Leave event."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_plots_with_a_hover_readout_close_without_crashing():
    # In a fresh process: the crash (a segmentation fault in shiboken while it reported an
    # exception from the hover's event filter) came from the first such close of a process.
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from gui.distribution import DistributionView
        from gui.heatmap import HeatmapView
        from gui.profile import ProfileView
        for view in (ProfileView(), HeatmapView("title", "h"), DistributionView()):
            view.resize(400, 300)
            view.show()
            app.processEvents()
            view.close()
            app.processEvents()
        print("closed")
    """)
    done = subprocess.run([sys.executable, "-c", script, str(ROOT)], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0 and done.stdout.strip() == "closed", done.stderr[-2000:]
