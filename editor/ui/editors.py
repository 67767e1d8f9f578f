"""The article editor: title, 文号, 主送机关, 编者按, link, source, and the body.

Every keystroke becomes (or extends) an undo command on the document's stack;
the widgets' own undo is off, so Ctrl+Z always means the same thing. The body
shows one paragraph per line as in the article file, highlighted by level.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QTextCursor, QTextLayout, QTextOption
from PySide6.QtWidgets import (QGridLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QSizePolicy, QSplitter,
                               QTextEdit, QVBoxLayout, QWidget)

from .document import Document, field_text
from .findbar import FindBar
from .highlight import BodyHighlighter, legend_html, line_infos, problem_format
from .textmap import display_prefix, from_editor, paragraph_map


def _layout(font: QFont, text: str, width: float) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
    layout.endLayout()
    return layout


def line_height(font: QFont) -> float:
    """The height of a line of Chinese text in `font` as a text box sets it: the Chinese glyphs may
    come from a fallback font taller than the font's own metrics say."""
    layout = _layout(font, "国Ag", 1000)
    return layout.lineAt(0).height()


def wrapped_lines(font: QFont, text: str, width: float) -> int:
    """How many lines `text` takes in a box `width` pixels wide."""
    return max(1, _layout(font, text, width).lineCount()) if text else 1


