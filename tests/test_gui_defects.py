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


# ---------------------------------------------------------------- 3. an empty template column can be cleared

def _empty_local_column(win):
    """Move 地方新政's articles to 国策要论: the template column 地方新政 is left empty."""
    from editor.ui.document import MoveArticle

    doc = win.doc
    local, first = doc.issue.columns[1], doc.issue.columns[0]
    for article in list(local.articles):
        doc.undo.push(MoveArticle(doc, article.id, first, len(first.articles)))
    assert not local.articles
    return local


def missing_columns(win):
    return [d for d in win.checker.diagnostics if d.rule == "issue.column-missing"]


def test_deleting_an_empty_template_column_leaves_it_out_of_the_issue(win, qtbot, sample_copy):
    from editor.content import load_issue

    local = _empty_local_column(win)
    settled(win, qtbot)
    found = missing_columns(win)
    assert len(found) == 1 and found[0].message == "栏目“地方新政”本期没有文章"
    assert "issue.toml" not in found[0].message and "omit_columns" in found[0].hint   # the file's words: a hint
    win.outline.setCurrentIndex(win.doc.outline.column_index(local))
    win.actions.do_delete()
    settled(win, qtbot)
    assert missing_columns(win) == [] and win.doc.issue.omit_columns == ["地方新政"]
    win.select(None)
    assert "地方新政" in win.issue_panel.omitted.text()
    win.doc.undo.undo()                       # the column is back, and wanted again
    assert win.doc.issue.omit_columns == []
    win.doc.undo.redo()
    assert win.save()
    assert load_issue(sample_copy).omit_columns == ["地方新政"]
    win.issue_panel._restore_column("0")      # 恢复 in the issue panel
    assert win.doc.issue.omit_columns == []


def test_the_missing_column_has_a_quick_fix(win, qtbot):
    _empty_local_column(win)
    settled(win, qtbot)
    d = missing_columns(win)[0]
    assert d.fix is not None and d.fix.description == "本期不设栏目“地方新政”" and not d.fix.safe
    assert win.apply_fix(d)
    settled(win, qtbot)
    assert missing_columns(win) == [] and win.doc.issue.omit_columns == ["地方新政"]
    win.doc.undo.undo()
    assert win.doc.issue.omit_columns == []


# ---------------------------------------------------------------- 1. undone edits stay undone

def test_an_issue_clean_after_undo_leaves_no_autosave_to_resurrect(qtbot, sample_copy, tmp_path):
    """Quick fix, autosave, undo (已保存), switch to another issue, quit: no recovery offered later."""
    from editor.ui import safety

    other = sample_copy.parent / "2023-30"
    shutil.copytree(sample_copy, other)
    w = make_window(qtbot, sample_copy)
    settled(w, qtbot)
    d = next(x for x in w.checker.diagnostics if x.fix is not None and x.article_id)
    assert w.apply_fix(d)
    w.autosave()
    w.autosave_pool.waitForDone(5000)
    assert safety.autosave_dir(sample_copy).exists()
    w.doc.undo.undo()
    assert not w.doc.dirty and w.saved_label.text() == "已保存"
    assert w.open_folder(other)               # Ctrl+O to the next issue
    close(w)
    assert not safety.autosave_dir(sample_copy).exists()
    again = make_window(qtbot, answers=[0])
    assert again.open_folder(sample_copy)
    assert not any("恢复" in title for title, _ in again.asked), "nothing to recover: the fix was undone"
    assert not again.doc.dirty
    close(again)


def test_undo_to_the_saved_state_removes_the_autosave_at_once(win, qtbot, sample_copy):
    """A crash right after the undo must not bring the undone edit back either."""
    from editor.ui import safety

    win.doc.edit_field(FIRST, "link", "https://example.org/撤销", typing=False)
    win.autosave()
    win.autosave_pool.waitForDone(5000)
    assert safety.autosave_dir(sample_copy).exists()
    win.doc.undo.undo()
    win.autosave_pool.waitForDone(5000)
    assert not safety.autosave_dir(sample_copy).exists()
    win.doc.undo.redo()                      # dirty again: autosaved again when it is time
    win.autosave()
    win.autosave_pool.waitForDone(5000)
    assert safety.find_recovery(sample_copy) is None, "this window is alive: not a recovery"
    assert safety.autosave_dir(sample_copy).exists()


# ---------------------------------------------------------------- 6. an unterminated string is said as such

def test_an_unterminated_string_in_issue_toml_is_named_so(qtbot, sample_copy):
    toml = sample_copy / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('cover = "03-上海数据要素"', 'cover = "03-上海数据要素'),
                    encoding="utf-8")
    w = make_window(qtbot)
    shown = []
    w.error = shown.append
    assert not w.open_folder(sample_copy)
    assert len(shown) == 1 and "issue.toml:5" in shown[0], "the file and line of the string"
    assert "缺少结尾的引号" in shown[0] and "控制字符" not in shown[0]
    close(w)


