"""The problem list's 位置 column names a table problem's row, column and character, not a count of “|”."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.body import table_layout  # noqa: E402
from editor.checks.framework import Diagnostic  # noqa: E402
from editor.model import BlockKind  # noqa: E402
from editor.ui.problems import place  # noqa: E402

from .test_gui import close, make_window  # noqa: E402

pytestmark = pytest.mark.gui

ARTICLE = """+++
title = "关于测试的通知"
doc_number = "国办发〔2023〕1号"
+++

前言段落,加强统筹。

各项扶持资金标准如下。

| 项目 | 补贴标准 | 说明 |
|---|---|---|
| 首次挂牌 | 不超过20 | 按挂牌数量,分档给予补贴 |

（来源：国务院办公厅）
"""


@pytest.fixture
def win(qtbot, mini_issue):
    (mini_issue / "articles" / "a1.md").write_text(ARTICLE, encoding="utf-8")
    w = make_window(qtbot, mini_issue)
    qtbot.waitUntil(lambda: w.checker.current, timeout=10000)
    yield w
    close(w)


def listed(w) -> dict:
    """Half-width-mark problems in the tree by block index: their rows, as the editor sees them."""
    tree = w.problems.tree
    rows = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for j in range(top.childCount()):
            item = top.child(j)
            d = item.data(0, Qt.ItemDataRole.UserRole)
            if d.rule == "punctuation.halfwidth":
                rows[d.block_index] = item
    return rows


def test_a_table_problem_is_placed_at_its_cell_and_a_paragraph_problem_at_its_character(win):
    rows = listed(win)
    assert sorted(rows) == [0, 2]
    assert rows[0].text(1) == "正文第 1 段第 5 字"
    assert win.doc.issue.article("a1").body[0].text[4] == ","
    where = rows[2].text(1)
    assert where == "正文第 3 段（表格）第 2 行第 3 列第 6 字"
    assert rows[2].text(0).startswith("表格第 2 行第 3 列：")    # the message and the column agree
    table = win.doc.issue.article("a1").body[2]
    assert table.kind is BlockKind.TABLE and table.rows[1][2][6 - 1] == ","
    assert rows[2].toolTip(1) == where


def test_the_place_column_widens_to_show_a_cell_whole_but_leaves_the_message_room(win):
    tree = win.problems.tree
    win.resize(1200, 800)
    QApplication.processEvents()
    win.problems.refresh()
    where = listed(win)[2].text(1)
    width = tree.header().sectionSize(1)
    assert tree.fontMetrics().horizontalAdvance(where) < width <= tree.viewport().width() // 2
    tree.header().resizeSection(1, 400)                   # the editor's own choice is kept
    win.problems.refresh()
    assert tree.header().sectionSize(1) == 400


def test_a_place_the_table_no_longer_has_falls_back_to_the_paragraph(win):
    """Checks run on a snapshot: by the time they are listed the block may have changed."""
    article = win.doc.issue.article("a1")
    d = next(d for d in win.checker.diagnostics if d.rule == "punctuation.halfwidth" and d.block_index == 2)
    _, cells = table_layout(article.body[2].rows)
    separator = cells[2][3] + 3                             # inside “|---|---|---|”, in no cell
    assert place(Diagnostic(**{**d.__dict__, "offset": separator}), article) == "正文第 3 段（表格）"
    assert place(Diagnostic(**{**d.__dict__, "block_index": 1}), article) == f"正文第 2 段第 {d.offset + 1} 字"
    assert place(Diagnostic(**{**d.__dict__, "block_index": 9}), article) == f"正文第 10 段第 {d.offset + 1} 字"
    assert place(d) == f"正文第 3 段第 {d.offset + 1} 字"      # no article to read: the old words
