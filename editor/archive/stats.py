"""A year of the bulletin in figures: issues, articles per column, the issuers most often reprinted,
pages per issue.

Page counts are known only once an issue has been typeset: every `bulletin build` and
`bulletin volume` records the count with a signature of the files it was built from (the hash
of issue.toml and of each article, in order), and the figures use the counts whose signature
matches the files as they are now. `count_pages` typesets the issues that have none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import field
from pathlib import Path

from ..records import record
from . import Archive
from .index import file_hash, parse_listing, read_bytes_of
from .store import Store

TOP_ISSUERS = 10


@record
class YearStats:
    """The figures of one year (or of every year, `year` None)."""

    year: int | None
    issues: int = 0
    articles: int = 0
    columns: list[tuple[str, int]] = field(default_factory=list)     # column → articles, most first
    issuers: list[tuple[str, int]] = field(default_factory=list)     # issuing body → articles, most first
    pages: dict[str, int] = field(default_factory=dict)              # issue folder → pages, where known
    months: list[int] = field(default_factory=list)                  # articles in each month, 1–12
    unknown_pages: list[str] = field(default_factory=list)           # issue folders never typeset as they are

    @property
    def average_pages(self) -> float | None:
        return sum(self.pages.values()) / len(self.pages) if self.pages else None

    def as_json(self) -> dict:
        return {"year": self.year, "issues": self.issues, "articles": self.articles,
                "columns": [{"name": n, "articles": c} for n, c in self.columns],
                "issuers": [{"name": n, "articles": c} for n, c in self.issuers],
                "months": self.months, "average_pages": self.average_pages, "pages": self.pages,
                "issues_without_page_count": self.unknown_pages}


def signature(toml_hash: str, article_hashes: list[str]) -> str:
    """What an issue was built from: its issue.toml and its articles' bytes, in order."""
    return hashlib.blake2b("\n".join([toml_hash, *article_hashes]).encode("ascii"), digest_size=16).hexdigest()


def signature_of_folder(folder: Path) -> str | None:
    """The signature of the issue in `folder` as its files are now (None when one cannot be read)."""
    data, _ = read_bytes_of(folder / "issue.toml")
    if data is None:
        return None
    listing, problem = parse_listing(data)
    if problem:
        return None
    hashes = []
    for _, ids in listing["columns"]:
        for stem in ids:
            article, _ = read_bytes_of(folder / "articles" / f"{stem}.md")
            if article is None:
                return None
            hashes.append(file_hash(article))
    return signature(file_hash(data), hashes)


def record_pages(folder: Path, pages: int) -> None:
    """Remember that the issue in `folder`, as its files are now, has `pages` pages (after a build).
    Best effort: a cache that cannot be written costs the figures a page count, never the build."""
    try:
        sig = signature_of_folder(folder)
        if sig is None:
            return
        store = Store(folder.resolve().parent)
        try:
            store.conn.execute("INSERT OR REPLACE INTO pages (signature, pages) VALUES (?, ?)", (sig, pages))
        finally:
            store.close()
    except Exception:      # noqa: BLE001 — see the docstring
        pass


def year_stats(archive: Archive, year: int | None = None) -> YearStats:
    """The figures of `year` (every year when None) from the archive's index."""
    stats = YearStats(year)
    where, params = ("AND i.year = ?", (year,)) if year else ("", ())
    rows = archive.query(
        "SELECT i.folder, i.hash, a.column_name, a.issuer, a.hash, i.date, a.problem FROM issues i "
        f"LEFT JOIN articles a ON a.issue = i.id WHERE i.problem IS NULL {where} "
        "ORDER BY i.date, a.column_pos, a.pos", params)
    issues: dict[str, list] = {}
    columns: dict[str, int] = {}
    issuers: dict[str, int] = {}
    months = [0] * 12
    for folder, toml_hash, column, issuer, article_hash, date, problem in rows:
        entry = issues.setdefault(folder, [toml_hash, [], True])
        if article_hash is None and column is None:
            continue                     # an issue without articles
        entry[1].append(article_hash or "")
        if problem:
            entry[2] = False             # an article that cannot be read: no build matches it
            continue
        stats.articles += 1
        columns[column or "（无栏目）"] = columns.get(column or "（无栏目）", 0) + 1
        for name in _issuers(issuer):
            issuers[name] = issuers.get(name, 0) + 1
        months[dt.date.fromisoformat(date).month - 1] += 1
    stats.issues = len(issues)
    stats.columns = sorted(columns.items(), key=lambda x: (-x[1], x[0]))
    stats.issuers = sorted(issuers.items(), key=lambda x: (-x[1], x[0]))[:TOP_ISSUERS]
    stats.months = months
    signatures = {folder: signature(h, hashes) for folder, (h, hashes, ok) in issues.items() if ok}
    known = dict(archive.query("SELECT signature, pages FROM pages WHERE signature IN "
                               "(SELECT value FROM json_each(?))", (json.dumps(list(signatures.values())),)))
    for folder in issues:
        sig = signatures.get(folder)
        if sig in known:
            stats.pages[folder] = known[sig]
        else:
            stats.unknown_pages.append(folder)
    return stats


def _issuers(text: str | None) -> list[str]:
    """The issuing bodies of an article: its signatories, or those its source line names
    (国家发展改革委、国家能源局 → two)."""
    if not text:
        return []
    import re

    return [p.strip() for p in re.split(r"[、，,；;]|\s+", text) if p.strip()]


def count_pages(archive: Archive, folders: list[str], progress=None) -> dict[str, int]:
    """Typeset the issues in `folders` (relative to the archive) to count their pages, and record them."""
    import tempfile

    from ..build import build_issue

    counted = {}
    with tempfile.TemporaryDirectory(prefix="bulletin-pages-") as tmp:
        for n, rel in enumerate(folders):
            if progress:
                progress(n, rel)
            folder = archive.folder / rel
            results = build_issue(folder, ["pdf"], tmp)
            pages = results[0].report.page_count
            if pages:
                record_pages(folder, pages)
                counted[rel] = pages
    return counted
