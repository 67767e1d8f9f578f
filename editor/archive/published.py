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


def find_published(conn: sqlite3.Connection, article: Article, before: dt.date, exclude: str = "") -> list[Published]:
    """The earlier articles (in issues dated before `before`, not in the folder `exclude`) that are
    the same document as `article`, earliest first, each once."""
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
    sketch = similarity.sketch(body_text(article))
    if sketch:
        marks = ",".join("?" * len(sketch))
        shared = conn.execute(f"SELECT article FROM sketch WHERE value IN ({marks}) GROUP BY article "
                              f"HAVING count(*) >= ?", (*sketch, similarity.CANDIDATE_SHARE)).fetchall()
        scores: dict[int, float] = {}
        for (aid,) in shared:
            blob = conn.execute("SELECT sketch FROM articles WHERE id = ?", (aid,)).fetchone()
            score = similarity.jaccard(sketch, similarity.unpack(blob[0] if blob else None))
            if score >= similarity.SAME_TEXT:
                scores[aid] = score
        if scores:
            marks = ",".join("?" * len(scores))
            rows = conn.execute(_EARLIER.format(line="a.body_line", where=f"a.id IN ({marks})"),
                                (day, exclude, *scores))
            add([r for r in rows if not (canonical and r[7] and r[7] != canonical)], "body", scores.get)
    return sorted(found.values(), key=lambda p: (p.date, p.total_number))
