"""A new article's file name follows its title until the issue is saved, then stays (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from editor.content import load_issue  # noqa: E402

from .test_gui import win, type_text  # noqa: E402,F401  (the window fixture: the sample, checked)

pytestmark = pytest.mark.gui

FIRST = "01-网络安全保险"
TITLE = "关于促进数据要素市场发展的若干措施"
RENAMED = "08-促进数据要素市场发展"


def add_and_title(win, title=TITLE):
    win.select(FIRST)
    win.actions.do_add_article()
    new = win.editor.article_id
    assert new == "08-新文章" and win.editor.title.textCursor().hasSelection()
    type_text(win.editor.title, title)       # replaces the selected “新文章”
    return win.doc.issue.article(win.editor.article_id)


def test_a_new_articles_file_name_follows_its_title_until_saved(win, sample_copy):
    doc = win.doc
    article = add_and_title(win)
    assert article.title == TITLE and article.id == RENAMED
    assert win.editor.article_id == RENAMED and f"articles/{RENAMED}.md" in win.editor.body_label.text()
    index = doc.outline.article_index(RENAMED)
    assert index.isValid() and doc.outline.article_at(index) is article
    assert RENAMED in doc.outline.data(index, Qt.ItemDataRole.ToolTipRole)
    # Typing goes on into the same article under its new name.
    type_text(win.editor.body, "为加快培育数据要素市场，制定本措施。")
    assert article.body[0].text == "为加快培育数据要素市场，制定本措施。"
    # Undoing the title takes the name back with it; redoing brings both again.
    while article.title != "新文章":
        doc.undo.undo()
    assert article.id == "08-新文章" and win.editor.article_id == "08-新文章"
    while doc.undo.canRedo():
        doc.undo.redo()
    assert article.id == RENAMED and article.body[0].text.startswith("为加快")

    assert win.save()
    assert (sample_copy / "articles" / f"{RENAMED}.md").is_file()
    assert not (sample_copy / "articles" / "08-新文章.md").exists()
    listed = [a.id for c in load_issue(sample_copy).columns for a in c.articles]
    assert RENAMED in listed

    # Saved once: a new title no longer renames the file.
    title = win.editor.title
    title.selectAll()
    type_text(title, "数据要素市场发展措施")
    assert article.title == "数据要素市场发展措施" and article.id == RENAMED
    assert win.save()
    assert sorted(p.name for p in (sample_copy / "articles").iterdir() if p.name.startswith("08-")) == \
        [f"{RENAMED}.md"]


def test_undo_across_a_save_keeps_the_saved_name_and_still_reaches_earlier_edits(win, qtbot):
    doc = win.doc
    win.select(FIRST)
    win.actions.do_add_article()
    type_text(win.editor.body, "正文第一段。")
    article = doc.issue.article(win.editor.article_id)
    assert article.body[0].text == "正文第一段。"
    qtbot.wait(1600)                          # the title edit is an undo step of its own, not merged
    win.editor.title.selectAll()
    type_text(win.editor.title, TITLE)
    assert article.id == RENAMED
    doc.edit_issue("cover", RENAMED)
    assert win.save()
    doc.undo.undo()                           # the cover
    doc.undo.undo()                           # the title: the file keeps the name it was saved under
    assert article.title == "新文章" and article.id == RENAMED
    doc.undo.undo()                           # the body typed while it was still 08-新文章
    assert article.body == [] and article.id == RENAMED
    doc.undo.redo()
    doc.undo.redo()
    doc.undo.redo()
    assert article.title == TITLE and article.body[0].text == "正文第一段。" and doc.issue.cover == RENAMED


def test_the_cover_and_the_problem_list_follow_the_rename(win, qtbot):
    doc = win.doc
    win.select(FIRST)
    win.actions.do_add_article()
    doc.edit_issue("cover", "08-新文章")
    type_text(win.editor.body, "数据,要素。")
    qtbot.waitUntil(lambda: any(d.article_id == "08-新文章" for d in win.checker.diagnostics), timeout=10000)
    win.editor.title.selectAll()
    type_text(win.editor.title, TITLE)
    assert doc.issue.cover == RENAMED
    assert not any(d.article_id == "08-新文章" for d in win.checker.diagnostics)
    qtbot.waitUntil(lambda: any(d.article_id == RENAMED and d.rule == "punctuation.halfwidth"
                                for d in win.checker.diagnostics), timeout=10000)
    d = next(d for d in win.checker.diagnostics if d.article_id == RENAMED and d.rule == "punctuation.halfwidth")
    assert win.apply_fix(d)
    assert doc.issue.article(RENAMED).body[0].text == "数据，要素。"
    # Two new articles given the same title do not share a file.
    win.actions.do_add_article()
    type_text(win.editor.title, TITLE)
    assert win.editor.article_id == "09-促进数据要素市场发展"
