"""What checks and writers may see besides the Issue itself: its folder and files, the previous
issue, and today's date (like Typst's `World`).

Passed explicitly (`run_checks(..., world=...)`, `compose(..., world)`), never found through
hidden attributes on the Issue: a snapshot of an issue made for a worker thread or the build
process has no such attributes, which is how the editor's live checks once lost every rule that
looks at the disk. A World without a folder is an issue made in memory: nothing on disk to
compare with, and the rules that need the disk stay silent.

    World.of(folder)                 an issue on disk; the previous issue is looked up when first asked for
    World(None, previous=issue)      an issue in memory (tests, imports), optionally with a previous issue
    world.with_hidden({...})         the same world, not seeing files a pending save will delete
    world.archive                    the index of every issue beside it (editor.archive), opened when first asked for

The previous issue is loaded at most once per World (and its copies); a sibling folder that
cannot be read is passed over and said in `notices` (Chinese), never raised.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import tomllib
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable

from .model import Issue

ISSUE_FILE = "issue.toml"        # as editor.content names it (not imported: content imports nothing of ours here)
MANIFEST_BYTES = 1024 * 1024     # a sibling's issue.toml read for its date: far more than any real one


class _Once:
    """A value computed on first use, once, from any thread."""

    def __init__(self, compute: Callable[[], Issue | None] | None, value: Issue | None = None):
        self._compute, self._value, self._lock = compute, value, threading.Lock()

    def get(self) -> Issue | None:
        if self._compute is not None:
            with self._lock:
                if self._compute is not None:
                    compute, self._compute = self._compute, None
                    self._value = compute()
        return self._value


class World:
    """The issue's surroundings, as checks and writers may read them."""

    def __init__(self, folder: str | os.PathLike | None = None, *, today: dt.date | None = None,
                 previous: Issue | None | Callable[[], Issue | None] = None, find_previous: bool = False,
                 hidden: Iterable[str] = (), archive: str | os.PathLike | None = None):
        """`previous`: the issue before this one, or a function giving it (called once, lazily);
        `find_previous`: look it up among the folder's siblings instead (see find_previous_issue);
        `archive`: the folder of issues this one belongs to (for World.of, the folder's parent)."""
        self.folder = Path(folder) if folder is not None else None
        self.today = today or dt.date.today()
        self.hidden = frozenset(hidden)
        self.notices: list[str] = []
        if find_previous and self.folder is not None:
            folder_, notices = self.folder, self.notices
            self._previous = _Once(lambda: find_previous_issue(folder_, notices))
        elif callable(previous):
            self._previous = _Once(previous)
        else:
            self._previous = _Once(None, previous)
        self.archive_folder = Path(archive) if archive is not None else None
        self._archive = _Once(self._open_archive if archive is not None else None)

    @classmethod
    def of(cls, folder: str | os.PathLike, today: dt.date | None = None) -> "World":
        """The world of the issue in `folder`: its files, and the previous issue and the archive beside it."""
        return cls(folder, today=today, find_previous=True, archive=Path(folder).absolute().parent)

    def with_hidden(self, hidden: Iterable[str]) -> "World":
        """This world without the files in `hidden` (relative paths); the previous issue and the archive
        are shared."""
        copy = World(self.folder, today=self.today, hidden=hidden)
        copy._previous, copy.notices = self._previous, self.notices
        copy.archive_folder, copy._archive = self.archive_folder, self._archive
        return copy

    # ------------------------------------------------------------ the archive

    @property
    def archive(self):
        """The index of the issues in `archive_folder` (editor.archive.Archive), brought up to date
        when first asked for; None without an archive folder, or when it holds no other issue."""
        return self._archive.get()

    @property
    def archive_name(self) -> str:
        """This issue's folder as the archive names it ("" for an issue in memory or outside it)."""
        archive = self.archive
        name = archive.relative(self.folder) if archive is not None and self.folder is not None else None
        return name or ""

    def _open_archive(self):
        from .archive import has_other_issues, open_archive   # sqlite: only for the rules that ask
        from .errors import BulletinError

        if not has_other_issues(self.archive_folder, self.folder):
            return None
        try:
            archive = open_archive(self.archive_folder)
        except BulletinError as exc:
            self.notices.append(f"无法使用往期检索索引：{exc}")
            return None
        self.notices.extend(n for n in archive.skipped if n not in self.notices)
        return archive

    @property
    def previous(self) -> Issue | None:
        """The issue before this one, or None (none found, or an issue in memory without one)."""
        return self._previous.get()

    # ------------------------------------------------------------ files

    @staticmethod
    def normalise(rel: str | PurePosixPath) -> str:
        """A path relative to the issue folder, with “..” and “.” folded: articles/../images/a.png → images/a.png."""
        return os.path.normpath(str(rel)).replace(os.sep, "/")

    def path(self, rel: str | PurePosixPath) -> Path | None:
        """Where a file of the issue is on disk (None for an issue in memory)."""
        return self.folder / self.normalise(rel) if self.folder is not None else None

    def exists(self, rel: str | PurePosixPath) -> bool:
        """Whether the issue's folder has this file (False in memory, and for hidden files)."""
        rel = self.normalise(rel)
        path = self.path(rel)
        try:
            return path is not None and rel not in self.hidden and path.is_file()
        except OSError:
            return False

    def files(self, under: str, suffix: str = "") -> list[str]:
        """Relative paths of the files directly in folder `under` of the issue, sorted; [] in memory
        or when the folder cannot be read."""
        base = self.path(under)
        if base is None:
            return []
        try:
            found = [f"{self.normalise(under)}/{p.name}" for p in base.iterdir()
                     if p.name.endswith(suffix) and p.is_file()]
        except OSError:
            return []
        return sorted(rel for rel in found if rel not in self.hidden)


