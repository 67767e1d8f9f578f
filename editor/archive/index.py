"""Bringing the index up to date with the issue folders, re-reading only what changed.

Every file the index holds (each issue.toml, each article) is recorded with its modification
time, size and a hash of its bytes. A refresh stats every file; a file whose time and size are
unchanged is not opened; one whose time changed but whose bytes hash the same is not parsed
again. A file changed within RACY_NS of being indexed is re-hashed at the next refresh even if
its time and size look the same (a file system with coarse times could otherwise hide an edit
made in the same second, the "racy" case git knows).

An issue folder whose issue.toml cannot be read, or an article that cannot be, is kept in the
index with its problem, said in a notice at every refresh (without being read again while it is
unchanged), and never stops the others. The whole refresh is one write transaction: another
process refreshing at the same time waits for it, then finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import tomllib
from dataclasses import field
from pathlib import Path

from ..body import table_layout
from ..content import ARTICLES_DIR, ISSUE_FILE, MAX_FILE_BYTES, MAX_NUMBER, parse_article
from ..conventions import parse_doc_number
from ..errors import toml_error_location
from ..fields import FIELDS
from ..model import Article, BlockKind
from ..records import record
from ..safeio import ReadRefused, read_file
from . import similarity
from .published import canonical_doc_number
from .store import SENTINEL, Store

RACY_NS = 2_000_000_000
_BAD_ID = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")
SKIP_FOLDERS = {"build", "node_modules", "__pycache__"}


@record
class IndexReport:
    """What a refresh did: the files it read and parsed (relative to the archive folder), and notices."""

    issues: int = 0
    articles: int = 0
    read: list[str] = field(default_factory=list)
    removed: int = 0
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0


def file_hash(data: bytes) -> str:
    import hashlib      # here: a PDF build records its page count through this package, and imports no hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def issue_folders(root: Path, notices: list[str] | None = None) -> dict[str, Path]:
    """The issue folders in `root` (folders with an issue.toml), and one level further down
    (content/2023/29/), by their path relative to `root` with “/”."""
    found: dict[str, Path] = {}

    def children(folder: Path) -> list[Path]:
        try:
            return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")
                          and p.name not in SKIP_FOLDERS)
        except OSError as exc:
            if notices is not None:
                notices.append(f"无法读取文件夹“{folder}”（{exc.strerror or exc}），已跳过")
            return []

    for child in children(root):
        if (child / ISSUE_FILE).is_file():
            found[child.name] = child
            continue
        for grandchild in children(child):
            if (grandchild / ISSUE_FILE).is_file():
                found[f"{child.name}/{grandchild.name}"] = grandchild
    return found


def iter_issue_folders(root: Path):
    """(relative path, folder) of issue_folders(root), in its order, found as they are asked for: a
    caller that stops at the first (has_other_issues) stats only the folders before it. A folder
    that cannot be read is passed over from where it fails."""

    def children(folder: Path):
        try:
            entries = sorted(folder.iterdir())
            for p in entries:
                if not p.name.startswith(".") and p.name not in SKIP_FOLDERS and p.is_dir():
                    yield p
        except OSError:
            return

    for child in children(root):
        if (child / ISSUE_FILE).is_file():
            yield child.name, child
            continue
        for grandchild in children(child):
            if (grandchild / ISSUE_FILE).is_file():
                yield f"{child.name}/{grandchild.name}", grandchild


def read_bytes_of(path: Path) -> tuple[bytes | None, str | None]:
    """The bytes of a file (through the one bounded reader, editor/safeio.py), or the Chinese reason
    it cannot be read."""
    try:
        return read_file(path, MAX_FILE_BYTES, "文件"), None
    except ReadRefused as exc:
        return None, "文件不存在" if exc.missing else exc.reason


def _decode(data: bytes) -> str | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- issue.toml

def parse_listing(data: bytes) -> tuple[dict | None, str | None]:
    """The issue's date, numbers, template and columns from its issue.toml, or its problem."""
    text = _decode(data)
    if text is None:
        return None, f"{ISSUE_FILE}: 不是 UTF-8 编码的文本"
    try:
        toml = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, msg = toml_error_location(exc, text)
        return None, f"{ISSUE_FILE}:{line}: {msg}" if line else f"{ISSUE_FILE}: {msg}"
    date = toml.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        return None, f"{ISSUE_FILE}: 缺少日期或写法不对（应写 date = 2023-07-21）"
    numbers = {}
    for key, label in (("number", "期号"), ("total_number", "总期号")):
        value = toml.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_NUMBER:
            # the loader's range: a number past SQLite's 64 bits ended every command over the folder
            return None, f"{ISSUE_FILE}: {label}应为 1 到 {MAX_NUMBER} 的整数"
        numbers[key] = value
    columns = []
    raw = toml.get("columns", [])
    for c in raw if isinstance(raw, list) else []:
        if isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("articles", []), list):
            ids = [a for a in c.get("articles", []) if isinstance(a, str)]
            columns.append([c["name"].strip(), ids])
    return {"date": date.isoformat(), "year": date.year, **numbers, "template": str(toml.get("template", "")),
            "columns": columns}, None


