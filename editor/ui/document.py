"""The open issue: model, template, folder, and the QUndoStack every edit goes through.

Each change to the model is one QUndoCommand (below). Commands store text or
object references, never Block lists that a later edit could change in place,
so undoing far back restores exactly what was there.

An article added in the window takes its file name from its title until the
issue is saved (08-新文章 → 08-促进数据要素市场发展): the title edit renames it, and
undoing the edit renames it back while still unsaved. Commands keep the id they
were made with; Document.article follows the renames.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..fields import ARTICLE_FIELDS as FIELD_TABLE
from ..fields import FIELDS
from ..model import Article, Column, Issue
from ..project import OpenIssue
from ..template import Template
from .textmap import body_to_text, note_to_text, snapshot, text_to_blocks, text_to_note

# Every field of an article the editor edits: editor.fields' table, then the 编者按 and the body.
ARTICLE_FIELDS = (*(f.name for f in FIELD_TABLE), "editor_note", "body")
FIELD_LABELS = {**{f.name: f.label for f in FIELD_TABLE}, "editor_note": "编者按", "body": "正文"}
# the issue's own attributes (its date is the issue's 出刊日期, an article's the document's 成文日期)
ISSUE_LABELS = {"date": "出刊日期", "number": "期号", "total_number": "总期号", "cover": "封面要闻",
                "cover_text": "封面要闻", "colophon": "编委信息", "disclaimer": "声明", "omit_columns": "栏目",
                "template": "模板"}
MERGE_SECONDS = 1.5


def field_text(article: Article, name: str) -> str:
    """A field as its editor shows it."""
    if name == "body":
        return body_to_text(article.body)
    if name == "editor_note":
        return note_to_text(article.editor_note)
    return FIELDS[name].text(article)


def set_field_text(article: Article, name: str, text: str) -> None:
    """Set a field from its editor's text (empty text unsets it, as editor.fields says for every kind)."""
    if name == "body":
        article.body = text_to_blocks(text)
    elif name == "editor_note":
        article.editor_note = text_to_note(text)
    else:
        FIELDS[name].set_text(article, text)


