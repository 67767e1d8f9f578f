"""How many aspects and items an article's text has, read from its outline, as an 编者按 counts them.

“五方面共十条” counts the top-level sections that carry items (一、…五、) and the items under
them ((一)…(十)). Framing sections — 总体要求, 保障措施, 组织实施 — are not counted, nor a section
without items; when a single section holds all the substance (二、主要任务 with (一)…(五) and
1.…18. under it), the aspects are the level below it. Other readings an editor may have used
(framing sections counted, the level below the items) are kept as alternatives, so that a count
is reported only when no reasonable reading of the text gives it.
"""

from __future__ import annotations

import re

from ..model import Article, BlockKind
from ..outline import Node
from ..records import record
from .framework import Context
from .numbering import analysis_of

# Section headings that frame a plan rather than make one of its points.
_FRAMING_RE = re.compile(
    r"总体要求|总体思路|指导思想|基本原则|工作原则|主要原则|发展目标|主要目标|总体目标|工作目标|目标任务|"
    r"保障措施|保障机制|组织保障|组织实施|组织领导|实施保障|工作要求|工作保障|政策保障|要素保障|"
    r"总\s*则|附\s*则|重要意义|编制背景|背景|适用范围|其他事项|其他|实施步骤|进度安排|工作步骤")


@record
class Structure:
    """The article's outline as an 编者按 counts it; each list holds block indices in order."""

    aspects: list[int]
    items: list[int]
    aspect_readings: list[list[int]]      # the main reading first; framing sections never count as 方面
    part_readings: list[list[int]]        # 七个部分: every top-level section may count
    item_readings: list[list[int]]
    chapters: list[int]
    articles: list[int]                  # 第N条


def framing(article: Article, index: int) -> bool:
    block = article.body[index]
    lead = block.content.strip()[:16]
    return bool(_FRAMING_RE.search(lead))


def _children(outline: dict[int, Node]) -> dict[int | None, list[int]]:
    kids: dict[int | None, list[int]] = {}
    for i in sorted(outline):
        kids.setdefault(outline[i].parent, []).append(i)
    return kids


def structure_of(ctx: Context, article: Article) -> Structure:
    return ctx.cached(("note-structure", article.id), lambda: _structure(ctx, article))


def _structure(ctx: Context, article: Article) -> Structure:
    outline = analysis_of(ctx, article).outline
    kids = _children(outline)
    chapters = [i for i in sorted(outline) if outline[i].marker.family == "chapter"]
    articles = [i for i in sorted(outline) if outline[i].marker.family == "article"]
    top = [i for i in kids.get(None, []) if article.body[i].kind is not BlockKind.ATTACHMENT]
    with_items = [i for i in top if kids.get(i)]
    substantive = [i for i in with_items if not framing(article, i)]
    aspects = substantive
    if len(substantive) == 1 and any(kids.get(k) for k in kids.get(substantive[0], [])):
        aspects = [k for k in kids[substantive[0]] if not framing(article, k)]   # 二、主要任务 → (一)…(五)
    items = [k for a in aspects for k in kids.get(a, [])]
    aspect_readings = [aspects, substantive]
    part_readings = [top, with_items, aspects, substantive]
    item_readings = [items,
                     [k for a in with_items for k in kids.get(a, [])],
                     [g for k in items for g in kids.get(k, [])],
                     [i for i in top if not framing(article, i)]]
    if not aspects:                       # a flat list: 一、…十二、 are the items themselves
        items = item_readings[3]
        item_readings.insert(0, items)
    if articles:                          # a regulation: its 条 are what “共N条” counts
        item_readings.insert(0, articles)
        items = articles
    return Structure(aspects, items, [r for r in aspect_readings if r], [r for r in part_readings if r],
                     [r for r in item_readings if r], chapters, articles)
