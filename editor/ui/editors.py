"""The article editor: title, 文号, 主送机关, 编者按, link, source, and the body.

Every keystroke becomes (or extends) an undo command on the document's stack;
the widgets' own undo is off, so Ctrl+Z always means the same thing. The body
shows one paragraph per line as in the article file, highlighted by level.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (QAbstractScrollArea, QGridLayout, QLabel, QPlainTextEdit, QSizePolicy, QSplitter, QTextEdit, QToolButton,
                               QVBoxLayout, QWidget)

from ..fields import ARTICLE_FIELDS, Field
from .document import Document, field_text
from .fieldwidgets import (GrowingLineField, LineField, TextField, context_menu, laid_out, line_height,  # noqa: F401
                           route_undo, wrapped_lines)
from .findbar import FindBar
from .highlight import BodyHighlighter, legend_html, line_infos, problem_format
from .textmap import display_prefix, paragraph_map

# The fields shown under the title; the others of editor.fields go in the section below them.
HEAD_FIELDS = ("doc_number", "source", "addressee", "link", "toc_title")

# One-line fields that run to several lines in real documents (a 主送机关 lists ministries and provinces):
# a box that wraps and grows, on a row of its own.
GROWING_FIELDS = ("addressee", "copy_to")

TWO_COLUMNS_WIDTH = 640          # narrower than this, the one-line fields go one to a row
NOTE_LINES = 6                   # the 编者按 box grows with its text up to this many lines
LEVELS_DELAY_MS = 120            # the body's level colours follow typing this long after it pauses


def field_widget(field: Field) -> TextField | LineField:
    """The box for one field of the table: one line for text, a few lines for lines and lists."""
    example = field.hint.split("\n")[0]
    if field.kind == "text":
        grows = field.name in GROWING_FIELDS
        return (GrowingLineField if grows else LineField)(field.name, f"如 {example}" if example else "")
    box = TextField(field.name, lines=2)
    box.setPlaceholderText(("每项一行，" if field.kind == "list" else "可分行，") + (f"如 {example}" if example else ""))
    return box


class FieldGrid(QWidget):
    """Labelled fields: one-line ones two to a row when there is room, taller ones a row each."""

    def __init__(self, fields: list[tuple[Field, QWidget]], parent=None):
        super().__init__(parent)
        self.fields = fields
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.labels = []
        for f, w in fields:
            label = QLabel(f.label)
            label.setBuddy(w)
            label.setStyleSheet("color:#555;")
            self.labels.append(label)
        self._columns = 0
        self.arrange(2)

    def arrange(self, columns: int) -> None:
        """Two to a row, or one to a row when the editor is narrow (a 文号 or a source line must show
        whole, not be cut at the box's edge)."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.grid
        for label, (_f, w) in zip(self.labels, self.fields):
            grid.removeWidget(label)
            grid.removeWidget(w)
        row, col = 0, 0
        for label, (_f, w) in zip(self.labels, self.fields):
            wide = columns == 1 or not isinstance(w, LineField)
            if wide and col:
                row, col = row + 1, 0
            grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignTop if wide else Qt.AlignmentFlag(0))
            grid.addWidget(w, row, col * 2 + 1, 1, 3 if wide and columns == 2 else 1)
            if wide or col == 1:
                row, col = row + 1, 0
            else:
                col = 1
        for c in range(4):
            grid.setColumnStretch(c, 0)
        grid.setColumnStretch(1, 3)
        if columns == 2:
            grid.setColumnStretch(3, 2)


