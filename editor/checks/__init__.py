"""The checks a careful 责任编辑 makes before an issue goes out.

    run_checks(issue, template, world=World.of(folder), article_ids=...) → sorted Diagnostics
    find_previous_issue(folder) → the issue before the one in `folder`, or None (editor.world)
    apply_edits(issue, edits) → the Edits that undo them

Rules live in one module per category (numbering, marker_style, source,
doc_number, punctuation, numbers, note, structure, issue) and register themselves in
framework.REGISTRY. A template's [rules] table sets a rule's severity or
switches it off ("off"), by rule id or by whole category.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Issue
from ..template import Template
from ..world import World, find_previous_issue
from . import (doc_number, issue as _issue_rules, marker_style, note, numbering, numbers,  # noqa: F401
               published, punctuation, source, structure)
from .fixes import apply_edits, safe_fixes
from .framework import CATEGORIES, REGISTRY, Context, Diagnostic, Edit, Fix, Rule

__all__ = ["run_checks", "find_previous_issue", "World", "apply_edits", "safe_fixes", "effective_severities",
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


def run_checks(issue: Issue, template: Template, *, world: World | None = None, previous: Issue | None = None,
               article_ids: Iterable[str] | None = None) -> list[Diagnostic]:
    """Every problem the rules find, sorted by file, line, column and severity.

    `world` is what the rules may see besides the issue (its folder's files, the previous
    issue, today); without one the issue is taken as made in memory, and `previous` (if
    given) is the issue before it.
    """
    if world is None:
        world = World(None, previous=previous)
    elif previous is not None:
        raise ValueError("run_checks: give the previous issue in the World, not beside it")
    severities = effective_severities(template)
    ctx = Context(issue, template, world,
                  severities={k: v for k, v in severities.items() if v != "off"},
                  article_ids=frozenset(article_ids) if article_ids is not None else None)
    found: list[Diagnostic] = []
    for r in REGISTRY.values():
        if severities[r.id] == "off":
            continue
        found.extend(r.check(ctx))
    found.sort(key=Diagnostic.sort_key)
    return found
