"""Opening, saving and autosaving the issue of a window, its lock, and the recent issues.

Mixed into MainWindow (`self` is the window: doc, prompt/_ask, error, statusBar …).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ..errors import BulletinError
from ..paths import data_dir

# Opening and saving need the core (loader, model, writers of files): imported when an issue is
# opened, not when the window is first painted.

MAX_RECENT = 10


def settings() -> QSettings:
    """Window state and recent issues, in the per-user data folder (the same on every OS)."""
    return QSettings(str(data_dir() / "gui.ini"), QSettings.Format.IniFormat)


class IssueFiles:
    # ------------------------------------------------------------ opening and closing issues

    def open_folder(self, folder: str | Path) -> bool:
        """Open the issue in `folder`. Whether it is one is found out first: a folder that is not
        (or cannot be read) is refused with the open issue untouched, before any question about it."""
        from ..project import open_issue
        from . import safety
        from .document import Document

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
                         ["仍然打开(&O)", "取消"], 0, QMessageBox.Icon.Warning) != 0:
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
                                 "（上次程序可能意外退出）。\n恢复这些修改吗？", ["恢复(&R)", "丢弃(&D)", "暂不处理(&L)"],
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

    def _take_lock(self, folder: Path) -> None:
        from . import safety

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
        answer = self._ask("保存修改", "本期有尚未保存的修改。关闭前保存吗？", ["保存(&S)", "不保存(&N)", "取消"], 2, focus=0)
        if answer == 0:
            return self.save()
        if answer == 1:
            self._discard_autosave()
            self.doc._forced_dirty = False
            self.doc.undo.setClean()
            return True
        return False

    def reload_from_disk(self) -> bool:
        """重新载入: the files as another program left them (this window's unsaved edits go, after asking)."""
        from ..project import open_issue
        from .document import Document

        doc = self.doc
        if doc is None:
            return False
        if doc.dirty and self._ask("重新载入", "读入磁盘上的文件，放弃本窗口未保存的修改吗？",
                                   ["重新载入(&R)", "取消"], 1, QMessageBox.Icon.Warning) != 0:
            return False
        try:
            opened = open_issue(doc.folder)
        except BulletinError as exc:
            self.error(str(exc))
            return False
        current = self.editor.article_id
        self._discard_autosave()
        doc._forced_dirty = False
        doc.undo.setClean()
        self._set_document(Document(opened.issue, opened.template, doc.folder, self))
        if current and self.doc.issue.article(current) is not None:
            self.select(current)
        self.statusBar().showMessage("已重新载入磁盘上的文件", 6000)
        return True

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        from ..content import save_issue
        from . import safety

        doc = self.doc
        if doc is None:
            return False
        others = safety.changed_on_disk(doc.issue, doc.folder)
        if others:
            listed = "\n".join(f"　{rel}" for rel in others[:8]) + ("\n　……" if len(others) > 8 else "")
            if self._ask("文件已被改动", f"打开这一期以后，以下文件被其他程序改动过：\n{listed}\n"
                           "保存会用编辑器里的内容覆盖这些改动。仍要保存吗？（也可以“另存为”到别的文件夹）",
                           ["覆盖并保存(&O)", "取消"], 1, QMessageBox.Icon.Warning) != 0:
                return False
        try:
            written = save_issue(doc.issue, doc.folder)
        except OSError as exc:
            where = safety.failed_path(exc, doc.folder)
            self.error(f"保存失败：{where}（{safety.os_reason(exc)}）。原有文件未改动，修改仍在编辑器里；"
                       "可以用“另存为”（Ctrl+Shift+S）存到别的文件夹。")
            return False
        doc.mark_saved()
        self.watcher.set_document(doc)          # the files are ours again
        self.changed_bar.hide()
        self.autosave_pool.waitForDone(5000)
        self._discard_autosave()
        self.statusBar().showMessage(f"已保存到 {doc.folder}（写入 {len(written)} 个文件）", 5000)
        return True

    def save_as(self, target: str | Path) -> bool:
        from ..content import save_issue
        from . import safety

        doc = self.doc
        target = Path(target)
        if doc is None:
            return False
        if (target / "issue.toml").exists() and target.resolve() != doc.folder.resolve():
            if self._ask("另存为", f"{target} 中已有一期，覆盖它吗？", ["覆盖(&O)", "取消"], 1) != 0:
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
        self.watcher.set_document(doc)
        self.changed_bar.hide()
        self._add_recent(target)
        self._update_title()
        self.statusBar().showMessage(f"已另存到 {target}", 5000)
        return True

    # ------------------------------------------------------------ autosave

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
            from . import safety

            safety.discard_autosave(self.doc.folder)
            self.owns_autosave = False

    @staticmethod
    def _write_autosave(issue, folder, token) -> None:
        from . import safety

        try:
            safety.write_autosave(issue, folder, token)
        except OSError:
            pass     # a full disk must not interrupt editing; the next autosave tries again

    # ------------------------------------------------------------ recent issues

    def recent(self) -> list[str]:
        value = settings().value("recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _add_recent(self, folder: Path) -> None:
        if not self.remember:
            return
        path = str(Path(folder).resolve())
        items = [p for p in self.recent() if p != path]
        settings().setValue("recent", [path, *items][:MAX_RECENT])
        self.actions.recent_menu.setEnabled(True)     # its items are read when it opens
