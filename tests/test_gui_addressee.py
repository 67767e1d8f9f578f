"""A long 主送机关 shows whole in the article editor: the box wraps and grows, at small and large windows."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import tomllib  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from .test_gui import FIRST, SECOND, win  # noqa: E402,F401

pytestmark = pytest.mark.gui

MANIFEST = Path(__file__).parent / "fixtures" / "real" / "manifest.toml"


def real_addressees() -> list[str]:
    """The 主送机关 of the real documents of the corpus, as an editor read them (longest first)."""
    docs = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["document"]
    return sorted({d["addressee"] for d in docs if d.get("addressee")}, key=len, reverse=True)


def shown_whole(w) -> bool:
    """Every line of the box's text is inside the box and the box is not cut off by what holds it."""
    last = w.document().lastBlock()
    bottom = w.blockBoundingGeometry(last).translated(w.contentOffset()).bottom()
    bar = w.verticalScrollBar()
    if bar.maximum() > 0:
        return False                          # some of it is scrolled out of the box
    if bottom > w.viewport().height() + 0.5:
        return False
    return w.visibleRegion().boundingRect() == w.rect()


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_a_long_addressee_shows_whole(win, qtbot, size):
    longest = real_addressees()[0]
    assert len(longest) > 60, "the corpus has addressees of several lines (法发〔2024〕6号: 88 characters)"
    win.resize(*size)
    win.select(FIRST)
    box = win.editor.addressee
    for text in real_addressees()[:3]:
        win.doc.edit_field(FIRST, "addressee", text, typing=False)
        assert box.toPlainText() == text
        qtbot.waitUntil(lambda: shown_whole(box), timeout=3000)      # once the layouts have followed it
        assert box.lines_needed() > 1 or size[0] > 1900, "at 1024 pixels it does not fit one line"
    if size[0] > 1900:
        assert box.lines_needed() <= 2, "a wide window gives it the whole row"
    # a short one is a one-line box again, as tall as its neighbours
    win.doc.edit_field(FIRST, "addressee", "各省、自治区、直辖市人民政府：", typing=False)
    QApplication.processEvents()
    assert box.lines_needed() == 1 and abs(box.height() - win.editor.doc_number.height()) <= 6


def test_the_addressee_stays_one_line_in_the_file(win, qtbot):
    box = win.editor.addressee
    win.select(FIRST)
    box.setFocus()
    box.selectAll()
    mime = QMimeData()
    mime.setText("各省、自治区、直辖市人民政府，国务院各部委、\n各直属机构：")      # as copied from a PDF's two lines
    box.insertFromMimeData(mime)
    article = win.doc.issue.article(FIRST)
    assert article.addressee == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert article.addressee == "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "Enter breaks nothing"
    win.doc.undo.undo()
    assert article.addressee != "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：" and \
        box.toPlainText() == article.addressee, "the paste is one undo step, and the box follows it"


def test_the_body_stays_in_view_at_1024_by_700(win, qtbot):
    """The 编者按 box took its room from the editor's own height, which its boxes had already made taller
    than the window shows: at 1024×700 (the editor one field a row) the body was below the fold."""
    from editor.ui.fieldwidgets import line_height

    win.resize(1024, 700)
    win.select(SECOND)
    body = win.editor.body
    qtbot.waitUntil(lambda: body.visibleRegion().boundingRect().height() >= 2 * line_height(body.font()),
                    timeout=3000)
    assert shown_whole(win.editor.addressee) or not win.editor.addressee.toPlainText()
    win.select(FIRST)                 # a 编者按 of four lines at 1920 pixels: shown whole when there is room
    note = win.editor.editor_note
    assert note.verticalScrollBar().maximum() > 0, "at 1024×700 it scrolls, to leave the body its room"
    win.resize(1920, 1080)
    qtbot.waitUntil(lambda: note.height() > 3 * line_height(note.font()) and note.verticalScrollBar().maximum() == 0,
                    timeout=3000)
