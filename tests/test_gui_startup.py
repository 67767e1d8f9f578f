"""Start-up as `bulletin gui DIR` does it: the window paints with what it shows at once (menus,
toolbar, outline, problems, the preview's toolbar), and is completed and given its issue right after.

What keeps the first paint cheap is what it does not import (issue #17: ≤ 2× a bare QMainWindow,
measured by bench/gui_bench.py); that is checked here in a fresh interpreter, since a test process
has imported everything long before."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QToolBar  # noqa: E402

from editor.ui.app import after_first_paint, application, open_in  # noqa: E402
from editor.ui.mainwindow import MainWindow  # noqa: E402

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parent.parent

# Modules the first paint must not need: the core (model, loader, template), the parts behind the
# hint (article editor, issue panel), QtPdf, the build process, the HTML writer.
NOT_BEFORE_PAINT = ("editor.model", "editor.content", "editor.template", "editor.project", "editor.body",
                    "editor.ui.document", "editor.ui.editors", "editor.ui.issue_panel", "editor.ui.safety",
                    "editor.ui.builds", "editor.ui.buildproc", "editor.ui.watch", "editor.compose",
                    "PySide6.QtPdf", "PySide6.QtPdfWidgets")

CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QToolBar  # noqa: E402

from PySide6.QtGui import QFontDatabase
from editor.ui.app import after_first_paint, application, open_in, register_page_fonts
from editor.ui.mainwindow import MainWindow
app = application()
def kai():
    return any("Bulletin Kai" in f for f in QFontDatabase.families())
def unpacked():
    import glob, os
    return bool(glob.glob(os.path.join(os.environ["BULLETIN_CACHE_DIR"], "packaged-fonts", "*.ttf")))
win = MainWindow(interactive=False, lock=False, defer=True)
seen = {}
class Paint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "painted" not in seen:
            seen["painted"] = sorted(m for m in sys.modules if m.startswith(("editor", "PySide6")))
            seen["kai_at_paint"] = kai() or unpacked()
        return False
def opened():
    register_page_fonts()
    seen["kai_after"] = kai()
    win.complete()
    open_in(win, sys.argv[1], None)
    seen["article"] = win.editor.article_id
    seen["after"] = sorted(sys.modules)
    win.doc.mark_saved()
    win.close()
    app.quit()
win.installEventFilter(Paint(win))
after_first_paint(win, opened)
win.show()
QTimer.singleShot(20000, app.quit)
app.exec()
print(json.dumps(seen))
"""


def test_the_first_paint_imports_neither_the_core_nor_the_hidden_panels(sample_copy, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", BULLETIN_DATA_DIR=str(tmp_path),
               BULLETIN_CACHE_DIR=str(tmp_path / "cache"))      # a first start: the 楷体 not unpacked yet
    out = subprocess.run([sys.executable, "-c", CHILD, str(sample_copy)], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    early = [m for m in NOT_BEFORE_PAINT if m in seen["painted"]]
    assert not early, f"imported before the first paint: {early}"
    assert "editor.ui.mainwindow" in seen["painted"]
    # the 楷体 (for the pages, not the window) is unpacked and registered after it, not before (0.2 s)
    assert not seen["kai_at_paint"] and seen["kai_after"]
    # and all of it is there once the issue is open: the same window, completed
    assert seen["article"] == "01-网络安全保险"
    assert all(m in seen["after"] for m in NOT_BEFORE_PAINT if not m.startswith(("editor.compose",)))


def _layout(win):
    return (win.menuBar().height(), win.split.sizes(), win.center.sizes(),
            [tb.geometry().getRect() for tb in win.findChildren(QToolBar)], win.problems.geometry().getRect(),
            win.outline.geometry().getRect())


def test_a_deferred_window_paints_first_then_completes_in_place(qtbot, sample_copy):
    """The parts made after the first paint take the places the first paint gave them: no pane,
    bar or divider moves when they arrive, and the issue opens in the completed window."""
    application()
    win = MainWindow(interactive=False, lock=False, defer=True)
    qtbot.addWidget(win)
    assert not win.ready and not hasattr(win, "editor") and win.preview.view is None
    painted = []
    after_first_paint(win, lambda: painted.append(_layout(win)) or win.complete()
                      or open_in(win, str(sample_copy), None))
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.doc is not None, timeout=20000)
    assert painted, "the issue opened before the window painted"
    assert _layout(win) == painted[0]
    assert win.ready and win.editor.article_id == "01-网络安全保险"
    assert win.stack.currentWidget() is win.editor
    assert win.preview.view is not None and win.preview.pages_split.widget(1) is win.preview.view
    win.doc.mark_saved()
    win.close()


def test_a_command_chosen_before_the_window_is_complete_completes_it(qtbot):
    """Between the first paint and complete() (a fraction of a second) a key still does what it says."""
    application()
    win = MainWindow(interactive=False, lock=False, defer=True)
    qtbot.addWidget(win)
    win.show()
    assert win.preview.zoom is None
    win.actions.zoom_in.trigger()                 # Ctrl+=: the preview's zoom exists only once complete
    assert win.ready and win.preview.zoom is not None and win.preview.zoom.mode != "fit-width"
    win.preview.zoom_out.trigger()
    win.actions.focus_editor.trigger()
    win.close()


def test_closing_a_window_that_never_completed_releases_nothing_it_did_not_take(qtbot):
    application()
    win = MainWindow(interactive=False, lock=False, defer=True)
    qtbot.addWidget(win)
    win.show()
    assert win.close()
    assert not win.ready
