"""Qt-free safety nets: autosaved copies of unsaved work and the issue lock file.

Autosave: the issue's files as they would be saved, written (atomically) to
editor.paths.data_dir()/autosave/<key>/ with a meta.json naming the issue
folder. A clean save or a close without saving removes it; a crash leaves it,
and the next time the folder is opened the app offers to recover it.

Lock: <issue folder>/.bulletin.lock holds the pid, host and time of the window
that has the issue open. Another window or program opening the same folder is
warned. A lock whose process is gone (same host) or that has not been
refreshed for LOCK_STALE_SECONDS (another host) is stale and taken over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..content import ARTICLES_DIR, issue_files, load_issue
from ..model import Issue
from ..paths import atomic_write, data_dir

LOCK_NAME = ".bulletin.lock"
LOCK_STALE_SECONDS = 15 * 60     # the app refreshes its lock every few minutes
META = "meta.json"
# Tokens of the windows of this process that are open now. A lock or autosave written by this
# process under a token no longer here belongs to a window that went away without closing.
LIVE_TOKENS: set[str] = set()


# ---------------------------------------------------------------- errors in words

def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese (editor.errors.os_reason, plus the usual Windows cause)."""
    if isinstance(exc, PermissionError) and sys.platform == "win32":
        return "没有访问权限，或文件正被其他程序占用"     # Windows reports a file open elsewhere this way
    return errors.os_reason(exc)


def when(iso: str) -> str:
    """An ISO time as an editor reads it: 2023年7月21日 09:05 (the text as it is if it is not one)."""
    try:
        t = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{t.year}年{t.month}月{t.day}日 {t:%H:%M}"


def failed_path(exc: OSError, default: Path) -> Path:
    """The file an OSError is about, named as the user knows it (not atomic_write's hidden temp file)."""
    if not exc.filename:
        return Path(default)
    path = Path(exc.filename)
    if path.name.startswith(".") and path.name.endswith(".tmp") and path.name.count(".") >= 3:
        return path.with_name(path.name[1:].rsplit(".", 2)[0])
    return path


# ---------------------------------------------------------------- changes made by others

def changed_on_disk(issue: Issue, folder: Path) -> list[str]:
    """Files a save would overwrite (or remove) that someone else changed since they were read.

    The lock warns other windows of this program; this catches everything else (a text
    editor, a synchronised folder, a colleague's copy). It compares with the bytes the
    issue was loaded from (or last saved as), which content.save_issue keeps.
    """
    origin = getattr(issue, "_origin", None)
    folder = Path(folder)
    if origin is None or origin.folder is None or folder.resolve() != origin.folder:
        return []
    files = issue_files(issue)
    out = []
    for rel in sorted(set(files) | set(origin.files)):
        previous = origin.files.get(rel)
        if previous is not None and rel in files and files[rel] == previous[1]:
            continue          # not written by a save: whatever happened to it stays
        try:
            disk: bytes | None = (folder / rel).read_bytes()
        except OSError:
            disk = None
        if disk != (previous[0] if previous is not None else None):
            out.append(rel)
    return out


def removed_on_save(issue: Issue, folder: Path) -> set[str]:
    """Article files in `folder` that saving the issue there would delete: those it was loaded
    with (or last saved as) and no longer lists. Checks do not report them as left out."""
    origin = getattr(issue, "_origin", None)
    if origin is None or origin.folder is None or Path(folder).resolve() != origin.folder:
        return set()
    listed = {f"{ARTICLES_DIR}/{a.id}.md" for a in issue.articles}
    return {rel for rel in origin.files if rel.startswith(ARTICLES_DIR + "/") and rel not in listed}


# ---------------------------------------------------------------- autosave

def autosave_dir(folder: Path) -> Path:
    """Where unsaved work on the issue in `folder` is kept."""
    key = hashlib.sha1(str(Path(folder).resolve()).encode("utf-8")).hexdigest()[:16]
    return data_dir() / "autosave" / key


def write_autosave(issue: Issue, folder: Path, token: str = "") -> Path:
    """Write the issue's files (as they would be saved) to its autosave folder."""
    target = autosave_dir(folder)
    files = issue_files(issue)
    for rel, text in files.items():
        atomic_write(target / rel, text.encode("utf-8"))
    articles = target / "articles"
    keep = {Path(rel).name for rel in files if rel.startswith("articles/")}
    for old in articles.glob("*.md"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    meta = {"folder": str(Path(folder).resolve()), "time": dt.datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(), "host": socket.gethostname(), "token": token}
    atomic_write(target / META, json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))
    return target


@dataclass
class Recovery:
    path: Path
    saved_at: str          # ISO time of the autosave
    issue: Issue


def find_recovery(folder: Path) -> Recovery | None:
    """Autosaved work on `folder` left by a window that did not close cleanly, if any."""
    target = autosave_dir(folder)
    try:
        meta = json.loads((target / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if _holder_alive(meta):
        return None     # a window is still working on it
    try:
        issue = load_issue(target)
    except Exception:   # a damaged autosave is not worth a crash: ignore it
        return None
    return Recovery(target, str(meta.get("time", "")), issue)


def discard_autosave(folder: Path) -> None:
    shutil.rmtree(autosave_dir(folder), ignore_errors=True)


# ---------------------------------------------------------------- lock

def _holder_alive(meta: dict) -> bool:
    """Whether the window that wrote a lock or autosave (pid, host, token) is still open."""
    if meta.get("host") != socket.gethostname():
        return False
    try:
        pid = int(meta.get("pid", 0))
    except (TypeError, ValueError):
        return False
    if pid == os.getpid():
        return meta.get("token") in LIVE_TOKENS
    return pid_alive(pid)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259             # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass
class LockInfo:
    pid: int
    host: str
    time: str
    same_process: bool

    def describe(self) -> str:
        """Chinese: who holds the lock."""
        if self.same_process:
            return "本程序的另一个窗口正在编辑这一期"
        return f"计算机“{self.host}”上的另一个程序（进程 {self.pid}）自 {when(self.time)} 起正在编辑这一期"


def read_lock(folder: Path) -> LockInfo | None:
    """The live lock on `folder` held by someone else, or None (no lock, a stale lock, or ours)."""
    path = Path(folder) / LOCK_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        age = time.time() - path.stat().st_mtime
        pid, host = int(data.get("pid", 0)), str(data.get("host", ""))
    except (OSError, ValueError, TypeError):
        return None
    here = socket.gethostname()
    if host == here:
        if not _holder_alive(data):
            return None
    elif age > LOCK_STALE_SECONDS:
        return None
    return LockInfo(pid, host, str(data.get("time", "")), host == here and pid == os.getpid())


class IssueLock:
    """The lock this window holds on an issue folder. Several windows of one process may hold
    locks on different folders; `token` tells them apart inside one process."""

    def __init__(self, folder: Path, token: str):
        self.folder = Path(folder)
        self.token = token

    @property
    def path(self) -> Path:
        return self.folder / LOCK_NAME

    def acquire(self) -> bool:
        data = {"pid": os.getpid(), "host": socket.gethostname(), "token": self.token,
                "time": dt.datetime.now().isoformat(timespec="seconds")}
        try:
            atomic_write(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
            return True
        except OSError:
            return False        # a read-only folder: work without a lock

    def refresh(self) -> None:
        if self.owned():
            try:
                os.utime(self.path)
            except OSError:
                pass

    def owned(self) -> bool:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return data.get("token") == self.token and data.get("pid") == os.getpid()

    def release(self) -> None:
        if self.owned():
            self.path.unlink(missing_ok=True)
