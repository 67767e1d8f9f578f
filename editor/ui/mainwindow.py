"""The main window: outline | editor over problems | preview, with menus, files and safety nets."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

# Only what the first paint shows is imported here: the article editor, the issue panel, the PDF
# view, the build process, the watcher and the core modules behind them come with complete()
# (bulletin gui runs it right after the window has painted; tests/test_gui_startup.py keeps it so).
from .actions import build_actions
from .outline import OutlineView
from .preview import PreviewPanel
from .problems import Checker, ProblemsPanel, diag_key
from .session import IssueFiles, settings

if TYPE_CHECKING:
    from .document import Document
    from .safety import IssueLock

APP_NAME = "简报编排器"
AUTOSAVE_DELAY_MS = 3000
AUTOSAVE_PERIOD_MS = 60_000
LOCK_REFRESH_MS = 4 * 60_000


def first_size(platform: str | None = None, available: tuple[int, int] | None = None) -> tuple[int, int]:
    """The window size before any is remembered: 1440×900, or a little less than a smaller screen
    (1366×768 laptops are common in offices). The offscreen platform's 800×800 "screen" is not one."""
    platform = platform or QGuiApplication.platformName()
    if available is None:
        screen = QGuiApplication.primaryScreen()
        geometry = screen.availableGeometry() if screen is not None else None
        available = (geometry.width(), geometry.height()) if geometry is not None else (0, 0)
    if platform == "offscreen" or min(available) <= 0:
        return 1440, 900
    return min(1440, available[0] - 40), min(900, available[1] - 60)