# ---------------------------------------------------------------- 9. a folder that is no issue is refused first

def test_opening_a_folder_that_is_no_issue_asks_nothing_about_the_open_one(win, tmp_path):
    win.doc.edit_field(FIRST, "link", "https://example.org/未保存", typing=False)
    assert win.doc.dirty
    asked = []
    win.prompt = lambda title, *a, **k: asked.append(title) or 0
    shown = []
    win.error = shown.append
    (tmp_path / "照片").mkdir()
    assert not win.open_folder(tmp_path / "照片")
    assert asked == [], "no 保存修改 question for a folder that cannot be opened anyway"
    assert len(shown) == 1 and "不是期刊文件夹" in shown[0] and "照片" in shown[0]
    assert win.doc.dirty and win.doc.issue.article(FIRST).link == "https://example.org/未保存"


# ---------------------------------------------------------------- 7. start-up time leaves out the recovery question

def test_start_up_time_leaves_out_the_time_spent_answering(qtbot, sample_copy):
    import time

    from editor.content import load_issue
    from editor.ui import safety
    from editor.ui.app import startup_message

    issue = load_issue(sample_copy)
    issue.articles[0].title = "崩溃前的修改"
    safety.write_autosave(issue, sample_copy, "gone-window")
    w = make_window(qtbot)

    def slow_answer(title, *a, **k):       # the user reads the recovery question for a while
        time.sleep(0.6)
        return 0

    w.prompt = slow_answer
    start = time.monotonic()
    assert w.open_folder(sample_copy)
    elapsed = time.monotonic() - start
    assert w.waited_s >= 0.6
    shown = float(startup_message(elapsed, w).split()[1])
    assert shown <= elapsed - 0.59
    close(w)


# ---------------------------------------------------------------- 8. the template's colophon looks like what it is

def test_the_templates_colophon_looks_read_only_and_says_how_to_change_it(win, qtbot):
    from PySide6.QtGui import QPalette

    win.select(None)
    panel = win.issue_panel
    assert not panel.colophon_own.isChecked() and panel.colophon.isReadOnly()
    grey = panel.colophon.palette().color(QPalette.ColorRole.Base)
    assert grey != panel.cover_text.palette().color(QPalette.ColorRole.Base), "not the look of a box to type in"
    before = panel.colophon.toPlainText()
    panel.colophon.setFocus()
    type_text(panel.colophon, "甲")
    assert panel.colophon.toPlainText() == before and win.doc.issue.colophon is None
    assert panel.locked_hint.isVisible() and "本期单独设置" in panel.locked_hint.text()
    panel.colophon_own.setChecked(True)
    assert not panel.colophon.isReadOnly() and not panel.locked_hint.isVisible()
    assert panel.colophon.palette().color(QPalette.ColorRole.Base) == panel.cover_text.palette().color(
        QPalette.ColorRole.Base)
    panel.disclaimer.setFocus()
    type_text(panel.disclaimer, "乙")
    assert panel.locked_hint.isVisible() and "声明" in panel.locked_hint.text()


# ---------------------------------------------------------------- 4. nothing cut off at 1024×700

@pytest.mark.parametrize("size", [(1024, 700), (1366, 768), (1920, 1080)])
def test_small_screens_cut_off_no_text(qtbot, sample_copy, size):
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    w = make_window(qtbot, sample_copy)
    w.resize(*size)
    settled(w, qtbot)
    for _ in range(5):
        QApplication.processEvents()
    pv, editor = w.preview, w.editor
    line = pv.status.fontMetrics().height()
    # the preview's header: one line of status under one row of tools, never a column of single characters
    assert pv.status.height() < 2 * line and pv.tools.height() < 3 * line
    assert pv.status.width() > 8 * line
    # 文号 and 来源 show whole
    for field in (editor.doc_number, editor.source):
        assert field.fontMetrics().horizontalAdvance(field.text()) <= field.contentsRect().width() - 4, field.field
    # each problem's row is as tall as its wrapped text
    tree = w.problems.tree
    item = tree.topLevelItem(0).child(0)
    rect = tree.visualItemRect(item)
    width = tree.header().sectionSize(0) - tree.indentation() * 2 - tree.iconSize().width() - 16
    needed = tree.fontMetrics().boundingRect(QRect(0, 0, width, 100000),
                                             int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere),
                                             item.text(0)).height()
    assert rect.height() >= needed
    # the panes share the width: the outline does not take a third of a small screen
    assert w.split.sizes()[0] <= 0.25 * size[0] + 1
    close(w)
