"""HTML text made safely: every text and attribute value escaped in one place, and the issue read
as columns of articles for both the web edition and the WeChat fragments."""

from __future__ import annotations

import re
from dataclasses import field

from ... import compose as C
from ...records import record

# A web address in running text (up to the first space or Chinese punctuation mark), as the PDF
# makes them live; only http and https.
URL = re.compile(r"(https?://[^\s，。；、：！？（）《》“”‘’【】<>\"']+[^\s，。；、：！？（）《》“”‘’【】<>\"'.,;:!?)])")
PHONE_TITLE_CHARS = 12          # a title's characters a 360 px screen holds on a line
HEADING_STYLES = ("subheading", "heading1", "heading2", "heading3", "heading4")


def esc(text: str) -> str:
    """Text for HTML content or a quoted attribute value: & < > " ' escaped (as html.escape does;
    importing the html module costs a build its table of 2,231 entities)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#x27;"))


def attrs(**values: str | None) -> str:
    """ attribute="value" pairs, escaped; None leaves one out; a trailing _ in a name is dropped."""
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"' for k, v in values.items() if v is not None)


def el(tag: str, inner: str = "", **values: str | None) -> str:
    """An element around `inner` (already markup)."""
    return f"<{tag}{attrs(**values)}>{inner}</{tag}>"


def lines(texts: list[str]) -> str:
    """Lines of text joined by <br>."""
    return "<br>".join(esc(t) for t in texts)


def title_lines(texts: list[str]) -> str:
    """A title's lines joined by <br>, each with <wbr> where it may break between words
    (writers.titles): set with word-break: keep-all, a narrow screen breaks a title only there,
    not inside 数据 or 市场化. The good places (between two issuers, after 的, before 关于 or 《)
    always; between any two words only inside a stretch longer than a phone's line holds."""
    from ..titles import IN_WORD, break_costs

    out = []
    for text in texts:
        costs = break_costs(text)
        good = [0] + [b for b in range(1, len(text)) if costs[b] is not None and costs[b] <= 0] + [len(text)]
        cuts = []
        for a, b in zip(good, good[1:]):
            if b - a > PHONE_TITLE_CHARS:
                cuts += [k for k in range(a + 1, b) if costs[k] is not None and costs[k] < IN_WORD]
            cuts.append(b)
        parts, a = [], 0
        for b in cuts:
            parts.append(esc(text[a:b]))
            a = b
        out.append("<wbr>".join(p for p in parts if p))
    return "<br>".join(out)


def linked(text: str, link) -> str:
    """`text` escaped, each web address in it made by `link(url)` (escaped text otherwise)."""
    parts = URL.split(text)
    return "".join(link(p) if i % 2 else esc(p) for i, p in enumerate(parts) if p)


def is_heading(p: C.Paragraph) -> bool:
    """A paragraph that is a heading of its own (a run-in lead is not: its text follows on the line)."""
    return p.style in HEADING_STYLES and not any(r.style for r in p.runs)


class Levels:
    """Heading levels inside an article, in order with no level skipped: an article's title is
    `base`, its first heading base + 1 whatever its numbering rank, a sub-heading one more."""

    RANK = {"subheading": 0, "heading1": 1, "heading2": 2, "heading3": 3, "heading4": 4}

    def __init__(self, base: int):
        self.base = base
        self.open: list[int] = []

    def level(self, style: str) -> int:
        rank = self.RANK.get(style, 4)
        while self.open and self.open[-1] >= rank:
            self.open.pop()
        self.open.append(rank)
        return min(6, self.base + len(self.open))


@record
class ArticleView:
    """An article of the issue: its head, what follows it up to its end, its number in the issue."""

    head: C.ArticleHead
    number: int
    body: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"a{self.number}"


@record
class ColumnView:
    """A column (栏目) with its articles."""

    name: str
    index: int
    articles: list[ArticleView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"c{self.index + 1}"


@record
class IssueView:
    """The composition read as the web reads an issue."""

    cover: C.Cover | None = None
    colophon: C.Colophon | None = None
    contents: C.Contents | None = None
    columns: list[ColumnView] = field(default_factory=list)
    back: C.BackMatter | None = None

    def articles(self) -> list[ArticleView]:
        return [a for c in self.columns for a in c.articles]

    def article(self, article_id: str) -> ArticleView | None:
        return next((a for a in self.articles() if a.head.article_id == article_id), None)


def read(comp: C.Composition) -> IssueView:
    view = IssueView()
    current: ArticleView | None = None
    for e in comp.elements:
        if isinstance(e, C.Cover):
            view.cover = e
        elif isinstance(e, C.Colophon):
            view.colophon = e
        elif isinstance(e, C.Contents):
            view.contents = e
        elif isinstance(e, C.BackMatter):
            view.back = e
        elif isinstance(e, C.ArticleHead):
            if e.column_start is not None or not view.columns:
                start = e.column_start or C.ColumnStart(e.column, len(view.columns))
                view.columns.append(ColumnView(start.name, len(view.columns)))
            current = ArticleView(e, len(view.articles()) + 1)
            view.columns[-1].articles.append(current)
        elif isinstance(e, C.ArticleEnd):
            current = None
        elif current is not None:
            current.body.append(e)
    return view