class Document(QObject):
    """An issue being edited in one window."""

    structure_changed = Signal()            # columns or articles added, removed, moved, renamed
    article_changed = Signal(str, str)      # article id, field name
    field_text_set = Signal(str, str, str)  # article id, field, text: editors must show this text
    issue_changed = Signal(str)             # issue attribute name
    changed = Signal()                      # any edit at all
    dirty_changed = Signal(bool)
    article_id_changed = Signal(str, str)   # old id, new id: a file not yet saved follows its title

    def __init__(self, issue: Issue, template: Template, folder: Path, parent: QObject | None = None,
                 dirty: bool = False):
        super().__init__(parent)
        from .outline import OutlineModel

        self.issue = issue
        self.template = template
        self.folder = Path(folder)
        self.undo = QUndoStack(self)
        self.revision = 0
        self.edited_ids: set[str] = set()     # articles whose blocks have no file positions yet
        self.unsaved: dict[int, Article] = {}  # id(article) → article added here whose file was never written
        self.aliases: dict[str, str] = {}      # old id → the id it was renamed to
        self._forced_dirty = dirty
        self.outline = OutlineModel(self)
        self.undo.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.dirty_changed.emit(self.dirty)

    @property
    def dirty(self) -> bool:
        return self._forced_dirty or not self.undo.isClean()

    def mark_saved(self) -> None:
        self.unsaved.clear()                  # written now: file names stay from here on
        self._forced_dirty = False
        self.undo.setClean()
        self.dirty_changed.emit(False)

    def set_template(self, template: Template) -> None:
        """The template was edited (编辑模板): checks, preview and the issue panel use the new one."""
        self.template = template
        self.revision += 1
        self.issue_changed.emit("template")
        self.changed.emit()

    def opened(self) -> OpenIssue:
        """A snapshot of the issue for a check or build elsewhere; later edits do not reach it."""
        return OpenIssue(snapshot(self.issue), self.template, self.folder)

    def touched(self, article_id: str | None = None, field: str = "") -> None:
        self.revision += 1
        if article_id:
            self.edited_ids.add(article_id)
            self.article_changed.emit(article_id, field)
        self.changed.emit()

    # ------------------------------------------------------------ field edits

    def edit_field(self, article_id: str, field: str, text: str, typing: bool = True,
                   old: str | None = None) -> None:
        """The user changed a field in an editor: record it (typing merges into one undo step).

        `old` is the text the editor showed before, when it knows it (saves re-rendering the field).
        """
        article = self.issue.article(article_id)
        if article is None:
            return
        if old is None:
            old = field_text(article, field)
        if old == text:
            return
        self.undo.push(EditField(self, article_id, field, old, text, typing))

    def edit_issue(self, name: str, value, typing: bool = False) -> None:
        old = getattr(self.issue, name)
        if old != value:
            self.undo.push(EditIssue(self, name, old, value, typing))

    def edit_issue_silently(self, name: str, value) -> None:
        """Change an issue attribute as part of another command (no undo step of its own)."""
        if name == "cover" and value and self.article(value) is not None:
            value = self.article(value).id
        setattr(self.issue, name, value)
        self.issue_changed.emit(name)

    def article(self, article_id: str | None) -> Article | None:
        """The article with this id, or the one it was renamed to (undo steps keep the id they were made with)."""
        seen: set[str] = set()
        while article_id is not None and article_id not in seen:
            found = self.issue.article(article_id)
            if found is not None:
                return found
            seen.add(article_id)
            article_id = self.aliases.get(article_id)
        return None

    def follow_title(self, article: Article, to: str | None = None) -> None:
        """Rename an article never saved after its title (or to `to`); saved ones keep their file name."""
        if id(article) not in self.unsaved:
            return
        if to is None:
            if not article.title.strip():
                return                        # cleared to type another: keep the name until there is one
            from .textmap import id_from_title
            to = id_from_title(self.issue, article)
        old = article.id
        if to == old:
            return
        article.id = to
        self.aliases[old] = to
        if self.issue.cover == old:
            self.issue.cover = to
        if old in self.edited_ids:
            self.edited_ids.discard(old)
            self.edited_ids.add(to)
        if old in self.outline.errors:
            self.outline.errors[to] = self.outline.errors.pop(old)
        self.article_id_changed.emit(old, to)
        self.structure_changed.emit()

    def column_row(self, column: Column) -> int:
        return next(i for i, c in enumerate(self.issue.columns) if c is column)


# ---------------------------------------------------------------- commands

class EditField(QUndoCommand):
    """A field of an article changed; consecutive typing in one field is one step."""

    ID = 1

    def __init__(self, doc: Document, article_id: str, field: str, old: str, new: str, typing: bool):
        super().__init__(f"编辑{FIELD_LABELS.get(field, field)}")
        self.doc, self.article_id, self.field = doc, article_id, field
        self.old, self.new, self.typing = old, new, typing
        self.first = typing          # the editor already shows the new text
        self.stamp = time.monotonic()
        self.after_id: str | None = None    # the article's id after this edit (a title edit may rename it)

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other) -> bool:
        if (not isinstance(other, EditField) or not (self.typing and other.typing)
                or (other.article_id, other.field) != (self.after_id or self.article_id, self.field)
                or other.stamp - self.stamp > MERGE_SECONDS):
            return False
        self.new, self.stamp, self.after_id = other.new, other.stamp, other.after_id
        return True

    def _apply(self, find_id: str, text: str, show: bool, rename_to: str | None = None) -> str | None:
        article = self.doc.article(find_id)
        if article is None:
            return None
        set_field_text(article, self.field, text)
        if self.field == "title":
            self.doc.follow_title(article, rename_to)
        if show:
            self.doc.field_text_set.emit(article.id, self.field, text)
        if self.field in ("title", "toc_title"):
            self.doc.outline.article_renamed(article.id)
        self.doc.touched(article.id, self.field)
        return article.id

    def redo(self) -> None:
        self.after_id = self._apply(self.article_id, self.new, not self.first, self.after_id)
        self.first = False

    def undo(self) -> None:
        self._apply(self.after_id or self.article_id, self.old, True, self.article_id)


