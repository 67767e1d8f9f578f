"""The issue as a whole: columns, 编者按, titles, contents, date and numbers."""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from ..cadence import advance, next_numbers
from ..content import ARTICLES_DIR, ISSUE_FILE
from ..model import Location
from .framework import Context, Edit, Example, Fix, diagnostic, rule

# A 要目 title sharing less than this with the article title is probably another article's.
TOC_SIMILARITY = 0.5


def _issue_loc(ctx: Context, key: str) -> Location:
    return ctx.issue.field_locs.get(key) or Location(ISSUE_FILE, 1, 1)


@rule("issue.column-missing", "issue", "error", "模板栏目本期没有文章，也未列入 omit_columns",
      Example(bad="栏目“地方新政”没有文章", good="栏目“地方新政”有文章，或 omit_columns = [\"地方新政\"]", field=""),
      why="模板规定的栏目空着，会让读者以为漏排", fix="confirm")
def check_columns(ctx: Context):
    have = {c.name for c in ctx.issue.columns if c.articles}
    for spec in ctx.template.columns:
        if spec.name in have or spec.name in ctx.issue.omit_columns or spec.optional:
            continue
        omitted = "\n".join([*ctx.issue.omit_columns, spec.name])     # the whole list, as issue fields are edited
        yield diagnostic(ctx, "issue.column-missing", f"栏目“{spec.name}”本期没有文章",
                         location=ctx.issue.field_locs.get(f"column:{spec.name}") or _issue_loc(ctx, "columns"),
                         excerpt=spec.name, hint=f"若本期有意不设，在 issue.toml 中写 omit_columns = [\"{spec.name}\"]",
                         fix=Fix(f"本期不设栏目“{spec.name}”", (Edit(None, "omit_columns", 0, 0, omitted),), safe=False))


@rule("issue.column-unknown", "issue", "warning", "栏目或 omit_columns 中的栏目不在模板中",
      Example(bad="[[columns]] name = \"国策要闻\"", good="[[columns]] name = \"国策要论\"", field=""),
      why="不在模板中的栏目多半是栏目名打错了", fix="none")
def check_unknown_columns(ctx: Context):
    known = [c.name for c in ctx.template.columns]
    for column in ctx.issue.columns:
        if column.name not in known:
            yield diagnostic(ctx, "issue.column-unknown",
                             f"栏目“{column.name}”不在模板中（模板栏目：{'、'.join(known)}）",
                             location=_issue_loc(ctx, f"column:{column.name}"), excerpt=column.name)
    for name in ctx.issue.omit_columns:
        if name not in known:
            yield diagnostic(ctx, "issue.column-unknown", f"omit_columns 中的“{name}”不是模板栏目",
                             location=_issue_loc(ctx, "omit_columns"), excerpt=name)


@rule("issue.editor-note", "issue", "error", "本栏目要求编者按，这篇文章没有",
      Example(bad="国策要论栏目的文章没有“> ”编者按", good="文章开头有“> 编者按……”", field=""),
      why="本栏目每篇都有编者按，缺了版面不齐，读者也少了导读", fix="none")
def check_editor_note(ctx: Context):
    wanted = {c.name for c in ctx.template.columns if c.requires_editor_note}
    for column in ctx.issue.columns:
        if column.name not in wanted:
            continue
        for article in column.articles:
            if ctx.article_ids is not None and article.id not in ctx.article_ids:
                continue
            if not article.has_editor_note:
                first = dict(block_index=0) if article.body else dict(field="title")
                yield diagnostic(ctx, "issue.editor-note",
                                 f"“{column.name}”栏目的文章需要编者按", article=article,
                                 hint="编者按在文章文件里是正文前以“> ”开头的段落", **first)


@rule("issue.duplicate-title", "issue", "error", "同一期中有两篇文章标题相同",
      Example(bad="两篇文章都叫“重庆市智能建造试点城市建设实施方案”", good="每篇文章标题不同", field=""),
      why="同一期两篇同题，多半是同一篇文章放了两次", fix="none")
def check_duplicate_titles(ctx: Context):
    seen: dict[str, str] = {}
    for article in ctx.issue.articles:
        key = "".join(article.display_title.split())
        if key in seen:
            yield diagnostic(ctx, "issue.duplicate-title", f"标题与文章“{seen[key]}”相同",
                             article=article, field="title", length=len(article.title))
        else:
            seen[key] = article.id


@rule("issue.toc-title", "issue", "warning", "要目标题（toc_title）与正文标题相差太大",
      Example(bad="title = \"重庆市智能建造试点城市建设实施方案\" ⏎ toc_title = \"深圳市数字孪生先锋城市建设行动计划\"",
              good="title = \"重庆市智能建造试点城市建设实施方案\" ⏎ toc_title = \"重庆市智能建造试点城市实施方案\"",
              field=""),
      why="要目标题与正文标题对不上，读者按要目找不到文章", fix="none")
