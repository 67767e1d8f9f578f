"""A finding's related places (the other side of the disagreement) are rows under it in the problem list."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from editor.ui.document import field_text  # noqa: E402
from editor.ui.problems import RELATED_ROLE  # noqa: E402

from .test_gui import SECOND, win  # noqa: E402,F401

pytestmark = pytest.mark.gui


def count_problem(w):
    return [d for d in w.checker.diagnostics if d.rule == "note.count" and d.article_id == SECOND] \
        if w.checker.current else []


def row_of(w, d):
    tree = w.problems.tree
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            if top.child(j).data(0, Qt.ItemDataRole.UserRole) == d:
                return top.child(j)
    return None


def test_a_count_in_the_note_shows_the_bodys_last_item_as_a_row_to_click(win, qtbot):
    """02's 编者按 says 12项措施 and the body numbers 1.–12.; an editor who changes it to 10 is told, and
    the row under the finding takes them to “12.” in the body, the place the note disagrees with."""
    article = win.doc.issue.article(SECOND)
    note = field_text(article, "editor_note")
    assert "12项措施" in note and not count_problem(win)
    win.doc.edit_field(SECOND, "editor_note", note.replace("12项措施", "10项措施"), typing=False)
    qtbot.waitUntil(lambda: bool(count_problem(win)), timeout=15000)
    d = count_problem(win)[0]
    assert d.related and d.related[0].message == "正文的最后一项"
    win.problems.refresh()
    item = row_of(win, d)
    assert item is not None and item.childCount() == len(d.related) and item.isExpanded()
    related = item.child(0)
    assert related.text(0).startswith("相关位置：正文的最后一项") and "12." in related.text(0)
    last = next(i for i, b in enumerate(article.body) if b.text.startswith("12.营造绿色消费氛围"))
    assert related.text(1) == f"正文第 {last + 1} 段"

    # a click on the finding shows the 编者按's “10”; on the row under it, the body's “12.”
    tree = win.problems.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert win.editor.editor_note.textCursor().selectedText() == "10"
    tree.scrollToItem(related)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(related).center())
    cursor = win.editor.body.textCursor()
    assert win.editor.body.hasFocus()
    assert cursor.block().blockNumber() == win.editor.body_line(last)
    assert cursor.selectedText() == "12."
    assert win.problems.selected() == d, "the related row's problem is the one chosen (for Ctrl+. and F8)"

    # F8 goes on to the next finding, never to a related place's row
    win.actions.next_problem.trigger()
    problems = win.problems._flat_items()
    assert tree.currentItem() is problems[(problems.index(item) + 1) % len(problems)]
    seen = set()
    for _ in range(len(problems) + 1):
        win.actions.next_problem.trigger()
        assert tree.currentItem().data(0, RELATED_ROLE) is None
        seen.add(id(tree.currentItem()))
    assert len(seen) == len(problems)


def test_the_context_menu_offers_the_related_place(win, qtbot):
    article = win.doc.issue.article(SECOND)
    win.doc.edit_field(SECOND, "editor_note", field_text(article, "editor_note").replace("12项措施", "10项措施"),
                       typing=False)
    qtbot.waitUntil(lambda: bool(count_problem(win)), timeout=15000)
    win.problems.refresh()
    item = row_of(win, count_problem(win)[0])
    menu = win.problems.menu_for(item.child(0))             # on the related row: the problem's menu
    actions = menu.actions()
    assert [a.text() for a in actions[:2]] == ["转到问题所在", "转到相关位置：正文的最后一项"]
    actions[1].trigger()
    assert win.editor.body.textCursor().selectedText() == "12."
    actions[0].trigger()
    assert win.editor.editor_note.textCursor().selectedText() == "10"
