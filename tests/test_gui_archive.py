"""检索往期 and 往期统计 in the desktop editor (editor/ui/search_panel.py), driven offscreen."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtGui import QColor  # noqa: E402

from editor.archive import open_archive  # noqa: E402
from editor.archive.stats import year_stats  # noqa: E402
from editor.ui import search_panel  # noqa: E402

from . import archive_support as support  # noqa: E402
from .test_gui import close, make_window  # noqa: E402

pytestmark = pytest.mark.gui


def test_search_panel_finds_words_in_other_issues_and_opens_the_issue_at_them(qtbot, tmp_path):
    made = support.make_archive(tmp_path, 3)
    win = make_window(qtbot, made.issues[2])
    panel = search_panel.show_search(win)
    assert panel.folder == made.folder.resolve()
    qtbot.waitUntil(lambda: panel.column.count() > 1, timeout=30000)     # columns and years from the index
    assert [panel.column.itemText(i) for i in range(panel.column.count())] == ["全部栏目", "国策要论", "地方新政",
                                                                              "前沿观察"]
    first = support.load_issue(made.issues[0]).article("06-深圳数字孪生")
    word = first.display_title[:9]                   # 北京市…: a title of issue 1 only
    panel.query.setText(word)
    panel.search()
    qtbot.waitUntil(lambda: panel.results.topLevelItemCount() > 0, timeout=30000)
    assert panel.results.topLevelItemCount() == 1
    top = panel.results.topLevelItem(0)
    assert top.text(0) == f"2023年第1期 · 地方新政 · {first.display_title}"
    assert "共 1 篇" in panel.status.text()
    hit, match = top.child(0).data(0, search_panel.HIT_ROLE)
    assert panel.open_hit(hit, match)                # another issue: opened, the words selected
    assert win.doc.folder.resolve() == made.issues[0].resolve()
    assert win.editor.current_article().id == "06-深圳数字孪生"
    assert win.editor.title.textCursor().selectedText() == word
    close(win)


def test_search_panel_puts_the_cursor_on_a_body_hit(qtbot, tmp_path):
    made = support.make_archive(tmp_path, 2)
    win = make_window(qtbot, made.issues[1])
    panel = search_panel.show_search(win)
    panel.query.setText("数据产品")
    panel.search()
    qtbot.waitUntil(lambda: panel.results.topLevelItemCount() > 0, timeout=30000)
    for i in range(panel.results.topLevelItemCount()):
        top = panel.results.topLevelItem(i)
        for k in range(top.childCount()):
            hit, match = top.child(k).data(0, search_panel.HIT_ROLE)
            if match.field == "body":
                assert panel.open_hit(hit, match)
                assert win.editor.body.textCursor().selectedText() == "数据产品"
                close(win)
                return
    raise AssertionError("no body hit")


def test_the_chart_draws_a_bar_per_column_as_long_as_its_count(tmp_path):
    from editor.ui.app import application

    application()
    made = support.make_archive(tmp_path, 3)
    stats = year_stats(open_archive(made.folder), 2023)
    assert [n for _, n in stats.columns] == [12, 6, 3]                     # 4 + 2 + 1 articles, three issues
    image = search_panel.stats_chart(stats)
    bar = search_panel.BAR.rgb()

    def run_length(y: int) -> int:
        return sum(1 for x in range(int(image.width() * 0.45)) if image.pixel(x, y) == bar)

    rows = sorted({run_length(y) for y in range(30, image.height()) if run_length(y)}, reverse=True)
    assert len(rows) == 3
    assert abs(rows[1] / rows[0] - 0.5) < 0.03 and abs(rows[2] / rows[0] - 0.25) < 0.03
    months = [sum(1 for y in range(image.height()) if image.pixel(x, y) == bar)
              for x in range(int(image.width() * 0.5), image.width())]
    assert max(months) > 0 and QColor(image.pixel(2, 2)) == QColor("white")