def check_toc_title(ctx: Context):
    for article in ctx.articles():
        if not article.toc_title:
            continue
        a = "".join(article.display_title.split())
        b = "".join(article.toc_title.split())
        if not b:
            continue
        ratio = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        if ratio < TOC_SIMILARITY:
            yield diagnostic(ctx, "issue.toc-title",
                             f"要目标题“{article.toc_title}”与正文标题“{article.display_title}”相差太大，请核对",
                             article=article, field="toc_title", length=len(article.toc_title))


def _expected(ctx: Context):
    prev = ctx.previous
    if prev is None:
        return None
    return next_numbers(prev.date, prev.number, prev.total_number, ctx.template.cadence, new_date=ctx.issue.date)


def _prev_line(ctx: Context) -> str:
    p = ctx.previous
    return f"上一期是 {p.date.year}年{p.date.month}月{p.date.day}日 第{p.number}期 总第{p.total_number}期"


@rule("issue.date", "issue", "warning", "出刊日期与上一期相隔不是一个出刊周期",
      Example(bad="上一期 2023-07-14，本期 2023-07-24（周刊）", good="上一期 2023-07-14，本期 2023-07-21", field=""),
      why="出刊日期与上一期不隔一个周期，多半是新建一期时日期没改", fix="confirm")
def check_date(ctx: Context):
    if ctx.previous is None:
        return
    want = advance(ctx.previous.date, ctx.template.cadence)
    if ctx.issue.date != want:
        fix = Fix(f"改为 {want.isoformat()}", (Edit(None, "date", 0, 0, want.isoformat()),), safe=False)
        yield diagnostic(ctx, "issue.date",
                         f"出刊日期 {ctx.issue.date.isoformat()} 与上一期相隔不是一个出刊周期（{_prev_line(ctx)}，"
                         f"按周期本期应为 {want.isoformat()}）", location=_issue_loc(ctx, "date"),
                         excerpt=ctx.issue.date.isoformat(), fix=fix)


@rule("issue.number", "issue", "error", "期号没有接续上一期",
      Example(bad="上一期第28期，本期 number = 30", good="上一期第28期，本期 number = 29", field=""),
      why="期号不接续，订户归档和引用都会出错", fix="confirm")
def check_number(ctx: Context):
    want = _expected(ctx)
    if want is None or ctx.issue.number == want.number:
        return
    fix = Fix(f"改为第{want.number}期", (Edit(None, "number", 0, 0, str(want.number)),), safe=False)
    yield diagnostic(ctx, "issue.number", f"期号应为第{want.number}期而不是第{ctx.issue.number}期（{_prev_line(ctx)}）",
                     location=_issue_loc(ctx, "number"), excerpt=f"number = {ctx.issue.number}", fix=fix)


@rule("issue.total-number", "issue", "error", "总期号没有接续上一期",
      Example(bad="上一期总第139期，本期 total_number = 141", good="上一期总第139期，本期 total_number = 140", field=""),
      why="总期号不接续，订户归档和引用都会出错", fix="confirm")
def check_total_number(ctx: Context):
    want = _expected(ctx)
    if want is None or ctx.issue.total_number == want.total_number:
        return
    fix = Fix(f"改为总第{want.total_number}期", (Edit(None, "total_number", 0, 0, str(want.total_number)),),
              safe=False)
    yield diagnostic(ctx, "issue.total-number",
                     f"总期号应为总第{want.total_number}期而不是总第{ctx.issue.total_number}期（{_prev_line(ctx)}）",
                     location=_issue_loc(ctx, "total_number"), excerpt=f"total_number = {ctx.issue.total_number}",
                     fix=fix)


@rule("issue.article-unlisted", "issue", "warning", "articles/ 里的文章文件没有列入 issue.toml 的任何栏目（不会排版）",
      Example(bad="articles/08-数据局通知.md 存在，但 issue.toml 的栏目里没有“08-数据局通知”",
              good="[[columns]] articles = [..., \"08-数据局通知\"]", field=""),
      why="没列入栏目的文章不会排版，可能是漏列了", fix="none")
def check_unlisted(ctx: Context):
    if ctx.world.folder is None or ctx.article_ids is not None:   # on disk only, and not on every keystroke
        return
    listed = {a.id for a in ctx.issue.articles}
    for rel in ctx.world.files(ARTICLES_DIR, ".md"):
        path = PurePosixPath(rel)
        if path.stem not in listed:
            yield diagnostic(ctx, "issue.article-unlisted",
                             f"文章文件 {ARTICLES_DIR}/{path.name} 不在 issue.toml 的任何栏目中，不会排版；"
                             f"要刊出请把“{path.stem}”加入栏目的 articles，不要就删去或移走这个文件",
                             location=Location(f"{ARTICLES_DIR}/{path.name}", 1, 1), excerpt=path.stem)
