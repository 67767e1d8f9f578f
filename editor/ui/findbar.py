"""Find and replace in the article being edited (Ctrl+F, Ctrl+H).

Searches the field that last had the focus (the body by default), wrapping
around, as you type; every match is marked and counted (“第 2 / 7 处”).
“全部替换” is one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QTextEdit, QToolButton,
                               QWidget)

from .document import field_text

ISSUE_FIELDS = ("title", "editor_note", "body")     # what “全期” replaces in every article

MAX_MARKED = 2000          # marking more matches than this would slow typing for no use


class FindBar(QWidget):
    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor                   # the ArticleEditor
        self.target: QPlainTextEdit | None = None
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText("查找")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText("替换为")
        self.status = QLabel("")
        self.status.setStyleSheet("color:#777;")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.addWidget(self.find_edit, 2)
        lay.addWidget(self._button("上一个", lambda: self.find(backward=True)))
        lay.addWidget(self._button("下一个", self.find))
        lay.addWidget(self.replace_edit, 2)
        self.replace_button = self._button("替换", self.replace_one)
        self.replace_all_button = self._button("全部替换", self.replace_all)
        self.whole_issue = QCheckBox("全期")
        self.whole_issue.setToolTip("“全部替换”替换本期每篇文章的标题、编者按和正文（一步，可撤销）")
        self.whole_issue.toggled.connect(lambda _on: self._report())
        lay.addWidget(self.replace_button)
        lay.addWidget(self.replace_all_button)
        lay.addWidget(self.whole_issue)
        lay.addWidget(self.status)
        lay.addWidget(self._button("✕", self.close_bar, "关闭（Esc）"))
        self.find_edit.returnPressed.connect(self.find)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.find_edit.textChanged.connect(self._incremental)
        self.match_format = QTextCharFormat()
        self.match_format.setBackground(QColor("#FFE082"))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _button(self, text, slot, tip: str = "") -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip or text)
        b.clicked.connect(slot)
        return b

    def open(self, replace: bool) -> None:
        w = self.editor.focused_field()
        self.target = w if isinstance(w, QPlainTextEdit) else self.editor.body
        selected = self.target.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for w in (self.replace_edit, self.replace_button, self.replace_all_button, self.whole_issue):
            w.setVisible(replace)
        self.show()
        (self.replace_edit if replace and self.find_edit.text() else self.find_edit).setFocus()
        self.find_edit.selectAll()
        if self.find_edit.text():
            self._report()

    def close_bar(self) -> None:
        self.hide()
        self._mark([])
        (self.target or self.editor.body).setFocus()

    def _positions(self) -> list[int]:
        needle, text = self.find_edit.text(), self._target().model_text()
        found, at = [], text.find(needle) if needle else -1
        while at >= 0:
            found.append(at)
            at = text.find(needle, at + len(needle))
        return found

    def _mark(self, positions: list[int]) -> None:
        """Every match in a soft colour (the current one is the selection)."""
        w, n = self._target(), len(self.find_edit.text())
        marks = []
        for at in positions[:MAX_MARKED]:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = QTextCursor(w.document())
            sel.cursor.setPosition(at)
            sel.cursor.setPosition(at + n, QTextCursor.MoveMode.KeepAnchor)
            sel.format = self.match_format
            marks.append(sel)
        w.set_marks("find", marks)          # beside the problem marks of the title and 编者按

    def _report(self, note: str = "") -> None:
        positions = self._positions()
        self._mark(positions)
        if not positions:
            self.status.setText(("未找到" + self._issue_count()) if self.find_edit.text() else "")
            return
        cursor = self._target().textCursor()
        here = cursor.selectionStart() if cursor.hasSelection() else -1
        place = f"第 {positions.index(here) + 1} / {len(positions)} 处" if here in positions else f"共 {len(positions)} 处"
        self.status.setText(f"{place}{self._issue_count()}{'，' + note if note else ''}")

    def _issue_count(self) -> str:
        if not (self.whole_issue.isVisible() and self.whole_issue.isChecked() and self.editor.doc):
            return ""
        needle = self.find_edit.text()
        n = sum(field_text(a, f).count(needle) for a in self.editor.doc.issue.articles for f in ISSUE_FIELDS)
        return f"，全期 {n} 处"

    def refresh(self) -> None:
        """The text searched changed wholesale (another article): mark and count afresh."""
        self._report()

    def _incremental(self, _text: str) -> None:
        """Find as you type: from the start of the current match, so a longer word keeps its place."""
        w = self._target()
        if not self.isVisible() or not self.find_edit.text():
            self._mark([])
            self.status.setText("")
            return
        cursor = w.textCursor()
        cursor.setPosition(cursor.selectionStart())
        w.setTextCursor(cursor)
        self.find()

    def _target(self) -> QPlainTextEdit:
        return self.target or self.editor.body

    def find(self, backward: bool = False) -> bool:
        needle = self.find_edit.text()
        w = self._target()
        if not needle:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if w.find(needle, flags):
            self._report()
            return True
        cursor = w.textCursor()       # wrap around
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        w.setTextCursor(cursor)
        found = w.find(needle, flags)
        self._report(("已从末尾继续" if backward else "已从头继续") if found else "")
        return found

    def replace_one(self) -> None:
        w = self._target()
        if w.textCursor().selectedText() == self.find_edit.text() and self.find_edit.text():
            w.textCursor().insertText(self.replace_edit.text())
        self.find()

    def replace_all(self) -> int:
        if self.whole_issue.isChecked() and self.whole_issue.isVisible():
            return self.replace_in_issue()
        needle, new = self.find_edit.text(), self.replace_edit.text()
        w = self._target()
        text = w.model_text()       # not toPlainText(): a replace must not break a table's rows apart
        count = text.count(needle) if needle else 0
        if count:
            doc, article_id = self.editor.doc, self.editor.article_id
            replaced = text.replace(needle, new)
            w.show_text(replaced)
            doc.edit_field(article_id, w.field, replaced, typing=False)
            if w.field == "body":
                self.editor._refresh_levels()
        self._mark(self._positions())
        self.status.setText(f"已替换 {count} 处" if count else "未找到")
        return count

    def replace_in_issue(self) -> int:
        """“全部替换” with “全期”: every article's title, 编者按 and body, as one undo step."""
        needle, new, doc = self.find_edit.text(), self.replace_edit.text(), self.editor.doc
        count = articles = 0
        if needle and doc is not None:
            doc.undo.beginMacro(f"全期替换“{needle}”为“{new}”")
            for article in list(doc.issue.articles):
                hits = 0
                for name in ISSUE_FIELDS:
                    text = field_text(article, name)
                    if needle in text:
                        hits += text.count(needle)
                        doc.edit_field(article.id, name, text.replace(needle, new), typing=False)
                count, articles = count + hits, articles + bool(hits)
            doc.undo.endMacro()
        self._mark(self._positions())
        self.status.setText(f"已在 {articles} 篇文章中替换 {count} 处" if count else "全期未找到")
        return count
