"""Searching the archive: which articles of which issues say something, and where.

A query is one or more words (separated by spaces); an article is a hit when it has every word
(in its title, 文号, 编者按, body or source line), and each paragraph that has one is a match,
located at its file, line and column. Newest issues come first.

How a word is looked up depends on its length, because the full-text index is of trigrams
(every three characters in a row, FTS5's `trigram` tokenizer):
- three characters or more: a phrase query on the index;
- two: the index's vocabulary holds every trigram, so the trigrams that start with the two
  characters are the places they occur (each indexed text ends in a sentinel character, so
  two characters at the very end of a paragraph have a trigram too); when too many trigrams
  start so, the paragraphs are scanned instead;
- one: the paragraphs are scanned (instr over the texts).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import field

from ..records import record

SNIPPET = 24                 # characters each side of a match in a snippet
MAX_VOCAB_TERMS = 400        # a two-character word starting more trigrams than this is scanned for
MATCHES_PER_ARTICLE = 20
_SPACES = re.compile(r"[\s\u3000]+")


@record
class Match:
    """One paragraph of an article that has a word searched for."""

    field: str               # title / doc_number / editor_note / body / source
    block: int | None
    line: int
    column: int
    snippet: str             # the paragraph around the word, on one line
    start: int               # where the word is in the snippet
    end: int
    offset: int = 0          # where the word is in the paragraph's text (the title: joined on one line)


@record
class Hit:
    """An article that has every word searched for, with its issue and where the words are."""

    folder: str              # the folder, relative to the archive folder
    date: str
    year: int
    number: int
    total_number: int
    column: str
    title: str
    article: str             # article id (its file stem)
    path: str                # the article file, relative to the archive folder
    doc_number: str | None
    matches: list[Match] = field(default_factory=list)
    more: int = 0            # matches beyond those listed

    @property
    def label(self) -> str:
        """期号 · 栏目 · 标题, as the results list them."""
        return f"{self.year}年第{self.number}期 · {self.column} · {self.title}"


@record
class SearchResult:
    """The hits of a query (newest first), how many articles there were in all, and notices."""

    query: str
    words: list[str]
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    notices: list[str] = field(default_factory=list)


def words_of(query: str) -> list[str]:
    """The words of a query, without quotes around them, each once."""
    out = []
    for w in _SPACES.split(query.strip()):
        w = w.strip("\"'“”‘’")
        if w and w.lower() not in (x.lower() for x in out):
            out.append(w)
    return out


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class ArticleOrder:
    """Every article of the index in the order results list them (newest issue first, then as the
    issue lists them), with its column and year, read once and kept while the index is unchanged
    (this connection's total_changes and PRAGMA data_version, as published.Candidates). A word in
    2,600 articles had them ordered by a query of their ids each time: 5 ms of its 17."""

    def __init__(self):
        self._state: tuple | None = None
        self._rank: dict[int, tuple[int, str | None, int | None]] = {}

    def of(self, conn: sqlite3.Connection) -> dict[int, tuple[int, str | None, int | None]]:
        """article id → (place in the order, column, year)."""
        state = (id(conn), conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        if state != self._state:
            rows = conn.execute("SELECT a.id, a.column_name, i.year FROM articles a JOIN issues i ON i.id = a.issue "
                                "ORDER BY i.date DESC, i.total_number DESC, a.column_pos, a.pos, a.id")
            self._rank = {aid: (k, column, year) for k, (aid, column, year) in enumerate(rows)}
            self._state = state
        return self._rank


class Searcher:
    """Searches an index's connection; `fts` says whether it has the full-text index; `order`: kept
    from one search to the next (Archive keeps one), else read for this one."""

    def __init__(self, conn: sqlite3.Connection, fts: bool, order: ArticleOrder | None = None):
        self.conn, self.fts = conn, fts
        self.order = order or ArticleOrder()
        self._vocab = False

    def _source(self, word: str) -> tuple[str, list] | None:
        """SQL selecting (as `pid`) the ids of the paragraphs that contain `word` (case-insensitive
        for Latin letters), with its parameters; None when no paragraph can (no trigram starts so)."""
        if self.fts and len(word) >= 3:
            return "SELECT rowid AS pid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", [_phrase(word)]
        if self.fts and len(word) == 2:
            terms = self._terms_starting(word.lower())
            if terms is not None:
                if not terms:
                    return None
                return ("SELECT rowid AS pid FROM paragraphs_fts WHERE paragraphs_fts MATCH ?",
                        [" OR ".join(_phrase(t) for t in terms)])
        return "SELECT id AS pid FROM paragraphs WHERE instr(lower(text), ?) > 0", [word.lower()]

    def paragraphs_with(self, word: str) -> set[int]:
        """The ids of the paragraphs that contain `word`."""
        source = self._source(word)
        return {r[0] for r in self.conn.execute(*source)} if source else set()

    def _terms_starting(self, prefix: str) -> list[str] | None:
        if not self._vocab:
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.paragraphs_vocab "
                              "USING fts5vocab(main, paragraphs_fts, row)")
            self._vocab = True
        rows = self.conn.execute("SELECT term FROM temp.paragraphs_vocab WHERE term >= ? AND term < ? LIMIT ?",
                                 (prefix, prefix + "\U0010ffff", MAX_VOCAB_TERMS + 1)).fetchall()
        return None if len(rows) > MAX_VOCAB_TERMS else [r[0] for r in rows]

    def search(self, query: str, *, column: str | None = None, year: int | None = None,
               limit: int | None = 50) -> SearchResult:
        words = words_of(query)
        result = SearchResult(query, words)
        if not words:
            return result
        sources = [self._source(w) for w in words]
        if any(src is None for src in sources):
            return result
        # A common word is in tens of thousands of paragraphs: their articles come from the narrow
        # index paragraphs_owner (id, article), never from the paragraphs' rows, which hold the text.
        per_word: list[dict[int, list[int]]] = []
        for sql, ps in sources:
            found: dict[int, list[int]] = {}
            for aid, pid in self.conn.execute(
                    f"WITH w(pid) AS ({sql}) SELECT p.article, p.id FROM w "
                    "JOIN paragraphs p INDEXED BY paragraphs_owner ON p.id = w.pid", ps):
                found.setdefault(aid, []).append(pid)
            per_word.append(found)
        every = set(per_word[0]).intersection(*per_word[1:])
        if not every:
            return result
        rank = self.order.of(self.conn)
        ids = sorted((aid for aid in every if aid in rank and (not column or rank[aid][1] == column)
                      and (not year or rank[aid][2] == year)), key=lambda aid: rank[aid][0])
        result.total = len(ids)
        for aid in ids[:limit] if limit else ids:
            pids = sorted({p for found in per_word for p in found[aid]})
            result.hits.append(self._hit(aid, pids, words))
        return result

    def _hit(self, article_id: int, paragraph_ids: list[int], words: list[str]) -> Hit:
        conn = self.conn
        row = conn.execute(
            "SELECT i.folder, i.date, i.year, i.number, i.total_number, a.column_name, a.title, a.stem, a.path, "
            "a.doc_number FROM articles a JOIN issues i ON i.id = a.issue WHERE a.id = ?", (article_id,)).fetchone()
        folder = row[0]
        hit = Hit(folder, row[1], row[2], row[3], row[4], row[5] or "", row[6] or "", row[7], f"{folder}/{row[8]}",
                  row[9])
        shown = paragraph_ids[:MATCHES_PER_ARTICLE]
        hit.more = len(paragraph_ids) - len(shown)
        marks = ",".join("?" * len(shown))
        for fld, block, line, col, spans, text in conn.execute(
                f"SELECT field, block, line, col, spans, text FROM paragraphs WHERE id IN ({marks}) ORDER BY ord",
                shown):
            hit.matches.append(_match(fld, block, line, col, spans, text, words))
        return hit


def locate(line: int, col: int, spans: str, offset: int) -> tuple[int, int]:
    """Line and column of character `offset` of a paragraph that starts at (line, col) and whose
    later source lines start where `spans` says (offset,line,column;…), as Block.locate does."""
    best = (0, line, col)
    if spans:
        for part in spans.split(";"):
            o, ln, c = map(int, part.split(","))
            if o <= offset:
                best = (o, ln, c)
    return best[1], best[2] + offset - best[0]


def _match(fld: str, block, line: int, col: int, spans: str, text: str, words: list[str]) -> Match:
    lower = text.lower()
    at, length = len(text), 0
    for w in words:
        k = lower.find(w.lower())
        if 0 <= k < at:
            at, length = k, len(w)
    if length == 0:
        at = 0
    ln, cl = locate(line, col, spans, at)
    start = max(0, at - SNIPPET)
    end = min(len(text), at + length + SNIPPET)
    head = "…" if start > 0 else ""
    snippet = head + text[start:end].replace("\n", " ") + ("…" if end < len(text) else "")
    return Match(fld, block, ln, cl, snippet, len(head) + at - start, len(head) + at - start + length, at)
