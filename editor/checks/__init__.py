"""The checks a careful 责任编辑 makes before an issue goes out.

    run_checks(issue, template, previous=..., article_ids=...) → sorted Diagnostics
    find_previous_issue(folder) → the issue before the one in `folder`, or None
    apply_edits(issue, edits) → the Edits that undo them

Rules live in one module per category (numbering, marker_style, source,
doc_number, punctuation, structure, issue) and register themselves in
framework.REGISTRY. A template's [rules] table sets a rule's severity or
switches it off ("off"), by rule id or by whole category.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path
from typing import Iterable

from ..content import ISSUE_FILE, load_issue
from ..errors import BulletinError
from ..model import Issue
from ..template import Template
from . import doc_number, issue as _issue_rules, marker_style, numbering, punctuation, source, structure  # noqa: F401
from .fixes import apply_edits, safe_fixes
from .framework import CATEGORIES, REGISTRY, Context, Diagnostic, Edit, Fix, Rule

__all__ = ["run_checks", "find_previous_issue", "apply_edits", "safe_fixes", "effective_severities",
           "unknown_rule_settings", "Diagnostic", "Edit", "Fix", "Rule", "REGISTRY"]


def effective_severities(template: Template) -> dict[str, str]:
    """Rule id → severity ("error", "warning", "info" or "off") after the template's [rules].

    A key may be a rule id ("punctuation.halfwidth") or a category ("punctuation");
    the rule id wins over its category.
    """
    out: dict[str, str] = {}
    for r in REGISTRY.values():
        out[r.id] = template.rules.get(r.id, template.rules.get(r.category, r.severity))
    return out


def unknown_rule_settings(template: Template) -> list[str]:
    """Keys of the template's [rules] that name neither a rule nor a category."""
    return [k for k in template.rules if k not in REGISTRY and k not in CATEGORIES]


def run_checks(issue: Issue, template: Template, *, previous: Issue | None = None,
               article_ids: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every problem the rules find, sorted by file, line, column and severity."""
    severities = effective_severities(template)
    ctx = Context(issue, template, previous,
                  severities={k: v for k, v in severities.items() if v != "off"},
                  article_ids=frozenset(article_ids) if article_ids is not None else None)
    found: list[Diagnostic] = []
    for r in REGISTRY.values():
        if severities[r.id] == "off":
            continue
        found.extend(r.check(ctx))
    found.sort(key=Diagnostic.sort_key)
    return found


def _issue_date(folder: Path) -> tuple[dt.date, str] | None:
    """Date and template of the issue in `folder`, read cheaply from issue.toml alone."""
    try:
        data = tomllib.loads((folder / ISSUE_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    date = data.get("date")
    if isinstance(date, dt.datetime):
        date = date.date()
    if not isinstance(date, dt.date):
        return None
    return date, str(data.get("template", ""))


def find_previous_issue(folder: str | os.PathLike) -> Issue | None:
    """The latest issue in a sibling folder dated before the one in `folder` (same template).

    Sibling folders that cannot be loaded are passed over: a broken old issue
    must not stop today's checks.
    """
    root = Path(folder)
    this = _issue_date(root)
    if this is None or not root.parent.is_dir():
        return None
    candidates = []
    try:
        siblings = list(root.parent.iterdir())
    except OSError:
        return None
    for d in siblings:
        if not d.is_dir() or d.resolve() == root.resolve():
            continue
        other = _issue_date(d)
        if other is not None and other[0] < this[0] and other[1] == this[1]:
            candidates.append((other[0], d))
    for _, d in sorted(candidates, reverse=True):
        try:
            return load_issue(d)
        except BulletinError:
            continue
    return None
