"""The main window: outline | editor over problems | preview, with menus, files and safety nets."""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QVBoxLayout,
                               QWidget)

from ..content import save_issue
from ..errors import BulletinError
from ..paths import data_dir
from ..project import open_issue
from . import safety
from .actions import build_actions
from .builds import BuildService
from .document import ApplyFix, Document
from .editors import ArticleEditor
from .issue_panel import IssuePanel
from .outline import OutlineView
from .preview import PreviewPanel
from .problems import Checker, ProblemsPanel, diag_key

APP_NAME = "简报编排器"
AUTOSAVE_DELAY_MS = 3000
AUTOSAVE_PERIOD_MS = 60_000
LOCK_REFRESH_MS = 4 * 60_000
MAX_RECENT = 10


def settings() -> QSettings:
    """Window state and recent issues, in the per-user data folder (the same on every OS)."""
    return QSettings(str(data_dir() / "gui.ini"), QSettings.Format.IniFormat)


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


class MainWindow(QMainWindow):
    def __init__(self, interactive: bool = True, preview: bool = True, lock: bool = True):
        super().__init__()
        self.interactive = interactive
        self.token = uuid.uuid4().hex
        safety.LIVE_TOKENS.add(self.token)
        self.doc: Document | None = None
        self.lock: safety.IssueLock | None = None
        self.autosave_pool = QThreadPool(self)
        self.autosave_pool.setMaxThreadCount(1)
        self._autosaved_revision = -1
        self.owns_autosave = False        # the autosave folder holds this window's work (not a deferred recovery)
        self.take_locks = lock            # a screenshot run looks without taking the issue
        self._closed = False
        self.waited_s = 0.0               # seconds spent in questions to the user (start-up time leaves them out)

        self.service = BuildService(self)
        self.checker = Checker(self)
        self.outline = OutlineView()
        self.editor = ArticleEditor()
        self.issue_panel = IssuePanel()
        self.problems = ProblemsPanel(self.checker)
        self.preview = PreviewPanel(self.service, auto=preview)
        hint = QLabel("在左侧选择本期、栏目或文章。\n\nCtrl+O 打开期刊　Ctrl+N 新建期刊")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color:#888; font-size:14px;")
        self.stack = QStackedWidget()
        for w in (hint, self.issue_panel, self.editor):
            self.stack.addWidget(w)

        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(self.stack)
        self.center.addWidget(self.problems)
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
        self.setCentralWidget(self.split)

        self.saved_label = QLabel()
        self.check_label = QLabel()
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

    # ------------------------------------------------------------ opening and closing issues

    def open_folder(self, folder: str | Path) -> bool:
        """Open the issue in `folder`. Whether it is one is found out first: a folder that is not
        (or cannot be read) is refused with the open issue untouched, before any question about it."""
        folder = Path(folder)
        if folder.is_dir() and not (folder / "issue.toml").exists():
            self.error(f"“{folder}”不是期刊文件夹（里面没有 issue.toml）。\n请选择一期的文件夹，例如 content/2023-29。")
            return False
        try:
            opened = open_issue(folder)
        except BulletinError as exc:
            self.error(str(exc))
            return False
        held = safety.read_lock(folder)
        if held is not None and not (self.lock and self.lock.folder.resolve() == folder.resolve()):
            if self._ask("这一期已被打开", f"{held.describe()}。\n同时编辑会互相覆盖修改。仍要打开吗？",
                         ["仍然打开", "取消"], 0, QMessageBox.Icon.Warning) != 0:
                return False
        reopening = self.doc is not None and self.doc.folder.resolve() == folder.resolve()
        if not self.maybe_save():
            return False
        if reopening:                         # saved just now: read what is on disk now
            try:
                opened = open_issue(folder)
            except BulletinError as exc:
                self.error(str(exc))
                return False
        dirty = False
        recovery = safety.find_recovery(folder)
        if recovery is not None:
            answer = self._ask("恢复未保存的修改", f"发现这一期在 {safety.when(recovery.saved_at)} 自动保存、但未正式保存的修改"
                                 "（上次程序可能意外退出）。\n恢复这些修改吗？", ["恢复", "丢弃", "暂不处理"],
                                 0 if self.interactive else 2)
            if answer == 0:
                recovery.issue._origin = opened.issue._origin   # saving compares with the files on disk
                opened.issue, dirty = recovery.issue, True
            elif answer == 1:
                safety.discard_autosave(folder)
        self._set_document(Document(opened.issue, opened.template, folder, self, dirty=dirty))
        self.owns_autosave = dirty
        self._take_lock(folder)
        self._add_recent(folder)
        if dirty:
            self.statusBar().showMessage("已恢复自动保存的修改；保存（Ctrl+S）后写入期刊文件夹", 10000)
        return True

    def _set_document(self, doc: Document | None) -> None:
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
        self.checker.set_document(doc)
        self.preview.set_document(doc)
        self._autosaved_revision = doc.revision if doc else -1
        if old is not None:
            old.deleteLater()
        if doc is not None:
            first = doc.issue.articles[0].id if doc.issue.articles else None
            self.select(first) if first else self.outline.setCurrentIndex(doc.outline.issue_index())
        self._update_title()

    def _take_lock(self, folder: Path) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if not self.take_locks:
            return
        self.lock = safety.IssueLock(folder, self.token)
        if not self.lock.acquire():
            # the lock is the first write into the folder: if it fails, saving there will fail too
            self.error(f"期刊文件夹不能写入：{folder}。可以照常编辑，但保存时请用“另存为”（Ctrl+Shift+S）存到别的文件夹。")

    def maybe_save(self) -> bool:
        """Before the issue goes away: save, discard or cancel when there are unsaved changes."""
        if self.doc is None or not self.doc.dirty:
            return True
        answer = self._ask("保存修改", "本期有尚未保存的修改。关闭前保存吗？", ["保存", "不保存", "取消"], 2, focus=0)
        if answer == 0:
            return self.save()
        if answer == 1:
            self._discard_autosave()
            self.doc._forced_dirty = False
            self.doc.undo.setClean()
            return True
        return False

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
        self.autosave_pool.waitForDone(5000)
        if self.doc is not None and not self.doc.dirty:
            self._discard_autosave()
        if self.lock is not None:
            self.lock.release()
        self.service.shutdown()
        self.preview.remove_files()
        safety.LIVE_TOKENS.discard(self.token)

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        doc = self.doc
        if doc is None:
            return False
        others = safety.changed_on_disk(doc.issue, doc.folder)
        if others:
            listed = "\n".join(f"　{rel}" for rel in others[:8]) + ("\n　……" if len(others) > 8 else "")
            if self._ask("文件已被改动", f"打开这一期以后，以下文件被其他程序改动过：\n{listed}\n"
                           "保存会用编辑器里的内容覆盖这些改动。仍要保存吗？（也可以“另存为”到别的文件夹）",
                           ["覆盖并保存", "取消"], 1, QMessageBox.Icon.Warning) != 0:
                return False
        try:
            written = save_issue(doc.issue, doc.folder)
        except OSError as exc:
            where = safety.failed_path(exc, doc.folder)
            self.error(f"保存失败：{where}（{safety.os_reason(exc)}）。原有文件未改动，修改仍在编辑器里；"
                       "可以用“另存为”（Ctrl+Shift+S）存到别的文件夹。")
            return False
        doc.mark_saved()
        self.autosave_pool.waitForDone(5000)
        self._discard_autosave()
        self.statusBar().showMessage(f"已保存到 {doc.folder}（写入 {len(written)} 个文件）", 5000)
        return True

    def save_as(self, target: str | Path) -> bool:
        doc = self.doc
        target = Path(target)
        if doc is None:
            return False
        if (target / "issue.toml").exists() and target.resolve() != doc.folder.resolve():
            if self._ask("另存为", f"{target} 中已有一期，覆盖它吗？", ["覆盖", "取消"], 1) != 0:
                return False
        try:
            images = doc.folder / "images"
            if images.is_dir():
                shutil.copytree(images, target / "images", dirs_exist_ok=True)
            save_issue(doc.issue, target)
        except OSError as exc:
            self.error(f"另存为失败：{safety.failed_path(exc, target)}（{safety.os_reason(exc)}）")
            return False
        self.autosave_pool.waitForDone(5000)
        self._discard_autosave()
        doc.folder = target
        self._take_lock(target)
        doc.mark_saved()
        self._add_recent(target)
        self._update_title()
        self.statusBar().showMessage(f"已另存到 {target}", 5000)
        return True

    # ------------------------------------------------------------ autosave

    def _changed(self) -> None:
        self.autosave_timer.start()

    def autosave(self) -> None:
        """Write unsaved work to the autosave folder, in a worker thread."""
        doc = self.doc
        if doc is None or not doc.dirty or doc.revision == self._autosaved_revision:
            return
        self._autosaved_revision = doc.revision
        self.owns_autosave = True
        issue, folder, token = doc.opened().issue, doc.folder, self.token
        self.autosave_pool.start(lambda: self._write_autosave(issue, folder, token))

    def _clean_again(self, dirty: bool) -> None:
        """Undone back to the saved state: the autosave holds edits that no longer exist; a crash or a
        switch of issue must not offer them back."""
        if not dirty and self.doc is not None:
            self.autosave_timer.stop()
            self.autosave_pool.waitForDone(5000)      # an autosave under way finishes first
            self._discard_autosave()
            self._autosaved_revision = -1

    def _discard_autosave(self) -> None:
        """Remove this window's autosave (never a recovery the user chose to keep for later)."""
        if self.doc is not None and self.owns_autosave:
            safety.discard_autosave(self.doc.folder)
            self.owns_autosave = False

    @staticmethod
    def _write_autosave(issue, folder, token) -> None:
        try:
            safety.write_autosave(issue, folder, token)
        except OSError:
            pass     # a full disk must not interrupt editing; the next autosave tries again

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
            self.preview.set_article(article.id)
            self.problems.set_article(article.id)
        elif kind in ("issue", "column"):
            self.stack.setCurrentWidget(self.issue_panel)
            column = model.column_at(current) if kind == "column" else None
            # the preview shows the column where it starts (its first article), the issue at its cover
            self.preview.set_article(column.articles[0].id if column and column.articles else None)
            self.problems.set_article(None)
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

    def recent(self) -> list[str]:
        value = settings().value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _add_recent(self, folder: Path) -> None:
        path = str(Path(folder).resolve())
        items = [p for p in self.recent() if p != path]
        settings().setValue("recent", [path, *items][:MAX_RECENT])
        self.actions.fill_recent()

    def _save_state(self) -> None:
        s = settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState())
        s.setValue("split", self.split.saveState())
        s.setValue("center", self.center.saveState())

    def _restore_state(self) -> None:
        s = settings()
        for key, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState),
                             ("split", self.split.restoreState), ("center", self.center.restoreState)):
            value = s.value(key)
            if isinstance(value, QByteArray):
                restore(value)

