"""The text boxes of the article editor and the issue panel, and what they share.

Every keystroke in them becomes (or extends) an undo command on the document's stack; the
widgets' own undo is off, so Ctrl+Z always means the same thing, and their context menus offer
the document's 撤销/重做.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QTextCursor, QTextLayout, QTextOption
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit, QSizePolicy, QWidget

from .textmap import from_editor


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


def laid_out(box: QPlainTextEdit) -> tuple[int, float]:
    """Lines and height (pixels) of a box's text as the box wraps it now: from its own layout, since
    full-width punctuation may come from a taller fallback font than the font's metrics say (a box
    sized from those came out a line short)."""
    layout, lines, height = box.document().documentLayout(), 0, 0.0
    block = box.document().begin()
    while block.isValid():
        height += layout.blockBoundingRect(block).height()      # lays the block out if need be
        lines += max(1, block.layout().lineCount())
        block = block.next()
    return max(1, lines), height


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


class GrowingLineField(TextField):
    """A one-line field that wraps and grows with its text, for the fields that run to several lines on
    the page (主送机关：各省、自治区、直辖市人民政府，国务院各部委、各直属机构：): a QLineEdit showed only
    their beginning. Still one line in the file: Enter breaks nothing, a pasted line break joins."""

    MAX_LINES = 5               # beyond this the box scrolls (no real 主送机关 comes near it)

    def __init__(self, field: str, placeholder: str, parent=None):
        super().__init__(field, parent=parent)
        self.setPlaceholderText(placeholder)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(2)        # one line: as tall as the one-line boxes beside it
        self.textChanged.connect(self.fit)
        self.fit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()                  # as in a one-line box: the dialog's default button, if any
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        """A 主送机关 copied from a PDF arrives broken into its printed lines: one line again."""
        if source.hasText():
            self.insertPlainText("".join(line.strip() for line in source.text().splitlines()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def lines_needed(self) -> int:
        return laid_out(self)[0]

    def fit(self) -> None:
        """As tall as its wrapped text (one line when it fits, like the boxes beside it)."""
        lines, text_height = laid_out(self)
        scrolls = lines > self.MAX_LINES
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if scrolls
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if scrolls:
            text_height *= self.MAX_LINES / lines
        # QPlainTextEdit scrolls unless the viewport holds the text, its top margin, its bottom margin and 1
        margin = self.document().documentMargin()
        height = math.ceil(text_height + 2 * margin + 1) + 2 * self.frameWidth()
        if self.height() != height:
            self.setFixedHeight(height)


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
