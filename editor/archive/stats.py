"""A year of the bulletin in figures: issues, articles per column, the issuers most often reprinted,
pages per issue.

Page counts are known only once an issue has been typeset: every `bulletin build` and
`bulletin volume` records the count (pages.py) with a signature of the files it was built from,
and the figures use the counts whose signature matches the files as the index saw them last.
`count_pages` typesets the issues that have none.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import field

from ..records import record
from . import Archive
from .pages import stat_signature

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


def year_stats(archive: Archive, year: int | None = None) -> YearStats:
    """The figures of `year` (every year when None) from the archive's index."""
    stats = YearStats(year)
    where, params = ("AND i.year = ?", (year,)) if year else ("", ())
    rows = archive.query(
        "SELECT i.folder, i.mtime || ':' || i.size, a.column_name, a.issuer, a.stem || ':' || a.mtime || ':' || a.size, "
        "i.date, a.problem FROM issues i "
        f"LEFT JOIN articles a ON a.issue = i.id WHERE i.problem IS NULL {where} "
        "ORDER BY i.date, a.column_pos, a.pos", params)
    issues: dict[str, list] = {}
    columns: dict[str, int] = {}
    issuers: dict[str, int] = {}
    months = [0] * 12
    for folder, toml_stat, column, issuer, article_stat, date, problem in rows:
        entry = issues.setdefault(folder, [toml_stat, [], True])
        if article_stat is None and column is None:
            continue                     # an issue without articles
        entry[1].append(article_stat or "")
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
    signatures = {folder: stat_signature(toml, stats_) for folder, (toml, stats_, ok) in issues.items() if ok}
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

    from ..batch import Issues
    from ..build import build_issue
    from .pages import PageRecorder

    counted = {}
    issues, recorder = Issues(keep=False), PageRecorder()       # each template read, the database opened, once
    try:
        with tempfile.TemporaryDirectory(prefix="bulletin-pages-") as tmp:
            for n, rel in enumerate(folders):
                if progress:
                    progress(n, rel)
                folder = archive.folder / rel
                results = build_issue(issues.open(folder), ["pdf"], tmp)
                pages = results[0].report.page_count
                if pages:
                    recorder.record(folder, pages)
                    counted[rel] = pages
    finally:
        recorder.close()
    return counted