class ArticleEditor(QWidget):
    """Fields and body of the current article."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc: Document | None = None
        self.article_id: str | None = None
        self.setAccessibleName("文章编辑")

        self.title = TextField("title", lines=2)
        tf = QFont(self.title.font())
        tf.setPointSizeF(tf.pointSizeF() * 1.35)
        tf.setBold(True)
        self.title.setFont(tf)
        self.title.setFixedHeight(int(line_height(tf) * 2) + 2 * self.title.frameWidth()
                                  + int(self.title.document().documentMargin() * 2) + 1)
        self.title.setPlaceholderText("标题（需要分行排版时按回车分行）")
        # the other fields as editor.fields describes them: a field added there appears here
        self.fields: dict[str, TextField | LineField] = {"title": self.title}
        for f in ARTICLE_FIELDS:
            if f.name != "title":
                self.fields[f.name] = field_widget(f)
        for name, w in self.fields.items():
            if not hasattr(ArticleEditor, name):      # self.doc_number, self.source … for callers and tests
                setattr(self, name, w)
        self.editor_note = TextField("editor_note")
        self.editor_note.setPlaceholderText("编者按：每段一行")
        self.body = TextField("body")
        self.body.setPlaceholderText("正文：每段一行，编号照原文写在段首（一、（一）1.（1）……）")
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setToolTip(legend_html())
        self.highlighter = BodyHighlighter(self.body.document())
        self.fields.update(editor_note=self.editor_note, body=self.body)
        for w in self.fields.values():
            w.edited.connect(self._edited)
        self.findbar = FindBar(self)
        self.findbar.hide()
        self._levels = QTimer(self, singleShot=True, interval=LEVELS_DELAY_MS, timeout=self._refresh_levels)

        self.head_grid = FieldGrid([(f, self.fields[f.name]) for f in sorted(
            (f for f in ARTICLE_FIELDS if f.name in HEAD_FIELDS), key=lambda f: HEAD_FIELDS.index(f.name))])
        self.more_grid = FieldGrid([(f, self.fields[f.name]) for f in ARTICLE_FIELDS
                                    if f.name not in HEAD_FIELDS and f.name != "title"])
        self.more_toggle = QToolButton()
        self.more_toggle.setCheckable(True)
        self.more_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.more_toggle.setAutoRaise(True)
        self.more_toggle.toggled.connect(self._show_more)
        self.more_grid.hide()
        self._more_label()

        head = QWidget()
        hv = QVBoxLayout(head)
        hv.setContentsMargins(0, 0, 0, 0)
        hv.addWidget(self._label("标题", self.title))
        hv.addWidget(self.title)
        hv.addWidget(self.head_grid)
        hv.addWidget(self.more_toggle)
        hv.addWidget(self.more_grid)
        hv.addWidget(self._label("编者按", self.editor_note))
        hv.addWidget(self.editor_note)
        self.editor_note.textChanged.connect(self._fit_note)

        body_box = QWidget()
        bv = QVBoxLayout(body_box)
        bv.setContentsMargins(0, 0, 0, 0)
        self.body_label = self._label("正文", self.body)
        bv.addWidget(self.body_label)
        bv.addWidget(self.body, 1)
        bv.addWidget(self.findbar)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(head)
        split.addWidget(body_box)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        split.setSizes([260, 600])
        self.splitter = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(split)
        self.setEnabled(False)
        head.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _show_more(self, on: bool) -> None:
        self.more_grid.setVisible(on)
        self.more_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def _more_label(self, article=None) -> None:
        """落款、附件与版记 (the fields below the head), with how many the article has filled."""
        names = [f.label for f, _w in self.more_grid.fields]
        filled = sum(1 for f, _w in self.more_grid.fields if article is not None and f.is_set(article))
        self.more_toggle.setText(f"{'、'.join(names[:3])}等（{len(names)} 项"
                                 + (f"，已填 {filled} 项）" if filled else "）"))
        self.more_toggle.setToolTip("、".join(names))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        columns = 2 if event.size().width() >= TWO_COLUMNS_WIDTH else 1
        self.head_grid.arrange(columns)
        self.more_grid.arrange(columns)
        self._fit_note()

    def _fit_note(self) -> None:
        """The 编者按 box as tall as its text (2 to NOTE_LINES lines), so a note of a few lines shows whole."""
        note = self.editor_note
        lines, text_height = laid_out(note)
        step = text_height / lines
        room = int((self.visible_height() - 420) // step)      # a short window keeps its room for the body
        shown = max(2, min(NOTE_LINES, room, lines))
        # below the last line QPlainTextEdit wants the document's margin and a pixel, or it scrolls; when the
        # box scrolls anyway there is no margin below the last line shown, else the next one would peek out
        margin = note.document().documentMargin()
        height = math.ceil(step * shown + margin + (margin + 1 if shown >= lines else 0)) + 2 * note.frameWidth()
        if note.height() != height:
            note.setFixedHeight(height)

    def visible_height(self) -> int:
        """The height the editor is seen in: the scroll area around it, else its own. (Its own height is
        at least what its boxes ask for, so a tall 编者按 box would have kept itself tall.)"""
        w = self.parentWidget()
        while w is not None:
            if isinstance(w, QAbstractScrollArea):
                return min(self.height(), w.viewport().height())
            w = w.parentWidget()
        return self.height()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        label.setStyleSheet("color:#555;")
        return label

    # ------------------------------------------------------------ binding

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.field_text_set.disconnect(self._model_text)
            self.doc.structure_changed.disconnect(self._structure)
            self.doc.article_id_changed.disconnect(self._renamed)
        self.doc = doc
        self.article_id = None
        if doc is not None:
            doc.field_text_set.connect(self._model_text)
            doc.structure_changed.connect(self._structure)
            doc.article_id_changed.connect(self._renamed)
        self.show_article(None)

    def show_article(self, article_id: str | None) -> None:
        article = self.doc.issue.article(article_id) if (self.doc and article_id) else None
        self.article_id = article.id if article else None
        self.setEnabled(article is not None)
        body_text = field_text(article, "body") if article else ""
        # levels first, so that setting the text highlights each line once, already right
        self.highlighter.infos = line_infos(article.body, paragraph_map(body_text)) if article else {}
        self.highlighter.problems = {}
        for name, w in self.fields.items():
            if isinstance(w, TextField):
                w.load(body_text if name == "body" else field_text(article, name) if article else "")
            else:
                w.setText(field_text(article, name) if article else "")
                w.setCursorPosition(0)
        self._file_label(article)
        self._more_label(article)
        if article is not None and not self.more_toggle.isChecked() and any(
                f.is_set(article) for f, _w in self.more_grid.fields):
            self.more_toggle.setChecked(True)      # an article with a signature or attachments shows them
        if self.findbar.isVisible():
            self.findbar.refresh()           # marks and count of this article, not of the last one

    def _file_label(self, article) -> None:
        self.body_label.setText(f"正文　<span style='color:#999'>articles/{article.id}.md</span>" if article
                                else "正文")

    def _renamed(self, old: str, new: str) -> None:
        """A new article's file name followed its title: keep editing it under its new id."""
        if self.article_id == old:
            self.article_id = new
            self._file_label(self.current_article())

    def current_article(self):
        return self.doc.issue.article(self.article_id) if self.doc and self.article_id else None

    def _structure(self) -> None:
        if self.article_id and self.current_article() is None:
            self.show_article(None)      # deleted (undo brings it back through the outline)

    def _edited(self, field: str, text: str) -> None:
        if self.doc is None or self.article_id is None:
            return
        w = self.fields[field]
        old = w.synced if isinstance(w, TextField) else None
        self.doc.edit_field(self.article_id, field, text, old=old)
        if isinstance(w, TextField):
            w.synced = text
        if field == "body":
            self._levels.start()            # when typing pauses: the levels rarely change with a keystroke

    def _model_text(self, article_id: str, field: str, text: str) -> None:
        if article_id != self.article_id or field not in self.fields:
            return
        self.fields[field].show_text(text)
        if field == "body":
            self._refresh_levels()

    def _refresh_levels(self) -> None:
        article = self.current_article()
        if article is None:
            self.highlighter.set_infos({})
            return
        self.highlighter.set_infos(line_infos(article.body, paragraph_map(self.body.model_text())))

    # ------------------------------------------------------------ problems and jumps

    def body_line(self, block_index: int) -> int | None:
        for line, index in enumerate(paragraph_map(self.body.model_text())):
            if index == block_index:
                return line
        return None

    def show_problems(self, diagnostics) -> None:
        """Underline the body problems of the current article."""
        article = self.current_article()
        marks: dict[int, list[tuple[int, int, str]]] = {}
        if article is not None:
            pmap = paragraph_map(self.body.model_text())
            lines = {index: line for line, index in enumerate(pmap) if index is not None}
            for d in diagnostics:
                if d.article_id != article.id:
                    continue
                spans = [(e.block_index, e.start, e.end - e.start) for e in (d.fix.edits if d.fix else ())
                         if e.field == "body" and e.article_id == article.id and e.block_index is not None]
                if not spans and d.field == "body" and d.block_index is not None:
                    spans = [(d.block_index, d.offset, d.length)]
                for index, start, length in spans:
                    line = lines.get(index)
                    if line is None or index >= len(article.body):
                        continue
                    prefix = display_prefix(article.body[index])
                    marks.setdefault(line, []).append((prefix + start, length, d.severity))
        self.highlighter.set_problems(marks)
        self._mark_fields(article, diagnostics)

    def _mark_fields(self, article, diagnostics) -> None:
        """Wavy underlines in the title, 编者按 and the other text boxes too (the body's come from its
        highlighter; one-line boxes cannot show them)."""
        for name, w in self.fields.items():
            if name == "body" or not isinstance(w, TextField):
                continue
            doc, end = w.document(), len(w.toPlainText())
            selections = []
            for d in diagnostics if article is not None else ():
                if d.article_id != article.id or d.field != name:
                    continue
                start = d.offset
                if name == "editor_note":
                    block = doc.findBlockByNumber(d.block_index or 0)
                    if not block.isValid():
                        continue
                    start += block.position()
                sel = QTextEdit.ExtraSelection()
                sel.cursor = QTextCursor(doc)
                sel.cursor.setPosition(min(start, end))
                sel.cursor.setPosition(min(start + max(d.length, 1), end), QTextCursor.MoveMode.KeepAnchor)
                sel.format = problem_format(d.severity)
                selections.append(sel)
            w.set_marks("problems", selections)

    def jump(self, field: str, block_index: int | None, offset: int, length: int) -> bool:
        """Put the cursor on a place of the current article; False when it is not there."""
        article = self.current_article()
        w = self.fields.get(field)
        if article is None or w is None:
            return False
        if field == "body" and block_index is not None:
            line = self.body_line(block_index)
            if line is None or block_index >= len(article.body):
                return False
            start = self.body.document().findBlockByNumber(line).position()
            w.select_range(start + display_prefix(article.body[block_index]) + offset, length)
            return True
        if field == "editor_note" and block_index is not None:
            block = self.editor_note.document().findBlockByNumber(block_index)
            if not block.isValid():
                return False
            w.select_range(block.position() + offset, length)
            return True
        w.select_range(offset, length)
        return True

    def problem_at_cursor(self, diagnostics):
        """The fixable problem where the body's cursor is (else one in the same paragraph), or None."""
        article = self.current_article()
        if article is None:
            return None
        cursor = self.body.textCursor()
        pmap = paragraph_map(self.body.model_text())
        line = cursor.blockNumber()
        index = pmap[line] if line < len(pmap) else None
        if index is None or index >= len(article.body):
            return None
        at = cursor.positionInBlock() - display_prefix(article.body[index])
        here = [d for d in diagnostics if d.fix is not None and d.article_id == article.id
                and d.field == "body" and d.block_index == index]
        return next((d for d in here if d.offset <= at <= d.offset + max(d.length, 1)), here[0] if here else None)

    def focused_field(self) -> TextField | LineField:
        for w in self.fields.values():
            if w.hasFocus():
                return w
        return self.body
