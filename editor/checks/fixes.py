"""Applying fixes: Edits on the model, with the Edits that undo them."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from ..body import make_block, settle_list_items, table_rows
from ..fields import FIELDS
from ..model import Article, BlockKind, Issue
from .framework import Diagnostic, Edit, Fix, field_text

# Blocks whose kind comes from how they are written, not from their text: keep it when editing.
_KEEP_KIND = (BlockKind.SUBHEADING, BlockKind.LIST_ITEM, BlockKind.SIGNATURE, BlockKind.TABLE, BlockKind.IMAGE)


def _set_text(article: Article, field: str, block_index: int | None, text: str) -> None:
    if field == "body":
        old = article.body[block_index]
        if old.kind is BlockKind.TABLE:
            rows = table_rows(text)
            if rows is None:
                raise ValueError("an edit broke the table's layout")
            old.rows = rows
        elif old.kind in _KEEP_KIND:
            old.text = text
        else:
            article.body[block_index] = make_block(text, old.loc, old.spans)
            settle_list_items(article.body)
    elif field == "editor_note":
        article.editor_note[block_index].text = text
    elif field in FIELDS:
        FIELDS[field].set_text(article, text)
    else:
        raise ValueError(f"unknown field {field!r}")


def _set_issue_field(issue: Issue, edit: Edit) -> Edit:
    old = getattr(issue, edit.field)
    if edit.field == "date":
        issue.date = dt.date.fromisoformat(edit.replacement)
        old_text = old.isoformat()
    elif edit.field in ("number", "total_number"):
        setattr(issue, edit.field, int(edit.replacement))
        old_text = str(old)
    elif edit.field == "omit_columns":          # the whole list, one column name a line
        issue.omit_columns = [n for n in edit.replacement.split("\n") if n]
        old_text = "\n".join(old)
    else:
        raise ValueError(f"unknown issue field {edit.field!r}")
    return Edit(None, edit.field, 0, 0, old_text)


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end and b.start == b.end:
        return False        # insertions at one place go in list order
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_edits(issue: Issue, edits: Sequence[Edit]) -> tuple[Edit, ...]:
    """Apply `edits` to the model in place; returns the Edits that undo them.

    Offsets of edits to the same field refer to the text before any of them is
    applied. An edit overlapping an earlier one in the list is skipped, so two
    fixes touching the same characters cannot corrupt the text; insertions at
    the same place are made in list order.
    """
    undo: list[Edit] = []
    groups: dict[tuple, list[Edit]] = {}
    for e in edits:
        if e.article_id is None:
            undo.append(_set_issue_field(issue, e))
            continue
        groups.setdefault((e.article_id, e.field, e.block_index), []).append(e)
    for (article_id, field, block_index), group in groups.items():
        article = issue.article(article_id)
        if article is None:
            continue
        accepted: list[Edit] = []
        for e in group:   # first come, first kept
            if not any(_overlap(e, a) for a in accepted):
                accepted.append(e)
        accepted.sort(key=lambda e: (e.start, e.end))   # stable: insertions keep their order
        old = field_text(article, field, block_index)
        pieces, pos = [], 0
        for e in accepted:
            pieces.append(old[pos:e.start])
            pieces.append(e.replacement)
            pos = e.end
        pieces.append(old[pos:])
        _set_text(article, field, block_index, "".join(pieces))
        shift = 0
        for e in accepted:
            start = e.start + shift
            undo.append(Edit(article_id, field, start, start + len(e.replacement), old[e.start:e.end], block_index))
            shift += len(e.replacement) - (e.end - e.start)
    return tuple(undo)


def safe_fixes(diagnostics: Iterable[Diagnostic]) -> list[tuple[Diagnostic, Fix]]:
    """The diagnostics whose fix `bulletin check --fix` may apply without asking."""
    return [(d, d.fix) for d in diagnostics if d.fix is not None and d.fix.safe]
