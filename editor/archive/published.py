"""Has this article been published in an earlier issue? By its 文号, its title, or its body.

- Two articles with the same 文号 (compared in its standard form, so 渝府办发〔2023〕53 号 and
  渝府办发[2023]53号 are one) are the same document.
- Two articles with different 文号 are different documents, however alike their titles and
  text (a yearly notice repeats last year's words).
- Otherwise (one of them has no 文号): the same title (letters, digits and ideographs only, at
  least MIN_TITLE of them), or a near-identical body (similarity.py), makes them one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from itertools import chain

from ..conventions import parse_doc_number
from ..model import Article, BlockKind
from ..records import record
from . import similarity

MIN_TITLE = 8


@record
class Published:
    """An earlier article that is the same document, and how that was told."""

    folder: str              # its issue's folder, relative to the archive folder
    date: dt.date
    number: int
    total_number: int
    title: str
    path: str                # its file, relative to the archive folder
    line: int
    by: str                  # "doc_number" | "title" | "body"
    similarity: float = 1.0

    @property
    def issue_name(self) -> str:
        return f"{self.date.year}年第{self.number}期（总第{self.total_number}期）"

    @property
    def notice(self) -> str:
        """该文已刊于 2023年第12期（总第123期）《…》"""
        return f"该文已刊于 {self.issue_name}《{self.title}》"


def body_text(article: Article) -> str:
    from ..body import table_layout

    return "\n".join(table_layout(b.rows)[0] if b.kind is BlockKind.TABLE else b.text for b in article.body)


def canonical_doc_number(doc_number: str | None) -> str | None:
    """The 文号 in its standard form (渝府办发〔2023〕53号), or, when it cannot be taken apart, its
    letters, digits and ideographs; None without one."""
    if not doc_number or not doc_number.strip():
        return None
    parsed = parse_doc_number(doc_number)
    return parsed.canonical if parsed else (similarity.normalise(doc_number) or None)


_EARLIER = ("SELECT i.folder, i.date, i.number, i.total_number, a.title, a.path, {line}, a.dn_canonical, a.id "
            "FROM articles a JOIN issues i ON i.id = a.issue "
            "WHERE i.date < ? AND i.folder != ? AND a.problem IS NULL AND {where} ORDER BY i.date, a.column_pos, a.pos")


class Candidates:
    """Which articles of the index hold each sketch value, read from the index once per value and kept
    while the index is unchanged (no commit by this connection or another: total_changes and
    PRAGMA data_version). Checking 50 issues asks for about 2,000 values 22,000 times; one GROUP BY
    query an article over the sketch table took half of the already-published rule's time."""

    def __init__(self):
        self._articles: dict[int, list[int]] = {}
        self._state: tuple | None = None

    def sharing(self, conn: sqlite3.Connection, sketch: list[int], share: int) -> list[int]:
        """The ids of the articles having at least `share` of the values of `sketch` (whose values
        are distinct, as every article's are), ascending."""
        state = (id(conn), conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        if state != self._state:
            self._articles.clear()
            self._state = state
        known = self._articles
        missing = [v for v in sketch if v not in known]
        if missing:
            for v in missing:
                known[v] = []
            for value, aid in _rows_in(conn, "SELECT value, article FROM sketch WHERE value IN ({})", missing):
                known[value].append(aid)
        counts = Counter(chain.from_iterable(known[v] for v in sketch))     # counted in C: ~2,500 ids an article
        return sorted(aid for aid, n in counts.items() if n >= share)


def _rows_in(conn: sqlite3.Connection, sql: str, values: list[int], chunk: int = 500):
    """The rows of `sql`, whose “IN ({})” is given `values`, in parts (old SQLite builds take 999 parameters)."""
    for start in range(0, len(values), chunk):
        part = values[start:start + chunk]
        yield from conn.execute(sql.format(",".join("?" * len(part))), part)


def _sketch(conn: sqlite3.Connection, article: Article) -> list[int] | None:
    """The sketch of the article's body: the index's, when it holds an article of the same body text
    (an issue checked as it is on disk), else made from the text."""
    body = body_text(article)
    row = conn.execute("SELECT sketch FROM articles WHERE body_key = ? LIMIT 1",
                       (similarity.text_key(body),)).fetchone()
    if row is not None:
        return similarity.unpack(row[0]) or None
    return similarity.sketch(body)


def find_published(conn: sqlite3.Connection, article: Article, before: dt.date, exclude: str = "",
                   candidates: Candidates | None = None) -> list[Published]:
    """The earlier articles (in issues dated before `before`, not in the folder `exclude`) that are
    the same document as `article`, earliest first, each once. `candidates`: kept from one call to
    the next (Archive keeps one), else made for this call."""
    found: dict[int, Published] = {}
    day = before.isoformat()

    def add(rows, by: str, score=None) -> None:
        for folder, date, number, total, title, path, line, _, aid in rows:
            if aid not in found:
                found[aid] = Published(folder, dt.date.fromisoformat(date), number, total, title or "",
                                       f"{folder}/{path}", line or 1, by, score(aid) if score else 1.0)

    canonical = canonical_doc_number(article.doc_number)
    if canonical:
        add(conn.execute(_EARLIER.format(line="a.dn_line", where="a.dn_canonical = ?"), (day, exclude, canonical)),
            "doc_number")
    title = similarity.normalise(article.display_title)
    if len(title) >= MIN_TITLE:
        rows = conn.execute(_EARLIER.format(line="a.title_line", where="a.norm_title = ?"), (day, exclude, title))
        add([r for r in rows if not (canonical and r[7] and r[7] != canonical)], "title")
    sketch = _sketch(conn, article)
    if sketch:
        shared = (candidates or Candidates()).sharing(conn, sketch, similarity.CANDIDATE_SHARE)
        blobs = dict(_rows_in(conn, "SELECT id, sketch FROM articles WHERE id IN ({})", shared))
        scores: dict[int, float] = {}
        for aid in shared:
            score = similarity.jaccard(sketch, similarity.unpack(blobs.get(aid)))
            if score >= similarity.SAME_TEXT:
                scores[aid] = score
        if scores:
            marks = ",".join("?" * len(scores))
            rows = conn.execute(_EARLIER.format(line="a.body_line", where=f"a.id IN ({marks})"),
                                (day, exclude, *scores))
            add([r for r in rows if not (canonical and r[7] and r[7] != canonical)], "body", scores.get)
    return sorted(found.values(), key=lambda p: (p.date, p.total_number))