class WordCounts(QObject):
    """字数 in the status bar: the current article's and the issue's, counted shortly after typing pauses."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.doc: Document | None = None
        self._cache: dict = {}
        self._stale: set[str] = set()
        self._timer = QTimer(self, singleShot=True, interval=400, timeout=self.update)

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.article_changed.disconnect(self._changed)
            self.doc.structure_changed.disconnect(self._timer.start)
        self.doc, self._cache = doc, {}
        if doc is not None:
            doc.article_changed.connect(self._changed)
            doc.structure_changed.connect(self._timer.start)
        self.update()

    def _changed(self, article_id: str, _field: str) -> None:
        self._stale.add(article_id)
        self._timer.start()

    def update(self) -> None:
        from .wordcount import count_article, count_issue

        doc, label = self.doc, self.win.count_label
        if doc is None:
            label.setText("")
            return
        total = count_issue(doc.issue, self._cache, self._stale)
        self._stale = set()
        article = self.win.editor.current_article() if self.win.current_kind() == "article" else None
        mine = f"本文 {count_article(article):,} 字　" if article is not None else ""
        label.setText(f"{mine}本期 {total:,} 字")


class MainWindow(QMainWindow, IssueFiles):
    def __init__(self, interactive: bool = True, preview: bool = True, lock: bool = True, defer: bool = False,
                 remember: bool = True):
        """`defer`: build only what the first paint shows (menus, toolbar, outline, problems, the
        preview's toolbar); the caller runs complete() once the window has painted (bulletin gui).
        `remember` False (a screenshot): the user's remembered layout and recent issues are neither
        used nor changed, so a screenshot at 1024×700 does not shrink the next real window's panes."""
        super().__init__()
        self.interactive = interactive
        self.token = os.urandom(16).hex()    # (as uuid4().hex; the uuid module costs 4 ms before the first paint)
        self.doc: Document | None = None
        self.lock: IssueLock | None = None
        self.autosave_pool = QThreadPool(self)
        self.autosave_pool.setMaxThreadCount(1)
        self._autosaved_revision = -1
        self.owns_autosave = False        # the autosave folder holds this window's work (not a deferred recovery)
        self.take_locks = lock            # a screenshot run looks without taking the issue
        self.remember = remember
        self._closed = False
        self.ready = False                # complete() has run
        self.waited_s = 0.0               # seconds spent in questions to the user (start-up time leaves them out)

        self.checker = Checker(self)
        self.outline = OutlineView()
        self.problems = ProblemsPanel(self.checker)
        self.preview = PreviewPanel(auto=preview)
        hint = QLabel("在左侧选择本期、栏目或文章。\n\nCtrl+O 打开期刊　Ctrl+N 新建期刊")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color:#888; font-size:14px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(hint)
        inner = QWidget()
        tv = QVBoxLayout(inner)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.setSpacing(0)
        tv.addWidget(self.stack, 1)
        self._top = tv                    # the bar about files changed on disk goes above the stack
        # in a scroll area, so that the problems list can take most of the height (the editor then scrolls)
        top = QScrollArea()
        top.setWidget(inner)
        top.setWidgetResizable(True)
        top.setFrameShape(QFrame.Shape.NoFrame)
        top.setMinimumHeight(120)
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(top)
        self.center.addWidget(self.problems)
        self.center.setChildrenCollapsible(False)
        self._keep_center = QTimer(self, singleShot=True, interval=500,
                                   timeout=lambda: self._save_state(only="center"))
        self.center.splitterMoved.connect(lambda *_: self._keep_center.start())   # kept at once, not only at exit
        self.problems.enlarge.toggled.connect(self.enlarge_problems)
        self.center.setStretchFactor(0, 3)
        self.center.setStretchFactor(1, 1)
        self.center.setSizes([620, 200])
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.outline)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(left)
        self.split.addWidget(self.center)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 3)
        self.split.setStretchFactor(2, 2)
        self.split.setSizes([330, 680, 430])
        # panes in proportion to the window until the user moves a divider (or a saved layout is restored)
        self._auto_panes = not remember or settings().value("split") is None
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_auto_panes", False))
        self.setCentralWidget(self.split)

        self.saved_label = QLabel()
        self.check_label = QLabel()
        self.count_label = QLabel()
        self.count_label.setToolTip("字数：汉字每字一个，外文与数字每词一个（与 Word、WPS 的“字数”相同）")
        self.counts = WordCounts(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.check_label)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.actions = build_actions(self)
        self.problems.jump_requested.connect(self.jump_to)
        self.problems.fix_requested.connect(self.apply_fix)
        self.checker.updated.connect(self._checks_updated)

        self.autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS, timeout=self.autosave)
        self.periodic = QTimer(self, interval=AUTOSAVE_PERIOD_MS, timeout=self.autosave)
        self.periodic.start()
        self.lock_timer = QTimer(self, interval=LOCK_REFRESH_MS, timeout=lambda: self.lock and self.lock.refresh())
        self.lock_timer.start()
        self.resize(*first_size())
        self._restore_state()
        self._update_title()
        if not defer:
            self.complete()

    def complete(self) -> None:
        """Build what the first paint does not show: the article editor and the issue panel (behind
        the hint), the preview's pages and the build process, the watch on the issue's files.
        Idempotent; anything that opens an issue or needs these parts runs it first."""
        if self.ready:
            return
        self.ready = True
        from . import safety
        from .builds import BuildService
        from .editors import ArticleEditor
        from .issue_panel import IssuePanel
        from .watch import ChangedBar, DiskWatcher

        safety.LIVE_TOKENS.add(self.token)
        self.service = BuildService(self)
        self.preview.complete(self.service)
        self.editor = ArticleEditor()
        self.issue_panel = IssuePanel()
        self.stack.addWidget(self.issue_panel)
        self.stack.addWidget(self.editor)
        self.watcher = DiskWatcher(self)
        self.changed_bar = ChangedBar()
        self.watcher.changed.connect(lambda rels: self.changed_bar.show_files(rels, bool(self.doc and self.doc.dirty)))
        self.changed_bar.reload.connect(self.reload_from_disk)
        self.changed_bar.compare.connect(self.compare_with_disk)
        self._top.insertWidget(0, self.changed_bar)

    # ------------------------------------------------------------ questions (tests replace `prompt`)

    def prompt(self, title: str, text: str, buttons: list[str], default: int = 0,
               icon=QMessageBox.Icon.Question, focus: int | None = None) -> int:
        """Ask the user; returns the index of the button chosen (`default` when not interactive).
        The first button is the affirmative one and the last the way out (Esc, the window's ✕);
        Enter presses `focus` (default: `default`)."""
        if not self.interactive:
            return default
        box = QMessageBox(icon, title, text, parent=self)
        last = len(buttons) - 1
        made = [box.addButton(b, QMessageBox.ButtonRole.AcceptRole if i == 0
                              else QMessageBox.ButtonRole.RejectRole if i == last
                              else QMessageBox.ButtonRole.DestructiveRole) for i, b in enumerate(buttons)]
        box.setDefaultButton(made[default if focus is None else focus])
        box.setEscapeButton(made[last])
        box.exec()
        clicked = box.clickedButton()
        return made.index(clicked) if clicked in made else last

    def _ask(self, *args, **kwargs) -> int:
        """`prompt`, keeping count of the time the user spent answering (not start-up time)."""
        start = time.monotonic()
        try:
            return self.prompt(*args, **kwargs)
        finally:
            self.waited_s += time.monotonic() - start

    def error(self, text: str) -> None:
        self.statusBar().showMessage(text.splitlines()[0], 10000)
        if self.interactive:
            self._ask(APP_NAME, text, ["确定"], 0, QMessageBox.Icon.Warning)

    # ------------------------------------------------------------ the document's life

    def _set_document(self, doc: Document | None) -> None:
        self.complete()
        old = self.doc
        if old is not None and not old.dirty:
            self._clean_again(False)          # leaving an issue that is as on disk: nothing to recover
        self.doc = doc
        self.outline.setModel(doc.outline if doc else None)
        if doc is not None:
            self.outline.selectionModel().currentChanged.connect(self._current_changed)
            doc.outline.files_dropped.connect(self.actions.do_import)
            doc.outline.refused.connect(lambda text: self.statusBar().showMessage(text, 6000))
            doc.dirty_changed.connect(self._update_title)
            doc.dirty_changed.connect(self._clean_again)
            doc.article_id_changed.connect(self._article_id_changed)
            doc.changed.connect(self._changed)
            doc.undo.indexChanged.connect(self._update_title)
            self.actions.bind_undo(doc.undo)
            self.outline.expandAll()
        self.editor.set_document(doc)
        self.issue_panel.set_document(doc)
        self.watcher.set_document(doc)
        self.changed_bar.hide()
        self.counts.set_document(doc)
        self.checker.set_document(doc)
        self.preview.set_document(doc)
        self._autosaved_revision = doc.revision if doc else -1
        if old is not None:
            old.deleteLater()
        if doc is not None:
            first = doc.issue.articles[0].id if doc.issue.articles else None
            self.select(first) if first else self.outline.setCurrentIndex(doc.outline.issue_index())
        self._update_title()

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        """Release everything this window holds: lock, autosave, build process, preview files."""
        if self._closed:
            return
        self._closed = True
        self._save_state()
        self.checker.wait(5000)
        if not self.ready:                # closed before complete(): nothing was opened or started
            return
        self.autosave_pool.waitForDone(5000)
        if self.doc is not None and not self.doc.dirty:
            self._discard_autosave()
        if self.lock is not None:
            self.lock.release()
        self.service.shutdown()
        self.preview.remove_files()
        from . import safety

        safety.LIVE_TOKENS.discard(self.token)

    def _changed(self) -> None:
        self.autosave_timer.start()

    # ------------------------------------------------------------ selection, jumps, fixes

    def select(self, article_id: str | None) -> None:
        if self.doc is None:
            return
        index = self.doc.outline.article_index(article_id) if article_id else self.doc.outline.issue_index()
        if index.isValid():
            self.outline.setCurrentIndex(index)

    def _current_changed(self, current, _previous=None) -> None:
        model = self.doc.outline if self.doc else None
        kind = model.kind(current) if model else ""
        if kind == "article":
            article = model.article_at(current)
            if article.id != self.editor.article_id:
                self.editor.show_article(article.id)
                self.editor.show_problems(self.checker.diagnostics)
            self.stack.setCurrentWidget(self.editor)
            self.counts.update()
            self.preview.set_article(article.id)
            self.problems.set_article(article.id)
        elif kind in ("issue", "column"):
            self.stack.setCurrentWidget(self.issue_panel)
            column = model.column_at(current) if kind == "column" else None
            # the preview shows the column where it starts (its first article), the issue at its cover
            self.preview.set_article(column.articles[0].id if column and column.articles else None)
            self.problems.set_article(None)
            self.counts.update()
        self.actions.update_enabled()

    def _article_id_changed(self, old: str, new: str) -> None:
        """A new article took its file name from its title: its problems are checked again under it."""
        self.checker.diagnostics = [d for d in self.checker.diagnostics if d.article_id != old]
        self.checker.updated.emit()
        if self.preview.article_id == old:
            self.preview.set_article(new)
        if self.problems.article_id == old:
            self.problems.set_article(new)

    def current_kind(self) -> str:
        return self.doc.outline.kind(self.outline.currentIndex()) if self.doc else ""

    def jump_to(self, d) -> None:
        """Show the place of a problem: the article, the field, the exact characters."""
        if self.doc is None:
            return
        if d.article_id and self.doc.issue.article(d.article_id):
            self.select(d.article_id)
            if not self.editor.jump(d.field, d.block_index, d.offset, d.length):
                self.statusBar().showMessage("问题所在的文字已改动，请重新检查（F5）", 5000)
        else:
            self.select(None)
            widget = {"date": self.issue_panel.date, "number": self.issue_panel.number,
                      "total_number": self.issue_panel.total, "cover": self.issue_panel.cover,
                      "cover_text": self.issue_panel.cover_text, "colophon": self.issue_panel.colophon,
                      "disclaimer": self.issue_panel.disclaimer}.get(self._issue_field(d))
            if widget is not None:
                widget.setFocus()

    def _issue_field(self, d) -> str:
        """The issue.toml key a problem of the issue itself is about: from its fix, else from its line."""
        for e in (d.fix.edits if d.fix else ()):
            if e.article_id is None:
                return e.field
        if d.location is not None and d.location.file == "issue.toml":
            for key, loc in self.doc.issue.field_locs.items():
                if loc.line == d.location.line:
                    return key
        return d.field

    def apply_fix(self, d) -> bool:
        """Apply a problem's quick fix as one undoable step (re-checking first if the text moved on)."""
        if self.doc is None or d.fix is None:
            return False
        if not self.checker.current:
            fresh = {diag_key(x): x for x in self.checker.run_now()}
            d = fresh.get(diag_key(d))
            if d is None or d.fix is None:
                self.statusBar().showMessage("这个问题已经不存在了", 5000)
                return False
        from .document import ApplyFix

        self.doc.undo.push(ApplyFix(self.doc, d.fix.description, d.fix.edits))
        self.statusBar().showMessage(f"已修复：{d.fix.description}（Ctrl+Z 撤销）", 5000)
        return True

    def _checks_updated(self) -> None:
        diags = self.checker.diagnostics
        self.editor.show_problems(diags)
        errors = sum(1 for d in diags if d.severity == "error")
        if self.doc is not None:
            per_article: dict[str, int] = {}
            for d in diags:
                if d.severity == "error" and d.article_id:
                    per_article[d.article_id] = per_article.get(d.article_id, 0) + 1
            self.doc.outline.set_errors(per_article)
        self.check_label.setText(f"问题 {len(diags)}（错误 {errors}）" if diags else "未发现问题")

    # ------------------------------------------------------------ panes

    def enlarge_problems(self, on: bool) -> None:
        """放大: the problems list takes most of the middle (a long list to work through); again to go back."""
        sizes = self.center.sizes()
        total = sum(sizes)
        if on:
            self._before_enlarge = sizes
            self.center.setSizes([int(total * 0.3), total - int(total * 0.3)])
        else:
            self.center.setSizes(getattr(self, "_before_enlarge", None) or [int(total * 0.75), total - int(total * 0.75)])
        self._keep_center.start()

    def compare_with_disk(self) -> None:
        from .watch import CompareDialog, comparison

        if self.doc is not None:
            CompareDialog(self, comparison(self.doc, self.watcher.reported)).exec()

    # ------------------------------------------------------------ window state

    def _update_title(self, *_args) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(APP_NAME)
            self.saved_label.setText("")
            return
        pub = doc.template.publication.title
        self.setWindowTitle(f"《{pub}》第{doc.issue.number}期 — {doc.folder.name}[*] — {APP_NAME}")
        self.setWindowModified(doc.dirty)
        text = "● 未保存" if doc.dirty else "已保存"
        if self.saved_label.text() != text:        # style sheets are slow to set on every keystroke
            self.saved_label.setText(text)
            self.saved_label.setStyleSheet("color:#B7282E;" if doc.dirty else "color:#2E7D32;")

    def _save_state(self, only: str | None = None) -> None:
        if not self.remember:
            return
        s = settings()
        for key, state in (("geometry", self.saveGeometry), ("state", self.saveState),
                           ("split", self.split.saveState), ("center", self.center.saveState)):
            if only in (None, key):
                s.setValue(key, state())

    def fit_panes(self) -> None:
        """Outline, editor and preview in proportion to the window: at 1024 px the outline must not take a third."""
        w = max(self.width(), 800)
        outline = max(220, min(330, int(w * 0.22)))
        preview = max(260, int(w * 0.3))
        self.split.setSizes([outline, w - outline - preview, preview])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._auto_panes:
            self.fit_panes()

    def _restore_state(self) -> None:
        if not self.remember:
            return
        s = settings()
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                             ("split", self.split.restoreState), ("center", self.center.restoreState)):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)

