"""The outline: a QAbstractItemModel over Issue → Column → Article, and the tree view showing it.

The model also performs the structural changes (with the begin/end calls that
keep views, selections and persistent indexes right); undo commands call
these, and drag and drop pushes undo commands, so every change can be undone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem,
                               QTreeView)

if TYPE_CHECKING:
    from ..model import Article, Column

MIME = "application/x-bulletin-outline"
IMPORTABLE = (".txt", ".md", ".markdown", ".html", ".htm", ".docx")   # files dropped from outside are imported
ISSUE_ID, COLUMN_ID = 1, 2       # internal ids of the issue item and of column items
KindRole = Qt.ItemDataRole.UserRole + 1
IdRole = Qt.ItemDataRole.UserRole + 2


class OutlineModel(QAbstractItemModel):
    """Row 0 of the root is the issue; its children are the columns; theirs the articles.

    An article index carries its column's key as internal id, so it stays valid while columns move.
    """

    files_dropped = Signal(list, object, int)     # paths, column, row: the window imports them there
    refused = Signal(str)                         # why an edit was not made (for the status bar)

    def __init__(self, doc):
        super().__init__(doc)
        self.doc = doc
        self._keys: dict[int, Column] = {}       # key → column
        self._key_of: dict[int, int] = {}        # id(column) → key
        self._next = 100
        self.errors: dict[str, int] = {}         # article id → errors found by the last check

    @property
    def issue(self):
        return self.doc.issue

    def _key(self, column: Column) -> int:
        key = self._key_of.get(id(column))
        if key is None:
            key = self._next
            self._next += 1
            self._key_of[id(column)] = key
            self._keys[key] = column
        return key

    # ------------------------------------------------------------ indexes

    def issue_index(self) -> QModelIndex:
        return self.createIndex(0, 0, ISSUE_ID)

    def column_index(self, column: Column) -> QModelIndex:
        return self.createIndex(self.doc.column_row(column), 0, COLUMN_ID)

    def article_index(self, article_id: str) -> QModelIndex:
        article = self.issue.article(article_id)
        if article is None:
            return QModelIndex()
        column = self.issue.column_of(article)
        row = next(i for i, a in enumerate(column.articles) if a is article)
        return self.createIndex(row, 0, self._key(column))

    def kind(self, index: QModelIndex) -> str:
        if not index.isValid():
            return ""
        return {ISSUE_ID: "issue", COLUMN_ID: "column"}.get(index.internalId(), "article")

    def column_at(self, index: QModelIndex) -> Column | None:
        """The column of a column item, or of an article item."""
        kind = self.kind(index)
        if kind == "column":
            return self.issue.columns[index.row()]
        if kind == "article":
            return self._keys.get(index.internalId())
        return None

    def article_at(self, index: QModelIndex) -> Article | None:
        if self.kind(index) != "article":
            return None
        column = self._keys.get(index.internalId())
        return column.articles[index.row()] if column and index.row() < len(column.articles) else None

    def index(self, row, column=0, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, ISSUE_ID) if row == 0 else QModelIndex()
        kind = self.kind(parent)
        if kind == "issue":
            return self.createIndex(row, 0, COLUMN_ID) if row < len(self.issue.columns) else QModelIndex()
        if kind == "column":
            col = self.issue.columns[parent.row()]
            return self.createIndex(row, 0, self._key(col)) if row < len(col.articles) else QModelIndex()
        return QModelIndex()

    def parent(self, index=QModelIndex()):
        kind = self.kind(index)
        if kind == "column":
            return self.issue_index()
        if kind == "article":
            column = self._keys.get(index.internalId())
            return self.column_index(column) if column is not None else QModelIndex()
        return QModelIndex()

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return 1
        kind = self.kind(parent)
        if kind == "issue":
            return len(self.issue.columns)
        if kind == "column":
            return len(self.issue.columns[parent.row()].articles)
        return 0

    def columnCount(self, parent=QModelIndex()):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        kind = self.kind(index)
        if not kind:
            return None
        if role == KindRole:
            return kind
        if kind == "issue":
            if role == Qt.ItemDataRole.DisplayRole:
                i = self.issue
                return f"第{i.number}期（总第{i.total_number}期）· {i.date.year}年{i.date.month}月{i.date.day}日"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "本期：日期、期号、封面要闻、编委与声明"
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon("SP_FileDialogDetailedView")
            return None
        if kind == "column":
            column = self.issue.columns[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{column.name}（{len(column.articles)}）"
            if role == Qt.ItemDataRole.EditRole:
                return column.name
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"栏目“{column.name}”，{len(column.articles)} 篇文章；F2 改名，Alt+↑/↓ 移动"
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icon("SP_DirIcon")
            return None
        article = self.article_at(index)
        if article is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return article.contents_title or "（无标题）"
        if role == IdRole:
            return article.id
        errors = self.errors.get(article.id, 0)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"{article.display_title}\n文件：articles/{article.id}.md"
                    + (f"\n有 {errors} 个错误（见问题列表）" if errors else ""))
        if role == Qt.ItemDataRole.DecorationRole:      # errors only: warnings are too common to mark
            return self._icon("SP_MessageBoxCritical" if errors else "SP_FileIcon")
        return None

    def set_errors(self, errors: dict[str, int]) -> None:
        """Mark the articles that the last check found errors in (their icon and tooltip)."""
        changed = (self.errors.keys() | errors.keys()) - {k for k in errors if self.errors.get(k) == errors[k]}
        self.errors = dict(errors)
        for article_id in changed:
            index = self.article_index(article_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    def _icon(self, name: str):
        """The style's standard icon `name` (QStyle, imported when the first item is drawn:
        creating its enums is a tenth of what the empty window costs to paint)."""
        from PySide6.QtWidgets import QApplication, QStyle

        return QApplication.style().standardIcon(getattr(QStyle.StandardPixmap, name))

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        from .document import RenameColumn

        column = self.column_at(index) if self.kind(index) == "column" else None
        name = str(value).strip()
        if column is None or role != Qt.ItemDataRole.EditRole or not name or name == column.name:
            return False
        if any(c.name == name for c in self.doc.issue.columns):
            # two columns of one name would share one heading and one place in the template's order
            self.refused.emit(f"已有栏目“{name}”；要合并，请把文章移过去")
            return False
        self.doc.undo.push(RenameColumn(self.doc, column, name))
        return True

    def flags(self, index):
        kind = self.kind(index)
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == "issue":
            return base | Qt.ItemFlag.ItemIsDropEnabled
        if kind == "column":
            return base | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if kind == "article":
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return Qt.ItemFlag.NoItemFlags

    # ------------------------------------------------------------ drag and drop

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self):
        return [MIME, "text/uri-list"]

    @staticmethod
    def dropped_files(data: QMimeData) -> list[str]:
        """Local files of a kind the importers read, dragged in from outside."""
        if not data.hasUrls():
            return []
        paths = [u.toLocalFile() for u in data.urls() if u.isLocalFile()]
        return [p for p in paths if p.lower().endswith(IMPORTABLE)]

    def file_target(self, row: int, parent: QModelIndex):
        """(column, row) where dropped files go: at the drop position, as an article would."""
        kind = self.kind(parent)
        if kind == "column":
            column = self.issue.columns[parent.row()]
            return column, (row if row >= 0 else len(column.articles))
        if kind == "article":
            return self.column_at(parent), parent.row() + 1
        if kind == "issue" and self.issue.columns:
            column = self.issue.columns[max(0, min(row, len(self.issue.columns)) - 1)] if row > 0 \
                else self.issue.columns[0]
            return column, (len(column.articles) if row > 0 else 0)
        return None

    def mimeData(self, indexes):
        mime = QMimeData()
        index = indexes[0] if indexes else QModelIndex()
        kind = self.kind(index)
        if kind == "article":
            payload = {"kind": "article", "id": self.article_at(index).id}
        elif kind == "column":
            payload = {"kind": "column", "row": index.row()}
        else:
            return mime
        import json

        mime.setData(MIME, json.dumps(payload).encode("utf-8"))
        return mime

    def drop_target(self, payload: dict, row: int, parent: QModelIndex):
        """Where a drop lands: ("article", id, column, final row) or ("column", column, final row)."""
        kind = self.kind(parent)
        if payload.get("kind") == "article":
            article = self.issue.article(payload.get("id", ""))
            if article is None:
                return None
            if kind == "column":
                column = self.issue.columns[parent.row()]
                at = row if row >= 0 else len(column.articles)
            elif kind == "article":
                column, at = self.column_at(parent), parent.row()
            elif kind == "issue" and self.issue.columns:
                if row > 0:
                    column = self.issue.columns[min(row, len(self.issue.columns)) - 1]
                    at = len(column.articles)
                else:
                    column, at = self.issue.columns[0], 0
            else:
                return None
            source = self.issue.column_of(article)
            src_row = next(i for i, a in enumerate(source.articles) if a is article)
            if source is column and src_row < at:
                at -= 1
            return ("article", article.id, column, max(0, min(at, len(column.articles))))
        if payload.get("kind") == "column":
            src = payload.get("row", -1)
            if not 0 <= src < len(self.issue.columns):
                return None
            if kind == "issue":
                at = row if row >= 0 else len(self.issue.columns)
            elif kind in ("column", "article"):
                at = self.doc.column_row(self.column_at(parent))
            else:
                return None
            if src < at:
                at -= 1
            return ("column", self.issue.columns[src], max(0, min(at, len(self.issue.columns) - 1)))
        return None

    def _payload(self, data: QMimeData) -> dict | None:
        if not data.hasFormat(MIME):
            return None
        try:
            import json

            return json.loads(bytes(data.data(MIME)).decode("utf-8"))
        except ValueError:
            return None

    def canDropMimeData(self, data, action, row, column, parent):
        if self.dropped_files(data):
            return self.file_target(row, parent) is not None
        payload = self._payload(data)
        return payload is not None and self.drop_target(payload, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent):
        from .document import MoveArticle, MoveColumn

        files = self.dropped_files(data)
        if files:
            target = self.file_target(row, parent)
            if target is None:
                return False
            self.files_dropped.emit(files, *target)
            return True
        payload = self._payload(data)
        target = self.drop_target(payload, row, parent) if payload else None
        if target is None:
            return False
        if target[0] == "article":
            _, article_id, col, at = target
            current = self.article_index(article_id)
            if self.column_at(current) is col and current.row() == at:
                return False
            self.doc.undo.push(MoveArticle(self.doc, article_id, col, at))
        else:
            _, col, at = target
            if self.doc.column_row(col) == at:
                return False
            self.doc.undo.push(MoveColumn(self.doc, col, at))
        return True

    # ------------------------------------------------------------ structural changes (called by commands)

    def _changed(self) -> None:
        self.doc.structure_changed.emit()
        self.doc.touched()

    def _refresh(self, *indexes: QModelIndex) -> None:
        for index in indexes:
            if index.isValid():
                self.dataChanged.emit(index, index)

    def insert_column(self, row: int, column: Column) -> None:
        self.beginInsertRows(self.issue_index(), row, row)
        self.issue.columns.insert(row, column)
        self.endInsertRows()
        self._changed()

    def remove_column(self, row: int) -> None:
        self.beginRemoveRows(self.issue_index(), row, row)
        self.issue.columns.pop(row)
        self.endRemoveRows()
        self._changed()

    def rename_column(self, column: Column, name: str) -> None:
        column.name = name
        self._refresh(self.column_index(column))
        self._changed()

    def move_column(self, src: int, dst: int) -> None:
        if src == dst:
            return
        parent = self.issue_index()
        self.beginMoveRows(parent, src, src, parent, dst + 1 if dst > src else dst)
        self.issue.columns.insert(dst, self.issue.columns.pop(src))
        self.endMoveRows()
        self._changed()

    def insert_article(self, column: Column, row: int, article: Article) -> None:
        parent = self.column_index(column)
        self.beginInsertRows(parent, row, row)
        column.articles.insert(row, article)
        self.endInsertRows()
        self._refresh(parent)
        self._changed()

    def remove_article(self, article_id: str) -> None:
        index = self.article_index(article_id)
        column = self.column_at(index)
        parent = self.column_index(column)
        self.beginRemoveRows(parent, index.row(), index.row())
        column.articles.pop(index.row())
        self.endRemoveRows()
        self._refresh(parent)
        self._changed()

    def move_article(self, article_id: str, column: Column, row: int) -> None:
        index = self.article_index(article_id)
        source = self.column_at(index)
        src_row = index.row()
        if source is column and src_row == row:
            return
        src_parent, dst_parent = self.column_index(source), self.column_index(column)
        dest = row + 1 if source is column and row > src_row else row
        self.beginMoveRows(src_parent, src_row, src_row, dst_parent, dest)
        article = source.articles.pop(src_row)
        column.articles.insert(row, article)
        self.endMoveRows()
        self._refresh(src_parent, dst_parent)
        self._changed()

    def article_renamed(self, article_id: str) -> None:
        self._refresh(self.article_index(article_id))

    def issue_renamed(self) -> None:
        self._refresh(self.issue_index())


class _WrapDelegate(QStyledItemDelegate):
    """Row heights for titles wrapped to the width of the view (Chinese titles break anywhere)."""

    def sizeHint(self, option, index):
        base = super().sizeHint(option, index)
        view = self.parent()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = view.viewport().width() - view.indentation() * depth - opt.decorationSize.width() - 12
        if width <= 40 or not opt.text:
            return base
        rect = opt.fontMetrics.boundingRect(QRect(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(base.width(), max(base.height(), rect.height() + 6))


class OutlineView(QTreeView):
    """The outline tree: drag and drop moves items; the keyboard does everything else."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)
        self.setWordWrap(True)           # long policy titles wrap instead of being cut off
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        self.setItemDelegate(_WrapDelegate(self))
        self.setAccessibleName("本期目录")

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()           # wrapped rows change height with the width

    def startDrag(self, supported):
        # The model moves items itself through undo commands: nothing must be removed afterwards.
        index = self.currentIndex()
        if not index.isValid() or not (self.model().flags(index) & Qt.ItemFlag.ItemIsDragEnabled):
            return
        drag = QDrag(self)
        drag.setMimeData(self.model().mimeData([index]))
        drag.exec(Qt.DropAction.MoveAction)
