"""The rule framework: rules, diagnostics and fixes.

A rule is a small unit with a stable id, a category, a default severity and a
Chinese message; it reads the model and yields Diagnostics, each with a precise
location and optionally a Fix. A Fix is a list of text Edits on model fields, so
the CLI can apply it to files and the app can apply and undo it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..model import Article, Issue, Location
from ..template import Template

CATEGORIES = ("numbering", "marker-style", "source", "doc-number", "punctuation", "structure", "issue")
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] of one field with `replacement`.

    `field` is one of: "body" (block `block_index` of the body), "editor_note"
    (paragraph `block_index` of the 编者按), "title", "toc_title", "doc_number",
    "addressee", "link", "source" (the source line). `article_id` None means the
    issue itself (fields "number", "total_number", "date" — replacement is the
    new value as text, start/end ignored).
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

    def sort_key(self):
        loc = self.location
        return (loc.file if loc else "", loc.line if loc else 0, loc.column if loc else 0,
                SEVERITY_ORDER.get(self.severity, 9), self.rule)


@dataclass(frozen=True)
class Example:
    bad: str
    good: str


@dataclass
class Rule:
    id: str                     # stable, e.g. "numbering.gap"
    category: str
    severity: str
    title: str                  # Chinese one-line summary for docs and the UI
    check: Callable[["Context"], Iterable[Diagnostic]]
    example: Example | None = None


@dataclass
class Context:
    issue: Issue
    template: Template
    previous: Issue | None = None       # the issue before this one, when known
    severities: dict[str, str] = field(default_factory=dict)

    def severity(self, rule: Rule) -> str:
        return self.severities.get(rule.id, rule.severity)


REGISTRY: dict[str, Rule] = {}


def rule(id: str, category: str, severity: str, title: str, example: Example | None = None):
    """Register a rule function `check(ctx) -> Iterable[Diagnostic]` under a stable id."""
    assert category in CATEGORIES, category
    assert severity in SEVERITY_ORDER, severity

    def register(fn: Callable[[Context], Iterable[Diagnostic]]):
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        REGISTRY[id] = Rule(id, category, severity, title, fn, example)
        return fn
    return register


def iter_articles(issue: Issue) -> Iterator[Article]:
    yield from issue.articles
