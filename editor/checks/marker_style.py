"""Marker style: one series written one way.

A series (see numbering.analyse: members that follow one another, across
parents when the series continues) should not mix full-width and half-width
brackets — （一） against (七) —, brackets and a lone closing bracket — （1）
against 3） — or marker punctuation — 1. against 1、. Runs of deviating members
are reported once, with a fix for the whole run. A series written 1）2）3）
throughout is told apart from one where the article writes the same level
（1）（2）, and from a 1） level kept under a （1） level on purpose.
"""

from __future__ import annotations

from collections import Counter

from ..model import Article
from .framework import Context, Edit, Example, Fix, diagnostic, fix_text, rule
from .numbering import analysis_of

_BRACKETED = ("cn-paren", "arabic-paren")
_PUNCTUATED = ("cn", "arabic")
_FIRST = {"cn-paren": "（一）", "arabic-paren": "（1）"}
_HOW = {"half": "用半角括号", "mixed": "的括号一半全角一半半角", "close": "只有右括号"}


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
    inner = m.raw[:-1] if m.bracket == "close" else m.raw[1:-1]
    return Edit(article.id, "body", 0, m.length, f"（{inner}）", index)


def _full_fix(article: Article, run: list[int]) -> Fix:
    return Fix(fix_text("改为全角括号", len(run)), tuple(_full_edit(article, i) for i in run))


def _span(article: Article, run: list[int]) -> str:
    first, last = article.body[run[0]].marker.raw, article.body[run[-1]].marker.raw
    return f"“{first}”" if len(run) == 1 else f"“{first}”至“{last}”"


def _series(ctx: Context, article: Article, families: tuple[str, ...]):
    analysis = analysis_of(ctx, article)
    for members in analysis.series_members().values():
        if analysis.outline[members[0]].marker.family in families:
            yield members


def _report(ctx, rule_id, article, run, msg, fix):
    return diagnostic(ctx, rule_id, msg, article=article, block_index=run[0],
                      length=len(article.body[run[0]].marker.raw), fix=fix)


@rule("marker-style.bracket-width", "marker-style", "warning",
      "同一系列编号括号写法不统一（全角、半角混用，或缺左括号）",
      Example(bad="一、建立健全网络安全保险政策标准体系\n\n（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。"
                  "\n\n二、加强网络安全保险产品服务创新\n\n(三) 丰富网络安全保险产品。",
              good="一、建立健全网络安全保险政策标准体系\n\n（一）完善网络安全保险政策制度。\n\n（二）健全网络安全保险标准规范。"
                   "\n\n二、加强网络安全保险产品服务创新\n\n（三）丰富网络安全保险产品。"),
      why="同一系列编号写法不一，版面上一眼可见，是复制网页文本留下的痕迹", fix="safe")
def check_bracket_width(ctx: Context):
    for article in ctx.articles():
        for members in _series(ctx, article, _BRACKETED):
            widths = {i: article.body[i].marker.bracket for i in members}
            if len(set(widths.values())) < 2 and "mixed" not in widths.values():
                continue        # written one way throughout: the rules below say whether that way is right
            family = article.body[members[0]].marker.family
            full_example = next((article.body[i].marker.raw for i in members if widths[i] == "full"),
                                _FIRST[family])
            for run in _runs(members, lambda i: widths[i] != "full"):
                kinds = {widths[i] for i in run}
                if kinds == {"mixed"}:
                    msg = f"编号{_span(article, run)}的括号一半全角一半半角，应为全角括号"
                elif len(kinds) == 1:
                    msg = (f"同一系列编号括号不统一：{_span(article, run)}{_HOW[kinds.pop()]}，"
                           f"而同一系列的“{full_example}”用全角括号")
                else:
                    msg = f"同一系列编号括号不统一：{_span(article, run)}写法不一，应都像“{full_example}”用全角括号"
                yield _report(ctx, "marker-style.bracket-width", article, run, msg, _full_fix(article, run))


