"""Files of the open issue changed by another program: noticed while open, offered for reload or
comparison (a bar above the editor), not only at the next save.

A QFileSystemWatcher watches issue.toml and the article files; a change is compared with the
bytes the issue was read from (or last saved as), so the window's own saves never count. Many
editors and sync clients save by replacing a file, which ends the watch on it: the paths are
watched again after every check.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from ..content import issue_files
from .document import Document

CHECK_DELAY_MS = 400


def changed_since_read(issue, folder: Path) -> list[str]:
    """Files of the issue whose bytes on disk are no longer those it was read from (or saved as)."""
    origin = getattr(issue, "_origin", None)
    if origin is None or origin.folder is None or Path(folder).resolve() != origin.folder:
        return []
    out = []
    for rel, (data, _text) in sorted(origin.files.items()):
        try:
            disk = (Path(folder) / rel).read_bytes()
        except OSError:
            disk = None
        if disk != data:
            out.append(rel)
    return out


class DiskWatcher(QObject):
    """Says which files of the open issue another program changed (once per new change)."""

    changed = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.doc: Document | None = None
        self.reported: list[str] = []
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _p: self._timer.start())
        self._watcher.directoryChanged.connect(lambda _p: self._timer.start())
        self._timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS, timeout=self.check)

    def set_document(self, doc: Document | None) -> None:
        self.doc = doc
        self.reported = []
        self._rewatch()

    def _rewatch(self) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        doc = self.doc
        if doc is None:
            return
        origin = getattr(doc.issue, "_origin", None)
        rels = list(origin.files) if origin is not None else []
        paths = [str(doc.folder / rel) for rel in rels if (doc.folder / rel).exists()]
        paths += [str(p) for p in (doc.folder, doc.folder / "articles") if p.is_dir()]
        if paths:
            self._watcher.addPaths(paths)

    def check(self) -> list[str]:
        """Compare now; emits `changed` when the set of changed files is new."""
        doc = self.doc
        found = changed_since_read(doc.issue, doc.folder) if doc is not None else []
        self._rewatch()
        if found != self.reported:
            self.reported = found
            self.changed.emit(found)
        return found


class ChangedBar(QFrame):
    """文件已被其他程序修改：[重新载入] [比较] [忽略] — above the editor, not in the way of typing."""

    reload = Signal()
    compare = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("changed-bar")
        self.setStyleSheet("#changed-bar { background:#FFF4E5; border:1px solid #F0B46A; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.reload_button = QPushButton("重新载入(&R)")
        self.reload_button.setToolTip("读入磁盘上的文件（本窗口未保存的修改会放弃）")
        self.reload_button.clicked.connect(self.reload)
        self.compare_button = QPushButton("比较(&M)")
        self.compare_button.setToolTip("逐行列出磁盘上的文件与编辑器里的内容有何不同")
        self.compare_button.clicked.connect(self.compare)
        ignore = QPushButton("忽略")
        ignore.setToolTip("保留编辑器里的内容；保存时仍会先问是否覆盖")
        ignore.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self.text, 1)
        for b in (self.reload_button, self.compare_button, ignore):
            lay.addWidget(b)
        self.hide()

    def show_files(self, rels: list[str], dirty: bool) -> None:
        if not rels:
            self.hide()
            return
        listed = "、".join(rels[:3]) + (f" 等 {len(rels)} 个文件" if len(rels) > 3 else "")
        mine = "本窗口还有未保存的修改。" if dirty else ""
        self.text.setText(f"{html.escape(listed)} 已被其他程序修改。{mine}要读入磁盘上的内容，还是先比较？")
        self.show()


def comparison(doc: Document, rels: list[str]) -> str:
    """The changed files line by line: what is on disk against what the editor holds."""
    import difflib        # only when asked: not at every start

    mine = issue_files(doc.issue)
    parts = []
    for rel in rels:
        try:
            disk = (doc.folder / rel).read_text(encoding="utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            disk = ""
        ours = mine.get(rel, "")
        diff = difflib.unified_diff(ours.splitlines(keepends=True), disk.splitlines(keepends=True),
                                    fromfile=f"编辑器中：{rel}", tofile=f"磁盘上：{rel}", n=2)
        parts.append("".join(diff) or f"{rel}：内容相同（只是写法或编码不同）\n")
    return "\n".join(parts)


class CompareDialog(QDialog):
    def __init__(self, parent, text: str):
        super().__init__(parent)
        self.setWindowTitle("比较：编辑器中的内容与磁盘上的文件")
        view = QPlainTextEdit(text)
        view.setReadOnly(True)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.view = view
        note = QLabel("以“-”开头的行只在编辑器里，以“+”开头的行只在磁盘上的文件里。")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(note)
        lay.addWidget(view, 1)
        lay.addWidget(close)
        self.resize(820, 600)
