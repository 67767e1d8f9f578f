"""The archive's SQLite database: where it lives, its schema, and what is done when it is damaged.

The database is a cache (the issue folders are the source of truth), kept per archive folder in
the user's cache folder. Whatever is wrong with it — cut short, not a database, another schema
version, a cache folder that cannot be written — is met by starting it afresh, with a notice in
Chinese; never a traceback. Two processes indexing at once are kept apart by SQLite itself (WAL
journal, a busy timeout, writes in BEGIN IMMEDIATE transactions) and by retrying the change to WAL
mode, which SQLite refuses at once rather than waits for; a database another process keeps locked
past the timeout is left alone and this process indexes into memory.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from pathlib import Path

from ..paths import cache_dir
from . import similarity

SCHEMA_VERSION = 3          # 2: paragraphs_owner; 3: articles.body_key, sketch_value covering (value, article)
APPLICATION = "bulletin-archive"
BUSY_TIMEOUT_S = 60.0       # another process indexing a large archive from scratch takes seconds
SENTINEL = "\x01"           # ends every text in the full-text index: see search.py (two-character queries)

SCHEMA = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE issues(
    id INTEGER PRIMARY KEY,
    folder TEXT UNIQUE NOT NULL,          -- relative to the archive folder, with /
    date TEXT, year INTEGER, number INTEGER, total_number INTEGER, template TEXT,
    listing TEXT,                         -- JSON: [[column, [article ids]], …] as issue.toml lists them
    mtime INTEGER, size INTEGER, hash TEXT, racy INTEGER DEFAULT 0,
    problem TEXT                          -- why the issue cannot be read (then it has no articles)
);
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    issue INTEGER NOT NULL,
    stem TEXT NOT NULL, path TEXT NOT NULL,   -- the article id and its file, relative to the issue folder
    column_name TEXT, column_pos INTEGER, pos INTEGER,
    mtime INTEGER, size INTEGER, hash TEXT, racy INTEGER DEFAULT 0,
    problem TEXT,
    title TEXT, norm_title TEXT, title_line INTEGER,
    doc_number TEXT, dn_agency TEXT, dn_year INTEGER, dn_number INTEGER, dn_canonical TEXT, dn_line INTEGER,
    issuer TEXT, source TEXT, date TEXT, link TEXT,
    chars INTEGER, sketch BLOB, body_line INTEGER,
    body_key TEXT,                        -- similarity.text_key of the body: its sketch found by it (published.py)
    UNIQUE(issue, stem)
);
CREATE INDEX articles_dn ON articles(dn_canonical);
CREATE INDEX articles_title ON articles(norm_title);
CREATE INDEX articles_body_key ON articles(body_key);
CREATE TABLE paragraphs(
    id INTEGER PRIMARY KEY,
    article INTEGER NOT NULL,
    ord INTEGER,                          -- order in the article: title, 文号, 编者按, body, source
    field TEXT, block INTEGER,
    line INTEGER, col INTEGER, spans TEXT,  -- where it is: see index.py (_spans_text)
    text TEXT
);
CREATE INDEX paragraphs_article ON paragraphs(article);
-- which article a paragraph is in, without reading the paragraph's row (its text): search.py
CREATE INDEX paragraphs_owner ON paragraphs(id, article);
CREATE TABLE pages(signature TEXT PRIMARY KEY, pages INTEGER NOT NULL);  -- what builds counted (stats.py)
CREATE TABLE sketch(value INTEGER NOT NULL, article INTEGER NOT NULL);
CREATE INDEX sketch_value ON sketch(value, article);   -- covering: the articles of a value, without the table
CREATE INDEX sketch_article ON sketch(article);
"""
FTS_SCHEMA = "CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, content='', tokenize='trigram')"


def database_path(folder: Path) -> Path:
    """Where the index of the archive in `folder` is kept: one file per archive folder."""
    path = folder.resolve()
    key = zlib.crc32(str(path).encode("utf-8"))     # not hashlib: a PDF build comes here (pages.py) and imports none
    return cache_dir() / "archive" / f"{path.name or 'root'}-{key:08x}.sqlite3"


