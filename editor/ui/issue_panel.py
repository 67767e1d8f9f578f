"""The issue panel: date, 期号, 总期号, cover headline, and the colophon and disclaimer.

The colophon and disclaimer come from the template; ticking “本期单独设置”
copies them into the issue, where they can be changed for this issue only.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPlainTextEdit, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from ..model import ColophonEntry
from .document import Document
from .fieldwidgets import route_undo

OWN_TEXT = "__own__"


def colophon_text(entries: list[ColophonEntry]) -> str:
    """One line per role: 主编：甲、乙."""
    return "\n".join(f"{e.role}：{'、'.join(e.names)}" for e in entries)


def parse_colophon(text: str) -> list[ColophonEntry]:
    entries = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        role, sep, names = line.replace(":", "：").partition("：")
        names_list = [n.strip() for n in names.replace("，", "、").replace(",", "、").split("、") if n.strip()]
        entries.append(ColophonEntry(role.strip(), names_list if sep else []))
    return entries


class TemplateText(QPlainTextEdit):
    """The colophon or disclaimer: the template's text, greyed and read-only, until 本期单独设置 is ticked.
    Typing into it while it is the template's says how to change it, rather than doing nothing."""

    locked_typing = Signal()

    def set_own(self, own: bool) -> None:
        self.setReadOnly(not own)
        pal = self.palette()
        parent = self.parentWidget().palette() if self.parentWidget() else pal
        pal.setColor(QPalette.ColorRole.Base, parent.color(QPalette.ColorRole.Base if own else QPalette.ColorRole.Window))
        pal.setColor(QPalette.ColorRole.Text, parent.color(QPalette.ColorRole.Text if own else QPalette.ColorRole.PlaceholderText))
        self.setPalette(pal)

    def keyPressEvent(self, event) -> None:
        if self.isReadOnly() and event.text() and event.text().isprintable():
            self.locked_typing.emit()
        super().keyPressEvent(event)