# ---------------------------------------------------------------- articles

def _spans_text(spans) -> str:
    return ";".join(f"{o},{line},{col}" for o, line, col in spans)


def article_rows(article: Article) -> tuple[dict, list[tuple]]:
    """The article's fields as the index keeps them, and its paragraphs:
    (order, field, block, line, column, spans, text)."""
    paragraphs: list[tuple] = []

    def add(field_name: str, block, loc, spans, text: str) -> None:
        if text.strip():
            paragraphs.append((len(paragraphs), field_name, block, loc.line if loc else 1,
                               loc.column if loc else 1, _spans_text(spans), text))

    title_loc = article.location("title")
    title_spans, at = [], 0
    for k, line in enumerate(article.title.split("\n")):
        loc = FIELDS["title"].location(article, at + k)       # the field's text has "\n" between lines
        title_spans.append((at, loc.line, loc.column))
        at += len(line)
    add("title", None, title_loc, title_spans, article.display_title)

    def add_field(name: str) -> None:
        if FIELDS[name].is_set(article):
            loc = FIELDS[name].location(article, 0)
            add(name, None, loc, [(0, loc.line, loc.column)], FIELDS[name].text(article))

    add_field("doc_number")
    for i, b in enumerate(article.editor_note):
        add("editor_note", i, b.loc, b.spans, b.text)
    body_text = []
    for i, b in enumerate(article.body):
        text = table_layout(b.rows)[0] if b.kind is BlockKind.TABLE else b.text
        add("body", i, b.loc, b.spans, text)
        body_text.append(text)
    add_field("source")
    parsed = parse_doc_number(article.doc_number) if article.doc_number else None
    canonical = canonical_doc_number(article.doc_number)
    written = article.written_date
    source = article.source.issuer if article.source else None
    body = "\n".join(body_text)           # as published.body_text has it: the key finds this sketch
    norm_body = similarity.normalise(body)
    first_body = next((b.loc.line for b in article.body if b.loc is not None), title_loc.line)
    fields = {
        "title": article.display_title, "norm_title": similarity.normalise(article.display_title),
        "title_line": title_spans[0][1], "doc_number": article.doc_number,
        "dn_agency": parsed.agency if parsed else None, "dn_year": parsed.year if parsed else None,
        "dn_number": parsed.number if parsed else None, "dn_canonical": canonical,
        "dn_line": article.location("doc_number").line if article.doc_number else None,
        "issuer": "、".join(article.signatories) or source, "source": source,
        "date": (written.date.isoformat() if written and written.date else article.date),
        "link": article.link, "chars": len(norm_body), "body_key": similarity.text_key(body),
        "body_line": first_body,
    }
    fields["sketch"] = similarity.sketch_of_normalised(norm_body)
    return fields, paragraphs


# ---------------------------------------------------------------- the refresh

