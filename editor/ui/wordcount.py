"""Qt-free: 字数 as Word and WPS count it — each Chinese character, and each run of Latin letters or
digits as one word; punctuation and spaces are not counted."""

from __future__ import annotations

import re

from ..fields import ARTICLE_FIELDS
from ..model import Article, Issue

NOT_COUNTED = ("link", "toc_title")     # a URL beside a QR code, the title again in the contents

# CJK ideographs (with Extension A, compatibility ideographs and the supplementary planes)
_COUNTED = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
                      r"|[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.'’\-][A-Za-z0-9]+)*")


def count_text(text: str) -> int:
    return sum(1 for _ in _COUNTED.finditer(text))


def count_article(article: Article) -> int:
    """The article as printed: every field of editor.fields but the link and the contents title,
    the 编者按, and the body (table cells too)."""
    parts = [f.text(article) for f in ARTICLE_FIELDS if f.name not in NOT_COUNTED]
    parts += [b.text for b in article.editor_note]
    for b in article.body:
        parts.append(b.text)
        for row in b.rows or ():
            parts.extend(row)
    return count_text("\n".join(parts))


def count_issue(issue: Issue, cache: dict[str, tuple[int, int]] | None = None,
                stale: set[str] = frozenset()) -> int:
    """All articles of the issue; `cache` (id → (id(article), count)) spares the unchanged ones."""
    total = 0
    for a in issue.articles:
        hit = cache.get(a.id) if cache is not None else None
        if hit is None or hit[0] != id(a) or a.id in stale:
            hit = (id(a), count_article(a))
            if cache is not None:
                cache[a.id] = hit
        total += hit[1]
    return total