class EditIssue(QUndoCommand):
    """An attribute of the issue itself: date, numbers, cover, colophon, disclaimer …"""

    ID = 2

    def __init__(self, doc: Document, name: str, old, new, typing: bool = False):
        super().__init__(f"修改{ISSUE_LABELS.get(name, name)}")
        self.doc, self.name, self.old, self.new, self.typing = doc, name, old, new, typing
        self.stamp = time.monotonic()

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other) -> bool:
        if (not isinstance(other, EditIssue) or other.name != self.name or not (self.typing and other.typing)
                or other.stamp - self.stamp > MERGE_SECONDS):
            return False
        self.new, self.stamp = other.new, other.stamp
        return True

    def _apply(self, value) -> None:
        self.doc.edit_issue_silently(self.name, value)
        self.doc.touched()

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class ApplyFix(QUndoCommand):
    """A quick fix: its edits, undone by the inverse edits apply_edits returns."""

    def __init__(self, doc: Document, description: str, edits):
        super().__init__(f"快速修复：{description}")
        self.doc, self.edits, self.inverse = doc, tuple(edits), ()

    def _apply(self, edits) -> tuple:
        from ..checks import apply_edits

        edits = [e if e.article_id is None or self.doc.article(e.article_id) is None
                 else dataclasses.replace(e, article_id=self.doc.article(e.article_id).id) for e in edits]
        inverse = apply_edits(self.doc.issue, edits)
        fields = {(e.article_id, e.field) for e in edits}
        for article_id, field in sorted(fields, key=lambda x: (x[0] or "", x[1])):
            if article_id is None:
                self.doc.issue_changed.emit(field)
                continue
            article = self.doc.issue.article(article_id)
            if article is not None:
                self.doc.field_text_set.emit(article_id, field, field_text(article, field))
                if field in ("title", "toc_title"):
                    self.doc.outline.article_renamed(article_id)
                self.doc.touched(article_id, field)
        if any(a is None for a, _ in fields):
            self.doc.touched()
        return inverse

    def redo(self) -> None:
        self.inverse = self._apply(self.edits)

    def undo(self) -> None:
        self._apply(self.inverse)


def _omit(doc: Document, names: list[str]) -> None:
    """Set the columns this issue leaves out on purpose (issue.toml's omit_columns)."""
    if names != doc.issue.omit_columns:
        doc.edit_issue_silently("omit_columns", names)


def _omitted_when_removed(doc: Document, column: Column) -> list[str]:
    """omit_columns once `column` is gone: a template column the issue must have is then left out on
    purpose (else the checks ask for it, and only issue.toml could say so)."""
    wanted = {c.name for c in doc.template.columns if not c.optional}
    names = list(doc.issue.omit_columns)
    if column.name in wanted and column.name not in names and not any(
            c.name == column.name for c in doc.issue.columns if c is not column):
        names.append(column.name)
    return names


class AddColumn(QUndoCommand):
    def __init__(self, doc: Document, name: str, row: int):
        super().__init__(f"添加栏目“{name}”")
        self.doc, self.column, self.row = doc, Column(name), row
        self.omitted = list(doc.issue.omit_columns)

    def redo(self) -> None:
        self.doc.outline.insert_column(self.row, self.column)
        _omit(self.doc, [n for n in self.omitted if n != self.column.name])

    def undo(self) -> None:
        self.doc.outline.remove_column(self.doc.column_row(self.column))
        _omit(self.doc, self.omitted)


