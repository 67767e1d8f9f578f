"""Marker style: one series written one way.

A series (see numbering.analyse: members that follow one another, across
parents when the series continues) should not mix full-width and half-width
brackets — （一） against (七) — or marker punctuation — 1. against 1、. Runs of
deviating members are reported once, with a fix for the whole run.
"""

from __future__ import annotations

from collections import Counter

from ..model import Article
from .framework import Context, Edit, Example, Fix, diagnostic, fix_text, rule
from .numbering import analysis_of

_BRACKETED = ("cn-paren", "arabic-paren")
_PUNCTUATED = ("cn", "arabic")


def _runs(members: list[int], deviates) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for i in members:
        if deviates(i):
            current.append(i)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _full_edit(article: Article, index: int) -> Edit:
    """The marker of block `index` rewritten with full-width brackets and no space after it."""
    m = article.body[index].marker
    inner = m.raw[1:-1]
    return Edit(article.id, "body", 0, m.length, f"（{inner}）", index)


def _span(article: Article, run: list[int]) -> str:
    first, last = article.body[run[0]].marker.raw, article.body[run[-1]].marker.raw
    return f"“{first}”" if len(run) == 1 else f"“{first}”至“{last}”"


def _series(ctx: Context, article: Article, families: tuple[str, ...]):
    analysis = analysis_of(ctx, article)
    for members in analysis.series_members().values():
        if analysis.outline[members[0]].marker.family in families:
            yield members


@rule("marker-style.bracket-width", "marker-style", "warning", "同一系列编号全角、半角括号混用",
      Example(bad="一、建立健全网络安全保险政策标准体系\n\n（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。"
                  "\n\n二、加强网络安全保险产品服务创新\n\n(三) 丰富网络安全保险产品。",
              good="一、建立健全网络安全保险政策标准体系\n\n（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。"
                   "\n\n二、加强网络安全保险产品服务创新\n\n（三）丰富网络安全保险产品。"))
def check_bracket_width(ctx: Context):
    for article in ctx.articles():
        for members in _series(ctx, article, _BRACKETED):
            widths = {i: article.body[i].marker.bracket for i in members}
            mixed_inside = [i for i in members if widths[i] == "mixed"]
            has_full = any(w == "full" for w in widths.values())
            has_half = any(w == "half" for w in widths.values())
            if not mixed_inside and not (has_full and has_half):
                continue
            full_example = next((article.body[i].marker.raw for i in members if widths[i] == "full"), "（一）")
            for run in _runs(members, lambda i: widths[i] != "full"):
                if all(widths[i] == "mixed" for i in run):
                    msg = f"编号{_span(article, run)}的括号一半全角一半半角，应为全角括号"
                else:
                    msg = (f"同一系列编号括号不统一：{_span(article, run)}用半角括号，"
                           f"而同一系列的“{full_example}”用全角括号")
                fix = Fix(fix_text("改为全角括号", len(run)),
                          tuple(_full_edit(article, i) for i in run))
                yield diagnostic(ctx, "marker-style.bracket-width", msg, article=article, block_index=run[0],
                                 length=len(article.body[run[0]].marker.raw), fix=fix)


@rule("marker-style.halfwidth", "marker-style", "info", "编号用了半角括号（中文用全角括号）",
      Example(bad="第八条 申报材料\n\n(一) 首次挂牌数据产品支持申报材料\n\n(二) 优质数据产品流通支持申报材料",
              good="第八条 申报材料\n\n（一）首次挂牌数据产品支持申报材料\n\n（二）优质数据产品流通支持申报材料"))
def check_halfwidth(ctx: Context):
    for article in ctx.articles():
        for members in _series(ctx, article, _BRACKETED):
            if not all(article.body[i].marker.bracket == "half" for i in members):
                continue
            msg = f"编号{_span(article, members)}用半角括号；中文行文的编号应使用全角括号"
            fix = Fix(fix_text("改为全角括号", len(members)),
                      tuple(_full_edit(article, i) for i in members))
            yield diagnostic(ctx, "marker-style.halfwidth", msg, article=article, block_index=members[0],
                             length=len(article.body[members[0]].marker.raw), fix=fix)


@rule("marker-style.punct", "marker-style", "warning", "同一系列编号后的标点不统一（1. 与 1、混用）",
      Example(bad="1.加快电子产品技术创新。\n\n2、打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。",
              good="1.加快电子产品技术创新。\n\n2.打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。"))
def check_punct(ctx: Context):
    for article in ctx.articles():
        for members in _series(ctx, article, _PUNCTUATED):
            puncts = {i: article.body[i].marker.punct for i in members}
            counts = Counter(puncts.values())
            if len(counts) < 2:
                continue
            first = puncts[members[0]]
            major = max(counts, key=lambda p: (counts[p], p == first))
            for run in _runs(members, lambda i: puncts[i] != major):
                edits = []
                for i in run:
                    raw = article.body[i].marker.raw
                    edits.append(Edit(article.id, "body", len(raw) - 1, len(raw), major, i))
                msg = (f"同一系列编号后的标点不统一：{_span(article, run)}用“{puncts[run[0]]}”，"
                       f"同一系列的其他编号用“{major}”")
                fix = Fix(fix_text(f"改用“{major}”", len(run)), tuple(edits))
                yield diagnostic(ctx, "marker-style.punct", msg, article=article, block_index=run[0],
                                 length=len(article.body[run[0]].marker.raw), fix=fix)
