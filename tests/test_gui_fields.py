"""The article editor is built from editor.fields: every field of the table has its box, label and
undo step, and a field added to the table appears in the editor with no other change (issue #17)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import subprocess  # noqa: E402
import sys  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from editor.fields import ARTICLE_FIELDS  # noqa: E402

from .conftest import ROOT  # noqa: E402
from .test_gui import FIRST, type_text, win  # noqa: E402,F401

pytestmark = pytest.mark.gui


def test_every_field_of_the_table_has_its_box_and_label(win):
    editor = win.editor
    labels = {lab.buddy(): lab.text() for grid in (editor.head_grid, editor.more_grid) for lab in grid.labels}
    for f in ARTICLE_FIELDS:
        box = editor.fields[f.name]
        if f.name != "title":
            assert labels[box] == f.label, f.name
    article = win.doc.issue.article(FIRST)
    for f in ARTICLE_FIELDS:
        if f.name in ("title", "source"):
            continue
        box = editor.fields[f.name]
        editor.more_toggle.setChecked(True)
        box.setFocus()
        type_text(box, "甲")
        assert "甲" in f.text(article), f.name
        assert win.doc.undo.undoText() == f"编辑{f.label}"
        win.doc.undo.undo()
        assert "甲" not in f.text(article)


def test_empty_text_unsets_a_field_the_same_way_everywhere(win):
    article = win.doc.issue.article(FIRST)
    win.doc.edit_field(FIRST, "signature", "国家发展改革委\n\n国家能源局\n", typing=False)
    assert article.signature == "国家发展改革委\n国家能源局"
    win.doc.edit_field(FIRST, "signature", "  ", typing=False)
    assert article.signature is None
    win.doc.edit_field(FIRST, "attachments", "重点任务分工表\n  \n", typing=False)
    assert article.attachments == ["重点任务分工表"]
    win.doc.edit_field(FIRST, "doc_number", "   ", typing=False)
    assert article.doc_number is None


def test_the_closing_fields_open_by_themselves_when_an_article_has_them(win):
    editor = win.editor
    win.doc.edit_field(FIRST, "date", "2023年7月10日", typing=False)
    editor.more_toggle.setChecked(False)
    win.select("02-电子产品消费")
    win.select(FIRST)
    assert editor.more_toggle.isChecked() and editor.more_grid.isVisible()
    assert "已填 1 项" in editor.more_toggle.text() and editor.fields["date"].text() == "2023年7月10日"


ADDED = r"""
import editor.fields as F
new = F.Field("reviewer", "审校人", "text", "front", "张三")
F.ARTICLE_FIELDS = F.ARTICLE_FIELDS + (new,)
F.FIELDS["reviewer"] = new
import editor.model
editor.model.Article.reviewer = None          # (the model's part of adding a field)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from editor.ui.app import application
from editor.ui.mainwindow import MainWindow
import sys
app = application()
win = MainWindow(interactive=False, preview=False, lock=False)
win.open_folder(sys.argv[1])
box = win.editor.fields["reviewer"]
label = next(l.text() for l in win.editor.more_grid.labels if l.buddy() is box)
for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
    QApplication.sendEvent(box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, "李"))
article = win.doc.issue.articles[0]
print("ADDED", label, box.placeholderText(), article.reviewer, win.doc.undo.undoText())
win.doc.mark_saved(); win.shutdown()
"""


def test_a_field_added_to_the_table_appears_in_the_editor(sample_copy):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", ADDED, str(sample_copy)], capture_output=True, text=True,
                         cwd=ROOT, env=env, encoding="utf-8", timeout=120)
    line = next((x for x in out.stdout.splitlines() if x.startswith("ADDED")), None)
    assert line == "ADDED 审校人 如 张三 李 编辑审校人", out.stderr[-2000:]
