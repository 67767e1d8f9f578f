"""Issue #17's defects, each reproduced as a user meets it in the editor (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import shutil  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from .test_gui import close, make_window, type_text, win  # noqa: E402,F401

pytestmark = pytest.mark.gui

FIRST = "01-网络安全保险"
SECOND = "02-电子产品消费"


def rules(win):
    return {d.rule for d in win.checker.diagnostics}


def settled(win, qtbot):
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current, timeout=15000)


# ---------------------------------------------------------------- 2. live checks see the folder

def test_live_checks_report_a_missing_picture_and_an_unlisted_file(qtbot, sample_copy):
    """The editor's checks run on a snapshot; with the World passed in they see what the CLI sees."""
    shutil.copy(sample_copy / "articles" / f"{SECOND}.md", sample_copy / "articles" / "08-未列入.md")
    w = make_window(qtbot, sample_copy)
    settled(w, qtbot)
    unlisted = [d for d in w.checker.diagnostics if d.rule == "issue.article-unlisted"]
    assert len(unlisted) == 1 and "08-未列入" in unlisted[0].message
    # a picture typed into the body that is not in images/: an error, as `bulletin check` says
    w.select(SECOND)
    body = w.editor.body
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.Start)
    type_text(body, "![示意图](../images/缺.png)")
    qtbot.keyClick(body, Qt.Key.Key_Return)
    assert w.doc.issue.article(SECOND).body[0].src == "../images/缺.png"
    settled(w, qtbot)
    missing = [d for d in w.checker.diagnostics if d.rule == "structure.image-missing"]
    assert len(missing) == 1 and missing[0].severity == "error" and missing[0].article_id == SECOND
    (sample_copy / "images").mkdir()
    (sample_copy / "images" / "缺.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    settled(w, qtbot)
    assert "structure.image-missing" not in rules(w)
    close(w)


def test_an_article_deleted_in_the_window_is_not_reported_as_unlisted(win, qtbot, sample_copy):
    """Its file is still on disk until the save removes it: not a file “left out of issue.toml”."""
    win.select(SECOND)
    win.outline.setFocus()
    win.actions.do_delete()
    settled(win, qtbot)
    assert "issue.article-unlisted" not in rules(win)
    assert win.save()
    assert not (sample_copy / "articles" / f"{SECOND}.md").exists()
