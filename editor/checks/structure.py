"""Article structure: lists whose items end inconsistently, articles without a body."""

from __future__ import annotations

from ..model import Article, BlockKind
from .framework import Context, Edit, Example, Fix, diagnostic, rule
from .numbering import analysis_of

_ENDINGS = {";": "；", "；": "；", "。": "。"}


def _lists(ctx: Context, article: Article) -> list[list[int]]:
    """Block indices of each list: sibling numbered items, or a run of bulleted items."""
    analysis = analysis_of(ctx, article)
    groups: dict[int, list[int]] = {}
    group_of: dict[int, int] = {}
    for i in sorted(analysis.outline):
        node = analysis.outline[i]
        if node.previous is not None and not node.reopened and node.previous in group_of:
            g = group_of[node.previous]
        else:
            g = i
        group_of[i] = g
        groups.setdefault(g, []).append(i)
    lists = list(groups.values())
    run: list[int] = []
    for i, b in enumerate(article.body + [None]):
        if b is not None and b.kind is BlockKind.LIST_ITEM:
            run.append(i)
            continue
        if run:
            lists.append(run)
            run = []
    return [items for items in lists if len(items) >= 3]


def _ending(text: str) -> str:
    t = text.rstrip()
    return _ENDINGS.get(t[-1:], t[-1:]) if t else ""


@rule("structure.item-ending", "structure", "warning", "同一列表各项的结尾标点不一致（；与。混用）",
      Example(bad="1、优质数据流通支持申请表；\n\n2、各交易企业的数据交易所交易凭证复印件。\n\n"
                  "3、数据交易所支持各交易企业的证明材料；\n\n4、各交易企业的营业执照复印件。",
              good="1、优质数据流通支持申请表；\n\n2、各交易企业的数据交易所交易凭证复印件；\n\n"
                   "3、数据交易所支持各交易企业的证明材料；\n\n4、各交易企业的营业执照复印件。"))
def check_item_ending(ctx: Context):
    for article in ctx.articles():
        for items in _lists(ctx, article):
            inner = items[:-1]          # the last item legitimately closes the list with 。
            ends = {i: _ending(article.body[i].text) for i in inner}
            for usual, odd in (("；", "。"), ("。", "；")):
                n = sum(1 for e in ends.values() if e == usual)
                if n < 2 or n * 3 < len(inner) * 2:
                    continue
                for i in inner:
                    if ends[i] == usual:
                        continue
                    if ends[i] != odd and not (usual == "；" and ends[i] in ("", "，", ",")):
                        continue
                    text = article.body[i].text.rstrip()
                    shown = f"以“{ends[i]}”结尾" if ends[i] else "没有结尾标点"
                    pos = len(text) - (1 if ends[i] else 0)
                    at = pos if ends[i] else max(pos - 1, 0)
                    fix = Fix(f"改为“{usual}”", (Edit(article.id, "body", pos, len(text), usual, i),), safe=False)
                    yield diagnostic(ctx, "structure.item-ending",
                                     f"列表各项结尾不一致：同一列表的其他项以“{usual}”结尾，这一项{shown}",
                                     article=article, block_index=i, offset=at, length=1, fix=fix)
                break


@rule("structure.empty", "structure", "error", "文章没有正文",
      Example(bad="（正文为空，只有标题）", good="网络安全保险是为网络安全风险提供保险保障的新兴险种……", field=""))
def check_empty(ctx: Context):
    for article in ctx.articles():
        if not any((b.text or b.rows or b.src) for b in article.body):
            yield diagnostic(ctx, "structure.empty", "文章没有正文", article=article, field="title")
