"""The rule framework: rules, diagnostics and fixes.

A rule is a small unit with a stable id, a category, a default severity and a
Chinese message; it reads the model and yields Diagnostics, each with a precise
location and optionally a Fix. A Fix is a list of text Edits on model fields, so
the CLI can apply it to files and the app can apply and undo it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..body import table_layout
from ..fields import FIELDS
from ..model import Article, Block, BlockKind, Issue, Location
from ..template import Template
from ..world import World

CATEGORIES = ("numbering", "marker-style", "source", "doc-number", "punctuation", "numbers", "note", "structure",
              "issue")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] of one field with `replacement`.

    `field` is one of: "body" (block `block_index` of the body), "editor_note"
    (paragraph `block_index` of the 编者按), "title", "toc_title", "doc_number",
    "addressee", "link", "source" (the source line). `article_id` None means the
    issue itself (fields "number", "total_number", "date", "omit_columns" — replacement
    is the new value as text, a list one item a line; start/end ignored).
    """

    article_id: str | None
    field: str
    start: int
    end: int
    replacement: str
    block_index: int | None = None


@dataclass(frozen=True)
class Fix:
    description: str            # Chinese, e.g. 改为“（七）”
    edits: tuple[Edit, ...]
    safe: bool = True           # applied by `bulletin check --fix`


@dataclass(frozen=True)
class Related:
    """The other side of a disagreement: the place in the body, title or issue a finding is measured against.

    An 编者按 that says 十条 is wrong *against* the list that has eleven: the editor
    needs both places. `field`/`block_index`/`offset` address it like a Diagnostic does.
    """

    message: str                # Chinese, e.g. 正文的第 12 项在这里
    location: Location | None
    excerpt: str = ""
    field: str = "body"
    block_index: int | None = None
    offset: int = 0
    length: int = 0


@dataclass(frozen=True)
class Diagnostic:
    rule: str
    category: str
    severity: str               # error | warning | info
    message: str                # Chinese
    location: Location | None
    article_id: str | None = None
    article_title: str | None = None
    excerpt: str = ""
    fix: Fix | None = None
    hint: str | None = None
    field: str = "body"
    block_index: int | None = None
    offset: int = 0             # character offset in the field/block text
    length: int = 0
    related: tuple[Related, ...] = ()   # where the text it disagrees with is

    def sort_key(self):
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, loc.column if loc else 0,
                SEVERITY_ORDER.get(self.severity, 9), self.rule)


@dataclass(frozen=True)
class Example:
    """A bad and a good example, taken from real documents, for docs/rules.md and the tests.

    `field` says where the text goes when the tests check the rule on it: "body"
    (an article body, paragraphs separated by blank lines), "doc_number",
    "source", "title", "article" (a whole article file, front matter and all:
    for rules that compare the 编者按 with the title or 文号), or "" for a rule
    whose example is a description only (issue-level rules, tested on their own).
    """

    bad: str
    good: str
    field: str = "body"


FIX_KINDS = ("safe", "confirm", "none")   # applied by --fix / offered in the app for the editor to confirm / none


@dataclass
class Rule:
    id: str                     # stable, e.g. "numbering.gap"
    category: str
    severity: str
    title: str                  # Chinese one-line summary for docs and the UI
    check: Callable[["Context"], Iterable[Diagnostic]]
    example: Example | None = None
    why: str = ""               # Chinese: why an editor cares (one line, for docs/rules.md)
    fix: str = "none"           # one of FIX_KINDS: what kind of fix its diagnostics carry