# ---------------------------------------------------------------- the previous issue

def issue_date_and_template(folder: Path) -> tuple[dt.date, str] | None:
    """Date and template of the issue in `folder`, read cheaply from issue.toml alone."""
    from .safeio import read_text      # a FIFO or /dev/zero as a sibling's issue.toml: refused, never waited on
    from .errors import BulletinError

    try:
        data = tomllib.loads(read_text(folder / ISSUE_FILE, MANIFEST_BYTES, "issue.toml"))
    except (BulletinError, OSError, tomllib.TOMLDecodeError, RecursionError):
        return None
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        return None
    return date, str(data.get("template", ""))


def find_previous_issue(folder: str | os.PathLike, notices: list[str] | None = None) -> Issue | None:
    """The latest issue in a sibling folder dated before the one in `folder` (same template).

    A sibling that cannot be loaded is passed over (a broken old issue must not stop today's
    checks) and, when `notices` is given, said there in Chinese.
    """
    from .content import load_issue           # content → model; world is imported by checks and compose
    from .errors import BulletinError, os_reason

    root = Path(folder)
    this = issue_date_and_template(root)
    if this is None or not root.parent.is_dir():
        return None
    candidates = []
    try:
        siblings = list(root.parent.iterdir())
        here = root.resolve()
        for d in siblings:
            if not d.is_dir() or d.resolve() == here:
                continue
            other = issue_date_and_template(d)
            if other is not None and other[0] < this[0] and other[1] == this[1]:
                candidates.append((other[0], d))
    except OSError:
        return None
    for _, d in sorted(candidates, reverse=True):
        try:
            return load_issue(d)
        except BulletinError as exc:
            if notices is not None:
                first = str(exc).splitlines()[0]
                notices.append(f"已跳过无法读取的上一期文件夹“{d.name}”：{first}")
        except OSError as exc:
            if notices is not None:
                notices.append(f"已跳过无法读取的上一期文件夹“{d.name}”：{os_reason(exc)}")
        except Exception as exc:   # an old issue's defect must never stop today's work: said, not raised
            if notices is not None:
                notices.append(f"已跳过无法读取的上一期文件夹“{d.name}”（{type(exc).__name__}）")
    return None