class _StackUndo(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo actions instead of a widget's private undo."""

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()
            return True
        return False


_STACK_UNDO = None


def context_menu(widget) -> QMenu:
    """The standard context menu with the document's 撤销/重做 in place of the widget's private ones
    (those would undo behind the document's back)."""
    menu = widget.createStandardContextMenu()
    for action in menu.actions():
        if action.objectName() in ("edit-undo", "edit-redo"):
            menu.removeAction(action)
    actions = getattr(widget.window(), "actions", None)
    stack = [a for a in (getattr(actions, "undo_action", None), getattr(actions, "redo_action", None)) if a]
    if stack:
        first = menu.actions()[0] if menu.actions() else None
        for a in stack:
            menu.insertAction(first, a)
        menu.insertSeparator(first)
    return menu


def _menu_without_own_undo(widget, event) -> None:
    menu = context_menu(widget)
    menu.exec(event.globalPos())
    menu.deleteLater()


def route_undo(widget: QWidget) -> None:
    global _STACK_UNDO
    if _STACK_UNDO is None:
        _STACK_UNDO = _StackUndo()
    widget.installEventFilter(_STACK_UNDO)
    if isinstance(widget, QPlainTextEdit):
        widget.setUndoRedoEnabled(False)


INDENT = " \t\u3000\u00a0"     # spaces a paragraph may be indented with in copied text
TWO_COLUMNS_WIDTH = 640          # narrower than this, the one-line fields go one to a row
NOTE_LINES = 6                   # the 编者按 box grows with its text up to this many lines


class TextField(QPlainTextEdit):
    """A multi-line field (title, 编者按, body) that reports edits as (field, text)."""

    edited = Signal(str, str)

    def __init__(self, field: str, lines: int | None = None, parent=None):
        super().__init__(parent)
        self.field = field
        self.loading = False
        self.synced = ""              # the text the model last had from (or gave to) this editor
        self._marks: dict[str, list] = {"problems": [], "find": []}
        route_undo(self)
        self.setTabChangesFocus(True)
        if lines:
            self.setFixedHeight(int(line_height(self.font()) * lines) + 14)
        self.textChanged.connect(self._changed)

    def contextMenuEvent(self, event) -> None:
        _menu_without_own_undo(self, event)

    def insertFromMimeData(self, source) -> None:
        """Pasting into the body: lines lose the indentation copied from Word or a web page
        (“　　为贯彻落实……”). The model strips it anyway; kept on screen, it shifted every underline
        and jump on those lines by its width."""
        if self.field != "body" or not source.hasText():
            super().insertFromMimeData(source)
            return
        lines = source.text().replace("\r\n", "\n").replace("\r", "\n").split("\n")
        at_line_start = self.textCursor().positionInBlock() == 0 and not self.textCursor().hasSelection()
        lines = [line.lstrip(INDENT) if i or at_line_start else line for i, line in enumerate(lines)]
        self.insertPlainText("\n".join(lines))

    def set_marks(self, kind: str, selections: list) -> None:
        """Extra selections of one kind ("problems", "find"), shown together with the other kind's."""
        self._marks[kind] = selections
        self.setExtraSelections([sel for group in self._marks.values() for sel in group])

    def model_text(self) -> str:
        """The text as the model reads it (table rows kept together; see textmap.from_editor)."""
        return from_editor(self.document().toRawText(), self.field)

    def _changed(self) -> None:
        if not self.loading:
            text = self.model_text()
            if text != self.synced:      # also fired by re-highlighting, which changes no text
                self.edited.emit(self.field, text)

    def load(self, text: str) -> None:
        self.loading = True
        try:
            self.setPlainText(text)
        finally:
            self.loading = False
        self.synced = text

    def show_text(self, text: str) -> None:
        """Show `text` (from the model), keeping the cursor near where it was."""
        if text == self.model_text():
            self.synced = text
            return
        pos = self.textCursor().position()
        self.load(text)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.setTextCursor(cursor)

    def select_range(self, start: int, length: int) -> None:
        cursor = self.textCursor()
        end = len(self.toPlainText())
        cursor.setPosition(max(0, min(start, end)))
        cursor.setPosition(max(0, min(start + max(length, 0), end)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class LineField(QLineEdit):
    edited = Signal(str, str)

    def __init__(self, field: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.field = field
        self.setPlaceholderText(placeholder)
        route_undo(self)
        self.textEdited.connect(lambda text: self.edited.emit(self.field, text))
        self.textChanged.connect(lambda _text: self._tip())

    def _tip(self) -> None:
        """A text longer than the box (a long 主送机关) shows whole in the tooltip."""
        text = self.text()
        long = self.fontMetrics().horizontalAdvance(text) > self.contentsRect().width() - 10
        self.setToolTip(text if long else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._tip()

    def contextMenuEvent(self, event) -> None:
        _menu_without_own_undo(self, event)

    def show_text(self, text: str) -> None:
        if text != self.text():
            pos = self.cursorPosition()
            self.setText(text)
            self.setCursorPosition(min(pos, len(text)))

    def select_range(self, start: int, length: int) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setSelection(max(0, start), max(1, length))


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
        self.doc_number = LineField("doc_number", "如 工信部联网安〔2023〕95号")
        self.addressee = LineField("addressee", "如 各省、自治区、直辖市人民政府：")
        self.source = LineField("source", "如（来源：工业和信息化部）")
        self.link = LineField("link", "https://…（有链接时排版二维码）")
        self.toc_title = LineField("toc_title", "与标题不同时才填")
        self.editor_note = TextField("editor_note")
        self.editor_note.setPlaceholderText("编者按：每段一行")
        self.body = TextField("body")
        self.body.setPlaceholderText("正文：每段一行，编号照原文写在段首（一、（一）1.（1）……）")
        self.body.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body.setToolTip(legend_html())
        self.highlighter = BodyHighlighter(self.body.document())
        self.fields = {w.field: w for w in (self.title, self.doc_number, self.addressee, self.source,
                                            self.link, self.toc_title, self.editor_note, self.body)}
        for w in self.fields.values():
            w.edited.connect(self._edited)
        self.findbar = FindBar(self)
        self.findbar.hide()

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.grid = grid
        self.line_fields = [(self._label(text, w), w) for text, w in (
            ("文号", self.doc_number), ("来源", self.source), ("主送机关", self.addressee),
            ("原文链接", self.link), ("目录标题", self.toc_title))]
        self._columns = 0
        self._arrange_fields(2)

        head = QWidget()
        hv = QVBoxLayout(head)
        hv.setContentsMargins(0, 0, 0, 0)
        hv.addWidget(self._label("标题", self.title))
        hv.addWidget(self.title)
        hv.addLayout(grid)
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

    def _arrange_fields(self, columns: int) -> None:
        """The one-line fields two to a row, or one to a row when the editor is narrow (a 文号 or a
        source line must show whole, not be cut at the box's edge)."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self.grid
        for label, w in self.line_fields:
            grid.removeWidget(label)
            grid.removeWidget(w)
        for i, (label, w) in enumerate(self.line_fields):
            r, c = (i // 2, (i % 2) * 2) if columns == 2 else (i, 0)
            grid.addWidget(label, r, c)
            grid.addWidget(w, r, c + 1)
        for c in range(4):
            grid.setColumnStretch(c, 0)
        grid.setColumnStretch(1, 3)
        if columns == 2:
            grid.setColumnStretch(3, 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange_fields(2 if event.size().width() >= TWO_COLUMNS_WIDTH else 1)
        self._fit_note()

    def _fit_note(self) -> None:
        """The 编者按 box as tall as its text (2 to NOTE_LINES lines), so a note of a few lines shows whole."""
        note = self.editor_note
        width = max(50, note.viewport().width() - int(note.document().documentMargin() * 2) - 2)
        step = line_height(note.font())
        lines = sum(wrapped_lines(note.font(), para, width) for para in note.toPlainText().split("\n"))
        room = int((self.height() - 420) // step)      # a short window keeps its room for the body
        lines = max(2, min(NOTE_LINES, room, lines))
        # the document's margin is above its first line only: below the last line shown there is none,
        # else the top of the next line would peek out
        frame = 2 * note.frameWidth() + int(note.document().documentMargin())
        height = int(step * lines) + frame
        if note.height() != height:
            note.setFixedHeight(height)

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
            self._refresh_levels()

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
        """Wavy underlines in the title and 编者按 too (the body's come from its highlighter)."""
        for name in ("title", "editor_note"):
            w = self.fields[name]
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
