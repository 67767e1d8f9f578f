"""The problems panel and the checker that feeds it.

Checks run in a worker thread on a snapshot of the issue, never on the UI
thread: first for the edited article (editor.checks.run_checks with
article_ids, ~300 ms after the last keystroke), then for the whole issue once
typing pauses for longer, which also settles issue-wide rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRect, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QMenu, QStyledItemDelegate,
                               QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

if TYPE_CHECKING:       # the panel is painted before the core modules are imported (they come with the issue)
    from .document import Document

PARTIAL_DELAY_MS = 300
FULL_DELAY_MS = 1500
GROUP_ROLE = Qt.ItemDataRole.UserRole + 1      # the article id of a group's heading
RELATED_ROLE = Qt.ItemDataRole.UserRole + 2    # a related place's row: where to jump (as a Diagnostic)
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def diag_key(d) -> tuple:
    return (d.rule, d.article_id, d.field, d.block_index, d.offset, d.message)


def merge(old: list, partial: list, article_ids: set[str]) -> list:
    """Diagnostics after a check of `article_ids` only: theirs replaced, the rest kept."""
    seen = {diag_key(d) for d in partial}
    kept = [d for d in old if d.article_id not in article_ids and diag_key(d) not in seen]
    return kept + list(partial)


ISSUE_FIELDS = ("date", "number", "total_number", "cover", "cover_text", "colophon", "disclaimer", "omit_columns")


def place(d, article=None) -> str:
    """Where a problem is, in words: 正文第 3 段第 5 字, 本期信息：期号.

    In a table (`article` given, to read the block) the place is its cell, counted as the
    checks count cells (editor.body.table_layout): 正文第 2 段（表格）第 2 行第 3 列第 5 字,
    not a count of the table's “|” characters.
    """
    from .document import FIELD_LABELS, ISSUE_LABELS

    if d.article_id is None:           # about the issue itself: its field carries no article's default "body"
        fields = [e.field for e in (d.fix.edits if d.fix else ()) if e.article_id is None] + [d.field]
        field = next((f for f in fields if f in ISSUE_FIELDS), None)
        # (not "issue.toml 第 N 行": the editor never shows that file, and unsaved columns have no line)
        return f"本期信息：{ISSUE_LABELS[field]}" if field is not None else "本期信息"
    label = FIELD_LABELS.get(d.field, d.field)
    if d.field in ("body", "editor_note") and d.block_index is not None:
        text = f"{label}第 {d.block_index + 1} 段"
        cell = _table_place(d, article)
        if cell is not None:
            return text + cell
        return text + (f"第 {d.offset + 1} 字" if d.offset else "")
    return label


def _table_place(d, article) -> str | None:
    """“（表格）第 R 行第 C 列第 M 字” for a problem in a table block, None for any other block.

    The diagnostics may come from a check of an older text than `article` holds now: a block
    out of range or no table any more gives None, an offset in no cell just “（表格）”.
    """
    from ..body import table_layout
    from ..model import BlockKind

    if article is None or d.field != "body" or not 0 <= d.block_index < len(article.body):
        return None
    block = article.body[d.block_index]
    if block.kind is not BlockKind.TABLE:
        return None
    for r, c, start, end in table_layout(block.rows)[1]:
        if start <= d.offset <= end:       # as the message's 表格第 R 行第 C 列 (checks.framework)
            return f"（表格）第 {r + 1} 行第 {c + 1} 列第 {d.offset - start + 1} 字"
    return "（表格）"


def related_target(d, r):
    """A finding's related place as a Diagnostic the window can jump to (MainWindow.jump_to) and
    `place` can name: in the finding's article, or in the issue when it lies in issue.toml
    (an 编者按's date against the issue's 出刊日期)."""
    import dataclasses

    in_issue = r.location is not None and r.location.file == "issue.toml"
    return dataclasses.replace(d, article_id=None if in_issue else d.article_id, location=r.location,
                               field=r.field, block_index=r.block_index, offset=r.offset, length=r.length,
                               fix=None, related=(), message=r.message, excerpt=r.excerpt)


class WrapDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text: Qt wraps an item's text but never makes its row taller."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        width = view.header().sectionSize(index.column()) - 10
        if index.column() == 0:
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + 1) + (view.iconSize().width() if depth else 0) + 6
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        metrics = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere)
        text = index.data() or ""
        height = metrics.boundingRect(QRect(0, 0, max(width, 40), 100000), flags, text).height()
        return QSize(size.width(), max(size.height(), height + 6))


class _Signals(QObject):
    done = Signal(object, int, object, object, object)   # document, revision, article ids (None = all), diagnostics, error


class _CheckJob(QRunnable):
    def __init__(self, signals, doc, revision, issue, template, world, relocate_ids, article_ids):
        """`world`: the issue's folder and files as a save would leave them, and the previous issue
        (looked up once, in the worker, the first time a rule asks for it)."""
        super().__init__()
        self.signals, self.doc, self.revision, self.issue, self.template = signals, doc, revision, issue, template
        self.world, self.relocate_ids, self.article_ids = world, relocate_ids, article_ids

    def run(self) -> None:
        try:
            from ..checks import run_checks
            from .textmap import relocate

            for a in self.issue.articles:
                if a.id in self.relocate_ids:
                    relocate(a)
            diags = run_checks(self.issue, self.template, world=self.world, article_ids=self.article_ids)
            self.signals.done.emit(self.doc, self.revision, self.article_ids, diags, None)
        except Exception as exc:  # a failing rule must not take the editor down
            self.signals.done.emit(self.doc, self.revision, self.article_ids, [], f"检查程序出错：{exc}")


class Checker(QObject):
    """Schedules checks after edits and publishes the current diagnostics."""

    updated = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc: Document | None = None
        self._worlds: dict = {}            # folder → its World (the previous issue is found once per folder)
        self.diagnostics: list = []
        self.revision = -1                 # revision the diagnostics were computed for
        self.error: str | None = None
        self.running = False
        self._pending_ids: set[str] = set()
        self._pending_full = False
        self._signals = _Signals()
        self._signals.done.connect(self._done)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._partial = QTimer(self, singleShot=True, interval=PARTIAL_DELAY_MS, timeout=self._run_partial)
        self._full = QTimer(self, singleShot=True, interval=FULL_DELAY_MS, timeout=self.run_full)

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.article_changed.disconnect(self._article_changed)
            self.doc.changed.disconnect(self._changed)
        self.doc = doc
        self.diagnostics, self.revision = [], -1
        self._pending_ids.clear()
        self._worlds = {}
        if doc is not None:
            doc.article_changed.connect(self._article_changed)
            doc.changed.connect(self._changed)
            self._full.start(50)         # just after the window has painted
        self.updated.emit()

    def world(self, doc: Document | None = None):
        """What the checks of the open issue see besides it: its folder, minus the article files a
        save would delete (articles removed in the window), the previous issue, today."""
        from ..world import World
        from .safety import removed_on_save

        doc = doc or self.doc
        base = self._worlds.get(doc.folder)
        if base is None:
            base = self._worlds[doc.folder] = World.of(doc.folder)
        return base.with_hidden(removed_on_save(doc.issue, doc.folder))

    @property
    def notices(self) -> list[str]:
        """What the checks could not look at (a previous issue that cannot be read), in Chinese."""
        world = self._worlds.get(self.doc.folder) if self.doc is not None else None
        return list(world.notices) if world is not None else []

    @property
    def current(self) -> bool:
        return self.doc is not None and self.revision == self.doc.revision and not self.running

    def _article_changed(self, article_id: str, _field: str) -> None:
        self._pending_ids.add(article_id)
        self._partial.start()

    def _changed(self) -> None:
        self._full.start(FULL_DELAY_MS)

    def _run_partial(self) -> None:
        if self._pending_ids:
            ids, self._pending_ids = self._pending_ids, set()
            self._start(ids)

    def run_full(self) -> None:
        self._pending_full = True
        self._start(None)

    def _start(self, ids: set[str] | None) -> None:
        if self.doc is None:
            return
        if self.running:                     # one check at a time; run again when it finishes
            if ids is None:
                self._pending_full = True
            else:
                self._pending_ids |= ids
            return
        if ids is None:
            self._pending_full = False
        self.running = True
        doc = self.doc
        job = _CheckJob(self._signals, doc, doc.revision, doc.opened().issue, doc.template, self.world(doc),
                        set(doc.edited_ids), frozenset(ids) if ids is not None else None)
        self.pool.start(job)

    def _done(self, doc, revision: int, ids, diags, error) -> None:
        self.running = False
        if doc is not self.doc:              # a check of an issue no longer open
            if self._pending_full and self.doc is not None:
                self._start(None)
            return
        self.error = error
        if ids is None:
            self.diagnostics = list(diags)
        else:
            self.diagnostics = merge(self.diagnostics, diags, set(ids))
        self.revision = revision
        self.updated.emit()
        if self._pending_full:
            self._start(None)
        elif self._pending_ids and not self._partial.isActive():
            self._run_partial()

    def run_now(self) -> list:
        """Check the whole issue on this thread (before a quick fix on stale results)."""
        from ..checks import run_checks
        from .textmap import relocate

        doc = self.doc
        issue = doc.opened().issue
        for a in issue.articles:
            if a.id in doc.edited_ids:
                relocate(a)
        self.diagnostics = run_checks(issue, doc.template, world=self.world(doc))
        self.revision = doc.revision
        self.updated.emit()
        return self.diagnostics

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)


class ProblemsPanel(QWidget):
    """Problems grouped by article; activate one to jump to it, Ctrl+. to apply its quick fix."""

    jump_requested = Signal(object)
    fix_requested = Signal(object)

    def __init__(self, checker: Checker, parent=None):
        super().__init__(parent)
        self.checker = checker
        self.article_id: str | None = None
        self._show_group = False
        self.summary = QLabel()
        self.only_current = QCheckBox("只看本文")
        self.only_current.setToolTip("只列出当前文章的问题（和整期的问题）")
        self.only_current.toggled.connect(lambda _on: self.refresh())
        self.fix_button = QToolButton()
        self.fix_button.setText("快速修复")
        self.fix_button.setToolTip("应用所选问题的快速修复（Ctrl+.），可撤销")
        self.fix_button.clicked.connect(self._fix_selected)
        self.enlarge = QToolButton()
        self.enlarge.setText("放大")
        self.enlarge.setCheckable(True)
        self.enlarge.setToolTip("让问题列表占中间的大部分（再点一次还原）；拖动上方的分隔条也可调整，大小会记住")
        self.recheck_button = QToolButton()
        self.recheck_button.setText("重新检查")
        self.recheck_button.setToolTip("重新检查整期（F5）")
        self.recheck_button.clicked.connect(checker.run_full)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["问题", "位置"])
        header = self.tree.header()          # the message takes the room left; 位置 always shows
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)              # a long message wraps instead of ending in “…”
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setAccessibleName("问题列表")
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 2)
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_current)
        top.addWidget(self.fix_button)
        top.addWidget(self.recheck_button)
        top.addWidget(self.enlarge)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(top)
        lay.addWidget(self.tree)
        checker.updated.connect(self.refresh)
        self.refresh()

    def _icon(self, severity: str):
        from PySide6.QtWidgets import QStyle      # (when there are problems: not for the first paint)

        which = {"error": QStyle.StandardPixmap.SP_MessageBoxCritical,
                 "warning": QStyle.StandardPixmap.SP_MessageBoxWarning}.get(
            severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
        return self.style().standardIcon(which)

    def refresh(self) -> None:
        checker = self.checker
        selected = self.selected()
        keep = diag_key(selected) if selected else None
        keep_row = self._flat_items().index(self.problem_item(self.tree.currentItem())) if selected else -1
        scroll = self.tree.verticalScrollBar().value()
        self.tree.clear()
        diags = checker.diagnostics
        counts = {s: sum(1 for d in diags if d.severity == s) for s in SEVERITY_NAMES}
        if checker.error:
            self.summary.setText(f"<span style='color:#D32F2F'>{checker.error}</span>")
        elif checker.doc is None:
            self.summary.setText("")
        elif not diags:
            self.summary.setText("<span style='color:#2E7D32'>✓ 没有发现问题</span>")
        else:
            parts = [f"{n} 个{SEVERITY_NAMES[s]}" for s, n in counts.items() if n]
            self.summary.setText("，".join(parts))
        notices = checker.notices if checker.doc is not None else []
        if notices:
            self.summary.setText(self.summary.text() + "<span style='color:#888'>　（另有说明，见提示）</span>")
        self.summary.setToolTip("\n".join(notices))
        doc = checker.doc
        if doc is None:
            return
        order = {a.id: i for i, a in enumerate(doc.issue.articles)}
        groups: dict[str | None, list] = {}
        for d in diags:
            key = d.article_id if d.article_id in order else None
            if self.only_current.isChecked() and key is not None and key != self.article_id:
                continue
            groups.setdefault(key, []).append(d)
        reselect = None
        widest = 0
        for article_id in sorted(groups, key=lambda k: -1 if k is None else order[k]):
            items = groups[article_id]
            title = doc.issue.article(article_id).display_title if article_id else "本期"
            top = QTreeWidgetItem([f"{title}（{len(items)}）", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, None)
            top.setData(0, GROUP_ROLE, article_id)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for d in items:
                text = d.message + (f"　→ {d.fix.description}" if d.fix else "")
                where = place(d, doc.issue.article(article_id) if article_id else None)
                child = QTreeWidgetItem([text, where])
                child.setToolTip(1, where)
                widest = max(widest, self.tree.fontMetrics().horizontalAdvance(where))
                child.setIcon(0, self._icon(d.severity))
                child.setData(0, Qt.ItemDataRole.UserRole, d)
                tip = [f"{SEVERITY_NAMES.get(d.severity, d.severity)}：{d.message}"]
                if d.excerpt:
                    tip.append(f"原文：{d.excerpt}")
                if d.hint:
                    tip.append(d.hint)
                if d.fix:
                    tip.append(f"快速修复：{d.fix.description}（Ctrl+.）")
                if d.location:
                    tip.append(f"{d.location}　规则 {d.rule}")
                child.setToolTip(0, "\n".join(tip))
                top.addChild(child)
                for r in d.related:          # the other side of the disagreement, a row under it
                    target = related_target(d, r)
                    there = place(target, doc.issue.article(target.article_id) if target.article_id else None)
                    row = QTreeWidgetItem([f"相关位置：{r.message}" + (f"：{r.excerpt}" if r.excerpt else ""), there])
                    row.setData(0, RELATED_ROLE, target)
                    row.setToolTip(0, f"{r.message}" + (f"\n原文：{r.excerpt}" if r.excerpt else "")
                                   + (f"\n{r.location}" if r.location else "") + "\n单击或双击转到这里")
                    row.setToolTip(1, there)
                    widest = max(widest, self.tree.fontMetrics().horizontalAdvance(there))
                    child.addChild(row)
                child.setExpanded(True)
                if keep is not None and diag_key(d) == keep:
                    reselect = child
            top.setExpanded(True)
        self._fit_place_column(widest)
        if reselect is None and keep_row >= 0:
            # the chosen problem is gone (fixed): its neighbour, so Ctrl+. can go on down the list
            items = self._flat_items()
            reselect = items[min(keep_row, len(items) - 1)] if items else None
        if reselect is not None:
            self.tree.setCurrentItem(reselect)
        self.tree.verticalScrollBar().setValue(scroll)     # a refresh while reading keeps the place
        if self._show_group:
            self._show_group = not self._scroll_to_group()
        self._update_buttons()

    def _fit_place_column(self, widest: int) -> None:
        """Widen 位置 to its longest text (a table cell's place is), never past half the list."""
        from PySide6.QtWidgets import QStyle

        header = self.tree.header()
        want = min(widest + 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 12,
                   self.tree.viewport().width() // 2)
        if want > header.sectionSize(1):        # only grows: a width the user chose stays
            header.resizeSection(1, want)

    def _flat_items(self) -> list[QTreeWidgetItem]:
        """The problems (not the article headings), top to bottom."""
        tree = self.tree
        return [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())]

    def set_article(self, article_id: str | None) -> None:
        """The article being edited: with “只看本文” only its problems (and the issue's) are listed."""
        if article_id != self.article_id:
            self.article_id = article_id
            if self.only_current.isChecked():
                self.refresh()
            self._show_group = not self._scroll_to_group()   # not listed yet: when the checks come

    def _scroll_to_group(self) -> bool:
        """Bring the current article's problems to the top of the list (the list is long: a whole issue)."""
        if self.article_id is None:
            return True
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, GROUP_ROLE) == self.article_id:
                self.tree.scrollToItem(top, QTreeWidget.ScrollHint.PositionAtTop)
                return True
        return False

    @staticmethod
    def problem_item(item: QTreeWidgetItem | None) -> QTreeWidgetItem | None:
        """The problem's row for a row of the list: itself, or the problem a related place belongs to."""
        if item is not None and item.data(0, RELATED_ROLE) is not None:
            return item.parent()
        return item

    def selected(self):
        """The chosen problem (on a related place's row: the problem it belongs to)."""
        item = self.problem_item(self.tree.currentItem())
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        d = self.selected()
        self.fix_button.setEnabled(bool(d and d.fix))

    def _activated(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        """A problem's row shows the problem; a related place's row, that place."""
        d = item.data(0, RELATED_ROLE) or item.data(0, Qt.ItemDataRole.UserRole)
        if d is not None:
            self.jump_requested.emit(d)

    def _jump_to(self, target):
        return lambda: self.jump_requested.emit(target)

    def _fix_selected(self) -> None:
        d = self.selected()
        if d is not None and d.fix is not None:
            self.fix_requested.emit(d)

    def _menu(self, pos) -> None:
        menu = self.menu_for(self.tree.itemAt(pos))
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def menu_for(self, item: QTreeWidgetItem | None) -> QMenu | None:
        """The context menu of a row (a related place's row: its problem's menu), None on a heading."""
        item = self.problem_item(item)
        d = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if d is None:
            return None
        menu = QMenu(self)
        menu.addAction("转到问题所在", lambda: self.jump_requested.emit(d))
        for i in range(item.childCount()):
            target = item.child(i).data(0, RELATED_ROLE)
            menu.addAction(f"转到相关位置：{target.message}", self._jump_to(target))
        if d.fix is not None:
            menu.addAction(f"快速修复：{d.fix.description}", lambda: self.fix_requested.emit(d))
        return menu
