"""The template in the app (issue #17): every field edited in the dialog and saved to template.toml,
byte-identical when nothing changed, comments and layout kept where something did; 另存为模板."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")   # before Qt is imported

import dataclasses  # noqa: E402

import pytest  # noqa: E402

pytest.importorskip("PySide6.QtWidgets")
pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QTableWidgetItem  # noqa: E402

from editor.errors import TemplateError  # noqa: E402
from editor.template import load_template  # noqa: E402
from editor.ui.template_dialog import TemplateDialog  # noqa: E402
from editor.ui.templatefile import changed_text, same  # noqa: E402

from .test_gui import make_window, win  # noqa: E402,F401

pytestmark = pytest.mark.gui


@pytest.fixture
def tpl(sample_copy):
    return sample_copy.parent.parent / "issue_templates" / "big-data-weekly" / "template.toml"


def set_cell(table, row, col, text):
    table.setItem(row, col, QTableWidgetItem(text))


def test_saving_an_unchanged_template_leaves_it_byte_identical(qtbot, tpl):
    before = tpl.read_bytes()
    stat = tpl.stat()
    dialog = TemplateDialog(None, load_template(tpl))
    qtbot.addWidget(dialog)
    assert same(dialog.values(), dialog.template), "the dialog reads back what it shows"
    assert dialog.save() and not dialog.saved
    assert tpl.read_bytes() == before and tpl.stat().st_mtime_ns == stat.st_mtime_ns, "not even rewritten"


def test_every_field_of_the_template_is_edited_and_saved(qtbot, tpl):
    text = tpl.read_text(encoding="utf-8")
    dialog = TemplateDialog(None, load_template(tpl))
    qtbot.addWidget(dialog)
    d = dialog
    d.title.setText("数字经济动态")
    d.tagline.setText("新的一行")
    d.slogan.setText("新口号")
    d.publisher.setText("某研究院")
    d.language.setText("zh-Hans")
    d.colophon.setPlainText("主编：甲研究院\n编委会：张三、李四")
    d.disclaimer.setPlainText("新的声明。")
    d.profile_list.setCurrentRow(1)
    d.profile_name.setText("乙研究院")
    d.profile_name.textEdited.emit("乙研究院")
    d.profile_english.setText("Yi Institute")
    d.profile_english.textEdited.emit("Yi Institute")
    d.profile_text.setPlainText("第一段。\n第二段。")
    d.profile_logo.setText("logo.png")
    d.profile_logo.textEdited.emit("logo.png")
    set_cell(d.columns, 2, 0, "专题研究")
    d.columns.item(2, 1).setCheckState(Qt.CheckState.Checked)
    d.columns.item(0, 1).setCheckState(Qt.CheckState.Unchecked)
    d.paper.setCurrentText("B5")
    d.margins["margin_left"].setValue(20)
    d.unit.setCurrentIndex(d.unit.findData("month"))
    d.interval.setValue(2)
    d.restarts.setCurrentIndex(d.restarts.findData("never"))
    set_cell(d.colors, 1, 1, "#AA0000")
    set_cell(d.fonts, 0, 1, "宋体、Noto Serif SC")
    body = next(r for r in range(d.styles.rowCount()) if d.styles.item(r, 0).text() == "body")
    set_cell(d.styles, body, 2, "13")          # 字号
    set_cell(d.styles, body, 3, "是")          # 加粗
    set_cell(d.styles, body, 5, "左")          # 对齐
    set_cell(d.issuers, 0, 1, "国务院、中华人民共和国国务院")
    d.rules.insertRow(0)
    set_cell(d.rules, 0, 0, "punctuation.halfwidth")
    set_cell(d.rules, 0, 1, "提示")
    d.aliases.insertRow(0)
    set_cell(d.aliases, 0, 0, "国家数据局")
    set_cell(d.aliases, 0, 1, "数据局")
    assert d.save() and d.saved
    t = load_template(tpl)
    assert (t.publication.title, t.publication.tagline, t.publication.slogan, t.publication.publisher,
            t.publication.language) == ("数字经济动态", "新的一行", "新口号", "某研究院", "zh-Hans")
    assert [(e.role, e.names) for e in t.colophon] == [("主编", ["甲研究院"]), ("编委会", ["张三", "李四"])]
    assert t.disclaimer == "新的声明。"
    assert (t.back_matter[1].name, t.back_matter[1].english_name, t.back_matter[1].paragraphs,
            t.back_matter[1].logo) == ("乙研究院", "Yi Institute", ["第一段。", "第二段。"], "logo.png")
    assert [(c.name, c.requires_editor_note, c.optional) for c in t.columns] == [
        ("国策要论", False, False), ("地方新政", True, False), ("专题研究", True, True)]
    assert (t.page.size, t.page.margin_left, t.cadence.unit, t.cadence.interval, t.cadence.number_restarts) == \
        ("B5", 20.0, "month", 2, "never")
    assert t.colors["accent"] == "#AA0000" and t.fonts["song"] == ["宋体", "Noto Serif SC"]
    assert (t.styles["body"].size, t.styles["body"].bold, t.styles["body"].align) == (13.0, True, "left")
    assert t.doc_number_issuers["国发"] == ["国务院", "中华人民共和国国务院"]
    assert t.rules == {"punctuation.halfwidth": "info"} and t.issuer_aliases["国家数据局"] == ["数据局"]
    out = tpl.read_text(encoding="utf-8")
    # written by hand and commented: the comments and the untouched tables stay as they were
    for line in text.splitlines():
        if line.startswith("#") or line.startswith('"浙政办发"') or line.startswith("[issuer_aliases]"):
            assert line in out, line
    assert out.count("\n") < text.count("\n") + 20


def test_a_value_out_of_range_is_named_and_nothing_is_written(qtbot, tpl):
    before = tpl.read_bytes()
    dialog = TemplateDialog(None, load_template(tpl))
    qtbot.addWidget(dialog)
    body = next(r for r in range(dialog.styles.rowCount()) if dialog.styles.item(r, 0).text() == "body")
    set_cell(dialog.styles, body, 2, "200")
    assert not dialog.save()
    assert "样式" in dialog.problems.text() and "4 到 96 磅" in dialog.problems.text()
    set_cell(dialog.styles, body, 2, "十二")
    assert not dialog.save() and "字号（磅）应为数字" in dialog.problems.text()
    set_cell(dialog.styles, body, 2, "12")
    dialog.title.setText("")
    assert not dialog.save() and "刊名" in dialog.problems.text()
    assert tpl.read_bytes() == before


def test_changed_text_keeps_everything_it_does_not_change(tpl):
    text = tpl.read_text(encoding="utf-8")
    old = load_template(tpl)
    assert changed_text(text, old, old) == text
    new = dataclasses.replace(old, disclaimer="改过的声明")
    out = changed_text(text, old, new)
    changed = [(a, b) for a, b in zip(text.splitlines(), out.splitlines()) if a != b]
    assert len(changed) == 1 and changed[0][1] == 'disclaimer = "改过的声明"'
    with pytest.raises(TemplateError):
        changed_text(text, old, dataclasses.replace(old, page=dataclasses.replace(old.page, margin_top=200.0)))


def test_edit_template_from_the_window_applies_at_once(win, qtbot, monkeypatch, tpl):
    from editor.ui import template_dialog

    def edit(self):
        self.slogan.setText("窗口里改的口号")
        self.save()
        return True

    monkeypatch.setattr(template_dialog.TemplateDialog, "exec", edit)
    assert win.actions.template_dialog()
    assert win.doc.template.publication.slogan == "窗口里改的口号"
    assert load_template(tpl).publication.slogan == "窗口里改的口号"
    assert not win.doc.dirty, "the issue itself did not change"


def test_save_as_template_from_an_issue(win, tpl):
    win.select(None)
    win.issue_panel.disclaimer_own.setChecked(True)
    win.issue_panel.disclaimer.setPlainText("本期的声明。")
    path = win.actions.save_as_template("数字经济周刊")
    assert path == tpl.parent.parent / "数字经济周刊" / "template.toml"
    t = load_template(path)
    assert t.id == "数字经济周刊" and t.disclaimer == "本期的声明。"
    assert [c.name for c in t.columns] == ["国策要论", "地方新政", "前沿观察"] and t.columns[0].requires_editor_note
    assert t.publication.title == "大数据发展动态"
    assert path.read_text(encoding="utf-8").startswith("# 《大数据发展动态》的模板"), "the comments come along"
    assert win.actions.save_as_template("数字经济周刊") is None, "an existing template is never overwritten"
    assert win.actions.save_as_template("不可/以") is None