class Indexer:
    """One refresh of the index of `root` in `store`."""

    def __init__(self, store: Store, root: Path):
        self.store, self.root, self.conn = store, root, store.conn
        self.report = IndexReport()
        self.now = time.time_ns()

    def run(self) -> IndexReport:
        start = time.perf_counter()
        found = issue_folders(self.root, self.report.notices)
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._next_paragraph = (conn.execute("SELECT max(id) FROM paragraphs").fetchone()[0] or 0) + 1
            known = {row[1]: row for row in conn.execute(
                "SELECT id, folder, mtime, size, hash, racy, listing, problem FROM issues")}
            for rel in sorted(set(known) - set(found)):
                self._drop_issue(known[rel][0])
                self.report.removed += 1
            for rel, path in found.items():
                self._issue(rel, path, known.get(rel))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        self.report.seconds = time.perf_counter() - start
        return self.report

    def _stat(self, path: Path) -> tuple[int, int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _racy(self, mtime: int) -> int:
        return int(mtime >= self.now - RACY_NS)

    # ------------------------------------------------------------ issues

    def _issue(self, rel: str, path: Path, row) -> None:
        conn = self.conn
        stat = self._stat(path / ISSUE_FILE)
        issue_id = row[0] if row else None
        if row and stat and (row[2], row[3]) == stat and not row[5]:
            listing, problem = row[6], row[7]
        else:
            data, why = read_bytes_of(path / ISSUE_FILE) if stat else (None, "文件不存在")
            digest = file_hash(data) if data is not None else None
            if row and digest is not None and digest == row[4]:
                conn.execute("UPDATE issues SET mtime = ?, size = ?, racy = ? WHERE id = ?",
                             (*stat, self._racy(stat[0]), issue_id))
                listing, problem = row[6], row[7]
            else:
                self.report.read.append(f"{rel}/{ISSUE_FILE}")
                parsed, problem = parse_listing(data) if data is not None else (None, f"{ISSUE_FILE}: {why}")
                listing = json.dumps(parsed["columns"], ensure_ascii=False) if parsed else None
                values = (parsed or {}).get
                params = (values("date"), values("year"), values("number"), values("total_number"),
                          values("template"), listing, *(stat or (None, None)), digest,
                          self._racy(stat[0]) if stat else 0, problem)
                if issue_id is None:
                    issue_id = conn.execute(
                        "INSERT INTO issues (folder, date, year, number, total_number, template, listing, "
                        "mtime, size, hash, racy, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (rel, *params)).lastrowid
                else:
                    conn.execute("UPDATE issues SET date = ?, year = ?, number = ?, total_number = ?, template = ?, "
                                 "listing = ?, mtime = ?, size = ?, hash = ?, racy = ?, problem = ? WHERE id = ?",
                                 (*params, issue_id))
        if problem:
            self.report.notices.append(f"已跳过无法读取的一期“{rel}”：{problem}")
            self._drop_articles(issue_id)
            return
        self.report.issues += 1
        self._articles(issue_id, rel, path, json.loads(listing))

    def _drop_issue(self, issue_id: int) -> None:
        self._drop_articles(issue_id)
        self.conn.execute("DELETE FROM issues WHERE id = ?", (issue_id,))

    def _drop_articles(self, issue_id: int, stems: list[str] | None = None) -> None:
        rows = self.conn.execute("SELECT id, stem FROM articles WHERE issue = ?", (issue_id,)).fetchall()
        for article_id, stem in rows:
            if stems is None or stem in stems:
                self._drop_article(article_id)

    def _drop_article(self, article_id: int, keep_row: bool = False) -> None:
        conn = self.conn
        if self.store.fts:
            conn.executemany("INSERT INTO paragraphs_fts (paragraphs_fts, rowid, text) VALUES ('delete', ?, ?)",
                             [(pid, text + SENTINEL) for pid, text in
                              conn.execute("SELECT id, text FROM paragraphs WHERE article = ?", (article_id,))])
        conn.execute("DELETE FROM paragraphs WHERE article = ?", (article_id,))
        conn.execute("DELETE FROM sketch WHERE article = ?", (article_id,))
        if not keep_row:
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    # ------------------------------------------------------------ articles

    def _articles(self, issue_id: int, rel: str, path: Path, listing: list) -> None:
        conn = self.conn
        known = {r[1]: r for r in conn.execute(
            "SELECT id, stem, mtime, size, hash, racy, column_name, column_pos, pos, problem "
            "FROM articles WHERE issue = ?", (issue_id,))}
        wanted: dict[str, tuple[str, int, int]] = {}
        for cpos, (column, ids) in enumerate(listing):
            for pos, stem in enumerate(ids):
                if stem not in wanted:
                    wanted[stem] = (column, cpos, pos)
        gone = [s for s in known if s not in wanted]
        if gone:
            self._drop_articles(issue_id, gone)
            self.report.removed += len(gone)
        for stem, place in wanted.items():
            self._article(issue_id, rel, path, stem, place, known.get(stem))

    def _article(self, issue_id: int, rel: str, path: Path, stem: str, place, row) -> None:
        conn = self.conn
        file_rel = f"{ARTICLES_DIR}/{stem}.md"
        where = f"{rel}/{file_rel}"
        if _BAD_ID.search(stem) or stem.startswith("."):
            self.report.notices.append(f"已跳过“{rel}”中的文章“{stem}”：文章编号含有不能用于文件名的字符")
            return
        stat = self._stat(path / file_rel)
        article_id = row[0] if row else None
        if row and (row[6], row[7], row[8]) != place:
            conn.execute("UPDATE articles SET column_name = ?, column_pos = ?, pos = ? WHERE id = ?",
                         (*place, article_id))
        if row and stat and (row[2], row[3]) == stat and not row[5]:
            return self._said(where, row[9])
        data, why = read_bytes_of(path / file_rel) if stat else (None, "清单里的文章找不到文件")
        digest = file_hash(data) if data is not None else None
        if row and digest is not None and digest == row[4]:
            conn.execute("UPDATE articles SET mtime = ?, size = ?, racy = ? WHERE id = ?",
                         (*stat, self._racy(stat[0]), article_id))
            return self._said(where, row[9])
        self.report.read.append(where)
        problem, fields, paragraphs = None, {}, []
        text = _decode(data) if data is not None else None
        if data is None:
            problem = f"{file_rel}: {why}"
        elif text is None:
            problem = f"{file_rel}: 不是 UTF-8 编码的文本"
        else:
            problems: list = []
            article = parse_article(text, stem, file_rel, problems)
            if article is None:
                problem = str(problems[0]) if problems else f"{file_rel}: 无法读取"
            else:
                fields, paragraphs = article_rows(article)
        sketch = fields.pop("sketch", None)
        columns = ["stem", "path", "column_name", "column_pos", "pos", "mtime", "size", "hash", "racy", "problem",
                   *fields]
        values = [stem, file_rel, *place, *(stat or (None, None)), digest, self._racy(stat[0]) if stat else 0,
                  problem, *fields.values()]
        if article_id is None:
            article_id = conn.execute(
                f"INSERT INTO articles (issue, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})",
                (issue_id, *values)).lastrowid
        else:
            self._drop_article(article_id, keep_row=True)
            blank = ("title", "norm_title", "doc_number", "dn_agency", "dn_year", "dn_number", "dn_canonical",
                     "issuer", "source", "date", "link", "chars", "body_key", "sketch")
            conn.execute(f"UPDATE articles SET {', '.join(f'{c} = NULL' for c in blank)} WHERE id = ?", (article_id,))
            conn.execute(f"UPDATE articles SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                         (*values, article_id))
        if sketch:
            conn.execute("UPDATE articles SET sketch = ? WHERE id = ?", (similarity.pack(sketch), article_id))
            conn.executemany("INSERT INTO sketch (value, article) VALUES (?, ?)", [(v, article_id) for v in sketch])
        self._insert_paragraphs(article_id, paragraphs)
        if problem:
            self._said(where, problem)
        else:
            self.report.articles += 1

    def _said(self, where: str, problem: str | None) -> None:
        if problem:
            self.report.notices.append(f"已跳过无法读取的文章：{where.rsplit('/', 2)[0]}/{problem}")
        else:
            self.report.articles += 1

    def _insert_paragraphs(self, article_id: int, paragraphs: list[tuple]) -> None:
        if not paragraphs:
            return
        first = self._next_paragraph
        self._next_paragraph += len(paragraphs)
        rows = [(first + i, article_id, *p) for i, p in enumerate(paragraphs)]
        self.conn.executemany("INSERT INTO paragraphs (id, article, ord, field, block, line, col, spans, text) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        if self.store.fts:
            self.conn.executemany("INSERT INTO paragraphs_fts (rowid, text) VALUES (?, ?)",
                                  [(r[0], r[-1] + SENTINEL) for r in rows])


def refresh(store: Store, root: Path) -> IndexReport:
    """Bring the index in `store` up to date with the issue folders in `root`."""
    return Indexer(store, root).run()
