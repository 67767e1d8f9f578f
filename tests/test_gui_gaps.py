"""What a Word/WPS user expects (issue #17): access keys, the 编辑 menu, undo in the body's menu,
recent issues by 期号, a problems pane that grows and keeps its size, 字数, 关于, files changed
by another program, 打开导出的文件 (pytest-qt, offscreen)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from editor.content import load_issue  # noqa: E402

from .test_gui import FIRST, close, make_window, type_text, win  # noqa: E402,F401

pytestmark = pytest.mark.gui


def test_the_save_question_has_access_keys(win, qtbot, sample_copy):
    """A real message box: 保存(S) 不保存(N) 取消, Alt+N being 不保存."""
    from PySide6.QtGui import QKeySequence

    win.doc.edit_field(FIRST, "link", "https://example.org/键", typing=False)
    win.interactive = True
    del win.prompt                  # the window's own question, not the tests' stand-in
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        seen.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == "不保存(&N)").click()

    QTimer.singleShot(50, answer)
    assert win.maybe_save()
    win.interactive = False
    assert sorted(seen) == sorted(["保存(&S)", "不保存(&N)", "取消"])
    assert QKeySequence.mnemonic("不保存(&N)").toString() == "Alt+N"
    assert not win.doc.dirty and "键" not in (load_issue(sample_copy).article(FIRST).link or "")


def test_cut_copy_paste_in_the_edit_menu(win):
    names = [a.text() for a in win.actions.edit_menu.actions() if not a.isSeparator()]
    assert names[:2] == ["撤销", "重做"] and {"剪切", "复制", "粘贴", "全选"} <= set(names)
    field = win.editor.doc_number
    field.setFocus()
    field.selectAll()
    win.actions.copy.trigger()
    assert QGuiApplication.clipboard().text() == "工信部联网安〔2023〕95号"
    win.editor.toc_title.setFocus()
    win.actions.paste.trigger()
    assert win.doc.issue.article(FIRST).toc_title == "工信部联网安〔2023〕95号", "a paste is an edit of the model"
    win.actions.undo_action.trigger()
    assert win.doc.issue.article(FIRST).toc_title is None
    win.editor.toc_title.setFocus()
    win.editor.toc_title.setText("要剪的")
    win.doc.edit_field(FIRST, "toc_title", "要剪的", typing=False)
    win.editor.toc_title.selectAll()
    win.actions.cut.trigger()
    assert QGuiApplication.clipboard().text() == "要剪的" and win.doc.issue.article(FIRST).toc_title is None


def test_the_bodys_context_menu_offers_the_documents_undo(win):
    from editor.ui.editors import context_menu

    type_text(win.editor.body, "甲")
    menu = context_menu(win.editor.body)
    actions = menu.actions()
    assert actions[0] is win.actions.undo_action and actions[1] is win.actions.redo_action
    assert "撤销" in actions[0].text() and actions[0].isEnabled()
    assert not [a for a in actions if a.objectName() in ("edit-undo", "edit-redo")], "not the box's private undo"
    texts = [a.text() for a in actions]
    assert any(t.startswith("剪切") for t in texts) and any(t.startswith("粘贴") for t in texts)
    actions[0].trigger()
    assert "甲" not in win.editor.body.toPlainText()
    menu.deleteLater()


def test_recent_issues_are_listed_by_number_and_date(win, sample_copy, tmp_path):
    from editor.ui.actions import recent_label

    assert recent_label(str(sample_copy)) == "第29期　2023年7月21日（2023-29）"
    assert recent_label(str(tmp_path / "没有了")) == "没有了（已不存在或无法读取）"
    win.actions.recent_menu.aboutToShow.emit()
    items = win.actions.recent_menu.actions()
    assert items[0].text() == "第29期　2023年7月21日（2023-29）" and items[0].toolTip() == str(sample_copy.resolve())


def test_the_problems_pane_grows_and_keeps_its_size(qtbot, sample_copy):
    w = make_window(qtbot, sample_copy)
    w.resize(1366, 768)
    before = w.center.sizes()
    w.problems.enlarge.setChecked(True)
    big = w.center.sizes()
    assert big[1] > 0.6 * sum(big) > before[1]
    w.problems.enlarge.setChecked(False)
    assert w.center.sizes() == before
    w.center.setSizes([300, 400])
    w.center.splitterMoved.emit(300, 1)               # as a drag of the divider does
    qtbot.wait(700)
    kept = w.center.sizes()
    close(w)
    again = make_window(qtbot, sample_copy)
    again.resize(1366, 768)
    assert again.center.sizes() == kept
    close(again)


def test_word_count_of_the_article_and_the_issue(win, qtbot):
    from editor.ui.wordcount import count_article, count_text

    assert count_text("为 2023 年 data-driven 发展，（一）。") == 7    # 为 年 发 展 一 + 2023 + data-driven
    assert count_text("ＡＢＣ１２３") == 1
    article = win.doc.issue.article(FIRST)
    n = count_article(article)
    everything = article.title + "".join(b.text for b in article.editor_note + article.body)
    assert 2000 < n < len(everything) + len(article.source.text) + len(article.doc_number or "")
    qtbot.waitUntil(lambda: f"本文 {n:,} 字" in win.count_label.text(), timeout=3000)
    type_text(win.editor.body, "数据")
    qtbot.waitUntil(lambda: f"本文 {n + 2:,} 字" in win.count_label.text(), timeout=3000)
    total = sum(count_article(a) for a in win.doc.issue.articles)
    assert f"本期 {total:,} 字" in win.count_label.text()


def test_about_shows_the_version(win):
    from editor import __version__
    from editor.ui.dialogs import AboutDialog

    dialog = AboutDialog(win)
    assert __version__ in dialog.text.text() and "简报编排器" in dialog.windowTitle()
    assert any(a.text() == "关于简报编排器" for a in win.menuBar().actions()[-1].menu().actions())


def test_a_file_changed_by_another_program_is_offered_for_reload(win, qtbot, sample_copy):
    from editor.ui.watch import comparison

    art = sample_copy / "articles" / f"{FIRST}.md"
    assert win.watcher.check() == [] and not win.changed_bar.isVisible()
    art.write_text(art.read_text(encoding="utf-8").replace("网络安全保险是为", "【同事改过】网络安全保险是为"),
                   encoding="utf-8")
    qtbot.waitUntil(lambda: win.changed_bar.isVisible(), timeout=5000)    # the watcher saw it
    assert f"articles/{FIRST}.md" in win.changed_bar.text.text()
    diff = comparison(win.doc, win.watcher.reported)
    assert "+【同事改过】网络安全保险是为" in diff and "-网络安全保险是为" in diff
    assert win.reload_from_disk()
    assert win.doc.issue.article(FIRST).body[0].text.startswith("【同事改过】")
    assert win.editor.article_id == FIRST and not win.changed_bar.isVisible()
    # the window's own save is no change by someone else
    win.doc.edit_field(FIRST, "link", "https://example.org/自己", typing=False)
    assert win.save()
    assert win.watcher.check() == []
    qtbot.wait(600)
    assert not win.changed_bar.isVisible()


def test_reloading_over_unsaved_edits_asks_first(win, sample_copy):
    art = sample_copy / "articles" / f"{FIRST}.md"
    art.write_text(art.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    win.watcher.check()
    win.doc.edit_field(FIRST, "link", "https://example.org/未保存", typing=False)
    asked = []
    win.prompt = lambda title, text, buttons, default=0, icon=None, focus=None: asked.append(buttons) or 1
    assert not win.reload_from_disk()
    assert asked == [["重新载入(&R)", "取消"]] and win.doc.issue.article(FIRST).link == "https://example.org/未保存"


def test_open_the_exported_file_in_its_program(win, monkeypatch, tmp_path):
    from editor.ui import dialogs
    from editor.ui.builds import Output

    opened = []
    monkeypatch.setattr(dialogs, "open_with_system", lambda path: opened.append(path) or True)
    dialog = win.actions.export_dialog()
    assert not dialog.open_files["pdf"].isEnabled()
    pdf, docx = tmp_path / "a.pdf", tmp_path / "a.docx"
    dialog.job = 7
    dialog._finished(7, "export", [Output("pdf", pdf, 0.2, 33), Output("docx", docx, 0.1, None)], 0)
    assert dialog.open_files["pdf"].isEnabled() and dialog.open_files["docx"].isEnabled()
    dialog.open_files["docx"].click()
    dialog.open_files["pdf"].click()
    assert opened == [docx, pdf]
    monkeypatch.setattr(dialogs, "open_with_system", lambda path: False)
    assert not dialog.open_file("pdf") and "没有能打开" in dialog.status.text()
    dialog.close()
