"""Page counts of issues as builds found them, for the statistics (stats.py).

A count is kept with a signature of the files the issue was built from: each file's modification
time and size (issue.toml, then the articles in the order it lists them), as the index also
records them. A count whose files have changed since (or only been touched) is not the issue's
any more. Only os.stat and zlib: a `bulletin build` records its count without hashing its files.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from .index import parse_listing, read_bytes_of
from .store import Store


def stat_signature(toml_stat: str, article_stats: list[str]) -> str:
    """The signature of "mtime:size" of issue.toml and "stem:mtime:size" of each article, in order."""
    text = "\n".join([toml_stat, *article_stats])
    return f"{len(article_stats)}-{zlib.crc32(text.encode('utf-8')):08x}"


def signature_of_folder(folder: Path) -> str | None:
    """The signature of the issue in `folder` as its files are now (None when one cannot be read)."""
    data, _ = read_bytes_of(folder / "issue.toml")
    if data is None:
        return None
    listing, problem = parse_listing(data)
    if problem:
        return None
    try:
        st = (folder / "issue.toml").stat()
        stats = []
        for _, ids in listing["columns"]:
            for stem in ids:
                a = (folder / "articles" / f"{stem}.md").stat()
                stats.append(f"{stem}:{a.st_mtime_ns}:{a.st_size}")
    except OSError:
        return None
    return stat_signature(f"{st.st_mtime_ns}:{st.st_size}", stats)


def record_pages(folder: Path, pages: int) -> None:
    """Remember that the issue in `folder`, as its files are now, has `pages` pages (after a build).
    Best effort: a cache that cannot be written costs the figures a page count, never the build."""
    recorder = PageRecorder()
    try:
        recorder.record(folder, pages)
    finally:
        recorder.close()


class PageRecorder:
    """record_pages for a run over many issues: each archive's database opened once for the run, not
    once an issue (closing the last connection to a WAL database checkpoints it: 7 ms an issue of
    building 50, most of it that)."""

    def __init__(self):
        self._stores: dict[Path, Store | None] = {}

    def record(self, folder: Path, pages: int) -> None:
        """As record_pages: best effort, never an exception."""
        try:
            sig = signature_of_folder(folder)
            if sig is None:
                return
            archive = folder.resolve().parent
            if archive not in self._stores:
                self._stores[archive] = None
                self._stores[archive] = Store(archive)
            store = self._stores[archive]
            if store is not None:
                store.conn.execute("INSERT OR REPLACE INTO pages (signature, pages) VALUES (?, ?)", (sig, pages))
        except Exception:      # noqa: BLE001 — see record_pages
            pass

    def close(self) -> None:
        for store in self._stores.values():
            if store is not None:
                store.close()
        self._stores.clear()
