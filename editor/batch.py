"""Several issues in one process: what `bulletin check` and `bulletin build` do when given several
issue folders or a folder of issues.

Done in one process so that what every issue needs is loaded once: the modules, the fonts, each
template (read once per template file), the issues themselves (an issue checked is the previous
issue of the next one, not read again), and the archive index. A progress bar goes to a terminal
(plain lines when the output is not one), then a summary table; an issue that cannot be read is
a row of that table, never the end of the run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from .content import ISSUE_FILE, load_issue
from .errors import BulletinError, ContentError
from .model import Issue
from .project import OpenIssue, open_issue
from .template import Template, find_template, load_template
from .world import World, issue_date_and_template


def expand(paths: list[str | os.PathLike], dates: dict[Path, tuple[dt.date, str] | None] | None = None) -> list[Path]:
    """The issue folders named: each path is an issue folder (it has issue.toml) or a folder of issues,
    whose issue folders are taken in date order. ContentError for a path that is neither. `dates`:
    filled with issue_date_and_template of the folders it read, by resolved path (Issues.dates)."""
    from .archive.index import issue_folders

    def dated_of(f: Path) -> tuple[dt.date, str] | None:
        found = issue_date_and_template(f)
        if dates is not None:
            dates[f.resolve()] = found
        return found

    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if (path / ISSUE_FILE).is_file():
            out.append(path)
            continue
        if not path.is_dir():
            raise ContentError(f"找不到期刊文件夹：{path}")
        found = list(issue_folders(path).values())
        if not found:
            raise ContentError(f"“{path}”既不是一期的文件夹（没有 {ISSUE_FILE}），其中也没有各期的文件夹")
        dated = [(dated_of(f) or (dt.date.max, ""))[0] for f in found]
        out.extend(f for _, f in sorted(zip(dated, found), key=lambda x: (x[0], x[1].name)))
    seen: set[Path] = set()
    unique = []
    for f in out:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


@contextlib.contextmanager
def fewer_collections(first_generation: int = 20_000):
    """Python's cyclic garbage collector run less often for the length of a run over many issues.

    Reading and checking an issue makes hundreds of thousands of objects that reference counting
    frees; the collector, started every 700 allocations by default, went through the ones still
    alive 160 times while checking 50 issues (89 ms CPU of 1.4 s), 24 times at 20,000 (18 ms)."""
    old = gc.get_threshold()
    gc.set_threshold(max(first_generation, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def is_batch(paths: list[str]) -> bool:
    """Whether the paths name more than one issue, or a folder of issues rather than one issue."""
    return len(paths) != 1 or not (Path(paths[0]) / ISSUE_FILE).is_file()


class Issues:
    """Issues and templates read once for the whole run; each issue's World sees the others."""

    def __init__(self, keep: bool = True):
        """`keep`: keep each issue read, to be the previous issue of the next (checking); a run that
        never asks for one (building) keeps none, and its memory stays that of one issue."""
        self.keep = keep
        self.templates: dict[Path, tuple[tuple[int, int], Template]] = {}
        self.loaded: dict[Path, Issue] = {}
        self._dates: dict[Path, dict[Path, tuple[dt.date, str]]] = {}
        # issue.toml's date and template by resolved folder, as expand(…, issues.dates) read them
        self.dates: dict[Path, tuple[dt.date, str] | None] = {}
        self.notices: list[str] = []

    def open(self, folder: Path) -> OpenIssue:
        issue = load_issue(folder)
        try:
            path = find_template(issue.template_id, start=folder).resolve()
            stat = path.stat()
        except (BulletinError, OSError):
            return open_issue(folder)          # its own message, naming issue.toml's line
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self.templates.get(path)
        if known is None or known[0] != stamp:
            self.templates[path] = known = (stamp, load_template(path))
        if self.keep:
            self.loaded[folder.resolve()] = issue
        return OpenIssue(issue, known[1], folder)

    def world(self, folder: Path) -> World:
        """The issue's World, whose previous issue comes from those read in this run when it can."""
        return World(folder, previous=lambda: self.previous(folder), archive=folder.absolute().parent)

    def previous(self, folder: Path) -> Issue | None:
        """The latest issue beside `folder` dated before it, with its template (as find_previous_issue)."""
        parent = folder.resolve().parent
        dates = self._dates.get(parent)
        if dates is None:
            dates = self._dates[parent] = {}
            try:
                for d in parent.iterdir():
                    if not d.is_dir():
                        continue
                    key = d.resolve()
                    found = self.dates[key] if key in self.dates else issue_date_and_template(d)
                    if found is not None:
                        dates[key] = found
            except OSError:
                return None
        this = dates.get(folder.resolve()) or issue_date_and_template(folder)
        if this is None:
            return None
        earlier = sorted(((d, f) for f, (d, t) in dates.items() if d < this[0] and t == this[1]), reverse=True)
        for _, f in earlier:
            if f in self.loaded:
                return self.loaded[f]
            try:
                issue = self.loaded[f] = load_issue(f)
                return issue
            except (BulletinError, OSError) as exc:
                notice = f"已跳过无法读取的上一期文件夹“{f.name}”：{str(exc).splitlines()[0]}"
                if notice not in self.notices:
                    self.notices.append(notice)
        return None


class Bar:
    """Progress of a run over issues, on `stream`: a bar redrawn in place on a terminal, else a line an issue."""

    WIDTH = 24

    def __init__(self, total: int, verb: str, stream: TextIO | None = None, quiet: bool = False):
        self.total, self.verb, self.quiet = total, verb, quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.done = 0
        self.start = time.perf_counter()

    def step(self, name: str) -> None:
        """Say that the next issue, `name`, is being done."""
        if self.quiet:
            return
        n = self.done + 1
        if self.tty:
            filled = self.WIDTH * self.done // max(1, self.total)
            bar = "█" * filled + "░" * (self.WIDTH - filled)
            print(f"\r{bar} {n}/{self.total} {self.verb} {name}".ljust(70)[:100], end="", file=self.stream, flush=True)
        else:
            print(f"[{n}/{self.total}] {self.verb} {name}", file=self.stream, flush=True)

    def advance(self) -> None:
        self.done += 1

    def clear(self) -> None:
        """Take the bar off its line, so that what is printed next starts at its left."""
        if not self.quiet and self.tty:
            print("\r" + " " * 100 + "\r", end="", file=self.stream, flush=True)

    def finish(self) -> None:
        if not self.quiet and self.tty:
            bar = "█" * self.WIDTH
            print(f"\r{bar} {self.total}/{self.total} 完成，用时 {time.perf_counter() - self.start:.1f} 秒".ljust(70),
                  file=self.stream, flush=True)


def _width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and full-width characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """A plain-text table whose columns line up in a terminal, Chinese included."""
    cells = [headers] + rows
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        out = []
        for i, c in enumerate(r):
            pad = " " * (widths[i] - _width(c))
            out.append(pad + c if i in right else c + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("─" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])