class Store:
    """An open index database, and what opening it had to say (Chinese notices)."""

    def __init__(self, folder: Path, path: Path | None = None):
        self.folder = folder
        self.path = path if path is not None else database_path(folder)
        self.notices: list[str] = []
        self.fts = True
        self.conn = self._open()

    # ------------------------------------------------------------ opening

    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.notices.append(f"无法建立检索索引的缓存文件夹“{self.path.parent}”（{exc.strerror or exc}），"
                                "本次在内存中建立索引")
            return self._memory()
        for attempt in range(2):
            conn = None
            try:
                conn = self._connect(str(self.path))
                problem = self._check(conn)
                if problem is None:
                    return conn
                conn.close()
                self.notices.append(f"检索索引{problem}，已重新建立：{self.path}")
            except sqlite3.OperationalError as exc:
                if conn is not None:
                    conn.close()
                if is_locked(exc):
                    self.notices.append(f"检索索引正被另一个程序长时间占用，本次在内存中建立索引：{self.path}")
                    return self._memory()
                if attempt:
                    break
                self.notices.append(f"检索索引无法打开（{exc}），已重新建立：{self.path}")
            except sqlite3.DatabaseError as exc:
                if conn is not None:
                    conn.close()
                if attempt:
                    break
                self.notices.append(f"检索索引已损坏（{reason_of(exc)}），已重新建立：{self.path}")
            if not self._remove():
                break
        self.notices.append(f"检索索引无法重新建立，本次在内存中建立索引：{self.path}")
        return self._memory()

    def _connect(self, name: str) -> sqlite3.Connection:
        conn = sqlite3.connect(name, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if name != ":memory:":
            self._wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")      # a cache: losing the last commit on power loss is fine
        return conn

    @staticmethod
    def _wal(conn: sqlite3.Connection) -> None:
        """Put the database in WAL mode, waiting (up to BUSY_TIMEOUT_S) for another process that holds it.

        Putting a new database in WAL mode writes its first page in rollback mode, and while one
        process does that, SQLite refuses another's change of mode with SQLITE_BUSY at once, without
        the busy handler. Taken for a database kept locked too long, that sent the second of two
        processes indexing a new archive at once to memory, to index everything again (the flaky
        test_two_processes_indexing_at_once_leave_one_sound_index). The change is retried until the
        timeout instead; a database already in WAL mode takes it at the first try."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        delay = 0.002
        while True:
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not is_locked(exc) or time.monotonic() + delay > deadline:
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def _check(self, conn: sqlite3.Connection) -> str | None:
        """None when the database is ours and current (made so when it is new); else what is wrong."""
        conn.execute("BEGIN IMMEDIATE")          # two processes creating it at once: one waits
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
            if not tables and version == 0:
                self._create(conn)
                conn.execute("COMMIT")
                return None
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if version != SCHEMA_VERSION:
            return f"的格式版本（{version}）与本程序（{SCHEMA_VERSION}）不同"
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        if meta.get("application") != APPLICATION:
            return "不是本程序建立的"
        if meta.get("sketch") != similarity.ALGORITHM:
            return "的相似度算法与本程序不同"
        self.fts = "paragraphs_fts" in tables
        return None

    def _create(self, conn: sqlite3.Connection) -> None:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        try:
            conn.execute(FTS_SCHEMA)
            self.fts = True
        except sqlite3.OperationalError:       # an SQLite built without FTS5: searched by scanning
            self.fts = False
            self.notices.append("本机的 SQLite 不支持全文索引（FTS5），检索将逐段查找，较慢")
        conn.execute("INSERT INTO meta VALUES ('application', ?), ('folder', ?), ('sketch', ?)",
                     (APPLICATION, str(self.folder.resolve()), similarity.ALGORITHM))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _memory(self) -> sqlite3.Connection:
        conn = self._connect(":memory:")
        conn.execute("BEGIN")
        self._create(conn)
        conn.execute("COMMIT")
        self.path = Path(":memory:")
        return conn

    def _remove(self) -> bool:
        """Delete the database and its journal files; False when that is not possible."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError:
                return False
        return True

    # ------------------------------------------------------------ afresh

    def rebuild(self, why: str) -> None:
        """Start the database again after it failed under use (a page cut short, found only when read)."""
        self.notices.append(f"检索索引已损坏（{why}），已重新建立：{self.path}")
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        if str(self.path) == ":memory:" or not self._remove():
            self.conn = self._memory()
            return
        self.conn = self._open()

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:
            pass


def is_locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def reason_of(exc: sqlite3.DatabaseError) -> str:
    text = str(exc).lower()
    if "not a database" in text:
        return "不是数据库文件"
    if "malformed" in text or "corrupt" in text:
        return "文件内容不完整"
    return str(exc)
