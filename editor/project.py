"""Opening an issue together with its template: what every command and the app start from."""

from __future__ import annotations

import os
from pathlib import Path

from .content import ISSUE_FILE, load_issue
from .errors import Problem, TemplateError
from .model import Issue
from .records import record
from .template import Template, load_template


@record
class OpenIssue:
    """An issue as read from its folder, with its template."""

    issue: Issue
    template: Template
    folder: Path


def open_issue(folder: str | os.PathLike) -> OpenIssue:
    """The issue in `folder` and the template it names; ContentError/TemplateError otherwise."""
    root = Path(folder)
    issue = load_issue(root)
    try:
        template = load_template(issue.template_id, start=root)
    except TemplateError as exc:
        if exc.problems:          # problems inside the template file name their own place
            raise
        loc = issue.field_locs.get("template")
        raise TemplateError(f"无法打开本期：{root}", [Problem(ISSUE_FILE, loc.line if loc else None, str(exc))]) from None
    return OpenIssue(issue, template, root)


def issue_summary(issue: Issue, template: Template) -> dict:
    """The issue as scripts need it (`bulletin info --format json`)."""
    return {
        "title": template.publication.title,
        "tagline": template.publication.tagline,
        "template": template.id,
        "date": issue.date.isoformat(),
        "number": issue.number,
        "total_number": issue.total_number,
        "issue_line": issue.issue_line,
        "cover_headline": issue.cover_headline.replace("\n", ""),
        "columns": [
            {
                "name": column.name,
                "articles": [
                    {
                        "id": a.id,
                        "title": a.display_title,
                        "doc_number": a.doc_number,
                        "has_editor_note": a.has_editor_note,
                        "source": a.source.issuer if a.source else None,
                        "blocks": len(a.body),
                        "link": a.link,
                    }
                    for a in column.articles
                ],
            }
            for column in issue.columns
        ],
    }
