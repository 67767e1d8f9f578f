"""The desktop editor, driven offscreen with pytest-qt: open, outline, edit, checks, fixes, safety."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from editor.content import load_issue  # noqa: E402
from editor.ui import safety  # noqa: E402
from editor.ui.app import application  # noqa: E402
from editor.ui.mainwindow import MainWindow  # noqa: E402
from editor.ui.outline import MIME  # noqa: E402

pytestmark = pytest.mark.gui

FIRST = "01-网络安全保险"
SECOND = "02-电子产品消费"


def make_window(qtbot, folder=None, preview=False, answers=None):
    application()
    win = MainWindow(interactive=False, preview=preview)
    asked = []

    def prompt(title, text, buttons, default=0, icon=None, focus=None):
        asked.append((title, text))
        return answers.pop(0) if answers else default

    win.prompt = prompt
    win.asked = asked
    qtbot.addWidget(win)
    win.show()
    if folder is not None:
        assert win.open_folder(folder)
    return win


def type_text(widget, text):
    """Key presses carrying Chinese text (QTest.keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def close(win):
    if win.doc is not None:
        win.doc.mark_saved()
    win.close()


@pytest.fixture
def win(qtbot, sample_copy):
    w = make_window(qtbot, sample_copy)
    qtbot.waitUntil(lambda: w.checker.current, timeout=10000)
    yield w
    close(w)


def ids(issue):
    return [[a.id for a in c.articles] for c in issue.columns]


def test_opens_the_sample(win, sample_copy):
    model = win.doc.outline
    issue_index = model.issue_index()
    assert model.rowCount(issue_index) == 3
    names = [model.index(r, 0, issue_index).data() for r in range(3)]
    assert names == ["国策要论（2）", "地方新政（4）", "前沿观察（1）"]
    assert win.editor.article_id == FIRST
    assert win.editor.doc_number.text() == "工信部联网安〔2023〕95号"
    assert win.editor.body.toPlainText().startswith("网络安全保险是为网络安全风险提供保险保障的新兴险种")
    assert "第29期" in win.windowTitle() and not win.isWindowModified()
    assert (sample_copy / safety.LOCK_NAME).is_file()
    assert win.checker.diagnostics, "the sample has known problems (half-width punctuation)"


def test_reorder_and_move_articles_by_drag_and_keyboard(win, qtbot, sample_copy):
    doc, model = win.doc, win.doc.outline
    before = ids(doc.issue)
    # drag the second article of 国策要论 onto the first one: it goes first
    mime = model.mimeData([model.article_index(SECOND)])
    assert mime.hasFormat(MIME)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.article_index(FIRST))
    assert ids(doc.issue)[0] == [SECOND, FIRST]
    # drag it into 前沿观察, at the end
    column3 = model.index(2, 0, model.issue_index())
    assert model.dropMimeData(model.mimeData([model.article_index(SECOND)]), Qt.DropAction.MoveAction,
                              -1, 0, column3)
    assert ids(doc.issue)[0] == [FIRST] and ids(doc.issue)[2][-1] == SECOND
    # keyboard: Alt+Up moves it up within 前沿观察, Alt+Left to the previous column
    win.select(SECOND)
    win.outline.setFocus()
    qtbot.keyClick(win.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert ids(doc.issue)[2][0] == SECOND
    qtbot.keyClick(win.outline, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert ids(doc.issue)[1][-1] == SECOND
    assert model.article_at(win.outline.currentIndex()).id == SECOND, "the selection follows the article"
    # columns reorder too
    mime = model.mimeData([model.index(2, 0, model.issue_index())])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.issue_index())
    assert [c.name for c in doc.issue.columns] == ["前沿观察", "国策要论", "地方新政"]
    assert win.isWindowModified()
    # every step undoes, back to the sample's order
    while doc.undo.canUndo():
        doc.undo.undo()
    assert ids(doc.issue) == before and not doc.dirty
    doc.undo.redo()
    doc.undo.redo()
    assert win.save()
    assert ids(load_issue(sample_copy))[2] == ["07-可信AI白皮书", SECOND]


def test_outline_structure_edits_undo(win, qtbot):
    doc = win.doc
    win.select(FIRST)
    win.actions.do_add_column()
    assert [c.name for c in doc.issue.columns][1] == "新栏目"
    assert doc.outline.setData(doc.outline.index(1, 0, doc.outline.issue_index()), "专题")
    assert doc.issue.columns[1].name == "专题"
    assert not doc.outline.setData(doc.outline.index(1, 0, doc.outline.issue_index()), "地方新政")
    assert doc.issue.columns[1].name == "专题" and "已有栏目“地方新政”" in win.statusBar().currentMessage()
    win.select(FIRST)
    win.actions.do_add_article()
    new = win.editor.article_id
    assert new != FIRST and doc.issue.columns[0].articles[1].id == new
    win.select(FIRST)
    win.actions.do_delete()
    assert doc.issue.article(FIRST) is None and doc.issue.cover != FIRST
    for _ in range(4):
        doc.undo.undo()
    assert [c.name for c in doc.issue.columns] == ["国策要论", "地方新政", "前沿观察"]
    assert ids(doc.issue)[0] == [FIRST, SECOND]


def type_at_end_of_first_paragraph(qtbot, win, text):
    body = win.editor.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    body.setTextCursor(cursor)
    type_text(body, text)


def halfwidth(win, article_id):
    return [d for d in win.checker.diagnostics if d.article_id == article_id and d.rule == "punctuation.halfwidth"]


def test_typing_makes_a_problem_appear_and_undo_makes_it_go(win, qtbot):
    win.select(SECOND)
    assert not halfwidth(win, SECOND)
    type_at_end_of_first_paragraph(qtbot, win, "数据,要素")
    article = win.doc.issue.article(SECOND)
    assert article.body[0].text.endswith("数据,要素"), "typing reaches the model at once"
    qtbot.waitUntil(lambda: bool(win.checker.current and halfwidth(win, SECOND)), timeout=10000)
    d = halfwidth(win, SECOND)[0]
    assert (d.field, d.block_index) == ("body", 0)
    assert win.editor.highlighter.problems.get(0), "the body underlines it"
    # the typing is one undo step
    win.actions.undo_action.trigger()
    assert not article.body[0].text.endswith("要素")
    assert "数据,要素" not in win.editor.body.toPlainText()
    qtbot.waitUntil(lambda: bool(win.checker.current and not halfwidth(win, SECOND)), timeout=10000)


def test_click_on_a_problem_jumps_to_it(win, qtbot):
    d = next(d for d in win.checker.diagnostics if d.article_id == "03-上海数据要素" and d.field == "body")
    win.jump_to(d)
    assert win.editor.article_id == "03-上海数据要素"
    cursor = win.editor.body.textCursor()
    line = cursor.block().blockNumber()
    assert win.editor.body_line(d.block_index) == line
    assert cursor.selectedText() == win.doc.issue.article(d.article_id).body[d.block_index].text[
        d.offset:d.offset + max(d.length, 1)]


def test_quick_fix_applies_and_undoes(win, qtbot):
    d = next(d for d in win.checker.diagnostics if d.rule == "marker-style.bracket-width" and d.article_id == FIRST)
    article = win.doc.issue.article(FIRST)
    index = d.block_index
    before = article.body[index].text
    assert before.startswith("(七)")
    assert win.apply_fix(d)
    assert article.body[index].text.startswith("（七）")
    assert "（七）" in win.editor.body.toPlainText() and "(七)" not in win.editor.body.toPlainText()
    qtbot.waitUntil(lambda: win.checker.current and not any(
        x.rule == "marker-style.bracket-width" and x.article_id == FIRST for x in win.checker.diagnostics),
        timeout=10000)
    win.doc.undo.undo()
    assert article.body[index].text == before
    assert "(七)" in win.editor.body.toPlainText()
    qtbot.waitUntil(lambda: win.checker.current and any(
        x.rule == "marker-style.bracket-width" and x.article_id == FIRST for x in win.checker.diagnostics),
        timeout=10000)


def test_find_and_replace_all_is_one_undo_step(win):
    bar = win.editor.findbar
    win.actions.find_bar(True)
    assert bar.isVisible()
    bar.find_edit.setText("网络安全保险")
    bar.replace_edit.setText("网安险")
    count = bar.replace_all()
    assert count > 5
    article = win.doc.issue.article(FIRST)
    assert all("网络安全保险" not in b.text for b in article.body)
    win.doc.undo.undo()
    assert sum(b.text.count("网络安全保险") for b in article.body) == count


def test_fields_and_issue_panel_edit_the_model(win, qtbot, sample_copy):
    win.editor.doc_number.setFocus()
    win.editor.doc_number.selectAll()
    type_text(win.editor.doc_number, "国办发〔2023〕1号")
    assert win.doc.issue.article(FIRST).doc_number == "国办发〔2023〕1号"
    win.select(None)
    assert win.stack.currentWidget() is win.issue_panel
    win.issue_panel.number.setValue(30)
    assert win.doc.issue.number == 30
    win.issue_panel.disclaimer_own.setChecked(True)
    win.issue_panel.disclaimer.setPlainText("本期声明。")
    assert win.doc.issue.disclaimer == "本期声明。"
    assert win.save()
    again = load_issue(sample_copy)
    assert (again.number, again.disclaimer, again.article(FIRST).doc_number) == (30, "本期声明。", "国办发〔2023〕1号")


def test_autosave_is_recovered_after_a_crash(qtbot, sample_copy):
    crashed = make_window(qtbot, sample_copy)
    crashed.editor.title.setFocus()
    crashed.editor.title.selectAll()
    type_text(crashed.editor.title, "恢复测试标题")
    crashed.autosave()
    crashed.autosave_pool.waitForDone(5000)
    assert (safety.autosave_dir(sample_copy) / "articles" / f"{FIRST}.md").is_file()
    # a crash: the window vanishes without closing (its lock and autosave stay behind)
    safety.LIVE_TOKENS.discard(crashed.token)
    crashed.service.shutdown()
    crashed._closed = True
    assert load_issue(sample_copy).article(FIRST).title != "恢复测试标题"

    again = make_window(qtbot, answers=[0])
    assert again.open_folder(sample_copy)
    assert any("恢复" in title for title, _ in again.asked)
    assert not any("已被打开" in title for title, _ in again.asked), "the crashed window's lock is stale"
    assert again.doc.issue.article(FIRST).title == "恢复测试标题" and again.doc.dirty
    assert again.editor.title.toPlainText() == "恢复测试标题"
    assert again.save()
    assert load_issue(sample_copy).article(FIRST).title == "恢复测试标题"
    assert not safety.autosave_dir(sample_copy).exists()
    close(again)


def test_second_window_on_the_same_issue_is_warned(win, qtbot, sample_copy):
    other = make_window(qtbot, answers=[1])
    assert not other.open_folder(sample_copy)
    assert other.asked and "已被打开" in other.asked[0][0] and "另一个窗口" in other.asked[0][1]
    close(other)


def test_closing_with_unsaved_changes_asks(win, qtbot, sample_copy):
    win.editor.source.setFocus()
    type_text(win.editor.source, "测")
    answers = [2]
    win.prompt = lambda *a, **k: answers.pop(0)
    assert not win.close() and win.isVisible(), "cancel keeps the window"
    win.prompt = lambda *a, **k: 1                    # don't save
    assert win.close()
    assert not (sample_copy / safety.LOCK_NAME).exists()
    assert "测" not in (load_issue(sample_copy).article(FIRST).source.text)


def test_new_next_issue_from_the_current_one(win, sample_copy):
    from editor.cadence import next_issue

    issue = next_issue(win.doc.issue, win.doc.template)
    target = sample_copy.parent / "2023-30"
    win.actions._create(issue, target)
    assert win.doc.folder == target
    assert (win.doc.issue.number, win.doc.issue.total_number) == (30, 141)
    assert [c.name for c in win.doc.issue.columns] == ["国策要论", "地方新政", "前沿观察"]
    assert str(target.resolve()) in win.recent()


def test_import_adds_an_article(win, tmp_path):
    src = tmp_path / "通知.txt"
    src.write_text("关于开展数据要素试点工作的通知\n\n各有关单位：\n\n一、总体要求\n\n（一）指导思想。坚持统筹推进。\n",
                   encoding="utf-8")
    win.select(SECOND)
    added = win.actions.do_import([str(src)])
    assert len(added) == 1
    article = win.doc.issue.article(added[0])
    assert win.doc.issue.columns[0].articles[-1] is article
    assert win.editor.article_id == article.id
    win.doc.undo.undo()
    assert win.doc.issue.article(added[0]) is None


def test_outline_keys_work_only_in_the_outline(win, qtbot):
    doc = win.doc
    win.select(SECOND)
    win.editor.body.setFocus()
    qtbot.keyClick(win.editor.body, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert ids(doc.issue)[0] == [FIRST, SECOND], "Alt+Up in the body does not move the article"
    win.outline.setFocus()
    qtbot.keyClick(win.outline, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert ids(doc.issue)[0] == [SECOND, FIRST]
    qtbot.keyClick(win.outline, Qt.Key.Key_Delete)
    assert doc.issue.article(SECOND) is None
    qtbot.keyClick(win.outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.issue.article(SECOND) is not None
    win.select(FIRST)
    win.outline.setFocus()
    qtbot.keyClick(win.outline, Qt.Key.Key_Return)
    assert win.editor.body.hasFocus()


def test_many_edits_do_not_exhaust_reference_counts(win):
    """PySide6 6.12 on Python 3.11 drops a reference per Signal.emit; the app's shield absorbs it."""
    import sys

    before = sys.getrefcount(True)
    for i in range(3000):
        win.doc.edit_field(FIRST, "link", f"https://example.org/{i}", typing=True)
    assert sys.getrefcount(True) > 1000 or sys.version_info >= (3, 12)
    assert win.doc.issue.article(FIRST).link == "https://example.org/2999"
    assert before > 1000 or sys.version_info >= (3, 12)


def test_save_as_moves_the_issue_and_its_lock(win, sample_copy):
    target = sample_copy.parent / "副本"
    win.editor.source.setText("（来源：测试）")
    win.doc.edit_field(FIRST, "source", "（来源：测试）", typing=False)
    assert win.save_as(target)
    assert win.doc.folder == target and not win.doc.dirty
    assert (target / safety.LOCK_NAME).is_file() and not (sample_copy / safety.LOCK_NAME).exists()
    assert load_issue(target).article(FIRST).source.text == "（来源：测试）"
    assert load_issue(sample_copy).article(FIRST).source.text != "（来源：测试）", "the original is untouched"


def test_a_broken_issue_is_refused_in_chinese(qtbot, sample_copy):
    (sample_copy / "issue.toml").write_text("template = \n", encoding="utf-8")
    w = make_window(qtbot)
    assert not w.open_folder(sample_copy)
    assert "issue.toml" in w.statusBar().currentMessage() or "无法" in w.statusBar().currentMessage()
    assert w.doc is None
    close(w)


def test_ctrl_z_in_a_field_is_the_documents_undo(win, qtbot):
    field = win.editor.doc_number
    field.setFocus()
    field.end(False)
    type_text(field, "甲")
    assert win.doc.issue.article(FIRST).doc_number.endswith("甲")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.doc.issue.article(FIRST).doc_number == "工信部联网安〔2023〕95号"
    assert field.text() == "工信部联网安〔2023〕95号"
    assert not win.doc.dirty
    body = win.editor.body
    body.setFocus()
    type_text(body, "乙")
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "乙" not in body.toPlainText() and not win.doc.dirty


def test_drops_between_items_land_where_the_indicator_shows(win):
    doc, model = win.doc, win.doc.outline
    local = model.index(1, 0, model.issue_index())                 # 地方新政
    shanghai, chuanyu = "03-上海数据要素", "04-川渝自贸"
    # between 川渝 (row 1) and 重庆 (row 2) of the same column: 上海 ends up second (row 1)
    assert model.dropMimeData(model.mimeData([model.article_index(shanghai)]), Qt.DropAction.MoveAction,
                              2, 0, local)
    assert ids(doc.issue)[1][:2] == [chuanyu, shanghai]
    # between two columns on the issue item: to the end of the column above
    assert model.dropMimeData(model.mimeData([model.article_index(FIRST)]), Qt.DropAction.MoveAction,
                              2, 0, model.issue_index())
    assert ids(doc.issue)[1][-1] == FIRST
    # a column cannot go inside a column's articles as an article, nor an article onto nothing
    assert not model.canDropMimeData(model.mimeData([model.article_index(FIRST)]), Qt.DropAction.MoveAction,
                                     -1, 0, model.index(-1, 0))
    assert model.drop_target({"kind": "article", "id": "不存在"}, 0, local) is None


def test_a_recovery_put_off_is_kept_for_later(qtbot, sample_copy):
    issue = load_issue(sample_copy)
    issue.articles[0].title = "留待以后"
    safety.write_autosave(issue, sample_copy, "gone-window")
    w = make_window(qtbot, answers=[2])              # 暂不处理
    assert w.open_folder(sample_copy) and not w.doc.dirty
    assert w.doc.issue.article(FIRST).title != "留待以后"
    close(w)
    found = safety.find_recovery(sample_copy)
    assert found is not None and found.issue.articles[0].title == "留待以后"


def test_a_drop_on_the_tree_view_moves_the_article(win):
    """Through the view: the drop position picks the target the way a mouse drop does."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent

    doc, model, view = win.doc, win.doc.outline, win.outline
    view.expandAll()
    mime = model.mimeData([model.article_index("06-深圳数字孪生")])
    target = view.visualRect(model.article_index("03-上海数据要素"))
    pos = QPointF(target.center())
    vp = view.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(vp, QDragEnterEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods))
    QApplication.sendEvent(vp, QDragMoveEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods))
    QApplication.sendEvent(vp, QDropEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods))
    assert ids(doc.issue)[1] == ["06-深圳数字孪生", "03-上海数据要素", "04-川渝自贸", "05-重庆智能建造"]
    assert doc.undo.undoText().startswith("移动文章")


def test_files_dropped_from_outside_are_imported_where_they_land(win, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    src = tmp_path / "办法.md"
    src.write_text("# 数据资产登记管理办法\n\n第一条 为规范数据资产登记，制定本办法。\n\n第二条 本办法自发布之日起施行。\n",
                   encoding="utf-8")
    junk = tmp_path / "图.png"
    junk.write_bytes(b"\x89PNG")
    model = win.doc.outline
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(src)), QUrl.fromLocalFile(str(junk))])
    assert model.dropped_files(mime) == [str(src)]
    frontier = model.index(2, 0, model.issue_index())               # 前沿观察, before its only article
    assert model.canDropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, frontier)
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, frontier)
    first = win.doc.issue.columns[2].articles[0]
    assert first.id != "07-可信AI白皮书" and "数据资产登记" in first.title
    assert any(b.text.startswith("第一条") for b in first.body)
    second = tmp_path / "通知.txt"
    second.write_text("关于开展数据要素试点工作的通知\n\n各有关单位：\n\n一、总体要求\n", encoding="utf-8")
    before = len(win.doc.issue.articles)
    assert len(win.actions.do_import([str(src), str(second)])) == 2
    win.doc.undo.undo()
    assert len(win.doc.issue.articles) == before, "several files are one undo step"


def test_paste_as_policy_text_shows_then_replaces_in_one_step(win, monkeypatch):
    from editor.ui.dialogs import PasteDialog

    shown = []

    def fake_exec(dialog):
        shown.append(dialog.windowTitle())
        shown.append(dialog.field_labels["source"].text())
        shown.append(dialog.findChild(QPlainTextEdit).toPlainText())
        dialog.choice = PasteDialog.REPLACE
        return 1

    monkeypatch.setattr(PasteDialog, "exec", fake_exec)
    win.select(SECOND)
    before = win.doc.issue.article(SECOND).title
    text = ("关于加快公共数据开放的通知\n\n各区人民政府：\n\n一、总体要求\n\n（一）坚持需求导向。围绕企业和群众需求，\n"
            "有序开放公共数据。\n\n（来源：市数据局）\n")
    win.actions.paste_as_policy(text)
    assert shown and "整理结果" in shown[0]
    assert shown[1] == "（来源：市数据局）", "recognised fields are shown by name"
    assert "+++" not in shown[2] and shown[2].startswith("一、总体要求"), "the body, not the file's TOML header"
    article = win.doc.issue.article(SECOND)
    assert article.title == "关于加快公共数据开放的通知"
    assert any(b.text.startswith("（一）坚持需求导向。围绕企业和群众需求，有序开放") for b in article.body), "line joined"
    assert win.editor.title.toPlainText() == article.title
    win.doc.undo.undo()
    assert win.doc.issue.article(SECOND).title == before


def test_new_issue_from_a_template(win, sample_copy):
    import datetime as dt

    from editor.cadence import first_issue

    target = sample_copy.parent / "2024-01"
    win.actions._create(first_issue(win.doc.template, dt.date(2024, 1, 5), 1, 165), target)
    assert win.doc.folder == target and win.doc.issue.articles == []
    assert [c.name for c in win.doc.issue.columns] == ["国策要论", "地方新政", "前沿观察"]
    assert (target / "issue.toml").is_file()


def test_packaged_fonts_are_registered(win):
    from PySide6.QtGui import QFontDatabase

    from editor.fonts import packaged_font_files

    assert packaged_font_files(), "the project depends on a package that ships CJK fonts"
    families = QFontDatabase.families()
    assert any("Noto Sans SC" in f or "Noto Serif SC" in f for f in families)
    assert any("Noto" in f for f in QApplication.font().families())


def test_an_unexpected_error_is_logged_and_autosaved(win, monkeypatch):
    import sys

    from editor.paths import data_dir
    from editor.ui.app import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(win)
    win.doc.edit_field(FIRST, "link", "https://example.org/x", typing=False)
    try:
        raise ValueError("测试")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    logs = list((data_dir() / "logs").glob("crash-*.log"))
    assert logs and "ValueError: 测试" in logs[0].read_text(encoding="utf-8")
    win.autosave_pool.waitForDone(5000)
    assert (safety.autosave_dir(win.doc.folder) / "issue.toml").is_file()


def test_problems_can_be_limited_to_the_current_article(win):
    tree = win.problems.tree
    assert tree.topLevelItemCount() > 2
    win.problems.only_current.setChecked(True)
    win.select("03-上海数据要素")
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert len(titles) == 1 and titles[0].startswith("中国（上海）")


def test_issue_level_problem_and_its_fix(qtbot, sample_copy):
    import datetime as dt

    from editor.content import save_issue

    previous = load_issue(sample_copy)
    previous.date, previous.number, previous.total_number = dt.date(2023, 7, 14), 28, 139
    save_issue(previous, sample_copy.parent / "2023-28")
    w = make_window(qtbot, sample_copy)
    try:
        qtbot.waitUntil(lambda: w.checker.current, timeout=10000)
        assert not [d for d in w.checker.diagnostics if d.rule == "issue.number"]
        w.select(None)
        w.issue_panel.number.setValue(31)

        def number_problem():
            return [d for d in w.checker.diagnostics if d.rule == "issue.number"] if w.checker.current else []

        qtbot.waitUntil(lambda: bool(number_problem()), timeout=10000)
        d = number_problem()[0]
        w.jump_to(d)
        assert w.stack.currentWidget() is w.issue_panel and w.issue_panel.number.hasFocus()
        assert w.apply_fix(d)
        assert w.doc.issue.number == 29 and w.issue_panel.number.value() == 29
        assert "第29期" in w.doc.outline.issue_index().data()
        w.doc.undo.undo()
        assert w.doc.issue.number == 31 and w.issue_panel.number.value() == 31
    finally:
        close(w)


def test_redo_keys_work_on_every_platform(win, qtbot):
    """Qt's Redo binding is Ctrl+Y on Windows; bound twice to one action it was "ambiguous" and did nothing."""
    from editor.ui.actions import redo_keys

    keys = [k.toString() for k in redo_keys()]
    assert len(keys) == len(set(keys)) and {"Ctrl+Y", "Ctrl+Shift+Z"} <= set(keys)
    assert win.actions.save_as.shortcut().toString() == "Ctrl+Shift+S"
    body = win.editor.body
    body.setFocus()
    type_text(body, "乙")
    for redo in ((Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
                 (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)):
        qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert "乙" not in body.toPlainText()
        qtbot.keyClick(body, *redo)
        assert "乙" in body.toPlainText() and win.doc.dirty


def test_issue_problems_say_where_in_the_issue_panel(win):
    """A problem of the issue itself is not in an article's 正文 (its default field)."""
    from editor.checks.framework import Diagnostic, Edit, Fix
    from editor.model import Location
    from editor.ui.problems import place

    def diag(**kw):
        base = dict(rule="issue.x", category="issue", severity="error", message="m", location=Location("issue.toml", 3))
        return Diagnostic(**{**base, **kw})

    number = diag(fix=Fix("改为第29期", (Edit(None, "number", 0, 0, "29"),)))
    assert place(number) == "本期信息：期号"
    assert place(diag()) == "本期信息"
    assert place(diag(article_id=FIRST, block_index=2, offset=4)) == "正文第 3 段第 5 字"


def test_a_folder_that_cannot_be_written_is_said_in_chinese(qtbot, sample_copy, monkeypatch):
    import errno

    import editor.content

    def refuse(path, data):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(safety, "atomic_write", refuse)
    w = make_window(qtbot, sample_copy)
    assert "不能写入" in w.statusBar().currentMessage() and "另存为" in w.statusBar().currentMessage()
    hidden = sample_copy / "articles" / f".{FIRST}.md.k3j2h1.tmp"

    def save_refused(issue, folder):
        raise PermissionError(errno.EACCES, "Permission denied", str(hidden))

    monkeypatch.setattr(editor.content, "save_issue", save_refused)   # (the window imports it when saving)
    w.doc.edit_field(FIRST, "source", "（来源：测试）", typing=False)
    assert not w.save() and w.doc.dirty
    message = w.statusBar().currentMessage()
    assert "没有访问权限" in message and "Permission" not in message
    assert f"articles/{FIRST}.md（" in message.replace("\\", "/") and ".tmp" not in message
    close(w)


def test_find_as_you_type_marks_and_counts_every_match(win, qtbot):
    body, bar = win.editor.body, win.editor.findbar
    body.setFocus()
    win.actions.find.trigger()
    assert bar.isVisible() and bar.find_edit.hasFocus()
    total = body.toPlainText().count("网络安全保险")
    type_text(bar.find_edit, "网络安全")
    assert body.textCursor().selectedText() == "网络安全", "the first match is selected while typing"
    start = body.textCursor().selectionStart()
    type_text(bar.find_edit, "保险")
    assert body.textCursor().selectionStart() == start and body.textCursor().selectedText() == "网络安全保险"
    assert len(body.extraSelections()) == total
    assert bar.status.text().startswith(f"第 1 / {total} 处")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    assert bar.status.text().startswith(f"第 2 / {total} 处")
    win.select(SECOND)                       # another article: its own matches
    second = body.toPlainText().count("网络安全保险")
    assert len(body.extraSelections()) == second and bar.status.text() == (f"共 {second} 处" if second else "未找到")
    win.select(FIRST)
    type_text(bar.find_edit, "甲乙")
    assert bar.status.text() == "未找到" and not body.extraSelections()
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and not body.extraSelections()


def test_problem_list_keeps_the_selection_and_shows_the_current_article(win, qtbot):
    from editor.ui.problems import diag_key

    tree = win.problems.tree
    win.select("05-重庆智能建造")
    top = tree.itemAt(5, 5)
    assert top is not None and top.text(0).startswith("重庆市智能建造"), "its problems are at the top of the list"
    item = tree.topLevelItem(1).child(1)
    tree.setCurrentItem(item)
    chosen = diag_key(win.problems.selected())
    win.doc.edit_field("05-重庆智能建造", "link", "https://example.org/a", typing=True)
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current, timeout=10000)
    win.problems.refresh()
    assert win.problems.selected() is not None and diag_key(win.problems.selected()) == chosen, \
        "a re-check while typing does not lose the problem the editor picked (Ctrl+. acts on it)"


def test_questions_escape_to_the_safe_way_out(qtbot):
    """Esc in “保存修改” means 取消 (it had no escape button at all), Enter means 保存."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    application()
    win = MainWindow(interactive=True, preview=False, lock=False)
    qtbot.addWidget(win)
    seen = []

    def answer(key):
        box = QApplication.activeModalWidget()
        seen.append((box.defaultButton().text(), box.escapeButton().text()))
        qtbot.keyClick(box, key)

    for key, expected in ((Qt.Key.Key_Escape, 2), (Qt.Key.Key_Return, 0)):
        QTimer.singleShot(50, lambda k=key: answer(k))
        assert win.prompt("保存修改", "？", ["保存", "不保存", "取消"], 2, QMessageBox.Icon.Question, focus=0) == expected
    assert seen == [("保存", "取消")] * 2
    QTimer.singleShot(50, lambda: answer(Qt.Key.Key_Escape))
    assert win.prompt("另存为", "覆盖吗？", ["覆盖", "取消"], 1) == 1
    win.shutdown()


TABLE_ARTICLE = """+++
title = "带表格的文章"
+++

一、主要指标

| 指标 | 2023年 | 2025年 |
|---|---|---|
| 数据产业规模 | 1200 | 2000 |

到2025年,数据产业规模达到2000\u00a0亿元。
"""


def test_a_table_survives_being_shown_typed_around_and_replaced(qtbot, sample_copy):
    """toPlainText() turns the line breaks holding a table's rows together into paragraph breaks:
    merely showing the article turned the table into lines of “|” text and marked the issue modified."""
    from editor.body import BlockKind

    (sample_copy / "articles" / "08-表格.md").write_text(TABLE_ARTICLE, encoding="utf-8")
    toml = sample_copy / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"07-可信AI白皮书",', '"07-可信AI白皮书",\n    "08-表格",'),
                    encoding="utf-8")
    w = make_window(qtbot, sample_copy)
    try:
        w.select("08-表格")
        w.checker.run_full()
        qtbot.waitUntil(lambda: w.checker.current, timeout=10000)
        article = w.doc.issue.article("08-表格")
        kinds = [b.kind for b in article.body]
        assert kinds[1] is BlockKind.TABLE and not w.doc.dirty, "showing an article changes nothing"
        assert "\u00a0" in article.body[2].text, "a no-break space stays one"
        # the problem after the table is underlined on its own line (3rd editor line, not the 5th)
        d = next(d for d in w.checker.diagnostics if d.article_id == "08-表格" and d.rule == "punctuation.halfwidth")
        assert d.block_index == 2 and w.editor.body_line(2) == 2
        # typing after the table, a replace-all and Shift+Enter keep the table a table
        body = w.editor.body
        cursor = body.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        body.setTextCursor(cursor)
        body.setFocus()
        type_text(body, "甲")
        w.actions.find_bar(True)
        w.editor.findbar.find_edit.setText("指标")
        w.editor.findbar.replace_edit.setText("目标")
        assert w.editor.findbar.replace_all() == 2
        cursor.movePosition(QTextCursor.MoveOperation.End)
        body.setTextCursor(cursor)
        qtbot.keyClick(body, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        type_text(body, "乙")
        article = w.doc.issue.article("08-表格")
        assert article.body[1].kind is BlockKind.TABLE and article.body[1].rows[0][0] == "目标"
        assert article.body[2].text.endswith("甲") and article.body[3].text == "乙"
    finally:
        close(w)


def test_right_click_in_the_outline_offers_what_fits_the_item(win):
    def offered():
        return [a.text() for a in win.actions.context_actions() if a is not None]

    win.select(SECOND)
    on_article = offered()
    assert {"添加文章", "上移", "下移", "移到上一栏目", "移到下一栏目", "删除"} <= set(on_article)
    assert "重命名栏目" not in on_article
    win.outline.setCurrentIndex(win.doc.outline.index(1, 0, win.doc.outline.issue_index()))
    on_column = offered()
    assert "重命名栏目" in on_column and "移到下一栏目" not in on_column and "删除" in on_column
    win.select(None)
    assert "删除" not in offered() and "添加栏目" in offered()


def test_new_issue_dialog_names_the_publication_and_suggests_the_folder(win, sample_copy):
    import datetime as dt

    from editor.ui.dialogs import NewIssueDialog, available_templates

    base = sample_copy.parent
    dialog = NewIssueDialog(win, templates=available_templates(base), base=base, date=dt.date(2024, 1, 5),
                            number=1, total=165)
    index = dialog.template.findData("big-data-weekly")
    assert index >= 0 and dialog.template.itemText(index) == "《大数据发展动态》（big-data-weekly）"
    dialog.template.setCurrentIndex(index)
    tid, date, number, total, folder = dialog.values()
    assert (tid, date, number, total) == ("big-data-weekly", dt.date(2024, 1, 5), 1, 165)
    assert folder == base / "2024-01"
    dialog.deleteLater()


def test_a_long_preview_message_does_not_widen_the_preview(win):
    pv = win.preview
    before = pv.sizeHint().width()
    pv.status.setText("预览未能生成：articles/08-很长的文件名.md:13: 找不到图片“" + "/很长的路径" * 30 + "/图1.png”")
    QApplication.processEvents()          # the layout takes in the new text on its next turn
    assert pv.sizeHint().width() <= before + 10 and pv.minimumSizeHint().width() < 500


def test_replace_in_the_whole_issue_is_one_undo_step(win):
    from editor.ui.document import field_text

    doc, bar = win.doc, win.editor.findbar

    def everywhere(word):
        return sum(field_text(a, f).count(word) for a in doc.issue.articles for f in ("title", "editor_note", "body"))

    before = everywhere("数据")
    assert before > 20
    win.actions.find_bar(True)
    bar.whole_issue.setChecked(True)
    bar.find_edit.setText("数据")
    assert f"全期 {before} 处" in bar.status.text()
    bar.replace_edit.setText("资料")
    assert bar.replace_all() == before
    assert everywhere("数据") == 0 and "数据" not in win.editor.body.toPlainText()
    assert bar.status.text().startswith("已在 ") and doc.undo.undoText().startswith("全期替换")
    doc.undo.undo()
    assert everywhere("数据") == before and everywhere("资料") == 0 and not doc.dirty


def test_after_a_fix_the_next_problem_is_selected(win, qtbot):
    from editor.ui.problems import diag_key

    tree, panel = win.problems.tree, win.problems
    item = next(it for it in panel._flat_items() if it.data(0, Qt.ItemDataRole.UserRole).fix is not None)
    tree.setCurrentItem(item)
    first = diag_key(panel.selected())
    row = panel._flat_items().index(item)
    panel.fix_button.click()
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current, timeout=10000)
    panel.refresh()
    assert panel.selected() is not None and diag_key(panel.selected()) != first
    assert panel._flat_items().index(tree.currentItem()) == row, "the one that moved up into its place"


def test_ctrl_dot_in_the_body_fixes_the_problem_at_the_cursor(win, qtbot):
    """Not the one last chosen in the list (which may be in another article)."""
    from editor.content import issue_files

    target = "03-上海数据要素"
    elsewhere = next(it for it in win.problems._flat_items()
                     if it.data(0, Qt.ItemDataRole.UserRole).fix is not None
                     and it.data(0, Qt.ItemDataRole.UserRole).article_id != target)
    win.problems.tree.setCurrentItem(elsewhere)
    before = issue_files(win.doc.issue)
    d = next(d for d in win.checker.diagnostics if d.article_id == target and d.fix is not None
             and d.field == "body" and d.block_index is not None and d.block_index > 3)
    win.jump_to(d)
    cursor = win.editor.body.textCursor()
    cursor.clearSelection()
    win.editor.body.setTextCursor(cursor)
    assert win.editor.body.hasFocus()
    qtbot.keyClick(win.editor.body, Qt.Key.Key_Period, Qt.KeyboardModifier.ControlModifier)
    after = issue_files(win.doc.issue)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [f"articles/{target}.md"], changed


def test_saving_over_a_file_someone_else_changed_asks_first(qtbot, sample_copy):
    w = make_window(qtbot, sample_copy, answers=[1])           # 取消
    try:
        w.doc.edit_field(FIRST, "source", "（来源：本窗口）", typing=False)
        w.doc.edit_field(SECOND, "source", "（来源：本窗口）", typing=False)
        theirs = sample_copy / "articles" / f"{FIRST}.md"
        theirs.write_text(theirs.read_text(encoding="utf-8").replace("网络安全保险", "（同事改的）", 1), encoding="utf-8")
        untouched = sample_copy / "articles" / "07-可信AI白皮书.md"
        untouched.write_text(untouched.read_text(encoding="utf-8") + "\n同事加的一段。\n", encoding="utf-8")
        assert not w.save() and w.doc.dirty
        title, text = w.asked[-1]
        assert title == "文件已被改动" and f"articles/{FIRST}.md" in text
        assert "07-可信AI白皮书" not in text and f"{SECOND}.md" not in text, "only files the save would overwrite"
        assert "（同事改的）" in theirs.read_text(encoding="utf-8")
        w.asked.clear()
        w.prompt = lambda *a, **k: 0                          # 覆盖并保存
        assert w.save()
        assert "（同事改的）" not in theirs.read_text(encoding="utf-8")
        assert "同事加的一段" in untouched.read_text(encoding="utf-8"), "a file the save does not write keeps its change"
        w.prompt = lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked again"))
        w.doc.edit_field(FIRST, "source", "（来源：再改）", typing=False)
        assert w.save(), "after a save, the files on disk are ours again"
    finally:
        close(w)


def test_the_place_column_of_problems_stays_in_view_when_narrow(win):
    tree = win.problems.tree
    win.resize(1100, 700)
    QApplication.processEvents()
    header = tree.header()
    assert header.sectionViewportPosition(1) + header.sectionSize(1) <= tree.viewport().width() + 1


def test_f1_lists_every_shortcut_and_no_key_does_two_things(win):
    rows = win.actions.shortcut_table()
    commands = {command: keys for _menu, command, keys in rows}
    assert commands["保存"] == "Ctrl+S" and "Ctrl+Y" in commands["重做"] and commands["快速修复"] == "Ctrl+."
    assert commands["键盘快捷键"] == "F1"
    seen = {}
    for _menu, command, keys in rows:
        for key in keys.split("，"):
            assert key not in seen, f"{key}: {seen.get(key)} and {command}"
            seen[key] = command


def test_problems_in_the_title_and_editor_note_are_underlined_there(win, qtbot):
    note = win.editor.editor_note
    win.select(SECOND)
    note.setFocus()
    cursor = note.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    note.setTextCursor(cursor)
    type_text(note, "甲,乙")
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current and any(
        d.article_id == SECOND and d.field == "editor_note" for d in win.checker.diagnostics), timeout=10000)
    marked = [sel.cursor.selectedText() for sel in note.extraSelections()]
    assert "," in marked
    win.actions.find_bar(False)                 # searching the 编者按 keeps the problem marks
    win.editor.findbar.find_edit.setText("乙")
    assert "," in [sel.cursor.selectedText() for sel in note.extraSelections()]
    win.editor.findbar.close_bar()
    win.select(FIRST)
    assert "," not in [sel.cursor.selectedText() for sel in note.extraSelections()]


def test_articles_with_errors_are_marked_in_the_outline(win, qtbot):
    model = win.doc.outline
    index = model.article_index(SECOND)
    assert "错误" not in model.data(index, Qt.ItemDataRole.ToolTipRole)
    win.doc.edit_field(SECOND, "doc_number", "发改就业【2023】1019号", typing=False)
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current and model.errors.get(SECOND), timeout=10000)
    assert "个错误" in model.data(model.article_index(SECOND), Qt.ItemDataRole.ToolTipRole)
    win.doc.undo.undo()
    win.checker.run_full()
    qtbot.waitUntil(lambda: win.checker.current and not model.errors.get(SECOND), timeout=10000)
    assert "错误" not in model.data(model.article_index(SECOND), Qt.ItemDataRole.ToolTipRole)


def test_pasted_indentation_does_not_shift_underlines(win, qtbot):
    from PySide6.QtCore import QMimeData

    body = win.editor.body
    win.select(SECOND)
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_Return)
    mime = QMimeData()
    mime.setText("　　第一段,半角逗号。\r\n  　第二段。")
    body.insertFromMimeData(mime)
    article = win.doc.issue.article(SECOND)
    assert [b.text for b in article.body[-2:]] == ["第一段,半角逗号。", "第二段。"]
    from editor.ui.document import field_text
    assert body.model_text() == field_text(article, "body"), "the editor shows what the model has"
