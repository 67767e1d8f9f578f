"""Opening an issue together with its template: what every command and the app start from."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .content import load_issue
from .model import Issue
from .template import Template, load_template


@dataclass
class OpenIssue:
    issue: Issue
    template: Template
    folder: Path


def open_issue(folder: str | os.PathLike) -> OpenIssue:
    """The issue in `folder` and the template it names; ContentError/TemplateError otherwise."""
    root = Path(folder)
    issue = load_issue(root)
    template = load_template(issue.template_id, start=root)
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
