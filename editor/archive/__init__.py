"""The archive of every issue: a searchable index over a folder of issue folders (content/).

    archive = open_archive("content")          one per folder and process, index brought up to date
    archive.search("数据要素", year=2023)       → SearchResult (search.py)
    archive.published(article, before=date, exclude="2023-29")   → [Published] (published.py)
    archive.issues(year=2023)                   → [IssueEntry], in date order

The index (store.py, index.py) is an SQLite database in the user's cache folder, never the source
of truth: it is brought up to date from the files at every open, re-reading only the files
that changed, and rebuilt from them when it is damaged. Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

from ..errors import BulletinError, ContentError
from ..model import Article
from ..records import record
from .index import IndexReport, iter_issue_folders, refresh
from .published import Candidates, Published, find_published
from .search import ArticleOrder, Hit, Match, SearchResult, Searcher
from .store import Store, is_locked, reason_of

__all__ = ["Archive", "open_archive", "IndexReport", "SearchResult", "Hit", "Match", "Published", "IssueEntry",
           "published_notices", "has_other_issues"]

REFRESH_AFTER_S = 2.0      # a process asking again within this time gets the index as it was


@record
class IssueEntry:
    """An issue as the index knows it."""

    folder: str              # relative to the archive folder
    date: dt.date
    number: int
    total_number: int
    template: str
    articles: int


class Archive:
    """The index of the issue folders in `folder`. Thread-safe: one connection, used under a lock."""

    def __init__(self, folder: str | Path, *, database: Path | None = None):
        self.folder = Path(folder).absolute()     # a later chdir must not move the archive
        if not self.folder.is_dir():
            raise ContentError(f"找不到存放各期的文件夹：{self.folder}")
        self._lock = threading.RLock()
        self.store = Store(self.folder, database)
        self.notices: list[str] = list(self.store.notices)
        self.last_report: IndexReport | None = None
        self._refreshed_at: float | None = None
        self._candidates = Candidates()         # kept while the index is unchanged (published.py)
        self._order = ArticleOrder()            # likewise (search.py)

    def _guarded(self, work, *, is_refresh: bool = False):
        """Run `work()`; a database found damaged under use is rebuilt (one kept locked by another
        process too long is replaced by one in memory), brought up to date, and the work done again."""
        with self._lock:
            try:
                return work()
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
            try:
                if not is_refresh:
                    self._refresh()
                return work()
            except sqlite3.Error as exc:
                raise BulletinError(f"检索索引无法使用（{exc}）：{self.store.path}") from None

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        if isinstance(exc, sqlite3.OperationalError) and is_locked(exc):
            self.notices.append(f"检索索引正被另一个程序长时间占用，本次在内存中建立索引：{self.store.path}")
            self.store.close()
            self.store.conn = self.store._memory()
        else:
            self.store.rebuild(reason_of(exc))
            self.notices.extend(n for n in self.store.notices if n not in self.notices)
        self._refreshed_at = None

    def _refresh(self) -> IndexReport:
        report = refresh(self.store, self.folder)
        self.last_report, self._refreshed_at = report, time.monotonic()
        return report

    def refresh(self) -> IndexReport:
        """Bring the index up to date with the folder now; what was read and what could not be."""
        return self._guarded(self._refresh, is_refresh=True)

    def refreshed(self, max_age: float = REFRESH_AFTER_S) -> "Archive":
        """This archive, brought up to date unless that was done in the last `max_age` seconds."""
        with self._lock:
            if self._refreshed_at is None or time.monotonic() - self._refreshed_at > max_age:
                self.refresh()
        return self

    @property
    def skipped(self) -> list[str]:
        """Notices: the damaged index rebuilt, and the issues and articles the last refresh could not read."""
        return self.notices + (self.last_report.notices if self.last_report else [])

    # ------------------------------------------------------------ questions

    def search(self, query: str, *, column: str | None = None, year: int | None = None,
               limit: int | None = 50) -> SearchResult:
        def work() -> SearchResult:
            return Searcher(self.store.conn, self.store.fts, self._order).search(query, column=column, year=year,
                                                                                  limit=limit)
        return self._guarded(work)

    def published(self, article: Article, *, before: dt.date, exclude: str = "") -> list[Published]:
        """Earlier articles that are the same document as `article` (see published.py)."""
        return self._guarded(lambda: find_published(self.store.conn, article, before, exclude, self._candidates))

    def issues(self, year: int | None = None) -> list[IssueEntry]:
        """The issues the index holds (those that could be read), in date order."""
        def work() -> list[IssueEntry]:
            rows = self.store.conn.execute(
                "SELECT i.folder, i.date, i.number, i.total_number, i.template, "
                "(SELECT count(*) FROM articles a WHERE a.issue = i.id AND a.problem IS NULL) "
                "FROM issues i WHERE i.problem IS NULL" + (" AND i.year = ?" if year else "") +
                " ORDER BY i.date, i.total_number", (year,) if year else ()).fetchall()
            return [IssueEntry(r[0], dt.date.fromisoformat(r[1]), r[2], r[3], r[4] or "", r[5]) for r in rows]
        return self._guarded(work)

    def query(self, sql: str, params=()) -> list[tuple]:
        """Rows of a read-only query of the index (stats.py)."""
        return self._guarded(lambda: self.store.conn.execute(sql, params).fetchall())

    def relative(self, folder: Path) -> str | None:
        """`folder` as the index names an issue folder (relative to the archive, with /), or None."""
        try:
            return folder.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return None

    def close(self) -> None:
        with self._lock:
            self.store.close()


_OPEN: dict[Path, Archive] = {}
_OPEN_LOCK = threading.Lock()


def open_archive(folder: str | Path, *, max_age: float = REFRESH_AFTER_S) -> Archive:
    """The archive of `folder`, one per folder and process, brought up to date (unless it was within
    `max_age` seconds). ContentError when the folder does not exist."""
    key = Path(folder).resolve()
    with _OPEN_LOCK:
        archive = _OPEN.get(key)
        if archive is None:
            archive = _OPEN[key] = Archive(folder)
    return archive.refreshed(max_age)


def forget_open_archives() -> None:
    """Close every archive open_archive has opened (tests; a process that moved its cache)."""
    with _OPEN_LOCK:
        for archive in _OPEN.values():
            archive.close()
        _OPEN.clear()


def has_other_issues(folder: Path, issue_folder: Path | None) -> bool:
    """Whether `folder` holds an issue folder besides `issue_folder` (cheap: a listing, no index, and
    only as far as the first other issue; asked once an issue when checking a whole folder)."""
    try:
        here = issue_folder.resolve() if issue_folder is not None else None
        return any(p.resolve() != here for _, p in iter_issue_folders(Path(folder)))
    except OSError:
        return False


def published_notices(article: Article, issue_folder: Path, date: dt.date) -> list[str]:
    """“该文已刊于 …” for an article being added to the issue in `issue_folder` (the import command)."""
    from ..world import World

    world = World.of(issue_folder)
    archive = world.archive
    if archive is None:
        return []
    earlier = archive.published(article, before=date, exclude=world.archive_name)
    if not earlier:
        return []
    first = earlier[0]
    more = f"（另有 {len(earlier) - 1} 期也刊登过）" if len(earlier) > 1 else ""
    return [f"{first.notice}{more}：{first.path}:{first.line}"]