@dataclass
class Context:
    issue: Issue
    template: Template
    world: World = field(default_factory=World)   # folder, files, previous issue, today
    severities: dict[str, str] = field(default_factory=dict)
    article_ids: frozenset[str] | None = None   # None: every article
    cache: dict[Any, Any] = field(default_factory=dict)   # analyses shared by several rules

    @property
    def previous(self) -> Issue | None:
        """The issue before this one, when the world knows it."""
        return self.world.previous

    @property
    def today(self):
        return self.world.today

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.id, rule.severity)

    def articles(self) -> Iterator[Article]:
        """The articles article-level rules look at (all, or those asked for)."""
        for a in self.issue.articles:
            if self.article_ids is None or a.id in self.article_ids:
                yield a

    def cached(self, key: Any, compute: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


REGISTRY: dict[str, Rule] = {}


def fix_text(action: str, count: int, unit: str = "处") -> str:
    """A fix's description, counting its places when there are several: 改为全角标点（共 3 处）."""
    return action + (f"（共 {count} {unit}）" if count > 1 else "")


def rule(id: str, category: str, severity: str, title: str, example: Example | None = None, *,
         why: str = "", fix: str = "none"):
    """Register a rule function `check(ctx) -> Iterable[Diagnostic]` under a stable id.

    `why` says in a line why the rule matters; `fix` whether its findings come with a
    fix that --fix may apply ("safe"), one for the editor to confirm ("confirm"), or none.
    """
    assert category in CATEGORIES, category
    assert severity in SEVERITY_ORDER, severity
    assert fix in FIX_KINDS, fix

    def register(fn: Callable[[Context], Iterable[Diagnostic]]):
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        REGISTRY[id] = Rule(id, category, severity, title, fn, example, why, fix)
        return fn
    return register


def iter_articles(issue: Issue) -> Iterator[Article]:
    yield from issue.articles


# ---------------------------------------------------------------- building diagnostics

EXCERPT_CONTEXT = 12


def field_text(article: Article, field_name: str, block_index: int | None = None) -> str:
    """The current text of one field of an article, as Edits address it."""
    if field_name == "body":
        if block_index is None:
            return ""
        block = article.body[block_index]
        # A table is addressed as the file writes it: | 名称 | 金额 |⏎|---|---|⏎…
        return _layout(block)[0] if block.kind is BlockKind.TABLE else block.text
    if field_name == "editor_note":
        return article.editor_note[block_index].text if block_index is not None else ""
    if field_name in FIELDS:
        return FIELDS[field_name].text(article)
    return getattr(article, field_name, None) or ""


def field_location(article: Article, field_name: str, block_index: int | None, offset: int) -> Location:
    """File, line and column of character `offset` of a field."""
    if field_name in ("body", "editor_note") and block_index is not None:
        blocks = article.body if field_name == "body" else article.editor_note
        if 0 <= block_index < len(blocks):
            loc = blocks[block_index].locate(offset)
            if loc is not None:
                return loc
    if field_name in FIELDS:
        return FIELDS[field_name].location(article, offset)
    loc = article.field_locs.get(field_name)
    return Location(loc.file, loc.line, loc.column) if loc else Location(article.path, 1, 1)


def excerpt_of(text: str, offset: int, length: int, context: int = EXCERPT_CONTEXT) -> str:
    """The offending text with a little context, one line, marked with … where cut."""
    start = max(0, offset - context)
    end = min(len(text), offset + max(length, 1) + context)
    piece = text[start:end].replace("\n", " ")
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def diagnostic(ctx: Context, rule_id: str, message: str, *, article: Article | None = None,
               field: str = "body", block_index: int | None = None, offset: int = 0, length: int = 0,
               location: Location | None = None, excerpt: str | None = None, fix: Fix | None = None,
               hint: str | None = None, related: Iterable[Related] = ()) -> Diagnostic:
    """A Diagnostic of a registered rule, located from the article field it is about."""
    r = REGISTRY[rule_id]
    if location is None and article is not None:
        location = field_location(article, field, block_index, offset)
    table = (article is not None and field == "body" and block_index is not None
             and article.body[block_index].kind is BlockKind.TABLE)
    if table:
        message = _cell_name(article.body[block_index], offset) + message
    if excerpt is None and article is not None:
        text, base = field_text(article, field, block_index), 0
        if table:
            base = text.rfind("\n", 0, offset) + 1       # the table row the offset is in
            end = text.find("\n", offset)
            text = text[base:end if end != -1 else len(text)]
        excerpt = excerpt_of(text, offset - base, length)
    elif excerpt is None:
        excerpt = ""
    return Diagnostic(rule=rule_id, category=r.category, severity=ctx.severity(r), message=message,
                      location=location, article_id=article.id if article else None,
                      article_title=article.display_title if article else None, excerpt=excerpt,
                      fix=fix, hint=hint, field=field, block_index=block_index, offset=offset,
                      length=length, related=tuple(related))


def related_to(article: Article, message: str, *, field: str = "body", block_index: int | None = None,
               offset: int = 0, length: int = 0) -> Related:
    """A Related place in one of `article`'s fields, located and excerpted like a Diagnostic."""
    text = field_text(article, field, block_index)
    return Related(message, field_location(article, field, block_index, offset), excerpt_of(text, offset, length),
                   field, block_index, offset, length)


def _cell_name(block: Block, offset: int) -> str:
    """“表格第 2 行第 3 列：” for a place in a table (the header row is row 1)."""
    from bisect import bisect_right

    _, cells, starts = _layout(block)
    k = bisect_right(starts, offset) - 1
    if k >= 0 and cells[k][2] <= offset <= cells[k][3]:
        return f"表格第 {cells[k][0] + 1} 行第 {cells[k][1] + 1} 列："
    return "表格中："


def _layout(block: Block) -> tuple[str, list[tuple[int, int, int, int]], list[int]]:
    """table_layout of a table block and its cells' starts, computed once per content: every
    diagnostic in a table asks for it (2,000 findings in a 16,000-cell table took minutes)."""
    return _layout_of(tuple(tuple(row) for row in block.rows or ()))


@functools.lru_cache(maxsize=8)
def _layout_of(rows: tuple[tuple[str, ...], ...]) -> tuple[str, list[tuple[int, int, int, int]], list[int]]:
    text, cells = table_layout([list(r) for r in rows])
    return text, cells, [c[2] for c in cells]


def body_blocks(article: Article) -> Iterator[tuple[str, int, Block]]:
    """(field, index, block) of every text paragraph: the 编者按, then the body."""
    for i, b in enumerate(article.editor_note):
        yield "editor_note", i, b
    for i, b in enumerate(article.body):
        yield "body", i, b