@rule("marker-style.halfwidth", "marker-style", "info", "编号用了半角括号（中文用全角括号）",
      Example(bad="第八条 申报材料\n\n(一) 首次挂牌数据产品支持申报材料\n\n(二) 优质数据产品流通支持申报材料",
              good="第八条 申报材料\n\n（一）首次挂牌数据产品支持申报材料\n\n（二）优质数据产品流通支持申报材料"),
      why="中文行文用全角括号（GB/T 15834），半角括号排出来窄而偏", fix="safe")
def check_halfwidth(ctx: Context):
    for article in ctx.articles():
        for members in _series(ctx, article, _BRACKETED):
            if not all(article.body[i].marker.bracket == "half" for i in members):
                continue
            msg = f"编号{_span(article, members)}用半角括号；中文行文的编号应使用全角括号"
            yield _report(ctx, "marker-style.halfwidth", article, members, msg, _full_fix(article, members))


def _closing_only_series(ctx: Context, article: Article):
    """(series, how the article writes that level elsewhere or None) for every 1）-only series.

    A series kept as a level of its own under （1） (outline key "…/close") is left alone:
    the two forms tell two levels apart there, and changing it would merge them.
    """
    analysis = analysis_of(ctx, article)
    series = list(_series(ctx, article, _BRACKETED))
    family_of = {members[0]: article.body[members[0]].marker.family for members in series}
    split = {n.marker.family for n in analysis.outline.values() if "/" in n.key}
    # How the article writes a level when it writes it one way throughout (a slip inside a
    # series is bracket-width's business, and says nothing about the article's usage).
    usage: dict[str, str] = {}
    for members in series:
        marks = [article.body[i].marker for i in members]
        if all(m.bracket == "full" for m in marks):
            usage.setdefault(marks[0].family, marks[0].raw)
    for members in series:
        family = family_of[members[0]]
        if family in split or not all(article.body[i].marker.bracket == "close" for i in members):
            continue
        yield members, usage.get(family)


@rule("marker-style.close-bracket", "marker-style", "warning", "编号只写了右括号（如“1）”），而本文同级的编号写作“（1）”",
      Example(bad="一、总体要求\n\n（1）坚持需求牵引。\n\n（2）坚持创新驱动。\n\n二、重点任务\n\n"
                  "1）加快行业转型升级。\n\n2）强化数据要素作用。",
              good="一、总体要求\n\n（1）坚持需求牵引。\n\n（2）坚持创新驱动。\n\n二、重点任务\n\n"
                   "（1）加快行业转型升级。\n\n（2）强化数据要素作用。"),
      why="同一级编号本文另有“（1）”写法，缺左括号是录入时丢了", fix="safe")
def check_close_bracket(ctx: Context):
    for article in ctx.articles():
        for members, other in _closing_only_series(ctx, article):
            if other is None:
                continue
            msg = f"编号{_span(article, members)}只有右括号，而本文同级的编号写作“{other}”，应补上左括号"
            yield _report(ctx, "marker-style.close-bracket", article, members, msg, _full_fix(article, members))


@rule("marker-style.close-only", "marker-style", "info", "编号只写了右括号（如“1）”“一）”），公文中写作“（1）”“（一）”",
      Example(bad="二、重点任务\n\n1）加快行业转型升级。\n\n2）强化数据要素作用。",
              good="二、重点任务\n\n（1）加快行业转型升级。\n\n（2）强化数据要素作用。"),
      why="公文的括号编号成对使用（GB/T 9704），“1）”是网页和办公软件的写法", fix="safe")
def check_close_only(ctx: Context):
    for article in ctx.articles():
        for members, other in _closing_only_series(ctx, article):
            if other is not None:
                continue
            first = article.body[members[0]].marker
            want = _full_edit(article, members[0]).replacement
            msg = f"编号{_span(article, members)}只有右括号；公文中编号的括号成对使用，“{first.raw}”应写作“{want}”"
            yield _report(ctx, "marker-style.close-only", article, members, msg, _full_fix(article, members))


@rule("marker-style.punct", "marker-style", "warning", "同一系列编号后的标点不统一（1. 与 1、混用）",
      Example(bad="1.加快电子产品技术创新。\n\n2、打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。",
              good="1.加快电子产品技术创新。\n\n2.打造电子产品消费新场景。\n\n3.着力消除电子产品使用障碍。"),
      why="同一系列“1.”与“1、”混用，是多处拼接的文本", fix="safe")
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