class IssuePanel(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc: Document | None = None
        self.loading = False
        self.setWidgetResizable(True)
        self.setAccessibleName("本期信息")
        inner = QWidget()
        self.setWidget(inner)

        self.date = QDateEdit()
        self.date.setDisplayFormat("yyyy年M月d日")
        self.date.setCalendarPopup(True)
        self.number = QSpinBox()
        self.number.setRange(1, 999)
        self.number.setPrefix("第 ")
        self.number.setSuffix(" 期")
        self.total = QSpinBox()
        self.total.setRange(1, 99999)
        self.total.setPrefix("总第 ")
        self.total.setSuffix(" 期")
        self.cover = QComboBox()
        self.cover_text = QPlainTextEdit()
        self.cover_text.setPlaceholderText("自拟的封面要闻文字（可分行）")
        self.cover_text.setFixedHeight(self.cover_text.fontMetrics().lineSpacing() * 3 + 14)
        self.colophon_own = QCheckBox("本期单独设置（不勾选时用模板的编委信息）")
        self.colophon = TemplateText()
        self.colophon.setToolTip("每行一个职务：职务：姓名、姓名")
        self.disclaimer_own = QCheckBox("本期单独设置（不勾选时用模板的声明）")
        self.disclaimer = TemplateText()
        self.locked_hint = QLabel()
        self.locked_hint.setWordWrap(True)
        self.locked_hint.setStyleSheet("color:#B26A00;")
        self.locked_hint.hide()
        self.disclaimer.setFixedHeight(self.disclaimer.fontMetrics().lineSpacing() * 4 + 14)
        for w in (self.cover_text, self.colophon, self.disclaimer):
            route_undo(w)
            w.setTabChangesFocus(True)

        basics = QGroupBox("本期")
        form = QFormLayout(basics)
        form.addRow("出刊日期", self.date)
        nums = QHBoxLayout()
        nums.addWidget(self.number)
        nums.addWidget(self.total)
        nums.addStretch(1)
        form.addRow("期号", nums)
        self.issue_line = QLabel()
        self.issue_line.setStyleSheet("color:#1B4F8F;")
        form.addRow("刊期行", self.issue_line)
        self.omitted = QLabel()
        self.omitted.setWordWrap(True)
        self.omitted.setToolTip("模板里有、本期有意不设的栏目（在目录里删去模板栏目，或对“栏目本期没有文章”快速修复）")
        self.omitted.linkActivated.connect(self._restore_column)
        form.addRow("本期不设", self.omitted)
        cover_box = QGroupBox("封面要闻")
        cv = QVBoxLayout(cover_box)
        cv.addWidget(self.cover)
        cv.addWidget(self.cover_text)
        col_box = QGroupBox("编委信息")
        kv = QVBoxLayout(col_box)
        kv.addWidget(self.colophon_own)
        kv.addWidget(self.colophon)
        dis_box = QGroupBox("声明")
        dv = QVBoxLayout(dis_box)
        dv.addWidget(self.disclaimer_own)
        dv.addWidget(self.disclaimer)
        lay = QVBoxLayout(inner)
        for box in (basics, cover_box, col_box, dis_box):
            lay.addWidget(box)
        lay.addWidget(self.locked_hint)
        self.colophon.locked_typing.connect(lambda: self._locked("编委信息", self.colophon_own))
        self.disclaimer.locked_typing.connect(lambda: self._locked("声明", self.disclaimer_own))
        lay.addStretch(1)

        self.date.dateChanged.connect(self._date)
        self.number.valueChanged.connect(lambda v: self._set("number", v, True))
        self.total.valueChanged.connect(lambda v: self._set("total_number", v, True))
        self.cover.activated.connect(self._cover)
        self.cover_text.textChanged.connect(self._cover_text)
        self.colophon_own.toggled.connect(self._colophon_own)
        self.colophon.textChanged.connect(self._colophon_text)
        self.disclaimer_own.toggled.connect(self._disclaimer_own)
        self.disclaimer.textChanged.connect(self._disclaimer_text)

    # ------------------------------------------------------------ model → widgets

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.issue_changed.disconnect(self.refresh)
            self.doc.structure_changed.disconnect(self.refresh)
        self.doc = doc
        if doc is not None:
            doc.issue_changed.connect(self.refresh)
            doc.structure_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        doc = self.doc
        self.setEnabled(doc is not None)
        if doc is None:
            return
        issue, template = doc.issue, doc.template
        self.loading = True
        try:
            self.date.setDate(QDate(issue.date.year, issue.date.month, issue.date.day))
            self.number.setValue(issue.number)
            self.total.setValue(issue.total_number)
            self.issue_line.setText(issue.issue_line)
            self.omitted.setText("　".join(f"{html.escape(n)}（<a href='{i}'>恢复</a>）"
                                          for i, n in enumerate(issue.omit_columns)) or "（无）")
            self.cover.clear()
            self.cover.addItem("（不设封面要闻）", None)
            for a in issue.articles:
                self.cover.addItem(f"文章：{a.display_title}", a.id)
            self.cover.addItem("自拟文字……", OWN_TEXT)
            if issue.cover_text:
                self.cover.setCurrentIndex(self.cover.count() - 1)
            else:
                i = self.cover.findData(issue.cover) if issue.cover else 0
                self.cover.setCurrentIndex(max(i, 0))
            self.cover_text.setVisible(bool(issue.cover_text) or self.cover.currentData() == OWN_TEXT)
            if self.cover_text.toPlainText().strip() != (issue.cover_text or ""):
                self._show(self.cover_text, issue.cover_text or "")
            own = issue.colophon is not None
            self.colophon_own.setChecked(own)
            self.colophon.set_own(own)
            entries = issue.colophon if own else template.colophon
            if parse_colophon(self.colophon.toPlainText()) != entries:   # not while typing it
                self._show(self.colophon, colophon_text(entries))
            own = issue.disclaimer is not None
            self.disclaimer_own.setChecked(own)
            self.disclaimer.set_own(own)
            self._show(self.disclaimer, issue.disclaimer if own else template.disclaimer)
        finally:
            self.loading = False
        doc.outline.issue_renamed()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()       # article titles in the cover list may have changed meanwhile

    @staticmethod
    def _show(w: QPlainTextEdit, text: str) -> None:
        if w.toPlainText() != text:
            w.setPlainText(text)

    # ------------------------------------------------------------ widgets → model (undoable)

    def _set(self, name: str, value, typing: bool = False) -> None:
        if not self.loading and self.doc is not None:
            self.doc.edit_issue(name, value, typing)

    def _date(self, qdate: QDate) -> None:
        self._set("date", dt.date(qdate.year(), qdate.month(), qdate.day()), True)

    def _locked(self, what: str, box: QCheckBox) -> None:
        """Typing into the template's text: say where to change it (here, or in the template)."""
        self.locked_hint.setText(f"这里显示的是模板的{what}，不能直接修改：要只改本期，先勾选上面的“本期单独设置”；"
                                 f"要改以后每一期，请改模板（文件 → 编辑模板）。")
        self.locked_hint.show()
        box.setFocus()
        self.ensureWidgetVisible(box)

    def _restore_column(self, link: str) -> None:
        """恢复: the column is wanted again (the checks ask for its articles)."""
        if self.doc is None or not link.isdigit():
            return
        names = list(self.doc.issue.omit_columns)
        if int(link) < len(names):
            del names[int(link)]
            self._set("omit_columns", names)

    def _cover(self, _index: int) -> None:
        data = self.cover.currentData()
        if self.loading or self.doc is None:
            return
        if data == OWN_TEXT:
            self.cover_text.setVisible(True)
            self.cover_text.setFocus()
            return
        self.doc.undo.beginMacro("修改封面要闻")
        self._set("cover_text", None)
        self._set("cover", data)
        self.doc.undo.endMacro()

    def _cover_text(self) -> None:
        text = self.cover_text.toPlainText().strip()
        self._set("cover_text", text or None, True)

    def _colophon_own(self, on: bool) -> None:
        if self.loading or self.doc is None:
            return
        self.locked_hint.hide()
        entries = [ColophonEntry(e.role, list(e.names)) for e in self.doc.template.colophon]
        self._set("colophon", entries if on else None)

    def _colophon_text(self) -> None:
        if self.colophon_own.isChecked():
            self._set("colophon", parse_colophon(self.colophon.toPlainText()), True)

    def _disclaimer_own(self, on: bool) -> None:
        if not self.loading and self.doc is not None:
            self.locked_hint.hide()
            self._set("disclaimer", self.doc.template.disclaimer if on else None)

    def _disclaimer_text(self) -> None:
        if self.disclaimer_own.isChecked():
            self._set("disclaimer", self.disclaimer.toPlainText(), True)

