"""Small builders for the checks tests: an article from its body text, an issue around it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import tomli_w

from editor.checks import run_checks
from editor.content import parse_article
from editor.model import Article, Column, Issue
from editor.template import load_template

from .conftest import ROOT


@lru_cache(maxsize=1)
def template():
    return load_template(ROOT / "issue_templates" / "big-data-weekly" / "template.toml")


def make_article(body: str, *, id: str = "a1", title: str = "关于测试的通知", source: str | None = "（来源：国务院）",
                 **front) -> Article:
    """An article as the content loader would read it from a file with this body."""
    fm = {"title": title, **{k: v for k, v in front.items() if v is not None}}
    text = "+++\n" + tomli_w.dumps(fm) + "+++\n\n" + body.strip("\n") + "\n"
    if source:
        text += "\n" + source + "\n"
    problems: list = []
    article = parse_article(text, id, f"articles/{id}.md", problems)
    assert article is not None, problems
    return article


def make_issue(*articles: Article, column: str = "前沿观察", date=dt.date(2023, 7, 21), number: int = 29,
               total_number: int = 140, all_columns: bool = True) -> Issue:
    """An issue holding `articles` in one column; the template's other columns are omitted."""
    issue = Issue("big-data-weekly", date, number, total_number, [Column(column, list(articles))])
    if all_columns:
        issue.omit_columns = [c.name for c in template().columns if c.name != column]
    return issue


def check(body: str | Article | Issue, prefix: str = "", previous: Issue | None = None, **kw):
    """Diagnostics whose rule id starts with `prefix`, for a body text, an article or an issue."""
    if isinstance(body, Issue):
        issue = body
    else:
        issue = make_issue(body if isinstance(body, Article) else make_article(body, **kw))
    return [d for d in run_checks(issue, template(), previous=previous) if d.rule.startswith(prefix)]


def rules_of(diagnostics) -> list[str]:
    return [d.rule for d in diagnostics]