class RenameColumn(QUndoCommand):
    def __init__(self, doc: Document, column: Column, name: str):
        super().__init__(f"栏目改名为“{name}”")
        self.doc, self.column, self.old, self.new = doc, column, column.name, name
        self.omitted = list(doc.issue.omit_columns)

    def redo(self) -> None:
        self.doc.outline.rename_column(self.column, self.new)
        _omit(self.doc, [n for n in self.omitted if n != self.new])   # named so: no longer left out

    def undo(self) -> None:
        self.doc.outline.rename_column(self.column, self.old)
        _omit(self.doc, self.omitted)


class RemoveColumn(QUndoCommand):
    """Removes a column with its articles (the cover headline follows its article)."""

    def __init__(self, doc: Document, column: Column):
        super().__init__(f"删除栏目“{column.name}”")
        self.doc, self.column = doc, column
        self.row = doc.column_row(column)
        self.cover = doc.issue.cover
        self.omitted = list(doc.issue.omit_columns)

    def redo(self) -> None:
        self.row = self.doc.column_row(self.column)
        if any(a.id == self.doc.issue.cover for a in self.column.articles):
            self.doc.edit_issue_silently("cover", None)
        omitted = _omitted_when_removed(self.doc, self.column)
        self.doc.outline.remove_column(self.row)
        _omit(self.doc, omitted)

    def undo(self) -> None:
        self.doc.outline.insert_column(self.row, self.column)
        if self.doc.issue.cover != self.cover:
            self.doc.edit_issue_silently("cover", self.cover)
        _omit(self.doc, self.omitted)


class MoveColumn(QUndoCommand):
    def __init__(self, doc: Document, column: Column, to_row: int):
        super().__init__(f"移动栏目“{column.name}”")
        self.doc, self.column, self.to_row = doc, column, to_row
        self.from_row = doc.column_row(column)

    def redo(self) -> None:
        self.doc.outline.move_column(self.doc.column_row(self.column), self.to_row)

    def undo(self) -> None:
        self.doc.outline.move_column(self.doc.column_row(self.column), self.from_row)


class AddArticle(QUndoCommand):
    """A new, imported or pasted article placed in a column."""

    def __init__(self, doc: Document, article: Article, column: Column, row: int, text: str = "添加文章"):
        super().__init__(f"{text}“{article.display_title}”")
        self.doc, self.article, self.column, self.row = doc, article, column, row

    def redo(self) -> None:
        self.doc.outline.insert_article(self.column, self.row, self.article)
        self.doc.edited_ids.add(self.article.id)
        if not self.article.path:         # never written: its file name follows its title until saved
            self.doc.unsaved.setdefault(id(self.article), self.article)

    def undo(self) -> None:
        self.doc.outline.remove_article(self.article.id)


class DeleteArticle(QUndoCommand):
    def __init__(self, doc: Document, article_id: str):
        article = doc.issue.article(article_id)
        super().__init__(f"删除文章“{article.display_title if article else article_id}”")
        self.doc, self.article = doc, article
        self.column = doc.issue.column_of(article)
        self.row = next(i for i, a in enumerate(self.column.articles) if a is article)
        self.cover = doc.issue.cover

    def redo(self) -> None:
        if self.doc.issue.cover == self.article.id:
            self.doc.edit_issue_silently("cover", None)
        self.doc.outline.remove_article(self.article.id)

    def undo(self) -> None:
        self.doc.outline.insert_article(self.column, self.row, self.article)
        if self.doc.issue.cover != self.cover:
            self.doc.edit_issue_silently("cover", self.cover)


class MoveArticle(QUndoCommand):
    """An article to position `row` of `column` (its final position there)."""

    def __init__(self, doc: Document, article_id: str, column: Column, row: int):
        article = doc.issue.article(article_id)
        super().__init__(f"移动文章“{article.display_title}”")
        self.doc, self.article_id, self.to = doc, article_id, (column, row)
        source = doc.issue.column_of(article)
        self.back = (source, next(i for i, a in enumerate(source.articles) if a is article))

    def redo(self) -> None:
        self.doc.outline.move_article(self.doc.article(self.article_id).id, *self.to)

    def undo(self) -> None:
        self.doc.outline.move_article(self.doc.article(self.article_id).id, *self.back)

